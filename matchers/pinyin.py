"""Hanzi -> toneless pinyin syllables, with the surname readings pypinyin misses.

pypinyin reads 单 as "dan", 曾 as "ceng", 区 as "qu"; as surnames they are
shan, zeng, ou. A name is heard before it is written, so every reading a
surname really has is kept (the surname reading first). Given-name chars keep
their two most common readings (长 zhang/chang, 乐 le/yue).
Syllables are lowercase, toneless, ü written "v".
"""
from __future__ import annotations

from functools import lru_cache

from .text import is_hanzi, normalize, pinyin_tokens

__all__ = [
    "COMPOUND_SURNAMES",
    "COMMON_SURNAMES",
    "COMMON_SURNAME_SYLLABLES",
    "char_readings",
    "surname_readings",
    "split_name",
    "hanzi_readings",
    "looks_like_surname",
    "given_readings",
]

# Surname readings, surname reading first. Includes the everyday reading when
# people commonly (mis)read the character that way.
POLYPHONIC_SURNAMES: dict[str, tuple[str, ...]] = {
    "单": ("shan", "dan"), "曾": ("zeng", "ceng"), "区": ("ou", "qu"),
    "覃": ("qin", "tan"), "解": ("xie", "jie"), "仇": ("qiu", "chou"),
    "朴": ("piao", "pu"), "查": ("zha", "cha"), "盖": ("ge", "gai"),
    "缪": ("miao", "mou", "miu"), "尉": ("wei", "yu"), "乐": ("yue", "le"),
    "万": ("wan",), "秘": ("bi", "mi"), "折": ("she", "zhe"), "召": ("shao", "zhao"),
    "种": ("chong", "zhong"), "柏": ("bai", "bo"), "翟": ("zhai", "di"),
    "祭": ("zhai", "ji"), "句": ("gou", "ju"), "阚": ("kan",), "隗": ("wei", "kui"),
    "莘": ("shen", "xin"), "冼": ("xian",), "宿": ("su",), "沈": ("shen",),
    "石": ("shi",), "员": ("yun", "yuan"), "繁": ("po", "fan"), "蕃": ("pi", "fan"),
    "贲": ("ben", "bi"), "费": ("fei", "bi"), "褚": ("chu", "zhu"), "郇": ("xun", "huan"),
    "粘": ("nian", "zhan"), "谌": ("chen", "shen"), "长": ("chang", "zhang"),
    "都": ("du",), "和": ("he",), "华": ("hua",), "任": ("ren",), "燕": ("yan",),
    "纪": ("ji",), "葛": ("ge",), "过": ("guo",), "宁": ("ning",), "相": ("xiang",),
    "行": ("xing", "hang"), "重": ("chong", "zhong"), "藏": ("zang",),
    "盛": ("sheng",), "车": ("che",), "强": ("qiang",), "恽": ("yun",),
}

COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "欧阳": ("ou", "yang"), "司马": ("si", "ma"), "诸葛": ("zhu", "ge"),
    "上官": ("shang", "guan"), "东方": ("dong", "fang"), "皇甫": ("huang", "fu"),
    "尉迟": ("yu", "chi"), "公孙": ("gong", "sun"), "慕容": ("mu", "rong"),
    "长孙": ("zhang", "sun"), "宇文": ("yu", "wen"), "司徒": ("si", "tu"),
    "夏侯": ("xia", "hou"), "轩辕": ("xuan", "yuan"), "令狐": ("ling", "hu"),
    "钟离": ("zhong", "li"), "闻人": ("wen", "ren"), "澹台": ("tan", "tai"),
    "公冶": ("gong", "ye"), "太史": ("tai", "shi"), "申屠": ("shen", "tu"),
    "南宫": ("nan", "gong"), "端木": ("duan", "mu"), "西门": ("xi", "men"),
    "百里": ("bai", "li"), "呼延": ("hu", "yan"), "独孤": ("du", "gu"),
    "东郭": ("dong", "guo"), "万俟": ("mo", "qi"), "单于": ("chan", "yu"),
    "司空": ("si", "kong"), "拓跋": ("tuo", "ba"), "第五": ("di", "wu"),
    "赫连": ("he", "lian"), "左丘": ("zuo", "qiu"), "淳于": ("chun", "yu"),
    "濮阳": ("pu", "yang"), "公羊": ("gong", "yang"), "宗政": ("zong", "zheng"),
    "漆雕": ("qi", "diao"), "亓官": ("qi", "guan"), "巫马": ("wu", "ma"),
    "颛孙": ("zhuan", "sun"), "鲜于": ("xian", "yu"), "闾丘": ("lv", "qiu"),
    "羊舌": ("yang", "she"), "东门": ("dong", "men"), "梁丘": ("liang", "qiu"),
    "乐正": ("yue", "zheng"), "仲孙": ("zhong", "sun"), "叔孙": ("shu", "sun"),
}

# The ~330 most frequent single surnames (about 97% of the population).
COMMON_SURNAMES: frozenset[str] = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段"
    "雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄"
    "聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲"
    "翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚"
    "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑"
    "郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼"
    "蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初"
    "门云容敬来扈晁芮都普阎揭洪卢鄂卓蔚赖"
)


@lru_cache(maxsize=65536)
def char_readings(ch: str, limit: int = 2) -> tuple[str, ...]:
    """Toneless readings of one hanzi, most common first (at most `limit`).
    A non-hanzi or unknown char gives ()."""
    if not is_hanzi(ch):
        return ()
    from pypinyin import Style, pinyin

    out: list[str] = []
    for r in pinyin(ch, heteronym=True, style=Style.NORMAL, errors="ignore")[:1]:
        for x in r:
            x = x.replace("ü", "v")
            if x.isascii() and x.isalpha() and x not in out:
                out.append(x)
    return tuple(out[:limit])


@lru_cache(maxsize=8192)
def surname_readings(surname: str) -> tuple[tuple[str, ...], ...]:
    """Every syllable-sequence a surname may be heard as: 单 -> (("shan",), ("dan",))."""
    if surname in COMPOUND_SURNAMES:
        return (COMPOUND_SURNAMES[surname],)
    if len(surname) == 1:
        rs = POLYPHONIC_SURNAMES.get(surname, ()) + char_readings(surname, 2 if surname in NAME_POLYPHONES else 1)
        return tuple((r,) for r in dict.fromkeys(rs))
    # an unlisted two-char surname: per-char first readings
    seq = tuple(char_readings(c, 1)[0] if char_readings(c, 1) else "" for c in surname)
    return (seq,) if all(seq) else ()


# Given-name chars whose second reading is really used in names. Other chars
# keep only pypinyin's first reading: a rare second one (强 jiàng) would only
# widen matches and multiply blocking keys.
NAME_POLYPHONES: frozenset[str] = frozenset(
    "长乐朝重行茜蔚会薄宿泊厦率省觉还曾单解查区仇朴覃盖缪尉秘折召种柏翟祭句员费褚藏莘谌奇都"
    "和参卜颉阿降调传弹差校露没殷燕纤晟炅石蕃繁说思宛")


@lru_cache(maxsize=65536)
def given_readings(ch: str) -> tuple[str, ...]:
    """Readings of a given-name char: two for the known name polyphones, else one."""
    return char_readings(ch, 2 if ch in NAME_POLYPHONES else 1)


def first_readings(text: str) -> tuple[str, ...]:
    """How a written word sounds: each character's first reading, the character
    itself where it has none."""
    return tuple((char_readings(c) or (c,))[0] for c in text)


def hanzi_readings(text: str) -> tuple[tuple[str, ...], ...]:
    """Per-character reading tuples for the hanzi in `text` (others skipped)."""
    return tuple(r for r in (char_readings(c) for c in text) if r)


def looks_like_surname(hanzi: str) -> bool:
    """True when `hanzi` starts with a common or compound surname."""
    return bool(hanzi) and (hanzi[:2] in COMPOUND_SURNAMES or hanzi[0] in COMMON_SURNAMES)


def split_name(hanzi: str) -> tuple[str, str]:
    """Surname / given name of a hanzi full name ("欧阳锋" -> ("欧阳", "锋"))."""
    if not hanzi:
        return "", ""
    if len(hanzi) >= 3 and hanzi[:2] in COMPOUND_SURNAMES:
        return hanzi[:2], hanzi[2:]
    if len(hanzi) == 1:
        return hanzi, ""
    return hanzi[0], hanzi[1:]


def _surname_syllables() -> frozenset[str]:
    out: set[str] = set()
    for ch in COMMON_SURNAMES:
        for r in surname_readings(ch):
            out.add(r[0])
    return frozenset(out)


COMMON_SURNAME_SYLLABLES: frozenset[str] = _surname_syllables()
COMPOUND_SURNAME_SYLLABLES: dict[tuple[str, ...], str] = {v: k for k, v in COMPOUND_SURNAMES.items()}


def text_syllables(text: str) -> tuple[tuple[str, ...], ...]:
    """Best-effort syllable sequence of mixed input ("刘 jian guo"): hanzi give
    their first reading, latin runs are segmented. () when nothing usable."""
    s = normalize(text)
    out: list[str] = []
    buf = ""
    for ch in s + " ":
        if is_hanzi(ch):
            if buf:
                segs = pinyin_tokens(buf)
                if not segs:
                    return ()
                out.extend(segs[0])
                buf = ""
            r = char_readings(ch)
            if r:
                out.append(r[0])
        else:
            buf += ch
    if buf.strip():
        segs = pinyin_tokens(buf)
        if not segs:
            return ()
        out.extend(segs[0])
    return (tuple(out),) if out else ()
