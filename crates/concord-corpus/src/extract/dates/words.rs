//! What a folded word means to the scanner: the keyword map built from [`super::tables`], and
//! the small closed word lists (year words, connectors, range words, ordinal suffixes, number
//! labels, Korean qualifiers) and punctuation classes the patterns consult.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Qualifier;
use super::tables::*;
use super::tokens::fold_word;

/// Longest folded keyword, in bytes; longer words skip the lookup.
const MAX_KEYWORD_BYTES: usize = 32;

/// What a word means to the matcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lex {
    Plain,
    Month(u8),
    /// A month abbreviation, which may take a full stop.
    MonthAbbreviation(u8),
    Lead(Qualifier, Lead),
    Trail(Qualifier),
}

fn keywords() -> &'static HashMap<String, Lex> {
    static MAP: OnceLock<HashMap<String, Lex>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for &(word, month) in MONTHS {
            map.insert(fold_word(word), Lex::Month(month));
        }
        for (index, stem) in GREEK_MONTH_STEMS.iter().enumerate() {
            for ending in ["ος", "ου", "ο"] {
                let month = index as u8 + 1;
                map.insert(fold_word(&format!("{stem}{ending}")), Lex::Month(month));
            }
        }
        for &(word, month) in MONTH_ABBREVIATIONS {
            map.insert(fold_word(word), Lex::MonthAbbreviation(month));
        }
        for &(word, qualifier, lead) in LEADING_QUALIFIERS {
            map.insert(fold_word(word), Lex::Lead(qualifier, lead));
        }
        for &(word, qualifier) in TRAILING_QUALIFIERS {
            map.insert(fold_word(word), Lex::Trail(qualifier));
        }
        map
    })
}

pub(super) fn lookup(folded: &str) -> Lex {
    if folded.len() > MAX_KEYWORD_BYTES {
        return Lex::Plain;
    }
    keywords().get(folded).copied().unwrap_or(Lex::Plain)
}

pub(super) fn arabic_two_word_month(head: &str, ordinal: &str) -> Option<u8> {
    let first = matches!(ordinal, "الاول" | "اول");
    let second = matches!(ordinal, "الثاني" | "ثاني");
    match head {
        "كانون" if second => Some(1),
        "كانون" if first => Some(12),
        "تشرين" if first => Some(10),
        "تشرين" if second => Some(11),
        _ => None,
    }
}

/// Words that may follow a year: Russian "года", "г.", Ukrainian "року", "р.".
pub(super) fn is_year_word(word: &str) -> bool {
    matches!(
        word,
        "г" | "гг" | "года" | "году" | "год" | "р" | "рр" | "року" | "рік" | "роки"
    )
}

pub(super) fn is_abbreviated_year_word(word: &str) -> bool {
    matches!(word, "г" | "гг" | "р" | "рр")
}

/// Turkish case suffixes after an apostrophe: "2022'de", "2022'nin".
pub(super) fn is_turkish_suffix(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "te"
            | "ta"
            | "den"
            | "dan"
            | "ten"
            | "tan"
            | "nin"
            | "nun"
            | "in"
            | "un"
            | "e"
            | "a"
            | "ye"
            | "ya"
            | "deki"
            | "daki"
            | "teki"
            | "taki"
    )
}

/// Words allowed between a month (or qualifier) and its year.
pub(super) fn is_year_connector(word: &str) -> bool {
    matches!(
        word,
        "de" | "del" | "of" | "του" | "της" | "το" | "عام" | "سنة" | "العام" | "السنة"
    )
}

/// Words allowed between a qualifier and its month or year.
pub(super) fn is_qualifier_connector(word: &str) -> bool {
    matches!(word, "of" | "de" | "del" | "του" | "της" | "το" | "των")
}

/// Words joining the two ends of a range.
pub(super) fn is_range_word(word: &str) -> bool {
    matches!(
        word,
        "to" | "until"
            | "till"
            | "through"
            | "thru"
            | "and"
            | "au"
            | "et"
            | "bis"
            | "und"
            | "al"
            | "a"
            | "y"
            | "hasta"
            | "по"
            | "до"
            | "и"
            | "і"
            | "та"
            | "εως"
            | "ως"
            | "μεχρι"
            | "και"
            | "حتى"
            | "الى"
            | "ile"
            | "ve"
    )
}

pub(super) fn is_ordinal_suffix(word: &str) -> bool {
    matches!(
        word,
        "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "eme" | "º" | "ª"
    )
}

/// Words after which a four-digit number is a label, not a year.
pub(super) fn is_number_label(word: &str) -> bool {
    matches!(
        word,
        "p" | "pp"
            | "pg"
            | "page"
            | "pages"
            | "no"
            | "nos"
            | "nr"
            | "n"
            | "number"
            | "vol"
            | "art"
            | "article"
            | "para"
            | "paragraph"
            | "chapter"
            | "ch"
            | "sec"
            | "section"
            | "rule"
            | "item"
            | "isbn"
            | "issn"
            | "doi"
            | "tel"
            | "fax"
            | "ref"
            | "res"
            | "resolution"
            | "resolutions"
            | "resolucion"
            | "seite"
            | "s"
            | "с"
            | "стр"
            | "ст"
            | "резолюция"
            | "резолюции"
            | "резолюцію"
            | "резолюції"
            | "قرار"
            | "القرار"
    )
}

pub(super) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—')
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// Punctuation that may sit right before a bare year.
pub(super) fn opens_year(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '«'
            | '»'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '„'
            | '‹'
            | '›'
            | '「'
            | '『'
            | '（'
            | '【'
            | '《'
            | '〈'
            | '¡'
            | '¿'
            | '*'
    )
}

/// Korean qualifiers after 년 or 월, with particles stripped: "초", "말에", "봄".
pub(super) fn korean_qualifier(word: &str, month_level: bool) -> Option<Qualifier> {
    let mut base = word;
    for particle in ["에는", "에", "부터", "까지", "경", "께", "쯤"] {
        if let Some(stripped) = word.strip_suffix(particle)
            && !stripped.is_empty()
        {
            base = stripped;
            break;
        }
    }
    match base {
        "초" => Some(Qualifier::Early),
        "말" => Some(Qualifier::Late),
        "초순" if month_level => Some(Qualifier::Early),
        "중순" if month_level => Some(Qualifier::Mid),
        "하순" if month_level => Some(Qualifier::Late),
        "초반" => Some(Qualifier::Early),
        "중반" => Some(Qualifier::Mid),
        "후반" => Some(Qualifier::Late),
        "봄" if !month_level => Some(Qualifier::Spring),
        "여름" if !month_level => Some(Qualifier::Summer),
        "가을" if !month_level => Some(Qualifier::Autumn),
        "겨울" if !month_level => Some(Qualifier::Winter),
        _ => None,
    }
}
