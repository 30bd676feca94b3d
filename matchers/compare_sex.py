"""Sex: a weak clue, occasionally recorded wrongly at intake, so a mismatch is
evidence against a pair, not a veto (its weight is estimated, not fixed)."""
from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

from .base import LevelResult, null_result
from .records import IntakeRecord, ReportRecord

MALE, FEMALE, UNKNOWN = 1, 2, 0

_ALIASES = {
    "男": MALE, "男性": MALE, "m": MALE, "male": MALE, "man": MALE, "1": MALE, "男孩": MALE,
    "女": FEMALE, "女性": FEMALE, "f": FEMALE, "female": FEMALE, "woman": FEMALE, "2": FEMALE,
    "女孩": FEMALE, "男的": MALE, "女的": FEMALE, "男子": MALE, "女子": FEMALE, "男士": MALE, "女士": FEMALE,
}
# a doubtful entry ("男（疑似）", "女?", "疑似男性") is still the staff's best reading
_DOUBT = re.compile(r"[?？()（）\[\]【】]|疑似|待核实|待确认|不确定|可能是|可能|好像是|好像")


def sex_code(value: object) -> int:
    """Map "男"/"女"/"M"/"female"... to 1/2; anything else is unknown (0)."""
    if not isinstance(value, str):
        return UNKNOWN
    key = unicodedata.normalize("NFKC", value).strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    return _ALIASES.get(_DOUBT.sub("", key).strip(), UNKNOWN)


class SexComparison:
    name: ClassVar[str] = "sex"
    title: ClassVar[str] = "性别"
    levels: ClassVar[tuple[str, ...]] = ("null", "differ", "same")

    def prepare_intake(self, intake: IntakeRecord) -> int:
        # staff's record first; a remembered ID number's sex digit when they wrote none
        from .idcard import id_sex, remembered_id
        return sex_code(intake.sex) or id_sex(remembered_id(intake))

    def prepare_report(self, report: ReportRecord) -> int:
        return sex_code(report.sex)

    def compare(self, a: int, b: int) -> LevelResult:
        if not a or not b:
            return null_result(self, "性别未知")
        label_a = "男" if a == MALE else "女"
        label_b = "男" if b == MALE else "女"
        if a == b:
            return LevelResult(self.name, 2, "same", f"同为{label_a}")
        return LevelResult(self.name, 1, "differ", f"受助人{label_a} vs 报告{label_b}")
