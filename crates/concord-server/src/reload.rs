//! Serving the newest published generation without a restart.
//!
//! The indexer publishes a generation by replacing the index folder's `CURRENT` file
//! atomically (see `concord_index::write::store`). [`Reloader::check`] reads that pointer and, when
//! it names another generation, opens it completely, checks every segment file against its
//! checksum ([`SearchIndex::verify`]), and only then swaps it in with one atomic
//! pointer store ([`ArcSwap`]). A request holds the generation it started with until it ends,
//! so no request fails or sees a mixture; the old generation is dropped with its last request.
//! The server checks every [`POLL_INTERVAL`], on `POST /api/admin/reload` and on SIGHUP.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;
use concord_index::{Dictionaries, IndexError, IndexStore, SearchIndex};
use serde::Serialize;

use crate::metrics::Metrics;

/// How often the server looks at `CURRENT`: a published reindex is served within this (plus
/// the time to open the generation, a few milliseconds).
pub const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// What a check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Reloaded {
    /// The served generation is the published one.
    Unchanged { generation: String },
    /// A newer generation is now served.
    Swapped {
        from: String,
        to: String,
        documents: u64,
    },
}

/// Swaps newly published generations into a shared slot.
pub struct Reloader {
    root: PathBuf,
    dictionaries: Dictionaries,
    slot: Arc<ArcSwap<SearchIndex>>,
    metrics: Arc<Metrics>,
    /// One check at a time; also remembers the last failure so that it is logged once.
    last_error: Mutex<Option<String>>,
}

impl Reloader {
    pub fn new(
        root: PathBuf,
        dictionaries: Dictionaries,
        slot: Arc<ArcSwap<SearchIndex>>,
        metrics: Arc<Metrics>,
    ) -> Reloader {
        Reloader {
            root,
            dictionaries,
            slot,
            metrics,
            last_error: Mutex::new(None),
        }
    }

    /// Serves the published generation if it is not the one served already. Blocking: call
    /// it off the async runtime. On failure the served generation stays.
    pub fn check(&self) -> Result<Reloaded, IndexError> {
        let mut last_error = self
            .last_error
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let served = self.slot.load().generation();
        let result = IndexStore::new(&self.root)
            .current_name()
            .and_then(|published| match published {
                Some(name) if name != served => {
                    let index = SearchIndex::open(&self.root, &self.dictionaries)?;
                    // A damaged generation is refused here, while the served one still is.
                    index.verify()?;
                    let to = index.generation();
                    let documents = index.num_docs();
                    self.slot.store(Arc::new(index));
                    self.metrics.reloaded();
                    tracing::info!(from = %served, to = %to, documents, "serving a new index generation");
                    Ok(Reloaded::Swapped {
                        from: served.clone(),
                        to,
                        documents,
                    })
                }
                _ => Ok(Reloaded::Unchanged {
                    generation: served.clone(),
                }),
            });
        match &result {
            Err(error) => {
                let message = error.to_string();
                if last_error.as_deref() != Some(message.as_str()) {
                    tracing::warn!(%message, "cannot reload the index; still serving {served}");
                }
                *last_error = Some(message);
            }
            Ok(_) => *last_error = None,
        }
        result
    }

    /// Checks every [`POLL_INTERVAL`] until the runtime shuts down.
    pub fn watch(self: Arc<Self>) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(POLL_INTERVAL);
            ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                ticks.tick().await;
                let reloader = self.clone();
                let _ = tokio::task::spawn_blocking(move || reloader.check()).await;
            }
        })
    }
}
