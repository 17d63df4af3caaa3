//! Highlighted passages of document bodies.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use tantivy::Searcher;
use tantivy::query::Query;
use tantivy::snippet::SnippetGenerator;

use crate::analyzer::analysis_language;
use crate::schema::Fields;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;

/// Makes snippets for the hits of one query, with the analyzer of each hit's language.
pub struct Snippets<'a> {
    searcher: &'a Searcher,
    query: Option<&'a dyn Query>,
    fields: &'a Fields,
    generators: HashMap<&'static str, SnippetGenerator>,
}

impl<'a> Snippets<'a> {
    /// Snippets for `query`'s terms; with no query, snippets are the body's start.
    pub fn new(searcher: &'a Searcher, query: Option<&'a dyn Query>, fields: &'a Fields) -> Self {
        Snippets {
            searcher,
            query,
            fields,
            generators: HashMap::new(),
        }
    }

    /// The best passage of `body` (a document in `lang`), HTML-escaped, with matched terms in
    /// `<mark>…</mark>`; the start of the body when no term of the query occurs in it.
    pub fn snippet(&mut self, body: &str, lang: Option<&str>) -> tantivy::Result<String> {
        let Some(query) = self.query else {
            return Ok(leading_passage(body));
        };
        let lang = analysis_language(lang);
        let generator = match self.generators.entry(lang) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let Some(field) = self.fields.lang(lang).map(|fields| fields.body) else {
                    return Ok(leading_passage(body));
                };
                let mut generator = SnippetGenerator::create(self.searcher, query, field)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                entry.insert(generator)
            }
        };
        let mut snippet = generator.snippet(body);
        if snippet.highlighted().is_empty() {
            return Ok(leading_passage(body));
        }
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        Ok(snippet.to_html())
    }
}

fn leading_passage(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SNIPPET_CHARS {
        return escape_html(&flat);
    }
    let cut: String = flat.chars().take(SNIPPET_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > SNIPPET_CHARS / 2 => &cut[..space],
        _ => &cut,
    };
    format!("{}…", escape_html(cut))
}

fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_passages_are_escaped_and_cut_at_a_word() {
        assert_eq!(leading_passage("a <b>\n  c"), "a &lt;b&gt; c");
        let long = "word ".repeat(100);
        let passage = leading_passage(&long);
        assert!(passage.ends_with("word…"));
        assert!(passage.chars().count() <= SNIPPET_CHARS + 1);
    }
}
