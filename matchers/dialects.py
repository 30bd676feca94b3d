"""Dialect / accent labels as staff write them -> regions and sound confusions.

"湖南口音", "说四川话", "湘语", "粤语", "闽南话", "东北口音", "衡阳口音",
"听不懂的方言": a label points to provinces (2-digit codes), sometimes a
prefecture, to dialect groups, and to the sound confusions a speaker of that
region brings into names (n/l for 湘/西南, f/h for 闽/客/湘, h/w for 吴/粤 …).
An unknown label gives an empty DialectInfo, never an error.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache

from .phonetic import ALL
from .pinyin import first_readings
from .text import normalize

__all__ = ["DialectInfo", "GROUPS", "PROVINCE_GROUPS", "parse_dialect", "groups_of_province"]


@dataclass(frozen=True)
class Group:
    name: str
    provinces: frozenset[str]       # where it is (mostly) spoken
    confusions: frozenset[str]      # sound confusions typical of its speakers' Mandarin


def _g(name: str, provs: str, rules: str) -> Group:
    return Group(name, frozenset(provs.split()), frozenset(rules.split()))


# Sources: 中国语言地图集 group areas, and the well-known "普通话 errors by
# region" lists used in 普通话水平测试 teaching material.
GROUPS: dict[str, Group] = {g.name: g for g in (
    _g("东北官话", "21 22 23 15", "r/y zh/z ch/c sh/s"),
    _g("北京官话", "11 13 15", ""),
    _g("冀鲁官话", "13 12 37", "zh/z ch/c sh/s r/l"),
    _g("胶辽官话", "37 21", "r/y zh/z ch/c sh/s"),
    _g("中原官话", "41 61 37 34 32 62 65 63", "f/h r/y zh/z ch/c sh/s"),
    _g("晋语", "14 15 61 13 41", "-n/-ng zh/z ch/c sh/s"),
    _g("兰银官话", "62 64 65", "-n/-ng"),
    _g("西南官话", "51 50 52 53 42 43 45", "n/l -n/-ng zh/z ch/c sh/s f/h v/i r/l"),
    _g("江淮官话", "32 34 42", "n/l -n/-ng zh/z ch/c sh/s r/l"),
    _g("吴语", "31 33 32 34", "zh/z ch/c sh/s -n/-ng h/w"),
    _g("徽语", "34 36", "zh/z ch/c sh/s -n/-ng n/l"),
    _g("湘语", "43 45", "n/l f/h -n/-ng zh/z ch/c sh/s r/l v/i"),
    _g("赣语", "36 43 42 34 35", "n/l f/h -n/-ng zh/z ch/c sh/s"),
    _g("客家话", "44 36 35 45 71 51", "f/h zh/z ch/c sh/s -n/-ng v/i r/y"),
    _g("粤语", "44 45 81 82", "zh/z ch/c sh/s f/h n/l h/w r/y -n/-ng v/i"),
    _g("闽语", "35 44 46 71 33", "f/h zh/z ch/c sh/s -n/-ng n/l r/l v/i h/w"),
    _g("平话", "45", "n/l f/h -n/-ng zh/z ch/c sh/s"),
)}

# province -> groups, dominant first (a "湖南口音" speaks 湘语 or 西南官话 …)
PROVINCE_GROUPS: dict[str, tuple[str, ...]] = {
    "11": ("北京官话",), "12": ("冀鲁官话",), "13": ("冀鲁官话", "北京官话", "晋语"),
    "14": ("晋语", "中原官话"), "15": ("晋语", "东北官话", "北京官话"),
    "21": ("东北官话", "胶辽官话"), "22": ("东北官话",), "23": ("东北官话",),
    "31": ("吴语",), "32": ("江淮官话", "吴语", "中原官话"), "33": ("吴语", "闽语"),
    "34": ("江淮官话", "中原官话", "吴语", "徽语", "赣语"), "35": ("闽语", "客家话", "赣语"),
    "36": ("赣语", "客家话", "徽语"), "37": ("冀鲁官话", "中原官话", "胶辽官话"),
    "41": ("中原官话", "晋语"), "42": ("西南官话", "江淮官话", "赣语"),
    "43": ("湘语", "西南官话", "赣语"), "44": ("粤语", "客家话", "闽语"),
    "45": ("西南官话", "粤语", "平话", "客家话", "湘语"), "46": ("闽语",),
    "50": ("西南官话",), "51": ("西南官话", "客家话"), "52": ("西南官话",),
    "53": ("西南官话",), "54": (), "61": ("中原官话", "晋语", "西南官话"),
    "62": ("中原官话", "兰银官话"), "63": ("中原官话",), "64": ("兰银官话", "中原官话"),
    "65": ("兰银官话", "中原官话"), "71": ("闽语", "客家话"), "81": ("粤语",), "82": ("粤语",),
}


def groups_of_province(code: str) -> tuple[str, ...]:
    return PROVINCE_GROUPS.get(code[:2], ())


MINORITY = "民族语言"   # a minority language: region only, no Mandarin sound rules

# label words -> (provinces, groups). Matched by containment after
# normalisation; the longest matching word wins its span.
_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    # dialect groups and well-known varieties
    "湘语": ("43", ("湘语",)), "湘方言": ("43", ("湘语",)), "长沙话": ("43", ("湘语",)),
    "赣语": ("36", ("赣语",)), "南昌话": ("36", ("赣语",)),
    "粤语": ("44 45 81 82", ("粤语",)), "广东话": ("44", ("粤语", "客家话", "闽语")),
    "广府话": ("44", ("粤语",)), "白话": ("44 45", ("粤语",)), "广州话": ("44", ("粤语",)),
    "香港话": ("81", ("粤语",)), "港台": ("81 71", ("粤语", "闽语")),
    "闽南": ("35 44 71", ("闽语",)), "闽东": ("35", ("闽语",)), "福州话": ("35", ("闽语",)),
    "闽语": ("35 44 46 71", ("闽语",)), "潮汕": ("44", ("闽语",)), "潮州": ("44", ("闽语",)),
    "汕头": ("44", ("闽语",)), "雷州话": ("44", ("闽语",)), "海南话": ("46", ("闽语",)),
    "台湾": ("71", ("闽语", "客家话")), "莆田": ("35", ("闽语",)),
    "客家": ("44 36 35 45", ("客家话",)), "梅州话": ("44", ("客家话",)),
    "吴语": ("31 33 32", ("吴语",)), "上海话": ("31", ("吴语",)), "苏州话": ("32", ("吴语",)),
    "温州话": ("33", ("吴语",)), "宁波话": ("33", ("吴语",)), "江浙": ("32 33", ("吴语", "江淮官话")),
    "徽州": ("34", ("徽语",)), "晋语": ("14", ("晋语",)), "平话": ("45", ("平话",)),
    "桂北平话": ("45", ("平话",)), "桂南平话": ("45", ("平话",)),
    "西南官话": ("51 50 52 53 42 45", ("西南官话",)), "江淮官话": ("32 34", ("江淮官话",)),
    "中原官话": ("41 61", ("中原官话",)), "东北": ("21 22 23", ("东北官话",)),
    "西北": ("61 62 63 64 65", ("中原官话", "兰银官话")), "西南": ("50 51 52 53 42 45", ("西南官话",)),
    "两广": ("44 45", ("粤语", "西南官话")), "川渝": ("51 50", ("西南官话",)),
    "苏北": ("32", ("江淮官话", "中原官话")), "苏南": ("32", ("吴语",)),
    "皖北": ("34", ("中原官话",)), "皖南": ("34", ("吴语", "徽语")),
    "胶东": ("37", ("胶辽官话",)), "陕北": ("61", ("晋语",)), "关中": ("61", ("中原官话",)),
    "豫南": ("41", ("中原官话",)), "湘西": ("43", ("西南官话", "湘语")),
    "赣南": ("36", ("客家话", "赣语")), "赣北": ("36", ("赣语",)), "广普": ("44", ("粤语",)),
    "京腔": ("11", ("北京官话",)), "京片子": ("11", ("北京官话",)), "沪语": ("31", ("吴语",)),
    "桂柳话": ("45", ("西南官话",)), "闽北": ("35", ("闽语",)), "粤西": ("44", ("粤语",)),
    "东北话": ("21 22 23", ("东北官话",)), "山东": ("37", ()), "天津话": ("12", ("冀鲁官话",)),
    # parts of a province named by its one-character abbreviation ("鲁西南" is not 西南官话)
    "鲁西南": ("37", ("中原官话",)), "鲁西": ("37", ("中原官话", "冀鲁官话")), "鲁南": ("37", ("中原官话",)),
    "鲁北": ("37", ("冀鲁官话",)), "鲁中": ("37", ("冀鲁官话",)),
    "豫东": ("41", ("中原官话",)), "豫西": ("41", ("中原官话",)), "豫北": ("41", ("中原官话", "晋语")),
    "豫中": ("41", ("中原官话",)), "湘南": ("43", ("湘语", "西南官话", "客家话")), "湘中": ("43", ("湘语",)),
    "湘北": ("43", ("湘语", "西南官话")), "湘东": ("43", ("湘语", "赣语")), "粤北": ("44", ("客家话", "粤语")),
    "粤东": ("44", ("闽语", "客家话")), "闽西": ("35", ("客家话", "闽语")), "桂南": ("45", ("粤语", "平话")),
    "桂北": ("45", ("西南官话", "平话")), "冀南": ("13", ("冀鲁官话", "中原官话")), "冀北": ("13", ("北京官话", "晋语")),
    "江浙沪": ("31 32 33", ("吴语", "江淮官话")), "台语": ("71 35", ("闽语",)), "瓯语": ("33", ("吴语",)),
    "胶辽官话": ("37 21", ("胶辽官话",)), "兰银官话": ("62 64 15 65", ("兰银官话",)),
    "冀鲁官话": ("13 37 12", ("冀鲁官话",)), "北京官话": ("11 13", ("北京官话",)),
    # romanised names of the large dialects
    "cantonese": ("44 45 81 82", ("粤语",)), "hokkien": ("35 71", ("闽语",)), "teochew": ("44", ("闽语",)),
    "hakka": ("44 36 35 45", ("客家话",)), "shanghainese": ("31", ("吴语",)),
    # one-character regional abbreviations, only in these compounds
    "川话": ("51", ()), "川音": ("51", ()), "川普": ("51", ()), "四川": ("51", ()),
    "湘音": ("43", ()), "粤音": ("44", ()), "鲁音": ("37", ()), "豫音": ("41", ()), "赣音": ("36", ()),
    "川腔": ("51", ()), "重庆": ("50", ()), "渝": ("50", ()), "内蒙": ("15", ()),
    # minority languages: region only
    "维语": ("65", (MINORITY,)), "维吾尔": ("65", (MINORITY,)), "哈萨克": ("65", (MINORITY,)), "藏语": ("54 63 51 62", (MINORITY,)),
    "蒙古语": ("15", (MINORITY,)), "蒙语": ("15", (MINORITY,)), "彝语": ("53 51 52", (MINORITY,)), "苗语": ("52 43 53", (MINORITY,)),
    "壮语": ("45", (MINORITY,)), "朝鲜语": ("22", (MINORITY,)), "侗语": ("52 43 45", (MINORITY,)), "瑶语": ("45 43", (MINORITY,)),
    # ... as staff also write them: "壮话", "说彝族话", "疑似藏族"
    "壮话": ("45", (MINORITY,)), "壮族": ("45", (MINORITY,)), "藏话": ("54 63 51 62", (MINORITY,)),
    "藏族": ("54 63 51 62", (MINORITY,)), "彝族": ("53 51 52", (MINORITY,)), "彝话": ("53 51 52", (MINORITY,)),
    "苗族": ("52 43 53", (MINORITY,)), "苗话": ("52 43 53", (MINORITY,)), "侗族": ("52 43 45", (MINORITY,)),
    "瑶族": ("45 43", (MINORITY,)), "布依": ("52", (MINORITY,)), "土家": ("43 42 50 52", (MINORITY,)),
    "哈尼": ("53", (MINORITY,)), "傣语": ("53", (MINORITY,)), "傣族": ("53", (MINORITY,)),
    "白族": ("53", (MINORITY,)), "黎族": ("46", (MINORITY,)), "黎语": ("46", (MINORITY,)),
    "朝鲜族": ("22", (MINORITY,)), "蒙古族": ("15", (MINORITY,)), "维族": ("65", (MINORITY,)),
    "江淮": ("32 34", ("江淮官话",)),
    # north-western and north-eastern labels as northern stations write them
    "河西": ("62", ("兰银官话",)), "河西走廊": ("62", ("兰银官话",)), "大碴子": ("21 22 23", ("东北官话",)),
    "东乡话": ("62", (MINORITY,)), "东乡语": ("62", (MINORITY,)), "东乡族": ("62", (MINORITY,)),
    "撒拉": ("63", (MINORITY,)), "撒拉语": ("63", (MINORITY,)), "撒拉族": ("63", (MINORITY,)),
    "蒙古话": ("15", (MINORITY,)), "蒙话": ("15", (MINORITY,)),
}

_STANDARD = ("普通话", "国语", "标准话")

# Words that name a dialect group, not a region: "晋语" is spoken well beyond
# 山西 (内蒙古 中西部, 陕北, 豫北, 张家口), "闽南话" in 海南 and 台湾 too. Such a label
# agrees with every province where its group is the dominant speech; where the
# group is also spoken (晋语 in 河北), it says nothing either way.
_GROUP_WORDS = frozenset({
    "湘语", "湘方言", "赣语", "粤语", "白话", "广府话", "闽南", "闽语", "客家", "吴语", "晋语", "平话",
    "西南官话", "江淮官话", "江淮", "中原官话", "东北", "东北话", "胶辽官话", "兰银官话", "冀鲁官话", "北京官话",
    "cantonese", "hokkien", "hakka"})


def provinces_speaking(group: str) -> frozenset[str]:
    """Provinces where `group` is the dominant speech."""
    return frozenset(p for p, gs in PROVINCE_GROUPS.items() if gs[:1] == (group,))


# compass words that name a part of the country, but of a province after its
# one-character name: "桂西北" is 广西's, "滇东北" 云南's (not 西北, 东北)
_DIRECTIONS = frozenset({"东北", "西北", "西南", "东南"})
# one-character names of provinces, as in "口音：湘", "川", "豫"
_PROVINCE_ABBREVIATIONS = {
    "京": "11", "津": "12", "冀": "13", "晋": "14", "蒙": "15", "辽": "21", "吉": "22", "黑": "23", "沪": "31",
    "苏": "32", "浙": "33", "皖": "34", "闽": "35", "赣": "36", "鲁": "37", "豫": "41", "鄂": "42", "湘": "43",
    "粤": "44", "桂": "45", "琼": "46", "渝": "50", "川": "51", "蜀": "51", "黔": "52", "贵": "52", "滇": "53",
    "云": "53", "藏": "54", "陕": "61", "秦": "61", "甘": "62", "陇": "62", "青": "63", "宁": "64", "新": "65",
    "台": "71", "港": "81", "澳": "82"}
_ACCENT_WORDS = re.compile(r"口音|口因|口阴|口印|方言|话|腔|音|味|[:：]|accent|dialect")   # 口因: a typo
# north and south of the Qinling-Huai line; 江苏 and 安徽 straddle it and 湖北 is
# called either, so they are on both sides (never a conflict)
_BORDER = "32 34 42"
BROAD_REGIONS = {
    "北方": frozenset(f"11 12 13 14 15 21 22 23 37 41 61 62 63 64 65 {_BORDER}".split()),
    "南方": frozenset(f"31 33 35 36 43 44 45 46 50 51 52 53 {_BORDER}".split()),
}


@dataclass(frozen=True)
class DialectInfo:
    label: str = ""
    provinces: frozenset[str] = frozenset()
    prefectures: frozenset[str] = frozenset()   # 4-digit codes, when a city was named
    groups: frozenset[str] = frozenset()
    confusions: frozenset[str] = frozenset()
    recognized: bool = False
    standard: bool = False                      # "普通话": speaks standard Mandarin
    note: str = ""                              # zh-CN, e.g. "方言未识别"
    places: tuple[str, ...] = field(default_factory=tuple)  # names recognised, for explanations
    # a dialect group was named, not a region: where the group is only a
    # minority speech the label neither agrees nor disagrees
    group_only: bool = False
    # half the country ("北方口音", "南方口音"): agreeing says nothing, a hometown
    # on the other side is a conflict (provinces holds its side, border provinces included)
    broad: bool = False

    @property
    def region_text(self) -> str:
        if self.groups:
            return "/".join(sorted(self.groups))
        return self.label


EMPTY = DialectInfo()


def _tail_of_a_place(s: str, start: int, w: str, consumed: list[bool]) -> bool:
    """The word is the tail of a place name outside its region: 平话 in "四平话"
    (四平, 吉林), 东北 in "广东北部", 西南 in "广西南宁", 京腔 in "南京腔". A place
    of the word's own region keeps the word ("说四川话", "内蒙古语", "桂平话")."""
    from .gazetteer import names_across, resolve

    if start == 0:
        return False
    provs = set(_WORDS[w][0].split())
    for x, name in names_across(s, start):
        if any(consumed[x:start]):
            continue
        where = {p.province for p in resolve(name)}
        if where and not where & provs:
            return True
        # the word straddles two names: 西南 in "广西|南宁" (whatever 西南 covers)
        end = x + len(name)
        if end < start + len(w) and any(y == end for y, _n in names_across(s, end + 1)):
            return True
    return False


@lru_cache(maxsize=None)
def _city_of_word(word: str) -> frozenset[str]:
    """The prefecture a city's speech names ("温州话" is 温州市's, "长沙话" 长沙市's):
    a word of _WORDS whose stem is a prefecture-level city of its own province."""
    from .gazetteer import places_in
    from .regions import region_named

    stem = re.sub(r"(话|方言|腔)$", "", word)
    if region_named(stem) is not None:    # 湘西 is a region wider than the prefecture of that name
        return frozenset()
    provs = set(_WORDS[word][0].split())
    return frozenset(p.prefecture for p in places_in(stem).places
                     if p.level == "prefecture" and p.province in provs and p.prefecture)


@lru_cache(maxsize=16384)
def _label_core(rest: str) -> str:
    """What a label names once the words around it are gone: "说北方口音" -> 北方,
    "像是萍乡一带口音" -> 萍乡."""
    core = _ACCENT_WORDS.sub("", rest)
    core = re.sub(r"^(?:说是|听着像|听起来像|说|讲|带|像是|好像|像|疑似|有点|略带|或)+", "", core.strip())
    return re.sub(r"[人的重浓偏]|地区|一带|那边|附近", "", core).strip()


_PART_OF_PROVINCE = re.compile(
    "^([" + "".join(_PROVINCE_ABBREVIATIONS) + "])(东南|西南|东北|西北|东|南|西|北|中)部?$")


def _province_part(core: str) -> frozenset[str] | None:
    """The provinces of a region named as a part of a province: one the regions
    table knows ("川南", "浙南", "滇西", "陇东"), or any province's one-character
    name and a direction ("黔东", "冀中", "蒙东"). Only the province: a region's
    prefectures are too many to count as a city named."""
    from .gazetteer import resolve
    from .regions import region_named

    if resolve(core):              # a unit's own name keeps its reading (太湖县, 甘南州)
        return None
    region = region_named(core)
    if region is not None:
        return region.provinces
    province = province_of_part(core)
    return frozenset({province}) if province else None


def province_of_part(text: str) -> str | None:
    """The province of "黔东", "冀中", "蒙东": its one-character name and a direction."""
    m = _PART_OF_PROVINCE.match(text)
    return _PROVINCE_ABBREVIATIONS[m.group(1)] if m else None


@lru_cache(maxsize=1)
def _words_by_sound() -> dict[str, str]:
    """A dialect word's first reading -> the word, for words of two or more
    characters no other word sounds like ("白话": "bai hua")."""
    out: dict[str, str] = {}
    clash: set[str] = set()
    for w in _WORDS:
        if len(w) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in w):
            continue
        key = " ".join(first_readings(w))
        if key in out and out[key] != w:
            clash.add(key)
        out[key] = w
    return {k: v for k, v in out.items() if k not in clash}


def _word_by_sound(core: str) -> str | None:
    """The dialect word an unread label writes by sound: "说白化" is 白话."""
    if not (2 <= len(core) <= 4) or not all("\u4e00" <= c <= "\u9fff" for c in core):
        return None
    return _words_by_sound().get(" ".join(first_readings(core)))


def _named_by_label(core: str) -> list:
    """The places an otherwise unread label names, by name or else by sound,
    when they lie in one province (a county only by its exact name)."""
    from .gazetteer import places_by_sound, resolve

    if not (2 <= len(core) <= 6) or not all("\u4e00" <= ch <= "\u9fff" for ch in core):
        return []
    hits = list(resolve(core))
    if not hits:
        hits = [p for p in places_by_sound(core) if p.level != "county"]
    if not hits or len({p.province for p in hits}) > 1:
        top = [p for p in hits if p.level != "county"]
        if not top or len({p.province for p in top}) > 1:
            return []
        hits = top
    return hits


def parse_dialect(label: str | None) -> DialectInfo:
    """Read a staff-written accent label. Unknown -> empty info, note "方言未识别"."""
    return _parse_dialect(label if isinstance(label, str) else ("" if label is None else str(label)))


# Labels repeat (a database holds a few hundred distinct ones) and every report
# fetched for scoring reads its own: DialectInfo is frozen, so one reading serves all.
@lru_cache(maxsize=65536)
def _parse_dialect(raw: str) -> DialectInfo:
    # "湖南/江西口音", "湖南、江西": normalize leaves a space between the two, and
    # glued together the second reads as a place inside the first (none): say 或
    s = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "或", normalize(raw).strip()).replace(" ", "")
    if not s:
        return EMPTY
    provinces: set[str] = set()
    groups: set[str] = set()
    names: list[str] = []
    from .gazetteer import places_by_sound, places_in, stem

    consumed = [False] * len(s)
    group_words: list[str] = []
    prefectures: set[str] = set()
    for w in sorted(_WORDS, key=len, reverse=True):
        start = s.find(w)
        while start >= 0:
            if (not any(consumed[start:start + len(w)]) and not _tail_of_a_place(s, start, w, consumed)
                    and not (w in _DIRECTIONS and start and s[start - 1] in _PROVINCE_ABBREVIATIONS)):
                for k in range(start, start + len(w)):
                    consumed[k] = True
                provs, grps = _WORDS[w]
                provinces.update(provs.split())
                groups.update(grps)
                names.append(w)
                prefectures.update(_city_of_word(w))
                if w in _GROUP_WORDS:
                    group_words.append(w)
                    for g in grps:
                        provinces.update(provinces_speaking(g))
            start = s.find(w, start + 1)
    # provinces / cities named in the rest of the label, via the gazetteer
    rest = "".join(" " if consumed[k] else s[k] for k in range(len(s)))
    core = _label_core(rest)
    part = None if provinces or groups else _province_part(core)
    if part is not None:                                 # "川南话", "陇东口音", "洞庭湖口音"
        provinces.update(part)
        names.append(core)
    for chunk in ([] if part is not None else re.split(r"[\s或、,，/]+", rest)):   # "湖南或江西口音": both
        pa = places_in(chunk)
        # "大同口音" is 大同市 (山西), not 大庆's 大同区: a stem that names a city or a
        # province drops its county-level homonyms outside that city / province
        # (衡阳县, a county of 衡阳市, stays; 台山, only ever a county, is 台山)
        top: dict[str, set[str]] = {}
        for p in pa.places:
            if p.level != "county":
                top.setdefault(stem(p.name), set()).add(p.prefecture or p.province)
        dropped = [p for p in pa.places if p.level == "county" and stem(p.name) in top
                   and not top[stem(p.name)] & {p.prefecture, p.province}]
        kept = [p for p in pa.places if p not in dropped]
        for p in kept:
            if p.level == "county" and len(p.name) <= 2:
                continue
            names.append(p.name)
        provinces.update(pa.provinces - ({p.province for p in dropped} - {p.province for p in kept}))
        prefectures.update(pa.prefectures - ({p.prefecture for p in dropped} - {p.prefecture for p in kept}))
    if not provinces and not groups:
        bare = _ACCENT_WORDS.sub("", rest).strip(" 或")
        if bare in _PROVINCE_ABBREVIATIONS:              # "口音：湘", "川"
            provinces.add(_PROVINCE_ABBREVIATIONS[bare])
            names.append(bare)
        elif bare.isascii() and bare:                    # "Hunan accent"
            heard = places_by_sound(bare)
            if heard and len({p.province for p in heard}) == 1:
                provinces.add(heard[0].province)
                prefectures.update(p.prefecture for p in heard if p.prefecture)
                names.append(heard[0].name)
    if not provinces and not groups:
        # the core drops 人的重浓偏 anywhere, which a word's sound may need ("重晴话": 重庆)
        heard = _word_by_sound(core) or _word_by_sound(_ACCENT_WORDS.sub("", rest).strip(" 或说讲"))
        if heard is not None:                            # "说白化": 白话 written by its sound
            provs, grps = _WORDS[heard]
            provinces.update(provs.split())
            groups.update(grps)
            names.append(heard)
            if heard in _GROUP_WORDS:
                group_words.append(heard)
                for g in grps:
                    provinces.update(provinces_speaking(g))
    if not provinces and not groups:
        # "新乡口音", "景德镇话", "萍乡一带口音" (a city whose name ends like a township
        # reads as none in an address), "四穿话" (written by sound)
        named = _named_by_label(core)
        for p in named:
            provinces.add(p.province)
            if p.prefecture:
                prefectures.add(p.prefecture)
        names += [p.name for p in named[:1]]
    if provinces and not groups:
        for p in provinces:
            g = PROVINCE_GROUPS.get(p, ())
            if g:
                groups.add(g[0])          # the dominant group of the region
    standard = any(w in s for w in _STANDARD) and not provinces
    if not provinces and not groups:
        half = core
        if half in BROAD_REGIONS:
            return DialectInfo(label=raw, provinces=BROAD_REGIONS[half], recognized=True, note=half, broad=True)
        note = "普通话" if standard else "方言未识别"
        return DialectInfo(label=raw, recognized=False, standard=standard, note=note)
    confusions: set[str] = set()
    for g in groups:
        if g in GROUPS:
            confusions |= GROUPS[g].confusions
    note = "、".join(dict.fromkeys(names)) or raw
    return DialectInfo(
        label=raw,
        provinces=frozenset(provinces),
        prefectures=frozenset(prefectures),
        groups=frozenset(groups),
        confusions=frozenset(confusions) & ALL,
        recognized=True,
        note=note,
        group_only=bool(group_words) and len(group_words) == len(names),
    )
