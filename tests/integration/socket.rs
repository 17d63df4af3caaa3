//! `concord serve` through a real socket: builds the missing index, then answers HTTP; and
//! starts and answers without dictionaries.

use crate::support::{Server, fixture_corpus, multilingual_corpus, scratch_dir};

#[test]
fn serve_builds_the_missing_index_and_answers_over_http() {
    let index = scratch_dir("socket").join("index");
    let server = Server::start(&fixture_corpus(), &index, &["--no-dict-setup"]);
    assert!(index.join("CURRENT").is_file(), "the index was built");

    let (status, health) = server.get("/healthz");
    assert_eq!(status, 200);
    assert_eq!(health["documents"], 8);
    let (status, body) = server.get("/api/search?q=ceasefire&party=ukraine");
    assert_eq!(status, 200);
    assert_eq!(body["total"], 2);
    let (status, body) = server.get("/api/search?limit=1000");
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_limit");
}

#[test]
fn serve_without_dictionaries_falls_back_to_bigrams_and_warns() {
    let scratch = scratch_dir("socket-no-dicts");
    let corpus = multilingual_corpus();
    let no_dicts = scratch.join("no-dictionaries-here");
    let server = Server::start(
        &corpus,
        &scratch.join("index"),
        &["--no-dict-setup", "--dicts", no_dicts.to_str().unwrap()],
    );
    let (status, health) = server.get("/healthz");
    assert_eq!(status, 200);
    assert_eq!(health["status"], "degraded");
    assert_eq!(health["cjk"]["ko"], "bigram");
    assert!(
        health["warnings"].to_string().contains("ko: no dictionary"),
        "{health}"
    );
    // 비핵화 (denuclearisation) is found through its bigrams.
    let (status, body) = server.get("/api/search?q=%EB%B9%84%ED%95%B5%ED%99%94");
    assert_eq!(status, 200);
    assert_eq!(body["hits"][0]["id"], "ko");
}

#[test]
fn serving_beyond_loopback_without_a_key_warns_and_a_key_closes_the_data() {
    let scratch = scratch_dir("socket-exposed");
    let open = Server::start_at(
        "0.0.0.0:0",
        &fixture_corpus(),
        &scratch.join("index"),
        &["--no-dict-setup"],
    );
    assert!(
        open.log().contains("beyond loopback, without an API key"),
        "{}",
        open.log()
    );
    assert_eq!(open.get("/api/search?q=minsk").0, 200);
    drop(open);

    let keyed = Server::start_at(
        "0.0.0.0:0",
        &fixture_corpus(),
        &scratch.join("index"),
        &["--no-dict-setup", "--api-key", "s3cret"],
    );
    assert!(
        !keyed.log().contains("without an API key"),
        "{}",
        keyed.log()
    );
    let (status, body) = keyed.get("/api/search?q=minsk");
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "unauthorized");
    assert_eq!(keyed.get("/healthz").0, 200);
}
