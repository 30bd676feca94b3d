"""Candidate generation at 1M reports: an inverted index of blocking keys plus
compact numeric columns, so one intake is scored against a few hundred
reports instead of all of them.

- Keys: phonetic / dialect-normalised name keys and region keys (from
  `keys.py`) and mark keys (from `compare_marks`). Each report is posted under
  its keys; an intake's keys pull the reports sharing any of them, each shared
  key adding its rarity, log2(N / df) bits — the same unit as the model's
  weights, so a shared rare surname counts more than a shared province.
- Columns: sex, birth year, adult height and missing date as numpy arrays, so
  the pre-rank can add the model's own sex/age/height/timeline weights for all
  pulled reports at once. An intake with no usable key (no name, no accent, no
  place) is pre-ranked on these columns over every report (a numpy scan).

Storage is CSR (offsets + int32 postings): ~8 bytes per (report, key) for the
forward and inverted lists together. Adds, updates and removals are
incremental (pending lists and tombstones, compacted in bulk); the index
saves to one .npz file and loads back.
"""
from __future__ import annotations

import json
import math
import os
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from . import name_frequency
from .batch import fewer_full_collections
from .compare_age import age_levels_vectorised
from .compare_height import MAX_CM, height_cm, height_levels_vectorised, height_spread, report_height_cm
from .compare_marks import mark_keys, parse_marks
from .compare_phone import intake_phones, phone_keys, phones_in
from .compare_sex import sex_code
from .compare_timeline import (SLACK_DAYS, TIMELINE_LEVELS, earliest_missing_date, mark_grown_up,
                               timeline_levels_vectorised)
from .records import IntakeRecord, ReportRecord

INDEX_FORMAT = 1
COMPACT_PENDING = 200_000     # pending postings before the lists are rebuilt in bulk
# the domains of the small-integer columns (report_columns): 0 is unknown
_BIRTH_YEARS = np.arange(2101, dtype=np.int32)
_HEIGHTS = np.arange(int(round(MAX_CM)) + 2, dtype=np.int16)
# days from missing to found over which the timeline level can still change
_TIMELINE_DAYS = np.arange(-(SLACK_DAYS + 2), int(math.ceil(max(
    lim for _l, _n, lim in TIMELINE_LEVELS if math.isfinite(lim)) * 365.25)) + 3)


def _keys_version() -> str:
    """Changes when the key functions change, so a stale saved index is rebuilt."""
    from . import keys as name_keys
    from .compare_marks import MARKS_KEYS_VERSION

    return f"idx{INDEX_FORMAT}/keys{getattr(name_keys, 'KEYS_VERSION', '0')}/marks{MARKS_KEYS_VERSION}"


def report_blocking_keys(report: ReportRecord) -> list[str]:
    from .keys import report_name_keys, report_region_keys

    out = set(report_name_keys(report))
    out.update(report_region_keys(report))
    out.update(mark_keys(parse_marks(report.features)))
    out.update(phone_keys(phones_in(report.contact_phone)))
    # sorted: some key functions collect sets, whose order follows the process's hash seed;
    # a build split over processes must number keys the same way as a one-process build
    return sorted(out)


def intake_blocking_keys(intake: IntakeRecord) -> list[str]:
    from .keys import intake_name_keys, intake_region_keys

    out = list(intake_name_keys(intake))
    out += intake_region_keys(intake)
    out += mark_keys(parse_marks(intake.features))
    out += phone_keys(intake_phones(intake))
    return list(dict.fromkeys(out))


def report_columns(report: ReportRecord) -> tuple[int, int, int, int]:
    """(sex code, birth year or 0, adult height cm or 0, earliest missing date ordinal or 0)."""
    by = report.birth_year if isinstance(report.birth_year, int) and 1880 <= report.birth_year <= 2100 else 0
    h = report_height_cm(report)
    md = earliest_missing_date(report)
    return (sex_code(report.sex), by, int(round(h)) if h else 0,
            md.toordinal() if isinstance(md, date) else 0)


@dataclass
class IndexPart:
    """Keys and columns of a run of reports, with its own key numbering: computing keys is
    95% of a bulk build and each report's are independent, so parts can come from several
    processes and be merged (`CandidateIndex.from_parts`)."""

    ids: np.ndarray          # int64, caller ids in row order
    columns: np.ndarray      # int64 (n, 4): report_columns
    vocab: list[str]         # local key id -> key, in first-seen order
    keys: np.ndarray         # int32 local key ids, report after report
    lengths: np.ndarray      # int64 number of keys per report


def index_part(rows: Iterable[tuple[int, ReportRecord]],
               report_keys: Callable[[ReportRecord], Iterable[str]] = report_blocking_keys) -> IndexPart:
    ids: list[int] = []
    cols: list[tuple[int, int, int, int]] = []
    key_chunks: list[np.ndarray] = []
    lengths: list[int] = []
    buf: list[int] = []
    vocab: dict[str, int] = {}
    for rid, report in rows:
        ids.append(int(rid))
        cols.append(report_columns(report))
        kids = [vocab.setdefault(k, len(vocab)) for k in report_keys(report)]
        buf.extend(kids)
        lengths.append(len(kids))
        if len(buf) > 1_000_000:
            key_chunks.append(np.array(buf, dtype=np.int32))
            buf = []
    key_chunks.append(np.array(buf, dtype=np.int32))
    return IndexPart(ids=np.array(ids, dtype=np.int64),
                     columns=np.array(cols, dtype=np.int64).reshape(len(ids), 4),
                     vocab=list(vocab), keys=np.concatenate(key_chunks),
                     lengths=np.array(lengths, dtype=np.int64))


class CandidateIndex:
    """Inverted index + columns over reports, keyed by the caller's integer ids."""

    def __init__(self,
                 report_keys: Callable[[ReportRecord], Iterable[str]] = report_blocking_keys,
                 intake_keys: Callable[[IntakeRecord], Iterable[str]] = intake_blocking_keys):
        self.report_keys = report_keys
        self.intake_keys = intake_keys
        self.vocab: dict[str, int] = {}
        self.df = np.zeros(0, dtype=np.int32)
        self.ids = np.zeros(0, dtype=np.int64)          # slot -> caller id
        self.alive = np.zeros(0, dtype=bool)
        self.sex = np.zeros(0, dtype=np.int8)
        self.birth_year = np.zeros(0, dtype=np.int16)
        self.height = np.zeros(0, dtype=np.int16)
        self.missing_ord = np.zeros(0, dtype=np.int32)
        self.fwd_off = np.zeros(1, dtype=np.int64)       # slot -> its keys (CSR)
        self.fwd_keys = np.zeros(0, dtype=np.int32)
        self.inv_off = np.zeros(1, dtype=np.int64)       # key -> slots (CSR)
        self.inv_slots = np.zeros(0, dtype=np.int32)
        self.slot_of: dict[int, int] = {}
        self._pending_fwd: dict[int, np.ndarray] = {}     # slots added since the last compaction
        self._pending_inv: dict[int, list[int]] = {}
        self._pending_count = 0
        self.n_alive = 0
        self.n_slots = 0
        self.keys_version = _safe_keys_version()
        # one writer or reader at a time: a web worker may query while a
        # background task adds reports
        self._lock = threading.RLock()
        self._mutations = 0            # bumped by every add/remove: invalidates histograms
        self._histograms: dict[tuple, tuple[int, Any]] = {}
        self._kind_ids: dict[str, tuple[int, np.ndarray]] = {}    # key kind -> (vocab size, key ids)

    # ------------------------------------------------------------------ building

    @classmethod
    def build(cls, rows: Iterable[tuple[int, ReportRecord]], **kwargs) -> "CandidateIndex":
        """Bulk build from (id, report) rows (streamed; ~15 keys per report kept)."""
        idx = cls(**kwargs)
        with fewer_full_collections():      # a batch: see batch.py
            return idx._merge_parts([index_part(rows, idx.report_keys)])

    @classmethod
    def from_parts(cls, parts: Iterable["IndexPart"], **kwargs) -> "CandidateIndex":
        """Bulk build from parts computed elsewhere (e.g. one per process over id ranges).

        Parts are taken in the order given; with parts in id order the result is the same,
        array for array, as `build` over all rows in that order."""
        return cls(**kwargs)._merge_parts(parts)

    def _merge_parts(self, parts: Iterable["IndexPart"]) -> "CandidateIndex":
        vocab = self.vocab
        ids, cols, keys, lengths = [], [], [], []
        for part in parts:
            for rid in part.ids.tolist():
                if rid in self.slot_of:
                    raise ValueError(f"duplicate report id {rid} in index build")
                self.slot_of[rid] = len(self.slot_of)
            remap = np.array([vocab.setdefault(k, len(vocab)) for k in part.vocab], dtype=np.int32)
            ids.append(part.ids)
            cols.append(part.columns)
            keys.append(remap[part.keys] if len(part.keys) else part.keys)
            lengths.append(part.lengths)
        n = len(self.slot_of)
        self.ids = np.concatenate(ids).astype(np.int64) if ids else np.zeros(0, dtype=np.int64)
        col = np.concatenate(cols).reshape(n, 4) if cols else np.zeros((0, 4), dtype=np.int64)
        self.sex = col[:, 0].astype(np.int8)
        self.birth_year = col[:, 1].astype(np.int16)
        self.height = col[:, 2].astype(np.int16)
        self.missing_ord = col[:, 3].astype(np.int32)
        self.alive = np.ones(n, dtype=bool)
        self.n_alive = self.n_slots = n
        self.fwd_keys = np.concatenate(keys).astype(np.int32) if keys else np.zeros(0, dtype=np.int32)
        self.fwd_off = np.zeros(n + 1, dtype=np.int64)
        if lengths:
            np.cumsum(np.concatenate(lengths).astype(np.int64), out=self.fwd_off[1:])
        self._rebuild_inverted()
        return self

    def _rebuild_inverted(self) -> None:
        n_keys = len(self.vocab)
        lengths = np.diff(self.fwd_off)
        slots = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        keys = self.fwd_keys
        live = self.alive[:len(lengths)][slots] if len(slots) else np.zeros(0, dtype=bool)
        keys, slots = keys[live], slots[live]
        order = np.argsort(keys, kind="stable")
        self.inv_slots = slots[order].astype(np.int32)
        counts = np.bincount(keys, minlength=n_keys).astype(np.int64)
        self.inv_off = np.zeros(n_keys + 1, dtype=np.int64)
        np.cumsum(counts, out=self.inv_off[1:])
        self.df = counts.astype(np.int32)

    # ------------------------------------------------------------------ incremental

    def __len__(self) -> int:
        return self.n_alive

    def __contains__(self, report_id: int) -> bool:
        return int(report_id) in self.slot_of

    def _add_unlocked(self, report_id: int, report: ReportRecord) -> None:
        """Add one report (or replace it if the id is already indexed)."""
        rid = int(report_id)
        if rid in self.slot_of:
            self._remove_unlocked(rid)
        slot = self.n_slots
        kids = np.array([self.vocab.setdefault(k, len(self.vocab)) for k in self.report_keys(report)],
                        dtype=np.int32)
        if len(self.vocab) > len(self.df):
            grow = max(len(self.vocab) - len(self.df), 1024)
            self.df = np.concatenate([self.df, np.zeros(grow, dtype=np.int32)])
        sx, by, h, mo = report_columns(report)
        self._ensure_capacity(slot + 1)
        self.ids[slot], self.alive[slot], self.sex[slot] = rid, True, sx
        self.birth_year[slot], self.height[slot], self.missing_ord[slot] = by, h, mo
        self.n_slots = slot + 1
        self.slot_of[rid] = slot
        self._pending_fwd[slot] = kids
        for k in kids.tolist():
            self._pending_inv.setdefault(k, []).append(slot)
        self.df[kids] += 1
        self.n_alive += 1
        self._mutations += 1
        self._pending_count += len(kids)
        if self._pending_count > COMPACT_PENDING:
            self._compact_unlocked()

    _COLUMNS = ("ids", "alive", "sex", "birth_year", "height", "missing_ord")

    def _ensure_capacity(self, n: int) -> None:
        """Grow the column arrays geometrically so one-by-one adds stay O(1)."""
        cap = len(self.ids)
        if n <= cap:
            return
        new_cap = max(n, int(cap * 1.25) + 1024)
        for name in self._COLUMNS:
            old = getattr(self, name)
            new = np.zeros(new_cap, dtype=old.dtype)
            new[:cap] = old
            setattr(self, name, new)

    def update(self, report_id: int, report: ReportRecord) -> None:
        """A report was edited: same as add (its old keys are dropped)."""
        self.add(report_id, report)

    def _remove_unlocked(self, report_id: int) -> bool:
        """Forget a report; False if it was not indexed."""
        slot = self.slot_of.pop(int(report_id), None)
        if slot is None:
            return False
        self.alive[slot] = False
        self.df[self._slot_keys(slot)] -= 1
        self.n_alive -= 1
        self._mutations += 1
        return True

    def _slot_keys(self, slot: int) -> np.ndarray:
        if slot in self._pending_fwd:
            return self._pending_fwd[slot]
        return self.fwd_keys[self.fwd_off[slot]:self.fwd_off[slot + 1]]

    def _compact_unlocked(self) -> None:
        """Fold pending additions into the CSR arrays and drop removed reports."""
        n_old = len(self.fwd_off) - 1
        lengths = list(np.diff(self.fwd_off))
        chunks = [self.fwd_keys]
        for slot in range(n_old, self.n_slots):
            kids = self._pending_fwd.get(slot, np.zeros(0, dtype=np.int32))
            chunks.append(kids)
            lengths.append(len(kids))
        all_keys = np.concatenate(chunks).astype(np.int32)
        lengths_a = np.array(lengths, dtype=np.int64)
        keep = self.alive[:self.n_slots]
        slot_of_key = np.repeat(keep, lengths_a)
        self.fwd_keys = all_keys[slot_of_key]
        self.fwd_off = np.zeros(int(keep.sum()) + 1, dtype=np.int64)
        np.cumsum(lengths_a[keep], out=self.fwd_off[1:])
        for name in ("ids", "sex", "birth_year", "height", "missing_ord"):
            setattr(self, name, getattr(self, name)[:self.n_slots][keep])
        self.alive = np.ones(len(self.ids), dtype=bool)
        self.n_slots = len(self.ids)
        self.slot_of = {int(r): i for i, r in enumerate(self.ids.tolist())}
        self._pending_fwd.clear()
        self._pending_inv.clear()
        self._pending_count = 0
        self.n_alive = len(self.ids)
        self._rebuild_inverted()

    # ------------------------------------------------------------------ querying

    def key_postings(self, key_id: int) -> np.ndarray:
        main = self.inv_slots[self.inv_off[key_id]:self.inv_off[key_id + 1]] \
            if key_id < len(self.inv_off) - 1 else np.zeros(0, dtype=np.int32)
        extra = self._pending_inv.get(key_id)
        if extra:
            return np.concatenate([main, np.array(extra, dtype=np.int32)])
        return main

    def intake_key_rarities(self, keys: Sequence[str], groups: Sequence[Sequence[str]] = ()
                            ) -> dict[int, tuple[str, float]]:
        """key id -> (key, log2(N/df)) for the intake's keys that some report has.

        groups: keys that one ambiguous clue named together (keys.intake_region_key_groups);
        a key in groups gets the rarity of its least ambiguous group, log2(N / sum of
        the group's df), instead of its own.
        """
        out = {}
        with self._lock:
            for key in keys:
                kid = self.vocab.get(key)
                if kid is not None and self.df[kid] > 0:
                    out[kid] = (key, math.log2(self.n_alive / self.df[kid]))
            grouped: dict[int, float] = {}
            for group in groups:
                kids = [k for k in (self.vocab.get(key) for key in group) if k is not None and self.df[k] > 0]
                if not kids:
                    continue
                r = math.log2(self.n_alive / sum(int(self.df[k]) for k in kids))
                for k in kids:
                    grouped[k] = max(grouped.get(k, r), r)
            for kid, r in grouped.items():
                if kid in out:
                    out[kid] = (out[kid][0], r)
        return out

    def column_histogram(self, column: str, sex: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(distinct values, report counts) of one column ("birth_year",
        "missing_ord", "sex", "height"; 0 = unknown) over the live reports,
        or over those of one sex code (1, 2); recomputed only after the index
        changed."""
        if column not in self._COLUMNS[2:]:
            raise ValueError(f"no column {column!r} in the index")
        with self._lock:
            hit = self._histograms.get((column, sex))
            if hit is not None and hit[0] == self._mutations:
                return hit[1]
            n = self.n_slots
            live = self.alive[:n]
            if sex is not None:
                live = live & (self.sex[:n] == sex)
            values = getattr(self, column)[:n][live]
            hist = np.unique(values, return_counts=True)
            self._histograms[(column, sex)] = (self._mutations, hist)
            return hist

    def key_spectrum(self, kind: str, max_df: int) -> list[int]:
        """n_1 .. n_(max_df+1) over the keys of one kind ("F:"): how many keys
        exactly r live reports hold (name_frequency.py); recomputed only after
        the index changed."""
        with self._lock:
            hit = self._histograms.get(("spectrum", kind, max_df))
            if hit is not None and hit[0] == self._mutations:
                return hit[1]
            ids = self._kind_ids.get(kind)
            if ids is None or ids[0] != len(self.vocab):
                ids = (len(self.vocab), np.fromiter(
                    (i for k, i in self.vocab.items() if k.startswith(kind)), dtype=np.int64))
                self._kind_ids[kind] = ids
            spec = name_frequency.spectrum(self.df[ids[1]].tolist(), max_df)
            self._histograms[("spectrum", kind, max_df)] = (self._mutations, spec)
            return spec

    def key_df(self, key: str) -> int:
        """How many live reports have a key (0 for an unknown key)."""
        kid = self.vocab.get(key)
        return 0 if kid is None else int(self.df[kid])

    def key_rarity(self, key: str) -> float:
        """log2(N/df) bits for a key; 0 when no report has it."""
        kid = self.vocab.get(key)
        if kid is None or self.df[kid] <= 0 or self.n_alive == 0:
            return 0.0
        return math.log2(self.n_alive / self.df[kid])

    def _query_unlocked(self, intake: IntakeRecord, cap: int = 300,
                        column_weights: dict[str, np.ndarray] | None = None,
                        keys: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`query` with the lock already held."""
        n_slots = self.n_slots
        if n_slots == 0 or self.n_alive == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        keys = list(self.intake_keys(intake)) if keys is None else list(keys)
        posting_lists, weights, name_keys = [], [], []
        for key in keys:
            kid = self.vocab.get(key)
            if kid is None or self.df[kid] <= 0:
                continue
            if key[:2] in NAME_KEY_KINDS:
                name_keys.append(len(weights))
            posting_lists.append(self.key_postings(kid))
            weights.append(math.log2(self.n_alive / self.df[kid]))
        if posting_lists:
            allp = np.concatenate(posting_lists)
            lengths = [len(p) for p in posting_lists]
            scaled = np.array(weights, dtype=np.float32)
            scaled[name_keys] *= NAME_KEY_SHARE
            w = np.repeat(scaled, lengths)
            dense = len(allp) > n_slots // 8
            if dense:
                summed = np.bincount(allp, weights=w, minlength=n_slots)
                slots = np.flatnonzero(summed)
                key_score = summed[slots]
            else:
                slots, inverse = np.unique(allp, return_inverse=True)
                key_score = np.bincount(inverse, weights=w)
            if name_keys:
                # a key's slots (indexing a dense array), or its places in `slots`
                positions = posting_lists if dense else np.split(inverse, np.cumsum(lengths)[:-1])
                # the rarest name key each report shares: keys written in ascending
                # weight order, so the last write is the largest
                best = np.zeros(n_slots if dense else len(slots), dtype=np.float64)
                for k in sorted(name_keys, key=weights.__getitem__):
                    best[positions[k]] = weights[k]
                key_score += (1.0 - NAME_KEY_SHARE) * (best[slots] if dense else best)
        else:
            slots = np.zeros(0, dtype=np.int64)
            key_score = np.zeros(0)
        live = self.alive[slots]
        slots, key_score = slots[live], key_score[live]
        if len(slots) < cap:
            # Too few reports share a key (no name, no accent…): fall back to
            # pre-ranking every report on the columns alone.
            dense = np.zeros(n_slots, dtype=np.float64)
            dense[slots] = key_score
            slots = np.flatnonzero(self.alive[:n_slots])
            key_score = dense[slots]
        score = key_score + self._column_score(intake, slots, column_weights or {})
        if len(slots) > cap:
            top = np.argpartition(-score, cap - 1)[:cap]
            slots, score = slots[top], score[top]
        order = np.argsort(-score, kind="stable")
        return self.ids[slots[order]], score[order]

    def _column_score(self, intake: IntakeRecord, slots: np.ndarray,
                      w: dict[str, np.ndarray]) -> np.ndarray:
        """The model's sex/age/height/timeline weights summed per slot. Each column holds small
        integers, so each weight is looked up in a table computed once per intake over the
        column's whole domain (a few thousand values) instead of comparing every slot:
        an intake with no name scans all 1M slots here."""
        out = np.zeros(len(slots), dtype=np.float64)
        if not len(slots):
            return out
        sx = sex_code(intake.sex)
        if "sex" in w and sx:
            codes = np.arange(3)                 # sex codes: 0 unknown, 1, 2
            out += w["sex"][np.where(codes == 0, 0, np.where(codes == sx, 2, 1))][self.sex[slots]]
        found = intake.found_date if isinstance(intake.found_date, date) else None
        lo, hi = _age_range(intake)
        if "age" in w and lo is not None:
            ref_year = found.year if found else date.today().year
            out += w["age"][age_levels_vectorised(lo, hi, ref_year, _BIRTH_YEARS)][self.birth_year[slots]]
        h = height_cm(intake.height_cm)
        if "height" in w and h is not None:
            levels = height_levels_vectorised(h, _HEIGHTS, height_spread(intake))
            out += w["height"][levels][self.height[slots]]
        if "timeline" in w and found is not None:
            out += w["timeline"][self._timeline_levels(found, slots)]
        return out

    def _timeline_levels(self, found: date, slots: np.ndarray) -> np.ndarray:
        """timeline_levels_vectorised's levels, read from a table over days between missing and
        found: beyond its ends the level no longer changes."""
        f = found.toordinal()
        table = np.append(timeline_levels_vectorised(found, (f - _TIMELINE_DAYS).astype(np.int32)), 0)  # last: unknown
        mo = self.missing_ord[slots]
        idx = np.clip(f - mo.astype(np.int64), _TIMELINE_DAYS[0], _TIMELINE_DAYS[-1]) - _TIMELINE_DAYS[0]
        idx[mo <= 0] = len(table) - 1
        levels = table[idx]
        mark_grown_up(levels, f, mo, self.birth_year[slots])
        return levels

    # ------------------------------------------------------------------ persistence

    def _save_unlocked(self, path: str | Path) -> None:
        """Write the index to one .npz file (atomically)."""
        if self._pending_fwd or self.n_alive != self.n_slots or len(self.ids) != self.n_slots:
            self._compact_unlocked()
        path = Path(path)
        vocab_list = sorted(self.vocab, key=self.vocab.__getitem__)
        vocab_bytes = np.frombuffer("\n".join(vocab_list).encode("utf-8"), dtype=np.uint8)
        meta = json.dumps({"format": INDEX_FORMAT, "keys_version": self.keys_version,
                           "n_keys": len(vocab_list)})
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(tmp, meta=np.frombuffer(meta.encode(), dtype=np.uint8), vocab=vocab_bytes,
                 ids=self.ids, sex=self.sex, birth_year=self.birth_year, height=self.height,
                 missing_ord=self.missing_ord, fwd_off=self.fwd_off, fwd_keys=self.fwd_keys)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str | Path, **kwargs) -> "CandidateIndex":
        """Load a saved index; ValueError if it was built with other key functions."""
        idx = cls(**kwargs)
        with np.load(path) as z:
            meta = json.loads(z["meta"].tobytes().decode())
            if meta.get("format") != INDEX_FORMAT or meta.get("keys_version") != idx.keys_version:
                raise ValueError(f"{path}: index built with {meta.get('keys_version')}, "
                                 f"current keys are {idx.keys_version}: rebuild it")
            text = z["vocab"].tobytes().decode("utf-8")
            vocab_list = text.split("\n") if meta["n_keys"] else []
            idx.vocab = {k: i for i, k in enumerate(vocab_list)}
            for name in ("ids", "sex", "birth_year", "height", "missing_ord", "fwd_off", "fwd_keys"):
                setattr(idx, name, z[name].copy())
        idx.alive = np.ones(len(idx.ids), dtype=bool)
        idx.n_alive = idx.n_slots = len(idx.ids)
        idx.slot_of = {int(r): i for i, r in enumerate(idx.ids.tolist())}
        idx._rebuild_inverted()
        return idx

    # -- locked entry points ---------------------------------------------------------

    def add(self, report_id: int, report: ReportRecord) -> None:
        """Add one report (or replace it if the id is already indexed)."""
        with self._lock:
            self._add_unlocked(report_id, report)

    def remove(self, report_id: int) -> bool:
        """Forget a report; False if it was not indexed."""
        with self._lock:
            return self._remove_unlocked(report_id)

    def compact(self) -> None:
        """Fold pending additions into the CSR arrays and drop removed reports."""
        with self._lock:
            self._compact_unlocked()

    def query(self, intake: IntakeRecord, cap: int = 300,
              column_weights: dict[str, np.ndarray] | None = None,
              keys: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Up to `cap` candidate report ids for an intake, best pre-score first.

        column_weights: per-level weights for "sex", "age", "height",
        "timeline" (from the model) added to the key score.
        Returns (ids, prescores).
        """
        with self._lock:
            return self._query_unlocked(intake, cap, column_weights, keys)

    def save(self, path: str | Path) -> None:
        """Write the index to one .npz file (atomically)."""
        with self._lock:
            self._save_unlocked(path)

    def report_key_ids(self, report_id: int) -> np.ndarray:
        """The key ids a report is posted under (empty if not indexed)."""
        with self._lock:
            slot = self.slot_of.get(int(report_id))
            if slot is None:
                return np.zeros(0, dtype=np.int32)
            return self._slot_keys(slot).copy()

    def memory_bytes(self) -> int:
        """Approximate memory held by the index (arrays + dictionaries)."""
        arrays = sum(a.nbytes for a in (self.df, self.ids, self.alive, self.sex, self.birth_year,
                                        self.height, self.missing_ord, self.fwd_off, self.fwd_keys,
                                        self.inv_off, self.inv_slots))
        # dict entries: ~100 bytes per vocab key (str + slot), ~70 per id mapping
        return arrays + 100 * len(self.vocab) + 70 * len(self.slot_of)


# An intake's name keys (keys.py: F G S C N R) are views of one name comparison:
# a report that lists the heard nickname (小华) shares up to eleven of them (F, G,
# S and each dialect reading's C and N), the true 黄国华 two. Summed, one agreement
# counted eleven times, out-pre-scored the true report by 40 bits and the pre-score
# margin cut it before full scoring (1-2% of the true pairs in worlds written by
# other hands). A report's name keys count as their rarest one plus this share of
# the rest: more agreeing views still rank higher, but no longer by multiples.
NAME_KEY_KINDS = ("F:", "G:", "S:", "C:", "N:", "R:")
NAME_KEY_SHARE = 0.25


def _safe_keys_version() -> str:
    try:
        return _keys_version()
    except ImportError:
        return f"idx{INDEX_FORMAT}/nokeys/marks1"


def _age_range(intake: IntakeRecord) -> tuple[int | None, int | None]:
    lo, hi = intake.age_min, intake.age_max
    lo = lo if isinstance(lo, int) and 0 <= lo <= 120 else None
    hi = hi if isinstance(hi, int) and 0 <= hi <= 120 else None
    if lo is None and hi is None:
        return None, None
    lo = hi if lo is None else lo
    hi = lo if hi is None else hi
    return (min(lo, hi), max(lo, hi))

