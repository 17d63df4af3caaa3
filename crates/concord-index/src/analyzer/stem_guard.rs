//! Stemming only the words that could match, for snippets.
//!
//! A snippet is cut by analysing a window of the body with the field's analyzer and marking
//! the tokens equal to a query term; the Snowball stemmer then runs on every word of every
//! hit's window, and on the generated corpora that was half the time of a search with
//! snippets (benches/README.md). The stemmers of the languages guarded here only take
//! endings off a word: a stem starts with the word's first letters. So a word whose first
//! three letters (folded as the analyzer folds) begin no query term cannot stem into one, and
//! [`StemGuard`] empties it before the stemmer sees it; an empty token matches nothing, and
//! its offsets stay, so the fragments and marks are those of the full analysis. Words whose
//! first letters the stemmer or the folding after it may change (non-ASCII letters in the
//! Western languages, English "dying" → "die") are always stemmed. Indexing and queries run
//! the guard with no terms, which lets every token through.

use std::sync::Arc;

use tantivy::tokenizer::{TokenFilter, Tokenizer};

use super::map_filter::turkish_fold;
use super::token_edit::{EditTokenizer, TokenEdit};

/// How a word's first letters are compared with a term's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    /// Letters folded to ASCII after stemming (English, French, German, ...): only words
    /// whose first letters are ASCII can be judged.
    Ascii,
    /// Nothing changes the first letters (Russian, after ё → е).
    Plain,
    /// Turkish letters folded after stemming.
    Turkish,
}

/// Letters of a word compared with a term's start.
const KEY_CHARS: usize = 3;

/// The first letters every query term starts with, when snippets are cut for those terms.
#[derive(Clone, Debug)]
pub struct StemGuard {
    fold: Fold,
    keys: Option<Arc<[String]>>,
}

impl StemGuard {
    /// Lets every token through (indexing, queries).
    pub fn open(fold: Fold) -> StemGuard {
        StemGuard { fold, keys: None }
    }

    /// Whether every token goes through (no terms to compare with).
    pub fn is_open(&self) -> bool {
        self.keys.is_none()
    }

    /// Empties the tokens that cannot stem into one of `terms` (analysed query terms).
    pub fn for_terms<'a>(fold: Fold, terms: impl IntoIterator<Item = &'a str>) -> StemGuard {
        let mut keys: Vec<String> = terms
            .into_iter()
            .map(|term| term.chars().take(KEY_CHARS).collect())
            .collect();
        keys.sort();
        keys.dedup();
        StemGuard {
            fold,
            keys: Some(Arc::from(keys)),
        }
    }

    /// Whether `word` (lowercased, before stemming) may stem into a term.
    fn may_match(&self, keys: &[String], word: &str, folded: &mut String) -> bool {
        let head: String = word.chars().take(KEY_CHARS).collect();
        if ["dyi", "lyi", "tyi"].contains(&head.as_str()) {
            return true;
        }
        let head = match self.fold {
            Fold::Ascii if !head.is_ascii() => return true,
            Fold::Ascii | Fold::Plain => head,
            Fold::Turkish => {
                folded.clear();
                turkish_fold(&head, folded);
                folded.clone()
            }
        };
        keys.iter().any(|key| head.starts_with(key.as_str()))
    }
}

impl TokenEdit for StemGuard {
    fn edit(&mut self, text: &mut String, folded: &mut String) {
        if let Some(keys) = &self.keys
            && !self.may_match(keys, text, folded)
        {
            text.clear();
        }
    }
}

impl TokenFilter for StemGuard {
    type Tokenizer<T: Tokenizer> = EditTokenizer<T, StemGuard>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        EditTokenizer::new(tokenizer, self)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tantivy::schema::Field;
    use tantivy::snippet::SnippetGenerator;
    use tantivy::tokenizer::TextAnalyzer;

    use super::super::{alphabetic_analyzer, guarded_analyzer, guarded_fold};
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().text.clone());
        }
        tokens
    }

    /// The marks of a snippet of `text` for `query`, cut with the full analyzer and with the
    /// guarded one.
    fn marks(lang: &str, query: &str, text: &str) -> (Vec<String>, Vec<String>) {
        let fold = guarded_fold(lang).unwrap();
        let mut full = alphabetic_analyzer(lang, StemGuard::open(fold));
        let terms: Vec<String> = tokens(&mut full, query);
        let weights: BTreeMap<String, f32> = terms.iter().map(|term| (term.clone(), 1.0)).collect();
        let cut = |analyzer: TextAnalyzer| {
            let generator =
                SnippetGenerator::new(weights.clone(), analyzer, Field::from_field_id(0), 240);
            let snippet = generator.snippet(text);
            snippet
                .highlighted()
                .iter()
                .map(|range| text[range.clone()].to_string())
                .collect::<Vec<_>>()
        };
        (
            cut(full.clone()),
            cut(guarded_analyzer(lang, &terms).unwrap()),
        )
    }

    #[test]
    fn guarded_snippets_mark_what_full_analysis_marks() {
        for (lang, query, text, expected) in [
            (
                "en",
                "negotiations dying",
                "The negotiators were dying to negotiate; negotiations resumed.",
                4,
            ),
            (
                "en",
                "talks",
                "Talks, talking and talked: the talk of the town.",
                4,
            ),
            (
                "de",
                "Ärzte Straße",
                "Die Ärzte standen auf der Straße, zwei Arzt und viele Straßen.",
                4,
            ),
            (
                "fr",
                "négociations",
                "Les négociations et la négociation: négocier encore.",
                3,
            ),
            (
                "es",
                "acuerdos",
                "Los acuerdos de paz y el acuerdo final; acordaron.",
                2,
            ),
            (
                "ru",
                "переговоры",
                "Переговоры о переговорах: ёлка, переговорщики.",
                2,
            ),
            (
                "tr",
                "İstanbul görüşmeler",
                "İstanbul'daki görüşmelerde Istanbul ve görüşme.",
                4,
            ),
        ] {
            let (full, guarded) = marks(lang, query, text);
            assert_eq!(guarded, full, "{lang}: {text}");
            assert_eq!(full.len(), expected, "{lang}: {full:?}");
        }
    }

    #[test]
    fn an_open_guard_lets_every_token_through() {
        let mut open = alphabetic_analyzer("en", StemGuard::open(Fold::Ascii));
        assert_eq!(tokens(&mut open, "Peace talks"), ["peac", "talk"]);
        let mut guarded = guarded_analyzer("en", &["talk".to_string()]).unwrap();
        assert_eq!(tokens(&mut guarded, "Peace talks"), ["", "talk"]);
        assert!(guarded_analyzer("ar", &[]).is_none());
    }
}
