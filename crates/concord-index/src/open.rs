//! An opened index: tantivy's index and reader plus Concord's metadata.

use std::path::{Path, PathBuf};

use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::analyzer::register_analyzers;
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
}

impl SearchIndex {
    /// Opens the index in `dir`, refusing one built with another schema version.
    pub fn open(dir: &Path) -> Result<SearchIndex, IndexError> {
        let meta = IndexMeta::read(dir)?;
        let index = Index::open_in_dir(dir)?;
        register_analyzers(&index);
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
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn meta(&self) -> &IndexMeta {
        &self.meta
    }

    /// Number of documents the reader sees.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }
}
