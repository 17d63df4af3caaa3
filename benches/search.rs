//! Query latency per class of the versioned query mix (`benches/queries/*.yaml`), in process,
//! single thread, through `SearchIndex::search`: the function the HTTP handler calls.
//! Criterion's statistics; `benches/latency.rs` reports percentiles of the same runs.
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

mod common;

use concord_index::{SearchIndex, SearchRequest};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let dictionaries = common::dictionaries();
    let mix = common::queries();
    for (name, dir) in common::indexes(&dictionaries) {
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
