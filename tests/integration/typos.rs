//! Typos and transliterations (issue 21): a word of 5+ letters also finds the words an edit
//! away (9+: two), never with another first letter, ranked below the word as typed; phrases,
//! short words and CJK stay exact; `typos=0` turns it off; a search that finds nothing
//! suggests the nearest query that finds something. The corpus is written for this test:
//! one spelling of a name per page, so each hit says which spelling it was found by.

use std::path::PathBuf;
use std::sync::OnceLock;

use concord_server::AppState;
use serde_json::Value;

use crate::support::{build_state, dictionaries, get_from, scratch_dir};

/// (file, language, title, body).
const PAGES: [(&str, &str, &str, &str); 10] = [
    (
        "zelensky.md",
        "en",
        "Talks in Paris",
        "President Zelensky met the other leaders in Paris for a long day of talks about \
         the exchange of prisoners, the withdrawal of heavy weapons and the next steps.",
    ),
    (
        "zelenskiy.md",
        "en",
        "A short statement",
        "Zelenskiy spoke. Zelenskiy listened. Zelenskiy left.",
    ),
    (
        "zelenskyy.md",
        "en",
        "A press conference",
        "At the press conference Zelenskyy answered questions about the talks.",
    ),
    (
        "timochenko-fr.md",
        "fr",
        "Accord de La Havane",
        "Le commandant Timochenko a signé l'accord avec le président Santos à Carthagène.",
    ),
    (
        "ceasefire.md",
        "en",
        "A truce that held",
        "The ceasefire held through the winter along the whole line of contact.",
    ),
    (
        "holbrooke.md",
        "en",
        "Proximity talks in Ohio",
        "Richard Holbrooke kept the delegations at the air base until they agreed.",
    ),
    (
        "mediator.md",
        "en",
        "The mediator's report",
        "The mediator reported on the grain corridor and the prisoner lists.",
    ),
    (
        "dialogue.md",
        "en",
        "Dialogue resumed",
        "The parties resumed their dialogue on the border question.",
    ),
    (
        "pace.md",
        "en",
        "The pace of talks",
        "The pace of the talks slowed in spring.",
    ),
    (
        "tokyo-ja.md",
        "ja",
        "東京での協議",
        "東京で協議が行われた。停戦について話し合った。",
    ),
];

fn corpus() -> PathBuf {
    let dir = scratch_dir("typos-corpus");
    for (file, lang, title, body) in PAGES {
        let text =
            format!("---\ntitle: \"{title}\"\nlang: {lang}\ndate: 2020-01-01\n---\n{body}\n");
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| build_state(&corpus(), "typos-index", &dictionaries()))
        .clone()
}

async fn search(query: &str) -> Value {
    let (status, body) = get_from(state(), &format!("/api/search?{query}")).await;
    assert_eq!(status, 200, "{query}: {body}");
    body
}

/// The pages found, in rank order, by file name without `.md`.
fn pages(body: &Value) -> Vec<String> {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| {
            let title = hit["title"].as_str().unwrap();
            let (file, ..) = PAGES.iter().find(|page| page.2 == title).unwrap();
            file.trim_end_matches(".md").to_string()
        })
        .collect()
}

fn also(body: &Value, word: &str) -> Vec<String> {
    body["typos"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|typo| typo["word"] == word)
        .flat_map(|typo| typo["also"].as_array().unwrap().iter())
        .map(|spelling| spelling.as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn every_transliteration_of_a_name_is_found_the_typed_one_first() {
    for typed in ["Zelensky", "Zelenskiy", "Zelenskyy"] {
        let body = search(&format!("q={typed}")).await;
        let found = pages(&body);
        assert_eq!(found.len(), 3, "{typed}: {found:?}");
        assert_eq!(
            found[0],
            typed.to_lowercase(),
            "{typed}: exact first: {found:?}"
        );
        assert!(!also(&body, typed).is_empty(), "{typed}: {body}");
    }
    // The variant ranks below the exact word even when it is repeated in a short page.
    let found = pages(&search("q=Zelensky").await);
    assert_eq!(found[0], "zelensky");
    let body = search("q=Zelenskyy").await;
    let spellings = also(&body, "Zelenskyy");
    assert!(
        spellings
            .iter()
            .any(|s| s.starts_with("zelensk") && s != "zelenskyy"),
        "{spellings:?}"
    );
}

#[tokio::test]
async fn misspellings_people_type_find_their_documents() {
    for (typed, page) in [
        ("Timoshenko", "timochenko-fr"),
        ("ceasfire", "ceasefire"),
        ("Holbroke", "holbrooke"),
        ("dialgoue", "dialogue"),
    ] {
        let body = search(&format!("q={typed}")).await;
        assert_eq!(pages(&body), [page], "{typed}: {body}");
        assert!(
            !also(&body, typed).is_empty(),
            "{typed} says what it took: {body}"
        );
        let exact = search(&format!("q={typed}&typos=0")).await;
        assert_eq!(exact["total"], 0, "{typed} with typos=0");
        assert!(exact.get("typos").is_none());
    }
    assert_eq!(also(&search("q=ceasfire").await, "ceasfire"), ["ceasefire"]);
    assert_eq!(also(&search("q=Holbroke").await, "Holbroke"), ["holbrooke"]);
}

#[tokio::test]
async fn short_words_phrases_cjk_and_other_first_letters_stay_exact() {
    // Four letters: exact (`pace` does not find `peace` or `race`).
    assert_eq!(pages(&search("q=pace").await), ["pace"]);
    assert_eq!(
        search("q=pase").await["total"],
        0,
        "four letters take no edit"
    );
    // A quoted word or phrase asks for the words as typed.
    assert_eq!(search("q=%22Zelenskyy%22").await["total"], 1);
    assert_eq!(search("q=%22Holbroke%22").await["total"], 0);
    // The first letter is never the typo.
    assert_eq!(search("q=Ceasefire").await["total"], 1);
    assert_eq!(search("q=leasefire").await["total"], 0);
    // An excluded word is excluded as typed.
    let body = search("q=talks+-Zelensky").await;
    assert!(pages(&body).contains(&"zelenskyy".to_string()), "{body}");
    // CJK stays exact.
    assert_eq!(pages(&search("q=東京").await), ["tokyo-ja"]);
    assert!(search("q=東京").await.get("typos").is_none());
}

#[tokio::test]
async fn any_words_take_typos_too() {
    let body = search("q=Holbroke+ceasfire&match=any").await;
    let mut found = pages(&body);
    found.sort();
    assert_eq!(found, ["ceasefire", "holbrooke"], "{body}");
}

#[tokio::test]
async fn a_search_that_finds_nothing_suggests_the_nearest_query_that_does() {
    // A misspelling beyond the allowance (two edits in an eight-letter word).
    let body = search("q=caesfire").await;
    assert_eq!(body["total"], 0);
    assert_eq!(body["did_you_mean"]["q"], "ceasefire", "{body}");
    assert_eq!(body["did_you_mean"]["total"], 1);
    // With typos off, the misspelt word is corrected.
    let body = search("q=Holbroke&typos=0").await;
    assert_eq!(body["did_you_mean"]["q"], "holbrooke", "{body}");
    // Every word known, never together: the query without one of them.
    let body = search("q=Holbrooke+Timochenko").await;
    assert_eq!(body["total"], 0);
    let suggestion = body["did_you_mean"]["q"].as_str().unwrap();
    assert!(["Holbrooke", "Timochenko"].contains(&suggestion), "{body}");
    let again = search(&format!("q={suggestion}")).await;
    assert_eq!(again["total"], body["did_you_mean"]["total"]);
    // Found something: no suggestion; nothing near: none either.
    assert!(search("q=ceasefire").await.get("did_you_mean").is_none());
    assert!(search("q=xqzwv").await.get("did_you_mean").is_none());
}

/// Words of the pages, each with its page and how many of its first letters the edits may
/// touch (the English stem's: a slip in an ending the stemmer cuts is caught only when the
/// whole typed word is near an indexed stem).
const WORDS: [(&str, &str, usize); 5] = [
    ("Holbrooke", "holbrooke", 8),
    ("Timochenko", "timochenko-fr", 10),
    ("Zelenskiy", "zelenskiy", 9),
    ("corridor", "mediator", 8),
    ("ceasefire", "ceasefire", 8),
];

/// `word` with one edit inside its first `kept` letters, never the first letter: `kind` 0
/// changes a letter, 1 drops one, 2 adds one, 3 swaps two neighbours.
fn misspell(word: &str, kept: usize, kind: u8, at: usize, letter: char) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = 1 + at % (kept - 1);
    match kind % 4 {
        0 => chars[at] = letter,
        1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, letter),
        _ if at + 1 < kept => chars.swap(at, at + 1),
        _ => chars.swap(at - 1, at),
    }
    chars.into_iter().collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// What a person expects of typo tolerance: one slip inside a word (not its first letter)
    /// still finds the page with the word, ranked first when it is the only one.
    #[test]
    fn one_slip_inside_a_word_still_finds_its_page(
        word in 0usize..WORDS.len(),
        kind in 0u8..4,
        at in 0usize..64,
        letter in proptest::char::range('a', 'z'),
    ) {
        let (word, page, kept) = WORDS[word];
        let typed = misspell(word, kept, kind, at, letter);
        proptest::prop_assume!(typed.to_lowercase() != word.to_lowercase());
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let body = runtime.block_on(search(&format!("q={typed}")));
        let found = pages(&body);
        proptest::prop_assert!(found.contains(&page.to_string()), "{typed}: {found:?}");
    }
}

#[tokio::test]
async fn a_suggestion_stays_near_what_was_typed() {
    // Two edits in a word under eight letters make another word: `wintxy` is not offered as
    // `winter` (the ceasefire page has it); eight letters may take two (`caesfire`).
    let body = search("q=wintxy").await;
    assert_eq!(body["total"], 0);
    assert!(body.get("did_you_mean").is_none(), "{body}");
    let body = search("q=caesfire").await;
    assert_eq!(body["did_you_mean"]["q"], "ceasefire", "{body}");
    // What a field keeps of a word counts: Turkish keeps `d` of `d'Ivoire`, too short to
    // replace (it was offered as `da`).
    let body = search("q=C%C3%B4te+d%27Ivoire").await;
    assert_eq!(body["total"], 0);
    assert!(body.get("did_you_mean").is_none(), "{body}");
    // An apostrophe stays inside its word: the possessive is corrected with its name.
    let body = search("q=Holbroke%27s&typos=0").await;
    assert_eq!(body["did_you_mean"]["q"], "holbrooke's", "{body}");
}
