//! The search page's files and the "more like this" endpoint it uses.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use concord_server::app;
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::support::{get, state};

/// `GET path`: status, content type and body as text.
async fn fetch(path: &str) -> (StatusCode, String, String) {
    let request = Request::get(path).body(Body::empty()).unwrap();
    let response = app(state()).oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_string())
        .unwrap_or_default();
    let policy = response
        .headers()
        .get(header::CONTENT_SECURITY_POLICY)
        .cloned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    if status == StatusCode::OK {
        assert!(policy.is_some(), "{path}: no content security policy");
    }
    (
        status,
        content_type,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
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
    let ids: Vec<&str> = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"a-istanbul-2022"), "{ids:?}");
    // The grain deal shares Istanbul, the parties' names and "security guarantees".
    assert!(ids.contains(&"b-grain-2022"), "{ids:?}");
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
