"""Parsing of what staff and families actually write: ages, dates, sexes, ID numbers, heights.

Every parser raises FieldError with a zh-CN message naming the field, so an import
row or a form can say exactly what is wrong.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from matchers.compare_age import UNKNOWN_AGE_WORDS, is_birth_year_text
from matchers.compare_age import parse_age_estimate as _matcher_age


class FieldError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def normalize_text(value) -> str:
    """Full-width to half-width, trimmed; None becomes ''."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_age_estimate(value, field: str = "age_estimate", ref_year: int | None = None
                       ) -> tuple[int | None, int | None]:
    """"约45岁"→(40,50), "40-50"→(40,50), "40多岁"→(40,49), "六十来岁"→(55,65), "六旬"→(60,69).

    The matcher's own parser (matchers.compare_age), so the workbench scores the
    ranges the weights were estimated on; here an unreadable text is an error that
    names the field, while "不详"/"未知" are simply unknown. `ref_year` (the found
    year) turns "1960年生" / "60后" into ages.
    """
    text = normalize_text(value)
    if not text or text in {"?", "？", "-", "--", "无"}:
        return None, None
    lo, hi = _matcher_age(text, ref_year=ref_year)
    if lo is not None and hi is not None:
        return _checked(lo, hi, text, field)
    if any(word in text for word in UNKNOWN_AGE_WORDS):
        return None, None
    if ref_year is None and is_birth_year_text(text):
        raise FieldError(field, f"“{text}”是出生年份，需同时填写发现日期才能换算成年龄")
    raise FieldError(field, f"无法识别的年龄“{text}”（可写：约45岁、40-50、40多岁、六十来岁、六旬）")


def _checked(lo: int, hi: int, text: str, field: str) -> tuple[int, int]:
    if hi > 120 or lo < 0:
        raise FieldError(field, f"年龄“{text}”超出合理范围")
    return lo, hi


def parse_date(value, field: str) -> date | None:
    """Dates as people type them: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305; Excel dates."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = normalize_text(value)
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?", text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if not m:
        raise FieldError(field, f"无法识别的日期“{text}”（应为 2024-03-05 这样的格式）")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise FieldError(field, f"日期“{text}”不存在") from None


def parse_partial_date(value, field: str) -> tuple[str, int | None, int | None, int | None]:
    """Birth dates at whatever precision families know: "1962", "1962-05", "1962年5月", full dates."""
    if value is None or value == "":
        return "", None, None, None
    if isinstance(value, (datetime, date)):
        d = value.date() if isinstance(value, datetime) else value
        return d.isoformat(), d.year, d.month, d.day
    text = normalize_text(value)
    if not text:
        return "", None, None, None
    if re.fullmatch(r"\d{4}\.0", text):          # spreadsheets turn 1962 into 1962.0
        text = text[:4]
    # "约1962年", "1962年左右": the year is what is known
    text = re.sub(r"^(?:约|大约|大概)|(?:左右|前后)$", "", text) or text
    m = re.fullmatch(r"(\d{4})年?", text)
    if m:
        y = int(m.group(1))
        _check_year(y, text, field)
        return f"{y:04d}", y, None, None
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})月?", text)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        _check_year(y, text, field)
        if not 1 <= mo <= 12:
            raise FieldError(field, f"月份“{text}”不存在")
        return f"{y:04d}-{mo:02d}", y, mo, None
    d = parse_date(text, field)
    _check_year(d.year, text, field)
    return d.isoformat(), d.year, d.month, d.day


def _check_year(year: int, text: str, field: str) -> None:
    if not 1900 <= year <= date.today().year:
        raise FieldError(field, f"年份“{text}”不在 1900 至今之间")


SEX_ALIASES = {
    "男": "男", "男性": "男", "m": "男", "male": "男", "1": "男",
    "女": "女", "女性": "女", "f": "女", "female": "女", "2": "女",
    "": "", "unknown": "", "不详": "", "未知": "", "不明": "", "u": "", "?": "", "？": "",
}


def parse_sex(value, field: str = "sex") -> str:
    text = normalize_text(value).lower()
    if text in SEX_ALIASES:
        return SEX_ALIASES[text]
    # a doubtful entry ("男?", "疑似女性", "男(待核实)") is still the staff's best reading
    doubt = re.sub(r"[?？]|\((?:疑似|待核实|待确认|不确定)\)|疑似|待核实|性$", "", text).strip()
    if doubt and doubt != text and doubt in SEX_ALIASES:
        return SEX_ALIASES[doubt]
    raise FieldError(field, f"性别“{normalize_text(value)}”无效（应为 男 / 女 / 不详）")


def parse_height(value, field: str = "height_cm") -> float | None:
    text = normalize_text(value).lower().replace("厘米", "").replace("cm", "").replace("约", "").replace("左右", "").strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d(?:\.\d+)?)\s*(m|米)", text)
    if m:
        cm = float(m.group(1)) * 100
    else:
        m2 = re.fullmatch(r"(\d{2,3})\s*[-~至到]\s*(\d{2,3})", text)
        if m2:
            cm = (float(m2.group(1)) + float(m2.group(2))) / 2
        else:
            try:
                cm = float(text)
            except ValueError:
                raise FieldError(field, f"身高“{normalize_text(value)}”无法识别（应为厘米数，如 168）") from None
    if not 40 <= cm <= 230:
        raise FieldError(field, f"身高 {cm:g} 厘米不在 40–230 之间")
    return round(cm, 1)


def parse_id_number(value, field: str = "id_number") -> str:
    """A remembered 居民身份证号: checksum, birth date and region are validated by python-stdnum."""
    text = normalize_text(value).upper().replace(" ", "")
    if not text:
        return ""
    try:
        return ric.validate(text)
    except InvalidLength:
        raise FieldError(field, f"身份证号“{text}”位数不对（应为 18 位）") from None
    except InvalidChecksum:
        raise FieldError(field, f"身份证号“{text}”校验位不正确") from None
    except InvalidComponent:
        raise FieldError(field, f"身份证号“{text}”中的出生日期或地区码无效") from None
    except InvalidFormat:
        raise FieldError(field, f"身份证号“{text}”格式不对") from None
    except ValidationError as exc:
        raise FieldError(field, f"身份证号“{text}”无效：{exc}") from None


def parse_phone(value, field: str = "contact_phone") -> str:
    text = normalize_text(value)
    if not text:
        return ""
    digits = re.sub(r"[\s\-()（）+]", "", text)
    if not digits.isdigit() or not 5 <= len(digits) <= 15:
        raise FieldError(field, f"联系电话“{text}”无效")
    return text


def split_list(value, commas: bool = False) -> list[str]:
    """'a;b；c、d' → ['a','b','c','d'] for alt names, place hints and photo lists;
    `commas` also splits at ,/， (names and hints, never file paths)."""
    text = normalize_text(value)
    if not text:
        return []
    return [p.strip() for p in re.split(r"[;；、\n|,]" if commas else r"[;；、\n|]", text) if p.strip()]


def mask_phone(phone: str) -> str:
    digits = phone or ""
    if len(digits) <= 4:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7 if len(digits) > 7 else 1) + digits[-4:]


def mask_id_number(number: str) -> str:
    if not number:
        return ""
    return number[:6] + "********" + number[-4:] if len(number) >= 10 else "*" * len(number)
