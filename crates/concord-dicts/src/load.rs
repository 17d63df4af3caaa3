//! Loading a compiled dictionary (memory-mapped; keep the files while the process runs).

use std::path::Path;

use lindera::dictionary::{Dictionary, load_dictionary};

use crate::error::DictError;
use crate::paths::{DictKind, is_ready, kind_dir};

pub fn load(dir: &Path, kind: DictKind) -> Result<Dictionary, DictError> {
    let path = kind_dir(dir, kind);
    if !is_ready(dir, kind) {
        return Err(DictError::Missing {
            name: kind.name().to_string(),
            path,
        });
    }
    load_dictionary(&path.to_string_lossy()).map_err(|error| DictError::Load {
        name: kind.name().to_string(),
        path,
        reason: error.to_string(),
    })
}
