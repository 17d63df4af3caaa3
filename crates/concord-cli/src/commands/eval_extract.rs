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

/// One labelled set measured: its name, the report and its rows.
struct Measured {
    name: &'static str,
    report: Report,
    rows: Vec<(&'static str, f64)>,
}

/// Extraction on the pages of `corpus` against the labels in `labels`.
fn measure(
    name: &'static str,
    corpus: &std::path::Path,
    labels: &std::path::Path,
) -> anyhow::Result<Measured> {
    let text = std::fs::read_to_string(labels)
        .with_context(|| format!("cannot read {}", labels.display()))?;
    let labels_read: Vec<Label> = serde_yaml::from_str(&text)
        .with_context(|| format!("cannot parse {}", labels.display()))?;
    let load = read_corpus(corpus)?;
    let report = evaluate(&labels_read, &load.documents);
    if !report.missing.is_empty() {
        bail!(
            "labelled documents missing from {}: {}",
            corpus.display(),
            report.missing.join(", ")
        );
    }
    let rows = rows(&report);
    Ok(Measured { name, report, rows })
}

pub fn run(args: &EvalExtractArgs) -> anyhow::Result<()> {
    let mut sets = vec![measure("tuning", &args.corpus, &args.labels)?];
    if args.held_out_labels.exists() {
        sets.push(measure("held-out", &args.held_out, &args.held_out_labels)?);
    }
    let tuning = &sets[0];
    if args.json {
        let json_of = |set: &Measured| -> serde_json::Value {
            let measures: serde_json::Map<String, serde_json::Value> = set
                .rows
                .iter()
                .map(|(name, value)| (name.replace(' ', "_"), serde_json::json!(value)))
                .collect();
            serde_json::json!({
                "documents": set.report.documents,
                "measures": measures,
                "report": set.report,
            })
        };
        let mut json = json_of(tuning);
        if let Some(held_out) = sets.get(1) {
            json["held_out"] = json_of(held_out);
        }
        println!("{}", serde_json::to_string_pretty(&json)?);
    } else {
        let counts: Vec<String> = sets
            .iter()
            .map(|set| format!("{} {}", set.report.documents, set.name))
            .collect();
        println!(
            "extraction against labelled raw documents: {}",
            counts.join(", ")
        );
        let header: Vec<String> = sets.iter().map(|set| format!("{:>8}", set.name)).collect();
        println!("{:<24} {}  target", "measure", header.join(" "));
        for (index, (name, _)) in tuning.rows.iter().enumerate() {
            let values: Vec<f64> = sets.iter().map(|set| set.rows[index].1).collect();
            let shown: Vec<String> = values.iter().map(|value| format!("{value:>8.3}")).collect();
            let target = TARGETS
                .iter()
                .find(|(target_name, _)| target_name == name)
                .map_or(String::new(), |(_, target)| {
                    let verdicts: Vec<&str> = values
                        .iter()
                        .map(|value| if value >= target { "ok" } else { "BELOW" })
                        .collect();
                    format!(">= {target:.2}  {}", verdicts.join(" / "))
                });
            println!("{name:<24} {}  {target}", shown.join(" "));
        }
        if args.verbose {
            for set in &sets {
                for detail in set.report.details.iter().filter(|detail| {
                    !detail.missed.is_empty()
                        || !detail.spurious.is_empty()
                        || detail.found_date.as_deref() != Some(detail.expected_date.as_str())
                }) {
                    println!(
                        "\n[{}] {}\n  date {} (expected {})\n  missed {}\n  spurious {}",
                        set.name,
                        detail.path,
                        detail.found_date.as_deref().unwrap_or("none"),
                        detail.expected_date,
                        detail.missed.join(" "),
                        detail.spurious.join(" ")
                    );
                }
            }
        }
    }
    // The targets bind the tuning set; the held-out figures are reported (issue 22 sets
    // their targets; they are not met yet).
    let below: Vec<&str> = TARGETS
        .iter()
        .filter(|(name, target)| {
            tuning
                .rows
                .iter()
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
