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
# LevelResult.detail key: True when the report lies outside the population the
# comparison counted for this intake (CountsLevels), so the count's rarity does
# not describe the pair and the level keeps its plain weight
NO_RARITY = "no_rarity"


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


class Population(Protocol):
    """What a comparison may ask about all reports (the candidate index)."""

    def __len__(self) -> int: ...

    def column_histogram(self, column: str) -> tuple[Any, Any]: ...


@runtime_checkable
class CountsLevels(Protocol):
    """Optional: a comparison whose agreement is "the report's value falls in a
    window the intake sets" (born 1950-1960, missing within a year before the
    found date) can count, per level, how many reports in the whole database
    fall in it. How rare the window is in *this* database is the u of Splink's
    term-frequency adjustment: ten years of birth dates hold many more reports
    around 1960 than around 2015, and recent years many more missing dates.
    Counts taken over a part of the database (heights among the intake's sex)
    say nothing of a report outside it: `compare` marks such a pair with
    detail[NO_RARITY]."""

    def level_counts(self, intake_features: Any, population: Population) -> Any: ...


@runtime_checkable
class AdjustsLevels(Protocol):
    """Optional: a comparison that can say, per intake, how far each of its
    levels should move from its estimated weight (log2 units, before the
    model centres it on true pairs): the name's reading posterior — "小芳"
    read as the full name 肖芳 is unlikely when the database is full of *芳.
    `spec` holds the comparison's fitted parameters from the weights file."""

    def level_adjustments(self, intake_features: Any, population: Any, spec: Any) -> Any: ...


def null_result(comparison: "Comparison", explanation: str = "信息缺失") -> LevelResult:
    return LevelResult(comparison.name, NULL_LEVEL, comparison.levels[NULL_LEVEL], explanation)
