//! The route table: every route with its method, handler and the gates a request passes on
//! its way to an answer. [`app`] builds the router from it, `access` reads from it which
//! paths are open, and `openapi` documents from it the errors each route can answer.

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};

use crate::error::ErrorCode;
use crate::state::AppState;
use crate::{metrics, middleware, openapi, routes};

/// What a request passes before or inside its handler; each gate can refuse it with codes of
/// its own (and the middleware around every route adds its own: [`middleware::ERRORS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gate {
    /// With an API key configured, the key check (`access::require_key`). A route without
    /// this gate is open.
    Key,
    /// The admin token check (`access::authorize_admin`), then the reload, which may fail.
    Admin,
    /// Query parameters, read and checked.
    Query,
    /// A JSON body, read (up to `--max-body-bytes`) and checked.
    Body,
    /// Index work: it waits for an admission turn (`admission`), then runs, and may fail.
    Index,
    /// A document looked up by its id.
    Lookup,
}

impl Gate {
    /// The codes this gate answers with.
    pub(crate) fn errors(self) -> &'static [ErrorCode] {
        use ErrorCode as E;
        match self {
            Gate::Key => &[E::Unauthorized],
            Gate::Admin => &[E::Unauthorized, E::Forbidden, E::Internal],
            Gate::Query => &[
                E::InvalidQuery,
                E::InvalidDate,
                E::QueryTooLarge,
                E::InvalidLimit,
                E::InvalidOffset,
                E::InvalidSort,
                E::InvalidHistogram,
                E::InvalidParameter,
            ],
            Gate::Body => &[E::InvalidParameter, E::BodyTooLarge],
            Gate::Index => &[E::Overloaded, E::Internal],
            Gate::Lookup => &[E::NotFound],
        }
    }
}

/// One route of the API.
pub(crate) struct Route {
    /// The path, in axum's syntax (`/api/documents/{*id}`).
    pub path: &'static str,
    pub method: Method,
    /// Whether `GET /api/openapi.json` describes it (the page and its files are not).
    pub documented: bool,
    pub gates: &'static [Gate],
    handler: fn() -> MethodRouter<AppState>,
}

impl Route {
    /// Whether a request needs no API key to get here.
    pub(crate) fn is_open(&self) -> bool {
        !self.gates.contains(&Gate::Key)
    }

    /// Every code this route can answer with: its gates' and the middleware's.
    pub(crate) fn errors(&self) -> impl Iterator<Item = ErrorCode> + '_ {
        self.gates
            .iter()
            .flat_map(|gate| gate.errors())
            .chain(middleware::ERRORS)
            .copied()
    }
}

/// Every route. The page, its files, health and the API's description hold no data and are
/// open; the admin endpoint checks the admin token instead of the key.
pub(crate) static ROUTES: [Route; 14] = {
    use Gate::{Admin, Body, Index, Key, Lookup, Query};
    const fn route(
        path: &'static str,
        method: Method,
        documented: bool,
        gates: &'static [Gate],
        handler: fn() -> MethodRouter<AppState>,
    ) -> Route {
        Route {
            path,
            method,
            documented,
            gates,
            handler,
        }
    }
    let (page, api) = (false, true);
    [
        route("/", Method::GET, page, &[], || get(routes::web::get_page)),
        route("/assets/app.js", Method::GET, page, &[], || {
            get(routes::web::get_script)
        }),
        route("/assets/style.css", Method::GET, page, &[], || {
            get(routes::web::get_style)
        }),
        route(
            "/api/search",
            Method::GET,
            api,
            &[Key, Query, Index],
            || get(routes::search::get_search),
        ),
        route(
            "/api/search",
            Method::POST,
            api,
            &[Key, Body, Query, Index],
            || post(routes::search::post_search),
        ),
        route(
            "/api/documents/{*id}",
            Method::GET,
            api,
            &[Key, Index, Lookup],
            || get(routes::documents::get_document),
        ),
        route(
            "/api/export",
            Method::GET,
            api,
            &[Key, Query, Index],
            || get(routes::export::get_export),
        ),
        route(
            "/api/similar/{*id}",
            Method::GET,
            api,
            &[Key, Query, Index, Lookup],
            || get(routes::similar::get_similar),
        ),
        route(
            "/api/suggest",
            Method::GET,
            api,
            &[Key, Query, Index],
            || get(routes::suggest::get_suggest),
        ),
        route("/api/facets", Method::GET, api, &[Key, Index], || {
            get(routes::facets::get_facets)
        }),
        route("/api/admin/reload", Method::POST, api, &[Admin], || {
            post(routes::admin::post_reload)
        }),
        route("/healthz", Method::GET, api, &[], || {
            get(routes::health::get_health)
        }),
        route("/metrics", Method::GET, api, &[Key], || {
            get(metrics::get_metrics)
        }),
        route("/api/openapi.json", Method::GET, api, &[], || {
            get(openapi::get_openapi)
        }),
    ]
};

/// The whole API.
pub fn app(state: AppState) -> Router {
    middleware::layered(routes(), state)
}

fn routes() -> Router<AppState> {
    ROUTES
        .iter()
        .fold(Router::new(), |router, route| {
            router.route(route.path, (route.handler)())
        })
        .fallback(routes::not_found)
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
