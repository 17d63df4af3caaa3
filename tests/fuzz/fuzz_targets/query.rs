//! Fuzzes the query path end to end: arbitrary bytes become a search request (a query
//! string, or a JSON body when they start with `{`) sent through Concord's router over the
//! fixture index. A panic or a 5xx answer is a crash.
//!
//! How an input becomes a request: `input.rs`, shared with the suite that replays the corpus.
#![no_main]

mod input;

use std::path::PathBuf;
use std::sync::OnceLock;

use concord_index::{Dictionaries, SearchIndex, build_index};
use concord_server::{AppState, app};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

struct Fixture {
    runtime: tokio::runtime::Runtime,
    state: AppState,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/corpus");
        let load = concord_corpus::read_corpus(&corpus).expect("the fixture corpus reads");
        let dir = std::env::temp_dir().join(format!("concord-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let dictionaries = Dictionaries::none();
        build_index(&load.documents, &load.taxonomy, 0, &dir, &dictionaries)
            .expect("the fixture index builds");
        let index = SearchIndex::open(&dir, &dictionaries).expect("the fixture index opens");
        Fixture {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime"),
            state: AppState::new(index),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(request) = input::request(data) else {
        return;
    };
    let fixture = fixture();
    let status = fixture.runtime.block_on(async {
        let response = app(fixture.state.clone())
            .oneshot(request)
            .await
            .expect("the router answers");
        let status = response.status();
        let _ = http_body_util::BodyExt::collect(response.into_body()).await;
        status
    });
    assert!(
        !status.is_server_error(),
        "{status} for {:?}",
        String::from_utf8_lossy(data)
    );
});
