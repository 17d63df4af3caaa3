//! Concord's indexer and searcher: everything that touches tantivy.
//!
//! Layout:
//! - [`schema`]: the one place that names index fields, and the schema version.
//! - [`analyzer`]: text analysis per language (stemmers, lindera for CJK, bigram fallback);
//!   every process that opens an index registers them.
//! - [`store`]: the index folder as generations published by an atomic `CURRENT` swap, and
//!   the one-indexer lock.
//! - [`update`]: reindexing a corpus folder, incremental (by content hash) or full.
//! - [`manifest`]: what each corpus file contributed to a generation.
//! - [`build`]: turns [`concord_corpus::Document`]s into tantivy documents and a generation.
//! - [`faults`]: the pause hook that crash-safety tests kill the indexer at.
//! - [`meta`]: Concord's own metadata stored beside tantivy's files (labels, build time).
//! - [`open`]: [`SearchIndex`], an opened index with its reader, shared by server and CLI.
//! - [`read_only`]: generations opened from a read-only disk (no reader lock file).
//! - [`request`]: [`SearchRequest`], validated from loose [`SearchParams`].
//! - [`limits`]: [`Limits`], the bounds a request is validated within.
//! - [`query`]: turns a request into tantivy queries (text, facet filters, date range).
//! - [`bm25`]: BM25 at chosen k1 and b (tantivy fixes 1.2 and 0.75), for `concord eval`.
//! - [`exclusion`]: excluded phrases moved only forward (a tantivy 0.27 seek contract bug).
//! - [`search`]: runs a request: top hits, disjunctive facet counts, histogram.
//! - [`export`]: every hit of a search, in order, for `GET /api/export`.
//! - [`baseline`]: the same request through tantivy alone, for benchmarks.
//! - [`browse`]: the cached counts and first hits of browsing everything.
//! - [`histogram`]: the collector that buckets hits by year or month.
//! - [`dated`]: the collector that checks a search's date bounds on the segment arrays.
//! - [`drill_sideways`]: disjunctive facet counts in the same pass as the hits.
//! - [`facet_count`]: the collector that counts facet values by ordinal.
//! - [`segment_cache`]: each segment's facet ordinals and dates as plain arrays.
//! - [`snippet`]: highlighted passages.
//! - [`similar`]: "more like this" for one document.
//! - [`suggest`]: facet values and titles for what a user has typed so far.
//! - [`response`]: the serializable shapes of answers.
//! - [`stats`]: counts, sizes and facet values for `concord stats`.
//! - [`labels`]: display labels for language codes and document types.
//!
//! Architecture invariant: this crate is synchronous and knows nothing of HTTP; callers on an
//! async runtime run it on a blocking thread.

pub mod analyzer;
pub mod baseline;
pub mod bm25;
pub mod browse;
pub mod build;
pub mod date_blocks;
pub mod date_sort;
pub mod dated;
pub mod document;
pub mod drill_sideways;
pub mod error;
pub mod exclusion;
pub mod export;
pub mod facet_count;
pub mod faults;
pub mod histogram;
pub mod labels;
pub mod limits;
pub mod manifest;
pub mod meta;
pub mod open;
pub mod pair_words;
pub mod phrase_pairs;
pub mod query;
pub mod read_only;
pub mod request;
pub mod response;
pub mod schema;
pub mod search;
pub mod segment_cache;
pub mod similar;
pub mod snippet;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod update;

pub use analyzer::{CjkAnalysis, Dictionaries};
pub use bm25::Bm25;
pub use build::{BuildReport, build_index};
pub use error::{IndexError, SearchError};
pub use export::Export;
pub use limits::Limits;
pub use manifest::Manifest;
pub use meta::IndexMeta;
pub use open::SearchIndex;
pub use request::{HistogramInterval, Match, SearchParams, SearchRequest, Sort};
pub use response::{
    DocumentMeta, DocumentView, FacetCounts, FacetValue, Health, Hit, Labeled, SearchResponse,
};
pub use stats::{IndexStats, StatsError};
pub use store::IndexStore;
pub use suggest::{FacetSuggestion, Suggestions, TitleSuggestion};
pub use update::{NoProgress, Progress, UpdateOptions, UpdateReport, update_index};
