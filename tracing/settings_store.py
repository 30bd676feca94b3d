"""Deployment settings kept in the Setting table, with typed defaults.

Provinces differ (how long until 落户, how soon a notice must go out), and the station's
own data (name, 24-hour phone, letterhead) is edited by an admin, not in config files,
so these live in the database and every change is audited by the page that saves it.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .models import Setting

STATION_KEY = "station"
DEADLINES_KEY = "deadline_rules"
NOTICE_KEY = "notice_rules"
LETTER_TEMPLATE_KEY = "police_letter_template"

STATION_FIELDS = {
    "name": "救助管理站名称",
    "address": "地址",
    "phone_24h": "24小时电话",
    "letter_header": "协查函红头文字",
    "contact_person": "协查联系人",
    "contact_phone": "协查联系电话",
}

# (key, label, unit, default): unit is "hours" or "days".
DEADLINE_RULES = [
    ("notice_hours", "入站后发布寻亲公告", "hours", 24),
    ("police_days", "入站后完成DNA采样协查", "days", 30),
    ("care_days", "入站后安排照料/托养", "days", 10),
    ("refresh_days", "寻亲公告更新周期", "days", 30),
    ("settle_days", "入站后办理落户", "days", 90),
]
NOTICE_RULES = [
    ("expiry_days", "公告有效期（到期未更新则不再列入公告列表和订阅源）", "days", 90),
    ("police_reply_days", "协查函回复期限（发函后）", "days", 30),
    ("reminder_days", "提前提醒天数", "days", 3),
]


def get(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(Setting, key)
    return default if row is None or row.value is None else row.value


def put(session: Session, key: str, value: Any) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def station(session: Session, config) -> dict[str, str]:
    """Station data: the admin's settings over the deployment's environment defaults."""
    stored = get(session, STATION_KEY, {}) or {}
    info = {
        "name": config.get("STATION_NAME", "") or "救助管理站",
        "address": config.get("STATION_ADDRESS", ""),
        "phone_24h": config.get("STATION_PHONE", ""),
        "letter_header": "",
        "contact_person": "",
        "contact_phone": "",
    }
    if isinstance(stored, dict):
        for k in STATION_FIELDS:
            v = stored.get(k)
            if isinstance(v, str) and v.strip():
                info[k] = v.strip()
    return info


def _numbers(session: Session, key: str, rules) -> dict[str, int]:
    stored = get(session, key, {}) or {}
    out = {}
    for name, _label, _unit, default in rules:
        v = stored.get(name) if isinstance(stored, dict) else None
        out[name] = v if isinstance(v, int) and not isinstance(v, bool) and v > 0 else default
    return out


def deadline_rules(session: Session) -> dict[str, int]:
    return _numbers(session, DEADLINES_KEY, DEADLINE_RULES)


def notice_rules(session: Session) -> dict[str, int]:
    return _numbers(session, NOTICE_KEY, NOTICE_RULES)


def parse_rule_form(form, rules) -> tuple[dict[str, int], dict[str, str]]:
    """Form strings -> positive ints; errors by field name (zh-CN)."""
    values, errors = {}, {}
    for name, label, unit, _default in rules:
        raw = (form.get(name) or "").strip()
        try:
            n = int(raw)
        except ValueError:
            errors[name] = f"{label}：请输入整数（{'小时' if unit == 'hours' else '天'}）"
            continue
        if not 1 <= n <= (24 * 3650 if unit == "hours" else 3650):
            errors[name] = f"{label}：超出合理范围"
            continue
        values[name] = n
    return values, errors
