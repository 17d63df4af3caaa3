//! `concord import livedoor|zh-reports FILE.tar.gz`: the two CJK collections of
//! `../shared/corpora/` as Concord corpus folders, one document a news article or report.
//! Dates and language come from the collection; parties, venues, topics and processes are
//! left to extraction. Entries that do not have the expected shape are reported and skipped.

use std::collections::BTreeMap;
use std::io::Read;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::cli::{ImportArgs, ImportSource};
use crate::commands::import::{open_import, write_taxonomy};
use crate::commands::parts::PartWriter;

#[derive(Serialize)]
struct Imported {
    id: String,
    title: String,
    body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    lang: &'static str,
    doc_type: &'static str,
    source: String,
}

#[derive(Deserialize)]
struct Report {
    title: String,
    #[serde(default)]
    url: String,
    content: String,
    year: Option<Year>,
}

/// A year as a number or as text (the collection has both).
#[derive(Deserialize)]
#[serde(untagged)]
enum Year {
    Number(i32),
    Text(String),
}

impl Year {
    fn to_date(&self) -> Option<String> {
        let year = match self {
            Year::Number(year) => *year,
            Year::Text(text) => text.trim().parse().ok()?,
        };
        (1..=9999).contains(&year).then(|| format!("{year:04}"))
    }
}

pub fn run(args: &ImportArgs) -> anyhow::Result<()> {
    let name = match args.source {
        ImportSource::Livedoor => "livedoor",
        _ => "zh-reports",
    };
    let (taxonomy, file, folder) = open_import(args, name)?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut parts = PartWriter::new(&folder, 1000);
    let (mut imported, mut skipped) = (0usize, 0usize);
    let entries = archive
        .entries()
        .with_context(|| format!("{} is not a .tar.gz archive", args.file.display()))?;
    for entry in entries {
        let mut entry = entry.with_context(|| format!("cannot read {}", args.file.display()))?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry
            .path()?
            .to_string_lossy()
            .trim_start_matches("./")
            .to_string();
        let mut text = String::new();
        if entry.read_to_string(&mut text).is_err() {
            eprintln!("{path}: skipped: not UTF-8 text");
            skipped += 1;
            continue;
        }
        let documents = match args.source {
            ImportSource::Livedoor => livedoor(&path, &text).map(|doc| vec![doc]),
            _ => reports(&path, &text).map(|(documents, problems)| {
                for problem in &problems {
                    eprintln!("{path}: skipped: {problem}");
                }
                skipped += problems.len();
                documents
            }),
        };
        match documents {
            Ok(documents) => {
                for document in documents {
                    parts.write_line(&serde_json::to_string(&document)?)?;
                    imported += 1;
                }
            }
            Err(reason) => {
                // README.txt and the LICENSE.txt files of livedoor are not articles.
                if !path.ends_with("README.txt") && !path.ends_with("LICENSE.txt") {
                    eprintln!("{path}: skipped: {reason}");
                    skipped += 1;
                }
            }
        }
    }
    parts.finish()?;
    if imported == 0 {
        bail!("no documents in {}", args.file.display());
    }
    write_taxonomy(&taxonomy, &BTreeMap::new(), &args.out)?;
    println!(
        "imported {imported} documents into {} ({skipped} entries skipped)",
        args.out.display()
    );
    Ok(())
}

/// A livedoor article: line 1 its URL, line 2 its date-time (`2012-09-21T14:00:00+0900`),
/// line 3 its title, then the body.
fn livedoor(path: &str, text: &str) -> Result<Imported, String> {
    let mut lines = text.lines();
    let (Some(url), Some(when), Some(title)) = (lines.next(), lines.next(), lines.next()) else {
        return Err("fewer than three lines (URL, date, title)".to_string());
    };
    if !url.starts_with("http") {
        return Err("the first line is not a URL".to_string());
    }
    let date = when
        .trim()
        .get(..10)
        .filter(|day| day.len() == 10 && day.as_bytes()[4] == b'-' && day.as_bytes()[7] == b'-');
    let Some(date) = date else {
        return Err(format!("the second line is not a date: {when:?}"));
    };
    let body = lines.collect::<Vec<_>>().join("\n").trim().to_string();
    let stem = path.trim_end_matches(".txt");
    Ok(Imported {
        id: format!("livedoor/{stem}"),
        title: title.trim().to_string(),
        body,
        date: Some(date.to_string()),
        lang: "ja",
        doc_type: "news",
        source: url.trim().to_string(),
    })
}

/// The reports of one JSON-lines file of the Chinese collection, and why any line was
/// skipped.
fn reports(path: &str, text: &str) -> Result<(Vec<Imported>, Vec<String>), String> {
    if !path.ends_with(".jsonl") {
        return Err("not a .jsonl file".to_string());
    }
    let stem = path.trim_end_matches(".jsonl");
    let (mut documents, mut problems) = (Vec::new(), Vec::new());
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let report: Report = match serde_json::from_str(line) {
            Ok(report) => report,
            Err(error) => {
                problems.push(format!("line {}: not a report: {error}", number + 1));
                continue;
            }
        };
        documents.push(Imported {
            id: format!("zh-reports/{stem}/{}", number + 1),
            title: report.title,
            body: report.content,
            date: report.year.as_ref().and_then(Year::to_date),
            lang: "zh",
            doc_type: "report",
            source: report.url,
        });
    }
    Ok((documents, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_livedoor_article_has_url_date_title_and_body() {
        let text = "http://news.livedoor.com/article/detail/1/\n2012-09-21T14:00:00+0900\n見出し\n本文の一行目。\n二行目。\n";
        let doc = livedoor("topic-news/topic-news-1.txt", text).unwrap();
        assert_eq!(doc.id, "livedoor/topic-news/topic-news-1");
        assert_eq!(doc.date.as_deref(), Some("2012-09-21"));
        assert_eq!(doc.title, "見出し");
        assert_eq!(doc.body, "本文の一行目。\n二行目。");
        assert!(livedoor("README.txt", "just a readme\n").is_err());
    }

    #[test]
    fn reports_are_one_document_a_line() {
        let text = concat!(
            "{\"title\":\"政府工作报告\",\"url\":\"https://zh.wikisource.org/x\",\"content\":\"正文\",\"year\":1954}\n",
            "{oops\n",
            "{\"title\":\"二\",\"content\":\"正文\",\"year\":\"2025\"}\n",
        );
        let (docs, problems) = reports("government_work_reports.jsonl", text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].date.as_deref(), Some("1954"));
        assert_eq!(docs[0].id, "zh-reports/government_work_reports/1");
        assert_eq!(docs[1].date.as_deref(), Some("2025"));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("line 2"), "{problems:?}");
    }
}
