//! The document every other crate indexes and serves.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

/// A conflict document with its metadata, validated and resolved against the taxonomy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: given in the metadata, or the path relative to the corpus root without its
    /// extension (`world/1995-11-21-dayton`), plus `/N` for line N of a JSON-lines file.
    pub id: String,
    pub title: String,
    pub body: String,
    /// The primary event date the document is about.
    pub date: Option<PartialDate>,
    /// Canonical party ids.
    pub parties: Vec<String>,
    /// Canonical venue ids.
    pub venues: Vec<String>,
    /// Canonical topic ids.
    pub topics: Vec<String>,
    /// Canonical ids of the peace processes the document belongs to.
    pub processes: Vec<String>,
    /// Language code (`en`, `ru`, `ja`, ...).
    pub lang: Option<String>,
    /// Kind of document (`agreement`, `communique`, `statement`, `analysis`, `news`, ...).
    pub doc_type: Option<String>,
    /// URL or citation of where the document comes from.
    pub source: Option<String>,
    /// Path of the file relative to the corpus root.
    pub path: String,
}
