//! Words, phrases, OR, exclusion and field scope, counted over the fixture corpus.

use crate::support::{ids, search, total};

#[tokio::test]
async fn a_word_matches_every_document_that_contains_it() {
    assert_eq!(total("q=ceasefire").await, 3);
    assert_eq!(total("q=grain").await, 2);
    assert_eq!(total("q=CEASEFIRE").await, 3, "matching ignores case");
}

#[tokio::test]
async fn all_words_must_match_by_default() {
    assert_eq!(total("q=security+guarantees").await, 2);
    assert_eq!(total("q=istanbul+ceasefire").await, 1);
}

#[tokio::test]
async fn a_phrase_needs_its_words_together() {
    let body = search("q=%22security+guarantees%22").await;
    assert_eq!(body["total"], 1);
    assert_eq!(ids(&body), ["a-istanbul-2022"]);
}

#[tokio::test]
async fn or_widens_the_match() {
    assert_eq!(total("q=grain+OR+recognition").await, 3);
}

#[tokio::test]
async fn a_minus_excludes_documents() {
    assert_eq!(total("q=istanbul").await, 3);
    assert_eq!(total("q=istanbul+-grain").await, 1);
    assert_eq!(
        total("q=-grain").await,
        6,
        "an exclusion alone keeps everything else"
    );
}

#[tokio::test]
async fn an_excluded_phrase_takes_away_exactly_its_documents() {
    // Found by the fuzz target: excluding a phrase whose first match lies after the first
    // included document broke tantivy's seek contract (a panic in debug builds).
    assert_eq!(total("q=ceasefire").await, 3);
    assert_eq!(total("q=ceasefire+%22package+of+measures%22").await, 1);
    assert_eq!(total("q=ceasefire+-%22package+of+measures%22").await, 2);
    assert_eq!(total("q=talks+-%22security+guarantees%22").await, 1);
    assert_eq!(total("q=-%22minsk+minsk%22").await, 8);
    let either = total("q=russia+OR+%22package+of+measures%22").await;
    assert_eq!(
        total("q=-%22package+of+measures%22+-russia").await,
        8 - either
    );
}

#[tokio::test]
async fn match_any_makes_every_word_optional_and_reads_no_syntax() {
    // All words: no document has every one of these.
    assert_eq!(total("q=minsk+grain+ceasefire").await, 0);
    // Any word: the documents with any of them, those with more and rarer words first.
    let body = search("q=minsk+grain+ceasefire&match=any").await;
    let either = total("q=minsk+OR+grain+OR+ceasefire").await;
    assert_eq!(body["total"].as_u64().unwrap(), either);
    assert!(either >= 4, "{body}");
    // Stop words do not match by themselves, and operators are plain words.
    assert_eq!(total("q=the+of+and&match=any").await, 0);
    assert_eq!(
        total("q=-minsk&match=any").await,
        total("q=minsk").await,
        "a minus is not an exclusion in match=any"
    );
    let (status, body) = crate::support::get("/api/search?q=minsk&match=some").await;
    assert_eq!(status.as_u16(), 400);
    assert_eq!(body["error"]["code"], "invalid_parameter");
}

#[tokio::test]
async fn title_scope_looks_only_at_titles() {
    assert_eq!(total("q=minsk").await, 2);
    assert_eq!(ids(&search("q=title:minsk").await), ["c-minsk-2015"]);
}

#[tokio::test]
async fn a_title_match_ranks_above_a_body_match() {
    let body = search("q=minsk").await;
    assert_eq!(ids(&body)[0], "c-minsk-2015");
}

#[tokio::test]
async fn cyrillic_words_are_searchable() {
    assert_eq!(
        ids(&search("q=%D0%BF%D0%BB%D0%B5%D0%BD%D0%BD%D1%8B%D0%BC%D0%B8").await),
        ["sub/e-prisoners-2025"]
    );
}

#[tokio::test]
async fn an_empty_query_browses_everything() {
    assert_eq!(total("").await, 8);
    assert_eq!(total("q=").await, 8);
}
