"""Parsing of what staff and families actually write: ages, dates, sexes, ID numbers, heights.

Every parser raises FieldError with a zh-CN message naming the field, so an import
row or a form can say exactly what is wrong.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from stdnum.cn import ric
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from matchers.compare_age import MAX_AGE, UNKNOWN_AGE_WORDS, cn_number, is_birth_year_text
from matchers.compare_age import parse_age_estimate as _matcher_age
from matchers.idcard import EARLIEST_YEAR
from matchers.text import to_simplified


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
    number = re.search(r"\d+", text)
    if number and int(number.group()) > MAX_AGE and not is_birth_year_text(text):
        raise _age_out_of_range(text, field)
    raise FieldError(field, f"无法识别的年龄“{text}”（可写：约45岁、40-50、40多岁、六十来岁、六旬）")


def _age_out_of_range(text: str, field: str) -> FieldError:
    return FieldError(field, f"年龄“{text}”超出可能的范围（0–{MAX_AGE} 岁）")


def _checked(lo: int, hi: int, text: str, field: str) -> tuple[int, int]:
    if hi > MAX_AGE or lo < 0:
        raise _age_out_of_range(text, field)
    return lo, hi


# Written when nobody knows; a cell holding only this (and no digit) is unknown, not an error.
UNKNOWN_WORDS = ("不详", "未知", "不清楚", "不知道", "不记得", "记不清", "记不得", "忘了", "忘记了", "不明",
                 "说不清", "unknown")
_UNKNOWN_CELLS = {"?", "??", "-", "--", "—", "无", "没有", "n/a", "na", "none", "null"}


def _is_unknown(text: str) -> bool:
    """"不详", "？", "无", "不记得了", "(不详)": nothing known and no digit written."""
    bare = re.sub(r"[()\[\]【】。.,，!！\s]", "", text).lower()
    if not bare or bare in _UNKNOWN_CELLS:
        return True
    return not re.search(r"\d", bare) and any(word in bare for word in UNKNOWN_WORDS)


# ---------------------------------------------------------------------------------------------
# Dates

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_CN_DIGITS = "〇○零一二两三四五六七八九"


def _cn_or_written(m: re.Match) -> str:
    """A month or day in Chinese numerals as digits; left as written when it is not one."""
    value = cn_number(m.group(1))
    return str(value) if value else m.group(1)


def _two_digit_year(yy: int) -> int:
    """"10年" → 2010, "75年": the latest century in which the year is not in the future."""
    year = 2000 + yy
    return year if year <= date.today().year else year - 100


# part of a month → the day used when a full date must be stored (middle of the 旬)
_MONTH_PARTS = {"初": 5, "上旬": 5, "中旬": 15, "中": 15, "下旬": 25, "底": 25, "末": 25}
# part of a year → (month, day) used when a full date must be stored
# a season or a festival said after the year ("2017年春天", _vague_date): looked for in this order
_SEASONS = {"春节": (2, 1), "上半年": (4, 1), "下半年": (10, 1), "春": (4, 15), "夏": (7, 15), "暑假": (7, 15),
            "秋": (10, 15), "国庆": (10, 1), "冬": (12, 15), "寒假": (1, 25)}
_YEAR_PARTS = {"初": (1, 15), "中": (7, 1), "底": (12, 15), "末": (12, 15), **_SEASONS}
_LUNAR_MONTHS = {"正月": "1月", "冬月": "11月", "腊月": "12月"}
_TIME_OF_DAY = ("上午", "下午", "中午", "晚上", "早上", "凌晨", "傍晚", "夜里", "夜间", "晚间", "清晨", "早晨",
                "白天", "午后", "半夜", "深夜", "晚", "早", "夜")
_TIME_SUFFIX = re.compile(
    r"(?:星期[一二三四五六日天]|周[一二三四五六日天])?"
    r"(?:" + "|".join(_TIME_OF_DAY) + r")?"
    r"(?:\d{1,2}(?::\d{1,2}(?::\d{1,2})?|[时点](?:\d{1,2}分?|半|多|许|左右)?))?"
    r"(?:左右|许|前后)?$")
_MONTH_PART_RE = "(初|上旬|中旬|下旬|中|底|末)?"
_DATE_FORMS = (
    # (pattern, has month, has day); a year is four digits, or two before 年
    (re.compile(r"(\d{4}|\d{2})年(\d{1,2})月(\d{1,2})[日号]?"), True, True),
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), True, True),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), True, True),
    # "201508" ("2015 08" is read without its space): a year and month in digits (a year
    # 1880-2099, then 01-12)
    (re.compile(r"((?:18[89]|19\d|20\d)\d)(0[1-9]|1[0-2])" + _MONTH_PART_RE), True, False),
    (re.compile(r"(\d{4}|\d{2})年(\d{1,2})月?" + _MONTH_PART_RE), True, False),
    (re.compile(r"(\d{4})[-/.](\d{1,2})" + _MONTH_PART_RE), True, False),
    (re.compile(r"(\d{4}|\d{2})年(初|中|底|末)?"), False, False),
    (re.compile(r"(\d{4})"), False, False),
)
_PLAIN_DATE = re.compile(r"\d{4}(?:-\d{1,2}){0,2}")
_DATE_HINT = "（可写：2024-03-05、2024年3月5日、2010年5月、2010年、约1975年、10年5月）"


def _date_parts(value, field: str) -> tuple[int, int | None, int | None, str] | None:
    """`_read_date_parts`, read again without spaces when it fails ("199 2-05-05", "1942 -05-31",
    "20 04年秋天")."""
    return _read_with_stray_spaces(_read_date_parts, value, field)


def _read_with_stray_spaces(read, value, field: str):
    """read(value, field); a cell it cannot read is read again without its spaces (a space typed
    into a number: dirty cells), and if that fails too the first error stands."""
    try:
        return read(value, field)
    except FieldError:
        if not isinstance(value, str) or not re.search(r"\s", value.strip()):
            raise
        try:
            return read(re.sub(r"\s+", "", value), field)
        except FieldError:
            pass
        raise


# words that make a written date approximate, before it ("约1991年") and after it ("1991年左右"):
# dropped when reading the date, and what makes a year's precision "circa" (_year_precision)
_APPROX_BEFORE = "大约|大概|大致|约莫|约|估计|据说"
_APPROX_AFTER = "左右|前后|上下|许"


def _read_date_parts(value, field: str) -> tuple[int, int | None, int | None, str] | None:
    """(year, month or None, day or None, part of the month/year said: "初", "下旬"…, else "").

    Normalises what people write: Chinese numerals (二〇一〇年五月一日, 一九七五年), two-digit
    years (75年 → 1975), "约/大约/大概…左右/前后", "1975年生", a time of day after the date
    (2010年5月1日下午), a note in brackets. A lunar date (农历/阴历/正月/腊月, or a day written
    初二) keeps year and month as written and drops the day. None for empty or "不详"."""
    text = normalize_text(value)
    if _PLAIN_DATE.fullmatch(text):       # most cells: ISO digits, which no normalisation below changes
        return _read_date_forms(text, text, False, field)
    if not text or _is_unknown(text):
        return None
    t = re.sub(r"\s+", " ", to_simplified(text))
    if re.fullmatch(r"\d{4}\.0", t):                 # spreadsheets turn 1962 into 1962.0
        t = t[:4]
    lunar = bool(re.search(r"农历|阴历|旧历|正月|冬月|腊月", t))
    t = re.sub(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】", "", t)                  # notes in brackets
    t = re.sub(r"农历|阴历|旧历|公历|阳历|新历", "", t).strip()
    for word, month in _LUNAR_MONTHS.items():
        t = t.replace(word, month)
    t = t.replace("廿", "二十").replace("卅", "三十")
    # Chinese numerals: the year digit by digit, month and day as numbers
    t = re.sub(f"[{_CN_DIGITS}]{{2,4}}(?=年)", lambda m: "".join(str(_CN_DIGIT[c]) for c in m.group()), t)
    t = re.sub(r"(?<=年)([一二三四五六七八九十]{1,3})(?=月)",
               _cn_or_written, t)
    m = re.search(r"(?<=月)初([一二三四五六七八九十]{1,2})(?![\d旬])", t)    # 初二: a lunar day
    if m:
        lunar = True
        t = t[:m.start()] + t[m.end():]
    t = re.sub(r"(?<=月)([一二三四五六七八九十]{1,3})(?=[日号]|$)",
               _cn_or_written, t)
    t = t.replace("月份", "月")
    # approximations and "born in"
    t = re.sub(rf"^(?:{_APPROX_BEFORE}|生于|出生于|于)+", "", t).strip()
    t = re.sub(r"(?:出生的|出生|生人|生的|生)$", "", t).strip()
    t = re.sub(rf"(?:{_APPROX_AFTER})$", "", t).strip()
    t = re.sub(r"(?:出生的|出生|生人|生的|生)$", "", t).strip()      # "1975年左右生" / "1975年生左右"
    return _read_date_forms(t, text, lunar, field)


def _read_date_forms(t: str, text: str, lunar: bool, field: str) -> tuple[int, int | None, int | None, str]:
    """`t` is the normalised form of what was written (`text`, quoted in errors)."""
    for pattern, has_month, has_day in _DATE_FORMS:
        m = pattern.match(t)
        if not m:
            continue
        rest = t[m.end():]
        # after a full date: a time of day ("下午", "14时", "星期六"), or anything after a space or T
        # ("2024-03-05 14:30:00", "2024-03-05T14:30"); after a month or a year: nothing
        if rest and not (has_day and (rest[0] in " T" or _TIME_SUFFIX.fullmatch(rest))):
            continue
        y = int(m.group(1))
        y = _two_digit_year(y) if len(m.group(1)) == 2 else y
        month = int(m.group(2)) if has_month else None
        day = int(m.group(3)) if has_day else None
        part = "" if has_day or pattern.groups == 1 + has_month else m.group(pattern.groups) or ""
        _check_year(y, text, field)
        if month is not None and not 1 <= month <= 12:
            raise FieldError(field, f"日期“{text}”中的月份不存在")
        if lunar and day is not None:
            day = None
        if day is not None:
            try:
                d = date(y, month, day)
            except ValueError:
                if field != "birth_date" or day > 30:
                    raise FieldError(field, f"日期“{text}”不存在") from None
                # a birthday kept by the lunar calendar (农历二月三十) written as a solar date:
                # year and month stand, the day is not a calendar day
                return y, month, None, ""
            _check_not_future(d, text, field)
        elif month is not None and date(y, month, 1) > date.today():
            raise FieldError(field, f"日期“{text}”晚于今天")
        return y, month, day, part
    vague = _vague_date(t, text, field)
    if vague is not None:
        return vague
    raise FieldError(field, f"无法识别的日期“{text}”{_DATE_HINT}")


# a named day of the year, then before or after it: still that year
_EVENT_BEFORE_AFTER = r"(?:春节|过年|过完年|年前|元旦|元宵|清明|五一|端午|中秋|国庆|暑假|寒假|开学)(?:之)?[前后]"
_DECADE = re.compile(r"(\d{4}|\d{2})年代(初期?|中期?|末期?|后期)?|(\d)0后")
_DECADE_PARTS = {"初": 2, "初期": 2, "中": 5, "中期": 5, "末": 8, "末期": 8, "后期": 8}


def _vague_date(t: str, text: str, field: str) -> tuple[int, int | None, None, str] | None:
    """What families write when they know no more: a decade ("70年代", "七十年代末", "80后" → its
    middle, a year), a year or a month followed by words ("2017年春天", "2011年春节前后", "2010年5月份
    的一天"): the year (or month) is kept with its precision, the words only place the stored guess."""
    t = re.sub(r"([一二三四五六七八九])十年代", lambda m: f"{_CN_DIGIT[m.group(1)]}0年代", t)
    t = re.sub(r"([一二三四五六七八九])[零〇0]后$", lambda m: f"{_CN_DIGIT[m.group(1)]}0后", t)
    m = _DECADE.fullmatch(t)
    if m:
        if m.group(3):
            y = _two_digit_year(int(m.group(3)) * 10)
        else:
            y = int(m.group(1)) if len(m.group(1)) == 4 else _two_digit_year(int(m.group(1)))
            if y % 10:
                return None
        y = min(y + _DECADE_PARTS.get(m.group(2) or "", 5), date.today().year)
        _check_year(y, text, field)
        return y, None, None, ""
    m = re.fullmatch(r"(\d{4}|\d{2})年(?:(\d{1,2})月份?)?(\D+)", t)
    if not m:
        return None
    y = int(m.group(1)) if len(m.group(1)) == 4 else _two_digit_year(int(m.group(1)))
    _check_year(y, text, field)
    # "2010年以后" is no date; "2010年春节后", "2016年国庆前" is that year
    if re.search(r"前|后|以来", re.sub(_EVENT_BEFORE_AFTER, "", m.group(3).replace("前后", ""))):
        return None
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise FieldError(field, f"日期“{text}”中的月份不存在")
        return y, month, None, ""
    return y, None, None, next((word for word in _SEASONS if word in m.group(3)), "")


def _check_not_future(d: date, text: str, field: str) -> None:
    # a day of slack: a date typed in China may be "tomorrow" on a UTC server
    if d > date.today() + timedelta(days=1):
        raise FieldError(field, f"日期“{text}”晚于今天")


def parse_date(value, field: str) -> date | None:
    """A full date (see `parse_date_precision`, whose date this is)."""
    return parse_date_precision(value, field)[0]


def parse_date_precision(value, field: str) -> tuple[date | None, str]:
    """A full date (found_date, missing_date; no precision column) from what people type.

    2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305, Excel dates, and every form
    `_date_parts` normalises. When less than a day is known the stored date is a guess that
    a matcher will read as the date, so it is the least-biased one: year and month → the 1st
    of the month; 上旬/初 → the 5th, 中旬 → the 15th, 下旬/底/末 → the 25th; a year alone → July 1
    (mid-year); 年初 → Jan 15, 年中 → Jul 1, 年底/年末 → Dec 15 — never later than today.
    Dates before EARLIEST_YEAR or after today are errors.

    The precision ("day", "month", "year"; "circa" for a year said to be approximate, "约1991年";
    "decade" for "90年代"; "" when no date) says how much of that was written: a family that
    wrote "2024年" does not contradict a station that found the person in June 2024, though the
    stored guess is July 1.
    """
    if value is None or value == "":
        return None, ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        _check_year(value.year, value.isoformat(), field)
        _check_not_future(value, value.isoformat(), field)
        return value, "day"
    parts = _date_parts(value, field)
    if parts is None:
        return None, ""
    y, m, d, part = parts
    if d is not None:
        return date(y, m, d), "day"
    if m is not None:
        return min(date(y, m, _MONTH_PARTS.get(part, 1)), date.today()), "month"
    return min(date(y, *_YEAR_PARTS.get(part, (7, 1))), date.today()), _year_precision(value)


# "90年代", "九十年代末", "80后": a decade; "约1991年", "1991年左右", "大概2003年的夏天": a year, give or take
_WRITTEN_DECADE = re.compile(r"年代|[\d一二三四五六七八九][0零〇]后")
_WRITTEN_CIRCA = re.compile(rf"^(?:{_APPROX_BEFORE})|{_APPROX_AFTER}")


def _year_precision(value) -> str:
    """"decade", "circa" or "year": how far a date written as a year only may be off."""
    text = to_simplified(normalize_text(value)) if isinstance(value, str) else ""
    if _WRITTEN_DECADE.search(text):
        return "decade"
    if _WRITTEN_CIRCA.search(text):
        return "circa"
    return "year"


def parse_partial_date(value, field: str) -> tuple[str, int | None, int | None, int | None]:
    """Birth dates at whatever precision families know: "1962", "1962-05", "1962年5月", full dates.

    Same forms as `parse_date`, but the precision is kept: "约1962年" → 1962, "1962年5月下旬" →
    1962-05, "1975年农历三月初二" → 1975-03 (a lunar day is not a calendar day)."""
    if value is None or value == "":
        return "", None, None, None
    if isinstance(value, (datetime, date)):
        d = parse_date(value, field)
        return d.isoformat(), d.year, d.month, d.day
    parts = _date_parts(value, field)
    if parts is None:
        return "", None, None, None
    y, m, d, _part = parts
    if m is None:
        return f"{y:04d}", y, None, None
    if d is None:
        return f"{y:04d}-{m:02d}", y, m, None
    return f"{y:04d}-{m:02d}-{d:02d}", y, m, d


def _check_year(year: int, text: str, field: str) -> None:
    if not EARLIEST_YEAR <= year <= date.today().year:
        raise FieldError(field, f"年份“{text}”不在 {EARLIEST_YEAR} 至今之间")


# ---------------------------------------------------------------------------------------------
# Sex

_MALE = ("男", "男性", "m", "male", "man", "boy", "1", "男孩", "男童", "男子", "男士", "先生", "老头", "老头儿",
         "老大爷", "大爷", "老爷爷", "老汉", "成年男性", "老年男性", "男的", "男人", "男生", "男孩子", "男婴")
_FEMALE = ("女", "女性", "f", "female", "woman", "girl", "2", "女孩", "女童", "女子", "女士", "老太太", "老太",
           "老奶奶", "大妈", "大娘", "老大娘", "妇女", "成年女性", "老年女性", "女的", "女人", "女生", "女孩子", "女婴")
_SEX_UNKNOWN = ("", "unknown", "u", "?", "??", "不详", "未知", "不明", "不确定", "不清楚", "无", "男/女", "男或女",
                "待定", "待确认", "无法确定", "无法判断")
SEX_ALIASES = {**{k: "男" for k in _MALE}, **{k: "女" for k in _FEMALE}, **{k: "" for k in _SEX_UNKNOWN}}


def parse_sex(value, field: str = "sex") -> str:
    """男 / 女 / "" (unknown) from "男", "M", "男孩", "老大爷", "女士", "girl", "男性（外观）", "男?"…"""
    text = normalize_text(value).lower()
    if text in SEX_ALIASES:
        return SEX_ALIASES[text]
    # a note in brackets that names no sex ("男性(外观)", "女(自述)") is dropped
    bare = re.sub(r"\([^()男女]*\)|\[[^\[\]男女]*\]|【[^【】男女]*】", "", text).strip()
    if bare and bare in SEX_ALIASES:
        return SEX_ALIASES[bare]
    # a doubtful entry ("男?", "疑似女性", "男(待核实)") is still the staff's best reading
    doubt = re.sub(r"[?？]|\((?:疑似|待核实|待确认|不确定)\)|疑似|待核实|性$", "", bare).strip()
    if doubt and doubt != bare and doubt in SEX_ALIASES:
        return SEX_ALIASES[doubt]
    raise FieldError(field, f"性别“{normalize_text(value)}”无效（应为 男 / 女 / 不详）")


# ---------------------------------------------------------------------------------------------
# Height

_HEIGHT_UNKNOWN = ("不详", "未知", "不清楚", "未测", "没测", "未量", "无法测量", "无法测", "不好量", "中等个",
                   "中等个子", "中等身材", "中等身高", "个子中等", "中等")
_PLAIN_CM = re.compile(r"\d{2,3}")
# a build described in words (no number in it): unknown, not an error
_HEIGHT_WORDS = re.compile(r"[个子头身材高矮小胖瘦偏中等很较比一般挺非常大特别的型]+")
_CN_METRES = re.compile(r"([一二两1-2])米([〇○零一二三四五六七八九\d]{0,2})")
_CHI_CUN = re.compile(r"(\d+|[一二两三四五六七八九十]+)尺(?:(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)寸?)?")
_FEET_INCHES = re.compile(r"(\d)\s*(?:'|’|ft\.?|feet|foot|英尺)\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:\"|''|”|in\.?|inch|inches|英寸)?)?")


def _cn_or_int(token: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    return cn_number(token)


def parse_height(value, field: str = "height_cm") -> float | None:
    """Centimetres (a range's middle): see `parse_height_span`."""
    return parse_height_span(value, field)[0]


_HEIGHT_RANGE = re.compile(r"(.+?)\s*(?:-|~|～|至|到|—|－)\s*(.+)")


def parse_height_span(value, field: str = "height_cm") -> tuple[float | None, float]:
    """(centimetres, half the width of a range written): "175-180", "1米7到1米75", "1.75-1.8米",
    "一米七到一米八" are 177.5 ± 2.5 and so on; one value has 0. A height read again without
    spaces when it fails ("172厘 米", "1 59", "165c m")."""
    return _read_with_stray_spaces(_read_height_span, value, field)


def _read_height_span(value, field: str) -> tuple[float | None, float]:
    if isinstance(value, str):
        text = re.sub(r"\([^()]*\)|（[^（）]*）|\[[^\[\]]*\]|【[^【】]*】", "", normalize_text(value)).strip()
        m = _HEIGHT_RANGE.fullmatch(text)
        if m and re.search(r"\d|[一二两三四五六七八九十]", m.group(2)):
            unit = re.search(r"(?:米|m|厘米|公分|cm)$", m.group(2).lower())
            first = m.group(1)
            if unit and not re.search(r"(?:米|m|厘米|公分|cm|尺|寸)$", first.lower()) \
                    and not re.match(r"[一二两三四五六七八九十1-2][米m]", first):
                first += unit.group()          # "1.75-1.8米": the unit written once
            try:
                lo, hi = _read_height(first, field), _read_height(m.group(2), field)
            except FieldError:
                lo = hi = None
            if lo is not None and hi is not None:
                lo, hi = min(lo, hi), max(lo, hi)
                return round((lo + hi) / 2, 1), round((hi - lo) / 2, 1)
    return _read_height(value, field), 0.0


def _read_height(value, field: str = "height_cm") -> float | None:
    """Centimetres from 168, "168cm", "170公分", "1.68米", "一米七二", "1米7", "1m70", "165-170",
    "170左右（目测）", "5尺1寸" (市尺: 1 尺 = 1/3 m), "5'7\"" (feet and inches); "不详"/"未测"/"中等个" are
    unknown. Outside 40–230 cm is an error."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cm = float(value)
        if cm != cm:                                     # NaN from a spreadsheet
            return None
        if 0.4 <= cm <= 2.3 and cm != int(cm):          # 1.70 typed into a spreadsheet is metres
            cm *= 100
        return _checked_height(cm, field)
    raw = normalize_text(value)
    if _PLAIN_CM.fullmatch(raw):            # most cells: whole centimetres, nothing to normalise
        return _checked_height(float(raw), field)
    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】", "", to_simplified(raw).lower()).strip()   # "(目测)"
    if not text or _is_unknown(text) or any(word in text for word in _HEIGHT_UNKNOWN) and not re.search(r"\d", text):
        return None
    if not re.search(r"\d|[一二两三四五六七八九十][米尺]", text) and re.fullmatch(_HEIGHT_WORDS, text):
        return None                         # words only: "个子高", "矮小", "偏瘦高个" say no number
    text = re.sub(r"^(?:走失时|失踪时|离家时|出走时|发现时|当时|现在|测量)", "", text)   # "走失时约98cm"
    text = re.sub(r"^(?:身高|身长|个子|个头|高)[:：]?", "", text)
    text = re.sub(r"^(?:大约|大概|约莫|约|目测|估计|差不多)+", "", text)
    text = re.sub(r"(?:左右|上下|前后|许|的样子|目测|估计)+$", "", text)
    text = re.sub(r"(?:厘米|公分|cm)", "", text).strip()
    cm = None
    m = _CN_METRES.fullmatch(text) or re.fullmatch(r"(1|2)\s*m\s*(\d{1,2})", text)
    if m:
        metres = _CN_DIGIT.get(m.group(1), None)
        metres = int(m.group(1)) if metres is None else metres
        decimals = "".join(str(_CN_DIGIT.get(c, c)) for c in m.group(2))
        cm = metres * 100.0 + (int(decimals.ljust(2, "0")) if decimals else 0)
    elif m := _CHI_CUN.fullmatch(text):
        chi, cun = _cn_or_int(m.group(1)), _cn_or_int(m.group(2)) if m.group(2) else 0.0
        if chi is not None and cun is not None:
            cm = (chi + cun / 10) * 100 / 3
    elif m := _FEET_INCHES.fullmatch(text):
        cm = (int(m.group(1)) * 12 + float(m.group(2) or 0)) * 2.54
    elif m := re.fullmatch(r"(\d(?:\.\d+)?)\s*(?:m|米)", text):
        cm = float(m.group(1)) * 100
    elif m := re.fullmatch(r"(\d{2,3})\s*(?:-|~|～|至|到|—)\s*(\d{2,3})", text):
        cm = (float(m.group(1)) + float(m.group(2))) / 2      # a range's middle (parse_height_span)
    elif re.fullmatch(r"\d+(?:\.\d+)?", text):
        cm = float(text)
        if "." in text and 0.4 <= cm <= 2.3:           # "1.70" in a height column is metres
            cm *= 100
    if cm is None:
        raise FieldError(field, f"身高“{raw}”无法识别（应为厘米数，如 168、1.68米、一米七）")
    return _checked_height(cm, field)


def _checked_height(cm: float, field: str) -> float:
    if not 40 <= cm <= 230:
        raise FieldError(field, f"身高 {cm:g} 厘米不在 40–230 之间")
    return round(cm, 1)


# ---------------------------------------------------------------------------------------------
# ID numbers

_ID_UNKNOWN = ("不记得", "记不清", "记不得", "忘了", "忘记", "不详", "不知道", "未知", "没有", "无")


def _id_region_known(number: str) -> bool:
    """The region code is in stdnum's cn/loc database for ANY period.

    `ric.get_birth_place` also demands that the code existed in the birth year, but a card
    carries the code current when it was issued (双牌县 431123 dates from 1995; people born
    there in 1975 have it), so only existence is checked here."""
    from stdnum import numdb
    info = {k: v for _part, props in numdb.get("cn/loc").info(number[:6]) for k, v in props.items()}
    return bool(info.get("county"))


def parse_id_number(value, field: str = "id_number") -> str:
    """A remembered 居民身份证号, normalised to 18 characters (uppercase X).

    Accepts labels and notes around it ("身份证号：…", "…（自述）"), spaces and hyphens inside,
    full-width digits, a lowercase x, and 15-digit first-generation numbers (converted: "19"
    inserted into the birth date, check digit computed). Length, format, checksum and birth
    date are validated by python-stdnum; the region code must exist in stdnum's database in
    any period. "不记得", "不详", "无"… are unknown ("")."""
    raw = normalize_text(value)
    if not raw:
        return ""
    text = raw.upper()
    if not re.search(r"\d", text):
        if _is_unknown(text) or any(word in text for word in _ID_UNKNOWN):
            return ""
        raise FieldError(field, f"身份证号“{raw}”格式不对（应为 18 位数字，末位可为 X）")
    joined = re.sub(r"(?<=\d)[\s\-–—_]+(?=[\dX])", "", text)     # 431123 1975-0302-1237
    runs = [r for r in re.findall(r"\d+X?", joined) if len(r) >= 6]
    apart = [r for r in re.findall(r"\d+X?", text) if len(r) >= 6]
    if len(runs) > 1 or (len(apart) > 1 and not (len(runs) == 1 and len(runs[0]) in (15, 18))):
        raise FieldError(field, f"身份证号“{raw}”中有不止一个号码")
    number = runs[0] if runs else re.search(r"\d+X?", joined).group()
    if len(number) == 15 and number.isdigit():
        body = number[:6] + "19" + number[6:]
        number = body + ric.calc_check_digit(body + "0")
    elif len(number) != 18:
        raise FieldError(field, f"身份证号“{raw}”位数不对（应为 18 位，或老式 15 位）")
    try:
        number = ric.validate(number)
    except InvalidLength:
        raise FieldError(field, f"身份证号“{raw}”位数不对（应为 18 位，或老式 15 位）") from None
    except InvalidChecksum:
        raise FieldError(field, f"身份证号“{raw}”校验位不正确（可能抄错了某一位）") from None
    except InvalidFormat:
        raise FieldError(field, f"身份证号“{raw}”格式不对（应为 18 位数字，末位可为 X）") from None
    except InvalidComponent:
        try:
            ric.get_birth_date(number)
        except InvalidComponent:
            raise FieldError(field, f"身份证号“{raw}”中的出生日期 {number[6:14]} 不存在") from None
        if not _id_region_known(number):
            raise FieldError(field, f"身份证号“{raw}”的地区码 {number[:6]} 不存在") from None
    except ValidationError as exc:
        raise FieldError(field, f"身份证号“{raw}”无效：{exc}") from None
    birth = ric.get_birth_date(number)
    if birth > date.today():
        raise FieldError(field, f"身份证号“{raw}”中的出生日期 {number[6:14]} 晚于今天")
    if birth.year < EARLIEST_YEAR:
        raise FieldError(field, f"身份证号“{raw}”中的出生日期 {number[6:14]} 早于 {EARLIEST_YEAR} 年")
    return number


_PHONE_NUMBER = re.compile(r"(?<!\d)(?:\+?\d[\d\s\-()（）]{3,18}\d)(?!\d)")
_PHONE_UNKNOWN = re.compile(r"^(?:无|没有|不详|未知|暂无|未提供|不清楚|-+|/)$")
# a number published half hidden ("151****7695", "138xxxx1234"), as platforms that
# reposted the notice show it: kept as written, the report is worth more than the digits
_PHONE_MASKED = re.compile(r"(?<![\d*＊xX×])\d{2,4}[*＊xX×]{3,6}\d{2,4}(?![\d*＊xX×])")


def parse_phone(value, field: str = "contact_phone") -> str:
    """A family contact as written: "13628215256(父亲)", "王女士 0731-8888888", two numbers.

    Kept as written (who answers is worth knowing); it must hold at least one
    number of 5–15 digits, or one published half hidden ("151****7695").
    "无" / "不详" are unknown."""
    text = normalize_text(value)
    if not text or _PHONE_UNKNOWN.match(text):
        return ""
    if _PHONE_MASKED.search(text) or _PHONE_MASKED.search(re.sub(r"\s+", "", text)):   # "151 ****7695"
        return text
    for m in _PHONE_NUMBER.finditer(text):
        if 5 <= len(re.sub(r"\D", "", m.group(0))) <= 15:
            return text
    raise FieldError(field, f"联系电话“{text}”中没有电话号码（应有 5–15 位数字）")


def split_list(value, commas: bool = False) -> list[str]:
    """'a;b；c、d' → ['a','b','c','d'] for alt names, place hints and photo lists;
    `commas` also splits at ,/， (names and hints, never file paths)."""
    text = normalize_text(value)
    if not text:
        return []
    return [p.strip() for p in re.split(r"[;；、\n|,]" if commas else r"[;；、\n|]", text) if p.strip()]


def _mask_digits(number: str) -> str:
    if len(number) <= 7:
        return "*" * (len(number) - 2) + number[-2:] if len(number) > 4 else "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_phone(phone: str) -> str:
    """Every number in a contact masked but its first 3 and last 4 digits; a note
    written with it ("(父亲)") stays readable."""
    text = phone or ""
    if not re.search(r"\d", text):
        return "*" * len(text)
    return re.sub(r"\d+", lambda m: _mask_digits(m.group(0)), re.sub(r"(?<=\d)[\s\-](?=\d)", "", text))


def mask_id_number(number: str) -> str:
    if not number:
        return ""
    return number[:6] + "********" + number[-4:] if len(number) >= 10 else "*" * len(number)
