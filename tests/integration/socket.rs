//! `concord serve` through a real socket: builds the missing index, then answers HTTP; and
//! starts and answers without dictionaries.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::{fixture_corpus, multilingual_corpus, scratch_dir};

/// A `concord serve` child process, killed when the test ends, pass or fail. Its log
/// (stderr) is collected as it runs.
pub(crate) struct Server {
    child: Child,
    address: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `concord serve` on a free loopback port with `extra` flags; waits for its address.
    pub(crate) fn start(corpus: &Path, index: &Path, extra: &[&str]) -> Server {
        Server::start_at("127.0.0.1:0", corpus, index, extra)
    }

    /// Starts `concord serve` listening on `bind`.
    pub(crate) fn start_at(bind: &str, corpus: &Path, index: &Path, extra: &[&str]) -> Server {
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
        let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(&args)
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

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `host:port` it listens on.
    pub(crate) fn address(&self) -> &str {
        &self.address
    }

    /// Its exit status, if it has exited.
    pub(crate) fn try_wait(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().unwrap()
    }

    /// Everything the server has logged so far.
    pub(crate) fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    pub(crate) fn get(&self, path: &str) -> (u16, serde_json::Value) {
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

#[test]
fn serve_builds_the_missing_index_and_answers_over_http() {
    let index = scratch_dir("socket").join("index");
    let server = Server::start(&fixture_corpus(), &index, &["--no-dict-setup"]);
    assert!(index.join("CURRENT").is_file(), "the index was built");

    let (status, health) = server.get("/healthz");
    assert_eq!(status, 200);
    assert_eq!(health["documents"], 8);
    let (status, body) = server.get("/api/search?q=ceasefire&party=ukraine");
    assert_eq!(status, 200);
    assert_eq!(body["total"], 2);
    let (status, body) = server.get("/api/search?limit=1000");
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_limit");
}

#[test]
fn serve_without_dictionaries_falls_back_to_bigrams_and_warns() {
    let scratch = scratch_dir("socket-no-dicts");
    let corpus = multilingual_corpus();
    let no_dicts = scratch.join("no-dictionaries-here");
    let server = Server::start(
        &corpus,
        &scratch.join("index"),
        &["--no-dict-setup", "--dicts", no_dicts.to_str().unwrap()],
    );
    let (status, health) = server.get("/healthz");
    assert_eq!(status, 200);
    assert_eq!(health["status"], "degraded");
    assert_eq!(health["cjk"]["ko"], "bigram");
    assert!(
        health["warnings"].to_string().contains("ko: no dictionary"),
        "{health}"
    );
    // 비핵화 (denuclearisation) is found through its bigrams.
    let (status, body) = server.get("/api/search?q=%EB%B9%84%ED%95%B5%ED%99%94");
    assert_eq!(status, 200);
    assert_eq!(body["hits"][0]["id"], "ko");
}

#[test]
fn serving_beyond_loopback_without_a_key_warns_and_a_key_closes_the_data() {
    let scratch = scratch_dir("socket-exposed");
    let open = Server::start_at(
        "0.0.0.0:0",
        &fixture_corpus(),
        &scratch.join("index"),
        &["--no-dict-setup"],
    );
    assert!(
        open.log().contains("beyond loopback, without an API key"),
        "{}",
        open.log()
    );
    assert_eq!(open.get("/api/search?q=minsk").0, 200);
    drop(open);

    let keyed = Server::start_at(
        "0.0.0.0:0",
        &fixture_corpus(),
        &scratch.join("index"),
        &["--no-dict-setup", "--api-key", "s3cret"],
    );
    assert!(
        !keyed.log().contains("without an API key"),
        "{}",
        keyed.log()
    );
    let (status, body) = keyed.get("/api/search?q=minsk");
    assert_eq!(status, 401);
    assert_eq!(body["error"]["code"], "unauthorized");
    assert_eq!(keyed.get("/healthz").0, 200);
}
