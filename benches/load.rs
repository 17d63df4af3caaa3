//! HTTP load: a small keep-alive client that runs the query mix against a running
//! `concord serve` and reports p50/p95/p99 and requests/s per query class and concurrency.
//!
//! ```sh
//! concord serve --index /tmp/ungdc-sent-index --addr 127.0.0.1:7700 &
//! CONCORD_LOAD_URL=http://127.0.0.1:7700 CONCORD_BENCH_QUERIES=benches/queries/ungdc.yaml \
//!     cargo bench -p concord-server --bench load
//! ```
//!
//! Environment: `CONCORD_LOAD_URL` (required: the server to load), `CONCORD_BENCH_QUERIES`
//! (the query mix, default `benches/queries/generated.yaml`), `CONCORD_LOAD_CLASSES` (a comma
//! list of classes, default all), `CONCORD_LOAD_CONCURRENCY` (default `1,8,64`),
//! `CONCORD_LOAD_SECONDS` (per class and concurrency, default 5), `CONCORD_LOAD_NAME` (names the
//! results file `target/bench-results/http-<name>.json`, default `http`), `CONCORD_LOAD_MIXED=1`
//! (one run where every connection goes round all the chosen classes, reported as `mixed`;
//! `benches/load_under_reindex.sh` uses it). Errors are also printed by kind (`status 503`,
//! `read: connection reset`).
//!
//! Each connection sends one request at a time (closed loop) over HTTP/1.1 keep-alive; a
//! non-200 answer or a broken connection counts as an error and is reported. The client is
//! deliberately minimal (no TLS, no redirects, `Content-Length` bodies only) so that it costs
//! little next to the server; pin it to another core than the server (`taskset`).

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[derive(Deserialize)]
struct QueryFile {
    version: u32,
    queries: Vec<QueryClass>,
}

#[derive(Deserialize)]
struct QueryClass {
    class: String,
    params: serde_yaml::Mapping,
}

#[derive(Serialize)]
struct LoadResult {
    class: String,
    concurrency: usize,
    requests: usize,
    errors: usize,
    p50_ms: f64,
    p95_ms: f64,
    p99_ms: f64,
    mean_ms: f64,
    rps: f64,
}

fn root() -> &'static std::path::Path {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// Percent-encodes everything but unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn scalar(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(text) => text.clone(),
        serde_yaml::Value::Bool(flag) => flag.to_string(),
        serde_yaml::Value::Number(number) => number.to_string(),
        other => panic!("unsupported parameter value {other:?}"),
    }
}

/// The query mix entry as the query string of `GET /api/search` (lists repeat their key).
fn query_string(params: &serde_yaml::Mapping) -> String {
    let mut pairs = Vec::new();
    for (key, value) in params {
        let key = scalar(key);
        match value {
            serde_yaml::Value::Sequence(values) => {
                for value in values {
                    pairs.push(format!("{}={}", encode(&key), encode(&scalar(value))));
                }
            }
            value => pairs.push(format!("{}={}", encode(&key), encode(&scalar(value)))),
        }
    }
    pairs.join("&")
}

/// One keep-alive connection.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(host: &str) -> std::io::Result<Connection> {
        let stream = TcpStream::connect(host).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream,
            buffer: Vec::with_capacity(64 * 1024),
        })
    }

    /// Sends `request` and reads the answer; returns its status.
    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<u16> {
        self.stream.write_all(request).await?;
        self.buffer.clear();
        let mut chunk = [0u8; 16 * 1024];
        let header_end = loop {
            if let Some(end) = find(&self.buffer, b"\r\n\r\n") {
                break end + 4;
            }
            let read = self.stream.read(&mut chunk).await?;
            if read == 0 {
                return Err(std::io::Error::other("connection closed"));
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        };
        let head = String::from_utf8_lossy(&self.buffer[..header_end]).to_string();
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| std::io::Error::other("no status line"))?;
        let length: usize = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse().ok())?
            })
            .ok_or_else(|| std::io::Error::other("an answer without content-length"))?;
        while self.buffer.len() < header_end + length {
            let read = self.stream.read(&mut chunk).await?;
            if read == 0 {
                return Err(std::io::Error::other("connection closed mid-body"));
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        }
        Ok(status)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// What went wrong, by kind (`status 503`, `connect: ...`, `read: ...`), with counts.
type Errors = std::collections::BTreeMap<String, usize>;

/// Runs `concurrency` closed-loop connections for `duration`, each going round `paths`
/// (connection i starting at path i); returns latencies and errors.
async fn run(
    host: &str,
    paths: &[String],
    concurrency: usize,
    duration: Duration,
) -> (Vec<Duration>, Errors) {
    let requests: Vec<Vec<u8>> = paths
        .iter()
        .map(|path| {
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: */*\r\n\r\n").into_bytes()
        })
        .collect();
    let until = Instant::now() + duration;
    let mut tasks = Vec::new();
    for task in 0..concurrency {
        let host = host.to_string();
        let requests = requests.clone();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = Errors::new();
            let mut connection = None;
            let mut next = task;
            while Instant::now() < until {
                if connection.is_none() {
                    match Connection::open(&host).await {
                        Ok(opened) => connection = Some(opened),
                        Err(error) => {
                            *errors.entry(format!("connect: {error}")).or_default() += 1;
                            tokio::time::sleep(Duration::from_millis(10)).await;
                            continue;
                        }
                    }
                }
                let Some(open) = connection.as_mut() else {
                    continue;
                };
                let request = &requests[next % requests.len()];
                next += 1;
                let started = Instant::now();
                match open.exchange(request).await {
                    Ok(200) => latencies.push(started.elapsed()),
                    Ok(status) => *errors.entry(format!("status {status}")).or_default() += 1,
                    Err(error) => {
                        *errors.entry(format!("read: {error}")).or_default() += 1;
                        connection = None;
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Vec::new();
    let mut errors = Errors::new();
    for task in tasks {
        let (mut some, failed) = task.await.expect("a load task finishes");
        latencies.append(&mut some);
        for (kind, count) in failed {
            *errors.entry(kind).or_default() += count;
        }
    }
    (latencies, errors)
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn percentile(sorted: &[Duration], fraction: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    millis(sorted[rank.min(sorted.len() - 1)])
}

fn main() {
    let Ok(url) = std::env::var("CONCORD_LOAD_URL") else {
        eprintln!(
            "load: skipped: set CONCORD_LOAD_URL to a running `concord serve` (see benches/README.md)"
        );
        return;
    };
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let queries = env_or("CONCORD_BENCH_QUERIES", "benches/queries/generated.yaml");
    let path = std::path::Path::new(&queries);
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root().join(path)
    };
    let mix: QueryFile =
        serde_yaml::from_str(&std::fs::read_to_string(&path).expect("the query file is readable"))
            .expect("the query file parses");
    let classes = std::env::var("CONCORD_LOAD_CLASSES").ok();
    let concurrencies: Vec<usize> = env_or("CONCORD_LOAD_CONCURRENCY", "1,8,64")
        .split(',')
        .map(|n| n.trim().parse().expect("concurrencies are numbers"))
        .collect();
    let seconds: f64 = env_or("CONCORD_LOAD_SECONDS", "5")
        .parse()
        .expect("CONCORD_LOAD_SECONDS is a number");
    let name = env_or("CONCORD_LOAD_NAME", "http");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime starts");
    let mut results = Vec::new();
    println!("\n{name}: {url}, query mix v{}\n", mix.version);
    println!("| class | connections | p50 | p95 | p99 | requests/s | errors |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let chosen: Vec<(String, String)> = mix
        .queries
        .iter()
        .filter(|query| {
            classes
                .as_ref()
                .is_none_or(|wanted| wanted.split(',').any(|class| class.trim() == query.class))
        })
        .map(|query| {
            (
                query.class.clone(),
                format!("/api/search?{}", query_string(&query.params)),
            )
        })
        .collect();
    // Mixed: every connection goes round all the chosen classes, measured as one.
    let runs: Vec<(String, Vec<String>)> =
        if std::env::var("CONCORD_LOAD_MIXED").is_ok_and(|v| v == "1") {
            vec![(
                "mixed".to_string(),
                chosen.iter().map(|(_, target)| target.clone()).collect(),
            )]
        } else {
            chosen
                .into_iter()
                .map(|(class, target)| (class, vec![target]))
                .collect()
        };
    for (class, targets) in &runs {
        // A short warm-up so the first measured requests do not pay for cold pages.
        runtime.block_on(run(&host, targets, 1, Duration::from_millis(300)));
        for &concurrency in &concurrencies {
            let started = Instant::now();
            let (mut latencies, errors) = runtime.block_on(run(
                &host,
                targets,
                concurrency,
                Duration::from_secs_f64(seconds),
            ));
            let elapsed = started.elapsed().as_secs_f64();
            latencies.sort();
            let sum: Duration = latencies.iter().sum();
            for (kind, count) in &errors {
                eprintln!("load: {class} at {concurrency}: {count} x {kind}");
            }
            let result = LoadResult {
                class: class.clone(),
                concurrency,
                requests: latencies.len(),
                errors: errors.values().sum(),
                p50_ms: percentile(&latencies, 0.50),
                p95_ms: percentile(&latencies, 0.95),
                p99_ms: percentile(&latencies, 0.99),
                mean_ms: millis(sum) / latencies.len().max(1) as f64,
                rps: latencies.len() as f64 / elapsed,
            };
            println!(
                "| {} | {} | {:.3} ms | {:.3} ms | {:.3} ms | {:.0} | {} |",
                result.class,
                concurrency,
                result.p50_ms,
                result.p95_ms,
                result.p99_ms,
                result.rps,
                result.errors
            );
            results.push(result);
        }
    }
    let out = root().join("target/bench-results");
    std::fs::create_dir_all(&out).expect("the results folder can be made");
    let file = out.join(format!("http-{name}.json"));
    std::fs::write(
        &file,
        serde_json::to_vec_pretty(&results).expect("results serialize"),
    )
    .expect("the results can be written");
    eprintln!("wrote {}", file.display());
}
