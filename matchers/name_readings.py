"""Which reading of a heard name is the likely one (the name's "reading posterior").

An intake name often has several readings (names.parse_heard): 小芳 is the
nickname of somebody whose given name ends in 芳, or the full name 肖芳 heard
as a homophone, or the given name 小芳; 卫凯 is a full name or a two-char
given name; 娜娜 is a nickname far more often than the given name 娜娜.
A level weight (log2 m/u) and the term-frequency adjustment price *one*
reading: how rare the agreed value is. They do not ask how likely it is
that the person meant that reading at all. By Bayes, the likelihood ratio of
a pair agreeing under reading r is

    P(reading r | text) * P(level | r, same person) / P(agree | r, random report)

and P(reading r | text) ~ prior(r | shape of the text) * f_r(text), where
f_r is how common the text is among reports under that reading (the document
frequency of its blocking key: "F:" full name, "G:" given name, "C:" given
char, "N:" surname, "R:" rank nickname). The model adds
log2 P(reading | text) minus its mean over true pairs at that level (so a
level's average weight is unchanged), capped like the TF adjustment.

The priors per text shape are fitted on labelled synthetic pairs
(`fit_priors`, run by matchers.estimate): they are data, not constants here.
"""
from __future__ import annotations

import math
from typing import Any, Iterable, Mapping, Protocol, Sequence

import numpy as np

from .keys import form_keys
from .names import FULL, GIVEN, NICK_GENERIC, NICK_GIVEN, NICK_SURNAME, NameForm

# reading kinds; a level is reached through one of them
KINDS = ("full", "given", "nick", "surname", "generic")
_KIND_OF_FORM = {FULL: "full", GIVEN: "given", NICK_GIVEN: "nick", NICK_SURNAME: "surname",
                 NICK_GENERIC: "generic"}
# the key kind whose document frequency says how common the text is under a reading
_KEY_OF_KIND = {"full": "F:", "given": "G:", "nick": "C:", "surname": "N:", "generic": "R:"}
READING_OF_LEVEL: dict[str, str] = {
    "exact": "full", "homophone": "full", "dialect_variant": "full", "sound_variant": "full",
    "given_name": "given", "given_name_exact": "given", "given_name_dialect": "given",
    "given_name_surname_shape": "given", "given_name_sound": "given",
    "given_name_single": "nick", "nickname": "nick", "nickname_first_char": "nick",
    "nickname_dialect": "nick", "nickname_sound": "nick",
    "surname_nickname": "surname",
}
KINDS_ZH = {"full": "全名", "given": "名字", "nick": "小名", "surname": "姓氏称呼", "generic": "小名"}
L2_SHAPE = 1.0        # pulls a shape's priors towards the shared ones (nats^2 penalty)


class KeyCounts(Protocol):
    def __len__(self) -> int: ...

    def key_df(self, key: str) -> int: ...


def shape_of(forms: Sequence[NameForm]) -> str:
    """The text's shape as the set of its readings: "full+given" (卫凯),
    "full~+given+nick" (小芳: the full reading is of a nickname-shaped text)."""
    parts = set()
    for f in forms:
        k = _KIND_OF_FORM.get(f.kind)
        if k is None:
            continue
        parts.add(k + ("~" if f.kind == FULL and f.nick_shape else "") + ("@py" if f.pinyin_input else ""))
    return "+".join(sorted(parts))


def reading_frequencies(forms: Sequence[NameForm], population: KeyCounts) -> dict[str, float]:
    """kind -> share of reports the text agrees with under that reading (the
    commonest of the reading's keys; half a report when none has it)."""
    n = max(len(population), 1)
    best: dict[str, int] = {}
    for f in forms:
        kind = _KIND_OF_FORM.get(f.kind)
        if kind is None:
            continue
        prefix = _KEY_OF_KIND[kind]
        df = max((population.key_df(k) for k in form_keys(f, "intake") if k.startswith(prefix)), default=0)
        best[kind] = max(best.get(kind, 0), df)
    return {k: (df + 0.5) / n for k, df in best.items()}


def log2_posteriors(shape: str, freqs: Mapping[str, float], priors: Mapping[str, Any]) -> dict[str, float]:
    """kind -> log2 P(reading | text) from the fitted priors (natural-log logits)."""
    if len(freqs) < 2:
        return {k: 0.0 for k in freqs}
    shared = priors.get("shared", {})
    own = priors.get("shapes", {}).get(shape, {})
    logits = {k: float(shared.get(k, 0.0)) + float(own.get(k, 0.0)) + math.log(f) for k, f in freqs.items()}
    top = max(logits.values())
    z = top + math.log(sum(math.exp(v - top) for v in logits.values()))
    return {k: (v - z) / math.log(2) for k, v in logits.items()}


def level_adjustments(levels: Sequence[str], forms: Sequence[NameForm], population: KeyCounts,
                      spec: Mapping[str, Any]) -> np.ndarray | None:
    """Per level: log2 P(reading of that level | text) (NaN where a level has no
    reading or the text has only one); None when nothing applies."""
    freqs = reading_frequencies(forms, population)
    if len(freqs) < 2:
        return None
    post = log2_posteriors(shape_of(forms), freqs, spec.get("priors", {}))
    out = np.full(len(levels), np.nan)
    for i, label in enumerate(levels):
        kind = READING_OF_LEVEL.get(label)
        if kind is not None and kind in post:
            out[i] = post[kind]
    return out


def fit_priors(samples: Iterable[tuple[str, Mapping[str, float], str]], iterations: int = 500,
               learning_rate: float = 2.0) -> dict[str, Any]:
    """Prior logits per reading kind, shared and per shape, by maximum likelihood.

    samples: (shape, kind -> frequency, the kind of the reading that was true)
    for true pairs. Multinomial logit with log f as an offset; each shape's
    own logits are L2-pulled towards zero (towards the shared ones), so a
    rare shape borrows from the rest.
    """
    rows = [(s, dict(f), t) for s, f, t in samples if len(f) >= 2 and t in f]
    if not rows:
        return {"shared": {}, "shapes": {}}
    shapes = sorted({s for s, _f, _t in rows})
    s_idx = {s: i for i, s in enumerate(shapes)}
    k_idx = {k: i for i, k in enumerate(KINDS)}
    n, nk = len(rows), len(KINDS)
    offset = np.full((n, nk), -np.inf)
    target = np.zeros(n, dtype=np.int64)
    shape_of_row = np.zeros(n, dtype=np.int64)
    for r, (s, f, t) in enumerate(rows):
        for k, v in f.items():
            offset[r, k_idx[k]] = math.log(v)
        target[r] = k_idx[t]
        shape_of_row[r] = s_idx[s]
    avail = np.isfinite(offset)
    count = np.bincount(shape_of_row, minlength=len(shapes)).astype(np.float64)
    shared = np.zeros(nk)
    own = np.zeros((len(shapes), nk))
    for _ in range(iterations):
        logits = np.where(avail, offset + shared + own[shape_of_row], -np.inf)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        resid = p.copy()
        resid[np.arange(n), target] -= 1.0              # d(-loglik)/d(logit)
        g_own = np.zeros_like(own)
        np.add.at(g_own, shape_of_row, resid)
        # per-shape steps scaled by the shape's own count (a small shape converges too)
        own -= learning_rate * (g_own + L2_SHAPE * own) / (count[:, None] + L2_SHAPE)
        shared -= learning_rate * resid.sum(axis=0) / n
        shared -= shared.mean()
    return {"shared": {k: round(float(shared[i]), 4) for k, i in k_idx.items()},
            "shapes": {s: {k: round(float(own[si, i]), 4) for k, i in k_idx.items() if own[si, i] != 0.0}
                       for s, si in s_idx.items()},
            "samples": n}
