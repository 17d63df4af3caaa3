//! BM25 with chosen `k1` and `b`. Tantivy's scorer fixes k1 = 1.2 and b = 0.75; published
//! runs (Pyserini, BEIR) use k1 = 0.9 and b = 0.4. [`Bm25TermQuery`] scores one term with the
//! same formula and statistics as tantivy (idf = ln(1 + (N - n + 0.5) / (n + 0.5)), the
//! field's average length over the whole index, lengths as tantivy stores them) and the
//! parameters given. It gives up tantivy's block-max pruning, so it is used only when asked
//! (`concord eval --k1 --b`); at k1 = 1.2, b = 0.75 it scores exactly as tantivy does (tested).

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term};

use crate::read::request::Bm25;

/// One term, scored with BM25 at [`Bm25`]'s parameters.
#[derive(Clone, Debug)]
pub struct Bm25TermQuery {
    term: Term,
    params: Bm25,
}

impl Bm25TermQuery {
    pub fn new(term: Term, params: Bm25) -> Bm25TermQuery {
        Bm25TermQuery { term, params }
    }
}

impl Query for Bm25TermQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let (idf, average_length) = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                let documents = statistics_provider.total_num_docs()?;
                let tokens = statistics_provider.total_num_tokens(self.term.field())?;
                let frequency = statistics_provider.doc_freq(&self.term)?.min(documents);
                let ratio = ((documents - frequency) as Score + 0.5) / (frequency as Score + 0.5);
                let average = if documents == 0 {
                    1.0
                } else {
                    tokens as Score / documents as Score
                };
                ((1.0 + ratio).ln(), average.max(Score::EPSILON))
            }
            EnableScoring::Disabled { .. } => (1.0, 1.0),
        };
        Ok(Box::new(Bm25TermWeight {
            term: self.term.clone(),
            params: self.params,
            idf,
            average_length,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

struct Bm25TermWeight {
    term: Term,
    params: Bm25,
    idf: Score,
    average_length: Score,
}

impl Weight for Bm25TermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let field = self.term.field();
        let Some(postings) = reader
            .inverted_index(field)?
            .read_postings(&self.term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(Box::new(EmptyScorer));
        };
        let Bm25 { k1, b } = self.params;
        // The length part of the denominator for each of tantivy's 256 length codes.
        let mut length_part = [0.0; 256];
        for (id, part) in length_part.iter_mut().enumerate() {
            let length = FieldNormReader::id_to_fieldnorm(id as u8) as Score;
            *part = k1 * (1.0 - b + b * length / self.average_length);
        }
        Ok(Box::new(Bm25TermScorer {
            postings,
            lengths: reader.get_fieldnorms_reader(field)?,
            length_part,
            weight: boost * self.idf * (k1 + 1.0),
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "bm25 with chosen k1 and b",
            scorer.score(),
        ))
    }
}

struct Bm25TermScorer {
    postings: SegmentPostings,
    lengths: FieldNormReader,
    length_part: [Score; 256],
    weight: Score,
}

impl DocSet for Bm25TermScorer {
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

impl Scorer for Bm25TermScorer {
    fn score(&mut self) -> Score {
        let frequency = self.postings.term_freq() as Score;
        let length = self.lengths.fieldnorm_id(self.postings.doc());
        self.weight * frequency / (frequency + self.length_part[usize::from(length)])
    }
}
