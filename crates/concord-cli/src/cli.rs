//! The command line: flags as clap parses them.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "concord",
    version,
    about = "Full-text search for conflict documents: peace talks, treaties, communiqués"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bring the index up to date with a corpus folder: only new, changed and deleted files
    /// once an index exists (--full rebuilds everything); published atomically when complete.
    Index(IndexArgs),
    /// Show what the index holds: documents, segments, size, facet counts, last build.
    Stats(StatsArgs),
    /// Serve the search API over HTTP, building the index first if it is missing.
    Serve(ServeArgs),
    /// Search the index from the terminal.
    Search(SearchArgs),
    /// Fetch, convert and compile the Japanese, Korean and Chinese dictionaries (cached).
    SetupDicts(SetupDictsArgs),
    /// Validate a corpus and its taxonomy without writing anything; exits 1 on errors.
    Check(CheckArgs),
    /// Show what Concord extracts from raw files (title, dates, parties, venues, topics,
    /// provenance) and why.
    Extract(ExtractArgs),
    /// Measure extraction against the hand-coded labels of the corpus's raw documents.
    EvalExtract(EvalExtractArgs),
    /// Measure ranking on a relevance test collection (BEIR, Cranfield or TREC layout):
    /// nDCG@k, Recall@100, MAP and MRR@10 through Concord's own analyzers and search.
    Eval(EvalArgs),
    /// Write a deterministic corpus of any size, drawn from a real one, for benchmarks.
    GenCorpus(GenCorpusArgs),
    /// Turn an outside collection into a corpus folder (the UN General Debate Corpus).
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct GenCorpusArgs {
    /// Number of documents.
    #[arg(long)]
    pub docs: u64,
    /// Seed: the same seed and source give the same documents on every machine.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Corpus whose vocabulary, lengths, languages, facet frequencies and taxonomy are drawn.
    #[arg(long, default_value = "corpus")]
    pub from: PathBuf,
    /// Folder to write: `gen/part-NNNNN.jsonl` and a copy of the taxonomy.
    #[arg(long)]
    pub out: PathBuf,
    /// Documents per JSON-lines file (fewer when they would pass 15 MiB: `concord index` skips
    /// files over 20 MiB).
    #[arg(long, default_value_t = 10_000)]
    pub per_file: u64,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ImportSource {
    /// UN General Debate Corpus: JSON lines (optionally gzipped) with id, country_name,
    /// session, year, speaker, text.
    Ungdc,
    /// livedoor news corpus (Japanese): a .tar.gz of one text file an article (URL, date,
    /// title, body).
    Livedoor,
    /// PRC government work reports and CPC congress reports (Chinese): a .tar.gz of JSON lines
    /// with title, url, content, year.
    ZhReports,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Split {
    /// One document per speech.
    Speeches,
    /// One document per paragraph.
    Paragraphs,
    /// One document per one or two sentences.
    Sentences,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What the file is.
    #[arg(value_enum)]
    pub source: ImportSource,
    /// The file to import (`.gz` is decompressed).
    pub file: PathBuf,
    /// Corpus folder to write: `<source>/part-NNNNN.jsonl` and `taxonomy.yaml`.
    #[arg(long)]
    pub out: PathBuf,
    /// How to cut speeches into documents (ungdc only).
    #[arg(long, value_enum, default_value = "paragraphs")]
    pub split: Split,
    /// Corpus whose taxonomy maps country names to parties (countries it lacks are added).
    #[arg(long, default_value = "corpus")]
    pub taxonomy_from: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Raw files: .txt (or any text) and .html.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Corpus folder whose taxonomy.yaml names the parties, venues, topics and processes.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Print JSON (every mention with its offsets, every date candidate) instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Folder of the collection: BEIR (corpus.jsonl, queries.jsonl, qrels/test.tsv),
    /// Cranfield (cran.all.1400, cran.qry, cranqrel) or TREC (corpus/*.trec, a topics file,
    /// qrels). A folder that does not exist is skipped with a message.
    #[arg(long)]
    pub collection: PathBuf,
    /// Cut-off of nDCG.
    #[arg(long, default_value_t = 10)]
    pub k: usize,
    /// Hits retrieved per query (MAP is over these).
    #[arg(long, default_value_t = 1000)]
    pub hits: usize,
    /// Only the first N judged queries (a quick check).
    #[arg(long)]
    pub queries: Option<usize>,
    /// How query words combine, as the API's `match`: `any` (each word optional, ranked by
    /// BM25: how these collections are run) or `all`.
    #[arg(long = "match", default_value = "any")]
    pub matching: String,
    /// BM25 k1 through Concord's own scorer (default: tantivy's scorer, k1 1.2); with
    /// `match=any` only.
    #[arg(long)]
    pub k1: Option<f32>,
    /// BM25 b through Concord's own scorer (default: tantivy's scorer, b 0.75).
    #[arg(long)]
    pub b: Option<f32>,
    /// Query words as typed only (the API's `typos=false`), to measure what typos change.
    #[arg(long)]
    pub no_typos: bool,
    /// No taxonomy names in queries (the API's `entities=false`).
    #[arg(long)]
    pub no_entities: bool,
    /// Print the measures and every query's scores and first hits as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub dicts: DictsLocation,
}

#[derive(Debug, Args)]
pub struct EvalExtractArgs {
    /// Corpus folder holding the labelled raw documents.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Hand-coded labels (YAML list of path, lang, date, parties, venues, topics, processes).
    #[arg(long, default_value = "tests/labels/raw-documents.yaml")]
    pub labels: PathBuf,
    /// Folder of the held-out raw pages (written and labelled without reading the rules, for
    /// measuring how the rules carry over), with the taxonomy to resolve them against.
    #[arg(long, default_value = "tests/held-out/pages")]
    pub held_out: PathBuf,
    /// Labels of the held-out pages; when the file is missing only the tuning set is measured.
    #[arg(long, default_value = "tests/labels/held-out.yaml")]
    pub held_out_labels: PathBuf,
    /// Print the measures and every document's details as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also list each document's misses and spurious values.
    #[arg(long, short)]
    pub verbose: bool,
    /// Exit 1 when a measure is below its target.
    #[arg(long)]
    pub fail_below_target: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Folder of documents and its taxonomy.yaml.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Print the report as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DictsLocation {
    /// Folder of the compiled lindera dictionaries [default: $CONCORD_DICTS, else
    /// ~/.cache/concord/dicts-lindera-6.2.0].
    #[arg(long)]
    pub dicts: Option<PathBuf>,
}

impl DictsLocation {
    pub fn dir(&self) -> PathBuf {
        self.dicts
            .clone()
            .unwrap_or_else(concord_dicts::default_dir)
    }
}

/// Where the dictionaries are, and whether to build missing ones first.
#[derive(Debug, Args)]
pub struct DictsSetup {
    #[command(flatten)]
    pub location: DictsLocation,
    /// Do not fetch and build missing dictionaries (Japanese, Korean and Chinese then fall
    /// back to character bigrams).
    #[arg(long)]
    pub no_dict_setup: bool,
}

#[derive(Debug, Args)]
pub struct SetupDictsArgs {
    #[command(flatten)]
    pub dicts: DictsLocation,
    /// Rebuild dictionaries that are already there.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct Locations {
    /// Folder of documents (Markdown with front matter, raw .txt and .html, .jsonl) and its taxonomy.yaml.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Folder of the built index.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub locations: Locations,
    #[command(flatten)]
    pub dicts: DictsSetup,
    /// Rebuild from every file, even when an incremental update would do.
    #[arg(long)]
    pub full: bool,
    /// Only say what would change (added, updated, deleted files); write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Then merge the index into one segment: searches get faster (10-50 % on a million
    /// passages), the build slower. On an up-to-date index, only merges.
    #[arg(long)]
    pub merge: bool,
    /// Print the summary as JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Folder of the built index.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    #[command(flatten)]
    pub dicts: DictsLocation,
    /// Print the statistics as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also read every segment file and check it against its checksum; exit 1 naming the
    /// damaged files (then rebuild with `concord index --full`).
    #[arg(long)]
    pub verify: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub locations: Locations,
    #[command(flatten)]
    pub dicts: DictsSetup,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:7700")]
    pub addr: SocketAddr,
    /// Token that admin endpoints (POST /api/admin/reload) require as
    /// `Authorization: Bearer <token>`; without one they are disabled.
    #[arg(long, env = "CONCORD_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// Searches run at once (more wait their turn); default: the number of CPU cores.
    /// Searches are CPU-bound: more threads than cores only add memory and tail latency.
    #[arg(long, env = "CONCORD_SEARCH_THREADS", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub search_threads: Option<u16>,
    /// Let pages from this origin call the API from a browser (CORS), e.g.
    /// https://notebook.example.org; repeatable or comma-separated; `*` for any origin.
    /// Default: none (same-origin only).
    #[arg(
        long = "cors-origin",
        env = "CONCORD_CORS_ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,
    /// Key that every data endpoint (/api/..., /metrics) then requires as
    /// `Authorization: Bearer <key>`; the page, /healthz and /api/openapi.json stay open.
    /// Set one whenever the server listens beyond loopback.
    #[arg(long, env = "CONCORD_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Bounds on requests; a request past one gets a 4xx (or 503) JSON error naming it.
#[derive(Debug, Args)]
#[command(next_help_heading = "Limits")]
pub struct LimitArgs {
    /// Longest query text, in bytes.
    #[arg(long, env = "CONCORD_MAX_QUERY_BYTES", default_value_t = concord_index::read::request::limits::MAX_QUERY_BYTES)]
    pub max_query_bytes: usize,
    /// Most terms in a query (words; two characters of Chinese, Japanese or Korean).
    #[arg(long, env = "CONCORD_MAX_QUERY_TERMS", default_value_t = concord_index::read::request::limits::MAX_QUERY_TERMS)]
    pub max_query_terms: usize,
    /// Most filter values in one search, over all facet groups.
    #[arg(long, env = "CONCORD_MAX_FILTER_VALUES", default_value_t = concord_index::read::request::limits::MAX_FILTER_VALUES)]
    pub max_filter_values: usize,
    /// Largest page size (`limit`).
    #[arg(long, env = "CONCORD_MAX_LIMIT", default_value_t = concord_index::read::request::MAX_LIMIT)]
    pub max_limit: usize,
    /// Deepest page start (`offset`); past it, /api/export returns every hit.
    #[arg(long, env = "CONCORD_MAX_OFFSET", default_value_t = concord_index::read::request::MAX_OFFSET)]
    pub max_offset: usize,
    /// Largest request body (a JSON search), in bytes.
    #[arg(long, env = "CONCORD_MAX_BODY_BYTES", default_value_t = concord_server::MAX_BODY_BYTES)]
    pub max_body_bytes: usize,
    /// Seconds a request may take before it is answered 408.
    #[arg(long, env = "CONCORD_REQUEST_TIMEOUT", default_value_t = concord_server::REQUEST_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    pub request_timeout: u64,
    /// Requests that may wait for a search thread; past that, 503 with Retry-After.
    #[arg(long, env = "CONCORD_MAX_QUEUED_SEARCHES", default_value_t = concord_server::admission::MAX_QUEUED)]
    pub max_queued_searches: usize,
}

impl LimitArgs {
    pub fn search_limits(&self) -> concord_index::Limits {
        concord_index::Limits {
            max_query_bytes: self.max_query_bytes,
            max_query_terms: self.max_query_terms,
            max_filter_values: self.max_filter_values,
            max_limit: self.max_limit,
            max_offset: self.max_offset,
        }
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words (all must match), "phrases", OR, -exclusion, title:word. Empty lists all.
    #[arg(default_value = "", allow_hyphen_values = true)]
    pub query: String,
    /// Folder of the built index.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    #[command(flatten)]
    pub dicts: DictsLocation,
    /// Only documents with this party (repeat for any of several).
    #[arg(long)]
    pub party: Vec<String>,
    /// Only documents with this venue (repeat for any of several).
    #[arg(long)]
    pub venue: Vec<String>,
    /// Only documents with this topic (repeat for any of several).
    #[arg(long)]
    pub topic: Vec<String>,
    /// Only documents of this peace process, e.g. istanbul-2022 (repeat for any of several).
    #[arg(long)]
    pub process: Vec<String>,
    /// Only documents in this language, e.g. en, ru (repeat for any of several).
    #[arg(long)]
    pub lang: Vec<String>,
    /// Only documents of this type, e.g. agreement, news (repeat for any of several).
    #[arg(long)]
    pub doc_type: Vec<String>,
    /// Earliest date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<String>,
    /// Latest date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    pub to: Option<String>,
    /// Order: relevance, date (oldest first) or -date (newest first).
    #[arg(long, default_value = "relevance", allow_hyphen_values = true)]
    pub sort: String,
    /// Number of hits to show (0 to 100).
    #[arg(long, default_value_t = 10)]
    pub limit: i64,
    /// Number of hits to skip, for paging.
    #[arg(long, default_value_t = 0)]
    pub offset: i64,
    /// Print the whole response as JSON (the same as the HTTP API's).
    #[arg(long)]
    pub json: bool,
    /// Every word optional, ranked by BM25 (`match=any`), for a pasted sentence; no query
    /// syntax is read.
    #[arg(long)]
    pub any: bool,
    /// Words that name a party, venue or process find only the documents that spell them
    /// so (`entities=false`); by default they also find those indexed under the value.
    #[arg(long)]
    pub no_entities: bool,
    /// Words as typed only (`typos=false`); by default words of 5+ letters also find the
    /// words an edit away (9+ letters: two), ranked below the word itself.
    #[arg(long)]
    pub no_typos: bool,
}
