//! Errors of setting up and loading dictionaries.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{tool} failed: {reason}")]
    Fetch { tool: String, reason: String },
    #[error("cannot convert the dictionary source: {0}")]
    Convert(String),
    #[error("lindera cannot build the {name} dictionary: {reason}")]
    Build { name: String, reason: String },
    #[error("no {name} dictionary in {path} (run `concord setup-dicts`)")]
    Missing { name: String, path: PathBuf },
    #[error("lindera cannot load the {name} dictionary from {path}: {reason}")]
    Load {
        name: String,
        path: PathBuf,
        reason: String,
    },
}

impl DictError {
    pub(crate) fn io(path: impl AsRef<Path>, source: std::io::Error) -> DictError {
        DictError::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }
}
