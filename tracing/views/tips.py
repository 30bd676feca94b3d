"""Public tips (线索): the public form (general, or about one published notice) and the staff queue."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlalchemy import func, select

from .. import audit, tips
from ..auth import client_ip, public, requires
from ..db import get_session
from ..models import Intake, Photo, SearchNotice, Tip, User
from ..photos import PhotoError, read_limited

bp = Blueprint("tips", __name__, url_prefix="/tips")
PAGE_SIZE = 30


def _limits() -> dict:
    cfg = current_app.config
    return {"max_bytes": int(cfg.get("TIP_PHOTO_MAX_BYTES", 5 * 1024 * 1024)),
            "max_pixels": int(cfg.get("PHOTO_MAX_PIXELS", 40_000_000))}


@bp.route("/new", methods=["GET", "POST"])
@public
def new():
    """The public tip form. With ?notice=<public token> the tip is about that published notice."""
    db = get_session()
    token = (request.args.get("notice") or "").strip()
    notice = tips.published_notice(db, token) if token else None
    if token and notice is None:
        abort(404)      # unknown, draft or withdrawn notice: nothing about it is public
    limits = _limits()
    values, errors, status = {"text": "", "contact": ""}, {}, 200
    if request.method == "POST":
        if request.content_length and request.content_length > limits["max_bytes"] + 256 * 1024:
            abort(413)
        values = {"text": request.form.get("text", ""), "contact": request.form.get("contact", "")}
        iph = tips.ip_hash(current_app.config["SECRET_KEY"], client_ip())
        if request.form.get(tips.HONEYPOT_FIELD):
            # Answered exactly like a success so a bot learns nothing; nothing is stored.
            current_app.logger.info("tip honeypot filled (ip hash %s); dropped", iph[:12])
            return redirect(url_for("tips.thanks", notice=token or None), code=303)
        photo = None
        upload = request.files.get("photo")
        try:
            if upload is not None and upload.filename:
                photo = tips.PhotoUpload(read_limited(upload.stream, limits["max_bytes"]), upload.filename)
            tips.submit(db, text=values["text"], contact=values["contact"], notice=notice, iph=iph, photo=photo,
                        media_root=current_app.config["MEDIA_PATH"], photo_limits=limits,
                        per_hour=int(current_app.config.get("TIPS_PER_HOUR", 5)))
            db.commit()
            return redirect(url_for("tips.thanks", notice=token or None), code=303)
        except PhotoError as exc:
            db.rollback()
            errors, status = {"photo": str(exc)}, 400
        except tips.TipErrors as exc:
            db.rollback()
            errors, status = exc.errors, 400
        except tips.RateLimited:
            db.rollback()
            errors, status = {"form": "提交过于频繁：每个网络每小时最多提交 "
                                      f"{current_app.config.get('TIPS_PER_HOUR', 5)} 条线索，请稍后再试。"}, 429
    return render_template("tips/new.html", notice=notice, values=values, errors=errors,
                           max_mb=limits["max_bytes"] // (1024 * 1024)), status


@bp.route("/thanks")
@public
def thanks():
    return render_template("tips/thanks.html", notice_token=request.args.get("notice", ""))


@bp.route("/")
@requires("tips.view")
def index():
    db = get_session()
    status = request.args.get("status", "new")
    if status not in tips.STATUSES and status != "all":
        status = "new"
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10_000))
    stmt = select(Tip)
    if status != "all":
        stmt = stmt.where(Tip.status == status)
    rows = list(db.execute(stmt.order_by(Tip.id.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)).scalars())
    counts = dict(db.execute(select(Tip.status, func.count(Tip.id)).group_by(Tip.status)).all())
    notices = {n.id: n for n in db.execute(select(SearchNotice).where(SearchNotice.id.in_(
        {t.notice_id for t in rows if t.notice_id} or {0}))).scalars()}
    photo_counts = dict(db.execute(select(Photo.owner_id, func.count(Photo.id)).where(
        Photo.owner_type == "tip", Photo.owner_id.in_([t.id for t in rows] or [0]))
        .group_by(Photo.owner_id)).all())
    return render_template("tips/index.html", rows=rows[:PAGE_SIZE], has_next=len(rows) > PAGE_SIZE, page=page,
                           status=status, counts=counts, labels=tips.STATUSES, notices=notices,
                           photo_counts=photo_counts)


def _load(tid: int) -> Tip:
    tip = get_session().get(Tip, tid)
    if tip is None:
        abort(404)
    return tip


@bp.route("/<int:tid>")
@requires("tips.view")
def detail(tid):
    db = get_session()
    tip = _load(tid)
    photos = tips.photos_of(db, tip)
    if photos and not tip.face_matches and any(p.face_status == "ok" for p in photos):
        tips.refresh_face_matches(db, tip, actor=g.user, ip=client_ip())
    notice = db.get(SearchNotice, tip.notice_id) if tip.notice_id else None
    intake = db.get(Intake, notice.intake_id) if notice else None
    handler = db.get(User, tip.handled_by_id) if tip.handled_by_id else None
    events = audit.history(db, "tip", tip.id)
    audit.record(db, "view", actor=g.user, object_type="tip", object_id=tip.id, ip=client_ip())
    db.commit()
    return render_template("tips/detail.html", tip=tip, photos=photos, notice=notice, intake=intake, handler=handler,
                           labels=tips.STATUSES, events=events, details_of=audit.details_of)


@bp.route("/<int:tid>/status", methods=["POST"])
@requires("tips.view")
def set_status(tid):
    db = get_session()
    tip = _load(tid)
    try:
        tips.set_status(db, tip, request.form.get("status", ""), g.user, request.form.get("note", ""), ip=client_ip())
        db.commit()
        flash(f"线索 #{tip.id} 已标记为“{tips.STATUSES[tip.status]}”", "ok")
    except tips.TipErrors as exc:
        db.rollback()
        for message in exc.errors.values():
            flash(message, "error")
    return redirect(url_for("tips.detail", tid=tid), code=303)


@bp.route("/<int:tid>/faces", methods=["POST"])
@requires("tips.view")
def refresh_faces(tid):
    db = get_session()
    tip = _load(tid)
    matches = tips.refresh_face_matches(db, tip, actor=g.user, ip=client_ip())
    db.commit()
    flash("人脸比对已更新" if matches is not None else "这条线索的照片尚未检测到人脸", "info")
    return redirect(url_for("tips.detail", tid=tid), code=303)
