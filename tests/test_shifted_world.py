"""The shifted synthetic world: same people and truth as SynthSet, other phrasing and noise.

It is only useful if it is deterministic, if its truth still describes what its
records say (the clue ceiling and the labels rest on it), if it really differs
from the base world, and if the workbench imports every row it writes.
"""
import random

import pytest

from bench.shifted_world import CITIES, SHIFT_P, ShiftedSynthSet, _province_short_names, rephrase_dialect
from matchers.compare_age import parse_age_estimate
from matchers.synth import _DIALECTS, SynthSet

SEED, N_REPORTS, N_INTAKES = 21, 200, 100


@pytest.fixture(scope="module")
def worlds():
    return SynthSet(SEED, N_REPORTS, N_INTAKES), ShiftedSynthSet(SEED, N_REPORTS, N_INTAKES)


def test_same_seed_gives_the_same_records_and_any_record_can_be_regenerated(worlds):
    _base, shifted = worlds
    again = ShiftedSynthSet(SEED, N_REPORTS, N_INTAKES)
    assert [r for _i, r, _t in shifted.reports()] == [r for _i, r, _t in again.reports()]
    assert [rec for rec, _t in shifted.intakes] == [rec for rec, _t in again.intakes]
    # random access: one record alone is the record of the whole stream
    assert again.intake_at(57)[0] == shifted.intakes[57][0]
    assert again.report_at(123)[0] == shifted.report_at(123)[0]
    assert ShiftedSynthSet(SEED + 1, N_REPORTS, N_INTAKES).report_at(5)[0] != shifted.report_at(5)[0]


def test_base_world_output_is_untouched(worlds):
    base, _shifted = worlds
    fresh = SynthSet(SEED, N_REPORTS, N_INTAKES)
    assert [rec for rec, _t in fresh.intakes] == [rec for rec, _t in base.intakes]
    assert fresh.report_at(9)[0] == base.report_at(9)[0]


def test_truth_still_describes_what_the_records_say(worlds):
    base, shifted = worlds
    for (rec, t), (_brec, bt) in zip(shifted.intakes, base.intakes):
        assert (t.age_lo, t.age_hi) == parse_age_estimate(t.age_text) == (rec.age_min, rec.age_max)
        assert t.sex in ("男", "女", "")
        assert t.sex_flipped == (bool(t.sex) and t.sex != t.person.sex)
        assert rec.sex in ("", t.sex, t.sex + "性", t.sex + "（疑似）")
        assert (rec.height_cm or 0) == t.height
        assert not t.height or abs(t.height - t.person.height) <= 7
        # the same person, pairing and label as the base world
        assert (t.true_index, t.category, t.name_clue) == (bt.true_index, bt.category, bt.name_clue)
        if t.true_index is not None:
            rep, rt = shifted.report_at(t.true_index)
            assert rep.name == t.person.surname + t.person.given
            assert rt.person.birth == t.person.birth and rt.person.county == t.person.county
        # every clue is in a hint as said, and every hint carries a clue
        assert len(rec.place_hints) == len(set(rec.place_hints))
        for _kind, text in t.hint_clues:
            assert any(text in h for h in rec.place_hints)
        if t.dialect_provinces:
            assert rec.dialect
            assert t.accent_misheard == (t.person.county.prov_code not in t.dialect_provinces)
        if t.category == "none":
            assert t.name_clue is None


def test_a_rephrased_accent_names_its_province_or_one_of_its_cities():
    rng = random.Random(3)
    for code in _DIALECTS:
        names = (_province_short_names()[code],) + CITIES.get(code, ())
        for _ in range(20):
            label = rephrase_dialect(rng, code)
            assert any(name in label for name in names), (code, label)


def test_the_shifts_really_happen(worlds):
    base, shifted = worlds
    pairs = list(zip(base.intakes, shifted.intakes))
    n = len(pairs)
    assert sum(b[1].age_text != s[1].age_text for b, s in pairs) > 0.5 * n
    with_label = [(b, s) for b, s in pairs if b[0].dialect]
    assert sum(b[0].dialect != s[0].dialect for b, s in with_label) > 0.15 * len(with_label)
    assert sum(b[0].place_hints != s[0].place_hints for b, s in pairs) > 0.1 * n
    assert sum(b[0].features != s[0].features for b, s in pairs) > 0.1 * n
    reps = [(base.report_at(i)[0], shifted.report_at(i)[0]) for i in range(N_REPORTS)]
    assert sum(a.hometown != b.hometown for a, b in reps) > 0.3 * N_REPORTS
    assert sum(bool(a.birth_month) and not b.birth_month for a, b in reps) > 0.1 * sum(bool(a.birth_month)
                                                                                          for a, _b in reps)
    # every report stays the same person
    assert all(a.name == b.name and a.sex == b.sex and a.birth_year == b.birth_year for a, b in reps)
    assert SHIFT_P["sex_flip"] > 0.02


def test_written_csvs_import_without_a_row_error(app, db, tmp_path):
    from tracing import importer

    paths = ShiftedSynthSet(SEED, N_REPORTS, N_INTAKES).write_csv(tmp_path)
    limits = {"max_bytes": app.config["PHOTO_MAX_BYTES"], "max_pixels": app.config["PHOTO_MAX_PIXELS"]}
    text = paths["reports"].read_text(encoding="utf-8")
    assert "年" in text and "性," in text        # the CSV varies its date and sex formats
    for kind in ("reports", "intakes"):
        result = importer.run_import(db, kind, paths[kind], actor="test", strict=True,
                                     media_root=app.config["MEDIA_PATH"], photo_limits=limits)
        n = N_REPORTS if kind == "reports" else N_INTAKES
        assert (result.created, result.failed) == (n, 0), result.errors[:3]
    labels = paths["labels"].read_text(encoding="utf-8").splitlines()
    assert len(labels) == N_INTAKES + 1
