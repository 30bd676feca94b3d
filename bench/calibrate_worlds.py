"""Refit the calibration maps on pairs pooled from more than one synthetic world.

A calibration map says how often a raw score is right; fitted on one
generator's data it is right for that generator. Two worlds written apart
(ours, `matchers.synth`, and the blind world, `bench.blind_world`, written by
someone who had not read ours) disagree: the same raw odds are right less
often in the blind world, whose names collide seven times more. Data the
workbench will meet is neither, so the maps are fitted on both: the
synthetic calibration sets of `matchers.estimate` plus a blind world of the
same size, read through the workbench's own CSV parsing (tracing.importer)
and matched in process, its pairs weighed `--blind-share` of the whole.
The face curves and everything else in the weights file are kept.

    python -m bench.calibrate_worlds --weights matchers/weights.json --out matchers/weights.json
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from matchers.engine import Matcher
from matchers.estimate import calibration_pairs, fit_calibration, keep_face_curves, name_strata, \
    synth_calibration_pairs
from matchers.index import CandidateIndex
from matchers.model import MatchModel, Weights
from matchers.records import IntakeRecord, ReportRecord
from matchers.synth import SynthSet

BLIND_SEED_SHIFT = 3_000_000     # blind worlds used for calibration: apart from those used to check it


def blind_records(folder: Path) -> tuple[list[ReportRecord], list[IntakeRecord], dict[str, str]]:
    """A blind world's CSV files as the workbench would store them (rows it
    refuses are dropped, as an import would), and intake ref -> report ref."""
    import csv

    from tracing.importer import _validate, iter_rows
    from tracing.matching import to_intake_record, to_report_record
    from tracing.models import Intake, MissingReport

    def rows(kind: str, model, convert):
        out = []
        path = folder / f"{kind}.csv"
        for rowno, row in iter_rows(path, kind):
            values, _photos, errors = _validate(kind, row, path.name, rowno)
            if values is not None and not errors:
                out.append(convert(model(**values)))
        return out

    reports = rows("reports", MissingReport, to_report_record)
    intakes = rows("intakes", Intake, to_intake_record)
    with open(folder / "labels.csv", encoding="utf-8") as fh:
        truth = {r["intake_ref"]: r["report_ref"] for r in csv.DictReader(fh)}
    return reports, intakes, truth


class _RecordSet:
    """Just what calibration_pairs and collect_levels need of a SynthSet:
    intakes with their truth, and reports by index."""

    class _Truth:
        def __init__(self, true_index):
            self.true_index = true_index

    def __init__(self, reports: list[ReportRecord], intakes: list[IntakeRecord], truth: dict[str, str]):
        by_ref = {r.ref: k for k, r in enumerate(reports)}
        self.intakes = [(i, self._Truth(by_ref.get(truth.get(i.ref) or ""))) for i in intakes]
        self._reports = reports
        self.n_reports = len(reports)

    def report_at(self, i: int) -> tuple[ReportRecord, None]:
        return self._reports[i], None


def blind_calibration_pairs(model: MatchModel, n_reports: int, n_intakes: int, seed: int, top: int = 10,
                            quiet: bool = False):
    from bench.blind_world import generate

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.time()
        generate(n_reports, n_intakes, seed, tmp)
        reports, intakes, truth = blind_records(Path(tmp))
    if not quiet:
        print(f"  blind world seed {seed}: {len(reports)} reports, {len(intakes)} intakes read "
              f"({time.time() - t0:.0f} s)", file=sys.stderr, flush=True)
    rs = _RecordSet(reports, intakes, truth)
    index = CandidateIndex.build(enumerate(reports))
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})
    return calibration_pairs(matcher, rs, top)


def pooled(a, b, share_b: float):
    """Pairs of a and b, b's repeated or thinned so that it makes `share_b` of the whole."""
    xa, ya, la = a
    xb, yb, lb = b
    want = share_b / (1 - share_b) * len(xa)
    reps = want / max(len(xb), 1)
    whole, frac = int(reps), reps - int(reps)
    rng = np.random.default_rng(0)
    extra = rng.random(len(xb)) < frac
    xs = [xa] + [xb] * whole + [xb[extra]]
    ys = [ya] + [yb] * whole + [yb[extra]]
    ls = list(la) + list(lb) * whole + [lab for lab, e in zip(lb, extra) if e]
    return np.concatenate(xs), np.concatenate(ys), ls


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--weights", default="matchers/weights.json")
    ap.add_argument("--out", default="matchers/weights.json")
    ap.add_argument("--sizes", default="20000,100000,1000000")
    ap.add_argument("--synth-intakes", type=int, default=None, help="default: the weights file's calibration intakes")
    ap.add_argument("--blind-intakes", type=int, default=4000)
    ap.add_argument("--blind-share", type=float, default=0.15,
                    help="share of the pooled calibration pairs that come from the blind world")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.time()
    weights = Weights.load(args.weights)
    model = MatchModel(None, weights)
    cal = weights.calibration
    seed = int(cal.get("seed", 202))
    synth_intakes = args.synth_intakes or int(cal.get("intakes", 12000))
    old = {m.get("reports"): m for m in cal.get("maps", [])}
    strata = name_strata(weights)
    maps = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        if not args.quiet:
            print(f"[{size}] synthetic set seed {seed + size}, {synth_intakes} intakes…", file=sys.stderr, flush=True)
        syn = synth_calibration_pairs(model, SynthSet(seed + size, size, synth_intakes), cal.get("top", 10))
        blind = blind_calibration_pairs(model, size, args.blind_intakes, BLIND_SEED_SHIFT + size,
                                        cal.get("top", 10), args.quiet)
        x, y, lab = pooled(syn, blind, args.blind_share)
        cmap = fit_calibration(x, y, lab, strata)
        cmap["reports"] = size
        cmap["worlds"] = {"synth": {"seed": seed + size, "intakes": synth_intakes, "pairs": int(len(syn[0]))},
                          "blind": {"seed": BLIND_SEED_SHIFT + size, "intakes": args.blind_intakes,
                                    "pairs": int(len(blind[0])), "share": args.blind_share}}
        if size in old:               # keep the face curves fitted for this size
            keep_face_curves(cmap, old[size])
        maps.append(cmap)
    refitted = {m["reports"] for m in maps}
    maps += [m for size, m in old.items() if size not in refitted]   # sizes not asked for: kept
    maps.sort(key=lambda m: m["reports"])
    cal["maps"] = maps
    cal["sizes"] = [m["reports"] for m in maps]
    cal["worlds"] = ["synth", "blind"]
    cal["blind_share"] = args.blind_share
    weights.calibration = cal
    weights.meta["recalibrated_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    weights.meta["calibration_worlds"] = f"matchers.synth + bench.blind_world ({args.blind_share:.0%} of pairs)"
    weights.save(args.out)
    print(f"wrote {args.out} ({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
