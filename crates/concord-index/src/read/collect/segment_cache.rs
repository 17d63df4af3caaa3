//! Per-segment arrays that the collectors of every search read: each document's facet
//! ordinals and date (first and last day), copied once out of tantivy's columns into plain vectors, and what
//! each facet ordinal stands for.
//!
//! Reading a multi-valued or optional fast field through tantivy's columnar API costs about
//! 25 ns a document (index lookups, bit unpacking); a faceted search over 100,000 hits reads
//! four facet ordinals and a date for each. A plain vector costs a few nanoseconds, for about
//! 16 bytes a document of memory (16 MB at a million: 4 for the offset, 2 a facet value, 4 for
//! each end of the date). The segments of a published generation
//! never change, so [`SegmentCache`] keeps the arrays for the life of the opened index,
//! building each segment's on first use.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use concord_corpus::FacetGroup;
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, SegmentReader};

use crate::schema::{DATE_END, DATE_START, FACET};

/// An ordinal that stands for no `/group/value` facet.
pub const NO_VALUE: u32 = u32::MAX;

/// A document without a date.
pub const NO_DATE: i32 = i32::MIN;

/// Every document's facet ordinals, end to end: 16 bits each when the segment has fewer than
/// 65,536 facet values (always, in practice), else 32.
enum OrdStore {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

/// The facet ordinals of one document.
#[derive(Clone)]
pub enum Ords<'a> {
    Narrow(std::slice::Iter<'a, u16>),
    Wide(std::slice::Iter<'a, u32>),
}

impl Iterator for Ords<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        match self {
            Ords::Narrow(ords) => ords.next().map(|&ord| usize::from(ord)),
            Ords::Wide(ords) => ords.next().map(|&ord| ord as usize),
        }
    }
}

pub struct SegmentArrays {
    /// What each facet ordinal stands for: `(group, value)`, or `None` for a path that is not
    /// `/group/value`.
    pub values: Vec<Option<(FacetGroup, String)>>,
    /// Each facet ordinal's id in the opened index's [`SegmentCache`] (the same id in every
    /// segment), or [`NO_VALUE`]: per-segment counts add up by id, with no hashing.
    pub global: Vec<u32>,
    /// Document `d`'s facet ordinals are `ords[offsets[d]..offsets[d + 1]]`.
    offsets: Vec<u32>,
    ords: OrdStore,
    /// Each document's first date as `yyyymmdd`, or [`NO_DATE`].
    pub dates: Vec<i32>,
    /// The last day each document's date covers (`2022-03` → 20220331), or [`NO_DATE`].
    pub ends: Vec<i32>,
    /// The dates of each block of documents (see [`crate::read::collect::date_blocks`]).
    pub date_blocks: Vec<crate::read::collect::date_blocks::Summary>,
    /// The earliest and the latest first day of the segment's documents, if any is dated.
    pub date_range: Option<(i32, i32)>,
}

impl SegmentArrays {
    fn build(
        segment: &SegmentReader,
        interner: &Mutex<Interner>,
    ) -> tantivy::Result<SegmentArrays> {
        let facets = segment.facet_reader(FACET)?;
        let mut values = Vec::with_capacity(facets.num_facets());
        let mut stream = facets.facet_dict().stream()?;
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
            values.push(entry);
        }
        let global = {
            let mut interner = interner
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            values
                .iter()
                .map(|entry| match entry {
                    Some(value) => interner.intern(value),
                    None => NO_VALUE,
                })
                .collect()
        };
        let max_doc = segment.max_doc();
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut wide: Vec<u32> = Vec::with_capacity(max_doc as usize * 4);
        for doc in 0..max_doc {
            offsets.push(wide.len() as u32);
            wide.extend(facets.facet_ords(doc).map(|ord| ord as u32));
        }
        offsets.push(wide.len() as u32);
        let ords = if values.len() <= usize::from(u16::MAX) {
            OrdStore::Narrow(wide.iter().map(|&ord| ord as u16).collect())
        } else {
            OrdStore::Wide(wide)
        };
        let days = |field: &str| -> tantivy::Result<Vec<i32>> {
            let column = segment.fast_fields().i64(field)?;
            Ok((0..max_doc)
                .map(|doc| {
                    column
                        .first(doc)
                        .and_then(|day| i32::try_from(day).ok())
                        .unwrap_or(NO_DATE)
                })
                .collect())
        };
        let dates = days(DATE_START)?;
        let ends = days(DATE_END)?;
        let date_blocks = crate::read::collect::date_blocks::summarize(&dates, &ends);
        let dated = dates.iter().copied().filter(|day| *day != NO_DATE);
        let date_range = dated.clone().min().zip(dated.max());
        Ok(SegmentArrays {
            values,
            global,
            offsets,
            ords,
            dates,
            ends,
            date_blocks,
            date_range,
        })
    }

    /// Whether `doc`'s date overlaps the days `from..=to` (`yyyymmdd`); an undated document
    /// overlaps nothing.
    #[inline]
    pub fn overlaps(&self, doc: DocId, (from, to): (i32, i32)) -> bool {
        let doc = doc as usize;
        match (self.dates.get(doc), self.ends.get(doc)) {
            (Some(&start), Some(&end)) => start != NO_DATE && end >= from && start <= to,
            _ => false,
        }
    }

    /// The facet ordinals of `doc`.
    #[inline]
    pub fn ords(&self, doc: DocId) -> Ords<'_> {
        let doc = doc as usize;
        let (start, end) = match (self.offsets.get(doc), self.offsets.get(doc + 1)) {
            (Some(&start), Some(&end)) => (start as usize, end as usize),
            _ => (0, 0),
        };
        match &self.ords {
            OrdStore::Narrow(ords) => Ords::Narrow(ords[start..end].iter()),
            OrdStore::Wide(ords) => Ords::Wide(ords[start..end].iter()),
        }
    }
}

/// Facet values numbered across the segments of one opened index.
#[derive(Default)]
struct Interner {
    ids: HashMap<(FacetGroup, String), u32>,
    values: Vec<(FacetGroup, String)>,
}

impl Interner {
    fn intern(&mut self, value: &(FacetGroup, String)) -> u32 {
        if let Some(&id) = self.ids.get(value) {
            return id;
        }
        let id = self.values.len() as u32;
        self.values.push(value.clone());
        self.ids.insert(value.clone(), id);
        id
    }
}

/// The arrays of the segments of one opened index.
#[derive(Default)]
pub struct SegmentCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentArrays>>>,
    interner: Mutex<Interner>,
}

impl SegmentCache {
    pub fn get(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentArrays>> {
        let id = segment.segment_id();
        if let Some(arrays) = self.lock().get(&id) {
            return Ok(Arc::clone(arrays));
        }
        // Built outside the lock: two searches may both build a new segment's arrays once.
        let arrays = Arc::new(SegmentArrays::build(segment, &self.interner)?);
        self.lock().insert(id, Arc::clone(&arrays));
        Ok(arrays)
    }

    /// Counts by value id (see [`SegmentArrays::global`]) as counts by value.
    pub fn by_value(&self, counts: &[u64]) -> crate::read::collect::facet_count::Counts {
        let interner = self
            .interner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        counts
            .iter()
            .enumerate()
            .filter(|(_, count)| **count > 0)
            .filter_map(|(id, count)| Some((interner.values.get(id)?.clone(), *count)))
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentArrays>>> {
        // The map only ever gains complete entries, so a panic elsewhere cannot leave it torn.
        self.segments
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
