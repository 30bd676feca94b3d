"""Nearest-face search over every stored encoding: exact float32 brute force.

Why brute force: on this 2-core machine one query against 1M encodings
takes ~15 ms with numpy (one BLAS matrix-vector product using
||a-b||² = ||a||² - 2a·b + ||b||², then argpartition), well inside the 50 ms
budget, and it is exact, needs no training, and updates instantly. An
approximate index (faiss, hnswlib, usearch) would add a dependency and a
recall question for no need at this scale. See bench/bench_faces.py.

Rows are keyed by a unique int64 `key` (the database id of the face
encoding row) and carry an int64 `owner`: who the face belongs to, packed
from a kind ("report", "intake", "tip") and that record's id, so one index
can answer "nearest reports" or "nearest anything" and return each owner
once. Memory: 128 float32 + norm + key + owner + kind = 533 bytes a face,
~533 MB for 1M faces.

Snapshots are plain .npy files (loadable memory-mapped), so a restart
reads 1M encodings in well under a second instead of re-reading the DB.
"""
from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
import numpy as np

DIM = 128
OWNER_SHIFT = 48                       # owner = kind_code << 48 | record id
KINDS = {"report": 1, "intake": 2, "tip": 3}
KIND_NAMES = {v: k for k, v in KINDS.items()}
FORMAT_VERSION = 1


def pack_owner(kind: str, record_id: int) -> int:
    """("report", 17) -> one int64, so owners fit a numpy array."""
    if kind not in KINDS:
        raise ValueError(f"unknown face owner kind {kind!r}; expected one of {sorted(KINDS)}")
    if not 0 <= int(record_id) < (1 << OWNER_SHIFT):
        raise ValueError(f"owner id {record_id!r} out of range 0..2^{OWNER_SHIFT}")
    return (KINDS[kind] << OWNER_SHIFT) | int(record_id)


def unpack_owner(owner: int) -> tuple[str, int]:
    code = int(owner) >> OWNER_SHIFT
    if code not in KIND_NAMES:
        raise ValueError(f"owner {owner} has unknown kind code {code}")
    return KIND_NAMES[code], int(owner) & ((1 << OWNER_SHIFT) - 1)


@dataclass(frozen=True)
class FaceHit:
    key: int            # the face row
    owner: int          # packed owner
    distance: float     # Euclidean distance between encodings

    @property
    def kind(self) -> str:
        return unpack_owner(self.owner)[0]

    @property
    def record_id(self) -> int:
        return unpack_owner(self.owner)[1]


class FaceIndex:
    """Exact top-k nearest faces with add/remove/update and save/load."""

    def __init__(self, capacity: int = 1024):
        self._lock = threading.RLock()
        self._n = 0
        self._alloc(max(16, int(capacity)))

    # ------------------------------------------------------------------ storage

    def _alloc(self, capacity: int) -> None:
        self._vectors = np.empty((capacity, DIM), dtype=np.float32)
        self._norms = np.empty(capacity, dtype=np.float32)
        self._keys = np.empty(capacity, dtype=np.int64)
        self._owners = np.empty(capacity, dtype=np.int64)
        self._kinds = np.empty(capacity, dtype=np.int8)

    def _arrays(self):
        return self._vectors, self._norms, self._keys, self._owners, self._kinds

    def _reserve(self, need: int) -> None:
        """Grow (doubling) so `need` rows fit; also turns a read-only
        memory-mapped snapshot into ordinary writable arrays."""
        cap = self._vectors.shape[0]
        writable = all(a.flags.writeable and not isinstance(a, np.memmap) for a in self._arrays())
        if need <= cap and writable:
            return
        new_cap = max(need, cap * 2 if need > cap else cap, 16)
        old = self._arrays()
        self._alloc(new_cap)
        n = self._n
        for dst, src in zip(self._arrays(), old):
            dst[:n] = src[:n]

    def __len__(self) -> int:
        return self._n

    @property
    def keys(self) -> np.ndarray:
        return self._keys[: self._n].copy()

    @property
    def owners(self) -> np.ndarray:
        return self._owners[: self._n].copy()

    def max_key(self) -> int | None:
        """Largest key present: with increasing DB ids, 'rows with id > this'
        are exactly the encodings the index has not seen yet."""
        return int(self._keys[: self._n].max()) if self._n else None

    def keys_above(self, lowest: int) -> np.ndarray:
        """Keys greater than `lowest` (one vectorised pass): lets a caller compare
        the newest rows with the database without copying every key."""
        with self._lock:
            keys = self._keys[: self._n]
            return keys[keys > lowest].copy()

    def memory_bytes(self) -> int:
        """Bytes held by the live rows (capacity slack excluded)."""
        per_row = sum(a.itemsize * (a.shape[1] if a.ndim == 2 else 1) for a in self._arrays())
        return per_row * self._n

    def vector(self, key: int) -> np.ndarray:
        rows = np.flatnonzero(self._keys[: self._n] == key)
        if rows.size == 0:
            raise KeyError(key)
        return self._vectors[rows[0]].copy()

    # ------------------------------------------------------------------ updates

    @staticmethod
    def _check(keys, owners, vectors) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        keys = np.atleast_1d(np.asarray(keys, dtype=np.int64))
        owners = np.atleast_1d(np.asarray(owners, dtype=np.int64))
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim == 1:
            vectors = vectors.reshape(1, -1)
        if vectors.ndim != 2 or vectors.shape[1] != DIM:
            raise ValueError(f"face vectors must have shape (n, {DIM}), got {vectors.shape}")
        if not (len(keys) == len(owners) == len(vectors)):
            raise ValueError(f"keys ({len(keys)}), owners ({len(owners)}) and vectors ({len(vectors)}) differ in length")
        if len(np.unique(keys)) != len(keys):
            raise ValueError("duplicate keys in one add() call")
        bad = ~np.all(np.isfinite(vectors), axis=1)
        if bad.any():
            raise ValueError(f"face vector for key {int(keys[np.argmax(bad)])} contains NaN or infinity")
        codes = owners >> OWNER_SHIFT
        unknown = ~np.isin(codes, list(KIND_NAMES))
        if unknown.any():
            raise ValueError(f"owner {int(owners[np.argmax(unknown)])} has no known kind (use pack_owner)")
        return keys, owners, vectors

    def add(self, keys, owners, vectors, *, check_existing: bool = True) -> None:
        """Add rows. A key already present is an error (use update()).
        `check_existing=False` skips that O(n) check for bulk rebuilds."""
        keys, owners, vectors = self._check(keys, owners, vectors)
        with self._lock:
            if check_existing and self._n:
                dup = np.isin(keys, self._keys[: self._n])
                if dup.any():
                    raise ValueError(f"key {int(keys[np.argmax(dup)])} is already in the face index")
            m = len(keys)
            self._reserve(self._n + m)
            s = slice(self._n, self._n + m)
            self._vectors[s] = vectors
            self._norms[s] = np.einsum("ij,ij->i", vectors, vectors)
            self._keys[s] = keys
            self._owners[s] = owners
            self._kinds[s] = (owners >> OWNER_SHIFT).astype(np.int8)
            self._n += m

    def remove(self, keys) -> int:
        """Remove rows by key (missing keys are ignored). Returns how many went."""
        keys = np.atleast_1d(np.asarray(keys, dtype=np.int64))
        with self._lock:
            return self._remove_mask(np.isin(self._keys[: self._n], keys))

    def remove_owner(self, owners) -> int:
        """Remove every face of these owners (a deleted report or intake)."""
        owners = np.atleast_1d(np.asarray(owners, dtype=np.int64))
        with self._lock:
            return self._remove_mask(np.isin(self._owners[: self._n], owners))

    def update(self, keys, owners, vectors) -> None:
        """Insert or replace rows by key."""
        keys, owners, vectors = self._check(keys, owners, vectors)
        with self._lock:
            self.remove(keys)
            self.add(keys, owners, vectors, check_existing=False)

    def _remove_mask(self, mask: np.ndarray) -> int:
        gone = np.flatnonzero(mask)
        if gone.size == 0:
            return 0
        self._reserve(self._n)           # materialise a memory-mapped snapshot
        n_new = self._n - gone.size
        holes = gone[gone < n_new]                       # removed rows inside the kept range
        tail = np.arange(n_new, self._n)
        movers = tail[~mask[n_new: self._n]]             # kept rows beyond the kept range
        for arr in self._arrays():
            arr[holes] = arr[movers]
        self._n = n_new
        return int(gone.size)

    # ------------------------------------------------------------------ search

    def search(self, query, k: int = 50, *, kind: str | None = None, per_owner: bool = True,
               max_distance: float | None = None) -> list[FaceHit]:
        """The k nearest faces to `query` (128 numbers), nearest first.

        kind: only owners of that kind ("report", "intake", "tip").
        per_owner: return each owner once, at its nearest face, so a report
        with five photos takes one of the k places, not five.
        """
        return self.search_many(np.asarray(query, dtype=np.float32).reshape(1, -1), k, kind=kind,
                                per_owner=per_owner, max_distance=max_distance)[0]

    def search_many(self, queries, k: int = 50, *, kind: str | None = None, per_owner: bool = True,
                    max_distance: float | None = None) -> list[list[FaceHit]]:
        """Batch form of search(): one matrix product for all queries."""
        q = np.asarray(queries, dtype=np.float32)
        if q.ndim != 2 or q.shape[1] != DIM:
            raise ValueError(f"face queries must have shape (m, {DIM}), got {q.shape}")
        if not np.all(np.isfinite(q)):
            raise ValueError("face query contains NaN or infinity")
        if k < 1:
            raise ValueError(f"k must be >= 1, got {k}")
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown face owner kind {kind!r}; expected one of {sorted(KINDS)}")
        with self._lock:
            n = self._n
            if n == 0:
                return [[] for _ in range(len(q))]
            # ||v||² - 2 v·q for every stored v; ||q||² is the same for all
            # rows, so it cannot change the order and is left out here.
            d2 = q @ self._vectors[:n].T
            d2 *= -2.0
            d2 += self._norms[:n]
            if kind is not None:
                d2[:, self._kinds[:n] != KINDS[kind]] = np.inf
            return [self._top(d2[j], q[j], k, per_owner, max_distance) for j in range(len(q))]

    def _top(self, d2: np.ndarray, q: np.ndarray, k: int, per_owner: bool,
             max_distance: float | None) -> list[FaceHit]:
        n = d2.shape[0]
        valid = int(np.count_nonzero(np.isfinite(d2)))
        if valid == 0:
            return []
        m = min(valid, k * 4 if per_owner else k + 16)   # margin for float32 near-ties
        while True:
            idx = np.argpartition(d2, m - 1)[:m] if m < n else np.arange(n)
            idx = idx[np.isfinite(d2[idx])]
            # Exact distances for the few candidates (the expanded form loses
            # a little precision to cancellation).
            exact = np.sqrt(np.sum((self._vectors[idx] - q) ** 2, axis=1, dtype=np.float64))
            order = np.lexsort((self._keys[idx], exact))
            hits: list[FaceHit] = []
            seen: set[int] = set()
            for i in order:
                row = idx[i]
                if max_distance is not None and exact[i] > max_distance:
                    return hits          # everything further out is further still
                owner = int(self._owners[row])
                if per_owner:
                    if owner in seen:
                        continue
                    seen.add(owner)
                hits.append(FaceHit(int(self._keys[row]), owner, float(exact[i])))
                if len(hits) == k:
                    return hits
            if m >= valid:
                return hits
            # Fewer than k distinct owners among m candidates: widen and retry.
            m = min(valid, m * 4)

    # ------------------------------------------------------------------ persistence

    def save(self, directory: str | os.PathLike) -> Path:
        """Write a snapshot. Readers never see a half-written one: the data
        files get fresh names and meta.json is switched last, atomically."""
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        gen = uuid.uuid4().hex[:12]
        with self._lock:
            n = self._n
            names = {}
            for name, arr in zip(("vectors", "norms", "keys", "owners", "kinds"), self._arrays()):
                fname = f"{name}-{gen}.npy"
                np.save(d / fname, np.ascontiguousarray(arr[:n]), allow_pickle=False)
                names[name] = fname
            meta = {"format": FORMAT_VERSION, "dim": DIM, "count": n,
                    "max_key": self.max_key(), "files": names}
        tmp = d / f"meta-{gen}.json.tmp"
        tmp.write_text(json.dumps(meta, indent=1), encoding="utf-8")
        old = _read_meta(d) if (d / "meta.json").exists() else None
        os.replace(tmp, d / "meta.json")
        if old:
            for fname in old.get("files", {}).values():
                try:
                    (d / fname).unlink()
                except FileNotFoundError:
                    pass
        return d

    @classmethod
    def load(cls, directory: str | os.PathLike, *, mmap: bool = True) -> "FaceIndex":
        """Read a snapshot; memory-mapped by default (pages load on demand,
        and the first change copies it into ordinary memory)."""
        d = Path(directory)
        meta = _read_meta(d)
        if meta.get("format") != FORMAT_VERSION or meta.get("dim") != DIM:
            raise ValueError(f"{d / 'meta.json'}: unsupported face index format {meta.get('format')} / dim {meta.get('dim')}")
        mode = "r" if mmap else None
        arrays = {}
        for name, dtype, shape in (("vectors", np.float32, (meta["count"], DIM)),
                                   ("norms", np.float32, (meta["count"],)),
                                   ("keys", np.int64, (meta["count"],)),
                                   ("owners", np.int64, (meta["count"],)),
                                   ("kinds", np.int8, (meta["count"],))):
            path = d / meta["files"][name]
            arr = np.load(path, mmap_mode=mode, allow_pickle=False)
            if arr.dtype != dtype or arr.shape != shape:
                raise ValueError(f"{path}: expected {np.dtype(dtype).name}{shape}, found {arr.dtype}{arr.shape}")
            arrays[name] = arr
        idx = cls.__new__(cls)
        idx._lock = threading.RLock()
        idx._n = int(meta["count"])
        if idx._n == 0:
            idx._alloc(16)
        else:
            idx._vectors, idx._norms = arrays["vectors"], arrays["norms"]
            idx._keys, idx._owners, idx._kinds = arrays["keys"], arrays["owners"], arrays["kinds"]
        return idx

    @classmethod
    def from_arrays(cls, keys, owners, vectors) -> "FaceIndex":
        """Build in one go (e.g. from all DB rows)."""
        keys = np.atleast_1d(np.asarray(keys, dtype=np.int64))
        idx = cls(capacity=max(16, len(keys)))
        if len(keys):
            idx.add(keys, owners, vectors, check_existing=False)
        return idx


def _read_meta(d: Path) -> dict:
    path = d / "meta.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"no face index snapshot at {d} (missing meta.json)") from None
    except json.JSONDecodeError as e:
        raise ValueError(f"{path}: not valid JSON ({e})") from None

