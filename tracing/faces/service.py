"""Faces inside the workbench: encode stored photos, keep the nearest-face index in step
with the database, and answer the questions the matcher and the face search ask.

The database is the truth; the in-memory FaceIndex (one per process and app, loaded
lazily from a snapshot under instance/faces-index) only proposes an order. Every answer
is checked against the face_encodings rows it names, so a face deleted by another
process is never reported, and new rows are picked up by a cheap catch-up query.

Functions for the matching layer (exact signatures):
    subject_encodings(session, kind, record_ids) -> dict[int, list[np.ndarray]]
    face_candidate_ids(session, kind, record_id, k=50) -> list[tuple[int, float]]
    face_candidate_ids_many(session, kind, record_ids, k=50) -> dict[int, list[tuple[int, float]]]
    nearest(session, encoding, k=50, kind=None) -> list[tuple[str, int, float, int]]
"""
from __future__ import annotations

import base64
import fcntl
import hashlib
import io
import logging
import math
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, NamedTuple

import numpy as np
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, object_session

from .. import audit, hooks
from ..db import session_scope
from ..models import FaceEncoding, Intake, MissingReport, Photo
from .codec import encoding_to_bytes, encodings_from_blobs
from .index import KINDS, FaceIndex, pack_owner

log = logging.getLogger(__name__)

INDEXED_KINDS = tuple(KINDS)                  # photo owners whose faces are searchable
OTHER_KIND = {"intake": "report", "report": "intake"}
SCAN_STATUS = {"ok": "ok", "no_face": "no_face", "unreadable": "error"}
SUBJECT_KEEP_IOU = 0.5                        # re-encoding keeps staff's pick if the box barely moved
MAX_QUERY_FACES = 8                           # faces of one uploaded photo that get searched
CHUNK = 500                                   # ids per IN (...) query
FACE_STATUS_LABELS = {"pending": "人脸处理中", "ok": "已检测到人脸", "no_face": "未检测到人脸", "error": "无法识别"}


# ============================================================================ encoding

def encode_photo(app, photo_id: int, *, force: bool = False) -> str:
    """Detect and encode the faces of one stored photo (the background task).

    A photo already encoded (ok / no_face) is left alone unless `force`: stored files
    never change (content-hash names), and a bulk `tracing faces encode` may have done
    it before the queued task ran. The slow part runs outside any transaction (a SQLite
    write lock must not be held for the ~0.2 s of detection). Returns the photo's face
    status, or "missing" when the photo was deleted meanwhile.
    """
    from .encoder import encode_image

    with session_scope(app) as session:
        photo = session.get(Photo, photo_id)
        if photo is None:
            log.info("photo %s is gone; nothing to encode", photo_id)
            return "missing"
        if not force and photo.face_status in ("ok", "no_face"):
            return photo.face_status
        path = Path(app.config["MEDIA_PATH"]) / photo.path
    scan = encode_image(path)
    return store_scan(app, photo_id, scan).status


@dataclass
class EncodeSummary:
    photos: int = 0
    faces: int = 0
    statuses: dict = field(default_factory=dict)       # ok / no_face / error / missing -> count
    owners: dict = field(default_factory=dict)         # kind -> sorted record ids re-scored

    def line(self) -> str:
        c = self.statuses
        return (f"{self.photos} photos: {c.get('ok', 0)} with faces ({self.faces} faces), "
                f"{c.get('no_face', 0)} without a detectable face, {c.get('error', 0)} unreadable"
                + (f", {c['missing']} deleted meanwhile" if c.get("missing") else ""))


def photos_to_encode(app, mode: str = "missing") -> list[tuple[int, str]]:
    """(photo id, media path) in id order: 'missing' = never encoded or failed; 'all' = every photo."""
    if mode not in ("missing", "all"):
        raise ValueError(f"mode must be 'missing' or 'all', not {mode!r}")
    with session_scope(app) as session:
        stmt = select(Photo.id, Photo.path).order_by(Photo.id)
        if mode == "missing":
            stmt = stmt.where(Photo.face_status.in_(("pending", "error")))
        return [(r.id, r.path) for r in session.execute(stmt)]


def encode_pending(app, *, mode: str = "missing", workers: int = 2, notify: bool = True,
                   todo: list[tuple[int, str]] | None = None, progress=None) -> EncodeSummary:
    """Encode photos now, in this process and `workers` encoder processes, committing per
    photo (an interrupted run resumes with mode='missing'). The CLI's bulk path, and what
    a command that must see faces right away (import, match --all) calls without a worker.

    notify: queue one candidate refresh per affected kind at the end (also after an
    interruption); pass False when the caller re-matches everything itself.
    progress: called with 1 after each photo (click's bar.update).
    """
    from .encoder import encode_many

    if todo is None:
        todo = photos_to_encode(app, mode)
    summary = EncodeSummary()
    if not todo:
        return summary
    media = Path(app.config["MEDIA_PATH"])
    owners: dict[str, set[int]] = defaultdict(set)
    scans = encode_many([media / path for _, path in todo], workers=workers)
    try:
        for (photo_id, _), scan in zip(todo, scans):
            stored = store_scan(app, photo_id, scan, notify=False)
            summary.photos += 1
            summary.faces += stored.faces if stored.status != "missing" else 0
            summary.statuses[stored.status] = summary.statuses.get(stored.status, 0) + 1
            if stored.owner_type in OTHER_KIND:
                owners[stored.owner_type].add(stored.owner_id)
            if progress is not None:
                progress(1)
    finally:
        scans.close()                     # stops the encoder processes, also on Ctrl+C
        summary.owners = {k: sorted(v) for k, v in owners.items()}
        if notify:
            from .. import tasks
            with _app_context(app):
                for kind, ids in summary.owners.items():
                    tasks.enqueue_records_imported(kind, ids)
    with _app_context(app), session_scope(app) as session:
        store = index_store(app)
        store.get(session)
        if len(summary.owners) and summary.photos >= 100:
            store.save()                  # a bulk run: the next process starts from here
    return summary


class StoredScan(NamedTuple):
    status: str            # ok / no_face / error / missing
    owner_type: str
    owner_id: int
    faces: int


def store_scan(app, photo_id: int, scan, *, notify: bool = True) -> StoredScan:
    """Write one FaceScan for a photo in its own transaction (commit per photo)."""
    with _app_context(app), session_scope(app) as session:
        photo = session.get(Photo, photo_id)
        if photo is None:
            return StoredScan("missing", "", 0, 0)
        apply_scan(session, photo, scan, notify=notify)
        return StoredScan(photo.face_status, photo.owner_type, photo.owner_id, len(scan.faces))


@contextmanager
def _app_context(app):
    """Jobs queued at commit (re-matching) must run against this app, not a default one."""
    from flask import current_app, has_app_context

    if has_app_context() and current_app._get_current_object() is app:
        yield
    else:
        with app.app_context():
            yield


def apply_scan(session: Session, photo: Photo, scan, *, notify: bool = True) -> list[FaceEncoding]:
    """Replace a photo's faces with those of `scan` and set its face status.

    Idempotent: re-running replaces the encodings. A subject picked by staff survives
    re-encoding when a new face sits where the old subject was; otherwise the largest
    face is the person. `notify` re-scores the owner record's candidates after commit.
    """
    from .encoder import largest_face_index

    old_subject = next(((f.box_top, f.box_right, f.box_bottom, f.box_left) for f in photo.faces if f.is_subject), None)
    photo.faces.clear()                     # delete-orphan: the old rows go (and leave the index after commit)
    session.flush()
    subject = largest_face_index(scan)
    if old_subject is not None and scan.faces:
        overlaps = [box_iou(f.box, old_subject) for f in scan.faces]
        best = int(np.argmax(overlaps))
        if overlaps[best] >= SUBJECT_KEEP_IOU:
            subject = best
    new = []
    for i, face in enumerate(scan.faces):
        top, right, bottom, left = (int(v) for v in face.box)
        row = FaceEncoding(face_index=i, box_top=top, box_right=right, box_bottom=bottom, box_left=left,
                           encoding=encoding_to_bytes(face.encoding), is_subject=(i == subject),
                           owner_type=photo.owner_type, owner_id=photo.owner_id, area=int(face.area),
                           score=float(face.score))
        photo.faces.append(row)
        new.append(row)
    photo.face_status = SCAN_STATUS[scan.status]
    photo.face_error = f"无法读取图片：{scan.error}" if scan.status == "unreadable" else ""
    session.flush()
    if notify and photo.owner_type in OTHER_KIND:
        hooks.record_changed(session, photo.owner_type, photo.owner_id)
    return new


def box_iou(a, b) -> float:
    """Overlap of two (top, right, bottom, left) boxes, 0..1."""
    t, r = max(a[0], b[0]), min(a[1], b[1])
    bt, l = min(a[2], b[2]), max(a[3], b[3])
    inter = max(0, r - l) * max(0, bt - t)
    area = lambda x: max(0, x[1] - x[3]) * max(0, x[2] - x[0])  # noqa: E731
    union = area(a) + area(b) - inter
    return inter / union if union > 0 else 0.0


def set_subject(session: Session, photo: Photo, face_id: int) -> tuple[int | None, int]:
    """Mark one face of a photo as the person (the others not). Returns (previous, new) face numbers."""
    chosen = next((f for f in photo.faces if f.id == face_id), None)
    if chosen is None:
        raise LookupError(f"face {face_id} is not on photo {photo.id}")
    previous = next((f.face_index for f in photo.faces if f.is_subject), None)
    for f in photo.faces:
        f.is_subject = f.id == face_id
    session.flush()
    return previous, chosen.face_index


# ============================================================================ reads for the matcher

class SubjectFace(NamedTuple):
    encoding_id: int
    photo_id: int
    encoding: np.ndarray
    taken_year: int | None


def subject_faces(session: Session, kind: str, record_ids: Iterable[int]) -> dict[int, list[SubjectFace]]:
    """The face that is the person on each photo of each record, ordered by photo id.

    Same order as subject_encodings(), so the matcher's face index i (e.g. the
    explanation's "intake_face") maps to subject_faces(...)[id][i].encoding_id.
    """
    out: dict[int, list[SubjectFace]] = {}
    ids = sorted({int(i) for i in record_ids})
    for chunk in _chunks(ids):
        rows = session.execute(
            select(FaceEncoding.owner_id, FaceEncoding.id, FaceEncoding.photo_id, FaceEncoding.encoding, Photo.taken_year)
            .join(Photo, Photo.id == FaceEncoding.photo_id)
            .where(FaceEncoding.owner_type == kind, FaceEncoding.owner_id.in_(chunk), FaceEncoding.is_subject.is_(True))
            .order_by(FaceEncoding.owner_id, FaceEncoding.photo_id, FaceEncoding.id)
        ).all()
        if not rows:
            continue
        vectors = encodings_from_blobs([r.encoding for r in rows])
        for r, v in zip(rows, vectors):
            out.setdefault(r.owner_id, []).append(SubjectFace(r.id, r.photo_id, v, r.taken_year))
    return out


def subject_encodings(session: Session, kind: str, record_ids: Iterable[int]) -> dict[int, list[np.ndarray]]:
    """Subject face encodings (float32[128]) per record, ordered by photo id; records without one are absent."""
    return {rid: [f.encoding for f in faces] for rid, faces in subject_faces(session, kind, record_ids).items()}


def _chunks(seq: list, size: int = CHUNK):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


# ============================================================================ the index

class IndexStore:
    """One process's FaceIndex for one database, kept in step with face_encodings.

    - first use: load the snapshot (memory-mapped) and reconcile it with every id in
      the database, or build from the database when there is none;
    - every use: catch up on rows in a window below the newest key (ids committed out
      of order by concurrent writers land there) and above it;
    - deletions: rows deleted in this process leave at commit (ORM events below);
      rows deleted elsewhere are dropped when a search meets them (see nearest()).
    """

    CATCH_UP_WINDOW = 1000          # ids below the newest key that are re-checked each time
    SAVE_MIN_CHANGES = 5000         # snapshot again after this many (or 10 %) changed rows

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self._index: FaceIndex | None = None
        self._lock = threading.RLock()
        self._unsaved = 0
        self.source = ""            # "snapshot" or "database": where the index came from

    @property
    def loaded(self) -> bool:
        return self._index is not None

    def get(self, session: Session) -> FaceIndex:
        with self._lock:
            if self._index is None:
                self._index = self._load(session)
            else:
                self._catch_up(session, self._index)
            if self._unsaved >= max(self.SAVE_MIN_CHANGES, len(self._index) // 10):
                self.save()
            return self._index

    def forget(self, keys: Iterable[int]) -> int:
        keys = list(keys)
        with self._lock:
            if self._index is None or not keys:
                return 0
            n = self._index.remove(keys)
            self._unsaved += n
            return n

    def save(self) -> None:
        """Write a snapshot (one writer at a time across processes)."""
        with self._lock:
            if self._index is None:
                return
            self.directory.mkdir(parents=True, exist_ok=True)
            with open(self.directory / ".lock", "w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    self._index.save(self.directory)
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
            self._unsaved = 0

    # ------------------------------------------------------------------ internals

    def _load(self, session: Session) -> FaceIndex:
        if (self.directory / "meta.json").exists():
            try:
                idx = FaceIndex.load(self.directory)
            except (OSError, ValueError) as exc:
                log.warning("face index snapshot in %s unusable (%s); rebuilding from the database",
                            self.directory, exc)
            else:
                self.source = "snapshot"
                self._reconcile(session, idx)
                return idx
        self.source = "database"
        total = session.execute(select(func.count(FaceEncoding.id))
                                .where(FaceEncoding.owner_type.in_(INDEXED_KINDS))).scalar_one()
        idx = FaceIndex(capacity=max(16, total))
        last = 0
        while True:      # keyset pages over the primary key: bounded memory for a million rows
            rows = session.execute(
                select(FaceEncoding.id, FaceEncoding.owner_type, FaceEncoding.owner_id, FaceEncoding.encoding)
                .where(FaceEncoding.id > last).order_by(FaceEncoding.id).limit(20000)).all()
            if not rows:
                break
            self._add_rows(idx, [r for r in rows if r.owner_type in KINDS], check=False)
            last = rows[-1].id
        self._unsaved = len(idx)
        return idx

    def _reconcile(self, session: Session, idx: FaceIndex) -> None:
        db_ids = np.fromiter(session.execute(select(FaceEncoding.id)
                                             .where(FaceEncoding.owner_type.in_(INDEXED_KINDS))).scalars(),
                             dtype=np.int64)
        keys = idx.keys
        stale = np.setdiff1d(keys, db_ids, assume_unique=True)
        missing = np.setdiff1d(db_ids, keys, assume_unique=True)
        if stale.size:
            idx.remove(stale)
        self._fetch_and_add(session, idx, missing.tolist())
        self._unsaved += int(stale.size + missing.size)

    def _catch_up(self, session: Session, idx: FaceIndex) -> None:
        top = idx.max_key()
        low = 0 if top is None else max(0, top - self.CATCH_UP_WINDOW)
        known = idx.keys_above(low)
        # Cheap probe first (a primary-key range only: filtering on owner_type here lets the
        # planner pick the owner index and scan every row): same count and same newest id
        # above `low` means nothing changed.
        count, newest = session.execute(
            select(func.count(FaceEncoding.id), func.max(FaceEncoding.id)).where(FaceEncoding.id > low)).one()
        if count == known.size and (newest or 0) == (int(known.max()) if known.size else 0):
            return
        db_ids = {r.id for r in session.execute(select(FaceEncoding.id, FaceEncoding.owner_type)
                                                .where(FaceEncoding.id > low)) if r.owner_type in KINDS}
        known_set = set(known.tolist())
        stale = known_set - db_ids
        if stale:
            idx.remove(list(stale))
        missing = sorted(db_ids - known_set)
        self._fetch_and_add(session, idx, missing)
        self._unsaved += len(stale) + len(missing)

    def _fetch_and_add(self, session: Session, idx: FaceIndex, ids: list[int]) -> None:
        for chunk in _chunks(ids, 5000):
            rows = session.execute(
                select(FaceEncoding.id, FaceEncoding.owner_type, FaceEncoding.owner_id, FaceEncoding.encoding)
                .where(FaceEncoding.id.in_(chunk))).all()
            self._add_rows(idx, [r for r in rows if r.owner_type in KINDS], check=True)

    @staticmethod
    def _add_rows(idx: FaceIndex, rows, check: bool) -> None:
        if not rows:
            return
        keys = np.array([r.id for r in rows], dtype=np.int64)
        owners = np.array([pack_owner(r.owner_type, r.owner_id) for r in rows], dtype=np.int64)
        vectors = encodings_from_blobs([r.encoding for r in rows])
        if check:
            idx.update(keys, owners, vectors)
        else:
            idx.add(keys, owners, vectors, check_existing=False)


_stores_lock = threading.Lock()


def index_store(app=None) -> IndexStore:
    """This process's index for the app (its snapshot lives in FACE_INDEX_PATH or instance/faces-index)."""
    if app is None:
        from flask import current_app, has_app_context
        if not has_app_context():
            raise RuntimeError("the face index needs the Flask app: call inside an app context or pass app=")
        app = current_app._get_current_object()
    store = app.extensions.get("face_index_store")
    if store is None:
        with _stores_lock:
            store = app.extensions.get("face_index_store")
            if store is None:
                folder = app.config.get("FACE_INDEX_PATH") or Path(app.instance_path) / "faces-index"
                store = app.extensions["face_index_store"] = IndexStore(Path(folder))
    return store


# Rows deleted through the ORM (photo deleted, photo re-encoded) leave this process's index at commit.
_FORGET_KEY = "tracing_faces_forget"


def _queue_forget(session: Session | None, ids: list[int]) -> None:
    if session is None or not ids:
        return
    pending = session.info.get(_FORGET_KEY)
    if pending is None:
        pending = session.info[_FORGET_KEY] = set()
        try:
            store = index_store()
        except RuntimeError:             # no app context (a script): searches verify against the DB anyway
            store = None

        def job():
            gone = session.info.pop(_FORGET_KEY, set())
            if store is not None and store.loaded:
                store.forget(gone)
        hooks.after_commit(session, job)
    pending.update(ids)


@event.listens_for(FaceEncoding, "after_delete")
def _face_deleted(mapper, connection, target):
    _queue_forget(object_session(target), [target.id])


@event.listens_for(Photo, "before_delete")
def _photo_deleted(mapper, connection, target):
    # The database cascade removes faces the session never loaded: note their ids first.
    ids = list(connection.execute(select(FaceEncoding.id).where(FaceEncoding.photo_id == target.id)).scalars())
    _queue_forget(object_session(target), ids)


@event.listens_for(Session, "after_rollback")
def _drop_forget(session):
    session.info.pop(_FORGET_KEY, None)


# ============================================================================ queries

class FaceRow(NamedTuple):
    id: int
    owner_type: str
    owner_id: int
    is_subject: bool
    photo_id: int


def _face_rows(session: Session, ids: list[int]) -> dict[int, FaceRow]:
    out = {}
    for chunk in _chunks(ids):
        for r in session.execute(select(FaceEncoding.id, FaceEncoding.owner_type, FaceEncoding.owner_id,
                                        FaceEncoding.is_subject, FaceEncoding.photo_id)
                                 .where(FaceEncoding.id.in_(chunk))):
            out[r.id] = FaceRow(r.id, r.owner_type, r.owner_id, bool(r.is_subject), r.photo_id)
    return out


def nearest(session: Session, encoding, k: int = 50, kind: str | None = None, *,
            subject_only: bool = False, app=None) -> list[tuple[str, int, float, int]]:
    """The k records whose faces are nearest to `encoding`, nearest first:
    [(kind, record_id, distance, encoding_id)], each record once (at its nearest face).

    kind: "intake", "report" or "tip" only. subject_only: ignore the other faces
    of group photos (the matcher wants the person, the face search wants any face).
    """
    return nearest_many(session, [encoding], k, kind, subject_only=subject_only, app=app)[0]


def nearest_many(session: Session, encodings, k: int = 50, kind: str | None = None, *,
                 subject_only: bool = False, app=None) -> list[list[tuple[str, int, float, int]]]:
    """nearest() for many query encodings: one matrix product and one DB check per round."""
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown face owner kind {kind!r}; expected one of {sorted(KINDS)}")
    q = np.asarray(encodings, dtype=np.float32).reshape(-1, 128) if len(encodings) else np.empty((0, 128), np.float32)
    results: list[list] = [[] for _ in range(len(q))]
    if not len(q):
        return results
    store = index_store(app)
    idx = store.get(session)
    todo = list(range(len(q)))
    m = max(4 * k, 64)
    while todo:
        hits = idx.search_many(q[todo], m, kind=kind, per_owner=False)
        rows = _face_rows(session, sorted({h.key for hs in hits for h in hs}))
        gone = {h.key for hs in hits for h in hs if h.key not in rows}
        if gone:
            store.forget(gone)
        again = []
        for qi, hs in zip(todo, hits):
            out, seen = [], set()
            for h in hs:
                r = rows.get(h.key)
                if r is None or (subject_only and not r.is_subject):
                    continue
                owner = (r.owner_type, r.owner_id)
                if owner in seen:
                    continue
                seen.add(owner)
                out.append((r.owner_type, r.owner_id, h.distance, h.key))
                if len(out) == k:
                    break
            results[qi] = out
            if len(out) < k and len(hs) == m and m < len(idx):
                again.append(qi)       # many rows were repeats, other faces or deleted: look further
        todo = again
        m *= 4
    return results


def face_candidate_ids(session: Session, kind: str, record_id: int, k: int = 50, *,
                       max_distance: float | None = None) -> list[tuple[int, float]]:
    """Records of the other kind whose person's face is nearest to this record's person:
    [(other_record_id, distance)], nearest first, at most k. Empty without a subject face.

    An intake gets reports, a report gets intakes. Both sides use subject faces only.
    No distance cut by default (the matcher scores them); pass max_distance to cut.
    """
    return face_candidate_ids_many(session, kind, [record_id], k, max_distance=max_distance).get(record_id, [])


def face_candidate_ids_many(session: Session, kind: str, record_ids: Iterable[int], k: int = 50, *,
                            max_distance: float | None = None) -> dict[int, list[tuple[int, float]]]:
    """face_candidate_ids() for many records at once (one index pass per 256 faces)."""
    if kind not in OTHER_KIND:
        raise ValueError(f"face candidates are for 'intake' or 'report', not {kind!r}")
    other = OTHER_KIND[kind]
    faces = subject_encodings(session, kind, record_ids)
    flat = [(rid, enc) for rid, encs in faces.items() for enc in encs]
    best: dict[int, dict[int, float]] = defaultdict(dict)
    for start in range(0, len(flat), 256):
        part = flat[start:start + 256]
        answers = nearest_many(session, [e for _, e in part], k, other, subject_only=True)
        for (rid, _), hits in zip(part, answers):
            mine = best[rid]
            for _, oid, d, _ in hits:
                if max_distance is not None and d > max_distance:
                    break
                if d < mine.get(oid, math.inf):
                    mine[oid] = d
    return {rid: sorted(c.items(), key=lambda t: (t[1], t[0]))[:k] for rid, c in best.items()}


# ============================================================================ face search

def verdict(distance: float) -> tuple[int, str]:
    """Level (5 strongest .. 1) and zh-CN word for a face distance, as the matcher grades it."""
    from matchers.compare_face import face_level

    level, _ = face_level(distance)
    return level, {5: "高度相似", 4: "相似", 3: "略有相似", 2: "不太像", 1: "明显不同"}[level]


@dataclass
class FaceMatch:
    kind: str
    record_id: int
    ref: str
    name: str
    distance: float
    encoding_id: int
    photo_id: int
    thumb_path: str
    is_subject: bool
    level: int
    verdict: str


@dataclass
class QueryFace:
    number: int                    # 1-based, left to right (as on the record page)
    box: tuple[int, int, int, int]
    area: int
    largest: bool
    intakes: list[FaceMatch] = field(default_factory=list)
    reports: list[FaceMatch] = field(default_factory=list)
    crop_data_uri: str = ""

    @property
    def matches(self) -> list[FaceMatch]:
        return sorted(self.intakes + self.reports, key=lambda m: (m.distance, m.kind, m.ref))


@dataclass
class FaceSearchResult:
    status: str                    # ok / no_face / unreadable (encoder's words)
    error: str
    width: int
    height: int
    sha256: str
    top: int
    faces: list[QueryFace] = field(default_factory=list)
    faces_total: int = 0           # detected; only the MAX_QUERY_FACES largest are searched
    seconds: float = 0.0
    preview_data_uri: str = ""

    @property
    def message(self) -> str:
        if self.status == "ok":
            extra = f"（搜索了最大的 {len(self.faces)} 张）" if self.faces_total > len(self.faces) else ""
            return f"检测到 {self.faces_total} 张人脸{extra}"
        if self.status == "no_face":
            return "未检测到人脸：请换一张正脸清晰、光线充足的照片"
        return f"无法读取图片：{self.error}"

    def audit_details(self) -> dict:
        return {"sha256": self.sha256, "status": self.status, "faces": self.faces_total, "top": self.top,
                "results": [{"face": f.number,
                             "matches": [[m.kind, m.ref, round(m.distance, 3)] for m in f.matches]}
                            for f in self.faces]}


def search_photo(session: Session, data: bytes, top: int = 10, *, previews: bool = False,
                 app=None) -> FaceSearchResult:
    """Encode an uploaded photo (kept only in memory) and find the nearest intakes and
    reports for each of its faces. `previews` adds small data: URIs of the photo and
    each face for the results page (nothing is written to disk)."""
    from .encoder import encode_image

    if not 1 <= top <= 200:
        raise ValueError(f"top must be 1..200, got {top}")
    t0 = time.perf_counter()
    scan = encode_image(data)
    result = FaceSearchResult(scan.status, scan.error, scan.width, scan.height,
                              hashlib.sha256(data).hexdigest(), top, faces_total=len(scan.faces))
    if scan.faces:
        largest = max(range(len(scan.faces)), key=lambda i: scan.faces[i].area)
        keep = sorted(sorted(range(len(scan.faces)), key=lambda i: -scan.faces[i].area)[:MAX_QUERY_FACES])
        encs = [scan.faces[i].encoding for i in keep]
        by_kind = {kind: nearest_many(session, encs, top, kind, app=app) for kind in ("intake", "report")}
        details = _match_details(session, [h for hs in by_kind.values() for hits in hs for h in hits])
        for j, i in enumerate(keep):
            f = scan.faces[i]
            qf = QueryFace(i + 1, tuple(int(v) for v in f.box), int(f.area), i == largest)
            for kind, target in (("intake", qf.intakes), ("report", qf.reports)):
                for _, rid, dist, enc_id in by_kind[kind][j]:
                    d = details.get((kind, rid, enc_id))
                    if d is None:            # record gone since: skip
                        continue
                    level, word = verdict(dist)
                    target.append(FaceMatch(kind, rid, d[0], d[1], dist, enc_id, d[2], d[3], d[4], level, word))
            result.faces.append(qf)
    if previews and scan.status != "unreadable":
        _add_previews(data, result)
    result.seconds = time.perf_counter() - t0
    return result


def _match_details(session: Session, hits) -> dict:
    """(kind, record_id, encoding_id) -> (ref, name, photo_id, thumb_path, is_subject)."""
    recs: dict[tuple[str, int], tuple[str, str]] = {}
    for kind, model, name_col in (("intake", Intake, Intake.name_heard), ("report", MissingReport, MissingReport.name)):
        ids = sorted({h[1] for h in hits if h[0] == kind})
        for chunk in _chunks(ids):
            for rid, ref, name in session.execute(select(model.id, model.ref, name_col).where(model.id.in_(chunk))):
                recs[(kind, rid)] = (ref, name or ("无法表述" if kind == "intake" else ""))
    faces = {}
    for chunk in _chunks(sorted({h[3] for h in hits})):
        for r in session.execute(select(FaceEncoding.id, FaceEncoding.photo_id, FaceEncoding.is_subject,
                                        Photo.thumb_path).join(Photo, Photo.id == FaceEncoding.photo_id)
                                 .where(FaceEncoding.id.in_(chunk))):
            faces[r.id] = (r.photo_id, r.thumb_path, bool(r.is_subject))
    out = {}
    for kind, rid, _, enc_id in hits:
        if (kind, rid) in recs and enc_id in faces:
            out[(kind, rid, enc_id)] = recs[(kind, rid)] + faces[enc_id]
    return out


def _add_previews(data: bytes, result: FaceSearchResult) -> None:
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as im:
            im = ImageOps.exif_transpose(im).convert("RGB")
            for qf in result.faces:
                qf.crop_data_uri = _data_uri(crop_face(im, qf.box), 120)
            im.thumbnail((480, 480))
            result.preview_data_uri = _data_uri(im, 480)
    except Exception as exc:      # a preview is a nicety; the search result stands without it
        log.warning("face search preview failed: %s", exc)


def crop_face(im, box, margin: float = 0.35):
    """The face box of a PIL image with some margin, as a new image."""
    top, right, bottom, left = box
    m = int(margin * max(right - left, bottom - top))
    return im.crop((max(0, left - m), max(0, top - m), min(im.width, right + m), min(im.height, bottom + m)))


def _data_uri(im, side: int) -> str:
    im = im.copy()
    im.thumbnail((side, side))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def record_search(session: Session, result: FaceSearchResult, *, actor, ip: str = "", source: str = "") -> None:
    """Every face search is an audit event: who searched, what came back (refs and distances)."""
    details = result.audit_details()
    if source:
        details["source"] = source
    audit.record(session, "face.search", actor=actor, object_type="face_search", object_ref=result.sha256[:16],
                 ip=ip, details=details)
