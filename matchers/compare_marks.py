"""Marks and features (体貌特征): moles, birthmarks, scars, tattoos, missing or
extra fingers… written in free text and paraphrased differently by the family
and by station staff ("左手缺小指" vs "左手小拇指残缺").

Each clause is reduced to (kind, body part, side). Parts form a small
hierarchy (小指 ⊂ 手 ⊂ 上肢) so a vague description is compatible with a
precise one. A family often leaves features out, so absence is weak
evidence, not none: a mark noted on one side only (`one_side`, two or more
marks: `one_side_many`) and no mark noted on either side (`neither`: most
people have none) are levels whose weights are estimated like the others.
The same mark on the opposite side is weaker agreement (left and right are
often confused when recording).
"""
from __future__ import annotations

import re
import unicodedata
from typing import ClassVar, NamedTuple

from .base import LevelResult
from .records import IntakeRecord, ReportRecord
from .text import to_simplified

# canonical part -> (parent, aliases). Aliases are matched longest first.
PARTS: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "上肢": (None, ("上肢",)),
    "下肢": (None, ("下肢",)),
    "头面": (None, ()),
    "躯干": (None, ("躯干",)),        # "身上有疤" is anywhere on the body, not the trunk
    "手": ("上肢", ("手掌", "手背", "手心", "手")),
    "指": ("手", ("手指头", "手指", "指头", "指")),
    "拇指": ("指", ("大拇指", "大拇哥", "拇指")),
    "食指": ("指", ("食指", "二拇指")),
    "中指": ("指", ("中指",)),
    "无名指": ("指", ("无名指",)),
    "小指": ("指", ("小拇指", "小手指", "尾指", "小指", "小拇哥")),
    "手臂": ("上肢", ("胳膊", "胳臂", "手臂", "上臂", "前臂", "小臂", "大臂", "手腕", "臂", "腕")),
    "肩": ("上肢", ("肩膀", "肩头", "肩")),
    "脸": ("头面", ("脸颊", "脸上", "脸部", "面部", "面颊", "脸", "颊", "腮")),
    "额": ("头面", ("额头", "前额", "脑门", "额")),
    "眉": ("头面", ("眉毛", "眉心", "眉间", "眉")),
    "眼": ("头面", ("眼睛", "眼角", "眼皮", "眼")),
    "鼻": ("头面", ("鼻子", "鼻梁", "鼻翼", "鼻")),
    "嘴": ("头面", ("嘴唇", "上唇", "下唇", "嘴角", "嘴", "唇")),
    "耳": ("头面", ("耳朵", "耳垂", "耳后", "耳")),
    "下巴": ("头面", ("下巴", "下颌", "下颚")),
    "头": ("头面", ("头顶", "头部", "后脑勺", "后脑", "头皮", "头")),
    "牙": ("头面", ("门牙", "牙齿", "牙")),
    "颈": ("躯干", ("脖子", "颈部", "脖颈", "颈")),
    "胸": ("躯干", ("胸口", "胸前", "胸部", "胸")),
    "背": ("躯干", ("后背", "背部", "脊背", "背")),
    "腹": ("躯干", ("肚子", "肚皮", "腹部", "小腹", "肚脐", "腹")),
    "腰": ("躯干", ("腰部", "腰间", "腰")),
    "臀": ("躯干", ("屁股", "臀部", "臀")),
    "腿": ("下肢", ("大腿", "小腿", "腿部", "腿")),
    "膝": ("下肢", ("膝盖", "膝")),
    "脚": ("下肢", ("脚背", "脚掌", "脚底", "脚踝", "脚", "足")),
    "脚趾": ("脚", ("脚趾头", "脚趾", "趾")),
}

# canonical kind -> aliases (longest first at match time). Checked in order, so
# 胎痣 is read as a birthmark before 痣 is seen.
KINDS: dict[str, tuple[str, ...]] = {
    "胎记": ("胎记", "胎痣", "胎斑", "青记", "红记", "青斑", "青色记", "红色记", "黑色记", "褐色记", "块记"),
    "痣": ("黑痣", "红痣", "痦子", "黑点", "痣"),
    "疤": ("疤痕", "伤疤", "刀疤", "烫伤", "烧伤", "伤痕", "缝过针", "疤"),
    "纹身": ("纹身", "文身", "刺青", "纹有", "纹着", "纹了", "刺有"),
    "缺损": ("缺失", "残缺", "缺了", "缺少", "少了", "少一", "断了", "断指", "截肢", "没有了", "没了", "缺"),
    "多指": ("六指", "多指", "多一根", "多了一根", "多长了一根", "枝指", "六个手指", "六根手指", "六个指头"),
    "跛": ("跛", "瘸", "走路不稳", "腿脚不便", "拐腿", "腿有残疾", "腿部残疾", "腿残疾", "腿脚残疾", "腿残"),
    "兔唇": ("兔唇", "唇裂", "豁嘴", "兔嘴"),
    "斜视": ("斜视", "斗鸡眼", "对眼", "斜眼"),
    "失明": ("失明", "瞎", "独眼", "盲"),
    "驼背": ("驼背", "罗锅"),
    "聋哑": ("聋哑", "聋", "失聪", "耳背", "哑巴", "不会说话"),
    "秃顶": ("秃顶", "秃头", "谢顶", "秃"),
    "麻子": ("麻子", "雀斑"),
}
# Kinds that are rare in the population: a match on them is its own level.
RARE_KINDS = frozenset({"缺损", "多指", "兔唇", "纹身", "失明", "驼背"})
# Default part for kinds that imply one when the text names none.
IMPLIED_PART = {"兔唇": "嘴", "斜视": "眼", "失明": "眼", "驼背": "背", "跛": "腿", "多指": "指", "秃顶": "头"}

_PART_ALIASES = sorted(((a, p) for p, (_, als) in PARTS.items() for a in als),
                       key=lambda x: -len(x[0]))
_KIND_ALIASES = sorted(((a, k) for k, als in KINDS.items() for a in als), key=lambda x: -len(x[0]))
_CLAUSE_SPLIT = re.compile(r"[，,。.;；、\s/|!！?？()（）\[\]【】]+|和|及|并且|另外")


def _depth(part: str) -> int:
    d = 0
    while part is not None:
        part = PARTS[part][0]
        d += 1
    return d


def _ancestors(part: str) -> set[str]:
    out = set()
    while part is not None:
        out.add(part)
        part = PARTS[part][0]
    return out


_ANCESTORS = {p: frozenset(_ancestors(p)) for p in PARTS}
_DEPTH = {p: _depth(p) for p in PARTS}


class Mark(NamedTuple):
    kind: str
    part: str | None
    side: str | None      # "左" / "右" / None
    text: str             # the clause it came from, for explanations


def _find_all(clause: str, aliases: list[tuple[str, str]]) -> list[str]:
    found: list[str] = []
    rest = clause
    for alias, canon in aliases:
        if alias in rest:
            found.append(canon)
            rest = rest.replace(alias, "\0")
    return found


def parse_marks(text: object) -> tuple[Mark, ...]:
    """Extract marks from free text; never raises, () when nothing recognisable."""
    if not isinstance(text, str) or not text.strip():
        return ()
    s = to_simplified(unicodedata.normalize("NFKC", text))[:2000]
    marks: list[Mark] = []
    for clause in _CLAUSE_SPLIT.split(s):
        if not clause:
            continue
        kinds = _find_all(clause, _KIND_ALIASES)
        if not kinds:
            continue
        parts = _find_all(clause, _PART_ALIASES)
        part = max(parts, key=lambda p: _DEPTH[p]) if parts else None
        side = "左" if "左" in clause else ("右" if "右" in clause else None)
        for kind in dict.fromkeys(kinds):
            p = part if part is not None else IMPLIED_PART.get(kind)
            marks.append(Mark(kind, p, side, clause))
    return tuple(dict.fromkeys(marks))


def mark_keys(marks: tuple[Mark, ...]) -> list[str]:
    """Blocking keys: kind+coarse part (so paraphrases at different precision share one)."""
    keys = []
    for m in marks:
        if m.part is None:
            keys.append(f"mk:{m.kind}")
            continue
        top = m.part
        while PARTS[top][0] is not None and PARTS[PARTS[top][0]][0] is not None:
            top = PARTS[top][0]
        keys.append(f"mk:{m.kind}:{top}")
    return list(dict.fromkeys(keys))


def _pair_strength(a: Mark, b: Mark) -> int:
    """3 exact, 2 compatible, 1 vague, 0 unrelated, -1 conflicting side."""
    if a.kind != b.kind:
        return 0
    if a.part is None or b.part is None:
        return 1
    if a.part == b.part:
        if a.side and b.side and a.side != b.side:
            return -1
        return 3
    if a.part in _ANCESTORS[b.part] or b.part in _ANCESTORS[a.part]:
        if a.side and b.side and a.side != b.side:
            return -1
        return 2
    return 0


class MarksComparison:
    name: ClassVar[str] = "marks"
    title: ClassVar[str] = "体貌"
    # "side_conflict" (the same mark on the other side) ranks above "none": a
    # left/right slip is a common recording error, a shared mark is still rare.
    levels: ClassVar[tuple[str, ...]] = (
        "null", "none", "one_side_many", "one_side", "neither", "side_conflict", "partial", "strong",
        "strong_rare", "multiple")

    def prepare_intake(self, intake: IntakeRecord) -> tuple[Mark, ...]:
        return parse_marks(intake.features)

    def prepare_report(self, report: ReportRecord) -> tuple[Mark, ...]:
        return parse_marks(report.features)

    def compare(self, a: tuple[Mark, ...], b: tuple[Mark, ...]) -> LevelResult:
        lv = self.levels.index
        if not a and not b:
            return LevelResult(self.name, lv("neither"), "neither", "双方均未记录明显特征")
        if not a or not b:
            noted = a or b
            many = len({(m.kind, m.part) for m in noted}) >= 2
            label = "one_side_many" if many else "one_side"
            shown = "、".join(m.text for m in noted[:2])
            text = (f"受助人有「{shown}」，寻人启事未记录" if a else f"寻人启事记有「{shown}」，受助人登记未见")
            return LevelResult(self.name, lv(label), label, text)
        best: dict[int, tuple[Mark, Mark]] = {}
        strong: list[tuple[Mark, Mark]] = []
        for x in a:
            for y in b:
                s = _pair_strength(x, y)
                best.setdefault(s, (x, y))
                if s >= 2:
                    strong.append((x, y))
        if len({(x.kind, x.part) for x, _ in strong}) >= 2:
            x, y = strong[0]
            x2, y2 = next(p for p in strong if (p[0].kind, p[0].part) != (x.kind, x.part))
            return LevelResult(self.name, lv("multiple"), "multiple",
                               f"{x.text}≈{y.text}; {x2.text}≈{y2.text}")
        if 3 in best or 2 in best:
            x, y = best.get(3) or best[2]
            if x.kind in RARE_KINDS:
                return LevelResult(self.name, lv("strong_rare"), "strong_rare", f"{x.text}≈{y.text}")
            return LevelResult(self.name, lv("strong"), "strong", f"{x.text}≈{y.text}")
        if 1 in best:
            x, y = best[1]
            return LevelResult(self.name, lv("partial"), "partial", f"{x.text}~{y.text}(部位不详)")
        if -1 in best:
            x, y = best[-1]
            return LevelResult(self.name, lv("side_conflict"), "side_conflict", f"{x.text} vs {y.text}(左右不符)")
        return LevelResult(self.name, lv("none"), "none",
                           f"{a[0].text} vs {b[0].text}(无共同特征)")
