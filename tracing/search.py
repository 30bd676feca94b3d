"""Record search: names as typed (hanzi or toneless pinyin), ref, region and dates, paginated.

Built to stay fast at a million reports: every name/ref condition is a prefix range on an
indexed column (`col >= q AND col < q'`, where q' is q with its last character bumped),
which both SQLite and PostgreSQL answer from a b-tree, and the result is ordered along
that same index so a page reads only its own rows. A substring match on a million names
would scan the table; it is only used where the index has already narrowed the rows.
"""
from __future__ import annotations

import calendar

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import and_, func, or_, select

from .models import Intake, MissingReport
from .parsing import FieldError, parse_partial_date

_LATIN = re.compile(r"[a-z]+")
_REF_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-/.]*$")
_HAS_DIGIT = re.compile(r"\d")
_HANZI = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ebef]")


@lru_cache(maxsize=1)
def _surname_tables():
    from matchers.pinyin import COMPOUND_SURNAMES, POLYPHONIC_SURNAMES
    return COMPOUND_SURNAMES, POLYPHONIC_SURNAMES


@lru_cache(maxsize=65536)      # a bulk import repeats common names (张伟, 王秀英) thousands of times
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


def region_code(text: str | None) -> str:
    """The administrative division an address names, as a code prefix for indexed search:
    the county (6 digits) when exactly one is named, else the prefecture (4), else the
    province (2); "" when the gazetteer recognises nothing or only ambiguous names."""
    if not text:
        return ""
    from matchers.gazetteer import places_in

    parsed = places_in(text)
    for level in (parsed.counties, parsed.prefectures, parsed.provinces):
        if len(level) == 1:
            return next(iter(level))
    return ""


def region_query_codes(text: str) -> list[str]:
    """Codes a region typed in the search box stands for ("湖南" -> ["43"], "朝阳" -> three counties)."""
    from matchers.gazetteer import places_in

    parsed = places_in(text or "")
    for level in (parsed.counties, parsed.prefectures, parsed.provinces):
        if level:
            return sorted(level)
    return []


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
    sorted_by: str = "recent"      # set by build_query: recent / ref / name / pinyin / region / date

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


def date_bound(raw: str, field: str, end: bool) -> date | None:
    """A search bound at the precision typed: "2010" is 2010-01-01 as a start and
    2010-12-31 as an end ("2010年5月" likewise the month), not the mid-year day an
    import stores for a year alone."""
    _text, y, m, d = parse_partial_date(raw, field)
    if y is None:
        return None
    if not end:
        return date(y, m or 1, d or 1)
    if d:
        return date(y, m, d)
    if m:
        return date(y, m, calendar.monthrange(y, m)[1])
    return date(y, 12, 31)


def parse_params(args, page_size: int = 30) -> tuple[SearchParams, dict[str, str]]:
    """Query-string args -> params; bad dates are reported per field, never raised."""
    errors: dict[str, str] = {}
    p = SearchParams(q=(args.get("q") or "").strip()[:64], status=(args.get("status") or "").strip(),
                     region=(args.get("region") or "").strip()[:64], page_size=page_size)
    for key in ("date_from", "date_to"):
        raw = (args.get(key) or "").strip()
        if raw:
            try:
                setattr(p, key, date_bound(raw, key, end=(key == "date_to")))
            except FieldError as exc:
                errors[key] = exc.message
    try:
        p.page = max(1, min(int(args.get("page") or 1), 10_000))
    except ValueError:
        errors["page"] = "页码必须是数字"
    return p, errors


PROBE_CAP = 5000      # rows counted (from an index) to tell a selective filter from a broad one


@dataclass
class _Driver:
    """An indexed condition that can drive the query, and the order its index reads rows in."""
    key: str
    where: object
    order: tuple


def _drivers_and_filters(kind: str, p: SearchParams) -> tuple[list[_Driver], list]:
    model = Intake if kind == "intake" else MissingReport
    name_col = Intake.name_heard if kind == "intake" else MissingReport.name
    date_col = Intake.found_date if kind == "intake" else MissingReport.missing_date
    drivers, filters = [], []
    mode = p.mode
    if mode == "ref":
        drivers.append(_Driver("ref", prefix(model.ref, p.q), (model.ref,)))
    elif mode == "name":
        drivers.append(_Driver("name", prefix(name_col, p.q), (name_col, model.id)))
    elif mode == "pinyin":
        py = name_pinyin(p.q) if _HANZI.search(p.q) else normalize_pinyin_query(p.q)
        drivers.append(_Driver("pinyin", prefix(model.name_pinyin, py), (model.name_pinyin, model.id)))
    if p.status:
        filters.append(model.status == p.status)
    if p.region:
        if kind == "intake":      # a station's intakes are few: substrings of what the person said
            filters.append(or_(Intake.place_hints.contains(p.region), Intake.dialect.contains(p.region),
                               Intake.found_place.contains(p.region)))
        else:
            # Addresses are written many ways ("湖南省邵阳市…", "邵阳…", old names): the gazetteer
            # turns both the address (stored) and the typed region into division codes, so the
            # filter is an index range. Text it does not know matches the start of the address.
            codes = region_query_codes(p.region)
            if codes:
                where = or_(*[prefix(MissingReport.hometown_code, c) for c in codes])
                drivers.append(_Driver("region", where, (MissingReport.hometown_code, model.id)))
            else:
                drivers.append(_Driver("region", prefix(MissingReport.hometown, p.region),
                                       (MissingReport.hometown, model.id)))
    if p.date_from or p.date_to:
        where = and_(*([date_col >= p.date_from] if p.date_from else []), *([date_col <= p.date_to] if p.date_to else []))
        if kind == "intake":
            filters.append(where)
        else:
            drivers.append(_Driver("date", where, (date_col, model.id)))
    return drivers, filters


def _probe(session, model, where) -> int:
    sub = select(model.id).where(where).limit(PROBE_CAP + 1).subquery()
    return session.execute(select(func.count()).select_from(sub)).scalar_one()


def build_query(kind: str, p: SearchParams, session=None):
    """SELECT for one page (one extra row to know whether there is a next page).

    A name/ref search reads rows in its index's order. With several indexed filters
    (name + region + dates) the most selective one drives: each is counted up to
    PROBE_CAP from its index (a millisecond), and the page is read along the smallest,
    so "z" + a small county never walks every name starting with z. `p.sorted_by` says
    which order the page is in."""
    model = Intake if kind == "intake" else MissingReport
    drivers, filters = _drivers_and_filters(kind, p)
    stmt = select(model).where(*[d.where for d in drivers], *filters)
    order, p.sorted_by = (model.id.desc(),), "recent"
    if drivers:
        named = drivers[0] if drivers[0].key in ("ref", "name", "pinyin") else None
        chosen = named
        if len(drivers) > 1 and session is not None:
            counts = {d.key: _probe(session, model, d.where) for d in drivers}
            smallest = min(drivers, key=lambda d: counts[d.key])
            if named is None or counts[smallest.key] < counts[named.key]:
                chosen = smallest
        if chosen is not None:
            order, p.sorted_by = chosen.order, chosen.key
    return stmt.order_by(*order).offset((p.page - 1) * p.page_size).limit(p.page_size + 1)


def run(session, kind: str, p: SearchParams):
    rows = list(session.execute(build_query(kind, p, session)).scalars())
    return rows[: p.page_size], len(rows) > p.page_size
