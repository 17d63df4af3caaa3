//! The primary date: the date of the event a document is about, chosen among every date it
//! mentions.
//!
//! Each candidate scores: precision (day 3, month 2, season or year 1), +4 in the title, +2
//! in the lead (the first fifth of the body, at least 600 bytes), +0.5 for every other
//! mention that agrees with it (same year, and same month and day where both give one; at
//! most +3), -3 on a publication line (a dateline, byline or timestamp: "published",
//! "By our correspondent · 3 October 2016", "송고", "发表于", "2022年7月23日 5:30"), and -1 when
//! it stands only in a footnote or the reference list. The best score wins; ties go to the
//! earlier mention. So the latest date a page mentions does not win by being recent, and a
//! publication date wins only when the page names no other date.
//!
//! Refinements:
//! - **Ranges** are dated by their first day: "5–6 August 2023", "15. und 16. Juni 2024"
//!   give one candidate, the 5th or the 15th, with the agreement of both ends. Two years
//!   joined ("2013–2020", "1978—1993") are a span covered, not an event: no title or lead
//!   bonus.
//! - **Dateline-relative days**: a day without a year ("25일", "22日", "6월 12일") and a
//!   weekday ("on Sunday", "cuma günü", "в пятницу", "dimanche") are read against the
//!   publication date when the page has one; a bare day number (+1) is the report's own
//!   news day.
//! - **Coarse winners are refined**: when a year or month wins (a title "1999 East Timorese
//!   referendum"), the best-scored day inside it within 3 points replaces it, unless the
//!   period holds more than four dated days (a timeline of the year, kept as the year).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::dates::{DateMention, Precision, RelativeDay};
use super::weekdays::{self, WeekdayMention};
use crate::date::PartialDate;

/// Words that mark a line as the page's publication or update line (lowercase).
const PUBLICATION: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last modified",
    "publié",
    "mis à jour",
    "veröffentlicht",
    "aktualisiert",
    "stand:",
    "publicado",
    "actualizado",
    "опубликовано",
    "обновлено",
    "опубліковано",
    "оновлено",
    "yayınlanma",
    "yayın tarihi",
    "güncelleme",
    "güncellenme",
    "δημοσιεύθηκε",
    "δημοσίευση",
    "ενημερώθηκε",
    "نشر في",
    "تاريخ النشر",
    "آخر تحديث",
    "نُشر",
    "公開",
    "更新",
    "配信",
    "投稿",
    "掲載",
    "发布时间",
    "发布",
    "发表于",
    "發表於",
    "文：",
    "博主：",
    "更新时间",
    "©",
    "copyright",
];

/// Words that join the two ends of a range: "5–6 August", "15. und 16. Juni", "1. bis 21.".
const RANGE_JOINERS: &[&str] = &[
    "-", "–", "—", "~", "～", "〜", "/", "to", "and", "bis", "und", "au", "et", "al", "y", "и",
    "і", "та", "ve", "ile", "και", "έως", "و", "至", "到", "和", "から", "부터", "~",
];

/// Where a candidate was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Written out in the title or body.
    Text,
    /// A day, or month and day, without a year ("25日", "6월 12일"), read against the dateline.
    Dateline,
    /// A weekday ("on Sunday", "cuma günü"), read against the dateline.
    Weekday,
    /// In a footnote or the reference list; offsets point into [`Evidence::notes`].
    Notes,
}

/// A date candidate as the explanation shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    pub date: PartialDate,
    pub precision: Precision,
    pub origin: Origin,
    /// Byte range in the analysed text (in the notes for [`Origin::Notes`]).
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub score: f32,
    pub reasons: Vec<String>,
}

/// What the primary date is chosen from.
pub struct Evidence<'a> {
    /// Title, a blank line, body.
    pub text: &'a str,
    pub title_end: usize,
    pub lead_end: usize,
    pub mentions: &'a [DateMention],
    pub relative_days: &'a [RelativeDay],
    pub weekdays: &'a [WeekdayMention],
    /// Footnotes and references, one per line.
    pub notes: &'a str,
    pub note_mentions: &'a [DateMention],
}

#[derive(Clone, Copy)]
struct Entry {
    date: PartialDate,
    precision: Precision,
    origin: Origin,
    start: usize,
    end: usize,
    /// The last day of a range this entry opens ("5" in "5–6 August 2023").
    range_end: Option<PartialDate>,
    /// One end of a span of years ("2013–2020"): the period covered, not an event.
    span: bool,
    /// The closing end of a range, represented by its opening entry.
    closes_range: bool,
    /// A day number alone ("24일"), without a month.
    bare_day: bool,
}

impl Entry {
    fn new(
        date: PartialDate,
        precision: Precision,
        origin: Origin,
        start: usize,
        end: usize,
    ) -> Entry {
        Entry {
            date,
            precision,
            origin,
            start,
            end,
            range_end: None,
            span: false,
            closes_range: false,
            bare_day: false,
        }
    }
}

/// Every candidate scored, best first; the first is the primary date.
pub fn rank(evidence: &Evidence) -> Vec<Candidate> {
    let text = evidence.text;
    let lines = Lines::new(text);
    let on_publication_line = |start: usize| is_publication_line(lines.at(start));
    let reference = evidence
        .mentions
        .iter()
        .find(|mention| mention.precision == Precision::Day && on_publication_line(mention.start))
        .map(|mention| mention.date);
    let mut entries: Vec<Entry> = evidence
        .mentions
        .iter()
        .map(|mention| {
            Entry::new(
                mention.date,
                mention.precision,
                Origin::Text,
                mention.start,
                mention.end,
            )
        })
        .collect();
    mark_ranges(text, &mut entries);
    if let Some(reference) = reference {
        for day in evidence.relative_days {
            if let Some(date) = resolve_day(reference, day.month, day.day) {
                let mut entry =
                    Entry::new(date, Precision::Day, Origin::Dateline, day.start, day.end);
                entry.bare_day = day.month.is_none();
                entries.push(entry);
            }
        }
        let near_a_date = |start: usize, end: usize| {
            let near = |other_start: usize, other_end: usize| {
                other_start < end + 6 && start < other_end + 6
            };
            evidence
                .mentions
                .iter()
                .any(|mention| near(mention.start, mention.end))
                || evidence
                    .relative_days
                    .iter()
                    .any(|day| near(day.start, day.end))
        };
        for weekday in evidence.weekdays {
            if near_a_date(weekday.start, weekday.end) || on_publication_line(weekday.start) {
                continue;
            }
            if let Some(date) = weekdays::on_or_before(reference, weekday.weekday) {
                entries.push(Entry::new(
                    date,
                    Precision::Day,
                    Origin::Weekday,
                    weekday.start,
                    weekday.end,
                ));
            }
        }
    }
    entries.extend(evidence.note_mentions.iter().map(|mention| {
        Entry::new(
            mention.date,
            mention.precision,
            Origin::Notes,
            mention.start,
            mention.end,
        )
    }));

    let mut by_year: HashMap<i32, Vec<usize>> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        by_year.entry(entry.date.year).or_default().push(index);
        if let Some(end) = entry.range_end
            && end.year != entry.date.year
        {
            by_year.entry(end.year).or_default().push(index);
        }
    }
    let mut candidates: Vec<Candidate> = entries
        .iter()
        .enumerate()
        .filter(|(_, entry)| !entry.closes_range)
        .map(|(index, entry)| {
            let mut score = match entry.precision {
                Precision::Day => 3.0,
                Precision::Month => 2.0,
                Precision::Season | Precision::Year => 1.0,
            };
            let mut reasons = vec![format!("{:?} precision", entry.precision).to_lowercase()];
            match entry.origin {
                Origin::Dateline if entry.bare_day => {
                    // A bare "24일"/"22日" is the report's own news day; "9월 26일" looks back.
                    score += 1.0;
                    reasons.push("a bare day read against the dateline".to_string());
                }
                Origin::Dateline => reasons.push("read against the dateline".to_string()),
                Origin::Weekday => reasons.push("weekday read against the dateline".to_string()),
                _ => {}
            }
            if let Some(end) = entry.range_end {
                reasons.push(format!("opens a range to {end}"));
            }
            if entry.origin == Origin::Notes {
                score -= 1.0;
                reasons.push("in a footnote or reference".to_string());
            } else if entry.span {
                reasons.push("one end of a span of years".to_string());
            } else if entry.start < evidence.title_end {
                score += 4.0;
                reasons.push("in the title".to_string());
            } else if entry.start < evidence.lead_end {
                score += 2.0;
                reasons.push("in the lead".to_string());
            }
            let agreeing = agreeing(&entries, &by_year, index);
            if agreeing > 0 {
                score += (agreeing as f32 * 0.5).min(3.0);
                reasons.push(format!("{agreeing} other mentions agree"));
            }
            if entry.origin != Origin::Notes && on_publication_line(entry.start) {
                score -= 3.0;
                reasons.push("on a publication line".to_string());
            }
            let source = if entry.origin == Origin::Notes {
                evidence.notes
            } else {
                text
            };
            Candidate {
                date: entry.date,
                precision: entry.precision,
                origin: entry.origin,
                start: entry.start,
                end: entry.end,
                text: source[entry.start..entry.end].to_string(),
                score,
                reasons,
            }
        })
        .collect();
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.origin == Origin::Notes).cmp(&(b.origin == Origin::Notes)))
            .then(a.start.cmp(&b.start))
    });
    refine(&mut candidates);
    candidates
}

/// Other entries that agree with entry `index` (or with the end of the range it opens),
/// its own range partner left out.
fn agreeing(entries: &[Entry], by_year: &HashMap<i32, Vec<usize>>, index: usize) -> usize {
    let entry = entries[index];
    let mut years = vec![entry.date.year];
    years.extend(
        entry
            .range_end
            .map(|end| end.year)
            .filter(|&year| year != entry.date.year),
    );
    let mut counted = HashSet::new();
    for year in years {
        for &other in by_year.get(&year).into_iter().flatten() {
            if other == index || counted.contains(&other) {
                continue;
            }
            let other_entry = entries[other];
            let partner = entry.range_end == Some(other_entry.date)
                && other_entry.closes_range
                && other_entry.start >= entry.end;
            if partner {
                continue;
            }
            let agrees_with = |date: PartialDate| {
                agrees(date, other_entry.date)
                    || other_entry.range_end.is_some_and(|end| agrees(date, end))
            };
            if agrees_with(entry.date) || entry.range_end.is_some_and(agrees_with) {
                counted.insert(other);
            }
        }
    }
    counted.len()
}

/// Marks ranges among text mentions in order: "5" in "5–6 August 2023" opens a range that
/// "6 August 2023" closes (the event starts on the 5th), and "2013–2020" is a span of years.
fn mark_ranges(text: &str, entries: &mut [Entry]) {
    for index in 1..entries.len() {
        let (first, second) = (entries[index - 1], entries[index]);
        if first.start >= first.end || second.start < first.end || first.date > second.date {
            continue;
        }
        let gap = text[first.end..second.start].trim().to_lowercase();
        if !RANGE_JOINERS.contains(&gap.as_str()) {
            continue;
        }
        if first.precision == Precision::Year && second.precision == Precision::Year {
            entries[index - 1].span = true;
            entries[index].span = true;
        } else if !text[first.start..first.end].contains(&first.date.year.to_string()) {
            entries[index - 1].range_end = Some(second.date);
            entries[index].closes_range = true;
        }
    }
}

/// When the best candidate is a year or month, the best-scored day (or month) inside it,
/// if that scores within 3 points, is the more useful primary date: "1999" in a title and
/// "30 August 1999" in the lead give 1999-08-30.
fn refine(candidates: &mut Vec<Candidate>) {
    let Some(best) = candidates.first().cloned() else {
        return;
    };
    if best.precision == Precision::Day {
        return;
    }
    // A year with more than four dated days is a timeline's period, not one event.
    let mut days_in_period: Vec<PartialDate> = candidates
        .iter()
        .filter(|candidate| {
            candidate.precision == Precision::Day && candidate.date.year == best.date.year
        })
        .map(|candidate| candidate.date)
        .collect();
    days_in_period.sort();
    days_in_period.dedup();
    if days_in_period.len() > 4 {
        return;
    }
    let finer = |candidate: &Candidate| {
        let rank = |precision: Precision| match precision {
            Precision::Day => 0,
            Precision::Month => 1,
            Precision::Season | Precision::Year => 2,
        };
        rank(candidate.precision) < rank(best.precision)
            && candidate.date.year == best.date.year
            && (best.date.month.is_none() || candidate.date.month == best.date.month)
            && candidate.score >= best.score - 3.0
    };
    if let Some(position) = candidates.iter().position(finer) {
        let mut chosen = candidates.remove(position);
        chosen.reasons.push(format!(
            "refines \"{}\", the best-scored date, to a precise date inside it",
            best.text
        ));
        candidates.insert(0, chosen);
    }
}

/// Two dates agree when neither contradicts the other.
fn agrees(a: PartialDate, b: PartialDate) -> bool {
    let same = |x: Option<u8>, y: Option<u8>| x.is_none() || y.is_none() || x == y;
    a.year == b.year && same(a.month, b.month) && (a.month != b.month || same(a.day, b.day))
}

/// A day without a year, read against the dateline `reference`: the day `day` of `month`
/// (the reference's month when none is given), in the reference's year, or the year or
/// month before when that would lie after the reference (a page of 2 June speaking of
/// "the 30th", a January page speaking of "12월 28일").
fn resolve_day(reference: PartialDate, month: Option<u8>, day: u8) -> Option<PartialDate> {
    let reference_month = reference.month?;
    let reference_day = reference.day.unwrap_or(31);
    let (year, month) = match month {
        Some(month) if (month, day) > (reference_month, reference_day) => {
            (reference.year - 1, month)
        }
        Some(month) => (reference.year, month),
        None if day > reference_day => {
            if reference_month == 1 {
                (reference.year - 1, 12)
            } else {
                (reference.year, reference_month - 1)
            }
        }
        None => (reference.year, reference_month),
    };
    format!("{year:04}-{month:02}-{day:02}").parse().ok()
}

/// The lines of a text, found by offset in logarithmic time.
struct Lines<'a> {
    text: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Lines { text, starts }
    }

    fn at(&self, offset: usize) -> &'a str {
        let index = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        &self.text[start..end]
    }
}

fn is_publication_line(line: &str) -> bool {
    // Datelines, bylines and timestamps are short; a paragraph is not one.
    let length = line.chars().count();
    if length > 160 {
        return false;
    }
    let lower = line.to_lowercase();
    if PUBLICATION.iter().any(|word| lower.contains(word)) {
        return true;
    }
    let short = length <= 120;
    // A byline: "By our correspondent · Bogotá · 3 October 2016", "윤서진 기자 | …".
    let byline = lower.split(['·', '|', '—', '–', ',']).any(|part| {
        BYLINE_OPENERS
            .iter()
            .any(|opener| part.trim_start().starts_with(opener))
    }) || BYLINE_WORDS.iter().any(|word| {
        lower.match_indices(word).any(|(at, _)| {
            !lower[at + word.len()..]
                .chars()
                .next()
                .is_some_and(is_hangul)
        })
    });
    // A timestamp: a date and a time, `2025-05-25 22:17`, `2022年7月23日 5:30`.
    short && (byline || has_clock_time(line))
}

/// How a byline segment opens (lowercase).
const BYLINE_OPENERS: &[&str] = &["by ", "von ", "par ", "por ", "de notre ", "от "];

/// Words that make a short line a byline wherever they stand (lowercase), unless a Hangul
/// syllable follows (기자회견 is a press conference, not a reporter).
const BYLINE_WORDS: &[&str] = &[
    "correspondent",
    "correspondant",
    "korrespondent",
    "корреспондент",
    "кореспондент",
    "muhabir",
    "ανταποκριτ",
    "مراسل",
    "기자",
    "記者",
    "记者",
    "글:",
    "글 :",
    "승인",
    "등록",
    "송고",
    "입력",
    "수정",
    "기사입력",
];

fn is_hangul(ch: char) -> bool {
    ('\u{ac00}'..='\u{d7af}').contains(&ch)
}

/// `22:17`, `9:30`: hours and minutes.
fn has_clock_time(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.windows(4).enumerate().any(|(at, window)| {
        window[0].is_ascii_digit()
            && window[1] == b':'
            && window[2].is_ascii_digit()
            && window[3].is_ascii_digit()
            && bytes.get(at + 4).is_none_or(|next| !next.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dates::{find_dates, find_relative_days};

    fn primary(title: &str, body: &str) -> String {
        primary_with_notes(title, body, "")
    }

    fn primary_with_notes(title: &str, body: &str, notes: &str) -> String {
        let text = format!("{title}\n\n{body}");
        let ranked = rank(&Evidence {
            text: &text,
            title_end: title.len(),
            lead_end: title.len() + (body.len() / 5).max(600),
            mentions: &find_dates(&text),
            relative_days: &find_relative_days(&text),
            weekdays: &weekdays::find_weekdays(&text),
            notes,
            note_mentions: &find_dates(notes),
        });
        ranked
            .first()
            .map(|best| best.date.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn the_event_wins_over_the_latest_date() {
        let body = "The talks held in March 2022 came closest to a settlement. \
                    As of early 2026 their legacy resurfaced; in 2026 new rounds began.";
        assert_eq!(primary("Istanbul peace talks", body), "2022-03");
    }

    #[test]
    fn a_date_in_the_title_wins() {
        let body = "Published 2 June 2025\n\nThe second round ended quickly.";
        assert_eq!(
            primary("Talks of 16 May 2025 revisited", body),
            "2025-05-16"
        );
    }

    #[test]
    fn a_publication_date_wins_only_alone() {
        assert_eq!(
            primary("Notes", "Published 2 June 2025\n\nNo other date."),
            "2025-06-02"
        );
    }

    #[test]
    fn korean_day_numbers_are_read_against_the_dateline() {
        let body = "오세린 기자 | 송고 2025-05-25 22:17\n\
                    러시아와 우크라이나가 25일 포로 교환을 마무리했다. 교환은 23일 시작됐다.";
        assert_eq!(primary("포로 교환 마무리", body), "2025-05-25");
    }

    #[test]
    fn a_year_in_the_title_is_refined_to_the_day_inside_it() {
        let body = "Voters went to the polls on 30 August 1999, after years of occupation \
                    that began in December 1975. Results came on 4 September 1999.";
        assert_eq!(primary("1999 East Timorese referendum", body), "1999-08-30");
    }

    #[test]
    fn a_span_of_years_in_the_title_is_not_the_event() {
        let body = "The deal was reached in Vienna on 14 July 2015 after two years of talks.";
        assert_eq!(
            primary("Timeline: the Iran nuclear deal, 2013–2020", body),
            "2015-07-14"
        );
    }

    #[test]
    fn a_range_is_dated_by_its_first_day() {
        let body = "Von unserer Redaktion | Aktualisiert am 6. August 2023, 21:14 Uhr\n\n\
                    Das Treffen am 5. und 6. August 2023 endete ohne Erklärung.";
        assert_eq!(primary("Gespräche in Dschidda", body), "2023-08-05");
    }

    #[test]
    fn weekdays_are_read_against_the_byline() {
        let body = "By our correspondent · Bogotá · 3 October 2016\n\n\
                    With almost all ballots counted from Sunday's vote, the No camp led.";
        assert_eq!(primary("Colombians reject the deal", body), "2016-10-02");
        let body = "İSTANBUL | 16.05.2025 | Güncelleme: 17.05.2025 09:12\n\n\
                    Heyetler cuma günü İstanbul'da bir araya geldi.";
        assert_eq!(
            primary("Rusya ve Ukrayna masaya oturdu", body),
            "2025-05-16"
        );
    }

    #[test]
    fn month_and_day_without_a_year_take_the_datelines_year() {
        let body = "2018년 6월 15일 | 글: 서지환 수석연구위원\n\n\
                    6월 12일 싱가포르에서 열린 정상회담은 역사적이었다. 1950년 이후 처음이다.";
        assert_eq!(primary("싱가포르 공동성명", body), "2018-06-12");
        let body =
            "2022年7月23日 5:30　[有料会員限定]\n\nロシアとウクライナは22日、合意文書に署名した。";
        assert_eq!(primary("穀物輸出再開へ合意", body), "2022-07-22");
    }

    #[test]
    fn the_reference_list_can_date_a_report() {
        let body = format!(
            "ADDIS ABABA, Sept 12\n\nThe leaders signed on Wednesday a new deal. {}\
             It revives a 2015 accord that collapsed in July 2016.",
            "Diplomats welcomed the signing but warned of earlier failures. ".repeat(12)
        );
        let notes = "IGAD summit communiqué, Addis Ababa, 12 September 2018.\n\
                     Statements by Troika governments, September 2018.";
        assert_eq!(
            primary_with_notes("Peace deal signed", &body, notes),
            "2018-09-12"
        );
    }
}
