//! Dates mentioned in running text, in the languages peace-talk documents come in.
//!
//! One tokenizer pass turns the text into numbers (ASCII, full-width and
//! Arabic-Indic digits), words (lower-cased and folded: Latin accents, Greek
//! tonos, Turkish dotless i, Arabic alef forms), single Han characters and
//! punctuation. A matcher then tries a handful of patterns at each token, each
//! looking only a few tokens ahead, keeps the longest match and jumps past it.
//! Long texts are scanned in overlapping windows so memory stays bounded.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::date::PartialDate;

/// How precise a mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Month,
    Season,
    Year,
}

/// A vague part of a period: "early 2026", "late March 2022", "spring 2022", "mid-2023".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier {
    Early,
    Mid,
    Late,
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// One date found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// Byte offset of the first byte of the mention.
    pub start: usize,
    /// Byte offset just past the mention.
    pub end: usize,
    /// Year, month if known, day if known (always a valid calendar date).
    pub date: PartialDate,
    pub precision: Precision,
    pub qualifier: Option<Qualifier>,
}

/// A day without a year, as East Asian news writes it: "25일", "25日", "本月25日",
/// "25일(현지시간)", and with its month, "6월 12일", "7月22日". The caller resolves it
/// against the page's dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RelativeDay {
    pub start: usize,
    pub end: usize,
    /// The month when the text gives one ("6월 12일"); otherwise the dateline's month.
    pub month: Option<u8>,
    pub day: u8,
}

/// Every date mentioned in `text`, in order of position and non-overlapping.
///
/// At each position the longest match wins, so "29 March 2022" is one
/// day-precision mention. A range such as "23–25 May 2025" gives one mention
/// per end, the first borrowing the month and year of the second.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    scan(text, false).0
}

/// Day-only mentions (Japanese/Chinese 日, Korean 일) that are not part of a
/// fuller date such as "2022年3月25日" or "3월 25일".
pub fn find_relative_days(text: &str) -> Vec<RelativeDay> {
    scan(text, true).1
}

/// [`find_dates`] and [`find_relative_days`] in one scan of the text.
pub fn find_dates_and_days(text: &str) -> (Vec<DateMention>, Vec<RelativeDay>) {
    scan(text, true)
}

// ---------------------------------------------------------------------------
// Keyword tables. Entries are written in their natural spelling and folded
// (see `push_folded`) when the lookup map is built.

static MONTHS: &[(&str, u8)] = &[
    // English
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Turkish (folding also covers the ASCII spellings)
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // Russian: nominative, genitive, prepositional
    ("январь", 1),
    ("января", 1),
    ("январе", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("феврале", 2),
    ("март", 3),
    ("марта", 3),
    ("марте", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("апреле", 4),
    ("май", 5),
    ("мая", 5),
    ("мае", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июне", 6),
    ("июль", 7),
    ("июля", 7),
    ("июле", 7),
    ("август", 8),
    ("августа", 8),
    ("августе", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("сентябре", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("октябре", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("ноябре", 11),
    ("декабрь", 12),
    ("декабря", 12),
    ("декабре", 12),
    // Ukrainian: nominative, genitive, locative
    ("січень", 1),
    ("січня", 1),
    ("січні", 1),
    ("лютий", 2),
    ("лютого", 2),
    ("лютому", 2),
    ("березень", 3),
    ("березня", 3),
    ("березні", 3),
    ("квітень", 4),
    ("квітня", 4),
    ("квітні", 4),
    ("травень", 5),
    ("травня", 5),
    ("травні", 5),
    ("червень", 6),
    ("червня", 6),
    ("червні", 6),
    ("липень", 7),
    ("липня", 7),
    ("липні", 7),
    ("серпень", 8),
    ("серпня", 8),
    ("серпні", 8),
    ("вересень", 9),
    ("вересня", 9),
    ("вересні", 9),
    ("жовтень", 10),
    ("жовтня", 10),
    ("жовтні", 10),
    ("листопад", 11),
    ("листопада", 11),
    ("листопаді", 11),
    ("грудень", 12),
    ("грудня", 12),
    ("грудні", 12),
    // Arabic, Levantine/Iraqi (the two-word months are in `arabic_two_word_month`)
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    // Arabic, Egyptian and Gulf
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // Arabic, Maghreb
    ("جانفي", 1),
    ("فيفري", 2),
    ("أفريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("يوليوز", 7),
    ("أوت", 8),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
];

/// Abbreviations that may carry a full stop: "Mar. 2022", "Sept 2022".
static MONTH_ABBREVIATIONS: &[(&str, u8)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("janv", 1),
    ("févr", 2),
    ("avr", 4),
    ("juil", 7),
    ("déc", 12),
    ("okt", 10),
    ("dez", 12),
];

/// Greek month stems; each takes -ος (nominative), -ου (genitive), -ο (accusative).
static GREEK_MONTH_STEMS: [&str; 12] = [
    "Ιανουάρι",
    "Φεβρουάρι",
    "Μάρτι",
    "Απρίλι",
    "Μάι",
    "Ιούνι",
    "Ιούλι",
    "Αύγουστ",
    "Σεπτέμβρι",
    "Οκτώβρι",
    "Νοέμβρι",
    "Δεκέμβρι",
];

/// What a leading qualifier needs after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    Free,
    /// "the end of 2022": only with a connector such as "of".
    NeedsOf,
    /// French "mi-2023": only with a hyphen.
    NeedsHyphen,
}

/// Words that qualify a following year or month.
static LEADING_QUALIFIERS: &[(&str, Qualifier, Lead)] = {
    use Lead::*;
    use Qualifier::*;
    &[
        // English
        ("early", Early, Free),
        ("mid", Mid, Free),
        ("late", Late, Free),
        ("beginning", Early, NeedsOf),
        ("start", Early, NeedsOf),
        ("middle", Mid, NeedsOf),
        ("end", Late, NeedsOf),
        ("spring", Spring, Free),
        ("summer", Summer, Free),
        ("autumn", Autumn, Free),
        ("fall", Autumn, Free),
        ("winter", Winter, Free),
        // French
        ("début", Early, Free),
        ("mi", Mid, NeedsHyphen),
        ("fin", Late, Free),
        ("printemps", Spring, Free),
        ("été", Summer, Free),
        ("automne", Autumn, Free),
        ("hiver", Winter, Free),
        // German
        ("anfang", Early, Free),
        ("mitte", Mid, Free),
        ("ende", Late, Free),
        ("frühjahr", Spring, Free),
        ("frühling", Spring, Free),
        ("sommer", Summer, Free),
        ("herbst", Autumn, Free),
        // Spanish
        ("principios", Early, Free),
        ("comienzos", Early, Free),
        ("inicios", Early, Free),
        ("mediados", Mid, Free),
        ("finales", Late, Free),
        ("fines", Late, Free),
        ("primavera", Spring, Free),
        ("verano", Summer, Free),
        ("otoño", Autumn, Free),
        ("invierno", Winter, Free),
        // Russian
        ("начале", Early, Free),
        ("середине", Mid, Free),
        ("конце", Late, Free),
        ("весной", Spring, Free),
        ("весна", Spring, Free),
        ("летом", Summer, Free),
        ("лето", Summer, Free),
        ("осенью", Autumn, Free),
        ("осень", Autumn, Free),
        ("зимой", Winter, Free),
        ("зима", Winter, Free),
        // Ukrainian
        ("початку", Early, Free),
        ("середині", Mid, Free),
        ("кінці", Late, Free),
        ("наприкінці", Late, Free),
        ("навесні", Spring, Free),
        ("весною", Spring, Free),
        ("влітку", Summer, Free),
        ("улітку", Summer, Free),
        ("літом", Summer, Free),
        ("літо", Summer, Free),
        ("восени", Autumn, Free),
        ("осінь", Autumn, Free),
        ("взимку", Winter, Free),
        ("узимку", Winter, Free),
        ("зимою", Winter, Free),
        // Greek
        ("αρχές", Early, Free),
        ("αρχή", Early, Free),
        ("μέσα", Mid, Free),
        ("τέλη", Late, Free),
        ("τέλος", Late, Free),
        ("άνοιξη", Spring, Free),
        ("καλοκαίρι", Summer, Free),
        ("φθινόπωρο", Autumn, Free),
        ("χειμώνα", Winter, Free),
        ("χειμώνας", Winter, Free),
        // Arabic
        ("مطلع", Early, Free),
        ("أوائل", Early, Free),
        ("بداية", Early, Free),
        ("مستهل", Early, Free),
        ("منتصف", Mid, Free),
        ("أواسط", Mid, Free),
        ("أواخر", Late, Free),
        ("نهاية", Late, Free),
        ("ربيع", Spring, Free),
        ("صيف", Summer, Free),
        ("خريف", Autumn, Free),
        ("شتاء", Winter, Free),
    ]
};

/// Turkish words that qualify the year or month before them: "2022 başında".
static TRAILING_QUALIFIERS: &[(&str, Qualifier)] = {
    use Qualifier::*;
    &[
        ("başında", Early),
        ("başlarında", Early),
        ("başı", Early),
        ("ortasında", Mid),
        ("ortalarında", Mid),
        ("sonunda", Late),
        ("sonlarında", Late),
        ("sonu", Late),
        ("ilkbaharında", Spring),
        ("baharında", Spring),
        ("yazında", Summer),
        ("sonbaharında", Autumn),
        ("kışında", Winter),
    ]
};

/// Longest folded keyword, in bytes; longer words skip the lookup.
const MAX_KEYWORD_BYTES: usize = 32;

/// What a word means to the matcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
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

fn lookup(folded: &str) -> Lex {
    if folded.len() > MAX_KEYWORD_BYTES {
        return Lex::Plain;
    }
    keywords().get(folded).copied().unwrap_or(Lex::Plain)
}

fn arabic_two_word_month(head: &str, ordinal: &str) -> Option<u8> {
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
fn is_year_word(word: &str) -> bool {
    matches!(
        word,
        "г" | "гг" | "года" | "году" | "год" | "р" | "рр" | "року" | "рік" | "роки"
    )
}

fn is_abbreviated_year_word(word: &str) -> bool {
    matches!(word, "г" | "гг" | "р" | "рр")
}

/// Turkish case suffixes after an apostrophe: "2022'de", "2022'nin".
fn is_turkish_suffix(word: &str) -> bool {
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
fn is_year_connector(word: &str) -> bool {
    matches!(
        word,
        "de" | "del" | "of" | "του" | "της" | "το" | "عام" | "سنة" | "العام" | "السنة"
    )
}

/// Words allowed between a qualifier and its month or year.
fn is_qualifier_connector(word: &str) -> bool {
    matches!(word, "of" | "de" | "del" | "του" | "της" | "το" | "των")
}

/// Words joining the two ends of a range.
fn is_range_word(word: &str) -> bool {
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

fn is_ordinal_suffix(word: &str) -> bool {
    matches!(
        word,
        "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "eme" | "º" | "ª"
    )
}

/// Words after which a four-digit number is a label, not a year.
fn is_number_label(word: &str) -> bool {
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

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// Punctuation that may sit right before a bare year.
fn opens_year(c: char) -> bool {
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

// ---------------------------------------------------------------------------
// Calendar helpers.

fn is_year(year: u32) -> bool {
    (1900..=2099).contains(&year)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn day_date(year: i32, month: u32, day: u32) -> Option<PartialDate> {
    let ok = (1900..=2099).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month);
    ok.then_some(PartialDate {
        year,
        month: Some(month as u8),
        day: Some(day as u8),
    })
}

fn month_date(year: i32, month: u32) -> Option<PartialDate> {
    (1..=12).contains(&month).then_some(PartialDate {
        year,
        month: Some(month as u8),
        day: None,
    })
}

fn year_date(year: i32) -> PartialDate {
    PartialDate {
        year,
        month: None,
        day: None,
    }
}

// ---------------------------------------------------------------------------
// Characters and tokens.

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
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{200C}'
        | '\u{200D}')
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

/// Lower-case `c` and fold away the differences the keyword tables ignore.
fn push_folded(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        let folded = match lower {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ş' | 'ș' | 'š' => 's',
            'ğ' => 'g',
            'ý' | 'ÿ' => 'y',
            'ά' => 'α',
            'έ' => 'ε',
            'ή' => 'η',
            'ί' | 'ϊ' | 'ΐ' => 'ι',
            'ό' => 'ο',
            'ύ' | 'ϋ' | 'ΰ' => 'υ',
            'ώ' => 'ω',
            'ς' => 'σ',
            'ё' => 'е',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ی' => 'ي',
            'ک' => 'ك',
            mark if is_ignorable_mark(mark) => continue,
            other => other,
        };
        out.push(folded);
    }
}

fn fold_word(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        push_folded(c, &mut out);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Num,
    Word,
    Han,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// Numbers: value (saturating) and number of digits.
    value: u32,
    digits: u32,
    /// Han characters and punctuation: the character itself.
    ch: char,
    /// Words: byte range of the folded form in `Scanner::folded`.
    folded: (usize, usize),
    lex: Lex,
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

/// Tokens of one window of text, with the matchers that read them.
struct Scanner {
    toks: Vec<Tok>,
    folded: String,
}

/// What a matcher consumed (`next` is the first token after it) and the
/// mentions it produced; invalid dates consume their tokens but produce none.
struct Found {
    next: usize,
    mentions: Vec<DateMention>,
}

impl Found {
    fn one(next: usize, mention: DateMention) -> Self {
        Found {
            next,
            mentions: vec![mention],
        }
    }

    fn nothing(next: usize) -> Self {
        Found {
            next,
            mentions: Vec::new(),
        }
    }
}

/// One end of a range: a day and month with the tokens they cover.
struct Part {
    from: usize,
    to: usize,
    day: u32,
    month: u32,
}

impl Scanner {
    fn new(text: &str) -> Self {
        let mut scanner = Scanner {
            toks: Vec::new(),
            folded: String::new(),
        };
        scanner.tokenize(text);
        scanner
    }

    fn tokenize(&mut self, text: &str) {
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

    // --- token accessors -------------------------------------------------

    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Whether token `i` and token `i + 1` touch, with no space between.
    fn joined(&self, i: usize) -> bool {
        matches!((self.toks.get(i), self.toks.get(i + 1)), (Some(a), Some(b)) if a.end == b.start)
    }

    fn num(&self, i: usize) -> Option<(u32, u32)> {
        let tok = self.toks.get(i).filter(|t| t.kind == Kind::Num)?;
        Some((tok.value, tok.digits))
    }

    fn word(&self, i: usize) -> Option<&str> {
        let tok = self.toks.get(i).filter(|t| t.kind == Kind::Word)?;
        Some(&self.folded[tok.folded.0..tok.folded.1])
    }

    fn punct(&self, i: usize) -> Option<char> {
        let tok = self.toks.get(i).filter(|t| t.kind == Kind::Punct)?;
        Some(tok.ch)
    }

    fn han(&self, i: usize) -> Option<char> {
        let tok = self.toks.get(i).filter(|t| t.kind == Kind::Han)?;
        Some(tok.ch)
    }

    fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(Lex::Plain, |t| t.lex)
    }

    /// A four-digit number in 1900–2099.
    fn year4(&self, i: usize) -> Option<i32> {
        let (value, digits) = self.num(i)?;
        (digits == 4 && is_year(value)).then_some(value as i32)
    }

    fn mention(
        &self,
        first: usize,
        next: usize,
        date: PartialDate,
        precision: Precision,
        qualifier: Option<Qualifier>,
    ) -> DateMention {
        DateMention {
            start: self.toks[first].start,
            end: self.toks[next - 1].end,
            date,
            precision,
            qualifier,
        }
    }

    // --- driver ------------------------------------------------------------

    fn dates(&self) -> Vec<DateMention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.best_at(i) {
                Some(found) => {
                    out.extend(found.mentions);
                    i = found.next.max(i + 1);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest match starting at token `i`; on a tie the first pattern wins.
    fn best_at(&self, i: usize) -> Option<Found> {
        let mut best: Option<Found> = None;
        let mut consider = |found: Option<Found>| {
            if let Some(found) = found
                && best.as_ref().is_none_or(|b| found.next > b.next)
            {
                best = Some(found);
            }
        };
        match self.toks[i].kind {
            Kind::Num => {
                if self.starts_clean(i) {
                    consider(self.numeric_ymd(i));
                    consider(self.numeric_ym(i));
                    consider(self.numeric_dmy(i));
                    consider(self.day_first(i));
                    consider(self.turkish_trailing(i));
                }
                consider(self.cjk(i));
                consider(self.bare_year(i));
            }
            Kind::Word => {
                consider(self.leading_qualifier(i));
                consider(self.month_first(i));
            }
            Kind::Han | Kind::Punct => {}
        }
        best
    }

    /// A number at `i` is not the tail of a longer number such as "1,000" or "3.5".
    fn starts_clean(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1) else {
            return true;
        };
        if !self.joined(prev) {
            return true;
        }
        match self.toks[prev].kind {
            Kind::Num => false,
            Kind::Punct => {
                let c = self.toks[prev].ch;
                let numeric_separator = matches!(c, '.' | ',' | ':' | '/') || is_dash(c);
                !(numeric_separator
                    && prev > 0
                    && self.joined(prev - 1)
                    && self.kind(prev - 1) == Some(Kind::Num))
            }
            Kind::Word | Kind::Han => true,
        }
    }

    /// A number ending at `last` is not followed by more of a number ("2022-03-29-1", "1.5").
    fn ends_clean(&self, last: usize) -> bool {
        if !self.joined(last) {
            return true;
        }
        let next = last + 1;
        match self.toks[next].kind {
            Kind::Num => false,
            Kind::Punct => {
                let c = self.toks[next].ch;
                let separator = matches!(c, '.' | ',' | ':' | '/') || is_dash(c);
                !(separator && self.joined(next) && self.kind(next + 1) == Some(Kind::Num))
            }
            Kind::Word | Kind::Han => true,
        }
    }

    // --- building blocks -------------------------------------------------

    /// A year with what may trail it: "2022 года", "2022 г.", "2022'de".
    fn year_at(&self, i: usize) -> Option<(i32, usize)> {
        let year = self.year4(i)?;
        let mut next = i + 1;
        if self.joined(i) {
            let tok = &self.toks[next];
            match tok.kind {
                Kind::Num | Kind::Han => return None,
                Kind::Word => {
                    if !is_year_word(self.word(next)?) {
                        return None;
                    }
                }
                Kind::Punct => {
                    let digit_after = self.joined(next) && self.kind(next + 1) == Some(Kind::Num);
                    if digit_after && matches!(tok.ch, '.' | ',' | ':' | '/') {
                        return None;
                    }
                    if digit_after && is_dash(tok.ch) && self.year4(next + 1).is_none() {
                        return None;
                    }
                }
            }
        }
        if let Some(word) = self.word(next)
            && is_year_word(word)
        {
            next += 1;
            if is_abbreviated_year_word(word)
                && self.joined(next - 1)
                && self.punct(next) == Some('.')
            {
                next += 1;
            }
        } else if self.joined(i)
            && self.punct(next).is_some_and(is_apostrophe)
            && self.joined(next)
            && self.word(next + 1).is_some_and(is_turkish_suffix)
        {
            next += 2;
        }
        Some((year, next))
    }

    /// A year after a month or qualifier, with an optional comma and connector:
    /// "March, 2022", "marzo de 2022", "Μάρτιο του 2022", "مارس عام 2022".
    fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        let mut j = i;
        if self.punct(j) == Some(',') {
            j += 1;
        }
        if self.word(j).is_some_and(is_year_connector) {
            j += 1;
        }
        self.year_at(j)
    }

    /// A day number with an optional ordinal suffix or German full stop: "29", "29th", "1er", "12.".
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let (day, digits) = self.num(i)?;
        if digits > 2 || !(1..=31).contains(&day) {
            return None;
        }
        let mut next = i + 1;
        if self.joined(i) {
            match self.kind(next) {
                Some(Kind::Word) => {
                    if !is_ordinal_suffix(self.word(next)?) {
                        return None;
                    }
                    next += 1;
                }
                Some(Kind::Punct) if self.toks[next].ch == '.' => next += 1,
                Some(Kind::Num | Kind::Han) => return None,
                _ => {}
            }
        }
        Some((day, next))
    }

    /// A month name, including Arabic two-word names and "آذار/مارس" pairs.
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let (month, mut next) = self.single_month(i)?;
        if self.punct(next) == Some('/')
            && let Some((other, after)) = self.single_month(next + 1)
            && other == month
        {
            next = after;
        }
        Some((month, next))
    }

    fn single_month(&self, i: usize) -> Option<(u32, usize)> {
        match self.lex(i) {
            // English "may" is a month only when capitalised.
            Lex::Month(5) if self.word(i) == Some("may") && !self.toks[i].ch.is_uppercase() => None,
            Lex::Month(month) => Some((u32::from(month), i + 1)),
            Lex::MonthAbbreviation(month) => {
                let dotted = self.joined(i) && self.punct(i + 1) == Some('.');
                Some((u32::from(month), if dotted { i + 2 } else { i + 1 }))
            }
            _ => {
                let month = arabic_two_word_month(self.word(i)?, self.word(i + 1)?)?;
                Some((u32::from(month), i + 2))
            }
        }
    }

    /// A dash, tilde or word joining two ends of a range.
    fn range_sep(&self, i: usize) -> Option<usize> {
        let tok = self.toks.get(i)?;
        let ok = match tok.kind {
            Kind::Punct => is_dash(tok.ch) || matches!(tok.ch, '~' | '〜' | '～'),
            Kind::Word => self.word(i).is_some_and(is_range_word),
            _ => false,
        };
        ok.then_some(i + 1)
    }

    /// "29 March 2022", "29 de marzo de 2022": day, month and year.
    fn full_day_first(&self, i: usize) -> Option<(Part, i32)> {
        let (day, mut j) = self.day_at(i)?;
        if self.word(j) == Some("de") {
            j += 1;
        }
        let (month, after_month) = self.month_at(j)?;
        let (year, next) = self.year_after(after_month)?;
        let part = Part {
            from: i,
            to: next,
            day,
            month,
        };
        Some((part, year))
    }

    /// Both ends of a range; the first borrows the year of the second (or the
    /// year before, when its month comes later: "28 December to 3 January 2018").
    fn pair(&self, first: Part, second: Part, year: i32) -> Found {
        let first_year = if first.month > second.month {
            year - 1
        } else {
            year
        };
        let next = second.to;
        let mut mentions = Vec::new();
        for (part, year) in [(first, first_year), (second, year)] {
            if let Some(date) = day_date(year, part.month, part.day) {
                mentions.push(self.mention(part.from, part.to, date, Precision::Day, None));
            }
        }
        Found { next, mentions }
    }

    /// Turkish "başında", optionally after "yılının": "2022 yılının sonunda".
    fn trailing_qualifier(&self, i: usize) -> Option<(Qualifier, usize)> {
        let mut j = i;
        if self
            .word(j)
            .is_some_and(|w| matches!(w, "yili" | "yilinin" | "yilin"))
        {
            j += 1;
        }
        match self.lex(j) {
            Lex::Trail(qualifier) => Some((qualifier, j + 1)),
            _ => None,
        }
    }

    // --- patterns ------------------------------------------------------------

    /// "2022-03-29", "2022/03/29", "2022.03.29", "2022. 3. 29."
    fn numeric_ymd(&self, i: usize) -> Option<Found> {
        let year = self.year4(i)?;
        let sep = self
            .punct(i + 1)
            .filter(|&c| matches!(c, '-' | '/' | '.'))?;
        let spaced_ok = sep == '.';
        let (month, month_digits) = self.num(i + 2)?;
        let (day, day_digits) = self.num(i + 4)?;
        let shape = self.joined(i)
            && (self.joined(i + 1) || spaced_ok)
            && month_digits <= 2
            && self.punct(i + 3) == Some(sep)
            && self.joined(i + 2)
            && (self.joined(i + 3) || spaced_ok)
            && day_digits <= 2
            && self.ends_clean(i + 4);
        if !shape {
            return None;
        }
        let date = day_date(year, month, day)?;
        Some(Found::one(
            i + 5,
            self.mention(i, i + 5, date, Precision::Day, None),
        ))
    }

    /// "2022-03", only when no digit follows.
    fn numeric_ym(&self, i: usize) -> Option<Found> {
        let year = self.year4(i)?;
        let (month, digits) = self.num(i + 2)?;
        let shape = self.joined(i)
            && self.punct(i + 1) == Some('-')
            && self.joined(i + 1)
            && digits == 2
            && self.ends_clean(i + 2);
        if !shape {
            return None;
        }
        let date = month_date(year, month)?;
        Some(Found::one(
            i + 3,
            self.mention(i, i + 3, date, Precision::Month, None),
        ))
    }

    /// "29.03.2022", "29/03/2022", "29-03-2022": day first; "03/29/2022" read
    /// month-first only when day-first cannot be a date.
    fn numeric_dmy(&self, i: usize) -> Option<Found> {
        let (day, day_digits) = self.num(i)?;
        let sep = self
            .punct(i + 1)
            .filter(|&c| matches!(c, '.' | '/' | '-'))?;
        let (month, month_digits) = self.num(i + 2)?;
        let year = self.year4(i + 4)?;
        let shape = day_digits <= 2
            && month_digits <= 2
            && self.joined(i)
            && self.joined(i + 1)
            && self.punct(i + 3) == Some(sep)
            && self.joined(i + 2)
            && self.joined(i + 3)
            && self.ends_clean(i + 4);
        if !shape {
            return None;
        }
        let date = day_date(year, month, day).or_else(|| {
            (sep == '/' && month > 12)
                .then(|| day_date(year, day, month))
                .flatten()
        })?;
        Some(Found::one(
            i + 5,
            self.mention(i, i + 5, date, Precision::Day, None),
        ))
    }

    /// "2022年3月29日", "2022年3月", "2022年", "2022年初", "2022년 3월 29일", "2022년 말".
    fn cjk(&self, i: usize) -> Option<Found> {
        let year = self.year4(i)?;
        let marker = i + 1;
        if !(self.han(marker) == Some('年') || self.word(marker) == Some("년")) {
            return None;
        }
        let after_year = marker + 1;
        if let Some((month, digits)) = self.num(after_year)
            && digits <= 2
            && (1..=12).contains(&month)
            && self.is_cjk_marker(after_year + 1, &['月'], "월")
        {
            let after_month = after_year + 2;
            if let Some((day, digits)) = self.num(after_month)
                && digits <= 2
                && self.is_cjk_marker(after_month + 1, &['日', '号', '號'], "일")
            {
                let next = after_month + 2;
                return Some(match day_date(year, month, day) {
                    Some(date) => {
                        Found::one(next, self.mention(i, next, date, Precision::Day, None))
                    }
                    None => Found::nothing(next),
                });
            }
            let date = month_date(year, month)?;
            if let Some((qualifier, next)) = self.cjk_qualifier(after_month, true) {
                let mention = self.mention(i, next, date, Precision::Season, Some(qualifier));
                return Some(Found::one(next, mention));
            }
            let mention = self.mention(i, after_month, date, Precision::Month, None);
            return Some(Found::one(after_month, mention));
        }
        let date = year_date(year);
        if let Some((qualifier, next)) = self.cjk_qualifier(after_year, false) {
            let mention = self.mention(i, next, date, Precision::Season, Some(qualifier));
            return Some(Found::one(next, mention));
        }
        let mention = self.mention(i, after_year, date, Precision::Year, None);
        Some(Found::one(after_year, mention))
    }

    fn is_cjk_marker(&self, i: usize, han: &[char], hangul: &str) -> bool {
        self.han(i).is_some_and(|c| han.contains(&c)) || self.word(i) == Some(hangul)
    }

    /// A qualifier right after 年/년 or 月/월: 初, 底, 末, 春, 上旬, 초, 말, 봄 …
    fn cjk_qualifier(&self, i: usize, month_level: bool) -> Option<(Qualifier, usize)> {
        if let Some(c) = self.han(i) {
            if !self.joined(i - 1) {
                return None;
            }
            let following = self.han(i + 1).filter(|_| self.joined(i));
            let single = |q: Qualifier| Some((q, i + 1));
            return match c {
                '初' if following != Some('步') => single(Qualifier::Early),
                '頭' | '头' if !month_level => single(Qualifier::Early),
                '底' | '末' => single(Qualifier::Late),
                '上' | '中' | '下' if month_level && following == Some('旬') => {
                    let qualifier = match c {
                        '上' => Qualifier::Early,
                        '中' => Qualifier::Mid,
                        _ => Qualifier::Late,
                    };
                    Some((qualifier, i + 2))
                }
                '春' if !month_level
                    && !matches!(following, Some('节' | '節' | '运' | '運' | '晚')) =>
                {
                    single(Qualifier::Spring)
                }
                '夏' if !month_level => single(Qualifier::Summer),
                '秋' if !month_level => single(Qualifier::Autumn),
                '冬' if !month_level => single(Qualifier::Winter),
                _ => None,
            };
        }
        let qualifier = korean_qualifier(self.word(i)?, month_level)?;
        Some((qualifier, i + 1))
    }

    /// Day, month and year, or a range: "29 March 2022", "12. Februar 2015",
    /// "29 de marzo de 2022", "28 June to 7 July 2017", "23–25 May 2025".
    fn day_first(&self, i: usize) -> Option<Found> {
        let (day, after_day) = self.day_at(i)?;
        let mut j = after_day;
        if self.word(j) == Some("de") {
            j += 1;
        }
        if let Some((month, after_month)) = self.month_at(j) {
            if let Some((year, next)) = self.year_after(after_month) {
                return Some(match day_date(year, month, day) {
                    Some(date) => {
                        Found::one(next, self.mention(i, next, date, Precision::Day, None))
                    }
                    None => Found::nothing(next),
                });
            }
            let (second, year) = self.full_day_first(self.range_sep(after_month)?)?;
            let first = Part {
                from: i,
                to: after_month,
                day,
                month,
            };
            return Some(self.pair(first, second, year));
        }
        let (second, year) = self.full_day_first(self.range_sep(after_day)?)?;
        let first = Part {
            from: i,
            to: after_day,
            day,
            month: second.month,
        };
        Some(self.pair(first, second, year))
    }

    /// Month first: "March 29, 2022", "March 28–30, 2022", "March 2022",
    /// "марте 2022 года", "Mart 2022'de", "Mart 2022 sonunda".
    fn month_first(&self, i: usize) -> Option<Found> {
        let (month, after_month) = self.month_at(i)?;
        if let Some((day, after_day)) = self.day_at(after_month) {
            if let Some((year, next)) = self.year_at(self.skip_comma(after_day)) {
                return Some(match day_date(year, month, day) {
                    Some(date) => {
                        Found::one(next, self.mention(i, next, date, Precision::Day, None))
                    }
                    None => Found::nothing(next),
                });
            }
            if let Some(k) = self.range_sep(after_day) {
                let (second_month, k) = self.month_at(k).unwrap_or((month, k));
                if let Some((second_day, after_second)) = self.day_at(k)
                    && let Some((year, next)) = self.year_at(self.skip_comma(after_second))
                {
                    let first = Part {
                        from: i,
                        to: after_day,
                        day,
                        month,
                    };
                    let second = Part {
                        from: k,
                        to: next,
                        day: second_day,
                        month: second_month,
                    };
                    return Some(self.pair(first, second, year));
                }
            }
        }
        let (year, after_year) = self.year_after(after_month)?;
        let date = month_date(year, month)?;
        if let Some((qualifier, next)) = self.trailing_qualifier(after_year) {
            let mention = self.mention(i, next, date, Precision::Season, Some(qualifier));
            return Some(Found::one(next, mention));
        }
        Some(Found::one(
            after_year,
            self.mention(i, after_year, date, Precision::Month, None),
        ))
    }

    fn skip_comma(&self, i: usize) -> usize {
        if self.punct(i) == Some(',') { i + 1 } else { i }
    }

    /// "early 2026", "mid-2023", "late March 2022", "fin mars 2022",
    /// "finales de marzo de 2022", "в начале 2026 года", "مطلع عام 2026".
    fn leading_qualifier(&self, i: usize) -> Option<Found> {
        let Lex::Lead(qualifier, lead) = self.lex(i) else {
            return None;
        };
        let mut j = i + 1;
        if self.joined(i) && self.punct(j).is_some_and(is_dash) {
            j += 1;
        } else if lead == Lead::NeedsHyphen {
            return None;
        }
        if self.word(j).is_some_and(is_qualifier_connector) {
            j += 1;
        } else if lead == Lead::NeedsOf {
            return None;
        }
        if let Some((month, after_month)) = self.month_at(j)
            && let Some((year, next)) = self.year_after(after_month)
        {
            let date = month_date(year, month)?;
            let mention = self.mention(i, next, date, Precision::Season, Some(qualifier));
            return Some(Found::one(next, mention));
        }
        let (year, next) = self.year_after(j)?;
        let mention = self.mention(i, next, year_date(year), Precision::Season, Some(qualifier));
        Some(Found::one(next, mention))
    }

    /// Turkish "2022 başında", "2022'nin sonunda".
    fn turkish_trailing(&self, i: usize) -> Option<Found> {
        let (year, after_year) = self.year_at(i)?;
        let (qualifier, next) = self.trailing_qualifier(after_year)?;
        let mention = self.mention(i, next, year_date(year), Precision::Season, Some(qualifier));
        Some(Found::one(next, mention))
    }

    /// A standalone year: "in 2022", "(2012)", "1990–2022", but not "FY2022",
    /// "1990s", "p. 2001", "ISBN 978-1-2022-…" or a URL path segment.
    fn bare_year(&self, i: usize) -> Option<Found> {
        let year = self.year4(i)?;
        if let Some(prev) = i.checked_sub(1) {
            if self.joined(prev) && !self.year_may_follow(prev) {
                return None;
            }
            if matches!(self.punct(prev), Some('#' | '№')) {
                return None;
            }
            let label = if self.punct(prev) == Some('.') {
                prev.checked_sub(1)
            } else {
                Some(prev)
            };
            if label
                .and_then(|k| self.word(k))
                .is_some_and(is_number_label)
            {
                return None;
            }
        }
        if self.joined(i) && !self.year_may_precede(i + 1) {
            return None;
        }
        let (_, next) = self.year_at(i)?;
        let mention = self.mention(i, next, year_date(year), Precision::Year, None);
        Some(Found::one(next, mention))
    }

    /// Whether a bare year may touch token `prev` on its left.
    fn year_may_follow(&self, prev: usize) -> bool {
        let tok = &self.toks[prev];
        match tok.kind {
            Kind::Num => false,
            Kind::Han => true,
            Kind::Word => {
                // Reject Latin, Greek, Cyrillic … letters glued on ("FY2022"); allow
                // scripts that write numbers inside words without spaces.
                let last = self.word(prev).and_then(|w| w.chars().last());
                last.is_some_and(|c| c >= '\u{0600}')
            }
            Kind::Punct if is_dash(tok.ch) => {
                // "1990–2022", "pre-2014"
                prev > 0
                    && self.joined(prev - 1)
                    && (self.year4(prev - 1).is_some() || self.kind(prev - 1) == Some(Kind::Word))
            }
            Kind::Punct => opens_year(tok.ch),
        }
    }

    /// Whether a bare year may touch token `next` on its right.
    fn year_may_precede(&self, next: usize) -> bool {
        let tok = &self.toks[next];
        match tok.kind {
            Kind::Num | Kind::Han => false,
            Kind::Word => self.word(next).is_some_and(is_year_word),
            Kind::Punct => {
                let glued_after = self.joined(next);
                let digit_after = glued_after && self.kind(next + 1) == Some(Kind::Num);
                match tok.ch {
                    '/' | '%' | '‰' | '°' | '×' | '@' | '=' | '_' | '#' => false,
                    // "2022.5", "2022,50", "22:17" style, "2022.pdf"
                    '.' | ',' | ':' => !glued_after,
                    c if is_dash(c) => !digit_after || self.year4(next + 1).is_some(),
                    _ => true,
                }
            }
        }
    }

    // --- relative days ---------------------------------------------------

    /// "25日", "25일", "本月25日" not inside any of `dates`.
    fn relative_days(&self, dates: &[DateMention]) -> Vec<RelativeDay> {
        let mut out = Vec::new();
        let mut date_index = 0;
        for i in 0..self.toks.len() {
            let Some((day, digits)) = self.num(i) else {
                continue;
            };
            if digits > 2 || !(1..=31).contains(&day) || !self.joined(i) {
                continue;
            }
            let marker = i + 1;
            let korean = self.word(marker) == Some("일");
            if !(korean || self.han(marker) == Some('日')) {
                continue;
            }
            if self.joined(marker) && self.is_duration_suffix(marker + 1, korean) {
                continue;
            }
            let Some((first, month)) = self.relative_day_start(i) else {
                continue;
            };
            let start = self.toks[first].start;
            let end = self.toks[marker].end;
            while date_index < dates.len() && dates[date_index].end <= start {
                date_index += 1;
            }
            if dates.get(date_index).is_some_and(|d| d.start < end) {
                continue;
            }
            out.push(RelativeDay {
                start,
                end,
                month,
                day: day as u8,
            });
        }
        out
    }

    /// "25日間" (25 days), "3日目" (third day), "25일간", "3일째": durations, not dates.
    fn is_duration_suffix(&self, i: usize, korean: bool) -> bool {
        if korean {
            const SUFFIXES: [&str; 11] = [
                "간", "째", "동안", "씩", "분", "치", "이내", "만", "전", "후", "뒤",
            ];
            self.word(i)
                .is_some_and(|w| SUFFIXES.iter().any(|s| w.starts_with(s)))
        } else {
            matches!(
                self.han(i),
                Some(
                    '間' | '间'
                        | '目'
                        | '後'
                        | '后'
                        | '前'
                        | '内'
                        | '內'
                        | '以'
                        | '余'
                        | '餘'
                        | '連'
                        | '连'
                        | '分'
                )
            )
        }
    }

    /// The first token of a relative day whose number is token `i` and the month it
    /// names ("3月25日", "3월 25일" without a year), or None when the number belongs to a
    /// date with a year, which `dates` already holds.
    fn relative_day_start(&self, i: usize) -> Option<(usize, Option<u8>)> {
        let Some(prev) = i.checked_sub(1) else {
            return Some((i, None));
        };
        if (self.han(prev) == Some('月') || self.word(prev) == Some("월"))
            && let Some(number) = prev.checked_sub(1)
            && let Some((month, digits)) = self.num(number)
            && digits <= 2
            && (1..=12).contains(&month)
        {
            let after_year = number
                .checked_sub(1)
                .is_some_and(|year| self.han(year) == Some('年') || self.word(year) == Some("년"));
            return (!after_year).then_some((number, Some(month as u8)));
        }
        if self.han(prev) == Some('月') || self.word(prev) == Some("월") {
            // "本月25日" (this month): keep, starting at 本; "3月25日": part of a date.
            let this_month = prev > 0
                && self.joined(prev - 1)
                && self.joined(prev)
                && matches!(
                    self.han(prev - 1),
                    Some('本' | '今' | '该' | '該' | '同' | '当' | '當')
                );
            return this_month.then(|| (prev - 1, None));
        }
        if self.han(prev) == Some('年') || self.word(prev) == Some("년") {
            return None;
        }
        if self
            .word(prev)
            .is_some_and(|w| matches!(w, "지난달" | "다음달" | "내달" | "전달"))
        {
            return None;
        }
        let glued_number = self.joined(prev)
            && self
                .punct(prev)
                .is_some_and(|c| matches!(c, '.' | '/' | ':' | ',') || is_dash(c))
            && prev > 0
            && self.joined(prev - 1)
            && self.kind(prev - 1) == Some(Kind::Num);
        (!glued_number).then_some((i, None))
    }
}

/// Korean qualifiers after 년 or 월, with particles stripped: "초", "말에", "봄".
fn korean_qualifier(word: &str, month_level: bool) -> Option<Qualifier> {
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

// ---------------------------------------------------------------------------
// Windowed scanning of long texts.

/// Bytes of text whose mentions one window accepts.
const WINDOW: usize = 1 << 18;
/// Bytes scanned past the window so a mention starting inside it is seen whole.
const OVERLAP: usize = 1 << 12;
/// Bytes scanned before the window so the first token's left neighbour is known.
const CONTEXT: usize = 256;

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

fn scan(text: &str, want_days: bool) -> (Vec<DateMention>, Vec<RelativeDay>) {
    let mut dates = Vec::new();
    let mut days = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let (accept_end, scan_end) = if text.len() - pos <= WINDOW + OVERLAP {
            (text.len(), text.len())
        } else {
            let accept_end = ceil_boundary(text, pos + WINDOW);
            (accept_end, ceil_boundary(text, accept_end + OVERLAP))
        };
        let from = floor_boundary(text, pos.saturating_sub(CONTEXT));
        let scanner = Scanner::new(&text[from..scan_end]);
        let window_dates = scanner.dates();
        let accepts = |start: usize| start >= pos && start < accept_end;
        if want_days {
            for mut day in scanner.relative_days(&window_dates) {
                day.start += from;
                day.end += from;
                if accepts(day.start) {
                    days.push(day);
                }
            }
        }
        let mut next_pos = accept_end;
        for mut mention in window_dates {
            mention.start += from;
            mention.end += from;
            if accepts(mention.start) {
                next_pos = next_pos.max(mention.end);
                dates.push(mention);
            }
        }
        pos = next_pos;
    }
    (dates, days)
}

#[cfg(test)]
mod tests {
    use super::Precision::{Day, Month, Season, Year};
    use super::Qualifier::*;
    use super::*;

    type Expected<'a> = (&'a str, Precision, Option<Qualifier>, &'a str);

    /// (date, precision, qualifier, slice of the text) for every mention.
    fn summary(text: &str) -> Vec<(String, Precision, Option<Qualifier>, String)> {
        find_dates(text)
            .into_iter()
            .map(|m| {
                (
                    m.date.to_string(),
                    m.precision,
                    m.qualifier,
                    text[m.start..m.end].to_string(),
                )
            })
            .collect()
    }

    fn check(text: &str, expected: &[Expected]) {
        let expected: Vec<_> = expected
            .iter()
            .map(|&(date, precision, qualifier, slice)| {
                (date.to_string(), precision, qualifier, slice.to_string())
            })
            .collect();
        assert_eq!(summary(text), expected, "in {text:?}");
    }

    fn check_none(text: &str) {
        assert_eq!(summary(text), vec![], "in {text:?}");
    }

    #[test]
    fn iso_and_numeric_dates() {
        check(
            "Signed 2022-03-29, revised 2022/04/01 and 29.03.2022; memo 13/02/2015 and 05/03/2022; draft 2022-05.",
            &[
                ("2022-03-29", Day, None, "2022-03-29"),
                ("2022-04-01", Day, None, "2022/04/01"),
                ("2022-03-29", Day, None, "29.03.2022"),
                ("2015-02-13", Day, None, "13/02/2015"),
                ("2022-03-05", Day, None, "05/03/2022"),
                ("2022-05", Month, None, "2022-05"),
            ],
        );
        check(
            "US style 03/29/2022; Korean style 2022. 3. 29.; ISO time 2022-03-29T10:00:00Z",
            &[
                ("2022-03-29", Day, None, "03/29/2022"),
                ("2022-03-29", Day, None, "2022. 3. 29"),
                ("2022-03-29", Day, None, "2022-03-29"),
            ],
        );
    }

    #[test]
    fn english_dates() {
        check(
            "Talks opened on 29 March 2022 in Istanbul; the next round on March 30, 2022 and March 31 2022.",
            &[
                ("2022-03-29", Day, None, "29 March 2022"),
                ("2022-03-30", Day, None, "March 30, 2022"),
                ("2022-03-31", Day, None, "March 31 2022"),
            ],
        );
        check(
            "On the 29th March 2022, in March 2022, Mar. 2022 and Sept 2022.",
            &[
                ("2022-03-29", Day, None, "29th March 2022"),
                ("2022-03", Month, None, "March 2022"),
                ("2022-03", Month, None, "Mar. 2022"),
                ("2022-09", Month, None, "Sept 2022"),
            ],
        );
        check(
            "Expected in early 2026, after mid-2023 and late March 2022, by spring 2022, \
             in the fall of 2021, by the end of 2024, and in 2022.",
            &[
                ("2026", Season, Some(Early), "early 2026"),
                ("2023", Season, Some(Mid), "mid-2023"),
                ("2022-03", Season, Some(Late), "late March 2022"),
                ("2022", Season, Some(Spring), "spring 2022"),
                ("2021", Season, Some(Autumn), "fall of 2021"),
                ("2024", Season, Some(Late), "end of 2024"),
                ("2022", Year, None, "2022"),
            ],
        );
    }

    #[test]
    fn lower_case_may_is_not_a_month() {
        check("They may 2022", &[("2022", Year, None, "2022")]);
        check("MAY 2022", &[("2022-05", Month, None, "MAY 2022")]);
    }

    #[test]
    fn ranges_give_both_ends() {
        check(
            "Held from 28 June to 7 July 2017, again 28 June – 7 July 2017, and 23–25 May 2025.",
            &[
                ("2017-06-28", Day, None, "28 June"),
                ("2017-07-07", Day, None, "7 July 2017"),
                ("2017-06-28", Day, None, "28 June"),
                ("2017-07-07", Day, None, "7 July 2017"),
                ("2025-05-23", Day, None, "23"),
                ("2025-05-25", Day, None, "25 May 2025"),
            ],
        );
        check(
            "Between 28 December and 3 January 2018; on March 28–30, 2022; del 28 de junio al 7 de julio de 2017.",
            &[
                ("2017-12-28", Day, None, "28 December"),
                ("2018-01-03", Day, None, "3 January 2018"),
                ("2022-03-28", Day, None, "March 28"),
                ("2022-03-30", Day, None, "30, 2022"),
                ("2017-06-28", Day, None, "28 de junio"),
                ("2017-07-07", Day, None, "7 de julio de 2017"),
            ],
        );
        check(
            "Years 1990–2022 and 28 June 2016 to 7 July 2017.",
            &[
                ("1990", Year, None, "1990"),
                ("2022", Year, None, "2022"),
                ("2016-06-28", Day, None, "28 June 2016"),
                ("2017-07-07", Day, None, "7 July 2017"),
            ],
        );
    }

    #[test]
    fn french_dates() {
        check(
            "Signé le 12 février 2015, le 1er août 2000, en FÉVRIER 2015, début 2026, fin mars 2022, mi-2023 et au printemps 2022.",
            &[
                ("2015-02-12", Day, None, "12 février 2015"),
                ("2000-08-01", Day, None, "1er août 2000"),
                ("2015-02", Month, None, "FÉVRIER 2015"),
                ("2026", Season, Some(Early), "début 2026"),
                ("2022-03", Season, Some(Late), "fin mars 2022"),
                ("2023", Season, Some(Mid), "mi-2023"),
                ("2022", Season, Some(Spring), "printemps 2022"),
            ],
        );
    }

    #[test]
    fn german_dates() {
        check(
            "Am 12. Februar 2015, im Februar 2015, Anfang 2026, Ende März 2022, Mitte 2023, im Frühjahr 2022 und Maerz 2021.",
            &[
                ("2015-02-12", Day, None, "12. Februar 2015"),
                ("2015-02", Month, None, "Februar 2015"),
                ("2026", Season, Some(Early), "Anfang 2026"),
                ("2022-03", Season, Some(Late), "Ende März 2022"),
                ("2023", Season, Some(Mid), "Mitte 2023"),
                ("2022", Season, Some(Spring), "Frühjahr 2022"),
                ("2021-03", Month, None, "Maerz 2021"),
            ],
        );
    }

    #[test]
    fn spanish_dates() {
        check(
            "El 29 de marzo de 2022, en marzo de 2022, el 1 de enero de 1992, a principios de 2026, \
             a finales de marzo de 2022 y a mediados de 2023.",
            &[
                ("2022-03-29", Day, None, "29 de marzo de 2022"),
                ("2022-03", Month, None, "marzo de 2022"),
                ("1992-01-01", Day, None, "1 de enero de 1992"),
                ("2026", Season, Some(Early), "principios de 2026"),
                ("2022-03", Season, Some(Late), "finales de marzo de 2022"),
                ("2023", Season, Some(Mid), "mediados de 2023"),
            ],
        );
    }

    #[test]
    fn russian_dates() {
        check(
            "29 марта 2022 года в Стамбуле; 30 марта 2022 г. и 31 марта 2022; март 2022; в марте 2022 года; \
             в начале 2026 года; в конце марта 2022; весной 2022 года.",
            &[
                ("2022-03-29", Day, None, "29 марта 2022 года"),
                ("2022-03-30", Day, None, "30 марта 2022 г."),
                ("2022-03-31", Day, None, "31 марта 2022"),
                ("2022-03", Month, None, "март 2022"),
                ("2022-03", Month, None, "марте 2022 года"),
                ("2026", Season, Some(Early), "начале 2026 года"),
                ("2022-03", Season, Some(Late), "конце марта 2022"),
                ("2022", Season, Some(Spring), "весной 2022 года"),
            ],
        );
    }

    #[test]
    fn ukrainian_dates() {
        check(
            "29 березня 2022 року; березень 2022; у березні 2022 року; на початку 2026 року; \
             наприкінці березня 2022; навесні 2022; 5 травня 2022 р.",
            &[
                ("2022-03-29", Day, None, "29 березня 2022 року"),
                ("2022-03", Month, None, "березень 2022"),
                ("2022-03", Month, None, "березні 2022 року"),
                ("2026", Season, Some(Early), "початку 2026 року"),
                ("2022-03", Season, Some(Late), "наприкінці березня 2022"),
                ("2022", Season, Some(Spring), "навесні 2022"),
                ("2022-05-05", Day, None, "5 травня 2022 р."),
            ],
        );
    }

    #[test]
    fn turkish_dates() {
        check(
            "29 Mart 2022 tarihinde, Mart 2022'de, Şubat 2022’de, 2022 başında, 2022 sonunda, \
             NİSAN 2021, 3 Agustos 2020 ve 2022 yılının ortasında.",
            &[
                ("2022-03-29", Day, None, "29 Mart 2022"),
                ("2022-03", Month, None, "Mart 2022'de"),
                ("2022-02", Month, None, "Şubat 2022’de"),
                ("2022", Season, Some(Early), "2022 başında"),
                ("2022", Season, Some(Late), "2022 sonunda"),
                ("2021-04", Month, None, "NİSAN 2021"),
                ("2020-08-03", Day, None, "3 Agustos 2020"),
                ("2022", Season, Some(Mid), "2022 yılının ortasında"),
            ],
        );
    }

    #[test]
    fn greek_dates() {
        check(
            "Στις 29 Μαρτίου 2022, τον Μάρτιο του 2022, Μάρτιος 2022, 5 Μαΐου 2021, ΙΟΥΝΙΟΣ 2020, στα τέλη του 2022.",
            &[
                ("2022-03-29", Day, None, "29 Μαρτίου 2022"),
                ("2022-03", Month, None, "Μάρτιο του 2022"),
                ("2022-03", Month, None, "Μάρτιος 2022"),
                ("2021-05-05", Day, None, "5 Μαΐου 2021"),
                ("2020-06", Month, None, "ΙΟΥΝΙΟΣ 2020"),
                ("2022", Season, Some(Late), "τέλη του 2022"),
            ],
        );
    }

    #[test]
    fn arabic_dates() {
        check(
            "في 29 مارس 2022 و29 آذار 2022 و29 آذار/مارس 2022 و١٥ كانون الثاني ٢٠٢٣ وفي مارس 2022 \
             ومطلع عام 2026 وأواخر 2022 ومنتصف 2023 و1 جويلية 2021",
            &[
                ("2022-03-29", Day, None, "29 مارس 2022"),
                ("2022-03-29", Day, None, "29 آذار 2022"),
                ("2022-03-29", Day, None, "29 آذار/مارس 2022"),
                ("2023-01-15", Day, None, "١٥ كانون الثاني ٢٠٢٣"),
                ("2022-03", Month, None, "مارس 2022"),
                ("2026", Season, Some(Early), "مطلع عام 2026"),
                ("2022", Season, Some(Late), "أواخر 2022"),
                ("2023", Season, Some(Mid), "منتصف 2023"),
                ("2021-07-01", Day, None, "1 جويلية 2021"),
            ],
        );
    }

    #[test]
    fn japanese_and_chinese_dates() {
        check(
            "2022年3月29日に、２０２２年３月２９日、2022年3月、2022年、2022 年 4 月 1 日、2022年初、2022年底、2022年春、2022年3月下旬、2023年春节",
            &[
                ("2022-03-29", Day, None, "2022年3月29日"),
                ("2022-03-29", Day, None, "２０２２年３月２９日"),
                ("2022-03", Month, None, "2022年3月"),
                ("2022", Year, None, "2022年"),
                ("2022-04-01", Day, None, "2022 年 4 月 1 日"),
                ("2022", Season, Some(Early), "2022年初"),
                ("2022", Season, Some(Late), "2022年底"),
                ("2022", Season, Some(Spring), "2022年春"),
                ("2022-03", Season, Some(Late), "2022年3月下旬"),
                ("2023", Year, None, "2023年"),
            ],
        );
    }

    #[test]
    fn korean_dates() {
        check(
            "2022년 3월 29일에 서명, 2022년 3월, 2022년에, 2022년 초, 2022년 말, 2022년 봄, 2022년초",
            &[
                ("2022-03-29", Day, None, "2022년 3월 29일"),
                ("2022-03", Month, None, "2022년 3월"),
                ("2022", Year, None, "2022년"),
                ("2022", Season, Some(Early), "2022년 초"),
                ("2022", Season, Some(Late), "2022년 말"),
                ("2022", Season, Some(Spring), "2022년 봄"),
                ("2022", Season, Some(Early), "2022년초"),
            ],
        );
    }

    fn relative(text: &str) -> Vec<(Option<u8>, u8, String)> {
        find_relative_days(text)
            .into_iter()
            .map(|d| (d.month, d.day, text[d.start..d.end].to_string()))
            .collect()
    }

    #[test]
    fn one_scan_finds_what_the_two_do() {
        let text = "北は25日、2022年3月29日の会談と3月25日の合意を発表した。 On 5 May 2025.";
        assert_eq!(
            find_dates_and_days(text),
            (find_dates(text), find_relative_days(text))
        );
    }

    #[test]
    fn relative_days() {
        assert_eq!(
            relative("북한은 25일(현지시간) 발표했다. 지난 3일에는 2022년 3월 29일 회담이 있었다."),
            vec![(None, 25, "25일".to_string()), (None, 3, "3일".to_string())]
        );
        assert_eq!(
            relative("外務省は25日、本月25日、3月25日、2022年3月29日、3日間の会談を発表した。"),
            vec![
                (None, 25, "25日".to_string()),
                (None, 25, "本月25日".to_string()),
                (Some(3), 25, "3月25日".to_string())
            ]
        );
        assert_eq!(
            relative("25일간 협상, 3월 25일, 지난달 5일, 303명"),
            vec![(Some(3), 25, "3월 25일".to_string())]
        );
    }

    #[test]
    fn invalid_days_are_rejected() {
        check_none("on 31 April 2022");
        check_none("on 2022-02-30");
        check_none("on 29 February 2023 and 30.02.2024");
        check(
            "on 29 February 2024",
            &[("2024-02-29", Day, None, "29 February 2024")],
        );
    }

    #[test]
    fn numbers_that_are_not_dates() {
        check_none(
            "1,000 people; 303명; 22:17; 12:30 pm; ISBN 978-1-2022-1234-5; page 2001; p. 1999",
        );
        check_none(
            "FY2022 budget, the 1990s, 2022km, 2022.5 units, 2022,50 euros, No. 2020, resolution 2046",
        );
        check_none("file_2022.pdf, id=2022, #2022, 12345678, 19990 and 2100 and 1899");
        check(
            "Security Council resolution 2046 (2012)",
            &[("2012", Year, None, "2012")],
        );
    }

    #[test]
    fn urls_do_not_panic() {
        let text = "See https://example.org/2022/03/29/story and https://x.org/a/2022/b.";
        let found = summary(text);
        assert!(found.len() <= 1, "{found:?}");
        assert!(
            found.iter().all(|(date, ..)| date == "2022-03-29"),
            "{found:?}"
        );
    }

    fn assert_well_formed(text: &str) {
        let dates = find_dates(text);
        let mut last_end = 0;
        for m in &dates {
            assert!(m.start >= last_end && m.start < m.end, "{m:?}");
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            last_end = m.end;
        }
        for d in find_relative_days(text) {
            assert!(text.is_char_boundary(d.start) && text.is_char_boundary(d.end));
            assert!((1..=31).contains(&d.day));
        }
    }

    #[test]
    fn garbage_does_not_panic() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut bytes = Vec::with_capacity(200_000);
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Bias towards digits, separators and multi-byte lead bytes.
            let byte = match state % 8 {
                0 => b'0' + (state >> 8) as u8 % 10,
                1 => b"-./:, '"[(state >> 8) as usize % 7],
                _ => (state >> 16) as u8,
            };
            bytes.push(byte);
        }
        let text = String::from_utf8_lossy(&bytes);
        assert_well_formed(&text);
        let sample = "2022年3月29日 29 марта 2022 آذار/مارس ٢٠٢٢ 25일";
        for (cut, _) in sample.char_indices() {
            assert_well_formed(&sample[..cut]);
            assert_well_formed(&sample[cut..]);
        }
        assert_well_formed("");
        assert_well_formed("2022");
        assert_well_formed("29 March");
        assert_well_formed("early");
        assert_well_formed("25");
    }

    #[test]
    fn huge_mixed_input_is_scanned_whole() {
        let paragraph = "Talks on 29 March 2022 (Istanbul), 2022年3月29日、25日; 2022년 3월 29일; \
                         29 марта 2022 года; 29 آذار/مارس ٢٠٢٢; Μάρτιος 2022; fin mars 2022; 1,000 𝒳 ñ\n";
        let per_paragraph = find_dates(paragraph).len();
        assert_eq!(per_paragraph, 7);
        let repeats = 5 * 1024 * 1024 / paragraph.len() + 1;
        let text = paragraph.repeat(repeats);
        assert!(text.len() > 5 * 1024 * 1024);
        let dates = find_dates(&text);
        assert_eq!(dates.len(), per_paragraph * repeats);
        assert_eq!(find_relative_days(&text).len(), repeats);
        assert_well_formed(&text);

        // One giant token of digits, and no spaces at all.
        let digits = "2022".repeat(1 << 19);
        assert!(find_dates(&digits).is_empty());
        let glued = "年月日2022年".repeat(1 << 17);
        assert_eq!(find_dates(&glued).len(), 1 << 17);
    }
}
