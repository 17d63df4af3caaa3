//! Turns a [`SearchRequest`] into tantivy queries.
//!
//! The text query, each facet group's filter and the date range are kept apart so that the
//! search can leave one group's filter out when it counts that group (disjunctive facets).

use std::ops::Bound;

use concord_corpus::FacetGroup;
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, Query, QueryParser, QueryParserError, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, Term};

use crate::error::SearchError;
use crate::meta::IndexMeta;
use crate::request::SearchRequest;
use crate::schema::{Fields, facet_path};

/// How much more a match in the title weighs than one in the body.
pub const TITLE_BOOST: f32 = 2.0;

/// The parts of a request as tantivy queries.
pub struct CompiledQuery {
    /// The parsed query text, or `None` when the text is empty (match everything).
    pub text: Option<Box<dyn Query>>,
    filters: Vec<(FacetGroup, Box<dyn Query>)>,
    dates: Vec<Box<dyn Query>>,
}

impl CompiledQuery {
    pub fn new(
        index: &Index,
        fields: &Fields,
        meta: &IndexMeta,
        request: &SearchRequest,
    ) -> Result<Self, SearchError> {
        let text = if request.q.is_empty() {
            None
        } else {
            Some(parse_text(index, fields, &request.q)?)
        };
        let filters = request
            .filters
            .iter()
            .map(|(&group, values)| {
                let alternatives: Vec<(Occur, Box<dyn Query>)> = values
                    .iter()
                    .map(|value| {
                        let id = meta.resolve(group, value);
                        let term = Term::from_facet(fields.facet, &facet_path(group, id));
                        let query: Box<dyn Query> =
                            Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                        (Occur::Should, query)
                    })
                    .collect();
                let query: Box<dyn Query> = Box::new(BooleanQuery::new(alternatives));
                (group, query)
            })
            .collect();
        let mut dates: Vec<Box<dyn Query>> = Vec::new();
        if let Some(from) = request.from {
            let lower = Term::from_field_i64(fields.date_end, from.start_key());
            dates.push(Box::new(RangeQuery::new(
                Bound::Included(lower),
                Bound::Unbounded,
            )));
        }
        if let Some(to) = request.to {
            let upper = Term::from_field_i64(fields.date_start, to.end_key());
            dates.push(Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(upper),
            )));
        }
        Ok(CompiledQuery {
            text,
            filters,
            dates,
        })
    }

    /// Facet groups the request filters on.
    pub fn filtered_groups(&self) -> impl Iterator<Item = FacetGroup> + '_ {
        self.filters.iter().map(|(group, _)| *group)
    }

    /// Text, dates and every facet filter except `except`'s, all required.
    pub fn combined(&self, except: Option<FacetGroup>) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(text) = &self.text {
            clauses.push((Occur::Must, text.box_clone()));
        }
        for query in &self.dates {
            clauses.push((Occur::Must, query.box_clone()));
        }
        for (group, query) in &self.filters {
            if Some(*group) != except {
                clauses.push((Occur::Must, query.box_clone()));
            }
        }
        match clauses.len() {
            0 => Box::new(AllQuery),
            1 => clauses
                .pop()
                .map(|(_, query)| query)
                .unwrap_or_else(|| Box::new(AllQuery)),
            _ => Box::new(BooleanQuery::new(clauses)),
        }
    }
}

/// Parses query text: words (all required), `"phrases"`, `OR`, `-exclusion`, `title:` scope.
fn parse_text(index: &Index, fields: &Fields, text: &str) -> Result<Box<dyn Query>, SearchError> {
    let mut parser = QueryParser::for_index(index, vec![fields.title, fields.body]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(fields.title, TITLE_BOOST);
    let query = match parser.parse_query(text) {
        // `-russia` alone means "everything but russia", as in Elasticsearch's query_string.
        Err(QueryParserError::AllButQueryForbidden) => parser.parse_query(&format!("* {text}")),
        other => other,
    };
    query.map_err(|error| SearchError::InvalidQuery(describe(&error)))
}

/// Tantivy's message, lowercase and without its own "invalid query" prefix.
fn describe(error: &QueryParserError) -> String {
    let message = lowercase_first(&error.to_string());
    message
        .strip_prefix("invalid query: ")
        .map(str::to_string)
        .unwrap_or(message)
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
