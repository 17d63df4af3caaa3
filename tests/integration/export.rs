//! `GET /api/export`: every hit of a search as JSON lines or CSV.

use axum::http::{StatusCode, header};
use serde_json::Value;

use crate::support::{get, get_text, ids, search};

#[tokio::test]
async fn json_lines_hold_every_hit_in_the_searchs_order() {
    for query in [
        "",
        "q=ceasefire",
        "q=talks&sort=-date",
        "party=russia&from=2022",
    ] {
        let searched = search(&format!("{query}&limit=100")).await;
        let (status, headers, body) = get_text(&format!("/api/export?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}: {body}");
        assert_eq!(headers[header::CONTENT_TYPE], "application/x-ndjson");
        let lines: Vec<Value> = body
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(
            lines.len() as u64,
            searched["total"].as_u64().unwrap(),
            "{query}"
        );
        let exported: Vec<String> = lines
            .iter()
            .map(|line| line["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(exported, ids(&searched), "{query}");
        assert!(
            lines[0]["parties"].is_array(),
            "facet values keep ids and labels"
        );
    }
}

#[tokio::test]
async fn csv_opens_in_a_spreadsheet() {
    let (status, headers, body) = get_text("/api/export?q=ceasefire&format=csv&bom=true").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert!(
        body.starts_with('\u{feff}'),
        "the byte order mark Excel looks for"
    );
    let lines: Vec<&str> = body.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "id,title,date,parties,venues,topics,processes,lang,doc_type,source"
    );
    // Header, three hits, and the empty string after the last CRLF.
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(
        lines.iter().any(|line| line.contains("Russia; Ukraine")),
        "{lines:?}"
    );
    let (_, _, plain) = get_text("/api/export?q=ceasefire&format=csv").await;
    assert!(
        plain.starts_with("id,title"),
        "no byte order mark unless asked"
    );
}

#[tokio::test]
async fn an_export_refuses_paging_and_bad_parameters_before_sending_anything() {
    for (query, code) in [
        ("format=xml", "invalid_parameter"),
        ("limit=10", "invalid_parameter"),
        ("offset=20", "invalid_parameter"),
        ("bom=maybe&format=csv", "invalid_parameter"),
        ("from=2022-13", "invalid_date"),
        ("q=((((((((((((((((((a", "query_too_large"),
        ("colour=red", "invalid_parameter"),
    ] {
        let (status, body) = get(&format!("/api/export?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}: {body}");
        assert_eq!(body["error"]["code"], code, "{query}: {body}");
    }
}
