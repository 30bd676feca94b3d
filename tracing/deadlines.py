"""The deadlines of an unidentified person's stay, computed from admission and the
deployment's rules (settings_store.DEADLINE_RULES; provinces differ):

- notice:   寻亲公告 published within N hours of admission (national rule: 24 h)
- police:   DNA sample taken by the police within N days (a month)
- care:     care arrangement (站内照料/站外托养/特困供养) after N days (10)
- refresh:  published notices refreshed every N days (a month)
- settle:   落户 procedures after N days (about 3 months in some provinces)

A rule is met by what the records show (a published notice, a DNA request with its
sample taken, the intake's status) or by staff marking it done with a note. Overdue
items come first.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit, settings_store
from .models import DeadlineMark, Intake, PoliceRequest, SearchNotice, aware

# Intakes whose identity is still open (tracing continues after 落户).
CLOSED_STATUSES = ("已寻亲", "已离站")
CARE_STATUSES = ("已安置", "站外托养", "已落户")
RULE_LABELS = {
    "notice": "发布寻亲公告",
    "police": "DNA采样协查",
    "care": "照料安置",
    "refresh": "公告更新",
    "settle": "落户",
}
MARKABLE = ("notice", "police", "care", "settle")


@dataclass
class Deadline:
    intake: Intake
    rule: str
    due_at: datetime
    state: str            # "overdue" | "soon" | "open"
    detail: str = ""
    notice_id: int | None = None

    @property
    def label(self) -> str:
        return RULE_LABELS[self.rule]

    @property
    def overdue(self) -> bool:
        return self.state == "overdue"

    def late_by(self, now: datetime) -> timedelta:
        return now - self.due_at


def _admitted(intake: Intake) -> datetime:
    return aware(intake.admitted_at) or aware(intake.created_at)


def compute(session: Session, now: datetime | None = None, intake_id: int | None = None) -> list[Deadline]:
    """Open deadlines of every unidentified intake (or one), overdue first, then by due date."""
    now = now or datetime.now(timezone.utc)
    rules = settings_store.deadline_rules(session)
    soon = timedelta(days=settings_store.notice_rules(session)["reminder_days"])
    stmt = select(Intake).where(Intake.status.notin_(CLOSED_STATUSES))
    if intake_id is not None:
        stmt = stmt.where(Intake.id == intake_id)
    intakes = list(session.execute(stmt).scalars())
    if not intakes:
        return []
    ids = [i.id for i in intakes]
    notices_by: dict[int, list[SearchNotice]] = {}
    for n in session.execute(select(SearchNotice).where(SearchNotice.intake_id.in_(ids))).scalars():
        notices_by.setdefault(n.intake_id, []).append(n)
    requests_by: dict[int, list[PoliceRequest]] = {}
    for r in session.execute(select(PoliceRequest).where(PoliceRequest.intake_id.in_(ids))).scalars():
        requests_by.setdefault(r.intake_id, []).append(r)
    marks = {(m.intake_id, m.rule) for m in session.execute(
        select(DeadlineMark).where(DeadlineMark.intake_id.in_(ids))).scalars()}

    out: list[Deadline] = []

    def add(intake, rule, due, detail="", notice_id=None):
        state = "overdue" if due < now else ("soon" if due - now <= soon else "open")
        out.append(Deadline(intake, rule, due, state, detail, notice_id))

    for intake in intakes:
        admitted = _admitted(intake)
        ns = notices_by.get(intake.id, [])
        published = [n for n in ns if n.published_at is not None]
        if not published and (intake.id, "notice") not in marks:
            draft = next((n for n in ns if n.status in ("draft", "approved")), None)
            detail = f"公告 {draft.notice_no} {'待审核' if draft.status == 'draft' else '已审核，待发布'}" if draft \
                else "尚未起草公告"
            add(intake, "notice", admitted + timedelta(hours=rules["notice_hours"]), detail,
                draft.id if draft else None)
        dna = [r for r in requests_by.get(intake.id, []) if "dna" in (r.kinds or [])]
        dna_done = any(r.status in ("sample_taken", "result_match", "result_no_match") for r in dna)
        if not dna_done and (intake.id, "police") not in marks:
            if dna:
                r = dna[-1]
                detail = f"协查 {r.ref_no}：{'草稿未发出' if r.status == 'draft' else '已发函，待采样'}"
            else:
                detail = "尚未提请DNA采样"
            add(intake, "police", admitted + timedelta(days=rules["police_days"]), detail)
        if intake.status not in CARE_STATUSES and (intake.id, "care") not in marks:
            add(intake, "care", admitted + timedelta(days=rules["care_days"]), f"当前状态：{intake.status}")
        for n in published:
            if n.status == "published":
                due = aware(n.refresh_at) or (aware(n.published_at) + timedelta(days=rules["refresh_days"]))
                add(intake, "refresh", due, f"公告 {n.notice_no}", n.id)
        if intake.status != "已落户" and (intake.id, "settle") not in marks:
            add(intake, "settle", admitted + timedelta(days=rules["settle_days"]), f"当前状态：{intake.status}")
    order = {"overdue": 0, "soon": 1, "open": 2}
    out.sort(key=lambda d: (order[d.state], d.due_at, d.intake.id))
    return out


def mark_done(session: Session, intake: Intake, rule: str, note: str, actor, ip: str = "") -> DeadlineMark:
    """Staff record that a rule is met outside the workbench (e.g. care arranged by phone)."""
    if rule not in MARKABLE:
        raise ValueError(f"rule: expected one of {MARKABLE}, got {rule!r}")
    note = (note or "").strip()
    if not note:
        raise ValueError("note: 请说明完成情况")
    existing = session.execute(select(DeadlineMark).where(DeadlineMark.intake_id == intake.id,
                                                          DeadlineMark.rule == rule)).scalar_one_or_none()
    if existing is not None:
        return existing
    mark = DeadlineMark(intake_id=intake.id, rule=rule, note=note[:2000], done_by_id=getattr(actor, "id", None))
    session.add(mark)
    session.flush()
    audit.record(session, "deadline.done", actor=actor, object_type="intake", object_id=intake.id,
                 object_ref=intake.ref, ip=ip, details={"rule": rule, "note": note[:500]})
    return mark


def unmark(session: Session, intake: Intake, rule: str, actor, ip: str = "") -> bool:
    mark = session.execute(select(DeadlineMark).where(DeadlineMark.intake_id == intake.id,
                                                      DeadlineMark.rule == rule)).scalar_one_or_none()
    if mark is None:
        return False
    session.delete(mark)
    session.flush()
    audit.record(session, "deadline.undone", actor=actor, object_type="intake", object_id=intake.id,
                 object_ref=intake.ref, ip=ip, details={"rule": rule})
    return True


def summary(session: Session, now: datetime | None = None) -> dict:
    items = compute(session, now)
    return {"overdue": sum(1 for d in items if d.state == "overdue"),
            "soon": sum(1 for d in items if d.state == "soon"),
            "by_rule": {r: sum(1 for d in items if d.rule == r and d.state == "overdue") for r in RULE_LABELS},
            "top": [d for d in items if d.state != "open"][:8]}
