//! `concord serve` through a real socket: builds the missing index, then answers HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{fixture_corpus, scratch_dir};

/// Kills the server when the test ends, pass or fail.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn http_get(address: &str, path: &str) -> (u16, serde_json::Value) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, serde_json::from_str(body).unwrap())
}

#[test]
fn serve_builds_the_missing_index_and_answers_over_http() {
    let index = scratch_dir("socket").join("index");
    let corpus = fixture_corpus();
    let child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--corpus",
            corpus.to_str().unwrap(),
            "--index",
            index.to_str().unwrap(),
        ])
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let stderr = server.0.stderr.take().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut address = None;
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if let Some(start) = line.find("serving at http://") {
            let rest = &line[start + "serving at http://".len()..];
            address = Some(rest.split('/').next().unwrap().to_string());
            break;
        }
        assert!(Instant::now() < deadline, "server did not start in time");
    }
    let address = address.expect("the server logs its address");
    assert!(
        index.join("concord-meta.json").is_file(),
        "the index was built"
    );

    let (status, health) = http_get(&address, "/healthz");
    assert_eq!(status, 200);
    assert_eq!(health["documents"], 8);
    let (status, body) = http_get(&address, "/api/search?q=ceasefire&party=ukraine");
    assert_eq!(status, 200);
    assert_eq!(body["total"], 2);
    let (status, body) = http_get(&address, "/api/search?limit=1000");
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_limit");
}
