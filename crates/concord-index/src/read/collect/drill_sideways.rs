//! Disjunctive facet counts in one pass ("drill sideways", as Lucene calls it).
//!
//! A group with a filter is counted without its own filter, so that ticking a party still
//! shows the other parties' counts. Done naively that is one more search per filtered group.
//! Instead, one pass runs the text alone and checks each document's date against the date
//! bounds and its facet ordinals against every filter (both from the segment arrays; a date
//! check on a plain array costs less than tantivy's range over the date columns):
//! - a document outside the dates counts nowhere;
//! - a document that passes every filter is a hit: the inner collectors (top documents,
//!   count, histogram) see it, and every counted group counts it;
//! - a document that fails exactly one filter counts only in that filter's group;
//! - a document that fails two or more is ignored.
//!
//! Filters do not score here (as in Elasticsearch's filter context): a hit's score comes from
//! the text alone.

use std::sync::Arc;

use concord_corpus::FacetGroup;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED};

use crate::read::collect::facet_count::{ById, Counts, add, by_id};
use crate::read::collect::segment_cache::{SegmentArrays, SegmentCache};

/// Wraps the collectors of the hits (`inner`) and counts `groups` disjunctively under
/// `filters` (each: a group and the ids it accepts; at most 8).
pub struct DrillSideways<'a, C> {
    pub inner: C,
    pub cache: &'a SegmentCache,
    pub groups: Vec<FacetGroup>,
    pub filters: &'a [(FacetGroup, Vec<String>)],
    /// Inclusive day bounds (`yyyymmdd`) a document's date must overlap, if any.
    pub days: Option<(i32, i32)>,
}

/// What one segment of the inner collectors yields.
type SegmentFruit<C> = <<C as Collector>::Child as SegmentCollector>::Fruit;

pub struct DrillSidewaysSegment<S> {
    inner: S,
    arrays: Arc<SegmentArrays>,
    /// Per ordinal, packed so that one lookup answers every question of [`collect`]: the bit
    /// of the filter its value satisfies (bits 0–7, 0 if none), the bit of the filter on its
    /// group if that group is counted (bits 8–15), and whether its group is counted
    /// ([`COUNTED`]).
    ///
    /// [`collect`]: SegmentCollector::collect
    info: Vec<u32>,
    /// Every filter's bit.
    all: u8,
    days: Option<(i32, i32)>,
    counts: Vec<u32>,
}

const COUNTED: u32 = 1 << 16;

impl<C: Collector> Collector for DrillSideways<'_, C> {
    type Fruit = (C::Fruit, Counts);
    type Child = DrillSidewaysSegment<C::Child>;

    fn for_segment(
        &self,
        segment_ord: u32,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let arrays = self.cache.get(segment)?;
        let mut info = vec![0u32; arrays.values.len()];
        for (ord, entry) in arrays.values.iter().enumerate() {
            let Some((group, value)) = entry else {
                continue;
            };
            let counted = self.groups.contains(group);
            for (index, (filtered, ids)) in self.filters.iter().enumerate().take(8) {
                if filtered == group {
                    if counted {
                        info[ord] |= 1 << (index + 8);
                    }
                    if ids.iter().any(|id| id == value) {
                        info[ord] |= 1 << index;
                    }
                }
            }
            if counted {
                info[ord] |= COUNTED;
            }
        }
        let all = (0..self.filters.len().min(8)).fold(0u8, |bits, index| bits | (1 << index));
        Ok(DrillSidewaysSegment {
            inner: self.inner.for_segment(segment_ord, segment)?,
            counts: vec![0; info.len()],
            arrays,
            info,
            all,
            days: self.days,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentFruit<C>, ById)>,
    ) -> tantivy::Result<(C::Fruit, Counts)> {
        let mut inner = Vec::with_capacity(fruits.len());
        let mut total = ById::new();
        for (fruit, counts) in fruits {
            inner.push(fruit);
            add(&mut total, &counts);
        }
        Ok((self.inner.merge_fruits(inner)?, self.cache.by_value(&total)))
    }
}

/// Runs `query` through `collector` as tantivy's `Searcher::search` would, except that a
/// document's score is computed only when it is a hit: most documents the text finds fail a
/// filter and are only counted (UNGDC "peace" for India or Pakistan, 1990–2009: 485 hits among
/// 32,197 documents visited), and scoring them all cost a sixth of the pass.
pub fn search<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &DrillSideways<'_, C>,
) -> tantivy::Result<(C::Fruit, Counts)> {
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    let mut fruits = Vec::with_capacity(searcher.segment_readers().len());
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let mut segment = collector.for_segment(ord as u32, reader)?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|bits| bits.is_alive(doc)) {
                segment.visit(doc, || scorer.score());
            }
            doc = scorer.advance();
        }
        fruits.push(segment.harvest());
    }
    collector.merge_fruits(fruits)
}

impl<S: SegmentCollector> DrillSidewaysSegment<S> {
    /// Counts `doc`, and passes it to the inner collectors with its score when it is a hit.
    #[inline]
    fn visit(&mut self, doc: DocId, score: impl FnOnce() -> Score) {
        // The dates are not a counted group: outside them, a document counts nowhere.
        if let Some(days) = self.days
            && !self.arrays.overlaps(doc, days)
        {
            return;
        }
        let ords = self.arrays.ords(doc);
        let mut passed = 0u32;
        for ord in ords.clone() {
            passed |= self.info.get(ord).copied().unwrap_or(0);
        }
        let missing = self.all & !(passed as u8);
        if missing == 0 {
            self.inner.collect(doc, score());
            for ord in ords {
                if let (Some(info), Some(count)) = (self.info.get(ord), self.counts.get_mut(ord))
                    && info & COUNTED != 0
                {
                    *count += 1;
                }
            }
        } else if missing.count_ones() == 1 {
            // Counted only in the group whose filter it misses.
            let wanted = u32::from(missing) << 8;
            for ord in ords {
                if let (Some(info), Some(count)) = (self.info.get(ord), self.counts.get_mut(ord))
                    && info & 0xff00 == wanted
                {
                    *count += 1;
                }
            }
        }
    }
}

impl<S: SegmentCollector> SegmentCollector for DrillSidewaysSegment<S> {
    type Fruit = (S::Fruit, ById);

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        self.visit(doc, || score);
    }

    fn harvest(self) -> (S::Fruit, ById) {
        // Only counted groups were counted.
        let counts = by_id(&self.arrays, &self.counts, &FacetGroup::ALL);
        (self.inner.harvest(), counts)
    }
}
