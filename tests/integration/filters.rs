//! Facet filters (OR within a group, AND across groups) and the inclusive date range.

use concord_index::{SearchParams, SearchRequest};

use crate::support::{ids, search, state, total};

#[tokio::test]
async fn each_facet_group_filters() {
    assert_eq!(total("party=ukraine").await, 4);
    assert_eq!(total("party=russia").await, 6);
    assert_eq!(total("venue=istanbul").await, 3);
    // Two coded documents, and the raw note whose topics come from extraction.
    assert_eq!(total("topic=ceasefire").await, 3);
    assert_eq!(total("lang=ru").await, 1);
    assert_eq!(total("lang=en").await, 7, "six declared, one detected");
    assert_eq!(total("doc_type=agreement").await, 3);
}

#[tokio::test]
async fn values_of_one_group_are_alternatives_and_groups_combine() {
    assert_eq!(total("party=ukraine&party=israel").await, 5);
    assert_eq!(total("party=ukraine&venue=istanbul").await, 3);
    assert_eq!(
        total("party=ukraine&venue=istanbul&doc_type=agreement").await,
        1
    );
    assert_eq!(total("q=ceasefire&party=ukraine").await, 2);
}

#[tokio::test]
async fn filters_accept_ids_labels_and_aliases() {
    // "US" in the Oslo front matter was stored as the canonical id.
    assert_eq!(total("party=united-states").await, 2);
    assert_eq!(total("party=United+States").await, 2);
    // Filters resolve labels and aliases through the taxonomy too: Türkiye's id is `turkey`.
    assert_eq!(total("party=T%C3%BCrkiye").await, 2);
    assert_eq!(total("party=Turkey").await, 2);
    assert_eq!(total("party=Russian+Federation").await, 6);
    assert_eq!(total("party=atlantis").await, 0);
}

#[tokio::test]
async fn date_range_is_inclusive_at_both_ends() {
    let both_ends = search("from=2022-03-29&to=2022-07-22&sort=date").await;
    // Istanbul (2022-03-29) and the grain initiative (2022-07-22) sit on the bounds; the
    // Geneva talks are dated only 2022, a year that overlaps the range.
    assert_eq!(
        ids(&both_ends),
        ["sub/f-geneva-2022", "a-istanbul-2022", "b-grain-2022"]
    );
    assert_eq!(total("from=2022-03-30&to=2022-07-22").await, 2);
    assert_eq!(total("from=2022-03-29&to=2022-07-21").await, 2);
}

#[tokio::test]
async fn partial_dates_cover_their_whole_year_or_month() {
    assert_eq!(total("from=2022&to=2022").await, 3);
    assert_eq!(total("from=2023-07&to=2025").await, 2);
    // The Oslo declaration is dated 1993-09: any day of that month matches.
    assert_eq!(
        ids(&search("from=1993-09-13&to=1993-09-13").await),
        ["d-oslo-1993"]
    );
    assert_eq!(total("to=1999").await, 1);
    assert_eq!(total("from=2024").await, 1);
}

#[tokio::test]
async fn undated_documents_drop_out_of_date_ranges_only() {
    assert_eq!(total("q=observers").await, 2);
    assert_eq!(total("q=observers&from=1900").await, 1);
}

#[test]
fn dates_checked_after_the_query_agree_with_tantivys_own_date_ranges() {
    // The search leaves the dates out of its tantivy query and checks them on the segment
    // arrays as documents come (dated.rs, drill_sideways.rs); tantivy alone (the benchmarks'
    // baseline) ranges over the date columns inside the query. Both must keep the same
    // documents, with and without text, facet filters and either bound.
    let index = state().index();
    for (params, expected) in [
        (r#"{"from":"2022","to":"2022"}"#, 3),
        (r#"{"to":"1999"}"#, 1),
        (r#"{"from":"2024"}"#, 1),
        (r#"{"q":"observers","from":"1900"}"#, 1),
        (
            r#"{"q":"talks","from":"2015","to":"2025","sort":"date"}"#,
            2,
        ),
        (
            r#"{"party":["russia"],"from":"2022-03-29","to":"2022-07-22"}"#,
            3,
        ),
        (
            r#"{"q":"ceasefire","party":["ukraine"],"to":"2022-06","facets":"party"}"#,
            2,
        ),
    ] {
        let params: SearchParams = serde_json::from_str(params).unwrap();
        let request = SearchRequest::try_from(params).unwrap();
        let response = index.search(&request).unwrap();
        let (total, mut baseline) = index.engine_baseline(&request).unwrap();
        assert_eq!(response.total, expected, "{request:?}");
        assert_eq!(response.total as usize, total, "{request:?}");
        let mut found: Vec<String> = response.hits.into_iter().map(|hit| hit.meta.id).collect();
        found.sort();
        baseline.sort();
        assert_eq!(found, baseline, "{request:?}");
    }
}
