"""The second blind world (bench/blind_world2.py), written by another hand without reading our
generator, parsers or the first blind world: every row it writes must import."""
import csv
import subprocess
import sys

from tracing import importer


def test_second_blind_world_is_deterministic_and_imports_without_a_row_error(app, db, tmp_path):
    for out in ("a", "b"):
        subprocess.run([sys.executable, "-m", "bench.blind_world2", "--reports", "400", "--intakes", "150",
                        "--seed", "3", "--out", str(tmp_path / out), "--quiet"], check=True, capture_output=True)
    for name in ("reports.csv", "intakes.csv", "labels.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    limits = {"max_bytes": app.config["PHOTO_MAX_BYTES"], "max_pixels": app.config["PHOTO_MAX_PIXELS"]}
    for kind, n in (("reports", 400), ("intakes", 150)):
        result = importer.run_import(db, kind, tmp_path / "a" / f"{kind}.csv", actor="test", strict=False,
                                     media_root=app.config["MEDIA_PATH"], photo_limits=limits)
        assert (result.created, result.failed) == (n, 0), result.errors[:3]
    with open(tmp_path / "a" / "labels.csv", encoding="utf-8") as fh:
        labels = list(csv.DictReader(fh))
    assert len(labels) == 150 and 0.25 < sum(not r["report_ref"] for r in labels) / 150 < 0.55
