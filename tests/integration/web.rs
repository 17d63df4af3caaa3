//! The search page's files and the "more like this" endpoint it uses.

use axum::http::{StatusCode, header};

use crate::support::{call, get, get_text, ids, state};

/// `GET path`: status, content type and body as text; an answer that is there carries a
/// content security policy.
async fn fetch(path: &str) -> (StatusCode, String, String) {
    let (status, headers, body) = get_text(path).await;
    if status == StatusCode::OK {
        assert!(
            headers.contains_key(header::CONTENT_SECURITY_POLICY),
            "{path}: no content security policy"
        );
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, content_type, body)
}

#[tokio::test]
async fn the_page_and_every_file_it_loads_are_served() {
    let (status, content_type, html) = fetch("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.starts_with("text/html"), "{content_type}");
    // Every local script and stylesheet the page names is there, with its type; nothing is
    // loaded from another host.
    let mut loaded = 0;
    for (attribute, expected) in [("src=\"", "text/javascript"), ("href=\"", "text/css")] {
        for reference in html.split(attribute).skip(1) {
            let url = &reference[..reference.find('"').unwrap()];
            assert!(!url.contains("//"), "the page loads {url} from elsewhere");
            if !url.starts_with("/assets/") {
                continue;
            }
            let (status, content_type, body) = fetch(url).await;
            assert_eq!(status, StatusCode::OK, "{url}");
            assert!(content_type.starts_with(expected), "{url}: {content_type}");
            assert!(!body.is_empty(), "{url}");
            loaded += 1;
        }
    }
    assert_eq!(loaded, 2, "the page's script and stylesheet");
    let (status, _, _) = fetch("/assets/missing.js").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn similar_documents_share_words_and_leave_the_document_out() {
    let (status, body) = get("/api/similar/a-istanbul-2022").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let ids = ids(&body);
    assert!(!ids.contains(&"a-istanbul-2022".to_string()), "{ids:?}");
    // The grain deal shares Istanbul, the parties' names and "security guarantees".
    assert!(ids.contains(&"b-grain-2022".to_string()), "{ids:?}");
    assert!(body["hits"][0]["title"].is_string());

    let (status, body) = get("/api/similar/a-istanbul-2022?limit=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["hits"].as_array().unwrap().len(), 1);
    // Ids with slashes work as in /api/documents.
    let (status, _) = get("/api/similar/sub/e-prisoners-2025").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn similar_rejects_unknown_documents_and_bad_limits() {
    let (status, body) = get("/api/similar/no-such-document").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
    let (status, body) = get("/api/similar/a-istanbul-2022?limit=lots").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_limit");
    let (status, body) = get("/api/similar/a-istanbul-2022?limit=51").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_limit");
    let (status, body) = get("/api/similar/a-istanbul-2022?size=3").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["code"], "invalid_parameter");
}

#[tokio::test]
async fn answers_are_compressed_when_the_client_asks() {
    for encoding in ["gzip", "br"] {
        let (status, headers, body) = call(
            state(),
            "GET",
            "/api/export?format=jsonl",
            &[("accept-encoding", encoding)],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_ENCODING], encoding);
        let (_, _, plain) = call(state(), "GET", "/api/export?format=jsonl", &[]).await;
        assert!(
            body.len() < plain.len(),
            "{encoding}: {} vs {}",
            body.len(),
            plain.len()
        );
    }
    let (_, headers, _) = call(state(), "GET", "/api/search?q=grain", &[]).await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
}

#[tokio::test]
async fn cross_origin_pages_are_let_in_only_when_configured() {
    let origin = [("origin", "https://notebook.example.org")];
    let (_, headers, _) = call(state(), "GET", "/api/search?q=grain", &origin).await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());

    let open = state().with_cors_origins(vec!["https://notebook.example.org/".to_string()]);
    let (status, headers, _) = call(open.clone(), "GET", "/api/search?q=grain", &origin).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://notebook.example.org"
    );
    // A preflight for a JSON POST.
    let (status, headers, _) = call(
        open.clone(),
        "OPTIONS",
        "/api/search",
        &[
            ("origin", "https://notebook.example.org"),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::ACCESS_CONTROL_ALLOW_METHODS]
            .to_str()
            .unwrap()
            .contains("POST")
    );
    // Another origin is not let in.
    let (_, headers, _) = call(
        open,
        "GET",
        "/api/search?q=grain",
        &[("origin", "https://elsewhere.example")],
    )
    .await;
    assert!(headers.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());

    let any = state().with_cors_origins(vec!["*".to_string()]);
    let (_, headers, _) = call(any, "GET", "/api/search?q=grain", &origin).await;
    assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
}

#[tokio::test]
async fn every_answer_carries_a_request_id() {
    let (_, first, _) = call(state(), "GET", "/api/search?q=grain", &[]).await;
    let (_, second, _) = call(state(), "GET", "/healthz", &[]).await;
    let id =
        |headers: &axum::http::HeaderMap| headers["x-request-id"].to_str().unwrap().to_string();
    assert!(!id(&first).is_empty());
    assert_ne!(id(&first), id(&second));
    // An id the client (or a proxy in front) sent is kept, so logs line up across hops.
    let (_, echoed, _) = call(
        state(),
        "GET",
        "/api/search?q=grain",
        &[("x-request-id", "notebook-42")],
    )
    .await;
    assert_eq!(id(&echoed), "notebook-42");
}
