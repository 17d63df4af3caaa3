//! Errors of building, opening and searching an index.

use std::path::PathBuf;

/// Failures to build or open an index: the index or the disk is at fault, not the user's query.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index at {0} (build one with `concord index`)")]
    Missing(PathBuf),
    #[error(
        "the index at {path} has schema version {found}, this concord needs {expected}: rebuild it with `concord index --full`"
    )]
    SchemaVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error(
        "another indexer is working on {path} ({holder}); wait for it to finish, then run again"
    )]
    Busy { path: PathBuf, holder: String },
    #[error(
        "no valid documents in the corpus ({} skipped); the index was left as it was",
        skipped.len()
    )]
    NothingToIndex {
        skipped: Vec<concord_corpus::Skipped>,
    },
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid index metadata {path}: {reason}")]
    Meta { path: PathBuf, reason: String },
    #[error(
        "the index generation {} is damaged: {} fail their checksum ({}); rebuild it with `concord index --full`",
        generation.display(),
        if files.len() == 1 { "1 file".to_string() } else { format!("{} files", files.len()) },
        files.join(", ")
    )]
    Damaged {
        generation: PathBuf,
        files: Vec<String>,
    },
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Why a search was refused (the caller's fault: 4xx) or failed (the index's fault: 5xx).
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    #[error("{0}")]
    InvalidDate(String),
    #[error("{0}")]
    QueryTooLarge(String),
    #[error("{0}")]
    InvalidLimit(String),
    #[error("{0}")]
    InvalidOffset(String),
    #[error("{0}")]
    InvalidSort(String),
    #[error("{0}")]
    InvalidHistogram(String),
    #[error("{0}")]
    InvalidParameter(String),
    #[error("search failed: {0}")]
    Internal(#[from] tantivy::TantivyError),
}

impl SearchError {
    /// The machine-readable code of the error, as the API reports it.
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::InvalidQuery(_) => "invalid_query",
            SearchError::InvalidDate(_) => "invalid_date",
            SearchError::QueryTooLarge(_) => "query_too_large",
            SearchError::InvalidLimit(_) => "invalid_limit",
            SearchError::InvalidOffset(_) => "invalid_offset",
            SearchError::InvalidSort(_) => "invalid_sort",
            SearchError::InvalidHistogram(_) => "invalid_histogram",
            SearchError::InvalidParameter(_) => "invalid_parameter",
            SearchError::Internal(_) => "internal",
        }
    }

    /// True when the request was at fault (a 4xx), false for a server fault.
    pub fn is_client_error(&self) -> bool {
        !matches!(self, SearchError::Internal(_))
    }
}
