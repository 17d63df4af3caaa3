//! A word tokenizer for alphabetic scripts: runs of letters, digits and combining marks, and
//! apostrophes the way each language uses them.
//!
//! tantivy's `SimpleTokenizer` splits on every non-alphanumeric character, which cuts Arabic
//! words at their vowel marks and Hindi or Greek text at combining accents; this one keeps
//! combining marks inside words.
//!
//! Apostrophes are `'`, `’` and `ʼ` (U+0027, U+2019, U+02BC) alike, in every language:
//!
//! - Between two Cyrillic letters an apostrophe is a letter of the word (Ukrainian
//!   `перемир'я`, `об’єднання`, Belarusian `сям'я`), written `'` whichever of the three the
//!   text has, so that all three spellings give one term.
//! - French and Italian elisions (`l'accord`, `d’Ivoire`, `dell'ONU`): the elided word and
//!   its apostrophe are dropped, as Lucene's elision filter does, and the word after takes
//!   the position (so `l'accord de paix` and `accord de paix` are the same phrase). The
//!   elided articles `l` and `d` written without apostrophe (`Cote d Ivoire`: lowercase,
//!   before a space) are dropped too, so that text that lost its apostrophe finds the same
//!   documents.
//! - English possessives: `'s` after a word is dropped (`Russia’s` is `Russia`).
//! - Anywhere else an apostrophe ends a word (`don't` is `don` and `t`).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// What a language does with the apostrophe after a word (besides the Cyrillic rule, which
/// every language has).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Apostrophes {
    /// The apostrophe ends the word.
    #[default]
    Cut,
    /// These words (lowercase) before an apostrophe and a letter are elided and dropped;
    /// `alone` are dropped wherever they stand.
    Elide {
        elided: &'static [&'static str],
        alone: &'static [&'static str],
    },
    /// `'s` after a word is dropped (English possessive); other apostrophes cut.
    Possessive,
}

/// French elided words (Lucene's French elision list).
const FRENCH_ELISIONS: &[&str] = &[
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
];

/// Italian elided words (Lucene's Italian elision list).
const ITALIAN_ELISIONS: &[&str] = &[
    "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl",
    "negl", "sugl", "un", "m", "t", "s", "v", "d",
];

/// The elided articles that text which lost its apostrophe writes alone, in lowercase and
/// before a space (`Cote d Ivoire`): no French or Italian word is spelled so (`D. Eisenhower`
/// and `Washington D.C.` keep their initial).
const ARTICLES_ALONE: &[&str] = &["l", "d"];

impl Apostrophes {
    /// The apostrophe rules of an analysis language.
    pub fn of(lang: &str) -> Apostrophes {
        match lang {
            "fr" => Apostrophes::Elide {
                elided: FRENCH_ELISIONS,
                alone: ARTICLES_ALONE,
            },
            "it" => Apostrophes::Elide {
                elided: ITALIAN_ELISIONS,
                alone: ARTICLES_ALONE,
            },
            "en" => Apostrophes::Possessive,
            _ => Apostrophes::Cut,
        }
    }
}

#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
    apostrophes: Apostrophes,
}

impl WordTokenizer {
    /// The tokenizer of an analysis language (its [`Apostrophes`]).
    pub fn of(lang: &str) -> WordTokenizer {
        WordTokenizer {
            token: Token::default(),
            apostrophes: Apostrophes::of(lang),
        }
    }
}

pub struct WordTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the next word is looked for.
    next: usize,
    apostrophes: Apostrophes,
    token: &'a mut Token,
}

/// Letters, digits and combining marks continue a word (the apostrophe ʼ, which Unicode
/// counts as a letter, does not).
pub fn is_word_char(ch: char) -> bool {
    (ch.is_alphanumeric() && ch != 'ʼ') || is_combining_mark(ch)
}

/// `'`, `’` and `ʼ`.
pub fn is_apostrophe(ch: char) -> bool {
    matches!(ch, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_cyrillic_letter(ch: char) -> bool {
    matches!(ch, '\u{0400}'..='\u{052F}') && ch.is_alphabetic()
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
            next: 0,
            apostrophes: self.apostrophes,
            token: &mut self.token,
        }
    }
}

/// Whether `word` (as written) is one of `list` (lowercase ASCII), ignoring case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|item| item.eq_ignore_ascii_case(word))
}

impl WordTokenStream<'_> {
    /// The end of the word that starts at `start` with `first`, and whether it holds an
    /// apostrophe (between Cyrillic letters).
    fn word_end(&self, start: usize, first: char) -> (usize, bool) {
        let mut end = start + first.len_utf8();
        let mut last = first;
        let mut apostrophe = false;
        let mut rest = self.text[end..].chars();
        while let Some(ch) = rest.next() {
            if is_word_char(ch) {
                end += ch.len_utf8();
                last = ch;
            } else if is_apostrophe(ch)
                && is_cyrillic_letter(last)
                && rest.clone().next().is_some_and(is_cyrillic_letter)
            {
                end += ch.len_utf8();
                last = ch;
                apostrophe = true;
            } else {
                break;
            }
        }
        (end, apostrophe)
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        loop {
            let Some((skip, first)) = self.text[self.next..]
                .char_indices()
                .find(|(_, ch)| ch.is_alphanumeric() && *ch != 'ʼ')
            else {
                self.next = self.text.len();
                return false;
            };
            let start = self.next + skip;
            let (end, inner_apostrophe) = self.word_end(start, first);
            self.next = end;
            let word = &self.text[start..end];
            // The apostrophe after the word, and the character after it.
            let mut after = self.text[end..].chars();
            let apostrophe = after.next().filter(|ch| is_apostrophe(*ch));
            let then = apostrophe.and_then(|_| after.next());
            match self.apostrophes {
                Apostrophes::Cut => {}
                Apostrophes::Elide { elided, alone } => {
                    if let (Some(mark), Some(letter)) = (apostrophe, then)
                        && letter.is_alphanumeric()
                        && is_one_of(word, elided)
                    {
                        self.next = end + mark.len_utf8();
                        continue;
                    }
                    if word.bytes().all(|byte| byte.is_ascii_lowercase())
                        && is_one_of(word, alone)
                        && self.text[end..].starts_with(char::is_whitespace)
                    {
                        continue;
                    }
                }
                Apostrophes::Possessive => {
                    if let (Some(mark), Some(s @ ('s' | 'S'))) = (apostrophe, then)
                        && !after.next().is_some_and(is_word_char)
                    {
                        self.next = end + mark.len_utf8() + s.len_utf8();
                    }
                }
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            if inner_apostrophe {
                self.token.text.extend(
                    word.chars()
                        .map(|ch| if is_apostrophe(ch) { '\'' } else { ch }),
                );
            } else {
                self.token.text.push_str(word);
            }
            return true;
        }
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

    /// The tokens of `text` in `lang`, with their positions (their text may differ from the
    /// text they cut: the Cyrillic apostrophe is written `'`).
    fn words_in(lang: &str, text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = WordTokenizer::of(lang);
        let mut stream = tokenizer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            let token = stream.token();
            tokens.push((token.text.clone(), token.position));
        }
        tokens
    }

    fn texts(lang: &str, text: &str) -> Vec<String> {
        words_in(lang, text)
            .into_iter()
            .map(|(text, _)| text)
            .collect()
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

    #[test]
    fn cyrillic_apostrophes_are_one_letter_inside_the_word() {
        for lang in ["uk", "ru", "xx", "en", "fr"] {
            for text in ["перемир'я", "перемир’я", "перемирʼя"] {
                assert_eq!(texts(lang, text), ["перемир'я"], "{lang} {text}");
            }
        }
        assert_eq!(
            texts("uk", "з’їзд об'єднання, сям'я"),
            ["з'їзд", "об'єднання", "сям'я"]
        );
        // Offsets cut the word as written.
        let mut tokenizer = WordTokenizer::of("uk");
        let mut stream = tokenizer.token_stream("у перемирʼя.");
        assert!(stream.advance() && stream.advance());
        assert_eq!(
            (stream.token().offset_from, stream.token().offset_to),
            (3, 21)
        );
        // Not between two Cyrillic letters: the apostrophe cuts (Latin words, quotes).
        assert_eq!(texts("uk", "'мир' d'Ivoire"), ["мир", "d", "Ivoire"]);
    }

    #[test]
    fn other_apostrophes_cut_alike() {
        for text in ["don't", "don’t", "donʼt"] {
            assert_eq!(texts("de", text), ["don", "t"], "{text}");
        }
    }

    #[test]
    fn french_and_italian_elisions_are_dropped_without_a_gap() {
        for text in ["l'accord de paix", "L’accord de paix", "lʼaccord de paix"] {
            assert_eq!(
                words_in("fr", text),
                [
                    ("accord".to_string(), 0),
                    ("de".to_string(), 1),
                    ("paix".to_string(), 2)
                ],
                "{text}"
            );
        }
        for text in ["Côte d'Ivoire", "Côte d’Ivoire", "Cote d Ivoire"] {
            assert_eq!(texts("fr", text).last().unwrap(), "Ivoire", "{text}");
            assert_eq!(texts("fr", text).len(), 2, "{text}");
        }
        assert_eq!(texts("fr", "qu’il jusqu'à"), ["il", "à"]);
        // Initials stay.
        assert_eq!(
            texts("fr", "Dwight D. Eisenhower, d."),
            ["Dwight", "D", "Eisenhower", "d"]
        );
        // A word not elided keeps its apostrophe cut; an apostrophe before no letter cuts.
        assert_eq!(
            texts("fr", "aujourd'hui l' x"),
            ["aujourd", "hui", "l", "x"]
        );
        assert_eq!(texts("it", "dell'ONU e l’accordo"), ["ONU", "e", "accordo"]);
        assert_eq!(texts("en", "l'accord"), ["l", "accord"]);
    }

    #[test]
    fn english_possessives_are_dropped() {
        assert_eq!(
            texts("en", "Russia's and Russia’s forces, the parties' talks"),
            [
                "Russia", "and", "Russia", "forces", "the", "parties", "talks"
            ]
        );
        assert_eq!(texts("en", "don't Russia'sa"), ["don", "t", "Russia", "sa"]);
        assert_eq!(texts("fr", "Russia's"), ["Russia", "s"]);
    }
}
