//! Concord's indexer and searcher: everything that touches tantivy.
//!
//! Layout, by folder (each folder's `mod.rs` says what it owns and what it may not touch):
//! - [`analyzer`]: text analysis per language (stemmers, lindera for CJK, bigram fallback)
//!   and the frequent words whose pairs are indexed for phrases; every process that opens an
//!   index registers them.
//! - [`write`](mod@write): the write path: the store of generations, metadata and manifest, building and
//!   updating a generation, checksum verification, fault hooks.
//! - [`read`]: the read path: an opened index, requests and limits, query compilation,
//!   collectors and their segment arrays, the search, snippets, response shapes.
//! - [`services`]: built on the read path: documents and health, export, similar, suggest,
//!   stats, the tantivy-only baseline.
//!
//! And three files every folder may use:
//! - [`schema`]: the one place that names index fields, and the schema version.
//! - [`error`]: [`IndexError`] (opening, building) and [`SearchError`] (a request).
//! - [`labels`]: display labels for language codes and document types.
//!
//! Architecture invariants: this crate is synchronous and knows nothing of HTTP; callers on
//! an async runtime run it on a blocking thread. Its parts use one another in one order only:
//! `services` -> `read` -> `write` -> `schema` -> `analyzer` (`error` and `labels` use
//! nothing of the crate); `tests/integration/architecture.rs` fails on an import against it.

pub mod analyzer;
pub mod error;
pub mod labels;
pub mod read;
pub mod schema;
pub mod services;
pub mod write;

pub use analyzer::{CjkAnalysis, Dictionaries};
pub use error::{IndexError, SearchError};
pub use read::open::SearchIndex;
pub use read::request::limits::Limits;
pub use read::request::{Bm25, HistogramInterval, Match, SearchParams, SearchRequest, Sort};
pub use read::response::{
    DidYouMean, DocumentMeta, DocumentView, Entity, FacetCounts, FacetValue, Health, Hit, Labeled,
    Notice, SearchResponse,
};
pub use services::export::Export;
pub use services::stats::{IndexStats, StatsError};
pub use services::suggest::{FacetSuggestion, Suggestions, TitleSuggestion};
pub use write::build::{BuildReport, build_index};
pub use write::manifest::Manifest;
pub use write::meta::IndexMeta;
pub use write::store::IndexStore;
pub use write::update::{NoProgress, Progress, UpdateOptions, UpdateReport, update_index};
