//! `concord serve`: open (or first build) the index and serve the HTTP API.

use anyhow::Context;
use concord_index::{IndexError, SearchIndex};
use concord_server::AppState;

use crate::cli::ServeArgs;
use crate::commands::index::{print_summary, reindex};
use crate::commands::setup_dicts::prepare;

pub fn run(args: &ServeArgs) -> anyhow::Result<()> {
    let locations = &args.locations;
    let dictionaries = prepare(&args.dicts);
    let index = match SearchIndex::open(&locations.index, &dictionaries) {
        Ok(index) => index,
        Err(error @ (IndexError::Missing(_) | IndexError::SchemaVersion { .. })) => {
            // The index is derived from the corpus: a missing one, or one written by an older
            // concord, is rebuilt before serving.
            tracing::info!(
                index = %locations.index.display(),
                corpus = %locations.corpus.display(),
                "{error}; building it from the corpus"
            );
            let options = concord_index::UpdateOptions {
                full: true,
                dry_run: false,
                merge: false,
            };
            let report = reindex(
                &locations.corpus,
                &locations.index,
                &dictionaries,
                options,
                false,
            )?;
            print_summary(&report, &locations.corpus, &locations.index);
            SearchIndex::open(&locations.index, &dictionaries)?
        }
        Err(error) => return Err(error.into()),
    };
    let documents = index.num_docs();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let search_threads = args.search_threads.map_or(cores, usize::from);
    let limits = &args.limits;
    let state = AppState::new(index)
        .with_reloader(dictionaries)
        .with_admin_token(args.admin_token.clone())
        .with_api_key(args.api_key.clone())
        .with_cors_origins(args.cors_origins.clone())
        .with_limits(limits.search_limits())
        .with_max_body_bytes(limits.max_body_bytes)
        .with_request_timeout(std::time::Duration::from_secs(limits.request_timeout))
        .with_admission(search_threads, limits.max_queued_searches);
    let keyed = args.api_key.as_deref().is_some_and(|key| !key.is_empty());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Searches run on the blocking pool (spawn_blocking): tokio's default of 512 threads
        // let 64 concurrent clients start 120+ threads on 2 cores (650 MB, p99 near 1 s).
        .max_blocking_threads(search_threads)
        .build()
        .context("cannot start the async runtime")?;
    tracing::info!(search_threads, "searches run {search_threads} at a time");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let address = listener.local_addr()?;
        if !address.ip().is_loopback() && !keyed {
            tracing::warn!(
                "listening on {address}, beyond loopback, without an API key: anyone who can \
                 reach this address can search and export the whole index; set --api-key \
                 (or CONCORD_API_KEY)"
            );
        }
        if let Some(reloader) = state.reloader() {
            // A published reindex is served within a poll interval; SIGHUP checks at once.
            // Both are in place before the line below, which scripts wait for.
            reloader.clone().watch();
            reload_on_sighup(reloader.clone());
        }
        tracing::info!(
            documents,
            "concord is serving at http://{address}/ (try http://{address}/api/search?q=ceasefire)"
        );
        concord_server::serve(listener, state, shutdown_signal()).await?;
        tracing::info!("concord stopped");
        anyhow::Ok(())
    })
}

/// Checks for a newly published index on every SIGHUP. The handler is installed before this
/// returns (not in the spawned task), so before the server says it is serving: a SIGHUP sent
/// as soon as it does must not fall on the default action, which ends the process.
fn reload_on_sighup(reloader: std::sync::Arc<concord_server::Reloader>) {
    #[cfg(unix)]
    {
        let Ok(mut hangups) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        else {
            tracing::warn!("cannot listen for SIGHUP; the index is still reloaded by polling");
            return;
        };
        tokio::spawn(async move {
            while hangups.recv().await.is_some() {
                tracing::info!("SIGHUP: checking for a new index generation");
                let reloader = reloader.clone();
                let _ = tokio::task::spawn_blocking(move || reloader.check()).await;
            }
        });
    }
    #[cfg(not(unix))]
    let _ = reloader;
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
