"""Region targeting: which channels should carry a notice, and why.

A notice's region signals (place fragments the person said, an accent, the
hometowns of the best candidate reports) become 6-digit administrative
division codes; a channel subscribed to a code prefix (43 = 湖南省,
4311 = 永州市, 431123 = 双牌县) gets the notice when a signal lies inside it.
A signal must be at least as specific as the subscription: "湖南口音" reaches
a province-wide group, not every county group in Hunan, which would drown
them in notices. Station default channels always get it.

Place names are resolved with the county-level gazetteer shipped in
python-stdnum (stdnum/cn/loc.dat, with historic names such as 思茅 or 襄樊);
a better gazetteer can be passed in.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping

_CODE_RE = re.compile(r"^\d{2}(?:\d{2}(?:\d{2})?)?$")
_ENTRY_RE = re.compile(r"^(?:\[(\d*)-(\d*)\])?(.+)$")

# Suffixes stripped to get the name people say ("双牌县" -> "双牌").
_SUFFIXES = ("特别行政区", "特別行政區", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区",
             "自治州", "自治县", "自治旗", "地区", "林区", "省", "市", "县", "区", "旗", "盟")
_ETHNIC = sorted("""蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤
畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米
塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各
""".split(), key=len, reverse=True)
# Names too common to be a clue on their own.
_GENERIC = {"市辖区", "郊区", "城区", "矿区", "市区", "县", "辖区", "新区", "开发区"}


def normalize_code(code: str) -> str:
    """'430000' -> '43', '431100' -> '4311', '431123' stays: the prefix form."""
    code = code.strip()
    if not _CODE_RE.match(code):
        raise ValueError(f"not an administrative division code: {code!r}")
    if len(code) == 6 and code.endswith("0000"):
        return code[:2]
    if len(code) == 6 and code.endswith("00"):
        return code[:4]
    if len(code) == 4 and code.endswith("00"):
        return code[:2]
    return code


def _short_forms(name: str) -> set[str]:
    forms = {name}
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            base = name[: -len(suffix)]
            forms.add(base)
            # "城步苗族" -> "城步", "湘西土家族苗族" -> "湘西"
            changed = True
            while changed:
                changed = False
                for eth in _ETHNIC:
                    tail = eth + "族"
                    if base.endswith(tail) and len(base) - len(tail) >= 2:
                        base = base[: -len(tail)]
                        forms.add(base)
                        changed = True
                        break
            break
    return {f for f in forms if len(f) >= 2 and f not in _GENERIC}


@dataclass
class Gazetteer:
    """Division codes (prefix form) with current names, and name -> codes."""

    names: dict[str, str] = field(default_factory=dict)          # code -> current name
    current: set[str] = field(default_factory=set)               # codes still in use
    by_name: dict[str, set[str]] = field(default_factory=dict)   # any name/short form -> codes

    def add(self, code: str, entries: list[tuple[str, bool]]) -> None:
        """entries: (name, still_current) in chronological order."""
        code = normalize_code(code)
        live = [n for n, cur in entries if cur]
        self.names[code] = live[-1] if live else entries[-1][0]
        if live:
            self.current.add(code)
        for name, _ in entries:
            for form in _short_forms(name):
                self.by_name.setdefault(form, set()).add(code)

    def label(self, code: str) -> str:
        """'431123' -> '双牌县'; unknown codes come back as ''."""
        return self.names.get(normalize_code(code), "")

    def lookup(self, name: str) -> set[str]:
        """Codes a name may mean: current divisions preferred; a historic name
        (衡阳地区) also yields today's divisions of the same short name (衡阳)."""
        codes = self.by_name.get(name, set())
        live = {c for c in codes if c in self.current}
        if not live and codes:
            for form in _short_forms(name) - {name}:
                live |= {c for c in self.by_name.get(form, ()) if c in self.current}
            live |= codes
        if len(live) > 6:  # e.g. 新华区, 和平区: not a usable clue alone
            return set()
        return live

    @property
    def max_name_len(self) -> int:
        return max((len(n) for n in self.by_name), default=0)


def _parse_stdnum(path: str) -> Gazetteer:
    gaz = Gazetteer()
    province = ""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            m = re.match(r'^(\s*)(\d+)\s+(\w+)="([^"]*)"', line)
            if not m:
                continue
            indent, num, key, value = m.groups()
            if not indent:
                province = num
                if key == "province":
                    gaz.add(num, [(value, True)])
                continue
            code = province + num
            entries = []
            for part in value.split(","):
                em = _ENTRY_RE.match(part.strip())
                if not em:
                    continue
                start, end, name = em.groups()
                entries.append((name.strip(), not end))
            if entries and code[2:] != "0000":
                gaz.add(code, entries)
    return gaz


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    import stdnum

    path = os.path.join(os.path.dirname(stdnum.__file__), "cn", "loc.dat")
    return _parse_stdnum(path)


# ---------------------------------------------------------------- resolution


@dataclass
class RegionSignal:
    """One region clue after resolution."""

    raw: str
    reason: str
    codes: list[str]          # prefix-form codes, most specific clues only
    note: str = ""            # e.g. "地名有歧义：…" or "无法识别的地区"

    @property
    def resolved(self) -> bool:
        return bool(self.codes)


def resolve_region(text: str, gazetteer: Gazetteer | None = None) -> tuple[list[str], str]:
    """Codes for a code, a name, or a fragment containing names
    ("湖南双牌东岭村" -> ['431123']). Returns (codes, note)."""
    gaz = gazetteer or default_gazetteer()
    text = text.strip()
    if not text:
        return [], "空的地区信号"
    if text.isdigit():
        try:
            code = normalize_code(text)
        except ValueError as exc:
            return [], str(exc)
        if code not in gaz.names:
            return [], f"未知的区划代码 {text}"
        return [code], ""
    exact = gaz.lookup(text)
    if exact:
        matches = [(text, exact)]
    else:
        matches = _scan(text, gaz)
    if not matches:
        return [], f"无法识别的地区：{text}"
    # A broader name in the same text ("辽宁") disambiguates a narrower one ("朝阳").
    narrowed = []
    for i, (name, codes) in enumerate(matches):
        broad = {b for j, (_, other) in enumerate(matches) if j != i for b in other}
        inside = {c for c in codes if any(c != b and c.startswith(b) for b in broad)}
        narrowed.append((name, inside or codes))
    # Keep the most specific: drop a code when another clue in the text lies
    # inside it ("湖南" + "双牌" -> 双牌县); alternatives of one name all stay.
    specific = sorted({c for i, (_, codes) in enumerate(narrowed) for c in codes
                       if not any(o != c and o.startswith(c)
                                  for j, (_, other) in enumerate(narrowed) if j != i for o in other)})
    note = ""
    ambiguous = [(n, cs) for n, cs in narrowed if len(cs) > 1]
    if ambiguous:
        n, cs = ambiguous[0]
        note = f"地名“{n}”有多处：" + "、".join(f"{c} {gaz.label(c)}" for c in sorted(cs))
    return specific, note


def _scan(text: str, gaz: Gazetteer) -> list[tuple[str, set[str]]]:
    """Longest-first, non-overlapping gazetteer names inside free text."""
    longest = min(gaz.max_name_len, 12)
    found = []
    i = 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 1, -1):
            piece = text[i:i + n]
            codes = gaz.lookup(piece)
            if codes:
                found.append((piece, codes))
                i += n
                break
        else:
            i += 1
    return found


# ---------------------------------------------------------------- targeting


@dataclass
class ChannelChoice:
    channel_id: str
    reasons: list[str]
    default: bool = False
    matched: list[str] = field(default_factory=list)   # subscription codes that matched


@dataclass
class TargetingResult:
    chosen: list[ChannelChoice]
    signals: list[RegionSignal]
    problems: list[str]

    @property
    def channel_ids(self) -> list[str]:
        return [c.channel_id for c in self.chosen]


def _six(code: str) -> str:
    return code.ljust(6, "0")


def _subscription(channel_id: str, spec: Any) -> tuple[list[str], bool, list[str]]:
    """Accepts a list of codes or {"regions": [...], "default": bool}."""
    problems: list[str] = []
    if isinstance(spec, Mapping):
        regions = spec.get("regions", []) or []
        default = spec.get("default", False)
        if not isinstance(default, bool):
            problems.append(f"渠道 {channel_id}: default 应为 true/false，收到 {default!r}")
            default = False
    else:
        regions, default = spec, False
    if isinstance(regions, str) or not isinstance(regions, (list, tuple)):
        problems.append(f"渠道 {channel_id}: regions 应为区划代码列表，收到 {regions!r}")
        regions = []
    return list(regions), default, problems


def target_channels(signals: Iterable[tuple[str, str]],
                    subscriptions: Mapping[str, Any],
                    gazetteer: Gazetteer | None = None) -> TargetingResult:
    """Choose channels for a notice.

    signals: (code or place text, reason shown to staff), e.g.
        ("双牌", "自述地名 双牌"), ("湖南口音", "口音"), ("431123", "候选人籍贯 R-1029").
    subscriptions: channel id -> list of region codes (prefix or 6-digit), or
        {"regions": [...], "default": true} for station channels that get everything.
    Returns the chosen channels with reasons such as
        "订阅地区 431123 双牌县 ← 自述地名 双牌", the resolved signals, and
    problems (unresolvable signals, bad subscription entries) for the staff.
    """
    gaz = gazetteer or default_gazetteer()
    problems: list[str] = []
    resolved: list[RegionSignal] = []
    for item in signals:
        if not (isinstance(item, (tuple, list)) and len(item) == 2):
            problems.append(f"地区信号格式应为 (地区, 原因)，收到 {item!r}")
            continue
        raw, reason = str(item[0] or ""), str(item[1] or "")
        codes, note = resolve_region(raw, gaz)
        sig = RegionSignal(raw, reason or raw, codes, note)
        resolved.append(sig)
        if not codes:
            problems.append(f"{sig.reason}：{note}")

    chosen: list[ChannelChoice] = []
    defaults: list[ChannelChoice] = []
    for channel_id, spec in subscriptions.items():
        regions, default, probs = _subscription(str(channel_id), spec)
        problems.extend(probs)
        reasons: list[str] = []
        matched: list[str] = []
        for entry in regions:
            try:
                sub = normalize_code(str(entry))
            except ValueError:
                problems.append(f"渠道 {channel_id}: 订阅地区不是区划代码：{entry!r}")
                continue
            for sig in resolved:
                # One reason per signal: the broadest of its codes inside the subscription.
                inside = sorted((c for c in sig.codes if c.startswith(sub)), key=len)
                if not inside:
                    continue
                code = inside[0]
                where = "" if code == sub else f"（{_six(code)} {gaz.label(code)}）"
                reasons.append(f"订阅地区 {_six(sub)} {gaz.label(sub)} ← {sig.reason}{where}")
                if sub not in matched:
                    matched.append(sub)
        if reasons:
            chosen.append(ChannelChoice(str(channel_id), list(dict.fromkeys(reasons)), default,
                                        matched))
        elif default:
            defaults.append(ChannelChoice(str(channel_id), ["本站默认渠道"], True))
    for choice in chosen:
        if choice.default:
            choice.reasons.append("本站默认渠道")
    # Most specific match first: a county group before a province-wide one.
    chosen.sort(key=lambda c: -max(len(m) for m in c.matched))
    return TargetingResult(chosen + defaults, resolved, problems)
