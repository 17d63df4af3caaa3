//! Who may call what. Without an API key (the default, for a server on loopback) the search
//! endpoints are open; with one (`--api-key`), every data endpoint needs
//! `Authorization: Bearer <key>`; the admin token is accepted wherever the key is. Which routes
//! are open (the page, its files, health and the API's description hold no data) the route
//! table says ([`app`](mod@crate::app): a route without the key gate). Admin endpoints always need the
//! admin token ([`authorize_admin`]). Keys are compared in constant time.

use std::sync::LazyLock;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::{ROUTES, Route};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;

/// Paths open without the API key: the open routes' paths, and any path in a folder whose
/// routes are all open (a missing file under `/assets/` is a 404, not a 401).
fn is_open(path: &str) -> bool {
    static FOLDERS: LazyLock<Vec<&'static str>> = LazyLock::new(open_folders);
    ROUTES
        .iter()
        .any(|route| route.is_open() && route.path == path)
        || FOLDERS.iter().any(|folder| path.starts_with(folder))
}

/// The folders (but the root) whose routes are all open.
fn open_folders() -> Vec<&'static str> {
    let mut folders: Vec<&'static str> = ROUTES
        .iter()
        .filter_map(|route| route.path.rfind('/').map(|end| &route.path[..=end]))
        .filter(|folder| *folder != "/")
        .filter(|folder| {
            ROUTES
                .iter()
                .filter(|route| route.path.starts_with(folder))
                .all(Route::is_open)
        })
        .collect();
    folders.dedup();
    folders
}

/// Middleware: with an API key configured, refuses data requests that do not bear it (or
/// the admin token).
pub async fn require_key(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(key) = state.api_key() else {
        return next.run(request).await;
    };
    if is_open(request.uri().path()) {
        return next.run(request).await;
    }
    let admitted = match bearer(request.headers()) {
        None => Err(ApiError::new(
            ErrorCode::Unauthorized,
            "this server needs an API key: send Authorization: Bearer <key>",
        )),
        Some(given) => {
            let admin = state
                .admin_token()
                .is_some_and(|token| constant_time_eq(given.as_bytes(), token.as_bytes()));
            if admin || constant_time_eq(given.as_bytes(), key.as_bytes()) {
                Ok(())
            } else {
                Err(ApiError::new(ErrorCode::Unauthorized, "invalid API key"))
            }
        }
    };
    match admitted {
        Ok(()) => next.run(request).await,
        Err(error) => {
            let mut response = error.into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"concord\""),
            );
            response
        }
    }
}

/// Admin endpoints need the configured admin token.
pub fn authorize_admin(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.admin_token() else {
        return Err(ApiError::new(
            ErrorCode::Forbidden,
            "admin endpoints are disabled: start the server with --admin-token or CONCORD_ADMIN_TOKEN",
        ));
    };
    let given = bearer(headers).ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unauthorized,
            "missing bearer token (Authorization: Bearer ...)",
        )
    })?;
    if !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        return Err(ApiError::new(ErrorCode::Unauthorized, "invalid token"));
    }
    Ok(())
}

/// The token of an `Authorization: Bearer <token>` header.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
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
    use super::{constant_time_eq, is_open};

    #[test]
    fn tokens_compare_exactly() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secrets"));
    }

    #[test]
    fn only_pages_without_data_are_open() {
        for path in ["/", "/healthz", "/assets/app.js", "/api/openapi.json"] {
            assert!(is_open(path), "{path}");
        }
        for path in [
            "/api/search",
            "/api/documents/a.md",
            "/api/export",
            "/metrics",
            "/api/facets",
            "/nope",
        ] {
            assert!(!is_open(path), "{path}");
        }
    }

    #[test]
    fn a_missing_file_in_an_open_folder_is_open_too() {
        // So that, with a key, it is a 404 rather than a 401.
        for path in ["/assets/missing.js", "/api/admin/other"] {
            assert!(is_open(path), "{path}");
        }
        for path in [
            "/api/nothing",
            "/healthz/x",
            "/api/openapi.json/x",
            "/metrics/x",
        ] {
            assert!(!is_open(path), "{path}");
        }
    }
}
