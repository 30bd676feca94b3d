"""An independent synthetic world for blind acceptance checks.

Written without reading the project's own generator or matchers: names, places,
accents, ages and marks are produced the way rescue-station staff and families
write them, from my own choices of distributions and phrasings.

    python -m bench.blind_world --reports 20000 --intakes 2000 --seed 1 --out DIR

writes DIR/reports.csv, DIR/intakes.csv and DIR/labels.csv (intake_ref, report_ref,
category, + diagnostic columns). Self-contained: stdlib + numpy; real place names
come from python-stdnum's public division-code table (stdnum/cn/loc.dat).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import re
from collections import defaultdict

TODAY = dt.date(2026, 11, 1)

# ---------------------------------------------------------------- syllables
# toned pinyin -> characters (first = most usual in names). Used for pinyin
# output, homophones and dialect confusions.
SYL = """
a1 阿
ai4 爱艾
an1 安
bai2 白
bai3 柏百
ban1 班
bao3 宝保
bei3 北
bin1 斌彬滨宾
bing1 兵冰
bing3 炳丙
bo1 波
bo2 博柏
cai2 才财
cai4 蔡
cao2 曹
cen2 岑
ceng2 曾层
chang2 长常昌
chang1 昌娼
chao1 超
chao2 朝潮
chen2 陈晨辰臣沉
cheng2 程成城诚承
chun1 春椿
cong2 从丛
cui1 崔
cui4 翠
cun1 村
da4 大
dai4 戴代
dan1 丹单
deng4 邓
de2 德
ding1 丁
dong1 东冬
dong3 董
du4 杜
duan4 段
e2 娥
er4 二
fa1 发
fa3 法
fan4 范
fang1 方芳
fang4 放
fei1 飞菲
fen1 芬
feng1 丰峰锋风枫
feng2 冯
feng4 凤
fu2 福符扶
fu4 付富傅
gang1 刚钢
gao1 高
ge2 革
gen1 根
geng1 耕庚
gong1 龚功
gu4 顾
gui4 贵桂
guo1 郭
guo2 国
hai3 海
han2 韩涵寒
hao2 豪
hao3 郝
hao4 浩
he2 何和
he4 贺
hong2 红洪宏鸿
hou2 侯
hu2 胡湖
hua1 花
hua2 华
huang2 黄皇
hui1 辉晖
hui4 慧惠
ji1 基鸡
ji4 继纪
jia1 佳家嘉
jia3 贾
jian4 建健剑
jiang1 江姜
jiang3 蒋
jie2 杰洁
jin1 金
jing1 晶京精
jing4 静敬
ju2 菊
juan1 娟
jun1 军君
jun4 俊峻
ke3 可
kong3 孔
lan2 兰蓝岚
lei2 雷
lei3 磊
li2 黎
li3 李
li4 丽莉立力利
lian2 莲连
liang2 梁良
liang4 亮
liao4 廖
lin2 林琳霖
ling2 玲凌灵
liu2 刘留流
liu3 柳
long2 龙隆
lu2 卢芦
lu4 陆路鹿
luo2 罗
lv3 吕
ma3 马
mao2 毛
mei2 梅
mei4 妹
meng4 孟梦
min2 民
min3 敏
ming2 明鸣铭
mo4 莫
na4 娜
nan2 南男
neng2 能
ni2 尼
nian2 年
ning2 宁凝
niu2 牛
nong2 农
ou1 欧区
pan1 潘
peng2 彭鹏朋
ping2 平萍屏
qi2 奇齐琪
qian2 钱
qiang2 强
qin2 秦琴覃勤
qing1 青清
qing4 庆
qiu1 秋邱
rao2 饶
ren2 任仁
rong2 荣容
ruan3 阮
ru2 如
san1 三
sen1 森
shan1 山珊
shan4 单善
shao4 邵
shen3 沈
sheng1 生胜
shi1 诗师
shi2 石
shi3 史
shou3 守
shu1 淑叔书
shu4 树
shui3 水
si1 思
song4 宋
su1 苏
su4 素
sun1 孙
tan2 谭
tang1 汤
tang2 唐
tao1 涛
tao2 陶
tian2 田甜
ting2 婷庭
wa2 娃
wan4 万
wang1 汪
wang2 王
wei1 威
wei2 韦
wei3 伟玮
wei4 卫魏
wen2 文
weng1 翁
wu2 吴
wu3 武五
xi1 西希
xi3 喜
xia2 霞
xia4 夏
xiang1 香湘
xiang4 向
xiao1 肖萧
xiao3 小晓
xie4 谢解
xin1 新欣鑫
xing1 兴星
xiong2 熊雄
xiu4 秀
xu2 徐
xu3 许
xuan1 轩宣萱
xue1 薛
xue2 学
xue3 雪
yan2 严颜闫
yan4 燕艳
yang2 杨阳
yao2 姚瑶
ye4 叶
yi1 一
yi2 怡
yi4 义易艺毅
yin1 音
yin3 尹
ying1 英莺
yong3 勇永
you3 有友
yu2 于余鱼
yu3 宇雨
yu4 玉
yuan2 袁元援园源
yue4 月跃悦
yun2 云
zang1 臧
zeng1 曾增
zhang1 张章
zhao1 招
zhao4 赵
zhen1 珍
zhen4 振
zheng1 征
zheng4 郑正
zhi4 志
zhong1 钟忠中
zhou1 周
zhu1 朱珠
zi3 子梓紫
zong1 宗
zou1 邹
zu3 祖
tian1 天添
jin4 进晋
hang2 航杭
mei3 美
ran2 然冉
fan2 樊凡
cai3 彩采
"""
CHAR_PY: dict[str, str] = {}
PY_CHARS: dict[str, list[str]] = defaultdict(list)     # toned
BASE_CHARS: dict[str, list[str]] = defaultdict(list)   # toneless
for _line in SYL.strip().splitlines():
    _py, _chars = _line.split()
    for _c in _chars:
        CHAR_PY.setdefault(_c, _py)
        PY_CHARS[_py].append(_c)
        BASE_CHARS[_py[:-1]].append(_c)
# surname readings that differ from the table's first one
CHAR_PY.update({"单": "shan4", "曾": "zeng1", "区": "ou1", "覃": "qin2", "柏": "bai3", "长": "chang2", "解": "jie3"})
WRONG_READING = {"单": "dan1", "曾": "ceng2", "区": "qu1", "覃": "tan2"}

# surname, weight (per 10k, roughly national)
SURNAMES = """王 740 李 720 张 700 刘 540 陈 460 杨 320 黄 230 赵 220 吴 200 周 200 徐 130 孙 120
马 120 朱 110 胡 110 郭 100 何 90 高 90 林 90 罗 85 郑 80 梁 80 谢 70 宋 65 唐 65 许 60 韩 55 冯 55
邓 55 曹 55 彭 50 曾 50 肖 50 田 45 董 45 袁 45 潘 45 于 45 蒋 40 蔡 40 余 40 杜 40 叶 40 程 40 苏 35
魏 35 吕 35 丁 35 任 35 沈 30 姚 30 卢 30 姜 30 崔 30 钟 30 谭 30 陆 30 汪 25 范 25 金 25 石 25 廖 25
贾 25 夏 25 韦 25 付 25 方 25 白 25 邹 20 孟 20 熊 20 秦 20 邱 20 江 20 尹 20 薛 20 闫 20 段 20 雷 20
侯 20 龙 20 史 15 陶 15 黎 15 贺 15 顾 15 毛 15 郝 15 龚 15 邵 15 万 15 钱 15 严 15 覃 10 武 15 戴 15
莫 10 孔 10 向 10 汤 10 单 6 区 3 欧阳 5 农 3 蓝 4 宁 5 牛 6 柳 4 符 4 饶 4 阮 3 容 3 易 6 凌 4 岑 2
翁 3 宗 2 臧 2 祖 1 樊 0"""
REGIONAL = {  # province prefix -> extra weights
    "45": {"覃": 120, "韦": 150, "莫": 80, "蓝": 40, "农": 40, "黄": 200, "梁": 60, "陆": 40, "岑": 15},
    "44": {"区": 30, "梁": 80, "陈": 120, "黄": 90, "林": 60, "冯": 30, "罗": 30, "岑": 10},
    "43": {"欧阳": 20, "曾": 40, "彭": 40, "谭": 40, "唐": 30, "易": 20},
    "35": {"林": 150, "陈": 150, "黄": 80, "郑": 60, "翁": 20},
    "36": {"欧阳": 15, "刘": 60, "万": 20, "熊": 20},
    "51": {"何": 30, "罗": 30, "邓": 20, "向": 10},
    "52": {"龙": 40, "杨": 60},
}

# given names by cohort: (male, female); "|" separates the list of two-char
# names from single-char names.
GIVEN = {
    1930: ("德福 福贵 长生 根生 有才 金宝 树林 玉林 守义 德明 荣华 国华 成功 水生 发财 长山 福生 德胜 "
           "忠义 仁义 有福 春生 学文 文华 振华 永福",
           "秀英 桂兰 桂英 玉兰 凤英 秀兰 淑珍 素珍 秀珍 玉珍 翠花 金凤 桂芳 玉梅 春梅 凤兰 玉英 "
           "秀芳 淑英 桂珍 月娥 菊香 春香 凤珍 兰英"),
    1950: ("建国 国庆 援朝 建华 卫国 振华 国华 志强 建军 建平 德明 国强 树林 解放 和平 胜利 永胜 "
           "文华 建明 长春 志明 永庆 庆华 跃进|军 平 明 华 林 忠 强 刚 斌 勇 成 福 山 海 生 兵",
           "秀英 桂兰 桂英 玉兰 秀兰 淑珍 秀珍 凤英 玉梅 冬梅 春梅 桂芳 秀芳 建华 丽华 秀梅 玉华 "
           "凤兰 桂珍 金凤|英 兰 珍 华 芳 梅 霞 琴 云 菊 萍 秀 莲 香"),
    1965: ("卫东 红卫 建军 建平 志刚 国强 建明 永红 向东 学军 卫国 红兵 文革 建新 新民 建华 志勇 "
           "海涛 国平 永强 振东 小平|军 勇 刚 斌 平 华 明 强 伟 林 兵 忠 东 海 波 亮 辉 峰 成 涛 杰 龙 健 荣",
           "红梅 丽华 秀梅 春燕 晓红 卫红 丽娟 海燕 红霞 秀兰 桂芳 玉梅 建英 红英 丽萍 彩霞 "
           "美玲 春花 冬梅 爱华|红 丽 霞 芳 敏 玲 华 萍 英 燕 梅 琴 娟 艳 云 莉 静 兰 慧 珍 凤 莲 雪"),
    1980: ("志伟 建伟 海波 晓东 永强 俊杰 海涛 建军 志强 晓明 小龙 文杰 建华 国伟 明亮 志勇 "
           "晓峰 海军 金龙 立军 建新 振宇|伟 磊 涛 强 军 勇 杰 鹏 超 浩 亮 斌 俊 明 辉 刚 健 波 峰 龙 飞",
           "晓燕 丽娜 婷婷 静静 红艳 丽丽 晓丽 海燕 秀丽 丽萍 晓红 春燕 艳红 小红 美玲 金凤 "
           "丽君|婷 静 丽 芳 娟 敏 燕 艳 丹 萍 玲 雪 莉 娜 霞 慧"),
    1995: ("浩然 宇航 俊豪 博文 一鸣 子豪 子轩 梓轩 浩宇 俊杰 宇轩 家豪 文博 明轩 天宇 嘉豪 "
           "思源 志豪 鑫宇 俊宇|浩 宇 轩 杰 鹏 磊 超 豪 鑫 博 阳 涛",
           "欣怡 雨涵 诗涵 梓涵 佳怡 思雨 雨欣 可欣 子涵 梦瑶 佳琪 紫涵 欣然 思琪 晓雪 婷婷 "
           "雨婷 静怡|婷 静 雪 琳 瑶 欣 怡 琪 涵 萱"),
}
for _k in list(GIVEN):
    pass

NUM_CN = "零一二三四五六七八九"


def cn_num(n: int) -> str:
    if n < 10:
        return NUM_CN[n]
    if n >= 100:
        return "一百" + (("零" + NUM_CN[n - 100]) if 0 < n - 100 < 10 else (cn_num(n - 100) if n > 100 else ""))
    t, u = divmod(n, 10)
    s = ("" if t == 1 else NUM_CN[t]) + "十"
    return s + (NUM_CN[u] if u else "")


# ---------------------------------------------------------------- places
PROV_WEIGHT = {"51": 9, "41": 9, "43": 7, "45": 6, "52": 6, "53": 6, "34": 6, "42": 6, "37": 6, "13": 5,
               "36": 5, "44": 5, "50": 4, "32": 4, "61": 4, "62": 3, "14": 3, "23": 3, "22": 2, "21": 3,
               "33": 3, "35": 3, "15": 2, "65": 1, "64": 1, "63": 0.5, "54": 0.3, "46": 1, "11": 0.6,
               "12": 0.5, "31": 0.5}
# migrant destinations (prefecture codes) where people are found / went missing
DEST = {"4403": 8, "4401": 8, "4419": 7, "4406": 3, "3101": 6, "1101": 5, "3301": 4, "3302": 3, "3205": 4,
        "5101": 4, "5001": 4, "4201": 3, "4301": 3, "4101": 3, "1201": 2, "3502": 2, "3201": 2, "6101": 2,
        "4413": 2, "3303": 2, "3702": 2}
SUFFIX_RE = re.compile(r"(土家族苗族自治县|苗族侗族自治县|[\u4e00-\u9fff]{1,6}族自治县|自治县|自治旗|县|区|市|旗)$")


def short_prov(name: str) -> str:
    for s in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
        if name.endswith(s):
            name = name[: -len(s)]
            break
    return name


def stem(name: str) -> str:
    if "族" in name and name.endswith(("自治州", "自治县", "自治旗")):
        return name[:2]
    s = SUFFIX_RE.sub("", name)
    if s.endswith(("地区", "自治州")):
        s = s[:-2] if s.endswith("地区") else s[:-3]
    if s.endswith(("盟",)):
        s = s[:-1]
    return s if len(s) >= 2 else name


def _periods(field: str) -> list[tuple[int | None, int | None, str]]:
    out = []
    for part in field.split(","):
        m = re.match(r"\[(\d*)-(\d*)\](.*)", part)
        if m:
            out.append((int(m.group(1)) if m.group(1) else None, int(m.group(2)) if m.group(2) else None, m.group(3)))
        else:
            out.append((None, None, part))
    return out


def load_gazetteer():
    import stdnum
    path = os.path.join(os.path.dirname(stdnum.__file__), "cn", "loc.dat")
    provs: dict[str, str] = {}
    entries: dict[str, list] = {}   # 6-digit code -> periods
    cur = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            if not line.startswith(" "):
                code, rest = line.split(None, 1)
                cur = code
                provs[code] = re.search(r'province="([^"]*)"', rest).group(1)
            else:
                code, rest = line.split(None, 1)
                entries[cur + code] = _periods(re.search(r'county="([^"]*)"', rest).group(1))
    counties = []
    hist_by_stem: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, per in entries.items():
        for a, b, n in per:
            if b is not None and n not in ("市辖区", "县", "郊区", "矿区"):
                hist_by_stem[(code[:2], stem(n))].append((code, n))
    for code, per in entries.items():
        if code[4:] == "00" or code[:2] not in PROV_WEIGHT:
            continue
        now = [n for a, b, n in per if b is None]
        if not now:
            continue
        name = now[-1]
        if name in ("市辖区", "县", "郊区", "矿区") or "开发区" in name or "新区" in name:
            continue
        pcode = code[:4] + "00"
        pnow = [n for a, b, n in entries.get(pcode, []) if b is None]
        pref = pnow[-1] if pnow and pnow[-1] not in ("市辖区", "县") else provs[code[:2]]
        prov = provs[code[:2]]
        old_pref = [n for a, b, n in entries.get(pcode, []) if b is not None and n not in ("市辖区", "县")]
        old_names = [n for a, b, n in per if b is not None and n != name]
        for hc, hn in hist_by_stem.get((code[:2], stem(name)), []):
            if hc == code:
                continue
            hp = [n for a, b, n in entries.get(hc[:4] + "00", []) if n not in ("市辖区", "县")]
            for n in hp:
                if n != pref and n.endswith(("地区", "市", "盟", "州")) and n not in old_pref:
                    old_pref.append(n)
            if hn != name and hn not in old_names:
                old_names.append(hn)
        w = PROV_WEIGHT[code[:2]] * (0.35 if name.endswith("区") else 1.0)
        counties.append(dict(code=code, name=name, pref=pref, prov=prov, pcode=code[:2],
                             old_pref=old_pref, old_names=old_names, w=w))
    return counties


TOWN_A = list("石白新龙杨黄大青长河三高柳马金双桃太永红东西南北五古清花茶竹松凤枫沙柏岩铁盘卧官孔庙")
TOWN_A += ["李家", "王家", "张家", "刘家", "陈家", "杨家", "周家", "何家", "罗家", "曾家"]
TOWN_B_S = list("桥沙塘田坪山岭口江湾溪林岩坝冲坡铺寨垌圩洞水源头")
TOWN_B_N = list("桥庄营集店沟洼河堡屯头山口岭坡寨峪铺庙台")
SOUTH = {"43", "44", "45", "35", "36", "51", "50", "52", "53", "33", "42", "46", "34"}


def county_units(county: dict, seed: int) -> list[tuple[str, list[str]]]:
    """Towns (with 镇/乡) each with villages (村), deterministic per county."""
    r = random.Random(f"{seed}:{county['code']}")
    B = TOWN_B_S if county["pcode"] in SOUTH else TOWN_B_N
    seen = set()
    towns = []
    while len(towns) < 10:
        s = r.choice(TOWN_A) + r.choice(B)
        if s in seen or len(s) > 3:
            continue
        seen.add(s)
        vill = []
        while len(vill) < 12:
            v = r.choice(TOWN_A) + r.choice(B)
            if r.random() < 0.15:
                v = r.choice(["新华", "红星", "东风", "团结", "胜利", "向阳", "光明", "和平", "新民", "建设", "联合", "群英"])
            if v in seen:
                continue
            seen.add(v)
            vill.append(v)
        towns.append((s + ("镇" if r.random() < 0.65 else "乡"), vill))
    return towns


# accents by province as staff write them
ACCENT = {
    "11": ["北京口音", "京腔", "说普通话带北京腔"], "12": ["天津口音", "天津话"], "13": ["河北口音", "河北话"],
    "14": ["山西口音", "山西话"], "15": ["内蒙口音", "内蒙古口音"], "21": ["东北口音", "辽宁口音"],
    "22": ["东北口音", "吉林口音"], "23": ["东北口音", "黑龙江口音", "东北话"], "31": ["上海话", "上海口音"],
    "32": ["江苏口音", "苏北口音", "苏北话"], "33": ["浙江口音", "浙江话"], "34": ["安徽口音", "安徽话"],
    "35": ["闽南话", "福建口音", "说闽南语"], "36": ["江西口音", "江西话", "赣语"],
    "37": ["山东口音", "山东话"], "41": ["河南口音", "河南话", "说河南话"], "42": ["湖北口音", "湖北话"],
    "43": ["湖南口音", "湖南话", "说湖南话", "湘语"], "44": ["粤语", "广东话", "白话", "广东口音"],
    "45": ["广西口音", "广西话", "白话", "壮话"], "46": ["海南话", "海南口音"], "50": ["重庆口音", "四川话", "重庆话"],
    "51": ["四川口音", "四川话", "说四川话", "川音"], "52": ["贵州口音", "贵州话"], "53": ["云南口音", "云南话"],
    "54": ["藏语", "西藏口音"], "61": ["陕西口音", "陕西话"], "62": ["甘肃口音", "甘肃话"], "63": ["青海口音"],
    "64": ["宁夏口音"], "65": ["新疆口音"],
}
CITY_ACCENT = {"4405": "潮汕话", "4415": "潮汕话", "4451": "潮汕话", "3303": "温州话", "4301": "长沙话",
               "3501": "福州话", "3505": "闽南话", "4403": "客家话", "4414": "客家话", "5101": "成都话",
               "4201": "武汉话", "3205": "苏州话", "4503": "桂林话", "4502": "柳州话"}
NEIGHBOR = {"43": "42", "42": "43", "51": "50", "50": "51", "41": "34", "34": "41", "44": "45", "45": "44",
            "36": "43", "52": "51", "53": "52", "37": "13", "13": "37", "62": "61", "61": "62", "35": "44"}
# dialect confusions (toneless syllable rewrites) and where they are typical
CONFUSIONS = {
    "n/l": ({"43", "51", "50", "42", "36", "34", "32", "52", "53", "45"}, [("^n", "l"), ("^l", "n")]),
    "f/h": ({"43", "35", "44", "51", "50", "36", "45"}, [("^fu$", "hu"), ("^hu$", "fu"), ("^f", "hu"), ("^hu(?=[aie])", "f"),
                                                         ("^hui$", "fei"), ("^fei$", "hui"), ("^feng$", "hong"), ("^hong$", "feng")]),
    "zh/z": ({"44", "35", "51", "50", "43", "32", "33", "31", "45", "36", "42", "52", "53"},
             [("^zh", "z"), ("^z(?!h)", "zh"), ("^ch", "c"), ("^c(?!h)", "ch"), ("^sh", "s"), ("^s(?!h)", "sh")]),
    "-n/-ng": ({"43", "51", "50", "42", "36", "32", "33", "34", "35", "44", "45", "52", "53", "61", "62"},
               [("in$", "ing"), ("ing$", "in"), ("en$", "eng"), ("eng$", "en")]),
    "h/w": ({"32", "33", "34", "42", "43", "36"}, [("^huang$", "wang"), ("^wang$", "huang"), ("^hu$", "wu"),
                                                    ("^wu$", "hu"), ("^hui$", "wei"), ("^wei$", "hui")]),
    "r/y/l": ({"21", "22", "23", "42", "51", "50", "43"}, [("^r(?=[ou])", "y"), ("^ren$", "yin"), ("^r", "l")]),
    "ü/i": ({"53", "52", "45", "44", "35"}, [("^xu$", "xi"), ("^yu$", "yi"), ("^lv$", "li"), ("^ju$", "ji"),
                                               ("^qu$", "qi"), ("^xue$", "xie"), ("^yue$", "ye")]),
}

# ---------------------------------------------------------------- marks
LOC = {"face": ["左脸", "右脸", "额头", "下巴", "鼻子旁", "左眉", "右眉", "嘴角", "左耳后", "右耳后", "脖子", "颈部左侧"],
       "body": ["胸口", "后背", "肚子", "左肩", "右肩", "腰部"],
       "limb": ["左手背", "右手背", "左手臂", "右手臂", "左腿", "右腿", "左小腿", "右膝盖", "左脚", "右脚"]}
MARK_KINDS = [  # kind, where, weight
    ("mole", ("face", "body", "limb"), 25), ("birthmark", ("face", "body", "limb"), 12),
    ("scar", ("face", "body", "limb"), 25), ("finger", ("hand",), 6), ("tattoo", ("body", "limb"), 6),
    ("six", ("hand",), 2), ("burn", ("body", "limb", "face"), 5), ("harelip", ("-",), 2), ("limp", ("-",), 4),
    ("squint", ("-",), 3), ("mute", ("-",), 4), ("tooth", ("-",), 3), ("ear", ("face",), 2),
]
WORD = {
    "mole": (["{l}有颗黑痣", "{l}有痣", "{l}一颗黑痣", "{l}有颗大痣"], ["{l}有痣", "{l}黑痣", "{l}有个痦子", "{l}有黑点", "{l}长颗痣"]),
    "birthmark": (["{l}有胎记", "{l}有块红色胎记", "{l}有青色胎记"], ["{l}有胎记", "{l}有块记", "{l}有红斑", "{l}有一块青色印记", "{l}胎记明显"]),
    "scar": (["{l}有疤", "{l}有一道疤痕", "{l}有伤疤", "{l}有刀疤"], ["{l}有疤痕", "{l}有疤", "{l}有旧伤疤", "{l}一条疤", "{l}疤痕约3厘米"]),
    "finger": (["{s}手缺小指", "{s}手少一根手指", "{s}手食指断了一截"], ["{s}手小拇指残缺", "{s}手小指缺失", "{s}手四指", "{s}手缺一指", "{s}手指残缺"]),
    "six": (["{s}手六指", "{s}手有六个手指"], ["{s}手多一指", "{s}手六指", "六指"]),
    "tattoo": (["{l}纹有“忍”字", "{l}有纹身", "{l}纹了一条龙"], ["{l}有纹身", "{l}纹身（字）", "{l}有刺青", "{l}纹龙"]),
    "burn": (["{l}有烫伤疤", "{l}小时候烧伤过"], ["{l}有烧伤疤痕", "{l}烫伤痕迹", "{l}皮肤有烧伤"]),
    "harelip": (["兔唇", "豁嘴"], ["唇裂", "兔唇（做过手术）", "上唇有疤"]),
    "limp": (["走路跛脚", "{s}腿有点瘸"], ["跛行", "走路一瘸一拐", "{s}腿残疾"]),
    "squint": (["斜视", "眼睛有点斜"], ["斜眼", "斜视"]),
    "mute": (["聋哑", "不会说话"], ["聋哑", "不能言语", "哑巴"]),
    "tooth": (["缺门牙", "镶了颗金牙"], ["门牙缺失", "有金牙", "缺牙"]),
    "ear": (["{s}耳残缺", "{s}耳朵有缺口"], ["{s}耳廓缺损", "{s}耳有缺口"]),
}
GENERAL_R = ["偏瘦", "身材中等", "短发", "圆脸", "国字脸", "皮肤黑", "智力有障碍", "患有精神疾病", "患老年痴呆", "记忆力差",
             "走失时穿蓝色外套", "穿黑色棉衣", "戴眼镜", "头发花白", "大眼睛", "走时穿校服"]
GENERAL_I = ["偏瘦", "身体较差", "精神状态不佳", "智力低下", "头发花白", "衣着破旧", "反应迟钝", "体型偏胖", "短发",
             "长期流浪", "意识不清", "营养不良", "言语不清", "神志清醒"]
VAGUE_HINTS = ["住在河边", "家门口有条河", "家在山里", "家附近有火车站", "村里有个大水库", "家旁边有座桥", "老家种水稻",
               "说家里种橘子", "家在县城边上", "老家很远", "坐过轮船", "家在海边", "家附近有煤矿", "家在山上", "村口有棵大树"]


# ---------------------------------------------------------------- helpers
TONE_MARK = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "v": "ǖǘǚǜ"}


def toned(py: str) -> str:
    base, t = py[:-1], int(py[-1])
    if t == 5 or t == 0:
        return base.replace("v", "ü")
    idx = None
    for v in "ae":
        if v in base:
            idx = base.index(v)
            break
    if idx is None:
        idx = base.index("o") if "ou" in base else max(i for i, c in enumerate(base) if c in "aeiouv")
    out = base[:idx] + TONE_MARK[base[idx]][t - 1] + base[idx + 1:]
    return out.replace("v", "ü")


def plain(py: str, v_as: str = "v") -> str:
    return py[:-1].replace("v", v_as)


def chars_of(name: str) -> list[str]:
    return [name] if False else list(name)


def child_h(age: float, adult: float) -> float:
    if age < 12:
        return 75 + 6.0 * age
    return 147 + (adult - 147) * min(1.0, (age - 12) / 6)


class World:
    def __init__(self, seed: int):
        self.seed = seed
        self.r = random.Random(seed)
        self.counties = load_gazetteer()
        self.cw = [c["w"] for c in self.counties]
        self.by_pref4 = defaultdict(list)
        self.by_prov = defaultdict(list)
        for c in self.counties:
            self.by_pref4[c["code"][:4]].append(c)
            self.by_prov[c["pcode"]].append(c)
        self.units_cache: dict[str, list] = {}
        sw = []
        for line in SURNAMES.split("\n"):
            toks = line.split()
            sw += [(toks[i], float(toks[i + 1])) for i in range(0, len(toks), 2)]
        self.surnames = [s for s, w in sw if w > 0]
        self.sw = [w for s, w in sw if w > 0]
        self.given = {}
        for coh, (m, f) in GIVEN.items():
            self.given[coh] = {}
            for sex, txt in (("男", m), ("女", f)):
                two, _, one = txt.partition("|")
                self.given[coh][sex] = (two.split(), one.split())
        for ch in "".join(SURNAMES.split()) + "".join(" ".join(sum(((a, b) for a, b in GIVEN.values()), ()))):
            if "\u4e00" <= ch <= "\u9fff" and ch not in CHAR_PY:
                raise SystemExit(f"no pinyin for {ch}")

    # ----------------------------------------------------------- people
    def units(self, c):
        u = self.units_cache.get(c["code"])
        if u is None:
            u = self.units_cache[c["code"]] = county_units(c, self.seed)
        return u

    def surname(self, pcode):
        reg = REGIONAL.get(pcode)
        if reg and self.r.random() < 0.35:
            ks = list(reg)
            return self.r.choices(ks, [reg[k] for k in ks])[0]
        return self.r.choices(self.surnames, self.sw)[0]

    def given_name(self, born: int, sex: str) -> str:
        cohs = sorted(self.given)
        coh = max(c for c in cohs if c <= max(born, 1930))
        # a little bleed into the neighbouring cohort
        if self.r.random() < 0.2:
            i = cohs.index(coh) + self.r.choice([-1, 1])
            coh = cohs[min(max(i, 0), len(cohs) - 1)]
        two, one = self.given[coh][sex]
        p_one = {1930: 0.05, 1950: 0.15, 1965: 0.3, 1980: 0.4, 1995: 0.3}[coh]
        if one and self.r.random() < p_one:
            return self.r.choice(one)
        if self.r.random() < 0.6:   # recombined two-char names (real given names are diverse)
            a, b = self.r.choice(two), self.r.choice(two)
            return a[0] + b[1]
        return self.r.choice(two)

    def person(self):
        r = self.r
        c = r.choices(self.counties, self.cw)[0]
        kind = r.choices(["old", "adult", "child"], [40, 42, 18])[0]
        if kind == "old":
            born = int(r.triangular(1932, 1964, 1955))
            sex = "男" if r.random() < 0.55 else "女"
            miss = dt.date(r.choices(range(2000, 2027), [1 + (y - 2000) ** 1.3 for y in range(2000, 2027)])[0], 1, 1)
        elif kind == "adult":
            born = r.randint(1955, 2002)
            sex = "男" if r.random() < 0.68 else "女"
            y0 = max(born + 18, 1990)
            miss = dt.date(r.randint(y0, 2026) if y0 <= 2026 else 2026, 1, 1)
        else:
            born = r.randint(1980, 2018)
            sex = "男" if r.random() < 0.6 else "女"
            miss = dt.date(min(born + r.randint(2, 16), 2026), 1, 1)
        miss = miss + dt.timedelta(days=r.randint(0, 364))
        if miss > TODAY:
            miss = TODAY - dt.timedelta(days=r.randint(30, 400))
        bd = dt.date(born, r.randint(1, 12), r.randint(1, 28))
        if bd >= miss:
            bd = miss - dt.timedelta(days=365 * 3)
        sur = self.surname(c["pcode"])
        given = self.given_name(bd.year, sex)
        towns = self.units(c)
        t_i = r.randrange(len(towns))
        town, vills = towns[t_i]
        vill = r.choice(vills)
        age_m = (miss - bd).days / 365.25
        if age_m >= 18:
            h = r.gauss(168 if sex == "男" else 157, 6 if sex == "男" else 5.5) + (2 if bd.year >= 1975 else 0) - (3 if bd.year < 1945 else 0)
        else:
            adult_h = r.gauss(168 if sex == "男" else 157, 6) + (2 if bd.year >= 1975 else 0)
            h = child_h(age_m, adult_h) + r.gauss(0, 3)
        if age_m >= 18:
            adult_h = h
        marks = []
        nm = r.choices([0, 1, 2, 3], [45, 35, 15, 5])[0]
        for _ in range(nm):
            k = r.choices(MARK_KINDS, [w for _, _, w in MARK_KINDS])[0]
            where = r.choice(k[1])
            side = r.choice("左右")
            loc = r.choice(LOC[where]) if where in LOC else ""
            marks.append((k[0], loc, side))
        return dict(county=c, town=town, vill=vill, group=r.randint(1, 12), surname=sur, given=given,
                    sex=sex, bd=bd, miss=miss, kind=kind, h=h, adult_h=adult_h, marks=marks,
                    dial_region=c["pcode"])

    # ----------------------------------------------------------- report side
    def fmt_date_report(self, d: dt.date) -> str:
        r = self.r
        f = r.choices(range(9), [30, 15, 12, 10, 8, 8, 6, 6, 5])[0]
        return [f"{d:%Y-%m-%d}", f"{d.year}年{d.month}月{d.day}日", f"{d.year}年{d.month}月", f"{d.year}年",
                f"{d.year}/{d.month}/{d.day}", f"{d:%Y%m%d}", f"{d.year}.{d.month}",
                f"{d.year}年{d.month}月" + r.choice(["初", "中旬", "下旬", "底"]), f"约{d.year}年"][f]

    def fmt_birth(self, d: dt.date) -> str:
        r = self.r
        f = r.choices(range(9), [30, 25, 12, 10, 6, 6, 5, 3, 3])[0]
        lunar_m = "正二三四五六七八九十冬腊"[d.month - 1]
        lunar_d = ["初一", "初二", "初五", "初八", "十五", "二十", "廿三", "廿六"][d.day % 8]
        return [f"{d:%Y-%m-%d}", f"{d.year}", f"{d.year}年", f"{d.year}年{d.month}月{d.day}日", f"{d.year}.{d.month}",
                f"{d.year}年{d.month}月", f"{d:%Y%m%d}", f"{d.year}年农历{lunar_m}月{lunar_d}", f"{d.year % 100:02d}年"][f]

    def hometown_text(self, p) -> str:
        r = self.r
        c = p["county"]
        prov, sprov = c["prov"], short_prov(c["prov"])
        pref = c["pref"] if c["pref"] != prov else ""
        cty = c["name"]
        town, vill = p["town"], p["vill"]
        sc = stem(cty)
        f = r.choices(range(13), [22, 8, 12, 9, 9, 10, 5, 3, 5, 5, 5, 4, 3])[0]
        if f == 8 and (c["old_pref"] or c["old_names"]):
            op = c["old_pref"][0] if c["old_pref"] else pref
            oc = c["old_names"][0] if c["old_names"] else cty
            return f"{prov}{op}{oc}" + (town if r.random() < 0.5 else "")
        if f == 8:
            f = 0
        return [
            f"{prov}{pref}{cty}{town}{vill}村",
            f"{prov}{pref}{cty}{town}{vill}村{r.choice([str(p['group']), cn_num(p['group'])])}组",
            f"{pref}{cty}{town}",
            f"{sprov}{sc}",
            f"{prov}{cty}",
            f"{cty}{town}{vill}村",
            f"{prov}{pref}",
            f"{sprov}",
            "",
            f"{sprov} {stem(pref) if pref else ''} {sc}".replace("  ", " "),
            f"{prov}{pref}{cty}{town[:-1]}{vill}",
            f"{sprov}{sc}{town}",
            "",
        ][f]

    def place_text(self, c, detail=True) -> str:
        r = self.r
        prov, sprov = c["prov"], short_prov(c["prov"])
        pref = c["pref"] if c["pref"] != prov else ""
        f = r.randrange(5)
        if f == 0:
            return f"{prov}{pref}{c['name']}"
        if f == 1:
            return f"{stem(pref) if pref else sprov}{c['name']}" + (r.choice(["火车站", "汽车站", "街头", "城区", "附近", ""]) if detail else "")
        if f == 2:
            return f"{pref or prov}{c['name']}" + (r.choice(self.units(c))[0] if detail else "")
        if f == 3:
            return f"{sprov}{stem(c['name'])}"
        return f"{pref or prov}" + (r.choice(["火车站", "汽车站", "某工地", ""]) if detail else "")

    def marks_text(self, marks, side: int, flip=False) -> str:
        r = self.r
        out = []
        for kind, loc, s in marks:
            if flip:
                s = "右" if s == "左" else "左"
                loc = loc.replace("左", "#").replace("右", "左").replace("#", "右")
            out.append(r.choice(WORD[kind][side]).format(l=loc, s=s))
        return out

    def report_row(self, p, ref):
        r = self.r
        c = p["county"]
        name = p["surname"] + p["given"]
        alts = []
        if r.random() < 0.3:
            alts.append(self.nickname(p, for_report=True))
        if r.random() < 0.06:
            alts.append(p["surname"] + self.given_name(p["bd"].year, p["sex"]))   # 曾用名
        if r.random() < 0.03:
            alts.append(" ".join(plain(CHAR_PY[ch]) for ch in name).title())
        alt = r.choice(["；", "、", ";", ",", "，"]).join(alts)
        if alts and r.random() < 0.2:
            alt = r.choice(["小名", "乳名", "又名"]) + alt
        sex = r.choices([p["sex"], p["sex"] + "性", "男孩" if p["sex"] == "男" else "女孩", ""], [80, 12, 4 if p["kind"] == "child" else 0, 2])[0]
        bd = self.fmt_birth(p["bd"]) if r.random() < 0.95 else ""
        hometown = self.hometown_text(p)
        if r.random() < 0.5:
            mp = self.place_text(c, detail=True) if r.random() < 0.6 else (self.hometown_text(p) or c["name"])
        else:
            dest = r.choices(list(DEST), list(DEST.values()))[0]
            dc = r.choice(self.by_pref4.get(dest) or self.counties)
            mp = self.place_text(dc)
        if r.random() < 0.05:
            mp = ""
        h = ""
        if r.random() < 0.75:
            hv = round(p["h"])
            f = r.choices(range(7), [35, 20, 12, 10, 8, 8, 7])[0]
            if f == 0:
                h = str(hv)
            elif f == 1:
                h = f"{hv}cm"
            elif f == 2:
                h = f"{hv}公分"
            elif f == 3:
                h = f"{hv / 100:.2f}米"
            elif f == 4:
                m5 = round(hv / 5) * 5
                h = f"{m5}左右"
            elif f == 5:
                h = f"1米{hv - 100}" if hv >= 100 else f"{hv}"
            else:
                lo = (hv // 5) * 5
                h = f"{lo}-{lo + 5}"
        feats = self.marks_text(p["marks"], 0)
        if r.random() < 0.4:
            feats.append(r.choice(GENERAL_R))
        if p["kind"] == "old" and r.random() < 0.3:
            feats.append("患老年痴呆")
        r.shuffle(feats)
        features = r.choice(["，", "；", "。", " "]).join(feats)
        dial = ""
        if r.random() < 0.3:
            dial = r.choice([f"{stem(c['name'])}话", f"{short_prov(c['prov'])}话", r.choice(ACCENT[c['pcode']]), "普通话不标准",
                             f"说{stem(c['name'])}方言", "会说普通话"])
        phone = ""
        if r.random() < 0.9:
            phone = "1" + r.choice("3578") + "".join(r.choice("0123456789") for _ in range(9))
            if r.random() < 0.08:
                phone += r.choice(["（父亲）", "（儿子）", "（姐姐）", " 王女士"])
            elif r.random() < 0.05:
                phone = f"0{r.randint(710, 799)}-{r.randint(2000000, 8999999)}"
        return dict(ref=ref, name=name, alt_names=alt, sex=sex, birth_date=bd, hometown=hometown,
                    missing_date=self.fmt_date_report(p["miss"]), missing_place=mp, height_cm=h,
                    features=features, dialect=dial, contact_phone=phone)

    # ----------------------------------------------------------- name heard
    def nickname(self, p, for_report=False) -> str:
        r = self.r
        s, g = p["surname"], p["given"]
        last, first = g[-1], g[0]
        age = (TODAY - p["bd"]).days / 365.25
        pc = p["county"]["pcode"]
        opts = [("阿" + last, 20 if pc in ("44", "45", "35", "46", "33") else 6), ("小" + last, 15),
                (last + "仔", 8 if pc in ("44", "45") else 1), (last + last, 8 if len(g) == 2 and p["sex"] == "女" or age < 30 else 3),
                ("阿" + first, 3 if len(g) == 2 else 0),
                ("老" + s, 12 if age > 45 and p["sex"] == "男" and len(s) == 1 else 0),
                (s + "老" + r.choice("二三四五六"), 6 if p["sex"] == "男" and len(s) == 1 else 0),
                (r.choice("大二三四幺") + "娃", 10 if pc in ("51", "50", "52", "61", "62") else 1),
                (r.choice(["狗蛋", "二狗", "石头", "铁蛋", "毛毛", "胖子", "丫头", "妞妞", "大毛", "二毛"]), 5),
                ("小" + s, 5 if len(s) == 1 and age < 40 else 0)]
        return r.choices([o for o, _ in opts], [w for _, w in opts])[0]

    def homophone_char(self, ch: str, same_tone=0.7) -> str | None:
        py = CHAR_PY.get(ch)
        if not py:
            return None
        r = self.r
        pool = [c for c in PY_CHARS[py] if c != ch]
        if not pool or r.random() > same_tone:
            pool2 = [c for c in BASE_CHARS[py[:-1]] if c != ch]
            pool = pool2 or pool
        return r.choice(pool) if pool else None

    def homophone(self, name: str) -> str:
        r = self.r
        chars = list(name)
        idx = list(range(len(chars)))
        r.shuffle(idx)
        n = 1 if r.random() < 0.65 else 2
        done = 0
        for i in idx:
            h = self.homophone_char(chars[i])
            if h:
                chars[i] = h
                done += 1
                if done >= n:
                    break
        return "".join(chars)

    def dialect_name(self, p, name: str) -> tuple[str, str]:
        r = self.r
        pc = p["county"]["pcode"]
        chars = list(name)
        options = []
        for rule, (regions, pats) in CONFUSIONS.items():
            w = 3 if pc in regions else 0.5
            for i, ch in enumerate(chars):
                py = CHAR_PY.get(ch)
                if not py:
                    continue
                base, tone = py[:-1], py[-1]
                for pat, rep in pats:
                    nb = re.sub(pat, rep, base, count=1)
                    if nb != base:
                        cands = [c for c in PY_CHARS.get(nb + tone, []) if c != ch] or \
                                [c for c in BASE_CHARS.get(nb, []) if c != ch]
                        if cands:
                            options.append((rule, i, cands, w))
        if not options:
            return self.homophone(name), "homophone"
        rule, i, cands, _ = r.choices(options, [o[3] for o in options])[0]
        chars[i] = r.choice(cands)
        return "".join(chars), rule

    def pinyin_name(self, p) -> tuple[str, str]:
        r = self.r
        s, g = p["surname"], p["given"]
        sp = [CHAR_PY[c] for c in s]
        note = "pinyin"
        if s in WRONG_READING and r.random() < 0.5:
            sp = [WRONG_READING[s]]
            note = "pinyin_wrong_reading"
        gp = [CHAR_PY[c] for c in g]
        f = r.choices(range(10), [25, 12, 10, 10, 8, 8, 8, 7, 6, 6])[0]
        v = r.choice(["v", "u", "ü", "yu"])
        S = "".join(plain(x, v) for x in sp)
        G = "".join(plain(x, v) for x in gp)
        if f == 0:
            out = f"{S.title()} {G.title()}"
        elif f == 1:
            out = f"{S} {G}"
        elif f == 2:
            out = " ".join(plain(x, v) for x in sp + gp)
        elif f == 3:
            out = f"{S.upper()} {G.title()}"
        elif f == 4:
            out = f"{G.title()} {S.title()}"
        elif f == 5:
            out = f"{''.join(toned(x) for x in sp).title()} {''.join(toned(x) for x in gp).title()}"
        elif f == 6:
            out = " ".join(plain(x, v) + x[-1] for x in sp + gp)
        elif f == 7:
            out = (S + G).title() if r.random() < 0.5 else (S + G)
        elif f == 8:
            out = f"{S.title()} {'-'.join(plain(x, v) for x in gp).title()}"
        else:
            out = f"{S.upper()} {G.upper()}"
        return out, note

    def heard_name(self, p) -> tuple[str, str, str]:
        """(text, category, detail)"""
        r = self.r
        full = p["surname"] + p["given"]
        cat = r.choices(["full_exact", "homophone", "dialect", "pinyin", "given_only", "nickname", "none"],
                        [30, 12, 10, 8, 10, 10, 20])[0]
        if cat == "full_exact":
            return full, cat, ""
        if cat == "homophone":
            h = self.homophone(full)
            return (h, cat, "") if h != full else (full, "full_exact", "no_homophone")
        if cat == "dialect":
            t, rule = self.dialect_name(p, full)
            return t, ("dialect" if rule != "homophone" else "homophone"), rule
        if cat == "pinyin":
            t, note = self.pinyin_name(p)
            return t, cat, note
        if cat == "given_only":
            g = p["given"]
            if r.random() < 0.2:
                g2 = self.homophone(g)
                return g2, cat, "homophone"
            return g, cat, ""
        if cat == "nickname":
            return self.nickname(p), cat, ""
        t = r.choices(["", "不详", "无名氏", "未知", "问不出", "不会说", "自称忘记了", "无名男" if p["sex"] == "男" else "无名女",
                       "拒绝回答", "（未能提供）"], [55, 10, 8, 6, 5, 4, 4, 4, 2, 2])[0]
        return t, "none", t

    # ----------------------------------------------------------- intake side
    def age_text(self, true_age: float, rough: bool) -> tuple[str, int]:
        r = self.r
        if true_age < 3:
            return "约2岁", 2
        sd = 5.5 if rough else 3.0
        e = true_age + max(-10, min(10, r.gauss(0, sd)))
        if true_age > 60 and rough:
            e += r.uniform(0, 4)   # rough life ages faces
        e = max(1, int(round(e)))
        f = r.choices(range(16), [16, 12, 10, 9, 8, 6, 6, 5, 5, 4, 4, 3, 3, 3, 3, 3])[0]
        d = (e // 10)
        if f == 0:
            return f"约{round(e / 5) * 5 if e > 15 else e}岁", e
        if f == 1:
            return f"{e}", e
        if f == 2:
            return f"{e}岁左右", e
        if f == 3 and e >= 20:
            return f"{d * 10}多岁", e
        if f == 4 and e >= 20:
            return f"{cn_num(d)}十来岁" if d > 1 else "二十来岁", e
        if f == 5 and 25 <= e < 90:
            return f"{NUM_CN[d - 1] if e % 10 < 5 else NUM_CN[d]}{NUM_CN[d] if e % 10 < 5 else NUM_CN[d + 1]}十岁", e
        if f == 6:
            return f"{max(1, e - 5)}-{e + 5}岁", e
        if f == 7 and e >= 20:
            return f"{cn_num(d * 10)}出头" if e % 10 < 4 else f"{cn_num(d * 10)}多岁", e
        if f == 8 and e >= 55:
            return r.choice([f"{cn_num(d)}旬", f"{cn_num(d)}旬老人", f"年过{cn_num(d * 10)}"]), e
        if f == 9:
            return f"{e}岁", e
        if f == 10 and 10 <= e < 20:
            if e % 10 == 0:
                return "十来岁", e
            return f"十{NUM_CN[e % 10]}{NUM_CN[min(9, e % 10 + 1)]}岁" if e % 10 < 9 else "十八九岁", e
        if f == 11:
            return f"看上去{e}岁" if r.random() < 0.5 else f"外观约{e}岁", e
        if f == 12 and e >= 18:
            return r.choice([f"{e - 3}~{e + 3}", f"{e}岁上下", f"{cn_num(round(e / 10) * 10)}岁左右"]), e
        if f == 13:
            return r.choice(["不详", "", "未知"]), e
        if f == 14:
            return r.choice(["中年", "老年", "青年", "成年", "老人", "中年人", "儿童"]) if e >= 18 else "儿童", e
        return f"{e}岁", e

    def found_place(self, p, home_share: float):
        r = self.r
        c = p["county"]
        x = r.random()
        if x < home_share * 0.3:
            fc = c
        elif x < home_share:
            fc = r.choice(self.by_pref4.get(c["code"][:4]) or [c]) if r.random() < 0.5 else r.choice(self.by_prov[c["pcode"]])
        else:
            dest = r.choices(list(DEST), list(DEST.values()))[0]
            fc = r.choice(self.by_pref4.get(dest) or self.counties) if r.random() < 0.8 else r.choices(self.counties, self.cw)[0]
        txt = self.place_text(fc)
        if r.random() < 0.1:
            txt += r.choice(["街头", "桥洞下", "天桥下", "服务区", "国道旁", "菜市场"])
        return txt, fc

    def hints(self, p) -> tuple[str, list[str]]:
        r = self.r
        c = p["county"]
        sprov, pref, cty = short_prov(c["prov"]), c["pref"], c["name"]
        spref = stem(pref) if pref != c["prov"] else ""
        sc = stem(cty)
        n = r.choices([0, 1, 2, 3], [30, 35, 25, 10])[0]
        kinds = []
        out = []
        for _ in range(n):
            k = r.choices(["county", "pref", "prov", "town", "vill", "combo", "vague", "old", "wrong", "homo", "wrap"],
                          [22, 10, 12, 12, 8, 8, 8, 5, 5, 4, 6])[0]
            if k == "county":
                h = r.choice([sc, cty, sc + "人"])
            elif k == "pref":
                h = r.choice([spref, pref]) if spref else sc
            elif k == "prov":
                h = r.choice([sprov, sprov + "人", sprov + "的", sprov + "省"])
            elif k == "town":
                t = p["town"]
                h = r.choice([t, t[:-1], t[:-1] + r.choice(["镇", "乡"])])
            elif k == "vill":
                h = r.choice([p["vill"] + "村", p["vill"]])
            elif k == "combo":
                h = r.choice([sprov + sc, sc + p["town"][:-1], spref + sc if spref else sprov + sc, sc + p["vill"] + "村"])
            elif k == "vague":
                h = r.choice(VAGUE_HINTS)
            elif k == "old":
                if c["old_pref"] or c["old_names"]:
                    h = r.choice(c["old_pref"] + c["old_names"])
                else:
                    h = sc
                    k = "county"
            elif k == "wrong":
                wc = r.choices(self.counties, self.cw)[0] if r.random() < 0.5 else r.choice(self.by_prov[c["pcode"]])
                h = r.choice([stem(wc["name"]), wc["name"]])
            elif k == "homo":
                hh = "".join((self.homophone_char(ch) or ch) if r.random() < 0.6 else ch for ch in sc)
                h = hh if hh != sc else sc
            else:
                h = r.choice([f"老家{sc}", f"说是{sc}的", f"家在{p['town']}", f"{sc}乡下", f"{sprov}那边", f"好像是{sc}"])
            if h and h not in out:
                out.append(h)
                kinds.append(k)
        sep = r.choice(["；", "、", ";", "，", ","])
        return sep.join(out), kinds

    def intake_row(self, p, ref):
        r = self.r
        gap_kind = r.choices(["short", "mid", "long"], [45, 30, 25])[0]
        for _ in range(20):
            if gap_kind == "short":
                days = int(r.expovariate(1 / 60))
            elif gap_kind == "mid":
                days = r.randint(365, 365 * 5)
            else:
                days = r.randint(365 * 5, 365 * 22)
            fd = p["miss"] + dt.timedelta(days=days)
            if fd <= TODAY:
                break
        else:
            fd = p["miss"] + dt.timedelta(days=r.randint(0, max(0, (TODAY - p["miss"]).days)))
        rough = gap_kind != "short" or r.random() < 0.25
        name, cat, detail = self.heard_name(p)
        true_age = (fd - p["bd"]).days / 365.25
        age, est = self.age_text(true_age, rough)
        sex = p["sex"]
        if r.random() < 0.03:
            sex = "女" if sex == "男" else "男"
        sex_t = r.choices([sex, sex + "性", f"{sex}（外观）", "不详", "男童" if sex == "男" else "女童"],
                          [80, 12, 3, 2, 3 if true_age < 14 else 0])[0]
        fplace, fc = self.found_place(p, 0.4)
        ptxt, pkinds = self.hints(p)
        # height: measured or estimated on the intake
        h = ""
        if r.random() < 0.7:
            base = p["adult_h"] if (fd - p["bd"]).days / 365.25 >= 18 and (p["miss"] - p["bd"]).days / 365.25 < 16 else p["h"]
            if true_age < 18:
                base = child_h(true_age, p["adult_h"])
            hv = round(base + max(-5, min(5, r.gauss(0, 2.5))) - (2 if true_age > 70 else 0))
            f = r.choices(range(5), [45, 20, 15, 10, 10])[0]
            h = [str(hv), f"{hv}cm", f"约{hv}", f"一米{cn_num(hv - 100)[-1] if hv % 10 == 0 else ''}" if False else f"{hv}左右", f"{hv / 100:.2f}米"][f]
        feats = []
        flip = r.random() < 0.08
        for m in p["marks"]:
            if r.random() < 0.65:
                feats += self.marks_text([m], 1, flip=flip)
        if r.random() < 0.15:  # new scar from the street
            k = r.choice(["scar", "scar", "mole", "burn"])
            feats += self.marks_text([(k, r.choice(LOC["limb"] + LOC["face"]), r.choice("左右"))], 1)
        if r.random() < 0.45:
            feats.append(r.choice(GENERAL_I))
        r.shuffle(feats)
        features = r.choice(["，", "；", "。", " "]).join(feats)
        c = p["county"]
        dial = ""
        x = r.random()
        if x < 0.55:
            pc = c["pcode"]
            if r.random() < 0.08:
                pc = NEIGHBOR.get(pc, pc)
            opts = list(ACCENT.get(pc, ["外地口音"]))
            if c["code"][:4] in CITY_ACCENT and pc == c["pcode"]:
                opts += [CITY_ACCENT[c["code"][:4]]] * 2
            dial = r.choice(opts)
        elif x < 0.63:
            dial = r.choice(["普通话", "会说普通话", "普通话不标准"])
        elif x < 0.69:
            dial = r.choice(["听不懂的方言", "方言听不懂", "口音重听不清", "南方口音" if c["pcode"] in SOUTH else "北方口音"])
        elif x < 0.71 and any(m[0] == "mute" for m in p["marks"]):
            dial = "不会说话"
        fd_t = r.choices([f"{fd:%Y-%m-%d}", f"{fd.year}年{fd.month}月{fd.day}日", f"{fd.year}/{fd.month}/{fd.day}", f"{fd:%Y%m%d}"],
                         [55, 25, 12, 8])[0]
        row = dict(ref=ref, name=name, sex=sex_t, age_estimate=age, found_date=fd_t, found_place=fplace,
                   height_cm=h, features=features, dialect=dial, place_hints=ptxt)
        info = dict(category=cat, detail=detail, true_name=p["surname"] + p["given"], true_age=round(true_age, 1),
                    est_age=est, hint_kinds="+".join(pkinds), true_home=c["prov"] + c["pref"] + c["name"] + p["town"] + p["vill"] + "村",
                    gap_days=(fd - p["miss"]).days, sex_wrong=int(sex != p["sex"]))
        return row, info


REPORT_COLS = ["ref", "name", "alt_names", "sex", "birth_date", "hometown", "missing_date", "missing_place",
               "height_cm", "features", "dialect", "contact_phone"]
INTAKE_COLS = ["ref", "name", "sex", "age_estimate", "found_date", "found_place", "height_cm", "features",
               "dialect", "place_hints"]
LABEL_COLS = ["intake_ref", "report_ref", "category", "detail", "true_name", "true_age", "est_age", "hint_kinds",
              "true_home", "gap_days", "sex_wrong"]


def generate(n_reports: int, n_intakes: int, seed: int, out: str, share_no_report: float = 0.4):
    w = World(seed)
    r = w.r
    people = [w.person() for _ in range(n_reports)]
    os.makedirs(out, exist_ok=True)
    rep_refs = [f"BR{seed}-{i + 1:07d}" for i in range(n_reports)]
    with open(os.path.join(out, "reports.csv"), "w", encoding="utf-8", newline="") as fh:
        wr = csv.DictWriter(fh, REPORT_COLS)
        wr.writeheader()
        for p, ref in zip(people, rep_refs):
            wr.writerow(w.report_row(p, ref))
    n_linked = int(round(n_intakes * (1 - share_no_report)))
    linked = r.sample(range(n_reports), min(n_linked, n_reports))
    jobs = [(people[i], rep_refs[i]) for i in linked] + [(w.person(), "") for _ in range(n_intakes - len(linked))]
    r.shuffle(jobs)
    with open(os.path.join(out, "intakes.csv"), "w", encoding="utf-8", newline="") as fi, \
            open(os.path.join(out, "labels.csv"), "w", encoding="utf-8", newline="") as fl:
        wi = csv.DictWriter(fi, INTAKE_COLS)
        wl = csv.DictWriter(fl, LABEL_COLS)
        wi.writeheader()
        wl.writeheader()
        for k, (p, rref) in enumerate(jobs):
            iref = f"BI{seed}-{k + 1:05d}"
            row, info = w.intake_row(p, iref)
            wi.writerow(row)
            wl.writerow(dict(intake_ref=iref, report_ref=rref, **info))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--intakes", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--no-report-share", type=float, default=0.4)
    a = ap.parse_args(argv)
    generate(a.reports, a.intakes, a.seed, a.out, a.no_report_share)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
