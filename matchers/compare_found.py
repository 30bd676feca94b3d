"""Found place vs the report's missing place and hometown.

Many people are found not far from where they went missing or from home
(an elderly person wandering off, a man who never left his prefecture);
others travel across the country. Being found in the same county, prefecture
or province is therefore evidence for a pair, being found elsewhere weak
evidence against; the weights say how much. Places are resolved through the
gazetteer (old names included).

Levels: null, other_province, then same_province, same_prefecture and
same_county, each also as *_missing when only the place the person went
missing agrees that closely (the hometown less so): a stranger's report was
filed where they went missing, not where they are from, so that agreement has
its own, separately estimated weight.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import LevelResult, null_result
from .gazetteer import county_name, places_in, prefecture_name, province_name
from .records import IntakeRecord, ReportRecord
from .text import normalize

LEVELS: tuple[str, ...] = ("null", "other_province", "same_province_missing", "same_province",
                           "same_prefecture_missing", "same_prefecture", "same_county_missing", "same_county")
L = {n: i for i, n in enumerate(LEVELS)}


@dataclass(frozen=True, slots=True)
class Where:
    provinces: frozenset[str]
    prefectures: frozenset[str]
    counties: frozenset[str]
    text: str


def _where(text: object) -> Where | None:
    if not isinstance(text, str):
        return None
    s = normalize(text).replace(" ", "")[:200]
    if not s:
        return None
    pa = places_in(s)
    if not pa.provinces:
        return None
    return Where(pa.provinces, pa.prefectures, pa.counties, s)


def _short(text: str, n: int = 12) -> str:
    return text if len(text) <= n else text[:n] + "…"


class FoundPlaceComparison:
    name: ClassVar[str] = "found"
    title: ClassVar[str] = "发现地"
    levels: ClassVar[tuple[str, ...]] = LEVELS

    def prepare_intake(self, intake: IntakeRecord) -> Where | None:
        return _where(intake.found_place)

    def prepare_report(self, report: ReportRecord) -> tuple[tuple[str, Where], ...]:
        out = []
        for label, text in (("走失地", report.missing_place), ("籍贯", report.hometown)):
            w = _where(text)
            if w is not None:
                out.append((label, w))
        return tuple(out)

    def compare(self, a: Where | None, b: tuple[tuple[str, Where], ...]) -> LevelResult:
        if a is None or not b:
            return null_result(self, "发现地或走失地不详")
        # how closely (0 none .. 3 county) each of the report's places agrees, and how it reads
        agree: dict[str, tuple[int, str, str]] = {}
        for label, w in b:
            if a.counties & w.counties:
                cand = (3, "county", f"{label}同在{county_name(min(a.counties & w.counties))}")
            elif a.prefectures & w.prefectures:
                cand = (2, "prefecture", f"{label}同在{prefecture_name(min(a.prefectures & w.prefectures))}")
            elif a.provinces & w.provinces:
                cand = (1, "province", f"{label}同在{province_name(min(a.provinces & w.provinces))}")
            else:
                continue
            agree[label] = cand
        if not agree:
            return LevelResult(self.name, L["other_province"], "other_province",
                               f"{_short(a.text)} 与走失地/籍贯不在同一省")
        home = agree.get("籍贯", (0, "", ""))
        missing = agree.get("走失地", (0, "", ""))
        closer = missing[0] > home[0]
        _depth, unit, text = missing if closer else home
        label = f"same_{unit}" + ("_missing" if closer else "")
        return LevelResult(self.name, L[label], label, f"发现于{_short(a.text)}，与{text}")
