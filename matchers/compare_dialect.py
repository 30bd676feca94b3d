"""Accent vs region: the intake's dialect label against the report's hometown
province (and the report's own dialect note, if any).

Levels: null (no label, or nothing known of the report's region), conflict
(the accent clearly belongs elsewhere), neutral (a label we cannot place:
"听不懂的方言", "普通话"), same_group (the accent's dialect group is spoken in
the hometown province: 湘语 in 广西), same_province, same_prefecture ("衡阳口音"
and a 衡阳 hometown).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import LevelResult
from .dialects import DialectInfo, parse_dialect, groups_of_province
from .gazetteer import places_in, prefecture_name, province_name
from .records import IntakeRecord, ReportRecord
from .text import normalize

LEVELS: tuple[str, ...] = ("null", "conflict", "neutral", "same_group", "same_province", "same_prefecture")
L = {n: i for i, n in enumerate(LEVELS)}


@dataclass(frozen=True, slots=True)
class ReportRegion:
    provinces: frozenset[str]
    prefectures: frozenset[str]
    groups: frozenset[str]          # dialect groups spoken there (or named on the report)


def prepare_report_region(hometown: str, dialect: str = "") -> ReportRegion | None:
    pa = places_in(normalize(hometown if isinstance(hometown, str) else "").replace(" ", ""))
    provs, prefs = set(pa.provinces), set(pa.prefectures)
    groups: set[str] = set()
    d = parse_dialect(dialect if isinstance(dialect, str) else "")
    if d.recognized and not d.broad:       # "北方口音" on a report places no one
        if not provs:
            # the family's note on the accent places the person only when the report
            # has no hometown; "闽南话" on a 福建 report does not make them from 广东
            provs |= d.provinces
            prefs |= d.prefectures
        groups |= d.groups
    for p in provs:
        groups.update(groups_of_province(p))
    if not provs and not groups:
        return None
    return ReportRegion(frozenset(provs), frozenset(prefs), frozenset(groups))


def compare_region(a: DialectInfo | None, b: ReportRegion | None) -> tuple[int, str, dict]:
    if a is None or not a.label:
        return 0, "无口音记录", {}
    if b is None:
        return 0, "寻人启事无籍贯", {}
    if not a.recognized:
        why = "讲普通话，不指向地区" if a.standard else "方言未识别"
        return L["neutral"], f"「{a.label}」{why}", {}
    label = a.label
    if a.broad:
        if not b.provinces or a.provinces & b.provinces:
            return L["neutral"], f"「{label}」只说明是{a.note}人，籍贯在其中", {}
        where = "、".join(province_name(x) for x in sorted(b.provinces))
        return L["conflict"], f"「{label}」与籍贯{where}不符", {}
    p = a.prefectures & b.prefectures
    if p:
        return L["same_prefecture"], f"「{label}」与籍贯{prefecture_name(min(p))}相符", {}
    v = a.provinces & b.provinces
    if v:
        return L["same_province"], f"「{label}」与籍贯{province_name(min(v))}相符", {}
    g = a.groups & b.groups
    if g and a.group_only:
        return L["neutral"], f"「{label}」籍贯地也有人说，不能确定", {}
    if g:
        return L["same_group"], f"「{label}」属{'、'.join(sorted(g))}，籍贯地也说", {}
    where = "、".join(province_name(x) for x in sorted(b.provinces)) or "、".join(sorted(b.groups))
    return L["conflict"], f"「{label}」与籍贯{where}不符", {}


class DialectRegionComparison:
    name: ClassVar[str] = "dialect"
    title: ClassVar[str] = "口音"
    levels: ClassVar[tuple[str, ...]] = LEVELS

    def prepare_intake(self, intake: IntakeRecord) -> DialectInfo | None:
        d = parse_dialect(intake.dialect if isinstance(intake.dialect, str) else "")
        return d if d.label else None

    def prepare_report(self, report: ReportRecord) -> ReportRegion | None:
        return prepare_report_region(report.hometown, report.dialect)

    def compare(self, intake_features: DialectInfo | None,
                report_features: ReportRegion | None) -> LevelResult:
        level, text, detail = compare_region(intake_features, report_features)
        return LevelResult(self.name, level, LEVELS[level], text, detail)
