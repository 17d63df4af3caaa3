//! Every bound on a request is enforced with a JSON error and a code, and configurable; too
//! much concurrent work is refused with 503 and Retry-After; a panicking handler becomes a
//! 500 in the error shape and the server goes on.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use concord_index::Limits;
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{exchange, get_from, send, state, wait_until_async};

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or_default()
}

fn message(body: &Value) -> &str {
    body["error"]["message"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn long_queries_and_too_many_terms_are_refused_with_the_bound() {
    // 60 KB in a query string, 100 KB in a JSON body: refused before any parsing, with the
    // limit in the message.
    let long = "ab+".repeat(20 * 1024);
    let (status, body) = get_from(state(), &format!("/api/search?q={long}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(code(&body), "query_too_large");
    assert!(message(&body).contains("4096 bytes"), "{body}");
    let huge = serde_json::json!({ "q": "a".repeat(100 * 1024) }).to_string();
    let request = Request::post("/api/search").body(Body::from(huge)).unwrap();
    let (status, body) = send(state().with_max_body_bytes(1 << 20), request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(code(&body), "query_too_large");

    let tight = state().with_limits(Limits {
        max_query_terms: 3,
        ..Limits::default()
    });
    let (status, _) = get_from(tight.clone(), "/api/search?q=minsk+OR+ceasefire+2015").await;
    assert_eq!(status, StatusCode::OK, "OR does not count as a term");
    let (status, body) = get_from(tight, "/api/search?q=minsk+ceasefire+protocol+2015").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "query_too_large");
    assert!(message(&body).contains("4 terms; the limit is 3"), "{body}");
}

#[tokio::test]
async fn too_many_filter_values_are_refused() {
    let values: Vec<String> = (0..101).map(|n| format!("party=p{n}")).collect();
    let (status, body) = get_from(state(), &format!("/api/search?{}", values.join("&"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(code(&body), "query_too_large");
    let (status, _) = get_from(state(), &format!("/api/search?{}", values[..100].join("&"))).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn deep_pages_are_refused_with_a_pointer_to_the_export() {
    let (status, body) = get_from(state(), "/api/search?offset=10001").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(code(&body), "invalid_offset");
    assert!(message(&body).contains("/api/export"), "{body}");

    let shallow = state().with_limits(Limits {
        max_offset: 5,
        max_limit: 3,
        ..Limits::default()
    });
    let (status, _) = get_from(shallow.clone(), "/api/search?offset=5&limit=3").await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = get_from(shallow.clone(), "/api/search?offset=6").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message(&body).contains("deepest page start (5)"), "{body}");
    let (_, body) = get_from(shallow, "/api/search?limit=4").await;
    assert_eq!(code(&body), "invalid_limit");
    assert!(message(&body).contains("between 0 and 3"), "{body}");
}

#[tokio::test]
async fn an_oversized_body_is_a_413_in_the_error_shape() {
    let small = state().with_max_body_bytes(100);
    let body = format!("{{\"q\": \"{}\"}}", "minsk ".repeat(30));
    let request = Request::post("/api/search")
        .header("content-type", "application/json")
        .body(Body::from(body))
        .unwrap();
    let (status, body) = send(small.clone(), request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(code(&body), "body_too_large", "{body}");
    let request = Request::post("/api/search")
        .body(Body::from("{\"q\": \"minsk\"}"))
        .unwrap();
    assert_eq!(send(small, request).await.0, StatusCode::OK);
}

#[tokio::test]
async fn past_the_queue_bound_requests_get_503_with_retry_after() {
    // One search at a time and nobody may wait: while the test holds the one turn, a
    // search is refused at once.
    let state = state().with_admission(1, 0);
    let turn = state.admission().enter().await.unwrap();
    let request = Request::get("/api/search?q=minsk")
        .body(Body::empty())
        .unwrap();
    let (status, headers, bytes) = exchange(state.clone(), request).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers["retry-after"], "1");
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(code(&body), "overloaded", "{body}");
    // Health checks are not index work: they still answer.
    assert_eq!(get_from(state.clone(), "/healthz").await.0, StatusCode::OK);
    drop(turn);
    assert_eq!(
        get_from(state, "/api/search?q=minsk").await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_waiting_search_runs_when_the_turn_comes() {
    let state = state().with_admission(1, 4);
    let turn = state.admission().enter().await.unwrap();
    let waiting = tokio::spawn(get_from(state.clone(), "/api/search?q=minsk"));
    wait_until_async(Duration::from_secs(10), || state.admission().waiting() == 1).await;
    assert_eq!(
        state.admission().waiting(),
        1,
        "the search waits for the turn"
    );
    assert!(!waiting.is_finished());
    drop(turn);
    let (status, body) = waiting.await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn boom() -> &'static str {
    panic!("handler bug")
}

#[tokio::test]
async fn a_panicking_handler_is_a_500_in_the_error_shape_and_the_server_goes_on() {
    let router = axum::Router::new()
        .route("/boom", get(boom))
        .route("/fine", get(|| async { "fine" }));
    let app = concord_server::layered(router, state());
    let response = app
        .clone()
        .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(code(&body), "internal");
    assert!(
        !message(&body).contains("handler bug"),
        "details stay in the log"
    );
    let response = app
        .oneshot(Request::get("/fine").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}
