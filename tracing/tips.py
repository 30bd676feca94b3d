"""Public tips (线索): validation, abuse handling and the staff side.

Anyone may send a tip without an account, so the form is the workbench's only
unauthenticated write. It is kept small and cheap to defend: size limits on every
field, a honeypot field bots fill in (answered like a success, stored nowhere), and a
per-IP limit counted in the database (a keyed hash of the IP, never the IP itself), so
every web process and worker sees the same count.
"""
from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit
from .models import Intake, MissingReport, Photo, SearchNotice, Tip


TEXT_MIN = 5
TEXT_MAX = 2000
CONTACT_MAX = 100
STATUSES = {"new": "新线索", "reviewed": "已处理", "dismissed": "已忽略"}
RATE_WINDOW = timedelta(hours=1)
HONEYPOT_FIELD = "website"          # hidden from people by CSS; bots fill every field


class TipErrors(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class RateLimited(Exception):
    pass


def ip_hash(secret: str, ip: str) -> str:
    """Keyed hash: equal IPs compare equal, but the stored value does not reveal the address."""
    return hmac.new(secret.encode("utf-8"), (ip or "?").encode("utf-8"), hashlib.sha256).hexdigest()


def published_notice(session: Session, token: str) -> SearchNotice | None:
    if not token or len(token) > 64:
        return None
    notice = session.execute(select(SearchNotice).where(SearchNotice.public_token == token)).scalar_one_or_none()
    return notice if notice is not None and notice.status == "published" else None


def recent_count(session: Session, iph: str, now: datetime) -> int:
    return session.execute(select(func.count(Tip.id)).where(Tip.ip_hash == iph,
                                                            Tip.created_at > now - RATE_WINDOW)).scalar_one()


def validate(text: str, contact: str) -> tuple[str, str]:
    text = (text or "").strip().replace("\r\n", "\n")
    contact = (contact or "").strip()
    errors = {}
    if len(text) < TEXT_MIN:
        errors["text"] = f"请写下您看到的情况（至少 {TEXT_MIN} 个字）"
    elif len(text) > TEXT_MAX:
        errors["text"] = f"内容过长（{len(text)} 字，上限 {TEXT_MAX}）"
    if len(contact) > CONTACT_MAX:
        errors["contact"] = f"联系方式过长（上限 {CONTACT_MAX} 字）"
    if errors:
        raise TipErrors(errors)
    return text, contact


@dataclass
class PhotoUpload:
    data: bytes
    filename: str


def submit(session: Session, *, text: str, contact: str, notice: SearchNotice | None, iph: str,
           photo: PhotoUpload | None, media_root: str, photo_limits: dict, per_hour: int,
           now: datetime | None = None) -> Tip:
    """Store one tip (and its photo, whose face goes to face search in the background).
    Raises TipErrors (field -> message) or RateLimited; the caller commits."""
    from .importer import add_photo
    from .photos import PhotoError

    now = now or datetime.now(timezone.utc)
    text, contact = validate(text, contact)
    if recent_count(session, iph, now) >= per_hour:
        raise RateLimited()
    tip = Tip(notice_id=notice.id if notice else None, text=text, contact=contact, ip_hash=iph, status="new",
              created_at=now)
    session.add(tip)
    session.flush()
    photo_id = None
    if photo is not None and photo.data:
        try:
            stored = add_photo(session, "tip", tip.id, photo.data, media_root, photo_limits,
                               original_name=photo.filename)
        except PhotoError as exc:
            raise TipErrors({"photo": str(exc)}) from None
        photo_id = stored.id
    audit.record(session, "tip.create", actor="public", object_type="tip", object_id=tip.id,
                 object_ref=notice.notice_no if notice else "", ip="",
                 details={"notice": notice.notice_no if notice else None, "photo_id": photo_id,
                          "chars": len(text), "has_contact": bool(contact), "ip_hash": iph[:16]})
    return tip


def set_status(session: Session, tip: Tip, status: str, user, note: str = "", *, ip: str = "") -> None:
    if status not in STATUSES:
        raise TipErrors({"status": f"未知状态“{status}”"})
    note = (note or "").strip()
    if len(note) > TEXT_MAX:
        raise TipErrors({"note": f"备注过长（上限 {TEXT_MAX} 字）"})
    before = tip.status
    tip.status = status
    tip.note = note or tip.note
    tip.handled_by_id = user.id
    tip.handled_at = datetime.now(timezone.utc)
    session.flush()
    audit.record(session, "tip.status", actor=user, object_type="tip", object_id=tip.id, ip=ip,
                 details={"changes": {"status": [before, status]}, "reason": note})


def photos_of(session: Session, tip: Tip) -> list[Photo]:
    return list(session.execute(select(Photo).where(Photo.owner_type == "tip", Photo.owner_id == tip.id)
                                .order_by(Photo.id)).scalars())


def refresh_face_matches(session: Session, tip: Tip, k: int = 5, *, actor=None, ip: str = "") -> list[dict] | None:
    """Nearest intakes and reports to the face on the tip's photo; a face search, so audited.

    Returns None when no face is encoded yet; the result is stored on the tip so staff see it
    without searching again."""
    from .faces import service

    encodings = service.subject_encodings(session, "tip", [tip.id]).get(tip.id) or []
    if not encodings:
        return None
    found: dict[tuple[str, int], float] = {}
    for enc in encodings:
        for kind in ("intake", "report"):
            for owner_type, owner_id, distance, _enc_id in service.nearest(session, enc, k=k, kind=kind):
                key = (owner_type, int(owner_id))
                found[key] = min(found.get(key, 9.0), float(distance))
    matches = []
    for (kind, rid), distance in sorted(found.items(), key=lambda kv: kv[1])[: 2 * k]:
        obj = session.get(Intake if kind == "intake" else MissingReport, rid)
        if obj is None:
            continue
        level, word = service.verdict(distance)
        matches.append({"kind": kind, "id": rid, "ref": obj.ref,
                        "name": (obj.name_heard if kind == "intake" else obj.name) or "",
                        "distance": round(distance, 3), "level": level, "verdict": word})
    tip.face_matches = matches
    audit.record(session, "face.search", actor=actor, object_type="tip", object_id=tip.id, ip=ip,
                 details={"source": "tip", "faces": len(encodings), "results": len(matches)})
    session.flush()
    return matches
