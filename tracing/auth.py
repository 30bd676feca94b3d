"""Login, roles and permissions. Least privilege: each route names one permission.

Roles: admin (users, settings), staff (intakes, reports, requests, approvals),
volunteer (reviews; no family phones or ID numbers), publisher (approves and
publishes notices).
"""
from __future__ import annotations

import functools
import secrets
import time
from collections import defaultdict, deque
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, session, url_for
from sqlalchemy import select

from . import audit
from .db import get_session
from .models import ROLES, User, aware

bp = Blueprint("auth", __name__)
hasher = PasswordHasher()

PERMISSIONS: dict[str, set[str]] = {
    "record.view": {"admin", "staff", "volunteer", "publisher"},
    "record.edit": {"staff"},
    "sensitive.view": {"staff"},           # family phone numbers, ID numbers
    "import": {"staff", "admin"},
    "export": {"staff", "admin"},
    "audit.view": {"admin", "staff"},
    "users.manage": {"admin"},
    "settings.manage": {"admin"},
    "review": {"volunteer", "staff"},
    "review.approve": {"staff"},
    "review.undo": {"staff"},
    "faces.search": {"staff", "volunteer"},
    "notice.view": {"staff", "publisher"},     # drafts, versions, delivery logs
    "notice.edit": {"staff"},
    "notice.approve": {"publisher"},
    "notice.publish": {"publisher"},
    "notice.withdraw": {"staff", "publisher"},
    "police.edit": {"staff"},
    "tips.view": {"staff"},
    "deadlines.view": {"staff", "admin", "publisher"},
}


def can(user: User | None, permission: str) -> bool:
    if user is None or not user.active:
        return False
    roles = PERMISSIONS.get(permission)
    if roles is None:
        raise KeyError(f"unknown permission {permission}")
    return user.role in roles


def requires(permission: str):
    """Route decorator: anonymous users go to the login page, others without the permission get 403."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission}")

    def decorator(view):
        view.required_permission = permission

        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if g.get("user") is None:
                return redirect(url_for("auth.login", next=request.full_path))
            if not can(g.user, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permission = permission
        return wrapped
    return decorator


def public(view):
    """Marks a route as reachable without login (the permission test checks every route is marked)."""
    view.required_permission = None
    view.is_public = True
    return view


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def validate_new_password(password: str) -> str | None:
    if len(password) < 10:
        return "密码至少 10 个字符"
    return None


def create_user(db, username: str, role: str, password: str | None = None, display_name: str = "",
                actor=None, ip: str = "") -> tuple[User, str]:
    if role not in ROLES:
        raise ValueError(f"未知角色 {role}（应为 {', '.join(ROLES)}）")
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    user = User(username=username, role=role, display_name=display_name, password_hash=hash_password(password),
                must_change_password=generated)
    db.add(user)
    db.flush()
    audit.record(db, "user.create", actor=actor, object_type="user", object_id=user.id, object_ref=username, ip=ip,
                 details={"role": role})
    return user, password


# Per-IP throttling in memory (per process): slows password guessing across accounts.
_ip_failures: dict[str, deque] = defaultdict(deque)
IP_WINDOW_SECONDS = 300
IP_MAX_FAILURES = 20


def _ip_throttled(ip: str) -> bool:
    q = _ip_failures[ip]
    now = time.monotonic()
    while q and now - q[0] > IP_WINDOW_SECONDS:
        q.popleft()
    return len(q) >= IP_MAX_FAILURES


def client_ip() -> str:
    return request.remote_addr or ""


def init_app(app) -> None:
    @app.before_request
    def load_user():
        g.user = None
        uid = session.get("uid")
        if uid is not None:
            user = get_session().get(User, uid)
            if user is not None and user.active and session.get("pwv") == user.password_hash[-16:]:
                g.user = user
            else:
                session.clear()

    @app.context_processor
    def inject_permissions():
        return {"can": lambda perm: can(g.get("user"), perm), "current_user": g.get("user")}


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    if request.method == "POST":
        db = get_session()
        username = (request.form.get("username") or "").strip()
        password = request.form.get("password") or ""
        ip = client_ip()
        if _ip_throttled(ip):
            flash("尝试次数过多，请稍后再试", "error")
            return render_template("auth/login.html", username=username), 429
        user = db.execute(select(User).where(User.username == username)).scalar_one_or_none()
        now = datetime.now(timezone.utc)
        if user is not None and aware(user.locked_until) and aware(user.locked_until) > now:
            audit.record(db, "login.locked", actor=username, object_type="user", object_id=user.id, ip=ip)
            db.commit()
            flash("该账号因多次登录失败被暂时锁定，请稍后再试", "error")
            return render_template("auth/login.html", username=username), 429
        if user is None or not user.active or not verify_password(user.password_hash, password):
            _ip_failures[ip].append(time.monotonic())
            if user is not None:
                user.failed_logins += 1
                if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
                    user.locked_until = now + timedelta(seconds=current_app.config["LOGIN_LOCK_SECONDS"])
                    user.failed_logins = 0
            audit.record(db, "login.failed", actor=username or "?", object_type="user",
                         object_id=user.id if user else None, ip=ip)
            db.commit()
            flash("用户名或密码错误", "error")
            return render_template("auth/login.html", username=username), 401
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.failed_logins = 0
        user.locked_until = None
        audit.record(db, "login", actor=user, object_type="user", object_id=user.id, ip=ip)
        db.commit()
        session.clear()
        session.permanent = True
        session["uid"] = user.id
        session["pwv"] = user.password_hash[-16:]
        if user.must_change_password:
            return redirect(url_for("auth.change_password"))
        target = request.args.get("next") or ""
        if not target.startswith("/") or target.startswith("//"):
            target = url_for("main.dashboard")
        return redirect(target)
    return render_template("auth/login.html", username="")


@bp.route("/logout", methods=["POST"])
@public
def logout():
    if g.get("user") is not None:
        db = get_session()
        audit.record(db, "logout", actor=g.user, object_type="user", object_id=g.user.id, ip=client_ip())
        db.commit()
    session.clear()
    return redirect(url_for("auth.login"))


@bp.route("/password", methods=["GET", "POST"])
@requires("record.view")
def change_password():
    if request.method == "POST":
        db = get_session()
        if not verify_password(g.user.password_hash, request.form.get("current") or ""):
            flash("当前密码不正确", "error")
            return render_template("auth/password.html"), 400
        new = request.form.get("new") or ""
        problem = validate_new_password(new)
        if problem is None and new != (request.form.get("confirm") or ""):
            problem = "两次输入的新密码不一致"
        if problem:
            flash(problem, "error")
            return render_template("auth/password.html"), 400
        g.user.password_hash = hash_password(new)
        g.user.must_change_password = False
        audit.record(db, "user.password", actor=g.user, object_type="user", object_id=g.user.id, ip=client_ip())
        db.commit()
        session["pwv"] = g.user.password_hash[-16:]
        flash("密码已修改", "ok")
        return redirect(url_for("main.dashboard"))
    return render_template("auth/password.html")
