//! `concord gen-corpus` and `concord import ungdc`: benchmark corpora that the rest of
//! Concord reads like any other.

use std::path::Path;

use crate::support::{self, concord, scratch_dir, search_json};

fn shipped_corpus() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../corpus")
        .to_string_lossy()
        .into_owned()
}

/// Indexes the corpus folder `corpus` into `index`; the run must succeed.
fn index_folder(corpus: &Path, index: &Path) {
    let indexed = support::index_command(corpus, index, &[]).output().unwrap();
    assert!(indexed.status.success(), "{indexed:?}");
}

#[test]
fn gen_corpus_is_deterministic_and_indexes_cleanly() {
    let scratch = scratch_dir("gen-corpus");
    let (a, b) = (scratch.join("a"), scratch.join("b"));
    for out in [&a, &b] {
        let output = concord(&[
            "gen-corpus",
            "--docs",
            "1200",
            "--per-file",
            "500",
            "--seed",
            "7",
            "--from",
            &shipped_corpus(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{output:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("generated 1200 documents"));
    }
    for part in ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"] {
        let (left, right) = (
            std::fs::read(a.join("gen").join(part)).unwrap(),
            std::fs::read(b.join("gen").join(part)).unwrap(),
        );
        assert!(
            left == right,
            "{part} differs between two runs with the same seed"
        );
    }
    let check = concord(&["check", "--json", "--corpus", a.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let index = scratch.join("index");
    let report = support::index(&a, &index, &[]).unwrap();
    assert_eq!(report["documents"], 1200);
    assert!(
        report["skipped"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
}

#[test]
fn ungdc_speeches_become_passages_with_country_year_and_venue() {
    let scratch = scratch_dir("import-ungdc");
    let file = scratch.join("speeches.jsonl");
    let speeches = [
        serde_json::json!({"id": "UKR_77_2022", "country": "UKR", "country_name": "Ukraine",
            "session": 77, "year": 2022, "speaker": "Volodymyr Zelensky", "post": "President",
            "text": "We want peace. We need a ceasefire now.\nThe grain must move. Ports must open. Ships must sail."}),
        serde_json::json!({"id": "FRA_03_1948", "country": "FRA", "country_name": "France",
            "session": 3, "year": 1948, "speaker": "Mr. Schuman", "post": "",
            "text": "First of all, I thank the \nAssembly for its welcome. \n\nDisarmament is our \ntask."}),
        serde_json::json!({"id": "XKX_70_2015", "country": "XKX", "country_name": "Freedonia",
            "session": 70, "year": 2015, "speaker": "", "post": "",
            "text": "A small state speaks of sanctions."}),
    ];
    let lines: Vec<String> = speeches.iter().map(|speech| speech.to_string()).collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = scratch.join("corpus");
    let output = concord(&[
        "import",
        "ungdc",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--split",
        "paragraphs",
        "--taxonomy-from",
        &shipped_corpus(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("imported 3 speeches as 5 passages"),
        "{stdout}"
    );
    assert!(stdout.contains("1 countries added"), "{stdout}");

    let index = scratch.join("index");
    index_folder(&out, &index);
    let search = |args: &[&str]| search_json(&index, args);
    let ukraine = search(&["--party", "ukraine"]);
    assert_eq!(ukraine["total"], 2);
    assert_eq!(ukraine["hits"][0]["date"], "2022");
    assert_eq!(ukraine["hits"][0]["venues"][0]["value"], "new-york");
    let paris = search(&["--venue", "paris"]);
    assert_eq!(
        paris["total"], 2,
        "1948 was held in Paris; wrapped lines joined: {paris:#}"
    );
    let freedonia = search(&["--party", "freedonia"]);
    assert_eq!(
        freedonia["total"], 1,
        "a country the taxonomy lacked is added to it"
    );
    assert_eq!(freedonia["hits"][0]["parties"][0]["label"], "Freedonia");
    // Topics are left to extraction.
    let ceasefire = search(&["--topic", "ceasefire"]);
    assert_eq!(ceasefire["total"], 1, "{ceasefire:#}");
}

/// A .tar.gz with the given (path, text) entries.
fn tar_gz(path: &std::path::Path, entries: &[(&str, &str)]) {
    let file = std::fs::File::create(path).unwrap();
    let encoder = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    let mut builder = tar::Builder::new(encoder);
    for (name, text) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder
            .append_data(&mut header, name, text.as_bytes())
            .unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap();
}

#[test]
fn livedoor_articles_become_dated_japanese_news_and_bad_entries_are_reported() {
    let scratch = scratch_dir("import-livedoor");
    let file = scratch.join("livedoor.tar.gz");
    tar_gz(
        &file,
        &[
            ("./README.txt", "livedoor news corpus\n"),
            (
                "./sports-watch/sports-watch-1.txt",
                "http://news.livedoor.com/article/detail/1/\n2010-05-29T19:30:00+0900\n日本代表の停戦交渉\n東京で日本代表が会見した。\n",
            ),
            (
                "./topic-news/topic-news-2.txt",
                "http://news.livedoor.com/article/detail/2/\n2012-09-21T14:00:00+0900\n別の記事\n本文です。\n",
            ),
            ("./topic-news/broken.txt", "no url here\n"),
        ],
    );
    let out = scratch.join("corpus");
    let output = concord(&[
        "import",
        "livedoor",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--taxonomy-from",
        &shipped_corpus(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("imported 2 documents"), "{stdout}");
    assert!(stdout.contains("1 entries skipped"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("topic-news/broken.txt: skipped"),
        "{stderr}"
    );
    assert!(!stderr.contains("README"), "{stderr}");

    let index = scratch.join("index");
    index_folder(&out, &index);
    let found = search_json(&index, &["--from", "2010", "--to", "2010", ""]);
    assert_eq!(found["total"], 1);
    let hit = &found["hits"][0];
    assert_eq!(hit["id"], "livedoor/sports-watch/sports-watch-1");
    assert_eq!(hit["date"], "2010-05-29");
    assert_eq!(hit["lang"], "ja");
    assert_eq!(hit["doc_type"], "news");
    assert_eq!(hit["title"], "日本代表の停戦交渉");
}
