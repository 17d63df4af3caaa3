//! Concord's own BM25 scorer (for chosen k1 and b) scores exactly as tantivy's at tantivy's
//! constants, and differently, over the same documents, at others.

use concord_index::{Bm25, Match, SearchRequest};

use crate::support::state;

fn scored(bm25: Option<Bm25>) -> Vec<(String, f32)> {
    let request = SearchRequest {
        q: "ceasefire talks in Minsk and the grain deal".to_string(),
        matching: Match::Any,
        bm25,
        limit: 100,
        facets: Vec::new(),
        histogram: None,
        ..SearchRequest::default()
    };
    let response = state().index().search(&request).unwrap();
    response
        .hits
        .into_iter()
        .map(|hit| (hit.meta.id, hit.score.unwrap()))
        .collect()
}

#[test]
fn concords_bm25_at_tantivys_constants_scores_as_tantivy() {
    let tantivy = scored(None);
    let ours = scored(Some(Bm25::default()));
    assert!(tantivy.len() >= 4, "{tantivy:?}");
    assert_eq!(tantivy.len(), ours.len());
    for ((id, score), (our_id, our_score)) in tantivy.iter().zip(&ours) {
        assert_eq!(id, our_id, "{tantivy:?}\n{ours:?}");
        assert!(
            (score - our_score).abs() < 1e-4,
            "{id}: {score} vs {our_score}"
        );
    }
}

#[test]
fn other_constants_change_the_scores_not_the_matches() {
    let tantivy = scored(None);
    let published = scored(Some(Bm25 { k1: 0.9, b: 0.4 }));
    let mut ids: Vec<&String> = tantivy.iter().map(|(id, _)| id).collect();
    let mut other: Vec<&String> = published.iter().map(|(id, _)| id).collect();
    ids.sort();
    other.sort();
    assert_eq!(ids, other);
    let changed = tantivy.iter().any(|(id, score)| {
        published
            .iter()
            .any(|(other, value)| other == id && (score - value).abs() > 1e-3)
    });
    assert!(changed, "{tantivy:?}\n{published:?}");
}
