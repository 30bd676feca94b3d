"""What happens after records change: background work is queued only once the change is committed.

Queuing inside the transaction would let a worker read data that may still roll back
(and, on SQLite, wait on the writer's lock). So callers register jobs on the session;
they run from the session's after_commit event and are dropped on rollback.
"""
from __future__ import annotations

from typing import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

_KEY = "tracing_after_commit"


def after_commit(session: Session, job: Callable[[], None]) -> None:
    session.info.setdefault(_KEY, []).append(job)


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    jobs = session.info.pop(_KEY, [])
    for job in jobs:
        job()


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(_KEY, None)


def record_changed(session: Session, kind: str, record_id: int) -> None:
    """An intake or report was created or edited: refresh its candidates in the background."""
    from . import tasks
    after_commit(session, lambda: tasks.enqueue_record_changed(kind, record_id))


def records_imported(session: Session, kind: str, created_ids: list[int], updated_ids: list[int]) -> None:
    from . import tasks
    ids = list(created_ids) + list(updated_ids)
    tasks.enqueue_records_imported(kind, ids)


def photo_added(session: Session, photo) -> None:
    from . import tasks
    photo_id = photo.id
    after_commit(session, lambda: tasks.enqueue_photo_added(photo_id))
