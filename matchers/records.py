"""Plain records the matchers read. The workbench converts its ORM rows into these."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class IntakeRecord:
    """What a station knows about a person it took in (受助人员)."""

    ref: str
    name: str = ""                      # as heard: hanzi, homophone, pinyin, nickname or ""
    sex: str = ""                       # "男" / "女" / "" (unknown)
    age_min: int | None = None          # parsed from the staff's estimate ("约45岁" -> 40..50)
    age_max: int | None = None
    found_date: date | None = None
    found_place: str = ""
    height_cm: float | None = None
    height_spread_cm: float = 0.0     # half the width of a range written ("175-180": 2.5)
    features: str = ""                  # 体貌特征: marks, scars, missing fingers…
    dialect: str = ""                   # as staff wrote it: "湖南口音", "说四川话", "粤语"
    place_hints: list[str] = field(default_factory=list)  # fragments the person said
    id_number: str = ""                 # a remembered 身份证号 (validated upstream), or ""
    face_encodings: list = field(default_factory=list)    # 128-d float vectors (person's faces)
    photo_year: int | None = None       # when the intake photo was taken (usually found year)


@dataclass
class ReportRecord:
    """A family's or police missing-person report (寻人启事)."""

    ref: str
    name: str = ""
    alt_names: list[str] = field(default_factory=list)   # other names, nicknames
    sex: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    hometown: str = ""                  # 籍贯/户籍地 address as written
    missing_date: date | None = None
    # "day", "month" or "year": how much of missing_date was written ("" = read as a day)
    missing_date_precision: str = ""
    missing_place: str = ""
    height_cm: float | None = None
    height_spread_cm: float = 0.0     # half the width of a range written ("175-180": 2.5)
    features: str = ""
    dialect: str = ""
    face_encodings: list = field(default_factory=list)
    photo_year: int | None = None       # when the report photo was taken, if known
    contact_phone: str = ""             # the family's (or police) contact as written, maybe half hidden
