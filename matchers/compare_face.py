"""Face: the smallest distance between the intake's and the report's face encodings.

dlib's 128-d encodings put two photos of one person at ~0.3-0.45 and two
people at ~0.75-1.0 (0.6 is the usual yes/no line). A family's photo may be
decades older than the station's, and faces drift with age, so every band
edge moves up with the years between the two photos (years spent growing up
count double: a child's face changes fastest). The levels are ordered; their
weights are estimated from data like every other comparison's.
"""
from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, NamedTuple

import numpy as np

from .base import LevelResult, null_result
from .records import IntakeRecord, ReportRecord

DIM = 128
# (level, label, distance below which the pair reaches it, before widening), strongest first
FACE_BANDS = ((5, "strong", 0.40), (4, "likely", 0.50), (3, "possible", 0.60), (2, "different", 0.75))
FAR_LEVEL = 1
AGE_WIDEN_PER_YEAR = 0.006     # band shift per (effective) year between the photos
AGE_WIDEN_MAX = 0.15           # reached at 25 effective years
ADULT_AGE = 18                 # years below this age count double
_VERDICT = {5: "高度相似", 4: "相似", 3: "略有相似", 2: "不太像", 1: "明显不同"}


class FaceFeatures(NamedTuple):
    encodings: np.ndarray         # (n, 128) float32
    photo_year: int | None        # when the photo(s) were taken (or the best proxy)
    birth_year: float | None      # best guess, to tell childhood years apart


def encodings_matrix(encodings: Any, ref: str = "?") -> np.ndarray:
    """A record's face_encodings (lists, arrays or 512-byte float32 blobs) as (n, 128) float32."""
    rows = []
    for i, e in enumerate(encodings or ()):
        if isinstance(e, (bytes, bytearray, memoryview)):
            if len(e) != DIM * 4:
                raise ValueError(f"{ref}: face_encodings[{i}] is {len(e)} bytes, expected {DIM * 4}")
            v = np.frombuffer(bytes(e), dtype="<f4")
        else:
            v = np.asarray(e, dtype=np.float32).reshape(-1)
        if v.shape != (DIM,):
            raise ValueError(f"{ref}: face_encodings[{i}] has {v.size} values, expected {DIM}")
        if not np.all(np.isfinite(v)):
            raise ValueError(f"{ref}: face_encodings[{i}] contains NaN or infinity")
        rows.append(v)
    if not rows:
        return np.empty((0, DIM), dtype=np.float32)
    return np.stack(rows).astype(np.float32)


def _year(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 1850 <= value <= 2200:
        return value
    if isinstance(value, date):
        return value.year
    return None


def intake_photo_year(intake: IntakeRecord) -> int | None:
    """The intake photo's year, else the found year (photos are taken on intake)."""
    return _year(intake.photo_year) or _year(intake.found_date)


def report_photo_year(report: ReportRecord) -> int | None:
    """The report photo's year, else the missing year (the latest photo a
    family has is usually from about then)."""
    return _year(report.photo_year) or _year(report.missing_date)


def effective_gap_years(year_a: int | None, year_b: int | None, birth_year: float | None) -> float | None:
    """Years between two photos, with the years the person spent under
    ADULT_AGE counted twice. None when a year is unknown."""
    if year_a is None or year_b is None:
        return None
    early, late = sorted((year_a, year_b))
    gap = float(late - early)
    if birth_year is not None:
        adult_from = birth_year + ADULT_AGE
        gap += max(0.0, min(late, adult_from) - max(early, birth_year))
    return gap


def widening(effective_gap: float | None) -> float:
    """How far every band edge moves up for photos this far apart."""
    if not effective_gap:
        return 0.0
    return min(AGE_WIDEN_PER_YEAR * effective_gap, AGE_WIDEN_MAX)


def face_level(distance: float, widen: float = 0.0) -> tuple[int, str]:
    for level, label, edge in FACE_BANDS:
        if distance < edge + widen:
            return level, label
    return FAR_LEVEL, "far"


def face_levels_vectorised(distances: np.ndarray, widen: float | np.ndarray = 0.0) -> np.ndarray:
    """Levels for many distances (NaN = no face on one side -> 0), for bulk pre-ranking."""
    d = np.asarray(distances, dtype=np.float64) - widen
    levels = np.full(d.shape, FAR_LEVEL, dtype=np.int8)
    for level, _label, edge in reversed(FACE_BANDS):
        levels[d < edge] = level
    levels[np.isnan(d)] = 0
    return levels


def best_pair(a: np.ndarray, b: np.ndarray) -> tuple[float, int, int]:
    """(smallest distance, index in a, index in b) over all face pairs."""
    diff = a[:, None, :].astype(np.float64) - b[None, :, :]
    d = np.sqrt(np.einsum("ijk,ijk->ij", diff, diff))
    i, j = np.unravel_index(int(np.argmin(d)), d.shape)
    return float(d[i, j]), int(i), int(j)


class FaceComparison:
    name: ClassVar[str] = "face"
    title: ClassVar[str] = "人脸"
    levels: ClassVar[tuple[str, ...]] = ("null", "far", "different", "possible", "likely", "strong")

    def prepare_intake(self, intake: IntakeRecord) -> FaceFeatures | None:
        enc = encodings_matrix(intake.face_encodings, intake.ref)
        if not len(enc):
            return None
        birth = None
        found = _year(intake.found_date)
        if found is not None and intake.age_min is not None and intake.age_max is not None:
            birth = found - (intake.age_min + intake.age_max) / 2
        return FaceFeatures(enc, intake_photo_year(intake), birth)

    def prepare_report(self, report: ReportRecord) -> FaceFeatures | None:
        enc = encodings_matrix(report.face_encodings, report.ref)
        if not len(enc):
            return None
        birth = float(report.birth_year) if _year(report.birth_year) else None
        return FaceFeatures(enc, report_photo_year(report), birth)

    def compare(self, a: FaceFeatures | None, b: FaceFeatures | None) -> LevelResult:
        if a is None or b is None:
            return null_result(self, "一方没有可用的人脸照片")
        distance, ia, ib = best_pair(a.encodings, b.encodings)
        birth = b.birth_year if b.birth_year is not None else a.birth_year
        years = None
        if a.photo_year is not None and b.photo_year is not None:
            years = abs(a.photo_year - b.photo_year)
        eff = effective_gap_years(a.photo_year, b.photo_year, birth)
        widen = widening(eff)
        level, label = face_level(distance, widen)
        text = f"人脸距离 {distance:.2f}, {_VERDICT[level]}"
        if years is None:
            text += " (照片年份不详)"
        elif years >= 1:
            text += f" (照片相隔约{years}年)"
        return LevelResult(self.name, level, label, text, {
            "distance": round(distance, 4),
            "intake_face": ia,           # which of the intake's encodings (for the side-by-side view)
            "report_face": ib,
            "photo_gap_years": years,
            "effective_gap_years": eff,
            "widen": round(widen, 4),
        })
