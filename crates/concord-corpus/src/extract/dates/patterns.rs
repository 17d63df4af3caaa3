//! The patterns tried at each token: numeric dates, CJK dates, day-first and month-first
//! dates and ranges, qualified periods and bare years.

use super::scanner::*;
use super::tables::Lead;
use super::tokens::Kind;
use super::words::*;
use super::{Precision, Qualifier};

impl Scanner {
    /// "2022-03-29", "2022/03/29", "2022.03.29", "2022. 3. 29."
    pub(super) fn numeric_ymd(&self, i: usize) -> Option<Found> {
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
    pub(super) fn numeric_ym(&self, i: usize) -> Option<Found> {
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
    pub(super) fn numeric_dmy(&self, i: usize) -> Option<Found> {
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
    pub(super) fn cjk(&self, i: usize) -> Option<Found> {
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
    pub(super) fn day_first(&self, i: usize) -> Option<Found> {
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
    pub(super) fn month_first(&self, i: usize) -> Option<Found> {
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
    pub(super) fn leading_qualifier(&self, i: usize) -> Option<Found> {
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
    pub(super) fn turkish_trailing(&self, i: usize) -> Option<Found> {
        let (year, after_year) = self.year_at(i)?;
        let (qualifier, next) = self.trailing_qualifier(after_year)?;
        let mention = self.mention(i, next, year_date(year), Precision::Season, Some(qualifier));
        Some(Found::one(next, mention))
    }

    /// A standalone year: "in 2022", "(2012)", "1990–2022", but not "FY2022",
    /// "1990s", "p. 2001", "ISBN 978-1-2022-…" or a URL path segment.
    pub(super) fn bare_year(&self, i: usize) -> Option<Found> {
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
}
