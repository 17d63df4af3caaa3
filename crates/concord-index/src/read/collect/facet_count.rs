//! Counting facet values: a collector that adds one to a dense array slot per facet ordinal of
//! each hit, reading the ordinals and their meaning from the [`SegmentCache`].
//!
//! tantivy's `FacetCollector` maps every ordinal of every hit to its collapsed facet and then
//! reads each counted ordinal's term back from the segment's dictionary on every search; at a
//! million passages that was most of a faceted search. Concord's facets are all two levels
//! deep (`/party/russia`), so counting the leaf ordinals directly is exact.

use std::collections::HashMap;
use std::sync::Arc;

use concord_corpus::FacetGroup;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentReader};

use crate::read::collect::segment_cache::{SegmentArrays, SegmentCache};

/// Counts of facet values, by group then value.
pub type Counts = HashMap<(FacetGroup, String), u64>;

/// Counts by value id ([`SegmentArrays::global`]), what each segment yields.
pub type ById = Vec<u64>;

/// One segment's counts (by ordinal) of the values of `groups`, by value id.
pub fn by_id(arrays: &SegmentArrays, counts: &[u32], groups: &[FacetGroup]) -> ById {
    let mut out = ById::new();
    for ((count, entry), &id) in counts.iter().zip(&arrays.values).zip(&arrays.global) {
        if *count > 0
            && let Some((group, _)) = entry
            && groups.contains(group)
        {
            let id = id as usize;
            if out.len() <= id {
                out.resize(id + 1, 0);
            }
            out[id] += u64::from(*count);
        }
    }
    out
}

/// Adds up segments' counts by value id.
pub fn add(total: &mut ById, counts: &[u64]) {
    if total.len() < counts.len() {
        total.resize(counts.len(), 0);
    }
    for (sum, count) in total.iter_mut().zip(counts) {
        *sum += count;
    }
}

/// Counts the values of `groups` over the hits.
pub struct FacetCounter<'a> {
    pub cache: &'a SegmentCache,
    pub groups: Vec<FacetGroup>,
}

pub struct FacetSegmentCounter {
    arrays: Arc<SegmentArrays>,
    counts: Vec<u32>,
    groups: Vec<FacetGroup>,
}

impl Collector for FacetCounter<'_> {
    type Fruit = Counts;
    type Child = FacetSegmentCounter;

    fn for_segment(&self, _segment: u32, segment: &SegmentReader) -> tantivy::Result<Self::Child> {
        let arrays = self.cache.get(segment)?;
        Ok(FacetSegmentCounter {
            counts: vec![0; arrays.values.len()],
            arrays,
            groups: self.groups.clone(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<ById>) -> tantivy::Result<Counts> {
        let mut total = ById::new();
        for fruit in &fruits {
            add(&mut total, fruit);
        }
        Ok(self.cache.by_value(&total))
    }
}

impl SegmentCollector for FacetSegmentCounter {
    type Fruit = ById;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        for ord in self.arrays.ords(doc) {
            if let Some(count) = self.counts.get_mut(ord) {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> ById {
        by_id(&self.arrays, &self.counts, &self.groups)
    }
}
