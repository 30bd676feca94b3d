"""The matching engine: comparisons (age, sex, height, marks, timeline), the
model (weights, calibration, explanations), the candidate index and the
synthetic generator. Pure library tests: no database."""
from __future__ import annotations

import csv
import json
import math
import random
from datetime import date
from typing import ClassVar

import numpy as np
import pytest

from matchers.base import LevelResult
from matchers.compare_age import AgeComparison, ReportBirth, age_levels_vectorised, parse_age_estimate
from matchers.compare_height import HeightComparison, IntakeHeight, ReportHeight, height_levels_vectorised
from matchers.compare_marks import MarksComparison, mark_keys, parse_marks
from matchers.compare_sex import SexComparison, sex_code
from matchers.compare_timeline import TimelineComparison, timeline_levels_vectorised
from matchers.engine import Matcher
from matchers.estimate import (CONTAMINATION, apply_contamination, collect_levels, conditional_weights,
                               fill_unobserved, fit_calibration, level_probabilities, monotone_weights, pav,
                               weight_se)
from matchers.index import CandidateIndex, report_columns
from matchers.model import (LevelWeight, MatchModel, Weights, apply_calibration, competing_log2_odds,
                            default_comparisons, prior_log2_odds)
from matchers.records import IntakeRecord, ReportRecord
from matchers.synth import CATEGORIES, SynthSet

# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def model() -> MatchModel:
    return MatchModel(strict=True)     # the shipped weights; comparison bugs raise


@pytest.fixture(scope="module")
def small_world():
    """2,000 synthetic reports and 120 intakes with their index."""
    synth = SynthSet(seed=4242, n_reports=2000, n_intakes=120)
    index = CandidateIndex.build((i, rep) for i, rep, _t in synth.reports())
    return synth, index


def _matcher(model, synth, index, **kw) -> Matcher:
    return Matcher(model, index, lambda ids: {i: synth.report_at(i)[0] for i in ids}, **kw)


def _report(ref="R1", **kw) -> ReportRecord:
    base = dict(ref=ref, name="刘建国", sex="男", birth_year=1959, hometown="湖南省永州市双牌县五里牌镇东岭村",
                missing_date=date(2015, 3, 1), missing_place="永州市双牌县", height_cm=168,
                features="左手缺小指，脸上有颗黑痣", dialect="")
    base.update(kw)
    return ReportRecord(**base)


def _intake(ref="I1", **kw) -> IntakeRecord:
    base = dict(ref=ref, name="牛建国", sex="男", age_min=60, age_max=70, found_date=date(2024, 5, 1),
                found_place="广州市火车站", height_cm=166, features="左手小拇指残缺",
                dialect="湖南口音", place_hints=["双牌"])
    base.update(kw)
    return IntakeRecord(**base)


# --------------------------------------------------------------------------- age


@pytest.mark.parametrize("text,expected", [
    ("约45岁", (40, 50)), ("40-50", (40, 50)), ("40多岁", (40, 49)), ("六十来岁", (55, 65)),
    ("四五十岁", (40, 59)), ("60岁左右", (55, 65)), ("七十五岁", (70, 80)), ("中年", (40, 60)),
    ("５０岁", (45, 55)), ("40至50岁", (40, 50)), ("30岁出头", (30, 34)),
    # forms staff also write: decades of life, neighbouring ages, idioms, "or more"
    ("六旬", (60, 69)), ("约五旬", (50, 59)), ("七八十岁", (70, 89)), ("十七八岁", (14, 21)),
    ("三十七八岁", (34, 41)), ("五六岁", (3, 8)), ("六十七岁", (62, 72)), ("花甲", (60, 69)),
    ("古稀之年", (70, 79)), ("60岁以上", (60, 80)), ("60+", (60, 80)), ("年龄不详", (None, None)),
    ("4、50岁", (40, 59)), ("7,80", (70, 89)), ("五十好几", (53, 59)), ("三十不到", (15, 30)),
    ("四十大几", (46, 49)), ("年过半百", (50, 70)), ("半百", (45, 55)), ("七十往上", (70, 90)),
    ("看不出", (None, None)), ("说不清", (None, None)),
])
def test_age_estimates_as_staff_write_them_parse_to_ranges(text, expected):
    assert parse_age_estimate(text) == expected


@pytest.mark.parametrize("garbage", ["", "不详", "abc", None, "999岁", "-5", float("nan"), [], "岁岁岁"])
def test_unreadable_age_estimates_give_no_range_instead_of_raising(garbage):
    assert parse_age_estimate(garbage) == (None, None)


def test_a_birth_year_or_decade_is_an_age_only_at_a_known_date():
    assert parse_age_estimate("60后") == (None, None)
    assert parse_age_estimate("60后", ref_year=2024) == (54, 64)
    assert parse_age_estimate("00后", ref_year=2024) == (14, 24)
    assert parse_age_estimate("约1960年出生", ref_year=2010) == (46, 53)


def test_age_levels_grade_the_gap_and_allow_misjudged_rough_sleepers():
    c = AgeComparison()
    intake = c.prepare_intake(_intake(age_min=60, age_max=70, found_date=date(2024, 5, 1)))
    level = {by: c.compare(intake, ReportBirth(by, None, None)).label
             for by in (1959, 1962, 1951, 1946, 1938, 1990)}
    assert level[1959] == "centre" and level[1962] == "within"
    assert level[1951] == "close"          # 72-73 vs 60-70
    assert level[1946] == "near"           # 8 years off: staff misjudge rough sleepers
    assert level[1938] == "far"
    assert level[1990] == "impossible"


def test_a_child_taken_for_a_grown_up_is_not_a_mere_misjudgement():
    """Staff misjudge a rough sleeper's age by ten years, not a child's: the same
    gap in years weighs as a larger one when the report's person is young."""
    c = AgeComparison()
    found = date(2025, 6, 1)
    grown = c.prepare_intake(_intake(age_min=20, age_max=29, found_date=found))
    old = c.prepare_intake(_intake(age_min=60, age_max=69, found_date=found))
    young = c.prepare_intake(_intake(age_min=3, age_max=6, found_date=found))
    assert c.compare(old, ReportBirth(1944, None, None)).label == "near"           # 80-81 vs 60-69: 11 off
    child = c.compare(grown, ReportBirth(2017, None, None))                         # 7-8 vs 20-29: 12 off
    assert child.label == "impossible" and "儿童" in child.explanation
    assert c.compare(grown, ReportBirth(2015, None, None)).label == "far"           # 9-10: 10 off
    teen = c.prepare_intake(_intake(age_min=25, age_max=29, found_date=found))
    assert c.compare(teen, ReportBirth(2009, None, None)).label == "far"            # 15-16 vs 25-29: 9 off
    assert c.compare(teen, ReportBirth(1985, None, None)).label == "near"           # 39-40: 10 off, a grown-up
    # a few years off is as common for a child as for anyone
    assert c.compare(young, ReportBirth(2014, None, None)).label == "close"         # 10-11 vs 3-6: 4 off
    assert c.compare(young, ReportBirth(2018, None, None)).label in ("within", "centre")


def test_a_full_birth_date_narrows_the_age_compared_with_a_year():
    c = AgeComparison()
    intake = c.prepare_intake(_intake(age_min=50, age_max=60, found_date=date(2024, 3, 1)))
    # born 1974-06: 49 on the found date (one year short); year only: could be 49 or 50
    assert c.compare(intake, ReportBirth(1974, 6, 15)).label == "close"
    assert c.compare(intake, ReportBirth(1974, None, None)).label in ("within", "centre")


def test_vectorised_age_height_and_timeline_levels_agree_with_the_comparisons():
    rng = random.Random(3)
    age, height, tl = AgeComparison(), HeightComparison(), TimelineComparison()
    found = date(2023, 7, 9)
    for _ in range(300):
        lo = rng.randint(1, 90)
        hi = lo + rng.choice((0, 5, 9, 10))
        by = rng.randint(1900, 2030)
        a = age.prepare_intake(_intake(age_min=lo, age_max=hi, found_date=found))
        assert age.compare(a, ReportBirth(by, None, None)).level == \
            age_levels_vectorised(lo, hi, found.year, np.array([by]))[0]
        h1, h2 = rng.randint(120, 200), rng.randint(120, 200)
        assert height.compare(IntakeHeight(float(h1), 0), ReportHeight(float(h2))).level == \
            height_levels_vectorised(h1, np.array([h2]))[0]
        md = date.fromordinal(found.toordinal() + rng.randint(-3000, 9000) * (1 if rng.random() < .5 else -1))
        assert tl.compare(found, tl.prepare_report(_report(missing_date=md))).level == timeline_levels_vectorised(found, np.array([md.toordinal()]))[0]


# --------------------------------------------------------------------------- sex, height, timeline


def test_sex_mismatch_is_a_level_not_an_exception_and_aliases_are_understood():
    c = SexComparison()
    assert c.compare(c.prepare_intake(_intake(sex="M")), c.prepare_report(_report(sex="男"))).label == "same"
    assert c.compare(c.prepare_intake(_intake(sex="女性")), c.prepare_report(_report(sex="男"))).label == "differ"
    assert c.compare(c.prepare_intake(_intake(sex="?")), c.prepare_report(_report())).level == 0


def test_a_height_range_agrees_anywhere_in_it_and_the_pre_rank_reads_the_intakes_range():
    """"190-195" written by a family against a station's "一米八五": 5 cm apart, not 7.5."""
    c = HeightComparison()
    ranged = c.prepare_report(_report(height_cm=192.5, height_spread_cm=2.5))
    assert c.compare(c.prepare_intake(_intake(height_cm=185)), ranged).label == "near"
    assert c.compare(c.prepare_intake(_intake(height_cm=185)), c.prepare_report(_report(height_cm=192.5))).label == "differ"
    assert c.compare(c.prepare_intake(_intake(height_cm=191)), ranged).label == "close"
    res = c.compare(c.prepare_intake(_intake(height_cm=182.5, height_spread_cm=2.5)), ranged)
    assert res.label == "near" and "180-185cm vs 190-195cm" in res.explanation
    vec = height_levels_vectorised(172.5, np.array([180, 178, 190]), 2.5)
    assert [c.levels[v] for v in vec] == ["near", "close", "far"]
    # garbage in the spread is no range
    assert c.prepare_intake(_intake(height_cm=170, height_spread_cm="宽")).spread == 0.0


def test_a_childs_height_at_the_missing_date_is_not_compared():
    c = HeightComparison()
    child = _report(birth_year=2008, missing_date=date(2015, 1, 1), height_cm=120)
    assert c.compare(c.prepare_intake(_intake(height_cm=170)), c.prepare_report(child)).level == 0
    adult = _report(height_cm=171)
    assert c.compare(c.prepare_intake(_intake(height_cm=168)), c.prepare_report(adult)).label == "close"


def test_found_long_before_going_missing_is_the_weakest_timeline_level():
    c = TimelineComparison()
    assert c.compare(date(2010, 1, 1), _missing(date(2015, 1, 1))).label == "found_before_missing"
    assert c.compare(date(2015, 6, 1), _missing(date(2015, 1, 1))).label == "within_1y"


def _missing(day: date, precision: str = "") -> tuple:
    return TimelineComparison().prepare_report(_report(missing_date=day, missing_date_precision=precision))


def test_a_missing_date_written_as_a_year_or_a_month_allows_any_day_of_it():
    """"2024年" is stored as 2024-07-01: found in June 2024 is not found before going missing."""
    c = TimelineComparison()
    june = date(2024, 6, 26)
    assert c.compare(june, _missing(date(2024, 7, 1))).label == "found_just_before"      # a day was written
    assert c.compare(june, _missing(date(2024, 7, 1), "year")).label == "within_1y"
    assert c.compare(date(2023, 12, 20), _missing(date(2024, 7, 1), "year")).label == "found_just_before"
    assert c.compare(date(2022, 1, 1), _missing(date(2024, 7, 1), "year")).label == "found_before_missing"
    assert c.compare(date(2024, 3, 2), _missing(date(2024, 3, 25), "month")).label == "within_1y"
    assert c.compare(date(2024, 2, 27), _missing(date(2024, 3, 25), "month")).label == "found_just_before"
    # found after the stored guess: counted from it, as before
    assert c.compare(date(2026, 7, 1), _missing(date(2024, 7, 1), "year")).label == "within_2y"
    # the pre-rank's column holds the earliest day: the same span is no contradiction there either
    report = _report(missing_date=date(2024, 7, 1), missing_date_precision="year")
    vec = timeline_levels_vectorised(june, np.array([report_columns(report)[3]]))
    assert c.levels[vec[0]] == "within_1y"


def test_a_missing_year_said_to_be_approximate_or_a_decade_allows_the_years_around_it():
    """"约1991年" (stored 1991-07-01) and "90年代" (stored 1995-07-01): found in 1990 or 1992."""
    c = TimelineComparison()
    assert c.compare(date(1989, 6, 1), _missing(date(1991, 7, 1), "year")).label == "found_before_missing"
    assert c.compare(date(1989, 6, 1), _missing(date(1991, 7, 1), "circa")).label == "found_just_before"
    assert c.compare(date(1990, 5, 1), _missing(date(1991, 7, 1), "circa")).label == "within_1y"
    assert c.compare(date(1988, 5, 1), _missing(date(1991, 7, 1), "circa")).label == "found_before_missing"
    assert c.compare(date(1992, 5, 1), _missing(date(1995, 7, 1), "decade")).label == "within_3y"
    assert c.compare(date(1988, 5, 1), _missing(date(1995, 7, 1), "decade")).label == "found_before_missing"
    assert "约1995年失踪" in c.compare(date(1992, 5, 1), _missing(date(1995, 7, 1), "decade")).explanation


def test_timeline_grades_the_years_between_missing_and_found_and_the_vectorised_levels_agree():
    """Most people are found within a few years: 1 year apart and 12 years apart are
    different evidence (one 'within 5 years' / 'over 5 years' split lost most of it)."""
    c = TimelineComparison()
    found = date(2024, 1, 1)
    missing = [date(2023, 6, 1), date(2022, 6, 1), date(2021, 1, 1), date(2019, 6, 1), date(2017, 1, 1),
               date(2015, 1, 1), date(2010, 1, 1), date(2000, 1, 1), date(2024, 6, 1), date(2026, 1, 1)]
    labels = [c.compare(found, _missing(m)).label for m in missing]
    assert labels == ["within_1y", "within_2y", "within_3y", "within_5y", "within_7y", "within_10y",
                      "within_15y", "over_15y", "found_just_before", "found_before_missing"]
    vec = timeline_levels_vectorised(found, np.array([m.toordinal() for m in missing] + [0]))
    assert [c.levels[v] for v in vec] == labels + ["null"]
    assert [c.levels.index(lab) for lab in labels[:8]] == sorted((c.levels.index(lab) for lab in labels[:8]),
                                                                  reverse=True)


def test_a_child_missing_long_ago_and_found_grown_up_has_its_own_timeline_level():
    """20 years apart is common for a child lost at six and found as an adult, rare for a man
    lost at forty: the two must not share one weight."""
    c = TimelineComparison()
    found = date(2024, 5, 1)
    child = _report(ref="C", birth_year=1998, missing_date=date(2004, 6, 1))
    adult = _report(ref="A", birth_year=1964, missing_date=date(2004, 6, 1))
    recent_child = _report(ref="K", birth_year=2015, missing_date=date(2021, 6, 1))
    unknown_birth = _report(ref="U", birth_year=None, missing_date=date(2004, 6, 1))
    born_after = _report(ref="B", birth_year=2010, missing_date=date(2004, 6, 1))   # a birth year mistyped
    res = c.compare(found, c.prepare_report(child))
    assert res.label == "grown_up" and "失踪时约6岁" in res.explanation
    assert c.compare(found, c.prepare_report(adult)).label == "over_15y"
    assert c.compare(found, c.prepare_report(recent_child)).label == "within_3y"
    assert c.compare(found, c.prepare_report(unknown_birth)).label == "over_15y"
    assert c.compare(found, c.prepare_report(born_after)).label == "over_15y"
    reports = [child, adult, recent_child, unknown_birth, born_after]
    index = CandidateIndex.build(enumerate(reports))
    slots = np.array([index.slot_of[i] for i in range(len(reports))])
    pre = [c.levels[v] for v in index._timeline_levels(found, slots)]
    assert pre == [c.compare(found, c.prepare_report(r)).label for r in reports]
    cols = np.array([report_columns(r) for r in reports])
    vec = timeline_levels_vectorised(found, cols[:, 3], cols[:, 1])
    assert [c.levels[v] for v in vec] == pre


def _height_world(seed: int = 5) -> CandidateIndex:
    """4,000 adult reports, men around 170 cm and women around 157 cm."""
    rng = random.Random(seed)
    reports = [ReportRecord(f"r{i}", sex="男" if i % 2 else "女", birth_year=1970,
                            missing_date=date(2020, 1, 1),
                            height_cm=float(round(rng.gauss(170, 5) if i % 2 else rng.gauss(157, 5))))
               for i in range(4000)]
    return CandidateIndex.build(enumerate(reports))


def test_agreeing_on_a_height_uncommon_for_the_sex_is_rarer_than_on_a_common_one():
    """A term-frequency window like age's: 170 cm is common for a man and tall for
    a woman, so a woman of 170 cm agreeing with a report says more."""
    index = _height_world(seed=3)
    hc = HeightComparison()
    close = hc.levels.index("close")

    def rarity(sex, cm):
        counts = hc.level_counts(hc.prepare_intake(IntakeRecord("i", sex=sex, height_cm=cm)), index)
        assert counts.sum() == pytest.approx(len(index))      # scaled to the whole database
        return math.log2(len(index) / counts[close])

    assert rarity("女", 170) > rarity("男", 170) + 1.5
    assert rarity("男", 157) > rarity("女", 157) + 1.5
    assert hc.compare(hc.prepare_intake(IntakeRecord("i", sex="女", height_cm=170)), ReportHeight(171.0)).label == "close"


def _height_component(model, index, intake, report):
    """The height component of one pair scored the way Matcher scores it (with the
    database-wide rarities of the intake's windows)."""
    fi = model.prepare_intake(intake)
    rarity = model.level_rarities(fi, index)
    score = model.score_pair(fi, model.prepare_report(report), len(index), rarity)
    return next(c for c in score.components if c.comparison == "height")


def test_a_tall_woman_agreeing_in_height_with_a_man_gets_no_rarity_bonus():
    """The rarity of 178 cm was counted among women; the report is a man, among whom
    178 cm is ordinary, so the pair keeps the level's plain weight."""
    model, index = MatchModel(), _height_world()
    intake = IntakeRecord("i", sex="女", height_cm=178, age_min=40, age_max=50)
    woman = ReportRecord("w", sex="女", birth_year=1975, missing_date=date(2020, 1, 1), height_cm=178)
    man = ReportRecord("m", sex="男", birth_year=1975, missing_date=date(2020, 1, 1), height_cm=178)
    with_woman = _height_component(model, index, intake, woman)
    with_man = _height_component(model, index, intake, man)
    assert with_woman.label == with_man.label == "close"
    assert with_woman.weight > with_man.weight + 2.0
    assert "较罕见" in with_woman.explanation and "较罕见" not in with_man.explanation


def test_a_child_agreeing_with_a_short_report_gets_no_rarity_bonus():
    """Reports keep adults' heights only, so 124 cm is rare among them; that says
    nothing about whether a child's true report agrees on it."""
    model, index = MatchModel(), _height_world()
    report = ReportRecord("r", sex="男", height_cm=123)          # no birth year: height kept
    child = IntakeRecord("c", sex="男", height_cm=124, age_min=6, age_max=12)
    adult = IntakeRecord("a", sex="男", height_cm=124, age_min=30, age_max=40)
    as_child = _height_component(model, index, child, report)
    as_adult = _height_component(model, index, adult, report)
    assert as_child.label == as_adult.label == "close"
    assert as_adult.weight > as_child.weight + 2.0
    assert "较罕见" not in as_child.explanation


# --------------------------------------------------------------------------- marks


def test_paraphrased_missing_finger_is_a_rare_strong_match():
    c = MarksComparison()
    res = c.compare(parse_marks("左手缺小指"), parse_marks("左手小拇指残缺"))
    assert res.label == "strong_rare"
    assert "左手缺小指" in res.explanation and "左手小拇指残缺" in res.explanation


def test_same_mark_on_the_other_side_is_flagged_and_weaker_than_a_match():
    c = MarksComparison()
    res = c.compare(parse_marks("右手缺小指"), parse_marks("左手小拇指残缺"))
    assert res.label == "side_conflict"
    assert res.level < c.compare(parse_marks("左手缺小指"), parse_marks("左手小拇指残缺")).level


def test_marks_parse_kind_part_and_side_from_free_text():
    marks = parse_marks("額頭有疤；右臂纹有一条龙，面部有颗痦子")   # traditional 額 too
    kinds = {(m.kind, m.part, m.side) for m in marks}
    assert ("疤", "额", None) in kinds
    assert ("纹身", "手臂", "右") in kinds
    assert ("痣", "脸", None) in kinds
    assert mark_keys(marks)


@pytest.mark.parametrize("intake,report", [
    ("右腿残疾", "右腿瘸"), ("左手有六根手指", "左手六指"), ("肚脐旁有黑痣", "腹部有黑痣"),
    ("脸上有个黑点", "面部有颗痣"), ("左手没了小指", "左手缺小指"), ("左耳聋", "左耳失聪"), ("头顶秃", "秃顶"),
    ("腹部有一块记", "肚子上有胎记"), ("后背有块青色记", "背部有青色胎记"), ("胸口有红色记", "胸前有胎记"),
])
def test_paraphrases_families_and_staff_both_use_agree(intake, report):
    assert MarksComparison().compare(parse_marks(intake), parse_marks(report)).label in ("strong", "strong_rare")


def test_a_scar_somewhere_on_the_body_is_vague_not_a_trunk_scar():
    # "身上有疤" says where nothing: it neither contradicts a scalp scar nor
    # agrees as precisely as a back scar would
    c = MarksComparison()
    assert parse_marks("身上有疤痕")[0].part is None
    assert c.compare(parse_marks("身上有疤痕"), parse_marks("头皮上有烫伤疤")).label == "partial"
    assert c.compare(parse_marks("身上有疤痕"), parse_marks("后背留有疤")).label == "partial"
    assert c.compare(parse_marks("后背有疤"), parse_marks("背部留有疤")).label == "strong"


def test_a_mark_noted_on_one_side_only_is_its_own_level_and_clothing_is_no_mark():
    # families leave marks out, but not always: absence is weighed (from data), not ignored
    c = MarksComparison()
    one = c.compare(parse_marks("身材偏瘦，穿蓝色外套"), parse_marks("左脚六指"))
    assert one.label == "one_side" and "左脚六指" in one.explanation
    many = c.compare(parse_marks("左手缺小指，额头有疤"), parse_marks(""))
    assert many.label == "one_side_many"
    assert c.compare(parse_marks("戴眼镜"), parse_marks("")).label == "neither"
    assert c.levels.index("one_side_many") < c.levels.index("one_side") < c.levels.index("neither")
    assert c.levels.index("neither") < c.levels.index("side_conflict")


# --------------------------------------------------------------------------- model


def test_registry_lists_each_comparison_once_with_a_null_level_first():
    comps = default_comparisons()
    names = [c.name for c in comps]
    assert len(names) == len(set(names))
    assert {"name", "place", "dialect", "age", "sex", "height", "marks", "timeline"} <= set(names)
    assert all(c.levels[0] == "null" for c in comps)


def test_shipped_weights_cover_every_registered_comparison(model):
    for comp in model.comparisons:
        assert comp.name in model.weights.comparisons, comp.name
        assert set(comp.levels) == set(model.weights.comparisons[comp.name]), comp.name


def test_null_levels_weigh_zero(model):
    empty_i, empty_r = IntakeRecord(ref="x"), ReportRecord(ref="y")
    score = model.score_pair(model.prepare_intake(empty_i), model.prepare_report(empty_r), 1000)
    # empty records say nothing, except that neither notes a mark (most people have none)
    marks = next(c for c in score.components if c.comparison == "marks")
    assert marks.label == "neither"
    assert all(c.level == 0 and c.weight == 0 for c in score.components if c is not marks)
    assert score.total_weight == pytest.approx(score.prior_weight + marks.weight)
    for comp in model.comparisons:
        assert model.level_weights(comp.name)[0] == 0.0


def test_calibrated_probability_stays_between_zero_and_one(model):
    x = np.linspace(-200, 200, 401)
    p = apply_calibration(model.weights.calibration, x)
    assert np.all((p >= 0) & (p <= 1))
    assert np.all(np.diff(p) >= -1e-12), "calibration must be monotone"
    fi, fr = model.prepare_intake(_intake()), model.prepare_report(_report())
    for n in (1, 20_000, 1_000_000):
        assert 0.0 <= model.score_pair(fi, fr, n).probability <= 1.0


def test_dialect_heard_name_with_matching_clues_scores_high_and_explains_itself(model):
    score = model.score_pair(model.prepare_intake(_intake()), model.prepare_report(_report()), 20_000)
    assert score.probability > 0.9
    lines = score.explain()
    name_line = next(line for line in lines if line.startswith("姓名"))
    assert "n/l" in name_line and "+" in name_line
    assert any(line.startswith("体貌") for line in lines)
    payload = json.loads(json.dumps(score.to_dict(), ensure_ascii=False))
    assert set(payload["components"][0]) == {"comparison", "title", "level", "label", "weight", "explanation"}


def test_more_reports_in_the_database_lower_the_prior():
    assert prior_log2_odds(0.6, 1_000_000) < prior_log2_odds(0.6, 20_000) < 0


def test_identical_candidates_share_the_probability_of_being_the_one():
    one = competing_log2_odds(np.array([10.0]))
    two = competing_log2_odds(np.array([10.0, 10.0]))
    assert two[0] < one[0]
    p2 = 1 / (1 + 2.0 ** -two)
    assert p2.sum() < 1.0


class _Dummy:
    """A comparison added later: it must not change anyone else's weights."""

    name: ClassVar[str] = "dummy"
    title: ClassVar[str] = "测试"
    levels: ClassVar[tuple[str, ...]] = ("null", "no", "yes")

    def prepare_intake(self, intake):
        return len(intake.ref) % 3

    def prepare_report(self, report):
        return len(report.ref) % 2

    def compare(self, a, b):
        return LevelResult(self.name, a % 3, self.levels[a % 3], "")


def test_adding_a_comparison_leaves_the_other_weights_unchanged():
    base = [c for c in default_comparisons()]
    synth = SynthSet(seed=77, n_reports=600, n_intakes=60)
    plain = MatchModel(base, weights=Weights())
    more = MatchModel(base + [_Dummy()], weights=Weights())
    t1, r1 = collect_levels(plain, synth, 8, random.Random(5))
    t2, r2 = collect_levels(more, synth, 8, random.Random(5))
    assert np.array_equal(t1, t2[:, :-1]) and np.array_equal(r1, r2[:, :-1])
    for k, comp in enumerate(base):
        n = len(comp.levels)
        assert np.allclose(level_probabilities(t1[:, k], n), level_probabilities(t2[:, k], n))


def test_a_comparison_without_estimated_weights_weighs_zero_and_leaves_others_alone(model):
    more = MatchModel(list(model.comparisons) + [_Dummy()], weights=model.weights, strict=True)
    fi, fr = _intake(), _report()
    a = model.score_pair(model.prepare_intake(fi), model.prepare_report(fr), 20_000)
    b = more.score_pair(more.prepare_intake(fi), more.prepare_report(fr), 20_000)
    assert [c.weight for c in b.components[:-1]] == [c.weight for c in a.components]
    assert b.components[-1].weight == 0.0
    assert b.total_weight == pytest.approx(a.total_weight)


_JUNK = ["", "\x00\x01", "🙂🙂", "ＬＩＵ　ＪＩＡＮＧＵＯ", "劉建國", "liu2 jian4 guo2", "Liú Jiànguó", "x" * 5000,
         "null", "None", "-1", "9" * 40, "？？？", "<script>", "听不懂的方言", "湖南口音湖南口音", "1959-13-45"]


def _junk_records(rng: random.Random, k: int, junk) -> tuple[IntakeRecord, ReportRecord]:
    intake = IntakeRecord(ref=f"J{k}", name=junk(), sex=junk(), age_min=rng.choice([None, -3, 200, 40]),
                          age_max=rng.choice([None, 0, 999, 50]),
                          found_date=rng.choice([None, date(2020, 1, 1), date(1, 1, 1), date(9999, 12, 31)]),
                          found_place=junk(), height_cm=rng.choice([None, -1.0, 0.0, 1e9, 170.0]),
                          features=junk(), dialect=junk(), place_hints=[junk(), junk()], id_number=junk())
    report = ReportRecord(ref=f"G{k}", name=junk(), alt_names=[junk()], sex=junk(),
                          birth_year=rng.choice([None, 0, -5, 1959, 3000]), birth_month=rng.choice([None, 0, 13, 6]),
                          birth_day=rng.choice([None, 0, 32, 15]), hometown=junk(),
                          missing_date=rng.choice([None, date(1, 1, 1), date(2015, 5, 5)]),
                          missing_place=junk(), height_cm=rng.choice([None, -1.0, 1e9, 160.0]),
                          features=junk(), dialect=junk())
    return intake, report


def test_garbage_text_in_every_field_never_raises(model, small_world):
    """Strict model: any comparison that raised would fail this test."""
    synth, index = small_world
    matcher = _matcher(model, synth, index)
    rng = random.Random(9)
    for k in range(60):
        intake, report = _junk_records(rng, k, lambda: rng.choice(_JUNK))
        s = model.score_pair(model.prepare_intake(intake), model.prepare_report(report), 100)
        assert 0.0 <= s.probability <= 1.0 and math.isfinite(s.total_weight)
        matcher.rank(intake, top=5)
        index.add(10_000 + k, report)
    for k in range(60):
        assert index.remove(10_000 + k)


def test_values_of_the_wrong_type_are_contained_by_the_model():
    """Non-strict model (production): a comparison that cannot read a field is
    logged and weighs 0 for that pair instead of failing the whole ranking."""
    model = MatchModel()
    rng = random.Random(11)
    for k in range(30):
        junk = lambda: rng.choice(_JUNK + [None, 12345, 3.5, [], {}, b"\xff"])  # noqa: E731
        intake, report = _junk_records(rng, k, junk)
        intake.place_hints = junk()
        report.alt_names = junk()
        s = model.score_pair(model.prepare_intake(intake), model.prepare_report(report), 100)
        assert 0.0 <= s.probability <= 1.0 and math.isfinite(s.total_weight)


# --------------------------------------------------------------------------- index


def test_index_add_remove_update_and_persist_round_trip(tmp_path, model, small_world):
    synth, _ = small_world
    rows = [(i, synth.report_at(i)[0]) for i in range(300)]
    index = CandidateIndex.build(rows[:200])
    for i, rep in rows[200:]:
        index.add(i, rep)
    assert len(index) == 300
    assert index.remove(5) and not index.remove(5)
    renamed = synth.report_at(7)[0]
    renamed.name = "欧阳修远"
    index.update(7, renamed)
    assert len(index) == 299 and 5 not in index and 7 in index
    path = tmp_path / "idx.npz"
    index.save(path)
    loaded = CandidateIndex.load(path)
    assert len(loaded) == 299 and 5 not in loaded
    probe = IntakeRecord(ref="p", name="欧阳修远", sex=renamed.sex)
    ids, _ = loaded.query(probe, cap=5)
    assert ids[0] == 7
    for intake, _t in synth.intakes[:30]:
        a, pa = index.query(intake, cap=50)
        b, pb = loaded.query(intake, cap=50)
        assert set(a.tolist()) == set(b.tolist())


def test_loading_an_index_built_with_other_keys_fails_clearly(tmp_path, small_world):
    synth, _ = small_world
    index = CandidateIndex.build((i, synth.report_at(i)[0]) for i in range(20))
    index.keys_version = "something-else"
    index.save(tmp_path / "old.npz")
    with pytest.raises(ValueError, match="rebuild"):
        CandidateIndex.load(tmp_path / "old.npz")


def test_no_name_intake_still_gets_candidates_from_region_age_and_sex(model):
    reports = [_report(ref=f"R{i}", name=n, hometown=h, sex=s, birth_year=by)
               for i, (n, h, s, by) in enumerate([
                   ("王小明", "湖南省永州市双牌县五里牌镇东岭村", "男", 1958),
                   ("李大海", "湖南省永州市双牌县", "男", 1990),
                   ("张秀英", "四川省南充市", "女", 1958),
                   ("赵国强", "黑龙江省哈尔滨市", "男", 1957)])]
    index = CandidateIndex.build(enumerate(reports))
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})
    intake = _intake(name="", features="", dialect="湖南口音", place_hints=["东岭村"], height_cm=None)
    ranked = matcher.rank(intake, top=4)
    assert ranked and ranked[0].report_id == 0
    bare = _intake(name="无法表述", features="", dialect="", place_hints=[], height_cm=None)
    assert matcher.rank(bare, top=4), "age and sex alone must still give candidates"


def test_reports_listing_the_heard_nickname_do_not_crowd_the_true_report_out_of_the_candidates(model):
    # 40 families wrote 小华 as their person's other name; the intake's 小华 is
    # 黄国华's, whose report shares only the syllable 华. Each 小华 report shares
    # eleven name keys with the intake (F, G, S, and every dialect reading's C
    # and N); counted eleven times, they out-pre-scored 黄国华 by more than the
    # pre-score margin and he was never fully scored.
    rng = random.Random(7)
    surnames, givens = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严金魏陶", "明强军平辉勇杰涛斌超磊鹏伟刚"
    true = _report(ref="R0", name="黄国华", birth_year=1961, hometown="河南省周口市", missing_date=date(2023, 6, 1),
                   missing_place="周口市", features="", height_cm=None)
    decoys = [_report(ref=f"D{i}", name=rng.choice(surnames) + rng.choice(givens) + rng.choice(givens),
                      alt_names=["小华"], birth_year=1961, hometown="河南省周口市", missing_date=date(2023, 6, 1),
                      missing_place="周口市", features="", height_cm=None) for i in range(40)]
    fillers = [_report(ref=f"F{i}", name=rng.choice(surnames) + rng.choice(givens) + rng.choice(givens),
                       sex=rng.choice("男女"), birth_year=rng.randint(1940, 2010), hometown="",
                       missing_date=date(rng.randint(2000, 2024), 1, 1), features="", height_cm=None)
               for i in range(400)]
    reports = [true] + decoys + fillers
    index = CandidateIndex.build(enumerate(reports))
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})
    intake = _intake(name="小华", dialect="", place_hints=[], features="", height_cm=None, age_min=58, age_max=66)
    ids, _pre = matcher.candidates(intake)
    assert 0 in ids.tolist()


def test_a_hint_naming_several_places_agrees_by_chance_more_often_and_weighs_less(model):
    # "朝阳" is a district of 北京 and of 长春 and a county of 辽宁: a report from
    # any of them agrees with it, so agreeing is less telling than with "长春朝阳区"
    homes = (["吉林省长春市朝阳区"] * 2 + ["北京市朝阳区"] * 20 + ["辽宁省朝阳县"] * 10
             + ["湖南省永州市双牌县"] * 500 + ["四川省南充市顺庆区"] * 500)
    reports = [_report(ref=f"R{i}", name="", hometown=h) for i, h in enumerate(homes)]
    index = CandidateIndex.build(enumerate(reports))
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})

    def place_weight(hints):
        match = matcher.score_pairs(_intake(name="", place_hints=hints), [0])[0]
        comp = next(c for c in match.score.components if c.comparison == "place")
        assert comp.label == "county"
        return comp.weight

    # the group holds 32 reports, the one reading 2: log2(32 / 2) = 4 bits less
    assert place_weight(["朝阳"]) == pytest.approx(place_weight(["长春朝阳区"]) - 4, abs=0.01)


def test_the_true_report_ranks_first_for_full_names_on_a_small_generated_set(model, small_world):
    synth, index = small_world
    matcher = _matcher(model, synth, index)
    full = [(i, t) for i, t in synth.intakes
            if t.true_index is not None and t.category in ("full_exact", "homophone", "dialect", "pinyin")]
    assert len(full) >= 20
    first = sum(1 for i, t in full if (r := matcher.rank(i, top=10)) and r[0].report_id == t.true_index)
    assert first / len(full) >= 0.9


def test_rank_and_score_pairs_agree(model, small_world):
    synth, index = small_world
    matcher = _matcher(model, synth, index)
    intake = next(i for i, t in synth.intakes if t.category == "full_exact" and t.true_index is not None)
    ids, _ = matcher.candidates(intake)
    ranked = matcher.rank(intake, top=len(ids))
    scored = {m.report_id: m.score.probability for m in matcher.score_pairs(intake, ids.tolist())}
    for m in ranked:
        assert m.score.probability == pytest.approx(scored[m.report_id])


def test_every_ranked_explanation_adds_up_to_its_score_and_is_built_only_when_read(model, small_world):
    """Explanations are built on first read (most of an intake's candidates are
    never shown); they must still be exactly the evidence the score was added from."""
    synth, index = small_world
    matcher = _matcher(model, synth, index)
    checked = 0
    for intake, _t in synth.intakes[:40]:
        ids, _ = matcher.candidates(intake)
        for m in matcher.score_pairs(intake, ids.tolist()):
            assert m.score._build is not None          # nothing built while ranking
            comps = m.score.components
            assert sum(c.weight for c in comps) + m.score.prior_weight == pytest.approx(m.score.total_weight)
            assert [c.comparison for c in comps] == [c.name for c in model.comparisons]
            assert m.score.components is comps         # built once
            checked += 1
    assert checked > 200


def test_a_recalibrated_score_explains_its_chance_shift_once():
    from matchers.chance import CENTRES, ChanceShift
    model = MatchModel(strict=True)
    fi = model.prepare_intake(_intake())
    scores = model.score_candidates(fi, [model.prepare_report(_report()), model.prepare_report(_report("R2"))], 20000)
    shift = ChanceShift(tuple([1.0] * len(CENTRES)))
    twice = model.recalibrate(model.recalibrate(scores, 20000, shift), 20000, shift)
    for before, after in zip(scores, twice):
        lines = [c for c in after.components if c.comparison == "chance"]
        assert len(lines) == 1 and lines[0].weight == pytest.approx(-after.chance)
        assert after.total_weight == pytest.approx(before.total_weight - after.chance)
        assert sum(c.weight for c in after.components) + after.prior_weight == pytest.approx(after.total_weight)


# --------------------------------------------------------------------------- estimation helpers


def test_isotonic_calibration_is_monotone_and_shrinks_tiny_blocks():
    rng = np.random.default_rng(1)
    x = rng.normal(0, 4, 3000)
    y = (rng.random(3000) < 1 / (1 + 2.0 ** -x)).astype(int)
    cx, cy = pav(x, y)
    assert np.all(np.diff(cy) >= 0) and 0 < cy[0] and cy[-1] < 1


def test_calibration_picks_logistic_for_logistic_data_and_isotonic_for_a_step():
    rng = np.random.default_rng(2)
    x = rng.normal(0, 4, 6000)
    smooth = (rng.random(6000) < 1 / (1 + np.exp(-(0.5 * x - 1.0)))).astype(int)
    cal = fit_calibration(x, smooth, ["exact"] * len(x), {"exact": "strong"})
    curve = cal["curves"]["strong"]
    assert curve["method"] == "platt"
    assert abs(curve["a"] - 0.5) < 0.1 and abs(curve["b"] + 1.0) < 0.2
    # a step no logistic curve can follow: isotonic wins on held-out pairs
    step = ((x > 2) & (rng.random(6000) < 0.9) | (x <= 2) & (rng.random(6000) < 0.05)).astype(int)
    assert fit_calibration(x, step, ["exact"] * len(x), {"exact": "strong"})["curves"]["strong"]["method"] == "isotonic"
    p = apply_calibration(cal, np.array([-20.0, 0.0, 20.0]), ["exact"] * 3)
    assert np.all(np.diff(p) > 0) and 0 < p[0] < p[-1] < 1


def test_a_level_with_enough_pairs_gets_its_own_calibration_and_a_sparse_one_its_groups():
    # two levels in one weight group: at equal raw odds "given_name" pairs are right
    # far less often than "exact" ones; a rare level borrows the group's map
    rng = np.random.default_rng(3)
    x = rng.normal(0, 4, 8000)
    labels = np.where(rng.random(8000) < 0.5, "exact", "given_name").astype(object)
    labels[:40] = "homophone"
    shift = np.where(labels == "given_name", -2.0, 1.0)
    y = (rng.random(8000) < 1 / (1 + np.exp(-(0.7 * x + shift)))).astype(int)
    strata = {"exact": "strong", "given_name": "strong", "homophone": "strong"}
    cal = fit_calibration(x, y, list(labels), strata)
    assert cal["strata"] == {"exact": "L:exact", "given_name": "L:given_name", "homophone": "strong"}
    p_exact, p_given = apply_calibration(cal, np.array([0.0, 0.0]), ["exact", "given_name"])
    assert p_exact > 0.6 and p_given < 0.2


class _Three:
    """A comparison whose level the test sets directly (three agreement levels)."""

    def __init__(self, name):
        self.name, self.title, self.levels = name, name, ("null", "no", "yes")

    def prepare_intake(self, r):
        return getattr(r, "_" + self.name)

    def prepare_report(self, r):
        return 0

    def compare(self, a, b):
        return LevelResult(self.name, a, self.levels[a], self.levels[a])


def test_a_comparison_can_be_weighed_given_two_others_jointly():
    comps = [_Three("a"), _Three("b"), _Three("c")]
    rng = np.random.default_rng(3)
    # non-pairs: c agrees whenever a or b agrees (it says the same thing), by chance otherwise
    rand = rng.integers(1, 3, size=(20000, 3))
    rand[:, 2] = np.where((rand[:, 0] == 2) | (rand[:, 1] == 2), 2, np.where(rng.random(20000) < 0.1, 2, 1))
    true = np.where(rng.random((4000, 3)) < [0.7, 0.7, 0.9], 2, 1)
    m = [level_probabilities(true[:, k], 3) for k in range(3)]
    u = [level_probabilities(rand[:, k], 3) for k in range(3)]
    cond = conditional_weights(MatchModel(comps, weights=Weights()), true, rand, m, u, pairs={"c": ("a", "b")})
    assert cond["c"]["on"] == ["a", "b"]
    table = cond["c"]["weights"]
    # given an agreement on a or b, c's agreement adds (almost) nothing; given neither, it is strong
    assert table["yes|no"]["yes"] < 0.5 and table["no|yes"]["yes"] < 0.5
    assert table["no|no"]["yes"] > 2.5
    w = Weights(comparisons={}, conditional=cond)
    model = MatchModel(comps, weights=w)
    rec = lambda a, b, c: type("R", (), {"ref": "x", "_a": a, "_b": b, "_c": c})()  # noqa: E731
    both = model.score_pair(model.prepare_intake(rec(1, 1, 2)), model.prepare_report(rec(0, 0, 0)), 100)
    one = model.score_pair(model.prepare_intake(rec(2, 1, 2)), model.prepare_report(rec(0, 0, 0)), 100)
    c_weight = lambda s: next(c.weight for c in s.components if c.comparison == "c")  # noqa: E731
    assert c_weight(both) == pytest.approx(table["no|no"]["yes"])
    assert c_weight(one) == pytest.approx(table["yes|no"]["yes"])


def test_a_level_never_seen_in_training_weighs_what_the_next_weaker_one_does():
    """Laplace smoothing alone would give an unseen agreement log2(non-pairs / pairs),
    several bits of evidence nobody observed."""
    comps = [_Three("a"), _Four("c")]
    rng = np.random.default_rng(5)
    rand = np.column_stack([rng.integers(1, 3, 30000), np.where(rng.random(30000) < 0.1, 2, 1)])
    true = np.column_stack([np.where(rng.random(800) < 0.7, 2, 1), np.where(rng.random(800) < 0.8, 2, 1)])
    m = [level_probabilities(true[:, 0], 3), level_probabilities(true[:, 1], 4)]
    u = [level_probabilities(rand[:, 0], 3), level_probabilities(rand[:, 1], 4)]
    table = conditional_weights(MatchModel(comps, weights=Weights()), true, rand, m, u,
                                pairs={"c": "a"})["c"]["weights"]
    for cond in ("no", "yes"):
        assert table[cond]["best"] == pytest.approx(table[cond]["yes"])
    assert fill_unobserved(np.array([0.0, -2.0, 3.0, 9.0]), np.array([0, 5, 5, 0]),
                           np.array([0, 5, 5, 0])).tolist() == [0.0, -2.0, 3.0, 3.0]


def test_a_combination_no_pair_reached_takes_the_coarser_table_not_zero():
    """Before, such a cell weighed every level of the comparison at 0 bits: an accent
    from the other end of the country said nothing beside a town matched where the
    person went missing, a combination our training set never produced."""
    comps = [_Three("a"), _Three("c")]
    rng = np.random.default_rng(7)
    # a is never "yes" in training: the cell a=yes is empty
    rand = np.column_stack([np.ones(30000, dtype=int), np.where(rng.random(30000) < 0.1, 2, 1)])
    true = np.column_stack([np.ones(800, dtype=int), np.where(rng.random(800) < 0.8, 2, 1)])
    m = [level_probabilities(true[:, 0], 3), level_probabilities(true[:, 1], 3)]
    u = [level_probabilities(rand[:, 0], 3), level_probabilities(rand[:, 1], 3)]
    table = conditional_weights(MatchModel(comps, weights=Weights()), true, rand, m, u,
                                pairs={"c": "a"})["c"]["weights"]
    assert table["no"]["yes"] > 2.0 and table["no"]["no"] < -1.0
    assert table["yes"] == pytest.approx(table["no"], abs=0.5)


class _Four(_Three):
    def __init__(self, name):
        self.name, self.title, self.levels = name, name, ("null", "no", "yes", "best")


def test_noisy_order_violations_are_pooled_but_certain_ones_stay():
    w = np.array([0.0, -3.0, -6.0, 1.0])
    noisy = monotone_weights(w, weight_se(np.array([0, 1, 0, 500.0]), np.array([0, 900, 50, 500.0])))
    assert noisy[1] == noisy[2] and noisy[3] == 1.0
    sure = monotone_weights(w, weight_se(np.array([0, 800, 900, 500.0]), np.array([0, 900, 5000, 500.0])))
    assert list(sure) == list(w)


# --------------------------------------------------------------------------- synthetic data


def test_synthetic_world_is_reproducible_and_labelled():
    a = SynthSet(seed=5, n_reports=3000, n_intakes=200)
    b = SynthSet(seed=5, n_reports=3000, n_intakes=200)
    assert a.report_at(1234)[0] == b.report_at(1234)[0]
    assert [i.name for i, _ in a.intakes] == [i.name for i, _ in b.intakes]
    assert SynthSet(seed=6, n_reports=3000).report_at(1234)[0] != a.report_at(1234)[0]
    share_none = sum(t.true_index is None for _, t in a.intakes) / 200
    assert 0.3 <= share_none <= 0.5
    assert {t.category for _, t in a.intakes} == set(CATEGORIES)
    assert all(0 <= t.true_index < 3000 for _, t in a.intakes if t.true_index is not None)


def test_synthetic_world_finds_some_people_decades_later_children_most_often():
    s = SynthSet(seed=11, n_reports=4000, n_intakes=3000)
    gaps = []
    for intake, truth in s.intakes:
        if truth.true_index is None:
            continue
        person = s.report_at(truth.true_index)[1].person
        gaps.append(((intake.found_date - person.missing_date).days / 365.25,
                     person.missing_date.year - person.birth.year <= 14))
    assert all(g >= 0 for g, _ in gaps)
    soon = sum(g <= 1 for g, _ in gaps) / len(gaps)
    late = sum(g > 10 for g, _ in gaps) / len(gaps)
    assert soon > 0.5                          # most are found within a year
    assert 0.02 < late < 0.15                  # and a heavy tail, not an exponential's
    child_late = [g > 10 for g, child in gaps if child]
    adult_late = [g > 10 for g, child in gaps if not child]
    assert sum(child_late) / len(child_late) > 2 * sum(adult_late) / len(adult_late)


def test_synthetic_csv_uses_the_import_columns(tmp_path):
    s = SynthSet(seed=8, n_reports=50, n_intakes=20)
    paths = s.write_csv(tmp_path)
    with open(paths["reports"], encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["ref", "name", "alt_names", "sex", "birth_date", "hometown", "missing_date",
                             "missing_place", "height_cm", "features", "dialect", "contact_phone", "photos"]
    assert len(rows) == 50
    with open(paths["intakes"], encoding="utf-8") as fh:
        intakes = list(csv.DictReader(fh))
    assert list(intakes[0]) == ["ref", "name", "sex", "age_estimate", "found_date", "found_place",
                                "height_cm", "features", "dialect", "place_hints", "photos"]
    assert len(intakes) == 20


def test_queries_while_another_thread_adds_reports_stay_consistent(model, small_world):
    import threading

    synth, _ = small_world
    index = CandidateIndex.build((i, synth.report_at(i)[0]) for i in range(500))
    matcher = _matcher(model, synth, index)
    errors = []

    def writer():
        try:
            for i in range(500, 1500):
                matcher.add_report(i, synth.report_at(i)[0])
                if i % 97 == 0:
                    matcher.remove_report(i - 50)
            index.compact()
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    t = threading.Thread(target=writer)
    t.start()
    intakes = [i for i, _t in synth.intakes]
    while t.is_alive():
        for intake in intakes[:10]:
            for m in matcher.rank(intake, top=3):
                assert 0.0 <= m.score.probability <= 1.0 and 0 <= m.report_id < 1500
    t.join()
    assert not errors
    assert len(index) == 1500 - len([i for i in range(500, 1500) if i % 97 == 0])


# --------------------------------------------------------------------------- window rarity (age, timeline)


def _population(missing_years: list[int], birth_years: list[int]) -> tuple[list[ReportRecord], CandidateIndex]:
    reports = [_report(ref=f"R{i}", name=f"某{i}", missing_date=date(my, 6, 1), birth_year=by)
               for i, (my, by) in enumerate(zip(missing_years, birth_years))]
    return reports, CandidateIndex.build(enumerate(reports))


def test_level_counts_count_the_reports_in_the_intakes_window_and_follow_index_changes():
    _reports, index = _population([2024] * 30 + [2004] * 3, [1960] * 30 + [2010] * 3)
    tl, found = TimelineComparison(), date(2025, 1, 1)
    within, over = tl.levels.index("within_1y"), tl.levels.index("over_15y")
    assert tl.level_counts(found, index)[within] == 30 and tl.level_counts(found, index)[over] == 3
    index.add(99, _report(ref="R99", missing_date=date(2024, 9, 1)))
    assert tl.level_counts(found, index)[within] == 31
    index.remove(99)
    assert tl.level_counts(found, index)[within] == 30
    age = AgeComparison()
    fi = age.prepare_intake(_intake(found_date=found, age_min=60, age_max=70))
    counts = age.level_counts(fi, index)
    assert counts[age.levels.index("centre")] + counts[age.levels.index("within")] == 30


def test_agreeing_on_a_crowded_window_weighs_less_than_on_a_rare_one(model):
    # most reports went missing in 2024 and were born around 1960: a person found
    # in 2025 aged 60-70 agrees with many of them; one found in 2005 aged 0-6 with few
    reports, index = _population([2024] * 200 + [2004] * 5, [1960] * 200 + [2000] * 5)
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})

    def weight(comp, intake, rid):
        m = matcher.score_pairs(intake, [rid])[0]
        return next(c.weight for c in m.score.components if c.comparison == comp)

    crowded = _intake(found_date=date(2025, 1, 1), age_min=60, age_max=70)
    rare = _intake(found_date=date(2005, 1, 1), age_min=1, age_max=7)
    assert weight("timeline", rare, 200) > weight("timeline", crowded, 0) + 1.0
    assert weight("age", rare, 200) > weight("age", crowded, 0) + 1.0


def test_agreeing_on_a_crowded_province_weighs_less_than_on_a_sparse_one(model):
    # most reports are from 四川: "四川人" agrees with a random one of them far more
    # often than "宁夏人" agrees with one of the few from 宁夏
    sichuan = [_report(ref=f"S{i}", name=f"某{i}", hometown="四川省", missing_place="四川省") for i in range(200)]
    ningxia = [_report(ref=f"N{i}", name=f"某{i}", hometown="宁夏回族自治区", missing_place="宁夏回族自治区")
               for i in range(5)]
    reports = sichuan + ningxia
    index = CandidateIndex.build(enumerate(reports))
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})

    def place(intake, rid):
        comp = next(c for c in matcher.score_pairs(intake, [rid])[0].score.components if c.comparison == "place")
        assert comp.label == "province"
        return comp.weight

    crowded = place(_intake(place_hints=["四川人"], dialect=""), 0)
    sparse = place(_intake(place_hints=["宁夏人"], dialect=""), 200)
    assert sparse > crowded + 3.0
    assert "较常见" in next(c.explanation for c in matcher.score_pairs(
        _intake(place_hints=["四川人"], dialect=""), [0])[0].score.components if c.comparison == "place")


def test_pairs_with_faces_compared_get_their_own_calibration_and_old_maps_still_apply():
    from matchers.estimate import add_face_curves
    from matchers.model import FACE_STRATUM, Component, calibration_label

    def comps(face_level):
        return [Component("name", "姓名", 5, "exact", 14.0, ""), Component("face", "面部", face_level, "x", 0.0, "")]

    assert calibration_label(comps(0)) == "exact"
    assert calibration_label(comps(3)) == FACE_STRATUM + "exact"

    rng = np.random.default_rng(4)
    x = rng.normal(0, 4, 8000)
    y = (rng.random(8000) < 1 / (1 + np.exp(-(0.7 * x)))).astype(int)
    cal = fit_calibration(x, y, ["exact"] * len(x), {"exact": "strong"})
    before = json.loads(json.dumps(cal))
    # a map without face curves (an older weights file) calibrates face pairs by name level
    p_plain, p_face = apply_calibration(cal, np.array([0.0, 0.0]), ["exact", FACE_STRATUM + "exact"])
    assert p_face == p_plain
    # on the set with photos, face pairs at equal raw odds are right more often
    xf = rng.normal(0, 4, 8000)
    yf = (rng.random(8000) < 1 / (1 + np.exp(-(0.7 * xf + 2.0)))).astype(int)
    labels = [FACE_STRATUM + "exact"] * 7000 + ["exact"] * 1000   # photo-less pairs of that set are ignored
    add_face_curves(cal, xf, yf, labels, {"exact": "strong"})
    assert {k: v for k, v in cal["curves"].items() if k in before["curves"]} == before["curves"]
    p_plain, p_face = apply_calibration(cal, np.array([0.0, 0.0]), ["exact", FACE_STRATUM + "exact"])
    assert p_plain < 0.6 < 0.8 < p_face
    assert cal["curves"]["face"]["pairs"] == 7000
    # refitting replaces the face curves, it does not pile them up
    add_face_curves(cal, xf[:3000], yf[:3000], labels[:3000], {"exact": "strong"})
    assert cal["curves"]["face"]["pairs"] == 3000
    assert all(not k.startswith(FACE_STRATUM) or v in cal["curves"] for k, v in cal["strata"].items())


@pytest.mark.parametrize("written,code", [
    ("男（疑似）", 1), ("女(疑似)", 2), ("男?", 1), ("疑似女性", 2), ("女的", 2), ("男子", 1),
    ("男女", 0), ("不详", 0), ("?", 0),
])
def test_a_doubtful_sex_is_still_the_staffs_best_reading(written, code):
    assert sex_code(written) == code


def test_isotonic_is_chosen_only_when_it_beats_logistic_beyond_noise():
    from matchers.estimate import isotonic_wins
    rng = np.random.default_rng(5)
    noise = rng.normal(0, 0.05, 4000)
    # slightly lower on average, but well within two standard errors: a coin flip
    assert not isotonic_wins(0.30 + noise - 0.0002, np.full(4000, 0.30))
    assert isotonic_wins(0.30 + noise - 0.01, np.full(4000, 0.30))
    assert not isotonic_wins(np.array([0.1]), np.array([0.5]))      # one pair says nothing


def test_calibration_keeps_logistic_where_isotonic_is_better_only_by_noise():
    # logistic data: isotonic's held-out loss is never better beyond noise,
    # whatever the fold split, so the map is logistic for every seed
    rng = np.random.default_rng(6)
    x = rng.normal(-4, 4, 20000)
    y = (rng.random(20000) < 1 / (1 + np.exp(-(0.6 * x + 0.5)))).astype(int)
    for seed in range(4):
        curve = fit_calibration(x, y, ["exact"] * len(x), {"exact": "strong"}, seed=seed)["curves"]["strong"]
        assert curve["method"] == "platt"
        mean, se = curve["cv_isotonic_minus_platt"]
        assert se > 0


def test_a_nickname_found_in_its_home_prefecture_reaches_its_report_among_many_namesakes():
    # 400 reports whose given name ends in 英, born when the intake's age says, from
    # elsewhere; the true one (no birth date written) is from the prefecture she was
    # found in. The found place is no blocking clue of its own, so without it the
    # pre-ranking keeps the namesakes whose birth year fits and drops her.
    provinces = ["河北省石家庄市", "山东省济南市", "河南省郑州市", "四川省成都市", "广东省广州市"]
    reports = [ReportRecord(f"r{i}", name="王秀英" if i % 2 else "李桂英", sex="女", birth_year=1960,
                            hometown=provinces[i % 5], missing_date=date(2019, 1, 1)) for i in range(400)]
    reports.append(ReportRecord("true", name="何秀英", sex="女", hometown="湖南省永州市双牌县",
                                missing_date=date(2019, 1, 1)))
    model = MatchModel()
    index = CandidateIndex.build(enumerate(reports))
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids}, cap=40)
    intake = IntakeRecord("i", name="阿英", sex="女", age_min=55, age_max=65, found_date=date(2020, 6, 1),
                          found_place="湖南省永州市零陵区")
    ids, _pre = matcher.candidates(intake)
    assert len(reports) - 1 in ids.tolist()
    far = IntakeRecord("i", name="阿英", sex="女", age_min=55, age_max=65, found_date=date(2020, 6, 1),
                       found_place="黑龙江省哈尔滨市")
    assert len(reports) - 1 not in matcher.candidates(far)[0].tolist()


def test_candidates_of_one_intake_never_claim_more_than_certainty_together():
    # three namesakes as likely as each other: at most one of them is the person
    model = MatchModel()
    intake = model.prepare_intake(IntakeRecord("i", name="刘建国", sex="男", age_min=55, age_max=65,
                                               found_date=date(2020, 6, 1)))
    twins = [model.prepare_report(_report(f"R{k}", features="", hometown="", missing_place=""))
             for k in range(3)]
    scores = model.score_candidates(intake, twins, 1000)
    assert sum(s.probability for s in scores) <= 1.0 + 1e-9
    assert max(s.probability for s in scores) < 0.5
    alone = model.score_candidates(intake, twins[:1], 1000)[0].probability
    assert alone > scores[0].probability


def test_index_pre_score_is_the_models_sex_age_height_timeline_weights_summed():
    """The pre-rank reads each weight from a table over the column's domain; it must equal
    the model's level weights computed slot by slot, unknown values and edges included."""
    from datetime import date

    import numpy as np

    from matchers.compare_age import age_levels_vectorised
    from matchers.compare_height import height_levels_vectorised
    from matchers.compare_sex import sex_code
    from matchers.compare_timeline import timeline_levels_vectorised
    from matchers.engine import PRERANK_COMPARISONS
    from matchers.index import CandidateIndex
    from matchers.model import MatchModel

    rng = np.random.default_rng(5)
    n = 20_000
    idx = CandidateIndex()
    idx.n_slots = idx.n_alive = n
    idx.sex = rng.integers(0, 3, n).astype(np.int8)
    idx.birth_year = np.where(rng.random(n) < 0.1, 0, rng.integers(1880, 2101, n)).astype(np.int16)
    idx.height = np.where(rng.random(n) < 0.3, 0, rng.integers(50, 231, n)).astype(np.int16)
    found = date(2024, 6, 1)
    idx.missing_ord = np.where(rng.random(n) < 0.1, 0, rng.integers(found.toordinal() - 40 * 365,
                                                                     found.toordinal() + 800, n)).astype(np.int32)
    model = MatchModel()
    w = {c: model.level_weights(c) for c in PRERANK_COMPARISONS if model.level_weights(c) is not None}
    slots = rng.permutation(n)[:15_000]
    intake = IntakeRecord("i", sex="女", age_min=35, age_max=45, found_date=found, height_cm=158)
    expected = np.zeros(len(slots))
    sx = idx.sex[slots]
    expected += w["sex"][np.where(sx == 0, 0, np.where(sx == sex_code("女"), 2, 1))]
    expected += w["age"][age_levels_vectorised(35, 45, 2024, idx.birth_year[slots])]
    expected += w["height"][height_levels_vectorised(158, idx.height[slots])]
    expected += w["timeline"][timeline_levels_vectorised(found, idx.missing_ord[slots], idx.birth_year[slots])]
    assert np.array_equal(idx._column_score(intake, slots, w), expected)


def test_a_compound_name_found_in_many_reports_weighs_less_than_a_rare_town(model):
    """"幸福社区" said, "从幸福小区家中走失" written: the literal match is where he went
    missing (`missing_local`), and 幸福 is the name of a compound in every city, so the
    agreement is priced by how many reports carry it, like a village in the hometown."""
    rng = random.Random(11)
    common = [_report(ref=f"C{i}", name="", birth_year=rng.randint(1940, 2000), hometown="辽宁省鞍山市",
                      missing_place=f"{rng.choice(['鞍山', '沈阳', '大连', '长沙'])}市幸福小区", features="",
                      height_cm=None) for i in range(300)]
    rare = _report(ref="R", name="", birth_year=1950, hometown="吉林省", missing_place="和龙市安河镇",
                   features="", height_cm=None)
    fillers = [_report(ref=f"F{i}", name="", birth_year=rng.randint(1940, 2000), hometown="河南省周口市",
                       missing_place="周口市", features="", height_cm=None) for i in range(300)]
    reports = [rare] + common + fillers
    index = CandidateIndex.build(enumerate(reports))
    matcher = Matcher(model, index, lambda ids: {i: reports[i] for i in ids})

    def place_component(hint, report_ids):
        intake = _intake(name="", features="", dialect="", place_hints=[hint], height_cm=None,
                         age_min=None, age_max=None)
        match = next(m for m in matcher.rank(intake, top=50) if m.report_id in report_ids)
        return next(c for c in match.score.components if c.comparison == "place")

    compound, town = place_component("幸福社区", range(1, 301)), place_component("安河镇", (0,))
    assert compound.label == town.label == "missing_local"
    assert compound.weight < town.weight - 3.0
    assert "较常见" in compound.explanation


def test_a_town_where_he_went_missing_is_mixed_evidence_when_his_other_hints_name_another_prefecture():
    from matchers.compare_place import PlaceHintComparison
    pc = PlaceHintComparison()
    a = pc.prepare_intake(IntakeRecord("i", place_hints=["潮阳", "安河镇", "汕头市"]))
    b = pc.prepare_report(ReportRecord("r", hometown="吉林省", missing_place="和龙市安河镇"))
    alone = pc.prepare_intake(IntakeRecord("i", place_hints=["安河镇"]))
    assert pc.compare(alone, b).label == "missing_local"
    res = pc.compare(a, b)
    assert res.label == "mixed" and "潮阳" in res.explanation


def test_a_field_of_a_stranger_in_some_true_pairs_caps_what_a_disagreement_costs():
    w = Weights(comparisons={"height": {"null": LevelWeight(0.5, 0.5, 0.0),
                                        "differ": LevelWeight(1e-5, 0.07, math.log2(1e-5 / 0.07)),
                                        "close": LevelWeight(0.3, 0.07, math.log2(0.3 / 0.07))}},
                conditional={"height": {"on": "sex", "weights": {"same": {"differ": -12.0, "close": 2.0}}}})
    apply_contamination(w, {"height": 0.02})
    assert w.comparisons["height"]["differ"].weight == pytest.approx(math.log2(0.02), abs=0.02)
    assert w.conditional["height"]["weights"]["same"]["differ"] == pytest.approx(math.log2(0.02), abs=0.02)
    # an agreement loses only log2(1 - eps)
    assert w.comparisons["height"]["close"].weight == pytest.approx(math.log2(0.98 * 0.3 / 0.07 + 0.02), abs=1e-6)
    assert w.comparisons["height"]["null"].weight == 0.0
    with pytest.raises(ValueError, match="already"):
        apply_contamination(w, {"height": 0.02})


def test_shipped_weights_carry_the_contamination_share(model):
    assert model.weights.meta.get("contamination") == CONTAMINATION
    for name, eps in CONTAMINATION.items():
        for label, lw in model.weights.comparisons[name].items():
            assert lw.weight >= math.log2(eps) - 0.01, (name, label)


def test_refitting_one_comparisons_levels_keeps_the_rest_and_its_contamination_share():
    """`matchers.estimate --refit-levels FILE --comparisons timeline`: after the generator
    changed how a field is drawn, only that comparison is estimated again, and the file's
    contamination share is applied to it as to the rest (no level below log2 eps)."""
    from matchers.estimate import add_comparison_levels

    shipped = Weights.load("matchers/weights.json")
    eps = shipped.meta["contamination"]["timeline"]
    refitted = add_comparison_levels(Weights.load("matchers/weights.json"), seed=7, n_reports=3000,
                                     n_intakes=3000, faces=0.0, quiet=True, refit=["timeline"])
    w = {lab: lw.weight for lab, lw in refitted.comparisons["timeline"].items()}
    assert set(w) == set(TimelineComparison.levels)
    assert w["within_1y"] > w["within_5y"] > w["over_15y"] >= math.log2(eps) - 0.01
    assert w["grown_up"] > w["over_15y"]            # a child found grown up is no stranger's gap
    assert {k: v for k, v in refitted.comparisons.items() if k != "timeline"} == \
        {k: v for k, v in shipped.comparisons.items() if k != "timeline"}
    assert "timeline" in refitted.meta["refitted_levels"]
    with pytest.raises(ValueError, match="no such comparison"):
        add_comparison_levels(shipped, seed=7, n_reports=300, n_intakes=300, faces=0.0, quiet=True,
                              refit=["timelime"])
