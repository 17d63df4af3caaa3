//! Highlighted passages of document bodies.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{Score, Searcher, Term};

use crate::analyzer::{analysis_language, guarded_analyzer};
use crate::schema::Fields;

/// Longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 240;

/// Bytes of body before and after the first likely match that the highlighter looks at.
const WINDOW_BEFORE: usize = 400;
const WINDOW_AFTER: usize = 800;

/// Makes snippets for the hits of one query, with the analyzer of each hit's language.
///
/// The highlighter analyses the text it is given (stemming every word), which for long bodies
/// cost more than the search itself. So the body is first scanned for the start of any query
/// word (its first four characters, in lower case or capitalised: a cheap stand-in for its
/// stemmed forms) and only a window around the first one is highlighted; a body where none is
/// found (another inflection, another script) is highlighted whole, as before.
pub struct Snippets<'a> {
    searcher: &'a Searcher,
    query: Option<&'a dyn Query>,
    fields: &'a Fields,
    generators: HashMap<&'static str, SnippetGenerator>,
    locator: Option<AhoCorasick>,
}

impl<'a> Snippets<'a> {
    /// Snippets for `query`'s terms; with no query, snippets are the body's start. `text` is
    /// the query as the user typed it, for locating the passage.
    pub fn new(
        searcher: &'a Searcher,
        query: Option<&'a dyn Query>,
        text: &str,
        fields: &'a Fields,
    ) -> Self {
        Snippets {
            searcher,
            query,
            fields,
            generators: HashMap::new(),
            locator: locator(text),
        }
    }

    /// The best passage of `body` (a document in `lang`), HTML-escaped, with matched terms in
    /// `<mark>…</mark>`; the start of the body when no term of the query occurs in it.
    pub fn snippet(&mut self, body: &str, lang: Option<&str>) -> tantivy::Result<String> {
        let Some(query) = self.query else {
            return Ok(leading_passage(body));
        };
        let lang = analysis_language(lang);
        let window = window(self.locator.as_ref(), body);
        let generator = match self.generators.entry(lang) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let Some(field) = self.fields.lang(lang).map(|fields| fields.body) else {
                    return Ok(leading_passage(body));
                };
                entry.insert(generator(self.searcher, query, field, lang)?)
            }
        };
        let mut snippet = generator.snippet(window);
        if snippet.highlighted().is_empty() && window.len() < body.len() {
            snippet = generator.snippet(body);
        }
        if snippet.highlighted().is_empty() {
            return Ok(leading_passage(body));
        }
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        Ok(without_markup(&snippet.to_html()))
    }
}

/// The part of `body` worth highlighting: a window around the first likely match, or the
/// whole body.
fn window<'b>(locator: Option<&AhoCorasick>, body: &'b str) -> &'b str {
    let Some(found) = locator.and_then(|locator| locator.find(body)) else {
        return body;
    };
    let mut start = found.start().saturating_sub(WINDOW_BEFORE);
    while !body.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (found.end() + WINDOW_AFTER).min(body.len());
    while !body.is_char_boundary(end) {
        end += 1;
    }
    &body[start..end]
}

/// An automaton over the first four characters of every word of the query (lower case and
/// capitalised), or `None` when no word is long enough to be worth looking for.
/// A snippet generator for `query`'s terms in `field` (of language `lang`), as tantivy's
/// `SnippetGenerator::create` makes one (each term weighed by its rarity), with the analyzer
/// that stems only the words that may match where the language allows it
/// (`analyzer::stem_guard`).
fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
    lang: &str,
) -> tantivy::Result<SnippetGenerator> {
    let mut terms: BTreeSet<&Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term);
        }
    });
    let mut weights: BTreeMap<String, Score> = BTreeMap::new();
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else {
            continue;
        };
        let doc_freq = searcher.doc_freq(term)?;
        if doc_freq > 0 {
            weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
        }
    }
    let terms: Vec<String> = weights.keys().cloned().collect();
    let analyzer = match guarded_analyzer(lang, &terms) {
        Some(analyzer) => analyzer,
        None => searcher.index().tokenizer_for_field(field)?,
    };
    Ok(SnippetGenerator::new(
        weights,
        analyzer,
        field,
        SNIPPET_CHARS,
    ))
}

fn locator(text: &str) -> Option<AhoCorasick> {
    let mut needles: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let word = word.strip_prefix("title:").unwrap_or(word);
        if word == "OR" || word.starts_with('-') {
            continue;
        }
        let word: String = word
            .trim_matches(|ch: char| !ch.is_alphanumeric())
            .to_lowercase();
        let head: String = word.chars().take(4).collect();
        if head.chars().count() < 2 {
            continue;
        }
        let mut chars = head.chars();
        let capitalised: String = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        for needle in [head, capitalised] {
            if !needles.contains(&needle) {
                needles.push(needle);
            }
        }
    }
    if needles.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostFirst)
        .build(&needles)
        .ok()
}

/// A passage without the Markdown marks a Markdown body is stored with: `**` and `__`
/// around emphasis, `#` runs that open headings. A snippet is one line of prose.
fn without_markup(passage: &str) -> String {
    passage
        .replace("**", "")
        .replace("__", "")
        .split(' ')
        .filter(|word| !(1..=6).contains(&word.len()) || !word.chars().all(|ch| ch == '#'))
        .collect::<Vec<_>>()
        .join(" ")
}

fn leading_passage(body: &str) -> String {
    let flat: String = without_markup(&body.split_whitespace().collect::<Vec<_>>().join(" "));
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
    fn markdown_marks_leave_snippets() {
        assert_eq!(
            without_markup(
                "protocols. ## Main provisions - A general **<mark>ceasefire</mark>**, and __more__"
            ),
            "protocols. Main provisions - A general <mark>ceasefire</mark>, and more"
        );
        assert_eq!(
            without_markup("issue #5 and C# stay"),
            "issue #5 and C# stay"
        );
    }

    #[test]
    fn the_window_surrounds_the_first_likely_match() {
        let body = format!(
            "{} Ceasefires held. {}",
            "filler ".repeat(200),
            "tail ".repeat(300)
        );
        let english = locator("\"ceasefire\" OR -grain title:talks");
        let part = window(english.as_ref(), &body);
        assert!(part.contains("Ceasefires held"));
        assert!(
            part.len() <= WINDOW_BEFORE + WINDOW_AFTER + 10,
            "{}",
            part.len()
        );
        // No likely match: the whole body, so the highlighter can still find stemmed forms.
        assert_eq!(window(english.as_ref(), "nothing here"), "nothing here");
        // Cyrillic capitals and CJK are found too; one-letter words are not looked for.
        let russian = locator("прекращение");
        assert!(window(russian.as_ref(), "Прекращение огня").starts_with("Прек"));
        assert!(locator("a").is_none());
        assert!(locator("停戦").is_some());
    }

    #[test]
    fn leading_passages_are_escaped_and_cut_at_a_word() {
        assert_eq!(leading_passage("a <b>\n  c"), "a &lt;b&gt; c");
        let long = "word ".repeat(100);
        let passage = leading_passage(&long);
        assert!(passage.ends_with("word…"));
        assert!(passage.chars().count() <= SNIPPET_CHARS + 1);
    }
}
