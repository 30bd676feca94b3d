"""Record search: names as typed (hanzi or toneless pinyin), ref, region and dates, paginated.

Built to stay fast at a million reports: every name/ref condition is a prefix range on an
indexed column (`col >= q AND col < q'`, where q' is q with its last character bumped),
which both SQLite and PostgreSQL answer from a b-tree, and the result is ordered along
that same index so a page reads only its own rows. A substring match on a million names
would scan the table; it is only used where the index has already narrowed the rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import and_, or_, select

from .models import Intake, MissingReport
from .parsing import FieldError, parse_date

_LATIN = re.compile(r"[a-z]+")
_REF_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-/.]*$")
_HAS_DIGIT = re.compile(r"\d")
_HANZI = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ebef]")


@lru_cache(maxsize=1)
def _surname_tables():
    from matchers.pinyin import COMPOUND_SURNAMES, POLYPHONIC_SURNAMES
    return COMPOUND_SURNAMES, POLYPHONIC_SURNAMES


def name_pinyin(name: str | None) -> str:
    """Toneless pinyin of a name, run together and lowercase ("单文丽" -> "shanwenli").

    The surname gets its surname reading (单 shan, 曾 zeng), as a family would say it;
    latin letters already in the name (a name heard as pinyin) are kept. Cheap enough to
    run per row of a bulk import.
    """
    text = (name or "").strip()
    if not text:
        return ""
    compound, polyphonic = _surname_tables()
    head: list[str] = []
    if text[:2] in compound and len(text) > 2:
        head, text = list(compound[text[:2]]), text[2:]
    elif text[0] in polyphonic:
        head, text = [polyphonic[text[0]][0]], text[1:]
    from pypinyin import Style, lazy_pinyin

    syllables = head + lazy_pinyin(text, style=Style.NORMAL, v_to_u=False,
                                   errors=lambda chunk: [chunk.lower()])
    out = "".join(syllables).replace("ü", "v").lower()
    return "".join(_LATIN.findall(out))[:255]


def normalize_pinyin_query(q: str) -> str:
    """What a user typed as pinyin ("Zhang San", "zhang'san", "lü3") -> "zhangsan" / "lv"."""
    q = q.lower().replace("ü", "v").replace("u:", "v")
    return "".join(_LATIN.findall(q))


def _bump(text: str) -> str:
    return text[:-1] + chr(ord(text[-1]) + 1)


def prefix(col, text: str):
    """`col` starts with `text`, as an index range (binary collation: SQLite, PostgreSQL "C")."""
    return and_(col >= text, col < _bump(text))


@dataclass
class SearchParams:
    q: str = ""
    status: str = ""
    region: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1
    page_size: int = 30

    @property
    def mode(self) -> str:
        q = self.q
        if not q:
            return "recent"
        if _HANZI.search(q):
            return "pinyin" if re.search(r"[A-Za-z]", q) else "name"
        if _REF_LIKE.match(q) and _HAS_DIGIT.search(q):
            return "ref"
        return "pinyin" if normalize_pinyin_query(q) else "ref"


def parse_params(args, page_size: int = 30) -> tuple[SearchParams, dict[str, str]]:
    """Query-string args -> params; bad dates are reported per field, never raised."""
    errors: dict[str, str] = {}
    p = SearchParams(q=(args.get("q") or "").strip()[:64], status=(args.get("status") or "").strip(),
                     region=(args.get("region") or "").strip()[:64], page_size=page_size)
    for key in ("date_from", "date_to"):
        raw = (args.get(key) or "").strip()
        if raw:
            try:
                setattr(p, key, parse_date(raw, key))
            except FieldError as exc:
                errors[key] = exc.message
    try:
        p.page = max(1, min(int(args.get("page") or 1), 10_000))
    except ValueError:
        errors["page"] = "页码必须是数字"
    return p, errors


def build_query(kind: str, p: SearchParams):
    """SELECT for one page (one extra row to know whether there is a next page)."""
    model = Intake if kind == "intake" else MissingReport
    name_col = Intake.name_heard if kind == "intake" else MissingReport.name
    date_col = Intake.found_date if kind == "intake" else MissingReport.missing_date
    stmt = select(model)
    mode = p.mode
    if mode == "ref":
        stmt = stmt.where(prefix(model.ref, p.q)).order_by(model.ref)
    elif mode == "name":
        stmt = stmt.where(prefix(name_col, p.q)).order_by(name_col, model.id)
    elif mode == "pinyin":
        py = name_pinyin(p.q) if _HANZI.search(p.q) else normalize_pinyin_query(p.q)
        stmt = stmt.where(prefix(model.name_pinyin, py)).order_by(model.name_pinyin, model.id)
    else:
        stmt = stmt.order_by(model.id.desc())
    if p.status:
        stmt = stmt.where(model.status == p.status)
    if p.region:
        if kind == "intake":
            stmt = stmt.where(or_(Intake.place_hints.contains(p.region), Intake.dialect.contains(p.region),
                                  Intake.found_place.contains(p.region)))
        else:
            # Addresses are written many ways ("湖南省邵阳市…", "邵阳…"): a substring, not a prefix.
            stmt = stmt.where(MissingReport.hometown.contains(p.region))
    if p.date_from:
        stmt = stmt.where(date_col >= p.date_from)
    if p.date_to:
        stmt = stmt.where(date_col <= p.date_to)
    return stmt.offset((p.page - 1) * p.page_size).limit(p.page_size + 1)


def run(session, kind: str, p: SearchParams):
    rows = list(session.execute(build_query(kind, p)).scalars())
    return rows[: p.page_size], len(rows) > p.page_size
