//! `GET /healthz`: the server is up and which index it serves.

use axum::Json;
use axum::extract::State;
use concord_index::Health;

use crate::state::AppState;

/// What is served: documents, generation, languages, CJK analysis, warnings.
#[utoipa::path(get, path = "/healthz", tag = "meta",
    responses((status = 200, description = "Health", body = Health)))]
pub async fn get_health(State(state): State<AppState>) -> Json<Health> {
    Json(state.index().health())
}
