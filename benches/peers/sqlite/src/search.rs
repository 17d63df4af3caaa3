//! A request as SQL statements, and running them: the page of hits, the exact total, the
//! disjunctive facet counts, the date histogram and the snippets.
//!
//! Every part is its own statement over the same match set (FTS5 MATCH, facet filters as
//! `rowid IN (SELECT doc FROM doc_facet …)`, the date overlap on `docs`), as someone scripting
//! SQLite would write it. Statements are compiled once per class and reused
//! (`prepare_cached`); a search binds the same values again and reads every row.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params_from_iter};

use crate::fts_query::to_fts5;
use crate::request::{Histogram, Request, Sort};

/// Title matches weigh twice body matches, as in Concord.
const RANK: &str = "bm25(fts, 2.0, 1.0)";
const SNIPPET: &str = "snippet(fts, 1, '<mark>', '</mark>', '…', 24)";

/// One SQL statement and its bound values.
#[derive(Debug)]
pub struct Statement {
    pub sql: String,
    pub params: Vec<Value>,
}

/// A request compiled to SQL.
#[derive(Debug)]
pub struct Compiled {
    /// The FTS5 MATCH expression, `None` for an empty query.
    pub fts_query: Option<String>,
    pub top: Statement,
    pub count: Statement,
    /// One statement per pass: the groups without a filter together, then each filtered
    /// group over the match set without its own filter.
    pub facets: Vec<Statement>,
    pub histogram: Option<Statement>,
    /// Snippet of one hit; bound with the hit's rowid after `params`.
    pub snippet: Option<Statement>,
}

/// What a search returns, read out in full.
#[derive(Debug, Default)]
pub struct Outcome {
    pub ids: Vec<String>,
    pub total: i64,
    /// `(group, value, count)`.
    pub facets: Vec<(i64, String, i64)>,
    /// `(yyyy or yyyymm, count)`.
    pub histogram: Vec<(i64, i64)>,
    pub snippets: Vec<String>,
}

/// The documents a request matches, as the FROM and WHERE of a query.
///
/// With query text, FTS5 drives: `fts CROSS JOIN docs` keeps the join order, and the facet
/// filters are written `+fts.rowid IN (…)` so that SQLite does not hand them to FTS5 as rowid
/// lookups (one MATCH per filtered document, which took 0.3–1.5 s on UNGDC instead of
/// 15 ms). Without text, SQLite's planner chooses between the date and facet indexes.
struct MatchSet {
    text: bool,
    /// Whether `docs d` is joined to `fts`.
    docs: bool,
    conditions: Vec<String>,
    params: Vec<Value>,
}

impl MatchSet {
    /// `fts_query` matched, dated within the request's range, with every facet filter but
    /// `except`'s. `with_docs` joins `docs` (for dates, sorting by date).
    fn new(
        request: &Request,
        fts_query: Option<&str>,
        except: Option<usize>,
        with_docs: bool,
    ) -> Self {
        let dated = request.from.is_some() || request.to.is_some();
        let mut set = MatchSet {
            text: fts_query.is_some(),
            docs: fts_query.is_some() && (with_docs || dated),
            conditions: Vec::new(),
            params: Vec::new(),
        };
        if let Some(expression) = fts_query {
            set.conditions.push("fts MATCH ?".to_string());
            set.params.push(Value::Text(expression.to_string()));
        }
        if let Some(from) = request.from {
            set.conditions.push("d.date_end >= ?".to_string());
            set.params.push(Value::Integer(from));
        }
        if let Some(to) = request.to {
            set.conditions.push("d.date_start <= ?".to_string());
            set.params.push(Value::Integer(to));
        }
        let rowid = if set.text { "+fts.rowid" } else { "d.rowid" };
        for (group, values) in &request.filters {
            if Some(*group) == except {
                continue;
            }
            let marks = vec!["?"; values.len()].join(", ");
            set.conditions.push(format!(
                "{rowid} IN (SELECT doc FROM doc_facet WHERE grp = {group} AND value IN ({marks}))"
            ));
            set.params
                .extend(values.iter().map(|value| Value::Text(value.clone())));
        }
        set
    }

    fn rowid(&self) -> &'static str {
        if self.text { "fts.rowid" } else { "d.rowid" }
    }

    fn is_everything(&self) -> bool {
        self.conditions.is_empty()
    }

    /// `FROM … [WHERE …]`, with `join` (a table and its ON) after the match set's tables and
    /// `extra` conditions added.
    fn clause(&self, join: Option<&str>, extra: &[&str]) -> String {
        let mut from = if self.text { "fts" } else { "docs d" }.to_string();
        if self.docs {
            from.push_str(" CROSS JOIN docs d ON d.rowid = fts.rowid");
        }
        if let Some(join) = join {
            from.push_str(if self.text { " CROSS JOIN " } else { " JOIN " });
            from.push_str(join);
        }
        let conditions: Vec<&str> = self
            .conditions
            .iter()
            .map(String::as_str)
            .chain(extra.iter().copied())
            .collect();
        if conditions.is_empty() {
            format!("FROM {from}")
        } else {
            format!("FROM {from} WHERE {}", conditions.join(" AND "))
        }
    }
}

impl Compiled {
    pub fn new(request: &Request) -> Result<Self, String> {
        let fts_query = to_fts5(&request.q)?;
        let text = fts_query.as_deref();

        // The page is chosen in a subquery and only its rows are joined to `docs` for their
        // ids: joining every match before sorting took 110 ms instead of 75 for `peace`.
        let by_date = request.sort != Sort::Relevance;
        let set = MatchSet::new(request, text, None, by_date);
        let (key, direction) = match (request.sort, text) {
            (Sort::Relevance, Some(_)) => (RANK, "ASC"),
            (Sort::Relevance, None) => ("d.rowid", "ASC"),
            (Sort::DateDescending, _) => ("d.date_start", "DESC NULLS LAST"),
            (Sort::DateAscending, _) => ("d.date_start", "ASC NULLS LAST"),
        };
        let mut params = set.params.clone();
        params.push(Value::Integer(request.limit.into()));
        params.push(Value::Integer(request.offset.into()));
        let top = Statement {
            sql: format!(
                "SELECT d.id, d.rowid FROM (SELECT {} AS hit, {key} AS key {} \
                 ORDER BY key {direction} LIMIT ? OFFSET ?) AS page \
                 CROSS JOIN docs d ON d.rowid = page.hit ORDER BY page.key {direction}",
                set.rowid(),
                set.clause(None, &[])
            ),
            params,
        };

        let set = MatchSet::new(request, text, None, false);
        let count = Statement {
            sql: format!("SELECT count(*) {}", set.clause(None, &[])),
            params: set.params.clone(),
        };

        let filtered: Vec<usize> = request.filters.iter().map(|(group, _)| *group).collect();
        let (own_pass, main_pass): (Vec<usize>, Vec<usize>) = request
            .facets
            .iter()
            .partition(|group| filtered.contains(group));
        let mut facets = Vec::new();
        if !main_pass.is_empty() {
            facets.push(facet_counts(&set, &main_pass));
        }
        for group in own_pass {
            let others = MatchSet::new(request, text, Some(group), false);
            facets.push(facet_counts(&others, &[group]));
        }

        let histogram = request.histogram.map(|interval| {
            let divisor = match interval {
                Histogram::Year => 10_000,
                Histogram::Month => 100,
            };
            let set = MatchSet::new(request, text, None, true);
            Statement {
                sql: format!(
                    "SELECT d.date_start / {divisor} AS bucket, count(*) {} GROUP BY bucket",
                    set.clause(None, &["d.date_start IS NOT NULL"])
                ),
                params: set.params,
            }
        });

        let snippet = (request.highlight && request.limit > 0).then(|| match text {
            Some(expression) => Statement {
                sql: format!("SELECT {SNIPPET} FROM fts WHERE fts MATCH ? AND rowid = ?"),
                params: vec![Value::Text(expression.to_string())],
            },
            // No words to highlight: the start of the body.
            None => Statement {
                sql: "SELECT substr(body, 1, 200) FROM fts WHERE rowid = ?".to_string(),
                params: Vec::new(),
            },
        });

        Ok(Compiled {
            fts_query,
            top,
            count,
            facets,
            histogram,
            snippet,
        })
    }

    /// Every statement, for `explain`.
    pub fn statements(&self) -> Vec<&Statement> {
        let mut all = vec![&self.top, &self.count];
        all.extend(&self.facets);
        all.extend(&self.histogram);
        all.extend(&self.snippet);
        all
    }

    /// Runs the search and reads every row.
    pub fn run(&self, conn: &Connection) -> rusqlite::Result<Outcome> {
        let mut outcome = Outcome::default();
        let mut rowids: Vec<i64> = Vec::new();
        let mut top = conn.prepare_cached(&self.top.sql)?;
        let mut rows = top.query(params_from_iter(&self.top.params))?;
        while let Some(row) = rows.next()? {
            outcome.ids.push(row.get(0)?);
            rowids.push(row.get(1)?);
        }
        outcome.total = conn
            .prepare_cached(&self.count.sql)?
            .query_row(params_from_iter(&self.count.params), |row| row.get(0))?;
        for pass in &self.facets {
            let mut statement = conn.prepare_cached(&pass.sql)?;
            let mut rows = statement.query(params_from_iter(&pass.params))?;
            while let Some(row) = rows.next()? {
                outcome.facets.push((row.get(0)?, row.get(1)?, row.get(2)?));
            }
        }
        if let Some(histogram) = &self.histogram {
            let mut statement = conn.prepare_cached(&histogram.sql)?;
            let mut rows = statement.query(params_from_iter(&histogram.params))?;
            while let Some(row) = rows.next()? {
                outcome.histogram.push((row.get(0)?, row.get(1)?));
            }
        }
        if let Some(snippet) = &self.snippet {
            let mut statement = conn.prepare_cached(&snippet.sql)?;
            for rowid in rowids {
                let params = snippet
                    .params
                    .iter()
                    .cloned()
                    .chain([Value::Integer(rowid)]);
                let text: Option<Option<String>> = statement
                    .query_row(params_from_iter(params), |row| row.get(0))
                    .optional()?;
                outcome.snippets.push(text.flatten().unwrap_or_default());
            }
        }
        Ok(outcome)
    }
}

/// Counts per value of `groups` over `set`. Over every document the index on
/// `(grp, value, doc)` answers alone.
fn facet_counts(set: &MatchSet, groups: &[usize]) -> Statement {
    let groups = groups
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let sql = if set.is_everything() {
        format!(
            "SELECT grp, value, count(*) FROM doc_facet WHERE grp IN ({groups}) \
             GROUP BY grp, value"
        )
    } else {
        let join = format!("doc_facet f ON f.doc = {}", set.rowid());
        let only = format!("f.grp IN ({groups})");
        format!(
            "SELECT f.grp, f.value, count(*) {} GROUP BY f.grp, f.value",
            set.clause(Some(&join), &[&only])
        )
    };
    Statement {
        sql,
        params: set.params.clone(),
    }
}
