//! An opened index: tantivy's index and reader plus Concord's metadata.

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::analyzer::{Dictionaries, register_analyzers};
use crate::error::IndexError;
use crate::meta::IndexMeta;
use crate::schema::Fields;

/// One index, opened once for the life of a process; every search takes a fresh searcher.
pub struct SearchIndex {
    pub(crate) dir: PathBuf,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) meta: IndexMeta,
    /// Problems with the analyzers of this process (missing dictionaries), for `/healthz`.
    pub(crate) warnings: Vec<String>,
}

impl SearchIndex {
    /// Opens the index in `dir`, refusing one built with another schema version. CJK text is
    /// analysed as it was at build time when `dictionaries` allow it, else with bigrams (and a
    /// warning in the log and in [`SearchIndex::health`]).
    pub fn open(dir: &Path, dictionaries: &Dictionaries) -> Result<SearchIndex, IndexError> {
        let meta = IndexMeta::read(dir)?;
        let index = Index::open_in_dir(dir)?;
        let warnings = register_analyzers(&index, &meta.cjk, dictionaries, &meta.languages);
        for warning in &warnings {
            tracing::warn!("{warning}");
        }
        let fields = Fields::from_schema(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            meta,
            warnings,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// Number of documents the reader sees.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
