//! The search page in a real headless browser: `tests/browser/search_page.mjs` (playwright-core
//! driving Debian's Chromium) against the fixture index served on a free port. It types a
//! query, ticks a facet, narrows the dates on the timeline, opens a document and comes back,
//! checking the page against the API, and saves a screenshot; then, against a server with an
//! API key, gives the page its key and downloads an export with it.
//!
//! `.ci/run` installs what it needs (`apt-get install chromium`, `npm ci --prefix
//! tests/browser`) and sets `CONCORD_BROWSER_TEST=1`, which makes a missing tool a failure;
//! elsewhere the test says what is missing and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::state;

fn missing_tools(browser_dir: &Path, chromium: &str) -> Vec<String> {
    let mut missing = Vec::new();
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node".to_string());
    }
    if !browser_dir.join("node_modules/playwright-core").is_dir() {
        missing.push("playwright-core (npm ci --prefix tests/browser)".to_string());
    }
    if !Path::new(chromium).is_file() {
        missing.push(format!("chromium at {chromium} (apt-get install chromium)"));
    }
    missing
}

#[tokio::test(flavor = "multi_thread")]
async fn the_search_page_works_in_a_headless_browser() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let browser_dir = root.join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    let missing = missing_tools(&browser_dir, &chromium);
    if !missing.is_empty() {
        let required = std::env::var("CONCORD_BROWSER_TEST").is_ok_and(|value| value == "1");
        assert!(!required, "the browser test needs {}", missing.join(", "));
        eprintln!("browser test skipped: missing {}", missing.join(", "));
        return;
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(concord_server::serve(
        listener,
        state(),
        std::future::pending(),
    ));
    // The same index behind an API key, for the page's key prompt.
    let keyed_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let keyed_address = keyed_listener.local_addr().unwrap();
    let keyed_server = tokio::spawn(concord_server::serve(
        keyed_listener,
        state().with_api_key(Some("browser-key".to_string())),
        std::future::pending(),
    ));
    let screenshot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("search-page.png");
    let script = browser_dir.join("search_page.mjs");
    let shot = screenshot.clone();
    // The server answers on this runtime while node drives the browser on a blocking thread.
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(script)
            .arg(format!("http://{address}"))
            .arg(shot)
            .arg(format!("http://{keyed_address}"))
            .arg("browser-key")
            .env("CHROMIUM", &chromium)
            .output()
    })
    .await
    .unwrap()
    .expect("node runs");
    server.abort();
    keyed_server.abort();
    assert!(
        output.status.success(),
        "the browser test failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        screenshot.is_file(),
        "no screenshot at {}",
        screenshot.display()
    );
    eprintln!("{}", String::from_utf8_lossy(&output.stdout).trim());
}
