//! Latency per query class, measured as Concord's `benches/latency.rs` measures it: each
//! class warmed up, then the classes interleaved in rounds, one search of each per round.
//!
//! SQLite takes hundreds of milliseconds on some classes, so each class has its own budget
//! (`measure` of its own search time) instead of sharing `measure` × classes: a class leaves
//! the rounds once it has spent its budget and has at least [`MIN_SAMPLES`] samples, or has
//! [`MAX_SAMPLES`].

use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde::Serialize;

use crate::index::IndexStats;
use crate::request::{QueryFile, Request};
use crate::search::Compiled;

const MIN_SAMPLES: usize = 5;
const MAX_SAMPLES: usize = 20_000;

#[derive(Serialize)]
pub struct Report {
    pub engine: String,
    pub corpus: String,
    pub docs: u64,
    pub query_mix_version: u32,
    pub warmup_ms: u64,
    pub measure_ms: u64,
    pub indexing: IndexStats,
    pub classes: Vec<ClassResult>,
}

#[derive(Serialize, Default)]
pub struct ClassResult {
    pub class: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samples: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p50_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p95_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p99_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qps: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_hits: Option<u64>,
    /// The parts computed per search, e.g. `top+count+facets+histogram-year+snippets`.
    pub computed: String,
    /// The FTS5 MATCH expression the query text became.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fts_query: Option<String>,
}

/// A class ready to run, or the reason it is not.
struct Class {
    name: String,
    computed: String,
    fts_query: Option<String>,
    plan: Result<Compiled, String>,
    total: u64,
    samples: Vec<Duration>,
    spent: Duration,
}

impl Class {
    fn search(&mut self, conn: &Connection) -> Result<Duration, String> {
        let Ok(plan) = &self.plan else {
            return Err("not runnable".to_string());
        };
        let started = Instant::now();
        let outcome = plan
            .run(conn)
            .map_err(|error| format!("{}: {error}", self.name))?;
        let took = started.elapsed();
        self.total = outcome.total as u64;
        std::hint::black_box(outcome);
        Ok(took)
    }

    fn done(&self, measure: Duration) -> bool {
        self.plan.is_err()
            || self.samples.len() >= MAX_SAMPLES
            || (self.spent >= measure && self.samples.len() >= MIN_SAMPLES)
    }
}

/// Runs the mix and summarises each class.
pub fn run(
    conn: &Connection,
    mix: &QueryFile,
    warmup: Duration,
    measure: Duration,
) -> Result<Vec<ClassResult>, String> {
    let mut classes: Vec<Class> = mix
        .queries
        .iter()
        .map(|query| {
            let request = Request::try_from(&query.params)
                .map_err(|error| format!("{}: {error}", query.class))?;
            let plan = Compiled::new(&request);
            Ok(Class {
                name: query.class.clone(),
                computed: request.computed(),
                fts_query: plan.as_ref().ok().and_then(|plan| plan.fts_query.clone()),
                plan,
                total: 0,
                samples: Vec::new(),
                spent: Duration::ZERO,
            })
        })
        .collect::<Result<_, String>>()?;

    for class in &mut classes {
        if class.plan.is_err() {
            continue;
        }
        let cjk = class.fts_query.as_deref().is_some_and(has_cjk);
        let until = Instant::now() + warmup;
        loop {
            if let Err(error) = class.search(conn) {
                class.plan = Err(format!("error: {error}"));
                break;
            }
            if cjk || Instant::now() >= until {
                break;
            }
        }
        if cjk && class.plan.is_ok() {
            class.plan = Err(format!(
                "FTS5's unicode61 tokenizer makes a run of CJK characters one token, so the query \
                 matches only where it stands alone between spaces or punctuation \
                 ({} hits); Concord segments CJK words",
                class.total
            ));
        }
        eprintln!("warmed up {} ({} hits)", class.name, class.total);
    }

    let started = Instant::now();
    while classes.iter().any(|class| !class.done(measure)) {
        for class in classes.iter_mut().filter(|class| !class.done(measure)) {
            let took = class.search(conn)?;
            class.samples.push(took);
            class.spent += took;
        }
    }
    eprintln!("measured in {:.1} s", started.elapsed().as_secs_f64());
    Ok(classes.into_iter().map(summarise).collect())
}

fn summarise(mut class: Class) -> ClassResult {
    let mut result = ClassResult {
        class: class.name,
        computed: class.computed,
        fts_query: class.fts_query,
        ..ClassResult::default()
    };
    if let Err(reason) = class.plan {
        result.skipped = Some(reason);
        return result;
    }
    let samples = &mut class.samples;
    samples.sort();
    let mean = class.spent / samples.len() as u32;
    result.samples = Some(samples.len());
    result.p50_ms = Some(millis(percentile(samples, 0.50)));
    result.p95_ms = Some(millis(percentile(samples, 0.95)));
    result.p99_ms = Some(millis(percentile(samples, 0.99)));
    result.mean_ms = Some(millis(mean));
    result.qps = Some(1.0 / mean.as_secs_f64());
    result.total_hits = Some(class.total);
    result
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let rank = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Han, kana and Hangul: scripts written without spaces between words.
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}' | '\u{1100}'..='\u{11FF}' | '\u{AC00}'..='\u{D7AF}')
    })
}

/// The Markdown table printed after a run.
pub fn markdown(report: &Report) -> String {
    let mut out = format!(
        "\n{} on {} ({} documents), query mix v{}\n\n",
        report.engine, report.corpus, report.docs, report.query_mix_version
    );
    out.push_str("| class | computed | p50 | p95 | p99 | mean | queries/s | samples | hits |\n");
    out.push_str("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for class in &report.classes {
        match (&class.skipped, class.samples) {
            (Some(reason), _) => out.push_str(&format!(
                "| {} | {} | skipped: {reason} | | | | | | |\n",
                class.class, class.computed
            )),
            (None, Some(samples)) => out.push_str(&format!(
                "| {} | {} | {:.3} ms | {:.3} ms | {:.3} ms | {:.3} ms | {:.1} | {samples} | {} |\n",
                class.class,
                class.computed,
                class.p50_ms.unwrap_or_default(),
                class.p95_ms.unwrap_or_default(),
                class.p99_ms.unwrap_or_default(),
                class.mean_ms.unwrap_or_default(),
                class.qps.unwrap_or_default(),
                class.total_hits.unwrap_or_default()
            )),
            (None, None) => {}
        }
    }
    let ix = &report.indexing;
    out.push_str(&format!(
        "\nindexing: {:.1} s ({:.0} docs/s, {:.1} MB/s of JSON), optimize {:.1} s, \
         analyze {:.1} s, {:.0} MB in use ({:.0} MB file)\n",
        ix.seconds,
        ix.docs_per_s,
        ix.mb_per_s,
        ix.optimize_seconds,
        ix.analyze_seconds,
        ix.index_bytes as f64 / 1e6,
        ix.file_bytes as f64 / 1e6
    ));
    out
}
