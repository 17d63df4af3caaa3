//! A unigram MeCab-style source for Chinese from jieba's `dict.txt` (`word frequency tag`).
//!
//! Each word gets one context id and the cost `round(-ln(freq / total) * 1000)`, so the best
//! path is the most probable sequence of dictionary words; unknown Han characters become
//! single-character tokens (see `assets/zh-jieba/char.def`). The ×1000 scale matters: lindera's
//! decompose penalty (3000 per long kanji run) over-splits words at ×100.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::DictError;

const CHAR_DEF: &str = include_str!("../assets/zh-jieba/char.def");
const UNK_DEF: &str = include_str!("../assets/zh-jieba/unk.def");

/// The `lex.csv` text for the lines of a `dict.txt`, and its entry count.
pub fn lexicon(dict_txt: &str) -> Result<(String, usize), DictError> {
    let mut words = Vec::new();
    for (index, line) in dict_txt.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let (Some(word), Some(freq)) = (fields.next(), fields.next()) else {
            continue;
        };
        let freq: f64 = freq.parse().map_err(|_| {
            DictError::Convert(format!(
                "dict.txt line {}: bad frequency {freq:?}",
                index + 1
            ))
        })?;
        let tag = fields.next().unwrap_or("x");
        if freq > 0.0 && !word.contains([',', '"']) {
            words.push((word, freq, tag));
        }
    }
    let total: f64 = words.iter().map(|(_, freq, _)| freq).sum();
    let mut csv = String::with_capacity(words.len() * 24);
    for (word, freq, tag) in &words {
        let cost = (-(freq / total).ln() * 1000.0)
            .round()
            .min(f64::from(i16::MAX)) as i16;
        let _ = writeln!(csv, "{word},0,0,{cost},{tag}");
    }
    Ok((csv, words.len()))
}

/// Writes the whole source folder (`lex.csv`, `matrix.def`, `char.def`, `unk.def`).
pub fn convert(dict_txt: &Path, source: &Path) -> Result<usize, DictError> {
    let text = std::fs::read_to_string(dict_txt).map_err(|error| DictError::io(dict_txt, error))?;
    let (csv, entries) = lexicon(&text)?;
    std::fs::create_dir_all(source).map_err(|error| DictError::io(source, error))?;
    for (name, content) in [
        ("lex.csv", csv.as_str()),
        ("matrix.def", "1 1\n0 0 0\n"),
        ("char.def", CHAR_DEF),
        ("unk.def", UNK_DEF),
    ] {
        let path = source.join(name);
        std::fs::write(&path, content).map_err(|error| DictError::io(&path, error))?;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_words_cost_less() {
        let (csv, entries) = lexicon("谈判 300 vn\n和平 600 n\n\nbad\n").unwrap();
        assert_eq!(entries, 2);
        let costs: Vec<i64> = csv
            .lines()
            .map(|line| line.split(',').nth(3).unwrap().parse().unwrap())
            .collect();
        // -ln(1/3)*1000 = 1099, -ln(2/3)*1000 = 405
        assert_eq!(costs, [1099, 405]);
        assert!(lexicon("词 many n\n").is_err());
    }
}
