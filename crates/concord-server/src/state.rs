//! What every handler shares: [`AppState`] (the served index, the server's settings, the
//! admission turns, the metrics), the builder that configures it, and how handlers run index
//! work off the async runtime (`AppState::run`, `blocking`).

use std::sync::Arc;
use std::time::Duration;

use arc_swap::ArcSwap;
use concord_index::{Dictionaries, Limits, SearchIndex};

use crate::admission::{self, Admission};
use crate::error::ApiError;
use crate::metrics::Metrics;
use crate::reload::Reloader;

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

    /// Makes every data endpoint require `Authorization: Bearer <key>` (see [`crate::access`]).
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

    /// Origins whose pages may call the API (CORS).
    pub(crate) fn cors_origins(&self) -> &[String] {
        &self.cors_origins
    }

    /// Longest a request may take before it is answered 408.
    pub(crate) fn request_timeout(&self) -> Duration {
        self.request_timeout
    }

    /// Largest request body, in bytes.
    pub(crate) fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
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
