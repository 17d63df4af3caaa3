//! The fallback analyzer for Chinese, Japanese and Korean when the dictionaries are missing:
//! overlapping character bigrams of CJK runs (停戦合意 → 停戦 戦合 合意), whole words elsewhere.
//! A query is cut the same way, so a two-character word is always found, at the cost of some
//! precision (京都 also matches 東京都).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::word::is_word_char;

#[derive(Clone, Default)]
pub struct BigramTokenizer {
    token: Token,
}

pub struct BigramTokenStream<'a> {
    text: &'a str,
    /// Byte offset where scanning resumes.
    cursor: usize,
    token: &'a mut Token,
}

/// Han, kana and Hangul: scripts written without spaces between words.
pub fn is_cjk(ch: char) -> bool {
    matches!(ch,
        '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // Han
        | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}' // Hangul
        | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' // katakana extensions, half-width
        | '\u{20000}'..='\u{2FA1F}'
    )
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramTokenStream<'a> {
        self.token.reset();
        BigramTokenStream {
            text,
            cursor: 0,
            token: &mut self.token,
        }
    }
}

impl BigramTokenStream<'_> {
    fn emit(&mut self, start: usize, end: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }
}

impl TokenStream for BigramTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let rest = &self.text[self.cursor..];
        let Some((skip, first)) = rest.char_indices().find(|(_, ch)| ch.is_alphanumeric()) else {
            self.cursor = self.text.len();
            return false;
        };
        let start = self.cursor + skip;
        let after_first = start + first.len_utf8();
        if is_cjk(first) {
            match self.text[after_first..].chars().next() {
                Some(second) if is_cjk(second) => {
                    // Next bigram starts at the second character.
                    self.cursor = after_first;
                    return self.emit(start, after_first + second.len_utf8());
                }
                _ => {
                    self.cursor = after_first;
                    // A lone character is a token only when it did not end a bigram.
                    let ended_bigram = self.text[..start].chars().next_back().is_some_and(is_cjk);
                    if ended_bigram {
                        return self.advance();
                    }
                    return self.emit(start, after_first);
                }
            }
        }
        let mut end = after_first;
        for ch in self.text[after_first..].chars() {
            if !is_word_char(ch) || is_cjk(ch) {
                break;
            }
            end += ch.len_utf8();
        }
        self.cursor = end;
        self.emit(start, end)
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

    fn tokens(text: &str) -> Vec<String> {
        crate::analyzer::collect_tokens(BigramTokenizer::default(), text)
    }

    #[test]
    fn cjk_runs_become_overlapping_bigrams() {
        assert_eq!(tokens("停戦合意"), ["停戦", "戦合", "合意"]);
        assert_eq!(tokens("和平。交渉"), ["和平", "交渉"]);
        assert_eq!(tokens("战 俘"), ["战", "俘"]);
        assert_eq!(tokens("비핵화 협상"), ["비핵", "핵화", "협상"]);
        assert_eq!(tokens("NATO와 2022年"), ["NATO", "와", "2022", "年"]);
    }
}
