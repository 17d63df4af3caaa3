//! The query mix (`benches/queries/*.yaml`) and what each entry asks for, read as Concord
//! reads `SearchParams`.

use std::path::Path;

use serde::Deserialize;

use crate::corpus::{GROUPS, day_range, normalise};

#[derive(Deserialize)]
pub struct QueryFile {
    pub version: u32,
    pub queries: Vec<QueryClass>,
}

#[derive(Deserialize)]
pub struct QueryClass {
    pub class: String,
    pub params: Params,
}

/// The fields of Concord's `GET /api/search`. Unknown fields are an error, so that a query
/// mix this peer does not understand fails loudly instead of being measured wrong.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Params {
    pub q: Option<String>,
    #[serde(default)]
    pub party: Vec<String>,
    #[serde(default)]
    pub venue: Vec<String>,
    #[serde(default)]
    pub topic: Vec<String>,
    #[serde(default)]
    pub process: Vec<String>,
    #[serde(default)]
    pub lang: Vec<String>,
    #[serde(default)]
    pub doc_type: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Option<String>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
    pub facets: Option<String>,
    pub histogram: Option<String>,
    pub highlight: Option<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    DateAscending,
    DateDescending,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Histogram {
    Year,
    Month,
}

/// A validated request.
#[derive(Debug)]
pub struct Request {
    pub q: String,
    /// `(group, values)`: OR within a group, AND across groups; groups as in [`GROUPS`].
    pub filters: Vec<(usize, Vec<String>)>,
    /// First day of `from` (`yyyymmdd`): documents whose date ends on or after it.
    pub from: Option<i64>,
    /// Last day of `to`: documents whose date starts on or before it.
    pub to: Option<i64>,
    pub sort: Sort,
    pub limit: u32,
    pub offset: u32,
    /// Facet groups to count.
    pub facets: Vec<usize>,
    pub histogram: Option<Histogram>,
    pub highlight: bool,
}

pub fn read_queries(path: &Path) -> Result<QueryFile, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    serde_yaml::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))
}

impl TryFrom<&Params> for Request {
    type Error = String;

    fn try_from(params: &Params) -> Result<Self, String> {
        let lists = [
            &params.party,
            &params.venue,
            &params.topic,
            &params.process,
            &params.lang,
            &params.doc_type,
        ];
        let mut filters = Vec::new();
        for (group, values) in lists.into_iter().enumerate() {
            let mut ids: Vec<String> = Vec::new();
            for id in values.iter().flat_map(|v| v.split(',')).map(normalise) {
                if !id.is_empty() && !ids.contains(&id) {
                    ids.push(id);
                }
            }
            if !ids.is_empty() {
                filters.push((group, ids));
            }
        }
        let date = |name: &str, value: &Option<String>| match value.as_deref() {
            None => Ok(None),
            Some(text) => day_range(text)
                .map(Some)
                .ok_or_else(|| format!("{name}: invalid date {text:?}")),
        };
        let sort = match params.sort.as_deref().map(str::trim) {
            None | Some("") | Some("relevance") => Sort::Relevance,
            Some("date") => Sort::DateAscending,
            Some("-date") => Sort::DateDescending,
            Some(other) => return Err(format!("unknown sort {other:?}")),
        };
        let histogram = match params.histogram.as_deref().map(str::trim) {
            None | Some("") | Some("year") => Some(Histogram::Year),
            Some("month") => Some(Histogram::Month),
            Some("none") => None,
            Some(other) => return Err(format!("unknown histogram {other:?}")),
        };
        Ok(Request {
            q: params.q.as_deref().unwrap_or("").trim().to_string(),
            filters,
            from: date("from", &params.from)?.map(|(first, _)| first),
            to: date("to", &params.to)?.map(|(_, last)| last),
            sort,
            limit: params.limit.unwrap_or(20),
            offset: params.offset.unwrap_or(0),
            facets: parse_facets(params.facets.as_deref())?,
            histogram,
            highlight: params.highlight.unwrap_or(true),
        })
    }
}

/// `all`/absent → every group, `none` → none, else a comma list of group names.
fn parse_facets(value: Option<&str>) -> Result<Vec<usize>, String> {
    match value.map(str::trim) {
        None | Some("") | Some("all") => Ok((0..GROUPS.len()).collect()),
        Some("none") => Ok(Vec::new()),
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(|name| {
                GROUPS
                    .iter()
                    .position(|group| *group == name)
                    .ok_or_else(|| format!("unknown facet group {name:?}"))
            })
            .collect(),
    }
}

impl Request {
    /// What the peer computes for this request, e.g. `top+count+facets+histogram-year`.
    pub fn computed(&self) -> String {
        let mut parts = vec!["top+count".to_string()];
        if !self.facets.is_empty() {
            parts.push("facets".to_string());
        }
        match self.histogram {
            Some(Histogram::Year) => parts.push("histogram-year".to_string()),
            Some(Histogram::Month) => parts.push("histogram-month".to_string()),
            None => {}
        }
        if self.highlight && self.limit > 0 {
            parts.push("snippets".to_string());
        }
        parts.join("+")
    }
}
