//! Reading whole documents and index health.

use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::error::SearchError;
use crate::read::open::SearchIndex;
use crate::read::response::{DocumentView, Health};
use crate::read::stored::first_str;
use crate::schema::SCHEMA_VERSION;

impl SearchIndex {
    /// The document with this id, if the index has it.
    pub fn document(&self, id: &str) -> Result<Option<DocumentView>, SearchError> {
        let searcher = self.reader.searcher();
        match self.address_of(&searcher, id)? {
            Some(address) => {
                let doc: TantivyDocument = searcher.doc(address)?;
                Ok(Some(self.view(&doc)))
            }
            None => Ok(None),
        }
    }

    /// Where the document with this id is in `searcher`'s generation, if it is there.
    pub(crate) fn address_of(
        &self,
        searcher: &Searcher,
        id: &str,
    ) -> Result<Option<DocAddress>, SearchError> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.id, id),
            IndexRecordOption::Basic,
        );
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        Ok(top.first().map(|(_, address)| *address))
    }

    /// What `/healthz` reports.
    pub fn health(&self) -> Health {
        Health {
            status: if self.warnings.is_empty() {
                "ok"
            } else {
                "degraded"
            }
            .to_string(),
            documents: self.num_docs(),
            generation: self.generation(),
            built_at: self.meta.built_at.clone(),
            schema_version: SCHEMA_VERSION,
            languages: self.meta.languages.iter().cloned().collect(),
            cjk: self.meta.cjk.clone(),
            warnings: self.warnings.clone(),
        }
    }

    /// A stored tantivy document as a [`DocumentView`]: its metadata, body and provenance.
    pub(crate) fn view(&self, doc: &TantivyDocument) -> DocumentView {
        let fields = &self.fields;
        let text = |field| first_str(doc, field).map(str::to_string);
        DocumentView {
            meta: self.document_meta(doc),
            body: text(fields.body).unwrap_or_default(),
            path: text(fields.path).unwrap_or_default(),
            provenance: text(fields.provenance)
                .and_then(|json| serde_json::from_str(&json).ok())
                .unwrap_or_default(),
            extracted: doc
                .get_all(fields.extracted)
                .filter_map(|value| value.as_str())
                .map(str::to_string)
                .collect(),
        }
    }
}
