//! `concord index`: read the corpus, report what was skipped, build and swap in the index.

use std::path::Path;

use anyhow::{Context, bail};
use concord_corpus::{CorpusLoad, read_corpus};
use concord_index::{BuildReport, Dictionaries, build_index};
use serde_json::json;

use crate::cli::IndexArgs;
use crate::commands::setup_dicts::prepare;

pub fn run(args: &IndexArgs) -> anyhow::Result<()> {
    let dictionaries = prepare(&args.dicts);
    let (load, report) = build(&args.locations.corpus, &args.locations.index, &dictionaries)?;
    if args.json {
        let summary = json!({
            "corpus": args.locations.corpus,
            "index": args.locations.index,
            "indexed": report.indexed,
            "skipped": load.skipped,
            "warnings": load.warnings,
            "seconds": report.elapsed.as_secs_f64(),
        });
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        print_summary(
            &load,
            &report,
            &args.locations.corpus,
            &args.locations.index,
        );
    }
    Ok(())
}

/// Reads the corpus and builds the index; refuses to replace an index with an empty one.
pub fn build(
    corpus: &Path,
    index: &Path,
    dictionaries: &Dictionaries,
) -> anyhow::Result<(CorpusLoad, BuildReport)> {
    let load =
        read_corpus(corpus).with_context(|| format!("cannot read corpus {}", corpus.display()))?;
    if load.documents.is_empty() {
        for skipped in &load.skipped {
            eprintln!("skipped {}: {}", skipped.path, skipped.reason);
        }
        bail!(
            "no valid documents in {} ({} skipped); the index was left as it was",
            corpus.display(),
            load.skipped.len()
        );
    }
    let report = build_index(
        &load.documents,
        &load.taxonomy,
        load.skipped.len(),
        index,
        dictionaries,
    )
    .with_context(|| format!("cannot build index {}", index.display()))?;
    Ok((load, report))
}

pub fn print_summary(load: &CorpusLoad, report: &BuildReport, corpus: &Path, index: &Path) {
    println!(
        "indexed {} documents from {} into {} in {:.2} s",
        report.indexed,
        corpus.display(),
        index.display(),
        report.elapsed.as_secs_f64()
    );
    if !load.skipped.is_empty() {
        println!("skipped {} (not indexed):", load.skipped.len());
        for skipped in &load.skipped {
            println!("  {}: {}", skipped.path, skipped.reason);
        }
    }
    if !load.warnings.is_empty() {
        println!("warnings {}:", load.warnings.len());
        for warning in &load.warnings {
            println!("  {}: {}", warning.path, warning.message);
        }
    }
}
