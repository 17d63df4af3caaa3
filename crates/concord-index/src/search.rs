//! Runs a search: top hits, total, disjunctive facet counts and the date histogram.
//!
//! One pass over the fully filtered query collects hits, the total, the histogram and the
//! counts of every requested group that has no filter. Each requested group that has a filter gets one more pass
//! with every filter but its own, so that ticking a party still shows the other parties'
//! counts (as Meilisearch, Typesense and Algolia do).

use std::time::Instant;

use concord_corpus::FacetGroup;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::browse::first_documents;
use crate::error::SearchError;
use crate::facet_count::{Counts, FacetCounter};
use crate::histogram::{HistogramCollector, buckets};
use crate::open::SearchIndex;
use crate::query::CompiledQuery;
use crate::request::{SearchRequest, Sort};
use crate::response::{FacetCounts, FacetValue, HistogramBucket, Hit, SearchResponse};
use crate::schema::DATE_START;
use crate::snippet::Snippets;

impl SearchIndex {
    /// Runs a validated search against the current searcher.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let compiled = CompiledQuery::new(&self.index, &self.fields, &self.meta, request)?;
        let query = compiled.combined(None);
        // Groups counted in the main pass: those asked for that have no filter. A group with a
        // filter is counted in a pass of its own, without its filter.
        let filtered: Vec<FacetGroup> = compiled.filtered_groups().collect();
        let (own_pass, main_pass): (Vec<FacetGroup>, Vec<FacetGroup>) = request
            .facets
            .iter()
            .partition(|group| filtered.contains(group));
        // Browsing everything: counts and histogram come from the per-generation cache.
        let everything = compiled.matches_everything();
        let facet_collector =
            (!everything && !main_pass.is_empty()).then(|| self.facet_collector(&main_pass));
        let histogram =
            request
                .histogram
                .filter(|_| !everything)
                .map(|interval| HistogramCollector {
                    interval,
                    cache: &self.segments,
                });
        // TopDocs needs a limit of at least 1; a request with limit 0 wants counts only.
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        let (mut addresses, total, mut facet_fruit, mut histogram_fruit) = match request.sort {
            Sort::Relevance if everything => {
                let (addresses, total) = first_documents(&searcher, request.offset, request.limit);
                let top = addresses
                    .into_iter()
                    .map(|address| (Some(1.0), address))
                    .collect();
                (top, total, None, None)
            }
            Sort::Relevance => {
                let collectors = (top.order_by_score(), Count, facet_collector, histogram);
                let (top, total, facets, histogram) =
                    searcher.search(query.as_ref(), &collectors)?;
                let top: Vec<(Option<f32>, DocAddress)> = top
                    .into_iter()
                    .map(|(score, address)| (Some(score), address))
                    .collect();
                (top, total, facets, histogram)
            }
            Sort::DateAscending | Sort::DateDescending => {
                let order = if request.sort == Sort::DateAscending {
                    Order::Asc
                } else {
                    Order::Desc
                };
                let by_date = top.order_by_fast_field::<i64>(DATE_START, order);
                let collectors = (by_date, Count, facet_collector, histogram);
                let (top, total, facets, histogram) =
                    searcher.search(query.as_ref(), &collectors)?;
                let top: Vec<(Option<f32>, DocAddress)> = top
                    .into_iter()
                    .map(|(_, address)| (None, address))
                    .collect();
                (top, total, facets, histogram)
            }
        };
        addresses.truncate(request.limit);
        if everything {
            if !main_pass.is_empty() {
                facet_fruit = Some(self.match_all_counts(&searcher)?.clone());
            }
            if let Some(interval) = request.histogram {
                histogram_fruit = Some(self.match_all_histogram(&searcher, interval)?.clone());
            }
        }

        let mut facets = FacetCounts::default();
        if let Some(fruit) = &facet_fruit {
            for group in &main_pass {
                *facets.group_mut(*group) = self.facet_values(fruit, *group);
            }
        }
        for group in own_pass {
            let others = compiled.combined(Some(group));
            let fruit = searcher.search(others.as_ref(), &self.facet_collector(&[group]))?;
            *facets.group_mut(group) = self.facet_values(&fruit, group);
        }

        let mut snippets = request.highlight.then(|| {
            Snippets::new(
                &searcher,
                compiled.text.as_deref(),
                &request.q,
                &self.fields,
            )
        });
        let hits = addresses
            .into_iter()
            .map(|(score, address)| self.hit(&searcher, address, score, snippets.as_mut()))
            .collect::<Result<Vec<_>, _>>()?;
        let histogram = match (histogram_fruit, request.histogram) {
            (Some(counts), Some(interval)) => buckets(&counts, interval)
                .into_iter()
                .map(|(key, count)| HistogramBucket { key, count })
                .collect(),
            _ => Vec::new(),
        };
        Ok(SearchResponse {
            total: total as u64,
            took_ms: (started.elapsed().as_secs_f64() * 1_000_000.0).round() / 1000.0,
            hits,
            facets,
            histogram,
        })
    }

    /// Counts of every facet value over the whole index.
    pub fn all_facets(&self) -> Result<FacetCounts, SearchError> {
        let searcher = self.reader.searcher();
        let fruit = self.match_all_counts(&searcher)?;
        let mut facets = FacetCounts::default();
        for group in FacetGroup::ALL {
            *facets.group_mut(group) = self.facet_values(fruit, group);
        }
        Ok(facets)
    }

    pub(crate) fn facet_collector(&self, groups: &[FacetGroup]) -> FacetCounter<'_> {
        FacetCounter {
            cache: &self.segments,
            groups: groups.to_vec(),
        }
    }

    fn facet_values(&self, counts: &Counts, group: FacetGroup) -> Vec<FacetValue> {
        let mut values: Vec<FacetValue> = counts
            .iter()
            .filter(|((counted, _), _)| *counted == group)
            .map(|((_, value), count)| FacetValue {
                value: value.clone(),
                label: self.meta.label(group, value),
                count: *count,
            })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        values
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: Option<f32>,
        snippets: Option<&mut Snippets>,
    ) -> Result<Hit, SearchError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        let meta = self.document_meta(&doc);
        let snippet = match snippets {
            Some(snippets) => {
                let body = doc
                    .get_first(self.fields.body)
                    .and_then(|value| value.as_str())
                    .unwrap_or_default();
                Some(snippets.snippet(body, meta.lang.as_deref())?)
            }
            None => None,
        };
        Ok(Hit {
            snippet,
            meta,
            score,
        })
    }
}
