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

from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from .index import CandidateIndex
from .model import MatchModel, Score
from .records import IntakeRecord, ReportRecord

DEFAULT_CAP = 200          # candidates fully scored per intake
PRERANK_COMPARISONS = ("sex", "age", "height", "timeline")


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
                 cap: int = DEFAULT_CAP, cache_size: int = 100_000):
        self.model = model
        self.index = index
        self.fetch = fetch
        self.cap = cap
        self.cache_size = cache_size
        self._cache: OrderedDict[int, tuple] = OrderedDict()
        self.column_weights = {}
        for name in PRERANK_COMPARISONS:
            w = model.level_weights(name)
            if w is not None:
                self.column_weights[name] = w

    # -- keeping current --------------------------------------------------------------

    def add_report(self, report_id: int, report: ReportRecord) -> None:
        """A report was created or edited: re-index it and drop its cached features."""
        self.index.add(report_id, report)
        self._cache.pop(int(report_id), None)

    def remove_report(self, report_id: int) -> None:
        self.index.remove(report_id)
        self._cache.pop(int(report_id), None)

    # -- ranking ------------------------------------------------------------------------

    def candidates(self, intake: IntakeRecord, cap: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        return self.index.query(intake, cap=cap or self.cap, column_weights=self.column_weights)

    def prepared_reports(self, ids: Iterable[int]) -> dict[int, tuple]:
        ids = [int(i) for i in ids]
        out: dict[int, tuple] = {}
        missing = []
        for i in ids:
            f = self._cache.get(i)
            if f is None:
                missing.append(i)
            else:
                self._cache.move_to_end(i)
                out[i] = f
        if missing:
            records = self.fetch(missing)
            for i in missing:
                rec = records.get(i)
                if rec is None:       # deleted meanwhile: skip it
                    continue
                f = self.model.prepare_report(rec)
                out[i] = f
                self._cache[i] = f
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return out

    def rank(self, intake: IntakeRecord, top: int = 10, cap: int | None = None) -> list[Match]:
        """The `top` best reports for an intake, calibrated probability first."""
        ids, _pre = self.candidates(intake, cap)
        if len(ids) == 0:
            return []
        feats = self.prepared_reports(ids.tolist())
        ids = [int(i) for i in ids if int(i) in feats]
        fi = self.model.prepare_intake(intake)
        scores = self.model.score_candidates(fi, [feats[i] for i in ids], len(self.index))
        order = sorted(range(len(ids)), key=lambda k: (-scores[k].total_weight, ids[k]))
        return [Match(ids[k], scores[k]) for k in order[:top]]

    def score_pairs(self, intake: IntakeRecord, report_ids: Sequence[int]) -> list[Match]:
        """Score given reports for an intake (e.g. a pair a volunteer opened)."""
        feats = self.prepared_reports(report_ids)
        ids = [int(i) for i in report_ids if int(i) in feats]
        fi = self.model.prepare_intake(intake)
        scores = self.model.score_candidates(fi, [feats[i] for i in ids], len(self.index))
        return [Match(i, s) for i, s in zip(ids, scores)]

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
