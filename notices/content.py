"""Plain-data inputs for every notice renderer and channel.

The workbench converts its rows into these objects; renderers never see the
database. The types deliberately have no field for ID numbers, family data
or internal notes, so a renderer cannot leak what it was never given. Free
text typed by staff is still scrubbed of ID-card and mobile numbers, because
people paste such things into "features" by mistake.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timezone
from typing import Any, ClassVar, Mapping

UNSTATED_NAME = "无法表述"
REDACTED = "〔已隐去〕"

NOTICE_STATUSES = ("active", "withdrawn")
POLICE_KINDS = ("fingerprint", "portrait", "dna")
POLICE_KIND_LABELS = {
    "fingerprint": "指纹比对",
    "portrait": "人像比对",
    "dna": "DNA采样及比对",
}
# Withdrawal reasons are codes; the public only ever sees the label, never
# free text, which could name the family or the circumstances.
WITHDRAWN_LABELS = {
    "identified": "已寻亲",
    "found": "已寻亲",
    "returned": "已寻亲",
    "left": "已撤回",
    "other": "已撤回",
}

# 18-digit resident ID (last char may be X) and the old 15-digit form,
# not embedded in longer digit runs.
_ID_RE = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
# Mainland mobile numbers, optionally with +86 and separators.
_MOBILE_RE = re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")


class ContentError(ValueError):
    """Bad input for a notice or letter; the message names the field."""

    def __init__(self, field_name: str, message: str):
        super().__init__(f"{field_name}: {message}")
        self.field = field_name


def scrub_free_text(text: str) -> str:
    """Hide ID-card and mobile numbers that staff typed into free text."""
    text = _ID_RE.sub(REDACTED, text)
    return _MOBILE_RE.sub(REDACTED, text)


def contains_identifier(text: str) -> bool:
    return bool(_ID_RE.search(text) or _MOBILE_RE.search(text))


def _as_text(name: str, value: Any, *, scrub: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ContentError(name, f"expected text, got {type(value).__name__}")
    value = value.strip()
    return scrub_free_text(value) if scrub else value


def _as_date(name: str, value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise ContentError(name, f"not a date (YYYY-MM-DD): {value!r}") from None
    raise ContentError(name, f"expected a date, got {type(value).__name__}")


def _as_datetime(name: str, value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ContentError(name, f"not an ISO date-time: {value!r}") from None
    else:
        raise ContentError(name, f"expected a date-time, got {type(value).__name__}")
    # Naive times are taken as UTC so feeds always carry an offset.
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _as_height(name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        h = float(value)
    except (TypeError, ValueError):
        raise ContentError(name, f"not a number: {value!r}") from None
    if not 40 <= h <= 250:
        raise ContentError(name, f"implausible height in cm: {value!r}")
    return int(round(h))


def _as_list(name: str, value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)):
        raise ContentError(name, f"expected a list, got {type(value).__name__}")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise ContentError(f"{name}[{i}]", "expected a non-empty text")
        out.append(item.strip())
    return out


_SEX = {"男": "男", "m": "男", "male": "男", "女": "女", "f": "女", "female": "女",
        "": "不详", "不详": "不详", "unknown": "不详", "未知": "不详"}


def _as_sex(name: str, value: Any) -> str:
    key = _as_text(name, value, scrub=False).lower()
    if key not in _SEX:
        raise ContentError(name, f"expected 男/女/不详 (or male/female), got {value!r}")
    return _SEX[key]


def _known_kwargs(cls, data: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(data, Mapping):
        raise ContentError(cls.__name__, f"expected a mapping, got {type(data).__name__}")
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


@dataclass
class NoticeContent:
    """What a public 寻亲公告 shows, and nothing more."""

    notice_no: str
    station_name: str
    station_phone_24h: str
    photos: list[str] = field(default_factory=list)        # local files, first is the main one
    photo_urls: list[str] = field(default_factory=list)    # public URLs of the same photos, if served
    name_as_stated: str | None = None                      # None/"" -> 无法表述
    sex: str = "不详"
    age_estimate: str = ""                                 # "约60岁"
    height_cm: int | None = None
    health_state: str = ""
    features: str = ""
    clothing: str = ""
    accent: str = ""                                       # 口音, a strong hometown clue
    found_date: date | None = None
    found_place: str = ""
    admitted_date: date | None = None
    station_address: str = ""
    public_url: str = ""
    status: str = "active"
    withdrawn_reason: str | None = None                    # a WITHDRAWN_LABELS code
    published_at: datetime | None = None
    updated_at: datetime | None = None

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = (
        "name_as_stated", "age_estimate", "health_state", "features", "clothing",
        "accent", "found_place")

    def __post_init__(self) -> None:
        self.notice_no = _as_text("notice_no", self.notice_no, scrub=False)
        if not self.notice_no:
            raise ContentError("notice_no", "required")
        self.station_name = _as_text("station_name", self.station_name, scrub=False)
        if not self.station_name:
            raise ContentError("station_name", "required")
        self.station_phone_24h = _as_text("station_phone_24h", self.station_phone_24h, scrub=False)
        if not re.search(r"\d{3,}", self.station_phone_24h or ""):
            raise ContentError("station_phone_24h", f"required, a phone number: {self.station_phone_24h!r}")
        self.station_address = _as_text("station_address", self.station_address, scrub=False)
        self.public_url = _as_text("public_url", self.public_url, scrub=False)
        if self.public_url and not re.match(r"https?://", self.public_url):
            raise ContentError("public_url", f"must start with http:// or https://: {self.public_url!r}")
        self.photos = _as_list("photos", self.photos)
        self.photo_urls = _as_list("photo_urls", self.photo_urls)
        for name in self.TEXT_FIELDS:
            setattr(self, name, _as_text(name, getattr(self, name)))
        self.name_as_stated = self.name_as_stated or None
        self.sex = _as_sex("sex", self.sex)
        self.height_cm = _as_height("height_cm", self.height_cm)
        self.found_date = _as_date("found_date", self.found_date)
        self.admitted_date = _as_date("admitted_date", self.admitted_date)
        self.published_at = _as_datetime("published_at", self.published_at)
        self.updated_at = _as_datetime("updated_at", self.updated_at)
        if self.status not in NOTICE_STATUSES:
            raise ContentError("status", f"expected one of {NOTICE_STATUSES}, got {self.status!r}")
        if self.withdrawn_reason is not None:
            self.withdrawn_reason = _as_text("withdrawn_reason", self.withdrawn_reason, scrub=False) or None

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "NoticeContent":
        """Build from a dict (e.g. a row's fields); unknown keys such as
        id_number or family contacts are dropped, not rendered."""
        kwargs = _known_kwargs(cls, data)
        for required in ("notice_no", "station_name", "station_phone_24h"):
            if required not in kwargs:
                raise ContentError(required, "required")
        return cls(**kwargs)

    @property
    def withdrawn(self) -> bool:
        return self.status == "withdrawn"

    @property
    def display_name(self) -> str:
        return self.name_as_stated or UNSTATED_NAME

    @property
    def withdrawn_label(self) -> str:
        """Public wording for a withdrawn notice: 已寻亲 or 已撤回."""
        return WITHDRAWN_LABELS.get((self.withdrawn_reason or "").lower(), "已撤回")

    @property
    def title(self) -> str:
        if self.withdrawn:
            return f"【{self.withdrawn_label}】寻亲公告 {self.notice_no}"
        return f"寻亲公告：{self.display_name}，{self.sex}，{self.age_estimate or '年龄不详'}"

    def facts(self) -> list[tuple[str, str]]:
        """(label, value) rows shared by every format, in display order.

        Empty values are left out so that no format shows a bare label."""
        rows = [
            ("姓名", self.display_name),
            ("性别", self.sex),
            ("年龄", self.age_estimate),
            ("身高", f"约{self.height_cm}厘米" if self.height_cm else ""),
            ("口音", self.accent),
            ("健康状况", self.health_state),
            ("体貌特征", self.features),
            ("衣着", self.clothing),
            ("发现时间", format_date(self.found_date)),
            ("发现地点", self.found_place),
            ("入站时间", format_date(self.admitted_date)),
        ]
        return [(k, v) for k, v in rows if v]


def format_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


@dataclass
class PoliceRequestContent:
    """A 协查函 to a police unit: fingerprint / portrait / DNA comparison.

    Internal to station and police, so it may carry the intake reference,
    but it still has no ID-number or family fields."""

    ref_no: str
    kinds: frozenset[str]
    police_unit: str
    station_name: str
    station_header: str = ""                 # letterhead, defaults to station_name
    station_address: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    intake_ref: str = ""
    photo: str | None = None                 # local file
    name_as_stated: str | None = None
    sex: str = "不详"
    age_estimate: str = ""
    height_cm: int | None = None
    accent: str = ""
    health_state: str = ""
    features: str = ""
    clothing: str = ""
    found_date: date | None = None
    found_place: str = ""
    admitted_date: date | None = None
    request_text: str = ""                   # what else is asked, free text
    letter_date: date | None = None
    reply_due_date: date | None = None

    def __post_init__(self) -> None:
        for name in ("ref_no", "police_unit", "station_name"):
            value = _as_text(name, getattr(self, name), scrub=False)
            if not value:
                raise ContentError(name, "required")
            setattr(self, name, value)
        for name in ("station_header", "station_address", "contact_person", "contact_phone",
                     "intake_ref"):
            setattr(self, name, _as_text(name, getattr(self, name), scrub=False))
        self.station_header = self.station_header or self.station_name
        for name in ("name_as_stated", "age_estimate", "accent", "health_state", "features",
                     "clothing", "found_place", "request_text"):
            setattr(self, name, _as_text(name, getattr(self, name)))
        self.name_as_stated = self.name_as_stated or None
        kinds = self.kinds
        if isinstance(kinds, str):
            kinds = [k for k in re.split(r"[,\s]+", kinds) if k]
        if not isinstance(kinds, (list, tuple, set, frozenset)):
            raise ContentError("kinds", f"expected a list of {POLICE_KINDS}")
        bad = [k for k in kinds if k not in POLICE_KINDS]
        if bad:
            raise ContentError("kinds", f"unknown kind(s) {bad}; allowed: {POLICE_KINDS}")
        if not kinds:
            raise ContentError("kinds", "at least one of fingerprint/portrait/dna")
        self.kinds = frozenset(kinds)
        self.photo = _as_text("photo", self.photo, scrub=False) or None
        self.sex = _as_sex("sex", self.sex)
        self.height_cm = _as_height("height_cm", self.height_cm)
        for name in ("found_date", "admitted_date", "letter_date", "reply_due_date"):
            setattr(self, name, _as_date(name, getattr(self, name)))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "PoliceRequestContent":
        kwargs = _known_kwargs(cls, data)
        for required in ("ref_no", "kinds", "police_unit", "station_name"):
            if required not in kwargs:
                raise ContentError(required, "required")
        return cls(**kwargs)

    @property
    def display_name(self) -> str:
        return self.name_as_stated or UNSTATED_NAME

    @property
    def kind_labels(self) -> list[str]:
        return [POLICE_KIND_LABELS[k] for k in POLICE_KINDS if k in self.kinds]

    def facts(self) -> list[tuple[str, str]]:
        rows = [
            ("站内编号", self.intake_ref),
            ("自述姓名", self.display_name),
            ("性别", self.sex),
            ("估计年龄", self.age_estimate),
            ("身高", f"约{self.height_cm}厘米" if self.height_cm else ""),
            ("口音", self.accent),
            ("健康状况", self.health_state),
            ("体貌特征", self.features),
            ("衣着", self.clothing),
            ("发现时间", format_date(self.found_date)),
            ("发现地点", self.found_place),
            ("入站时间", format_date(self.admitted_date)),
        ]
        return [(k, v) for k, v in rows if v]
