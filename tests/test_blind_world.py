"""The blind worlds (bench/blind_world.py … blind_world6.py), each written by a hand that
had read neither our generator nor our parsers (nor the other blind world): every row they
write must import, whatever phrasing they chose (phones with who answers, dates as
"2010年5月", heights as "一米七", sexes as "男孩"…)."""
import csv
import subprocess
import sys

import pytest

from tracing import importer


@pytest.mark.parametrize("world", ["bench.blind_world", "bench.blind_world2", "bench.blind_world3",
                                   "bench.blind_world4", "bench.blind_world5", "bench.blind_world6"])
def test_blind_world_is_deterministic_and_imports_without_a_row_error(app, db, tmp_path, world):
    for out in ("a", "b"):
        subprocess.run([sys.executable, "-m", world, "--reports", "400", "--intakes", "150",
                        "--seed", "3", "--out", str(tmp_path / out)], check=True, capture_output=True)
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
