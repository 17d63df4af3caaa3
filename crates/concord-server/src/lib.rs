//! Concord's HTTP API.
//!
//! Layout:
//! - [`app`](mod@app): the route table (each route's method, handler and gates) and the router built
//!   from it, [`app()`], which tests drive with `oneshot`; [`serve`].
//! - [`state`]: [`AppState`], what every handler shares, and its builder.
//! - [`middleware`]: the layers around every route (timeout, panics, request ids, logs,
//!   compression, CORS, key check, metrics), [`layered`].
//! - [`error`]: [`ErrorCode`], the one table of error codes with their HTTP statuses,
//!   messages and OpenAPI responses, and [`ApiError`], the one JSON error shape.
//! - [`routes`]: one module per endpoint; `routes::web` serves the search page, whose files
//!   (`assets/`) are compiled into the binary.
//! - [`openapi`]: `GET /api/openapi.json`, generated from the handlers' attributes, with each
//!   route's error responses derived from the route table.
//! - [`metrics`]: `GET /metrics` (Prometheus text) and the middleware that counts requests.
//! - [`reload`]: [`Reloader`], which swaps in a newly published index generation (polled,
//!   on `POST /api/admin/reload`, on SIGHUP) while requests keep being answered.
//! - [`access`]: the API key and the admin token; which paths are open.
//! - [`admission`]: how many searches run and wait at once; past that, 503.
//!
//! Architecture invariants: handlers never run tantivy work on the async runtime; it goes to
//! `spawn_blocking`, through [`AppState::run`], which waits for an admission turn first. No
//! panic reaches a client as a dropped connection: it becomes a 500 in the error shape.

pub mod access;
pub mod admission;
pub mod app;
pub mod error;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod reload;
pub mod routes;
pub mod state;

pub use admission::Admission;
pub use app::{app, serve};
pub use error::{ApiError, ErrorCode};
pub use metrics::Metrics;
pub use middleware::layered;
pub use reload::{Reloaded, Reloader};
pub use state::{AppState, MAX_BODY_BYTES, REQUEST_TIMEOUT};
