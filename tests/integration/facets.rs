//! Disjunctive facet counts, `/api/facets` and the histogram.

use axum::http::StatusCode;

use crate::support::{facet_count, get, search};

#[tokio::test]
async fn counts_cover_every_group_with_labels() {
    let body = search("").await;
    assert_eq!(facet_count(&body, "party", "russia"), 6);
    assert_eq!(facet_count(&body, "party", "ukraine"), 4);
    assert_eq!(facet_count(&body, "venue", "istanbul"), 3);
    // Six documents declare English; the undated .txt note is detected as English.
    assert_eq!(facet_count(&body, "lang", "en"), 7);
    assert_eq!(facet_count(&body, "doc_type", "agreement"), 3);
    let first_party = &body["facets"]["party"][0];
    assert_eq!(first_party["value"], "russia");
    assert_eq!(first_party["label"], "Russia");
    let turkey = body["facets"]["party"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == "turkey")
        .unwrap();
    assert_eq!(turkey["label"], "Türkiye");
    assert_eq!(body["facets"]["lang"][0]["label"], "English");
}

#[tokio::test]
async fn ticking_two_parties_keeps_the_other_parties_counts() {
    let body = search("party=israel&party=turkey").await;
    assert_eq!(body["total"], 3);
    // The party group is counted without its own filter: every party keeps its count.
    assert_eq!(facet_count(&body, "party", "russia"), 6);
    assert_eq!(facet_count(&body, "party", "ukraine"), 4);
    assert_eq!(facet_count(&body, "party", "israel"), 1);
    assert_eq!(facet_count(&body, "party", "turkey"), 2);
    assert_eq!(facet_count(&body, "party", "plo"), 1);
    // Other groups are counted within the party filter.
    assert_eq!(facet_count(&body, "venue", "istanbul"), 2);
    assert_eq!(facet_count(&body, "venue", "washington"), 1);
    assert_eq!(facet_count(&body, "venue", "minsk"), 0);
}

#[tokio::test]
async fn each_filtered_group_sees_the_other_groups_filters() {
    let body = search("party=ukraine&venue=minsk").await;
    assert_eq!(body["total"], 1);
    // Parties within venue=minsk: Minsk II names Russia and Ukraine.
    assert_eq!(facet_count(&body, "party", "russia"), 1);
    assert_eq!(facet_count(&body, "party", "turkey"), 0);
    // Venues within party=ukraine: Istanbul (3) and Minsk (1).
    assert_eq!(facet_count(&body, "venue", "istanbul"), 3);
    assert_eq!(facet_count(&body, "venue", "minsk"), 1);
}

#[tokio::test]
async fn the_facets_endpoint_counts_the_whole_index() {
    let (status, body) = get("/api/facets").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["party"][0],
        serde_json::json!({"value": "russia", "label": "Russia", "count": 6})
    );
    let topics: Vec<_> = body["topic"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["value"].as_str().unwrap())
        .collect();
    assert_eq!(topics.len(), 5);
}

#[tokio::test]
async fn the_histogram_buckets_hits_by_year_with_gaps_filled() {
    let body = search("").await;
    let buckets = body["histogram"].as_array().unwrap();
    assert_eq!(buckets.first().unwrap()["key"], "1993");
    assert_eq!(buckets.last().unwrap()["key"], "2025");
    assert_eq!(buckets.len(), 2025 - 1993 + 1);
    let count = |key: &str| {
        buckets.iter().find(|b| b["key"] == key).unwrap()["count"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count("2022"), 3);
    assert_eq!(count("2000"), 0);
    let grain = search("q=grain").await;
    assert_eq!(
        grain["histogram"],
        serde_json::json!([{"key": "2022", "count": 1}, {"key": "2023", "count": 1}])
    );
}

#[tokio::test]
async fn the_histogram_can_bucket_by_month() {
    let body = search("from=2022&to=2022&histogram=month").await;
    let keys: Vec<_> = body["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06", "2022-07"
        ]
    );
    assert_eq!(body["histogram"][2]["count"], 1);
}

#[tokio::test]
async fn a_search_computes_only_the_facets_histogram_and_snippets_it_asks_for() {
    let full = search("q=ceasefire&party=ukraine").await;
    let lean =
        search("q=ceasefire&party=ukraine&facets=party,venue&histogram=none&highlight=false").await;
    // The same hits and total either way.
    assert_eq!(lean["total"], full["total"]);
    assert_eq!(crate::support::ids(&lean), crate::support::ids(&full));
    // Only the groups asked for are counted, still disjunctively (party without its filter).
    assert_eq!(
        facet_count(&lean, "party", "russia"),
        facet_count(&full, "party", "russia")
    );
    assert_eq!(lean["facets"]["venue"], full["facets"]["venue"]);
    assert_eq!(lean["facets"]["topic"], serde_json::json!([]));
    assert_eq!(lean["facets"]["lang"], serde_json::json!([]));
    assert!(!full["histogram"].as_array().unwrap().is_empty());
    assert_eq!(lean["histogram"], serde_json::json!([]));
    assert!(full["hits"][0]["snippet"].is_string());
    assert!(lean["hits"][0].get("snippet").is_none());
    let none = search("q=ceasefire&facets=none&highlight=0").await;
    for group in ["party", "venue", "topic", "process", "lang", "doc_type"] {
        assert_eq!(none["facets"][group], serde_json::json!([]), "{group}");
    }
}

#[tokio::test]
async fn disjunctive_counts_match_the_totals_of_the_searches_they_predict() {
    // Ticking party=russia and venue=istanbul: the count shown next to each party is the total
    // the user gets by switching to that party (keeping the venue), and the other way round.
    for (base, group, other) in [
        ("party=russia&venue=istanbul", "party", "venue=istanbul"),
        ("party=russia&venue=istanbul", "venue", "party=russia"),
        (
            "q=talks&party=russia&party=ukraine&topic=ceasefire",
            "party",
            "q=talks&topic=ceasefire",
        ),
        (
            "q=talks&party=russia&party=ukraine&topic=ceasefire",
            "topic",
            "q=talks&party=russia&party=ukraine",
        ),
        // One filtered group with text and dates (also counted in the same pass).
        (
            "q=talks&party=ukraine&from=2015&to=2025",
            "party",
            "q=talks&from=2015&to=2025",
        ),
        (
            "q=talks&party=ukraine&from=2015&to=2025",
            "venue",
            "q=talks&party=ukraine&from=2015&to=2025",
        ),
        // An upper bound alone: undated documents are outside it.
        (
            "q=talks&party=ukraine&to=2022-06",
            "party",
            "q=talks&to=2022-06",
        ),
        // The undated note says "observers" and is about ceasefires: outside every range.
        (
            "q=observers&topic=ceasefire&to=2030",
            "topic",
            "q=observers&to=2030",
        ),
    ] {
        let body = search(base).await;
        let values = body["facets"][group].as_array().unwrap().clone();
        assert!(!values.is_empty(), "{base}: no {group} counts");
        for value in values {
            let id = value["value"].as_str().unwrap();
            let predicted = value["count"].as_u64().unwrap();
            // Counted with no facets, a search runs text and filters as one tantivy query and
            // checks the dates after it: a different path from the single pass that
            // predicted it (filters.rs checks both date checks against tantivy's ranges).
            let actual = crate::support::total(&format!("{other}&{group}={id}&facets=none")).await;
            assert_eq!(predicted, actual, "{base}: {group}={id}");
        }
        let plain = crate::support::total(&format!("{base}&facets=none")).await;
        assert_eq!(body["total"].as_u64().unwrap(), plain, "{base}: total");
        // Ungrouped counts are over the hits themselves.
        let hits = body["total"].as_u64().unwrap();
        let langs: u64 = body["facets"]["lang"]
            .as_array()
            .unwrap()
            .iter()
            .map(|value| value["count"].as_u64().unwrap())
            .sum();
        assert_eq!(langs, hits, "{base}: every hit has one language");
    }
}
