//! Analysis throughput per language (MB/s through each language's analyzer) and the time to
//! build the index of the shipped corpus. Run with `cargo bench -p concord-index --bench
//! analysis`; results and the machine go into `benches/README.md`.
//!
//! Text per language: the bodies of the shipped corpus in that language plus the multilingual
//! test fixture, repeated up to 256 KiB so that every language is measured on the same amount.
//! Japanese, Korean and Chinese use the lindera dictionaries when they are built (see
//! `concord setup-dicts`), and are measured with the bigram fallback as `ja-bigram` etc.

use std::collections::BTreeSet;
use std::path::Path;

use concord_corpus::read_corpus;
use concord_index::analyzer::{
    CJK, Dictionaries, LANGUAGES, OTHER, register_analyzers, tokenizer_name,
};
use concord_index::build_index;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tantivy::Index;
use tantivy::schema::Schema;
use tantivy::tokenizer::TokenStream;

const SAMPLE_BYTES: usize = 256 * 1024;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Bodies in `lang` from the shipped corpus and the multilingual fixture, repeated to size.
fn sample(lang: &str) -> String {
    let mut texts = Vec::new();
    for folder in ["corpus", "tests/fixtures/multilingual"] {
        if let Ok(load) = read_corpus(&root().join(folder)) {
            texts.extend(
                load.documents
                    .into_iter()
                    .filter(|document| document.lang.as_deref() == Some(lang))
                    .map(|document| format!("{}\n{}", document.title, document.body)),
            );
        }
    }
    let joined = texts.join("\n");
    let mut text = String::with_capacity(SAMPLE_BYTES + joined.len());
    while !joined.is_empty() && text.len() < SAMPLE_BYTES {
        text.push_str(&joined);
        text.push('\n');
    }
    text
}

fn analyzers(dictionaries: &Dictionaries) -> Index {
    let index = Index::create_in_ram(Schema::builder().build());
    register_analyzers(
        &index,
        &dictionaries.best_plan(),
        dictionaries,
        &BTreeSet::new(),
    );
    index
}

fn analysis(c: &mut Criterion) {
    let dictionaries = Dictionaries::load(&concord_dicts::default_dir());
    let with_dictionaries = analyzers(&dictionaries);
    let bigrams = analyzers(&Dictionaries::none());
    let mut group = c.benchmark_group("analysis");
    group.sample_size(20);
    let mut cases: Vec<(String, &Index, &str)> = LANGUAGES
        .iter()
        .filter(|lang| **lang != OTHER)
        .map(|lang| (lang.to_string(), &with_dictionaries, *lang))
        .collect();
    cases.extend(
        CJK.iter()
            .map(|lang| (format!("{lang}-bigram"), &bigrams, *lang)),
    );
    for (name, index, lang) in cases {
        let text = sample(lang);
        if text.is_empty() {
            continue;
        }
        let mut analyzer = index.tokenizers().get(&tokenizer_name(lang)).unwrap();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |bench| {
            bench.iter(|| {
                let mut stream = analyzer.token_stream(&text);
                let mut tokens = 0usize;
                while stream.advance() {
                    tokens += 1;
                }
                tokens
            })
        });
    }
    group.finish();
}

fn corpus_build(c: &mut Criterion) {
    let dictionaries = Dictionaries::load(&concord_dicts::default_dir());
    let load = read_corpus(&root().join("corpus")).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    let bytes: usize = load
        .documents
        .iter()
        .map(|document| document.body.len())
        .sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(
        format!("shipped-corpus-{}-docs", load.documents.len()),
        |bench| {
            bench.iter(|| {
                build_index(
                    &load.documents,
                    &load.taxonomy,
                    0,
                    &scratch.path().join("index"),
                    &dictionaries,
                )
                .unwrap()
            })
        },
    );
    group.finish();
}

criterion_group!(benches, analysis, corpus_build);
criterion_main!(benches);
