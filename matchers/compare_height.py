"""Height: ±5 cm is normal measuring noise; a child's height at the missing date
says nothing about the adult, so it is ignored then."""
from __future__ import annotations

from typing import ClassVar, NamedTuple

import numpy as np

from .base import NO_RARITY, LevelResult, null_result
from .compare_sex import sex_code
from .records import IntakeRecord, ReportRecord

MIN_CM, MAX_CM = 50.0, 230.0
MAX_SPREAD = 20.0       # a "range" wider than ±20 cm says nothing a height could
ADULT_AGE = 16  # below this age at the missing date, the reported height is not compared
# (level, label, min difference exclusive), from the top down; else "close"
HEIGHT_GAP_LEVELS = ((1, "far", 12.0), (2, "differ", 7.0), (3, "near", 3.0))
HEIGHT_CLOSE = 4


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def height_cm(value: object) -> float | None:
    """A height in centimetres, None when missing or not a plausible height."""
    v = _number(value)
    return v if v is not None and MIN_CM <= v <= MAX_CM else None


def height_spread(record: object) -> float:
    """Half the width of the height range a record wrote (0 for one value, for a
    record without the field, and for garbage)."""
    v = _number(getattr(record, "height_spread_cm", 0.0))
    return min(v, MAX_SPREAD) if v is not None and v == v and v > 0 else 0.0


def height_gap(a_cm: float, a_spread: float, b_cm: float, b_spread: float) -> float:
    """Centimetres between two heights: a range written ("175-180") agrees anywhere in it."""
    return max(abs(a_cm - b_cm) - a_spread - b_spread, 0.0)


class ReportHeight(NamedTuple):
    cm: float
    sex: int = 0      # sex code of the report, 0 unknown
    spread: float = 0.0   # half the width of a range written ("175-180": 177.5 ± 2.5)


class IntakeHeight(NamedTuple):
    cm: float
    sex: int          # sex code (compare_sex.sex_code): 1, 2, or 0 unknown
    may_be_child: bool = False  # the age estimate reaches below ADULT_AGE
    spread: float = 0.0   # half the width of a range written


def height_levels_vectorised(cm: float, heights: np.ndarray, spread: float = 0.0) -> np.ndarray:
    """Levels for many reports (0 = unknown height in the array); `spread`: the
    intake's range half-width (a report's own range is not in the column)."""
    diff = np.maximum(np.abs(heights.astype(np.float32) - cm) - spread, 0.0)
    levels = np.full(heights.shape, HEIGHT_CLOSE, dtype=np.int8)
    for level, _label, threshold in reversed(HEIGHT_GAP_LEVELS):
        levels[diff > threshold] = level
    levels[heights <= 0] = 0
    return levels


def report_height_cm(report: ReportRecord) -> float | None:
    """The report's height if it describes an adult (None otherwise)."""
    cm = height_cm(report.height_cm)
    if cm is None:
        return None
    year = report.birth_year
    missing = report.missing_date
    if isinstance(year, int) and missing is not None and hasattr(missing, "year"):
        if missing.year - year < ADULT_AGE:
            return None
    return cm


class HeightComparison:
    name: ClassVar[str] = "height"
    title: ClassVar[str] = "身高"
    levels: ClassVar[tuple[str, ...]] = ("null", "far", "differ", "near", "close")

    def prepare_intake(self, intake: IntakeRecord) -> IntakeHeight | None:
        cm = height_cm(intake.height_cm)
        if cm is None:
            return None
        young = isinstance(intake.age_min, int) and intake.age_min < ADULT_AGE
        return IntakeHeight(cm, sex_code(intake.sex), young, height_spread(intake))

    def prepare_report(self, report: ReportRecord) -> ReportHeight | None:
        cm = report_height_cm(report)
        return None if cm is None else ReportHeight(cm, sex_code(report.sex), height_spread(report))

    def level_counts(self, a: IntakeHeight | None, population) -> np.ndarray | None:
        """Reports per level in the whole database, counted among reports of the
        intake's sex and scaled to the whole: 168 cm is common for a man, 147 cm
        or 175 cm for a woman is not, so agreeing on it says more.

        Not for someone who may be a child: the heights the database holds are
        adults' (a child's is not kept, report_height_cm), so 124 cm is rare
        among them, yet his true report is no likelier to agree on it."""
        if a is None or a.may_be_child:
            return None
        sex = a.sex if a.sex in (1, 2) else None
        heights, counts = population.column_histogram("height", sex=sex)
        levels = height_levels_vectorised(a.cm, heights, a.spread)
        out = np.bincount(levels, weights=counts, minlength=len(self.levels)).astype(np.float64)
        if sex is not None and counts.sum() > 0:
            out *= len(population) / float(counts.sum())
        return out

    def compare(self, a: IntakeHeight | None, b: ReportHeight | None) -> LevelResult:
        if a is None or b is None:
            return null_result(self, "身高未知或失踪时未成年")
        diff = height_gap(a.cm, a.spread, b.cm, b.spread)
        text = f"{_shown(a.cm, a.spread)}cm vs {_shown(b.cm, b.spread)}cm"
        detail: dict = {"diff": diff}
        if a.sex in (1, 2) and b.sex in (1, 2) and a.sex != b.sex:
            # level_counts counted the intake's sex: 178 cm is rare among women, not among men
            detail[NO_RARITY] = True
        for level, label, threshold in HEIGHT_GAP_LEVELS:
            if diff > threshold:
                return LevelResult(self.name, level, label, f"{text} 差{diff:.0f}cm", detail)
        return LevelResult(self.name, HEIGHT_CLOSE, "close", f"{text} 相近", detail)


def _shown(cm: float, spread: float) -> str:
    return f"{cm - spread:.0f}-{cm + spread:.0f}" if spread >= 0.5 else f"{cm:.0f}"
