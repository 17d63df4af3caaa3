//! `GET /api/documents/{id}`: one whole document.

use axum::Json;
use axum::extract::{Path, State};
use concord_index::DocumentView;

use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// One whole document: text, metadata and provenance.
#[utoipa::path(get, path = "/api/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "The document's id; it may contain slashes")),
    responses(
        (status = 200, description = "The document", body = DocumentView)))]
pub async fn get_document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DocumentView>, ApiError> {
    let lookup = id.clone();
    let index = state.index();
    let document = state
        .run(move || index.document(&lookup).map_err(ApiError::from))
        .await?;
    document
        .map(Json)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no document with id {id:?}")))
}
