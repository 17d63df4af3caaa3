//! `POST /api/admin/reload`: serve the newest published index generation now. Requires
//! `Authorization: Bearer <token>` with the token the server was started with.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;

use crate::access::authorize_admin;
use crate::error::{ApiError, ErrorCode};
use crate::reload::Reloaded;
use crate::state::{AppState, blocking};

/// Serves the newest published generation now (`Authorization: Bearer <admin token>`).
#[utoipa::path(post, path = "/api/admin/reload", tag = "admin",
    responses(
        (status = 200, description = "What the check found", body = Reloaded)))]
pub async fn post_reload(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Reloaded>, ApiError> {
    authorize_admin(&state, &headers)?;
    let Some(reloader) = state.reloader().cloned() else {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "this server does not reload its index",
        ));
    };
    let reloaded = blocking(move || {
        reloader
            .check()
            .map_err(|error| ApiError::internal(format!("reload failed: {error}")))
    })
    .await?;
    Ok(Json(reloaded))
}
