"""The review workbench: decisions, two-person confirmation, undo, concurrency, privacy and public tips."""
import io
import re
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from tracing import matching, review
from tracing.models import (
    AuditEvent,
    Candidate,
    Intake,
    MissingReport,
    Photo,
    PoliceRequest,
    Review,
    SearchNotice,
    Tip,
    User,
)

REPORTS = """ref,name,alt_names,sex,birth_date,hometown,missing_date,missing_place,height_cm,features,dialect,contact_phone,photos
R1,刘建国,老三,男,1959,湖南省永州市双牌县东岭村,2019-05-01,永州火车站,168,左手缺小指,湖南口音,13812345678,
R2,王建华,,男,1960,四川省南充市顺庆区,2018-03-02,成都,170,,四川话,13900000002,
R3,陈秀英,,女,1970,广东省梅州市,2020-01-01,广州,155,,客家话,13900000003,
R4,刘建军,,男,1962,湖南省永州市,2021-01-01,北京,170,,湖南口音,13900000004,
"""
INTAKES = """ref,name,sex,age_estimate,found_date,found_place,height_cm,features,dialect,place_hints,photos
I1,牛建国,男,约65岁,2024-06-01,广州火车站,170,左手小拇指残缺,湖南口音,双牌;河边,
I2,,女,五十来岁,2024-07-01,深圳,156,,客家话,梅州,
"""
ID_NUMBER = "11010519491231002X"


def _import(app, tmp_path):
    (tmp_path / "r.csv").write_text(REPORTS, encoding="utf-8")
    (tmp_path / "i.csv").write_text(INTAKES, encoding="utf-8")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["import", "reports", str(tmp_path / "r.csv")]).exit_code == 0
    assert runner.invoke(args=["import", "intakes", str(tmp_path / "i.csv")]).exit_code == 0


def _rematch(app, intake_id):
    with app.app_context():
        matching.refresh_for_record(app, "intake", intake_id)


def _session(app):
    return app.extensions["db_sessionmaker"]()


def _pair(db, intake_ref, report_ref):
    return db.execute(select(Candidate).join(Intake, Intake.id == Candidate.intake_id)
                      .join(MissingReport, MissingReport.id == Candidate.report_id)
                      .where(Intake.ref == intake_ref, MissingReport.ref == report_ref)).scalar_one_or_none()


def _matched(app, db, tmp_path):
    """I1 and I2 imported and matched by the real engine; returns the I1↔R1 candidate."""
    _import(app, tmp_path)
    for (iid,) in db.execute(select(Intake.id)).all():
        _rematch(app, iid)
    cand = _pair(db, "I1", "R1")
    assert cand is not None and cand.review_status == "pending"
    return cand


def _do(app, fn, *args, **kw):
    """Run one review function in its own transaction, as a request would."""
    with _session(app) as s:
        args = [s.get(User, a.id) if isinstance(a, User) else a for a in args]
        result = fn(s, *args, **kw)
        s.commit()
        return result


def _status(db, cand_id):
    db.expire_all()
    return db.get(Candidate, cand_id).review_status


def test_rejected_pair_never_resurfaces_after_rematching(app, db, users, tmp_path):
    cand = _matched(app, db, tmp_path)
    with pytest.raises(review.ReviewError, match="理由"):
        _do(app, review.decide, cand.id, users["volunteer"], "reject", "  ", cand.version)
    _do(app, review.decide, cand.id, users["volunteer"], "reject", "家属说左手完好", cand.version)
    intake_id = cand.intake_id
    _rematch(app, intake_id)
    _rematch(app, intake_id)
    db.expire_all()
    pairs = db.execute(select(Candidate).where(Candidate.intake_id == intake_id,
                                               Candidate.report_id == cand.report_id)).scalars().all()
    assert [(c.id, c.review_status) for c in pairs] == [(cand.id, "rejected")]
    assert review.is_decided(pairs[0])
    with _session(app) as s:
        queued = [c.id for c in review.queue_page(s, review.QueueFilters(status="pending"), 1, 100)[0]]
        nxt = review.claim_next(s, s.get(User, users["volunteer"].id), review.QueueFilters())
        s.commit()
    assert cand.id not in queued and (nxt is None or nxt.id != cand.id)
    ev = db.execute(select(AuditEvent).where(AuditEvent.object_type == "candidate", AuditEvent.object_id == cand.id,
                                             AuditEvent.action == "candidate.reject")).scalar_one()
    assert "家属说左手完好" in ev.details and ev.actor == "volunteer"


def test_confirmation_needs_a_second_person_with_the_staff_role(app, db, users, tmp_path):
    cand = _matched(app, db, tmp_path)
    _do(app, review.decide, cand.id, users["staff"], "confirm", "左手特征一致", cand.version)
    assert _status(db, cand.id) == "confirm_pending"
    with pytest.raises(review.NotAllowed):
        _do(app, review.approve_confirmation, cand.id, users["volunteer"])
    with pytest.raises(review.NotAllowed, match="另一名"):
        _do(app, review.approve_confirmation, cand.id, users["staff"])
    assert _status(db, cand.id) == "confirm_pending"
    _do(app, review.approve_confirmation, cand.id, users["staff2"])
    assert _status(db, cand.id) == "confirmed"


def test_approval_identifies_the_person_closes_the_report_and_sets_other_pairs_aside(app, db, users, tmp_path):
    cand = _matched(app, db, tmp_path)
    # a second intake also proposed for R1, and another report for I1
    others = db.execute(select(Candidate).where(Candidate.id != cand.id, (Candidate.intake_id == cand.intake_id)
                                                | (Candidate.report_id == cand.report_id))).scalars().all()
    assert others, "the engine proposes more than one pair for I1"
    rejected = others[0]
    _do(app, review.decide, rejected.id, users["volunteer"], "reject", "性别不符", rejected.version)
    _do(app, review.decide, cand.id, users["volunteer"], "confirm", "", cand.version)
    result = _do(app, review.approve_confirmation, cand.id, users["staff"])
    db.expire_all()
    assert db.get(Intake, cand.intake_id).status == "已寻亲"
    assert db.get(MissingReport, cand.report_id).status == "closed"
    assert db.get(Candidate, rejected.id).review_status == "rejected"          # a decision stays as it was
    for o in others[1:]:
        assert db.get(Candidate, o.id).review_status == "set_aside"
    assert sorted(result.set_aside) == sorted(o.id for o in others[1:])
    actions = db.execute(select(AuditEvent.action, AuditEvent.object_type).where(
        AuditEvent.action.in_(["candidate.approve", "candidate.set_aside", "update"]))).all()
    assert ("candidate.approve", "candidate") in actions
    assert ("update", "intake") in actions and ("update", "report") in actions
    assert actions.count(("candidate.set_aside", "candidate")) == len(others) - 1


def test_approval_withdraws_the_published_notices_of_the_person(app, db, users, tmp_path):
    cand = _matched(app, db, tmp_path)
    db.add(SearchNotice(intake_id=cand.intake_id, notice_no="GG-1", public_token="tok-pub", status="published",
                        published_at=datetime.now(timezone.utc)))
    db.commit()
    _do(app, review.decide, cand.id, users["volunteer"], "confirm", "", cand.version)
    result = _do(app, review.approve_confirmation, cand.id, users["staff"])
    db.expire_all()
    notice = db.execute(select(SearchNotice)).scalar_one()
    assert notice.status == "withdrawn"


def test_undo_is_for_staff_only_and_restores_every_status(app, db, users, tmp_path):
    cand = _matched(app, db, tmp_path)
    before = {c.id: c.review_status for c in db.execute(select(Candidate)).scalars()}
    _do(app, review.decide, cand.id, users["volunteer"], "confirm", "", cand.version)
    rv = _do(app, review.approve_confirmation, cand.id, users["staff"]).review
    with pytest.raises(review.NotAllowed):
        _do(app, review.undo, rv.id, users["volunteer"], "")
    with pytest.raises(review.NotAllowed):
        _do(app, review.undo, rv.id, users["publisher"], "")
    result = _do(app, review.undo, rv.id, users["staff2"], "家属视频后否认")
    db.expire_all()
    assert {c.id: c.review_status for c in db.execute(select(Candidate)).scalars()} == before
    assert db.get(Intake, cand.intake_id).status == "在站"
    assert db.get(MissingReport, cand.report_id).status == "open"
    assert db.get(Review, rv.id).undone_by_id == users["staff2"].id
    assert result.restored["status"] == ["confirmed", "pending"]
    ev = db.execute(select(AuditEvent).where(AuditEvent.action == "candidate.undo")).scalar_one()
    assert ev.actor == "staff2" and "家属视频后否认" in ev.details
    with pytest.raises(review.ConflictError):
        _do(app, review.undo, rv.id, users["staff"], "")


def test_needs_comparison_creates_a_draft_police_request_and_undo_removes_it(app, db, users, tmp_path):
    cand = _matched(app, db, tmp_path)
    rv = _do(app, review.decide, cand.id, users["volunteer"], "needs_comparison", "请做DNA比对", cand.version)
    pr = db.execute(select(PoliceRequest)).scalar_one()
    assert pr.status == "draft" and sorted(pr.kinds) == ["dna", "fingerprint", "portrait"]
    assert pr.intake_id == cand.intake_id and pr.candidate_id == cand.id and pr.ref_no
    _do(app, review.undo, rv.id, users["staff"], "")
    db.expire_all()
    assert db.execute(select(func.count(PoliceRequest.id))).scalar_one() == 0
    assert _status(db, cand.id) == "pending"


def test_only_the_latest_decision_can_be_undone(app, db, users, tmp_path):
    cand = _matched(app, db, tmp_path)
    first = _do(app, review.decide, cand.id, users["volunteer"], "needs_contact", "先联系家属", cand.version)
    db.expire_all()
    second = _do(app, review.decide, cand.id, users["volunteer"], "reject", "家属说不是", db.get(Candidate, cand.id).version)
    with pytest.raises(review.ReviewError, match="最近"):
        _do(app, review.undo, first.id, users["staff"], "")
    _do(app, review.undo, second.id, users["staff"], "")
    assert _status(db, cand.id) == "needs_contact"


def test_two_reviewers_deciding_at_once_one_wins_and_the_other_is_told(app, db, users, tmp_path):
    cand = _matched(app, db, tmp_path)
    version = cand.version
    barrier = threading.Barrier(2)
    outcome = {}

    def reviewer(name, decision, reason):
        with _session(app) as s:
            user = s.execute(select(User).where(User.username == name)).scalar_one()
            s.commit()          # end the read transaction: on SQLite it holds the write lock (BEGIN IMMEDIATE)
            barrier.wait(30)
            try:
                review.decide(s, cand.id, user, decision, reason, version)
                s.commit()
                outcome[name] = "ok"
            except review.ConflictError as exc:
                s.rollback()
                outcome[name] = str(exc)

    threads = [threading.Thread(target=reviewer, args=("volunteer", "reject", "口音不对")),
               threading.Thread(target=reviewer, args=("staff", "confirm", "特征一致"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(v == "ok" for v in outcome.values()) == [False, True], outcome
    winner = next(k for k, v in outcome.items() if v == "ok")
    loser_message = next(v for v in outcome.values() if v != "ok")
    assert "没有保存" in loser_message
    reviews = db.execute(select(Review).where(Review.candidate_id == cand.id)).scalars().all()
    assert len(reviews) == 1 and db.get(User, reviews[0].user_id).username == winner
    assert _status(db, cand.id) == {"volunteer": "rejected", "staff": "confirm_pending"}[winner]


def test_a_decision_on_an_outdated_page_is_refused_with_who_decided(app, db, users, tmp_path):
    cand = _matched(app, db, tmp_path)
    seen = cand.version
    _do(app, review.decide, cand.id, users["staff"], "needs_contact", "", seen)
    with pytest.raises(review.ConflictError, match="staff user"):
        _do(app, review.decide, cand.id, users["volunteer"], "reject", "不像", seen)
    assert _status(db, cand.id) == "needs_contact"


def test_claims_hand_each_reviewer_a_different_pair_and_expire(app, db, users, tmp_path):
    _matched(app, db, tmp_path)
    with _session(app) as s:
        v, st = s.get(User, users["volunteer"].id), s.get(User, users["staff"].id)
        a = review.claim_next(s, v)
        b = review.claim_next(s, st)
        s.commit()
        assert a is not None and b is not None and a.id != b.id
        with pytest.raises(review.ConflictError, match="审核中"):
            review.decide(s, a.id, st, "reject", "不像", a.version)
        s.rollback()
        later = datetime.now(timezone.utc) + timedelta(minutes=review.CLAIM_MINUTES + 1)
        assert review.claim(s, a.id, st, now=later)
        s.commit()


def test_queue_puts_people_longer_in_the_station_first_within_a_probability_band(app, db, users):
    from tracing import records
    now = datetime.now(timezone.utc)
    old = records.create(db, "intake", {"ref": "OLD", "name": "甲"}, extra={"admitted_at": now - timedelta(days=900)})
    new = records.create(db, "intake", {"ref": "NEW", "name": "乙"}, extra={"admitted_at": now - timedelta(days=2)})
    rep = records.create(db, "report", {"ref": "RX", "name": "丙", "source": "family"})
    rep2 = records.create(db, "report", {"ref": "RY", "name": "丁", "source": "family"})
    db.add_all([Candidate(intake_id=new.id, report_id=rep.id, score=0.87),
                Candidate(intake_id=old.id, report_id=rep2.id, score=0.81),
                Candidate(intake_id=old.id, report_id=rep.id, score=0.42)])
    db.commit()
    with _session(app) as s:
        order = [(c.intake.ref, c.score) for c in review.queue_page(s, review.QueueFilters())[0]]
        high = [(c.intake.ref) for c in review.queue_page(s, review.QueueFilters(band="high"))[0]]
    assert order == [("OLD", 0.81), ("NEW", 0.87), ("OLD", 0.42)]
    assert high == ["OLD", "NEW"]


# ---------------------------------------------------------------- web

def _review_page_of(db, client, cand):
    return client.get(f"/review/{cand.id}").get_data(as_text=True)


def test_volunteer_review_page_hides_family_phone_and_id_numbers(app, db, users, login, tmp_path):
    cand = _matched(app, db, tmp_path)
    report = db.get(MissingReport, cand.report_id)
    report.id_number = ID_NUMBER
    db.commit()
    vol = _review_page_of(db, login("volunteer"), cand)
    assert "刘建国" in vol and "双牌" in vol
    for secret in ("13812345678", "5678", ID_NUMBER, "1949"):
        assert secret not in vol
    staff = _review_page_of(db, login("staff"), cand)
    assert "13812345678" in staff and ID_NUMBER in staff
    views = db.execute(select(AuditEvent.details).where(AuditEvent.action == "view",
                                                        AuditEvent.object_type == "candidate")).scalars().all()
    assert any('"sensitive_shown":false' in d for d in views) and any('"sensitive_shown":true' in d for d in views)


def test_review_page_shows_both_sides_pinyin_and_the_score_explanation(app, db, users, login, tmp_path):
    cand = _matched(app, db, tmp_path)
    page = _review_page_of(db, login("volunteer"), cand)
    assert "niu jian guo" in page and "liu jian guo" in page
    assert "发现时约 65 岁" in page                     # born 1959, found 2024
    assert 'class="waterfall"' in page and "姓名" in page
    assert "快捷键" in page and 'data-key="x"' in page


def test_volunteer_works_the_queue_over_http_and_cannot_approve(app, db, users, login, tmp_path):
    cand = _matched(app, db, tmp_path)
    vol = login("volunteer")
    resp = vol.post("/review/next", data={})
    assert resp.status_code == 302 and re.search(r"/review/\d+", resp.headers["Location"])
    first_id = int(re.search(r"/review/(\d+)", resp.headers["Location"]).group(1))
    page = vol.get(resp.headers["Location"]).get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    resp = vol.post(f"/review/{first_id}/decide", data={"decision": "reject", "reason": "", "version": version})
    assert resp.status_code == 303
    assert "排除必须填写理由" in vol.get(resp.headers["Location"]).get_data(as_text=True)
    assert _status(db, first_id) == "pending"
    resp = vol.post(f"/review/{first_id}/decide", data={"decision": "confirm", "reason": "手指特征一致",
                                                         "version": version, "advance": "1"})
    assert resp.status_code == 303 and _status(db, first_id) == "confirm_pending"
    assert vol.post(f"/review/{first_id}/approve", data={}).status_code == 403
    assert vol.get("/review/approvals").status_code == 403
    staff = login("staff")
    assert f"/review/{first_id}" in staff.get("/review/approvals").get_data(as_text=True)
    staff.post(f"/review/{first_id}/approve", data={})
    assert _status(db, first_id) == "confirmed"


def test_dashboard_shows_counts_per_review_status(app, db, users, login, tmp_path):
    _matched(app, db, tmp_path)
    page = login("volunteer").get("/dashboard").get_data(as_text=True)
    n = db.execute(select(func.count(Candidate.id)).where(Candidate.review_status == "pending")).scalar_one()
    assert f"去审核候选（{n}）" in page and "待审核" in page


# ---------------------------------------------------------------- tips

def _notice(db, status):
    from tracing import records
    intake = records.create(db, "intake", {"ref": f"N-{status}", "name": "某人"})
    n = SearchNotice(intake_id=intake.id, notice_no=f"GG-{status}", public_token=f"tok-{status}", status=status)
    db.add(n)
    db.commit()
    return n


def test_logged_out_visitor_reaches_only_the_tip_form_and_published_notices(app, db, users):
    client = app.test_client()
    _notice(db, "published")
    _notice(db, "draft")
    _notice(db, "withdrawn")
    assert client.get("/tips/new").status_code == 200
    page = client.get("/tips/new?notice=tok-published").get_data(as_text=True)
    assert "GG-published" in page and 'name="website"' in page
    assert client.get("/tips/new?notice=tok-draft").status_code == 404
    assert client.get("/tips/new?notice=tok-withdrawn").status_code == 404
    for url in ("/review/", "/tips/", "/review/approvals", "/intakes/"):
        resp = client.get(url)
        assert resp.status_code == 302 and "/login" in resp.headers["Location"], url


def _public_client(app, ip="203.0.113.7"):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = ip
    page = client.get("/tips/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client, token


def test_tip_lands_in_the_staff_queue_linked_to_its_notice(app, db, users, login):
    notice = _notice(db, "published")
    client, token = _public_client(app)
    resp = client.post("/tips/new?notice=tok-published", data={"csrf_token": token, "text": "上周在火车站见过他，说湖南话",
                                                               "contact": "微信 abc123"})
    assert resp.status_code == 303 and "/tips/thanks" in resp.headers["Location"]
    tip = db.execute(select(Tip)).scalar_one()
    assert tip.notice_id == notice.id and tip.status == "new" and tip.ip_hash and "203.0.113.7" not in tip.ip_hash
    staff = login("staff")
    assert "上周在火车站见过他" in staff.get("/tips/").get_data(as_text=True)
    assert "微信 abc123" in staff.get(f"/tips/{tip.id}").get_data(as_text=True)
    staff.post(f"/tips/{tip.id}/status", data={"status": "reviewed", "note": "已电话回访"})
    db.expire_all()
    assert db.get(Tip, tip.id).status == "reviewed"
    assert login("volunteer").get("/tips/").status_code == 403


def test_tip_form_drops_honeypot_posts_and_rate_limits_per_ip(app, db, users):
    client, token = _public_client(app)
    resp = client.post("/tips/new", data={"csrf_token": token, "text": "买便宜药请加微信", "website": "http://spam"})
    assert resp.status_code == 303                      # looks like a success to the bot
    assert db.execute(select(func.count(Tip.id))).scalar_one() == 0
    for n in range(5):
        resp = client.post("/tips/new", data={"csrf_token": token, "text": f"在公园见过一位老人 {n}"})
        assert resp.status_code == 303
    resp = client.post("/tips/new", data={"csrf_token": token, "text": "第六条线索内容"})
    assert resp.status_code == 429 and "过于频繁" in resp.get_data(as_text=True)
    other, other_token = _public_client(app, ip="198.51.100.9")
    assert other.post("/tips/new", data={"csrf_token": other_token, "text": "另一位市民的线索"}).status_code == 303
    assert db.execute(select(func.count(Tip.id))).scalar_one() == 6
    resp = client.post("/tips/new", data={"csrf_token": token, "text": "x" * 3000})
    assert resp.status_code in (400, 429)
    short = _public_client(app, ip="192.0.2.1")
    resp = short[0].post("/tips/new", data={"csrf_token": short[1], "text": "太短"})
    assert resp.status_code == 400 and "至少" in resp.get_data(as_text=True)
    resp = short[0].post("/tips/new", data={"csrf_token": short[1], "text": "y" * 3000})
    assert resp.status_code == 400 and "过长" in resp.get_data(as_text=True)


def test_tip_photo_is_stored_and_its_face_searched_against_intakes(app, db, users, login, faces_dir):
    from tracing import records
    from tracing.importer import add_photo
    intake = records.create(db, "intake", {"ref": "FACE-1", "name": ""})
    limits = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000}
    with app.app_context():     # the face-encoding task runs on commit (immediate mode) in this app
        add_photo(db, "intake", intake.id, (faces_dir / "obama-1.jpg").read_bytes(), app.config["MEDIA_PATH"], limits)
        db.commit()
    client, token = _public_client(app)
    with open(faces_dir / "obama-2.jpg", "rb") as fh:
        resp = client.post("/tips/new", data={"csrf_token": token, "text": "这个人在桥下住了好几天",
                                              "photo": (fh, "street.jpg")}, content_type="multipart/form-data")
    assert resp.status_code == 303
    tip = db.execute(select(Tip)).scalar_one()
    photo = db.execute(select(Photo).where(Photo.owner_type == "tip", Photo.owner_id == tip.id)).scalar_one()
    db.expire_all()
    assert db.get(Photo, photo.id).face_status == "ok"
    page = login("staff").get(f"/tips/{tip.id}").get_data(as_text=True)
    assert "FACE-1" in page
    db.expire_all()
    assert db.get(Tip, tip.id).face_matches[0]["ref"] == "FACE-1"
    searches = db.execute(select(AuditEvent).where(AuditEvent.action == "face.search",
                                                   AuditEvent.object_type == "tip")).scalars().all()
    assert [(e.actor, e.object_id) for e in searches] == [("staff", tip.id)]   # biometric search is audited
    client2, token2 = _public_client(app, ip="192.0.2.55")
    resp = client2.post("/tips/new", data={"csrf_token": token2, "text": "附上一张照片看看",
                                           "photo": (io.BytesIO(b"not an image at all"), "x.jpg")},
                        content_type="multipart/form-data")
    assert resp.status_code == 400 and "不是可识别的图片" in resp.get_data(as_text=True)
    assert db.execute(select(func.count(Tip.id))).scalar_one() == 1


def test_the_side_by_side_view_reads_a_year_only_missing_date_as_a_span():
    """A family wrote "2024年" (stored 2024-07-01): found in June 2024 is not "found before going missing"."""
    from datetime import date

    from tracing.models import Candidate, Intake, MissingReport
    from tracing.views.review import compare_rows

    def timeline(precision: str, found: date) -> dict:
        text = dict(features="", dialect="")
        report = MissingReport(ref="R", name="周梅", alt_names="", hometown="", missing_date=date(2024, 7, 1),
                               missing_date_precision=precision, missing_place="", contact_phone="", id_number="",
                               status="open", **text)
        intake = Intake(ref="I", name_heard="", found_date=found, found_place="", place_hints="", clothing="",
                        station="", id_number="", **text)
        rows = compare_rows(Candidate(intake=intake, report=report), sensitive=False)
        return next(r for r in rows if r["key"] == "timeline")

    row = timeline("year", date(2024, 6, 26))
    assert row["agree"] is True and "只写到年" in row["note"] and row["right"].startswith("2024年")
    assert timeline("", date(2024, 6, 26))["agree"] is False
    assert timeline("year", date(2023, 12, 20))["agree"] is False
