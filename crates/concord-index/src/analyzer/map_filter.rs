//! A token filter that rewrites each token's text with a plain function, and the language
//! normalisations built on it.

use tantivy::tokenizer::{TokenFilter, Tokenizer};

use super::token_edit::{EditTokenizer, TokenEdit};

/// Applies `fn(input, output)` to every token's text.
#[derive(Clone, Copy)]
pub struct MapFilter(pub fn(&str, &mut String));

impl TokenEdit for MapFilter {
    fn edit(&mut self, text: &mut String, scratch: &mut String) {
        scratch.clear();
        (self.0)(text, scratch);
        std::mem::swap(text, scratch);
    }
}

impl TokenFilter for MapFilter {
    type Tokenizer<T: Tokenizer> = EditTokenizer<T, MapFilter>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        EditTokenizer::new(tokenizer, self)
    }
}

/// Turkish lowercasing: `I` is dotless `ı`, `İ` is `i` (Unicode's default gets both wrong).
pub fn turkish_lowercase(input: &str, output: &mut String) {
    for ch in input.chars() {
        match ch {
            'I' => output.push('ı'),
            'İ' => output.push('i'),
            other => output.extend(other.to_lowercase()),
        }
    }
}

/// After Turkish stemming: dotless `ı` and the other Turkish letters folded to ASCII, so that
/// `takasi` typed on a Latin keyboard finds `takası`.
pub fn turkish_fold(input: &str, output: &mut String) {
    for ch in input.chars() {
        output.push(match ch {
            'ı' => 'i',
            'ç' => 'c',
            'ş' => 's',
            'ğ' => 'g',
            'ö' => 'o',
            'ü' => 'u',
            'â' => 'a',
            'î' => 'i',
            'û' => 'u',
            other => other,
        });
    }
}

/// Greek, after stemming: accents and diaeresis removed and final sigma made ordinary, so that
/// unaccented queries find accented text.
pub fn greek_normalize(input: &str, output: &mut String) {
    for ch in input.chars() {
        output.push(match ch {
            'ά' => 'α',
            'έ' => 'ε',
            'ή' => 'η',
            'ί' | 'ϊ' | 'ΐ' => 'ι',
            'ό' => 'ο',
            'ύ' | 'ϋ' | 'ΰ' => 'υ',
            'ώ' => 'ω',
            'ς' => 'σ',
            other => other,
        });
    }
}

/// Arabic: short vowels and tatweel removed, alef and yeh variants unified.
pub fn arabic_normalize(input: &str, output: &mut String) {
    for ch in input.chars() {
        match ch {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => output.push('ا'),
            'ى' => output.push('ي'),
            other => output.push(other),
        }
    }
}

/// Russian: `ё` spelled as `е`, as most texts do.
pub fn russian_yo(input: &str, output: &mut String) {
    for ch in input.chars() {
        output.push(if ch == 'ё' { 'е' } else { ch });
    }
}

/// Ukrainian has no Snowball stemmer: a light stemmer that strips the longest common
/// inflectional ending (case endings of nouns and adjectives, common verb endings) while
/// keeping at least three letters, so `переговорах`, `переговори` and `переговорів` all become
/// `переговор`. Apostrophes (`м'який`) are kept by the tokenizer's splitting rules upstream.
pub fn ukrainian_stem(input: &str, output: &mut String) {
    const ENDINGS: [&str; 45] = [
        "ського",
        "ському",
        "ськими",
        "ами",
        "ями",
        "ові",
        "еві",
        "єві",
        "ого",
        "ому",
        "ими",
        "іми",
        "ать",
        "ять",
        "уть",
        "ють",
        "ала",
        "или",
        "ила",
        "ало",
        "ах",
        "ях",
        "ів",
        "їв",
        "ам",
        "ям",
        "ою",
        "ею",
        "єю",
        "ом",
        "ем",
        "ий",
        "ій",
        "их",
        "їх",
        "им",
        "ім",
        "ої",
        "ей",
        "ти",
        "ла",
        "ли",
        "ло",
        "ть",
        "ся",
    ];
    const VOWELS: [char; 10] = ['а', 'я', 'о', 'е', 'є', 'у', 'ю', 'і', 'и', 'ї'];
    let letters = input.chars().count();
    let mut stem = input;
    if let Some(ending) = ENDINGS
        .iter()
        .filter(|ending| input.ends_with(*ending) && letters - ending.chars().count() >= 3)
        .max_by_key(|ending| ending.len())
    {
        stem = &input[..input.len() - ending.len()];
    } else if letters > 3
        && let Some(last) = input.chars().last()
        && (VOWELS.contains(&last) || last == 'ь' || last == 'й')
    {
        stem = &input[..input.len() - last.len_utf8()];
    }
    output.push_str(stem);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(map: fn(&str, &mut String), input: &str) -> String {
        let mut output = String::new();
        map(input, &mut output);
        output
    }

    #[test]
    fn ukrainian_inflections_share_a_stem() {
        for word in [
            "переговори",
            "переговорах",
            "переговорів",
            "переговорами",
            "переговор",
        ] {
            assert_eq!(apply(ukrainian_stem, word), "переговор", "{word}");
        }
        assert_eq!(
            apply(ukrainian_stem, "полонених"),
            apply(ukrainian_stem, "полонені")
        );
        assert_eq!(apply(ukrainian_stem, "миру"), apply(ukrainian_stem, "мир"));
        assert_eq!(
            apply(ukrainian_stem, "мир"),
            "мир",
            "short words keep their letters"
        );
    }

    #[test]
    fn language_normalisations() {
        assert_eq!(apply(turkish_lowercase, "İSTANBUL"), "istanbul");
        assert_eq!(apply(turkish_lowercase, "ILIK"), "ılık");
        assert_eq!(apply(turkish_fold, "takası"), "takasi");
        assert_eq!(apply(greek_normalize, "εκεχειρίας"), "εκεχειριασ");
        assert_eq!(apply(arabic_normalize, "إِطْلَاق"), "اطلاق");
        assert_eq!(apply(russian_yo, "всё"), "все");
    }
}
