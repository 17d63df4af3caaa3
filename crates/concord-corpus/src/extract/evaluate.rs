//! Extraction measured against hand-coded labels (`tests/labels/raw-documents.yaml`):
//! precision, recall and F1 per taxonomy field (micro-averaged over documents), venue
//! accuracy, exact primary dates and language accuracy.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::raw::Scalar;

/// The hand-coded answer for one raw document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub path: String,
    pub lang: String,
    pub date: Scalar,
    #[serde(default)]
    pub parties: Vec<String>,
    #[serde(default)]
    pub venues: Vec<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub processes: Vec<String>,
}

/// Counts for one set-valued field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct SetScore {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl SetScore {
    fn add(&mut self, expected: &[String], found: &[String]) {
        let expected: BTreeSet<&String> = expected.iter().collect();
        let found: BTreeSet<&String> = found.iter().collect();
        self.true_positives += expected.intersection(&found).count();
        self.false_positives += found.difference(&expected).count();
        self.false_negatives += expected.difference(&found).count();
    }

    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    pub fn f1(&self) -> f64 {
        let (precision, recall) = (self.precision(), self.recall());
        if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        }
    }
}

/// A ratio that is 1 when there is nothing to count (no error was possible).
fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        1.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// What went wrong on one document, for error analysis.
#[derive(Debug, Serialize)]
pub struct DocumentResult {
    pub path: String,
    pub expected_date: String,
    pub found_date: Option<String>,
    pub missed: Vec<String>,
    pub spurious: Vec<String>,
}

/// The whole measurement.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub documents: usize,
    /// Labelled documents the corpus does not have.
    pub missing: Vec<String>,
    pub parties: SetScore,
    pub venues: SetScore,
    pub topics: SetScore,
    pub processes: SetScore,
    /// Documents whose first venue is labelled, or with no venue where none is labelled.
    pub venue_correct: usize,
    /// Documents whose primary date equals the label, precision included.
    pub date_exact: usize,
    /// Documents whose primary date lies within the label's period or contains it.
    pub date_compatible: usize,
    pub lang_correct: usize,
    pub details: Vec<DocumentResult>,
}

impl Report {
    pub fn venue_accuracy(&self) -> f64 {
        ratio(self.venue_correct, self.documents)
    }

    pub fn date_exact_rate(&self) -> f64 {
        ratio(self.date_exact, self.documents)
    }

    pub fn date_compatible_rate(&self) -> f64 {
        ratio(self.date_compatible, self.documents)
    }

    pub fn lang_accuracy(&self) -> f64 {
        ratio(self.lang_correct, self.documents)
    }
}

/// Compares the documents read from a corpus (metadata extracted) with their labels.
pub fn evaluate(labels: &[Label], documents: &[Document]) -> Report {
    let mut report = Report::default();
    for label in labels {
        let Some(document) = documents
            .iter()
            .find(|document| document.path == label.path)
        else {
            report.missing.push(label.path.clone());
            continue;
        };
        report.documents += 1;
        report.parties.add(&label.parties, &document.parties);
        report.venues.add(&label.venues, &document.venues);
        report.topics.add(&label.topics, &document.topics);
        report.processes.add(&label.processes, &document.processes);
        let venue_ok = match document.venues.first() {
            Some(venue) => label.venues.contains(venue),
            None => label.venues.is_empty(),
        };
        report.venue_correct += usize::from(venue_ok);
        let expected_date = match &label.date {
            Scalar::Text(text) => text.clone(),
            Scalar::Integer(number) => number.to_string(),
            Scalar::Float(number) => number.to_string(),
        };
        let found_date = document.date.map(|date| date.to_string());
        if found_date.as_deref() == Some(expected_date.as_str()) {
            report.date_exact += 1;
        }
        if let (Some(found), Ok(expected)) =
            (document.date, expected_date.parse::<crate::PartialDate>())
        {
            let inside =
                found.start_key() >= expected.start_key() && found.end_key() <= expected.end_key();
            let contains =
                expected.start_key() >= found.start_key() && expected.end_key() <= found.end_key();
            report.date_compatible += usize::from(inside || contains);
        }
        report.lang_correct += usize::from(document.lang.as_deref() == Some(label.lang.as_str()));
        let mut missed = Vec::new();
        let mut spurious = Vec::new();
        for (group, expected, found) in [
            ("party", &label.parties, &document.parties),
            ("venue", &label.venues, &document.venues),
            ("topic", &label.topics, &document.topics),
            ("process", &label.processes, &document.processes),
        ] {
            missed.extend(
                expected
                    .iter()
                    .filter(|value| !found.contains(value))
                    .map(|value| format!("{group}:{value}")),
            );
            spurious.extend(
                found
                    .iter()
                    .filter(|value| !expected.contains(value))
                    .map(|value| format!("{group}:{value}")),
            );
        }
        report.details.push(DocumentResult {
            path: label.path.clone(),
            expected_date,
            found_date,
            missed,
            spurious,
        });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_as_hand_computed() {
        let mut score = SetScore::default();
        score.add(
            &["russia".into(), "ukraine".into(), "turkey".into()],
            &[
                "russia".into(),
                "ukraine".into(),
                "france".into(),
                "germany".into(),
            ],
        );
        // 2 right of 4 found, 2 of 3 expected.
        assert_eq!(score.precision(), 0.5);
        assert!((score.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((score.f1() - 4.0 / 7.0).abs() < 1e-9);
        // Nothing expected and nothing found: nothing was got wrong.
        assert_eq!(SetScore::default().f1(), 1.0);
    }
}
