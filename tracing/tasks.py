"""Background work on a real task queue (Huey): SQLite storage in the instance by default,
Redis when TRACING_REDIS_URL is set. Workers run as `tracing worker` (or huey_consumer
tracing.tasks.huey); `make run` starts them beside the web server.

Tests switch the queue to immediate mode, so tasks run inline, in order.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from huey import RedisHuey, SqliteHuey, crontab

from .config import instance_path

log = logging.getLogger(__name__)


def _make_huey():
    redis_url = os.environ.get("TRACING_REDIS_URL")
    if redis_url:
        return RedisHuey("tracing", url=redis_url)
    folder = instance_path()
    folder.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("tracing", filename=str(Path(folder) / "tasks.sqlite3"))


huey = _make_huey()
_worker_app = None


def app_for_task():
    """The Flask app a task runs in: the caller's (immediate mode) or one per worker process."""
    global _worker_app
    from flask import current_app, has_app_context

    if has_app_context():
        return current_app._get_current_object()
    if _worker_app is None:
        from . import create_app
        _worker_app = create_app()
    return _worker_app


def _run(fn, *args):
    app = app_for_task()
    with app.app_context():
        return fn(app, *args)


# ---- matching ------------------------------------------------------------------------------

@huey.task(retries=2, retry_delay=10)
def refresh_candidates_task(kind: str, record_id: int):
    from . import matching
    return _run(matching.refresh_for_record, kind, record_id)


@huey.task(retries=1, retry_delay=30)
def refresh_after_import_task(kind: str, ids: list[int]):
    from . import matching
    return _run(matching.refresh_after_import, kind, ids)


def enqueue_record_changed(kind: str, record_id: int) -> None:
    refresh_candidates_task(kind, record_id)


def enqueue_records_imported(kind: str, ids: list[int]) -> None:
    if ids:
        refresh_after_import_task(kind, ids)


# ---- faces -------------------------------------------------------------------------------

@huey.task(retries=2, retry_delay=10)
def encode_photo_task(photo_id: int):
    from .faces import service
    return _run(service.encode_photo, photo_id)


def enqueue_photo_added(photo_id: int) -> None:
    encode_photo_task(photo_id)


# ---- imports -------------------------------------------------------------------------------

@huey.task()
def run_import_task(batch_id: int, path: str, kind: str, strict: bool, user_id: int, ip: str):
    return _run(_run_import, batch_id, path, kind, strict, user_id, ip)


def _run_import(app, batch_id, path, kind, strict, user_id, ip):
    from . import importer
    from .models import ImportBatch, User

    with app.extensions["db_sessionmaker"]() as db:
        batch = db.get(ImportBatch, batch_id)
        actor = db.get(User, user_id)
        limits = {"max_bytes": app.config["PHOTO_MAX_BYTES"], "max_pixels": app.config["PHOTO_MAX_PIXELS"]}
        try:
            importer.run_import(db, kind, path, actor=actor, ip=ip, strict=strict, media_root=app.config["MEDIA_PATH"],
                                photo_limits=limits, batch=batch, display_name=batch.filename)
        except importer.ImportFileError:
            log.info("import %s refused: %s", batch_id, batch.error)   # the page shows batch.error
        except Exception as exc:
            # Anything else is a bug: mark the batch failed so the page stops waiting, and re-raise for the log.
            db.rollback()
            batch = db.get(ImportBatch, batch_id)
            batch.status, batch.error = "failed", f"导入中断：{type(exc).__name__}: {exc}"[:2000]
            db.commit()
            raise
        finally:
            Path(path).unlink(missing_ok=True)


# ---- notices -------------------------------------------------------------------------------
# Retries are scheduled by notices_workflow.deliver itself (exponential backoff, attempts and
# every response kept on the Publication), so the Huey task has no retries of its own.

@huey.task()
def deliver_publication_task(publication_id: int):
    from . import notices_workflow
    return _run(notices_workflow.deliver, publication_id)


@huey.periodic_task(crontab(minute="*/5"))
def retry_due_publications_task():
    from . import notices_workflow
    return _run(notices_workflow.retry_due)
