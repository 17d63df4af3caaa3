//! Characters and tokens: one pass turns a window of text into numbers (ASCII, full-width and
//! Arabic-Indic digits), folded words, single Han characters and punctuation.

use super::scanner::Scanner;
use super::words::{Lex, lookup};
use crate::fold::{
    ARABIC_DATES, fold_cyrillic, fold_date_latin, fold_greek, is_combining_mark, lowercase,
};

fn digit_value(c: char) -> Option<u32> {
    let base = match c {
        '0'..='9' => '0',
        '０'..='９' => '０',
        '٠'..='٩' => '٠',
        '۰'..='۹' => '۰',
        _ => return None,
    };
    Some(c as u32 - base as u32)
}

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '〇')
}

/// Marks dropped from words: combining accents, Arabic vowel signs and tatweel, ZWNJ/ZWJ.
fn is_ignorable_mark(c: char) -> bool {
    is_combining_mark(c) || ARABIC_DATES.drops(c) || matches!(c, '\u{200C}' | '\u{200D}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}' | '\u{2060}'
        )
}

fn is_word_char(c: char) -> bool {
    (c.is_alphabetic() && !is_han(c)) || is_ignorable_mark(c)
}

/// Lower-case `c` and fold away the differences the keyword tables ignore ([`crate::fold`]'s
/// "dates" folding).
fn push_folded(c: char, out: &mut String) {
    for lower in lowercase(c) {
        if is_ignorable_mark(lower) {
            continue;
        }
        let folded = fold_date_latin(lower)
            .or_else(|| fold_greek(lower))
            .or_else(|| fold_cyrillic(lower))
            .or_else(|| ARABIC_DATES.letter(lower));
        out.push(folded.unwrap_or(lower));
    }
}

pub(super) fn fold_word(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        push_folded(c, &mut out);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Num,
    Word,
    Han,
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Numbers: value (saturating) and number of digits.
    pub(super) value: u32,
    pub(super) digits: u32,
    /// Han characters and punctuation: the character itself.
    pub(super) ch: char,
    /// Words: byte range of the folded form in `Scanner::folded`.
    pub(super) folded: (usize, usize),
    pub(super) lex: Lex,
}

impl Tok {
    fn new(kind: Kind, start: usize, end: usize) -> Self {
        Tok {
            kind,
            start,
            end,
            value: 0,
            digits: 0,
            ch: '\0',
            folded: (0, 0),
            lex: Lex::Plain,
        }
    }
}

impl Scanner {
    pub(super) fn tokenize(&mut self, text: &str) {
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let mut end = start + c.len_utf8();
            if let Some(first) = digit_value(c) {
                let mut tok = Tok::new(Kind::Num, start, end);
                tok.value = first;
                tok.digits = 1;
                while let Some(&(at, next)) = chars.peek() {
                    let Some(digit) = digit_value(next) else {
                        break;
                    };
                    tok.value = tok.value.saturating_mul(10).saturating_add(digit);
                    tok.digits = tok.digits.saturating_add(1);
                    tok.end = at + next.len_utf8();
                    chars.next();
                }
                self.toks.push(tok);
            } else if is_space(c) {
                continue;
            } else if is_han(c) {
                let mut tok = Tok::new(Kind::Han, start, end);
                tok.ch = c;
                self.toks.push(tok);
            } else if is_word_char(c) {
                let from = self.folded.len();
                push_folded(c, &mut self.folded);
                // Korean 년/월/일 right after a number stand alone: "2022년에" → 2022, 년, 에.
                let after_number = self
                    .toks
                    .last()
                    .is_some_and(|t| t.kind == Kind::Num && t.end == start);
                if !(after_number && matches!(c, '년' | '월' | '일')) {
                    while let Some(&(at, next)) = chars.peek() {
                        if !is_word_char(next) {
                            break;
                        }
                        push_folded(next, &mut self.folded);
                        end = at + next.len_utf8();
                        chars.next();
                    }
                }
                let mut tok = Tok::new(Kind::Word, start, end);
                tok.ch = c;
                tok.folded = (from, self.folded.len());
                tok.lex = lookup(&self.folded[from..]);
                // Arabic proclitics: "ومطلع" (and early), "بمارس" (in March).
                if tok.lex == Lex::Plain && matches!(c, 'و' | 'ب' | 'ف' | 'ل') {
                    let rest = from + c.len_utf8();
                    let lex = lookup(&self.folded[rest..]);
                    if lex != Lex::Plain && self.folded[rest..].chars().count() >= 3 {
                        tok.start += c.len_utf8();
                        tok.folded.0 = rest;
                        tok.lex = lex;
                    }
                }
                self.toks.push(tok);
            } else {
                let mut tok = Tok::new(Kind::Punct, start, end);
                tok.ch = c;
                self.toks.push(tok);
            }
        }
    }
}
