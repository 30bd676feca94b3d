"""Regions people name that are not administrative divisions: 湘南, 苏北, 皖北, 闽南, 潮汕, 东北,
and a few landmarks that stand for the land around them (洞庭湖, 鄱阳湖).

Station staff write what the person said: "说是湘南的", "苏北农村", "洞庭湖边上". The gazetteer
knows none of these, so such a hint was either unread or, worse, taken for a village the
report does not name. Each entry lists the prefectures (or whole provinces) it is commonly
understood to cover; the edges of these regions are loose in speech (is 扬州 苏北?), so a
hometown outside them but in the same province is only the mild `province_other_place`,
never a contradiction.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# name -> members, each "province + prefecture" or a whole province; written with full
# official names so the gazetteer resolves each to exactly one unit
_TABLE: dict[str, tuple[str, ...]] = {
    # Hunan
    "湘南": ("湖南省衡阳市", "湖南省郴州市", "湖南省永州市"),
    "湘西": ("湖南省湘西土家族苗族自治州", "湖南省怀化市", "湖南省张家界市"),
    "湘北": ("湖南省岳阳市", "湖南省常德市", "湖南省益阳市"),
    "湘中": ("湖南省娄底市", "湖南省邵阳市", "湖南省湘潭市"),
    # Jiangsu
    "苏北": ("江苏省徐州市", "江苏省连云港市", "江苏省宿迁市", "江苏省淮安市", "江苏省盐城市"),
    "苏中": ("江苏省扬州市", "江苏省泰州市", "江苏省南通市"),
    "苏南": ("江苏省南京市", "江苏省镇江市", "江苏省常州市", "江苏省无锡市", "江苏省苏州市"),
    # Anhui
    "皖北": ("安徽省淮北市", "安徽省亳州市", "安徽省宿州市", "安徽省蚌埠市", "安徽省阜阳市", "安徽省淮南市"),
    "皖南": ("安徽省黄山市", "安徽省宣城市", "安徽省池州市", "安徽省芜湖市", "安徽省铜陵市", "安徽省马鞍山市"),
    "皖西": ("安徽省六安市", "安徽省安庆市"),
    # Henan
    "豫南": ("河南省信阳市", "河南省驻马店市", "河南省南阳市"),
    "豫北": ("河南省安阳市", "河南省鹤壁市", "河南省新乡市", "河南省焦作市", "河南省濮阳市"),
    "豫东": ("河南省商丘市", "河南省周口市", "河南省开封市"),
    "豫西": ("河南省洛阳市", "河南省三门峡市"),
    # Sichuan / Chongqing (川东 was Chongqing's before 1997, and old people still say so)
    "川东": ("四川省达州市", "四川省南充市", "四川省广安市", "四川省巴中市", "重庆市"),
    "川北": ("四川省广元市", "四川省绵阳市", "四川省南充市", "四川省巴中市"),
    "川南": ("四川省宜宾市", "四川省泸州市", "四川省自贡市", "四川省内江市", "四川省乐山市"),
    "川西": ("四川省阿坝藏族羌族自治州", "四川省甘孜藏族自治州", "四川省凉山彝族自治州", "四川省雅安市"),
    # Guangdong
    "粤西": ("广东省湛江市", "广东省茂名市", "广东省阳江市", "广东省云浮市"),
    "粤东": ("广东省汕头市", "广东省潮州市", "广东省揭阳市", "广东省汕尾市", "广东省梅州市"),
    "粤北": ("广东省韶关市", "广东省清远市", "广东省河源市"),
    "潮汕": ("广东省汕头市", "广东省潮州市", "广东省揭阳市"),
    "珠三角": ("广东省广州市", "广东省深圳市", "广东省珠海市", "广东省佛山市", "广东省东莞市", "广东省中山市",
            "广东省江门市", "广东省惠州市", "广东省肇庆市"),
    # Fujian
    "闽南": ("福建省泉州市", "福建省漳州市", "福建省厦门市"),
    "闽北": ("福建省南平市",),
    "闽东": ("福建省宁德市", "福建省福州市"),
    "闽西": ("福建省龙岩市", "福建省三明市"),
    # Zhejiang
    "浙南": ("浙江省温州市", "浙江省丽水市", "浙江省台州市"),
    "浙北": ("浙江省湖州市", "浙江省嘉兴市", "浙江省杭州市"),
    # Jiangxi
    "赣南": ("江西省赣州市",),
    "赣北": ("江西省九江市",),
    # Hubei
    "鄂西": ("湖北省恩施土家族苗族自治州", "湖北省宜昌市", "湖北省十堰市"),
    "鄂东": ("湖北省黄冈市", "湖北省黄石市", "湖北省鄂州市"),
    "鄂北": ("湖北省襄阳市", "湖北省十堰市", "湖北省随州市"),
    # Shandong
    "鲁西南": ("山东省菏泽市", "山东省济宁市"),
    "鲁南": ("山东省临沂市", "山东省枣庄市"),
    "胶东": ("山东省青岛市", "山东省烟台市", "山东省威海市"),
    "鲁北": ("山东省德州市", "山东省滨州市", "山东省东营市"),
    # Hebei, Shanxi, Shaanxi
    "冀南": ("河北省邯郸市", "河北省邢台市"),
    "冀北": ("河北省张家口市", "河北省承德市"),
    "晋南": ("山西省运城市", "山西省临汾市"),
    "晋北": ("山西省大同市", "山西省朔州市", "山西省忻州市"),
    "陕北": ("陕西省榆林市", "陕西省延安市"),
    "陕南": ("陕西省汉中市", "陕西省安康市", "陕西省商洛市"),
    "关中": ("陕西省西安市", "陕西省宝鸡市", "陕西省咸阳市", "陕西省渭南市", "陕西省铜川市"),
    # Guangxi, Guizhou, Yunnan
    "桂北": ("广西壮族自治区桂林市",),
    "桂西": ("广西壮族自治区百色市", "广西壮族自治区河池市", "广西壮族自治区崇左市"),
    "黔北": ("贵州省遵义市",),
    "滇西": ("云南省大理白族自治州", "云南省保山市", "云南省德宏傣族景颇族自治州", "云南省怒江傈僳族自治州",
            "云南省丽江市", "云南省迪庆藏族自治州"),
    "滇南": ("云南省红河哈尼族彝族自治州", "云南省文山壮族苗族自治州", "云南省西双版纳傣族自治州",
            "云南省普洱市"),
    # Northeast, Northwest
    "东北": ("黑龙江省", "吉林省", "辽宁省", "内蒙古自治区呼伦贝尔市", "内蒙古自治区兴安盟",
           "内蒙古自治区通辽市", "内蒙古自治区赤峰市"),
    "辽西": ("辽宁省锦州市", "辽宁省葫芦岛市", "辽宁省朝阳市", "辽宁省阜新市"),
    "陇东": ("甘肃省庆阳市", "甘肃省平凉市"),
    "河西走廊": ("甘肃省武威市", "甘肃省张掖市", "甘肃省金昌市", "甘肃省酒泉市", "甘肃省嘉峪关市"),
    "南疆": ("新疆维吾尔自治区喀什地区", "新疆维吾尔自治区和田地区", "新疆维吾尔自治区阿克苏地区",
           "新疆维吾尔自治区克孜勒苏柯尔克孜自治州", "新疆维吾尔自治区巴音郭楞蒙古自治州"),
    "北疆": ("新疆维吾尔自治区乌鲁木齐市", "新疆维吾尔自治区伊犁哈萨克自治州", "新疆维吾尔自治区塔城地区",
           "新疆维吾尔自治区阿勒泰地区", "新疆维吾尔自治区昌吉回族自治州", "新疆维吾尔自治区克拉玛依市"),
    # landmarks that stand for the land around them
    "洞庭湖": ("湖南省岳阳市", "湖南省常德市", "湖南省益阳市"),
    "鄱阳湖": ("江西省九江市", "江西省上饶市", "江西省南昌市"),
    "太湖": ("江苏省苏州市", "江苏省无锡市", "江苏省常州市", "浙江省湖州市"),
    "大别山": ("安徽省六安市", "安徽省安庆市", "河南省信阳市", "湖北省黄冈市"),
    "井冈山": ("江西省吉安市",),
    "五台山": ("山西省忻州市",),
    "峨眉山": ("四川省乐山市",),
    "长白山": ("吉林省白山市", "吉林省延边朝鲜族自治州"),
}
# what may follow a region's name in a hint: "洞庭湖边", "苏北地区", "湘南一带"
_AFTER = ("", "边", "旁", "边上", "周边", "周围", "地区", "一带", "那块", "那边", "农村", "乡下", "山区")


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    provinces: frozenset[str]       # every province it touches
    prefectures: frozenset[str]     # the prefectures it covers
    whole: frozenset[str]           # provinces it covers entirely
    members: str                    # display: "衡阳、郴州、永州"


@lru_cache(maxsize=1)
def _regions() -> dict[str, Region]:
    from .gazetteer import places_in, prefecture_name, province_name
    out = {}
    for name, members in _TABLE.items():
        provs, prefs, whole, shown = set(), set(), set(), []
        for m in members:
            pa = places_in(m)
            if len(pa.provinces) != 1 or len(pa.prefectures) > 1:
                raise ValueError(f"region {name}: {m} does not name one unit ({pa})")
            provs |= pa.provinces
            if pa.prefectures:
                prefs |= pa.prefectures
                shown.append(prefecture_name(next(iter(pa.prefectures))))
            else:
                whole |= pa.provinces
                shown.append(province_name(next(iter(pa.provinces))))
        short = [s.removesuffix("市").removesuffix("省") if len(s) > 2 else s for s in shown]
        out[name] = Region(name, frozenset(provs), frozenset(prefs), frozenset(whole), "、".join(short))
    return out


def region_named(text: str) -> Region | None:
    """The region a hint (already cut to what was said: "湘南", "洞庭湖边") names, if any."""
    regions = _regions()
    for name in sorted(regions, key=len, reverse=True):
        if text.startswith(name) and text[len(name):] in _AFTER:
            return regions[name]
    return None
