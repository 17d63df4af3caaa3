//! A malformed corpus: every bad file is reported with its path and reason and skipped,
//! nothing else is lost, and nothing crashes the indexer (issue 9's suite; the first bad
//! files, Latin-1, a zip, an empty file, a 50 MB file, are in `librarian.rs`).

use std::path::Path;

use crate::support::{
    corpus_copy, index, reason_for, reasons, scratch_dir, search_json, searched_total,
};

fn write(corpus: &Path, relative: &str, bytes: impl AsRef<[u8]>) {
    let path = corpus.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_malformed_corpus_is_reported_and_skipped_and_nothing_else_is_lost() {
    let scratch = scratch_dir("malformed");
    let corpus = corpus_copy(&scratch);
    let dir = scratch.join("index");
    assert_eq!(index(&corpus, &dir, &[]).unwrap()["documents"], 8);
    let minsk_before = searched_total(&dir, "minsk");

    // Text with a NUL byte in the middle of otherwise good text.
    write(
        &corpus,
        "bad/nul.txt",
        b"Ceasefire talks\n\nThe parties met\0 in Geneva.\n",
    );
    // Invalid UTF-8 in the middle of a Markdown body.
    write(
        &corpus,
        "bad/broken-utf8.md",
        b"---\ntitle: Broken\n---\nThe talks in Gen\xff\xfeve went on.\n",
    );
    // Billion laughs: aliases that would expand to 10^9 strings.
    let mut laughs = String::from(
        "---\ntitle: Laughs\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in 1..9 {
        let previous = (b'a' + level - 1) as char;
        let name = (b'a' + level) as char;
        let refs = vec![format!("*{previous}"); 9].join(",");
        laughs.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    laughs.push_str("---\nA document that tries to expand its front matter a billion times.\n");
    write(&corpus, "bad/laughs.md", laughs);
    // Front matter that is not a mapping, and a JSON line that is not an object.
    write(
        &corpus,
        "bad/list.md",
        "---\n- just\n- a list\n---\nBody text.\n",
    );
    // Deeply nested HTML around real text: read, not a stack overflow.
    let depth = 100_000;
    let nested = format!(
        "<html><head><title>Nested talks</title></head><body>{}<p>Delegates in Oslo agreed \
         on a nested ceasefire.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    write(&corpus, "odd/nested.html", nested);
    // Unclosed tags and stray angle brackets to the end of the file.
    write(
        &corpus,
        "odd/unclosed.html",
        "<html><body><p>Talks in Lusaka <b>resumed <i>on the <div <<< <script>never closed",
    );
    // A symbolic link back to the corpus folder, and one to nowhere.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&corpus, corpus.join("odd/loop")).unwrap();
        std::os::unix::fs::symlink(corpus.join("gone.md"), corpus.join("odd/dangling.md")).unwrap();
    }

    let report = index(&corpus, &dir, &[]).unwrap();
    let skipped = reasons(&report, "skipped");
    assert!(reason_for(&skipped, "bad/nul.txt").contains("NUL"));
    assert!(reason_for(&skipped, "bad/broken-utf8.md").contains("not valid UTF-8"));
    let laughs = reason_for(&skipped, "bad/laughs.md");
    assert!(laughs.contains("front matter"), "{laughs}");
    assert!(reason_for(&skipped, "bad/list.md").contains("front matter"));
    #[cfg(unix)]
    {
        let warnings = reasons(&report, "warnings");
        assert!(reason_for(&warnings, "odd/loop").contains("loops back to the corpus folder"));
        assert!(reason_for(&warnings, "odd/dangling.md").contains("does not exist"));
    }
    assert_eq!(
        report["documents"], 10,
        "the two odd but readable pages are indexed, nothing is lost: {report}"
    );
    assert_eq!(searched_total(&dir, "minsk"), minsk_before);
    assert_eq!(
        search_json(&dir, &["--no-entities", "oslo"])["total"],
        1,
        "the nested page's text (without the pages only indexed under the venue Oslo)"
    );
    assert_eq!(
        searched_total(&dir, "lusaka"),
        1,
        "the unclosed page's text"
    );
}
