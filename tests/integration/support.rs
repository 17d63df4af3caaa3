//! Shared fixture: the fixture corpus indexed once per test binary, and request helpers.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use concord_index::{Dictionaries, SearchIndex, build_index};
use concord_server::{AppState, app};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub fn fixture_corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus")
}

/// One short document per corpus language, and two without a declared language.
pub fn multilingual_corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/multilingual")
}

/// Runs the `concord` binary with `args` (log level warn) and waits for it.
pub fn concord(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .expect("concord runs")
}

/// A fresh folder under cargo's target tmp dir, unique to this process and `name`.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An app over `corpus`, indexed into a scratch folder named `name`.
pub fn build_state(corpus: &Path, name: &str, dictionaries: &Dictionaries) -> AppState {
    let load = concord_corpus::read_corpus(corpus).unwrap();
    let index_dir = scratch_dir(name).join("index");
    let skipped = load.skipped.len();
    build_index(
        &load.documents,
        &load.taxonomy,
        skipped,
        &index_dir,
        dictionaries,
    )
    .unwrap();
    AppState::new(SearchIndex::open(&index_dir, dictionaries).unwrap())
}

/// The app over the fixture index, built on first use.
pub fn state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| build_state(&fixture_corpus(), "fixture-index", &Dictionaries::none()))
        .clone()
}

/// The lindera dictionaries, built into the shared cache first if they are missing (what
/// `concord setup-dicts` does). Panics with the setup's errors if they cannot be built.
pub fn dictionaries() -> Dictionaries {
    static DICTIONARIES: OnceLock<Dictionaries> = OnceLock::new();
    DICTIONARIES
        .get_or_init(|| {
            let dir = concord_dicts::default_dir();
            let mut progress = |line: &str| eprintln!("setup-dicts: {line}");
            for (kind, result) in concord_dicts::setup(&dir, false, &mut progress) {
                if let Err(error) = result {
                    panic!(
                        "the {} dictionary could not be built in {}: {error}",
                        kind.name(),
                        dir.display()
                    );
                }
            }
            let dictionaries = Dictionaries::load(&dir);
            assert!(
                dictionaries.missing.is_empty(),
                "{:?}",
                dictionaries.missing
            );
            dictionaries
        })
        .clone()
}

/// `GET path` through the router; the status and the JSON body.
pub async fn get(path: &str) -> (StatusCode, Value) {
    get_from(state(), path).await
}

/// `GET path` through the router of `state`.
pub async fn get_from(state: AppState, path: &str) -> (StatusCode, Value) {
    let request = Request::get(path).body(Body::empty()).unwrap();
    send(state, request).await
}

/// `POST path` with a JSON body through the router.
pub async fn post(path: &str, body: &str) -> (StatusCode, Value) {
    let request = Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(state(), request).await
}

/// Any request through the router of `state`: the status, the headers and the body.
pub async fn exchange(state: AppState, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let response = app(state).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, bytes.to_vec())
}

/// `method path` with these request headers through the router of `state`.
pub async fn call(
    state: AppState,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    exchange(state, request.body(Body::empty()).unwrap()).await
}

/// `GET path` through the fixture's router: the status, the headers and the body as text.
pub async fn get_text(path: &str) -> (StatusCode, HeaderMap, String) {
    let (status, headers, body) = call(state(), "GET", path, &[]).await;
    (status, headers, String::from_utf8(body).unwrap())
}

/// Any request through the router of `state`; the status and the JSON body.
pub async fn send(state: AppState, request: Request<Body>) -> (StatusCode, Value) {
    let (status, _, bytes) = exchange(state, request).await;
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|error| {
        panic!(
            "body is not JSON ({error}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, json)
}

/// A successful search; its JSON.
pub async fn search(query: &str) -> Value {
    let (status, body) = get(&format!("/api/search?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    body
}

/// The total of a successful search.
pub async fn total(query: &str) -> u64 {
    search(query).await["total"].as_u64().unwrap()
}

/// The ids of the hits, in order.
pub fn ids(body: &Value) -> Vec<String> {
    ids_of(&body["hits"])
}

/// The `id` of every entry of a JSON array (hits, suggested titles).
pub fn ids_of(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["id"].as_str().unwrap().to_string())
        .collect()
}

/// The count of one facet value in a response (0 if absent).
pub fn facet_count(body: &Value, group: &str, value: &str) -> u64 {
    body["facets"][group]
        .as_array()
        .unwrap()
        .iter()
        .find(|facet| facet["value"] == value)
        .map_or(0, |facet| facet["count"].as_u64().unwrap())
}
