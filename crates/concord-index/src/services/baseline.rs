//! The engine's limit, for benchmarks: a request run straight through tantivy with the same
//! query and collectors as [`SearchIndex::search`] but in one pass, without Concord's layers
//! (the extra passes of disjunctive counts, facet labels, hit views, snippets, the response).
//! `benches/latency.rs` times both on the same requests so the cost of those layers shows as a
//! ratio. Not used by the product.

use tantivy::collector::{Count, TopDocs};
use tantivy::{Order, TantivyDocument};

use crate::error::SearchError;
use crate::read::collect::histogram::HistogramCollector;
use crate::read::open::SearchIndex;
use crate::read::query::CompiledQuery;
use crate::read::request::{SearchRequest, Sort};
use crate::read::stored::first_str;
use crate::schema::DATE_START;

impl SearchIndex {
    /// Runs `request` with tantivy's collectors only: the top hits (their stored `id` read, as
    /// any engine returns ids), the exact total, one facet pass over the requested groups with
    /// every filter applied, and the histogram. Returns the total and the ids.
    pub fn engine_baseline(
        &self,
        request: &SearchRequest,
    ) -> Result<(usize, Vec<String>), SearchError> {
        let searcher = self.reader.searcher();
        let compiled = CompiledQuery::new(self, &searcher, request)?;
        let query = compiled.combined(None);
        let facets = (!request.facets.is_empty()).then(|| self.facet_collector(&request.facets));
        let histogram = request.histogram.map(|interval| HistogramCollector {
            interval,
            cache: &self.segments,
        });
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        let (addresses, total) = match request.sort {
            Sort::Relevance => {
                let collectors = (top.order_by_score(), Count, facets, histogram);
                let (top, total, facets, histogram) =
                    searcher.search(query.as_ref(), &collectors)?;
                std::hint::black_box((facets, histogram));
                let addresses: Vec<_> = top.into_iter().map(|(_, address)| address).collect();
                (addresses, total)
            }
            Sort::DateAscending | Sort::DateDescending => {
                let order = if request.sort == Sort::DateAscending {
                    Order::Asc
                } else {
                    Order::Desc
                };
                let by_date = top.order_by_fast_field::<i64>(DATE_START, order);
                let collectors = (by_date, Count, facets, histogram);
                let (top, total, facets, histogram) =
                    searcher.search(query.as_ref(), &collectors)?;
                std::hint::black_box((facets, histogram));
                let addresses: Vec<_> = top.into_iter().map(|(_, address)| address).collect();
                (addresses, total)
            }
        };
        let mut ids = Vec::with_capacity(addresses.len());
        for address in addresses.into_iter().take(request.limit) {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(id) = first_str(&doc, self.fields.id) {
                ids.push(id.to_string());
            }
        }
        Ok((total, ids))
    }
}
