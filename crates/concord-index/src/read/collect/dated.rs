//! The date bounds of a search, checked by the collectors on the segment arrays.
//!
//! tantivy 0.27 answers a range over a fast field by scanning its column ahead of the
//! documents it is asked about (issue 7's known trap): cheap next to a text query on an index
//! whose segments each hold a few years (whole segments fall outside the range), but several
//! milliseconds once one segment spans every year. The search therefore leaves the dates out
//! of the tantivy query and passes the documents the text and the facet filters find through
//! [`WithinDays`], one array lookup each ([`SegmentArrays::overlaps`]).

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentReader};

use crate::read::collect::segment_cache::{SegmentArrays, SegmentCache};

/// Passes to `inner` only the documents whose date overlaps `days` (inclusive `yyyymmdd`
/// bounds); everything when `days` is `None`.
pub struct WithinDays<'a, C> {
    pub inner: C,
    pub cache: &'a SegmentCache,
    pub days: Option<(i32, i32)>,
}

pub struct WithinDaysSegment<S> {
    inner: S,
    /// The segment's arrays and the bounds, when there are bounds.
    check: Option<(Arc<SegmentArrays>, (i32, i32))>,
}

impl<C: Collector> Collector for WithinDays<'_, C> {
    type Fruit = C::Fruit;
    type Child = WithinDaysSegment<C::Child>;

    fn for_segment(
        &self,
        segment_ord: u32,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let check = match self.days {
            Some(days) => Some((self.cache.get(segment)?, days)),
            None => None,
        };
        Ok(WithinDaysSegment {
            inner: self.inner.for_segment(segment_ord, segment)?,
            check,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<C::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<C::Fruit> {
        self.inner.merge_fruits(fruits)
    }
}

impl<S: SegmentCollector> SegmentCollector for WithinDaysSegment<S> {
    type Fruit = S::Fruit;

    #[inline]
    fn collect(&mut self, doc: DocId, score: Score) {
        if let Some((arrays, days)) = &self.check
            && !arrays.overlaps(doc, *days)
        {
            return;
        }
        self.inner.collect(doc, score);
    }

    fn harvest(self) -> S::Fruit {
        self.inner.harvest()
    }
}
