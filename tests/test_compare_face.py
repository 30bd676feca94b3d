"""The face comparison (distance -> level, widened by photo age) and the synthetic encodings."""
from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from matchers import face_synth
from matchers.base import Comparison
from matchers.compare_face import (
    FACE_BANDS,
    FaceComparison,
    effective_gap_years,
    face_level,
    face_levels_vectorised,
)
from matchers.records import IntakeRecord, ReportRecord

from conftest import FACES_DIR as FACES  # ../shared/faces, or TRACING_FACES_DIR
CMP = FaceComparison()


def level_of(intake: IntakeRecord, report: ReportRecord):
    return CMP.compare(CMP.prepare_intake(intake), CMP.prepare_report(report))


def at_distance(base: np.ndarray, d: float, seed: int = 0) -> np.ndarray:
    """A vector exactly `d` away from base."""
    u = np.random.default_rng(seed).standard_normal(128)
    return (base + u / np.linalg.norm(u) * d).astype(np.float32)


BASE = np.random.default_rng(11).standard_normal(128).astype(np.float32) * 0.09


@pytest.fixture(scope="module")
def real():
    from tracing.faces.encoder import encode_image, largest_face_index

    out = {}
    for name in ("obama-1", "obama-2", "biden-1", "biden-2"):
        scan = encode_image(FACES / f"{name}.jpg")
        out[name] = scan.faces[largest_face_index(scan)].encoding
    return out


def test_face_comparison_follows_the_protocol():
    assert isinstance(CMP, Comparison)
    assert CMP.levels[0] == "null"
    assert [label for _, label, _ in FACE_BANDS] == list(reversed(CMP.levels[2:]))


def test_same_person_photos_reach_a_match_level_and_other_people_do_not(real):
    for intake_photo, same, other in (("obama-2", "obama-1", "biden-1"), ("biden-2", "biden-1", "obama-1")):
        intake = IntakeRecord("I1", face_encodings=[real[intake_photo]])
        match = level_of(intake, ReportRecord("R-same", face_encodings=[real[same]]))
        miss = level_of(intake, ReportRecord("R-other", face_encodings=[real[other]]))
        assert match.label in ("strong", "likely")
        assert miss.label in ("far", "different")
        assert match.level > miss.level


def test_missing_face_on_either_side_says_nothing():
    with_face = IntakeRecord("I1", face_encodings=[BASE])
    res = level_of(with_face, ReportRecord("R1"))
    assert res.level == 0 and res.label == "null"
    res = level_of(IntakeRecord("I2"), ReportRecord("R2", face_encodings=[BASE]))
    assert res.level == 0


def test_best_of_several_faces_counts_and_is_reported_for_display():
    intake = IntakeRecord("I1", face_encodings=[at_distance(BASE, 0.9, 1), at_distance(BASE, 0.05, 2)])
    report = ReportRecord("R1", face_encodings=[at_distance(BASE, 1.0, 3), BASE, at_distance(BASE, 0.7, 4)])
    res = level_of(intake, report)
    assert res.label == "strong"
    assert res.detail["intake_face"] == 1 and res.detail["report_face"] == 1
    assert res.detail["distance"] == pytest.approx(0.05, abs=1e-3)


def test_explanation_shows_distance_and_years_between_photos():
    intake = IntakeRecord("I1", face_encodings=[BASE], found_date=date(2023, 5, 1))
    report = ReportRecord("R1", face_encodings=[at_distance(BASE, 0.38)], missing_date=date(2011, 3, 2))
    res = level_of(intake, report)
    assert "人脸距离 0.38" in res.explanation
    assert "照片相隔约12年" in res.explanation
    unknown = level_of(IntakeRecord("I2", face_encodings=[BASE]),
                       ReportRecord("R2", face_encodings=[at_distance(BASE, 0.38)]))
    assert "照片年份不详" in unknown.explanation


def test_older_report_photo_widens_the_bands():
    probe = at_distance(BASE, 0.63)
    recent = level_of(IntakeRecord("I1", face_encodings=[BASE], photo_year=2024),
                      ReportRecord("R1", face_encodings=[probe], photo_year=2023))
    old = level_of(IntakeRecord("I1", face_encodings=[BASE], photo_year=2024),
                   ReportRecord("R1", face_encodings=[probe], photo_year=2010))   # 14 years: +0.084
    assert recent.label == "different"
    assert old.label == "possible"
    assert old.detail["widen"] > recent.detail["widen"]


def test_explicit_photo_year_beats_the_missing_date_proxy():
    probe = at_distance(BASE, 0.63)
    res = level_of(IntakeRecord("I1", face_encodings=[BASE], photo_year=2024),
                   ReportRecord("R1", face_encodings=[probe], photo_year=2023, missing_date=date(1995, 1, 1)))
    assert res.detail["photo_gap_years"] == 1


def test_childhood_years_between_photos_count_double():
    assert effective_gap_years(2000, 2010, birth_year=1960) == 10      # adult throughout
    assert effective_gap_years(2000, 2010, birth_year=1995) == 20      # a child throughout
    assert effective_gap_years(2000, 2010, birth_year=1987) == 15      # turns 18 in 2005
    assert effective_gap_years(None, 2010, birth_year=1987) is None


def test_widening_is_capped_so_far_faces_stay_far():
    res = level_of(IntakeRecord("I1", face_encodings=[BASE], photo_year=2024),
                   ReportRecord("R1", face_encodings=[at_distance(BASE, 0.95)], photo_year=1980, birth_year=1975))
    assert res.label == "far"


def test_encodings_as_float32_blobs_are_accepted():
    blob = np.asarray(BASE, dtype="<f4").tobytes()
    res = level_of(IntakeRecord("I1", face_encodings=[blob]), ReportRecord("R1", face_encodings=[BASE]))
    assert res.label == "strong" and res.detail["distance"] == pytest.approx(0, abs=1e-6)


@pytest.mark.parametrize("bad, message", [([0.1] * 127, "127 values"), (b"\x00" * 100, "100 bytes"),
                                          ([float("nan")] * 128, "NaN")])
def test_malformed_encoding_is_a_clear_error_naming_the_record(bad, message):
    with pytest.raises(ValueError, match=message) as err:
        CMP.prepare_report(ReportRecord("R-77", face_encodings=[BASE, bad]))
    assert "R-77" in str(err.value) and "face_encodings[1]" in str(err.value)


def test_vectorised_levels_agree_with_the_scalar_rule():
    d = np.array([0.1, 0.39, 0.45, 0.55, 0.7, 0.8, 1.2, np.nan])
    for widen in (0.0, 0.08):
        expected = [0 if np.isnan(x) else face_level(float(x), widen)[0] for x in d]
        assert face_levels_vectorised(d, widen).tolist() == expected


def test_synthetic_distances_have_the_measured_shape():
    rng = np.random.default_rng(1)
    same = face_synth.pair_distances(20_000, rng, same=True)
    diff = face_synth.pair_distances(20_000, rng, same=False)
    assert abs(same.mean() - face_synth.SAME_MEAN) < 0.02 and abs(same.std() - face_synth.SAME_SD) < 0.015
    assert abs(diff.mean() - face_synth.DIFF_MEAN) < 0.02 and abs(diff.std() - face_synth.DIFF_SD) < 0.015


def test_synthetic_age_gap_pushes_same_person_photos_apart():
    rng = np.random.default_rng(2)
    now = face_synth.pair_distances(5_000, rng, same=True).mean()
    later = face_synth.pair_distances(5_000, rng, same=True, age_gap_years=20).mean()
    assert later - now == pytest.approx(face_synth.drift(20), abs=0.02)


def test_synthetic_gallery_is_searchable_by_person():
    rng = np.random.default_rng(3)
    enc, person = face_synth.gallery(300, 2, rng)
    assert enc.shape == (600, 128) and enc.dtype == np.float32
    d = np.linalg.norm(enc[:, None, :] - enc[None, :, :], axis=2)
    np.fill_diagonal(d, np.inf)
    nearest_same = np.mean(person[np.argmin(d, axis=1)] == person)
    assert nearest_same > 0.95
