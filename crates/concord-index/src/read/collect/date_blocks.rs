//! Skipping the documents a date filter rules out, block by block.
//!
//! The collectors check every document's date ([`crate::read::collect::dated`]), so a text query with a date
//! filter still walks every document the text finds: "peace" from 1990 to 2009 visits all
//! 114,632 UNGDC passages that say "peace", three quarters of them outside those years. Each
//! segment also keeps, for every block of [`BLOCK`] documents, the earliest first day and the
//! latest last day of its dated documents ([`summarize`]). Where documents arrive roughly in
//! date order (an archive imported year by year, a collection updated as events happen),
//! consecutive blocks hold consecutive periods, and a date range covers a few stretches of
//! blocks. [`DatePrefilter`] is a required clause whose documents are those stretches: the
//! text's postings seek from one stretch to the next instead of being read document by
//! document. The collectors still check each document's date exactly, so the prefilter can
//! only make a search faster, never change its answer. A search with dates and nothing else
//! to match (no text; the pass that counts a filtered group without its filter) runs the
//! stretches alone. Where the stretches would cover more than half a segment (documents in
//! random date order), the clause answers tantivy's `AllScorer`, which a boolean query drops:
//! no cost at all.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::query::{AllScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED};

use crate::read::collect::segment_cache::{NO_DATE, SegmentCache};

/// Documents per block.
pub const BLOCK: usize = 128;

/// A block's date summary: the earliest first day and the latest last day (`yyyymmdd`) of its
/// dated documents; `(i32::MAX, i32::MIN)` when it has none, which overlaps no range.
pub type Summary = (i32, i32);

/// Above this share of a segment's documents, the stretches are not worth seeking through.
const WORTH_IT: f64 = 0.5;

/// One summary per block of `dates` (first days) and `ends` (last days).
pub fn summarize(dates: &[i32], ends: &[i32]) -> Vec<Summary> {
    dates
        .chunks(BLOCK)
        .zip(ends.chunks(BLOCK))
        .map(|(dates, ends)| {
            dates
                .iter()
                .zip(ends)
                .filter(|(start, _)| **start != NO_DATE)
                .fold((i32::MAX, i32::MIN), |(low, high), (start, end)| {
                    (low.min(*start), high.max(*end))
                })
        })
        .collect()
}

/// The document ranges `[start, end)` of the blocks whose dates may overlap `from..=to`,
/// adjacent blocks joined; `max_doc` ends the last block. `None` as soon as they hold more
/// than `most` documents (not worth it; a segment in random date order stops halfway).
pub fn stretches(
    blocks: &[Summary],
    (from, to): (i32, i32),
    max_doc: DocId,
    most: u32,
) -> Option<Vec<(DocId, DocId)>> {
    let mut stretches: Vec<(DocId, DocId)> = Vec::new();
    let mut covered = 0u32;
    for (index, (low, high)) in blocks.iter().enumerate() {
        if *high < from || *low > to {
            continue;
        }
        let start = (index * BLOCK) as DocId;
        let end = (((index + 1) * BLOCK) as DocId).min(max_doc);
        covered += end - start;
        if covered > most {
            return None;
        }
        match stretches.last_mut() {
            Some(last) if last.1 == start => last.1 = end,
            _ => stretches.push((start, end)),
        }
    }
    Some(stretches)
}

/// Document ranges `[start, end)`, in order.
type Ranges = Arc<[(DocId, DocId)]>;

/// A required clause that keeps the blocks a date range may hit (see the module docs).
#[derive(Clone, Debug)]
pub struct DatePrefilter {
    /// Each segment's stretches, where they cover at most half of it.
    segments: Arc<HashMap<SegmentId, Ranges>>,
}

impl DatePrefilter {
    /// The stretches of every segment of `searcher` for `days` (inclusive `yyyymmdd` bounds).
    pub fn new(
        searcher: &Searcher,
        cache: &SegmentCache,
        days: (i32, i32),
    ) -> tantivy::Result<DatePrefilter> {
        let mut segments = HashMap::new();
        for reader in searcher.segment_readers() {
            let arrays = cache.get(reader)?;
            let most = (WORTH_IT * f64::from(reader.max_doc())) as u32;
            if let Some(found) = stretches(&arrays.date_blocks, days, reader.max_doc(), most) {
                segments.insert(reader.segment_id(), Arc::from(found));
            }
        }
        Ok(DatePrefilter {
            segments: Arc::new(segments),
        })
    }

    /// Whether any segment is worth prefiltering.
    pub fn is_useful(&self) -> bool {
        !self.segments.is_empty()
    }
}

impl Query for DatePrefilter {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for DatePrefilter {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.segments.get(&reader.segment_id()) {
            Some(stretches) => Box::new(Stretches::new(Arc::clone(stretches))),
            None => Box::new(AllScorer::new(reader.max_doc())),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new("in a block the date range may hit", 0.0))
        } else {
            Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} is in no block the date range may hit"
            )))
        }
    }
}

/// Every document of some stretches, in order; scores 0 (a filter adds nothing to a score).
struct Stretches {
    stretches: Ranges,
    /// The stretch holding `doc`.
    index: usize,
    doc: DocId,
    len: u32,
}

impl Stretches {
    fn new(stretches: Ranges) -> Stretches {
        let len = stretches.iter().map(|(start, end)| end - start).sum();
        let doc = stretches.first().map_or(TERMINATED, |first| first.0);
        Stretches {
            stretches,
            index: 0,
            doc,
            len,
        }
    }
}

impl DocSet for Stretches {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.seek(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.doc {
            return self.doc;
        }
        while let Some(&(start, end)) = self.stretches.get(self.index) {
            if target < end {
                self.doc = target.max(start);
                return self.doc;
            }
            self.index += 1;
        }
        self.doc = TERMINATED;
        TERMINATED
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.len
    }
}

impl Scorer for Stretches {
    fn score(&mut self) -> Score {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_summarize_their_dated_documents() {
        let mut dates = vec![NO_DATE; BLOCK * 3];
        let mut ends = vec![NO_DATE; BLOCK * 3];
        // Block 0: 1990 and 1991-05; block 1: nothing dated; block 2: 2005.
        (dates[3], ends[3]) = (19900101, 19901231);
        (dates[9], ends[9]) = (19910501, 19910531);
        (dates[2 * BLOCK], ends[2 * BLOCK]) = (20050101, 20051231);
        let blocks = summarize(&dates, &ends);
        assert_eq!(
            blocks,
            [
                (19900101, 19910531),
                (i32::MAX, i32::MIN),
                (20050101, 20051231)
            ]
        );
        let max_doc = (BLOCK * 3 - 10) as DocId;
        let all = max_doc;
        assert_eq!(
            stretches(&blocks, (19910101, 19911231), max_doc, all).unwrap(),
            [(0, BLOCK as DocId)]
        );
        // Overlapping the end of a period counts: 1990 overlaps 1990-12-31..1991.
        let late = stretches(&blocks, (19901231, 20001231), max_doc, all).unwrap();
        assert_eq!(late.len(), 1);
        // The last block ends at max_doc.
        assert_eq!(
            stretches(&blocks, (19000101, 20991231), max_doc, all).unwrap(),
            [(0, BLOCK as DocId), (2 * BLOCK as DocId, max_doc)]
        );
        let none = stretches(&blocks, (19920101, 20041231), max_doc, all).unwrap();
        assert!(none.is_empty());
        // More documents than wanted: not worth it.
        assert!(stretches(&blocks, (19000101, 20991231), max_doc, BLOCK as u32).is_none());
    }

    #[test]
    fn stretches_advance_and_seek_across_gaps() {
        let mut docs = Stretches::new(Arc::from(vec![(2, 4), (10, 12)]));
        let mut seen = vec![docs.doc()];
        while docs.advance() != TERMINATED {
            seen.push(docs.doc());
        }
        assert_eq!(seen, [2, 3, 10, 11]);
        let mut docs = Stretches::new(Arc::from(vec![(2, 4), (10, 12)]));
        assert_eq!(docs.seek(3), 3);
        assert_eq!(docs.seek(5), 10);
        assert_eq!(docs.seek(11), 11);
        assert_eq!(docs.seek(12), TERMINATED);
        assert_eq!(docs.size_hint(), 4);
        assert_eq!(Stretches::new(Arc::from(Vec::new())).doc(), TERMINATED);
    }
}
