//! The route table: every route with its method, handler and the gates a request passes on
//! its way to an answer. [`app`] builds the router from it, `access` reads from it which
//! paths are open, and `openapi` documents from it the errors each route can answer.

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};
use concord_index::SearchError;

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

/// The codes a search refuses a request with: one per kind of client error of the search.
static QUERY_ERRORS: std::sync::OnceLock<Vec<ErrorCode>> = std::sync::OnceLock::new();

impl Gate {
    /// The codes this gate answers with.
    pub(crate) fn errors(self) -> &'static [ErrorCode] {
        use ErrorCode as E;
        match self {
            Gate::Key => &[E::Unauthorized],
            Gate::Admin => &[E::Unauthorized, E::Forbidden, E::Internal],
            Gate::Query => QUERY_ERRORS.get_or_init(|| {
                SearchError::client_kinds()
                    .iter()
                    .map(ErrorCode::of)
                    .collect()
            }),
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
    use crate::routes::{admin, documents, export, facets, health, search, similar, suggest, web};
    use Gate::{Admin, Body, Index, Key, Lookup, Query};
    const GET: Method = Method::GET;
    const POST: Method = Method::POST;
    type Handler = fn() -> MethodRouter<AppState>;
    /// A route of the API, described by `GET /api/openapi.json`.
    const fn route(
        path: &'static str,
        method: Method,
        gates: &'static [Gate],
        handler: Handler,
    ) -> Route {
        Route {
            path,
            method,
            documented: true,
            gates,
            handler,
        }
    }
    /// The search page or one of its files: open, and not part of the API's description.
    const fn page(path: &'static str, handler: Handler) -> Route {
        Route {
            path,
            method: GET,
            documented: false,
            gates: &[],
            handler,
        }
    }
    [
        page("/", || get(web::get_page)),
        page("/assets/app.js", || get(web::get_script)),
        page("/assets/style.css", || get(web::get_style)),
        route("/api/search", GET, &[Key, Query, Index], || {
            get(search::get_search)
        }),
        route("/api/search", POST, &[Key, Body, Query, Index], || {
            post(search::post_search)
        }),
        route("/api/documents/{*id}", GET, &[Key, Index, Lookup], || {
            get(documents::get_document)
        }),
        route("/api/export", GET, &[Key, Query, Index], || {
            get(export::get_export)
        }),
        route(
            "/api/similar/{*id}",
            GET,
            &[Key, Query, Index, Lookup],
            || get(similar::get_similar),
        ),
        route("/api/suggest", GET, &[Key, Query, Index], || {
            get(suggest::get_suggest)
        }),
        route("/api/facets", GET, &[Key, Index], || {
            get(facets::get_facets)
        }),
        route("/api/admin/reload", POST, &[Admin], || {
            post(admin::post_reload)
        }),
        route("/healthz", GET, &[], || get(health::get_health)),
        route("/metrics", GET, &[Key], || get(metrics::get_metrics)),
        route("/api/openapi.json", GET, &[], || get(openapi::get_openapi)),
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
