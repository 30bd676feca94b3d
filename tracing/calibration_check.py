"""Is a score of 0.8 right about 80% of the time *here*? Checked on the station's own decisions.

The calibration maps were fitted on synthetic worlds; the station's intakes and reports are
written by other hands. Every pair volunteers confirmed or rejected is a labelled example,
kept with the score it had when decided (re-matching never rewrites decided pairs), so
the share confirmed per score band says whether the scores can be taken at their word here.
Pairs still open (pending, needs contact/comparison, awaiting the second confirmation, set
aside) are left out: they carry no label yet.

Volunteers decide the pairs they were shown, mostly the best ones, so a band's share is an
estimate for the pairs that get reviewed; with few decisions per band it says little, and
the interval printed with it shows how little.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from matchers.estimate import band_counts, wilson

from .models import Candidate

N_BANDS = 10              # 0.1 wide
TOLERANCE = 0.1           # the target: within 0.1 of the band's middle
MIN_DECIDED = 10          # below this a band's share is not judged


@dataclass(frozen=True)
class BandCheck:
    low: float
    high: float
    decided: int
    confirmed: int
    share: float | None
    interval: tuple[float, float]
    verdict: str          # ok / too_high / too_low / too_few


VERDICT_LABELS = {"ok": "相符", "too_high": "分数偏高", "too_low": "分数偏低", "too_few": "决定太少"}


def calibration_by_band(session: Session, since: datetime | None = None) -> list[BandCheck]:
    """One row per 0.1-wide score band, from the confirmed and rejected candidates (decided at or
    after `since`: scores decided before new weights were installed came from the old map)."""
    stmt = (select(Candidate.score, Candidate.review_status)
            .where(Candidate.review_status.in_(("confirmed", "rejected"))))
    if since is not None:
        stmt = stmt.where(Candidate.decided_at >= since)
    counts = band_counts(((score or 0.0, status == "confirmed") for score, status in session.execute(stmt)),
                         N_BANDS)
    out = []
    for b, (n, k) in enumerate(counts):
        low, high = round(b / N_BANDS, 2), round((b + 1) / N_BANDS, 2)
        lo, hi = wilson(k, n)
        middle = (low + high) / 2
        if n < MIN_DECIDED:
            verdict = "too_few"
        elif lo > middle + TOLERANCE:          # confirmed clearly more often than the score says
            verdict = "too_low"
        elif hi < middle - TOLERANCE:
            verdict = "too_high"
        else:
            verdict = "ok"
        out.append(BandCheck(low, high, n, k, k / n if n else None, (lo, hi), verdict))
    return out
