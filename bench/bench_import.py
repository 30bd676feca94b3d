"""Bulk-import benchmark: N reports from a CSV into a fresh SQLite instance, through the same
code path as `tracing import reports`, against a naive one-ORM-object-per-row baseline.

Optionally (--match) it then imports intakes and runs `tracing match --all` over the loaded
reports, which is the workbench-level figure for "500 intakes over 1M reports".

    python -m bench.bench_import --reports 1000000 --match
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

OUT = Path("build/bench/import.json")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英建国华文辉鑫玉兰波宇浩凯健俊帆帅旭宁龙林欢阳佳红春梅海燕雪峰志强永福德"
PLACES = ["湖南省永州市双牌县", "四川省南充市顺庆区", "广东省梅州市梅县区", "河南省周口市项城市", "安徽省阜阳市临泉县",
          "贵州省毕节市威宁县", "云南省普洱市思茅区", "湖北省襄阳市樊城区", "江西省赣州市于都县", "山东省临沂市沂水县"]
DIALECTS = ["湖南口音", "四川话", "客家话", "河南口音", "安徽口音", "贵州口音", "云南口音", "湖北口音", "江西口音", "山东口音", ""]
FEATURES = ["左手缺小指", "右脸有痣", "额头有疤", "背部有胎记", "", "", "", "体型偏瘦", "驼背"]


def write_reports_csv(path: Path, n: int, seed: int, photos: list[str] | None = None) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ref", "name", "alt_names", "sex", "birth_date", "hometown", "missing_date", "missing_place",
                    "height_cm", "features", "dialect", "contact_phone", "photos"])
        for i in range(n):
            k = rng.randrange(len(PLACES))
            year = rng.randint(1935, 2010)
            birth = str(year) if rng.random() < 0.5 else f"{year}-{rng.randint(1, 12):02d}"
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            w.writerow([f"B{i:07d}", name, "", rng.choice("男女"), birth, PLACES[k] + f"{rng.choice(GIVEN)}家村",
                        f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        PLACES[k][:3], rng.randint(140, 185), rng.choice(FEATURES), DIALECTS[k],
                        f"13{rng.randint(0, 999999999):09d}", ""])


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_app(folder: Path):
    from tracing import create_app, migrate
    app = create_app({"INSTANCE_PATH": str(folder), "SECRET_KEY": "bench", "TASKS_IMMEDIATE": False,
                      "DATABASE_URL": f"sqlite:///{folder / 'tracing.sqlite3'}"})
    migrate.upgrade(app)
    return app


def engine_import(app, path: Path) -> dict:
    from tracing import importer
    limits = {"max_bytes": app.config["PHOTO_MAX_BYTES"], "max_pixels": app.config["PHOTO_MAX_PIXELS"]}
    with app.app_context():
        with app.extensions["db_sessionmaker"]() as db:
            # Tasks are not immediate here: the post-import re-match is only queued (in the
            # temporary instance's queue, which no worker reads), so this times the import alone.
            t = time.perf_counter()
            result = importer.run_import(db, "reports", path, actor="bench", media_root=app.config["MEDIA_PATH"],
                                         photo_limits=limits)
            seconds = time.perf_counter() - t
    return {"rows": result.rows, "created": result.created, "failed": result.failed, "seconds": round(seconds, 2),
            "rows_per_s": round(result.rows / seconds)}


def naive_import(app, path: Path, limit: int) -> dict:
    """Baseline: read the whole file, one ORM object and one commit per row."""
    from tracing import records
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    with app.app_context():
        with app.extensions["db_sessionmaker"]() as db:
            t = time.perf_counter()
            for row in rows:
                row = dict(row)
                row.pop("photos", None)
                row["ref"] = "N" + row["ref"]
                records.create(db, "report", row, actor="bench")
                db.commit()
            seconds = time.perf_counter() - t
    return {"rows": len(rows), "seconds": round(seconds, 2), "rows_per_s": round(len(rows) / seconds)}


def match_all(app, intakes_csv: Path) -> dict:
    from tracing import importer, matching
    limits = {"max_bytes": app.config["PHOTO_MAX_BYTES"], "max_pixels": app.config["PHOTO_MAX_PIXELS"]}
    with app.app_context():
        with app.extensions["db_sessionmaker"]() as db:
            res = importer.run_import(db, "intakes", intakes_csv, actor="bench",
                                      media_root=app.config["MEDIA_PATH"], photo_limits=limits)
        t = time.perf_counter()
        with app.extensions["db_sessionmaker"]() as db:
            matching.engine_for(app, db)
        index_s = time.perf_counter() - t
        t = time.perf_counter()
        n = matching.match_all(app, 10)
        match_s = time.perf_counter() - t
    return {"intakes": res.created, "index_build_s": round(index_s, 1), "match_all_s": round(match_s, 1),
            "per_intake_ms": round(1000 * match_s / max(n, 1), 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--naive-rows", type=int, default=5000)
    ap.add_argument("--match", action="store_true", help="also import 500 intakes and run match --all")
    ap.add_argument("--intakes", type=int, default=500)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--keep", action="store_true", help="keep the temporary instance")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["TRACING_INSTANCE"] = str(work / "instance")
    try:
        csv_path = work / "reports.csv"
        t = time.perf_counter()
        write_reports_csv(csv_path, args.reports, args.seed)
        gen_s = time.perf_counter() - t
        size_mb = csv_path.stat().st_size / 1e6
        app = make_app(work / "instance")
        print(f"generated {args.reports:,} reports ({size_mb:.0f} MB CSV) in {gen_s:.1f} s", flush=True)
        eng = engine_import(app, csv_path)
        print(f"import (streamed, batched): {eng['rows']:,} rows in {eng['seconds']} s = {eng['rows_per_s']:,} rows/s",
              flush=True)
        naive = naive_import(app, csv_path, args.naive_rows)
        print(f"naive baseline (ORM + commit per row, {naive['rows']:,} rows): {naive['rows_per_s']:,} rows/s", flush=True)
        result = {"reports": args.reports, "csv_mb": round(size_mb, 1), "import": eng, "naive": naive,
                  "speedup": round(eng["rows_per_s"] / max(naive["rows_per_s"], 1), 1),
                  "peak_rss_mb": round(peak_rss_mb()), "db_mb": round((work / "instance" / "tracing.sqlite3").stat().st_size / 1e6)}
        if args.match:
            intakes = work / "intakes.csv"
            _write_intakes(intakes, args.intakes, args.seed)
            result["match"] = match_all(app, intakes)
            result["peak_rss_mb"] = round(peak_rss_mb())
            m = result["match"]
            print(f"match --all: {m['intakes']} intakes over {args.reports:,} reports: index {m['index_build_s']} s, "
                  f"matching {m['match_all_s']} s ({m['per_intake_ms']} ms per intake)", flush=True)
        print(f"speed-up over naive: {result['speedup']}x; peak RSS {result['peak_rss_mb']} MB; "
              f"database {result['db_mb']} MB", flush=True)
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2))
        ok = eng["seconds"] <= 300 * args.reports / 1_000_000
        print(f"target (1M in <= 300 s, scaled): {'met' if ok else 'NOT met'}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _write_intakes(path: Path, n: int, seed: int) -> None:
    rng = random.Random(seed + 1)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["ref", "name", "sex", "age_estimate", "found_date", "found_place", "height_cm", "features",
                    "dialect", "place_hints", "photos"])
        for i in range(n):
            k = rng.randrange(len(PLACES))
            name = "" if rng.random() < 0.2 else rng.choice(SURNAMES) + rng.choice(GIVEN)
            w.writerow([f"BI{i:05d}", name, rng.choice("男女"), f"约{rng.randint(20, 80)}岁", "2025-06-01", "火车站",
                        rng.randint(145, 180), rng.choice(FEATURES), DIALECTS[k], PLACES[k][3:6], ""])


if __name__ == "__main__":
    sys.exit(main())
