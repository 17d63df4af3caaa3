//! `GET /api/export?…&format=csv|jsonl[&bom=true]`: every hit of a search (the search
//! parameters of `/api/search`, without paging), streamed as CSV or JSON lines.
//!
//! The hits are found first (a bad parameter is a 4xx before anything is sent); then a
//! blocking task reads the documents in order and sends the rows in chunks of about 64 KB,
//! stopping when the client goes away.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use concord_index::{DocumentMeta, Export, Labeled, SearchIndex, SearchParams, SearchRequest};
use tokio::sync::mpsc;

use crate::error::{ApiError, ErrorCode};
use crate::routes::query_params;
use crate::state::AppState;

/// Bytes gathered before a chunk is sent.
const CHUNK_BYTES: usize = 64 * 1024;

/// Search parameters that make no sense for an export, which returns every hit.
const PAGING: [&str; 5] = ["limit", "offset", "facets", "histogram", "highlight"];

/// CSV columns, in order.
const COLUMNS: [&str; 10] = [
    "id",
    "title",
    "date",
    "parties",
    "venues",
    "topics",
    "processes",
    "lang",
    "doc_type",
    "source",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Jsonl,
}

/// Every hit of a search, streamed as JSON lines or CSV.
#[utoipa::path(get, path = "/api/export", tag = "search",
    params(
        concord_index::SearchParams,
        ("format" = Option<String>, Query, description = "`jsonl` (default) or `csv`"),
        ("bom" = Option<bool>, Query, description = "CSV: start with a UTF-8 byte order mark"),
    ),
    responses(
        (status = 200, description = "Every hit, in the search's order; `x-total-count` says how many",
            content((String = "application/x-ndjson"), (String = "text/csv")))))]
pub async fn get_export(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let pairs: Vec<(String, String)> = query_params(query.as_deref())?;
    let mut format = Format::Jsonl;
    let mut bom = false;
    let mut search = Vec::new();
    for (key, value) in pairs {
        match key.as_str() {
            "format" => {
                format = match value.as_str() {
                    "csv" => Format::Csv,
                    "jsonl" => Format::Jsonl,
                    other => {
                        return Err(ApiError::new(
                            ErrorCode::InvalidParameter,
                            format!("format must be csv or jsonl, not {other:?}"),
                        ));
                    }
                }
            }
            "bom" => {
                bom = match value.as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    other => {
                        return Err(ApiError::new(
                            ErrorCode::InvalidParameter,
                            format!("bom must be true or false, not {other:?}"),
                        ));
                    }
                }
            }
            paging if PAGING.contains(&paging) => {
                return Err(ApiError::new(
                    ErrorCode::InvalidParameter,
                    format!("{paging} does not apply to an export, which returns every hit"),
                ));
            }
            _ => search.push((key, value)),
        }
    }
    let encoded = serde_html_form::to_string(&search)
        .map_err(|error| ApiError::new(ErrorCode::InvalidParameter, error.to_string()))?;
    let params: SearchParams = query_params(Some(&encoded))?;
    let request = SearchRequest::from_params(params, state.limits())?;
    let index = state.index();
    let finder = Arc::clone(&index);
    let export = state
        .run(move || finder.export(&request).map_err(ApiError::from))
        .await?;
    let total = export.len();
    let (sender, receiver) = mpsc::channel(4);
    // Writing the rows is index work too: it holds a turn until the last row is sent.
    let turn = state.turn().await?;
    tokio::task::spawn_blocking(move || {
        write_rows(&index, &export, format, bom, &sender);
        drop(turn);
    });
    let (content_type, file) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "concord-export.csv"),
        Format::Jsonl => ("application/x-ndjson", "concord-export.jsonl"),
    };
    let mut response = Body::from_stream(Chunks(receiver)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert("x-total-count", HeaderValue::from(total));
    Ok(response)
}

/// Writes every row of `export` to `sender`, a chunk at a time.
fn write_rows(
    index: &SearchIndex,
    export: &Export,
    format: Format,
    bom: bool,
    sender: &mpsc::Sender<Bytes>,
) {
    let mut buffer = String::with_capacity(CHUNK_BYTES + 4096);
    if format == Format::Csv {
        if bom {
            buffer.push('\u{feff}');
        }
        csv_line(&mut buffer, COLUMNS.iter().map(|column| column.to_string()));
    }
    for row in export.rows(index) {
        let meta = match row {
            Ok(meta) => meta,
            Err(error) => {
                // The status is sent: the export ends short, and the log says why.
                tracing::error!(%error, "export stopped: a document could not be read");
                return;
            }
        };
        match format {
            Format::Csv => csv_line(&mut buffer, csv_fields(meta)),
            Format::Jsonl => {
                if let Ok(line) = serde_json::to_string(&meta) {
                    buffer.push_str(&line);
                    buffer.push('\n');
                }
            }
        }
        if buffer.len() >= CHUNK_BYTES
            && sender
                .blocking_send(Bytes::from(std::mem::take(&mut buffer)))
                .is_err()
        {
            return; // the client went away
        }
    }
    if !buffer.is_empty() {
        let _ = sender.blocking_send(Bytes::from(buffer));
    }
}

/// One document as CSV fields, in [`COLUMNS`] order; facet values by their labels.
fn csv_fields(meta: DocumentMeta) -> impl Iterator<Item = String> {
    let labels = |values: Vec<Labeled>| {
        values
            .into_iter()
            .map(|value| value.label)
            .collect::<Vec<_>>()
            .join("; ")
    };
    [
        meta.id,
        meta.title,
        meta.date.unwrap_or_default(),
        labels(meta.parties),
        labels(meta.venues),
        labels(meta.topics),
        labels(meta.processes),
        meta.lang.unwrap_or_default(),
        meta.doc_type.unwrap_or_default(),
        meta.source.unwrap_or_default(),
    ]
    .into_iter()
}

/// Appends one CSV record (RFC 4180: CRLF line ends; a field with a comma, quote, line
/// break or surrounding space quoted, quotes doubled).
fn csv_line(buffer: &mut String, fields: impl Iterator<Item = String>) {
    for (number, field) in fields.enumerate() {
        if number > 0 {
            buffer.push(',');
        }
        let quote = field.contains([',', '"', '\n', '\r'])
            || field.starts_with(' ')
            || field.ends_with(' ');
        if quote {
            buffer.push('"');
            buffer.push_str(&field.replace('"', "\"\""));
            buffer.push('"');
        } else {
            buffer.push_str(&field);
        }
    }
    buffer.push_str("\r\n");
}

/// The receiving end of the rows, as a body stream.
struct Chunks(mpsc::Receiver<Bytes>);

impl futures_core::Stream for Chunks {
    type Item = Result<Bytes, Infallible>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(Ok))
    }
}

#[cfg(test)]
mod tests {
    use super::csv_line;

    #[test]
    fn fields_that_need_quotes_get_them() {
        let mut line = String::new();
        let fields = [
            "plain",
            "a, b",
            "say \"yes\"",
            "two\nlines",
            " padded",
            "Дейтон",
        ];
        csv_line(&mut line, fields.iter().map(|field| field.to_string()));
        assert_eq!(
            line,
            "plain,\"a, b\",\"say \"\"yes\"\"\",\"two\nlines\",\" padded\",Дейтон\r\n"
        );
    }
}
