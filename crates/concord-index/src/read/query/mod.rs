//! Turns a [`SearchRequest`] into tantivy queries.
//!
//! The text query, each facet group's filter and the date range are kept apart so that the
//! search can leave one group's filter out when it counts that group (disjunctive facets).
//!
//! Query text never fails on syntax: [`repair`] first rewrites it into text tantivy's strict
//! grammar reads (what parses keeps its meaning, the rest is read as words) and says what it
//! read differently; should the rewritten text still not build (a case the repair does not
//! know), the text is searched as plain words, with a notice. Only the limits of
//! [`crate::read::request`] refuse a query.
//!
//! Beside it: [`phrase_pairs`] (two-word phrases answered from the word-pair field),
//! [`exclusion`] (excluded phrases moved only forward), [`bm25`] (BM25 at chosen k1, b),
//! [`repair`] (query text made readable by the grammar, with notices), [`names`] (query
//! words that name a taxonomy value also find the documents indexed under it) and [`typos`]
//! (query words also find the index's words one or two edits away).

pub mod bm25;
pub mod exclusion;
pub mod names;
pub mod phrase_pairs;
pub mod repair;
pub mod typos;

use std::ops::Bound;

use concord_corpus::FacetGroup;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, QueryParser, QueryParserError,
    RangeQuery, TermQuery,
};
use tantivy::query_grammar::{self, UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Searcher, Term};

use crate::analyzer::CJK;
use crate::analyzer::analysis_language;
use crate::error::SearchError;
use crate::read::open::SearchIndex;
use crate::read::query::bm25::Bm25TermQuery;
use crate::read::query::names::{NameFinder, NearNames};
use crate::read::query::typos::{Took, TypoFinder};
use crate::read::request::Bm25;
use crate::read::request::{Match, SearchRequest};
use crate::read::response::{Entity, Notice};
use crate::schema::{
    BODY, Fields, LangFields, TITLE, body_field_name, facet_path, title_field_name,
};
use crate::write::meta::IndexMeta;

/// How much more a match in the title weighs than one in the body, when every word must
/// match (`match=all`, the default): a title that names the words marks a document about them.
pub const TITLE_BOOST: f32 = 2.0;

/// The title's weight when each word is optional (`match=any`): a long query's words spread
/// over the title and the body, and a word in both already counts twice, so the title weighs
/// half the body. Measured on SciFact, Cranfield and NPL (README, "Ranking quality"):
/// nDCG@10 0.629 → 0.691 on SciFact and 0.362 → 0.374 on Cranfield from 2.0 to 0.5.
pub const ANY_TITLE_BOOST: f32 = 0.5;

/// The parts of a request as tantivy queries.
pub struct CompiledQuery {
    /// The parsed query text, or `None` when the text is empty (match everything).
    pub text: Option<Box<dyn Query>>,
    /// What the text's parsing read differently from what was typed.
    pub notices: Vec<Notice>,
    /// The taxonomy values the query's words named ([`names`]).
    pub entities: Vec<Entity>,
    /// The other spellings the query's words also took ([`typos`]).
    pub typos: Vec<Took>,
    filters: Vec<(FacetGroup, Box<dyn Query>)>,
    /// The resolved facet ids each filter accepts, for the drill-sideways collector.
    filter_ids: Vec<(FacetGroup, Vec<String>)>,
    dates: Vec<Box<dyn Query>>,
    /// The same date bounds as days (`yyyymmdd`, inclusive), for collectors that check them on
    /// the segment arrays.
    days: Option<(i32, i32)>,
}

impl CompiledQuery {
    pub fn new(
        opened: &SearchIndex,
        searcher: &Searcher,
        request: &SearchRequest,
    ) -> Result<Self, SearchError> {
        let (index, fields, meta) = (&opened.index, &opened.fields, &opened.meta);
        let mut notices = Vec::new();
        let mut entities = Vec::new();
        let langs = query_languages(meta, request);
        let text_fields: Vec<Field> = langs
            .iter()
            .filter(|lang| !CJK.contains(lang))
            .filter_map(|lang| fields.lang(lang))
            .flat_map(|lang| [lang.title, lang.body])
            .collect();
        let finder = request.entities.then(|| {
            let finder = NameFinder::new(meta);
            if !request.typos {
                return finder;
            }
            let tokenizers = &opened.query_tokenizers;
            let text_fields = &text_fields;
            finder.with_near_names(NearNames {
                names: &opened.names,
                known: Box::new(move |word: &str| {
                    typos::known_word(searcher, tokenizers, text_fields, word)
                }),
            })
        });
        let mut typo_finder = request
            .typos
            .then(|| TypoFinder::new(searcher, &opened.query_tokenizers, &opened.typos));
        let text = if request.q.is_empty() {
            None
        } else {
            match request.matching {
                Match::All => {
                    let mut parsed =
                        ParsedText::new(opened, &langs, finder.as_ref(), typo_finder.as_mut());
                    let (text, read_differently, named) = parsed.parse(&request.q)?;
                    notices = read_differently;
                    entities = named;
                    text
                }
                Match::Any => {
                    let mut clauses = any_words(
                        index,
                        fields,
                        &langs,
                        &request.q,
                        request.bm25,
                        typo_finder.as_mut(),
                    )?;
                    if let Some(finder) = &finder {
                        clauses.extend(names::any_names(&request.q, fields, finder, &mut entities));
                    }
                    Some(if clauses.is_empty() {
                        Box::new(EmptyQuery) as Box<dyn Query>
                    } else {
                        Box::new(BooleanQuery::new(clauses))
                    })
                }
            }
        };
        let typos = typo_finder
            .as_ref()
            .map(TypoFinder::took)
            .unwrap_or_default();
        let filter_ids: Vec<(FacetGroup, Vec<String>)> = request
            .filters
            .iter()
            .map(|(&group, values)| {
                let ids = values
                    .iter()
                    .map(|value| meta.resolve(group, value).to_string())
                    .collect();
                (group, ids)
            })
            .collect();
        let filters = filter_ids
            .iter()
            .map(|(group, ids)| {
                let alternatives: Vec<(Occur, Box<dyn Query>)> = ids
                    .iter()
                    .map(|id| {
                        let term = Term::from_facet(fields.facet, &facet_path(*group, id));
                        let query: Box<dyn Query> =
                            Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                        (Occur::Should, query)
                    })
                    .collect();
                let query: Box<dyn Query> = Box::new(BooleanQuery::new(alternatives));
                (*group, query)
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
        let days = (request.from.is_some() || request.to.is_some()).then(|| {
            let day =
                |key: i64| i32::try_from(key).unwrap_or(if key < 0 { i32::MIN } else { i32::MAX });
            (
                request
                    .from
                    .map_or(i32::MIN + 1, |from| day(from.start_key())),
                request.to.map_or(i32::MAX, |to| day(to.end_key())),
            )
        });
        Ok(CompiledQuery {
            text,
            notices,
            entities,
            typos,
            filters,
            filter_ids,
            dates,
            days,
        })
    }

    /// Whether the request matches every document (no text, no filter, no date bound).
    pub fn matches_everything(&self) -> bool {
        self.text.is_none() && self.filters.is_empty() && self.dates.is_empty()
    }

    /// The facet ids each filtered group accepts.
    pub fn filter_ids(&self) -> &[(FacetGroup, Vec<String>)] {
        &self.filter_ids
    }

    /// Facet groups the request filters on.
    pub fn filtered_groups(&self) -> impl Iterator<Item = FacetGroup> + '_ {
        self.filters.iter().map(|(group, _)| *group)
    }

    /// The date bounds as inclusive days (`yyyymmdd`), if any.
    pub fn days(&self) -> Option<(i32, i32)> {
        self.days
    }

    /// The text alone (everything when there is none): the drill-sideways collector applies
    /// the facet filters and the dates itself.
    pub fn text_only(&self) -> Box<dyn Query> {
        match &self.text {
            Some(text) => text.box_clone(),
            None => Box::new(AllQuery),
        }
    }

    /// Text, dates and every facet filter except `except`'s, all required: the request as
    /// one tantivy query (the dates as ranges over the date columns), for
    /// [`crate::services::baseline`].
    pub fn combined(&self, except: Option<FacetGroup>) -> Box<dyn Query> {
        self.required(except, true)
    }

    /// Text and every facet filter except `except`'s, all required; the search checks the
    /// dates in its collectors ([`crate::read::collect::dated`]).
    pub fn without_dates(&self, except: Option<FacetGroup>) -> Box<dyn Query> {
        self.required(except, false)
    }

    fn required(&self, except: Option<FacetGroup>, dates: bool) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(text) = &self.text {
            clauses.push((Occur::Must, text.box_clone()));
        }
        if dates {
            for query in &self.dates {
                clauses.push((Occur::Must, query.box_clone()));
            }
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

/// The analysis languages a query is analysed in: those the request filters on, else every
/// language the index holds.
fn query_languages<'a>(meta: &'a IndexMeta, request: &SearchRequest) -> Vec<&'a str> {
    let requested: Vec<&str> = request
        .filters
        .get(&FacetGroup::Lang)
        .map(|langs| {
            langs
                .iter()
                .map(|lang| analysis_language(Some(lang)))
                .collect()
        })
        .unwrap_or_default();
    let mut langs: Vec<&str> = meta
        .languages
        .iter()
        .map(String::as_str)
        .filter(|lang| requested.is_empty() || requested.contains(lang))
        .collect();
    if langs.is_empty() {
        langs.push(crate::analyzer::OTHER);
    }
    langs
}

/// `query` with `leaf` applied to each of its clauses that is no boolean query, at any depth;
/// boolean queries are rebuilt with the same occurrences and minimum of optional clauses.
pub(crate) fn map_leaves(
    query: Box<dyn Query>,
    leaf: &mut dyn FnMut(Box<dyn Query>) -> Box<dyn Query>,
) -> Box<dyn Query> {
    match query.downcast_ref::<BooleanQuery>() {
        Some(boolean) => {
            let clauses = boolean
                .clauses()
                .iter()
                .map(|(occur, clause)| (*occur, map_leaves(clause.box_clone(), leaf)))
                .collect();
            Box::new(BooleanQuery::with_minimum_required_clauses(
                clauses,
                boolean.get_minimum_number_should_match(),
            ))
        }
        None => leaf(query),
    }
}

/// The clauses of a boolean query.
type Clauses = Vec<(Occur, Box<dyn Query>)>;

/// A text query; `None` matches every document.
type TextQuery = Option<Box<dyn Query>>;

/// What parsing query text needs: the index, the fields of the languages it is analysed in,
/// and the pair words.
struct ParsedText<'a, 't> {
    index: &'a Index,
    lang_fields: Vec<LangFields>,
    pair_words: &'a crate::analyzer::pair_words::PairWords,
    parser: QueryParser,
    /// Taxonomy names, unless the request turned them off (`entities=false`).
    names: Option<&'a NameFinder<'a>>,
    fields: &'a Fields,
    meta: &'a IndexMeta,
    /// Other spellings, unless the request turned them off (`typos=false`).
    typos: Option<&'t mut TypoFinder<'a>>,
}

impl<'a, 't> ParsedText<'a, 't> {
    fn new(
        opened: &'a SearchIndex,
        langs: &[&str],
        names: Option<&'a NameFinder<'a>>,
        typos: Option<&'t mut TypoFinder<'a>>,
    ) -> Self {
        let (index, fields, pair_words) = (&opened.index, &opened.fields, &opened.meta.pair_words);
        let lang_fields: Vec<LangFields> =
            langs.iter().filter_map(|lang| fields.lang(lang)).collect();
        let defaults: Vec<Field> = lang_fields
            .iter()
            .flat_map(|lang| [lang.title, lang.body])
            .collect();
        let mut parser =
            QueryParser::new(index.schema(), defaults, opened.query_tokenizers.clone());
        parser.set_conjunction_by_default();
        for lang in &lang_fields {
            parser.set_field_boost(lang.title, TITLE_BOOST);
        }
        ParsedText {
            index,
            lang_fields,
            pair_words,
            parser,
            names,
            fields,
            meta: &opened.meta,
            typos,
        }
    }

    /// Parses query text: words (all required), `"phrases"`, `OR`, `-exclusion`, `title:` and
    /// `body:` scope. The text is analysed once per language (each language's fields with its
    /// own analyzer), so a Japanese query finds Japanese documents and an English word English
    /// ones without the user naming a language. Syntax never fails (see the module comment);
    /// `None` when nothing searchable is left (every document matches). Also the taxonomy
    /// values its words named.
    fn parse(&mut self, text: &str) -> Result<(TextQuery, Vec<Notice>, Vec<Entity>), SearchError> {
        let repaired = repair::repair(text);
        let mut notices = repaired.notices;
        if repaired.text.is_empty() {
            notices.push(repair::notice(
                repair::NOTHING_TO_SEARCH,
                "nothing was left to search for: every document matches".to_string(),
            ));
            return Ok((None, notices, Vec::new()));
        }
        match self.build(&repaired.text) {
            Ok((query, entities)) => Ok((Some(query), notices, entities)),
            Err(error) => {
                let words = repair::plain_words(text);
                notices.push(repair::notice(
                    repair::SYNTAX_IGNORED,
                    format!(
                        "{}: the query was read as plain words",
                        describe_error(&error)
                    ),
                ));
                if words.is_empty() {
                    return Ok((None, notices, Vec::new()));
                }
                let (query, entities) = self.build(&words)?;
                Ok((Some(query), notices, entities))
            }
        }
    }

    /// Builds text the grammar reads into a query, with the taxonomy values its words named.
    fn build(&mut self, text: &str) -> Result<(Box<dyn Query>, Vec<Entity>), SearchError> {
        let ast = query_grammar::parse_query(text)
            .map_err(|_| SearchError::InvalidQuery(format!("syntax error in {text:?}")))?;
        let ast = scope_fields(ast, &self.lang_fields)?;
        self.look_up_typos(&ast)?;
        let mut entities = Vec::new();
        let ast = match self.names {
            Some(finder) => names::with_names(ast, finder, &mut entities),
            None => ast,
        };
        let parser = &self.parser;
        match parser.build_query_from_user_input_ast(ast.clone()) {
            // `-russia` alone means "everything but russia", as in Elasticsearch's query_string.
            Err(QueryParserError::AllButQueryForbidden) => {
                let everything = (
                    Some(Occur::Must),
                    UserInputAst::Leaf(Box::new(UserInputLeaf::All)),
                );
                let clauses = match ast.clone() {
                    UserInputAst::Clause(mut clauses) => {
                        clauses.insert(0, everything);
                        clauses
                    }
                    other => vec![everything, (Some(Occur::Must), other)],
                };
                parser.build_query_from_user_input_ast(UserInputAst::Clause(clauses))
            }
            other => other,
        }
        .map(|query| {
            let scopes = names::leader_scopes(self.meta, &entities);
            names::constant_values(query, self.fields, &scopes)
        })
        .map(|query| match &self.typos {
            Some(typos) => {
                let titles: Vec<Field> = self.lang_fields.iter().map(|lang| lang.title).collect();
                let title_boost = |field: Field| {
                    if titles.contains(&field) {
                        TITLE_BOOST
                    } else {
                        1.0
                    }
                };
                typos::with_variants(query, typos.expansions(), &title_boost)
            }
            None => query,
        })
        .map(|query| {
            crate::read::query::phrase_pairs::with_pairs(
                query,
                self.index,
                &self.lang_fields,
                self.pair_words,
                &ast,
            )
        })
        .map(crate::read::query::exclusion::guard_exclusions)
        .map(|query| (query, entities))
        .map_err(|error| SearchError::InvalidQuery(describe(&error)))
    }
}

impl ParsedText<'_, '_> {
    /// Looks up the other spellings of the query's plain words in every field they search
    /// (the CJK languages' fields stay exact).
    fn look_up_typos(&mut self, ast: &UserInputAst) -> Result<(), SearchError> {
        let Some(finder) = self.typos.as_deref_mut() else {
            return Ok(());
        };
        for (scope, word) in typos::typo_words(ast) {
            for lang in self
                .lang_fields
                .iter()
                .filter(|lang| !CJK.contains(&lang.lang))
            {
                for field in [lang.title, lang.body] {
                    let name = self.index.schema().get_field_name(field).to_string();
                    if scope.as_ref().is_some_and(|scope| *scope != name) {
                        continue;
                    }
                    if let Some(term) = finder.analyse(field, &word) {
                        finder.expand(field, &word, &term)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The message of a query error, without the "invalid query: " its display starts with.
fn describe_error(error: &SearchError) -> String {
    match error {
        SearchError::InvalidQuery(message) => message.clone(),
        other => other.to_string(),
    }
}

/// `match=any`: the text as plain words, each optional (no operators, quotes or scopes), stop
/// words left out, in every language's title ([`ANY_TITLE_BOOST`]) and body, each analysed
/// as the field is, so that a
/// document's score is the sum of the BM25 scores of the words it has, as with
/// Elasticsearch's `match` query with operator `or`: its optional clauses. Text that analyses
/// to no word (and names no value) matches nothing.
fn any_words(
    index: &Index,
    fields: &Fields,
    langs: &[&str],
    text: &str,
    bm25: Option<Bm25>,
    mut typos: Option<&mut TypoFinder<'_>>,
) -> Result<Clauses, SearchError> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for lang in langs.iter().filter_map(|lang| fields.lang(lang)) {
        let words = crate::analyzer::without_stop_words(lang.lang, text);
        let exact = CJK.contains(&lang.lang);
        for (field, boost) in [(lang.title, ANY_TITLE_BOOST), (lang.body, 1.0)] {
            let mut analyzer = index.tokenizer_for_field(field)?;
            let mut tokens = analyzer.token_stream(&words);
            while let Some(token) = tokens.next() {
                if let (Some(finder), false) = (typos.as_deref_mut(), exact) {
                    let typed = words.get(token.offset_from..token.offset_to).unwrap_or("");
                    if let Some(expansion) = finder.expand(field, typed, &token.text)? {
                        clauses.extend(typos::variant_clauses(field, expansion, boost));
                    }
                }
                let term = Term::from_field_text(field, &token.text);
                let term: Box<dyn Query> = match bm25 {
                    None => Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                    Some(params) => Box::new(Bm25TermQuery::new(term, params)),
                };
                let query: Box<dyn Query> = if boost == 1.0 {
                    term
                } else {
                    Box::new(BoostQuery::new(term, boost))
                };
                clauses.push((Occur::Should, query));
            }
        }
    }
    Ok(clauses)
}

/// Replaces `title:` and `body:` by the same clause over every language's title or body field.
fn scope_fields(ast: UserInputAst, langs: &[LangFields]) -> Result<UserInputAst, SearchError> {
    Ok(match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, clause)| Ok((occur, scope_fields(clause, langs)?)))
                .collect::<Result<_, SearchError>>()?,
        ),
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(scope_fields(*inner, langs)?), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(literal) => match literal.field_name.as_deref() {
                None => UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal))),
                Some(scope @ (TITLE | BODY)) => {
                    let alternatives = langs
                        .iter()
                        .map(|lang| {
                            let name = if scope == TITLE {
                                title_field_name(lang.lang)
                            } else {
                                body_field_name(lang.lang)
                            };
                            let mut scoped = literal.clone();
                            scoped.field_name = Some(name);
                            (
                                Some(Occur::Should),
                                UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(scoped))),
                            )
                        })
                        .collect();
                    UserInputAst::Clause(alternatives)
                }
                Some(other) => {
                    return Err(SearchError::InvalidQuery(format!(
                        "unknown field {other:?} (only title: and body: can scope a query)"
                    )));
                }
            },
            UserInputLeaf::All => UserInputAst::Leaf(Box::new(UserInputLeaf::All)),
            _ => {
                return Err(SearchError::InvalidQuery(
                    "ranges, sets, regular expressions and exists queries are not supported in q; use the filter parameters"
                        .to_string(),
                ));
            }
        },
    })
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
