//! Counting facet values: a collector that adds one to a dense array slot per facet ordinal of
//! each hit, and resolves ordinals to `(group, value)` through a table built once per segment.
//!
//! tantivy's `FacetCollector` maps every ordinal of every hit to its collapsed facet and then
//! reads each counted ordinal's term back from the segment's dictionary on every search; at a
//! million passages that was most of a faceted search. Concord's facets are all two levels
//! deep (`/party/russia`), so counting the leaf ordinals directly is exact, and the table from
//! ordinal to value depends only on the segment, so [`FacetTables`] keeps it for the life of
//! the opened index (segments of a published generation never change).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use concord_corpus::FacetGroup;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentReader};

use crate::schema::FACET;

/// What each facet ordinal of one segment stands for: its group and value, or `None` for a
/// path that is not `/group/value`.
pub struct FacetTable {
    entries: Vec<Option<(FacetGroup, String)>>,
}

impl FacetTable {
    fn build(reader: &FacetReader) -> tantivy::Result<FacetTable> {
        let mut entries = Vec::with_capacity(reader.num_facets());
        let mut stream = reader.facet_dict().stream()?;
        while stream.advance() {
            let entry =
                Facet::from_encoded(stream.key().to_vec())
                    .ok()
                    .and_then(|facet| match facet.to_path().as_slice() {
                        [group, value] => FacetGroup::ALL
                            .into_iter()
                            .find(|known| known.name() == *group)
                            .map(|group| (group, value.to_string())),
                        _ => None,
                    });
            entries.push(entry);
        }
        Ok(FacetTable { entries })
    }
}

/// The ordinal tables of the segments of one opened index, built on first use.
#[derive(Default)]
pub struct FacetTables {
    tables: Mutex<HashMap<SegmentId, Arc<FacetTable>>>,
}

impl FacetTables {
    fn get(
        &self,
        segment: &SegmentReader,
        reader: &FacetReader,
    ) -> tantivy::Result<Arc<FacetTable>> {
        let id = segment.segment_id();
        if let Some(table) = self.lock().get(&id) {
            return Ok(Arc::clone(table));
        }
        let table = Arc::new(FacetTable::build(reader)?);
        self.lock().insert(id, Arc::clone(&table));
        Ok(table)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<FacetTable>>> {
        // The map only ever gains complete entries, so a panic elsewhere cannot leave it torn.
        self.tables
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Counts of facet values, by group then value.
pub type Counts = HashMap<(FacetGroup, String), u64>;

/// Counts the values of `groups` over the hits.
pub struct FacetCounter<'a> {
    pub tables: &'a FacetTables,
    pub groups: Vec<FacetGroup>,
}

pub struct FacetSegmentCounter {
    reader: FacetReader,
    table: Arc<FacetTable>,
    wanted: Vec<bool>,
    counts: Vec<u32>,
}

impl Collector for FacetCounter<'_> {
    type Fruit = Counts;
    type Child = FacetSegmentCounter;

    fn for_segment(&self, _segment: u32, segment: &SegmentReader) -> tantivy::Result<Self::Child> {
        let reader = segment.facet_reader(FACET)?;
        let table = self.tables.get(segment, &reader)?;
        let wanted = table
            .entries
            .iter()
            .map(|entry| {
                entry
                    .as_ref()
                    .is_some_and(|(group, _)| self.groups.contains(group))
            })
            .collect();
        Ok(FacetSegmentCounter {
            counts: vec![0; table.entries.len()],
            reader,
            table,
            wanted,
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
        for ord in self.reader.facet_ords(doc) {
            if let Some(count) = self.counts.get_mut(ord as usize) {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> Counts {
        let mut counts = Counts::new();
        for ((count, wanted), entry) in self
            .counts
            .iter()
            .zip(&self.wanted)
            .zip(&self.table.entries)
        {
            if *count > 0
                && *wanted
                && let Some((group, value)) = entry
            {
                counts.insert((*group, value.clone()), u64::from(*count));
            }
        }
        counts
    }
}
