"""The workbench side of matching: ORM rows → plain records → matchers, results → Candidate rows.

Each process (web, task worker, CLI) keeps one engine per app: the compact candidate
index of open reports (saved under the instance, so it survives restarts) and a cache of
prepared reports. Before each use the index catches up with reports changed since its
watermark, so several workers stay consistent without talking to each other.

Decided pairs (any review_status other than "pending") are never touched by re-matching:
a rejected pair never resurfaces, a confirmed one is never re-scored away.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Sequence

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from matchers.batch import fewer_full_collections
from matchers.chance import ChanceShift, ChanceTail, bits_changed
from matchers.engine import Match, Matcher
from matchers.index import CandidateIndex
from matchers.model import CHANCE_COMPARISON, Component, MatchModel, Score
from matchers.records import IntakeRecord, ReportRecord

from .index_build import OPEN_REPORT_STATUS, build_index
from .models import Candidate, Intake, MissingReport, split_alt_names, utcnow

log = logging.getLogger(__name__)

DEFAULT_TOP = 10
ACTIVE_INTAKE_STATUSES = ("在站", "已安置", "站外托养", "已落户", "已离站")
INDEX_FILE = "match-index.npz"
# this database's chance shift (matchers/chance.py), measured by every `tracing match --all`
CHANCE_FILE = "chance-tail.json"
INDEX_SAVE_EVERY = 5000       # changed reports before the saved index is refreshed
FETCH_CHUNK = 900             # stays under SQLite's bound-parameter limit


# ---------------------------------------------------------------- conversion

def _face_encodings(session: Session, kind: str, ids: Sequence[int]) -> dict[int, list]:
    if not ids:
        return {}
    from .faces.service import subject_encodings
    return subject_encodings(session, kind, list(ids))


def to_intake_record(intake: Intake, faces: list | None = None) -> IntakeRecord:
    return IntakeRecord(
        ref=intake.ref, name=intake.name_heard or "", sex=intake.sex or "",
        age_min=intake.age_min, age_max=intake.age_max, found_date=intake.found_date,
        found_place=intake.found_place or "", height_cm=intake.height_cm,
        height_spread_cm=intake.height_spread_cm or 0.0, features=intake.features or "",
        dialect=intake.dialect or "", place_hints=intake.place_hint_list, id_number=intake.id_number or "",
        face_encodings=list(faces or []),
        photo_year=intake.found_date.year if intake.found_date else None,
    )


def to_report_record(report: MissingReport, faces: list | None = None) -> ReportRecord:
    """From an ORM row or a Core row with the same column names (`index_build.REPORT_COLUMNS`)."""
    return ReportRecord(
        ref=report.ref, name=report.name or "", alt_names=split_alt_names(report.alt_names), sex=report.sex or "",
        birth_year=report.birth_year, birth_month=report.birth_month, birth_day=report.birth_day,
        hometown=report.hometown or "", missing_date=report.missing_date,
        missing_date_precision=report.missing_date_precision or "", missing_place=report.missing_place or "",
        height_cm=report.height_cm, height_spread_cm=report.height_spread_cm or 0.0,
        features=report.features or "", dialect=report.dialect or "",
        face_encodings=list(faces or []), contact_phone=getattr(report, "contact_phone", "") or "",
    )


# ---------------------------------------------------------------- engine per app

@dataclass
class EngineState:
    matcher: Matcher
    watermark: datetime | None       # reports updated at or after this are looked at on next use
    changed_since_save: int = 0
    chance_mtime: float | None = None   # of the chance file the matcher's shift was read from
    # reports at or after the watermark already indexed, with the updated_at indexed: a bulk
    # import stamps thousands of rows with one time, and they must not be re-indexed on every use
    indexed: dict[int, datetime] = field(default_factory=dict)


_lock = threading.RLock()
CATCH_UP_CHUNK = 900       # ids per IN (...) query: below SQLite's old 999-variable limit


def _aware(dt: datetime | None) -> datetime | None:
    if dt is not None and dt.tzinfo is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt


def _index_path(app) -> Path:
    return Path(app.config["INSTANCE_PATH"]) / INDEX_FILE


_current = threading.local()   # the session of the caller now using the engine, per thread


def _fetcher(app) -> Callable[[Sequence[int]], dict[int, ReportRecord]]:
    """Reads candidate reports through the caller's own session: a second connection would wait
    on the caller's write lock under SQLite."""
    def fetch(ids: Sequence[int]) -> dict[int, ReportRecord]:
        session = getattr(_current, "session", None)
        if session is None:
            raise RuntimeError("matching engine used without engine_for(app, session)")
        out: dict[int, ReportRecord] = {}
        for start in range(0, len(ids), FETCH_CHUNK):
            chunk = list(ids[start:start + FETCH_CHUNK])
            faces = _face_encodings(session, "report", chunk)
            for r in session.execute(select(MissingReport).where(MissingReport.id.in_(chunk))).scalars():
                out[r.id] = to_report_record(r, faces.get(r.id))
        return out
    return fetch


def model_for(app) -> MatchModel:
    model = app.extensions.get("match_model")
    if model is None:
        weights = app.config.get("MATCH_WEIGHTS_PATH") or (Path(app.config["INSTANCE_PATH"]) / "weights.json")
        model = MatchModel(weights=weights) if Path(weights).exists() else MatchModel()
        app.extensions["match_model"] = model
    return model


def engine_for(app, session: Session) -> Matcher:
    """The app's matcher, loaded or built on first use and caught up with changed reports."""
    _current.session = session
    with _lock:
        state: EngineState | None = app.extensions.get("match_engine")
        if state is None:
            state = _load_or_build(app, session)
            app.extensions["match_engine"] = state
        _catch_up(app, session, state)
        _sync_chance(app, state)
        return state.matcher


def _chance_path(app) -> Path:
    return Path(app.config["INSTANCE_PATH"]) / CHANCE_FILE


def _sync_chance(app, state: EngineState) -> None:
    """Read the chance shift another process (match --all) measured, when it changed."""
    path = _chance_path(app)
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        state.matcher.chance, state.chance_mtime = None, None
        return
    if mtime == state.chance_mtime:
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state.matcher.chance = ChanceShift.from_json(data.get("shift"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("chance shift in %s unusable (%s): scores are not corrected for chance", path, exc)
        state.matcher.chance = None
    state.chance_mtime = mtime


def save_chance(app, tail: ChanceTail, shift: ChanceShift | None, n_reports: int) -> None:
    """Keep this database's measurement under the instance (written atomically)."""
    path = _chance_path(app)
    data = {"measured_at": utcnow().isoformat(timespec="seconds"), "n_reports": int(n_reports),
            "tail": tail.to_json(), "shift": None if shift is None else shift.to_json()}
    tmp = path.with_suffix(f".{os.getpid()}.tmp")       # two runs at once each write their own
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)


def _load_or_build(app, session: Session) -> EngineState:
    path = _index_path(app)
    started = time.monotonic()
    watermark = None
    index = None
    if path.exists():
        try:
            index = CandidateIndex.load(path)
            watermark = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc) - timedelta(minutes=5)
        except (ValueError, OSError, KeyError) as exc:
            log.warning("saved match index unusable (%s): rebuilding", exc)
            index = None
    if index is None:
        watermark = _max_updated(session)
        index = build_index(app, session)
        _save(index, path)
        log.info("built match index: %d reports in %.1f s", len(index), time.monotonic() - started)
    return EngineState(Matcher(model_for(app), index, _fetcher(app)), watermark)


def _max_updated(session: Session) -> datetime | None:
    from sqlalchemy import func
    return _aware(session.execute(select(func.max(MissingReport.updated_at))).scalar_one_or_none())


def _save(index: CandidateIndex, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        index.save(path)
    except OSError as exc:
        log.warning("could not save match index to %s: %s", path, exc)


def _catch_up(app, session: Session, state: EngineState) -> None:
    # the watermark overlaps (>=, and a saved index starts minutes back) so that a
    # transaction committed late with an earlier timestamp is not missed; what was
    # already indexed at its current updated_at is skipped
    stmt = select(MissingReport.id, MissingReport.updated_at).order_by(MissingReport.updated_at, MissingReport.id)
    if state.watermark is not None:
        stmt = stmt.where(MissingReport.updated_at >= state.watermark)
    newest = state.watermark
    changed: list[int] = []
    for rid, updated in session.execute(stmt):
        updated = _aware(updated)
        if state.indexed.get(rid) != updated:
            changed.append(rid)
        newest = updated if newest is None or updated > newest else newest
    for start in range(0, len(changed), CATCH_UP_CHUNK):
        chunk = changed[start:start + CATCH_UP_CHUNK]
        for report in session.execute(select(MissingReport).where(MissingReport.id.in_(chunk))).scalars():
            if report.status == OPEN_REPORT_STATUS:
                state.matcher.add_report(report.id, to_report_record(report))
            else:
                state.matcher.remove_report(report.id)
            state.indexed[report.id] = _aware(report.updated_at)
    if newest != state.watermark:
        # rows before the new watermark are never selected again
        state.indexed = {rid: at for rid, at in state.indexed.items() if at >= newest}
    state.watermark = newest
    state.changed_since_save += len(changed)
    if state.changed_since_save >= INDEX_SAVE_EVERY:
        _save(state.matcher.index, _index_path(app))
        state.changed_since_save = 0


def forget_engine(app) -> None:
    app.extensions.pop("match_engine", None)
    app.extensions.pop("match_model", None)


def rebuild_index(app, session: Session) -> int:
    """Drop the saved index and build it again from the database (after a weights/keys change)."""
    with _lock:
        _index_path(app).unlink(missing_ok=True)
        forget_engine(app)
        return len(engine_for(app, session).index)


# ---------------------------------------------------------------- ranking

def _face_candidate_ids(session: Session, kind: str, record_id: int) -> list[int]:
    from .faces.service import face_candidate_ids
    return [other for other, _distance in face_candidate_ids(session, kind, record_id)]


def rank_intake(app, session: Session, intake: Intake, top: int = DEFAULT_TOP,
                tail: ChanceTail | None = None) -> list[Match]:
    """The best open reports for one intake: index candidates plus nearest faces, scored together.
    With `tail`, the intake's runner-up counts are added to it."""
    matcher = engine_for(app, session)
    faces = _face_encodings(session, "intake", [intake.id]).get(intake.id)
    record = to_intake_record(intake, faces)
    ids, _pre = matcher.candidates(record)
    pool = [int(i) for i in ids]
    seen = set(pool)
    for rid in _face_candidate_ids(session, "intake", intake.id):
        if rid not in seen and rid in matcher.index:
            pool.append(rid)
            seen.add(rid)
    matches = matcher.score_pairs(record, pool) if pool else []
    if tail is not None:
        tail.add(m.score.raw_total for m in matches)
    matches.sort(key=lambda m: (-m.score.total_weight, m.report_id))
    return matches[:top]


def store_candidates(session: Session, intake: Intake, matches: Sequence[Match], source: str = "engine") -> int:
    """Replace the intake's *pending* candidates with `matches`; decided pairs stay exactly as they are."""
    existing = {c.report_id: c for c in session.execute(
        select(Candidate).where(Candidate.intake_id == intake.id)).scalars()}
    keep = set()
    now = utcnow()
    for rank, m in enumerate(matches, start=1):
        keep.add(m.report_id)
        cand = existing.get(m.report_id)
        comps = [c.to_dict() for c in m.score.components]
        if cand is None:
            session.add(Candidate(intake_id=intake.id, report_id=m.report_id, score=m.score.probability,
                                  total_weight=m.score.total_weight, rank=rank, components=comps, source=source,
                                  computed_at=now))
        elif cand.review_status == "pending":
            cand.score, cand.total_weight, cand.rank = m.score.probability, m.score.total_weight, rank
            cand.components, cand.computed_at = comps, now
    stale = [c.id for rid, c in existing.items() if rid not in keep and c.review_status == "pending"]
    if stale:
        session.execute(delete(Candidate).where(Candidate.id.in_(stale)))
    session.flush()
    return len(matches)


def refresh_intake(app, session: Session, intake: Intake, top: int = DEFAULT_TOP,
                   tail: ChanceTail | None = None) -> list[Match]:
    if intake.status == "已寻亲":
        return []
    matches = rank_intake(app, session, intake, top, tail)
    for attempt in range(3):
        try:
            with session.begin_nested():
                store_candidates(session, intake, matches)
            break
        except IntegrityError:          # another worker stored the same pair first: merge again
            if attempt == 2:
                raise
    return matches


def refresh_for_record(app, kind: str, record_id: int, top: int = DEFAULT_TOP) -> int:
    """Task body: an intake or report was created/edited; refresh the candidates it affects."""
    with app.extensions["db_sessionmaker"]() as session:
        if kind == "intake":
            intake = session.get(Intake, record_id)
            if intake is None:
                return 0
            refresh_intake(app, session, intake, top)
            session.commit()
            return 1
        if kind == "report":
            report = session.get(MissingReport, record_id)
            if report is None:
                return 0
            affected = intakes_affected_by_report(app, session, report)
            for intake in affected:
                refresh_intake(app, session, intake, top)
            session.commit()
            return len(affected)
    raise ValueError(f"unknown record kind {kind!r}")


def intakes_affected_by_report(app, session: Session, report: MissingReport) -> list[Intake]:
    """Intakes whose candidate list may change because this report was added, edited or closed."""
    matcher = engine_for(app, session)
    affected: dict[int, Intake] = {}
    for cand in session.execute(select(Candidate).where(Candidate.report_id == report.id)).scalars():
        affected[cand.intake_id] = cand.intake
    if report.status == OPEN_REPORT_STATUS:
        intakes = list(session.execute(select(Intake).where(Intake.status.in_(ACTIVE_INTAKE_STATUSES))).scalars())
        faces = _face_encodings(session, "intake", [i.id for i in intakes])
        records = {i.id: to_intake_record(i, faces.get(i.id)) for i in intakes}
        report_faces = _face_encodings(session, "report", [report.id]).get(report.id)
        for iid, _score in matcher.intakes_for_report(to_report_record(report, report_faces), records):
            affected.setdefault(iid, session.get(Intake, iid))
        for iid in _face_candidate_ids(session, "report", report.id):
            intake = session.get(Intake, iid)
            if intake is not None:
                affected.setdefault(iid, intake)
    return [i for i in affected.values() if i is not None]


def refresh_after_import(app, kind: str, ids: list[int], top: int = DEFAULT_TOP) -> int:
    """Task body after a bulk import: intakes are ranked one by one; many new reports re-rank every intake."""
    if kind == "intake":
        n = 0
        for iid in ids:
            n += refresh_for_record(app, "intake", iid, top)
        return n
    if len(ids) <= 20:
        return sum(refresh_for_record(app, "report", rid, top) for rid in ids)
    return match_all(app, top)


def match_all(app, top: int = DEFAULT_TOP, progress: Callable[[int], None] | None = None) -> int:
    """Recompute candidates for every intake still being traced, then measure how
    often this database's runners-up reach each score (matchers/chance.py) and,
    where that moves the chance shift, re-derive the stored probabilities with it."""
    with app.extensions["db_sessionmaker"]() as session:
        matcher = engine_for(app, session)
        used = matcher.chance
        ids = list(session.execute(select(Intake.id).where(Intake.status.in_(ACTIVE_INTAKE_STATUSES))
                                   .order_by(Intake.id)).scalars())
        tail = ChanceTail()
        odds: dict[tuple[int, int], float] = {}     # (intake, report) -> competing log2-odds
        with fewer_full_collections():      # a batch over a large heap (matchers/batch.py)
            for i, iid in enumerate(ids, start=1):
                intake = session.get(Intake, iid)
                for m in refresh_intake(app, session, intake, top, tail):
                    odds[(iid, m.report_id)] = m.score.log2_odds
                if i % 50 == 0:
                    session.commit()
                    session.expunge_all()
                if progress:
                    progress(1)
        session.commit()
        n_reports = len(matcher.index)
        shift = matcher.measured_shift(tail)
        save_chance(app, tail, shift, n_reports)
        matcher.chance = shift
        if bits_changed(used, shift):
            rescored = recalibrate_stored(session, matcher.model, odds, n_reports, shift)
            session.commit()
            log.info("chance shift %s: %d stored probabilities re-derived",
                     "none" if shift is None else " ".join(f"{b:.2f}" for b in shift.bits), rescored)
        return len(ids)


def recalibrate_stored(session: Session, model: MatchModel, odds: dict[tuple[int, int], float],
                       n_reports: int, shift: ChanceShift | None) -> int:
    """Re-derive the probabilities of pending candidates scored in this run (their
    competing log2-odds in `odds`) under a new chance shift; decided pairs stay as
    they are, though they still share the intake's one report with the others."""
    by_intake: dict[int, list[int]] = {}
    for iid, rid in odds:
        by_intake.setdefault(iid, []).append(rid)
    done = 0
    intake_ids = sorted(by_intake)
    for start in range(0, len(intake_ids), FETCH_CHUNK):
        chunk = intake_ids[start:start + FETCH_CHUNK]
        rows: dict[int, list[Candidate]] = {}
        for cand in session.execute(select(Candidate).where(Candidate.intake_id.in_(chunk))).scalars():
            if (cand.intake_id, cand.report_id) in odds:
                rows.setdefault(cand.intake_id, []).append(cand)
        for iid, cands in rows.items():
            cands.sort(key=lambda c: c.rank)
            scores = [stored_score(c, odds[(iid, c.report_id)]) for c in cands]
            for cand, new in zip(cands, model.recalibrate(scores, n_reports, shift)):
                if cand.review_status != "pending":
                    continue
                cand.score, cand.total_weight = new.probability, new.total_weight
                cand.components = [c.to_dict() for c in new.components]
                done += 1
        session.flush()
        session.expunge_all()
    return done


def stored_score(cand: Candidate, log2_odds: float) -> Score:
    """A stored candidate as the model's Score (what `recalibrate` needs of it)."""
    comps = [Component(str(c.get("comparison", "")), str(c.get("title", "")), int(c.get("level", 0)),
                       str(c.get("label", "")), float(c.get("weight", 0.0)), str(c.get("explanation", "")))
             for c in (cand.components or []) if isinstance(c, dict)]
    chance = -sum(c.weight for c in comps if c.comparison == CHANCE_COMPARISON)
    total = float(cand.total_weight or 0.0)
    return Score(float(cand.score or 0.0), total, comps, total - sum(c.weight for c in comps), log2_odds, chance)
