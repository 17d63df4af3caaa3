//! Sorting hits by date from the segment arrays.
//!
//! Tantivy's `order_by_fast_field` opens the date column of every segment on every search,
//! which decodes the column's block index (a quarter of a date-sorted search on UNGDC) and
//! then reads each hit's value through it. [`ByDay`] reads the first day of each hit from
//! [`crate::read::collect::segment_cache::SegmentArrays`] instead, kept per opened index, with the same key
//! and comparator as tantivy's (`Option<i64>`, undated documents last both ways), so the
//! order of the hits does not change.

use std::collections::HashMap;
use std::sync::Arc;

use tantivy::collector::sort_key::NaturalComparator;
use tantivy::collector::{SegmentSortKeyComputer, SortKeyComputer};
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentReader};

use crate::read::collect::segment_cache::{NO_DATE, SegmentArrays, SegmentCache};

/// Sorts by the first day of each document's date (`yyyymmdd`), `None` for undated ones.
pub struct ByDay {
    arrays: Arc<HashMap<SegmentId, Arc<SegmentArrays>>>,
}

impl ByDay {
    /// The arrays of `searcher`'s segments, from `cache`.
    pub fn new(searcher: &Searcher, cache: &SegmentCache) -> tantivy::Result<ByDay> {
        let arrays = searcher
            .segment_readers()
            .iter()
            .map(|segment| Ok((segment.segment_id(), cache.get(segment)?)))
            .collect::<tantivy::Result<_>>()?;
        Ok(ByDay {
            arrays: Arc::new(arrays),
        })
    }
}

impl SortKeyComputer for ByDay {
    type SortKey = Option<i64>;
    type Child = SegmentByDay;
    type Comparator = NaturalComparator;

    fn segment_sort_key_computer(&self, segment: &SegmentReader) -> tantivy::Result<SegmentByDay> {
        let arrays = self.arrays.get(&segment.segment_id()).ok_or_else(|| {
            tantivy::TantivyError::InternalError("a segment outside the searcher".to_string())
        })?;
        Ok(SegmentByDay {
            arrays: Arc::clone(arrays),
        })
    }
}

pub struct SegmentByDay {
    arrays: Arc<SegmentArrays>,
}

impl SegmentSortKeyComputer for SegmentByDay {
    type SortKey = Option<i64>;
    type SegmentSortKey = Option<i64>;
    type SegmentComparator = NaturalComparator;

    #[inline]
    fn segment_sort_key(&mut self, doc: DocId, _score: Score) -> Option<i64> {
        match self.arrays.dates.get(doc as usize) {
            Some(&day) if day != NO_DATE => Some(i64::from(day)),
            _ => None,
        }
    }

    fn convert_segment_sort_key(&self, key: Option<i64>) -> Option<i64> {
        key
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::AllQuery;
    use tantivy::{DocAddress, Index, IndexWriter, Order, TantivyDocument};

    use std::collections::BTreeSet;

    use super::*;
    use crate::analyzer::{Dictionaries, register_analyzers};
    use crate::schema::{DATE_START, Fields, build_schema};

    #[test]
    fn hits_come_in_the_order_of_tantivy_s_fast_field_sort() {
        let index = Index::create_in_ram(build_schema());
        let none = Dictionaries::none();
        register_analyzers(&index, &none.best_plan(), &none, &BTreeSet::new());
        let fields = Fields::from_schema(&index.schema()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Ties, undated documents, two segments.
        let days = [
            Some(20220329),
            None,
            Some(19930913),
            Some(20220329),
            None,
            Some(20150212),
        ];
        for (n, day) in days.iter().chain(&days).enumerate() {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.id, n.to_string());
            if let Some(day) = day {
                doc.add_i64(fields.date_start, *day);
                doc.add_i64(fields.date_end, *day);
            }
            writer.add_document(doc).unwrap();
            if n == 5 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let cache = SegmentCache::default();
        for order in [Order::Asc, Order::Desc] {
            for limit in [3, 12] {
                let tantivy: Vec<(Option<i64>, DocAddress)> = searcher
                    .search(
                        &AllQuery,
                        &TopDocs::with_limit(limit).order_by_fast_field::<i64>(DATE_START, order),
                    )
                    .unwrap();
                let ours = searcher
                    .search(
                        &AllQuery,
                        &TopDocs::with_limit(limit)
                            .order_by((ByDay::new(&searcher, &cache).unwrap(), order)),
                    )
                    .unwrap();
                assert_eq!(ours, tantivy, "{order:?}, limit {limit}");
            }
        }
    }
}
