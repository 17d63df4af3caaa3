//! `concord search`: the HTTP API's search, from the terminal.

use concord_index::read::request::{Flag, Number};
use concord_index::{Dictionaries, Hit, SearchIndex, SearchParams, SearchRequest, SearchResponse};

use crate::cli::SearchArgs;

pub fn run(args: SearchArgs) -> anyhow::Result<()> {
    let index = SearchIndex::open(&args.index, &Dictionaries::load(&args.dicts.dir()))?;
    let json = args.json;
    let params = SearchParams {
        q: Some(args.query),
        party: args.party,
        venue: args.venue,
        topic: args.topic,
        process: args.process,
        lang: args.lang,
        doc_type: args.doc_type,
        from: args.from,
        to: args.to,
        sort: Some(args.sort),
        limit: Some(Number::Integer(args.limit)),
        offset: Some(Number::Integer(args.offset)),
        histogram: None,
        facets: None,
        highlight: None,
        matching: args.any.then(|| "any".to_string()),
        entities: args.no_entities.then_some(Flag::Bool(false)),
        typos: args.no_typos.then_some(Flag::Bool(false)),
    };
    let request = SearchRequest::try_from(params)?;
    let response = index.search(&request)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&response)?);
    } else {
        print_table(&response, request.offset);
    }
    Ok(())
}

fn print_table(response: &SearchResponse, offset: usize) {
    for notice in &response.notices {
        println!("note: {}", notice.message);
    }
    for entity in &response.entities {
        println!(
            "name: {:?}: {} {} ({})",
            entity.text, entity.group, entity.value, entity.label
        );
    }
    for typo in &response.typos {
        println!("also: {:?} as {}", typo.word, typo.also.join(", "));
    }
    if response.hits.is_empty() {
        println!(
            "no hits ({} matching documents, {} ms)",
            response.total, response.took_ms
        );
        if let Some(suggestion) = &response.did_you_mean {
            println!(
                "did you mean: {} ({} documents)",
                suggestion.q, suggestion.total
            );
        }
        return;
    }
    for (rank, hit) in response.hits.iter().enumerate() {
        print_hit(offset + rank + 1, hit);
    }
    let shown_to = offset + response.hits.len();
    println!(
        "hits {}-{} of {} ({} ms)",
        offset + 1,
        shown_to,
        response.total,
        response.took_ms
    );
}

fn print_hit(rank: usize, hit: &Hit) {
    let meta = &hit.meta;
    let date = meta.date.as_deref().unwrap_or("undated");
    println!("{rank:>3}. {date:<10}  {}", meta.title);
    let labels = |values: &[concord_index::Labeled]| {
        values
            .iter()
            .map(|value| value.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut facts = vec![format!("id {}", meta.id)];
    for (name, values) in [
        ("parties", &meta.parties),
        ("venues", &meta.venues),
        ("topics", &meta.topics),
    ] {
        if !values.is_empty() {
            facts.push(format!("{name}: {}", labels(values)));
        }
    }
    println!("     {}", facts.join(" | "));
    if let Some(snippet) = &hit.snippet {
        println!("     {}", plain_snippet(snippet));
    }
}

/// The snippet on one line, `<mark>` shown as `[…]` and HTML entities decoded, for a terminal.
fn plain_snippet(snippet: &str) -> String {
    snippet
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("<mark>", "[")
        .replace("</mark>", "]")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}
