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
//!   text has, so that all three spellings give one term; there the marks Ukrainian web text
//!   types in its place count too: `‘`, the backquote and `´` (`перемир`я`).
//! - French and Italian elisions (`l'accord`, `d’Ivoire`, `dell'ONU`) in queries: the elided
//!   word and its apostrophe are dropped, as Lucene's elision filter does, leaving its
//!   position empty ([`WordTokenizer::for_queries`]). Documents keep the elided word as a
//!   token of its own (`l`, `accord`): a query word is required in every language field of
//!   the index at once (one clause per word, its fields in a disjunction), so `Cote d Ivoire`
//!   must find a `d` in French documents that write `Côte d'Ivoire`, and `l'accord` must not
//!   ask for an `l`, to find `accord de paix`. The phrase `"l'accord de paix"` (`accord` one
//!   position after the empty one) matches `l’accord de paix` and `accord de paix`.
//! - English possessives: `'s` after a word is dropped (`Russia’s` is `Russia`).
//! - Turkish suffixes: Turkish writes the case ending of a proper name after an apostrophe
//!   (`İstanbul'daki`, `Türkiye’nin`, `Erdoğan'ın`); the apostrophe and the ending are dropped,
//!   as Lucene's Turkish analyzer (its apostrophe filter) does, so the name is one term.
//! - Anywhere else an apostrophe ends a word (`don't` is `don` and `t`).

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// What a language does with the apostrophe after a word (besides the Cyrillic rule, which
/// every language has).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Apostrophes {
    /// The apostrophe ends the word.
    #[default]
    Cut,
    /// These words (lowercase) before an apostrophe and a letter are elided: dropped, their
    /// position left empty (queries only).
    Elide(&'static [&'static str]),
    /// `'s` after a word is dropped (English possessive); other apostrophes cut.
    Possessive,
    /// An apostrophe after a word and the letters after it are dropped (Turkish case endings).
    Suffix,
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

impl Apostrophes {
    /// The apostrophe rules of an analysis language's documents.
    pub fn of(lang: &str) -> Apostrophes {
        match lang {
            "en" => Apostrophes::Possessive,
            "tr" => Apostrophes::Suffix,
            _ => Apostrophes::Cut,
        }
    }

    /// The apostrophe rules of an analysis language's queries.
    pub fn for_queries(lang: &str) -> Apostrophes {
        match lang {
            "fr" => Apostrophes::Elide(FRENCH_ELISIONS),
            "it" => Apostrophes::Elide(ITALIAN_ELISIONS),
            other => Apostrophes::of(other),
        }
    }
}

#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
    apostrophes: Apostrophes,
}

impl WordTokenizer {
    /// The tokenizer of an analysis language's documents.
    pub fn of(lang: &str) -> WordTokenizer {
        WordTokenizer::with(Apostrophes::of(lang))
    }

    /// The tokenizer of an analysis language's queries (French and Italian elide).
    pub fn for_queries(lang: &str) -> WordTokenizer {
        WordTokenizer::with(Apostrophes::for_queries(lang))
    }

    fn with(apostrophes: Apostrophes) -> WordTokenizer {
        WordTokenizer {
            token: Token::default(),
            apostrophes,
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

/// What stands for an apostrophe between two Cyrillic letters: the three apostrophes, and
/// `‘`, the backquote and `´`, which Ukrainian text typed on other keyboards uses.
fn is_cyrillic_apostrophe(ch: char) -> bool {
    is_apostrophe(ch) || matches!(ch, '\u{2018}' | '`' | '\u{00B4}')
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
            } else if is_cyrillic_apostrophe(ch)
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
                Apostrophes::Elide(elided) => {
                    if let (Some(mark), Some(letter)) = (apostrophe, then)
                        && letter.is_alphanumeric()
                        && is_one_of(word, elided)
                    {
                        self.next = end + mark.len_utf8();
                        self.token.position = self.token.position.wrapping_add(1);
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
                Apostrophes::Suffix => {
                    if let (Some(mark), Some(letter)) = (apostrophe, then)
                        && letter.is_alphabetic()
                    {
                        let suffix = end + mark.len_utf8();
                        let (suffix_end, _) = self.word_end(suffix, letter);
                        self.next = suffix_end;
                    }
                }
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            if inner_apostrophe {
                self.token.text.extend(
                    word.chars()
                        .map(|ch| if is_cyrillic_apostrophe(ch) { '\'' } else { ch }),
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
        // The marks typed in its place count between Cyrillic letters, and only there.
        for text in ["перемир‘я", "перемир`я", "перемир´я"] {
            assert_eq!(texts("uk", text), ["перемир'я"], "{text}");
        }
        assert_eq!(
            texts("uk", "`мир` don`t ‘peace’"),
            ["мир", "don", "t", "peace"]
        );
    }

    #[test]
    fn other_apostrophes_cut_alike() {
        for text in ["don't", "don’t", "donʼt"] {
            assert_eq!(texts("de", text), ["don", "t"], "{text}");
        }
    }

    #[test]
    fn french_and_italian_queries_drop_elisions_and_keep_their_place() {
        let queried = |lang: &str, text: &str| {
            let mut tokenizer = WordTokenizer::for_queries(lang);
            let mut stream = tokenizer.token_stream(text);
            let mut tokens = Vec::new();
            while stream.advance() {
                tokens.push((stream.token().text.clone(), stream.token().position));
            }
            tokens
        };
        let at = |word: &str, position: usize| (word.to_string(), position);
        for text in ["l'accord de paix", "L’accord de paix", "lʼaccord de paix"] {
            assert_eq!(
                queried("fr", text),
                [at("accord", 1), at("de", 2), at("paix", 3)],
                "{text}"
            );
        }
        assert_eq!(
            queried("fr", "Côte d’Ivoire"),
            [at("Côte", 0), at("Ivoire", 2)]
        );
        assert_eq!(queried("fr", "qu’il jusqu'à"), [at("il", 1), at("à", 3)]);
        // A word not elided keeps its apostrophe cut; so does an apostrophe before no letter.
        let texts = |lang, text| -> Vec<String> {
            queried(lang, text)
                .into_iter()
                .map(|(text, _)| text)
                .collect()
        };
        assert_eq!(
            texts("fr", "aujourd'hui l' x"),
            ["aujourd", "hui", "l", "x"]
        );
        assert_eq!(texts("it", "dell'ONU e l’accordo"), ["ONU", "e", "accordo"]);
        // Documents keep the elided word; English and other languages cut.
        assert_eq!(words_in("fr", "l’accord"), [at("l", 0), at("accord", 1)]);
        assert_eq!(texts("en", "l'accord"), ["l", "accord"]);
        assert_eq!(texts("de", "l'accord"), ["l", "accord"]);
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

    #[test]
    fn turkish_endings_after_an_apostrophe_are_dropped() {
        assert_eq!(
            words_in("tr", "İstanbul'daki görüşmeler Türkiye’nin ve Erdoğanʼın"),
            [
                ("İstanbul".to_string(), 0),
                ("görüşmeler".to_string(), 1),
                ("Türkiye".to_string(), 2),
                ("ve".to_string(), 3),
                ("Erdoğan".to_string(), 4),
            ]
        );
        assert_eq!(texts("tr", "1990'larda"), ["1990"]);
        assert_eq!(
            texts("tr", "Ankara' ve"),
            ["Ankara", "ve"],
            "no ending: a quote"
        );
        assert_eq!(texts("en", "İstanbul'daki"), ["İstanbul", "daki"]);
    }
}
