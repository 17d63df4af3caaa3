//! `GET /api/openapi.json`: the OpenAPI 3 description of the API, generated from the
//! handlers' `#[utoipa::path]` attributes and the answer types' schemas, so that it changes
//! with the code. `tests/integration/openapi.rs` checks it against live answers.

use axum::Json;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

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
