"""Region targeting: the right hometown groups get the notice, with reasons staff can read."""
from __future__ import annotations

from notices.targeting import normalize_code, resolve_region, target_channels

SUBS = {
    "shuangpai-volunteers": ["431123"],          # 双牌县 volunteer group
    "yongzhou-chamber": {"regions": ["4311"]},   # 永州市 商会
    "hunan-tracing": {"regions": ["430000"]},    # whole province
    "hengyang-county": ["430421"],
    "sichuan-laoxiang": ["51"],
    "station-weibo": {"default": True},
}


def test_stated_place_reaches_county_prefecture_and_province_channels_with_reasons():
    result = target_channels([("双牌", "自述地名 双牌")], SUBS)
    assert result.channel_ids == ["shuangpai-volunteers", "yongzhou-chamber", "hunan-tracing",
                                  "station-weibo"]
    by_id = {c.channel_id: c for c in result.chosen}
    assert by_id["shuangpai-volunteers"].reasons == ["订阅地区 431123 双牌县 ← 自述地名 双牌"]
    assert by_id["yongzhou-chamber"].reasons == ["订阅地区 431100 永州市 ← 自述地名 双牌（431123 双牌县）"]
    assert by_id["station-weibo"].reasons == ["本站默认渠道"] and by_id["station-weibo"].default
    assert result.problems == []


def test_province_level_accent_does_not_spam_county_groups():
    result = target_channels([("湖南口音", "口音 湖南口音")], SUBS)
    assert result.channel_ids == ["hunan-tracing", "station-weibo"]
    assert result.chosen[0].reasons == ["订阅地区 430000 湖南省 ← 口音 湖南口音"]


def test_candidate_hometown_code_and_several_signals_merge_reasons():
    result = target_channels([("431123", "候选人籍贯 R-1029"), ("湖南", "口音"), ("四川", "自述")], SUBS)
    by_id = {c.channel_id: c for c in result.chosen}
    assert by_id["hunan-tracing"].reasons == ["订阅地区 430000 湖南省 ← 候选人籍贯 R-1029（431123 双牌县）",
                                              "订阅地区 430000 湖南省 ← 口音"]
    assert "sichuan-laoxiang" in by_id


def test_historic_place_names_resolve_to_todays_divisions():
    assert "4206" in resolve_region("襄樊")[0]          # 襄樊市 -> 襄阳市, same code
    codes, note = resolve_region("思茅")
    assert "5308" in codes                               # today's 普洱市
    result = target_channels([("衡阳地区", "自述地名")], SUBS)
    assert "hengyang-county" in result.channel_ids


def test_free_text_fragment_is_scanned_for_names():
    assert resolve_region("湖南双牌县东岭村")[0] == ["431123"]
    assert resolve_region("城步")[0] == ["430529"]       # 城步苗族自治县


def test_ambiguous_name_keeps_alternatives_and_says_so():
    codes, note = resolve_region("朝阳")
    assert {"110105", "2113"} <= set(codes)
    assert "有多处" in note
    # A province in the same text settles it.
    assert set(resolve_region("辽宁朝阳")[0]) == {"2113", "211321"}


def test_unknown_signals_and_bad_subscriptions_are_reported_not_fatal():
    result = target_channels([("河边", "自述地名 河边"), ("999999", "身份证前六位"), ("双牌", "自述")],
                             {"bad": ["abc"], "also-bad": "43", "ok": ["43"]})
    assert result.channel_ids == ["ok"]
    text = "\n".join(result.problems)
    assert "河边" in text and "999999" in text and "abc" in text and "also-bad" in text


def test_no_signal_still_reaches_default_channels():
    result = target_channels([], SUBS)
    assert result.channel_ids == ["station-weibo"]


def test_normalize_code_forms():
    assert normalize_code("430000") == "43"
    assert normalize_code("431100") == "4311"
    assert normalize_code("4300") == "43"
    assert normalize_code("431123") == "431123"
