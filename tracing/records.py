"""Creating and editing intakes and reports: one code path for forms, imports and the CLI.

Field specs turn raw values (form strings, CSV cells, Excel cells) into column values,
collecting every FieldError so a user sees all problems of a row at once. Updates
check the version the user started from, audit before/after of changed fields and
never touch a record the user did not see.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .models import INTAKE_STATUSES, REPORT_SOURCES, REPORT_STATUSES, Intake, MissingReport
from .parsing import (
    FieldError,
    normalize_text,
    parse_age_estimate,
    parse_date,
    parse_date_precision,
    parse_height_span,
    parse_id_number,
    parse_partial_date,
    parse_phone,
    parse_sex,
    split_list,
)

SENSITIVE_FIELDS = {"id_number", "contact_phone"}


class ConflictError(Exception):
    """Someone else saved the record after this user opened it."""

    def __init__(self, current_version: int):
        super().__init__("记录已被他人修改")
        self.current_version = current_version


class ValidationErrors(ValueError):
    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def _text(limit: int) -> Callable[[Any, str], str]:
    def parse(value, field):
        text = normalize_text(value)
        if len(text) > limit:
            raise FieldError(field, f"内容过长（{len(text)} 字，上限 {limit}）")
        return text
    return parse


def _joined_list(value, field) -> str:
    return ";".join(split_list(value, commas=True))


def _choice(choices, labels: dict | None = None):
    reverse = {v: k for k, v in (labels or {}).items()}

    def parse(value, field):
        text = normalize_text(value)
        text = reverse.get(text, text)
        if text not in choices:
            raise FieldError(field, f"“{text}”不是有效选项（{'、'.join(labels.get(c, c) if labels else c for c in choices)}）")
        return text
    return parse


def _datetime(value, field):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    text = normalize_text(value).replace("T", " ")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            continue
    d = parse_date(text, field)
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)


def _ref(value, field):
    text = normalize_text(value)
    if not text:
        raise FieldError(field, "编号不能为空")
    if len(text) > 64:
        raise FieldError(field, "编号过长（上限 64 字符）")
    return text


@dataclass(frozen=True)
class FieldSpec:
    key: str                 # canonical key (import column / form field)
    label: str               # zh-CN label
    parse: Callable[[Any, str], Any]
    column: str | None = None  # model attribute, defaults to key


INTAKE_FIELDS: list[FieldSpec] = [
    FieldSpec("ref", "登记编号", _ref),
    FieldSpec("name", "自述姓名", _text(128), "name_heard"),
    FieldSpec("sex", "性别", lambda v, f: parse_sex(v, f)),
    FieldSpec("age_estimate", "估计年龄", _text(64)),
    FieldSpec("found_date", "发现日期", lambda v, f: parse_date(v, f)),
    FieldSpec("found_place", "发现地点", _text(255)),
    FieldSpec("height_cm", "身高(厘米)", lambda v, f: parse_height_span(v, f)),
    FieldSpec("features", "体貌特征", _text(2000)),
    FieldSpec("dialect", "口音/方言", _text(128)),
    FieldSpec("place_hints", "自述地名", _joined_list),
    # Form-only fields (not in the import contract, but accepted there too).
    FieldSpec("station", "所属站点", _text(128)),
    FieldSpec("admitted_at", "入站时间", _datetime),
    FieldSpec("clothing", "衣着", _text(1000)),
    FieldSpec("health_state", "健康/精神状况", _text(1000)),
    FieldSpec("id_number", "身份证号", lambda v, f: parse_id_number(v, f)),
    FieldSpec("notes", "内部备注", _text(5000)),
    FieldSpec("status", "状态", _choice(INTAKE_STATUSES)),
]

REPORT_FIELDS: list[FieldSpec] = [
    FieldSpec("ref", "启事编号", _ref),
    FieldSpec("name", "姓名", _text(128)),
    FieldSpec("alt_names", "曾用名/小名", _joined_list),
    FieldSpec("sex", "性别", lambda v, f: parse_sex(v, f)),
    FieldSpec("birth_date", "出生日期", lambda v, f: parse_partial_date(v, f)),
    FieldSpec("hometown", "籍贯/户籍地", _text(255)),
    FieldSpec("missing_date", "失踪日期", lambda v, f: parse_date_precision(v, f)),
    FieldSpec("missing_place", "失踪地点", _text(255)),
    FieldSpec("height_cm", "身高(厘米)", lambda v, f: parse_height_span(v, f)),
    FieldSpec("features", "体貌特征", _text(2000)),
    FieldSpec("dialect", "口音/方言", _text(128)),
    FieldSpec("contact_phone", "家属联系电话", lambda v, f: parse_phone(v, f)),
    FieldSpec("id_number", "身份证号", lambda v, f: parse_id_number(v, f)),
    FieldSpec("source", "来源", _choice(REPORT_SOURCES, {"family": "家属", "police": "公安", "import": "批量导入"})),
    FieldSpec("status", "状态", _choice(REPORT_STATUSES, {"open": "寻找中", "closed": "已结案"})),
    FieldSpec("notes", "内部备注", _text(5000)),
]

FIELDS = {"intake": INTAKE_FIELDS, "report": REPORT_FIELDS}
MODELS = {"intake": Intake, "report": MissingReport}
LABELS = {kind: {s.key: s.label for s in specs} for kind, specs in FIELDS.items()}


def parse_values(kind: str, raw: dict[str, Any], *, partial: bool = True) -> dict[str, Any]:
    """Raw key→value (canonical keys) to model attribute→value. Absent keys are left alone
    when `partial`; present-but-empty cells mean "unknown" and clear the field."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    age_text: str | None = None
    for spec in FIELDS[kind]:
        if spec.key not in raw:
            if not partial and spec.key == "ref":
                errors.append(FieldError("ref", "编号不能为空"))
            continue
        try:
            parsed = spec.parse(raw[spec.key], spec.key)
        except FieldError as exc:
            errors.append(exc)
            continue
        if kind == "intake" and spec.key == "age_estimate":
            age_text = parsed           # parsed below: "60后" needs the found date
        elif kind == "report" and spec.key == "birth_date":
            text, y, m, d = parsed
            values.update(birth_date=text, birth_year=y, birth_month=m, birth_day=d)
        elif kind == "report" and spec.key == "missing_date":
            day, precision = parsed
            values.update(missing_date=day, missing_date_precision=precision)
        elif spec.key == "height_cm":
            cm, spread = parsed
            values.update(height_cm=cm, height_spread_cm=spread)
        else:
            values[spec.column or spec.key] = parsed
    if age_text is not None:
        found = values.get("found_date")
        try:
            lo, hi = parse_age_estimate(age_text, "age_estimate", found.year if found else None)
            values.update(age_estimate=age_text, age_min=lo, age_max=hi)
        except FieldError as exc:
            errors.append(exc)
    if errors:
        raise ValidationErrors(errors)
    return values


def _display(field: str, value: Any) -> Any:
    if field in SENSITIVE_FIELDS and value:
        return "***"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def diff(obj, values: dict[str, Any]) -> dict[str, list]:
    """{field: [before, after]} for fields whose value changes (sensitive values masked)."""
    changes = {}
    for key, new in values.items():
        old = getattr(obj, key)
        if isinstance(old, datetime) and isinstance(new, datetime):
            same = old.replace(tzinfo=None) == new.replace(tzinfo=None)
        else:
            same = old == new or (old in (None, "") and new in (None, ""))
        if not same:
            changes[key] = [_display(key, old), _display(key, new)]
    return changes


def create(session: Session, kind: str, raw: dict[str, Any], *, actor=None, ip: str = "",
           extra: dict[str, Any] | None = None):
    values = parse_values(kind, raw, partial=False)
    model = MODELS[kind]
    if session.execute(select(model.id).where(model.ref == values["ref"])).first():
        raise ValidationErrors([FieldError("ref", f"编号“{values['ref']}”已存在")])
    if kind == "intake" and not values.get("admitted_at"):
        values["admitted_at"] = datetime.now(timezone.utc)
    values.update(extra or {})
    obj = model(**values, created_by_id=getattr(actor, "id", None))
    session.add(obj)
    session.flush()
    audit.record(session, "create", actor=actor, object_type=kind, object_id=obj.id, object_ref=obj.ref, ip=ip,
                 details={"fields": {k: _display(k, v) for k, v in values.items() if v not in (None, "")}})
    return obj


def update(session: Session, obj, raw: dict[str, Any], *, expected_version: int | None, actor=None, ip: str = "",
           action: str = "update", extra_details: dict | None = None) -> dict[str, list]:
    """Apply changes if the user edited the current version; returns the audited changes."""
    if expected_version is not None and obj.version != expected_version:
        raise ConflictError(obj.version)
    kind = "intake" if isinstance(obj, Intake) else "report"
    values = parse_values(kind, raw)
    if "ref" in values and values["ref"] != obj.ref:
        model = MODELS[kind]
        if session.execute(select(model.id).where(model.ref == values["ref"])).first():
            raise ValidationErrors([FieldError("ref", f"编号“{values['ref']}”已存在")])
    changes = diff(obj, values)
    if not changes:
        return {}
    for key in changes:
        setattr(obj, key, values[key])
    session.flush()   # version counter bumps here; a concurrent writer gets StaleDataError
    details = {"changes": changes}
    details.update(extra_details or {})
    audit.record(session, action, actor=actor, object_type=kind, object_id=obj.id, object_ref=obj.ref, ip=ip,
                 details=details)
    return changes


def by_ref(session: Session, kind: str, ref: str):
    model = MODELS[kind]
    return session.execute(select(model).where(model.ref == ref)).scalar_one_or_none()
