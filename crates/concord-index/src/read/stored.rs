//! What a stored tantivy document shows: its labelled metadata for a hit, and the first text
//! value of a field. The services ([`crate::services`]) build their views on these.

use concord_corpus::FacetGroup;
use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

use crate::read::open::SearchIndex;
use crate::read::response::{DocumentMeta, Labeled};

impl SearchIndex {
    /// The metadata of a stored tantivy document, facet values labelled: what a hit shows.
    pub(crate) fn document_meta(&self, doc: &TantivyDocument) -> DocumentMeta {
        let fields = &self.fields;
        let text = |field| first_str(doc, field).map(str::to_string);
        let labeled = |group: FacetGroup| -> Vec<Labeled> {
            doc.get_all(fields.group(group))
                .filter_map(|value| value.as_str())
                .map(|value| Labeled {
                    value: value.to_string(),
                    label: self.meta.label(group, value),
                })
                .collect()
        };
        DocumentMeta {
            id: text(fields.id).unwrap_or_default(),
            title: text(fields.title).unwrap_or_default(),
            date: text(fields.date),
            parties: labeled(FacetGroup::Party),
            venues: labeled(FacetGroup::Venue),
            topics: labeled(FacetGroup::Topic),
            processes: labeled(FacetGroup::Process),
            lang: text(fields.group(FacetGroup::Lang)),
            doc_type: text(fields.group(FacetGroup::DocType)),
            source: text(fields.source),
        }
    }
}

/// The first text value of `field` in a stored document.
pub(crate) fn first_str(doc: &TantivyDocument, field: Field) -> Option<&str> {
    doc.get_first(field).and_then(|value| value.as_str())
}
