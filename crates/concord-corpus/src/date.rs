//! Dates of year, month or day precision, as conflict documents give them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::days_in_month;

/// A calendar date whose month and day may be unknown: `2022`, `2022-03` or `2022-03-29`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// Why a date string was rejected.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("invalid date {input:?}: {reason} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    pub input: String,
    pub reason: &'static str,
}

impl PartialDate {
    /// The first day the date covers, as a sortable `yyyymmdd` number (`2022-03` → 20220301).
    pub fn start_key(&self) -> i64 {
        day_key(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date covers, as a sortable `yyyymmdd` number (`2022-03` → 20220331).
    pub fn end_key(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        day_key(self.year, month, day)
    }

    /// The date a `yyyymmdd` key stands for, at day precision.
    pub fn from_day_key(key: i64) -> Option<PartialDate> {
        let year = i32::try_from(key / 10_000).ok()?;
        let month = u8::try_from(key / 100 % 100).ok()?;
        let day = u8::try_from(key % 100).ok()?;
        let text = format!("{year:04}-{month:02}-{day:02}");
        text.parse().ok()
    }
}

fn day_key(year: i32, month: u8, day: u8) -> i64 {
    i64::from(year) * 10_000 + i64::from(month) * 100 + i64::from(day)
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let error = |reason| DateError {
            input: input.to_string(),
            reason,
        };
        let parts: Vec<&str> = input.trim().split('-').collect();
        if parts.len() > 3 || parts.iter().any(|part| part.is_empty()) {
            return Err(error("wrong shape"));
        }
        let number = |part: &str, width: usize| -> Result<u32, DateError> {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(error("wrong shape"));
            }
            part.parse().map_err(|_| error("wrong shape"))
        };
        let year = number(parts[0], 4)? as i32;
        let month = match parts.get(1) {
            Some(part) => {
                let month = number(part, 2)?;
                if !(1..=12).contains(&month) {
                    return Err(error("month out of range"));
                }
                Some(month as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(part), Some(month)) => {
                let day = number(part, 2)?;
                if day == 0 || day > u32::from(days_in_month(year, month)) {
                    return Err(error("day out of range"));
                }
                Some(day as u8)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, start: i64, end: i64) {
        let date: PartialDate = input.parse().unwrap();
        assert_eq!(date.to_string(), input);
        assert_eq!((date.start_key(), date.end_key()), (start, end), "{input}");
    }

    #[test]
    fn partial_dates_cover_their_whole_period() {
        check("2022", 20220101, 20221231);
        check("2022-03", 20220301, 20220331);
        check("2024-02", 20240201, 20240229);
        check("2023-02", 20230201, 20230228);
        check("2022-03-29", 20220329, 20220329);
        check("1953-07-27", 19530727, 19530727);
    }

    #[test]
    fn bad_dates_are_rejected_with_a_reason() {
        for bad in [
            "",
            "22",
            "2022-3",
            "2022-13",
            "2022-02-30",
            "2022/03/01",
            "2022-03-01-01",
            "march",
        ] {
            let error = bad.parse::<PartialDate>().unwrap_err();
            assert!(
                error.to_string().starts_with("invalid date"),
                "{bad}: {error}"
            );
        }
        assert_eq!(
            "2022-13".parse::<PartialDate>().unwrap_err().reason,
            "month out of range"
        );
    }

    #[test]
    fn day_keys_round_trip() {
        let date: PartialDate = "2016-11-24".parse().unwrap();
        assert_eq!(PartialDate::from_day_key(date.start_key()), Some(date));
    }
}
