"""Ranking reports for an intake: index pre-rank, then the full model.

    model = MatchModel()                                   # weights.json shipped
    index = CandidateIndex.build((r.id, to_record(r)) for r in rows)   # or CandidateIndex.load(path)
    matcher = Matcher(model, index, fetch=lambda ids: {i: to_record(load(i)) for i in ids})
    for m in matcher.rank(intake_record, top=10):
        m.report_id, m.score.probability, m.score.to_dict()

`fetch` returns ReportRecords for candidate ids (a DB query in the workbench),
so the engine itself keeps only the compact index in memory; prepared
reports are cached (LRU) because popular reports are candidates of many
intakes. Keep the index and the cache current with `add_report` /
`remove_report` when a report is created, edited or deleted.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from . import name_frequency
from .chance import ChanceShift, ChanceTail, chance_shift
from .compare_timeline import TIMELINE_LEVELS
from .index import CandidateIndex
from .keys import found_place_keys, intake_region_key_groups
from .model import MatchModel, Score
from .records import IntakeRecord, ReportRecord

DEFAULT_CAP = 200          # at most this many candidates are fully scored per intake
MIN_CAP = 30               # ... and at least this many (when the index has them)
# Candidates whose pre-score (log2 units, like the weights) trails the best by
# more than this are not fully scored: a full name that hits pulls its report
# far ahead; a vague intake (no name) keeps a flat pre-score and uses the cap.
PRESCORE_MARGIN = 20.0
PRERANK_COMPARISONS = ("sex", "age", "height", "timeline")
# Which blocking keys (keys.py kinds) carry the value a comparison agreed on at
# a level: the rarer the shared value (a rare name, a small village), the more
# the agreement weighs (term-frequency adjustment, see MatchModel). Written
# into weights.json by the estimation, read from there by the model.
TF_LEVEL_KEYS: dict[str, dict[str, tuple[str, ...]]] = {
    "name": {"exact": ("F:",), "homophone": ("F:",), "dialect_variant": ("F:",), "sound_variant": ("F:",),
             "given_name": ("G:",), "given_name_exact": ("G:",), "given_name_dialect": ("G:",), "given_name_single": ("C:",), "nickname": ("C:", "R:"),
             "nickname_first_char": ("C:", "R:"),
             "nickname_dialect": ("C:", "R:"), "surname_nickname": ("N:",),
             "given_name_partial": ("S:",), "given_name_sound": ("G:",), "given_name_surname_shape": ("G:",)},
    # a province agreement says more for 宁夏 than for 四川, and less where this
    # database's reports crowd into a few provinces
    "place": {"village_or_town": ("V:",), "county": ("X:",), "prefecture": ("D:",),
              "missing_local": ("V:",), "missing_county": ("X:",), "missing_prefecture": ("D:",),
              "mixed": ("V:", "X:"),
              "province": ("P:",), "province_other_place": ("P:",)},
    # "~": how many reports in the database fall in the intake's window at that level
    "age": {lab: ("~age",) for lab in ("centre", "within", "close", "near")},
    "timeline": {lab: ("~timeline",) for _lv, lab, _limit in TIMELINE_LEVELS},
    "height": {lab: ("~height",) for lab in ("close", "near")},
    # a mole on the face is common, a tattoo on the back is not
    "marks": {lab: ("mk:",) for lab in ("partial", "strong", "strong_rare")},
}

# A level whose agreement is on a value nearly unique to one report (a phone
# number): no sample of random pairs ever sees it by chance, so its u is
# counted over every intake x report of the training set through the index
# (estimate.exact_level_u): every report sharing a key of that kind with an
# intake, not its true one, is compared; the pairs at the level, plus
# Laplace's one, over all pairs.
EXACT_LEVEL_KEYS: dict[str, dict[str, str]] = {"phone": {"same": "T:"}}

# A level too rare among our true pairs to measure its own reference borrows the
# one of the level that reads the same keys: a village said that is where the
# person went missing (幸福社区 vs 从幸福小区家中走失) is as telling as one
# in the hometown only when the name is as rare.
TF_BORROW: dict[str, dict[str, str]] = {"place": {"missing_local": "village_or_town"}}


@dataclass
class Match:
    report_id: int
    score: Score

    def to_dict(self) -> dict:
        d = self.score.to_dict()
        d["report_id"] = self.report_id
        return d


class Matcher:
    def __init__(self, model: MatchModel, index: CandidateIndex,
                 fetch: Callable[[Sequence[int]], Mapping[int, ReportRecord]],
                 cap: int = DEFAULT_CAP, cache_size: int = 100_000,
                 margin: float = PRESCORE_MARGIN, min_cap: int = MIN_CAP):
        self.model = model
        self.index = index
        self.fetch = fetch
        self.cap = cap
        self.margin = margin
        self.min_cap = min_cap
        self.cache_size = cache_size
        # this database's chance shift (chance.py), None until measured
        self.chance: ChanceShift | None = None
        self._cache: OrderedDict[int, tuple] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.column_weights = {}
        for name in PRERANK_COMPARISONS:
            w = model.level_weights(name)
            if w is not None:
                self.column_weights[name] = w

    # -- keeping current --------------------------------------------------------------

    def add_report(self, report_id: int, report: ReportRecord) -> None:
        """A report was created or edited: re-index it and drop its cached features."""
        self.index.add(report_id, report)
        with self._cache_lock:
            self._cache.pop(int(report_id), None)

    def remove_report(self, report_id: int) -> None:
        self.index.remove(report_id)
        with self._cache_lock:
            self._cache.pop(int(report_id), None)

    # -- ranking ------------------------------------------------------------------------

    def candidates(self, intake: IntakeRecord, cap: int | None = None,
                   keys: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Report ids worth scoring fully, best pre-score first (and the pre-scores)."""
        keys = list(self.index.intake_keys(intake) if keys is None else keys) + sorted(found_place_keys(intake))
        ids, pre = self.index.query(intake, cap=cap or self.cap, column_weights=self.column_weights,
                                    keys=keys)
        if len(ids) > self.min_cap:
            keep = max(self.min_cap, int(np.searchsorted(-pre, -(pre[0] - self.margin), side="right")))
            ids, pre = ids[:keep], pre[:keep]
        return ids, pre

    def prepared_reports(self, ids: Iterable[int]) -> dict[int, tuple]:
        ids = [int(i) for i in ids]
        out: dict[int, tuple] = {}
        missing = []
        with self._cache_lock:
            for i in ids:
                f = self._cache.get(i)
                if f is None:
                    missing.append(i)
                else:
                    self._cache.move_to_end(i)
                    out[i] = f
        if missing:
            records = self.fetch(missing)
            fresh = {}
            for i in missing:
                rec = records.get(i)
                if rec is None:       # deleted meanwhile: skip it
                    continue
                fresh[i] = self.model.prepare_report(rec)
            out.update(fresh)
            with self._cache_lock:
                self._cache.update(fresh)
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        return out

    def rank(self, intake: IntakeRecord, top: int = 10, cap: int | None = None,
             tail: ChanceTail | None = None) -> list[Match]:
        """The `top` best reports for an intake, calibrated probability first.
        With `tail`, the intake's runner-up counts are added to it (chance.py)."""
        keys = list(self.index.intake_keys(intake))
        ids, _pre = self.candidates(intake, cap, keys)
        matches = self._score(intake, ids.tolist(), keys) if len(ids) else []
        if tail is not None:
            tail.add(m.score.raw_total for m in matches)
        matches.sort(key=lambda m: (-m.score.total_weight, m.report_id))
        return matches[:top]

    def measured_shift(self, tail: ChanceTail) -> ChanceShift | None:
        """The chance shift the runner-up counts of this database's intakes give (chance.py)."""
        return chance_shift(tail, self.model.weights.chance_tail, len(self.index))

    def recalibrate(self, matches: Sequence[Match], shift: ChanceShift | None) -> list[Match]:
        """One intake's ranked matches with probabilities re-derived under `shift`
        (same order); what `tracing match --all` does to stored candidates."""
        scores = self.model.recalibrate([m.score for m in matches], len(self.index), shift)
        return [Match(m.report_id, s) for m, s in zip(matches, scores)]

    def score_pairs(self, intake: IntakeRecord, report_ids: Sequence[int]) -> list[Match]:
        """Score the given reports for an intake together (they compete for the
        one true report): the index's candidates plus, e.g., face neighbours."""
        return self._score(intake, [int(i) for i in report_ids], list(self.index.intake_keys(intake)))

    def _score(self, intake: IntakeRecord, report_ids: list[int], keys: list[str]) -> list[Match]:
        feats = self.prepared_reports(report_ids)
        ids = [i for i in dict.fromkeys(report_ids) if i in feats]
        fi = self.model.prepare_intake(intake)
        rarities = self.shared_rarities(intake, keys, ids)
        windows = self.model.level_rarities(fi, self.index)
        for r in rarities:
            r.update(windows)
        scores = self.model.score_candidates(fi, [feats[i] for i in ids], len(self.index), rarities,
                                             chance=self.chance)
        return [Match(i, s) for i, s in zip(ids, scores)]

    def shared_rarities(self, intake: IntakeRecord, keys: Sequence[str],
                        report_ids: Sequence[int]) -> list[dict[str, float]]:
        """Per report: key kind ("F:", "V:"…) -> rarity (log2 N/df) of the
        rarest of the intake's `keys` of that kind it shares (an ambiguous
        hint's keys count as rare as all its readings together)."""
        rar = self.index.intake_key_rarities(keys, intake_region_key_groups(intake))
        bits = self.name_frequency_bits()
        if bits:
            for kid, (key, r) in list(rar.items()):
                per_df = bits.get(key[:key.find(":") + 1])
                if per_df:
                    df = self.index.key_df(key)
                    if 1 <= df <= len(per_df):
                        rar[kid] = (key, r + per_df[df - 1])
        out = []
        for rid in report_ids:
            best: dict[str, float] = {}
            if rar:
                for kid in self.index.report_key_ids(rid).tolist():
                    hit = rar.get(kid)
                    if hit is None:
                        continue
                    key, r = hit
                    kind = key[:key.find(":") + 1]
                    if r > best.get(kind, -1.0):
                        best[kind] = r
            out.append(best)
        return out

    def name_frequency_bits(self) -> dict[str, list[float]]:
        """Name key kind -> bits per df (name_frequency.py): how much more or
        less a name held by df reports says here than in the world the weights
        were fitted on."""
        ref = self.model.weights.name_spectra
        if not ref:
            return {}
        spectra = {kind: self.index.key_spectrum(kind, name_frequency.MAX_DF) for kind in name_frequency.KINDS}
        return name_frequency.corrections(spectra, ref, len(self.index))

    def intakes_for_report(self, report: ReportRecord, intakes: Mapping[int, IntakeRecord],
                           min_probability: float = 0.01) -> list[tuple[int, Score]]:
        """Intakes a new or edited report may match, best first (pairwise score).

        The workbench re-ranks these intakes (their candidate lists change
        because a new competitor arrived); stations hold thousands of
        intakes, so scanning them is cheap.
        """
        fr = self.model.prepare_report(report)
        n = max(len(self.index), 1)
        out = []
        for iid, intake in intakes.items():
            s = self.model.score_pair(self.model.prepare_intake(intake), fr, n)
            if s.probability >= min_probability:
                out.append((iid, s))
        out.sort(key=lambda x: -x[1].total_weight)
        return out
