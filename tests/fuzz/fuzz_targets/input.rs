//! How a fuzz input becomes a search request. Shared by the fuzz target (`query.rs`) and the
//! suite that replays its corpus (`tests/integration/fuzz_replay.rs`, through `#[path]`), so
//! both read an input the same way.
//!
//! The input is read as lossy UTF-8. Starting with `{`: the JSON body of `POST /api/search`.
//! Otherwise the first line is `q` (percent-encoded into the URL) and the rest, if any, is
//! appended raw as more query-string parameters (`&party=...&limit=...`).

use axum::body::Body;
use axum::http::Request;

/// The request `data` stands for, or `None` when it is not a valid HTTP request line.
pub fn request(data: &[u8]) -> Option<Request<Body>> {
    let text = String::from_utf8_lossy(data);
    if text.starts_with('{') {
        return Request::post("/api/search")
            .header("content-type", "application/json")
            .body(Body::from(text.into_owned()))
            .ok();
    }
    let (q, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let mut uri = format!("/api/search?q={}", encode(q));
    if !rest.is_empty() {
        uri.push('&');
        uri.push_str(rest);
    }
    Request::get(uri).body(Body::empty()).ok()
}

/// `text` with every byte but ASCII letters and digits percent-encoded.
pub fn encode(text: &str) -> String {
    let mut encoded = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}
