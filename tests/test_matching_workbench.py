"""Matching inside the workbench: candidates stored, refreshed on change, decisions respected, CLI contract."""
import json

import pytest

from sqlalchemy import select

from tracing import matching
from tracing.models import Candidate, Intake, MissingReport

REPORTS = """ref,name,alt_names,sex,birth_date,hometown,missing_date,missing_place,height_cm,features,dialect,contact_phone,photos
R1,刘建国,老三,男,1959,湖南省永州市双牌县东岭村,2019-05-01,永州火车站,168,左手缺小指,湖南口音,13800000001,
R2,王建华,,男,1960,四川省南充市顺庆区,2018-03-02,成都,170,,四川话,13900000002,
R3,陈秀英,,女,1970,广东省梅州市,2020-01-01,广州,155,,客家话,13900000003,
R4,刘建军,,男,1985,河北省保定市,2021-01-01,北京,180,,,13900000004,
"""
INTAKES = """ref,name,sex,age_estimate,found_date,found_place,height_cm,features,dialect,place_hints,photos
I1,牛建国,男,约65岁,2024-06-01,广州火车站,170,左手小拇指残缺,湖南口音,双牌;河边,
I2,,女,五十来岁,2024-07-01,深圳,156,,客家话,梅州,
"""


def _import(app, tmp_path):
    (tmp_path / "r.csv").write_text(REPORTS, encoding="utf-8")
    (tmp_path / "i.csv").write_text(INTAKES, encoding="utf-8")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import", "reports", str(tmp_path / "r.csv")]).exit_code == 0
    assert runner.invoke(args=["import", "intakes", str(tmp_path / "i.csv")]).exit_code == 0
    return runner


def _top(db, intake_ref):
    rows = db.execute(select(MissingReport.ref, Candidate.score, Candidate.rank, Candidate.review_status)
                      .join(Candidate, Candidate.report_id == MissingReport.id)
                      .join(Intake, Intake.id == Candidate.intake_id)
                      .where(Intake.ref == intake_ref).order_by(Candidate.rank)).all()
    return rows


def test_dialect_heard_name_and_no_name_intakes_get_their_report_first(app, db, tmp_path):
    runner = _import(app, tmp_path)
    result = runner.invoke(args=["match", "--all", "--top", "5"])
    assert result.exit_code == 0, result.output
    assert _top(db, "I1")[0][0] == "R1"
    assert _top(db, "I2")[0][0] == "R3"       # no name: accent + place hint + sex + age decide


def test_candidates_export_writes_the_contract_fields(app, db, tmp_path):
    runner = _import(app, tmp_path)
    runner.invoke(args=["match", "--all"])
    out = tmp_path / "c.jsonl"
    result = runner.invoke(args=["candidates", "export", str(out), "--top", "3"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all({"intake_ref", "report_ref", "score", "rank", "components"} <= set(r) for r in rows)
    assert all(0.0 <= r["score"] <= 1.0 and r["rank"] <= 3 for r in rows)
    first = next(r for r in rows if r["intake_ref"] == "I1" and r["rank"] == 1)
    assert first["report_ref"] == "R1" and first["score"] > 0.5
    assert any(c["comparison"] == "name" and c["explanation"] for c in first["components"])


def test_match_intake_prints_ranked_explanations(app, tmp_path):
    runner = _import(app, tmp_path)
    result = runner.invoke(args=["match", "--intake", "I1", "--top", "2"])
    assert result.exit_code == 0, result.output
    assert "R1" in result.output.splitlines()[1] and "姓名" in result.output


def test_rejected_pair_never_resurfaces_and_keeps_its_status(app, db, tmp_path):
    runner = _import(app, tmp_path)
    runner.invoke(args=["match", "--all"])
    cand = db.execute(select(Candidate).join(Intake).where(Intake.ref == "I1", Candidate.rank == 1)).scalar_one()
    cand.review_status = "rejected"
    db.commit()
    runner.invoke(args=["match", "--all"])
    rows = _top(db, "I1")
    r1 = [r for r in rows if r[0] == "R1"]
    assert len(r1) == 1 and r1[0][3] == "rejected"


def test_new_report_created_on_the_web_reaches_the_waiting_intake(app, db, login, tmp_path):
    _import(app, tmp_path)
    staff = login("staff")
    staff.post("/intakes/new", data={"ref": "I9", "name": "黄小明", "sex": "男", "age_estimate": "约30岁",
                                     "dialect": "广东话", "place_hints": "湛江", "status": "在站"})
    assert all(r[0] != "R9" for r in _top(db, "I9"))
    staff.post("/reports/new", data={"ref": "R9", "name": "王小明", "sex": "男", "birth_date": "1994",
                                     "hometown": "广东省湛江市", "source": "family", "status": "open"})
    assert _top(db, "I9")[0][0] == "R9"        # huang/wang heard through Cantonese


def test_saved_index_is_reused_after_restart_and_caught_up(app, db, tmp_path):
    _import(app, tmp_path)
    with app.app_context():
        with app.extensions["db_sessionmaker"]() as s:
            assert len(matching.engine_for(app, s).index) == 4
            matching.rebuild_index(app, s)
    matching.forget_engine(app)
    (tmp_path / "r2.csv").write_text(REPORTS.splitlines()[0] + "\nR5,李四,,男,1990,,,,,,,,\n", encoding="utf-8")
    app.test_cli_runner().invoke(args=["import", "reports", str(tmp_path / "r2.csv")])
    with app.app_context():
        with app.extensions["db_sessionmaker"]() as s:
            assert len(matching.engine_for(app, s).index) == 5


def test_reports_sharing_one_import_timestamp_are_indexed_once_not_on_every_ranking(app, db, tmp_path):
    _import(app, tmp_path)          # one import batch: every report has the same updated_at
    with app.app_context():
        with app.extensions["db_sessionmaker"]() as s:
            matching.engine_for(app, s)
            state = app.extensions["match_engine"]
            before = state.changed_since_save
            for _ in range(5):
                matching.engine_for(app, s)
            assert state.changed_since_save == before          # nothing re-indexed
            report = s.execute(select(MissingReport).where(MissingReport.ref == "R2")).scalar_one()
            report.hometown = "湖南省衡阳市"
            s.commit()
            matching.engine_for(app, s)
            assert state.changed_since_save == before + 1      # exactly the edited report


def test_index_built_in_worker_processes_equals_the_one_process_build(app, db, tmp_path):
    """At 1M reports the build is split by id range over processes; the merged index must be the
    same, array for array, and leave closed reports out just the same."""
    import numpy as np
    from tracing.index_build import build_index
    _import(app, tmp_path)
    closed = db.execute(select(MissingReport).where(MissingReport.ref == "R4")).scalar_one()
    closed.status = "closed"
    db.commit()
    with app.extensions["db_sessionmaker"]() as s:
        app.config.update(MATCH_INDEX_WORKERS=1)
        one = build_index(app, s)
        app.config.update(MATCH_INDEX_WORKERS=2, MATCH_INDEX_PARALLEL_MIN=1, MATCH_INDEX_PART_ROWS=2)
        split = build_index(app, s)
    assert len(one) == len(split) == 3
    assert one.vocab == split.vocab
    for name in ("ids", "sex", "birth_year", "height", "missing_ord", "fwd_off", "fwd_keys", "inv_off", "inv_slots"):
        assert np.array_equal(getattr(one, name), getattr(split, name)), name


def _build_index_in(url: str, instance: str, out) -> None:
    """Runs in a daemonic process, as in a Huey process worker."""
    try:
        from tracing import create_app
        from tracing.index_build import build_index
        app = create_app({"INSTANCE_PATH": instance, "DATABASE_URL": url, "SECRET_KEY": "x",
                          "MATCH_INDEX_WORKERS": 2, "MATCH_INDEX_PARALLEL_MIN": 1, "MATCH_INDEX_PART_ROWS": 2})
        with app.extensions["db_sessionmaker"]() as s:
            out.put(len(build_index(app, s)))
        app.extensions["db_engine"].dispose()
    except BaseException as exc:            # reported to the test, which fails with it
        out.put(repr(exc))


def test_a_task_queue_worker_builds_the_index_in_process_since_it_may_not_start_children(app, tmp_path):
    """Huey's process workers are daemonic, and a daemonic process may not have children."""
    import multiprocessing
    _import(app, tmp_path)
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    url = app.extensions["db_engine"].url.render_as_string(hide_password=False)
    proc = ctx.Process(target=_build_index_in, args=(url, str(tmp_path / "inst2"), out), daemon=True)
    proc.start()
    result = out.get(timeout=120)
    proc.join(30)
    assert result == 4


def test_match_all_lowers_pending_scores_where_chance_agreements_are_commoner_and_leaves_decided_pairs(
        app, db, tmp_path):
    runner = _import(app, tmp_path)
    # namesakes from the same county: runners-up that score high
    (tmp_path / "r2.csv").write_text(REPORTS.splitlines()[0] + "\n" + "\n".join(
        f"R{k},刘建国,,男,{1957 + k % 4},湖南省永州市{town},2019-0{k % 9 + 1}-01,永州,{166 + k % 5},,湖南口音,1380000{k:04d},"
        for k, town in enumerate(("双牌县江村镇", "双牌县何家洞镇", "双牌县五里牌镇", "双牌县茶林镇", "双牌县麻江乡"),
                                 start=5)) + "\n",
        encoding="utf-8")
    assert runner.invoke(args=["import", "reports", str(tmp_path / "r2.csv")]).exit_code == 0
    from matchers.chance import EDGES
    model = matching.model_for(app)
    model.weights.chance_tail = {}                  # first without a reference: nothing to shift against
    assert runner.invoke(args=["match", "--all"]).exit_code == 0
    before = {(r[0], r[2]): r[1] for r in _top(db, "I1")}
    scores = {(c.intake_id, c.report_id): c.score for c in db.execute(select(Candidate)).scalars()}
    decided = db.execute(select(Candidate).join(Intake).where(Intake.ref == "I1", Candidate.rank == 2)).scalar_one()
    decided_key = (decided.report.ref, 2)
    decided.review_status = "rejected"
    db.commit()
    # a reference under which this database's runners-up are far commoner than in the synthetic world
    model.weights.chance_tail = {"edges": list(EDGES), "sizes": [20000],
                                 "rates": [[1e-3 * (len(EDGES) - k) for k in range(len(EDGES))]],
                                 "prior_intakes": 1, "prior_runners_up": 0.01}
    assert runner.invoke(args=["match", "--all"]).exit_code == 0
    saved = json.loads(matching._chance_path(app).read_text(encoding="utf-8"))
    assert saved["tail"]["intakes"] == 2 and max(saved["shift"]["bits"]) > 1.0
    after = _top(db, "I1")
    assert [(r[0], r[2]) for r in after] == list(before)            # same order
    assert [r[1] for r in after if r[3] == "rejected"] == [before[decided_key]]   # a decided pair stays
    db.expire_all()
    pending = db.execute(select(Candidate).where(Candidate.review_status == "pending")).scalars().all()
    lowered = [c for c in pending if any(x["comparison"] == "chance" and x["weight"] < 0 for x in c.components)]
    assert lowered and all("合成基准" in next(x["explanation"] for x in c.components if x["comparison"] == "chance")
                           for c in lowered)
    assert all(c.score < scores[(c.intake_id, c.report_id)] for c in lowered)
    assert any(c.report.ref == "R1" for c in lowered)           # the namesakes' own report, less certain
    # the reference gone, the next run takes the shift back off
    model.weights.chance_tail = {}
    assert runner.invoke(args=["match", "--all"]).exit_code == 0
    assert {(r[0], r[2]): r[1] for r in _top(db, "I1")} == pytest.approx(before)
    assert json.loads(matching._chance_path(app).read_text(encoding="utf-8"))["shift"] is None
