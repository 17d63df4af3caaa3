//! Weekday names ("on Sunday", "cuma günü", "в пятницу", "dimanche", "일요일"), which news
//! reports use instead of dates. The primary-date ranking reads them against the page's
//! dateline: "Sunday" in a report dated Monday 3 October 2016 is 2 October.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::calendar::{civil_from_days, days_from_civil};
use crate::date::PartialDate;

/// A weekday named in the text; `weekday` counts from Monday = 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekdayMention {
    pub start: usize,
    pub end: usize,
    pub weekday: u8,
}

/// Names per weekday, Monday first, in the corpus languages. Inflected forms are listed
/// where the language inflects the name after a preposition (Russian, Ukrainian accusative).
const NAMES: [&[&str]; 7] = [
    &[
        "monday",
        "lundi",
        "montag",
        "lunes",
        "понедельник",
        "понеділок",
        "pazartesi",
        "δευτέρα",
        "الاثنين",
        "الإثنين",
        "月曜日",
        "월요일",
        "星期一",
        "周一",
        "週一",
    ],
    &[
        "tuesday",
        "mardi",
        "dienstag",
        "martes",
        "вторник",
        "вівторок",
        "salı",
        "τρίτη",
        "الثلاثاء",
        "火曜日",
        "화요일",
        "星期二",
        "周二",
        "週二",
    ],
    &[
        "wednesday",
        "mercredi",
        "mittwoch",
        "miércoles",
        "среда",
        "среду",
        "середа",
        "середу",
        "çarşamba",
        "τετάρτη",
        "الأربعاء",
        "水曜日",
        "수요일",
        "星期三",
        "周三",
        "週三",
    ],
    &[
        "thursday",
        "jeudi",
        "donnerstag",
        "jueves",
        "четверг",
        "четвер",
        "perşembe",
        "πέμπτη",
        "الخميس",
        "木曜日",
        "목요일",
        "星期四",
        "周四",
        "週四",
    ],
    &[
        "friday",
        "vendredi",
        "freitag",
        "viernes",
        "пятница",
        "пятницу",
        "п'ятниця",
        "п'ятницю",
        "п’ятниця",
        "п’ятницю",
        "cuma günü",
        "cuma",
        "παρασκευή",
        "الجمعة",
        "金曜日",
        "금요일",
        "星期五",
        "周五",
        "週五",
    ],
    &[
        "saturday",
        "samedi",
        "samstag",
        "sonnabend",
        "sábado",
        "суббота",
        "субботу",
        "субота",
        "суботу",
        "cumartesi",
        "σάββατο",
        "السبت",
        "土曜日",
        "토요일",
        "星期六",
        "周六",
        "週六",
    ],
    &[
        "sunday",
        "dimanche",
        "sonntag",
        "domingo",
        "воскресенье",
        "неділя",
        "неділю",
        "pazar günü",
        "κυριακή",
        "الأحد",
        "日曜日",
        "일요일",
        "星期日",
        "星期天",
        "周日",
        "週日",
    ],
];

struct Names {
    matcher: AhoCorasick,
    weekday_of: Vec<u8>,
}

fn names() -> &'static Names {
    static NAMES_MATCHER: OnceLock<Names> = OnceLock::new();
    NAMES_MATCHER.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut weekday_of = Vec::new();
        for (weekday, names) in NAMES.iter().enumerate() {
            for name in *names {
                let mut capitalised = name.chars();
                let first = capitalised.next().map(|ch| ch.to_uppercase().to_string());
                let capitalised = first.unwrap_or_default() + capitalised.as_str();
                for form in [name.to_string(), capitalised] {
                    if !patterns.contains(&form) {
                        patterns.push(form);
                        weekday_of.push(weekday as u8);
                    }
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .expect("weekday names build an automaton");
        Names {
            matcher,
            weekday_of,
        }
    })
}

/// Every weekday name in `text` that stands as a word (CJK names need no boundary).
pub fn find_weekdays(text: &str) -> Vec<WeekdayMention> {
    let names = names();
    names
        .matcher
        .find_iter(text)
        .filter(|found| {
            let before = text[..found.start()].chars().next_back();
            let after = text[found.end()..].chars().next();
            let first = text[found.start()..].chars().next().unwrap_or(' ');
            let cjk = !first.is_alphabetic() || is_cjk(first);
            cjk || (!before.is_some_and(char::is_alphabetic)
                && !after.is_some_and(char::is_alphabetic))
        })
        .map(|found| WeekdayMention {
            start: found.start(),
            end: found.end(),
            weekday: names.weekday_of[found.pattern().as_usize()],
        })
        .collect()
}

fn is_cjk(ch: char) -> bool {
    matches!(ch, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// The latest day on or before `reference` that falls on `weekday` (Monday = 0).
pub fn on_or_before(reference: PartialDate, weekday: u8) -> Option<PartialDate> {
    let days = days_from_civil(reference.year, reference.month?, reference.day?);
    let reference_weekday = (days + 3).rem_euclid(7) as u8; // 1970-01-01 was a Thursday.
    let back = (i64::from(reference_weekday) - i64::from(weekday)).rem_euclid(7);
    let (year, month, day) = civil_from_days(days - back);
    format!("{year:04}-{month:02}-{day:02}").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn weekdays_resolve_to_the_latest_matching_day() {
        // Monday 3 October 2016: "Sunday" is the day before.
        assert_eq!(
            on_or_before(date("2016-10-03"), 6),
            Some(date("2016-10-02"))
        );
        // Friday 16 May 2025: "Friday" is the same day.
        assert_eq!(
            on_or_before(date("2025-05-16"), 4),
            Some(date("2025-05-16"))
        );
        // Across a year end: Thursday 1 January 2015, "Monday" is 29 December 2014.
        assert_eq!(
            on_or_before(date("2015-01-01"), 0),
            Some(date("2014-12-29"))
        );
        // Leap day: Saturday 29 February 2020.
        assert_eq!(
            on_or_before(date("2020-03-01"), 5),
            Some(date("2020-02-29"))
        );
        assert_eq!(on_or_before(date("2020-03"), 5), None);
    }

    #[test]
    fn names_are_found_in_every_script() {
        let text = "On Sunday the vote; vendredi; в пятницу; cuma günü İstanbul'da; Παρασκευή; \
                    يوم الجمعة; 金曜日に; 금요일; 星期五; Sundays; Mondayish";
        let found: Vec<u8> = find_weekdays(text)
            .iter()
            .map(|mention| mention.weekday)
            .collect();
        assert_eq!(found, [6, 4, 4, 4, 4, 4, 4, 4, 4]);
    }
}
