//! The index schema: the only place that spells field names.

use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};

use crate::analyzer::{LANGUAGES, has_pairs, pairs_tokenizer_name, tokenizer_name};
use concord_corpus::FacetGroup;

/// Bumped whenever the schema or the analyzers change in a way that needs a rebuild.
pub const SCHEMA_VERSION: u32 = 10;

pub const ID: &str = "id";
/// The stored title; searched through the per-language `title_<lang>` fields.
pub const TITLE: &str = "title";
/// The stored body; searched through the per-language `body_<lang>` fields.
pub const BODY: &str = "body";
pub const DATE: &str = "date";
/// First day of the document's date, as `yyyymmdd`: a fast (columnar) field for range filters,
/// sorting and the histogram.
pub const DATE_START: &str = "date_start";
/// Last day of the document's date, as `yyyymmdd`: a fast field for range filters.
///
/// Both dates are FAST and not INDEXED on purpose: tantivy 0.27 answers a range on an indexed
/// field by reading the postings of every date in the range into a bitset (2–3.5 ms for a
/// wide range at a million documents). The search itself checks dates on the segment arrays
/// built from these columns ([`crate::read::collect::dated`], [`crate::read::collect::drill_sideways`]); only
/// [`crate::services::baseline`] (tantivy alone) ranges over them.
pub const DATE_END: &str = "date_end";
/// Every facet value as a path `/group/value`, for filters and counts.
pub const FACET: &str = "facet";
pub const SOURCE: &str = "source";
pub const PATH: &str = "path";
/// The document's links, footnotes and references, as stored JSON.
pub const PROVENANCE: &str = "provenance";
/// The metadata fields filled by extraction (`date`, `parties`, ...), one value each.
pub const EXTRACTED: &str = "extracted";

/// The indexed title field of an analysis language: `title_ja`.
pub fn title_field_name(lang: &str) -> String {
    format!("{TITLE}_{lang}")
}

/// The indexed body field of an analysis language: `body_ja`.
pub fn body_field_name(lang: &str) -> String {
    format!("{BODY}_{lang}")
}

/// The stored field holding the values of one facet group.
pub fn stored_field_name(group: FacetGroup) -> &'static str {
    group.name()
}

/// The facet path of one value: `/party/ukraine`.
pub fn facet_path(group: FacetGroup, value: &str) -> Facet {
    Facet::from_path([group.name(), value])
}

/// The word-pair field of an analysis language: `pairs_en` ([`crate::analyzer::pairs`]).
pub fn pairs_field_name(lang: &str) -> String {
    format!("pairs_{lang}")
}

/// The indexed text fields of one analysis language.
#[derive(Clone, Copy, Debug)]
pub struct LangFields {
    pub lang: &'static str,
    pub title: Field,
    pub body: Field,
    /// The body's adjacent word pairs, frequencies only, for two-word phrases; none in CJK.
    pub pairs: Option<Field>,
}

/// Handles to every field of the schema.
#[derive(Clone, Debug)]
pub struct Fields {
    /// Indexed text fields, one pair per entry of [`LANGUAGES`], in that order.
    pub langs: Vec<LangFields>,
    pub id: Field,
    pub title: Field,
    pub body: Field,
    pub date: Field,
    pub date_start: Field,
    pub date_end: Field,
    pub facet: Field,
    pub party: Field,
    pub venue: Field,
    pub topic: Field,
    pub process: Field,
    pub lang: Field,
    pub doc_type: Field,
    pub source: Field,
    pub path: Field,
    pub provenance: Field,
    pub extracted: Field,
}

impl Fields {
    /// Resolves the handles in a schema built by [`build_schema`].
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let field = |name: &str| schema.get_field(name);
        let langs = LANGUAGES
            .iter()
            .map(|lang| {
                Ok(LangFields {
                    lang,
                    title: field(&title_field_name(lang))?,
                    body: field(&body_field_name(lang))?,
                    pairs: has_pairs(lang)
                        .then(|| field(&pairs_field_name(lang)))
                        .transpose()?,
                })
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Fields {
            langs,
            id: field(ID)?,
            title: field(TITLE)?,
            body: field(BODY)?,
            date: field(DATE)?,
            date_start: field(DATE_START)?,
            date_end: field(DATE_END)?,
            facet: field(FACET)?,
            party: field(stored_field_name(FacetGroup::Party))?,
            venue: field(stored_field_name(FacetGroup::Venue))?,
            topic: field(stored_field_name(FacetGroup::Topic))?,
            process: field(stored_field_name(FacetGroup::Process))?,
            lang: field(stored_field_name(FacetGroup::Lang))?,
            doc_type: field(stored_field_name(FacetGroup::DocType))?,
            source: field(SOURCE)?,
            path: field(PATH)?,
            provenance: field(PROVENANCE)?,
            extracted: field(EXTRACTED)?,
        })
    }

    /// The indexed text fields of an analysis language.
    pub fn lang(&self, lang: &str) -> Option<LangFields> {
        self.langs
            .iter()
            .copied()
            .find(|fields| fields.lang == lang)
    }

    /// The stored field of a facet group.
    pub fn group(&self, group: FacetGroup) -> Field {
        match group {
            FacetGroup::Party => self.party,
            FacetGroup::Venue => self.venue,
            FacetGroup::Topic => self.topic,
            FacetGroup::Process => self.process,
            FacetGroup::Lang => self.lang,
            FacetGroup::DocType => self.doc_type,
        }
    }
}

/// The schema of a Concord index.
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field(ID, STRING | STORED);
    builder.add_text_field(TITLE, STORED);
    builder.add_text_field(BODY, STORED);
    for lang in LANGUAGES {
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(&tokenizer_name(lang))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        builder.add_text_field(&title_field_name(lang), text.clone());
        builder.add_text_field(&body_field_name(lang), text);
        if has_pairs(lang) {
            let pairs = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(&pairs_tokenizer_name(lang))
                    .set_index_option(IndexRecordOption::WithFreqs)
                    .set_fieldnorms(false),
            );
            builder.add_text_field(&pairs_field_name(lang), pairs);
        }
    }
    builder.add_text_field(DATE, STORED);
    builder.add_i64_field(DATE_START, FAST);
    builder.add_i64_field(DATE_END, FAST);
    builder.add_facet_field(FACET, FacetOptions::default());
    for group in FacetGroup::ALL {
        builder.add_text_field(stored_field_name(group), STORED);
    }
    builder.add_text_field(SOURCE, STORED);
    builder.add_text_field(PATH, STRING | STORED);
    builder.add_text_field(PROVENANCE, STORED);
    builder.add_text_field(EXTRACTED, STORED);
    builder.build()
}
