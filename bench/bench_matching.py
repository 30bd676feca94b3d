"""Matching benchmark: the engine against naive full scans, and the clue ceiling.

For each size, on one synthetic set (seed held out from the weight
estimation), in the same process:
- engine: CandidateIndex pre-rank + MatchModel (calibrated probability);
- naive full scans over every report's name: exact name; rapidfuzz ratio
  over hanzi; rapidfuzz ratio over toneless pinyin;
- clue ceiling: the rank the true report would get if reports were only told
  apart by being consistent with every clue the generator left (sex, age
  within its noise, accent region, place hints, name sound, timeline), ties
  broken by shared marks then age/height closeness (expected recall under a
  random order of exact ties). The oracle knows which clues the generator
  corrupted (a flipped sex, a misheard accent, a wrongly named county) and
  ignores them, so it is an upper bound for filtering on clues.

Prints tables and writes build/bench/matching.json.

    python -m bench.bench_matching --sizes 20000,100000,1000000
    python -m bench.bench_matching --quick
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import resource
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import numpy as np
from pypinyin import Style, lazy_pinyin
from rapidfuzz import fuzz, process

from bench.shifted_world import ShiftedSynthSet
from matchers.batch import fewer_full_collections
from matchers.estimate import band_counts, log_loss, wilson
from matchers.chance import EDGES, ChanceTail
from matchers.engine import Matcher
from matchers.index import CandidateIndex
from matchers.model import MatchModel
from matchers.synth import (CATEGORIES, FULL_NAME_CATEGORIES, SynthSet, counties, name_sound, reading,
                            stable_hash)

EVAL_SEED = 909
OUT = Path("build/bench/matching.json")
CEILING_CATEGORIES = ("given_only", "nickname", "none")
AGE_NOISE = 10          # the generator's largest age misjudgement
NO_VALUE = 50           # tie-break distance when a value is unknown
# --world: the generator the weights were estimated on, or the same people written
# with other phrasing and noise (bench.shifted_world), to see how the engine holds up
WORLDS = {"synth": SynthSet, "shifted": ShiftedSynthSet}


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# ----------------------------------------------------------------------------- baselines


def toneless(text: str) -> str:
    """What a generic tool does with a name: pinyin without tones or spaces."""
    s = unicodedata.normalize("NFKC", text or "")
    if any("\u4e00" <= c <= "\u9fff" for c in s):
        return "".join(lazy_pinyin(s, style=Style.NORMAL, errors="ignore")).lower().replace("ü", "v")
    s = unicodedata.normalize("NFKD", s.replace("ü", "v").replace("Ü", "v"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z]", "", s.lower())


class Baselines:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.pinyin: list[str] = []
        self.exact: dict[str, list[int]] = defaultdict(list)

    def add(self, i: int, name: str) -> None:
        self.names.append(name)
        self.pinyin.append(toneless(name))
        self.exact[name].append(i)

    def query(self, kind: str, name: str, k: int = 10) -> list[int]:
        q = (name or "").strip()
        if not q:
            return []
        if kind == "exact":
            return self.exact.get(q, [])[:k]
        if kind == "fuzzy_hanzi":
            return [i for _s, _sc, i in process.extract(q, self.names, scorer=fuzz.ratio, limit=k)]
        p = toneless(q)
        if not p:
            return []
        return [i for _s, _sc, i in process.extract(p, self.pinyin, scorer=fuzz.ratio, limit=k)]


# ----------------------------------------------------------------------------- clue ceiling

_MARK_CODES: dict[tuple[str, str], int] = {}


def _mark_code(kind: str, part: str) -> int:
    return _MARK_CODES.setdefault((kind, part), len(_MARK_CODES) + 1)


class Ceiling:
    """Per-report truth columns and the consistency oracle."""

    def __init__(self, n: int) -> None:
        self.sex = np.zeros(n, dtype=np.int8)
        self.birth_year = np.zeros(n, dtype=np.int16)
        self.height = np.zeros(n, dtype=np.int16)
        self.missing = np.zeros(n, dtype=np.int32)
        self.county = np.zeros(n, dtype=np.int16)
        self.town = np.zeros(n, dtype=np.uint32)
        self.village = np.zeros(n, dtype=np.uint32)
        self.full = np.zeros(n, dtype=np.uint32)
        self.given = np.zeros(n, dtype=np.uint32)
        self.given_last = np.zeros(n, dtype=np.uint32)
        self.given_first = np.zeros(n, dtype=np.uint32)
        self.surname = np.zeros(n, dtype=np.uint32)
        self.alt = np.zeros(n, dtype=np.uint32)
        self.marks = np.zeros((n, 3), dtype=np.int16)
        self.phone = np.zeros(n, dtype=np.uint32)      # the family's number, when the report shows it
        cs = counties()
        self._county_idx = {c.code: k for k, c in enumerate(cs)}
        self._counties = cs
        self.prov_of_county = np.array([int(c.prov_code) for c in cs], dtype=np.int16)

    def add(self, i: int, rep, truth) -> None:
        p = truth.person
        self.sex[i] = 1 if rep.sex == "男" else 2
        self.birth_year[i] = truth.birth_year
        self.height[i] = truth.listed_height
        self.missing[i] = rep.missing_date.toordinal()
        self.county[i] = self._county_idx[p.county.code]
        home = rep.hometown
        self.town[i] = stable_hash(p.town[:-1]) if p.town in home else 0
        self.village[i] = stable_hash(p.village) if p.village in home else 0
        self.full[i] = stable_hash(name_sound(p.surname + p.given))
        self.given[i] = stable_hash(name_sound(p.given))
        self.given_last[i] = stable_hash(reading(p.given[-1]))
        self.given_first[i] = stable_hash(reading(p.given[0]))
        self.surname[i] = stable_hash(name_sound(p.surname))
        self.alt[i] = stable_hash(truth.alt_names[0]) if truth.alt_names else 0
        for k, m in enumerate(truth.listed_marks[:3]):
            self.marks[i, k] = _mark_code(m.kind, m.part)
        if rep.contact_phone:
            self.phone[i] = stable_hash(self._family_phone(i))

    family_phone = None         # SynthSet.family_phone of the world, set by the benchmark

    def _family_phone(self, i: int) -> str:
        return self.family_phone(i) if self.family_phone is not None else ""

    def _counties_for(self, kind: str, text: str) -> np.ndarray:
        if kind in ("county", "wrong"):
            ok = [k for k, c in enumerate(self._counties) if text in (c.name, c.short)]
        elif kind == "pref":
            ok = [k for k, c in enumerate(self._counties) if c.pref and text in (c.pref, _short(c.pref))]
        else:  # old
            ok = [k for k, c in enumerate(self._counties) if text in c.old_names]
        mask = np.zeros(len(self._counties), dtype=bool)
        mask[ok] = True
        return mask

    def rank_probability(self, t, ks=(1, 10)) -> dict[int, float]:
        """Expected recall@k of the true report under the oracle (random tie order)."""
        n = len(self.sex)
        ok = np.ones(n, dtype=bool)
        if t.sex and not t.sex_flipped:
            ok &= self.sex == (1 if t.sex == "男" else 2)
        fy = t.found.year
        if t.age_lo is not None:
            age = fy - self.birth_year.astype(np.int32)
            known = self.birth_year > 0
            ok &= ~known | ((age >= t.age_lo - AGE_NOISE - 1) & (age <= t.age_hi + AGE_NOISE))
        ok &= self.missing <= t.found.toordinal() + 366
        if t.dialect_provinces and not t.accent_misheard:
            provs = np.isin(self.prov_of_county, [int(x) for x in t.dialect_provinces])
            ok &= provs[self.county]
        for kind, text in t.hint_clues:
            if kind in ("county", "pref", "old"):
                ok &= self._counties_for(kind, text)[self.county]
            elif kind == "town":
                # a report that names no town cannot contradict the hint
                ok &= (self.town == 0) | (self.town == stable_hash(text.removesuffix("镇").removesuffix("乡")))
            elif kind == "village":
                ok &= (self.village == 0) | (self.village == stable_hash(text))
            elif kind == "province":
                codes = {int(c.prov_code) for c in self._counties if text.startswith(c.prov_short)}
                ok &= np.isin(self.prov_of_county, list(codes))[self.county]
        if getattr(t, "family_phone", ""):
            # a report that shows no number cannot contradict the one recited
            ok &= (self.phone == 0) | (self.phone == stable_hash(t.family_phone))
        if t.name_clue is not None:
            kind, value = t.name_clue
            col = {"full": self.full, "given": self.given, "given_last": self.given_last,
                   "given_first": self.given_first,
                   "surname": self.surname, "alt": self.alt}[kind]
            ok &= col == stable_hash(value)
        # tie-break: shared marks (more first), then age gap, then height gap
        codes = [_mark_code(m.kind, m.part) for m in t.true_marks]
        shared = np.zeros(n, dtype=np.int32)
        for c in set(codes):
            shared += (self.marks == c).any(axis=1)
        mid = None if t.age_lo is None else (t.age_lo + t.age_hi) / 2
        age_gap = np.full(n, NO_VALUE, dtype=np.float32)
        if mid is not None:
            known = self.birth_year > 0
            age_gap[known] = np.abs(fy - self.birth_year[known] - 0.5 - mid)
        h_gap = np.full(n, NO_VALUE, dtype=np.float32)
        if t.height:
            known = self.height > 0
            h_gap[known] = np.abs(self.height[known] - t.height)
        key = -shared * 10_000.0 + np.round(age_gap) * 100.0 + np.round(h_gap)
        i = t.true_index
        tk = key[i]
        true_ok = bool(ok[i])
        pool = ok if true_ok else ~ok
        offset = 0 if true_ok else int(ok.sum())
        better = int((pool & (key < tk)).sum()) + offset
        equal = int((pool & (key == tk)).sum()) - 1
        return {k: float(np.clip((k - better) / (equal + 1), 0.0, 1.0)) for k in ks}


def _short(name: str) -> str:
    from matchers.synth import short_place

    return short_place(name)


# ----------------------------------------------------------------------------- one size


def run_size(n_reports: int, n_intakes: int, seed: int, model: MatchModel, cap: int,
             baselines_on: bool = True, quiet: bool = False, faces: float = 0.0,
             dump: str | None = None, compare_intakes: int | None = None,
             world: str = "synth", chance: bool = True) -> dict:
    log = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    synth = WORLDS[world](seed, n_reports, n_intakes, faces=faces)
    log(f"[{n_reports}] generating reports, baselines, ceiling columns…")
    t0 = time.time()
    base = Baselines()
    ceil = Ceiling(n_reports)
    ceil.family_phone = getattr(synth, "family_phone", None)
    for i, rep, truth in synth.reports():
        if baselines_on:
            base.add(i, rep.name)
        ceil.add(i, rep, truth)
    t_gen = time.time() - t0

    log(f"[{n_reports}] building the index…")
    gen_time = [0.0]

    def rows():
        for i in range(n_reports):
            g0 = time.perf_counter()
            rep, _t = synth.report_at(i)
            gen_time[0] += time.perf_counter() - g0
            yield i, rep

    gc.collect()
    t0 = time.perf_counter()
    index = CandidateIndex.build(rows())
    build_s = time.perf_counter() - t0 - gen_time[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "index.npz")
        t0 = time.perf_counter()
        index.save(path)
        save_s = time.perf_counter() - t0
        size_mb = os.path.getsize(path) / 1e6
        t0 = time.perf_counter()
        index = CandidateIndex.load(path)
        load_s = time.perf_counter() - t0
    index_mb = index.memory_bytes() / 1e6

    fetch = lambda ids: {i: synth.report_at(i)[0] for i in ids}  # noqa: E731 (the "database")
    matcher = Matcher(model, index, fetch, cap=cap)
    intakes = synth.intakes
    # recall is compared (engine, baselines, ceiling) on the first `compare_intakes`;
    # false alarms and calibration use every intake: their bands need many pairs
    n_cmp = len(intakes) if not compare_intakes else min(compare_intakes, len(intakes))
    methods = ["engine"] + (["exact", "fuzzy_hanzi", "fuzzy_pinyin"] if baselines_on else [])
    ranks: dict[str, list[int | None]] = {m: [] for m in methods}
    times: dict[str, float] = {m: 0.0 for m in methods}
    fetch_time = 0.0
    top_prob: list[float] = []
    calib: list[tuple[float, int]] = []
    dumped: list[dict] = []
    log(f"[{n_reports}] matching {len(intakes)} intakes…")
    tail = ChanceTail()
    ranked = []
    # as `tracing match --all`, the loop runs as a batch (matchers/batch.py); the
    # baselines' scans run inside it too, interleaved, so they get the same heap
    with fewer_full_collections():
        for intake, truth in intakes:
            t0 = time.perf_counter()
            res = matcher.rank(intake, top=10, tail=tail)
            times["engine"] += time.perf_counter() - t0
            ranked.append(res)
            ranks["engine"].append(_rank([m.report_id for m in res], truth.true_index))
            for kind in methods[1:] if len(ranks["engine"]) <= n_cmp else ():
                t0 = time.perf_counter()
                got = base.query(kind, intake.name)
                times[kind] += time.perf_counter() - t0
                ranks[kind].append(_rank(got, truth.true_index))
    # the fetch callback regenerates synthetic reports (~20 µs each): it stands for the
    # database, so measure it to report the engine's own time too
    with fewer_full_collections():      # as the ranking loop ran
        t0 = time.perf_counter()
        for intake, _t in intakes[:50]:
            ids, _ = matcher.candidates(intake)
            fetch(ids.tolist())
        fetch_time = (time.perf_counter() - t0) / max(1, min(50, len(intakes)))

    # as `tracing match --all`: the database's runner-ups measured, the stored
    # probabilities re-derived under the chance shift they give (chance.py)
    shift = matcher.measured_shift(tail) if chance else None
    for (intake, truth), res in zip(intakes, ranked):
        if shift is not None:
            res = matcher.recalibrate(res, shift)
        top_prob.append(res[0].score.probability if res else 0.0)
        for k, m in enumerate(res):
            is_true = int(truth.true_index is not None and m.report_id == truth.true_index)
            calib.append((m.score.probability, is_true))
            if dump is not None and (0.2 <= m.score.probability < 0.9 or (
                    k == 0 and truth.true_index is None and m.score.probability >= 0.5)):
                dumped.append(_dump_row(intake, truth, fetch([m.report_id])[m.report_id], m, k + 1, is_true))

    log(f"[{n_reports}] clue ceiling…")
    t0 = time.perf_counter()
    ceiling = []
    for _intake, truth in intakes:
        ceiling.append(ceil.rank_probability(truth) if truth.true_index is not None else None)
    ceiling_s = time.perf_counter() - t0

    cats = [t.category for _, t in intakes]
    has = [t.true_index is not None for _, t in intakes]
    out = {
        "reports": n_reports, "intakes": len(intakes), "compared_intakes": n_cmp, "seed": seed, "faces": faces,
        "world": world,
        "intakes_with_report": int(sum(has)),
        "generation_s": round(t_gen, 1),
        "index": {"build_s": round(build_s, 1), "save_s": round(save_s, 2), "load_s": round(load_s, 2),
                  "file_mb": round(size_mb, 1), "memory_mb": round(index_mb, 1), "keys": len(index.vocab),
                  "postings": int(len(index.fwd_keys))},
        "methods": {},
        "ceiling_s": round(ceiling_s, 1),
        "chance": {"tail": tail.to_json(), "shift": None if shift is None else shift.to_json()},
    }
    raw = {"ranks": ranks["engine"], "cats": cats, "has": has, "top_prob": top_prob, "calib": calib,
           "ceiling": ceiling}
    n = len(intakes)
    eng = engine_quality(raw)
    out["ceiling"] = eng.pop("ceiling")
    eng["ms_per_intake"] = round(1000 * times["engine"] / max(n, 1), 2)
    out["methods"]["engine"] = eng
    for m in methods[1:]:
        # the slow baseline scans ran on the first n_cmp intakes
        out["methods"][m] = _recall_table(ranks[m][:n_cmp], cats[:n_cmp], has[:n_cmp])
        out["methods"][m]["ms_per_intake"] = round(1000 * times[m] / max(n_cmp, 1), 2)
    if n_cmp < n:
        out["engine_on_baseline_intakes"] = _recall_table(ranks["engine"][:n_cmp], cats[:n_cmp], has[:n_cmp])
    eng["fetch_ms_per_intake"] = round(1000 * fetch_time, 2)
    eng["ms_per_intake_without_fetch"] = round(eng["ms_per_intake"] - 1000 * fetch_time, 2)
    if "fuzzy_pinyin" in out["methods"]:
        eng["time_ratio_vs_pinyin_scan"] = round(
            eng["ms_per_intake"] / max(out["methods"]["fuzzy_pinyin"]["ms_per_intake"], 1e-9), 3)
    eng["all_500_intakes_s"] = round(times["engine"] * 500 / max(n, 1), 1)
    out["_raw"] = raw
    out["peak_rss_mb"] = round(rss_mb(), 0)
    if dump is not None:
        path = Path(dump).with_suffix(f".{n_reports}.jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            for row in dumped:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        log(f"[{n_reports}] wrote {len(dumped)} mid-band / false-alarm pairs to {path}")
    return out


def engine_quality(raw: dict) -> dict:
    """The engine's quality figures from per-intake outcomes (one seed or
    several pooled): recall by category, false alarms with their 95% interval,
    calibration bands, threshold-free figures, and the clue ceiling."""
    ranks, cats, has, top_prob = raw["ranks"], raw["cats"], raw["has"], raw["top_prob"]
    eng = _recall_table(ranks, cats, has)
    no_true = [p for p, h in zip(top_prob, has) if not h]
    fa = sum(p >= 0.5 for p in no_true)
    eng["false_alarm_rate"] = round(fa / max(1, len(no_true)), 4)
    eng["false_alarms"] = int(fa)
    eng["no_report_intakes"] = len(no_true)
    lo, hi = wilson(fa, len(no_true))
    eng["false_alarm_ci95"] = [round(lo, 4), round(hi, 4)]
    # where the false alarms come from: the name the no-report intake gave
    eng["false_alarms_by_category"] = {
        cat: {"n": sum(1 for c, h in zip(cats, has) if not h and c == cat),
              "false_alarms": sum(1 for p, c, h in zip(top_prob, cats, has) if not h and c == cat and p >= 0.5)}
        for cat in CATEGORIES}
    eng["calibration"] = calibration_bands(raw["calib"])
    eng.update(discrimination(top_prob, ranks, has, raw["calib"]))
    eng["ceiling"] = {}
    for cat in CATEGORIES:
        vals = [c for c, k, h in zip(raw["ceiling"], cats, has) if h and k == cat]
        if vals:
            eng["ceiling"][cat] = {"n": len(vals),
                                   "recall@1": round(float(np.mean([v[1] for v in vals])), 4),
                                   "recall@10": round(float(np.mean([v[10] for v in vals])), 4)}
    return eng


def pooled(results: list[dict]) -> dict:
    """One size's quality over several seeds (each seed its own synthetic world):
    a seed's false-alarm count moves by about +-1 point at 1M, so one seed can
    look better or worse than the engine is."""
    raw = {k: [x for r in results for x in r["_raw"][k]] for k in results[0]["_raw"]}
    quality = engine_quality(raw)
    return {"reports": results[0]["reports"], "world": results[0]["world"], "seeds": [r["seed"] for r in results],
            "intakes": sum(r["intakes"] for r in results),
            "intakes_with_report": sum(r["intakes_with_report"] for r in results),
            "ceiling": quality.pop("ceiling"), "engine": quality,
            "false_alarms_by_seed": {str(r["seed"]): [r["methods"]["engine"]["false_alarms"],
                                                      r["methods"]["engine"]["no_report_intakes"]]
                                     for r in results}}


def explained_pair(intake, report, match, rank: int, is_true: bool, has_report: bool) -> dict:
    """One scored pair, readable: for studying false alarms and calibration
    (also `bench.eval_world --dump`)."""
    return {
        "p": round(match.score.probability, 3), "raw": round(match.score.total_weight, 2), "rank": rank,
        "true": int(is_true), "has_report": has_report,
        "levels": {c.comparison: c.label for c in match.score.components},
        "intake": {"ref": intake.ref, "name": intake.name, "sex": intake.sex,
                   "age": [intake.age_min, intake.age_max], "dialect": intake.dialect,
                   "hints": intake.place_hints, "features": intake.features, "found": intake.found_place},
        "report": {"ref": report.ref, "name": report.name, "alt": report.alt_names, "sex": report.sex,
                   "birth_year": report.birth_year, "hometown": report.hometown,
                   "missing": report.missing_place, "features": report.features},
        "why": match.score.explain(),
    }


def _dump_row(intake, truth, report, match, rank: int, is_true: int) -> dict:
    return {**explained_pair(intake, report, match, rank, bool(is_true), truth.true_index is not None),
            "category": truth.category}


def _rank(ids: list[int], true: int | None) -> int | None:
    if true is None:
        return None
    try:
        return ids.index(true) + 1
    except ValueError:
        return 0   # not in the list


def _recall_table(ranks: list[int | None], cats: list[str], has: list[bool]) -> dict:
    def rec(sel, k):
        rs = [r for r, s in zip(ranks, sel) if s]
        return (round(sum(1 for r in rs if r and r <= k) / len(rs), 4), len(rs)) if rs else (None, 0)

    sel_all = has
    full = [h and c in FULL_NAME_CATEGORIES for c, h in zip(cats, has)]
    out = {"recall@1": rec(sel_all, 1)[0], "recall@10": rec(sel_all, 10)[0],
           "full_name": {"n": rec(full, 1)[1], "recall@1": rec(full, 1)[0], "recall@10": rec(full, 10)[0]},
           "by_category": {}}
    for cat in CATEGORIES:
        sel = [h and c == cat for c, h in zip(cats, has)]
        r1, n = rec(sel, 1)
        if n:
            out["by_category"][cat] = {"n": n, "recall@1": r1, "recall@10": rec(sel, 10)[0]}
    return out


def discrimination(top_prob: list[float], ranks: list[int | None], has: list[bool],
                   pairs: list[tuple[float, int]]) -> dict:
    """Threshold-free figures, far less noisy than a count at 0.5: how well the
    best candidate's score tells "found the family" (true report ranked first)
    from "has no report" (AUC), the share of intakes with a report whose true
    report is first with >= 0.5 (what the false alarms are traded against), and
    the log-loss of all top-10 probabilities (a proper score: lower is better)."""
    hit = [p for p, r, h in zip(top_prob, ranks, has) if h and r == 1]
    none = np.sort(np.array([p for p, h in zip(top_prob, has) if not h], dtype=np.float64))
    auc = float("nan")
    if hit and len(none):
        below = np.searchsorted(none, hit, side="left")
        ties = np.searchsorted(none, hit, side="right") - below
        auc = float(np.mean((below + 0.5 * ties) / len(none)))
    p = np.array([q for q, _ in pairs], dtype=np.float64)
    y = np.array([t for _, t in pairs], dtype=np.float64)
    loss = log_loss(p, y) if len(p) else float("nan")
    n_has = max(1, sum(has))
    return {"auc_found_vs_no_report": round(auc, 4),
            "found_at_0.5": round(sum(1 for q in hit if q >= 0.5) / n_has, 4),
            "top10_log_loss": round(loss, 5)}


def calibration_bands(pairs: list[tuple[float, int]]) -> list[dict]:
    """Share of true pairs per 0.1 score band, with its 95% Wilson interval."""
    rows = []
    for b, (n, k) in enumerate(band_counts((p, y) for p, y in pairs if 0.0 <= p <= 1.0)):
        lo, hi = b / 10, (b + 1) / 10
        if n:
            share = k / n
            # 95% Wilson interval of the share: with a few dozen pairs a band
            # cannot be told within 0.1 of its middle at all
            w_lo, w_hi = wilson(k, n)
            rows.append({"band": f"{lo:.1f}-{hi:.1f}", "n": n, "true_share": round(share, 3),
                         "ci95": round((w_hi - w_lo) / 2, 3),
                         "within_0.1": abs(share - (lo + 0.05)) <= 0.1})
    return rows


# ----------------------------------------------------------------------------- printing


def print_report(res: dict) -> None:
    n = res["reports"]
    world = "" if res.get("world", "synth") == "synth" else f", {res['world']} world"
    print(f"\n=== {n:,} reports, {res['intakes']} intakes ({res['intakes_with_report']} with a true report), "
          f"seed {res['seed']}{world} ===")
    if res.get("compared_intakes", res["intakes"]) < res["intakes"]:
        print(f"engine and clue ceiling on all {res['intakes']} intakes; the baseline scans on the first "
              f"{res['compared_intakes']} (engine on those: full name r@1/r@10 "
              f"{_f(res['engine_on_baseline_intakes']['full_name']['recall@1'])}/"
              f"{_f(res['engine_on_baseline_intakes']['full_name']['recall@10'])})")
    shift = (res.get("chance") or {}).get("shift")
    print("chance shift (bits off at log2-odds " + " ".join(f"{e:+.0f}" for e in EDGES) + "): "
          + ("none" if not shift else " ".join(f"{b:.2f}" for b in shift["bits"])))
    ix = res["index"]
    print(f"index: build {ix['build_s']} s, {ix['keys']:,} keys, {ix['postings']:,} postings, "
          f"memory ~{ix['memory_mb']} MB, file {ix['file_mb']} MB, load {ix['load_s']} s; "
          f"peak RSS {res['peak_rss_mb']:.0f} MB (whole benchmark process)")
    cols = ["all", "full_name"] + list(CATEGORIES)
    print(f"{'method':<14}{'ms/intake':>10}  " + "  ".join(f"{c:>13}" for c in cols))
    print(f"{'':<14}{'':>10}  " + "  ".join(f"{'r@1 / r@10':>13}" for _ in cols))
    for m, r in res["methods"].items():
        cells = [f"{_f(r['recall@1'])}/{_f(r['recall@10'])}",
                 f"{_f(r['full_name']['recall@1'])}/{_f(r['full_name']['recall@10'])}"]
        for c in CATEGORIES:
            v = r["by_category"].get(c)
            cells.append(f"{_f(v['recall@1'])}/{_f(v['recall@10'])}" if v else "-")
        print(f"{m:<14}{r['ms_per_intake']:>10.1f}  " + "  ".join(f"{x:>13}" for x in cells))
    cells = ["-", "-"]
    for c in CATEGORIES:
        v = res["ceiling"].get(c)
        cells.append(f"{_f(v['recall@1'])}/{_f(v['recall@10'])}" if v else "-")
    print(f"{'clue ceiling':<14}{'':>10}  " + "  ".join(f"{x:>13}" for x in cells))
    counts = ["", ""] + [str(res["methods"]["engine"]["by_category"].get(c, {}).get("n", 0)) for c in CATEGORIES]
    print(f"{'(n)':<14}{'':>10}  " + "  ".join(f"{x:>13}" for x in counts))
    e = res["methods"]["engine"]
    ratio = e.get("time_ratio_vs_pinyin_scan")
    ci = e.get("false_alarm_ci95", [float("nan")] * 2)
    print(f"engine: false alarms {e['false_alarms']}/{e['no_report_intakes']} = {e['false_alarm_rate']:.1%} "
          f"(95% interval {ci[0]:.1%}-{ci[1]:.1%}; best candidate >= 0.5 with no true report); "
          f"{e['ms_per_intake']} ms/intake "
          f"(of which {e['fetch_ms_per_intake']} ms fetching candidate reports)"
          + (f", engine/pinyin-scan time {ratio:.2f}" if ratio is not None else "")
          + f"; 500 intakes ~{e['all_500_intakes_s']} s")
    if "auc_found_vs_no_report" in e:
        print(f"  AUC best score, true first vs no report {e['auc_found_vs_no_report']:.4f}; "
              f"intakes with a report found first at >= 0.5: {e['found_at_0.5']:.1%}; "
              f"top-10 log-loss {e['top10_log_loss']:.5f}")
    if e.get("false_alarms_by_category"):
        print("  false alarms by the name the intake gave: " + ", ".join(
            f"{c} {v['false_alarms']}/{v['n']}" for c, v in e["false_alarms_by_category"].items() if v["n"]))
    for c in CEILING_CATEGORIES:
        v, ce = e["by_category"].get(c), res["ceiling"].get(c)
        if v and ce:
            r10 = v["recall@10"] / ce["recall@10"] if ce["recall@10"] else float("nan")
            r1 = v["recall@1"] / ce["recall@1"] if ce["recall@1"] else float("nan")
            print(f"  {c}: engine/ceiling recall@10 {r10:.2f}, recall@1 {r1:.2f}")
    print("calibration (engine top-10 candidates):  band  n  share-true")
    for row in e["calibration"]:
        flag = "" if row["within_0.1"] else "  <-- off by >0.1"
        print(f"  {row['band']}  {row['n']:>6}  {row['true_share']:.3f} ±{row.get('ci95', 0):.3f}{flag}")


def print_pooled(res: dict) -> None:
    e = res["engine"]
    ci = e["false_alarm_ci95"]
    world = "" if res.get("world", "synth") == "synth" else f" ({res['world']} world)"
    print(f"\n=== {res['reports']:,} reports{world}, seeds {', '.join(map(str, res['seeds']))} pooled: "
          f"{res['intakes']} intakes ({res['intakes_with_report']} with a true report) ===")
    print(f"engine r@1/r@10 {_f(e['recall@1'])}/{_f(e['recall@10'])}; full name "
          f"{_f(e['full_name']['recall@1'])}/{_f(e['full_name']['recall@10'])}; " + "; ".join(
              f"{c} {_f(v['recall@1'])}/{_f(v['recall@10'])}"
              + (f" (ceiling {_f(res['ceiling'][c]['recall@1'])}/{_f(res['ceiling'][c]['recall@10'])})"
                 if c in CEILING_CATEGORIES and c in res["ceiling"] else "")
              for c, v in e["by_category"].items()))
    print(f"false alarms {e['false_alarms']}/{e['no_report_intakes']} = {e['false_alarm_rate']:.1%} "
          f"(95% interval {ci[0]:.1%}-{ci[1]:.1%}); by seed " + ", ".join(
              f"{sd} {k}/{n} = {k / max(n, 1):.1%}" for sd, (k, n) in res["false_alarms_by_seed"].items()))
    print(f"  AUC {e['auc_found_vs_no_report']:.4f}; found first at >= 0.5: {e['found_at_0.5']:.1%}; "
          f"top-10 log-loss {e['top10_log_loss']:.5f}")
    print("calibration (pooled):  " + "  ".join(
        f"{row['band']} {row['true_share']:.2f}±{row['ci95']:.2f} n={row['n']}"
        + ("" if row["within_0.1"] else " <-- off") for row in e["calibration"]))


def _f(x) -> str:
    return "-" if x is None else f"{x:.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Matching benchmark (engine vs naive scans, clue ceiling)")
    ap.add_argument("--sizes", default="20000,100000,1000000")
    ap.add_argument("--intakes", type=int, default=1000)
    ap.add_argument("--seeds", default=str(EVAL_SEED),
                    help="comma-separated evaluation seeds: each is its own synthetic world; with several, "
                         "the quality figures are also pooled (baseline scans run on the first seed only)")
    ap.add_argument("--seed", type=int, default=None, help="one evaluation seed (same as --seeds N)")
    ap.add_argument("--compare-intakes", type=int, default=None,
                    help="run the (slow) baseline scans on the first N intakes only (default: all)")
    ap.add_argument("--cap", type=int, default=None, help="candidates fully scored per intake")
    ap.add_argument("--weights", default=None, help="weights file (default: matchers/weights.json)")
    ap.add_argument("--quick", action="store_true", help="20k reports only")
    ap.add_argument("--no-baselines", action="store_true")
    ap.add_argument("--faces", type=float, default=0.0,
                    help="share of reports with a synthetic face encoding (default 0: text clues only)")
    ap.add_argument("--world", choices=sorted(WORLDS), default="synth",
                    help="synth: the generator the weights were estimated on; shifted: the same people and "
                         "truth written with other phrasing and noise (bench.shifted_world)")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--dump", default=None,
                    help="write mid-band pairs and false alarms with explanations to DUMP.<size>.jsonl")
    ap.add_argument("--no-chance", action="store_true",
                    help="leave the probabilities as scored: no chance shift measured on the run's own "
                         "intakes (matchers/chance.py)")
    args = ap.parse_args(argv)
    sizes = [20000] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    model = MatchModel(weights=args.weights)
    from matchers.engine import DEFAULT_CAP

    cap = args.cap or DEFAULT_CAP
    seeds = [args.seed] if args.seed is not None else [int(x) for x in args.seeds.split(",") if x.strip()]
    results, pooled_results = [], []
    for n in sizes:
        per_seed = []
        for k, seed in enumerate(seeds):
            dump = None if args.dump is None else (args.dump if len(seeds) == 1 else f"{args.dump}.s{seed}")
            res = run_size(n, args.intakes, seed, model, cap, baselines_on=not args.no_baselines and k == 0,
                           faces=args.faces, dump=dump, compare_intakes=args.compare_intakes,
                           world=args.world, chance=not args.no_chance)
            print_report(res)
            per_seed.append(res)
            gc.collect()
        if len(per_seed) > 1:
            pooled_results.append(pooled(per_seed))
            print_pooled(pooled_results[-1])
        for res in per_seed:
            del res["_raw"]
        results += per_seed
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"command": "python -m bench.bench_matching " + " ".join(argv if argv is not None else sys.argv[1:]),
               "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
               "weights_meta": model.weights.meta, "cap": cap, "seeds": seeds, "results": results,
               "pooled": pooled_results}
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
