//! Latency percentiles per query class, in process, single thread, through
//! `SearchIndex::search` (what the HTTP handler calls), on the same indexes and query mix as
//! `benches/search.rs`. Prints a Markdown table (p50, p95, p99, mean, queries/s, hits) and
//! writes the samples' summary as JSON to `target/bench-results/latency-<index>.json`.
//!
//! ```sh
//! CONCORD_BENCH_SIZES=10000,100000 cargo bench -p concord-index --bench latency
//! CONCORD_BENCH_INDEX=/tmp/ungdc-sent-index CONCORD_BENCH_QUERIES=benches/queries/ungdc.yaml \
//!     cargo bench -p concord-index --bench latency
//! ```
//!
//! Each class is warmed up for `CONCORD_BENCH_WARMUP_MS` (default 300) and then run for
//! `CONCORD_BENCH_MEASURE_MS` (default 2000) or 20,000 samples, whichever comes first. The
//! classes are interleaved in rounds so that machine noise spreads over all of them.

mod common;

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
                let request = SearchRequest::try_from(query.params.clone())
                    .unwrap_or_else(|error| panic!("{}: {error}", query.class));
                (query.class.clone(), request)
            })
            .collect();
        let mut totals = vec![0u64; requests.len()];
        let warm_until = Instant::now() + warmup * requests.len() as u32;
        while Instant::now() < warm_until {
            for (index_of, (_, request)) in requests.iter().enumerate() {
                totals[index_of] = index.search(request).expect("the search runs").total;
            }
        }
        let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); requests.len()];
        let measure_until = Instant::now() + measure * requests.len() as u32;
        while Instant::now() < measure_until && samples[0].len() < 20_000 {
            for (index_of, (_, request)) in requests.iter().enumerate() {
                let started = Instant::now();
                let response = index.search(request).expect("the search runs");
                samples[index_of].push(started.elapsed());
                std::hint::black_box(response);
            }
        }
        let results: Vec<ClassResult> = requests
            .iter()
            .zip(samples.iter_mut())
            .zip(&totals)
            .map(|(((class, _), samples), total)| {
                samples.sort();
                let sum: Duration = samples.iter().sum();
                let mean = sum / samples.len() as u32;
                ClassResult {
                    class: class.clone(),
                    samples: samples.len(),
                    p50_ms: millis(percentile(samples, 0.50)),
                    p95_ms: millis(percentile(samples, 0.95)),
                    p99_ms: millis(percentile(samples, 0.99)),
                    mean_ms: millis(mean),
                    qps: 1.0 / mean.as_secs_f64(),
                    total_hits: *total,
                }
            })
            .collect();
        println!(
            "\n{name} ({} documents), query mix v{}\n",
            index.num_docs(),
            mix.version
        );
        println!("| class | p50 | p95 | p99 | mean | queries/s | hits |");
        println!("|---|---:|---:|---:|---:|---:|---:|");
        for result in &results {
            println!(
                "| {} | {:.3} ms | {:.3} ms | {:.3} ms | {:.3} ms | {:.0} | {} |",
                result.class,
                result.p50_ms,
                result.p95_ms,
                result.p99_ms,
                result.mean_ms,
                result.qps,
                result.total_hits
            );
        }
        let out = common::root().join("target/bench-results");
        std::fs::create_dir_all(&out).expect("the results folder can be made");
        let path = out.join(format!("latency-{name}.json"));
        std::fs::write(
            &path,
            serde_json::to_vec_pretty(&results).expect("results serialize"),
        )
        .expect("the results can be written");
        eprintln!("wrote {}", path.display());
    }
}
