"""Blind probe cases, written before reading any parser. Each case: (field, intake_value, report_dict, expected)
expected: "agree" (component should be positive), "disagree" (negative),
          "neutral" (should be ~0 / absent: no strong claim either way).
report_dict keys (generic, mapped by run.py): name, alt_names, hometown, birth,
missing_date, found_date (intake date), sex, height, features, id_number.
"""
CASES = []
def add(field, intake, report, expected, note=""):
    CASES.append((field, intake, dict(report), expected, note))

# ---------------------------------------------------------------- NAME
R = {"name": "刘伟"}
for s in ["刘伟", "劉偉", "刘 伟", "刘　伟", " 刘伟 ", "刘伟（音）", "刘伟(音)", "刘伟？", "姓名：刘伟",
          "留伟", "流伟", "刘威", "刘维", "柳伟", "牛伟", "刘为",
          "liu wei", "Liu Wei", "LIU WEI", "liuwei", "LiuWei", "Liú Wěi", "liu2 wei3", "Liu-Wei",
          "Wei Liu", "Wei LIU", "ｌｉｕ ｗｅｉ", "LIU Wei（音）", "niu wei", "刘伟伟",
          "自称刘伟", "自称姓刘，叫伟", "叫他小刘就行", "阿伟", "小伟", "伟仔", "老刘"]:
    add("name", s, R, "agree")
for s in ["王强", "张伟", "陈伟", "刘强", "刘芳", "zhang wei", "Wang Qiang", "李建国"]:
    add("name", s, R, "disagree")
for s in ["不详", "无", "未知", "？", "无名氏", "说不清", "姓名不详", "不会说", "拒绝透露", "-", "N/A"]:
    add("name", s, R, "neutral")
# dialect confusions (intake heard, report true)
for heard, true in [("王建国", "黄建国"), ("黄建国", "王建国"), ("付国华", "胡国华"), ("胡国华", "付国华"),
                    ("邹平", "周平"), ("周平", "邹平"), ("臧明", "张明"), ("岑芳", "陈芳"), ("程芳", "陈芳"),
                    ("司小红", "施小红"), ("林峰", "凌峰"), ("凌峰", "林峰"), ("金华", "京华"),
                    ("劳文", "饶文"), ("南秀英", "兰秀英"), ("兰秀英", "南秀英"), ("尹红", "任红"),
                    ("袁刚", "阮刚"), ("李娜", "李拉"), ("张三", "章三"), ("陈春花", "陈村花"),
                    ("Huang Jianguo", "王建国"), ("wang jianguo", "黄建国"), ("fu guohua", "胡国华"),
                    ("zou ping", "周平"), ("lin feng", "凌峰"), ("cen fang", "陈芳"), ("lan xiuying", "南秀英"),
                    ("李宏", "李洪"), ("刘红梅", "刘洪梅"), ("赵丽", "赵莉"), ("孙静", "孙晶"),
                    ("杨帆", "杨凡"), ("吴刚", "伍刚"), ("徐军", "许军"), ("许军", "徐军"), ("江涛", "姜涛")]:
    add("name", heard, {"name": true}, "agree", "dialect/homophone")
# multi-reading surnames
for heard, true in [("shan xuemei", "单雪梅"), ("Shan Xuemei", "单雪梅"), ("dan xuemei", "单雪梅"),
                    ("zeng zhiqiang", "曾志强"), ("Zeng Zhi Qiang", "曾志强"), ("ceng zhiqiang", "曾志强"),
                    ("ou jiaming", "区家明"), ("Au Ka Ming", "区家明"), ("qin li", "覃丽"), ("tan li", "覃丽"),
                    ("xie xiaodong", "解小东"), ("jie xiaodong", "解小东"), ("qiu ming", "仇明"),
                    ("piao chunhua", "朴春花"), ("zha wei", "查伟"), ("ge yong", "盖勇"), ("yue fei", "乐飞"),
                    ("le fei", "乐飞"), ("mou jun", "牟军"), ("miao jun", "缪军"), ("hua li", "华丽"),
                    ("Chan Tai Man", "陈大文"), ("Wong Ka Fai", "黄家辉"), ("Lee Siu Lung", "李小龙")]:
    add("name", heard, {"name": true}, "agree", "multi-reading/romanisation")
for heard in ["欧阳娜娜", "欧阳 娜娜", "ouyang nana", "Ouyang Na Na", "Ou Yang Nana", "OUYANG NANA", "歐陽娜娜", "娜娜", "Nana Ouyang"]:
    add("name", heard, {"name": "欧阳娜娜"}, "agree", "compound surname")
add("name", "阳娜娜", {"name": "欧阳娜娜"}, "neutral", "compound surname partial")
for heard, true in [("sima guangming", "司马光明"), ("司马光明", "司马光明"), ("zhuge liang", "诸葛亮"),
                    ("诸葛 亮", "诸葛亮"), ("Situ Jian", "司徒健"), ("上官婉", "上官婉"), ("shangguan wan", "上官婉"),
                    ("duanmu hong", "端木红"), ("Ximen Qing", "西门庆")]:
    add("name", heard, {"name": true}, "agree", "compound surname")
add("name", "马光明", {"name": "司马光明"}, "disagree", "compound surname dropped -> different surname")
# nicknames vs report with alt names
add("name", "二娃", {"name": "李建军", "alt_names": ["二娃"]}, "agree", "alt name")
add("name", "李二娃", {"name": "李建军", "alt_names": ["二娃"]}, "agree", "alt name")
add("name", "大军", {"name": "王大军"}, "agree", "given name only")
add("name", "刘老三", {"name": "刘德明", "alt_names": ["刘老三"]}, "agree", "alt name")
add("name", "老三", {"name": "刘德明", "alt_names": ["刘老三"]}, "agree", "alt name part")
add("name", "阿明", {"name": "陈明"}, "agree", "nickname")
add("name", "明仔", {"name": "陈明"}, "agree", "nickname")
add("name", "小明", {"name": "陈明"}, "agree", "nickname")
add("name", "阿明", {"name": "陈志明"}, "agree", "nickname")
add("name", "小红", {"name": "张红", "alt_names": ["张小红"]}, "agree", "nickname")
add("name", "狗蛋", {"name": "王富贵", "alt_names": ["狗蛋"]}, "agree", "alt name")
add("name", "王狗蛋", {"name": "王富贵", "alt_names": ["狗蛋"]}, "agree", "alt name")
add("name", "gou dan", {"name": "王富贵", "alt_names": ["狗蛋"]}, "agree", "alt name pinyin")
add("name", "自称姓王", {"name": "王强"}, "agree", "surname only note")
add("name", "姓王", {"name": "王强"}, "agree", "surname only")
add("name", "王某", {"name": "王强"}, "agree", "surname + 某")
add("name", "王某某", {"name": "王强"}, "agree", "surname + 某某")
add("name", "叫他小李就行", {"name": "李军"}, "agree", "xiao+surname")
add("name", "老李", {"name": "李军"}, "agree", "lao+surname")
add("name", "自称姓王", {"name": "李军"}, "disagree", "surname only mismatch")
add("name", "李军（曾用名李俊）", {"name": "李俊"}, "agree", "note w/ alias")
add("name", "李军/李俊", {"name": "李俊"}, "agree", "two heard")
add("name", "李军或李俊", {"name": "李俊"}, "agree", "two heard")
add("name", "李俊", {"name": "李军", "alt_names": ["李俊"]}, "agree", "alt name exact")
add("name", "张小凤", {"name": "张晓凤"}, "agree", "小/晓")
add("name", "zhang xiaofeng", {"name": "张晓凤"}, "agree")
add("name", "zhāng xiǎo fèng", {"name": "张晓凤"}, "agree")
add("name", "zhang1 xiao3 feng4", {"name": "张晓凤"}, "agree")
add("name", "Zhang Xiao-Feng", {"name": "张晓凤"}, "agree")
add("name", "Xiaofeng Zhang", {"name": "张晓凤"}, "agree")
add("name", "ZHANG Xiaofeng", {"name": "张晓凤"}, "agree")
add("name", "吕伟", {"name": "吕伟"}, "agree")
add("name", "lv wei", {"name": "吕伟"}, "agree", "ü as v")
add("name", "lu wei", {"name": "吕伟"}, "agree", "ü as u")
add("name", "lü wei", {"name": "吕伟"}, "agree")
add("name", "Lyu Wei", {"name": "吕伟"}, "agree")
add("name", "nv", {"name": "女"}, "neutral", "junk")
add("name", "余伟", {"name": "于伟"}, "agree", "yu homophone")

# ---------------------------------------------------------------- ACCENT
HN = "湖南省永州市双牌县五里牌镇东岭村"
SC = "四川省绵阳市三台县芦溪镇"
HLJ = "黑龙江省哈尔滨市呼兰区"
ST = "广东省汕头市潮阳区谷饶镇"
MZ = "广东省梅州市梅县区"
HEN = "河南省周口市太康县"
WZ = "浙江省温州市瑞安市"
SH = "上海市崇明区"
SX = "山西省吕梁市离石区"
QZ = "福建省泉州市晋江市"
GZ = "广东省广州市番禺区"
ZY = "贵州省遵义市汇川区"
for s in ["湖南口音", "湖南话", "说湖南话", "湘语", "湖南人口音", "永州口音", "永州话", "湘南口音",
          "湖南口音（疑似）", "疑似湖南口音", "像是湖南那边的口音", "口音：湘", "一口湖南腔", "带湖南口音的普通话",
          "Hunan accent", "湖南囗音"]:
    add("accent", s, {"hometown": HN}, "agree")
for s in ["说四川话", "四川口音", "川普", "四川话", "西南官话", "听着像西南官话", "川音", "绵阳口音",
          "說四川話", "Sichuan accent", "四川口音 "]:
    add("accent", s, {"hometown": SC}, "agree")
for s in ["一口东北话", "东北口音", "东北话", "东北那疙瘩的口音", "哈尔滨口音", "黑龙江口音", "東北話", "东北腔"]:
    add("accent", s, {"hometown": HLJ}, "agree")
for s in ["讲潮汕话", "潮汕口音", "潮州话", "汕头话", "说潮汕话，普通话不好", "Teochew"]:
    add("accent", s, {"hometown": ST}, "agree")
for s in ["客家话", "客家口音", "讲客家话", "梅县话", "Hakka"]:
    add("accent", s, {"hometown": MZ}, "agree")
for s in ["带点河南味", "河南口音", "河南话", "中原官话", "豫东口音", "说河南话", "周口口音", "河南腔"]:
    add("accent", s, {"hometown": HEN}, "agree")
for s in ["温州话", "普通话带江浙口音", "吴语", "浙江口音", "讲瓯语", "江浙口音", "浙江话", "温州口音"]:
    add("accent", s, {"hometown": WZ}, "agree")
for s in ["上海话", "吴语", "沪语", "上海口音", "江浙沪口音", "Shanghainese"]:
    add("accent", s, {"hometown": SH}, "agree")
for s in ["晋语", "山西口音", "山西话", "吕梁口音"]:
    add("accent", s, {"hometown": SX}, "agree")
for s in ["闽南语", "闽南话", "讲闽南话", "泉州话", "福建口音", "Hokkien", "台语"]:
    add("accent", s, {"hometown": QZ}, "agree")
for s in ["粤语（广府）", "粤语", "广东话", "白话", "说粤语", "廣東話", "Cantonese", "广州话", "粤语(广府话)"]:
    add("accent", s, {"hometown": GZ}, "agree")
for s in ["遵义话", "贵州口音", "贵州话", "西南官话"]:
    add("accent", s, {"hometown": ZY}, "agree")
for s, h in [("陕西口音", "陕西省宝鸡市陈仓区"), ("甘肃话", "甘肃省天水市秦州区"), ("安徽口音", "安徽省阜阳市临泉县"),
             ("江西话", "江西省上饶市鄱阳县"), ("广西口音", "广西壮族自治区玉林市博白县"), ("云南口音", "云南省昭通市镇雄县"),
             ("天津口音", "天津市河西区"), ("北京话", "北京市朝阳区"), ("山东话", "山东省临沂市沂南县"),
             ("河北口音", "河北省邯郸市魏县"), ("湖北口音", "湖北省襄阳市枣阳市"), ("武汉话", "湖北省武汉市江夏区"),
             ("长沙话", "湖南省长沙市宁乡市"), ("南昌话", "江西省南昌市进贤县"), ("苏北口音", "江苏省盐城市阜宁县"),
             ("胶东口音", "山东省烟台市莱阳市"), ("东北口音", "辽宁省铁岭市昌图县"), ("东北口音", "吉林省四平市梨树县"),
             ("西北口音", "甘肃省定西市通渭县"), ("重庆话", "重庆市万州区"), ("重庆口音", "重庆市开州区"),
             ("湘潭口音", "湖南省湘潭市湘潭县"), ("宁夏口音", "宁夏回族自治区固原市西吉县"), ("青海口音", "青海省海东市乐都区"),
             ("内蒙口音", "内蒙古自治区赤峰市松山区"), ("新疆口音", "新疆维吾尔自治区喀什地区疏附县"),
             ("海南话", "海南省儋州市"), ("桂柳话", "广西壮族自治区柳州市柳江区"), ("江淮官话", "安徽省合肥市肥东县"),
             ("合肥口音", "安徽省合肥市长丰县"), ("南京口音", "江苏省南京市六合区"), ("苏州话", "江苏省苏州市吴江区"),
             ("宁波话", "浙江省宁波市余姚市"), ("杭州话", "浙江省杭州市萧山区"), ("福州话", "福建省福州市闽侯县"),
             ("莆田话", "福建省莆田市仙游县"), ("雷州话", "广东省湛江市雷州市"), ("赣语", "江西省抚州市临川区"),
             ("昆明口音", "云南省昆明市官渡区"), ("兰州口音", "甘肃省兰州市榆中县"), ("西安口音", "陕西省西安市长安区"),
             ("陕北口音", "陕西省榆林市米脂县"), ("豫北口音", "河南省安阳市林州市"), ("山东口音", "山东省菏泽市曹县"),
             ("唐山口音", "河北省唐山市丰南区"), ("保定口音", "河北省保定市满城区"), ("大连口音", "辽宁省大连市庄河市")]:
    add("accent", s, {"hometown": h}, "agree")
for s, h in [("东北口音", GZ), ("粤语", HLJ), ("四川话", WZ), ("闽南语", SC), ("山东口音", "云南省昭通市镇雄县"),
             ("一口东北话", HN), ("湖南口音", HLJ), ("上海话", SC), ("客家话", HLJ), ("温州话", HEN),
             ("新疆口音", QZ), ("潮汕话", SX), ("陕西口音", GZ), ("晋语", ST), ("吴语", SC), ("粤语（广府）", SC),
             ("河南口音", ST), ("Cantonese", HLJ), ("说四川话", "广东省汕头市潮阳区"), ("北京话", "广西壮族自治区玉林市博白县")]:
    add("accent", s, {"hometown": h}, "disagree")
for s in ["听不懂", "口音不明", "说话含糊", "不会说话", "普通话", "标准普通话", "外地口音", "方言", "xyzzy",
          "不详", "无", "听不出来", "口齿不清", "聋哑无法交流", "？？", "口音较重", "说的话听不懂，像是少数民族语言"]:
    add("accent", s, {"hometown": HN}, "neutral")

# ---------------------------------------------------------------- PLACE
for s in ["双牌", "双牌县", "五里牌", "五里牌镇", "东岭村", "永州", "永州市", "零陵", "零陵地区", "湖南",
          "湖南人", "湖南永州", "湖南省永州市", "他说老家在双牌", "双牌那边的", "好像是永州附近", "说是从湖南来的",
          "老家湖南永州", "家住永州市双牌县", "户籍地：湖南永州", "湖南永州双牌（自述）", "自称家在五里牌镇",
          "阳明山", "潇水边上", "双排", "雙牌", "shuangpai", "Yongzhou, Hunan", "湖南 永州 双牌", "湖南省永州市双牌县五里牌镇东岭村",
          "双牌县五里牌", "永州双牌五里牌东岭", "勇州", "湘南", "双牌县五里碑镇"]:
    add("place", s, {"hometown": HN}, "agree")
for s in ["广西桂林", "东北", "四川", "哈尔滨", "广东", "长沙", "衡阳", "双峰", "湖北", "浙江温州", "云南思茅",
          "北京", "新疆", "上海浦东"]:
    add("place", s, {"hometown": HN}, "disagree")
for s in ["不详", "无", "记不清", "大山里", "农村", "长江边", "说不清楚", "外地", "南方", "城关镇"]:
    add("place", s, {"hometown": HN}, "neutral")
for s, h in [("衡阳地区", "湖南省衡阳市衡南县"), ("思茅", "云南省普洱市思茅区"), ("思茅地区", "云南省普洱市宁洱哈尼族彝族自治县"),
             ("襄樊", "湖北省襄阳市樊城区"), ("襄樊市", "湖北省襄阳市襄州区"), ("崇文区", "北京市东城区"),
             ("宣武区", "北京市西城区"), ("巢湖地区", "安徽省合肥市巢湖市"), ("巢湖", "安徽省马鞍山市含山县"),
             ("双流县", "四川省成都市双流区"), ("满城县", "河北省保定市满城区"), ("望城县", "湖南省长沙市望城区"),
             ("吴江市", "江苏省苏州市吴江区"), ("萧山", "浙江省杭州市萧山区"), ("顺德", "广东省佛山市顺德区"),
             ("梅县", "广东省梅州市梅县区"), ("万县", "重庆市万州区"), ("涪陵地区", "重庆市涪陵区"),
             ("达县", "四川省达州市达川区"), ("沙市", "湖北省荆州市沙市区"), ("楚州", "江苏省淮安市淮安区"),
             ("淮阴", "江苏省淮安市淮阴区"), ("昭乌达盟", "内蒙古自治区赤峰市松山区"), ("日喀则地区", "西藏自治区日喀则市桑珠孜区"),
             ("毕节地区", "贵州省毕节市大方县"), ("铜仁地区", "贵州省铜仁市松桃苗族自治县"), ("黔阳", "湖南省怀化市洪江市"),
             ("大庸", "湖南省张家界市永定区"), ("渡口市", "四川省攀枝花市东区"), ("徽州", "安徽省黄山市歙县"),
             ("郧阳地区", "湖北省十堰市郧阳区"), ("郧县", "湖北省十堰市郧阳区"), ("思南", "贵州省铜仁市思南县"),
             ("零陵县", "湖南省永州市零陵区"), ("冷水滩", "湖南省永州市冷水滩区"), ("宜宾县", "四川省宜宾市叙州区"),
             ("江都市", "江苏省扬州市江都区"), ("番禺市", "广东省广州市番禺区"), ("花县", "广东省广州市花都区"),
             ("通县", "北京市通州区"), ("大兴县", "北京市大兴区"), ("南海市", "广东省佛山市南海区"),
             ("邵阳", "湖南省邵阳市隆回县"), ("绍阳", "湖南省邵阳市隆回县"), ("彬州", "湖南省郴州市桂阳县"),
             ("来阳", "湖南省衡阳市耒阳市"), ("毫州", "安徽省亳州市利辛县"), ("濮阳", "河南省濮阳市范县"),
             ("仆阳", "河南省濮阳市范县"), ("螺河", "河南省漯河市舞阳县"), ("蚌埠", "安徽省蚌埠市怀远县"),
             ("六安", "安徽省六安市霍邱县"), ("浦田", "福建省莆田市仙游县"), ("连源", "湖南省娄底市涟源市"),
             ("黄山脚下", "安徽省黄山市黄山区"), ("洞庭湖边上", "湖南省岳阳市华容县"), ("西湖边", "浙江省杭州市西湖区"),
             ("朝阳", "辽宁省朝阳市建平县"), ("延吉", "吉林省延边朝鲜族自治州延吉市"), ("北流", "广西壮族自治区玉林市北流市"),
             ("鄂尔多斯", "内蒙古自治区鄂尔多斯市东胜区"), ("伊克昭盟", "内蒙古自治区鄂尔多斯市东胜区"),
             ("哲里木盟", "内蒙古自治区通辽市科尔沁区"), ("东莞", "广东省东莞市虎门镇"), ("中山", "广东省中山市小榄镇"),
             ("恩施", "湖北省恩施土家族苗族自治州利川市"), ("凉山", "四川省凉山彝族自治州昭觉县"),
             ("湘西", "湖南省湘西土家族苗族自治州凤凰县"), ("凤凰", "湖南省湘西土家族苗族自治州凤凰县"),
             ("吉首", "湖南省湘西土家族苗族自治州吉首市"), ("潮阳", ST), ("谷饶", ST), ("瑞安", WZ),
             ("芦溪", SC), ("三台", SC), ("呼兰", HLJ), ("呼兰县", HLJ), ("太康", HEN), ("晋江", QZ),
             ("陈埭镇", "福建省泉州市晋江市陈埭镇"), ("广东汕头", ST), ("汕头潮阳", ST), ("他说家在潮阳那块", ST),
             ("四川绵阳", SC), ("綿陽", SC), ("Mianyang", SC), ("mian yang", SC), ("三台县芦溪镇", SC)]:
    add("place", s, {"hometown": h}, "agree")
for s, h in [("朝阳", "北京市朝阳区"), ("朝阳", "辽宁省朝阳市建平县")]:
    pass  # ambiguous, skip
for s, h in [("衡阳", "湖南省永州市双牌县"), ("襄樊", "湖北省十堰市郧阳区"), ("思茅", "云南省昭通市镇雄县"),
             ("崇文区", "北京市海淀区"), ("顺德", "广东省梅州市梅县区"), ("万县", "四川省绵阳市三台县"),
             ("太康", SC), ("潮阳", QZ), ("晋江", ST), ("吉林", HLJ), ("黑龙江", "吉林省四平市梨树县"),
             ("宁乡", HN), ("江西", HN), ("梅县", ST), ("呼兰", "黑龙江省齐齐哈尔市讷河市")]:
    add("place", s, {"hometown": h}, "disagree")

# ---------------------------------------------------------------- AGE
A45 = {"birth": "1975-03-02", "missing_date": "2010-05-01", "found_date": "2020-06-01"}
for s in ["约45岁", "45岁", "四十多岁", "45-50", "40-45", "中年男性", "70后", "４５岁", "四十五六岁", "45岁左右",
          "四十五岁上下", "45~50岁", "45至50岁", "45－50", "约莫四十", "四五十岁", "年约四旬", "40+", "45周岁",
          "虚岁46", "45yrs", "about 45", "大概四十五", "看起来五十岁左右", "约45岁（目测）", "45", "四十五", "四十来岁",
          "中年", "四十岁出头", "40多", "40余岁", "约四十五岁", "４０－５０岁", "45 岁", "四十好几"]:
    add("age", s, A45, "agree")
for s in ["看着六十来岁", "老年", "十几岁", "二十出头", "80后", "七十有余", "三十岁", "30岁", "20多岁", "幼儿",
          "65", "六七十岁", "90后", "少年", "青年"]:
    add("age", s, A45, "disagree")
for s in ["不详", "无法估计", "成年", "？", "成年人"]:
    add("age", s, A45, "neutral")
A75 = {"birth": "1945-01-10", "missing_date": "2018-09-01", "found_date": "2020-06-01"}
for s in ["七十有余", "老年", "七八十岁", "古稀", "年过七旬", "七十多", "75岁左右", "约７５岁", "老年男性", "70多岁", "七十五六"]:
    add("age", s, A75, "agree")
for s in ["中年", "二十出头", "80后", "约40岁", "五十来岁"]:
    add("age", s, A75, "disagree")
A12 = {"birth": "2008-04-01", "missing_date": "2019-04-01", "found_date": "2020-06-01"}
for s in ["十几岁", "十二三岁", "少年", "约12岁", "10-14岁", "11到13岁", "十一二岁", "12岁左右"]:
    add("age", s, A12, "agree")
for s in ["幼儿", "成年", "20多岁", "五六岁", "中年"]:
    add("age", s, A12, "disagree")
A22 = {"birth": "1998-02-01", "missing_date": "2017-02-01", "found_date": "2020-06-01"}
for s in ["二十出头", "20多岁", "90后", "青年", "二十来岁", "廿二岁", "22", "二十一二岁"]:
    add("age", s, A22, "agree")
for s in ["中年", "老年", "四十多岁", "70后"]:
    add("age", s, A22, "disagree")
A35 = {"birth": "1985-07-01", "missing_date": "2015-01-01", "found_date": "2020-06-01"}
for s in ["80后", "35左右", "三十五六", "三十多岁", "卅五", "三十四五岁", "30-40岁"]:
    add("age", s, A35, "agree")
AL = {"birth": "1975-03-02", "missing_date": "2000-05-01", "found_date": "2020-06-01"}
add("age", "45岁", AL, "agree", "aged since missing; use found date")
add("age", "约25岁", AL, "disagree", "age at missing, not now")

# ---------------------------------------------------------------- SEX
for s in ["男", "男性", "M", "m", "male", "Male", "MALE", "男孩", "男童", "男（疑似）", "男(疑似)", "Ｍ", "男 ", "男士",
          "老头", "男子", "先生", "成年男性", "男性（外观）", "boy"]:
    add("sex", s, {"sex": "男"}, "agree")
for s in ["女", "女性", "F", "f", "female", "Female", "女孩", "女童", "女（疑似）", "Ｆ", "老太太", "妇女", "girl", "女子"]:
    add("sex", s, {"sex": "男"}, "disagree")
for s in ["女", "女性", "F", "female", "妇女", "女孩"]:
    add("sex", s, {"sex": "女"}, "agree")
add("sex", "男", {"sex": "女性"}, "disagree")
add("sex", "男", {"sex": "男性"}, "agree")
add("sex", "男", {"sex": "M"}, "agree")
add("sex", "女", {"sex": "F"}, "agree")
for s in ["不详", "未知", "?", "男/女", "不确定", "", "无"]:
    add("sex", s, {"sex": "男"}, "neutral")

# ---------------------------------------------------------------- HEIGHT
for s in ["170", "170cm", "1.70米", "1.7米", "一米七", "约一米六五", "165左右", "170公分", "１７０", "170厘米", "1米7",
          "一米七零", "身高约170", "170上下", "168-172", "一米七左右", "1.70 m", "170 cm", "1m70", "172", "约170CM",
          "170ＣＭ", "1.72m", "一米七二", "一米六八", "一米七〇", "5尺1寸", "5'7\"", "167~173", "170左右（目测）"]:
    add("height", s, {"height": "170"}, "agree")
for s in ["150", "一米五", "1.5m", "190", "一米九", "1米9", "155cm", "1.85米", "一米八五", "140"]:
    add("height", s, {"height": "170"}, "disagree")
for s in ["不详", "中等个", "无法测量（卧床）", "?"]:
    add("height", s, {"height": "170"}, "neutral")
for rep in ["一米七", "1.70米", "170cm", "约170", "170公分", "1.7m"]:
    add("height", "170", {"height": rep}, "agree", "report-side format")
    add("height", "150", {"height": rep}, "disagree", "report-side format")

# ---------------------------------------------------------------- MARKS
for a, b in [("左手缺小指", "左手小拇指残缺"), ("右脸有痣", "右侧面部黑痣"), ("额头疤痕", "前额有伤疤"),
             ("额头有疤", "额部疤痕"), ("左臂有纹身", "左胳膊纹身"), ("右手背有烫伤疤", "右手背烫伤痕迹"),
             ("跛脚", "走路一瘸一拐"), ("左腿瘸", "左下肢残疾，跛行"), ("驼背", "背部佝偻"), ("聋哑", "不会说话，听不见"),
             ("聋哑人", "哑巴"), ("智力残疾", "智力障碍，反应迟钝"), ("精神异常", "精神病"), ("痴呆", "老年痴呆"),
             ("后背有胎记", "背部有一块青色胎记"), ("左眼失明", "左眼瞎"), ("右眼斜视", "右眼斜"), ("兔唇", "唇裂"),
             ("六指", "左手六个手指"), ("镶金牙", "有颗金牙"), ("门牙缺失", "缺门牙"), ("耳聋", "听力障碍"),
             ("口吃", "说话结巴"), ("左耳缺损", "左耳残缺"), ("手臂有刀疤", "胳膊上有刀伤疤痕"), ("颈部有痣", "脖子上有颗痣"),
             ("脸上有麻子", "麻脸"), ("腿上烧伤", "腿部烫伤疤痕"), ("左手食指断", "左手食指缺失"), ("文身\"忍\"字", "手臂纹\"忍\"字"),
             ("脑瘫", "脑性瘫痪"), ("癫痫", "羊角风"), ("白化病", "白化"), ("斜眼", "斜视"), ("右手残疾", "右手有残"),
             ("左手缺小指", "左手小拇指殘缺"), ("左手小指缺失", "左手缺小指"), ("左手无名指缺一节", "左手无名指残缺"),
             ("左侧额头有疤", "左额有疤"), ("右小腿有疤", "右腿有疤痕"), ("头顶有疤", "头部有伤疤"), ("左脸颊有胎记", "左脸有红色胎记"),
             ("胸口纹身", "胸前有纹身"), ("背部纹龙", "后背纹有一条龙"), ("右眼失明", "右眼看不见"), ("哑巴", "聋哑"),
             ("智障", "智力低下"), ("弱智", "智力残疾"), ("精神分裂", "精神病史"), ("秃顶", "谢顶"), ("光头", "剃光头"),
             ("左手缺小指；右脸有痣", "右脸有一颗黑痣，左手小指缺"), ("下巴有疤", "下颌疤痕"), ("鼻梁有疤", "鼻子上有伤疤"),
             ("o型腿", "罗圈腿"), ("拄拐", "腿脚不便"), ("坐轮椅", "下肢瘫痪"), ("左手缺小指（疑似旧伤）", "左手小拇指残缺"),
             ("左手 缺 小指", "左手小拇指残缺"), ("左手缺尾指", "左手小拇指残缺"), ("左掌缺小指", "左手小指残缺"),
             ("手背有痣", "手背黑痣"), ("耳后有痣", "耳朵后面有颗痣"), ("左耳垂有痣", "左耳有痣"), ("眉心有痣", "两眉之间有颗痣"),
             ("右臂纹身（字母）", "右胳膊有英文纹身"), ("左腕有疤", "左手腕疤痕"), ("腹部有手术疤", "肚子上有刀口")]:
    add("marks", a, {"features": b}, "agree")
for a, b in [("左手缺小指", "右手缺小指"), ("右脸有痣", "左脸有痣"), ("左腿跛", "右腿跛"), ("左眼失明", "右眼失明"),
             ("胎记在左背", "右背有胎记"), ("有纹身", "无纹身"), ("无疤痕", "额头有疤"), ("身体健康无残疾", "聋哑"),
             ("左手缺小指", "左手小指无缺损"), ("双手完好", "左手缺小指"), ("左臂纹身", "右臂纹身"), ("左耳缺损", "右耳缺损"),
             ("右手六指", "左手六指"), ("左手缺食指", "左手缺小指"), ("左额有疤", "右额有疤"), ("左侧脸有痣", "右侧脸有痣"),
             ("左手缺小指", "右手小拇指残缺"), ("能正常交流", "聋哑"), ("五官端正无明显特征", "兔唇")]:
    add("marks", a, {"features": b}, "disagree")
for a, b in [("无", "左手缺小指"), ("无明显特征", "左手缺小指"), ("不详", "额头有疤"), ("", "聋哑"),
             ("穿蓝色外套", "额头有疤"), ("额头有疤", "穿蓝色外套"), ("额头有疤", "无")]:
    add("marks", a, {"features": b}, "neutral")

# ---------------------------------------------------------------- ID NUMBERS
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
def cs(id17):
    return C[sum(int(a) * b for a, b in zip(id17, W)) % 11]
def mk(area, birth, seq):
    s = area + birth + seq
    return s + cs(s)
ID1 = mk("431123", "19750302", "123")     # Shuangpai, male (3 odd)
ID1_15 = "431123" + "750302" + "123"
ID1_bad = ID1[:17] + ("0" if ID1[17] != "0" else "1")
ID2 = mk("440513", "19800101", "456")     # Chaoyang Shantou, female? 6 even -> female
IDX = None
# find a valid id ending in X for tests
for seq in range(100, 999):
    s = "431123" + "19750302" + "%03d" % seq
    if cs(s) == "X" and seq % 2 == 1:
        IDX = s + "X"; break
REP_ID = {"name": "刘伟", "sex": "男", "birth": "1975-03-02", "hometown": HN}
def fw(s): return "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in s)
add("idnum", ID1, dict(REP_ID, id_number=ID1), "agree", "same 18")
add("idnum", ID1_15, dict(REP_ID, id_number=ID1), "agree", "15-digit old vs 18")
add("idnum", ID1, dict(REP_ID, id_number=ID1_15), "agree", "18 vs 15 on report")
add("idnum", ID1_bad, dict(REP_ID, id_number=ID1), "agree", "wrong checksum (typo in last digit)")
add("idnum", fw(ID1), dict(REP_ID, id_number=ID1), "agree", "full-width digits")
add("idnum", ID1[:6] + " " + ID1[6:14] + " " + ID1[14:], dict(REP_ID, id_number=ID1), "agree", "spaces")
add("idnum", "身份证号：" + ID1, dict(REP_ID, id_number=ID1), "agree", "prefix label")
add("idnum", "身份证号" + ID1 + "（自述）", dict(REP_ID, id_number=ID1), "agree", "prefix+suffix")
add("idnum", IDX.lower(), dict(REP_ID, id_number=IDX), "agree", "lowercase x")
add("idnum", IDX, dict(REP_ID, id_number=IDX.lower()), "agree", "report lowercase x")
add("idnum", ID1[:6] + "-" + ID1[6:14] + "-" + ID1[14:], dict(REP_ID, id_number=ID1), "agree", "hyphens")
add("idnum", ID2, dict(REP_ID, id_number=ID1), "disagree", "totally different valid id")
add("idnum", ID1, {"name": "刘伟", "sex": "男", "birth": "1975-03-02", "hometown": HN}, "agree", "no report id; consistent birth+area")
add("idnum", mk("431123", "19850302", "123"), {"name": "刘伟", "sex": "男", "birth": "1975-03-02", "hometown": HN}, "disagree", "no report id; birth year differs")
add("idnum", mk("440513", "19750302", "123"), {"name": "刘伟", "sex": "男", "birth": "1975-03-02", "hometown": HN}, "disagree", "no report id; area Guangdong vs Hunan")
add("idnum", mk("431123", "19750302", "124"), {"name": "刘伟", "sex": "男", "birth": "1975-03-02", "hometown": HN}, "disagree", "no report id; sex digit female vs male")
add("idnum", "431123750302123", {"name": "刘伟", "sex": "男", "birth": "1975-03-02", "hometown": HN}, "agree", "15-digit, no report id")
add("idnum", "4311231975", dict(REP_ID, id_number=ID1), "agree", "partial remembered prefix")
add("idnum", "不记得", dict(REP_ID, id_number=ID1), "neutral", "none")
add("idnum", "12345", dict(REP_ID, id_number=ID1), "neutral", "garbage")
add("idnum", mk("431123", "19750302", "123"), dict(REP_ID, id_number=mk("431123", "19750302", "125")), "disagree", "same area/birth, different seq")


# ---------------------------------------------------------------- batch 2 (added after first run; same blind style)
for s in ["伟", "刘", "WEI Liu", "刘 德 明"]:
    pass
add("name", "伟", {"name": "刘伟"}, "agree", "given name only, single char")
add("name", "刘", {"name": "刘伟"}, "agree", "surname only")
add("name", "WEI Liu", {"name": "刘伟"}, "agree", "surname-last, caps given")
add("name", "刘 德 明", {"name": "刘德明"}, "agree", "spaced hanzi")
add("name", "刘二娃", {"name": "刘建军", "alt_names": ["二娃"]}, "agree", "surname+alt nickname")
add("name", "张小三", {"name": "张国强", "alt_names": ["小三"]}, "agree", "surname+alt nickname")
add("name", "李狗娃", {"name": "李明", "alt_names": ["狗娃"]}, "agree", "surname+alt nickname")
add("name", "娜娜", {"name": "王娜"}, "agree", "reduplicated nickname")
add("name", "王娜娜", {"name": "王娜"}, "agree", "reduplicated given")
add("name", "Liu Weiwei", {"name": "刘伟"}, "agree", "reduplicated pinyin")
add("name", "刘伟", {"name": "刘德伟", "alt_names": ["刘伟"]}, "agree", "alt name full")
add("name", "liu dewei", {"name": "刘德伟"}, "agree")
add("name", "Lui Wai", {"name": "吕伟"}, "agree", "Cantonese romanisation")
add("name", "Ng Wing Kin", {"name": "吴永健"}, "agree", "Cantonese romanisation")
add("name", "Tan Ah Kow", {"name": "陈阿狗"}, "agree", "Hokkien romanisation")
add("name", "lu ping", {"name": "吕平"}, "agree", "ü as u")
add("name", "nu hong", {"name": "女红"}, "agree", "ü as u")
add("name", "lue wei", {"name": "吕伟"}, "agree", "ü as ue")
add("name", "王五（外号）", {"name": "王强"}, "neutral", "nickname note")
add("name", "自称叫“小刘”", {"name": "刘伟"}, "agree", "quoted nickname")
add("name", "小刘", {"name": "刘伟"}, "agree")
add("name", "刘伟（自述，未核实）", {"name": "刘伟"}, "agree")
add("name", "刘伟？刘威？", {"name": "刘威"}, "agree")
add("name", "欧阳", {"name": "欧阳娜娜"}, "agree", "compound surname only")
# accents at dialect-group level (not province)
for s, h in [("客家话", "江西省赣州市兴国县"), ("客家话", "福建省龙岩市长汀县"), ("客家话", "广西壮族自治区玉林市博白县"),
             ("闽南语", "广东省汕头市潮阳区"), ("闽南话", "海南省文昌市"), ("西南官话", "湖北省恩施土家族苗族自治州利川市"),
             ("西南官话", "云南省曲靖市宣威市"), ("西南官话", "广西壮族自治区柳州市柳江区"), ("吴语", "江苏省苏州市常熟市"),
             ("吴语", "浙江省金华市义乌市"), ("江淮官话", "江苏省扬州市高邮市"), ("中原官话", "陕西省渭南市蒲城县"),
             ("中原官话", "山东省菏泽市曹县"), ("晋语", "内蒙古自治区呼和浩特市托克托县"), ("晋语", "河北省张家口市蔚县"),
             ("粤语", "广西壮族自治区梧州市藤县"), ("白话", "广西壮族自治区南宁市横县"), ("东北话", "内蒙古自治区赤峰市宁城县"),
             ("湘语", "广西壮族自治区桂林市全州县"), ("江浙口音", "江苏省无锡市江阴市"), ("胶辽官话", "辽宁省大连市庄河市"),
             ("兰银官话", "甘肃省兰州市榆中县"), ("冀鲁官话", "河北省沧州市献县"), ("北方口音", "河北省邯郸市魏县"),
             ("南方口音", "广东省广州市番禺区"), ("西北口音", "陕西省榆林市米脂县"), ("东北口音", "内蒙古自治区呼伦贝尔市扎兰屯市")]:
    add("accent", s, {"hometown": h}, "agree", "dialect group")
# ID-number formats with a region code that stdnum accepts for the birth year
REP_BJ = {"name": "刘伟", "sex": "男", "birth": "1975-03-02", "hometown": "北京市朝阳区"}
IDB = mk("110105", "19750302", "123")
for s, n in [(IDB, "plain"), (fw(IDB), "full-width digits"), (IDB[:6] + " " + IDB[6:14] + " " + IDB[14:], "spaces"),
             ("身份证号：" + IDB, "label prefix"), (IDB + "（自述）", "suffix note"), (IDB[:6] + "-" + IDB[6:14] + "-" + IDB[14:], "hyphens"),
             ("110105750302123", "15-digit"), (IDB[:17] + ("0" if IDB[17] != "0" else "1"), "bad checksum")]:
    add("idnum", s, REP_BJ, "agree", "BJ code: " + n)
for seq in range(100, 999):
    s = "110105" + "19750302" + "%03d" % seq
    if cs(s) == "X" and seq % 2:
        add("idnum", (s + "X").lower(), REP_BJ, "agree", "BJ code lowercase x"); break
# first-generation IDs: code reassigned in 1983, person born before, ID issued 1985 (real, common)
add("idnum", mk("430521", "19620305", "111"), {"name": "刘伟", "sex": "男", "birth": "1962-03-05", "hometown": "湖南省邵阳市邵东县"}, "agree", "邵东 430521, born 1962")
add("idnum", mk("110112", "19700101", "111"), {"name": "刘伟", "sex": "男", "birth": "1970-01-01", "hometown": "北京市通州区"}, "agree", "通州 110112 (code since 1997), born 1970")
add("idnum", mk("440513", "19800101", "111"), {"name": "刘伟", "sex": "男", "birth": "1980-01-01", "hometown": ST}, "agree", "潮阳区 440513 (since 2003), born 1980")

# accent at dialect-group level, person found in another province (the usual case); "_found_place" -> intake.found_place
for s, h, f in [("晋语", "河北省张家口市蔚县", "广东省东莞市虎门镇"), ("东北话", "内蒙古自治区赤峰市宁城县", "上海市浦东新区"),
                ("西南官话", "广西壮族自治区柳州市柳江区", "广东省深圳市宝安区"), ("湘语", "广西壮族自治区桂林市全州县", "广东省广州市白云区"),
                ("闽南话", "海南省文昌市", "广东省广州市白云区"), ("中原官话", "山东省菏泽市曹县", "江苏省苏州市吴中区"),
                ("江浙沪口音", "上海市崇明区", "北京市海淀区"), ("东北口音", "内蒙古自治区呼伦贝尔市扎兰屯市", "北京市海淀区"),
                ("西南官话", "湖北省恩施土家族苗族自治州利川市", "浙江省宁波市鄞州区"), ("晋语", "内蒙古自治区呼和浩特市托克托县", "北京市昌平区")]:
    add("accent", s, {"hometown": h, "_found_place": f}, "agree", "dialect group, found in other province")
for s, h in [("虎门", "广东省东莞市虎门镇"), ("横店", "浙江省金华市东阳市横店镇"), ("柳市", "浙江省温州市乐清市柳市镇"),
             ("扎兰屯", "内蒙古自治区呼伦贝尔市扎兰屯市"), ("乐从", "广东省佛山市顺德区乐从镇"), ("西樵", "广东省佛山市南海区西樵镇")]:
    add("place", s, {"hometown": h}, "agree", "well-known town")

if __name__ == "__main__":
    from collections import Counter
    print(len(CASES), Counter(c[0] for c in CASES))

# ---------------------------------------------------------------- DATES (import parser only; all are reasonable inputs)
DATE_CASES = [("missing_date", s) for s in ["2010-05-01", "2010年5月1日", "2010年5月", "2010年", "2010.5", "2010/05", "10年5月",
              "2010年5月初", "2010年5月1日下午", "２０１０年５月１日", "20100501", "二〇一〇年五月一日", "约2010年", "不详"]] + \
             [("birth_date", s) for s in ["1975", "1975年3月", "约1975年", "75年", "1975年3月2日", "一九七五年", "1975年农历三月初二",
              "1975年生", "不详", "1975.3.2"]]
