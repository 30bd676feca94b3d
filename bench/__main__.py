"""`python -m bench [--quick] [--only NAME,...]`: run every benchmark and print its figures.

Full run: 1M-report import (+ match --all for 500 intakes), the matching engine at 20k/100k/1M
reports with baselines, the same on the shifted world (20k/1M, weights not refitted), face encoding and the 1M-encoding face index, and search at 1M reports.
--quick runs small sizes only (minutes, not an hour).
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time

BENCHES = {
    "import": ("bench.bench_import", ["--match"], ["--reports", "50000", "--naive-rows", "2000", "--match", "--intakes", "100"]),
    "matching": ("bench.bench_matching", ["--intakes", "4000", "--compare-intakes", "1000", "--seeds", "909,910"], ["--quick"]),
    # the same people written another way, weights not refitted: how the engine holds up off its generator
    "shifted": ("bench.bench_matching", ["--sizes", "20000,1000000", "--intakes", "4000", "--no-baselines",
                                         "--seeds", "909,910", "--world", "shifted",
                                         "--out", "build/bench/matching_shifted.json"],
                ["--quick", "--no-baselines", "--world", "shifted", "--out", "build/bench/matching_shifted.json"]),
    "faces": ("bench.bench_faces", [], ["--quick"]),
    "search": ("bench.bench_search", [], ["--reports", "100000"]),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated subset of: " + ", ".join(BENCHES))
    args = ap.parse_args(argv)
    chosen = [b for b in (args.only.split(",") if args.only else BENCHES) if b]
    failed = []
    for name in chosen:
        module_name, full_args, quick_args = BENCHES[name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            print(f"== {name}: not available ({exc})")
            failed.append(name)
            continue
        print(f"\n== {name} ({module_name} {' '.join(quick_args if args.quick else full_args)})", flush=True)
        t = time.perf_counter()
        rc = module.main(quick_args if args.quick else full_args)
        print(f"== {name} done in {time.perf_counter() - t:.0f} s (exit {rc})", flush=True)
        if rc:
            failed.append(name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
