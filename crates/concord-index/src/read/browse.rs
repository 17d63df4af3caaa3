//! Browsing everything (no text, no filter, no dates): the web page's first view. Its facet
//! counts and histogram depend only on the generation, so they are computed on first use and
//! kept with the opened index (a published generation never changes), and its hits by
//! relevance are simply the first documents (every document scores the same). At a million
//! passages this takes the match-all browse from about 33 ms (a pass over every document's
//! facet and date columns) to well under a millisecond.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use concord_corpus::FacetGroup;
use tantivy::{DocAddress, Searcher};

use crate::error::SearchError;
use crate::read::collect::facet_count::Counts;
use crate::read::collect::histogram::HistogramCollector;
use crate::read::open::SearchIndex;
use crate::read::request::HistogramInterval;

/// What a match-all browse shows, per opened index.
#[derive(Default)]
pub struct BrowseCache {
    counts: OnceLock<Counts>,
    years: OnceLock<BTreeMap<i64, u64>>,
    months: OnceLock<BTreeMap<i64, u64>>,
}

impl SearchIndex {
    /// Counts of every value of every group over the whole index.
    pub(crate) fn match_all_counts(&self, searcher: &Searcher) -> Result<&Counts, SearchError> {
        if let Some(counts) = self.browse.counts.get() {
            return Ok(counts);
        }
        let counts = searcher.search(
            &tantivy::query::AllQuery,
            &self.facet_collector(&FacetGroup::ALL),
        )?;
        Ok(self.browse.counts.get_or_init(|| counts))
    }

    /// The histogram of the whole index.
    pub(crate) fn match_all_histogram(
        &self,
        searcher: &Searcher,
        interval: HistogramInterval,
    ) -> Result<&BTreeMap<i64, u64>, SearchError> {
        let cell = match interval {
            HistogramInterval::Year => &self.browse.years,
            HistogramInterval::Month => &self.browse.months,
        };
        if let Some(histogram) = cell.get() {
            return Ok(histogram);
        }
        let histogram = searcher.search(
            &tantivy::query::AllQuery,
            &HistogramCollector {
                interval,
                cache: &self.segments,
            },
        )?;
        Ok(cell.get_or_init(|| histogram))
    }
}

/// The live documents `offset..offset + limit` in index order, and how many there are.
pub(crate) fn first_documents(
    searcher: &Searcher,
    offset: usize,
    limit: usize,
) -> (Vec<DocAddress>, usize) {
    let mut addresses = Vec::with_capacity(limit);
    let mut skip = offset;
    'segments: for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|alive| !alive.is_alive(doc)) {
                continue;
            }
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if addresses.len() == limit {
                break 'segments;
            }
            addresses.push(DocAddress::new(segment_ord as u32, doc));
        }
    }
    (addresses, searcher.num_docs() as usize)
}
