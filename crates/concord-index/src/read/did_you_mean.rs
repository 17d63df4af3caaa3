//! When a search finds nothing: the nearest query that finds something.
//!
//! First each word no field of the index knows is replaced by the index's nearest word (the
//! fewest edits, up to two from eight letters on and one from four, first letter kept, then the
//! most documents; shown with the typed word's ending when the index keeps a stem); if that
//! query finds documents it is the suggestion. Else, for two words or more, the query
//! without one of them that finds the most documents. The counts apply the request's
//! filters and dates, so a suggestion always finds what it says. Queries of more than
//! [`MAX_WORDS`] words get none (each try is one more search).

use tantivy::Searcher;
use tantivy::collector::Count;

use crate::analyzer::CJK;
use crate::error::SearchError;
use crate::read::open::SearchIndex;
use crate::read::query::CompiledQuery;
use crate::read::query::typos::{self, surface};
use crate::read::request::SearchRequest;
use crate::read::response::DidYouMean;

/// Most words a query may have to get a suggestion.
pub const MAX_WORDS: usize = 8;

/// Letters from which a word the index does not know may be replaced (one edit); shorter
/// words are too close to too many others (`nin` -> `non`).
pub const SUGGEST_LETTERS: usize = 4;

/// Letters from which the replacement may be two edits away.
pub const SUGGEST_TWO_EDITS_LETTERS: usize = 8;

/// The query's words: its text without the query syntax (quotes, parentheses, operators,
/// `field:`), apostrophes kept inside words.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| {
        c.is_whitespace() || (c.is_ascii() && !c.is_ascii_alphanumeric() && c != '\'')
    })
    .map(|word| word.trim_matches('\''))
    .filter(|word| !word.is_empty() && !matches!(*word, "AND" | "OR" | "NOT" | "IN"))
    .map(str::to_string)
    .collect()
}

impl SearchIndex {
    /// The nearest query to `request`'s text that finds documents, if any (see the module
    /// comment); for a request that found nothing.
    pub(crate) fn did_you_mean(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
    ) -> Result<Option<DidYouMean>, SearchError> {
        // The words without the query syntax, apostrophes kept inside them (`Türkiye'nin` is
        // one word, as the analyzers read it).
        let typed = words_of(&request.q);
        let words: Vec<&str> = typed.iter().map(String::as_str).collect();
        if words.is_empty() || words.len() > MAX_WORDS {
            return Ok(None);
        }
        let corrected = words
            .iter()
            .map(|word| self.nearest_word(searcher, word))
            .collect::<Result<Vec<String>, SearchError>>()?;
        if corrected.iter().zip(&words).any(|(new, old)| new != old) {
            let text = corrected.join(" ");
            let total = self.count(searcher, request, &text)?;
            if total > 0 {
                return Ok(Some(DidYouMean { q: text, total }));
            }
        }
        let mut best: Option<DidYouMean> = None;
        if corrected.len() >= 2 {
            for left_out in 0..corrected.len() {
                let text = corrected
                    .iter()
                    .enumerate()
                    .filter(|(at, _)| *at != left_out)
                    .map(|(_, word)| word.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let total = self.count(searcher, request, &text)?;
                if total > best.as_ref().map_or(0, |best| best.total) {
                    best = Some(DidYouMean { q: text, total });
                }
            }
        }
        Ok(best)
    }

    /// Documents `request` finds with `text` as its query.
    fn count(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
        text: &str,
    ) -> Result<u64, SearchError> {
        let mut request = request.clone();
        request.q = text.to_string();
        let compiled = CompiledQuery::new(self, searcher, &request)?;
        Ok(searcher.search(compiled.combined(None).as_ref(), &Count)? as u64)
    }

    /// `word` itself when some field of the index has it, else the index's nearest word, if
    /// any is near enough.
    fn nearest_word(&self, searcher: &Searcher, word: &str) -> Result<String, SearchError> {
        let typed_letters = word.chars().filter(|ch| ch.is_alphanumeric()).count();
        let mut best: Option<(u8, u64, String)> = None;
        for lang in self
            .meta
            .languages
            .iter()
            .filter(|lang| !CJK.contains(&lang.as_str()))
        {
            let Some(fields) = self.fields.lang(lang) else {
                continue;
            };
            for field in [fields.title, fields.body] {
                let analysed =
                    typos::analyse(searcher.schema(), &self.query_tokenizers, field, word);
                let Some(term) = analysed else {
                    continue;
                };
                if searcher.doc_freq(&tantivy::Term::from_field_text(field, &term))? > 0 {
                    return Ok(word.to_string());
                }
                // What the field keeps of the word must be long enough to replace (Turkish
                // keeps `d` of `d'Ivoire`); two edits only from eight typed letters (fewer
                // make another word: `ivoire` -> `igor`).
                if term.chars().count() < SUGGEST_LETTERS || !typos::spelled(word) {
                    continue;
                }
                let edits = if typed_letters >= SUGGEST_TWO_EDITS_LETTERS {
                    2
                } else {
                    1
                };
                for variant in typos::variants(searcher, field, &term, edits)?.variants {
                    let candidate = (
                        variant.edits,
                        variant.doc_freq,
                        surface(word, &term, &variant.text),
                    );
                    let better = best.as_ref().is_none_or(|best| {
                        candidate.0 < best.0 || (candidate.0 == best.0 && candidate.1 > best.1)
                    });
                    if better {
                        best = Some(candidate);
                    }
                }
            }
        }
        Ok(best.map_or_else(|| word.to_string(), |(_, _, text)| text))
    }
}
