//! `GET /api/suggest?q=…&limit=N`: facet values and titles for what a user has typed so far.

use axum::Json;
use axum::extract::{RawQuery, State};
use concord_index::Suggestions;
use serde::Deserialize;

use crate::error::{ApiError, ErrorCode};
use crate::routes::{limit, query_params};
use crate::state::AppState;

/// Most suggestions of each kind.
const MAX_LIMIT: usize = 20;

/// Longest text a suggestion is looked up for, in characters.
const MAX_TYPED: usize = 200;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuggestParams {
    #[serde(default)]
    q: String,
    limit: Option<String>,
}

/// Facet values and titles for what a user has typed so far.
#[utoipa::path(get, path = "/api/suggest", tag = "search",
    params(
        ("q" = Option<String>, Query, description = "The text typed so far (up to 200 characters)"),
        ("limit" = Option<u32>, Query, description = "How many of each kind, 0-20 (default 8)"),
    ),
    responses((status = 200, description = "Suggestions", body = Suggestions)))]
pub async fn get_suggest(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Suggestions>, ApiError> {
    let params: SuggestParams = query_params(query.as_deref())?;
    let limit = limit(params.limit.as_deref(), 8, MAX_LIMIT)?;
    if params.q.chars().count() > MAX_TYPED {
        return Err(ApiError::new(
            ErrorCode::InvalidQuery,
            format!("q is longer than {MAX_TYPED} characters"),
        ));
    }
    let index = state.index();
    let suggestions = state
        .run(move || index.suggest(&params.q, limit).map_err(ApiError::from))
        .await?;
    Ok(Json(suggestions))
}
