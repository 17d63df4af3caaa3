//! `concord eval`: ranking quality on a relevance test collection. The collection is indexed
//! into a temporary index with Concord's own analyzers and schema (the language of each
//! document detected as for any raw file), every judged query runs through the search the
//! server runs (title and body, `match=any` by default), and the rankings are scored with
//! trec_eval's definitions (`concord-eval`).

use std::io::IsTerminal;
use std::time::Instant;

use anyhow::Context;
use concord_corpus::{Document, Taxonomy, detect::detect_language};
use concord_eval::{Collection, QueryScores, score_query};
use concord_index::{Bm25, Dictionaries, Match, SearchIndex, SearchRequest, build_index};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::cli::EvalArgs;

/// Hits kept per query in the JSON output, for error analysis.
const SHOWN_HITS: usize = 10;

#[derive(Serialize)]
struct Report {
    collection: String,
    layout: String,
    documents: usize,
    queries: usize,
    k: usize,
    hits: usize,
    #[serde(rename = "match")]
    matching: String,
    /// `tantivy` (its scorer, k1 1.2, b 0.75) or `k1=…, b=…` (Concord's).
    bm25: String,
    ndcg: f64,
    recall_100: f64,
    map: f64,
    mrr_10: f64,
    index_seconds: f64,
    search_seconds: f64,
    per_query: Vec<QueryReport>,
}

#[derive(Serialize)]
struct QueryReport {
    id: String,
    text: String,
    #[serde(flatten)]
    scores: QueryScores,
    /// The first hits' ids, best first.
    hits: Vec<String>,
    /// The judged relevant documents' ids.
    relevant: Vec<String>,
    /// Why the query found nothing, when the search refused it.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

pub fn run(args: &EvalArgs) -> anyhow::Result<()> {
    if !args.collection.exists() {
        eprintln!(
            "concord eval: skipped: no collection at {} (the relevance collections are in \
             ../shared/evals where present; see README.md)",
            args.collection.display()
        );
        return Ok(());
    }
    let matching = match args.matching.as_str() {
        "any" => Match::Any,
        "all" => Match::All,
        other => anyhow::bail!("--match must be any or all, not {other:?}"),
    };
    let bm25 = (args.k1.is_some() || args.b.is_some()).then(|| Bm25 {
        k1: args.k1.unwrap_or(Bm25::default().k1),
        b: args.b.unwrap_or(Bm25::default().b),
    });
    let mut collection = Collection::load(&args.collection)?;
    if let Some(limit) = args.queries {
        collection.queries.truncate(limit);
    }
    let dictionaries = Dictionaries::load(&args.dicts.dir());
    let started = Instant::now();
    let dir = std::env::temp_dir().join(format!(
        "concord-eval-{}-{}",
        collection.name,
        std::process::id()
    ));
    let _cleanup = RemoveOnDrop(dir.clone());
    let documents = documents(&collection);
    build_index(&documents, &Taxonomy::default(), 0, &dir, &dictionaries)
        .with_context(|| format!("cannot index {}", args.collection.display()))?;
    let index = SearchIndex::open(&dir, &dictionaries)?;
    let index_seconds = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let bar = progress(collection.queries.len() as u64);
    let mut per_query = Vec::with_capacity(collection.queries.len());
    for query in &collection.queries {
        let request = SearchRequest {
            q: query.text.trim().to_string(),
            limit: args.hits,
            histogram: None,
            facets: Vec::new(),
            highlight: false,
            matching,
            bm25,
            typos: !args.no_typos,
            entities: !args.no_entities,
            ..SearchRequest::default()
        };
        let (ranking, error) = match index.search(&request) {
            Ok(response) => (
                response
                    .hits
                    .into_iter()
                    .map(|hit| hit.meta.id)
                    .collect::<Vec<String>>(),
                None,
            ),
            Err(error) => (Vec::new(), Some(error.to_string())),
        };
        let judged = &collection.qrels[&query.id];
        let mut relevant: Vec<String> = judged
            .iter()
            .filter(|(_, grade)| **grade > 0)
            .map(|(id, _)| id.clone())
            .collect();
        relevant.sort();
        per_query.push(QueryReport {
            id: query.id.clone(),
            text: query.text.clone(),
            scores: score_query(&ranking, judged, args.k),
            hits: ranking.into_iter().take(SHOWN_HITS).collect(),
            relevant,
            error,
        });
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mean = |measure: fn(&QueryScores) -> f64| {
        per_query
            .iter()
            .map(|query| measure(&query.scores))
            .sum::<f64>()
            / per_query.len().max(1) as f64
    };
    let report = Report {
        collection: collection.name.clone(),
        layout: format!("{:?}", collection.layout).to_lowercase(),
        documents: collection.docs.len(),
        queries: per_query.len(),
        k: args.k,
        hits: args.hits,
        matching: args.matching.clone(),
        bm25: bm25.map_or_else(
            || "tantivy".to_string(),
            |Bm25 { k1, b }| format!("k1={k1}, b={b}"),
        ),
        ndcg: mean(|scores| scores.ndcg),
        recall_100: mean(|scores| scores.recall_100),
        map: mean(|scores| scores.average_precision),
        mrr_10: mean(|scores| scores.reciprocal_rank_10),
        index_seconds,
        search_seconds: started.elapsed().as_secs_f64(),
        per_query,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_summary(&report);
    }
    Ok(())
}

/// The collection's documents as Concord documents: title and body, the language detected.
fn documents(collection: &Collection) -> Vec<Document> {
    collection
        .docs
        .iter()
        .map(|doc| Document {
            id: doc.id.clone(),
            title: doc.title.clone(),
            body: doc.text.clone(),
            date: None,
            parties: Vec::new(),
            venues: Vec::new(),
            topics: Vec::new(),
            processes: Vec::new(),
            lang: detect_language(&format!("{} {}", doc.title, doc.text)),
            doc_type: None,
            source: None,
            path: format!("{}/{}", collection.name, doc.id),
            provenance: Default::default(),
            extracted: Vec::new(),
        })
        .collect()
}

fn progress(queries: u64) -> Option<ProgressBar> {
    std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(queries);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} searching [{bar:40}] {pos}/{len} queries, ETA {eta}",
            )
            .expect("the progress template is valid")
            .progress_chars("=> "),
        );
        bar
    })
}

fn print_summary(report: &Report) {
    let refused = report
        .per_query
        .iter()
        .filter(|query| query.error.is_some())
        .count();
    println!(
        "{} ({}): {} documents, {} judged queries, match={}, bm25 {}; indexed in {:.1} s, searched in {:.1} s",
        report.collection,
        report.layout,
        report.documents,
        report.queries,
        report.matching,
        report.bm25,
        report.index_seconds,
        report.search_seconds
    );
    println!("measure       value");
    println!("nDCG@{:<8} {:.4}", report.k, report.ndcg);
    println!("Recall@100    {:.4}", report.recall_100);
    println!("MAP           {:.4}", report.map);
    println!("MRR@10        {:.4}", report.mrr_10);
    if refused > 0 {
        println!(
            "({refused} queries were refused by the search and count as finding nothing; --json shows why)"
        );
    }
}

/// Removes the temporary index when the command ends, whatever happens.
struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
