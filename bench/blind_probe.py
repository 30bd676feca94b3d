"""Blind probe: 944 inputs written as station staff, families and police write them, by someone
who had not read the parsers (bench/blind_probe_cases.py), each with the outcome a volunteer
would expect of one comparison (agree / disagree / neutral). Runs every case through the
workbench parsers and MatchModel.score_pair and prints the ones the engine gets wrong, with
counts per field. Not a test: some expectations are arguable (a left/right conflict is
estimated to be weak agreement, since records confuse the sides); a regression harness.

    python -m bench.blind_probe [--all] [--field F] [--json OUT]
"""
import json, logging, argparse
logging.disable(logging.CRITICAL)
from datetime import date
from matchers.records import IntakeRecord, ReportRecord
from matchers.model import MatchModel
from matchers.compare_age import parse_age_estimate
from tracing import parsing as P
from bench.blind_probe_cases import CASES

COMP = {"name": "name", "accent": "dialect", "place": "place", "age": "age", "sex": "sex",
        "height": "height", "marks": "marks", "idnum": "place"}
model = MatchModel(strict=False)
strict_model = MatchModel(strict=True)

def d(s):
    return P.parse_date(s, "date") if s else None

def _imported(notes, parse, val, field, rejected):
    """What the importer stores for `val`, noting it; `rejected` when it refuses the row."""
    try:
        got = parse(val, field)
    except P.FieldError as e:
        notes.append(f"IMPORT REJECT: {e}")
        return rejected
    notes.append(f"parsed {field}={got!r}")
    return got


def build(field, val, rep):
    notes = []
    it = IntakeRecord(ref="I1")
    rp = ReportRecord(ref="R1", name=rep.get("name", ""), alt_names=list(rep.get("alt_names", [])),
                      hometown=rep.get("hometown", ""), features=rep.get("features", ""))
    if rep.get("birth"):
        _, y, m, dd = P.parse_partial_date(rep["birth"], "birth_date")
        rp.birth_year, rp.birth_month, rp.birth_day = y, m, dd
    rp.missing_date = d(rep.get("missing_date"))
    it.found_date = d(rep.get("found_date"))
    it.found_place = rep.get("_found_place", "")
    if rep.get("sex"):
        rp.sex = P.parse_sex(rep["sex"], "sex")
    if rep.get("height"):
        try:
            rp.height_cm = P.parse_height(rep["height"], "height_cm")
        except P.FieldError as e:
            notes.append(f"REPORT IMPORT REJECT: {e}")
    if field == "name":
        it.name = val
    elif field == "accent":
        it.dialect = val
    elif field == "place":
        it.place_hints = [val]
    elif field == "marks":
        it.features = val
    elif field == "sex":
        it.sex = _imported(notes, P.parse_sex, val, "sex", "")
    elif field == "height":
        it.height_cm = _imported(notes, P.parse_height, val, "height_cm", None)
    elif field == "age":
        ref_year = it.found_date.year if it.found_date else None
        lo, hi = parse_age_estimate(val, ref_year)
        it.age_min, it.age_max = lo, hi
        notes.append(f"parsed age={lo}-{hi}")
    elif field == "idnum":
        # a rejected number still goes to the matcher: what it would do if it got it anyway
        it.id_number = _imported(notes, P.parse_id_number, val, "id_number", val)
    return it, rp, notes

def evaluate(case):
    field, val, rep, exp, note = case
    try:
        it, rp, notes = build(field, val, rep)
    except Exception as e:
        return dict(verdict="CRASH-build", got=f"{type(e).__name__}: {e}", notes=[])
    try:
        s = strict_model.score_pair(strict_model.prepare_intake(it), strict_model.prepare_report(rp), 1000)
    except Exception as e:
        notes.append(f"STRICT EXCEPTION {type(e).__name__}: {e}")
        s = model.score_pair(model.prepare_intake(it), model.prepare_report(rp), 1000)
    comp = next(c for c in s.components if c.comparison == COMP[field])
    w = comp.weight
    rej = any("REJECT" in n or "EXCEPTION" in n for n in notes)
    if exp == "agree":
        wrong = w <= 0
    elif exp == "disagree":
        wrong = w > 0 or (w == 0)
    else:
        wrong = abs(w) >= 2.0
    if field == "marks" and exp == "agree" and comp.label == "neither" and val.strip() and rep.get("features", "").strip():
        wrong = True   # both sides wrote a mark, engine says neither did (marks not recognised)
    if rej and exp != "neutral":
        wrong = True
    sev = abs(w) if wrong else 0
    return dict(verdict="WRONG" if wrong else "ok", got=f"{comp.label} {w:+.2f} [{comp.explanation}]",
                weight=w, label=comp.label, notes=notes, sev=sev)

def date_checks():
    from bench.blind_probe_cases import DATE_CASES
    bad = 0
    print("\n-- date parsing (import) --")
    for col, s in DATE_CASES:
        try:
            v = P.parse_date(s, col) if col != "birth_date" else P.parse_partial_date(s, col)
        except P.FieldError as e:
            bad += 1; print(f"[WRONG] {col} {s!r}: row rejected: {e}")
    print(f"dates   {len(DATE_CASES):5d} {bad:5d}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(); ap.add_argument("--all", action="store_true")
    ap.add_argument("--field"); ap.add_argument("--json")
    a = ap.parse_args()
    from collections import Counter
    tot, bad = Counter(), Counter(); out = []
    for c in CASES:
        if a.field and c[0] != a.field: continue
        r = evaluate(c); tot[c[0]] += 1
        if r["verdict"] != "ok": bad[c[0]] += 1
        out.append(dict(field=c[0], intake=c[1], report=c[2], expected=c[3], note=c[4], **r))
        if a.all or r["verdict"] != "ok":
            rep = {k: v for k, v in c[2].items()}
            print(f"[{r['verdict']}] {c[0]:6s} {c[1]!r:28s} vs {rep} exp={c[3]} -> {r['got']} {'; '.join(r['notes'])} {c[4]}")
    print("\nfield   cases wrong")
    for f in tot: print(f"{f:7s} {tot[f]:5d} {bad[f]:5d}")
    print(f"total   {sum(tot.values()):5d} {sum(bad.values()):5d}")
    if a.json: json.dump(out, open(a.json, "w"), ensure_ascii=False, indent=1, default=str)
    date_checks()
