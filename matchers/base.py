"""The comparison protocol (Splink-style).

A comparison looks at one aspect of an intake×report pair and returns an
ordered *level*. Level 0 is always "null": a side is missing, so the
comparison says nothing and weighs 0. Higher levels are stronger agreement
(the ordering is the comparison's own; the model never assumes a sign).

The comparison does not decide its weight: the model maps (comparison, level)
to a log2 Bayes factor log2(m/u) estimated from labelled or EM-fitted data.
That is what makes a new comparison addable without touching the others:
register it, re-estimate, done.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

from .records import IntakeRecord, ReportRecord

NULL_LEVEL = 0


@dataclass(frozen=True)
class LevelResult:
    """One comparison's verdict on one pair."""

    comparison: str            # e.g. "name"
    level: int                 # index into the comparison's `levels`
    label: str                 # level name, e.g. "dialect_variant"
    explanation: str           # zh-CN fragment a volunteer can read: "niu≈liu (n/l, 湘语常见)"
    detail: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Comparison(Protocol):
    """One small, pure comparison.

    `prepare_*` turn a record into cached features once (pinyin, parsed
    regions…), so scoring 1M reports does not redo the work per pair;
    `compare` only reads prepared features.
    """

    name: ClassVar[str]                 # stable key, used in weights files and explanations
    title: ClassVar[str]                # zh-CN label shown to volunteers: "姓名"
    levels: ClassVar[tuple[str, ...]]   # levels[0] must be "null"

    def prepare_intake(self, intake: IntakeRecord) -> Any: ...

    def prepare_report(self, report: ReportRecord) -> Any: ...

    def compare(self, intake_features: Any, report_features: Any) -> LevelResult: ...


def null_result(comparison: "Comparison", explanation: str = "信息缺失") -> LevelResult:
    return LevelResult(comparison.name, NULL_LEVEL, comparison.levels[NULL_LEVEL], explanation)
