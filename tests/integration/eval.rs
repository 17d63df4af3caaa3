//! `concord eval`: a hand-made collection whose scores are worked out by hand, the missing
//! folder that is skipped, and (where `../shared/evals/` is present) Cranfield at or above
//! its reference BM25 run.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::concord;

fn eval(collection: &std::path::Path, extra: &[&str]) -> (bool, Value, String) {
    let mut args = vec![
        "eval",
        "--json",
        "--collection",
        collection.to_str().unwrap(),
    ];
    args.extend(extra);
    let output = concord(&args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let json = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.success(), json, stderr)
}

fn close(value: &Value, expected: f64) -> bool {
    (value.as_f64().unwrap() - expected).abs() < 1e-4
}

#[test]
fn a_small_collection_scores_as_worked_out_by_hand() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/eval/mini-beir");
    let (ok, report, stderr) = eval(&dir, &[]);
    assert!(ok, "{stderr}");
    assert_eq!(report["layout"], "beir");
    assert_eq!(report["documents"], 6);
    assert_eq!(report["queries"], 3, "q4 has no judgments");
    let q3 = report["per_query"]
        .as_array()
        .unwrap()
        .iter()
        .find(|query| query["id"] == "q3")
        .unwrap();
    assert_eq!(q3["hits"][0], "d4", "{q3}");
    assert_eq!(q3["hits"][1], "d2", "{q3}");
    // Judged: d4 = 2, d2 = 1, d5 = 1 (d5 never found). Ranking d4, d2.
    // nDCG@10 = (2 + 1/log2 3) / (2 + 1/log2 3 + 1/log2 4) = 2.63093 / 3.13093
    assert!(close(&q3["ndcg"], 2.630930 / 3.130930), "{q3}");
    assert!(close(&q3["average_precision"], 2.0 / 3.0), "{q3}");
    assert!(close(&q3["recall_100"], 2.0 / 3.0), "{q3}");
    assert!(close(&q3["reciprocal_rank_10"], 1.0), "{q3}");
    // The means over the three queries (q1 and q2 are found first and alone).
    assert!(close(&report["ndcg"], (2.0 + 2.630930 / 3.130930) / 3.0));
    assert!(close(&report["map"], (2.0 + 2.0 / 3.0) / 3.0));
}

#[test]
fn a_missing_collection_is_skipped_and_a_wrong_one_explained() {
    let (ok, _, stderr) = eval(std::path::Path::new("/nonexistent/evals/scifact"), &[]);
    assert!(ok);
    assert!(stderr.contains("skipped: no collection at"), "{stderr}");
    let (ok, _, stderr) = eval(&PathBuf::from(env!("CARGO_MANIFEST_DIR")), &[]);
    assert!(!ok);
    assert!(stderr.contains("no test collection at"), "{stderr}");
}

#[test]
fn cranfield_is_at_least_its_reference_bm25_run() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/evals/cranfield");
    if !dir.is_dir() {
        eprintln!("skipped: no Cranfield collection at {}", dir.display());
        return;
    }
    let (ok, report, stderr) = eval(&dir, &[]);
    assert!(ok, "{stderr}");
    assert_eq!(report["queries"], 225);
    assert_eq!(report["documents"], 1400);
    // The README's graded reference (Anserini, k1=1.2 b=0.75): nDCG@10 0.3675, MAP 0.3054.
    let ndcg = report["ndcg"].as_f64().unwrap();
    let map = report["map"].as_f64().unwrap();
    assert!(ndcg >= 0.3675, "nDCG@10 {ndcg}");
    assert!(map >= 0.3054, "MAP {map}");
}
