import pytest

from tracing.parsing import (FieldError, parse_age_estimate, parse_date, parse_height, parse_id_number,
                             parse_partial_date, parse_sex)


@pytest.mark.parametrize("text,expected", [
    ("约45岁", (40, 50)), ("40-50", (40, 50)), ("40多岁", (40, 49)), ("六十来岁", (55, 65)),
    ("45", (40, 50)), ("五十岁左右", (45, 55)), ("三十出头", (30, 34)), ("40~50岁", (40, 50)), ("", (None, None)),
    ("不详", (None, None)), ("４５", (40, 50)), ("年龄不详", (None, None)), ("四五十岁", (40, 59)),
    ("六旬老人", (60, 69)), ("十七八岁", (14, 21)), ("约60-70岁", (60, 70)), ("50岁以上", (50, 70)),
    ("看起来50岁", (45, 55)), ("花甲", (60, 69)),
])
def test_age_estimates_as_staff_write_them_become_ranges(text, expected):
    assert parse_age_estimate(text) == expected


@pytest.mark.parametrize("text", ["约45岁", "45", "四十五岁", "老年", "四五十岁", "60来岁", "40-50", "二十七八",
                                  "六旬", "50岁以上", "三十出头", "年龄不详"])
def test_import_reads_an_age_exactly_as_the_matcher_does(text):
    """The weights were estimated on the matcher's ranges: the workbench must store the same."""
    from matchers.compare_age import parse_age_estimate as matcher_parse
    assert parse_age_estimate(text) == matcher_parse(text)


def test_a_birth_decade_is_an_age_at_the_found_date_or_an_error_naming_the_field():
    assert parse_age_estimate("60后", ref_year=2024) == (54, 64)
    assert parse_age_estimate("1960年生", ref_year=2024) == (63, 64)
    assert parse_age_estimate("59年生", ref_year=2024) == (64, 65)      # a two-digit year is 19xx
    assert parse_age_estimate("05年出生", ref_year=2024) == (18, 19)    # ... or 20xx, not after the date
    for text in ("60后", "59年生"):
        with pytest.raises(FieldError) as exc:
            parse_age_estimate(text)
        assert exc.value.field == "age_estimate" and "发现日期" in exc.value.message


def test_unreadable_age_names_the_field():
    with pytest.raises(FieldError) as exc:
        parse_age_estimate("很老")
    assert exc.value.field == "age_estimate"


def test_a_doubtful_sex_is_the_staff_reading_and_nonsense_is_still_an_error():
    assert parse_sex("男?", "sex") == "男"
    assert parse_sex("疑似女性", "sex") == "女"
    assert parse_sex("男（待核实）", "sex") == "男"
    with pytest.raises(FieldError):
        parse_sex("男女", "sex")


def test_an_approximate_birth_year_keeps_the_year():
    assert parse_partial_date("约1962年", "birth_date") == ("1962", 1962, None, None)
    assert parse_partial_date("1962年左右", "birth_date") == ("1962", 1962, None, None)


def test_birth_dates_keep_their_precision():
    assert parse_partial_date("1962", "birth_date") == ("1962", 1962, None, None)
    assert parse_partial_date("1962年5月", "birth_date") == ("1962-05", 1962, 5, None)
    assert parse_partial_date("1962/5/3", "birth_date") == ("1962-05-03", 1962, 5, 3)
    with pytest.raises(FieldError):
        parse_partial_date("1962-13", "birth_date")


def test_dates_in_common_chinese_forms():
    assert str(parse_date("2024年3月5日", "found_date")) == "2024-03-05"
    assert str(parse_date("20240305", "found_date")) == "2024-03-05"
    with pytest.raises(FieldError) as exc:
        parse_date("2024-02-30", "found_date")
    assert "不存在" in exc.value.message


def test_sex_accepts_aliases_and_rejects_others():
    assert parse_sex("男性") == "男" and parse_sex("F") == "女" and parse_sex("不详") == ""
    with pytest.raises(FieldError):
        parse_sex("x")


def test_height_in_metres_or_ranges():
    assert parse_height("1.68米") == 168
    assert parse_height("165-170") == 167.5
    with pytest.raises(FieldError):
        parse_height("300")


def test_wrong_id_number_checksum_is_a_clear_error():
    assert parse_id_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(FieldError) as exc:
        parse_id_number("110105194912310021")
    assert "校验位" in exc.value.message
    with pytest.raises(FieldError) as exc:
        parse_id_number("1101051949")
    assert "位数" in exc.value.message
