"""Is there false-alarm headroom left in the comparisons' weights?

A check, not a model (like bench.diagnose_levels, but numpy only). On a
calibration seed it collects every intake's scored candidates with their
per-comparison weights, fits the alternatives below, fits calibration maps the
way `matchers.estimate` does, and reports on the evaluation seed the false
alarms at 0.5, the share of intakes with a report found first at >= 0.5 and
the top-10 log-loss:

- engine: the shipped weights, maps refitted on the collected calibration seed
  (so every row is fitted on the same pairs);
- scaled: one logistic scale factor per comparison (and the prior) fitted on
  the calibration seed's top candidates: factors far from 1 would mean a
  comparison is over- or under-weighted where the false alarms are decided;
- --cap N: more candidates scored per intake, so the competition between
  namesakes sees more of them.

    python -m bench.headroom --reports 1000000 [--cap 1000]
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from matchers.engine import DEFAULT_CAP, Matcher
from matchers.estimate import fit_calibration, log_loss, name_strata
from matchers.index import CandidateIndex
from matchers.model import MatchModel, apply_calibration, calibration_label, competing_log2_odds
from matchers.synth import SynthSet

TOP = 10


def collect(seed: int, n_reports: int, n_intakes: int, model: MatchModel, caps: list[int]) -> dict[int, list[dict]]:
    """Per cap, per intake: has a report?, and per scored candidate (is true,
    total, weights, stratum). One synthetic world and index serve every cap."""
    synth = SynthSet(seed, n_reports, n_intakes)
    index = CandidateIndex.build((i, synth.report_at(i)[0]) for i in range(n_reports))
    fetch = lambda ids: {i: synth.report_at(i)[0] for i in ids}  # noqa: E731
    out = {}
    for cap in caps:
        matcher = Matcher(model, index, fetch, cap=cap)
        rows = []
        for intake, truth in synth.intakes:
            ranked = matcher.rank(intake, top=cap)
            rows.append({"has": truth.true_index is not None,
                         "prior": ranked[0].score.prior_weight if ranked else 0.0,
                         "true": np.array([int(m.report_id == truth.true_index) for m in ranked]),
                         "total": np.array([m.score.total_weight for m in ranked]),
                         "weights": np.array([[c.weight for c in m.score.components] for m in ranked]),
                         "label": [calibration_label(m.score.components) for m in ranked]})
        out[cap] = rows
    return out


def top_pairs(rows: list[dict], totals_of) -> tuple[np.ndarray, np.ndarray, list[str], list[tuple]]:
    """Competing log2-odds of every intake's top candidates under a scoring."""
    xs, ys, labels, tops = [], [], [], []
    for r in rows:
        if not len(r["total"]):
            tops.append((r["has"], None, 0))
            continue
        tot = totals_of(r)
        raw = competing_log2_odds(tot)
        order = np.argsort(-tot, kind="stable")[:TOP]
        tops.append((r["has"], len(xs), int(r["true"][order[0]])))
        for o in order:
            xs.append(raw[o])
            ys.append(int(r["true"][o]))
            labels.append(r["label"][o])
    return np.array(xs), np.array(ys), labels, tops


def evaluate(cal_rows, eval_rows, totals_of, strata) -> dict:
    x, y, lab, _ = top_pairs(cal_rows, totals_of)
    cmap = fit_calibration(x, y, lab, strata)
    x, y, lab, tops = top_pairs(eval_rows, totals_of)
    p = apply_calibration(cmap, x, lab)
    no_report = [i for has, i, _t in tops if not has]
    with_report = [(i, t) for has, i, t in tops if has]
    return {"false_alarms": sum(1 for i in no_report if i is not None and p[i] >= 0.5),
            "no_report": len(no_report),
            "found_at_0.5": sum(1 for i, t in with_report if i is not None and t and p[i] >= 0.5) / max(1, len(with_report)),
            "log_loss": log_loss(p, y)}


def fit_scales(rows: list[dict], prior: float, ridge: float = 1.0, top: int = 30) -> np.ndarray:
    """Logistic regression of is-true on (1, weights): intercept starts at the
    prior, every scale at 1 and is shrunk towards 1 (Newton with halving)."""
    feats, ys = [], []
    for r in rows:
        for o in np.argsort(-r["total"])[:top]:
            feats.append(np.r_[1.0, r["weights"][o]])
            ys.append(r["true"][o])
    X, y = np.array(feats), np.array(ys, dtype=np.float64)
    ln2 = np.log(2)
    target = np.r_[0.0, np.ones(X.shape[1] - 1)]
    shrink = np.diag(np.r_[0.0, np.full(X.shape[1] - 1, 2 * ridge)])
    b = np.r_[prior, np.ones(X.shape[1] - 1)]

    def loss(b):
        z = X @ b * ln2
        return np.sum(np.logaddexp(0, z) - y * z) + ridge * np.sum((b[1:] - 1) ** 2)

    for _ in range(100):
        z = X @ b * ln2
        p = 1 / (1 + np.exp(-np.clip(z, -50, 50)))
        grad = ln2 * X.T @ (p - y) + shrink @ (b - target)
        hess = ln2 * ln2 * (X * (p * (1 - p) + 1e-12)[:, None]).T @ X + shrink + 1e-6 * np.eye(len(b))
        step, t, f0 = np.linalg.solve(hess, grad), 1.0, loss(b)
        while loss(b - t * step) > f0 and t > 1e-6:
            t /= 2
        b = b - t * step
        if np.abs(t * step).max() < 1e-7:
            break
    return b


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="False-alarm headroom in the comparisons' weights")
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--cal-seed", type=int, default=None, help="default: the estimation's 202 + reports")
    ap.add_argument("--cal-intakes", type=int, default=6000)
    ap.add_argument("--seed", type=int, default=909)
    ap.add_argument("--intakes", type=int, default=4000)
    ap.add_argument("--cap", type=int, default=None, help=f"also score up to N candidates (default cap {DEFAULT_CAP})")
    args = ap.parse_args(argv)
    model = MatchModel()
    strata = name_strata(model.weights)
    cal_seed = args.cal_seed if args.cal_seed is not None else 202 + args.reports
    t0 = time.time()
    caps = list(dict.fromkeys([DEFAULT_CAP] + ([args.cap] if args.cap else [])))
    print(f"collecting (caps {', '.join(map(str, caps))}): seeds {cal_seed} and {args.seed}, "
          f"{args.reports:,} reports…", file=sys.stderr, flush=True)
    cal = collect(cal_seed, args.reports, args.cal_intakes, model, caps)
    ev = collect(args.seed, args.reports, args.intakes, model, caps)
    cal_rows = cal[DEFAULT_CAP]
    names = [c.name for c in model.comparisons]
    prior = next((r["prior"] for r in cal_rows if len(r["total"])), 0.0)
    scales = fit_scales(cal_rows, prior)
    print(f"\n{args.reports:,} reports: maps and scales fitted on seed {cal_seed} ({args.cal_intakes} intakes), "
          f"figures on seed {args.seed} ({args.intakes} intakes)")
    print("fitted scales: " + ", ".join(f"{n} {s:.2f}" for n, s in zip(names, scales[1:]))
          + f"; intercept {scales[0]:+.2f} (prior {prior:+.2f})")
    scorings = {"engine": (DEFAULT_CAP, lambda r: r["total"]),
                "scaled": (DEFAULT_CAP, lambda r: scales[0] + r["weights"] @ scales[1:])}
    if args.cap:
        scorings[f"cap {args.cap}"] = (args.cap, lambda r: r["total"])
    for name, (cap, totals_of) in scorings.items():
        res = evaluate(cal[cap], ev[cap], totals_of, strata)
        print(f"{name:<10} false alarms {res['false_alarms']}/{res['no_report']}  "
              f"found first at >= 0.5 {res['found_at_0.5']:.1%}  top-10 log-loss {res['log_loss']:.5f}")
    print(f"({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
