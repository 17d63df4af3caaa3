//! Character folding, once for extraction and analysis: lowercasing with Turkish İ, Latin
//! diacritics, Greek tonos and final sigma, Russian ё, and Arabic marks and letter variants.
//!
//! Three places fold text, each for its own comparison, and all take their letters from here:
//!
//! | place | compares | folds with |
//! |---|---|---|
//! | `extract/normalize.rs` ("names") | taxonomy names with running text | [`lowercase`], [`fold_latin`], [`fold_greek`], [`fold_cyrillic`], [`ARABIC_NAMES`] |
//! | `extract/dates/tokens.rs` ("dates") | words with the date keyword tables | [`lowercase`], [`fold_date_latin`], [`fold_greek`], [`fold_cyrillic`], [`ARABIC_DATES`] |
//! | concord-index `analyzer/map_filter.rs` ("analysis") | indexed terms with query terms | [`lowercase`], [`fold_turkish`], [`fold_greek`], [`fold_cyrillic`], [`ARABIC_ANALYSIS`] |
//!
//! (The analyzers of English, French, German, Spanish, Italian, Portuguese, Dutch and other
//! languages fold Latin letters with tantivy's ASCII folding, not with this module.)
//!
//! ## Where the three disagree
//!
//! concord-index's `analyzer::map_filter` tests compare the match form of every taxonomy name
//! with its analysed form in each language of its script, and allow only these. Each place
//! keeps the folding it had: the analysis defines the terms of existing indexes
//! (changing it changes search results and needs a schema bump and a rebuild), and the names
//! and dates define the extraction figures. The disagreements, with what is right:
//!
//! - **Teh marbuta** ة: names fold it to heh ه; dates and analysis keep it (129 Arabic
//!   taxonomy names differ for it). Folding is right (texts write ه for ة). In analysis the
//!   Snowball Arabic stemmer strips a final ة from many words (اتفاقية and اتفاقيه both give
//!   اتفاق) but not all (المتحدة gives متحد, المتحده gives متحده), so a query spelled with ه
//!   misses some pages spelled with ة; adopting the fold there needs a schema bump and a
//!   reindex.
//! - **Alef wasla** ٱ and the marks U+0653–U+065F and U+0670 (superscript alef): dates and
//!   analysis fold ٱ to ا and drop the marks; names keep both, so a name in vocalised
//!   Quranic-style spelling is not found. Dates and analysis are right; adopting it for names
//!   could only add mentions (no shipped page or name has these characters today).
//! - **Persian letters** ی and ک: only dates fold them to Arabic ي and ك. Right for all three
//!   (Arabic text typed on a Persian keyboard); names would find more parties and places,
//!   analysis would need a reindex. No shipped page or name has them today.
//! - **Latin**: dates fold Romanian ș, which names (and slugs) keep; names fold the Central
//!   European letters (ă ą ě ő ů ś ž ł đ ß æ œ …), which dates keep; the analysis of Western
//!   European languages folds all of them and more (tantivy's ASCII folding: ə, ŏ, which
//!   names keep) and Turkish analysis only the Turkish letters (so é stays é there: 369
//!   Latin taxonomy names differ so in Turkish). Slugs name taxonomy values, so `fold_latin`
//!   cannot grow without checking every slug.
//! - **Dotted capital İ** no longer differs: names, dates and slugs give `i` ([`lowercase`]),
//!   and since schema 9 so do all the analyzers (they lowercase with [`lowercase`]; tantivy's
//!   lowercasing gave `i` + U+0307, which ASCII folding kept, so "İstanbul" in an English page
//!   was indexed as `i̇stanbul` and the query `istanbul` did not find it).
//! - **Apostrophes**: names write `’ ʼ ‘ ` ´` as `'` and match it as text; analysis reads
//!   `'`, `’` and `ʼ` as one apostrophe (`‘`, `` ` `` and `´` end a word), a letter between
//!   Cyrillic letters, and (schema 9) drops English `'s` (`analyzer/word.rs`): 16 English
//!   names have it (`children's rights`), which extraction matches and search leaves out.
//! - **Greek capitals with dialytika** Ϊ Ϋ: dates and analysis give ι υ; names lowercase them
//!   to ϊ ϋ and stop there (names list the accented capitals one by one and these two are
//!   missing). A bug with no known victim: no taxonomy name or shipped page has them.
//! - **ё**: every place folds it to е except the Ukrainian analyzer (Ukrainian has no ё; the
//!   15 Russian names with ё differ there).
//! - **Joiners** ZWNJ and ZWJ: dates drop them inside words; names keep them; analysis ends a
//!   word at them (its word tokenizer).

/// `ch` lowercased, except that Turkish dotted capital İ is plain `i` (Unicode's lowercase
/// adds a combining dot above, U+0307).
#[inline]
pub fn lowercase(ch: char) -> std::char::ToLowercase {
    if ch == 'İ' {
        'i'.to_lowercase()
    } else {
        ch.to_lowercase()
    }
}

/// Combining accents (as in decomposed "é"), which carry no letter of their own.
#[inline]
pub fn is_combining_mark(ch: char) -> bool {
    matches!(ch, '\u{0300}'..='\u{036F}')
}

/// The accented letters of the Western European languages and Turkish, each to its ASCII
/// letter: what every Latin folding of this module has in common.
#[inline]
fn fold_latin_letter(ch: char) -> Option<char> {
    Some(match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ş' | 'š' => 's',
        'ğ' => 'g',
        'ý' | 'ÿ' => 'y',
        _ => return None,
    })
}

/// `ch` (lowercase) with its common Latin diacritic folded (`é` → `e`, `ß` → `ss`); other
/// characters as they are. The Latin folding of names and slugs.
pub fn fold_latin(ch: char) -> Folded {
    if let Some(folded) = fold_latin_letter(ch) {
        return Folded::Char(folded);
    }
    let folded = match ch {
        'ă' | 'ą' => "a",
        'ě' => "e",
        'į' => "i",
        'ń' | 'ň' => "n",
        'ő' => "o",
        'ů' | 'ű' => "u",
        'ś' => "s",
        'ž' | 'ź' | 'ż' => "z",
        'ł' => "l",
        'đ' | 'ď' => "d",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return Folded::Char(ch),
    };
    Folded::Str(folded)
}

/// What [`fold_latin`] gives: no allocation, since it runs on every character of every
/// document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folded {
    Char(char),
    Str(&'static str),
}

impl Folded {
    pub fn push_to(self, out: &mut String) {
        match self {
            Folded::Char(ch) => out.push(ch),
            Folded::Str(text) => out.push_str(text),
        }
    }

    pub fn is_alphanumeric(self) -> bool {
        match self {
            Folded::Char(ch) => ch.is_alphanumeric(),
            Folded::Str(_) => true,
        }
    }
}

/// The Latin folding of the date tables: the common letters and Romanian ș (see the module
/// doc: names keep ș, and dates keep the Central European letters).
pub fn fold_date_latin(ch: char) -> Option<char> {
    match ch {
        'ș' => Some('s'),
        _ => fold_latin_letter(ch),
    }
}

/// The Turkish letters only (ı ç ş ğ ö ü â î û) to ASCII, as Turkish analysis folds them
/// after stemming, so that `takasi` typed on a Latin keyboard finds `takası`.
#[inline]
pub fn fold_turkish(ch: char) -> Option<char> {
    // Spelled out rather than through `fold_latin_letter`: the analyzer runs this on every
    // character, and the two matches in a row cost the Turkish analyzer a fifth of its
    // throughput (benches/README.md, issue 20). A unit test holds it to the common letters.
    Some(match ch {
        'ı' | 'î' => 'i',
        'ç' => 'c',
        'ş' => 's',
        'ğ' => 'g',
        'ö' => 'o',
        'ü' | 'û' => 'u',
        'â' => 'a',
        _ => return None,
    })
}

/// Greek (lowercase): tonos and dialytika dropped (ά → α, ϊ → ι) and final sigma made ordinary
/// (ς → σ). Capitals are lowercased first by every caller (names fold only those with tonos:
/// see the module doc).
#[inline]
pub fn fold_greek(ch: char) -> Option<char> {
    Some(match ch {
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        'ς' => 'σ',
        _ => return None,
    })
}

/// Russian `ё` spelled as `е`, as most texts do.
#[inline]
pub fn fold_cyrillic(ch: char) -> Option<char> {
    match ch {
        'ё' => Some('е'),
        _ => None,
    }
}

/// How one place folds Arabic script (the module doc says where they disagree).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArabicFolding {
    /// Drop the marks U+0653–U+065F and the superscript alef U+0670 too, not only the
    /// harakat U+064B–U+0652 and tatweel.
    pub all_marks: bool,
    /// Alef wasla ٱ → ا.
    pub alef_wasla: bool,
    /// Persian keyboard letters: ی → ي, ک → ك.
    pub persian_letters: bool,
    /// Teh marbuta ة → ه.
    pub teh_marbuta: bool,
}

/// Names and text for matching taxonomy names (`extract/normalize.rs`).
pub const ARABIC_NAMES: ArabicFolding = ArabicFolding {
    all_marks: false,
    alef_wasla: false,
    persian_letters: false,
    teh_marbuta: true,
};

/// Words for the date keyword tables (`extract/dates`).
pub const ARABIC_DATES: ArabicFolding = ArabicFolding {
    all_marks: true,
    alef_wasla: true,
    persian_letters: true,
    teh_marbuta: false,
};

/// Arabic analysis before stemming (concord-index, `analyzer/map_filter.rs`).
pub const ARABIC_ANALYSIS: ArabicFolding = ArabicFolding {
    all_marks: true,
    alef_wasla: true,
    persian_letters: false,
    teh_marbuta: false,
};

impl ArabicFolding {
    /// Whether `ch` is a mark this folding drops: short vowels and the other harakat, tatweel,
    /// and with `all_marks` the rarer marks and the superscript alef.
    #[inline]
    pub fn drops(self, ch: char) -> bool {
        match ch {
            '\u{064B}'..='\u{0652}' | '\u{0640}' => true,
            '\u{0653}'..='\u{065F}' | '\u{0670}' => self.all_marks,
            _ => false,
        }
    }

    /// The letter `ch` is unified with, if this folding unifies it: hamza-carrying alefs
    /// (أ إ آ) with alef and alef maksura ى with yeh everywhere, the rest as configured.
    #[inline]
    pub fn letter(self, ch: char) -> Option<char> {
        match ch {
            'أ' | 'إ' | 'آ' => Some('ا'),
            'ٱ' if self.alef_wasla => Some('ا'),
            'ى' => Some('ي'),
            'ی' if self.persian_letters => Some('ي'),
            'ک' if self.persian_letters => Some('ك'),
            'ة' if self.teh_marbuta => Some('ه'),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn turkish_letters_fold_as_the_common_latin_letters_do() {
        for ch in "ıçşğöüâîû".chars() {
            assert_eq!(
                super::fold_turkish(ch),
                super::fold_latin_letter(ch),
                "{ch}"
            );
        }
        assert_eq!(super::fold_turkish('é'), None);
        assert_eq!(super::fold_turkish('a'), None);
    }

    use super::*;

    fn arabic(folding: ArabicFolding, text: &str) -> String {
        text.chars()
            .filter(|&ch| !folding.drops(ch))
            .map(|ch| folding.letter(ch).unwrap_or(ch))
            .collect()
    }

    /// The disagreements the module doc lists, pinned: changing one is a decision (a schema
    /// bump for analysis, new extraction figures for names and dates), not a refactoring.
    #[test]
    fn the_documented_disagreements_hold() {
        let word = "مَدِينَة ٱلسَّلَامٰ کی";
        assert_eq!(arabic(ARABIC_NAMES, word), "مدينه ٱلسلامٰ کی");
        assert_eq!(arabic(ARABIC_DATES, word), "مدينة السلام كي");
        assert_eq!(arabic(ARABIC_ANALYSIS, word), "مدينة السلام کی");
        assert_eq!(fold_date_latin('ș'), Some('s'));
        assert_eq!(fold_latin('ș'), Folded::Char('ș'));
        assert_eq!(fold_date_latin('ž'), None);
        assert_eq!(fold_latin('ž'), Folded::Str("z"));
        assert_eq!(fold_turkish('é'), None);
        assert_eq!(fold_turkish('ı'), Some('i'));
        assert_eq!(fold_greek('Ϊ'), None);
    }

    #[test]
    fn the_latin_foldings_agree_where_they_overlap() {
        for ch in ('\u{00C0}'..='\u{024F}').filter(|ch| ch.is_lowercase()) {
            if let Some(date) = fold_date_latin(ch)
                && ch != 'ș'
            {
                assert_eq!(fold_latin(ch), Folded::Char(date), "{ch}");
            }
            if let Some(turkish) = fold_turkish(ch) {
                assert_eq!(fold_date_latin(ch), Some(turkish), "{ch}");
            }
        }
        assert_eq!(lowercase('İ').collect::<String>(), "i");
        assert_eq!(lowercase('I').collect::<String>(), "i");
    }
}
