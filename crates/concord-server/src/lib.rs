//! Concord's HTTP API.
//!
//! Layout:
//! - [`app`]: the router, built from an [`AppState`]; tests drive it with `oneshot`.
//! - [`error`]: [`ApiError`], the one JSON error shape and its HTTP status.
//! - [`routes`]: one module per endpoint.
//!
//! Architecture invariant: handlers never run tantivy work on the async runtime; it goes to
//! `spawn_blocking`.

pub mod error;
pub mod routes;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use concord_index::SearchIndex;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub use error::ApiError;

/// Longest a request may take before the server answers 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler shares: the opened index.
#[derive(Clone)]
pub struct AppState {
    pub index: Arc<SearchIndex>,
}

impl AppState {
    pub fn new(index: SearchIndex) -> AppState {
        AppState {
            index: Arc::new(index),
        }
    }
}

/// The whole API.
pub fn app(state: AppState) -> Router {
    Router::new()
        .route(
            "/api/search",
            get(routes::search::get_search).post(routes::search::post_search),
        )
        .route("/api/documents/{*id}", get(routes::documents::get_document))
        .route("/api/facets", get(routes::facets::get_facets))
        .route("/healthz", get(routes::health::get_health))
        .fallback(routes::not_found)
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
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
