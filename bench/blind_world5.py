"""Blind world 5: a synthetic tracing world "written by another office" (police bulk imports, migrant
workers, city compounds, spreadsheet noise).  Independent of the matcher: written from domain knowledge
and python-stdnum's gazetteer (stdnum/cn/loc.dat, parsed here) only.

    python -m bench.blind_world5 --reports N --intakes M --seed S --out DIR [--no-report-share 0.4]

writes DIR/reports.csv, DIR/intakes.csv, DIR/labels.csv (UTF-8, header row) and prints the realised
shares to stderr.  Deterministic for a seed (one random.Random stream; sub-county place names come
from per-county generators seeded by (seed, county code)).  Reports are streamed: 1,000,000 reports
take about 2 minutes and under 100 MB (measured: 119 s, 78 MB peak RSS).

DATA CARD
=========
Population process (the same for reported people and for people nobody reported)
---------------------------------------------------------------------------------
* Scenario: migrant worker missing in the city he worked in 35%; rural person missing near home 30%;
  urban resident missing from his compound 22%; traveller lost at a station on the way 13%.
* Missing date: year 1995-2025 with weight 1 + 0.12*(year-1995) (more recent cases, police backlog
  imports), uniform day, never after 2025-06-30.
* Age when missing: migrant triangular(16, 58, mode 28), 80% male; urban 42% 60-90 / 43% 18-59 /
  15% 8-17, 58% male; rural 50% 20-64 / 30% 60-88 / 20% 4-19, 70% male; traveller 17-72, 72% male.
  Birth date = missing date - age - uniform(0..364 d).  Registered (ID-card) birth date equals it
  90%, is shifted 15-50 days (lunar date) 7%, or 1-2 years off 3%.
* Home: rural homes pick a province by 2020 population x an out-migration factor (河南, 四川, 安徽,
  贵州 x1.4; 湖南, 江西, 广西, 重庆 x1.3; Beijing/Shanghai x0.4 ...) then a county-level unit
  (counties and county-level cities weight 1, districts that were counties, 县改区, weight 0.6, pure
  urban districts 0) from the gazetteer's current units; a town (城关镇 in 40% of counties, else
  generated 2-char + 镇/乡, 12 per county, exp-distributed popularity) and a village (14 per town:
  XX村 / 王家湾村 / 张庄村), group 1-12; 20% live by a river, 25% in the hills.  Urban homes (all urban
  residents, 40% of travellers): 45% one of 38 big cities (广州, 深圳, 东莞, 上海, 北京 ...), else any
  prefecture city with districts; a district; road, 街道 and compound (XX小区/花园/苑/家园/新村/城,
  15% 单位 housing: 纺织厂家属院, 粮食局宿舍) from a per-district list.
* Where missing: migrants 78% a big city (weighted), else a city of their province or anywhere, with a
  town / 街道 and a workplace (工地, 电子厂, 鞋厂 ...); travellers at a big city's 火车站/汽车站/高铁站;
  urban and rural people at home.
* Ethnicity by county/prefecture code: 广西 壮 32%; 宁夏 回 36%, 临夏 58%; 青海 藏 25% 回 15%; 西藏
  藏 90%; 甘孜 78% 阿坝 55% 甘南 55% 藏; 凉山 彝 52%, 云南 彝 11%; 内蒙古 蒙 18%; 延边 朝鲜 32%, 吉林
  3%; 新疆 维 45% 回 4.5%; small 回 shares in 河南, 山东, 河北, 北京 (urban homes halve 藏/彝/维).
* Names.  Han (incl. 壮, 回): surname from a national frequency table (王 7.1%, 李 7.0%, 张 6.7% ...
  down to 单, 区, 覃, 解, 欧阳, 司马 ...) with regional boosts (south: 陈林黄梁 x2, 区 x6; 广西: 韦 x12,
  覃 x15, 莫, 蒙, 农; north: 王张刘赵 x1.3, 于 x2; 回: 马 x25, 丁, 白).  Given name by birth cohort
  (<1960 / 1960-79 / 1980-94 / 1995-2009 / 2010+) and sex: single-character 20/25/28/12/5%; of the
  rest 20% a whole common name of the cohort (建国, 秀英, 建军, 红梅, 伟, 磊, 丽, 浩然, 子涵 ...,
  rank weights 1/(r+15)), 80% composed from the cohort's first/second characters and a generic
  name-character pool.  Realised: 30% of 20,000 reports share their exact name with another report
  (top: 刘建华, 王建华, 王建军, 格桑 14-15 times).  Minorities: 维 given·father (艾力·买买提),
  藏 one or two parts without surname (扎西多吉, 次仁卓玛), 蒙 one name (巴特尔, 斯琴高娃), 30% with a
  Han name as alt; 朝鲜 Han-style (金哲洙, 朴英子) with Korean romanisation (Park Yeong-ja); 彝 clan +
  name (吉克阿依, 阿苏木呷), 50% with a Han name as alt; 回 30% with a 经名 (尔撒, 阿依莎) as alt.
  Transliteration variant groups: 买买提/麦麦提, 阿不都/阿布都/阿卜杜, 扎西/扎喜/札西, 次仁/才让,
  多吉/多杰, 卓玛/卓嘛, 旦增/丹增, 巴特尔/巴图尔, 宝音/包音, 呷/嘎/尕, 曲比/曲别 ...
* 小名 (family nickname), by region/sex/birth order: 小X, XX, 阿X (粤闽桂浙琼), X仔 (粤桂琼 men),
  X妹, 二娃/三娃/幺 (川渝黔), 老二, 二丫 (north), 狗蛋/柱子/丫头 (rural, born <1975), 特X/达X (old 壮).
* Body: height N(168.5, 6) men / N(157.5, 5.5) women, -2.5 cm if born <1960, grown by an age curve
  for children, -0.15 cm/yr after 60.  Marks: 0/1/2/3 with 45/35/15/5%: scar 30%, mole 20%, birthmark
  12%, missing finger 8%, tattoo 10% (忍/爱/龙/鹰...), limp 6%, missing teeth 5%, blind eye 3%, six
  fingers 2%, harelip, hunchback, burn; each with a side and 4-7 paraphrases (左手缺小指 / 左手小拇指残缺
  / 左手少一截小拇指).  Condition: deaf-mute 3%, mental illness 10%, intellectual disability 6%,
  dementia 35% of those 65+ (rest none).  Build, glasses 7%, clothes.

reports.csv (one per reported person; 55% police bulk import, 45% family report)
-----------------------------------------------------------------------------------
* ref R0000001...; name = the real name (1.2% stray space after the surname, 0.6% traditional
  characters, 0.5% of family reports "刘建国（小名二娃）", 0.3% trailing space).
* alt_names (";", "、" or "; "): 小名 (police 8%, family 40%), a transliteration variant (35% of
  维/藏/蒙/彝), the 维 name without "·" (20%), Han/经名 alternates above, 曾用名 3% of Han.
  Realised: 26% non-empty.
* sex 男/女 (0.5% empty).  birth_date: police = the ID-card date as 2019-03-05 45% / 20190305 30% /
  2019/3/5 15% / 2019年3月5日 5% / 2019年 5%; family = the true date as 1973年 42% / 1973年5月 13% /
  1973年5月12日 15% / ISO 15% / slash 10% / empty 5%.  2% of digit fields in full-width digits.
  Realised: 21.7% year only, 2.2% empty.
* hometown: police = formal address 湖南省衡阳市衡阳县西渡镇梅花村3组 (8% without the province; urban:
  省市区 + 路 + 号 + 小区 + 栋/单元/室); family = 75% informal ("河南周口那边", "衡阳县西渡镇",
  "四川大竹县农村", "瓦房店市，家在镇上", "长沙岳麓区阳光花园"; born <1960: 30% old county/prefecture
  names such as 酃县, 衡阳地区), 25% formal.
* missing_date: police exact (ISO 55%, slash 20%, 年月日 15%, compact 10%); family ISO 30% / slash
  15% / 年月日 25% / 2012年5月 22% / 2012年 8%.
* missing_place: police formal (广东省东莞市长安镇, 长沙市岳麓区人民路阳光花园附近, 郑州市火车站);
  family informal ("在东莞打工时失联", "从阳光花园家中出门后未归", "西渡镇赶集时走失", "家中").
* height_cm (at the missing date): police exact number 40% else empty; family 70% as 170 / 170左右 /
  一米七 / 一米七二, ±2.5 cm.  Realised empty 47%.
* features: each mark with p 0.8 (family) / 0.5 (police, half terse 左眉疤痕), condition 85%, build
  30%, glasses 70%, family 40% clothes when last seen, children 走失时X岁; separators ，；。、 or space.
* dialect: police 15%, family 55%: province label (湖南话, 说四川话, 粤语 ...), 说衡阳话 / 衡阳口音,
  ethnic labels, "会说普通话", "说方言，会一点普通话"; deaf "不会说话".
* contact_phone: police 60% landline 0xxx-xxxxxxx; else mobile, 15% masked 138****5678, 11% with
  dashes or spaces.  photos empty.

intakes.csv and labels.csv
--------------------------
* share_no_report of intakes (default 40%) are fresh people from the same process (so namesakes, shared
  counties and ages occur by chance); the rest each observe one report chosen uniformly; 3% of those
  are re-admissions of an already found person (found again 20 days - 3 years after the first intake).
  Refs I000001... in found-date order.  labels: intake_ref, report_ref (empty without report), category.
* found_date: delay after missing 25% 0-30 days (triangular, mode 2), 30% 1-12 months, 45%
  1 + Exp(mean 4.5) years (max 20), cut to the days left before 2025-06-30.  Written ISO 60% /
  2019/3/5 20% / 2019年3月5日 15% / 20190305 5%, 2% full-width.
* found_place: within 30 days 65% in the missing city (60% the same county), 20% elsewhere in that
  province, 15% far; 1-12 months 30/30/40; later 10/20/70 (far = big city 60%, any city 40%).  Text
  "广州市白云区广园西路天桥下", 25% county only ("临湘市菜市场"), towns for cities without counties
  (东莞市长安镇汽车站).
* name, by category (base weights full_exact .31, homophone .10, dialect .15, pinyin .07, given_only
  .10, nickname .11, none .16; deaf-mute: none .88; mental/intellectual/dementia: none x1.8; children
  under 14: nickname x2, given_only x1.5; 维藏蒙彝: homophone x1.8 = transliteration variant, no
  dialect; no dialect confusion in the home province: dialect weight moved to homophone; a category that
  cannot be produced falls back dialect -> homophone -> full_exact, nickname -> given_only):
  - full_exact: the name (30% of 维 names with "·" replaced by "", ".", "•" or " ").
  - homophone: 1 (72%) or 2 characters replaced by a same-syllable character (same tone 75%); surnames
    with another reading heard by it 60% (单 -> 丹, 区 -> 欧/曲, 覃 -> 谭/秦); minorities get a
    transliteration variant.  15% carry "（音）"/"(音)"/"？".
  - dialect: one character replaced by a character of a confused syllable allowed by the home
    province: n/l (湘鄂赣皖苏川渝桂黔闽滇甘), f/h (湘闽粤赣桂川渝琼: 胡 -> 符, 黄 -> 方), zh/z ch/c sh/s
    (southern provinces), -n/-ng (湘鄂赣皖闽浙苏沪川渝黔滇桂甘陕晋), h/w (浙沪苏皖: 黄 -> 王, 胡 -> 吴),
    r/y (东北), r/l (湘鄂赣), ü/i (滇黔桂粤闽琼: 徐 -> 习, 吕 -> 李).
  - pinyin: "Liu Jianguo" 35%, "liujianguo" 15%, "liu jian guo" 15%, "LIU JIANGUO" 8%, tone marks
    "Liú Jiànguó" 10%, "Jianguo Liu" 5%, "liu2 jian4 guo2" 3%, "Liu Jian Guo" 9%; ü as v/u/ü; 35% of
    单曾区覃朴解 by the common reading (Dan, Ceng, Qu, Tan); 20% one syllable heard through the accent
    (niu jian guo); 6% full-width letters, 5% "(音)"/"?"; 朝鲜/维/藏 names 45% in their own
    romanisation (Kim Yeong-su, Eli Memet, Tashi Dorje).
  - given_only: the given name (维: the own name without the father's; 藏/蒙 two-part: one part).
  - nickname: 45% the family 小名 (which the report lists as alt in 8-40% of cases), else 小X, 阿X,
    老刘 (men 30+), 刘老三 (birth order), 大刘/小刘, XX.
  - none: empty 60%, else 无法表述 / 不详 / 未知 / 无.
  Noise on written names: 3% "（音）", 2% one character as ×/X/?, 2% traditional characters, 3% space
  after the surname, 1% leading space, 1% a doubled character.
* sex: 1% wrong, 2% empty.  age_estimate from the true age at the found date: children N(0, 1.5);
  under 25 N(+1, 3); lived rough (70% of those found after >1 year) N(+3, 6) and 12% a further
  ±10 years; 65+ N(0, 5); others N(0, 3.5).  Written 约45岁 30%, 45岁 12%, 45 8%, 40-50(岁) 14%,
  40多岁, 四十多岁 / 六十来岁, 45岁左右, 约45; 3% empty.
* height_cm: measured ±1.5 cm 45% (number), estimated ±3.5 cm 40% (170 / 170左右 / 一米七), empty 15%.
* features: visible marks 75% (birthmarks and scars on belly/scalp 45%), 4% with left/right swapped,
  paraphrased independently of the report; condition 90%; 偏瘦/消瘦/营养不良, 头发花白, 胡须较长,
  衣着破旧 for people who lived rough; 戴眼镜; 回 30% 戴白帽/戴头巾; clothes 35% (the clothes of the
  report if found within 3 days, 60%).
* dialect: deaf-mute 聋哑/不会说话/empty; 维藏蒙朝彝 70% their language (只会说维语, 藏语, 朝鲜语);
  壮 30% 壮话; else 50% the home province's label (12% prefecture: 衡阳口音), 8% a neighbouring
  province's label, 17% vague (外地口音, 普通话不标准, 听不懂的方言), 普通话 7% (urban homes 17%), rest
  empty; 4% typos (湖南口意, 胡南口音, 四穿话), 5% 说/讲 prefix.
* place_hints (separated by "；", ";" or "、"): 0/1/2/3/4 fragments with 28/30/24/13/5% (deaf-mute 80%
  none; confused people one fewer 40%; found near home one more 40%), drawn without replacement from:
  county (current name, short name, or 35% of old-enough people the old name: 酃县, 望城县, 思茅市),
  prefecture (short or full; old prefecture names 衡阳地区, 思茅, 襄樊 for old-enough people 35%),
  province (湖南 / 湖南人 / 湖南的 / 湖南那边), town, village, village+组, a description (住在河边,
  家在山里, 村里有个水库); urban: compound (阳光花园), road (住在人民路), 街道, city, "小区门口有个
  超市"; migrants: the work city or job (在东莞打工, 深圳装修队); travellers: where they got off; people
  born 1968+: an ID number (0.15 weight: full 18 digits with the code valid when the card was issued
  and the registered birth date, 30% of those with one digit wrong; or its first 6 or 14 digits).
  Fragment noise: 12% one character replaced by a homophone (not 镇乡村县市区组街路, not descriptions),
  3% traditional, 3% "（音）"/"?", 2% stray spaces.
* photos empty.

Realised shares (seed 1, 20,000 reports, 2,000 intakes, about 4 s)
------------------------------------------------------------------
* reports: 55.0% police imports; scenarios migrant 34.6%, rural 30.4%, urban 22.0%, transit 12.9%;
  ethnicity 汉 94.7%, 壮 1.44%, 藏 1.23%, 彝 0.81%, 维 0.71%, 回 0.65%, 蒙 0.32%, 朝鲜 0.14%.
  29% of reports share their exact name with another (top: 王建华 19, 王海涛 15, 格桑 14, 李建军 13);
  alt_names non-empty 26.3%; birth_date year only 21.8%, empty 2.2%; height empty 46.9%.
* intakes: 800 without report, 36 re-admissions.  Name category, all intakes: full_exact 29.3%,
  homophone 16.2%, dialect 7.0%, pinyin 7.4%, given_only 10.5%, nickname 9.8%, none 19.7%
  (with report: 26.9 / 16.8 / 7.5 / 7.7 / 10.8 / 10.5 / 19.8%).
* linked pairs: found in the missing year 44%, 1-2 years later 33%, 3-9 years 21%, 10+ years 2.2%;
  age estimate minus true age (birth year) mean +0.2, sd 4.9, 5% off by 10 years or more; sex
  mismatched 1.0%.
* intakes: 31.5% no place hints, 0.9% an ID-number hint, 12% an empty name field, 14.5% no height,
  16% no dialect, 13% no features.
"""
from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import os
import re
import sys
import time
import random
from itertools import accumulate

TODAY = dt.date(2025, 6, 30)
_EPOCH = dt.date(1900, 1, 1).toordinal()

# ---------------------------------------------------------------------------------------------
# Characters and their readings (toneless syllable + tone).  Every character used in a name is
# here; homophones and dialect confusions are drawn from the same table.
# ---------------------------------------------------------------------------------------------
_PY_TABLE = """
a1 阿
ai4 艾爱
an1 安
ba1 巴
bai2 白
bao1 包
bao3 宝保
bao4 鲍豹
bei4 贝
bi3 比
bie2 别
bin1 斌彬滨
bing1 兵冰
bing3 炳
bo1 波
bo2 博柏
bu3 卜
bu4 不布
cai2 才财
cai3 彩
cai4 蔡
cang1 苍
cao2 曹
cen2 岑
chang1 昌
chang2 常长
chao1 超
chao2 朝
chen2 陈晨辰宸臣
cheng2 程成诚承城
chun1 春
ci4 次
cong1 聪
cui1 崔
cui4 翠
cun2 存
cuo4 措
da2 达
da4 大
dai4 戴代
dan1 丹
dan4 旦
de2 德
deng1 登
deng4 邓
di2 迪
di3 底
di4 蒂
ding1 丁
dong1 东冬
dong3 董
dong4 栋
du1 都
du4 杜
duan4 段
dun1 敦
dun4 顿
duo1 多
duo3 朵
e2 额俄娥
er3 尔
er4 二
fa1 发
fa3 法
fan4 范
fang1 方芳
fang2 房
fang4 放
fei1 飞菲
fen1 芬
feng1 峰丰锋枫
feng2 冯
feng4 凤
fu1 夫
fu2 福符扶
fu4 付富傅
ga1 呷嘎
ga3 尕
gang1 刚钢
gao1 高
ge2 格革
ge3 葛
gen1 根
geng1 耕
gong1 龚
gong4 贡
gu3 古
gu4 顾
guan1 官
guang1 光
gui4 贵桂
guo1 郭
guo2 国帼
guo3 果
ha1 哈
hai3 海
han2 韩涵寒
han4 汗
hang2 航
hao2 豪
hao3 郝
hao4 浩昊皓
he2 何和合禾
he4 贺赫鹤
heng2 衡恒
hong2 红宏洪鸿
hou2 侯
hu2 胡湖
hua1 花
hua2 华
huan1 欢
huang2 黄凰
hui1 辉晖
hui2 回
hui4 慧惠
ji1 姬
ji2 吉
jia1 家佳嘉
jia3 贾
jian1 坚
jian4 建健剑
jiang1 江姜
jiang3 蒋
jie2 杰洁
jie3 解
jin1 金津
jin3 锦
jin4 进晋
jing1 晶京
jing4 静敬
ju2 菊
juan1 娟
jun1 军君
jun4 俊峻
ka3 卡
kai3 凯
kang1 康
ke3 可
ke4 克
kong3 孔
kun1 坤
la1 拉
lai2 莱来
lan2 兰岚
lang3 朗
le4 乐
lei2 雷
lei3 磊
li2 黎
li3 李里理礼
li4 丽力立利莉
lian2 莲连
liang2 梁良
liang4 亮
liao4 廖
lin2 林琳霖
ling2 玲凌灵
liu2 刘流留
liu3 柳
long2 龙隆
lu2 卢
lu3 鲁
lu4 陆路鹿
luo2 罗
luo4 洛
lv3 吕
ma2 嘛
ma3 马玛
mai3 买
mai4 麦
man3 满
man4 曼
mao2 毛
mei2 梅玫
mei3 美
mei4 妹
meng2 蒙萌
meng4 孟梦
mi3 米
min2 民
min3 敏
ming2 明鸣铭
mo4 莫墨
mu3 姆
mu4 木穆沐
na4 娜纳那
nan2 南楠
ni2 尼妮
nian2 年
nie4 聂
ning2 宁
niu1 妞
niu2 牛
nong2 农
nu3 努
nuo4 诺
nv3 女
ou1 欧鸥
pa4 帕
pan1 潘
pei2 裴培
peng2 彭鹏
piao2 朴
ping2 平萍
qi2 其琪齐奇
qian2 钱
qian4 倩茜
qiang2 强
qie3 且
qin2 秦覃琴勤
qing1 青清
qing2 晴
qing4 庆
qiu1 邱秋
qu1 曲
quan2 全泉
ran2 然
rang4 让
re4 热
ren2 任仁人
ri4 日
rong2 荣蓉
ru2 如
rui4 瑞睿
ruo4 若
sa1 撒
sa4 萨
san1 三
sang1 桑
sen1 森
sha1 沙莎
shan1 山珊
shan4 单善
shang4 上尚
shao4 邵少
she4 设
shen1 申深
shen3 沈
sheng1 生胜
shi1 施诗
shi2 石
shi3 史
shu1 淑舒
shu4 树素
shuai4 帅
shun4 顺
si1 斯思司
song4 宋
su1 苏
su4 素
sun1 孙
suo3 索
tan2 谭
tan3 坦
tang1 汤
tang2 唐
tao1 涛
tao2 陶桃
te4 特
ti2 提
ti3 体
tian1 天
tian2 田甜
ting2 婷亭
tong2 桐
tu2 图
tu3 吐
wa2 娃
wa3 瓦
wan4 万
wang1 汪
wang2 王
wei1 威
wei2 韦维薇
wei3 伟
wei4 魏卫
wen2 文雯
wu1 乌
wu2 吴吾
wu3 武伍五
xi1 西熙汐曦
xi2 习
xi3 喜
xia2 霞
xia4 夏
xiang1 香湘
xiang2 祥翔
xiang4 向
xiao1 肖萧
xiao3 小晓
xiao4 孝
xie4 谢
xin1 新欣鑫馨心
xing1 兴星
xiong2 熊雄
xiu4 秀
xu1 须
xu2 徐
xu3 许
xu4 旭
xuan1 轩萱
xue1 薛雪
xue2 学
xun1 勋
xun4 逊
ya2 牙
ya3 雅
ya4 亚
yan2 严闫颜妍
yan4 艳燕彦
yang1 央
yang2 杨阳洋扬
yao2 姚瑶
ye4 叶业
yi1 依伊一
yi2 宜怡仪
yi3 以
yi4 易毅义奕艺
yin1 音
yin2 银
yin3 尹
ying1 英鹰
ying2 莹盈
ying3 颖
yong3 永勇
you1 优
you2 尤
you3 有
yu2 于余
yu3 宇雨羽语
yu4 玉钰
yuan2 袁元援源
yuan3 远
yue4 悦月
yun2 云芸
zang1 臧
ze2 泽
zeng1 曾增
zha1 扎
zha2 札
zhang1 张章
zhao4 赵
zhe2 哲
zhen1 珍贞真
zhen4 振镇
zheng1 征
zheng4 郑正
zhi1 芝
zhi2 植
zhi4 志智
zhong1 钟忠中
zhou1 周
zhu1 朱珠洙诸
zhu4 柱
zhuo2 卓
zi3 子梓紫
zong1 宗
zou1 邹
zu3 祖
"""

CHAR_PY: dict[str, tuple[str, int]] = {}
SYL_CHARS: dict[str, list[tuple[str, int]]] = {}
for _line in _PY_TABLE.strip().splitlines():
    _sy, _chars = _line.split()
    _syl, _tone = _sy[:-1], int(_sy[-1])
    for _c in _chars:
        CHAR_PY.setdefault(_c, (_syl, _tone))
        SYL_CHARS.setdefault(_syl, []).append((_c, _tone))

# surnames read differently from the common reading of the character
ALT_READING = {"单": ("dan", 1), "曾": ("ceng", 2), "区": ("qu", 1), "覃": ("tan", 2),
               "朴": ("pu", 3), "解": ("jie", 3)}
# how those surnames are really read (区 and 覃 have no table line of their own)
SURNAME_READING = {"单": ("shan", 4), "曾": ("zeng", 1), "区": ("ou", 1), "覃": ("qin", 2),
                   "朴": ("piao", 2), "解": ("xie", 4)}

_TRAD = dict(_p for _p in (
    "刘劉 国國 华華 张張 陈陳 黄黃 杨楊 赵趙 吴吳 孙孫 马馬 罗羅 郑鄭 谢謝 许許 韩韓 冯馮 邓鄧 龙龍 东東 军軍 伟偉 强強 红紅 兰蘭 凤鳳 丽麗 云雲 贵貴 宝寶 "
    "发發 县縣 镇鎮 乡鄉 区區 湾灣 桥橋 庄莊 广廣 门門 长長 乐樂 兴興 荣榮 财財 进進 庆慶 鹏鵬 涛濤 辉輝 杰傑 刚剛 叶葉 苏蘇 卢盧 钟鍾 汤湯 陆陸 萧蕭 "
    "贺賀 龚龔 卫衛 阳陽 宁寧 凯凱 艳艷 义義 爱愛 铭銘 锋鋒 钢鋼 锦錦 钱錢 纪紀 严嚴 齐齊 丰豐 乔喬 韦韋 吕呂 顾顧 邹鄒 时時 汉漢 书書 庙廟 岭嶺 冈岡 顺順 "
    "须須 连連 园園 浏瀏 头頭 环環 团團 条條 双雙 厂廠 坝壩 "
).split())

_CN_DIGIT = "零一二三四五六七八九"


def _fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if ("0" <= c <= "9" or "A" <= c <= "Z" or "a" <= c <= "z") else c
                   for c in s)


def _trad(s: str) -> str:
    return "".join(_TRAD.get(c, c) for c in s)


# ---------------------------------------------------------------------------------------------
# Gazetteer: python-stdnum's stdnum/cn/loc.dat, parsed here.
# ---------------------------------------------------------------------------------------------
_BAD_COUNTY = {"市辖区", "市区", "郊区", "县", "矿区", "市", "区", "林区"}
_PROV_SHORT = {"内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
               "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆"}
_AUTO_RE = re.compile(r"^(.{2,}?)((?:.{1,4}?族|蒙古)+自治[县旗州])$")

# population (millions, 2020) x a factor for how many of the people at rescue stations come from
# there (out-migration provinces up, the big coastal destinations down)
_PROV_POP = {"11": 21.9, "12": 13.9, "13": 74.6, "14": 34.9, "15": 24.0, "21": 42.6, "22": 24.1,
             "23": 31.9, "31": 24.9, "32": 84.7, "33": 64.6, "34": 61.0, "35": 41.5, "36": 45.2,
             "37": 101.5, "41": 99.4, "42": 57.8, "43": 66.4, "44": 126.0, "45": 50.1, "46": 10.1,
             "50": 32.1, "51": 83.7, "52": 38.6, "53": 47.2, "54": 3.6, "61": 39.5, "62": 25.0,
             "63": 5.9, "64": 7.2, "65": 25.9}
_ORIGIN_FACTOR = {"41": 1.4, "51": 1.4, "34": 1.4, "43": 1.3, "52": 1.4, "36": 1.3, "42": 1.2,
                  "45": 1.3, "50": 1.3, "62": 1.2, "11": 0.4, "12": 0.5, "31": 0.4, "44": 0.6,
                  "33": 0.6, "32": 0.7, "35": 0.8}
_MUNICIPAL = {"11", "12", "31", "50"}
_BIG_CITIES = [("广东省", "广州市", 10), ("广东省", "深圳市", 10), ("广东省", "东莞市", 8), ("广东省", "佛山市", 5),
               ("上海市", "上海市", 9), ("北京市", "北京市", 8), ("浙江省", "杭州市", 5), ("浙江省", "宁波市", 3),
               ("江苏省", "苏州市", 5), ("浙江省", "温州市", 3), ("四川省", "成都市", 6), ("重庆市", "重庆市", 6),
               ("湖北省", "武汉市", 5), ("河南省", "郑州市", 5), ("陕西省", "西安市", 4), ("湖南省", "长沙市", 4),
               ("江苏省", "南京市", 3), ("天津市", "天津市", 3), ("福建省", "厦门市", 2), ("福建省", "泉州市", 3),
               ("云南省", "昆明市", 3), ("广西壮族自治区", "南宁市", 3), ("安徽省", "合肥市", 3),
               ("江西省", "南昌市", 2), ("贵州省", "贵阳市", 2), ("山东省", "济南市", 2), ("山东省", "青岛市", 2),
               ("河北省", "石家庄市", 2), ("山西省", "太原市", 2), ("黑龙江省", "哈尔滨市", 2),
               ("辽宁省", "沈阳市", 2), ("新疆维吾尔自治区", "乌鲁木齐市", 2), ("甘肃省", "兰州市", 1),
               ("广东省", "中山市", 2), ("广东省", "惠州市", 2), ("江苏省", "无锡市", 2), ("浙江省", "金华市", 2),
               ("福建省", "福州市", 2)]


def _parse_names(s: str) -> list[tuple[int, int, str]]:
    out = []
    for part in s.split(","):
        m = re.match(r"\[(\d*)-(\d*)\](.+)", part)
        if m:
            out.append((int(m[1]) if m[1] else 0, int(m[2]) if m[2] else 9999, m[3]))
        else:
            out.append((0, 9999, part))
    return out


def _base(name: str) -> str:
    m = _AUTO_RE.match(name)
    if m:
        return m[1]
    for suf in ("地区", "自治州", "林区", "特区", "新区", "县", "市", "区", "旗", "盟", "州"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


def _find_loc_dat() -> str:
    try:
        import stdnum  # noqa: F401
        p = os.path.join(os.path.dirname(stdnum.__file__), "cn", "loc.dat")
        if os.path.exists(p):
            return p
    except ImportError:
        pass
    here = os.path.dirname(os.path.abspath(__file__))
    for root in (os.path.join(here, "..", ".venv"), sys.prefix):
        for dp, _dn, fn in os.walk(root):
            if "loc.dat" in fn and dp.endswith(os.path.join("stdnum", "cn")):
                return os.path.join(dp, "loc.dat")
    raise FileNotFoundError("stdnum/cn/loc.dat not found (pip install python-stdnum)")


class County:
    __slots__ = ("code", "name", "short", "prov", "prov_short", "pref", "pref_short", "kind",
                 "old_names", "old_prefs", "history", "city")

    def __init__(self, code, name, prov):
        self.code = code
        self.name = name
        self.short = _base(name)
        self.prov = prov
        self.prov_short = _PROV_SHORT.get(prov, prov[:-1] if prov[-1] in "省市" else prov)
        self.pref = None
        self.pref_short = None
        self.kind = "district" if name.endswith("区") else ("city" if name.endswith("市") else "county")
        self.old_names: list[str] = []
        self.old_prefs: list[str] = []
        self.history: list[tuple[int, int, str]] = []  # (start, end, code) of codes it had
        self.city = None


class City:
    __slots__ = ("key", "name", "short", "prov", "counties", "districts")

    def __init__(self, key, name, prov):
        self.key = key
        self.name = name
        self.short = _base(name)
        self.prov = prov
        self.counties: list[County] = []
        self.districts: list[County] = []


class Gazetteer:
    def __init__(self, path: str | None = None):
        path = path or _find_loc_dat()
        provs: dict[str, str] = {}
        entries: dict[str, list[tuple[int, int, str]]] = {}
        cur = None
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                m = re.match(r'^(\d\d) province="(.+)"', line)
                if m:
                    cur = m[1]
                    provs[cur] = m[2]
                    continue
                m = re.match(r'^\s+(\d{4}) county="(.+)"', line)
                if m and cur:
                    entries[cur + m[1]] = _parse_names(m[2])
        self.provs = {k: v for k, v in provs.items() if k in _PROV_POP}
        ok = lambda n: n not in _BAD_COUNTY and "直辖" not in n and not n.endswith("辖区")
        # group every county-level segment by (province, base name) to link renamings and 县改区/县改市
        groups: dict[tuple[str, str], set[str]] = {}
        for code, segs in entries.items():
            if code[:2] not in self.provs or code[4:] == "00":
                continue
            for s, e, n in segs:
                if ok(n):
                    groups.setdefault((code[:2], _base(n)), set()).add(code)
        self.counties: list[County] = []
        self.by_code: dict[str, County] = {}
        by_base: dict[tuple[str, str], list[County]] = {}
        for code, segs in entries.items():
            p2 = code[:2]
            if p2 not in self.provs or code[4:] == "00":
                continue
            s, e, n = segs[-1]
            if e != 9999 or not ok(n):
                continue
            c = County(code, n, self.provs[p2])
            related = set()
            for _s, _e, nn in segs:
                if ok(nn):
                    related |= groups.get((p2, _base(nn)), set())
            hist, olds = [], []
            for rc in sorted(related):
                for s2, e2, n2 in entries[rc]:
                    if not ok(n2):
                        continue
                    if rc == code or e2 <= s or e2 != 9999:
                        hist.append((s2, e2, rc))
                        if n2 != n and n2 not in olds and e2 != 9999:
                            olds.append(n2)
            c.history = sorted(hist)
            c.old_names = olds
            pref = entries.get(code[:4] + "00")
            if p2 in _MUNICIPAL:
                c.pref, c.pref_short = None, None
            elif pref and pref[-1][1] == 9999 and ok(pref[-1][2]):
                c.pref = pref[-1][2]
                c.pref_short = _base(c.pref)
                c.old_prefs = [x[2] for x in pref[:-1] if ok(x[2]) and x[2] != c.pref]
            self.counties.append(c)
            self.by_code[code] = c
            for _s, _e, nn in segs:
                by_base.setdefault((p2, _base(nn)), []).append(c)
        # prefectures that no longer exist (衡阳地区, 思茅地区...): their old counties' successors
        children: dict[str, list[str]] = {}
        for cc in entries:
            if cc[4:] != "00":
                children.setdefault(cc[:4], []).append(cc)
        for code, segs in entries.items():
            if code[:2] not in self.provs or code[4:] != "00" or code[2:4] == "00":
                continue
            names = [x[2] for x in segs if ok(x[2])]
            if segs[-1][1] == 9999:
                if not children.get(code[:4]) or not any(
                        entries[cc][-1][1] == 9999 for cc in children[code[:4]]):
                    # a prefecture-level city without counties (东莞市, 中山市...)
                    c = County(code, segs[-1][2], self.provs[code[:2]])
                    c.kind = "city"
                    c.history = [(0, 9999, code)]
                    self.counties.append(c)
                    self.by_code[code] = c
                continue
            if not names:
                continue
            for cc in children.get(code[:4], []):
                for _s, _e, nn in entries[cc]:
                    for succ in by_base.get((code[:2], _base(nn)), []):
                        for pn in names:
                            if pn not in succ.old_prefs and pn != succ.pref:
                                succ.old_prefs.append(pn)
        # cities: prefecture-level units and the four municipalities
        self.cities: dict[str, City] = {}
        for c in self.counties:
            if c.code[:2] in _MUNICIPAL:
                key, name = c.code[:2], c.prov
            elif c.pref:
                key, name = c.code[:4], c.pref
            else:  # 省直辖县级: a city of its own
                key, name = c.code, c.name
            city = self.cities.get(key)
            if city is None:
                city = self.cities[key] = City(key, name, c.prov)
            city.counties.append(c)
            if c.kind == "district":
                city.districts.append(c)
            c.city = city
        self.city_by_name = {(ct.prov, ct.name): ct for ct in self.cities.values()}
        # weighted pickers
        self.rural_by_prov: dict[str, tuple[list[County], list[float]]] = {}
        for p2 in self.provs:
            cs = [c for c in self.counties if c.code[:2] == p2]
            # rural homes: counties, county-level cities, and districts that were counties (县改区)
            ws = [(0.6 if any(o.endswith(("县", "市", "旗")) for o in c.old_names) else 0.0)
                  if c.kind == "district" else 1.0 for c in cs]
            self.rural_by_prov[p2] = (cs, list(accumulate(ws)))
        self.prov_keys = sorted(self.provs)
        self.prov_cum_origin = list(accumulate(_PROV_POP[p] * _ORIGIN_FACTOR.get(p, 1.0)
                                               for p in self.prov_keys))
        self.prov_cum_pop = list(accumulate(_PROV_POP[p] for p in self.prov_keys))
        big = []
        for prov, name, w in _BIG_CITIES:
            ct = self.city_by_name.get((prov, name))
            if ct is not None:
                big.append((ct, w))
        self.big = [b[0] for b in big]
        self.big_cum = list(accumulate(b[1] for b in big))
        self.urban_cities = [ct for ct in self.cities.values() if ct.districts]
        self.urban_cum = list(accumulate(
            _PROV_POP[ct.districts[0].code[:2]] / 10.0 + len(ct.districts) for ct in self.urban_cities))
        self.cities_by_prov: dict[str, list[City]] = {}
        for ct in self.cities.values():
            self.cities_by_prov.setdefault(ct.counties[0].code[:2], []).append(ct)

    def code_at(self, c: County, year: int) -> str:
        """Administrative code of county c as it was in `year` (used for ID numbers)."""
        best = c.code
        for s, e, code in c.history:
            if s <= year < (e + 1 if e != 9999 else 10000):
                best = code
        return best


_GAZ: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    global _GAZ
    if _GAZ is None:
        _GAZ = Gazetteer()
    return _GAZ


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------
# surname, share in % (national), Zhuang/Hui/south boosts applied per region below
_SURNAMES = """王7.1 李7.0 张6.7 刘5.4 陈4.5 杨3.1 黄2.2 赵2.0 吴2.0 周1.9 徐1.3 孙1.3 马1.2 朱1.2
胡1.1 郭1.1 何1.1 高1.0 林1.0 罗0.9 郑0.8 梁0.8 谢0.7 宋0.6 唐0.6 许0.6 韩0.6 冯0.5 邓0.5 曹0.5
彭0.5 曾0.5 肖0.5 田0.5 董0.4 袁0.4 潘0.4 于0.4 蒋0.4 蔡0.4 余0.4 杜0.4 叶0.4 程0.4 苏0.3 魏0.3
吕0.3 丁0.3 任0.3 沈0.3 姚0.3 卢0.3 姜0.3 崔0.3 钟0.3 谭0.3 陆0.3 汪0.3 范0.3 金0.3 石0.3 廖0.3
贾0.2 夏0.2 韦0.2 付0.2 方0.2 白0.2 邹0.2 孟0.2 熊0.2 秦0.2 邱0.2 江0.2 尹0.2 薛0.2 闫0.2 段0.2
雷0.2 侯0.2 龙0.2 史0.2 陶0.2 黎0.2 贺0.2 顾0.2 毛0.2 郝0.2 龚0.2 邵0.2 万0.2 钱0.2 严0.1 覃0.1
武0.1 戴0.1 莫0.1 孔0.1 向0.1 汤0.1 常0.1 文0.1 施0.1 洪0.1 牛0.1 柳0.05 易0.1 聂0.1 欧0.05
单0.04 区0.02 蒙0.03 农0.02 包0.03 鲍0.03 申0.03 解0.02 欧阳0.04 司马0.005 诸葛0.005 上官0.005"""
_SUR = [(m[1], float(m[2])) for m in re.finditer(r"(\D+?)([\d.]+)", _SURNAMES.replace("\n", " ").replace(" ", ""))]
_REGION_BOOST = {
    "south": {"陈": 2.0, "林": 2.5, "黄": 2.0, "梁": 2.0, "罗": 1.5, "何": 1.5, "郑": 1.5, "谢": 1.5,
              "李": 0.8, "王": 0.5, "张": 0.7, "刘": 0.8, "区": 6.0, "欧阳": 2.0, "钟": 2.0, "曾": 1.5},
    "guangxi": {"韦": 12.0, "覃": 15.0, "莫": 8.0, "蒙": 10.0, "黄": 2.5, "陆": 3.0, "农": 15.0, "梁": 2.0,
                "王": 0.5, "张": 0.6},
    "north": {"王": 1.3, "张": 1.3, "李": 1.2, "刘": 1.3, "赵": 1.3, "孙": 1.4, "于": 2.0, "陈": 0.6,
              "黄": 0.4, "林": 0.4, "单": 2.0, "解": 2.0},
    "central": {"刘": 1.1, "彭": 1.5, "曾": 1.5, "谭": 2.0, "邓": 1.3, "向": 2.0, "易": 2.0, "廖": 1.5},
    "hui": {"马": 25.0, "杨": 2.0, "丁": 3.0, "白": 3.0, "海": 1.0, "纳": 1.0, "沙": 1.0, "哈": 1.0, "回": 1.0},
}
_REGION_OF = {p: "north" for p in ("11", "12", "13", "14", "15", "21", "22", "23", "37", "41", "61", "62",
                                   "63", "64", "65")}
_REGION_OF.update({p: "south" for p in ("44", "35", "46")})
_REGION_OF["45"] = "guangxi"


def _sur_table(region: str):
    boost = _REGION_BOOST.get(region, {})
    names = [s for s, _ in _SUR] + [k for k in boost if k not in dict(_SUR)]
    base = dict(_SUR)
    ws = [base.get(n, 0.05) * boost.get(n, 1.0) for n in names]
    return names, list(accumulate(ws))


_SUR_TABLES = {r: _sur_table(r) for r in ("north", "south", "guangxi", "central", "hui")}

# given names by birth cohort and sex, most common first (whole names; also split into first/second
# character pools so that rarer combinations arise).  Single characters are single-character names.
_GIVEN = {
    ("old", "M"): "建国 国庆 建华 国华 德明 志强 福贵 根生 德福 长生 金生 海 山 林 明 福 贵 德 华 发 财 荣 "
                  "富贵 有才 玉林 文华 树林 春生 永福 振华 志明 家福 连生 新民 解放 建设 援朝 忠 义 长发 金山 "
                  "德胜 桂林 宝山 文明 国富 志军 永生 春林",
    ("old", "F"): "秀英 桂英 秀兰 玉兰 桂兰 凤英 玉珍 淑珍 秀珍 翠花 兰英 秀云 玉英 桂芝 淑英 凤兰 秀芳 金花 "
                  "春花 桂花 英 兰 珍 芳 凤 花 梅 秀华 玉梅 素珍 冬梅 玉芝 月英 秀梅 桂珍 玉华 凤珍 金兰",
    ("mid", "M"): "建军 卫国 志刚 建平 伟 勇 军 强 斌 海涛 建华 国强 红兵 立新 卫东 永红 建新 志勇 建伟 建明 "
                  "国平 国庆 学军 小平 向东 红军 平 刚 明 波 涛 辉 华 东 峰 林 文军 卫华 志华 建国 春生 "
                  "永强 海军 振华 德华 国栋 小兵 建林 红星",
    ("mid", "F"): "红 丽 艳 红梅 丽娟 春梅 丽华 玉梅 秀云 建英 敏 燕 霞 红霞 小红 丽萍 海燕 雪梅 桂芳 美玲 "
                  "萍 英 梅 玲 芳 华 静 娟 秀英 春燕 小燕 艳红 丽君 玉兰 建华 秀芳 桂英 金凤 爱华",
    ("y80", "M"): "伟 磊 勇 涛 杰 鹏 超 强 浩 明 军 刚 斌 波 辉 俊 亮 鑫 宇 飞 凯 龙 峰 建 志强 海 洋 健 帅 "
                  "阳 晨 振 文 海涛 建伟 俊杰 鹏飞 志伟 小龙 伟杰 建华 志勇 文杰 小军 海峰 俊峰 国强 建军",
    ("y80", "F"): "丽 静 敏 燕 艳 娟 霞 芳 婷 娜 丹 玲 萍 红 莉 倩 晶 雪 慧 颖 琳 丽娟 婷婷 晓燕 丽丽 "
                  "小燕 佳 欢 丽华 海燕 晓丽 春燕 秀英 小红 晓红 美玲 雪梅 丽萍 艳红",
    ("y95", "M"): "浩 宇 杰 鑫 磊 涛 博 浩然 子豪 俊杰 宇航 浩宇 家豪 晨 轩 子轩 一鸣 文博 天宇 志豪 宇轩 "
                  "鹏 帅 昊 明轩 博文 子健 俊豪 家乐 嘉豪 思远 晨阳 振宇 宇豪",
    ("y95", "F"): "婷 雪 欣 悦 佳 怡 欣怡 雨 琪 梦 思 佳怡 诗涵 雨欣 梓涵 子涵 佳琪 雨婷 梦瑶 思琪 欣悦 "
                  "晨曦 雅婷 佳欣 思雨 雪晴 婷婷 心怡 梦洁 嘉怡",
    ("y10", "M"): "子涵 浩宇 宇轩 梓轩 一诺 子墨 俊熙 沐宸 浩然 奕辰 宇泽 子轩 梓睿 皓轩 梓豪 宇航 博文 "
                  "俊宇 晨阳 子豪 思远",
    ("y10", "F"): "子涵 梓涵 一诺 欣怡 雨桐 诗涵 可馨 若汐 语汐 梓萱 依诺 紫涵 欣妍 雨涵 诗琪 梦瑶 思琪 "
                  "雅琪 佳怡",
}
# "若" "语" "兴" may be missing from the reading table: only names whose characters all have a reading
_P_SINGLE = {"old": 0.20, "mid": 0.25, "y80": 0.28, "y95": 0.12, "y10": 0.05}
# characters common in given names of any cohort, to compose the long tail of rarer names
_GENERIC = {"M": "建国志文明海永春金小俊家德学光宏天立晓伟勇军强平华林峰涛斌刚辉龙杰鹏亮超磊波飞东成新庆福生荣祥忠"
                 "振云洪兴贵安宝良泽宇浩博鑫凯鸿昌胜旭阳中正士世长",
            "F": "秀玉桂丽春美小红艳海金凤雪晓佳淑慧静敏婷燕芳霞娟玲萍琴兰英梅华珍莲花云娜丹颖琳欣怡悦琪倩莉蓉月翠"
                 "素芝洁巧彩爱凤"}


def _cohort(year: int) -> str:
    return "old" if year < 1960 else "mid" if year < 1980 else "y80" if year < 1995 else "y95" if year < 2010 else "y10"


def _rank_cum(items):
    return list(accumulate(1.0 / (i + 15) for i in range(len(items))))


_GIVEN_POOLS = {}
for _k, _v in _GIVEN.items():
    _names = [n for n in dict.fromkeys(_v.split()) if all(c in CHAR_PY for c in n)]
    _singles = [n for n in _names if len(n) == 1]
    _doubles = [n for n in _names if len(n) == 2]
    _gen = [c for c in _GENERIC[_k[1]] if c in CHAR_PY]
    _scum = _rank_cum(_singles)
    _top = _scum[-1] if _scum else 0.0
    _comp = [n for n in _doubles if n not in ("解放", "援朝", "建设")]
    _GIVEN_POOLS[_k] = (_singles + _gen, _scum + [_top + 0.02 * (i + 1) for i in range(len(_gen))],
                        _doubles, _rank_cum(_doubles), [n[0] for n in _comp], [n[1] for n in _comp], _gen)

# minorities -----------------------------------------------------------------------------------
_UY_M = "艾力 买买提 阿不都热合曼 吐尔逊 艾买提 阿不都拉 努尔买买提 伊力哈木 艾合买提 亚森 热合曼 卡德尔 阿里木 吐尔洪"
_UY_F = "古丽 古丽娜尔 热依拉 阿依古丽 帕提古丽 努尔古丽 米热古丽 阿依努尔 迪丽努尔 阿依夏木 古丽米热"
_UY_LATIN = {"艾力": "Eli", "买买提": "Memet", "阿不都": "Abdu", "热合曼": "Rehman", "吐尔逊": "Tursun",
             "艾买提": "Ehmet", "阿不都拉": "Abdulla", "努尔": "Nur", "伊力哈木": "Ilham", "艾合买提": "Ehmet",
             "亚森": "Yasin", "卡德尔": "Qadir", "阿里木": "Alim", "吐尔洪": "Turghun", "古丽": "Gul",
             "娜尔": "nar", "热依拉": "Reyila", "阿依": "Ay", "帕提": "Pati", "米热": "Mihri",
             "迪丽": "Dil", "阿依夏木": "Ayshem"}
_TIB_M = "扎西 次仁 多吉 尼玛 达瓦 索朗 旦增 平措 洛桑 顿珠 格桑 贡布 才让"
_TIB_F = "卓玛 拉姆 央金 次仁 格桑 白玛 德吉 措姆 卓嘎"
_TIB_LATIN = {"扎西": "Tashi", "次仁": "Tsering", "多吉": "Dorje", "尼玛": "Nyima", "达瓦": "Dawa",
              "索朗": "Sonam", "旦增": "Tenzin", "平措": "Phuntsok", "洛桑": "Lobsang", "顿珠": "Dhondup",
              "格桑": "Kelsang", "贡布": "Gonpo", "才让": "Tsering", "卓玛": "Drolma", "拉姆": "Lhamo",
              "央金": "Yangchen", "白玛": "Pema", "德吉": "Dekyi", "措姆": "Tsomo", "卓嘎": "Drolkar"}
_MON_M = "巴特尔 额尔敦 朝鲁 苏和 宝音 那日苏 哈斯 巴图 满都拉 阿拉坦 额尔德尼"
_MON_F = "其其格 斯琴 乌云 萨仁 高娃 斯琴高娃 乌云其木格 图雅 娜仁 其木格"
_KOR_SUR = "金 李 朴 崔 郑 姜 赵 韩 申 全 尹 张"
_KOR_M = "哲洙 成浩 永哲 光日 明哲 镇植 东浩 英洙 成哲 光明 永植 哲"
_KOR_F = "英子 顺子 明淑 英淑 贞姬 春花 美玉 顺姬 玉子 京淑 英姬 善姬"
_KOR_LATIN = {"金": "Kim", "李": "Lee", "朴": "Park", "崔": "Choi", "郑": "Jung", "姜": "Kang", "赵": "Cho",
              "韩": "Han", "申": "Shin", "全": "Jeon", "尹": "Yoon", "张": "Jang",
              "哲": "cheol", "洙": "su", "成": "seong", "浩": "ho", "永": "yong", "光": "gwang", "日": "il",
              "明": "myeong", "镇": "jin", "植": "sik", "东": "dong", "英": "yeong", "子": "ja", "顺": "sun",
              "淑": "suk", "贞": "jeong", "姬": "hui", "春": "chun", "花": "hwa", "美": "mi", "玉": "ok",
              "京": "gyeong", "善": "seon"}
_YI_SUR = "吉克 阿苏 沙马 马海 吉伍 曲比 俄底 阿尔 海来 吉木"
_YI_M = "木呷 日哈 伍呷 尔古 阿牛 拉且 阿木 尔布 以且 古哈"
_YI_F = "阿依 阿呷 木果 阿芝 依呷 伍果 日莫"
_HUI_M = "尔撒 穆萨 哈桑 易卜拉欣 优素福 尤努斯 达吾德"
_HUI_F = "阿依莎 法图麦 麦尔彦 哈蒂洁"
# transliteration variants: each group is one name written several ways
_TRANSLIT = [s.split("/") for s in (
    "买买提/麦麦提/买买体 阿不都/阿布都/阿卜杜 吐尔逊/吐逊/图尔逊 艾力/艾里 古丽/古力 艾买提/艾麦提 "
    "努尔/努日 亚森/牙森 伊力哈木/依力哈木 热合曼/热合满 卡德尔/卡迪尔 阿里木/阿力木 吐尔洪/图尔洪 "
    "热依拉/热依娜 迪丽/迪力 "
    "扎西/扎喜/札西 次仁/才让/茨仁 多吉/多杰/朵吉 卓玛/卓嘛 索朗/索南 旦增/丹增 平措/彭措 顿珠/东珠 "
    "央金/央吉 拉姆/拉毛 格桑/尕桑 贡布/贡保 卓嘎/卓尕 措姆/措毛 "
    "巴特尔/巴图尔/巴特 其其格/琪琪格 斯琴/斯庆 宝音/包音/保音 苏和/苏赫 朝鲁/朝洛 那日苏/纳日苏 "
    "额尔敦/额尔登 萨仁/萨日 娜仁/那仁 其木格/其美格 满都拉/曼都拉 "
    "呷/嘎/尕 曲比/曲别 海来/海莱 吉克/吉可 "
    "尔撒/尔萨 哈桑/哈三 法图麦/法图玛 阿依莎/阿伊莎").split()]
_TRANSLIT_MAP: dict[str, list[str]] = {}
for _g in _TRANSLIT:
    for _x in _g:
        _TRANSLIT_MAP.setdefault(_x, [])
        _TRANSLIT_MAP[_x] += [y for y in _g if y != _x and y not in _TRANSLIT_MAP[_x]]
_TRANSLIT_MAP = {k: v for k, v in _TRANSLIT_MAP.items() if v}

# where minorities live: code prefix -> [(ethnicity, share)]
_ETHNIC = {
    "45": [("zhuang", 0.32)], "64": [("hui", 0.36)], "6229": [("hui", 0.58)], "62": [("hui", 0.05)],
    "6230": [("tibetan", 0.55)], "63": [("tibetan", 0.25), ("hui", 0.15)], "54": [("tibetan", 0.9)],
    "5133": [("tibetan", 0.78)], "5132": [("tibetan", 0.55)], "5134": [("yi", 0.52)], "51": [("yi", 0.01)],
    "53": [("yi", 0.11), ("hui", 0.015)], "52": [("yi", 0.02)], "15": [("mongol", 0.18)],
    "2224": [("korean", 0.32)], "22": [("korean", 0.03), ("mongol", 0.006)], "23": [("korean", 0.008)],
    "21": [("korean", 0.006), ("mongol", 0.015)], "65": [("uyghur", 0.45), ("hui", 0.045)],
    "41": [("hui", 0.01)], "37": [("hui", 0.005)], "13": [("hui", 0.008)], "11": [("hui", 0.011)],
}


# which sound confusions each province's speech brings (initial/final swaps as heard by staff)
_RULE_PROVS = {
    "nl": "43 42 36 34 32 51 50 45 52 35 53 62",
    "fh": "43 35 44 36 45 51 50 46",
    "zh": "51 50 43 42 44 35 33 32 31 34 36 45 52 53 46",
    "ng": "51 50 43 42 36 34 35 33 32 31 52 53 45 62 61 14",
    "hw": "33 31 32 34",
    "ry": "21 22 23",
    "rl": "43 42 36",
    "ui": "53 52 45 44 35 46",
}
_PROV_RULES: dict[str, list[str]] = {}
for _r, _ps in _RULE_PROVS.items():
    for _p in _ps.split():
        _PROV_RULES.setdefault(_p, []).append(_r)

_FH = {"fu": "hu", "fa": "hua", "fan": "huan", "fang": "huang", "fei": "hui", "fen": "hun", "feng": "hong"}
_FH.update({v: k for k, v in list(_FH.items())})
_HW = {"huang": "wang", "hu": "wu", "hua": "wa", "hui": "wei", "huan": "wan"}
_HW.update({v: k for k, v in list(_HW.items())})
_UI = {}
for _ini in "jqxy":
    for _a, _b in (("u", "i"), ("un", "in"), ("uan", "ian"), ("ue", "ie")):
        _UI[_ini + _a] = _ini + _b
_UI.update({"lv": "li", "nv": "ni", "lve": "lie", "yuan": "yan", "yue": "ye", "yun": "yin", "yu": "yi"})


def _initial(syl: str) -> tuple[str, str]:
    for i in ("zh", "ch", "sh"):
        if syl.startswith(i):
            return i, syl[2:]
    if syl and syl[0] in "bpmfdtnlgkhjqxrzcsyw":
        return syl[0], syl[1:]
    return "", syl


def _confuse(syl: str, rule: str) -> list[str]:
    ini, fin = _initial(syl)
    out = []
    if rule == "nl" and ini in ("n", "l"):
        out.append(("l" if ini == "n" else "n") + fin)
    elif rule == "fh" and syl in _FH:
        out.append(_FH[syl])
    elif rule == "zh" and ini in ("zh", "ch", "sh", "z", "c", "s"):
        m = {"zh": "z", "ch": "c", "sh": "s", "z": "zh", "c": "ch", "s": "sh"}
        out.append(m[ini] + fin)
    elif rule == "ng":
        for a, b in (("eng", "en"), ("ing", "in"), ("en", "eng"), ("in", "ing")):
            if fin == a:
                out.append(ini + b)
                break
    elif rule == "hw" and syl in _HW:
        out.append(_HW[syl])
    elif rule == "ry" and ini == "r":
        out.append({"en": "yin", "eng": "ying", "ong": "yong", "i": "yi", "u": "yu", "ou": "you",
                    "uan": "yuan", "an": "yan", "ang": "yang", "e": "ye", "ui": "yui"}.get(fin, "y" + fin))
    elif rule == "rl" and ini == "r":
        out.append("l" + fin)
    elif rule == "ui" and syl in _UI:
        out.append(_UI[syl])
    return [o for o in out if o in SYL_CHARS]


def _homophone_char(rng, c: str, syl: str | None = None, tone: int | None = None) -> str | None:
    if syl is None:
        if c not in CHAR_PY:
            return None
        syl, tone = CHAR_PY[c]
    cands = [x for x in SYL_CHARS.get(syl, ()) if x[0] != c]
    if not cands:
        return None
    same = [x for x in cands if x[1] == tone]
    pool = same if same and rng.random() < 0.75 else cands
    return rng.choice(pool)[0]


def _reading(c: str, is_surname: bool) -> tuple[str, int] | None:
    if is_surname and c in SURNAME_READING:
        return SURNAME_READING[c]
    return CHAR_PY.get(c)


_TONE_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "v": "ǖǘǚǜ"}


def _tone_mark(syl: str, tone: int) -> str:
    if tone < 1 or tone > 4:
        return syl.replace("v", "ü")
    s = syl
    if "a" in s:
        i = s.index("a")
    elif "e" in s:
        i = s.index("e")
    elif "ou" in s:
        i = s.index("o")
    else:
        i = max(s.rfind(v) for v in "iouv")
    return (s[:i] + _TONE_MARKS[s[i]][tone - 1] + s[i + 1:]).replace("v", "ü")


# ---------------------------------------------------------------------------------------------
# Places below the county: towns, villages, streets, compounds (deterministic per county)
# ---------------------------------------------------------------------------------------------
_PA = "东西南北新大小高长石龙凤白黄青马牛金银梅桃柳杨松竹河湖沙上下中前后双三五太永兴福安平和宝德清丰"
_PB = "桥河塘湾岭山坪田坝沟集庄店铺口寨湖溪江港渡岗坡园冲埠圩门阳水林头"
_VSUR = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田"
_ROADS = ("人民路 解放路 建设路 中山路 和平路 新华路 胜利路 文化路 长江路 黄河路 北京路 朝阳路 "
          "五一路 八一路 青年路 工农路 团结路 光明路 幸福路 迎宾大道 环城路 滨江路 府前街 东风路").split()
_COMP_PRE = ("阳光 幸福 金色 锦绣 世纪 香樟 东方 翠苑 华府 御景 滨江 绿城 龙湾 星河 金桂 紫荆 天鹅湖 明珠 "
             "万福 和平 工人 碧水 怡景 嘉园 富康 锦江 盛世 名都").split()
_COMP_SUF = "小区 小区 小区 花园 花园 苑 家园 新村 公寓 名苑 城 社区".split()
_UNIT_PRE = "纺织厂 机械厂 电力 教师 粮食局 水泥厂 铁路 化肥厂 供销社".split()


class Places:
    def __init__(self, seed: int):
        self.seed = seed
        self._towns: dict[str, list[str]] = {}
        self._vill: dict[tuple[str, int], list[str]] = {}
        self._urban: dict[str, tuple[list[str], list[str], list[str]]] = {}

    def _r(self, code: str, k: int) -> random.Random:
        return _Rng(self.seed * 1_000_003 + int(code) * 101 + k)

    def towns(self, c: County) -> list[str]:
        t = self._towns.get(c.code)
        if t is None:
            r = self._r(c.code, 0)
            t = ["城关镇"] if r.random() < 0.4 else []
            while len(t) < 12:
                n = r.choice(_PA) + r.choice(_PB) + ("镇" if r.random() < 0.72 or c.code[4:] == "00" else "乡")
                if n not in t:
                    t.append(n)
            self._towns[c.code] = t
        return t

    def villages(self, c: County, ti: int) -> list[str]:
        key = (c.code, ti)
        v = self._vill.get(key)
        if v is None:
            r = self._r(c.code, 1 + ti)
            v = []
            while len(v) < 14:
                x = r.random()
                if x < 0.45:
                    n = r.choice(_PA) + r.choice(_PB) + "村"
                elif x < 0.8:
                    n = r.choice(_VSUR) + "家" + r.choice("湾庄坪冲坝沟岭寨桥院") + "村"
                else:
                    n = r.choice(_VSUR) + r.choice("庄集店营") + "村"
                if n not in v:
                    v.append(n)
            self._vill[key] = v
        return v

    def urban(self, c: County):
        u = self._urban.get(c.code)
        if u is None:
            r = self._r(c.code, 999)
            roads = r.sample(_ROADS, 5) + [r.choice(_PA) + r.choice(_PB) + r.choice(("路", "街", "大道"))
                                          for _ in range(5)]
            jd = [r.choice(_PA) + r.choice(_PB) + "街道" for _ in range(4)]
            comps = []
            while len(comps) < 24:
                if r.random() < 0.15:
                    n = r.choice(_UNIT_PRE) + r.choice(("家属院", "宿舍", "小区"))
                else:
                    n = r.choice(_COMP_PRE) + r.choice(_COMP_SUF)
                if n not in comps:
                    comps.append(n)
            u = self._urban[c.code] = (roads, jd, comps)
        return u


class _Rng(random.Random):
    """random.Random with cheaper choice/randint (same determinism: everything derives from random())."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a, b):
        return a + int(self.random() * (b - a + 1))


def _pick(rng, items, cum):
    return items[bisect.bisect(cum, rng.random() * cum[-1])]


def _years_between(a: dt.date, b: dt.date) -> int:
    return b.year - a.year - ((b.month, b.day) < (a.month, a.day))


def _add_days(d: dt.date, n: int) -> dt.date:
    return dt.date.fromordinal(d.toordinal() + n)


# ---------------------------------------------------------------------------------------------
# Marks and descriptions
# ---------------------------------------------------------------------------------------------
_SCAR_PARTS = [("额头", 0), ("眉", 1), ("脸", 1), ("下巴", 0), ("头顶", 0), ("后脑", 0), ("手背", 1),
               ("前臂", 1), ("腹部", 0), ("膝盖", 1), ("小腿", 1), ("眼角", 1)]
_MOLE_PARTS = [("眉", 1), ("脸颊", 1), ("嘴角", 1), ("下巴", 0), ("脖子", 1), ("耳后", 1), ("鼻翼", 1), ("额头", 0)]
_BIRTH_PARTS = [("后背", 0), ("腰部", 0), ("腿", 1), ("手臂", 1), ("胸口", 0), ("脖子", 0), ("屁股", 0)]
_FINGERS = [("小指", "小拇指"), ("无名指", "无名指"), ("中指", "中指"), ("食指", "食指"), ("拇指", "大拇指")]
_TATTOOS = [("字", "忍"), ("字", "爱"), ("字", "母"), ("字", "义"), ("图", "龙"), ("图", "鹰"), ("图", "老虎"),
            ("图", "蝎子"), ("图", "一颗心"), ("图", "观音")]
_CONCEALED = {"birthmark", "scar_body", "tattoo_body"}


def _mark_text(rng, m: tuple, formal: bool, flip: bool = False) -> str:
    kind = m[0]
    side = m[2] if len(m) > 2 else ""
    if flip and side:
        side = "右" if side == "左" else "左"
    if kind == "scar":
        part = m[1]
        p = (side + part) if side else part
        if part == "脸" and rng.random() < 0.4:
            p = (side + "面部") if side else "面部"
        return rng.choice(["{p}有疤", "{p}有一道疤痕", "{p}疤痕", "{p}有伤疤", "{p}处有旧伤疤", "{p}有刀疤",
                           "{p}有疤痕约3厘米"]).format(p=p) if not formal else f"{p}疤痕"
    if kind == "mole":
        p = (side + m[1]) if side else m[1]
        return rng.choice(["{p}有痣", "{p}有颗黑痣", "{p}处黑痣", "{p}长有一颗痣", "{p}有一颗黑痣"]).format(p=p) \
            if not formal else f"{p}黑痣"
    if kind == "birthmark":
        p = (side + m[1]) if side else m[1]
        color = m[3]
        return rng.choice(["{p}有胎记", "{p}有一块{c}色胎记", "{p}{c}色胎记", "{p}有块{c}胎记",
                           "{p}胎记"]).format(p=p, c=color)
    if kind == "finger":
        f, f2 = m[1]
        return rng.choice([f"{side}手缺{f}", f"{side}手{f2}残缺", f"{side}手{f}缺失", f"{side}手少一截{f2}",
                           f"{side}手{f2}断了一节", f"{side}手{f}缺一节"])
    if kind == "sixfinger":
        return rng.choice([f"{side}手六指", f"{side}手多一指", f"{side}手有六个手指", f"{side}手多长一个指头"])
    if kind == "tattoo":
        k, what = m[1]
        arm = side + rng.choice(["臂", "手臂", "前臂", "小臂"])
        if k == "字":
            return rng.choice([f"{arm}纹有“{what}”字", f"{arm}纹身（{what}）", f"{arm}刺青‘{what}’",
                               f"{arm}有{what}字纹身", f"{arm}纹{what}字"])
        return rng.choice([f"{arm}纹有{what}", f"{arm}有{what}纹身", f"{arm}{what}图案纹身", f"{arm}刺青（{what}）"])
    if kind == "limp":
        return rng.choice([f"{side}腿跛", f"走路跛脚（{side}）", f"{side}下肢残疾", f"{side}腿瘸", "走路一瘸一拐"])
    if kind == "teeth":
        return rng.choice(["缺两颗门牙", "门牙缺失", "上门牙缺了", "缺门牙", "门牙掉了两颗"])
    if kind == "eye":
        return rng.choice([f"{side}眼失明", f"{side}眼看不见", f"{side}眼有眼疾", f"{side}眼球发白"])
    if kind == "harelip":
        return rng.choice(["唇裂", "兔唇", "兔唇（已修补）", "上唇有唇裂修补疤痕"])
    if kind == "hunch":
        return rng.choice(["驼背", "背有点驼", "弓背"])
    if kind == "burn":
        p = side + m[1]
        return rng.choice([f"{p}有烧伤疤痕", f"{p}烫伤痕迹", f"{p}有大片烧伤"])
    return ""


def _random_mark(rng) -> tuple:
    x = rng.random()
    side = rng.choice("左右")
    if x < 0.30:
        part, sided = rng.choice(_SCAR_PARTS)
        return ("scar", part, side if sided else "")
    if x < 0.50:
        part, sided = rng.choice(_MOLE_PARTS)
        return ("mole", part, side if sided else "")
    if x < 0.62:
        part, sided = rng.choice(_BIRTH_PARTS)
        return ("birthmark", part, side if sided else "", rng.choice("青青红黑"))
    if x < 0.70:
        return ("finger", rng.choice(_FINGERS[:3] if rng.random() < 0.8 else _FINGERS), side)
    if x < 0.80:
        return ("tattoo", rng.choice(_TATTOOS), side)
    if x < 0.86:
        return ("limp", "", side)
    if x < 0.91:
        return ("teeth",)
    if x < 0.94:
        return ("eye", "", side)
    if x < 0.96:
        return ("sixfinger", "", side)
    if x < 0.975:
        return ("harelip",)
    if x < 0.985:
        return ("hunch",)
    return ("burn", rng.choice(["手臂", "小腿", "脸"]), side)


_COLORS = "黑色 蓝色 灰色 深蓝色 军绿色 白色 红色 咖啡色 灰色格子 迷彩 黑色 蓝色".split()
_TOPS = "夹克 羽绒服 T恤 衬衫 棉袄 毛衣 外套 工作服 短袖 棉衣".split()
_BOTTOMS = "长裤 牛仔裤 运动裤 裤子 西裤 短裤".split()
_SHOES = "拖鞋 解放鞋 运动鞋 布鞋 皮鞋 凉鞋".split()

_COND_REPORT = {"mental": ["有精神病史", "精神分裂症", "精神不太正常", "患有精神疾病，需按时服药", "精神有问题"],
                "intellect": ["智力有缺陷", "脑子不太灵光", "智力二级残疾", "智力低下", "有点傻"],
                "dementia": ["患老年痴呆", "阿尔茨海默病", "记性不好，经常忘事", "有老年痴呆症状"],
                "deaf": ["聋哑人", "不会说话", "聋哑，会简单手语"]}
_COND_INTAKE = {"mental": ["精神状态差", "精神异常", "自言自语", "疑似精神障碍", "情绪不稳定"],
                "intellect": ["智力障碍", "反应迟钝", "智力低下，问话答非所问", "疑似智力残疾"],
                "dementia": ["记忆力差", "疑似老年痴呆", "意识模糊，记不清家在哪", "说话颠三倒四"],
                "deaf": ["聋哑", "不会说话", "听力障碍，用手比划", "疑似聋哑"]}

# how accents get written
_DIALECT_LABELS = {
    "11": ["北京口音", "北京话"], "12": ["天津口音", "天津话"], "13": ["河北口音", "河北话"],
    "14": ["山西口音", "山西话", "晋语"], "15": ["内蒙古口音", "内蒙口音"], "21": ["东北口音", "辽宁口音"],
    "22": ["东北口音", "吉林口音"], "23": ["东北话", "黑龙江口音", "东北口音"], "31": ["上海话", "上海口音"],
    "32": ["江苏口音", "苏北口音", "苏北话"], "33": ["浙江口音", "浙江话", "温州话"], "34": ["安徽口音", "安徽话"],
    "35": ["闽南话", "福建口音", "福建话"], "36": ["江西口音", "江西话"], "37": ["山东口音", "山东话"],
    "41": ["河南口音", "河南话", "说河南话"], "42": ["湖北口音", "湖北话"], "43": ["湖南口音", "湖南话", "说湖南话"],
    "44": ["粤语", "广东话", "说白话", "客家话", "潮汕话"], "45": ["广西口音", "广西话", "白话"],
    "46": ["海南话", "海南口音"], "50": ["重庆口音", "重庆话", "四川话"], "51": ["四川话", "说四川话", "四川口音"],
    "52": ["贵州口音", "贵州话"], "53": ["云南口音", "云南话"], "54": ["藏语", "说藏语"], "61": ["陕西口音", "陕西话"],
    "62": ["甘肃口音", "甘肃话"], "63": ["青海口音", "青海话"], "64": ["宁夏口音"], "65": ["新疆口音"]}
_ETH_LABELS = {"uyghur": ["说维吾尔语", "维语", "只会说维语", "维吾尔语，汉语不流利"],
               "tibetan": ["藏语", "说藏语", "藏族口音"], "mongol": ["蒙语", "会说蒙语", "蒙古语"],
               "korean": ["朝鲜语", "朝鲜族口音", "说朝鲜话"], "yi": ["彝语", "说彝族话", "彝语，汉话很少"],
               "zhuang": ["壮话", "壮语", "说壮话"]}
_NEIGHBOURS = {"43": "42 36 44 52 45", "42": "43 41 36 50", "51": "50 52 53 61", "50": "51 52 42", "41": "34 37 13 42",
               "34": "41 32 36 42", "36": "43 35 34 44", "44": "45 35 43", "45": "44 43 52", "52": "51 53 45",
               "53": "52 51", "37": "13 41 32", "13": "37 41 14", "35": "44 33 36", "32": "34 33 37",
               "33": "32 35 36", "61": "62 14 41", "62": "61 64", "23": "22 21", "22": "23 21", "21": "22 23"}
_VAGUE = ["外地口音", "南方口音", "北方口音", "普通话不标准", "听不懂的方言", "口音较重", "方言，听不太懂",
          "讲方言", "带口音"]
_TYPO = [("口音", "口意"), ("口音", "口因"), ("湖南", "胡南"), ("河南", "何南"), ("四川", "四穿"),
         ("话", "化"), ("江西", "江溪")]


# ---------------------------------------------------------------------------------------------
# The world
# ---------------------------------------------------------------------------------------------
SCENARIOS = [("migrant", 0.35), ("rural", 0.30), ("urban", 0.22), ("transit", 0.13)]
_SCEN_CUM = list(accumulate(w for _, w in SCENARIOS))
_YEARS = list(range(1995, 2026))
_YEAR_CUM = list(accumulate(1.0 + 0.12 * (y - 1995) for y in _YEARS))
CATEGORIES = ["full_exact", "homophone", "dialect", "pinyin", "given_only", "nickname", "none"]
_CAT_BASE = [0.31, 0.10, 0.15, 0.07, 0.10, 0.11, 0.16]


class Name:
    __slots__ = ("full", "sur", "given", "eth", "parts", "sep", "latin")

    def __init__(self, full, sur, given, eth, parts=None, sep="", latin=None):
        self.full, self.sur, self.given, self.eth = full, sur, given, eth
        self.parts = parts or [given]
        self.sep = sep
        self.latin = latin


class World:
    def __init__(self, seed: int):
        self.rng = _Rng(seed)
        self.g = gazetteer()
        self.places = Places(seed)

    # -- names ------------------------------------------------------------------------------------
    def han_given(self, year: int, sex: str) -> str:
        rng = self.rng
        coh = _cohort(year)
        singles, scum, doubles, dcum, firsts, seconds, gen = _GIVEN_POOLS[(coh, sex)]
        x = rng.random()
        if x < _P_SINGLE[coh]:
            return _pick(rng, singles, scum)
        if x < _P_SINGLE[coh] + 0.2 * (1 - _P_SINGLE[coh]):
            return _pick(rng, doubles, dcum)
        while True:
            a = rng.choice(firsts) if rng.random() < 0.5 else rng.choice(gen)
            b = rng.choice(seconds) if rng.random() < 0.5 else rng.choice(gen)
            if a != b or rng.random() < 0.15:
                return a + b

    def han_name(self, prov: str, year: int, sex: str, region: str | None = None) -> Name:
        rng = self.rng
        names, cum = _SUR_TABLES[region or _REGION_OF.get(prov, "central")]
        sur = _pick(rng, names, cum)
        given = self.han_given(year, sex)
        return Name(sur + given, sur, given, "han")

    def minority_name(self, eth: str, prov: str, year: int, sex: str) -> tuple[Name, list[str]]:
        rng = self.rng
        alts: list[str] = []
        if eth in ("han", "zhuang"):
            return self.han_name(prov, year, sex), alts
        if eth == "hui":
            n = self.han_name(prov, year, sex, region="hui")
            n.eth = "hui"
            if rng.random() < 0.3:
                alts.append(rng.choice((_HUI_M if sex == "M" else _HUI_F).split()))
            return n, alts
        if eth == "korean":
            sur = rng.choice(_KOR_SUR.split())
            given = rng.choice((_KOR_M if sex == "M" else _KOR_F).split())
            lat = None
            if all(c in _KOR_LATIN for c in sur + given):
                lat = [_KOR_LATIN[sur], "-".join(_KOR_LATIN[c] for c in given).capitalize()]
            return Name(sur + given, sur, given, "korean", latin=lat), alts
        if eth == "uyghur":
            given = rng.choice((_UY_M if sex == "M" else _UY_F).split())
            father = rng.choice(_UY_M.split())
            lat = None
            if given in _UY_LATIN and father in _UY_LATIN:
                lat = [_UY_LATIN[given], _UY_LATIN[father]]
            return Name(given + "·" + father, "", given, "uyghur", parts=[given, father], sep="·", latin=lat), alts
        if eth == "tibetan":
            pool = (_TIB_M if sex == "M" else _TIB_F).split()
            if rng.random() < 0.7:
                a = rng.choice(pool if sex == "M" else "次仁 格桑 白玛 德吉 央金 尼玛 达瓦 索朗".split())
                b = rng.choice(pool)
                while b == a:
                    b = rng.choice(pool)
                parts = [a, b]
            else:
                parts = [rng.choice(pool)]
            lat = [_TIB_LATIN[p] for p in parts] if all(p in _TIB_LATIN for p in parts) else None
            return Name("".join(parts), "", "".join(parts), "tibetan", parts=parts, latin=lat), alts
        if eth == "mongol":
            given = rng.choice((_MON_M if sex == "M" else _MON_F).split())
            parts = [given]
            for split in ("斯琴高娃", "乌云其木格"):
                if given == split:
                    parts = [given[:2], given[2:]]
            if rng.random() < 0.3:
                alts.append(rng.choice("包白韩王鲍") + self.han_given(year, sex))
            return Name(given, "", given, "mongol", parts=parts), alts
        if eth == "yi":
            sur = rng.choice(_YI_SUR.split())
            given = rng.choice((_YI_M if sex == "M" else _YI_F).split())
            if rng.random() < 0.5:
                alts.append(self.han_name("51", year, sex).full)
            return Name(sur + given, sur, given, "yi"), alts
        return self.han_name(prov, year, sex), alts

    def nick(self, p) -> str:
        """The 小名 the family uses."""
        rng = self.rng
        n = p["name"]
        g = n.given
        last = g[-1]
        prov = p["prov"]
        age_y = p["birth"].year
        opts = [("小" + last, 2.0), (last + last, 1.2 if p["sex"] == "F" or age_y > 1985 else 0.4)]
        if prov in ("44", "35", "45", "46", "33"):
            opts.append(("阿" + last, 3.0))
        if prov in ("44", "45", "46") and p["sex"] == "M":
            opts.append((last + "仔", 2.0))
        if prov in ("44", "45", "35", "43", "36") and p["sex"] == "F":
            opts.append((last + "妹", 1.0))
        order = p["order"]
        if prov in ("51", "50", "52") and order >= 2:
            opts.append(("二三四五六"[order - 2] + ("娃" if p["sex"] == "M" else "妹"), 3.0))
        if prov in ("51", "50", "52") and order == 1 and p["sex"] == "M":
            opts.append(("大娃", 1.0))
        if order >= 2 and p["sex"] == "M":
            opts.append(("老" + "二三四五六"[order - 2], 1.0))
        if p["sex"] == "F" and order >= 2 and prov in _REGION_OF and _REGION_OF[prov] == "north":
            opts.append(("二三四五六"[order - 2] + "丫", 1.5))
        if age_y < 1975 and p["scen"] != "urban":
            opts.append((rng.choice(["狗蛋", "铁蛋", "柱子", "石头", "毛毛", "狗娃", "牛娃"] if p["sex"] == "M"
                                    else ["丫头", "毛妹", "英子", "小丫", "妮子"]), 1.5))
        if p["eth"] == "zhuang" and age_y < 1980:
            opts.append((("特" if p["sex"] == "M" else "达") + last, 2.0))
        if n.eth in ("uyghur", "tibetan", "mongol"):
            return "小" + n.parts[0][:1] if rng.random() < 0.5 else n.parts[0]
        items = [o[0] for o in opts]
        return _pick(rng, items, list(accumulate(o[1] for o in opts)))

    # -- people ------------------------------------------------------------------------------------
    def person(self, no_report: bool = False) -> dict:
        rng = self.rng
        g = self.g
        scen = SCENARIOS[bisect.bisect(_SCEN_CUM, rng.random() * _SCEN_CUM[-1])][0]
        year = _pick(rng, _YEARS, _YEAR_CUM)
        start = dt.date(year, 1, 1).toordinal()
        end = min(dt.date(year, 12, 31), TODAY).toordinal()
        missing = dt.date.fromordinal(rng.randint(start, end))
        # age when missing, and sex, by scenario
        x = rng.random()
        if scen == "migrant":
            age = int(rng.triangular(16, 58, 28))
            male = 0.8
        elif scen == "urban":
            age = rng.randint(60, 90) if x < 0.42 else (rng.randint(18, 59) if x < 0.85 else rng.randint(8, 17))
            male = 0.58
        elif scen == "rural":
            age = rng.randint(20, 64) if x < 0.5 else (rng.randint(60, 88) if x < 0.8 else rng.randint(4, 19))
            male = 0.7
        else:
            age = rng.randint(17, 72)
            male = 0.72
        sex = "M" if rng.random() < male else "F"
        birth = dt.date.fromordinal(missing.toordinal() - age * 365 - rng.randint(0, 364))
        # registered (ID card) birth date: usually the same, sometimes the lunar date or another year
        y = rng.random()
        if y < 0.90:
            id_birth = birth
        elif y < 0.97:
            id_birth = _add_days(birth, rng.randint(15, 50) * rng.choice((-1, 1)))
        else:
            try:
                id_birth = birth.replace(year=birth.year + rng.choice((-2, -1, 1, 2)))
            except ValueError:
                id_birth = birth.replace(year=birth.year + 1, day=28)
        p = {"scen": scen, "missing": missing, "sex": sex, "birth": birth, "id_birth": id_birth,
             "order": min(6, 1 + int(rng.expovariate(0.9 if birth.year < 1970 else 1.6)))}
        # home
        urban_home = scen == "urban" or (scen == "transit" and rng.random() < 0.4)
        if urban_home:
            if rng.random() < 0.45:
                city = _pick(rng, g.big, g.big_cum)
            else:
                city = _pick(rng, g.urban_cities, g.urban_cum)
            county = rng.choice(city.districts) if city.districts else rng.choice(city.counties)
            roads, jd, comps = self.places.urban(county)
            p["home"] = {"county": county, "urban": True, "road": rng.choice(roads), "jd": rng.choice(jd),
                         "comp": rng.choice(comps), "bld": rng.randint(1, 30), "unit": rng.randint(1, 6),
                         "room": rng.randint(1, 28) * 100 + rng.randint(1, 4)}
        else:
            prov = g.prov_keys[bisect.bisect(g.prov_cum_origin, rng.random() * g.prov_cum_origin[-1])]
            cs, cum = g.rural_by_prov[prov]
            county = _pick(rng, cs, cum)
            towns = self.places.towns(county)
            ti = min(int(rng.expovariate(0.25)), len(towns) - 1)
            vill = self.places.villages(county, ti)
            p["home"] = {"county": county, "urban": False, "town": towns[ti], "ti": ti,
                         "village": vill[min(int(rng.expovariate(0.2)), len(vill) - 1)], "group": rng.randint(1, 12),
                         "river": rng.random() < 0.2, "hill": rng.random() < 0.25}
        county = p["home"]["county"]
        prov = county.code[:2]
        p["prov"] = prov
        # ethnicity
        eth = "han"
        for key in (county.code[:4], prov):
            if key in _ETHNIC:
                for e, share in _ETHNIC[key]:
                    if rng.random() < share:
                        eth = e
                        break
                break
        if urban_home and eth in ("tibetan", "yi", "uyghur") and rng.random() < 0.5:
            eth = "han"
        p["eth"] = eth
        name, alts = self.minority_name(eth, prov, birth.year, sex)
        p["name"] = name
        p["alts"] = alts
        p["nick"] = self.nick(p)
        p["rules"] = _PROV_RULES.get(prov, [])
        # body
        h = rng.gauss(168.5 if sex == "M" else 157.5, 6.0 if sex == "M" else 5.5)
        if birth.year < 1960:
            h -= 2.5
        p["height"] = h
        nm = rng.choices((0, 1, 2, 3), (0.45, 0.35, 0.15, 0.05))[0]
        marks = [_random_mark(rng) for _ in range(nm)]
        if age < 16:  # no tattoos on children
            marks = [m if m[0] != "tattoo" else ("scar", "额头", "") for m in marks]
        p["marks"] = marks
        p["build"] = rng.choice(("偏瘦", "中等", "中等", "偏胖", "瘦小", "魁梧"))
        p["glasses"] = rng.random() < 0.07
        c = rng.random()
        old = age >= 65
        if c < 0.03:
            cond = "deaf"
        elif c < 0.13:
            cond = "mental"
        elif c < 0.19:
            cond = "intellect"
        elif c < 0.19 + (0.35 if old else 0.0):
            cond = "dementia"
        else:
            cond = None
        p["cond"] = cond
        p["clothes"] = (rng.choice(_COLORS), rng.choice(_TOPS), rng.choice(_COLORS), rng.choice(_BOTTOMS))
        # where he went missing
        if scen == "migrant":
            if rng.random() < 0.78:
                mcity = _pick(rng, g.big, g.big_cum)
            else:
                mcity = rng.choice(g.cities_by_prov[prov] if rng.random() < 0.4 else g.urban_cities)
            mcounty = rng.choice(mcity.counties)
            p["mwhere"] = (mcity, mcounty, rng.choice(self.places.towns(mcounty)) if mcounty.kind != "district"
                           or rng.random() < 0.3 else rng.choice(self.places.urban(mcounty)[1]))
            p["job"] = rng.choice(("工地", "电子厂", "鞋厂", "餐馆", "物流园", "砖厂", "服装厂", "装修队", "家具厂"))
        elif scen == "transit":
            mcity = _pick(rng, g.big, g.big_cum)
            p["mwhere"] = (mcity, rng.choice(mcity.districts or mcity.counties),
                           rng.choice(("火车站", "火车站", "汽车站", "高铁站", "长途汽车站")))
        else:
            p["mwhere"] = (county.city, county, None)
        p["no_report"] = no_report
        return p

    # -- formatting helpers ------------------------------------------------------------------------
    def fmt_date(self, d: dt.date, style: str) -> str:
        if style == "iso":
            return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
        if style == "slash":
            return f"{d.year}/{d.month}/{d.day}"
        if style == "cn":
            return f"{d.year}年{d.month}月{d.day}日"
        if style == "cnym":
            return f"{d.year}年{d.month}月"
        if style == "cny":
            return f"{d.year}年"
        return f"{d.year:04d}{d.month:02d}{d.day:02d}"

    def fmt_height(self, h: float, exact: bool) -> str:
        rng = self.rng
        x = rng.random()
        if exact:
            return str(int(round(h)))
        r5 = int(round(h / 5.0) * 5)
        if x < 0.35:
            return str(r5 if rng.random() < 0.6 else int(round(h)))
        if x < 0.6:
            return f"{r5}左右"
        v = int(round(h)) if rng.random() < 0.3 else r5
        if v < 100 or v >= 200:
            return str(v)
        t = v - 100
        if t == 0:
            return "一米"
        if t < 10:
            return "一米零" + _CN_DIGIT[t]
        return "一米" + _CN_DIGIT[t // 10] + (_CN_DIGIT[t % 10] if t % 10 else "")

    def fmt_age(self, est: int) -> str:
        rng = self.rng
        est = max(1, est)
        if est >= 100:
            return f"约{est}岁"
        x = rng.random()
        if x < 0.30:
            return f"约{est}岁"
        if x < 0.42:
            return f"{est}岁"
        if x < 0.50:
            return str(est)
        if x < 0.64:
            if est > 20:  # 40-50, 45-55: a bracket of ten around the estimate
                lo5 = est // 5 * 5
                lo = lo5 - 5 if est - lo5 < 5 and rng.random() < 0.5 else lo5
                hi = lo + 10
            else:
                lo, hi = max(1, est - rng.choice((1, 2))), est + rng.choice((1, 2))
            return f"{lo}-{hi}" + ("岁" if rng.random() < 0.4 else "")
        dec = est // 10 * 10
        if x < 0.74 and est >= 20 and est % 10 >= 3:
            return f"{dec}多岁"
        if x < 0.82 and est >= 20:
            cn = ("" if dec // 10 == 1 else _CN_DIGIT[dec // 10]) + "十"
            if est % 10 >= 3:
                return f"{cn}多岁"
            return f"{cn}来岁"
        if x < 0.9:
            return f"{est}岁左右"
        return f"约{est}"

    def maybe_fw(self, s: str, p: float = 0.02) -> str:
        return _fullwidth(s) if self.rng.random() < p else s

    # -- growth -------------------------------------------------------------------------------------
    @staticmethod
    def height_at(p, d: dt.date) -> float:
        age = (d - p["birth"]).days / 365.25
        h = p["height"]
        if age < 18:
            pts = ((0, 0.30), (1, 0.45), (3, 0.57), (6, 0.69), (10, 0.82), (13, 0.92), (16, 0.98), (18, 1.0))
            for (a0, f0), (a1, f1) in zip(pts, pts[1:]):
                if a0 <= age <= a1:
                    return h * (f0 + (f1 - f0) * (age - a0) / (a1 - a0))
        if age > 60:
            h -= (age - 60) * 0.15
        return h

    # -- reports ------------------------------------------------------------------------------------
    def formal_home(self, p) -> str:
        rng = self.rng
        h = p["home"]
        c: County = h["county"]
        top = c.prov + (c.pref or "")
        if rng.random() < 0.08:
            top = c.pref or c.prov  # the province left out
        if h["urban"]:
            s = f"{top}{c.name}{h['road']}{rng.randint(1, 300)}号{h['comp']}{h['bld']}栋{h['unit']}单元{h['room']}室"
            if rng.random() < 0.3:
                s = f"{top}{c.name}{h['jd']}{h['comp']}{h['bld']}栋{h['room']}"
            return s
        tail = f"{h['group']}组" if rng.random() < 0.7 else (f"{h['group']}队" if rng.random() < 0.2 else "")
        return f"{top}{c.name}{h['town']}{h['village']}{tail}"

    def informal_home(self, p) -> str:
        rng = self.rng
        h = p["home"]
        c: County = h["county"]
        ps = c.prov_short
        pref = c.pref_short or ""
        old = p["birth"].year < 1960 and rng.random() < 0.3
        cname = rng.choice(c.old_names) if old and c.old_names else c.name
        pname = rng.choice(c.old_prefs) if old and c.old_prefs else pref
        if h["urban"]:
            opts = [f"{c.city.short}{c.name}{h['comp']}", f"{c.city.short}市{c.name}{h['road']}附近",
                    f"{c.city.short}{h['comp']}", f"{ps}{c.city.short}", f"{c.name}{h['jd']}{h['comp']}"]
            return rng.choice(opts)
        opts = [f"{ps}{pname}那边", f"{ps}{pname}", f"{cname}{h['town']}", f"{ps}{cname}农村",
                f"{pname}市{cname}{h['town']}{h['village']}" if pname else f"{ps}{cname}{h['town']}{h['village']}",
                f"{cname}，家在镇上", f"{ps}{pname}{cname}", f"{cname}{h['town']}{h['village']}",
                f"{ps}{'市' if c.code[:2] in _MUNICIPAL else '省'}{cname}"]
        return rng.choice(opts)

    def missing_place(self, p, police: bool) -> str:
        rng = self.rng
        mcity, mcounty, extra = p["mwhere"]
        h = p["home"]
        scen = p["scen"]
        mprov = "" if mcity.name == mcounty.prov else mcounty.prov
        cn = "" if mcounty.name == mcity.name else mcounty.name
        if scen == "migrant":
            if police:
                return f"{mprov}{mcity.name}{cn}{extra}"
            return rng.choice([f"在{mcity.short}打工时失联", f"去{mcity.short}打工后失去联系", f"{mcity.short}{cn}一带",
                               f"{mcity.short}{cn}{extra}{p['job']}", f"{mcity.short}的{p['job']}", f"{mcity.short}"])
        if scen == "transit":
            if police:
                return f"{mcity.name}{extra}"
            return rng.choice([f"在{mcity.short}{extra}走散", f"坐车去{mcity.short}途中失联", f"{mcity.short}{extra}",
                               f"{mcity.short}火车站附近"])
        c = h["county"]
        if h["urban"]:
            if police:
                return f"{c.city.name}{c.name if c.name != c.city.name else ''}{h['road']}{h['comp']}附近"
            return rng.choice([f"从{h['comp']}家中出门后未归", f"{h['comp']}门口", f"在{h['road']}附近走失", "家附近",
                               f"{c.name}{h['road']}", f"{h['comp']}"])
        if police:
            return f"{c.prov}{c.pref or ''}{c.name}{h['town']}{h['village']}"
        return rng.choice(["家中", "从家里出去后没回来", f"{h['town']}赶集时走失", "村口", f"{c.name}{h['town']}",
                           f"{h['village']}附近", f"{h['town']}街上"])

    def report_row(self, p, ref: str) -> list[str]:
        rng = self.rng
        police = rng.random() < 0.55
        p["police"] = police
        n: Name = p["name"]
        name = n.full
        x = rng.random()
        if x < 0.012:
            name = name[: len(n.sur)] + " " + name[len(n.sur):] if n.sur else " " + name
        elif x < 0.018:
            name = _trad(name)
        elif x < 0.023 and not police:
            name = f"{name}（小名{p['nick']}）"
        elif x < 0.026:
            name = name + " "
        alts = list(p["alts"])
        if rng.random() < (0.08 if police else 0.4):
            alts.append(p["nick"])
        if n.eth in ("uyghur", "tibetan", "mongol", "yi") and rng.random() < 0.35:
            v = self.translit_variant(n)
            if v and v != n.full:
                alts.append(v)
        if n.eth == "uyghur" and rng.random() < 0.2:
            alts.append(n.full.replace("·", rng.choice(("", ".", "•"))))
        if n.eth in ("han", "zhuang", "hui") and rng.random() < 0.03:
            alts.append(n.sur + self.han_given(p["birth"].year, p["sex"]))  # 曾用名
        alts = [a for a in dict.fromkeys(alts) if a and a != n.full]
        alt_s = rng.choice((";", "、", "; ")).join(alts)
        sex = "男" if p["sex"] == "M" else "女"
        if rng.random() < 0.005:
            sex = ""
        if police:
            bstyle = rng.choices(("iso", "compact", "slash", "cn", "cny"), (0.45, 0.3, 0.15, 0.05, 0.05))[0]
            birth = self.fmt_date(p["id_birth"], bstyle)
            home = self.formal_home(p)
            mstyle = rng.choices(("iso", "slash", "cn", "compact"), (0.55, 0.2, 0.15, 0.1))[0]
        else:
            bstyle = rng.choices(("cny", "cnym", "cn", "iso", "slash", ""), (0.42, 0.13, 0.15, 0.15, 0.1, 0.05))[0]
            birth = self.fmt_date(p["birth"], bstyle) if bstyle else ""
            home = self.informal_home(p) if rng.random() < 0.75 else self.formal_home(p)
            mstyle = rng.choices(("iso", "slash", "cn", "cnym", "cny"), (0.3, 0.15, 0.25, 0.22, 0.08))[0]
        missing = self.fmt_date(p["missing"], mstyle)
        mplace = self.missing_place(p, police)
        hm = self.height_at(p, p["missing"])
        if police:
            height = str(int(round(hm + rng.gauss(0, 1.5)))) if rng.random() < 0.4 else ""
        else:
            height = self.fmt_height(hm + rng.gauss(0, 2.5), False) if rng.random() < 0.7 else ""
        # features as the family (or the police file) describes them
        feats = []
        for m in p["marks"]:
            if rng.random() < (0.5 if police else 0.8):
                feats.append(_mark_text(rng, m, formal=police and rng.random() < 0.5))
        if p["cond"] and rng.random() < 0.85:
            feats.append(rng.choice(_COND_REPORT[p["cond"]]))
        if rng.random() < 0.3:
            feats.append("体型" + p["build"])
        if p["glasses"] and rng.random() < 0.7:
            feats.append("戴眼镜")
        if not police and rng.random() < 0.4:
            c1, top, c2, bot = p["clothes"]
            feats.append(f"走失时穿{c1}{top}、{c2}{bot}")
        age_m = _years_between(p["birth"], p["missing"])
        if age_m < 16 and rng.random() < 0.5:
            feats.append(f"走失时{age_m}岁")
        rng.shuffle(feats)
        features = rng.choice(("，", "；", "。", " ", "、")).join(feats)
        # dialect as written on the report
        dialect = ""
        if p["cond"] == "deaf":
            dialect = "不会说话" if rng.random() < 0.5 else ""
        elif rng.random() < (0.15 if police else 0.55):
            c = p["home"]["county"]
            opts = list(_DIALECT_LABELS.get(p["prov"], ["方言"]))
            if c.pref_short:
                opts += [f"说{c.pref_short}话", f"{c.pref_short}口音", f"{c.prov_short}{c.pref_short}话"]
            if n.eth in _ETH_LABELS:
                opts = opts + _ETH_LABELS[n.eth] * 3
            opts += ["会说普通话", "说方言，会一点普通话"]
            dialect = rng.choice(opts)
        phone = self.phone(police)
        return [ref, name, alt_s, sex, self.maybe_fw(birth), home, self.maybe_fw(missing), mplace,
                self.maybe_fw(height), features, dialect, phone, ""]

    def phone(self, police: bool) -> str:
        rng = self.rng
        if police and rng.random() < 0.6:
            return f"0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}"
        num = f"1{rng.choice('3333555788899')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"
        x = rng.random()
        if x < 0.15:
            return num[:3] + "****" + num[7:]
        if x < 0.22:
            return f"{num[:3]}-{num[3:7]}-{num[7:]}"
        if x < 0.26:
            return f"{num[:3]} {num[3:7]} {num[7:]}"
        return num

    def translit_variant(self, n: Name) -> str | None:
        rng = self.rng
        parts = list(n.parts) if n.eth != "yi" else [n.sur, n.given]
        idx = [i for i, q in enumerate(parts) if q in _TRANSLIT_MAP]
        if not idx:
            # try a sub-string (呷 inside 木呷)
            for i, q in enumerate(parts):
                for k, vs in _TRANSLIT_MAP.items():
                    if len(k) == 1 and k in q:
                        parts[i] = q.replace(k, rng.choice(vs))
                        return (n.sep or "").join(parts)
            return None
        i = rng.choice(idx)
        parts[i] = rng.choice(_TRANSLIT_MAP[parts[i]])
        return (n.sep or "").join(parts)

    # -- intakes ------------------------------------------------------------------------------------
    def found_date(self, p, after: dt.date | None = None) -> dt.date:
        rng = self.rng
        start = after or p["missing"]
        window = TODAY.toordinal() - start.toordinal()
        if after is not None:
            lo, hi = 20, min(window, 3 * 365)
            return _add_days(start, rng.randint(lo, hi)) if hi >= lo else TODAY
        x = rng.random()
        if x < 0.25:
            d = int(rng.triangular(0, 30, 2))
        elif x < 0.55:
            d = rng.randint(31, 365)
        else:
            d = int(365 * min(20.0, 1 + rng.expovariate(1 / 4.5)))
        if d > window:
            d = rng.randint(0, max(0, window))
        return _add_days(start, d)

    def found_where(self, p, delay: int) -> tuple[City, County]:
        rng = self.rng
        g = self.g
        mcity, mcounty, _ = p["mwhere"]
        a, b = (0.65, 0.85) if delay <= 30 else (0.3, 0.6) if delay <= 365 else (0.1, 0.3)
        x = rng.random()
        if x < a:
            city = mcity
            county = mcounty if rng.random() < 0.6 else rng.choice(city.counties)
        elif x < b:
            city = rng.choice(g.cities_by_prov[mcounty.code[:2]])
            county = rng.choice(city.districts or city.counties)
        else:
            city = _pick(rng, g.big, g.big_cum) if rng.random() < 0.6 else rng.choice(g.urban_cities)
            county = rng.choice(city.districts or city.counties)
        return city, county

    def found_place(self, city: City, county: County) -> str:
        rng = self.rng
        if county.kind == "district" or county.code[4:] != "00":
            roads = self.places.urban(county)[0]
        else:
            roads = _ROADS
        r1, r2 = rng.sample(roads, 2)
        spot = rng.choice(["火车站广场", "汽车站", "长途汽车站", "高铁站出站口", f"{r1}天桥下", "桥洞下", f"{r1}路边",
                           f"{r1}与{r2}交叉口", "公园长椅", "医院门口", "菜市场", "城中村", "工地附近",
                           "高速公路服务区", "国道旁", "超市门口", "派出所门口", f"{r1}街头", "收费站附近", "江边",
                           f"{r1}{rng.randint(1, 400)}号门口", "地下通道"])
        if county.code[4:] == "00":  # a city without counties (东莞市): towns
            return f"{city.name}{rng.choice(self.places.towns(county))}{spot}"
        if rng.random() < 0.25:
            return f"{county.name}{spot}"
        return f"{city.name}{'' if county.name == city.name else county.name}{spot}"

    def intake_name(self, p, found: dt.date, child: bool) -> tuple[str, str]:
        rng = self.rng
        n: Name = p["name"]
        w = list(_CAT_BASE)
        if p["cond"] == "deaf":
            w = [0.04, 0.02, 0.0, 0.01, 0.01, 0.04, 0.88]
        elif p["cond"] in ("mental", "intellect", "dementia"):
            w[6] *= 1.8
        if child:
            w[5] *= 2.0
            w[4] *= 1.5
        if n.eth in ("uyghur", "tibetan", "mongol", "yi"):
            w[1] *= 1.8
            w[1] += w[2]
            w[2] = 0.0
        if not p["rules"]:
            w[1] += w[2]
            w[2] = 0.0
        cat = CATEGORIES[bisect.bisect(list(accumulate(w)), rng.random() * sum(w))]
        for _ in range(4):
            out = self._name_as(p, cat)
            if out is not None:
                return out, cat
            cat = {"dialect": "homophone", "homophone": "full_exact", "given_only": "full_exact",
                   "nickname": "given_only", "pinyin": "full_exact"}[cat]
        return n.full, "full_exact"

    def _name_as(self, p, cat: str) -> str | None:
        rng = self.rng
        n: Name = p["name"]
        if cat == "none":
            return rng.choice(["", "", "", "", "", "", "无法表述", "不详", "未知", "无"])
        if cat == "full_exact":
            s = n.full
            if n.sep and rng.random() < 0.3:
                s = s.replace("·", rng.choice(("", ".", "•", " ")))
            return self._noise(s, p)
        if cat == "given_only":
            if n.eth == "uyghur":
                return self._noise(n.parts[0], p)
            if len(n.parts) > 1:
                return self._noise(rng.choice(n.parts), p)
            if not n.sur:
                return None
            return self._noise(n.given, p)
        if cat == "homophone":
            if n.eth in ("uyghur", "tibetan", "mongol", "yi"):
                v = self.translit_variant(n)
                return self._noise(v, p, heard=True) if v and v != n.full else None
            chars = list(n.full)
            sl = len(n.sur)
            pos = list(range(len(chars)))
            rng.shuffle(pos)
            k = 1 if rng.random() < 0.72 else 2
            done = 0
            for i in pos:
                c = chars[i]
                if i < sl and sl == 1 and c in ALT_READING and rng.random() < 0.6:
                    syl, tone = ALT_READING[c]
                    alt = _homophone_char(rng, c, syl, tone)
                elif i < sl and c in SURNAME_READING:
                    syl, tone = SURNAME_READING[c]
                    alt = _homophone_char(rng, c, syl, tone)
                else:
                    alt = _homophone_char(rng, c)
                if alt:
                    chars[i] = alt
                    done += 1
                    if done >= k:
                        break
            if not done:
                return None
            return self._noise("".join(chars), p, heard=True)
        if cat == "dialect":
            chars = list(n.full)
            sl = len(n.sur)
            pos = list(range(len(chars)))
            rng.shuffle(pos)
            rules = list(p["rules"])
            rng.shuffle(rules)
            for i in pos:
                r = _reading(chars[i], i < sl)
                if not r:
                    continue
                for rule in rules:
                    alts = _confuse(r[0], rule)
                    if alts:
                        alt = _homophone_char(rng, "", alts[0], r[1])
                        if alt and alt != chars[i]:
                            chars[i] = alt
                            return self._noise("".join(chars), p, heard=True)
            return None
        if cat == "pinyin":
            return self.pinyin(p)
        if cat == "nickname":
            if n.eth in ("uyghur", "tibetan", "mongol"):
                return None
            g = n.given
            x = rng.random()
            if x < 0.45:
                return p["nick"]
            opts = ["小" + g[-1], "阿" + g[-1]]
            age = _years_between(p["birth"], TODAY)
            if p["sex"] == "M" and n.sur and age >= 30:
                opts += ["老" + n.sur] * 3
                if p["order"] >= 2:
                    opts.append(n.sur + "老" + "二三四五六"[p["order"] - 2])
            if n.sur and len(n.sur) == 1:
                opts.append(("大" if p["order"] == 1 else "小") + n.sur)
            if len(g) == 2:
                opts.append(g[-1] + g[-1])
            return rng.choice(opts)
        return None

    def pinyin(self, p) -> str | None:
        rng = self.rng
        n: Name = p["name"]
        if n.latin and rng.random() < 0.45:
            s = " ".join(n.latin)
            return _fullwidth(s) if rng.random() < 0.05 else s
        sylls = []  # (syllable, tone, is_surname)
        sl = len(n.sur)
        for i, c in enumerate(n.full):
            if c == "·":
                sylls.append(("·", 0, False))
                continue
            r = _reading(c, i < sl)
            if r is None:
                return None
            if i < sl and c in ALT_READING and rng.random() < 0.35:
                r = ALT_READING[c]
            sylls.append((r[0], r[1], i < sl))
        if p["rules"] and rng.random() < 0.2:  # heard through the accent
            j = rng.randrange(len(sylls))
            for rule in p["rules"]:
                alts = _confuse(sylls[j][0], rule)
                if alts:
                    sylls[j] = (alts[0], sylls[j][1], sylls[j][2])
                    break
        vmode = rng.choice(("v", "u", "ü", "v"))
        style = rng.choices(("std", "run", "spaced", "caps", "tones", "western", "nums", "title"),
                            (0.35, 0.15, 0.15, 0.08, 0.1, 0.05, 0.03, 0.09))[0]

        def plain(s, t):
            if style == "tones":
                return _tone_mark(s, t)
            s2 = s.replace("v", vmode) if vmode != "ü" else s.replace("v", "ü")
            return s2 + (str(t) if style == "nums" else "")
        if "·" in [x[0] for x in sylls] or not n.sur:
            words, cur = [], ""
            for s, t, _ in sylls:
                if s == "·":
                    words.append(cur)
                    cur = ""
                else:
                    cur += plain(s, t)
            words.append(cur)
            if n.eth == "tibetan" and len(n.parts) > 1:
                k = len(n.parts[0])
                flat = [plain(s, t) for s, t, _ in sylls]
                words = ["".join(flat[:k]), "".join(flat[k:])]
            if style == "run":
                out = "".join(words).lower()
            elif style == "caps":
                out = " ".join(words).upper()
            else:
                out = " ".join(w.capitalize() for w in words)
        else:
            sur = [plain(s, t) for s, t, isur in sylls if isur]
            giv = [plain(s, t) for s, t, isur in sylls if not isur]
            S, G = "".join(sur), "".join(giv)
            if style == "run":
                out = (S + G).lower()
            elif style in ("spaced", "nums"):
                out = " ".join(sur + giv).lower()
            elif style == "caps":
                out = (S + " " + G).upper()
            elif style == "western":
                out = G.capitalize() + " " + S.capitalize()
            elif style == "title":
                out = " ".join(x.capitalize() for x in sur + giv)
            else:
                out = S.capitalize() + " " + G.capitalize()
        if rng.random() < 0.06:
            out = _fullwidth(out)
        if rng.random() < 0.05:
            out = out + rng.choice(("（音）", "(音)", "?"))
        return out

    def _noise(self, s: str, p, heard: bool = False) -> str:
        rng = self.rng
        n: Name = p["name"]
        if heard and rng.random() < 0.15:
            return s + rng.choice(("（音）", "(音)", "（音）", "？"))
        x = rng.random()
        if x < 0.03 and not heard:
            return s + "（音）"
        if x < 0.05 and len(s) >= 3:
            i = rng.randrange(len(n.sur), len(s)) if n.sur else rng.randrange(len(s))
            return s[:i] + rng.choice("××X?") + s[i + 1:]
        if x < 0.07:
            return _trad(s)
        if x < 0.10 and n.sur and len(s) > len(n.sur) and s.startswith(n.sur):
            return s[: len(n.sur)] + " " + s[len(n.sur):]
        if x < 0.11:
            return " " + s
        if x < 0.12 and len(s) >= 2:
            i = rng.randrange(len(s))
            return s[: i + 1] + s[i] + s[i + 1:]
        return s

    def id_number(self, p) -> str:
        c: County = p["home"]["county"]
        b = p["id_birth"]
        code = self.g.code_at(c, min(TODAY.year, max(1985, b.year + 16)))
        seq = self.rng.randint(0, 499) * 2 + (1 if p["sex"] == "M" else 0)
        body = f"{code}{b.year:04d}{b.month:02d}{b.day:02d}{seq:03d}"
        check = self._check(body)
        return body + check

    @staticmethod
    def _check(body: str) -> str:
        w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        s = sum(int(a) * b for a, b in zip(body, w)) % 11
        return "10X98765432"[s]

    def hints(self, p, delay: int, found_near: bool) -> list[str]:
        rng = self.rng
        h = p["home"]
        c: County = h["county"]
        cond = p["cond"]
        k = rng.choices((0, 1, 2, 3, 4), (0.28, 0.30, 0.24, 0.13, 0.05))[0]
        if cond == "deaf":
            k = 0 if rng.random() < 0.8 else 1
        elif cond in ("mental", "dementia", "intellect") and k and rng.random() < 0.4:
            k -= 1
        if found_near and k < 3 and rng.random() < 0.4:
            k += 1
        if k == 0:
            return []
        cands: list[tuple[str, float]] = []
        old_ok = p["birth"].year < 1970 or p["missing"].year < 2005
        if c.old_names and old_ok and rng.random() < 0.35:
            cands.append((rng.choice(c.old_names), 3.0))
        else:
            cands.append((c.name if rng.random() < 0.6 or len(c.short) < 2 else c.short, 3.0))
        if c.pref:
            if c.old_prefs and old_ok and rng.random() < 0.35:
                op = rng.choice(c.old_prefs)
                cands.append((op if rng.random() < 0.6 else _base(op), 2.0))
            else:
                cands.append((c.pref_short if rng.random() < 0.6 else c.pref, 2.0))
        cands.append((c.prov_short + rng.choice(("", "", "人", "的", "那边")), 1.8))
        if h["urban"]:
            cands += [(h["comp"], 2.2), (rng.choice((f"住在{h['road']}", f"{h['road']}附近", h["road"])), 1.5),
                      (h["jd"], 0.5), (rng.choice(("小区门口有个超市", f"住{h['bld']}栋", "家在菜市场旁边",
                                                  "家附近有个公园", "楼下有公交站")), 0.4)]
            if c.city.short != c.short:
                cands.append((c.city.short + rng.choice(("", "市")), 1.5))
        else:
            t = h["town"]
            cands.append((t if rng.random() < 0.6 or len(t) < 3 else t[:-1], 1.6))
            v = h["village"]
            cands.append((v if rng.random() < 0.6 else v[:-1], 1.1))
            cands.append((f"{v}{h['group']}组", 0.2))
            desc = []
            if h["river"]:
                desc += ["住在河边", "家门口有条河", "家旁边有条小河"]
            if h["hill"]:
                desc += ["家在山里", "住在山上", "要走山路"]
            desc += ["家附近有座桥", "村里有个小学", "家门口有条大路", "家在镇上", "村里有个水库", "家旁边有个砖厂"]
            cands.append((rng.choice(desc), 0.8))
        if p["scen"] == "migrant":
            mcity, mcounty, extra = p["mwhere"]
            cands.append((rng.choice((f"在{mcity.short}打工", f"{mcity.short}{p['job']}", f"以前在{mcity.short}干活",
                                      f"{mcounty.short}" if mcounty.code[4:] != "00" else mcity.short,
                                      f"在{p['job']}干过")), 1.2))
        if p["scen"] == "transit":
            cands.append((f"在{p['mwhere'][0].short}下的车", 0.5))
        if p["birth"].year >= 1968:
            cands.append(("ID", 0.15))
        out = []
        pool = list(cands)
        while pool and len(out) < k:
            cum = list(accumulate(w for _, w in pool))
            i = bisect.bisect(cum, rng.random() * cum[-1])
            frag = pool.pop(i)[0]
            if frag == "ID":
                frag = self.id_hint(p)
            else:
                frag = self.frag_noise(frag)
            out.append(frag)
        return out

    def id_hint(self, p) -> str:
        rng = self.rng
        idn = self.id_number(p)
        x = rng.random()
        if x < 0.4:
            if rng.random() < 0.3:  # one digit misremembered
                i = rng.randrange(6, 17)
                idn = idn[:i] + str((int(idn[i]) + rng.randint(1, 9)) % 10) + idn[i + 1:]
            return rng.choice(("身份证号", "自述身份证号", "身份证", "")) + self.maybe_fw(idn, 0.1)
        if x < 0.7:
            return rng.choice(("身份证前6位", "身份证开头", "身份证号前几位")) + idn[:6]
        return rng.choice(("身份证号开头", "记得身份证")) + idn[:14]

    def frag_noise(self, s: str) -> str:
        rng = self.rng
        x = rng.random()
        if x < 0.12:
            if any(w in s for w in ("住", "家", "在", "有", "的", "那边", "人")):
                return s
            idx = [i for i, c in enumerate(s) if c in CHAR_PY and c not in "镇乡村县市区组街路"]
            if idx:
                i = rng.choice(idx)
                alt = _homophone_char(rng, s[i])
                if alt:
                    return s[:i] + alt + s[i + 1:]
        elif x < 0.15:
            return _trad(s)
        elif x < 0.18:
            return s + rng.choice(("（音）", "?", "？"))
        elif x < 0.20:
            return " " + s + " "
        return s

    def intake_dialect(self, p) -> str:
        rng = self.rng
        n: Name = p["name"]
        if p["cond"] == "deaf":
            return rng.choice(("聋哑", "不会说话", "无法交流", ""))
        if n.eth in _ETH_LABELS and n.eth != "zhuang" and rng.random() < 0.7:
            return rng.choice(_ETH_LABELS[n.eth])
        if p["eth"] == "zhuang" and rng.random() < 0.3:
            return rng.choice(_ETH_LABELS["zhuang"])
        prov = p["prov"]
        c: County = p["home"]["county"]
        x = rng.random()
        urban = p["home"]["urban"]
        if x < 0.50:
            if c.pref_short and rng.random() < 0.12:
                lab = c.pref_short + rng.choice(("口音", "话", "一带口音"))
            else:
                lab = rng.choice(_DIALECT_LABELS.get(prov, _VAGUE))
        elif x < 0.58 and prov in _NEIGHBOURS:
            lab = rng.choice(_DIALECT_LABELS[rng.choice(_NEIGHBOURS[prov].split())])
        elif x < 0.75:
            lab = rng.choice(_VAGUE)
        elif x < (0.92 if urban else 0.82):
            lab = rng.choice(("普通话", "说普通话", "普通话较标准", "普通话带口音"))
        else:
            lab = ""
        if lab and rng.random() < 0.04:
            a, b = rng.choice(_TYPO)
            lab = lab.replace(a, b)
        if lab and rng.random() < 0.05:
            lab = rng.choice(("说", "讲", "")) + lab if not lab.startswith("说") else lab
        return lab

    def intake_row(self, p, found: dt.date, prev_found: dt.date | None = None) -> tuple[list[str], str]:
        rng = self.rng
        delay = found.toordinal() - p["missing"].toordinal()
        since = found.toordinal() - (prev_found or p["missing"]).toordinal()
        city, county = self.found_where(p, delay)
        near = county is p["mwhere"][1] or county is p["home"]["county"]
        age = _years_between(p["birth"], found)
        child = age < 14
        name, cat = self.intake_name(p, found, child)
        sex = "男" if p["sex"] == "M" else "女"
        x = rng.random()
        if x < 0.01:
            sex = "女" if sex == "男" else "男"
        elif x < 0.03:
            sex = ""
        rough = delay > 365 and rng.random() < 0.7
        if child:
            err = rng.gauss(0, 1.5)
        elif age < 25:
            err = rng.gauss(1, 3)
        elif rough:
            err = rng.gauss(3, 6)
            if rng.random() < 0.12:  # lived rough for years: a decade off
                err += rng.choice((-10, 10, 10))
        elif age >= 65:
            err = rng.gauss(0, 5)
        else:
            err = rng.gauss(0, 3.5)
        est = int(round(age + err))
        age_s = self.fmt_age(max(1, est)) if rng.random() < 0.97 else ""
        ht = self.height_at(p, found)
        y = rng.random()
        if y < 0.45:
            height = self.fmt_height(ht + rng.gauss(0, 1.5), True)
        elif y < 0.85:
            height = self.fmt_height(ht + rng.gauss(0, 3.5), False)
        else:
            height = ""
        feats = []
        for m in p["marks"]:
            concealed = m[0] == "birthmark" or (m[0] == "scar" and m[1] in ("腹部", "头顶", "后脑"))
            if rng.random() < (0.45 if concealed else 0.75):
                feats.append(_mark_text(rng, m, formal=False, flip=rng.random() < 0.04))
        if p["cond"] and rng.random() < 0.9:
            feats.append(rng.choice(_COND_INTAKE[p["cond"]]))
        if rough and rng.random() < 0.5:
            feats.append(rng.choice(("偏瘦", "消瘦", "体型偏瘦", "营养不良")))
        elif rng.random() < 0.25:
            feats.append("体型" + p["build"])
        if age > 50 and rng.random() < 0.35:
            feats.append(rng.choice(("头发花白", "白发", "头发半白")))
        if rough and p["sex"] == "M" and rng.random() < 0.25:
            feats.append(rng.choice(("胡须较长", "满脸胡子", "蓬头垢面")))
        if rough and rng.random() < 0.2:
            feats.append(rng.choice(("衣着破旧", "衣衫褴褛", "皮肤黝黑")))
        if p["glasses"] and rng.random() < 0.6:
            feats.append("戴眼镜")
        if p["name"].eth == "hui" and rng.random() < 0.3:
            feats.append("戴白帽" if p["sex"] == "M" else "戴头巾")
        if rng.random() < 0.35:
            if since <= 3 and rng.random() < 0.6:
                c1, top, c2, bot = p["clothes"]
            else:
                c1, top, c2, bot = (rng.choice(_COLORS), rng.choice(_TOPS), rng.choice(_COLORS), rng.choice(_BOTTOMS))
            feats.append(f"身穿{c1}{top}、{c2}{bot}" +
                         (f"，{rng.choice(_SHOES)}" if rng.random() < 0.3 else ""))
        rng.shuffle(feats)
        features = rng.choice(("，", "；", "。", " ")).join(feats)
        hints = self.hints(p, delay, near)
        hs = rng.choice(("；", ";", "、", "；")).join(hints)
        fstyle = rng.choices(("iso", "slash", "cn", "compact"), (0.6, 0.2, 0.15, 0.05))[0]
        row = ["", name, sex, age_s, self.maybe_fw(self.fmt_date(found, fstyle), 0.02), self.found_place(city, county),
               self.maybe_fw(height), features, self.intake_dialect(p), hs, ""]
        return row, cat


# ---------------------------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------------------------
REPORT_COLS = ["ref", "name", "alt_names", "sex", "birth_date", "hometown", "missing_date", "missing_place",
               "height_cm", "features", "dialect", "contact_phone", "photos"]
INTAKE_COLS = ["ref", "name", "sex", "age_estimate", "found_date", "found_place", "height_cm", "features", "dialect",
               "place_hints", "photos"]
LABEL_COLS = ["intake_ref", "report_ref", "category"]


def generate(n_reports: int, n_intakes: int, seed: int, out: str, share_no_report: float = 0.4) -> None:
    """Write reports.csv, intakes.csv and labels.csv for one world into directory `out`."""
    t0 = time.time()
    os.makedirs(out, exist_ok=True)
    w = World(seed)
    rng = w.rng
    n_noreport = int(round(n_intakes * share_no_report))
    n_linked = n_intakes - n_noreport
    n_readmit = int(round(n_linked * 0.03)) if n_linked >= 10 else 0
    n_distinct = min(n_linked - n_readmit, n_reports)
    n_readmit = n_linked - n_distinct if n_distinct else 0
    if n_distinct == 0:  # no reports to observe: everybody is unreported
        n_noreport = n_intakes
    chosen = set(rng.sample(range(n_reports), n_distinct))
    kept: list[tuple[str, dict]] = []
    stats = {"police": 0, "eth": {}, "scen": {}}
    with open(os.path.join(out, "reports.csv"), "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(REPORT_COLS)
        buf = []
        for i in range(n_reports):
            p = w.person()
            ref = f"R{i + 1:07d}"
            buf.append(w.report_row(p, ref))
            stats["police"] += p["police"]
            stats["eth"][p["eth"]] = stats["eth"].get(p["eth"], 0) + 1
            stats["scen"][p["scen"]] = stats["scen"].get(p["scen"], 0) + 1
            if i in chosen:
                kept.append((ref, p))
            if len(buf) >= 5000:
                wr.writerows(buf)
                buf.clear()
        wr.writerows(buf)
    intakes: list[tuple[dt.date, list[str], str, str]] = []
    firsts: list[tuple[str, dict, dt.date]] = []
    for ref, p in kept:
        fd = w.found_date(p)
        row, cat = w.intake_row(p, fd)
        intakes.append((fd, row, ref, cat))
        firsts.append((ref, p, fd))
    for _ in range(n_readmit):  # the same person found again later (went missing again, or left the station)
        ref, p, prev = rng.choice(firsts)
        fd = w.found_date(p, after=prev)
        row, cat = w.intake_row(p, fd, prev_found=prev)
        intakes.append((fd, row, ref, cat))
    for _ in range(n_noreport):
        p = w.person(no_report=True)
        fd = w.found_date(p)
        row, cat = w.intake_row(p, fd)
        intakes.append((fd, row, "", cat))
    order = sorted(range(len(intakes)), key=lambda k: (intakes[k][0], k))
    counts = {c: 0 for c in CATEGORIES}
    counts_l = {c: 0 for c in CATEGORIES}
    with open(os.path.join(out, "intakes.csv"), "w", encoding="utf-8", newline="") as fi, \
            open(os.path.join(out, "labels.csv"), "w", encoding="utf-8", newline="") as fl:
        wi, wl = csv.writer(fi), csv.writer(fl)
        wi.writerow(INTAKE_COLS)
        wl.writerow(LABEL_COLS)
        for j, k in enumerate(order):
            fd, row, ref, cat = intakes[k]
            iref = f"I{j + 1:06d}"
            row[0] = iref
            wi.writerow(row)
            wl.writerow([iref, ref, cat])
            counts[cat] += 1
            if ref:
                counts_l[cat] += 1
    n = max(1, len(intakes))
    nl = max(1, sum(counts_l.values()))
    print(f"blind_world5: {n_reports} reports ({stats['police'] / max(1, n_reports):.1%} police imports), "
          f"{len(intakes)} intakes ({n_noreport} without report, {n_readmit} re-admissions) "
          f"in {time.time() - t0:.1f}s -> {out}", file=sys.stderr)
    print("  name category, all intakes: " + ", ".join(f"{c} {counts[c] / n:.1%}" for c in CATEGORIES), file=sys.stderr)
    print("  name category, with report: " + ", ".join(f"{c} {counts_l[c] / nl:.1%}" for c in CATEGORIES),
          file=sys.stderr)
    tot = max(1, n_reports)
    eth = sorted(stats["eth"].items(), key=lambda x: -x[1])
    print("  scenarios: " + ", ".join(f"{k} {v / tot:.1%}" for k, v in sorted(stats["scen"].items())) +
          "; ethnicity: " + ", ".join(f"{k} {v / tot:.2%}" for k, v in eth), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="blind world 5: police bulk imports, migrants and city compounds")
    ap.add_argument("--reports", type=int, required=True)
    ap.add_argument("--intakes", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--no-report-share", type=float, default=0.4)
    a = ap.parse_args(argv)
    generate(a.reports, a.intakes, a.seed, a.out, a.no_report_share)
    return 0


if __name__ == "__main__":
    sys.exit(main())
