//! Suggestions as a user types: facet values whose name (label, id or any alias, in any
//! corpus language) has a word starting with what was typed, ranked by how many documents
//! carry them; and titles whose words start with it (the last word as a prefix), through the
//! title fields' term dictionaries.

use std::collections::BTreeMap;

use concord_corpus::FacetGroup;
use concord_corpus::slug::slugify;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TokenStream;
use tantivy::{Searcher, TantivyDocument, Term};
use utoipa::ToSchema;

use crate::analyzer::tokenizer_name;
use crate::error::SearchError;
use crate::read::open::SearchIndex;
use crate::read::stored::first_str;

/// Most terms a typed prefix expands to, per field.
const MAX_EXPANSIONS: usize = 50;

/// A facet value that matches what was typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FacetSuggestion {
    /// `party`, `venue`, `topic`, `process`, `lang` or `doc_type`.
    #[schema(value_type = String)]
    pub group: FacetGroup,
    pub value: String,
    pub label: String,
    /// Documents in the index with this value.
    pub count: u64,
}

/// A document whose title matches what was typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TitleSuggestion {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Suggestions {
    pub facets: Vec<FacetSuggestion>,
    pub titles: Vec<TitleSuggestion>,
}

impl SearchIndex {
    /// Up to `limit` facet values and `limit` titles for the text typed so far.
    pub fn suggest(&self, typed: &str, limit: usize) -> Result<Suggestions, SearchError> {
        let searcher = self.reader.searcher();
        let slug = slugify(typed);
        if slug.is_empty() || limit == 0 {
            return Ok(Suggestions::default());
        }
        Ok(Suggestions {
            facets: self.facet_suggestions(&searcher, &slug, limit)?,
            titles: self.title_suggestions(&searcher, typed, limit)?,
        })
    }

    fn facet_suggestions(
        &self,
        searcher: &Searcher,
        slug: &str,
        limit: usize,
    ) -> Result<Vec<FacetSuggestion>, SearchError> {
        let counts = self.match_all_counts(searcher)?;
        // A name matches when one of its words starts with the typed words.
        let inner = format!("-{slug}");
        let matches = |name: &str| name.starts_with(slug) || name.contains(&inner);
        let mut found: BTreeMap<(FacetGroup, String), u64> = BTreeMap::new();
        for (group, names) in &self.meta.names {
            for (name, id) in names {
                if matches(name)
                    && let Some(count) = counts.get(&(*group, id.clone()))
                {
                    found.insert((*group, id.clone()), *count);
                }
            }
        }
        // Languages and document types have labels but no taxonomy names.
        for ((group, value), count) in counts {
            if matches!(group, FacetGroup::Lang | FacetGroup::DocType)
                && (matches(&slugify(&self.meta.label(*group, value))) || matches(value))
            {
                found.insert((*group, value.clone()), *count);
            }
        }
        let mut suggestions: Vec<FacetSuggestion> = found
            .into_iter()
            .map(|((group, value), count)| FacetSuggestion {
                label: self.meta.label(group, &value),
                group,
                value,
                count,
            })
            .collect();
        suggestions.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        suggestions.truncate(limit);
        Ok(suggestions)
    }

    fn title_suggestions(
        &self,
        searcher: &Searcher,
        typed: &str,
        limit: usize,
    ) -> Result<Vec<TitleSuggestion>, SearchError> {
        let mut languages: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for lang in &self.meta.languages {
            let (Some(fields), Some(mut analyzer)) = (
                self.fields.lang(lang),
                self.index.tokenizers().get(&tokenizer_name(lang)),
            ) else {
                continue;
            };
            let mut words = Vec::new();
            let mut stream = analyzer.token_stream(typed);
            while stream.advance() {
                words.push(stream.token().text.clone());
            }
            let Some(last) = words.pop() else {
                continue;
            };
            let expansions = prefix_terms(searcher, fields.title, &last)?;
            if expansions.is_empty() {
                continue;
            }
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = words
                .iter()
                .map(|word| {
                    let term = Term::from_field_text(fields.title, word);
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                    (Occur::Must, query)
                })
                .collect();
            let any: Vec<(Occur, Box<dyn Query>)> = expansions
                .into_iter()
                .map(|term| {
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                    (Occur::Should, query)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
            languages.push((Occur::Should, Box::new(BooleanQuery::new(clauses))));
        }
        if languages.is_empty() {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(languages);
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        top.into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                Ok(TitleSuggestion {
                    id: first_str(&doc, self.fields.id)
                        .unwrap_or_default()
                        .to_string(),
                    title: first_str(&doc, self.fields.title)
                        .unwrap_or_default()
                        .to_string(),
                    date: first_str(&doc, self.fields.date).map(str::to_string),
                })
            })
            .collect()
    }
}

/// The terms of `field` that start with `prefix`, over every segment, at most
/// [`MAX_EXPANSIONS`].
fn prefix_terms(searcher: &Searcher, field: Field, prefix: &str) -> Result<Vec<Term>, SearchError> {
    let mut terms: Vec<Term> = Vec::new();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        let mut stream = index
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()
            .map_err(tantivy::TantivyError::from)?;
        while stream.advance() {
            let key = stream.key();
            if !key.starts_with(prefix.as_bytes()) || terms.len() >= MAX_EXPANSIONS {
                break;
            }
            if let Ok(text) = std::str::from_utf8(key) {
                let term = Term::from_field_text(field, text);
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
        }
    }
    Ok(terms)
}
