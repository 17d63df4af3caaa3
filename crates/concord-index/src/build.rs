//! Full builds: documents into a fresh index folder, swapped in only once it is complete.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use concord_corpus::{Document, FacetGroup, Taxonomy};
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::analyzer::{Dictionaries, analysis_language, register_analyzers};
use crate::error::IndexError;
use crate::meta::IndexMeta;
use crate::schema::{Fields, build_schema, facet_path};

/// Memory budget of the index writer.
const WRITER_MEMORY_BYTES: usize = 64 * 1024 * 1024;

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub indexed: usize,
    pub elapsed: Duration,
    pub meta: IndexMeta,
}

/// Builds an index of `documents` at `index_dir`, replacing whatever was there.
///
/// The new index is written to a sibling staging folder and renamed into place only after its
/// final commit, so `index_dir` never holds a half-built index; if anything fails, the previous
/// index is left as it was. `skipped` is recorded in the metadata for `/healthz` and stats.
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
    let staging = sibling(index_dir, "building");
    remove_if_present(&staging)?;
    std::fs::create_dir_all(&staging).map_err(|source| IndexError::Io {
        path: staging.clone(),
        source,
    })?;
    let result = write_index(documents, taxonomy, skipped, &staging, dictionaries);
    let meta = match result {
        Ok(meta) => meta,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
    };
    swap_in(&staging, index_dir)?;
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
    let fields = Fields::from_schema(&schema)?;
    let mut writer: IndexWriter = index.writer_with_num_threads(1, WRITER_MEMORY_BYTES)?;
    for document in documents {
        writer.add_document(to_tantivy(&fields, document))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let mut meta = IndexMeta::new(taxonomy, documents.len() as u64, skipped as u64);
    meta.languages = languages;
    meta.cjk = plan;
    meta.write(dir)?;
    Ok(meta)
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

/// `index` → `index.building-1234` beside it.
fn sibling(index_dir: &Path, purpose: &str) -> PathBuf {
    let name = index_dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".to_string());
    index_dir.with_file_name(format!("{name}.{purpose}-{}", std::process::id()))
}

fn remove_if_present(dir: &Path) -> Result<(), IndexError> {
    match std::fs::remove_dir_all(dir) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(IndexError::Io {
            path: dir.to_path_buf(),
            source: error,
        }),
        _ => Ok(()),
    }
}

/// Moves the finished staging folder to `index_dir`, keeping the old index until it succeeds.
fn swap_in(staging: &Path, index_dir: &Path) -> Result<(), IndexError> {
    let retired = sibling(index_dir, "old");
    remove_if_present(&retired)?;
    let had_previous = match std::fs::rename(index_dir, &retired) {
        Ok(()) => true,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => false,
        Err(source) => {
            return Err(IndexError::Io {
                path: index_dir.to_path_buf(),
                source,
            });
        }
    };
    if let Err(source) = std::fs::rename(staging, index_dir) {
        if had_previous {
            let _ = std::fs::rename(&retired, index_dir);
        }
        return Err(IndexError::Io {
            path: index_dir.to_path_buf(),
            source,
        });
    }
    if had_previous {
        remove_if_present(&retired)?;
    }
    Ok(())
}
