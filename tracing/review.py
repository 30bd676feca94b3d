"""Reviewing candidates: the queue, claims, decisions, two-person confirmation and undo.

Plain functions over a SQLAlchemy session (no Flask request), used by the web views,
the CLI and tests. The caller owns the transaction: functions flush and audit in it,
the caller commits (or rolls back on an exception).

Rules kept here rather than in views, because they protect people:
- a decided pair (review_status != "pending") is never touched by re-matching
  (tracing.matching only rewrites pending candidates; `is_decided` states the rule);
- a reject needs a reason; a confirmation needs a second person with the staff role;
- every decision, approval and undo is an audit event on the candidate;
- concurrent reviewers: the version the reviewer saw is checked under a row lock and again
  by SQLAlchemy's version counter, so exactly one decision wins and the other gets a
  ConflictError naming who decided what — nothing is silently overwritten.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlalchemy import case, func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from . import audit
from .auth import can
from .models import (
    CANDIDATE_STATUS_LABELS,
    CANDIDATE_STATUSES,
    Candidate,
    Intake,
    MissingReport,
    PoliceRequest,
    Review,
    User,
    aware,
)


CLAIM_MINUTES = 10
DECISIONS = {                       # decision -> candidate status it leads to
    "reject": "rejected",
    "needs_contact": "needs_contact",
    "needs_comparison": "needs_comparison",
    "confirm": "confirm_pending",
}
DECISION_LABELS = {"reject": "排除", "needs_contact": "待核实", "needs_comparison": "提请比对", "confirm": "确认"}
OPEN_STATUSES = ("pending", "needs_contact", "needs_comparison")          # still decidable
SET_ASIDE_FROM = OPEN_STATUSES + ("confirm_pending",)                    # what an identification parks
POLICE_KINDS = ["fingerprint", "portrait", "dna"]
FOUND_INTAKE_STATUS = "已寻亲"
REASON_MAX = 2000
SCORE_BANDS = {"high": (0.8, None), "mid": (0.5, 0.8), "low": (None, 0.5)}
SCORE_BAND_LABELS = {"high": "高（≥80%）", "mid": "中（50–80%）", "low": "低（<50%）"}

assert set(DECISIONS.values()) | set(OPEN_STATUSES) | {"confirmed", "set_aside"} <= set(CANDIDATE_STATUSES)


class ReviewError(Exception):
    """A decision that cannot be taken; the message (zh-CN) is shown to the user as is."""


class ConflictError(ReviewError):
    """Someone else changed the candidate after this user opened it."""


class NotAllowed(ReviewError):
    """The user's role (or being the same person) does not allow this step."""


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def is_decided(candidate: Candidate) -> bool:
    """The rule re-matching follows: only pending pairs may be re-scored, replaced or removed."""
    return candidate.review_status != "pending"


def candidate_ref(candidate: Candidate) -> str:
    return f"{candidate.intake.ref}↔{candidate.report.ref}"[:64]


# ---------------------------------------------------------------- queue

@dataclass
class QueueFilters:
    station: str = ""
    region: str = ""
    status: str = "pending"     # a CANDIDATE_STATUSES value, "open" (pending + needs_*) or "all"
    band: str = ""              # "", high, mid, low

    @classmethod
    def from_args(cls, args) -> "QueueFilters":
        status = (args.get("status") or "pending").strip()
        if status not in CANDIDATE_STATUSES and status not in ("open", "all"):
            status = "pending"
        band = (args.get("band") or "").strip()
        return cls(station=(args.get("station") or "").strip()[:128], region=(args.get("region") or "").strip()[:64],
                   status=status, band=band if band in SCORE_BANDS else "")

    def as_args(self) -> dict:
        return {k: v for k, v in (("station", self.station), ("region", self.region), ("status", self.status),
                                  ("band", self.band)) if v}

    def statuses(self) -> tuple[str, ...] | None:
        if self.status == "all":
            return None
        if self.status == "open":
            return OPEN_STATUSES
        return (self.status,)


def _score_bucket():
    # Probability in 0.1 bands, portable (CAST rounds on PostgreSQL but truncates on SQLite).
    return case(*[(Candidate.score >= b / 10, b) for b in range(9, 0, -1)], else_=0)


def _filtered(stmt, filters: QueueFilters, with_status: bool = True):
    stmt = stmt.join(Intake, Candidate.intake_id == Intake.id).join(MissingReport, Candidate.report_id == MissingReport.id)
    statuses = filters.statuses() if with_status else None
    if statuses is not None:
        stmt = stmt.where(Candidate.review_status.in_(statuses))
    if filters.station:
        stmt = stmt.where(Intake.station == filters.station)
    if filters.region:
        r = filters.region
        stmt = stmt.where(or_(Intake.place_hints.contains(r), Intake.dialect.contains(r), Intake.found_place.contains(r),
                              MissingReport.hometown.contains(r)))
    if filters.band:
        lo, hi = SCORE_BANDS[filters.band]
        if lo is not None:
            stmt = stmt.where(Candidate.score >= lo)
        if hi is not None:
            stmt = stmt.where(Candidate.score < hi)
    return stmt


def queue_query(filters: QueueFilters):
    """Candidates in review order: probability (0.1 bands) first; within a band, people who have
    been in the station longest go up; then the exact score."""
    stmt = _filtered(select(Candidate), filters)
    if filters.status in OPEN_STATUSES or filters.status == "open":
        # A person already identified or a closed report is not work any more.
        stmt = stmt.where(Intake.status != FOUND_INTAKE_STATUS, MissingReport.status == "open")
    return stmt.order_by(_score_bucket().desc(), Intake.admitted_at.asc().nulls_last(), Candidate.score.desc(),
                         Candidate.id)


def queue_page(session: Session, filters: QueueFilters, page: int = 1, size: int = 30) -> tuple[list[Candidate], bool]:
    rows = list(session.execute(queue_query(filters).offset((page - 1) * size).limit(size + 1)).scalars())
    return rows[:size], len(rows) > size


def status_counts(session: Session, filters: QueueFilters | None = None) -> dict[str, int]:
    """Candidates per review status (the other filters applied, the status filter not)."""
    stmt = select(Candidate.review_status, func.count(Candidate.id))
    if filters is not None and (filters.station or filters.region or filters.band):
        stmt = _filtered(stmt, filters, with_status=False)
    counts = dict(session.execute(stmt.group_by(Candidate.review_status)).all())
    return {s: counts.get(s, 0) for s in CANDIDATE_STATUSES}


def stations(session: Session) -> list[str]:
    return [s for (s,) in session.execute(select(Intake.station).where(Intake.station != "").distinct()
                                          .order_by(Intake.station)) if s]


# ---------------------------------------------------------------- claims

def claimed_by_other(candidate: Candidate, user: User, now: datetime | None = None) -> bool:
    now = now or now_utc()
    until = aware(candidate.claimed_until)
    return bool(candidate.claimed_by_id and candidate.claimed_by_id != user.id and until and until > now)


def _claimable(user: User, now: datetime):
    return or_(Candidate.claimed_by_id.is_(None), Candidate.claimed_until.is_(None), Candidate.claimed_until <= now,
               Candidate.claimed_by_id == user.id)


def claim(session: Session, candidate_id: int, user: User, now: datetime | None = None) -> bool:
    """Hold an open candidate for `user` for CLAIM_MINUTES (one claim per user). A claim is a soft
    lock for sharing work, not a decision: it does not bump the version the reviewer decides on.
    The conditional UPDATE is atomic, so two reviewers never get the same pair."""
    now = now or now_utc()
    res = session.execute(
        update(Candidate).where(Candidate.id == candidate_id, Candidate.review_status.in_(OPEN_STATUSES),
                                _claimable(user, now))
        .values(claimed_by_id=user.id, claimed_until=now + timedelta(minutes=CLAIM_MINUTES))
        .execution_options(synchronize_session=False))
    if res.rowcount != 1:
        return False
    session.execute(update(Candidate).where(Candidate.claimed_by_id == user.id, Candidate.id != candidate_id)
                    .values(claimed_by_id=None, claimed_until=None).execution_options(synchronize_session=False))
    _expire_candidates(session)
    return True


def release(session: Session, candidate_id: int, user: User) -> bool:
    res = session.execute(update(Candidate).where(Candidate.id == candidate_id, Candidate.claimed_by_id == user.id)
                          .values(claimed_by_id=None, claimed_until=None)
                          .execution_options(synchronize_session=False))
    _expire_candidates(session)
    return res.rowcount == 1


def _expire_candidates(session: Session) -> None:
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Candidate):
            session.expire(obj, ["claimed_by_id", "claimed_until"])


def claim_next(session: Session, user: User, filters: QueueFilters | None = None, *,
               exclude: set[int] | frozenset[int] = frozenset(), now: datetime | None = None) -> Candidate | None:
    """The best open candidate nobody else holds, claimed for `user`; None when the queue is empty.

    Only decidable statuses are handed out: with a status filter of "all" or a decided status
    the pending queue is used."""
    now = now or now_utc()
    filters = filters or QueueFilters()
    if filters.status not in OPEN_STATUSES and filters.status != "open":
        filters = QueueFilters(filters.station, filters.region, "pending", filters.band)
    stmt = queue_query(filters).where(_claimable(user, now))
    if exclude:
        stmt = stmt.where(Candidate.id.notin_(list(exclude)[:500]))
    for _ in range(5):      # another reviewer may claim the same rows between our read and update
        ids = list(session.execute(stmt.with_only_columns(Candidate.id).limit(10)).scalars())
        if not ids:
            return None
        for cid in ids:
            if claim(session, cid, user, now):
                return session.get(Candidate, cid)
    return None


# ---------------------------------------------------------------- decisions

def _lock_candidate(session: Session, candidate_id: int) -> Candidate | None:
    return session.execute(select(Candidate).where(Candidate.id == candidate_id).with_for_update()
                           .execution_options(populate_existing=True)).scalar_one_or_none()


def _lock(session: Session, model, obj_id: int):
    return session.execute(select(model).where(model.id == obj_id).with_for_update()
                           .execution_options(populate_existing=True)).scalar_one_or_none()


def latest_review(session: Session, candidate_id: int, *, active_only: bool = True) -> Review | None:
    stmt = select(Review).where(Review.candidate_id == candidate_id)
    if active_only:
        stmt = stmt.where(Review.undone_at.is_(None))
    return session.execute(stmt.order_by(Review.id.desc()).limit(1)).scalar_one_or_none()


def _conflict(session: Session, cand: Candidate) -> ConflictError:
    last = latest_review(session, cand.id, active_only=False)
    label = CANDIDATE_STATUS_LABELS.get(cand.review_status, cand.review_status)
    if last is not None:
        who = session.get(User, last.user_id)
        when = aware(last.undone_at or last.approved_at or last.created_at)
        return ConflictError(f"这对记录在您查看期间已被 {who.label if who else '他人'} 处理（现为「{label}」，"
                             f"{when:%m-%d %H:%M} UTC）。您的决定没有保存，请查看最新状态后再决定。")
    return ConflictError(f"这对记录在您查看期间已更新（现为「{label}」，如重新计算了评分）。"
                         "您的决定没有保存，请核对后再决定。")


def _flush(session: Session, cand: Candidate) -> None:
    try:
        session.flush()
    except StaleDataError:
        # A concurrent transaction committed first (PostgreSQL row version check). The session
        # must be rolled back by the caller; the message is what the reviewer sees.
        raise ConflictError("这对记录刚被另一位审核人处理，您的决定没有保存。请刷新查看最新状态。") from None


def _draft_police_request(session: Session, cand: Candidate, user: User, reason: str, ip: str,
                          now: datetime) -> PoliceRequest:
    """A draft 协查 request (fingerprint, portrait, DNA) for the intake, linked to the pair; the
    police-request workflow owns numbering, due dates and its audit."""
    from . import police_requests

    text = f"比对候选：寻人启事 {cand.report.ref}" + (f"；{reason}" if reason else "")
    return police_requests.create_request(session, cand.intake, list(POLICE_KINDS), user, candidate_id=cand.id,
                                          request_text=text, ip=ip, now=now)


def decide(session: Session, candidate_id: int, user: User, decision: str, reason: str = "",
           expected_version: int | None = None, *, ip: str = "", now: datetime | None = None) -> Review:
    """Record one reviewer's decision on a pair (see DECISIONS). Raises ReviewError subclasses."""
    now = now or now_utc()
    if decision not in DECISIONS:
        raise ReviewError(f"未知的决定“{decision}”（应为 {'、'.join(DECISION_LABELS.values())}）")
    if not can(user, "review"):
        raise NotAllowed("您的角色不能审核候选")
    reason = (reason or "").strip()
    if decision == "reject" and not reason:
        raise ReviewError("排除必须填写理由")
    if len(reason) > REASON_MAX:
        raise ReviewError(f"理由过长（{len(reason)} 字，上限 {REASON_MAX}）")
    cand = _lock_candidate(session, candidate_id)
    if cand is None:
        raise ReviewError("候选不存在（可能已被重新匹配移除）")
    if expected_version is not None and cand.version != expected_version:
        raise _conflict(session, cand)
    if cand.review_status not in OPEN_STATUSES:
        raise _conflict(session, cand)
    if cand.review_status == DECISIONS[decision]:
        raise ReviewError(f"这对记录已是「{CANDIDATE_STATUS_LABELS[cand.review_status]}」")
    if claimed_by_other(cand, user, now):
        holder = session.get(User, cand.claimed_by_id)
        raise ConflictError(f"这对记录正由 {holder.label if holder else '他人'} 审核中"
                            f"（至 {aware(cand.claimed_until):%H:%M} UTC），请稍后或选择其他候选。")
    before = cand.review_status
    cand.review_status = DECISIONS[decision]
    cand.decided_at = now
    cand.claimed_by_id = None
    cand.claimed_until = None
    review = Review(candidate_id=cand.id, user_id=user.id, decision=decision, reason=reason,
                    state_before={"status": before}, created_at=now)
    session.add(review)
    _flush(session, cand)
    details = {"decision": decision, "reason": reason, "from": before, "to": cand.review_status,
               "review_id": review.id, "score": cand.score}
    if decision == "needs_comparison":
        pr = _draft_police_request(session, cand, user, reason, ip, now)
        review.state_before = {**review.state_before, "police_request_id": pr.id}
        details["police_request"] = pr.ref_no
    audit.record(session, f"candidate.{decision}", actor=user, object_type="candidate", object_id=cand.id,
                 object_ref=candidate_ref(cand), ip=ip, details=details)
    session.flush()
    return review


@dataclass
class ApprovalResult:
    review: Review
    set_aside: list[int] = field(default_factory=list)
    notices: object = None          # what tracing.notices_workflow.withdraw_for_intake returned


def approve_confirmation(session: Session, candidate_id: int, approver: User, *, ip: str = "",
                         expected_version: int | None = None, now: datetime | None = None) -> ApprovalResult:
    """Second person (staff) approves a confirmation: the person is identified.

    intake -> 已寻亲, report -> closed, the other open pairs of both -> set_aside, notices
    withdrawn (by the notices workflow, when installed). All in the caller's transaction."""
    now = now or now_utc()
    if not can(approver, "review.approve"):
        raise NotAllowed("只有工作人员可以复核确认")
    cand = _lock_candidate(session, candidate_id)
    if cand is None:
        raise ReviewError("候选不存在")
    if expected_version is not None and cand.version != expected_version:
        raise _conflict(session, cand)
    if cand.review_status != "confirm_pending":
        raise _conflict(session, cand)
    review = session.execute(select(Review).where(Review.candidate_id == cand.id, Review.decision == "confirm",
                                                  Review.undone_at.is_(None), Review.approved_at.is_(None))
                             .order_by(Review.id.desc()).limit(1)).scalar_one_or_none()
    if review is None:
        raise ReviewError("找不到待复核的确认记录")
    if review.user_id == approver.id:
        raise NotAllowed("确认需由另一名工作人员复核：不能复核自己提交的确认")
    intake = _lock(session, Intake, cand.intake_id)
    report = _lock(session, MissingReport, cand.report_id)
    others = list(session.execute(
        select(Candidate).where(or_(Candidate.intake_id == intake.id, Candidate.report_id == report.id),
                                Candidate.id != cand.id, Candidate.review_status.in_(SET_ASIDE_FROM))
        .order_by(Candidate.id).with_for_update().execution_options(populate_existing=True)).scalars())
    approval = {"intake_status": intake.status, "report_status": report.status,
                "set_aside": {str(o.id): o.review_status for o in others}}
    intake.status = FOUND_INTAKE_STATUS
    report.status = "closed"
    for o in others:
        o.review_status = "set_aside"
        o.decided_at = now
        o.claimed_by_id = o.claimed_until = None
    cand.review_status = "confirmed"
    cand.decided_at = now
    cand.claimed_by_id = cand.claimed_until = None
    review.approved_by_id = approver.id
    review.approved_at = now
    review.state_before = {**(review.state_before or {}), "approval": approval}
    _flush(session, cand)
    ref = candidate_ref(cand)
    audit.record(session, "candidate.approve", actor=approver, object_type="candidate", object_id=cand.id,
                 object_ref=ref, ip=ip, details={"review_id": review.id, "confirmed_by": review.user_id,
                                                 "from": "confirm_pending", "to": "confirmed",
                                                 "set_aside": [o.id for o in others]})
    audit.record(session, "update", actor=approver, object_type="intake", object_id=intake.id, object_ref=intake.ref,
                 ip=ip, details={"changes": {"status": [approval["intake_status"], FOUND_INTAKE_STATUS]},
                                 "reason": f"确认与寻人启事 {report.ref} 为同一人（候选 {cand.id}）"})
    audit.record(session, "update", actor=approver, object_type="report", object_id=report.id, object_ref=report.ref,
                 ip=ip, details={"changes": {"status": [approval["report_status"], "closed"]},
                                 "reason": f"已与受助人员 {intake.ref} 确认（候选 {cand.id}）"})
    for o in others:
        audit.record(session, "candidate.set_aside", actor=approver, object_type="candidate", object_id=o.id,
                     object_ref=candidate_ref(o), ip=ip,
                     details={"from": approval["set_aside"][str(o.id)], "to": "set_aside",
                              "reason": f"候选 {cand.id}（{ref}）已确认"})
    result = ApprovalResult(review, [o.id for o in others])
    result.notices = _withdraw_notices(session, intake, approver, ip)
    session.flush()
    return result


def _withdraw_notices(session: Session, intake: Intake, actor: User, ip: str = ""):
    """The notices workflow owns withdrawal (public page, feeds, channels)."""
    from . import notices_workflow

    return notices_workflow.withdraw_for_intake(session, intake, reason=FOUND_INTAKE_STATUS, actor=actor, ip=ip)


@dataclass
class UndoResult:
    review: Review
    restored: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def undo(session: Session, review_id: int, staff_user: User, reason: str = "", *, ip: str = "",
         now: datetime | None = None) -> UndoResult:
    """Undo a candidate's latest decision (and its approval), restoring the statuses saved with it.

    Only what is still as the decision left it is restored: a record edited since keeps its
    edit and the undo reports it, so an undo never overwrites someone else's work."""
    now = now or now_utc()
    if not can(staff_user, "review.undo"):
        raise NotAllowed("只有工作人员可以撤销决定")
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise ReviewError(f"理由过长（{len(reason)} 字，上限 {REASON_MAX}）")
    review = _lock(session, Review, review_id)
    if review is None:
        raise ReviewError("决定记录不存在")
    if review.undone_at is not None:
        raise ConflictError("这个决定已被撤销")
    cand = _lock_candidate(session, review.candidate_id)
    if cand is None:
        raise ReviewError("候选不存在")
    latest = latest_review(session, cand.id)
    if latest is None or latest.id != review.id:
        raise ReviewError("只能撤销这对记录最近的一次决定，请先撤销之后的决定")
    expected_now = "confirmed" if review.approved_at else DECISIONS.get(review.decision)
    if cand.review_status != expected_now:
        label = CANDIDATE_STATUS_LABELS.get(cand.review_status, cand.review_status)
        raise ConflictError(f"这对记录的状态已因其他操作变为「{label}」，不能直接撤销此决定；请先撤销导致该变化的决定。")
    state = dict(review.state_before or {})
    result = UndoResult(review)
    restored = result.restored
    if review.approved_at:
        approval = state.get("approval") or {}
        intake = _lock(session, Intake, cand.intake_id)
        report = _lock(session, MissingReport, cand.report_id)
        if intake.status == FOUND_INTAKE_STATUS:
            intake.status = approval.get("intake_status") or "在站"
            restored["intake_status"] = [FOUND_INTAKE_STATUS, intake.status]
            audit.record(session, "update", actor=staff_user, object_type="intake", object_id=intake.id,
                         object_ref=intake.ref, ip=ip,
                         details={"changes": {"status": restored["intake_status"]},
                                  "reason": f"撤销确认（候选 {cand.id}）：{reason}".rstrip("：")})
        else:
            result.warnings.append(f"受助人员状态已改为「{intake.status}」，未恢复")
        if report.status == "closed":
            report.status = approval.get("report_status") or "open"
            restored["report_status"] = ["closed", report.status]
            audit.record(session, "update", actor=staff_user, object_type="report", object_id=report.id,
                         object_ref=report.ref, ip=ip,
                         details={"changes": {"status": restored["report_status"]},
                                  "reason": f"撤销确认（候选 {cand.id}）：{reason}".rstrip("：")})
        else:
            result.warnings.append(f"寻人启事状态已改为「{report.status}」，未恢复")
        back = {}
        for oid, prev in (approval.get("set_aside") or {}).items():
            other = _lock_candidate(session, int(oid))
            if other is not None and other.review_status == "set_aside":
                other.review_status = prev
                other.decided_at = None if prev == "pending" else other.decided_at
                back[oid] = prev
                audit.record(session, "candidate.restore", actor=staff_user, object_type="candidate",
                             object_id=other.id, object_ref=candidate_ref(other), ip=ip,
                             details={"from": "set_aside", "to": prev, "reason": f"撤销候选 {cand.id} 的确认"})
        restored["set_aside_restored"] = back
        result.warnings.append("已撤回的寻亲公告不会自动恢复，如需重新发布请到公告页面操作")
    pr_id = state.get("police_request_id")
    if pr_id:
        pr = _lock(session, PoliceRequest, pr_id)
        if pr is not None and pr.status == "draft":
            audit.record(session, "police_request.delete", actor=staff_user, object_type="police_request",
                         object_id=pr.id, object_ref=pr.ref_no, ip=ip,
                         details={"reason": f"撤销提请比对（候选 {cand.id}）", "kinds": pr.kinds})
            session.delete(pr)
            restored["police_request_deleted"] = pr.ref_no
        elif pr is not None:
            result.warnings.append(f"协查请求 {pr.ref_no} 已发送（{pr.status}），未删除")
    previous = state.get("status") or "pending"
    restored["status"] = [cand.review_status, previous]
    cand.review_status = previous
    cand.decided_at = None if previous == "pending" else cand.decided_at
    review.undone_by_id = staff_user.id
    review.undone_at = now
    _flush(session, cand)
    audit.record(session, "candidate.undo", actor=staff_user, object_type="candidate", object_id=cand.id,
                 object_ref=candidate_ref(cand), ip=ip,
                 details={"review_id": review.id, "decision": review.decision, "was_approved": bool(review.approved_at),
                          "reason": reason, "restored": restored, "warnings": result.warnings})
    session.flush()
    return result
