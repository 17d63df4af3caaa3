//! Every hit of a search, for `GET /api/export`: the search's documents in its order (not one
//! page of them), read from one searcher, so that a reload while an export streams does not
//! mix two generations.

use tantivy::collector::TopDocs;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::error::SearchError;
use crate::read::open::SearchIndex;
use crate::read::query::CompiledQuery;
use crate::read::request::{SearchRequest, Sort};
use crate::read::response::DocumentMeta;
use crate::schema::DATE_START;

/// The hits of one search, ready to be read in order.
pub struct Export {
    searcher: Searcher,
    addresses: Vec<DocAddress>,
}

impl SearchIndex {
    /// Every hit of `request` in its sort order; its limit, offset, facets, histogram and
    /// highlighting do not apply.
    pub fn export(&self, request: &SearchRequest) -> Result<Export, SearchError> {
        let searcher = self.reader.searcher();
        let compiled = CompiledQuery::new(self, &searcher, request)?;
        let query = compiled.combined(None);
        let everything = TopDocs::with_limit((searcher.num_docs() as usize).max(1));
        let addresses = match request.sort {
            Sort::Relevance => searcher
                .search(query.as_ref(), &everything.order_by_score())?
                .into_iter()
                .map(|(_, address)| address)
                .collect(),
            Sort::DateAscending | Sort::DateDescending => {
                let order = if request.sort == Sort::DateAscending {
                    Order::Asc
                } else {
                    Order::Desc
                };
                searcher
                    .search(
                        query.as_ref(),
                        &everything.order_by_fast_field::<i64>(DATE_START, order),
                    )?
                    .into_iter()
                    .map(|(_, address)| address)
                    .collect()
            }
        };
        Ok(Export {
            searcher,
            addresses,
        })
    }
}

impl Export {
    /// How many documents the export holds.
    pub fn len(&self) -> usize {
        self.addresses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    /// The documents' metadata, in order, each read when asked for.
    pub fn rows<'a>(
        &'a self,
        index: &'a SearchIndex,
    ) -> impl Iterator<Item = Result<DocumentMeta, SearchError>> + 'a {
        self.addresses.iter().map(move |address| {
            let doc: TantivyDocument = self.searcher.doc(*address)?;
            Ok(index.document_meta(&doc))
        })
    }
}
