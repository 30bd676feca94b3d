"""Is evidence lost between the raw records and the comparison levels?

A check, not a model: it dumps every intake's top-10 pairs (levels, weights and
raw numbers the levels summarise: years between missing and found, age gap to
the estimate's middle, height gap, candidate competition) for a training seed
and a test seed, fits gradient-boosted trees on the training pairs with several
feature sets and reports, on the test seed, the same figures as the benchmark
(false alarms at 0.5, AUC, top-10 log-loss) next to the engine's. A feature set
that beats the engine clearly points at evidence a comparison throws away (this
is how the coarse timeline levels were found); when none does, the levels keep
what the raw numbers carry.

Needs scikit-learn, which is not a project dependency:
    .venv/bin/pip install scikit-learn
    python -m bench.diagnose_levels --reports 20000 --intakes 4000
"""
from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from bench.bench_matching import discrimination
from matchers.engine import Matcher
from matchers.index import CandidateIndex
from matchers.model import MatchModel, competing_log2_odds
from matchers.synth import CATEGORIES, SynthSet

RAW = ["age_diff", "age_width", "gap_years", "height_diff"]
COMPETITION = ["gap12", "gap_top", "ncand", "nstrong", "rank"]
CONTEXT = ["n_hints", "has_dialect", "has_features"]


def dump_pairs(n_reports: int, n_intakes: int, seed: int, model: MatchModel) -> tuple[np.ndarray, list[str]]:
    """Rows of (ids, label, engine figures, levels, weights, raw numbers) for every top-10 pair."""
    synth = SynthSet(seed, n_reports, n_intakes)
    index = CandidateIndex.build((i, synth.report_at(i)[0]) for i in range(n_reports))
    fetch = lambda ids: {i: synth.report_at(i)[0] for i in ids}  # noqa: E731
    matcher = Matcher(model, index, fetch)
    names = [c.name for c in model.comparisons]
    rows = []
    for j, (intake, truth) in enumerate(synth.intakes):
        res = matcher.rank(intake, top=matcher.cap)
        if not res:
            continue
        totals = np.array([m.score.total_weight for m in res])
        raw = competing_log2_odds(totals)
        second = totals[1] if len(totals) > 1 else totals[0] - 60
        reps = fetch([m.report_id for m in res[:10]])
        mid = width = None
        if intake.age_min is not None:
            hi = intake.age_max if intake.age_max is not None else intake.age_min
            mid, width = (intake.age_min + hi) / 2, hi - intake.age_min
        for k, m in enumerate(res[:10]):
            r = reps[m.report_id]
            lv = {c.comparison: c.level for c in m.score.components}
            w = {c.comparison: c.weight for c in m.score.components}
            age = intake.found_date.year - r.birth_year if r.birth_year and intake.found_date else None
            gap = (intake.found_date - r.missing_date).days if r.missing_date and intake.found_date else None
            hd = intake.height_cm - r.height_cm if intake.height_cm and r.height_cm else None
            rows.append([
                j, k, int(truth.true_index is not None), int(m.report_id == truth.true_index),
                m.score.probability, m.score.total_weight, raw[k],
                totals[0] - second if k == 0 else 0.0, totals[0] - totals[k], len(res), float((raw > -3).sum()),
                *[lv.get(n, 0) for n in names], *[w.get(n, 0.0) for n in names],
                np.nan if mid is None or age is None else age - mid,
                np.nan if width is None else width,
                np.nan if gap is None else gap / 365.25,
                np.nan if hd is None else hd,
                len(intake.place_hints), int(bool(intake.dialect)), int(bool(intake.features)),
                CATEGORIES.index(truth.category)])
    cols = ["intake", "rank", "has", "true", "p", "total", "raw", "gap12", "gap_top", "ncand", "nstrong",
            *[f"lv_{n}" for n in names], *[f"w_{n}" for n in names], *RAW, *CONTEXT, "category"]
    return np.array(rows, dtype=np.float64), cols


def evaluate(p: np.ndarray, X: np.ndarray, ci: dict[str, int]) -> dict[str, float]:
    """The benchmark's figures for probabilities p of the dumped pairs: each
    intake's best pair by p stands for its ranking."""
    intake, has, true = X[:, ci["intake"]].astype(int), X[:, ci["has"]], X[:, ci["true"]]
    top_prob, ranks, has_report = [], [], []
    for j in np.unique(intake):
        sel = np.where(intake == j)[0]
        b = sel[np.argmax(p[sel])]
        top_prob.append(float(p[b]))
        ranks.append(1 if true[b] == 1 else None)
        has_report.append(bool(has[sel[0]]))
    out = discrimination(top_prob, ranks, has_report, list(zip(p.tolist(), true.tolist())))
    out["false_alarms"] = sum(1 for q, h in zip(top_prob, has_report) if not h and q >= 0.5)
    out["no_report"] = sum(1 for h in has_report if not h)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--intakes", type=int, default=4000)
    ap.add_argument("--train-seed", type=int, default=303)
    ap.add_argument("--test-seed", type=int, default=909, help="the matching benchmark's seed")
    args = ap.parse_args(argv)
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
    except ImportError:
        print("needs scikit-learn (not a project dependency): .venv/bin/pip install scikit-learn", file=sys.stderr)
        return 2
    model = MatchModel()
    t0 = time.time()
    train, cols = dump_pairs(args.reports, args.intakes, args.train_seed, model)
    test, _ = dump_pairs(args.reports, args.intakes, args.test_seed, model)
    print(f"{len(train)} training / {len(test)} test pairs at {args.reports:,} reports ({time.time() - t0:.0f} s)")
    ci = {c: i for i, c in enumerate(cols)}
    levels = [c for c in cols if c.startswith(("lv_", "w_"))] + ["total", "raw"]
    sets = {"levels+weights": levels}
    sets.update({f"levels+weights+{r}": levels + [r] for r in RAW})
    sets["levels+weights+raw"] = levels + RAW
    sets["levels+weights+raw+competition+context"] = levels + RAW + COMPETITION + CONTEXT

    def show(tag: str, res: dict) -> None:
        print(f"{tag:42} false alarms {res['false_alarms']}/{res['no_report']}  found@0.5 "
              f"{res['found_at_0.5']:.3f}  AUC {res['auc_found_vs_no_report']:.4f}  "
              f"log-loss {res['top10_log_loss']:.5f}")

    show("engine", evaluate(test[:, ci["p"]], test, ci))
    for tag, feats in sets.items():
        idx = [ci[c] for c in feats]
        clf = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, max_leaf_nodes=15,
                                             l2_regularization=1.0, random_state=0)
        clf.fit(train[:, idx], train[:, ci["true"]])
        show(tag, evaluate(clf.predict_proba(test[:, idx])[:, 1], test, ci))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
