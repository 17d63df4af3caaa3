//! Admission of index work: at most `concurrent` searches run at once, at most `queued` more
//! wait for a turn, and a request past both is answered at once with 503 and `Retry-After`
//! (code `overloaded`) instead of joining a queue whose wait would outlast any client.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{ApiError, ErrorCode};

/// Default for how many requests may wait for a search turn.
pub const MAX_QUEUED: usize = 1024;

/// Seconds a refused client is asked to wait before trying again.
pub const RETRY_AFTER_SECONDS: u32 = 1;

#[derive(Debug)]
pub struct Admission {
    running: Arc<Semaphore>,
    concurrent: usize,
    waiting: AtomicUsize,
    max_waiting: usize,
}

/// A turn to run index work; the next waiting request goes when it is dropped.
pub type Turn = OwnedSemaphorePermit;

impl Admission {
    pub fn new(concurrent: usize, queued: usize) -> Admission {
        Admission {
            running: Arc::new(Semaphore::new(concurrent.max(1))),
            concurrent: concurrent.max(1),
            waiting: AtomicUsize::new(0),
            max_waiting: queued,
        }
    }

    /// Waits for a turn, or refuses at once when the queue is full.
    pub async fn enter(&self) -> Result<Turn, ApiError> {
        if let Ok(turn) = self.running.clone().try_acquire_owned() {
            return Ok(turn);
        }
        let waiting = Waiting::join(&self.waiting);
        if waiting.ahead >= self.max_waiting {
            return Err(ApiError::new(
                ErrorCode::Overloaded,
                format!(
                    "too many searches at once ({} running, {} waiting); try again shortly",
                    self.running(),
                    waiting.ahead
                ),
            ));
        }
        self.running
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the search queue was closed"))
    }

    /// Requests waiting for a turn now.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::Relaxed)
    }

    /// Turns there are (`--search-threads`).
    pub fn capacity(&self) -> usize {
        self.concurrent
    }

    /// Index work running now (searches holding a turn).
    pub fn running(&self) -> usize {
        self.concurrent
            .saturating_sub(self.running.available_permits())
    }
}

/// One place in the queue, left when dropped (also when the waiting request is cancelled).
struct Waiting<'a> {
    counter: &'a AtomicUsize,
    ahead: usize,
}

impl<'a> Waiting<'a> {
    fn join(counter: &'a AtomicUsize) -> Waiting<'a> {
        let ahead = counter.fetch_add(1, Ordering::AcqRel);
        Waiting { counter, ahead }
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.counter.fetch_sub(1, Ordering::AcqRel);
    }
}
