//! A collector that counts hits per year or month of their date.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentReader};

use crate::request::HistogramInterval;
use crate::schema::DATE_START;

/// Counts hits by the year (`yyyy`) or month (`yyyymm`) of their first date; undated hits are
/// not counted.
pub struct HistogramCollector {
    pub interval: HistogramInterval,
}

pub struct HistogramSegmentCollector {
    column: Column<i64>,
    divisor: i64,
    counts: BTreeMap<i64, u64>,
}

impl HistogramCollector {
    fn divisor(&self) -> i64 {
        match self.interval {
            HistogramInterval::Year => 10_000,
            HistogramInterval::Month => 100,
        }
    }
}

impl Collector for HistogramCollector {
    type Fruit = BTreeMap<i64, u64>;
    type Child = HistogramSegmentCollector;

    fn for_segment(&self, _segment: u32, reader: &SegmentReader) -> tantivy::Result<Self::Child> {
        Ok(HistogramSegmentCollector {
            column: reader.fast_fields().i64(DATE_START)?,
            divisor: self.divisor(),
            counts: BTreeMap::new(),
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

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(day) = self.column.first(doc) {
            *self.counts.entry(day / self.divisor).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
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
