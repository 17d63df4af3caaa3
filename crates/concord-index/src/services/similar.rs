//! "More like this": the documents closest to one document, found through the words that are
//! frequent in it and rare in the index (tantivy's `MoreLikeThisQuery`, Lucene's idea).

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{TantivyDocument, Term};

use crate::analyzer::analysis_language;
use crate::error::SearchError;
use crate::read::open::SearchIndex;
use crate::read::response::Hit;
use crate::read::stored::first_str;

/// Most words a similarity query is made of.
const MAX_QUERY_TERMS: usize = 25;

impl SearchIndex {
    /// Up to `limit` documents most like the document `id`, best first, itself left out;
    /// `None` when the index has no such document. The words are taken from its title and
    /// body in its own language's analysis; words found in no other document, or in more
    /// than a fifth of the index, say nothing about likeness and are skipped.
    pub fn similar(&self, id: &str, limit: usize) -> Result<Option<Vec<Hit>>, SearchError> {
        let searcher = self.reader.searcher();
        let Some(address) = self.address_of(&searcher, id)? else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(address)?;
        let lang = analysis_language(first_str(&doc, self.fields.lang));
        let Some(text) = self.fields.lang(lang) else {
            return Ok(Some(Vec::new()));
        };
        let value = |field| {
            vec![OwnedValue::Str(
                first_str(&doc, field).unwrap_or_default().to_string(),
            )]
        };
        let documents = searcher.num_docs();
        let like = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            .with_max_doc_frequency((documents / 5).max(2))
            .with_min_term_frequency(1)
            .with_max_query_terms(MAX_QUERY_TERMS)
            .with_document_fields(vec![
                (text.title, value(self.fields.title)),
                (text.body, value(self.fields.body)),
            ]);
        let itself: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        ));
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(like)),
            (Occur::MustNot, itself),
        ]);
        let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        let hits = top
            .into_iter()
            .take(limit)
            .map(|(score, address)| self.hit(&searcher, address, Some(score), None))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(hits))
    }
}
