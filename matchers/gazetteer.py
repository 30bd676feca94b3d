"""County-level gazetteer of China since 1980, historic names included.

Source: python-stdnum's `stdnum/cn/loc.dat` (GB/T 2260 codes from Wikipedia,
every name a code has carried with its years: "[-2009]襄樊市,[2010-]襄阳市").
It is already a dependency, offline, and it keeps old names (衡阳地区, 思茅,
零陵地区, 县 before 县改区), which the PyPI region packages we looked at drop.

Every name is mapped to *canonical* current codes so that an old name and
the new one compare equal: a county to the current county of the same stem in
the same province (望城县 -> 望城区), a defunct prefecture to the current
prefecture most of its counties now belong to (零陵地区 -> 永州市).
Loaded once, lazily (~0.2 s), then lookups are dict hits.
"""
from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .text import is_hanzi as _is_hanzi, normalize, to_simplified

__all__ = ["Place", "ParsedAddress", "resolve", "places_in", "by_code", "province_name",
           "prefecture_name", "county_name", "PROVINCES", "stem", "names_across"]


@dataclass(frozen=True, slots=True)
class Place:
    code: str            # 6-digit code this name was used under
    name: str            # full name as listed: 双牌县, 衡阳地区
    level: str           # "province" | "prefecture" | "county"
    province: str        # 2-digit province code
    prefecture: str      # canonical current 4-digit prefecture code ("" for a province)
    county: str          # canonical current 6-digit county code ("" above county level)
    historic: bool       # the name is no longer in use
    years: str           # "" or "1983-1995" / "-2009" / "2010-"

    @property
    def display(self) -> str:
        return self.name + ("（旧称）" if self.historic else "")


@dataclass(frozen=True, slots=True)
class ParsedAddress:
    provinces: frozenset[str]
    prefectures: frozenset[str]
    counties: frozenset[str]
    places: tuple[Place, ...]        # the places recognised, in text order
    rest: tuple[str, ...]            # leftover fragments: towns, villages, streets


PROVINCES: dict[str, str] = {}

_ETHNIC = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|"
           "高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|"
           "普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|"
           "珞巴|基诺|各")
_AUTONOMOUS = re.compile(r"(?:(?:" + _ETHNIC + r")族?)+自治(?:县|州|旗|区)$")
_ETHNIC_DISTRICT = re.compile(r"(?:" + _ETHNIC + r")族区$")
_SUFFIX = re.compile(r"(?:特别行政区|省|市|县|区|旗|地区|盟|林区|特区|矿区|新区|州)$")
_GENERIC = {"市辖区", "市区", "郊区", "城区", "矿区", "东区", "西区", "南区", "北区", "中区",
            "新区", "县", "区", "省直辖县级行政单位", "自治区直辖县级行政单位", "省直辖行政单位",
            "直辖县级行政单位", "林区", "特区", "辖区"}
# stems that are everyday words, too noisy to match on their own
_NOISY_STEMS = {"城关", "城中", "城东", "城西", "城南", "城北", "河东", "河西", "河南", "河北",
                "江北", "江南", "山南", "新城", "和平", "长安", "白云", "青山", "东山", "西山",
                "南山", "北山", "铁东", "铁西", "向阳", "红旗", "中原", "平山", "永安", "太平",
                "高新", "开发", "东风", "新华", "人民", "胜利", "解放", "前进", "立新"}


# everyday short names the data set does not carry ("内蒙口音", "老家内蒙的")
_PROVINCE_ALIASES = {"内蒙": "150000"}
_MUNICIPALITIES = ("11", "12", "31", "50")     # their districts are named after the city itself


# provinces whose counties moved to a province created since 1980: 涪陵地区 and
# 万县地区 of Sichuan are Chongqing's since 1997, 海南行政区 of Guangdong Hainan's since 1988
_PROVINCE_SUCCESSORS = {"51": ("50",), "44": ("46",)}


def stem(name: str) -> str:
    """双牌县 -> 双牌, 普洱哈尼族彝族自治县 -> 普洱, 衡阳地区 -> 衡阳, 湖南省 -> 湖南,
    瀍河回族区 -> 瀍河, 彭水苗族土家族自治县 -> 彭水, 碑林区 -> 碑林."""
    # the ethnic part starts after a stem of at least two characters: in 彭水苗族…
    # the 水 is the place's, though 水族 is also a people
    for i in range(2, len(name)):
        if _AUTONOMOUS.fullmatch(name, i) or _ETHNIC_DISTRICT.fullmatch(name, i):
            return name[:i]
    s = _SUFFIX.sub("", name)
    if len(s) < 2 and len(name) >= 3:
        s = name[:-1]           # 碑林区, 清新区: the 林 / 新 is the name's, not 林区's / 新区's
    if s.endswith("自治"):
        s = s[:-2]              # 内蒙古自治区, 西藏自治区: the "ethnic" part is the place name itself
    return s if s else name


_LOCK = threading.Lock()
_DATA: "_Gazetteer | None" = None


class _Gazetteer:
    def __init__(self) -> None:
        self.by_name: dict[str, list[Place]] = defaultdict(list)
        self.by_code: dict[str, list[Place]] = defaultdict(list)
        self.names: dict[str, str] = {}            # canonical code -> current name
        self.lengths: dict[str, list[int]] = {}    # first char -> name lengths, longest first
        self.max_len = 0
        # prefecture (or municipality province) -> county stems too noisy for the
        # global index ("西山", "青山", "东山"): read only right after that prefecture
        self.local: dict[str, dict[str, list[Place]]] = {}
        self.context: dict[str, tuple] = {}        # memo of _context()
        self.local_first: set[str] = set()          # first characters of the local stems
        self.after_shi: set[str] = set()            # second characters of names starting with 市
        self._load()

    def _load(self) -> None:
        import stdnum

        path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
        raw: list[tuple[str, str, str, str]] = []   # (code, name, years, province)
        prov = ""
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip() or line.startswith("#"):
                    continue
                m = re.match(r"^(\s*)(\d+)\s+(\w+)=\"(.*)\"", line)
                if not m:
                    continue
                indent, num, _key, value = m.groups()
                if not indent:
                    prov = num
                    PROVINCES[prov] = to_simplified(value)
                    raw.append((prov + "0000", to_simplified(value), "", prov))
                    continue
                code = prov + num
                if num == "0000":
                    continue
                for part in value.split(","):
                    part = part.strip()
                    years = ""
                    mm = re.match(r"^\[([^\]]*)\](.*)$", part)
                    if mm:
                        years, part = mm.group(1), mm.group(2)
                    name = to_simplified(part)
                    if name and name not in _GENERIC:
                        raw.append((code, name, years, prov))

        def historic(years: str) -> bool:
            return bool(years) and not years.endswith("-")

        # current county per (province, stem)
        current_county: dict[tuple[str, str], str] = {}
        current_pref: dict[tuple[str, str], str] = {}
        for code, name, years, prov in raw:
            if historic(years) or code.endswith("0000"):
                continue
            key = (prov, stem(name))
            if code.endswith("00"):
                current_pref.setdefault(key, code[:4])
            else:
                current_county.setdefault(key, code)

        def county_canon(code: str, name: str, years: str, prov: str) -> str:
            if not historic(years):
                return code
            st = stem(name)
            for p in (prov,) + _PROVINCE_SUCCESSORS.get(prov, ()):
                if (p, st) in current_county:
                    return current_county[(p, st)]
            return code

        # a defunct prefecture maps to where most of its counties went
        votes: dict[str, Counter] = defaultdict(Counter)
        for code, name, years, prov in raw:
            if not code.endswith("00"):
                votes[code[:4]][county_canon(code, name, years, prov)[:4]] += 1
        live_prefs = {code[:4] for code, name, years, prov in raw
                      if code.endswith("00") and not code.endswith("0000") and not historic(years)}

        def pref_canon(p4: str, name: str = "", prov: str = "") -> str:
            if p4 in live_prefs:
                return p4
            if name and (prov, stem(name)) in current_pref:
                return current_pref[(prov, stem(name))]
            v = votes.get(p4)
            if v:
                best = v.most_common(1)[0][0]
                if best in live_prefs or best[:2] in _PROVINCE_SUCCESSORS.get(p4[:2], ()):
                    return best
            return p4

        pref_cache: dict[str, str] = {}
        for code, name, years, prov in raw:
            hist = historic(years)
            if code.endswith("0000"):
                place = Place(code, name, "province", prov, "", "", False, "")
                self.names[prov] = name
            elif code.endswith("00"):
                pc = pref_canon(code[:4], name, prov)
                # 涪陵地区 (Sichuan until 1997) lies in Chongqing now
                place = Place(code, name, "prefecture", pc[:2] if pc else prov, pc, "", hist, years)
                if not hist:
                    self.names[code[:4]] = name
            else:
                cc = county_canon(code, name, years, prov)
                p4 = pref_cache.get(cc[:4])
                if p4 is None:
                    # xx90xx: counties governed directly by the province (仙桃, 琼海,
                    # 石河子) share no prefecture; "4690" is not a city two of them are in
                    p4 = pref_cache[cc[:4]] = "" if cc[2:4] == "90" else pref_canon(cc[:4])
                moved = cc[:2] in _PROVINCE_SUCCESSORS.get(prov, ())     # 涪陵县 (四川) is 重庆's
                place = Place(code, name, "county", cc[:2] if moved else prov, p4, cc, hist, years)
                if not hist:
                    self.names[code] = name
            self._index(name, place)
            self.by_code[code].append(place)
        for alias, code in _PROVINCE_ALIASES.items():
            for place in self.by_code.get(code, ()):
                self._index(alias, place)
        for lst in list(self.by_code.values()):
            for place in lst:
                st = stem(place.name)
                if place.level != "county" or st not in _NOISY_STEMS:
                    continue
                keys = [place.prefecture] if place.prefecture else []
                if place.province in _MUNICIPALITIES:
                    keys.append(place.province)
                for key in keys:
                    loc = self.local.setdefault(key, {}).setdefault(st, [])
                    if place not in loc:
                        loc.append(place)
                    self.local_first.add(st[0])
        self.after_shi = {k[1] for k in self.by_name if k[0] == "市" and len(k) > 1}

    def _index(self, name: str, place: Place) -> None:
        keys = {name}
        st = stem(name)
        if len(st) >= 2 and (st not in _NOISY_STEMS or place.level == "province"):
            keys.add(st)
        for k in keys:
            lst = self.by_name[k]
            if place not in lst:
                lst.append(place)
            self.max_len = max(self.max_len, len(k))
            ls = self.lengths.setdefault(k[0], [])
            if len(k) not in ls:
                ls.append(len(k))
                ls.sort(reverse=True)


def _data() -> _Gazetteer:
    global _DATA
    if _DATA is None:
        with _LOCK:
            if _DATA is None:
                _DATA = _Gazetteer()
    return _DATA


_TOWN_SUFFIX = "镇乡村屯寨"
_LEVEL_ORDER = {"province": 0, "prefecture": 1, "county": 2}


@lru_cache(maxsize=65536)
def _reading_order(p: Place) -> tuple:
    """Current names first, then by level (province, prefecture, county) and code."""
    return p.historic, _LEVEL_ORDER[p.level], p.code


def resolve(fragment: str) -> tuple[Place, ...]:
    """Places a fragment may name: "双牌" -> (双牌县 today, 双牌县 under 零陵地区),
    "衡阳地区", "思茅", "襄樊". Current names first, then by level."""
    s = normalize(fragment).replace(" ", "")
    if not s:
        return ()
    g = _data()
    hits = list(g.by_name.get(s, ()))
    if not hits:
        st = stem(s)
        if st != s and len(st) >= 2:
            hits = list(g.by_name.get(st, ()))
    hits.sort(key=_reading_order)
    return tuple(hits)


def _pick(cands: list[Place], provs: set[str], prefs: set[str]) -> list[Place]:
    """Keep the candidates consistent with what the address already named
    (none when nothing is: "成都市望江路" is a street, not 望江县), and prefer
    names in use to historic ones."""
    if prefs:
        c = [p for p in cands if p.prefecture in prefs or p.level == "province"]
        if not c and provs:
            c = [p for p in cands if p.province in provs]
        cands = c
    elif provs:
        cands = [p for p in cands if p.province in provs]
    live = [p for p in cands if not p.historic]
    if live:
        # keep a historic name only when it maps onto a live one's unit
        units = {(p.prefecture, p.county) for p in live}
        cands = live + [p for p in cands if p.historic and (p.prefecture, p.county) in units]
    return cands


def _names_at(g: "_Gazetteer", s: str, j: int):
    """(length, places) of every gazetteer name of two or more characters that
    begins at s[j], longest first."""
    if j >= len(s):
        return
    for L in g.lengths.get(s[j], ()):
        if L > 1 and j + L <= len(s):
            c = g.by_name.get(s[j:j + L])
            if c:
                yield L, c


def _starts_name(g: "_Gazetteer", s: str, j: int) -> bool:
    """A gazetteer name starts at s[j] ("云南|镇雄县": 镇 begins the next name)."""
    return next(_names_at(g, s, j), None) is not None


_UNIT = "省市县区旗盟州"
# after a county name, a town whose own name starts with 寨/集: "兰溪|寨南镇"
_TOWN_AFTER = re.compile(r"[^村镇乡]{1,3}(?:镇|乡|街道)")


def _full_name_at(g: "_Gazetteer", s: str, j: int, prefs: "set[str] | None" = None,
                  stems_of: "set[str] | None" = None) -> bool:
    """A whole county-level name, unit character included, starts at s[j]
    ("内江市|市中区"; not "市中心"); with prefs, a county of one of them; a bare
    stem counts too when it is a county of a prefecture in stems_of ("枣庄市|市中")."""
    for L, c in _names_at(g, s, j):
        if s[j + L - 1] in _UNIT:
            if prefs is None or any(p.level == "county" and p.prefecture in prefs for p in c):
                return True
        elif stems_of and any(p.level == "county" and p.prefecture in stems_of for p in c):
            return True
    return False


def _under(after: "list[Place] | None", cands: list[Place]) -> bool:
    """One of the candidates is a county of the prefecture / province just named,
    or a city of the province just named ("江西萍乡", "江西景德镇")."""
    if not after:
        return False
    prefs = {p.prefecture for p in after if p.level == "prefecture"}
    provs = {p.province for p in after if p.level == "province"}
    return any((p.level == "county" and (p.prefecture in prefs or p.province in provs))
               or (p.level == "prefecture" and p.province in provs) for p in cands)


def _context(g: "_Gazetteer", key: str) -> "tuple[frozenset[str], tuple[tuple[str, list[Place]], ...]]":
    """For a gazetteer key: the prefectures it names as a prefecture, and the county
    stems too common for the global index ("西山", "青山") that read as a county
    right after it: "昆明西山", "包头青山", "重庆江北" (a municipality). Memoised."""
    hit = g.context.get(key)
    if hit is None:
        cands = g.by_name.get(key, ())
        prefs = frozenset(p.prefecture for p in cands if p.level == "prefecture")
        keys = set(prefs) | {p.province for p in cands
                             if p.level == "province" and p.province in _MUNICIPALITIES}
        merged: dict[str, list[Place]] = {}
        for k in keys:
            for st, ps in g.local.get(k, {}).items():
                lst = merged.setdefault(st, [])
                lst.extend(p for p in ps if p not in lst)
        hit = g.context[key] = (prefs, tuple(sorted(merged.items(), key=lambda kv: -len(kv[0]))))
    return hit


def _county_here(s: str, j: int, after: "list[Place] | None", cands: list[Place]) -> bool:
    """A county written bare right after its prefecture or province keeps its
    reading where a town would otherwise be read: its name ends like a town
    ("邢台柏乡", "南阳市内乡北西乡"), or the town after it starts with 寨/集
    ("金华市兰溪寨南镇", "濮阳市濮阳寨林镇"). "柏乡镇" / "兰溪寨" stay a town / village."""
    if after is None:
        return False
    if j < len(s) and (s[j] in _TOWN_SUFFIX or s[j:j + 2] in ("街道", "社区")):
        if not (s[j] in "寨集" and _TOWN_AFTER.match(s, j + 1)):
            return False
    return _under(after, cands)


@lru_cache(maxsize=65536)
def places_in(address: str) -> ParsedAddress:
    """Parse a free-text address ("湖南省永州市双牌县东岭村") into the provinces,
    prefectures and counties it names (canonical codes) plus the leftover
    fragments (towns, villages). Longest names win; a county name that exists
    in several provinces is narrowed by the province/prefecture named before it."""
    s = normalize(address).replace(" ", "")
    g = _data()
    found: list[tuple[str, list[Place]]] = []
    rest: list[str] = []
    buf = ""
    i, n = 0, len(s)
    lengths, by_name, local_first, after_shi = g.lengths, g.by_name, g.local_first, g.after_shi
    prev = ""          # the gazetteer key just read (its noisy county stems may follow)
    while i < n:
        L = 0
        for ln in lengths.get(s[i], ()):
            if ln > 1 and i + ln <= n:
                key = s[i:i + ln]
                cands = by_name.get(key)
                if cands:
                    L = ln
                    break
        if not buf and prev and s[i] in local_first:
            for st, ps in _context(g, prev)[1]:
                if s.startswith(st, i):
                    if len(st) > L:
                        L, cands, key = len(st), ps, ""     # a local reading: no context of its own
                    break
        if not L:
            buf += s[i]
            i += 1
            continue
        j = i + L
        if L > 2 and s[j - 1] == "市" and j < n and s[j] in after_shi and key \
                and _full_name_at(g, s, j - 1, _context(g, key)[0]):
            # "乐山市中区", "青岛市南区": the city's 市 also begins its district's name
            j -= 1
        # "省"/"市"/"县" right after a stem belongs to the name (not the 市 that
        # begins the next name after a whole one: "内江市|市中区", "枣庄市|市中")
        elif j < n and s[j] in _UNIT and not (s[j - 1] in _UNIT and _full_name_at(
                g, s, j, stems_of=_context(g, key)[0] if key else None)):
            j += 1
        elif ((j < n and (s[j] in _TOWN_SUFFIX or s[j:j + 2] in ("街道", "社区")))
              or s[j - 1] in _TOWN_SUFFIX) and not _starts_name(g, s, j) \
                and s[j - 1] not in _UNIT \
                and not any(p.level == "province" for p in cands) \
                and not _county_here(s, j, found[-1][1] if found and not buf else None, cands):
            # 南平乡 / 长兴村 / 牛北镇: a town or village named like a county
            # (but in "静宁县寨东乡" the 寨 begins the town after a whole county name)
            k = j + 1 if j < n and s[j] in _TOWN_SUFFIX else j
            buf += s[i:k]
            i = k
            continue
        if buf:
            rest.append(buf)
            buf = ""
        found.append((s[i:j], list(cands)))
        prev = key
        i = j
    if buf:
        rest.append(buf)
    provs: set[str] = set()
    prefs: set[str] = set()
    counties: set[str] = set()
    places: list[Place] = []
    pure_counties: list[Place] = []      # from names that can only be a county
    picked: list[tuple[str, list[Place]]] = []
    for text, cands in found:
        chosen = _pick(cands, provs, prefs)
        if text[-1] not in "市县区旗盟州" and any(p.level == "province" for p in chosen):
            # a bare province stem ("海南", "吉林") means the province, not the
            # 海南区 / 吉林市 that share it: the weaker claim, and the usual one
            chosen = [p for p in chosen if p.level == "province"]
        if not chosen or len({p.province for p in chosen}) > 3:
            rest.append(text)
            continue        # a stem found all over the country says nothing
        picked.append((text, chosen))
        for p in chosen:
            provs.add(p.province)
            if p.prefecture:
                prefs.add(p.prefecture)
    for k, (text, chosen) in enumerate(picked):
        # "邵阳邵东市": 邵阳 is the city (or 邵阳县); another county of that city
        # written after it says it is the city
        city = {p.prefecture for p in chosen if p.level == "prefecture"}
        if city and any(p.level == "county" for p in chosen):
            later = {q.county for _t, ch in picked[k + 1:] for q in ch
                     if q.level == "county" and q.prefecture in city}
            own = {p.county for p in chosen if p.level == "county"}
            if later - own:
                chosen = [p for p in chosen if p.level != "county" or p.prefecture not in city]
        if all(p.level == "county" for p in chosen):
            pure_counties += chosen
        # provinces and prefectures are as read above: a county dropped here
        # lies in the city kept beside it
        for p in chosen:
            places.append(p)
            if p.county:
                counties.add(p.county)
    # a name that can only be a county narrows the province/prefecture another
    # name left ambiguous; one stem read either way ("中山": 中山市 or 大连市中山区)
    # keeps both readings
    if pure_counties:
        cprov = {p.province for p in pure_counties}
        cpref = {p.prefecture for p in pure_counties}
        provs &= cprov or provs
        prefs = {x for x in prefs if x in cpref} or prefs
    rest = [r for r in rest if len(r) >= 2]
    return ParsedAddress(frozenset(provs), frozenset(prefs), frozenset(counties),
                         tuple(places), tuple(rest))


def names_across(s: str, k: int) -> list[tuple[int, str]]:
    """(start, name) of the gazetteer names that begin before s[k] and run on
    into it: in "说四平话", 四平 runs across 平 (k=2)."""
    g = _data()
    return [(x, s[x:x + L]) for x in range(max(0, k - g.max_len + 1), k)
            for L, _c in _names_at(g, s, x) if x + L > k]


@lru_cache(maxsize=65536)
def by_code(code: str) -> tuple[Place, ...]:
    """Places a 6-digit code stood for (an ID number's first six digits),
    live name first. () for an unknown code."""
    code = (code or "").strip()[:6]
    if len(code) != 6 or not code.isdigit():
        return ()
    return tuple(sorted(_data().by_code.get(code, ()), key=lambda p: p.historic))


def province_name(code: str) -> str:
    return _data().names.get(code[:2], code)


def prefecture_name(code: str) -> str:
    """A prefecture's name; a municipality's districts (1101, 3101, 5002…) have
    no prefecture name of their own, so they read as the municipality."""
    names = _data().names
    return names.get(code[:4]) or names.get(code[:2] + "0000") or names.get(code[:2], code)


def county_name(code: str) -> str:
    return _data().names.get(code, code)


# Characters of place names that staff and families write in another, commoner
# character of the same shape (形近误写): 毫州 for 亳州, 彬州 for 郴州, 来阳 for 耒阳.
# Read only when the text names no place as written.
_MISWRITTEN = {"毫": "亳", "彬": "郴", "来": "耒", "仆": "濮", "螺": "漯", "浦": "莆", "连": "涟",
               "绍": "邵", "荣": "荥", "雎": "睢", "稿": "藁", "丕": "邳", "培": "涪", "乘": "嵊",
               "炎": "郯", "郎": "阆", "卑": "郫", "工": "邛", "琢": "涿", "运": "郓", "甄": "鄄",
               "黝": "黟", "翕": "歙", "瞿": "衢", "务": "婺", "拱": "珙", "健": "犍", "干": "邗",
               "季": "蓟", "经": "陉", "峦": "栾", "吕": "莒", "荏": "茌", "瞻": "儋", "勤": "鄞"}
_SOUND_SUFFIXES = ("sheng", "shi", "xian", "qu", "zhou", "city", "county", "province", "district")
_LATIN_WORDS = re.compile(r"[a-z]+")


def _sound_keys(name: str, limit: int = 4, readings: int = 2) -> list[str]:
    """Toneless pinyin of a hanzi name, syllables joined ("shuangpai"); one key per
    reading of its polyphonic characters (at most `limit`)."""
    from .pinyin import char_readings

    keys = [""]
    for ch in name:
        rs = char_readings(ch, readings)
        if not rs:
            return []
        keys = [k + r for k in keys for r in rs][:limit]
    return keys


_SOUND_INDEX: "dict[str, tuple[Place, ...]] | None" = None


def _sound_index() -> "dict[str, tuple[Place, ...]]":
    """Joined toneless pinyin of every province, prefecture and county stem of
    two or more characters -> the places of that sound."""
    global _SOUND_INDEX
    if _SOUND_INDEX is None:
        data = _data()            # before taking _LOCK: _data() takes it to load
        with _LOCK:
            if _SOUND_INDEX is None:
                out: dict[str, list[Place]] = defaultdict(list)
                for places in data.by_name.values():
                    for p in places:
                        st = stem(p.name)         # 双牌 of 双牌县, 永州 of 永州市
                        if len(st) < 2:
                            continue
                        for key in _sound_keys(st):
                            if p not in out[key]:
                                out[key].append(p)
                _SOUND_INDEX = {k: tuple(v) for k, v in out.items()}
    return _SOUND_INDEX


def places_by_sound(text: str) -> tuple[Place, ...]:
    """Places a hint names as heard or as miswritten, when it names none as
    written: "双排" / "绍阳" (same sound as 双牌 / 邵阳), "毫州" (亳州, a character of
    the same shape), "shuangpai", "Yongzhou, Hunan". Several readings may come
    back ("laiyang": 莱阳 and 耒阳); a province named beside a city narrows it."""
    s = normalize(text).replace(" ", "") if not text.isascii() else normalize(text).lower()
    if not s:
        return ()
    if not s.isascii():
        if len(s) < 2 or len(s) > 6 or not all(_is_hanzi(ch) for ch in s):
            return ()
        fixed = "".join(_MISWRITTEN.get(ch, ch) for ch in s)
        if fixed != s:
            hits = resolve(fixed)
            if hits:
                return hits
        st = stem(s)
        if len(st) < 2:
            st = s
        idx = _sound_index()
        found: list[Place] = []
        # the writer chose each character for its common reading
        for key in dict.fromkeys(_sound_keys(st, readings=1) + _sound_keys(s, readings=1)):
            found += [p for p in idx.get(key, ()) if p not in found]
        return tuple(sorted(found, key=_reading_order))
    words = [w for w in _LATIN_WORDS.findall(s) if w not in _SOUND_SUFFIXES] or _LATIN_WORDS.findall(s)
    idx = _sound_index()
    # "mian yang" is one name in two words, "Yongzhou, Hunan" two names: the
    # longest run of words that is a name wins, from left to right
    per_name: list[tuple[Place, ...]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 4), i, -1):
            hits = idx.get("".join(words[i:j]), ())
            if hits:
                per_name.append(hits)
                i = j
                break
        else:
            i += 1
    if not per_name:
        return ()
    provinces = {p.province for hits in per_name for p in hits if p.level == "province"}
    out: list[Place] = []
    for hits in per_name:
        if provinces and len(per_name) > 1:
            narrowed = [p for p in hits if p.level != "province" and p.province in provinces]
            if narrowed:
                hits = tuple(narrowed)
        out += [p for p in hits if p not in out]
    return tuple(sorted(out, key=_reading_order))
