"""Police cooperation requests (draft → sent → sample taken → result, letter PDF, editable template)
and the deadlines dashboard (rules from settings, overdue first, every action audited)."""
from __future__ import annotations

import subprocess
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from tracing import deadlines, notices_workflow as nw, settings_store
from tracing.models import AuditEvent, DeadlineMark, PoliceRequest

from notice_support import add_photo, make_intake, set_station, user


def _request(db, intake):
    db.expire_all()
    return db.execute(select(PoliceRequest).where(PoliceRequest.intake_id == intake.id)).scalars().one()


def _pdf_text(data: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return fonts, text


def test_police_request_goes_from_draft_to_result_with_a_letter(app, db, login, tmp_path):
    set_station(db)
    intake = make_intake(db)
    add_photo(db, app, intake)
    staff = login("staff")
    page = staff.get(f"/intakes/{intake.ref}").get_data(as_text=True)
    assert "新建协查请求" in page and "起草寻亲公告" in page
    resp = staff.post(f"/police/new/{intake.ref}", data={"kinds": ["fingerprint", "dna"]})
    assert resp.status_code == 302
    req = _request(db, intake)
    assert req.status == "draft" and req.kinds == ["fingerprint", "dna"] and req.due_at is not None

    # A result cannot be recorded for a letter never sent; sending needs the police unit.
    staff.post(f"/police/{req.id}/status", data={"to": "result_no_match"})
    assert _request(db, intake).status == "draft"
    page = staff.post(f"/police/{req.id}/status", data={"to": "sent", "police_unit": ""},
                      follow_redirects=True).get_data(as_text=True)
    assert "请填写收函的公安机关" in page and _request(db, intake).status == "draft"

    staff.post(f"/police/{req.id}/edit", data={"kinds": ["fingerprint", "dna"], "police_unit": "永州市公安局刑侦支队",
                                               "request_text": "请一并核查本市近年失踪人员报案。"})
    letter = staff.get(f"/police/{req.id}/letter.pdf")
    assert letter.status_code == 200 and letter.mimetype == "application/pdf"
    fonts, text = _pdf_text(letter.data, tmp_path)
    assert all(" yes " in line for line in fonts.splitlines()[2:] if line.strip())
    squashed = text.replace("\n", "").replace(" ", "")
    assert "永州市公安局刑侦支队" in squashed and req.ref_no in squashed and "请一并核查" in squashed
    assert "DNA" in squashed and "指纹" in squashed

    staff.post(f"/police/{req.id}/status", data={"to": "sent", "police_unit": "永州市公安局刑侦支队", "on": ""})
    req = _request(db, intake)
    assert req.status == "sent" and req.sent_at is not None
    assert req.due_at.replace(tzinfo=timezone.utc) > datetime.now(timezone.utc) + timedelta(days=25)
    staff.post(f"/police/{req.id}/status", data={"to": "sample_taken", "on": ""})
    assert _request(db, intake).status == "sample_taken"
    page = staff.post(f"/police/{req.id}/status", data={"to": "result_match", "result_note": ""},
                      follow_redirects=True).get_data(as_text=True)
    assert "比中时请填写" in page and _request(db, intake).status == "sample_taken"
    staff.post(f"/police/{req.id}/status", data={"to": "result_match", "result_note": "DNA比中 寻人启事 R-7"})
    req = _request(db, intake)
    assert req.status == "result_match" and "R-7" in req.result_note
    actions = [e.action for e in db.execute(select(AuditEvent).where(AuditEvent.object_type == "police_request",
                                                                     AuditEvent.object_id == req.id)
                                            .order_by(AuditEvent.seq)).scalars()]
    for step in ("police.create", "police.edit", "police.letter", "police.sent", "police.sample_taken",
                 "police.result_match"):
        assert step in actions


def test_letter_template_is_editable_and_a_broken_one_is_refused(app, db, login):
    set_station(db)
    intake = make_intake(db)
    admin, staff = login("admin"), login("staff")
    staff.post(f"/police/new/{intake.ref}", data={"kinds": ["portrait"]})
    req = _request(db, intake)
    bad = admin.post("/police/template", data={"template": "# 标题\n\n{{ no_such_field }}"})
    assert bad.status_code == 400 and "no_such_field" in bad.get_data(as_text=True)
    good = "# 关于人像比对的函\n\n{{ police_unit }}：\n\n请比对{{ station_name }}受助人员（{{ intake_ref }}）。\n\n[[人员信息]]\n\n[[落款]]"
    assert admin.post("/police/template", data={"template": good}).status_code == 302
    page = staff.get(f"/police/{req.id}").get_data(as_text=True)
    assert "关于人像比对的函" in page and f"（{intake.ref}）" in page
    admin.post("/police/template", data={"template": "", "reset": "1"})
    assert "关于协助核查受助人员身份的函" in staff.get(f"/police/{req.id}").get_data(as_text=True)


def test_deadlines_put_overdue_first_and_follow_the_configured_rules(app, db, users, login):
    set_station(db)
    make_intake(db, "A-FRESH", admitted_hours_ago=1)
    two_days = make_intake(db, "A-2D", admitted_hours_ago=48)
    old = make_intake(db, "A-OLD", admitted_hours_ago=24 * 40)
    make_intake(db, "A-HOME", admitted_hours_ago=24 * 40, status="已寻亲")
    now = datetime.now(timezone.utc)
    items = deadlines.compute(db, now)
    overdue = [(d.intake.ref, d.rule) for d in items if d.overdue]
    assert ("A-2D", "notice") in overdue and ("A-OLD", "notice") in overdue
    assert ("A-OLD", "police") in overdue and ("A-OLD", "care") in overdue
    assert ("A-FRESH", "notice") not in overdue and not any(ref == "A-HOME" for ref, _ in overdue)
    states = [d.state for d in items]
    assert states == sorted(states, key=["overdue", "soon", "open"].index)   # overdue first
    due = [d.due_at for d in items if d.overdue]
    assert due == sorted(due)                                                # oldest first
    notice_due = next(d for d in items if d.intake.ref == "A-2D" and d.rule == "notice").due_at
    assert abs((notice_due - (two_days.admitted_at + timedelta(hours=24))).total_seconds()) < 1

    # A province allowing 72 hours: the two-day-old admission is no longer late.
    admin = login("admin")
    form = {"notice_hours": "72", "police_days": "30", "care_days": "10", "refresh_days": "30", "settle_days": "90"}
    assert admin.post("/deadlines/settings", data=form).status_code == 302
    assert settings_store.deadline_rules(db)["notice_hours"] == 72
    assert ("A-2D", "notice") not in [(d.intake.ref, d.rule) for d in deadlines.compute(db) if d.overdue]
    assert admin.post("/deadlines/settings", data={**form, "care_days": "zehn"}).status_code == 400

    # Publishing the notice meets its deadline and starts the refresh clock.
    with app.app_context():
        notice = nw.draft_from_intake(db, old, user(db, "staff"))
        nw.approve(db, notice, user(db, "publisher"))
        nw.publish(db, notice, user(db, "publisher"), app.config, channel_ids=[])
        db.commit()
    rules = {(d.intake.ref, d.rule) for d in deadlines.compute(db)}
    assert ("A-OLD", "notice") not in rules and ("A-OLD", "refresh") in rules

    # Staff mark the care arrangement done (with a note); it is audited and leaves the list.
    staff = login("staff")
    page = staff.get("/deadlines/").get_data(as_text=True)
    assert "A-FRESH" in page and page.index("A-OLD") < page.index("A-FRESH")   # overdue before due soon
    staff.post(f"/deadlines/{old.id}/care/done", data={"note": ""})
    assert db.execute(select(DeadlineMark)).first() is None                 # a note is required
    staff.post(f"/deadlines/{old.id}/care/done", data={"note": "已转站外托养机构"})
    assert ("A-OLD", "care") not in {(d.intake.ref, d.rule) for d in deadlines.compute(db)}
    acts = set(db.execute(select(AuditEvent.action)).scalars())
    assert {"deadline.done", "deadlines.view", "settings.deadlines"} <= acts
    assert login("publisher").post(f"/deadlines/{old.id}/care/done", data={"note": "x"}).status_code == 403


def test_overdue_police_requests_show_on_the_dashboard(app, db, users, login):
    intake = make_intake(db, admitted_hours_ago=24 * 40)
    staff = login("staff")
    staff.post(f"/police/new/{intake.ref}", data={"kinds": ["dna"]})
    req = _request(db, intake)
    req.due_at = datetime.now(timezone.utc) - timedelta(days=3)
    db.commit()
    page = staff.get("/dashboard").get_data(as_text=True)
    assert "期限提醒" in page and "逾期协查" in page
    deadlines_page = staff.get("/deadlines/").get_data(as_text=True)
    assert "逾期的公安协查" in deadlines_page and req.ref_no in deadlines_page
    assert "已逾期" in staff.get("/police/").get_data(as_text=True)
