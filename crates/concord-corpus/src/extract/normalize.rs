//! The form text and taxonomy names are compared in: lowercase, accents and Arabic vowel marks
//! dropped, letter variants unified, with a map back to the original byte offsets. The letters
//! come from [`crate::fold`] (its "names" folding).

use crate::fold::{
    ARABIC_NAMES, fold_cyrillic, fold_greek, fold_latin, is_combining_mark, lowercase,
};

/// Text in match form, and for every byte of it the byte offset in the original text of the
/// character it came from (plus one final entry: the original length).
pub struct Normalized {
    pub text: String,
    pub origin: Vec<usize>,
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        for (offset, ch) in original.char_indices() {
            let before = text.len();
            push_folded(&mut text, ch);
            origin.resize(origin.len() + (text.len() - before), offset);
        }
        origin.push(original.len());
        Normalized { text, origin }
    }

    /// The original byte range of a normalized range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let from = self.origin[start];
        // The end maps to the start of the character after the match in the original.
        let to = if end < self.origin.len() - 1 {
            self.origin[end]
        } else {
            *self.origin.last().unwrap_or(&0)
        };
        (from, to.max(from))
    }
}

/// A name in match form (no offsets needed).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        push_folded(&mut out, ch);
    }
    out
}

fn push_folded(out: &mut String, ch: char) {
    // Most characters of most documents: ASCII lowercases to itself (the backquote is an
    // apostrophe below).
    if ch.is_ascii() && ch != '`' {
        out.push(ch.to_ascii_lowercase());
        return;
    }
    // Combining accents, Arabic vowel marks and tatweel carry no letter of their own.
    if is_combining_mark(ch) || ARABIC_NAMES.drops(ch) {
        return;
    }
    let folded = match ch {
        '’' | 'ʼ' | '‘' | '`' | '´' => '\'',
        '\u{00A0}' | '\u{3000}' => ' ',
        // Capitals whose lowercase folds: Ё and the Greek capitals with tonos; those with
        // dialytika (Ϊ Ϋ) are missing and stay ϊ ϋ (see `crate::fold`).
        'Ё' | 'Ά' | 'Έ' | 'Ή' | 'Ί' | 'Ό' | 'Ύ' | 'Ώ' => {
            let lower = lowercase(ch).next().unwrap_or(ch);
            fold_cyrillic(lower)
                .or_else(|| fold_greek(lower))
                .unwrap_or(lower)
        }
        _ => match fold_cyrillic(ch)
            .or_else(|| fold_greek(ch))
            .or_else(|| ARABIC_NAMES.letter(ch))
        {
            Some(folded) => folded,
            None => {
                for lower in lowercase(ch) {
                    fold_latin(lower).push_to(out);
                }
                return;
            }
        },
    };
    out.push(folded);
}

/// Scripts differ in where a name may start and end inside running text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Han and kana: no spaces between words, a name may sit anywhere.
    Cjk,
    /// Korean: words are spaced, but particles attach to the end of a name (러시아와).
    Hangul,
    /// Arabic: clitics attach to the start (وروسيا, بإسطنبول).
    Arabic,
    /// Latin, Cyrillic, Greek: spaced words, inflected endings.
    Alphabetic,
    /// Digits, punctuation, space.
    Other,
}

pub fn script_of(ch: char) -> Script {
    match ch {
        '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => Script::Cjk,
        '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}' => Script::Cjk,
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' => {
            Script::Hangul
        }
        '\u{0600}'..='\u{06FF}' if ch.is_alphabetic() => Script::Arabic,
        _ if ch.is_alphabetic() => Script::Alphabetic,
        _ => Script::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_letter_variants_are_unified() {
        assert_eq!(normalize("İstanbul’daki"), "istanbul'daki");
        assert_eq!(normalize("Ρωσίας"), "ρωσιασ");
        assert_eq!(normalize("Türkiye"), "turkiye");
        assert_eq!(normalize("إسطنبول"), "اسطنبول");
        assert_eq!(normalize("Объединённые"), "объединенные");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "À Genève, İstanbul";
        let normalized = Normalized::new(original);
        let at = normalized.text.find("istanbul").unwrap();
        let (start, end) = normalized.original_range(at, at + "istanbul".len());
        assert_eq!(&original[start..end], "İstanbul");
        let at = normalized.text.find("geneve").unwrap();
        let (start, end) = normalized.original_range(at, at + "geneve".len());
        assert_eq!(&original[start..end], "Genève");
    }
}
