//! Latency percentiles per query class, in process, single thread, on the same indexes and
//! query mix as `benches/search.rs`, for two engines side by side:
//! - `concord`: `SearchIndex::search`, what the HTTP handler calls (disjunctive counts, labels,
//!   hit views, snippets, as each class asks);
//! - `tantivy`: `SearchIndex::engine_baseline`, the same query and collectors straight through
//!   tantivy in one pass, the engine's limit.
//!
//! Prints a Markdown table and writes `target/bench-results/{concord,tantivy}-<index>.json`
//! (the shape the peer drivers in `benches/peers/` write too).
//!
//! ```sh
//! CONCORD_BENCH_SIZES=10000,100000 cargo bench -p concord-index --bench latency
//! CONCORD_BENCH_INDEX=/tmp/ungdc-sent-index CONCORD_BENCH_QUERIES=benches/queries/ungdc.yaml \
//!     cargo bench -p concord-index --bench latency
//! ```
//!
//! `CONCORD_BENCH_TYPOS=0` turns typos off in every class (the API's `typos=false`), to
//! measure what they cost; `CONCORD_BENCH_TYPO_CACHE=0` makes every search look its words'
//! other spellings up afresh (the first search of a word), instead of as remembered.
//!
//! Each class is warmed up for `CONCORD_BENCH_WARMUP_MS` (default 300) and then run for
//! `CONCORD_BENCH_MEASURE_MS` (default 2000) or 20,000 samples, whichever comes first. Classes
//! and engines are interleaved in rounds so that machine noise spreads over all of them, and
//! the engines take turns at going first (the second would find the first's hits cached).

mod common;

/// The allocator of the `concord` binary (crates/concord-cli/src/main.rs), so that these
/// figures are those of the server's searches.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};

use concord_index::{SearchIndex, SearchRequest};
use serde::Serialize;

#[derive(Serialize)]
struct ClassResult {
    class: String,
    samples: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    mean_ms: f64,
    qps: f64,
    total_hits: u64,
}

#[derive(Serialize)]
struct EngineResults<'a> {
    engine: &'a str,
    corpus: &'a str,
    docs: u64,
    query_mix_version: u32,
    classes: &'a [ClassResult],
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn env_ms(name: &str, default: u64) -> Duration {
    Duration::from_millis(
        std::env::var(name)
            .ok()
            .and_then(|value| value.parse().ok())
            .unwrap_or(default),
    )
}

/// One engine's way of answering a request: returns the total.
type Runner = fn(&SearchIndex, &SearchRequest) -> u64;

const ENGINES: [(&str, Runner); 2] = [
    ("concord", |index, request| {
        forget_lookups(index);
        index.search(request).expect("the search runs").total
    }),
    ("tantivy", |index, request| {
        forget_lookups(index);
        index.engine_baseline(request).expect("the baseline runs").0 as u64
    }),
];

/// With `CONCORD_BENCH_TYPO_CACHE=0`, the index forgets its typo lookups before each search.
fn forget_lookups(index: &SearchIndex) {
    static FORGET: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *FORGET.get_or_init(|| std::env::var("CONCORD_BENCH_TYPO_CACHE").is_ok_and(|v| v == "0")) {
        index.forget_typo_lookups();
    }
}

fn summarize(class: &str, samples: &mut [Duration], total: u64) -> ClassResult {
    samples.sort();
    let sum: Duration = samples.iter().sum();
    let mean = sum / samples.len() as u32;
    ClassResult {
        class: class.to_string(),
        samples: samples.len(),
        p50_ms: millis(percentile(samples, 0.50)),
        p95_ms: millis(percentile(samples, 0.95)),
        p99_ms: millis(percentile(samples, 0.99)),
        mean_ms: millis(mean),
        qps: 1.0 / mean.as_secs_f64(),
        total_hits: total,
    }
}

fn main() {
    // `cargo bench` passes --bench; a filter argument is not supported here.
    let warmup = env_ms("CONCORD_BENCH_WARMUP_MS", 300);
    let measure = env_ms("CONCORD_BENCH_MEASURE_MS", 2000);
    let dictionaries = common::dictionaries();
    let mix = common::queries();
    for (name, dir) in common::indexes(&dictionaries) {
        let index = SearchIndex::open(&dir, &dictionaries).expect("the index opens");
        let requests: Vec<(String, SearchRequest)> = mix
            .queries
            .iter()
            .map(|query| {
                let mut request = SearchRequest::try_from(query.params.clone())
                    .unwrap_or_else(|error| panic!("{}: {error}", query.class));
                if std::env::var("CONCORD_BENCH_TYPOS").is_ok_and(|value| value == "0") {
                    request.typos = false;
                }
                (query.class.clone(), request)
            })
            .collect();
        // totals[engine][class], samples[engine][class]
        let mut totals = vec![vec![0u64; requests.len()]; ENGINES.len()];
        let rounds_for = |budget: Duration| budget * (requests.len() * ENGINES.len()) as u32;
        let warm_until = Instant::now() + rounds_for(warmup);
        while Instant::now() < warm_until {
            for (class, (_, request)) in requests.iter().enumerate() {
                for (engine, (_, run)) in ENGINES.iter().enumerate() {
                    totals[engine][class] = run(&index, request);
                }
            }
        }
        for (class, (name, _)) in requests.iter().enumerate() {
            assert_eq!(
                totals[0][class], totals[1][class],
                "{name}: concord and tantivy disagree on the total"
            );
        }
        let mut samples: Vec<Vec<Vec<Duration>>> =
            vec![vec![Vec::new(); requests.len()]; ENGINES.len()];
        let measure_until = Instant::now() + rounds_for(measure);
        let mut round = 0;
        while Instant::now() < measure_until && samples[0][0].len() < 20_000 {
            for (class, (_, request)) in requests.iter().enumerate() {
                // The engine that runs second finds the hits' stored blocks already decompressed
                // and cached by the first: take turns at going first.
                for turn in 0..ENGINES.len() {
                    let engine = (turn + round) % ENGINES.len();
                    let started = Instant::now();
                    std::hint::black_box((ENGINES[engine].1)(&index, request));
                    samples[engine][class].push(started.elapsed());
                }
            }
            round += 1;
        }
        let results: Vec<Vec<ClassResult>> = samples
            .iter_mut()
            .zip(&totals)
            .map(|(engine_samples, engine_totals)| {
                requests
                    .iter()
                    .zip(engine_samples.iter_mut())
                    .zip(engine_totals)
                    .map(|(((class, _), samples), total)| summarize(class, samples, *total))
                    .collect()
            })
            .collect();
        println!(
            "\n{name} ({} documents), query mix v{}\n",
            index.num_docs(),
            mix.version
        );
        println!(
            "| class | concord p50 | p95 | p99 | queries/s | tantivy p50 | p99 | concord/tantivy p50 | hits |"
        );
        println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (concord, tantivy) in results[0].iter().zip(&results[1]) {
            println!(
                "| {} | {:.3} ms | {:.3} ms | {:.3} ms | {:.0} | {:.3} ms | {:.3} ms | {:.2} | {} |",
                concord.class,
                concord.p50_ms,
                concord.p95_ms,
                concord.p99_ms,
                concord.qps,
                tantivy.p50_ms,
                tantivy.p99_ms,
                concord.p50_ms / tantivy.p50_ms,
                concord.total_hits
            );
        }
        let out = common::root().join("target/bench-results");
        std::fs::create_dir_all(&out).expect("the results folder can be made");
        for ((engine, _), classes) in ENGINES.iter().zip(&results) {
            let path = out.join(format!("{engine}-{name}.json"));
            let results = EngineResults {
                engine,
                corpus: &name,
                docs: index.num_docs(),
                query_mix_version: mix.version,
                classes,
            };
            std::fs::write(
                &path,
                serde_json::to_vec_pretty(&results).expect("results serialize"),
            )
            .expect("the results can be written");
            eprintln!("wrote {}", path.display());
        }
    }
}
