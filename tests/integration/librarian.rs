//! The librarian's workflow through the `concord` binary: incremental reindexing, dry runs,
//! the one-indexer lock, crash safety (the indexer killed with SIGKILL at several points),
//! bad files, schema changes, and a running server that picks up a reindex without a failed
//! request.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{
    NEW_DOCUMENT, Server, concord, corpus_copy, index, index_command, reason_for, reasons,
    scratch_dir, search_json, searched_total, send, wait_until,
};

fn names(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|name| name.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_incremental_run_applies_only_what_changed() {
    let scratch = scratch_dir("librarian-incremental");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");

    let first = index(&corpus, &dir, &[]).unwrap();
    assert_eq!(first["mode"], "full");
    assert_eq!(first["added"].as_array().unwrap().len(), 9);
    assert_eq!(first["documents"], 8);

    // Nothing changed; a rewrite with the same content (new mtime) changes nothing either.
    let same = std::fs::read(corpus.join("c-minsk-2015.md")).unwrap();
    std::fs::write(corpus.join("c-minsk-2015.md"), same).unwrap();
    let again = index(&corpus, &dir, &[]).unwrap();
    assert_eq!(again["mode"], "incremental");
    assert_eq!(again["unchanged"], 9);
    assert!(
        again.get("generation").is_none(),
        "nothing was published: {again:#}"
    );

    // One file added, one changed, one deleted.
    std::fs::write(corpus.join("e-zanzibar.md"), NEW_DOCUMENT).unwrap();
    let minsk = std::fs::read_to_string(corpus.join("c-minsk-2015.md")).unwrap();
    std::fs::write(
        corpus.join("c-minsk-2015.md"),
        minsk.replace("Minsk II package of measures", "Minsk II package, revised"),
    )
    .unwrap();
    std::fs::remove_file(corpus.join("d-oslo-1993.md")).unwrap();

    let dry = index(&corpus, &dir, &["--dry-run"]).unwrap();
    assert_eq!(names(&dry["added"]), ["e-zanzibar.md"]);
    assert_eq!(names(&dry["updated"]), ["c-minsk-2015.md"]);
    assert_eq!(names(&dry["deleted"]), ["d-oslo-1993.md"]);
    assert_eq!(
        searched_total(&dir, "zanzibar"),
        0,
        "a dry run writes nothing"
    );

    let applied = index(&corpus, &dir, &[]).unwrap();
    assert_eq!(applied["mode"], "incremental");
    assert_eq!(names(&applied["added"]), ["e-zanzibar.md"]);
    assert_eq!(applied["unchanged"], 7);
    assert_eq!(applied["documents"], 8);
    assert_eq!(searched_total(&dir, "zanzibar"), 1);
    assert_eq!(searched_total(&dir, "\"package, revised\""), 1);
    assert_eq!(
        searched_total(&dir, "oslo"),
        0,
        "the deleted file's document is gone"
    );
    // Browsing everything (cached counts, first documents) skips the deleted document too.
    let browse = search_json(&dir, &["--limit", "100", ""]);
    assert_eq!(browse["total"], 8);
    let ids: Vec<&str> = browse["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 8);
    assert!(!ids.contains(&"d-oslo-1993"), "{ids:?}");
    let counted: u64 = browse["facets"]["lang"]
        .as_array()
        .unwrap()
        .iter()
        .map(|value| value["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, 8, "every live document has one language");

    let stats = concord(&["stats", "--json", "--index", dir.to_str().unwrap()]);
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["documents"], 8);
    assert_eq!(stats["files"], 9);
    assert_eq!(stats["skipped"][0][0], "z-broken.md");
    assert!(stats["corpus_hash"].as_str().unwrap().len() == 16);
    assert!(stats["facets"]["party"].as_array().unwrap().len() > 2);

    // --full rebuilds everything and says why.
    let full = index(&corpus, &dir, &["--full"]).unwrap();
    assert_eq!(full["mode"], "full");
    assert_eq!(full["full_reason"], "--full was asked for");
    assert_eq!(full["documents"], 8);
}

#[test]
fn merge_makes_one_segment_and_changes_no_answer() {
    let scratch = scratch_dir("librarian-merge");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    let segments = || {
        let output = concord(&["stats", "--json", "--index", dir.to_str().unwrap()]);
        let stats: Value = serde_json::from_slice(&output.stdout).unwrap();
        stats["segments"].as_u64().unwrap()
    };
    index(&corpus, &dir, &[]).unwrap();
    // An incremental update adds its documents as a segment of their own.
    std::fs::write(corpus.join("e-zanzibar.md"), NEW_DOCUMENT).unwrap();
    index(&corpus, &dir, &[]).unwrap();
    assert_eq!(segments(), 2);
    let before = [searched_total(&dir, "ceasefire"), searched_total(&dir, "")];

    // On an up-to-date index, --merge only merges, and publishes that as a generation.
    let merged = index(&corpus, &dir, &["--merge"]).unwrap();
    assert_eq!(merged["merged_segments"], 2, "{merged}");
    assert!(merged["generation"].is_string(), "{merged}");
    assert_eq!(segments(), 1);
    assert_eq!(
        [searched_total(&dir, "ceasefire"), searched_total(&dir, "")],
        before
    );

    // Nothing left to merge: nothing to do.
    let again = index(&corpus, &dir, &["--merge"]).unwrap();
    assert!(again["generation"].is_null(), "{again}");

    // A full build with --merge also ends with one segment.
    let full = index(&corpus, &dir, &["--full", "--merge"]).unwrap();
    assert_eq!(full["mode"], "full");
    assert_eq!(segments(), 1);
    assert_eq!(
        [searched_total(&dir, "ceasefire"), searched_total(&dir, "")],
        before
    );
}

#[test]
fn a_run_off_a_terminal_logs_plain_progress_lines() {
    let scratch = scratch_dir("librarian-progress");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    let output = index_command(&corpus, &dir, &[])
        .env("RUST_LOG", "info")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("indexing 9 files"), "{log}");
    assert!(
        log.contains("read and indexed 9 files (8 documents) in"),
        "{log}"
    );
    assert!(log.contains("documents/s"), "{log}");
    assert!(!log.contains('\r'), "no progress bar off a terminal: {log}");
}

/// Starts `concord index` (full) paused at `point`; returns once it says it paused.
fn paused_indexer(corpus: &Path, index: &Path, point: &str) -> Child {
    let mut child = index_command(corpus, index, &["--full"])
        .env("CONCORD_TEST_PAUSE_AT", point)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let wanted = format!("paused at {point}");
    loop {
        match lines.next() {
            Some(Ok(line)) if line.contains(&wanted) => break,
            Some(Ok(_)) => continue,
            _ => panic!("the indexer ended before pausing at {point}"),
        }
    }
    child
}

#[test]
fn a_second_indexer_is_refused_with_a_clear_message() {
    let scratch = scratch_dir("librarian-lock");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    let mut first = paused_indexer(&corpus, &dir, "before-commit");
    let second = index(&corpus, &dir, &[]).unwrap_err();
    assert!(second.contains("another indexer is working on"), "{second}");
    assert!(second.contains(&format!("pid {}", first.id())), "{second}");
    first.kill().unwrap();
    first.wait().unwrap();
    // The lock died with its holder.
    assert_eq!(index(&corpus, &dir, &[]).unwrap()["documents"], 8);
}

#[test]
fn killing_the_indexer_at_any_point_keeps_the_last_good_index() {
    let scratch = scratch_dir("librarian-kill");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    assert_eq!(index(&corpus, &dir, &[]).unwrap()["documents"], 8);
    std::fs::write(corpus.join("e-zanzibar.md"), NEW_DOCUMENT).unwrap();
    for point in ["after-first-batch", "before-commit", "before-publish"] {
        let mut indexer = paused_indexer(&corpus, &dir, point);
        indexer.kill().unwrap(); // SIGKILL: no cleanup runs
        indexer.wait().unwrap();
        assert_eq!(
            searched_total(&dir, ""),
            8,
            "killed {point}: the last good index serves"
        );
        assert_eq!(searched_total(&dir, "zanzibar"), 0, "killed {point}");
    }
    let recovered = index(&corpus, &dir, &[]).unwrap();
    assert_eq!(recovered["documents"], 9);
    assert_eq!(searched_total(&dir, "zanzibar"), 1);
    let generations = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert!(
        generations <= 2,
        "leftovers of killed runs are removed: {generations}"
    );
}

#[test]
fn bad_files_are_reported_and_skipped_and_nothing_indexed_is_lost() {
    let scratch = scratch_dir("librarian-bad");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    assert_eq!(index(&corpus, &dir, &[]).unwrap()["documents"], 8);
    let minsk_before = searched_total(&dir, "minsk");
    let bad = corpus.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("latin1.txt"), b"Cessez-le-feu \xe0 Gen\xe8ve\n").unwrap();
    std::fs::write(
        bad.join("unclosed.md"),
        "---\ntitle: Unclosed\nbody without end\n",
    )
    .unwrap();
    std::fs::write(
        bad.join("junk.txt"),
        [0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0],
    )
    .unwrap();
    std::fs::write(bad.join("empty.md"), "").unwrap();
    std::fs::write(bad.join("huge.txt"), "a".repeat(50 * 1024 * 1024)).unwrap();
    std::fs::write(corpus.join("e-zanzibar.md"), NEW_DOCUMENT).unwrap();

    let report = index(&corpus, &dir, &[]).unwrap();
    let skipped = reasons(&report, "skipped");
    let reason = |path: &str| reason_for(&skipped, path);
    assert!(reason("bad/latin1.txt").contains("not valid UTF-8"));
    assert!(reason("bad/unclosed.md").contains("front matter is not closed"));
    assert!(reason("bad/junk.txt").contains("binary file"));
    assert!(reason("bad/empty.md").contains("empty document"));
    assert!(reason("bad/huge.txt").contains("file too large"));
    assert_eq!(
        report["documents"], 9,
        "the good new file is indexed, nothing is lost"
    );
    assert_eq!(searched_total(&dir, "minsk"), minsk_before);
}

#[test]
fn a_schema_change_asks_for_a_full_rebuild() {
    let scratch = scratch_dir("librarian-schema");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    let built = index(&corpus, &dir, &[]).unwrap();
    let meta_path = dir
        .join(built["generation"].as_str().unwrap())
        .join("concord-meta.json");
    let mut meta: Value = serde_json::from_slice(&std::fs::read(&meta_path).unwrap()).unwrap();
    meta["schema_version"] = 1.into();
    std::fs::write(&meta_path, serde_json::to_vec(&meta).unwrap()).unwrap();
    let refused = index(&corpus, &dir, &[]).unwrap_err();
    assert!(refused.contains("schema version 1"), "{refused}");
    assert!(refused.contains("concord index --full"), "{refused}");
    let rebuilt = index(&corpus, &dir, &["--full"]).unwrap();
    assert_eq!(rebuilt["documents"], 8);
}

#[test]
fn a_running_server_serves_a_reindex_within_a_second_without_a_failed_request() {
    let scratch = scratch_dir("librarian-serve");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    let server = Arc::new(Server::start(&corpus, &dir, &["--no-dict-setup"]));
    let (_, health) = server.get("/healthz");
    let before = health["generation"].as_str().unwrap().to_string();

    // Researchers keep searching the whole time.
    let stop = Arc::new(AtomicBool::new(false));
    let requests = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(AtomicUsize::new(0));
    let searcher = {
        let (server, stop) = (server.clone(), stop.clone());
        let (requests, failures) = (requests.clone(), failures.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let (status, body) = server.get("/api/search?q=truce&party=ukraine");
                requests.fetch_add(1, Ordering::Relaxed);
                if status != 200 || body["total"].as_u64().is_none() {
                    failures.fetch_add(1, Ordering::Relaxed);
                }
            }
        })
    };

    std::fs::write(corpus.join("e-zanzibar.md"), NEW_DOCUMENT).unwrap();
    assert_eq!(index(&corpus, &dir, &[]).unwrap()["mode"], "incremental");
    let published = Instant::now();
    let reloaded = wait_until(Duration::from_secs(5), || {
        server.get("/healthz").1["generation"] != before.as_str()
    });
    let served_after = published.elapsed();
    assert!(reloaded, "never reloaded");
    let (_, found) = server.get("/api/search?q=zanzibar");
    stop.store(true, Ordering::Relaxed);
    searcher.join().unwrap();
    assert!(
        served_after < Duration::from_secs(1),
        "served after {served_after:?}"
    );
    assert_eq!(found["total"], 1);
    assert!(requests.load(Ordering::Relaxed) > 0);
    assert_eq!(failures.load(Ordering::Relaxed), 0);
}

#[tokio::test]
async fn admin_reload_needs_the_token_and_swaps_in_a_published_generation() {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use concord_index::{Dictionaries, SearchIndex};
    use concord_server::AppState;

    let scratch = scratch_dir("librarian-admin");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    index(&corpus, &dir, &[]).unwrap();
    let dictionaries = Dictionaries::none();
    let open = || SearchIndex::open(&dir, &dictionaries).unwrap();
    let reload = |token: Option<&str>| {
        let mut request = Request::post("/api/admin/reload");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        request.body(Body::empty()).unwrap()
    };

    let closed = AppState::new(open()).with_reloader(dictionaries.clone());
    let (status, body) = send(closed, reload(Some("anything"))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--admin-token")
    );

    let state = AppState::new(open())
        .with_reloader(dictionaries.clone())
        .with_admin_token(Some("s3cret".to_string()));
    for token in [None, Some("wrong")] {
        let (status, body) = send(state.clone(), reload(token)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    }
    let (status, body) = send(state.clone(), reload(Some("s3cret"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["outcome"], "unchanged");

    std::fs::write(corpus.join("e-zanzibar.md"), NEW_DOCUMENT).unwrap();
    index(&corpus, &dir, &[]).unwrap();
    let (status, body) = send(state.clone(), reload(Some("s3cret"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["outcome"], "swapped", "{body}");
    assert_eq!(body["documents"], 9);
    assert_eq!(state.index().num_docs(), 9);
    // /metrics counts the swap (and only it).
    assert_eq!(
        state
            .metrics()
            .reloads
            .load(std::sync::atomic::Ordering::Relaxed),
        1
    );
}

#[test]
fn sighup_makes_the_server_look_for_a_new_generation() {
    let scratch = scratch_dir("librarian-sighup");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    let server = Server::start(&corpus, &dir, &["--no-dict-setup"]);
    let hangup = Command::new("kill")
        .args(["-HUP", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(hangup.success());
    let handled = wait_until(Duration::from_secs(5), || {
        server
            .log()
            .contains("SIGHUP: checking for a new index generation")
    });
    assert!(handled, "no SIGHUP handling logged:\n{}", server.log());
    let (status, _) = server.get("/healthz");
    assert_eq!(status, 200, "the server is still up after SIGHUP");
}

#[test]
fn an_update_pairs_the_words_of_the_full_build() {
    let scratch = scratch_dir("librarian-pairs");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    index(&corpus, &dir, &[]).unwrap();
    // The full build counted its frequent words (in eight documents, every word is) and
    // keeps them with the index.
    let meta = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path().join("concord-meta.json"))
        .find(|path| path.exists())
        .unwrap();
    let meta: Value = serde_json::from_slice(&std::fs::read(meta).unwrap()).unwrap();
    let english = names(&meta["pair_words"]["en"]);
    assert!(english.contains(&"secur".to_string()), "{english:?}");
    assert!(english.contains(&"guarante".to_string()), "{english:?}");
    assert_eq!(searched_total(&dir, "\"security guarantees\""), 1);

    // A new document with the phrase, added by an update, is found through the pairs as
    // through the positions.
    std::fs::write(
        corpus.join("f-guarantees.md"),
        "---\ntitle: Guarantees\ndate: 2024-05-02\n---\nThey asked for security guarantees.\n",
    )
    .unwrap();
    assert_eq!(index(&corpus, &dir, &[]).unwrap()["mode"], "incremental");
    assert_eq!(searched_total(&dir, "\"security guarantees\""), 2);
    assert_eq!(searched_total(&dir, "\"security guarantees\"^1"), 2);
    assert_eq!(searched_total(&dir, "\"guarantees security\""), 0);
}
