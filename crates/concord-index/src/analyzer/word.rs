//! A word tokenizer for alphabetic scripts: runs of letters, digits and combining marks.
//!
//! tantivy's `SimpleTokenizer` splits on every non-alphanumeric character, which cuts Arabic
//! words at their vowel marks and Hindi or Greek text at combining accents; this one keeps
//! combining marks inside words.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

pub struct WordTokenStream<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    token: &'a mut Token,
}

/// Letters, digits and combining marks continue a word.
pub fn is_word_char(ch: char) -> bool {
    ch.is_alphanumeric() || is_combining_mark(ch)
}

fn is_combining_mark(ch: char) -> bool {
    matches!(ch,
        '\u{0300}'..='\u{036F}'   // combining diacritical marks
        | '\u{0483}'..='\u{0489}' // Cyrillic
        | '\u{0591}'..='\u{05BD}' // Hebrew points
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' // Arabic
        | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' // Devanagari
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}'
    )
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            chars: text.char_indices().peekable(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        while let Some((start, ch)) = self.chars.next() {
            if !ch.is_alphanumeric() {
                continue;
            }
            let mut end = start + ch.len_utf8();
            while let Some(&(index, next)) = self.chars.peek() {
                if !is_word_char(next) {
                    break;
                }
                end = index + next.len_utf8();
                self.chars.next();
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.push_str(&self.text[start..end]);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        crate::analyzer::collect_tokens(WordTokenizer::default(), text)
    }

    #[test]
    fn marks_stay_inside_words_and_punctuation_splits() {
        assert_eq!(words("وَقْفُ إطلاق-النار"), ["وَقْفُ", "إطلاق", "النار"]);
        assert_eq!(
            words("İstanbul'daki görüşmeler, 2022."),
            ["İstanbul", "daki", "görüşmeler", "2022"]
        );
        assert_eq!(words("  "), Vec::<String>::new());
    }
}
