"""Per-call cost of the linguistic comparisons (name, place hints, accent).

Builds N reports with distinct names and addresses drawn from the gazetteer
(caches start cold for every string, as at a first index build) and times
prepare_report, blocking keys and compare for each comparison.

    python -m bench.bench_names_places --n 20000
"""
from __future__ import annotations

import argparse
import random
import time

from matchers import gazetteer
from matchers.compare_dialect import DialectRegionComparison
from matchers.compare_name import NameComparison
from matchers.compare_place import PlaceHintComparison
from matchers.keys import intake_name_keys, report_name_keys, report_region_keys
from matchers.pinyin import COMMON_SURNAMES
from matchers.records import IntakeRecord, ReportRecord

GIVEN = "建国伟芳秀英华明强军红兵丽娟敏静磊洋勇艳杰涛超平刚桂兰玉珍凤霞文斌志春海燕鹏飞亮云辉荣瑞长乐"


def reports(n: int, seed: int = 1) -> list[ReportRecord]:
    rng = random.Random(seed)
    surnames = sorted(COMMON_SURNAMES)
    g = gazetteer._data()
    counties = [p for ps in g.by_code.values() for p in ps if p.level == "county" and not p.historic]
    out = []
    for i in range(n):
        c = rng.choice(counties)
        home = (f"{gazetteer.province_name(c.province)}{gazetteer.prefecture_name(c.prefecture)}{c.name}"
                f"{rng.choice('东西南北上下')}{rng.choice('岭山河塘坪湾')}村{rng.randint(1, 12)}组")
        name = rng.choice(surnames) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
        alts = ["阿" + name[-1]] if rng.random() < 0.1 else []
        out.append(ReportRecord(f"r{i}", name=name, alt_names=alts, hometown=home))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000)
    args = ap.parse_args(argv)
    t = time.perf_counter()
    gazetteer.resolve("双牌")
    print(f"gazetteer load {1000 * (time.perf_counter() - t):.0f} ms")
    reps = reports(args.n)
    nc, pc, dc = NameComparison(), PlaceHintComparison(), DialectRegionComparison()
    nc.prepare_report(ReportRecord("w", name="刘建国"))    # pypinyin import
    feats = {}
    for label, fn in [("name", nc.prepare_report), ("place", pc.prepare_report),
                      ("dialect", dc.prepare_report), ("name keys", report_name_keys),
                      ("region keys", report_region_keys)]:
        t = time.perf_counter()
        feats[label] = [fn(r) for r in reps]
        print(f"prepare_report {label:12} {(time.perf_counter() - t) / args.n * 1e6:7.1f} us")
    sizes = [len(k) for k in feats["name keys"]]
    print(f"name keys per report: mean {sum(sizes) / len(sizes):.1f}, max {max(sizes)}")
    intake = IntakeRecord("i", name="牛建国", dialect="湖南口音", place_hints=["双牌", "东岭"])
    for label, comp in [("name", nc), ("place", pc), ("dialect", dc)]:
        a = comp.prepare_intake(intake)
        t = time.perf_counter()
        for f in feats[label]:
            comp.compare(a, f)
        print(f"compare {label:8} {(time.perf_counter() - t) / args.n * 1e6:6.2f} us/pair")
    for heard in ["刘建国", "liu jian guo", "阿伟", "建国", "老刘"]:
        a = nc.prepare_intake(IntakeRecord("i", name=heard, dialect="四川话"))
        t = time.perf_counter()
        for f in feats["name"]:
            nc.compare(a, f)
        print(f"compare name, intake {heard!r:14} {(time.perf_counter() - t) / args.n * 1e6:6.2f} us/pair"
              f"  ({len(intake_name_keys(IntakeRecord('i', name=heard)))} intake keys)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
