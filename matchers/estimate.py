"""Estimate the model's weights and calibration from labelled synthetic data.

1. m(level) = P(level | same person) from the true (intake, report) pairs,
   u(level) = P(level | different persons) from random non-pairs; Laplace
   smoothing; weight = log2(m/u); the null level weighs 0.
2. Optionally refine m (and the match rate) by Fellegi-Sunter EM on the
   unlabelled candidate pairs the index produces, u kept fixed (--em).
3. Fit the calibration (isotonic, pool-adjacent-violators) of the competing
   log-odds on the top candidates of a *different* synthetic set, so the
   probability a volunteer sees is the share of true matches at that score.

    python -m matchers.estimate --out matchers/weights.json
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import datetime, timezone
from typing import Sequence

import numpy as np

from .base import NULL_LEVEL
from .engine import Matcher
from .index import CandidateIndex
from .model import LevelWeight, MatchModel, Weights, competing_log2_odds
from .synth import SynthSet

LAPLACE = 1.0


def _progress(msg: str, quiet: bool) -> None:
    if not quiet:
        print(msg, file=sys.stderr, flush=True)


def collect_levels(model: MatchModel, synth: SynthSet, random_per_intake: int, rng: random.Random
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Level matrices (pairs x comparisons) for true pairs and random non-pairs."""
    true_rows, rand_rows = [], []
    n = synth.n_reports
    sample_ids = sorted(set(rng.randrange(n) for _ in range(min(n, 5000))))
    sample = {i: model.prepare_report(synth.report_at(i)[0]) for i in sample_ids}
    for intake, truth in synth.intakes:
        fi = model.prepare_intake(intake)
        if truth.true_index is not None:
            fr = model.prepare_report(synth.report_at(truth.true_index)[0])
            true_rows.append(model.level_vector(fi, fr))
        for i in rng.sample(sample_ids, min(random_per_intake, len(sample_ids))):
            if i != truth.true_index:
                rand_rows.append(model.level_vector(fi, sample[i]))
    return np.array(true_rows, dtype=np.int16), np.array(rand_rows, dtype=np.int16)


def level_probabilities(levels: np.ndarray, n_levels: int, alpha: float = LAPLACE) -> np.ndarray:
    counts = np.bincount(levels, minlength=n_levels).astype(np.float64)
    return (counts + alpha) / (counts.sum() + alpha * n_levels)


def em_refine(m: list[np.ndarray], u: list[np.ndarray], gammas: np.ndarray, lam: float,
              iterations: int = 20) -> tuple[list[np.ndarray], float]:
    """Fellegi-Sunter EM over unlabelled pairs: update m and the match rate, u fixed."""
    m = [x.copy() for x in m]
    for _ in range(iterations):
        log_m = sum(np.log(m[k][gammas[:, k]]) for k in range(len(m)))
        log_u = sum(np.log(u[k][gammas[:, k]]) for k in range(len(u)))
        a = np.log(lam) + log_m
        b = np.log1p(-lam) + log_u
        p = 1.0 / (1.0 + np.exp(np.clip(b - a, -700, 700)))
        lam = float(np.clip(p.mean(), 1e-6, 0.5))
        for k in range(len(m)):
            counts = np.bincount(gammas[:, k], weights=p, minlength=len(m[k]))
            m[k] = (counts + LAPLACE) / (counts.sum() + LAPLACE * len(m[k]))
    return m, lam


def pav(x: np.ndarray, y: np.ndarray, shrink: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """Isotonic regression (pool adjacent violators) of labels y on scores x.

    Returns block centres and values; each block's value is shrunk towards
    the mean raw probability of its members by `shrink` pseudo-counts so that
    tiny blocks at the extremes do not claim certainty.
    """
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order].astype(np.float64)
    raw = 1.0 / (1.0 + np.exp2(-np.clip(xs, -60, 60)))
    blocks: list[list[float]] = []     # [sum_y, n, sum_x, sum_raw]
    for xi, yi, ri in zip(xs, ys, raw):
        blocks.append([yi, 1.0, xi, ri])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s, n, sx, sr = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
            blocks[-1][2] += sx
            blocks[-1][3] += sr
    cx = np.array([b[2] / b[1] for b in blocks])
    cy = np.array([(b[0] + shrink * b[3] / b[1]) / (b[1] + shrink) for b in blocks])
    cy = np.maximum.accumulate(cy)   # shrinking may break monotonicity slightly
    return cx, cy


def calibration_pairs(matcher: Matcher, synth: SynthSet, top: int) -> tuple[np.ndarray, np.ndarray]:
    """(raw competing log2-odds, is-true) for the top candidates of every intake."""
    xs, ys = [], []
    for intake, truth in synth.intakes:
        ranked = matcher.rank(intake, top=matcher.cap)
        if not ranked:
            continue
        totals = np.array([m.score.total_weight for m in ranked])
        raw = competing_log2_odds(totals)
        for k, m in enumerate(ranked[:top]):
            xs.append(raw[k])
            ys.append(1 if truth.true_index is not None and m.report_id == truth.true_index else 0)
    return np.array(xs), np.array(ys)


def synth_fetch(synth: SynthSet):
    return lambda ids: {i: synth.report_at(i)[0] for i in ids}


def build_synth_index(synth: SynthSet) -> CandidateIndex:
    return CandidateIndex.build((i, rep) for i, rep, _t in synth.reports())


def estimate(seed: int = 101, n_reports: int = 20000, n_intakes: int = 3000,
             random_per_intake: int = 60, em: bool = False,
             calib_seed: int = 202, calib_reports: Sequence[int] = (20000, 100000),
             calib_intakes: int = 1500, calib_top: int = 10, comparisons=None,
             monotone: bool = True, quiet: bool = False) -> Weights:
    t0 = time.time()
    rng = random.Random(seed)
    base = MatchModel(comparisons, weights=Weights(), strict=False)
    synth = SynthSet(seed, n_reports, n_intakes)
    _progress(f"levels for true pairs and random pairs (seed {seed}, {n_reports} reports, "
              f"{n_intakes} intakes)…", quiet)
    true_lv, rand_lv = collect_levels(base, synth, random_per_intake, rng)
    m, u, counts = [], [], []
    for k, comp in enumerate(base.comparisons):
        m.append(level_probabilities(true_lv[:, k], len(comp.levels)))
        u.append(level_probabilities(rand_lv[:, k], len(comp.levels)))
        counts.append((np.bincount(true_lv[:, k], minlength=len(comp.levels)).astype(float),
                       np.bincount(rand_lv[:, k], minlength=len(comp.levels)).astype(float)))
    p_has = sum(1 for _, t in synth.intakes if t.true_index is not None) / max(1, len(synth.intakes))
    meta = {
        "estimated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "method": "labelled synthetic pairs, Laplace smoothing" + (" + EM" if em else "")
                  + (", monotone over levels" if monotone else ""),
        "train": {"seed": seed, "reports": n_reports, "intakes": n_intakes,
                  "true_pairs": int(len(true_lv)), "random_pairs": int(len(rand_lv))},
    }
    if em:
        _progress("EM refinement on blocked candidate pairs…", quiet)
        weights = _weights_from(base, m, u, p_has, meta, counts, monotone)
        model = MatchModel(base.comparisons, weights)
        index = build_synth_index(synth)
        matcher = Matcher(model, index, synth_fetch(synth), cap=50)
        gammas = []
        for intake, _t in synth.intakes:
            ids, _ = matcher.candidates(intake, 50)
            fi = model.prepare_intake(intake)
            feats = matcher.prepared_reports(ids.tolist())
            gammas += [model.level_vector(fi, feats[i]) for i in ids.tolist() if i in feats]
        g = np.array(gammas, dtype=np.int64)
        lam0 = max(1e-4, len(true_lv) / max(1, len(g)))
        m, lam = em_refine(m, u, g, lam0)
        meta["em"] = {"pairs": int(len(g)), "match_rate": lam}
    weights = _weights_from(base, m, u, p_has, meta, counts, monotone)
    # calibration on other seeds
    model = MatchModel(base.comparisons, weights)
    xs, ys = [], []
    for n_cal in calib_reports:
        _progress(f"calibration set: seed {calib_seed}, {n_cal} reports, {calib_intakes} intakes…", quiet)
        cal = SynthSet(calib_seed + n_cal, n_cal, calib_intakes)
        index = build_synth_index(cal)
        matcher = Matcher(model, index, synth_fetch(cal))
        x, y = calibration_pairs(matcher, cal, calib_top)
        xs.append(x)
        ys.append(y)
    x, y = np.concatenate(xs), np.concatenate(ys)
    cx, cy = pav(x, y)
    weights.calibration = {"method": "isotonic", "x": [round(float(v), 4) for v in cx],
                           "y": [round(float(v), 5) for v in cy], "pairs": int(len(x)),
                           "positives": int(y.sum()), "seed": calib_seed,
                           "reports": list(calib_reports), "top": calib_top}
    weights.meta["seconds"] = round(time.time() - t0, 1)
    return weights


def monotone_weights(w: np.ndarray, evidence: np.ndarray) -> np.ndarray:
    """Non-decreasing weights over the non-null levels (weighted PAV).

    Levels are ordered by the comparison's author from weakest to strongest
    agreement; where sparse synthetic counts say otherwise (two rare levels
    swapped), the weights are pooled, weighted by how much evidence each has.
    """
    out = w.astype(np.float64).copy()
    blocks: list[list[float]] = []      # [weighted sum, weight, count of levels]
    for x, e in zip(w[1:], evidence[1:]):
        blocks.append([x * e, e, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, e2, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += e2
            blocks[-1][2] += c
    pos = 1
    for s, e, c in blocks:
        out[pos:pos + int(c)] = s / e
        pos += int(c)
    return out


def _weights_from(model: MatchModel, m: list[np.ndarray], u: list[np.ndarray], p_has: float,
                  meta: dict, counts: list[tuple[np.ndarray, np.ndarray]] | None = None,
                  monotone: bool = True) -> Weights:
    comps = {}
    for k, comp in enumerate(model.comparisons):
        w = np.log2(m[k] / u[k])
        w[NULL_LEVEL] = 0.0
        if counts is not None:
            # a level never seen in either population has no evidence: weight 0
            nm, nu = counts[k]
            w[(nm == 0) & (nu == 0)] = 0.0
        if monotone and counts is not None:
            nm, nu = counts[k]
            evidence = (nm * nu) / np.maximum(nm + nu, 1e-9) + 0.5
            w = monotone_weights(w, evidence)
        levels = {}
        for lvl, label in enumerate(comp.levels):
            levels[label] = LevelWeight(float(m[k][lvl]), float(u[k][lvl]), float(w[lvl]))
        comps[comp.name] = levels
    return Weights(comps, p_has, {"method": "identity"}, dict(meta))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Re-estimate matching weights from synthetic data")
    ap.add_argument("--out", default="matchers/weights.json")
    ap.add_argument("--seed", type=int, default=101)
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--intakes", type=int, default=3000)
    ap.add_argument("--em", action="store_true", help="refine m by EM on candidate pairs")
    ap.add_argument("--calib-seed", type=int, default=202)
    ap.add_argument("--calib-reports", default="20000,100000",
                    help="comma-separated sizes of the calibration sets")
    ap.add_argument("--calib-intakes", type=int, default=1500)
    ap.add_argument("--no-monotone", action="store_true",
                    help="keep raw log2(m/u) even where it contradicts the level order")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    sizes = tuple(int(s) for s in args.calib_reports.split(",") if s.strip())
    w = estimate(args.seed, args.reports, args.intakes, em=args.em, calib_seed=args.calib_seed,
                 calib_reports=sizes, calib_intakes=args.calib_intakes,
                 monotone=not args.no_monotone, quiet=args.quiet)
    w.save(args.out)
    if not args.quiet:
        for name, levels in w.comparisons.items():
            print(name, " ".join(f"{lab}={lw.weight:+.1f}" for lab, lw in levels.items()))
        print(f"wrote {args.out} ({w.meta['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
