//! Progress of long indexing runs: a bar with files, documents/s and ETA on a terminal, plain
//! log lines (about every two seconds) otherwise.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use concord_index::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// How often a non-terminal run logs its progress.
const LOG_EVERY: Duration = Duration::from_secs(2);

pub struct FileProgress {
    bar: Option<ProgressBar>,
    total: u64,
    done: u64,
    documents: u64,
    started: Instant,
    last_log: Instant,
}

impl FileProgress {
    /// A bar when stderr is a terminal and `quiet` is off, log lines otherwise.
    pub fn new(quiet: bool) -> FileProgress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} indexing [{bar:40}] {pos}/{len} files, {msg}, ETA {eta}",
                )
                .expect("the progress template is valid")
                .progress_chars("=> "),
            );
            bar
        });
        FileProgress {
            bar,
            total: 0,
            done: 0,
            documents: 0,
            started: Instant::now(),
            last_log: Instant::now(),
        }
    }
}

impl Progress for FileProgress {
    fn start(&mut self, files: u64) {
        self.total = files;
        self.started = Instant::now();
        self.last_log = Instant::now();
        match &self.bar {
            Some(bar) => bar.set_length(files),
            None => tracing::info!("indexing {files} files"),
        }
    }

    fn advance(&mut self, files: u64, documents: u64) {
        self.done += files;
        self.documents += documents;
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let rate = self.documents as f64 / seconds;
        match &self.bar {
            Some(bar) => {
                bar.set_message(format!(
                    "{} documents, {rate:.0} documents/s",
                    self.documents
                ));
                bar.inc(files);
            }
            None if self.last_log.elapsed() >= LOG_EVERY => {
                self.last_log = Instant::now();
                let files_rate = self.done as f64 / seconds;
                let left = self.total.saturating_sub(self.done) as f64 / files_rate.max(1e-3);
                tracing::info!(
                    "indexing: {}/{} files, {} documents, {rate:.0} documents/s, about {left:.0} s left",
                    self.done,
                    self.total,
                    self.documents
                );
            }
            None => {}
        }
    }

    fn finish(&mut self) {
        match &self.bar {
            Some(bar) => bar.finish_and_clear(),
            None => {
                let seconds = self.started.elapsed().as_secs_f64();
                let rate = self.documents as f64 / seconds.max(1e-3);
                tracing::info!(
                    "read and indexed {} files ({} documents) in {seconds:.1} s ({rate:.0} documents/s)",
                    self.done,
                    self.documents
                );
            }
        }
    }

    fn merging(&mut self, segments: usize) {
        if segments > 1 {
            tracing::info!("merging {segments} segments into one");
        }
    }
}
