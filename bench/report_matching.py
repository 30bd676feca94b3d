"""Markdown table of build/bench/matching.json for the README: `python -m bench.report_matching [FILE]`."""
import json, sys
d = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "build/bench/matching.json"))
# one column per size: the first seed's run (baselines, timing, memory) and, when several
# seeds ran, the quality figures pooled over them
pooled = {p["reports"]: p for p in d.get("pooled", [])}
rows = []
for r in d["results"]:
    if all(x["reports"] != r["reports"] for x in rows):
        rows.append(r)
def f(x): return f"{x:.2f}"
out = []
hdr = "| | " + " | ".join(f"{r['reports']:,} reports" for r in rows) + " |"
out.append(hdr); out.append("|---|" + "---|" * len(rows))
def line(label, fn):
    out.append(f"| {label} | " + " | ".join(fn(r) for r in rows) + " |")
E = lambda r: pooled[r["reports"]]["engine"] if r["reports"] in pooled else r["methods"]["engine"]
C = lambda r: pooled[r["reports"]]["ceiling"] if r["reports"] in pooled else r["ceiling"]
T = lambda r: r["methods"]["engine"]     # timing: the first seed's run
if pooled:
    line("evaluation seeds (intakes in all)", lambda r: ", ".join(map(str, pooled[r["reports"]]["seeds"])) + f" ({pooled[r['reports']]['intakes']:,})" if r["reports"] in pooled else str(r["seed"]))
line("full name (any form), engine r@1 / r@10", lambda r: f"**{f(E(r)['full_name']['recall@1'])} / {f(E(r)['full_name']['recall@10'])}**")
for cat in ("full_exact", "homophone", "dialect", "pinyin"):
    line(f"&nbsp; {cat}", lambda r, c=cat: f"{f(E(r)['by_category'][c]['recall@1'])} / {f(E(r)['by_category'][c]['recall@10'])} (n={E(r)['by_category'][c]['n']})")
for cat in ("given_only", "nickname", "none"):
    line(f"{cat}: engine vs clue ceiling r@1 / r@10", lambda r, c=cat: f"{f(E(r)['by_category'][c]['recall@1'])} / {f(E(r)['by_category'][c]['recall@10'])} vs {f(C(r)[c]['recall@1'])} / {f(C(r)[c]['recall@10'])}")
if any(r.get("engine_on_baseline_intakes") for r in rows):
    B = lambda r: r["engine_on_baseline_intakes"]
    line("engine on the baselines' intakes: full name r@1 / r@10", lambda r: f"{f(B(r)['full_name']['recall@1'])} / {f(B(r)['full_name']['recall@10'])}"
         if r.get("engine_on_baseline_intakes") else "not run")
for m, label in (("exact", "exact name"), ("fuzzy_hanzi", "rapidfuzz hanzi"), ("fuzzy_pinyin", "rapidfuzz toneless pinyin")):
    line(f"baseline {label}: full name r@1 / r@10", lambda r, m=m: f"{f(r['methods'][m]['full_name']['recall@1'])} / {f(r['methods'][m]['full_name']['recall@10'])}"
         if m in r["methods"] else "not run")
line("overall r@1 / r@10 (engine)", lambda r: f"{f(E(r)['recall@1'])} / {f(E(r)['recall@10'])}")
line("false alarms (no-report intakes with best ≥ 0.5; target ≤ 3%), 95% interval", lambda r: f"{E(r)['false_alarms']}/{E(r)['no_report_intakes']} = {100*E(r)['false_alarm_rate']:.1f}%" + (f" ({100*E(r)['false_alarm_ci95'][0]:.1f}–{100*E(r)['false_alarm_ci95'][1]:.1f}%)" if "false_alarm_ci95" in E(r) else ""))
if pooled:
    line("&nbsp; by seed", lambda r: ", ".join(f"{k}/{n} = {100*k/max(n,1):.1f}%" for k, n in pooled[r["reports"]]["false_alarms_by_seed"].values()) if r["reports"] in pooled else "-")
if all(E(r).get("false_alarms_by_category") for r in rows):
    line("&nbsp; of which: intakes with a full name / given name or nickname / no name", lambda r: " / ".join(
        f"{sum(E(r)['false_alarms_by_category'][c]['false_alarms'] for c in cs)}/{sum(E(r)['false_alarms_by_category'][c]['n'] for c in cs)}"
        for cs in (("full_exact", "homophone", "dialect", "pinyin"), ("given_only", "nickname"), ("none",))))
if all("auc_found_vs_no_report" in E(r) for r in rows):
    line("&nbsp; traded against: intakes with a report whose true report is first at ≥ 0.5", lambda r: f"{100*E(r)['found_at_0.5']:.1f}%")
    line("AUC of the best score, true report first vs no report (threshold-free)", lambda r: f"{E(r)['auc_found_vs_no_report']:.4f}")
    line("log-loss of the top-10 probabilities (lower is better)", lambda r: f"{E(r)['top10_log_loss']:.4f}")
line("calibration bands off by > 0.1 (share true ± 95% interval)", lambda r: ", ".join(f"{b['band']}: {b['true_share']:.2f} ±{b.get('ci95', 0):.2f} (n={b['n']})" for b in E(r)['calibration'] if not b['within_0.1']) or "none")
line("calibration pairs in the bands 0.1–0.9 (top-10 candidates of every intake)", lambda r: f"{sum(b['n'] for b in E(r)['calibration'] if b['band'] not in ('0.0-0.1', '0.9-1.0')):,}")
line("ms per intake: engine / pinyin scan", lambda r: f"{T(r)['ms_per_intake']:.1f} / {r['methods']['fuzzy_pinyin']['ms_per_intake']:.1f} (ratio {T(r)['time_ratio_vs_pinyin_scan']:.2f})"
     if "fuzzy_pinyin" in r["methods"] else f"{T(r)['ms_per_intake']:.1f} / not run")
line("index: build / memory", lambda r: f"{r['index']['build_s']:.0f} s / {r['index']['memory_mb']:.0f} MB")
line("peak memory of the benchmark", lambda r: f"{r['peak_rss_mb']:.0f} MB")
print("\n".join(out))
cmp_n = {r.get("compared_intakes", r["intakes"]) for r in rows}
all_n = {r["intakes"] for r in rows}
if cmp_n != all_n:
    print(f"\nEngine and clue ceiling: all {'/'.join(map(str, sorted(all_n)))} intakes; the naive baseline scans "
          f"(slow at 1M) on the first {'/'.join(map(str, sorted(cmp_n)))}, compared with the engine on those same intakes.")
