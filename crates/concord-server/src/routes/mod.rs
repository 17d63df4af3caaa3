//! One module per endpoint.

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

use crate::error::ApiError;

/// Any path the API does not know.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no route for {}", uri.path()))
}
