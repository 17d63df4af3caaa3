//! SQLite FTS5 as a benchmark peer of Concord: indexes a Concord corpus and runs a Concord
//! query mix against it, single thread, in process. See README.md.
//!
//! ```text
//! concord-peer-sqlite index CORPUS_DIR DB
//! concord-peer-sqlite bench DB QUERIES_YAML OUT_JSON NAME
//! concord-peer-sqlite explain DB QUERIES_YAML
//! ```

mod bench;
mod corpus;
mod fts_query;
mod index;
mod request;
mod search;

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::index::sql;
use crate::request::{Request, read_queries};
use crate::search::Compiled;

const USAGE: &str = "usage:
  concord-peer-sqlite index CORPUS_DIR DB
  concord-peer-sqlite bench DB QUERIES_YAML OUT_JSON NAME
  concord-peer-sqlite explain DB QUERIES_YAML";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["index", corpus, db] => index(Path::new(corpus), Path::new(db)),
        ["bench", db, queries, out, name] => {
            bench(Path::new(db), Path::new(queries), Path::new(out), name)
        }
        ["explain", db, queries] => explain(Path::new(db), Path::new(queries)),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn index(corpus: &Path, db: &Path) -> Result<(), String> {
    let stats = index::build(corpus, db)?;
    eprintln!(
        "indexed {} documents in {:.1} s ({:.0} docs/s, {:.1} MB/s), optimize {:.1} s, {:.0} MB",
        stats.docs,
        stats.seconds,
        stats.docs_per_s,
        stats.mb_per_s,
        stats.optimize_seconds,
        stats.index_bytes as f64 / 1e6
    );
    Ok(())
}

/// Opens the database read-only, with the memory map and page cache a careful user would set.
fn open(db: &Path) -> Result<Connection, String> {
    if !db.is_file() {
        return Err(format!("no database at {}", db.display()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(db, flags)
        .map_err(|error| format!("{}: {error}", db.display()))?;
    conn.execute_batch("PRAGMA mmap_size = 8589934592; PRAGMA cache_size = -262144;")
        .map_err(sql)?;
    conn.set_prepared_statement_cache_capacity(256);
    Ok(conn)
}

fn bench(db: &Path, queries: &Path, out: &Path, name: &str) -> Result<(), String> {
    let mix = read_queries(queries)?;
    let conn = open(db)?;
    let indexing = index::stored_stats(&conn)?;
    let classes = bench::run(
        &conn,
        &mix,
        env_ms("CONCORD_BENCH_WARMUP_MS", 300),
        env_ms("CONCORD_BENCH_MEASURE_MS", 2000),
    )?;
    let report = bench::Report {
        engine: format!("sqlite-fts5-{}", rusqlite::version()),
        corpus: name.to_string(),
        docs: indexing.docs,
        query_mix_version: mix.version,
        warmup_ms: env_ms("CONCORD_BENCH_WARMUP_MS", 300).as_millis() as u64,
        measure_ms: env_ms("CONCORD_BENCH_MEASURE_MS", 2000).as_millis() as u64,
        indexing,
        classes,
    };
    let json = serde_json::to_string_pretty(&report).map_err(|error| error.to_string())?;
    std::fs::write(out, json + "\n")
        .map_err(|error| format!("cannot write {}: {error}", out.display()))?;
    print!("{}", bench::markdown(&report));
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// Prints each class's statements and SQLite's query plan for them.
fn explain(db: &Path, queries: &Path) -> Result<(), String> {
    let mix = read_queries(queries)?;
    let conn = open(db)?;
    for query in &mix.queries {
        println!("## {}", query.class);
        let plan = Request::try_from(&query.params).and_then(|request| Compiled::new(&request));
        let plan = match plan {
            Ok(plan) => plan,
            Err(error) => {
                println!("cannot run: {error}\n");
                continue;
            }
        };
        for statement in plan.statements() {
            println!("{}\n  params: {:?}", statement.sql, statement.params);
            let mut explain = conn
                .prepare(&format!("EXPLAIN QUERY PLAN {}", statement.sql))
                .map_err(sql)?;
            let mut params = statement.params.clone();
            // The snippet statement takes the hit's rowid last.
            while params.len() < explain.parameter_count() {
                params.push(rusqlite::types::Value::Integer(1));
            }
            let mut rows = explain
                .query(rusqlite::params_from_iter(params))
                .map_err(sql)?;
            while let Some(row) = rows.next().map_err(sql)? {
                let detail: String = row.get(3).map_err(sql)?;
                println!("    {detail}");
            }
        }
        println!();
    }
    Ok(())
}

fn env_ms(name: &str, default: u64) -> Duration {
    Duration::from_millis(
        std::env::var(name)
            .ok()
            .and_then(|value| value.parse().ok())
            .unwrap_or(default),
    )
}
