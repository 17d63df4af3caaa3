//! `GET /api/similar/{id}?limit=N`: the documents most like one document ("more like this").

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use concord_index::Hit;
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ErrorCode};
use crate::routes::{limit, query_params};
use crate::state::AppState;

/// Most documents one answer lists.
const MAX_LIMIT: usize = 50;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SimilarParams {
    limit: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SimilarResponse {
    pub hits: Vec<Hit>,
}

/// The documents most like one document ("more like this").
#[utoipa::path(get, path = "/api/similar/{id}", tag = "documents",
    params(
        ("id" = String, Path, description = "The document's id; it may contain slashes"),
        ("limit" = Option<u32>, Query, description = "How many, 0-50 (default 5)"),
    ),
    responses(
        (status = 200, description = "The most similar documents, best first", body = SimilarResponse)))]
pub async fn get_similar(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<SimilarResponse>, ApiError> {
    let params: SimilarParams = query_params(query.as_deref())?;
    let limit = limit(params.limit.as_deref(), 5, MAX_LIMIT)?;
    let lookup = id.clone();
    let index = state.index();
    let hits = state
        .run(move || index.similar(&lookup, limit).map_err(ApiError::from))
        .await?;
    hits.map(|hits| Json(SimilarResponse { hits }))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no document with id {id:?}")))
}
