//! `concord check`: validate a corpus and its taxonomy, write nothing, exit 1 on errors.
//!
//! Errors: files that cannot be indexed (with the reason), taxonomy problems (bad or duplicate
//! ids, an alias claimed by two entries), and metadata values the taxonomy does not know.
//! Warnings: unknown metadata fields and files of unsupported types.

use std::collections::BTreeMap;

use anyhow::bail;
use concord_corpus::{CorpusError, CorpusLoad, FacetGroup, WarningKind, read_corpus};
use serde::Serialize;

use crate::cli::CheckArgs;

#[derive(Serialize)]
struct Problem {
    path: String,
    line: Option<usize>,
    message: String,
}

#[derive(Serialize, Default)]
struct Report {
    documents: usize,
    by_format: BTreeMap<String, usize>,
    by_language: BTreeMap<String, usize>,
    /// Documents carrying at least one value of each metadata field.
    coded: BTreeMap<String, usize>,
    taxonomy: BTreeMap<String, usize>,
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

pub fn run(args: &CheckArgs) -> anyhow::Result<()> {
    let report = match read_corpus(&args.corpus) {
        Ok(load) => report(&load),
        Err(CorpusError::Taxonomy { path, problems }) => Report {
            errors: problems
                .into_iter()
                .map(|message| Problem {
                    path: path.display().to_string(),
                    line: None,
                    message,
                })
                .collect(),
            ..Report::default()
        },
        Err(error) => return Err(error.into()),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report, &args.corpus.display().to_string());
    }
    if !report.errors.is_empty() {
        bail!(
            "{} errors in {}",
            report.errors.len(),
            args.corpus.display()
        );
    }
    Ok(())
}

fn report(load: &CorpusLoad) -> Report {
    let mut report = Report {
        documents: load.documents.len(),
        ..Report::default()
    };
    for document in &load.documents {
        let format = match document
            .path
            .rsplit_once('.')
            .map(|(_, extension)| extension)
        {
            Some("md" | "markdown") => "markdown",
            Some("txt") => "text",
            Some("html" | "htm") => "html",
            Some("jsonl") => "json lines",
            _ => "other",
        };
        *report.by_format.entry(format.to_string()).or_default() += 1;
        let lang = document
            .lang
            .clone()
            .unwrap_or_else(|| "unknown".to_string());
        *report.by_language.entry(lang).or_default() += 1;
        let fields = [
            ("date", document.date.is_some()),
            ("parties", !document.parties.is_empty()),
            ("venues", !document.venues.is_empty()),
            ("topics", !document.topics.is_empty()),
            ("processes", !document.processes.is_empty()),
            ("doc_type", document.doc_type.is_some()),
        ];
        for (field, present) in fields {
            *report.coded.entry(field.to_string()).or_default() += usize::from(present);
        }
    }
    for group in FacetGroup::TAXONOMY {
        report
            .taxonomy
            .insert(group.name().to_string(), load.taxonomy.entries(group).len());
    }
    for skipped in &load.skipped {
        report.errors.push(Problem {
            path: skipped.path.clone(),
            line: None,
            message: skipped.reason.clone(),
        });
    }
    for warning in &load.warnings {
        let problem = Problem {
            path: warning.path.clone(),
            line: warning.line,
            message: warning.message.clone(),
        };
        match warning.kind {
            WarningKind::UnknownValue | WarningKind::EmptyValue => report.errors.push(problem),
            WarningKind::UnknownField | WarningKind::UnsupportedFile | WarningKind::BadLink => {
                report.warnings.push(problem)
            }
        }
    }
    report
}

fn print_report(report: &Report, corpus: &str) {
    let location = |problem: &Problem| match problem.line {
        Some(line) => format!("{}:{line}", problem.path),
        None => problem.path.clone(),
    };
    for (title, problems) in [("error", &report.errors), ("warning", &report.warnings)] {
        for problem in problems {
            println!("{title}: {}: {}", location(problem), problem.message);
        }
    }
    println!();
    println!("corpus {corpus}: {} documents", report.documents);
    let table = |title: &str, rows: &BTreeMap<String, usize>| {
        println!("  {title}");
        for (name, count) in rows {
            println!("    {name:<14} {count:>5}");
        }
    };
    table("by format", &report.by_format);
    table("by language", &report.by_language);
    table("documents with", &report.coded);
    table("taxonomy entries", &report.taxonomy);
    println!(
        "result: {} errors, {} warnings",
        report.errors.len(),
        report.warnings.len()
    );
}
