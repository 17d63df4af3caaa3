//! A collection's own field names: `concord.yaml` beside `taxonomy.yaml` maps the fields its
//! front matter and JSON lines use to Concord's, and gives defaults for the fields its
//! documents leave out.
//!
//! ```yaml
//! fields:            # the collection's name: Concord's
//!   doc_date: date
//!   place: venues
//!   actors: parties
//! defaults:          # for documents that give none
//!   lang: en
//!   doc_type: cable
//! ```
//!
//! A mapped field is read as the field it maps to (a document that gives both keeps Concord's
//! own) and is no longer reported as unknown. Defaults fill `lang` and `doc_type` before
//! extraction would, so they also win over language detection on raw pages. A config that
//! maps to a field Concord does not have, or has keys of its own it does not know, stops the
//! corpus with the file and every problem.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::CorpusError;

/// The config file's name, in the corpus folder.
pub const CONFIG_FILE: &str = "concord.yaml";

/// The fields of a document that a collection's field may map to.
pub const FIELDS: [&str; 10] = [
    "id",
    "title",
    "date",
    "parties",
    "venues",
    "topics",
    "processes",
    "lang",
    "doc_type",
    "source",
];

/// What `concord.yaml` says; empty when the corpus has none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusConfig {
    /// The collection's field name -> Concord's field name.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub defaults: Defaults,
}

/// Values for documents that give none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    pub lang: Option<String>,
    pub doc_type: Option<String>,
}

impl CorpusConfig {
    /// Reads `concord.yaml` of a corpus folder; no file is an empty config.
    pub fn load_from_corpus(corpus: &Path) -> Result<CorpusConfig, CorpusError> {
        let path = corpus.join(CONFIG_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => CorpusConfig::from_yaml(&text).map_err(|problems| CorpusError::Config {
                path: path.clone(),
                problems,
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Ok(CorpusConfig::default())
            }
            Err(source) => Err(CorpusError::Io { path, source }),
        }
    }

    /// Parses and checks a config; the error lists every problem.
    pub fn from_yaml(text: &str) -> Result<CorpusConfig, Vec<String>> {
        if text.trim().is_empty() {
            return Ok(CorpusConfig::default());
        }
        let config: CorpusConfig =
            serde_yaml::from_str(text).map_err(|error| vec![error.to_string()])?;
        let problems: Vec<String> = config
            .fields
            .iter()
            .filter(|(_, to)| !FIELDS.contains(&to.as_str()))
            .map(|(from, to)| {
                format!(
                    "fields: {from:?} maps to {to:?}, which is not a field (use one of {})",
                    FIELDS.join(", ")
                )
            })
            .chain(
                config
                    .fields
                    .keys()
                    .filter(|from| FIELDS.contains(&from.as_str()))
                    .map(|from| format!("fields: {from:?} is already one of Concord's fields")),
            )
            .collect();
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// Whether the config changes nothing.
    pub fn is_empty(&self) -> bool {
        self == &CorpusConfig::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_maps_fields_and_gives_defaults() {
        let config = CorpusConfig::from_yaml(
            "fields:\n  doc_date: date\n  place: venues\ndefaults:\n  lang: en\n  doc_type: cable\n",
        )
        .unwrap();
        assert_eq!(config.fields["doc_date"], "date");
        assert_eq!(config.defaults.lang.as_deref(), Some("en"));
        assert!(CorpusConfig::from_yaml("").unwrap().is_empty());
    }

    #[test]
    fn a_bad_config_lists_every_problem() {
        let problems = CorpusConfig::from_yaml("fields:\n  when: day\n  date: date\n").unwrap_err();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].contains("\"when\" maps to \"day\""),
            "{problems:?}"
        );
        assert!(
            problems[1].contains("already one of Concord's fields"),
            "{problems:?}"
        );
        let problems = CorpusConfig::from_yaml("feilds:\n  a: date\n").unwrap_err();
        assert!(
            problems[0].contains("unknown field `feilds`"),
            "{problems:?}"
        );
    }
}
