//! Concord's HTTP API.
//!
//! Layout:
//! - [`app`]: the router, built from an [`AppState`]; tests drive it with `oneshot`.
//! - [`error`]: [`ApiError`], the one JSON error shape and its HTTP status.
//! - [`routes`]: one module per endpoint; `routes::web` serves the search page, whose files
//!   (`assets/`) are compiled into the binary.
//! - [`openapi`]: `GET /api/openapi.json`, generated from the handlers' attributes.
//! - [`metrics`]: `GET /metrics` (Prometheus text) and the middleware that counts requests.
//! - [`reload`]: [`Reloader`], which swaps in a newly published index generation (polled,
//!   on `POST /api/admin/reload`, on SIGHUP) while requests keep being answered.
//! - [`access`]: the API key and the admin token.
//! - [`admission`]: how many searches run and wait at once; past that, 503.
//!
//! Architecture invariants: handlers never run tantivy work on the async runtime; it goes to
//! `spawn_blocking`, through [`AppState::run`], which waits for an admission turn first. No
//! panic reaches a client as a dropped connection: it becomes a 500 in the error shape.

pub mod access;
pub mod admission;
pub mod error;
pub mod metrics;
pub mod openapi;
pub mod reload;
pub mod routes;

use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::routing::{get, post};
use concord_index::{Dictionaries, Limits, SearchIndex};
use std::sync::atomic::{AtomicU64, Ordering};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use admission::Admission;
pub use error::ApiError;
pub use metrics::Metrics;
pub use reload::{Reloaded, Reloader};

/// Longest a request may take before the server answers 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Largest request body (a JSON search) by default, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler shares: the index being served (swapped atomically when a new
/// generation is published), how to reload it, and the admin token.
#[derive(Clone)]
pub struct AppState {
    index: Arc<ArcSwap<SearchIndex>>,
    reloader: Option<Arc<Reloader>>,
    admin_token: Option<Arc<str>>,
    /// Key that data endpoints require when set.
    api_key: Option<Arc<str>>,
    metrics: Arc<Metrics>,
    /// Origins whose pages may call the API (CORS); `*` for any; empty: none.
    cors_origins: Arc<[String]>,
    /// Longest a request may take before it is answered 408.
    request_timeout: Duration,
    /// Bounds on one search request.
    limits: Limits,
    /// Largest request body, in bytes.
    max_body_bytes: usize,
    /// Turns to run index work.
    admission: Arc<Admission>,
}

impl AppState {
    /// A state serving `index` as it is (no reloading, no admin endpoints).
    pub fn new(index: SearchIndex) -> AppState {
        AppState {
            index: Arc::new(ArcSwap::from_pointee(index)),
            reloader: None,
            admin_token: None,
            api_key: None,
            metrics: Arc::new(Metrics::default()),
            cors_origins: Arc::from(Vec::new()),
            request_timeout: REQUEST_TIMEOUT,
            limits: Limits::default(),
            max_body_bytes: MAX_BODY_BYTES,
            admission: Arc::new(Admission::new(
                std::thread::available_parallelism().map_or(1, usize::from),
                admission::MAX_QUEUED,
            )),
        }
    }

    /// Also reloads from the index folder the served index was opened from, with these
    /// dictionaries for the analyzers.
    pub fn with_reloader(mut self, dictionaries: Dictionaries) -> AppState {
        let root = self.index().root().to_path_buf();
        self.reloader = Some(Arc::new(Reloader::new(
            root,
            dictionaries,
            self.index.clone(),
            self.metrics.clone(),
        )));
        self
    }

    /// Enables the admin endpoints for requests that bear this token.
    pub fn with_admin_token(mut self, token: Option<String>) -> AppState {
        self.admin_token = token.filter(|token| !token.is_empty()).map(Arc::from);
        self
    }

    /// Makes every data endpoint require `Authorization: Bearer <key>` (see [`access`]).
    pub fn with_api_key(mut self, key: Option<String>) -> AppState {
        self.api_key = key.filter(|key| !key.is_empty()).map(Arc::from);
        self
    }

    /// Bounds on what one search may ask for.
    pub fn with_limits(mut self, limits: Limits) -> AppState {
        self.limits = limits;
        self
    }

    /// Refuses request bodies larger than this (413, code `body_too_large`).
    pub fn with_max_body_bytes(mut self, bytes: usize) -> AppState {
        self.max_body_bytes = bytes;
        self
    }

    /// Runs at most `concurrent` searches at once and lets at most `queued` more wait; past
    /// that, requests are answered 503 with `Retry-After`.
    pub fn with_admission(mut self, concurrent: usize, queued: usize) -> AppState {
        self.admission = Arc::new(Admission::new(concurrent, queued));
        self
    }

    /// The index generation to answer this request with; a reload does not affect a request
    /// that already holds one.
    pub fn index(&self) -> Arc<SearchIndex> {
        self.index.load_full()
    }

    pub fn reloader(&self) -> Option<&Arc<Reloader>> {
        self.reloader.as_ref()
    }

    /// Lets pages from these origins call the API from a browser (`*`: any origin).
    pub fn with_cors_origins(mut self, origins: Vec<String>) -> AppState {
        self.cors_origins = origins
            .into_iter()
            .map(|origin| origin.trim().trim_end_matches('/').to_string())
            .filter(|origin| !origin.is_empty())
            .collect();
        self
    }

    /// Answers 408 to a request that takes longer than `timeout` (default [`REQUEST_TIMEOUT`]).
    pub fn with_request_timeout(mut self, timeout: Duration) -> AppState {
        self.request_timeout = timeout;
        self
    }

    /// What `/metrics` reports.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    pub(crate) fn admin_token(&self) -> Option<&str> {
        self.admin_token.as_deref()
    }

    pub(crate) fn api_key(&self) -> Option<&str> {
        self.api_key.as_deref()
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The turns to run index work (tests hold one to see what waits and what is refused).
    pub fn admission(&self) -> &Admission {
        &self.admission
    }

    /// Runs index work on a blocking thread once admission gives it a turn (held until the
    /// work ends, even if the client has gone: the thread is busy until then).
    pub(crate) async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce() -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        let turn = self.admission.enter().await?;
        blocking(move || {
            let result = work();
            drop(turn);
            result
        })
        .await
    }

    /// A turn to run index work, for work that outlives its handler (an export's stream).
    pub(crate) async fn turn(&self) -> Result<admission::Turn, ApiError> {
        self.admission.enter().await
    }
}

/// The whole API.
pub fn app(state: AppState) -> Router {
    layered(routes(), state)
}

fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(routes::web::get_page))
        .route("/assets/app.js", get(routes::web::get_script))
        .route("/assets/style.css", get(routes::web::get_style))
        .route(
            "/api/search",
            get(routes::search::get_search).post(routes::search::post_search),
        )
        .route("/api/documents/{*id}", get(routes::documents::get_document))
        .route("/api/export", get(routes::export::get_export))
        .route("/api/similar/{*id}", get(routes::similar::get_similar))
        .route("/api/suggest", get(routes::suggest::get_suggest))
        .route("/api/facets", get(routes::facets::get_facets))
        .route("/api/admin/reload", post(routes::admin::post_reload))
        .route("/healthz", get(routes::health::get_health))
        .route("/metrics", get(metrics::get_metrics))
        .route("/api/openapi.json", get(openapi::get_openapi))
        .fallback(routes::not_found)
}

/// `router` with the API's middleware: panics caught, body size bounded, timeout, request
/// ids, logs, compression, API key, metrics, CORS. [`app`] is this around the API's routes;
/// tests wrap routes of their own (one that panics) to check the layers.
pub fn layered(router: Router<AppState>, state: AppState) -> Router {
    let cors = cors_layer(&state.cors_origins);
    let router = router
        .layer(CatchPanicLayer::custom(panic_as_json))
        .layer(DefaultBodyLimit::max(state.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            state.request_timeout,
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
async fn timeout_as_json(response: axum::response::Response) -> axum::response::Response {
    if response.status() != axum::http::StatusCode::REQUEST_TIMEOUT {
        return response;
    }
    use axum::response::IntoResponse;
    ApiError {
        status: axum::http::StatusCode::REQUEST_TIMEOUT,
        code: "timeout",
        message: "the request took too long and was stopped".to_string(),
    }
    .into_response()
}

/// A handler's panic as a logged 500 in the error shape; the server goes on serving.
fn panic_as_json(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    use axum::response::IntoResponse;
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

/// Serves the API on `listener` until `shutdown` resolves, then finishes in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Runs blocking index work off the async runtime.
pub(crate) async fn blocking<T, F>(work: F) -> Result<T, ApiError>
where
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| ApiError::internal(format!("search task failed: {error}")))?
}
