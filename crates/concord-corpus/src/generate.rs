//! A deterministic generator of realistic corpora at any size, for benchmarks.
//!
//! Built from a real corpus (the shipped one): per language, the vocabulary with its
//! frequencies (so words come Zipf-distributed, as they do in the source) and the lengths of
//! titles and bodies; the language mix and the facet values' frequencies of the source's
//! documents; the taxonomy's ids for values the source never used. Each generated document
//! has one to four parties, a venue, one to three topics, a process now and then, a type, a
//! language (CJK included) and a day-precision date from 1945 to 2026. The same seed gives the
//! same documents on every machine: the random numbers come from SplitMix64, not from the
//! platform.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::document::Document;
use crate::facet::FacetGroup;
use crate::taxonomy::Taxonomy;

/// A generated document, as one JSON line of a corpus file.
#[derive(Clone, Debug, Serialize)]
pub struct GeneratedDocument {
    pub id: String,
    pub title: String,
    pub body: String,
    pub date: String,
    pub lang: String,
    pub doc_type: String,
    pub parties: Vec<String>,
    pub venues: Vec<String>,
    pub topics: Vec<String>,
    pub processes: Vec<String>,
}

impl GeneratedDocument {
    /// The document as the reader would give it from a JSON-lines file at `path`.
    pub fn into_document(self, path: &str) -> Document {
        Document {
            date: self.date.parse().ok(),
            id: self.id,
            title: self.title,
            body: self.body,
            parties: self.parties,
            venues: self.venues,
            topics: self.topics,
            processes: self.processes,
            lang: Some(self.lang),
            doc_type: Some(self.doc_type),
            source: None,
            path: path.to_string(),
            provenance: Default::default(),
            extracted: Vec::new(),
        }
    }
}

/// SplitMix64: small, fast, and the same everywhere.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }
}

/// Items drawn in proportion to their weights (cumulative table, binary search).
#[derive(Clone, Debug)]
struct Weighted<T> {
    items: Vec<T>,
    cumulative: Vec<u64>,
}

impl<T: Clone> Weighted<T> {
    fn new(pairs: impl IntoIterator<Item = (T, u64)>) -> Weighted<T> {
        let mut items = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0;
        for (item, weight) in pairs {
            if weight == 0 {
                continue;
            }
            total += weight;
            items.push(item);
            cumulative.push(total);
        }
        Weighted { items, cumulative }
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn draw(&self, rng: &mut SplitMix64) -> T {
        let total = *self
            .cumulative
            .last()
            .expect("a weighted table is not empty");
        let target = rng.below(total);
        let index = self.cumulative.partition_point(|&sum| sum <= target);
        self.items[index].clone()
    }
}

/// What is drawn for one language.
#[derive(Clone, Debug)]
struct LanguageModel {
    words: Weighted<String>,
    title_lengths: Vec<usize>,
    body_lengths: Vec<usize>,
    /// CJK text is written without spaces.
    joined: bool,
}

/// The generator: build once from a corpus, then draw documents by number.
#[derive(Clone, Debug)]
pub struct Generator {
    languages: Weighted<String>,
    models: BTreeMap<String, LanguageModel>,
    facets: BTreeMap<FacetGroup, Weighted<String>>,
    doc_types: Weighted<String>,
    seed: u64,
}

/// The words of a text: whitespace-separated tokens trimmed of punctuation; for Japanese and
/// Chinese (no spaces), runs of two characters.
fn words(text: &str, lang: &str) -> Vec<String> {
    let trim = |token: &str| {
        token
            .trim_matches(|ch: char| !ch.is_alphanumeric())
            .to_string()
    };
    if matches!(lang, "ja" | "zh") {
        let mut out = Vec::new();
        for run in text.split(|ch: char| !ch.is_alphanumeric()) {
            let chars: Vec<char> = run.chars().collect();
            for pair in chars.chunks(2) {
                out.push(pair.iter().collect());
            }
        }
        out.retain(|word: &String| !word.is_empty());
        out
    } else {
        text.split_whitespace()
            .map(trim)
            .filter(|word| !word.is_empty())
            .collect()
    }
}

impl Generator {
    /// A generator that writes like `documents` and draws metadata from `taxonomy` too.
    pub fn new(documents: &[Document], taxonomy: &Taxonomy, seed: u64) -> Generator {
        let mut language_counts: BTreeMap<String, u64> = BTreeMap::new();
        let mut vocabularies: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        let mut title_lengths: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut body_lengths: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut facet_counts: BTreeMap<FacetGroup, BTreeMap<String, u64>> = BTreeMap::new();
        let mut doc_types: BTreeMap<String, u64> = BTreeMap::new();
        for document in documents {
            let lang = document.lang.clone().unwrap_or_else(|| "en".to_string());
            *language_counts.entry(lang.clone()).or_default() += 1;
            let vocabulary = vocabularies.entry(lang.clone()).or_default();
            let title = words(&document.title, &lang);
            let body = words(&document.body, &lang);
            title_lengths
                .entry(lang.clone())
                .or_default()
                .push(title.len().max(2));
            body_lengths
                .entry(lang.clone())
                .or_default()
                .push(body.len().max(20));
            for word in title.into_iter().chain(body) {
                *vocabulary.entry(word).or_default() += 1;
            }
            for (group, values) in [
                (FacetGroup::Party, &document.parties),
                (FacetGroup::Venue, &document.venues),
                (FacetGroup::Topic, &document.topics),
                (FacetGroup::Process, &document.processes),
            ] {
                for value in values {
                    *facet_counts
                        .entry(group)
                        .or_default()
                        .entry(value.clone())
                        .or_default() += 1;
                }
            }
            if let Some(doc_type) = &document.doc_type {
                *doc_types.entry(doc_type.clone()).or_default() += 1;
            }
        }
        // Every taxonomy value can appear, the source's frequent ones more often.
        for group in FacetGroup::TAXONOMY {
            let counts = facet_counts.entry(group).or_default();
            for entry in taxonomy.entries(group) {
                let count = counts.entry(entry.id.clone()).or_default();
                *count = *count * 4 + 1;
            }
        }
        let models = vocabularies
            .into_iter()
            .map(|(lang, vocabulary)| {
                let model = LanguageModel {
                    words: Weighted::new(vocabulary),
                    title_lengths: title_lengths.remove(&lang).unwrap_or_default(),
                    body_lengths: body_lengths.remove(&lang).unwrap_or_default(),
                    joined: matches!(lang.as_str(), "ja" | "zh"),
                };
                (lang, model)
            })
            .filter(|(_, model)| !model.words.is_empty())
            .collect::<BTreeMap<_, _>>();
        let languages = Weighted::new(
            language_counts
                .into_iter()
                .filter(|(lang, _)| models.contains_key(lang)),
        );
        if doc_types.is_empty() {
            doc_types.insert("news".to_string(), 1);
        }
        Generator {
            languages,
            models,
            facets: facet_counts
                .into_iter()
                .map(|(group, counts)| (group, Weighted::new(counts)))
                .collect(),
            doc_types: Weighted::new(doc_types),
            seed,
        }
    }

    /// Document number `n`: the same for the same source, seed and `n`.
    pub fn document(&self, n: u64) -> GeneratedDocument {
        let mut rng = SplitMix64::new(self.seed ^ n.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        let lang = self.languages.draw(&mut rng);
        let model = &self.models[&lang];
        let pick_length = |lengths: &[usize], rng: &mut SplitMix64| {
            lengths[rng.below(lengths.len() as u64) as usize]
        };
        let title_length = pick_length(&model.title_lengths, &mut rng).clamp(2, 16);
        let body_length = pick_length(&model.body_lengths, &mut rng);
        let title = self.text(model, title_length, &mut rng);
        let body = self.text(model, body_length, &mut rng);
        let draw_values = |group: FacetGroup, low: u64, high: u64, rng: &mut SplitMix64| {
            let Some(table) = self.facets.get(&group).filter(|table| !table.is_empty()) else {
                return Vec::new();
            };
            let count = low + rng.below(high - low + 1);
            let mut values: Vec<String> = Vec::new();
            for _ in 0..count {
                let value = table.draw(rng);
                if !values.contains(&value) {
                    values.push(value);
                }
            }
            values
        };
        let parties = draw_values(FacetGroup::Party, 1, 4, &mut rng);
        let venues = draw_values(FacetGroup::Venue, 1, 1, &mut rng);
        let topics = draw_values(FacetGroup::Topic, 1, 3, &mut rng);
        let processes = if rng.below(3) == 0 {
            draw_values(FacetGroup::Process, 1, 1, &mut rng)
        } else {
            Vec::new()
        };
        // Day-precision dates from 1945-01-01 to 2026-12-28 (28 days a month keeps them valid).
        let year = 1945 + rng.below(82);
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        GeneratedDocument {
            id: format!("gen/{n:08}"),
            title,
            body,
            date: format!("{year:04}-{month:02}-{day:02}"),
            doc_type: self.doc_types.draw(&mut rng),
            lang,
            parties,
            venues,
            topics,
            processes,
        }
    }

    fn text(&self, model: &LanguageModel, length: usize, rng: &mut SplitMix64) -> String {
        let mut text = String::new();
        for index in 0..length {
            let word = model.words.draw(rng);
            if !model.joined && index > 0 {
                text.push(' ');
            }
            text.push_str(&word);
            // Sentences of about 18 words.
            if rng.below(18) == 0 && index + 1 < length {
                text.push_str(if model.joined { "。" } else { "." });
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reader::read_corpus;

    fn generator(seed: u64) -> Generator {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let load = read_corpus(&corpus).unwrap();
        Generator::new(&load.documents, &load.taxonomy, seed)
    }

    #[test]
    fn the_same_seed_gives_the_same_documents() {
        let (a, b) = (generator(7), generator(7));
        for n in [0, 1, 999, 123_456] {
            assert_eq!(
                serde_json::to_string(&a.document(n)).unwrap(),
                serde_json::to_string(&b.document(n)).unwrap()
            );
        }
        assert_ne!(a.document(1).body, generator(8).document(1).body);
    }

    #[test]
    fn documents_look_like_the_corpus() {
        let generator = generator(1);
        let documents: Vec<GeneratedDocument> = (0..2000).map(|n| generator.document(n)).collect();
        let share = |lang: &str| {
            documents
                .iter()
                .filter(|document| document.lang == lang)
                .count() as f64
                / 2000.0
        };
        // The shipped corpus is about 38 % English and 9 % each Japanese, Korean, Chinese.
        assert!((0.30..0.46).contains(&share("en")), "{}", share("en"));
        for lang in ["ja", "ko", "zh"] {
            assert!(
                (0.05..0.14).contains(&share(lang)),
                "{lang}: {}",
                share(lang)
            );
        }
        for document in &documents {
            assert!((1..=4).contains(&document.parties.len()));
            assert_eq!(document.venues.len(), 1);
            assert!(!document.topics.is_empty());
            let year: u32 = document.date[..4].parse().unwrap();
            assert!((1945..=2026).contains(&year));
            assert!(document.date.parse::<crate::date::PartialDate>().is_ok());
            assert!(!document.title.is_empty() && document.body.len() > 20);
        }
        // Zipf: the commonest English word is far commoner than the hundredth.
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for document in documents.iter().filter(|document| document.lang == "en") {
            for word in document.body.split(' ') {
                *counts.entry(word).or_default() += 1;
            }
        }
        let mut frequencies: Vec<usize> = counts.into_values().collect();
        frequencies.sort_unstable_by(|a, b| b.cmp(a));
        assert!(
            frequencies[0] > 20 * frequencies[100],
            "{:?}",
            &frequencies[..5]
        );
    }
}
