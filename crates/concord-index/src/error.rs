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
    /// One error of each kind the request is at fault for, in declaration order: what a
    /// search may refuse (the server's error table maps each kind to its code and status).
    pub fn client_kinds() -> [SearchError; 8] {
        let text = String::new;
        [
            SearchError::InvalidQuery(text()),
            SearchError::InvalidDate(text()),
            SearchError::QueryTooLarge(text()),
            SearchError::InvalidLimit(text()),
            SearchError::InvalidOffset(text()),
            SearchError::InvalidSort(text()),
            SearchError::InvalidHistogram(text()),
            SearchError::InvalidParameter(text()),
        ]
    }

    /// True when the request was at fault (a 4xx), false for a server fault.
    pub fn is_client_error(&self) -> bool {
        // Exhaustive: a new kind must be placed here and, if a client error, in
        // `client_kinds`.
        match self {
            SearchError::InvalidQuery(_)
            | SearchError::InvalidDate(_)
            | SearchError::QueryTooLarge(_)
            | SearchError::InvalidLimit(_)
            | SearchError::InvalidOffset(_)
            | SearchError::InvalidSort(_)
            | SearchError::InvalidHistogram(_)
            | SearchError::InvalidParameter(_) => true,
            SearchError::Internal(_) => false,
        }
    }
}
