//! Errors that stop a corpus from being read at all (a single bad document is a [`crate::Skipped`]).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("corpus folder {0} does not exist or is not a folder")]
    NotAFolder(PathBuf),
    #[error("invalid taxonomy {path}: {}", problems.join("; "))]
    Taxonomy {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("invalid corpus config {path}: {}", problems.join("; "))]
    Config {
        path: PathBuf,
        problems: Vec<String>,
    },
}
