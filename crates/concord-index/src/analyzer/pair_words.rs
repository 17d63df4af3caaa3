//! Which words get pairs ([`crate::analyzer::pairs`]): the frequent words of each language,
//! stop words left out, counted at the start of a full build on files spread over the corpus
//! (`update.rs`; `build_index` on its documents) and kept in the index's metadata, so that later incremental updates pair
//! the same words and queries know which phrases the pair field can answer. A phrase of other
//! words is answered from positions, as before: the list decides speed, never results.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use concord_corpus::Document;
use tantivy::Index;
use tantivy::tokenizer::TextAnalyzer;

use crate::analyzer::pairs::PairTokenizer;
use crate::analyzer::{
    LANGUAGES, analysis_language, has_pairs, pairs_tokenizer_name, tokenizer_name,
    without_stop_words,
};

/// Frequent words by analysis language, as analysed (`"peac"`, `"settlement"`).
pub type PairWords = BTreeMap<String, BTreeSet<String>>;

/// Documents counted, at most, spread evenly over those given.
const SAMPLE: usize = 10_000;

/// A word is frequent when at least one sampled document of its language in this many holds
/// it: a phrase with a rarer word has at most that share of the documents to check by
/// position (about 4,000 of a million).
const FREQUENT_ONE_IN: usize = 256;

/// Frequent words kept per language, at most, the most frequent first. Pairs cost build time
/// (UNGDC, one indexing thread: 16.1 s without pairs, 19.7 s with 300 words, 21.8 s with
/// 1,000; benches/README.md), so the phrases of the 300 most frequent words, the ones
/// positions answer slowest, get them.
const MAX_WORDS: usize = 300;

/// The frequent words of `documents` (their bodies, analysed as `index` analyses them).
pub fn frequent_words(index: &Index, documents: &[Document]) -> PairWords {
    let step = documents.len().div_ceil(SAMPLE).max(1);
    let mut analyzers: HashMap<&str, TextAnalyzer> = HashMap::new();
    let mut counts: HashMap<&str, (usize, HashMap<String, usize>)> = HashMap::new();
    let mut seen = HashSet::new();
    for document in documents.iter().step_by(step) {
        let lang = analysis_language(document.lang.as_deref());
        if !has_pairs(lang) {
            continue;
        }
        let analyzer = match analyzers.entry(lang) {
            std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
            std::collections::hash_map::Entry::Vacant(entry) => {
                match index.tokenizers().get(&tokenizer_name(lang)) {
                    Some(analyzer) => entry.insert(analyzer),
                    None => continue,
                }
            }
        };
        let (sampled, words) = counts.entry(lang).or_default();
        *sampled += 1;
        seen.clear();
        // Stop words are not counted: pairs of frequent words would mostly be "of the".
        let content = without_stop_words(lang, &document.body);
        let mut stream = analyzer.token_stream(&content);
        while let Some(token) = stream.next() {
            if !token.text.is_empty() && seen.insert(token.text.clone()) {
                *words.entry(token.text.clone()).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|(lang, (sampled, words))| {
            let least = sampled.div_ceil(FREQUENT_ONE_IN).max(1);
            let mut frequent: Vec<(usize, String)> = words
                .into_iter()
                .filter(|(_, count)| *count >= least)
                .map(|(word, count)| (count, word))
                .collect();
            frequent.sort_unstable_by(|a, b| b.cmp(a));
            frequent.truncate(MAX_WORDS);
            let words = frequent.into_iter().map(|(_, word)| word).collect();
            (lang.to_string(), words)
        })
        .collect()
}

/// Registers the pair analyzer of every language that has pairs, pairing `words` (none for a
/// language without an entry). Call after [`crate::analyzer::register_analyzers`].
pub fn register_pairs(index: &Index, words: &PairWords) {
    let tokenizers = index.tokenizers();
    for lang in LANGUAGES.into_iter().filter(|lang| has_pairs(lang)) {
        let frequent: Vec<String> = words.get(lang).into_iter().flatten().cloned().collect();
        let Some(analyzer) = tokenizers.get(&tokenizer_name(lang)) else {
            continue;
        };
        tokenizers.register(
            &pairs_tokenizer_name(lang),
            TextAnalyzer::from(PairTokenizer::new(
                analyzer,
                Arc::new(frequent.into_iter().collect()),
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::{Dictionaries, register_analyzers};
    use crate::schema::build_schema;

    fn document(lang: &str, body: &str) -> Document {
        Document {
            id: body.to_string(),
            title: String::new(),
            body: body.to_string(),
            date: None,
            parties: Vec::new(),
            venues: Vec::new(),
            topics: Vec::new(),
            processes: Vec::new(),
            lang: Some(lang.to_string()),
            doc_type: None,
            source: None,
            path: String::new(),
            provenance: Default::default(),
            extracted: Vec::new(),
        }
    }

    #[test]
    fn frequent_words_are_analysed_content_words_held_by_enough_documents() {
        let index = Index::create_in_ram(build_schema());
        let none = Dictionaries::none();
        register_analyzers(&index, &none.best_plan(), &none, &BTreeSet::new());
        // 600 English documents: "peaceful settlements" in all, "ceasefire" in 3 (one in
        // 200: frequent), "grain" in 2 (one in 300: not), "the" everywhere (a stop word).
        let mut documents: Vec<Document> = (0..600)
            .map(|n| {
                let extra = match n {
                    0..=2 => " ceasefire",
                    3..=4 => " grain",
                    _ => "",
                };
                document("en", &format!("The peaceful settlements{extra}"))
            })
            .collect();
        documents.push(document("ja", "停戦合意"));
        let words = frequent_words(&index, &documents);
        let en: Vec<&str> = words["en"].iter().map(String::as_str).collect();
        assert_eq!(en, ["ceasefir", "peac", "settlement"]);
        assert!(!words.contains_key("ja"), "no pairs in CJK: {words:?}");
    }
}
