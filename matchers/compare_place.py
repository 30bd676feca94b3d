"""Place hints: fragments the person said, and a remembered ID number, vs
the report's hometown (籍贯/户籍地) and the place they went missing.

Hints are resolved through the gazetteer (old names included: 衡阳地区,
思茅, 襄樊, 县改区) to canonical province / prefecture / county codes; a hint
below county level (a town, a village: "东岭村", "松口") is matched literally
against the address text. The found place is where the person was found, not
where they are from, so it is not used here.

Levels: null, no_overlap, then province .. village_or_town, each also as
missing_* when only the place the person went missing agrees: a person is
found near where they went missing by chance far more often than a stranger
shares their hometown, so that agreement is weaker evidence and gets its
own, separately estimated weight.

Levels keep one lucky hint from outweighing the others: `local_conflict` (the
county or a town agrees, but a village or town the person named is not the one
the report writes, while it writes one of that kind), `local_unmatched`
(the person named a town or village, the report names its own towns or
villages, and none of them is the one said), `local_other_unit` (the stem
said is in the address as another kind of unit: "林东村" said, "林东乡" written;
乡 and 镇 count as one kind, many 乡 became 镇) and `mixed` (one hint agrees at
county level or below while another hint names a prefecture the report's
places are not in). A hint is only as precise as what it names: agreeing on
the province with "湖南人" is the most it can say, agreeing on the province
with "谷城县" means the county said is not the report's, so that is its own
level (`province_other_place`, and `prefecture_other_county` for a county
said in the report's prefecture). Their weights are estimated like every
other level; the data decides how much such a disagreement costs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import ClassVar

from .base import LevelResult
from .gazetteer import (ParsedAddress, Place, by_code, county_name, places_by_sound, places_in,
                        prefecture_name, province_name)
from .gazetteer import stem as place_stem
from .compare_phone import without_phones
from .dialects import province_of_part
from .idcard import ID_WORD, remembered_id
from .pinyin import first_readings
from .regions import region_named
from .records import IntakeRecord, ReportRecord
from .text import normalize

LEVELS: tuple[str, ...] = ("null", "no_overlap", "local_conflict", "local_unmatched", "local_other_unit",
                           "missing_province", "province_other_place",
                           "province", "prefecture_other_county", "mixed",
                           "missing_prefecture", "prefecture", "missing_county", "county", "missing_local",
                           "village_or_town")
# the level a missing-place agreement takes instead of the hometown one
_MISSING = {"province": "missing_province", "prefecture": "missing_prefecture",
            "province_other_place": "missing_province", "prefecture_other_county": "missing_prefecture",
            "county": "missing_county", "village_or_town": "missing_local"}
L = {n: i for i, n in enumerate(LEVELS)}

# below-county unit suffixes; the stem before them is what people say
_LOCAL = re.compile(r"([\u4e00-\u9fff]{2,6}?)(?:街道办事处|街道|社区|管理区|乡|镇|村委会|村|屯|寨|组|场|农场|林场)")
# workplaces ("深圳装修队", "以前在上海电子厂"): where he has been (_BEEN_THERE). Those no
# village is named after are no village a hint and a report share either (_VAGUE): "装修队"
# in a hint and in "武汉的装修队", where a report's person went missing
_WORKPLACES_NO_VILLAGE = ("装修", "施工队", "工程队", "建筑队", "包工队", "电子厂", "鞋厂", "服装厂", "家具厂",
                          "餐馆", "物流园", "工业园")
_WORKPLACE_WORDS = _WORKPLACES_NO_VILLAGE + ("装修队", "玩具厂", "纺织厂", "制衣厂", "食品厂", "饭馆", "饭店", "酒店",
                                             "捡垃圾", "摘棉花", "采棉花", "送外卖", "送快递")
# stations, schools and the like that are named after a place
_FACILITIES = ("火车站", "汽车站", "高铁站", "客运站", "车站", "小学", "中学", "学校", "医院", "煤矿")
_VAGUE = {"河边", "山里", "山上", "农村", "乡下", "老家", "附近", "城里", "村里", "家里", "那边", "这边",
          "住在", "江边", "海边", "桥边", "街上", "县城", "市里", "镇上", "下面", "山区",
          # generic unit names found in hundreds of places: a literal match says nothing
          "郊区", "城区", "矿区", "市区", "新区", "开发区", "高新区", "城关",
          "工厂", "工地", *_WORKPLACES_NO_VILLAGE,
          # places every county has, and what the land looks like: no village a hint and a
          # report share ("莱州火车站" said, "长春火车站" written)
          *_FACILITIES, "服务区", "码头", "机场", "菜市场", "市场", "公园", "广场", "寺院", "寺庙", "草原",
          "矿上", "不远", "很远"}
# ... a school or station is named after its place: "双铺小学" names 双铺
_FACILITY = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:" + "|".join(_FACILITIES) + ")")
# a hint that describes rather than names ("靠近黄河", "种玉米", "离兰州不远", "放羊"): no village,
# unless it is one by its unit ("养马村")
_DESCRIBES = re.compile(r"^(?:靠近|临近|挨着|紧挨|离|种|养|放|在)(?!.*[村乡镇屯寨组]$)")


_UNIT_CLASS = {"村": "village", "屯": "village", "寨": "village", "组": "village", "乡": "town", "镇": "town",
               "街": "street", "社": "street"}


_UNIT_NAME = {"village": "村", "town": "乡镇", "street": "街道社区"}


def _local_stems(text: str):
    """Stems of the towns and villages in a text: "五里牌镇东岭村" -> 五里牌, 东岭. A 寨 or 屯
    is part of the name when another unit follows or nothing does ("杨家寨村", "说是杨家寨"):
    "杨家" alone would match 杨家江乡 or 杨家湾."""
    for m in _LOCAL.finditer(text):
        st = m.group(1)
        if m.group(0)[-1] in "寨屯" and (m.end() == len(text) or text[m.end()] in "村乡镇组"):
            st = m.group(0)
        yield st


def _unit_after(text: str, stem: str) -> set[str]:
    """Kinds of unit ("village", "town", "street") the stem is used as in a
    text: "林东乡黄桃村" -> {"town"} for 林东; empty when it carries no suffix."""
    out, i = set(), text.find(stem)
    while i >= 0:
        nxt = text[i + len(stem):i + len(stem) + 1]
        if nxt in _UNIT_CLASS:
            out.add(_UNIT_CLASS[nxt])
        i = text.find(stem, i + 1)
    return out


def local_fragments(text: str) -> tuple[str, ...]:
    """Town / village stems in an address: "双牌县东岭村3组" -> ("东岭",)."""
    s = normalize(text).replace(" ", "")
    out = []
    for piece in places_in(s).rest:       # what is left once the county-level names are cut out
        for st in _local_stems(piece):
            # "家住红星村" is 红星; "家在镇上" (his home is in a town) names no town
            for lead in ("家住在", "家住", "家在", "住在"):
                if st.startswith(lead):
                    st = st[len(lead):]
                    break
            if len(st) >= 2 and st not in _VAGUE and not any(v in st for v in ("住在", "附近")):
                out.append(st)
    return tuple(dict.fromkeys(out))


# an urban address: a residential compound or a street ("幸福小区", "光明路", "中山北路")
_URBAN_UNITS = "小区|花园|公寓|家园|新村|名苑|苑|华庭|大厦|宿舍|家属院|大街|大道|街(?!道)|路|巷|胡同"
_URBAN = re.compile(f"(?:社区|{_URBAN_UNITS})")
# a hint that is only a street or a compound ("朝阳路", "滨江名苑"): every city has
# one, so it names no county (朝阳区, 滨江区) and matches only as written
_URBAN_HINT = re.compile(f"^[\u4e00-\u9fff]{{2,4}}?(?:{_URBAN_UNITS})$")
_DIRECTION = "东西南北中"
_ADMIN = "省市县区州旗盟"


def urban_fragments(text: str) -> tuple[str, ...]:
    """Compound and street names in an address, each as its two-character stem
    and as written: "从幸福小区家中走失" -> ("幸福", "幸福小区"). They are keyed,
    not compared: a hint's literal match on "幸福" is only as telling as the
    stem is rare among the reports, and 幸福, 光明, 人民 are everywhere."""
    s = normalize(text).replace(" ", "")
    out = []
    # on the whole text: a street may bear a county's name (光明路, 中山北路)
    for m in _URBAN.finditer(s):
        end = m.start()
        if m.group() in "路街" and end >= 1 and s[end - 1] in "公马铁山小水大":
            continue                       # 公路, 马路: a road, no name
        if end >= 3 and s[end - 1] in _DIRECTION:
            end -= 1                       # 中山北路 -> 中山
        stem = s[end - 2:end] if end >= 2 else ""
        if (len(stem) == 2 and all("\u4e00" <= ch <= "\u9fff" and ch not in _ADMIN for ch in stem)
                and stem not in _VAGUE):
            out += [stem, s[end - 2:m.end()]]
    return tuple(dict.fromkeys(out))


# what people say around a place name: "老家五里牌", "说是双牌的", "双牌乡下", "五里牌镇上"
_SAID_BEFORE = tuple(sorted((
    "自己说", "自称", "听说", "说是", "说", "讲", "好像是", "好像", "可能是", "可能", "大概是", "大概",
    "应该是", "似乎是", "老家是", "老家在", "老家", "家乡是", "家乡在", "家乡", "家在", "家住", "住在",
    "来自", "是", "在"), key=len, reverse=True))
_SAID_AFTER = tuple(sorted((
    "的人", "人氏", "人", "的", "那边", "这边", "那里", "那块", "一带", "附近", "乡下", "农村", "山里",
    "山区", "老家", "边上"), key=len, reverse=True))
_UNIT_THEN_ON = re.compile(r"([镇乡村县城])(?:上|里)$")       # 五里牌镇上 -> 五里牌镇
_SENTENCE_CHARS = "在有是没很条座个过"


def spoken_core(hint: str) -> str:
    """The place a spoken hint names, without what is said around it:
    "老家五里牌" -> "五里牌", "双牌乡下" -> "双牌" (乡下 is the countryside, not a
    township), "说是双牌的" -> "双牌". Never shorter than two characters."""
    s = normalize(hint).replace(" ", "")
    changed = True
    while changed:
        changed = False
        for w in _SAID_BEFORE:
            if s.startswith(w) and len(s) - len(w) >= 2:
                s, changed = s[len(w):], True
                break
        for w in _SAID_AFTER:
            if s.endswith(w) and len(s) - len(w) >= 2:
                s, changed = s[:-len(w)], True
                break
        m = _UNIT_THEN_ON.search(s)
        if m and len(s) > 3:
            s, changed = s[:-1], True
    if any(ch in s for ch in _SENTENCE_CHARS):      # "村子在山里" is a sentence, not a wrapped name
        return normalize(hint).replace(" ", "")
    return s


# what staff write in the hints field when the person named no place
_SAYS_NOTHING = re.compile(r"^[?？\s]*$|^(?:无|没有|外地|外省|南方|北方|本地|待查|暂无)$"
                           r"|不详|不清|不知|不记得|记不|忘了|忘记|问不出|说不出|未知|不明|未说|未提供|无法")

# an ID number said, with its words: "自述身份证号…", "身份证前6位210922", "记得身份证…"
_ID_SAID = re.compile(r"(?:自述|记得|自称|说)?(?:" + ID_WORD + r")(?:号码?|號碼?)?(?:前\d+位|开头|前几位)?"
                      r"(?:记得是|是|为)?[:：\s]*[\dXx\s\-]{6,}|(?<![\dXx])\d{17}[\dXx](?![\dXx])")

_WORKPLACES = "|".join(_WORKPLACE_WORDS)
# a place he has been to, not where he is from: "在北京打过工", "去过深圳", "在凉山讨过饭"
_BEEN_THERE = re.compile(r"打过?工|务工|干过?活|做过?工|干过|上过?班|工作过|当过兵|去过|(?<![提说讲])到过|待过|呆过|"
                         # a job somewhere: "以前在佛山当保安", "在义乌摆摊"
                         r"当过?(?:保安|保姆|兵|工人|服务员|学徒|厨师|司机|小工|杂工|清洁工|搬运工|门卫|帮工)|"
                         r"做生意|做买卖|摆摊|收废品|捡破烂|乞讨|"
                         r"流浪过|讨过饭|要过饭|捡过|坐过牢|住过院|路过|经过|工地|工厂|砖厂|厂里|煤矿|矿上"
                         # a workplace: "深圳装修队", "东莞电子厂", "宁波的餐馆", "搞装修", "摘棉花"
                         r"|(?:" + _WORKPLACES + r")(?![村乡镇屯寨组])"     # but 饭店村 is a village
                         # where his family or others are, or where he was taken: not his home
                         r"|^(?:他|她)?的?(?:儿子|女儿|闺女|哥哥|姐姐|弟弟|妹妹|老伴|老婆|妻子|丈夫|亲戚|舅舅|"
                         r"姑姑|叔叔|孙子|孙女|侄子)(?:在|住在|家在)|养父母|收养|被卖|被拐|卖到|拐到")
# the part of a hint after a landmark or a relative's name is not a place: "村口有棵大樟树"
# (not 樟树市), "爸爸叫韩建平" (not 建平县)
_NOT_A_PLACE_TAIL = re.compile(r"(?:有|种着|长着)一?[棵座条口个片所].*$"
                               # "家后面是山", "家门前有鱼塘", "屋旁边有学校": what is around the house
                               r"|(?:(?:家|屋|房子|家门)(?:后面|后头|后边|前面|前头|门前|门口|旁边|边上|附近|对面|背后)"
                               r"|门前|门口)(?:是|有|就是).*$"
                               r"|(?:爸爸|妈妈|父亲|母亲|爹|娘|哥哥|姐姐|弟弟|妹妹|儿子|女儿|老婆|老伴|丈夫|妻子|"
                               r"爷爷|奶奶)(?:的名字)?叫.*$")


def _fragments_of(s: str) -> tuple[str, ...]:
    """What of a hint (cut to its spoken core) may name a town or village: its
    suffixed stems, the rest once county-level names are cut out, or the whole
    short hint ("东岭")."""
    frags = list(_local_stems(s))
    frags += [r for r in places_in(s).rest if 2 <= len(r) <= 6]
    if 2 <= len(s) <= 5:
        frags.append(s)
    # "双铺小学", "莱州火车站": the place the school or station is named after
    frags += [m.group(1) for f in frags if (m := _FACILITY.fullmatch(f))]
    return tuple(f for f in dict.fromkeys(frags)
                 if f not in _VAGUE and not any(v in f for v in _VAGUE) and not _DESCRIBES.match(f))


@dataclass(frozen=True, slots=True)
class Hint:
    text: str
    provinces: frozenset[str]
    prefectures: frozenset[str]
    counties: frozenset[str]
    fragments: tuple[str, ...]
    what: str                      # display: the place the hint resolved to
    unit: tuple[str, str, tuple[str, ...]] | None = None   # a village/town said: (stem, kind, sound)
    precision: str = ""            # the finest level the hint insists on: county / prefecture / province
    # read by sound or as a miswritten character ("双排" -> 双牌, "毫州" -> 亳州,
    # "shuangpai"): such a reading can agree with a report, but a village of
    # that sound is as likely, so it never speaks against one
    heard: bool = False
    # a region that is no division ("湘南", "苏北", "洞庭湖边"): its prefectures are in
    # `prefectures`, the provinces it covers entirely here (precision "region")
    whole: frozenset[str] = frozenset()
    # a street or a compound ("朝阳路"): matched in the whole address, where a
    # county's name inside it is not cut out
    urban: bool = False


def _precision(places) -> str:
    """The finest level a hint names for sure. "单县" -> county; "衡阳" -> prefecture
    (衡阳市 or 衡阳县: the city may be meant); "湖南衡东县" -> county (the province
    is context); "吉林" -> province."""
    stems = {lvl: {place_stem(p.name) for p in places if p.level == lvl}
             for lvl in ("province", "prefecture", "county")}
    if stems["county"] and not stems["county"] & (stems["prefecture"] | stems["province"]):
        return "county"
    finer = stems["county"] | stems["prefecture"]
    if finer and not finer & stems["province"]:
        return "prefecture"
    return "province" if stems["province"] else ""


@dataclass(frozen=True, slots=True)
class IntakePlaces:
    hints: tuple[Hint, ...]
    unresolved: tuple[str, ...] = ()     # hints that name nothing we know ("住在河边")
    been: tuple[str, ...] = ()           # places he has been, not his home ("在北京打过工")


@dataclass(frozen=True, slots=True)
class ReportPlaces:
    home: ParsedAddress
    home_text: str
    missing: ParsedAddress
    missing_text: str
    locals: tuple[str, ...] = ()        # town / village stems of both addresses


def _id_hint(id_number: str) -> Hint | None:
    code = normalize(id_number).replace(" ", "")[:6]
    if len(code) != 6 or not code.isdigit():
        return None
    for c in (code, code[:4] + "00", code[:2] + "0000"):
        ps = by_code(c)
        if ps:
            p = ps[0]
            return _hint_from_places(f"身份证{code}", list(ps), (), p.name)
    return None


def _hint_from_places(text: str, places: list[Place], frags: tuple[str, ...], what: str) -> Hint:
    provs = frozenset(p.province for p in places)
    prefs = frozenset(p.prefecture for p in places if p.prefecture)
    counties = frozenset(p.county for p in places if p.county)
    return Hint(text, provs, prefs, counties, frags, what, precision=_precision(places))


# clauses of one hint: "老家在湖南，在广东打工" says where he is from and where he worked
_CLAUSE_SPLIT = re.compile(r"[，,；;。！!]+")
# places given as alternatives: "湖南或湖北", "安徽/江苏", "湖南、湖北交界"
_ALTERNATIVE_SPLIT = re.compile(r"[、/／]+|或者|或是|还是|或")
# what follows the second of two provinces: "湖南、湖北交界" is no village 交界
_BORDER_WORDS = frozenset({"交界", "交界处", "边界", "之间", "一带", "附近"})


def _clauses(hints) -> list:
    out = []
    for h in hints:
        parts = [p.strip() for p in _CLAUSE_SPLIT.split(h)] if isinstance(h, str) else [h]
        parts = [p for p in parts if p]
        out += parts if len(parts) > 1 else [h]
    return out


def _alternatives(raw: str) -> Hint | None:
    """One hint naming two or more places as alternatives, every one a place the
    gazetteer knows: a report from any of them agrees with it. Read as one address,
    "湖南或湖北" was 湖南 with a village called 湖北, and a 湖北 report was contradicted."""
    parts = [p for p in (q.strip() for q in _ALTERNATIVE_SPLIT.split(raw)) if p]
    if len(parts) < 2:
        return None
    places: list[Place] = []
    frags: list[str] = []
    for p in parts:
        core = spoken_core(p)
        pa = places_in(core)
        if not pa.places:
            return None
        places += pa.places
        frags += [f for f in _fragments_of(core) if f not in _BORDER_WORDS]
    # what is shown: the finest places named ("河南、信阳、光山" is 光山县)
    finest = [p for p in places if not any(_inside(q, p) for q in places)]
    what = "或".join(dict.fromkeys(p.name for p in finest))
    return _hint_from_places(normalize(raw), places, tuple(dict.fromkeys(frags)), what)


def _inside(q: Place, p: Place) -> bool:
    """Whether q is a unit below p (a county of p's prefecture, ...)."""
    if p.level == "province":
        return q.level != "province" and q.province == p.province
    return p.level == "prefecture" and q.level == "county" and bool(p.prefecture) and q.prefecture == p.prefecture


def prepare_hints(place_hints, id_number: str = "") -> IntakePlaces | None:
    hints: list[Hint] = []
    unresolved: list[str] = []
    been: list[str] = []
    if isinstance(place_hints, str):
        place_hints = [place_hints]
    elif not isinstance(place_hints, (list, tuple, set, frozenset)):
        # a spreadsheet's empty cell arrives as NaN / None / a number: no hints
        place_hints = ()
    for h in _clauses(place_hints):
        if not isinstance(h, str) or not normalize(h):
            continue
        if not _ID_SAID.search(h) and not _BEEN_THERE.search(h) and _ALTERNATIVE_SPLIT.search(h):
            alt = _alternatives(h)
            if alt is not None:
                hints.append(alt)
                continue
        text = normalize(h)
        if _ID_SAID.search(text):
            # the ID number is read by remembered_id; what else the hint says is a hint
            h = text = _ID_SAID.sub("", text).strip(" ,，;；:：")
            if not text:
                continue
        elif any(ch.isdigit() for ch in text):
            # a phone number recited: compare_phone reads it; the rest may be a place
            h = text = without_phones(text).strip(" ,，;；:：、")
            if not text:
                continue
        cut = _NOT_A_PLACE_TAIL.sub("", text)
        if cut != text:
            if not places_in(cut).places:
                continue        # a landmark or a name, no place: nothing a report can be checked against
            h = text = cut
        core = spoken_core(text)
        if _URBAN_HINT.match(core):
            hints.append(Hint(text, frozenset(), frozenset(), frozenset(), (core,), "", urban=True))
            continue
        pa = places_in(h)
        if not pa.places and core != text.replace(" ", ""):
            pa = places_in(core)        # "双牌乡下" reads as a township 双牌乡 until 乡下 is cut off
        if not pa.places and _SAYS_NOTHING.search(core):
            continue        # "不详", "记不清", "外地": no clue, not a place no report names
        if _BEEN_THERE.search(text):
            been.append(text)
            continue        # "在北京打过工": where he has been, not where he is from
        if not pa.places:
            region = region_named(core)
            if region is not None:
                hints.append(Hint(text, region.provinces, region.prefectures, frozenset(), (),
                                  f"{region.name}：{region.members}", precision="region", whole=region.whole))
                continue
            part = province_of_part(core)
            if part is not None:        # "黔东人", "冀中一带": a part of a province the table has no members for
                provs = frozenset({part})
                hints.append(Hint(text, provs, frozenset(), frozenset(), (),
                                  f"{core}：{province_name(part)}", precision="region", whole=provs))
                continue
        frags = _fragments_of(core)
        if not pa.places:
            heard = places_by_sound(text if text.isascii() else core)
            if heard:
                hint = _hint_from_places(text, list(heard), frags, f"按读音/字形为{heard[0].name}")
                hints.append(replace(hint, unit=_named_unit(core), heard=True))
                continue
        if pa.places:
            what = pa.places[-1].name if len(pa.places) == 1 else ""
            hints.append(Hint(text, pa.provinces, pa.prefectures, pa.counties, frags, what,
                              precision=_precision(pa.places)))
        elif frags:
            hints.append(Hint(text, frozenset(), frozenset(), frozenset(), frags, "", _named_unit(core)))
        else:
            unresolved.append(text)
    if isinstance(id_number, str) and id_number.strip():
        ih = _id_hint(id_number)
        if ih is not None:
            hints.append(ih)
    if not hints and not unresolved and not been:
        return None
    return IntakePlaces(_narrowed(hints), tuple(unresolved), tuple(been))


def _narrowed(hints: list[Hint]) -> tuple[Hint, ...]:
    """A hint that names places in several provinces ("朝阳": 北京, 长春, 辽宁)
    means the one the person's other hints are in: "朝阳市" said as well
    settles it. Only hints that name one province for sure (not by sound, not a
    region) settle anything."""
    anchors = {p for h in hints if len(h.provinces) == 1 and not h.heard and not h.whole
               and h.precision in ("province", "prefecture", "county") for p in h.provinces}
    out = []
    for h in hints:
        keep = h.provinces & anchors
        if len(h.provinces) > 1 and keep and not h.heard and not h.whole:
            h = replace(h, provinces=frozenset(keep),
                        prefectures=frozenset(p for p in h.prefectures if p[:2] in keep),
                        counties=frozenset(c for c in h.counties if c[:2] in keep))
        out.append(h)
    return tuple(out)


def prepare_report_places(hometown: str, missing_place: str = "") -> ReportPlaces | None:
    ht = normalize(hometown if isinstance(hometown, str) else "").replace(" ", "")
    mt = normalize(missing_place if isinstance(missing_place, str) else "").replace(" ", "")
    if not ht and not mt:
        return None
    return ReportPlaces(places_in(ht), ht, places_in(mt), mt,
                        tuple(dict.fromkeys(local_fragments(ht) + local_fragments(mt))))


def _short(text: str, n: int = 14) -> str:
    return text if len(text) <= n else text[:n] + "…"


def compare_places(a: IntakePlaces | None, b: ReportPlaces | None) -> tuple[int, str, dict]:
    if a is None:
        return 0, "无地点线索", {}
    if b is None:
        return 0, "寻人启事无籍贯", {}
    best = (0, ("地点线索未识别" + ("：" + "、".join(a.unresolved) if a.unresolved else "")) if a.hints or a.unresolved
            else f"线索「{a.been[0]}」是去过的地方，不是籍贯", {})
    # the first "somewhere else in that province / city" a precise hint gave
    elsewhere: dict[int, tuple[int, str, dict]] = {}
    for h in a.hints:
        # the component is titled 籍贯, so the hometown needs no prefix
        for addr, text, where in ((b.home, b.home_text, ""), (b.missing, b.missing_text, "走失地")):
            if not text:
                continue
            lvl, expl = 0, ""
            ambiguous = False
            # literally in the part of the address below county level
            for f in h.fragments:
                if len(f) >= 2 and (any(f in piece for piece in addr.rest) or (h.urban and f in text)):
                    if not h.heard and f == h.text and ((h.provinces and addr.provinces and h.provinces.isdisjoint(addr.provinces))
                                        or (h.counties and addr.counties and h.counties.isdisjoint(addr.counties))):
                        # "龙南" / "南溪" names a county elsewhere and a town or village here:
                        # either may be meant, so it is evidence neither for nor against
                        ambiguous = True
                        continue
                    said = _unit_after(h.text, f)
                    written = set().union(*(_unit_after(piece, f) for piece in addr.rest))
                    if said and written and said.isdisjoint(written):
                        # "林东村" said, "林东乡" written: same stem, another place
                        if lvl < L["local_other_unit"]:
                            lvl, expl = (L["local_other_unit"],
                                         f"{where}{_short(text)} 的「{f}」是{_UNIT_NAME[min(written)]}，"
                                         f"线索「{h.text}」是{_UNIT_NAME[min(said)]}")
                        continue
                    lvl, expl = L["village_or_town"], f"{where}{_short(text)} 含线索「{f}」"
                    break
            before = (lvl, expl)
            if lvl <= L["local_other_unit"] and not ambiguous and (h.provinces or h.counties) \
                    and (addr.provinces or addr.counties):
                c = h.counties & addr.counties
                p = h.prefectures & addr.prefectures
                v = h.provinces & addr.provinces
                if h.precision == "region":
                    lvl, expl = _region_level(h, addr, p, v, text, where)
                elif c:
                    lvl, expl = L["county"], f"{where}{county_name(min(c))} 与线索「{h.text}」同县"
                elif p and h.precision == "county":
                    # the person named a county: the same prefecture is another county
                    lvl, expl = (L["prefecture_other_county"],
                                 f"{where}{prefecture_name(min(p))} 与线索「{h.text}」同市不同县")
                elif p:
                    lvl, expl = L["prefecture"], f"{where}{prefecture_name(min(p))} 与线索「{h.text}」同市"
                elif v and h.precision in ("county", "prefecture"):
                    lvl, expl = (L["province_other_place"],
                                 f"{where}{province_name(min(v))} 与线索「{h.text}」同省不同地")
                elif v:
                    lvl, expl = L["province"], f"{where}{province_name(min(v))} 与线索「{h.text}」同省"
                elif addr.provinces and h.provinces and not where:
                    # only a hometown can be contradicted: people go missing far from
                    # home (on the way to work, at a station), so a hint elsewhere than
                    # the missing place of a report without a hometown says nothing
                    lvl, expl = L["no_overlap"], f"{_short(text)} 与线索「{h.text}」不在同一省"
                if h.heard and lvl < L["province"]:
                    lvl, expl = before      # a reading by sound only ever agrees
            if ambiguous and not lvl and best[0] == 0:
                best = (0, f"线索「{h.text}」可指{h.what or '外省同名地'}，也可指{where}{_short(text)}中的同名村镇",
                        {"hint": h.text, "where": where or "籍贯"})
            if h.what and lvl >= L["province_other_place"] and h.what not in expl:
                expl += f"（{h.what}）"
            if where and b.home_text and lvl >= L["province_other_place"]:
                # with a hometown written, agreeing only with where the person went
                # missing is its own (weaker) level; without one, the missing place
                # is all the report says of where the person is from
                lvl = L[_MISSING[LEVELS[lvl]]]
            if lvl in _OVERRULES and lvl not in elsewhere:
                elsewhere[lvl] = (lvl, expl, {"hint": h.text, "where": where or "籍贯"})
            if lvl > best[0]:
                best = (lvl, expl, {"hint": h.text, "where": where or "籍贯"})
    # "云南的" agrees with a 云南 report, "弥勒" (a county) says it is not this one:
    # the more precise hint decides
    for other, agreement in _OVERRULES.items():
        if best[0] == agreement and other in elsewhere:
            best = elsewhere[other]
    if best[0] >= L["missing_province"]:
        clash = _local_clash(a, b)
        if clash is not None:
            hint, kind, written = clash
            return (L["local_conflict"],
                    f"{best[1]}，但线索「{hint.text}」不是寻人启事所写的{_UNIT_NAME[kind]}（{'、'.join(written[:2])}）",
                    {**best[2], "against": hint.text})
    if best[0] in (L["county"], L["village_or_town"], L["missing_local"]):
        # one hint in the hometown's county, another elsewhere: the person named
        # two places of their past. Agreeing only with where the report says they
        # went missing (a place passed through) is not upgraded by a second hint,
        # but a town of that name where he went missing, while his other hints
        # name another prefecture (安河镇 in 和龙 vs 潮阳, 汕头), is a namesake
        # as often as not
        other = _contradicting_hint(a, b, best[2].get("hint"))
        if other is not None:
            return (L["mixed"], f"{best[1]}，但线索「{other.text}」指向别处",
                    {**best[2], "against": other.text})
    elif best[0] == 0 and b.locals:
        said = [h for h in a.hints if (not h.provinces or h.heard) and h.fragments]
        if said:
            return (L["local_unmatched"],
                    f"线索「{said[0].text}」不是寻人启事所写的乡镇村（{'、'.join(b.locals[:2])}）",
                    {"hint": said[0].text})
    return best


def _region_level(h: Hint, addr: ParsedAddress, p: frozenset[str], v: frozenset[str], text: str,
                  where: str) -> tuple[int, str]:
    """A region's agreement is at most a province's ("湘南" is three of Hunan's prefectures,
    but its edges are loose in speech); a place in the same province outside it is the mild
    `province_other_place`, and only another province contradicts."""
    inside = p or (v & h.whole) or (v and not addr.prefectures)
    if inside:
        unit = prefecture_name(min(p)) if p else province_name(min(v))
        return L["province"], f"{where}{unit} 在线索「{h.text}」所指的地区"
    if v:
        return L["province_other_place"], f"{where}{province_name(min(v))} 与线索「{h.text}」同省，但不在该地区"
    if addr.provinces and not where:
        return L["no_overlap"], f"{_short(text)} 与线索「{h.text}」不在同一省"
    return 0, ""


# "a precise hint names another place in this province / prefecture" overrules
# "a vaguer hint agrees as far as it goes" at that level
_OVERRULES = {L["province_other_place"]: L["province"], L["prefecture_other_county"]: L["prefecture"]}


def _sound(stem: str) -> tuple[str, ...]:
    return first_readings(stem)


def _as_written(stem: str, b: ReportPlaces) -> str:
    """The stem with the unit suffix the report gives it: 集桃 -> 集桃镇."""
    for text in (b.home_text, b.missing_text):
        i = text.find(stem)
        if i >= 0 and text[i + len(stem):i + len(stem) + 1] in _UNIT_CLASS:
            return text[i:i + len(stem) + 1]
    return stem


def _named_unit(text: str) -> tuple[str, str, tuple[str, ...]] | None:
    """"马福村" -> ("马福", "village", its sound); None for a bare stem ("坝东"),
    which may be any kind of unit, or a vague one ("河边村")."""
    m = _LOCAL.fullmatch(text)
    if m is None or text[-1] not in _UNIT_CLASS or m.group(1) in _VAGUE:
        return None
    return m.group(1), _UNIT_CLASS[text[-1]], _sound(m.group(1))


def _local_clash(a: IntakePlaces, b: ReportPlaces) -> tuple[Hint, str, list[str]] | None:
    """A village (or town) the person named, where the report writes another
    village (town) and nothing of that sound: "马福村" said, "石马村" written.
    The person's own village is in the family's address whenever it names one,
    so this contradicts even when the county agrees."""
    for h in a.hints:
        if h.unit is None:
            continue
        stem, kind, sound = h.unit
        written = [_as_written(st, b) for st in b.locals
                   if kind in _unit_after(b.home_text, st) | _unit_after(b.missing_text, st)]
        if not written:
            continue                  # the report names no unit of that kind: nothing to contradict
        if any(stem in st or st in stem or _sound(st) == sound for st in b.locals):
            continue
        return h, kind, written
    return None


def _contradicting_hint(a: IntakePlaces, b: ReportPlaces, agreeing: str | None) -> Hint | None:
    """Another hint naming only prefectures (or provinces) that neither the
    hometown nor the missing place is in."""
    report_prefs = b.home.prefectures | b.missing.prefectures
    report_provs = b.home.provinces | b.missing.provinces
    for h in a.hints:
        if h.text == agreeing or h.text.startswith("身份证") or h.heard:
            continue
        if h.prefectures and report_prefs:
            if h.prefectures.isdisjoint(report_prefs):
                return h
        elif h.provinces and report_provs and h.provinces.isdisjoint(report_provs):
            return h
    return None


class PlaceHintComparison:
    name: ClassVar[str] = "place"
    title: ClassVar[str] = "籍贯"
    levels: ClassVar[tuple[str, ...]] = LEVELS

    def prepare_intake(self, intake: IntakeRecord) -> IntakePlaces | None:
        return prepare_hints(intake.place_hints, remembered_id(intake))

    def prepare_report(self, report: ReportRecord) -> ReportPlaces | None:
        return prepare_report_places(report.hometown, report.missing_place)

    def compare(self, intake_features: IntakePlaces | None,
                report_features: ReportPlaces | None) -> LevelResult:
        level, text, detail = compare_places(intake_features, report_features)
        return LevelResult(self.name, level, LEVELS[level], text, detail)
