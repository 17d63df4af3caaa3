//! Hostile input never gets a 5xx or a panic: the cargo-fuzz corpus of the query path
//! (`tests/fuzz/corpus/query`, grown by `cargo +nightly fuzz run --fuzz-dir tests/fuzz query`)
//! replayed through the router, and property tests over random and adversarial query strings
//! and parameters (unbalanced quotes and brackets, operators, huge and negative numbers,
//! control characters, every script, long inputs).

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use proptest::prelude::*;

use crate::support::{exchange, state};

/// How a fuzz input becomes a request: the fuzz target's own code.
#[path = "../fuzz/fuzz_targets/input.rs"]
pub(crate) mod fuzz_input;

use fuzz_input::{encode, request as fuzz_request};

/// The status of `request` through the fixture's router, checking the body is the JSON
/// error shape whenever it is not a 200.
fn status_of(runtime: &tokio::runtime::Runtime, request: Request<Body>) -> StatusCode {
    let what = format!("{} {}", request.method(), request.uri());
    let (status, _, body) = runtime.block_on(exchange(state(), request));
    if status != StatusCode::OK {
        let body: serde_json::Value = serde_json::from_slice(&body)
            .unwrap_or_else(|_| panic!("{what}: {status} without a JSON body"));
        assert!(body["error"]["code"].is_string(), "{what}: {body}");
    }
    status
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn the_fuzz_corpus_replays_without_a_server_error() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz/corpus/query");
    let runtime = runtime();
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        // A fuzzer running beside the tests replaces inputs as it shrinks them.
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        let Some(request) = fuzz_request(&data) else {
            continue;
        };
        let status = status_of(&runtime, request);
        assert!(!status.is_server_error(), "{}: {status}", path.display());
        replayed += 1;
    }
    assert!(
        replayed >= 15,
        "only {replayed} inputs in {}",
        dir.display()
    );
}

/// Every piece repeated up to the query length limit: deep nesting and long operator runs
/// (found by the property test: 600 nested parentheses overflowed a search thread's stack,
/// which ends the whole process).
#[test]
fn every_piece_repeated_to_the_length_limit_is_answered() {
    let runtime = runtime();
    for piece in PIECES {
        for times in [50, 300, 4096 / piece.len().max(1)] {
            let q = piece.repeat(times);
            for body in [
                serde_json::json!({ "q": q }),
                serde_json::json!({ "q": format!("{q}a") }),
                serde_json::json!({ "q": format!("a {q} b"), "match": "any" }),
            ] {
                let request = Request::post("/api/search")
                    .body(Body::from(body.to_string()))
                    .unwrap();
                let status = status_of(&runtime, request);
                assert!(
                    !status.is_server_error(),
                    "{status} for {piece:?} x {times}"
                );
            }
        }
    }
}

/// Pieces that query parsers trip on, in every script the corpus has.
const PIECES: &[&str] = &[
    "\"",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "OR",
    "AND",
    "NOT",
    "-",
    "+",
    "*",
    "?",
    "~",
    "^2",
    "^",
    ":",
    "title:",
    "body:",
    "nosuch:",
    "\\",
    "/",
    "'",
    "&",
    "=",
    "%",
    "\u{0}",
    "\u{7}",
    "\t",
    "\u{202e}",
    "\u{feff}",
    "\u{fffd}",
    " ",
    "  ",
    "minsk",
    "ceasefire",
    "Минск",
    "Мінськ",
    "İstanbul'daki",
    "停战",
    "ミンスク",
    "민스크",
    "وقف",
    "εκεχειρία",
    "🕊️",
    "e\u{301}",
    "9999999999999999999999",
    "-1",
    "1e309",
    "NaN",
];

fn adversarial_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(proptest::sample::select(PIECES), 0..24)
            .prop_map(|pieces| pieces.concat()),
        any::<String>(),
        "\\PC{0,300}",
        (proptest::sample::select(PIECES), 1usize..600).prop_map(|(piece, n)| piece.repeat(n)),
    ]
}

const KEYS: &[&str] = &[
    "party",
    "venue",
    "topic",
    "process",
    "lang",
    "doc_type",
    "from",
    "to",
    "sort",
    "limit",
    "offset",
    "histogram",
    "facets",
    "highlight",
    "q",
    "unknown",
];

fn adversarial_value() -> impl Strategy<Value = String> {
    prop_oneof![
        adversarial_text(),
        Just("99999999999999999999999".to_string()),
        Just("-9223372036854775808".to_string()),
        Just("18446744073709551616".to_string()),
        Just("2022-02-30".to_string()),
        Just("0000-00-00".to_string()),
        Just("-date".to_string()),
        Just("true".to_string()),
        Just("".to_string()),
        (-1_000_000i64..1_000_000).prop_map(|n| n.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_query_string_gets_a_server_error(
        q in adversarial_text(),
        params in proptest::collection::vec(
            (proptest::sample::select(KEYS), adversarial_value()), 0..6),
    ) {
        let mut uri = format!("/api/search?q={}", encode(&q));
        for (key, value) in &params {
            uri.push_str(&format!("&{key}={}", encode(value)));
        }
        // Past 64 KB a URI never reaches the router (the HTTP layer answers 414).
        prop_assume!(uri.len() < 60_000);
        let runtime = runtime();
        for path in [uri.clone(), uri.replacen("/api/search", "/api/export", 1)] {
            let request = Request::get(path).body(Body::empty()).unwrap();
            let status = status_of(&runtime, request);
            prop_assert!(!status.is_server_error(), "{status} for {uri}");
        }
        let suggest = format!("/api/suggest?q={}", encode(&q));
        let status = status_of(&runtime, Request::get(suggest).body(Body::empty()).unwrap());
        prop_assert!(!status.is_server_error(), "{status} for suggest {q:?}");
    }

    #[test]
    fn no_json_body_gets_a_server_error(
        q in adversarial_text(),
        params in proptest::collection::vec(
            (proptest::sample::select(KEYS), adversarial_value()), 0..6),
        numbers in proptest::collection::vec(any::<i64>(), 0..3),
    ) {
        let mut body = serde_json::Map::new();
        body.insert("q".to_string(), q.into());
        for (key, value) in params {
            body.insert(key.to_string(), value.into());
        }
        for (key, number) in ["limit", "offset", "party"].iter().zip(numbers) {
            body.insert(key.to_string(), number.into());
        }
        let text = serde_json::Value::Object(body).to_string();
        let request = Request::post("/api/search")
            .header("content-type", "application/json")
            .body(Body::from(text.clone()))
            .unwrap();
        let status = status_of(&runtime(), request);
        prop_assert!(!status.is_server_error(), "{status} for {text}");
    }

    #[test]
    fn typed_text_is_never_a_syntax_error(
        pieces in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(PIECES),
                proptest::sample::select(MORE_PIECES),
            ],
            0..16,
        ),
        spaces in proptest::collection::vec(any::<bool>(), 16),
    ) {
        let q: String = pieces
            .iter()
            .zip(&spaces)
            .flat_map(|(piece, space)| [*piece, if *space { " " } else { "" }])
            .collect();
        let (status, _, body) = runtime().block_on(exchange(
            state(),
            Request::get(format!("/api/search?q={}", encode(&q))).body(Body::empty()).unwrap(),
        ));
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        prop_assert!(
            status == StatusCode::OK || body["error"]["code"] == "query_too_large",
            "{status} for {q:?}: {body}"
        );
    }
}

/// What [`PIECES`] lacks for [`typed_text_is_never_a_syntax_error`]: the rest of tantivy's
/// syntax, apostrophes inside words, and more scripts.
const MORE_PIECES: &[&str] = &[
    "IN",
    "TO",
    "<",
    ">=",
    "!",
    "~2",
    "\"a b\"~2",
    "people's",
    "d'Ivoire",
    "перемир'я",
    "שלום",
    "शांति",
    "2015",
    "-5",
    "1.5",
];
