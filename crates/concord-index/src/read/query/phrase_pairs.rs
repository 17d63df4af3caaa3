//! Two-word phrases answered from the word-pair field ([`crate::analyzer::pairs`]).
//!
//! [`rewrite`] replaces, in a parsed query, each exact phrase of two adjacent words on a
//! body field, both words frequent ([`crate::analyzer::pair_words`]), by a [`PairPhraseQuery`]: the postings of the pair token in `pairs_<lang>`,
//! scored with tantivy's own phrase weight (BM25 with the sum of both words' idf, the body's
//! length norms, the pair's frequency as the phrase frequency). Same documents, same scores,
//! no positions read. Phrases with a slop, a prefix, a boost, more than two words, or words
//! the analyzer does not keep side by side stay tantivy's `PhraseQuery`.

use std::collections::HashSet;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{
    Bm25Weight, BooleanQuery, EmptyScorer, EnableScoring, Explanation, PhraseQuery, Query, Scorer,
    Weight,
};
use tantivy::query_grammar::{UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Index, Score, SegmentReader, TERMINATED, TantivyError, Term};

use crate::analyzer::pair_words::PairWords;
use crate::analyzer::pairs::pair_text;
use crate::schema::{LangFields, body_field_name};

/// A phrase of two analysed words on one body field.
type Phrase = (Field, String, String);

/// `query` (parsed from `ast`) with each exact two-word phrase of pair words on a body field
/// answered from its pair field. Queries without a phrase are returned as they are, unread.
pub fn with_pairs(
    query: Box<dyn Query>,
    index: &Index,
    langs: &[LangFields],
    pair_words: &PairWords,
    ast: &UserInputAst,
) -> Box<dyn Query> {
    if pair_words.is_empty() || !has_body_phrase(query.as_ref(), langs) {
        return query;
    }
    let phrases = adjacent_phrases(index, langs, pair_words, ast);
    rewrite(query, langs, &phrases)
}

/// Whether `query` holds a phrase on a body field that has pairs (outside a boost).
fn has_body_phrase(query: &dyn Query, langs: &[LangFields]) -> bool {
    if let Some(boolean) = query.downcast_ref::<BooleanQuery>() {
        return boolean
            .clauses()
            .iter()
            .any(|(_, clause)| has_body_phrase(clause.as_ref(), langs));
    }
    query.downcast_ref::<PhraseQuery>().is_some_and(|phrase| {
        langs
            .iter()
            .any(|lang| lang.body == phrase.field() && lang.pairs.is_some())
    })
}

/// The exact two-word phrases of `ast` on the body fields of `langs` whose words the field's
/// analyzer puts at consecutive positions. A phrase also written with a slop or as a prefix
/// is left out: the parsed query cannot tell those apart.
fn adjacent_phrases(
    index: &Index,
    langs: &[LangFields],
    pair_words: &PairWords,
    ast: &UserInputAst,
) -> HashSet<Phrase> {
    let mut exact = HashSet::new();
    let mut loose = HashSet::new();
    visit_literals(ast, &mut |field_name, phrase, exact_phrase| {
        for lang in langs.iter().filter(|lang| lang.pairs.is_some()) {
            let Some(frequent) = pair_words.get(lang.lang) else {
                continue;
            };
            if field_name.is_some_and(|name| name != body_field_name(lang.lang)) {
                continue;
            }
            let Ok(mut analyzer) = index.tokenizer_for_field(lang.body) else {
                continue;
            };
            let mut stream = analyzer.token_stream(phrase);
            let mut words = Vec::new();
            while let Some(token) = stream.next() {
                words.push((token.position, token.text.clone()));
            }
            if let [(first_at, first), (second_at, second)] = words.as_slice() {
                if !frequent.contains(first) || !frequent.contains(second) {
                    continue;
                }
                let key = (lang.body, first.clone(), second.clone());
                if exact_phrase && *second_at == first_at + 1 {
                    exact.insert(key);
                } else {
                    loose.insert(key);
                }
            }
        }
    });
    exact.retain(|phrase| !loose.contains(phrase));
    exact
}

/// Calls `visit(field, text, exact)` for each literal of `ast` outside a boost.
fn visit_literals(ast: &UserInputAst, visit: &mut dyn FnMut(Option<&str>, &str, bool)) {
    match ast {
        UserInputAst::Clause(clauses) => {
            for (_, clause) in clauses {
                visit_literals(clause, visit);
            }
        }
        UserInputAst::Boost(..) => {}
        UserInputAst::Leaf(leaf) => {
            if let UserInputLeaf::Literal(literal) = leaf.as_ref() {
                let exact = literal.slop == 0 && !literal.prefix;
                visit(literal.field_name.as_deref(), &literal.phrase, exact);
            }
        }
    }
}

/// `query` with each phrase of `phrases` on a field of `langs` answered from its pair field.
fn rewrite(
    query: Box<dyn Query>,
    langs: &[LangFields],
    phrases: &HashSet<Phrase>,
) -> Box<dyn Query> {
    if phrases.is_empty() {
        return query;
    }
    super::map_leaves(query, &mut |leaf| pair_phrase(leaf, langs, phrases))
}

/// A leaf query answered from its pair field when it is one of `phrases`, else itself.
fn pair_phrase(
    query: Box<dyn Query>,
    langs: &[LangFields],
    phrases: &HashSet<Phrase>,
) -> Box<dyn Query> {
    if let Some(phrase) = query.downcast_ref::<PhraseQuery>() {
        let field = phrase.field();
        let pairs = langs
            .iter()
            .find(|lang| lang.body == field)
            .and_then(|lang| lang.pairs);
        let terms = phrase.phrase_terms();
        if let (Some(pairs), [first, second]) = (pairs, terms.as_slice())
            && let (Some(a), Some(b)) = (first.value().as_str(), second.value().as_str())
            && phrases.contains(&(field, a.to_string(), b.to_string()))
        {
            return Box::new(PairPhraseQuery {
                words: [first.clone(), second.clone()],
                pair: Term::from_field_text(pairs, &pair_text(a, b)),
            });
        }
    }
    query
}

/// An exact two-word phrase, answered from the pair field.
#[derive(Clone, Debug)]
pub struct PairPhraseQuery {
    /// The two analysed words, on the body field.
    words: [Term; 2],
    /// Their pair token, on the pair field.
    pair: Term,
}

impl Query for PairPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => Some(Bm25Weight::for_terms(statistics_provider, &self.words)?),
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(PairPhraseWeight {
            body: self.words[0].field(),
            pair: self.pair.clone(),
            bm25,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for word in &self.words {
            visitor(word, true);
        }
    }
}

struct PairPhraseWeight {
    body: Field,
    pair: Term,
    bm25: Option<Bm25Weight>,
}

impl PairPhraseWeight {
    fn pair_scorer(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<PairScorer>> {
        let postings = reader
            .inverted_index(self.pair.field())?
            .read_postings(&self.pair, IndexRecordOption::WithFreqs)?;
        Ok(match postings {
            Some(postings) => Some(PairScorer {
                postings,
                norms: reader.get_fieldnorms_reader(self.body)?,
                bm25: self.bm25.as_ref().map(|bm25| bm25.boost_by(boost)),
            }),
            None => None,
        })
    }
}

impl Weight for PairPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.pair_scorer(reader, boost)? {
            Some(scorer) => Box::new(scorer),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let not_matched =
            || TantivyError::InvalidArgument(format!("document #({doc}) does not match"));
        let mut scorer = self.pair_scorer(reader, 1.0)?.ok_or_else(not_matched)?;
        if scorer.seek(doc) != doc {
            return Err(not_matched());
        }
        let fieldnorm = scorer.norms.fieldnorm_id(doc);
        Ok(match &scorer.bm25 {
            Some(bm25) => bm25.explain(fieldnorm, scorer.postings.term_freq()),
            None => Explanation::new("phrase (scores disabled)", 1.0),
        })
    }
}

/// The documents of a pair token, scored as tantivy scores the phrase.
struct PairScorer {
    postings: SegmentPostings,
    norms: FieldNormReader,
    bm25: Option<Bm25Weight>,
}

impl DocSet for PairScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for PairScorer {
    fn score(&mut self) -> Score {
        let doc = self.postings.doc();
        debug_assert_ne!(doc, TERMINATED);
        match &self.bm25 {
            Some(bm25) => bm25.score(self.norms.fieldnorm_id(doc), self.postings.term_freq()),
            None => 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::QueryParser;
    use tantivy::{DocAddress, IndexWriter, TantivyDocument};

    use super::*;
    use crate::analyzer::{Dictionaries, register_analyzers};
    use crate::schema::{Fields, build_schema};

    const BODIES: [&str; 8] = [
        "The peaceful settlement of disputes.",
        "Peaceful settlements, peaceful settlement: both were asked for in the long debate.",
        "A settlement, peaceful or not.",
        "peaceful and lasting settlement",
        "Peace talks resumed; peace talks stalled; peace talks resumed again in Geneva.",
        "talks peace",
        "Nothing here.",
        "peaceful settlement peaceful settlement peaceful settlement",
    ];

    /// The analysed words of `text` in English.
    fn words(index: &Index, text: &str) -> Vec<String> {
        let mut analyzer = index.tokenizers().get("text_en").unwrap();
        let mut stream = analyzer.token_stream(text);
        let mut words = Vec::new();
        while let Some(token) = stream.next() {
            words.push(token.text.clone());
        }
        words
    }

    /// An English index of [`BODIES`] in two segments, the third document deleted, where
    /// every word but "lasting" is frequent.
    fn index() -> (Index, Fields, PairWords) {
        let index = Index::create_in_ram(build_schema());
        let none = Dictionaries::none();
        register_analyzers(&index, &none.best_plan(), &none, &BTreeSet::new());
        let rare = words(&index, "lasting");
        let frequent = BODIES
            .iter()
            .flat_map(|body| words(&index, body))
            .filter(|word| !rare.contains(word))
            .collect();
        let pair_words = PairWords::from([("en".to_string(), frequent)]);
        crate::analyzer::pair_words::register_pairs(&index, &pair_words);
        let fields = Fields::from_schema(&index.schema()).unwrap();
        let en = fields.lang("en").unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for (n, body) in BODIES.iter().enumerate() {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.id, n.to_string());
            doc.add_text(en.body, body);
            doc.add_text(en.pairs.unwrap(), body);
            writer.add_document(doc).unwrap();
            if n == 3 {
                writer.commit().unwrap();
            }
        }
        writer.delete_term(Term::from_field_text(fields.id, "2"));
        writer.commit().unwrap();
        (index, fields, pair_words)
    }

    /// Every hit of `query` with its score, best first.
    fn hits(index: &Index, query: &dyn Query) -> Vec<(Score, DocAddress)> {
        let searcher = index.reader().unwrap().searcher();
        let (top, count) = searcher
            .search(query, &(TopDocs::with_limit(100).order_by_score(), Count))
            .unwrap();
        assert_eq!(top.len(), count);
        top
    }

    fn parse(
        (index, fields, pair_words): &(Index, Fields, PairWords),
        text: &str,
    ) -> (Box<dyn Query>, HashSet<Phrase>) {
        let langs = vec![fields.lang("en").unwrap()];
        let parser = QueryParser::for_index(index, vec![langs[0].body]);
        let ast = tantivy::query_grammar::parse_query(text).unwrap();
        let phrases = adjacent_phrases(index, &langs, pair_words, &ast);
        let query = parser.build_query_from_user_input_ast(ast.clone()).unwrap();
        (with_pairs(query, index, &langs, pair_words, &ast), phrases)
    }

    #[test]
    fn a_pair_phrase_finds_and_scores_what_tantivy_s_phrase_query_does() {
        let setup = index();
        let (index, fields, _) = &setup;
        let en = fields.lang("en").unwrap();
        for (text, expected) in [
            ("peaceful settlement", 3),
            ("peace talks", 1),
            ("talks peace", 1),
            ("settlement peaceful", 2),
            ("geneva peace", 0),
        ] {
            let terms = words(index, text)
                .iter()
                .map(|word| Term::from_field_text(en.body, word))
                .collect();
            let tantivy = hits(index, &PhraseQuery::new(terms));
            let (ours, phrases) = parse(&setup, &format!("\"{text}\""));
            assert_eq!(phrases.len(), 1, "{text}");
            assert!(ours.downcast_ref::<PairPhraseQuery>().is_some(), "{text}");
            assert_eq!(hits(index, ours.as_ref()), tantivy, "{text}");
            assert_eq!(tantivy.len(), expected, "{text}");
        }
    }

    #[test]
    fn only_exact_adjacent_two_word_phrases_are_rewritten() {
        let setup = index();
        let (index, fields, _) = &setup;
        for text in [
            "\"peaceful settlement\"~1",
            "\"peaceful settle\"*",
            "\"peaceful settlement\" OR \"peaceful settlement\"~2",
            "\"peaceful settlement\"^2",
            "\"peaceful and lasting\"",
            // "lasting" is not frequent: no pair holds it.
            "\"lasting settlement\"",
            "peaceful",
        ] {
            let (query, phrases) = parse(&setup, text);
            assert!(phrases.is_empty(), "{text}: {phrases:?}");
            let mut rewritten = false;
            query.query_terms(&mut |term, _| {
                rewritten |= term.field() == fields.lang("en").unwrap().pairs.unwrap();
            });
            assert!(!rewritten, "{text}");
        }
        // Inside a boolean query, next to other clauses: rewritten, same hits.
        let (query, phrases) = parse(&setup, "\"peaceful settlement\" -debate");
        assert_eq!(phrases.len(), 1);
        let boolean = query.downcast_ref::<BooleanQuery>().unwrap();
        assert!(
            boolean
                .clauses()
                .iter()
                .any(|(_, clause)| { clause.downcast_ref::<PairPhraseQuery>().is_some() })
        );
        assert_eq!(hits(index, query.as_ref()).len(), 2);
    }
}
