//! `concord extract FILE...`: what Concord reads out of raw files, and why.

use std::fmt::Write as _;

use anyhow::Context;
use concord_corpus::extract::{Extraction, Extractor, Format};
use concord_corpus::{FacetGroup, Taxonomy};

use crate::cli::ExtractArgs;

pub fn run(args: &ExtractArgs) -> anyhow::Result<()> {
    let taxonomy = Taxonomy::load_from_corpus(&args.corpus)
        .with_context(|| format!("cannot load the taxonomy of {}", args.corpus.display()))?;
    let extractor = Extractor::new(&taxonomy);
    let mut results = Vec::new();
    for path in &args.files {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{}: not valid UTF-8 text", path.display()))?;
        let extraction = extractor.extract(&text, Format::of_path(path));
        if args.json {
            results.push(serde_json::json!({
                "path": path.display().to_string(),
                "extraction": extraction,
            }));
        } else {
            print!(
                "{}",
                explain(&path.display().to_string(), &extraction, &taxonomy)
            );
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
    }
    Ok(())
}

/// The extraction as a person reads it: results first, then the evidence.
fn explain(path: &str, extraction: &Extraction, taxonomy: &Taxonomy) -> String {
    let text = extraction.analysed_text();
    let mut out = String::new();
    let _ = writeln!(out, "== {path}");
    let _ = writeln!(out, "title      {}", extraction.title);
    let _ = writeln!(
        out,
        "language   {}",
        extraction.lang.as_deref().unwrap_or("(unknown)")
    );
    let date = extraction
        .date
        .map_or("(none)".to_string(), |date| date.to_string());
    let _ = writeln!(out, "date       {date}");
    for (name, group, values) in [
        ("parties", FacetGroup::Party, &extraction.parties),
        ("venues", FacetGroup::Venue, &extraction.venues),
        ("topics", FacetGroup::Topic, &extraction.topics),
        ("processes", FacetGroup::Process, &extraction.processes),
    ] {
        let labels: Vec<String> = values
            .iter()
            .map(|id| format!("{id} ({})", taxonomy.label(group, id).unwrap_or(id)))
            .collect();
        let _ = writeln!(out, "{name:<10} {}", labels.join(", "));
    }
    let _ = writeln!(out, "\nwhy this date (best first):");
    for candidate in extraction.date_candidates.iter().take(5) {
        let _ = writeln!(
            out,
            "  {:>5.1}  {:<10}  {:?} at byte {}{}: {}",
            candidate.score,
            candidate.date.to_string(),
            candidate.text,
            candidate.start,
            if candidate.origin == concord_corpus::extract::primary::Origin::Notes {
                " of the notes"
            } else {
                ""
            },
            candidate.reasons.join(", ")
        );
    }
    let _ = writeln!(out, "\nwhy these values (score, mentions; * = indexed):");
    for entry in &extraction.salience {
        let first = extraction
            .mentions
            .iter()
            .find(|mention| mention.group == entry.group && mention.id == entry.id);
        let evidence = first.map_or(String::new(), |mention| {
            format!(
                "{:?} matched {:?} at byte {}; ",
                &text[mention.start..mention.end],
                mention.name,
                mention.start
            )
        });
        let _ = writeln!(
            out,
            "  {} {:<8} {:<28} {:>5.1} {:>3}x  {evidence}{}",
            if entry.salient { '*' } else { ' ' },
            entry.group.name(),
            entry.id,
            entry.score,
            entry.mentions,
            entry.reason
        );
    }
    if !extraction.links.is_empty() || !extraction.footnotes.is_empty() {
        let _ = writeln!(out, "\nprovenance:");
        for link in &extraction.links {
            let _ = writeln!(out, "  link      {}", link.url);
        }
        for note in &extraction.footnotes {
            let _ = writeln!(out, "  footnote  [{}] {}", note.marker, note.text);
        }
    }
    for reference in &extraction.references {
        let _ = writeln!(out, "  reference {reference}");
    }
    if !extraction.removed.is_empty() {
        let _ = writeln!(out, "\nremoved as page furniture:");
        for removed in &extraction.removed {
            let _ = writeln!(out, "  {:<22} {}", removed.reason, removed.line);
        }
    }
    out.push('\n');
    out
}
