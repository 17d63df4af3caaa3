//! The document every other crate indexes and serves.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::extract::clean::Footnote;
use crate::extract::links::Link;

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
    /// Links, footnotes and references the document cites.
    #[serde(default, skip_serializing_if = "Provenance::is_empty")]
    pub provenance: Provenance,
    /// The metadata fields that were filled by extraction rather than given
    /// (`date`, `parties`, `venues`, `topics`, `processes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extracted: Vec<String>,
}

/// Where a document's statements come from, as the document itself cites it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
}

impl Provenance {
    pub fn is_empty(&self) -> bool {
        self.links.is_empty() && self.footnotes.is_empty() && self.references.is_empty()
    }
}
