//! Snowball stems remembered per analyzer.
//!
//! A body's words repeat: UNGDC's 30 million words are about 100,000 distinct ones. The
//! Snowball stemmer took 13 % of a full build's samples, all on tantivy's one indexing
//! thread, the build's bottleneck. [`CachedStemmer`] is tantivy's `Stemmer` with a map from
//! each word it met to its stem: a lookup instead of the algorithm (and no allocation) for a
//! word seen before. Each clone of an analyzer (tantivy takes one per segment) has its own
//! map, emptied when it reaches [`CAPACITY`] words. Snippets, whose analyzers live for one
//! request, keep the plain stemmer.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, TokenFilter, TokenStream, Tokenizer,
};

use super::token_edit::{EditTokenizer, TokenEdit};

/// Words remembered per analyzer, at most.
const CAPACITY: usize = 1 << 18;

/// Stems like tantivy's [`Stemmer`] for `language`, remembering each word's stem.
#[derive(Clone)]
pub struct CachedStemmer {
    /// Tantivy's stemmer over one word.
    stemmer: TextAnalyzer,
    stems: FxHashMap<String, String>,
}

impl CachedStemmer {
    pub fn new(language: Language) -> CachedStemmer {
        CachedStemmer {
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(language))
                .build(),
            stems: FxHashMap::default(),
        }
    }
}

impl TokenEdit for CachedStemmer {
    fn edit(&mut self, word: &mut String, _scratch: &mut String) {
        if word.is_empty() {
            return;
        }
        if let Some(stem) = self.stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem = {
            let mut stream = self.stemmer.token_stream(word);
            match stream.next() {
                Some(token) => token.text.clone(),
                None => String::new(),
            }
        };
        if self.stems.len() >= CAPACITY {
            self.stems.clear();
        }
        let seen = std::mem::replace(word, stem.clone());
        self.stems.insert(seen, stem);
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = EditTokenizer<T, CachedStemmer>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        EditTokenizer::new(tokenizer, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer};

    fn stems<F: TokenFilter>(filter: F, text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(filter)
            .build();
        let mut stream = analyzer.token_stream(text);
        let mut stems = Vec::new();
        while let Some(token) = stream.next() {
            stems.push(token.text.clone());
        }
        stems
    }

    #[test]
    fn remembered_stems_are_the_stemmer_s() {
        let text = "Negotiations negotiated; the negotiators negotiate negotiations again";
        for language in [Language::English, Language::French, Language::Russian] {
            let plain = stems(Stemmer::new(language), text);
            assert_eq!(stems(CachedStemmer::new(language), text), plain);
        }
        // One analyzer over many texts: the second text's words come from the map.
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedStemmer::new(Language::English))
            .build();
        for _ in 0..2 {
            let mut stream = analyzer.token_stream("talks talked talking");
            let mut seen = Vec::new();
            while let Some(token) = stream.next() {
                seen.push(token.text.clone());
            }
            assert_eq!(seen, ["talk", "talk", "talk"]);
        }
    }
}
