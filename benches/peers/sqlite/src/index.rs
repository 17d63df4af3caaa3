//! Loads a corpus into an SQLite database: an FTS5 table over title and body, a `docs` table
//! with the dates, and `doc_facet` rows for filters and facet counts.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::corpus::{Document, day_range, jsonl_files};

/// Documents per transaction.
const BATCH: usize = 100_000;

const SCHEMA: &str = "
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL, date_start INTEGER, date_end INTEGER);
CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TABLE doc_facet(doc INTEGER NOT NULL, grp INTEGER NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (doc, grp, value)) WITHOUT ROWID;
CREATE TABLE bench_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
";

/// Built after loading, which is faster than keeping them up to date row by row.
const INDEXES: &str = "
CREATE INDEX docs_date_start ON docs(date_start);
CREATE INDEX docs_date_end ON docs(date_end);
CREATE INDEX doc_facet_value ON doc_facet(grp, value, doc);
";

/// What indexing cost, kept in the database (`bench_meta`) for the bench run to report.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IndexStats {
    pub docs: u64,
    /// Reading and parsing the JSON, inserting, building the B-tree indexes.
    pub seconds: f64,
    /// `INSERT INTO fts(fts) VALUES('optimize')`: merges the FTS5 segments into one.
    pub optimize_seconds: f64,
    /// `ANALYZE`, so that the query planner knows the tables' sizes.
    pub analyze_seconds: f64,
    pub docs_per_s: f64,
    /// Megabytes (10^6 bytes) of JSON input per second of `seconds`.
    pub mb_per_s: f64,
    pub input_bytes: u64,
    /// Pages in use times the page size (the file less its free pages).
    pub index_bytes: u64,
    /// Size of the database file.
    pub file_bytes: u64,
    /// Documents whose date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (stored undated).
    pub bad_dates: u64,
}

/// Loads every `*.jsonl` file under `corpus` into a new database at `db`.
pub fn build(corpus: &Path, db: &Path) -> Result<IndexStats, String> {
    if db.exists() {
        return Err(format!("{} exists already", db.display()));
    }
    let files = jsonl_files(corpus)?;
    if files.is_empty() {
        return Err(format!("no .jsonl files under {}", corpus.display()));
    }
    let mut conn = Connection::open(db).map_err(|error| format!("{}: {error}", db.display()))?;
    // A bulk load into a new file: no journal, no fsync, a large page cache.
    conn.execute_batch(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;
         PRAGMA temp_store = MEMORY;",
    )
    .map_err(sql)?;
    conn.execute_batch(SCHEMA).map_err(sql)?;

    let started = Instant::now();
    let mut loader = Loader::default();
    for file in &files {
        loader.load_file(&mut conn, file)?;
    }
    conn.execute_batch(INDEXES).map_err(sql)?;
    let seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    conn.execute("INSERT INTO fts(fts) VALUES('optimize')", [])
        .map_err(sql)?;
    let optimize_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    conn.execute_batch("ANALYZE").map_err(sql)?;
    let analyze_seconds = started.elapsed().as_secs_f64();

    let pragma = |name: &str| -> Result<u64, String> {
        conn.query_row(&format!("PRAGMA {name}"), [], |row| row.get::<_, i64>(0))
            .map(|value| value as u64)
            .map_err(sql)
    };
    let index_bytes = (pragma("page_count")? - pragma("freelist_count")?) * pragma("page_size")?;
    let file_bytes = std::fs::metadata(db).map(|m| m.len()).unwrap_or(0);
    let stats = IndexStats {
        docs: loader.docs,
        seconds,
        optimize_seconds,
        analyze_seconds,
        docs_per_s: loader.docs as f64 / seconds,
        mb_per_s: loader.input_bytes as f64 / 1e6 / seconds,
        input_bytes: loader.input_bytes,
        index_bytes,
        file_bytes,
        bad_dates: loader.bad_dates,
    };
    let json = serde_json::to_string(&stats).map_err(|error| error.to_string())?;
    conn.execute(
        "INSERT INTO bench_meta(key, value) VALUES ('indexing', ?1)",
        [json],
    )
    .map_err(sql)?;
    Ok(stats)
}

/// The indexing figures stored by [`build`].
pub fn stored_stats(conn: &Connection) -> Result<IndexStats, String> {
    let json: String = conn
        .query_row(
            "SELECT value FROM bench_meta WHERE key = 'indexing'",
            [],
            |row| row.get(0),
        )
        .map_err(|error| format!("the database has no indexing figures ({error}): rebuild it"))?;
    serde_json::from_str(&json).map_err(|error| error.to_string())
}

#[derive(Default)]
struct Loader {
    docs: u64,
    input_bytes: u64,
    bad_dates: u64,
    in_batch: usize,
}

impl Loader {
    fn load_file(&mut self, conn: &mut Connection, file: &Path) -> Result<(), String> {
        let name = file.display();
        let reader = BufReader::with_capacity(
            1 << 20,
            std::fs::File::open(file).map_err(|error| format!("{name}: {error}"))?,
        );
        let mut tx = conn.transaction().map_err(sql)?;
        for (number, line) in reader.lines().enumerate() {
            let line = line.map_err(|error| format!("{name}: {error}"))?;
            self.input_bytes += line.len() as u64 + 1;
            if line.trim().is_empty() {
                continue;
            }
            let document: Document = serde_json::from_str(&line)
                .map_err(|error| format!("{name}:{}: {error}", number + 1))?;
            self.insert(&tx, &document).map_err(sql)?;
            self.in_batch += 1;
            if self.in_batch == BATCH {
                tx.commit().map_err(sql)?;
                tx = conn.transaction().map_err(sql)?;
                self.in_batch = 0;
            }
        }
        tx.commit().map_err(sql)
    }

    fn insert(&mut self, conn: &Connection, document: &Document) -> rusqlite::Result<()> {
        self.docs += 1;
        let rowid = self.docs as i64;
        let dates = document.date.as_deref().and_then(|date| {
            let range = day_range(date);
            if range.is_none() && !date.trim().is_empty() {
                self.bad_dates += 1;
            }
            range
        });
        conn.prepare_cached(
            "INSERT INTO docs(rowid, id, date_start, date_end) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            rowid,
            document.id,
            dates.map(|d| d.0),
            dates.map(|d| d.1)
        ])?;
        conn.prepare_cached("INSERT INTO fts(rowid, title, body) VALUES (?1, ?2, ?3)")?
            .execute(params![rowid, document.title, document.body])?;
        let mut facet =
            conn.prepare_cached("INSERT INTO doc_facet(doc, grp, value) VALUES (?1, ?2, ?3)")?;
        for (group, value) in document.facets() {
            facet.execute(params![rowid, group, value])?;
        }
        Ok(())
    }
}

pub fn sql(error: rusqlite::Error) -> String {
    format!("sqlite: {error}")
}
