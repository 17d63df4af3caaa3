//! An opened index: tantivy's index and reader plus Concord's metadata.

use std::path::{Path, PathBuf};

use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, IndexReader, ReloadPolicy};

use crate::analyzer::{Dictionaries, register_analyzers};
use crate::error::IndexError;
use crate::read::browse::BrowseCache;
use crate::read::collect::segment_cache::SegmentCache;
use crate::read::query::names::NameSet;
use crate::read::query::typos::TypoCache;
use crate::schema::Fields;
use crate::write::meta::IndexMeta;
use crate::write::store::IndexStore;

/// One generation of an index, opened once and searched until a newer generation replaces it;
/// every search takes a fresh searcher.
pub struct SearchIndex {
    /// The index folder (the store of generations).
    pub(crate) root: PathBuf,
    /// The generation folder this opened.
    pub(crate) dir: PathBuf,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) meta: IndexMeta,
    /// The analyzers query text is cut with ([`crate::analyzer::query_tokenizers`]), built
    /// once per generation so that their stem caches last.
    pub(crate) query_tokenizers: TokenizerManager,
    /// Problems with the analyzers of this process (missing dictionaries), for `/healthz`.
    pub(crate) warnings: Vec<String>,
    /// Facet ordinals and dates of this generation's segments as plain arrays, built on first
    /// use.
    pub(crate) segments: SegmentCache,
    /// Facet counts and histograms of the match-all browse, computed on first use.
    pub(crate) browse: BrowseCache,
    /// The other spellings of query words looked up so far.
    pub(crate) typos: TypoCache,
    /// Every taxonomy name of the metadata, for misspelt names.
    pub(crate) names: NameSet,
}

impl SearchIndex {
    /// Opens the published generation of the index folder `root`, refusing one built with
    /// another schema version. CJK text is analysed as it was at build time when
    /// `dictionaries` allow it, else with bigrams (and a warning in the log and in
    /// [`SearchIndex::health`]).
    pub fn open(root: &Path, dictionaries: &Dictionaries) -> Result<SearchIndex, IndexError> {
        let dir = IndexStore::new(root).current()?;
        let dir = dir.as_path();
        let meta = IndexMeta::read(dir)?;
        let index = Index::open(crate::read::read_only::ReadOnlyTolerant::open(dir)?)?;
        let warnings = register_analyzers(&index, &meta.cjk, dictionaries, &meta.languages);
        crate::analyzer::pair_words::register_pairs(&index, &meta.pair_words);
        let query_tokenizers = crate::analyzer::query_tokenizers(&index);
        let names = NameSet::new(&meta);
        for warning in &warnings {
            tracing::warn!("{warning}");
        }
        let fields = Fields::from_schema(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            root: root.to_path_buf(),
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            meta,
            query_tokenizers,
            warnings,
            segments: SegmentCache::default(),
            browse: BrowseCache::default(),
            typos: TypoCache::default(),
            names,
        })
    }

    /// The index folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The generation folder being searched.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The generation's name (`gen-000007`).
    pub fn generation(&self) -> String {
        self.dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
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

    /// Forgets the other spellings and the misspelt names looked up so far, so that the next
    /// search looks its words up afresh (for benchmarks of the first lookup).
    pub fn forget_typo_lookups(&self) {
        self.typos.clear();
        self.names.clear();
    }

    /// Reads every file of the generation's segments and checks it against the checksum
    /// tantivy wrote in its footer: a damaged (bit-flipped, truncated, overwritten) segment
    /// file is an [`IndexError::Damaged`] naming it. Reads the whole index (about 1 s a GB
    /// from the page cache): the reloader runs it before serving a new generation.
    pub fn verify(&self) -> Result<(), IndexError> {
        crate::write::verify::verify_index(&self.index, &self.dir)
    }
}
