//! `GET /api/documents/{id}`: one whole document.

use axum::Json;
use axum::extract::{Path, State};
use concord_index::DocumentView;

use crate::error::ApiError;
use crate::{AppState, blocking};

pub async fn get_document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let lookup = id.clone();
    let document =
        blocking(move || state.index().document(&lookup).map_err(ApiError::from)).await?;
    document
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no document with id {id:?}")))
}
