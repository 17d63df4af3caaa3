//! Typos and transliterations: a query word also finds the words of the index one or two
//! edits away (`Zelenskyy` finds `Zelensky` and `Zelenskiy`, `ceasfire` finds `ceasefire`,
//! `Timoshenko` the French `Timochenko`), as in Meilisearch and Typesense.
//!
//! Which words: plain words of the query (no quotes, prefix, boost or exclusion) with at
//! least [`ONE_EDIT_LETTERS`] letters take one edit, [`TWO_EDITS_LETTERS`] two; a
//! transposition counts one; the first letter is never changed (a different first letter is
//! a different word far more often than a typo, and keeping it lets the lookup skip every
//! other letter's part of the dictionary). Words with a digit or a Han, kana or Hangul sign,
//! and the fields of Japanese, Korean and Chinese, stay exact. The count is of the shorter of
//! the typed word and its analysed form (`negotiations` is `negoti` in English: one edit, not
//! two, or it would reach `negat`).
//!
//! How: the analysed word's variants are looked up in each field's term dictionary with a
//! Levenshtein automaton (the one tantivy's fuzzy query uses) behind the fixed first letter,
//! the nearest [`MAX_VARIANTS`] kept (fewest edits, then most documents). Each variant joins
//! the word's clause as one more optional term, scored as BM25 with the idf of the most
//! frequent of the word and its variants (Elasticsearch's "blended" fuzzy scoring: a rare
//! misspelling in the index does not outscore the word itself for being rare), times
//! [`variant_weight`]: a document with the word as typed ranks above one with a variant.
//! The variants sit beside the word's own terms in the same disjunction, so a one-word query
//! keeps tantivy's block-max pruning. `typos=false` turns it off.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, OnceLock};

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, BoostQuery, EnableScoring, Occur, Query, TermQuery,
    Weight,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, FieldType, IndexRecordOption, Schema};
use tantivy::tokenizer::{AsciiFoldingFilter, RawTokenizer, TextAnalyzer, TokenizerManager};
use tantivy::{Score, Searcher, Term};
use tantivy_fst::{Automaton, IntoStreamer, Streamer};

use crate::analyzer::bigram::is_cjk;

/// Letters from which a word takes one edit.
pub const ONE_EDIT_LETTERS: usize = 5;
/// Letters from which a word takes two edits.
pub const TWO_EDITS_LETTERS: usize = 9;
/// Most variants one word takes in one field (Elasticsearch's fuzzy query takes 50; the
/// nearest few carry the transliterations, the rest mostly noise).
pub const MAX_VARIANTS: usize = 8;

/// The weight of a variant `edits` away, against 1 for the word as typed: low enough that
/// a document with the word ranks above one with a variant at the same BM25 frequency
/// factor (which varies about threefold between a long and a short document).
pub fn variant_weight(edits: u8) -> Score {
    match edits {
        0 => 1.0,
        1 => 0.3,
        _ => 0.15,
    }
}

/// Whether a word is spelled in letters, so that a typo is possible: no digit, no Han, kana
/// or Hangul sign.
pub fn spelled(word: &str) -> bool {
    !word.chars().any(|ch| ch.is_numeric() || is_cjk(ch))
}

/// How many edits a typed word takes, given its analysed form `term`.
pub fn allowed_edits(typed: &str, term: &str) -> u8 {
    if !spelled(typed) {
        return 0;
    }
    let letters = typed
        .chars()
        .filter(|ch| ch.is_alphabetic())
        .count()
        .min(term.chars().count());
    if letters >= TWO_EDITS_LETTERS {
        2
    } else if letters >= ONE_EDIT_LETTERS {
        1
    } else {
        0
    }
}

/// A word of the index near a query word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    pub text: String,
    pub edits: u8,
    pub doc_freq: u64,
}

impl Variant {
    /// The order variants are kept and shown in: fewest edits, then most documents, then
    /// the word.
    fn rank(&self) -> (u8, std::cmp::Reverse<u64>, &str) {
        (self.edits, std::cmp::Reverse(self.doc_freq), &self.text)
    }
}

/// The variants of one analysed query word in one field.
#[derive(Clone, Debug, Default)]
pub struct Expansion {
    pub variants: Vec<Variant>,
    /// The document frequency every variant is scored with: that of the most frequent of the
    /// word and its variants.
    pub blended_doc_freq: u64,
}

/// Most lookups a generation remembers; past it the memory starts again (a few MB at most).
pub const CACHE_ENTRIES: usize = 16_384;

/// Answers a generation of the index remembers: it never changes, so an answer holds until
/// it is replaced. Up to [`CACHE_ENTRIES`], then the memory starts again.
#[derive(Debug)]
pub struct Remembered<K, V> {
    answers: Mutex<HashMap<K, V>>,
}

impl<K, V> Default for Remembered<K, V> {
    fn default() -> Self {
        Remembered {
            answers: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash, V: Clone> Remembered<K, V> {
    fn answers(&self) -> std::sync::MutexGuard<'_, HashMap<K, V>> {
        self.answers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Forgets every answer.
    pub fn clear(&self) {
        self.answers().clear();
    }

    pub fn get<Q: Eq + Hash + ?Sized>(&self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.answers().get(key).cloned()
    }

    pub fn put(&self, key: K, value: V) {
        let mut answers = self.answers();
        if answers.len() >= CACHE_ENTRIES {
            answers.clear();
        }
        answers.insert(key, value);
    }
}

/// Lookups already made in one generation, by field, analysed word and plain form
/// ([`plain_form`]): the web page asks the same words again for every facet click, page and
/// sort, and a lookup costs about 60 us per field at two edits on a million passages
/// (benches/README.md).
pub type TypoCache = Remembered<(Field, String, String), Expansion>;

impl Expansion {
    /// Adds the variants of `more` (another lookup of the same word) that are not `term`
    /// itself nor already here, then keeps the nearest [`MAX_VARIANTS`].
    fn merge(&mut self, more: Expansion, term: &str) {
        for variant in more.variants {
            if variant.text != term && !self.variants.iter().any(|had| had.text == variant.text) {
                self.variants.push(variant);
            }
        }
        self.variants.sort_by(|a, b| a.rank().cmp(&b.rank()));
        self.variants.truncate(MAX_VARIANTS);
        self.blended_doc_freq = self.blended_doc_freq.max(more.blended_doc_freq);
    }
}

/// The typed word as the index would keep it without stemming (lowercase; ASCII-folded
/// where the analysed word is ASCII), when stemming changed it: a slip can change how the
/// stemmer cuts (`ceasefive` is `ceasef` in English, two edits from `ceasefir`, where the
/// unstemmed `ceasefive` is two from it), so the word is also looked up as typed.
pub fn plain_form(typed: &str, term: &str) -> Option<String> {
    let lower = typed.to_lowercase();
    let plain = if term.is_ascii() {
        let mut folder = TextAnalyzer::builder(RawTokenizer::default())
            .filter(AsciiFoldingFilter)
            .build();
        let mut stream = folder.token_stream(&lower);
        let mut folded = String::new();
        while let Some(token) = stream.next() {
            folded.push_str(&token.text);
        }
        folded
    } else {
        lower
    };
    (plain != term && !plain.is_empty()).then_some(plain)
}

/// Looks query words up in the term dictionaries of one searcher.
pub struct TypoFinder<'a> {
    searcher: &'a Searcher,
    cache: &'a TypoCache,
    schema: Schema,
    tokenizers: &'a TokenizerManager,
    /// Variants found so far, by field and analysed word.
    found: HashMap<(Field, String), Expansion>,
    /// The typed word of each analysed word, for the answer.
    typed: HashMap<(Field, String), String>,
}

impl<'a> TypoFinder<'a> {
    /// A finder over `searcher`'s segments; `cache` must belong to the same generation.
    pub fn new(
        searcher: &'a Searcher,
        tokenizers: &'a TokenizerManager,
        cache: &'a TypoCache,
    ) -> Self {
        TypoFinder {
            searcher,
            cache,
            schema: searcher.schema().clone(),
            tokenizers,
            found: HashMap::new(),
            typed: HashMap::new(),
        }
    }

    /// The analysed form of `word` in `field`, when the field's analyzer makes one term of it.
    pub fn analyse(&self, field: Field, word: &str) -> Option<String> {
        analyse(&self.schema, self.tokenizers, field, word)
    }

    /// Looks up the variants of `typed` (analysed as `term`) in `field`, once per
    /// (field, term); returns them when there are any.
    pub fn expand(
        &mut self,
        field: Field,
        typed: &str,
        term: &str,
    ) -> tantivy::Result<Option<&Expansion>> {
        let edits = allowed_edits(typed, term);
        if edits == 0 {
            return Ok(None);
        }
        let key = (field, term.to_string());
        if !self.found.contains_key(&key) {
            let plain = plain_form(typed, term);
            let cached = (field, term.to_string(), plain.clone().unwrap_or_default());
            let expansion = match self.cache.get(&cached) {
                Some(expansion) => expansion,
                None => {
                    let mut expansion = variants(self.searcher, field, term, edits)?;
                    if let Some(plain) = &plain {
                        let more =
                            variants(self.searcher, field, plain, allowed_edits(typed, plain))?;
                        expansion.merge(more, term);
                    }
                    self.cache.put(cached, expansion.clone());
                    expansion
                }
            };
            self.typed.insert(key.clone(), typed.to_string());
            self.found.insert(key.clone(), expansion);
        }
        Ok(self
            .found
            .get(&key)
            .filter(|found| !found.variants.is_empty()))
    }

    /// Every expansion looked up, for [`with_variants`].
    pub fn expansions(&self) -> &HashMap<(Field, String), Expansion> {
        &self.found
    }

    /// What each typed word also took: its variants in every field, nearest first (fewest
    /// edits, most documents), each index word once.
    pub fn took(&self) -> Vec<Took> {
        let mut by_word: Vec<(String, Vec<Ranked>)> = Vec::new();
        let mut keys: Vec<&(Field, String)> = self.found.keys().collect();
        keys.sort();
        for key in keys {
            let Some(typed) = self.typed.get(key) else {
                continue;
            };
            let index = match by_word.iter().position(|(word, _)| word == typed) {
                Some(index) => index,
                None => {
                    by_word.push((typed.clone(), Vec::new()));
                    by_word.len() - 1
                }
            };
            for variant in &self.found[key].variants {
                let list = &mut by_word[index].1;
                match list
                    .iter_mut()
                    .find(|ranked| ranked.variant.text == variant.text)
                {
                    Some(ranked) => {
                        ranked.variant.doc_freq += variant.doc_freq;
                        ranked.fields.push(key.0);
                    }
                    None => list.push(Ranked {
                        variant: variant.clone(),
                        term: key.1.clone(),
                        fields: vec![key.0],
                    }),
                }
            }
        }
        by_word
            .into_iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(word, mut list)| {
                list.sort_by(|a, b| a.variant.rank().cmp(&b.variant.rank()));
                list.truncate(MAX_VARIANTS);
                Took {
                    variants: list
                        .into_iter()
                        .map(|ranked| TookVariant {
                            shown: surface(&word, &ranked.term, &ranked.variant.text),
                            text: ranked.variant.text,
                            fields: ranked.fields,
                        })
                        .collect(),
                    word,
                }
            })
            .collect()
    }
}

/// A variant while [`TypoFinder::took`] ranks them (its documents summed over fields).
struct Ranked {
    variant: Variant,
    /// The analysed query word it is a variant of.
    term: String,
    fields: Vec<Field>,
}

/// The variants one typed word took.
#[derive(Clone, Debug)]
pub struct Took {
    /// The word as typed.
    pub word: String,
    pub variants: Vec<TookVariant>,
}

/// One variant a typed word took.
#[derive(Clone, Debug)]
pub struct TookVariant {
    /// The index's word (a stem where the language stems).
    pub text: String,
    /// The fields it was found in.
    pub fields: Vec<Field>,
    /// How to show it when no hit shows how it is written ([`surface`]).
    pub shown: String,
}

/// The analysed form of `word` in `field`, when the field's analyzer (from `tokenizers`)
/// makes one term of it.
pub fn analyse(
    schema: &Schema,
    tokenizers: &TokenizerManager,
    field: Field,
    word: &str,
) -> Option<String> {
    let FieldType::Str(options) = schema.get_field_entry(field).field_type() else {
        return None;
    };
    let name = options.get_indexing_options()?.tokenizer();
    let mut analyzer = tokenizers.get(name)?;
    let mut stream = analyzer.token_stream(word);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push(token.text.clone());
    }
    match terms.as_slice() {
        [term] => Some(term.clone()),
        _ => None,
    }
}

/// Whether some document has `word` in one of `fields`, analysed as each field analyses it.
pub fn known_word(
    searcher: &Searcher,
    tokenizers: &TokenizerManager,
    fields: &[Field],
    word: &str,
) -> bool {
    let schema = searcher.schema();
    fields.iter().any(|field| {
        analyse(schema, tokenizers, *field, word).is_some_and(|term| {
            searcher
                .doc_freq(&Term::from_field_text(*field, &term))
                .is_ok_and(|documents| documents > 0)
        })
    })
}

/// The keys of `set` at most `edits` from `key` (the first letter kept), with their
/// distances.
pub fn near_keys(set: &tantivy_fst::Map<Vec<u8>>, key: &str, edits: u8) -> Vec<(String, u8)> {
    let Some(first) = key.chars().next() else {
        return Vec::new();
    };
    let (first, rest) = key.split_at(first.len_utf8());
    let dfa = builder(edits).build_dfa(rest);
    let automaton = FirstFixed {
        first: first.as_bytes(),
        dfa: &dfa,
    };
    let mut stream = set.search(&automaton).into_stream();
    let mut near = Vec::new();
    while let Some((found, _)) = stream.next() {
        if let (Ok(text), Distance::Exact(distance)) =
            (std::str::from_utf8(found), dfa.eval(&found[first.len()..]))
            && text != key
        {
            near.push((text.to_string(), distance));
        }
    }
    near
}

/// How a variant is shown when no hit shows how it is written: when the analysed word starts
/// the typed word (a stem: `ceasfir` of `ceasfire`) and the variant differs from it inside,
/// ending alike in two letters and at most one letter longer or shorter (`ceasefir`), the
/// variant with the typed word's ending (`ceasefire`); else the index's word itself. An edit
/// at the stem's end would invent a word (`withdraw` of `withdrawal` and its variant
/// `withdrew`: not `withdrewal`), and so would a stem of another word family (`coloni` of
/// `colonialism` and `colon`, the stem of `colonization`).
pub fn surface(typed: &str, term: &str, variant: &str) -> String {
    let lower = typed.to_lowercase();
    let last_two = |word: &str| {
        let chars: Vec<char> = word.chars().collect();
        chars[chars.len().saturating_sub(2)..].to_vec()
    };
    let alike = term.chars().count().abs_diff(variant.chars().count()) <= 1
        && term.chars().count() >= 2
        && last_two(term) == last_two(variant);
    match lower.strip_prefix(term) {
        Some(ending) if alike => format!("{variant}{ending}"),
        _ => variant.to_string(),
    }
}

/// The variants of `term` in `field` at most `edits` away, the first letter kept.
pub fn variants(
    searcher: &Searcher,
    field: Field,
    term: &str,
    edits: u8,
) -> tantivy::Result<Expansion> {
    let Some(first) = term.chars().next() else {
        return Ok(Expansion::default());
    };
    let (first, rest) = term.split_at(first.len_utf8());
    let dfa = builder(edits).build_dfa(rest);
    let automaton = FirstFixed {
        first: first.as_bytes(),
        dfa: &dfa,
    };
    let mut found: HashMap<String, Variant> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().search(&automaton).into_stream()?;
        while stream.advance() {
            let key = stream.key();
            if key == term.as_bytes() {
                continue;
            }
            let (Ok(text), Distance::Exact(distance)) =
                (std::str::from_utf8(key), dfa.eval(&key[first.len()..]))
            else {
                continue;
            };
            let doc_freq = u64::from(stream.value().doc_freq);
            found
                .entry(text.to_string())
                .or_insert_with(|| Variant {
                    text: text.to_string(),
                    edits: distance,
                    doc_freq: 0,
                })
                .doc_freq += doc_freq;
        }
    }
    let mut variants: Vec<Variant> = found.into_values().collect();
    variants.sort_by(|a, b| a.rank().cmp(&b.rank()));
    variants.truncate(MAX_VARIANTS);
    let exact = searcher.doc_freq(&Term::from_field_text(field, term))?;
    let blended_doc_freq = variants
        .iter()
        .map(|variant| variant.doc_freq)
        .max()
        .unwrap_or(0)
        .max(exact);
    Ok(Expansion {
        variants,
        blended_doc_freq,
    })
}

/// Levenshtein automaton builders (transpositions count one), built once: the two-edit one
/// takes a few milliseconds.
fn builder(edits: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    match edits {
        0 | 1 => ONE.get_or_init(|| LevenshteinAutomatonBuilder::new(1, true)),
        _ => TWO.get_or_init(|| LevenshteinAutomatonBuilder::new(2, true)),
    }
}

/// Words starting with `first` whose rest `dfa` accepts.
struct FirstFixed<'a> {
    first: &'a [u8],
    dfa: &'a DFA,
}

#[derive(Clone)]
enum State {
    /// So many bytes of the first letter read.
    First(usize),
    /// In the automaton of the rest.
    Rest(u32),
    Dead,
}

impl Automaton for FirstFixed<'_> {
    type State = State;

    fn start(&self) -> State {
        if self.first.is_empty() {
            State::Rest(self.dfa.initial_state())
        } else {
            State::First(0)
        }
    }

    fn is_match(&self, state: &State) -> bool {
        match state {
            State::Rest(id) => matches!(self.dfa.distance(*id), Distance::Exact(_)),
            _ => false,
        }
    }

    fn can_match(&self, state: &State) -> bool {
        match state {
            State::First(_) => true,
            State::Rest(id) => *id != SINK_STATE,
            State::Dead => false,
        }
    }

    fn accept(&self, state: &State, byte: u8) -> State {
        match state {
            State::First(read) if self.first.get(*read) == Some(&byte) => {
                if read + 1 == self.first.len() {
                    State::Rest(self.dfa.initial_state())
                } else {
                    State::First(read + 1)
                }
            }
            State::Rest(id) => State::Rest(self.dfa.transition(*id, byte)),
            _ => State::Dead,
        }
    }
}

/// One term scored as tantivy's term query scores it, but with the idf of a given document
/// frequency (the blended one of [`Expansion`]). Its scorer is tantivy's own term scorer, so
/// a disjunction of such terms keeps block-max pruning.
#[derive(Clone, Debug)]
pub struct BlendedTermQuery {
    query: TermQuery,
    doc_freq: u64,
}

impl BlendedTermQuery {
    pub fn new(term: Term, doc_freq: u64) -> Self {
        BlendedTermQuery {
            query: TermQuery::new(term, IndexRecordOption::WithFreqs),
            doc_freq,
        }
    }
}

/// The searcher's statistics, but one term's document frequency replaced.
struct Blended<'a> {
    inner: &'a dyn Bm25StatisticsProvider,
    term: &'a Term,
    doc_freq: u64,
}

impl Bm25StatisticsProvider for Blended<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.inner.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.inner.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if term == self.term {
            let documents = self.inner.total_num_docs()?;
            return Ok(self.doc_freq.min(documents));
        }
        self.inner.doc_freq(term)
    }
}

impl Query for BlendedTermQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        match scoring {
            EnableScoring::Enabled {
                searcher,
                statistics_provider,
            } => {
                let blended = Blended {
                    inner: statistics_provider,
                    term: self.query.term(),
                    doc_freq: self.doc_freq,
                };
                self.query
                    .weight(EnableScoring::enabled_from_statistics_provider(
                        &blended, searcher,
                    ))
            }
            disabled => self.query.weight(disabled),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor);
    }
}

/// The clauses a term of `expansions` adds beside itself (weighted `boost` times the
/// variant's weight).
pub fn variant_clauses(
    field: Field,
    expansion: &Expansion,
    boost: Score,
) -> Vec<(Occur, Box<dyn Query>)> {
    expansion
        .variants
        .iter()
        .map(|variant| {
            let term = Term::from_field_text(field, &variant.text);
            let query: Box<dyn Query> = Box::new(BoostQuery::new(
                Box::new(BlendedTermQuery::new(term, expansion.blended_doc_freq)),
                boost * variant_weight(variant.edits),
            ));
            (Occur::Should, query)
        })
        .collect()
}

/// The plain words of a parsed query that may take typos, each with the field name its
/// scope gave it (`None`: every language's title and body): literals without quotes, prefix
/// or slop, outside an exclusion and outside a boost (a boosted word is taken as typed).
pub fn typo_words(ast: &UserInputAst) -> Vec<(Option<String>, String)> {
    let mut words = Vec::new();
    collect_words(ast, &mut words);
    words
}

fn collect_words(ast: &UserInputAst, words: &mut Vec<(Option<String>, String)>) {
    match ast {
        UserInputAst::Clause(clauses) => {
            for (occur, clause) in clauses {
                if *occur != Some(Occur::MustNot) {
                    collect_words(clause, words);
                }
            }
        }
        UserInputAst::Boost(..) => {}
        UserInputAst::Leaf(leaf) => {
            if let UserInputLeaf::Literal(literal) = leaf.as_ref()
                && literal.delimiter == Delimiter::None
                && !literal.prefix
                && literal.slop == 0
                && !literal.phrase.ends_with('*')
            {
                let word = (literal.field_name.clone(), literal.phrase.clone());
                if !words.contains(&word) {
                    words.push(word);
                }
            }
        }
    }
}

/// `query` with each term of `expansions` joined by its variants. `title_boost(field)` is
/// the boost the parser gave a field's terms (the title's), which a variant takes too.
pub fn with_variants(
    query: Box<dyn Query>,
    expansions: &HashMap<(Field, String), Expansion>,
    title_boost: &dyn Fn(Field) -> Score,
) -> Box<dyn Query> {
    if expansions.values().all(|found| found.variants.is_empty()) {
        return query;
    }
    rewrite(query, expansions, title_boost)
}

fn rewrite(
    query: Box<dyn Query>,
    expansions: &HashMap<(Field, String), Expansion>,
    title_boost: &dyn Fn(Field) -> Score,
) -> Box<dyn Query> {
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        let minimum = boolean.get_minimum_number_should_match();
        let siblings = minimum <= 1
            && boolean
                .clauses()
                .iter()
                .all(|(occur, _)| *occur == Occur::Should);
        let mut clauses = Vec::new();
        for (occur, clause) in boolean.clauses() {
            if *occur == Occur::MustNot {
                clauses.push((*occur, clause.box_clone()));
                continue;
            }
            match (
                siblings,
                variants_of(clause.as_ref(), expansions, title_boost),
            ) {
                (true, Some(variants)) => {
                    clauses.push((*occur, clause.box_clone()));
                    clauses.extend(variants);
                }
                _ => clauses.push((*occur, rewrite(clause.box_clone(), expansions, title_boost))),
            }
        }
        return Box::new(BooleanQuery::with_minimum_required_clauses(
            clauses, minimum,
        ));
    }
    match variants_of(query.as_ref(), expansions, title_boost) {
        Some(variants) => {
            let mut clauses = vec![(Occur::Should, query)];
            clauses.extend(variants);
            Box::new(BooleanQuery::new(clauses))
        }
        None => query,
    }
}

/// The variant clauses of a term query (or a term query under the parser's field boost) whose
/// term has variants.
fn variants_of(
    query: &dyn Query,
    expansions: &HashMap<(Field, String), Expansion>,
    title_boost: &dyn Fn(Field) -> Score,
) -> Option<Vec<(Occur, Box<dyn Query>)>> {
    let (term, boost) = if let Some(term) = query.downcast_ref::<TermQuery>() {
        (term.term().clone(), 1.0)
    } else if query.is::<BoostQuery>() {
        let mut terms = Vec::new();
        query.query_terms(&mut |term, _| terms.push(term.clone()));
        let [term] = terms.as_slice() else {
            return None;
        };
        (term.clone(), title_boost(term.field()))
    } else {
        return None;
    };
    let text = term.value().as_str()?.to_string();
    let expansion = expansions.get(&(term.field(), text))?;
    (!expansion.variants.is_empty()).then(|| variant_clauses(term.field(), expansion, boost))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_take_edits_by_length_and_stay_exact_with_digits_or_cjk() {
        assert_eq!(allowed_edits("peace", "peac"), 0, "the stem is 4 letters");
        assert_eq!(allowed_edits("truce", "truce"), 1);
        assert_eq!(allowed_edits("ceasfire", "ceasfir"), 1);
        assert_eq!(allowed_edits("Zelenskyy", "zelenskyi"), 2);
        assert_eq!(allowed_edits("negotiations", "negoti"), 1);
        assert_eq!(allowed_edits("2022abcde", "2022abcde"), 0);
        assert_eq!(allowed_edits("イスタンブール", "イスタンブール"), 0);
        assert_eq!(allowed_edits("Mins", "mins"), 0);
    }

    #[test]
    fn a_stemmed_word_is_also_looked_up_as_typed() {
        assert_eq!(
            plain_form("Ceasefive", "ceasef").as_deref(),
            Some("ceasefive")
        );
        assert_eq!(
            plain_form("Négociations", "negoci").as_deref(),
            Some("negociations")
        );
        assert_eq!(plain_form("Holbrook", "holbrook"), None, "not stemmed");
        assert_eq!(
            plain_form("Зеленского", "зеленск").as_deref(),
            Some("зеленского")
        );
    }

    #[test]
    fn a_stem_is_shown_with_the_typed_ending() {
        assert_eq!(surface("ceasfire", "ceasfir", "ceasefir"), "ceasefire");
        assert_eq!(surface("Zelenskyy", "zelenskyi", "zelenski"), "zelenski");
        assert_eq!(
            surface("colonialism", "coloni", "colon"),
            "colon",
            "no invented word"
        );
        assert_eq!(surface("Holbroke", "holbrok", "holbrook"), "holbrooke");
    }

    #[test]
    fn the_automaton_keeps_the_first_letter_and_counts_transpositions_once() {
        let dfa = builder(1).build_dfa("easfir");
        let automaton = FirstFixed {
            first: b"c",
            dfa: &dfa,
        };
        let accepts = |word: &str| {
            let mut state = automaton.start();
            for byte in word.bytes() {
                state = automaton.accept(&state, byte);
            }
            automaton.is_match(&state)
        };
        assert!(accepts("ceasefir"));
        assert!(accepts("ceasfir"));
        assert!(accepts("caesfir"), "a transposition is one edit");
        assert!(!accepts("leasfir"), "the first letter is kept");
        assert!(!accepts("ceasefire"), "two edits");
        let dfa = builder(2).build_dfa("imoshenko");
        let automaton = FirstFixed {
            first: b"t",
            dfa: &dfa,
        };
        let mut state = automaton.start();
        for byte in "timochenko".bytes() {
            state = automaton.accept(&state, byte);
        }
        assert!(automaton.is_match(&state));
    }
}
