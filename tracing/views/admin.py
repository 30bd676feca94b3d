"""Administration: user accounts and the audit trail."""
from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..auth import client_ip, create_user, requires, validate_new_password
from ..db import get_session
from ..models import ROLE_LABELS, ROLES, AuditEvent, User

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users", methods=["GET", "POST"])
@requires("users.manage")
def users():
    db = get_session()
    new_password = None
    if request.method == "POST":
        username = (request.form.get("username") or "").strip()
        role = request.form.get("role") or ""
        password = request.form.get("password") or None
        problem = None
        if not username or len(username) > 64:
            problem = "用户名不能为空且不超过 64 字符"
        elif role not in ROLES:
            problem = "请选择角色"
        elif password and validate_new_password(password):
            problem = validate_new_password(password)
        if problem:
            flash(problem, "error")
        else:
            try:
                _, pw = create_user(db, username, role, password, request.form.get("display_name", "").strip(),
                                    actor=g.user, ip=client_ip())
                db.commit()
                flash(f"已创建用户 {username}", "ok")
                if not password:
                    new_password = (username, pw)
            except IntegrityError:
                db.rollback()
                flash(f"用户名 {username} 已存在", "error")
    rows = db.execute(select(User).order_by(User.id)).scalars().all()
    return render_template("admin/users.html", users=rows, roles=ROLES, role_labels=ROLE_LABELS,
                           new_password=new_password)


@bp.route("/users/<int:user_id>/toggle", methods=["POST"])
@requires("users.manage")
def toggle_user(user_id):
    db = get_session()
    user = db.get(User, user_id) or abort(404)
    if user.id == g.user.id:
        flash("不能停用自己的账号", "error")
        return redirect(url_for("admin.users"))
    user.active = not user.active
    audit.record(db, "user.activate" if user.active else "user.deactivate", actor=g.user, object_type="user",
                 object_id=user.id, object_ref=user.username, ip=client_ip())
    db.commit()
    return redirect(url_for("admin.users"))


@bp.route("/audit")
@requires("audit.view")
def audit_log():
    db = get_session()
    before = request.args.get("before", type=int)
    action = request.args.get("action", "")
    stmt = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(100)
    if before:
        stmt = stmt.where(AuditEvent.seq < before)
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    events = db.execute(stmt).scalars().all()
    return render_template("admin/audit.html", events=events, details_of=audit.details_of, action=action)
