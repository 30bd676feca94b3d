"""The evaluator of candidate exports (the outside checks' path) counts what it says."""
import json

from bench.eval_candidates import evaluate


def test_false_alarms_recall_and_bands_come_from_the_export_and_the_labels(tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_text("intake_ref,report_ref,category\nI1,R1,full_exact\nI2,,none\nI3,,none\nI4,R9,nickname\n",
                      encoding="utf-8")
    rows = [("I1", "R1", 0.95, 1), ("I1", "R2", 0.02, 2), ("I2", "R3", 0.62, 1), ("I3", "R4", 0.31, 1),
            ("I4", "R5", 0.4, 1), ("I4", "R9", 0.35, 2)]
    cands = tmp_path / "c.jsonl"
    cands.write_text("".join(json.dumps({"intake_ref": i, "report_ref": r, "score": s, "rank": k,
                                         "components": []}) + "\n" for i, r, s, k in rows), encoding="utf-8")
    res = evaluate(str(cands), str(labels))
    assert (res["false_alarms"], res["no_report_intakes"]) == (1, 2)
    assert res["recall@1"] == 0.5 and res["recall@10"] == 1.0
    assert res["by_category"]["nickname"] == {"n": 1, "recall@1": 0.0, "recall@10": 1.0}
    bands = {b["band"]: (b["n"], b["true_share"]) for b in res["calibration"]}
    assert bands["0.9-1.0"] == (1, 1.0) and bands["0.3-0.4"] == (2, 0.5) and bands["0.6-0.7"] == (1, 0.0)
