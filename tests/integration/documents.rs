//! `GET /api/documents/{id}` and `/healthz`.

use axum::http::StatusCode;

use crate::support::get;

#[tokio::test]
async fn a_document_comes_whole_with_its_metadata() {
    let (status, body) = get("/api/documents/sub/e-prisoners-2025").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["title"], "Обмен пленными после переговоров");
    assert!(body["body"].as_str().unwrap().contains("тысяча на тысячу"));
    assert_eq!(body["path"], "sub/e-prisoners-2025.md");
    assert_eq!(
        body["topics"][0],
        serde_json::json!({"value": "prisoner-exchange", "label": "Prisoner exchange"})
    );
}

#[tokio::test]
async fn documents_from_text_and_json_lines_files_are_served_too() {
    let (status, body) = get("/api/documents/g-undated").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["title"], "Notes on ceasefire monitoring");
    assert!(body["date"].is_null());
    assert_eq!(
        body["lang"], "en",
        "the language of a file without metadata is detected"
    );
    let (status, body) = get("/api/documents/batch-grain-2023").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["path"], "h-batch.jsonl");
}

#[tokio::test]
async fn an_unknown_document_is_a_404_with_a_json_error() {
    let (status, body) = get("/api/documents/no-such-document").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-document")
    );
}

#[tokio::test]
async fn health_reports_the_document_count_and_build_time() {
    let (status, body) = get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["documents"], 8);
    assert_eq!(body["languages"], serde_json::json!(["en", "ru"]));
    assert_eq!(
        body["warnings"],
        serde_json::json!([]),
        "no CJK text, so no dictionary is missed"
    );
    assert!(body["built_at"].as_str().unwrap().starts_with("20"));
}
