"""The reading posterior of a heard name (matchers/name_readings.py)."""
from __future__ import annotations

import math
import random

import numpy as np

from matchers.compare_name import LEVELS, NameComparison
from matchers.engine import Matcher
from matchers.index import CandidateIndex
from matchers.model import MatchModel, Weights
from matchers.name_readings import fit_priors, level_adjustments, log2_posteriors, reading_frequencies, shape_of
from matchers.names import parse_heard
from matchers.records import IntakeRecord, ReportRecord


class _Counts:
    """A population that only counts keys (what the readings need of the index)."""

    def __init__(self, n: int, df: dict[str, int]):
        self.n, self.df = n, df

    def __len__(self) -> int:
        return self.n

    def key_df(self, key: str) -> int:
        return self.df.get(key, 0)


def _reports() -> list[ReportRecord]:
    """One 肖芳 among many women whose given name ends in 芳."""
    out = [ReportRecord(ref="R0", name="肖芳", sex="女", birth_year=1980)]
    givens = ["丽芳", "秀芳", "桂芳", "淑芳", "玉芳", "春芳", "海芳", "金芳"]
    surnames = "王李张刘陈杨赵黄周吴"
    for i in range(1, 400):
        out.append(ReportRecord(ref=f"R{i}", name=surnames[i % 10] + givens[i % 8], sex="女", birth_year=1980))
    return out


def test_a_nickname_shaped_text_is_read_as_a_full_name_only_when_nothing_else_fits():
    forms = parse_heard("小芳")
    assert "full~" in shape_of(forms) and "nick" in shape_of(forms)
    index = CandidateIndex.build(enumerate(_reports()))
    freqs = reading_frequencies(forms, index)
    assert freqs["nick"] > 50 * freqs["full"]          # hundreds of *芳, one 肖芳
    post = log2_posteriors(shape_of(forms), freqs, {})
    assert post["nick"] > -0.1 and post["full"] < -5
    adj = level_adjustments(LEVELS, forms, index, {})
    assert adj[LEVELS.index("homophone")] < -5
    assert adj[LEVELS.index("nickname")] > -0.1
    assert math.isnan(adj[LEVELS.index("mismatch")])   # a level with no reading is left alone


def test_a_text_with_one_reading_gets_no_adjustment():
    index = CandidateIndex.build(enumerate(_reports()))
    assert level_adjustments(LEVELS, parse_heard("刘建国"), index, {}) is None


def test_fitted_priors_recover_how_often_each_reading_is_the_true_one():
    # two readings equally common among reports; the first is the true one 80% of the time
    rng = random.Random(5)
    samples = [("a+b", {"full": 0.01, "given": 0.01}, "full" if rng.random() < 0.8 else "given")
               for _ in range(4000)]
    priors = fit_priors(samples)
    post = log2_posteriors("a+b", {"full": 0.01, "given": 0.01}, priors)
    assert abs(2 ** post["full"] - 0.8) < 0.03
    # and frequency still counts: ten times commoner as a given name tips it
    post = log2_posteriors("a+b", {"full": 0.001, "given": 0.01}, priors)
    assert 2 ** post["given"] > 0.6


def test_the_unlikely_reading_weighs_less_in_the_model_and_says_why():
    reports = _reports()
    index = CandidateIndex.build(enumerate(reports))
    plain_weights = Weights.load()
    plain_weights.adjust = {}
    spec = {"priors": {}, "reference": {"homophone": 0.0, "nickname": 0.0, "exact": 0.0}}
    with_readings = Weights.load()
    with_readings.adjust = {"name": spec}
    intake = IntakeRecord(ref="I1", name="小芳", sex="女", age_min=40, age_max=50)

    def name_component(weights):
        matcher = Matcher(MatchModel(weights=weights, strict=True), index, lambda ids: {i: reports[i] for i in ids})
        m = matcher.score_pairs(intake, [0])[0]
        return next(c for c in m.score.components if c.comparison == "name")

    plain, adjusted = name_component(plain_weights), name_component(with_readings)
    assert plain.label == adjusted.label == "homophone"
    assert adjusted.weight < plain.weight - 3
    assert "读法" in adjusted.explanation
    # capped like the term-frequency adjustment
    assert adjusted.weight >= plain.weight - with_readings.tf_cap - 1e-9


def test_reading_adjustments_survive_a_save_and_load(tmp_path):
    w = Weights.load()
    w.adjust = {"name": {"priors": {"shared": {"full": 0.5}}, "reference": {"exact": -0.3}}}
    path = tmp_path / "w.json"
    w.save(path)
    assert Weights.load(path).adjust == w.adjust


def test_the_name_comparison_tolerates_an_intake_without_a_name():
    comp = NameComparison()
    assert comp.level_adjustments(comp.prepare_intake(IntakeRecord(ref="I1", name="")), _Counts(10, {}), {}) is None
    assert level_adjustments(LEVELS, parse_heard("小芳"), _Counts(0, {}), {}) is not None
    assert np.isfinite(level_adjustments(LEVELS, parse_heard("小芳"), _Counts(0, {}), {})[LEVELS.index("nickname")])
