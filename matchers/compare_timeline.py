"""Timeline: a person cannot be found before going missing (give or take the
imprecision of remembered dates); how long ago they went missing shapes how
likely a match is."""
from __future__ import annotations

from datetime import date
from typing import ClassVar

import numpy as np

from .base import LevelResult, null_result
from .records import IntakeRecord, ReportRecord

SLACK_DAYS = 366          # remembered missing dates are often only right to the year
# (level, label, max years found-after-missing, inclusive), checked in order.
# Levels run from weakest to strongest agreement: most people are found soon
# after going missing, fewer after years of wandering.
TIMELINE_LEVELS = ((11, "within_1y", 1.0), (10, "within_2y", 2.0), (9, "within_3y", 3.5), (8, "within_5y", 5.0),
                   (7, "within_7y", 7.5), (5, "within_10y", 10.0), (4, "within_15y", 15.0),
                   (3, "over_15y", float("inf")))
# A child lost long ago is found as an adult far more often than a grown man after as long:
# years apart weigh differently for a report of someone missing at this age or younger.
CHILD_AT_MISSING = 14
GROWN_UP_AFTER_YEARS = 7.5
GROWN_UP_LEVEL, GROWN_UP_LABEL = 6, "grown_up"
_GROWN_UP_AFTER_DAYS = GROWN_UP_AFTER_YEARS * 365.25
_LAST_YEAR = 2200
_JAN1_ORDINAL = np.array([0] + [date(y, 1, 1).toordinal() for y in range(1, _LAST_YEAR + CHILD_AT_MISSING + 2)],
                         dtype=np.int32)


def _as_date(value: object) -> date | None:
    return value if isinstance(value, date) else None


def earliest_missing_date(report: ReportRecord) -> date | None:
    """The first day the written missing date allows: "2024年" is stored as the guess
    2024-07-01 but allows any day of 2024, "2024年3月" any day of March, "约2024年" any
    day from 2023 on, "2020年代末" (a guess of 2028) any day from 2020 on. Reads missing_date and
    missing_date_precision only: a stored MissingReport serves as well (the review page)."""
    missing = _as_date(report.missing_date)
    if missing is None:
        return None
    if report.missing_date_precision == "year":
        return date(missing.year, 1, 1)
    if report.missing_date_precision == "circa":          # "约1991年": a year either side
        return date(max(missing.year - 1, 1), 1, 1)
    if report.missing_date_precision == "decade":         # "90年代末": the decade's first day
        return date(max(missing.year // 10 * 10, 1), 1, 1)
    if report.missing_date_precision == "month":
        return missing.replace(day=1)
    return missing


def timeline_levels_vectorised(found: date, missing_ordinals: np.ndarray,
                               birth_years: np.ndarray | None = None) -> np.ndarray:
    """Levels for many reports; missing_ordinals holds date.toordinal() (0 = unknown) of
    each report's earliest missing date (the pre-rank's column: a year-only date counts
    from January 1, a few months longer than `compare` counts). Without birth_years
    (0 = unknown) no report counts as a child at the missing date."""
    delta = found.toordinal() - missing_ordinals.astype(np.int64)
    years = delta / 365.25
    levels = np.full(missing_ordinals.shape, 3, dtype=np.int8)
    for level, _label, limit in reversed(TIMELINE_LEVELS[:-1]):
        levels[years <= limit] = level
    if birth_years is not None:
        mark_grown_up(levels, found.toordinal(), missing_ordinals, birth_years)
    levels[delta < 0] = 2
    levels[delta < -SLACK_DAYS] = 1
    levels[missing_ordinals <= 0] = 0
    return levels


def mark_grown_up(levels: np.ndarray, found_ordinal: int, missing_ordinals: np.ndarray,
                  birth_years: np.ndarray) -> None:
    """Set GROWN_UP_LEVEL (in place) where a child at the missing date was found more than
    GROWN_UP_AFTER_YEARS later: the vectorised levels and the index's pre-rank share it, so
    they agree with `compare`. Only the reports missing long enough before are looked at."""
    long_ago = np.flatnonzero((missing_ordinals > 0) & (missing_ordinals < found_ordinal - _GROWN_UP_AFTER_DAYS))
    if len(long_ago):
        levels[long_ago[child_at_missing(missing_ordinals[long_ago], birth_years[long_ago])]] = GROWN_UP_LEVEL


def child_at_missing(missing_ordinals: np.ndarray, birth_years: np.ndarray) -> np.ndarray:
    """Missing in the year of birth up to the year of turning CHILD_AT_MISSING, as `compare`
    counts it (a birth year after the missing year is no age): January 1 ordinals from a
    table, no date conversion per report. Birth years are the index's column (0 = unknown,
    else 1880-2100): an unknown one reads as year 0, before any missing date."""
    return ((missing_ordinals > 0) & (missing_ordinals >= _JAN1_ORDINAL[birth_years])
            & (missing_ordinals < _JAN1_ORDINAL[birth_years + (CHILD_AT_MISSING + 1)]))


class TimelineComparison:
    name: ClassVar[str] = "timeline"
    title: ClassVar[str] = "时间"
    levels: ClassVar[tuple[str, ...]] = (
        "null", "found_before_missing", "found_just_before", "over_15y", "within_15y", "within_10y",
        GROWN_UP_LABEL, "within_7y", "within_5y", "within_3y", "within_2y", "within_1y")

    def prepare_intake(self, intake: IntakeRecord) -> date | None:
        return _as_date(intake.found_date)

    def prepare_report(self, report: ReportRecord) -> tuple[date, date, int | None] | None:
        """(the stored date, the earliest the written date allows, the age then if a birth
        year is known)."""
        missing = _as_date(report.missing_date)
        if missing is None:
            return None
        by = report.birth_year if isinstance(report.birth_year, int) and 0 < report.birth_year <= missing.year \
            else None
        return missing, earliest_missing_date(report), None if by is None else missing.year - by

    def level_counts(self, found: date | None, population) -> np.ndarray | None:
        """Reports per level in the whole database: most went missing recently,
        so "missing within a year before" is common for a person found last
        year and rare for one found in 2005."""
        if found is None:
            return None
        ords, counts = population.column_histogram("missing_ord")
        levels = timeline_levels_vectorised(found, ords)
        return np.bincount(levels, weights=counts, minlength=len(self.levels))

    def compare(self, found: date | None, missing: tuple[date, date, int | None] | None) -> LevelResult:
        if found is None or missing is None:
            return null_result(self, "发现或失踪日期未知")
        missing_guess, earliest, age_then = missing
        # found within the span a year or a month allows: as soon after as can be
        delta = (found - earliest).days if found < missing_guess else (found - missing_guess).days
        about = "约" if earliest.year < missing_guess.year else ""      # "约1991年", "90年代"
        head = f"{about}{missing_guess.year}年失踪, {found.year}年发现"
        if delta < -SLACK_DAYS:
            return LevelResult(self.name, 1, "found_before_missing", f"{head}: 发现早于失踪")
        if delta < 0:
            return LevelResult(self.name, 2, "found_just_before", f"{head}: 日期相近(可能记错)")
        years = delta / 365.25
        if age_then is not None and age_then <= CHILD_AT_MISSING and years > GROWN_UP_AFTER_YEARS:
            return LevelResult(self.name, GROWN_UP_LEVEL, GROWN_UP_LABEL,
                               f"{head}: 相隔{years:.1f}年, 失踪时约{age_then}岁(儿时走失, 成年后寻获)")
        for level, label, limit in TIMELINE_LEVELS:
            if years <= limit:
                return LevelResult(self.name, level, label, f"{head}: 相隔{years:.1f}年")
        raise AssertionError("unreachable: last timeline level has no limit")
