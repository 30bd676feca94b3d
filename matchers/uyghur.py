"""Uyghur (and Kazakh, Kyrgyz, Uzbek) names in Chinese transliteration.

Such a name has no surname: it is the person's own name, then the father's
(买买提·艾力 is Mamat, son of Ali), written with a dot, a space, a hyphen or
nothing between, and each element reaches Chinese in several spellings
(阿不都 / 阿布都 / 阿卜杜). Read as a Han name, 买买提艾力 is "surname 买", and a
five-hanzi run without a dot is no name at all. Here a name is its parts, each
a tuple of elements by their sound (the canonical spelling's, when the table
knows the element), so that:

- the same name spelt otherwise, or with another separator, is one name;
- the person's own name heard alone (买买提) is the given name of 买买提·艾力;
- two names that share only the father's part (阿不都·艾力, 买买提·艾力) are
  brothers or strangers, not one person: the share is no evidence for a match.
"""
from __future__ import annotations

from functools import lru_cache

from .pinyin import first_readings
from .text import canonical_spellings

# one line per element: the canonical spelling first, then the others seen
_GROUPS = """
买买提 麦麦提 麦买提 买买地 买买体
艾力 艾立 艾里 阿力
阿不都 阿布都 阿卜杜 阿布杜 阿不杜 阿都
吐尔逊 吐逊 图尔逊 吐尔孙
艾山 艾散 哈山
库尔班 库班 库尔邦
热合曼 热合满 拉合曼 热赫曼
努尔 奴尔 努日
阿布拉 阿不拉 阿卜拉
依明 伊明 衣明
玉苏甫 玉素甫 尤素甫 玉苏普 玉素普 玉苏莆
塔依尔 塔伊尔
肉孜 如孜 肉兹
买合木提 麦合木提 马合木提
古丽 古力
阿依 阿伊
帕提 帕替
热依拉 热伊拉
米娜 米那
巴哈尔 巴哈
热娜 热依娜
祖丽 孜丽
阿力木 阿里木 艾力木
艾尔肯 艾尔坎
吾斯曼 乌斯曼 吾司曼
亚森 牙生 亚生 亚辛
阿迪力 阿地力 阿迪利
艾合买提 艾海买提 阿合买提
艾克拜尔 艾克白尔
帕尔哈提 帕尔哈特
木拉提 穆拉提
吐尔洪 图尔洪
吾买尔 乌买尔 吾麦尔
托合提 托乎提 托呼提
沙吾提 沙乌提
麦尔丹 买尔丹
依沙克 伊沙克
玉山 玉珊
阿不力孜 阿布力孜 阿卜力孜
艾则孜 艾孜孜
克里木 克力木
卡德尔 卡迪尔
居马 朱马
伊力哈木 依力哈木
乃比 乃比江
迪力夏提 地力夏提
巴图尔 巴吐尔
穆合塔尔 木合塔尔
努尔兰 奴尔兰
叶尔兰 耶尔兰
哈力木 哈里木
吐送 吐松
阿吉 哈吉
迪丽 地丽 迪力
拜尔 白尔
再娜甫 再乃甫
阿米娜 阿米那
海力且木 海丽其汗
布合力其 布合丽切
玛依拉 麦依拉 玛伊拉
阿孜 阿兹
萨拉 莎拉
哈丽旦 哈力旦
加米拉 佳米拉
排尔达 帕尔达
茹先 如仙
"""


CANONICAL: dict[str, str] = canonical_spellings(_GROUPS)
_MAX = max(len(s) for s in CANONICAL)
# every known spelling's first character: a run starting with any other is no
# such name, which settles almost every Han name without segmenting it
_FIRST = frozenset(s[0] for s in CANONICAL)


def _sound(spelling: str) -> str:
    """An element as it sounds (first toneless reading per hanzi): spellings the
    table does not list still meet when they sound alike (肉子 and 肉孜: rou zi)."""
    return " ".join(first_readings(spelling))


def _segment(run: str) -> tuple[str, ...] | None:
    """A run of hanzi as its elements' sounds (longest known spelling first,
    backtracking), or None when it is not made wholly of known elements."""
    if not run or run[0] not in _FIRST:
        return None
    memo: dict[int, tuple[str, ...] | None] = {}

    def from_(k: int) -> tuple[str, ...] | None:
        if k == len(run):
            return ()
        if k in memo:
            return memo[k]
        out = None
        for n in range(min(_MAX, len(run) - k), 0, -1):
            canon = CANONICAL.get(run[k:k + n])
            if canon is None:
                continue
            rest = from_(k + n)
            if rest is not None:
                out = (_sound(canon),) + rest
                break
        memo[k] = out
        return out
    return from_(0)


Name = tuple[tuple[str, ...], ...]


@lru_cache(maxsize=65536)
def parts(text: str) -> Name:
    """A normalised name (text.normalize: separators are spaces) as its parts,
    each a tuple of element sounds; () when it is not such a name.

    Written with separators, every part must be hanzi and at least one part
    made of known elements ("买买提 艾力"; "刘 建国" is not); a part the table
    does not know is one element, by its sound. Without separators, the run
    must be made wholly of known elements (买买提艾力, 买买提): its parts are
    then unknown, and it is one part."""
    runs = text.split()
    if not runs or (len(runs) == 1 and runs[0][0] not in _FIRST) or not all(len(r) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in r) for r in runs):
        return ()
    segs = [_segment(r) for r in runs]
    if len(runs) >= 2:
        if not any(segs):
            return ()
        return tuple(s if s else (_sound(r),) for s, r in zip(segs, runs))
    return (segs[0],) if segs[0] else ()


def flat(name: Name) -> tuple[str, ...]:
    return tuple(e for p in name for e in p)


def relation(heard: Name, written: Name) -> str:
    """How the name heard at intake stands to a report's name:

    "same"     one name, whatever the spelling or the separators;
    "given"    the person's own name alone (买买提 of 买买提·艾力);
    "own"      the own names agree, the fathers' differ (库尔班·玉苏甫, 库尔班·买买提):
               as a Han given name under another surname;
    "father"   only the father's part agrees: another person;
    "other"    two whole names (own and father's) that share nothing in place;
    ""         nothing to say (a part heard that is neither)."""
    if not heard or not written:
        return ""
    a, b = flat(heard), flat(written)
    if a == b:
        return "same"
    if len(written) >= 2:
        if a == written[0]:
            return "given"
        if len(heard) >= 2:
            if heard[0] == written[0]:
                return "own"
            if heard[-1] == written[-1]:
                return "father"
            return "other"
    elif len(a) < len(b) and b[:len(a)] == a and len(b) - len(a) == 1:
        return "given"        # 买买提 of 买买提艾力, written without a separator
    return ""
