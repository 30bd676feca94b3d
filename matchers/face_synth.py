"""Synthetic 128-d face encodings for benchmarks and weight estimation.

Real encodings are biometric data and we have only a handful of test
photos, so benchmarks (1M-face index) and the face comparison's weight
estimation use vectors shaped like dlib's: each person is an identity
vector, each photo that identity plus noise, scaled so that Euclidean
distances come out as measured on real photos:

    same person      ~ N(0.40, 0.06)   (measured on ../shared/faces: 0.33-0.44)
    different people ~ N(0.80, 0.08)   (measured: 0.76-1.02)

An older photo drifts further from the person's current face: each year
between the two photos adds DRIFT_PER_YEAR to the expected same-person
distance (years spent growing up count double, like in compare_face).
That rate is a modelling assumption, not a measurement: there is no aged
photo pair in the test set.
"""
from __future__ import annotations

import numpy as np

DIM = 128
SAME_MEAN, SAME_SD = 0.40, 0.06
DIFF_MEAN, DIFF_SD = 0.80, 0.08
DRIFT_PER_YEAR = 0.006        # keep equal to compare_face.AGE_WIDEN_PER_YEAR
DRIFT_MAX = 0.15

# Calibrated numerically (see tests/test_compare_face.py::test_synthetic_*):
# photo noise norm ~ N(_A, _A_SD); identity spread ~ N(_B, _B_SD).
_A, _A_SD = 0.279, 0.055
_B, _B_SD = 0.488, 0.065
# dlib encodings are not centred on 0; a common offset keeps norms realistic (~1).
_CENTRE_SEED = 20240501


def _centre() -> np.ndarray:
    return (np.random.default_rng(_CENTRE_SEED).standard_normal(DIM) * 0.07).astype(np.float32)


def _directions(rng: np.random.Generator, n: int) -> np.ndarray:
    """n random vectors of norm ~1 (Gaussian / sqrt(dim))."""
    return rng.standard_normal((n, DIM)).astype(np.float32) / np.float32(np.sqrt(DIM))


def identities(n: int, rng: np.random.Generator) -> np.ndarray:
    """n synthetic people (their 'true' face vectors)."""
    scale = np.clip(rng.normal(_B, _B_SD, n), 0.15, None).astype(np.float32)
    return _centre() + _directions(rng, n) * scale[:, None]


def drift(years: float | np.ndarray) -> np.ndarray:
    """Extra expected same-person distance for photos `years` apart (effective years)."""
    return np.minimum(DRIFT_PER_YEAR * np.maximum(np.asarray(years, dtype=np.float64), 0), DRIFT_MAX)


def photos(ids: np.ndarray, rng: np.random.Generator, age_gap_years: float | np.ndarray = 0.0) -> np.ndarray:
    """One photo encoding per identity row. `age_gap_years` (scalar or per
    row) is how much older this photo is than the reference photos: it adds
    the extra noise that makes the expected same-person distance grow by
    drift(years)."""
    ids = np.asarray(ids, dtype=np.float32)
    n = len(ids)
    a = np.clip(rng.normal(_A, _A_SD, n), 0.05, None)
    gap = np.broadcast_to(np.asarray(age_gap_years, dtype=np.float64), (n,))
    target = SAME_MEAN + drift(gap)
    extra = np.sqrt(np.maximum(target ** 2 - SAME_MEAN ** 2, 0.0))
    noise = np.sqrt(a ** 2 + extra ** 2).astype(np.float32)
    return (ids + _directions(rng, n) * noise[:, None]).astype(np.float32)


def pair_distances(n: int, rng: np.random.Generator, *, same: bool,
                   age_gap_years: float | np.ndarray = 0.0) -> np.ndarray:
    """Distances of n synthetic photo pairs (same person or two people),
    the second photo `age_gap_years` older: samples for estimating the face
    comparison's level weights."""
    if same:
        ids = identities(n, rng)
        a, b = photos(ids, rng), photos(ids, rng, age_gap_years)
    else:
        a, b = photos(identities(n, rng), rng), photos(identities(n, rng), rng, age_gap_years)
    return np.linalg.norm(a.astype(np.float64) - b, axis=1)


def gallery(n_people: int, photos_per_person: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(encodings (n_people*photos_per_person, 128), person index per row), for index benchmarks."""
    ids = identities(n_people, rng)
    person = np.repeat(np.arange(n_people), photos_per_person)
    return photos(ids[person], rng), person
