"""Synthetic missing-person reports and station intakes, with ground truth.

Deliberately independent of the matchers' own tables: its own surname
frequencies, given-name pool, dialect -> province map and sound confusions,
homophones from a reverse pypinyin lookup over the 3,755 common (GB2312
level-1) characters, its own mark phrasing; places come from the real
gazetteer shipped with python-stdnum (parsed here, not through
matchers.gazetteer). Only the age-estimate parser is shared, because that is
the production input path (tracing parses the same strings).

Reports are random-access and streamed: report i is generated from (seed, i)
alone, so 1M reports never need to be held in memory and any report can be
regenerated for an intake. Intakes (~40% without a true report) are labelled
with the true report index and a name category.

    python -m matchers.synth --reports 20000 --intakes 500 --out build/synth --seed 7
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from pypinyin import Style, lazy_pinyin, pinyin_dict

from .compare_age import parse_age_estimate
from .records import IntakeRecord, ReportRecord

CATEGORIES = ("full_exact", "homophone", "dialect", "pinyin", "given_only", "nickname", "none")
CATEGORY_WEIGHTS = (0.22, 0.13, 0.14, 0.11, 0.10, 0.10, 0.20)
FULL_NAME_CATEGORIES = ("full_exact", "homophone", "dialect", "pinyin")
P_HAS_REPORT = 0.6
# Phones (own random streams, so every other field is the same with or without them):
# the family's number on the report, and a number some intakes can recite.
P_REPORT_PHONE = 0.7        # reports that give a contact phone
P_PHONE_HIDDEN = 0.1        # ... of those, published half hidden ("151****7695")
P_RECITES = 0.03            # intakes (10 or older) who recite a number
P_RECITES_FAMILY = 0.75     # ... the family's number (else a relative's or an old one)
P_RECITE_SLIP = 0.2         # ... with one digit wrong
TODAY = date(2025, 6, 30)
# Found-after-missing gaps: a share found soon (exponential, mean 5 months), a share found
# 5-35 years on (a child far more often than an adult), the rest exponential with a mean of
# 2.5 years. The six blind worlds put 0.2-15% of true pairs beyond 15 years.
P_FOUND_SOON = 0.4
P_FOUND_LONG = 0.07
P_FOUND_LONG_CHILD = 0.35

# ----------------------------------------------------------------------------- names

# (surname, relative frequency ‰, spoken reading when pypinyin's default is wrong)
_SURNAMES = """
王 71.5|李 70.0|张 67.0|刘 54.0|陈 46.0|杨 31.0|黄 26.0|赵 23.0|吴 21.0|周 21.0|徐 17.0|孙 15.0
马 15.0|朱 13.0|胡 13.0|郭 12.0|何 12.0|林 11.0|高 11.0|罗 10.0|郑 9.0|梁 9.0|谢 8.0|宋 7.0
唐 7.0|许 7.0|韩 7.0|冯 7.0|邓 7.0|曹 6.0|彭 6.0|曾 6.0 zeng|肖 6.0|田 6.0|董 5.0|袁 5.0
潘 5.0|于 5.0|蒋 5.0|蔡 5.0|余 5.0|杜 5.0|叶 4.0|程 4.0|苏 4.0|魏 4.0|吕 4.0|丁 4.0|任 4.0
沈 3.5|姚 3.5|卢 3.5|姜 3.5|崔 3.5|钟 3.5|谭 3.5|陆 3.5|汪 3.0|范 3.0|金 3.0|石 3.0|廖 3.0
贾 3.0|夏 3.0|韦 3.0|付 2.5|方 2.5|白 2.5|邹 2.5|孟 2.5|熊 2.5|秦 2.5|邱 2.5|江 2.5|尹 2.5
薛 2.0|闫 2.0|段 2.0|雷 2.0|侯 2.0|龙 2.0|史 2.0|陶 2.0|黎 2.0|贺 2.0|顾 2.0|毛 2.0|郝 2.0
龚 2.0|邵 2.0|万 2.0|钱 2.0|严 1.5|覃 1.0 qin|武 1.5|戴 1.5|莫 1.5|孔 1.5|向 1.5|汤 1.5|常 1.2
温 1.2|康 1.2|施 1.2|文 1.2|牛 1.2|樊 1.0|葛 1.0|邢 1.0|安 1.0|齐 1.0|易 1.0|乔 1.0|伍 1.0
庞 1.0|颜 1.0|倪 1.0|庄 1.0|聂 1.0|章 1.0|鲁 1.0|岳 1.0|翟 0.8 zhai|殷 0.8|詹 0.8|申 0.8
耿 0.8|关 0.8|兰 0.8|焦 0.8|左 0.8|柳 0.8|甘 0.8|祝 0.8|包 0.8|宁 0.8|尚 0.8|符 0.8|舒 0.8
阮 0.6|柯 0.6|纪 0.6|梅 0.6|童 0.6|凌 0.6|毕 0.6|单 0.6 shan|季 0.6|裴 0.6|霍 0.6|涂 0.6
成 0.6|苗 0.6|谷 0.6|盛 0.6|曲 0.6|翁 0.5|冉 0.5|骆 0.5|蓝 0.5|路 0.5|游 0.5|辛 0.5|管 0.5
区 0.3 ou|解 0.3 xie|仇 0.2 qiu|查 0.3 zha|缪 0.3 miao|农 0.3|蒙 0.4|卢 0.2|欧阳 0.4|诸葛 0.1
司马 0.1|上官 0.1|令狐 0.05|皇甫 0.05
"""


def _parse_surnames() -> tuple[list[str], list[float], dict[str, str]]:
    names, weights, readings = [], [], {}
    for item in _SURNAMES.replace("\n", "|").split("|"):
        parts = item.split()
        if not parts:
            continue
        names.append(parts[0])
        weights.append(float(parts[1]))
        if len(parts) > 2:
            readings[parts[0]] = parts[2]
    return names, weights, readings


SURNAMES, SURNAME_WEIGHTS, SURNAME_READINGS = _parse_surnames()
_SURNAME_SET = frozenset(s for s in SURNAMES if len(s) == 1)
# Given-name characters, most common first; drawn with Zipf-like weights so a
# few (伟, 芳…) are very common and the long tail keeps most full names apart.
GIVEN_MALE = ("伟强军勇杰涛明超刚平辉华建国志林斌波海峰鹏飞宇浩俊文永兵德才贵福生龙元全胜学祥发成亮新春东"
              "军磊洋毅峰江锋庆忠宝进彬松富良清昌荣剑顺茂武健利光义山仁群海根红云晨栋凯洪威彪广耀鑫"
              "长树林桥柱银铁坤炳启泽嘉正雄宁志卫斌兴家振涛森弘勤达亚旭升奎翔凡先万守朝宗伦继")
GIVEN_FEMALE = ("芳娜敏静丽艳娟霞秀英华慧巧美玉兰凤洁梅琳素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼桂娣叶璐菊"
                "红燕萍莉婷倩颖娇翠琴晶蓉丹萱虹影荷露瑶怡婉青淑惠珠翠彩春菲妍茜秋珊莎锦黛咏卿聪澜纯"
                "毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽芬芝")
GIVEN_NEUTRAL = "红平金玉春晓小海宏光和安国永兴明立振山水清文天一子成长新中"


def _zipf(n: int, s: float = 0.6) -> list[float]:
    return [1.0 / (k + 1) ** s for k in range(n)]


_W_MALE, _W_FEMALE, _W_NEUTRAL = _zipf(len(GIVEN_MALE)), _zipf(len(GIVEN_FEMALE)), _zipf(len(GIVEN_NEUTRAL))
SMALL_NAMES = ("狗娃", "二娃", "狗蛋", "石头", "铁蛋", "毛毛", "丫头", "妞妞", "小宝", "三娃", "来福",
               "招弟", "满仓", "栓子", "柱子", "二丫", "胖墩", "黑娃", "细妹", "阿毛")
RANK_CHARS = "二三四五"
NO_NAME = ("", "", "", "无法表述", "不详", "自称不记得", "未知", "不会说")

# ----------------------------------------------------------------------------- sounds

_SYLLABLES_CACHE: dict[str, list[str]] = {}


@lru_cache(maxsize=1)
def _common_chars() -> list[str]:
    out = []
    for b1 in range(0xB0, 0xD8):
        for b2 in range(0xA1, 0xFF):
            try:
                out.append(bytes([b1, b2]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


@lru_cache(maxsize=None)
def reading(ch: str) -> str:
    """Toneless pinyin of one character as the generator says it (ü as v)."""
    if ch in SURNAME_READINGS:
        return SURNAME_READINGS[ch]
    return lazy_pinyin(ch, style=Style.NORMAL, v_to_u=False)[0].replace("ü", "v")


@lru_cache(maxsize=1)
def _by_sound() -> dict[str, list[str]]:
    """toneless syllable -> common characters whose main reading it is."""
    out: dict[str, list[str]] = {}
    for ch in _common_chars():
        out.setdefault(reading(ch), []).append(ch)
    return out


_TONE_TABLE = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


def _strip_tone(r: str) -> str:
    return r.strip().translate(_TONE_TABLE)


def name_sound(name: str) -> str:
    """The true spoken sound of a name (surname readings applied), e.g. "shan jian guo"."""
    return " ".join(reading(c) for c in name)


# Sound confusions heard through a dialect: syllable -> alternatives.
def _conf_nl(s):
    if s.startswith("n") and not s.startswith("ng"):
        return ["l" + s[1:]]
    return ["n" + s[1:]] if s.startswith("l") else []


_F_TO_HU = {"fa": "hua", "fan": "huan", "fang": "huang", "fei": "hui", "fen": "hun", "feng": "hong",
            "fu": "hu", "fo": "huo"}
_HU_TO_F = {v: k for k, v in _F_TO_HU.items()}


def _conf_fh(s):
    return [x for x in (_F_TO_HU.get(s), _HU_TO_F.get(s)) if x]


def _conf_retroflex(s):
    for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if s.startswith(a):
            return [b + s[2:]]
    for a, b in (("z", "zh"), ("c", "ch"), ("s", "sh")):
        if s.startswith(a):
            return [b + s[1:]]
    return []


def _conf_nasal(s):
    if s.endswith("ng") and not s.endswith("ong"):
        return [s[:-1]]
    if s.endswith("n"):
        return [s + "g"]
    return []


def _conf_hw(s):
    if s.startswith("hu"):
        return ["w" + s[2:]] if len(s) > 2 else ["wu"]
    if s.startswith("w"):
        return ["hu" + s[1:]] if s != "wu" else ["hu"]
    return []


_R_TO_Y = {"rang": "yang", "rao": "yao", "re": "ye", "ren": "yin", "reng": "ying", "ri": "yi",
           "rong": "yong", "rou": "you", "ru": "yu", "ruan": "yuan", "run": "yun", "ruo": "yue"}


def _conf_ry(s):
    out = []
    if s in _R_TO_Y:
        out.append(_R_TO_Y[s])
    if s.startswith("r"):
        out.append("l" + s[1:])
    return out


_V_TO_I = {"xu": "xi", "ju": "ji", "qu": "qi", "yu": "yi", "lv": "li", "nv": "ni", "xue": "xie",
           "jue": "jie", "que": "qie", "jun": "jin", "yun": "yin", "xun": "xin", "qun": "qin",
           "juan": "jian", "yuan": "yan", "xuan": "xian", "quan": "qian", "yue": "ye"}


def _conf_vi(s):
    return [_V_TO_I[s]] if s in _V_TO_I else []


CONFUSIONS = {"n/l": _conf_nl, "f/h": _conf_fh, "zh/z": _conf_retroflex, "-n/-ng": _conf_nasal,
              "h/w": _conf_hw, "r/y/l": _conf_ry, "ü/i": _conf_vi}

# province code -> (dialect group, labels staff write). The generator's own map.
_DIALECTS = {
    "43": ("湘", ("湖南口音", "湖南话", "说湘语", "湖南人口音")),
    "51": ("川", ("四川口音", "说四川话", "四川话", "川普")),
    "50": ("川", ("重庆口音", "重庆话", "说四川话")),
    "52": ("西南", ("贵州口音", "贵州话")),
    "53": ("西南", ("云南口音", "云南话")),
    "44": ("粤", ("粤语", "广东话", "说白话", "广东口音")),
    "45": ("粤", ("广西口音", "广西话", "说白话")),
    "35": ("闽", ("闽南话", "福建口音", "福建话")),
    "36": ("赣", ("江西口音", "江西话", "赣语")),
    "42": ("鄂", ("湖北口音", "湖北话")),
    "34": ("江淮", ("安徽口音", "安徽话")),
    "32": ("吴", ("江苏口音", "苏北口音")),
    "33": ("吴", ("浙江口音", "温州话", "浙江话")),
    "31": ("吴", ("上海话", "上海口音")),
    "41": ("中原", ("河南口音", "河南话")),
    "37": ("中原", ("山东口音", "山东话")),
    "13": ("北", ("河北口音", "河北话")),
    "14": ("晋", ("山西口音", "山西话")),
    "61": ("西北", ("陕西口音", "陕西话")),
    "62": ("西北", ("甘肃口音", "甘肃话")),
    "21": ("东北", ("东北口音", "东北话", "辽宁口音")),
    "22": ("东北", ("东北口音", "吉林口音")),
    "23": ("东北", ("东北口音", "黑龙江口音")),
    "15": ("北", ("内蒙古口音",)),
    "46": ("粤", ("海南口音", "海南话")),
}
_GROUP_CONFUSIONS = {
    "湘": ("n/l", "f/h", "-n/-ng"), "川": ("n/l", "-n/-ng", "zh/z", "f/h"),
    "西南": ("n/l", "-n/-ng", "zh/z"), "粤": ("n/l", "-n/-ng", "zh/z", "ü/i", "h/w"),
    "闽": ("f/h", "zh/z", "-n/-ng", "r/y/l"), "赣": ("n/l", "-n/-ng", "f/h"),
    "鄂": ("n/l", "-n/-ng", "zh/z"), "江淮": ("n/l", "-n/-ng", "zh/z"),
    "吴": ("zh/z", "-n/-ng", "h/w"), "中原": ("zh/z", "r/y/l"), "北": ("r/y/l", "zh/z"),
    "晋": ("-n/-ng", "zh/z"), "西北": ("-n/-ng", "f/h"), "东北": ("r/y/l", "zh/z"),
}
def label_provinces(label: str) -> tuple[str, ...]:
    """The provinces a staff accent label points to, by the generator's own map."""
    return tuple(sorted(k for k, v in _DIALECTS.items() if label in v[1]))


VAGUE_DIALECTS = ("南方口音", "北方口音", "听不懂的方言", "口音较重", "方言", "外地口音")

# ----------------------------------------------------------------------------- places

_LOC_DAT = None


def _loc_dat_path() -> Path:
    import stdnum.cn

    return Path(stdnum.cn.__file__).with_name("loc.dat")


@dataclass(frozen=True)
class County:
    code: str
    prov_code: str
    prov: str
    prov_short: str
    pref: str
    name: str
    short: str
    old_names: tuple[str, ...]      # historic names of the county or its prefecture


_ENTRY = re.compile(r"^(?:\[(\d*)-(\d*)\])?(.+)$")
_SUFFIX = re.compile(r"(自治县|自治旗|特区|林区|矿区|县|区|市|旗)$")
_ETHNIC = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,5}族)+$")


def short_place(name: str) -> str:
    """双牌县 -> 双牌, 墨江哈尼族自治县 -> 墨江; keeps two chars at least."""
    s = _SUFFIX.sub("", name)
    m = _ETHNIC.match(s)
    if m:
        s = m.group(1)
    return s if len(s) >= 2 else name


def _prov_short(name: str) -> str:
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "特別行政區", "省", "市"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def counties() -> tuple[County, ...]:
    """Current county-level divisions with their historic names, from loc.dat."""
    prov_names: dict[str, str] = {}
    entries: dict[str, list[tuple[str, bool]]] = {}    # code6 -> [(name, current)]
    prov = None
    for line in _loc_dat_path().read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r'^(\d\d) province="(.*)"$', line)
        if m:
            prov = m.group(1)
            prov_names[prov] = m.group(2)
            continue
        m = re.match(r'^\s+(\d{4}) county="(.*)"$', line)
        if not m or prov is None:
            continue
        code = prov + m.group(1)
        vals = []
        for part in m.group(2).split(","):
            em = _ENTRY.match(part.strip())
            if em:
                vals.append((em.group(3), em.group(2) == "" or em.group(2) is None))
        entries[code] = vals
    # historic prefecture names reachable through a county name (衡阳县 under 衡阳地区)
    old_pref_by_county: dict[tuple[str, str], set[str]] = {}
    for code, vals in entries.items():
        if code.endswith("00"):
            continue
        pref_vals = entries.get(code[:4] + "00", [])
        old_prefs = [n for n, cur in pref_vals if not cur]
        for n, _cur in vals:
            for op in old_prefs:
                old_pref_by_county.setdefault((code[:2], n), set()).add(op)
    out = []
    for code, vals in sorted(entries.items()):
        if code.endswith("00") or code[:2] in ("71", "81", "82"):
            continue
        current = [n for n, cur in vals if cur]
        if not current or current[0] in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        name = current[0]
        pref_vals = entries.get(code[:4] + "00", [])
        pref_cur = [n for n, cur in pref_vals if cur]
        pref = pref_cur[0] if pref_cur else ""
        if pref in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", ""):
            pref = prov_names[code[:2]] if code[:2] in ("11", "12", "31", "50") else ""
        old = [n for n, cur in vals if not cur and n != name]
        old += sorted(old_pref_by_county.get((code[:2], name), ()))
        old += [n for n, cur in pref_vals if not cur and n not in old]
        out.append(County(code, code[:2], prov_names[code[:2]], _prov_short(prov_names[code[:2]]),
                          pref, name, short_place(name), tuple(dict.fromkeys(old))))
    return tuple(out)


_PLACE_CHARS = "东西南北中上下前后大小新老石河山水桥湾坪坝塘岭沟口店庄集寨溪洞田林竹马牛龙凤花桃李杨柳白青红黄金银长安平和兴福"
_NOISE_HINTS = ("住在河边", "家门口有条大河", "村子在山里", "家附近有座庙", "坐过火车", "老家有很多竹子",
                "家里种水稻", "离县城很远")
_FOUND_SPOTS = ("火车站", "汽车站", "街道", "桥洞下", "公园", "高速路口", "菜市场", "医院门口")

# ----------------------------------------------------------------------------- marks

_MARK_PARTS = {
    "脸": ("脸上", "面部", "脸颊"), "额": ("额头", "前额", "脑门"), "下巴": ("下巴",),
    "颈": ("脖子", "颈部"), "胸": ("胸前", "胸口"), "背": ("背部", "后背"), "眉": ("眉间", "眉毛上"),
    "嘴": ("嘴角",), "耳": ("耳后", "耳朵上"), "臂": ("手臂", "胳膊", "臂"), "手": ("手背", "手上"),
    "腿": ("腿上", "小腿", "大腿"), "腹": ("肚子上", "腹部"), "头": ("头顶", "头皮上"),
}
_SIDED = {"脸", "眉", "耳", "臂", "手", "腿"}
_FINGERS = {"小指": ("小指", "小拇指", "尾指"), "无名指": ("无名指",), "食指": ("食指", "二拇指"),
            "拇指": ("拇指", "大拇指"), "中指": ("中指",)}
# kind -> (weight, parts, templates)
_MARK_KINDS = {
    "痣": (30, ("脸", "额", "下巴", "颈", "胸", "背", "眉", "嘴", "耳"),
          ("{p}有一颗黑痣", "{p}长有痣", "{p}有颗痦子", "{p}有一颗痣", "{p}有黑痣")),
    "疤": (30, ("脸", "额", "头", "臂", "手", "腿", "腹", "背"),
          ("{p}有疤痕", "{p}有一道伤疤", "{p}有刀疤", "{p}有烫伤疤", "{p}留有疤")),
    "胎记": (15, ("脸", "颈", "背", "臂", "腿", "胸", "腹"),
            ("{p}有胎记", "{p}有块青色胎记", "{p}有红色胎记", "{p}有一块胎记")),
    "纹身": (8, ("臂", "胸", "背", "手"),
            ("{p}纹有一条龙", "{p}有纹身", "{p}刺有字", "{p}有刺青", "{p}纹了一个忍字")),
    "缺指": (5, tuple(_FINGERS),
            ("{s}手缺{f}", "{s}手{f}残缺", "{s}手{f}缺失", "{s}手少了半截{f}", "{s}手{f}断了一截")),
    "六指": (2, ("手",), ("{s}手六指", "{s}手多一根手指", "{s}手有六个手指")),
    "跛": (4, ("腿",), ("{s}腿瘸", "走路跛脚", "{s}腿有残疾走路一瘸一拐", "腿脚不便")),
    "兔唇": (2, ("嘴",), ("兔唇", "唇裂", "豁嘴")),
    "斜视": (3, ("眼",), ("斜视", "斗鸡眼", "{s}眼斜视")),
}
_MARK_KIND_LIST = list(_MARK_KINDS)
_MARK_KIND_WEIGHTS = [v[0] for v in _MARK_KINDS.values()]
_FILLER = ("身材偏瘦", "体型偏胖", "短发", "光头", "皮肤较黑", "穿蓝色外套", "戴眼镜", "头发花白",
           "牙齿不齐", "精神状态差", "穿黑色棉袄", "中等身材")


@dataclass(frozen=True)
class MarkT:
    kind: str
    part: str
    side: str   # "左" / "右" / ""


def render_mark(rng: random.Random, m: MarkT, vague: bool = False) -> str:
    _w, _parts, templates = _MARK_KINDS[m.kind]
    t = rng.choice(templates)
    side = m.side
    if m.kind == "缺指":
        f = rng.choice(_FINGERS[m.part]) if not vague else "手指"
        return t.format(s=side, f=f)
    if "{p}" in t:
        p = "身上" if vague else rng.choice(_MARK_PARTS[m.part])
        if side and m.part in _SIDED and not vague:
            p = side + (p if not p.startswith(("左", "右")) else p[1:])
        return t.format(p=p)
    return t.format(s=side)


def _new_marks(rng: random.Random) -> list[MarkT]:
    r = rng.random()
    n = 0 if r < 0.5 else (1 if r < 0.85 else 2)
    out = []
    for _ in range(n):
        kind = rng.choices(_MARK_KIND_LIST, _MARK_KIND_WEIGHTS)[0]
        part = rng.choice(_MARK_KINDS[kind][1])
        side = rng.choice("左右") if (part in _SIDED or kind in ("缺指", "六指", "跛")) else ""
        if kind in ("跛", "斜视") and rng.random() < 0.4:
            side = ""
        m = MarkT(kind, part, side)
        if m not in out:
            out.append(m)
    return out


# ----------------------------------------------------------------------------- people


@dataclass
class Person:
    surname: str
    given: str
    sex: str
    birth: date
    county: County
    town: str
    village: str
    marks: list[MarkT]
    height: int
    missing_date: date
    small_name: str
    face_key: tuple[int, int] = (0, 0)      # which synthetic face identity this person has


@dataclass
class ReportTruth:
    """What the generator knows about one report (for the clue ceiling)."""

    index: int
    person: Person
    listed_marks: tuple[MarkT, ...]
    listed_height: int          # 0 = not listed
    birth_year: int             # 0 = not listed
    alt_names: tuple[str, ...]


@dataclass
class IntakeTruth:
    """Ground truth and the clues the generator left, for evaluation."""

    ref: str
    true_index: int | None              # report index, None if the person has no report
    category: str
    sex: str
    age_lo: int | None
    age_hi: int | None
    found: date
    height: int                         # 0 = not recorded
    dialect_provinces: tuple[str, ...] | None   # None = no usable accent clue
    hint_clues: tuple[tuple[str, str], ...] = ()  # (kind, text) of each place hint
    name_clue: tuple[str, str] | None = None    # (kind, value): full/given/given_last/given_first/surname/alt
    true_marks: tuple[MarkT, ...] = ()          # marks written at intake that the person really has
    person: Person | None = None
    age_text: str = ""                  # the estimate as staff wrote it
    sex_flipped: bool = False           # the recorded sex is wrong
    accent_misheard: bool = False       # the recorded accent points to the wrong region
    family_phone: str = ""              # the family's number, when the person recited it (perhaps with a slip)


def _rng(seed: int, kind: int, i: int) -> random.Random:
    return random.Random((seed * 1_000_003 + kind) * 10_000_019 + i)


class SynthSet:
    """A reproducible synthetic world: n_reports reports, n_intakes intakes."""

    def __init__(self, seed: int = 1, n_reports: int = 20000, n_intakes: int = 500,
                 p_has_report: float = P_HAS_REPORT, faces: float = 0.0, intake_faces: float = 0.9):
        """faces: share of reports with a (synthetic) face encoding; when > 0,
        `intake_faces` of the intakes have one too. Faces use separate random
        streams, so every other field is the same with or without them."""
        if n_reports < 1:
            raise ValueError("n_reports must be >= 1")
        self.seed, self.n_reports, self.n_intakes = seed, n_reports, n_intakes
        self.p_has_report = p_has_report
        self.faces, self.intake_faces = faces, intake_faces
        self._counties = counties()
        self._by_prov: dict[str, list[County]] = {}
        for c in self._counties:
            self._by_prov.setdefault(c.prov_code, []).append(c)
        self._intakes: list[tuple[IntakeRecord, IntakeTruth]] | None = None

    # -- people and reports -------------------------------------------------------

    def person(self, rng: random.Random) -> Person:
        surname = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
        sex = "男" if rng.random() < 0.62 else "女"
        pool, weights = (GIVEN_MALE, _W_MALE) if sex == "男" else (GIVEN_FEMALE, _W_FEMALE)
        if rng.random() < 0.8:
            g1 = rng.choices(pool, weights)[0]
        else:
            g1 = rng.choices(GIVEN_NEUTRAL, _W_NEUTRAL)[0]
        if rng.random() < 0.2:
            given = g1
        else:
            g2 = rng.choices(pool, weights)[0]
            if g2 == g1 and rng.random() < 0.8:      # 伟伟, 芳芳 exist but are not that common
                g2 = rng.choices(pool, weights)[0]
            given = g1 + g2
        r = rng.random()
        if r < 0.2:
            age_missing = rng.randint(3, 14)
        elif r < 0.6:
            age_missing = rng.randint(16, 60)
        else:
            age_missing = rng.randint(60, 88)
        missing = TODAY - timedelta(days=int(rng.random() ** 1.6 * 30 * 365.25))
        birth = date(missing.year - age_missing, rng.randint(1, 12), rng.randint(1, 28))
        county = rng.choice(self._counties)
        town = "".join(rng.sample(_PLACE_CHARS, 2)) + rng.choice("镇镇乡")
        village = "".join(rng.sample(_PLACE_CHARS, 2)) + "村"
        height = int(rng.gauss(168, 6) if sex == "男" else rng.gauss(157, 5))
        small = rng.choice(SMALL_NAMES) if rng.random() < 0.3 else ""
        return Person(surname, given, sex, birth, county, town, village, _new_marks(rng), height,
                      missing, small)

    def report_at(self, i: int) -> tuple[ReportRecord, ReportTruth]:
        """Report i (deterministic from seed and i)."""
        rng = _rng(self.seed, 1, i)
        p = self.person(rng)
        p.face_key = (1, i)
        report, truth = self._report(rng, i, p)
        report.contact_phone = self._report_phone(i)
        if self.faces > 0 and _rng(self.seed, 5, i).random() < self.faces:
            photo_year = max(p.birth.year, p.missing_date.year - _rng(self.seed, 5, i).randint(0, 2))
            report.face_encodings = [self._face(p, 0, 0.0)]
            report.photo_year = photo_year
        return report, truth

    # -- phones -----------------------------------------------------------------------

    @staticmethod
    def _mobile(rng: random.Random) -> str:
        return f"1{rng.randint(3, 9)}{rng.randrange(10 ** 9):09d}"

    def family_phone(self, i: int) -> str:
        return self._mobile(_rng(self.seed, 7, i))

    def _report_phone(self, i: int) -> str:
        rng = _rng(self.seed, 7, i)
        number = self._mobile(rng)
        if rng.random() >= P_REPORT_PHONE:
            return ""
        r = rng.random()
        if r < P_PHONE_HIDDEN:
            return number[:3] + "****" + number[-4:]
        if r < 0.25:
            return f"{number[:3]}-{number[3:7]}-{number[7:]}"
        if r < 0.4:
            return rng.choice(("{}（女儿）", "微信同号{}", "家属电话：{}", "联系人王先生{}")).format(number)
        return number

    def _recited_phone(self, j: int, idx: int | None, age: int) -> tuple[str, str]:
        """(the place hint of an intake who recites a phone number, the family's
        number when that is what he recites), or ("", "")."""
        rng = _rng(self.seed, 8, j)
        if age < 10 or rng.random() >= P_RECITES:
            return "", ""
        family = self.family_phone(idx) if idx is not None and rng.random() < P_RECITES_FAMILY else ""
        number = family or self._mobile(rng)
        if rng.random() < P_RECITE_SLIP:
            k = rng.randrange(3, 11)
            number = number[:k] + str((int(number[k]) + rng.randint(1, 9)) % 10) + number[k + 1:]
        said = rng.choice(("会背一个号码{}", "记得家人电话{}", "说{}是家里电话", "电话{}")).format(number)
        return said, family

    # -- faces (only when faces > 0) --------------------------------------------------

    def _face(self, p: Person, photo: int, gap_years: float):
        import numpy as np

        from .face_synth import identities, photos

        ident = identities(1, np.random.default_rng([self.seed, 77, *p.face_key]))
        return photos(ident, np.random.default_rng([self.seed, 78, *p.face_key, photo]), gap_years)[0]

    @staticmethod
    def _effective_gap(early: int, late: int, birth_year: int) -> float:
        """Years between two photos, childhood years counted twice (faces change fastest then)."""
        early, late = sorted((early, late))
        return (late - early) + max(0, min(late, birth_year + 18) - max(early, birth_year))

    def _report(self, rng: random.Random, i: int, p: Person) -> tuple[ReportRecord, ReportTruth]:
        c = p.county
        r = rng.random()
        by = p.birth.year if rng.random() < 0.95 else 0
        bm = bd = None
        if by and r < 0.5:
            bm = p.birth.month
            if r < 0.3:
                bd = p.birth.day
        fmt = rng.random()
        prov = c.prov if rng.random() < 0.5 else c.prov_short
        pref = c.pref
        if c.old_names and p.missing_date.year < 2000 and rng.random() < 0.5:
            pref = c.old_names[-1]
        if fmt < 0.45:
            home = f"{prov}{pref}{c.name}{p.town}{p.village}"
        elif fmt < 0.7:
            home = f"{prov}{c.name}{p.town}"
        elif fmt < 0.85:
            home = f"{pref}{c.name}{p.town}{p.village}"
        elif fmt < 0.95:
            home = f"{c.prov_short}{c.name}"
        else:
            home = f"{prov}{pref}{p.town}"
        marks = tuple(m for m in p.marks if rng.random() < 0.7)
        feats = [render_mark(rng, m) for m in marks]
        if rng.random() < 0.3:
            feats.insert(rng.randrange(len(feats) + 1), rng.choice(_FILLER))
        age_missing = p.missing_date.year - p.birth.year
        adult = age_missing >= 16
        if adult:
            height = p.height if rng.random() < 0.6 else 0
        else:
            # a child's height when it went missing (sometimes listed); never an adult's
            height = int(min(p.height, 75 + 6 * age_missing)) if rng.random() < 0.3 else 0
        alt = []
        if p.small_name and rng.random() < 0.7:
            alt.append(p.small_name)
        dialect = ""
        if rng.random() < 0.25 and c.prov_code in _DIALECTS:
            label = rng.choice(_DIALECTS[c.prov_code][1])
            dialect = label if label.endswith("口音") or label.startswith("说") else "说" + label
        mp_c = c if rng.random() < 0.5 else rng.choice(self._counties)
        missing_place = f"{mp_c.pref}{mp_c.name}" + rng.choice(("", "火车站", "集市", "家附近"))
        report = ReportRecord(
            ref=f"R{i:07d}", name=p.surname + p.given, alt_names=alt, sex=p.sex,
            birth_year=by or None, birth_month=bm, birth_day=bd, hometown=home,
            missing_date=p.missing_date, missing_place=missing_place,
            height_cm=float(height) if height else None, features="，".join(feats), dialect=dialect)
        truth = ReportTruth(i, p, marks, height if adult else 0, by, tuple(alt))
        return report, truth

    def reports(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, ReportRecord, ReportTruth]]:
        """Stream (index, report, truth) without holding them."""
        stop = self.n_reports if stop is None else min(stop, self.n_reports)
        for i in range(start, stop):
            rep, truth = self.report_at(i)
            yield i, rep, truth

    # -- intakes --------------------------------------------------------------------

    @property
    def intakes(self) -> list[tuple[IntakeRecord, IntakeTruth]]:
        if self._intakes is None:
            self._intakes = [self.intake_at(j) for j in range(self.n_intakes)]
        return self._intakes

    def intake_at(self, j: int) -> tuple[IntakeRecord, IntakeTruth]:
        rng = _rng(self.seed, 2, j)
        if rng.random() < self.p_has_report:
            idx = rng.randrange(self.n_reports)
            _rep, rtruth = self.report_at(idx)
            p = rtruth.person
        else:
            idx, rtruth = None, None
            p = self.person(_rng(self.seed, 3, j))
            p.face_key = (3, j)
        category = rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0]
        intake, truth = self._intake(rng, j, p, idx, rtruth, category)
        recited, truth.family_phone = self._recited_phone(j, idx, intake.found_date.year - p.birth.year)
        if recited:
            intake.place_hints = list(intake.place_hints) + [recited]
        if self.faces > 0 and _rng(self.seed, 6, j).random() < self.intake_faces:
            gap = 0.0
            if idx is not None:
                rep, _t = self.report_at(idx)
                if rep.photo_year:
                    gap = self._effective_gap(rep.photo_year, intake.found_date.year, p.birth.year)
            intake.face_encodings = [self._face(p, 1 + j, gap)]
            intake.photo_year = intake.found_date.year
        return intake, truth

    def _found_date(self, rng: random.Random, j: int, p: Person) -> date:
        """Most people are found within months, many within a few years, and some only
        after ten or thirty years: a child taken or lost long ago, found as an adult, or a
        man who wandered for decades (domain.md: 长期滞留, DNA matches after 11 years). An
        exponential alone has no such tail; the mixture's share is drawn from its own
        stream, so every other field of the world stays as it was."""
        medium = rng.expovariate(1 / (2.5 * 365.25))
        side = _rng(self.seed, 9, j)
        r = side.random()
        p_long = P_FOUND_LONG_CHILD if p.missing_date.year - p.birth.year <= 14 else P_FOUND_LONG
        room = (TODAY - p.missing_date).days
        if r < p_long and room > 5 * 365.25:
            days = side.uniform(5 * 365.25, min(35 * 365.25, room))
        elif r < p_long + P_FOUND_SOON:
            days = side.expovariate(1 / (0.4 * 365.25))
        else:
            days = medium
        found = p.missing_date + timedelta(days=int(days))
        if found > TODAY:
            found = p.missing_date + timedelta(days=rng.randint(0, max(0, room)))
        return found

    def _intake(self, rng: random.Random, j: int, p: Person, idx: int | None,
                rtruth: ReportTruth | None, category: str) -> tuple[IntakeRecord, IntakeTruth]:
        found = self._found_date(rng, j, p)
        c = p.county
        group = _DIALECTS.get(c.prov_code, (None, ()))[0]
        name, clue = self._heard_name(rng, p, category, group, rtruth)
        # sex, age, height
        sex = p.sex
        r = rng.random()
        flipped = r < 0.02
        if flipped:
            sex = "女" if sex == "男" else "男"
        elif r < 0.05:
            sex = ""
        true_age = found.year - p.birth.year - ((found.month, found.day) < (p.birth.month, p.birth.day))
        noise = rng.uniform(-10, 10) if rng.random() < 0.15 else max(-8.0, min(8.0, rng.gauss(0, 4)))
        est = max(1, int(round(true_age + noise)))
        age_text = _age_text(rng, est)
        lo, hi = parse_age_estimate(age_text)
        height = 0
        if rng.random() < 0.7 and true_age >= 16:
            height = int(round(p.height + max(-5.0, min(5.0, rng.gauss(0, 2.5)))))
        # marks
        true_marks = [m for m in p.marks if rng.random() < 0.65]
        feats = [render_mark(rng, m if rng.random() > 0.03 else MarkT(m.kind, m.part, _flip(m.side)),
                             vague=rng.random() < 0.1) for m in true_marks]
        if rng.random() < 0.15:
            extra = _new_marks(random.Random(rng.random()))
            feats += [render_mark(rng, m) for m in extra[:1]]
        if rng.random() < 0.5:
            feats.insert(rng.randrange(len(feats) + 1), rng.choice(_FILLER))
        # accent
        dialect, provinces, misheard = "", None, False
        r = rng.random()
        if c.prov_code in _DIALECTS and r < 0.55:
            dialect = rng.choice(_DIALECTS[c.prov_code][1])
            provinces = label_provinces(dialect)
        elif r < 0.6 and c.prov_code in _DIALECTS:
            other = rng.choice([k for k in _DIALECTS if k != c.prov_code])   # misheard accent
            dialect = rng.choice(_DIALECTS[other][1])
            provinces = label_provinces(dialect)
            misheard = c.prov_code not in provinces
        elif r < 0.75:
            dialect = rng.choice(VAGUE_DIALECTS)
        if category == "dialect" and not dialect and group and rng.random() < 0.6:
            misheard = False
            dialect = rng.choice(_DIALECTS[c.prov_code][1])
            provinces = label_provinces(dialect)
        hints, hint_clues = self._hints(rng, p)
        fc = c if rng.random() < 0.3 else rng.choice(self._counties)
        found_place = f"{fc.pref}{fc.short}" + rng.choice(_FOUND_SPOTS)
        ref = f"I{j:05d}"
        intake = IntakeRecord(ref=ref, name=name, sex=sex, age_min=lo, age_max=hi, found_date=found,
                              found_place=found_place, height_cm=float(height) if height else None,
                              features="，".join(feats), dialect=dialect, place_hints=hints)
        truth = IntakeTruth(ref, idx, category, sex, lo, hi, found, height, provinces,
                            tuple(hint_clues), clue, tuple(true_marks), p, age_text, flipped, misheard)
        return intake, truth

    def _heard_name(self, rng: random.Random, p: Person, category: str, group: str | None,
                    rtruth: ReportTruth | None) -> tuple[str, tuple[str, str] | None]:
        full = p.surname + p.given
        if category == "none":
            return rng.choice(NO_NAME), None
        if category == "full_exact":
            r = rng.random()
            if r < 0.05:
                return _to_traditional(full), ("full", name_sound(full))
            if r < 0.08:
                return " ".join(full) if rng.random() < 0.5 else _fullwidth_space(full), ("full", name_sound(full))
            return full, ("full", name_sound(full))
        if category == "homophone":
            return _homophone(rng, full, p.surname), ("full", name_sound(full))
        if category == "dialect":
            sylls = [reading(ch) for ch in full]
            confusions = list(_GROUP_CONFUSIONS.get(group or "", ())) or list(CONFUSIONS)
            heard = _confuse(rng, sylls, confusions, len(p.surname)) or \
                _confuse(rng, sylls, list(CONFUSIONS), len(p.surname))
            if heard is None:
                return _homophone(rng, full, p.surname), ("full", name_sound(full))
            if rng.random() < 0.2:
                return _render_pinyin(rng, heard, len(p.surname)), ("full", name_sound(full))
            return "".join(_char_for(rng, s, orig) for s, orig in zip(heard, full)), ("full", name_sound(full))
        if category == "pinyin":
            sylls = [reading(ch) for ch in full]
            return _render_pinyin(rng, sylls, len(p.surname), tones=full), ("full", name_sound(full))
        if category == "given_only":
            g = p.given if rng.random() < 0.8 else _homophone(rng, p.given, "")
            if rng.random() < 0.1:
                return _render_pinyin(rng, [reading(ch) for ch in p.given], 0), ("given", name_sound(p.given))
            return g, ("given", name_sound(p.given))
        # nickname: mostly on the last given char (建伟 -> 阿伟), sometimes the first (建伟 -> 阿建)
        first = len(p.given) >= 2 and rng.random() < 0.15
        last = p.given[0] if first else p.given[-1]
        options = ["阿" + last, "小" + last, last + last, "老" + p.surname, p.surname + "老" + rng.choice(RANK_CHARS),
                   "大" + last]
        if group == "粤":
            options.append(last + "仔")
        if p.small_name and rtruth is not None and p.small_name in rtruth.alt_names:
            options += [p.small_name] * 3
        nick = rng.choice(options)
        if nick == p.small_name:
            return nick, ("alt", nick)
        if nick.startswith("老") and nick[1:] == p.surname or "老" in nick[1:]:
            return nick, ("surname", name_sound(p.surname))
        return nick, ("given_first" if first else "given_last", reading(last))

    def _hints(self, rng: random.Random, p: Person) -> tuple[list[str], list[tuple[str, str]]]:
        """Place fragments the person says, and what each refers to:
        (kind, text) with kind county / pref / old / town / village / province / noise /
        wrong (a county the person named by mistake)."""
        c = p.county
        r = rng.random()
        n = 0 if r < 0.4 else (1 if r < 0.75 else (2 if r < 0.95 else 3))
        clues: list[tuple[str, str]] = []
        for _ in range(n):
            k = rng.random()
            if k < 0.25:
                clues.append(("county", c.short))
            elif k < 0.4:
                clues.append(("county", c.name))
            elif k < 0.58:
                clues.append(("town", p.town if rng.random() < 0.5 else p.town[:-1]))
            elif k < 0.66:
                clues.append(("village", p.village))
            elif k < 0.76 and c.pref:
                clues.append(("pref", short_place(c.pref) if rng.random() < 0.6 else c.pref))
            elif k < 0.86 and c.old_names:
                clues.append(("old", rng.choice(c.old_names)))
            elif k < 0.9:
                # only the province: "湖南人", "四川那边"
                clues.append(("province", c.prov_short + rng.choice(("", "人", "的", "那边", "老家"))))
            elif k < 0.95:
                clues.append(("noise", rng.choice(_NOISE_HINTS)))
            else:
                clues.append(("wrong", rng.choice(self._by_prov[c.prov_code]).short))
        clues = list(dict.fromkeys(clues))
        return list(dict.fromkeys(t for _k, t in clues)), clues

    # -- CSV ------------------------------------------------------------------------

    def write_csv(self, out_dir: str | Path) -> dict[str, Path]:
        """reports.csv and intakes.csv in the import format, plus labels.csv."""
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        paths = {"reports": out / "reports.csv", "intakes": out / "intakes.csv", "labels": out / "labels.csv"}
        with open(paths["reports"], "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["ref", "name", "alt_names", "sex", "birth_date", "hometown", "missing_date",
                        "missing_place", "height_cm", "features", "dialect", "contact_phone", "photos"])
            for i, r, _t in self.reports():
                bd = ""
                if r.birth_year:
                    bd = str(r.birth_year)
                    if r.birth_month:
                        bd += f"-{r.birth_month:02d}"
                        if r.birth_day:
                            bd += f"-{r.birth_day:02d}"
                w.writerow([r.ref, r.name, ";".join(r.alt_names), r.sex, bd, r.hometown,
                            r.missing_date.isoformat() if r.missing_date else "", r.missing_place,
                            f"{r.height_cm:.0f}" if r.height_cm else "", r.features, r.dialect,
                            r.contact_phone, ""])
        with open(paths["intakes"], "w", newline="", encoding="utf-8") as fi, \
                open(paths["labels"], "w", newline="", encoding="utf-8") as fl:
            wi, wl = csv.writer(fi), csv.writer(fl)
            wi.writerow(["ref", "name", "sex", "age_estimate", "found_date", "found_place", "height_cm",
                         "features", "dialect", "place_hints", "photos"])
            wl.writerow(["intake_ref", "report_ref", "category"])
            for rec, t in self.intakes:
                wi.writerow([rec.ref, rec.name, rec.sex, t.age_text,
                             rec.found_date.isoformat() if rec.found_date else "", rec.found_place,
                             f"{rec.height_cm:.0f}" if rec.height_cm else "", rec.features, rec.dialect,
                             ";".join(rec.place_hints), ""])
                wl.writerow([rec.ref, f"R{t.true_index:07d}" if t.true_index is not None else "",
                             t.category])
        return paths


# ----------------------------------------------------------------------------- helpers

_T2S = None


def _to_traditional(text: str) -> str:
    global _T2S
    if _T2S is None:
        from opencc import OpenCC

        _T2S = OpenCC("s2t")
    return _T2S.convert(text)


def _fullwidth_space(text: str) -> str:
    return "\u3000".join(text)


def _flip(side: str) -> str:
    return {"左": "右", "右": "左"}.get(side, side)


def _char_for(rng: random.Random, sound: str, original: str) -> str:
    """A common character for a heard syllable (the original if its sound is unchanged)."""
    if reading(original) == sound:
        return original
    pool = _by_sound().get(sound)
    if not pool:
        return original
    name_pool = [c for c in pool if c in GIVEN_MALE or c in GIVEN_FEMALE or c in GIVEN_NEUTRAL
                 or c in _SURNAME_SET]
    return rng.choice(name_pool if name_pool and rng.random() < 0.6 else pool)


def _homophone(rng: random.Random, text: str, surname: str) -> str:
    """Replace at least one character by another common character with the same sound."""
    chars = list(text)
    positions = list(range(len(chars)))
    rng.shuffle(positions)
    n_change = 1 if rng.random() < 0.7 or len(chars) < 3 else 2
    changed = 0
    for pos in positions:
        s = reading(chars[pos])
        pool = [c for c in _by_sound().get(s, ()) if c != chars[pos]]
        if not pool:
            continue
        if pos < len(surname):
            name_pool = [c for c in pool if c in _SURNAME_SET]
        else:
            name_pool = [c for c in pool if c in GIVEN_MALE or c in GIVEN_FEMALE or c in GIVEN_NEUTRAL]
        chars[pos] = rng.choice(name_pool if name_pool and rng.random() < 0.7 else pool)
        changed += 1
        if changed >= n_change:
            break
    return "".join(chars)


def _confuse(rng: random.Random, sylls: list[str], confusions: list[str],
             n_surname: int) -> list[str] | None:
    """Apply one dialect confusion to one syllable (surname preferred); None if none applies."""
    valid = _by_sound()
    options = []
    for pos, s in enumerate(sylls):
        for cname in confusions:
            for alt in CONFUSIONS[cname](s):
                if alt in valid and alt != s:
                    options.append((pos, alt))
    if not options:
        return None
    surname_opts = [o for o in options if o[0] < n_surname]
    pos, alt = rng.choice(surname_opts if surname_opts and rng.random() < 0.6 else options)
    out = list(sylls)
    out[pos] = alt
    if rng.random() < 0.25:   # sometimes a second confusion elsewhere
        more = [o for o in options if o[0] != pos]
        if more:
            p2, a2 = rng.choice(more)
            out[p2] = a2
    return out


def _render_pinyin(rng: random.Random, sylls: list[str], n_surname: int, tones: str = "") -> str:
    """"Liu Jianguo", "liujianguo", "LIU JIAN GUO", "Liú Jiànguó", "liu2 jian4 guo2"…"""
    style = rng.random()
    if tones and style < 0.12:
        marks = lazy_pinyin(tones, style=Style.TONE)
        sylls = [m for m in marks]
    elif tones and style < 0.2:
        sylls = lazy_pinyin(tones, style=Style.TONE3)
    sur, giv = sylls[:n_surname], sylls[n_surname:]
    r = rng.random()
    if r < 0.35:
        text = "".join(sur).capitalize() + (" " + "".join(giv).capitalize() if giv else "")
    elif r < 0.55:
        text = "".join(sylls)
    elif r < 0.7:
        text = " ".join(sylls)
    elif r < 0.8:
        text = " ".join(sylls).upper()
    elif r < 0.9:
        text = "".join(s.capitalize() for s in sylls)
    else:
        text = ("".join(giv).capitalize() + " " + "".join(sur).capitalize()).strip() if giv else "".join(sur)
    return text.replace("v", "ü") if rng.random() < 0.3 else text


_CN_NUM = "零一二三四五六七八九"


def _cn(n: int) -> str:
    if n >= 100:
        rest = n - 100
        return "一百" + ("" if rest == 0 else ("零" + _CN_NUM[rest] if rest < 10 else _cn(rest)))
    if n < 10:
        return _CN_NUM[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_NUM[tens]) + "十" + ("" if ones == 0 else _CN_NUM[ones])


def _age_text(rng: random.Random, est: int) -> str:
    r = rng.random()
    if r < 0.08:
        return ""
    if r < 0.3:
        return f"约{est}岁"
    if r < 0.45:
        lo = max(0, est - 5 - est % 5 + (5 if est % 5 >= 3 else 0))
        return f"{lo}-{lo + 10}"
    if r < 0.6 and est >= 20:
        return f"{est // 10 * 10}多岁"
    if r < 0.72 and est >= 20:
        return f"{_cn(est // 10 * 10)}来岁"
    if r < 0.82:
        return f"{est}岁左右"
    if r < 0.9:
        return f"{_cn(est)}岁"
    if r < 0.95 and est >= 60:
        return "老年"
    return f"{est}岁"


def stable_hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


def main(argv: list[str] | None = None, world: type[SynthSet] = SynthSet,
         description: str = "Write a synthetic set of reports and intakes (CSV)") -> int:
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--intakes", type=int, default=500)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    s = world(args.seed, args.reports, args.intakes)
    paths = s.write_csv(args.out)
    for k, v in paths.items():
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
