"""Marks (体貌特征): negated statements, station health wording, synonyms and
spacing. Pure library tests: no database."""
from __future__ import annotations

import pytest

from matchers.compare_marks import MarksComparison, mark_keys, parse_marks
from matchers.model import MatchModel
from matchers.records import IntakeRecord, ReportRecord


def level(intake: str, report: str) -> str:
    c = MarksComparison()
    return c.compare(c.prepare_intake(IntakeRecord("i", features=intake)),
                     c.prepare_report(ReportRecord("r", features=report))).label


# --------------------------------------------------------------------------- negation


@pytest.mark.parametrize("intake,report", [
    ("左手缺小指", "左手小指无缺损"), ("有纹身", "无纹身"), ("无疤痕", "额头有疤"),
    ("左脸有疤", "未见明显疤痕"), ("右眼失明", "视力正常"), ("左手缺小指", "四肢健全"),
    ("不瘸", "左腿瘸"), ("否认癫痫病史", "癫痫"), ("身体无残疾", "右腿瘸"), ("左臂有纹身", "有刀疤无纹身"),
])
def test_a_mark_the_other_side_says_is_absent_is_disagreement(intake, report):
    assert level(intake, report) == "none"


def test_a_denied_mark_weighs_against_the_pair_in_the_model():
    m = MatchModel(strict=True)
    s = m.score_pair(m.prepare_intake(IntakeRecord("i", features="左手缺小指")),
                     m.prepare_report(ReportRecord("r", features="左手小指无缺损")), n_reports=1000)
    marks = next(c for c in s.components if c.comparison == "marks")
    assert marks.weight < 0 and "明确不符" in marks.explanation


def test_a_negated_phrase_alone_is_no_mark():
    assert parse_marks("无纹身，未见明显疤痕，不瘸") == ()
    assert level("无纹身", "无纹身") == "neither"
    assert level("无纹身", "额头有痣") == "one_side"


def test_a_negation_runs_on_over_a_list_of_kinds():
    assert level("没有纹身和疤痕", "额头有疤") == "none"
    assert level("无纹身、疤痕", "额头有疤") == "none"


def test_an_absence_denies_only_the_side_and_part_it_names():
    assert level("左手小指完好", "左手缺小指") == "none"
    assert level("左手小指完好", "右手缺小指") == "one_side"
    assert level("四肢健全", "门牙缺了") == "one_side"                # limbs, not teeth
    # "right hand intact" next to a left pinky missing is the left/right slip, not a denial
    assert level("右手缺小指", "左手小指缺失，右手完好") == "side_conflict"


def test_negation_characters_inside_marks_are_not_negations():
    assert level("左手没有小指", "左手缺小指") == "strong_rare"        # 没有 + a finger: it is missing
    assert level("左手无名指残缺", "左手缺无名指") == "strong_rare"    # 无 of 无名指
    assert level("不明显的疤痕", "额头有疤") == "partial"                # a faint scar is a scar
    assert level("无法行走", "下肢瘫痪") == "strong"


def test_an_unknown_history_is_neither_noted_nor_denied():
    assert level("精神病史不详", "精神病") == "one_side"
    assert level("疑似精神病", "精神病") == "partial"


# --------------------------------------------------------------------------- station wording


@pytest.mark.parametrize("intake,report", [
    ("智力残疾", "智障"), ("智力障碍", "弱智"), ("智力低下", "智力残疾"), ("精神异常", "精神病史"),
    ("精神分裂", "精神病"), ("痴呆", "老年痴呆"), ("脑瘫", "脑性瘫痪"), ("癫痫", "羊角风"), ("白化病", "白化"),
    ("口吃", "说话结巴"), ("镶金牙", "有颗金牙"), ("O型腿", "罗圈腿"), ("坐轮椅", "下肢瘫痪"),
    ("右手残疾", "右手有残"),
])
def test_station_health_and_disability_wording_are_marks_that_agree_with_synonyms(intake, report):
    assert level(intake, report) in ("partial", "strong", "strong_rare")
    assert level(intake, "") == "one_side"


def test_conditions_without_a_location_agree_only_vaguely():
    # common among the people stations take in: no part to make them precise
    assert level("智力残疾", "智障") == "partial"
    assert level("额头有疤，智力低下", "智障") == "partial"
    assert level("智力障碍", "精神病") == "none"


def test_related_kinds_agree_vaguely():
    assert level("右手残疾", "右手缺小指") == "partial"
    assert level("痴呆", "智力障碍") == "partial"
    assert level("坐轮椅", "走路一瘸一拐") == "partial"


def test_words_that_only_look_like_marks_are_none():
    assert parse_marks("背部纹龙")[0].kind == "纹身"
    assert parse_marks("背有点驼")[0].kind == "驼背"
    for text in ("额头皱纹多", "穿驼色外套", "精神状态差", "牙齿不齐", "衣服上有花纹"):
        assert parse_marks(text) == (), text


# --------------------------------------------------------------------------- synonyms


@pytest.mark.parametrize("intake,report,labels", [
    ("跛脚", "走路一瘸一拐", ("strong",)), ("驼背", "背部佝偻", ("strong_rare",)),
    ("右眼斜视", "右眼斜", ("strong",)), ("耳聋", "听力障碍", ("partial",)), ("脸上有麻子", "麻脸", ("strong",)),
    ("左手食指断", "左手食指缺失", ("strong_rare",)), ("背部纹龙", "后背纹有一条龙", ("strong_rare",)),
    ("右眼失明", "右眼看不见", ("strong_rare",)), ("拄拐", "腿脚不便", ("strong",)),
    ("腹部有手术疤", "肚子上有刀口", ("strong",)),
])
def test_synonyms_families_and_staff_use_for_one_mark_agree(intake, report, labels):
    assert level(intake, report) in labels


def test_a_limp_is_one_mark_whatever_part_is_named():
    # the synthetic generator renders one limp as "走路跛脚" or "右腿瘸"
    assert level("走路跛脚", "右腿瘸") == "strong"
    assert mark_keys(parse_marks("走路跛脚")) == mark_keys(parse_marks("左腿瘸"))


def test_spaces_inside_a_mark_do_not_split_it():
    assert level("左手 缺 小指", "左手缺小指") == "strong_rare"
    assert level("左手 小指缺失", "左手缺小指") == "strong_rare"
    # spaces between complete marks still separate them
    assert level("额头有疤 左手缺小指", "左手缺小指，额头有疤") == "multiple"


@pytest.mark.parametrize("text,kind,part", [
    ("右手四指", "缺损", "指"), ("左手只有四个手指", "缺损", "指"),     # a finger missing, said by the ones left
    ("左手多一指", "多指", "指"), ("胸口有红斑", "胎记", "胸"), ("胸口有一块青色印记", "胎记", "胸"),
    ("龅牙", "龅牙", "牙"),
])
def test_marks_written_as_other_stations_write_them_are_read(text, kind, part):
    (m,) = parse_marks(text)
    assert (m.kind, m.part) == (kind, part)


def test_a_scar_four_fingers_wide_is_no_missing_finger():
    assert [m.kind for m in parse_marks("左臂有四指宽的疤")] == ["疤"]
