//! `concord eval-extract`: extraction measured against the hand-coded labels of the raw
//! documents, field by field, with the targets the project holds itself to.

use anyhow::{Context, bail};
use concord_corpus::extract::evaluate::{Label, Report, evaluate};
use concord_corpus::read_corpus;

use crate::cli::EvalExtractArgs;

/// (field, measure, target) rows of the table; the targets are issue 5's.
const TARGETS: [(&str, f64); 4] = [
    ("party F1", 0.9),
    ("venue accuracy", 0.9),
    ("primary date exact", 0.85),
    ("topic F1", 0.75),
];

pub fn run(args: &EvalExtractArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.labels)
        .with_context(|| format!("cannot read {}", args.labels.display()))?;
    let labels: Vec<Label> = serde_yaml::from_str(&text)
        .with_context(|| format!("cannot parse {}", args.labels.display()))?;
    let load = read_corpus(&args.corpus)?;
    let report = evaluate(&labels, &load.documents);
    if !report.missing.is_empty() {
        bail!(
            "labelled documents missing from the corpus: {}",
            report.missing.join(", ")
        );
    }
    let rows = rows(&report);
    if args.json {
        let measures: serde_json::Map<String, serde_json::Value> = rows
            .iter()
            .map(|(name, value)| (name.replace(' ', "_"), serde_json::json!(value)))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "documents": report.documents,
                "measures": measures,
                "report": report,
            }))?
        );
    } else {
        println!(
            "extraction against {} labelled raw documents",
            report.documents
        );
        println!("{:<24} {:>6}  target", "measure", "value");
        for (name, value) in &rows {
            let target = TARGETS
                .iter()
                .find(|(target_name, _)| target_name == name)
                .map_or(String::new(), |(_, target)| {
                    let verdict = if *value >= *target { "ok" } else { "BELOW" };
                    format!(">= {target:.2}  {verdict}")
                });
            println!("{name:<24} {value:>6.3}  {target}");
        }
        if args.verbose {
            for detail in report.details.iter().filter(|detail| {
                !detail.missed.is_empty()
                    || !detail.spurious.is_empty()
                    || detail.found_date.as_deref() != Some(detail.expected_date.as_str())
            }) {
                println!(
                    "\n{}\n  date {} (expected {})\n  missed {}\n  spurious {}",
                    detail.path,
                    detail.found_date.as_deref().unwrap_or("none"),
                    detail.expected_date,
                    detail.missed.join(" "),
                    detail.spurious.join(" ")
                );
            }
        }
    }
    let below: Vec<&str> = TARGETS
        .iter()
        .filter(|(name, target)| {
            rows.iter()
                .any(|(row, value)| row == name && value < target)
        })
        .map(|(name, _)| *name)
        .collect();
    if args.fail_below_target && !below.is_empty() {
        bail!("below target: {}", below.join(", "));
    }
    Ok(())
}

fn rows(report: &Report) -> Vec<(&'static str, f64)> {
    vec![
        ("party precision", report.parties.precision()),
        ("party recall", report.parties.recall()),
        ("party F1", report.parties.f1()),
        ("venue precision", report.venues.precision()),
        ("venue recall", report.venues.recall()),
        ("venue accuracy", report.venue_accuracy()),
        ("primary date exact", report.date_exact_rate()),
        ("primary date compatible", report.date_compatible_rate()),
        ("topic precision", report.topics.precision()),
        ("topic recall", report.topics.recall()),
        ("topic F1", report.topics.f1()),
        ("process F1", report.processes.f1()),
        ("language accuracy", report.lang_accuracy()),
    ]
}
