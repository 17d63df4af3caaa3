//! Concord's corpus format: folders of JSON-lines files, one document a line.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The facet groups, in Concord's order; a group is stored as its position in this list.
pub const GROUPS: [&str; 6] = ["party", "venue", "topic", "process", "lang", "doc_type"];

/// One line of a corpus file. Fields the peer does not use (`source`) are ignored.
#[derive(Deserialize)]
pub struct Document {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    pub date: Option<String>,
    pub lang: Option<String>,
    pub doc_type: Option<String>,
    pub parties: Option<Vec<String>>,
    pub venues: Option<Vec<String>>,
    pub topics: Option<Vec<String>>,
    pub processes: Option<Vec<String>>,
}

impl Document {
    /// `(group, value)` for every facet value of the document, groups as in [`GROUPS`].
    pub fn facets(&self) -> Vec<(i64, String)> {
        let lists = [&self.parties, &self.venues, &self.topics, &self.processes];
        let singles = [&self.lang, &self.doc_type];
        let mut facets: Vec<(i64, String)> = Vec::new();
        let mut push = |group: i64, value: &str| {
            let value = normalise(value);
            if !value.is_empty() && !facets.contains(&(group, value.clone())) {
                facets.push((group, value));
            }
        };
        for (group, list) in lists.into_iter().enumerate() {
            for value in list.iter().flatten() {
                push(group as i64, value);
            }
        }
        for (offset, single) in singles.into_iter().enumerate() {
            if let Some(value) = single {
                push((lists.len() + offset) as i64, value);
            }
        }
        facets
    }
}

/// Facet values are ids already (`united-states`); only case and spaces are evened out.
pub fn normalise(value: &str) -> String {
    value.trim().to_lowercase()
}

/// Every `*.jsonl` file under `dir`, recursively, in path order.
pub fn jsonl_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot read {}: {error}", dir.display()))?;
    for entry in entries {
        let path = entry
            .map_err(|error| format!("cannot read {}: {error}", dir.display()))?
            .path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "jsonl") {
            files.push(path);
        }
    }
    Ok(())
}

/// The first and last day a partial date covers, as `yyyymmdd` numbers, as Concord reads
/// dates: `1946` → 19460101..19461231, `2014-09` → 20140901..20140930. `None` when the text
/// is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn day_range(text: &str) -> Option<(i64, i64)> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    if parts.len() > 3 {
        return None;
    }
    let number = |part: &str, width: usize| -> Option<i64> {
        (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let year = number(parts.first()?, 4)?;
    let (first_month, last_month) = match parts.get(1) {
        Some(part) => {
            let month = number(part, 2).filter(|month| (1..=12).contains(month))?;
            (month, month)
        }
        None => (1, 12),
    };
    let (first_day, last_day) = match parts.get(2) {
        Some(part) => {
            let day = number(part, 2)
                .filter(|day| (1..=days_in_month(year, last_month)).contains(day))?;
            (day, day)
        }
        None => (1, days_in_month(year, last_month)),
    };
    Some((
        year * 10_000 + first_month * 100 + first_day,
        year * 10_000 + last_month * 100 + last_day,
    ))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_cover_their_whole_period() {
        assert_eq!(day_range("1946"), Some((19460101, 19461231)));
        assert_eq!(day_range("2014-09"), Some((20140901, 20140930)));
        assert_eq!(day_range("2024-02"), Some((20240201, 20240229)));
        assert_eq!(day_range("2014-09-22"), Some((20140922, 20140922)));
        assert_eq!(day_range("2014-13"), None);
        assert_eq!(day_range("14"), None);
        assert_eq!(day_range("2014-09-22-1"), None);
    }
}
