//! `GET /api/openapi.json`: every route is described, and live answers fit their schemas.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use concord_server::AppState;
use serde_json::Value;

use crate::support::{exchange, get, state};

/// Every route of `app()` but the search page's files, with its methods.
const ROUTES: [(&str, &str); 11] = [
    ("/api/search", "get"),
    ("/api/search", "post"),
    ("/api/export", "get"),
    ("/api/documents/{id}", "get"),
    ("/api/similar/{id}", "get"),
    ("/api/suggest", "get"),
    ("/api/facets", "get"),
    ("/api/admin/reload", "post"),
    ("/api/openapi.json", "get"),
    ("/healthz", "get"),
    ("/metrics", "get"),
];

async fn document() -> Value {
    let (status, doc) = get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    doc
}

#[tokio::test]
async fn every_route_is_described_with_its_parameters() {
    let doc = document().await;
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3."),
        "{}",
        doc["openapi"]
    );
    for (path, method) in ROUTES {
        let operation = &doc["paths"][path][method];
        assert!(operation.is_object(), "{method} {path} is not described");
        assert!(
            operation["responses"]["200"].is_object(),
            "{method} {path}: no 200"
        );
    }
    let described: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum();
    assert_eq!(
        described,
        ROUTES.len(),
        "a described route the test does not know"
    );
    let names = |path: &str| -> Vec<String> {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .map(|parameters| {
                parameters
                    .iter()
                    .map(|parameter| parameter["name"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    for name in [
        "q", "party", "venue", "topic", "from", "to", "sort", "limit", "offset", "entities",
        "typos",
    ] {
        assert!(
            names("/api/search").contains(&name.to_string()),
            "search: {name}"
        );
    }
    assert!(names("/api/export").contains(&"format".to_string()));
    assert!(names("/api/similar/{id}").contains(&"id".to_string()));
    // Errors are described with the one error shape.
    let error = &doc["paths"]["/api/search"]["get"]["responses"]["400"]["content"]["application/json"]
        ["schema"];
    assert_eq!(error["$ref"], "#/components/schemas/Error");
}

#[tokio::test]
async fn live_answers_fit_the_schemas_the_document_gives() {
    let doc = document().await;
    for (path, uri, status) in [
        ("/api/search", "/api/search?q=ceasefire&party=russia", 200),
        // With notices, other spellings and a suggestion (issue 21).
        ("/api/search", "/api/search?q=%22ceasefire+AND", 200),
        ("/api/search", "/api/search?q=ceasfire", 200),
        ("/api/search", "/api/search?q=ceasfire&typos=0", 200),
        ("/api/search", "/api/search?from=2022-13", 400),
        ("/api/documents/{id}", "/api/documents/a-istanbul-2022", 200),
        ("/api/documents/{id}", "/api/documents/nothing-here", 404),
        ("/api/similar/{id}", "/api/similar/a-istanbul-2022", 200),
        ("/api/suggest", "/api/suggest?q=ist", 200),
        ("/api/facets", "/api/facets", 200),
        ("/healthz", "/healthz", 200),
    ] {
        let (got, body) = get(uri).await;
        assert_eq!(got.as_u16(), status, "{uri}: {body}");
        let schema = &doc["paths"][path]["get"]["responses"][status.to_string()]["content"]["application/json"]
            ["schema"];
        assert!(schema.is_object(), "{path} {status}: no schema");
        if let Err(problem) = fits(&doc, schema, &body, "$") {
            panic!("{uri}: {problem}\n{body}");
        }
        if uri.ends_with("q=ceasfire") {
            assert!(body["typos"].is_array(), "{body}");
        }
        if uri.ends_with("typos=0") {
            assert!(body["did_you_mean"].is_object(), "{body}");
        }
    }
}

/// The server a provoked error is asked of.
#[derive(Clone, Copy, Debug)]
enum Server {
    /// The fixture's, without keys.
    Plain,
    /// With an API key and an admin token.
    Keyed,
    /// Its one search turn taken, and nobody may wait for it.
    Busy,
    /// Its one search turn taken, and a request times out while it waits for it.
    Slow,
    /// Taking bodies of up to 100 bytes.
    Small,
}

/// Every error status each route can answer, provoked: the server asked, the request
/// (method and URI, body, authorization) and the status answered. 408 and 500 come from the
/// middleware around every route; `every_route_documents_...` below requires them of every
/// route, `errors.rs` and `limits.rs` provoke them on routes of their own.
const PROVOKED: [(Server, &str, &str, &str, u16); 32] = {
    use Server::{Busy, Keyed, Plain, Slow, Small};
    let big = "{\"q\": \"a body longer than the hundred bytes this server takes, so that it is refused with a 413 (payload too large)\"}";
    let reader = "Bearer reader-key";
    [
        (Plain, "GET /api/search?nonsense=1", "", "", 400),
        (Keyed, "GET /api/search?q=minsk", "", "", 401),
        (Slow, "GET /api/search?q=minsk", "", "", 408),
        (Busy, "GET /api/search?q=minsk", "", "", 503),
        (Plain, "POST /api/search", "{\"q\": ", "", 400),
        (Keyed, "POST /api/search", "{}", "", 401),
        (Slow, "POST /api/search", "{}", "", 408),
        (Small, "POST /api/search", big, "", 413),
        (Busy, "POST /api/search", "{}", "", 503),
        (Plain, "GET /api/export?format=xml", "", "", 400),
        (Keyed, "GET /api/export?q=minsk", "", "", 401),
        (Slow, "GET /api/export?q=minsk", "", "", 408),
        (Busy, "GET /api/export?q=minsk", "", "", 503),
        (Keyed, "GET /api/documents/a-istanbul-2022", "", "", 401),
        (Plain, "GET /api/documents/nothing-here", "", "", 404),
        (Slow, "GET /api/documents/a-istanbul-2022", "", "", 408),
        (Busy, "GET /api/documents/a-istanbul-2022", "", "", 503),
        (
            Plain,
            "GET /api/similar/a-istanbul-2022?limit=99",
            "",
            "",
            400,
        ),
        (Keyed, "GET /api/similar/a-istanbul-2022", "", "", 401),
        (Plain, "GET /api/similar/nothing-here", "", "", 404),
        (Slow, "GET /api/similar/a-istanbul-2022", "", "", 408),
        (Busy, "GET /api/similar/a-istanbul-2022", "", "", 503),
        (Plain, "GET /api/suggest?q=ist&limit=ten", "", "", 400),
        (Keyed, "GET /api/suggest?q=ist", "", "", 401),
        (Slow, "GET /api/suggest?q=ist", "", "", 408),
        (Busy, "GET /api/suggest?q=ist", "", "", 503),
        (Keyed, "GET /api/facets", "", "", 401),
        (Slow, "GET /api/facets", "", "", 408),
        (Busy, "GET /api/facets", "", "", 503),
        (Keyed, "POST /api/admin/reload", "", reader, 401),
        (Plain, "POST /api/admin/reload", "", "", 403),
        (Keyed, "GET /metrics", "", "", 401),
    ]
};

/// The route of [`ROUTES`] that answers `uri`, as the document names it.
fn documented_path(uri: &str) -> &'static str {
    let path = uri.split('?').next().unwrap();
    ROUTES
        .iter()
        .map(|(route, _)| *route)
        .find(|route| match route.split_once('{') {
            Some((prefix, _)) => path.starts_with(prefix),
            None => path == *route,
        })
        .unwrap_or_else(|| panic!("no route answers {uri}"))
}

/// Statuses the middleware answers on any route: a timeout, a panic.
const EVERYWHERE: [u16; 2] = [408, 500];

/// The answer of `server` to one request: its status and JSON body.
async fn provoke(
    server: Server,
    method: &str,
    uri: &str,
    body: &str,
    bearer: &str,
) -> (u16, Value) {
    let app: AppState = match server {
        Server::Plain | Server::Busy | Server::Slow => state(),
        Server::Keyed => state()
            .with_api_key(Some("reader-key".to_string()))
            .with_admin_token(Some("admin-token".to_string())),
        Server::Small => state().with_max_body_bytes(100),
    };
    let app = match server {
        Server::Busy => app.with_admission(1, 0),
        Server::Slow => app
            .with_admission(1, 4)
            .with_request_timeout(Duration::from_millis(50)),
        _ => app,
    };
    let turn = match server {
        Server::Busy | Server::Slow => Some(app.admission().enter().await.unwrap()),
        _ => None,
    };
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json");
    if !bearer.is_empty() {
        request = request.header("authorization", bearer);
    }
    let (status, _, bytes) =
        exchange(app, request.body(Body::from(body.to_string())).unwrap()).await;
    drop(turn);
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|error| panic!("{method} {uri}: not JSON ({error})"));
    (status.as_u16(), body)
}

#[tokio::test]
async fn every_route_documents_exactly_the_statuses_it_answers() {
    let doc = document().await;
    let mut provoked: BTreeMap<(&str, String), BTreeSet<u16>> = BTreeMap::new();
    for (server, request, body, bearer, status) in PROVOKED {
        let (method, uri) = request.split_once(' ').unwrap();
        let (got, answer) = provoke(server, method, uri, body, bearer).await;
        let (path, method) = (documented_path(uri), method.to_lowercase());
        assert_eq!(got, status, "{request} of {server:?}: {answer}");
        let schema = &doc["paths"][path][&method]["responses"][status.to_string()]["content"]["application/json"]
            ["schema"];
        assert!(
            schema.is_object(),
            "{method} {path}: {status} is not documented"
        );
        if let Err(problem) = fits(&doc, schema, &answer, "$") {
            panic!("{method} {uri}: {problem}\n{answer}");
        }
        provoked.entry((path, method)).or_default().insert(status);
    }
    // And nothing more: a route documents 200, what it was made to answer above, and what
    // the middleware answers everywhere.
    for (path, method) in ROUTES {
        let documented: BTreeSet<u16> = doc["paths"][path][method]["responses"]
            .as_object()
            .unwrap()
            .keys()
            .map(|status| status.parse().unwrap())
            .collect();
        let mut answered = provoked
            .get(&(path, method.to_string()))
            .cloned()
            .unwrap_or_default();
        answered.extend(EVERYWHERE);
        answered.insert(200);
        assert_eq!(documented, answered, "{method} {path}");
    }
}

/// Whether `value` fits `schema` (the subset of JSON Schema utoipa writes: `$ref`, `type`
/// possibly with `null`, `properties` and `required`, `items`, `allOf`, `oneOf`,
/// `additionalProperties`, `enum`). An object may not carry a property its schema lacks.
fn fits(doc: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return fits(doc, &doc["components"]["schemas"][name], value, at);
    }
    if let Some(all) = schema["allOf"].as_array() {
        // Flattened structs: the value must fit the merged properties.
        let mut merged = serde_json::Map::new();
        let mut required = Vec::new();
        for part in all {
            let part = resolve(doc, part);
            if let Some(properties) = part["properties"].as_object() {
                merged.extend(properties.clone());
            }
            if let Some(names) = part["required"].as_array() {
                required.extend(names.clone());
            }
        }
        let object =
            serde_json::json!({"type": "object", "properties": merged, "required": required});
        return fits(doc, &object, value, at);
    }
    if let Some(any) = schema["oneOf"].as_array() {
        return any
            .iter()
            .any(|option| fits(doc, option, value, at).is_ok())
            .then_some(())
            .ok_or_else(|| format!("{at}: fits none of oneOf"));
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {allowed:?}"));
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(name) => vec![name.as_str()],
        Value::Array(names) => names.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.is_empty() {
        return Ok(());
    }
    let actual = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(number) if number.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    // An integer is a number too.
    let fits_type = types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
    if !fits_type {
        return Err(format!("{at}: {actual}, the schema says {types:?}"));
    }
    match value {
        Value::Object(object) => {
            let properties = schema["properties"].as_object();
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap();
                if !object.contains_key(name) {
                    return Err(format!("{at}: required {name} is missing"));
                }
            }
            for (name, field) in object {
                match properties.and_then(|properties| properties.get(name)) {
                    Some(property) => fits(doc, property, field, &format!("{at}.{name}"))?,
                    None if schema["additionalProperties"].is_object() => fits(
                        doc,
                        &schema["additionalProperties"],
                        field,
                        &format!("{at}.{name}"),
                    )?,
                    None if properties.is_none() => {}
                    None => return Err(format!("{at}: {name} is not in the schema")),
                }
            }
            Ok(())
        }
        Value::Array(items) => items.iter().enumerate().try_for_each(|(index, item)| {
            fits(doc, &schema["items"], item, &format!("{at}[{index}]"))
        }),
        _ => Ok(()),
    }
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            &doc["components"]["schemas"][reference.trim_start_matches("#/components/schemas/")]
        }
        None => schema,
    }
}

#[tokio::test]
async fn the_schema_check_catches_a_wrong_answer() {
    // The checker itself: a field the schema lacks, a missing required one, a wrong type.
    let doc = document().await;
    let schema = &doc["paths"]["/healthz"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    let (_, mut body) = get("/healthz").await;
    assert!(fits(&doc, schema, &body, "$").is_ok());
    body["surprise"] = Value::Bool(true);
    assert!(fits(&doc, schema, &body, "$").is_err());
    let (_, mut body) = get("/healthz").await;
    body.as_object_mut().unwrap().remove("documents");
    assert!(fits(&doc, schema, &body, "$").is_err());
    let (_, mut body) = get("/healthz").await;
    body["documents"] = Value::String("many".into());
    assert!(fits(&doc, schema, &body, "$").is_err());
}
