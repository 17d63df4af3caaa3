//! `GET /metrics`: request counts and latency histograms by route and status, and the served
//! index (documents, generation, build time, size on disk, reloads), in Prometheus's text
//! format. [`track`] is the middleware that records every request.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

#[derive(Default)]
struct RouteStats {
    count: u64,
    seconds: f64,
    /// Requests at or under each bound of [`BUCKETS`] (not cumulative; summed when shown).
    buckets: [u64; BUCKETS.len()],
}

/// Counters shared by every request.
#[derive(Default)]
pub struct Metrics {
    /// By route pattern (`/api/search`, `/api/documents/{*id}`, or `unmatched`), then status.
    routes: Mutex<BTreeMap<String, BTreeMap<u16, RouteStats>>>,
    /// Generations swapped in since the server started.
    pub reloads: AtomicU64,
    /// When the last swap happened, seconds since the Unix epoch (0: none yet).
    pub last_reload: AtomicU64,
}

impl Metrics {
    fn record(&self, route: &str, status: u16, seconds: f64) {
        let mut routes = self
            .routes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Looked up by &str: no allocation once a route has been seen.
        if !routes.contains_key(route) {
            routes.insert(route.to_string(), BTreeMap::new());
        }
        let Some(statuses) = routes.get_mut(route) else {
            return;
        };
        let stats = statuses.entry(status).or_default();
        stats.count += 1;
        stats.seconds += seconds;
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            stats.buckets[bucket] += 1;
        }
    }

    /// Notes that a new generation is served.
    pub fn reloaded(&self) {
        self.reloads.fetch_add(1, Ordering::Relaxed);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs());
        self.last_reload.store(now, Ordering::Relaxed);
    }
}

/// Middleware: times every request and counts it under its route and status.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request.extensions().get::<MatchedPath>().cloned();
    let response = next.run(request).await;
    let route = route.as_ref().map_or("unmatched", MatchedPath::as_str);
    let status = response.status();
    state
        .metrics()
        .record(route, status.as_u16(), started.elapsed().as_secs_f64());
    // A server fault is logged with the request's id, whatever the log level of spans.
    if status.is_server_error() {
        // The id layer, inside this one, has put the request's id on the answer.
        let id = response
            .headers()
            .get("x-request-id")
            .and_then(|id| id.to_str().ok())
            .unwrap_or("-");
        tracing::warn!(
            request_id = id,
            route,
            status = status.as_u16(),
            "request failed"
        );
    }
    response
}

/// Request counts and latencies, and the served index, in Prometheus's text format.
#[utoipa::path(get, path = "/metrics", tag = "meta",
    responses((status = 200, description = "Prometheus text format 0.0.4", content_type = "text/plain")))]
pub async fn get_metrics(State(state): State<AppState>) -> impl IntoResponse {
    let mut out = String::new();
    let metrics = state.metrics();
    {
        let routes = metrics
            .routes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let _ = writeln!(
            out,
            "# HELP concord_http_requests_total HTTP requests answered, by route and status.\n# TYPE concord_http_requests_total counter"
        );
        for (route, statuses) in routes.iter() {
            for (status, stats) in statuses {
                let _ = writeln!(
                    out,
                    "concord_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {}",
                    stats.count
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP concord_http_request_duration_seconds Time to answer, by route.\n# TYPE concord_http_request_duration_seconds histogram"
        );
        let mut by_route: BTreeMap<&str, RouteStats> = BTreeMap::new();
        for (route, statuses) in routes.iter() {
            let total = by_route.entry(route.as_str()).or_default();
            for stats in statuses.values() {
                total.count += stats.count;
                total.seconds += stats.seconds;
                for (sum, count) in total.buckets.iter_mut().zip(stats.buckets) {
                    *sum += count;
                }
            }
        }
        for (route, stats) in &by_route {
            let mut cumulative = 0;
            for (bound, count) in BUCKETS.iter().zip(stats.buckets) {
                cumulative += count;
                let _ = writeln!(
                    out,
                    "concord_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "concord_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\nconcord_http_request_duration_seconds_sum{{route=\"{route}\"}} {}\nconcord_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                stats.count, stats.seconds, stats.count
            );
        }
    }
    let index = state.index();
    let size: u64 = std::fs::read_dir(index.dir())
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|entry| entry.metadata().ok())
                .filter(|metadata| metadata.is_file())
                .map(|metadata| metadata.len())
                .sum()
        })
        .unwrap_or(0);
    // The metadata file is the last one a build writes.
    let built = std::fs::metadata(index.dir().join(concord_index::write::meta::META_FILE))
        .and_then(|metadata| metadata.modified())
        .ok()
        .and_then(|modified| modified.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |elapsed| elapsed.as_secs());
    let _ = write!(
        out,
        "# HELP concord_index_documents Documents in the served index.\n# TYPE concord_index_documents gauge\nconcord_index_documents {}\n\
         # HELP concord_index_size_bytes Size on disk of the served generation.\n# TYPE concord_index_size_bytes gauge\nconcord_index_size_bytes {size}\n\
         # HELP concord_index_built_timestamp_seconds When the served generation was written.\n# TYPE concord_index_built_timestamp_seconds gauge\nconcord_index_built_timestamp_seconds {built}\n\
         # HELP concord_index_generation_info The served generation.\n# TYPE concord_index_generation_info gauge\nconcord_index_generation_info{{generation=\"{}\"}} 1\n\
         # HELP concord_index_reloads_total Generations swapped in since the server started.\n# TYPE concord_index_reloads_total counter\nconcord_index_reloads_total {}\n\
         # HELP concord_index_last_reload_timestamp_seconds When the last generation was swapped in (0: none since start).\n# TYPE concord_index_last_reload_timestamp_seconds gauge\nconcord_index_last_reload_timestamp_seconds {}\n\
         # HELP concord_searches_running Index work running now (at most concord_searches_capacity).\n# TYPE concord_searches_running gauge\nconcord_searches_running {}\n\
         # HELP concord_searches_waiting Requests waiting for a search turn (past --max-queued-searches they get 503).\n# TYPE concord_searches_waiting gauge\nconcord_searches_waiting {}\n\
         # HELP concord_searches_capacity Searches that run at once (--search-threads).\n# TYPE concord_searches_capacity gauge\nconcord_searches_capacity {}\n",
        index.num_docs(),
        index.generation(),
        metrics.reloads.load(Ordering::Relaxed),
        metrics.last_reload.load(Ordering::Relaxed),
        state.admission().running(),
        state.admission().waiting(),
        state.admission().capacity(),
    );
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        out,
    )
}
