"""Building the candidate index from the database, in several processes when it is large.

Computing each report's blocking keys is ~95% of a bulk build and independent from report to
report, so at 1M reports the build is split into id ranges: each worker process reads its
range through its own connection and returns an `IndexPart`; the parts are merged in id
order, which gives the same index, array for array, as the one-process build.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from multiprocessing import get_context
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from matchers.index import CandidateIndex, IndexPart, index_part
from matchers.records import ReportRecord

from .models import MissingReport
from .parallel import helper_processes

OPEN_REPORT_STATUS = "open"
PARALLEL_MIN = 50_000     # below this, spawning processes costs more than it saves
PART_ROWS = 50_000        # reports per part: small enough to spread evenly over the workers
DEFAULT_MAX_WORKERS = 4   # each worker imports the app (~150 MB): not one per core on a big server

# what to_report_record reads (faces are not needed by the index)
REPORT_COLUMNS = ("id", "ref", "name", "alt_names", "sex", "birth_year", "birth_month", "birth_day", "hometown",
                  "missing_date", "missing_date_precision", "missing_place", "height_cm", "height_spread_cm", "features",
                  "dialect", "contact_phone")


def report_rows(conn: Session | Connection, lo: int | None = None, hi: int | None = None
                ) -> Iterable[tuple[int, ReportRecord]]:
    """(id, ReportRecord) of open reports with lo <= id < hi, in id order, streamed as plain rows."""
    from .matching import to_report_record
    table = MissingReport.__table__
    stmt = (select(*[table.c[name] for name in REPORT_COLUMNS])
            .where(table.c.status == OPEN_REPORT_STATUS).order_by(table.c.id))
    if lo is not None:
        stmt = stmt.where(table.c.id >= lo)
    if hi is not None:
        stmt = stmt.where(table.c.id < hi)
    for row in conn.execute(stmt.execution_options(yield_per=5000)):
        yield row.id, to_report_record(row)


def _part_in_worker(url: str, lo: int, hi: int | None) -> IndexPart:
    from .db import make_engine
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":
        # plain reads outside a transaction: ours begin IMMEDIATE, which takes the write lock
        # (PostgreSQL keeps its read transaction: a streamed server-side cursor needs one)
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            return index_part(report_rows(conn, lo, hi))
    finally:
        engine.dispose()


def _open_report_ids(session: Session) -> list[int]:
    table = MissingReport.__table__
    return session.execute(select(table.c.id).where(table.c.status == OPEN_REPORT_STATUS)
                           .order_by(table.c.id)).scalars().all()


def _ranges(ids: list[int], part_rows: int) -> list[tuple[int, int | None]]:
    """[lo, hi) id ranges of `part_rows` reports each (the last one open-ended)."""
    starts = ids[::part_rows]
    return [(lo, starts[i + 1] if i + 1 < len(starts) else None) for i, lo in enumerate(starts)]


def build_index(app, session: Session) -> CandidateIndex:
    """The index of all open reports; in `MATCH_INDEX_WORKERS` processes (default: one per core, at most 4)
    when there are at least `MATCH_INDEX_PARALLEL_MIN` of them."""
    workers = helper_processes(int(app.config.get("MATCH_INDEX_WORKERS")
                                   or min(os.cpu_count() or 1, DEFAULT_MAX_WORKERS)))
    if workers < 2:
        return CandidateIndex.build(report_rows(session))
    ids = _open_report_ids(session)
    if len(ids) < int(app.config.get("MATCH_INDEX_PARALLEL_MIN", PARALLEL_MIN)):
        return CandidateIndex.build(report_rows(session))
    ranges = _ranges(ids, int(app.config.get("MATCH_INDEX_PART_ROWS", PART_ROWS)))
    url = app.extensions["db_engine"].url.render_as_string(hide_password=False)
    # spawn, not fork: the web process and the task consumer may be running threads
    with ProcessPoolExecutor(max_workers=min(workers, len(ranges)), mp_context=get_context("spawn")) as pool:
        parts = pool.map(_part_in_worker, repeat(url), [lo for lo, _ in ranges], [hi for _, hi in ranges])
        return CandidateIndex.from_parts(parts)
