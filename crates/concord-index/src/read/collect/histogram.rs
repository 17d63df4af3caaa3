//! A collector that counts hits per year or month of their date.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentReader};

use crate::read::collect::segment_cache::{NO_DATE, SegmentArrays, SegmentCache};
use crate::read::request::HistogramInterval;

/// Counts hits by the year (`yyyy`) or month (`yyyymm`) of their first date; undated hits are
/// not counted.
pub struct HistogramCollector<'a> {
    pub interval: HistogramInterval,
    /// Where each segment's dates are read from.
    pub cache: &'a SegmentCache,
}

/// Counts in a dense array over the segment's range of buckets (from the column's smallest to
/// its largest date): one add per hit, no map lookups.
pub struct HistogramSegmentCollector {
    arrays: Arc<SegmentArrays>,
    divisor: i64,
    first_bucket: i64,
    counts: Vec<u64>,
}

impl HistogramCollector<'_> {
    fn divisor(&self) -> i64 {
        match self.interval {
            HistogramInterval::Year => 10_000,
            HistogramInterval::Month => 100,
        }
    }
}

impl Collector for HistogramCollector<'_> {
    type Fruit = BTreeMap<i64, u64>;
    type Child = HistogramSegmentCollector;

    fn for_segment(&self, _segment: u32, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        let arrays = self.cache.get(reader)?;
        let divisor = self.divisor();
        // A segment without dates has no buckets.
        let (first_bucket, buckets) = match arrays.date_range {
            Some((first, last)) => {
                let (first, last) = (
                    i64::from(first).div_euclid(divisor),
                    i64::from(last).div_euclid(divisor),
                );
                (first, usize::try_from(last - first + 1).unwrap_or(0))
            }
            None => (0, 0),
        };
        Ok(HistogramSegmentCollector {
            arrays,
            divisor,
            first_bucket,
            counts: vec![0; buckets],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut merged = BTreeMap::new();
        for fruit in fruits {
            for (bucket, count) in fruit {
                *merged.entry(bucket).or_insert(0) += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for HistogramSegmentCollector {
    type Fruit = BTreeMap<i64, u64>;

    #[inline]
    fn collect(&mut self, doc: DocId, _score: Score) {
        let day = self
            .arrays
            .dates
            .get(doc as usize)
            .copied()
            .unwrap_or(NO_DATE);
        if day != NO_DATE {
            let bucket = i64::from(day).div_euclid(self.divisor) - self.first_bucket;
            if let Some(count) = usize::try_from(bucket)
                .ok()
                .and_then(|bucket| self.counts.get_mut(bucket))
            {
                *count += 1;
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.first_bucket..)
            .zip(self.counts)
            .filter(|(_, count)| *count > 0)
            .collect()
    }
}

/// Buckets from the first to the last non-empty one, empty ones included, with their keys
/// (`2022` or `2022-03`).
pub fn buckets(counts: &BTreeMap<i64, u64>, interval: HistogramInterval) -> Vec<(String, u64)> {
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut buckets = Vec::new();
    let mut bucket = first;
    while bucket <= last {
        let count = counts.get(&bucket).copied().unwrap_or(0);
        match interval {
            HistogramInterval::Year => {
                buckets.push((format!("{bucket:04}"), count));
                bucket += 1;
            }
            HistogramInterval::Month => {
                buckets.push((format!("{:04}-{:02}", bucket / 100, bucket % 100), count));
                bucket = if bucket % 100 >= 12 {
                    (bucket / 100 + 1) * 100 + 1
                } else {
                    bucket + 1
                };
            }
        }
    }
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_between_buckets_are_filled_with_zeros() {
        let years = BTreeMap::from([(2019, 2), (2022, 1)]);
        let keys: Vec<_> = buckets(&years, HistogramInterval::Year);
        assert_eq!(
            keys,
            [
                ("2019".into(), 2),
                ("2020".into(), 0),
                ("2021".into(), 0),
                ("2022".into(), 1)
            ]
        );
        let months = BTreeMap::from([(202211, 1), (202302, 3)]);
        let keys: Vec<_> = buckets(&months, HistogramInterval::Month)
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        assert_eq!(keys, ["2022-11", "2022-12", "2023-01", "2023-02"]);
    }
}
