"""寻亲公告 workflow: draft from an intake, versioned edits, approval by a second person,
region-targeted publication with queued delivery, refresh, expiry and withdrawal.

Plain functions on a SQLAlchemy session; the caller commits (deliveries are queued
only after the commit, through hooks.after_commit). Rendering and channel protocols
come from the pure `notices` package: this module turns rows into NoticeContent,
Publications into delivery attempts, and keeps what the staff need to see (why a
channel was chosen, every attempt's status code and response).

Privacy: a version's content holds only the fields a public notice may show. It is
built from an explicit list of intake fields, never from the whole row, so ID
numbers, internal notes and family data cannot reach a renderer or a channel.
"""
from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

import notices
from notices.content import WITHDRAWN_LABELS, ContentError, NoticeContent, contains_identifier

from . import audit, hooks, settings_store
from .auth import can
from .models import (Candidate, Channel, FaceEncoding, Intake, MissingReport, NoticeVersion, Photo, Publication,
                     SearchNotice, aware)

log = logging.getLogger(__name__)

STATUS_LABELS = {"draft": "草稿", "approved": "已审核", "published": "已发布", "withdrawn": "已撤回"}
PUBLICATION_STATUS_LABELS = {
    "pending": "排队中", "sending": "发送中", "sent": "已送达", "retrying": "等待重试", "failed": "失败",
    "uncertain": "可能已送达（待核实）", "cancelled": "已取消",
}
ACTION_LABELS = {"publish": "发布", "update": "更新", "refresh": "刷新", "withdraw": "撤回"}
ACTION_EVENTS = {"publish": "notice.published", "update": "notice.updated", "refresh": "notice.updated",
                 "withdraw": "notice.withdrawn"}
CHANNEL_KINDS = {"webhook": "通用 Webhook（HMAC 签名）", "wecom": "企业微信群机器人", "dingtalk": "钉钉群机器人",
                 "email": "电子邮件（SMTP）", "feed": "订阅源（RSS/Atom/JSON）"}
# Channels whose receivers can recognise a repeated delivery (Idempotency-Key header,
# stable Message-ID). Group robots cannot: a timeout there is left for staff to check
# instead of being retried into a double post.
IDEMPOTENT_KINDS = {"webhook", "email"}
WITHDRAW_REASONS = {"identified": "已寻亲（找到家人）", "left": "已离站", "other": "其他原因"}
PLACEHOLDER_PHONE = "12345"

# How the audit history names this workflow's events.
audit.ACTION_LABELS.update({
    "notice.draft": "起草公告", "notice.edit": "修改公告", "notice.approve": "审核公告", "notice.publish": "发布公告",
    "notice.update": "发布公告更新", "notice.refresh": "刷新公告", "notice.withdraw": "撤回公告",
    "notice.render": "导出公告", "publication.sent": "渠道送达", "publication.failed": "渠道发送失败",
    "publication.uncertain": "渠道可能已送达", "publication.cancelled": "取消发送", "publication.retry": "重新发送",
    "publication.confirm": "人工确认送达", "channel.create": "新建渠道", "channel.update": "修改渠道",
    "settings.station": "修改站点设置", "settings.deadlines": "修改期限规则", "settings.letter_template": "修改协查函模板",
    "police.create": "新建协查", "police.edit": "修改协查", "police.sent": "协查已发函",
    "police.sample_taken": "协查已采样", "police.result_match": "协查比中", "police.result_no_match": "协查未比中",
    "deadline.done": "标记期限完成", "deadline.undone": "撤销期限标记", "deadlines.view": "查看期限",
})

# The fields of a version's content, in form order: (key, label).
CONTENT_FIELDS = [
    ("name_as_stated", "自述姓名（空 = 无法表述）"),
    ("sex", "性别"),
    ("age_estimate", "估计年龄"),
    ("height_cm", "身高（厘米）"),
    ("accent", "口音"),
    ("health_state", "健康/精神状况"),
    ("features", "体貌特征"),
    ("clothing", "发现时衣着"),
    ("found_date", "发现日期"),
    ("found_place", "发现地点"),
    ("admitted_date", "入站日期"),
]
TEXT_LIMITS = {"name_as_stated": 64, "age_estimate": 32, "accent": 64, "health_state": 500, "features": 1000,
               "clothing": 500, "found_place": 200}


class WorkflowError(ValueError):
    """A step that cannot be taken; `message` is shown to staff as is (zh-CN)."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


def _now(now: datetime | None = None) -> datetime:
    return now or datetime.now(timezone.utc)


# ---------------------------------------------------------------- content


def intake_photo_ids(session: Session, intake: Intake) -> list[int]:
    """The intake's photos, the one whose face was marked as the person's first."""
    photos = session.execute(select(Photo).where(Photo.owner_type == "intake", Photo.owner_id == intake.id)
                             .order_by(Photo.id)).scalars().all()
    subject_ids = set(session.execute(select(FaceEncoding.photo_id).where(
        FaceEncoding.photo_id.in_([p.id for p in photos] or [0]), FaceEncoding.is_subject.is_(True))).scalars())
    return [p.id for p in sorted(photos, key=lambda p: (p.id not in subject_ids, p.id))]


_CJK = "\u3400-\u9fff"
_ASCII_PUNCT = re.compile(rf"(?<=[{_CJK}])\s*([,;:!?])\s*(?=[{_CJK}])")
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


def cjk_punctuation(text: str) -> str:
    """Stored text has ASCII punctuation (normalised on input); a Chinese notice reads better
    with full-width punctuation between Chinese words: "能简单交流,左手" -> "能简单交流，左手"."""
    return _ASCII_PUNCT.sub(lambda m: _FULL[m.group(1)], text or "")


def content_from_intake(session: Session, intake: Intake) -> dict[str, Any]:
    """A first draft's content: only the fields a public notice shows."""
    admitted = aware(intake.admitted_at) or aware(intake.created_at)
    return {
        "name_as_stated": intake.name_heard or "",
        "sex": intake.sex or "不详",
        "age_estimate": intake.age_estimate or "",
        "height_cm": int(round(intake.height_cm)) if intake.height_cm else None,
        "accent": intake.dialect or "",
        "health_state": cjk_punctuation(intake.health_state),
        "features": cjk_punctuation(intake.features),
        "clothing": cjk_punctuation(intake.clothing),
        "found_date": intake.found_date.isoformat() if intake.found_date else None,
        "found_place": cjk_punctuation(intake.found_place),
        "admitted_date": admitted.date().isoformat() if admitted else None,
        "photo_ids": intake_photo_ids(session, intake),
    }


def parse_content_form(form, allowed_photo_ids: Iterable[int]) -> dict[str, Any]:
    """Form strings -> content dict; raises WorkflowError naming the field."""
    out: dict[str, Any] = {}
    for key, label in CONTENT_FIELDS:
        raw = (form.get(key) or "").strip()
        if key in TEXT_LIMITS and len(raw) > TEXT_LIMITS[key]:
            raise WorkflowError(f"{label}：内容过长（{len(raw)} 字，上限 {TEXT_LIMITS[key]}）", key)
        out[key] = raw
    out["height_cm"] = out["height_cm"] or None
    if out["height_cm"] is not None:
        try:
            out["height_cm"] = int(round(float(out["height_cm"])))
        except ValueError:
            raise WorkflowError(f"身高：不是数字：{out['height_cm']}", "height_cm") from None
    for key in ("found_date", "admitted_date"):
        out[key] = out[key] or None
    allowed = list(allowed_photo_ids)
    chosen = set()
    for v in form.getlist("photo_ids") if hasattr(form, "getlist") else form.get("photo_ids", []):
        try:
            chosen.add(int(v))
        except (TypeError, ValueError):
            raise WorkflowError(f"照片编号无效：{v!r}", "photo_ids") from None
    unknown = chosen - set(allowed)
    if unknown:
        raise WorkflowError(f"照片不属于该受助人员：{sorted(unknown)}", "photo_ids")
    main = form.get("main_photo") or ""
    main_id = int(main) if main.isdigit() and int(main) in chosen else None
    out["photo_ids"] = ([main_id] if main_id else []) + [p for p in allowed if p in chosen and p != main_id]
    check_content(out)
    return out


def check_content(content: dict[str, Any]) -> None:
    """Validate with the renderer's own rules, so a saved version always renders."""
    try:
        NoticeContent.from_mapping({**_person_fields(content), "notice_no": "CHECK", "station_name": "站",
                                    "station_phone_24h": PLACEHOLDER_PHONE})
    except ContentError as exc:
        label = dict(CONTENT_FIELDS).get(exc.field, exc.field)
        raise WorkflowError(f"{label}：{exc}", exc.field) from None


def _person_fields(content: dict[str, Any]) -> dict[str, Any]:
    return {k: content.get(k) for k, _ in CONTENT_FIELDS}


def identifiers_in(content: dict[str, Any]) -> list[str]:
    """Labels of free-text fields in which an ID-card or phone number was typed (they get hidden)."""
    return [label for key, label in CONTENT_FIELDS
            if isinstance(content.get(key), str) and contains_identifier(content[key])]


def latest_version(notice: SearchNotice) -> NoticeVersion | None:
    return notice.versions[-1] if notice.versions else None


def published_version(notice: SearchNotice) -> NoticeVersion | None:
    """The newest approved version: what the public sees while a newer edit awaits approval."""
    approved = [v for v in notice.versions if v.approved_at is not None]
    return approved[-1] if approved else None


def public_url(config, notice: SearchNotice, base_url: str | None = None) -> str:
    base = (base_url or config.get("PUBLIC_BASE_URL") or "").rstrip("/")
    return f"{base}/n/{notice.public_token}"


def photo_url(config, notice: SearchNotice, photo_id: int, base_url: str | None = None) -> str:
    return f"{public_url(config, notice, base_url)}/photos/{photo_id}"


def _photo_paths(session: Session, config, photo_ids: list[int]) -> list[tuple[int, str]]:
    if not photo_ids:
        return []
    rows = {p.id: p for p in session.execute(select(Photo).where(Photo.id.in_(photo_ids))).scalars()}
    media = Path(config["MEDIA_PATH"])
    out = []
    for pid in photo_ids:
        p = rows.get(pid)
        if p is not None and (media / p.path).is_file():
            out.append((pid, str(media / p.path)))
    return out


def notice_content(session: Session, notice: SearchNotice, config, *, version: NoticeVersion | None = None,
                   public: bool = False, base_url: str | None = None,
                   station: dict | None = None) -> NoticeContent:
    """The NoticeContent to render.

    Staff previews take the latest version; `public=True` takes the published one and
    fills public photo URLs. A withdrawn notice carries no personal field at all."""
    st = station or settings_store.station(session, config)
    phone = st["phone_24h"] if any(ch.isdigit() for ch in st["phone_24h"]) else PLACEHOLDER_PHONE
    base = {"notice_no": notice.notice_no, "station_name": st["name"], "station_phone_24h": phone,
            "station_address": st["address"], "public_url": public_url(config, notice, base_url),
            "published_at": aware(notice.published_at)}
    if notice.status == "withdrawn":
        return NoticeContent.from_mapping({**base, "status": "withdrawn",
                                           "withdrawn_reason": notice.withdrawn_reason or "other",
                                           "updated_at": aware(notice.withdrawn_at)})
    if version is None:
        version = published_version(notice) if public else latest_version(notice)
    if version is None:
        raise WorkflowError(f"公告 {notice.notice_no} 没有可显示的版本")
    content = version.content or {}
    photos = _photo_paths(session, config, list(content.get("photo_ids") or []))
    data = {**base, **_person_fields(content), "photos": [path for _, path in photos],
            "updated_at": aware(notice.refreshed_at) or aware(version.approved_at) or aware(version.created_at)}
    if public:
        data["photo_urls"] = [photo_url(config, notice, pid, base_url) for pid, _ in photos]
    try:
        return NoticeContent.from_mapping(data)
    except ContentError as exc:
        raise WorkflowError(f"公告 {notice.notice_no} 无法生成：{exc}", exc.field) from None


RENDER_FORMATS = {"pdf": "application/pdf", "png": "image/png", "html": "text/html; charset=utf-8",
                  "txt": "text/plain; charset=utf-8"}


def render(content: NoticeContent, fmt: str, max_chars: int | None = None) -> bytes:
    if fmt == "pdf":
        return notices.render_pdf(content)
    if fmt == "png":
        return notices.render_png(content)
    if fmt == "html":
        return notices.render_html(content).encode("utf-8")
    if fmt == "txt":
        return (notices.render_text(content, max_chars=max_chars) + "\n").encode("utf-8")
    raise WorkflowError(f"未知格式 {fmt}（可选 pdf/png/html/txt）", "format")


# ---------------------------------------------------------------- drafting and editing


def _notice_no(notice_id: int, now: datetime) -> str:
    """Derived from the row id, so two drafts at the same moment never collide."""
    return f"XQ{now:%Y}-{notice_id:05d}"


def notices_of(session: Session, intake: Intake) -> list[SearchNotice]:
    return list(session.execute(select(SearchNotice).where(SearchNotice.intake_id == intake.id)
                                .order_by(SearchNotice.id)).scalars())


def current_notice(session: Session, intake: Intake) -> SearchNotice | None:
    """The intake's live notice, else its latest withdrawn one, else None."""
    rows = notices_of(session, intake)
    live = [n for n in rows if n.status != "withdrawn"]
    return (live or rows or [None])[-1]


def draft_from_intake(session: Session, intake: Intake, actor, ip: str = "",
                      now: datetime | None = None) -> SearchNotice:
    """A new draft notice (version 1) from the intake's public fields."""
    existing = [n for n in notices_of(session, intake) if n.status != "withdrawn"]
    if existing:
        raise WorkflowError(f"该人员已有未撤回的寻亲公告 {existing[-1].notice_no}")
    now = _now(now)
    content = content_from_intake(session, intake)
    actor_id = getattr(actor, "id", None)
    notice = SearchNotice(intake_id=intake.id, notice_no=f"tmp-{secrets.token_hex(8)}",
                          public_token=secrets.token_urlsafe(16), status="draft", created_by_id=actor_id,
                          created_at=now)
    session.add(notice)
    session.flush()
    notice.notice_no = _notice_no(notice.id, now)
    session.add(NoticeVersion(notice_id=notice.id, version_no=1, content=content, created_by_id=actor_id,
                              created_at=now))
    session.flush()
    session.refresh(notice)
    audit.record(session, "notice.draft", actor=actor, object_type="notice", object_id=notice.id,
                 object_ref=notice.notice_no, ip=ip, details={"intake": intake.ref, "version": 1,
                                                              "photos": len(content["photo_ids"])})
    return notice


def notice_for_intake(session: Session, intake: Intake, actor, ip: str = "") -> tuple[SearchNotice, bool]:
    """The current notice, drafting one when the intake has none. Returns (notice, created)."""
    notice = current_notice(session, intake)
    if notice is not None:
        return notice, False
    return draft_from_intake(session, intake, actor, ip), True


def save_version(session: Session, notice: SearchNotice, content: dict[str, Any], actor, ip: str = "",
                 now: datetime | None = None) -> NoticeVersion | None:
    """Store an edit as a new version (every version is kept); None when nothing changed.

    An approved draft goes back to draft; a published notice keeps showing its approved
    version until the new one is approved and published."""
    if notice.status == "withdrawn":
        raise WorkflowError("公告已撤回，不能再修改")
    check_content(content)
    latest = latest_version(notice)
    if latest is not None and latest.content == content:
        return None
    changed = sorted(k for k in set(content) | set(latest.content if latest else {})
                     if (latest.content if latest else {}).get(k) != content.get(k))
    version = NoticeVersion(notice_id=notice.id, version_no=(latest.version_no if latest else 0) + 1,
                            content=content, created_by_id=getattr(actor, "id", None), created_at=_now(now))
    session.add(version)
    if notice.status == "approved":
        notice.status = "draft"
    session.flush()
    session.refresh(notice)
    audit.record(session, "notice.edit", actor=actor, object_type="notice", object_id=notice.id,
                 object_ref=notice.notice_no, ip=ip, details={"version": version.version_no, "fields": changed})
    return version


def approve(session: Session, notice: SearchNotice, actor, ip: str = "", now: datetime | None = None) -> NoticeVersion:
    """A publisher approves the latest version; never its own author (four-eyes rule)."""
    version = latest_version(notice)
    if notice.status == "withdrawn":
        raise WorkflowError("公告已撤回")
    if version is None:
        raise WorkflowError("公告没有内容")
    if version.approved_at is not None:
        raise WorkflowError(f"第 {version.version_no} 版已审核")
    if not can(actor, "notice.approve"):
        raise WorkflowError("只有发布审核人员可以审核公告")
    if version.created_by_id is not None and version.created_by_id == getattr(actor, "id", None):
        raise WorkflowError("审核需由另一人完成：您是这一版的作者")
    version.approved_by_id = actor.id
    version.approved_at = _now(now)
    if notice.status == "draft":
        notice.status = "approved"
    session.flush()
    audit.record(session, "notice.approve", actor=actor, object_type="notice", object_id=notice.id,
                 object_ref=notice.notice_no, ip=ip, details={"version": version.version_no,
                                                              "author_id": version.created_by_id})
    return version


# ---------------------------------------------------------------- region targeting


def _codes(text: str) -> list[str]:
    """Division codes a fragment names, most specific level only (matchers' gazetteer)."""
    from matchers.gazetteer import places_in

    pa = places_in(text)
    return sorted(pa.counties or pa.prefectures or pa.provinces)


def region_signals(session: Session, intake: Intake, top: int = 3) -> list[tuple[str, str]]:
    """(division code or raw text, reason) for targeting: what the person said, the
    accent, and the hometowns of the best candidates."""
    from matchers.dialects import parse_dialect

    signals: list[tuple[str, str]] = []
    for hint in intake.place_hint_list:
        codes = _codes(hint)
        signals.extend((c, f"自述地名“{hint}”") for c in codes)
        if not codes:
            signals.append((hint, f"自述地名“{hint}”"))
    if intake.dialect:
        info = parse_dialect(intake.dialect)
        # "北方口音" names half the country: no place to target
        codes = [] if info.broad else sorted(info.prefectures or info.provinces)
        signals.extend((c, f"口音“{intake.dialect}”") for c in codes)
    rows = session.execute(
        select(Candidate, MissingReport).join(MissingReport, Candidate.report_id == MissingReport.id)
        .where(Candidate.intake_id == intake.id, Candidate.review_status.notin_(("rejected", "set_aside")))
        .order_by(Candidate.score.desc()).limit(top)).all()
    for cand, report in rows:
        if report.hometown:
            reason = f"候选 {report.ref} 籍贯“{report.hometown}”（{cand.score:.0%}）"
            codes = _codes(report.hometown)
            signals.extend((c, reason) for c in codes)
            if not codes:
                signals.append((report.hometown, reason))
    return signals


@dataclass
class ChannelPlan:
    channel: Channel
    chosen: bool
    reasons: list[str] = field(default_factory=list)


@dataclass
class TargetPlan:
    channels: list[ChannelPlan]
    signals: list[Any]            # notices.targeting.RegionSignal
    problems: list[str]

    @property
    def chosen_ids(self) -> list[int]:
        return [p.channel.id for p in self.channels if p.chosen]

    def reasons_for(self, channel_id: int) -> list[str]:
        return next((p.reasons for p in self.channels if p.channel.id == channel_id), [])


def plan_targets(session: Session, notice: SearchNotice) -> TargetPlan:
    """Which active channels the notice should go to, and why (shown to staff before publishing)."""
    active = list(session.execute(select(Channel).where(Channel.active.is_(True)).order_by(Channel.id)).scalars())
    subs = {str(c.id): {"regions": list(c.regions or []), "default": bool(c.is_default)} for c in active}
    signals = region_signals(session, notice.intake)
    result = notices.target_channels(signals, subs)
    by_id = {c.channel_id: c for c in result.chosen}
    plans = []
    for c in active:
        choice = by_id.get(str(c.id))
        plans.append(ChannelPlan(c, choice is not None, list(choice.reasons) if choice else []))
    order = {cid: i for i, cid in enumerate(result.channel_ids)}
    plans.sort(key=lambda p: (not p.chosen, order.get(str(p.channel.id), 0), p.channel.id))
    return TargetPlan(plans, result.signals, result.problems)


# ---------------------------------------------------------------- publication


def idempotency_key(notice: SearchNotice, channel_id: int, action: str, version_no: int | None,
                    extra: str = "") -> str:
    """Same notice, version, channel and action -> same key, across every retry and re-click."""
    raw = f"{notice.public_token}|{notice.notice_no}|{action}|v{version_no}|c{channel_id}|{extra}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _require_phone(session: Session, config) -> None:
    st = settings_store.station(session, config)
    if not any(ch.isdigit() for ch in st["phone_24h"]):
        raise WorkflowError("请先由管理员在“站点设置”中填写本站 24 小时电话，公告必须包含该电话")


def _new_publication(session: Session, notice: SearchNotice, channel: Channel, action: str,
                     version_no: int | None, reason: str, now: datetime, extra: str = "") -> Publication | None:
    key = idempotency_key(notice, channel.id, action, version_no, extra)
    if session.execute(select(Publication.id).where(Publication.idempotency_key == key)).first():
        return None   # already queued or delivered: a second click never posts twice
    pub = Publication(notice_id=notice.id, channel_id=channel.id, action=action, idempotency_key=key,
                      reason=reason, version_no=version_no, status="pending", created_at=now, log=[])
    if channel.kind == "feed":
        # Feeds are pulled by subscribers: the item is in the channel's feed from now on.
        pub.status = "sent"
        pub.delivered_at = now
        pub.log = [{"at": now.isoformat(), "ok": True, "note": "已加入该渠道的订阅源"}]
    session.add(pub)
    return pub


def _queue(session: Session, pubs: list[Publication]) -> None:
    ids = [p.id for p in pubs if p.status == "pending"]
    if ids:
        hooks.after_commit(session, lambda: [enqueue_delivery(i) for i in ids])


def publish(session: Session, notice: SearchNotice, actor, config, channel_ids: list[int] | None = None,
            ip: str = "", now: datetime | None = None) -> list[Publication]:
    """Publish (or publish an approved update of) a notice to the chosen channels.

    channel_ids None means the targeting plan's choice. Each channel gets one Publication
    with an idempotency key; delivery runs in the task queue after the commit."""
    now = _now(now)
    if notice.status == "withdrawn":
        raise WorkflowError("公告已撤回，不能发布")
    if not can(actor, "notice.publish"):
        raise WorkflowError("只有发布审核人员可以发布公告")
    version = latest_version(notice)
    if version is None or version.approved_at is None:
        raise WorkflowError("最新版本尚未审核，需由另一名发布审核人员审核后才能发布")
    _require_phone(session, config)
    plan = plan_targets(session, notice)
    wanted = plan.chosen_ids if channel_ids is None else [int(c) for c in channel_ids]
    channels = {c.id: c for c in session.execute(select(Channel).where(Channel.id.in_(wanted or [0]))).scalars()}
    missing = [c for c in wanted if c not in channels or not channels[c].active]
    if missing:
        raise WorkflowError(f"渠道不存在或已停用：{missing}")
    first = notice.published_at is None
    rules = settings_store.notice_rules(session)
    deadlines = settings_store.deadline_rules(session)
    earlier = [p for p in notice_publications(session, notice)
               if p.action in ("publish", "update") and p.status != "cancelled"]
    already = {p.channel_id for p in earlier}
    carried = {(p.channel_id, p.version_no) for p in earlier}
    pubs = []
    for cid in wanted:
        if (cid, version.version_no) in carried:
            continue   # this version is already queued or delivered there (retries: the delivery log)
        ch = channels[cid]
        action = "publish" if cid not in already else "update"
        reasons = plan.reasons_for(cid) or ["工作人员手动选择"]
        pub = _new_publication(session, notice, ch, action, version.version_no, "；".join(reasons), now)
        if pub is not None:
            pubs.append(pub)
    notice.status = "published"
    if first:
        notice.published_at = now
        notice.refresh_at = now + timedelta(days=deadlines["refresh_days"])
    notice.expires_at = max(aware(notice.expires_at) or now, now + timedelta(days=rules["expiry_days"]))
    session.flush()
    audit.record(session, "notice.publish" if first else "notice.update", actor=actor, object_type="notice",
                 object_id=notice.id, object_ref=notice.notice_no, ip=ip,
                 details={"version": version.version_no,
                          "channels": [{"id": p.channel_id, "action": p.action, "reason": p.reason} for p in pubs],
                          "signals": [{"signal": s.raw, "reason": s.reason, "codes": s.codes} for s in plan.signals]})
    _queue(session, pubs)
    return pubs


def refresh(session: Session, notice: SearchNotice, actor, ip: str = "", now: datetime | None = None) -> list[Publication]:
    """The monthly refresh: the notice is re-sent to the channels that carried it and its
    expiry and next refresh move forward."""
    now = _now(now)
    if notice.status != "published":
        raise WorkflowError("只有已发布的公告可以刷新")
    version = published_version(notice)
    rules = settings_store.notice_rules(session)
    deadlines = settings_store.deadline_rules(session)
    sent_to = sorted({p.channel_id for p in notice_publications(session, notice)
                      if p.action in ("publish", "update", "refresh") and p.status in ("sent", "uncertain")})
    pubs = []
    for ch in session.execute(select(Channel).where(Channel.id.in_(sent_to or [0]), Channel.active.is_(True))).scalars():
        if ch.kind == "feed":
            continue   # the feed item's updated date changes by itself
        pub = _new_publication(session, notice, ch, "refresh", version.version_no if version else None,
                               "定期刷新", now, extra=now.date().isoformat())
        if pub is not None:
            pubs.append(pub)
    notice.refreshed_at = now
    notice.refresh_at = now + timedelta(days=deadlines["refresh_days"])
    notice.expires_at = now + timedelta(days=rules["expiry_days"])
    session.flush()
    audit.record(session, "notice.refresh", actor=actor, object_type="notice", object_id=notice.id,
                 object_ref=notice.notice_no, ip=ip,
                 details={"channels": [p.channel_id for p in pubs], "next_refresh": notice.refresh_at})
    _queue(session, pubs)
    return pubs


def _reason_code(reason: str | None) -> str:
    r = (reason or "").strip()
    if r.lower() in WITHDRAWN_LABELS:
        return r.lower()
    if any(w in r for w in ("寻亲", "确认", "认领", "返乡", "找到")):
        return "identified"
    if "离站" in r:
        return "left"
    return "other" if r else "identified"


def withdraw_notice(session: Session, notice: SearchNotice, reason: str, actor, ip: str = "",
                    now: datetime | None = None, note: str = "") -> list[Publication]:
    """Withdraw one notice everywhere it went. The public page keeps its URL but shows
    only 已寻亲/已撤回; queued deliveries are cancelled; every channel that may have
    carried the notice gets a withdrawal."""
    now = _now(now)
    if notice.status == "withdrawn":
        return []
    code = _reason_code(reason)
    was_public = notice.published_at is not None
    notice.status = "withdrawn"
    notice.withdrawn_reason = code
    notice.withdrawn_at = now
    pubs: list[Publication] = []
    cancelled = []
    if was_public:
        reached: set[int] = set()
        for p in notice_publications(session, notice):
            if p.action == "withdraw":
                continue
            if p.status in ("pending", "retrying", "failed"):
                if p.status != "failed":
                    p.status = "cancelled"
                    p.next_attempt_at = None
                    p.log = list(p.log or []) + [{"at": now.isoformat(), "note": "公告撤回，取消发送"}]
                    cancelled.append(p.id)
            else:   # sent, uncertain, or being sent right now
                reached.add(p.channel_id)
        for ch in session.execute(select(Channel).where(Channel.id.in_(sorted(reached) or [0]))).scalars():
            pub = _new_publication(session, notice, ch, "withdraw", None, f"撤回：{WITHDRAWN_LABELS[code]}", now)
            if pub is not None:
                pubs.append(pub)
    session.flush()
    audit.record(session, "notice.withdraw", actor=actor, object_type="notice", object_id=notice.id,
                 object_ref=notice.notice_no, ip=ip,
                 details={"reason": code, "note": note or (reason if reason and reason != code else ""),
                          "was_public": was_public, "withdrawals": [p.channel_id for p in pubs],
                          "cancelled": cancelled})
    _queue(session, pubs)
    return pubs


def withdraw_for_intake(session: Session, intake: Intake, reason: str = "identified", actor=None,
                        ip: str = "", now: datetime | None = None) -> list[SearchNotice]:
    """Called when a person is identified (review confirmation) or leaves: every notice
    of the intake is withdrawn. `reason` is a code (identified/left/other) or free text,
    which stays in the audit trail only. Returns the notices withdrawn."""
    done = []
    for notice in notices_of(session, intake):
        if notice.status != "withdrawn":
            withdraw_notice(session, notice, reason, actor, ip, now)
            done.append(notice)
    return done


def notice_publications(session: Session, notice: SearchNotice) -> list[Publication]:
    return list(session.execute(select(Publication).where(Publication.notice_id == notice.id)
                                .order_by(Publication.id)).scalars())


# ---------------------------------------------------------------- delivery (task queue)


def enqueue_delivery(publication_id: int, delay: float = 0.0) -> None:
    from . import tasks
    if delay > 0:
        tasks.deliver_publication_task.schedule((publication_id,), delay=delay)
    else:
        tasks.deliver_publication_task(publication_id)


def channel_config(channel: Channel) -> dict[str, Any]:
    return {**(channel.config or {}), "type": channel.kind, "id": str(channel.id), "name": channel.name}


def _lease_seconds(channel: Channel) -> float:
    cfg = channel.config or {}
    try:
        return 2 * (float(cfg.get("connect_timeout", 5)) + 3 * float(cfg.get("read_timeout", 15))) + 60
    except (TypeError, ValueError):
        return 300


def deliver(app, publication_id: int) -> str:
    """One delivery attempt of one Publication (the task body). Returns the new status.

    The row is claimed with a compare-and-set first, so two workers (or a re-queued task
    after a success) never send the same publication at the same time or twice; no
    database transaction is held open during the HTTP/SMTP call."""
    maker = app.extensions["db_sessionmaker"]
    config = app.config
    now = _now()
    with maker() as db:
        pub = db.get(Publication, publication_id)
        if pub is None:
            log.warning("publication %s vanished", publication_id)
            return "missing"
        channel = db.get(Channel, pub.channel_id)
        lease = now + timedelta(seconds=_lease_seconds(channel))
        claimed = db.execute(
            update(Publication)
            .where(Publication.id == publication_id,
                   or_(Publication.status.in_(("pending", "retrying")),
                       (Publication.status == "sending") & (Publication.lease_until < now)))
            .values(status="sending", lease_until=lease, attempts=Publication.attempts + 1)
            .execution_options(synchronize_session=False)).rowcount
        db.commit()
        if not claimed:
            db.refresh(pub)
            return pub.status
        db.refresh(pub)
        notice = db.get(SearchNotice, pub.notice_id)
        attempt = pub.attempts
        event = ACTION_EVENTS[pub.action]
        result = None
        problem = ""
        try:
            if pub.action == "withdraw":
                if notice.status != "withdrawn":
                    problem = "公告未处于撤回状态"
                content = notice_content(db, notice, config)
            else:
                if notice.status == "withdrawn":
                    problem = "公告已撤回，不再发送"
                version = next((v for v in notice.versions if v.version_no == pub.version_no), None)
                content = notice_content(db, notice, config, version=version, public=True)
            if not problem:
                ch = notices.channel_from_config(channel_config(channel))
                message = notices.build_message(content, event)
                result = ch.withdraw(message, pub.idempotency_key) if pub.action == "withdraw" \
                    else ch.send(message, pub.idempotency_key)
        except notices.ChannelConfigError as exc:
            problem = f"渠道配置错误：{exc}"
        except (WorkflowError, ContentError, ValueError) as exc:
            problem = f"无法生成发送内容：{exc}"
        done = _now()
        entry: dict[str, Any] = {"at": done.isoformat(), "attempt": attempt}
        delay = 0.0
        max_attempts = int(config.get("DELIVERY_MAX_ATTEMPTS", 6))
        if result is None:
            entry.update(ok=False, error=problem)
            status = "cancelled" if "已撤回" in problem else "failed"
        else:
            entry.update(ok=result.ok, status_code=result.status_code, error=result.error,
                         response=result.response_text, elapsed_ms=result.elapsed_ms,
                         maybe_delivered=result.maybe_delivered, retryable=result.retryable)
            if result.ok:
                status = "sent"
            elif result.maybe_delivered and channel.kind not in IDEMPOTENT_KINDS:
                status = "uncertain"
            elif result.retryable and attempt < max_attempts:
                status = "retrying"
                delay = notices.next_delay(attempt, base=float(config.get("DELIVERY_BACKOFF_BASE", 30.0)))
                if result.retry_after is not None:
                    delay = max(delay, result.retry_after)
            else:
                status = "failed"
        pub.status = status
        pub.lease_until = None
        pub.log = list(pub.log or []) + [entry]
        if result is not None:
            pub.last_status_code = result.status_code
            pub.last_response = (result.response_text or result.error or "")[:2000]
        else:
            pub.last_response = problem
        pub.next_attempt_at = done + timedelta(seconds=delay) if status == "retrying" else None
        if status == "sent":
            pub.delivered_at = done
        if status != "retrying":
            audit.record(db, f"publication.{status}", actor="system", object_type="notice", object_id=notice.id,
                         object_ref=notice.notice_no,
                         details={"publication": pub.id, "channel": channel.id, "action": pub.action,
                                  "attempts": attempt, "status_code": pub.last_status_code,
                                  "error": entry.get("error") or ""})
        db.commit()
    if status == "retrying":
        enqueue_delivery(publication_id, delay)
    return status


def retry_due(app, now: datetime | None = None) -> int:
    """Re-queue deliveries whose retry time has passed or whose worker vanished mid-send
    (run periodically by the worker; scheduled retries normally fire by themselves)."""
    now = _now(now)
    with app.extensions["db_sessionmaker"]() as db:
        ids = list(db.execute(select(Publication.id).where(or_(
            (Publication.status == "retrying") & (Publication.next_attempt_at <= now),
            (Publication.status == "sending") & (Publication.lease_until < now),
            (Publication.status == "pending") & (Publication.created_at < now - timedelta(minutes=5)),
        ))).scalars())
    for pid in ids:
        enqueue_delivery(pid)
    return len(ids)


def retry_publication(session: Session, pub: Publication, actor, ip: str = "") -> None:
    """Staff retry of a failed or uncertain delivery, with the same idempotency key."""
    if pub.status not in ("failed", "uncertain"):
        raise WorkflowError(f"当前状态（{PUBLICATION_STATUS_LABELS.get(pub.status, pub.status)}）不能重试")
    notice = session.get(SearchNotice, pub.notice_id)
    if pub.action != "withdraw" and notice.status == "withdrawn":
        raise WorkflowError("公告已撤回，不再发送")
    pub.status = "retrying"
    pub.next_attempt_at = _now()
    session.flush()
    audit.record(session, "publication.retry", actor=actor, object_type="notice", object_id=notice.id,
                 object_ref=notice.notice_no, ip=ip, details={"publication": pub.id, "channel": pub.channel_id})
    pid = pub.id
    hooks.after_commit(session, lambda: enqueue_delivery(pid))


def confirm_delivered(session: Session, pub: Publication, actor, ip: str = "") -> None:
    """Staff checked the group chat: an uncertain robot post did arrive."""
    if pub.status != "uncertain":
        raise WorkflowError("只有“可能已送达”的记录可以人工确认")
    now = _now()
    pub.status = "sent"
    pub.delivered_at = now
    pub.log = list(pub.log or []) + [{"at": now.isoformat(), "ok": True,
                                      "note": f"{getattr(actor, 'username', actor)} 人工确认已送达"}]
    notice = session.get(SearchNotice, pub.notice_id)
    session.flush()
    audit.record(session, "publication.confirm", actor=actor, object_type="notice", object_id=notice.id,
                 object_ref=notice.notice_no, ip=ip, details={"publication": pub.id})


# ---------------------------------------------------------------- public listing and feeds


def is_current(notice: SearchNotice, now: datetime | None = None) -> bool:
    """Published and not past its expiry (a refresh extends it)."""
    now = _now(now)
    exp = aware(notice.expires_at)
    return notice.status == "published" and (exp is None or exp > now)


def feed_notices(session: Session, now: datetime | None = None, channel_id: int | None = None,
                 withdrawn_days: int = 60) -> list[SearchNotice]:
    """Current notices plus recent withdrawals (so aggregators learn about them)."""
    now = _now(now)
    stmt = select(SearchNotice).where(SearchNotice.published_at.is_not(None), or_(
        SearchNotice.status == "published",
        (SearchNotice.status == "withdrawn") & (SearchNotice.withdrawn_at >= now - timedelta(days=withdrawn_days))))
    if channel_id is not None:
        stmt = stmt.where(SearchNotice.id.in_(select(Publication.notice_id).where(
            Publication.channel_id == channel_id, Publication.status == "sent")))
    rows = session.execute(stmt.order_by(SearchNotice.published_at.desc())).scalars().all()
    return [n for n in rows if n.status == "withdrawn" or is_current(n, now)]
