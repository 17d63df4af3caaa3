//! `concord index`: bring the index up to date with the corpus (incremental by default once
//! an index exists, `--full` to rebuild), or say what would change (`--dry-run`).

use std::path::Path;

use anyhow::{Context, bail};
use concord_corpus::list_corpus;
use concord_index::{Dictionaries, IndexError, UpdateOptions, UpdateReport, update_index};

use crate::cli::IndexArgs;
use crate::commands::progress::FileProgress;
use crate::commands::setup_dicts::prepare;

pub fn run(args: &IndexArgs) -> anyhow::Result<()> {
    let dictionaries = prepare(&args.dicts);
    let options = UpdateOptions {
        full: args.full,
        dry_run: args.dry_run,
        merge: args.merge,
    };
    let report = reindex(
        &args.locations.corpus,
        &args.locations.index,
        &dictionaries,
        options,
        args.json,
    )?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_summary(&report, &args.locations.corpus, &args.locations.index);
    }
    Ok(())
}

/// Lists the corpus and applies it to the index; refuses to publish an empty index.
pub fn reindex(
    corpus: &Path,
    index: &Path,
    dictionaries: &Dictionaries,
    options: UpdateOptions,
    quiet: bool,
) -> anyhow::Result<UpdateReport> {
    let listing =
        list_corpus(corpus).with_context(|| format!("cannot read corpus {}", corpus.display()))?;
    if listing.files.is_empty() {
        bail!(
            "no documents in {} (Markdown, .txt, .html or .jsonl files); the index was left as it was",
            corpus.display()
        );
    }
    let mut progress = FileProgress::new(quiet);
    match update_index(&listing, index, dictionaries, options, &mut progress) {
        Ok(report) => Ok(report),
        Err(IndexError::NothingToIndex { skipped }) => {
            for skipped in &skipped {
                eprintln!("skipped {}: {}", skipped.path, skipped.reason);
            }
            bail!(
                "no valid documents in {} ({} skipped); the index was left as it was",
                corpus.display(),
                skipped.len()
            )
        }
        Err(error) => {
            Err(error).with_context(|| format!("cannot update index {}", index.display()))
        }
    }
}

pub fn print_summary(report: &UpdateReport, corpus: &Path, index: &Path) {
    let verb = if report.dry_run {
        "would apply"
    } else {
        "applied"
    };
    let mode = match &report.full_reason {
        Some(reason) => format!("a full rebuild ({reason})"),
        None => "an incremental update".to_string(),
    };
    if report.is_noop() {
        println!(
            "{} is up to date with {}: {} files unchanged, {} documents",
            index.display(),
            corpus.display(),
            report.unchanged,
            report.documents
        );
    } else {
        println!(
            "{verb} {mode} of {} to {}: {} added, {} updated, {} deleted, {} unchanged files",
            corpus.display(),
            index.display(),
            report.added.len(),
            report.updated.len(),
            report.deleted.len(),
            report.unchanged
        );
    }
    let list = |name: &str, paths: &[String]| {
        if !paths.is_empty() && paths.len() <= 20 {
            for path in paths {
                println!("  {name:<8} {path}");
            }
        }
    };
    list("added", &report.added);
    list("updated", &report.updated);
    list("deleted", &report.deleted);
    if let Some(segments) = report.merged_segments {
        println!("merged {segments} segments into one");
    }
    if let Some(generation) = &report.generation {
        println!(
            "{} documents in the index ({generation}), {:.2} s",
            report.documents, report.seconds
        );
    }
    if !report.skipped.is_empty() {
        println!("skipped {} (not indexed):", report.skipped.len());
        for skipped in &report.skipped {
            println!("  {}: {}", skipped.path, skipped.reason);
        }
    }
    if !report.warnings.is_empty() {
        println!("warnings {}:", report.warnings.len());
        for warning in &report.warnings {
            println!("  {}: {}", warning.path, warning.message);
        }
    }
}
