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

use crate::segment_cache::{SegmentArrays, SegmentCache};

/// Counts of facet values, by group then value.
pub type Counts = HashMap<(FacetGroup, String), u64>;

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

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut fruits = fruits.into_iter();
        let mut merged = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (key, count) in fruit {
                *merged.entry(key).or_insert(0) += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for FacetSegmentCounter {
    type Fruit = Counts;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        for &ord in self.arrays.ords(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> Counts {
        let mut counts = Counts::new();
        for (count, entry) in self.counts.iter().zip(&self.arrays.values) {
            if *count > 0
                && let Some((group, value)) = entry
                && self.groups.contains(group)
            {
                counts.insert((*group, value.clone()), u64::from(*count));
            }
        }
        counts
    }
}
