"""Tibetan names: elements of two syllables, each written in several transliterations.

A Tibetan name has no surname: it is one or two elements (扎西次仁 = 扎西 + 次仁),
and each element reaches Chinese in more than one spelling, by region and by
who wrote it (ཚེ་རིང tshe ring is 次仁 in Lhasa, 才让 in Amdo, 泽仁 in Kham). Read
as a Han name, 札西才让 against 扎西次仁 shares only a surname-like first char
and is a mismatch; and 格桑 against 格桑次仁 is "the given name differs". Here the
spellings of one element are one element, the name is its sequence of
elements, and a name given in part (格桑) is a part of the whole.
"""
from __future__ import annotations

from functools import lru_cache

from .text import canonical_spellings

# one line per element: the spelling used as its canonical form first
_GROUPS = """
扎西 札西 扎喜 扎什 扎实 塔西
次仁 才让 泽仁 策仁 慈仁 才仁 此仁 次让
索南 索朗 索郎 锁南
丹增 旦增 登增 丹正
多吉 多杰 多结 朵吉 多界
顿珠 东珠 端智 敦珠 登珠 顿主
达瓦 达娃 达哇
尼玛 尼麻 尼马
格桑 尕藏 嘎藏 格松 格藏
平措 彭措 朋措 平错 彭错
旺堆 旺久 旺杰
罗布 洛布 诺布
拉姆 拉毛 拉莫 拉木
央金 洋金 阳金 央坚
央宗 洋宗 阳宗
白玛 贝玛 班玛 白马 巴玛
普布 普巴 普珠
卓玛 卓嘛 珠玛 卓马
卓嘎 卓噶 卓尕
洛桑 罗桑 罗藏 洛藏
益西 伊西 叶西 耶西 依西
德吉 德基
德庆 德钦 德青
才旦 次旦 泽旦 才丹 次丹
次旺 才旺 泽旺
仁青 仁钦 仁欠 仁庆
仁增 仁真 仁珍
朗杰 南杰 囊杰 朗加
坚参 坚赞 江村 坚才
嘉措 加措 嘉错 甲措 加错
贡布 贡保 公保 贡宝
强巴 降巴 强白
边巴 边坝 边八
巴桑 帕桑 巴松
米玛 米马
拉巴 拉帕 拉八
桑杰 桑吉 桑结
更登 根敦 格登 更敦
曲珍 曲真 却珍
曲吉 却吉 确吉
措姆 措毛 错姆 才毛
尼珍 尼真
琼达 穷达
旺姆 旺毛 汪姆
次珍 才珍 泽珍
巴珠 巴主
贡觉 贡求
噶玛 嘎玛 尕玛 格玛
久美 晋美 吉美
玉珍 宇珍
斯朗 四郎 斯郎 四朗
"""


CANONICAL: dict[str, str] = canonical_spellings(_GROUPS)


@lru_cache(maxsize=65536)
def elements(hanzi: str) -> tuple[str, ...]:
    """The canonical elements of a name made wholly of known Tibetan elements
    (one to three of them), else ()."""
    h = hanzi.replace("·", "").replace(" ", "")
    if not h or len(h) % 2 or len(h) > 6:
        return ()
    out = []
    for k in range(0, len(h), 2):
        canon = CANONICAL.get(h[k:k + 2])
        if canon is None:
            return ()
        out.append(canon)
    return tuple(out)


def relation(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """"same" (one name, maybe spelt otherwise), "part" (one is a run of the
    other's elements: 格桑 of 格桑次仁), or ""."""
    if not a or not b:
        return ""
    if a == b:
        return "same"
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if any(long_[k:k + len(short)] == short for k in range(len(long_) - len(short) + 1)):
        return "part"
    return ""
