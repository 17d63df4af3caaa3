//! `GET /api/suggest`: facet values and titles as a user types.

use axum::http::StatusCode;
use serde_json::Value;

use crate::support::{get, ids_of};

async fn suggest(query: &str) -> Value {
    let (status, body) = get(&format!("/api/suggest?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    body
}

fn facet_values(body: &Value) -> Vec<(String, String)> {
    body["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|facet| {
            (
                facet["group"].as_str().unwrap().to_string(),
                facet["value"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn titles(body: &Value) -> Vec<String> {
    ids_of(&body["titles"])
}

#[tokio::test]
async fn a_typed_prefix_suggests_facet_values_by_any_name() {
    let body = suggest("q=ist").await;
    let facets = facet_values(&body);
    assert!(
        facets.contains(&("venue".into(), "istanbul".into())),
        "{body}"
    );
    let istanbul = &body["facets"][0];
    assert_eq!(istanbul["label"], "Istanbul");
    assert_eq!(istanbul["count"], 3, "the documents that carry it");
    // An alias finds its value (Turkey -> Türkiye), case and accents aside.
    assert!(facet_values(&suggest("q=TURK").await).contains(&("party".into(), "turkey".into())));
    // A word inside a name: "nations" -> United Nations.
    assert!(
        facet_values(&suggest("q=nations").await)
            .contains(&("party".into(), "united-nations".into()))
    );
    // Languages and document types by their labels.
    assert!(facet_values(&suggest("q=engl").await).contains(&("lang".into(), "en".into())));
    // Every suggestion leads somewhere: a value no document carries is left out.
    for facet in suggest("q=i&limit=20").await["facets"].as_array().unwrap() {
        assert!(facet["count"].as_u64().unwrap() > 0, "{facet}");
    }
}

#[tokio::test]
async fn titles_are_suggested_by_their_words_with_the_last_one_a_prefix() {
    let body = suggest("q=minsk+pack").await;
    assert_eq!(titles(&body), ["c-minsk-2015"], "{body}");
    assert_eq!(body["titles"][0]["title"], "Minsk II package of measures");
    assert!(titles(&suggest("q=black+se").await).contains(&"b-grain-2022".to_string()));
    // Cyrillic.
    let body = suggest("q=%D0%BE%D0%B1%D0%BC%D0%B5%D0%BD").await;
    assert!(!titles(&body).is_empty(), "{body}");
    assert!(titles(&suggest("q=zzzz").await).is_empty());
}

#[tokio::test]
async fn suggest_bounds_its_input() {
    assert_eq!(suggest("q=").await["facets"], serde_json::json!([]));
    assert_eq!(suggest("q=%2C%2C").await["titles"], serde_json::json!([]));
    assert!(
        suggest("q=i&limit=2").await["facets"]
            .as_array()
            .unwrap()
            .len()
            <= 2
    );
    let (status, body) = get("/api/suggest?q=ist&limit=100").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_limit");
    let (status, body) = get(&format!("/api/suggest?q={}", "a".repeat(300))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_query");
    let (status, body) = get("/api/suggest?prefix=ist").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_parameter");
}
