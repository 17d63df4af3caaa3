//! Days without a year ("25日", "25일", "本月25日", "6월 12일") that no fuller date covers.

use super::scanner::Scanner;
use super::tokens::Kind;
use super::words::is_dash;
use super::{DateMention, RelativeDay};

impl Scanner {
    /// "25日", "25일", "本月25日" not inside any of `dates`.
    pub(super) fn relative_days(&self, dates: &[DateMention]) -> Vec<RelativeDay> {
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
