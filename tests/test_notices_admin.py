"""Admins configure channels (regions by name or code, secrets never shown back) and the station data."""
from __future__ import annotations

from sqlalchemy import select

from tracing import settings_store
from tracing.models import AuditEvent, Channel

SECRET = "very-secret-signing-key-42"


def test_admin_creates_a_channel_with_regions_by_name_and_its_secret_stays_hidden(app, db, login):
    admin = login("admin")
    bad = admin.post("/admin/channels/new", data={"kind": "webhook", "name": "县群", "regions": "双牌县 火星",
                                                  "cfg_url": "ftp://x", "cfg_secret": "short"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "火星" in text and "webhook.url" in text and "webhook.secret" in text
    assert db.execute(select(Channel)).first() is None

    resp = admin.post("/admin/channels/new", data={"kind": "webhook", "name": "双牌县寻亲群", "regions": "双牌县 4311",
                                                   "cfg_url": "https://partner.example.org/hook",
                                                   "cfg_secret": SECRET, "active": "1"})
    assert resp.status_code == 302
    ch = db.execute(select(Channel)).scalar_one()
    assert ch.regions == ["431123", "4311"] and ch.config["secret"] == SECRET and ch.active and not ch.is_default

    page = admin.get(f"/admin/channels/{ch.id}/edit").get_data(as_text=True)
    assert SECRET not in page and "已设置，留空则保持不变" in page and "双牌县" in page
    # Saving with the secret left blank keeps it.
    admin.post(f"/admin/channels/{ch.id}/edit", data={"name": "双牌县寻亲群", "regions": "431123", "is_default": "1",
                                                      "cfg_url": "https://partner.example.org/hook2", "cfg_secret": "",
                                                      "active": "1"})
    db.expire_all()
    ch = db.get(Channel, ch.id)
    assert ch.config == {"url": "https://partner.example.org/hook2", "secret": SECRET} and ch.is_default
    assert ch.regions == ["431123"]
    details = " ".join(db.execute(select(AuditEvent.details).where(AuditEvent.object_type == "channel")).scalars())
    assert SECRET not in details and "config_fields_changed" in details

    # A robot URL carries its token: the list shows it masked.
    admin.post("/admin/channels/new", data={"kind": "wecom", "name": "企业微信群", "regions": "湖南",
                                            "cfg_url": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=TOKEN123",
                                            "cfg_msgtype": "markdown", "active": "1"})
    listing = admin.get("/admin/channels").get_data(as_text=True)
    assert "企业微信群" in listing and "TOKEN123" not in listing and "湖南省" in listing
    assert login("staff").get("/admin/channels").status_code == 403


def test_admin_sets_the_station_data_printed_on_notices(app, db, login):
    admin = login("admin")
    resp = admin.post("/admin/station", data={"name": "", "phone_24h": "abc", "expiry_days": "90",
                                              "police_reply_days": "30", "reminder_days": "3"})
    assert resp.status_code == 400 and "站点名称必填" in resp.get_data(as_text=True)
    resp = admin.post("/admin/station", data={"name": "衡阳市救助管理站", "address": "衡阳市蒸湘区",
                                              "phone_24h": "0734-8888888", "expiry_days": "60",
                                              "police_reply_days": "20", "reminder_days": "2"})
    assert resp.status_code == 302
    assert settings_store.station(db, app.config)["phone_24h"] == "0734-8888888"
    assert settings_store.notice_rules(db) == {"expiry_days": 60, "police_reply_days": 20, "reminder_days": 2}
