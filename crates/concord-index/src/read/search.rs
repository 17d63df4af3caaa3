//! Runs a search: top hits, total, disjunctive facet counts and the date histogram.
//!
//! One pass collects hits, the total, the histogram and the counts of the requested groups
//! that have no filter. A requested group that has a filter is counted with every filter but
//! its own, so that ticking a party still shows the other parties' counts (as Meilisearch,
//! Typesense and Algolia do): in one more pass per such group, or, when the text drives the
//! search, in the same single pass, which then runs the text alone and applies the filters and
//! dates itself (drill sideways).

use std::collections::BTreeMap;
use std::time::Instant;

use concord_corpus::FacetGroup;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::error::SearchError;
use crate::read::browse::first_documents;
use crate::read::collect::date_blocks::DatePrefilter;
use crate::read::collect::date_sort::ByDay;
use crate::read::collect::dated::WithinDays;
use crate::read::collect::drill_sideways::{self, DrillSideways};
use crate::read::collect::facet_count::{Counts, FacetCounter};
use crate::read::collect::histogram::{HistogramCollector, buckets};
use crate::read::open::SearchIndex;
use crate::read::query::CompiledQuery;
use crate::read::request::{SearchRequest, Sort};
use crate::read::response::{FacetCounts, FacetValue, HistogramBucket, Hit, SearchResponse};
use crate::read::snippet::Snippets;
use crate::read::stored::first_str;

/// Which groups a search counts, and how.
struct Plan<'a> {
    compiled: &'a CompiledQuery,
    /// Requested groups without a filter.
    main: Vec<FacetGroup>,
    /// Requested groups with a filter, counted without it.
    sideways: Vec<FacetGroup>,
}

impl Plan<'_> {
    /// Whether one drill-sideways pass beats one pass per filtered group. Measured
    /// (benches/README.md): it wins whenever text drives the pass and a counted group has a
    /// filter (since counts are added by value id, even one filtered group: UNGDC researcher
    /// 0.84 -> 0.51 ms); without text the sideways pass would walk every document that the
    /// dates allow, where one filtered pass per group walks only the filters' postings.
    fn drill_sideways(&self) -> bool {
        self.compiled.text.is_some() && !self.sideways.is_empty()
    }
}

/// Top documents, total, facet counts and histogram of one pass.
type CollectedFruit<T> = (T, usize, Option<Counts>, Option<BTreeMap<i64, u64>>);

impl SearchIndex {
    /// Runs a validated search against the current searcher.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse, SearchError> {
        let started = Instant::now();
        let searcher = self.reader.searcher();
        let compiled = CompiledQuery::new(self, &searcher, request)?;
        // Groups counted in the main pass: those asked for that have no filter. Groups asked
        // for that have a filter are counted without their own filter, all in the same pass
        // (drill sideways, see drill_sideways.rs).
        let filtered: Vec<FacetGroup> = compiled.filtered_groups().collect();
        let (sideways, main_pass): (Vec<FacetGroup>, Vec<FacetGroup>) = request
            .facets
            .iter()
            .partition(|group| filtered.contains(group));
        // Browsing everything: counts and histogram come from the per-generation cache.
        let everything = compiled.matches_everything();
        let histogram =
            request
                .histogram
                .filter(|_| !everything)
                .map(|interval| HistogramCollector {
                    interval,
                    cache: &self.segments,
                });
        let plan = Plan {
            compiled: &compiled,
            main: if everything {
                Vec::new()
            } else {
                main_pass.clone()
            },
            sideways,
        };
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
                let (top, total, facets, histogram) =
                    self.collect(&searcher, &plan, top.order_by_score(), histogram)?;
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
                let by_date = top.order_by((ByDay::new(&searcher, &self.segments)?, order));
                let (top, total, facets, histogram) =
                    self.collect(&searcher, &plan, by_date, histogram)?;
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
            for group in &request.facets {
                *facets.group_mut(*group) = self.facet_values(fruit, *group);
            }
        }

        let mut snippets = request.highlight.then(|| {
            Snippets::new(
                &searcher,
                compiled.text.as_deref(),
                &request.q,
                &self.fields,
            )
        });
        // Each hit's stored document is read once, for its view and for the spellings.
        let docs = addresses
            .iter()
            .map(|(_, address)| searcher.doc::<TantivyDocument>(*address))
            .collect::<Result<Vec<_>, _>>()?;
        let typos = if compiled.typos.is_empty() {
            Vec::new()
        } else {
            self.spellings(&compiled.typos, &docs)?
        };
        let hits = addresses
            .into_iter()
            .zip(&docs)
            .map(|((score, _), doc)| self.hit_of(doc, score, snippets.as_mut()))
            .collect::<Result<Vec<_>, _>>()?;
        let histogram = match (histogram_fruit, request.histogram) {
            (Some(counts), Some(interval)) => buckets(&counts, interval)
                .into_iter()
                .map(|(key, count)| HistogramBucket { key, count })
                .collect(),
            _ => Vec::new(),
        };
        let did_you_mean = if total == 0 && compiled.text.is_some() {
            self.did_you_mean(&searcher, request)?
        } else {
            None
        };
        Ok(SearchResponse {
            total: total as u64,
            took_ms: (started.elapsed().as_secs_f64() * 1_000_000.0).round() / 1000.0,
            hits,
            facets,
            histogram,
            notices: compiled.notices.clone(),
            entities: compiled.entities.clone(),
            typos,
            did_you_mean,
        })
    }

    /// The hits (`top`), the count, the histogram and the facet counts of the plan: one pass
    /// plus one per filtered group, or a single drill-sideways pass (see
    /// [`Plan::drill_sideways`]).
    fn collect<T: Collector>(
        &self,
        searcher: &Searcher,
        plan: &Plan<'_>,
        top: T,
        histogram: Option<HistogramCollector<'_>>,
    ) -> Result<CollectedFruit<T::Fruit>, SearchError> {
        // The dates are checked by the collectors (see dated.rs); where the blocks of a
        // segment hold distinct periods, the text skips the blocks out of range (date_blocks.rs).
        let days = plan.compiled.days();
        let prefilter = match days {
            Some(days) => Some(DatePrefilter::new(searcher, &self.segments, days)?)
                .filter(DatePrefilter::is_useful),
            None => None,
        };
        let prefiltered = |query: Box<dyn Query>| -> Box<dyn Query> {
            match &prefilter {
                // Every document the dates allow: the blocks alone, scored as AllQuery scores.
                Some(prefilter) if query.is::<AllQuery>() => {
                    Box::new(ConstScoreQuery::new(Box::new(prefilter.clone()), 1.0))
                }
                Some(prefilter) => Box::new(BooleanQuery::new(vec![
                    (Occur::Must, query),
                    (Occur::Must, Box::new(prefilter.clone())),
                ])),
                None => query,
            }
        };
        if !plan.drill_sideways() {
            let query = prefiltered(plan.compiled.without_dates(None));
            let facets = (!plan.main.is_empty()).then(|| self.facet_collector(&plan.main));
            let collectors = WithinDays {
                inner: (top, Count, facets, histogram),
                cache: &self.segments,
                days,
            };
            let (top, total, mut counts, histogram) =
                searcher.search(query.as_ref(), &collectors)?;
            // One more pass per filtered group, with every filter but its own.
            for group in &plan.sideways {
                let others = prefiltered(plan.compiled.without_dates(Some(*group)));
                let counter = WithinDays {
                    inner: self.facet_collector(&[*group]),
                    cache: &self.segments,
                    days,
                };
                let fruit = searcher.search(others.as_ref(), &counter)?;
                counts.get_or_insert_with(Counts::new).extend(fruit);
            }
            return Ok((top, total, counts, histogram));
        }
        let query = prefiltered(plan.compiled.text_only());
        let collector = DrillSideways {
            inner: (top, Count, histogram),
            cache: &self.segments,
            groups: plan.main.iter().chain(&plan.sideways).copied().collect(),
            filters: plan.compiled.filter_ids(),
            days,
        };
        let ((top, total, histogram), counts) =
            drill_sideways::search(searcher, query.as_ref(), &collector)?;
        Ok((top, total, Some(counts), histogram))
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

    pub(crate) fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: Option<f32>,
        snippets: Option<&mut Snippets>,
    ) -> Result<Hit, SearchError> {
        let doc: TantivyDocument = searcher.doc(address)?;
        self.hit_of(&doc, score, snippets)
    }

    /// The hit view of a stored document.
    fn hit_of(
        &self,
        doc: &TantivyDocument,
        score: Option<f32>,
        snippets: Option<&mut Snippets>,
    ) -> Result<Hit, SearchError> {
        let meta = self.document_meta(doc);
        let snippet = match snippets {
            Some(snippets) => {
                let body = first_str(doc, self.fields.body).unwrap_or_default();
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
