//! `GET /api/openapi.json`: the OpenAPI 3 description of the API, generated from the
//! handlers' `#[utoipa::path]` attributes and the answer types' schemas, so that it changes
//! with the code. Each route's error responses come from the route table ([`app`](mod@crate::app)):
//! the codes its gates and the middleware can answer, each described by the error table
//! ([`ErrorCode`]). `tests/integration/openapi.rs` checks it against live answers.

use std::collections::BTreeMap;

use axum::Json;
use axum::http::Method;
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder, Responses, ResponsesBuilder};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::app::{ROUTES, Route};
use crate::error::{Error, ErrorCode, ErrorDetail};
use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Concord",
        description = "Full-text search over conflict documents: peace-talk records, treaties, communiqués, ceasefire texts and what is written about them, with facets by party, venue, topic, process, language and document type, dates and a timeline."
    ),
    paths(
        routes::search::get_search,
        routes::search::post_search,
        routes::export::get_export,
        routes::documents::get_document,
        routes::similar::get_similar,
        routes::suggest::get_suggest,
        routes::facets::get_facets,
        routes::health::get_health,
        routes::admin::post_reload,
        crate::metrics::get_metrics,
        get_openapi,
    ),
    components(schemas(Error, ErrorDetail, ErrorCode)),
    modifiers(&ErrorResponses)
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3 description of this API", content_type = "application/json")))]
pub async fn get_openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Gives every documented route of the route table the error responses it can answer.
struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for route in ROUTES.iter().filter(|route| route.documented) {
            let Some(item) = openapi.paths.paths.get_mut(&openapi_path(route)) else {
                continue; // the tests below see that every documented route is described
            };
            let operation = match route.method {
                Method::GET => item.get.as_mut(),
                Method::POST => item.post.as_mut(),
                _ => None,
            };
            if let Some(operation) = operation {
                let errors = error_responses(route.errors());
                operation.responses.responses.extend(errors.responses);
            }
        }
    }
}

/// A route's path as OpenAPI writes it (`/api/documents/{id}` for axum's `{*id}`).
fn openapi_path(route: &Route) -> String {
    route.path.replace("{*", "{")
}

/// The responses of an answer that may fail with `codes`: one per status, in the error shape,
/// described by its codes' descriptions.
fn error_responses(codes: impl IntoIterator<Item = ErrorCode>) -> Responses {
    let mut by_status: BTreeMap<u16, Vec<&'static str>> = BTreeMap::new();
    for code in codes {
        let descriptions = by_status.entry(code.status().as_u16()).or_default();
        if !descriptions.contains(&code.response()) {
            descriptions.push(code.response());
        }
    }
    by_status
        .into_iter()
        .fold(
            ResponsesBuilder::new(),
            |responses, (status, descriptions)| {
                let content = ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name(Error::name())))
                    .build();
                let response = ResponseBuilder::new()
                    .description(descriptions.join("; "))
                    .content("application/json", content);
                responses.response(status.to_string(), response)
            },
        )
        .build()
}

#[cfg(test)]
mod tests {
    use utoipa::OpenApi;

    use super::{ApiDoc, ROUTES, openapi_path};

    #[test]
    fn the_document_describes_exactly_the_documented_routes_of_the_table() {
        let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
        let mut described: Vec<String> = doc["paths"]
            .as_object()
            .unwrap()
            .iter()
            .flat_map(|(path, item)| {
                item.as_object()
                    .unwrap()
                    .keys()
                    .map(move |method| format!("{method} {path}"))
            })
            .collect();
        let mut table: Vec<String> = ROUTES
            .iter()
            .filter(|route| route.documented)
            .map(|route| {
                format!(
                    "{} {}",
                    route.method.as_str().to_lowercase(),
                    openapi_path(route)
                )
            })
            .collect();
        described.sort();
        table.sort();
        assert_eq!(described, table);
    }

    #[test]
    fn each_route_documents_the_statuses_of_its_gates() {
        let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
        for route in ROUTES.iter().filter(|route| route.documented) {
            let method = route.method.as_str().to_lowercase();
            let responses = doc["paths"][openapi_path(route)][&method]["responses"]
                .as_object()
                .unwrap();
            let mut documented: Vec<u16> = responses.keys().map(|s| s.parse().unwrap()).collect();
            let mut answered: Vec<u16> = route
                .errors()
                .map(|code| code.status().as_u16())
                .chain([200])
                .collect();
            documented.sort();
            answered.sort();
            answered.dedup();
            assert_eq!(documented, answered, "{method} {}", route.path);
        }
    }
}
