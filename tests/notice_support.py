"""Arranging real records for the notices workflow tests (intakes, photos, channels, settings)."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from PIL import Image, ImageDraw
from sqlalchemy import select

from tracing import records, settings_store
from tracing.models import Channel, Photo, SearchNotice, User
from tracing.photos import store_photo

PHONE = "0746-8221110"
ID_NUMBER = "11010519491231002X"
SECRET = "webhook-secret-0123456789"


def set_station(db, phone: str = PHONE, name: str = "永州市救助管理站") -> None:
    settings_store.put(db, settings_store.STATION_KEY, {"name": name, "address": "永州市冷水滩区凤凰路1号",
                                                        "phone_24h": phone})
    db.commit()


def make_intake(db, ref: str = "A-100", admitted_hours_ago: float = 2.0, **fields):
    values = {"ref": ref, "name": "牛建国", "sex": "男", "age_estimate": "约60岁", "found_date": "2024-03-02",
              "found_place": "长沙火车站南广场", "height_cm": "168", "features": "左手缺小指，额头有疤",
              "clothing": "蓝色棉袄", "dialect": "", "place_hints": "双牌", "health_state": "能简单交流",
              "id_number": ID_NUMBER, "notes": "内部备注：勿外传 家属电话13812345678",
              "admitted_at": datetime.now(timezone.utc) - timedelta(hours=admitted_hours_ago)}
    values.update(fields)
    intake = records.create(db, "intake", values, actor="test")
    db.commit()
    return intake


def add_photo(db, app, intake, color=(200, 120, 90), text="") -> Photo:
    """A generated JPEG stored through the real photo pipeline (no face detection queued)."""
    im = Image.new("RGB", (300, 400), color)
    ImageDraw.Draw(im).ellipse((80, 60, 220, 240), fill=(240, 200, 170))
    buf = io.BytesIO()
    im.save(buf, "JPEG")
    stored = store_photo(buf.getvalue(), app.config["MEDIA_PATH"], max_bytes=10 ** 7, max_pixels=10 ** 8)
    photo = Photo(owner_type="intake", owner_id=intake.id, sha256=stored.sha256, path=stored.path,
                  thumb_path=stored.thumb_path, mime=stored.mime, width=stored.width, height=stored.height,
                  size_bytes=stored.size_bytes, original_name=text or "x.jpg")
    db.add(photo)
    db.commit()
    return photo


def add_channel(db, name: str, kind: str = "webhook", regions=(), default: bool = False, **config) -> Channel:
    ch = Channel(name=name, kind=kind, config=config, regions=list(regions), is_default=default, active=True)
    db.add(ch)
    db.commit()
    return ch


def user(db, username: str) -> User:
    return db.execute(select(User).where(User.username == username)).scalar_one()


def notice_of(db, intake) -> SearchNotice:
    db.expire_all()
    return db.execute(select(SearchNotice).where(SearchNotice.intake_id == intake.id)
                      .order_by(SearchNotice.id.desc())).scalars().first()
