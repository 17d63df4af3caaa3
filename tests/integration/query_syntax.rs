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
    // Three say Istanbul; a fourth, which spells it Стамбул, is indexed under the venue.
    assert_eq!(total("q=istanbul").await, 4);
    assert_eq!(total("q=istanbul&entities=false").await, 3);
    assert_eq!(total("q=istanbul+-grain").await, 2);
    assert_eq!(total("q=istanbul+-grain&entities=false").await, 1);
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
    // An exclusion takes away the word, not the taxonomy value it names (`names.rs`): the
    // documents it complements are those with the words.
    let either = total("q=russia+OR+%22package+of+measures%22&entities=false").await;
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

/// Queries as people type them (issue 21): every one is answered, none with a syntax error.
const TYPED: &[&str] = &[
    "people's republic",
    "Côte d'Ivoire",
    "l'accord de paix",
    "перемир'я",
    "Article 1: Ceasefire",
    "Doha agreement: withdrawal",
    "[brackets]",
    "{peace}",
    "\"unbalanced quote",
    "talks \"",
    "(unbalanced parenthesis",
    "unbalanced parenthesis)",
    "ceasefire AND",
    "OR ceasefire",
    "ceasefire OR OR grain",
    "-",
    "^",
    "+",
    "~",
    "*",
    "?",
    "\\",
    "/",
    "\"",
    "(",
    ")",
    ":",
    "AND",
    "OR",
    "NOT",
    "IN",
    "Made IN Ukraine",
    "UN Security Council resolution 2202",
    "\"Minsk II\" ceasefire",
    "Oslo (1993)",
    "Abu Dhabi / Istanbul talks",
    "ceasefire -Gaza",
    "title:ceasefire",
    "title: minsk",
    "title:",
    "nosuchfield:war",
    "a+b",
    "C++",
    "50%",
    "#peace",
    "peace@geneva",
    "🕊️ peace ✌️",
    "وقف إطلاق النار: غزة؟",
    "εκεχειρία (Κύπρος);",
    "停战协议「明斯克」",
    "ミンスク合意（2015）",
    "https://example.org/a?b=c",
    "/regex/",
    "grain^",
    "grain^2",
    "\"\"",
    "()",
    "[2015 TO 2022]",
    "date:>2015",
    "title:*",
    "\"package of\"*",
    "-- ceasefire",
    "NOT NOT grain",
];

#[tokio::test]
async fn text_as_people_type_it_is_never_a_syntax_error() {
    for q in TYPED {
        let path = format!(
            "/api/search?q={}",
            crate::fuzz_replay::fuzz_input::encode(q)
        );
        let (status, body) = crate::support::get(&path).await;
        assert_eq!(status.as_u16(), 200, "{q:?}: {body}");
    }
}

/// The total and notices of a search for `q`.
async fn read(q: &str) -> (u64, Vec<String>) {
    let body = search(&format!("q={}", crate::fuzz_replay::fuzz_input::encode(q))).await;
    let notices = body
        .get("notices")
        .and_then(|notices| notices.as_array())
        .map(|notices| {
            notices
                .iter()
                .map(|notice| notice["code"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    (body["total"].as_u64().unwrap(), notices)
}

#[tokio::test]
async fn what_does_not_parse_finds_what_its_words_find() {
    // A colon after an ordinary word is punctuation, read silently.
    assert_eq!(
        read("Istanbul talks: ceasefire").await,
        read("Istanbul talks ceasefire").await
    );
    assert_eq!(
        read("Article 1: Ceasefire").await,
        read("Article 1 Ceasefire").await
    );
    // An unknown field's colon is a space, with a notice.
    let (found, notices) = read("nosuchfield:grain").await;
    assert_eq!(found, total("q=nosuchfield+grain").await);
    assert_eq!(notices, ["syntax_ignored"]);
    // A quote or parenthesis without a partner is dropped, with a notice.
    let (found, notices) = read("\"security guarantees").await;
    assert_eq!(found, total("q=security+guarantees").await);
    assert_eq!(notices, ["syntax_ignored"]);
    let (found, notices) = read("(grain OR recognition").await;
    assert_eq!(found, total("q=grain+OR+recognition").await);
    assert_eq!(notices, ["syntax_ignored"]);
    // An operator at an end joins nothing.
    for q in [
        "ceasefire AND",
        "OR ceasefire",
        "ceasefire NOT",
        "ceasefire -",
    ] {
        let (found, notices) = read(q).await;
        assert_eq!(found, 3, "{q}");
        assert_eq!(notices, ["syntax_ignored"], "{q}");
    }
    // Brackets are spaces.
    assert_eq!(read("[grain]").await.0, total("q=grain").await);
    // Apostrophes never break a query, and find what the words around them find.
    assert_eq!(read("Côte d'Ivoire").await, read("Côte d Ivoire").await);
    assert!(read("people's republic").await.1.is_empty());
    // Nothing left to search for: every document, with a notice.
    let (found, notices) = read("( \" ^").await;
    assert_eq!(found, total("q=").await);
    assert!(notices.contains(&"nothing_to_search".to_string()));
}

#[tokio::test]
async fn valid_syntax_carries_no_notice() {
    for q in [
        "ceasefire",
        "\"security guarantees\"",
        "grain OR recognition",
        "istanbul -grain",
        "-grain",
        "title:minsk",
        "(grain OR recognition) -istanbul",
        "\"package of measures\"~2",
        "grain^2",
        "UN Security Council resolution 2202",
        "C++ 50% #peace peace@geneva",
    ] {
        let body = search(&format!("q={}", crate::fuzz_replay::fuzz_input::encode(q))).await;
        assert!(body.get("notices").is_none(), "{q}: {body}");
    }
}
