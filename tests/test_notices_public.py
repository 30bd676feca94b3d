"""What a visitor without login can see: published notices only, their photos only, valid feeds."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

from tracing import notices_workflow as nw

from notice_support import ID_NUMBER, PHONE, add_channel, add_photo, make_intake, notice_of, set_station, user

ATOM = "{http://www.w3.org/2005/Atom}"


def _publish(app, db, intake, channel_ids=()):
    """channel_ids None: the channels targeting chooses."""
    with app.app_context():
        notice = nw.draft_from_intake(db, intake, user(db, "staff"))
        nw.approve(db, notice, user(db, "publisher"))
        nw.publish(db, notice, user(db, "publisher"), app.config, channel_ids=None if channel_ids is None else list(channel_ids))
        db.commit()
    return notice_of(db, intake)


def test_drafts_are_invisible_and_published_notices_show_with_their_photos(app, db, users):
    set_station(db)
    draft_intake = make_intake(db, "A-1", name="草稿人")
    with app.app_context():
        draft = nw.draft_from_intake(db, draft_intake, user(db, "staff"))
        db.commit()
    draft_photo = add_photo(db, app, draft_intake)
    shown = make_intake(db, "A-2", name="王秀英", sex="女", features="右手腕有烫伤疤痕")
    photo = add_photo(db, app, shown, color=(90, 120, 200))
    notice = _publish(app, db, shown)
    hidden_photo = add_photo(db, app, shown, color=(10, 10, 10))   # added after the published version

    visitor = app.test_client()
    assert visitor.get(f"/n/{draft.public_token}").status_code == 404
    assert visitor.get(f"/n/{draft.public_token}/photos/{draft_photo.id}").status_code == 404
    page = visitor.get(f"/n/{notice.public_token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "王秀英" in html and "右手腕有烫伤疤痕" in html and PHONE in html
    assert ID_NUMBER not in html and "内部备注" not in html and "/media/" not in html
    assert f"/n/{notice.public_token}/photos/{photo.id}" in html
    assert f"/tips/new?notice={notice.public_token}" in html
    assert visitor.get(f"/n/{notice.public_token}/photos/{photo.id}").status_code == 200
    assert visitor.get(f"/n/{notice.public_token}/photos/{hidden_photo.id}").status_code == 404
    assert visitor.get(f"/n/{notice.public_token}/photos/{draft_photo.id}").status_code == 404
    # The internal media route still needs a login.
    assert visitor.get(f"/media/{photo.path}").status_code == 302

    index = visitor.get("/n/").get_data(as_text=True)
    assert "王秀英" in index and "草稿人" not in index
    assert "王秀英" in visitor.get("/n/?sex=女&age=50").get_data(as_text=True)
    assert "王秀英" not in visitor.get("/n/?sex=男").get_data(as_text=True)
    assert "王秀英" not in visitor.get("/n/?age=20").get_data(as_text=True)
    assert "王秀英" in visitor.get("/n/?region=43&from=2024-01-01&to=2024-12-31").get_data(as_text=True)
    assert "王秀英" not in visitor.get("/n/?region=51").get_data(as_text=True)
    assert "王秀英" not in visitor.get("/n/?from=2025-01-01").get_data(as_text=True)


def test_feeds_are_valid_and_list_only_current_notices(app, db, users):
    set_station(db)
    make_intake(db, "A-1", name="草稿人")
    with app.app_context():
        nw.draft_from_intake(db, make_intake(db, "A-3", name="未发布"), user(db, "staff"))
        db.commit()
    notice = _publish(app, db, make_intake(db, "A-2", name="王秀英", sex="女"))
    visitor = app.test_client()

    rss = visitor.get("/feeds/notices.rss")
    assert rss.mimetype == "application/rss+xml"
    channel = ET.fromstring(rss.data).find("channel")
    items = channel.findall("item")
    assert len(items) == 1 and "王秀英" in items[0].findtext("title")
    assert items[0].findtext("link").endswith(f"/n/{notice.public_token}")

    atom = visitor.get("/feeds/notices.atom")
    assert atom.mimetype == "application/atom+xml"
    entries = ET.fromstring(atom.data).findall(f"{ATOM}entry")
    assert len(entries) == 1 and entries[0].findtext(f"{ATOM}id") == f"urn:x-tracing-notice:{notice.notice_no}"

    feed = visitor.get("/feeds/notices.json")
    assert feed.mimetype == "application/feed+json"
    data = json.loads(feed.data)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["_tracing"]["notice_no"] for i in data["items"]] == [notice.notice_no]
    for body in (rss.data, atom.data, feed.data):
        text = body.decode("utf-8")
        assert "草稿人" not in text and "未发布" not in text and ID_NUMBER not in text
    assert visitor.get("/feeds/notices.xml").status_code == 404


def test_a_feed_channel_carries_only_the_notices_sent_to_it(app, db, users):
    set_station(db)
    county = add_channel(db, "双牌县订阅", "feed", ["431123"])
    sichuan = add_channel(db, "南充订阅", "feed", ["5113"])
    notice = _publish(app, db, make_intake(db, "A-2", place_hints="双牌县"), channel_ids=None)
    visitor = app.test_client()
    mine = json.loads(visitor.get(f"/feeds/channels/{county.id}/notices.json").data)
    other = json.loads(visitor.get(f"/feeds/channels/{sichuan.id}/notices.json").data)
    assert [i["_tracing"]["notice_no"] for i in mine["items"]] == [notice.notice_no]
    assert other["items"] == []


def test_refresh_moves_expiry_and_an_expired_notice_leaves_index_and_feeds_but_keeps_its_page(app, db, users):
    from datetime import datetime, timedelta, timezone

    set_station(db)
    intake = make_intake(db, "A-2", name="王秀英")
    notice = _publish(app, db, intake)
    notice.expires_at = datetime.now(timezone.utc) - timedelta(days=1)
    db.commit()
    visitor = app.test_client()
    assert "王秀英" not in visitor.get("/n/").get_data(as_text=True)
    assert json.loads(visitor.get("/feeds/notices.json").data)["items"] == []
    assert "王秀英" in visitor.get(f"/n/{notice.public_token}").get_data(as_text=True)

    with app.app_context():
        nw.refresh(db, notice_of(db, intake), user(db, "publisher"))
        db.commit()
    notice = notice_of(db, intake)
    assert notice.expires_at.replace(tzinfo=timezone.utc) > datetime.now(timezone.utc) + timedelta(days=80)
    assert notice.refresh_at.replace(tzinfo=timezone.utc) > datetime.now(timezone.utc) + timedelta(days=25)
    assert "王秀英" in visitor.get("/n/").get_data(as_text=True)
    item = json.loads(visitor.get("/feeds/notices.json").data)["items"][0]
    assert item["date_modified"] > item["date_published"]
