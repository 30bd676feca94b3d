"""公安协查 pages: requests list, one request (edit, letter, tracking), and the letter template."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from notices.letter import TEMPLATE_FIELDS, default_template

from .. import audit, police_requests as pr
from ..auth import client_ip, requires
from ..db import get_session
from ..models import POLICE_REQUEST_KINDS, POLICE_REQUEST_STATUSES, Intake, PoliceRequest
from ..notices_workflow import WorkflowError

bp = Blueprint("police", __name__, url_prefix="/police")


def _request(request_id: int) -> PoliceRequest:
    req = get_session().get(PoliceRequest, request_id)
    if req is None:
        abort(404)
    return req


def _date(name: str) -> date | None:
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise WorkflowError(f"日期格式应为 YYYY-MM-DD：{raw}", name) from None


@bp.route("/")
@requires("police.edit")
def index():
    db = get_session()
    status = request.args.get("status", "open")
    stmt = select(PoliceRequest).order_by(PoliceRequest.due_at.asc(), PoliceRequest.id.desc())
    if status == "open":
        stmt = stmt.where(PoliceRequest.status.notin_(pr.FINAL))
    elif status in POLICE_REQUEST_STATUSES:
        stmt = stmt.where(PoliceRequest.status == status)
    rows = list(db.execute(stmt.limit(500)).scalars())
    rows.sort(key=lambda r: (not pr.is_overdue(r), r.due_at is None, r.due_at or datetime.max.replace(tzinfo=timezone.utc)))
    return render_template("police/list.html", rows=rows, status=status, statuses=POLICE_REQUEST_STATUSES,
                           kinds=POLICE_REQUEST_KINDS, overdue=pr.is_overdue)


@bp.route("/new/<ref>", methods=["POST"])
@requires("police.edit")
def create(ref):
    db = get_session()
    intake = db.execute(select(Intake).where(Intake.ref == ref)).scalar_one_or_none() or abort(404)
    try:
        req = pr.create_request(db, intake, request.form.getlist("kinds"), g.user, ip=client_ip(),
                                police_unit=request.form.get("police_unit", ""))
        db.commit()
    except WorkflowError as exc:
        db.rollback()
        flash(exc.message, "error")
        return redirect(url_for("records.detail", kinds="intakes", ref=ref))
    flash(f"已新建协查请求 {req.ref_no}（草稿），请填写收函单位并下载协查函", "ok")
    return redirect(url_for("police.detail", request_id=req.id))


@bp.route("/<int:request_id>")
@requires("police.edit")
def detail(request_id):
    db = get_session()
    req = _request(request_id)
    text = problem = ""
    try:
        text = _readable(pr.letter_text(db, req, current_app.config), req)
    except WorkflowError as exc:
        problem = exc.message
    events = audit.history(db, "police_request", req.id)
    audit.record(db, "view", actor=g.user, object_type="police_request", object_id=req.id, object_ref=req.ref_no,
                 ip=client_ip())
    db.commit()
    return render_template("police/detail.html", req=req, text=text, problem=problem, kinds=POLICE_REQUEST_KINDS,
                           statuses=POLICE_REQUEST_STATUSES, overdue=pr.is_overdue(req), events=events,
                           details_of=audit.details_of, next_states=pr.TRANSITIONS.get(req.status, ()),
                           today=date.today().isoformat())


def _readable(text: str, req: PoliceRequest) -> str:
    """The template's layout markers as words, for the on-screen preview of the letter."""
    kinds = "、".join(POLICE_REQUEST_KINDS.get(k, k) for k in req.kinds or [])
    lines = []
    for line in text.split("\n"):
        marker = line.strip()
        if marker == "[[协查事项]]":
            line = f"〔协查事项清单：{kinds}〕"
        elif marker == "[[人员信息]]":
            line = "〔人员信息表及照片〕"
        elif marker == "[[落款]]":
            line = "〔落款：本站名称（盖章）、日期〕"
        elif marker.startswith("# "):
            line = marker[2:]
        lines.append(line)
    return "\n".join(lines)


@bp.route("/<int:request_id>/edit", methods=["POST"])
@requires("police.edit")
def edit(request_id):
    db = get_session()
    req = _request(request_id)
    try:
        if req.status != "draft":
            raise WorkflowError("已发函的协查不能再修改内容")
        due = _date("due_on")
        changes = pr.update_draft(db, req, kinds=request.form.getlist("kinds"),
                                  police_unit=request.form.get("police_unit", ""),
                                  request_text=request.form.get("request_text", ""),
                                  due_at=datetime.combine(due, time(23, 59), tzinfo=timezone.utc) if due else None,
                                  actor=g.user, ip=client_ip())
        db.commit()
        flash("已保存" if changes else "没有改动", "ok")
    except WorkflowError as exc:
        db.rollback()
        flash(exc.message, "error")
    except StaleDataError:
        db.rollback()
        flash("协查请求已被他人修改，请刷新后重试", "error")
    return redirect(url_for("police.detail", request_id=request_id))


@bp.route("/<int:request_id>/status", methods=["POST"])
@requires("police.edit")
def change_status(request_id):
    """One form per step: sent (unit, date), sample taken (date), result (match/no match, note)."""
    db = get_session()
    req = _request(request_id)
    to = request.form.get("to", "")
    try:
        if to == "sent":
            pr.mark_sent(db, req, request.form.get("police_unit", ""), _date("on"), g.user, client_ip())
        elif to == "sample_taken":
            pr.mark_sample_taken(db, req, _date("on"), g.user, client_ip())
        elif to in ("result_match", "result_no_match"):
            pr.record_result(db, req, to == "result_match", request.form.get("result_note", ""), g.user, client_ip())
        else:
            raise WorkflowError("未知的状态")
        db.commit()
        flash(f"状态已更新为“{POLICE_REQUEST_STATUSES[to]}”", "ok")
    except WorkflowError as exc:
        db.rollback()
        flash(exc.message, "error")
    except StaleDataError:
        db.rollback()
        flash("协查请求已被他人修改，请刷新后重试", "error")
    return redirect(url_for("police.detail", request_id=request_id))


@bp.route("/<int:request_id>/letter.pdf")
@requires("police.edit")
def letter(request_id):
    db = get_session()
    req = _request(request_id)
    try:
        data = pr.letter_pdf(db, req, current_app.config)
    except WorkflowError as exc:
        flash(exc.message, "error")
        return redirect(url_for("police.detail", request_id=request_id))
    audit.record(db, "police.letter", actor=g.user, object_type="police_request", object_id=req.id,
                 object_ref=req.ref_no, ip=client_ip())
    db.commit()
    resp = Response(data, mimetype="application/pdf")
    resp.headers["Content-Disposition"] = f'inline; filename="{req.ref_no}.pdf"'
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.route("/template", methods=["GET", "POST"])
@requires("settings.manage")
def template():
    db = get_session()
    text = pr.letter_template(db) or default_template()
    status = 200
    if request.method == "POST":
        text = request.form.get("template", "")
        try:
            pr.save_template(db, "" if request.form.get("reset") else text, g.user, client_ip())
            db.commit()
            flash("协查函模板已保存" if not request.form.get("reset") else "已恢复默认模板", "ok")
            return redirect(url_for("police.template"))
        except WorkflowError as exc:
            db.rollback()
            flash(exc.message, "error")
            status = 400
    return render_template("police/template.html", text=text, fields=TEMPLATE_FIELDS), status
