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
//!
//! Architecture invariant: handlers never run tantivy work on the async runtime; it goes to
//! `spawn_blocking`.

pub mod error;
pub mod metrics;
pub mod openapi;
pub mod reload;
pub mod routes;

use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, Method, header};
use axum::routing::{get, post};
use concord_index::{Dictionaries, SearchIndex};
use std::sync::atomic::{AtomicU64, Ordering};
use tower_http::compression::CompressionLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::ApiError;
pub use metrics::Metrics;
pub use reload::{Reloaded, Reloader};

/// Longest a request may take before the server answers 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler shares: the index being served (swapped atomically when a new
/// generation is published), how to reload it, and the admin token.
#[derive(Clone)]
pub struct AppState {
    index: Arc<ArcSwap<SearchIndex>>,
    reloader: Option<Arc<Reloader>>,
    admin_token: Option<Arc<str>>,
    metrics: Arc<Metrics>,
    /// Origins whose pages may call the API (CORS); `*` for any; empty: none.
    cors_origins: Arc<[String]>,
    /// Longest a request may take before it is answered 408.
    request_timeout: Duration,
}

impl AppState {
    /// A state serving `index` as it is (no reloading, no admin endpoints).
    pub fn new(index: SearchIndex) -> AppState {
        AppState {
            index: Arc::new(ArcSwap::from_pointee(index)),
            reloader: None,
            admin_token: None,
            metrics: Arc::new(Metrics::default()),
            cors_origins: Arc::from(Vec::new()),
            request_timeout: REQUEST_TIMEOUT,
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
}

/// The whole API.
pub fn app(state: AppState) -> Router {
    let cors = cors_layer(&state.cors_origins);
    let router = Router::new()
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

/// CORS for the configured origins: GET and POST with a JSON body from their pages (the
/// admin endpoints need a token a page should not hold, so `authorization` is not offered).
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
            .allow_headers([header::CONTENT_TYPE])
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
