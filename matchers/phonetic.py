"""Dialect sound confusions and the phonetic keys that fold them.

A name heard through an accent changes in a few well-known ways (n/l, f/h,
zh/z, -n/-ng, h/w, r/y, r/l, ü/i). Two syllables are "confusable" when a small
set of these rules maps them onto a shared form; `explain` says which rules,
so the explanation can read "niu≈liu (n/l)".

Keys are *sets*: 黄 huang can be heard as fang (f/h) or as wang (h/w), but
fang and wang are not confusable with each other, so huang carries both
forms instead of one transitive class. Blocking keys (keys.py) are products
of these per-syllable sets; every pair `explain` accepts shares a key.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import combinations, product

from .text import PINYIN_SYLLABLES

__all__ = ["RULES", "ALL", "parse", "phonetic_keys", "phonetic_key", "explain",
           "rule_label"]

# rule id -> label shown to volunteers
RULES: dict[str, str] = {
    "n/l": "n/l",
    "f/h": "f/h",
    "zh/z": "zh/z",
    "ch/c": "ch/c",
    "sh/s": "sh/s",
    "-n/-ng": "-n/-ng",
    "h/w": "h/w",
    "r/y": "r/y",
    "r/l": "r/l",
    "v/i": "ü/i",
}
ALL: frozenset[str] = frozenset(RULES)

_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
             "j", "q", "x", "r", "z", "c", "s")
_Y = {"yi": "i", "yin": "in", "ying": "ing", "yu": "v", "yue": "ve", "yuan": "van",
      "yun": "vn", "ya": "ia", "yan": "ian", "yang": "iang", "yao": "iao", "ye": "ie",
      "you": "iou", "yong": "iong", "yo": "io"}
_W = {"wu": "u", "wa": "ua", "wo": "uo", "wai": "uai", "wei": "uei", "wan": "uan",
      "wen": "uen", "wang": "uang", "weng": "ueng"}
# r- as heard in north-eastern / Cantonese accents: 人 ren -> yin, 肉 rou -> you
_R_TO_Y = {"an": "ian", "ang": "iang", "ao": "iao", "e": "ie", "en": "in", "eng": "ing",
           "i": "i", "ong": "iong", "ou": "iou", "u": "v", "uan": "van", "uen": "vn",
           "uo": "ve"}


@lru_cache(maxsize=4096)
def parse(syl: str) -> tuple[str, str]:
    """(initial, final) in the underlying form: y/w spellings undone, ü as v,
    abbreviated finals expanded (liu -> l+iou, gui -> g+uei, ju -> j+v)."""
    syl = syl.lower().replace("ü", "v")
    if syl in _Y:
        return "", _Y[syl]
    if syl in _W:
        return "", _W[syl]
    ini = ""
    for i in _INITIALS:
        if syl.startswith(i) and len(syl) > len(i):
            ini = i
            break
    fin = syl[len(ini):]
    if ini in ("j", "q", "x") and fin.startswith("u"):
        fin = "v" + fin[1:]
    if fin == "iu":
        fin = "iou"
    elif fin == "ui":
        fin = "uei"
    elif fin == "un":
        fin = "vn" if ini in ("j", "q", "x") else "uen"
    return ini, fin


def _bridges(ini: str, fin: str, rules: frozenset[str]) -> list[tuple[str, str]]:
    """The raw form and every form one bridge rule turns it into."""
    forms = [(ini, fin)]
    if ini == "h" and fin.startswith("u") and fin != "uai":
        if "f/h" in rules:          # 胡 hu ~ 符 fu, 黄 huang ~ 方 fang, 灰 hui ~ 飞 fei
            forms.append(("f", fin[1:] or "u"))
        if "h/w" in rules:          # 黄 huang ~ 王 wang
            forms.append(("", fin))
    if ini == "h" and fin == "ong" and "f/h" in rules:  # 红 hong ~ 风 feng
        forms.append(("f", "eng"))
    if ini == "r":
        if "r/y" in rules and fin in _R_TO_Y:
            forms.append(("", _R_TO_Y[fin]))
        if "r/l" in rules:
            forms.append(("l", fin))
    return forms


def _fold(ini: str, fin: str, rules: frozenset[str]) -> str:
    if "n/l" in rules and ini == "n":
        ini = "l"
    if ini == "zh" and "zh/z" in rules:
        ini = "z"
    elif ini == "ch" and "ch/c" in rules:
        ini = "c"
    elif ini == "sh" and "sh/s" in rules:
        ini = "s"
    if "-n/-ng" in rules and fin.endswith("ng"):
        fin = fin[:-1]
    if "v/i" in rules and fin.startswith("v"):
        fin = "i" + fin[1:]
    return ini + "." + fin


@lru_cache(maxsize=65536)
def phonetic_keys(syl: str, confusions: frozenset[str] = ALL) -> frozenset[str]:
    """Every folded form of a syllable under `confusions` (usually one)."""
    ini, fin = parse(syl)
    return frozenset(_fold(i, f, confusions) for i, f in _bridges(ini, fin, confusions))


@lru_cache(maxsize=65536)
def explain(a: str, b: str, confusions: frozenset[str] = ALL) -> tuple[str, ...] | None:
    """Smallest set of rules (from `confusions`) under which a and b sound the
    same: () if equal, ("n/l",) for niu/liu, None if not confusable."""
    if a == b:
        return ()
    pa, pb = parse(a), parse(b)
    if pa == pb:
        return ()
    if not (phonetic_keys(a, confusions) & phonetic_keys(b, confusions)):
        return None
    rules = sorted(confusions)
    for k in (1, 2, 3):
        for combo in combinations(rules, k):
            s = frozenset(combo)
            if phonetic_keys(a, s) & phonetic_keys(b, s):
                return combo
    return None


def rule_label(rule: str) -> str:
    return RULES.get(rule, rule)


@lru_cache(maxsize=16)
def _classes(confusions: frozenset[str]) -> dict[str, str]:
    # Union-find over the syllable table: a single canonical key per syllable.
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_key: dict[str, str] = {}
    for syl in sorted(PINYIN_SYLLABLES):
        for k in phonetic_keys(syl, confusions):
            if k in by_key:
                ra, rb = find(by_key[k]), find(syl)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
            else:
                by_key[k] = syl
    return {syl: find(syl) for syl in PINYIN_SYLLABLES}


def phonetic_key(syllable: str, confusions: frozenset[str] = ALL) -> str:
    """One canonical string per class of mutually reachable syllables.

    Coarser than `phonetic_keys` (classes are transitive: huang joins fang and
    wang), so it suits grouping and display; blocking uses `phonetic_keys`.
    """
    syllable = syllable.lower().replace("ü", "v")
    return _classes(frozenset(confusions)).get(syllable, syllable)


def sequence_keys(seq: tuple[str, ...], confusions: frozenset[str] = ALL,
                  cap: int = 8) -> list[str]:
    """Folded keys of a syllable sequence (product of per-syllable key sets),
    at most `cap`."""
    parts = [sorted(phonetic_keys(s, confusions)) for s in seq]
    out: list[str] = []
    for combo in product(*parts):
        out.append(" ".join(combo))
        if len(out) >= cap:
            break
    return out
