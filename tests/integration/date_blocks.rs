//! Date filters over an archive indexed in date order, where the search skips the blocks of
//! documents out of range (`concord-index/src/read/collect/date_blocks.rs`): the answers must be exactly
//! those of tantivy's own date ranges and of a count done by hand.

use concord_index::{Dictionaries, SearchParams, SearchRequest};

use crate::support::{build_state, scratch_dir};

const DOCUMENTS: usize = 6_000;
const PARTIES: [&str; 3] = ["india", "pakistan", "france"];

/// Document `i`: a year from 1946 on (75 a year), a party in turn, "peace" in every other one.
fn year(i: usize) -> usize {
    1946 + i / 75
}

fn party(i: usize) -> &'static str {
    PARTIES[i % 3]
}

fn says_peace(i: usize) -> bool {
    i.is_multiple_of(2)
}

#[test]
fn date_filters_over_an_archive_in_date_order_answer_exactly() {
    let corpus = scratch_dir("date-blocks-corpus");
    let lines: Vec<String> = (0..DOCUMENTS)
        .map(|i| {
            let words = if says_peace(i) {
                "peace talks"
            } else {
                "talks"
            };
            serde_json::json!({
                "id": format!("speech-{i}"),
                "title": format!("Speech {i}"),
                "body": format!("A general debate speech on {words}, number {i}."),
                "date": format!("{}-{:02}-15", year(i), 1 + i % 12),
                "parties": [party(i)],
                "lang": "en",
            })
            .to_string()
        })
        .collect();
    std::fs::write(corpus.join("archive.jsonl"), lines.join("\n")).unwrap();
    let state = build_state(&corpus, "date-blocks-index", &Dictionaries::none());
    let index = state.index();

    // The documents a search finds: saying "peace" (when `peace`), of one of `parties` (any
    // when empty), dated within `years`.
    let expected = |peace: bool, parties: &[&str], years: (usize, usize)| -> Vec<usize> {
        (0..DOCUMENTS)
            .filter(|&i| !peace || says_peace(i))
            .filter(|&i| parties.is_empty() || parties.contains(&party(i)))
            .filter(|&i| (years.0..=years.1).contains(&year(i)))
            .collect()
    };
    for (params, peace, parties, years) in [
        (
            r#"{"q":"peace","from":"1990","to":"1995"}"#,
            true,
            &[][..],
            (1990, 1995),
        ),
        (
            r#"{"q":"peace","party":["india","pakistan"],"from":"1990","to":"2009","histogram":"year"}"#,
            true,
            &["india", "pakistan"][..],
            (1990, 2009),
        ),
        // Every document says "talks".
        (
            r#"{"q":"talks","from":"2020"}"#,
            false,
            &[][..],
            (2020, 2100),
        ),
        (
            r#"{"q":"peace","to":"1950","sort":"-date"}"#,
            true,
            &[][..],
            (0, 1950),
        ),
        // Dates alone: the blocks are the whole query.
        (
            r#"{"from":"1975","to":"1977"}"#,
            false,
            &[][..],
            (1975, 1977),
        ),
        (
            r#"{"party":["pakistan"],"from":"1960","to":"1961","sort":"date"}"#,
            false,
            &["pakistan"][..],
            (1960, 1961),
        ),
    ] {
        let params: SearchParams = serde_json::from_str(params).unwrap();
        let request = SearchRequest::try_from(params).unwrap();
        let response = index.search(&request).unwrap();
        let wanted = expected(peace, parties, years);
        assert_eq!(response.total as usize, wanted.len(), "{request:?}");
        let (total, mut baseline) = index.engine_baseline(&request).unwrap();
        assert_eq!(total, wanted.len(), "{request:?}");
        let mut found: Vec<String> = response
            .hits
            .iter()
            .map(|hit| hit.meta.id.clone())
            .collect();
        found.sort();
        baseline.sort();
        if request.sort == concord_index::Sort::Relevance {
            assert_eq!(found, baseline, "{request:?}");
        }
        // Each party's count leaves out the party filter (disjunctive), not the dates.
        for counted in PARTIES {
            let count = response
                .facets
                .party
                .iter()
                .find(|value| value.value == counted)
                .map_or(0, |value| value.count);
            let without_party = expected(peace, &[], years);
            let wanted = without_party
                .iter()
                .filter(|&&i| party(i) == counted)
                .count();
            assert_eq!(count as usize, wanted, "{counted} in {request:?}");
        }
        // The timeline counts the hits by year.
        for bucket in &response.histogram {
            let year: usize = bucket.key.parse().unwrap();
            let wanted = expected(peace, parties, (year, year)).len();
            assert_eq!(bucket.count as usize, wanted, "{year} in {request:?}");
        }
    }
}
