//! `GET /api/openapi.json`: the OpenAPI 3 description of the API, generated from the
//! handlers' `#[utoipa::path]` attributes and the answer types' schemas, so that it changes
//! with the code. `tests/integration/openapi.rs` checks it against live answers.

use axum::Json;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::routes;

/// The API's one error shape (see `error.rs`).
#[derive(Serialize, ToSchema)]
pub struct Error {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// `invalid_query`, `invalid_date`, `invalid_limit`, `invalid_offset`, `invalid_sort`,
    /// `invalid_histogram`, `invalid_parameter`, `not_found`, `unauthorized`, `forbidden`,
    /// `timeout` (408) or `internal`.
    pub code: String,
    /// What was wrong, in words.
    pub message: String,
}

/// The search parameters of `GET /api/search` (and, without paging, of `/api/export`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchQuery {
    /// Query text; empty matches every document. Words must all match; `"a phrase"`,
    /// `a OR b`, `-word`, `title:word`.
    q: Option<String>,
    /// Party filter, repeatable (OR within the group): an id, label or alias.
    party: Option<Vec<String>>,
    /// Venue filter, repeatable.
    venue: Option<Vec<String>>,
    /// Topic filter, repeatable.
    topic: Option<Vec<String>>,
    /// Peace-process filter, repeatable.
    process: Option<Vec<String>>,
    /// Language filter, repeatable (`en`, `ru`, ...).
    lang: Option<Vec<String>>,
    /// Document-type filter, repeatable.
    doc_type: Option<Vec<String>>,
    /// Inclusive lower date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    from: Option<String>,
    /// Inclusive upper date bound.
    to: Option<String>,
    /// `relevance` (default), `date` or `-date`.
    sort: Option<String>,
    /// Page size, 0-100 (default 20). Not for exports.
    limit: Option<u32>,
    /// Page start, 0-10000. Not for exports.
    offset: Option<u32>,
    /// `year` (default), `month` or `none`. Not for exports.
    histogram: Option<String>,
    /// `all` (default), `none`, or a comma list of groups. Not for exports.
    facets: Option<String>,
    /// `false` leaves snippets out. Not for exports.
    highlight: Option<bool>,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Concord",
        description = "Full-text search over conflict documents: peace-talk records, treaties, communiqués, ceasefire texts and what is written about them, with facets by party, venue, topic, process, language and document type, dates and a timeline."
    ),
    paths(
        routes::search::get_search,
        routes::search::post_search,
        routes::export::get_export,
        routes::documents::get_document,
        routes::similar::get_similar,
        routes::suggest::get_suggest,
        routes::facets::get_facets,
        routes::health::get_health,
        routes::admin::post_reload,
        crate::metrics::get_metrics,
        get_openapi,
    ),
    components(schemas(Error, ErrorDetail))
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3 description of this API", content_type = "application/json")))]
pub async fn get_openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
