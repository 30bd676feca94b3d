"""A remembered ID number dates the birth and tells the sex, not only the county."""
from __future__ import annotations

from datetime import date

from matchers.compare_age import AgeComparison
from matchers.compare_sex import FEMALE, MALE, UNKNOWN, SexComparison
from matchers.idcard import id_birth_date, id_sex
from matchers.records import IntakeRecord, ReportRecord

AGE, SEX = AgeComparison(), SexComparison()
FOUND = date(2025, 6, 1)


def age_label(id_number="", age=(None, None), birth_year=1975):
    a = AGE.prepare_intake(IntakeRecord("i", id_number=id_number, age_min=age[0], age_max=age[1],
                                        found_date=FOUND))
    return AGE.compare(a, AGE.prepare_report(ReportRecord("r", birth_year=birth_year)))


def test_birth_date_and_sex_are_read_from_18_and_15_digit_numbers():
    assert id_birth_date("431123197503021237") == date(1975, 3, 2)
    assert id_birth_date("431123 750302 123") == date(1975, 3, 2)
    assert id_sex("431123197503021237") == MALE and id_sex("431123197503021227") == FEMALE
    assert id_birth_date("431123197513021237") is None and id_sex("garbage") == UNKNOWN


def test_an_id_number_makes_the_age_exact_when_it_fits_how_old_the_person_looks():
    assert age_label("431123197503021237", (45, 55)).label == "centre"
    assert "身份证号" in age_label("431123197503021237", (45, 55)).explanation
    # born 1985 by the card: 40 at the found date, against a report born 1975
    assert age_label("431123198503021237", (35, 50)).label in ("near", "far")
    # a card 35 years off the estimate is someone else's: the estimate stands
    assert age_label("431123199003021237", (70, 80)).label == age_label("", (70, 80)).label
    assert age_label("431123197503021237").label == "centre"        # no estimate at all


def test_an_id_number_gives_the_sex_only_when_staff_wrote_none():
    assert SEX.prepare_intake(IntakeRecord("i", id_number="431123197503021227")) == FEMALE
    assert SEX.prepare_intake(IntakeRecord("i", sex="男", id_number="431123197503021227")) == MALE


def test_the_middle_of_a_very_wide_estimate_is_no_better_than_the_rest_of_it():
    # "成年" (18-70): 44 is its middle by arithmetic only
    wide = AGE.prepare_intake(IntakeRecord("i", age_min=18, age_max=70, found_date=FOUND))
    assert AGE.compare(wide, AGE.prepare_report(ReportRecord("r", birth_year=1981))).label == "within"
    narrow = AGE.prepare_intake(IntakeRecord("i", age_min=40, age_max=50, found_date=FOUND))
    assert AGE.compare(narrow, AGE.prepare_report(ReportRecord("r", birth_year=1980))).label == "centre"


def test_an_id_number_said_among_the_place_hints_is_read_like_the_id_field():
    """Staff write what the person said where they write places: "自述身份证号…",
    "身份证前6位…", "记得身份证<14 digits>"; a start says what it holds."""
    from matchers.compare_place import PlaceHintComparison
    from matchers.idcard import id_in_text, remembered_id

    assert id_in_text("自述身份证号43292519740504019x") == "43292519740504019X"
    assert id_in_text("身份证 4329 2519 7405 0401 97") == "432925197405040197"
    assert id_in_text("身份证前6位210922") == "210922"
    assert id_in_text("500118199802101435") == "500118199802101435"         # a whole number needs no word
    assert id_in_text("会背一个号码13786767591") == "" and id_in_text("家门牌号120806") == ""
    said = IntakeRecord("i", place_hints=["江永县", "记得身份证43112319750302"], age_min=40, age_max=60,
                        found_date=FOUND)
    assert remembered_id(said) == "43112319750302"
    assert remembered_id(IntakeRecord("i", id_number="431123197503021227", place_hints=["身份证210922"])) \
        == "431123197503021227"                                              # the field comes first
    a = AGE.prepare_intake(said)
    assert AGE.compare(a, AGE.prepare_report(ReportRecord("r", birth_year=1975))).label == "centre"
    assert AGE.compare(a, AGE.prepare_report(ReportRecord("r", birth_year=1970))).label in ("close", "near")
    assert SEX.prepare_intake(said) == UNKNOWN                               # no sex digit in a start
    assert SEX.prepare_intake(IntakeRecord("i", place_hints=["身份证431123197503021227"])) == FEMALE
    pc = PlaceHintComparison()
    start = pc.prepare_intake(IntakeRecord("i", place_hints=["身份证前6位431123"]))
    assert pc.compare(start, pc.prepare_report(ReportRecord("r", hometown="湖南省永州市双牌县"))).label == "county"
    assert pc.compare(start, pc.prepare_report(ReportRecord("r", hometown="四川省汶川县"))).label == "no_overlap"
    # the words around the number are no village the report could fail to name
    assert [h.text for h in pc.prepare_intake(said).hints if not h.text.startswith("身份证")] == ["江永县"]
