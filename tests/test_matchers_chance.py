"""The chance shift: a database whose runners-up reach high scores more often than the
synthetic reference has its probabilities lowered, never reordered, and says so."""
import math

import numpy as np
import pytest

from matchers.chance import (DEAD_BAND, EDGES, MAX_SHIFT, MAX_STEP, ChanceShift, ChanceTail, chance_shift,
                             runner_up_counts)
from matchers.model import MatchModel, Score, competing_log2_odds

REFERENCE = {"edges": list(EDGES), "sizes": [20000, 1000000],
             "rates": [[2.0, 0.8, 0.2, 0.05, 0.01, 0.002], [4.0, 1.6, 0.4, 0.1, 0.02, 0.004]]}


def _tail(rates, intakes):
    return ChanceTail(np.round(np.asarray(rates) * intakes).astype(np.int64), intakes)


def test_runner_up_counts_leave_the_best_candidate_out():
    assert runner_up_counts([-7.0, 5.0, 1.0, -3.0]).tolist() == [2, 2, 1, 1, 0, 0]
    assert runner_up_counts([3.0]).tolist() == [0] * len(EDGES)
    tail = ChanceTail()
    tail.add([])
    tail.add([9.0, 9.0])
    assert tail.intakes == 2 and tail.counts.tolist() == [1] * len(EDGES)


def test_a_database_whose_runners_up_score_like_the_reference_gets_no_shift():
    assert chance_shift(_tail(REFERENCE["rates"][0], 4000), REFERENCE, 20000) is None
    # quieter than the reference: never raised
    assert chance_shift(_tail(np.asarray(REFERENCE["rates"][0]) / 3, 4000), REFERENCE, 20000) is None


def test_twice_the_reference_runners_up_take_a_bit_less_the_dead_band_off_and_the_size_is_interpolated():
    shift = chance_shift(_tail(np.asarray(REFERENCE["rates"][0]) * 2, 20000), REFERENCE, 20000)
    assert shift is not None and shift.at(-2.0) == pytest.approx(1.0 - DEAD_BAND, abs=0.05)
    # at 1M the reference doubles: the same counts there are ordinary
    assert chance_shift(_tail(np.asarray(REFERENCE["rates"][0]) * 2, 20000), REFERENCE, 1000000) is None
    mid = chance_shift(_tail(np.asarray(REFERENCE["rates"][0]) * 2, 20000), REFERENCE, 141421)
    assert mid is not None and 0.05 < mid.at(-2.0) < 0.5


def test_a_difference_two_synthetic_sets_show_by_chance_moves_nothing():
    # seeds of one generator differ by up to ~0.2 bits per bin: not evidence of another world
    assert chance_shift(_tail(np.asarray(REFERENCE["rates"][0]) * 1.15, 8000), REFERENCE, 20000) is None


def test_a_few_intakes_move_the_probabilities_little():
    few = chance_shift(_tail(np.asarray(REFERENCE["rates"][0]) * 2, 10), REFERENCE, 20000)
    assert few is None or float(few.at(-2.0)) < 0.1


def test_the_shift_is_capped_and_grows_slowly_enough_never_to_reorder():
    wild = chance_shift(ChanceTail(np.array([9000, 8000, 8000, 8000, 5000, 0]), 1000), REFERENCE, 20000)
    bits = np.asarray(wild.bits)
    assert bits.max() <= MAX_SHIFT and np.all(np.diff(bits) <= MAX_STEP + 1e-9)
    x = np.linspace(-12, 12, 481)
    assert np.all(np.diff(x - wild.at(x)) > 0)


def test_recalibrating_lowers_probabilities_explains_why_and_undoes_cleanly():
    model = MatchModel()
    totals = np.array([3.0, 0.5, -2.0, -6.0])
    scores = [Score(0.0, float(t), [], 0.0, float(lo)) for t, lo in zip(totals, competing_log2_odds(totals))]
    plain = model.recalibrate(scores, 20000)
    shift = ChanceShift((1.0,) * len(EDGES))
    shifted = model.recalibrate(plain, 20000, shift)
    assert all(b.probability < a.probability for a, b in zip(plain, shifted))
    assert [s.total_weight for s in shifted] == pytest.approx([t - 1.0 for t in totals])
    line = [c for c in shifted[0].components if c.comparison == "chance"]
    assert len(line) == 1 and line[0].weight == pytest.approx(-1.0) and "1/2.0" in line[0].explanation
    # measured again with nothing to lower: the component goes, the probabilities come back
    back = model.recalibrate(shifted, 20000, None)
    assert [s.probability for s in back] == pytest.approx([s.probability for s in plain])
    assert not any(c.comparison == "chance" for s in back for c in s.components)
    assert all(math.isclose(s.total_weight, t) for s, t in zip(back, totals))


def test_the_shift_survives_a_round_trip_through_json():
    shift = chance_shift(_tail(np.asarray(REFERENCE["rates"][0]) * 3, 5000), REFERENCE, 20000)
    again = ChanceShift.from_json(shift.to_json())
    assert np.allclose(again.bits, shift.bits, atol=1e-4)
    tail = _tail(REFERENCE["rates"][0], 100)
    assert ChanceTail.from_json(tail.to_json()).counts.tolist() == tail.counts.tolist()
    with pytest.raises(ValueError):
        ChanceTail.from_json({"edges": [0, 1], "counts": [1, 2], "intakes": 3})
