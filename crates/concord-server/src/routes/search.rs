//! `GET /api/search?q=…` and `POST /api/search` with the same parameters as JSON.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{RawQuery, State};
use concord_index::{SearchParams, SearchRequest, SearchResponse};

use crate::error::{ApiError, ErrorCode};
use crate::routes::query_params;
use crate::state::AppState;

/// Searches: the page of hits, the total, disjunctive facet counts and the timeline.
#[utoipa::path(get, path = "/api/search", tag = "search", params(concord_index::SearchParams),
    responses((status = 200, description = "The answer", body = SearchResponse)))]
pub async fn get_search(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let params: SearchParams = query_params(query.as_deref())?;
    run(state, params).await
}

/// The same search with its parameters as a JSON object (filters as arrays).
#[utoipa::path(post, path = "/api/search", tag = "search",
    request_body(content = Object, description = "The GET parameters as JSON fields", content_type = "application/json"),
    responses((status = 200, description = "The answer", body = SearchResponse)))]
pub async fn post_search(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let body = body.map_err(ApiError::from)?;
    let params: SearchParams = if body.iter().all(u8::is_ascii_whitespace) {
        SearchParams::default()
    } else {
        serde_json::from_slice(&body).map_err(|error| {
            ApiError::new(
                ErrorCode::InvalidParameter,
                format!("invalid JSON body: {error}"),
            )
        })?
    };
    run(state, params).await
}

async fn run(state: AppState, params: SearchParams) -> Result<Json<SearchResponse>, ApiError> {
    let request = SearchRequest::from_params(params, state.limits())?;
    let index = state.index();
    let response = state
        .run(move || index.search(&request).map_err(ApiError::from))
        .await?;
    Ok(Json(response))
}
