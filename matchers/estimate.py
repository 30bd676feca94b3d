"""Estimate the model's weights and calibration from labelled synthetic data.

1. m(level) = P(level | same person) from the true (intake, report) pairs,
   u(level) = P(level | different persons) from random non-pairs; Laplace
   smoothing; weight = log2(m/u); the null level weighs 0.
2. Optionally refine m (and the match rate) by Fellegi-Sunter EM on the
   unlabelled candidate pairs the index produces, u kept fixed (--em).
3. Fit the calibration (isotonic, pool-adjacent-violators) of the competing
   log-odds on the top candidates of a *different* synthetic set, so the
   probability a volunteer sees is the share of true matches at that score.

    python -m matchers.estimate --out matchers/weights.json
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from datetime import datetime, timezone
from itertools import product
from typing import Iterable, Sequence

import numpy as np

from .base import NULL_LEVEL
from .batch import fewer_full_collections
from .engine import Matcher
from .index import CandidateIndex
from .model import (FACE_STRATUM, LevelWeight, MatchModel, Weights, apply_calibration, calibration_label,
                    competing_log2_odds, tf_rarity)
from .synth import SynthSet

LAPLACE = 1.0
# Comparisons whose evidence overlaps: the first is weighed given the level(s) of
# the others (accent given place hints and found place: all three can say "from
# 湖南", and a person found in his home county speaks its dialect; height given sex;
# sex given the name: given names are gendered, so two people who share a
# name share the sex far more often than a random pair).
CONDITIONAL = {"dialect": ("place", "found"), "height": "sex", "found": "place", "sex": "name"}
# Levels of a conditioning comparison that say the same thing at a coarser grain:
# a sparse conditional cell borrows from its class.
COARSE = {"place": {**{lab: "apart" for lab in ("no_overlap", "local_unmatched", "local_other_unit",
                                                               "missing_province", "province_other_place", "province")},
                    **{lab: "region" for lab in ("missing_prefecture", "prefecture_other_county",
                                                 "prefecture")},
                    **{lab: "local" for lab in ("mixed", "missing_county", "county", "missing_local",
                                                "village_or_town")}}}
COND_PSEUDO = 20.0   # pseudo-counts pulling a conditional distribution to the unconditional one
# Calibration strata by the name level's weight: pairs resting on a strong name
# agreement and pairs resting on many weak, overlapping clues are calibrated apart.
STRONG_BITS = 10.0
MIN_STRATUM = 30     # positives and negatives a stratum needs for its own map
CALIB_FACES = 0.6            # share of reports with a photo in the calibration sets with photos
CALIB_FACE_INTAKES = 8000
FACE_SEED_SHIFT = 7_000_000  # those sets' seeds: apart from the photo-less ones and the evaluation's
RANDOM_ENOUGH = 1000  # random non-pairs at a level before blocked non-pairs are not needed
# The share of true pairs in which a field says nothing of the person: an age
# misjudged by twenty years, a height misread, a date mistyped. Our generator
# never writes such a field; data written by other hands do (the blind worlds: a
# height 7 cm or more off in 0.5-13% of the true pairs that give both heights, found
# 15+ years on in 0.2-5%, ages 13+ years off in up to 1.3%, a sixth world 3%), and there a weight fitted on
# ours alone (-8 to -11 bits) buries the true report. A field wrong that way is drawn as
# for a stranger, so m' = (1 - eps) m + eps u: no level of it costs more than
# log2(1/eps) bits (5.6 at 2%), and agreements lose log2(1 - eps) (0.03).
CONTAMINATION = {"age": 0.02, "height": 0.02, "timeline": 0.02}


def _progress(msg: str, quiet: bool) -> None:
    if not quiet:
        print(msg, file=sys.stderr, flush=True)


def collect_levels(model: MatchModel, synth: SynthSet, random_per_intake: int, rng: random.Random
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Level matrices (pairs x comparisons) for true pairs and random non-pairs."""
    true_rows, rand_rows = [], []
    n = synth.n_reports
    sample_ids = sorted(set(rng.randrange(n) for _ in range(min(n, 5000)))) if random_per_intake else []
    sample = {i: model.prepare_report(synth.report_at(i)[0]) for i in sample_ids}
    for intake, truth in synth.intakes:
        fi = model.prepare_intake(intake)
        if truth.true_index is not None:
            fr = model.prepare_report(synth.report_at(truth.true_index)[0])
            true_rows.append(model.level_vector(fi, fr))
        for i in rng.sample(sample_ids, min(random_per_intake, len(sample_ids))):
            if i != truth.true_index:
                rand_rows.append(model.level_vector(fi, sample[i]))
    return np.array(true_rows, dtype=np.int16), np.array(rand_rows, dtype=np.int16)


def collect_blocked(model: MatchModel, matcher: Matcher, synth: SynthSet, per_intake: int = 30
                    ) -> np.ndarray:
    """Level vectors of non-matching pairs the index pulls together (they share
    a name or region key): the non-matches that agree on something, which
    random pairs almost never do — needed to see how agreements overlap."""
    rows = []
    for intake, truth in synth.intakes:
        ids, _ = matcher.candidates(intake, per_intake)
        fi = model.prepare_intake(intake)
        feats = matcher.prepared_reports(ids.tolist())
        rows += [model.level_vector(fi, feats[i]) for i in ids.tolist()
                 if i in feats and i != truth.true_index]
    return np.array(rows, dtype=np.int16).reshape(-1, len(model.comparisons))


def level_probabilities(levels: np.ndarray, n_levels: int, alpha: float = LAPLACE) -> np.ndarray:
    counts = np.bincount(levels, minlength=n_levels).astype(np.float64)
    return (counts + alpha) / (counts.sum() + alpha * n_levels)


def em_refine(m: list[np.ndarray], u: list[np.ndarray], gammas: np.ndarray, lam: float,
              iterations: int = 20) -> tuple[list[np.ndarray], float]:
    """Fellegi-Sunter EM over unlabelled pairs: update m and the match rate, u fixed."""
    m = [x.copy() for x in m]
    for _ in range(iterations):
        log_m = sum(np.log(m[k][gammas[:, k]]) for k in range(len(m)))
        log_u = sum(np.log(u[k][gammas[:, k]]) for k in range(len(u)))
        a = np.log(lam) + log_m
        b = np.log1p(-lam) + log_u
        p = 1.0 / (1.0 + np.exp(np.clip(b - a, -700, 700)))
        lam = float(np.clip(p.mean(), 1e-6, 0.5))
        for k in range(len(m)):
            counts = np.bincount(gammas[:, k], weights=p, minlength=len(m[k]))
            m[k] = (counts + LAPLACE) / (counts.sum() + LAPLACE * len(m[k]))
    return m, lam


def conditional_weights(model: MatchModel, true_lv: np.ndarray, rand_lv: np.ndarray,
                        m: list[np.ndarray], u: list[np.ndarray],
                        pairs: dict[str, str | tuple[str, ...]] = CONDITIONAL,
                        blocked_lv: np.ndarray | None = None) -> dict[str, dict]:
    """Weights of comparison B given the level(s) of the comparison(s) it overlaps.

    Each cell is shrunk with COND_PSEUDO pseudo-counts towards a coarser
    estimate: for the first condition, B given the level's class (COARSE) or
    B's unconditional weight; for further conditions, B given the first
    condition alone (so a sparse cell falls back to the best-supported
    coarser table, not to double counting).
    """
    pos = {c.name: k for k, c in enumerate(model.comparisons)}
    out: dict[str, dict] = {}
    for b_name, on in pairs.items():
        on = (on,) if isinstance(on, str) else tuple(on)
        if b_name not in pos or any(a not in pos for a in on):
            continue
        b = pos[b_name]
        comp_b = model.comparisons[b]
        n_lv = len(comp_b.levels)
        w_unc = fill_unobserved(np.log2(m[b] / u[b]), np.bincount(true_lv[:, b], minlength=n_lv),
                                np.bincount(rand_lv[:, b], minlength=n_lv))
        coarse: dict[tuple[int, ...], np.ndarray] = {}      # weights given a prefix of `on`
        table: dict[str, dict[str, float]] = {}
        def cell(sel_t: np.ndarray, sel_r: np.ndarray, sel_b: np.ndarray | None, target: np.ndarray) -> np.ndarray:
            tm, tu = true_lv[sel_t, b], rand_lv[sel_r, b]
            if sel_b is not None and len(tu) < RANDOM_ENOUGH:
                # an agreement random pairs rarely reach: add the blocked non-pairs
                tu = np.concatenate([tu, blocked_lv[sel_b, b]])
            cm = np.bincount(tm, minlength=len(comp_b.levels)).astype(float)
            cu = np.bincount(tu, minlength=len(comp_b.levels)).astype(float)
            mc = (cm + LAPLACE) / (cm.sum() + LAPLACE * len(cm))
            uc = (cu + LAPLACE) / (cu.sum() + LAPLACE * len(cu))
            w_raw = np.log2(mc / uc)
            evidence = np.minimum(cm, cu)
            # shrink towards the coarser weight unless the cell is well observed
            w = target + (w_raw - target) * evidence / (evidence + COND_PSEUDO)
            w[NULL_LEVEL] = 0.0
            if cm.sum() + cu.sum() - cm[NULL_LEVEL] - cu[NULL_LEVEL] == 0:
                # a combination no pair reached (the accent given a town matched where he
                # went missing): the coarser table is all there is, not "no evidence" (0)
                return target.copy()
            w = fill_unobserved(w, cm, cu)
            return monotone_weights(w, weight_se(cm, cu))

        # first condition's levels grouped into classes (county, village, mixed…: "agrees
        # locally"): a sparse level is shrunk towards its class, not towards no condition
        first = pos[on[0]]
        class_w: dict[str, np.ndarray] = {}
        classes = COARSE.get(on[0], {})
        for cls in sorted(set(classes.values())):
            lvls = [lv for lv, lab in enumerate(model.comparisons[first].levels) if classes.get(lab) == cls]
            class_w[cls] = cell(np.isin(true_lv[:, first], lvls), np.isin(rand_lv[:, first], lvls),
                                None if blocked_lv is None else np.isin(blocked_lv[:, first], lvls), w_unc)
        for depth in range(1, len(on) + 1):
            cols = [pos[a] for a in on[:depth]]
            comps = [model.comparisons[c] for c in cols]
            for combo in product(*(range(len(c.levels)) for c in comps)):
                if depth == 1:
                    target = class_w.get(classes.get(comps[0].levels[combo[0]], ""), w_unc)
                else:
                    target = coarse[tuple(combo[:-1])]
                w = cell(np.all(true_lv[:, cols] == combo, axis=1), np.all(rand_lv[:, cols] == combo, axis=1),
                         None if blocked_lv is None else np.all(blocked_lv[:, cols] == combo, axis=1), target)
                coarse[tuple(combo)] = w
                if depth == len(on):
                    label = "|".join(c.levels[lv] for c, lv in zip(comps, combo))
                    table[label] = {label_b: round(float(w[lb]), 4) for lb, label_b in enumerate(comp_b.levels)
                                    if lb != NULL_LEVEL}
        out[b_name] = {"on": on[0] if len(on) == 1 else list(on), "weights": table}
    return out


def tf_references(model: MatchModel, synth: SynthSet, true_levels: np.ndarray, matcher: Matcher,
                  min_pairs: int = 5) -> dict[str, dict[str, tuple[tuple[str, ...], float]]]:
    """Per (comparison, level): the key kinds that carry the agreed value and
    -log2 of the mean frequency of that value among true pairs (leave-one-out:
    the true report itself is not counted) — the reference the
    term-frequency adjustment compares a pair's shared value against."""
    from .engine import TF_BORROW, TF_LEVEL_KEYS

    index = matcher.index
    n = max(len(index), 1)
    freqs: dict[tuple[str, str], list[float]] = {}
    row = 0
    for intake, truth in synth.intakes:
        if truth.true_index is None:
            continue
        levels = true_levels[row]
        row += 1
        rar = matcher.shared_rarities(intake, list(index.intake_keys(intake)), [truth.true_index])[0]
        rar.update(model.level_rarities(model.prepare_intake(intake), index))
        for k, comp in enumerate(model.comparisons):
            label = comp.levels[int(levels[k])]
            kinds = TF_LEVEL_KEYS.get(comp.name, {}).get(label)
            r = tf_rarity(rar, kinds or (), int(levels[k]))
            if r is not None:
                df = n / 2 ** r
                freqs.setdefault((comp.name, label), []).append((df - 1) / n)
    out: dict[str, dict[str, tuple[tuple[str, ...], float]]] = {}
    for (comp, label), fs in freqs.items():
        if len(fs) >= min_pairs:
            out.setdefault(comp, {})[label] = (TF_LEVEL_KEYS[comp][label],
                                               float(-np.log2(max(np.mean(fs), 1e-9))))
    for comp, borrowed in TF_BORROW.items():
        for label, sibling in borrowed.items():
            own = out.get(comp, {})
            if label not in own and sibling in own:
                own[label] = (TF_LEVEL_KEYS[comp][label], own[sibling][1])
    return out


def reading_adjustments(model: MatchModel, synth: SynthSet, true_levels: np.ndarray, index,
                        min_pairs: int = 5) -> dict[str, dict]:
    """The name's reading posterior (name_readings.py): prior logits per text
    shape fitted on the true pairs, then per level the mean log2 posterior of
    the reading true pairs reached it by (the centre of the adjustment)."""
    from .name_readings import READING_OF_LEVEL, fit_priors, log2_posteriors, reading_frequencies, shape_of

    k = next((j for j, c in enumerate(model.comparisons) if c.name == "name"), None)
    if k is None:
        return {}
    comp = model.comparisons[k]
    # (shape, reading frequencies, true level, its reading) of the true pairs whose text
    # has more than one reading: the only ones the adjustment applies to
    samples: list[tuple[str, dict[str, float], str, str]] = []
    row = 0
    for intake, truth in synth.intakes:
        if truth.true_index is None:
            continue
        label = comp.levels[int(true_levels[row, k])]
        row += 1
        fi = comp.prepare_intake(intake)
        kind = READING_OF_LEVEL.get(label)
        if fi is None or kind is None:
            continue
        freqs = reading_frequencies(fi.forms, index)
        if kind in freqs and len(freqs) >= 2:
            samples.append((shape_of(fi.forms), freqs, label, kind))
    priors = fit_priors((shape, freqs, kind) for shape, freqs, _label, kind in samples)
    values: dict[str, list[float]] = {}
    for shape, freqs, label, kind in samples:
        values.setdefault(label, []).append(log2_posteriors(shape, freqs, priors)[kind])
    spec: dict = {"priors": priors,
                  "reference": {lab: round(float(np.mean(v)), 4) for lab, v in values.items()
                                if len(v) >= min_pairs}}
    return {"name": spec}


def pav(x: np.ndarray, y: np.ndarray, shrink: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """Isotonic regression (pool adjacent violators) of labels y on scores x.

    Returns block centres and values; each block's value is shrunk towards
    the mean raw probability of its members by `shrink` pseudo-counts so that
    tiny blocks at the extremes do not claim certainty.
    """
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order].astype(np.float64)
    raw = 1.0 / (1.0 + np.exp2(-np.clip(xs, -60, 60)))
    blocks: list[list[float]] = []     # [sum_y, n, sum_x, sum_raw]
    for xi, yi, ri in zip(xs, ys, raw):
        blocks.append([yi, 1.0, xi, ri])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s, n, sx, sr = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += n
            blocks[-1][2] += sx
            blocks[-1][3] += sr
    cx = np.array([b[2] / b[1] for b in blocks])
    cy = np.array([(b[0] + shrink * b[3] / b[1]) / (b[1] + shrink) for b in blocks])
    cy = np.maximum.accumulate(cy)   # shrinking may break monotonicity slightly
    return cx, cy


def calibration_pairs(matcher: Matcher, synth: SynthSet, top: int, by: str = "name"
                      ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(raw competing log2-odds, is-true, calibration stratum label: the level
    label of comparison `by`, marked when faces were compared) for the top
    candidates of every intake."""
    xs, ys, labels = [], [], []
    for intake, truth in synth.intakes:
        ranked = matcher.rank(intake, top=matcher.cap)
        if not ranked:
            continue
        totals = np.array([m.score.total_weight for m in ranked])
        raw = competing_log2_odds(totals)
        for k, m in enumerate(ranked[:top]):
            xs.append(raw[k])
            ys.append(1 if truth.true_index is not None and m.report_id == truth.true_index else 0)
            labels.append(calibration_label(m.score.components, by))
    return np.array(xs), np.array(ys), labels


def name_strata(weights: Weights, by: str = "name") -> dict[str, str]:
    """Level label -> calibration stratum, from the level's weight: no evidence
    (null), evidence against (< 0), weak (< STRONG_BITS), strong."""
    out = {}
    for label, lw in weights.comparisons.get(by, {}).items():
        if label == "null":
            out[label] = "null"
        elif lw.weight < 0:
            out[label] = "against"
        elif lw.weight < STRONG_BITS:
            out[label] = "weak"
        else:
            out[label] = "strong"
    return out


def platt(x: np.ndarray, y: np.ndarray, iterations: int = 50) -> tuple[float, float]:
    """Logistic fit p = 1 / (1 + exp(-(a*x + b))) by Newton's method (ridge 1e-6)."""
    X = np.stack([np.asarray(x, dtype=np.float64), np.ones(len(x))], axis=1)
    yy = np.asarray(y, dtype=np.float64)
    beta = np.array([math.log(2), 0.0])           # the identity map on log2-odds
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ beta, -50, 50)))
        h = X.T @ (X * (p * (1 - p) + 1e-9)[:, None]) + 1e-6 * np.eye(2)
        step = np.linalg.solve(h, X.T @ (yy - p))
        beta = beta + step
        if np.abs(step).max() < 1e-9:
            break
    return float(beta[0]), float(beta[1])


def pair_log_loss(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Binary log-loss of each probability p for label y (p clipped to 1e-6)."""
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson interval of a proportion k/n."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def band_counts(pairs: Iterable[tuple[float, int]], n_bands: int = 10) -> list[tuple[int, int]]:
    """(pairs, true pairs) per score band of width 1/n_bands: band b holds b/n <= p < (b+1)/n,
    the last one p = 1 too (scores outside 0..1 go to the nearest end band)."""
    counts = [[0, 0] for _ in range(n_bands)]
    for p, y in pairs:
        b = min(max(int(p * n_bands), 0), n_bands - 1)
        # p * n is a float: 0.3 * 10 may land either side of 3; the edges are b / n
        if b > 0 and p < b / n_bands:
            b -= 1
        elif b < n_bands - 1 and p >= (b + 1) / n_bands:
            b += 1
        counts[b][0] += 1
        counts[b][1] += int(y)
    return [(n, k) for n, k in counts]


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    """Mean binary log-loss of probabilities p for labels y (p clipped to 1e-6)."""
    return float(np.mean(pair_log_loss(p, y)))


ISOTONIC_MARGIN_SE = 2.0


def paired_difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float] | None:
    """Mean of a - b over the same pairs and its standard error; None for fewer than 2 pairs."""
    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    if len(d) < 2:
        return None
    return float(d.mean()), float(d.std(ddof=1)) / math.sqrt(len(d))


def isotonic_wins(loss_isotonic: np.ndarray, loss_platt: np.ndarray, z: float = ISOTONIC_MARGIN_SE) -> bool:
    """Whether isotonic's held-out losses beat logistic's on the same pairs by
    more than z standard errors of their paired mean difference."""
    diff = paired_difference(loss_isotonic, loss_platt)
    return diff is not None and diff[0] < -z * diff[1]


def fit_calibration(x: np.ndarray, y: np.ndarray, labels: list[str], strata: dict[str, str],
                    by: str = "name", seed: int = 0) -> dict:
    """One map per stratum with enough data, the pooled map otherwise.

    Each stratum's map is logistic (Platt) unless isotonic (pool adjacent
    violators) predicts held-out pairs better beyond the noise of that
    comparison (isotonic_wins): isotonic follows any shape but is noisy where
    pairs are few; logistic is smooth and needs little data. Picking the
    lower two-fold loss outright flipped maps on 0.06% differences.
    """
    def isotonic(xx, yy):
        cx, cy = pav(xx, yy)
        return {"method": "isotonic", "x": [round(float(v), 4) for v in cx], "y": [round(float(v), 5) for v in cy]}

    def logistic(xx, yy):
        a, b = platt(xx, yy)
        return {"method": "platt", "a": round(a, 6), "b": round(b, 6)}

    rng = np.random.default_rng(seed)

    def curve(xx, yy):
        fold = rng.integers(0, 2, len(xx))
        held_out = {}
        for name, fit in (("isotonic", isotonic), ("platt", logistic)):
            loss = np.zeros(len(xx))
            for k in (0, 1):
                tr, te = fold != k, fold == k
                if tr.sum() == 0 or te.sum() == 0:
                    continue
                loss[te] = pair_log_loss(apply_calibration(fit(xx[tr], yy[tr]), xx[te]), yy[te])
            held_out[name] = loss
        best = "isotonic" if isotonic_wins(held_out["isotonic"], held_out["platt"]) else "platt"
        out = (isotonic if best == "isotonic" else logistic)(xx, yy)
        mean, se = paired_difference(held_out["isotonic"], held_out["platt"]) or (
            float(np.mean(held_out["isotonic"] - held_out["platt"])), 0.0)
        out.update({"pairs": int(len(xx)), "positives": int(yy.sum()),
                    "cv_log_loss": {k: round(float(v.mean()), 5) for k, v in held_out.items()},
                    "cv_isotonic_minus_platt": [round(mean, 6), round(se, 6)]})
        return out

    def enough(sel) -> bool:
        pos = int(y[sel].sum())
        return pos >= MIN_STRATUM and int(sel.sum()) - pos >= MIN_STRATUM

    curves = {"all": curve(x, y)}
    groups = np.array([strata.get(lab, "all") for lab in labels])
    for key in sorted(set(strata.values())):
        if enough(groups == key):
            curves[key] = curve(x[groups == key], y[groups == key])
    # a level with enough pairs of its own gets its own map (a given name and an
    # exact full name both weigh > 10 bits, but how far their overlapping clues
    # can be trusted differs); the others share their group's
    labels_arr = np.array(labels)
    final = {}
    for lab, group in strata.items():
        sel = labels_arr == lab
        if group != "null" and enough(sel):
            curves["L:" + lab] = curve(x[sel], y[sel])
            final[lab] = "L:" + lab
        else:
            final[lab] = group if group in curves else "all"
    return {"method": "stratified", "by": by, "strata": final, "curves": curves, "default": "all"}


def synth_fetch(synth: SynthSet):
    return lambda ids: {i: synth.report_at(i)[0] for i in ids}


def build_synth_index(synth: SynthSet) -> CandidateIndex:
    return CandidateIndex.build((i, rep) for i, rep, _t in synth.reports())


def exact_level_u(model: MatchModel, synth: SynthSet, index: CandidateIndex, u: list[np.ndarray]) -> None:
    """u (in place) of the levels in engine.EXACT_LEVEL_KEYS, counted over the
    whole cross product of the training set: every report that shares a key of
    that kind with an intake (and is not its true report) is compared, and the
    pairs at the level are counted over intakes x reports. Reports sharing no
    key cannot reach the level."""
    from .engine import EXACT_LEVEL_KEYS
    from .index import intake_blocking_keys

    total = max(1, len(synth.intakes) * synth.n_reports)
    for k, comp in enumerate(model.comparisons):
        for label, kind in EXACT_LEVEL_KEYS.get(comp.name, {}).items():
            level = comp.levels.index(label)
            chance = 0
            for intake, truth in synth.intakes:
                keys = [key for key in intake_blocking_keys(intake) if key.startswith(kind)]
                if not keys:
                    continue
                fi = comp.prepare_intake(intake)
                ids: set[int] = set()
                for key in keys:
                    kid = index.vocab.get(key)
                    if kid is not None:
                        ids.update(int(index.ids[slot]) for slot in index.key_postings(kid).tolist())
                ids.discard(-1 if truth.true_index is None else int(truth.true_index))
                chance += sum(1 for rid in ids
                              if comp.compare(fi, comp.prepare_report(synth.report_at(rid)[0])).level == level)
            u[k] = u[k].copy()
            u[k][level] = (chance + LAPLACE) / total


def add_comparison_levels(weights: Weights, seed: int, n_reports: int, n_intakes: int, faces: float,
                          random_per_intake: int = 40, quiet: bool = False,
                          refit: Sequence[str] = ()) -> Weights:
    """Weights (in place) for the comparisons the file has none for — a matcher
    just added — estimated on the training set `estimate` draws, the same way;
    every other weight, table and map stays as it is. A full re-estimate then
    folds the new comparison into the conditional tables and maps.

    With `refit`, the level weights of these comparisons are estimated again
    instead (after the generator changed how their field is drawn), with the
    file's contamination share applied to them as it was to the rest."""
    unknown = set(refit) - set(weights.comparisons)
    if unknown:
        raise ValueError(f"no such comparison in the weights file: {', '.join(sorted(unknown))}")
    base, synth, true_lv, rand_lv = training_levels(seed, n_reports, n_intakes, faces, random_per_intake,
                                                    None, quiet)
    new = [k for k, c in enumerate(base.comparisons)
           if (c.name in refit if refit else c.name not in weights.comparisons)]
    if not new:
        return weights
    m, u, counts = [], [], []
    for k in new:
        n_lv = len(base.comparisons[k].levels)
        m.append(level_probabilities(true_lv[:, k], n_lv))
        u.append(level_probabilities(rand_lv[:, k], n_lv))
        counts.append((np.bincount(true_lv[:, k], minlength=n_lv).astype(float),
                       np.bincount(rand_lv[:, k], minlength=n_lv).astype(float)))

    class _Only:
        comparisons = [base.comparisons[k] for k in new]

    _progress("training index: chance agreements on exact keys…", quiet)
    exact_level_u(_Only, synth, build_synth_index(synth), u)   # type: ignore[arg-type]
    added = _weights_from(_Only, m, u, weights.p_intake_has_report, {}, counts)   # type: ignore[arg-type]
    weights.comparisons.update(added.comparisons)
    contamination = weights.meta.get("contamination") or {}
    for name in refit:
        if name in contamination:
            _contaminate_levels(weights, name, contamination[name])
    weights.meta.setdefault("refitted_levels" if refit else "added_comparisons", {}).update(
        {c.name: {"seed": seed, "reports": n_reports, "intakes": n_intakes,
                  "at": datetime.now(timezone.utc).isoformat(timespec="seconds")} for c in _Only.comparisons})
    return weights


def training_levels(seed: int, n_reports: int, n_intakes: int, faces: float, random_per_intake: int = 40,
                    comparisons=None, quiet: bool = False) -> tuple[MatchModel, SynthSet, np.ndarray, np.ndarray]:
    """The training set `estimate` draws (faces: the share of training reports
    with a synthetic face encoding, so the face comparison's levels are
    estimated too; calibration sets have none) and the levels of its true and
    random pairs, the same for the same arguments."""
    rng = random.Random(seed)
    base = MatchModel(comparisons, weights=Weights(), strict=False)
    synth = SynthSet(seed, n_reports, n_intakes, faces=faces)
    _progress(f"levels for true pairs and random pairs (seed {seed}, {n_reports} reports, "
              f"{n_intakes} intakes)…", quiet)
    true_lv, rand_lv = collect_levels(base, synth, random_per_intake, rng)
    return base, synth, true_lv, rand_lv


def estimate(seed: int = 101, n_reports: int = 20000, n_intakes: int = 8000,
             random_per_intake: int = 40, em: bool = False,
             calib_seed: int = 202, calib_reports: Sequence[int] = (20000, 100000, 1000000),
             calib_intakes: int = 12000, calib_top: int = 10, comparisons=None, calib_faces: float = CALIB_FACES,
             monotone: bool = True, faces: float = 0.6, quiet: bool = False,
             extra_levels: Sequence[tuple[str, np.ndarray, np.ndarray]] = ()) -> Weights:
    """extra_levels: (name, true-pair levels, random-pair levels) of other
    worlds (written by other hands, bench.estimate_worlds), pooled with ours for
    m and u: a weight fitted on one generator knows only its kinds of noise."""
    t0 = time.time()
    base, synth, true_lv, rand_lv = training_levels(seed, n_reports, n_intakes, faces, random_per_intake,
                                                    comparisons, quiet)
    own_true_lv = true_lv
    for name, t_lv, r_lv in extra_levels:
        _progress(f"pooled with {name}: {len(t_lv)} true pairs, {len(r_lv)} random pairs", quiet)
        true_lv = np.concatenate([true_lv, np.asarray(t_lv, dtype=true_lv.dtype)])
        rand_lv = np.concatenate([rand_lv, np.asarray(r_lv, dtype=rand_lv.dtype)])
    m, u, counts = [], [], []
    for k, comp in enumerate(base.comparisons):
        m.append(level_probabilities(true_lv[:, k], len(comp.levels)))
        u.append(level_probabilities(rand_lv[:, k], len(comp.levels)))
        counts.append((np.bincount(true_lv[:, k], minlength=len(comp.levels)).astype(float),
                       np.bincount(rand_lv[:, k], minlength=len(comp.levels)).astype(float)))
    p_has = sum(1 for _, t in synth.intakes if t.true_index is not None) / max(1, len(synth.intakes))
    meta = {
        "estimated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "method": "labelled synthetic pairs, Laplace smoothing" + (" + EM" if em else "")
                  + (", monotone over levels" if monotone else ""),
        "train": {"seed": seed, "reports": n_reports, "intakes": n_intakes, "faces": faces,
                  "true_pairs": int(len(true_lv)), "random_pairs": int(len(rand_lv))},
    }
    if extra_levels:
        meta["train"]["pooled_with"] = {name: {"true_pairs": int(len(t)), "random_pairs": int(len(r))}
                                        for name, t, r in extra_levels}
    _progress("training index, blocked non-pairs, chance agreements on exact keys…", quiet)
    train_index = build_synth_index(synth)
    exact_level_u(base, synth, train_index, u)
    train_matcher = Matcher(base, train_index, synth_fetch(synth), cap=50)
    blocked_lv = collect_blocked(base, train_matcher, synth)
    meta["train"]["blocked_pairs"] = int(len(blocked_lv))
    if em:
        _progress("EM refinement on blocked candidate pairs…", quiet)
        gammas = []
        for intake, _t in synth.intakes:
            ids, _ = train_matcher.candidates(intake, 50)
            fi = base.prepare_intake(intake)
            feats = train_matcher.prepared_reports(ids.tolist())
            gammas += [base.level_vector(fi, feats[i]) for i in ids.tolist() if i in feats]
        g = np.array(gammas, dtype=np.int64)
        lam0 = max(1e-4, len(true_lv) / max(1, len(g)))
        m, lam = em_refine(m, u, g, lam0)
        meta["em"] = {"pairs": int(len(g)), "match_rate": lam}
    weights = _weights_from(base, m, u, p_has, meta, counts, monotone)
    # overlapping evidence: conditional tables from random and blocked non-pairs
    weights.conditional = conditional_weights(base, true_lv, rand_lv, m, u, blocked_lv=blocked_lv)
    apply_contamination(weights)
    _progress("term-frequency references…", quiet)
    weights.tf = tf_references(base, synth, own_true_lv, train_matcher)
    _progress("name readings…", quiet)
    weights.adjust = reading_adjustments(base, synth, own_true_lv, train_matcher.index)
    weights.name_spectra = name_spectra(calib_seed, calib_reports, quiet)
    calibrate(weights, base.comparisons, calib_seed, calib_reports, calib_intakes, calib_top, quiet,
              faces=calib_faces)
    weights.meta["seconds"] = round(time.time() - t0, 1)
    return weights


def calibrate(weights: Weights, comparisons=None, calib_seed: int = 202,
              calib_reports: Sequence[int] = (20000, 100000, 1000000), calib_intakes: int = 12000,
              calib_top: int = 10, quiet: bool = False, faces: float = CALIB_FACES,
              face_intakes: int = CALIB_FACE_INTAKES, faces_only: bool = False) -> Weights:
    """Fit the calibration maps (in place) on other seeds, one per database size.

    Each size's map is fitted on a set without photos; pairs whose faces were
    compared get curves of their own from a second set where `faces` of the
    reports (and 90% of the intakes) have one. faces_only keeps the maps
    already in `weights` and refits only the face curves.
    """
    model = MatchModel(comparisons, weights)
    old = {m.get("reports"): m for m in (weights.calibration.get("maps") or [])} if faces_only else {}
    maps = []
    for n_cal in calib_reports:
        if faces_only and n_cal in old:
            cmap = old[n_cal]
        else:
            _progress(f"calibration set: seed {calib_seed}, {n_cal} reports, {calib_intakes} intakes…", quiet)
            x, y, lab = synth_calibration_pairs(model, SynthSet(calib_seed + n_cal, n_cal, calib_intakes), calib_top)
            cmap = fit_calibration(x, y, lab, name_strata(weights))
            cmap["reports"] = n_cal
        if faces > 0:
            seed = calib_seed + n_cal + FACE_SEED_SHIFT
            _progress(f"calibration set with photos: seed {seed}, {n_cal} reports, {face_intakes} intakes…", quiet)
            x, y, lab = synth_calibration_pairs(model, SynthSet(seed, n_cal, face_intakes, faces=faces), calib_top)
            add_face_curves(cmap, x, y, lab, name_strata(weights))
        maps.append(cmap)
    weights.calibration = {"method": "by_size", "sizes": list(calib_reports), "maps": maps,
                           "seed": calib_seed, "intakes": calib_intakes, "top": calib_top,
                           "faces": faces, "face_intakes": face_intakes if faces > 0 else 0}
    return weights


def synth_calibration_pairs(model: MatchModel, cal: SynthSet, top: int) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """calibration_pairs on a synthetic set, matched against its own index."""
    return calibration_pairs(Matcher(model, build_synth_index(cal), synth_fetch(cal)), cal, top)


def _is_face_curve(key: str) -> bool:
    return key == "face" or key.startswith(("face:", "L:" + FACE_STRATUM))


def keep_face_curves(cmap: dict, old: dict) -> None:
    """Copy the face curves (and face strata) of `old` into `cmap`, a map refitted
    on pairs without photos: the face curves come from sets of their own."""
    cmap["curves"].update({k: c for k, c in old["curves"].items() if _is_face_curve(k)})
    cmap["strata"].update({lab: k for lab, k in old["strata"].items() if lab.startswith(FACE_STRATUM)})


def add_face_curves(cmap: dict, x: np.ndarray, y: np.ndarray, labels: list[str], strata: dict[str, str]) -> None:
    """Add to a stratified map the curves of pairs whose faces were compared,
    stratified like the others ("face:strong", a level's own…), pooled as "face"."""
    sel = np.array([lab.startswith(FACE_STRATUM) for lab in labels], dtype=bool)
    if not sel.any():
        return
    face_strata = {FACE_STRATUM + lab: "face:" + group for lab, group in strata.items()}
    fmap = fit_calibration(x[sel], y[sel], [lab for lab, s in zip(labels, sel) if s], face_strata)
    for key in [k for k in cmap["curves"] if _is_face_curve(k)]:
        del cmap["curves"][key]          # refitting: drop the old face curves
    for key, curve in fmap["curves"].items():
        cmap["curves"]["face" if key == "all" else key] = curve
    for lab in [k for k in cmap["strata"] if k.startswith(FACE_STRATUM)]:
        del cmap["strata"][lab]
    for lab, key in fmap["strata"].items():
        cmap["strata"][lab] = "face" if key == "all" else key


def fill_unobserved(w: np.ndarray, nm: np.ndarray, nu: np.ndarray) -> np.ndarray:
    """A level never seen among pairs or non-pairs has no evidence of its own:
    it weighs what the next weaker observed level weighs (0 if none), the least
    its place in the level order allows. Laplace smoothing alone would give it
    log2(n_non_pairs / n_pairs), about +6 bits, for an agreement never seen:
    e.g. an accent label naming a city (the synthetic staff only name provinces)
    would count as strongly as a county said, on top of the county it implies."""
    out = w.astype(np.float64).copy()
    last = 0.0
    for lv in range(len(out)):
        if lv == NULL_LEVEL:
            continue
        if nm[lv] == 0 and nu[lv] == 0:
            out[lv] = last
        else:
            last = out[lv]
    return out


def weight_se(nm: np.ndarray, nu: np.ndarray) -> np.ndarray:
    """Approximate standard error (bits) of log2(m/u) from the level counts."""
    return np.sqrt(1.0 / (nm + 1.0) + 1.0 / (nu + 1.0)) / math.log(2)


def monotone_weights(w: np.ndarray, se: np.ndarray, z: float = 2.0) -> np.ndarray:
    """Keep levels in the author's order where the data cannot tell otherwise.

    Levels are ordered from weakest to strongest agreement. Adjacent blocks
    that break the order are pooled (inverse-variance weighted, as in
    isotonic regression) when the violation is within `z` standard errors,
    i.e. noise from sparse counts; a violation the data is sure of stays.
    """
    out = w.astype(np.float64).copy()
    blocks: list[list[float]] = []      # [sum w/var, sum 1/var, n levels]
    for x, e in zip(w[1:], se[1:]):
        iv = 1.0 / max(float(e), 1e-6) ** 2
        blocks.append([x * iv, iv, 1])
        while len(blocks) > 1:
            (s1, v1, _c1), (s2, v2, _c2) = blocks[-2], blocks[-1]
            m1, m2 = s1 / v1, s2 / v2
            if m1 <= m2 or (m1 - m2) > z * math.sqrt(1.0 / v1 + 1.0 / v2):
                break
            s, v, c = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += v
            blocks[-1][2] += c
    pos = 1
    for s, v, c in blocks:
        out[pos:pos + int(c)] = s / v
        pos += int(c)
    return out


def _weights_from(model: MatchModel, m: list[np.ndarray], u: list[np.ndarray], p_has: float,
                  meta: dict, counts: list[tuple[np.ndarray, np.ndarray]] | None = None,
                  monotone: bool = True) -> Weights:
    comps = {}
    for k, comp in enumerate(model.comparisons):
        w = np.log2(m[k] / u[k])
        w[NULL_LEVEL] = 0.0
        if counts is not None:
            w = fill_unobserved(w, *counts[k])
        if monotone and counts is not None:
            nm, nu = counts[k]
            w = monotone_weights(w, weight_se(nm, nu))
        levels = {}
        for lvl, label in enumerate(comp.levels):
            levels[label] = LevelWeight(float(m[k][lvl]), float(u[k][lvl]), float(w[lvl]))
        comps[comp.name] = levels
    return Weights(comparisons=comps, p_intake_has_report=p_has, calibration={"method": "identity"},
                   meta=dict(meta))


def contaminated_weight(weight: float, eps: float) -> float:
    """log2(m'/u) for m' = (1 - eps) m + eps u, from log2(m/u)."""
    return math.log2((1.0 - eps) * 2.0 ** weight + eps)


def apply_contamination(weights: Weights, eps_by_comparison: dict[str, float] = CONTAMINATION) -> Weights:
    """Every non-null level weight (and conditional cell) of these comparisons as if
    a share eps of true pairs had the field of a stranger (CONTAMINATION), in place.
    Recorded in meta; applying it to weights that already carry it is refused."""
    if weights.meta.get("contamination"):
        raise ValueError(f"weights already carry a contamination share: {weights.meta['contamination']}")
    for name, eps in eps_by_comparison.items():
        if not 0.0 <= eps < 1.0:
            raise ValueError(f"contamination share for {name} must be in [0, 1): {eps}")
        _contaminate_levels(weights, name, eps)
        _contaminate_conditional(weights, name, eps)
    weights.meta["contamination"] = dict(eps_by_comparison)
    return weights


def _contaminate_levels(weights: Weights, name: str, eps: float) -> None:
    for label, lw in weights.comparisons.get(name, {}).items():
        if label != "null":
            lw.m = (1.0 - eps) * lw.m + eps * lw.u
            lw.weight = contaminated_weight(lw.weight, eps)


def _contaminate_conditional(weights: Weights, name: str, eps: float) -> None:
    cond = weights.conditional.get(name)
    if cond:
        for cell in cond["weights"].values():
            for label in cell:
                if label != "null":
                    cell[label] = round(contaminated_weight(cell[label], eps), 4)


def refit_tf_references(weights: Weights, seed: int, n_reports: int, n_intakes: int, faces: float,
                        quiet: bool = False) -> Weights:
    """Only the term-frequency references again (in place), on the training set
    `estimate` draws from the same arguments: for a level newly given a
    term-frequency key, without re-estimating every weight and map."""
    base = MatchModel(None, weights=Weights(), strict=False)
    synth = SynthSet(seed, n_reports, n_intakes, faces=faces)
    _progress(f"true pairs' levels (seed {seed}, {n_reports} reports, {n_intakes} intakes)…", quiet)
    true_lv, _ = collect_levels(base, synth, 0, random.Random(seed))
    _progress("training index, term-frequency references…", quiet)
    matcher = Matcher(base, build_synth_index(synth), synth_fetch(synth), cap=50)
    weights.tf = tf_references(base, synth, true_lv, matcher)
    return weights


def refit_conditional(weights: Weights, seed: int, n_reports: int, n_intakes: int, faces: float,
                      random_per_intake: int = 40, quiet: bool = False) -> Weights:
    """Only the conditional tables again (in place), on the training set `estimate`
    draws from the same arguments: after a change to how they are estimated."""
    base, synth, true_lv, rand_lv = training_levels(seed, n_reports, n_intakes, faces, random_per_intake,
                                                    quiet=quiet)
    m = [level_probabilities(true_lv[:, k], len(c.levels)) for k, c in enumerate(base.comparisons)]
    u = [level_probabilities(rand_lv[:, k], len(c.levels)) for k, c in enumerate(base.comparisons)]
    _progress("training index, blocked non-pairs…", quiet)
    matcher = Matcher(base, build_synth_index(synth), synth_fetch(synth), cap=50)
    blocked_lv = collect_blocked(base, matcher, synth)
    weights.conditional = conditional_weights(base, true_lv, rand_lv, m, u, blocked_lv=blocked_lv)
    for name, eps in (weights.meta.get("contamination") or {}).items():
        _contaminate_conditional(weights, name, eps)      # as the file's own levels are
    return weights


def name_spectra(seed: int, sizes: Sequence[int], quiet: bool = False) -> dict:
    """How names repeat in the synthetic world at each size (name_frequency.py):
    the reference a database's own name spectrum is read against. Measured on
    the calibration sets' own reports (seed + size, as `calibrate` draws them),
    so those sets get no correction at all."""
    from collections import Counter

    from .keys import report_name_keys
    from .name_frequency import KINDS, MAX_DF, ratios, spectrum

    table: dict[str, list] = {kind: [] for kind in KINDS}
    for size in sizes:
        t0 = time.time()
        df: Counter = Counter()
        for _i, report, _truth in SynthSet(seed + size, size, 1).reports():
            df.update(k for k in report_name_keys(report) if k[:2] in KINDS)
        for kind in KINDS:
            g = ratios(spectrum((c for k, c in df.items() if k.startswith(kind)), MAX_DF))
            table[kind].append([None if x is None else round(x, 4) for x in g])
        _progress(f"name spectra at {size}: {time.time() - t0:.0f} s", quiet)
    return {"seeds": [seed + size for size in sizes], "sizes": list(sizes), "ratios": table}


def chance_reference(weights: Weights, seed: int, sizes: Sequence[int], n_intakes: int,
                     quiet: bool = False) -> dict:
    """How often runners-up reach each score on the calibration sets (seed +
    size, as `calibrate` draws them; their first `n_intakes` intakes), scored
    with these weights and no chance shift: the reference a database's own
    runner-up counts are read against (chance.py)."""
    from .chance import ChanceTail, reference_spec

    model = MatchModel(weights=weights)
    per_size = []
    for size in sizes:
        t0 = time.time()
        synth = SynthSet(seed + size, size, n_intakes)
        matcher = Matcher(model, build_synth_index(synth), synth_fetch(synth))
        tail = ChanceTail()
        with fewer_full_collections():
            for intake, _truth in synth.intakes:
                matcher.rank(intake, top=1, tail=tail)
        per_size.append((size, tail))
        _progress(f"chance tail at {size}: {' '.join(f'{r:.3f}' for r in tail.rates())} per intake "
                  f"({time.time() - t0:.0f} s)", quiet)
    return reference_spec(per_size, [seed + size for size in sizes])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Re-estimate matching weights from synthetic data")
    ap.add_argument("--out", default="matchers/weights.json")
    ap.add_argument("--seed", type=int, default=101)
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--intakes", type=int, default=8000)
    ap.add_argument("--em", action="store_true", help="refine m by EM on candidate pairs")
    ap.add_argument("--calib-seed", type=int, default=202)
    ap.add_argument("--calib-reports", default="20000,100000,1000000",
                    help="comma-separated sizes of the calibration sets")
    ap.add_argument("--calib-intakes", type=int, default=12000)
    ap.add_argument("--faces", type=float, default=0.6,
                    help="share of training reports with a synthetic face (0 = no face weights)")
    ap.add_argument("--no-monotone", action="store_true",
                    help="keep raw log2(m/u) even where it contradicts the level order")
    ap.add_argument("--recalibrate", metavar="WEIGHTS",
                    help="keep the weights of this file, only fit the calibration again")
    ap.add_argument("--calib-faces", type=float, default=CALIB_FACES,
                    help="share of reports with a photo in the calibration sets for pairs with faces "
                         "(0 = no face curves)")
    ap.add_argument("--calib-face-intakes", type=int, default=CALIB_FACE_INTAKES)
    ap.add_argument("--faces-only", action="store_true",
                    help="with --recalibrate: keep the maps of the file, refit only the face curves")
    ap.add_argument("--spectra", metavar="WEIGHTS",
                    help="keep everything of this file, only measure how names repeat in the "
                         "synthetic world at the calibration sizes (name_frequency.py)")
    ap.add_argument("--tf", metavar="WEIGHTS",
                    help="keep everything of this file, only re-measure the term-frequency references "
                         "(after a level gets a term-frequency key in engine.TF_LEVEL_KEYS)")
    ap.add_argument("--add-levels", metavar="WEIGHTS",
                    help="keep everything of this file, only estimate the levels of comparisons it has no "
                         "weights for (a matcher just added to model.default_comparisons)")
    ap.add_argument("--refit-levels", metavar="WEIGHTS",
                    help="keep everything of this file, only estimate again the level weights of the "
                         "comparisons named by --comparisons (after the generator changed their field)")
    ap.add_argument("--comparisons", default="", help="comma-separated comparison names for --refit-levels")
    ap.add_argument("--conditional", metavar="WEIGHTS",
                    help="keep everything of this file, only re-estimate the conditional tables")
    ap.add_argument("--chance-tail", metavar="WEIGHTS",
                    help="keep everything of this file, only measure how often runners-up reach each score "
                         "on the calibration sets (chance.py; --chance-intakes per size)")
    ap.add_argument("--chance-intakes", type=int, default=4000)
    ap.add_argument("--contamination", metavar="WEIGHTS",
                    help="keep everything of this file, only apply CONTAMINATION (fields of a stranger "
                         "in a share of true pairs) to its weights and measure the runners-up again "
                         "(--chance-tail), as they move with the weights")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    sizes = tuple(int(s) for s in args.calib_reports.split(",") if s.strip())
    # the runners-up move with the weights: measured again after contamination
    for path, change in ((args.contamination, apply_contamination), (args.chance_tail, lambda w: w)):
        if path:
            t0 = time.time()
            w = change(Weights.load(path))
            w.chance_tail = chance_reference(w, args.calib_seed, sizes, args.chance_intakes, args.quiet)
            w.save(args.out)
            print(f"wrote {args.out} ({time.time() - t0:.0f} s)")
            return 0
    # keep everything of the file but one part, refitted on the training set `estimate` draws
    if args.refit_levels:
        names = [n.strip() for n in args.comparisons.split(",") if n.strip()]
        if not names:
            ap.error("--refit-levels needs --comparisons NAME[,NAME]")
        t0 = time.time()
        w = add_comparison_levels(Weights.load(args.refit_levels), args.seed, args.reports, args.intakes,
                                  args.faces, quiet=args.quiet, refit=names)
        w.save(args.out)
        print(f"wrote {args.out} ({time.time() - t0:.0f} s)")
        return 0
    for path, refit in ((args.add_levels, add_comparison_levels), (args.conditional, refit_conditional),
                        (args.tf, refit_tf_references)):
        if path:
            t0 = time.time()
            w = refit(Weights.load(path), args.seed, args.reports, args.intakes, args.faces, quiet=args.quiet)
            w.save(args.out)
            print(f"wrote {args.out} ({time.time() - t0:.0f} s)")
            return 0
    if args.spectra:
        t0 = time.time()
        w = Weights.load(args.spectra)
        w.name_spectra = name_spectra(args.calib_seed, sizes, args.quiet)
        w.save(args.out)
        print(f"wrote {args.out} ({time.time() - t0:.0f} s)")
        return 0
    if args.recalibrate:
        t0 = time.time()
        w = calibrate(Weights.load(args.recalibrate), None, args.calib_seed, sizes, args.calib_intakes,
                      quiet=args.quiet, faces=args.calib_faces, face_intakes=args.calib_face_intakes,
                      faces_only=args.faces_only)
        w.meta["recalibrated_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
        w.save(args.out)
        print(f"wrote {args.out} ({time.time() - t0:.0f} s)")
        return 0
    w = estimate(args.seed, args.reports, args.intakes, em=args.em, calib_seed=args.calib_seed,
                 calib_reports=sizes, calib_intakes=args.calib_intakes, calib_faces=args.calib_faces,
                 monotone=not args.no_monotone, faces=args.faces, quiet=args.quiet)
    w.save(args.out)
    if not args.quiet:
        for name, levels in w.comparisons.items():
            print(name, " ".join(f"{lab}={lw.weight:+.1f}" for lab, lw in levels.items()))
        print(f"wrote {args.out} ({w.meta['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
