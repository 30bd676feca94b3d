"""Blind synthetic world #3 for the family-tracing matcher (救助管理站 寻亲比对).

Independent generator of missing-person reports (寻人启事), station intake
records of stranded people without ID, and ground-truth labels.  Written from
general knowledge only; the only external data is python-stdnum's
``stdnum/cn/loc.dat`` (county-level division codes incl. historic names).

Usage::

    python -m bench.blind_world3 --reports N --intakes M --seed S --out DIR \
        [--no-report-share 0.4]

Outputs DIR/reports.csv, DIR/intakes.csv, DIR/labels.csv (UTF-8, header row).

Model / chosen distributions
----------------------------
Population (reports and unreported intake people are drawn from the same
population model):

* Gazetteer: every current county-level unit of loc.dat (2846).  Historic
  names per county = earlier names of the same code + ended entries of the
  same province with the same base name (县改区/县改市/renames; 区 names only
  within the same city); historic prefecture names per county = names of the
  prefecture-level codes those linked codes were under (衡阳地区, 思茅地区,
  襄樊市, 益阳地区 for 宁乡, 荆州地区 for 仙桃 ...).
* Home county: province weight ~ population x "sender" factor (四川, 河南, 湖南,
  安徽, 贵州, 广西 ... up; 北京, 上海, 天津, 广东, 浙江, 江苏 down); within a
  province every current county-level unit from loc.dat gets weight
  kind-factor (县 1.0, 县级市 1.1, 区 with a former 县 name 0.9, urban 区 0.45,
  旗 0.5) x lognormal(0, 0.5) (fixed per seed).
* Age when missing: 14% child 0-13 (gamma, mean ~6), 6% teen 14-17,
  22% 18-35, 28% 36-59, 30% elderly 60-95 (60 + gamma, mean ~75).  Male share 55% (children/elderly) or 68% (adults).
* Condition: children: intellectual disability 15%, deaf-mute 3%;
  adults: intellectual 20%, mental illness 25%, deaf-mute 4%;
  elderly: dementia 55%, mental 5%, intellectual 3%.
* Missing date: year in 1990..2025 with weight exp(0.07*(year-1990)),
  uniform day within year.
* Surnames: ~165 surnames with national shares (+50 rare ones) (王 7.1%, 李 7.0%, 张 6.4%, 刘
  5.3%, 陈 4.5% ...) and regional multipliers (陈/林/黄/梁 south, 韦/覃/莫 Guangxi,
  区 Guangdong, 单 Shandong/Jiangsu ...), plus polyphonic surnames
  (单 shàn, 曾 zēng, 区 ōu, 覃 qín, 仇 qiú, 解 xiè, 查 zhā, 盖 gě, 朴 piáo, 乐 yuè,
  翟 zhái, 缪 miào, 华 huà).
* Given names by sex x birth cohort (<=1949, 50s, 60s, 70s, 80s, 90s, 00s,
  >=2010): 14-16% from a 30-name popular list per sex x cohort (Zipf 0.6),
  6-16% single-character names (peak in the 60s-80s cohorts), the rest
  two-character combinations from cohort-tinted character pools (Zipf 0.45).
  Xinjiang 45% Uyghur-style names (X·Y), Tibet 85% / Qinghai 20% Tibetan
  names.  Resulting full-name collision rate between two random reports is
  about 2e-5 (a random report has ~20 namesakes among 1M reports; 李伟/王伟/
  张伟 ~500 per million, 王秀英/李秀英 ~300 per million).
* 45% have a childhood name (小名: 二娃, 毛毛, 狗蛋, 丫头 ...); 8% a former name.

Reports (source: family 50%, police 20%, web bulk import 30%) write birth
dates in many formats (1962年3月5日, 1962-03-05, 1962年3月, 1962, 约1960年,
60年代, 农历..., 19620305, empty); birth year wrong by +-1 (虚岁) 8%, by 2-5
years 2%.  Hometown: 90% home county at varying detail (province only ...
village+组, historic names valid in the missing year are used 70% of the time
when the county/prefecture was renamed), 6% the place the person lived/worked,
4% empty.  Missing place: migrant destination (东莞 深圳 广州 上海 北京 苏州 ...)
40% for working-age people without dementia, 12% other adults, 6% children;
another 10% elsewhere in the home prefecture; the rest in the home county.  Heights as 165 / 165cm / 1米65 / 1.65米 / 一米六左右 / 160-170 / 中等个子;
family rounding +-3cm.  Features: marks (missing finger, six fingers, scar,
mole, birthmark, tattoo, limp, teeth, eye, ear, burn, bald, hunchback, cleft
lip, stutter, left-handed) + condition + build + clothing, family wording;
each mark mentioned with p 0.6-0.85 depending on source.  Phones 1[3-9]x
mobiles with notes (父亲/女儿/微信同号 ...).

Intakes: ``--no-report-share`` (default 0.4) of intakes are people without a
report (fresh draws from the same population).  Gap missing->found:
20% 0-7 days, 20% 8-60 days, 20% 2-12 months, 20% 1-5 years, 12% 5-10
years, 8% 10-25 years; found date <= 2025-12-31 (the matched report is drawn
among reports whose missing date allows the gap).  Name as heard (base
shares; children <6 and deaf-mute people shift towards nickname/none):
none 17%, full_exact 33%, homophone 14%, dialect 11%, pinyin 6%,
given_only 8%, nickname 11% (realised: none ~22%, dialect ~7% because
some names have no applicable confusion and fall back to homophone).
Dialect confusions per home province
(n/l, f/h, zh/z ch/c sh/s, -n/-ng, h/w, r/y/l, ü/i); polyphonic surnames
read the "wrong" way 15% of the time in pinyin/homophone/dialect paths.
"none" names are empty (45%), a description (无法表述, 不详, 无名氏 ... 35%),
or a station-assigned name (20%, e.g. city char + given name: a trap).
Sex recorded wrongly 2%.  Age estimate: true age at found + N(0, sd) with
sd 1+0.25*age (children) / 5 (adults), plus for 30% of people who wandered
> 6 months or are mentally ill / demented +5..+10 ("looks older", 60%) or
uniform +-10 (under 70; -8..+5 for the very old), capped at 99; written
as 约45岁, 45岁左右, 40-50, 四十多岁, 老年, 60多岁 ...  Height: true height at
found (growth curve for children, -0.15 cm/yr after 60) + N(0,1.8) clipped
to +-3, rounded to 5 half of the time, 35% empty (report side: +-3 clipped,
families round to 5 60% of the time).  Features: staff
paraphrase of visible marks (p 0.35-0.75 each), side swapped 4%, new
injuries 15%, clothing when found, state (衣着破旧, 蓬头垢面 ...).  Dialect:
30% empty, 8% generic (听不懂的方言 ...), 12% a neighbouring province's label,
rest correct region (sometimes prefecture-level 衡阳口音).  Place hints:
0-4 fragments: county / prefecture (short or full), historic names
(衡阳地区, 思茅, 襄樊, former 县 of a 区), province, invented town/village
(deterministic per county, 城关镇 common), landscape (住在河边 ...), place
of work, neighbouring county (wrong), random county (wrong), 6% of place
names written as homophones.
Found place: near the missing place when found soon, otherwise anywhere
(big-city/station weighted).

Names of homophone/dialect intakes get a "（音）" marker 8% of the time and
other names a "自称" prefix / "（自述）" suffix 4% of the time.

Dirty cells: ~1.5% traditional characters, full-width digits/spaces, stray
whitespace, occasional full-width separators.

labels.csv: intake_ref, report_ref (empty for no-report intakes), category
(how the name reached the form; for no-report intakes also the name path of
that person), detail (debug text).
"""
from __future__ import annotations

import argparse
import bisect
import csv
import datetime as _dt
import math
import os
import random
import re
import sys
import time

import numpy as np

END_DATE = _dt.date(2025, 12, 31)
EPOCH_ORD = _dt.date(1970, 1, 1).toordinal()
END_DAYS = END_DATE.toordinal() - EPOCH_ORD

# ---------------------------------------------------------------------------
# Pinyin syllable table (tone-numbered, v = ü) -> characters used in names
# ---------------------------------------------------------------------------
_SYL_TABLE = """
a1:阿 ai4:爱艾 an1:安 ang2:昂 ao4:奥傲 ao2:敖
ba1:巴八芭 ba4:霸坝 bai2:白 bai3:百柏 bai4:拜 ban1:班斑 ban4:半伴 bang1:邦帮
bao3:宝保葆堡 bao1:包苞 bao4:鲍豹报 bei4:贝倍 bei3:北 ben3:本 ben1:奔
bi4:碧璧必毕 bi3:比笔 bian4:卞便 bian1:边 biao1:彪标 bin1:斌彬滨宾 bing1:冰兵
bing3:炳丙秉 bo2:博柏伯 bo1:波 bu4:步布 bu3:卜补
cai4:蔡菜 cai2:才财材 cai3:彩采 can2:残蚕 cang1:苍仓沧 cao2:曹 cao1:操 cao3:草
cen2:岑 ceng2:层曾 cha2:茶查 chai2:柴 chan2:婵蝉禅 chang2:常长嫦 chang1:昌
chang4:畅唱 chao1:超 chao2:朝潮巢 che1:车 chen2:陈晨辰臣沉宸 chen1:琛
cheng2:程成城诚承澄 chi2:池迟驰 chong2:崇重 chou2:仇愁 chu3:楚储 chu1:初出
chuan1:川 chuan2:船传 chun1:春椿 chun2:纯淳 ci2:慈瓷 cong1:聪葱 cong2:从丛
cui1:崔 cui4:翠萃 cun1:村
da4:大 da2:达 dai4:戴代黛 dan1:丹单 dan4:旦蛋淡 dang3:党 dang1:当 dao4:道稻
de2:德 deng1:登灯 deng4:邓 di2:狄迪笛翟 di4:娣帝弟 dian4:殿 ding1:丁 ding4:定
dong1:东冬 dong3:董 dou4:窦豆 du4:杜渡 du1:都 duan4:段 dui1:堆 dun4:顿 duo1:多
e2:娥鹅 en1:恩 er2:儿 er4:二
fa1:发 fa3:法 fan2:凡樊繁 fan4:范 fan1:帆 fang1:方芳 fang2:房 fei1:飞菲霏
fei4:费 fen1:芬 fen4:奋 feng1:峰锋丰枫 feng2:冯逢 feng4:凤奉 fu2:福符扶
fu4:付傅富 fu1:夫
gai4:盖 gan1:甘干 gang1:刚钢 gao1:高 ge3:葛盖 ge2:格革 ge1:戈歌哥 gen1:根
geng3:耿 gong1:龚功公宫 gou3:苟狗 gu4:顾固 gu1:姑 gu3:古谷 guan1:关官冠
guang1:光 gui4:桂贵 gui1:归 guo2:国帼 guo1:郭锅 guo3:果
hai3:海 hai2:孩 han2:韩寒涵含 han4:汉翰 han1:憨 hang2:航杭 hao4:浩昊皓
hao3:郝好 hao2:豪毫 he2:何和河禾荷 he4:贺鹤 hei1:黑 heng2:衡恒 hong2:红宏洪鸿虹
hou2:侯 hou4:厚后 hu2:胡湖壶 hu3:虎 hu4:户护 hua2:华 hua1:花 hua4:化画华
huai2:怀淮 huan1:欢 huan2:环桓 huan4:焕 huang2:黄皇煌凰 hui1:辉晖徽
hui4:慧惠蕙 huo4:霍
ji1:姬基鸡 ji2:吉 ji4:纪季继记 jia1:佳家嘉 jia3:贾甲 jian4:建健剑 jian1:坚尖兼
jian3:简俭 jiang1:江姜疆 jiang3:蒋 jiao1:娇焦 jie2:杰洁 jie3:解姐 jie4:介界
jin1:金今津 jin3:锦 jin4:晋近 jing1:晶京菁经 jing4:静敬婧 jing3:景井 jiu3:九久
ju1:居 ju2:菊 ju4:巨聚 juan1:娟鹃 jun1:军君均 jun4:俊峻骏
kai3:凯 kai1:开 kang1:康 ke3:可 ke1:柯科 ke4:克 kong3:孔 kun1:坤
la1:拉 lai2:来莱 lai4:赖 lan2:兰蓝岚 lang2:郎 lang3:朗 lao3:老 le4:乐 lei2:雷
lei3:磊蕾 leng3:冷 li3:李理里礼 li4:丽利莉立力 li2:黎梨 lian2:莲廉连
liang2:梁良 liang4:亮 lin2:林琳霖 ling2:玲凌灵 liu2:刘柳留 long2:龙隆 lou2:楼
lu4:陆路鹿露璐 lu2:卢芦 lv3:吕 lv4:绿律 luan2:栾 lun2:伦 luo2:罗骆
ma3:马玛 mai3:买 mai4:麦 man3:满 mao2:毛茅 mei2:梅玫眉 mei3:美 mei4:妹 men2:门
meng4:孟梦 meng2:蒙萌 mi3:米 miao2:苗 miao4:缪妙 min3:敏 min2:民 ming2:明铭鸣
mo4:莫墨 mou2:牟谋 mu4:穆木慕沐
na4:娜 nan2:南楠男 ni2:倪泥妮 nian2:年 ning2:宁凝 niu2:牛 niu1:妞 nong2:农
nv3:女 nie4:聂
ou1:区欧
pan1:潘攀 pan2:盘 pang2:庞 pang4:胖 pei2:裴培 pei4:佩沛 peng2:彭鹏朋 piao2:朴
ping2:平萍 pu3:浦普朴
qi2:齐琪祁奇淇 qi1:七戚 qi3:启 qian2:钱乾 qian4:倩茜 qian1:芊千 qiang2:强
qiao2:乔桥 qiao3:巧 qin2:秦覃琴勤 qin1:钦 qing1:青清 qing4:庆 qiong2:琼
qiu1:秋邱丘 qiu2:裘仇 qu1:曲区 qu2:瞿 quan2:泉权全
ran2:冉然 ren2:任仁人 ren4:任刃 rong2:荣蓉容 ru2:如儒 rui4:瑞睿锐 run4:润
ruo4:若
san1:三 sen1:森 sha1:沙 shan1:山珊杉 shan4:单善 shan3:陕闪 shang4:尚
shao4:邵绍 shen3:沈 shen1:申深 sheng4:盛胜 sheng1:生升 shi2:石时十 shi3:史
shi4:世仕 shi1:施诗师 shou4:寿 shu1:书淑舒 shu4:树 shuai4:帅 shuan1:栓
shuang1:双霜 shui3:水 shun4:顺 si1:思丝斯 si4:四 song4:宋 song1:松 su1:苏
su4:素 sui4:穗 sun1:孙 suo3:锁
tan2:谭覃檀 tang2:唐堂 tang1:汤 tao2:陶桃 tao1:涛 teng2:滕腾 tian2:田甜
tian1:天 tie3:铁 ting2:婷亭庭 tong2:童佟桐彤 tu2:涂 tu3:土
wa2:娃 wan4:万 wan3:婉 wan2:完 wang2:王 wang4:旺望 wei4:魏卫 wei3:伟
wei1:威薇 wei2:韦维 wen2:文雯 wen1:温 weng1:翁 wu2:吴 wu3:武伍五 wu4:务
xi2:席 xi1:西希熙曦汐 xi3:喜 xia4:夏 xia2:霞 xian2:贤 xian4:宪 xiang1:香湘
xiang4:向 xiang2:祥翔 xiao1:萧潇 xiao3:小晓 xiao4:肖孝 xie4:谢解 xin1:新鑫欣心馨
xin4:信 xing1:兴星 xing2:邢 xiong2:熊雄 xiu4:秀 xu2:徐 xu3:许 xu4:旭
xuan1:轩萱宣 xue3:雪 xue1:薛 xue2:学 xun1:勋
ya1:丫 ya3:雅 ya4:亚 yan2:严颜妍闫 yan4:燕艳晏 yan1:嫣烟 yan3:演
yang2:杨阳扬羊洋 yao2:姚瑶 ye4:叶业 yi1:伊依一 yi4:易毅艺义奕亿 yi2:宜怡仪
yin1:音殷 yin2:银寅 yin3:尹 ying1:英樱鹰 ying2:盈莹 ying3:颖 yong3:勇永
yong1:雍 you2:尤游 you3:友有 you4:佑 yu2:余于鱼 yu3:宇雨语羽 yu4:玉钰煜郁
yuan2:袁元园源 yuan3:远 yuan4:媛苑 yue4:乐月悦岳越 yun2:云芸 yun4:运韵
zai3:仔 zang1:臧 zao3:早枣 ze2:泽 zeng1:曾增 zha1:查 zhai2:翟 zhan1:詹
zhan3:展 zhang1:张章彰 zhao4:赵照 zhao1:钊昭 zhe2:哲 zhen1:珍真贞 zhen4:振震
zheng4:郑正 zheng1:征争 zhi4:志智 zhi1:芝枝之 zhi3:芷 zhong1:钟忠中
zhou1:周州舟 zhu1:朱珠诸 zhu4:柱祝 zhuang1:庄 zhuo2:卓 zi3:子梓紫 zi4:字自
zong1:宗 zou1:邹 zu3:祖 zuo3:左
shang4:上尚 xian1:仙先鲜 hui4:会 she2:佘蛇 zhao4:兆 zhan4:占战站 si1:司 yu4:喻 kui2:奎魁
jiao1:姣 shou3:守首 shao3:少 qu1:屈 gong3:巩拱 xing4:幸杏 liao4:廖 yan2:延 zhao1:招 yuan2:援
gai3:改 fang4:放 wang1:汪 guan3:管 mi2:糜迷 lian4:练恋 yao4:耀 jing1:荆 yu2:虞 she4:设社
nuo4:诺 tan2:谈 yue4:跃 jin4:进 yi4:逸 kuang4:邝旷 yan1:鄢 yan2:阎 ruan3:阮 ju1:鞠 xiang4:项
rao2:饶 
"""

PY2CHARS: dict[str, str] = {}     # 'jian4' -> '建健剑'
CHAR2PY: dict[str, str] = {}      # first (primary) reading
BASE2TONES: dict[str, list] = {}  # 'jian' -> ['jian4', 'jian1', 'jian3']
for _tok in _SYL_TABLE.split():
    _syl, _chars = _tok.split(":")
    PY2CHARS[_syl] = PY2CHARS.get(_syl, "") + _chars
    BASE2TONES.setdefault(_syl[:-1], []).append(_syl)
    for _c in _chars:
        CHAR2PY.setdefault(_c, _syl)
# primary readings for given-name context where the first table hit is not it
CHAR2PY.update({"华": "hua2", "乐": "le4", "长": "chang2", "朝": "zhao1", "解": "jie3",
                "单": "dan1", "曾": "zeng1", "区": "qu1", "覃": "qin2", "仇": "chou2",
                "查": "cha2", "盖": "gai4", "朴": "pu3", "翟": "zhai2", "缪": "miao4",
                "任": "ren2"})
# surname readings: char -> (correct, [common wrong readings])
SURNAME_READ = {
    "单": ("shan4", ["dan1"]), "曾": ("zeng1", ["ceng2"]), "区": ("ou1", ["qu1"]),
    "覃": ("qin2", ["tan2"]), "仇": ("qiu2", ["chou2"]), "解": ("xie4", ["jie3"]),
    "查": ("zha1", ["cha2"]), "盖": ("ge3", ["gai4"]), "朴": ("piao2", ["pu3"]),
    "乐": ("yue4", ["le4"]), "翟": ("zhai2", ["di2"]), "缪": ("miao4", ["mou2"]),
    "华": ("hua4", ["hua2"]), "任": ("ren2", ["ren4"]),
}

INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
            "j", "q", "x", "r", "z", "c", "s", "y", "w")


def split_syl(s: str):
    for ini in INITIALS:
        if s.startswith(ini):
            return ini, s[len(ini):]
    return "", s


_TONE_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "ü": "ǖǘǚǜ"}


def tone_mark(syl: str) -> str:
    base, tone = syl[:-1], int(syl[-1])
    base = base.replace("v", "ü")
    if tone < 1 or tone > 4:
        return base
    for v in ("a", "e"):
        if v in base:
            i = base.index(v)
            return base[:i] + _TONE_MARKS[v][tone - 1] + base[i + 1:]
    if "ou" in base:
        i = base.index("o")
        return base[:i] + _TONE_MARKS["o"][tone - 1] + base[i + 1:]
    for i in range(len(base) - 1, -1, -1):
        if base[i] in _TONE_MARKS:
            return base[:i] + _TONE_MARKS[base[i]][tone - 1] + base[i + 1:]
    return base


# dialect sound-confusion rules on toneless syllables ----------------------
_FH_F2H = {"u": "u", "a": "ua", "an": "uan", "ang": "uang", "ei": "ui", "en": "un",
           "eng": "ong", "o": "uo"}
_FH_H2F = {"u": "u", "ua": "a", "uan": "an", "uang": "ang", "ui": "ei", "un": "en",
           "ong": "eng", "uo": "o"}
_HW_H2W = {"u": "u", "ua": "a", "uai": "ai", "uan": "an", "uang": "ang", "ui": "ei",
           "un": "en", "uo": "o"}
_HW_W2H = {v: k for k, v in _HW_H2W.items()}
_R2Y = {"e": "e", "en": "in", "eng": "ing", "i": "i", "u": "u", "uan": "uan", "un": "un",
        "ong": "ong", "an": "an", "ang": "ang", "ao": "ao", "ou": "ou"}
_UI = {"u": "i", "ue": "ie", "un": "in", "uan": "ian"}   # after j q x y
_UI_L = {"v": "i"}


def dialect_variants(base: str, rules: str) -> list:
    """Toneless syllable -> list of (rule, new_base) that exist in the table."""
    ini, fin = split_syl(base)
    out = []
    if "L" in rules:   # n/l
        if ini == "l":
            out.append(("n/l", "n" + fin))
        elif ini == "n":
            out.append(("n/l", "l" + fin))
    if "F" in rules:   # f/h
        if ini == "f" and fin in _FH_F2H:
            out.append(("f/h", "h" + _FH_F2H[fin]))
        elif ini == "h" and fin in _FH_H2F:
            out.append(("f/h", "f" + _FH_H2F[fin]))
    if "Z" in rules:   # zh/z ch/c sh/s
        m = {"zh": "z", "ch": "c", "sh": "s", "z": "zh", "c": "ch", "s": "sh"}
        if ini in m:
            out.append((f"{ini}/{m[ini]}", m[ini] + fin))
    if "N" in rules:   # -n/-ng
        if fin.endswith("ng") and not fin.endswith("ong"):
            out.append(("n/ng", ini + fin[:-1]))
        elif fin.endswith("n"):
            out.append(("n/ng", ini + fin + "g"))
    if "H" in rules:   # h/w
        if ini == "h" and fin in _HW_H2W:
            out.append(("h/w", "w" + _HW_H2W[fin]))
        elif ini == "w" and fin in _HW_W2H:
            out.append(("h/w", "h" + _HW_W2H[fin]))
    if "R" in rules:   # r/y/l
        if ini == "r":
            if fin in _R2Y:
                out.append(("r/y", "y" + _R2Y[fin]))
            out.append(("r/l", "l" + fin))
    if "U" in rules:   # ü/i
        if ini in ("j", "q", "x", "y") and fin in _UI:
            out.append(("ü/i", ini + _UI[fin]))
        elif ini in ("l", "n") and fin in _UI_L:
            out.append(("ü/i", ini + "i"))
    return [(r, b) for r, b in out if b in BASE2TONES and b != base]


def chars_for(base: str, tone: str, exclude: str, rnd: random.Random, same_tone_p=0.7):
    """Pick a character pronounced base(+tone), preferring the same tone."""
    same = [c for c in PY2CHARS.get(base + tone, "") if c != exclude]
    if same and (rnd.random() < same_tone_p):
        return rnd.choice(same[:6])
    other = []
    for syl in BASE2TONES.get(base, ()):
        if syl[-1] != tone:
            other.extend(c for c in PY2CHARS[syl] if c != exclude)
    if other:
        return rnd.choice(other)
    if same:
        return rnd.choice(same[:6])
    return None


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------
# surname, national share (%), regional multipliers: n=north c=central/east
# w=southwest s=south(粤闽琼) g=guangxi
_SURNAMES = """
王 7.1 n1.4 w0.8 s0.6 g0.6|李 7.0 w1.2|张 6.4 n1.3 s0.6|刘 5.3 n1.2 s0.7|陈 4.5 n0.5 s2.4 c1.2 g1.3|
杨 3.1 w1.5 g1.4|黄 2.1 n0.3 s2.4 g2.5 c1.2 w1.1|赵 2.0 n1.5 s0.4|吴 1.9 s1.5 c1.3|周 1.9 c1.3|
徐 1.3 c1.4|孙 1.2 n1.6 s0.4|马 1.2 n1.5|朱 1.2 c1.4|胡 1.1 c1.5 w1.2|郭 1.1 n1.4|何 1.0 w1.3 s1.5 g1.4|
林 1.0 s3.5 n0.4|高 1.0 n1.5|罗 0.9 w1.8 s1.6 g1.5|郑 0.8 s1.8|梁 0.8 s2.6 g2.0 n0.6|谢 0.7 s1.5 c1.3|
宋 0.6 n1.5|唐 0.6 w1.6 c1.3 g1.5|许 0.6 s1.4|韩 0.6 n1.5|邓 0.5 w1.6 s1.6 g1.5|冯 0.5 n1.2 s1.3|
曹 0.5 n1.2|彭 0.5 w1.5 c1.5|曾 0.5 s2.0 c1.6 w1.4 n0.2|肖 0.5 c1.6 w1.5|田 0.5 n1.3 w1.3|董 0.5 n1.5|
潘 0.4 s1.5 g1.6|袁 0.4 w1.6|蔡 0.4 s2.2|蒋 0.4 c1.6|余 0.4 c1.5 w1.4|于 0.4 n2.4|杜 0.4 w1.3|
叶 0.4 s1.8 c1.4|程 0.4 c1.5|魏 0.4 n1.4|苏 0.4 s1.5|吕 0.3 n1.4|丁 0.3 c1.4|任 0.3 n1.3 w1.4|卢 0.3 s1.6|
姚 0.3 c1.3|沈 0.3 c1.7|钟 0.3 s2.0 w1.3|姜 0.3 n1.8|崔 0.3 n2.0|谭 0.3 c1.4 s1.5 w1.4|陆 0.3 c1.6 g1.6|
范 0.3 n1.2|汪 0.3 c2.0|廖 0.3 w1.6 s1.6|石 0.3 w1.5|金 0.3 c1.4|韦 0.2 g8.0 w1.5|贾 0.2 n1.8|夏 0.2 c1.4|
付 0.2 n1.2 w1.2|傅 0.1 c1.5|方 0.2 c1.5|邹 0.2 c1.6|熊 0.2 c1.8 w1.8|白 0.2 n1.6|孟 0.2 n1.8|秦 0.2 w1.3|
邱 0.2 s1.8|侯 0.2 n1.5|江 0.2 c1.4 s1.3|尹 0.2 w1.4|薛 0.2 n1.5|闫 0.2 n2.0|段 0.2 w1.6|雷 0.2 w1.6|
龙 0.2 w2.2 g1.5|黎 0.2 s1.6 g2.0|史 0.2 n1.5|陶 0.2 c1.4|贺 0.2 c1.4|毛 0.2 c1.4|郝 0.2 n2.0|顾 0.2 c2.0|
龚 0.2 c1.5 w1.4|邵 0.2 c1.4|万 0.2 c1.5|覃 0.15 g9.0 c0.8 w0.6 n0.05|武 0.15 n1.7|钱 0.15 c2.0|戴 0.15 c1.5|
严 0.15 c1.4|莫 0.15 g6.0 s1.5|孔 0.15 n1.5|向 0.15 c1.6 w1.8|常 0.15 n1.7|汤 0.15 c1.5|康 0.1 n1.2|
易 0.1 c2.0|乔 0.1 n1.6|赖 0.1 s2.5 c1.2|文 0.1 c1.4 s1.4|施 0.1 c1.8|洪 0.1 s1.5 c1.3|牛 0.1 n2.0|
樊 0.1 n1.4|兰 0.1 w1.4|殷 0.1 c1.5|葛 0.1 c1.5|温 0.1 s1.8|庞 0.1 n1.2 g1.5|聂 0.1 c1.4|章 0.08 c1.8|
左 0.08 c1.3|柳 0.06 n1.2|凌 0.05 c1.5|单 0.05 n2.2 c1.5 s0.2|区 0.03 s8.0 g1.5 n0.0 c0.0 w0.0|
仇 0.03 c1.3|解 0.04 n2.0|查 0.03 c2.5|翟 0.05 n2.0|欧阳 0.06 c2.0 s1.5|司马 0.005|诸葛 0.005 c2.0|
上官 0.005|岑 0.04 s2.5 g2.5|符 0.05 s3.5|臧 0.03 n2.0|邢 0.06 n1.8|柴 0.04 n1.5|鲍 0.05 c1.5|包 0.05 c1.5|
宁 0.04 g1.5|倪 0.06 c1.6|滕 0.03 n1.5|尚 0.05 n1.6|耿 0.04 n1.8|车 0.03|焦 0.06 n1.8|纪 0.05 n1.6|
安 0.05 n1.5|时 0.03|祝 0.04 c1.6|祁 0.03 n1.5|谷 0.04 n1.8|晏 0.02 c1.5|穆 0.02 n1.5|甘 0.03 g2.0 w1.5|
蓝 0.04 g3.0 s2.0|盖 0.01 n2.5|朴 0.01 n3.0|乐 0.01 c2.5|缪 0.02 c2.5|华 0.03 c2.0|冉 0.02 w3.0|卜 0.02|
丘 0.02 s2.0|蒙 0.03 g3.0|农 0.02 g5.0|卢 0.05 n1.0|苗 0.04 n1.5|房 0.03 n1.8|毕 0.03 n1.6|卞 0.02 c1.5|
"""

SURNAMES: list = []
SURNAME_W = {g: [] for g in "ncwsg"}
for _tok in _SURNAMES.replace("\n", "").split("|"):
    _parts = _tok.split()
    if not _parts:
        continue
    _mult = {g: 1.0 for g in "ncwsg"}
    for _p in _parts[2:]:
        _mult[_p[0]] = float(_p[1:])
    if _parts[0] in SURNAMES:   # merge duplicates (卢)
        _i = SURNAMES.index(_parts[0])
        for g in "ncwsg":
            SURNAME_W[g][_i] += float(_parts[1]) * _mult[g]
        continue
    SURNAMES.append(_parts[0])
    for g in "ncwsg":
        SURNAME_W[g].append(float(_parts[1]) * _mult[g])
# tail of rarer surnames (equal small weights) to give a long tail
_RARE_SURNAMES = ("霍 车 隆 苟 佟 栾 裘 瞿 詹 童 涂 穆 戚 佘 柯 管 阮 骆 卓 邝 鄢 糜 燕 桂 练 "
                  "虞 居 鞠 伍 连 荆 游 巩 阎 宫 占 饶 姬 喻 幸 阳 窦 路 艾 鹿 官 屈 项 谈").split()
for _s in _RARE_SURNAMES:
    if _s not in SURNAMES:
        SURNAMES.append(_s)
        for g in "ncwsg":
            SURNAME_W[g].append(0.02)

COHORT_EDGES = (1950, 1960, 1970, 1980, 1990, 2000, 2010)   # -> cohort 0..7

_POPULAR = {
    ("m", 0): "福 德明 金生 根生 德胜 长生 国华 志华 玉林 永福 春生 水生 明 华 金福 德福 文 正 全 有才 保国 树林 振华 宝山 长福 天喜 富贵 德全 庆林 荣",
    ("m", 1): "建国 国庆 建华 国华 建军 建平 和平 解放 援朝 建设 振华 志强 国强 明 华 卫国 永红 德明 新民 立新 跃进 春生 建明 福生 光明 国平 志明 中华 玉林 新华",
    ("m", 2): "建华 建国 建军 国强 卫东 红兵 卫国 勇 军 强 伟 平 斌 向东 志强 文革 卫华 红军 东 刚 明 永红 建平 建新 海 华 志刚 国平 卫兵 立军",
    ("m", 3): "伟 勇 军 强 斌 刚 磊 明 建平 志强 海 波 涛 华 辉 建华 杰 鹏 峰 俊 建军 永 亮 林 兵 东 海涛 志勇 志刚 小军",
    ("m", 4): "伟 磊 勇 强 军 涛 斌 超 杰 鹏 刚 俊 浩 辉 亮 健 波 明 峰 帅 海涛 建军 飞 龙 鑫 宇 凯 亮亮 晓东 文",
    ("m", 5): "磊 鑫 杰 浩 涛 超 鹏 帅 强 伟 宇 博 俊杰 浩然 文 凯 晨 阳 龙 飞 旭 鹏飞 佳 志鹏 家豪 明 俊 嘉伟 文杰 宇航",
    ("m", 6): "浩 宇 浩然 宇轩 子豪 俊杰 博 鑫 睿 涛 子轩 一鸣 轩 昊 梓豪 浩宇 嘉豪 鹏飞 佳豪 泽 宇航 文博 俊熙 皓 子健 天宇 家乐 博文 明轩 俊豪",
    ("m", 7): "浩宇 子轩 宇轩 梓睿 浩然 一诺 子墨 梓豪 沐宸 宇航 俊熙 皓轩 奕辰 睿 铭 锦程 宇辰 子豪 思远 天佑 梓轩 宇泽 宸 瑞 诺 皓宇 一鸣 博文 煜 子睿",
    ("f", 0): "秀英 桂英 秀兰 玉兰 桂兰 淑珍 凤英 玉珍 玉梅 凤兰 素珍 秀珍 桂珍 玉英 兰英 秀芳 淑英 桂芝 翠兰 桂香 秀云 玉芳 淑兰 秀荣 桂荣 金凤 秀梅 玉凤 二妹 兰",
    ("f", 1): "秀英 桂英 秀兰 玉兰 桂兰 秀珍 淑珍 凤英 玉梅 秀芳 桂芳 素英 建华 丽华 秀云 玉珍 玉英 淑英 秀荣 美华 秀梅 爱华 凤兰 玉华 春花 桂香 秀华 翠英 金花 淑华",
    ("f", 2): "秀英 红 丽 红梅 英 玉梅 丽华 桂英 秀珍 艳 敏 霞 萍 华 玉兰 红霞 卫红 春梅 秀兰 建华 爱华 小红 秀芳 桂兰 丽萍 玉珍 美华 红英 冬梅 凤",
    ("f", 3): "丽 艳 敏 静 燕 芳 红 霞 丽娟 秀英 玉兰 娟 萍 艳红 海燕 红梅 丽萍 桂英 春燕 丽华 英 玲 梅 小燕 晓燕 艳萍 红霞 秀梅 玉梅 秀兰",
    ("f", 4): "静 丽 敏 艳 燕 娟 芳 丹 婷 霞 玲 晶 洁 倩 颖 雪 琳 莉 红 梅 娜 慧 丽娟 晓燕 丹丹 丽丽 小丽 晓丽 海燕 芳芳",
    ("f", 5): "婷 静 丹 雪 倩 颖 佳 琳 敏 慧 欣 悦 璐 婷婷 丹丹 晓丽 月 蕾 薇 楠 娜 洁 琪 佳佳 雪梅 晓雪 梦 莹 萌 欢",
    ("f", 6): "欣怡 雨涵 婷 佳怡 思琪 梦瑶 诗涵 雨欣 子涵 悦 欣 琪 怡 梓涵 雨萱 可欣 佳琪 紫涵 心怡 思雨 欣然 雨婷 静怡 梦琪 佳欣 雨 诗琪 思涵 婧 嘉欣",
    ("f", 7): "子涵 梓涵 一诺 欣怡 梓萱 语桐 诗涵 雨桐 可馨 思涵 梦琪 若汐 紫萱 依诺 芷若 诗琪 雨涵 欣妍 语嫣 佳怡 安琪 可欣 雨萱 思琪 梓琪 芊芊 悦 欣悦 沐 一涵",
}
# tail character pools: char + era flag (o: cohorts 0-3, m: 2-5, n: 5-7, a: all)
_TAIL = {
    ("m", 1): "建o 国o 志a 永o 德o 明a 文a 海a 小m 晓m 春o 金o 玉o 长o 立m 新o 红o 卫o 向o 家a 俊m "
              "宏m 振o 学o 忠o 世o 天a 子n 宇n 浩n 嘉n 博n 鹏m 泽n 佳n 一n 梓n 思n 晨n 云a 光o 庆o "
              "兴o 少m 成a 正o 东m 胜o 福o 宝o 根o 荣o 华o 伟m 军o 大o 占o 树o 玉o 连o 万o 汉o 守o "
              "继o 绍o 耀o 仁o 铁o 延o 兆o 登o 瑞a 锦n 沐n 皓n 昊n 奕n 睿n 铭n 梓n 俊n 逸n 宏m 亚m 卫o",
    ("m", 2): "华o 国o 明a 军o 平a 强m 林a 伟m 东a 生o 勇m 峰m 刚m 斌m 辉m 杰a 波m 涛m 龙a 亮m 飞a "
              "鹏a 宇n 轩n 豪n 然n 博n 文a 超m 磊m 鑫n 凯n 阳a 松a 山o 成a 荣o 福o 贵o 才o 发o 兵o "
              "新o 祥o 忠o 全o 武o 江a 海a 根o 清o 民o 安a 权o 旺o 喜o 顺o 俊a 健m 睿n 航n 铭n 辰n "
              "晨n 泽n 瑞n 晖m 彬m 锋m 洋n 帆n 宁a 远a 胜o 富o 友o 义o 章o 奎o 元o 田o 金o 银o 水o "
              "春o 庆o 祥o 良o 兴o 昌o 德o 林a 章o",
    ("f", 1): "秀o 玉o 桂o 丽m 美o 春o 红o 小m 晓m 金o 淑o 素o 凤o 翠o 月a 海m 艳m 冬o 雪a 彩o 爱o "
              "慧m 静m 佳n 欣n 雨n 梦n 思n 诗n 子n 梓n 紫n 可n 心n 语n 若n 一n 安n 晶m 文a 亚m 丹m "
              "婉a 嘉n 雅a 巧o 兰o 惠m 燕m 银o 二o 三o 满o 杏o 改o 招o 来o 会o",
    ("f", 2): "英o 兰o 珍o 芳a 梅o 华o 萍m 霞m 云o 凤o 香o 琴a 花o 莲o 娟m 燕m 红o 丽m 玲m 敏m 静m "
              "洁m 婷n 颖n 琳n 倩n 雪a 莉m 娜m 欣n 怡n 涵n 琪n 萱n 瑶n 悦n 馨n 妍n 彤n 菲n 蕾n 薇n "
              "佳n 月a 楠n 璐n 蓉m 艳m 芬o 秀o 荣o 容o 玉o 贞o 娥o 翠o 仙o 菊o 桃o 枝o 妹o 姣o 芝o 霏n",
}
_SINGLE = {
    "m": "伟 勇 军 强 斌 刚 磊 明 杰 涛 波 峰 超 鹏 辉 亮 健 龙 飞 浩 宇 鑫 凯 平 华 东 林 海 兵 俊 彬 帅 博 睿 昊 晨 阳 旭 泽 锋 松 江 成 福 荣 文 武 坤 毅 勋",
    "f": "芳 丽 静 敏 艳 燕 娟 霞 红 萍 玲 婷 丹 洁 倩 颖 雪 琳 莉 娜 慧 梅 英 兰 华 琴 云 欣 悦 璐 蕾 薇 楠 琪 佳 月 媛 菲 珊 芬 蓉 莹",
}
# popular-list share, single-char share by cohort
_POP_SHARE = (0.16, 0.16, 0.15, 0.14, 0.14, 0.14, 0.15, 0.16)
_SINGLE_SHARE = (0.08, 0.09, 0.14, 0.16, 0.15, 0.12, 0.07, 0.06)
_ZIPF_POP, _ZIPF_TAIL, _ZIPF_SINGLE = 0.6, 0.45, 0.4

RUMING_M = "二娃 狗娃 狗蛋 毛毛 小毛 大毛 二毛 三毛 铁蛋 石头 柱子 虎子 栓子 根娃 黑子 小胖 宝宝 豆豆 兵兵 亮亮 阿毛 阿宝 牛娃 憨娃 锁柱 来福 二狗 三娃 小龙 贝贝".split()
RUMING_F = "丫头 二丫 妞妞 小妹 三妹 毛毛 小毛 大妹 二妹 英子 燕子 小芳 丫丫 妹子 阿妹 囡囡 兰妹 秀儿 招娣 盼娣 乐乐 甜甜 小红 小花 贝贝 豆豆 宝宝 萍萍 芳芳 莹莹".split()

UYGHUR_M = "买买提 艾力 阿不都 吐尔逊 热合曼 努尔 艾尔肯 麦麦提 阿卜杜拉 吾买尔 依明 肉孜 阿里木 亚森 玉素甫".split()
UYGHUR_F = "阿依古丽 古丽 帕提古丽 热依拉 迪丽拜尔 阿娜尔 努尔古丽 米娜 祖丽胡玛尔 阿依努尔 布维 再努尔".split()
TIBETAN = "扎西 次仁 多吉 卓玛 央金 拉姆 格桑 旺堆 顿珠 尼玛 达瓦 平措 次旦 德吉 白玛 索朗 普布 洛桑 丹增 曲珍 仁增 巴桑 边巴 群培".split()
TIBETAN_F = set("卓玛 央金 拉姆 德吉 曲珍 白玛".split())
MINORITY_VARIANTS = {
    "买买提": ["麦麦提", "买买体"], "麦麦提": ["买买提"], "艾力": ["艾丽", "阿力"], "阿不都": ["阿布都", "阿卜杜"],
    "吐尔逊": ["吐逊", "图尔逊"], "热合曼": ["热合满", "热曼"], "努尔": ["奴尔"], "阿依古丽": ["阿依姑丽", "阿衣古丽"],
    "古丽": ["姑丽", "古力"], "热依拉": ["热衣拉"], "扎西": ["扎喜", "札西"], "次仁": ["才仁", "策仁", "次仁"],
    "多吉": ["多杰", "朵吉"], "卓玛": ["卓嘛", "周玛"], "拉姆": ["拉毛", "拉木"], "顿珠": ["东珠", "顿祝"],
    "尼玛": ["尼马"], "旺堆": ["旺杰", "王堆"], "格桑": ["格森", "嘎桑"], "平措": ["彭措", "平错"],
    "洛桑": ["罗桑", "洛松"], "丹增": ["旦增", "单增"], "达瓦": ["大瓦", "达娃"], "索朗": ["索南"],
}

# ---------------------------------------------------------------------------
# Provinces: code -> short, weight, surname group, confusion rules, labels, neighbours
# ---------------------------------------------------------------------------
# rules: L n/l, F f/h, Z zh/z, N -n/-ng, H h/w, R r/y/l, U ü/i
PROVINCES = {
    "11": ("北京", 22 * 0.6, "n", "Z", ["北京口音", "京腔", "北京话"]),
    "12": ("天津", 14 * 0.7, "n", "Z", ["天津口音", "天津话"]),
    "13": ("河北", 75 * 1.0, "n", "Z", ["河北口音", "河北话"]),
    "14": ("山西", 35 * 1.0, "n", "NZ", ["山西口音", "山西话"]),
    "15": ("内蒙古", 24 * 0.9, "n", "NZ", ["内蒙口音", "内蒙古口音"]),
    "21": ("辽宁", 42 * 0.9, "n", "RZ", ["东北口音", "东北话", "辽宁口音"]),
    "22": ("吉林", 24 * 0.9, "n", "RZ", ["东北口音", "东北话", "吉林口音"]),
    "23": ("黑龙江", 31 * 0.9, "n", "RZ", ["东北口音", "东北话", "黑龙江口音"]),
    "31": ("上海", 25 * 0.5, "c", "ZNHR", ["上海话", "上海口音"]),
    "32": ("江苏", 85 * 0.85, "c", "ZNHR", ["江苏口音", "江苏话", "苏北口音"]),
    "33": ("浙江", 65 * 0.8, "c", "ZNHR", ["浙江口音", "浙江话"]),
    "34": ("安徽", 61 * 1.15, "c", "LZNH", ["安徽口音", "安徽话"]),
    "35": ("福建", 41 * 0.9, "s", "LFZNHR", ["闽南话", "福建口音", "福建话"]),
    "36": ("江西", 45 * 1.1, "c", "LFZNH", ["江西口音", "江西话", "赣语"]),
    "37": ("山东", 101 * 1.0, "n", "RZ", ["山东口音", "山东话"]),
    "41": ("河南", 99 * 1.2, "n", "Z", ["河南口音", "河南话"]),
    "42": ("湖北", 58 * 1.1, "c", "LZNR", ["湖北口音", "湖北话"]),
    "43": ("湖南", 66 * 1.15, "c", "LFZNH", ["湖南口音", "湖南话", "湘语"]),
    "44": ("广东", 126 * 0.8, "s", "ZNHRFL", ["粤语", "广东话", "白话"]),
    "45": ("广西", 50 * 1.15, "g", "LZNHFU", ["广西口音", "桂柳话", "广西话", "白话", "壮话"]),
    "46": ("海南", 10 * 1.0, "s", "ZNHF", ["海南话", "海南口音"]),
    "50": ("重庆", 32 * 1.15, "w", "LFZNU", ["重庆口音", "重庆话", "四川口音"]),
    "51": ("四川", 84 * 1.2, "w", "LFZNU", ["四川口音", "说四川话", "四川话", "川音"]),
    "52": ("贵州", 39 * 1.2, "w", "LZNUF", ["贵州口音", "贵州话"]),
    "53": ("云南", 47 * 1.1, "w", "LZNUF", ["云南口音", "云南话"]),
    "54": ("西藏", 4 * 0.8, "w", "ZN", ["藏语", "说藏语"]),
    "61": ("陕西", 40 * 1.0, "n", "NZ", ["陕西口音", "陕西话"]),
    "62": ("甘肃", 25 * 1.1, "n", "NZ", ["甘肃口音", "甘肃话", "西北口音"]),
    "63": ("青海", 6 * 1.0, "n", "NZ", ["青海口音", "西北口音"]),
    "64": ("宁夏", 7 * 1.0, "n", "NZ", ["宁夏口音", "西北口音"]),
    "65": ("新疆", 26 * 0.9, "n", "ZN", ["新疆口音"]),
}
NEIGHBOURS = {
    "51": "50 52 53 54", "50": "51 52 42", "52": "51 50 53 43 45", "53": "51 52 45",
    "43": "42 36 52 45 44", "42": "43 41 50 34 36", "36": "43 35 34 42 44", "34": "32 41 42 36",
    "41": "37 34 42 13 14 61", "37": "41 13 32", "13": "11 12 37 41 14", "11": "13 12",
    "12": "11 13", "14": "61 13 41 15", "61": "14 62 41 64", "62": "61 64 63", "64": "62 61",
    "63": "62 54", "15": "14 13 21", "21": "22 23", "22": "21 23", "23": "22 21",
    "32": "31 34 33 37", "31": "32 33", "33": "32 31 35", "35": "44 33 36", "44": "45 35 46 43",
    "45": "44 52 43 53", "46": "44", "54": "63 51", "65": "62",
}
# prefecture-level special dialect labels (by prefecture name prefix)
PREF_LABELS = {
    "潮州": ["潮汕话", "潮州话"], "汕头": ["潮汕话"], "揭阳": ["潮汕话"], "汕尾": ["潮汕话", "海陆丰话"],
    "梅州": ["客家话"], "河源": ["客家话"], "湛江": ["雷州话", "粤语"], "厦门": ["闽南话"],
    "泉州": ["闽南话"], "漳州": ["闽南话"], "福州": ["福州话"], "宁德": ["福州话", "闽东话"],
    "龙岩": ["客家话", "闽南话"], "莆田": ["莆田话"], "温州": ["温州话"], "苏州": ["苏州话", "吴语"],
    "无锡": ["无锡话", "吴语"], "徐州": ["苏北口音", "徐州话"], "宿迁": ["苏北口音"], "连云港": ["苏北口音"],
    "赣州": ["客家话", "江西口音"], "延边": ["朝鲜语", "东北口音"],
}
GENERIC_DIALECT = ["听不懂的方言", "方言口音重", "普通话", "南方口音", "北方口音", "口齿不清",
                   "能说简单普通话", "外地口音", "听不懂", "不说话"]

# big-city destinations for work/migration (prefecture or municipality name, weight)
DESTINATIONS = [("广州市", 6), ("深圳市", 7), ("东莞市", 6), ("佛山市", 4), ("中山市", 2), ("惠州市", 2),
                ("江门市", 1), ("杭州市", 3), ("宁波市", 3), ("温州市", 2.5), ("金华市", 2), ("台州市", 1),
                ("嘉兴市", 1), ("绍兴市", 1), ("上海市", 5), ("北京市", 4), ("天津市", 1.5), ("苏州市", 4),
                ("南京市", 2), ("无锡市", 1.5), ("常州市", 1), ("厦门市", 2), ("泉州市", 2), ("福州市", 1.5),
                ("重庆市", 1.5), ("成都市", 2), ("武汉市", 2), ("长沙市", 1.5), ("郑州市", 1.5), ("西安市", 1.5),
                ("昆明市", 1), ("南宁市", 1), ("贵阳市", 0.8), ("合肥市", 1), ("南昌市", 0.8), ("济南市", 0.8),
                ("青岛市", 1), ("石家庄市", 0.7), ("太原市", 0.5), ("沈阳市", 0.7), ("大连市", 0.7),
                ("哈尔滨市", 0.6), ("乌鲁木齐市", 0.6), ("兰州市", 0.5), ("海口市", 0.4), ("三亚市", 0.3)]

ETHNIC = ["蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
          "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜",
          "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒",
          "乌孜别克", "鄂温克", "德昂", "保安", "裕固", "京", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各族"]
_GENERIC_UNIT = {"市辖区", "县", "市区", "郊区", "矿区", "东区", "西区", "南区", "北区", "城区", "新区",
                 "自治区直辖县级行政区划", "省直辖县级行政区划", "省直辖县级行政单位", "省直辖行政单位", "办事处"}


def base_name(name: str) -> str:
    if "自治" in name:
        best = None
        for e in ETHNIC:
            i = name.find(e, 2)
            if i >= 2 and (best is None or i < best):
                best = i
        if best:
            return name[:best]
    for suf in ("特区", "新区", "林区", "矿区", "自治旗", "自治州", "自治县", "地区", "县", "市", "区", "旗", "盟", "州"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def _mix(*xs) -> int:
    """Deterministic 64-bit hash of small ints (splitmix64 style)."""
    h = 0x9E3779B97F4A7C15
    for x in xs:
        h = (h ^ (x & 0xFFFFFFFFFFFFFFFF)) * 0xBF58476D1CE4E5B9 & 0xFFFFFFFFFFFFFFFF
        h ^= h >> 31
        h = (h * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        h ^= h >> 29
    return h


# ---------------------------------------------------------------------------
# Gazetteer
# ---------------------------------------------------------------------------
def _loc_dat_path() -> str:
    try:
        import stdnum.cn  # noqa
        p = os.path.join(os.path.dirname(stdnum.cn.__file__), "loc.dat")
        if os.path.exists(p):
            return p
    except Exception:
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in (os.path.join(here, "..", ".venv", "lib", "python3.11", "site-packages", "stdnum", "cn", "loc.dat"),):
        if os.path.exists(cand):
            return cand
    raise FileNotFoundError("stdnum/cn/loc.dat not found")


class County:
    __slots__ = ("idx", "code", "prov", "name", "short", "kind", "rural", "aliases", "pref",
                 "weight", "dest_w", "pref_aliases")

    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)


class Pref:
    __slots__ = ("code", "name", "short", "aliases", "counties")

    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)


class Gazetteer:
    def __init__(self, path: str, seed: int):
        ents = {}
        prov_names = {}
        prov = None
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#") or not line.strip():
                    continue
                m = re.match(r'^(\d\d) province="(.*)"', line)
                if m:
                    prov = m.group(1)
                    prov_names[prov] = m.group(2)
                    continue
                m = re.match(r'^\s+(\d{4}) county="(.*)"', line)
                if not m:
                    continue
                hist = []
                for part in m.group(2).split(","):
                    mm = re.match(r"^\[(\d*)-(\d*)\](.*)$", part)
                    if mm:
                        hist.append((int(mm.group(1)) if mm.group(1) else None,
                                     int(mm.group(2)) if mm.group(2) else None, mm.group(3)))
                    else:
                        hist.append((None, None, part))
                ents[prov + m.group(1)] = hist
        self.prov_names = {k: v for k, v in prov_names.items() if k in PROVINCES}

        def is_cur(h):
            return h[-1][1] is None or h[-1][1] >= 2025

        def generic(n):
            return n in _GENERIC_UNIT or n.endswith("行政单位") or n.endswith("行政区划")

        # prefectures
        prefs = {}
        for code, h in ents.items():
            if code[:2] not in PROVINCES or not code.endswith("00") or code[2:4] == "00":
                continue
            if code[:2] in ("11", "12", "31", "50"):
                continue
            if not is_cur(h) or generic(h[-1][2]):
                continue
            nm = h[-1][2]
            prefs[code] = Pref(code=code, name=nm, short=base_name(nm),
                               aliases=[x for x in h[:-1] if not generic(x[2])], counties=[])
        # counties
        counties = []
        for code, h in ents.items():
            pv = code[:2]
            if pv not in PROVINCES or code.endswith("00") or not is_cur(h):
                continue
            nm = h[-1][2]
            if generic(nm):
                continue
            pcode = code[:4] + "00"
            pref = prefs.get(pcode)
            kind = nm[-1] if nm[-1] in "县市区旗" else "x"
            counties.append(County(idx=len(counties), code=code, prov=pv, name=nm, short=base_name(nm),
                                   kind=kind, rural=True, aliases=[x for x in h[:-1] if not generic(x[2])],
                                   pref=pref, weight=1.0, dest_w=0.0))
            if pref is not None:
                pref.counties.append(counties[-1])
        # prefecture-level cities without county children (东莞, 中山 ...)
        for p in prefs.values():
            if not p.counties:
                c = County(idx=len(counties), code=p.code, prov=p.code[:2], name=p.name, short=p.short,
                           kind="市", rural=False, aliases=list(p.aliases), pref=None, weight=1.0, dest_w=0.0)
                counties.append(c)
                p.counties.append(c)
        # historic aliases by base name within province (县改区, 县改市, renames)
        ended_by_prov = {}
        for code, h in ents.items():
            if code[:2] not in PROVINCES:
                continue
            for (s, e, nm) in h:
                if e is not None and e < 2025 and not generic(nm):
                    ended_by_prov.setdefault(code[:2], []).append((code, s, e, nm))
        for c in counties:
            bases = {base_name(c.name)} | {base_name(a[2]) for a in c.aliases}
            have = {a[2] for a in c.aliases} | {c.name}
            linked = {c.code}
            for (code, s, e, nm) in ended_by_prov.get(c.prov, ()):
                if code.endswith("00") or (code == c.code):
                    continue
                b = base_name(nm)
                if len(b) < 2 or b not in bases:
                    continue
                if nm.endswith("区") and code[:4] != c.code[:4]:
                    continue     # district names repeat across cities
                linked.add(code)
                if nm not in have:
                    c.aliases.append((s, e, nm))
                    have.add(nm)
            c.rural = c.kind != "区" or any(a[2].endswith("县") or a[2].endswith("旗") for a in c.aliases)
            # prefecture-level names this county was under in the past
            cur_pref = c.pref.name if c.pref is not None else c.name
            seen = {cur_pref}
            pa = []
            for code in sorted(linked):
                pc = code[:4] + "00"
                if pc[2:4] == "00" or pc not in ents or pc == code:
                    continue
                for (s, e, nm) in ents[pc]:
                    if e is not None and e < 2025 and not generic(nm) and nm not in seen:
                        pa.append((s, e, nm))
                        seen.add(nm)
            c.pref_aliases = pa
        self.counties = counties
        self.prefs = prefs
        # weights
        rng = np.random.default_rng(seed ^ 0x5EED)
        kindf = {"县": 1.0, "市": 1.1, "旗": 0.5, "x": 0.6}
        prov_tot = {}
        raw = np.zeros(len(counties))
        for c in counties:
            if c.kind == "区":
                f = 0.9 if c.rural else 0.45
            else:
                f = kindf.get(c.kind, 0.6)
            raw[c.idx] = f * float(np.exp(rng.normal(0, 0.5)))
            if c.code[:4] == "4603":     # 三沙: islands, no resident population to speak of
                raw[c.idx] = 0.0
            prov_tot[c.prov] = prov_tot.get(c.prov, 0.0) + raw[c.idx]
        w = np.array([raw[c.idx] / prov_tot[c.prov] * PROVINCES[c.prov][1] for c in counties])
        self.home_p = w / w.sum()
        for c in counties:
            c.weight = float(self.home_p[c.idx])
        # destination weights
        byname = {}
        for p in prefs.values():
            byname.setdefault(p.name, []).append(p)
        dw = np.zeros(len(counties))
        for nm, wt in DESTINATIONS:
            members = []
            for p in byname.get(nm, []):
                members.extend(p.counties)
            if not members:
                for pv, pn in self.prov_names.items():
                    if pn == nm:
                        members = [c for c in counties if c.prov == pv]
            if not members:
                continue
            ww = np.array([0.3 if (c.rural and c.kind != "市") else 1.0 for c in members])
            ww = ww / ww.sum() * wt
            for c, x in zip(members, ww):
                dw[c.idx] += x
        self.dest_p = dw / dw.sum()
        urban = np.array([0.0 if c.code[:4] == "4603" else (0.6 if c.rural else 1.6) for c in counties])
        sp = self.home_p * urban
        self.station_p = 0.5 * sp / sp.sum() + 0.5 * self.dest_p
        self.by_prov = {}
        for c in counties:
            self.by_prov.setdefault(c.prov, []).append(c.idx)
        self.home_cum = np.cumsum(self.home_p)
        self.dest_cum = np.cumsum(self.dest_p)
        self.station_cum = np.cumsum(self.station_p)

    # names ------------------------------------------------------------
    def prov_full(self, pv):
        return self.prov_names[pv]

    def prov_short(self, pv):
        return PROVINCES[pv][0]

    @staticmethod
    def name_at(current: str, aliases, year: int) -> str:
        for (s, e, nm) in aliases:
            if (s is None or s <= year) and (e is not None and year <= e):
                return nm
        return current

    def pick(self, cum, u: float) -> int:
        return int(min(bisect.bisect_right(cum, u * cum[-1]), len(cum) - 1))


# ---------------------------------------------------------------------------
# Invented towns and villages (deterministic per county)
# ---------------------------------------------------------------------------
_TOWN_A = "东西南北上下大小新石桥河山岭坪青龙凤马牛花桃梅柳松竹兴福安宁平和太永长清水江湖溪泉田丰金银双三五高明光红胜利白黄杨李王张刘陈文武"
_TOWN_B = "集店铺营口岗桥河山坪湾塘冲坝寨沟林头庄阳城江溪关台田场市渡亭源"
_VILL_SUF_N = ["庄", "家庄", "营", "屯", "店", "集", "堡", "家洼", "沟", "河", "楼", "寨"]
_VILL_SUF_S = ["家湾", "湾", "塘", "冲", "坪", "岭", "家坪", "坑", "垌", "村", "山", "桥", "屋", "围", "埠"]
_VILL_SUF_W = ["坝", "寨", "沟", "坪", "湾", "家湾", "家沟", "垭", "岩", "槽", "梁", "山", "田"]
_VILL_A = "李王张刘陈杨黄赵周吴徐孙朱胡郭何林高罗郑梁谢唐韩冯邓曹彭曾肖田董潘袁蒋余杜叶程魏苏石向新大小上下东西南北前后中高黄白青红马牛龙凤杨柳桃梅松竹石金"
_STREET_A = "解放 人民 建设 中山 胜利 和平 新华 朝阳 东风 长江 黄河 文化 光明 幸福 红旗 团结 建国 工农 友谊 滨江 环城 迎宾 站前 民主 青年 五一 八一".split()


MUNICIPAL = ("11", "12", "31", "50")


def city_of(c: County, gz) -> tuple:
    """(full, short) name of the city a county belongs to (prefecture / municipality / itself)."""
    if c.pref is not None:
        return c.pref.name, c.pref.short
    if c.prov in MUNICIPAL:
        return gz.prov_full(c.prov), gz.prov_short(c.prov)
    return c.name, (c.short if len(c.short) >= 2 else c.name)


def full_addr(c: County, gz) -> str:
    if c.pref is not None:
        return gz.prov_full(c.prov) + c.pref.name + c.name
    return gz.prov_full(c.prov) + c.name


def town_name(c: County, t: int) -> str:
    h = _mix(int(c.code), t, 11)
    if not c.rural:
        if (h >> 8) % 3:
            return _STREET_A[h % len(_STREET_A)] + "街道"
        a = _TOWN_A[(h >> 4) % len(_TOWN_A)]
        b = _TOWN_B[(h >> 12) % len(_TOWN_B)]
        return a + (b if b != a else "家") + "街道"
    if t == 0 and (_mix(int(c.code), 3) % 10) < 5:
        return "城关镇"
    a = _TOWN_A[(h >> 4) % len(_TOWN_A)]
    b = _TOWN_B[(h >> 12) % len(_TOWN_B)]
    if a == b:
        b = "家"
    suf = "乡" if (h >> 20) % 10 < 3 else "镇"
    return a + b + suf


def village_name(c: County, t: int, v: int) -> str:
    h = _mix(int(c.code), t, v, 23)
    if not c.rural:
        a = _STREET_A[(h >> 3) % len(_STREET_A)]
        return a + ("社区" if (h >> 9) % 2 else "小区")
    grp = SUR_GROUP.get(c.prov, "n")
    sufs = _VILL_SUF_N if grp == "n" else (_VILL_SUF_W if grp == "w" else _VILL_SUF_S)
    a = _VILL_A[(h >> 5) % len(_VILL_A)]
    s = sufs[(h >> 13) % len(sufs)]
    if (h >> 21) % 4 == 0:
        a = a + _TOWN_A[(h >> 25) % len(_TOWN_A)]
    nm = a + s
    if len(nm) < 2:
        nm = nm + "家"
    return nm if nm.endswith("村") else nm + "村"


SUR_GROUP = {k: v[2] for k, v in PROVINCES.items()}

# ---------------------------------------------------------------------------
# Features / marks
# ---------------------------------------------------------------------------
LOC_FORMAL = {
    "额头": ["额部", "前额", "额头"], "左眉": ["左眉部", "左眉弓"], "右眉": ["右眉部", "右眉弓"],
    "左脸": ["左面部", "左脸颊", "左颊"], "右脸": ["右面部", "右脸颊", "右颊"], "下巴": ["下颌", "下颏"],
    "头顶": ["头顶部", "头顶"], "后脑勺": ["枕部", "后脑"], "脖子": ["颈部"], "左手臂": ["左前臂", "左上肢"],
    "右手臂": ["右前臂", "右上肢"], "左手背": ["左手背"], "右手背": ["右手背"], "肚子": ["腹部"],
    "左腿": ["左下肢", "左小腿"], "右腿": ["右下肢", "右小腿"], "左膝盖": ["左膝", "左膝部"],
    "右膝盖": ["右膝", "右膝部"], "背上": ["背部", "后背"], "胸口": ["胸前", "胸部"], "屁股": ["臀部"],
    "腰上": ["腰部"], "鼻子旁边": ["鼻翼旁", "鼻侧"], "嘴角": ["口角"], "眉心": ["眉间"],
    "耳朵后面": ["耳后"], "左肩": ["左肩部"], "右肩": ["右肩部"], "左眼下面": ["左眼下方", "左眼睑下"],
    "右眼下面": ["右眼下方", "右眼睑下"],
}
SCAR_LOCS = ["额头", "左眉", "右眉", "左脸", "右脸", "下巴", "头顶", "后脑勺", "左手臂", "右手臂", "左手背",
             "右手背", "肚子", "左腿", "右腿", "左膝盖", "右膝盖", "脖子"]
MOLE_LOCS = ["左脸", "右脸", "鼻子旁边", "眉心", "嘴角", "下巴", "脖子", "耳朵后面", "左眼下面", "右眼下面", "额头"]
BIRTH_LOCS = ["背上", "屁股", "左腿", "右腿", "胸口", "脖子", "左手臂", "右手臂", "腰上", "左脸", "右脸", "肚子"]
TATTOO_LOCS = ["左手臂", "右手臂", "胸口", "背上", "左手背", "右手背", "左肩", "右肩"]
TATTOO_PAT = ["龙", "老虎", "蝎子", "“忍”字", "“爱”字", "英文字母", "五角星", "老鹰", "观音像", "心形图案", "一条鱼", "蝴蝶", "玫瑰花"]
FINGERS_FAM = ["大拇指", "食指", "中指", "无名指", "小指"]
FINGERS_STAFF = [["拇指"], ["食指", "示指"], ["中指"], ["无名指", "环指"], ["小指", "小拇指"]]
COLORS = ["蓝色", "黑色", "灰色", "红色", "白色", "绿色", "黄色", "迷彩", "深蓝色", "咖啡色", "军绿色", "紫色"]
TOPS = ["外套", "夹克", "羽绒服", "T恤", "衬衫", "毛衣", "棉袄", "卫衣", "短袖", "运动服"]
BOTTOMS = ["裤子", "牛仔裤", "运动裤", "西裤", "长裤"]
SHOES = ["布鞋", "运动鞋", "拖鞋", "皮鞋", "解放鞋", "凉鞋"]
MARK_TYPES = ["finger", "six", "scar", "mole", "birth", "tattoo", "limp", "teeth", "eye", "ear", "burn",
              "bald", "hunch", "lip", "stutter", "lefty"]
MARK_W = [4, 1, 10, 7, 5, 4, 3, 4, 3, 2, 2, 2, 1, 1, 2, 1]
MARK_CUM = list(np.cumsum(MARK_W))
STAFF_SEE = {"finger": 0.75, "six": 0.75, "scar": 0.6, "mole": 0.55, "birth": 0.35, "tattoo": 0.6,
             "limp": 0.7, "teeth": 0.45, "eye": 0.6, "ear": 0.5, "burn": 0.55, "bald": 0.5, "hunch": 0.6,
             "lip": 0.7, "stutter": 0.5, "lefty": 0.1}


def make_marks(r: random.Random, age: float, sex: int):
    k = min(int(-math.log(1.0 - r.random()) * 1.3), 5)
    marks = []
    used = set()
    for _ in range(k):
        t = MARK_TYPES[bisect.bisect_right(MARK_CUM, r.random() * MARK_CUM[-1])]
        if t in used and t not in ("scar", "mole"):
            continue
        if t in ("tattoo", "bald", "hunch") and age < 16:
            continue
        if t == "tattoo" and ((sex == 1 and r.random() < 0.7) or (age > 60 and r.random() < 0.6)):
            continue
        if t == "bald" and sex == 1:
            continue
        used.add(t)
        side = "左" if r.random() < 0.5 else "右"
        m = {"t": t, "side": side}
        if t == "finger":
            m["f"] = r.choices(range(5), weights=[2, 3, 2, 2, 4])[0]
            m["n"] = 1 if r.random() < 0.85 else 2
        elif t == "scar":
            m["loc"] = r.choice(SCAR_LOCS)
            m["cm"] = r.choice([2, 3, 3, 4, 5, 6, 8, 10])
        elif t == "mole":
            m["loc"] = r.choice(MOLE_LOCS)
            m["big"] = r.random() < 0.3
        elif t == "birth":
            m["loc"] = r.choice(BIRTH_LOCS)
            m["col"] = r.choice(["青色", "红色", "黑色", "褐色", "青色"])
        elif t == "tattoo":
            m["loc"] = r.choice(TATTOO_LOCS)
            m["pat"] = r.choice(TATTOO_PAT)
        elif t == "teeth":
            m["v"] = r.choice(["gap", "gold", "buck"] if age >= 30 else ["gap", "buck"])
        elif t == "eye":
            m["v"] = r.choice(["blind", "squint", "cloud"])
        elif t == "ear":
            m["v"] = r.choice(["cut", "deaf"])
        elif t == "burn":
            m["loc"] = r.choice(["左手", "右手", "脸上", "脖子", "左腿", "右腿", "胸口", "背上"])
        marks.append(m)
    return marks


def fam_mark(m, r: random.Random) -> str:
    t, s = m["t"], m["side"]
    if t == "finger":
        f = FINGERS_FAM[m["f"]]
        if f == "小指" and r.random() < 0.5:
            f = "小拇指"
        return r.choice([f"{s}手缺{f}", f"{s}手{f}断了一截", f"{s}手{f}没了", f"{s}手少了{'一' if m['n'] == 1 else '两'}根手指",
                         f"{s}手{f}残疾"])
    if t == "six":
        return r.choice([f"{s}手六指", f"{s}手多长了一个手指", f"{s}手有六个指头"])
    if t == "scar":
        loc = m["loc"]
        return r.choice([f"{loc}有块疤", f"{loc}有一道疤", f"{loc}有个伤疤", f"{loc}有刀疤", f"{loc}有疤痕",
                         f"{loc}上有条{m['cm']}公分左右的疤"])
    if t == "mole":
        loc = m["loc"]
        return r.choice([f"{loc}有颗痣", f"{loc}有个黑痣", f"{loc}长了颗{'大' if m['big'] else '小'}痣", f"{loc}有痣"])
    if t == "birth":
        return r.choice([f"{m['loc']}有块{m['col']}胎记", f"{m['loc']}有胎记", f"{m['loc']}有一块{m['col']}的胎记"])
    if t == "tattoo":
        return r.choice([f"{m['loc']}纹了{m['pat']}", f"{m['loc']}有纹身（{m['pat']}）", f"{m['loc']}有刺青",
                         f"{m['loc']}纹有{m['pat']}"])
    if t == "limp":
        return r.choice(["走路有点瘸", f"{s}腿有残疾", f"{s}腿瘸", "走路一瘸一拐"])
    if t == "teeth":
        return {"gap": r.choice(["门牙缺了一颗", "掉了颗门牙", "缺门牙"]),
                "gold": r.choice(["镶了颗金牙", "有金牙"]), "buck": r.choice(["龅牙", "牙齿往外突"])}[m["v"]]
    if t == "eye":
        return {"blind": r.choice([f"{s}眼瞎", f"{s}眼看不见", f"{s}眼失明"]),
                "squint": r.choice(["斜眼", f"{s}眼有点斜", "眼睛斜视"]),
                "cloud": r.choice([f"{s}眼有白内障", f"{s}眼发白"])}[m["v"]]
    if t == "ear":
        return {"cut": r.choice([f"{s}耳朵缺了一块", f"{s}耳朵有缺口"]),
                "deaf": r.choice(["耳朵有点聋", f"{s}耳听不见", "耳背"])}[m["v"]]
    if t == "burn":
        return r.choice([f"{m['loc']}小时候烫伤过", f"{m['loc']}有烫伤的疤", f"{m['loc']}有烧伤"])
    if t == "bald":
        return r.choice(["秃顶", "头发少", "谢顶"])
    if t == "hunch":
        return r.choice(["驼背", "有点驼背"])
    if t == "lip":
        return r.choice(["兔唇", "豁嘴", "小时候做过兔唇手术"])
    if t == "stutter":
        return r.choice(["说话结巴", "说话口吃", "讲话有点结巴"])
    if t == "lefty":
        return r.choice(["左撇子", "用左手吃饭"])
    return ""


def staff_mark(m, r: random.Random) -> str:
    t, s = m["t"], m["side"]
    if r.random() < 0.04:
        s = "右" if s == "左" else "左"

    def fl(loc):
        if r.random() < 0.04 and loc[0] in "左右":
            loc = ("右" if loc[0] == "左" else "左") + loc[1:]
        return r.choice(LOC_FORMAL.get(loc, [loc]))
    if t == "finger":
        f = r.choice(FINGERS_STAFF[m["f"]])
        return r.choice([f"{s}手{f}残缺", f"{s}手第{m['f'] + 1}指缺失", f"{s}手{f}缺如", f"{s}手指残缺（{f}）",
                         f"{s}手{f}缺一节"])
    if t == "six":
        return r.choice([f"{s}手多指畸形", f"{s}手有六根手指", f"{s}手六指"])
    if t == "scar":
        lf = fl(m["loc"])
        return r.choice([f"{lf}见疤痕", f"{lf}有陈旧性疤痕约{m['cm'] + r.choice([-1, 0, 0, 1, 2])}厘米", f"{lf}疤痕",
                         f"{lf}有一处伤疤", f"{lf}有疤"])
    if t == "mole":
        lf = fl(m["loc"])
        return r.choice([f"{lf}黑痣一枚", f"{lf}有痣", f"{lf}色素痣", f"{lf}有一颗黑痣"])
    if t == "birth":
        lf = fl(m["loc"])
        return r.choice([f"{lf}{m['col']}胎记", f"{lf}见{m['col']}斑块", f"{lf}有片状{m['col']}印记", f"{lf}有胎记"])
    if t == "tattoo":
        lf = fl(m["loc"])
        pat = m["pat"] if r.random() < 0.7 else r.choice(TATTOO_PAT)
        return r.choice([f"{lf}有{pat}图案纹身", f"{lf}纹身", f"{lf}刺有{pat}", f"{lf}有纹身"])
    if t == "limp":
        return r.choice(["跛行", "行走不便", f"{s}下肢残疾", f"{s}腿行走不便"])
    if t == "teeth":
        return {"gap": r.choice(["上门牙缺失", "门齿缺失", "缺一颗门牙"]), "gold": r.choice(["有金属假牙", "镶金牙"]),
                "buck": r.choice(["牙齿前突", "龅牙"])}[m["v"]]
    if t == "eye":
        return {"blind": r.choice([f"{s}眼失明", f"{s}眼无视力"]), "squint": r.choice([f"{s}眼斜视", "斜视"]),
                "cloud": r.choice([f"{s}眼浑浊", f"{s}眼角膜发白"])}[m["v"]]
    if t == "ear":
        return {"cut": r.choice([f"{s}耳廓缺损", f"{s}耳部分缺失"]), "deaf": r.choice(["听力差", f"{s}耳失聪"])}[m["v"]]
    if t == "burn":
        return r.choice([f"{fl(m['loc']) if m['loc'] in LOC_FORMAL else m['loc']}烧伤疤痕",
                         f"{m['loc']}陈旧性烫伤痕", f"{m['loc']}有烧烫伤痕迹"])
    if t == "bald":
        return r.choice(["头顶脱发", "谢顶", "秃头"])
    if t == "hunch":
        return r.choice(["背部弯曲", "驼背"])
    if t == "lip":
        return r.choice(["唇裂术后疤痕", "唇裂", "上唇有疤"])
    if t == "stutter":
        return r.choice(["口吃", "言语不清", "说话结巴"])
    if t == "lefty":
        return "惯用左手"
    return ""


COND_FAM = {"intel": ["智力有问题", "脑子不太好使", "智力低下", "有点傻", "反应慢", "智力残疾"],
            "mental": ["精神有问题", "有精神病", "精神不正常", "精神时好时坏", "患有精神分裂症"],
            "dementia": ["老年痴呆", "记性很差", "有点糊涂", "认不得路", "患阿尔茨海默病"],
            "deaf": ["聋哑人", "不会说话", "听不见也不会说话"]}
COND_STAFF = {"intel": ["智力障碍", "智力残疾", "反应迟钝", "疑似智力障碍"],
              "mental": ["精神异常", "精神障碍", "疑似精神病人", "言行异常", "自言自语"],
              "dementia": ["疑似老年痴呆", "认知障碍", "记忆力差", "答非所问"],
              "deaf": ["聋哑", "不能言语", "听力语言障碍", "无法用语言交流"]}
STAFF_STATE = ["衣着破旧", "蓬头垢面", "身体消瘦", "精神萎靡", "能简单交流", "无法正常交流", "身上有异味",
               "表情呆滞", "神志清楚", "体质虚弱", "营养不良", "头发蓬乱", "赤脚", "胡子较长"]

# ---------------------------------------------------------------------------
# Dirty-cell helpers
# ---------------------------------------------------------------------------
_S2T = dict(zip(
    "刘国华张陈东县镇广门长马龙凤兰红军伟丽杨黄赵吴孙郑邓冯韩叶苏卢钟谭陆汤贺顾龚万钱严区单为岁个发头脸记说话湾阳汉乡区连邮园远庄书云丰卫兴两岭宁宝实对开关内农凤厅变叶号团围图圆场块坚声处备复夺壮妇妈娘学宁宫实寻导将尔层岛师带帮干广庆库应废开异弃张强归录总恋惊惯戏战户扑执扩扫扬护报担拥择挂挤挥损据换摄无时昼显晓术机杀杂权条来杨杰极构枪标栏树样桥梦检楼欢残毁气汇汉汤沟没沪泪泽洁洒浅浆浇测浑济浓涂涛润涨渔湿湾满滚灭灯灵灾炉点炼烂烦烧热焕爱爷牵犹狭独狮猎献环现玛玮珑琐电画畅疗疮疯皱盏盐监盖盘瞒矫矾码砖砚确礼祸离种积称穷窍窝竞笔笼筑签简粮紧纠红纤约级纪纬纯纱纲纳纵纷纸纹纺线练组细织终绍经绑结绕绘给络绝统继续绳维绵综绿缓编缘缠缩网罗罚罢羡习翘职联聪肃胀胁胆胜胶脉脏脑脚脱舰艰艺节芦苏苹茎荐药莱获莹萝营萧萨葱蒋蓝蔼蕴虏虑虫虾蚀蚁蚂蛮蜡蝇衅补衬袄袜装裤见观规视览觉誉计订认讨让训议讯记讲许论设访证评识诉诊词译试诗诚话诞询该详语误说请诸诺读谁调谈谊谋谍谎谐谓谜谢谣谦谨谱谷贝贞负贡财责贤败账货质贩贪贫购贯贵贷贸费贺贼资赋赌赏赐赔赖赚赛赞赠赵赶趋跃践踪躯车轨轩转轮软轰轻载较辅辆辈辉辑输辖辩辫边辽达迁过迈运还这进远违连迟适选逊递逻遗邓邮邻郑郦酝酱酿释里鉴针钉钓钞钟钢钥钦钩钱钻铁铃铅铜铭银铺链销锁锅锋错锚锡锣锤锦键镇镜长门闪闭问闯闲间闷闹闻阀阁阅队阳阴阵阶际陆陈降陕险随隐难雏雾霁静顶项顺须顽顾顿颁颂预领颇颈频颓颖颗题颜额风飘飞饭饮饰饱饲饺馆首马驱驳驶驻驾驿骂骄验骑骗骡鱼鲁鲜鸟鸡鸣鸭鸿鹅鹏鹰麦黄齐齿龙龚龟",
    "劉國華張陳東縣鎮廣門長馬龍鳳蘭紅軍偉麗楊黃趙吳孫鄭鄧馮韓葉蘇盧鍾譚陸湯賀顧龔萬錢嚴區單為歲個發頭臉記說話灣陽漢鄉區連郵園遠莊書雲豐衛興兩嶺寧寶實對開關內農鳳廳變葉號團圍圖圓場塊堅聲處備復奪壯婦媽孃學寧宮實尋導將爾層島師帶幫幹廣慶庫應廢開異棄張強歸錄總戀驚慣戲戰戶撲執擴掃揚護報擔擁擇掛擠揮損據換攝無時晝顯曉術機殺雜權條來楊傑極構槍標欄樹樣橋夢檢樓歡殘毀氣匯漢湯溝沒滬淚澤潔灑淺漿澆測渾濟濃塗濤潤漲漁濕灣滿滾滅燈靈災爐點煉爛煩燒熱煥愛爺牽猶狹獨獅獵獻環現瑪瑋瓏瑣電畫暢療瘡瘋皺盞鹽監蓋盤瞞矯礬碼磚硯確禮禍離種積稱窮竅窩競筆籠築簽簡糧緊糾紅纖約級紀緯純紗綱納縱紛紙紋紡線練組細織終紹經綁結繞繪給絡絕統繼續繩維綿綜綠緩編緣纏縮網羅罰罷羨習翹職聯聰肅脹脅膽勝膠脈臟腦腳脫艦艱藝節蘆蘇蘋莖薦藥萊獲瑩蘿營蕭薩蔥蔣藍藹蘊虜慮蟲蝦蝕蟻螞蠻蠟蠅釁補襯襖襪裝褲見觀規視覽覺譽計訂認討讓訓議訊記講許論設訪證評識訴診詞譯試詩誠話誕詢該詳語誤說請諸諾讀誰調談誼謀諜謊諧謂謎謝謠謙謹譜穀貝貞負貢財責賢敗賬貨質販貪貧購貫貴貸貿費賀賊資賦賭賞賜賠賴賺賽贊贈趙趕趨躍踐蹤軀車軌軒轉輪軟轟輕載較輔輛輩輝輯輸轄辯辮邊遼達遷過邁運還這進遠違連遲適選遜遞邏遺鄧郵鄰鄭酈醞醬釀釋裡鑒針釘釣鈔鐘鋼鑰欽鉤錢鑽鐵鈴鉛銅銘銀鋪鏈銷鎖鍋鋒錯錨錫鑼錘錦鍵鎮鏡長門閃閉問闖閒間悶鬧聞閥閣閱隊陽陰陣階際陸陳降陝險隨隱難雛霧霽靜頂項順須頑顧頓頒頌預領頗頸頻頹穎顆題顏額風飄飛飯飲飾飽飼餃館首馬驅駁駛駐駕驛罵驕驗騎騙騾魚魯鮮鳥雞鳴鴨鴻鵝鵬鷹麥黃齊齒龍龔龜"))
_TRAD_TABLE = str.maketrans(_S2T)
_FW_TABLE = str.maketrans("0123456789 -", "０１２３４５６７８９　－")


def dirty(s: str, r: random.Random, p: float = 0.015) -> str:
    if not s or r.random() >= p:
        return s
    k = r.random()
    if k < 0.35:
        return s.translate(_TRAD_TABLE)
    if k < 0.55:
        return s.translate(_FW_TABLE)
    if k < 0.8:
        return r.choice([" ", "  ", "\u3000", "\t"]) + s if r.random() < 0.5 else s + r.choice([" ", " \u3000", "  "])
    if len(s) >= 2:
        i = r.randrange(1, len(s))
        return s[:i] + r.choice([" ", "\u3000"]) + s[i:]
    return s


_CN_DIG = "零一二三四五六七八九"
_CN_MONTH = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]


def cn_num(n: int) -> str:
    if n >= 100:
        return str(n)
    if n < 10:
        return _CN_DIG[n]
    if n < 20:
        return "十" + (_CN_DIG[n % 10] if n % 10 else "")
    return _CN_DIG[n // 10] + "十" + (_CN_DIG[n % 10] if n % 10 else "")


def lunar_day(d: int) -> str:
    if d <= 10:
        return "初" + cn_num(d) if d < 10 else "初十"
    if d < 20:
        return "十" + _CN_DIG[d - 10]
    if d == 20:
        return "二十"
    if d < 30:
        return "廿" + _CN_DIG[d - 20]
    return "三十"


# ---------------------------------------------------------------------------
# Population (vectorised numeric attributes)
# ---------------------------------------------------------------------------
_YEARS = np.arange(1990, 2026)
_YEAR_W = np.exp(0.07 * (_YEARS - 1990))
_YEAR_P = _YEAR_W / _YEAR_W.sum()
_YEAR_START = np.array([_dt.date(int(y), 1, 1).toordinal() - EPOCH_ORD for y in _YEARS])
_YEAR_LEN = np.array([366 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 365 for y in _YEARS])


def sample_missing_days(n: int, rng: np.random.Generator, max_days=None) -> np.ndarray:
    yi = rng.choice(len(_YEARS), size=n, p=_YEAR_P)
    d = _YEAR_START[yi] + (rng.random(n) * _YEAR_LEN[yi]).astype(np.int64)
    d = np.minimum(d, END_DAYS)
    if max_days is not None:
        bad = d > max_days
        tries = 0
        while bad.any() and tries < 50:
            k = int(bad.sum())
            yi = rng.choice(len(_YEARS), size=k, p=_YEAR_P)
            d[bad] = _YEAR_START[yi] + (rng.random(k) * _YEAR_LEN[yi]).astype(np.int64)
            bad = d > max_days
            tries += 1
        if bad.any():   # fall back: uniform in [1990, max]
            lo = _YEAR_START[0]
            d[bad] = lo + (rng.random(int(bad.sum())) * np.maximum(max_days[bad] - lo, 1)).astype(np.int64)
    return d


def sample_gaps(n: int, rng: np.random.Generator) -> np.ndarray:
    comp = rng.choice(6, size=n, p=[0.20, 0.20, 0.20, 0.20, 0.12, 0.08])
    u = rng.random(n)
    lo = np.array([0, 8, 61, 366, 5 * 365, 10 * 365])
    hi = np.array([7, 60, 365, 5 * 365, 10 * 365, 25 * 365])
    # log-uniform within a component (more mass at the short end)
    a, b = lo[comp] + 1, hi[comp] + 1
    g = np.exp(np.log(a) + u * (np.log(b) - np.log(a))) - 1
    return g.astype(np.int64)


_HT_M = [50, 76, 88, 96, 104, 111, 117, 124, 130, 135, 141, 146, 153, 160, 166, 170, 172, 173, 173]
_HT_F = [49, 75, 87, 95, 103, 110, 116, 122, 128, 134, 140, 146, 152, 156, 158, 159, 160, 160, 160]


def height_at(adult: float, sex: int, age: float) -> float:
    if age >= 18:
        h = adult
        if age > 60:
            h -= 0.15 * (age - 60)
        return h
    tab = _HT_F if sex else _HT_M
    a0 = max(int(age), 0)
    fr = max(age - a0, 0.0)
    med = tab[a0] + (tab[min(a0 + 1, 18)] - tab[a0]) * fr
    return med * adult / tab[18]


def draw_population(n: int, rng: np.random.Generator, gz: Gazetteer, missing_days=None) -> dict:
    P = {}
    P["county"] = np.minimum(np.searchsorted(gz.home_cum, rng.random(n) * gz.home_cum[-1], side="right"),
                             len(gz.counties) - 1)
    if missing_days is None:
        missing_days = sample_missing_days(n, rng)
    P["missing"] = np.asarray(missing_days, dtype=np.int64)
    grp = rng.choice(5, size=n, p=[0.14, 0.06, 0.22, 0.28, 0.30])
    lo = np.array([0.3, 14, 18, 36, 60])[grp]
    hi = np.array([14, 18, 36, 60, 93])[grp]
    age = lo + rng.random(n) * (hi - lo)
    # children: more mass at 2..9
    ch = grp == 0
    age[ch] = np.clip(rng.gamma(3.0, 2.0, ch.sum()), 0.3, 13.99)
    eld = grp == 4
    age[eld] = np.clip(60 + rng.gamma(2.5, 6.0, eld.sum()), 60, 95)
    P["age_miss"] = age
    male_p = np.where((grp == 2) | (grp == 3), 0.68, 0.55)
    P["sex"] = (rng.random(n) >= male_p).astype(np.int8)     # 0 male 1 female
    P["birth"] = (P["missing"] - age * 365.25).astype(np.int64)
    # condition
    u = rng.random(n)
    cond = np.zeros(n, dtype=np.int8)   # 0 none 1 intel 2 mental 3 dementia 4 deaf
    young = grp <= 1
    adult = (grp == 2) | (grp == 3)
    cond[young & (u < 0.15)] = 1
    cond[young & (u >= 0.15) & (u < 0.18)] = 4
    cond[adult & (u < 0.20)] = 1
    cond[adult & (u >= 0.20) & (u < 0.45)] = 2
    cond[adult & (u >= 0.45) & (u < 0.49)] = 4
    cond[eld & (u < 0.55)] = 3
    cond[eld & (u >= 0.55) & (u < 0.60)] = 2
    cond[eld & (u >= 0.60) & (u < 0.63)] = 1
    P["cond"] = cond
    # adult height z-score, cohort trend
    by = 1970 + P["birth"] / 365.25
    trend = np.clip((by - 1985) * 0.12, -6, 1.5)
    P["adult_h"] = np.where(P["sex"] == 0, 169 + trend + 6 * rng.standard_normal(n),
                            158 + trend + 5.5 * rng.standard_normal(n))
    # names ---------------------------------------------------------------
    pv = np.array([int(gz.counties[i].prov) for i in range(len(gz.counties))])[P["county"]]
    grp_of_prov = {int(k): "ncwsg".index(v[2]) for k, v in PROVINCES.items()}
    sg_lut = np.zeros(100, dtype=np.int64)
    for k_, v_ in grp_of_prov.items():
        sg_lut[k_] = v_
    sg = sg_lut[pv]
    sur = np.zeros(n, dtype=np.int32)
    for gi, g in enumerate("ncwsg"):
        m = sg == gi
        w = np.array(SURNAME_W[g])
        sur[m] = rng.choice(len(w), size=int(m.sum()), p=w / w.sum())
    P["surname"] = sur
    byi = np.floor(by).astype(int)
    cohort = np.searchsorted(np.array(COHORT_EDGES), byi, side="right")
    P["cohort"] = cohort
    P["given"] = _draw_given(n, P["sex"], cohort, rng)
    P["given2"] = _draw_given(n, P["sex"], cohort, rng)   # possible former name
    # minorities
    mino = np.zeros(n, dtype=np.int8)
    um = rng.random(n)
    mino[(pv == 65) & (um < 0.45)] = 1
    mino[(pv == 54) & (um < 0.85)] = 2
    mino[(pv == 63) & (um < 0.20)] = 2
    P["minority"] = mino
    P["u"] = rng.random((n, 4))   # spare uniforms
    return P


_GIVEN_CACHE = {}


def _given_tables(sex: str, cohort: int):
    key = (sex, cohort)
    if key in _GIVEN_CACHE:
        return _GIVEN_CACHE[key]
    pop = _POPULAR[(sex, cohort)].split()
    pw = 1.0 / (np.arange(len(pop)) + 2.0) ** _ZIPF_POP
    eras = {"o": range(0, 4), "m": range(2, 6), "n": range(5, 8), "a": range(0, 8)}
    a = [t[0] for t in _TAIL[(sex, 1)].split() if cohort in eras[t[1]]]
    b = [t[0] for t in _TAIL[(sex, 2)].split() if cohort in eras[t[1]]]
    a = list(dict.fromkeys(a))
    b = list(dict.fromkeys(b))
    aw = 1.0 / (np.arange(len(a)) + 3.0) ** _ZIPF_TAIL
    bw = 1.0 / (np.arange(len(b)) + 3.0) ** _ZIPF_TAIL
    single = _SINGLE[sex].split()
    sw = 1.0 / (np.arange(len(single)) + 2.0) ** _ZIPF_SINGLE
    t = (pop, pw / pw.sum(), a, aw / aw.sum(), b, bw / bw.sum(), single, sw / sw.sum())
    _GIVEN_CACHE[key] = t
    return t


def _draw_given(n, sex_arr, cohort, rng) -> list:
    out = [None] * n
    for s_i, s in enumerate("mf"):
        for c in range(8):
            idx = np.nonzero((sex_arr == s_i) & (cohort == c))[0]
            k = len(idx)
            if not k:
                continue
            pop, pw, a, aw, b, bw, single, sw = _given_tables(s, c)
            mode = rng.random(k)
            ps, ss = _POP_SHARE[c], _SINGLE_SHARE[c]
            ip = rng.choice(len(pop), size=k, p=pw)
            ia = rng.choice(len(a), size=k, p=aw)
            ib = rng.choice(len(b), size=k, p=bw)
            isg = rng.choice(len(single), size=k, p=sw)
            for j in range(k):
                mj = mode[j]
                if mj < ps:
                    g = pop[ip[j]]
                elif mj < ps + ss:
                    g = single[isg[j]]
                else:
                    x, y = a[ia[j]], b[ib[j]]
                    g = x + y if x != y else x + x   # 叠字 names exist (婷婷)
                out[idx[j]] = g
    return out


# ---------------------------------------------------------------------------
# Person (latent, per row)
# ---------------------------------------------------------------------------
class Person:
    __slots__ = ("i", "county", "sex", "birth", "missing", "age_miss", "cond", "adult_h", "surname", "given",
                 "minority", "name", "ruming", "former", "alts", "order", "marks", "town", "village", "group",
                 "miss_county", "miss_kind", "build", "face", "cloth")


def _ord(days: int) -> _dt.date:
    return _dt.date.fromordinal(int(days) + EPOCH_ORD)


def build_person(i: int, P: dict, gz: Gazetteer, r: random.Random) -> Person:
    p = Person()
    p.i = i
    c = gz.counties[int(P["county"][i])]
    p.county = c
    p.sex = int(P["sex"][i])
    p.birth = int(P["birth"][i])
    p.missing = int(P["missing"][i])
    p.age_miss = float(P["age_miss"][i])
    p.cond = int(P["cond"][i])
    p.adult_h = float(P["adult_h"][i])
    p.minority = int(P["minority"][i])
    if p.minority == 1:
        pool = UYGHUR_F if p.sex else UYGHUR_M
        p.surname = ""
        p.given = r.choice(pool)
        p.name = p.given + "·" + r.choice(UYGHUR_M)
    elif p.minority == 2:
        p.surname = ""
        a = r.choice(TIBETAN)
        b = r.choice([x for x in TIBETAN if (x in TIBETAN_F) == bool(p.sex)] or TIBETAN)
        p.given = a
        p.name = a + b if r.random() < 0.75 and a != b else b
        p.given = p.name[:2]
    else:
        p.surname = SURNAMES[int(P["surname"][i])]
        p.given = P["given"][i]
        p.name = p.surname + p.given
    # childhood names, former names, birth order
    p.order = r.choices([1, 2, 3, 4, 5], weights=[40, 30, 17, 8, 5])[0]
    p.ruming = ""
    if r.random() < 0.45:
        p.ruming = r.choice(RUMING_F if p.sex else RUMING_M)
        if r.random() < 0.25 and p.given:
            p.ruming = p.given[-1] * 2 if len(p.given) <= 2 else p.ruming
    p.former = ""
    if not p.minority and r.random() < 0.08:
        g2 = P["given2"][i]
        if g2 != p.given:
            p.former = p.surname + g2
    p.alts = []
    p.marks = make_marks(r, p.age_miss, p.sex)
    # home detail
    n_towns = 6 + _mix(int(c.code), 1) % 18
    p.town = r.randrange(n_towns) if r.random() < 0.8 else 0
    p.village = r.randrange(25)
    p.group = r.randrange(1, 13)
    # missing place
    age = p.age_miss
    work = 18 <= age < 55 and p.cond in (0, 1, 2)
    u = r.random()
    far = 0.40 if work else (0.12 if age >= 14 else 0.06)
    if u < far:
        p.miss_kind = "far"
        p.miss_county = gz.counties[gz.pick(gz.dest_cum, r.random())]
        if p.miss_county.prov == c.prov and r.random() < 0.5:
            p.miss_kind = "prov"
    elif u < far + 0.10 and c.pref is not None and len(c.pref.counties) > 1:
        p.miss_kind = "pref"
        p.miss_county = r.choice(c.pref.counties)
    else:
        p.miss_kind = "home"
        p.miss_county = c
    p.build = r.choice(["偏瘦", "中等", "偏胖", "瘦", "中等", "中等偏瘦"])
    p.face = r.choice(["圆脸", "瓜子脸", "长脸", "国字脸", "方脸", ""])
    p.cloth = (r.choice(COLORS), r.choice(TOPS), r.choice(COLORS), r.choice(BOTTOMS), r.choice(SHOES))
    return p


# ---------------------------------------------------------------------------
# Report rendering
# ---------------------------------------------------------------------------
SRC_CUM = [0.5, 0.7, 1.0]   # family, police, web


def fmt_date_variants(y, m, d, styles, r):
    st = r.choices(*styles)[0]
    if st == "cn":
        return f"{y}年{m}月{d}日"
    if st == "iso":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if st == "cnm":
        return f"{y}年{m}月"
    if st == "ym":
        return f"{y}-{m:02d}"
    if st == "y":
        return f"{y}"
    if st == "yn":
        return f"{y}年"
    if st == "approx":
        yy = int(round(y / 5.0) * 5) if r.random() < 0.6 else y + r.choice([-2, -1, 1, 2])
        return r.choice([f"约{yy}年", f"{yy}年左右", f"大约{yy}年"])
    if st == "yy":
        return f"{y % 100:02d}年生" if r.random() < 0.5 else f"{y}年生"
    if st == "decade":
        return f"{(y // 10 % 10) * 10}年代" if 1940 <= y < 2000 else f"{y // 10 * 10}年代"
    if st == "dot":
        return f"{y}.{m}.{d}"
    if st == "slash":
        return f"{y}/{m}/{d}"
    if st == "compact":
        return f"{y:04d}{m:02d}{d:02d}"
    if st == "lunar":
        lm = max(1, m - 1) if r.random() < 0.7 else m
        return f"农历{y}年{_CN_MONTH[lm - 1]}月{lunar_day(min(d, 30))}"
    if st == "isot":
        return f"{y:04d}-{m:02d}-{d:02d} 00:00:00"
    if st == "season":
        s = ["冬天", "冬天", "春天", "春天", "春天", "夏天", "夏天", "夏天", "秋天", "秋天", "秋天", "冬天"][m - 1]
        if m <= 2 and r.random() < 0.3:
            return f"{y}年春节前后"
        return f"{y}年{s}"
    if st == "pm":
        return f"{y}年{m}月{d}日{r.choice(['上午', '下午', '晚上', '中午'])}"
    return ""


BIRTH_STYLES = {
    0: (["cn", "iso", "cnm", "yn", "y", "approx", "yy", "decade", "dot", "lunar", ""],
        [15, 10, 15, 18, 12, 9, 4, 3, 5, 4, 5]),
    1: (["iso", "cn", "compact", "yn", "cnm", ""], [50, 25, 8, 8, 4, 5]),
    2: (["iso", "y", "yn", "isot", "slash", "approx", "cnm", ""], [25, 25, 15, 5, 8, 5, 5, 12]),
}
MISS_STYLES = {
    0: (["cn", "iso", "cnm", "yn", "pm", "dot", "slash", "season", "compact"], [30, 22, 14, 5, 5, 8, 6, 6, 2]),
    1: (["iso", "cn", "pm"], [65, 30, 5]),
    2: (["iso", "isot", "cn", "slash", "cnm", "yn", ""], [50, 8, 15, 10, 8, 5, 4]),
}


def fmt_height_report(h: float, src: int, r: random.Random, child: bool) -> str:
    u = r.random()
    if u < (0.06 if src == 1 else 0.14):
        return ""
    hv = h + max(-3.0, min(3.0, r.gauss(0, 1.5)))
    if src != 1 and r.random() < 0.6:
        hv = round(hv / 5.0) * 5
    hi = int(round(hv))
    if child and r.random() < 0.3:
        rest = hi - 100
        return r.choice([f"{hi}", f"{hi}cm", f"约{hi/100:.1f}米",
                         (f"1米{rest // 10}" if rest % 10 == 0 else f"1米{rest}") if rest >= 10 else f"{hi}厘米"])
    if src == 1:
        return r.choice([f"{hi}", f"{hi}cm", f"{hi}厘米", f"{hi}CM"])
    k = r.random()
    if k < 0.28:
        return f"{hi}"
    if k < 0.45:
        return f"{hi}cm"
    if k < 0.52:
        return f"{hi}厘米"
    if k < 0.62 and hi >= 110:
        rest = hi - 100
        return f"1米{rest}" if rest % 10 else f"1米{rest // 10}"
    if k < 0.68:
        return f"{hi / 100:.2f}米" if r.random() < 0.7 else f"{hi / 100:.2f}m"
    if k < 0.76 and 110 <= hi < 200:
        rest = hi - 100
        if rest % 10 == 0:
            return f"一米{_CN_DIG[rest // 10]}" + r.choice(["", "左右"])
        if r.random() < 0.5:
            return f"一米{_CN_DIG[rest // 10]}{_CN_DIG[rest % 10]}"
        return f"一米{_CN_DIG[int(round(rest / 10.0))] if rest < 95 else '九'}左右"
    if k < 0.84:
        return r.choice([f"约{hi}", f"{hi}左右", f"{hi}cm左右"])
    if k < 0.92:
        lo = hi // 10 * 10
        return f"{lo}-{lo + 10}" if r.random() < 0.6 else f"{lo - 5}-{lo + 5}"
    if k < 0.96:
        return "中等个子" if 155 < h < 172 else ("个子矮小" if h <= 155 else "个子高")
    return f"{hi}"


def report_alt_names(p: Person, src: int, r: random.Random) -> str:
    alts = []
    if p.ruming and r.random() < (0.6 if src == 0 else 0.25):
        alts.append(p.ruming if r.random() > 0.05 else "小名" + p.ruming)
    if p.former and r.random() < 0.7:
        alts.append(p.former)
    if not p.minority and p.given and r.random() < 0.10:
        g = p.given[-1]
        alts.append(r.choice(["阿" + g, "小" + g, g + g] + (["老" + p.surname] if p.age_miss >= 30 else [])))
    if p.minority == 1 and r.random() < 0.3:
        v = MINORITY_VARIANTS.get(p.given)
        if v:
            alts.append(v[0] + p.name[len(p.given):])
    if p.minority == 0 and p.sex == 1 and p.age_miss > 70 and r.random() < 0.1:
        alts.append(r.choice(SURNAMES[:20]) + p.surname + "氏")
    if not alts:
        return ""
    p.alts = alts
    sep = r.choices([";", "、", "；", "，", "; "], weights=[45, 40, 6, 4, 5])[0]
    return sep.join(alts)


def fmt_hometown(p: Person, src: int, r: random.Random, gz: Gazetteer) -> str:
    c = p.county
    u = r.random()
    if u < 0.04:
        return ""
    year = _ord(p.missing).year
    use_old = r.random() < 0.7
    cname = gz.name_at(c.name, c.aliases, year) if use_old else c.name
    pref = c.pref
    pname = (gz.name_at(pref.name, c.pref_aliases, year) if use_old else pref.name) if pref else ""
    if u < 0.10:
        # lived/worked elsewhere
        c = p.miss_county
        cname = c.name
        pref = c.pref
        pname = pref.name if pref else ""
    prov = gz.prov_full(c.prov)
    provs = gz.prov_short(c.prov)
    town = town_name(c, p.town)
    vill = village_name(c, p.town, p.village)
    grp = r.choice([f"{cn_num(p.group)}组", f"{p.group}组", f"{p.group}队"]) if c.rural else f"{p.group}栋"
    if src == 1:
        lv = r.choices([3, 4, 5, 6], weights=[35, 30, 25, 10])[0]
    elif src == 0:
        lv = r.choices([1, 2, 3, 4, 5, 6], weights=[4, 10, 28, 22, 24, 12])[0]
    else:
        lv = r.choices([1, 2, 3, 4, 5], weights=[10, 25, 40, 15, 10])[0]
    short = src != 1 and r.random() < 0.35
    P_ = provs if short else prov
    PF = (base_name(pname) if short else pname) if pname else ""
    CN = base_name(cname) if (short and len(base_name(cname)) >= 2) else cname
    if c.pref is None and pref is None:
        PF = ""
    if lv == 1:
        s = P_
    elif lv == 2:
        s = P_ + PF if PF else P_ + CN
    elif lv == 3:
        s = r.choice([P_ + PF + CN, P_ + PF + CN, PF + CN, P_ + CN])
    elif lv == 4:
        s = r.choice([P_ + PF + CN + town, PF + CN + town, CN + town])
    elif lv == 5:
        s = r.choice([P_ + PF + CN + town + vill, PF + CN + town + vill, CN + town + vill, P_ + CN + town + vill])
    else:
        s = P_ + PF + CN + town + vill + grp
    if src == 0 and r.random() < 0.05:
        s += "人"
    if short and r.random() < 0.15 and len(s) > 4:
        s = s.replace("省", " ", 1).replace("市", " ", 1)
    return s


def fmt_missing_place(p: Person, src: int, r: random.Random, gz: Gazetteer) -> str:
    if r.random() < 0.07:
        return ""
    c = p.miss_county
    pn, pns = city_of(c, gz)
    cn = c.name if c.name != pn else ""
    if c.aliases and r.random() < 0.7:     # written with the name valid at the time
        old = gz.name_at(c.name, c.aliases, _ord(p.missing).year)
        if old != c.name:
            cn = old
    cnm = cn or c.name
    town = town_name(c, p.town if c is p.county else _mix(p.i, 5) % 6)
    if p.miss_kind == "home":
        vill = village_name(c, p.town, p.village)
        opts = [f"{cnm}{town}", "家附近", "家中", f"{pns}{cn}", f"从{vill}家中走失", f"{town}集市",
                f"{base_name(cnm)}县城" if cnm.endswith("县") else f"{cnm}城区",
                f"{gz.prov_short(c.prov)}{pns}{c.short}" if (cn and c.prov not in MUNICIPAL) else f"{gz.prov_short(c.prov)}{c.short}",
                f"{vill}", f"{cnm}{town}{vill}附近"]
        w = [14, 6, 5, 12, 8, 6, 8, 14, 5, 8]
    else:
        road = _STREET_A[_mix(p.i, 9) % len(_STREET_A)]
        pshort = gz.prov_short(c.prov)
        opts = [f"{pn}{cn}", f"{pns}火车站", f"在{pns}打工时失联", pn if pn.startswith(pshort) else f"{pshort}{pn}",
                f"{pn}{cn}{road}路", f"{pns}某工地", full_addr(c, gz), f"{pns}汽车站", cnm]
        w = [18, 10, 10, 12, 8, 6, 14, 6, 8]
    s = r.choices(opts, weights=w)[0]
    if src == 1 and r.random() < 0.5 and not s.startswith(gz.prov_short(c.prov)) and s[0] not in "家在从":
        s = gz.prov_full(c.prov) + s
    return s


def fmt_features_report(p: Person, src: int, r: random.Random) -> str:
    parts = []
    pm = (0.8, 0.85, 0.6)[src]
    for m in p.marks:
        if r.random() < pm:
            parts.append(fam_mark(m, r))
    cond = ("", "intel", "mental", "dementia", "deaf")[p.cond]
    if cond and r.random() < 0.7:
        parts.append(r.choice(COND_FAM[cond]))
    if r.random() < 0.4:
        parts.append(p.build if p.build != "中等" else "体型中等")
    if p.face and r.random() < 0.25:
        parts.append(p.face)
    if r.random() < (0.5 if src == 0 else 0.3):
        c1, top, c2, bot, sh = p.cloth
        parts.append(r.choice([f"走失时穿{c1}{top}、{c2}{bot}", f"穿{c1}{top}{c2}{bot}{sh}", f"离家时身穿{c1}{top}"]))
    if src == 2 and r.random() < 0.15:
        parts.append(r.choice(["家人很着急", "望知情者联系", "有线索请联系家属"]))
    r.shuffle(parts) if r.random() < 0.3 else None
    if not parts:
        return ""
    sep = r.choices(["，", "；", "。", " ", ";", "、"], weights=[45, 15, 10, 10, 10, 10])[0]
    return sep.join(x for x in parts if x)


def fmt_dialect_report(p: Person, src: int, r: random.Random, gz: Gazetteer) -> str:
    if p.cond == 4:
        return r.choice(["聋哑", "不会说话", ""])
    if r.random() < (0.5, 0.6, 0.85)[src]:
        return ""
    c = p.county
    ps = gz.prov_short(c.prov)
    pref = c.pref
    pl = None
    if pref is not None:
        for k, v in PREF_LABELS.items():
            if pref.name.startswith(k):
                pl = v
    if p.minority == 1:
        return r.choice(["维吾尔语", "会说维语和一点汉语", "新疆口音"])
    if p.minority == 2:
        return r.choice(["藏语", "会说藏语", "藏语，会一点普通话"])
    opts = [f"{ps}话", f"{ps}口音", "会说普通话", "只会说方言", "普通话不标准", f"说{ps}方言"]
    if pref is not None:
        opts += [f"{base_name(pref.name)}话", f"{base_name(pref.name)}口音"]
    if pl:
        opts += pl * 2
    opts += PROVINCES[c.prov][4]
    if p.age_miss < 3:
        return r.choice(["还不会说话", "会说简单的话", ""])
    return r.choice(opts)


PHONE_PFX = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152",
             "153", "155", "156", "157", "158", "159", "166", "170", "171", "173", "175", "176", "177", "178",
             "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "193", "195", "198",
             "199"]
PHONE_NOTE = ["（父亲）", "（母亲）", "(儿子)", "（女儿）", "（哥哥）", "（姐姐）", " 微信同号", "（妻子）", "（丈夫）",
              "（弟弟）", " 张先生", " 李女士", "（村委会）", "（侄子）"]


def fmt_phone(src: int, r: random.Random, surname: str) -> str:
    if r.random() < (0.05, 0.2, 0.3)[src]:
        return ""
    num = r.choice(PHONE_PFX) + "".join(r.choice("0123456789") for _ in range(8))
    k = r.random()
    if k < 0.55:
        s = num
    elif k < 0.75:
        s = f"{num[:3]} {num[3:7]} {num[7:]}"
    elif k < 0.85:
        s = f"{num[:3]}-{num[3:7]}-{num[7:]}"
    elif k < 0.9:
        s = "+86 " + num
    else:
        s = num
    u = r.random()
    if u < 0.25:
        s += r.choice(PHONE_NOTE)
    elif u < 0.32:
        s = f"联系人：{surname or '王'}{r.choice(['先生', '女士'])} {s}"
    elif u < 0.36:
        s += "；备用：" + r.choice(PHONE_PFX) + "".join(r.choice("0123456789") for _ in range(8))
    return s


def render_report(p: Person, ref: str, r: random.Random, gz: Gazetteer) -> list:
    u = r.random()
    src = 0 if u < SRC_CUM[0] else (1 if u < SRC_CUM[1] else 2)
    name = p.name
    alt = report_alt_names(p, src, r)
    sex = p.sex
    sx = r.random()
    if sx < 0.02:
        sex_s = ""
    elif sx < 0.75:
        sex_s = "女" if sex else "男"
    elif sx < 0.92:
        sex_s = "女性" if sex else "男性"
    elif p.age_miss < 14 and sx < 0.98:
        sex_s = "女孩" if sex else "男孩"
    else:
        sex_s = "女" if sex else "男"
    b = _ord(p.birth)
    by = b.year
    e = r.random()
    if e < 0.08:
        by += r.choice([-1, 1, 1])
    elif e < 0.10:
        by += r.choice([-5, -4, -3, -2, 2, 3, 4, 5])
    birth_s = fmt_date_variants(by, b.month, b.day, BIRTH_STYLES[src], r)
    md = _ord(p.missing)
    if src == 0 and r.random() < 0.05:
        md = _ord(p.missing + r.choice([-30, -7, -2, -1, 1, 3, 10]))
    miss_s = fmt_date_variants(md.year, md.month, md.day, MISS_STYLES[src], r)
    home = fmt_hometown(p, src, r, gz)
    mplace = fmt_missing_place(p, src, r, gz)
    h = height_at(p.adult_h, p.sex, p.age_miss)
    hs = fmt_height_report(h, src, r, p.age_miss < 14)
    feats = fmt_features_report(p, src, r)
    dia = fmt_dialect_report(p, src, r, gz)
    phone = fmt_phone(src, r, p.surname)
    row = [ref, name, alt, sex_s, birth_s, home, miss_s, mplace, hs, feats, dia, phone, ""]
    for j in (1, 2, 4, 5, 6, 7, 8, 9, 11):
        row[j] = dirty(row[j], r)
    return row


# ---------------------------------------------------------------------------
# Intake rendering
# ---------------------------------------------------------------------------
CAT_NAMES = ["none", "full_exact", "homophone", "dialect", "pinyin", "given_only", "nickname"]
CAT_W = [17, 33, 14, 11, 6, 8, 11]
NONE_DESC = ["无法表述", "不详", "无名氏", "未知", "说不清", "自述不清", "无", "不能说出姓名", "问不清",
             "拒绝透露", "待查", "(无)", "无法交流", "智障无法表述"]


def _syllables(p: Person, r: random.Random, wrong_p: float = 0.15):
    """List of (char, syl) for the name; polyphonic surname read wrongly with wrong_p."""
    out = []
    sur = p.surname
    if sur:
        if len(sur) == 1 and sur in SURNAME_READ:
            ok, wrong = SURNAME_READ[sur]
            out.append((sur, r.choice(wrong) if r.random() < wrong_p else ok))
        else:
            for ch in sur:
                out.append((ch, CHAR2PY.get(ch, "")))
    for ch in p.given:
        out.append((ch, CHAR2PY.get(ch, "")))
    return out


def homophone_name(p: Person, r: random.Random):
    if p.minority:
        v = MINORITY_VARIANTS.get(p.given)
        if v:
            nv = r.choice(v)
            return p.name.replace(p.given, nv, 1), f"variant {p.given}->{nv}"
        return None, ""
    syls = _syllables(p, r)
    chars = [c for c, _ in syls]
    idxs = [i for i, (c, s) in enumerate(syls) if s]
    r.shuffle(idxs)
    changed = []
    for k, i in enumerate(idxs):
        if k > 0 and r.random() > 0.4:
            continue
        c, s = syls[i]
        nc = chars_for(s[:-1], s[-1], c, r)
        if nc and nc != c:
            chars[i] = nc
            changed.append(f"{c}->{nc}({s})")
    if not changed:
        return None, ""
    return "".join(chars), "; ".join(changed)


def dialect_name(p: Person, r: random.Random):
    if p.minority:
        return None, ""
    rules = PROVINCES[p.county.prov][3]
    syls = _syllables(p, r)
    chars = [c for c, _ in syls]
    opts = []
    for i, (c, s) in enumerate(syls):
        if not s:
            continue
        for rule, nb in dialect_variants(s[:-1], rules):
            opts.append((i, rule, nb, s[-1]))
    if not opts:
        return None, ""
    r.shuffle(opts)
    changed = []
    done = set()
    for k, (i, rule, nb, tone) in enumerate(opts):
        if i in done or (k > 0 and r.random() > 0.35):
            continue
        nc = chars_for(nb, tone, chars[i], r, 0.75)
        if nc:
            changed.append(f"{chars[i]}->{nc}({syls[i][1]}->{nb}{tone},{rule})")
            chars[i] = nc
            done.add(i)
    if not changed:
        return None, ""
    return "".join(chars), "; ".join(changed)


def pinyin_name(p: Person, r: random.Random):
    if p.minority:
        return None, ""
    syls = _syllables(p, r)
    if any(not s for _, s in syls):
        return None, ""
    note = ""
    ss = [s for _, s in syls]
    if r.random() < 0.25:   # heard through dialect
        rules = PROVINCES[p.county.prov][3]
        cand = [(i, v) for i, s in enumerate(ss) for v in dialect_variants(s[:-1], rules)]
        if cand:
            i, (rule, nb) = r.choice(cand)
            note = f" dialect {ss[i]}->{nb}{ss[i][-1]}({rule})"
            ss[i] = nb + ss[i][-1]
    ns = len(p.surname)
    sur, giv = ss[:ns], ss[ns:]
    style = r.choices(["Title", "concat", "spaced", "UPPER", "tone", "western", "num", "hyph"],
                      weights=[45, 15, 15, 10, 7, 3, 3, 2])[0]

    def plain(x):
        s = x[:-1]
        return s.replace("v", r.choice(["v", "u", "ü", "yu"])) if "v" in s else s
    if style == "tone":
        S = "".join(tone_mark(x) for x in sur).capitalize()
        G = "".join(tone_mark(x) for x in giv).capitalize()
        out = f"{S} {G}"
    elif style == "num":
        out = " ".join(sur + giv)
    else:
        S = "".join(plain(x) for x in sur)
        G = "".join(plain(x) for x in giv)
        if style == "Title":
            out = f"{S.capitalize()} {G.capitalize()}"
        elif style == "concat":
            out = (S + G).lower() if r.random() < 0.7 else (S + G).capitalize()
        elif style == "spaced":
            out = " ".join(plain(x) for x in sur + giv)
        elif style == "UPPER":
            out = f"{S} {G}".upper()
        elif style == "western":
            out = f"{G.capitalize()} {S.capitalize()}"
        else:
            out = f"{S.capitalize()} " + "-".join(plain(x) for x in giv).capitalize()
    wrong = ""
    if p.surname in SURNAME_READ and syls[0][1] != SURNAME_READ[p.surname][0]:
        wrong = f" surname-read {syls[0][1]}"
    return out, f"{style}{note}{wrong}"


def given_only_name(p: Person, r: random.Random):
    g = p.given
    if p.minority == 1:
        return g, "uyghur given"
    if p.minority == 2:
        return (p.name[2:] or p.name[:2]) if r.random() < 0.5 else p.name[:2], "tibetan part"
    if r.random() < 0.15:
        chars = list(g)
        i = r.randrange(len(chars))
        s = CHAR2PY.get(chars[i])
        if s:
            nc = chars_for(s[:-1], s[-1], chars[i], r)
            if nc:
                chars[i] = nc
                return "".join(chars), f"given homophone {g}->{''.join(chars)}"
    return g, "given exact"


def nickname_name(p: Person, r: random.Random, age_found: float):
    if p.minority:
        return p.given, "minority first part"
    g = p.given[-1] if p.given else ""
    south = SUR_GROUP[p.county.prov] in "sg" or p.county.prov in ("33", "35", "36")
    opts = []
    if p.ruming:
        opts += [("ruming", p.ruming)] * 6
    if g:
        opts += [("a+given", "阿" + g)] * (5 if south else 2)
        opts += [("xiao+given", "小" + g)] * 5
        if south and p.sex == 0:
            opts += [("given+zai", g + "仔")] * 2
        opts += [("redup", g + g)] * (3 if (p.sex or age_found < 12) else 1)
    if p.surname and age_found >= 25:
        opts += [("lao+surname", "老" + p.surname)] * (4 if p.sex == 0 else 1)
        order = "大二三四五"[p.order - 1]
        opts += [("surname+lao+order", f"{p.surname}老{order}")] * 2
        opts += [("order", "老" + order if p.order > 1 else "老大")]
    if p.surname and age_found < 30:
        opts += [("xiao+surname", "小" + p.surname)] * 2
    if age_found < 16:
        order = "大二三四五"[p.order - 1]
        opts += [("order-wa", order + ("妹" if p.sex else "娃"))] * 2
    kind, nm = r.choice(opts)
    return nm, kind


def age_text(a: float, r: random.Random) -> str:
    ai = max(int(round(a)), 0)
    if a < 1.5:
        return r.choice(["婴儿", "约1岁", "1岁左右", "不满周岁" if a < 1 else "约1岁"])
    if a < 12:
        return r.choice([f"约{ai}岁", f"{ai}岁左右", f"{max(ai - 1, 1)}-{ai + 1}岁", f"{ai}岁", "儿童" if ai > 4 else "幼儿",
                         f"{ai}"])
    k = r.random()
    dec = ai // 10 * 10
    if k < 0.28:
        return f"约{ai}岁"
    if k < 0.38:
        return f"{ai}岁左右"
    if k < 0.48:
        lo = dec if r.random() < 0.5 else max(int(round((a - 5) / 5.0) * 5), 0)
        return f"{lo}-{lo + 10}" + ("岁" if r.random() < 0.4 else "")
    if k < 0.58 and dec >= 20:
        return f"{cn_num(dec)}多岁" if r.random() < 0.7 or dec >= 90 else f"{cn_num(dec // 10)}{cn_num(dec // 10 + 1)}十岁"
    if k < 0.66 and dec >= 20:
        return f"{dec}多岁"
    if k < 0.76:
        return f"{ai}"
    if k < 0.84:
        if a < 18:
            return r.choice(["少年", "未成年"])
        if a < 35:
            return "青年"
        if a < 58:
            return "中年"
        return r.choice(["老年", "老年人", "老人"])
    if k < 0.9 and 50 <= dec < 90:    # (90 gave "九十十岁", which nobody writes: fixed on review)
        return f"{cn_num(dec // 10)}{cn_num(dec // 10 + 1)}十岁"
    if k < 0.96:
        return f"{ai}岁"
    return ""


def found_place_text(fc: County, r: random.Random, gz: Gazetteer, salt: int) -> str:
    pref = fc.pref
    pn, pns = city_of(fc, gz)
    cn = fc.name if fc.name != pn else ""
    road = _STREET_A[_mix(salt, 1) % len(_STREET_A)]
    town = town_name(fc, _mix(salt, 2) % 8)
    k = r.random()
    if k < 0.22:
        s = f"{pn}{cn}{road}路" + r.choice(["", "附近", "口", "旁"])
    elif k < 0.34:
        s = f"{pns}火车站" + r.choice(["", "广场", "候车室", "出站口"])
    elif k < 0.42:
        s = f"{fc.short if len(fc.short) >= 2 else fc.name}汽车站"
    elif k < 0.56:
        s = f"{fc.name}{town}" + r.choice(["街头", "", "集市", "路边"])
    elif k < 0.62:
        s = r.choice(["高速公路", "高速", ""]) + f"{fc.short}服务区"
    elif k < 0.72:
        s = f"{pns}{cn}" + r.choice(["人民公园", "中心医院门口", "菜市场", "天桥下", "地下通道", "广场", "桥洞下"])
    elif k < 0.80:
        s = f"{fc.short}公安局{town[:-1] if len(town) > 2 else town}派出所护送"
    elif k < 0.9:
        s = full_addr(fc, gz)
    else:
        s = f"{pns}市区" + r.choice(["街头", "某小区门口", "路边"])
    return s


def place_hints(p: Person, r: random.Random, gz: Gazetteer, age_found: float, gap: int) -> tuple:
    c = p.county
    pref = c.pref
    if p.cond == 4:
        n = r.choices([0, 1], weights=[80, 20])[0]
    elif age_found < 7:
        n = r.choices([0, 1, 2], weights=[55, 35, 10])[0]
    else:
        n = r.choices([0, 1, 2, 3, 4], weights=[33, 27, 20, 13, 7])[0]
    hints, kinds = [], []
    old_bias = 2.0 if (age_found > 60 or gap > 3650 or p.cond == 3) else 1.0
    for _ in range(n):
        opts = [("county", 20), ("county_full", 9), ("pref", 12 if pref else 0), ("pref_full", 5 if pref else 0),
                ("old", 10 * old_bias), ("prov", 9), ("town", 10), ("village", 8), ("vague", 10), ("work", 5),
                ("neighbour", 5), ("random", 4)]
        kind = r.choices([o for o, _ in opts], weights=[w for _, w in opts])[0]
        h = ""
        if kind == "county":
            h = c.short if len(c.short) >= 2 else c.name
        elif kind == "county_full":
            h = c.name
        elif kind == "pref":
            h = pref.short
        elif kind == "pref_full":
            h = pref.name
        elif kind == "old":
            cands = [a[2] for a in c.aliases] + [a[2] for a in c.pref_aliases]
            if cands:
                h = r.choice(cands)
                if r.random() < 0.4:
                    b = base_name(h)
                    h = b if len(b) >= 2 else h
            else:
                kind = "county"
                h = c.short if len(c.short) >= 2 else c.name
        elif kind == "prov":
            ps = gz.prov_short(c.prov)
            h = r.choice([ps, ps, ps + "人", gz.prov_full(c.prov), "老家" + ps])
        elif kind == "town":
            t = town_name(c, p.town)
            h = t if (r.random() < 0.7 or t.endswith("街道")) else (t[:-1] if len(t) > 2 else t)
        elif kind == "village":
            v = village_name(c, p.town, p.village)
            h = r.choice([v, v, v[:-1] if len(v) > 2 else v, v + f"{cn_num(p.group)}组"])
        elif kind == "vague":
            h = r.choice(["住在河边", "家门口有条河", "家在山里", "村口有棵大树", "家旁边有个水库", "离县城很远",
                          "坐车要好久", "家里种水稻", "家附近有火车站", "家在海边", "住在山脚下", "家里种茶",
                          "有个大桥", "村里有个学校", "家里有个哥哥", "家里养猪", "坐船回家", "家门口有条公路"])
            if h == "家在海边" and c.prov not in ("21", "12", "13", "37", "32", "31", "33", "35", "44", "45", "46"):
                h = "家在山里"
        elif kind == "work" and (p.miss_kind == "home" or age_found < 16):
            kind = "vague"
            h = r.choice(["住在河边", "家在山里", "坐车要好久", "家里种地"])
        elif kind == "work":
            mc = p.miss_county
            nm = city_of(mc, gz)[1]
            h = r.choice([f"在{nm}打过工", f"以前在{nm}", nm, f"在{nm}做过工"])
        elif kind == "neighbour":
            if pref and len(pref.counties) > 1:
                oc = r.choice(pref.counties)
                h = oc.short if len(oc.short) >= 2 else oc.name
            else:
                kind = "prov"
                h = gz.prov_short(c.prov)
        elif kind == "random":
            oc = gz.counties[gz.pick(gz.home_cum, r.random())]
            h = oc.short if len(oc.short) >= 2 else oc.name
        if h and kind in ("county", "county_full", "pref", "old", "town", "village", "neighbour") and r.random() < 0.06:
            chars = list(h)
            for i in range(len(chars)):
                s = CHAR2PY.get(chars[i])
                if s and r.random() < 0.5:
                    nc = chars_for(s[:-1], s[-1], chars[i], r, 0.8)
                    if nc:
                        chars[i] = nc
                        kind += "~homophone"
                        break
            h = "".join(chars)
        if h and h not in hints:
            hints.append(h)
            kinds.append(kind)
    sep = r.choices([";", "；", "、", "; "], weights=[70, 10, 10, 10])[0]
    return sep.join(hints), ",".join(kinds)


def staff_dialect(p: Person, r: random.Random, gz: Gazetteer) -> str:
    if p.cond == 4:
        return r.choice(["不会说话", "聋哑", "", "无法交流"])
    u = r.random()
    if u < 0.30:
        return ""
    if u < 0.38:
        return r.choice(GENERIC_DIALECT)
    pv = p.county.prov
    if p.minority == 1:
        return r.choice(["维吾尔语", "说维语", "新疆口音", "少数民族语言"])
    if p.minority == 2:
        return r.choice(["藏语", "说藏语", "少数民族语言"])
    if u < 0.50:
        nb = NEIGHBOURS.get(pv, "").split()
        if nb:
            pv = r.choice(nb)
            return r.choice(PROVINCES[pv][4])
    pref = p.county.pref
    if pref is not None:
        for k, v in PREF_LABELS.items():
            if pref.name.startswith(k) and r.random() < 0.6:
                return r.choice(v)
        if r.random() < 0.08:
            return f"{pref.short}口音" if r.random() < 0.6 else f"说{pref.short}话"
    return r.choice(PROVINCES[pv][4])


def staff_features(p: Person, r: random.Random, age_found: float, gap: int) -> str:
    parts = []
    for m in p.marks:
        see = STAFF_SEE.get(m["t"], 0.5)
        if r.random() < see:
            parts.append(staff_mark(m, r))
    cond = ("", "intel", "mental", "dementia", "deaf")[p.cond]
    if cond and r.random() < 0.6:
        parts.append(r.choice(COND_STAFF[cond]))
    elif not cond and age_found > 16 and r.random() < 0.1:
        parts.append(r.choice(["疑似智力障碍", "反应迟钝", "精神状态差"]))
    if r.random() < 0.15:
        parts.append(r.choice(["头部外伤", "左小腿外伤", "右脚溃烂", "手上有擦伤", "额头有新伤", "脚部冻伤"]))
    if r.random() < 0.5:
        parts.append(f"{r.choice(['着', '身穿', '穿'])}{r.choice(COLORS)}{r.choice(TOPS)}")
    if (gap > 30 and r.random() < 0.5) or r.random() < 0.2:
        st = r.choice(STAFF_STATE)
        if st == "胡子较长" and (p.sex == 1 or age_found < 16):
            st = "衣着破旧"
        parts.append(st)
    if r.random() < 0.25:
        parts.append("体型" + r.choice(["偏瘦", "中等", "消瘦", "偏胖"]))
    r.shuffle(parts)
    sep = r.choices(["，", "；", "。", " ", "、"], weights=[50, 20, 10, 10, 10])[0]
    return sep.join(x for x in parts if x)


def render_intake(p: Person, ref: str, found: int, gap: int, fc: County, r: random.Random, gz: Gazetteer):
    age_found = (found - p.birth) / 365.25
    # name category
    w = list(CAT_W)
    if p.cond == 4:
        w = [75, 8, 2, 0, 0, 5, 10]
    elif age_found < 6:
        w = [35, 15, 5, 3, 0, 7, 35]
    elif p.cond == 3:
        w = [30, 28, 13, 9, 4, 8, 8]
    cat = r.choices(CAT_NAMES, weights=w)[0]
    name, detail = "", ""
    if cat == "homophone":
        name, detail = homophone_name(p, r)
    elif cat == "dialect":
        name, detail = dialect_name(p, r)
        if name is None:
            cat = "homophone"
            name, detail = homophone_name(p, r)
            detail = "(dialect n/a) " + detail
    elif cat == "pinyin":
        name, detail = pinyin_name(p, r)
    elif cat == "given_only":
        name, detail = given_only_name(p, r)
    elif cat == "nickname":
        name, detail = nickname_name(p, r, age_found)
    elif cat == "full_exact":
        name, detail = p.name, "exact"
        if p.former and r.random() < 0.3:
            name, detail = p.former, "former name"
    if name is None:   # fallback
        cat = "full_exact"
        name, detail = p.name, "exact (fallback)"
    if cat == "none":
        k = r.random()
        if k < 0.45:
            name, detail = "", "empty"
        elif k < 0.80:
            name, detail = r.choice(NONE_DESC), "descriptor"
        else:
            pn = (fc.pref.short if fc.pref else gz.prov_short(fc.prov))[0]
            g = r.choice(_SINGLE["f" if p.sex else "m"].split()) + r.choice("安民新华平明康")
            name = r.choice([pn, "党", "国"]) + g if r.random() < 0.8 else f"{pn}{_ord(found).year % 100:02d}{r.randrange(1, 99):02d}号"
            detail = "station-assigned"
    if name and cat in ("homophone", "dialect") and r.random() < 0.08:
        name += r.choice(["（音）", "(音)", "（同音）"])
    elif name and cat in ("full_exact", "given_only", "nickname") and r.random() < 0.04:
        name = r.choice(["自称", "自述叫", "自称"]) + name if r.random() < 0.7 else name + "（自述）"
    name = dirty(name, r, 0.01)
    sex = p.sex if r.random() >= 0.02 else 1 - p.sex
    sex_s = "女" if sex else "男"
    if r.random() < 0.01:
        sex_s = r.choice(["", "不详"])
    # age estimate
    sd = 1.0 + 0.25 * age_found if age_found < 12 else 5.0
    est = age_found + r.gauss(0, sd)
    if (gap > 180 or p.cond in (2, 3)) and age_found > 16 and r.random() < 0.3:
        if age_found < 70:
            est += r.uniform(5, 10) if r.random() < 0.6 else r.uniform(-10, 10)
        else:
            est += r.uniform(-8, 5)
    est = min(max(est, 0.2), 99.0)
    age_s = age_text(est, r)
    fd = _ord(found)
    k = r.random()
    found_s = (f"{fd.year:04d}-{fd.month:02d}-{fd.day:02d}" if k < 0.8 else
               (f"{fd.year}/{fd.month}/{fd.day}" if k < 0.9 else f"{fd.year}年{fd.month}月{fd.day}日"))
    fplace = found_place_text(fc, r, gz, p.i * 7 + found)
    h = height_at(p.adult_h, p.sex, age_found) + max(-3.0, min(3.0, r.gauss(0, 1.8)))
    if r.random() < 0.35:
        hs = ""
    else:
        hi = int(round(h))
        if r.random() < 0.5:
            hi = int(round(h / 5.0) * 5)
        hs = r.choices([f"{hi}", f"约{hi}", f"{hi}cm", f"{hi}左右"], weights=[50, 20, 20, 10])[0]
    feats = staff_features(p, r, age_found, gap)
    dia = staff_dialect(p, r, gz)
    hints, hint_kinds = place_hints(p, r, gz, age_found, gap)
    row = [ref, name, sex_s, age_s, found_s, fplace, hs, feats, dia, hints, ""]
    for j in (5, 6, 7, 9):
        row[j] = dirty(row[j], r)
    return row, cat, detail, hint_kinds, age_found


def choose_found_county(p: Person, gap: int, r: random.Random, gz: Gazetteer) -> County:
    mc = p.miss_county
    near = 0.85 if gap < 8 else (0.55 if gap < 60 else (0.35 if gap < 365 else 0.25))
    u = r.random()
    if u < near:
        if mc.pref is not None and mc.pref.counties:
            cs = mc.pref.counties
            return cs[r.randrange(len(cs))] if r.random() < 0.5 else mc
        return mc
    if u < near + 0.15:
        ids = gz.by_prov[mc.prov]
        return gz.counties[r.choice(ids)]
    if u < near + 0.22 and p.county.pref is not None:
        return r.choice(p.county.pref.counties)
    return gz.counties[gz.pick(gz.station_cum, r.random())]


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------
REPORT_COLS = ["ref", "name", "alt_names", "sex", "birth_date", "hometown", "missing_date", "missing_place",
               "height_cm", "features", "dialect", "contact_phone", "photos"]
INTAKE_COLS = ["ref", "name", "sex", "age_estimate", "found_date", "found_place", "height_cm", "features",
               "dialect", "place_hints", "photos"]
LABEL_COLS = ["intake_ref", "report_ref", "category", "detail"]

CHUNK = 100_000


def generate(n_reports: int, n_intakes: int, seed: int, out_dir: str, no_report_share: float = 0.4) -> None:
    os.makedirs(out_dir, exist_ok=True)
    rng = np.random.default_rng(seed)
    r = random.Random(seed * 1_000_003 + 17)
    gz = Gazetteer(_loc_dat_path(), seed)

    n_match = int(round(n_intakes * (1.0 - no_report_share)))
    n_match = max(0, min(n_match, n_reports))
    n_free = n_intakes - n_match

    # -- matched selection: gap first, then a report whose missing date allows it
    # report missing dates are drawn first (population), chunked to bound memory
    miss_all = sample_missing_days(n_reports, rng)
    order = np.argsort(miss_all, kind="stable")
    sorted_miss = miss_all[order]
    gaps = sample_gaps(n_match, rng)
    chosen = {}
    used = set()
    for j in range(n_match):
        g = int(gaps[j])
        placed = False
        for attempt in range(200):
            k = int(np.searchsorted(sorted_miss, END_DAYS - g, side="right"))
            if k == 0:
                g = g // 2
                continue
            if attempt < 60:
                ri = int(order[int(rng.integers(0, k))])
            else:   # dense case: scan for a free report that allows this gap
                free = [int(order[q]) for q in range(k) if int(order[q]) not in used]
                if not free:
                    g = g // 2
                    continue
                ri = free[int(rng.integers(0, len(free)))]
            if ri not in used:
                used.add(ri)
                chosen[ri] = (j, g)
                placed = True
                break
        if not placed:
            raise RuntimeError("could not place matched intake")
        gaps[j] = g
    matched_people = {}

    # -- reports
    rep_path = os.path.join(out_dir, "reports.csv")
    with open(rep_path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(REPORT_COLS)
        for start in range(0, n_reports, CHUNK):
            stop = min(start + CHUNK, n_reports)
            P = draw_population(stop - start, rng, gz, miss_all[start:stop])
            rows = []
            for k in range(stop - start):
                i = start + k
                p = build_person(k, P, gz, r)
                p.i = i
                ref = f"R{i + 1:07d}"
                rows.append(render_report(p, ref, r, gz))
                if i in chosen:
                    matched_people[i] = (p, ref)
            w.writerows(rows)
            del P, rows

    # -- unreported intake people: gap first, then missing date <= END - gap
    free_gaps = sample_gaps(n_free, rng)
    free_miss = sample_missing_days(n_free, rng, max_days=END_DAYS - free_gaps)
    free_gaps = np.minimum(free_gaps, END_DAYS - free_miss)
    Pf = draw_population(n_free, rng, gz, free_miss)
    items = []   # (person, report_ref, gap)
    for ri, (j, g) in chosen.items():
        p, ref = matched_people[ri]
        items.append((p, ref, g))
    for k in range(n_free):
        p = build_person(k, Pf, gz, r)
        p.i = n_reports + k
        items.append((p, "", int(free_gaps[k])))
    items.sort(key=lambda t: t[0].i)
    r.shuffle(items)

    int_path = os.path.join(out_dir, "intakes.csv")
    lab_path = os.path.join(out_dir, "labels.csv")
    with open(int_path, "w", encoding="utf-8", newline="") as fi, \
            open(lab_path, "w", encoding="utf-8", newline="") as fl:
        wi, wl = csv.writer(fi), csv.writer(fl)
        wi.writerow(INTAKE_COLS)
        wl.writerow(LABEL_COLS)
        for n, (p, rref, gap) in enumerate(items):
            found = min(p.missing + gap, END_DAYS)
            fc = choose_found_county(p, gap, r, gz)
            iref = f"I{n + 1:06d}"
            row, cat, detail, hk, agef = render_intake(p, iref, found, gap, fc, r, gz)
            wi.writerow(row)
            c = p.county
            home = gz.prov_full(c.prov) + (c.pref.name if c.pref else "") + c.name
            det = (f"{cat}: {p.name}->{row[1]!s} [{detail}] | gap={gap}d | age_found={agef:.1f} | "
                   f"home={home} | missing_at={p.miss_county.name}({p.miss_kind}) | found_at={fc.name} | "
                   f"hints={hk} | cond={('none', 'intel', 'mental', 'dementia', 'deaf')[p.cond]}"
                   + ("" if rref else " | no_report"))
            wl.writerow([iref, rref, cat, det])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, required=True)
    ap.add_argument("--intakes", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--no-report-share", type=float, default=0.4)
    a = ap.parse_args(argv)
    t0 = time.time()
    generate(a.reports, a.intakes, a.seed, a.out, a.no_report_share)
    print(f"wrote {a.out} in {time.time() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
