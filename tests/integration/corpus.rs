//! The shipped corpus keeps its promises (issue 4): size, languages, share of raw pages,
//! processes on every continent, hand-coded labels for every raw page, a clean `concord check`,
//! and taxonomy labels in `/api/facets`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use concord_corpus::taxonomy::Resolved;
use concord_corpus::{FacetGroup, Taxonomy, read_corpus};
use serde::Deserialize;

use crate::support::{build_state, concord, dictionaries, get_from};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One entry of `tests/labels/raw-documents.yaml`: a raw document coded by hand.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    path: String,
    lang: String,
    date: serde_yaml::Value,
    #[serde(default)]
    parties: Vec<String>,
    #[serde(default)]
    venues: Vec<String>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    processes: Vec<String>,
}

fn labels() -> Vec<Label> {
    let path = root().join("tests/labels/raw-documents.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn is_raw(path: &str) -> bool {
    path.ends_with(".txt") || path.ends_with(".html")
}

#[test]
fn the_shipped_corpus_is_large_multilingual_and_mostly_raw() {
    let load = read_corpus(&root().join("corpus")).unwrap();
    assert_eq!(load.skipped, vec![], "every shipped document is valid");
    let documents = &load.documents;
    assert!(documents.len() >= 200, "{} documents", documents.len());

    let mut by_lang: BTreeMap<&str, usize> = BTreeMap::new();
    for document in documents {
        *by_lang
            .entry(document.lang.as_deref().unwrap_or("none"))
            .or_default() += 1;
    }
    assert!(by_lang.len() >= 10, "{by_lang:?}");
    for lang in ["ja", "ko", "zh"] {
        assert!(
            by_lang.get(lang).copied().unwrap_or(0) >= 15,
            "{lang}: {by_lang:?}"
        );
    }
    for lang in ["ru", "uk", "tr", "el", "ar", "fr", "de", "es"] {
        assert!(
            by_lang.contains_key(lang),
            "no {lang} documents: {by_lang:?}"
        );
    }

    let raw = documents
        .iter()
        .filter(|document| is_raw(&document.path))
        .count();
    let html = documents
        .iter()
        .filter(|document| document.path.ends_with(".html"))
        .count();
    assert!(
        raw * 100 >= documents.len() * 40,
        "{raw} raw of {}",
        documents.len()
    );
    assert!(html > 0, "some raw pages are HTML");
    assert!(
        documents
            .iter()
            .any(|document| document.path.ends_with(".jsonl"))
    );
}

#[test]
fn every_raw_page_has_a_label_that_resolves_in_the_taxonomy() {
    let load = read_corpus(&root().join("corpus")).unwrap();
    let taxonomy: &Taxonomy = &load.taxonomy;
    let raw: BTreeSet<&str> = load
        .documents
        .iter()
        .filter(|document| is_raw(&document.path))
        .map(|document| document.path.as_str())
        .collect();
    let labels = labels();
    let labelled: BTreeSet<&str> = labels.iter().map(|label| label.path.as_str()).collect();
    assert_eq!(labelled.len(), labels.len(), "a raw page is labelled twice");
    let missing: Vec<_> = raw.difference(&labelled).collect();
    assert!(missing.is_empty(), "raw pages without labels: {missing:?}");
    let stray: Vec<_> = labelled.difference(&raw).collect();
    assert!(stray.is_empty(), "labels of no raw page: {stray:?}");
    let mut unknown = Vec::new();
    for label in &labels {
        let date = match &label.date {
            serde_yaml::Value::Number(year) => year.to_string(),
            serde_yaml::Value::String(text) => text.clone(),
            other => panic!("{}: date {other:?}", label.path),
        };
        assert!(
            date.parse::<concord_corpus::PartialDate>().is_ok(),
            "{}: date {date}",
            label.path
        );
        assert!(!label.lang.is_empty());
        let groups = [
            (FacetGroup::Party, &label.parties),
            (FacetGroup::Venue, &label.venues),
            (FacetGroup::Topic, &label.topics),
            (FacetGroup::Process, &label.processes),
        ];
        for (group, values) in groups {
            for value in values {
                if let Resolved::Unknown(_) = taxonomy.resolve(group, value) {
                    unknown.push(format!("{}: {group} {value}", label.path));
                }
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "label values not in the taxonomy: {unknown:#?}"
    );
}

#[test]
fn at_least_25_processes_on_every_continent_some_in_many_languages() {
    let load = read_corpus(&root().join("corpus")).unwrap();
    let mut languages_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for document in &load.documents {
        for process in &document.processes {
            let lang = document.lang.clone().unwrap_or_default();
            languages_of
                .entry(process.clone())
                .or_default()
                .insert(lang);
        }
    }
    for label in labels() {
        for process in label.processes {
            languages_of
                .entry(process)
                .or_default()
                .insert(label.lang.clone());
        }
    }
    assert!(
        languages_of.len() >= 25,
        "{} processes: {:?}",
        languages_of.len(),
        languages_of.keys()
    );
    let continents: BTreeSet<String> = languages_of
        .keys()
        .filter_map(|id| {
            load.taxonomy
                .entries(FacetGroup::Process)
                .iter()
                .find(|entry| &entry.id == id)
                .and_then(|entry| entry.continent.clone())
        })
        .collect();
    for continent in ["Africa", "Americas", "Asia", "Europe", "Oceania"] {
        assert!(
            continents.contains(continent),
            "no process in {continent}: {continents:?}"
        );
    }
    let istanbul = &languages_of["russia-ukraine-talks-2022"];
    assert!(istanbul.len() >= 5, "the 2022 talks in {istanbul:?}");
}

#[test]
fn concord_check_passes_on_the_shipped_corpus() {
    let output = concord(&["check", "--corpus", root().join("corpus").to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("result: 0 errors"), "{stdout}");
}

#[tokio::test]
async fn the_facets_endpoint_shows_taxonomy_labels_for_the_shipped_corpus() {
    let state = build_state(&root().join("corpus"), "shipped-corpus", &dictionaries());
    let (status, facets) = get_from(state.clone(), "/api/facets").await;
    assert_eq!(status, 200);
    let label_of = |group: &str, value: &str| -> String {
        facets[group]
            .as_array()
            .unwrap()
            .iter()
            .find(|facet| facet["value"] == value)
            .map(|facet| facet["label"].as_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(label_of("party", "turkey"), "Türkiye");
    assert_eq!(label_of("venue", "istanbul"), "Istanbul");
    assert_eq!(label_of("lang", "ja"), "Japanese");
    assert!(label_of("process", "dayton").starts_with("Dayton"));
    // A Japanese query finds Japanese documents of the shipped corpus.
    let (_, body) = get_from(state, "/api/search?q=%E5%81%9C%E6%88%A6&lang=ja").await;
    assert!(body["total"].as_u64().unwrap() >= 1, "{body}");
}
