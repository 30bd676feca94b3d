"""What a remembered 居民身份证号 says besides its county: birth date and sex.

The importer validates numbers; the matcher still reads any string (a 15-digit
first-generation number, spaces, a lowercase x) and says nothing when the
number does not parse, so garbage never costs a pair anything.

People also say the number, or its start, among what staff write down as place
hints ("自述身份证号43292519740504019X", "身份证前6位210922", "记得身份证
53302419740907"): `remembered_id` reads it from there when the ID field is
empty. A start says what it holds: six digits the county, fourteen the birth
date too; the sex digit only a whole number has.
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
    15-digit first-generation one (YYMMDD, 19xx); a 14-digit start of an 18-digit
    one (county and YYYYMMDD) has no sequence digit (""). None when it is none of these."""
    if not isinstance(id_number, str):
        return None
    s = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", id_number).upper())
    if re.fullmatch(r"\d{17}[\dX]", s):
        return s[6:10], s[10:12], s[12:14], s[16]
    if re.fullmatch(r"\d{15}", s):
        return "19" + s[6:8], s[8:10], s[10:12], s[14]
    if re.fullmatch(r"\d{14}", s):
        return s[6:10], s[10:12], s[12:14], ""
    return None


# "身份证", "身份证号", "身份证号码记得是", "自述身份证号", "身份证前6位", "身份证开头"
ID_WORD = r"身份证|身份號|身分證|身份證"       # also read by compare_place and compare_phone
_ID_WORD = re.compile(ID_WORD)
_ID_RUN = re.compile(r"(?<![\dXx])(\d{17}[\dXx]|\d{6,17})(?![\dXx])")


def id_in_text(text: object) -> str:
    """The ID number (or its remembered start) in a hint's text, "" when none.
    A run of six digits or more counts only beside the word 身份证 (its first six
    are the county whatever follows), except a whole 18-character number (17
    digits and a check character), which is nothing else."""
    if not isinstance(text, str) or not text:
        return ""
    t = re.sub(r"(?<=\d)[\s\-](?=\d)", "", unicodedata.normalize("NFKC", text))
    said = bool(_ID_WORD.search(t))
    for m in _ID_RUN.finditer(t):
        run = m.group(1).upper()
        if len(run) == 18 or said:
            return run
    return ""


def remembered_id(intake: object) -> str:
    """The intake's ID number: its own field, else one said among the place hints."""
    own = getattr(intake, "id_number", "")
    if isinstance(own, str) and own.strip():
        return own
    hints = getattr(intake, "place_hints", ())
    if isinstance(hints, str):
        hints = [hints]
    if isinstance(hints, (list, tuple)):
        for h in hints:
            found = id_in_text(h)
            if found:
                return found
    return ""


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
    if f is None or not f[3]:
        return UNKNOWN
    return MALE if int(f[3]) % 2 else FEMALE
