"""Tamper-evident audit trail.

Each event's hash covers its own content and the previous event's hash, so changing,
deleting or inserting a row out of band breaks the chain at that point. The chain
head row is locked while appending (FOR UPDATE on PostgreSQL; SQLite transactions
are BEGIN IMMEDIATE), so concurrent writers append one after the other.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import AuditChainHead, AuditEvent

GENESIS = "0" * 64

# zh-CN names of actions for history pages; unknown actions are shown as recorded.
ACTION_LABELS = {
    "create": "新建", "update": "修改", "delete": "删除", "view": "查看", "import": "批量导入", "export": "导出",
    "login": "登录", "login.failed": "登录失败", "login.locked": "登录被锁定", "logout": "退出",
    "photo.add": "添加照片", "photo.delete": "删除照片", "user.create": "新建用户", "user.password": "修改密码",
    "user.activate": "启用用户", "user.deactivate": "停用用户",
    "face.search": "人脸搜索", "face.subject": "指定本人人脸",
    "search": "搜索", "candidate.reject": "排除", "candidate.needs_contact": "待核实",
    "candidate.needs_comparison": "提请比对", "candidate.confirm": "确认（待复核）", "candidate.approve": "批准确认",
    "candidate.set_aside": "搁置", "candidate.undo": "撤销决定", "candidate.restore": "恢复候选",
    "police_request.create": "新建协查请求", "police_request.delete": "删除协查请求草稿",
    "tip.create": "收到线索", "tip.status": "处理线索",
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def canonical(details: dict | None) -> str:
    return json.dumps(_jsonable(details or {}), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(prev_hash: str, seq: int, ts: str, actor_id, actor: str, action: str,
               object_type: str, object_id, object_ref: str, details: str, ip: str) -> str:
    payload = json.dumps(
        [prev_hash, seq, ts, actor_id, actor, action, object_type, object_id, object_ref, details, ip],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def record(session: Session, action: str, *, actor=None, object_type: str = "", object_id: int | None = None,
           object_ref: str = "", details: dict | None = None, ip: str = "") -> AuditEvent:
    """Append one event in the caller's transaction (it commits or rolls back with the change)."""
    head = session.execute(select(AuditChainHead).where(AuditChainHead.id == 1).with_for_update()).scalar_one_or_none()
    if head is None:
        head = AuditChainHead(id=1, last_seq=0, last_hash=GENESIS)
        session.add(head)
        session.flush()
    actor_id = getattr(actor, "id", None)
    actor_name = getattr(actor, "username", None) or (actor if isinstance(actor, str) else "system")
    seq = head.last_seq + 1
    ts = _now_iso()
    details_text = canonical(details)
    digest = event_hash(head.last_hash, seq, ts, actor_id, actor_name, action, object_type, object_id,
                        object_ref or "", details_text, ip or "")
    event = AuditEvent(seq=seq, ts=ts, actor_id=actor_id, actor=actor_name, action=action,
                       object_type=object_type, object_id=object_id, object_ref=object_ref or "",
                       details=details_text, ip=ip or "", prev_hash=head.last_hash, hash=digest)
    session.add(event)
    head.last_seq = seq
    head.last_hash = digest
    session.flush()
    return event


@dataclass
class VerifyResult:
    ok: bool
    count: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""


def verify(session: Session, batch: int = 5000) -> VerifyResult:
    """Walk the chain in order, recomputing every hash; report the first event that does not fit."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    last_id = 0
    while True:
        rows = session.execute(
            select(AuditEvent).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(batch)
        ).scalars().all()
        if not rows:
            break
        for ev in rows:
            last_id = ev.id
            if ev.seq != expected_seq:
                return VerifyResult(False, count, ev.seq, ev.id,
                                    f"sequence gap: expected #{expected_seq}, found #{ev.seq} (event deleted or inserted)")
            if ev.prev_hash != prev:
                return VerifyResult(False, count, ev.seq, ev.id, "previous-hash link does not match")
            digest = event_hash(ev.prev_hash, ev.seq, ev.ts, ev.actor_id, ev.actor, ev.action, ev.object_type,
                                ev.object_id, ev.object_ref, ev.details, ev.ip)
            if digest != ev.hash:
                return VerifyResult(False, count, ev.seq, ev.id, "content does not match its hash (row changed)")
            prev = ev.hash
            expected_seq += 1
            count += 1
        session.expunge_all()
    head = session.get(AuditChainHead, 1)
    if head is not None and (head.last_seq != count or head.last_hash != prev):
        return VerifyResult(False, count, count + 1, None,
                            f"chain head says #{head.last_seq} but the table ends at #{count} (trailing events deleted)")
    if head is None and count:
        return VerifyResult(False, count, None, None, "chain head missing")
    return VerifyResult(True, count)


def history(session: Session, object_type: str, object_id: int) -> list[AuditEvent]:
    return list(session.execute(
        select(AuditEvent).where(AuditEvent.object_type == object_type, AuditEvent.object_id == object_id)
        .order_by(AuditEvent.seq)
    ).scalars())


def details_of(event: AuditEvent) -> dict:
    try:
        return json.loads(event.details or "{}")
    except ValueError:
        return {"raw": event.details}
