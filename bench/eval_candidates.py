"""Score a `tracing candidates export` file against the generator's labels.csv.

This is the path outside checks take: CSV import -> `tracing match --all` ->
`tracing candidates export` -> compare with the truth. It prints recall per
name category, the false-alarm rate and the calibration bands.

    python -m matchers.synth --reports 20000 --intakes 1000 --seed 4242 --out data
    tracing import reports data/reports.csv && tracing import intakes data/intakes.csv
    tracing match --all && tracing candidates export cands.jsonl
    python -m bench.eval_candidates cands.jsonl data/labels.csv
"""
from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict

import numpy as np

from bench.bench_matching import calibration_bands
from matchers.estimate import log_loss


def evaluate(candidates_path: str, labels_path: str) -> dict:
    with open(labels_path, encoding="utf-8") as fh:
        labels = {r["intake_ref"]: r for r in csv.DictReader(fh)}
    by_intake: dict[str, list[dict]] = defaultdict(list)
    with open(candidates_path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                by_intake[row["intake_ref"]].append(row)
    false_alarms = no_report = 0
    per_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    scored: list[tuple[float, int]] = []
    for ref, lab in labels.items():
        cands = sorted(by_intake.get(ref, []), key=lambda r: r["rank"])
        true = lab.get("report_ref") or None
        if true is None:
            no_report += 1
            false_alarms += bool(cands and cands[0]["score"] >= 0.5)
        else:
            refs = [c["report_ref"] for c in cands]
            cat = per_cat[lab.get("category", "")]
            cat[0] += 1
            cat[1] += refs[:1] == [true]
            cat[2] += true in refs[:10]
        scored += [(float(c["score"]), int(c["report_ref"] == true)) for c in cands]
    with_report = sum(v[0] for v in per_cat.values())
    return {
        "false_alarms": false_alarms, "no_report_intakes": no_report,
        "false_alarm_rate": false_alarms / max(no_report, 1),
        "recall@1": sum(v[1] for v in per_cat.values()) / max(with_report, 1),
        "recall@10": sum(v[2] for v in per_cat.values()) / max(with_report, 1),
        "by_category": {k: {"n": v[0], "recall@1": v[1] / v[0], "recall@10": v[2] / v[0]}
                        for k, v in sorted(per_cat.items())},
        "calibration": calibration_bands(scored),
        # of every exported probability: lower is better; what a shift of confidence costs
        "log_loss": log_loss(np.array([p for p, _ in scored]), np.array([y for _, y in scored])) if scored else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("candidates")
    ap.add_argument("labels")
    args = ap.parse_args(argv)
    res = evaluate(args.candidates, args.labels)
    print(f"false alarms {res['false_alarms']}/{res['no_report_intakes']} = {res['false_alarm_rate']:.1%}; "
          f"recall@1 {res['recall@1']:.3f}, recall@10 {res['recall@10']:.3f}"
          + ("" if res["log_loss"] is None else f", log-loss {res['log_loss']:.4f}"))
    for cat, v in res["by_category"].items():
        print(f"  {cat:<12} n={v['n']:<5} r@1 {v['recall@1']:.2f}  r@10 {v['recall@10']:.2f}")
    print("calibration band  n  share-true")
    for row in res["calibration"]:
        print(f"  {row['band']}  {row['n']:>6}  {row['true_share']:.3f} ±{row['ci95']:.3f}"
              + ("" if row["within_0.1"] else "  <-- off by >0.1"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
