//! The document model of Concord and the reader that turns a corpus folder into documents.
//!
//! Layout:
//! - [`document`]: the [`Document`] every other crate indexes and serves.
//! - [`date`]: [`PartialDate`], a date of year, month or day precision.
//! - [`calendar`]: the Gregorian calendar's arithmetic (month lengths, day numbers), once.
//! - [`facet`]: the facet groups (party, venue, topic, lang, doc_type) and their names.
//! - [`taxonomy`]: the controlled vocabulary (`taxonomy.yaml`) that maps values to ids and labels.
//! - [`config`]: a collection's own field names and defaults (`concord.yaml`).
//! - [`reader`]: walks a corpus folder and reads Markdown, plain text, HTML and JSON-lines files.
//! - [`extract`]: metadata extraction from raw pages (dates, names, salience), which the reader
//!   calls; it uses the model and never the reader.
//! - [`html`]: the title and visible text of an HTML page.
//! - [`raw`]: the loosely typed metadata found in front matter and JSON lines, before validation.
//! - [`detect`]: language detection for documents that do not declare one.
//! - [`slug`]: turns free text into the lowercase ids used in filters and URLs.
//! - [`generate`]: deterministic benchmark corpora drawn with a real corpus's frequencies.
//! - [`error`]: [`CorpusError`], what stops a corpus from being read at all.
//! - [`fold`]: character folding (case, accents, letter variants) that extraction and the
//!   index's analyzers share, with where they still disagree.
//!
//! Architecture invariant: this crate knows nothing of tantivy or HTTP.

pub mod calendar;
pub mod config;
pub mod date;
pub mod detect;
pub mod document;
pub mod error;
pub mod extract;
pub mod facet;
pub mod fold;
pub mod generate;
pub mod html;
pub mod raw;
pub mod reader;
pub mod slug;
pub mod taxonomy;

pub use date::{DateError, PartialDate};
pub use document::{Document, Provenance};
pub use error::CorpusError;
pub use facet::FacetGroup;
pub use reader::{
    CorpusFile, CorpusListing, CorpusLoad, Skipped, Warning, WarningKind, list_corpus, read_corpus,
};
pub use taxonomy::{Taxonomy, TaxonomyEntry};
