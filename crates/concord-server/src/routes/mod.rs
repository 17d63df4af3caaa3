//! One module per endpoint: [`search`], [`facets`], [`documents`], [`similar`], [`suggest`],
//! [`export`], [`health`], [`admin`] (the reload) and [`web`] (the search page and its files);
//! and the two readers of parameters every handler shares.

pub mod admin;
pub mod documents;
pub mod export;
pub mod facets;
pub mod health;
pub mod search;
pub mod similar;
pub mod suggest;
pub mod web;

use axum::http::Uri;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, ErrorCode};

/// A query string as `T`; an unknown or malformed parameter is `invalid_parameter`.
pub(crate) fn query_params<T: DeserializeOwned>(query: Option<&str>) -> Result<T, ApiError> {
    serde_html_form::from_str(query.unwrap_or(""))
        .map_err(|error| ApiError::new(ErrorCode::InvalidParameter, error.to_string()))
}

/// A `limit` parameter: `default` when absent, else a whole number up to `max`
/// (`invalid_limit` otherwise).
pub(crate) fn limit(text: Option<&str>, default: usize, max: usize) -> Result<usize, ApiError> {
    let Some(text) = text else {
        return Ok(default);
    };
    text.parse::<usize>()
        .ok()
        .filter(|limit| *limit <= max)
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidLimit,
                format!("limit must be a whole number from 0 to {max}, not {text:?}"),
            )
        })
}

/// Any path the API does not know.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("no route for {}", uri.path()))
}
