"""Ranking many intakes in one go without paying for full garbage collections.

A process that matches against 1M reports holds millions of long-lived
container objects: the candidate index's vocabulary and the prepared features
of every report recently scored (~40 tracked objects each, up to
Matcher.cache_size reports). CPython's full (generation-2) collection walks
all of them, about 1.3 s each at 1M reports, and the feature cache growing
during a batch keeps triggering one: measured, full collections were 15 of
54 ms per intake at 1M reports (500 intakes, seed 909).

Nothing the engine keeps forms reference cycles (features, scores and
matches are trees), so inside a batch the full collections find nothing to
free. `fewer_full_collections` raises only the generation-2 threshold for the
batch; young collections still run, so short-lived cyclic garbage is still
freed at once, and the old threshold comes back when the batch ends.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

# generation-1 collections between two full ones (CPython's default is 10);
# with the default 700/10 young thresholds this is one full collection per
# ~70M net container allocations, i.e. none in a batch of thousands of intakes
BATCH_THRESHOLD2 = 10_000


@contextmanager
def fewer_full_collections(threshold2: int = BATCH_THRESHOLD2) -> Iterator[None]:
    """Within the block, full collections run only after `threshold2`
    generation-1 collections (the thresholds are process-wide: use it around
    a batch, not around a web request)."""
    old = gc.get_threshold()
    gc.set_threshold(old[0], old[1], max(old[2], threshold2))
    try:
        yield
    finally:
        gc.set_threshold(*old)
