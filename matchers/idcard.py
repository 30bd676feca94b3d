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


def _digits(id_number: object) -> str:
    if not isinstance(id_number, str):
        return ""
    s = unicodedata.normalize("NFKC", id_number).upper()
    return re.sub(r"[\s\-]", "", s)


def id_birth_date(id_number: object) -> date | None:
    """The birth date in an 18-digit (YYYYMMDD) or 15-digit (YYMMDD) number."""
    s = _digits(id_number)
    if re.fullmatch(r"\d{17}[\dX]", s):
        y, m, d = int(s[6:10]), int(s[10:12]), int(s[12:14])
    elif re.fullmatch(r"\d{15}", s):
        y, m, d = 1900 + int(s[6:8]), int(s[8:10]), int(s[10:12])
    else:
        return None
    try:
        born = date(y, m, d)
    except ValueError:
        return None
    return born if 1880 <= y <= date.today().year else None


def id_sex(id_number: object) -> int:
    """MALE for an odd sequence digit (the 17th, or the 15th of an old number)."""
    s = _digits(id_number)
    if re.fullmatch(r"\d{17}[\dX]", s):
        digit = int(s[16])
    elif re.fullmatch(r"\d{15}", s):
        digit = int(s[14])
    else:
        return UNKNOWN
    return MALE if digit % 2 else FEMALE
