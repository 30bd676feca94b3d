"""Face benchmarks: encoding time per photo, nearest-face query time over 1M encodings.

    python -m bench.bench_faces [--quick] [--photos DIR] [--extra-photos DIR] [--n 1000000] [--db-n 1000000]

Encoding runs over ../shared/faces plus variants made here in a temp dir
(sideways scan, EXIF-rotated, 4000-px phone-size, half size, heavy JPEG
recompression, PNG, WebP, grayscale) and compares:
  naive     face_recognition's documented calls on the full-size image, one at a time
  plain     tracing.faces.encoder one photo at a time (downscaled detection)
  pool      the same in a 2-process pool (EncoderPool), workers already started
The index part builds a FaceIndex over N synthetic encodings
(matchers.face_synth) and times top-50 queries against numpy's naive
brute force. The database part stores --db-n synthetic faces in a temporary
SQLite workbench and times the path the app uses (tracing.faces.service):
index built from the DB, nearest() and face candidates with their DB checks,
snapshot save, and a restart that loads the snapshot and reconciles it. Results: a table on stdout and build/bench/faces.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PHOTOS = ROOT.parent / "shared" / "faces"
OUT = ROOT / "build" / "bench" / "faces.json"
TARGET_ENCODE_S = 0.3
TARGET_QUERY_MS = 50.0


# --------------------------------------------------------------------------- photos

def make_variants(src_dir: Path, dst: Path) -> list[Path]:
    """Harder copies of the shared photos, the kinds staff actually upload."""
    from PIL import Image, ImageOps

    def load(name):
        return ImageOps.exif_transpose(Image.open(src_dir / name)).convert("RGB")

    out = []

    def save(im, name, fmt="JPEG", **kw):
        p = dst / name
        im.save(p, fmt, **kw)
        out.append(p)

    if not (src_dir / "obama-1.jpg").exists():
        return out
    o1, b2, o2 = load("obama-1.jpg"), load("biden-2.jpg"), load("obama-2.jpg")
    save(o1.transpose(Image.Transpose.ROTATE_90), "sideways-obama-1.jpg", quality=90)
    exif = Image.Exif()
    exif[0x0112] = 6
    save(o2.transpose(Image.Transpose.ROTATE_90), "exif6-obama-2.jpg", quality=90, exif=exif.tobytes())
    big = b2.resize((4000, 4000), Image.BICUBIC)
    save(big, "phone-4000-biden-2.jpg", quality=88)
    save(o1.resize((o1.width // 2, o1.height // 2), Image.BILINEAR), "half-obama-1.jpg", quality=85)
    save(b2, "recompressed-q25-biden-2.jpg", quality=25)
    save(o2, "obama-2.png", "PNG")
    save(b2, "biden-2.webp", "WEBP", quality=70)
    save(o1.convert("L"), "gray-obama-1.jpg", quality=90)
    return out


def photo_list(args) -> list[Path]:
    base = sorted(p for p in Path(args.photos).glob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"))
    if args.extra_photos:
        base += sorted(p for p in Path(args.extra_photos).rglob("*")
                       if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"))
    return base


def bench_encode(photos: list[Path], quick: bool) -> dict:
    from tracing.faces.encoder import DEFAULT_MAX_SIDE, EncoderPool, encode_image

    res: dict = {"photos": len(photos), "max_side": DEFAULT_MAX_SIDE, "modes": {}}
    encode_image(photos[0])                       # load the models outside the timings

    # naive: face_recognition as documented, full resolution (no EXIF handling)
    try:
        import face_recognition as fr

        t = time.perf_counter()
        naive_found = 0
        for p in photos:
            img = fr.load_image_file(str(p))
            naive_found += bool(fr.face_encodings(img, fr.face_locations(img, 1)))
        dt = time.perf_counter() - t
        res["modes"]["naive"] = {"total_s": dt, "per_photo_s": dt / len(photos), "with_face": naive_found,
                                 "note": "face_recognition.face_locations(upsample=1) + face_encodings, full size"}
    except ImportError as e:
        res["modes"]["naive"] = {"skipped": f"face_recognition not importable: {e}"}

    settings = [("plain", DEFAULT_MAX_SIDE)] + ([] if quick else [("plain_640", 640)])
    scans = None
    for label, side in settings:
        t = time.perf_counter()
        out = [encode_image(p, side) for p in photos]
        dt = time.perf_counter() - t
        res["modes"][label] = {"total_s": dt, "per_photo_s": dt / len(photos),
                               "with_face": sum(s.status == "ok" for s in out), "max_side": side}
        if label == "plain":
            scans = out

    t = time.perf_counter()
    with EncoderPool(workers=2) as pool:
        pool.warm_up()
        startup = time.perf_counter() - t
        t = time.perf_counter()
        pooled = list(pool.map(photos))
        dt = time.perf_counter() - t
    res["modes"]["pool2"] = {"total_s": dt, "per_photo_s": dt / len(photos), "startup_s": startup,
                             "with_face": sum(s.status == "ok" for s in pooled), "workers": 2}
    res["per_photo"] = {p.name: {"status": s.status, "faces": len(s.faces), "seconds": round(s.seconds, 3),
                                 "rotation": s.rotation}
                        for p, s in zip(photos, scans)}
    res["quality"] = quality(photos, scans)
    return res


def quality(photos: list[Path], scans) -> dict:
    """Same-person and different-person distances among the named shared photos
    (obama-* / biden-*), full-resolution crop encoding vs encoding the
    downscaled detection image."""
    from tracing.faces.encoder import encode_image, largest_face_index

    named = [(p, s) for p, s in zip(photos, scans)
             if p.name.split("-")[0] in ("obama", "biden") and p.suffix == ".jpg" and s.faces]
    out = {}
    for mode, encs in (
        ("full_res_crop", [s.faces[largest_face_index(s)].encoding for _, s in named]),
        ("downscaled", [_largest(encode_image(p, full_res_encoding=False)) for p, _ in named]),
    ):
        same, diff = [], []
        for i in range(len(named)):
            for j in range(i + 1, len(named)):
                if encs[i] is None or encs[j] is None:
                    continue
                d = float(np.linalg.norm(encs[i] - encs[j]))
                (same if named[i][0].name[:5] == named[j][0].name[:5] else diff).append(d)
        if same and diff:
            out[mode] = {"same_min": min(same), "same_mean": statistics.mean(same), "same_max": max(same),
                         "diff_min": min(diff), "diff_mean": statistics.mean(diff), "diff_max": max(diff)}
    return out


def _largest(scan):
    from tracing.faces.encoder import largest_face_index

    i = largest_face_index(scan)
    return None if i is None else scan.faces[i].encoding


# --------------------------------------------------------------------------- index

def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def bench_index(n: int, queries: int) -> dict:
    from matchers import face_synth
    from tracing.faces.index import OWNER_SHIFT, FaceIndex, KINDS

    rng = np.random.default_rng(42)
    people = n // 2
    t = time.perf_counter()
    ids = face_synth.identities(people, rng)
    person = np.repeat(np.arange(people), 2)
    vectors = face_synth.photos(ids[person], rng)
    gen_s = time.perf_counter() - t
    keys = np.arange(1, n + 1, dtype=np.int64)
    owners = (np.int64(KINDS["report"]) << OWNER_SHIFT) | person.astype(np.int64)
    rss0 = rss_mb()
    t = time.perf_counter()
    index = FaceIndex.from_arrays(keys, owners, vectors)
    build_s = time.perf_counter() - t
    rss1 = rss_mb()
    probe_people = rng.integers(0, people, queries)
    q = face_synth.photos(ids[probe_people], rng)

    def timed(fn, reps):
        ts = []
        for i in range(reps):
            t = time.perf_counter()
            fn(i)
            ts.append((time.perf_counter() - t) * 1000)
        return {"median_ms": statistics.median(ts), "p95_ms": float(np.percentile(ts, 95)),
                "max_ms": max(ts), "queries": reps}

    index.search(q[0], 50)                                   # warm caches
    res = {"n": n, "dim": 128, "generate_s": gen_s, "build_s": build_s,
           "memory_bytes": index.memory_bytes(), "memory_mib": index.memory_bytes() / 2**20,
           "rss_growth_mib": rss1 - rss0,
           "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE", ""),
           "queries": {}}
    hits_first = {}

    def ours(i):
        hits_first[i] = index.search(q[i], 50)

    res["queries"]["faceindex_top50_per_owner"] = timed(ours, queries)
    res["queries"]["faceindex_top50_rows"] = timed(lambda i: index.search(q[i], 50, per_owner=False), queries)
    res["queries"]["faceindex_top50_kind_filter"] = timed(lambda i: index.search(q[i], 50, kind="report"), queries)
    t = time.perf_counter()
    index.search_many(q, 50)
    res["queries"]["faceindex_batched_per_query_ms"] = (time.perf_counter() - t) * 1000 / queries

    naive_reps = min(queries, 5)
    naive_top = {}

    def naive(i):
        d = np.linalg.norm(vectors - q[i], axis=1)
        naive_top[i] = np.argsort(d)[:50]

    res["queries"]["naive_numpy_norm_argsort"] = timed(naive, naive_reps)
    # Recall of our top-50 rows against the naive exact answer (it is exact: expect 1.0).
    recall = []
    for i in range(naive_reps):
        ours_rows = {h.key for h in index.search(q[i], 50, per_owner=False)}
        recall.append(len(ours_rows & set((naive_top[i] + 1).tolist())) / 50)
    res["recall_vs_naive"] = float(np.mean(recall))
    res["true_person_first"] = float(np.mean([hits_first[i][0].record_id == probe_people[i]
                                              for i in range(queries)]))

    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        index.save(d)
        res["save_s"] = time.perf_counter() - t
        t = time.perf_counter()
        loaded = FaceIndex.load(d)
        res["load_mmap_s"] = time.perf_counter() - t
        t = time.perf_counter()
        loaded.search(q[0], 50)
        res["first_query_after_load_ms"] = (time.perf_counter() - t) * 1000
        del loaded
    t = time.perf_counter()
    index.add([n + 1], [owners[0]], q[0])
    res["add_one_ms"] = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    index.remove([n + 1])
    res["remove_one_ms"] = (time.perf_counter() - t) * 1000
    return res


# --------------------------------------------------------------------------- database-backed

def bench_db(n: int, queries: int) -> dict:
    """The workbench path over N stored faces (SQLite): the index built from the database,
    nearest() with its catch-up probe and row check, face candidates for an intake,
    snapshot save, and a restart that loads the snapshot and reconciles it."""
    from sqlalchemy import delete, insert, select

    from matchers import face_synth
    from tracing import create_app, migrate
    from tracing.faces import service
    from tracing.faces.codec import encoding_to_bytes
    from tracing.models import FaceEncoding, Photo

    rng = np.random.default_rng(7)
    people = max(1, n // 2)
    res: dict = {"n": n}
    with tempfile.TemporaryDirectory(prefix="bench-faces-db-") as tmp:
        app = create_app({"INSTANCE_PATH": tmp, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
                          "SECRET_KEY": "bench", "MEDIA_PATH": f"{tmp}/media"})
        migrate.upgrade(app)
        engine = app.extensions["db_engine"]
        ids = face_synth.identities(people, rng)
        t = time.perf_counter()
        chunk = 20_000
        with engine.begin() as conn:
            for start in range(0, n, chunk):
                stop = min(n, start + chunk)
                person = np.arange(start, stop) // 2
                vecs = face_synth.photos(ids[person], rng)
                conn.execute(insert(Photo.__table__), [
                    {"id": i + 1, "owner_type": "report", "owner_id": int(p) + 1, "sha256": f"{i:064x}",
                     "path": f"p/{i}.jpg", "thumb_path": f"t/{i}.jpg", "mime": "image/jpeg", "width": 600,
                     "height": 800, "size_bytes": 1, "original_name": "", "face_status": "ok", "face_error": ""}
                    for i, p in zip(range(start, stop), person)])
                conn.execute(insert(FaceEncoding.__table__), [
                    {"photo_id": i + 1, "face_index": 0, "box_top": 100, "box_right": 300, "box_bottom": 300,
                     "box_left": 100, "encoding": encoding_to_bytes(v), "is_subject": True, "owner_type": "report",
                     "owner_id": int(p) + 1, "area": 40000, "score": 1.0}
                    for i, p, v in zip(range(start, stop), person, vecs)])
            # intakes: one photo each of a random known person (the query side of face candidates)
            probe = rng.integers(0, people, queries)
            qv = face_synth.photos(ids[probe], rng)
            conn.execute(insert(Photo.__table__), [
                {"id": n + j + 1, "owner_type": "intake", "owner_id": j + 1, "sha256": f"i{j:063x}",
                 "path": f"i/{j}.jpg", "thumb_path": f"ti/{j}.jpg", "mime": "image/jpeg", "width": 600,
                 "height": 800, "size_bytes": 1, "original_name": "", "face_status": "ok", "face_error": ""}
                for j in range(queries)])
            conn.execute(insert(FaceEncoding.__table__), [
                {"photo_id": n + j + 1, "face_index": 0, "box_top": 0, "box_right": 1, "box_bottom": 1,
                 "box_left": 0, "encoding": encoding_to_bytes(v), "is_subject": True, "owner_type": "intake",
                 "owner_id": j + 1, "area": 1, "score": 1.0} for j, v in enumerate(qv)])
        res["insert_s"] = time.perf_counter() - t

        def timed(fn, reps):
            ts = []
            for i in range(reps):
                t0 = time.perf_counter()
                fn(i)
                ts.append((time.perf_counter() - t0) * 1000)
            return {"median_ms": statistics.median(ts), "p95_ms": float(np.percentile(ts, 95)), "queries": reps}

        with app.app_context(), app.extensions["db_sessionmaker"]() as session:
            store = service.index_store(app)
            rss0 = rss_mb()
            t = time.perf_counter()
            store.get(session)
            res["build_from_db_s"] = time.perf_counter() - t
            res["rss_growth_mib"] = rss_mb() - rss0
            hits = {}

            def near(i):
                hits[i] = service.nearest(session, qv[i], 50, "report", subject_only=True)
            res["nearest_top50"] = timed(near, queries)
            res["true_person_first"] = float(np.mean([hits[i][0][1] == probe[i] + 1 for i in range(queries)]))
            res["face_candidate_ids_top50"] = timed(
                lambda i: service.face_candidate_ids(session, "intake", i + 1), queries)
            session.rollback()
            t = time.perf_counter()
            store.save()
            res["snapshot_save_s"] = time.perf_counter() - t
            # Another process deletes a few faces and adds a few: the next query catches up.
            with engine.begin() as conn:
                conn.execute(delete(Photo.__table__).where(Photo.id.in_([1, 2, 3])))
            t = time.perf_counter()
            first = service.nearest(session, qv[0], 50, "report")
            res["first_query_after_external_delete_ms"] = (time.perf_counter() - t) * 1000
            assert all(h[3] not in (1, 2, 3) for h in first)
            session.rollback()
            fresh = service.IndexStore(store.directory)
            t = time.perf_counter()
            idx = fresh.get(session)
            res["restart_load_snapshot_and_reconcile_s"] = time.perf_counter() - t
            in_db = session.execute(select(FaceEncoding.id).order_by(FaceEncoding.id.desc()).limit(1)).scalar_one()
            res["restart_consistent"] = len(idx) == n + queries - 3 and idx.max_key() == in_db
        engine.dispose()
    return res


# --------------------------------------------------------------------------- report

def print_table(result: dict) -> None:
    enc = result.get("encode")
    if enc:
        print(f"\nFace encoding over {enc['photos']} photos (shared + variants), detection at {enc['max_side']} px")
        print(f"{'mode':<12}{'per photo':>12}{'total':>10}{'faces found':>14}")
        for mode, r in enc["modes"].items():
            if "skipped" in r:
                print(f"{mode:<12}  skipped: {r['skipped']}")
                continue
            extra = f"   (+{r['startup_s']:.1f}s pool start-up)" if "startup_s" in r else ""
            print(f"{mode:<12}{r['per_photo_s']:>10.3f} s{r['total_s']:>8.2f} s"
                  f"{r['with_face']:>8}/{enc['photos']}{extra}")
        ok = enc["modes"]["pool2"]["per_photo_s"] <= TARGET_ENCODE_S
        print(f"target <= {TARGET_ENCODE_S} s/photo (pool): {'met' if ok else 'NOT met'}")
        for mode, q in enc.get("quality", {}).items():
            print(f"distances [{mode}]: same {q['same_min']:.3f}-{q['same_max']:.3f} (mean {q['same_mean']:.3f}), "
                  f"different {q['diff_min']:.3f}-{q['diff_max']:.3f} (mean {q['diff_mean']:.3f})")
        missed = [k for k, v in enc["per_photo"].items() if v["status"] != "ok"]
        if missed:
            print("no face / unreadable:", ", ".join(missed))
    dbr = result.get("db")
    if dbr:
        print(f"\nWorkbench path over {dbr['n']:,} stored faces (SQLite): index built from the database in "
              f"{dbr['build_from_db_s']:.1f} s (+{dbr['rss_growth_mib']:.0f} MiB RSS), snapshot saved in "
              f"{dbr['snapshot_save_s']:.1f} s, restart (load snapshot + reconcile with the DB) "
              f"{dbr['restart_load_snapshot_and_reconcile_s']:.2f} s, consistent: {dbr['restart_consistent']}")
        for name in ("nearest_top50", "face_candidate_ids_top50"):
            r = dbr[name]
            print(f"{name:<34}{r['median_ms']:>8.1f}ms{r['p95_ms']:>8.1f}ms   (incl. catch-up probe and row check)")
        print(f"first query after another process deleted faces: {dbr['first_query_after_external_delete_ms']:.1f} ms; "
              f"true person first: {dbr['true_person_first']:.0%}")
    idx = result.get("index")
    if idx:
        print(f"\nNearest-face index: {idx['n']:,} synthetic encodings "
              f"(OPENBLAS_CORETYPE={idx['openblas_coretype'] or 'unset'})")
        print(f"build {idx['build_s']:.2f} s, memory {idx['memory_mib']:.0f} MiB "
              f"({idx['memory_bytes'] / idx['n']:.0f} B/face), save {idx['save_s']:.2f} s, "
              f"load (mmap) {idx['load_mmap_s'] * 1000:.1f} ms")
        print(f"{'query (top-50)':<34}{'median':>10}{'p95':>10}")
        for name, r in idx["queries"].items():
            if isinstance(r, dict):
                print(f"{name:<34}{r['median_ms']:>8.1f}ms{r['p95_ms']:>8.1f}ms")
            else:
                print(f"{name:<34}{r:>8.1f}ms")
        med = idx["queries"]["faceindex_top50_per_owner"]["median_ms"]
        print(f"recall vs naive exact: {idx['recall_vs_naive']:.3f}; true person ranked first: "
              f"{idx['true_person_first']:.2%}; add one {idx['add_one_ms']:.1f} ms, remove one {idx['remove_one_ms']:.1f} ms")
        print(f"target <= {TARGET_QUERY_MS:.0f} ms/query: {'met' if med <= TARGET_QUERY_MS else 'NOT met'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_faces", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="shared photos only, 100k encodings")
    ap.add_argument("--photos", default=str(DEFAULT_PHOTOS), help="folder of test photos")
    ap.add_argument("--extra-photos", help="another folder of your own test photos (searched recursively)")
    ap.add_argument("--n", type=int, help="synthetic encodings in the index (default 1,000,000; --quick 100,000)")
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--skip-encode", action="store_true")
    ap.add_argument("--skip-index", action="store_true")
    ap.add_argument("--db-n", type=int, help="faces stored in a temporary SQLite workbench for the "
                    "database-backed path (default 1,000,000; --quick 20,000; 0 skips)")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    n = args.n or (100_000 if args.quick else 1_000_000)

    result: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "numpy": np.__version__}}
    if not args.skip_encode:
        photos = photo_list(args)
        if not photos:
            print(f"no photos in {args.photos}", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory(prefix="bench-faces-") as tmp:
            if not args.quick:
                photos = photos + make_variants(Path(args.photos), Path(tmp))
            result["encode"] = bench_encode(photos, args.quick)
    if not args.skip_index:
        result["index"] = bench_index(n, args.queries)
    db_n = (20_000 if args.quick else 1_000_000) if args.db_n is None else args.db_n
    if db_n > 0:
        result["db"] = bench_db(db_n, min(args.queries, 50))
    print_table(result)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=float), encoding="utf-8")
    print(f"\nwritten {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
