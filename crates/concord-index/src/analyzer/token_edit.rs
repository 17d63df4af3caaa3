//! The plumbing of a token filter that changes each token's text where it stands.
//!
//! Tantivy asks a filter for three types (the filter, its tokenizer, its token stream); the
//! filters here differ only in what they do to one token's text. A [`TokenEdit`] says that,
//! and [`EditTokenizer`] is the rest: it keeps the edit (cloned with each analyzer, so state
//! such as a cache lives as long as the analyzer) and a scratch buffer the edit may use.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// What a filter does to each token's text.
pub trait TokenEdit: Clone + Send + Sync + 'static {
    /// Changes `text`; `scratch` is a buffer kept between tokens (its content is left over
    /// from the previous call).
    fn edit(&mut self, text: &mut String, scratch: &mut String);
}

/// A tokenizer whose tokens go through an edit: what a [`TokenEdit`] filter's
/// `TokenFilter::transform` returns.
#[derive(Clone)]
pub struct EditTokenizer<T, E> {
    tokenizer: T,
    edit: E,
    scratch: String,
}

impl<T, E> EditTokenizer<T, E> {
    pub fn new(tokenizer: T, edit: E) -> EditTokenizer<T, E> {
        EditTokenizer {
            tokenizer,
            edit,
            scratch: String::new(),
        }
    }
}

impl<T: Tokenizer, E: TokenEdit> Tokenizer for EditTokenizer<T, E> {
    type TokenStream<'a> = EditStream<'a, T::TokenStream<'a>, E>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EditStream {
            tail: self.tokenizer.token_stream(text),
            edit: &mut self.edit,
            scratch: &mut self.scratch,
        }
    }
}

pub struct EditStream<'a, S, E> {
    tail: S,
    edit: &'a mut E,
    scratch: &'a mut String,
}

impl<S: TokenStream, E: TokenEdit> TokenStream for EditStream<'_, S, E> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.edit
            .edit(&mut self.tail.token_mut().text, self.scratch);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}
