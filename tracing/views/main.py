"""Dashboard: counts and what needs attention today."""
from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for
from sqlalchemy import func, select

from ..auth import public, requires
from ..db import get_session
from ..models import Candidate, Intake, MissingReport

bp = Blueprint("main", __name__)


@bp.route("/")
@public
def root():
    if g.get("user") is None:
        return redirect(url_for("auth.login"))
    return redirect(url_for("main.dashboard"))


@bp.route("/dashboard")
@requires("record.view")
def dashboard():
    db = get_session()
    intake_counts = dict(db.execute(select(Intake.status, func.count(Intake.id)).group_by(Intake.status)).all())
    report_counts = dict(db.execute(select(MissingReport.status, func.count(MissingReport.id))
                                    .group_by(MissingReport.status)).all())
    candidate_counts = dict(db.execute(select(Candidate.review_status, func.count(Candidate.id))
                                       .group_by(Candidate.review_status)).all())
    return render_template("dashboard.html", intake_counts=intake_counts, report_counts=report_counts,
                           candidate_counts=candidate_counts)


@bp.route("/healthz")
@public
def healthz():
    get_session().execute(select(1))
    return {"ok": True}
