"""How often names repeat in *this* database, against the world the weights came from.

The term-frequency adjustment reads a shared name key's rarity as log2(N/df).
For a name seen once (df = 1) that says "one in N", but how likely a chance
namesake really is depends on how names are spread: where most names are
unique, a name seen once is truly rare; where names come from a small pool
(elderly cohorts: 秀英, 建国; a county full of 覃 or 龙), a name seen once
stands for many that could as well have been there. Good-Turing puts a number
on it, from the database alone (no labels): with n_r the number of distinct
keys held by exactly r reports, the likelihood ratio of "this report is the
intake's" against "a chance namesake" for a name held by r reports scales with

    g(r) = r * n_r / ((r + 1) * n_(r+1)).

The name weights and their calibration were fitted on our synthetic world,
whose g is stored per database size (`reference`, python -m matchers.estimate
--spectra). A database whose names repeat more (smaller g) gets the difference
in bits taken off the key's rarity; one whose names repeat less gains it.
On a database spread like the reference the correction is zero.
"""
from __future__ import annotations

import math
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from .model import size_bracket

# the name key kinds corrected (keys.py): full name and given name; the
# one-syllable kinds (C:, N:) have a handful of keys each, no spectrum to read
KINDS = ("F:", "G:")
# g(r) for r = 1..MAX_DF; rarer repeats than that are left as they are
MAX_DF = 6
# fewer keys than this at r or r+1 and g(r) is noise: no correction there
MIN_KEYS = 30
# the correction never moves a key by more than this many bits, and less than
# this is the rounding of the stored reference, not a difference
MAX_BITS = 2.0
MIN_BITS = 0.01


def spectrum(dfs: Iterable[int], max_df: int = MAX_DF) -> list[int]:
    """n_1 .. n_(max_df+1): how many keys are held by exactly r reports."""
    counts = np.bincount(np.asarray([d for d in dfs if 0 < d <= max_df + 1], dtype=np.int64),
                         minlength=max_df + 2)
    return [int(c) for c in counts[1:max_df + 2]]


def ratios(spec: Sequence[int], min_keys: int = MIN_KEYS) -> list[float | None]:
    """g(r) for r = 1..len(spec)-1, None where too few keys to say."""
    out: list[float | None] = []
    for r in range(1, len(spec)):
        a, b = spec[r - 1], spec[r]
        out.append(r * a / ((r + 1) * b) if a >= min_keys and b >= min_keys else None)
    return out


def reference_at(reference: Mapping[str, Any], kind: str, n_reports: int) -> list[float | None] | None:
    """The reference world's g for one key kind at this database size,
    interpolated in log(size) between the sizes it was measured at."""
    sizes = reference.get("sizes") or []
    table = (reference.get("ratios") or {}).get(kind)
    if not sizes or not table:
        return None
    lo, hi, t = size_bracket(sizes, n_reports)
    if t == 0.0:
        return table[lo]
    out: list[float | None] = []
    for a, b in zip(table[lo], table[hi]):
        out.append(None if a is None or b is None else
                   math.exp((1 - t) * math.log(a) + t * math.log(b)))
    return out


def correction_bits(db: Sequence[float | None], ref: Sequence[float | None] | None, df: int,
                    max_bits: float = MAX_BITS) -> float:
    """Bits to add to the rarity of a key held by df reports (<= 0 where this
    database's names repeat more than the reference's)."""
    if ref is None or df < 1 or df > min(len(db), len(ref)):
        return 0.0
    a, b = db[df - 1], ref[df - 1]
    if a is None or b is None or a <= 0 or b <= 0:
        return 0.0
    bits = math.log2(a / b)
    return 0.0 if abs(bits) < MIN_BITS else max(-max_bits, min(max_bits, bits))


def corrections(db_spectra: Mapping[str, Sequence[int]], reference: Mapping[str, Any] | None,
                n_reports: int) -> dict[str, list[float]]:
    """kind -> bits per df (index df-1), for the kinds both sides can speak for."""
    if not reference:
        return {}
    out = {}
    for kind, spec in db_spectra.items():
        ref = reference_at(reference, kind, n_reports)
        if ref is None:
            continue
        db = ratios(spec)
        bits = [correction_bits(db, ref, df) for df in range(1, len(db) + 1)]
        if any(bits):
            out[kind] = bits
    return out
