//! The shapes of search answers, as the API serializes them.

use std::collections::BTreeMap;

use concord_corpus::{FacetGroup, Provenance};

use crate::analyzer::CjkAnalysis;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A facet value with its display label.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Labeled {
    pub value: String,
    pub label: String,
}

/// What hits and whole documents both show: the metadata of a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DocumentMeta {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub parties: Vec<Labeled>,
    pub venues: Vec<Labeled>,
    pub topics: Vec<Labeled>,
    pub processes: Vec<Labeled>,
    pub lang: Option<String>,
    pub doc_type: Option<String>,
    pub source: Option<String>,
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Hit {
    #[serde(flatten)]
    pub meta: DocumentMeta,
    /// The best passage of the body, HTML-escaped, with matched terms in `<mark>…</mark>`;
    /// absent when the request asked for `highlight=false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// BM25 score; `null` when results are sorted by date.
    pub score: Option<f32>,
}

/// How many documents carry a facet value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
}

/// Counts of every facet group, each sorted by decreasing count then value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FacetCounts {
    pub party: Vec<FacetValue>,
    pub venue: Vec<FacetValue>,
    pub topic: Vec<FacetValue>,
    pub process: Vec<FacetValue>,
    pub lang: Vec<FacetValue>,
    pub doc_type: Vec<FacetValue>,
}

impl FacetCounts {
    pub fn group(&self, group: FacetGroup) -> &[FacetValue] {
        match group {
            FacetGroup::Party => &self.party,
            FacetGroup::Venue => &self.venue,
            FacetGroup::Topic => &self.topic,
            FacetGroup::Process => &self.process,
            FacetGroup::Lang => &self.lang,
            FacetGroup::DocType => &self.doc_type,
        }
    }

    pub fn group_mut(&mut self, group: FacetGroup) -> &mut Vec<FacetValue> {
        match group {
            FacetGroup::Party => &mut self.party,
            FacetGroup::Venue => &mut self.venue,
            FacetGroup::Topic => &mut self.topic,
            FacetGroup::Process => &mut self.process,
            FacetGroup::Lang => &mut self.lang,
            FacetGroup::DocType => &mut self.doc_type,
        }
    }

    /// The count of one value, 0 when absent.
    pub fn count(&self, group: FacetGroup, value: &str) -> u64 {
        self.group(group)
            .iter()
            .find(|facet| facet.value == value)
            .map_or(0, |facet| facet.count)
    }
}

/// Hits in one year (`2022`) or month (`2022-03`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HistogramBucket {
    pub key: String,
    pub count: u64,
}

/// The answer to a search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SearchResponse {
    /// Documents matching the query and every filter.
    pub total: u64,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
    /// Disjunctive counts: a group's counts apply every filter but the group's own. Groups the
    /// request did not ask for (`facets=`) are empty.
    pub facets: FacetCounts,
    /// Hits per year or month; empty with `histogram=none`.
    pub histogram: Vec<HistogramBucket>,
    /// What the search read differently from what was typed (a quote with no partner read as
    /// a word, `AND` with nothing after it dropped, ...), for the person to see; absent when
    /// the query was read as typed. Syntax never makes a search fail.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
    /// Names of taxonomy values the query's words spelled (`Minsk`, `Минск`, `Türkiye`): the
    /// search also found the documents indexed under each value, ranked below those that
    /// contain the words; absent when the query named none or asked `entities=false`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    /// Other spellings the query's words also matched (an edit or two away, ranked below the
    /// words as typed); absent when none was taken or with `typos=false`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typos: Vec<Typo>,
    /// When nothing was found: the nearest query that finds something (misspelt words
    /// replaced by the index's nearest words, else one word left out), with its count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did_you_mean: Option<DidYouMean>,
}

/// A query to try instead of one that found nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DidYouMean {
    /// The query text to search instead.
    pub q: String,
    /// Documents it finds, with the same filters.
    pub total: u64,
}

/// The spellings one query word also took, for the answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Typo {
    /// The word as typed (`Zelenskyy`).
    pub word: String,
    /// The index's words it also matched, lowercase as the index keeps them (`zelensky`,
    /// `zelenskiy`); a word whose analysed form is a stem shows the stem with the typed
    /// word's ending.
    pub also: Vec<String>,
}

/// A run of query words that names a taxonomy value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Entity {
    /// The words as typed (`Minsk`).
    pub text: String,
    /// The facet group of the value: `party`, `venue` or `process`.
    pub group: String,
    /// The value's id, as the filter parameters take it (`minsk`).
    pub value: String,
    /// The value's display label.
    pub label: String,
    /// The taxonomy name (slugged) the words were found by: the words themselves, or the
    /// name nearest a misspelt word. Not part of the answer.
    #[serde(skip)]
    pub name: String,
}

/// Something the search read differently from what was typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Notice {
    /// `syntax_ignored` (some syntax was read as words or dropped) or `nothing_to_search`
    /// (nothing searchable was left, so every document matches).
    pub code: String,
    /// What was read differently, for a person.
    pub message: String,
}

/// A whole document with its metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct DocumentView {
    #[serde(flatten)]
    pub meta: DocumentMeta,
    pub body: String,
    pub path: String,
    /// Links (`url`, `text`), footnotes (`marker`, `text`) and references the document cites.
    #[schema(value_type = Object)]
    pub provenance: Provenance,
    /// Metadata fields filled by extraction rather than given by the document.
    pub extracted: Vec<String>,
}

/// What `/healthz` reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// `ok`, or `degraded` when some language is analysed worse than it could be.
    pub status: String,
    pub documents: u64,
    /// The generation being served (`gen-000007`); it changes when a reindex is published.
    pub generation: String,
    pub built_at: String,
    pub schema_version: u32,
    /// Analysis languages of the indexed documents.
    pub languages: Vec<String>,
    /// How Japanese, Korean and Chinese were analysed (`lindera` or `bigram`).
    pub cjk: BTreeMap<String, CjkAnalysis>,
    /// Problems worth a look, such as missing dictionaries.
    pub warnings: Vec<String>,
}
