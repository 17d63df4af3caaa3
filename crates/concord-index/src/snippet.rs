//! Highlighted passages of document bodies.

use tantivy::Searcher;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;

/// Makes snippets for the hits of one query.
pub struct Snippets {
    generator: Option<SnippetGenerator>,
}

impl Snippets {
    /// A generator for `query`'s terms in `field`; with no query, snippets are the body's start.
    pub fn new(
        searcher: &Searcher,
        query: Option<&dyn Query>,
        field: Field,
    ) -> tantivy::Result<Self> {
        let generator = match query {
            Some(query) => {
                let mut generator = SnippetGenerator::create(searcher, query, field)?;
                generator.set_max_num_chars(SNIPPET_CHARS);
                Some(generator)
            }
            None => None,
        };
        Ok(Snippets { generator })
    }

    /// The best passage of `body`, HTML-escaped, with matched terms in `<mark>…</mark>`; the
    /// start of the body when no term of the query occurs in it.
    pub fn snippet(&self, body: &str) -> String {
        if let Some(generator) = &self.generator {
            let mut snippet = generator.snippet(body);
            if !snippet.highlighted().is_empty() {
                snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
                return snippet.to_html();
            }
        }
        leading_passage(body)
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
