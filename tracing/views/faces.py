"""Faces: search by photo (staff and volunteers only, every search audited), face crops,
and picking which face of a group photo is the person."""
from __future__ import annotations

import io
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, send_file, url_for

from .. import audit, hooks, records
from ..auth import client_ip, requires
from ..db import get_session
from ..faces import service
from ..models import FaceEncoding, Photo
from ..photos import PhotoError, check_photo, read_limited

bp = Blueprint("faces", __name__)

KINDS = {"intakes": "intake", "reports": "report"}
TOP_CHOICES = (5, 10, 20, 50)
CROP_SIDE = 160


def _max_bytes() -> int:
    return int(current_app.config.get("FACE_SEARCH_MAX_BYTES", 10 * 1024 * 1024))


@bp.route("/faces/search", methods=["GET", "POST"])
@requires("faces.search")
def search():
    """Upload a photo, see the nearest intakes and reports. The photo is never stored."""
    top = request.values.get("top", 10, type=int)
    if top not in TOP_CHOICES:
        top = 10
    result, error, status = None, "", 200
    if request.method == "POST":
        upload = request.files.get("photo")
        if not upload or not upload.filename:
            error, status = "请选择一张照片", 400
        else:
            try:
                data = read_limited(upload.stream, _max_bytes())
                check_photo(data, max_bytes=_max_bytes(), max_pixels=current_app.config["PHOTO_MAX_PIXELS"])
            except PhotoError as exc:
                error, status = str(exc), 400
            else:
                db = get_session()
                result = service.search_photo(db, data, top, previews=True)
                service.record_search(db, result, actor=g.user, ip=client_ip(), source="web")
                db.commit()
    return render_template("faces/search.html", result=result, error=error, top=top, top_choices=TOP_CHOICES,
                           max_mb=_max_bytes() // (1024 * 1024), kinds_of={"intake": "intakes", "report": "reports"},
                           status_labels={"intake": "受助人员", "report": "寻人启事"}), status


@bp.route("/faces/<int:face_id>/crop.jpg")
@requires("record.view")
def crop(face_id):
    """A small JPEG of one detected face, cut from the stored photo (cached beside the media)."""
    db = get_session()
    face = db.get(FaceEncoding, face_id)
    if face is None:
        abort(404)
    photo = face.photo
    media = Path(current_app.config["MEDIA_PATH"])
    rel = Path("facecrops") / photo.sha256[:2] / (
        f"{photo.sha256}-{face.box_top}-{face.box_right}-{face.box_bottom}-{face.box_left}.jpg")
    target = media / rel
    if not target.exists():
        from PIL import Image, ImageOps
        try:
            with Image.open(media / photo.path) as im:
                im = ImageOps.exif_transpose(im).convert("RGB")
                part = service.crop_face(im, (face.box_top, face.box_right, face.box_bottom, face.box_left))
                part.thumbnail((CROP_SIDE, CROP_SIDE))
                buf = io.BytesIO()
                part.save(buf, "JPEG", quality=85)
        except OSError:
            abort(404)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(buf.getvalue())
        tmp.replace(target)
    resp = send_file(target, mimetype="image/jpeg", max_age=3600)
    resp.headers["Cache-Control"] = "private, max-age=3600"
    return resp


@bp.route("/<kinds>/<ref>/photos/<int:photo_id>/faces/<int:face_id>/subject", methods=["POST"])
@requires("record.edit")
def pick_subject(kinds, ref, photo_id, face_id):
    """Staff say which face of a group photo is the person; the matcher re-scores the record."""
    if kinds not in KINDS:
        abort(404)
    kind = KINDS[kinds]
    db = get_session()
    obj = records.by_ref(db, kind, ref)
    photo = db.get(Photo, photo_id)
    if obj is None or photo is None or photo.owner_type != kind or photo.owner_id != obj.id:
        abort(404)
    try:
        previous, chosen = service.set_subject(db, photo, face_id)
    except LookupError:
        abort(404)
    if previous == chosen:
        flash(f"人脸 {chosen + 1} 已经是本人", "info")
        return redirect(url_for("records.detail", kinds=kinds, ref=ref) + f"#photo-{photo.id}")
    audit.record(db, "face.subject", actor=g.user, object_type=kind, object_id=obj.id, object_ref=obj.ref,
                 ip=client_ip(), details={"photo_id": photo.id, "face": chosen + 1,
                                          "previous": None if previous is None else previous + 1})
    hooks.record_changed(db, kind, obj.id)
    db.commit()
    flash(f"已将照片中的人脸 {chosen + 1} 设为本人，匹配将重新计算", "ok")
    return redirect(url_for("records.detail", kinds=kinds, ref=ref) + f"#photo-{photo.id}")
