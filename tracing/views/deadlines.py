"""Deadlines dashboard: every unidentified person's notice, police, care, refresh and 落户
deadlines, overdue first; admins edit the rules (provinces differ)."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from .. import audit, deadlines, police_requests as pr, settings_store
from ..auth import client_ip, requires
from ..db import get_session
from ..models import Intake

bp = Blueprint("deadlines", __name__, url_prefix="/deadlines")


@bp.route("/")
@requires("deadlines.view")
def index():
    db = get_session()
    now = datetime.now(timezone.utc)
    show = request.args.get("show", "due")
    rule = request.args.get("rule", "")
    items = deadlines.compute(db, now)
    if rule in deadlines.RULE_LABELS:
        items = [d for d in items if d.rule == rule]
    counts = {"overdue": sum(d.state == "overdue" for d in items), "soon": sum(d.state == "soon" for d in items),
              "open": sum(d.state == "open" for d in items)}
    if show != "all":
        items = [d for d in items if d.state != "open"]
    overdue_requests = [r for r in pr.open_requests(db) if pr.is_overdue(r, now)]
    audit.record(db, "deadlines.view", actor=g.user, object_type="deadlines", ip=client_ip(),
                 details={"rule": rule, "show": show, "overdue": counts["overdue"]})
    db.commit()
    return render_template("deadlines/index.html", items=items[:500], counts=counts, now=now, show=show, rule=rule,
                           labels=deadlines.RULE_LABELS, markable=deadlines.MARKABLE,
                           rules=settings_store.deadline_rules(db), overdue_requests=overdue_requests)


@bp.route("/<int:intake_id>/<rule>/done", methods=["POST"])
@requires("record.edit")
def mark_done(intake_id, rule):
    db = get_session()
    intake = db.get(Intake, intake_id) or abort(404)
    if rule not in deadlines.MARKABLE:
        abort(404)
    try:
        deadlines.mark_done(db, intake, rule, request.form.get("note", ""), g.user, client_ip())
        db.commit()
        flash(f"{intake.ref}：“{deadlines.RULE_LABELS[rule]}”已标记完成", "ok")
    except ValueError as exc:
        db.rollback()
        flash(str(exc).split(": ", 1)[-1], "error")
    return redirect(request.form.get("next") if (request.form.get("next") or "").startswith("/deadlines")
                    else url_for("deadlines.index"))


@bp.route("/<int:intake_id>/<rule>/undo", methods=["POST"])
@requires("record.edit")
def undo(intake_id, rule):
    db = get_session()
    intake = db.get(Intake, intake_id) or abort(404)
    if rule not in deadlines.MARKABLE:
        abort(404)
    if deadlines.unmark(db, intake, rule, g.user, client_ip()):
        db.commit()
        flash("已撤销标记", "ok")
    return redirect(url_for("deadlines.index"))


@bp.route("/settings", methods=["GET", "POST"])
@requires("settings.manage")
def settings():
    db = get_session()
    errors = {}
    values = settings_store.deadline_rules(db)
    if request.method == "POST":
        new, errors = settings_store.parse_rule_form(request.form, settings_store.DEADLINE_RULES)
        if not errors:
            before = settings_store.deadline_rules(db)
            settings_store.put(db, settings_store.DEADLINES_KEY, new)
            audit.record(db, "settings.deadlines", actor=g.user, object_type="setting",
                         object_ref=settings_store.DEADLINES_KEY, ip=client_ip(),
                         details={"changes": {k: [before[k], v] for k, v in new.items() if before[k] != v}})
            db.commit()
            flash("期限规则已保存", "ok")
            return redirect(url_for("deadlines.settings"))
        for e in errors.values():
            flash(e, "error")
        values = {k: request.form.get(k, "") for k, *_ in settings_store.DEADLINE_RULES}
    return render_template("deadlines/settings.html", rules=settings_store.DEADLINE_RULES, values=values,
                           errors=errors), (400 if errors else 200)


@bp.app_template_global()
def deadline_summary() -> dict:
    """Counts for the dashboard section (dashboard.html includes deadlines/_dashboard.html)."""
    db = get_session()
    now = datetime.now(timezone.utc)
    s = deadlines.summary(db, now)
    s["overdue_requests"] = [r for r in pr.open_requests(db) if pr.is_overdue(r, now)]
    return s
