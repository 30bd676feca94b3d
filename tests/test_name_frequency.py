"""How often names repeat in the database, read against the world the weights
came from (matchers/name_frequency.py): the spectrum, its ratios, the
correction, and the engine applying it to a shared name's rarity."""
from __future__ import annotations

import dataclasses
import math

import pytest

from matchers import name_frequency as nf
from matchers.engine import Matcher
from matchers.index import CandidateIndex
from matchers.keys import report_name_keys
from matchers.model import MatchModel
from matchers.records import IntakeRecord, ReportRecord
from matchers.synth import SynthSet


def test_spectrum_counts_keys_by_how_many_reports_hold_them():
    assert nf.spectrum([1, 1, 1, 2, 2, 3, 9], max_df=2) == [3, 2, 1]
    assert nf.spectrum([], max_df=2) == [0, 0, 0]


def test_ratios_are_good_turing_and_silent_where_keys_are_few():
    spec = [400, 100, 40, 5]
    g = nf.ratios(spec, min_keys=30)
    assert g[0] == pytest.approx(1 * 400 / (2 * 100))
    assert g[1] == pytest.approx(2 * 100 / (3 * 40))
    assert g[2] is None                      # 5 keys held by 4 reports: noise


def test_a_database_whose_names_repeat_more_than_the_reference_loses_bits():
    ref = {"sizes": [20000], "ratios": {"F:": [[4.0, 2.0]]}}
    db = {"F:": [400, 100, 40]}               # g(1) = 2, g(2) = 1.67
    bits = nf.corrections(db, ref, 20000)["F:"]
    assert bits[0] == pytest.approx(math.log2(2.0 / 4.0))
    assert bits[1] == pytest.approx(math.log2((2 * 100 / (3 * 40)) / 2.0))
    # spread like the reference: nothing changes
    same = {"sizes": [20000], "ratios": {"F:": [nf.ratios([400, 100, 40])]}}
    assert nf.corrections(db, same, 20000) == {}


def test_the_correction_is_capped_and_needs_a_reference():
    assert nf.correction_bits([0.01], [100.0], 1) == -nf.MAX_BITS
    assert nf.correction_bits([100.0], [0.01], 1) == nf.MAX_BITS
    assert nf.correction_bits([2.0], None, 1) == 0.0
    assert nf.correction_bits([2.0], [None], 1) == 0.0
    assert nf.correction_bits([2.0], [4.0], 5) == 0.0      # beyond what was measured
    assert nf.corrections({"F:": [400, 100]}, {}, 1000) == {}


def test_the_reference_is_interpolated_in_log_size_between_measured_sizes():
    ref = {"sizes": [10000, 1000000], "ratios": {"F:": [[2.0, None], [8.0, 3.0]]}}
    mid = nf.reference_at(ref, "F:", 100000)            # halfway in log size
    assert mid[0] == pytest.approx(4.0) and mid[1] is None
    assert nf.reference_at(ref, "F:", 10) == [2.0, None]
    assert nf.reference_at(ref, "F:", 10**8) == [8.0, 3.0]
    assert nf.reference_at(ref, "G:", 100000) is None


@pytest.fixture(scope="module")
def world():
    synth = SynthSet(seed=4242, n_reports=3000, n_intakes=1)
    reports = {i: rep for i, rep, _t in synth.reports()}
    return reports, CandidateIndex.build(reports.items())


def test_the_index_counts_its_name_keys_by_how_many_reports_hold_them(world):
    reports, index = world
    held: dict[str, int] = {}
    for rep in reports.values():
        for k in report_name_keys(rep):
            held[k] = held.get(k, 0) + 1
    expected = nf.spectrum([c for k, c in held.items() if k.startswith("F:")], 4)
    assert index.key_spectrum("F:", 4) == expected
    first = next(iter(reports))
    index.remove(first)                       # the spectrum follows the index
    assert index.key_spectrum("F:", 4) != expected or sum(expected) == 0
    index.add(first, reports[first])
    assert index.key_spectrum("F:", 4) == expected


def _name_weight(model, reports, index, intake, rid):
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})
    match = matcher.score_pairs(intake, [rid])[0]
    return next(c for c in match.score.components if c.comparison == "name")


def test_a_name_held_once_weighs_less_where_names_repeat_more_than_in_the_reference(world):
    reports, index = world
    held: dict[str, list[int]] = {}
    for i, rep in reports.items():
        for k in report_name_keys(rep):
            if k.startswith("F:"):
                held.setdefault(k, []).append(i)
    rid = next(ids[0] for k, ids in held.items() if len(ids) == 1 and reports[ids[0]].name)
    rep = reports[rid]
    intake = IntakeRecord(ref="I", name=rep.name, sex=rep.sex)
    plain = MatchModel(strict=True)
    own = nf.ratios(index.key_spectrum("F:", nf.MAX_DF))
    assert own[0] is not None
    # reference = this database: no change at all
    same = dataclasses.replace(plain.weights, name_spectra={
        "sizes": [len(index)], "ratios": {"F:": [own], "G:": [nf.ratios(index.key_spectrum("G:", nf.MAX_DF))]}})
    base = _name_weight(MatchModel(weights=dataclasses.replace(plain.weights, name_spectra={}), strict=True),
                        reports, index, intake, rid)
    assert base.label == "exact"
    assert _name_weight(MatchModel(weights=same, strict=True), reports, index, intake, rid).weight \
        == pytest.approx(base.weight)
    # a reference world where a name held once was four times as telling: two bits less here
    rarer = dataclasses.replace(plain.weights, name_spectra={
        "sizes": [len(index)], "ratios": {"F:": [[own[0] * 4] + own[1:]]}})
    lower = _name_weight(MatchModel(weights=rarer, strict=True), reports, index, intake, rid)
    assert lower.weight == pytest.approx(base.weight - 2.0, abs=0.01)


def test_the_reference_measured_on_a_synthetic_set_corrects_that_set_by_nothing():
    from matchers.estimate import name_spectra

    ref = name_spectra(seed=500, sizes=[3000], quiet=True)
    assert ref["sizes"] == [3000] and ref["seeds"] == [3500]
    assert set(ref["ratios"]) == set(nf.KINDS) and ref["ratios"]["F:"][0][0] is not None
    synth = SynthSet(seed=3500, n_reports=3000, n_intakes=1)
    index = CandidateIndex.build((i, rep) for i, rep, _t in synth.reports())
    model = MatchModel(weights=dataclasses.replace(MatchModel().weights, name_spectra=ref))
    matcher = Matcher(model, index, lambda ids: {i: synth.report_at(i)[0] for i in ids})
    assert matcher.name_frequency_bits() == {}
