//! `concord-files.json`: what each corpus file contributed to a generation, so that the next
//! run applies only what changed.
//!
//! A file is unchanged when its size and modification time are those recorded, or, failing
//! that, when its content hash is (a `touch` or a checkout does not reindex anything).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::error::IndexError;

/// File name of the manifest inside a generation folder.
pub const MANIFEST_FILE: &str = "concord-files.json";

/// Every corpus file of a generation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Content hash of the corpus's `taxonomy.yaml` ("" when it has none): a new taxonomy
    /// changes how every document resolves, so it forces a full rebuild.
    pub taxonomy_hash: String,
    /// By path relative to the corpus root.
    pub files: BTreeMap<String, FileRecord>,
}

/// One corpus file as indexed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileRecord {
    pub size: u64,
    pub modified_ns: u64,
    /// xxh3-64 of the content, hex.
    pub hash: String,
    /// Ids of the documents it gave.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// Documents of it that were skipped (location, reason).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<(String, String)>,
}

impl Manifest {
    /// The manifest of a generation; `None` for one built from documents in memory.
    pub fn read(generation: &Path) -> Result<Option<Manifest>, IndexError> {
        let path = generation.join(MANIFEST_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes)
                    .map(Some)
                    .map_err(|error| IndexError::Meta {
                        path,
                        reason: error.to_string(),
                    })
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(IndexError::Io { path, source }),
        }
    }

    pub fn write(&self, generation: &Path) -> Result<(), IndexError> {
        let path = generation.join(MANIFEST_FILE);
        let json = serde_json::to_vec(self).map_err(|error| IndexError::Meta {
            path: path.clone(),
            reason: error.to_string(),
        })?;
        std::fs::write(&path, json).map_err(|source| IndexError::Io { path, source })
    }

    /// One hash of the whole corpus as indexed: taxonomy and every file's path and content.
    pub fn corpus_hash(&self) -> String {
        let mut hasher = Xxh3::new();
        hasher.update(self.taxonomy_hash.as_bytes());
        for (path, record) in &self.files {
            hasher.update(path.as_bytes());
            hasher.update(&[0]);
            hasher.update(record.hash.as_bytes());
        }
        format!("{:016x}", hasher.digest())
    }

    /// Every skipped document, with its reason.
    pub fn skipped(&self) -> impl Iterator<Item = &(String, String)> {
        self.files.values().flat_map(|record| record.skipped.iter())
    }
}

/// The content hash Concord records for a file.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxh3_64(bytes))
}

/// The content hash of a file, or "" when it does not exist.
pub fn file_hash(path: &Path) -> Result<String, IndexError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(content_hash(&bytes)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(IndexError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}
