"""One world, several weights files, the same candidate lists' figures side by side.

A world's CSV files are read through the importer's own parsing (`blind_records`), indexed
once, and matched in process with each weights file; the top 10 of every intake are scored
like a `tracing candidates export` file (`bench.eval_candidates`). Comparing weights on worlds
written by other hands is how a change to our generator or to the weights is judged on data
it was not fitted to.

    python -m bench.eval_world --world blind_world2 --reports 20000 --intakes 2000 --seeds 1,2 \\
        --weights matchers/weights.json,/tmp/new.json
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_matching import explained_pair
from bench.calibrate_worlds import blind_records
from bench.eval_candidates import evaluate
from matchers.batch import fewer_full_collections
from matchers.chance import ChanceShift, ChanceTail
from matchers.engine import Matcher
from matchers.index import CandidateIndex
from matchers.model import MatchModel, Weights

WORLDS = ("synth", "blind_world", "blind_world2", "blind_world3", "blind_world4", "blind_world5", "blind_world6")


def write_world(world: str, n_reports: int, n_intakes: int, seed: int, out: str) -> None:
    if world == "synth":
        from matchers.synth import SynthSet
        SynthSet(seed=seed, n_reports=n_reports, n_intakes=n_intakes).write_csv(out)
        return
    module = importlib.import_module(f"bench.{world}")
    if hasattr(module, "generate"):
        module.generate(n_reports, n_intakes, seed, out)
    else:
        module.main(["--reports", str(n_reports), "--intakes", str(n_intakes), "--seed", str(seed), "--out", out])


def candidate_rows(matcher: Matcher, intakes, reports, top: int = 10, dump=None,
                   truth: dict[str, str] | None = None, chance: bool = True
                   ) -> tuple[list[dict], ChanceShift | None]:
    """The top candidates of every intake, as `tracing match --all` stores them (with
    the chance shift measured on these intakes, unless `chance` is off); with `dump`
    (a writable file), also every false alarm and every pair scored 0.2-0.9,
    explained, one JSON a line."""
    tail = ChanceTail()
    with fewer_full_collections():
        ranked = [matcher.rank(intake, top=top, tail=tail) for intake in intakes]
    shift = matcher.measured_shift(tail) if chance else None
    rows = []
    for intake, res in zip(intakes, ranked):
        true_ref = (truth or {}).get(intake.ref) or ""
        if shift is not None:
            res = matcher.recalibrate(res, shift)
        for rank, m in enumerate(res, start=1):
            report = reports[m.report_id]
            p = m.score.probability
            rows.append({"intake_ref": intake.ref, "report_ref": report.ref, "score": p, "rank": rank})
            if dump is not None and (0.2 <= p < 0.9 or (rank == 1 and not true_ref and p >= 0.5)):
                row = explained_pair(intake, report, m, rank, report.ref == true_ref, bool(true_ref))
                dump.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows, shift


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--world", choices=WORLDS, required=True)
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--intakes", type=int, default=2000)
    ap.add_argument("--seeds", default="1")
    ap.add_argument("--weights", default="matchers/weights.json", help="comma-separated weights files")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--dump", metavar="PREFIX", help="write false alarms and 0.2-0.9 pairs, explained, "
                    "to PREFIX.<world>.s<seed>.w<k>.jsonl")
    ap.add_argument("--no-chance", action="store_true",
                    help="no chance shift measured on the world's own intakes (matchers/chance.py)")
    args = ap.parse_args(argv)
    paths = [p for p in args.weights.split(",") if p]
    models = [MatchModel(weights=Weights.load(p)) for p in paths]
    out = []
    for seed in (int(s) for s in args.seeds.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.time()
            write_world(args.world, args.reports, args.intakes, seed, tmp)
            reports, intakes, truth = blind_records(Path(tmp))
            labels = str(Path(tmp) / "labels.csv")
            index = CandidateIndex.build(enumerate(reports))
            print(f"{args.world} seed {seed}: {len(reports)} reports, {len(intakes)} intakes "
                  f"({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
            for k, (path, model) in enumerate(zip(paths, models)):
                t1 = time.time()
                matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})
                cands = Path(tmp) / "cands.jsonl"
                dump = None if not args.dump else open(f"{args.dump}.{args.world}.s{seed}.w{k}.jsonl", "w",
                                                           encoding="utf-8")
                try:
                    with open(cands, "w", encoding="utf-8") as fh:
                        rows, shift = candidate_rows(matcher, intakes, reports, dump=dump, truth=truth,
                                                     chance=not args.no_chance)
                        for row in rows:
                            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                finally:
                    if dump is not None:
                        dump.close()
                res = evaluate(str(cands), labels)
                res.update(world=args.world, seed=seed, reports=args.reports, weights=path,
                           seconds=round(time.time() - t1, 1),
                           chance_shift=None if shift is None else shift.to_json()["bits"])
                out.append(res)
                print_result(res)
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def print_result(res: dict) -> None:
    off = [f"{b['band']}:{b['true_share']:.2f}" for b in res["calibration"] if not b["within_0.1"]]
    cats = " ".join(f"{c} {v['recall@1']:.2f}/{v['recall@10']:.2f}" for c, v in sorted(res["by_category"].items()))
    print(f"{res['world']} seed {res['seed']} {res['reports']} [{res['weights']}] "
          f"FA {res['false_alarms']}/{res['no_report_intakes']} = {res['false_alarm_rate']:.1%}  "
          f"r@1 {res['recall@1']:.3f} r@10 {res['recall@10']:.3f} log-loss {res['log_loss'] or 0:.4f}  {cats}  bands off: {' '.join(off) or 'none'}"
          f"  chance shift: {' '.join(f'{b:.2f}' for b in res.get('chance_shift') or []) or 'none'}",
          flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
