//! Query latency per class of the versioned query mix (`benches/queries/*.yaml`), in process,
//! single thread, through `SearchIndex::search`: the function the HTTP handler calls.
//!
//! ```sh
//! cargo bench -p concord-index --bench search                       # 10k generated documents
//! CONCORD_BENCH_SIZES=10000,100000 cargo bench -p concord-index --bench search
//! CONCORD_BENCH_INDEX=/tmp/ungdc-index CONCORD_BENCH_QUERIES=benches/queries/ungdc.yaml \
//!     cargo bench -p concord-index --bench search                   # an index built by the CLI
//! ```
//!
//! Generated corpora (`concord_corpus::generate`, seed 42, drawn from the shipped corpus) are
//! indexed once into `target/bench-indexes/gen-N` and reused. Results and the machine go into
//! `benches/README.md`.

use std::path::{Path, PathBuf};

use concord_corpus::generate::Generator;
use concord_corpus::read_corpus;
use concord_index::{Dictionaries, SearchIndex, SearchParams, SearchRequest, build_index};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use serde::Deserialize;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

#[derive(Deserialize)]
struct QueryFile {
    version: u32,
    queries: Vec<QueryClass>,
}

#[derive(Deserialize)]
struct QueryClass {
    class: String,
    params: SearchParams,
}

fn queries() -> QueryFile {
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

fn dictionaries() -> Dictionaries {
    Dictionaries::load(&concord_dicts::default_dir())
}

/// The index of `docs` generated documents, built on first use.
fn generated_index(docs: u64, dictionaries: &Dictionaries) -> PathBuf {
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

fn bench(c: &mut Criterion) {
    let dictionaries = dictionaries();
    let mix = queries();
    let indexes: Vec<(String, PathBuf)> = match std::env::var("CONCORD_BENCH_INDEX") {
        Ok(dir) => vec![("index".to_string(), PathBuf::from(dir))],
        Err(_) => std::env::var("CONCORD_BENCH_SIZES")
            .unwrap_or_else(|_| "10000".to_string())
            .split(',')
            .map(|size| size.trim().parse::<u64>().expect("sizes are numbers"))
            .map(|docs| (format!("{docs}"), generated_index(docs, &dictionaries)))
            .collect(),
    };
    for (name, dir) in indexes {
        let index = SearchIndex::open(&dir, &dictionaries).expect("the index opens");
        let mut group = c.benchmark_group(format!("search-v{}/{name}", mix.version));
        for query in &mix.queries {
            let request = SearchRequest::try_from(query.params.clone())
                .unwrap_or_else(|error| panic!("{}: {error}", query.class));
            group.bench_with_input(
                BenchmarkId::from_parameter(&query.class),
                &request,
                |b, request| {
                    b.iter(|| index.search(request).expect("the search runs"));
                },
            );
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
