//! Dates mentioned in running text, in the languages peace-talk documents come in.
//!
//! One tokenizer pass turns the text into numbers (ASCII, full-width and
//! Arabic-Indic digits), words (lower-cased and folded: Latin accents, Greek
//! tonos, Turkish dotless i, Arabic alef forms), single Han characters and
//! punctuation. A matcher then tries a handful of patterns at each token, each
//! looking only a few tokens ahead, keeps the longest match and jumps past it.
//! Long texts are scanned in overlapping windows so memory stays bounded.
//!
//! Layout, by concern:
//! - `tables`: the per-language keyword tables (month names and abbreviations, Greek month
//!   stems, qualifiers such as "early", "fin", "başında").
//! - `words`: what a folded word means (the keyword map built from the tables) and the small
//!   closed word lists and punctuation classes the patterns consult.
//! - `tokens`: characters and the tokenizer.
//! - `scanner`: the tokens of one window, the driver (longest match at each token) and the
//!   building blocks of the patterns.
//! - `patterns`: the patterns, one method each (numeric, CJK, day-first, month-first,
//!   qualified, bare year).
//! - `relative`: days without a year ("25日", "25일") for the caller to resolve.
//! - `window`: the overlapping windows long texts are scanned in.
//!
//! The public API is this file: [`find_dates`], [`find_relative_days`],
//! [`find_dates_and_days`] and the types they return.

mod patterns;
mod relative;
mod scanner;
mod tables;
#[cfg(test)]
mod tests;
mod tokens;
mod window;
mod words;

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
    window::scan(text, false).0
}

/// Day-only mentions (Japanese/Chinese 日, Korean 일) that are not part of a
/// fuller date such as "2022年3月25日" or "3월 25일".
pub fn find_relative_days(text: &str) -> Vec<RelativeDay> {
    window::scan(text, true).1
}

/// [`find_dates`] and [`find_relative_days`] in one scan of the text.
pub fn find_dates_and_days(text: &str) -> (Vec<DateMention>, Vec<RelativeDay>) {
    window::scan(text, true)
}
