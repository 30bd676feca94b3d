"""Police cooperation requests (协查): fingerprint, portrait and DNA comparison, tracked
from draft to result, with the formal letter (协查函) rendered by `notices`.

draft → sent (to which unit, when) → sample_taken → result_match / result_no_match;
a fingerprint or portrait comparison may go from sent straight to a result. Due dates:
a draft is due when the intake's DNA deadline falls (admission + the configured days);
once sent, the police reply is due after the configured reply period.
"""
from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import notices
from notices.content import ContentError, PoliceRequestContent

from . import audit, settings_store
from .models import (POLICE_REQUEST_KINDS, POLICE_REQUEST_STATUSES, Intake, PoliceRequest, aware)
from .notices_workflow import WorkflowError, _photo_paths, cjk_punctuation, intake_photo_ids

FINAL = ("result_match", "result_no_match")
TRANSITIONS = {
    "draft": ("sent",),
    "sent": ("sample_taken", "result_match", "result_no_match"),
    "sample_taken": ("result_match", "result_no_match"),
}
UNIT_PLACEHOLDER = "（收函公安机关待填写）"


def _now(now: datetime | None = None) -> datetime:
    return now or datetime.now(timezone.utc)


def parse_kinds(values) -> list[str]:
    kinds = [k for k in POLICE_REQUEST_KINDS if k in set(values or [])]
    unknown = set(values or []) - set(POLICE_REQUEST_KINDS)
    if unknown:
        raise WorkflowError(f"未知的协查事项：{'、'.join(sorted(unknown))}", "kinds")
    if not kinds:
        raise WorkflowError("请至少选择一项协查事项（指纹/人像/DNA）", "kinds")
    return kinds


def _ref_no(request_id: int, now: datetime) -> str:
    """Derived from the row id, so two requests at the same moment never collide."""
    return f"XC{now:%Y}-{request_id:04d}"


def draft_due(session: Session, intake: Intake, now: datetime) -> datetime:
    rules = settings_store.deadline_rules(session)
    admitted = aware(intake.admitted_at) or aware(intake.created_at) or now
    return max(admitted + timedelta(days=rules["police_days"]), now + timedelta(days=1))


def create_request(session: Session, intake: Intake, kinds, actor, *, candidate_id: int | None = None,
                   police_unit: str = "", request_text: str = "", ip: str = "",
                   now: datetime | None = None) -> PoliceRequest:
    """A draft request (from the intake page, or from a review decision "needs comparison")."""
    now = _now(now)
    kinds = parse_kinds(kinds)
    req = PoliceRequest(intake_id=intake.id, candidate_id=candidate_id, ref_no=f"tmp-{secrets.token_hex(8)}",
                        kinds=kinds, police_unit=(police_unit or "").strip()[:255], status="draft",
                        request_text=(request_text or "").strip(), due_at=draft_due(session, intake, now),
                        created_by_id=getattr(actor, "id", None), created_at=now)
    session.add(req)
    session.flush()
    req.ref_no = _ref_no(req.id, now)
    session.flush()
    audit.record(session, "police.create", actor=actor, object_type="police_request", object_id=req.id,
                 object_ref=req.ref_no, ip=ip, details={"intake": intake.ref, "kinds": kinds,
                                                        "candidate_id": candidate_id})
    return req


def update_draft(session: Session, req: PoliceRequest, *, kinds, police_unit: str, request_text: str,
                 due_at: datetime | None, actor, ip: str = "") -> dict:
    kinds = parse_kinds(kinds)
    changes = {}
    new = {"kinds": kinds, "police_unit": (police_unit or "").strip()[:255],
           "request_text": (request_text or "").strip()}
    if due_at is not None:
        new["due_at"] = due_at
    for k, v in new.items():
        old = getattr(req, k)
        if (aware(old) if isinstance(old, datetime) else old) != v:
            changes[k] = [old, v]
            setattr(req, k, v)
    if changes:
        session.flush()
        audit.record(session, "police.edit", actor=actor, object_type="police_request", object_id=req.id,
                     object_ref=req.ref_no, ip=ip, details={"changes": changes})
    return changes


def _transition(session: Session, req: PoliceRequest, to: str, actor, ip: str, details: dict) -> None:
    if to not in TRANSITIONS.get(req.status, ()):
        raise WorkflowError(f"状态“{POLICE_REQUEST_STATUSES.get(req.status, req.status)}”不能变为"
                            f"“{POLICE_REQUEST_STATUSES.get(to, to)}”")
    before = req.status
    req.status = to
    session.flush()
    audit.record(session, f"police.{to}", actor=actor, object_type="police_request", object_id=req.id,
                 object_ref=req.ref_no, ip=ip, details={"from": before, **details})


def mark_sent(session: Session, req: PoliceRequest, police_unit: str, sent_on: date | None, actor, ip: str = "",
              now: datetime | None = None) -> None:
    now = _now(now)
    unit = (police_unit or req.police_unit or "").strip()
    if not unit:
        raise WorkflowError("请填写收函的公安机关", "police_unit")
    sent_at = datetime.combine(sent_on, time(12), tzinfo=timezone.utc) if sent_on else now
    if sent_at > now + timedelta(days=1):
        raise WorkflowError("发函日期不能晚于今天", "sent_on")
    reply_days = settings_store.notice_rules(session)["police_reply_days"]
    req.police_unit = unit[:255]
    req.sent_at = sent_at
    req.due_at = sent_at + timedelta(days=reply_days)
    _transition(session, req, "sent", actor, ip, {"police_unit": unit, "sent_at": sent_at, "due_at": req.due_at})


def mark_sample_taken(session: Session, req: PoliceRequest, taken_on: date | None, actor, ip: str = "",
                      now: datetime | None = None) -> None:
    now = _now(now)
    req.sample_taken_at = datetime.combine(taken_on, time(12), tzinfo=timezone.utc) if taken_on else now
    _transition(session, req, "sample_taken", actor, ip, {"sample_taken_at": req.sample_taken_at})


def record_result(session: Session, req: PoliceRequest, match: bool, note: str, actor, ip: str = "",
                  now: datetime | None = None) -> None:
    note = (note or "").strip()
    if match and not note:
        raise WorkflowError("比中时请填写比中的人员/案件信息（例如寻人启事编号或公安回函号）", "result_note")
    req.result_at = _now(now)
    req.result_note = note
    _transition(session, req, "result_match" if match else "result_no_match", actor, ip, {"note": note})


def is_overdue(req: PoliceRequest, now: datetime | None = None) -> bool:
    due = aware(req.due_at)
    return req.status not in FINAL and due is not None and due < _now(now)


def open_requests(session: Session) -> list[PoliceRequest]:
    return list(session.execute(select(PoliceRequest).where(PoliceRequest.status.notin_(FINAL))
                                .order_by(PoliceRequest.due_at)).scalars())


def requests_of(session: Session, intake: Intake) -> list[PoliceRequest]:
    return list(session.execute(select(PoliceRequest).where(PoliceRequest.intake_id == intake.id)
                                .order_by(PoliceRequest.id)).scalars())


# ---------------------------------------------------------------- the letter


def letter_template(session: Session) -> str | None:
    """The deployment's template, or None for the package default."""
    value = settings_store.get(session, settings_store.LETTER_TEMPLATE_KEY)
    return value if isinstance(value, str) and value.strip() else None


def letter_content(session: Session, req: PoliceRequest, config) -> PoliceRequestContent:
    intake = req.intake
    st = settings_store.station(session, config)
    photos = _photo_paths(session, config, intake_photo_ids(session, intake))
    admitted = aware(intake.admitted_at) or aware(intake.created_at)
    data: dict[str, Any] = {
        "ref_no": req.ref_no, "kinds": list(req.kinds or []),
        "police_unit": req.police_unit or UNIT_PLACEHOLDER,
        "station_name": st["name"], "station_header": st["letter_header"], "station_address": st["address"],
        "contact_person": st["contact_person"], "contact_phone": st["contact_phone"] or st["phone_24h"],
        "intake_ref": intake.ref, "photo": photos[0][1] if photos else None,
        "name_as_stated": intake.name_heard, "sex": intake.sex or "不详", "age_estimate": intake.age_estimate,
        "height_cm": intake.height_cm, "accent": intake.dialect, "health_state": cjk_punctuation(intake.health_state),
        "features": cjk_punctuation(intake.features), "clothing": cjk_punctuation(intake.clothing),
        "found_date": intake.found_date, "found_place": cjk_punctuation(intake.found_place), "admitted_date": admitted.date() if admitted else None,
        "request_text": req.request_text,
        "letter_date": (aware(req.sent_at) or _now()).date(),
        "reply_due_date": aware(req.due_at).date() if req.status != "draft" and req.due_at else None,
    }
    try:
        return PoliceRequestContent.from_mapping(data)
    except ContentError as exc:
        raise WorkflowError(f"协查函无法生成：{exc}", exc.field) from None


def letter_pdf(session: Session, req: PoliceRequest, config) -> bytes:
    content = letter_content(session, req, config)
    try:
        return notices.render_police_letter_pdf(content, letter_template(session))
    except ContentError as exc:
        raise WorkflowError(f"协查函模板有误：{exc}", "template") from None


def letter_text(session: Session, req: PoliceRequest, config) -> str:
    try:
        return notices.render_police_letter_text(letter_content(session, req, config), letter_template(session))
    except ContentError as exc:
        raise WorkflowError(f"协查函模板有误：{exc}", "template") from None


def save_template(session: Session, text: str | None, actor, ip: str = "") -> None:
    """Store an edited template after checking it renders; empty text restores the default."""
    text = (text or "").replace("\r\n", "\n")
    if text.strip():
        try:
            notices.validate_letter_template(text)
        except ContentError as exc:
            raise WorkflowError(str(exc), "template") from None
    before = letter_template(session)
    settings_store.put(session, settings_store.LETTER_TEMPLATE_KEY, text if text.strip() else None)
    audit.record(session, "settings.letter_template", actor=actor, object_type="setting",
                 object_ref=settings_store.LETTER_TEMPLATE_KEY, ip=ip,
                 details={"reset_to_default": not text.strip(), "chars_before": len(before or ""),
                          "chars_after": len(text)})
