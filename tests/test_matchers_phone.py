"""A phone number the person recites against the report's contact phone."""
from __future__ import annotations

from datetime import date

from matchers.compare_phone import PhoneComparison, phones_in, without_phones
from matchers.compare_place import PlaceHintComparison, prepare_hints
from matchers.engine import Matcher
from matchers.index import CandidateIndex
from matchers.model import MatchModel
from matchers.records import IntakeRecord, ReportRecord

PC = PhoneComparison()


def level(hints, contact):
    return PC.compare(PC.prepare_intake(IntakeRecord("i", place_hints=list(hints))),
                      PC.prepare_report(ReportRecord("r", contact_phone=contact)))


def test_numbers_are_read_as_families_and_staff_write_them():
    assert phones_in("180 3617 5311 女婿") == ("18036175311",)
    assert phones_in("185-8996-0121") == ("18589960121",)
    assert phones_in("联系人唐先生15573676819，或0364-36022960（明溪派出所）") == ("15573676819", "036436022960")
    assert phones_in("151****7695") == ("151****7695",)
    assert phones_in("身份证431123197503021227") == ()          # an ID number's digits are no phone
    assert phones_in("家住10组，2019年走失") == ()


def test_the_same_number_one_slip_or_a_half_hidden_match_are_graded():
    assert level(["会背一个号码13953605391"], "家属电话：139-5360-5391").label == "same"
    assert level(["记得家人电话13953605392"], "13953605391").label == "near"        # one digit off
    assert level(["电话13953605319"], "13953605391").label == "near"                # two swapped
    assert level(["说13953605391是女儿电话"], "139****5391").label == "near"         # the digits shown agree
    assert level(["会背一个号码13953605391"], "139****5392").label == "differ"
    assert level(["会背一个号码13811112222"], "13953605391").label == "differ"
    assert level(["会背一个号码13811112222"], "").label == "null"
    assert level(["双牌县"], "13953605391").label == "null"


def test_a_recited_number_is_shown_half_hidden_and_is_no_place_hint():
    res = level(["会背一个号码13953605391"], "13953605391")
    assert "139****5391" in res.explanation and "13953605391" not in res.explanation
    assert prepare_hints(["会背一个号码13953605391"]) is None
    kept = prepare_hints(["问家在哪说双牌，会背一个号码13953605391"])
    assert kept is not None and all("139" not in h.text for h in kept.hints)
    assert without_phones("说18229492350是女儿电话") == ""
    place = PlaceHintComparison()
    a = place.prepare_intake(IntakeRecord("i", place_hints=["记得家人电话13953605391", "住在河边"]))
    explained = place.compare(a, place.prepare_report(ReportRecord("r", hometown="湖南省双牌县"))).explanation
    assert "13953605391" not in explained


def test_an_intake_with_no_name_who_recites_the_family_number_finds_its_report_first():
    model = MatchModel(strict=True)
    reports = [ReportRecord(f"R{i}", name=f"王{'建国明华伟芳'[i % 6]}{'一二三四五'[i % 5]}", sex="男",
                            birth_year=1960 + i % 30, hometown="河南省周口市商水县",
                            missing_date=date(2020, 1, 1), contact_phone=f"1390000{i:04d}")
               for i in range(3000)]
    index = CandidateIndex.build(enumerate(reports))
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})
    intake = IntakeRecord("i", sex="男", age_min=50, age_max=70, found_date=date(2024, 5, 1),
                          place_hints=["会背一个号码13900001234"])
    ranked = matcher.rank(intake, top=3)
    assert ranked[0].report_id == 1234
    assert ranked[0].score.probability > 0.9 > ranked[1].score.probability
    phone = next(c for c in ranked[0].score.components if c.comparison == "phone")
    assert phone.label == "same" and phone.weight > 15


def test_a_matcher_just_added_gets_its_weights_estimated_and_nothing_else_moves():
    """`matchers.estimate --add-levels`: the levels of a comparison the weights file
    has none for, estimated on the training set; a recited number held by no other
    report is counted over every intake x report, not over a sample."""
    from matchers.estimate import add_comparison_levels
    from matchers.model import Weights

    shipped = Weights.load("matchers/weights.json")
    without = Weights.load("matchers/weights.json")
    del without.comparisons["phone"]
    added = add_comparison_levels(without, seed=7, n_reports=3000, n_intakes=3000, faces=0.0, quiet=True)
    w = {lab: lw.weight for lab, lw in added.comparisons["phone"].items()}
    assert w["same"] > w["near"] > 5 > 0 > w["differ"]
    assert w["same"] > 15          # no chance agreement among 9 million pairs
    assert {k: v for k, v in added.comparisons.items() if k != "phone"} == \
        {k: v for k, v in shipped.comparisons.items() if k != "phone"}
    assert "phone" in added.meta["added_comparisons"]


def test_a_number_noted_among_the_features_is_recited_too_but_an_id_number_is_not():
    c = PhoneComparison()
    report = c.prepare_report(ReportRecord("r", contact_phone="151 ****7695"))
    said = c.prepare_intake(IntakeRecord("i", features="言语不清，记得电话15123457695"))
    assert c.compare(said, report).label == "near"
    assert c.prepare_intake(IntakeRecord("i", features="自述身份证号211325198509194128")) == ()
