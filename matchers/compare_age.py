"""Age: the staff's estimate at the found date against the report's birth date.

The estimate is a range (parsed from "约45岁", "40-50", "40多岁", "六十来岁"…);
the report's birth date may be known to the year, the month or the day, so the
report gives an age *range* at the found date too (people age between going
missing and being found: the found date is the reference, not the missing
date). Staff misjudge the age of people who lived rough by up to ±10 years,
so the levels are graded by how far apart the two ranges are; the weight of
each grade is estimated from data.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import ClassVar, NamedTuple

import numpy as np

from .base import LevelResult, null_result
from .records import IntakeRecord, ReportRecord

# Distance (years) between the intake's range and the report's possible ages
# above which a pair falls into the level; checked from the top down.
# (level index, label, min distance exclusive)
AGE_GAP_LEVELS = ((1, "impossible", 20), (2, "far", 12), (3, "near", 6), (4, "close", 0))
AGE_WITHIN = 5
AGE_CENTRE = 6          # inside the range and within CENTRE_YEARS of its middle
CENTRE_YEARS = 2
# Staff misjudge a grown-up's age by up to ten years, a child's by a few: past
# YOUNG_GAP_FROM years, a gap counts this many times over when the report's
# person is this young at the found date (age below, factor). In every world we
# measured (ours and five written by other hands; true pairs, 20k reports) no
# child under 12 was estimated more than 6 years off and no one of 12-17 more
# than 9, while 1.6-6% of adults were more than 6 off. Gaps up to 6 years are
# about as common for children as for adults and keep their levels.
YOUNG_GAP_SCALE = ((12, 2.0), (18, 1.5))
YOUNG_GAP_FROM = 6
# the middle of "成年" (18-70) or "老年" (60-90) says nothing: no centre for ranges wider than this
CENTRE_MAX_WIDTH = 20
MIN_YEAR, MAX_AGE = 1880, 120

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}

_WORD_RANGES = (  # longest first
    ("耄耋", (80, 95)), ("古稀", (70, 79)), ("花甲", (60, 69)), ("未成年", (3, 17)),
    ("中老年", (50, 75)), ("老年", (60, 90)), ("老人", (60, 90)), ("老太", (60, 90)),
    ("老头", (60, 90)), ("中年", (40, 60)), ("青壮年", (20, 45)), ("青年", (18, 35)),
    ("少年", (12, 18)), ("儿童", (3, 12)), ("小孩", (3, 12)), ("幼儿", (1, 6)), ("婴儿", (0, 2)),
    # "成年(人)": staff saw an adult and no more. 18 is where 未成年/少年 stop; staff write
    # 老人/老年 for anyone who looks old, so the plain word is rarely above 70. (After
    # 未成年, which contains it.)
    ("成年", (18, 70)),
)
# Classical numerals for the tens, still seen in handwriting: 廿二 = 22, 卅五 = 35, 卌 = 40.
_CLASSICAL_TENS = str.maketrans({"廿": "二十", "卅": "三十", "卌": "四十"})
# Written when nobody knows: no range, and no error either.
UNKNOWN_AGE_WORDS = ("不详", "未知", "不明", "不清楚", "无法估计", "无法判断", "无法确定", "难以判断", "看不出",
                     "说不清", "不好说", "unknown")


def cn_number(text: str) -> int | None:
    """Chinese numeral below 200 ("六十五", "十五", "二十") to int."""
    if not text:
        return None
    if "百" in text:
        head, _, tail = text.partition("百")
        h = _CN_DIGITS.get(head, 1 if head == "" else None)
        rest = cn_number(tail.lstrip("零")) if tail else 0
        return None if h is None or rest is None else h * 100 + rest
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = 1 if head == "" else _CN_DIGITS.get(head)
        ones = 0 if tail == "" else _CN_DIGITS.get(tail)
        return None if tens is None or ones is None else tens * 10 + ones
    if len(text) == 1:
        return _CN_DIGITS.get(text)
    return None


_NUM = r"(\d{1,3}|[零〇一二两三四五六七八九十百]{1,4})"
_RANGE_RE = re.compile(_NUM + r"\s*(?:岁)?\s*(?:-|~|～|—|–|至|到)\s*" + _NUM)
_TWO_DIGIT_CN_RE = re.compile(r"([一二三四五六七八九])([二三四五六七八九])十")   # 四五十 -> 40..59
# two neighbouring ages said together: 十七八岁, 三十七八, 七八岁, 两三岁 (tens optional)
_NEIGHBOURS_RE = re.compile(r"(?:([二三四五六七八九]?)十)?([一二两三四五六七八])([二三四五六七八九])(?![十百])")
_DIGIT_DECADES_RE = re.compile(r"(?<!\d)([1-9])[、,，/]([2-9])0(?!\d)")        # 4、50岁 -> 40..59
_DECADE_OF_LIFE_RE = re.compile(r"([一二三四五六七八九]|\d)旬")                  # 六旬 = in the sixties
_BIRTH_DECADE_RE = re.compile(r"(?<!\d)(\d0)后")                                 # 60后 = born 1960-1969
_BIRTH_YEAR_RE = re.compile(r"((?:18|19|20)\d\d)年?(?:左右|前后)?(?:出生|生人|生|的)")
_BIRTH_YEAR2_RE = re.compile(r"(?<!\d)(\d\d)年(?:左右|前后)?(?:出生|生人|生|的)")        # 59年生 = 1959
_NUM_RE = re.compile(_NUM)


def _to_int(token: str) -> int | None:
    return int(token) if token.isdigit() else cn_number(token)


def parse_age_estimate(text: object, ref_year: int | None = None) -> tuple[int | None, int | None]:
    """Parse a staff age estimate into (min, max) years; (None, None) if unreadable.

    "约45岁" -> (40, 50); "40-50" -> (40, 50); "40多岁" -> (40, 49);
    "六十来岁" -> (55, 65); "四五十岁" -> (40, 59); "十七八岁" -> (14, 21);
    "六旬" -> (60, 69); "中年" -> (40, 60); "成年" -> (18, 70); "廿二岁" -> (17, 27).
    A birth year or decade ("1960年生",
    "59年生", "60后") is an age only at a date: `ref_year` (the found year), else unreadable.
    The workbench import and the matcher both use this one parser, so the ranges
    scored are the ranges the weights were estimated on.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if text != text or not 0 <= text <= MAX_AGE:  # NaN / out of range
            return None, None
        n = int(round(text))
        return max(0, n - 5), n + 5
    if not isinstance(text, str):
        return None, None
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    # a baby: "不满周岁", "不到一岁", "8个月", "几个月大" (months, not years)
    if re.search(r"(?:不满|不到|未满)[一1]?周?岁", s):
        return 0, 1
    m = re.search(r"(\d+|[一二两三四五六七八九十几]+)个月", s)
    if m and "岁" not in s:
        months = _to_int(m.group(1)) if m.group(1) != "几" else 6
        if months is not None:
            return (0, 1) if months <= 12 else (max(0, months // 12 - 1), months // 12 + 1)
    s = s.replace("周岁", "岁").replace("半百", "五十")
    s = s.translate(_CLASSICAL_TENS)
    if not s or any(w in s for w in UNKNOWN_AGE_WORDS):
        return None, None
    m = _BIRTH_DECADE_RE.search(s)
    if m:
        decade = int(m.group(1))
        first = (1900 if decade >= 30 else 2000) + decade
        return _born_between(first, first + 9, ref_year)
    m = _BIRTH_YEAR_RE.search(s)
    if m:
        return _born_around(int(m.group(1)), s, ref_year)
    m = _BIRTH_YEAR2_RE.search(s)
    if m:
        yy = int(m.group(1))     # 19xx, or 20xx when that is not after the found year
        return _born_around(2000 + yy if ref_year is not None and 2000 + yy <= ref_year else 1900 + yy,
                            s, ref_year)
    m = _TWO_DIGIT_CN_RE.search(s)
    if m:
        a, b = _CN_DIGITS[m.group(1)], _CN_DIGITS[m.group(2)]
        if b == a + 1:
            return _checked(a * 10, b * 10 + 9)
    m = _DIGIT_DECADES_RE.search(s)
    if m and int(m.group(2)) == int(m.group(1)) + 1:
        return _checked(int(m.group(1)) * 10, int(m.group(2)) * 10 + 9)
    m = _DECADE_OF_LIFE_RE.search(s)
    if m:
        d = _to_int(m.group(1))
        if d:
            return _checked(d * 10, d * 10 + 9)
    m = _NEIGHBOURS_RE.search(s)
    if m and _CN_DIGITS[m.group(3)] == _CN_DIGITS[m.group(2)] + 1:
        if m.group(1) is None:
            tens = 0                                    # 七八岁
        else:
            tens = _CN_DIGITS[m.group(1)] if m.group(1) else 1   # 三十七八 / 十七八
        a = tens * 10 + _CN_DIGITS[m.group(2)]
        spread = 2 if a < 10 else 3
        return _checked(max(0, a - spread), a + 1 + spread)
    m = _RANGE_RE.search(s)
    if m:
        a, b = _to_int(m.group(1)), _to_int(m.group(2))
        if a is not None and b is not None:
            return _checked(min(a, b), max(a, b))
    m = _NUM_RE.search(s)
    if m:
        if s[:m.start()].endswith(("-", "−")):     # a negative age is a typo, not an estimate
            return None, None
        n = _to_int(m.group(1))
        if n is None:
            return None, None
        rest = s[m.end():]
        after = rest.lstrip("岁")
        if rest.startswith("好几") and n % 10 == 0 and n >= 10:     # 五十好几: the upper half
            return _checked(n + 3, n + 9)
        if rest.startswith("大几") and n % 10 == 0 and n >= 10:     # 四十大几: 46-49
            return _checked(n + 6, n + 9)
        if rest.startswith(("多", "几", "余")) and n % 10 == 0 and n >= 10:
            return _checked(n, n + 9)
        if after.startswith("出头"):
            return _checked(n, n + 4)
        if ("以上" in rest or "开外" in rest or "往上" in rest or after.startswith("+")
                or "年过" in s[:m.start()]):
            return _checked(n, n + 20)
        if "以下" in rest or "不到" in s[:m.start()] or after.startswith("不到"):
            return _checked(max(0, n - 15), n)
        return _checked(max(0, n - 5), n + 5)
    for word, (lo, hi) in _WORD_RANGES:
        if word in s:
            return lo, hi
    return None, None


def is_birth_year_text(text: str) -> bool:
    """"1960年生", "60后": a birth year or decade, an age only at a known date."""
    s = unicodedata.normalize("NFKC", text or "")
    return bool(_BIRTH_DECADE_RE.search(s) or _BIRTH_YEAR_RE.search(s) or _BIRTH_YEAR2_RE.search(s))


def _born_around(year: int, text: str, ref_year: int | None) -> tuple[int | None, int | None]:
    """A birth year said, exactly or "左右/前后/约" (±3 years)."""
    spread = 3 if ("左右" in text or "前后" in text or "约" in text) else 0
    return _born_between(year - spread, year + spread, ref_year)


def _born_between(first: int, last: int, ref_year: int | None) -> tuple[int | None, int | None]:
    if ref_year is None or not MIN_YEAR <= first <= last <= ref_year:
        return None, None
    # born in `first`..`last`: at the found date, before or after the birthday
    return _checked(max(0, ref_year - last - 1), ref_year - first)


def _checked(lo: int, hi: int) -> tuple[int | None, int | None]:
    # "约116岁" reaches past the oldest age we allow: the range up to it is still
    # what staff saw (a very old person), not an unreadable text
    if lo < 0 or lo > MAX_AGE or lo > hi:
        return None, None
    return lo, min(hi, MAX_AGE)


class IntakeAge(NamedTuple):
    lo: int
    hi: int
    ref: date
    from_id: bool = False     # the age comes from a remembered ID number


class ReportBirth(NamedTuple):
    year: int
    month: int | None
    day: int | None


def _valid_int(value: object, lo: int, hi: int) -> int | None:
    try:
        v = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return v if lo <= v <= hi else None


ID_AGE_SLACK = 15      # years an ID's age may lie outside the staff's estimate and still be used


def _id_age(id_number: object, ref: date) -> int | None:
    from .idcard import id_birth_date
    born = id_birth_date(id_number)
    if born is None or born > ref:
        return None
    return age_range_at(ReportBirth(born.year, born.month, born.day), ref)[0]


def age_range_at(birth: ReportBirth, ref: date) -> tuple[int, int]:
    """Possible ages on `ref` for a birth date known to year / month / day."""
    base = ref.year - birth.year
    if birth.month is None:
        return base - 1, base
    if ref.month != birth.month:
        return (base, base) if ref.month > birth.month else (base - 1, base - 1)
    if birth.day is None:
        return base - 1, base
    return (base, base) if ref.day >= birth.day else (base - 1, base - 1)


def gap_scale(age: int, gap: float) -> float:
    """How many adult years one year of this gap is worth at this (true) age."""
    if gap <= YOUNG_GAP_FROM:
        return 1.0
    for below, factor in YOUNG_GAP_SCALE:
        if age < below:
            return factor
    return 1.0


def gap_level(gap: float, centre_gap: float = 99.0) -> tuple[int, str]:
    """Level from the gap between the ranges (years) and, when they overlap,
    the distance of the report's age from the middle of the estimate."""
    for level, label, threshold in AGE_GAP_LEVELS:
        if gap > threshold:
            return level, label
    if centre_gap <= CENTRE_YEARS:
        return AGE_CENTRE, "centre"
    return AGE_WITHIN, "within"


def age_levels_vectorised(lo: int, hi: int, ref_year: int, birth_years: np.ndarray) -> np.ndarray:
    """Year-precision levels for many reports at once (index pre-ranking).

    birth_years: int array, 0 = unknown. Uses the same thresholds as `compare`.
    """
    by = birth_years.astype(np.int32)
    age_max = ref_year - by
    age_min = age_max - 1
    gap = np.maximum(0, np.maximum(lo - age_max, age_min - hi)).astype(np.float64)
    scale = np.ones(by.shape, dtype=np.float64)
    for below, factor in reversed(YOUNG_GAP_SCALE):
        scale[age_max < below] = factor
    scale[gap <= YOUNG_GAP_FROM] = 1.0
    gap *= scale
    mid = (lo + hi) / 2.0
    centre_gap = np.maximum(0.0, np.maximum(age_min - mid, mid - age_max))
    levels = np.full(by.shape, AGE_WITHIN, dtype=np.int8)
    if hi - lo <= CENTRE_MAX_WIDTH:
        levels[centre_gap <= CENTRE_YEARS] = AGE_CENTRE
    for level, _label, threshold in reversed(AGE_GAP_LEVELS):
        levels[gap > threshold] = level
    levels[age_max < 0] = 1          # born after the found date
    levels[by <= 0] = 0
    return levels


class AgeComparison:
    name: ClassVar[str] = "age"
    title: ClassVar[str] = "年龄"
    levels: ClassVar[tuple[str, ...]] = ("null", "impossible", "far", "near", "close", "within", "centre")

    def __init__(self, today: date | None = None):
        self._today = today  # reference when an intake has no found date

    def prepare_intake(self, intake: IntakeRecord) -> IntakeAge | None:
        lo = _valid_int(intake.age_min, 0, MAX_AGE)
        hi = _valid_int(intake.age_max, 0, MAX_AGE)
        ref = intake.found_date if isinstance(intake.found_date, date) else (self._today or date.today())
        from .idcard import remembered_id
        id_age = _id_age(remembered_id(intake), ref)
        if lo is None and hi is None:
            return None if id_age is None else IntakeAge(id_age, id_age, ref, True)
        lo = hi if lo is None else lo
        hi = lo if hi is None else hi
        if lo > hi:
            lo, hi = hi, lo
        if id_age is not None and lo - ID_AGE_SLACK <= id_age <= hi + ID_AGE_SLACK:
            # a remembered ID number dates the birth; one far from how old the
            # person looks is someone else's number or misremembered
            return IntakeAge(id_age, id_age, ref, True)
        return IntakeAge(lo, hi, ref)

    def prepare_report(self, report: ReportRecord) -> ReportBirth | None:
        year = _valid_int(report.birth_year, MIN_YEAR, 2100)
        if year is None:
            return None
        month = _valid_int(report.birth_month, 1, 12)
        day = _valid_int(report.birth_day, 1, 31) if month else None
        return ReportBirth(year, month, day)

    def level_counts(self, a: IntakeAge | None, population) -> np.ndarray | None:
        """Reports per level in the whole database (year precision)."""
        if a is None:
            return None
        years, counts = population.column_histogram("birth_year")
        levels = age_levels_vectorised(a.lo, a.hi, a.ref.year, years)
        return np.bincount(levels, weights=counts, minlength=len(self.levels))

    def compare(self, a: IntakeAge | None, b: ReportBirth | None) -> LevelResult:
        if a is None or b is None:
            return null_result(self, "年龄或出生日期未知")
        amin, amax = age_range_at(b, a.ref)
        gap = max(0, a.lo - amax, amin - a.hi)
        mid = (a.lo + a.hi) / 2.0
        scale = gap_scale(amax, gap)
        level, label = gap_level(gap * scale, max(0.0, amin - mid, mid - amax) if a.hi - a.lo <= CENTRE_MAX_WIDTH else 99.0)
        age_txt = f"{amax}岁" if amin == amax else f"{amin}-{amax}岁"
        est = f"{a.lo}岁" if a.lo == a.hi else f"{a.lo}-{a.hi}岁"
        est = f"身份证号{est}" if a.from_id else f"估计{est}"
        head = f"{b.year}年生(发现时{age_txt}) vs {est}"
        if amax < 0:
            return LevelResult(self.name, 1, "impossible", f"{b.year}年生，晚于发现日期", {"gap": gap})
        if level == AGE_CENTRE:
            tail = "吻合"
        elif level == AGE_WITHIN:
            tail = "相符"
        elif label == "close":
            tail = f"差{gap}岁"
        elif scale > 1.0:
            tail = f"差{gap}岁({'儿童' if amax < YOUNG_GAP_SCALE[0][0] else '少年'}的年龄很少估错这么多)"
        elif label == "near":
            tail = f"差{gap}岁(流浪人员年龄常被误判)"
        else:
            tail = f"差{gap}岁"
        return LevelResult(self.name, level, label, f"{head} {tail}", {"gap": gap})
