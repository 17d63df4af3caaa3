//! The scanner: the tokens of one window, their accessors, the driver that keeps the longest
//! match at each token, and the building blocks (years, days, months, range ends) the
//! patterns ([`super::patterns`]) are made of.

use super::tokens::{Kind, Tok};
use super::words::*;
use super::{DateMention, Precision, Qualifier};
use crate::calendar::days_in_month;
use crate::date::PartialDate;

// --- dates from their parts -------------------------------------------------

fn is_year(year: u32) -> bool {
    (1900..=2099).contains(&year)
}

pub(super) fn day_date(year: i32, month: u32, day: u32) -> Option<PartialDate> {
    let ok = (1900..=2099).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= u32::from(days_in_month(year, month as u8));
    ok.then_some(PartialDate {
        year,
        month: Some(month as u8),
        day: Some(day as u8),
    })
}

pub(super) fn month_date(year: i32, month: u32) -> Option<PartialDate> {
    (1..=12).contains(&month).then_some(PartialDate {
        year,
        month: Some(month as u8),
        day: None,
    })
}

pub(super) fn year_date(year: i32) -> PartialDate {
    PartialDate {
        year,
        month: None,
        day: None,
    }
}

/// Tokens of one window of text, with the matchers that read them.
pub(super) struct Scanner {
    pub(super) toks: Vec<Tok>,
    pub(super) folded: String,
}

/// What a matcher consumed (`next` is the first token after it) and the
/// mentions it produced; invalid dates consume their tokens but produce none.
pub(super) struct Found {
    pub(super) next: usize,
    pub(super) mentions: Vec<DateMention>,
}

impl Found {
    pub(super) fn one(next: usize, mention: DateMention) -> Self {
        Found {
            next,
            mentions: vec![mention],
        }
    }

    pub(super) fn nothing(next: usize) -> Self {
        Found {
            next,
            mentions: Vec::new(),
        }
    }
}

/// One end of a range: a day and month with the tokens they cover.
pub(super) struct Part {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) day: u32,
    pub(super) month: u32,
}

impl Scanner {
    pub(super) fn new(text: &str) -> Self {
        let mut scanner = Scanner {
            toks: Vec::new(),
            folded: String::new(),
        };
        scanner.tokenize(text);
        scanner
    }

    // --- token accessors -------------------------------------------------

    pub(super) fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Whether token `i` and token `i + 1` touch, with no space between.
    pub(super) fn joined(&self, i: usize) -> bool {
        matches!((self.toks.get(i), self.toks.get(i + 1)), (Some(a), Some(b)) if a.end == b.start)
    }

    pub(super) fn num(&self, i: usize) -> Option<(u32, u32)> {
        let tok = self.toks.get(i).filter(|t| t.kind == Kind::Num)?;
        Some((tok.value, tok.digits))
    }

    pub(super) fn word(&self, i: usize) -> Option<&str> {
        let tok = self.toks.get(i).filter(|t| t.kind == Kind::Word)?;
        Some(&self.folded[tok.folded.0..tok.folded.1])
    }

    pub(super) fn punct(&self, i: usize) -> Option<char> {
        let tok = self.toks.get(i).filter(|t| t.kind == Kind::Punct)?;
        Some(tok.ch)
    }

    pub(super) fn han(&self, i: usize) -> Option<char> {
        let tok = self.toks.get(i).filter(|t| t.kind == Kind::Han)?;
        Some(tok.ch)
    }

    pub(super) fn lex(&self, i: usize) -> Lex {
        self.toks.get(i).map_or(Lex::Plain, |t| t.lex)
    }

    /// A four-digit number in 1900–2099.
    pub(super) fn year4(&self, i: usize) -> Option<i32> {
        let (value, digits) = self.num(i)?;
        (digits == 4 && is_year(value)).then_some(value as i32)
    }

    pub(super) fn mention(
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

    pub(super) fn dates(&self) -> Vec<DateMention> {
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
    pub(super) fn ends_clean(&self, last: usize) -> bool {
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
    pub(super) fn year_at(&self, i: usize) -> Option<(i32, usize)> {
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
    pub(super) fn year_after(&self, i: usize) -> Option<(i32, usize)> {
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
    pub(super) fn day_at(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn month_at(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn range_sep(&self, i: usize) -> Option<usize> {
        let tok = self.toks.get(i)?;
        let ok = match tok.kind {
            Kind::Punct => is_dash(tok.ch) || matches!(tok.ch, '~' | '〜' | '～'),
            Kind::Word => self.word(i).is_some_and(is_range_word),
            _ => false,
        };
        ok.then_some(i + 1)
    }

    /// "29 March 2022", "29 de marzo de 2022": day, month and year.
    pub(super) fn full_day_first(&self, i: usize) -> Option<(Part, i32)> {
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
    pub(super) fn pair(&self, first: Part, second: Part, year: i32) -> Found {
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
    pub(super) fn trailing_qualifier(&self, i: usize) -> Option<(Qualifier, usize)> {
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
}
