//! The layers around every route: panics caught, body size bounded, the timeout, request
//! ids, logs, compression, the API key check, metrics and CORS ([`layered`]), and the errors
//! they answer on any route (`ERRORS`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::{access, metrics};

/// What the layers answer on any route: `timeout` when it takes too long, `internal` when its
/// handler panics.
pub(crate) const ERRORS: &[ErrorCode] = &[ErrorCode::Timeout, ErrorCode::Internal];

/// `router` with the API's middleware: panics caught, body size bounded, timeout, request
/// ids, logs, compression, API key, metrics, CORS. [`app`](crate::app()) is this around the
/// API's routes; tests wrap routes of their own (one that panics) to check the layers.
pub fn layered(router: Router<AppState>, state: AppState) -> Router {
    let cors = cors_layer(state.cors_origins());
    let router = router
        .layer(CatchPanicLayer::custom(panic_as_json))
        .layer(DefaultBodyLimit::max(state.max_body_bytes()))
        .layer(TimeoutLayer::with_status_code(
            ErrorCode::Timeout.status(),
            state.request_timeout(),
        ))
        // The timeout layer answers with an empty body: give it the API's error shape.
        .layer(axum::middleware::map_response(timeout_as_json))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        // Every request gets an id (or keeps the x-request-id it came with), which its log
        // span carries and its answer echoes.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(Sequential::default()))
        // gzip or brotli, as the client's Accept-Encoding asks (exports and big answers
        // shrink several times; small ones are left alone).
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access::require_key,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ));
    let router = match cors {
        Some(cors) => router.layer(cors),
        None => router,
    };
    router.with_state(state)
}

/// Request ids: a number that starts from this process's start time in milliseconds (times
/// 2^20) and counts up, so ids differ across restarts; one integer header value each, no
/// string formatting (measured: a formatted id cost 8 % of a small search's throughput).
#[derive(Clone)]
struct Sequential {
    next: Arc<AtomicU64>,
}

impl Default for Sequential {
    fn default() -> Sequential {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_millis() as u64);
        Sequential {
            next: Arc::new(AtomicU64::new((started & 0xfff_ffff_ffff) << 20)),
        }
    }
}

impl MakeRequestId for Sequential {
    fn make_request_id<B>(&mut self, _request: &axum::http::Request<B>) -> Option<RequestId> {
        let number = self.next.fetch_add(1, Ordering::Relaxed);
        Some(RequestId::new(HeaderValue::from(number)))
    }
}

/// The log span of a request: its id, method and path.
fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    tracing::debug_span!("request", id, method = %request.method(), path = %request.uri().path())
}

/// A 408 from the timeout layer as `{"error": {"code": "timeout", ...}}`.
async fn timeout_as_json(response: Response) -> Response {
    if response.status() != ErrorCode::Timeout.status() {
        return response;
    }
    ApiError::fixed(ErrorCode::Timeout).into_response()
}

/// A handler's panic as a logged 500 in the error shape; the server goes on serving.
fn panic_as_json(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    ApiError::internal(format!("handler panicked: {detail}")).into_response()
}

/// CORS for the configured origins: GET and POST with a JSON body from their pages, with the
/// API key in `authorization` when the server has one.
fn cors_layer(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allowed = if origins.iter().any(|origin| origin == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|origin| HeaderValue::from_str(origin).ok()),
        )
    };
    Some(
        CorsLayer::new()
            .allow_origin(allowed)
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
            .expose_headers([HeaderName::from_static("x-total-count")])
            .max_age(Duration::from_secs(3600)),
    )
}
