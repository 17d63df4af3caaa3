//! Per-segment arrays that the collectors of every search read: each document's facet
//! ordinals and first date, copied once out of tantivy's columns into plain vectors, and what
//! each facet ordinal stands for.
//!
//! Reading a multi-valued or optional fast field through tantivy's columnar API costs about
//! 25 ns a document (index lookups, bit unpacking); a faceted search over 100,000 hits reads
//! four facet ordinals and a date for each. A plain vector costs a few nanoseconds, for about
//! 20 bytes a document of memory (20 MB at a million). The segments of a published generation
//! never change, so [`SegmentCache`] keeps the arrays for the life of the opened index,
//! building each segment's on first use.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use concord_corpus::FacetGroup;
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, SegmentReader};

use crate::schema::{DATE_START, FACET};

/// A document without a date.
pub const NO_DATE: i64 = i64::MIN;

pub struct SegmentArrays {
    /// What each facet ordinal stands for: `(group, value)`, or `None` for a path that is not
    /// `/group/value`.
    pub values: Vec<Option<(FacetGroup, String)>>,
    /// Document `d`'s facet ordinals are `ords[offsets[d]..offsets[d + 1]]`.
    offsets: Vec<u32>,
    ords: Vec<u32>,
    /// Each document's first date as `yyyymmdd`, or [`NO_DATE`].
    pub dates: Vec<i64>,
}

impl SegmentArrays {
    fn build(segment: &SegmentReader) -> tantivy::Result<SegmentArrays> {
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
        let max_doc = segment.max_doc();
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::with_capacity(max_doc as usize * 4);
        for doc in 0..max_doc {
            offsets.push(ords.len() as u32);
            ords.extend(facets.facet_ords(doc).map(|ord| ord as u32));
        }
        offsets.push(ords.len() as u32);
        let column = segment.fast_fields().i64(DATE_START)?;
        let dates = (0..max_doc)
            .map(|doc| column.first(doc).unwrap_or(NO_DATE))
            .collect();
        Ok(SegmentArrays {
            values,
            offsets,
            ords,
            dates,
        })
    }

    /// The facet ordinals of `doc`.
    #[inline]
    pub fn ords(&self, doc: DocId) -> &[u32] {
        let doc = doc as usize;
        match (self.offsets.get(doc), self.offsets.get(doc + 1)) {
            (Some(&start), Some(&end)) => &self.ords[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// The arrays of the segments of one opened index.
#[derive(Default)]
pub struct SegmentCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentArrays>>>,
}

impl SegmentCache {
    pub fn get(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentArrays>> {
        let id = segment.segment_id();
        if let Some(arrays) = self.lock().get(&id) {
            return Ok(Arc::clone(arrays));
        }
        // Built outside the lock: two searches may both build a new segment's arrays once.
        let arrays = Arc::new(SegmentArrays::build(segment)?);
        self.lock().insert(id, Arc::clone(&arrays));
        Ok(arrays)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentArrays>>> {
        // The map only ever gains complete entries, so a panic elsewhere cannot leave it torn.
        self.segments
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
