"""What a remembered 居民身份证号 says besides its county: birth date and sex.

The importer validates numbers; the matcher still reads any string (a 15-digit
first-generation number, spaces, a lowercase x) and says nothing when the
number does not parse, so garbage never costs a pair anything.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from .compare_sex import FEMALE, MALE, UNKNOWN

# No record is of anyone born earlier: people born in the 1890s went missing in
# the 1990s ("约1899年" on a 1995 report). The importer's date checks use it too.
EARLIEST_YEAR = 1880


def _fields(id_number: object) -> tuple[str, str, str, str] | None:
    """(year, month, day, sequence digit) of an 18-digit number (YYYYMMDD) or a
    15-digit first-generation one (YYMMDD, 19xx); None when it is neither."""
    if not isinstance(id_number, str):
        return None
    s = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", id_number).upper())
    if re.fullmatch(r"\d{17}[\dX]", s):
        return s[6:10], s[10:12], s[12:14], s[16]
    if re.fullmatch(r"\d{15}", s):
        return "19" + s[6:8], s[8:10], s[10:12], s[14]
    return None


def id_birth_date(id_number: object) -> date | None:
    """The birth date in an 18-digit (YYYYMMDD) or 15-digit (YYMMDD) number."""
    f = _fields(id_number)
    if f is None:
        return None
    try:
        born = date(int(f[0]), int(f[1]), int(f[2]))
    except ValueError:
        return None
    return born if EARLIEST_YEAR <= born.year <= date.today().year else None


def id_sex(id_number: object) -> int:
    """MALE for an odd sequence digit (the 17th, or the 15th of an old number)."""
    f = _fields(id_number)
    if f is None:
        return UNKNOWN
    return MALE if int(f[3]) % 2 else FEMALE
