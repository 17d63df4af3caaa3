//! `concord`: index conflict documents and search them, from the terminal or over HTTP.
//!
//! [`cli`] declares every subcommand and flag (clap); [`commands`] runs them, one module each.
//! This binary is the only crate that uses `anyhow`.

mod cli;
mod commands;

use std::io::IsTerminal;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use cli::{Cli, Command};

/// mimalloc instead of the system allocator: indexing allocates per token and per document on
/// two threads at once, where glibc's allocator measured 15 % of a build (benches/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,lindera_dictionary=error")),
        )
        .with_writer(std::io::stderr);
    // CONCORD_LOG_FORMAT=json: one JSON object a line (fields, span with the request id),
    // for log collectors.
    if std::env::var("CONCORD_LOG_FORMAT").is_ok_and(|format| format == "json") {
        logs.json().with_current_span(true).init();
    } else {
        logs.with_ansi(std::io::stderr().is_terminal()).init();
    }
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index(args) => commands::index::run(&args),
        Command::Serve(args) => commands::serve::run(&args),
        Command::Stats(args) => commands::stats::run(&args),
        Command::Search(args) => commands::search::run(args),
        Command::SetupDicts(args) => commands::setup_dicts::run(&args),
        Command::Check(args) => commands::check::run(&args),
        Command::Extract(args) => commands::extract::run(&args),
        Command::EvalExtract(args) => commands::eval_extract::run(&args),
        Command::Eval(args) => commands::eval::run(&args),
        Command::GenCorpus(args) => commands::gen_corpus::run(&args),
        Command::Import(args) => commands::import::run(&args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", message(&error));
            std::process::ExitCode::FAILURE
        }
    }
}

/// The error and its causes, each once: library errors often quote their source in their
/// own message, which `{:#}` would print again.
fn message(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&cause);
        }
    }
    text
}
