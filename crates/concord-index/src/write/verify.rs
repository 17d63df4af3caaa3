//! Checking a generation's segment files against the checksums tantivy wrote: the update
//! runs it before publishing, the reloader (through [`crate::SearchIndex::verify`]) before
//! serving.

use std::path::Path;

use tantivy::Index;

use crate::error::IndexError;

/// Checks every file of `index`'s segments against its checksum (see [`SearchIndex::verify`]);
/// `dir` names the generation in the error.
pub(crate) fn verify_index(index: &Index, dir: &Path) -> Result<(), IndexError> {
    let damaged = index
        .validate_checksum()
        .map_err(|error| IndexError::Damaged {
            generation: dir.to_path_buf(),
            files: vec![format!("({error})")],
        })?;
    if damaged.is_empty() {
        return Ok(());
    }
    let mut files: Vec<String> = damaged
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    files.sort();
    Err(IndexError::Damaged {
        generation: dir.to_path_buf(),
        files,
    })
}
