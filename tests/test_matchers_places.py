"""Places: gazetteer with historic names, address parsing, place hints, accent vs region."""
from __future__ import annotations

import random

import pytest

from matchers.base import Comparison
from matchers.compare_dialect import DialectRegionComparison
from matchers.compare_place import PlaceHintComparison, local_fragments
from matchers.dialects import parse_dialect
from matchers.gazetteer import by_code, places_in, resolve
from matchers.keys import intake_region_keys, report_region_keys
from matchers.records import IntakeRecord, ReportRecord

PC = PlaceHintComparison()
DC = DialectRegionComparison()


def place(hints, hometown, id_number="", missing_place=""):
    a = PC.prepare_intake(IntakeRecord("i", place_hints=list(hints), id_number=id_number))
    b = PC.prepare_report(ReportRecord("r", hometown=hometown, missing_place=missing_place))
    return PC.compare(a, b)


def region(dialect, hometown, report_dialect=""):
    a = DC.prepare_intake(IntakeRecord("i", dialect=dialect))
    b = DC.prepare_report(ReportRecord("r", hometown=hometown, dialect=report_dialect))
    return DC.compare(a, b)


# --------------------------------------------------------------------------- gazetteer


def test_comparisons_implement_protocol_with_null_first():
    for c in (PC, DC):
        assert isinstance(c, Comparison)
        assert c.levels[0] == "null"


def test_suffixless_county_fragment_resolves_to_the_county():
    hits = resolve("双牌")
    assert hits[0].name == "双牌县" and hits[0].county == "431123" and not hits[0].historic
    assert all(h.prefecture == "4311" for h in hits)


@pytest.mark.parametrize("old,prefecture", [
    ("衡阳地区", "4304"), ("零陵地区", "4311"), ("思茅", "5308"), ("思茅地区", "5308"), ("襄樊", "4206"),
    ("襄樊市", "4206"),
])
def test_historic_names_map_to_the_current_prefecture(old, prefecture):
    hits = resolve(old)
    assert hits, old
    assert prefecture in {h.prefecture for h in hits}
    assert any(h.historic for h in hits)


def test_county_renamed_to_district_maps_to_the_district():
    (hit,) = resolve("望城县")
    assert hit.historic and hit.county == "430112"   # 望城县 -> 望城区 (2011)


def test_historic_code_from_an_old_id_card_is_known():
    (old,) = by_code("432929")                    # 双牌县 under 零陵地区, before 1995
    assert old.name == "双牌县" and old.historic and old.county == "431123"
    assert by_code("999999") == ()
    assert by_code("abc") == ()


def test_traditional_place_names_resolve():
    assert resolve("襄陽市")[0].prefecture == "4206"


def test_address_is_parsed_into_province_prefecture_county_and_village():
    pa = places_in("湖南省永州市双牌县东岭村3组")
    assert pa.provinces == {"43"}
    assert pa.prefectures == {"4311"}
    assert pa.counties == {"431123"}
    assert local_fragments("湖南省永州市双牌县东岭村3组") == ("东岭",)


def test_address_without_suffixes_still_parses():
    pa = places_in("湖南双牌东岭村")
    assert pa.counties == {"431123"}


def test_county_name_in_another_province_is_not_taken_from_a_street():
    pa = places_in("四川省成都市望江路")            # 望江 is also a county in 安徽
    assert pa.provinces == {"51"} and not pa.counties


def test_same_county_name_in_two_provinces_is_narrowed_by_the_province():
    assert places_in("北京市朝阳区").counties == {"110105"}
    assert places_in("辽宁朝阳县").counties == {"211321"}


def test_a_town_whose_name_starts_with_a_unit_character_does_not_hide_the_county():
    # 寨东乡 right after 静宁县: the 寨 starts the town, 静宁县 is still the county
    pa = places_in("甘肃省平凉市静宁县寨东乡老李村")
    assert pa.counties == {"620826"} and "寨东乡老李村" in pa.rest
    assert local_fragments("甘肃省平凉市静宁县寨东乡老李村") == ("寨东", "老李")
    assert places_in("南平乡").counties == frozenset()      # a town named like a county stays a town


def test_a_municipality_district_agreement_is_explained_with_the_city_name_not_a_code():
    r = place(["闵行区"], "上海虹口区老凤镇")
    assert r.label == "prefecture_other_county"
    assert "上海市" in r.explanation and "3101" not in r.explanation


def test_one_stem_read_as_a_city_or_a_district_keeps_both_readings():
    # "中山" is 中山市 (Guangdong) far more often than 大连市中山区: the district
    # reading must not crowd the city out
    pa = places_in("中山")
    assert pa.provinces == {"21", "44"} and pa.prefectures == {"2102", "4420"}
    assert places_in("广东中山市").prefectures == {"4420"}
    # a name that can only be a county still narrows an ambiguous one
    assert places_in("朝阳双塔区").provinces == {"21"}


@pytest.mark.parametrize("junk", ["", None, "???", "\x00", "住在河边", "1" * 300, "省市县区", "ｘｘ省"])
def test_garbage_addresses_never_raise(junk):
    resolve(junk if isinstance(junk, str) else "")
    places_in(junk if isinstance(junk, str) else "")
    place([junk] if isinstance(junk, str) else [None], junk if isinstance(junk, str) else "", id_number="x")
    region(junk, junk if isinstance(junk, str) else "")
    intake_region_keys(IntakeRecord("i", dialect=junk, place_hints=[junk, 3], id_number=junk))
    report_region_keys(ReportRecord("r", hometown=junk, missing_place=junk, dialect=junk))


def test_gazetteer_loads_fast_enough_for_a_worker():
    import time

    t = time.perf_counter()
    for _ in range(1000):
        places_in("湖南省永州市双牌县东岭村")
    assert time.perf_counter() - t < 1.0


# --------------------------------------------------------------------------- place hints


def test_village_hint_found_in_hometown_is_the_strongest_level():
    r = place(["东岭村"], "湖南省永州市双牌县东岭村")
    assert r.label == "village_or_town"
    assert "东岭" in r.explanation
    assert place(["东岭"], "湖南省永州市双牌县东岭村").label == "village_or_town"


def test_county_hint_without_suffix_matches_hometown_county():
    r = place(["双牌"], "湖南省永州市双牌县东岭村")
    assert r.label == "county"
    assert "双牌县" in r.explanation and "双牌" in r.explanation


@pytest.mark.parametrize("hint,hometown,expected", [
    ("零陵地区", "湖南省永州市双牌县东岭村", "prefecture"),
    ("衡阳地区", "湖南省衡阳市衡阳县", "prefecture"),
    ("思茅", "云南省普洱市思茅区", "county"),
    ("襄樊", "湖北省襄阳市樊城区", "prefecture"),
    ("望城县", "湖南省长沙市望城区", "county"),
    ("永州", "湖南省永州市双牌县", "prefecture"),
    ("湖南", "湖南省衡阳市", "province"),
    ("四川", "湖南省衡阳市", "no_overlap"),
])
def test_old_and_partial_place_names_match_at_the_right_level(hint, hometown, expected):
    assert place([hint], hometown).label == expected


def test_best_hint_wins():
    assert place(["湖南", "双牌"], "湖南省永州市双牌县").label == "county"


def test_a_hint_naming_another_prefecture_turns_an_agreement_into_mixed():
    r = place(["四川", "双牌"], "湖南省永州市双牌县")
    assert r.label == "mixed"
    assert "四川" in r.explanation
    assert place(["白中", "文县"], "辽宁省大连市沙河口区红水乡白中村").label == "mixed"


def test_a_town_hint_the_report_does_not_name_is_local_unmatched():
    r = place(["桃河镇"], "广西壮族自治区百色市凌云县老口镇白金村")
    assert r.label == "local_unmatched"
    assert "桃河镇" in r.explanation
    # a report that names no town or village cannot contradict the hint
    assert place(["桃河镇"], "广西壮族自治区百色市凌云县").label == "null"


def test_a_village_or_town_said_that_the_report_writes_otherwise_contradicts_an_agreeing_county():
    """The family writes the person's own village when it writes one: the county (or the
    town) agreeing does not make another village the same place."""
    r = place(["张北", "西南镇"], "河北张北县李安镇")
    assert r.label == "local_conflict"
    assert "西南镇" in r.explanation and "李安镇" in r.explanation
    assert place(["坝东镇", "长庄村"], "新疆霍尔果斯市坝东乡坪牛村").label == "local_conflict"
    # nothing of that kind written, the same village, or one that sounds the same: no conflict
    assert place(["张北", "西南镇"], "河北张北县").label == "county"
    assert place(["张北", "西南村"], "河北张北县李安镇").label == "county"
    assert place(["双牌", "东岭村"], "湖南省永州市双牌县东岭村").label == "village_or_town"
    assert place(["双牌", "冬岭村"], "湖南省永州市双牌县东岭村").label == "county"
    # a bare stem may be any unit
    assert place(["双牌", "西岭"], "湖南省永州市双牌县东岭村").label == "county"


def test_a_village_said_where_the_report_has_a_town_of_that_name_is_another_place():
    r = place(["林东村"], "浙江义乌市林东乡")
    assert r.label == "local_other_unit"
    assert "林东村" in r.explanation and "乡镇" in r.explanation
    # 乡 and 镇 are one kind (many 乡 became 镇); a bare stem or the same kind agrees
    assert place(["坝东镇"], "新疆霍尔果斯市坝东乡坪牛村").label == "village_or_town"
    assert place(["林东"], "浙江义乌市林东乡").label == "village_or_town"
    assert place(["林东村"], "浙江义乌市林东乡林东村").label == "village_or_town"
    # the county a hint also names still agrees
    assert place(["义乌林东村"], "浙江义乌市林东乡").label == "county"


@pytest.mark.parametrize("hint,expected", [
    ("老家五里牌", "village_or_town"), ("说是东岭村的", "village_or_town"), ("五里牌镇上", "village_or_town"),
    ("好像是东岭", "village_or_town"), ("双牌乡下", "county"), ("说是双牌的", "county"),
    ("老家马福村", "local_unmatched"),
    # sentences about the place, not a name wrapped in words: still nothing
    ("村子在山里", "null"), ("老家有很多竹子", "null"), ("在村里", "null"),
])
def test_what_is_said_around_a_place_name_is_not_part_of_it(hint, expected):
    """"双牌乡下" is the countryside of 双牌, not a township called 双牌乡."""
    assert place([hint], "湖南省永州市双牌县五里牌镇东岭村").label == expected


def test_vague_hint_gives_no_evidence():
    r = place(["住在河边"], "湖南省衡阳市")
    assert r.level == 0 and "住在河边" in r.explanation


def test_missing_place_counts_too():
    r = place(["东岭村"], "湖南双牌", missing_place="双牌县东岭村")
    assert r.label == "missing_local" and "走失地" in r.explanation


def test_missing_place_agreement_is_its_own_weaker_level_than_the_hometown():
    r = place(["双牌"], "广东省梅州市", missing_place="湖南省永州市双牌县")
    assert r.label == "missing_county"
    assert place(["双牌"], "湖南省永州市双牌县").label == "county"
    assert PC.levels.index("missing_county") < PC.levels.index("county")


@pytest.mark.parametrize("hints,hometown,expected", [
    (["湖北人"], "湖北宜昌市五峰土家族自治县", "province"),             # all a province hint can say
    (["谷城县"], "湖北宜昌市五峰土家族自治县", "province_other_place"),  # the county said is not this one
    (["襄阳"], "湖北宜昌市五峰土家族自治县", "province_other_place"),    # nor the city said
    (["单县"], "山东省菏泽市牡丹区", "prefecture_other_county"),         # 单县 is in 菏泽, not 牡丹区
    (["信阳地区"], "信阳市光山县田洞乡", "prefecture"),                  # all a prefecture hint can say
    (["衡阳"], "湖南衡阳市衡东县", "prefecture"),                       # 衡阳市 or 衡阳县: the city may be meant
    (["湖南衡东县"], "湖南长沙县", "province_other_place"),              # the province is only context
    (["吉林"], "吉林省长春市", "province"),
    (["大理"], "云南大理白族自治州祥云县", "prefecture"),                # 大理州 or 大理市: the prefecture may be meant
])
def test_agreeing_only_above_what_the_hint_names_is_its_own_level(hints, hometown, expected):
    assert place(hints, hometown).label == expected


def test_the_more_precise_hint_decides_when_a_vaguer_one_agrees_further():
    # "云南的" agrees with a 云南 report; "弥勒" says it is another county of 云南
    assert place(["弥勒", "云南的"], "云南洱源县大福镇").label == "province_other_place"
    assert place(["衡阳", "衡东县"], "湖南衡阳市衡南县").label == "prefecture_other_county"
    assert place(["弥勒", "云南"], "云南红河哈尼族彝族自治州弥勒市").label == "county"


def test_a_county_said_elsewhere_in_the_province_is_weaker_evidence_than_the_province_said():
    lv = PC.levels
    assert lv.index("province_other_place") < lv.index("province")
    assert lv.index("prefecture_other_county") < lv.index("prefecture")
    r = place(["谷城县"], "广东省梅州市", missing_place="襄阳市保康县")
    assert r.label == "missing_prefecture" and "走失地" in r.explanation


@pytest.mark.parametrize("hints", [float("nan"), 3.5, None, 7, {"a": 1}.keys()])
def test_place_hints_that_are_not_a_list_give_no_hints_instead_of_crashing(hints):
    a = PC.prepare_intake(IntakeRecord("i", place_hints=hints))
    b = PC.prepare_report(ReportRecord("r", hometown="湖南省永州市双牌县"))
    assert PC.compare(a, b).level == 0


@pytest.mark.parametrize("id_number,expected", [
    ("431123195901011234", "county"),     # today's code
    ("432929195901011234", "county"),     # the pre-1995 code of the same county
    ("430101195901011234", "province_other_place"),   # 长沙 市辖区: same province, not that city
    ("110105195901011234", "no_overlap"),
])
def test_remembered_id_number_gives_the_birth_county(id_number, expected):
    assert place([], "湖南省永州市双牌县", id_number=id_number).label == expected


def test_no_hint_or_no_hometown_is_null():
    assert place([], "湖南省永州市双牌县").level == 0
    assert place(["双牌"], "").level == 0


# --------------------------------------------------------------------------- accent vs region


@pytest.mark.parametrize("dialect,hometown,expected", [
    ("湖南口音", "湖南省永州市双牌县", "same_province"),
    ("衡阳口音", "湖南省衡阳市衡阳县", "same_prefecture"),
    ("湘语", "广西桂林市", "neutral"),      # a group named: 湘语 is spoken in 广西 too
    ("湖南口音", "广西桂林市", "same_group"),  # a province named: 广西 is another one
    ("说四川话", "湖南省衡阳市", "same_group"),
    ("粤语", "黑龙江省哈尔滨市", "conflict"),
    ("听不懂的方言", "湖南省", "neutral"),
    ("普通话", "湖南省", "neutral"),
    ("", "湖南省", "null"),
    ("湖南口音", "", "null"),
])
def test_accent_against_hometown(dialect, hometown, expected):
    assert region(dialect, hometown).label == expected


def test_report_dialect_counts_as_region_when_hometown_is_missing():
    assert region("湖南口音", "", report_dialect="湘语").label == "same_province"


def test_report_dialect_does_not_move_a_known_hometown_to_other_provinces():
    # 闽南话 is spoken in 广东 too; a 福建 report noting it is still a 福建 report
    assert region("说白话", "福建省海沧区红兴镇", report_dialect="闽南话").label == "conflict"
    assert region("闽南话", "福建省海沧区红兴镇", report_dialect="闽南话").label == "same_province"


def test_accent_levels_are_ordered():
    lv = DC.levels
    assert lv.index("conflict") < lv.index("neutral") < lv.index("same_group") < lv.index(
        "same_province") < lv.index("same_prefecture")


# --------------------------------------------------------------------------- region keys


def test_region_keys_are_shared_when_places_or_accent_agree():
    rng = random.Random(11)
    homes = ["湖南省永州市双牌县东岭村", "广东省梅州市梅县区松口镇", "四川省成都市金牛区", "云南省普洱市思茅区",
             "湖北省襄阳市樊城区", "湖南省长沙市望城区", "辽宁省朝阳市朝阳县"]
    hints = ["双牌", "东岭", "松口镇", "梅县", "思茅", "襄樊", "望城县", "零陵地区", "朝阳县", "成都", "湖南", "四川"]
    dialects = ["湖南口音", "说四川话", "粤语", "客家话", "东北口音", "衡阳口音", "云南口音"]
    shared = 0
    for _ in range(300):
        home = rng.choice(homes)
        intake = IntakeRecord("i", place_hints=[rng.choice(hints)], dialect=rng.choice(dialects))
        report = ReportRecord("r", hometown=home)
        ik, rk = intake_region_keys(intake), report_region_keys(report)
        p = PC.compare(PC.prepare_intake(intake), PC.prepare_report(report))
        d = DC.compare(DC.prepare_intake(intake), DC.prepare_report(report))
        if p.level >= PC.levels.index("province_other_place") or d.level >= DC.levels.index("same_province"):
            assert ik & rk, (intake, home, p, d)
            shared += 1
    assert shared > 50


def test_region_keys_stay_small():
    r = ReportRecord("r", hometown="湖南省永州市双牌县东岭村", missing_place="广东省东莞市")
    assert len(report_region_keys(r)) <= 8
    i = IntakeRecord("i", dialect="湖南口音", place_hints=["双牌", "东岭"], id_number="431123195901011234")
    assert intake_region_keys(i) >= {"P:43", "D:4311", "X:431123", "V:东岭"}
    assert len(intake_region_keys(i)) <= 8


def test_hint_naming_a_county_elsewhere_and_a_village_here_is_no_evidence_either_way():
    r = place(["龙南"], "湖北省荆门市沙洋县兴老乡龙南村")
    assert r.level == 0 and "龙南" in r.explanation
    assert place(["龙南"], "江西省赣州市龙南市").label == "county"
    assert place(["东岭"], "湖南省永州市双牌县东岭村").label == "village_or_town"
    # the same in one province: 南溪 is 宜宾市南溪区, and a town of 通江县
    r = place(["南溪"], "四川省巴中市通江县南溪镇红湾村")
    assert r.level == 0 and "南溪" in r.explanation
    assert place(["南溪"], "四川省宜宾市南溪区").label == "county"


@pytest.mark.parametrize("text,province", [("内蒙古", "15"), ("内蒙古呼和浩特市", "15"), ("西藏拉萨市", "54"),
                                           ("新疆", "65"), ("宁夏", "64")])
def test_autonomous_regions_resolve_by_their_short_names(text, province):
    assert places_in(text).provinces == frozenset({province})


@pytest.mark.parametrize("label,province", [("内蒙古口音", "15"), ("内蒙口音", "15"), ("西藏口音", "54")])
def test_accents_of_autonomous_regions_are_recognised(label, province):
    info = parse_dialect(label)
    assert info.recognized and province in info.provinces


@pytest.mark.parametrize("label,province", [("海南口音", "46"), ("吉林口音", "22"), ("海南话", "46")])
def test_an_accent_named_after_a_province_means_the_province_not_a_city_sharing_its_name(label, province):
    # 海南 is also 乌海市海南区 and 青海海南州; 吉林 is also 吉林市
    info = parse_dialect(label)
    assert info.provinces == frozenset({province}) and not info.prefectures
    assert region(label, "吉林省吉林市蛟河市" if province == "22" else "海南省屯昌县").label == "same_province"


def test_counties_governed_directly_by_a_province_share_no_prefecture():
    # 琼海 and 屯昌 are both 469xxx, 省直辖县级: not "the same city"
    assert places_in("海南省屯昌县").prefectures == frozenset()
    assert place(["琼海"], "海南省屯昌县沟店乡").label == "province_other_place"
    assert place(["仙桃"], "湖北省仙桃市").label == "county"


def test_inner_mongolia_by_its_everyday_short_name_is_the_province():
    from matchers.gazetteer import places_in
    assert places_in("内蒙").provinces == {"15"}
    assert places_in("内蒙赤峰市宁城县").counties == {"150429"}


def test_an_ethnic_district_without_autonomy_in_its_name_is_known_by_its_stem():
    # 瀍河回族区 / 管城回族区 are districts, not autonomous counties: "瀍河" said is that district
    from matchers.gazetteer import places_in
    assert places_in("瀍河").counties == {"410304"}
    assert places_in("郑州管城").counties == {"410104"}
    assert place(["瀍河"], "山东省淄博市桓台县后长乡洞福村").label == "no_overlap"


@pytest.mark.parametrize("said,county", [("碑林", "610103"), ("彭水", "500243"), ("长白", "220623"),
                                         ("陵水", "469028"), ("清新", "441803")])
def test_a_stem_that_ends_like_a_people_or_a_suffix_still_names_its_county(said, county):
    # 彭水苗族土家族自治县: 水 is also a people; 碑林区: 林区 is also a suffix
    from matchers.gazetteer import places_in
    assert county in places_in(said).counties


# --------------------------------------------------------------------------- found place

def found(found_place, hometown, missing_place=""):
    from matchers.compare_found import FoundPlaceComparison

    fc = FoundPlaceComparison()
    return fc.compare(fc.prepare_intake(IntakeRecord("i", found_place=found_place)),
                      fc.prepare_report(ReportRecord("r", hometown=hometown, missing_place=missing_place)))


@pytest.mark.parametrize("found_place,hometown,missing_place,expected", [
    ("宝鸡市太白汽车站", "咸阳地区长武县青溪乡", "宝鸡市太白县集市", "same_county_missing"),
    ("怀化市通道桥洞下", "湖南省黔阳地区通道侗族自治县", "怀化市通道侗族自治县", "same_county"),
    ("济南市历下汽车站", "山东省济南市历城区", "青岛市市南区", "same_prefecture"),
    ("济南市历下汽车站", "河北省沧州市青县", "济南市历城区", "same_prefecture_missing"),
    ("济南市历下汽车站", "山东省菏泽市巨野县", "济南市历下区", "same_county_missing"),
    ("北京市昌平菜市场", "浙江宁海县河口乡", "宁波市宁海县火车站", "other_province"),
    ("", "浙江宁海县", "", "null"),
])
def test_found_near_the_missing_place_only_is_its_own_level(found_place, hometown, missing_place, expected):
    r = found(found_place, hometown, missing_place)
    assert r.label == expected
    if expected.endswith("_missing"):
        assert "走失地" in r.explanation


def test_an_accent_said_to_be_one_of_two_provinces_keeps_both():
    info = parse_dialect("像是湖南或江西口音")
    assert info.provinces == frozenset({"43", "36"})
    assert parse_dialect("和田口音").provinces == frozenset({"65"})     # 和 inside a place name stays


# --------------------------------------------------------------------------- robustness: labels and bare names


@pytest.mark.parametrize("label,province,prefecture", [
    ("四平话", "22", "2203"), ("说四平话", "22", "2203"), ("南平话", "35", "3507"), ("乐平话", "36", "3602"),
    ("西平话", "41", "4117"), ("遂平话", "41", "4117"), ("银川话", "64", "6401"), ("南京腔", "32", "3201"),
])
def test_a_dialect_word_that_is_the_tail_of_a_place_name_elsewhere_gives_way_to_the_place(label, province,
                                                                                         prefecture):
    # 平话 (Guangxi) must not eat the 平 of 四平 (Jilin); 川话 not the 川 of 银川; 京腔 not 南京's 京
    info = parse_dialect(label)
    assert info.provinces == frozenset({province}) and prefecture in info.prefectures
    assert "平话" not in info.groups


@pytest.mark.parametrize("label,province,group", [
    ("平话", "45", "平话"), ("说平话", "45", "平话"), ("桂北平话", "45", "平话"), ("桂南平话", "45", "平话"),
    ("桂平话", "45", "平话"),                 # 桂平 is in Guangxi: the word stays
    ("说四川话", "51", None), ("内蒙古语", "15", "民族语言"), ("西藏语", "54", "民族语言"), ("北京腔", "11", None),
])
def test_a_dialect_word_inside_a_place_name_of_its_own_region_is_still_read(label, province, group):
    info = parse_dialect(label)
    assert province in info.provinces and info.recognized
    assert group is None or group in info.groups


def test_a_dialect_word_straddled_by_a_province_name_reads_the_province():
    assert parse_dialect("广西南宁口音").provinces == frozenset({"45"})     # not 西南
    assert parse_dialect("广东北部口音").provinces == frozenset({"44"})     # not 东北
    assert parse_dialect("山西北部").provinces == frozenset({"14"})         # not 西北


@pytest.mark.parametrize("label,province,prefecture", [
    ("大同口音", "14", "1402"), ("大同话", "14", "1402"),    # not 大庆's 大同区
    ("西安口音", "61", "6101"), ("西安话", "61", "6101"),    # not the 西安区 of 辽源 / 牡丹江
    ("朝阳口音", "21", "2113"), ("中山口音", "44", "4420"),
])
def test_an_accent_named_after_a_city_means_the_city_not_a_district_named_like_it_elsewhere(label, province,
                                                                                          prefecture):
    info = parse_dialect(label)
    assert info.provinces == frozenset({province}) and info.prefectures == frozenset({prefecture})


def test_a_city_accent_agrees_with_the_city_not_with_a_district_named_like_it():
    assert region("大同口音", "山西省大同市云冈区").label == "same_prefecture"
    assert region("大同口音", "黑龙江省大庆市大同区").label not in ("same_prefecture", "same_province")


@pytest.mark.parametrize("label,province,prefecture", [
    ("衡阳口音", "43", "4304"),     # 衡阳县 is a county of 衡阳市: both readings agree
    ("成都话", "51", "5101"), ("武汉话", "42", "4201"), ("唐山口音", "13", "1302"), ("抚顺口音", "21", "2104"),
    ("台山话", "44", "4407"),       # only ever a county: its reading stands
])
def test_city_and_county_accents_that_worked_still_work(label, province, prefecture):
    info = parse_dialect(label)
    assert info.provinces == frozenset({province}) and prefecture in info.prefectures
    assert parse_dialect("温州话").provinces == frozenset({"33"})


@pytest.mark.parametrize("address,county", [
    ("昆明西山", "530112"), ("云南省昆明市西山", "530112"), ("包头青山", "150204"), ("鹤岗东山", "230406"),
    ("沈阳铁西", "210106"), ("重庆江北", "500105"), ("天津河西", "120103"),
])
def test_a_common_district_stem_right_after_its_prefecture_names_the_district(address, county):
    assert places_in(address).counties == frozenset({county})


def test_a_common_district_stem_alone_or_elsewhere_still_names_nothing():
    assert places_in("西山").counties == frozenset()
    assert places_in("昆明市官渡区西山村").counties == {"530111"}     # after a county: a village
    assert places_in("鹤岗东山镇").counties == frozenset()            # a town named 东山
    assert places_in("包头东山").counties == frozenset()              # 东山 is no district of 包头


@pytest.mark.parametrize("address,county,rest", [
    ("内江市市中区城东", "511002", "城东"), ("济南市市中区", "370103", None), ("乐山市中区", "511102", None),
    ("青岛市南区", "370202", None), ("青岛市市北区", "370203", None), ("枣庄市市中", "370402", None),
])
def test_a_district_whose_name_starts_with_shi_after_its_city(address, county, rest):
    # 市中区 is a district of 内江, 乐山, 济南, 枣庄…: with the city named it is one of them
    pa = places_in(address)
    assert pa.counties == frozenset({county})
    assert rest is None or rest in pa.rest


def test_city_centre_is_not_a_district_when_the_city_is_written_once():
    assert places_in("济南市中心医院").counties == frozenset()
    assert places_in("衡阳市市中心").counties == frozenset()          # 衡阳 has no 市中区


@pytest.mark.parametrize("address,county,town", [
    ("金华市兰溪寨南镇", "330781", "寨南镇"), ("濮阳市濮阳寨林镇", "410928", "寨林镇"),
])
def test_a_county_written_bare_before_a_town_starting_with_zhai_keeps_the_county(address, county, town):
    pa = places_in(address)
    assert pa.counties == frozenset({county}) and town in pa.rest
    assert local_fragments(address) == (town[:-1],)


def test_a_village_named_like_a_county_with_zhai_stays_a_village():
    assert places_in("金华市兰溪寨").counties == frozenset()
    assert places_in("兰溪寨南镇").counties == frozenset()     # no prefecture named before it


@pytest.mark.parametrize("address,county", [
    ("南阳市内乡北西乡", "411325"), ("邢台柏乡", "130524"), ("湖南宁乡", "430182"), ("安徽六安金寨", "341524"),
    ("柳州鹿寨", "450223"),
])
def test_a_county_whose_name_ends_like_a_town_keeps_the_county_after_its_prefecture(address, county):
    assert county in places_in(address).counties


@pytest.mark.parametrize("address,prefecture", [("江西萍乡", "3603"), ("江西省景德镇", "3602")])
def test_a_city_whose_name_ends_like_a_town_keeps_the_city_after_its_province(address, prefecture):
    assert places_in(address).prefectures == {prefecture}
    assert places_in(address + "镇").prefectures == frozenset()      # "萍乡镇" is a town


def test_a_town_whose_name_ends_like_a_county_stays_a_town():
    assert places_in("邢台市太平乡").counties == frozenset()        # 平乡 is a county of 邢台, 太平乡 a town
    assert places_in("邢台柏乡镇").counties == frozenset()
    assert places_in("湖南省长沙县宁乡镇").counties == {"430121"}
    assert places_in("内乡").counties == frozenset()
    assert places_in("南平乡").counties == frozenset()


@pytest.mark.parametrize("hint", ["不详", "记不清", "说不清楚", "外地", "南方", "？", "不知道哪里", "问不出"])
def test_a_hint_that_names_no_place_is_no_clue_rather_than_a_place_no_report_has(hint):
    assert place([hint], "湖南省永州市双牌县五里牌镇东岭村").label == "null"
    assert place([hint, "双牌"], "湖南省永州市双牌县五里牌镇东岭村").label == "county"


@pytest.mark.parametrize("old", ["涪陵地区", "黔江地区", "万县地区"])
def test_sichuan_prefectures_that_became_chongqing_are_in_chongqing(old):
    # Sichuan's 涪陵/黔江/万县地区 went to Chongqing in 1997: not "another province"
    assert place([old], "重庆市涪陵区龙潭镇").label != "no_overlap"
    assert {p.province for p in places_in(old).places} == {"50"}


def test_counties_of_old_hainan_under_guangdong_resolve_to_hainan():
    assert any(p.county.startswith("46") for p in places_in("琼山县").places)


@pytest.mark.parametrize("dialect,hometown,expected", [
    ("鲁西南口音", "山东省菏泽市曹县", "same_province"),     # not 西南官话
    ("江浙沪口音", "上海市崇明区", "same_province"),
    ("豫东口音", "河南省商丘市", "same_province"),
    ("湘南口音", "湖南省郴州市桂阳县", "same_province"),
    ("台语", "台湾省", "same_province"),
    ("Cantonese", "广东省广州市", "same_province"),
    ("胶辽官话", "山东省烟台市", "same_province"),
])
def test_regional_and_romanised_accent_names_point_to_their_province(dialect, hometown, expected):
    assert region(dialect, hometown).label == expected


def test_without_a_hometown_the_missing_place_is_where_the_report_says_the_person_is_from():
    assert place(["江苏"], "", missing_place="江苏省南京市").label == "province"
    assert place(["江苏"], "安徽省", missing_place="江苏省南京市").label == "missing_province"


@pytest.mark.parametrize("address,county", [("邵阳邵东市附近", "430582"), ("湖南长沙宁乡市竹西镇", "430182"),
                                            ("衡阳衡东县", "430424")])
def test_a_city_stem_followed_by_one_of_its_counties_is_the_city_not_its_namesake_county(address, county):
    # 邵阳 is 邵阳市 or 邵阳县; "邵阳邵东市" is 邵东 in 邵阳市, not also 邵阳县
    assert places_in(address).counties == frozenset({county})


def test_a_village_named_with_zhai_or_tun_is_not_cut_to_a_stem_that_other_places_share():
    # "杨家寨": 杨家 alone is in 杨家江乡, 杨家湾, 杨家岭…
    assert place(["杨家寨"], "云南省红河州建水县杨家江乡").label != "village_or_town"
    assert place(["杨家寨"], "山西省运城市垣曲县陈家洼镇杨家寨村").label == "village_or_town"
    assert local_fragments("吉林省榆树市王家屯") == ("王家屯",)


# --------------------------------------------------------------------------- heard and miswritten places


@pytest.mark.parametrize("hint,hometown,expected", [
    ("双排", "湖南省永州市双牌县五里牌镇", "county"),        # same sound as 双牌
    ("绍阳", "湖南省邵阳市隆回县", "prefecture"),
    ("勇州", "湖南省永州市双牌县", "prefecture"),
    ("仆阳", "河南省濮阳市范县", "prefecture"),
    ("毫州", "安徽省亳州市利辛县", "prefecture"),          # a character of the same shape
    ("来阳", "湖南省衡阳市耒阳市", "county"),
    ("shuangpai", "湖南省永州市双牌县", "county"),
    ("Yongzhou, Hunan", "湖南省永州市双牌县", "prefecture"),
    ("mian yang", "四川省绵阳市三台县", "prefecture"),
])
def test_place_heard_by_sound_or_miswritten_agrees(hint, hometown, expected):
    assert place([hint], hometown).label == expected


def test_place_heard_by_sound_never_speaks_against_a_report():
    # "双排" may as well be a village of that sound: no "another province" against 河北
    assert place(["双排"], "河北省保定市易县").label in ("null", "local_unmatched")
    assert place(["shuangpai"], "河北省保定市易县").label == "null"


def test_village_whose_sound_is_a_county_elsewhere_still_matches_the_village():
    # 东岭 sounds like 东陵区 (沈阳): the report's own 东岭村 is what was meant
    assert place(["东岭"], "湖南省永州市双牌县五里牌镇东岭村").label == "village_or_town"


def test_place_heard_by_sound_gives_index_keys():
    keys = intake_region_keys(IntakeRecord("i", place_hints=["双排"]))
    assert any(k.startswith("X:") for k in keys)
    assert keys & report_region_keys(ReportRecord("r", hometown="湖南省永州市双牌县"))


def test_sound_reading_of_a_place_is_not_used_when_it_is_written_right():
    # 彬州 is a real city (陕西): read as written, not as 郴州
    assert place(["彬州"], "陕西省咸阳市彬州市").label in ("county", "prefecture")


@pytest.mark.parametrize("dialect,hometown,expected", [
    ("晋语", "内蒙古自治区呼和浩特市托克托县", "same_province"),   # 晋语 dominates there
    ("晋语", "河北省张家口市蔚县", "neutral"),                    # spoken, not dominant
    ("闽南话", "海南省文昌市", "same_province"),
    ("西南官话", "广西壮族自治区柳州市柳江区", "same_province"),
    ("西南口音", "湖北省恩施土家族苗族自治州恩施市", "same_province"),   # 西南官话 is spoken there too
    ("西南口音", "广西壮族自治区柳州市柳江区", "same_province"),
    ("西南口音", "广东省广州市", "conflict"),
    ("北方口音", "黑龙江省哈尔滨市", "neutral"),     # half the country: agreeing says nothing
    ("北方口音", "广东省广州市", "conflict"),
    ("南方人口音", "湖南省永州市双牌县", "neutral"),
    ("南方口音", "山东省菏泽市曹县", "conflict"),
    ("口音偏北方", "安徽省合肥市", "neutral"),         # 江苏, 安徽 and 湖北 are on both sides
    ("东北话", "黑龙江省哈尔滨市", "same_province"),
    ("晋语", "广东省广州市", "conflict"),
    ("口音：湘", "湖南省永州市双牌县", "same_province"),
    ("Hunan accent", "湖南省永州市双牌县", "same_province"),
    ("Sichuan accent", "湖南省永州市双牌县", "same_group"),   # as "说四川话" would
])
def test_accent_naming_a_group_or_written_short(dialect, hometown, expected):
    assert region(dialect, hometown).label == expected


def test_second_hint_elsewhere_does_not_upgrade_a_missing_place_agreement():
    # 惠城 agrees only with where the report says she went missing; 清城 is elsewhere
    res = place(["清城", "惠城"], "河北黄骅", missing_place="广东惠城")
    assert res.label == "missing_county"
    # in the hometown's county it is the `mixed` level, as before
    assert place(["双牌", "衡东县"], "湖南省永州市双牌县").label == "mixed"


def test_reading_by_sound_works_as_the_first_gazetteer_call_of_a_process():
    # the sound index is built under the gazetteer's lock; loading the gazetteer takes it too
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", "from matchers.gazetteer import places_by_sound; "
                          "print(places_by_sound('双排')[0].name)"], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "双牌县"


def test_places_read_from_pinyin_come_back_in_the_same_order_in_every_process():
    import os
    import subprocess
    import sys
    code = "from matchers.gazetteer import places_by_sound; print([p.code for p in places_by_sound('laiyang')])"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3", "4")}
    assert len(runs) == 1 and runs.pop().count("'") >= 4      # one order, two or more places


@pytest.mark.parametrize("hint", ["在北京打过工", "在凉山打过工", "去过深圳", "在厦门务工"])
def test_a_place_he_has_been_to_is_not_his_hometown(hint):
    res = place([hint], "福建省福州市福清市石头街道")
    assert res.label == "null" and "去过的地方" in res.explanation
    # and it does not hide a hometown hint beside it
    assert place([hint, "福清"], "福建省福州市福清市石头街道").label == "county"


def test_a_report_without_a_hometown_is_not_contradicted_by_where_he_went_missing():
    # people go missing far from home: on the way to work, at a station
    assert place(["家住武功"], "", missing_place="去乌海务工途中走失").label == "null"
    assert place(["河南"], "", missing_place="太原市").label == "null"
    # agreeing with the missing place still counts when nothing else is written
    assert place(["太原"], "", missing_place="太原市").label == "prefecture"
    # a hometown is still contradicted
    assert place(["河南"], "山西省太原市", missing_place="太原市").label == "no_overlap"


# --------------------------------------------------------------------------- regions that are no division


@pytest.mark.parametrize("hint,hometown", [
    ("湘南", "湖南省永州市双牌县五里牌镇东岭村"),
    ("说是苏北农村的", "江苏省宿迁市沭阳县"),
    ("洞庭湖边上", "湖南省岳阳市华容县"),
    ("闽南", "福建省泉州市安溪县"),
    ("川东", "重庆市万州区"),                # Chongqing was 川东 before 1997
    ("东北人", "黑龙江省齐齐哈尔市讷河市"),
])
def test_a_region_people_name_agrees_with_a_hometown_inside_it_as_a_province_would(hint, hometown):
    r = place([hint], hometown)
    assert r.label == "province", r
    assert "所指的地区" in r.explanation


def test_a_region_is_mild_about_its_own_province_outside_it_and_contradicts_another_province():
    assert place(["湘南"], "湖南省长沙市望城区").label == "province_other_place"   # edges are loose in speech
    assert place(["苏北"], "广东省湛江市廉江市").label == "no_overlap"
    # only a hometown can be contradicted: a report with just a missing place elsewhere cannot
    assert place(["苏北"], "", missing_place="广东省湛江市").label == "null"


@pytest.mark.parametrize("hint,inside,elsewhere", [
    ("黔东人", "贵州省黔东南苗族侗族自治州凯里市", "湖南省怀化市"),
    ("冀中一带", "河北省保定市", "山东省济南市"),
    ("蒙东的", "内蒙古自治区赤峰市", "辽宁省朝阳市"),
])
def test_a_part_of_a_province_the_table_does_not_list_agrees_with_its_province(hint, inside, elsewhere):
    # its one-character name and a direction: the province, whatever part of it is meant
    assert place([hint], inside).label == "province"
    assert place([hint], elsewhere).label == "no_overlap"


def test_a_region_hint_is_never_read_as_a_village_the_report_does_not_name():
    # before regions were known, "湘南" was a village stem absent from the address: -2.7 bits
    assert place(["湘南"], "湖南省永州市双牌县五里牌镇东岭村").label != "local_unmatched"


def test_a_name_the_gazetteer_knows_keeps_its_gazetteer_reading():
    assert place(["太湖"], "安徽省安庆市太湖县").label == "county"           # 太湖县, not the lake


def test_every_region_resolves_to_units_of_the_gazetteer():
    from matchers.regions import _regions
    regions = _regions()           # raises on a member that names no single unit
    assert regions["湘南"].prefectures == {"4304", "4310", "4311"}
    assert all(r.prefectures or r.whole for r in regions.values())


def test_a_region_hint_finds_its_prefectures_reports_through_the_index_keys():
    keys = intake_region_keys(IntakeRecord("i", place_hints=["湘南那边"]))
    report = report_region_keys(ReportRecord("r", hometown="湖南省永州市双牌县"))
    assert "D:4311" in keys & report


def test_hints_about_family_work_and_landmarks_are_not_read_as_a_hometown():
    from matchers.compare_place import prepare_hints
    # "提到过" names a place (it is not "到过", been there)
    said = prepare_hints(["提到过“唐山市”"])
    assert said is not None and said.hints and {"13"} == set(said.hints[0].provinces)
    for hint in ("女儿在泉州", "东莞砖厂干过", "养父母在河南", "以前在佛山当保安", "在义乌摆摊", "在东莞上班"):
        got = prepare_hints([hint])
        assert got is not None and not got.hints and got.been == (hint,)
    # a tree by the village gate is no 樟树市, a father's name no 建平县
    assert prepare_hints(["村口有棵大樟树"]) is None and prepare_hints(["爸爸叫韩建平"]) is None
    kept = prepare_hints(["双牌县那边有座山"])
    assert kept is not None and "431123" in kept.hints[0].counties
    # what is around the house is no village: "家后面是山" matched a report's own landmark as a
    # village (+12 bits) and "家门前有鱼塘" was a village the report did not name (-2.7)
    assert prepare_hints(["家后面是山"]) is None and prepare_hints(["家门前有鱼塘"]) is None
    kept = prepare_hints(["湖南双牌，家后面是山"])
    assert kept is not None and "431123" in kept.hints[0].counties
    assert place(["家门前有鱼塘"], "湖南省永州市双牌县五里牌镇东岭村").label == "null"


def test_a_hint_naming_places_in_several_provinces_means_the_one_his_other_hints_name():
    # "朝阳" is a district of 北京 and of 长春 and a city of 辽宁; "朝阳市" said too settles it
    assert place(["朝阳"], "北京市通州区").label == "prefecture"
    assert place(["朝阳市", "朝阳"], "北京市通州区").label == "no_overlap"
    assert place(["朝阳市", "朝阳"], "辽宁省朝阳市双塔区").label in ("prefecture", "county")
    keys = intake_region_keys(IntakeRecord("i", place_hints=["朝阳市", "朝阳"]))
    assert "D:2113" in keys and "D:1101" not in keys and "D:2201" not in keys


@pytest.mark.parametrize("address,expected", [
    ("从幸福小区家中走失", {"幸福", "幸福小区"}),
    ("昆明市盘龙区光明路", {"光明", "光明路"}),        # a street may bear a county's name (光明区)
    ("上海市中山北路100号", {"中山", "中山北路"}),
    ("高速公路横州服务区", set()), ("在马路边走失", set()), ("湖南省永州市双牌县东岭村3组", set()),
])
def test_compound_and_street_names_are_keyed_for_their_rarity(address, expected):
    from matchers.compare_place import urban_fragments
    assert set(urban_fragments(address)) == expected
    keys = report_region_keys(ReportRecord("r", missing_place=address))
    assert {"V:" + f for f in expected} <= keys


@pytest.mark.parametrize("hint,hometown", [
    ("朝阳路", "吉林省长春市朝阳区"),            # a street, not 长春's 朝阳区
    ("朝阳路附近", "北京市顺义区"),
    ("滨江名苑", "浙江省杭州市滨江区"),          # a compound, not 杭州's 滨江区
])
def test_a_street_or_compound_named_after_a_district_is_not_that_district(hint, hometown):
    assert place([hint], hometown).label == "null"
    assert not {k for k in intake_region_keys(IntakeRecord("i", place_hints=[hint])) if k[:2] in ("P:", "D:", "X:")}


def test_a_street_or_compound_matches_as_written_and_a_bare_compound_word_matches_nothing():
    assert place(["朝阳路"], "吉林省白城市洮北区朝阳路146号").label == "village_or_town"
    assert place(["滨江名苑"], "湖北省咸宁市咸安区幸福名苑").label == "null"
    assert place(["住在幸福小区"], "", missing_place="从幸福小区家中走失").label == "village_or_town"


def test_home_in_a_town_names_no_town_and_home_in_a_village_names_the_village():
    assert local_fragments("丹阳市,家在镇上") == ()
    assert local_fragments("家住红星村") == ("红星",)
    assert place(["丹阳县", "福铺镇"], "丹阳市,家在镇上").label == "county"


# --------------------------------------------------------------------------- alternatives and clauses in one hint


@pytest.mark.parametrize("hint", ["湖南或湖北", "湖南/湖北", "好像是湖北或者湖南的"])
def test_places_given_as_alternatives_agree_with_a_report_from_either(hint):
    # read as one address, the second was a village of the first and a 湖北 report was contradicted
    assert place([hint], "湖北省武汉市江夏区").label == "province"
    assert place([hint], "湖南省长沙市望城区").label == "province"
    assert place([hint], "广东省广州市天河区").label == "no_overlap"


def test_alternative_counties_agree_with_either_and_insist_on_the_county():
    assert place(["双牌、宁远"], "湖南省永州市宁远县").label == "county"
    assert place(["双牌/宁远"], "湖南省永州市道县").label == "prefecture_other_county"


def test_a_place_written_level_by_level_with_separators_is_one_place():
    r = place(["河南、信阳、光山"], "河南省信阳市光山县")
    assert r.label == "county" and "光山县" in r.explanation


def test_clauses_of_one_hint_are_read_apart():
    # where he is from, and where he worked: only the first is a hometown claim
    assert place(["老家在湖南，在广东打工"], "湖南省长沙市").label == "province"
    assert place(["老家在湖南，在广东打工"], "广东省广州市").label == "no_overlap"


@pytest.mark.parametrize("hint", ["深圳装修队", "东莞电子厂", "宁波的餐馆", "上海装修队"])
def test_a_workplace_is_where_he_has_been_not_where_he_is_from(hint):
    # "装修队" matched the report's "武汉的装修队" as a village both named (+10.7 in a fifth-world false alarm)
    assert place([hint], "宁夏回族自治区银川市贺兰县", missing_place="武汉的装修队").label == "null"


def test_a_workplace_hint_no_longer_outvotes_a_province_that_contradicts():
    assert place(["河南那边", "济南装修队"], "山东省枣庄市山亭区").label == "no_overlap"


def test_a_village_named_like_a_workplace_is_still_a_village():
    assert place(["饭店村"], "湖北省孝感市大悟县芳畈镇饭店村").label == "village_or_town"


def test_a_station_or_what_the_land_looks_like_is_no_village_two_addresses_share():
    # a sixth blind world's false alarms: "火车站" and "靠近黄河" matched as villages (+10.7, +12.1)
    assert place(["莱州火车站"], "吉林省吉林市蛟河东石乡", missing_place="长春火车站走失").label \
        not in ("village_or_town", "missing_local")
    assert place(["靠近黄河"], "德城区店金乡薛家营,靠近黄河").label != "village_or_town"
    assert place(["种玉米"], "冀州区河三乡庙平村,种玉米").label != "village_or_town"


def test_a_school_or_station_named_after_a_town_names_that_town():
    assert place(["双铺小学"], "山西吕梁柳林县双铺镇").label in ("village_or_town", "county")
    assert place(["双铺小学"], "山西吕梁柳林县双铺镇").detail.get("hint") == "双铺小学"


@pytest.mark.parametrize("label,province", [("有点大碴子味", "22"), ("北方口因", "13"), ("河西口音", "62"),
                                            ("东乡话", "62"), ("撒拉语", "63"), ("说蒙古话", "15")])
def test_accent_labels_of_northern_stations_are_read(label, province):
    from matchers.dialects import parse_dialect
    d = parse_dialect(label)
    assert d.recognized and province in d.provinces


def test_a_village_whose_name_starts_like_a_description_is_still_a_village():
    assert place(["养马村"], "河北省保定市易县养马村").label == "village_or_town"
