"""How a 128-d face encoding is stored: 512 bytes, float32 little-endian.

One fixed byte layout shared by the database column, the index files and
the matchers, so an encoding written on one machine reads the same anywhere.
"""
from __future__ import annotations

import numpy as np

DIM = 128
DTYPE = np.dtype("<f4")
NBYTES = DIM * DTYPE.itemsize  # 512


def encoding_to_bytes(encoding) -> bytes:
    """Pack one encoding (any 128-number sequence) as 512 bytes."""
    arr = np.asarray(encoding, dtype=DTYPE).reshape(-1)
    if arr.shape != (DIM,):
        raise ValueError(f"face encoding has {arr.size} values, expected {DIM}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("face encoding contains NaN or infinite values")
    return arr.tobytes()


def encoding_from_bytes(data: bytes | bytearray | memoryview) -> np.ndarray:
    """Unpack 512 bytes into a float32[128] array (a copy, writable)."""
    if len(data) != NBYTES:
        raise ValueError(f"face encoding blob has {len(data)} bytes, expected {NBYTES}")
    return np.frombuffer(data, dtype=DTYPE).astype(np.float32)


def encodings_from_blobs(blobs) -> np.ndarray:
    """Stack many 512-byte blobs into a (n, 128) float32 matrix in one pass."""
    blobs = list(blobs)
    if not blobs:
        return np.empty((0, DIM), dtype=np.float32)
    for i, b in enumerate(blobs):
        if len(b) != NBYTES:
            raise ValueError(f"face encoding blob #{i} has {len(b)} bytes, expected {NBYTES}")
    return np.frombuffer(b"".join(bytes(b) for b in blobs), dtype=DTYPE).reshape(-1, DIM).astype(np.float32)
