"""Blind test world 6: a northern / north-western station network plus an online volunteer platform.

Written from domain knowledge only (shared domain notes + the issue text + python-stdnum's
``cn/loc.dat`` gazetteer, parsed here).  Stdlib only, deterministic per seed, streams reports.

    PYTHONPATH=. .venv/bin/python -m bench.blind_world6 --reports N --intakes M --seed S --out DIR
        [--no-report-share 0.4]

DATA CARD
=========
Population (one process for reported and never-reported people)
  * Hometown province (weights): 陕西 14, 甘肃 14, 山西 9, 河南 9, 内蒙古 7, 宁夏 6, 黑龙江 6,
    河北 6, 山东 6, 辽宁 5, 吉林 4, 青海 4, 四川 3, 新疆 1.5, 湖南/湖北/安徽 1.5 each, 天津/重庆/
    贵州/云南 1, other south 0.1-0.5 (about 16 % southerners overall).  Counties: current
    county-level divisions of loc.dat (generic 市辖区/城区/郊区/矿区 removed), weight 县 2 / 县级市
    1.5 / 旗 1.5 / 区 0.7 times a stable log-normal(0, 0.8) factor, so some counties are hot spots.
    Towns and villages are invented, stable per county (8 towns, one of them 城关镇 in the NW; 12
    villages with regional suffixes 沟/湾/塬/峁/堡/屯/营子/庄/集 ...).
  * Historic names: every current county gets the names of its loc.dat predecessors (same code
    renamed, same-name county under an abolished 地区/盟, 县改区/县改市 pairs matched by stem or as
    the unique pair in linked prefectures), e.g. 安定区 <- 定西县, 定西地区; 崆峒区 <- 平凉县, 平凉地区.
  * Ethnicity by place: 宁夏 回 35 %; 临夏州 回 40 % / 东乡 25 % (东乡县 80 %); 积石山/循化 撒拉;
    甘南州, 青海藏区 藏 55-65 %; 天祝 藏 30 %; 张家川/化隆 回 50-65 %; 内蒙古 蒙古 12-30 %;
    新疆 维吾尔 50 %; 西藏 藏 90 %; 辽宁 满 10 % (岫岩/新宾/清原/本溪/桓仁/宽甸/凤城 50 %),
    吉林 满 5 % (伊通 40 %), 承德满族县 40 %; 延边 朝鲜 30 %; elsewhere 回 1-3 %.
  * Sex: 62 % male overall (scenario dependent).
  * Scenarios (share; age at missing; missing years; time until found):
      child abducted/lost 14 % (age 1-12, 1982-2008, found 2012-2024 as adults),
      elderly with dementia 24 % (62-90, 2012-2024, 70 % found within 14 days, 20 % 15-90 days),
      mentally ill 30 % (16-60, 1995-2024, 30 % <30 d, 30 % 1-12 mo, 40 % 1-15 y),
      intellectually disabled 10 % (12-50, like mentally ill),
      migrant worker who lost contact 18 % (18-55, 1995-2023, 1-20 years living rough),
      deaf-mute 4 % (10-50).
  * Heights: men N(168, 6), women N(157, 5.5); children have a child height at missing.
  * Marks: 0/1/2/3 marks with p = .35/.35/.20/.10 from 22 mark types (缺小指, 六指, 兔唇, 跛脚,
    痣, 胎记, 疤, 纹身 ...), each with 3-5 paraphrases; acquired marks (scars, tattoos, lost teeth)
    may appear after the report, congenital ones always predate it.
Reports (one row per reported person, streamed)
  * Channel: online volunteer platform 40 % (free text extracted into fields), paper form by the
    family 35 %, police bulk import 25 % (formal current addresses, ID-card birth dates).
  * birth_date: police full date; paper 45 % year only / 20 % year-month / 35 % full; online
    55 % year only ("1965年生", "65年"), 10 % empty; lunar/虚岁 year off by one in 8 %.
  * hometown: formal (police), partial (paper), free text (online); old names used in 25 % of
    paper/online reports when a historic name exists and the report is old.
  * alt_names (~30 %): 小名 (50 % of those who have one), 经名 (回/东乡/撒拉 75 %), transliteration
    variants (蒙/维/藏 40 %), 曾用名 8 %; separated by ';' or '、'.
  * contact_phone: mobile 72 % (online: 25 % masked 138****5678), landline 12 % with a provincial
    area code, both 10 %, empty 6 %.  dialect filled in 35 %.  height in 55 %.
Intakes (share_no_report never reported, the rest observe exactly one report)
  * Name category targets (overall, before scenario mixing): full_exact ~30 %, homophone ~15 %,
    dialect ~11 %, pinyin ~7 %, given_only ~9 %, nickname ~9 %, none ~19 %.  Dialect is only
    possible for names with a confusable sound for the speaker's region (~47 % of names), which get
    it at 2.1x the weight; given_only needs a 2-character given name (else a nickname).  Realised
    over seeds 1-3: full_exact 28-29 %, homophone 15-16 %, dialect 8.5-9.5 %, pinyin 5-6 %,
    given_only 7 %, nickname 13-15 %, none 20-22 %.  Grown-up abducted
    children mostly given_only / nickname / none; elderly mostly full / homophone / dialect.
    Dialect mishearing uses the speaker's region: 西北/晋 -n/-ng, 东北 r->y and z/zh, 山东 r->y,
    south n/l, f/h, h/w (黄->王), r->l, ü/i.  Polyphonic surnames (单 曾 区 覃 解 仇 朴 查) are
    written by sound of the name reading or of the common (wrong) reading; pinyin uses the wrong
    reading 40 % of the time.  "(音)"/"?" markers in ~15 % of homophones.
  * Pinyin styles: "Liu Jianguo", "liujianguo", "LIU JIANGUO", "Jianguo Liu", "Jian-guo Liu",
    "liu jian guo"; Lv/Lu/Lü/Lyu; 15 % typing noise (a dropped / doubled / swapped letter); tone
    marks in 8 % when every character is in a small toned table; Uyghur "AIMAITI TUERXUN".
  * age_estimate: true age + N(bias, sd) with sd 3 (+0.5 per year lived rough, max 8), bias up to
    +4 for rough sleepers, 3 % gross errors of 12-20 years; formats 约45岁 / 45 / 40多岁 / 六十来岁 /
    四五十岁 / 45岁左右 / 不详 / 老年 ...
  * sex wrong 1.5 %; height present 65 %, true +/-2 cm (reports +/-5 cm, rounded).
  * dialect: correct regional label 55 %, neighbouring region 10 %, broad (西北/南方/北方口音) 8 %,
    unintelligible 10 %, empty 12 %, minority language 5 %; 5 % typos, 3 % traditional.
  * Station: elderly found within 4 months -> home-province station 85 %; migrants -> the city
    they worked in 40 %; otherwise home-province station 60 %, southerners mostly 郑州/西安/石家庄/
    济南, rest uniform over the 11 stations.
  * place_hints: 0 hints 35 %, 1 30 %, 2 20 %, 3+ 15 %: county (full/short/historic; people born
    before 1960 or missing before 2000 use the old name 40 % of the time), prefecture
    (current/historic 平凉地区), town, village, province, landmark (靠近黄河, 窑洞, 种苹果的, 煤矿 ...),
    "离X不远", school, station, a place he only worked in (decoy), a wrong neighbouring county;
    a remembered 18-digit ID number in 2 % (one digit wrong in 30 %), a recited phone in 1.5 %.
  * Spreadsheet noise on all text cells: full-width digits 3 %, traditional characters 2 %, stray
    spaces 3 %; many date formats in reports; found dates mostly full dates.
"""
from __future__ import annotations

import argparse
import bisect
import csv
import datetime as _dt
import hashlib
import math
import os
import random
import re
import sys
import time
from pathlib import Path

# ----------------------------------------------------------------------------------------------
# Gazetteer (python-stdnum cn/loc.dat)
# ----------------------------------------------------------------------------------------------

_LOC_CANDIDATES = [
    Path(__file__).resolve().parent.parent / ".venv/lib/python3.11/site-packages/stdnum/cn/loc.dat",
]


def _find_loc_dat() -> Path:
    try:
        import stdnum.cn  # type: ignore

        p = Path(stdnum.cn.__file__).parent / "loc.dat"
        if p.exists():
            return p
    except Exception:  # pragma: no cover - stdnum missing
        pass
    for p in _LOC_CANDIDATES:
        if p.exists():
            return p
    for base in sys.path:
        p = Path(base) / "stdnum" / "cn" / "loc.dat"
        if p.exists():
            return p
    raise FileNotFoundError("stdnum/cn/loc.dat not found")


_SEG_RE = re.compile(r"^(?:\[(\d*)-(\d*)\])?(.+)$")
_GENERIC = {"市辖区", "城区", "郊区", "矿区", "市区", "县", "市", "省直辖县级行政单位",
            "自治区直辖县级行政单位", "省直辖行政单位", "直辖县级行政单位"}


_ETHNIC = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 拉祜 水 东乡 纳西 "
           "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 "
           "德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
_AUTO_RE = re.compile(r"^(.{2,}?)(?:(?:%s)族)+自治(?:县|州|旗)$" % "|".join(sorted(_ETHNIC, key=len, reverse=True)))


def _short(name: str) -> str:
    """Common short form of a division name."""
    m = _AUTO_RE.match(name)
    if m:
        return m.group(1)
    for suf in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "特別行政區",
                "地区", "自治州", "林区", "省", "市", "县", "区", "盟", "旗"):
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


class County:
    __slots__ = ("code", "name", "short", "pref", "pref_short", "prov", "prov_short", "old_names",
                 "old_prefs", "old_codes", "kind", "region", "towns", "villages")

    def __init__(self, code, name, pref, prov):
        self.code = code
        self.name = name
        self.short = _short(name)
        self.pref = pref
        self.pref_short = _short(pref) if pref else ""
        self.prov = prov
        self.prov_short = _short(prov)
        self.old_names: list[str] = []
        self.old_prefs: list[str] = []
        self.old_codes: list[str] = []
        self.kind = name[-1]
        self.region = ""
        self.towns: list[str] = []
        self.villages: list[str] = []


class Gazetteer:
    def __init__(self, path: Path | None = None):
        path = path or _find_loc_dat()
        provinces: dict[str, str] = {}
        entries = []  # (code6, seg_index, name, start, end)
        prov = None
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip() or line.startswith("#"):
                    continue
                if not line.startswith(" "):
                    m = re.match(r'^(\d\d) province="(.*)"', line)
                    if m:
                        prov = m.group(1)
                        provinces[prov] = m.group(2)
                    continue
                m = re.match(r'^\s+(\d{4}) county="(.*)"', line)
                if not m or prov is None:
                    continue
                code = prov + m.group(1)
                for i, seg in enumerate(m.group(2).split(",")):
                    sm = _SEG_RE.match(seg.strip())
                    if not sm:
                        continue
                    s, e, nm = sm.groups()
                    entries.append((code, i, nm.strip(), int(s) if s else None, int(e) if e else None))
        self.provinces = provinces
        # prefecture names (by code4), with history
        pref_hist: dict[str, list] = {}
        county_entries = []
        for code, i, nm, s, e in entries:
            if code.endswith("0000"):
                continue
            if code.endswith("00"):
                pref_hist.setdefault(code[:4], []).append((i, nm, s, e))
            else:
                county_entries.append((code, i, nm, s, e))
        self.pref_hist = pref_hist

        def pref_current(c4):
            hist = pref_hist.get(c4)
            if not hist:
                return ""
            cur = [h for h in hist if h[3] is None]
            nm = (cur[-1] if cur else hist[-1])[1]
            if nm in _GENERIC:
                return ""
            return nm

        def pref_old(c4):
            return [h[1] for h in pref_hist.get(c4, []) if h[3] is not None and h[1] not in _GENERIC]

        # prefecture linking by stem (old ended -> newer) within a province
        pref_links: dict[str, set] = {}
        for c4, hist in pref_hist.items():
            for c4b, histb in pref_hist.items():
                if c4b == c4 or c4b[:2] != c4[:2]:
                    continue
                stems_a = {_short(h[1]) for h in hist if h[1] not in _GENERIC}
                stems_b = {_short(h[1]) for h in histb if h[1] not in _GENERIC}
                if stems_a & stems_b:
                    pref_links.setdefault(c4, set()).add(c4b)

        def linked(pa, pb):
            return pa == pb or pb in pref_links.get(pa, ()) or pa in pref_links.get(pb, ())

        # county-level successor graph
        nodes = county_entries  # tuples
        preds: dict[tuple, list] = {n: [] for n in nodes}
        by_code: dict[str, list] = {}
        for n in nodes:
            by_code.setdefault(n[0], []).append(n)
        for code, segs in by_code.items():
            segs.sort(key=lambda t: t[1])
            for a, b in zip(segs, segs[1:]):
                # codes were sometimes re-used for unrelated counties (丽水县 -> 临海县): only chain a
                # rename when it is generic (城区 -> 王益区) or shares a character with the new name
                if a[2] in _GENERIC or set(_short(a[2])) & set(_short(b[2])):
                    preds[b].append(a)
        ended = [n for n in nodes if n[4] is not None]
        started_by_year: dict[tuple, list] = {}
        for n in nodes:
            if n[3] is not None:
                started_by_year.setdefault((n[0][:2], n[3]), []).append(n)
        matched_e, matched_s = set(), set()
        for pass_no in (0, 1):
            for e in ended:
                if e in matched_e:
                    continue
                y = e[4]
                cands = []
                for yy in (y, y + 1):
                    cands += started_by_year.get((e[0][:2], yy), [])
                cands = [c for c in cands if c[0] != e[0] and c[2] not in _GENERIC and e[2] not in _GENERIC]
                if pass_no == 0:
                    hit = [c for c in cands if c[2] == e[2]]
                    if not hit:
                        hit = [c for c in cands if len(c[2]) > 2 and len(e[2]) > 2 and c[2][:-1] == e[2][:-1]
                               and linked(c[0][:4], e[0][:4])]
                    if hit:
                        preds[hit[0]].append(e)
                        matched_e.add(e)
                        matched_s.add(hit[0])
                else:
                    cands = [c for c in cands if c not in matched_s and linked(c[0][:4], e[0][:4])]
                    if len(cands) == 1:
                        rivals = [x for x in ended if x not in matched_e and x[4] == y and x[2] not in _GENERIC
                                  and linked(x[0][:4], cands[0][0][:4])]
                        if len(rivals) == 1:
                            preds[cands[0]].append(e)
                            matched_e.add(e)
                            matched_s.add(cands[0])

        counties = []
        for n in nodes:
            code, _, nm, s, e = n
            if e is not None or nm in _GENERIC or nm.endswith("开发区") or "直辖" in nm:
                continue
            pref = pref_current(code[:4])
            c = County(code, nm, pref, provinces[code[:2]])
            seen = {n}
            stack = list(preds[n])
            olds, oldp, oldc = [], [], []
            for p in pref_old(code[:4]):
                oldp.append(p)
            while stack:
                p = stack.pop()
                if p in seen:
                    continue
                seen.add(p)
                stack.extend(preds[p])
                if p[2] != nm and p[2] not in olds:
                    olds.append(p[2])
                if p[0] != code and p[0] not in oldc:
                    oldc.append(p[0])
                if p[0][:4] != code[:4]:
                    for h in pref_hist.get(p[0][:4], []):
                        if h[3] is None or h[1] in _GENERIC or h[1] in oldp or h[1] == pref:
                            continue
                        # the prefecture name valid while the predecessor county existed
                        if (p[3] or 0) < (h[3] or 9999) and (h[2] or 0) < (p[4] or 9999):
                            oldp.append(h[1])
            c.old_names = olds
            c.old_prefs = oldp
            c.old_codes = oldc
            c.region = _region_of(code)
            counties.append(c)
        self.counties = counties
        self.by_code = {c.code: c for c in counties}
        self.by_prov: dict[str, list] = {}
        for c in counties:
            self.by_prov.setdefault(c.code[:2], []).append(c)

    def districts_of(self, code4: str) -> list[County]:
        return [c for c in self.counties if c.code[:4] == code4 and c.name.endswith("区")]


# ----------------------------------------------------------------------------------------------
# Regions, accents, sound rules
# ----------------------------------------------------------------------------------------------

def _region_of(code: str) -> str:
    p, c4 = code[:2], code[:4]
    if p == "61":
        if c4 in ("6106", "6108", "6126", "6127"):
            return "陕北"
        if c4 in ("6107", "6109", "6110", "6123", "6124", "6125"):
            return "陕南"
        return "关中"
    if p == "62":
        if c4 in ("6202", "6203", "6206", "6207", "6209"):
            return "河西"
        if c4 in ("6208", "6210"):
            return "陇东"
        if c4 in ("6229", "6230"):
            return "临夏甘南"
        return "甘中"
    if p == "64":
        return "宁夏"
    if p == "63":
        return "青海"
    if p == "14":
        if c4 in ("1402", "1406", "1409"):
            return "晋北"
        if c4 in ("1408", "1410"):
            return "晋南"
        return "晋中"
    if p == "15":
        if c4 in ("1504", "1505", "1507", "1522", "1525"):
            return "蒙东"
        return "蒙西"
    if p in ("21", "22", "23"):
        if c4 in ("2102", "2106"):
            return "大连"
        return "东北"
    if p == "13":
        return "唐山" if c4 == "1302" else "河北"
    if p == "12":
        return "天津"
    if p == "11":
        return "北京"
    if p == "41":
        if c4 in ("4114", "4116", "4102"):
            return "豫东"
        if c4 == "4115":
            return "豫南"
        return "河南"
    if p == "37":
        return "胶东" if c4 in ("3706", "3710", "3702") else "山东"
    return {"65": "新疆", "54": "西藏", "51": "四川", "50": "重庆", "43": "湖南", "42": "湖北",
            "34": "安徽", "52": "贵州", "53": "云南", "45": "广西", "36": "江西", "44": "广东",
            "35": "福建", "33": "浙江", "32": "江苏", "46": "海南", "31": "上海"}.get(p, "其他")


SOUTH = {"四川", "重庆", "湖南", "湖北", "安徽", "贵州", "云南", "广西", "江西", "广东", "福建",
         "浙江", "江苏", "海南", "上海"}
NORTHWEST = {"关中", "陕北", "陕南", "河西", "陇东", "临夏甘南", "甘中", "宁夏", "青海", "新疆", "西藏"}

ACCENT_LABELS = {
    "关中": ["陕西话", "关中口音", "陕西口音", "西安话", "陕西方言"],
    "陕北": ["陕北话", "陕北口音", "陕西话", "榆林话", "延安口音"],
    "陕南": ["陕西话", "陕南口音", "汉中话", "陕南话"],
    "河西": ["甘肃口音", "河西口音", "甘肃话", "张掖话", "武威口音"],
    "陇东": ["甘肃口音", "平凉话", "庆阳口音", "陇东话", "甘肃话"],
    "甘中": ["甘肃口音", "甘肃话", "兰州话", "定西口音", "天水话"],
    "临夏甘南": ["临夏话", "甘肃口音", "河州话", "甘肃话"],
    "宁夏": ["宁夏话", "宁夏口音", "固原口音", "西吉话"],
    "青海": ["青海话", "青海口音", "西宁话"],
    "晋北": ["晋北话", "山西口音", "大同话", "山西话"],
    "晋中": ["山西口音", "山西话", "太原话", "晋中口音"],
    "晋南": ["山西口音", "运城话", "晋南口音", "山西话"],
    "蒙西": ["内蒙口音", "内蒙古话", "呼市话", "包头话"],
    "蒙东": ["东北话", "内蒙口音", "赤峰话", "蒙东口音"],
    "东北": ["东北话", "大碴子味", "东北口音", "东北腔"],
    "大连": ["大连话", "辽宁话", "胶东口音", "东北话"],
    "河北": ["河北口音", "河北话", "北方口音"],
    "唐山": ["唐山话", "河北口音", "冀东口音"],
    "天津": ["天津话", "天津口音"],
    "北京": ["北京话", "京腔"],
    "河南": ["河南话", "河南口音", "豫西口音"],
    "豫东": ["豫东口音", "河南话", "河南口音"],
    "豫南": ["信阳话", "河南话", "豫南口音"],
    "山东": ["山东腔", "山东话", "山东口音", "鲁西南口音"],
    "胶东": ["胶东话", "山东腔", "烟台话"],
    "新疆": ["新疆口音", "新疆话"],
    "西藏": ["藏语", "西藏口音"],
    "四川": ["四川话", "川普", "四川口音", "西南口音"],
    "重庆": ["重庆话", "四川话", "川渝口音"],
    "湖南": ["湖南话", "湖南口音", "南方口音"],
    "湖北": ["湖北话", "湖北口音"],
    "安徽": ["安徽口音", "安徽话"],
    "贵州": ["贵州话", "西南口音"],
    "云南": ["云南话", "西南口音"],
    "广西": ["广西话", "白话", "南方口音"],
    "广东": ["粤语", "广东话", "白话"],
    "福建": ["闽南话", "福建口音"],
    "江西": ["江西话", "江西口音"],
    "浙江": ["浙江口音", "温州话"],
    "江苏": ["江苏口音", "苏北话"],
    "海南": ["海南话"],
    "上海": ["上海话"],
    "其他": ["普通话"],
}
NEIGHBOURS = {
    "关中": ["陇东", "甘中", "晋南", "河南"], "陕北": ["晋北", "蒙西", "宁夏"], "陕南": ["四川", "湖北"],
    "河西": ["青海", "宁夏", "甘中"], "陇东": ["关中", "宁夏"], "甘中": ["陇东", "宁夏", "青海"],
    "临夏甘南": ["青海", "甘中"], "宁夏": ["甘中", "陕北", "陇东"], "青海": ["甘中", "临夏甘南"],
    "晋北": ["蒙西", "陕北", "河北"], "晋中": ["陕北", "河北"], "晋南": ["关中", "河南"],
    "蒙西": ["晋北", "陕北"], "蒙东": ["东北"], "东北": ["蒙东", "河北", "山东"], "大连": ["胶东", "东北"],
    "河北": ["天津", "山东", "河南", "东北"], "唐山": ["天津", "东北"], "天津": ["河北", "北京"],
    "北京": ["河北", "天津"], "河南": ["山东", "安徽", "湖北", "河北"], "豫东": ["山东", "安徽"],
    "豫南": ["湖北", "安徽"], "山东": ["河北", "河南", "胶东"], "胶东": ["大连", "山东"],
    "四川": ["重庆", "贵州", "湖南"], "重庆": ["四川", "贵州"], "湖南": ["湖北", "江西", "四川"],
    "湖北": ["湖南", "河南", "四川"], "安徽": ["河南", "江苏"], "贵州": ["四川", "云南"],
    "云南": ["贵州", "四川"], "广西": ["广东", "湖南"], "广东": ["广西", "福建"], "福建": ["广东", "浙江"],
    "江西": ["湖南", "福建"], "浙江": ["江苏", "上海"], "江苏": ["安徽", "浙江"], "新疆": ["甘中"],
    "西藏": ["青海"], "海南": ["广东"], "上海": ["浙江"], "其他": ["河北"],
}
ACCENT_TYPOS = {"陕西": "山西", "甘肃": "甘素", "口音": "口因", "东北": "东百", "河南": "河难",
                "宁夏": "宁下", "话": "化", "青海": "清海", "山东": "山冬", "四川": "四穿"}

SOUND_RULES = {
    "关中": ["nng", "zh", "shf"], "陕北": ["nng", "aan"], "陕南": ["nl", "nng"], "河西": ["nng"],
    "陇东": ["nng", "shf"], "甘中": ["nng", "nl"], "临夏甘南": ["nng", "nl"], "宁夏": ["nng"],
    "青海": ["nng", "nl"], "晋北": ["nng", "aan"], "晋中": ["nng", "aan"], "晋南": ["nng", "zh", "shf"],
    "蒙西": ["nng", "aan"], "蒙东": ["ry", "zh"], "东北": ["ry", "zh"],
    "大连": ["ry", "zh"], "河北": ["zh"], "唐山": ["zh", "ry"], "天津": ["zh"], "北京": ["zh"],
    "河南": ["zh", "nng"], "豫东": ["zh", "nng"], "豫南": ["nl", "fh"], "山东": ["zh", "ry"],
    "胶东": ["ry", "zh"], "新疆": ["nng"], "西藏": ["nng"],
    "四川": ["nl", "fh", "nng", "zh", "rl"], "重庆": ["nl", "fh", "nng", "zh", "rl"],
    "湖南": ["nl", "fh", "hw", "nng", "zh", "rl"], "湖北": ["nl", "rl", "nng"], "安徽": ["nl", "nng", "zh"],
    "贵州": ["nl", "nng", "vi", "fh"], "云南": ["nl", "nng", "vi", "fh"], "广西": ["hw", "nl", "nng", "zh", "fh"],
    "广东": ["hw", "nl", "nng", "zh", "fh"], "福建": ["fh", "hw", "nng", "zh", "nl"],
    "江西": ["nl", "fh", "nng"], "浙江": ["nng", "zh", "hw"], "江苏": ["nng", "zh", "nl"],
    "海南": ["hw", "fh", "nng"], "上海": ["nng", "zh", "hw"], "其他": ["zh"],
}


def _rule_targets(rule: str, syl: str) -> list[str]:
    out = []
    if rule == "nl":
        if syl.startswith("n") and not syl.startswith("ng"):
            out.append("l" + syl[1:])
        elif syl.startswith("l"):
            out.append("n" + syl[1:])
    elif rule == "fh":
        fh = {"fu": "hu", "fei": "hui", "fang": "huang", "feng": "hong", "fen": "hun", "fa": "hua", "fan": "huan"}
        hf = {v: k for k, v in fh.items()}
        if syl in fh:
            out.append(fh[syl])
        if syl in hf:
            out.append(hf[syl])
    elif rule == "hw":
        hw = {"huang": "wang", "hu": "wu", "hua": "wa", "hui": "wei", "huan": "wan", "hun": "wen"}
        wh = {v: k for k, v in hw.items()}
        if syl in hw:
            out.append(hw[syl])
        if syl in wh:
            out.append(wh[syl])
    elif rule == "nng":
        if syl.endswith("ng") and syl[-3] in "ei" and not syl.endswith("ong"):
            out.append(syl[:-1])
        elif syl.endswith("en") or syl.endswith("in"):
            out.append(syl + "g")
    elif rule == "aan":
        if syl.endswith("ang") and syl not in ("ang",):
            out.append(syl[:-1])
        elif syl.endswith("an") and not syl.endswith("ian") and not syl.endswith("uan"):
            out.append(syl + "g")
    elif rule == "shf":
        # 关中: shu- heard as f- (水 fei, 书 fu, 双 fang)
        sf = {"shu": "fu", "shui": "fei", "shun": "fen", "shuang": "fang", "shuan": "fan"}
        if syl in sf:
            out.append(sf[syl])
    elif rule == "zh":
        for a, b in (("zh", "z"), ("ch", "c"), ("sh", "s")):
            if syl.startswith(a):
                out.append(b + syl[2:])
                break
        else:
            for a, b in (("z", "zh"), ("c", "ch"), ("s", "sh")):
                if syl.startswith(a):
                    out.append(b + syl[1:])
                    break
    elif rule == "ry":
        ry = {"ren": "yin", "rong": "yong", "ru": "yu", "ran": "yan", "rang": "yang", "rao": "yao",
              "rou": "you", "re": "ye", "ruan": "yuan", "run": "yun", "ri": "yi"}
        if syl in ry:
            out.append(ry[syl])
    elif rule == "rl":
        if syl.startswith("r") and syl not in ("ri", "re", "rui"):
            out.append("l" + syl[1:])
    elif rule == "vi":
        vi = {"xu": "xi", "ju": "ji", "qu": "qi", "yu": "yi", "lv": "li", "nv": "ni", "xue": "xie",
              "jue": "jie", "xun": "xin", "jun": "jin", "yun": "yin", "xuan": "xian", "juan": "jian",
              "quan": "qian", "yuan": "yan"}
        iv = {v: k for k, v in vi.items()}
        if syl in vi:
            out.append(vi[syl])
        if syl in iv:
            out.append(iv[syl])
    return out


# ----------------------------------------------------------------------------------------------
# Pinyin table (toneless, v = ü) for name characters; first reading = name reading
# ----------------------------------------------------------------------------------------------

_PY_TABLE = """
a:阿 ai:艾爱蔼 an:安岸 ang:昂 ao:敖傲奥 ba:巴八拔霸 bai:白百柏佰 ban:班斑般 bang:邦帮榜
bao:宝保包葆豹鲍 bei:贝北蓓 ben:本奔 bi:碧毕必璧弼 bian:边卞汴 biao:彪标飚 bin:斌彬宾滨
bing:兵冰炳丙秉 bo:波博伯勃泊 bu:步卜布 cai:才财彩采蔡材 can:灿参璨 cang:仓苍 cao:曹草操
ce:策 cen:岑 ceng:层 cha:茶 chai:柴 chan:婵禅蝉产 chang:常昌长畅倡 chao:超朝潮巢
chen:陈晨辰臣琛沉宸 cheng:程成城承诚澄呈 chi:池驰迟赤持 chong:崇冲 chou:丑 chu:楚初储褚处
chuan:川传船 chun:春纯淳 ci:慈瓷次 cong:聪从丛琮 cui:崔翠萃 cun:存村 cuo:措错 da:达大答
dai:戴代岱黛 dan:丹旦淡蛋 dang:党当 dao:道刀稻 de:德得 deng:邓登灯 di:迪狄笛地第帝弟
dian:典殿甸点 ding:丁定鼎顶 dong:东冬栋董洞 dou:窦斗 du:杜都度笃 duan:段端 dun:敦顿盾墩
duo:多朵铎 e:娥鹅额 en:恩 er:尔二儿洱 fa:发法 fan:范凡帆樊繁 fang:方芳房放 fei:飞菲费斐
fen:芬粉奋汾 feng:凤峰锋丰风冯枫 fu:福富付傅符甫府芙扶伏 ga:尕嘎 gai:盖改 gan:甘干淦赣
gang:刚钢岗港 gao:高皋 ge:格歌戈葛阁 gen:根艮 geng:耿庚更赓 gong:龚宫功公恭贡 gou:狗苟
gu:顾古谷固故 guan:关官冠管观 guang:光广 gui:贵桂归瑰 guo:国郭果帼锅 ha:哈 hai:海亥
han:韩汉寒涵晗含翰罕憨 hang:航杭 hao:浩豪昊好皓郝 he:何贺和河荷赫合 hei:黑 heng:恒衡亨
hong:红洪宏鸿虹弘 hou:侯厚后 hu:胡虎湖护呼户乎 hua:华花化桦 huai:怀槐淮 huan:欢环焕桓换
huang:黄皇煌晃 hui:辉慧惠会徽回晖 hun:浑 huo:霍火 ji:吉纪季计继姬冀济积 jia:家佳嘉贾甲加
jian:建健剑坚俭鉴简 jiang:江姜蒋疆将 jiao:娇焦蛟 jie:杰洁捷节 jin:金晋锦进津瑾靳今
jing:静晶京敬井景菁 jiu:九久玖 ju:菊巨举聚 juan:娟鹃涓 jun:军俊君峻郡骏 ka:卡 kai:凯开楷
kang:康抗 ke:柯可克科 ken:肯 kong:孔空 ku:库 kuan:宽 kun:坤昆 la:拉腊 lai:来莱赖
lan:兰岚蓝澜 lang:朗郎浪 lao:老劳 le:乐勒 lei:雷磊蕾垒 leng:冷愣 li:李丽力立利黎莉礼里
lian:莲连廉炼 liang:梁亮良凉 liao:廖辽 lin:林琳霖麟临 ling:玲凌灵岭龄令 liu:刘柳留六流
long:龙隆 lou:楼娄 lu:陆路卢鲁露禄芦 lv:吕绿律旅 luan:栾 lun:伦轮 luo:罗洛骆 ma:马玛麻嘛
mai:买麦迈 man:曼满蔓 mao:毛茂矛 mei:梅美玫媚 men:门 meng:孟萌梦蒙猛 mi:米密 mian:棉
miao:苗妙淼 min:敏民闵珉 ming:明鸣铭名 mo:莫墨默 mu:木穆牧慕沐 na:娜纳那 nai:乃奈
nan:南楠男 neng:能 ni:倪妮尼 nian:年念 ning:宁凝 niu:牛妞 nong:农 nu:努 nuo:诺 ou:欧
pa:帕 pan:潘盼攀 pang:庞胖 pei:裴培佩沛 peng:彭鹏朋蓬 pi:皮 piao:朴 ping:平萍屏 pu:浦蒲普
qi:齐琪奇祁起启其 qian:钱倩谦千乾欠 qiang:强蔷 qiao:乔巧桥 qie:切 qin:秦琴勤钦芹沁
qing:青庆清晴卿 qiong:琼 qiu:秋邱球 qu:曲屈渠 quan:全泉权 ran:冉然 rang:让 rao:饶
re:热 ren:任仁人 ri:日 rong:荣蓉容融 rou:肉 ru:如汝茹 rui:瑞睿蕊 run:润 ruo:若 sa:撒萨
sai:赛 san:三 sang:桑 sen:森 sha:沙莎 shan:山善珊杉 shang:尚上商 shao:邵少绍韶 she:佘舍
shen:沈申深神 sheng:生胜圣盛升剩 shi:石史诗世施士时 shou:寿守 shu:书淑树舒叔蜀
shuan:栓拴 shuang:双爽 shui:水 shun:顺舜 si:思斯四丝 song:宋松嵩颂 su:苏素粟 sui:随穗碎
sun:孙荪 suo:索锁 ta:塔 tai:太泰台 tan:谭坦檀坛 tang:唐汤堂 tao:陶涛桃 te:特 teng:腾滕
ti:提 tian:田天甜 tie:铁帖 ting:婷庭亭廷 tong:童彤通佟桐 tou:头 tu:图吐土涂 tuo:拓妥托
wa:娃瓦 wan:万婉宛湾完 wang:王旺汪望 wei:伟卫魏薇威维巍 wen:文温雯闻稳 wo:沃
wu:吴武伍五午乌吾 xi:喜西希熙习锡溪 xia:夏霞侠 xian:先仙贤显宪鲜 xiang:向祥香湘翔相
xiao:晓小肖孝萧筱 xie:谢协燮 xin:新欣心鑫信辛 xing:兴星幸邢杏 xiong:雄熊 xiu:秀修
xu:许徐旭胥绪 xuan:轩宣萱玄 xue:雪学薛 xun:逊荀勋迅 ya:亚雅丫娅 yan:燕艳岩颜严妍彦延言阎闫
yang:杨阳洋扬羊央 yao:姚瑶耀尧 ye:叶业野冶 yi:一怡毅义宜易艺依乙伊衣 yin:尹银印音殷寅引
ying:英颖莹应迎 yong:永勇涌雍 you:有友尤佑游优 yu:宇玉雨于余俞钰语裕禹 yuan:元源媛袁远圆
yue:月岳悦越 yun:云芸运韵 zan:赞 zang:臧 zao:早 ze:泽则 zeng:增 zha:扎札 zhan:占展詹战
zhang:张章 zhao:赵昭照招 zhe:哲者折 zhen:珍振真贞震镇 zheng:郑正政峥 zhi:志智芝之治直致
zhong:忠钟中仲 zhou:周舟州 zhu:朱珠柱竹祝铸洙住 zhuang:庄壮 zhuo:卓 zi:子梓紫姿孜 zong:宗
zou:邹 zu:祖 zun:尊 zuo:左
"""

PY_GROUPS: dict[str, list[str]] = {}
CHAR_PY: dict[str, str] = {}
for _tok in _PY_TABLE.split():
    _syl, _chars = _tok.split(":")
    PY_GROUPS[_syl] = list(_chars)
    for _ch in _chars:
        CHAR_PY.setdefault(_ch, _syl)

# polyphonic surnames: name reading, common (wrong) reading, chars heard for each reading
POLY_SURNAMES = {
    "单": ("shan", "dan"), "曾": ("zeng", "ceng"), "区": ("ou", "qu"), "覃": ("qin", "tan"),
    "解": ("xie", "jie"), "仇": ("qiu", "chou"), "朴": ("piao", "pu"), "查": ("zha", "cha"),
}
for _ch, (_r, _w) in POLY_SURNAMES.items():
    CHAR_PY[_ch] = _r
# 长 in given names (长生, 长海) is chang; 朝 in 朝鲁 is chao (already first)

# ----------------------------------------------------------------------------------------------
# Names
# ----------------------------------------------------------------------------------------------

# surname, weight (northern national-ish frequencies)
_SURNAMES = """王18 李17 张16 刘12 杨7 赵6 陈6 黄3 周4 吴3 徐3 孙4 胡3 朱3 高4 林2 何2 郭4 马5 罗2
梁2 宋2 郑2 谢1.5 韩2 唐1.5 冯2 于2 董2 肖1 程1.5 曹1.5 袁1 邓1 许1.5 傅0.6 沈1 曾0.8 彭1 吕1.2
苏1.2 卢1 蒋1 蔡0.8 贾1.5 丁1.2 魏1.5 薛1.2 叶0.8 阎0.6 闫1 余0.8 潘0.8 杜1.2 戴0.6 夏0.8 钟0.6
汪0.6 田1.5 任1.5 姜1.5 范1.2 方0.8 石1.2 姚1 谭0.6 廖0.5 邹0.5 熊0.5 金0.8 陆0.6 郝1.2 孔0.8 白1.5
崔1 康1 毛0.8 邱0.6 秦1 江0.6 史1 顾0.5 侯1 邵0.8 孟1 龙0.5 万0.6 段1 雷1 钱0.5 汤0.5 尹0.8 黎0.3
易0.3 常1 武1.5 乔1 贺1 赖0.3 龚0.4 文0.5 牛1 宁0.4 聂0.6 柳0.4 付1 荣0.4 单0.4 区0.05 覃0.1 解0.3
仇0.2 朴0.1 查0.1 党0.5 拓0.15 呼0.1 折0.05 惠0.3 屈0.5 庞0.6 温0.6 霍0.8 靳0.6 樊0.8 兰0.4 祁0.4
冉0.2 任0.3 路0.5 关0.5 佟0.3 那0.1 富0.1 左0.4 尚0.6 申0.5 耿0.6 岳0.6 安0.6 裴0.5 严0.5 鲁0.4
韦0.1 甘0.2 穆0.2 纳0.05 海0.05 冶0.05 妥0.02 苗0.5 米0.2 强0.3 焦0.6 殷0.3 倪0.3 牛0.4"""
SURNAMES: list[tuple[str, float]] = []
for _tok in _SURNAMES.split():
    _m = re.match(r"(\D+)([\d.]+)", _tok)
    SURNAMES.append((_m.group(1), float(_m.group(2))))
SURNAMES = [(s, w) for s, w in SURNAMES if s in CHAR_PY or s in POLY_SURNAMES]
REGION_SURNAME_BOOST = {
    "陕北": {"高": 3, "拓": 8, "呼": 8, "折": 8, "惠": 4, "贺": 2, "白": 2},
    "关中": {"党": 3, "雷": 2, "屈": 2},
    "甘中": {"马": 2, "魏": 2, "杨": 1.5, "汪": 2},
    "晋北": {"郝": 2, "霍": 2, "武": 2, "闫": 2, "温": 2},
    "晋中": {"郝": 2, "霍": 2, "武": 2, "闫": 2, "温": 2, "段": 2},
    "东北": {"于": 2, "孙": 1.5, "关": 3, "佟": 3, "姜": 1.5},
    "山东": {"孙": 1.5, "孔": 2, "于": 2}, "胶东": {"于": 3, "孙": 2, "姜": 2, "曲": 3},
    "河南": {"牛": 2, "郭": 1.5}, "广东": {"陈": 3, "黄": 3, "区": 30, "梁": 2, "曾": 2},
    "广西": {"覃": 40, "韦": 30, "黄": 3}, "湖南": {"曾": 3, "谭": 3, "彭": 2, "单": 2},
    "福建": {"林": 4, "陈": 3, "黄": 2}, "四川": {"冉": 4, "曾": 2, "罗": 2},
}
REGION_SURNAME_BOOST["蒙西"] = REGION_SURNAME_BOOST["晋北"]
SURNAMES = [(s, w) for s, w in SURNAMES if all(ch in CHAR_PY for ch in s)]

GIVEN = {
    ("m", "old"): "建国 建军 国庆 国强 国华 志强 志明 振华 德胜 福贵 长生 保国 来福 有才 天明 解放 援朝 卫东 "
                  "卫国 红军 玉山 金山 宝山 富贵 春生 秋生 占山 海 林 山 明 强 军 勇 忠 义 贵 德明 玉林 "
                  "永福 满仓 存良 振国 兴旺 俊山 成林 文华 树林 宝林 金宝 吉祥 双喜 发财",
    ("f", "old"): "秀英 桂兰 玉兰 秀兰 淑芬 凤英 桂芝 秀珍 玉珍 翠花 春花 桂英 淑珍 兰英 凤兰 玉梅 秀芳 "
                  "金凤 红梅 素芳 爱华 玉芬 桂花 彩霞 凤琴 秀云 月娥 巧云 玉琴 招弟 引弟 改花",
    ("m", "mid"): "伟 磊 勇 军 斌 涛 强 刚 辉 明 超 亮 鹏 杰 峰 波 海涛 海军 红军 建华 建平 建伟 志刚 志勇 "
                  "小军 小平 晓东 永强 永刚 俊 文杰 宏伟 海峰 卫平 利军 向东 东升 国栋 振宇 金龙 宝军",
    ("f", "mid"): "丽 静 敏 燕 艳 娟 霞 芳 红 玲 丽娟 艳红 春燕 海燕 晓燕 秀梅 丽华 金凤 小红 小芳 晓丽 "
                  "亚楠 丹丹 红霞 彩云 玉霞 美玲 建芳 晓梅 爱玲",
    ("m", "young"): "浩 鑫 磊 宇 杰 博 帅 鹏飞 浩然 子豪 宇航 俊杰 一鸣 家豪 天宇 浩宇 子轩 明轩 博文 "
                    "志豪 俊熙 嘉豪 文博 雨泽 佳乐 龙飞 成龙 小龙 振宇",
    ("f", "young"): "欣怡 雨婷 佳琪 思雨 梓涵 子涵 婷婷 倩 雪 佳 琪 娜 媛 萌 欣 悦 晓雪 雅琪 雨欣 佳怡 "
                    "诗琪 梦瑶 紫涵 思琪 一诺 雨涵",
}
GIVEN = {k: [g for g in v.split() if all(ch in CHAR_PY for ch in g)] for k, v in GIVEN.items()}

KOREAN_GIVEN = {"m": ["哲洙", "成哲", "光浩", "永日", "东哲", "明浩", "勇哲", "正男"],
                "f": ["英姬", "美玉", "顺姬", "春花", "贞淑", "美兰", "英子", "顺子"]}
KOREAN_SURNAMES = [("金", 30), ("李", 25), ("朴", 20), ("崔", 10), ("郑", 8), ("姜", 4), ("韩", 3)]

# 回 / 东乡 / 撒拉 经名 (religious names)
JINGMING = {"m": ["尔萨", "阿里", "优素福", "穆萨", "哈桑", "伊布拉欣", "尔里", "哈克", "苏来曼", "达吾德",
                  "努哈", "伊斯哈格", "舍木", "哈三", "木撒", "乙四夫", "阿布"],
            "f": ["法图麦", "阿伊莎", "海里麦", "麦尔燕", "赛里麦", "阿依舍", "哈丽麦"]}
DONGXIANG_SURNAMES = [("马", 40), ("妥", 10), ("汪", 10), ("赵", 6), ("唐", 5), ("何", 5), ("龙", 4)]
SALAR_SURNAMES = [("韩", 40), ("马", 30), ("沈", 8), ("冶", 8), ("何", 5)]
HUI_SURNAMES = [("马", 45), ("杨", 8), ("丁", 6), ("海", 4), ("纳", 3), ("穆", 3), ("哈", 3), ("白", 4),
                ("沙", 2), ("冶", 3), ("喇", 1), ("撒", 1), ("李", 5), ("王", 5), ("张", 4), ("金", 3)]
HUI_SURNAMES = [(s, w) for s, w in HUI_SURNAMES if s in CHAR_PY]
MANCHU_SURNAMES = [("关", 15), ("佟", 10), ("赵", 10), ("那", 6), ("富", 4), ("金", 8), ("何", 5), ("罗", 4),
                   ("郎", 3), ("白", 4), ("王", 10), ("刘", 8), ("张", 6), ("吴", 4), ("傅", 3)]

# one-part names with transliteration variants (canonical first)
MONGOL = {"m": ["巴特尔/巴图尔/巴特", "额尔敦/额日敦/额尔登", "巴雅尔/巴亚尔", "敖登/傲登", "朝鲁/超鲁",
                "宝音/包音", "阿拉坦/阿拉腾", "孟和/蒙和", "哈斯/哈丝", "特木尔/铁木尔/帖木尔",
                "布和/布赫", "额尔德尼/额尔德木", "吉日嘎拉/吉日格拉", "那顺/纳顺", "满都拉/满都呼"],
          "f": ["苏日娜/苏伊娜", "其其格/琪琪格", "乌云/乌云其木格", "斯琴/斯沁", "图雅/图娅", "格日勒/格日乐",
                "萨仁/莎仁", "娜仁花/那仁花", "其木格/奇木格", "乌兰/乌兰其其格", "托娅/陶娅"]}
UYGHUR = {"m": ["艾买提/艾麦提/艾合买提", "买买提/麦麦提", "吐尔逊/图尔荪/吐逊", "阿不都/阿布都",
                "阿不来提/阿布来提", "艾力/艾力江", "吾斯曼/乌斯曼", "库尔班/库班", "帕尔哈提/帕哈提",
                "玉素甫/玉苏甫/优素福", "亚森/亚生", "卡德尔/卡地尔", "依明/伊明", "托合提/托乎提", "肉孜/如孜",
                "努尔/奴尔"],
          "f": ["阿依古丽/阿衣古丽", "古丽/古力", "热依拉/热伊拉", "祖丽皮亚/祖力皮亚", "米娜瓦尔/米娜娃尔",
                "阿孜古丽/阿兹古丽", "帕提古丽/帕提古力"]}
TIBETAN = {"m": ["扎西/扎喜/札西", "才让/次仁/才仁", "多杰/多吉", "尼玛/尼麻", "索南/索朗", "旦增/丹增",
                 "贡保/贡布", "仁青/仁欠", "更登/根登", "加措/嘉措", "桑杰/桑吉", "完玛/万玛", "洛桑/罗桑",
                 "南加/南杰", "公保/贡保"],
           "f": ["卓玛/卓嘛", "拉毛/拉姆", "措毛/措姆", "央金/阳金", "卓玛吉/卓玛加", "周毛/卓毛", "吉毛/吉姆",
                 "切吉/切加", "拉毛措/拉姆措"]}
# Amdo <-> U-Tsang readings (dialect variants)
TIBETAN_DIALECT = {"才让": "次仁", "次仁": "才让", "拉毛": "拉姆", "拉姆": "拉毛", "措毛": "措姆",
                   "贡保": "贡布", "多杰": "多吉", "加措": "嘉措", "桑杰": "桑吉", "周毛": "卓毛", "吉毛": "吉姆",
                   "拉毛措": "拉姆措"}
ROMAN = {"扎西": "Tashi", "多杰": "Dorje", "卓玛": "Drolma", "才让": "Tsering", "次仁": "Tsering",
         "尼玛": "Nyima", "巴特尔": "Baatar", "其其格": "Chichig", "苏日娜": "Surna"}

NICK_NORTH_M = ["栓柱", "狗剩", "铁蛋", "二小", "石头", "柱子", "拴住", "狗蛋", "二蛋", "黑蛋", "锁柱", "毛蛋",
                "胖墩", "来福", "小三儿", "二小儿", "大柱", "虎子", "愣娃"]
NICK_NW_M = ["二娃", "三娃", "碎娃", "狗娃", "牛娃", "憨娃", "毛娃", "尕娃", "尕蛋", "愣娃", "狗剩", "铁蛋"]
NICK_NORTH_F = ["二丫", "丫蛋", "大妮", "二妮", "三妮", "小丫", "招弟", "引弟", "换弟", "二丫头", "大丫", "丫头"]
NICK_NW_F = ["尕女", "碎女", "二女", "女女", "招弟", "引弟", "尕妹"]
NICK_SOUTH_M = ["阿{g}", "{g}仔", "小{g}", "毛毛", "细伢子", "幺儿"]
NICK_SOUTH_F = ["阿{g}", "小{g}", "妹仔", "幺妹"]

# ----------------------------------------------------------------------------------------------
# Marks and health
# ----------------------------------------------------------------------------------------------

# id, sided, congenital, phrasings
MARKS = [
    ("缺小指", True, False, ["{s}手缺小指", "{s}手小拇指残缺", "{s}手小指缺失", "{s}手少一截小拇指", "{s}手小指断了一截"]),
    ("断食指", True, False, ["{s}手食指缺一节", "{s}手食指残缺", "{s}手二拇指少一截"]),
    ("面痣", True, True, ["{s}脸有颗黑痣", "{s}侧面部有痣", "{s}脸颊一颗黑痣", "{s}脸上有痣"]),
    ("眉痣", True, True, ["{s}眉毛里有颗痣", "{s}眉中有痣", "{s}眉内黑痣"]),
    ("背胎记", False, True, ["后背有胎记", "背部青色胎记", "背上有块青记", "腰背部胎记"]),
    ("腿胎记", True, True, ["{s}腿有红色胎记", "{s}大腿内侧胎记", "{s}腿上有块红记"]),
    ("额疤", False, False, ["额头有疤", "前额疤痕", "脑门上有道疤", "额部陈旧性疤痕"]),
    ("头疤", False, False, ["头顶有疤", "头皮有一道疤痕", "后脑勺有疤"]),
    ("字纹身", True, False, ['{s}臂纹"{w}"字', '{s}前臂有"{w}"字纹身', '{s}胳膊上刺了个"{w}"字', '{s}小臂文身"{w}"']),
    ("龙纹身", True, False, ["{s}臂纹龙", "{s}胳膊上有龙形纹身", "{s}上臂青龙纹身"]),
    ("六指", True, True, ["{s}手六指", "{s}手多一指", "{s}手有六个手指", "{s}手大拇指旁多一指"]),
    ("兔唇", False, True, ["兔唇", "唇裂", "豁嘴", "唇腭裂术后疤痕", "上嘴唇有裂口疤"]),
    ("跛脚", True, True, ["{s}腿跛", "走路一瘸一拐", "{s}下肢残疾", "{s}脚有点瘸", "跛行"]),
    ("烫伤", True, False, ["{s}手背烫伤疤", "{s}手背有烧伤疤痕", "{s}手背有块烫疤"]),
    ("耳缺", True, True, ["{s}耳缺损", "{s}耳朵缺一块", "{s}耳廓残缺"]),
    ("缺门牙", False, False, ["门牙缺一颗", "上门牙缺失", "缺门牙", "前门牙掉了一颗"]),
    ("金牙", False, False, ["镶金牙", "有颗金牙", "嘴里有金牙"]),
    ("眼盲", True, False, ["{s}眼失明", "{s}眼看不见", "{s}眼球混浊", "{s}眼有残疾"]),
    ("斜视", False, True, ["斜视", "对眼", "眼睛有点斜"]),
    ("驼背", False, False, ["驼背", "背有点驼", "脊柱弯曲"]),
    ("秃顶", False, False, ["头顶秃", "谢顶", "秃顶"]),
    ("腹疤", False, False, ["腹部有手术疤痕", "肚子上有刀口", "腹部刀疤"]),
]
MARK_WEIGHTS = [6, 2, 8, 3, 5, 3, 6, 3, 3, 2, 1.5, 1.2, 3, 3, 1, 4, 2, 2, 1.5, 1.5, 2, 2]
TATTOO_WORDS = "忍忠义爱母心勇福"

HEALTH = {
    "dementia": (["有老年痴呆", "记忆力不好", "患阿尔茨海默病", "老年痴呆症", "脑子糊涂"],
                 ["疑似老年痴呆", "认知障碍", "答非所问", "记忆力差", "意识模糊"]),
    "mental": (["精神不正常", "有精神病史", "精神分裂症", "精神有点问题", "受刺激后精神失常"],
               ["精神状况异常", "疑似精神障碍", "自言自语", "精神不佳", "言语混乱"]),
    "intellectual": (["智力有问题", "智力低下", "脑子不太灵光", "智障"],
                     ["智力障碍", "反应迟钝", "疑似智力残疾", "智力低下"]),
    "deaf": (["聋哑", "不会说话", "聋哑人"], ["聋哑人", "无法言语", "聋哑，会写字", "聋哑，用手势交流"]),
}
COLORS = ["蓝色", "黑色", "灰色", "军绿色", "红色", "白色", "深蓝色", "咖啡色", "迷彩"]
CLOTHES = ["棉袄", "夹克", "外套", "羽绒服", "毛衣", "运动服", "中山装", "衬衣", "棉裤", "布鞋", "解放鞋", "运动鞋"]

# ----------------------------------------------------------------------------------------------
# Landmarks
# ----------------------------------------------------------------------------------------------

LANDMARKS = {
    "关中": ["种苹果的", "靠近渭河", "秦岭脚下", "种猕猴桃的", "种麦子", "村里有座塔"],
    "陕北": ["窑洞", "住窑洞", "黄土高原", "种枣的", "煤矿", "靠近黄河", "放羊的", "山沟里"],
    "陕南": ["汉江边", "山里种茶", "山区", "种水稻"],
    "河西": ["戈壁滩", "祁连山下", "种玉米", "放羊的", "风大"],
    "陇东": ["窑洞", "种苹果的", "塬上", "黄土高原"],
    "甘中": ["种土豆的", "靠近黄河", "干旱山区", "窑洞", "种洋芋"],
    "临夏甘南": ["清真寺", "靠近黄河", "放牦牛", "草原上", "寺院"],
    "宁夏": ["种枸杞的", "靠近黄河", "清真寺", "西海固山里", "种土豆"],
    "青海": ["青海湖", "放牦牛", "清真寺", "草原上", "塔尔寺附近", "雪山"],
    "晋北": ["煤矿", "挖煤的", "窑洞", "种莜麦", "长城边上"],
    "晋中": ["煤矿", "挖煤的", "种小米", "窑洞"],
    "晋南": ["靠近黄河", "种苹果的", "种麦子", "窑洞"],
    "蒙西": ["草原", "放羊", "煤矿", "靠近黄河", "种向日葵", "沙漠边"],
    "蒙东": ["草原", "蒙古包", "放牛", "林场", "种玉米"],
    "东北": ["林场", "种玉米", "屯子里", "靠近松花江", "睡炕", "种大豆", "煤矿", "油田"],
    "大连": ["靠海", "打鱼的", "种苹果的"],
    "河北": ["种玉米", "太行山", "种麦子", "种梨"],
    "唐山": ["靠海", "煤矿", "钢厂"],
    "天津": ["靠海", "港口"],
    "北京": ["长城边", "郊区"],
    "河南": ["种麦子", "靠近黄河", "种花生", "种大蒜"],
    "豫东": ["种麦子", "种大蒜", "平原"],
    "豫南": ["种水稻", "种茶", "大别山"],
    "山东": ["种大葱", "种麦子", "泰山", "种花生", "靠近黄河"],
    "胶东": ["靠海", "种苹果的", "打鱼的"],
    "新疆": ["摘棉花", "戈壁", "种葡萄"],
    "西藏": ["雪山", "放牦牛", "寺庙"],
}
LANDMARKS_SOUTH = ["种水稻", "山里", "住在河边", "种茶", "竹林", "有条江"]
LANDMARKS_ANY = ["住在河边", "村口有棵大树", "家门口有条河", "山里", "村里有个庙", "村口有个学校", "家里养猪"]

WORK_CITIES = ["西安", "兰州", "银川", "太原", "包头", "鄂尔多斯", "呼和浩特", "北京", "天津", "石家庄",
               "郑州", "济南", "沈阳", "哈尔滨", "大庆", "乌鲁木齐", "榆林", "神木", "大同", "西宁",
               "广州", "深圳", "东莞", "长春", "青岛", "库尔勒", "嘉峪关", "宝鸡"]
WORK_KINDS = ["工地", "煤矿", "砖厂", "饭馆", "建筑队", "工厂", "餐馆", "油田"]

STATIONS = [  # name, city code4, ref prefix
    ("西安", "6101", "XA"), ("兰州", "6201", "LZ"), ("银川", "6401", "YC"), ("太原", "1401", "TY"),
    ("呼和浩特", "1501", "HH"), ("哈尔滨", "2301", "HEB"), ("长春", "2201", "CC"), ("沈阳", "2101", "SY"),
    ("石家庄", "1301", "SJZ"), ("郑州", "4101", "ZZ"), ("济南", "3701", "JN"),
]
PROV_STATION = {"61": "西安", "62": "兰州", "64": "银川", "63": "兰州", "14": "太原", "15": "呼和浩特",
                "23": "哈尔滨", "22": "长春", "21": "沈阳", "13": "石家庄", "11": "石家庄", "12": "石家庄",
                "41": "郑州", "37": "济南", "65": "兰州", "54": "兰州"}
SPOTS = ["火车站广场", "火车站附近", "汽车站", "长途汽车站门口", "立交桥下", "桥洞", "公园", "菜市场",
         "医院门口", "十字路口", "高速路口", "服务区", "地下通道", "天桥下", "城中村", "商场门口", "街道"]

PROV_CAPITAL = {"61": "西安", "62": "兰州", "64": "银川", "63": "西宁", "14": "太原", "15": "呼和浩特",
                "23": "哈尔滨", "22": "长春", "21": "沈阳", "13": "石家庄", "41": "郑州", "37": "济南",
                "65": "乌鲁木齐", "54": "拉萨", "51": "成都", "50": "重庆", "43": "长沙", "42": "武汉",
                "34": "合肥", "52": "贵阳", "53": "昆明", "45": "南宁", "36": "南昌", "44": "广州",
                "35": "福州", "33": "杭州", "32": "南京", "46": "海口", "31": "上海", "11": "北京", "12": "天津"}
AREA_CODES = {"61": ["029", "0910", "0911", "0912", "0913", "0914", "0915", "0916", "0917", "0919"],
              "62": ["0931", "0932", "0933", "0934", "0935", "0936", "0937", "0938", "0939", "0930", "0941", "0943"],
              "64": ["0951", "0952", "0953", "0954", "0955"], "63": ["0971", "0972", "0973", "0974", "0975"],
              "14": ["0351", "0352", "0353", "0354", "0355", "0356", "0357", "0358", "0359", "0350"],
              "15": ["0471", "0472", "0473", "0474", "0475", "0476", "0477", "0478", "0470", "0482"],
              "23": ["0451", "0452", "0453", "0454", "0455", "0456", "0457", "0459", "0458", "0467", "0468", "0469"],
              "22": ["0431", "0432", "0433", "0434", "0435", "0436", "0437", "0438", "0439"],
              "21": ["024", "0411", "0412", "0413", "0414", "0415", "0416", "0417", "0418", "0419", "0421", "0427", "0429"],
              "13": ["0311", "0312", "0313", "0314", "0315", "0316", "0317", "0318", "0319", "0310", "0335"],
              "41": ["0371", "0372", "0373", "0374", "0375", "0376", "0377", "0379", "0391", "0392", "0393", "0394", "0395", "0396", "0398"],
              "37": ["0531", "0532", "0533", "0534", "0535", "0536", "0537", "0538", "0539", "0530", "0543", "0546", "0631", "0632", "0633", "0634", "0635"],
              "12": ["022"], "11": ["010"], "50": ["023"], "31": ["021"]}

MOBILE_PREFIX = ["130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
                 "153", "155", "156", "157", "158", "159", "177", "180", "181", "182", "183", "186", "187",
                 "188", "189", "198", "199"]

# ----------------------------------------------------------------------------------------------
# Noise helpers
# ----------------------------------------------------------------------------------------------

_S = "国华刘张陈东马兰县区镇乡门龙凤贵宝庆军伟红丽锋卫长乌苏齐辽宁黄赵孙杨吴郑罗谢韩冯邓许吕卢蒋贾叶阎钟谭邹陆顾万钱汤乔贺赖龚单义兴书发云广开关阳汉陕肃银湾沟岭庄营凉临话说岁约来记纹脚残颗头脸边后听鸡场矿级厂号组爱桂玉秀凤兰芳霞涛强刚辉亮鹏杰峰波"
_T = "國華劉張陳東馬蘭縣區鎮鄉門龍鳳貴寶慶軍偉紅麗鋒衛長烏蘇齊遼寧黃趙孫楊吳鄭羅謝韓馮鄧許呂盧蔣賈葉閻鍾譚鄒陸顧萬錢湯喬賀賴龔單義興書發雲廣開關陽漢陝肅銀灣溝嶺莊營涼臨話說歲約來記紋腳殘顆頭臉邊後聽雞場礦級廠號組愛桂玉秀鳳蘭芳霞濤強剛輝亮鵬傑峰波"
assert len(_S) == len(_T), (len(_S), len(_T))
_TRAD = {a: b for a, b in zip(_S, _T) if a != b}
_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}
CN_DIGITS = "零一二三四五六七八九"


def to_trad(s: str) -> str:
    return "".join(_TRAD.get(c, c) for c in s)


def to_full(s: str) -> str:
    return "".join(_FULLWIDTH.get(c, c) for c in s)


def cn_num(n: int) -> str:
    if n >= 100 or n < 0:
        return str(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


def noisy(rng: random.Random, s: str, p_full=0.03, p_trad=0.02, p_space=0.03) -> str:
    if not s:
        return s
    r = rng.random()
    if r < p_full:
        s = to_full(s)
    elif r < p_full + p_trad:
        s = to_trad(s)
    if rng.random() < p_space:
        k = rng.random()
        if k < 0.4:
            s = " " + s
        elif k < 0.7:
            s = s + " "
        elif len(s) > 2:
            i = rng.randrange(1, len(s))
            s = s[:i] + " " + s[i:]
    return s


def wpick(rng: random.Random, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x <= 0:
            return item
    return pairs[-1][0]


def _stable_u(*parts) -> float:
    h = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(h, "big") / 2 ** 64


# ----------------------------------------------------------------------------------------------
# World (gazetteer + sampling tables), built once
# ----------------------------------------------------------------------------------------------

PROV_WEIGHTS = {"61": 14, "62": 14, "14": 9, "41": 9, "15": 7, "64": 6, "23": 6, "13": 6, "37": 6, "21": 5,
                "22": 4, "63": 4, "51": 3, "65": 1.5, "43": 1.5, "42": 1.5, "34": 1.5, "12": 1, "50": 1,
                "52": 1, "53": 1, "11": 0.5, "36": 0.5, "45": 0.5, "32": 0.5, "44": 0.3, "35": 0.3, "33": 0.3,
                "54": 0.3, "46": 0.1, "31": 0.1}

TOWN_CHARS = "新安平和兴永太丰东西南北红马河川石柳杨李王张高龙凤白黄青清金长大小三双洛渭泉坪庄集营店堡寨湾台关桥铺官峪阳华宁庙口头沙古城"
VILLAGE_SUFFIX = {
    "nw": ["沟", "湾", "塬", "峁", "梁", "岔", "堡", "洼", "坪", "庄", "村"],
    "jin": ["堡", "庄", "沟", "坪", "村", "峪"],
    "ne": ["屯", "窝棚", "甸子", "岗", "村", "沟"],
    "mongol": ["营子", "板申", "窑子", "村", "嘎查"],
    "plain": ["庄", "集", "营", "楼", "寨", "店", "村", "屯"],
    "south": ["村", "湾", "坪", "冲", "坝", "岭", "垄"],
}
VILLAGE_SURNAMES = "王李张刘杨赵陈马周吴高郭孙何胡朱徐魏贾薛郝白任"


class World:
    def __init__(self):
        self.gaz = Gazetteer()
        g = self.gaz
        self.prov_codes = [p for p in PROV_WEIGHTS if p in g.by_prov]
        self.prov_cum = []
        acc = 0.0
        for p in self.prov_codes:
            acc += PROV_WEIGHTS[p]
            self.prov_cum.append(acc)
        self.county_cum: dict[str, tuple[list, list]] = {}
        for p in self.prov_codes:
            cs = g.by_prov[p]
            acc = 0.0
            cum = []
            for c in cs:
                base = {"县": 2.0, "市": 1.5, "旗": 1.5, "区": 0.7}.get(c.kind, 1.0)
                u = _stable_u("w", c.code)
                z = math.sqrt(-2 * math.log(max(u, 1e-12))) * math.cos(2 * math.pi * _stable_u("v", c.code))
                acc += base * math.exp(0.8 * z)
                cum.append(acc)
            self.county_cum[p] = (cs, cum)
            for c in cs:
                self._towns(c)
        self.stations = []
        for name, c4, pfx in STATIONS:
            ds = [d for d in g.districts_of(c4)] or [g.by_code.get(c4 + "02")]
            self.stations.append((name, c4, pfx, [d.name for d in ds if d]))
        self.station_by_name = {s[0]: s for s in self.stations}
        sur = SURNAMES
        self.sur_default = sur

    def _towns(self, c: County):
        rng = random.Random("towns:" + c.code)
        towns = []
        if c.region in NORTHWEST or c.region.startswith("晋") or c.region in ("陇东",):
            if rng.random() < 0.6:
                towns.append("城关镇")
        while len(towns) < 8:
            n = rng.choice(TOWN_CHARS) + rng.choice(TOWN_CHARS)
            if n[0] == n[1]:
                continue
            t = n + ("镇" if rng.random() < 0.65 else "乡")
            if t not in towns:
                towns.append(t)
        reg = c.region
        if reg in ("东北", "大连", "蒙东"):
            key = "ne"
        elif reg == "蒙西":
            key = "mongol"
        elif reg.startswith("晋"):
            key = "jin"
        elif reg in NORTHWEST:
            key = "nw"
        elif reg in SOUTH:
            key = "south"
        else:
            key = "plain"
        vills = []
        while len(vills) < 12:
            k = rng.random()
            if k < 0.55:
                v = rng.choice(VILLAGE_SURNAMES) + "家" + rng.choice(VILLAGE_SUFFIX[key])
            elif k < 0.85:
                v = rng.choice(TOWN_CHARS) + rng.choice(TOWN_CHARS) + rng.choice(VILLAGE_SUFFIX[key])
            else:
                v = rng.choice(TOWN_CHARS) + rng.choice(TOWN_CHARS) + "村"
            if v not in vills:
                vills.append(v)
        c.towns = towns
        c.villages = vills

    def pick_county(self, rng: random.Random) -> County:
        x = rng.random() * self.prov_cum[-1]
        p = self.prov_codes[bisect.bisect_left(self.prov_cum, x)]
        cs, cum = self.county_cum[p]
        return cs[min(bisect.bisect_left(cum, rng.random() * cum[-1]), len(cs) - 1)]


_WORLD: World | None = None


def world() -> World:
    global _WORLD
    if _WORLD is None:
        _WORLD = World()
    return _WORLD


# ----------------------------------------------------------------------------------------------
# Person model
# ----------------------------------------------------------------------------------------------

NOW = _dt.date(2024, 12, 31)
SCENARIOS = [("child", 14), ("elder", 24), ("mental", 30), ("intellectual", 10), ("migrant", 18), ("deaf", 4)]


def _date_between(rng, a: _dt.date, b: _dt.date) -> _dt.date:
    if b <= a:
        return a
    return a + _dt.timedelta(days=rng.randrange((b - a).days + 1))


def _years(d1: _dt.date, d2: _dt.date) -> int:
    return d2.year - d1.year - ((d2.month, d2.day) < (d1.month, d1.day))


def _ethnicity(rng, c: County) -> str:
    code, c4, p = c.code, c.code[:4], c.code[:2]
    r = rng.random()
    if p == "64":
        return "回" if r < 0.35 else "汉"
    if c4 == "6229":
        if code == "622926":
            return "东乡" if r < 0.8 else ("回" if r < 0.9 else "汉")
        if code == "622927":
            return "撒拉" if r < 0.1 else ("东乡" if r < 0.3 else ("回" if r < 0.6 else "汉"))
        return "回" if r < 0.4 else ("东乡" if r < 0.5 else "汉")
    if c4 == "6230":
        return "藏" if r < 0.55 else ("回" if r < 0.65 else "汉")
    if code == "620623":  # 天祝
        return "藏" if r < 0.3 else "汉"
    if code == "620525":  # 张家川
        return "回" if r < 0.65 else "汉"
    if p == "63":
        if code == "630225":  # 循化
            return "撒拉" if r < 0.6 else ("藏" if r < 0.75 else ("回" if r < 0.85 else "汉"))
        if code == "630224":  # 化隆
            return "回" if r < 0.5 else ("藏" if r < 0.7 else "汉")
        if c4 in ("6322", "6323", "6325", "6326", "6327"):
            return "藏" if r < 0.65 else ("回" if r < 0.75 else "汉")
        if c4 == "6328":
            return "蒙古" if r < 0.15 else ("藏" if r < 0.3 else "汉")
        return "回" if r < 0.18 else ("藏" if r < 0.25 else "汉")
    if p == "15":
        share = 0.3 if c.region == "蒙东" else 0.12
        return "蒙古" if r < share else ("回" if r < share + 0.01 else "汉")
    if p == "65":
        return "维吾尔" if r < 0.5 else ("回" if r < 0.55 else "汉")
    if p == "54":
        return "藏" if r < 0.9 else "汉"
    if p == "21":
        hot = c.name[:2] in ("岫岩", "新宾", "清原", "本溪", "桓仁", "宽甸", "凤城")
        return "满" if r < (0.5 if hot else 0.1) else "汉"
    if p == "22":
        if c4 == "2224":
            return "朝鲜" if r < 0.3 else "汉"
        return "满" if r < (0.4 if c.name.startswith("伊通") else 0.05) else "汉"
    if p == "23":
        return "满" if r < 0.03 else "汉"
    if p == "13":
        hot = c.name[:2] in ("丰宁", "围场", "宽城", "青龙")
        return "满" if r < (0.4 if hot else 0.02) else ("回" if r < 0.04 else "汉")
    if p in ("62", "61", "41", "37"):
        return "回" if r < 0.025 else "汉"
    return "汉"


class Person:
    __slots__ = ("sex", "eth", "county", "town", "village", "surname", "given", "kind", "name", "variants",
                 "jingming", "han_name", "xiaoming", "old_name", "birth", "order", "scenario", "health",
                 "missing", "delay_days", "height", "child_height", "marks", "work_city", "work_kind",
                 "phone", "landline", "id_seq", "channel", "missing_ctx")


def _era(year: int) -> str:
    if year < 1966:
        return "old"
    if year < 1988:
        return "mid"
    return "young"


def _han_given(rng, sex, year):
    era = _era(year)
    key = ("m" if sex == "男" else "f", era)
    pool = GIVEN[key]
    if rng.random() < 0.15:
        # neighbouring era
        era2 = {"old": "mid", "mid": rng.choice(["old", "young"]), "young": "mid"}[era]
        pool = GIVEN[(key[0], era2)]
    return rng.choice(pool)


def _surname(rng, region: str) -> str:
    boost = REGION_SURNAME_BOOST.get(region)
    if boost and rng.random() < 0.35:
        pairs = [(s, w * boost.get(s, 1.0)) for s, w in SURNAMES if s in boost]
        if pairs:
            return wpick(rng, pairs)
    return wpick(rng, SURNAMES)


def make_person(w: World, rng: random.Random) -> Person:
    p = Person()
    c = w.pick_county(rng)
    p.county = c
    p.town = rng.choice(c.towns)
    p.village = rng.choice(c.villages)
    p.scenario = wpick(rng, SCENARIOS)
    sc = p.scenario
    # sex
    male_share = {"child": 0.6, "elder": 0.5, "mental": 0.68, "intellectual": 0.65, "migrant": 0.9, "deaf": 0.6}[sc]
    p.sex = "男" if rng.random() < male_share else "女"
    # dates
    if sc == "child":
        y = int(rng.triangular(1982, 2008, 1992))
        p.missing = _date_between(rng, _dt.date(y, 1, 1), _dt.date(y, 12, 31))
        age = int(rng.triangular(1, 12, 4))
        p.delay_days = None
    elif sc == "elder":
        y = int(rng.triangular(2012, 2024.99, 2024))
        p.missing = _date_between(rng, _dt.date(y, 1, 1), _dt.date(y, 12, 31))
        age = int(rng.triangular(62, 90, 76))
    elif sc in ("mental", "intellectual", "deaf"):
        y = int(rng.triangular(1998, 2024.99, 2019))
        p.missing = _date_between(rng, _dt.date(y, 1, 1), _dt.date(y, 12, 31))
        lo, hi, mode = {"mental": (16, 60, 32), "intellectual": (12, 50, 22), "deaf": (10, 50, 25)}[sc]
        age = int(rng.triangular(lo, hi, mode))
    else:
        y = int(rng.triangular(1995, 2023.99, 2012))
        p.missing = _date_between(rng, _dt.date(y, 1, 1), _dt.date(y, 12, 31))
        age = int(rng.triangular(18, 55, 35))
    if p.missing > NOW:
        p.missing = NOW - _dt.timedelta(days=rng.randrange(30, 400))
    by = p.missing.year - age
    p.birth = _date_between(rng, _dt.date(by - 1, p.missing.month, 1) + _dt.timedelta(days=1),
                            _dt.date(by, p.missing.month, 1))
    # delay until found (days)
    r = rng.random()
    if sc == "child":
        p.delay_days = -1  # decided at intake (found as adult)
    elif sc == "elder":
        p.delay_days = rng.randint(1, 14) if r < 0.7 else (rng.randint(15, 90) if r < 0.9 else rng.randint(91, 1500))
    elif sc == "migrant":
        p.delay_days = int(rng.uniform(1, 20) * 365)
    else:
        p.delay_days = (rng.randint(1, 30) if r < 0.3 else
                        rng.randint(31, 365) if r < 0.6 else int(rng.uniform(1, 15) * 365))
    p.health = {"elder": "dementia" if rng.random() < 0.8 else None, "mental": "mental",
                "intellectual": "intellectual", "deaf": "deaf"}.get(sc)
    if sc == "child" and rng.random() < 0.1:
        p.health = "intellectual"
    if sc == "migrant" and rng.random() < 0.35:
        p.health = "mental"
    p.order = wpick(rng, [(1, 35), (2, 30), (3, 20), (4, 10), (5, 5)])
    # names
    p.eth = _ethnicity(rng, c)
    _make_name(w, rng, p)
    # body
    if p.sex == "男":
        p.height = int(round(rng.gauss(168, 6)))
    else:
        p.height = int(round(rng.gauss(157, 5.5)))
    if sc == "elder":
        p.height -= rng.randint(0, 4)
    if sc == "child":
        ma = _years(p.birth, p.missing)
        p.child_height = int(75 + 6.5 * ma + rng.gauss(0, 4))
    else:
        p.child_height = None
    nm = wpick(rng, [(0, 35), (1, 35), (2, 20), (3, 10)])
    marks = []
    for _ in range(nm):
        i = wpick(rng, list(zip(range(len(MARKS)), MARK_WEIGHTS)))
        if any(m[0] == i for m in marks):
            continue
        mid, sided, congenital, _ph = MARKS[i]
        side = rng.choice("左右") if sided else ""
        word = rng.choice(TATTOO_WORDS)
        # acquired after going missing?
        after = (not congenital) and rng.random() < (0.6 if sc == "child" else 0.25)
        marks.append((i, side, word, after))
    p.marks = marks
    # work / context
    p.work_city = rng.choice(WORK_CITIES)
    p.work_kind = rng.choice(WORK_KINDS)
    p.missing_ctx = rng.random()
    # phones
    p.phone = rng.choice(MOBILE_PREFIX) + "%08d" % rng.randrange(10 ** 8)
    codes = AREA_CODES.get(c.code[:2]) or ["0%d%d%d" % (rng.randint(5, 9), rng.randint(1, 9), rng.randint(0, 9))]
    ac = rng.choice(codes)
    p.landline = ac + "-" + str(rng.randint(2, 8)) + "%0*d" % (7 - len(ac) + 3 if len(ac) == 3 else 6, rng.randrange(10 ** 7 if len(ac) == 3 else 10 ** 6))
    p.id_seq = rng.randrange(0, 500) * 2 + (1 if p.sex == "男" else 0)
    p.channel = wpick(rng, [("online", 40), ("paper", 35), ("police", 25)])
    return p


def _make_name(w: World, rng, p: Person):
    c = p.county
    eth = p.eth
    sexk = "m" if p.sex == "男" else "f"
    p.variants = []
    p.jingming = ""
    p.han_name = ""
    p.old_name = ""
    p.kind = "han"
    year = p.birth.year
    if eth in ("蒙古", "维吾尔", "藏") and not (eth == "蒙古" and rng.random() < 0.3):
        if eth == "维吾尔":
            own = rng.choice(UYGHUR[sexk]).split("/")
            father = rng.choice(UYGHUR["m"]).split("/")
            p.kind = "uyghur"
            p.surname = father[0]  # father's name plays the surname role
            p.given = own[0]
            p.name = own[0] + "·" + father[0]
            p.variants = [a + "·" + b for a in own for b in father if (a, b) != (own[0], father[0])]
        else:
            pool = MONGOL if eth == "蒙古" else TIBETAN
            parts = rng.choice(pool[sexk]).split("/")
            p.kind = "mongol" if eth == "蒙古" else "tibetan"
            if eth == "藏" and rng.random() < 0.15:
                extra = rng.choice(pool[sexk]).split("/")[0]
                if extra != parts[0]:
                    parts = [parts[0] + extra] + [v + extra for v in parts[1:]]
            p.surname = ""
            p.given = parts[0]
            p.name = parts[0]
            p.variants = parts[1:]
            if eth == "蒙古" and rng.random() < 0.2:
                p.han_name = _surname(rng, c.region) + _han_given(rng, p.sex, year)
    else:
        if eth == "回":
            sn = wpick(rng, HUI_SURNAMES)
        elif eth == "东乡":
            sn = wpick(rng, DONGXIANG_SURNAMES)
        elif eth == "撒拉":
            sn = wpick(rng, SALAR_SURNAMES)
        elif eth == "满":
            sn = wpick(rng, MANCHU_SURNAMES)
        elif eth == "朝鲜":
            sn = wpick(rng, KOREAN_SURNAMES)
        else:
            sn = _surname(rng, c.region)
        if eth == "朝鲜":
            gv = rng.choice(KOREAN_GIVEN[sexk])
        elif eth in ("东乡", "撒拉") and rng.random() < 0.45:
            gv = rng.choice(JINGMING[sexk])
        else:
            gv = _han_given(rng, p.sex, year)
        p.surname, p.given = sn, gv
        p.name = sn + gv
        if eth in ("回", "东乡", "撒拉"):
            jm = rng.choice(JINGMING[sexk])
            if jm != gv:
                p.jingming = jm
        if rng.random() < 0.08:
            p.old_name = sn + _han_given(rng, p.sex, year)
            if p.old_name == p.name:
                p.old_name = ""
    p.xiaoming = _xiaoming(rng, p)


def _xiaoming(rng, p: Person) -> str:
    if p.kind != "han" and rng.random() < 0.7:
        return ""
    if rng.random() < 0.25:
        return ""
    reg = p.county.region
    g = p.given[-1] if p.given else ""
    if reg in SOUTH:
        pool = NICK_SOUTH_M if p.sex == "男" else NICK_SOUTH_F
        return rng.choice(pool).format(g=g)
    k = rng.random()
    if k < 0.25 and g:
        return ("小" + g) if rng.random() < 0.6 else g + g
    if k < 0.35:
        n = cn_num(p.order) if p.order > 1 else "大"
        return n + ("娃" if reg in NORTHWEST else "小") if p.sex == "男" else n + ("女" if reg in NORTHWEST else "丫")
    if p.sex == "男":
        return rng.choice(NICK_NW_M if reg in NORTHWEST and rng.random() < 0.6 else NICK_NORTH_M)
    return rng.choice(NICK_NW_F if reg in NORTHWEST and rng.random() < 0.6 else NICK_NORTH_F)


def found_date(p: Person, rng: random.Random) -> _dt.date:
    if p.scenario == "child":
        lo = max(p.missing + _dt.timedelta(days=365 * 10), _dt.date(2012, 1, 1))
        if lo > NOW:
            lo = NOW - _dt.timedelta(days=200)
        return _date_between(rng, lo, NOW)
    d = p.missing + _dt.timedelta(days=p.delay_days)
    if d > NOW:
        d = _date_between(rng, p.missing + _dt.timedelta(days=1), NOW)
    return d


# ----------------------------------------------------------------------------------------------
# Formatting helpers
# ----------------------------------------------------------------------------------------------

def fmt_date(rng, d: _dt.date, style: str) -> str:
    y, m, dd = d.year, d.month, d.day
    if style == "full":
        f = wpick(rng, [("%Y-%m-%d", 30), ("%Y/%-m/%-d", 15), ("%Y年%-m月%-d日", 25), ("%Y%m%d", 12),
                        ("%Y.%-m.%-d", 10), ("%Y.%m.%d", 8)])
        return f.replace("%Y", str(y)).replace("%-m", str(m)).replace("%m", "%02d" % m) \
                .replace("%-d", str(dd)).replace("%d", "%02d" % dd)
    if style == "ym":
        f = wpick(rng, [("Y年M月", 40), ("Y.M", 18), ("Y-MM", 12), ("yy年M月", 10), ("Y年M月份", 8),
                        ("Y/M", 6), ("YMM", 6)])
        return f.replace("yy", "%02d" % (y % 100)).replace("Y", str(y)).replace("MM", "%02d" % m).replace("M", str(m))
    # year
    f = wpick(rng, [("Y", 40), ("Y年", 40), ("yy年", 10), ("Y年左右", 10)])
    return f.replace("yy", "%02d" % (y % 100)).replace("Y", str(y))


def id_checksum(body17: str) -> str:
    wts = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(a) * b for a, b in zip(body17, wts))
    return "10X98765432"[s % 11]


def id_number(p: Person, rng) -> str:
    area = p.county.code
    if p.county.old_codes and rng.random() < 0.3:
        area = rng.choice(p.county.old_codes)
    body = area + p.birth.strftime("%Y%m%d") + "%03d" % p.id_seq
    return body + id_checksum(body)


def py_syllables(s: str, wrong_poly=False) -> list[str]:
    out = []
    for i, ch in enumerate(s):
        if i == 0 and ch in POLY_SURNAMES and wrong_poly:
            out.append(POLY_SURNAMES[ch][1])
        else:
            out.append(CHAR_PY.get(ch, "x"))
    return out


_TONED = dict(x.split(":") for x in """王:wáng 李:lǐ 张:zhāng 刘:liú 陈:chén 杨:yáng 赵:zhào 黄:huáng 周:zhōu
吴:wú 徐:xú 孙:sūn 胡:hú 朱:zhū 高:gāo 林:lín 何:hé 郭:guō 马:mǎ 罗:luó 建:jiàn 国:guó 军:jūn 华:huá
伟:wěi 明:míng 强:qiáng 丽:lì 红:hóng 英:yīng 秀:xiù 兰:lán 芳:fāng 海:hǎi 平:píng 志:zhì 文:wén 东:dōng
小:xiǎo 晓:xiǎo 玉:yù 春:chūn 金:jīn 宝:bǎo 山:shān 生:shēng 德:dé 福:fú 永:yǒng 勇:yǒng 刚:gāng 杰:jié
涛:tāo 磊:lěi 静:jìng 燕:yàn 梅:méi 霞:xiá 敏:mǐn 娟:juān 凤:fèng 桂:guì 珍:zhēn 云:yún 龙:lóng 峰:fēng
亮:liàng 鹏:péng 浩:hào 宇:yǔ 子:zǐ 欣:xīn 雨:yǔ 佳:jiā 琪:qí 婷:tíng 振:zhèn 庆:qìng 卫:wèi 民:mín
荣:róng 成:chéng 力:lì 光:guāng 天:tiān 辉:huī 斌:bīn 波:bō 超:chāo 俊:jùn 雪:xuě 艳:yàn 吕:lǚ 于:yú
田:tián 任:rèn 宋:sòng 郑:zhèng 韩:hán 冯:féng 孟:mèng 白:bái 牛:niú 贾:jiǎ 魏:wèi 薛:xuē""".split())


def _toned(s: str) -> list[str] | None:
    out = [_TONED.get(ch) for ch in s]
    return None if None in out else out


def _lv(syl: str, rng) -> str:
    if "v" not in syl:
        return syl
    return syl.replace("v", rng.choice(["v", "u", "ü", "yu" if syl.startswith("l") and len(syl) == 2 else "u"]))


# ----------------------------------------------------------------------------------------------
# Reports
# ----------------------------------------------------------------------------------------------

REPORT_COLS = ["ref", "name", "alt_names", "sex", "birth_date", "hometown", "missing_date", "missing_place",
               "height_cm", "features", "dialect", "contact_phone", "photos"]
INTAKE_COLS = ["ref", "name", "sex", "age_estimate", "found_date", "found_place", "height_cm", "features",
               "dialect", "place_hints", "photos"]
CATEGORIES = ["full_exact", "homophone", "dialect", "pinyin", "given_only", "nickname", "none"]


def _use_old(rng, p: Person, prob: float) -> bool:
    return p.missing.year < 2005 and rng.random() < prob


def report_hometown(rng, p: Person) -> str:
    c = p.county
    ch = p.channel
    old = (c.old_names or c.old_prefs) and ch != "police" and _use_old(rng, p, 0.35)
    county = rng.choice(c.old_names) if old and c.old_names and rng.random() < 0.7 else c.name
    pref = rng.choice(c.old_prefs) if old and c.old_prefs else c.pref
    if pref == c.prov:
        pref = ""
    if ch == "police":
        s = c.prov + pref + county + p.town + p.village
        if rng.random() < 0.5:
            s += rng.choice(["%d组" % rng.randint(1, 9), "%d号" % rng.randint(1, 120), "村%d社" % rng.randint(1, 8)])
        return s
    if ch == "paper":
        parts = []
        if rng.random() < 0.7:
            parts.append(c.prov if rng.random() < 0.4 else c.prov_short)
        if pref and rng.random() < 0.7:
            parts.append(pref if rng.random() < 0.5 else _short(pref))
        parts.append(county if rng.random() < 0.75 else _short(county))
        if rng.random() < 0.7:
            parts.append(p.town if rng.random() < 0.7 else p.town[:-1])
        if rng.random() < 0.5:
            parts.append(p.village)
        return "".join(parts)
    # online free text
    prov = c.prov if rng.random() < 0.5 else c.prov_short
    t = wpick(rng, [(0, 30), (1, 20), (2, 20), (3, 15), (4, 15)])
    dist = rng.choice(["十几里", "二十多里", "七八里", "三十里", "不远", "五公里"])
    if t == 0:
        return f"家住{prov}{pref}{county}{p.town}，离镇上{dist}"
    if t == 1:
        return f"{prov}{_short(county)}人，{p.village}的"
    if t == 2:
        return f"老家是{pref}{county}{p.town}{p.village}"
    if t == 3:
        return f"{c.prov_short}{_short(pref) if pref else ''}{_short(county)}{p.town[:-1]}"
    return f"{county}{p.town}{p.village}，{rng.choice(_landmarks(c))}"


def _landmarks(c: County) -> list[str]:
    if c.region in LANDMARKS:
        return LANDMARKS[c.region] + LANDMARKS_ANY[:2]
    if c.region in SOUTH:
        return LANDMARKS_SOUTH
    return LANDMARKS_ANY


def report_missing(rng, p: Person) -> tuple[str, str]:
    ch = p.channel
    d = p.missing
    # date
    if ch == "police":
        date_s = fmt_date(rng, d, "full" if rng.random() < 0.8 else "ym")
    elif ch == "paper":
        date_s = fmt_date(rng, d, wpick(rng, [("full", 35), ("ym", 45), ("y", 20)]))
    else:
        r = rng.random()
        if r < 0.1:
            date_s = f"{d.year}年春节后" if d.month <= 3 else f"{d.year}年{d.month}月中旬"
        else:
            date_s = fmt_date(rng, d, wpick(rng, [("full", 30), ("ym", 55), ("y", 15)]))
    if rng.random() < 0.04:
        date_s = ""
    # place
    c = p.county
    sc = p.scenario
    k = p.missing_ctx
    home = c.name + (p.town if rng.random() < 0.6 else "")
    if sc == "migrant" or (sc in ("mental", "deaf") and k < 0.3):
        place = f"在{p.work_city}{p.work_kind if rng.random() < 0.5 else ''}打工时失联"
        if ch == "online" and rng.random() < 0.6:
            place = f"{d.year}年{d.month}月在{p.work_city}打工时失联"
        elif ch == "police":
            place = p.work_city + "市"
    elif sc == "child":
        place = rng.choice([f"在{home}家门口玩耍时走失", f"{home}集市上走失", f"{c.short}县城被拐",
                            f"{PROV_CAPITAL.get(c.code[:2], c.pref_short)}火车站走失", f"{home}"])
        if ch == "online" and rng.random() < 0.5:
            place = f"{d.year}年在{home}被人贩子拐走"
    elif sc == "elder":
        place = rng.choice([f"{home}家中出走", f"{home}赶集时走失", f"去{c.pref_short or c.short}看病时走失",
                            f"{c.name}{p.village}附近", f"在{PROV_CAPITAL.get(c.code[:2], '')}儿子家附近走失"])
    else:
        place = rng.choice([f"从{home}家里出走", f"{home}", f"在{c.pref_short or c.short}走失",
                            f"外出后未归（{c.name}）"])
    if ch == "police" and sc != "migrant":
        place = c.prov + c.pref + c.name + (p.town if rng.random() < 0.5 else "")
    return date_s, place


def report_birth(rng, p: Person) -> str:
    b = p.birth
    if rng.random() < 0.08 and p.channel != "police":
        b = _dt.date(b.year + rng.choice([-1, 1]), b.month, min(b.day, 28))
    if p.channel == "police":
        return fmt_date(rng, b, "full") if rng.random() < 0.9 else b.strftime("%Y%m%d")
    if p.channel == "paper":
        st = wpick(rng, [("y", 45), ("ym", 20), ("full", 35)])
        if rng.random() < 0.05:
            return ""
        return fmt_date(rng, b, st)
    r = rng.random()
    if r < 0.10:
        return ""
    if r < 0.65:
        return rng.choice([f"{b.year}年生", f"{b.year}", f"{b.year % 100:02d}年", f"{b.year}年出生", f"{b.year}年"])
    if r < 0.8:
        return fmt_date(rng, b, "ym")
    return fmt_date(rng, b, "full")


def report_height(rng, p: Person) -> str:
    if rng.random() > 0.55:
        return ""
    if p.child_height:
        h = p.child_height
        return rng.choice([f"{h}", f"走失时约{h}cm", f"{h}厘米左右", f"约{(h // 10) * 10}"])
    h = p.height + rng.randint(-5, 5)
    r = rng.random()
    h5 = int(round(h / 5.0) * 5)
    if r < 0.35:
        return str(h)
    if r < 0.55:
        return str(h5)
    if r < 0.7:
        return f"{h5}cm"
    if r < 0.82:
        m, cm = divmod(h5, 100)
        tail = CN_DIGITS[cm // 10] + (CN_DIGITS[cm % 10] if cm % 10 else "")
        return f"{cn_num(m)}米{tail}" + ("左右" if rng.random() < 0.5 else "")
    if r < 0.92:
        return f"1米{h5 - 100}"
    return f"{h5 - 5}-{h5}"


def mark_text(rng, mi: int, side: str, word: str, avoid: str | None = None, drop_side=False) -> str:
    _, sided, _, ph = MARKS[mi]
    choices = [x for x in ph if x != avoid] or ph
    t = rng.choice(choices)
    s = side
    if drop_side:
        s = ""
    return t.replace("{s}", s).replace("{w}", word)


def report_features(rng, p: Person) -> tuple[str, list]:
    parts = []
    used = []
    for (mi, side, word, after) in p.marks:
        if after:
            continue
        if rng.random() < 0.85:
            t = mark_text(rng, mi, side, word)
            used.append((mi, t))
            parts.append(t)
    if p.health and rng.random() < 0.75:
        parts.append(rng.choice(HEALTH[p.health][0]))
    if p.channel == "online" and rng.random() < 0.5:
        parts.append(f"走时穿{rng.choice(COLORS)}{rng.choice(CLOTHES)}")
    if p.eth not in ("汉",) and rng.random() < 0.4:
        parts.append(p.eth + "族")
    sep = rng.choice(["，", "；", ",", "。", " "])
    return sep.join(parts), used


def report_dialect(rng, p: Person) -> str:
    if rng.random() > 0.35:
        return ""
    c = p.county
    if p.eth == "蒙古" and p.kind == "mongol" and rng.random() < 0.5:
        return rng.choice(["会说蒙语", "蒙古语", "蒙语和汉语"])
    if p.eth == "维吾尔" and rng.random() < 0.6:
        return rng.choice(["维语", "只会说维吾尔语", "维吾尔语，汉语不好"])
    if p.eth == "藏" and rng.random() < 0.5:
        return rng.choice(["藏语", "安多藏语", "会说藏语"])
    if p.eth == "东乡" and rng.random() < 0.5:
        return rng.choice(["东乡话", "说东乡语"])
    if p.eth == "撒拉" and rng.random() < 0.5:
        return "撒拉语"
    if p.scenario == "deaf":
        return "聋哑"
    return rng.choice([f"{c.prov_short}话", f"说{c.short}话", rng.choice(ACCENT_LABELS.get(c.region, ["普通话"])),
                       f"{c.prov_short}口音", "普通话" if p.birth.year > 1985 else f"{c.prov_short}方言"])


def report_phone(rng, p: Person) -> str:
    r = rng.random()
    mob = p.phone
    if p.channel == "online" and rng.random() < 0.25:
        mob = mob[:3] + "****" + mob[-4:]
    elif rng.random() < 0.05:
        mob = mob[:3] + "-" + mob[3:7] + "-" + mob[7:]
    land = p.landline
    if rng.random() < 0.3:
        land = land.replace("-", "") if rng.random() < 0.5 else "(" + land.replace("-", ")")
    if r < 0.72:
        return mob
    if r < 0.84:
        return land
    if r < 0.94:
        return mob + rng.choice([";", "/", "，", " "]) + land
    return ""


def report_alt(rng, p: Person) -> str:
    alts = []
    if p.xiaoming and rng.random() < 0.5:
        alts.append(p.xiaoming)
    if p.jingming and rng.random() < 0.75:
        alts.append(p.jingming if rng.random() < 0.6 else p.surname + p.jingming)
    if p.variants and rng.random() < 0.4:
        alts.append(rng.choice(p.variants))
    if p.han_name and rng.random() < 0.7:
        alts.append(p.han_name)
    if p.old_name and rng.random() < 0.7:
        alts.append(p.old_name)
    rng.shuffle(alts)
    return rng.choice([";", "、", "; "]).join(alts)


def report_name(rng, p: Person) -> str:
    n = p.name
    if p.kind == "uyghur":
        n = n.replace("·", rng.choice(["·", "·", "•", ".", ""]))
    if p.channel == "online" and rng.random() < 0.02:
        n = n + "（小名" + p.xiaoming + "）" if p.xiaoming else n
    return noisy(rng, n, 0.0, 0.02, 0.03)


def make_report(w: World, rng: random.Random, p: Person, ref: str) -> list[str]:
    date_s, place = report_missing(rng, p)
    feats, _ = report_features(rng, p)
    sex = p.sex if rng.random() > 0.02 else ""
    return [
        ref,
        report_name(rng, p),
        report_alt(rng, p),
        sex,
        noisy(rng, report_birth(rng, p), 0.04, 0, 0.01),
        noisy(rng, report_hometown(rng, p), 0.02, 0.02, 0.03),
        noisy(rng, date_s, 0.04, 0, 0.01),
        noisy(rng, place, 0.02, 0.02, 0.02),
        noisy(rng, report_height(rng, p), 0.04, 0, 0.01),
        noisy(rng, feats, 0.01, 0.02, 0.02),
        noisy(rng, report_dialect(rng, p), 0, 0.02, 0.02),
        noisy(rng, report_phone(rng, p), 0.03, 0, 0.02),
        "",
    ]


def report_ref(p: Person, i: int) -> str:
    pfx = {"online": "WXQ", "paper": "JT", "police": "GA"}[p.channel]
    return f"{pfx}{p.missing.year}-{i:07d}"


# ----------------------------------------------------------------------------------------------
# Intake name rendering
# ----------------------------------------------------------------------------------------------

CAT_WEIGHTS = {
    "child": [11, 8, 3, 3, 19, 30, 26],
    "elder": [34, 16, 14, 2, 6, 8, 20],
    "mental": [29, 15, 11, 8, 9, 9, 19],
    "intellectual": [24, 14, 10, 5, 12, 12, 23],
    "migrant": [36, 16, 12, 9, 8, 7, 12],
    "deaf": [25, 10, 0.5, 5, 2, 1, 56.5],
}
NONE_NAMES = ["", "", "", "无法表述", "不详", "不知道", "未知", "无", "说不清", "（无）", "无名氏", "拒绝回答"]


def _homophone_sub(rng, ch: str, pos0: bool) -> str | None:
    if pos0 and ch in POLY_SURNAMES:
        r, wrong = POLY_SURNAMES[ch]
        syl = r if rng.random() < 0.7 else wrong
        opts = [x for x in PY_GROUPS.get(syl, []) if x != ch]
        return rng.choice(opts) if opts else None
    syl = CHAR_PY.get(ch)
    if not syl:
        return None
    opts = [x for x in PY_GROUPS.get(syl, []) if x != ch]
    return rng.choice(opts) if opts else None


def name_homophone(rng, p: Person) -> str | None:
    if p.kind in ("mongol", "tibetan"):
        if p.variants:
            return rng.choice(p.variants)
        return None
    if p.kind == "uyghur":
        return rng.choice(p.variants).replace("·", rng.choice(["·", "", " "])) if p.variants else None
    name = p.name
    idxs = list(range(len(name)))
    rng.shuffle(idxs)
    n_sub = 2 if (rng.random() < 0.3 and len(name) >= 3) else 1
    chars = list(name)
    done = 0
    for i in idxs:
        sub = _homophone_sub(rng, chars[i], i == 0)
        if sub:
            chars[i] = sub
            done += 1
            if done >= n_sub:
                break
    if not done:
        return None
    out = "".join(chars)
    r = rng.random()
    if r < 0.08:
        out += rng.choice(["（音）", "(音)", "(同音)"])
    elif r < 0.14 and len(out) >= 3:
        j = rng.randrange(1, len(out))
        if out[j] == name[j]:
            out = out[:j] + rng.choice(["?", "？", "□", "X"]) + out[j + 1:]
    return out


def dialect_feasible(p: Person) -> bool:
    if p.kind == "tibetan":
        return any(k in p.name for k in TIBETAN_DIALECT)
    if p.kind != "han":
        return False
    rules = SOUND_RULES.get(p.county.region, ["zh"])
    for i, ch in enumerate(p.name):
        syl = POLY_SURNAMES[ch][0] if (i == 0 and ch in POLY_SURNAMES) else CHAR_PY.get(ch)
        if syl and any(t in PY_GROUPS for rule in rules for t in _rule_targets(rule, syl)):
            return True
    return False


def name_dialect(rng, p: Person) -> str | None:
    if p.kind == "tibetan":
        for k, v in TIBETAN_DIALECT.items():
            if k in p.name:
                return p.name.replace(k, v)
        return None
    if p.kind in ("mongol", "uyghur"):
        return None
    rules = SOUND_RULES.get(p.county.region, ["zh"])
    name = p.name
    cand = []
    for i, ch in enumerate(name):
        syl = POLY_SURNAMES[ch][0] if (i == 0 and ch in POLY_SURNAMES) else CHAR_PY.get(ch)
        if not syl:
            continue
        for rule in rules:
            for t in _rule_targets(rule, syl):
                if t in PY_GROUPS:
                    cand.append((i, t))
    if not cand:
        return None
    i, t = rng.choice(cand)
    chars = list(name)
    chars[i] = rng.choice(PY_GROUPS[t])
    # sometimes an extra plain homophone slip
    if rng.random() < 0.2 and len(name) >= 3:
        j = rng.choice([k for k in range(len(name)) if k != i])
        sub = _homophone_sub(rng, chars[j], j == 0)
        if sub:
            chars[j] = sub
    out = "".join(chars)
    if rng.random() < 0.06:
        out += "（音）"
    return out


def _typo(rng, s: str) -> str:
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 1)
    k = rng.random()
    if s[i] in " -·":
        return s
    if k < 0.5:
        return s[:i] + s[i + 1:]
    if k < 0.75:
        return s[:i] + s[i] + s[i:]
    if s[i + 1] in " -·":
        return s
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


def name_pinyin(rng, p: Person) -> str:
    if p.kind == "uyghur":
        a = "".join(py_syllables(p.given)).capitalize()
        b = "".join(py_syllables(p.surname)).capitalize()
        s = rng.choice([f"{a}·{b}", f"{a.upper()} {b.upper()}", f"{a} {b}", a, f"{a}{b}".lower()])
    elif p.kind in ("mongol", "tibetan"):
        if p.name in ROMAN and rng.random() < 0.3:
            s = ROMAN[p.name]
        else:
            syls = py_syllables(p.name)
            s = rng.choice(["".join(syls).capitalize(), " ".join(x.capitalize() for x in syls),
                            "".join(syls).upper(), "".join(syls)])
    else:
        wrong = p.surname in POLY_SURNAMES and rng.random() < 0.4
        ss = py_syllables(p.surname, wrong_poly=wrong)
        gs = py_syllables(p.given)
        ss = [_lv(x, rng) for x in ss]
        gs = [_lv(x, rng) for x in gs]
        tS, tG = _toned(p.surname), _toned(p.given)
        if tS and tG and rng.random() < 0.08:
            ss, gs = tS, tG
        S = "".join(ss)
        G = "".join(gs)
        st = wpick(rng, [(0, 30), (1, 12), (2, 12), (3, 12), (4, 10), (5, 5), (6, 6), (7, 8), (8, 5)])
        if st == 0:
            s = f"{S.capitalize()} {G.capitalize()}"
        elif st == 1:
            s = (S + G).lower()
        elif st == 2:
            s = f"{S} {G}".upper()
        elif st == 3:
            s = " ".join(ss + gs)
        elif st == 4:
            s = f"{G.capitalize()} {S.capitalize()}"
        elif st == 5:
            s = "-".join(x.capitalize() if i == 0 else x for i, x in enumerate(gs)) + " " + S.capitalize()
        elif st == 6:
            s = S.capitalize() + G.capitalize()
        elif st == 7:
            s = " ".join(x.capitalize() for x in ss + gs)
        else:
            s = f"{S} {G}"
    if rng.random() < 0.15:
        s = _typo(rng, s)
    return s


def name_nickname(rng, p: Person) -> str | None:
    if p.scenario == "child":
        g = p.given[-1] if p.given else ""
        opts = [(p.xiaoming, 80)] if p.xiaoming else []
        if g and p.kind == "han":
            opts += [("小" + g, 12), (g + g, 8)]
        if p.jingming:
            opts.append((p.jingming, 10))
        return wpick(rng, opts) if opts else None
    opts = []
    if p.xiaoming:
        opts.append((p.xiaoming, 45))
    if p.jingming:
        opts.append((p.jingming, 40))
        opts.append((p.surname + p.jingming, 10))
    age_adult = True
    male = p.sex == "男"
    if p.surname and p.kind == "han" and age_adult:
        opts.append(("老" + p.surname, 15 if male else 2))
        if p.order >= 2 and male:
            opts.append((p.surname + "老" + cn_num(p.order), 10))
        opts.append(("小" + p.surname, 4))
        opts.append(("大" + p.surname, 3 if male else 1))
    if p.given and p.kind == "han":
        g = p.given[-1]
        if "小" + g != p.given:
            opts.append(("小" + g, 8))
        if p.county.region in SOUTH:
            opts.append(("阿" + g, 6))
            opts.append((g + "仔", 3))
        if p.county.region in ("东北", "蒙东", "大连", "北京", "天津", "河北", "唐山"):
            opts.append(("小" + g + "儿", 4))
    if p.han_name:
        opts.append((p.han_name, 20))
    if not opts:
        return None
    return wpick(rng, opts)


def render_intake_name(rng, p: Person, want: str) -> tuple[str, str]:
    """Return (name, category) trying the wanted category, falling back sensibly."""
    order = [want] + (["nickname"] if want == "given_only" else []) + \
        [c for c in ("homophone", "full_exact") if c != want]
    for cat in order:
        if cat == "none":
            return rng.choice(NONE_NAMES), "none"
        if cat == "full_exact":
            n = p.name
            if p.kind == "uyghur":
                n = n.replace("·", rng.choice(["·", "·", "", " ", "•"]))
            return noisy(rng, n, 0.0, 0.03, 0.04), "full_exact"
        if cat == "homophone":
            n = name_homophone(rng, p)
            if n and n != p.name:
                return noisy(rng, n, 0.0, 0.02, 0.03), "homophone"
        elif cat == "dialect":
            n = name_dialect(rng, p)
            if n and n != p.name:
                return noisy(rng, n, 0.0, 0.02, 0.03), "dialect"
        elif cat == "pinyin":
            return noisy(rng, name_pinyin(rng, p), 0.02, 0, 0.02), "pinyin"
        elif cat == "given_only":
            if p.kind in ("han", "uyghur") and p.surname and len(p.given) >= 2:
                return noisy(rng, p.given, 0.0, 0.02, 0.02), "given_only"
        elif cat == "nickname":
            n = name_nickname(rng, p)
            if n and n != p.name:
                return noisy(rng, n, 0.0, 0.02, 0.02), "nickname"
    return p.name, "full_exact"


# ----------------------------------------------------------------------------------------------
# Intakes
# ----------------------------------------------------------------------------------------------

def _age_text(rng, est: int) -> str:
    est = min(max(est, 1), 98)
    r = rng.random()
    if r < 0.25:
        return f"约{est}岁"
    if r < 0.40:
        return str(est)
    if r < 0.50:
        return f"{est}岁"
    if r < 0.60:
        return f"{est}岁左右"
    if r < 0.72 and est >= 20:
        d = est // 10
        return rng.choice([f"{d * 10}多岁", f"{cn_num(d * 10)}多岁"])
    if r < 0.78 and est >= 20:
        d = int(round(est / 10.0))
        return f"{cn_num(d * 10)}来岁"
    if r < 0.85 and est >= 20:
        d = est // 10
        if est % 10 < 5:
            return f"{cn_num(d - 1)}{cn_num(d)}十岁" if d >= 3 else f"{d * 10 - 5}-{d * 10 + 5}岁"
        return f"{cn_num(d)}{cn_num(d + 1)}十岁" if d + 1 <= 9 else f"{d * 10}多岁"
    if r < 0.90:
        lo = est - rng.choice([3, 5])
        return rng.choice([f"{lo}-{lo + 10}岁", f"{lo}～{lo + 10}", f"{lo}至{lo + 10}岁"])
    if r < 0.93 and est >= 20:
        t = est % 10
        if t <= 8 and est // 10 >= 2:
            return f"{cn_num(est // 10 * 10)[:-1] if est >= 20 else ''}十{cn_num(t) if t else ''}{cn_num(t + 1)}岁".replace("十零", "十")
        return f"约{est}岁"
    if r < 0.96:
        return "不详"
    if est < 30:
        return "青年"
    if est < 60:
        return "中年"
    return "老年"


def intake_age(rng, p: Person, fd: _dt.date) -> str:
    true = _years(p.birth, fd)
    rough = max(0.0, (fd - p.missing).days / 365.0) if p.scenario != "child" else 3.0
    if p.scenario == "elder" and rough < 1:
        rough = 0
    sd = min(3 + 0.5 * rough, 8)
    bias = min(0.4 * rough, 4)
    est = true + rng.gauss(bias, sd)
    if rng.random() < 0.03:
        est += rng.choice([-1, 1]) * rng.uniform(12, 20)
    est = int(round(max(3, est)))
    return _age_text(rng, est)


def intake_dialect(rng, p: Person) -> str:
    c = p.county
    reg = c.region
    r = rng.random()
    if p.scenario == "deaf":
        return rng.choice(["聋哑", "无法交流", "不能说话", ""])
    if p.eth == "维吾尔" and rng.random() < 0.5:
        return rng.choice(["维语", "说维吾尔语", "新疆口音，汉语不好"])
    if p.eth == "藏" and rng.random() < 0.5:
        return rng.choice(["藏语", "说藏语", "青海口音，会藏语"])
    if p.eth == "蒙古" and p.kind == "mongol" and rng.random() < 0.3:
        return rng.choice(["蒙语", "会说蒙语", "内蒙口音"])
    if p.eth == "东乡" and rng.random() < 0.3:
        return rng.choice(["东乡话", "临夏口音", "说东乡语"])
    if p.eth == "撒拉" and rng.random() < 0.3:
        return rng.choice(["撒拉语", "青海口音"])
    if r < 0.55:
        s = rng.choice(ACCENT_LABELS.get(reg, ["普通话"]))
    elif r < 0.65:
        s = rng.choice(ACCENT_LABELS.get(rng.choice(NEIGHBOURS.get(reg, ["河北"])), ["北方口音"]))
    elif r < 0.73:
        if reg in SOUTH:
            s = rng.choice(["南方口音", "南方人", "南方方言"])
        elif reg in NORTHWEST:
            s = rng.choice(["西北口音", "西北方言", "北方口音"])
        else:
            s = rng.choice(["北方口音", "北方人"])
    elif r < 0.83:
        s = rng.choice(["听不懂", "说话不清", "听不懂的方言", "口齿不清", "言语不清", "不说话"])
    elif r < 0.95:
        s = ""
    else:
        s = "普通话" if rng.random() < 0.6 else rng.choice(["说" + c.prov_short + "话", c.prov_short + "人"])
    if s and r < 0.73 and rng.random() < 0.15:
        if s.endswith("话") or s.endswith("语"):
            s = rng.choice(["说", "讲", "疑似", "像是"]) + s
        elif s.endswith("音") or s.endswith("腔") or s.endswith("味"):
            s = rng.choice(["带", "疑似", "有点"]) + s
    if s and rng.random() < 0.05:
        for a, b in ACCENT_TYPOS.items():
            if a in s:
                s = s.replace(a, b, 1)
                break
    return noisy(rng, s, 0, 0.03, 0.02)


def intake_features(rng, p: Person, report_used: bool) -> str:
    parts = []
    for (mi, side, word, after) in p.marks:
        if rng.random() < 0.75:
            s = side
            if side and rng.random() < 0.05:
                s = "右" if side == "左" else "左"
            drop = bool(side) and rng.random() < 0.15
            parts.append(mark_text(rng, mi, s, word, drop_side=drop))
    # intake-only marks (new injuries)
    if rng.random() < 0.12:
        i = rng.choice([6, 7, 13, 15])
        parts.append(mark_text(rng, i, rng.choice("左右"), rng.choice(TATTOO_WORDS)))
    if p.health and rng.random() < 0.7:
        parts.append(rng.choice(HEALTH[p.health][1]))
    elif rng.random() < 0.1:
        parts.append(rng.choice(["精神状态差", "身体虚弱", "能简单交流", "营养不良"]))
    if rng.random() < 0.4:
        parts.append(f"穿{rng.choice(COLORS)}{rng.choice(CLOTHES)}")
    if rng.random() < 0.2:
        parts.append(rng.choice(["体型偏瘦", "体型中等", "偏胖", "短发", "长发", "光头", "留胡须", "头发花白"]))
    return rng.choice(["，", "；", ",", " "]).join(parts)


def intake_height(rng, p: Person) -> str:
    if rng.random() > 0.65:
        return ""
    h = p.height + rng.randint(-2, 2)
    r = rng.random()
    if r < 0.5:
        return str(h)
    if r < 0.65:
        return f"{h}cm"
    if r < 0.78:
        return f"约{int(round(h / 5.0) * 5)}"
    if r < 0.88:
        return f"{h / 100:.2f}米"
    return f"{h}厘米"


def _nearby_county(w: World, rng, c: County) -> County:
    same = [x for x in w.gaz.by_prov[c.code[:2]] if x.code[:4] == c.code[:4] and x.code != c.code]
    if not same:
        same = w.gaz.by_prov[c.code[:2]]
    return rng.choice(same)


def intake_hints(w: World, rng, p: Person, linked_phone: bool) -> str:
    c = p.county
    sc = p.scenario
    n = wpick(rng, [(0, 35), (1, 30), (2, 20), (3, 11), (4, 4)])
    if sc == "deaf":
        n = min(n, 1)
    hints = []
    if sc == "child":
        kinds = [("landmark", 30), ("village", 12), ("town", 8), ("province", 10), ("county_short", 6),
                 ("near", 6), ("any", 20), ("station", 6), ("work", 8)]
    else:
        kinds = [("county", 14), ("county_short", 10), ("historic", 6), ("pref", 10), ("town", 10),
                 ("village", 8), ("province", 8), ("landmark", 14), ("near", 5), ("school", 3),
                 ("station", 3), ("work", 6), ("wrong", 3)]
    for _ in range(n * 2):
        if len(hints) >= n:
            break
        k = wpick(rng, kinds)
        h = None
        if k in ("county", "county_short") and (c.old_names or c.old_prefs) and \
                (p.birth.year < 1960 or p.missing.year < 2000) and rng.random() < 0.4:
            k = "historic"
        if k == "county":
            h = c.name
        elif k == "county_short":
            h = c.short + rng.choice(["", "", "那边", "人", "的"])
        elif k == "historic":
            opts = c.old_names + c.old_prefs
            if opts:
                h = rng.choice(opts)
        elif k == "pref":
            if c.pref and c.pref != c.prov:
                h = rng.choice([c.pref, c.pref_short, c.pref_short + "那边"])
        elif k == "town":
            h = p.town if rng.random() < 0.5 else p.town[:-1]
        elif k == "village":
            h = p.village if rng.random() < 0.7 else p.village[:-1]
            if rng.random() < 0.15 and len(h) >= 3:
                h = h[0] + rng.choice(["?", "某"]) + h[2:]
        elif k == "province":
            h = rng.choice([c.prov_short + "人", c.prov_short, c.prov, "老家" + c.prov_short])
        elif k == "landmark":
            h = rng.choice(_landmarks(c))
        elif k == "any":
            h = rng.choice(LANDMARKS_ANY + ["小时候住窑洞", "记得家门口有条河", "村里有座庙", "记得在火车站被带走",
                                            "家里有个姐姐", "爷爷放羊"])
        elif k == "near":
            cap = PROV_CAPITAL.get(c.code[:2], "")
            tgt = rng.choice([x for x in (cap, c.pref_short) if x] or [c.prov_short])
            h = rng.choice([f"离{tgt}不远", f"离{tgt}很近", f"{tgt}附近", f"坐车到{tgt}要几个小时"])
        elif k == "school":
            h = rng.choice([f"{p.town[:-1]}小学", f"{c.short}一中", f"{p.village}小学", f"{p.town[:-1]}中学"])
        elif k == "station":
            h = rng.choice([f"{c.short}火车站", f"{c.pref_short or c.short}汽车站", f"{p.town[:-1]}车站"])
        elif k == "work":
            h = rng.choice([f"在{p.work_city}打过工", f"在{p.work_city}{p.work_kind}干过", p.work_city,
                            f"{p.work_city}{p.work_kind}"])
        elif k == "wrong":
            h = _nearby_county(w, rng, c).short
        if h and h not in hints:
            hints.append(h)
    # remembered ID number
    if rng.random() < (0.035 if sc == "migrant" else 0.015) and sc not in ("child", "deaf"):
        idn = id_number(p, rng)
        if rng.random() < 0.3:
            j = rng.randrange(18)
            idn = idn[:j] + str((int(idn[j]) + rng.randint(1, 9)) % 10 if idn[j].isdigit() else 1) + idn[j + 1:]
        hints.append(rng.choice(["身份证号", "自述身份证号", "记得身份证", ""]) + idn)
    if rng.random() < 0.015 and sc != "deaf":
        ph = p.phone
        if not linked_phone:
            ph = rng.choice(MOBILE_PREFIX) + "%08d" % rng.randrange(10 ** 8)
        if rng.random() < 0.3:
            j = rng.randrange(3, 11)
            ph = ph[:j] + str((int(ph[j]) + 1) % 10) + ph[j + 1:]
        elif rng.random() < 0.2:
            ph = ph[:7]
        hints.append(rng.choice(["记得电话", "能说出电话", "家人电话", ""]) + ph)
    sep = rng.choice([";", ";", "；", "; "])
    return noisy(rng, sep.join(hints), 0.02, 0.02, 0.02)


def pick_station(w: World, rng, p: Person):
    c = p.county
    r = rng.random()
    if p.scenario == "elder" and (p.delay_days or 0) < 120 and r < 0.85:
        nm = PROV_STATION.get(c.code[:2])
        if nm:
            return w.station_by_name[nm]
    if p.scenario == "migrant" and r < 0.4:
        cands = [s for s in w.stations if s[0] == p.work_city]
        if cands:
            return cands[0]
    if r < 0.6:
        nm = PROV_STATION.get(c.code[:2])
        if nm:
            return w.station_by_name[nm]
    if c.region in SOUTH and r < 0.8:
        return w.station_by_name[rng.choice(["郑州", "西安", "石家庄", "济南"])]
    return rng.choice(w.stations)


def make_intake(w: World, rng: random.Random, p: Person, j: int, linked: bool) -> tuple[list[str], str]:
    fd = found_date(p, rng)
    st = pick_station(w, rng, p)
    name_, c4, pfx, districts = st
    weights = list(CAT_WEIGHTS[p.scenario])
    # accent slips only happen to names that contain a confusable sound; those names get them
    # more often (realised share ~ the target share)
    weights[2] = weights[2] * 2.1 if dialect_feasible(p) else 0.0
    want = wpick(rng, list(zip(CATEGORIES, weights)))
    name, cat = render_intake_name(rng, p, want)
    sex = p.sex
    if rng.random() < 0.015:
        sex = "女" if sex == "男" else "男"
    if rng.random() < 0.01:
        sex = ""
    ref = f"{pfx}{fd.year}-{j:05d}"
    fd_s = fmt_date(rng, fd, "full")
    place = f"{name_}市{rng.choice(districts) if districts else ''}{rng.choice(SPOTS)}"
    if rng.random() < 0.1:
        place = f"{name_}市" + rng.choice(["火车站", "高速服务区", "郊区", "汽车站"])
    row = [
        ref,
        name,
        sex,
        noisy(rng, intake_age(rng, p, fd), 0.03, 0, 0.01),
        noisy(rng, fd_s, 0.02, 0, 0.01),
        noisy(rng, place, 0.01, 0.02, 0.02),
        noisy(rng, intake_height(rng, p), 0.03, 0, 0.01),
        noisy(rng, intake_features(rng, p, linked), 0.01, 0.02, 0.02),
        intake_dialect(rng, p),
        intake_hints(w, rng, p, linked),
        "",
    ]
    return row, cat


# ----------------------------------------------------------------------------------------------
# Generation
# ----------------------------------------------------------------------------------------------

def _person_for_report(w: World, seed: int, i: int) -> Person:
    return make_person(w, random.Random(f"bw6/{seed}/p/{i}"))


def generate(n_reports: int, n_intakes: int, seed: int, out: str, share_no_report: float = 0.4) -> None:
    t0 = time.time()
    w = world()
    outp = Path(out)
    outp.mkdir(parents=True, exist_ok=True)
    master = random.Random(f"bw6/{seed}/master")
    n_none = int(round(n_intakes * share_no_report))
    n_linked = n_intakes - n_none
    if n_linked > n_reports:
        n_linked = n_reports
        n_none = n_intakes - n_linked
    linked_idx = master.sample(range(n_reports), n_linked) if n_linked else []
    # intake slots: shuffled mix of linked (report index) and unlinked (None)
    slots: list[int | None] = list(linked_idx) + [None] * n_none
    master.shuffle(slots)
    chan = {"online": 0, "paper": 0, "police": 0}
    with open(outp / "reports.csv", "w", encoding="utf-8", newline="") as fh:
        wr = csv.writer(fh)
        wr.writerow(REPORT_COLS)
        for i in range(n_reports):
            p = _person_for_report(w, seed, i)
            chan[p.channel] += 1
            rng = random.Random(f"bw6/{seed}/r/{i}")
            wr.writerow(make_report(w, rng, p, report_ref(p, i)))
    cats: dict[str, int] = {c: 0 for c in CATEGORIES}
    n_lab_none = 0
    with open(outp / "intakes.csv", "w", encoding="utf-8", newline="") as fi, \
            open(outp / "labels.csv", "w", encoding="utf-8", newline="") as fl:
        wi = csv.writer(fi)
        wl = csv.writer(fl)
        wi.writerow(INTAKE_COLS)
        wl.writerow(["intake_ref", "report_ref", "category"])
        for j, idx in enumerate(slots):
            rng = random.Random(f"bw6/{seed}/i/{j}")
            if idx is None:
                p = make_person(w, random.Random(f"bw6/{seed}/u/{j}"))
                rref = ""
                n_lab_none += 1
            else:
                p = _person_for_report(w, seed, idx)
                rref = report_ref(p, idx)
            row, cat = make_intake(w, rng, p, j, idx is not None)
            cats[cat] += 1
            wi.writerow(row)
            wl.writerow([row[0], rref, cat])
    dt = time.time() - t0
    tot = max(n_intakes, 1)
    print(f"blind_world6 seed={seed}: {n_reports} reports, {n_intakes} intakes in {dt:.1f}s", file=sys.stderr)
    print("  intakes without report: %.1f%% (%d)" % (100.0 * n_lab_none / tot, n_lab_none), file=sys.stderr)
    print("  report channels: " + ", ".join("%s %.1f%%" % (k, 100.0 * v / max(n_reports, 1)) for k, v in chan.items()),
          file=sys.stderr)
    print("  name categories: " + ", ".join("%s %.1f%%" % (k, 100.0 * v / tot) for k, v in cats.items()),
          file=sys.stderr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="blind test world 6 (northern stations + online platform)")
    ap.add_argument("--reports", type=int, default=20000)
    ap.add_argument("--intakes", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--no-report-share", type=float, default=0.4, dest="share")
    a = ap.parse_args(argv)
    generate(a.reports, a.intakes, a.seed, a.out, a.share)
    return 0


if __name__ == "__main__":
    sys.exit(main())
