"""Marks and features (体貌特征): moles, birthmarks, scars, tattoos, missing or
extra fingers, and the health and disability wording of station records
(智力残疾, 精神异常, 癫痫…), written in free text and paraphrased differently
by the family and by station staff ("左手缺小指" vs "左手小拇指残缺").

Each clause is reduced to (kind, body part, side). Parts form a small
hierarchy (小指 ⊂ 手 ⊂ 上肢) so a vague description is compatible with a
precise one. A family often leaves features out, so absence is weak
evidence, not none: a mark noted on one side only (`one_side`, two or more
marks: `one_side_many`) and no mark noted on either side (`neither`: most
people have none) are levels whose weights are estimated like the others.
The same mark on the opposite side is weaker agreement (left and right are
often confused when recording).

A negated statement ("无纹身", "未见明显疤痕", "左手小指无缺损", "四肢健全",
"不瘸") is no mark: it is an explicit absence. A mark one side notes that the
other side explicitly says is absent (and notes nowhere else, not even on the
other side of the body) is disagreement, the `none` level. Conditions with
no location (智力残疾, 精神异常, 癫痫…) agree only vaguely (`partial`): they are
common among the people stations take in. Related kinds (右手残疾 / 右手缺小指,
痴呆 / 智力障碍, 坐轮椅 / 跛) agree vaguely too.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import ClassVar, NamedTuple

from .base import LevelResult
from .records import IntakeRecord, ReportRecord
from .text import to_simplified

# Bump when parsing changes the blocking keys `mark_keys` gives a text (a saved
# candidate index built with other keys must be rebuilt).
MARKS_KEYS_VERSION = "3"   # 3: 红斑 / 印记, 多一指, 四指, 龅牙

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
    "胎记": ("胎记", "胎痣", "胎斑", "青记", "红记", "青斑", "青色记", "红色记", "黑色记", "褐色记", "块记",
             "红斑", "青色印记", "红色印记", "褐色印记", "黑色印记", "印记"),
    "痣": ("黑痣", "红痣", "痦子", "黑点", "痣"),
    "疤": ("疤痕", "伤疤", "刀疤", "烫伤", "烧伤", "伤痕", "缝过针", "疤",
          "刀口", "开过刀", "动过手术", "手术痕迹"),
    "纹身": ("纹身", "文身", "刺青", "纹有", "纹着", "纹了", "刺有", "刺字", "刺着", "刺了"),
    "缺损": ("缺失", "残缺", "缺了", "缺少", "少了", "少一", "断了", "断指", "截肢", "没有了", "没了", "缺",
             "断掉", "截掉", "切掉", "剁掉", "砍掉"),
    "多指": ("六指", "多指", "多一根", "多了一根", "多长了一根", "枝指", "六个手指", "六根手指", "六个指头",
             "多一指", "多一个手指", "多一个指头", "多长一指"),
    "跛": ("跛", "瘸", "走路不稳", "腿脚不便", "拐腿", "腿有残疾", "腿部残疾", "腿残疾", "腿脚残疾", "腿残",
          "拄拐", "拐杖", "拄棍", "拄着拐", "走路不便", "行走不便", "行动不便", "腿脚不好"),
    "兔唇": ("兔唇", "唇裂", "豁嘴", "兔嘴"),
    "斜视": ("斜视", "斗鸡眼", "对眼", "斜眼"),
    "失明": ("失明", "瞎", "独眼", "盲", "看不见", "看不到", "视力残疾", "失去视力"),
    "驼背": ("驼背", "罗锅", "佝偻", "弓背", "背驼"),
    "聋哑": ("聋哑", "聋", "失聪", "耳背", "哑巴", "不会说话",
            "听力障碍", "听力差", "听力不好", "听力残疾", "听不见", "听不到", "耳朵背", "言语残疾",
            "不能说话", "无法说话", "说不出话"),
    "秃顶": ("秃顶", "秃头", "谢顶", "秃"),
    "麻子": ("麻子", "雀斑", "麻脸", "麻坑"),
    # health and disability wording of station records
    "智力残疾": ("智力残疾", "智力障碍", "智力低下", "智力缺陷", "智力迟钝", "智力有问题", "智力不好",
             "智力较差", "智力差", "智障", "弱智", "呆傻", "痴傻"),
    "精神异常": ("精神异常", "精神病", "精神分裂", "精神障碍", "精神疾病", "精神失常", "精神不正常",
             "精神有问题", "精神残疾", "神经病", "疯疯癫癫", "疯癫", "疯子"),
    "痴呆": ("老年痴呆", "老年性痴呆", "痴呆", "阿尔茨海默", "失智"),
    "脑瘫": ("脑瘫", "脑性瘫痪", "脑性麻痹"),
    "癫痫": ("癫痫", "羊角风", "羊癫疯", "羊羔疯", "羊痫风", "抽风"),
    "白化病": ("白化病", "白化症", "白化"),
    "口吃": ("口吃", "结巴", "说话不流利"),
    "金牙": ("金牙", "镶金", "包金"),
    "龅牙": ("龅牙", "暴牙", "大板牙"),
    "罗圈腿": ("罗圈腿", "O型腿", "O形腿", "o型腿", "o形腿", "〇型腿"),
    "瘫痪": ("瘫痪", "偏瘫", "截瘫", "瘫在床", "坐轮椅", "轮椅", "无法行走", "不能行走", "不能走路", "走不了路"),
    # a disability of a part, said no more precisely ("右手残疾", "右手有残")
    "残疾": ("残疾", "残废", "伤残", "残障", "有残"),
}
# Kinds written in ways no alias list covers well, found by pattern in what
# the aliases left: "右眼斜", "背部纹龙", "左手食指断", "背有点驼" (but not
# "皱纹", "驼色外套"). Each with the character it cannot match without.
KIND_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"眼睛?(?:有点|有些|略|稍|微|向外|向内|往外|往里)?斜"), "斜视", "斜"),
    (re.compile(r"(?<![皱头尾掌花条斑波])纹(?![路理])"), "纹身", "纹"),
    (re.compile(r"(?:指|趾|指头|掌)[被给]?[切砍剁轧压锯炸]?断(?!过)"), "缺损", "断"),
    (re.compile(r"驼(?!色)"), "驼背", "驼"),
    # "右手四指", "左手只有四个手指": a finger missing, said by the ones left
    (re.compile(r"(?:只有|仅有|就)?四[个根]?(?:手指头|手指|指头|指)(?![宽长粗])"), "缺损", "四"),   # not "四指宽的疤"
)
# Kinds that are rare in the population: a match on them is its own level.
RARE_KINDS = frozenset({"缺损", "多指", "兔唇", "纹身", "失明", "驼背"})
# Default part for kinds that imply one when the text names none.
IMPLIED_PART = {"龅牙": "牙", "兔唇": "嘴", "斜视": "眼", "失明": "眼", "驼背": "背", "跛": "腿", "多指": "指", "秃顶": "头",
                "金牙": "牙", "罗圈腿": "腿", "瘫痪": "下肢"}
# A limp is a limp whatever part is named: "跛脚" and "走路一瘸一拐" are one mark.
FIXED_PART = {"跛": "腿"}
# Kinds that only make sense in some regions: a part named outside them
# ("腰以下瘫痪") gives the implied part.
REGION = {"瘫痪": ("上肢", "下肢")}
# Conditions with no location: a part named in the same clause is not theirs.
NO_PART = frozenset({"智力残疾", "精神异常", "痴呆", "癫痫", "白化病", "口吃", "脑瘫"})
# Different kinds that can describe one condition: they agree vaguely (partial).
DISABILITY_KINDS = frozenset({"缺损", "跛", "瘫痪", "残疾"})
RELATED_KINDS = frozenset({frozenset({"智力残疾", "痴呆"}), frozenset({"跛", "瘫痪"})}
                          | {frozenset({"残疾", k}) for k in DISABILITY_KINDS if k != "残疾"})

# -- negation: "无纹身", "未见明显疤痕", "左手小指无缺损", "不瘸", "纹身：无"
_NEGATORS = ("并没有", "没有", "并无", "未见", "未发现", "未有", "否认", "无", "没", "未", "不")
_NEG_CHARS = frozenset("无没未否不")     # every negator holds one
# words between a negator and the kind it negates ("未见明显的疤痕"); not after
# 不: "不明显的疤痕" is a faint scar
_NEG_GAP = re.compile(r"(?:明显的|明显|任何|什么|其他|其它|别的|的|有|过|可见|较大的|大的)$")
_NEG_AFTER = re.compile(r"^[:：]?(?:无|没有)(?![了名])")
# "精神病史不详", "有无纹身：不详": neither noted nor denied
_UNKNOWN_AFTER = re.compile(r"^(?:病史|史)?[:：]?(?:不详|不清楚|不清|不明(?!显)|待查|未知|不知道|不确定)")
# "X完好", "四肢健全", "视力正常": the absence of the kinds X could show
_ABSENT_AFTER = re.compile(r"(?:都|均|基本|也|还|尚|功能|活动)*(?:完好无损|完好|完整|健全|齐全|正常|无异常|没问题|无损伤|无伤)")
# words that are no body part but name what is said to be normal: (parts, kinds)
_LIMBS = ("上肢", "下肢")
_TOPICS: dict[str, tuple[tuple[str | None, ...], tuple[str, ...]]] = {
    "视力": (("眼",), ("失明",)), "听力": (("耳",), ("聋哑",)), "智力": ((None,), ("智力残疾", "痴呆")),
    "精神": ((None,), ("精神异常",)), "走路": ((None,), ("跛", "瘫痪")), "行走": ((None,), ("跛", "瘫痪")),
    "步态": ((None,), ("跛", "瘫痪")), "说话": ((None,), ("口吃",)), "语言": ((None,), ("口吃",)),
    "四肢": (_LIMBS, ("缺损", "残疾", "瘫痪", "跛")), "肢体": (_LIMBS, ("缺损", "残疾", "瘫痪", "跛")),
}
_SIDE_OR_FILLER = set("左右双两侧边有的一颗个处块道根条点了是")

_PART_ALIASES = sorted(((a, p) for p, (_, als) in PARTS.items() for a in als),
                       key=lambda x: -len(x[0]))
_KIND_ALIASES = sorted(((a, k) for k, als in KINDS.items() for a in als), key=lambda x: -len(x[0]))
_TOPIC_ALIASES = sorted(((a, a) for a in _TOPICS), key=lambda x: -len(x[0]))
# sentences, then list items ("无纹身、疤痕": the negation runs on), then words
_SENTENCE_SPLIT = re.compile(r"[，,。.;；/|!！?？()（）\[\]【】]+|并且|另外")
_LIST_SPLIT = re.compile(r"、+|和|及")


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
# parts whose "没有"/"无" means they are missing ("左手没有小指")
_LOSABLE = frozenset(p for p in PARTS if _ANCESTORS[p] & {"上肢", "下肢", "耳", "牙"})


class Mark(NamedTuple):
    kind: str
    part: str | None
    side: str | None      # "左" / "右" / None
    text: str             # the clause it came from, for explanations


class MarkSet(NamedTuple):
    """What one text says: the marks it notes, and the marks it says are absent."""

    present: tuple[Mark, ...]
    absent: tuple[Mark, ...] = ()


class _Span(NamedTuple):
    start: int
    end: int
    canon: str


class _Aliases:
    """Aliases in match order (longest first), indexed by first character so a
    short clause only tries the few that could occur in it."""

    def __init__(self, aliases: list[tuple[str, str]]):
        self.by_char: dict[str, list[tuple[int, str, str]]] = {}
        for order, (alias, canon) in enumerate(aliases):
            self.by_char.setdefault(alias[0], []).append((order, alias, canon))

    def candidates(self, text: str) -> list[tuple[int, str, str]]:
        found = [c for ch in set(text) for c in self.by_char.get(ch, ())]
        found.sort()
        return found


def _spans(text: str, aliases: _Aliases) -> tuple[list[_Span], str]:
    """Occurrences of the aliases, longest first and not overlapping, in alias
    order; and the text with them masked out."""
    spans: list[_Span] = []
    for _order, alias, canon in aliases.candidates(text):
        i = text.find(alias)
        while i >= 0:
            spans.append(_Span(i, i + len(alias), canon))
            text = text[:i] + "\0" * len(alias) + text[i + len(alias):]
            i = text.find(alias, i + len(alias))
    return spans, text


# characters without which a clause can note or deny nothing: first characters
# of kind aliases, the patterns' characters, "没有"/"无" before a part; and of
# the words saying a part is intact
_TRIGGERS = frozenset(a[0] for a, _ in _KIND_ALIASES) | frozenset(c for _, _, c in KIND_PATTERNS) | frozenset("无没")
_ABSENT_CHARS = frozenset("完整健全齐正常异问题损伤")
_KIND_INDEX, _PART_INDEX, _TOPIC_INDEX = (_Aliases(_KIND_ALIASES), _Aliases(_PART_ALIASES),
                                        _Aliases(_TOPIC_ALIASES))


def _deepest(parts: list[_Span]) -> str | None:
    return max((s.canon for s in parts), key=lambda p: _DEPTH[p]) if parts else None


def _side(text: str) -> str | None:
    return "左" if "左" in text else ("右" if "右" in text else None)


def _part_for(kind: str, part: str | None) -> str | None:
    if kind in NO_PART:
        return None
    if kind in FIXED_PART:
        return FIXED_PART[kind]
    if part is not None and kind in REGION and not (_ANCESTORS[part] & set(REGION[kind])):
        part = None
    return part if part is not None else IMPLIED_PART.get(kind)


def _negator_before(text: str) -> bool:
    """Does `text` (what precedes a kind, parts removed) end with a negation?"""
    if not text or _NEG_CHARS.isdisjoint(text):
        return False
    t = text.rstrip("左右双两侧边")
    for neg in _NEGATORS:
        if t.endswith(neg) and not t.endswith(("有无", "有没", "有没有")):
            return True
    for _ in range(3):
        m = _NEG_GAP.search(t)
        if not m or not m.group():
            break
        t = t[:m.start()].rstrip("左右双两侧边")
        if any(t.endswith(neg) for neg in _NEGATORS if neg != "不"):
            return not t.endswith(("有无", "有没"))
    return False


class _Clause(NamedTuple):
    kinds: list[_Span]        # kind occurrences, alias order
    parts: list[_Span]
    rest: str                 # the clause with kinds and parts masked


def _scan(clause: str) -> _Clause:
    kinds, masked = _spans(clause, _KIND_INDEX)
    for pattern, kind, char in KIND_PATTERNS:
        if char not in masked:
            continue
        for m in pattern.finditer(masked):
            kinds.append(_Span(m.start(), m.end(), kind))
        masked = pattern.sub(lambda m: "\0" * len(m.group()), masked)
    parts, _ = _spans(clause, _PART_INDEX)
    rest = list(masked)
    for s in parts:
        rest[s.start:s.end] = "\0" * (s.end - s.start)
    return _Clause(kinds, parts, "".join(rest))


def _is_bare(clause: str, scan: _Clause) -> bool:
    """Nothing but parts, kinds, sides and fillers ("左手", "缺", "有疤")."""
    return all(ch == "\0" or ch in _SIDE_OR_FILLER for ch in scan.rest)


def _related_parts(p: str | None, q: str | None) -> bool:
    """One part holds the other (小指 in 手), or either is unknown."""
    return p is None or q is None or p in _ANCESTORS[q] or q in _ANCESTORS[p]


def _compatible_parts(a: list[_Span], b: list[_Span]) -> bool:
    return not a or not b or any(_related_parts(x.canon, y.canon) for x in a for y in b)


def _glue(words: list[str]) -> list[str]:
    """Whitespace-separated words, rejoined where one is a fragment of the
    other's mark ("左手 缺 小指"); complete marks stay apart ("额头有疤 左手缺小指")."""
    if len(words) <= 1:
        return words
    out = [words[0]]
    for w in words[1:]:
        x, y = _scan(out[-1]), _scan(w)
        if ((_is_bare(out[-1], x) or _is_bare(w, y)) and bool(x.kinds) != bool(y.kinds)
                and _compatible_parts(x.parts, y.parts)):
            out[-1] += w
        else:
            out.append(w)
    return out


def _parse_clause(clause: str, negated_before: bool) -> tuple[list[Mark], list[Mark], bool]:
    """(present marks, absent marks, whether every kind named was negated)."""
    chars = set(clause)
    if chars.isdisjoint(_TRIGGERS) and not (not chars.isdisjoint(_ABSENT_CHARS) and _ABSENT_AFTER.search(clause)):
        return [], [], False          # most fillers ("身材偏瘦"): nothing to read
    sc = _scan(clause)
    present_kinds: list[str] = []
    absent: list[Mark] = []
    for sp in sc.kinds:
        before_start = max((k.end for k in sc.kinds if k.end <= sp.start), default=0)
        pre = "".join(ch for ch in sc.rest[before_start:sp.start] if ch != "\0")
        after = sc.rest[sp.end:]
        if _UNKNOWN_AFTER.match(after):
            continue
        negated = (_negator_before(pre) or bool(_NEG_AFTER.match(after))
                   or (negated_before and not pre and not sc.parts and _is_bare(clause, sc)))
        if negated:
            local = [p for p in sc.parts if before_start <= p.start < sp.start]
            seg = clause[before_start:sp.start]
            absent.append(Mark(sp.canon, _part_for(sp.canon, _deepest(local)), _side(seg), clause))
        else:
            present_kinds.append(sp.canon)
    all_negated = bool(sc.kinds) and not present_kinds
    part = _deepest(sc.parts)
    side = _side(clause)
    # "左手没有小指": a negated part is a missing one
    if not sc.kinds:
        for p in sc.parts:
            if p.canon not in _LOSABLE:
                continue
            pre = "".join(ch for ch in sc.rest[:p.start] if ch != "\0").rstrip("左右双两一个根只半截")
            if pre.endswith(("没有", "无", "没")) and not pre.endswith(("有无", "有没")):
                present_kinds.append("缺损")
                break
    present = [Mark(k, _part_for(k, part), side, clause) for k in dict.fromkeys(present_kinds)]
    absent += _absent_after(clause, sc)
    return present, absent, all_negated


def _absent_after(clause: str, sc: _Clause) -> list[Mark]:
    """"左手小指完好", "四肢健全", "视力正常": absences said of a part or a topic."""
    out: list[Mark] = []
    if not _ABSENT_AFTER.search(clause):
        return out
    topics, _ = _spans(clause, _TOPIC_INDEX)
    for m in _ABSENT_AFTER.finditer(clause):
        at = m.start()
        owner = next((s for s in sc.parts + topics if s.end == at), None)
        if owner is None:
            continue
        if owner.canon in _TOPICS:
            parts, kinds = _TOPICS[owner.canon]
        else:
            part = owner.canon
            parts, kinds = (part,), ()
            if _ANCESTORS[part] & set(_LIMBS):
                kinds = ("缺损", "残疾", "瘫痪") + (("跛",) if "下肢" in _ANCESTORS[part] else ())
            elif "眼" in _ANCESTORS[part]:
                kinds = ("失明", "斜视")
            elif "耳" in _ANCESTORS[part]:
                kinds = ("聋哑",)
        # the side said right before the part: "左手缺小指右手完好"
        j = owner.start
        while j > 0 and (clause[j - 1] in "左右" or any(p.end == j for p in sc.parts)):
            j = next((p.start for p in sc.parts if p.end == j), j - 1)
        side = _side(clause[j:owner.start])
        for k in kinds:
            for part in parts:
                out.append(Mark(k, part if k not in NO_PART else None, side, clause))
    return out


@lru_cache(maxsize=65536)
def _clause_marks(clause: str, negated_before: bool) -> tuple[tuple[Mark, ...], tuple[Mark, ...], bool]:
    """_parse_clause, cached: families and staff say the same clauses ("右手背一颗黑痣")
    over and over, and every report fetched for scoring reads its own."""
    p, a, negated = _parse_clause(clause, negated_before)
    return tuple(p), tuple(a), negated


def parse_mark_set(text: object) -> MarkSet:
    """Marks noted and marks said to be absent in free text; never raises."""
    if not isinstance(text, str) or not text.strip():
        return MarkSet(())
    s = to_simplified(unicodedata.normalize("NFKC", text))[:2000]
    present: list[Mark] = []
    absent: list[Mark] = []
    for sentence in _SENTENCE_SPLIT.split(s):
        negated = False
        for item in _LIST_SPLIT.split(sentence):
            for clause in _glue(item.split()):
                if not clause:
                    continue
                p, a, negated = _clause_marks(clause, negated)
                present += p
                absent += a
    return MarkSet(tuple(dict.fromkeys(present)), tuple(dict.fromkeys(absent)))


def parse_marks(text: object) -> tuple[Mark, ...]:
    """Extract the marks a text notes (not those it says are absent); never
    raises, () when nothing recognisable."""
    return parse_mark_set(text).present


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
    """3 exact, 2 compatible, 1 vague (or related kinds), 0 unrelated, -1 conflicting side."""
    if a.kind != b.kind:
        if (frozenset((a.kind, b.kind)) in RELATED_KINDS and _related_parts(a.part, b.part)
                and not (a.side and b.side and a.side != b.side)):
            return 1
        return 0
    if a.part is None or b.part is None:
        return 1
    if a.part == b.part:
        if a.side and b.side and a.side != b.side:
            return -1
        return 3
    if _related_parts(a.part, b.part):
        if a.side and b.side and a.side != b.side:
            return -1
        return 2
    return 0


def _covers(absence: Mark, mark: Mark) -> bool:
    """Does an explicit absence deny this mark? ("无疤痕" denies "额头有疤";
    "左手小指无缺损" denies "左手缺小指" but not "右手缺小指")."""
    if absence.kind != mark.kind:
        # "无残疾" denies a missing finger or a limp, not a missing tooth
        if absence.kind != "残疾" or mark.kind not in DISABILITY_KINDS:
            return False
        if mark.part is not None and _ANCESTORS[mark.part].isdisjoint(_LIMBS):
            return False
    if absence.part is not None and (mark.part is None or absence.part not in _ANCESTORS[mark.part]):
        return False
    return absence.side is None or absence.side == mark.side


def _denied(notes: MarkSet, other: MarkSet) -> tuple[Mark, Mark] | None:
    """A mark `other` notes that `notes` says is absent, and notes nowhere, not
    even on the other side of the body: (absence, mark)."""
    for m in other.present:
        for n in notes.absent:
            if _covers(n, m) and not any(_pair_strength(p, m) != 0 for p in notes.present):
                return n, m
    return None


def _as_set(x: MarkSet | tuple[Mark, ...]) -> MarkSet:
    return x if isinstance(x, MarkSet) else MarkSet(tuple(x))


class MarksComparison:
    name: ClassVar[str] = "marks"
    title: ClassVar[str] = "体貌"
    # "side_conflict" (the same mark on the other side) ranks above "none": a
    # left/right slip is a common recording error, a shared mark is still rare.
    # "none" is disagreement: marks on both sides and none shared, or a mark
    # one side notes that the other says is absent.
    levels: ClassVar[tuple[str, ...]] = (
        "null", "none", "one_side_many", "one_side", "neither", "side_conflict", "partial", "strong",
        "strong_rare", "multiple")

    def prepare_intake(self, intake: IntakeRecord) -> MarkSet:
        return parse_mark_set(intake.features)

    def prepare_report(self, report: ReportRecord) -> MarkSet:
        return parse_mark_set(report.features)

    def compare(self, a_set: MarkSet | tuple[Mark, ...], b_set: MarkSet | tuple[Mark, ...]) -> LevelResult:
        lv = self.levels.index
        a_set, b_set = _as_set(a_set), _as_set(b_set)
        denied = _denied(a_set, b_set)
        if denied:
            n, m = denied
            return LevelResult(self.name, lv("none"), "none",
                               f"寻人启事记有「{m.text}」，受助人登记写明「{n.text}」(明确不符)")
        denied = _denied(b_set, a_set)
        if denied:
            n, m = denied
            return LevelResult(self.name, lv("none"), "none",
                               f"受助人有「{m.text}」，寻人启事写明「{n.text}」(明确不符)")
        a, b = a_set.present, b_set.present
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
            why = "(相近特征)" if x.kind != y.kind else ("" if x.kind in NO_PART else "(部位不详)")
            return LevelResult(self.name, lv("partial"), "partial", f"{x.text}~{y.text}{why}")
        if -1 in best:
            x, y = best[-1]
            return LevelResult(self.name, lv("side_conflict"), "side_conflict", f"{x.text} vs {y.text}(左右不符)")
        return LevelResult(self.name, lv("none"), "none",
                           f"{a[0].text} vs {b[0].text}(无共同特征)")
