"""Parsing a name as heard into comparable forms.

An intake name may be a full name in hanzi or pinyin, only the given name,
a nickname (阿伟, 小伟, 伟仔, 老刘, 刘老三, 二娃), several names, or noise.
`parse_heard` returns every plausible reading as a `NameForm`; a report's
legal name is parsed with `parse_legal`. A form carries its toneless and
dialect-folded syllable strings, precomputed once, so comparing two forms is
set look-ups and blocking keys (keys.py) come from the same strings.
"""
from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from .phonetic import ALL, phonetic_keys
from .pinyin import (
    COMMON_SURNAME_SYLLABLES,
    COMPOUND_SURNAME_SYLLABLES,
    COMPOUND_SURNAMES,
    char_readings,
    given_readings,
    looks_like_surname,
    split_name,
    surname_readings,
)
from .text import is_hanzi, normalize, pinyin_tokens

__all__ = ["NameForm", "parse_heard", "parse_legal", "FULL", "GIVEN", "NICK_GIVEN",
           "NICK_SURNAME", "NICK_GENERIC"]

FULL, GIVEN, NICK_GIVEN, NICK_SURNAME, NICK_GENERIC = "full", "given", "nick_given", "nick_surname", "nick_generic"
_CAP = 12   # max reading combinations kept per form (polyphonic chars multiply)

_RANKS = "大一二三四五六七八九十幺小"
# second halves of generic "rank" nicknames: 二娃, 狗蛋, 三妹, 大丫
_GENERIC_TAILS = "娃蛋丫妞伢妹崽"
_GENERIC_HEADS = _RANKS + "狗毛铁石牛猪"
_NICK_SUFFIX = "仔妹娃哥姐弟儿子"     # 英子 for 桂英
# common rural 小名 that say nothing about the legal name
_SMALL_NAMES = frozenset("石头 铁蛋 来福 小宝 宝宝 丫头 妞妞 毛毛 狗剩 栓子 拴住 柱子 铁柱 锁柱 满仓 招弟 "
                         "来弟 胖墩 黑娃 细妹 阿毛 狗娃 二娃 三娃 狗蛋 二丫 憨子 傻子 哑巴 小不点 "
                         # what people on the street are called by: a small name or an
                         # epithet, never a surname and given name ("胖子" is not 庞子)
                         "虎子 狗子 猴子 胖子 瘦子 聋子 瞎子 疯子 瘸子 拐子 秃子 哑子 大个 大个子 小个子 "
                         "大胖 小胖 黑子 二子 三子 四子 老疙瘩 幺儿 "
                         "栓柱 拴柱 丫丫 豆豆 妹子 憨娃 二小子 丫蛋".split())   # 老幺, 幺妹: rank names below
# words staff add around a name: "自称刘建国", "刘建国（音）"
_NOISE_WORDS = ("自称", "自述", "自己说", "他说", "她说", "名叫", "叫做", "可能叫", "疑似", "好像叫",
                "大概叫", "名字", "姓名", "谐音", "同音", "音译", "叫他", "叫她", "就行", "就可以", "即可")
# "（音）" after a name says it was written by sound; inside a name 音 is a character (梁音鹅)
_SOUND_NOTE = re.compile(r"(?<![\u4e00-\u9fff])音(?![\u4e00-\u9fff])")
_NO_NAME_RE = re.compile(r"(不|没|无|未|忘)(能够|能|会|愿意|曾)?(记得|记|知道|清楚|详|会说|告知|提供|表述|表达|法|说|讲|"
                         r"了|出|肯|愿|应答|回答|问出|交流)"
                         r"|拒绝|拒答|沟通|语言障碍|答不上|问不清|(表述|表达|说|讲|问)不(清|出|了)|^无名"
                         # what staff note instead of a name: how he talks, that he cannot, or a
                         # name no family gave him ("只会喊妈", "胡言乱语", "自称玉皇大帝")
                         r"|胡言乱语|乱说|瞎说|只会|聋哑|哑巴|不会写|神志不清|意识不清|毛主席|玉皇大帝|神仙"
                         r"|^待(查|核|定|确认|补|询)|^查无")
# Names a station gives someone who cannot say his own (党新生, 民安康, 国爱民): they
# stand for "name unknown", and read as a full name they contradict the family's report
# A code with a number ("淮1327号", "穗救0012") is a station's file number, not a name either.
_STATION_NAME_RE = re.compile(r"^(党|民|政|社|国|站|救|助)(新生|安康|爱民|爱国|平安|向党|感恩|为民|新民|安民|"
                              r"爱党|念党|康复|福生|新福|重生|安生)$|^[\u4e00-\u9fff]{0,4}[\d\s\-－—_/]*\d{2,}号?$")
# Stations draw the surname from a small set (党, 国, 民, 政…: "the party/state raised him")
# and the given name from anywhere (党凯新, 国福安). Such a name may be the person's own (党 is
# a real surname): agreeing with a report counts, disagreeing says nothing (compare_name).
_STATION_SHAPED_RE = re.compile(r"^(党|民|政|社|国|站|救|助)[\u4e00-\u9fff][^" + _NICK_SUFFIX + r"]$")


def station_shaped(name: str) -> bool:
    """A three-character name of the shape stations give (党凯新), after the usual notes are stripped."""
    return bool(_STATION_SHAPED_RE.match("".join(c for c in strip_noise(normalize(name)) if is_hanzi(c))))
_NO_NAME = {"无", "不详", "未知", "不清", "不清楚", "无法表述", "无法说清", "说不清", "不知道", "无名",
            "无名氏", "未提供", "未告知", "无姓名", "不会说", "哑", "聋哑", "某", "某某",
            # what staff write for someone who gave no name: a form of address, not a name
            # ("老太太" read as a full name was a -10 bit mismatch with her report)
            "男", "女", "男孩", "女孩", "男童", "女童", "小孩", "小男孩", "小女孩", "婴儿", "男婴", "女婴",
            "老人", "老头", "老太", "老太太", "老头子", "老大爷", "老大娘", "老爷爷", "老奶奶", "老婆婆",
            "老汉", "大爷", "大妈", "大娘", "大叔", "大婶", "阿姨", "阿婆", "阿公", "阿伯", "爷爷", "奶奶",
            "婆婆", "伯伯", "小伙", "小伙子", "姑娘", "流浪汉", "流浪者", "乞丐", "男子", "女子", "男性", "女性"}


@dataclass(frozen=True, slots=True)
class NameForm:
    """One reading of one name."""

    text: str                          # what is shown: hanzi, or pinyin "liu jian guo"
    kind: str                          # FULL / GIVEN / NICK_*
    hanzi: str                         # simplified hanzi ("" for pinyin input)
    surname_hanzi: str
    given_hanzi: str
    surname: tuple[tuple[str, ...], ...]       # surname reading options ((liu,),) ; () if none
    given: tuple[tuple[str, ...], ...]         # per given syllable: its readings
    pinyin_input: bool
    # precomputed strings (space-joined syllables); tuples keep memory small
    toneless: tuple[str, ...]          # full name, every reading combination
    folded: tuple[str, ...]            # full name, dialect-folded (ALL rules)
    given_toneless: tuple[str, ...]
    given_folded: tuple[str, ...]
    surname_folded: tuple[str, ...]
    given_syl_folded: tuple[str, ...]  # folded keys of each given syllable (any position)
    nick_shape: bool = False           # a FULL reading of a nickname-shaped string (小伟 as 肖伟)

    @property
    def is_full(self) -> bool:
        return self.kind == FULL


def _intern(xs) -> tuple[str, ...]:
    return tuple(dict.fromkeys(sys.intern(x) for x in xs))


def _combos(parts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    out = []
    for c in product(*parts):
        out.append(c)
        if len(out) >= _CAP:
            break
    return out


@lru_cache(maxsize=262144)
def _fold_syl(syl: str) -> tuple[str, ...]:
    return tuple(sorted(phonetic_keys(syl, ALL)))


def _make(text: str, kind: str, hanzi: str, surname_hanzi: str, given_hanzi: str,
          surname: tuple[tuple[str, ...], ...], given: tuple[tuple[str, ...], ...],
          pinyin_input: bool) -> NameForm:
    surname = tuple(s for s in surname if s)
    given = tuple(g for g in given if g)
    sur_opts = list(surname) or [()]
    given_combos = _combos(list(given)) if given else [()]
    toneless, folded = [], []
    for s in sur_opts:
        for g in given_combos:
            seq = s + g
            if not seq:
                continue
            toneless.append(" ".join(seq))
            for f in _combos([_fold_syl(x) for x in seq]):
                folded.append(" ".join(f))
    g_ton = [" ".join(g) for g in given_combos if g]
    g_fold = [" ".join(f) for g in given_combos if g for f in _combos([_fold_syl(x) for x in g])]
    s_fold = [" ".join(f) for s in surname for f in _combos([_fold_syl(x) for x in s])]
    syl_fold = [k for rs in given for r in rs for k in _fold_syl(r)]
    return NameForm(
        text=text, kind=kind, hanzi=hanzi, surname_hanzi=surname_hanzi, given_hanzi=given_hanzi,
        surname=surname, given=given, pinyin_input=pinyin_input,
        toneless=_intern(toneless[:_CAP]), folded=_intern(folded[:_CAP * 2]),
        given_toneless=_intern(g_ton), given_folded=_intern(g_fold[:_CAP * 2]),
        surname_folded=_intern(s_fold), given_syl_folded=_intern(syl_fold),
    )


def _given_readings(chars: str) -> tuple[tuple[str, ...], ...]:
    return tuple(r for r in (given_readings(c) for c in chars) if r)


def _hanzi_full(h: str) -> NameForm:
    sur, giv = split_name(h)
    return _make(h, FULL, h, sur, giv, surname_readings(sur), _given_readings(giv), False)


def _hanzi_given(h: str, kind: str = GIVEN, shown: str | None = None) -> NameForm:
    return _make(shown or h, kind, h if kind == GIVEN else "", "", h, (), _given_readings(h), False)


def _hanzi_surname(sur: str, shown: str) -> NameForm:
    return _make(shown, NICK_SURNAME, "", sur, "", surname_readings(sur), (), False)


def _generic(shown: str, syls: tuple[str, ...]) -> NameForm:
    # a rank name says nothing about the legal name: only its own sound is kept
    return _make(shown, NICK_GENERIC, shown, "", "", (), tuple((s,) for s in syls), False)


def with_surname(generic: NameForm, surname: NameForm) -> NameForm:
    """A rank name (老三, 二娃) known to go with a surname: its sound stays the
    rank name's own, the surname only rules out another family's 老三."""
    return dataclasses.replace(generic, surname_hanzi=surname.surname_hanzi,
                               surname_folded=surname.surname_folded)


def _is_surname_char(ch: str) -> bool:
    return looks_like_surname(ch)


def _small_name(shown: str, chars: str | None = None) -> NameForm:
    """A small name (二娃, 狗蛋) read by the sound of `chars` (default: all of it)."""
    return _generic(shown, tuple(char_readings(c)[0] for c in (shown if chars is None else chars)
                                 if char_readings(c)))


# a birth rank and a homely word: 二毛, 大狗, 三宝, 二牛 (小X stays a given char's nickname)
_RANK_TAILS = "毛狗宝牛虎根小妮"       # 二小, 大妮: northern small names


def _is_small_name(h: str) -> bool:
    n = len(h)
    return h in _SMALL_NAMES or (n == 2 and ((h[0] in _GENERIC_HEADS and h[1] in _GENERIC_TAILS)
                                             or (h[0] in _RANKS and h[0] != "小" and h[1] in _RANK_TAILS)
                                             or (h[0] == h[1] and h[0] in _GENERIC_HEADS)
                                             or (h[0] == "老" and h[1] in _RANKS)))


def _parse_hanzi(h: str) -> list[NameForm]:
    """Readings of one run of hanzi as heard."""
    n = len(h)
    if n == 0:
        return []
    # generic rank names: 二娃 狗蛋 三妹 毛毛 老三
    if _is_small_name(h):
        return [_small_name(h)]
    # 狗娃子 / 石头儿: a small name with a diminutive ending
    if n == 3 and h[2] in "子儿" and h[:2] in _SMALL_NAMES:
        return [_small_name(h, h[:2])]
    # 刘老三 / 刘老大 / 刘三娃: surname + rank; the rank name alone is what a
    # family may list (老三) or a person may give, so it is kept too, with the
    # surname it came with (another surname's 老三 is someone else)
    if n == 3 and _is_surname_char(h[0]) and ((h[1] == "老" and h[2] in _RANKS)
                                              or (h[1] in _RANKS and h[2] in _GENERIC_TAILS)):
        surname = _hanzi_surname(h[0], h)
        return [surname, with_surname(_small_name(h[1:]), surname)]
    # "欧阳" alone: the compound surname, the given name not heard
    if h in COMPOUND_SURNAMES:
        return [_hanzi_surname(h, h)]
    # 王狗蛋: a surname and the small name the family may list; or a real given name
    if n == 3 and _is_surname_char(h[0]) and _is_small_name(h[1:]):
        return [_hanzi_full(h), _small_name(h[1:])]
    out: list[NameForm] = []
    # 老刘 / 小刘: surname address; 阿伟 / 小伟: given char. Any of these may also
    # be a homophone of a real name (小 for 肖, 老 for 劳), read as one below.
    nick = False
    if n in (2, 3) and h[0] in "阿小老大":
        rest = h[1:]
        if h[0] in "老小大" and len(rest) == 1 and _is_surname_char(rest):    # 大刘, as 老刘
            out.append(_hanzi_surname(rest, h))
            nick = True
        if h[0] in "阿小大":
            out.append(_hanzi_given(rest, NICK_GIVEN, h))
            nick = True
    # 伟仔 / 伟哥 / 芳妹 / 伟伟 (reduplicated given char)
    if n == 2 and (h[1] in _NICK_SUFFIX or h[0] == h[1]):
        out.append(_hanzi_given(h[0], NICK_GIVEN, h))
        if h[1] in "哥姐" and _is_surname_char(h[0]):      # 刘姐: sister Liu, or 丽姐
            out.append(_hanzi_surname(h[0], h))
        nick = True
    if nick:
        out.append(dataclasses.replace(_hanzi_full(h), nick_shape=True))
        if n == 2 and h[0] not in "老阿":
            out.append(_hanzi_given(h))          # 小国 may be the given name of 林小国
        return out
    if n == 1:
        out.append(_hanzi_given(h, NICK_GIVEN))
        if _is_surname_char(h):
            out.append(_hanzi_surname(h, h))
        return out
    if n == 2:
        # a homophone may put any char in the surname's place (叮强 for 丁强)
        out.append(_hanzi_full(h))
        out.append(_hanzi_given(h))
        return out
    if n <= 4:
        out.append(_hanzi_full(h))
        if n == 3 and not _is_surname_char(h):
            out.append(_hanzi_given(h))
        if n == 3 and h[2] in "哥姐":             # 建伟哥: the given name and a form of address
            out.append(_hanzi_given(h[:2], GIVEN, h))
        return out
    return out   # 5+ hanzi: a phrase, not a name


def _typed_u(syl: str) -> tuple[str, ...]:
    """A keyboard has no ü: "lu" / "nu" typed for 吕 lü / 女 nü are read both ways."""
    return (syl, syl[0] + "v") if syl in ("lu", "nu") else (syl,)


# ü typed as "yu" (passport spelling Lyu) or as plain u before e (lue for lüe)
_TYPED_UMLAUT = (re.compile(r"(?<![a-z])([ln])y?ue(?![a-z])"), re.compile(r"(?<![a-z])([ln])yu"))


def _parse_pinyin(s: str, words: int | None = None) -> list[NameForm]:
    """`words`: how many space-separated words the writer used ("Jianguo Liu": 2)."""
    out: list[NameForm] = []
    chunks = s.split()
    if words is None:
        words = len(chunks)
    for seq in pinyin_tokens(s, 3):
        n = len(seq)
        shown = " ".join(seq)
        if n == 1:
            out.append(_make(shown, NICK_GIVEN, "", "", "", (), ((seq[0],),), True))
            if seq[0] in COMMON_SURNAME_SYLLABLES:
                out.append(_make(shown, NICK_SURNAME, "", "", "", ((seq[0],),), (), True))
            continue
        if n == 2 and seq[0] in ("a", "xiao", "lao"):
            if seq[0] in ("xiao", "lao") and seq[1] in COMMON_SURNAME_SYLLABLES:
                out.append(_make(shown, NICK_SURNAME, "", "", "", ((seq[1],),), (), True))
            if seq[0] in ("a", "xiao"):
                out.append(_make(shown, NICK_GIVEN, "", "", "", (), ((seq[1],),), True))
            if seq[0] == "a":
                continue
        if n > 4:
            continue
        if n >= 3 and seq[:2] in COMPOUND_SURNAME_SYLLABLES:
            sur, giv = seq[:2], seq[2:]
        else:
            sur, giv = seq[:1], seq[1:]
        out.append(_make(shown, FULL, "", "", "", tuple(product(*(_typed_u(x) for x in sur))),
                         tuple(_typed_u(g) for g in giv), True))
        if n <= 3 and (n == 2 or sur[0] not in COMMON_SURNAME_SYLLABLES):
            out.append(_make(shown, GIVEN, "", "", "", (), tuple(_typed_u(g) for g in seq), True))
        # western order "Jianguo Liu"
        if (words == 2 and n in (2, 3) and seq[-1] in COMMON_SURNAME_SYLLABLES
                and chunks[-1] == seq[-1]):
            out.append(_make(" ".join((seq[-1],) + seq[:-1]), FULL, "", "", "",
                             ((seq[-1],),), tuple((g,) for g in seq[:-1]), True))
        # "Jianguo Ouyang": a compound surname last
        if (words == 2 and n in (3, 4) and seq[-2:] in COMPOUND_SURNAME_SYLLABLES
                and chunks[-1] == "".join(seq[-2:])):
            out.append(_make(" ".join(seq[-2:] + seq[:-2]), FULL, "", "", "",
                             (seq[-2:],), tuple((g,) for g in seq[:-2]), True))
    return out


# what staff put around a name: "叫建国", "小名狗蛋"; "刘某" / "刘XX" (given name
# unknown); "刘大爷" / "王师傅" (a surname and a form of address); "刘建国或刘建帼"
_LEAD_WORDS = re.compile(r"^(?:[只就]?(?:知道|记得)(?:自己)?叫|(?:他|她)?(?:说|称)(?:自己|他|她)?(?:叫|是)|(?:他|她)叫"
                         r"|小名叫?|乳名叫?|外号叫?|绰号叫?|叫|像是|好像是|是(?=[\u4e00-\u9fff]{2}))")
_PLACEHOLDER_GIVEN = re.compile(r"^([\u4e00-\u9fff]{1,2}?)(?:某某|某|[x×*○〇]{1,3})$")
_ADDRESS_SUFFIX = re.compile(r"^([\u4e00-\u9fff]{1,2}?)(?:师傅|大爷|大伯|大叔|大妈|大娘|大婶|阿姨|奶奶|爷爷|婆婆|"
                             r"老汉|老头|老太|老太太|大姐|大哥|叔叔|伯伯|阿婆|阿公|阿伯|老伯|阿叔|阿婶|阿嫂|大嫂)$")
_ALTERNATIVES = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:或者|或|还是)(?=[\u4e00-\u9fff]{2})")


def strip_noise(s: str) -> str:
    for w in _NOISE_WORDS:
        s = s.replace(w, " ")
    s = _SOUND_NOTE.sub(" ", s)
    s = _ALTERNATIVES.sub(" ", s).strip()
    return _LEAD_WORDS.sub("", s)


# what a family or staff write before another name: "又名小国", "曾用名刘建华", "乳名阿永",
# "家里人叫他毛毛"; read whole, "又名小国" was the full name 又名小国 and "别名王小明"
# (five characters) no name at all
_NICKNAME_WORDS = "小名|乳名|外号|绰号|诨名|昵称"
_ALIAS_LEAD = re.compile(r"^(?:又名|别名|曾用名|原名|本名|真名|全名|学名|大名|官名|也叫|又叫|还叫|人称|"
                         r"(?:" + _NICKNAME_WORDS + r"|英文名)(?:叫|是)?|"
                         r"(?:家里|村里|大家|别人|家人|邻居|亲戚)人?都?(?:叫|喊)(?:他|她)?)[：:\s]*")


def strip_alias_lead(s: str) -> str:
    return _ALIAS_LEAD.sub("", s).strip()


_NICKNAME_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])\s*(?:是)?(?:" + _NICKNAME_WORDS + r")$")   # 王五（外号）
_OLD_X_TOU = re.compile(r"^老([\u4e00-\u9fff]{1,2}?)头$")          # 老刘头


def _surname_only(compact: str) -> str | None:
    """"刘某", "刘XX", "王大爷", "欧阳师傅", "老刘头": the surname, the given name unknown."""
    m = _PLACEHOLDER_GIVEN.match(compact) or _ADDRESS_SUFFIX.match(compact) or _OLD_X_TOU.match(compact)
    if m is None:
        return None
    head = m.group(1)
    if head in COMPOUND_SURNAMES or (len(head) == 1 and _is_surname_char(head)):
        return head
    return None


# a character staff did not catch, marked in its place: "唐?小", "梁×农", "汪剑×", "王X明"
# (a "?" at the end is a doubt about the whole name, "刘晓平?", not a missing character)
_PARTLY_HEARD = re.compile(r"^([\u4e00-\u9fff])(?:[?？×xX*＊○〇□_某][\u4e00-\u9fff]|[\u4e00-\u9fff][×xX*＊○〇□_])$")


def _partly_heard(raw: str) -> NameForm | None:
    """A three-character name with one character unknown: the surname is what it
    says for sure. Read whole, "唐?小" was the two-character name 唐小, which
    contradicts 唐永小 (−4.7 bits) instead of agreeing on the family."""
    compact = re.sub(r"\s|[（(]音[)）]", "", raw if isinstance(raw, str) else "")
    m = _PARTLY_HEARD.match(compact)
    if m is None or not _is_surname_char(m.group(1)):
        return None
    return _hanzi_surname(m.group(1), compact)


@lru_cache(maxsize=65536)
def parse_heard(raw: str) -> tuple[NameForm, ...]:
    """Every plausible reading of a name as heard (intake name, report alt name)."""
    s = normalize(raw)
    if not s:
        return ()
    partly = _partly_heard(raw)
    if partly is not None:
        return (partly,)
    s = strip_alias_lead(s)
    if not s:
        return ()
    m = _NICKNAME_NOTE.search(s)
    if m:
        # "王五（外号）": a nickname, which only a report listing it can match
        nick = "".join(c for c in s[:m.start()] + s[m.end():] if is_hanzi(c))
        if 2 <= len(nick) <= 4:
            return (_small_name(nick),)
    s = strip_noise(s)
    out: list[NameForm] = []
    sur = _surname_only(s.replace(" ", ""))
    if sur:
        return (_hanzi_surname(sur, s.replace(" ", "")),)
    # "姓刘" / "姓刘名建国"
    m = re.search(r"姓([\u4e00-\u9fff]{1,2}?)(?:名|叫)?([\u4e00-\u9fff]{0,2})$", s.replace(" ", ""))
    if m and (m.group(1) in COMPOUND_SURNAMES or len(m.group(1)) == 1):
        sur, giv = m.group(1), m.group(2)
        if giv:
            h = sur + giv
            return (_make(h, FULL, h, sur, giv, surname_readings(sur), _given_readings(giv), False),)
        if len(s.replace(" ", "")) == 2:     # "姓刘", or a homophone 姓 for 邢
            return (_hanzi_surname(sur, "姓" + sur), _hanzi_full(s.replace(" ", "")))
        return (_hanzi_surname(sur, "姓" + sur),)
    if _NO_NAME_RE.search(s) or _STATION_NAME_RE.match(s):
        return ()
    has_han = any(is_hanzi(c) for c in s)
    has_lat = bool(re.search(r"[a-z]", s))
    if has_han and has_lat:
        # "刘 jian guo": read hanzi as pinyin and parse the whole as pinyin
        parts = []
        for ch in s:
            if is_hanzi(ch):
                r = char_readings(ch)
                parts.append(" " + r[0] + " " if r else " ")
            else:
                parts.append(ch)
        return tuple(_parse_pinyin(re.sub(r"\s+", " ", "".join(parts)).strip()))
    if has_han:
        parts = s.split()
        # "熊 学 林" / "刘 建国": one name written with spaces
        if len(parts) > 1 and sum(len(p) for p in parts) <= 4 and min(len(p) for p in parts) == 1:
            parts = ["".join(parts)]
        for part in parts:
            part = "".join(c for c in strip_alias_lead(part) if is_hanzi(c))     # "刘建国 小名二娃"
            if part in _NO_NAME:
                continue
            out.extend(_parse_hanzi(part))
        return tuple(out[:8])
    if has_lat:
        # "Jian-wei Liu" is two words, whatever normalisation makes of the hyphen
        words = len(normalize(re.sub(r"[-‐‑–]", "", raw)).split())
        s = _TYPED_UMLAUT[1].sub(r"\1v", _TYPED_UMLAUT[0].sub(r"\1ve", s))
        return tuple(_parse_pinyin(re.sub(r"[0-9]", " ", s).strip(), words)[:8]) or tuple(
            _parse_pinyin(s, words)[:8])
    return ()


@lru_cache(maxsize=65536)
def parse_legal(raw: str) -> tuple[NameForm, ...]:
    """A report's legal name: always read as surname + given name."""
    s = normalize(raw)
    if not s:
        return ()
    h = "".join(c for c in s if is_hanzi(c))
    if h and len(h) <= 5 and not re.search(r"[a-z]", s):
        if h in _NO_NAME:
            return ()
        if len(h) == 1:
            return (_hanzi_surname(h, h),)
        return (_hanzi_full(h),)
    forms = [f for f in parse_heard(raw) if f.kind == FULL]
    return tuple(forms[:3])
