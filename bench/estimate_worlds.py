"""Estimate the weights on our synthetic world pooled with worlds written by other hands.

`python -m matchers.estimate` fits m and u on `matchers.synth` alone, and a
weight fitted on one generator knows only that generator's kinds of noise:
ours never loses a person for more than fifteen years, never has a hint in
the wrong province, never mis-measures a height by more than 5 cm, so it
prices those at -7 to -10 bits, while the blind worlds have each in 1-4% of
their true pairs; and ours has fewer given-name coincidences than theirs. Here
the true and random pairs of other worlds (read through the workbench's own
CSV parsing, as `bench.calibrate_worlds` does) are pooled with ours, making up
`--share` of each; the term-frequency references, the name readings and the
calibration sets stay ours. Refit the calibration maps afterwards with
`python -m bench.calibrate_worlds`. Keep at least one world out of the pool to
judge the result on (`python -m bench.eval_world`).

    python -m bench.estimate_worlds --worlds blind_world,blind_world2 --out /tmp/pooled.json
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.calibrate_worlds import _RecordSet, blind_records
from bench.eval_world import write_world
from matchers.estimate import collect_levels, estimate
from matchers.model import MatchModel, Weights

TRAIN_SEED_SHIFT = 5_000_000     # worlds pooled for training: apart from the seeds that check or calibrate


def world_levels(world: str, n_reports: int, n_intakes: int, seed: int, random_per_intake: int = 40
                 ) -> tuple[np.ndarray, np.ndarray]:
    """(true-pair levels, random-pair levels) of one world, read by `collect_levels` as ours is."""
    with tempfile.TemporaryDirectory() as tmp:
        write_world(world, n_reports, n_intakes, seed, tmp)
        records = _RecordSet(*blind_records(Path(tmp)))
    return collect_levels(MatchModel(None, weights=Weights(), strict=False), records, random_per_intake,
                          random.Random(seed))


def shares(own_true: int, own_rand: int, worlds: list[tuple[str, np.ndarray, np.ndarray]], share: float,
           seed: int) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Each other world subsampled so that together they make up `share` of the
    pooled true pairs and of the pooled random pairs, in equal parts."""
    if not worlds or share <= 0:
        return []
    rng = np.random.default_rng(seed)
    want_true = own_true * share / (1 - share) / len(worlds)
    want_rand = own_rand * share / (1 - share) / len(worlds)
    out = []
    for name, t, r in worlds:
        nt, nr = min(len(t), int(round(want_true))), min(len(r), int(round(want_rand)))
        out.append((name, t[np.sort(rng.choice(len(t), nt, replace=False))],
                    r[np.sort(rng.choice(len(r), nr, replace=False))]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--worlds", default="blind_world,blind_world2",
                    help="comma-separated bench modules (eval_world.WORLDS) pooled with ours")
    ap.add_argument("--share", type=float, default=0.5,
                    help="share of the pooled true (and random) pairs that come from the other worlds")
    ap.add_argument("--world-reports", type=int, default=20000)
    ap.add_argument("--world-intakes", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=101)
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--intakes", type=int, default=8000)
    ap.add_argument("--calib-reports", default="20000,100000,1000000")
    ap.add_argument("--calib-intakes", type=int, default=12000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if not 0 <= args.share < 1:
        ap.error("--share must be in [0, 1)")
    t0 = time.time()
    names = [w for w in args.worlds.split(",") if w]
    worlds = []
    for k, name in enumerate(names):
        t_lv, r_lv = world_levels(name, args.world_reports, args.world_intakes, args.seed + TRAIN_SEED_SHIFT + k)
        print(f"{name}: {len(t_lv)} true pairs, {len(r_lv)} random pairs ({time.time() - t0:.0f} s)",
              file=sys.stderr, flush=True)
        worlds.append((name, t_lv, r_lv))
    # ours: one true pair per intake with a report (~60%), 40 random pairs per intake
    own_true = int(round(args.intakes * 0.6))
    own_rand = args.intakes * 40
    pooled = shares(own_true, own_rand, worlds, args.share, args.seed)
    sizes = tuple(int(s) for s in args.calib_reports.split(",") if s.strip())
    w = estimate(args.seed, args.reports, args.intakes, calib_reports=sizes, calib_intakes=args.calib_intakes,
                 quiet=args.quiet, extra_levels=pooled)
    w.meta["pooled_share"] = args.share
    w.save(args.out)
    print(f"wrote {args.out} ({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
