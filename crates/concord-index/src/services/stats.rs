//! What an index holds, for `concord stats`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{IndexError, SearchError};
use crate::read::open::SearchIndex;
use crate::read::response::FacetCounts;
use crate::write::manifest::Manifest;

/// Statistics of the published generation of an index.
#[derive(Clone, Debug, Serialize)]
pub struct IndexStats {
    pub index: String,
    pub generation: String,
    pub schema_version: u32,
    pub documents: u64,
    pub segments: usize,
    /// Bytes of the generation's files on disk.
    pub size_bytes: u64,
    /// When the generation was built, RFC 3339 UTC.
    pub built_at: String,
    /// Corpus files the generation was built from (none when built from memory).
    pub files: usize,
    /// Hash of the taxonomy and every file's content as indexed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corpus_hash: Option<String>,
    /// Documents skipped as invalid, with the reason.
    pub skipped: Vec<(String, String)>,
    pub languages: Vec<String>,
    /// Frequent words whose adjacent pairs are indexed, by language: two-word phrases of
    /// these words are answered from the pairs ([`crate::analyzer::pair_words`]).
    pub pair_words: BTreeMap<String, usize>,
    pub facets: FacetCounts,
}

#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

impl SearchIndex {
    /// Counts, sizes and facet values of this generation.
    pub fn stats(&self) -> Result<IndexStats, StatsError> {
        let searcher = self.reader.searcher();
        let manifest = Manifest::read(&self.dir)?;
        Ok(IndexStats {
            index: self.root.display().to_string(),
            generation: self.generation(),
            schema_version: self.meta.schema_version,
            documents: searcher.num_docs(),
            segments: searcher.segment_readers().len(),
            size_bytes: folder_size(&self.dir)?,
            built_at: self.meta.built_at.clone(),
            files: manifest.as_ref().map_or(0, |manifest| manifest.files.len()),
            corpus_hash: manifest.as_ref().map(Manifest::corpus_hash),
            skipped: manifest
                .as_ref()
                .map(|manifest| manifest.skipped().cloned().collect())
                .unwrap_or_default(),
            languages: self.meta.languages.iter().cloned().collect(),
            pair_words: self
                .meta
                .pair_words
                .iter()
                .map(|(lang, words)| (lang.clone(), words.len()))
                .collect(),
            facets: self.all_facets()?,
        })
    }
}

fn folder_size(dir: &Path) -> Result<u64, IndexError> {
    let io = |source| IndexError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut size = 0;
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let metadata = entry.map_err(io)?.metadata().map_err(io)?;
        if metadata.is_file() {
            size += metadata.len();
        }
    }
    Ok(size)
}
