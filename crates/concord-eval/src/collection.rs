//! Test collections in the layouts they are published in:
//!
//! - **BEIR**: `corpus.jsonl` (`_id`, `title`, `text`), `queries.jsonl` (`_id`, `text`),
//!   `qrels/test.tsv` (`query-id corpus-id score`, one header line); only the queries with
//!   judgments are evaluated.
//! - **Cranfield** (`cran.all.1400`, `cran.qry`, `cranqrel`): `.I/.T/.A/.B/.W` records; the
//!   qrels number the queries 1..225 in file order, not by their `.I`; the codes run from
//!   1 (complete answer) to 4 (minimum interest) and -1 (the query's source document), so
//!   they are inverted into gains 4..1 and -1 into 0.
//! - **TREC** (`corpus/*.trec` or `*.trec` documents, a topics file, `qrels`):
//!   `<DOC><DOCNO>n</DOCNO> text </DOC>` records, `<top><num>n</num><title>text</title></top>`
//!   topics, `qid 0 docno grade` judgments (the NPL/Vaswani copy Terrier ships).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::metrics::Qrels;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error(
        "no test collection at {0}: expected a BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv), Cranfield (cran.all.1400, cran.qry, cranqrel) or TREC files (corpus/*.trec, a topics file, qrels)"
    )]
    NotACollection(PathBuf),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {reason}")]
    Format {
        path: PathBuf,
        line: usize,
        reason: String,
    },
}

/// Which layout a collection folder is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Beir,
    Cranfield,
    Trec,
}

/// One document: its id in the judgments, a title (may be empty) and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalDoc {
    pub id: String,
    pub title: String,
    pub text: String,
}

/// One query: its id in the judgments and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub id: String,
    pub text: String,
}

/// A whole collection: documents, the queries that have judgments, and the judgments.
#[derive(Debug)]
pub struct Collection {
    pub name: String,
    pub layout: Layout,
    pub docs: Vec<EvalDoc>,
    pub queries: Vec<Query>,
    /// Judgments by query id.
    pub qrels: HashMap<String, Qrels>,
}

impl Collection {
    /// Reads the collection in `dir`, whichever layout it is in.
    pub fn load(dir: &Path) -> Result<Collection, EvalError> {
        let name = dir.file_name().map_or_else(
            || "collection".to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let (layout, docs, queries, qrels) = if dir.join("corpus.jsonl").is_file() {
            let (docs, queries, qrels) = beir(dir)?;
            (Layout::Beir, docs, queries, qrels)
        } else if dir.join("cran.all.1400").is_file() {
            let (docs, queries, qrels) = cranfield(dir)?;
            (Layout::Cranfield, docs, queries, qrels)
        } else if let Some(files) = trec_files(dir) {
            let (docs, queries, qrels) = trec(&files)?;
            (Layout::Trec, docs, queries, qrels)
        } else {
            return Err(EvalError::NotACollection(dir.to_path_buf()));
        };
        let queries = queries
            .into_iter()
            .filter(|query| {
                qrels
                    .get(&query.id)
                    .is_some_and(|judged| judged.values().any(|&grade| grade > 0))
            })
            .collect();
        Ok(Collection {
            name,
            layout,
            docs,
            queries,
            qrels,
        })
    }
}

fn read(path: &Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
}

fn format_error(path: &Path, line: usize, reason: impl Into<String>) -> EvalError {
    EvalError::Format {
        path: path.to_path_buf(),
        line,
        reason: reason.into(),
    }
}

type Parts = (Vec<EvalDoc>, Vec<Query>, HashMap<String, Qrels>);

/// How a judgments file is laid out: one judgment a line after `header_lines`, its fields
/// cut by `separator`; `columns` are the positions of the query id, the document id and the
/// grade, and the line must have as many fields as the highest position plus one.
struct Judgments {
    header_lines: usize,
    separator: Separator,
    columns: [usize; 3],
    /// The error for a line of another shape.
    expected: &'static str,
    /// What the layout calls the grade, for errors.
    grade: &'static str,
}

enum Separator {
    Tab,
    Whitespace,
}

/// Every judgment of the file at `path`, by query id, each grade mapped through `gain`.
fn judgments(
    path: &Path,
    layout: &Judgments,
    gain: impl Fn(i32) -> i32,
) -> Result<HashMap<String, Qrels>, EvalError> {
    let width = layout.columns.iter().max().map_or(0, |last| last + 1);
    let mut qrels: HashMap<String, Qrels> = HashMap::new();
    for (number, line) in read(path)?.lines().enumerate().skip(layout.header_lines) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = match layout.separator {
            Separator::Tab => line.split('\t').collect(),
            Separator::Whitespace => line.split_whitespace().collect(),
        };
        if fields.len() != width {
            return Err(format_error(path, number + 1, layout.expected));
        }
        let [query, doc, grade] = layout.columns.map(|column| fields[column]);
        let grade: i32 = grade.trim().parse().map_err(|_| {
            format_error(
                path,
                number + 1,
                format!("{} {grade:?} is not a number", layout.grade),
            )
        })?;
        qrels
            .entry(query.to_string())
            .or_default()
            .insert(doc.to_string(), gain(grade));
    }
    Ok(qrels)
}

fn beir(dir: &Path) -> Result<Parts, EvalError> {
    #[derive(Deserialize)]
    struct Line {
        #[serde(rename = "_id")]
        id: serde_json::Value,
        #[serde(default)]
        title: String,
        #[serde(default)]
        text: String,
    }
    let id_text = |value: &serde_json::Value| match value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let lines = |path: &Path| -> Result<Vec<Line>, EvalError> {
        read(path)?
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(number, line)| {
                serde_json::from_str(line)
                    .map_err(|error| format_error(path, number + 1, error.to_string()))
            })
            .collect()
    };
    let docs = lines(&dir.join("corpus.jsonl"))?
        .into_iter()
        .map(|line| EvalDoc {
            id: id_text(&line.id),
            title: line.title,
            text: line.text,
        })
        .collect();
    let queries = lines(&dir.join("queries.jsonl"))?
        .into_iter()
        .map(|line| Query {
            id: id_text(&line.id),
            text: line.text,
        })
        .collect();
    let qrels = judgments(
        &dir.join("qrels/test.tsv"),
        &Judgments {
            header_lines: 1,
            separator: Separator::Tab,
            columns: [0, 1, 2],
            expected: "expected query-id, corpus-id and score",
            grade: "score",
        },
        |score| score,
    )?;
    Ok((docs, queries, qrels))
}

/// The `.X` records of a SMART-format file: (id, fields by letter).
fn smart_records(text: &str) -> Vec<(String, HashMap<char, String>)> {
    let mut records: Vec<(String, HashMap<char, String>)> = Vec::new();
    let mut field = None;
    for line in text.lines() {
        if let Some(id) = line.strip_prefix(".I") {
            records.push((id.trim().to_string(), HashMap::new()));
            field = None;
        } else if line.len() == 2 && line.starts_with('.') {
            field = line.chars().nth(1);
        } else if let (Some(letter), Some((_, fields))) = (field, records.last_mut()) {
            let value = fields.entry(letter).or_default();
            if !value.is_empty() {
                value.push(' ');
            }
            value.push_str(line.trim());
        }
    }
    records
}

fn cranfield(dir: &Path) -> Result<Parts, EvalError> {
    let docs = smart_records(&read(&dir.join("cran.all.1400"))?)
        .into_iter()
        .map(|(id, mut fields)| EvalDoc {
            id,
            title: fields.remove(&'T').unwrap_or_default(),
            text: fields.remove(&'W').unwrap_or_default(),
        })
        .collect();
    // The judgments number the queries 1.. in file order, not by their `.I`.
    let queries = smart_records(&read(&dir.join("cran.qry"))?)
        .into_iter()
        .enumerate()
        .map(|(order, (_, mut fields))| Query {
            id: (order + 1).to_string(),
            text: fields.remove(&'W').unwrap_or_default(),
        })
        .collect();
    // 1 is the best code: gains 4, 3, 2, 1; -1 (the source document) and anything else
    // are not relevant.
    let qrels = judgments(
        &dir.join("cranqrel"),
        &Judgments {
            header_lines: 0,
            separator: Separator::Whitespace,
            columns: [0, 1, 2],
            expected: "expected query, document and code",
            grade: "code",
        },
        |code| if (1..=4).contains(&code) { 5 - code } else { 0 },
    )?;
    Ok((docs, queries, qrels))
}

/// The document files, the topics file and the qrels of a TREC-style folder.
struct TrecFiles {
    documents: Vec<PathBuf>,
    topics: PathBuf,
    qrels: PathBuf,
}

fn trec_files(dir: &Path) -> Option<TrecFiles> {
    let qrels = dir.join("qrels");
    if !qrels.is_file() {
        return None;
    }
    let trec_in = |folder: &Path| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "trec"))
            .collect();
        files.sort();
        files
    };
    let at_root = trec_in(dir);
    let topics = at_root
        .iter()
        .find(|path| {
            path.file_name().is_some_and(|name| {
                name.to_string_lossy().contains("query") || name.to_string_lossy().contains("topic")
            })
        })?
        .clone();
    let mut documents = trec_in(&dir.join("corpus"));
    documents.extend(at_root.into_iter().filter(|path| *path != topics));
    (!documents.is_empty()).then_some(TrecFiles {
        documents,
        topics,
        qrels,
    })
}

/// The text between `<tag>` and `</tag>` from `from`, and where it ends.
fn element<'a>(text: &'a str, tag: &str, from: usize) -> Option<(&'a str, usize)> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = text[from..].find(&open)? + from + open.len();
    let end = text[start..].find(&close)? + start;
    Some((&text[start..end], end + close.len()))
}

fn trec(files: &TrecFiles) -> Result<Parts, EvalError> {
    let mut docs = Vec::new();
    for path in &files.documents {
        let text = read(path)?;
        let mut at = 0;
        while let Some((record, end)) = element(&text, "DOC", at) {
            at = end;
            let Some((id, after)) = element(record, "DOCNO", 0) else {
                let line = text[..end].lines().count();
                return Err(format_error(path, line, "a <DOC> without <DOCNO>"));
            };
            docs.push(EvalDoc {
                id: id.trim().to_string(),
                title: String::new(),
                text: record[after..]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            });
        }
    }
    let text = read(&files.topics)?;
    let mut queries = Vec::new();
    let mut at = 0;
    while let Some((topic, end)) = element(&text, "top", at) {
        at = end;
        let id = element(topic, "num", 0).map(|(num, _)| num.trim().to_string());
        let title = element(topic, "title", 0)
            .map(|(title, _)| title.split_whitespace().collect::<Vec<_>>().join(" "));
        let (Some(id), Some(title)) = (id, title) else {
            let line = text[..end].lines().count();
            return Err(format_error(
                &files.topics,
                line,
                "a <top> without <num> or <title>",
            ));
        };
        queries.push(Query { id, text: title });
    }
    let qrels = judgments(
        &files.qrels,
        &Judgments {
            header_lines: 0,
            separator: Separator::Whitespace,
            columns: [0, 2, 3],
            expected: "expected qid, 0, docno and grade",
            grade: "grade",
        },
        |grade| grade,
    )?;
    Ok((docs, queries, qrels))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_records_gather_their_fields() {
        let text = ".I 1\n.T\nexperimental investigation\nof the wake\n.A\nbrenckman\n.W\nan experimental\nstudy.\n.I 2\n.T\nsimple shear flow\n";
        let records = smart_records(text);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].0, "1");
        assert_eq!(records[0].1[&'T'], "experimental investigation of the wake");
        assert_eq!(records[0].1[&'W'], "an experimental study.");
        assert!(!records[1].1.contains_key(&'W'));
    }

    #[test]
    fn judgments_are_read_by_their_columns_and_bad_lines_named() {
        let path = std::env::temp_dir().join(format!("concord-eval-qrels-{}", std::process::id()));
        std::fs::write(&path, "1 0 7 1\n\n1 0 9 0 \n2 0 7 2\n2 x\n").unwrap();
        let trec = Judgments {
            header_lines: 0,
            separator: Separator::Whitespace,
            columns: [0, 2, 3],
            expected: "expected qid, 0, docno and grade",
            grade: "grade",
        };
        let error = judgments(&path, &trec, |grade| grade)
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with(":5: expected qid, 0, docno and grade"),
            "{error}"
        );
        std::fs::write(&path, "1 0 7 1\n\n1 0 9 0 \n2 0 7 2\n").unwrap();
        let qrels = judgments(&path, &trec, |grade| grade * 10).unwrap();
        assert_eq!(qrels["1"]["7"], 10);
        assert_eq!(qrels["1"]["9"], 0);
        assert_eq!(qrels["2"]["7"], 20);
        std::fs::write(&path, "query-id\tcorpus-id\tscore\nq1\td1\tone\n").unwrap();
        let beir = Judgments {
            header_lines: 1,
            separator: Separator::Tab,
            columns: [0, 1, 2],
            expected: "expected query-id, corpus-id and score",
            grade: "score",
        };
        let error = judgments(&path, &beir, |score| score)
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with(":2: score \"one\" is not a number"),
            "{error}"
        );
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn trec_elements_are_found_in_order() {
        let text = "<DOC>\n<DOCNO>7</DOCNO>\nsome text\n</DOC>\n<DOC><DOCNO>8</DOCNO>more</DOC>";
        let (record, end) = element(text, "DOC", 0).unwrap();
        assert_eq!(element(record, "DOCNO", 0).unwrap().0, "7");
        let (second, _) = element(text, "DOC", end).unwrap();
        assert!(second.contains("more"));
    }
}
