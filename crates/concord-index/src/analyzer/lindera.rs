//! A tantivy tokenizer over a lindera segmenter (lindera-tantivy has no release for tantivy 0.27).

use std::borrow::Cow;
use std::sync::Arc;

use lindera::dictionary::Dictionary;
use lindera::mode::{Mode, Penalty};
use lindera::segmenter::Segmenter;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Segments Japanese, Korean or Chinese text with a dictionary, in decompose mode so that
/// compounds are split for search (和平交渉 → 和平 / 交渉).
#[derive(Clone)]
pub struct LinderaTokenizer {
    segmenter: Arc<Segmenter>,
    token: Token,
}

impl LinderaTokenizer {
    pub fn new(dictionary: Dictionary) -> LinderaTokenizer {
        let segmenter = Segmenter::new(Mode::Decompose(Penalty::default()), dictionary, None);
        LinderaTokenizer {
            segmenter: Arc::new(segmenter),
            token: Token::default(),
        }
    }
}

pub struct LinderaTokenStream<'a> {
    tokens: std::vec::IntoIter<lindera::token::Token<'a>>,
    token: &'a mut Token,
}

impl Tokenizer for LinderaTokenizer {
    type TokenStream<'a> = LinderaTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> LinderaTokenStream<'a> {
        self.token.reset();
        let tokens = self
            .segmenter
            .segment(Cow::Borrowed(text))
            .unwrap_or_else(|error| {
                tracing::warn!(%error, "lindera could not segment a text; it is not indexed");
                Vec::new()
            });
        LinderaTokenStream {
            tokens: tokens.into_iter(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for LinderaTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for token in self.tokens.by_ref() {
            // Punctuation (。、「」) and spaces are not words.
            if !token.surface.chars().any(char::is_alphanumeric) {
                continue;
            }
            self.token.text.clear();
            self.token.text.push_str(&token.surface);
            self.token.offset_from = token.byte_start;
            self.token.offset_to = token.byte_end;
            self.token.position = self.token.position.wrapping_add(1);
            self.token.position_length = 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}
