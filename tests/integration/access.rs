//! Access control: open on loopback by default; with an API key every data endpoint needs it
//! (or the admin token) and the page, health and schema stay open; no path parameter reads
//! outside the index.

use axum::http::StatusCode;

use crate::support::{call, get_from, state};

fn keyed() -> concord_server::AppState {
    state()
        .with_api_key(Some("reader-key".to_string()))
        .with_admin_token(Some("admin-token".to_string()))
}

#[tokio::test]
async fn with_a_key_data_endpoints_need_it() {
    for path in [
        "/api/search?q=minsk",
        "/api/export?q=minsk",
        "/api/facets",
        "/api/suggest?q=min",
        "/metrics",
    ] {
        let (status, headers, body) = call(keyed(), "GET", path, &[]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        assert!(
            headers["www-authenticate"]
                .to_str()
                .unwrap()
                .starts_with("Bearer")
        );
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"]["code"], "unauthorized");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("API key")
        );

        let wrong = call(
            keyed(),
            "GET",
            path,
            &[("authorization", "Bearer reader-kez")],
        )
        .await;
        assert_eq!(wrong.0, StatusCode::UNAUTHORIZED, "{path}");
        for key in ["reader-key", "admin-token"] {
            let bearer = format!("Bearer {key}");
            let right = call(keyed(), "GET", path, &[("authorization", &bearer)]).await;
            assert_eq!(right.0, StatusCode::OK, "{path} with {key}");
        }
    }
}

#[tokio::test]
async fn with_a_key_the_page_health_and_schema_stay_open() {
    for path in ["/", "/assets/app.js", "/healthz", "/api/openapi.json"] {
        let (status, _, _) = call(keyed(), "GET", path, &[]).await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
    // The admin endpoint wants the admin token, not the reader's key.
    let (status, _, _) = call(
        keyed(),
        "POST",
        "/api/admin/reload",
        &[("authorization", "Bearer reader-key")],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn without_a_key_search_is_open() {
    assert_eq!(
        get_from(state(), "/api/search?q=minsk").await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn document_ids_cannot_reach_outside_the_index() {
    for id in [
        "../../../../etc/passwd",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "..%2f..%2f..%2fetc%2fpasswd",
        "/etc/passwd",
        "%2fetc%2fpasswd",
        "....//....//etc/passwd",
        "..\\..\\windows\\win.ini",
        "taxonomy.yaml",
        "../corpus/taxonomy.yaml",
        "%00",
    ] {
        for route in ["documents", "similar"] {
            let path = format!("/api/{route}/{id}");
            let (status, _, body) = call(state(), "GET", &path, &[]).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
            let text = String::from_utf8_lossy(&body);
            assert!(!text.contains("root:"), "{path}: {text}");
            let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(body["error"]["code"], "not_found", "{path}");
        }
    }
}
