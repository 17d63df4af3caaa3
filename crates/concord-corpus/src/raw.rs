//! Metadata as written in front matter or a JSON line, before it is validated.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// Every field is optional and loosely typed; [`crate::reader`] validates it into a
/// [`crate::Document`]. Fields that Concord does not know are collected in `extra` so that
/// validation can report a likely typo (`party:` for `parties:`).
#[derive(Debug, Default, Deserialize)]
pub struct RawMeta {
    pub id: Option<Scalar>,
    pub title: Option<Scalar>,
    pub body: Option<String>,
    pub date: Option<Scalar>,
    #[serde(default)]
    pub parties: OneOrMany,
    #[serde(default)]
    pub venues: OneOrMany,
    #[serde(default)]
    pub topics: OneOrMany,
    #[serde(default, alias = "process")]
    pub processes: OneOrMany,
    pub lang: Option<Scalar>,
    pub doc_type: Option<Scalar>,
    pub source: Option<Scalar>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A string, or a number written without quotes (`date: 2022`, `id: 42`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    Text(String),
    Integer(i64),
    Float(f64),
}

impl Scalar {
    pub fn into_text(self) -> String {
        match self {
            Scalar::Text(text) => text,
            Scalar::Integer(number) => number.to_string(),
            Scalar::Float(number) => number.to_string(),
        }
    }
}

/// A list of values, or a single value written without brackets.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(value) => vec![value],
            OneOrMany::Many(values) => values,
        }
    }
}
