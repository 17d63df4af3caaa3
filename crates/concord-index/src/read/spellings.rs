//! The spellings the answer's `typos` shows: each variant a query word took, as the first
//! hits write it. The index keeps words analysed (lowercase, stemmed where the language
//! stems: `ceasefir`), so the hits' own text is read for the words that analyse to each
//! variant (`ceasefire`); a variant no hit among the first [`HITS_READ`] writes is shown as
//! [`crate::read::query::typos::surface`] makes it, unless it starts the typed word (the
//! word's own stem in another language: `bosni` of `Bosnia`).

use std::collections::HashMap;

use tantivy::TantivyDocument;
use tantivy::schema::Field;

use crate::analyzer::analysis_language;
use crate::error::SearchError;
use crate::read::open::SearchIndex;
use crate::read::query::typos::{MAX_VARIANTS, Took};
use crate::read::response::Typo;
use crate::read::stored::first_str;

/// Hits whose text is read for spellings.
pub const HITS_READ: usize = 3;

/// Bytes of each body read: the first spellings are enough, and a long body would cost
/// more to analyse than the search.
const BODY_BYTES: usize = 16 * 1024;

impl SearchIndex {
    /// The answer's `typos` for what the query took, written as the hits' stored documents
    /// `docs` (in rank order) write them.
    pub(crate) fn spellings(
        &self,
        took: &[Took],
        docs: &[TantivyDocument],
    ) -> Result<Vec<Typo>, SearchError> {
        // Per field: index word -> how a hit writes it.
        let mut wanted: HashMap<Field, HashMap<String, Option<String>>> = HashMap::new();
        for word in took {
            for variant in &word.variants {
                for field in &variant.fields {
                    wanted
                        .entry(*field)
                        .or_default()
                        .insert(variant.text.clone(), None);
                }
            }
        }
        for doc in docs.iter().take(HITS_READ) {
            if wanted
                .values()
                .flat_map(HashMap::values)
                .all(Option::is_some)
            {
                break;
            }
            let lang = first_str(doc, self.fields.lang);
            let Some(fields) = self.fields.lang(analysis_language(lang)) else {
                continue;
            };
            let title = first_str(doc, self.fields.title).unwrap_or_default();
            let body = first_str(doc, self.fields.body).unwrap_or_default();
            let body = &body[..floor_char_boundary(body, BODY_BYTES)];
            for (field, text) in [(fields.title, title), (fields.body, body)] {
                let Some(words) = wanted.get_mut(&field) else {
                    continue;
                };
                let mut analyzer = self.index.tokenizer_for_field(field)?;
                let mut tokens = analyzer.token_stream(text);
                while let Some(token) = tokens.next() {
                    if let Some(spelling @ None) = words.get_mut(token.text.as_str())
                        && let Some(written) = text.get(token.offset_from..token.offset_to)
                    {
                        *spelling = Some(written.to_lowercase());
                    }
                }
            }
        }
        Ok(took
            .iter()
            .map(|word| {
                let typed = word.word.to_lowercase();
                let mut also: Vec<String> = Vec::new();
                for variant in &word.variants {
                    let written = variant
                        .fields
                        .iter()
                        .find_map(|field| wanted.get(field)?.get(&variant.text).cloned()?);
                    let shown = match written {
                        Some(written) => written,
                        // A stem that starts the typed word is the word's own stem in another
                        // language (`bosni` of `Bosnia`): matched, but no other spelling.
                        None if typed.starts_with(&variant.shown) => continue,
                        None => variant.shown.clone(),
                    };
                    if shown != typed && !also.contains(&shown) {
                        also.push(shown);
                    }
                }
                also.truncate(MAX_VARIANTS);
                Typo {
                    word: word.word.clone(),
                    also,
                }
            })
            .filter(|typo| !typo.also.is_empty())
            .collect())
    }
}

/// The largest char boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&index| text.is_char_boundary(index))
        .unwrap_or(0)
}
