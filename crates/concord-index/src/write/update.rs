//! Reindexing a corpus folder: incremental by default, full when asked or needed.
//!
//! The run compares the corpus listing with the current generation's manifest: files that
//! are new, changed (by content hash) or gone are applied to a copy of the current generation
//! (deleted by path, re-read and added), which is then published. A full run reads every file
//! into an empty generation. Either way the published index changes in one atomic step (see
//! [`crate::write::store`]) and a failed or killed run leaves the last good generation serving.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::time::Instant;

use concord_corpus::config::CONFIG_FILE;
use concord_corpus::taxonomy::TAXONOMY_FILE;
use concord_corpus::{CorpusFile, CorpusListing, CorpusLoad, Skipped, Warning};
use serde::Serialize;
use tantivy::{Index, IndexWriter, Term};

use crate::analyzer::pair_words::{frequent_words, register_pairs};
use crate::analyzer::{Dictionaries, analysis_language, register_analyzers};
use crate::error::IndexError;
use crate::schema::{Fields, build_schema};
use crate::write::build::{WRITER_MEMORY_BYTES, add_documents, merge_into_one, merging_writer};
use crate::write::manifest::{FileRecord, Manifest, content_hash, file_hash};
use crate::write::meta::IndexMeta;
use crate::write::store::{IndexStore, StoreLock};

/// A batch of files read, then indexed, holds at most this many files and, past its first
/// file, this many bytes of source (a JSON-lines file can hold thousands of documents);
/// progress is reported between batches and memory stays bounded.
const BATCH_FILES: usize = 256;
const BATCH_BYTES: u64 = 16 * 1024 * 1024;

/// How to run.
#[derive(Clone, Copy, Debug, Default)]
pub struct UpdateOptions {
    /// Rebuild from every file even if an incremental update would do.
    pub full: bool,
    /// Only say what would change; write nothing.
    pub dry_run: bool,
    /// Merge every segment into one after the update (see [`merge_into_one`]); on an index
    /// that is up to date, only that.
    pub merge: bool,
}

/// Receives progress of the files being read and indexed.
pub trait Progress {
    fn start(&mut self, files: u64);
    /// `files` more files read, which gave `documents` documents (a JSON-lines file gives
    /// many).
    fn advance(&mut self, files: u64, documents: u64);
    fn finish(&mut self);
    /// A full build merges its `segments` into one (see [`crate::write::build::merge_into_one`]).
    fn merging(&mut self, _segments: usize) {}
}

/// Progress that goes nowhere.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&mut self, _files: u64) {}
    fn advance(&mut self, _files: u64, _documents: u64) {}
    fn finish(&mut self) {}
}

/// What a run did (or, with `dry_run`, would do).
#[derive(Clone, Debug, Serialize)]
pub struct UpdateReport {
    /// "full" or "incremental".
    pub mode: &'static str,
    /// Why the run was full, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_reason: Option<String>,
    pub dry_run: bool,
    /// Files new since the last run.
    pub added: Vec<String>,
    /// Files whose content changed.
    pub updated: Vec<String>,
    /// Files gone from the corpus.
    pub deleted: Vec<String>,
    pub unchanged: usize,
    /// Documents of the files read that were not indexed, with the reason.
    pub skipped: Vec<Skipped>,
    pub warnings: Vec<Warning>,
    /// Documents in the published index after the run.
    pub documents: u64,
    /// The generation published (none for a dry run or when nothing changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generation: Option<String>,
    /// How many segments `merge` merged into one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_segments: Option<usize>,
    pub seconds: f64,
}

impl UpdateReport {
    /// True when nothing was (or would be) applied.
    pub fn is_noop(&self) -> bool {
        self.mode == "incremental"
            && self.added.is_empty()
            && self.updated.is_empty()
            && self.deleted.is_empty()
    }
}

/// Brings the index at `root` up to date with `listing`.
pub fn update_index(
    listing: &CorpusListing,
    root: &Path,
    dictionaries: &Dictionaries,
    options: UpdateOptions,
    progress: &mut dyn Progress,
) -> Result<UpdateReport, IndexError> {
    let started = Instant::now();
    let store = IndexStore::new(root);
    let lock = if options.dry_run {
        None
    } else {
        let lock = store.lock()?;
        store.remove_unpublished(&lock)?;
        Some(lock)
    };
    // An index of another schema (or from before generations) is only replaced by --full.
    let current = match store
        .current()
        .and_then(|dir| IndexMeta::read(&dir).map(|meta| (dir, meta)))
    {
        Ok(current) => Some(current),
        Err(IndexError::Missing(_)) => None,
        Err(IndexError::SchemaVersion { .. }) if options.full => None,
        Err(error) => return Err(error),
    };
    let manifest = match &current {
        Some((dir, _)) => Manifest::read(dir)?,
        None => None,
    };
    // The taxonomy and the collection's field names decide how every file reads: a change
    // to either rebuilds. Without a `concord.yaml` the hash is the taxonomy's alone, as before.
    let taxonomy_hash = match file_hash(&listing.root.join(CONFIG_FILE))? {
        config if config.is_empty() => file_hash(&listing.root.join(TAXONOMY_FILE))?,
        config => format!(
            "{}+{CONFIG_FILE}:{config}",
            file_hash(&listing.root.join(TAXONOMY_FILE))?
        ),
    };
    let full_reason = if options.full {
        Some("--full was asked for".to_string())
    } else if current.is_none() {
        Some("there is no index yet".to_string())
    } else if manifest.is_none() {
        Some("the index has no record of its files".to_string())
    } else if manifest
        .as_ref()
        .is_some_and(|manifest| manifest.taxonomy_hash != taxonomy_hash)
    {
        Some(format!("{TAXONOMY_FILE} or {CONFIG_FILE} changed"))
    } else {
        None
    };
    let diff = diff(listing, manifest.as_ref(), taxonomy_hash)?;
    let mut report = UpdateReport {
        mode: if full_reason.is_some() {
            "full"
        } else {
            "incremental"
        },
        full_reason,
        dry_run: options.dry_run,
        added: diff.added.clone(),
        updated: diff.updated.clone(),
        deleted: diff.deleted.clone(),
        unchanged: diff.unchanged.len(),
        skipped: Vec::new(),
        warnings: listing.warnings.clone(),
        documents: current.as_ref().map_or(0, |(_, meta)| meta.documents),
        generation: None,
        merged_segments: None,
        seconds: 0.0,
    };
    let Some(lock) = lock else {
        report.seconds = started.elapsed().as_secs_f64();
        return Ok(report);
    };
    // Up to date: nothing to do, unless a merge is asked for and there is something to merge.
    let unmerged = match (&current, options.merge) {
        (Some((dir, _)), true) => Index::open_in_dir(dir)?.searchable_segment_ids()?.len() > 1,
        _ => false,
    };
    if report.is_noop() && !unmerged {
        report.seconds = started.elapsed().as_secs_f64();
        return Ok(report);
    }
    let generation = if report.mode == "full" {
        store.create_generation(&lock)?
    } else {
        let (dir, _) = current
            .as_ref()
            .expect("incremental runs have a current generation");
        store.clone_generation(dir, &lock)?
    };
    let result = write_generation(
        listing,
        &generation,
        dictionaries,
        &diff,
        manifest.filter(|_| report.mode == "incremental"),
        options.merge,
        progress,
    );
    let (load, documents, merged) = match result {
        Ok((load, 0, _)) => {
            // Publishing an empty index would take every document away from the readers.
            let _ = std::fs::remove_dir_all(&generation);
            return Err(IndexError::NothingToIndex {
                skipped: load.skipped,
            });
        }
        Ok(written) => written,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&generation);
            return Err(error);
        }
    };
    publish(&store, &generation, &lock)?;
    report.skipped = load.skipped;
    report.warnings.extend(load.warnings);
    report.documents = documents;
    report.merged_segments = merged;
    report.generation = generation
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Publishes `generation` once every segment file in it matches its checksum (an
/// incremental run shares the files of the generation it started from, so a damaged file
/// there would be published again); a damaged generation is removed and reported.
fn publish(store: &IndexStore, generation: &Path, lock: &StoreLock) -> Result<(), IndexError> {
    let verified = tantivy::Index::open_in_dir(generation)
        .map_err(IndexError::from)
        .and_then(|index| crate::write::verify::verify_index(&index, generation));
    if let Err(error) = verified {
        let _ = std::fs::remove_dir_all(generation);
        return Err(error);
    }
    crate::write::faults::pause_at("before-publish");
    store.publish(generation, lock)
}

/// How the corpus differs from the manifest, with the hashes read on the way.
struct Diff {
    added: Vec<String>,
    updated: Vec<String>,
    deleted: Vec<String>,
    unchanged: Vec<String>,
    /// Content hashes of files that were read to compare them.
    hashes: HashMap<String, String>,
    /// The hash of the listing's taxonomy file, recorded in the new manifest.
    taxonomy_hash: String,
}

fn diff(
    listing: &CorpusListing,
    manifest: Option<&Manifest>,
    taxonomy_hash: String,
) -> Result<Diff, IndexError> {
    let empty = Manifest::default();
    let manifest = manifest.unwrap_or(&empty);
    let mut diff = Diff {
        added: Vec::new(),
        updated: Vec::new(),
        deleted: Vec::new(),
        unchanged: Vec::new(),
        hashes: HashMap::new(),
        taxonomy_hash,
    };
    let listed: BTreeSet<&str> = listing
        .files
        .iter()
        .map(|file| file.relative.as_str())
        .collect();
    for file in &listing.files {
        let record = manifest.files.get(&file.relative);
        if let Some(record) = record
            && record.size == file.size
            && record.modified_ns == file.modified_ns
        {
            diff.unchanged.push(file.relative.clone());
            continue;
        }
        let hash = file_hash(&listing.path_of(file))?;
        match record {
            Some(record) if record.hash == hash => diff.unchanged.push(file.relative.clone()),
            Some(_) => diff.updated.push(file.relative.clone()),
            None => diff.added.push(file.relative.clone()),
        }
        diff.hashes.insert(file.relative.clone(), hash);
    }
    diff.deleted = manifest
        .files
        .keys()
        .filter(|path| !listed.contains(path.as_str()))
        .cloned()
        .collect();
    Ok(diff)
}

/// Writes the documents into `generation` (empty for a full run, a copy of the current one
/// for an incremental run, whose `manifest` is then given) and commits. Returns the skipped
/// documents and warnings of what was read, and the number of documents the generation holds.
fn write_generation(
    listing: &CorpusListing,
    generation: &Path,
    dictionaries: &Dictionaries,
    diff: &Diff,
    manifest: Option<Manifest>,
    merge: bool,
    progress: &mut dyn Progress,
) -> Result<(CorpusLoad, u64, Option<usize>), IndexError> {
    let incremental = manifest.is_some();
    let mut manifest = manifest.unwrap_or_default();
    manifest.taxonomy_hash = diff.taxonomy_hash.clone();
    let to_read: Vec<&CorpusFile> = if incremental {
        let changed: BTreeSet<&str> = diff
            .added
            .iter()
            .chain(&diff.updated)
            .map(String::as_str)
            .collect();
        listing
            .files
            .iter()
            .filter(|file| changed.contains(file.relative.as_str()))
            .collect()
    } else {
        listing.files.iter().collect()
    };
    let (index, mut meta) = if incremental {
        let index = Index::open_in_dir(generation)?;
        let meta = IndexMeta::read(generation)?;
        (index, meta)
    } else {
        let index = Index::create_in_dir(generation, build_schema())?;
        let mut meta = IndexMeta::new(&listing.taxonomy, 0, 0);
        meta.cjk = dictionaries.best_plan();
        (index, meta)
    };
    let fields = Fields::from_schema(&index.schema())?;
    // Every language gets its analyzer: a new file may bring a language the index lacked.
    let all_languages: BTreeSet<String> = crate::analyzer::LANGUAGES
        .iter()
        .map(|lang| lang.to_string())
        .collect();
    for warning in register_analyzers(&index, &meta.cjk, dictionaries, &all_languages) {
        tracing::warn!("{warning}");
    }
    // An update pairs the words its index was built with; a full build counts them first on
    // files spread over the corpus (else on its first batch, below).
    let mut count_pair_words = false;
    if !incremental {
        match sample_files(&to_read) {
            Some(sample) => {
                let (sampled, _) = listing.read_files(sample, HashMap::new());
                meta.pair_words = frequent_words(&index, &sampled.documents);
            }
            None => count_pair_words = true,
        }
    }
    register_pairs(&index, &meta.pair_words);
    let mut writer: IndexWriter = if merge {
        merging_writer(&index)?
    } else {
        index.writer_with_num_threads(1, WRITER_MEMORY_BYTES)?
    };
    // Taken ids: those of the files that stay as they are.
    let mut taken: HashMap<String, String> = HashMap::new();
    if incremental {
        for path in diff.updated.iter().chain(&diff.deleted) {
            writer.delete_term(Term::from_field_text(fields.path, path));
            manifest.files.remove(path);
        }
        for (path, record) in &manifest.files {
            for id in &record.ids {
                taken.insert(id.clone(), path.clone());
            }
        }
    } else {
        manifest.files.clear();
    }
    // Only what is reported is kept: documents go to the writer batch by batch.
    let mut load = CorpusLoad::default();
    progress.start(to_read.len() as u64);
    for (batch_number, batch) in batches(&to_read).enumerate() {
        let (batch_load, still_taken) = listing.read_files(batch.iter().copied(), taken);
        taken = still_taken;
        if batch_number == 0 && count_pair_words {
            // Before the writer sees a document: tantivy takes a field's analyzer when a
            // segment starts, at its first document.
            meta.pair_words = frequent_words(&index, &batch_load.documents);
            register_pairs(&index, &meta.pair_words);
        }
        for document in &batch_load.documents {
            meta.languages
                .insert(analysis_language(document.lang.as_deref()).to_string());
        }
        add_documents(&writer, &fields, &batch_load.documents)?;
        record_files(listing, batch, &batch_load, &diff.hashes, &mut manifest);
        load.skipped.extend(batch_load.skipped);
        load.warnings.extend(batch_load.warnings);
        progress.advance(batch.len() as u64, batch_load.documents.len() as u64);
        if batch_number == 0 {
            crate::write::faults::pause_at("after-first-batch");
        }
    }
    progress.finish();
    crate::write::faults::pause_at("before-commit");
    writer.commit()?;
    let mut merged = None;
    if merge {
        let segments = index.searchable_segment_ids()?.len();
        progress.merging(segments);
        merge_into_one(&index, &mut writer)?;
        merged = Some(segments);
    }
    writer.wait_merging_threads()?;
    let documents = index.reader()?.searcher().num_docs();
    let fresh = IndexMeta::new(
        &listing.taxonomy,
        documents,
        manifest.skipped().count() as u64,
    );
    meta = IndexMeta {
        languages: meta.languages,
        cjk: meta.cjk,
        pair_words: meta.pair_words,
        ..fresh
    };
    meta.write(generation)?;
    manifest.write(generation)?;
    Ok((load, documents, merged))
}

/// Files to count a full build's frequent words on ([`frequent_words`]): spread evenly over
/// the corpus, since an archive in date order speaks of other things in its last files than
/// in its first, and within [`BATCH_BYTES`]. `None` when no file is that small.
fn sample_files<'a>(files: &[&'a CorpusFile]) -> Option<Vec<&'a CorpusFile>> {
    let small: Vec<&CorpusFile> = files
        .iter()
        .copied()
        .filter(|file| file.size <= BATCH_BYTES)
        .collect();
    let total: u64 = small.iter().map(|file| file.size).sum();
    if small.is_empty() || total <= BATCH_BYTES {
        return (!small.is_empty()).then_some(small);
    }
    let average = (total / small.len() as u64).max(1);
    let wanted = ((BATCH_BYTES / average) as usize).clamp(1, small.len());
    Some(
        (0..wanted)
            .map(|n| small[n * small.len() / wanted])
            .collect(),
    )
}

/// Consecutive runs of files within [`BATCH_FILES`] and [`BATCH_BYTES`].
fn batches<'a, 'b>(files: &'b [&'a CorpusFile]) -> impl Iterator<Item = &'b [&'a CorpusFile]> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= files.len() {
            return None;
        }
        let mut end = start;
        let mut bytes = 0;
        while end < files.len()
            && end - start < BATCH_FILES
            && (end == start || bytes + files[end].size <= BATCH_BYTES)
        {
            bytes += files[end].size;
            end += 1;
        }
        let batch = &files[start..end];
        start = end;
        Some(batch)
    })
}

/// Records what each file of a batch gave: its ids, its skipped documents, its hash.
fn record_files(
    listing: &CorpusListing,
    batch: &[&CorpusFile],
    load: &CorpusLoad,
    hashes: &HashMap<String, String>,
    manifest: &mut Manifest,
) {
    let mut ids: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for document in &load.documents {
        ids.entry(document.path.as_str())
            .or_default()
            .push(document.id.clone());
    }
    let mut skipped: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    for entry in &load.skipped {
        let file = batch
            .iter()
            .map(|file| file.relative.as_str())
            .find(|file| {
                entry.path == *file
                    || entry
                        .path
                        .strip_prefix(file)
                        .is_some_and(|rest| rest.starts_with(':'))
            })
            .unwrap_or(entry.path.as_str());
        skipped
            .entry(file)
            .or_default()
            .push((entry.path.clone(), entry.reason.clone()));
    }
    for file in batch {
        let hash = match hashes.get(&file.relative) {
            Some(hash) => hash.clone(),
            None => std::fs::read(listing.path_of(file))
                .map(|bytes| content_hash(&bytes))
                .unwrap_or_default(),
        };
        manifest.files.insert(
            file.relative.clone(),
            FileRecord {
                size: file.size,
                modified_ns: file.modified_ns,
                hash,
                ids: ids.remove(file.relative.as_str()).unwrap_or_default(),
                skipped: skipped.remove(file.relative.as_str()).unwrap_or_default(),
            },
        );
    }
}
