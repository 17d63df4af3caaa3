//! The API's errors: [`ErrorCode`], the one table of error codes (each with its HTTP status,
//! message and OpenAPI response), and [`ApiError`], which answers one in the one error shape
//! `{"error": {"code": "...", "message": "..."}}`.

use std::borrow::Cow;

use axum::Json;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use concord_index::SearchError;
use serde::{Serialize, Serializer};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::{PartialSchema, ToSchema};

/// Why a request was refused or failed, as clients see it: the `code` of the error shape.
/// Every code has one HTTP status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    InvalidQuery,
    InvalidDate,
    QueryTooLarge,
    InvalidLimit,
    InvalidOffset,
    InvalidSort,
    InvalidHistogram,
    InvalidParameter,
    Unauthorized,
    Forbidden,
    NotFound,
    Timeout,
    BodyTooLarge,
    Internal,
    Overloaded,
}

/// What the OpenAPI document says of a 400: one description for every bad-parameter code.
const BAD_PARAMETER: &str = "A bad parameter, with its code";

/// One row of the table.
struct Spec {
    /// The machine code, as clients match on it.
    code: &'static str,
    status: StatusCode,
    /// The message every error of this code carries; `None`: it says what was wrong.
    message: Option<&'static str>,
    /// What an OpenAPI response with this code says.
    response: &'static str,
}

impl ErrorCode {
    /// Every code, in the table's order.
    pub const ALL: [ErrorCode; 15] = [
        ErrorCode::InvalidQuery,
        ErrorCode::InvalidDate,
        ErrorCode::QueryTooLarge,
        ErrorCode::InvalidLimit,
        ErrorCode::InvalidOffset,
        ErrorCode::InvalidSort,
        ErrorCode::InvalidHistogram,
        ErrorCode::InvalidParameter,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Timeout,
        ErrorCode::BodyTooLarge,
        ErrorCode::Internal,
        ErrorCode::Overloaded,
    ];

    /// The table: each code's wire name, status, message and OpenAPI response.
    const fn spec(self) -> Spec {
        const fn row(
            code: &'static str,
            status: StatusCode,
            message: Option<&'static str>,
            response: &'static str,
        ) -> Spec {
            Spec {
                code,
                status,
                message,
                response,
            }
        }
        use StatusCode as S;
        match self {
            ErrorCode::InvalidQuery => row("invalid_query", S::BAD_REQUEST, None, BAD_PARAMETER),
            ErrorCode::InvalidDate => row("invalid_date", S::BAD_REQUEST, None, BAD_PARAMETER),
            ErrorCode::QueryTooLarge => row("query_too_large", S::BAD_REQUEST, None, BAD_PARAMETER),
            ErrorCode::InvalidLimit => row("invalid_limit", S::BAD_REQUEST, None, BAD_PARAMETER),
            ErrorCode::InvalidOffset => row("invalid_offset", S::BAD_REQUEST, None, BAD_PARAMETER),
            ErrorCode::InvalidSort => row("invalid_sort", S::BAD_REQUEST, None, BAD_PARAMETER),
            ErrorCode::InvalidHistogram => {
                row("invalid_histogram", S::BAD_REQUEST, None, BAD_PARAMETER)
            }
            ErrorCode::InvalidParameter => {
                row("invalid_parameter", S::BAD_REQUEST, None, BAD_PARAMETER)
            }
            ErrorCode::Unauthorized => row(
                "unauthorized",
                S::UNAUTHORIZED,
                None,
                "The request does not bear the key it needs (`Authorization: Bearer <key>`)",
            ),
            ErrorCode::Forbidden => row(
                "forbidden",
                S::FORBIDDEN,
                None,
                "The server has no admin token or does not reload",
            ),
            ErrorCode::NotFound => row("not_found", S::NOT_FOUND, None, "No such document"),
            ErrorCode::Timeout => row(
                "timeout",
                S::REQUEST_TIMEOUT,
                Some("the request took too long and was stopped"),
                "The request took longer than the server allows (--request-timeout)",
            ),
            ErrorCode::BodyTooLarge => row(
                "body_too_large",
                S::PAYLOAD_TOO_LARGE,
                Some("the request body is larger than this server accepts (--max-body-bytes)"),
                "The body is larger than the server accepts",
            ),
            ErrorCode::Internal => row(
                "internal",
                S::INTERNAL_SERVER_ERROR,
                Some("internal server error"),
                "A server fault; the log has the details",
            ),
            ErrorCode::Overloaded => row(
                "overloaded",
                S::SERVICE_UNAVAILABLE,
                None,
                "Too many searches waiting; retry after Retry-After seconds",
            ),
        }
    }

    /// The code as the error shape spells it (`invalid_query`).
    pub const fn as_str(self) -> &'static str {
        self.spec().code
    }

    pub const fn status(self) -> StatusCode {
        self.spec().status
    }

    /// The message every error of this code carries, if it does not say what was wrong.
    pub const fn fixed_message(self) -> Option<&'static str> {
        self.spec().message
    }

    /// What an OpenAPI response with this code says.
    pub const fn response(self) -> &'static str {
        self.spec().response
    }

    /// The code of a search's error.
    pub(crate) fn of(error: &SearchError) -> ErrorCode {
        match error {
            SearchError::InvalidQuery(_) => ErrorCode::InvalidQuery,
            SearchError::InvalidDate(_) => ErrorCode::InvalidDate,
            SearchError::QueryTooLarge(_) => ErrorCode::QueryTooLarge,
            SearchError::InvalidLimit(_) => ErrorCode::InvalidLimit,
            SearchError::InvalidOffset(_) => ErrorCode::InvalidOffset,
            SearchError::InvalidSort(_) => ErrorCode::InvalidSort,
            SearchError::InvalidHistogram(_) => ErrorCode::InvalidHistogram,
            SearchError::InvalidParameter(_) => ErrorCode::InvalidParameter,
            SearchError::Internal(_) => ErrorCode::Internal,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The codes as a string enum, each listed with its status.
impl PartialSchema for ErrorCode {
    fn schema() -> RefOr<Schema> {
        let listed: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|code| format!("`{code}` ({})", code.status().as_u16()))
            .collect();
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(format!(
                "What kind of error, with the HTTP status it comes with: {}.",
                listed.join(", ")
            )))
            .enum_values(Some(ErrorCode::ALL.iter().map(|code| code.as_str())))
            .into()
    }
}

impl ToSchema for ErrorCode {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ErrorCode")
    }
}

/// An error answer: its code (which gives the status) and what was wrong.
#[derive(Debug, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

/// The API's one error shape (see `error.rs`).
#[derive(Serialize, ToSchema)]
pub struct Error {
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    /// What was wrong, in words.
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError {
            code,
            message: message.into(),
        }
    }

    /// An error of a code whose message is always the same (`timeout`, `body_too_large`).
    pub fn fixed(code: ErrorCode) -> ApiError {
        ApiError::new(code, code.fixed_message().unwrap_or(code.as_str()))
    }

    /// A server fault; the details go to the log, the client gets a generic message.
    pub fn internal(detail: impl Into<String>) -> ApiError {
        let detail = detail.into();
        tracing::error!(%detail, "internal error");
        ApiError::fixed(ErrorCode::Internal)
    }

    pub fn status(&self) -> StatusCode {
        self.code.status()
    }
}

impl From<SearchError> for ApiError {
    fn from(error: SearchError) -> ApiError {
        match ErrorCode::of(&error) {
            ErrorCode::Internal => ApiError::internal(error.to_string()),
            code => ApiError::new(code, error.to_string()),
        }
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> ApiError {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::fixed(ErrorCode::BodyTooLarge)
        } else {
            ApiError::new(
                ErrorCode::InvalidParameter,
                format!(
                    "cannot read the request body: {}",
                    lowercase(&rejection.body_text())
                ),
            )
        }
    }
}

fn lowercase(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.code;
        let body = Error {
            error: ErrorDetail {
                code,
                message: self.message,
            },
        };
        let mut response = (code.status(), Json(body)).into_response();
        if code == ErrorCode::Overloaded {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(crate::admission::RETRY_AFTER_SECONDS),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn codes_are_distinct_snake_case_and_errors_are_4xx_or_5xx() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert!(
                code.as_str()
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code}"
            );
            assert!(
                code.status().is_client_error() || code.status().is_server_error(),
                "{code}"
            );
            if let Some(message) = code.fixed_message() {
                assert!(!message.starts_with(char::is_uppercase), "{code}");
            }
        }
    }

    #[test]
    fn search_errors_the_request_is_at_fault_for_are_4xx() {
        for error in concord_index::SearchError::client_kinds() {
            assert!(error.is_client_error(), "{error:?}");
            assert!(
                ErrorCode::of(&error).status().is_client_error(),
                "{error:?}"
            );
        }
    }
}
