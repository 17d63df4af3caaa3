//! `GET /api/facets`: every facet value with its count over the whole index.

use axum::Json;
use axum::extract::State;
use concord_index::FacetCounts;

use crate::error::ApiError;
use crate::state::AppState;

/// Every facet value of the whole index with its count.
#[utoipa::path(get, path = "/api/facets", tag = "search",
    responses((status = 200, description = "Counts by group", body = FacetCounts)))]
pub async fn get_facets(State(state): State<AppState>) -> Result<Json<FacetCounts>, ApiError> {
    let index = state.index();
    let facets = state
        .run(move || index.all_facets().map_err(ApiError::from))
        .await?;
    Ok(Json(facets))
}
