"""Name: the intake's name as heard vs the report's name and other names.

Levels, weakest to strongest evidence (the model estimates each weight):

- null               no name on one side, or only a rank nickname (二娃) the
                     report does not list: nothing to compare
- mismatch           a full name was heard and nothing explains the difference
- weak_mismatch      only a short form was heard (given name, nickname, one
                     char) and it does not fit: weak evidence against
- given_name_partial surname and one given char agree (刘建华~刘建国), or the
                     given name agrees under another surname, or one char of a
                     heard given name: as often two people, so below
                     surname_nickname, which wins when a name reads both ways
                     (小周 ~ 周晓华: 周's surname, not 晓's sound)
- surname_nickname   老刘 / 小刘 / 大刘 / 刘老三 / 姓刘: the surname sounds the same
- given_name_sound   only the given name was heard and it agrees only once
                     sounds are folded that the intake's accent does not
                     explain (yang xiang ~ 元祥 with no accent known)
- given_name_surname_shape  a two-char name whose first char is a common
                     surname (于爱) agrees as somebody's given name: the
                     surname + given reading is the likelier one
- nickname_sound     a nickname fits a given char only once sounds are folded
                     that the intake's accent does not explain (大琴 ~ 蓉青)
- nickname_dialect   a nickname fits a given char only under the intake's
                     accent (阿灵 ~ 建宁 for an n/l speaker)
- nickname_first_char 阿建 / 小建 fits the first char of a two-char given name
                     (建伟) and not the last, which nicknames are usually made of
- nickname           阿伟 / 小伟 / 伟仔 / 伟伟 fits the last given char, or the
                     same nickname is listed on the report
- given_name_single  a one-char given name heard alone (强, 明) equals the
                     report's one-char given name: common syllables, so it
                     weighs far less than a two-char given name
- given_name_dialect only the given name was heard and it agrees under
                     confusions of the intake's accent (东江 ~ 东建, -n/-ng):
                     folded sounds collide more often than same sounds
- given_name         only the given name was heard and it sounds the same
- sound_variant      full name equal once sound confusions are allowed that
                     the intake's accent does not explain (or no accent known)
- dialect_variant    full name equal under confusions typical of the intake's
                     accent: 牛建国 ~ 刘建国 for a 湘语 speaker (n/l)
- homophone          same toneless pinyin, other hanzi (刘建帼 ~ 刘建国)
- exact              same hanzi, or same pinyin when the intake is in pinyin
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import ClassVar

from . import tibetan, uyghur
from .base import LevelResult
from .dialects import DialectInfo, parse_dialect
from .names import (FULL, GIVEN, NICK_GENERIC, NICK_GIVEN, NICK_SURNAME, NameForm, parse_heard, parse_legal,
                    station_shaped, strip_noise, with_surname)
from .phonetic import ALL, explain, rule_label
from .pinyin import looks_like_surname
from .records import IntakeRecord, ReportRecord
from .text import normalize

LEVELS: tuple[str, ...] = (
    "null", "mismatch", "weak_mismatch", "given_name_partial", "surname_nickname",
    "given_name_sound", "given_name_surname_shape", "nickname_sound", "nickname_dialect", "nickname_first_char", "nickname",
    "given_name_single", "given_name_dialect", "given_name", "given_name_exact", "sound_variant", "dialect_variant", "homophone", "exact",
)
L = {name: i for i, name in enumerate(LEVELS)}
# every level from here up is guaranteed a shared blocking key (keys.py)
KEYED_MIN_LEVEL = L["given_name_partial"]


@dataclass(frozen=True, slots=True)
class IntakeName:
    forms: tuple[NameForm, ...]
    dialect: DialectInfo
    raw: str
    strong: bool          # a full name with a recognisable surname was heard
    station: bool = False  # shaped like a name a station gives (党凯新): a disagreement says nothing
    uyghur: uyghur.Name = ()   # read as a transliterated Uyghur name (uyghur.py), else ()


@dataclass(frozen=True, slots=True)
class ReportName:
    forms: tuple[NameForm, ...]     # legal name first, then alt names
    n_legal: int                    # how many of `forms` come from the legal name
    display: str
    # the names (legal first) read as transliterated Uyghur names, with their text
    uyghur: tuple[tuple[uyghur.Name, str], ...] = ()


def _uyghur_parts(name: object) -> uyghur.Name:
    return uyghur.parts(strip_noise(normalize(name))) if isinstance(name, str) else ()


def prepare_intake_name(name: str, dialect: str = "") -> IntakeName | None:
    forms = parse_heard(name if isinstance(name, str) else "")
    uy = _uyghur_parts(name)
    if not forms and not uy:
        return None
    strong = any(f.kind == FULL and (len(f.toneless[0].split()) >= 3 if f.pinyin_input
                                     else looks_like_surname(f.surname_hanzi))
                 for f in forms if f.toneless) or len(uyghur.flat(uy)) >= 2
    return IntakeName(forms, parse_dialect(dialect if isinstance(dialect, str) else ""), name, strong,
                      station_shaped(name), uy)


def prepare_report_name(name: str, alt_names: list[str] | tuple[str, ...] = ()) -> ReportName | None:
    legal = parse_legal(name if isinstance(name, str) else "")
    alts: list[NameForm] = []
    for a in alt_names or ():
        if isinstance(a, str) and a.strip():
            alts.extend(parse_heard(a))
    if legal and legal[0].surname_folded:
        # the family's 老三 / 二娃 goes with the legal surname
        alts = [with_surname(a, legal[0]) if a.kind == NICK_GENERIC and not a.surname_folded else a
                for a in alts]
    forms = legal + tuple(alts)
    uy = tuple((p, t) for t in (name, *(alt_names or ())) if (p := _uyghur_parts(t)))
    if not forms and not uy:
        return None
    display = legal[0].text if legal else forms[0].text if forms else str(name)
    return ReportName(forms, len(legal), display, uy)


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    for x in a:
        if x in b:
            return True
    return False


@dataclass(slots=True)
class _Hit:
    level: int
    text: str
    detail: dict


def _sound_explanation(i: NameForm, r: NameForm, dialect: DialectInfo) -> tuple[bool, str, list[str]] | None:
    """Align the two full names syllable by syllable and name the rules that
    turn one into the other. Returns (dialect_consistent, text, rules)."""
    best = None
    i_seqs = [s + g for s in (i.surname or ((),)) for g in product(*i.given)] if i.given else [s for s in i.surname]
    r_seqs = [s + g for s in (r.surname or ((),)) for g in product(*r.given)] if r.given else [s for s in r.surname]
    for a in i_seqs[:12]:
        for b in r_seqs[:12]:
            if len(a) != len(b):
                continue
            parts, rules, ok = [], [], True
            for x, y in zip(a, b):
                if x == y:
                    continue
                why = explain(x, y, ALL)
                if why is None:
                    ok = False
                    break
                # prefer rules the intake's accent explains
                if dialect.confusions and not set(why) <= dialect.confusions:
                    alt = explain(x, y, dialect.confusions)
                    if alt is not None:
                        why = alt
                parts.append((x, y, why))
                rules.extend(why)
            if not ok or not parts:
                continue
            consistent = bool(dialect.confusions) and set(rules) <= dialect.confusions
            score = (consistent, -len(rules))
            if best is None or score > best[0]:
                best = (score, consistent, parts, rules)
    if best is None:
        return None
    _, consistent, parts, rules = best
    return consistent, _sound_notes(parts, dialect if consistent else None), sorted(set(rules))


def _sound_notes(parts, dialect: DialectInfo | None) -> str:
    """"niu≈liu (n/l, 湘语常见)" per differing syllable; the accent's groups are
    named only when the accent explains the confusion (`dialect` given)."""
    where = "、".join(sorted(dialect.groups)) if dialect is not None and dialect.groups else ""
    return "，".join(f"{x}≈{y} ({'+'.join(rule_label(w) for w in why)}{', ' + where + '常见' if where else ''})"
                    for x, y, why in parts)


def _given_sound_explained(i: NameForm, r: NameForm, dialect: DialectInfo) -> str | None:
    """How the intake's accent turns the heard given name into the report's
    ("jiang≈jian (-n/-ng, 粤语常见)"), or None when it does not explain every
    differing syllable."""
    if not dialect.confusions:
        return None
    for a in product(*i.given):
        for b in product(*r.given):
            if len(a) != len(b):
                continue
            whys = [(x, y, explain(x, y, dialect.confusions)) for x, y in zip(a, b)]
            if all(w is not None for _x, _y, w in whys):
                return _sound_notes([(x, y, w) for x, y, w in whys if x != y], dialect)
    return None


def _syllable_agrees(i: NameForm, r: NameForm, dialect: DialectInfo) -> str | None:
    """A nickname's char sounds like the report's last given char as heard
    ("same"), or only like an earlier one ("first": 阿建 for 建伟), or only
    under the intake's accent ("accent"), or neither (None: it takes a folding
    rule the accent does not explain)."""
    mine = {x for rs in i.given for x in rs}
    theirs = {y for rs in r.given for y in rs}
    if mine & theirs:
        return "first" if len(r.given) >= 2 and mine.isdisjoint(r.given[-1]) else "same"
    if dialect.confusions and any(explain(x, y, dialect.confusions) is not None
                                  for x in mine for y in theirs):
        return "accent"
    return None


def _surname_shaped(i: NameForm) -> bool:
    """A two-char given-name reading whose first char reads as a common surname."""
    if len(i.given) != 2 or i.pinyin_input:
        return False      # in pinyin nearly every syllable is somebody's surname
    return looks_like_surname(i.given_hanzi[:1])


def _given_hit(i: NameForm, r: NameForm, rname: str, dialect: DialectInfo, shown: str) -> _Hit | None:
    """A given name heard alone against the report's given name."""
    same_sound = _shared(i.given_toneless, r.given_toneless)
    if not same_sound and not _shared(i.given_folded, r.given_folded):
        return None
    accent = None if same_sound else _given_sound_explained(i, r, dialect)
    if not same_sound and not accent:
        return _Hit(L["given_name_sound"], f"名 {shown} ≈ {rname} (音近)", {})
    if i.kind == GIVEN and _surname_shaped(i):
        return _Hit(L["given_name_surname_shape"], f"名 {shown} = {rname}", {})
    if not same_sound:
        return _Hit(L["given_name_dialect"], f"名 {shown} ≈ {rname}: {accent}", {})
    if len(i.given) == 1:
        return _Hit(L["given_name_single"], f"单名 {shown} = {rname}", {})
    if i.given_hanzi and i.given_hanzi == r.given_hanzi:
        # the same characters, not just the same sound: many characters share a sound
        return _Hit(L["given_name_exact"], f"名 {shown} = {rname} (同字)", {})
    return _Hit(L["given_name"], f"名 {shown} = {rname} (同音)", {})


def _reduplicated(a: NameForm, b: NameForm) -> bool:
    """a's given name is b's one-char given name said twice (刘伟伟 / 刘伟, "Liu
    Weiwei"), the surname sounding the same: a pet form families and staff
    write for the legal name, as 伟伟 is for 伟."""
    if len(a.given) != 2 or len(b.given) != 1 or not _shared(a.surname_folded, b.surname_folded):
        return False
    first, second = set(a.given[0]), set(a.given[1])
    if a.given_hanzi and len(a.given_hanzi) == 2 and a.given_hanzi[0] != a.given_hanzi[1]:
        return False
    return bool(first & second & set(b.given[0]))


def _pair(i: NameForm, r: NameForm, r_legal: bool, dialect: DialectInfo) -> _Hit | None:
    """The best level one intake form reaches against one report form."""
    rname = r.text if r_legal else f"别名{r.text}"
    ik, rk = i.kind, r.kind
    if ik == FULL and rk == FULL:
        if i.hanzi and i.hanzi == r.hanzi:
            if not r_legal and (i.nick_shape or r.nick_shape):   # the same nickname on both sides
                return _Hit(L["nickname"], f"小名 {i.text} = {rname}", {})
            return _Hit(L["exact"], f"{i.text} = {rname}", {})
        if _shared(i.toneless, r.toneless):
            if i.pinyin_input or r.pinyin_input:
                return _Hit(L["exact"], f"{i.text} = {rname} (拼音)", {})
            return _Hit(L["homophone"], f"{i.text} ≈ {rname} (同音)", {})
        if _shared(i.folded, r.folded):
            ex = _sound_explanation(i, r, dialect)
            if ex is not None:
                consistent, text, rules = ex
                lvl = L["dialect_variant"] if consistent else L["sound_variant"]
                return _Hit(lvl, f"{i.text} ≈ {rname}: {text}", {"rules": rules})
        if _reduplicated(i, r) or _reduplicated(r, i):
            return _Hit(L["nickname"], f"叠字名 {i.text} ~ {rname}", {})
        if _shared(i.given_folded, r.given_folded) and i.given_folded:
            return _Hit(L["given_name_partial"], f"名相同 {i.text} ~ {rname}", {})
        if _shared(i.surname_folded, r.surname_folded) and _shared(i.given_syl_folded, r.given_syl_folded):
            return _Hit(L["given_name_partial"], f"姓和一字相同 {i.text} ~ {rname}", {})
        return None
    if ik == GIVEN or (ik == FULL and rk == GIVEN):
        if not r.given_folded or not i.given_folded:
            return None
        hit = _given_hit(i, r, rname, dialect, i.given_hanzi or i.text)
        if hit is not None:
            return hit
        # one char of a two-char given name; one of three says little (a
        # three-char name without a surname is rarely a given name at all)
        if ik == GIVEN and len(i.given) <= 2 and _shared(i.given_syl_folded, r.given_syl_folded):
            return _Hit(L["given_name_partial"], f"名中一字相同 {i.text} ~ {rname}", {})
        return None
    if ik == NICK_GIVEN:
        bare = i.text == i.given_hanzi or (i.pinyin_input and " " not in i.text)
        if bare and rk in (FULL, GIVEN):
            hit = _given_hit(i, r, rname, dialect, i.text)     # a bare one-char given name
            if hit is not None:
                return hit
        if rk in (FULL, GIVEN, NICK_GIVEN) and _shared(i.given_syl_folded, r.given_syl_folded):
            if rk == NICK_GIVEN and i.text == r.text:
                return _Hit(L["nickname"], f"小名 {i.text} = {rname}", {})
            agrees = _syllable_agrees(i, r, dialect)
            if agrees is None:
                return _Hit(L["nickname_sound"], f"小名 {i.text} ≈ {rname} (音近)", {})
            if agrees == "accent":
                return _Hit(L["nickname_dialect"], f"小名 {i.text} ≈ {rname} (口音)", {})
            if agrees == "first":
                return _Hit(L["nickname_first_char"], f"小名 {i.text} ~ {rname} (名的首字)", {})
            return _Hit(L["nickname"], f"小名 {i.text} ~ {rname}", {})
        return None
    if ik == NICK_SURNAME:
        if rk in (FULL, NICK_SURNAME) and _shared(i.surname_folded, r.surname_folded):
            return _Hit(L["surname_nickname"], f"{i.text} ~ 姓{r.surname_hanzi or r.text}", {})
        return None
    if ik == NICK_GENERIC:
        if rk == NICK_GENERIC and i.surname_folded and r.surname_folded \
                and not _shared(i.surname_folded, r.surname_folded):
            return None                       # 刘老三 is not 王家的老三
        if (rk == NICK_GENERIC and _shared(i.toneless, r.toneless)) or (
                not r_legal and rk == FULL and r.hanzi == i.text):     # 王五（外号） and 王五 listed
            return _Hit(L["nickname"], f"小名 {i.text} = {rname}", {})
        return None
    return None


def tibetan_elements(f: NameForm) -> tuple[str, ...]:
    """The canonical elements of a full or given name form written as a Tibetan name, else ()."""
    return tibetan.elements(f.hanzi) if f.kind in (FULL, GIVEN) and f.hanzi else ()


def _tibetan(a: IntakeName, b: ReportName) -> _Hit | None:
    """A Tibetan name spelt otherwise (札西才让 ~ 扎西次仁), or given in part (格桑 of 格桑次仁)."""
    best: _Hit | None = None
    for i in a.forms:
        ie = tibetan_elements(i)
        if not ie:
            continue
        for r in b.forms:
            rel = tibetan.relation(ie, tibetan_elements(r))
            if rel == "same" and (best is None or best.level < L["homophone"]):
                best = _Hit(L["homophone"], f"{i.hanzi} ≈ {r.hanzi} (藏族名，音译写法不同)", {})
            elif rel == "part" and best is None:
                best = _Hit(L["given_name"], f"{i.hanzi} ~ {r.hanzi} (藏族名，只说了其中一段)", {})
    return best


def _uyghur(a: IntakeName, b: ReportName) -> _Hit | None:
    """Two transliterated Uyghur names read as such (uyghur.relation): one name
    spelt or separated otherwise, the own name heard alone, the own name with
    another father's (partial); only the father's part or nothing in place
    agreeing is a mismatch."""
    best: _Hit | None = None
    other: tuple[str, str] | None = None
    for written, text in b.uyghur:
        rel = uyghur.relation(a.uyghur, written)
        if rel == "same":
            same_hanzi = normalize(a.raw).replace(" ", "") == normalize(text).replace(" ", "")
            lvl = L["exact"] if same_hanzi else L["homophone"]
            hit = _Hit(lvl, f"{a.raw} = {text}" if same_hanzi else f"{a.raw} ≈ {text} (维吾尔族名，音译写法不同)", {})
        elif rel == "given":
            hit = _Hit(L["given_name"], f"名 {a.raw} = {text} 的本人名", {})
        elif rel == "own":
            hit = _Hit(L["given_name_partial"], f"本人名相同，父名不同 {a.raw} ~ {text}", {})
        else:
            if rel in ("father", "other") and other is None:
                other = (rel, text)
            continue
        if best is None or hit.level > best.level:
            best = hit
    if best is None and other is not None:
        why = "只有父名相同" if other[0] == "father" else "维吾尔族名不同"
        return _Hit(L["mismatch"], f"{a.raw} ≠ {other[1]} ({why})", {})
    return best


def _other_surname(i: NameForm, r: NameForm, legal_surname: tuple[str, ...]) -> bool:
    """A full name heard against another name that is only a given name (or a
    nickname), while the report's legal surname sounds unlike the heard one."""
    return (i.kind == FULL and r.kind in (GIVEN, NICK_GIVEN) and bool(i.surname_folded)
            and bool(legal_surname) and not _shared(i.surname_folded, legal_surname))


def compare_names(a: IntakeName | None, b: ReportName | None) -> tuple[int, str, dict]:
    """(level, explanation, detail) for prepared names; used by NameComparison."""
    if a is None:
        return 0, "受助人无姓名", {}
    if b is None:
        return 0, "寻人启事无姓名", {}
    best: _Hit | None = None
    legal_surname = b.forms[0].surname_folded if b.n_legal and b.forms[0].kind == FULL else ()
    for i in a.forms:
        for idx, r in enumerate(b.forms):
            h = _pair(i, r, idx < b.n_legal, a.dialect)
            if h is not None and idx >= b.n_legal and _other_surname(i, r, legal_surname) \
                    and h.level > L["given_name_partial"]:
                # 李小东 heard, 小东 listed for 张卫东: the given name agrees under another surname
                h = _Hit(L["given_name_partial"], f"{h.text}，但姓不同（{b.display}）", h.detail)
            if h is not None and (best is None or h.level > best.level):
                best = h
                if best.level == L["exact"]:
                    break
        if best is not None and best.level == L["exact"]:
            break
    if best is None or best.level < L["homophone"]:
        tib = _tibetan(a, b)
        if tib is not None and (best is None or tib.level > best.level):
            best = tib
    # two Uyghur names: read as such, not as Han names (a Han reading finds
    # "艾力 = 艾力" in two men who share only their fathers' name)
    uy = _uyghur(a, b) if a.uyghur and b.uyghur else None
    if uy is not None:
        best = uy
    if best is not None:
        d = dict(best.detail)
        if a.dialect.note and not a.dialect.recognized and a.dialect.label:
            d["dialect_note"] = a.dialect.note
        return best.level, best.text, d
    kinds = {f.kind for f in a.forms}
    if not a.forms:
        shown = a.raw
    elif kinds <= {NICK_GENERIC}:
        return 0, f"小名 {a.forms[0].text} 无法比对", {}
    else:
        shown = a.forms[0].text
    if a.station:
        return 0, f"{shown} 似为救助站所起的名字，不作比对", {}
    if a.strong:
        return L["mismatch"], f"{shown} ≠ {b.display}", {}
    return L["weak_mismatch"], f"{shown} 与 {b.display} 不符", {}


class NameComparison:
    name: ClassVar[str] = "name"
    title: ClassVar[str] = "姓名"
    levels: ClassVar[tuple[str, ...]] = LEVELS

    def prepare_intake(self, intake: IntakeRecord) -> IntakeName | None:
        return prepare_intake_name(intake.name, intake.dialect)

    def prepare_report(self, report: ReportRecord) -> ReportName | None:
        alts = report.alt_names if isinstance(report.alt_names, (list, tuple)) else ()
        return prepare_report_name(report.name, tuple(alts))

    def level_adjustments(self, intake_features: IntakeName | None, population, spec) -> "np.ndarray | None":
        """Per level, log2 P(the reading that level rests on | the text heard)
        (name_readings): 小芳 read as the full name 肖芳 is unlikely."""
        from .name_readings import level_adjustments   # keys.py imports this module

        if intake_features is None:
            return None
        return level_adjustments(LEVELS, intake_features.forms, population, spec)

    def compare(self, intake_features: IntakeName | None, report_features: ReportName | None) -> LevelResult:
        level, text, detail = compare_names(intake_features, report_features)
        return LevelResult(self.name, level, LEVELS[level], text, detail)
