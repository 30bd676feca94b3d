"""The matching benchmark pools several evaluation seeds without losing a count."""
import json

from bench import bench_matching


def test_two_seeds_pool_their_false_alarms_and_intakes(tmp_path):
    out = tmp_path / "matching.json"
    assert bench_matching.main(["--sizes", "1500", "--intakes", "80", "--seeds", "909,910",
                                "--compare-intakes", "20", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    per_seed = data["results"]
    assert [r["seed"] for r in per_seed] == [909, 910]
    # the slow baseline scans run on the first seed only
    assert "fuzzy_pinyin" in per_seed[0]["methods"] and "fuzzy_pinyin" not in per_seed[1]["methods"]
    (pool,) = data["pooled"]
    eng = pool["engine"]
    assert pool["intakes"] == 160
    assert eng["no_report_intakes"] == sum(r["methods"]["engine"]["no_report_intakes"] for r in per_seed)
    assert eng["false_alarms"] == sum(r["methods"]["engine"]["false_alarms"] for r in per_seed)
    lo, hi = eng["false_alarm_ci95"]
    assert 0 <= lo <= eng["false_alarm_rate"] <= hi <= 1
    assert sum(b["n"] for b in eng["calibration"]) == sum(
        b["n"] for r in per_seed for b in r["methods"]["engine"]["calibration"])
    assert "_raw" not in per_seed[0]


def test_wilson_interval_covers_the_share_and_narrows_with_more_data():
    lo1, hi1 = bench_matching.wilson(30, 1000)
    lo2, hi2 = bench_matching.wilson(120, 4000)
    assert lo1 < 0.03 < hi1 and lo2 < 0.03 < hi2
    assert hi2 - lo2 < hi1 - lo1
    assert bench_matching.wilson(0, 0) == (0.0, 1.0)


def test_headroom_check_runs_and_reports_every_scoring(capsys):
    from bench import headroom
    assert headroom.main(["--reports", "1500", "--cal-intakes", "150", "--intakes", "100", "--cap", "300"]) == 0
    out = capsys.readouterr().out
    assert "fitted scales: name" in out
    for row in ("engine ", "scaled ", "cap 300 "):
        assert row in out and "false alarms" in out.split(row, 1)[1].splitlines()[0]
