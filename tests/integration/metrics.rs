//! `GET /metrics`: request counts and latencies by route and status, and the served index.

use axum::http::{StatusCode, header};
use concord_index::{Dictionaries, SearchIndex};
use concord_server::AppState;

use crate::support::{call, get_from, state};

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_and_describe_the_index() {
    // A server of its own, so that no other test's requests are counted.
    let served = state().index();
    let fresh = AppState::new(SearchIndex::open(served.root(), &Dictionaries::none()).unwrap())
        .with_admission(3, 10);
    for path in [
        "/api/search?q=ceasefire",
        "/api/search?q=grain",
        "/api/search?from=2022-13",
        "/api/documents/a-istanbul-2022",
        "/nowhere",
    ] {
        get_from(fresh.clone(), path).await;
    }
    let (status, headers, body) = call(fresh, "GET", "/metrics", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = String::from_utf8(body).unwrap();
    for line in [
        r#"concord_http_requests_total{route="/api/search",status="200"} 2"#,
        r#"concord_http_requests_total{route="/api/search",status="400"} 1"#,
        r#"concord_http_requests_total{route="/api/documents/{*id}",status="200"} 1"#,
        r#"concord_http_requests_total{route="unmatched",status="404"} 1"#,
        r#"concord_http_request_duration_seconds_bucket{route="/api/search",le="+Inf"} 3"#,
        r#"concord_http_request_duration_seconds_count{route="/api/search"} 3"#,
        "concord_index_documents 8",
        "concord_index_reloads_total 0",
        "concord_searches_running 0",
        "concord_searches_waiting 0",
        "concord_searches_capacity 3",
    ] {
        assert!(
            text.lines().any(|got| got == line),
            "no {line:?} in:\n{text}"
        );
    }
    assert!(text.contains(&format!(
        "concord_index_generation_info{{generation=\"{}\"}} 1",
        served.generation()
    )));
    let size_line = text
        .lines()
        .find(|line| line.starts_with("concord_index_size_bytes "))
        .unwrap();
    let size: u64 = size_line.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(size > 1000, "{size_line}");
    // Buckets only grow.
    let buckets: Vec<u64> = text
        .lines()
        .filter(|line| {
            line.starts_with(r#"concord_http_request_duration_seconds_bucket{route="/api/search""#)
        })
        .map(|line| line.rsplit(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(
        buckets.windows(2).all(|pair| pair[0] <= pair[1]),
        "{buckets:?}"
    );
}
