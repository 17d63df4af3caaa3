//! Concord's own metadata, kept as `concord-meta.json` beside tantivy's files in the index folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use concord_corpus::slug::slugify;
use concord_corpus::{FacetGroup, Taxonomy};
use serde::{Deserialize, Serialize};

use crate::analyzer::CjkAnalysis;
use crate::analyzer::pair_words::PairWords;
use crate::error::IndexError;
use crate::labels::{doc_type_label, language_label};
use crate::schema::SCHEMA_VERSION;

/// File name of the metadata inside an index folder.
pub const META_FILE: &str = "concord-meta.json";

/// What a search needs to know about an index besides its documents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexMeta {
    pub schema_version: u32,
    /// When the build finished, RFC 3339 UTC.
    pub built_at: String,
    pub documents: u64,
    /// Documents of the corpus that were skipped as invalid at build time.
    pub skipped: u64,
    /// Display labels of taxonomy values, by group then id.
    pub labels: BTreeMap<FacetGroup, BTreeMap<String, String>>,
    /// Every name of a taxonomy value (id, label, alias; slugged) with its id, by group, so
    /// that filters accept `Turkey` for `turkey` as front matter does.
    pub names: BTreeMap<FacetGroup, BTreeMap<String, String>>,
    /// Every name of a party's leaders (slugged) with the party's id: a query word that names
    /// a leader also finds the party's documents ([`crate::read::query::names`]).
    #[serde(default)]
    pub leaders: BTreeMap<String, String>,
    /// The years in office (first, last; none while in office) of each name in `leaders`, for
    /// that party: a query naming only a leader finds the party's documents dated within
    /// them, as extraction counts the name only then. Empty in indexes built before it was
    /// kept: the name then stands for the party at any date.
    #[serde(default)]
    pub leader_years: BTreeMap<String, Vec<(i32, Option<i32>)>>,
    /// Analysis languages that some document uses: queries are analysed for each of them.
    pub languages: BTreeSet<String>,
    /// How each CJK language was analysed (lindera or bigrams); readers must do the same.
    pub cjk: BTreeMap<String, CjkAnalysis>,
    /// The words whose adjacent pairs are indexed, by language ([`crate::analyzer::pair_words`]).
    #[serde(default)]
    pub pair_words: PairWords,
}

impl IndexMeta {
    /// Metadata of a build that just finished.
    pub fn new(taxonomy: &Taxonomy, documents: u64, skipped: u64) -> IndexMeta {
        let labels = FacetGroup::TAXONOMY
            .into_iter()
            .map(|group| {
                let labels = taxonomy
                    .entries(group)
                    .iter()
                    .map(|entry| (entry.id.clone(), entry.label.clone()))
                    .collect();
                (group, labels)
            })
            .collect();
        let names = FacetGroup::TAXONOMY
            .into_iter()
            .map(|group| {
                let names = taxonomy
                    .names(group)
                    .map(|(name, id)| (name.to_string(), id.to_string()))
                    .collect();
                (group, names)
            })
            .collect();
        let leaders: BTreeMap<String, String> = taxonomy
            .entries(FacetGroup::Party)
            .iter()
            .flat_map(|party| {
                party.leaders.iter().flat_map(move |leader| {
                    leader
                        .names
                        .iter()
                        .map(move |name| (slugify(name), party.id.clone()))
                })
            })
            .filter(|(slug, _)| !slug.is_empty())
            .collect();
        let mut leader_years: BTreeMap<String, Vec<(i32, Option<i32>)>> = BTreeMap::new();
        for party in taxonomy.entries(FacetGroup::Party) {
            for leader in &party.leaders {
                for name in &leader.names {
                    let slug = slugify(name);
                    if leaders.get(&slug) == Some(&party.id) {
                        let years = leader_years.entry(slug).or_default();
                        if !years.contains(&(leader.from, leader.to)) {
                            years.push((leader.from, leader.to));
                        }
                    }
                }
            }
        }
        let built_at = now_rfc3339();
        IndexMeta {
            schema_version: SCHEMA_VERSION,
            built_at,
            documents,
            skipped,
            labels,
            names,
            leaders,
            leader_years,
            languages: BTreeSet::new(),
            cjk: BTreeMap::new(),
            pair_words: PairWords::new(),
        }
    }

    /// The id a slugged filter value stands for: itself unless the taxonomy knows it by
    /// another name.
    pub fn resolve<'a>(&'a self, group: FacetGroup, slug: &'a str) -> &'a str {
        self.names
            .get(&group)
            .and_then(|names| names.get(slug))
            .map_or(slug, String::as_str)
    }

    /// The display label of a facet value.
    pub fn label(&self, group: FacetGroup, value: &str) -> String {
        match group {
            FacetGroup::Lang => language_label(value),
            FacetGroup::DocType => doc_type_label(value),
            _ => self
                .labels
                .get(&group)
                .and_then(|labels| labels.get(value))
                .cloned()
                .unwrap_or_else(|| value.to_string()),
        }
    }

    pub fn write(&self, index_dir: &Path) -> Result<(), IndexError> {
        let path = index_dir.join(META_FILE);
        let json = serde_json::to_vec_pretty(self).map_err(|error| IndexError::Meta {
            path: path.clone(),
            reason: error.to_string(),
        })?;
        std::fs::write(&path, json).map_err(|source| IndexError::Io { path, source })
    }

    /// Reads the metadata of an index and checks that this build of Concord can read it.
    pub fn read(index_dir: &Path) -> Result<IndexMeta, IndexError> {
        let path = index_dir.join(META_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(IndexError::Missing(index_dir.to_path_buf()));
            }
            Err(source) => return Err(IndexError::Io { path, source }),
        };
        #[derive(Deserialize)]
        struct Version {
            schema_version: u32,
        }
        let version: Version =
            serde_json::from_slice(&bytes).map_err(|error| IndexError::Meta {
                path: path.clone(),
                reason: error.to_string(),
            })?;
        if version.schema_version != SCHEMA_VERSION {
            return Err(IndexError::SchemaVersion {
                path: index_dir.to_path_buf(),
                found: version.schema_version,
                expected: SCHEMA_VERSION,
            });
        }
        serde_json::from_slice(&bytes).map_err(|error| IndexError::Meta {
            path,
            reason: error.to_string(),
        })
    }
}

/// The current time, RFC 3339 UTC.
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
