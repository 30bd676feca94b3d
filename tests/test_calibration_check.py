"""The station's own decisions as a check of the scores' calibration."""
import json
import random

from sqlalchemy import select

from tracing import records
from tracing.calibration_check import calibration_by_band
from tracing.models import Candidate


def _decided_pairs(db, decisions):
    """decisions: (score, review_status) per pair; each pair gets its own intake and report."""
    for i, (score, status) in enumerate(decisions):
        intake = records.create(db, "intake", {"ref": f"I{i}", "name": "甲"})
        report = records.create(db, "report", {"ref": f"R{i}", "name": "乙", "source": "family"})
        db.add(Candidate(intake_id=intake.id, report_id=report.id, score=score, review_status=status))
    db.commit()


def test_a_band_confirmed_as_often_as_its_scores_say_is_ok_and_one_confirmed_far_less_is_too_high(app, db):
    rng = random.Random(3)
    pairs = [(0.81 + rng.random() * 0.08, "confirmed" if i < 17 else "rejected") for i in range(20)]   # 85%
    pairs += [(0.75 + rng.random() * 0.04, "confirmed" if i < 2 else "rejected") for i in range(25)]  # 8%
    pairs += [(0.15, "pending")] * 5 + [(0.55, "needs_contact")] * 3          # no label yet: left out
    _decided_pairs(db, pairs)
    bands = {round(b.low, 1): b for b in calibration_by_band(db)}
    assert (bands[0.8].decided, bands[0.8].confirmed, bands[0.8].verdict) == (20, 17, "ok")
    assert (bands[0.7].decided, bands[0.7].confirmed, bands[0.7].verdict) == (25, 2, "too_high")
    assert bands[0.1].decided == 0 and bands[0.1].verdict == "too_few"
    assert bands[0.5].decided == 0


def test_a_band_confirmed_far_more_often_than_its_scores_say_is_too_low(app, db):
    _decided_pairs(db, [(0.31, "confirmed")] * 18 + [(0.33, "rejected")] * 2)
    band = calibration_by_band(db)[3]
    assert band.verdict == "too_low" and band.share == 0.9


def test_cli_prints_every_band_as_json(app, db):
    _decided_pairs(db, [(0.95, "confirmed")] * 12)
    result = app.test_cli_runner().invoke(args=["candidates", "calibration", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 10
    assert rows[9] == {"band": [0.9, 1.0], "decided": 12, "confirmed": 12, "share": 1.0,
                       "interval": [rows[9]["interval"][0], 1.0], "verdict": "ok"}
    table = app.test_cli_runner().invoke(args=["candidates", "calibration"])
    assert "0.9–1.0" in table.output and "相符" in table.output


def test_volunteers_see_the_score_check_page_and_guests_do_not(app, db, users, login):
    _decided_pairs(db, [(0.75, "rejected")] * 12)
    page = login("volunteer").get("/review/calibration")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "70–80%" in html and "分数偏高" in html
    assert app.test_client().get("/review/calibration").status_code in (302, 401, 403)


def test_since_keeps_only_pairs_decided_after_new_weights_were_installed(app, db):
    from datetime import datetime, timezone
    _decided_pairs(db, [(0.95, "rejected")] * 12 + [(0.95, "confirmed")] * 11)
    for cand in db.execute(select(Candidate)).scalars():
        when = datetime(2025, 3, 1) if cand.review_status == "rejected" else datetime(2026, 6, 1)
        cand.decided_at = when.replace(tzinfo=timezone.utc)
    db.commit()
    result = app.test_cli_runner().invoke(args=["candidates", "calibration", "--json", "--since", "2026-01-01"])
    assert result.exit_code == 0, result.output
    top = json.loads(result.output.splitlines()[9])
    assert (top["decided"], top["confirmed"], top["verdict"]) == (11, 11, "ok")
    everything = calibration_by_band(db)[9]
    assert (everything.decided, everything.verdict) == (23, "too_high")


def test_a_score_on_a_band_edge_counts_in_the_band_it_opens(app, db):
    # 0.3 / 0.1 is 2.9999999999999996 in floating point: the band is found from its edges
    _decided_pairs(db, [(0.3, "confirmed"), (0.7, "rejected"), (1.0, "confirmed")])
    bands = calibration_by_band(db)
    assert (bands[2].decided, bands[3].decided) == (0, 1)
    assert (bands[6].decided, bands[7].decided) == (0, 1)
    assert bands[9].decided == 1
