//! A test hook for crash-safety tests: with `CONCORD_TEST_PAUSE_AT=<point>` in the
//! environment, an indexer stops at that point of its run, says so on stderr, and waits, so
//! that a test can kill it there (`kill -9`) and check that the last good index still serves.
//! Points: `after-first-batch`, `before-commit`, `before-publish`.

/// The environment variable that names the point to pause at.
pub const PAUSE_VARIABLE: &str = "CONCORD_TEST_PAUSE_AT";

/// Pauses for up to a minute when `point` is the one named by [`PAUSE_VARIABLE`].
pub fn pause_at(point: &str) {
    if std::env::var(PAUSE_VARIABLE).is_ok_and(|wanted| wanted == point) {
        eprintln!("concord: paused at {point}");
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}
