//! Excluded phrases (`-"security guarantees"`) asked about any document, in any order.
//!
//! Tantivy 0.27's `Exclude` asks each excluded docset whether it holds a document with
//! `seek_danger(doc)`, whatever that docset's position, while its phrase scorer requires the
//! target not to be behind its current document (a debug assertion; upstream issue #2811).
//! The fuzz target found it: `-"a b"` where the phrase's first match lies after the first
//! included document panics in a debug build. [`guard_exclusions`] wraps every excluded
//! clause that needs positions in [`PlainSeeks`], whose scorer answers `seek_danger` with
//! plain `seek`s (the `DocSet` default), so the phrase scorer is only ever moved forward.
//! Term exclusions are left alone (they keep tantivy's fast path).

use tantivy::query::{BooleanQuery, EnableScoring, Explanation, Occur, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

/// `query` with each excluded clause that holds a phrase wrapped in [`PlainSeeks`].
pub fn guard_exclusions(query: Box<dyn Query>) -> Box<dyn Query> {
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return query;
    };
    let clauses = boolean
        .clauses()
        .iter()
        .map(|(occur, clause)| {
            let clause = guard_exclusions(clause.box_clone());
            if *occur == Occur::MustNot && needs_positions(clause.as_ref()) {
                (
                    Occur::MustNot,
                    Box::new(PlainSeeks(clause)) as Box<dyn Query>,
                )
            } else {
                (*occur, clause)
            }
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn needs_positions(query: &dyn Query) -> bool {
    let mut positions = false;
    query.query_terms(&mut |_, needs| positions |= needs);
    positions
}

/// A query whose scorers never receive `seek_danger` (see the module docs).
#[derive(Debug)]
pub struct PlainSeeks(Box<dyn Query>);

impl Clone for PlainSeeks {
    fn clone(&self) -> PlainSeeks {
        PlainSeeks(self.0.box_clone())
    }
}

impl Query for PlainSeeks {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(PlainSeeksWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor);
    }
}

struct PlainSeeksWeight(Box<dyn Weight>);

impl Weight for PlainSeeksWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(PlainSeeksScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct PlainSeeksScorer(Box<dyn Scorer>);

impl DocSet for PlainSeeksScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.0.doc() >= target {
            return self.0.doc();
        }
        self.0.seek(target)
    }

    // `seek_danger` is the trait's default: a plain `seek` when behind, never backwards.

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for PlainSeeksScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
