//! `POST /api/admin/reload`: serve the newest published index generation now. Requires
//! `Authorization: Bearer <token>` with the token the server was started with.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;

use crate::error::ApiError;
use crate::reload::Reloaded;
use crate::{AppState, blocking};

/// Serves the newest published generation now (`Authorization: Bearer <admin token>`).
#[utoipa::path(post, path = "/api/admin/reload", tag = "admin",
    responses(
        (status = 200, description = "What the check found", body = Reloaded),
        (status = 401, description = "No or a wrong token", body = crate::openapi::Error),
        (status = 403, description = "The server has no admin token or does not reload", body = crate::openapi::Error)))]
pub async fn post_reload(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Reloaded>, ApiError> {
    authorize(&state, &headers)?;
    let Some(reloader) = state.reloader().cloned() else {
        return Err(ApiError::forbidden("this server does not reload its index"));
    };
    let reloaded = blocking(move || {
        reloader
            .check()
            .map_err(|error| ApiError::internal(format!("reload failed: {error}")))
    })
    .await?;
    Ok(Json(reloaded))
}

/// Admin endpoints need the configured token, compared in constant time.
fn authorize(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.admin_token() else {
        return Err(ApiError::forbidden(
            "admin endpoints are disabled: start the server with --admin-token or CONCORD_ADMIN_TOKEN",
        ));
    };
    let given = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or_else(|| {
            ApiError::unauthorized("missing bearer token (Authorization: Bearer ...)")
        })?;
    if !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        return Err(ApiError::unauthorized("invalid token"));
    }
    Ok(())
}

/// Equality whose time depends on the lengths only, not on where the bytes differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::constant_time_eq;

    #[test]
    fn tokens_compare_exactly() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secrets"));
    }
}
