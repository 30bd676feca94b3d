"""Weights estimated on our world pooled with worlds written by other hands
(bench/estimate_worlds.py): the other worlds' pairs are read as the importer
reads them, make up the share asked, and move the weights of what they do
differently."""
import random

import numpy as np

from bench import estimate_worlds
from matchers.estimate import collect_levels, estimate
from matchers.model import MatchModel, Weights
from matchers.synth import SynthSet


def test_other_worlds_make_up_the_share_asked_in_equal_parts():
    worlds = [(name, np.zeros((5000, 3), dtype=np.int16), np.zeros((90000, 3), dtype=np.int16))
              for name in ("a", "b")]
    for share in (0.25, 0.5):
        pooled = estimate_worlds.shares(1000, 40000, worlds, share, seed=1)
        n_true = sum(len(t) for _n, t, _r in pooled)
        n_rand = sum(len(r) for _n, _t, r in pooled)
        assert abs(n_true / (n_true + 1000) - share) < 0.01
        assert abs(n_rand / (n_rand + 40000) - share) < 0.01
        assert len(pooled[0][1]) == len(pooled[1][1])
    assert estimate_worlds.shares(1000, 40000, worlds, 0.0, seed=1) == []


def test_a_world_is_read_through_the_importer_into_true_and_random_pair_levels():
    t_lv, r_lv = estimate_worlds.world_levels("blind_world", 400, 80, 7, random_per_intake=5)
    n_comp = len(MatchModel(None, weights=Weights()).comparisons)
    assert t_lv.shape[1] == r_lv.shape[1] == n_comp
    assert 20 <= len(t_lv) <= 80 and len(r_lv) >= 5 * 80 - len(t_lv)
    # a true pair agrees on sex far more often than a random one
    k = [c.name for c in MatchModel(None, weights=Weights()).comparisons].index("sex")
    assert (t_lv[:, k] == 2).mean() > (r_lv[:, k] == 2).mean() + 0.2


def test_pooling_a_world_where_people_are_found_decades_later_softens_that_penalty():
    model = MatchModel(None, weights=Weights(), strict=False)
    names = [c.name for c in model.comparisons]
    k = names.index("timeline")
    over = model.comparisons[k].levels.index("over_15y")
    t_lv, r_lv = collect_levels(model, SynthSet(11, 1000, 300), 40, random.Random(1))
    decades = t_lv.copy()
    decades[::4, k] = over          # a quarter of that world's people were found 15+ years on
    kw = dict(calib_reports=(1000,), calib_intakes=150, calib_faces=0.0, faces=0.0, quiet=True)
    own = estimate(7, 1000, 200, **kw)
    pooled = estimate(7, 1000, 200, extra_levels=[("decades", decades, r_lv)], **kw)
    assert pooled.comparisons["timeline"]["over_15y"].weight > own.comparisons["timeline"]["over_15y"].weight + 2
    assert pooled.meta["train"]["pooled_with"]["decades"]["true_pairs"] == len(decades)
    # what the other world does the same way keeps (about) its weight
    assert abs(pooled.comparisons["sex"]["same"].weight - own.comparisons["sex"]["same"].weight) < 0.3
