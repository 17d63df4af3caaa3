//! `GET /api/documents/{id}`: one whole document.

use axum::Json;
use axum::extract::{Path, State};
use concord_index::DocumentView;

use crate::AppState;
use crate::error::ApiError;

/// One whole document: text, metadata and provenance.
#[utoipa::path(get, path = "/api/documents/{id}", tag = "documents",
    params(("id" = String, Path, description = "The document's id; it may contain slashes")),
    responses(
        (status = 200, description = "The document", body = DocumentView),
        (status = 404, description = "No such document", body = crate::openapi::Error)))]
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
        .ok_or_else(|| ApiError::not_found(format!("no document with id {id:?}")))
}
