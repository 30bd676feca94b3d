"""寻亲公告 pages: staff workflow (draft, edit, approve, publish, refresh, withdraw, delivery
log), channel and station settings for admins, and the public side (stable notice pages,
public photos of published notices, an index with filters, RSS/Atom/JSON feeds)."""
from __future__ import annotations

import re
from datetime import date

from flask import (Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request,
                   send_from_directory, url_for)
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.routing import BuildError

import notices
from notices.content import WITHDRAWN_LABELS

from .. import audit, notices_workflow as nw, settings_store
from ..auth import client_ip, public, requires
from ..db import get_session
from ..models import Channel, Intake, Photo, Publication, SearchNotice, User

bp = Blueprint("notices", __name__)

PAGE_SIZE = 30
SECRET_KEYS = ("secret", "password")


def _notice(notice_id: int) -> SearchNotice:
    notice = get_session().get(SearchNotice, notice_id)
    if notice is None:
        abort(404)
    return notice


def _users(db, ids) -> dict[int, User]:
    ids = {i for i in ids if i}
    if not ids:
        return {}
    return {u.id: u for u in db.execute(select(User).where(User.id.in_(ids))).scalars()}


# ---------------------------------------------------------------- staff: list and page


@bp.route("/notices/")
@requires("notice.view")
def index():
    db = get_session()
    status = request.args.get("status", "")
    stmt = select(SearchNotice).order_by(SearchNotice.id.desc())
    if status in nw.STATUS_LABELS:
        stmt = stmt.where(SearchNotice.status == status)
    page = max(1, request.args.get("page", 1, type=int))
    rows = list(db.execute(stmt.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).scalars())
    awaiting = [n for n in rows if n.versions and n.versions[-1].approved_at is None and n.status != "withdrawn"]
    return render_template("notices/list.html", rows=rows[:PAGE_SIZE], has_next=len(rows) > PAGE_SIZE, page=page,
                           status=status, labels=nw.STATUS_LABELS, awaiting={n.id for n in awaiting})


@bp.route("/notices/from-intake/<ref>", methods=["POST"])
@requires("notice.edit")
def create_for_intake(ref):
    db = get_session()
    intake = db.execute(select(Intake).where(Intake.ref == ref)).scalar_one_or_none() or abort(404)
    try:
        notice = nw.draft_from_intake(db, intake, g.user, client_ip())
        db.commit()
    except nw.WorkflowError as exc:
        db.rollback()
        flash(exc.message, "error")
        existing = nw.current_notice(db, intake)
        if existing is not None:
            return redirect(url_for("notices.detail", notice_id=existing.id))
        return redirect(url_for("records.detail", kinds="intakes", ref=ref))
    flash(f"已根据登记信息起草公告 {notice.notice_no}，请核对后提交审核", "ok")
    return redirect(url_for("notices.edit", notice_id=notice.id))


@bp.route("/notices/<int:notice_id>")
@requires("notice.view")
def detail(notice_id):
    db = get_session()
    notice = _notice(notice_id)
    config = current_app.config
    station = settings_store.station(db, config)
    latest = nw.latest_version(notice)
    content = problem = None
    try:
        content = nw.notice_content(db, notice, config, version=latest, station=station) if latest else None
    except nw.WorkflowError as exc:
        problem = exc.message
    plan = None
    if notice.status != "withdrawn":
        plan = nw.plan_targets(db, notice)
    pubs = nw.notice_publications(db, notice)
    channels = {c.id: c for c in db.execute(select(Channel)).scalars()}
    users = _users(db, [v.created_by_id for v in notice.versions] + [v.approved_by_id for v in notice.versions])
    events = audit.history(db, "notice", notice.id)
    text = short = ""
    if content is not None:
        text = notices.render_text(content)
        try:
            short = notices.render_text(content, max_chars=140)
        except ValueError:
            short = ""
    photo_ids = (latest.content or {}).get("photo_ids", []) if latest else []
    photos = {p.id: p for p in db.execute(select(Photo).where(Photo.id.in_(photo_ids or [0]))).scalars()}
    audit.record(db, "view", actor=g.user, object_type="notice", object_id=notice.id, object_ref=notice.notice_no,
                 ip=client_ip())
    db.commit()
    return render_template(
        "notices/detail.html", notice=notice, latest=latest, content=content, problem=problem, plan=plan,
        pubs=pubs, channels=channels, users=users, events=events, details_of=audit.details_of, text=text,
        short=short, photos=[photos[i] for i in photo_ids if i in photos], station=station,
        phone_ok=any(ch.isdigit() for ch in station["phone_24h"]),
        public_link=nw.public_url(config, notice, request.host_url) if notice.published_at else "",
        labels=nw.STATUS_LABELS, pub_labels=nw.PUBLICATION_STATUS_LABELS, pub_actions=nw.ACTION_LABELS,
        withdraw_reasons=nw.WITHDRAW_REASONS, identifiers=nw.identifiers_in(latest.content) if latest else [],
        is_author=bool(latest and latest.created_by_id == g.user.id), kinds=nw.CHANNEL_KINDS,
        is_current=nw.is_current(notice), region_label=_region_label)


@bp.route("/notices/<int:notice_id>/preview.<fmt>")
@requires("notice.view")
def preview(notice_id, fmt):
    if fmt not in nw.RENDER_FORMATS:
        abort(404)
    db = get_session()
    notice = _notice(notice_id)
    version = None
    if request.args.get("version", type=int):
        version = next((v for v in notice.versions if v.version_no == request.args.get("version", type=int)), None)
        if version is None:
            abort(404)
    try:
        content = nw.notice_content(db, notice, current_app.config, version=version, base_url=request.host_url)
        data = nw.render(content, fmt, max_chars=request.args.get("max", type=int) if fmt == "txt" else None)
    except (nw.WorkflowError, ValueError) as exc:
        flash(getattr(exc, "message", str(exc)), "error")
        return redirect(url_for("notices.detail", notice_id=notice.id))
    audit.record(db, "notice.render", actor=g.user, object_type="notice", object_id=notice.id,
                 object_ref=notice.notice_no, ip=client_ip(), details={"format": fmt})
    db.commit()
    resp = Response(data, mimetype=nw.RENDER_FORMATS[fmt].split(";")[0])
    if fmt in ("pdf", "png"):
        resp.headers["Content-Disposition"] = f'attachment; filename="{notice.notice_no}.{fmt}"'
    if fmt == "txt":
        resp.headers["Content-Type"] = "text/plain; charset=utf-8"
    resp.headers["Cache-Control"] = "no-store"
    return resp


# ---------------------------------------------------------------- staff: edit, approve, publish, withdraw


@bp.route("/notices/<int:notice_id>/edit", methods=["GET", "POST"])
@requires("notice.edit")
def edit(notice_id):
    db = get_session()
    notice = _notice(notice_id)
    if notice.status == "withdrawn":
        flash("公告已撤回，不能再修改", "error")
        return redirect(url_for("notices.detail", notice_id=notice.id))
    latest = nw.latest_version(notice)
    photos = list(db.execute(select(Photo).where(Photo.owner_type == "intake", Photo.owner_id == notice.intake_id)
                             .order_by(Photo.id)).scalars())
    values = dict(latest.content) if latest else nw.content_from_intake(db, notice.intake)
    ordered = list(values.get("photo_ids") or []) + nw.intake_photo_ids(db, notice.intake)
    photos.sort(key=lambda p: ordered.index(p.id) if p.id in ordered else 1_000_000)
    error = None
    status = 200
    if request.method == "POST":
        base_version = request.form.get("base_version", type=int)
        try:
            if latest is not None and base_version is not None and base_version != latest.version_no:
                raise nw.WorkflowError(f"保存失败：您编辑期间他人已保存了第 {latest.version_no} 版。"
                                       "您填写的内容保留在下方，请对照最新版本后重新保存。")
            content = nw.parse_content_form(request.form, [p.id for p in photos])
            version = nw.save_version(db, notice, content, g.user, client_ip())
            db.commit()
        except nw.WorkflowError as exc:
            db.rollback()
            error = exc
            values = {k: request.form.get(k, "") for k, _ in nw.CONTENT_FIELDS}
            values["photo_ids"] = [int(v) for v in request.form.getlist("photo_ids") if v.isdigit()]
            status = 409 if "他人已保存" in exc.message else 400
        except StaleDataError:
            db.rollback()
            error = nw.WorkflowError("保存失败：公告在您编辑期间被他人修改，请刷新后重试。")
            status = 409
        else:
            if version is None:
                flash("内容没有改动", "info")
            else:
                flash(f"已保存为第 {version.version_no} 版" + ("，需发布审核人员审核后才会公开"
                                                           if notice.published_at else "，请提交发布审核人员审核"), "ok")
                found = nw.identifiers_in(version.content)
                if found:
                    flash(f"{'、'.join(found)}中含有身份证号或手机号，公告中会显示为“〔已隐去〕”，建议删除", "error")
            return redirect(url_for("notices.detail", notice_id=notice.id))
    if error is not None:
        flash(error.message, "error")
    return render_template("notices/edit.html", notice=notice, latest=latest, values=values, photos=photos,
                           fields=nw.CONTENT_FIELDS, error_field=getattr(error, "field", "")), status


@bp.route("/notices/<int:notice_id>/approve", methods=["POST"])
@requires("notice.approve")
def approve(notice_id):
    db = get_session()
    notice = _notice(notice_id)
    try:
        version = nw.approve(db, notice, g.user, client_ip())
        db.commit()
        flash(f"第 {version.version_no} 版已审核通过", "ok")
    except nw.WorkflowError as exc:
        db.rollback()
        flash(exc.message, "error")
    except StaleDataError:
        db.rollback()
        flash("公告已被他人修改，请刷新后重试", "error")
    return redirect(url_for("notices.detail", notice_id=notice_id))


@bp.route("/notices/<int:notice_id>/publish", methods=["POST"])
@requires("notice.publish")
def publish(notice_id):
    db = get_session()
    notice = _notice(notice_id)
    ids = [int(v) for v in request.form.getlist("channel_ids") if v.isdigit()]
    try:
        pubs = nw.publish(db, notice, g.user, current_app.config, channel_ids=ids, ip=client_ip())
        db.commit()
    except nw.WorkflowError as exc:
        db.rollback()
        flash(exc.message, "error")
        return redirect(url_for("notices.detail", notice_id=notice_id))
    except StaleDataError:
        db.rollback()
        flash("公告已被他人修改，请刷新后重试", "error")
        return redirect(url_for("notices.detail", notice_id=notice_id))
    flash("公告已发布" + (f"，已向 {len(pubs)} 个渠道排队发送" if pubs else "（未选择推送渠道，公开页面和订阅源已更新）"), "ok")
    return redirect(url_for("notices.detail", notice_id=notice_id))


@bp.route("/notices/<int:notice_id>/refresh", methods=["POST"])
@requires("notice.publish")
def refresh(notice_id):
    db = get_session()
    notice = _notice(notice_id)
    try:
        pubs = nw.refresh(db, notice, g.user, client_ip())
        db.commit()
        flash(f"公告已刷新，{len(pubs)} 个渠道重新推送，下次刷新：{notice.refresh_at:%Y-%m-%d}", "ok")
    except nw.WorkflowError as exc:
        db.rollback()
        flash(exc.message, "error")
    return redirect(url_for("notices.detail", notice_id=notice_id))


@bp.route("/notices/<int:notice_id>/withdraw", methods=["POST"])
@requires("notice.withdraw")
def withdraw(notice_id):
    db = get_session()
    notice = _notice(notice_id)
    reason = request.form.get("reason", "")
    if reason not in nw.WITHDRAW_REASONS:
        flash("请选择撤回原因", "error")
        return redirect(url_for("notices.detail", notice_id=notice_id))
    if notice.status == "withdrawn":
        flash("公告已撤回", "info")
        return redirect(url_for("notices.detail", notice_id=notice_id))
    pubs = nw.withdraw_notice(db, notice, reason, g.user, client_ip(), note=(request.form.get("note") or "")[:500])
    db.commit()
    flash(f"公告已撤回（{WITHDRAWN_LABELS[reason]}）" + (f"，已向 {len(pubs)} 个渠道发送撤回通知" if pubs else ""), "ok")
    return redirect(url_for("notices.detail", notice_id=notice_id))


@bp.route("/notices/publications/<int:pub_id>/retry", methods=["POST"])
@requires("notice.publish")
def retry_publication(pub_id):
    db = get_session()
    pub = db.get(Publication, pub_id) or abort(404)
    try:
        nw.retry_publication(db, pub, g.user, client_ip())
        db.commit()
        flash("已重新排队发送（使用同一幂等键，不会重复发布）", "ok")
    except nw.WorkflowError as exc:
        db.rollback()
        flash(exc.message, "error")
    return redirect(url_for("notices.detail", notice_id=pub.notice_id) + "#deliveries")


@bp.route("/notices/publications/<int:pub_id>/confirm", methods=["POST"])
@requires("notice.publish")
def confirm_publication(pub_id):
    db = get_session()
    pub = db.get(Publication, pub_id) or abort(404)
    try:
        nw.confirm_delivered(db, pub, g.user, client_ip())
        db.commit()
        flash("已确认送达", "ok")
    except nw.WorkflowError as exc:
        db.rollback()
        flash(exc.message, "error")
    return redirect(url_for("notices.detail", notice_id=pub.notice_id) + "#deliveries")


# ---------------------------------------------------------------- admin: channels and station


def _mask_url(url: str) -> str:
    """Robot URLs carry their token in the query string: show the host and path only."""
    return re.sub(r"([?&](?:key|access_token|token|sign)=)[^&]+", r"\1••••", url or "")


def channel_summary(ch: Channel) -> str:
    cfg = ch.config or {}
    if ch.kind == "email":
        return f"{cfg.get('smtp_host', '')} → {', '.join(cfg.get('to_addrs') or [])}"
    if ch.kind == "feed":
        return "订阅地址见下方"
    return _mask_url(cfg.get("url", ""))


def _region_label(code: str) -> str:
    from notices.targeting import default_gazetteer, normalize_code
    try:
        return default_gazetteer().label(normalize_code(str(code)))
    except ValueError:
        return ""


def _region_labels(codes) -> list[tuple[str, str]]:
    from notices.targeting import default_gazetteer, normalize_code
    gaz = default_gazetteer()
    out = []
    for c in codes or []:
        try:
            out.append((c, gaz.label(normalize_code(str(c)))))
        except ValueError:
            out.append((c, "?"))
    return out


def parse_regions(text: str) -> tuple[list[str], list[str]]:
    """'双牌县 431100, 湖南' -> division code prefixes; problems name the entry."""
    from notices.targeting import resolve_region
    codes, problems = [], []
    for entry in [e for e in re.split(r"[\s,，;；、]+", text or "") if e]:
        found, note = resolve_region(entry)
        if not found:
            problems.append(f"地区“{entry}”：{note}")
        elif len(found) > 1 and not entry.isdigit():
            problems.append(f"地区“{entry}”有多处，请改用区划代码：{note}")
        else:
            codes.extend(c for c in found if c not in codes)
    return codes, problems


CONFIG_FIELDS = {
    "webhook": [("url", "接收地址 URL", "text"), ("secret", "签名密钥（至少16位）", "secret"),
                ("read_timeout", "读取超时（秒）", "number")],
    "wecom": [("url", "机器人 Webhook 地址（含 key=）", "secret_url"), ("msgtype", "消息类型", "choice:markdown,news,text"),
              ("read_timeout", "读取超时（秒）", "number")],
    "dingtalk": [("url", "机器人 Webhook 地址（含 access_token=）", "secret_url"), ("secret", "加签密钥（可选）", "secret"),
                 ("msgtype", "消息类型", "choice:markdown,text"), ("read_timeout", "读取超时（秒）", "number")],
    "email": [("smtp_host", "SMTP 服务器", "text"), ("smtp_port", "端口", "number"),
              ("security", "加密方式", "choice:starttls,ssl,none"), ("username", "用户名（可选）", "text"),
              ("password", "密码", "secret"), ("from_addr", "发件人", "text"), ("to_addrs", "收件人（逗号分隔）", "list")],
    "feed": [],
}


def _config_from_form(kind: str, form, old: dict) -> dict:
    cfg: dict = {}
    for key, _label, typ in CONFIG_FIELDS[kind]:
        raw = (form.get(f"cfg_{key}") or "").strip()
        if typ in ("secret", "secret_url") and not raw and old.get(key):
            cfg[key] = old[key]          # blank means "keep the stored secret"
        elif typ == "number":
            if raw:
                try:
                    cfg[key] = float(raw) if "." in raw else int(raw)
                except ValueError:
                    cfg[key] = raw       # the channel check names the field
        elif typ == "list":
            if raw:
                cfg[key] = [a for a in re.split(r"[\s,，;；]+", raw) if a]
        elif raw:
            cfg[key] = raw
    return cfg


@bp.route("/admin/channels")
@requires("settings.manage")
def channels():
    db = get_session()
    rows = list(db.execute(select(Channel).order_by(Channel.id)).scalars())
    return render_template("notices/channels.html", rows=rows, kinds=nw.CHANNEL_KINDS, summary=channel_summary,
                           region_labels=_region_labels)


@bp.route("/admin/channels/new", methods=["GET", "POST"])
@requires("settings.manage")
def channel_new():
    return _channel_form(None)


@bp.route("/admin/channels/<int:channel_id>/edit", methods=["GET", "POST"])
@requires("settings.manage")
def channel_edit(channel_id):
    ch = get_session().get(Channel, channel_id) or abort(404)
    return _channel_form(ch)


def _channel_form(ch: Channel | None):
    db = get_session()
    errors: list[str] = []
    kind = (ch.kind if ch else request.values.get("kind")) or "webhook"
    if kind not in nw.CHANNEL_KINDS:
        kind = "webhook"
    form = {"name": ch.name if ch else "", "regions": " ".join(ch.regions or []) if ch else "",
            "is_default": ch.is_default if ch else False, "active": ch.active if ch else True}
    if request.method == "POST":
        name = (request.form.get("name") or "").strip()
        regions, problems = parse_regions(request.form.get("regions", ""))
        errors.extend(problems)
        if not name or len(name) > 128:
            errors.append("名称：必填，不超过 128 字")
        old = dict(ch.config or {}) if ch else {}
        cfg = _config_from_form(kind, request.form, old)
        if kind != "feed":
            try:
                notices.channel_from_config({**cfg, "type": kind})
            except notices.ChannelConfigError as exc:
                errors.extend(exc.errors)
        form = {"name": name, "regions": request.form.get("regions", ""),
                "is_default": bool(request.form.get("is_default")), "active": bool(request.form.get("active"))}
        if not errors:
            created = ch is None
            if created:
                ch = Channel(kind=kind)
                db.add(ch)
            changed = sorted(k for k in set(cfg) | set(old) if cfg.get(k) != old.get(k))
            ch.name, ch.config, ch.regions = name, cfg, regions
            ch.is_default, ch.active = form["is_default"], form["active"]
            db.flush()
            audit.record(db, "channel.create" if created else "channel.update", actor=g.user, object_type="channel",
                         object_id=ch.id, object_ref=name, ip=client_ip(),
                         details={"kind": kind, "regions": regions, "default": ch.is_default, "active": ch.active,
                                  "config_fields_changed": changed})   # names only: values may be secrets
            db.commit()
            flash(f"渠道“{name}”已保存", "ok")
            return redirect(url_for("notices.channels"))
        for e in errors:
            flash(e, "error")
    cfg = dict(ch.config or {}) if ch else {}
    shown = {}
    for key, _label, typ in CONFIG_FIELDS[kind]:
        v = cfg.get(key, "")
        if typ in ("secret", "secret_url"):
            shown[key] = ""
        elif typ == "list":
            shown[key] = ", ".join(v or [])
        else:
            shown[key] = v
        if request.method == "POST" and typ not in ("secret", "secret_url"):
            shown[key] = request.form.get(f"cfg_{key}", "")
    secrets_set = {key: bool(cfg.get(key)) for key, _l, typ in CONFIG_FIELDS[kind] if typ in ("secret", "secret_url")}
    masked = {key: _mask_url(cfg.get(key, "")) if typ == "secret_url" else "" for key, _l, typ in CONFIG_FIELDS[kind]}
    return render_template("notices/channel_form.html", ch=ch, kind=kind, kinds=nw.CHANNEL_KINDS, form=form,
                           fields=CONFIG_FIELDS[kind], shown=shown, secrets_set=secrets_set, masked=masked,
                           region_labels=_region_labels(ch.regions if ch else [])), (400 if errors else 200)


@bp.route("/admin/station", methods=["GET", "POST"])
@requires("settings.manage")
def station_settings():
    db = get_session()
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {k: (request.form.get(k) or "").strip()[:255] for k in settings_store.STATION_FIELDS}
        if not values["name"]:
            errors["name"] = "站点名称必填"
        if values["phone_24h"] and not re.search(r"\d{3,}", values["phone_24h"]):
            errors["phone_24h"] = "请填写有效的电话号码"
        rules, rule_errors = settings_store.parse_rule_form(request.form, settings_store.NOTICE_RULES)
        errors.update(rule_errors)
        if not errors:
            before = settings_store.get(db, settings_store.STATION_KEY, {}) or {}
            settings_store.put(db, settings_store.STATION_KEY, values)
            settings_store.put(db, settings_store.NOTICE_KEY, rules)
            audit.record(db, "settings.station", actor=g.user, object_type="setting",
                         object_ref=settings_store.STATION_KEY, ip=client_ip(),
                         details={"changes": {k: [before.get(k, ""), v] for k, v in values.items()
                                              if before.get(k, "") != v}, "rules": rules})
            db.commit()
            flash("站点设置已保存", "ok")
            return redirect(url_for("notices.station_settings"))
        for e in errors.values():
            flash(e, "error")
    info = settings_store.station(db, current_app.config)
    if request.method == "POST":
        info = {k: request.form.get(k, "") for k in settings_store.STATION_FIELDS}
    rules = settings_store.notice_rules(db)
    return render_template("notices/station.html", info=info, fields=settings_store.STATION_FIELDS,
                           rules=settings_store.NOTICE_RULES, rule_values=rules, errors=errors), (400 if errors else 200)


# ---------------------------------------------------------------- public


def _public_notice(token: str) -> SearchNotice:
    db = get_session()
    notice = db.execute(select(SearchNotice).where(SearchNotice.public_token == token)).scalar_one_or_none()
    # Drafts and approved-but-unpublished notices do not exist publicly.
    if notice is None or notice.published_at is None or notice.status not in ("published", "withdrawn"):
        abort(404)
    return notice


def _base_url() -> str:
    return request.host_url


def _public_content(notice: SearchNotice):
    return nw.notice_content(get_session(), notice, current_app.config, public=True, base_url=_base_url())


def _with_tip_link(html: str, notice: SearchNotice, active: bool) -> str:
    """Add the tip form link and a way back to the index to the standalone notice page."""
    index = url_for("notices.public_index")
    if active:
        try:   # the tips form belongs to the review work; fall back to its agreed URL
            tip = url_for("tips.new", notice=notice.public_token)
        except BuildError:
            tip = f"{request.script_root}/tips/new?notice={notice.public_token}"
        block = (f'<div class="tipbox" style="margin:0 18px 18px;padding:14px 16px;border:1px solid #d0d5dd;'
                 f'border-radius:12px;background:#f8fafc"><p style="margin:0 0 8px">知道线索但不方便打电话？</p>'
                 f'<a href="{escape(tip)}" style="display:block;text-align:center;padding:10px;border-radius:10px;'
                 f'background:#1d4ed8;color:#fff;text-decoration:none;font-weight:700">在线提供线索</a>'
                 f'<p style="margin:10px 0 0;font-size:14px;text-align:center"><a href="{escape(index)}">查看更多寻亲公告</a></p></div>')
    else:
        block = (f'<p style="margin:0 18px 18px;text-align:center;font-size:14px">'
                 f'<a href="{escape(index)}">查看其他寻亲公告</a></p>')
    m = re.search(r"<footer", html)
    if m:
        return html[:m.start()] + block + "\n  " + html[m.start():]
    return html.replace("</body>", block + "</body>", 1)


@bp.route("/n/<token>")
@public
def public_notice(token):
    notice = _public_notice(token)
    try:
        content = _public_content(notice)
    except nw.WorkflowError:
        abort(404)
    html = notices.render_html(content)
    html = _with_tip_link(html, notice, not content.withdrawn)
    resp = Response(html, mimetype="text/html")
    resp.headers["Cache-Control"] = "public, max-age=60"
    if content.withdrawn:
        resp.headers["X-Robots-Tag"] = "noindex"
    return resp


@bp.route("/n/<token>/photos/<int:photo_id>")
@public
def public_photo(token, photo_id):
    """A photo of a published notice; nothing once withdrawn, nothing that is not in the notice."""
    db = get_session()
    notice = _public_notice(token)
    version = nw.published_version(notice)
    if notice.status != "published" or version is None or photo_id not in (version.content or {}).get("photo_ids", []):
        abort(404)
    photo = db.get(Photo, photo_id)
    if photo is None or photo.owner_type != "intake" or photo.owner_id != notice.intake_id:
        abort(404)
    resp = send_from_directory(current_app.config["MEDIA_PATH"], photo.path, max_age=300)
    resp.headers["Cache-Control"] = "public, max-age=300"
    return resp


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@bp.route("/n/")
@public
def public_index():
    from matchers.gazetteer import PROVINCES, places_in

    from ..parsing import FieldError, parse_age_estimate

    db = get_session()
    args = request.args
    sex = args.get("sex", "") if args.get("sex") in ("男", "女") else ""
    region = args.get("region", "") if args.get("region", "") in PROVINCES else ""
    age = args.get("age", type=int)
    found_from, found_to = _parse_date(args.get("from")), _parse_date(args.get("to"))
    items = []
    for notice in nw.feed_notices(db, withdrawn_days=0):
        if notice.status != "published":
            continue
        try:
            content = _public_content(notice)
        except nw.WorkflowError:
            continue
        if sex and content.sex != sex:
            continue
        if age is not None:
            try:
                lo, hi = parse_age_estimate(content.age_estimate, "age_estimate")
            except FieldError:
                lo = hi = None
            if lo is None or not (lo - 5 <= age <= hi + 5):
                continue
        if region and region not in places_in(content.found_place or "").provinces:
            continue
        if found_from and (content.found_date is None or content.found_date < found_from):
            continue
        if found_to and (content.found_date is None or content.found_date > found_to):
            continue
        items.append((notice, content))
    page = max(1, args.get("page", 1, type=int))
    shown = items[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    query = {k: v for k, v in args.items() if k != "page" and v}
    resp = Response(render_template("notices/public_index.html", items=shown, total=len(items), page=page,
                                    has_next=len(items) > page * PAGE_SIZE, provinces=sorted(PROVINCES.items()),
                                    sex=sex, region=region, age=age, found_from=args.get("from", ""),
                                    found_to=args.get("to", ""), query=query,
                                    station=settings_store.station(db, current_app.config)))
    resp.headers["Cache-Control"] = "public, max-age=60"
    return resp


FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}


def _feed(fmt: str, notices_rows, title: str, feed_url: str) -> Response:
    if fmt not in FEED_TYPES:
        abort(404)
    contents = []
    for n in notices_rows:
        try:
            contents.append(_public_content(n))
        except nw.WorkflowError:
            continue
    site = url_for("notices.public_index", _external=True)
    if fmt == "rss":
        body = notices.rss_feed(contents, title=title, site_url=site, feed_url=feed_url)
    elif fmt == "atom":
        body = notices.atom_feed(contents, title=title, site_url=site, feed_url=feed_url)
    else:
        body = notices.json_feed(contents, title=title, site_url=site, feed_url=feed_url).encode("utf-8")
    resp = Response(body, mimetype=FEED_TYPES[fmt])
    resp.headers["Content-Type"] = FEED_TYPES[fmt] + "; charset=utf-8"
    resp.headers["Cache-Control"] = "public, max-age=300"
    return resp


@bp.route("/feeds/notices.<fmt>")
@public
def feed(fmt):
    db = get_session()
    station = settings_store.station(db, current_app.config)
    return _feed(fmt, nw.feed_notices(db), f"{station['name']} 寻亲公告", request.base_url)


@bp.route("/feeds/channels/<int:channel_id>/notices.<fmt>")
@public
def channel_feed(channel_id, fmt):
    """A feed channel's own feed: the notices targeted at its regions (e.g. a county's group)."""
    db = get_session()
    ch = db.get(Channel, channel_id)
    if ch is None or ch.kind != "feed" or not ch.active:
        abort(404)
    station = settings_store.station(db, current_app.config)
    return _feed(fmt, nw.feed_notices(db, channel_id=ch.id), f"{station['name']} 寻亲公告 · {ch.name}",
                 request.base_url)


# ---------------------------------------------------------------- partials used by other pages


@bp.app_template_global()
def intake_notices_panel(intake_id: int) -> dict:
    """Notices and police requests of an intake, for the include on the record page."""
    from .. import police_requests as pr
    db = get_session()
    intake = db.get(Intake, intake_id)
    if intake is None:
        return {"notices": [], "requests": []}
    requests_ = pr.requests_of(db, intake)
    return {"notices": nw.notices_of(db, intake), "requests": requests_, "status_labels": nw.STATUS_LABELS,
            "overdue": {r.id for r in requests_ if pr.is_overdue(r)}}
