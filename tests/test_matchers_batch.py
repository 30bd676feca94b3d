"""A batch of rankings runs without full garbage collections, and leaves the
process's collector as it found it."""
import gc

import pytest

from matchers.batch import BATCH_THRESHOLD2, fewer_full_collections


def test_full_collections_wait_inside_a_batch_and_the_thresholds_come_back_after():
    before = gc.get_threshold()
    with fewer_full_collections():
        inside = gc.get_threshold()
        assert inside[:2] == before[:2]              # young collections run as usual
        assert inside[2] >= BATCH_THRESHOLD2
    assert gc.get_threshold() == before


def test_the_thresholds_come_back_when_the_batch_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        with fewer_full_collections():
            raise RuntimeError("a ranking failed")
    assert gc.get_threshold() == before


def test_cyclic_garbage_made_in_a_batch_is_still_freed():
    import weakref

    class Node:
        pass

    with fewer_full_collections():
        a, b = Node(), Node()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b
        churn = [[i] for i in range(50_000)]         # young collections run on their own
        assert ref() is None
        del churn
