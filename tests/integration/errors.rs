//! Bad input gets a 4xx with a machine code and a message, never a 500.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

use crate::support::{get, post};

async fn assert_rejected(path: &str, code: &str) {
    let (status, body) = get(path).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
    assert_eq!(body["error"]["code"], code, "{path}: {body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(!message.is_empty());
    assert_eq!(
        message.chars().next().unwrap().to_lowercase().to_string(),
        message.chars().next().unwrap().to_string()
    );
}

#[tokio::test]
async fn bad_query_syntax_is_read_as_words_with_a_notice() {
    // Issue 21: syntax never fails a search; what does not parse is read as words and the
    // answer says so. Only the limits refuse a query.
    for path in [
        "/api/search?q=title:%22unclosed",
        "/api/search?q=nosuchfield:war",
        "/api/search?q=(",
    ] {
        let (status, body) = get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        let notices = body["notices"].as_array().unwrap();
        assert!(!notices.is_empty(), "{path}: {body}");
        assert!(!notices[0]["message"].as_str().unwrap().is_empty());
    }
    assert_rejected(
        &format!("/api/search?q={}a", "(".repeat(17)),
        "query_too_large",
    )
    .await;
}

#[tokio::test]
async fn bad_dates_are_invalid_date() {
    assert_rejected("/api/search?from=2022-13", "invalid_date").await;
    assert_rejected("/api/search?to=29.03.2022", "invalid_date").await;
    assert_rejected("/api/search?from=2023&to=2022", "invalid_date").await;
}

#[tokio::test]
async fn out_of_range_paging_is_rejected() {
    assert_rejected("/api/search?limit=1000", "invalid_limit").await;
    assert_rejected("/api/search?limit=-1", "invalid_limit").await;
    assert_rejected("/api/search?limit=ten", "invalid_limit").await;
    assert_rejected("/api/search?offset=20000", "invalid_offset").await;
}

#[tokio::test]
async fn unknown_sort_histogram_and_parameters_are_rejected() {
    assert_rejected("/api/search?sort=title", "invalid_sort").await;
    assert_rejected("/api/search?histogram=week", "invalid_histogram").await;
    assert_rejected("/api/search?parties=ukraine", "invalid_parameter").await;
    assert_rejected("/api/search?facets=party,parties", "invalid_parameter").await;
    assert_rejected("/api/search?highlight=maybe", "invalid_parameter").await;
}

#[tokio::test]
async fn a_malformed_json_body_is_rejected() {
    let (status, body) = post("/api/search", "{\"q\": ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_parameter");
}

#[tokio::test]
async fn unknown_routes_are_json_404s() {
    let (status, body) = get("/api/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
}

#[tokio::test]
async fn a_request_that_takes_too_long_gets_a_408_in_the_error_shape() {
    // A route that sleeps well past a 1 ms timeout, through the API's middleware. (A search
    // under a zero timeout raced the timer: a search faster than its first tick answered 200.)
    let impatient = crate::support::state().with_request_timeout(Duration::from_millis(1));
    let slow = axum::Router::new().route(
        "/slow",
        axum::routing::get(|| async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            "done"
        }),
    );
    let response = concord_server::layered(slow, impatient.clone())
        .oneshot(Request::get("/slow").body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(status.as_u16(), 408);
    assert_eq!(body["error"]["code"], "timeout", "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("too long")
    );
}
