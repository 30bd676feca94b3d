"""Independent synthetic "world" for a blind acceptance check of the family-tracing matcher.

Written from general knowledge of how Chinese rescue-station staff (intakes) and families
(missing-person reports) write their records; it shares no code or data with the project's
own generators or parsers.  Only the stdlib, numpy and python-stdnum's division-code table
(stdnum/cn/loc.dat, for real place names) are used.

    python -m bench.blind_world2 --reports N --intakes M --seed S --out DIR [--no-report-share 0.4]

writes DIR/reports.csv, DIR/intakes.csv and DIR/labels.csv (UTF-8).
"""
from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import os
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

REPORT_HEADER = ["ref", "name", "alt_names", "sex", "birth_date", "hometown", "missing_date",
                 "missing_place", "height_cm", "features", "dialect", "contact_phone"]
INTAKE_HEADER = ["ref", "name", "sex", "age_estimate", "found_date", "found_place", "height_cm",
                 "features", "dialect", "place_hints"]
LABEL_HEADER = ["intake_ref", "report_ref", "category", "detail", "true_name", "true_age",
                "est_age", "hint_kinds", "true_home", "gap_days", "sex_wrong"]
CATEGORIES = ["full_exact", "homophone", "dialect", "pinyin", "given_only", "nickname", "none"]

END_DATE = dt.date(2025, 6, 30)
END_ORD = END_DATE.toordinal()

# --------------------------------------------------------------------------------------
# Pinyin: syllable+tone followed by characters, most "name-like / common" first.
# --------------------------------------------------------------------------------------
PY_TABLE = """
a1阿啊 ai1哀埃 ai3矮蔼 ai4爱艾碍 an1安鞍 an3俺 an4岸按案暗 ang2昂 ao2敖遨 ao4奥澳傲
ba1八巴芭 ba3把 ba4霸坝 bai2白 bai3百柏佰 bai4拜败 ban1班斑般 ban3板版 ban4半办伴 bang1邦帮
bang3榜 bang4棒 bao1包苞 bao3宝保堡 bao4鲍报豹 bei1杯碑悲 bei3北 bei4贝备倍蓓 ben1奔 ben3本
beng1崩 bi1逼 bi3比笔 bi4毕碧必璧壁弼 bian1边编 bian4卞变 biao1彪标 biao3表 bin1斌彬宾滨
bing1兵冰 bing3丙炳秉 bing4并 bo1波 bo2博柏伯勃 bu3卜补 bu4布步部不
ca1擦 cai2才财材裁 cai3彩采 cai4蔡菜 can1参餐 can2残 can4灿璨 cang1苍沧仓 cang2藏 cao2曹槽
cao3草 ce4策 cen2岑 ceng2曾层 cha1插 cha2查茶 chai2柴 chan2婵蝉禅 chan3产 chang1昌
chang2长常嫦 chang3厂 chang4畅唱 chao1超 chao2朝潮巢 che1车 chen1琛 chen2陈晨辰臣宸沉
cheng1称 cheng2成程城诚承呈 chi2池迟驰 chi4赤 chong1冲充 chong2崇重 chou2仇 chu1初出
chu2除 chu3楚褚储 chuan1川 chuan2传船 chuang4创 chun1春椿 chun2纯淳 ci2慈词 ci4次 cong1聪葱
cong2丛从 cu4促 cui1崔 cui4翠 cun1村 cun2存 cuo4措错
da2达 da4大 dai4代戴带黛 dan1丹单 dan4旦淡诞 dang1当 dang3党 dao3岛 dao4道 de2德 deng1登灯
deng4邓 di1低 di2迪笛狄 di3邸 di4帝弟地第娣 dian3典点 dian4殿电 diao1刁 ding1丁 ding3鼎
ding4定 dong1东冬 dong3董 dong4栋 dou4窦豆 du1都 du2独 du4杜渡 duan4段 dun1敦 dun4顿 duo1多
e2娥峨鹅 e4鄂 en1恩 er2儿 er3尔 er4二
fa1发 fa3法 fan1帆 fan2凡樊繁 fan4范 fang1方芳 fang2房 fang4放 fei1飞菲非 fei2肥 fei4费
fen1芬分 fen3粉 feng1峰锋丰风枫 feng2冯 feng4凤奉 fu1夫 fu2福符扶芙 fu3甫府 fu4付富傅复
ga1嘎 gai4盖 gan1甘干 gan3感 gang1刚钢 gang3港 gao1高 ge1歌戈 ge2格阁 ge3葛 geng1庚 geng3耿
gong1公宫功龚 gou3苟 gu1姑 gu3古谷 gu4顾固 gua1瓜 guan1关官冠 guan3管 guang1光 guang3广
gui1归 gui4贵桂 guo1郭 guo2国帼 guo3果
ha1哈 hai2孩 hai3海 han2韩涵寒含 han4汉翰 hang2航杭 hao2豪毫 hao3好 hao4浩昊皓 he2何和河荷合
he4贺鹤赫 hei1黑 heng2恒衡 hong2洪红宏鸿 hou2侯 hou4后厚 hu1呼 hu2胡湖 hu3虎 hu4户护 hua1花
hua2华 hua4化画桦 huai2怀淮 huan1欢 huan2环 huan4焕 huang2黄皇 hui1辉晖徽 hui4慧惠会 hun1婚
huo3火 huo4霍
ji1姬基机鸡 ji2吉 ji3几 ji4纪季继冀 jia1家佳嘉 jia3贾 jian1坚 jian3简 jian4建剑健 jiang1江姜
jiang3蒋 jiao1焦娇 jie2杰洁 jie3解 jie4界 jin1金今津 jin3锦 jin4晋靳进 jing1京晶 jing4静敬靖
ju1居 ju2菊 ju3举 juan1娟 jun1军君均 jun4俊峻骏
kai1开 kai3凯 kan3坎 kang1康 ke1柯科 ke3可 ke4克 kong3孔 kuan1宽 kuang1匡 kuang4邝 kun1坤
la1拉 lai2来莱 lai4赖 lan2兰蓝岚 lang3朗 lao3老 le4乐 lei2雷 lei3磊 leng3冷 li2黎 li3李礼理
li4丽立力利莉 lian2莲连 liang2梁良 liang4亮 lin2林琳霖 ling2玲凌灵 ling3岭 liu2刘留流 liu3柳
long2龙隆 lou2楼 lu2卢芦 lu3鲁 lu4陆路露鹿 luan2栾 lun2伦 luo2罗 lv3吕旅 lv4绿
ma1妈 ma3马玛 mai3买 mai4麦 man3满 man4曼 mao2毛 mao4茂 mei2梅眉 mei3美 men2门 meng2蒙萌
meng4梦孟 mi3米 miao2苗 miao4妙缪 min2民 min3敏 ming2明铭鸣 mo4莫墨 mu3姆 mu4穆沐木牧
na4娜那 nai3乃奶 nan2南男楠 nei4内 neng2能 ni2倪妮尼 nian2年 niang2娘 ning2宁凝 niu2牛
niu3纽 nong2农 nu3努 nuo4诺 nv3女
ou1欧区鸥 ou3偶
pa4帕 pan1潘 pan4盼 pei2裴培 peng2彭鹏 piao2朴 ping2平萍 pu2蒲 pu3普浦
qi1戚七 qi2齐琪祺奇 qi3启 qian2钱乾 qian4倩 qiang2强 qiao2乔 qin1钦 qin2秦琴勤覃 qing1青清
qing4庆 qiu1邱秋 qiu2仇求裘 qu1区曲 quan2全泉权
ran2然 ran3冉 rang4让 re4热 ren2任人仁 rong2荣容蓉 ru2如 rui4瑞睿 ruan3阮 run4润
sa4萨 san1三 sang1桑 sao3扫 sen1森 seng1僧 sha1沙 shan1山珊杉 shan4单善 shang1商 shang4尚
shao3少 shao4邵绍 she2佘 shen1申深 shen3沈 shen4慎 sheng1生 sheng4胜盛圣 shi1师诗 shi2石时
shi3史 shi4世士 shou4寿 shu1书舒淑 shuang1双 shui3水 shun4顺 si1思斯丝 si4四 song1松 song4宋
sou1搜 su1苏 su4素 sui2随 sui4岁穗 sun1孙荪
ta3塔 tai4泰 tan2谭覃谈 tang1汤 tang2唐 tao2陶桃 teng2滕 ti2提 tian1天 tian2田甜 tie3铁
ting2婷庭 tong2童同桐彤 tu2涂图 tu3吐
wa2娃 wa3瓦 wan2完 wan4万 wang1汪 wang2王 wei1威 wei2韦 wei3伟 wei4魏卫 wen1温 wen2文雯
weng1翁 wu1邬巫 wu2吴 wu3武伍
xi1西希熙 xi3喜 xia4夏 xian1仙先 xian4宪 xiang1香湘 xiang4向 xiao1萧 xiao3晓小 xiao4肖 xie4谢解
xin1辛新欣心 xing1星兴 xing2邢 xiong2熊 xiu4秀 xu1虚 xu2徐 xu3许 xu4旭 xuan1宣轩萱 xue1薛
xue3雪 xun4逊
ya3雅 yan2严颜 yan4燕艳晏 yang1央 yang2杨阳 yao2姚瑶 ye4叶 yi1伊依一 yi2宜 yi4易亦奕艺
yin1殷音 yin2银 yin3尹 yin4印 ying1英鹰樱缨婴 ying2莹盈营 yong1雍 yong3永勇 you2游 yu2余于鱼 yu3宇雨语
yu4玉育钰裕誉御煜喻 yuan2袁元 yue4岳悦乐 yun2云
zao3早枣 zao4造 zen3怎 zeng1曾增 zha1查扎 zhai2翟 zhan1詹 zhang1张章 zhao1朝 zhao4赵 zhen1珍真
zhen4振震 zheng4郑正 zhi4志智 zhong1钟忠中 zhou1周州 zhu1朱珠 zhu4祝 zhuang1庄 zhuo2卓
zi1孜资 zi3梓子紫 zong1宗 zong3总 zou1邹 zu3祖组 zuo3左
"""

PY_EXTRA = """
shang4上 ya1丫 yi4义益逸 wu1乌 ya4亚 ting2亭廷霆 zai3仔崽 ling2令 you4佑又右幼 lao3佬 yu2俞渝瑜榆愉
sheng1升 zhan4占 ka3卡 si1司 wu2吾 ge1哥 zhe2哲喆 tang2堂 tou2头 nu2奴 yan2妍言岩研 niu1妞 mei4妹
wan3婉晚 yuan2媛援源 yan1嫣 xue2学 shou3守首手 qu1屈 shuai4帅率 yao1幺 pang2庞 liao4廖
tu2徒 yi2怡仪移姨 mu4慕 han1憨 zhao1招 shi1施 qing2晴情 xi1曦汐溪夕惜 yue4月跃越粤
you3有友 zha2札 rou2柔 rou4肉 zhu4柱住注驻 shu4树述 shuan1栓拴 gen1根跟 mu3母 ze2泽择则
yang2洋 luo4洛 qi2淇其旗棋琦 hu2狐壶 gou3狗 lu4璐禄录 pi2皮 xiang2祥翔详 suo3索 xi4细系
qun2群 nie4聂 pang4胖 zhi4致治至 qian1芊千 zhi1芝知枝之 zhi3芷止 ruo4若弱 lei3蕾垒 wei1薇微
dan4蛋 she4设 zhu1诸 zhen1贞桢祯 yuan3远 hao3郝 xin1鑫馨昕 yan2闫 xia2霞侠 ge2革 xiang4项
yu4尉 rao2饶 tao1涛滔韬 ying3颖影 jian4见件鉴箭 jian1兼 hua2骅 wei3玮炜 wei2维唯 ming2名茗 hong2虹弘泓
jun1钧 qiang2蔷 yong3涌咏 li4历励俐 li3里 yan4雁宴 xiu4绣 lan2澜 mei2玫 fang1坊 zhen4镇
qin2芹 xin4信 jing1经菁精荆 jing4竞境 juan1鹃涓 ping2屏坪 hui4绘汇卉 hui1挥灰 yun2芸耘匀
yun4运韵 fen4奋 gui1规瑰 lian2联廉怜 yu3羽禹 xuan2璇玄旋 hao4号 tian1添 tian2恬 zi1姿滋
han2函 han4汗 rui4锐 rui3蕊 qi3起 yi1衣医 yi3以乙 yao2遥 yao4耀 qing1轻卿 chen2尘 cheng2橙
shu1殊 bo2泊 peng2朋蓬 fei1妃 fei3斐 kai3楷 long3陇 bin1缤 lei2擂 na4纳 nan2难 zhong4仲众
zhou4宙 jie2捷 jie4介 xiu1修 yang3养 ke4客 lang2郎 lang4浪 wang4旺望 wu3舞五 wu4务物
sheng3省 gao4告 liang3两 de2得 du4度 qian3浅 shou1收 hu4沪 chuang1窗
"""

# Polyphonic characters: the reading used when the character is part of a name.
PRIMARY_READING = {
    "单": ("shan", 4), "曾": ("zeng", 1), "区": ("ou", 1), "覃": ("qin", 2), "解": ("xie", 4),
    "查": ("zha", 1), "仇": ("qiu", 2), "朴": ("piao", 2), "盖": ("ge", 3), "缪": ("miao", 4),
    "翟": ("zhai", 2), "乐": ("le", 4), "长": ("chang", 2), "朝": ("chao", 2), "重": ("chong", 2),
    "柏": ("bai", 3), "藏": ("zang", 4), "都": ("du", 1), "正": ("zheng", 4), "会": ("hui", 4),
    "和": ("he", 2), "传": ("chuan", 2), "曲": ("qu", 1), "令": ("ling", 2), "尉": ("yu", 4), "俞": ("yu", 2),
    "郝": ("hao", 3), "施": ("shi", 1), "母": ("mu", 3), "仔": ("zai", 3), "屈": ("qu", 1),
}
# Misread (common, non-surname) readings of polyphonic surnames.
SURNAME_MISREAD = {"单": ("dan", 1), "曾": ("ceng", 2), "区": ("qu", 1), "覃": ("tan", 2),
                   "解": ("jie", 3), "查": ("cha", 2), "仇": ("chou", 2), "朴": ("pu", 3),
                   "盖": ("gai", 4), "缪": ("mou", 2), "翟": ("di", 2), "乐": ("le", 4)}

# Surnames with rough national shares (per cent).  Long tail after the top ~100.
SURNAMES = """
王7.12 李6.94 张6.37 刘5.39 陈4.54 杨3.08 黄2.37 赵2.29 吴2.04 周1.96 徐1.45 孙1.38 马1.29 朱1.28
胡1.16 郭1.13 何1.08 林1.07 高1.06 罗1.05 郑0.98 梁0.89 谢0.81 宋0.79 唐0.77 许0.73 韩0.71
邓0.70 冯0.69 曹0.67 彭0.66 曾0.64 肖0.63 田0.62 董0.62 潘0.58 袁0.58 蔡0.56 蒋0.55 余0.55
于0.54 杜0.52 叶0.50 程0.49 魏0.48 苏0.48 吕0.47 丁0.46 任0.45 卢0.44 姚0.43 沈0.43 钟0.41
姜0.41 崔0.40 谭0.40 陆0.39 范0.38 汪0.38 廖0.37 石0.37 金0.36 韦0.36 贾0.35 夏0.34 付0.34
方0.33 邹0.32 熊0.32 白0.32 孟0.31 秦0.31 邱0.31 侯0.30 江0.30 尹0.29 薛0.29 闫0.28 段0.28
雷0.28 龙0.27 黎0.26 史0.26 陶0.25 贺0.25 毛0.24 郝0.24 顾0.24 龚0.23 邵0.23 万0.22 覃0.20
武0.22 钱0.22 戴0.21 严0.21 莫0.21 孔0.20 向0.20 常0.20 汤0.20 康0.19 易0.19 乔0.19 赖0.18
文0.18 施0.17 洪0.17 辛0.16 柴0.16 申0.16 庞0.16 牛0.16 聂0.15 翟0.15 章0.15 温0.15 殷0.15
欧阳0.12 葛0.14 邢0.13 鲁0.13 靳0.13 焦0.13 蒙0.12 路0.13 樊0.13 兰0.12 符0.12 耿0.12 关0.12
岳0.12 齐0.12 甘0.11 包0.11 单0.10 纪0.11 俞0.11 宁0.11 祝0.11 左0.10 涂0.10 梅0.10 伍0.10
苗0.10 谷0.10 褚0.08 古0.09 卜0.08 屈0.09 喻0.09 项0.09 阮0.08 柯0.08 童0.08 舒0.08 凌0.08
饶0.08 毕0.08 安0.08 吉0.07 管0.08 查0.06 解0.06 区0.05 仇0.05 鲍0.07 滕0.07 尚0.07 裴0.07
邬0.05 房0.06 游0.06 冉0.06 华0.06 曲0.06 倪0.07 米0.06 穆0.06 霍0.07 姬0.05 冷0.05 荣0.05
商0.04 明0.04 成0.07 戚0.05 缪0.04 盛0.06 巫0.05 母0.03 晏0.04 栾0.03 佘0.04 谈0.04 连0.05
麦0.04 詹0.05 车0.04 宗0.04 丛0.04 邝0.03 朴0.03 农0.02 庄0.05 苟0.03 普0.01 阳0.03 盖0.02
上官0.01 司马0.01 诸葛0.008 东方0.004 令狐0.003 皇甫0.005 尉迟0.002 慕容0.002 夏侯0.003 司徒0.008
"""

# Province-specific multiplicative boosts on surname weights.
SURNAME_BOOST = {
    "44": "陈2 黄2 梁3 林2 何1.5 罗1.5 郑1.5 谭2 冯2 区12 邝10 麦10 欧阳2 钟2 赖2 曾2 卢2 叶2 蔡2 司徒8 王0.4 张0.6 赵0.3 孙0.3",
    "45": "韦12 覃14 黄2.5 蒙7 莫5 陆2 梁2 廖2 卢2 农40 王0.6 张0.6 赵0.4 孙0.4",
    "35": "陈3 林4 黄2 郑2.5 吴1.5 蔡3 许2 洪3 庄5 游4 施3 苏2 王0.6 张0.5 刘0.6 赵0.3",
    "46": "符15 陈2 吴2 林2 黄1.5 王1.2 李1.2 张0.5 赵0.3",
    "43": "刘1.4 彭2 谭2.5 唐2 曾2 邓1.5 蒋2 罗1.5 肖2 向2.5 易2.5 贺2 龙2 欧阳3 阳4 王0.7 赵0.5",
    "51": "何1.5 罗1.5 唐1.5 冉4 向1.5 谭1.5 母5 苟6 杨1.2 赵0.6",
    "50": "冉6 向2 谭2 何1.5 罗1.5 唐1.5 母3 苟4 赵0.6",
    "36": "刘1.3 胡1.5 黄1.3 万2 熊2 余1.5 邹2 罗1.3 曾1.5 钟1.5 饶3 涂3 赵0.5",
    "42": "胡1.3 万1.5 熊1.5 徐1.2 程1.3 喻2",
    "34": "汪3 方2 程2 胡1.3 吴1.2 江2",
    "32": "徐1.6 朱1.6 周1.5 顾3 陆2.5 钱2.5 沈2 缪3 陈1.2",
    "33": "徐1.5 朱1.5 周1.4 沈3 顾2 陆2 钱2 俞4 金2 蒋1.5 应1 倪2 叶1.5 邬5",
    "31": "徐1.5 朱1.6 周1.5 沈3 顾4 陆3 钱3 俞3 金2 倪2",
    "52": "杨1.5 吴1.3 罗1.3 龙3 石2.5 潘2 韦2 陈0.8",
    "53": "杨1.6 段3 赵1.3 普20 李1.2 罗1.3",
    "62": "马2.5 王1.2 张1.2 魏1.5 牛1.5 陈0.6 黄0.3 林0.3",
    "64": "马4 王1.2 李1.1 杨1.2 黄0.3 林0.3",
    "63": "马3 李1.2 王1.2 黄0.3",
    "65": "王1.2 张1.2 李1.1 马1.5 黄0.5",
    "37": "王1.4 张1.4 李1.1 刘1.2 孙1.8 于2.5 高1.2 邢2 孟1.5 陈0.6 黄0.2 林0.3 谭0.3",
    "41": "王1.3 张1.4 李1.2 刘1.2 赵1.5 郭1.5 孙1.3 马1.2 高1.3 靳2 闫1.8 牛2 申1.5 陈0.8 黄0.3 林0.3",
    "13": "王1.3 张1.5 李1.3 刘1.3 赵1.8 孙1.4 高1.4 郭1.3 韩1.8 耿2 邢1.6 陈0.5 黄0.2 林0.3",
    "14": "王1.3 张1.4 李1.2 郝2 郭1.8 赵1.5 闫2.5 武2 贾1.6 陈0.6 黄0.2",
    "21": "王1.3 李1.2 张1.3 刘1.3 于2 孙1.5 赵1.4 关3 陈0.6 黄0.2",
    "22": "王1.3 李1.2 张1.3 刘1.3 于1.8 孙1.5 赵1.4 关2 陈0.6 黄0.2",
    "23": "王1.3 李1.2 张1.3 刘1.3 于1.8 孙1.5 赵1.4 关2 陈0.6 黄0.2",
    "61": "王1.3 张1.3 李1.3 刘1.2 杨1.2 赵1.3 郭1.2 陈0.6 黄0.2",
    "15": "王1.4 张1.3 李1.3 刘1.3 赵1.4 郭1.3 高1.2 陈0.6 黄0.2",
    "11": "王1.3 张1.3 李1.2 刘1.3 赵1.3", "12": "王1.3 张1.3 李1.2 刘1.3 赵1.3",
}

# Given names: by birth era (0 <1950, 1 1950-64, 2 1965-79, 3 1980-89, 4 1990-99, 5 2000-09,
# 6 2010-) and sex (m/f).  Each entry: (popular two-character list, single-character pool,
# first-character pool, second-character pool), roughly in frequency order.
GIVEN = {
    (0, "m"): ("德明 德福 长生 福生 根生 水生 春生 有才 有福 永福 国富 金山 来福 玉林 树林 宝山 文华 德胜 占山 凤山 玉成 振海 桂生 明德 正华 志远 守义 顺发 子明 玉山 万福 德山 富贵 金生 春林 永年 长林 瑞林",
               "福 山 林 海 生 明 才 贵 发 全 成 德 荣 祥 顺 财",
               "德 玉 永 长 福 金 春 宝 树 文 有 万 志 振 桂 明 瑞 庆 富 兴 俊 占 炳 焕",
               "山 林 生 福 才 明 华 成 德 发 贵 祥 荣 顺 海 全 昌 兴 财 富 和 泉 田 堂 亭"),
    (1, "m"): ("建国 建华 国华 和平 建军 国强 国庆 建平 振华 志强 建民 卫国 国平 德华 建明 援朝 跃进 胜利 新民 国民 永红 立新 志明 国栋 建新 建设 建林 学军 保国 解放 文明 长江 春生 金华 建中 新华 建成 志华 国良 国荣",
               "军 强 明 华 平 林 勇 刚 东 斌 成 忠 兵 伟 辉 海",
               "建 国 志 卫 振 新 永 文 学 德 立 红 跃 胜 金 长 保 春 庆 家",
               "国 华 军 民 平 明 强 林 东 新 生 成 荣 忠 良 兵 中 伟 庆 全 胜 江"),
    (2, "m"): ("建军 建华 卫东 卫国 红卫 文革 向东 建平 志刚 志明 海涛 志勇 建伟 国强 小平 建新 永红 立军 志强 国庆 海军 振华 红军 文斌 东升 卫华 永刚 建兵 红兵 小军 卫兵 海龙 志军 永强 东风 晓东 建勇 国栋 立新 春雷",
               "伟 勇 军 强 斌 刚 涛 磊 平 杰 辉 明 华 峰 林 东 波 兵 健 亮 鹏 锋 超 龙 飞",
               "建 志 卫 海 国 永 红 小 晓 立 文 东 振 向 春 金 德 俊 新 宏 庆 学 明",
               "军 华 东 强 刚 明 平 勇 伟 林 涛 峰 斌 兵 国 新 生 龙 辉 波 飞 成 荣 杰 锋"),
    (3, "m"): ("海波 建伟 志强 俊杰 海涛 晓东 文杰 鹏飞 小龙 晓明 振宇 永强 国栋 志伟 伟强 建军 晓峰 文斌 海龙 建华 志刚 军伟 晓亮 鹏程 建平 志勇 小军 家伟 伟伟 亚军 红亮 永刚 振华 明亮 新宇 海峰 晓龙 少华 志鹏 立伟",
               "伟 磊 涛 鹏 超 杰 勇 斌 强 浩 波 亮 俊 鑫 宇 帅 健 明 辉 刚 军 峰 龙 飞 林 华 凯 阳 旭 东 坤 晨 洋",
               "志 海 晓 建 文 小 俊 家 永 振 宏 明 鹏 国 少 立 新 亚 天 红 伟 世 子 嘉",
               "伟 强 杰 涛 波 峰 龙 东 明 军 华 鹏 飞 宇 亮 辉 斌 林 刚 勇 超 磊 平 成 俊 新 生 锋 凯 阳"),
    (4, "m"): ("浩然 子豪 家豪 俊杰 文博 宇航 志强 佳豪 明辉 嘉伟 晨阳 天宇 振宇 博文 浩宇 鹏程 一鸣 俊豪 子健 文杰 家乐 志伟 子龙 宇飞 建伟 鹏飞 海洋 俊宇 浩南 伟杰",
               "浩 鑫 杰 磊 宇 涛 鹏 超 帅 晨 凯 阳 昊 博 俊 伟 强 斌 龙 旭 航 亮 林 洋 健 飞 豪 坤 楠",
               "子 浩 家 俊 文 宇 天 志 明 嘉 佳 晨 博 鹏 一 建 振 国 小 世 海 思 泽 梓",
               "豪 杰 宇 航 博 辉 伟 阳 龙 鹏 飞 涛 强 凯 轩 然 鑫 洋 俊 明 峰 翔 晨 斌 磊 林 成 浩 军 睿"),
    (5, "m"): ("浩宇 浩然 子豪 俊杰 宇航 子轩 博文 皓轩 一鸣 天宇 雨泽 家乐 宇轩 梓豪 俊熙 嘉豪 明轩 思源 文轩 浩轩 子健 博涛 晨阳 家豪 鑫宇 宇豪 俊宇 文博 志豪 振宇",
               "浩 鑫 宇 杰 豪 博 轩 晨 涛 磊 昊 阳 凯 航 睿 鹏 帅 旭 然 洋",
               "子 浩 宇 俊 家 博 梓 文 天 嘉 一 明 思 佳 皓 晨 志 雨 鑫 泽 睿 永 立",
               "轩 豪 宇 涛 杰 博 航 阳 然 鑫 睿 泽 辰 浩 昊 晨 翔 哲 文 凯 铭 诚 霖 林 鹏 伟 乐"),
    (6, "m"): ("梓轩 宇轩 浩宇 子墨 奕辰 沐宸 梓豪 浩然 宇辰 亦辰 俊熙 梓睿 皓轩 宇泽 子轩 铭泽 睿泽 梓航 博文 一诺 宇航 浩轩 沐阳 子睿 梓宸 锦程 俊宇 思远 明哲 奕泽",
               "轩 辰 睿 泽 浩 宇 航 哲 铭 博 昊 晨 宸 熙 阳",
               "梓 宇 子 浩 奕 沐 俊 一 亦 皓 铭 睿 明 博 思 锦 嘉 承 晨 天 致 煜 昊 佑",
               "轩 辰 宸 泽 睿 航 墨 熙 豪 宇 然 浩 阳 哲 铭 博 诚 霖 程 远 安 恒 瑞 川 逸 凡"),
    (0, "f"): ("秀英 桂英 秀兰 玉兰 桂兰 秀珍 凤英 玉珍 玉英 兰英 秀云 桂珍 淑珍 玉梅 桂芳 凤兰 秀芝 玉芝 翠英 素珍 金凤 桂花 翠花 金花 秀花 彩云 招弟 来娣 春花 月英 翠兰 凤珍 德英 秀荣 淑贞 玉琴 秀梅 玉凤 素英",
               "英 兰 珍 芳 梅 花 凤 秀 云 琴 贞 娥 翠",
               "秀 桂 玉 凤 淑 翠 金 春 素 兰 月 彩 德 美 招 来 银",
               "英 兰 珍 芳 梅 花 凤 芝 云 琴 贞 娥 荣 香 莲 秀 娣 霞 华"),
    (1, "f"): ("秀英 桂英 秀兰 玉兰 秀珍 桂兰 凤英 玉珍 淑华 秀芳 桂芳 丽华 玉梅 秀云 淑英 红英 美华 秀梅 玉华 秀琴 凤兰 玉芳 淑珍 秀荣 桂香 桂珍 素芳 玉英 春兰 爱华 建华 秀华 金兰 美兰 翠兰",
               "英 兰 珍 芳 华 梅 红 琴 萍 霞 凤 秀 云 荣 娟",
               "秀 桂 玉 淑 凤 丽 美 红 春 爱 金 素 翠 月 建 小 海 彩 冬",
               "英 兰 珍 芳 华 梅 琴 萍 霞 凤 云 荣 香 娟 莲 花 红 玲 芬"),
    (2, "f"): ("红霞 丽华 红梅 春梅 秀梅 桂芳 海燕 丽娟 春燕 玉芳 美玲 红英 秀娟 淑芬 桂香 小红 红艳 丽萍 秀芳 艳红 晓红 丽丽 春花 秀云 小燕 翠萍 玉梅 爱玲 美华 冬梅 雪梅 红燕 建英 玉霞 丽君 春兰",
               "红 丽 艳 燕 芳 霞 敏 静 英 萍 玲 娟 梅 琴 华 芬 慧 洁 莉 兰 群",
               "红 丽 春 秀 海 小 晓 玉 美 艳 桂 淑 爱 雪 冬 翠 彩 凤 素 金 月 秋",
               "霞 梅 燕 华 芳 红 英 娟 玲 萍 艳 琴 丽 芬 兰 云 香 莲 敏 珍 荣 菊 平"),
    (3, "f"): ("丽娜 婷婷 晓燕 丽丽 晓丽 春燕 海燕 红梅 雪梅 秀丽 晓红 小燕 美玲 晓霞 丽娟 文静 玉洁 晓琳 静静 佳佳 丽红 艳丽 春艳 晓敏 雅琴 丽萍 晓静 小丽 美丽 海霞 丹丹 倩倩 晓梅 红艳 秀娟 玲玲 莉莉 娟娟 晓婷 亚楠",
               "静 丽 婷 敏 燕 娟 艳 芳 倩 霞 丹 莉 玲 晶 颖 琳 雪 媛 慧 娜 洁 红 萍 蕾 琴 瑶 欢 梅 英 楠",
               "晓 丽 小 海 雪 春 艳 美 秀 雅 文 佳 玉 红 思 慧 亚 凤 桂 彩 冬 雨 丹 金 秋",
               "燕 丽 娟 霞 梅 玲 红 艳 静 敏 琳 婷 芳 莉 萍 娜 丹 洁 慧 琴 颖 雪 倩 君 英 楠 华 平"),
    (4, "f"): ("婷婷 雨欣 欣怡 佳怡 梦瑶 思雨 雪梅 晓雪 佳琪 雨婷 思琪 慧敏 佳慧 欣然 诗雨 梦婷 佳欣 晓琳 雅婷 倩倩 丹丹 雪莹 佳佳 玉婷 梦琪 晓婷 思思 文静 紫薇 欣欣",
               "婷 雪 欣 倩 颖 佳 悦 静 琪 璐 瑶 丹 敏 娜 蕾 月 洁 琳 晴 露 慧 玲 燕 芳 丽",
               "雨 欣 佳 思 梦 晓 诗 雅 雪 婷 慧 紫 玉 美 秀 文 丽 春 海 小 心 一 可",
               "婷 欣 怡 瑶 雨 琪 雪 莹 慧 敏 琳 然 悦 涵 璐 颖 静 洁 丹 倩 薇 月 玲 娜 蕾 菲 楠"),
    (5, "f"): ("欣怡 子涵 梓涵 雨欣 佳怡 思涵 诗涵 可欣 雨涵 紫涵 梦琪 一诺 雨桐 欣妍 佳琪 语嫣 梓萱 思琪 心怡 诗琪 雨萱 佳欣 欣悦 梦瑶 晨曦 雅琪 紫萱 佳慧 若曦",
               "欣 涵 悦 萱 琪 怡 婷 雪 瑶 璐 妍 彤 琳 菲 洁 颖 静 蕾 月 晴",
               "欣 子 梓 雨 佳 思 诗 可 紫 梦 语 心 一 雅 若 晨 嘉 美 芷 依 婉 怡",
               "怡 涵 欣 萱 琪 妍 桐 瑶 悦 菲 雪 婷 彤 琳 诺 嫣 曦 璐 洁 颖 然 静 蕾 月 雯 馨"),
    (6, "f"): ("一诺 梓涵 欣怡 子涵 语桐 依诺 可欣 雨桐 若汐 梓萱 诗涵 欣妍 语汐 梦瑶 芷若 思涵 紫涵 佳怡 安琪 梓晴 雨涵 芊芊 沐妍 一一 可馨 诗琪 悦彤 艺涵 梓琪 语嫣",
               "涵 萱 琪 汐 妍 诺 彤 悦 瑶 桐 晴 菲 然 馨 曦",
               "梓 一 欣 子 语 依 可 雨 若 诗 芷 沐 思 紫 佳 安 艺 悦 梦 心 雅 书 嘉 晨 亦",
               "涵 萱 诺 怡 桐 汐 妍 琪 瑶 彤 若 晴 馨 悦 然 菲 曦 宁 柔 琳 溪 淇 伊 雯 恩 可"),
}
P_SINGLE = [0.13, 0.13, 0.26, 0.30, 0.20, 0.11, 0.07]   # share of one-character given names
P_LIST = [0.45, 0.48, 0.48, 0.45, 0.45, 0.50, 0.50]     # of two-char names: from the popular list

# Family nicknames (小名) not derived from the name.
FAMILY_NICK = {
    "m": "狗娃 狗蛋 毛毛 二毛 小毛 铁蛋 石头 柱子 栓子 牛娃 虎子 小虎 大头 黑娃 憨娃 福娃 来福 冬冬 平平 东东 明明 豆豆 乐乐 宝宝 小宝 胖胖 满崽 幺儿 老幺 细佬 阿仔 毛蛋 二狗 铁柱",
    "f": "丫头 妞妞 二丫 大妞 三妹 幺妹 满妹 细妹 阿妹 毛毛 燕子 英子 芳芳 豆豆 贝贝 乐乐 宝宝 丫丫 小妹 花花 妹妹 甜甜 招娣",
}
ORDINAL_CN = "零一二三四五六七八九十"

# Minority names: (part, variant transliteration or "")
UYGHUR_M = "买买提/麦麦提 艾力/阿力 吐尔逊/图尔荪 阿不都/阿卜杜 艾买提/艾麦提 努尔/奴尔 伊力哈木/依力哈木 热合曼/热合麦 阿布力孜/阿不力孜 吾斯曼/乌斯曼 亚森/雅森 卡地尔/卡德尔"
UYGHUR_F = "古丽/古力 阿依古丽/阿伊古丽 热依拉/热伊拉 帕提古丽/帕提古力 米娜瓦尔/米娜娃尔 阿依努尔/阿伊努尔 努尔古丽/奴尔古丽 祖丽皮亚/组丽皮亚"
TIBETAN_M = "扎西/札西 多吉/多杰 次仁/才让 格桑/ 平措/彭措 达瓦/ 尼玛/尼马 旦增/丹增 洛桑/罗桑 索朗/索南 强巴/ 顿珠/"
TIBETAN_F = "卓玛/ 央金/央吉 拉姆/拉毛 次仁/才让 德吉/ 白玛/贝玛 格桑/ 曲珍/ 普布/ 央宗/"


# --------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------
def _ws(s):
    return s.split()


def _zipf(n, shift=3.0, expo=0.8):
    w = (np.arange(n) + shift) ** (-expo)
    return w / w.sum()


class WPick:
    """Weighted choice from (item, weight) pairs driven by a random.Random."""
    __slots__ = ("items", "cum", "tot")

    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        c, acc = [], 0.0
        for p in pairs:
            acc += p[1]
            c.append(acc)
        self.cum, self.tot = c, acc

    def __call__(self, rnd):
        return self.items[bisect.bisect_right(self.cum, rnd() * self.tot)]


def _parse_pinyin():
    syl_chars, char_read = {}, {}
    for tok in (PY_TABLE + PY_EXTRA).split():
        m = re.match(r"([a-zv]+)([1-5])(.+)$", tok)
        syl, tone = m.group(1), int(m.group(2))
        for c in m.group(3):
            lst = syl_chars.setdefault(syl, [])
            if (c, tone) not in lst:
                lst.append((c, tone))
            rl = char_read.setdefault(c, [])
            if (syl, tone) not in rl:
                rl.append((syl, tone))
    return syl_chars, char_read


SYL_CHARS, CHAR_READ = _parse_pinyin()


def reading(c):
    r = PRIMARY_READING.get(c)
    if r:
        return r
    rl = CHAR_READ.get(c)
    return rl[0] if rl else None


_TM = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "v": "ǖǘǚǜ"}


def tone_mark(syl, tone):
    if 1 <= tone <= 4:
        if "a" in syl:
            i = syl.index("a")
        elif "e" in syl:
            i = syl.index("e")
        elif "ou" in syl:
            i = syl.index("o")
        else:
            i = max(syl.rfind(v) for v in "iouv")
        syl = syl[:i] + _TM[syl[i]][tone - 1] + syl[i + 1:]
    return syl.replace("v", "ü")


# Dialect-driven syllable confusions (what a Mandarin-speaking staff member hears).
_FH = {"fu": "hu", "fa": "hua", "fei": "hui", "fan": "huan", "fang": "huang", "feng": "hong"}
_HW = {"huang": "wang", "hu": "wu", "hui": "wei", "huan": "wan", "hua": "wa"}
_RY = {"ren": "yin", "rong": "yong", "rou": "you", "ru": "yu", "ran": "yan", "re": "ye", "rao": "yao"}
_RL = {"rong": "long", "ru": "lu", "ran": "lan", "rao": "lao", "rou": "lou"}
_UI = {"xu": "xi", "yu": "yi", "ju": "ji", "qu": "qi", "lv": "li", "nv": "ni", "xun": "xin",
       "yun": "yin", "qun": "qin", "xue": "xie", "yue": "ye", "jue": "jie", "jun": "jin"}



def _both_ways(table: dict, syl: str) -> list:
    """A one-way confusion table read in both directions: syl's image, then what maps to syl."""
    return ([table[syl]] if syl in table else []) + [k for k, v in table.items() if v == syl]

def dialect_targets(syl, rule):
    out = []
    if rule == "nl":
        if syl.startswith("n") and not syl.startswith("ng"):
            out.append("l" + syl[1:])
        elif syl.startswith("l"):
            out.append("n" + syl[1:])
    elif rule == "fh":
        out += _both_ways(_FH, syl)
    elif rule == "zh":
        for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
            if syl.startswith(a):
                out.append(b + syl[2:])
                break
        else:
            if syl[:1] in ("z", "c", "s"):
                out.append(syl[0] + "h" + syl[1:])
    elif rule == "nng":
        if syl.endswith("eng"):
            out.append(syl[:-1])
        elif syl.endswith("en"):
            out.append(syl + "g")
        elif syl.endswith("ing"):
            out.append(syl[:-1])
        elif syl.endswith("in"):
            out.append(syl + "g")
    elif rule == "hw":
        out += _both_ways(_HW, syl)
    elif rule == "ry":
        if syl in _RY:
            out.append(_RY[syl])
    elif rule == "rl":
        if syl in _RL:
            out.append(_RL[syl])
    elif rule == "ui":
        if syl in _UI:
            out.append(_UI[syl])
    return [t for t in out if t in SYL_CHARS and t != syl]


# --------------------------------------------------------------------------------------
# Places from python-stdnum's division-code table
# --------------------------------------------------------------------------------------
PROV_SHORT = {"11": "北京", "12": "天津", "13": "河北", "14": "山西", "15": "内蒙古", "21": "辽宁",
              "22": "吉林", "23": "黑龙江", "31": "上海", "32": "江苏", "33": "浙江", "34": "安徽",
              "35": "福建", "36": "江西", "37": "山东", "41": "河南", "42": "湖北", "43": "湖南",
              "44": "广东", "45": "广西", "46": "海南", "50": "重庆", "51": "四川", "52": "贵州",
              "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃", "63": "青海", "64": "宁夏",
              "65": "新疆"}
PROV_ABBR = {"11": "京", "12": "津", "13": "冀", "14": "晋", "15": "蒙", "21": "辽", "22": "吉",
             "23": "黑", "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣",
             "37": "鲁", "41": "豫", "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼",
             "50": "渝", "51": "川", "52": "黔", "53": "滇", "54": "藏", "61": "陕", "62": "甘",
             "63": "青", "64": "宁", "65": "新"}
CAPITAL = {"13": "石家庄", "14": "太原", "15": "呼和浩特", "21": "沈阳", "22": "长春", "23": "哈尔滨",
           "32": "南京", "33": "杭州", "34": "合肥", "35": "福州", "36": "南昌", "37": "济南",
           "41": "郑州", "42": "武汉", "43": "长沙", "44": "广州", "45": "南宁", "46": "海口",
           "51": "成都", "52": "贵阳", "53": "昆明", "54": "拉萨", "61": "西安", "62": "兰州",
           "63": "西宁", "64": "银川", "65": "乌鲁木齐", "11": "北京", "12": "天津", "31": "上海",
           "50": "重庆"}
MUNICIPAL = ("11", "12", "31", "50")
# Relative weight of each province among hometowns of stranded / missing people.
HOME_PROV_W = {"11": 0.3, "12": 0.3, "13": 5.5, "14": 2.8, "15": 1.6, "21": 2.8, "22": 1.8, "23": 2.5,
               "31": 0.3, "32": 4.0, "33": 2.5, "34": 5.5, "35": 2.2, "36": 4.0, "37": 6.0, "41": 9.0,
               "42": 4.5, "43": 6.0, "44": 4.0, "45": 4.5, "46": 0.6, "50": 2.8, "51": 8.0, "52": 4.5,
               "53": 4.0, "54": 0.25, "61": 3.0, "62": 2.8, "63": 0.45, "64": 0.5, "65": 1.3}
# Where stranded people end up (prefecture-level city name -> extra weight).
DEST_BOOST = {"广州市": 9, "深圳市": 9, "东莞市": 8, "佛山市": 4, "上海市": 9, "北京市": 8, "杭州市": 4,
              "宁波市": 3, "温州市": 3, "金华市": 3, "苏州市": 4, "成都市": 5, "重庆市": 6, "武汉市": 4,
              "郑州市": 4, "西安市": 4, "长沙市": 4, "南京市": 3, "天津市": 3, "厦门市": 2.5, "泉州市": 2.5,
              "福州市": 2, "昆明市": 3, "南宁市": 3, "贵阳市": 3, "合肥市": 3, "济南市": 2, "青岛市": 2.5,
              "石家庄市": 2, "太原市": 2, "哈尔滨市": 2, "沈阳市": 2, "长春市": 1.5, "乌鲁木齐市": 2,
              "兰州市": 2, "南昌市": 2, "海口市": 1.5, "中山市": 2.5, "惠州市": 2.5, "珠海市": 1.5,
              "无锡市": 2, "常州市": 1.5, "嘉兴市": 1.5, "台州市": 1.5, "大连市": 1.5, "银川市": 1,
              "西宁市": 1, "拉萨市": 0.8, "呼和浩特市": 1.2, "江门市": 1.5, "汕头市": 1.2, "柳州市": 1.2}
ETHNIC = ("土家 苗 侗 瑶 壮 彝 回 藏 蒙古 满 傣 白 哈尼 黎 羌 布依 仡佬 水 畲 土 纳西 傈僳 拉祜 佤 景颇 "
          "达斡尔 鄂伦春 鄂温克 哈萨克 柯尔克孜 锡伯 裕固 保安 东乡 撒拉 维吾尔 塔吉克 朝鲜 京 毛南 仫佬 "
          "独龙 怒 普米 阿昌 德昂 基诺 门巴 珞巴 俄罗斯 乌孜别克 塔塔尔 各").split()
_ETH_RE = re.compile("(?:" + "|".join(sorted(ETHNIC, key=len, reverse=True)) + ")族$")
_SUFFIXES = ("自治县", "自治州", "自治旗", "自治区", "地区", "林区", "特区", "县", "市", "区", "旗", "盟", "省")
GENERIC = {"市辖区", "县", "郊区", "市区", "城区", "矿区", "市中区", "省直辖县级行政单位",
           "自治区直辖县级行政单位", "省直辖县级行政区划", "自治区直辖县级行政区划", "东区", "西区",
           "南区", "北区", "中区", "新区", "两江新区"}


def short_name(name):
    base = name
    for suf in _SUFFIXES:
        if base.endswith(suf) and len(base) > len(suf):
            base = base[: -len(suf)]
            break
    while True:
        m = _ETH_RE.search(base)
        if not m or m.start() < 2:
            break
        base = base[: m.start()]
    return base if len(base) >= 2 else name


class Places:
    def __init__(self):
        import stdnum
        path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
        raw = {}
        prov_names = {}
        cur = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if not line.startswith(" "):
                code2, rest = line.split(" ", 1)
                cur = code2
                prov_names[code2] = re.search(r'"(.*)"', rest).group(1)
                continue
            c4, rest = line.strip().split(" ", 1)
            val = re.search(r'"(.*)"', rest).group(1)
            segs = []
            for seg in val.split(","):
                m = re.match(r"^(?:\[(\d*)-(\d*)\])?(.+)$", seg.strip())
                segs.append((m.group(1) or "", m.group(2) or "", m.group(3)))
            raw[cur + c4] = segs
        self.prov_codes = [p for p in HOME_PROV_W]
        self.prov_name = {p: prov_names[p] for p in self.prov_codes}

        def current(segs):
            s, e, n = segs[-1]
            if e == "" or int(e) >= 2020:
                return n
            return None

        # prefectures
        pref_cur = {}
        for code, segs in raw.items():
            if code[4:] == "00" and code[2:] != "0000":
                n = current(segs)
                if n and n not in GENERIC:
                    pref_cur[code[:4]] = n
        # counties
        counties = []
        by_short = {}
        for code, segs in raw.items():
            p = code[:2]
            if p not in HOME_PROV_W or code[4:] == "00":
                continue
            n = current(segs)
            if not n or n in GENERIC or n.endswith("开发区") or n.endswith("新区") or "管理" in n:
                continue
            if p in MUNICIPAL:
                pref = prov_names[p]
            else:
                pref = pref_cur.get(code[:4])
            rural = 3.0 if n.endswith(("县", "旗")) else (2.2 if n.endswith("市") else 0.8)
            idx = len(counties)
            counties.append({"code": code, "prov": p, "name": n, "short": short_name(n),
                             "pref": pref, "pref_short": short_name(pref) if pref else None,
                             "old": [], "old_pref": [], "w": rural})
            by_short.setdefault((p, short_name(n)), []).append(idx)
        # historic names: same code renamed, old county names, old prefectures (地区)
        for code, segs in raw.items():
            p = code[:2]
            if p not in HOME_PROV_W:
                continue
            hist = [n for (s, e, n) in segs if e != "" and int(e) < 2020]
            if not hist:
                continue
            if code[4:] == "00" and code[2:] != "0000":
                # renamed prefecture (襄樊市 -> 襄阳市) or abolished one (衡阳地区): map the name onto
                # the counties that belonged to it while it had that name
                kids = [c for c in raw if c[:4] == code[:4] and c[4:] != "00"]
                for (hs, he, hn) in segs:
                    if he == "" or int(he) >= 2020 or hn in GENERIC or len(hn) <= 2:
                        continue
                    a, b = int(hs or 1949), int(he)
                    kid_shorts = []
                    for kc in kids:
                        for (ks, ke, kn) in raw[kc]:
                            if int(ks or 1949) <= b and int(ke or 9999) >= a and short_name(kn) not in kid_shorts:
                                kid_shorts.append(short_name(kn))
                    for ks in kid_shorts:
                        for ci in by_short.get((p, ks), []):
                            c = counties[ci]
                            if hn != c["pref"] and hn not in c["old_pref"]:
                                c["old_pref"].append(hn)
            else:
                for hn in hist:
                    if hn in GENERIC or len(hn) <= 2:
                        continue
                    for ci in by_short.get((p, short_name(hn)), []):
                        c = counties[ci]
                        if hn != c["name"] and hn not in c["old"]:
                            c["old"].append(hn)
        self.counties = counties
        # prefectures for found places, with their districts/counties
        prefs = {}
        for ci, c in enumerate(counties):
            if c["pref"]:
                key = (c["prov"], c["pref"])
                prefs.setdefault(key, []).append(ci)
        self.prefs = []
        for (p, pn), cis in prefs.items():
            w = 1.0 + DEST_BOOST.get(pn, 0.0) * 1.5
            w *= {"44": 1.6, "33": 1.4, "32": 1.3, "35": 1.2}.get(p, 1.0)
            if p in ("54", "63", "64"):
                w *= 0.5
            self.prefs.append({"prov": p, "name": pn, "short": short_name(pn), "counties": cis, "w": w})
        have = {(d["prov"], d["name"]) for d in self.prefs}
        for c4, pn in pref_cur.items():   # cities without county-level children (东莞, 中山 ...)
            p = c4[:2]
            if p in HOME_PROV_W and p not in MUNICIPAL and (p, pn) not in have:
                w = 1.0 + DEST_BOOST.get(pn, 0.0) * 1.5
                self.prefs.append({"prov": p, "name": pn, "short": short_name(pn), "counties": [], "w": w})
        self.pref_index = {(d["prov"], d["name"]): i for i, d in enumerate(self.prefs)}
        for c in counties:
            c["pref_i"] = self.pref_index.get((c["prov"], c["pref"]), -1)
        # per-province county arrays
        self.prov_counties = {}
        for p in self.prov_codes:
            cis = [i for i, c in enumerate(counties) if c["prov"] == p]
            w = np.array([counties[i]["w"] for i in cis])
            self.prov_counties[p] = (np.array(cis), w / w.sum())
        pw = np.array([HOME_PROV_W[p] for p in self.prov_codes])
        self.prov_p = pw / pw.sum()
        dw = np.array([d["w"] for d in self.prefs])
        self.dest_p = dw / dw.sum()
        self._towns = {}
        self._villages = {}

    # ----- synthetic towns and villages (deterministic per county) -----
    _N_FIRST = "王 李 张 刘 赵 马 高 杨 孙 郭 前 后 东 西 南 北 大 小 新 老 石 柳 杨 白 黄 双 三 马 牛 沙 龙 官 观 青 长".split()
    _N_SECOND = "庄 集 店 屯 营 寨 堡 沟 河 桥 楼 口 坡 洼 坊 铺 峪 台 湾 岗".split()
    _S_FIRST = "石 大 新 长 龙 马 白 黄 高 青 双 杨 沙 水 金 花 桃 柳 东 西 南 北 上 下 中 平 清 三 五 太 官 河 山 江 竹 茶 梅 樟 枫 凤 白 狮 象 牛 鹤 云 碧".split()
    _S_SECOND = "桥 坪 田 塘 湾 口 江 溪 坝 岗 岭 冲 铺 市 渡 圩 洞 坑 垭 场 湖 滩 源 头 坳 潭 寨".split()
    _VIL_S = "家村 家湾 家冲 家坪 家寨 家坝 塘村 坪村 山村 溪村 湾村 田村 岭村 桥村 源村".split()
    _VIL_N = "庄村 家庄 屯 家营 家洼 沟村 家集 店村 楼村 家堡 河村 家寨 营村 台村".split()
    _VIL_SUR = "王 李 张 刘 陈 杨 黄 赵 周 吴 胡 何 罗 郑 谢 唐 彭 曾 邓 田 肖 潘 蒋 谭 廖 龙 向 韩 孙 郭 马 高 宋 冯 许".split()
    _TERRAIN_S = ["住在河边", "家门口有条河", "住在山上", "家在山里", "家附近有水库", "村口有座桥",
                  "家旁边有铁路", "家附近有个庙", "要坐船过河", "家里种橘子", "家里种茶叶", "村里有个大祠堂",
                  "家附近有煤矿", "离镇上很远", "附近有个大坝", "家门口有棵大樟树", "家里养猪"]
    _TERRAIN_N = ["住在河边", "村边有条河", "家在山沟里", "家附近有煤矿", "村口有棵大槐树", "家旁边有铁路",
                  "家里种苹果", "家里种玉米", "家附近有个砖厂", "离县城不远", "村里有个水塔", "家附近有火车站",
                  "住平房", "家门口有个池塘", "家里养羊"]
    NORTH = {"11", "12", "13", "14", "15", "21", "22", "23", "37", "41", "61", "62", "63", "64", "65"}

    def towns(self, ci):
        t = self._towns.get(ci)
        if t is None:
            c = self.counties[ci]
            r = random.Random(int(c["code"]) * 7919 + 17)
            north = c["prov"] in self.NORTH
            f1, f2 = (self._N_FIRST, self._N_SECOND) if north else (self._S_FIRST, self._S_SECOND)
            k = r.randint(7, 18)
            t = []
            if r.random() < 0.55:
                t.append("城关镇")
            while len(t) < k:
                nm = r.choice(f1) + r.choice(f2)
                if r.random() < 0.12:
                    nm = r.choice(f1) + r.choice(f1) + r.choice(f2)
                suf = "镇" if r.random() < 0.62 else "乡"
                if c["name"].endswith(("区", "市")) and r.random() < 0.25:
                    suf = "街道"
                nm += suf
                if nm not in t:
                    t.append(nm)
            self._towns[ci] = t
        return t

    def villages(self, ci, ti):
        key = ci * 64 + ti
        v = self._villages.get(key)
        if v is None:
            c = self.counties[ci]
            r = random.Random(int(c["code"]) * 104729 + ti * 31 + 5)
            north = c["prov"] in self.NORTH
            k = r.randint(6, 22)
            v = []
            tries = 0
            while len(v) < k and tries < 200:
                tries += 1
                x = r.random()
                if x < 0.45:
                    nm = r.choice(self._VIL_SUR) + r.choice(self._VIL_N if north else self._VIL_S)
                elif x < 0.85:
                    f1, f2 = (self._N_FIRST, self._N_SECOND) if north else (self._S_FIRST, self._S_SECOND)
                    nm = r.choice(f1) + r.choice(f2) + "村"
                else:
                    nm = r.choice(["红星", "胜利", "新民", "光明", "团结", "幸福", "联合", "和平", "东风", "红旗", "先锋", "永丰"]) + "村"
                if nm not in v:
                    terr = r.choice(self._TERRAIN_N if north else self._TERRAIN_S)
                    v.append((nm, terr))
            self._villages[key] = v
        return v


# --------------------------------------------------------------------------------------
# Dialect groups
# --------------------------------------------------------------------------------------
GROUP_NAMES = {
    "xiang": ["湘语", "湖南话", "湘方言"], "gan": ["赣语", "江西话"], "hakka": ["客家话", "客家话"],
    "minnan": ["闽南话", "闽南语"], "chaoshan": ["潮汕话", "潮州话"], "mindong": ["福州话", "闽东话"],
    "hainan": ["海南话"], "yue": ["粤语", "白话", "广东话"], "wu": ["吴语", "上海话"],
    "wenzhou": ["温州话", "吴语"], "jianghuai": ["江淮官话", "江淮方言"], "xinan": ["西南官话", "西南方言"],
    "guiliu": ["桂柳话", "西南官话"], "zhuang": ["壮话", "壮语"], "zhongyuan": ["中原官话"],
    "jilu": ["冀鲁官话"], "dongbei": ["东北话", "东北口音"], "jin": ["晋语"], "xibei": ["西北方言", "兰银官话"],
    "beijing": ["北京话", "京腔"], "uyghur": ["维吾尔语", "维语"], "tibetan": ["藏语"],
}
GROUP_RULES = {
    "xiang": ["nl", "fh", "zh", "nng"], "gan": ["nl", "nng", "zh", "fh"], "hakka": ["fh", "zh", "nng", "nl"],
    "minnan": ["fh", "zh", "nng", "nl", "ui"], "chaoshan": ["fh", "zh", "nng", "nl", "ui"],
    "mindong": ["nl", "fh", "zh", "nng"], "hainan": ["fh", "zh", "nng"], "yue": ["zh", "nng", "hw", "ui", "nl"],
    "wu": ["zh", "nng", "hw"], "wenzhou": ["zh", "nng", "hw"], "jianghuai": ["nl", "nng", "zh"],
    "xinan": ["nl", "nng", "zh", "fh", "rl"], "guiliu": ["nl", "nng", "zh"], "zhuang": ["zh", "nng", "ui", "nl"],
    "dongbei": ["ry", "zh"], "jin": ["nng"], "xibei": ["nng"], "zhongyuan": [], "jilu": [], "beijing": [],
    "uyghur": [], "tibetan": [],
}
NEIGHBOR = {"11": "13 12", "12": "13 11", "13": "37 41 14 12", "14": "13 41 61", "15": "14 21 62",
            "21": "22 23", "22": "21 23", "23": "22 21", "31": "32 33", "32": "34 33 37", "33": "32 35 36",
            "34": "41 32 36", "35": "33 44 36", "36": "43 34 35", "37": "13 41 32", "41": "34 37 42 13",
            "42": "43 41 36 50", "43": "36 42 52 45 44", "44": "45 35 43", "45": "44 43 52", "46": "44 45",
            "50": "51 52 42", "51": "50 52 53", "52": "51 53 50 43", "53": "52 51 45", "54": "63 51",
            "61": "14 41 62", "62": "61 64 63", "63": "62 54", "64": "62 61", "65": "62 63"}


def dialect_group(code):
    p, c4 = code[:2], code[:4]
    if p == "43":
        return "xinan" if c4 == "4331" else "xiang"
    if p == "44":
        if c4 in ("4405", "4415", "4451", "4452"):
            return "chaoshan"
        if c4 in ("4414", "4416"):
            return "hakka"
        return "yue"
    if p == "45":
        if c4 in ("4502", "4503"):
            return "guiliu"
        if c4 in ("4510", "4512", "4514"):
            return "zhuang"
        return "yue"
    if p == "35":
        if c4 in ("3501", "3509", "3504", "3507"):
            return "mindong"
        if c4 == "3508":
            return "hakka"
        return "minnan"
    if p == "36":
        return "hakka" if c4 == "3607" else "gan"
    if p == "32":
        if c4 in ("3202", "3204", "3205"):
            return "wu"
        if c4 in ("3203", "3213"):
            return "zhongyuan"
        return "jianghuai"
    if p == "33":
        return "wenzhou" if c4 == "3303" else "wu"
    if p == "34":
        return "zhongyuan" if c4 in ("3403", "3406", "3412", "3413", "3416") else "jianghuai"
    if p == "42":
        return "jianghuai" if c4 == "4211" else ("gan" if c4 == "4212" else "xinan")
    if p == "61":
        return "jin" if c4 in ("6106", "6108") else ("xinan" if c4 in ("6107", "6109") else "zhongyuan")
    return {"11": "beijing", "12": "jilu", "13": "jilu", "14": "jin", "15": "jin", "21": "dongbei",
            "22": "dongbei", "23": "dongbei", "31": "wu", "37": "jilu", "41": "zhongyuan", "46": "hainan",
            "50": "xinan", "51": "xinan", "52": "xinan", "53": "xinan", "54": "tibetan", "62": "xibei",
            "63": "xibei", "64": "xibei", "65": "xibei"}.get(p, "zhongyuan")


# --------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------
PROFILES = ["dementia", "elderly", "mental", "intellectual", "deaf_mute", "child", "ordinary"]
REPORT_MIX = [0.24, 0.07, 0.22, 0.15, 0.04, 0.09, 0.19]
INTAKE_ONLY_MIX = [0.14, 0.07, 0.30, 0.21, 0.06, 0.03, 0.19]
P_MALE = [0.48, 0.55, 0.63, 0.65, 0.60, 0.60, 0.72]


def _parse_surnames():
    names, w = [], []
    for tok in SURNAMES.split():
        m = re.match(r"(\D+)([\d.]+)$", tok)
        names.append(m.group(1))
        w.append(float(m.group(2)))
    return names, np.array(w)


SUR_LIST, SUR_W = _parse_surnames()
SUR_SET = set(SUR_LIST)
SUR_INDEX = {s: i for i, s in enumerate(SUR_LIST)}


def _sur_probs():
    out = {}
    for p in HOME_PROV_W:
        w = SUR_W.copy()
        for tok in SURNAME_BOOST.get(p, "").split():
            m = re.match(r"(\D+)([\d.]+)$", tok)
            if m.group(1) in SUR_INDEX:
                w[SUR_INDEX[m.group(1)]] *= float(m.group(2))
        out[p] = w / w.sum()
    return out


SUR_P = _sur_probs()


def _given_tables():
    t = {}
    for key, (lst, single, c1, c2) in GIVEN.items():
        lst, single, c1, c2 = lst.split(), single.split(), c1.split(), c2.split()
        t[key] = (lst, _zipf(len(lst), 6.0, 0.75), single, _zipf(len(single), 6.0, 0.8),
                  c1, _zipf(len(c1), 2.0, 0.7), c2, _zipf(len(c2), 2.0, 0.7))
    return t


GIVEN_T = _given_tables()


def _minority_pool(s):
    out = []
    for tok in s.split():
        a, b = tok.split("/")
        out.append((a, b))
    return out


UYG_M, UYG_F = _minority_pool(UYGHUR_M), _minority_pool(UYGHUR_F)
TIB_M, TIB_F = _minority_pool(TIBETAN_M), _minority_pool(TIBETAN_F)
MINORITY_VARIANT = {}
for _a, _b in UYG_M + UYG_F + TIB_M + TIB_F:
    if _b:
        MINORITY_VARIANT[_a] = _b


def era_of(year):
    return np.digitize(year, [1950, 1965, 1980, 1990, 2000, 2010])


MARK_KINDS = [("mole", 0.22), ("scar", 0.25), ("birthmark", 0.10), ("tattoo", 0.07), ("finger", 0.05),
              ("six", 0.01), ("lame", 0.06), ("blind", 0.03), ("teeth", 0.06), ("goldtooth", 0.02),
              ("harelip", 0.01), ("hunch", 0.03), ("squint", 0.03), ("burn", 0.03), ("bald", 0.02)]
MOLE_LOC = "左脸 右脸 额头 鼻梁 鼻翼旁 嘴角 下巴 脖子 左眼下 右眼下 眉心 耳垂 上唇".split()
BIRTHMARK_LOC = "背部 后腰 臀部 左大腿 右大腿 胸口 左手臂 右手臂 脖子 左肩 右肩 左脸 右脸".split()
SCAR_LOC = "额头 左眉 右眉 头顶 后脑 左脸 右脸 下巴 左手背 右手背 左手臂 右手臂 腹部 左腿 右腿 左膝 右膝".split()
TATTOO_LOC = "左臂 右臂 左手背 右手背 胸前 后背 左手腕 右手腕 左肩 右肩".split()
TATTOO_MOTIF = ["龙", "虎", "鹰", "蝎子", "“忍”字", "“爱”字", "“母”字", "五角星", "玫瑰", "观音", "骷髅", "英文字母", "“龙”字", "蝴蝶"]
BURN_LOC = "左手 右手 左臂 右臂 胸口 后背 左腿 右腿 脖子 左脸 右脸".split()
FINGERS = [("小指", "小拇指"), ("无名指", "无名指"), ("中指", "中指"), ("食指", "食指"), ("拇指", "大拇指")]


class Pop:
    """A set of people, columnar."""


def gen_people(n, rng, R, places, mix):
    P = Pop()
    P.n = n
    prof = rng.choice(len(PROFILES), size=n, p=np.array(mix) / sum(mix))
    pm = np.array(P_MALE)[prof] + (0.06 if mix is INTAKE_ONLY_MIX else 0.0)
    sex = (rng.random(n) >= pm).astype(np.int8)          # 0 male, 1 female
    # age when going missing
    age = np.empty(n)
    mu = np.array([77, 70, 36, 28, 35, 0, 45], float)
    sd = np.array([7, 6, 11, 11, 14, 0, 13], float)
    lo = np.array([62, 60, 16, 10, 10, 2, 18], float)
    hi = np.array([96, 90, 72, 65, 75, 15, 80], float)
    age = np.clip(rng.normal(mu[prof], sd[prof] + 1e-9), lo[prof], hi[prof])
    ch = prof == 5
    age[ch] = np.clip(rng.gamma(3.0, 2.2, ch.sum()) + 1.5, 2, 15.9)
    P.prof, P.sex, P.age_miss = prof, sex, age
    # hometown
    pc = rng.choice(len(places.prov_codes), size=n, p=places.prov_p)
    county = np.empty(n, dtype=np.int64)
    for k, p in enumerate(places.prov_codes):
        idx = np.nonzero(pc == k)[0]
        if len(idx):
            cis, cw = places.prov_counties[p]
            county[idx] = cis[rng.choice(len(cis), size=len(idx), p=cw)]
    P.county = county
    P.town = rng.integers(0, 1 << 30, n)
    P.vill = rng.integers(0, 1 << 30, n)
    grp = rng.integers(1, 13, n)
    grp[rng.random(n) < 0.35] = 0
    P.group = grp
    prov_of = [places.counties[c]["prov"] for c in county]
    P.prov = prov_of
    return P


def assign_dates_names(P, rng, R, places, missing_ord):
    n = P.n
    P.miss = missing_ord
    birth = missing_ord - np.round(P.age_miss * 365.25).astype(np.int64) - rng.integers(0, 200, n)
    P.birth = birth
    byear = (1970 + (birth - dt.date(1970, 1, 1).toordinal()) / 365.2425).astype(int)
    P.byear = byear
    era = era_of(byear)
    # ethnicity by county
    eth = np.zeros(n, dtype=np.int8)
    codes = [places.counties[c]["code"] for c in P.county]
    u = rng.random(n)
    for i in range(n):
        c = codes[i]
        p = c[:2]
        if p == "65" and u[i] < 0.45:
            eth[i] = 1
        elif p == "54" and u[i] < 0.85:
            eth[i] = 2
        elif (p == "63" and u[i] < 0.2) or (c[:4] in ("5132", "5133", "6230") and u[i] < 0.6):
            eth[i] = 2
    P.eth = eth
    # surnames per province
    sur_idx = np.empty(n, dtype=np.int64)
    provs = np.array(P.prov)
    for p in HOME_PROV_W:
        idx = np.nonzero(provs == p)[0]
        if len(idx):
            sur_idx[idx] = rng.choice(len(SUR_LIST), size=len(idx), p=SUR_P[p])
    P.sur = [SUR_LIST[k] for k in sur_idx]
    # given names per (era, sex)
    given = [None] * n
    for e in range(7):
        for sx, skey in ((0, "m"), (1, "f")):
            idx = np.nonzero((era == e) & (P.sex == sx))[0]
            m = len(idx)
            if not m:
                continue
            lst, lp, single, sp, c1, c1p, c2, c2p = GIVEN_T[(e, skey)]
            kind = rng.random(m)
            ps, pl = P_SINGLE[e], P_LIST[e]
            li = rng.choice(len(lst), size=m, p=lp)
            si = rng.choice(len(single), size=m, p=sp)
            a = rng.choice(len(c1), size=m, p=c1p)
            b = rng.choice(len(c2), size=m, p=c2p)
            u2 = rng.random(m)
            for j in range(m):
                if kind[j] < ps:
                    g = single[si[j]]
                elif u2[j] < pl:
                    g = lst[li[j]]
                else:
                    g = c1[a[j]] + c2[b[j]]
                given[idx[j]] = g
    P.given = given
    # minority names
    P.parts = {}
    for i in np.nonzero(eth)[0]:
        male = P.sex[i] == 0
        if eth[i] == 1:
            own = R.choice(UYG_M if male else UYG_F)[0]
            father = R.choice(UYG_M)[0]
            P.parts[i] = (1, [own, father])
        else:
            pool = TIB_M if male else TIB_F
            a = R.choice(pool)[0]
            b = R.choice(pool)[0]
            while b == a:
                b = R.choice(pool)[0]
            P.parts[i] = (2, [a, b])
        P.sur[i] = ""
        P.given[i] = "".join(P.parts[i][1])
    # birth order, adult height
    P.order = np.where(byear < 1975, rng.choice(6, n, p=[.3, .3, .2, .11, .06, .03]),
                       rng.choice(6, n, p=[.55, .33, .08, .03, .01, 0.0])) + 1
    base = np.where(P.sex == 0, 169.5, 158.5) - np.clip(1975 - byear, 0, 40) * 0.08
    P.adult_h = base + rng.normal(0, 1, n) * np.where(P.sex == 0, 6.2, 5.4)
    # marks and conditions
    kinds = [k for k, _ in MARK_KINDS]
    kw = np.array([w for _, w in MARK_KINDS])
    nmarks = rng.choice(4, size=n, p=[0.5, 0.3, 0.14, 0.06])
    marks = [[] for _ in range(n)]
    rr = R.random
    cw = np.cumsum(kw).tolist()
    tot = cw[-1]
    for i in range(n):
        if not nmarks[i]:
            continue
        ms = []
        for _ in range(nmarks[i]):
            k = kinds[bisect.bisect_right(cw, rr() * tot)]
            side = "左" if rr() < 0.5 else "右"
            if k == "mole":
                ms.append((k, side, R.choice(MOLE_LOC), ""))
            elif k == "scar":
                ms.append((k, side, R.choice(SCAR_LOC), str(R.randint(2, 8))))
            elif k == "birthmark":
                ms.append((k, side, R.choice(BIRTHMARK_LOC), R.choice("青红褐黑紫")))
            elif k == "tattoo":
                if P.age_miss[i] < 14:
                    continue
                ms.append((k, side, R.choice(TATTOO_LOC), R.choice(TATTOO_MOTIF)))
            elif k == "finger":
                ms.append((k, side, R.randrange(5), ""))
            elif k == "burn":
                ms.append((k, side, R.choice(BURN_LOC), ""))
            elif k == "hunch" and P.age_miss[i] < 50:
                continue
            elif k == "bald" and (P.sex[i] == 1 or P.age_miss[i] < 35):
                continue
            else:
                ms.append((k, side, "", ""))
        marks[i] = ms
    P.marks = marks
    P.epilepsy = rng.random(n) < 0.025
    # family nickname (小名)
    fam = [""] * n
    u = rng.random(n)
    for i in range(n):
        if u[i] < 0.42 and not eth[i]:
            g = P.given[i]
            x = rr()
            if x < 0.45:
                fam[i] = R.choice(FAMILY_NICK["m" if P.sex[i] == 0 else "f"].split())
            elif x < 0.6:
                o = int(P.order[i])
                fam[i] = ORDINAL_CN[o] + ("娃" if P.sex[i] == 0 else R.choice(["妹", "丫", "妞"])) if o > 1 else \
                    ("大娃" if P.sex[i] == 0 else "大妹")
            elif x < 0.8:
                fam[i] = "小" + g[-1]
            elif x < 0.9:
                fam[i] = g[-1] + g[-1]
            else:
                fam[i] = "阿" + g[-1]
    P.fam_nick = fam
    P.group_dialect = [dialect_group(places.counties[c]["code"]) for c in P.county]
    return P


# --------------------------------------------------------------------------------------
# Rendering helpers
# --------------------------------------------------------------------------------------
CN_DIG = "零一二三四五六七八九"


def cn_num(k):
    if k >= 100:
        return str(k)
    if k < 10:
        return CN_DIG[k]
    t, o = divmod(k, 10)
    s = ("" if t == 1 else CN_DIG[t]) + "十"
    return s + (CN_DIG[o] if o else "")


LUNAR_M = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"]


def lunar_day(d):
    if d <= 10:
        return "初" + cn_num(d)
    if d < 20:
        return "十" + CN_DIG[d - 10]
    if d == 20:
        return "二十"
    if d < 30:
        return "廿" + CN_DIG[d - 20]
    return "三十"


def fmt_date(o, style, R=None):
    d = dt.date.fromordinal(int(o))
    y, m, dd = d.year, d.month, d.day
    if style == "iso":
        return f"{y}-{m:02d}-{dd:02d}"
    if style == "slash":
        return f"{y}/{m}/{dd}"
    if style == "cn_full":
        return f"{y}年{m}月{dd}日"
    if style == "cn_ym":
        return f"{y}年{m}月"
    if style == "y":
        return f"{y}"
    if style == "ycn":
        return f"{y}年"
    if style == "yy":
        return f"{y % 100:02d}年"
    if style == "dot_ym":
        return f"{y}.{m}"
    if style == "dot":
        return f"{y}.{m}.{dd}"
    if style == "dot_pad":
        return f"{y}.{m:02d}.{dd:02d}"
    if style == "compact":
        return f"{y}{m:02d}{dd:02d}"
    if style == "dash_ym":
        return f"{y}-{m:02d}"
    if style == "dash_nopad":
        return f"{y}-{m}-{dd}"
    if style == "approx":
        return f"约{y}年"
    if style == "born":
        return f"{y}年出生"
    if style == "lunar":
        ld = dt.date.fromordinal(int(o) - 30)
        return f"农历{ld.year}年{LUNAR_M[ld.month - 1]}月{lunar_day(min(ld.day, 30))}"
    if style == "cn_part":
        part = "初" if dd <= 10 else ("中旬" if dd <= 20 else "底")
        return f"{y}年{m}月{part}"
    return ""


BIRTH_STYLE = WPick([("iso", .24), ("cn_full", .12), ("cn_ym", .12), ("y", .13), ("yy", .05), ("dot_ym", .04),
                     ("slash", .08), ("compact", .06), ("dash_ym", .05), ("approx", .03), ("lunar", .02),
                     ("born", .02), ("", .04)])
BIRTH_STYLE_OLD = WPick([("iso", .12), ("cn_full", .06), ("cn_ym", .12), ("y", .22), ("ycn", .08), ("yy", .06),
                         ("approx", .1), ("lunar", .06), ("born", .04), ("slash", .04), ("", .1)])
MISS_STYLE = WPick([("iso", .30), ("slash", .15), ("cn_full", .20), ("compact", .06), ("dot", .06), ("cn_ym", .08),
                    ("dash_nopad", .06), ("ycn", .03), ("cn_part", .03), ("", .03)])
FOUND_STYLE = WPick([("iso", .40), ("slash", .18), ("cn_full", .20), ("compact", .10), ("dot_pad", .06),
                     ("dash_nopad", .06)])

CHILD_H = [(0, 50), (1, 75), (2, 87), (3, 95), (4, 102), (5, 109), (6, 115), (7, 122), (8, 128), (9, 133),
           (10, 138), (11, 144), (12, 150), (13, 156), (14, 161), (15, 165), (16, 167), (17, 168.5), (18, 169.5)]
CHILD_HF = [(0, 49), (1, 74), (2, 86), (3, 94), (4, 101), (5, 108), (6, 114), (7, 121), (8, 127), (9, 132),
            (10, 138), (11, 145), (12, 151), (13, 155), (14, 157), (15, 158), (16, 158.5), (17, 158.5), (18, 158.5)]


def height_at(adult, sex, age):
    if age >= 18:
        h = adult
        if age > 60:
            h -= (age - 60) * 0.12
        return h
    tab = CHILD_H if sex == 0 else CHILD_HF
    a0 = int(age)
    f = age - a0
    h = tab[a0][1] * (1 - f) + tab[a0 + 1][1] * f
    return h * adult / (169.5 if sex == 0 else 158.5)


def fmt_height_report(h, R):
    v = int(round(h))
    x = R.random()
    if x < 0.30:
        return str(v)
    if x < 0.48:
        return f"{v}cm"
    v5 = int(round(h / 5.0) * 5)
    if x < 0.58 and v5 >= 100:
        d = v5 - 100
        return f"1米{d // 10}" if d % 10 == 0 else f"1米{d}"
    if x < 0.65:
        return f"{v / 100:.2f}米"
    if x < 0.73:
        return f"约{v5}"
    if x < 0.81:
        return f"{v5}左右"
    v10 = int(round(h / 10.0) * 10)
    if x < 0.85 and v10 >= 100:
        return f"一米{cn_num((v10 - 100) // 10)}左右" if v10 % 100 else "一米左右"
    if x < 0.91:
        return f"{v}公分"
    if x < 0.95:
        return f"{v5 - 5}-{v5}"
    return f"{v10 / 100:.1f}m"


def fmt_height_intake(h, R):
    v = int(round(h))
    x = R.random()
    if x < 0.35:
        return str(v)
    if x < 0.65:
        return f"{v}cm"
    if x < 0.74:
        return f"约{v}cm"
    if x < 0.79:
        return f"身高{v}"
    if x < 0.86:
        return f"{v / 100:.2f}m"
    if x < 0.94:
        return f"{v}厘米"
    v5 = int(round(h / 5.0) * 5)
    d = v5 - 100
    return (f"1米{d // 10}" if d % 10 == 0 else f"1米{d}") if v5 >= 100 else f"{v}cm"


def fmt_age(e, R):
    """Staff age estimate as written; e is the (already misjudged) estimate in years."""
    x = R.random()
    if e < 14:
        if x < 0.30:
            return f"约{e}岁"
        if x < 0.50:
            return f"{e}岁左右"
        if x < 0.65:
            return str(e)
        if x < 0.80:
            return f"{max(e - 1, 1)}-{e + 1}岁"
        if x < 0.86:
            return "幼儿" if e < 5 else "儿童"
        if x < 0.96:
            return f"{cn_num(e)}岁左右"
        return ""
    d = e // 10 * 10
    if x < 0.22:
        return f"约{e}岁"
    if x < 0.36:
        return str(e)
    if x < 0.48:
        return f"{d}多岁"
    if x < 0.58:
        a = int(round((e - R.randint(3, 6)) / 5.0) * 5)
        return f"{a}-{a + 10}"
    if x < 0.62:
        a = int(round((e - R.randint(2, 4)) / 5.0) * 5)
        return f"{a}~{a + 5}岁"
    if x < 0.67:
        return f"{cn_num(int(round(e / 10.0)) * 10)}来岁"
    if x < 0.73:
        return f"{cn_num(d)}多岁"
    if x < 0.81:
        return f"{e}岁左右"
    if x < 0.84:
        return f"{e}岁上下"
    if x < 0.89:
        return "老年" if e >= 58 else ("中年" if e >= 38 else ("青年" if e >= 18 else "少年"))
    if x < 0.94:
        return f"约{e}"
    if x < 0.97:
        return f"{e}岁"
    return R.choice(["", "不详"])


# ---------------- features ----------------
LOC_ALT = {"左脸": ["左脸", "左脸颊", "左侧面部", "左面颊"], "右脸": ["右脸", "右脸颊", "右侧面部", "右面颊"],
           "额头": ["额头", "前额", "额部"], "下巴": ["下巴", "下颌", "下颚"], "脖子": ["脖子", "颈部", "脖颈"],
           "背部": ["背部", "后背", "背上"], "胸口": ["胸口", "胸前", "胸部"], "腹部": ["腹部", "肚子上", "肚皮"],
           "左手臂": ["左手臂", "左臂", "左胳膊"], "右手臂": ["右手臂", "右臂", "右胳膊"], "头顶": ["头顶", "头顶部"],
           "后脑": ["后脑", "后脑勺", "枕部"], "左臂": ["左臂", "左手臂", "左上臂"], "右臂": ["右臂", "右手臂", "右上臂"],
           "后腰": ["后腰", "腰部", "腰上"], "嘴角": ["嘴角", "嘴边", "口角"], "眉心": ["眉心", "两眉之间"]}


def _loc(l, R):
    alt = LOC_ALT.get(l)
    return R.choice(alt) if alt else l


def render_mark(mk, who, R):
    k, side, a, b = mk
    rep = who == "r"
    if k == "mole":
        l = _loc(a, R)
        return R.choice([f"{l}有颗痣", f"{l}有一颗黑痣", f"{l}有痣", f"{l}长了颗痣", f"{l}有颗大黑痣"] if rep else
                        [f"{l}黑痣", f"{l}有一黑痣", f"{l}有痣一颗", f"{l}可见黑痣", f"{l}有痣"])
    if k == "scar":
        l = _loc(a, R)
        return R.choice([f"{l}有疤", f"{l}有一道疤", f"{l}有伤疤", f"{l}有块疤", f"{l}小时候摔伤留疤"] if rep else
                        [f"{l}有疤痕", f"{l}见陈旧性疤痕", f"{l}有约{b}cm疤痕", f"{l}留有疤痕一处", f"{l}疤痕"])
    if k == "birthmark":
        l = _loc(a, R)
        return R.choice([f"{l}有{b}色胎记", f"{l}有块胎记", f"{l}有胎记", f"{l}有块{b}记"] if rep else
                        [f"{l}有{b}色斑块", f"{l}胎记", f"{l}可见{b}色胎记", f"{l}有{b}色印记"])
    if k == "tattoo":
        l = _loc(a, R)
        return R.choice([f"{l}纹了{b}", f"{l}有{b}纹身", f"{l}刺有{b}", f"{l}有纹身"] if rep else
                        [f"{l}纹身（{b}）", f"{l}有纹身", f"{l}刺青:{b}", f"{l}有{b}图案纹身", f"{l}纹身"])
    if k == "finger":
        f0, f1 = FINGERS[a]
        return R.choice([f"{side}手缺{f0}", f"{side}手{f0}缺失", f"{side}手少了{f1}", f"{side}手{f1}断了一截",
                         f"{side}手{f0}残疾"] if rep else
                        [f"{side}手{f1}残缺", f"{side}手{f0}缺一节", f"{side}手{f0}缺失", f"{side}手断指（{f0}）",
                         f"{side}手{f1}短一截"])
    if k == "six":
        return R.choice([f"{side}手六指", f"{side}手有六个手指", f"{side}手多一根手指"] if rep else
                        [f"{side}手六指", f"{side}手多指畸形", f"{side}手多一指"])
    if k == "lame":
        return R.choice([f"{side}腿瘸", "走路跛", f"{side}脚有残疾", "腿脚不方便", "跛脚"] if rep else
                        ["跛行", f"{side}下肢残疾", "走路一瘸一拐", "行走不便", "跛脚"])
    if k == "blind":
        return R.choice([f"{side}眼失明", f"{side}眼看不见", "一只眼睛看不见", f"{side}眼瞎"] if rep else
                        [f"{side}眼失明", "独眼", f"{side}眼视力障碍", f"{side}眼球浑浊"])
    if k == "teeth":
        return R.choice(["缺门牙", "门牙掉了", "上门牙缺两颗", "牙齿不全"] if rep else
                        ["门牙缺失", "缺门牙", "牙齿缺损", "上排门牙缺失"])
    if k == "goldtooth":
        return R.choice(["镶金牙", "有颗金牙", "镶了一颗金牙"] if rep else ["镶有金牙", "金牙一颗", "镶金牙"])
    if k == "harelip":
        return R.choice(["兔唇", "豁嘴", "唇裂"] if rep else ["唇裂", "唇腭裂术后疤痕", "兔唇"])
    if k == "hunch":
        return R.choice(["驼背", "背有点驼"] if rep else ["驼背", "驼背明显"])
    if k == "squint":
        return R.choice(["斜视", "斗鸡眼", "眼睛有点斜"] if rep else ["斜视", "眼睛斜视", "对眼"])
    if k == "burn":
        l = _loc(a, R)
        return R.choice([f"{l}小时候烫伤过", f"{l}有烧伤疤", f"{l}有烫伤"] if rep else
                        [f"{l}有烧伤疤痕", f"{l}烫伤痕迹", f"{l}陈旧性烧伤"])
    if k == "bald":
        return R.choice(["秃顶", "头顶秃"] if rep else ["秃顶", "头发稀少"])
    return ""


COND_R = {"dementia": ["老年痴呆", "患有老年痴呆症", "阿尔茨海默症", "记性不好", "有点糊涂", "脑萎缩"],
          "mental": ["精神分裂症", "有精神病", "精神不正常", "精神有问题", "患精神病多年", "抑郁症", "精神病史"],
          "intellectual": ["智力残疾", "智力低下", "智障", "脑子不太灵光", "智力有问题", "反应慢", "弱智"],
          "deaf_mute": ["聋哑", "聋哑人", "不会说话", "哑巴", "听不见也不会说话"],
          "epilepsy": ["癫痫", "羊癫疯", "有癫痫病"]}
COND_I = {"dementia": ["疑似老年痴呆", "认知障碍", "记忆力差", "答非所问", "神志不清", "反应迟缓"],
          "mental": ["精神异常", "疑似精神障碍", "精神障碍", "言语混乱", "自言自语", "精神状态不佳", "情绪不稳定"],
          "intellectual": ["智力障碍", "疑似智力残疾", "反应迟钝", "智力低下", "智障", "表达不清"],
          "deaf_mute": ["聋哑", "疑似聋哑", "不能言语", "听力语言障碍", "聋哑，会写简单汉字", "用手比划交流"],
          "epilepsy": ["有癫痫史", "癫痫发作"]}
COLORS = "蓝 黑 灰 红 白 绿 黄 紫 棕 军绿 藏青 迷彩 深蓝 咖啡".split()
TOPS = "外套 夹克 棉衣 T恤 衬衫 羽绒服 毛衣 卫衣 短袖 棉袄 西装 运动服".split()
BOTTOMS = "裤子 长裤 运动裤 牛仔裤 短裤 棉裤".split()
SHOES = "解放鞋 拖鞋 运动鞋 布鞋 皮鞋 凉鞋 胶鞋".split()
VISIBLE = {"mole", "finger", "six", "lame", "blind", "teeth", "goldtooth", "harelip", "hunch", "squint", "bald"}


def clothes(R, sex):
    c1, c2 = R.choice(COLORS), R.choice(COLORS)
    top, bot = R.choice(TOPS), R.choice(BOTTOMS + (["裙子", "长裙"] if sex else []))
    x = R.random()
    if x < 0.35:
        return f"上穿{c1}色{top}，下穿{c2}色{bot}"
    if x < 0.55:
        return f"身穿{c1}色{top}"
    if x < 0.8:
        return f"穿{c1}色{top}、{c2}色{bot}、{R.choice(SHOES)}"
    return f"着{c1}{top}{c2}{bot}"


def features_report(P, i, R):
    out = []
    for mk in P.marks[i]:
        if R.random() < 0.78:
            out.append(render_mark(mk, "r", R))
    prof = PROFILES[P.prof[i]]
    if prof in COND_R and R.random() < 0.8:
        out.append(R.choice(COND_R[prof]))
    if P.epilepsy[i] and R.random() < 0.7:
        out.append(R.choice(COND_R["epilepsy"]))
    x = R.random()
    if x < 0.25:
        out.append("走失时" + clothes(R, P.sex[i]))
    if R.random() < 0.2:
        out.append(R.choice(["国字脸", "圆脸", "瓜子脸", "长脸", "短发", "光头", "头发花白" if P.age_miss[i] > 50 else "黑发",
                             "偏瘦", "偏胖", "中等身材", "戴眼镜", "皮肤黑", "单眼皮", "双眼皮", "大眼睛"]))
    R.shuffle(out)
    if not out:
        return ""
    return R.choice(["，", "；", "、", " ", ",", "。"]).join(out)


def features_intake(P, i, R, age_found, rough):
    out = []
    for mk in P.marks[i]:
        p = 0.75 if mk[0] in VISIBLE or (mk[0] in ("scar", "burn", "tattoo", "birthmark") and ("脸" in str(mk[2]) or "手" in str(mk[2]) or "额" in str(mk[2]))) else 0.4
        if R.random() < p:
            if R.random() < 0.05 and mk[1] in "左右":       # left/right mixed up
                mk = (mk[0], "右" if mk[1] == "左" else "左", mk[2].replace("左", "#").replace("右", "左").replace("#", "右") if isinstance(mk[2], str) else mk[2], mk[3])
            out.append(render_mark(mk, "i", R))
    if R.random() < 0.05:      # a new scar acquired while living rough
        out.append(render_mark(("scar", "左", R.choice(SCAR_LOC), str(R.randint(2, 6))), "i", R))
    prof = PROFILES[P.prof[i]]
    pn = {"mental": 0.7, "intellectual": 0.65, "deaf_mute": 0.9, "dementia": 0.6}.get(prof, 0)
    if R.random() < pn:
        out.append(R.choice(COND_I[prof]))
    if P.epilepsy[i] and R.random() < 0.4:
        out.append(R.choice(COND_I["epilepsy"]))
    if R.random() < 0.55:
        out.append(clothes(R, P.sex[i]))
    st = []
    if rough:
        st += ["衣着破旧", "衣衫褴褛", "身体消瘦", "蓬头垢面", "营养不良", "身上有异味", "长发凌乱", "皮肤黝黑"]
        if P.sex[i] == 0 and age_found > 18:
            st.append("胡须较长")
    st += ["神志清醒", "能简单交流", "无法正常交流", "身体虚弱", "精神尚可",
           "体型偏胖" if P.adult_h[i] * 7 % 3 < 1 else "体型偏瘦"]
    if age_found > 55:
        st += ["头发花白", "行动迟缓"]
    k = R.choice([0, 1, 1, 2])
    for s in R.sample(st, min(k, len(st))):
        out.append(s)
    R.shuffle(out)
    if not out:
        return ""
    return R.choice(["，", "；", "，", "。", "、"]).join(out)


# ---------------- phones ----------------
PHONE_PRE = ("130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 176 177 "
             "178 180 181 182 183 185 186 187 188 189 198 199 147 173 175 191").split()
REL_OLD = ["儿子", "女儿", "儿媳", "孙子", "女婿", "侄子", "外孙"]
REL_ADULT = ["父亲", "母亲", "妻子", "丈夫", "哥哥", "姐姐", "弟弟", "妹妹", "儿子", "女儿"]
REL_CHILD = ["父亲", "母亲", "爸爸", "妈妈", "爷爷", "奶奶"]


def phone(R):
    return R.choice(PHONE_PRE) + f"{R.randrange(100000000):08d}"


def fmt_phone(R, age, sur):
    x = R.random()
    if x < 0.05:
        return ""
    p = phone(R)
    y = R.random()
    if y < 0.08:
        p = f"{p[:3]} {p[3:7]} {p[7:]}"
    elif y < 0.12:
        p = f"{p[:3]}-{p[3:7]}-{p[7:]}"
    elif y < 0.15:
        p = "+86 " + p
    rel = R.choice(REL_OLD if age >= 60 else (REL_CHILD if age < 16 else REL_ADULT))
    z = R.random()
    if z < 0.45:
        return p
    if z < 0.7:
        return f"{p}（{rel}）"
    if z < 0.78:
        return f"{p} {rel}"
    if z < 0.86 and sur:
        return f"{sur}{R.choice(['先生', '女士'])} {p}"
    if z < 0.93:
        return f"{p}/{phone(R)}"
    if z < 0.97:
        return f"{rel}：{p}"
    return f"{p},{phone(R)}（{rel}）"


# ---------------- names as heard / written ----------------
_HOMO_CACHE = {}


def homophone_char(c, R, surname=False, syl=None, tone=None):
    """A different character with the same syllable (or with `syl` if given)."""
    if syl is None:
        r = reading(c)
        if not r:
            return None
        syl, tone = r
    key = (c, syl, tone, surname)
    wp = _HOMO_CACHE.get(key)
    if wp is None:
        cands = []
        for rank, (x, t) in enumerate(SYL_CHARS.get(syl, [])):
            if x == c:
                continue
            w = (3.0 if t == tone else 1.0) / (rank + 1) ** 0.7
            if surname and x not in SUR_SET:
                continue
            cands.append((x, w))
        wp = WPick(cands) if cands else False
        _HOMO_CACHE[key] = wp
    if not wp:
        return None
    return wp(R.random)


def true_name(P, i):
    if i in P.parts:
        k, parts = P.parts[i]
        return ("·" if k == 1 else "").join(parts)
    return P.sur[i] + P.given[i]


def minority_render(parts, kind, R, variant=False):
    ps = [MINORITY_VARIANT.get(p, p) if (variant and R.random() < 0.7) else p for p in parts]
    if variant and ps == parts:
        for j, p in enumerate(parts):
            if p in MINORITY_VARIANT:
                ps[j] = MINORITY_VARIANT[p]
                break
    if kind == 1:
        sep = R.choice(["·", "·", "•", ".", "・", ""])
        return sep.join(ps)
    return "".join(ps)


def syllables(text, surname_len, R, misread=False):
    out = []
    for j, c in enumerate(text):
        r = None
        if j < surname_len and misread and c in SURNAME_MISREAD:
            r = SURNAME_MISREAD[c]
        if r is None:
            r = reading(c)
        if r is None:
            return None
        out.append(r)
    return out


def render_pinyin(sur_syl, giv_syl, R):
    x = R.random()
    uv = R.choice(["v", "v", "u", "ü", "yu"])

    def plain(s):
        return s.replace("v", uv) if "v" in s else s

    def join_given(ss, apos=True):
        o = ""
        for k, s in enumerate(ss):
            if k and s[0] in "aeo" and apos:
                o += "'"
            o += s
        return o
    s_plain = [plain(s) for s, _ in sur_syl]
    g_plain = [plain(s) for s, _ in giv_syl]
    S = "".join(s_plain)
    G = join_given(g_plain, R.random() < 0.5)
    if x < 0.34:
        return f"{S.capitalize()} {G.capitalize()}", "cap"
    if x < 0.44:
        return f"{S.upper()} {G.upper()}", "upper"
    if x < 0.56:
        return f"{S}{G}".lower().replace("'", ""), "joined"
    if x < 0.68:
        return " ".join(s_plain + g_plain).lower(), "spaced"
    if x < 0.74:
        return " ".join(w.capitalize() for w in s_plain + g_plain), "spaced_cap"
    if x < 0.79:
        sm = "".join(tone_mark(s, t) for s, t in sur_syl)
        gm = "".join(tone_mark(s, t) for s, t in giv_syl)
        return f"{sm.capitalize()} {gm.capitalize()}", "tonemarks"
    if x < 0.82:
        return " ".join(f"{s}{t}" for s, t in sur_syl + giv_syl), "tonenum"
    if x < 0.89:
        return f"{G.capitalize()} {S.capitalize()}", "western"
    if x < 0.94:
        return f"{S.capitalize()}{G.capitalize()}", "camel"
    return f"{S.capitalize()} {G.lower()}", "cap1"


NONE_NAMES = WPick([("", .30), ("不详", .15), ("无", .10), ("无名氏", .12), ("未知", .05), ("无法表述", .06),
                    ("不知道", .04), ("无名", .03), ("@sex", .04), ("不能表述", .02), ("自述不清", .02), ("待查", .02),
                    ("-", .02), ("/", .01), ("@station", .03), ("@num", .02)])


def none_name(P, i, R, found_year):
    v = NONE_NAMES(R.random)
    if v == "@sex":
        return "无名男" if P.sex[i] == 0 else "无名女", "none:无名男女"
    if v == "@station":      # some stations give long-stay residents a registration name
        g = R.choice(["爱民", "新生", "国安", "民安", "福生", "安康", "平安", "自强", "和谐", "社福"])
        return R.choice(["党", "国", "民", "社"]) + g, "none:station_assigned"
    if v == "@num":
        return f"无名氏{found_year}{R.randint(1, 300):03d}", "none:numbered"
    if v == "" or P.prof[i] != 4 or R.random() > 0.3:
        return v, "none:" + (v or "empty")
    return "哑巴", "none:哑巴"


def nickname(P, i, R, age):
    sur, giv = P.sur[i], P.given[i]
    male = P.sex[i] == 0
    prov = P.prov[i]
    grp = P.group_dialect[i]
    last, first = giv[-1], giv[0]
    o = int(P.order[i])
    opts = []
    if P.fam_nick[i]:
        opts.append((P.fam_nick[i], "family", 1.6 if age < 16 else 1.0))
    south = prov in ("44", "45", "35", "46", "33", "31", "36", "43")
    opts += [("阿" + last, "a_x", 1.4 if south else 0.35), ("小" + last, "xiao_x", 1.0),
             ("小" + sur, "xiao_sur", 0.5 if age < 40 else 0.1),
             (last + "仔", "x_zai", 0.9 if grp in ("yue", "hakka", "chaoshan") else 0.04),
             ("老" + sur, "lao_sur", 1.0 if (male and age >= 35) else 0.12),
             (ORDINAL_CN[o] + "娃", "n_wa", 0.9 if (grp in ("xinan", "zhongyuan", "xibei", "jin") and o >= 2 and male) else 0.05),
             (sur + "老" + ORDINAL_CN[o], "sur_lao_n", 0.5 if (age >= 25 and o >= 2) else 0.02),
             (last + last, "redup", 0.8 if (not male or age < 16) else 0.08),
             ("阿" + first, "a_first", 0.2 if south else 0.05), ("大" + last, "da_x", 0.15)]
    if len(giv) == 1:
        opts.append(("小" + giv, "xiao_x", 0.5))
    w = WPick([((a, b), c) for a, b, c in opts])
    name, kind = w(R.random)
    return name, "nickname:" + kind


def intake_name(P, i, cat, R, age, found_year):
    """Name written on the intake form. Returns (text, category, detail)."""
    if cat == "none":
        t, d = none_name(P, i, R, found_year)
        return t, "none", d
    if i in P.parts:                       # minority names: fewer ways to go wrong
        kind, parts = P.parts[i]
        if cat in ("homophone", "dialect") and any(p in MINORITY_VARIANT for p in parts):
            return minority_render(parts, kind, R, variant=True), "homophone", "homophone:transliteration"
        if cat == "pinyin":
            ss = syllables("".join(parts), 0, R)
            if ss:
                k = len(parts[0])
                txt, st = render_pinyin(ss[:k], ss[k:], R)
                return txt, "pinyin", "pinyin:" + st
        if cat == "given_only":
            return parts[0], "given_only", "given_only:first_part"
        if cat == "nickname" and R.random() < 0.5:
            return parts[0], "given_only", "given_only:first_part"
        return minority_render(parts, kind, R), "full_exact", "full_exact:minority"
    sur, giv = P.sur[i], P.given[i]
    full = sur + giv
    ns = len(sur)
    if cat == "full_exact":
        x = R.random()
        if x < 0.04:
            return full + "（自述）", cat, "full_exact:annotated"
        if x < 0.06:
            return full + "(自称)", cat, "full_exact:annotated"
        return full, cat, "full_exact"
    if cat == "given_only":
        if len(giv) >= 2 or R.random() < 0.3:
            return giv, cat, "given_only"
        cat = "nickname"
    if cat == "nickname":
        t, d = nickname(P, i, R, age)
        return t, "nickname", d
    if cat == "dialect":
        rules = GROUP_RULES.get(P.group_dialect[i], [])
        opts = []
        for j, c in enumerate(full):
            r = reading(c)
            if not r:
                continue
            for rule in rules:
                for tgt in dialect_targets(r[0], rule):
                    opts.append((j, rule, tgt, r[1]))
        if opts:
            # surname position is most telling; prefer it a bit
            j, rule, tgt, tone = R.choice(opts)
            nc = homophone_char(full[j], R, surname=j < ns, syl=tgt, tone=tone)
            if nc:
                txt = full[:j] + nc + full[j + 1:]
                det = f"dialect:{rule}({full[j]}>{nc})"
                if R.random() < 0.1:
                    txt += "（音）"
                return txt, "dialect", det
        cat = "homophone"
    if cat == "pinyin":
        misread = any(c in SURNAME_MISREAD for c in sur) and R.random() < 0.3
        ss = syllables(full, ns, R, misread)
        if ss:
            det = "pinyin"
            if misread:
                det += ":misread"
            rules = GROUP_RULES.get(P.group_dialect[i], [])
            if rules and R.random() < 0.15:
                j = R.randrange(len(ss))
                tg = []
                for rule in rules:
                    tg += dialect_targets(ss[j][0], rule)
                if tg:
                    ss[j] = (R.choice(tg), ss[j][1])
                    det += ":dialect"
            txt, st = render_pinyin(ss[:ns], ss[ns:], R)
            return txt, "pinyin", det + ":" + st
        cat = "homophone"
    # homophone
    positions = list(range(len(full)))
    R.shuffle(positions)
    if R.random() < 0.35 and ns:
        positions.remove(0)
        positions.insert(0, 0)
    nsub = 2 if R.random() < 0.2 else 1
    chars = list(full)
    det = []
    for j in positions:
        if len(det) >= nsub:
            break
        nc = homophone_char(full[j], R, surname=j < ns)
        if nc:
            chars[j] = nc
            det.append(f"{full[j]}>{nc}")
    if not det:
        return full, "full_exact", "full_exact:no_homophone"
    txt = "".join(chars)
    if R.random() < 0.12:
        txt += "（音）"
    return txt, "homophone", "homophone:" + ",".join(det)


CAT_W = {  # full_exact homophone dialect pinyin given_only nickname none
    "dementia": [.36, .16, .12, .05, .06, .06, .19],
    "elderly": [.40, .16, .12, .05, .05, .06, .16],
    "mental": [.33, .14, .10, .07, .08, .10, .18],
    "intellectual": [.27, .12, .09, .05, .09, .16, .22],
    "deaf_mute": [.17, .05, .00, .08, .08, .07, .55],
    "child": [.25, .11, .04, .04, .12, .25, .19],
    "ordinary": [.48, .15, .11, .08, .05, .04, .09],
}
CAT_PICK = {k: WPick(list(zip(CATEGORIES, v))) for k, v in CAT_W.items()}


# ---------------- places as written ----------------
def home_parts(places, P, i):
    c = places.counties[P.county[i]]
    towns = places.towns(P.county[i])
    ti = int(P.town[i] % len(towns))
    vills = places.villages(P.county[i], ti)
    vn, terr = vills[int(P.vill[i] % len(vills))]
    return c, towns[ti], vn, terr


def group_text(g, R):
    x = R.random()
    if x < 0.5:
        return f"{g}组"
    if x < 0.75:
        return f"{cn_num(g)}组"
    if x < 0.9:
        return f"第{cn_num(g)}村民小组"
    return f"{g}队"


HOME_STYLE = WPick([("full", .22), ("ppct", .12), ("pctv", .07), ("ps_cs", .08), ("pref_cty", .08), ("cty", .06),
                    ("ctv", .10), ("ppc", .10), ("old", .04), ("empty", .04), ("pp", .02), ("short4", .05),
                    ("pcs", .02)])


def hometown_text(places, P, i, R):
    c, town, vill, _ = home_parts(places, P, i)
    prov = places.prov_name[c["prov"]]
    ps = PROV_SHORT[c["prov"]]
    mun = c["prov"] in MUNICIPAL
    pref = "" if (mun or not c["pref"]) else c["pref"]
    prefs_ = "" if (mun or not c["pref"]) else c["pref_short"]
    cty, cs = c["name"], c["short"]
    g = P.group[i]
    grp = group_text(g, R) if g else ""
    st = HOME_STYLE(R.random)
    if st == "old" and not (c["old_pref"] or c["old"]):
        st = "ppc"
    if st == "full":
        parts = [prov, pref, cty, town, vill, grp if R.random() < 0.6 else ""]
    elif st == "ppct":
        parts = [prov, pref, cty, town]
    elif st == "pctv":
        parts = [prov, cty, town, vill]
    elif st == "ps_cs":
        parts = [ps, cs]
    elif st == "pref_cty":
        parts = [pref, cty]
    elif st == "cty":
        parts = [cty]
    elif st == "ctv":
        parts = [cty, town, vill, grp if R.random() < 0.4 else ""]
    elif st == "ppc":
        parts = [prov, pref, cty]
    elif st == "old":
        if c["old_pref"] and (not c["old"] or R.random() < 0.6):
            parts = [prov, R.choice(c["old_pref"]), cty, town if R.random() < 0.5 else ""]
        else:
            parts = [prov, pref, R.choice(c["old"]), town]
    elif st == "pp":
        parts = [prov, pref or cty]
    elif st == "short4":
        parts = [ps, prefs_, cty, town]
    elif st == "pcs":
        parts = [prov, cty]
    else:
        return ""
    parts = [p for p in parts if p]
    if R.random() < 0.08:
        return " ".join(parts)
    return "".join(parts)


def true_home(places, P, i):
    c, town, vill, _ = home_parts(places, P, i)
    prov = places.prov_name[c["prov"]]
    pref = "" if (c["prov"] in MUNICIPAL or not c["pref"]) else c["pref"]
    return f"{prov}{pref}{c['name']}{town}{vill}"


LANDMARKS = ["火车站", "火车站广场", "汽车站", "汽车客运站", "人民医院门口", "天桥下", "桥洞下", "公园", "菜市场",
             "高速服务区", "工业园", "商业街", "地下通道", "江边", "广场", "建筑工地旁", "加油站", "国道旁", "超市门口",
             "公交站台", "高铁站", "城中村", "农贸市场", "立交桥下"]
ROADS = ["人民路", "解放路", "中山路", "建设路", "胜利路", "新华路", "和平路", "文化路", "长江路", "黄河路", "迎宾大道",
         "滨江路", "环城路", "东风路", "五一路", "八一路", "朝阳路", "光明街", "幸福路", "青年路", "工业大道", "车站路"]


def found_place_text(places, pref_i, county_i, R, home_local=False, town=None):
    d = places.prefs[pref_i]
    prov = places.prov_name[d["prov"]]
    city = d["name"]
    mun = d["prov"] in MUNICIPAL
    dist = places.counties[county_i]["name"] if county_i is not None and county_i >= 0 else ""
    x = R.random()
    if home_local and dist:
        if x < 0.3 and town:
            return f"{dist}{town}"
        if x < 0.5:
            return f"{dist}救助管理站"
        if x < 0.7:
            return f"{dist}{R.choice(LANDMARKS)}"
        if x < 0.85:
            return f"{city}{dist}{town or ''}"
        return f"{prov}{'' if mun else city}{dist}"
    if x < 0.15:
        return f"{city}救助管理站"
    if x < 0.27 and dist:
        return f"{prov}{'' if mun else city}{dist}"
    if x < 0.49 and dist:
        return f"{city}{dist}{R.choice(LANDMARKS)}"
    if x < 0.62:
        return f"{city}{R.choice(LANDMARKS)}"
    if x < 0.70 and dist:
        return f"{dist}{R.choice(ROADS)}{R.choice(LANDMARKS)}"
    if x < 0.78:
        return city
    if x < 0.84 and dist:
        return f"在{city}{dist}{R.choice(LANDMARKS)}被{R.choice(['民警', '巡查人员', '群众', '城管', '环卫工人'])}发现"
    if x < 0.92 and dist:
        return f"{city}{dist}{R.choice(ROADS)}"
    return f"{d['short']}{R.choice(LANDMARKS)}"


def missing_place_text(places, P, i, R, miss_kind, miss_pref):
    c, town, vill, _ = home_parts(places, P, i)
    x = R.random()
    if miss_kind == 0:
        if x < 0.08:
            return R.choice(["不详", ""])
        opts = [f"{c['name']}{town}", f"{town}集市", f"在{town}赶集时走失", "家中", "从家里走失",
                f"{vill}附近", f"{c['short']}县城" if c["name"].endswith("县") else f"{c['name']}城区",
                f"{c['name']}人民医院附近", "家附近", f"{c['pref_short'] or PROV_SHORT[c['prov']]}{c['short']}",
                f"{town}{vill}", f"{PROV_SHORT[c['prov']]}{c['name']}{town}"]
        return R.choice(opts)
    if miss_kind == 1:
        d = places.prefs[miss_pref]
        dist = places.counties[R.choice(d["counties"])]["name"] if d["counties"] else ""
        opts = [f"{d['name']}{dist}", f"在{d['short']}打工时失联", f"{d['short']}火车站",
                f"{places.prov_name[d['prov']]}{d['name']}", f"去{d['short']}务工途中走失", d["name"],
                f"{d['short']}{dist}一工地", f"{d['name']}（打工）"]
        return R.choice(opts)
    return R.choice(["不详", "", "外出后未归", "不清楚", "外出打工后失联", "离家出走", "不知道"])


# ---------------- dialect text ----------------
def dialect_report(places, P, i, R):
    if P.prof[i] == 4:
        return R.choice(["不会说话", "聋哑", "", ""])
    if i in P.parts:
        return R.choice(["维吾尔语", "会说一点汉语", ""] if P.parts[i][0] == 1 else ["藏语", "会一点汉语", ""])
    x = R.random()
    if x < 0.5:
        return ""
    c = places.counties[P.county[i]]
    ps = PROV_SHORT[c["prov"]]
    opts = [(f"{ps}话", .2), (f"{c['short']}话", .12), (f"{c['pref_short'] or ps}话", .08), ("普通话", .06),
            ("会说普通话", .04), ("只会说方言", .04), (R.choice(GROUP_NAMES[P.group_dialect[i]]), .04),
            (f"{ps}口音", .04), (f"说{c['short']}方言", .03)]
    return WPick(opts)(R.random)


VAGUE = {"xiang": "南方口音", "gan": "南方口音", "hakka": "南方口音", "minnan": "南方口音", "chaoshan": "南方口音",
         "mindong": "南方口音", "hainan": "南方口音", "yue": "南方口音", "wu": "南方口音", "wenzhou": "南方口音",
         "jianghuai": "南方口音", "xinan": "西南口音", "guiliu": "西南口音", "zhuang": "南方口音",
         "zhongyuan": "北方口音", "jilu": "北方口音", "dongbei": "东北口音", "jin": "北方口音", "xibei": "西北口音",
         "beijing": "北方口音", "uyghur": "少数民族语言", "tibetan": "少数民族语言"}


def dialect_intake(places, P, i, R, age):
    if P.prof[i] == 4:
        return R.choice(["不说话", "聋哑，无法判断", "", "无法交流"])
    if i in P.parts:
        return R.choice(["维吾尔语", "说维语", "少数民族语言", "听不懂", "新疆口音"] if P.parts[i][0] == 1 else
                        ["藏语", "少数民族语言", "听不懂", "疑似藏族"])
    x = R.random()
    if x < 0.28:
        return ""
    c = places.counties[P.county[i]]
    p = c["prov"]
    grp = P.group_dialect[i]
    if x < 0.36:       # wrong
        q = R.choice(NEIGHBOR[p].split())
        return R.choice([f"{PROV_SHORT[q]}口音", f"说{PROV_SHORT[q]}话", f"疑似{PROV_SHORT[q]}口音"])
    if x < 0.47:
        return R.choice([VAGUE[grp], "听不懂的方言", "口音较重", "方言，听不懂", VAGUE[grp]])
    ps = PROV_SHORT[p]
    opts = [(f"{ps}口音", .30), (f"说{ps}话", .15), (R.choice(GROUP_NAMES[grp]), .15), (f"疑似{ps}口音", .08),
            (f"{c['pref_short'] or ps}口音", .05), ("普通话" if age < 50 else f"{ps}口音", .06), (f"{ps}方言", .06),
            (f"带{ps}口音的普通话", .05), (f"{PROV_ABBR[p]}语" if p in ("43", "44", "35", "36") else f"{ps}话", .03),
            (f"{ps}、{PROV_SHORT[R.choice(NEIGHBOR[p].split())]}一带口音", .04)]
    return WPick(opts)(R.random)


# ---------------- place hints ----------------
HINT_KIND = WPick([("county", .24), ("town", .13), ("village", .09), ("province", .14), ("prefecture", .10),
                   ("old_name", .05), ("terrain", .07), ("nearby_city", .05), ("wrong", .08),
                   ("homophone_place", .03), ("work", .02)])
NO_HINT = {"dementia": .45, "elderly": .4, "mental": .45, "intellectual": .55, "deaf_mute": .85, "child": .6,
           "ordinary": .2}


def place_hints(places, P, i, R, age, found_pref):
    prof = PROFILES[P.prof[i]]
    pn = NO_HINT[prof]
    if prof == "child" and age < 6:
        pn = 0.9
    if R.random() < pn:
        return "", []
    c, town, vill, terr = home_parts(places, P, i)
    k = 1
    while k < 4 and R.random() < 0.45:
        k += 1
    hints, kinds = [], []
    tries = 0
    while len(hints) < k and tries < 12:
        tries += 1
        kind = HINT_KIND(R.random)
        if kind in kinds and kind in ("county", "province", "prefecture", "town", "village"):
            continue
        h = None
        if kind == "county":
            h = R.choice([c["short"], c["name"], c["name"], c["short"]])
            if c["old"] and P.byear[i] < 1970 and R.random() < 0.3:
                h, kind = R.choice(c["old"]), "old_name"
        elif kind == "town":
            h = town if R.random() < 0.5 else re.sub("(镇|乡|街道)$", "", town)
            if h == "城关":
                h = "城关镇"
        elif kind == "village":
            h = vill if R.random() < 0.6 else re.sub("村$", "", vill)
            if P.group[i] and R.random() < 0.3:
                h += group_text(P.group[i], R)
        elif kind == "province":
            h = R.choice([PROV_SHORT[c["prov"]], PROV_SHORT[c["prov"]], places.prov_name[c["prov"]]])
        elif kind == "prefecture":
            if not c["pref"] or c["prov"] in MUNICIPAL:
                continue
            h = R.choice([c["pref_short"], c["pref"]])
        elif kind == "old_name":
            if c["old_pref"]:
                o = R.choice(c["old_pref"])
                h = o if R.random() < 0.6 else short_name(o)
            elif c["old"]:
                h = R.choice(c["old"])
            else:
                continue
        elif kind == "terrain":
            h = terr
        elif kind == "nearby_city":
            cap = CAPITAL[c["prov"]]
            big = R.choice([cap, cap, c["pref_short"] or cap])
            h = R.choice([big, f"离{big}不远", f"坐车到{big}要半天", f"在{big}附近"])
        elif kind == "wrong":
            x = R.random()
            if x < 0.45:
                cc = places.counties[R.randrange(len(places.counties))]
                h = R.choice([cc["short"], cc["name"]])
            elif x < 0.7:
                d = places.prefs[R.randrange(len(places.prefs))]
                h = d["short"]
            else:
                pc = places.prefs[c["pref_i"]]["counties"] if c["pref_i"] >= 0 else []
                if len(pc) < 2:
                    continue
                cc = places.counties[R.choice(pc)]
                if cc is c:
                    continue
                h = cc["short"]
        elif kind == "homophone_place":
            base = c["short"]
            j = R.randrange(len(base))
            nc = homophone_char(base[j], R)
            if not nc:
                continue
            h = base[:j] + nc + base[j + 1:]
        elif kind == "work":
            d = places.prefs[found_pref] if R.random() < 0.5 else places.prefs[R.randrange(len(places.prefs))]
            h = R.choice([f"在{d['short']}打过工", f"去过{d['short']}", f"提到{d['short']}"])
        if not h or h in hints:
            continue
        if kind in ("county", "town", "village", "province", "prefecture", "old_name") and R.random() < 0.3:
            h = R.choice([f"自称{h}人", f"说家在{h}", f"提到{h}", f"家住{h}", f"{h}（自述）", f"说是{h}的", f"老家{h}"])
        hints.append(h)
        kinds.append(kind)
    sep = R.choice(["；", "；", ";", "，"])
    return sep.join(hints), kinds


# ---------------- dirty spreadsheet rows ----------------
S2T_PAIRS = ("刘劉 陈陳 张張 杨楊 黄黃 赵趙 吴吳 孙孫 马馬 郑鄭 罗羅 谢謝 韩韓 冯馮 邓鄧 许許 叶葉 苏蘇 吕呂 卢盧 "
             "钟鍾 谭譚 陆陸 贾賈 韦韋 邹鄒 龙龍 贺賀 顾顧 龚龔 钱錢 严嚴 汤湯 乔喬 赖賴 庞龐 聂聶 温溫 蒋蔣 万萬 "
             "区區 单單 国國 华華 军軍 伟偉 丽麗 兰蘭 红紅 凤鳳 东東 强強 荣榮 杰傑 宝寶 贵貴 云雲 发發 庆慶 兴興 "
             "宁寧 广廣 湾灣 县縣 镇鎮 乡鄉 组組 阳陽 门門 长長 桥橋 沟溝 庄莊 岭嶺 坝壩 场場 头頭 园園 涛濤 鹏鵬 "
             "辉輝 刚剛 飞飛 静靜 艳豔 晓曉 卫衛 学學 进進 胜勝 跃躍 爱愛 丰豐 书書 亚亞 义義 乐樂 汉漢 远遠 达達 "
             "财財 顺順 铁鐵 银銀 锋鋒 钢鋼 铭銘 锦錦 泽澤 轩軒 诗詩 语語 梦夢 莹瑩 颖穎 凯凱 闽閩 赣贛 粤粵 陕陝 "
             "辽遼 滨濱 岛島 灵靈 图圖 乌烏 鲁魯 齐齊 尔爾 闫閆 欧歐 纪紀 项項 饶饒 毕畢 邝鄺 麦麥 车車 丛叢 农農 "
             "盖蓋 诸諸 关關 贞貞 兰蘭 凤鳳 燕燕 丽麗 娇嬌 莲蓮 芦蘆 楼樓 湘湘 连連 纽紐 宾賓 鸿鴻 伦倫 萧蕭 "
             "赛賽 韵韻 虾蝦 枣棗 鹤鶴 满滿 岚嵐 荫蔭 纬緯 彦彥 帅帥 杨楊 琼瓊 鑫鑫")
S2T = {}
for _p in S2T_PAIRS.split():
    if _p[0] != _p[1]:
        S2T[_p[0]] = _p[1]
FW = {ord(c): ord(c) + 0xFEE0 for c in "0123456789"}


def to_trad(s):
    return "".join(S2T.get(c, c) for c in s)


def dirty(row, fields, R):
    """Apply one spreadsheet-style blemish to row (list) in place; returns a tag."""
    x = R.random()
    name_i = fields.index("name")
    if x < 0.3:
        new = to_trad(row[name_i])
        if new != row[name_i]:
            row[name_i] = new
            for f in ("hometown", "found_place", "place_hints", "missing_place"):
                if f in fields and R.random() < 0.6:
                    row[fields.index(f)] = to_trad(row[fields.index(f)])
            return "trad"
    if x < 0.55:
        nm = row[name_i]
        if len(nm) >= 2:
            y = R.random()
            if y < 0.35:
                row[name_i] = nm[0] + " " + nm[1:]
            elif y < 0.6:
                row[name_i] = " " + nm
            elif y < 0.8:
                row[name_i] = nm + "  "
            else:
                row[name_i] = nm[0] + "\u3000" + nm[1:]
            return "space"
    if x < 0.8:
        for f in ("contact_phone", "height_cm", "found_date", "missing_date", "birth_date"):
            if f in fields and row[fields.index(f)]:
                v = row[fields.index(f)]
                if any(ch.isdigit() for ch in v):
                    row[fields.index(f)] = v.translate(FW)
                    return "fullwidth:" + f
    j = R.choice([k for k, f in enumerate(fields) if f not in ("ref",) and row[k]] or [name_i])
    row[j] = " " + row[j] + (" " if R.random() < 0.5 else "")
    return "stray_space:" + fields[j]


# ---------------- alt names ----------------
def alt_names(P, i, R, era):
    toks = []
    if i in P.parts:
        kind, parts = P.parts[i]
        if R.random() < 0.4 and any(p in MINORITY_VARIANT for p in parts):
            toks.append(minority_render(parts, kind, R, variant=True))
        if kind == 1 and R.random() < 0.15:
            toks.append(parts[0])
    else:
        sur, giv = P.sur[i], P.given[i]
        fn = P.fam_nick[i]
        if fn and R.random() < 0.55:
            toks.append(R.choice([fn, fn, fn, f"小名{fn}", f"小名：{fn}", f"乳名{fn}"]))
        if R.random() < 0.05:
            lst = GIVEN_T[(int(era), "m" if P.sex[i] == 0 else "f")][0]
            g2 = R.choice(lst)
            if g2 != giv:
                toks.append(R.choice([sur + g2, f"曾用名{sur}{g2}", f"曾用名：{sur}{g2}"]))
        if R.random() < 0.03:
            j = R.randrange(len(giv))
            nc = homophone_char(giv[j], R)
            if nc:
                toks.append(sur + giv[:j] + nc + giv[j + 1:])
        if R.random() < 0.01:
            toks.append(R.choice(["老" + sur, "阿" + giv[-1]]))
    if not toks:
        return ""
    return R.choice(["；", ";", "、", "，", "，", "/"]).join(toks)


# --------------------------------------------------------------------------------------
# World
# --------------------------------------------------------------------------------------
GAP_MIX = {  # shares of: <30 days, 1-12 months, 1-5 years, 5-25 years
    "dementia": [.55, .27, .13, .05], "elderly": [.45, .30, .18, .07], "mental": [.22, .30, .31, .17],
    "intellectual": [.22, .30, .30, .18], "deaf_mute": [.18, .28, .32, .22], "child": [.30, .25, .25, .20],
    "ordinary": [.35, .33, .22, .10]}
MISS_KIND = {"dementia": [.82, .03, .15], "elderly": [.7, .12, .18], "mental": [.4, .3, .3],
             "intellectual": [.5, .22, .28], "deaf_mute": [.5, .22, .28], "child": [.85, .05, .10],
             "ordinary": [.15, .6, .25]}
_GAP_EDGES = [(0, 30), (30, 365), (365, 1826), (1826, 9131)]


def draw_gaps(prof, rng):
    n = len(prof)
    out = np.empty(n, dtype=np.int64)
    u = rng.random(n)
    for k, name in enumerate(PROFILES):
        idx = np.nonzero(prof == k)[0]
        if not len(idx):
            continue
        comp = rng.choice(4, size=len(idx), p=GAP_MIX[name])
        for c in range(4):
            j = idx[comp == c]
            a, b = _GAP_EDGES[c]
            if c == 0:
                out[j] = (u[j] * b).astype(np.int64)
            else:
                out[j] = np.exp(np.log(a) + u[j] * (np.log(b) - np.log(a))).astype(np.int64)
    return out


def _year_weighted_dates(n, rng, y0, y1, tau):
    years = np.arange(y0, y1 + 1)
    w = np.exp((years - y1) / tau)
    y = rng.choice(years, size=n, p=w / w.sum())
    base = np.array([dt.date(int(v), 1, 1).toordinal() for v in years])
    o = base[y - y0] + rng.integers(0, 365, n)
    return np.minimum(o, END_ORD)


def miss_setup(P, rng, places):
    n = P.n
    mk = np.empty(n, dtype=np.int8)
    for k, name in enumerate(PROFILES):
        idx = np.nonzero(P.prof == k)[0]
        if len(idx):
            mk[idx] = rng.choice(3, size=len(idx), p=MISS_KIND[name])
    P.miss_kind = mk
    P.miss_pref = rng.choice(len(places.prefs), size=n, p=places.dest_p)


def build(n_reports, n_intakes, seed, share, out_dir, verbose=True):
    t0 = time.time()
    rng = np.random.default_rng(seed)
    R = random.Random(seed * 1000003 + 17)
    places = Places()
    n_noreport = int(round(n_intakes * share))
    n_found = n_intakes - n_noreport
    if n_found > n_reports:
        raise SystemExit(f"need at least {n_found} reports for {n_intakes} intakes")

    # ---- people with a report ----
    RP = gen_people(n_reports, rng, R, places, REPORT_MIX)
    assign_dates_names(RP, rng, R, places, _year_weighted_dates(n_reports, rng, 1995, 2025, 7.0))
    miss_setup(RP, rng, places)
    found_idx = rng.choice(n_reports, size=n_found, replace=False) if n_found else np.zeros(0, np.int64)
    gaps_r = draw_gaps(RP.prof[found_idx], rng)
    room = END_ORD - RP.miss[found_idx]
    over = gaps_r > room
    gaps_r[over] = (rng.random(over.sum()) * (room[over] + 1)).astype(np.int64)
    # ---- people with no report ----
    IP = gen_people(n_noreport, rng, R, places, INTAKE_ONLY_MIX)
    found_i = _year_weighted_dates(n_noreport, rng, 2012, 2025, 6.0)
    gaps_i = draw_gaps(IP.prof, rng)
    assign_dates_names(IP, rng, R, places, found_i - gaps_i)
    miss_setup(IP, rng, places)
    if verbose:
        print(f"[blind_world2] people ready in {time.time() - t0:.1f}s", file=sys.stderr)

    os.makedirs(out_dir, exist_ok=True)
    pre_r, pre_i = f"CR{seed}-", f"CI{seed}-"
    wd = max(6, len(str(n_reports)))
    rref = [f"{pre_r}{k + 1:0{wd}d}" for k in range(n_reports)]

    # ---- reports ----
    era_r = era_of(RP.byear)
    with open(os.path.join(out_dir, "reports.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(REPORT_HEADER)
        rows = []
        rnd = R.random
        dirty_p = 0.004
        for i in range(n_reports):
            if i in RP.parts:
                kind, parts = RP.parts[i]
                name = minority_render(parts, kind, R)
            else:
                name = RP.sur[i] + RP.given[i]
            sexv = RP.sex[i]
            sex_s = ("男" if sexv == 0 else "女") if rnd() < 0.95 else ("男性" if sexv == 0 else "女性")
            bst = (BIRTH_STYLE_OLD if RP.byear[i] < 1950 else BIRTH_STYLE)(rnd)
            age_m = RP.age_miss[i]
            row = [rref[i], name, alt_names(RP, i, R, era_r[i]), sex_s,
                   fmt_date(RP.birth[i], bst) if bst else "",
                   hometown_text(places, RP, i, R),
                   fmt_date(RP.miss[i], MISS_STYLE(rnd)),
                   missing_place_text(places, RP, i, R, RP.miss_kind[i], RP.miss_pref[i]),
                   fmt_height_report(height_at(RP.adult_h[i], sexv, age_m) + R.gauss(0, 2.5), R)
                   if rnd() < 0.55 else "",
                   features_report(RP, i, R),
                   dialect_report(places, RP, i, R),
                   fmt_phone(R, age_m, RP.sur[i])]
            if rnd() < dirty_p:
                dirty(row, REPORT_HEADER, R)
            rows.append(row)
            if len(rows) >= 50000:
                w.writerows(rows)
                rows = []
        w.writerows(rows)
    if verbose:
        print(f"[blind_world2] reports written in {time.time() - t0:.1f}s", file=sys.stderr)

    # ---- intakes ----
    todo = [(RP, int(j), rref[int(j)], int(g)) for j, g in zip(found_idx, gaps_r)]
    todo += [(IP, k, "", int(gaps_i[k])) for k in range(n_noreport)]
    order = rng.permutation(len(todo))
    irows, lrows = [], []
    for pos, t in enumerate(order):
        P, i, rr, gap = todo[t]
        iref = f"{pre_i}{pos + 1:0{max(5, len(str(n_intakes)))}d}"
        found = int(P.miss[i]) + gap
        age = (found - int(P.birth[i])) / 365.2425
        true_age = int(age)
        prof = PROFILES[P.prof[i]]
        rough = gap > 120 and true_age >= 16
        # name
        cat = CAT_PICK[prof](R.random)
        if cat == "homophone" and GROUP_RULES.get(P.group_dialect[i]) and R.random() < 0.3:
            cat = "dialect"          # strong regional accents get misheard more often
        fyear = dt.date.fromordinal(found).year
        name, cat, detail = intake_name(P, i, cat, R, true_age, fyear)
        # sex
        sx = int(P.sex[i])
        wrong = R.random() < (0.05 if true_age >= 65 or true_age < 10 else 0.03)
        sx_w = 1 - sx if wrong else sx
        y = R.random()
        sex_s = ("男", "女")[sx_w] if y < 0.82 else (("男性", "女性")[sx_w] if y < 0.94 else
                                                    (("男（外观）", "女（外观）")[sx_w] if y < 0.985 else "不详"))
        # age estimate
        if true_age < 14:
            err = max(-3, min(3, round(R.gauss(0, 1.0))))
        elif true_age >= 60:
            err = max(-10, min(10, round(R.gauss(1, 4.5))))
        elif rough:
            err = max(-10, min(10, round(R.gauss(3, 5))))
        else:
            err = max(-10, min(10, round(R.gauss(0, 4))))
        est = max(1, true_age + err)
        age_s = fmt_age(est, R) if R.random() > 0.03 else ""
        # where found
        c = places.counties[P.county[i]]
        mk = P.miss_kind[i]
        x = R.random()
        local = False
        if mk == 0 and c["pref_i"] >= 0 and x < (0.75 if gap < 30 else 0.35):
            fp = c["pref_i"]
            fc = int(P.county[i]) if R.random() < 0.6 else R.choice(places.prefs[fp]["counties"])
            local = fc == P.county[i]
        elif mk == 1 and x < (0.7 if gap < 30 else 0.35):
            fp = int(P.miss_pref[i])
            fc = R.choice(places.prefs[fp]["counties"]) if places.prefs[fp]["counties"] else -1
        elif c["pref_i"] >= 0 and x < 0.15 and places.prefs[c["pref_i"]]["counties"]:
            fp = c["pref_i"]                      # drifted back towards home
            fc = R.choice(places.prefs[fp]["counties"])
        else:
            fp = min(bisect.bisect_right(_dest_cum(places), R.random()), len(places.prefs) - 1)
            fc = R.choice(places.prefs[fp]["counties"]) if places.prefs[fp]["counties"] else -1
        town = home_parts(places, P, i)[1] if local else None
        fplace = found_place_text(places, fp, fc, R, home_local=local, town=town)
        height = ""
        if R.random() < 0.62:
            height = fmt_height_intake(height_at(P.adult_h[i], sx, age) + max(-5, min(5, R.gauss(0, 2))), R)
        feats = features_intake(P, i, R, true_age, rough)
        dia = dialect_intake(places, P, i, R, true_age)
        hints, kinds = place_hints(places, P, i, R, true_age, fp)
        row = [iref, name, sex_s, age_s, fmt_date(found, FOUND_STYLE(R.random)), fplace, height, feats, dia, hints]
        if R.random() < 0.004:
            detail += ";dirty:" + dirty(row, INTAKE_HEADER, R)
        irows.append(row)
        lrows.append([iref, rr, cat, detail, true_name(P, i), true_age, est if age_s else "",
                      "|".join(kinds), true_home(places, P, i), gap, int(wrong)])
    with open(os.path.join(out_dir, "intakes.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(INTAKE_HEADER)
        w.writerows(irows)
    with open(os.path.join(out_dir, "labels.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(LABEL_HEADER)
        w.writerows(lrows)
    if verbose:
        print(f"[blind_world2] {n_reports} reports, {n_intakes} intakes ({n_noreport} without report) "
              f"in {time.time() - t0:.1f}s -> {out_dir}", file=sys.stderr)


_DEST_CACHE = {}


def _dest_cum(places):
    c = _DEST_CACHE.get(id(places))
    if c is None:
        c = np.cumsum(places.dest_p).tolist()
        _DEST_CACHE[id(places)] = c
    return c


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, required=True)
    ap.add_argument("--intakes", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--no-report-share", type=float, default=0.4)
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if not 0.0 <= a.no_report_share <= 1.0:
        ap.error("--no-report-share must be within [0, 1]")
    build(a.reports, a.intakes, a.seed, a.no_report_share, a.out, verbose=not a.quiet)


if __name__ == "__main__":
    main()


def generate(n_reports: int, n_intakes: int, seed: int, out: str, share_no_report: float = 0.4):
    """Same signature as bench.blind_world.generate, for scripts that take either world."""
    return build(n_reports, n_intakes, seed, share_no_report, out, verbose=False)
