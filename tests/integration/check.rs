//! `concord check`: validation of a corpus and its taxonomy, without writing anything.

use crate::support::{concord, fixture_corpus, scratch_dir};

fn check(corpus: &std::path::Path, json: bool) -> (bool, String) {
    let mut args = vec!["check", "--corpus", corpus.to_str().unwrap()];
    if json {
        args.push("--json");
    }
    let output = concord(&args);
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn problems_are_reported_with_file_and_line_and_fail_the_check() {
    let corpus = scratch_dir("check-bad");
    let write = |name: &str, text: &str| std::fs::write(corpus.join(name), text).unwrap();
    write(
        "taxonomy.yaml",
        "party:\n  - { id: ukraine, label: Ukraine, aliases: [Kyiv] }\n",
    );
    write(
        "a.md",
        "---\ntitle: A\nparties:\n  - Ukraine\n  - Atlantis\nauthor: me\n---\nbody\n",
    );
    write("b.md", "---\ntitle: never closed\n");
    write("c.txt", "   \n");
    write("d.md", "---\nid: a\ntitle: same id as a.md\n---\nbody\n");
    let (passed, output) = check(&corpus, false);
    assert!(!passed, "{output}");
    for expected in [
        "error: a.md:5: unknown party \"Atlantis\"",
        "error: b.md: front matter is not closed",
        "error: c.txt: empty document",
        "error: d.md: duplicate id \"a\"",
        "warning: a.md:6: unknown field \"author\" ignored",
        "result: 4 errors, 1 warnings",
    ] {
        assert!(
            output.contains(expected),
            "missing {expected:?} in:\n{output}"
        );
    }
    let (_, json) = check(&corpus, true);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["documents"], 1);
    assert_eq!(report["errors"].as_array().unwrap().len(), 4);
}

#[test]
fn taxonomy_conflicts_are_each_reported() {
    let corpus = scratch_dir("check-taxonomy");
    std::fs::write(
        corpus.join("taxonomy.yaml"),
        "venue:\n  - { id: istanbul, label: Istanbul, aliases: [Stamboul] }\n  - { id: kyiv, label: Kyiv, aliases: [stamboul] }\n  - { id: Bad Id, label: X }\n",
    )
    .unwrap();
    let (passed, output) = check(&corpus, false);
    assert!(!passed);
    assert!(
        output.contains("venue name \"stamboul\" is claimed by both \"istanbul\" and \"kyiv\""),
        "{output}"
    );
    assert!(
        output.contains("venue id \"Bad Id\" is not a slug"),
        "{output}"
    );
}

#[test]
fn the_fixture_corpus_reports_only_its_broken_file() {
    let (passed, output) = check(&fixture_corpus(), false);
    assert!(!passed);
    assert!(output.contains("result: 1 errors, 0 warnings"), "{output}");
    assert!(
        output.contains("corpus") && output.contains("8 documents"),
        "{output}"
    );
}

#[test]
fn a_collection_s_config_maps_its_field_names_and_check_reads_it() {
    // Issue 22: `concord.yaml` maps a collection's own front-matter fields to Concord's.
    let corpus = scratch_dir("check-config");
    let write = |name: &str, text: &str| std::fs::write(corpus.join(name), text).unwrap();
    write(
        "taxonomy.yaml",
        "party:\n  - { id: ukraine, label: Ukraine }\nvenue:\n  - { id: minsk, label: Minsk }\n",
    );
    write(
        "a.md",
        "---\ntitle: A\ndoc_date: 2015-02-12\nplace: Minsk\nauthor: me\n---\nbody\n",
    );
    let (passed, output) = check(&corpus, false);
    assert!(passed, "{output}");
    assert!(output.contains("unknown field \"doc_date\""), "{output}");
    write(
        "concord.yaml",
        "fields:\n  doc_date: date\n  place: venues\n  author: source\n",
    );
    let (passed, output) = check(&corpus, false);
    assert!(passed, "{output}");
    assert!(
        !output.contains("unknown field"),
        "mapped fields are known: {output}"
    );
    write("concord.yaml", "fields:\n  doc_date: day\n");
    let (passed, output) = check(&corpus, false);
    assert!(!passed, "{output}");
    let stderr =
        String::from_utf8_lossy(&concord(&["check", "--corpus", corpus.to_str().unwrap()]).stderr)
            .into_owned();
    assert!(
        format!("{output}{stderr}").contains("concord.yaml")
            && format!("{output}{stderr}").contains("\"doc_date\" maps to \"day\""),
        "{output}{stderr}"
    );
}
