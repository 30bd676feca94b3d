"""FaceIndex: exact nearest faces, updates, and snapshots that survive a restart."""
from __future__ import annotations

import numpy as np
import pytest

from tracing.faces.index import FaceIndex, pack_owner, unpack_owner


def reference_top(vectors: np.ndarray, keys: np.ndarray, q: np.ndarray, k: int) -> list[int]:
    d = np.linalg.norm(vectors.astype(np.float64) - q, axis=1)
    return [int(keys[i]) for i in np.argsort(d, kind="stable")[:k]]


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    n = 20_000
    vectors = (rng.standard_normal((n, 128)) * 0.05).astype(np.float32)
    keys = rng.permutation(np.arange(10, 10 + n)).astype(np.int64)
    owners = np.array([pack_owner("report" if i % 4 else "intake", i // 2) for i in range(n)], dtype=np.int64)
    queries = (vectors[rng.integers(0, n, 8)] + rng.standard_normal((8, 128)) * 0.03).astype(np.float32)
    return vectors, keys, owners, queries


def test_owner_packing_round_trips_and_rejects_unknown_kind():
    assert unpack_owner(pack_owner("intake", 123456)) == ("intake", 123456)
    assert pack_owner("report", 5) != pack_owner("intake", 5)
    with pytest.raises(ValueError, match="kind"):
        pack_owner("photo", 1)
    with pytest.raises(ValueError, match="range"):
        pack_owner("report", -1)


def test_top_k_equals_brute_force_reference(data):
    vectors, keys, owners, queries = data
    index = FaceIndex.from_arrays(keys, owners, vectors)
    for q in queries:
        hits = index.search(q, 50, per_owner=False)
        assert [h.key for h in hits] == reference_top(vectors, keys, q, 50)
        ref_d = np.sort(np.linalg.norm(vectors.astype(np.float64) - q, axis=1))[:50]
        assert np.allclose([h.distance for h in hits], ref_d, atol=1e-5)


def test_batched_search_equals_single_queries(data):
    vectors, keys, owners, queries = data
    index = FaceIndex.from_arrays(keys, owners, vectors)
    batched = index.search_many(queries, 20)
    assert batched == [index.search(q, 20) for q in queries]


def test_each_owner_appears_once_at_its_nearest_face():
    rng = np.random.default_rng(3)
    base = rng.standard_normal(128).astype(np.float32) * 0.05
    vecs = np.stack([base + rng.standard_normal(128).astype(np.float32) * s
                     for s in (0.001, 0.002, 0.003, 0.004, 0.2, 0.3)])
    owners = [pack_owner("report", 1)] * 4 + [pack_owner("report", 2), pack_owner("report", 3)]
    index = FaceIndex.from_arrays(np.arange(1, 7), owners, vecs)
    hits = index.search(base, 3)
    assert [h.record_id for h in hits] == [1, 2, 3]
    assert hits[0].key == 1
    assert [h.key for h in index.search(base, 3, per_owner=False)] == [1, 2, 3]


def test_kind_filter_returns_only_that_kind(data):
    vectors, keys, owners, queries = data
    index = FaceIndex.from_arrays(keys, owners, vectors)
    hits = index.search(queries[0], 30, kind="intake", per_owner=False)
    assert len(hits) == 30 and {h.kind for h in hits} == {"intake"}
    is_intake = (owners >> 48) == 2
    assert [h.key for h in hits] == reference_top(vectors[is_intake], keys[is_intake], queries[0], 30)


def test_max_distance_cuts_the_list(data):
    vectors, keys, owners, queries = data
    index = FaceIndex.from_arrays(keys, owners, vectors)
    all_hits = index.search(queries[0], 50, per_owner=False)
    cut = all_hits[9].distance
    hits = index.search(queries[0], 50, per_owner=False, max_distance=cut)
    assert [h.key for h in hits] == [h.key for h in all_hits[:10]]


def test_remove_takes_faces_out_of_results(data):
    vectors, keys, owners, queries = data
    index = FaceIndex.from_arrays(keys, owners, vectors)
    first = index.search(queries[1], 10, per_owner=False)
    gone = [first[0].key, first[3].key]
    assert index.remove(gone + [999_999_999]) == 2
    assert len(index) == len(keys) - 2
    keep = ~np.isin(keys, gone)
    assert [h.key for h in index.search(queries[1], 10, per_owner=False)] == \
        reference_top(vectors[keep], keys[keep], queries[1], 10)


def test_remove_owner_drops_all_its_faces():
    vecs = np.random.default_rng(5).standard_normal((5, 128)).astype(np.float32)
    owners = [pack_owner("intake", 9)] * 3 + [pack_owner("report", 9), pack_owner("intake", 8)]
    index = FaceIndex.from_arrays([1, 2, 3, 4, 5], owners, vecs)
    assert index.remove_owner(pack_owner("intake", 9)) == 3
    assert sorted(index.keys.tolist()) == [4, 5]


def test_add_rejects_a_key_twice_and_update_replaces_it():
    rng = np.random.default_rng(2)
    a, b = rng.standard_normal((2, 128)).astype(np.float32)
    index = FaceIndex()
    index.add([1], [pack_owner("report", 1)], a)
    with pytest.raises(ValueError, match="already"):
        index.add([1], [pack_owner("report", 1)], b)
    index.update([1], [pack_owner("report", 1)], b)
    assert len(index) == 1
    assert np.array_equal(index.vector(1), b)
    assert index.search(b, 1)[0].distance == pytest.approx(0, abs=1e-5)


@pytest.mark.parametrize("vectors, message", [
    (np.zeros((1, 127)), "shape"),
    (np.full((1, 128), np.nan), "NaN"),
])
def test_bad_vectors_are_rejected_with_a_clear_error(vectors, message):
    with pytest.raises(ValueError, match=message):
        FaceIndex().add([1], [pack_owner("report", 1)], vectors)


def test_grows_past_its_initial_capacity():
    rng = np.random.default_rng(4)
    index = FaceIndex(capacity=16)
    vecs = rng.standard_normal((100, 128)).astype(np.float32)
    for i in range(100):
        index.add([i], [pack_owner("tip", i)], vecs[i])
    assert len(index) == 100
    assert index.search(vecs[42], 1)[0].key == 42


@pytest.mark.parametrize("mmap", [True, False])
def test_save_load_round_trip_then_keeps_updating(data, tmp_path, mmap):
    vectors, keys, owners, queries = data
    index = FaceIndex.from_arrays(keys, owners, vectors)
    index.remove(keys[:5])
    index.save(tmp_path / "faces")
    loaded = FaceIndex.load(tmp_path / "faces", mmap=mmap)
    assert len(loaded) == len(index)
    assert loaded.max_key() == index.max_key()
    for q in queries[:3]:
        assert loaded.search(q, 25) == index.search(q, 25)
    # A loaded (possibly memory-mapped) index accepts changes; the file is untouched.
    loaded.remove(keys[5:10])
    loaded.add([10**9], [pack_owner("tip", 1)], queries[0])
    assert loaded.search(queries[0], 1)[0].key == 10**9
    again = FaceIndex.load(tmp_path / "faces")
    assert len(again) == len(index)


def test_saving_twice_leaves_one_snapshot(tmp_path):
    index = FaceIndex.from_arrays([1], [pack_owner("report", 1)], np.ones((1, 128), np.float32))
    index.save(tmp_path)
    index.add([2], [pack_owner("report", 2)], np.zeros((1, 128), np.float32))
    index.save(tmp_path)
    assert len(list(tmp_path.glob("vectors-*.npy"))) == 1
    assert len(FaceIndex.load(tmp_path)) == 2


def test_loading_a_missing_snapshot_names_the_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match="meta.json"):
        FaceIndex.load(tmp_path / "nowhere")


def test_empty_index_answers_nothing():
    assert FaceIndex().search(np.zeros(128), 5) == []
