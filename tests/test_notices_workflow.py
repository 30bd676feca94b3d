"""The 寻亲公告 workflow in the workbench: CLI render contract, versions and four-eyes approval,
region targeting, publication through the task queue to real HTTP servers, withdrawal."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug import Response

from notices.channels import verify_webhook_signature
from tracing import notices_workflow as nw
from tracing.models import AuditEvent, Candidate, MissingReport, Publication, SearchNotice

from notice_support import (ID_NUMBER, PHONE, SECRET, add_channel, add_photo, make_intake, notice_of, set_station,
                            user)

TRACING = str(Path(sys.executable).with_name("tracing"))


@pytest.fixture(scope="session")
def httpserver_listen_address():
    return ("127.0.0.1", 0)


def _cli(app, *args):
    """Run the real `tracing` command against the test app's database and media folder."""
    env = {**os.environ, "TRACING_INSTANCE": app.instance_path, "TRACING_DATABASE_URL": app.config["DATABASE_URL"],
           "TRACING_SECRET_KEY": "cli-test"}
    return subprocess.run([TRACING, *args], capture_output=True, text=True, env=env, timeout=120)


def test_cli_renders_every_format_and_the_text_never_shows_id_number_or_notes(app, db, tmp_path):
    intake = make_intake(db, features=f"左手缺小指，身份证{ID_NUMBER}")
    add_photo(db, app, intake)
    set_station(db)
    outputs = {}
    for fmt in ("pdf", "png", "html", "txt"):
        out = tmp_path / f"notice.{fmt}"
        result = _cli(app, "notice", "render", "A-100", "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        outputs[fmt] = out
    # One draft was created by the first render and reused by the others.
    assert db.execute(select(func.count(SearchNotice.id))).scalar_one() == 1
    assert notice_of(db, intake).status == "draft"

    fonts = subprocess.run(["pdffonts", str(outputs["pdf"])], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert cjk and all(" yes " in line for line in cjk), fonts      # every font embedded
    pdf_text = subprocess.run(["pdftotext", str(outputs["pdf"]), "-"], capture_output=True, text=True).stdout
    assert "寻" in pdf_text and PHONE in pdf_text and ID_NUMBER not in pdf_text

    with Image.open(outputs["png"]) as im:
        assert im.format == "PNG" and im.width >= 1000

    html = outputs["html"].read_text(encoding="utf-8")
    assert "牛建国" in html and "data:image/jpeg;base64," in html

    text = outputs["txt"].read_text(encoding="utf-8")
    assert "牛建国" in text and PHONE in text and "左手缺小指" in text
    for secret in (ID_NUMBER, "内部备注", "13812345678"):
        assert secret not in text and secret not in html


def test_cli_names_an_unknown_intake(app, db, tmp_path):
    result = _cli(app, "notice", "render", "NOPE", "--format", "txt", "-o", str(tmp_path / "x.txt"))
    assert result.returncode != 0 and "NOPE" in result.stderr and not (tmp_path / "x.txt").exists()


def test_editing_keeps_every_version_and_needs_a_second_person_to_approve(app, db, login):
    intake = make_intake(db)
    staff, publisher = login("staff"), login("publisher")
    resp = staff.post(f"/notices/from-intake/{intake.ref}")
    notice = notice_of(db, intake)
    assert resp.status_code == 302 and notice.status == "draft"
    form = {k: (v if v is not None else "") for k, v in notice.versions[0].content.items() if k != "photo_ids"}
    form.update(features="左手缺小指，右耳后有黑痣", base_version="1")
    assert staff.post(f"/notices/{notice.id}/edit", data=form).status_code == 302
    notice = notice_of(db, intake)
    assert [v.version_no for v in notice.versions] == [1, 2]
    assert "额头" in notice.versions[0].content["features"]
    assert "黑痣" in notice.versions[1].content["features"]

    # Staff may not approve at all; a publisher who wrote the version may not approve it either.
    assert staff.post(f"/notices/{notice.id}/approve").status_code == 403
    with app.app_context():
        pub_user = user(db, "publisher")
        form2 = dict(notice.versions[1].content, features="左手缺小指，右耳后有黑痣，走路跛")
        nw.save_version(db, notice, form2, pub_user)
        db.commit()
        with pytest.raises(nw.WorkflowError, match="另一人"):
            nw.approve(db, notice_of(db, intake), pub_user)
        db.rollback()
    # The staff member revises the wording: a version by staff, which the publisher may approve.
    form.update(features="左手缺小指，右耳后有黑痣，走路微跛", base_version="3")
    staff.post(f"/notices/{notice.id}/edit", data=form)
    page = publisher.post(f"/notices/{notice.id}/approve", follow_redirects=True).get_data(as_text=True)
    notice = notice_of(db, intake)
    assert "第 4 版已审核通过" in page and notice.status == "approved"
    assert notice.versions[-1].approved_by_id == user(db, "publisher").id
    assert [v.approved_at is not None for v in notice.versions] == [False, False, False, True]
    # A stale form (based on version 1) is refused instead of overwriting version 4.
    form.update(features="旧内容", base_version="1")
    resp = staff.post(f"/notices/{notice.id}/edit", data=form)
    assert resp.status_code == 409 and "旧内容" in resp.get_data(as_text=True)
    assert len(notice_of(db, intake).versions) == 4


def _approved_notice(app, db, intake):
    with app.app_context():
        notice = nw.draft_from_intake(db, intake, user(db, "staff"))
        nw.approve(db, notice, user(db, "publisher"))
        db.commit()
    return notice_of(db, intake)


def test_targeting_picks_the_county_channel_for_a_place_hint_and_says_why(app, db, users, login):
    intake = make_intake(db, place_hints="双牌;河边", dialect="湖南口音")
    report = MissingReport(ref="R-7", name="刘建国", hometown="四川省南充市")
    db.add(report)
    db.commit()
    db.add(Candidate(intake_id=intake.id, report_id=report.id, score=0.62, rank=1))
    db.commit()
    set_station(db)
    county = add_channel(db, "双牌县寻亲志愿者群", "wecom", ["431123"], url="http://127.0.0.1:9/robot?key=x")
    other_county = add_channel(db, "祁阳商会", "wecom", ["431121"], url="http://127.0.0.1:9/robot?key=y")
    province = add_channel(db, "湖南老乡群", "dingtalk", ["43"], url="http://127.0.0.1:9/ding?access_token=z")
    sichuan = add_channel(db, "南充寻亲群", "feed", ["5113"])
    station = add_channel(db, "本站邮件", "feed", [], default=True)
    notice = _approved_notice(app, db, intake)
    with app.app_context():
        plan = nw.plan_targets(db, notice)
    chosen = plan.chosen_ids
    assert chosen[0] == county.id                       # the most specific match first
    assert set(chosen) == {county.id, province.id, sichuan.id, station.id}
    assert other_county.id not in chosen
    assert any("自述地名“双牌”" in r and "431123" in r for r in plan.reasons_for(county.id))
    assert any("口音“湖南口音”" in r for r in plan.reasons_for(province.id))
    assert any("候选 R-7" in r for r in plan.reasons_for(sichuan.id))
    assert plan.reasons_for(station.id) == ["本站默认渠道"]
    assert any("河边" in p for p in plan.problems)      # an unresolvable hint is reported, not hidden
    page = login("publisher").get(f"/notices/{notice.id}").get_data(as_text=True)
    assert "双牌县寻亲志愿者群" in page and "自述地名“双牌”" in page and "未匹配地区线索" in page


class Scripted:
    """An HTTP handler answering from a script (then repeating the last answer), recording requests."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests = []

    def __call__(self, request):
        self.requests.append({"headers": dict(request.headers), "body": request.get_data()})
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return answer if isinstance(answer, Response) else answer()


def _hang():
    time.sleep(1.2)
    return Response("late", status=200)


def test_publishing_delivers_through_the_queue_with_retries_and_one_idempotency_key(app, db, users, login, httpserver):
    app.config["DELIVERY_BACKOFF_BASE"] = 0          # retries run at once in the immediate-mode queue
    app.config["DELIVERY_MAX_ATTEMPTS"] = 3
    flaky = Scripted(Response("busy", status=503), Response('{"ok": true}', status=200,
                                                          content_type="application/json"))
    garbage = Scripted(Response("<html>login</html>", status=200, content_type="text/html"))
    hanging = Scripted(_hang)
    hanging_robot = Scripted(_hang)
    httpserver.expect_request("/flaky", method="POST").respond_with_handler(flaky)
    httpserver.expect_request("/slow-robot", method="POST").respond_with_handler(hanging_robot)
    httpserver.expect_request("/robot", method="POST").respond_with_handler(garbage)
    httpserver.expect_request("/hang", method="POST").respond_with_handler(hanging)
    intake = make_intake(db)
    photo = add_photo(db, app, intake)
    set_station(db)
    hook = add_channel(db, "合作平台", "webhook", default=True, url=httpserver.url_for("/flaky"), secret=SECRET,
                       read_timeout=5)
    robot = add_channel(db, "乱码机器人", "wecom", default=True, url=httpserver.url_for("/robot") + "?key=abc")
    slow = add_channel(db, "慢平台", "webhook", default=True, url=httpserver.url_for("/hang"), secret=SECRET,
                       read_timeout=0.3)
    slow_robot = add_channel(db, "慢机器人", "dingtalk", default=True, url=httpserver.url_for("/slow-robot"),
                             read_timeout=0.3)
    notice = _approved_notice(app, db, intake)
    publisher = login("publisher")
    resp = publisher.post(f"/notices/{notice.id}/publish",
                          data={"channel_ids": [str(hook.id), str(robot.id), str(slow.id), str(slow_robot.id)]})
    assert resp.status_code == 302
    pubs = {p.channel_id: p for p in db.execute(select(Publication)).scalars()}

    # Failed once (503), recovered on the retry, with the same idempotency key and a valid signature.
    assert pubs[hook.id].status == "sent" and pubs[hook.id].attempts == 2
    assert [e.get("status_code") for e in pubs[hook.id].log] == [503, 200]
    keys = {r["headers"]["Idempotency-Key"] for r in flaky.requests}
    assert keys == {pubs[hook.id].idempotency_key} and len(flaky.requests) == 2
    body = flaky.requests[-1]["body"]
    assert verify_webhook_signature(SECRET, body, flaky.requests[-1]["headers"]["X-Tracing-Signature"])
    sent = json.loads(body)
    assert sent["event"] == "notice.published" and sent["notice"]["name_as_stated"] == "牛建国"
    assert sent["notice"]["photo_urls"][0].endswith(f"/photos/{photo.id}")
    assert ID_NUMBER not in body.decode("utf-8") and "内部备注" not in body.decode("utf-8")

    # Garbage from a robot endpoint is a clear, final failure (not retried into a double post).
    assert pubs[robot.id].status == "failed" and pubs[robot.id].attempts == 1
    assert "not JSON" in pubs[robot.id].log[0]["error"]
    # A hanging webhook times out, is retried with the same key, then given up.
    assert pubs[slow.id].status == "failed" and pubs[slow.id].attempts == 3
    assert all(e["maybe_delivered"] for e in pubs[slow.id].log)
    assert {r["headers"]["Idempotency-Key"] for r in hanging.requests} == {pubs[slow.id].idempotency_key}

    # A group robot cannot recognise a repeat: after a timeout it is left for staff to check, not re-posted.
    assert pubs[slow_robot.id].status == "uncertain" and pubs[slow_robot.id].attempts == 1

    # Clicking publish again, or the queue re-running a finished job, never posts twice.
    publisher.post(f"/notices/{notice.id}/publish", data={"channel_ids": [str(hook.id)]})
    nw.deliver(app, pubs[hook.id].id)
    assert len(flaky.requests) == 2
    assert db.execute(select(func.count(Publication.id))).scalar_one() == 4

    # The delivery log is on the notice page.
    page = publisher.get(f"/notices/{notice.id}").get_data(as_text=True)
    assert "HTTP 503" in page and "HTTP 200" in page and "not JSON" in page and "已送达" in page

    # A staff retry of the failed robot uses the same key and records another attempt.
    garbage.answers = [Response('{"errcode": 0, "errmsg": "ok"}', content_type="application/json")]
    publisher.post(f"/notices/publications/{pubs[robot.id].id}/retry")
    db.expire_all()
    robot_pub = db.get(Publication, pubs[robot.id].id)
    assert robot_pub.status == "sent" and robot_pub.attempts == 2
    actions = set(db.execute(select(AuditEvent.action)).scalars())
    assert {"notice.publish", "publication.sent", "publication.failed", "publication.retry"} <= actions


def test_withdrawal_on_identification_hides_personal_details_and_notifies_channels(app, db, users, login,
                                                                                   httpserver):
    receiver = Scripted(Response('{"ok": true}', status=200, content_type="application/json"))
    httpserver.expect_request("/hook", method="POST").respond_with_handler(receiver)
    intake = make_intake(db)
    photo = add_photo(db, app, intake)
    set_station(db)
    hook = add_channel(db, "合作平台", "webhook", default=True, url=httpserver.url_for("/hook"), secret=SECRET)
    never = add_channel(db, "县群", "webhook", ["431123"], url="http://127.0.0.1:9/none", secret=SECRET)
    notice = _approved_notice(app, db, intake)
    with app.app_context():
        nw.publish(db, notice, user(db, "publisher"), app.config, channel_ids=[hook.id])
        db.commit()
    visitor = app.test_client()
    token = notice.public_token
    assert "牛建国" in visitor.get(f"/n/{token}").get_data(as_text=True)
    assert visitor.get(f"/n/{token}/photos/{photo.id}").status_code == 200

    # What the review workbench calls when a match is confirmed.
    with app.app_context():
        withdrawn = nw.withdraw_for_intake(db, intake, reason="已寻亲", actor=user(db, "staff"))
        db.commit()
    assert [n.id for n in withdrawn] == [notice.id]
    notice = notice_of(db, intake)
    assert notice.status == "withdrawn" and notice.withdrawn_reason == "identified"

    page = visitor.get(f"/n/{token}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "已寻亲" in text
    for detail in ("牛建国", "左手缺小指", "长沙火车站", "约60岁", "/photos/"):
        assert detail not in text
    assert visitor.get(f"/n/{token}/photos/{photo.id}").status_code == 404

    # The channel that carried the notice got a withdrawal event without personal data; the other none.
    events = [json.loads(r["body"]) for r in receiver.requests]
    assert [e["event"] for e in events] == ["notice.published", "notice.withdrawn"]
    assert "牛建国" not in json.dumps(events[1], ensure_ascii=False)
    pubs = db.execute(select(Publication).order_by(Publication.id)).scalars().all()
    assert [(p.channel_id, p.action, p.status) for p in pubs] == [(hook.id, "publish", "sent"),
                                                                 (hook.id, "withdraw", "sent")]
    assert never.id not in {p.channel_id for p in pubs}

    # Feeds carry the withdrawal (Atom tombstone, RSS/JSON item without details).
    atom = visitor.get("/feeds/notices.atom").get_data(as_text=True)
    assert "deleted-entry" in atom and "牛建国" not in atom
    feed = json.loads(visitor.get("/feeds/notices.json").get_data(as_text=True))
    assert feed["items"][0]["_tracing"]["status"] == "withdrawn" and "牛建国" not in json.dumps(feed, ensure_ascii=False)
    rss = visitor.get("/feeds/notices.rss").get_data(as_text=True)
    assert "已寻亲" in rss and "牛建国" not in rss
    # Withdrawing twice is harmless.
    with app.app_context():
        assert nw.withdraw_for_intake(db, intake, reason="identified") == []


def test_publishing_needs_approval_and_the_station_phone(app, db, users, login):
    intake = make_intake(db)
    publisher = login("publisher")
    with app.app_context():
        notice = nw.draft_from_intake(db, intake, user(db, "staff"))
        db.commit()
    page = publisher.post(f"/notices/{notice.id}/publish", data={}, follow_redirects=True).get_data(as_text=True)
    assert "尚未审核" in page and notice_of(db, intake).status == "draft"
    publisher.post(f"/notices/{notice.id}/approve")
    page = publisher.post(f"/notices/{notice.id}/publish", data={}, follow_redirects=True).get_data(as_text=True)
    assert "24 小时电话" in page and notice_of(db, intake).status == "approved"
    set_station(db)
    publisher.post(f"/notices/{notice.id}/publish", data={})
    notice = notice_of(db, intake)
    assert notice.status == "published" and notice.refresh_at is not None and notice.expires_at > notice.published_at
