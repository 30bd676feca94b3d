"""The combiner: comparisons -> levels -> weights -> calibrated probability.

Fellegi-Sunter / Splink style. Each comparison returns an ordered level; the
weight of (comparison, level) is log2(m/u), read from `weights.json`
(estimated by `python -m matchers.estimate`, never hand-tuned here). The sum
of weights plus the prior log-odds is the evidence for one pair. Because one
intake has at most one true report, the candidates of an intake compete:
p_i = o_i / (1 + sum_j o_j) with o_i = 2**total_i (the "1" is the mass of "no
report in the database", given that the expected likelihood ratio of a
non-matching report is 1). A monotone calibration map fitted on held-out
synthetic data turns that into the probability shown.

Adding a comparison = one line in `default_comparisons()` + re-estimating.
A comparison missing from the weights file weighs 0 until re-estimated.
"""
from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, field
from itertools import product
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .base import NO_RARITY, NULL_LEVEL, AdjustsLevels, Comparison, CountsLevels, LevelResult
from .records import IntakeRecord, ReportRecord

log = logging.getLogger(__name__)

DEFAULT_WEIGHTS_PATH = Path(__file__).with_name("weights.json")
# the component a chance shift adds (chance.py) and the smallest shift applied
CHANCE_COMPARISON = "chance"
CHANCE_MIN_SHIFT = 0.05
WEIGHTS_FORMAT = 1


def default_comparisons() -> list[Comparison]:
    """The registry: every comparison the model runs, in display order.

    To add one: write matchers/compare_x.py, add a line here, re-estimate the
    weights (`python -m matchers.estimate --out matchers/weights.json`).
    """
    from .compare_age import AgeComparison
    from .compare_dialect import DialectRegionComparison
    from .compare_face import FaceComparison
    from .compare_found import FoundPlaceComparison
    from .compare_height import HeightComparison
    from .compare_marks import MarksComparison
    from .compare_name import NameComparison
    from .compare_phone import PhoneComparison
    from .compare_place import PlaceHintComparison
    from .compare_sex import SexComparison
    from .compare_timeline import TimelineComparison

    return [
        NameComparison(),
        PlaceHintComparison(),
        DialectRegionComparison(),
        FoundPlaceComparison(),
        AgeComparison(),
        SexComparison(),
        HeightComparison(),
        MarksComparison(),
        TimelineComparison(),
        FaceComparison(),
        PhoneComparison(),
    ]


# --------------------------------------------------------------------------- scores


@dataclass
class Component:
    """One comparison's contribution to a pair's score (JSON-serialisable)."""

    comparison: str
    title: str
    level: int
    label: str
    weight: float
    explanation: str

    @property
    def line(self) -> str:
        """"姓名 niu≈liu (n/l, 湘语常见) +6.1"."""
        return f"{self.title} {self.explanation} {self.weight:+.1f}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["weight"] = round(self.weight, 3)
        return d


class Score:
    """One pair's calibrated probability, its evidence and the explanation.

    The explanation (Components) is built on first use: an intake's ~150
    candidates are all weighed, but only the few returned are ever read, and
    building every line was a third of the time per intake at 1M reports."""

    __slots__ = ("probability", "total_weight", "prior_weight", "log2_odds", "chance",
                 "_components", "_build", "_levels")

    def __init__(self, probability: float, total_weight: float,
                 components: list[Component] | None = None, prior_weight: float = 0.0,
                 log2_odds: float = math.nan, chance: float = 0.0, *,
                 build: Callable[[], list[Component]] | None = None,
                 levels: Sequence[Any] | None = None):
        self.probability = probability        # calibrated, 0..1
        self.total_weight = total_weight      # prior log2-odds + sum of component weights
        self.prior_weight = prior_weight
        # the competing log2-odds the calibration map read (before any chance
        # shift), and the bits a chance shift took off (chance.py; also a component)
        self.log2_odds = log2_odds
        self.chance = chance
        self._components = components if components is not None or build is not None else []
        self._build = build if components is None else None
        # what the calibration stratum is read from while the components are
        # not built: the comparisons' LevelResults (comparison, level, label)
        self._levels = levels

    @property
    def components(self) -> list[Component]:
        if self._build is not None:
            self._components, self._build = self._build(), None
        return self._components

    @components.setter
    def components(self, value: list[Component]) -> None:
        self._components, self._build = list(value), None

    @property
    def levels(self) -> Sequence[Any]:
        """Per comparison something with .comparison/.level/.label: the
        LevelResults when known, else the components (calibration_label)."""
        return self._levels if self._levels is not None else self.components

    @property
    def raw_total(self) -> float:
        """The total before a chance shift: what the database's own runner-up
        counts are measured on."""
        return self.total_weight + self.chance

    def explain(self) -> list[str]:
        """zh-CN lines, strongest evidence first, null components left out."""
        shown = [c for c in self.components if c.level != NULL_LEVEL or c.weight != 0]
        shown.sort(key=lambda c: -abs(c.weight))
        return [c.line for c in shown]

    def to_dict(self) -> dict[str, Any]:
        return {
            "probability": round(self.probability, 4),
            "total_weight": round(self.total_weight, 3),
            "prior_weight": round(self.prior_weight, 3),
            "components": [c.to_dict() for c in self.components],
        }

    def __repr__(self) -> str:
        return (f"Score(probability={self.probability:.4f}, total_weight={self.total_weight:.3f}, "
                f"chance={self.chance:.3f})")


# --------------------------------------------------------------------------- weights


@dataclass
class LevelWeight:
    m: float
    u: float
    weight: float


@dataclass
class Weights:
    """log2(m/u) per (comparison, level label), prior and calibration."""

    comparisons: dict[str, dict[str, LevelWeight]] = field(default_factory=dict)
    p_intake_has_report: float = 0.6
    # term-frequency adjustment: comparison -> level -> (key kinds, reference).
    # The reference is -log2 of the mean frequency of the value true pairs share
    # at that level; a pair whose shared key (of those kinds) is rarer gains the
    # difference in bits (capped), a commoner one loses it
    tf: dict[str, dict[str, tuple[tuple[str, ...], float]]] = field(default_factory=dict)
    tf_cap: float = 6.0
    # correlated comparisons: comparison -> {"on": other comparison,
    # "weights": {other's level label: {level label: weight}}}; the weight of
    # e.g. the accent given how the place hints already agreed, so a region is
    # not counted twice
    conditional: dict[str, dict[str, Any]] = field(default_factory=dict)
    # per-intake level adjustments a comparison computes itself (the name's
    # reading posterior, name_readings.py): comparison -> {"reference": {level
    # label: mean over true pairs}, ...the comparison's own fitted parameters}
    adjust: dict[str, dict[str, Any]] = field(default_factory=dict)
    calibration: dict[str, Any] = field(default_factory=lambda: {"method": "identity"})
    # how often runners-up (an intake's candidates below its best) reach each
    # score on the calibration sets, per size (chance.py)
    chance_tail: dict[str, Any] = field(default_factory=dict)
    # how names repeated in the world the weights were fitted on, per size
    # (name_frequency.py): {"sizes": [...], "ratios": {kind: [[g(1)..] per size]}}
    name_spectra: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path = DEFAULT_WEIGHTS_PATH) -> "Weights":
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("format") != WEIGHTS_FORMAT:
            raise ValueError(f"{path}: unsupported weights format {data.get('format')!r}")
        comps = {
            name: {label: LevelWeight(float(v["m"]), float(v["u"]), float(v["weight"]))
                   for label, v in spec["levels"].items()}
            for name, spec in data.get("comparisons", {}).items()
        }
        tf = {name: {label: (tuple(v["keys"]), float(v["reference"])) for label, v in spec["tf"].items()}
              for name, spec in data.get("comparisons", {}).items() if spec.get("tf")}
        cond = {name: spec["conditional"] for name, spec in data.get("comparisons", {}).items()
                if spec.get("conditional")}
        return cls(comparisons=comps, p_intake_has_report=float(data["prior"]["p_intake_has_report"]),
                   calibration=data.get("calibration") or {"method": "identity"},
                   meta=data.get("meta", {}), tf=tf, tf_cap=float(data.get("tf_cap", 6.0)),
                   conditional=cond, adjust=data.get("adjust", {}),
                   name_spectra=data.get("name_spectra", {}), chance_tail=data.get("chance_tail", {}))

    def to_json(self) -> dict[str, Any]:
        return {
            "format": WEIGHTS_FORMAT,
            "meta": self.meta,
            "prior": {"p_intake_has_report": self.p_intake_has_report},
            "comparisons": {
                name: {"levels": {label: {"m": _r(lw.m), "u": _r(lw.u), "weight": round(lw.weight, 4)}
                                  for label, lw in levels.items()},
                       **({"tf": {k: {"keys": list(keys), "reference": round(ref, 3)}
                                  for k, (keys, ref) in self.tf[name].items()}}
                          if self.tf.get(name) else {}),
                       **({"conditional": self.conditional[name]} if self.conditional.get(name) else {})}
                for name, levels in self.comparisons.items()
            },
            "tf_cap": self.tf_cap,
            **({"adjust": self.adjust} if self.adjust else {}),
            **({"name_spectra": self.name_spectra} if self.name_spectra else {}),
            **({"chance_tail": self.chance_tail} if self.chance_tail else {}),
            "calibration": self.calibration,
        }

    def save(self, path: str | Path) -> None:
        path = Path(path)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)

    def weight(self, comparison: str, label: str) -> float | None:
        levels = self.comparisons.get(comparison)
        if levels is None:
            return None
        lw = levels.get(label)
        return None if lw is None else lw.weight


def _r(x: float) -> float:
    return float(f"{x:.6g}")


def prior_log2_odds(p_has: float, n_reports: int) -> float:
    """Prior log2-odds that one given report is the intake's true report."""
    n = max(int(n_reports), 1)
    p = min(max(p_has, 1e-6), 1 - 1e-6) / n
    return math.log2(p / (1 - p))


# --------------------------------------------------------------------------- calibration


# A pair whose faces were compared is calibrated on its own maps (fitted on
# calibration sets with photos): the maps fitted without photos under-rate it.
FACE_STRATUM = "@face:"


def calibration_label(components: Sequence["Component"], by: str = "name", face: str = "face") -> str:
    """The calibration stratum of a pair: the `by` comparison's level label,
    prefixed with FACE_STRATUM when the pair's faces were compared."""
    label, faced = "null", False
    for c in components:
        if c.comparison == by:
            label = c.label
        elif c.comparison == face and c.level != NULL_LEVEL:
            faced = True
    return FACE_STRATUM + label if faced else label


def _stratum(strata: dict[str, str], label: str, default: str) -> str:
    key = strata.get(label)
    if key is None and label.startswith(FACE_STRATUM):
        key = strata.get(label[len(FACE_STRATUM):])     # maps fitted without photos only
    return key or default


def size_bracket(sizes: Sequence[int], n_reports: int | None) -> tuple[int, int, float]:
    """Where a database of n_reports falls among things measured per size:
    (index below, index above, weight of the one above), in log(size), clamped
    to the smallest and largest size (then both indices are that size's, t = 0)."""
    logs = [math.log(s) for s in sizes]
    order = sorted(range(len(logs)), key=logs.__getitem__)
    ln = math.log(max(int(n_reports or 1), 1))
    if len(order) == 1 or ln <= logs[order[0]]:
        return order[0], order[0], 0.0
    if ln >= logs[order[-1]]:
        return order[-1], order[-1], 0.0
    k = next(j for j, i in enumerate(order) if logs[i] >= ln)
    lo, hi = order[k - 1], order[k]
    return lo, hi, (ln - logs[lo]) / (logs[hi] - logs[lo])


def apply_calibration(calibration: dict[str, Any], log2_odds: np.ndarray,
                      by_labels: Sequence[str] | None = None, n_reports: int | None = None) -> np.ndarray:
    """Map raw log2-odds to probabilities with the stored monotone map.

    A "stratified" calibration keeps one map per stratum of one comparison's
    level (e.g. pairs whose evidence is a full name vs pairs with no name at
    all: the many weak clues of a no-name pair overlap, so equal raw odds are
    less certain); `by_labels` gives that comparison's level label per pair.
    """
    x = np.asarray(log2_odds, dtype=np.float64)
    method = calibration.get("method", "identity")
    if method == "by_size":
        # one map per calibration database size; in between, interpolate in log(size):
        # with more reports, chance agreements among the top candidates grow
        maps = calibration["maps"]
        lo, hi, t = size_bracket(calibration["sizes"], n_reports)
        if t == 0.0:
            return apply_calibration(maps[lo], x, by_labels)
        return ((1 - t) * apply_calibration(maps[lo], x, by_labels)
                + t * apply_calibration(maps[hi], x, by_labels))
    if method == "stratified":
        curves = calibration["curves"]
        default = curves[calibration["default"]]
        if by_labels is None:
            return apply_calibration(default, x)
        strata = calibration["strata"]
        out = np.empty_like(x)
        keys = [_stratum(strata, lab, calibration["default"]) for lab in by_labels]
        for key in set(keys):
            sel = np.array([k == key for k in keys])
            out[sel] = apply_calibration(curves.get(key, default), x[sel])
        return out
    if method == "identity":
        return 1.0 / (1.0 + np.exp2(-np.clip(x, -60, 60)))
    if method == "platt":
        a, b = calibration["a"], calibration["b"]
        return 1.0 / (1.0 + np.exp(-np.clip(a * x + b, -500.0, 500.0)))
    if method == "isotonic":
        xs = np.asarray(calibration["x"], dtype=np.float64)
        ys = np.asarray(calibration["y"], dtype=np.float64)
        return np.clip(np.interp(x, xs, ys), 0.0, 1.0)
    raise ValueError(f"unknown calibration method {method!r}")


# --------------------------------------------------------------------------- model


class MatchModel:
    """Prepares records, runs the registered comparisons, weighs and calibrates."""

    def __init__(self, comparisons: Sequence[Comparison] | None = None,
                 weights: Weights | str | Path | None = None, strict: bool = False):
        self.comparisons: list[Comparison] = list(
            default_comparisons() if comparisons is None else comparisons)
        names = [c.name for c in self.comparisons]
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate comparison names: {names}")
        if weights is None:
            weights = Weights.load(DEFAULT_WEIGHTS_PATH) if DEFAULT_WEIGHTS_PATH.exists() else Weights()
        elif not isinstance(weights, Weights):
            weights = Weights.load(weights)
        self.weights = weights
        self.strict = strict   # True: a comparison bug raises (tests); False: logged, weighs 0
        self._table = self._weight_table()
        self._conditional = self._conditional_table()
        self._lookup = self._lookup_tables()
        self._unweighted = [c.name for c in self.comparisons if c.name not in weights.comparisons]
        if self._unweighted and weights.comparisons:
            log.warning("no estimated weights for %s: they weigh 0 until re-estimated",
                        ", ".join(self._unweighted))

    def _weight_table(self) -> list[np.ndarray]:
        """weights[i][level] for comparison i; null and unknown levels weigh 0."""
        table = []
        for comp in self.comparisons:
            row = np.zeros(len(comp.levels), dtype=np.float64)
            for lvl, label in enumerate(comp.levels):
                if lvl == NULL_LEVEL:
                    continue
                w = self.weights.weight(comp.name, label)
                row[lvl] = 0.0 if w is None else w
            table.append(row)
        return table

    def _conditional_table(self) -> list[tuple[tuple[int, ...], tuple[int, ...], np.ndarray] | None]:
        """Per comparison: (indices of the comparisons it depends on, their level
        counts, weights[joint level of those][level]) or None.

        "on" is one comparison ("place") or several (["place", "found"]); with
        several, the joint level's label is the levels' labels joined by "|".
        """
        pos = {c.name: k for k, c in enumerate(self.comparisons)}
        out: list[tuple[tuple[int, ...], tuple[int, ...], np.ndarray] | None] = []
        for k, comp in enumerate(self.comparisons):
            spec = self.weights.conditional.get(comp.name)
            on = conditional_on(spec)
            if not on or any(name not in pos for name in on):
                out.append(None)
                continue
            js = tuple(pos[name] for name in on)
            others = [self.comparisons[j] for j in js]
            dims = tuple(len(o.levels) for o in others)
            table = np.tile(self._table[k], (int(np.prod(dims)), 1))
            # flat index of a joint level: the last comparison's level varies fastest
            for flat, labels in enumerate(product(*(o.levels for o in others))):
                row = spec["weights"].get("|".join(labels), {})
                for b, label_b in enumerate(comp.levels):
                    if b != NULL_LEVEL and label_b in row:
                        table[flat, b] = float(row[label_b])
            out.append((js, dims, table))
        return out

    def level_weights(self, name: str) -> np.ndarray | None:
        """The weight per level of one comparison (for vectorised pre-ranking)."""
        for comp, row in zip(self.comparisons, self._table):
            if comp.name == name:
                return row
        return None

    # -- preparation ------------------------------------------------------------

    def prepare_intake(self, intake: IntakeRecord) -> tuple:
        return tuple(self._prepare(c, c.prepare_intake, intake) for c in self.comparisons)

    def prepare_report(self, report: ReportRecord) -> tuple:
        return tuple(self._prepare(c, c.prepare_report, report) for c in self.comparisons)

    def _prepare(self, comp: Comparison, fn, record) -> Any:
        try:
            return fn(record)
        except Exception:
            if self.strict:
                raise
            log.exception("comparison %s could not prepare record %r", comp.name,
                          getattr(record, "ref", "?"))
            return _FAILED

    def _guarded(self, comp: Comparison, what: str, fn, *args) -> Any:
        """fn(*args), or None (logged) when a comparison fails on odd data; strict raises."""
        try:
            return fn(*args)
        except Exception:
            if self.strict:
                raise
            log.exception("comparison %s could not %s", comp.name, what)
            return None

    def level_rarities(self, intake_features: tuple, population) -> dict[str, np.ndarray]:
        """"~<comparison>" -> per level, log2(N / reports at that level) over the
        whole database, for the comparisons that can count it (CountsLevels);
        "@<comparison>" -> per level, the comparison's own adjustment
        (AdjustsLevels, e.g. the name's reading posterior), NaN where none."""
        n = len(population)
        out: dict[str, np.ndarray] = {}
        if n <= 0:
            return out
        for comp, fi in zip(self.comparisons, intake_features):
            if fi is _FAILED:
                continue
            if isinstance(comp, CountsLevels):
                counts = self._guarded(comp, "count its levels", comp.level_counts, fi, population)
                if counts is not None:
                    out["~" + comp.name] = np.log2(n / np.maximum(np.asarray(counts, dtype=np.float64), 1.0))
            spec = self.weights.adjust.get(comp.name)
            if spec is not None and isinstance(comp, AdjustsLevels):
                adj = self._guarded(comp, "compute its level adjustments", comp.level_adjustments,
                                    fi, population, spec)
                if adj is not None:
                    out["@" + comp.name] = adj
        return out

    # -- comparing ---------------------------------------------------------------

    def levels(self, intake_features: tuple, report_features: tuple) -> list[LevelResult]:
        out = []
        for comp, fi, fr in zip(self.comparisons, intake_features, report_features):
            if fi is _FAILED or fr is _FAILED:
                out.append(LevelResult(comp.name, NULL_LEVEL, comp.levels[0], "无法比较(数据异常)"))
                continue
            try:
                res = comp.compare(fi, fr)
            except Exception:
                if self.strict:
                    raise
                log.exception("comparison %s failed", comp.name)
                res = LevelResult(comp.name, NULL_LEVEL, comp.levels[0], "无法比较(数据异常)")
            out.append(res)
        return out

    def level_vector(self, intake_features: tuple, report_features: tuple) -> list[int]:
        return [r.level for r in self.levels(intake_features, report_features)]

    def _lookup_tables(self) -> list[tuple]:
        """Per comparison, what weighing a level reads, as plain Python lists
        (numpy scalar indexing per pair was most of the weighing's time): its
        weights per level, its conditional table, its term-frequency spec per
        level and its adjustment key."""
        tf = self.weights.tf
        out = []
        for comp, row, cond in zip(self.comparisons, self._table, self._conditional):
            specs = tf.get(comp.name, {})
            out.append((row.tolist(),
                        None if cond is None else (cond[0], cond[1], cond[2].tolist()),
                        [specs.get(label) for label in comp.levels],
                        "@" + comp.name if comp.name in self.weights.adjust else None))
        return out

    def _weigh(self, results: Sequence[LevelResult], rarity: dict[str, Any] | None = None,
               explain: bool = False) -> tuple[float, list[Component] | None]:
        """The pair's summed weight and, with `explain`, its Components: one
        path for both, so an explanation always adds up to the score."""
        comps: list[Component] | None = [] if explain else None
        total = 0.0
        cap = self.weights.tf_cap
        for k, (res, (row, cond, specs, adj_key)) in enumerate(zip(results, self._lookup)):
            level = res.level
            if not 0 <= level < len(row):
                level = NULL_LEVEL
            w = row[level]
            if cond is not None:
                js, dims, table = cond
                flat = 0
                for j, n in zip(js, dims):
                    other = results[j].level
                    if not 0 <= other < n:
                        break
                    flat = flat * n + other
                else:
                    w = table[flat][level]
            note = ""
            if rarity and level != NULL_LEVEL:
                spec = specs[level]
                if spec is not None and not res.detail.get(NO_RARITY):
                    kinds, ref = spec
                    r = tf_rarity(rarity, kinds, level)
                    if r is not None:
                        delta = max(-cap, min(cap, r - ref))
                        w += delta
                        if delta >= 1.0:
                            note += f"（较罕见 {delta:+.1f}）"
                        elif delta <= -1.0:
                            note += f"（较常见 {delta:+.1f}）"
                adj = rarity.get(adj_key) if adj_key is not None else None
                if adj is not None:
                    comp = self.comparisons[k]
                    delta = level_adjustment(self.weights.adjust[comp.name], comp.levels[level],
                                             float(adj[level]), cap)
                    if delta:
                        w += delta
                        if delta <= -1.0:
                            note += f"（按此读法理解的可能性较小 {delta:+.1f}）"
                        elif delta >= 1.0:
                            note += f"（此读法最可能 {delta:+.1f}）"
            total += w
            if comps is not None:
                comp = self.comparisons[k]
                comps.append(Component(comp.name, comp.title, level, res.label, float(w),
                                       res.explanation + note))
        return total, comps

    def _components(self, results: list[LevelResult],
                    rarity: dict[str, float] | None = None) -> tuple[float, list[Component]]:
        total, comps = self._weigh(results, rarity, explain=True)
        return total, comps or []

    def score_pair(self, intake_features: tuple, report_features: tuple,
                   n_reports: int, rarity: dict[str, float] | None = None) -> Score:
        """One pair on its own (no competing candidates)."""
        return self.score_candidates(intake_features, [report_features], n_reports,
                                     [rarity] if rarity else None)[0]

    def score_candidates(self, intake_features: tuple, reports_features: Sequence[tuple],
                         n_reports: int, rarities: Sequence[dict[str, float]] | None = None,
                         chance=None) -> list[Score]:
        """Score an intake's candidates together: they compete for one true report.

        rarities: per report, key kind -> rarity (log2 N/df) of the rarest
        blocking key of that kind the pair shares (Matcher.shared_rarities),
        for the term-frequency adjustment. chance: the database's chance shift
        (chance.ChanceShift) or None. Each Score's explanation is built when
        first read.
        """
        prior = prior_log2_odds(self.weights.p_intake_has_report, n_reports)
        weighed = []
        for k, rf in enumerate(reports_features):
            results = self.levels(intake_features, rf)
            rarity = rarities[k] if rarities else None
            total, _ = self._weigh(results, rarity)
            weighed.append((prior + total, results, rarity))
        if not weighed:
            return []
        totals = np.array([t for t, _, _ in weighed], dtype=np.float64)
        scores = [Score(0.0, float(t), None, prior, float(lo), levels=results,
                        build=self._explainer(results, rarity))
                  for (t, results, rarity), lo in zip(weighed, competing_log2_odds(totals))]
        return self.recalibrate(scores, n_reports, chance)

    def _explainer(self, results: list[LevelResult], rarity: dict[str, Any] | None
                   ) -> Callable[[], list[Component]]:
        return lambda: self._components(results, rarity)[1]

    def recalibrate(self, scores: Sequence[Score], n_reports: int, chance=None) -> list[Score]:
        """Probabilities of one intake's candidates from their competing log2-odds
        (Score.log2_odds), under a chance shift (or none): scoring does this, and
        `tracing match --all` again once it has measured the database's shift.
        Any earlier chance component is replaced; the order never changes."""
        if not scores:
            return []
        lo = np.array([s.log2_odds for s in scores], dtype=np.float64)
        shift = np.zeros_like(lo) if chance is None else np.maximum(chance.at(lo), 0.0)
        shift[shift < CHANCE_MIN_SHIFT] = 0.0
        cal = self.weights.calibration
        by = cal.get("by") or (cal.get("maps") or [{}])[0].get("by")
        by_labels = None
        if by and any(c.name == by for c in self.comparisons):
            by_labels = [calibration_label(s.levels, by) for s in scores]
        probs = coherent(apply_calibration(cal, lo - shift, by_labels, n_reports))
        out = []
        for s, p, d in zip(scores, probs, shift):
            d = float(d)
            out.append(Score(float(p), s.raw_total - d, None, s.prior_weight, s.log2_odds, d,
                             levels=s._levels, build=_with_chance(s, chance, d)))
        return out


def _with_chance(score: Score, chance, shift: float) -> Callable[[], list[Component]]:
    """A recalibrated score's components: the old ones without any earlier
    chance line, plus this shift's line when there is one."""
    def build() -> list[Component]:
        comps = [c for c in score.components if c.comparison != CHANCE_COMPARISON]
        return comps + [chance.component(shift)] if shift > 0.0 else comps
    return build


def conditional_on(spec: dict[str, Any] | None) -> tuple[str, ...]:
    """The comparisons a conditional weight table depends on (one or several)."""
    if not spec or not spec.get("on"):
        return ()
    on = spec["on"]
    return (on,) if isinstance(on, str) else tuple(on)


def tf_rarity(rarity: dict[str, Any], kinds: Sequence[str], level: int) -> float | None:
    """The rarity (bits) a term-frequency adjustment uses: the rarest shared key
    of the given kinds, or for a "~<comparison>" kind the rarity of the pair's
    level in the whole database (Model.level_rarities)."""
    found = []
    for kd in kinds:
        v = rarity.get(kd)
        if v is None:
            continue
        found.append(float(v[level]) if kd.startswith("~") else float(v))
    return max(found) if found else None


def level_adjustment(spec: dict[str, Any], label: str, value: float, cap: float) -> float:
    """A comparison's own per-intake adjustment at one level, centred on its
    mean over true pairs at that level (so the level's average weight stays
    what was estimated) and capped; 0 where it does not apply."""
    ref = spec.get("reference", {}).get(label)
    if ref is None or not math.isfinite(value):
        return 0.0
    return max(-cap, min(cap, value - float(ref)))


def coherent(probs: np.ndarray) -> np.ndarray:
    """At most one report is the intake's: scale the candidates' probabilities
    down when they sum past 1. The calibration maps are monotone per stratum,
    not joint, so two namesakes of equal evidence came out 0.74 and 0.68."""
    probs = np.asarray(probs, dtype=np.float64)
    total = float(probs.sum())
    return probs / total if total > 1.0 else probs


def competing_log2_odds(totals: np.ndarray) -> np.ndarray:
    """log2-odds of p_i = o_i / (1 + sum_j o_j), o = 2**total, computed stably."""
    totals = np.asarray(totals, dtype=np.float64)
    if totals.size == 0:
        return totals
    top = max(float(totals.max()), 0.0)
    o = np.exp2(totals - top)
    denom = np.exp2(-top) + o.sum()      # (1 + sum o) scaled by 2**-top
    rest = np.maximum(denom - o, 1e-300)  # 1 + sum_{j != i} o_j (scaled)
    return np.log2(np.maximum(o, 1e-300)) - np.log2(rest)


class _Failed:
    def __repr__(self) -> str:
        return "<prepare failed>"


_FAILED = _Failed()
