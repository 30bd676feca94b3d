"""Normalising whatever staff typed: full-width, traditional, tone marks, garbage.

Everything here is total: any `str` (or None) goes in, a clean value comes out,
nothing raises. Names are normalised to simplified hanzi and/or lowercase
toneless pinyin syllables with "v" for ü (the pypinyin convention).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "PINYIN_SYLLABLES",
    "normalize",
    "to_simplified",
    "is_hanzi",
    "classify",
    "segment_pinyin",
    "pinyin_tokens",
]

# Standard Mandarin syllables (toneless, ü written v). Interjections such as
# "m", "n", "ng", "hm" are left out: they would let run-together pinyin split
# into nonsense ("liang" -> "li" "a" "ng").
PINYIN_SYLLABLES: frozenset[str] = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
ca cai can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong
chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo
da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan
dui dun duo e ei en eng er fa fan fang fei fen feng fo fou fu ga gai gan gang gao
ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he
hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie
jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke ken keng kong kou ku kua
kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao
lie lin ling liu long lou lu luan lun luo lv lve ma mai man mang mao me mei men
meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni
nian niang niao nie nin ning niu nong nu nuan nuo nv nve o ou pa pai pan pang pao
pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing
qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru ruan rui run ruo
sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou
shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai
tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan
wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue
xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao
ze zei zen zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua
zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
nou den len fiao cei kei tei zhei nia nun lo wong biang din
""".split())
_MAX_SYL = max(len(s) for s in PINYIN_SYLLABLES)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_PLAIN = re.compile(r"[\u4e00-\u9fff0-9]+|[a-z0-9]+")

# Written "u" after j/q/x/y is ü; "lu:"/"lü"/"lv" all mean lü.
_UMLAUT = str.maketrans({"ü": "v", "Ü": "v", "ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v",
                         "Ǖ": "v", "Ǘ": "v", "Ǚ": "v", "Ǜ": "v"})


def canonical_spellings(groups: str) -> dict[str, str]:
    """Spelling -> canonical spelling, from one group a line, canonical first
    ("扎西 札西 扎喜": transliterated name elements, tibetan.py and uyghur.py)."""
    out: dict[str, str] = {}
    for line in groups.strip().splitlines():
        spellings = line.split()
        for s in spellings:
            out.setdefault(s, spellings[0])
    return out


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2EBEF
            or 0xF900 <= o <= 0xFAFF)


def is_hanzi(ch: str) -> bool:
    """True for a CJK ideograph (the basic block and extensions)."""
    return len(ch) == 1 and _is_cjk(ch)


_OPENCC = None


def _opencc():
    global _OPENCC
    if _OPENCC is None:
        from opencc import OpenCC  # opencc-python-reimplemented: OpenCC('t2s').convert(str)

        _OPENCC = OpenCC("t2s")
    return _OPENCC


# simplified characters OpenCC would turn into another sound: 乾 (qián, 乾县, a given
# name) is the traditional form of 干 (gān) only in words like 乾燥
_KEEP = frozenset("乾")


@lru_cache(maxsize=65536)
def _t2s_char(ch: str) -> str:
    if ch in _KEEP:
        return ch
    out = _opencc().convert(ch)
    return out if len(out) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional -> simplified, char by char (names have no phrase context)."""
    return "".join(_t2s_char(c) if _is_cjk(c) else c for c in text)


@lru_cache(maxsize=65536)
def normalize(text: str | None) -> str:
    """Full-width -> half-width, traditional -> simplified, tone marks dropped,
    ü -> v, lowercase; keeps hanzi, latin letters, digits (tone numbers) and
    single spaces / apostrophes as pinyin separators. Everything else becomes a
    space. Never raises.
    """
    if not text:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if _PLAIN.fullmatch(text):
        # the common case (hanzi names, addresses): nothing to fold but t2s
        return "".join([_t2s_char(c) if c >= "\u4e00" else c for c in text])
    s = unicodedata.normalize("NFKC", text)       # full-width letters/digits -> ASCII
    s = s.translate(_UMLAUT)
    s = s.replace("u:", "v").replace("U:", "v")
    s = unicodedata.normalize("NFKD", s)           # tone marks -> combining marks
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _CAMEL.sub(" ", s).lower()                 # "LiuJianGuo" -> "liu jian guo"
    out: list[str] = []
    for ch in s:
        if _is_cjk(ch):
            out.append(_t2s_char(ch))
        elif "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
        elif ch == "'" or ch == "’":
            out.append("'")
        else:
            out.append(" ")
    s = "".join(out)
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"\s*'\s*", "'", s).strip("'")
    return s


def classify(text: str | None) -> str:
    """"hanzi", "pinyin", "mixed", or "empty" ("garbage" when nothing usable)."""
    s = normalize(text)
    if not s:
        return "empty"
    has_han = any(_is_cjk(c) for c in s)
    latin = re.sub(r"[^a-z]", "", s)
    if has_han and latin:
        return "mixed"
    if has_han:
        return "hanzi"
    if latin and pinyin_tokens(s):
        return "pinyin"
    return "garbage"


@lru_cache(maxsize=65536)
def _segments(run: str, limit: int = 6) -> tuple[tuple[str, ...], ...]:
    """All splits of a run of letters into pinyin syllables, fewest syllables
    first (so "xian" stays one syllable but "xi'an" is two); at most `limit`."""
    n = len(run)
    # best[i] = list of segmentations of run[i:]
    memo: dict[int, list[tuple[str, ...]]] = {n: [()]}
    for i in range(n - 1, -1, -1):
        res: list[tuple[str, ...]] = []
        for j in range(min(n, i + _MAX_SYL), i, -1):
            piece = run[i:j]
            if piece in PINYIN_SYLLABLES and j in memo:
                for rest in memo[j]:
                    res.append((piece,) + rest)
        if res:
            res.sort(key=_seg_rank)
            memo[i] = res[: limit * 2]
    out = memo.get(0, [])
    out.sort(key=_seg_rank)
    return tuple(out[:limit])


def _seg_rank(seg: tuple[str, ...]) -> tuple[int, int]:
    # Pinyin orthography puts an apostrophe before a vowel-initial syllable
    # inside a word, so a split creating one ("xi|an" from "xian") is less
    # likely than one that does not; then fewer syllables first.
    return (sum(1 for x in seg[1:] if x[0] in "aoe"), len(seg))


def _plausible(segs: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """Drop splits a writer would not produce: a bare a/o/e syllable inside a
    run ("jian gu o"), or ones far worse than the best split. A final "e" stays:
    娥 ends many women's names, and "Chune" is 春娥 as often as 楚讷."""
    good = tuple(x for x in segs if not any(y in ("a", "o", "e") for y in x[1:-1])
                 and not (len(x) > 1 and x[-1] in ("a", "o")))
    if not good:
        return segs[:1]
    best = _seg_rank(good[0])
    return tuple(x for x in good if _seg_rank(x)[0] <= best[0] + 1 and len(x) <= best[1] + 1)


_INTERJECTIONS = frozenset({"lo", "yo", "o", "m", "n", "ng", "hm", "hng"})


def _repaired(chunk: str, limit: int) -> tuple[tuple[str, ...], ...]:
    """A chunk of pinyin typed with one slip, when it is no pinyin as written: a
    letter doubled ("Zhuu", "YYong") or two neighbours swapped ("Wnag", "dongsehng").
    A doubling is tried first; a repair reading an interjection (lo, ng) is none."""
    if not 2 <= len(chunk) <= 20:
        return ()
    doubled = [chunk[:i] + chunk[i + 1:] for i in range(len(chunk) - 1) if chunk[i] == chunk[i + 1]]
    swapped = [chunk[:i] + chunk[i + 1] + chunk[i] + chunk[i + 2:] for i in range(len(chunk) - 1)
               if chunk[i] != chunk[i + 1]]
    for edits in (doubled, swapped):
        out: list[tuple[str, ...]] = []
        for e in dict.fromkeys(edits):
            out += [x for x in _plausible(_segments(e, limit))
                    if x not in out and _INTERJECTIONS.isdisjoint(x)]
        if out:
            return tuple(sorted(out, key=_seg_rank)[:limit])
    return ()


def segment_pinyin(run: str, limit: int = 6) -> list[tuple[str, ...]]:
    """Split run-together pinyin ("liujianguo") into syllables; every plausible
    split, fewest syllables first. Empty list when it is not pinyin."""
    run = re.sub(r"[^a-z]", "", (run or "").lower().replace("ü", "v"))
    if not run or len(run) > 40:
        return []
    return list(_segments(run, limit))


@lru_cache(maxsize=65536)
def pinyin_tokens(text: str, limit: int = 4) -> tuple[tuple[str, ...], ...]:
    """Readings of a pinyin string as syllable tuples.

    Separators (space, apostrophe, tone digit, camel case) are honoured, each
    chunk is segmented; returns the products of chunk segmentations, fewest
    syllables first, at most `limit`. () when any chunk is not pinyin.
    """
    s = normalize(text)
    if not s:
        return ()
    chunks = [c for c in re.split(r"[\s'0-9]+", s) if c]
    if not chunks or any(not c.isascii() or not c.isalpha() for c in chunks):
        return ()
    combos: list[tuple[str, ...]] = [()]
    for c in chunks:
        if len(chunks) > 1 and c in PINYIN_SYLLABLES:
            segs: tuple[tuple[str, ...], ...] = ((c,),)   # the writer separated it: keep it whole
        else:
            segs = _plausible(_segments(c, limit))
        if not segs:
            segs = _repaired(c, limit)
        if not segs:
            return ()
        combos = [a + b for a in combos for b in segs][: limit * 4]
    combos.sort(key=_seg_rank)
    # camel case may have split "LiuJianGuo" into "liu jian guo" already: dedup
    seen: list[tuple[str, ...]] = []
    for c in combos:
        if c not in seen:
            seen.append(c)
    return tuple(seen[:limit])
