"""Blocking keys for the candidate index.

Name keys come from the same dialect-folded strings NameComparison compares,
so any pair it rates `surname_nickname` or better shares at least one key
(tests/test_matchers_names.py checks this on generated variants):

  F:<full name, sound classes>  exact, homophone, dialect/sound variants
  G:<given name, sound classes> given name only; same given name, other surname
  S:<surname>|<syllable class>  surname + one given char (刘建华 ~ 刘建国)
  C:<folded syllable>           one given char: 阿伟 / 小伟 / 伟仔, a heard given name
  N:<folded surname>            老刘 / 刘老三 / 姓刘
  R:<toneless nickname>         rank nicknames listed on both sides (二娃)

An intake only emits the kinds its name form can match (a full name: F G S;
a nickname: C or N), so the large C/N blocks are pulled only by the intakes
that need them. A report emits F G S C N for its legal name (about seven keys)
plus its other names.

Region keys, for intakes without a usable name:
  P:<2-digit province>  D:<4-digit prefecture>  X:<6-digit county>  V:<town/village stem; compound/street name>
"""
from __future__ import annotations

from functools import lru_cache
from itertools import product
from typing import Iterable, Iterator

from . import uyghur
from .compare_dialect import prepare_report_region
from .compare_name import prepare_intake_name, prepare_report_name, tibetan_elements
from .compare_place import local_fragments, prepare_hints, urban_fragments
from .dialects import parse_dialect
from .gazetteer import places_in
from .idcard import remembered_id
from .names import _CAP, FULL, GIVEN, NICK_GENERIC, NICK_GIVEN, NICK_SURNAME, NameForm
from .phonetic import ALL, phonetic_key
from .pinyin import char_readings
from .records import IntakeRecord, ReportRecord
from .text import normalize

KEYS_VERSION = "32"   # 32: 河西, 大碴子味, 东乡话, 撒拉语, 蒙古话 and 口因 (a typo of 口音) are read; 31: stations, schools, land (火车站, 小学, 草原) and descriptions (靠近黄河, 种玉米) are no village; 30: pinyin typed with a letter doubled or two swapped (Wnag, Zhuu) is read; 29: 大刘 is a surname address, 英子 a given char's nickname, 二小 / 大妮 / 栓柱 small names, 赖 a surname; 28: a dialect word written by its sound (说白化, 客加话) is read; 27: another name written with its word (又名小国, 曾用名刘建华, 乳名阿永, 家里人叫他毛毛) is the name after the word; 26: an accent named as part of a province (川南话, 黔东话, 洞庭湖口音) reads its province, a city named by an unread label brings its dialect group; 25: phone keys are the last five digits; 24: accents named by a city read by name or sound (新乡口音, 四穿话) and minority words (壮话, 藏族), "江西萍乡" is the city; 23: contact phones key T: (compare_phone.phone_keys); 22: a city's speech (温州话, 长沙话) keys its prefecture; 21: compound and street names (幸福小区, 光明路) key V: for rarity, ambiguous hints narrowed by the others, a name with a character not caught (唐?小) keys its surname; 20: Uyghur elements by sound; 19: Uyghur names key their canonical elements; 18: rank small names (二毛, 大狗); 17: Tibetan names key their elements; 16: forms of address (老太太) are no name; 15: epithets (胖子, 虎子) key as small names; 14: 刘老三 also keys its rank name 老三; 13: group-only accent labels, places read by sound

__all__ = ["KEYS_VERSION", "intake_name_keys", "report_name_keys", "intake_region_keys",
           "intake_region_key_groups", "report_region_keys", "form_keys"]


def _cls(syl: str) -> str:
    return phonetic_key(syl, ALL)


def _seqs(f: NameForm) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(full-name syllable sequences, given-name sequences), capped."""
    givens = list(product(*f.given))[:_CAP] if f.given else [()]
    full = [s + g for s in (f.surname or ((),)) for g in givens if s + g][:_CAP]
    return full, [g for g in givens if g]


@lru_cache(maxsize=65536)
def form_keys(f: NameForm, side: str) -> frozenset[str]:
    """Keys of one name form; side is "intake" or "report".

    Multi-syllable keys (F, G, S) use the one-per-class `phonetic_key`, so a
    name has one F key whatever its bridges (黄 huang ~ fang ~ wang); the
    single-syllable keys (C, N) use the finer `phonetic_keys` sets, whose
    blocks stay smaller (C:li would otherwise hold li, lu, lü, ni, yi, yu …).
    """
    out: set[str] = set()
    k = f.kind
    full, givens = _seqs(f)
    sur_cls = {" ".join(_cls(x) for x in s) for s in f.surname}
    giv_cls = {_cls(r) for rs in f.given for r in rs}
    if k == FULL:
        out.update("F:" + " ".join(_cls(x) for x in seq) for seq in full)
        out.update("G:" + " ".join(_cls(x) for x in g) for g in givens)
        out.update(f"S:{s}|{g}" for s in sur_cls for g in giv_cls)
        if side == "report":
            out.update("C:" + g for g in f.given_syl_folded)
            out.update("N:" + s for s in f.surname_folded)
    elif k == GIVEN:
        out.update("G:" + " ".join(_cls(x) for x in g) for g in givens)
        out.update("C:" + g for g in f.given_syl_folded)
    elif k == NICK_GIVEN:
        out.update("C:" + g for g in f.given_syl_folded)
    elif k == NICK_SURNAME:
        out.update("N:" + s for s in f.surname_folded)
    elif k == NICK_GENERIC:
        out.update("R:" + x for x in f.toneless)
    return frozenset(out)


@lru_cache(maxsize=65536)
def _tibetan_keys(els: tuple[str, ...]) -> frozenset[str]:
    """A Tibetan name keys its elements in their canonical spelling: the whole
    name as F:, each element as G: (tibetan.py), so 札西才让 finds 扎西次仁 and
    格桑 finds 格桑次仁."""
    def sounds(h: str) -> str:
        return " ".join(_cls(char_readings(c)[0]) for c in h if char_readings(c))

    return frozenset({"F:" + sounds("".join(els))} | {"G:" + sounds(e) for e in els})


def _sounds(elements: Iterable[str]) -> str:
    """Uyghur elements (their toneless syllables, uyghur.py) as a key's sound classes."""
    return " ".join(_cls(syl) for e in elements for syl in e.split())


@lru_cache(maxsize=65536)
def _uyghur_keys(name: uyghur.Name, side: str) -> frozenset[str]:
    """A Uyghur name keys its canonical elements (uyghur.py): the whole name as
    F:, the person's own name as G: (a report's first part, or all but the last
    element written without a separator; an intake's name heard alone), so
    麦麦提-艾力 finds 买买提·艾力 and 买买提 finds it too."""
    whole = uyghur.flat(name)
    out = {"F:" + _sounds(whole)}
    if side == "intake" or len(whole) == 1:
        out.add("G:" + _sounds(whole))
    elif len(name) >= 2:
        out.add("G:" + _sounds(name[0]))
    else:
        out.add("G:" + _sounds(whole[:-1]))
    return frozenset(out)


def _forms_keys(forms: Iterable[NameForm], side: str) -> set[str]:
    out: set[str] = set()
    for f in forms:
        out |= form_keys(f, side)
        els = tibetan_elements(f)
        if els:
            out |= _tibetan_keys(els)
    return out


def intake_name_keys(intake: IntakeRecord | object) -> set[str]:
    """Name keys of an intake (an IntakeRecord, or NameComparison's prepared
    features for it)."""
    if isinstance(intake, IntakeRecord):
        prepared = prepare_intake_name(intake.name, intake.dialect)
    else:
        prepared = intake
    if prepared is None:
        return set()
    keys = _forms_keys(prepared.forms, "intake")
    if prepared.uyghur:
        keys |= _uyghur_keys(prepared.uyghur, "intake")
    return keys


def report_name_keys(report: ReportRecord | object) -> set[str]:
    """Name keys of a report (a ReportRecord, or its prepared name features)."""
    if isinstance(report, ReportRecord):
        alts = report.alt_names if isinstance(report.alt_names, (list, tuple)) else ()
        prepared = prepare_report_name(report.name, tuple(alts))
    else:
        prepared = report
    if prepared is None:
        return set()
    keys = _forms_keys(prepared.forms, "report")
    for name, _text in prepared.uyghur:
        keys |= _uyghur_keys(name, "report")
    # an other name may be what an intake heard as a nickname ("王五（外号）")
    keys |= {"R:" + f.toneless[0] for f in prepared.forms[prepared.n_legal:]
             if f.kind == FULL and f.hanzi and f.toneless}
    return keys


def _region(provs: Iterable[str], prefs: Iterable[str], counties: Iterable[str]) -> set[str]:
    out = {"P:" + p for p in provs}
    out |= {"D:" + p for p in prefs}
    out |= {"X:" + c for c in counties}
    return out


def _region_clues(intake: IntakeRecord
                  ) -> Iterator[tuple[frozenset[str], frozenset[str], frozenset[str], tuple[str, ...]]]:
    """(provinces, prefectures, counties, local fragments) of each clue: the
    accent, then each place hint and a remembered ID number. A clue naming
    places in many provinces keeps only its fragments (places_in drops such
    stems too), so the keys and their rarity groups are read the same way."""
    none: frozenset[str] = frozenset()
    d = parse_dialect(intake.dialect if isinstance(intake.dialect, str) else "")
    if d.recognized and len(d.provinces) <= 4:
        yield d.provinces, d.prefectures, none, ()
    hints = prepare_hints(intake.place_hints, remembered_id(intake))
    if hints is not None:
        for h in hints.hints:
            if len(h.provinces) <= 3:
                yield h.provinces, h.prefectures, h.counties, h.fragments
            else:
                yield none, none, none, h.fragments


def intake_region_keys(intake: IntakeRecord) -> set[str]:
    """Province / prefecture / county / village keys from the accent, the
    place hints and a remembered ID number."""
    out: set[str] = set()
    for provs, prefs, counties, fragments in _region_clues(intake):
        out |= _region(provs, prefs, counties)
        out.update("V:" + f for f in fragments if len(f) >= 2)
    return out


def intake_region_key_groups(intake: IntakeRecord) -> list[tuple[str, ...]]:
    """County and prefecture keys grouped by the hint (or accent) that named
    them. A hint read several ways ("朝阳": 北京 / 长春 / 辽宁朝阳) agrees with a
    random report as often as all its readings together, so the rarity of an
    agreement through it is that of the whole group, not of the one reading
    the report happens to be in."""
    groups: list[tuple[str, ...]] = []
    for _provs, prefs, counties, _fragments in _region_clues(intake):
        if prefs:
            groups.append(tuple(sorted("D:" + p for p in prefs)))
        if counties:
            groups.append(tuple(sorted("X:" + c for c in counties)))
    return groups


def found_place_keys(intake: IntakeRecord) -> set[str]:
    """The prefecture the person was found in, against report hometowns ("H:"):
    many are found near home, and a nickname or no name gives the index little
    else to find the report by. Only for finding candidates: a pair's weights
    come from the found-place comparison, not from sharing this key."""
    fp = normalize(intake.found_place if isinstance(intake.found_place, str) else "").replace(" ", "")
    if not fp:
        return set()
    return {"H:" + p for p in places_in(fp).prefectures}


def report_region_keys(report: ReportRecord) -> set[str]:
    """Province / prefecture / county / village keys of the hometown, plus the
    province and prefecture of the missing place and the report's accent."""
    out: set[str] = set()
    ht = normalize(report.hometown if isinstance(report.hometown, str) else "").replace(" ", "")
    if ht:
        pa = places_in(ht)
        out |= _region(pa.provinces, pa.prefectures, pa.counties)
        out.update("V:" + f for f in local_fragments(ht) + urban_fragments(ht))
        out.update("H:" + p for p in pa.prefectures)      # the hometown's alone: see found_place_keys
    mp = normalize(report.missing_place if isinstance(report.missing_place, str) else "").replace(" ", "")
    if mp:
        pm = places_in(mp)
        out |= _region(pm.provinces, pm.prefectures, pm.counties)
        out.update("V:" + f for f in local_fragments(mp) + urban_fragments(mp))
    if isinstance(report.dialect, str) and report.dialect.strip():
        rr = prepare_report_region("", report.dialect)
        if rr is not None and len(rr.provinces) <= 4:
            out |= {"P:" + p for p in rr.provinces}
    return out
