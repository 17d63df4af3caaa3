//! Search requests: loose parameters as they arrive ([`SearchParams`]) and the validated
//! [`SearchRequest`] that the search runs, within the bounds of [`limits`].

pub mod limits;

use std::collections::BTreeMap;

use concord_corpus::slug::slugify;
use concord_corpus::{FacetGroup, PartialDate};
use serde::Deserialize;

use crate::error::SearchError;
use crate::read::request::limits::{Limits, MAX_NESTING, count_terms, nesting};

pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 100;
/// Deepest result reachable by paging, as Elasticsearch's `max_result_window`.
pub const MAX_OFFSET: usize = 10_000;

/// Search parameters as they come from a query string or a JSON body. Filter groups are lists
/// (repeat the key in a query string: `party=russia&party=ukraine`). The field docs are the
/// parameters' descriptions in `GET /api/openapi.json`.
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Query text; empty matches every document. Words must all match; `"a phrase"`,
    /// `a OR b`, `-word`, `title:word`. Syntax never fails: what does not parse (a quote with
    /// no partner, `AND` at an end, `word:` for a field that does not exist, brackets) is read
    /// as words or dropped, and the answer's `notices` say what was read differently. Only
    /// the limits (bytes, terms, nesting) refuse a query.
    pub q: Option<String>,
    /// Party filter, repeatable (OR within the group): an id, label or alias.
    #[serde(default)]
    pub party: Vec<String>,
    /// Venue filter, repeatable.
    #[serde(default)]
    pub venue: Vec<String>,
    /// Topic filter, repeatable.
    #[serde(default)]
    pub topic: Vec<String>,
    /// Peace-process filter, repeatable.
    #[serde(default)]
    pub process: Vec<String>,
    /// Language filter, repeatable (`en`, `ru`, ...).
    #[serde(default)]
    pub lang: Vec<String>,
    /// Document-type filter, repeatable.
    #[serde(default)]
    pub doc_type: Vec<String>,
    /// Inclusive lower date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Inclusive upper date bound.
    pub to: Option<String>,
    /// `relevance` (default), `date` or `-date`.
    pub sort: Option<String>,
    /// Page size, 0-100 (default 20). Not for exports.
    #[param(value_type = Option<u32>)]
    pub limit: Option<Number>,
    /// Page start, 0-10000. Not for exports.
    #[param(value_type = Option<u32>)]
    pub offset: Option<Number>,
    /// `year` (default), `month` or `none`. Not for exports.
    pub histogram: Option<String>,
    /// Facet groups to count: `all` (the default), `none`, or a comma list (`party,venue`).
    /// Not for exports.
    pub facets: Option<String>,
    /// Whether hits carry a highlighted snippet (default true). Not for exports.
    #[param(value_type = Option<bool>)]
    pub highlight: Option<Flag>,
    /// `all` (default): every word must match, with the query syntax (quotes, OR, -word,
    /// title:). `any`: the text as plain words, each optional, ranked by how many and how
    /// rare (BM25), for pasted sentences and questions; no operators are read.
    #[serde(rename = "match")]
    #[param(rename = "match")]
    pub matching: Option<String>,
    /// Whether query words that name a party, venue or process of the taxonomy (an id,
    /// label, alias or leader's name, in any script: `Minsk`, `Минск`, `Türkiye`) also find
    /// the documents indexed under that value, in every language, ranked below those with the
    /// words themselves (default true). The answer's `entities` names the values used.
    #[param(value_type = Option<bool>)]
    pub entities: Option<Flag>,
    /// Whether query words of 5+ letters also find the words one edit away (9+ letters: two;
    /// a transposition counts one; never the first letter), ranked below the word as typed
    /// (default true): `Zelenskyy` finds `Zelensky`, `ceasfire` finds `ceasefire`. Phrases,
    /// CJK and shorter words stay exact. The answer's `typos` lists the spellings taken;
    /// `typos=0` turns it off.
    #[param(value_type = Option<bool>)]
    pub typos: Option<Flag>,
}

/// A yes/no given as a JSON boolean or as text (`true`/`false`/`1`/`0`).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Flag {
    Bool(bool),
    Text(String),
}

impl Flag {
    fn parse(&self, name: &str) -> Result<bool, String> {
        match self {
            Flag::Bool(value) => Ok(*value),
            Flag::Text(text) => match text.trim() {
                "true" | "1" | "yes" => Ok(true),
                "false" | "0" | "no" => Ok(false),
                other => Err(format!("{name} must be true or false, got {other:?}")),
            },
        }
    }
}

/// A count given as a JSON number or as text (query strings have only text).
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Number {
    Integer(i64),
    Text(String),
}

impl Number {
    fn parse(&self, name: &str) -> Result<i64, String> {
        match self {
            Number::Integer(value) => Ok(*value),
            Number::Text(text) => text
                .trim()
                .parse()
                .map_err(|_| format!("{name} must be a whole number, got {text:?}")),
        }
    }
}

/// Result order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    /// Oldest first.
    DateAscending,
    /// Newest first.
    DateDescending,
}

/// How the words of the query text combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Match {
    /// Every word must match; the query syntax applies.
    #[default]
    All,
    /// Plain words, each optional, ranked by BM25 (Elasticsearch's `match` with `or`).
    Any,
}

/// Bucket width of the date histogram.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HistogramInterval {
    #[default]
    Year,
    Month,
}

/// A validated search.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchRequest {
    /// Query text; empty matches every document.
    pub q: String,
    /// Facet filters: OR within a group, AND across groups. Groups with no values are absent.
    pub filters: BTreeMap<FacetGroup, Vec<String>>,
    /// Inclusive lower bound: documents whose date ends on or after its first day.
    pub from: Option<PartialDate>,
    /// Inclusive upper bound: documents whose date starts on or before its last day.
    pub to: Option<PartialDate>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// Bucket width of the date histogram; `None` computes no histogram.
    pub histogram: Option<HistogramInterval>,
    /// Facet groups to count (disjunctively); the others come back empty.
    pub facets: Vec<FacetGroup>,
    /// Whether hits carry a highlighted snippet.
    pub highlight: bool,
    /// How the words of `q` combine.
    pub matching: Match,
    /// Whether words of `q` that name taxonomy values also find the documents indexed
    /// under them (`crate::read::query::names`).
    pub entities: bool,
    /// Whether words of `q` also find the index's words an edit or two away
    /// (`crate::read::query::typos`).
    pub typos: bool,
    /// BM25 parameters for `match=any` other than tantivy's own (k1 1.2, b 0.75), through
    /// Concord's scorer; `None` keeps tantivy's (faster: it prunes by block maxima). Not
    /// a request parameter: `concord eval --k1 --b` sets it.
    pub bm25: Option<Bm25>,
}

/// The two parameters of BM25.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bm25 {
    /// How fast a term's frequency saturates.
    pub k1: f32,
    /// How much a field's length normalises its frequencies (0: not at all, 1: fully).
    pub b: f32,
}

impl Default for Bm25 {
    /// Tantivy's own constants.
    fn default() -> Bm25 {
        Bm25 { k1: 1.2, b: 0.75 }
    }
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            q: String::new(),
            filters: BTreeMap::new(),
            from: None,
            to: None,
            sort: Sort::Relevance,
            limit: DEFAULT_LIMIT,
            offset: 0,
            histogram: Some(HistogramInterval::Year),
            facets: FacetGroup::ALL.to_vec(),
            highlight: true,
            matching: Match::All,
            entities: true,
            typos: true,
            bm25: None,
        }
    }
}

impl TryFrom<SearchParams> for SearchRequest {
    type Error = SearchError;

    /// Validates `params` within the default [`Limits`].
    fn try_from(params: SearchParams) -> Result<Self, Self::Error> {
        SearchRequest::from_params(params, &Limits::default())
    }
}

impl SearchRequest {
    /// Validates `params`, refusing what goes past `limits`.
    pub fn from_params(
        params: SearchParams,
        limits: &Limits,
    ) -> Result<SearchRequest, SearchError> {
        let q = params.q.unwrap_or_default().trim().to_string();
        if q.len() > limits.max_query_bytes {
            return Err(SearchError::QueryTooLarge(format!(
                "the query is {} bytes long; the limit is {} bytes",
                q.len(),
                limits.max_query_bytes
            )));
        }
        let depth = nesting(&q);
        if depth > MAX_NESTING {
            return Err(SearchError::QueryTooLarge(format!(
                "the query nests parentheses {depth} deep; the limit is {MAX_NESTING}"
            )));
        }
        let terms = count_terms(&q);
        if terms > limits.max_query_terms {
            return Err(SearchError::QueryTooLarge(format!(
                "the query has {terms} terms; the limit is {}",
                limits.max_query_terms
            )));
        }
        let mut filters = BTreeMap::new();
        let mut filter_values = 0;
        for (group, values) in [
            (FacetGroup::Party, params.party),
            (FacetGroup::Venue, params.venue),
            (FacetGroup::Topic, params.topic),
            (FacetGroup::Process, params.process),
            (FacetGroup::Lang, params.lang),
            (FacetGroup::DocType, params.doc_type),
        ] {
            let mut ids: Vec<String> = Vec::new();
            for value in values.iter().flat_map(|value| value.split(',')) {
                let id = slugify(value);
                if !id.is_empty() && !ids.contains(&id) {
                    ids.push(id);
                }
            }
            filter_values += ids.len();
            if filter_values > limits.max_filter_values {
                return Err(SearchError::QueryTooLarge(format!(
                    "more than {} filter values; narrow the filters",
                    limits.max_filter_values
                )));
            }
            if !ids.is_empty() {
                filters.insert(group, ids);
            }
        }
        let from = parse_date("from", params.from.as_deref())?;
        let to = parse_date("to", params.to.as_deref())?;
        if let (Some(from), Some(to)) = (from, to)
            && from.start_key() > to.end_key()
        {
            return Err(SearchError::InvalidDate(format!(
                "from ({from}) is after to ({to})"
            )));
        }
        let sort = match params.sort.as_deref().map(str::trim) {
            None | Some("") | Some("relevance") => Sort::Relevance,
            Some("date") => Sort::DateAscending,
            Some("-date") => Sort::DateDescending,
            Some(other) => {
                return Err(SearchError::InvalidSort(format!(
                    "unknown sort {other:?} (use relevance, date or -date)"
                )));
            }
        };
        let limit = match &params.limit {
            None => DEFAULT_LIMIT.min(limits.max_limit) as i64,
            Some(limit) => limit.parse("limit").map_err(SearchError::InvalidLimit)?,
        };
        if !(0..=limits.max_limit as i64).contains(&limit) {
            return Err(SearchError::InvalidLimit(format!(
                "limit must be between 0 and {}, got {limit}",
                limits.max_limit
            )));
        }
        let offset = match &params.offset {
            None => 0,
            Some(offset) => offset.parse("offset").map_err(SearchError::InvalidOffset)?,
        };
        if offset < 0 {
            return Err(SearchError::InvalidOffset(format!(
                "offset must be 0 or more, got {offset}"
            )));
        }
        if offset > limits.max_offset as i64 {
            return Err(SearchError::InvalidOffset(format!(
                "offset {offset} is past the deepest page start ({}); to read every hit, use \
                 GET /api/export with the same parameters",
                limits.max_offset
            )));
        }
        let histogram = match params.histogram.as_deref().map(str::trim) {
            None | Some("") | Some("year") => Some(HistogramInterval::Year),
            Some("month") => Some(HistogramInterval::Month),
            Some("none") => None,
            Some(other) => {
                return Err(SearchError::InvalidHistogram(format!(
                    "unknown histogram interval {other:?} (use year, month or none)"
                )));
            }
        };
        let facets = parse_facets(params.facets.as_deref())?;
        let highlight = match &params.highlight {
            None => true,
            Some(flag) => flag
                .parse("highlight")
                .map_err(SearchError::InvalidParameter)?,
        };
        let matching = match params.matching.as_deref().map(str::trim) {
            None | Some("") | Some("all") => Match::All,
            Some("any") => Match::Any,
            Some(other) => {
                return Err(SearchError::InvalidParameter(format!(
                    "unknown match {other:?} (use all or any)"
                )));
            }
        };
        let entities = match &params.entities {
            None => true,
            Some(flag) => flag
                .parse("entities")
                .map_err(SearchError::InvalidParameter)?,
        };
        let typos = match &params.typos {
            None => true,
            Some(flag) => flag.parse("typos").map_err(SearchError::InvalidParameter)?,
        };
        Ok(SearchRequest {
            entities,
            typos,
            q,
            filters,
            from,
            to,
            sort,
            limit: limit as usize,
            offset: offset as usize,
            histogram,
            facets,
            highlight,
            matching,
            bm25: None,
        })
    }
}

/// `all`/absent → every group, `none` → no group, else a comma list of group names.
fn parse_facets(value: Option<&str>) -> Result<Vec<FacetGroup>, SearchError> {
    match value.map(str::trim) {
        None | Some("") | Some("all") => Ok(FacetGroup::ALL.to_vec()),
        Some("none") => Ok(Vec::new()),
        Some(list) => {
            let mut groups = Vec::new();
            for name in list
                .split(',')
                .map(str::trim)
                .filter(|name| !name.is_empty())
            {
                let group = FacetGroup::ALL
                    .into_iter()
                    .find(|group| group.name() == name)
                    .ok_or_else(|| {
                        let known: Vec<&str> =
                            FacetGroup::ALL.iter().map(|group| group.name()).collect();
                        SearchError::InvalidParameter(format!(
                            "unknown facet group {name:?} in facets (use all, none or a comma list of {})",
                            known.join(", ")
                        ))
                    })?;
                if !groups.contains(&group) {
                    groups.push(group);
                }
            }
            Ok(groups)
        }
    }
}

fn parse_date(name: &str, value: Option<&str>) -> Result<Option<PartialDate>, SearchError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|error| SearchError::InvalidDate(format!("{name}: {error}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(params: SearchParams) -> Result<SearchRequest, SearchError> {
        SearchRequest::try_from(params)
    }

    #[test]
    fn filters_are_slugged_deduplicated_and_split_on_commas() {
        let params = SearchParams {
            party: vec!["Ukraine".into(), "russia,ukraine".into()],
            venue: vec![" ".into()],
            ..SearchParams::default()
        };
        let request = request(params).unwrap();
        assert_eq!(request.filters[&FacetGroup::Party], ["ukraine", "russia"]);
        assert!(!request.filters.contains_key(&FacetGroup::Venue));
    }

    #[test]
    fn bad_parameters_have_their_own_codes() {
        let date = SearchError::InvalidDate(String::new());
        let limit = SearchError::InvalidLimit(String::new());
        let cases: [(SearchParams, &SearchError); 6] = [
            (
                SearchParams {
                    from: Some("2022-13".into()),
                    ..Default::default()
                },
                &date,
            ),
            (
                SearchParams {
                    from: Some("2023".into()),
                    to: Some("2022".into()),
                    ..Default::default()
                },
                &date,
            ),
            (
                SearchParams {
                    limit: Some(Number::Integer(1000)),
                    ..Default::default()
                },
                &limit,
            ),
            (
                SearchParams {
                    limit: Some(Number::Text("ten".into())),
                    ..Default::default()
                },
                &limit,
            ),
            (
                SearchParams {
                    sort: Some("title".into()),
                    ..Default::default()
                },
                &SearchError::InvalidSort(String::new()),
            ),
            (
                SearchParams {
                    histogram: Some("week".into()),
                    ..Default::default()
                },
                &SearchError::InvalidHistogram(String::new()),
            ),
        ];
        for (params, kind) in cases {
            let error = request(params).unwrap_err();
            assert_eq!(
                std::mem::discriminant(&error),
                std::mem::discriminant(kind),
                "{error:?}"
            );
        }
    }

    #[test]
    fn facets_histogram_and_highlight_can_be_turned_off() {
        let params = SearchParams {
            facets: Some("venue, party,venue".into()),
            histogram: Some("none".into()),
            highlight: Some(Flag::Text("false".into())),
            ..SearchParams::default()
        };
        let request = request(params).unwrap();
        assert_eq!(request.facets, [FacetGroup::Venue, FacetGroup::Party]);
        assert_eq!(request.histogram, None);
        assert!(!request.highlight);
        let params = SearchParams {
            facets: Some("none".into()),
            highlight: Some(Flag::Bool(true)),
            ..SearchParams::default()
        };
        let none = super::SearchRequest::try_from(params).unwrap();
        assert!(none.facets.is_empty());
        assert!(none.highlight);
    }

    #[test]
    fn defaults_are_relevance_twenty_and_year() {
        let request = request(SearchParams::default()).unwrap();
        assert_eq!(request, SearchRequest::default());
    }
}
