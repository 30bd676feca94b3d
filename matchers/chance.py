"""How often this database's non-matching reports reach a given score, against the
synthetic world the calibration maps were fitted on: a label-free correction.

A calibration map is right for the world it was fitted on. Where names and places
collide more than in ours (a county full of 覃, an elderly cohort of 秀英 and 建国, reports
crowded into a few provinces), clues agree by chance more often, and the same evidence
is right less often: on the blind worlds, written by other hands, the maps were
over-confident and false alarms ran at 3–7%. How often chance agreements reach a score
can be read without labels from the database's own candidate lists. An intake has at
most one true report, so the candidates below its best are (all but a few percent)
someone else: per 2-bit bin of the total, the number of such runners-up per intake,
against the same count on the synthetic calibration sets of the same size, says how many
more non-matches score there. A pair whose log2-odds fall in a bin is then lowered by
log2 of that ratio (interpolated between bin centres): never raised (a database quieter
than the synthetic one is more likely small or partial than cleaner), at most MAX_SHIFT
bits, and counted as if PRIOR_INTAKES more intakes had behaved exactly like the
reference (plus PRIOR_RUNNERS_UP runners-up), so that a database with a few dozen
intakes gets almost nothing, and less DEAD_BAND bits: two synthetic sets of our own
generator differ by that much, and a shift of that size made our own 0.5–0.6 band
under-confident (0.65 true at 20k) for two false alarms fewer of 3,098.

The shift is monotone in the odds (it grows by less than one bit per bit), so it never
reorders candidates; it moves probabilities only. The workbench re-measures it with every
`tracing match --all` (kept under the instance); `python -m matchers.estimate
--chance-tail FILE` measures the reference on the calibration sets.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import numpy as np

from .model import CHANCE_COMPARISON, CHANCE_MIN_SHIFT, Component, size_bracket

EDGES: tuple[float, ...] = (-6.0, -4.0, -2.0, 0.0, 2.0, 4.0)   # log2-odds
# the shift is read per bin between edges (the last one open), at its centre: the
# ratio of counts above an edge would carry the larger excess of higher scores down
CENTRES: tuple[float, ...] = tuple(e + 1.0 for e in EDGES)
PRIOR_INTAKES = 200.0
PRIOR_RUNNERS_UP = 20.0
DEAD_BAND = 0.25
MAX_SHIFT = 3.0
# the shift may grow by at most this much from one edge to the next (edges are 2
# bits apart), so odds - shift(odds) stays increasing and no candidate is reordered
MAX_STEP = 1.5
MIN_SHIFT = CHANCE_MIN_SHIFT      # below this a pair is left as it is (and not explained)
COMPARISON = CHANCE_COMPARISON
TITLE = "偶合校正"


def runner_up_counts(totals: Iterable[float]) -> np.ndarray:
    """How many of an intake's candidates, all but its best, reach each edge."""
    t = np.sort(np.asarray(list(totals), dtype=np.float64))[::-1]
    rest = t[1:]
    return np.array([int((rest >= x).sum()) for x in EDGES], dtype=np.int64)


@dataclass
class ChanceTail:
    """Runner-up counts summed over intakes (the database's own measurement)."""

    counts: np.ndarray = field(default_factory=lambda: np.zeros(len(EDGES), dtype=np.int64))
    intakes: int = 0

    def add(self, totals: Iterable[float]) -> None:
        """One intake's candidate totals (raw, any order); an intake without
        candidates counts as an intake with no runner-up."""
        self.counts = self.counts + runner_up_counts(totals)
        self.intakes += 1

    def rates(self) -> np.ndarray:
        return self.counts / max(self.intakes, 1)

    def to_json(self) -> dict[str, Any]:
        return {"edges": list(EDGES), "counts": [int(c) for c in self.counts], "intakes": int(self.intakes)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ChanceTail":
        if [float(e) for e in data.get("edges", [])] != list(EDGES):
            raise ValueError(f"chance tail measured at other edges: {data.get('edges')!r}")
        return cls(np.array(data["counts"], dtype=np.int64), int(data["intakes"]))


def reference_rates(spec: dict[str, Any], n_reports: int) -> np.ndarray | None:
    """Runner-ups per intake at each edge on the calibration sets, interpolated in
    log(size) between the sizes measured (the weights file's "chance_tail")."""
    if not spec or [float(e) for e in spec.get("edges", [])] != list(EDGES):
        return None
    sizes, rates = spec["sizes"], np.asarray(spec["rates"], dtype=np.float64)
    lo, hi, t = size_bracket(sizes, n_reports)
    return (1 - t) * rates[lo] + t * rates[hi]


@dataclass(frozen=True)
class ChanceShift:
    """Bits taken off a pair's log2-odds, per bin (at the bins' CENTRES,
    interpolated between them, held beyond them)."""

    bits: tuple[float, ...]
    ratio: tuple[float, ...] = ()     # runners-up here / reference, per bin

    def at(self, log2_odds: np.ndarray | float) -> np.ndarray:
        return np.interp(np.asarray(log2_odds, dtype=np.float64), CENTRES, self.bits)

    def component(self, shift: float) -> Component:
        """The line a volunteer reads: why this database's scores are lower."""
        return Component(COMPARISON, TITLE, 1, "chance", -float(shift),
                         f"本库中非同一人达到此分数的情况比合成基准常见，几率按 1/{2 ** shift:.1f} 下调")

    def to_json(self) -> dict[str, Any]:
        return {"edges": list(EDGES), "bits": [round(b, 4) for b in self.bits],
                "ratio": [round(r, 4) for r in self.ratio]}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "ChanceShift | None":
        if not data or [float(e) for e in data.get("edges", [])] != list(EDGES):
            return None
        return cls(tuple(float(b) for b in data["bits"]), tuple(float(r) for r in data.get("ratio", ())))


def chance_shift(tail: ChanceTail, spec: dict[str, Any], n_reports: int,
                 max_shift: float = MAX_SHIFT) -> ChanceShift | None:
    """The shift for a database of `n_reports` whose intakes measured `tail`;
    None when there is no reference or nothing to lower."""
    ref = reference_rates(spec, n_reports)
    if ref is None or tail.intakes <= 0:
        return None
    ref_bins = np.maximum(np.append(ref[:-1] - ref[1:], ref[-1]), 0.0)
    counts = np.asarray(tail.counts, dtype=np.float64)
    bins = np.maximum(np.append(counts[:-1] - counts[1:], counts[-1]), 0.0)
    # as if PRIOR_INTAKES more intakes had behaved exactly like the reference, and
    # PRIOR_RUNNERS_UP more runners-up had been seen as often as expected
    prior = (ref_bins * float(spec.get("prior_intakes", PRIOR_INTAKES))
             + float(spec.get("prior_runners_up", PRIOR_RUNNERS_UP)))
    ratio = (bins + prior) / (ref_bins * tail.intakes + prior)
    # two synthetic sets of one generator differ by up to ~0.2 bits per bin (runners-up
    # come in clusters: an intake with a common name has many); that much is no evidence
    bits = np.clip(np.log2(ratio) - float(spec.get("dead_band", DEAD_BAND)), 0.0, max_shift)
    for k in range(1, len(bits)):
        bits[k] = min(bits[k], bits[k - 1] + MAX_STEP)
    if float(bits.max()) < MIN_SHIFT:
        return None
    return ChanceShift(tuple(float(b) for b in bits), tuple(float(r) for r in ratio))


def reference_spec(per_size: Sequence[tuple[int, ChanceTail]], seeds: Sequence[int]) -> dict[str, Any]:
    """The weights file's "chance_tail": runner-up rates per calibration size."""
    return {"edges": list(EDGES), "sizes": [int(n) for n, _t in per_size],
            "rates": [[round(float(r), 6) for r in t.rates()] for _n, t in per_size],
            "intakes": [int(t.intakes) for _n, t in per_size], "seeds": list(seeds)}


def bits_changed(a: ChanceShift | None, b: ChanceShift | None, tol: float = 0.01) -> bool:
    """Whether two shifts would move any probability noticeably."""
    va = np.zeros(len(EDGES)) if a is None else np.asarray(a.bits)
    vb = np.zeros(len(EDGES)) if b is None else np.asarray(b.bits)
    return bool(np.max(np.abs(va - vb)) > tol)
