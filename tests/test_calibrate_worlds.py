"""Calibration pooled over two worlds (bench/calibrate_worlds.py): the blind world is read
through the workbench's own CSV parsing, its pairs weigh the share asked for, and the
weights file keeps everything but the photo-less maps."""
import json

import numpy as np

from bench import calibrate_worlds
from bench.blind_world import generate
from matchers.model import FACE_STRATUM, Weights


def test_pooled_pairs_give_the_second_world_the_share_asked():
    a = (np.zeros(900), np.zeros(900, dtype=int), ["x"] * 900)
    b = (np.ones(100), np.ones(100, dtype=int), ["y"] * 100)
    for share in (0.1, 0.15, 0.5):
        x, y, lab = calibrate_worlds.pooled(a, b, share)
        assert abs(y.mean() - share) < 0.03
        assert len(x) == len(y) == len(lab)


def test_blind_world_is_read_as_the_importer_reads_it_and_refused_rows_are_dropped(tmp_path):
    generate(300, 60, 7, str(tmp_path))
    path = tmp_path / "reports.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cols = lines[1].split(",")
    cols[4] = "not a date"                  # birth_date
    lines[1] = ",".join(cols)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reports, intakes, truth = calibrate_worlds.blind_records(tmp_path)
    assert len(reports) == 299 and len(intakes) == 60
    refs = {r.ref for r in reports}
    linked = [v for v in truth.values() if v]
    assert linked and sum(v in refs for v in linked) >= len(linked) - 1


def test_refit_keeps_face_curves_and_records_the_worlds(tmp_path):
    src = Weights.load("matchers/weights.json")
    src_maps = {m["reports"]: m for m in src.calibration["maps"]}
    out = tmp_path / "w.json"
    assert calibrate_worlds.main(["--out", str(out), "--sizes", "20000", "--synth-intakes", "300",
                                  "--blind-intakes", "300", "--blind-share", "0.2", "--quiet"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    maps = {m["reports"]: m for m in data["calibration"]["maps"]}
    cmap = maps[20000]
    assert cmap["reports"] == 20000 and cmap["worlds"]["blind"]["share"] == 0.2
    # the sizes not asked for keep their maps, so one size can be refitted alone
    assert sorted(maps) == sorted(src_maps) == data["calibration"]["sizes"]
    assert all(maps[size] == src_maps[size] for size in src_maps if size != 20000)
    old_face = {k: v for k, v in src_maps[20000]["curves"].items() if k.startswith("face")}
    assert old_face and all(cmap["curves"][k] == v for k, v in old_face.items())
    assert any(k.startswith(FACE_STRATUM) for k in cmap["strata"])
    assert data["comparisons"] == json.loads(open("matchers/weights.json", encoding="utf-8").read())["comparisons"]
