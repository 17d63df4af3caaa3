//! Bounds on what one search may ask for, so a careless script or a hostile request cannot
//! make a search arbitrarily expensive. Every bound is configurable (`concord serve --help`);
//! a request past one is refused with a 4xx and a message naming the bound.

/// How large a search request may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest query text, in bytes of UTF-8.
    pub max_query_bytes: usize,
    /// Most terms in the query text (see [`count_terms`]).
    pub max_query_terms: usize,
    /// Most filter values over all facet groups together.
    pub max_filter_values: usize,
    /// Largest page (`limit`).
    pub max_limit: usize,
    /// Deepest page start (`offset`), as Elasticsearch's `max_result_window`; past it, an
    /// export (`GET /api/export`) returns every hit.
    pub max_offset: usize,
}

/// Default for [`Limits::max_query_bytes`]: a long pasted paragraph fits.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Default for [`Limits::max_query_terms`]. Each term is searched in every language's title
/// and body fields, so 256 terms are already thousands of term queries.
pub const MAX_QUERY_TERMS: usize = 256;
/// Default for [`Limits::max_filter_values`].
pub const MAX_FILTER_VALUES: usize = 100;

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_query_bytes: MAX_QUERY_BYTES,
            max_query_terms: MAX_QUERY_TERMS,
            max_filter_values: MAX_FILTER_VALUES,
            max_limit: crate::read::request::MAX_LIMIT,
            max_offset: crate::read::request::MAX_OFFSET,
        }
    }
}

/// Deepest nesting of parentheses a query may have. The query grammar and the query builder
/// recurse once per level; without a bound, a few hundred `(` overflow a search thread's
/// stack, which ends the whole process.
pub const MAX_NESTING: usize = 16;

/// How deep the parentheses of a query text nest (outside quotes).
pub fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest, mut quoted) = (0usize, 0usize, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The terms of a query text as the limit counts them: every run of letters or digits, the
/// operators `OR`, `AND` and `NOT` excepted; a run in a script written without spaces
/// (Chinese, Japanese, Korean) counts one term per two characters, about what its analyzers
/// cut it into.
pub fn count_terms(text: &str) -> usize {
    let mut terms = 0;
    for run in text.split(|c: char| !c.is_alphanumeric()) {
        if run.is_empty() || matches!(run, "OR" | "AND" | "NOT") {
            continue;
        }
        let unspaced = run.chars().filter(|&c| is_unspaced_script(c)).count();
        let spaced = run.chars().count() - unspaced;
        terms += unspaced.div_ceil(2) + usize::from(spaced > 0);
    }
    terms
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}' // kana
        | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' // han
        | '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' // hangul
        | '\u{20000}'..='\u{2ffff}')
}

#[cfg(test)]
mod tests {
    use super::count_terms;

    #[test]
    fn nesting_counts_parentheses_outside_quotes() {
        use super::nesting;
        assert_eq!(nesting("minsk"), 0);
        assert_eq!(nesting("(a OR b) (c OR (d -e))"), 2);
        assert_eq!(nesting("\"(((\" a"), 0);
        assert_eq!(nesting("((((("), 5);
        assert_eq!(nesting(")))((("), 3);
    }

    #[test]
    fn terms_are_words_and_pairs_of_unspaced_characters() {
        assert_eq!(count_terms(""), 0);
        assert_eq!(count_terms("  \"\" -- ()"), 0);
        assert_eq!(count_terms("ceasefire"), 1);
        assert_eq!(
            count_terms("\"security guarantees\" OR neutrality -crimea"),
            4
        );
        assert_eq!(count_terms("title:minsk AND body:2015"), 4);
        assert_eq!(count_terms("停战协定"), 2);
        assert_eq!(count_terms("停战协定在板门店"), 4);
        assert_eq!(count_terms("G7サミット"), 3);
        assert_eq!(count_terms("비핵화 협상"), 3);
    }
}
