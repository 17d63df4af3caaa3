//! Hits: their fields, snippets, sort orders, pagination and POST.

use axum::http::StatusCode;

use crate::support::{ids, post, search};

#[tokio::test]
async fn hits_carry_metadata_with_labels() {
    let body = search("q=%22security+guarantees%22").await;
    let hit = &body["hits"][0];
    assert_eq!(hit["title"], "Istanbul round of Russia-Ukraine talks");
    assert_eq!(hit["date"], "2022-03-29");
    assert_eq!(
        hit["parties"][2],
        serde_json::json!({"value": "turkey", "label": "Türkiye"})
    );
    assert_eq!(hit["venues"][0]["label"], "Istanbul");
    assert_eq!(hit["lang"], "en");
    assert_eq!(hit["doc_type"], "communique");
    assert_eq!(hit["source"], "https://example.org/istanbul-2022");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(body["took_ms"].as_f64().is_some());
}

#[tokio::test]
async fn snippets_mark_the_matched_words() {
    // Minsk II and Istanbul say "ceasefire" in their bodies (the undated note only in its title).
    let body = search("q=ceasefire&party=ukraine").await;
    assert_eq!(body["total"], 2);
    for hit in body["hits"].as_array().unwrap() {
        let snippet = hit["snippet"].as_str().unwrap();
        assert!(
            snippet.to_lowercase().contains("<mark>ceasefire</mark>"),
            "{snippet}"
        );
    }
}

#[tokio::test]
async fn browsing_shows_the_start_of_the_body() {
    let body = search("q=&party=israel").await;
    let snippet = body["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.starts_with("Letters of mutual recognition"),
        "{snippet}"
    );
    assert!(!snippet.contains("<mark>"));
}

#[tokio::test]
async fn sort_by_date_puts_undated_documents_last_both_ways() {
    let oldest_first = ids(&search("sort=date&limit=100").await);
    assert_eq!(oldest_first.first().unwrap(), "d-oslo-1993");
    assert_eq!(oldest_first[1], "c-minsk-2015");
    assert_eq!(oldest_first.last().unwrap(), "g-undated");
    let newest_first = ids(&search("sort=-date&limit=100").await);
    assert_eq!(newest_first.first().unwrap(), "sub/e-prisoners-2025");
    assert_eq!(newest_first[1], "batch-grain-2023");
    assert_eq!(newest_first.last().unwrap(), "g-undated");
    let body = search("sort=-date").await;
    assert!(body["hits"][0]["score"].is_null());
}

#[tokio::test]
async fn pages_do_not_overlap_and_keep_the_total() {
    let first = search("sort=date&limit=3").await;
    let second = search("sort=date&limit=3&offset=3").await;
    let last = search("sort=date&limit=3&offset=6").await;
    assert_eq!(first["total"], 8);
    assert_eq!(second["total"], 8);
    let (first, second, last) = (ids(&first), ids(&second), ids(&last));
    assert_eq!((first.len(), second.len(), last.len()), (3, 3, 2));
    assert!(
        first
            .iter()
            .all(|id| !second.contains(id) && !last.contains(id))
    );
    assert_eq!(
        ids(&search("limit=5&offset=100").await),
        Vec::<String>::new()
    );
    assert_eq!(search("limit=0").await["hits"], serde_json::json!([]));
}

#[tokio::test]
async fn post_takes_the_same_parameters_as_json() {
    let (status, body) = post(
        "/api/search",
        r#"{"q": "istanbul", "party": ["ukraine"], "from": "2022", "limit": 1, "sort": "-date"}"#,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Two say Istanbul; the Russian report is indexed under the venue the word names.
    assert_eq!(body["total"], 3);
    assert_eq!(ids(&body), ["sub/e-prisoners-2025"]);
    let (_, words_only) = post(
        "/api/search",
        r#"{"q": "istanbul", "party": ["ukraine"], "from": "2022", "limit": 1, "sort": "-date", "entities": false}"#,
    )
    .await;
    assert_eq!(words_only["total"], 2, "{words_only}");
    assert_eq!(ids(&words_only), ["b-grain-2022"]);
}
