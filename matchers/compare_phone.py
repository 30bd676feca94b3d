"""A phone number the person remembers against the report's contact phone.

Some people who cannot say their name or village can recite a number
("会背一个号码139…", "记得家人电话…", "说182…是女儿电话"): staff write it
among the place hints. A report's contact phone is the family's (or the
police station's, "0364-36022960（明溪派出所）"); families publish it whole or
half hidden ("151****7695"). The same number is evidence no chance namesake
can produce; a number that differs says little (the person may recite an old
number or another relative's). Numbers are shown half hidden in explanations:
they are the family's contact, not for everyone who reads a candidate list.

Levels: null (no number on one side), differ, near (one digit off or two
neighbours swapped, or the visible digits of a half-hidden number all agree),
same.
"""
from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from .base import LevelResult, null_result
from .idcard import ID_WORD
from .records import IntakeRecord, ReportRecord

LEVELS: tuple[str, ...] = ("null", "differ", "near", "same")
L = {n: i for i, n in enumerate(LEVELS)}

# a mobile (1[3-9] + 9 digits) or a landline with its area code (0 + 2-3 digits, 7-8 digits);
# "*" stands for a hidden digit; spaces and hyphens inside are dropped first
_NUMBER = re.compile(r"(?<![\d*])(1[3-9][\d*]{9}|0\d{2,3}[\d*]{7,8})(?![\d*])")
_JOINED = re.compile(r"(?<=[\d*])[\s\-－—](?=[\d*])")
_ID_WORD = re.compile(ID_WORD)
MIN_VISIBLE = 7         # a half-hidden number agrees only on this many digits shown or more


def phones_in(text: object) -> tuple[str, ...]:
    """The phone numbers written in a text, digits only ("*" for a hidden one),
    in order; none in a text about an ID number (its digits are no phone)."""
    if not isinstance(text, str) or not text:
        return ()
    t = unicodedata.normalize("NFKC", text).replace("×", "*").replace("x", "*").replace("X", "*")
    if _ID_WORD.search(t):
        return ()
    t = _JOINED.sub("", t)
    return tuple(dict.fromkeys(m.group(1) for m in _NUMBER.finditer(t)))


_KIN = r"(?:家人|家里|家|爸爸|妈妈|父亲|母亲|儿子|女儿|哥哥|姐姐|弟弟|妹妹|老婆|丈夫|亲戚)?的?"
_SAID_WORDS = re.compile(r"(?:说|记得|会背|能背|背得出)?(?:一个)?" + _KIN + r"(?:电话|手机|号码)(?:号码?)?(?:是|为)?"
                         r"|是" + _KIN + r"(?:电话|手机|号码)")


_NOTHING_LEFT = re.compile(r"[说讲记得会背是\s,，;；:：、()（）]*")


def without_phones(text: str) -> str:
    """The text with the numbers recited and the words saying so taken out
    ("问家在哪说金水，会背一个号码131…" -> "问家在哪说金水，"): what is left may still
    be a place; the number is no place and not for every reader of a hint."""
    if not isinstance(text, str):
        return text
    joined = _JOINED.sub("", unicodedata.normalize("NFKC", text))
    if not _NUMBER.search(joined):
        return text
    t = _SAID_WORDS.sub("", _NUMBER.sub("", joined))
    return "" if _NOTHING_LEFT.fullmatch(t) else t


def intake_phones(intake: IntakeRecord) -> tuple[str, ...]:
    """Numbers the person recited, from the place hints or the features, where other
    stations note them ("记得电话155…"): whole numbers only."""
    hints = intake.place_hints if isinstance(intake.place_hints, (list, tuple)) else [intake.place_hints]
    out: list[str] = []
    for h in (*hints, getattr(intake, "features", "")):
        out += [p for p in phones_in(h) if "*" not in p]
    return tuple(dict.fromkeys(out))


PHONE_KEY_DIGITS = 5


def phone_keys(numbers: tuple[str, ...]) -> list[str]:
    """Blocking keys ("T:<last five digits>") of whole numbers: a recited number
    finds its report whatever else the intake lacks. Five digits, not the whole
    number: a key per report cost the 1M index 700,000 keys (75 MB, a third of
    it); a five-digit key is held by about seven reports at 1M, still among the
    rarest an intake has, and the comparison checks the whole number."""
    return ["T:" + n[-PHONE_KEY_DIGITS:] for n in numbers if "*" not in n and len(n) >= PHONE_KEY_DIGITS]


def shown(number: str) -> str:
    """A number half hidden for explanations: 139****5391."""
    return number[:3] + "****" + number[-4:] if len(number) >= 8 else "****"


def _one_apart(a: str, b: str) -> bool:
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def phone_level(said: str, written: str) -> int:
    """How a recited number agrees with one written on a report."""
    if "*" in written:
        if len(said) != len(written):
            return L["differ"]
        visible = [(x, y) for x, y in zip(said, written) if y != "*"]
        if len(visible) >= MIN_VISIBLE and all(x == y for x, y in visible):
            return L["near"]
        return L["differ"]
    if said == written:
        return L["same"]
    return L["near"] if _one_apart(said, written) else L["differ"]


class PhoneComparison:
    name: ClassVar[str] = "phone"
    title: ClassVar[str] = "电话"
    levels: ClassVar[tuple[str, ...]] = LEVELS

    def prepare_intake(self, intake: IntakeRecord) -> tuple[str, ...]:
        return intake_phones(intake)

    def prepare_report(self, report: ReportRecord) -> tuple[str, ...]:
        return phones_in(getattr(report, "contact_phone", ""))

    def compare(self, said: tuple[str, ...], written: tuple[str, ...]) -> LevelResult:
        if not said or not written:
            return null_result(self, "无电话号码可比")
        best, pair = L["differ"], (said[0], written[0])
        for a in said:
            for b in written:
                lv = phone_level(a, b)
                if lv > best:
                    best, pair = lv, (a, b)
        a, b = pair
        if best == L["same"]:
            text = f"记得的号码 {shown(a)} 与寻人启事联系电话相同"
        elif best == L["near"]:
            how = "可见数字相同" if "*" in b else "仅差一位"
            text = f"记得的号码 {shown(a)} 与联系电话 {shown(b)} {how}"
        else:
            text = f"记得的号码 {shown(a)} 与联系电话不同"
        return LevelResult(self.name, best, LEVELS[best], text)
