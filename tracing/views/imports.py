"""Bulk import from the browser: upload, preview with row errors, then import in the task queue."""
from __future__ import annotations

import secrets
from itertools import islice
from pathlib import Path

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from .. import importer, tasks
from ..auth import client_ip, requires
from ..db import get_session
from ..models import ImportBatch

bp = Blueprint("imports", __name__, url_prefix="/imports")
ALLOWED = {".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".xlsx", ".zip"}
PREVIEW_ROWS = 20


def _upload_dir() -> Path:
    path = Path(current_app.config["INSTANCE_PATH"]) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


@bp.route("/", methods=["GET", "POST"])
@requires("import")
def upload():
    db = get_session()
    if request.method == "POST":
        kind = request.form.get("kind")
        f = request.files.get("file")
        if kind not in importer.COLUMNS:
            flash("请选择导入类型", "error")
        elif not f or not f.filename:
            flash("请选择文件", "error")
        else:
            suffix = Path(f.filename).suffix.lower()
            if suffix not in ALLOWED:
                flash(f"不支持的文件类型 {suffix}（支持 CSV、JSONL、XLSX、ZIP）", "error")
            else:
                token = secrets.token_hex(8)
                saved = _upload_dir() / f"{token}{suffix}"
                f.save(saved)
                return redirect(url_for("imports.preview", token=token, suffix=suffix.lstrip("."), kind=kind,
                                        name=Path(f.filename).name[:200], strict=request.form.get("strict", "")))
    batches = db.execute(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(20)).scalars().all()
    return render_template("imports/upload.html", batches=batches, columns=importer.COLUMNS)


def _saved(token: str, suffix: str) -> Path:
    if not token.isalnum() or not suffix.isalnum():
        abort(404)
    path = _upload_dir() / f"{token}.{suffix}"
    if not path.is_file():
        abort(404)
    return path


@bp.route("/preview/<token>.<suffix>", methods=["GET", "POST"])
@requires("import")
def preview(token, suffix):
    path = _saved(token, suffix)
    kind = request.values.get("kind", "reports")
    if kind not in importer.COLUMNS:
        abort(400)
    name = request.values.get("name") or path.name
    strict = bool(request.values.get("strict"))
    if request.method == "POST":
        db = get_session()
        batch = ImportBatch(kind=kind, filename=name, strict=strict, created_by_id=g.user.id)
        db.add(batch)
        db.commit()
        tasks.run_import_task(batch.id, str(path), kind, strict, g.user.id, client_ip())
        return redirect(url_for("imports.status", batch_id=batch.id))
    rows, file_error = [], None
    data_path, workdir = path, None
    try:
        if path.suffix == ".zip":
            import tempfile
            workdir = Path(tempfile.mkdtemp(dir=_upload_dir()))
            data_path = importer.unpack_zip(path, workdir)
        for rowno, row in islice(importer.iter_rows(data_path, kind), PREVIEW_ROWS):
            values, photos, row_errors = importer._validate(kind, dict(row), name, rowno)
            _, perrs = importer._resolve_photos(photos, data_path.parent, name, rowno)
            rows.append({"rowno": rowno, "raw": row, "errors": row_errors + perrs})
    except importer.ImportFileError as exc:
        file_error = str(exc)
    finally:
        if workdir is not None:
            import shutil
            shutil.rmtree(workdir, ignore_errors=True)
    return render_template("imports/preview.html", rows=rows, file_error=file_error, kind=kind, name=name,
                           strict=strict, columns=importer.COLUMNS[kind], token=token, suffix=suffix)


@bp.route("/<int:batch_id>")
@requires("import")
def status(batch_id):
    batch = get_session().get(ImportBatch, batch_id) or abort(404)
    return render_template("imports/status.html", batch=batch)


@bp.route("/<int:batch_id>.json")
@requires("import")
def status_json(batch_id):
    b = get_session().get(ImportBatch, batch_id) or abort(404)
    return {"status": b.status, "rows": b.rows_total, "created": b.rows_created, "updated": b.rows_updated,
            "unchanged": b.rows_unchanged, "failed": b.rows_failed, "error": b.error}
