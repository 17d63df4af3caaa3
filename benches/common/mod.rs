//! What the search benchmarks share: the versioned query mix and the indexes to run it on.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use concord_corpus::generate::Generator;
use concord_corpus::read_corpus;
use concord_index::{Dictionaries, SearchParams, build_index};
use serde::Deserialize;

pub fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[derive(Deserialize)]
pub struct QueryFile {
    pub version: u32,
    pub queries: Vec<QueryClass>,
}

#[derive(Deserialize)]
pub struct QueryClass {
    pub class: String,
    pub params: SearchParams,
}

/// The query mix: `CONCORD_BENCH_QUERIES`, else `benches/queries/generated.yaml`.
pub fn queries() -> QueryFile {
    let path = std::env::var("CONCORD_BENCH_QUERIES")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("benches/queries/generated.yaml"));
    let path = if path.is_absolute() {
        path
    } else {
        root().join(path)
    };
    let text = std::fs::read_to_string(&path).expect("the query file is readable");
    serde_yaml::from_str(&text).expect("the query file parses")
}

pub fn dictionaries() -> Dictionaries {
    Dictionaries::load(&concord_dicts::default_dir())
}

/// The index of `docs` generated documents (seed 42), built on first use.
pub fn generated_index(docs: u64, dictionaries: &Dictionaries) -> PathBuf {
    let dir = root().join(format!("target/bench-indexes/gen-{docs}"));
    if dir.join("CURRENT").is_file() {
        return dir;
    }
    let source = read_corpus(&root().join("corpus")).expect("the shipped corpus reads");
    let generator = Generator::new(&source.documents, &source.taxonomy, 42);
    let documents: Vec<_> = (0..docs)
        .map(|n| generator.document(n).into_document("gen/bench.jsonl"))
        .collect();
    eprintln!("indexing {docs} generated documents into {}", dir.display());
    build_index(&documents, &source.taxonomy, 0, &dir, dictionaries).expect("the index builds");
    dir
}

/// The indexes to measure, named: `CONCORD_BENCH_INDEX` (one built by the CLI, named by
/// `CONCORD_BENCH_NAME`, default `index`), else the generated sizes of `CONCORD_BENCH_SIZES`
/// (default 10000), named `gen-N`.
pub fn indexes(dictionaries: &Dictionaries) -> Vec<(String, PathBuf)> {
    match std::env::var("CONCORD_BENCH_INDEX") {
        Ok(dir) => vec![(
            std::env::var("CONCORD_BENCH_NAME").unwrap_or_else(|_| "index".to_string()),
            PathBuf::from(dir),
        )],
        Err(_) => std::env::var("CONCORD_BENCH_SIZES")
            .unwrap_or_else(|_| "10000".to_string())
            .split(',')
            .map(|size| size.trim().parse::<u64>().expect("sizes are numbers"))
            .map(|docs| (format!("gen-{docs}"), generated_index(docs, dictionaries)))
            .collect(),
    }
}
