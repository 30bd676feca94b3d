"""Intakes (受助人员) and missing reports (寻人启事): list, search, create, edit, photos, history."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, send_from_directory, url_for
from sqlalchemy import func, or_, select
from sqlalchemy.orm.exc import StaleDataError

from .. import audit, hooks, records, search
from ..auth import can, client_ip, requires
from ..db import get_session
from ..importer import add_photo
from ..models import INTAKE_STATUSES, REPORT_SOURCE_LABELS, REPORT_STATUS_LABELS, Photo
from ..parsing import mask_id_number, mask_phone
from ..photos import PhotoError, read_limited

bp = Blueprint("records", __name__)

KINDS = {"intakes": "intake", "reports": "report"}
TITLES = {"intake": "受助人员", "report": "寻人启事"}
PAGE_SIZE = 30


def _kind(kinds: str) -> str:
    if kinds not in KINDS:
        abort(404)
    return KINDS[kinds]


def _photo_limits():
    return {"max_bytes": current_app.config["PHOTO_MAX_BYTES"], "max_pixels": current_app.config["PHOTO_MAX_PIXELS"]}


def photos_of(db, kind: str, obj_id: int) -> list[Photo]:
    return list(db.execute(select(Photo).where(Photo.owner_type == kind, Photo.owner_id == obj_id)
                           .order_by(Photo.id)).scalars())


@bp.route("/<kinds>/")
@requires("record.view")
def index(kinds):
    """Search by ref, name as typed (hanzi or pinyin), region and dates; see tracing.search."""
    kind = _kind(kinds)
    db = get_session()
    params, errors = search.parse_params(request.args, PAGE_SIZE)
    for field, message in errors.items():
        flash(f"{field}：{message}", "error")
    rows, has_next = search.run(db, kind, params)
    if params.q or params.region:
        audit.record(db, "search", actor=g.user, object_type=kind, ip=client_ip(),
                     details={"q": params.q, "region": params.region, "mode": params.mode, "page": params.page})
        db.commit()
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template("records/index.html", kind=kind, kinds=kinds, title=TITLES[kind], rows=rows,
                           q=params.q, status=params.status, page=params.page, has_next=has_next,
                           params=params, args=args, mask_phone=mask_phone,
                           statuses=INTAKE_STATUSES if kind == "intake" else REPORT_STATUS_LABELS,
                           status_labels=REPORT_STATUS_LABELS), (400 if errors else 200)


def _form_values(kind: str) -> dict:
    keys = [s.key for s in records.FIELDS[kind]]
    values = {k: request.form.get(k, "") for k in keys if k in request.form}
    if kind == "intake" and not can(g.user, "sensitive.view"):
        values.pop("id_number", None)
    if kind == "report" and not can(g.user, "sensitive.view"):
        values.pop("contact_phone", None)
        values.pop("id_number", None)
    return values


def _save_uploaded_photos(db, kind: str, obj_id: int) -> list[str]:
    problems = []
    for upload in request.files.getlist("photos"):
        if not upload or not upload.filename:
            continue
        try:
            data = read_limited(upload.stream, current_app.config["PHOTO_MAX_BYTES"], f"照片 {upload.filename} ")
            photo = add_photo(db, kind, obj_id, data, current_app.config["MEDIA_PATH"], _photo_limits(),
                              original_name=upload.filename)
            audit.record(db, "photo.add", actor=g.user, object_type=kind, object_id=obj_id, ip=client_ip(),
                         details={"photo_id": photo.id, "sha256": photo.sha256, "file": upload.filename})
        except PhotoError as exc:
            problems.append(f"{upload.filename}：{exc}")
    return problems


@bp.route("/<kinds>/new", methods=["GET", "POST"])
@requires("record.edit")
def new(kinds):
    kind = _kind(kinds)
    db = get_session()
    errors = {}
    values = {}
    if request.method == "POST":
        values = _form_values(kind)
        try:
            obj = records.create(db, kind, values, actor=g.user, ip=client_ip(),
                                 extra={"source": "family"} if kind == "report" and not values.get("source") else None)
            problems = _save_uploaded_photos(db, kind, obj.id)
            hooks.record_changed(db, kind, obj.id)
            db.commit()
            flash(f"已登记 {obj.ref}", "ok")
            for p in problems:
                flash(p, "error")
            return redirect(url_for("records.detail", kinds=kinds, ref=obj.ref))
        except records.ValidationErrors as exc:
            db.rollback()
            errors = {e.field: e.message for e in exc.errors}
            flash("请修正标红的字段", "error")
    return render_template("records/form.html", kind=kind, kinds=kinds, title=TITLES[kind], obj=None,
                           values=values, errors=errors, fields=records.FIELDS[kind]), (400 if errors else 200)


def _load(kind: str, ref: str):
    obj = records.by_ref(get_session(), kind, ref)
    if obj is None:
        abort(404)
    return obj


def form_initial(kind: str, obj) -> dict:
    out = {}
    for spec in records.FIELDS[kind]:
        col = spec.column or spec.key
        value = getattr(obj, col, "")
        if value is None:
            value = ""
        if spec.key == "height_cm":
            value = obj.height_written          # a range stays a range when the form is saved
        elif spec.key == "missing_date":
            # as written ("2024", "2024-03"), so that saving the form keeps what the family knew
            value = obj.missing_date_written
        elif hasattr(value, "isoformat"):
            value = value.isoformat()[:16].replace("T", " ") if spec.key == "admitted_at" else value.isoformat()
        out[spec.key] = value
    return out


@bp.route("/<kinds>/<ref>/edit", methods=["GET", "POST"])
@requires("record.edit")
def edit(kinds, ref):
    kind = _kind(kinds)
    db = get_session()
    obj = _load(kind, ref)
    errors = {}
    values = form_initial(kind, obj)
    version = obj.version
    status = 200
    if request.method == "POST":
        values = _form_values(kind)
        version = request.form.get("version", type=int)
        try:
            changes = records.update(db, obj, values, expected_version=version, actor=g.user, ip=client_ip())
            problems = _save_uploaded_photos(db, kind, obj.id)
            if changes:
                hooks.record_changed(db, kind, obj.id)
            db.commit()
            flash("已保存" if changes else "没有改动", "ok")
            for p in problems:
                flash(p, "error")
            return redirect(url_for("records.detail", kinds=kinds, ref=obj.ref))
        except (records.ConflictError, StaleDataError):
            db.rollback()
            flash("保存失败：这条记录在您编辑期间已被他人修改。您填写的内容保留在下方；请对照最新记录后重新保存。", "error")
            status = 409
            current = form_initial(kind, _reload(db, kind, obj.id))
            return render_template("records/form.html", kind=kind, kinds=kinds, title=TITLES[kind], obj=obj,
                                   values=values, errors={}, fields=records.FIELDS[kind], version=obj.version,
                                   conflict=current), status
        except records.ValidationErrors as exc:
            db.rollback()
            errors = {e.field: e.message for e in exc.errors}
            flash("请修正标红的字段", "error")
            status = 400
    return render_template("records/form.html", kind=kind, kinds=kinds, title=TITLES[kind], obj=obj, values=values,
                           errors=errors, fields=records.FIELDS[kind], version=version), status


def _reload(db, kind, obj_id):
    db.expire_all()
    return db.get(records.MODELS[kind], obj_id)


@bp.route("/<kinds>/<ref>")
@requires("record.view")
def detail(kinds, ref):
    kind = _kind(kinds)
    db = get_session()
    obj = _load(kind, ref)
    events = audit.history(db, kind, obj.id)
    if obj.import_batch_id:
        events = audit.history(db, "import_batch", obj.import_batch_id) + events
        events.sort(key=lambda e: e.seq)
    sensitive = can(g.user, "sensitive.view")
    audit.record(db, "view", actor=g.user, object_type=kind, object_id=obj.id, object_ref=obj.ref, ip=client_ip(),
                 details={"sensitive_shown": sensitive})
    db.commit()
    return render_template("records/detail.html", kind=kind, kinds=kinds, title=TITLES[kind], obj=obj,
                           photos=photos_of(db, kind, obj.id), events=events, details_of=audit.details_of,
                           sensitive=sensitive, mask_phone=mask_phone, mask_id_number=mask_id_number,
                           labels=records.LABELS[kind], source_labels=REPORT_SOURCE_LABELS,
                           status_labels=REPORT_STATUS_LABELS)


@bp.route("/<kinds>/<ref>/photos/<int:photo_id>/delete", methods=["POST"])
@requires("record.edit")
def delete_photo(kinds, ref, photo_id):
    kind = _kind(kinds)
    db = get_session()
    obj = _load(kind, ref)
    photo = db.get(Photo, photo_id)
    if photo is None or photo.owner_type != kind or photo.owner_id != obj.id:
        abort(404)
    audit.record(db, "photo.delete", actor=g.user, object_type=kind, object_id=obj.id, object_ref=obj.ref,
                 ip=client_ip(), details={"photo_id": photo.id, "sha256": photo.sha256, "faces": len(photo.faces)})
    db.delete(photo)   # its face encodings go with it (cascade)
    hooks.record_changed(db, kind, obj.id)
    db.commit()
    flash("照片及其人脸特征已删除", "ok")
    return redirect(url_for("records.detail", kinds=kinds, ref=ref))


@bp.route("/media/<path:path>")
@requires("record.view")
def media(path):
    """Photos are personal data: served only to logged-in users (published notices have their own route)."""
    db = get_session()
    known = db.execute(select(func.count(Photo.id)).where(or_(Photo.path == path, Photo.thumb_path == path))).scalar_one()
    if not known:
        abort(404)
    resp = send_from_directory(current_app.config["MEDIA_PATH"], path, max_age=3600)
    resp.headers["Cache-Control"] = "private, max-age=3600"
    return resp
