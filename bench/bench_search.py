"""Search pages at a million reports: p50/p95 per page for the queries people type.

    python -m bench.bench_search --reports 1000000
    python -m bench.bench_search --reports 1000000 --db build/bench-search.sqlite3 --keep   # reuse the data next time

Loads synthetic reports (matchers.synth: real surname frequencies, hometowns from the
gazetteer) into a temporary SQLite instance migrated like production, then requests the
real search page (/reports/?q=…) through the Flask app as a logged-in staff member: query,
ORM loading, template rendering and the audit event of each search are all in the time.
Each query is asked for pages 1–3, several rounds; figures are wall-clock per page.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

CHUNK = 10_000


def _birth(r) -> str:
    if not r.birth_year:
        return ""
    if r.birth_month and r.birth_day:
        return f"{r.birth_year:04d}-{r.birth_month:02d}-{r.birth_day:02d}"
    if r.birth_month:
        return f"{r.birth_year:04d}-{r.birth_month:02d}"
    return f"{r.birth_year:04d}"


def load_reports(app, n: int, seed: int = 7) -> dict:
    """Bulk-insert n synthetic reports with SQLAlchemy core; returns a sample of what was stored."""
    from sqlalchemy import insert

    from matchers.synth import SynthSet
    from tracing.models import MissingReport
    from tracing.search import name_pinyin, region_code

    synth = SynthSet(seed=seed, n_reports=n, n_intakes=1)
    engine = app.extensions["db_engine"]
    now = datetime.now(timezone.utc)
    rng = random.Random(seed)
    sample = {"names": [], "refs": []}
    t0 = time.perf_counter()
    rows = []
    with engine.begin() as conn:
        for i, rec, _truth in synth.reports():
            rows.append({
                "ref": rec.ref, "name": rec.name, "name_pinyin": name_pinyin(rec.name),
                "alt_names": ";".join(rec.alt_names), "sex": rec.sex, "birth_date": _birth(rec),
                "birth_year": rec.birth_year, "birth_month": rec.birth_month, "birth_day": rec.birth_day,
                "hometown": rec.hometown, "hometown_code": region_code(rec.hometown), "missing_date": rec.missing_date, "missing_place": rec.missing_place,
                "height_cm": rec.height_cm, "features": rec.features, "dialect": rec.dialect,
                "contact_phone": f"139{rng.randrange(10**8):08d}", "id_number": "", "source": "import",
                "status": "closed" if rng.random() < 0.05 else "open", "notes": "",
                "created_at": now, "updated_at": now, "version": 1})
            if rng.random() < 0.0005:
                sample["names"].append(rec.name)
            if len(rows) == CHUNK:
                conn.execute(insert(MissingReport), rows)
                rows = []
                if (i + 1) % 100_000 == 0:
                    print(f"  {i + 1:>9,} reports  {time.perf_counter() - t0:6.1f} s", file=sys.stderr, flush=True)
        if rows:
            conn.execute(insert(MissingReport), rows)
    sample["load_seconds"] = time.perf_counter() - t0
    return sample


def queries(sample: dict) -> list[tuple[str, dict]]:
    from pypinyin import lazy_pinyin

    from tracing.search import name_pinyin

    names = [n for n in sample["names"] if len(n) >= 2][:6] or ["张伟"]
    full = names[0]
    return [
        ("最新（无条件）", {}),
        ("编号前缀", {"q": "R00123"}),
        ("汉字全名", {"q": full}),
        ("汉字姓氏", {"q": "王"}),
        ("拼音全名", {"q": name_pinyin(names[1] if len(names) > 1 else full)}),
        ("拼音带空格", {"q": " ".join(lazy_pinyin(names[2] if len(names) > 2 else full))}),
        ("拼音姓氏", {"q": "zhang"}),
        ("拼音前缀（常见）", {"q": "li"}),
        ("没有的名字", {"q": "qqqzzz"}),
        ("地区（省）", {"region": "湖南"}),
        ("地区（县，少见）", {"region": "双牌"}),
        ("地区（无此地）", {"region": "不存在的地方"}),
        ("地区（市）", {"region": "永州"}),
        ("汉字姓氏+地区", {"q": "王", "region": "广东"}),
        ("拼音首字母+少见县", {"q": "z", "region": "双牌"}),
        ("日期范围", {"date_from": "2015-01-01", "date_to": "2015-12-31"}),
        ("拼音+地区", {"q": "liu", "region": "四川"}),
        ("汉字姓氏+日期", {"q": "陈", "date_from": "2010-01-01", "date_to": "2012-12-31"}),
        ("已结案", {"status": "closed"}),
        ("地区+已结案", {"region": "湖南", "status": "closed"}),
        ("姓氏+地区+年份", {"q": "li", "region": "四川", "date_from": "2018-01-01", "date_to": "2018-12-31"}),
    ]


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * (len(s) - 1)))))
    return s[k]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pages", type=int, default=3)
    ap.add_argument("--db", help="SQLite file to use (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the database (with --db, reuse it when it exists)")
    args = ap.parse_args(argv)

    os.environ.setdefault("TRACING_INSTANCE", tempfile.mkdtemp(prefix="bench-search-instance-"))
    from sqlalchemy import func, select

    from tracing import create_app, migrate
    from tracing.auth import create_user
    from tracing.models import MissingReport

    folder = Path(tempfile.mkdtemp(prefix="bench-search-"))
    db_path = Path(args.db).resolve() if args.db else folder / "search.sqlite3"
    reuse = args.db and args.keep and db_path.exists()
    app = create_app({"INSTANCE_PATH": str(folder), "DATABASE_URL": f"sqlite:///{db_path}", "SECRET_KEY": "bench",
                      "TESTING": True, "SESSION_COOKIE_SECURE": False, "WTF_CSRF_ENABLED": False,
                      "TASKS_IMMEDIATE": True, "MEDIA_PATH": str(folder / "media")})
    sm = app.extensions["db_sessionmaker"]
    if not reuse:
        migrate.upgrade(app)
        print(f"loading {args.reports:,} synthetic reports into {db_path} …", file=sys.stderr)
        sample = load_reports(app, args.reports)
        with sm() as s:
            create_user(s, "bench", "staff", "bench-password-123", actor="bench")
            s.commit()
        print(f"loaded in {sample['load_seconds']:.0f} s", file=sys.stderr)
    else:
        with sm() as s:
            sample = {"names": [n for (n,) in s.execute(select(MissingReport.name).where(MissingReport.id % 2003 == 0)
                                                        .limit(50))]}
    with sm() as s:
        total = s.execute(select(func.count(MissingReport.id))).scalar_one()
    client = app.test_client()
    resp = client.post("/login", data={"username": "bench", "password": "bench-password-123"})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:300]

    qs = queries(sample)
    per_query: dict[str, list[float]] = {label: [] for label, _ in qs}
    hits: dict[str, int] = {}
    for label, params in qs:      # warm-up round (first touch of each index from disk)
        client.get("/reports/?" + urlencode(params))
    for _ in range(args.rounds):
        for label, params in qs:
            for page in range(1, args.pages + 1):
                url = "/reports/?" + urlencode({**params, "page": page})
                t = time.perf_counter()
                resp = client.get(url)
                per_query[label].append((time.perf_counter() - t) * 1000)
                if resp.status_code != 200:
                    raise SystemExit(f"{url}: HTTP {resp.status_code}")
                if page == 1:
                    hits[label] = resp.get_data(as_text=True).count('href="/reports/R')
    all_ms = [v for vs in per_query.values() for v in vs]
    print(f"\nsearch pages over {total:,} reports (SQLite, page size 30, pages 1–{args.pages}, "
          f"{args.rounds} rounds, full Flask request incl. audit)\n")
    print(f"{'query':<18} {'rows p1':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for label, params in qs:
        v = per_query[label]
        print(f"{label:<18} {hits[label]:>7} {statistics.median(v):>8.1f} {percentile(v, 95):>8.1f} {max(v):>8.1f}"
              f"   {urlencode(params)}")
    print(f"\nall pages: n={len(all_ms)}  p50={statistics.median(all_ms):.1f} ms  p95={percentile(all_ms, 95):.1f} ms  "
          f"max={max(all_ms):.1f} ms")
    app.extensions["db_engine"].dispose()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
        if args.db:
            Path(args.db).unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
