//! The `concord` binary: index, search, and what it tells a librarian.

use std::path::Path;
use std::process::Output;

use crate::support::{self, concord, fixture_corpus, index_command, scratch_dir, search_json};

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `concord index` of the fixture corpus, which has no Japanese, Korean or Chinese: no
/// dictionaries needed.
fn index_fixture(index: &Path) -> Output {
    index_command(&fixture_corpus(), index, &[])
        .output()
        .unwrap()
}

#[test]
fn index_reports_the_broken_document_and_indexes_the_rest() {
    let index = scratch_dir("cli-index").join("index");
    let output = index_fixture(&index);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(
        text.contains("a full rebuild (there is no index yet)"),
        "{text}"
    );
    assert!(text.contains("9 added, 0 updated, 0 deleted"), "{text}");
    assert!(text.contains("8 documents in the index"), "{text}");
    assert!(text.contains("skipped 1"), "{text}");
    assert!(
        text.contains("z-broken.md: front matter is not closed"),
        "{text}"
    );

    let search = concord(&["search", "ceasefire", "--index", index.to_str().unwrap()]);
    assert!(search.status.success(), "{search:?}");
    let text = stdout(&search);
    assert!(text.contains("Minsk II package of measures"), "{text}");
    assert!(text.contains("[ceasefire]"), "matches are marked: {text}");
    assert!(text.contains("hits 1-3 of 3"), "{text}");

    // Syntax is never an error: what was read differently is printed (issue 21).
    let search = concord(&[
        "search",
        "ceasefire AND",
        "--index",
        index.to_str().unwrap(),
    ]);
    assert!(search.status.success(), "{search:?}");
    let text = stdout(&search);
    assert!(
        text.contains("note: \"AND\" has nothing on its right: ignored"),
        "{text}"
    );
    assert!(text.contains("hits 1-3 of 3"), "{text}");
    let body = search_json(&index, &["\"unbalanced"]);
    assert_eq!(body["notices"][0]["code"], "syntax_ignored", "{body}");
}

#[test]
fn index_and_search_speak_json_on_request() {
    let index = scratch_dir("cli-json").join("index");
    let summary = support::index(&fixture_corpus(), &index, &[]).unwrap();
    assert_eq!(summary["documents"], 8);
    assert_eq!(summary["mode"], "full");
    assert_eq!(summary["skipped"][0]["path"], "z-broken.md");

    let body = search_json(
        &index,
        &[
            "--party", "ukraine", "--from", "2022", "--sort", "-date", "istanbul",
        ],
    );
    // Istanbul in the text of two Ukrainian-party documents since 2022, and the Russian
    // report, which spells it Стамбул, through the venue the word names; newest first.
    assert_eq!(body["total"], 3);
    assert_eq!(body["entities"][0]["value"], "istanbul", "{body}");
    assert_eq!(body["hits"][0]["id"], "sub/e-prisoners-2025");
    assert_eq!(body["hits"][1]["id"], "b-grain-2022");
}

#[test]
fn bad_search_input_is_a_clear_error() {
    let index = scratch_dir("cli-errors").join("index");
    assert!(index_fixture(&index).status.success());
    for args in [
        // Syntax is never an error (issue 21); a limit is.
        vec!["((((((((((((((((((war"],
        vec!["war", "--from", "2022-13"],
        vec!["war", "--limit", "1000"],
    ] {
        let mut all = vec!["search", "--index", index.to_str().unwrap()];
        all.extend(args.iter().copied());
        let output = concord(&all);
        assert!(!output.status.success(), "{args:?} should fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
    }
    let missing = concord(&["search", "war", "--index", "/no/such/index"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no index at /no/such/index"));
}

#[test]
fn serve_refuses_zero_search_threads_before_touching_the_index() {
    let output = concord(&[
        "serve",
        "--search-threads",
        "0",
        "--index",
        "/no/such/index",
        "--no-dict-setup",
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--search-threads"), "{stderr}");
    assert!(!Path::new("/no/such/index").exists());
}

#[test]
fn an_empty_corpus_never_replaces_a_good_index() {
    let scratch = scratch_dir("cli-empty");
    let index = scratch.join("index");
    assert!(index_fixture(&index).status.success());
    let empty = scratch.join("empty-corpus");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("broken.md"), "---\ntitle: x\n").unwrap();
    let output = index_command(&empty, &index, &[]).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.md: front matter is not closed"),
        "{stderr}"
    );
    assert!(stderr.contains("the index was left as it was"), "{stderr}");
    let body = search_json(&index, &[]);
    assert_eq!(body["total"], 8);
}

#[test]
fn every_subcommand_explains_its_flags() {
    for (command, flags) in [
        ("index", vec!["--corpus", "--index", "--json"]),
        (
            "serve",
            vec!["--addr", "--index", "--corpus", "--search-threads"],
        ),
        (
            "search",
            vec![
                "--party",
                "--venue",
                "--topic",
                "--lang",
                "--doc-type",
                "--from",
                "--to",
                "--sort",
                "--limit",
                "--offset",
                "--json",
            ],
        ),
    ] {
        let help = stdout(&concord(&[command, "--help"]));
        for flag in flags {
            assert!(help.contains(flag), "{command} --help lacks {flag}: {help}");
        }
    }
}

#[test]
fn logs_come_as_json_lines_when_asked() {
    let index = scratch_dir("cli-json-logs").join("index");
    let output = index_command(&fixture_corpus(), &index, &[])
        .env("RUST_LOG", "info")
        .env("CONCORD_LOG_FORMAT", "json")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<serde_json::Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    assert!(!lines.is_empty());
    assert!(
        lines.iter().any(|line| line["fields"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("indexing"))),
        "{stderr}"
    );
    assert!(
        lines
            .iter()
            .all(|line| line["level"].is_string() && line["timestamp"].is_string())
    );
}
