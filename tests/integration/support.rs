//! Shared fixture and helpers for every test module: the fixture corpus indexed once per test
//! binary, request helpers through the router, the `concord` binary (run, or served on a real
//! socket), writable corpus copies, and waiting for a condition under a deadline.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use concord_index::{Dictionaries, SearchIndex, build_index};
use concord_server::{AppState, app};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub fn fixture_corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/corpus")
}

/// One short document per corpus language, and two without a declared language.
pub fn multilingual_corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/multilingual")
}

/// The `concord` binary with `args`, logging at warn: add environment or pipes, then run
/// it (`output()`) or start it (`spawn()`). Every test that runs the binary goes through here.
pub fn concord_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_concord"));
    command.args(args).env("RUST_LOG", "warn");
    command
}

/// Runs the `concord` binary with `args` (log level warn) and waits for it.
pub fn concord(args: &[&str]) -> Output {
    concord_command(args).output().expect("concord runs")
}

/// `concord index` of `corpus` into `index` with `extra` flags, without setting up
/// dictionaries (`--no-dict-setup`), ready to run like [`concord_command`].
pub fn index_command(corpus: &Path, index: &Path, extra: &[&str]) -> Command {
    let mut command = concord_command(&[
        "index",
        "--no-dict-setup",
        "--corpus",
        corpus.to_str().unwrap(),
        "--index",
        index.to_str().unwrap(),
    ]);
    command.args(extra);
    command
}

/// `concord index --json` with `extra` flags; the summary, or the failure's stderr.
pub fn index(corpus: &Path, index: &Path, extra: &[&str]) -> Result<Value, String> {
    let output = index_command(corpus, index, &["--json"])
        .args(extra)
        .output()
        .expect("concord runs");
    if output.status.success() {
        Ok(serde_json::from_slice(&output.stdout).unwrap())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// `concord search --json` over `index` with `args`; it must succeed; its JSON.
pub fn search_json(index: &Path, args: &[&str]) -> Value {
    let mut all = vec!["search", "--json", "--index", index.to_str().unwrap()];
    all.extend(args);
    let output = concord(&all);
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Documents the published index answers `query` with, through `concord search`.
pub fn searched_total(index: &Path, query: &str) -> u64 {
    search_json(index, &[query])["total"].as_u64().unwrap()
}

/// A document to add to a copy of the fixture corpus (no fixture document says Zanzibar).
pub const NEW_DOCUMENT: &str = "---\ntitle: Zanzibar harbour talks\ndate: 2024-05-02\n---\n\
                            Delegations met in the harbour of Zanzibar to discuss a truce.\n";

/// A writable copy of the fixture corpus (8 valid documents in 9 files, one broken).
pub fn corpus_copy(scratch: &Path) -> PathBuf {
    let corpus = scratch.join("corpus");
    copy_dir(&fixture_corpus(), &corpus);
    corpus
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// How often the waits below check their condition.
const POLL: Duration = Duration::from_millis(10);

/// Checks `condition` until it holds or `timeout` has passed; whether it held. The caller
/// asserts what it waited for afterwards, so a timeout fails with the test's own message.
pub fn wait_until(timeout: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(held) = settled(deadline, &mut condition) {
            return held;
        }
        std::thread::sleep(POLL);
    }
}

/// [`wait_until`] inside an async test: sleeps on the runtime's timer between checks, so the
/// tasks being waited for keep running (also on a single-threaded runtime).
pub async fn wait_until_async(timeout: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(held) = settled(deadline, &mut condition) {
            return held;
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Whether a wait is over: `Some(true)` once `condition` holds, `Some(false)` past `deadline`.
fn settled(deadline: Instant, condition: &mut impl FnMut() -> bool) -> Option<bool> {
    if condition() {
        Some(true)
    } else if Instant::now() >= deadline {
        Some(false)
    } else {
        None
    }
}

/// The `(path, reason)` of every entry of `report[key]` (`concord index --json`'s `skipped`,
/// with a `reason`, or `warnings`, with a `message`).
pub fn reasons(report: &Value, key: &str) -> Vec<(String, String)> {
    report[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {report}"))
        .iter()
        .map(|entry| {
            let reason = entry["reason"].as_str().or(entry["message"].as_str());
            (
                entry["path"].as_str().unwrap().to_string(),
                reason.unwrap().to_string(),
            )
        })
        .collect()
}

/// The reason listed for `path`; panics if it is not listed.
pub fn reason_for<'a>(list: &'a [(String, String)], path: &str) -> &'a str {
    list.iter()
        .find(|(listed, _)| listed == path)
        .map(|(_, reason)| reason.as_str())
        .unwrap_or_else(|| panic!("{path} not reported: {list:?}"))
}

/// A `concord serve` child process, killed when the test ends, pass or fail. Its log
/// (stderr) is collected as it runs.
pub struct Server {
    child: Child,
    address: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `concord serve` on a free loopback port with `extra` flags; waits for its address.
    pub fn start(corpus: &Path, index: &Path, extra: &[&str]) -> Server {
        Server::start_at("127.0.0.1:0", corpus, index, extra)
    }

    /// Starts `concord serve` listening on `bind`.
    pub fn start_at(bind: &str, corpus: &Path, index: &Path, extra: &[&str]) -> Server {
        let mut args = vec![
            "serve",
            "--addr",
            bind,
            "--corpus",
            corpus.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ];
        args.extend(extra);
        let mut child = concord_command(&args)
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (address_tx, address_rx) = std::sync::mpsc::channel();
        {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if let Some(start) = line.find("serving at http://") {
                        let rest = &line[start + "serving at http://".len()..];
                        let _ = address_tx.send(rest.split('/').next().unwrap().to_string());
                    }
                    let mut log = log.lock().unwrap();
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        let address = address_rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| {
                panic!(
                    "the server never logged its address:\n{}",
                    log.lock().unwrap()
                )
            });
        Server {
            child,
            address,
            log,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `host:port` it listens on.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Its exit status, if it has exited.
    pub fn try_wait(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().unwrap()
    }

    /// Everything the server has logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub fn get(&self, path: &str) -> (u16, serde_json::Value) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, serde_json::from_str(body).unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh folder under cargo's target tmp dir, unique to this process and `name`.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An app over `corpus`, indexed into a scratch folder named `name`.
pub fn build_state(corpus: &Path, name: &str, dictionaries: &Dictionaries) -> AppState {
    let load = concord_corpus::read_corpus(corpus).unwrap();
    let index_dir = scratch_dir(name).join("index");
    let skipped = load.skipped.len();
    build_index(
        &load.documents,
        &load.taxonomy,
        skipped,
        &index_dir,
        dictionaries,
    )
    .unwrap();
    AppState::new(SearchIndex::open(&index_dir, dictionaries).unwrap())
}

/// The app over the fixture index, built on first use.
pub fn state() -> AppState {
    static STATE: OnceLock<AppState> = OnceLock::new();
    STATE
        .get_or_init(|| build_state(&fixture_corpus(), "fixture-index", &Dictionaries::none()))
        .clone()
}

/// The lindera dictionaries, built into the shared cache first if they are missing (what
/// `concord setup-dicts` does). Panics with the setup's errors if they cannot be built.
pub fn dictionaries() -> Dictionaries {
    static DICTIONARIES: OnceLock<Dictionaries> = OnceLock::new();
    DICTIONARIES
        .get_or_init(|| {
            let dir = concord_dicts::default_dir();
            let mut progress = |line: &str| eprintln!("setup-dicts: {line}");
            for (kind, result) in concord_dicts::setup(&dir, false, &mut progress) {
                if let Err(error) = result {
                    panic!(
                        "the {} dictionary could not be built in {}: {error}",
                        kind.name(),
                        dir.display()
                    );
                }
            }
            let dictionaries = Dictionaries::load(&dir);
            assert!(
                dictionaries.missing.is_empty(),
                "{:?}",
                dictionaries.missing
            );
            dictionaries
        })
        .clone()
}

/// `GET path` through the router; the status and the JSON body.
pub async fn get(path: &str) -> (StatusCode, Value) {
    get_from(state(), path).await
}

/// `GET path` through the router of `state`.
pub async fn get_from(state: AppState, path: &str) -> (StatusCode, Value) {
    let request = Request::get(path).body(Body::empty()).unwrap();
    send(state, request).await
}

/// `POST path` with a JSON body through the router.
pub async fn post(path: &str, body: &str) -> (StatusCode, Value) {
    let request = Request::post(path)
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(state(), request).await
}

/// Any request through the router of `state`: the status, the headers and the body.
pub async fn exchange(state: AppState, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
    let response = app(state).oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, bytes.to_vec())
}

/// `method path` with these request headers through the router of `state`.
pub async fn call(
    state: AppState,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    exchange(state, request.body(Body::empty()).unwrap()).await
}

/// `GET path` through the fixture's router: the status, the headers and the body as text.
pub async fn get_text(path: &str) -> (StatusCode, HeaderMap, String) {
    let (status, headers, body) = call(state(), "GET", path, &[]).await;
    (status, headers, String::from_utf8(body).unwrap())
}

/// Any request through the router of `state`; the status and the JSON body.
pub async fn send(state: AppState, request: Request<Body>) -> (StatusCode, Value) {
    let (status, _, bytes) = exchange(state, request).await;
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|error| {
        panic!(
            "body is not JSON ({error}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, json)
}

/// A successful search; its JSON.
pub async fn search(query: &str) -> Value {
    let (status, body) = get(&format!("/api/search?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    body
}

/// The total of a successful search.
pub async fn total(query: &str) -> u64 {
    search(query).await["total"].as_u64().unwrap()
}

/// The ids of the hits, in order.
pub fn ids(body: &Value) -> Vec<String> {
    ids_of(&body["hits"])
}

/// The `id` of every entry of a JSON array (hits, suggested titles).
pub fn ids_of(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["id"].as_str().unwrap().to_string())
        .collect()
}

/// The count of one facet value in a response (0 if absent).
pub fn facet_count(body: &Value, group: &str, value: &str) -> u64 {
    body["facets"][group]
        .as_array()
        .unwrap()
        .iter()
        .find(|facet| facet["value"] == value)
        .map_or(0, |facet| facet["count"].as_u64().unwrap())
}
