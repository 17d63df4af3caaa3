//! Building a generation from documents in memory, and the tantivy document of a Concord
//! document. Reindexing a corpus folder (incremental or full) is [`crate::write::update`].

use crate::analyzer::pair_words::{frequent_words, register_pairs};
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use concord_corpus::{Document, FacetGroup, Taxonomy};
use tantivy::indexer::{NoMergePolicy, UserOperation};
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::analyzer::{Dictionaries, analysis_language, register_analyzers};
use crate::error::IndexError;
use crate::schema::{Fields, build_schema, facet_path};
use crate::write::meta::IndexMeta;
use crate::write::store::IndexStore;

/// Memory budget of the index writer.
pub(crate) const WRITER_MEMORY_BYTES: usize = 64 * 1024 * 1024;

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub indexed: usize,
    pub elapsed: Duration,
    pub meta: IndexMeta,
}

/// Builds an index of `documents` as a new generation of the store at `index_dir` and
/// publishes it (see [`crate::write::store`]): readers see the previous index until then, and if
/// anything fails it stays. `skipped` is recorded in the metadata for `/healthz` and stats.
/// The generation has no file manifest, so the next `concord index` of a corpus folder is a
/// full one.
///
/// Japanese, Korean and Chinese are analysed with whatever `dictionaries` loaded (character
/// bigrams for the others); the choice is recorded in the metadata for every later reader.
pub fn build_index(
    documents: &[Document],
    taxonomy: &Taxonomy,
    skipped: usize,
    index_dir: &Path,
    dictionaries: &Dictionaries,
) -> Result<BuildReport, IndexError> {
    let started = Instant::now();
    let store = IndexStore::new(index_dir);
    let lock = store.lock()?;
    store.remove_unpublished(&lock)?;
    let generation = store.create_generation(&lock)?;
    let meta = match write_index(documents, taxonomy, skipped, &generation, dictionaries) {
        Ok(meta) => meta,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&generation);
            return Err(error);
        }
    };
    store.publish(&generation, &lock)?;
    Ok(BuildReport {
        indexed: documents.len(),
        elapsed: started.elapsed(),
        meta,
    })
}

fn write_index(
    documents: &[Document],
    taxonomy: &Taxonomy,
    skipped: usize,
    dir: &Path,
    dictionaries: &Dictionaries,
) -> Result<IndexMeta, IndexError> {
    let schema = build_schema();
    let index = Index::create_in_dir(dir, schema.clone())?;
    let plan = dictionaries.best_plan();
    let languages: BTreeSet<String> = documents
        .iter()
        .map(|document| analysis_language(document.lang.as_deref()).to_string())
        .collect();
    for warning in register_analyzers(&index, &plan, dictionaries, &languages) {
        tracing::warn!("{warning}");
    }
    let pair_words = frequent_words(&index, documents);
    register_pairs(&index, &pair_words);
    let fields = Fields::from_schema(&schema)?;
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY_BYTES)?;
    add_documents(&writer, &fields, documents)?;
    writer.commit()?;
    writer.wait_merging_threads()?;
    let mut meta = IndexMeta::new(taxonomy, documents.len() as u64, skipped as u64);
    meta.languages = languages;
    meta.cjk = plan;
    meta.pair_words = pair_words;
    meta.write(dir)?;
    Ok(meta)
}

/// The writer of a run that ends with [`merge_into_one`] (`concord index --merge`): it merges
/// nothing while documents come in, since the end rewrites every segment anyway, and so no
/// merge of its own is running when that one starts (a segment can be in one merge only).
pub(crate) fn merging_writer(index: &Index) -> Result<IndexWriter, IndexError> {
    let writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY_BYTES)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    Ok(writer)
}

/// Merges every segment into one (`concord index --merge`), as one force-merges a read-mostly
/// index in Elasticsearch. Measured (benches/README.md): on UNGDC every text class gets
/// 10–50 % faster (one term dictionary and one posting list per term instead of one per
/// segment; sorting by date and deep pages most) for about 5 s more build time; on the
/// generated million documents (2.8 GB of text) the build takes 60 % longer. So it is asked
/// for, not done by default. Later incremental updates add small segments again.
pub(crate) fn merge_into_one(index: &Index, writer: &mut IndexWriter) -> Result<(), IndexError> {
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    Ok(())
}

/// Documents handed to the writer per message, at most: a message (and a wake-up of the
/// indexing thread) per batch instead of per document.
const ADD_BATCH: usize = 8;

/// Text a batch carries, at most (a long document goes alone). The writer's queue holds
/// 10,000 messages whatever their size: this bounds what waits in memory to about 40 MB of
/// text. UNGDC passages (about 500 bytes) go 8 at a time; larger batches measured no faster and
/// held up to 400 MB more (benches/README.md).
const ADD_BATCH_BYTES: usize = 4096;

/// Sends `documents` to the writer's indexing thread in small batches.
pub(crate) fn add_documents<'a>(
    writer: &IndexWriter,
    fields: &Fields,
    documents: impl IntoIterator<Item = &'a Document>,
) -> Result<(), IndexError> {
    let mut batch = Vec::with_capacity(ADD_BATCH);
    let mut bytes = 0;
    for document in documents {
        batch.push(UserOperation::Add(to_tantivy(fields, document)));
        bytes += document.title.len() + document.body.len();
        if batch.len() == ADD_BATCH || bytes >= ADD_BATCH_BYTES {
            writer.run(std::mem::take(&mut batch))?;
            bytes = 0;
        }
    }
    if !batch.is_empty() {
        writer.run(batch)?;
    }
    Ok(())
}

/// The tantivy document of a Concord document.
pub fn to_tantivy(fields: &Fields, document: &Document) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &document.id);
    doc.add_text(fields.title, &document.title);
    doc.add_text(fields.body, &document.body);
    if let Some(text) = fields.lang(analysis_language(document.lang.as_deref())) {
        doc.add_text(text.title, &document.title);
        doc.add_text(text.body, &document.body);
        if let Some(pairs) = text.pairs {
            doc.add_text(pairs, &document.body);
        }
    }
    if let Some(date) = document.date {
        doc.add_text(fields.date, date.to_string());
        doc.add_i64(fields.date_start, date.start_key());
        doc.add_i64(fields.date_end, date.end_key());
    }
    let singles = |value: &Option<String>| value.iter().cloned().collect::<Vec<_>>();
    let groups = [
        (FacetGroup::Party, document.parties.clone()),
        (FacetGroup::Venue, document.venues.clone()),
        (FacetGroup::Topic, document.topics.clone()),
        (FacetGroup::Process, document.processes.clone()),
        (FacetGroup::Lang, singles(&document.lang)),
        (FacetGroup::DocType, singles(&document.doc_type)),
    ];
    for (group, values) in groups {
        for value in values {
            doc.add_facet(fields.facet, facet_path(group, &value));
            doc.add_text(fields.group(group), value);
        }
    }
    if let Some(source) = &document.source {
        doc.add_text(fields.source, source);
    }
    doc.add_text(fields.path, &document.path);
    if !document.provenance.is_empty() {
        let json = serde_json::to_string(&document.provenance).unwrap_or_default();
        doc.add_text(fields.provenance, json);
    }
    for field in &document.extracted {
        doc.add_text(fields.extracted, field);
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_build_ends_with_one_segment() {
        let index = Index::create_in_ram(build_schema());
        let none = Dictionaries::none();
        register_analyzers(&index, &none.best_plan(), &none, &BTreeSet::new());
        let fields = Fields::from_schema(&index.schema()).unwrap();
        let mut writer = merging_writer(&index).unwrap();
        // Two commits leave two segments, which the build's writer does not merge by itself.
        for id in ["a", "b"] {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.id, id);
            writer.add_document(doc).unwrap();
            writer.commit().unwrap();
        }
        assert_eq!(index.searchable_segment_ids().unwrap().len(), 2);
        merge_into_one(&index, &mut writer).unwrap();
        writer.wait_merging_threads().unwrap();
        let reader = index.reader().unwrap();
        reader.reload().unwrap();
        assert_eq!(reader.searcher().segment_readers().len(), 1);
        assert_eq!(reader.searcher().num_docs(), 2);
    }
}
