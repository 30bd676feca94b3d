import pytest

from tracing.parsing import (FieldError, parse_age_estimate, parse_date, parse_height, parse_id_number,
                             parse_partial_date, parse_sex)


@pytest.mark.parametrize("text,expected", [
    ("约45岁", (40, 50)), ("40-50", (40, 50)), ("40多岁", (40, 49)), ("六十来岁", (55, 65)),
    ("45", (42, 48)), ("五十岁左右", (45, 55)), ("三十出头", (30, 34)), ("40~50岁", (40, 50)), ("", (None, None)),
    ("不详", (None, None)), ("４５", (42, 48)),
])
def test_age_estimates_as_staff_write_them_become_ranges(text, expected):
    assert parse_age_estimate(text) == expected


def test_unreadable_age_names_the_field():
    with pytest.raises(FieldError) as exc:
        parse_age_estimate("很老")
    assert exc.value.field == "age_estimate"


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
