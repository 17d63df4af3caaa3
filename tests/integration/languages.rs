//! Search in every corpus language over `tests/fixtures/multilingual` (one short document per
//! language, two more without a declared language): inflected and compound forms, phrases,
//! snippets, language detection, and the bigram fallback without dictionaries.

use std::sync::OnceLock;

use concord_index::Dictionaries;
use concord_server::AppState;
use serde_json::Value;

use crate::support::{build_state, dictionaries, get_from, ids_of, multilingual_corpus};

/// The multilingual fixture indexed with the lindera dictionaries.
fn with_dictionaries() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| build_state(&multilingual_corpus(), "multilingual", &dictionaries()))
        .clone()
}

async fn search(state: AppState, q: &str) -> Value {
    search_with(state, q, "").await
}

/// [`search`] with more parameters (`&typos=0`).
async fn search_with(state: AppState, q: &str, more: &str) -> Value {
    let encoded: String = q
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                (byte as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect();
    let (status, body) = get_from(state, &format!("/api/search?q={encoded}{more}")).await;
    assert_eq!(status, 200, "{q}: {body}");
    body
}

fn first_id(body: &Value) -> &str {
    body["hits"][0]["id"].as_str().unwrap_or("(no hit)")
}

/// `query` finds document `id` first; the first snippet marks `marked`.
async fn check(state: AppState, query: &str, id: &str, marked: &str) {
    let body = search(state, query).await;
    assert_eq!(first_id(&body), id, "{query}: {body}");
    let snippet = body["hits"][0]["snippet"].as_str().unwrap();
    let mark = format!("<mark>{marked}</mark>");
    assert!(snippet.contains(&mark), "{query}: {snippet} lacks {mark}");
}

#[tokio::test]
async fn every_language_finds_inflected_forms_and_phrases_with_marked_snippets() {
    let state = with_dictionaries();
    let cases = [
        // (query: inflected or compound form, document, marked text of the snippet)
        ("negotiations", "en", "negotiated"),
        ("\"prisoner exchange\"", "en", "prisoner"),
        ("negociation", "fr", "négociations"),
        ("\"cessez-le-feu\"", "fr", "cessez"),
        ("Verhandlung", "de", "Verhandlungen"),
        ("\"einen Gefangenenaustausch\"", "de", "Gefangenenaustausch"),
        ("пленных", "ru", "пленными"),
        ("\"обмен пленными\"", "ru", "обмен"),
        ("полонених", "uk", "полоненими"),
        ("\"обмін полоненими\"", "uk", "обмін"),
        ("görüşmeler", "tr", "görüşmelerde"),
        ("\"esir takası\"", "tr", "takası"),
        ("istanbul", "tr", "İstanbul"),
        ("διαπραγματεύσεων", "el", "διαπραγματεύσεις"),
        ("\"ανταλλαγή αιχμαλώτων\"", "el", "ανταλλαγή"),
        ("الاتفاق", "ar", "اتفاق"),
        ("\"اطلاق النار\"", "ar", "إطلاق"),
        ("交渉", "ja", "交渉"),
        ("\"停戦合意\"", "ja", "停戦"),
        ("협상", "ko", "협상"),
        ("\"휴전 협정\"", "ko", "휴전"),
        ("战俘", "zh", "战俘"),
        ("\"和平谈判\"", "zh", "和平"),
    ];
    for (query, id, marked) in cases {
        check(state.clone(), query, id, marked).await;
    }
}

#[tokio::test]
async fn a_compound_is_found_by_its_parts_but_not_by_a_stray_character() {
    let state = with_dictionaries();
    assert_eq!(search(state.clone(), "和平交渉").await["total"], 1);
    assert_eq!(search(state.clone(), "谈判").await["total"], 1);
    // 交 alone is not a word of the Japanese document's segmentation.
    assert_eq!(search(state, "交").await["total"], 0);
}

#[tokio::test]
async fn documents_without_a_language_get_one_detected_and_analysed() {
    let state = with_dictionaries();
    let (_, detected) = get_from(state.clone(), "/api/documents/detected-ja").await;
    assert_eq!(detected["lang"], "ja");
    check(state.clone(), "監視団", "detected-ja", "監視").await;
    let (_, detected) = get_from(state.clone(), "/api/documents/detected-ru").await;
    assert_eq!(detected["lang"], "ru");
    check(state, "военнопленных", "detected-ru", "военнопленными").await;
}

#[tokio::test]
async fn health_reports_lindera_for_cjk_when_the_dictionaries_are_there() {
    let (_, health) = get_from(with_dictionaries(), "/healthz").await;
    assert_eq!(health["status"], "ok");
    assert_eq!(
        health["cjk"],
        serde_json::json!({"ja": "lindera", "ko": "lindera", "zh": "lindera"})
    );
    // 12 since the Italian document of the apostrophe tests (issue 21).
    assert_eq!(health["languages"].as_array().unwrap().len(), 12);
}

#[tokio::test]
async fn without_dictionaries_cjk_falls_back_to_bigrams_and_says_so() {
    let state = build_state(
        &multilingual_corpus(),
        "multilingual-bigram",
        &Dictionaries::none(),
    );
    let (_, health) = get_from(state.clone(), "/healthz").await;
    assert_eq!(health["status"], "degraded");
    assert_eq!(health["cjk"]["ja"], "bigram");
    let warnings = health["warnings"].to_string();
    assert!(warnings.contains("ja: no dictionary"), "{warnings}");
    for (query, id) in [
        ("交渉", "ja"),
        ("협상", "ko"),
        ("战俘", "zh"),
        ("\"停戦合意\"", "ja"),
    ] {
        assert_eq!(first_id(&search(state.clone(), query).await), id, "{query}");
    }
    check(state, "交渉", "ja", "交渉").await;
}

#[tokio::test]
async fn suggestions_complete_titles_in_every_script() {
    for (typed, id) in [
        ("和", "ja"),
        ("비핵화 협", "ko"),
        ("交换", "zh"),
        ("Переговоры о прекр", "ru"),
        ("Verhandl", "de"),
        ("Διαπραγμ", "el"),
        ("görüşme", "tr"),
    ] {
        let encoded: String = typed.bytes().map(|byte| format!("%{byte:02X}")).collect();
        let (status, body) =
            get_from(with_dictionaries(), &format!("/api/suggest?q={encoded}")).await;
        assert_eq!(status, 200, "{typed}: {body}");
        let ids = ids_of(&body["titles"]);
        assert!(ids.contains(&id.to_string()), "{typed}: {ids:?}");
    }
}

#[tokio::test]
async fn two_word_phrases_answer_the_same_from_word_pairs_as_from_positions() {
    // `"a b"` is answered from the pair field when both words are frequent (here, in so small
    // a corpus, every word is); `"a b"^1` is the same query kept on positions.
    let state = with_dictionaries();
    for phrase in [
        "\"prisoner exchange\"",
        "\"exchange prisoner\"",
        "\"обмен пленными\"",
        "\"обмін полоненими\"",
        "\"esir takası\"",
        "\"ανταλλαγή αιχμαλώτων\"",
        "\"اطلاق النار\"",
        "\"einen Gefangenenaustausch\"",
        "\"cessez-le-feu\"",
    ] {
        let pairs = search(state.clone(), phrase).await;
        let positions = search(state.clone(), &format!("{phrase}^1")).await;
        assert_eq!(pairs["total"], positions["total"], "{phrase}");
        assert_eq!(pairs["hits"], positions["hits"], "{phrase}");
        if !phrase.starts_with("\"exchange") {
            assert!(pairs["total"].as_u64().unwrap() >= 1, "{phrase}: {pairs}");
        }
    }
}

#[tokio::test]
async fn apostrophes_never_break_a_query() {
    // Issue 21: an apostrophe is part of the text, never a quote of the query syntax.
    for (with, without) in [
        ("discuté d'un cessez-le-feu", "discuté d un cessez-le-feu"),
        // Turkish drops the case ending after the apostrophe (schema 10): any ending alike.
        ("İstanbul'daki", "İstanbul’da"),
    ] {
        let found = search(with_dictionaries(), with).await;
        assert!(found["notices"].is_null(), "{with}: {found}");
        assert_eq!(
            ids_of(&found["hits"]),
            ids_of(&search(with_dictionaries(), without).await["hits"]),
            "{with}"
        );
    }
    let found = search(with_dictionaries(), "discuté d'un cessez-le-feu").await;
    assert_eq!(first_id(&found), "fr");
}

/// The ids `query` finds, in order.
async fn found(query: &str) -> Vec<String> {
    ids_of(&search(with_dictionaries(), query).await["hits"])
}

#[tokio::test]
async fn ukrainian_apostrophes_are_one_letter_of_the_word() {
    // Issue 21: `'`, `’` and `ʼ` (the one Ukrainian orthography prescribes) spell one word.
    for query in [
        "перемир'я",
        "перемир’я",
        "перемирʼя",
        "перемир`я",
        "перемир‘я",
        "перемир´я",
        "з’їзд",
        "обʼєднання",
    ] {
        assert_eq!(found(query).await, ["uk-apostrophe"], "{query}");
    }
    // The whole word is marked (the snippet is HTML: `'` is escaped).
    check(
        with_dictionaries(),
        "перемир’я",
        "uk-apostrophe",
        "перемир&#x27;я",
    )
    .await;
    // The word is not cut in two: `я` alone is not in the document.
    assert!(found("я").await.is_empty());
}

#[tokio::test]
async fn french_and_italian_elisions_do_not_stand_between_a_query_and_its_word() {
    // Issue 21: `l'accord`, `l’accord` and `accord` find the documents that write either
    // apostrophe; a phrase with the elision matches them too. (The Italian `l’accordo`
    // shares their stem.)
    for query in ["l'accord", "l’accord", "lʼaccord", "accord"] {
        let mut ids = found(query).await;
        ids.sort();
        assert_eq!(
            ids,
            ["fr-accord", "fr-accord-ascii", "it-accordo"],
            "{query}"
        );
    }
    for query in [
        "l'accord de paix",
        "l’accord de paix",
        "accord de paix",
        "\"l'accord de paix\"",
        "\"l’accord de paix\"",
        "\"accord de paix\"",
    ] {
        let mut ids = found(query).await;
        ids.sort();
        assert_eq!(ids, ["fr-accord", "fr-accord-ascii"], "{query}");
    }
    check(with_dictionaries(), "l'accord", "fr-accord", "accord").await;
    // With or without its apostrophe, the country is one name.
    let ivoire = found("Côte d'Ivoire").await;
    assert_eq!(ivoire.len(), 2, "{ivoire:?}");
    for query in ["Côte d’Ivoire", "Cote d Ivoire", "cote dʼivoire"] {
        assert_eq!(found(query).await, ivoire, "{query}");
    }
    // Italian: `l’accordo` and `accordo` alike, `dell'ONU` is `ONU`. As typed: with typos
    // `accordo` also finds the French `accord`, one letter shorter (ranked below).
    for query in ["l'accordo", "l’accordo", "accordo", "ONU", "dell’ONU"] {
        let as_typed = search_with(with_dictionaries(), query, "&typos=0").await;
        assert_eq!(ids_of(&as_typed["hits"]), ["it-accordo"], "{query}");
        assert_eq!(found(query).await[0], "it-accordo", "{query}");
    }
}

#[tokio::test]
async fn english_possessives_and_the_dotted_capital_i() {
    // Issue 21: `Russia’s` finds what `Russia` finds, whatever the apostrophe.
    let russia = found("Russia").await;
    assert!(russia.contains(&"en-possessive".to_string()), "{russia:?}");
    for query in ["Russia's", "Russia’s", "Ukraine", "Ukraine’s"] {
        assert_eq!(found(query).await, russia, "{query}");
    }
    // `İstanbul` in an English page is `istanbul`, as in a Turkish one.
    for query in ["istanbul", "Istanbul", "İstanbul", "ISTANBUL"] {
        let ids = found(query).await;
        assert!(
            ids.contains(&"en-possessive".to_string()) && ids.contains(&"tr".to_string()),
            "{query}: {ids:?}"
        );
    }
    check(
        with_dictionaries(),
        "istanbul mediators",
        "en-possessive",
        "İstanbul",
    )
    .await;
}

#[tokio::test]
async fn turkish_case_endings_after_an_apostrophe_leave_the_name() {
    // Issue 21: Turkish writes a name's case ending after an apostrophe; `İstanbul'un` (of
    // Istanbul) finds the page that says `İstanbul'daki` (in Istanbul), by its words alone.
    for query in ["İstanbul'un", "İstanbul’da", "\"İstanbul görüşmelerde\""] {
        let body = search_with(with_dictionaries(), query, "&typos=0&entities=false").await;
        assert!(
            ids_of(&body["hits"]).contains(&"tr".to_string()),
            "{query}: {body}"
        );
    }
    check(
        with_dictionaries(),
        "İstanbul'un görüşmeler",
        "tr",
        "İstanbul",
    )
    .await;
}
