//! The search box never answers a syntax error: [`repair`] rewrites query text into text that
//! tantivy's strict query grammar reads, keeping every piece of syntax that has a meaning and
//! reading the rest as words, as Elasticsearch's `simple_query_string` does.
//!
//! Why a pass of our own rather than tantivy's `parse_query_lenient`: the lenient parser
//! drops what it cannot read without saying what, reads a single quote as a phrase quote
//! (`people's republic` loses its words) and takes `1: Ceasefire` for a field; our pass knows
//! which fields exist and says what it read differently, so the person sees it.
//!
//! The rules, in the order a query is read:
//! - `"…"` pairs are phrases (with `~2`, `*` or `^2` after them); a quote with no partner is
//!   dropped and its words are read as words.
//! - `(`/`)` pairs are groups; a parenthesis with no partner, or an empty group, is dropped.
//! - `title:` and `body:` scope what follows; any other `word:` is no field: the colon is
//!   read as a space (`Article 1: Ceasefire` is `Article 1 Ceasefire`).
//! - `-`/`+` before a word, phrase or group exclude or require it; alone they are dropped.
//!   `-5` stays the number.
//! - `AND`, `OR` between two clauses and `NOT` before one keep their meaning; at an end, or
//!   next to another operator, they are dropped. `IN` is the word "in".
//! - `^2` after a clause boosts it; any other `^` is a space. `[ ] { }` (tantivy's ranges
//!   and sets) are spaces. Apostrophes, backquotes, backslashes and a leading `/`, `<` or
//!   `>` (tantivy's regular expressions and ranges) are escaped, so they reach the analyzer
//!   as part of the word.
//!
//! Every rule that changes what a person may have meant adds a [`Notice`]: code
//! [`SYNTAX_IGNORED`] and a message saying what was read differently. Only colons followed by
//! a space, apostrophes and the like are read silently: they are punctuation, not syntax.
//! A message is given once, and a query gets at most `MAX_NOTICES` (8).

use crate::read::response::Notice;

/// The code of a notice that some syntax was read as words or dropped.
pub const SYNTAX_IGNORED: &str = "syntax_ignored";
/// The code of a notice that the text held nothing to search for, so every document matches.
pub const NOTHING_TO_SEARCH: &str = "nothing_to_search";

/// The scopes a query may name (`title:`, `body:`).
const SCOPES: [&str; 2] = [crate::schema::TITLE, crate::schema::BODY];

/// Query text rewritten for tantivy's grammar, and what was read differently.
#[derive(Debug, Default, PartialEq)]
pub struct Repaired {
    /// Text the strict grammar reads; empty when nothing is left to search for.
    pub text: String,
    pub notices: Vec<Notice>,
}

/// Rewrites `text` so that tantivy's `parse_query` reads it (see the module comment).
pub fn repair(text: &str) -> Repaired {
    let mut notices = Notices::default();
    let tokens = lex(text, &mut notices);
    let tokens = pair_parentheses(tokens, &mut notices);
    let mut position = 0;
    let (clauses, _) = clauses(&tokens, &mut position, &mut notices);
    let text = render(&clauses, &mut notices);
    Repaired {
        text,
        notices: notices.0,
    }
}

/// The text as plain words: every ASCII character but letters and digits a space (all of
/// tantivy's syntax is ASCII), the operators dropped. The last resort when the repaired text
/// still does not build (it should not happen).
pub fn plain_words(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || (c.is_ascii() && !c.is_ascii_alphanumeric()))
        .filter(|word| !word.is_empty() && !matches!(*word, "AND" | "OR" | "NOT" | "IN"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A notice for a person reading the answer.
pub fn notice(code: &str, message: String) -> Notice {
    Notice {
        code: code.to_string(),
        message,
    }
}

#[derive(Default)]
struct Notices(Vec<Notice>);

/// Most notices one query gets: enough to say what happened, not a page of them for text
/// full of stray parentheses.
const MAX_NOTICES: usize = 8;

impl Notices {
    fn ignored(&mut self, message: String) {
        if self.0.len() < MAX_NOTICES && !self.0.iter().any(|notice| notice.message == message) {
            self.0.push(notice(SYNTAX_IGNORED, message));
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// A word as typed, with any `-`/`+` or `title:` still on it.
    Word(String),
    /// A phrase's words and what follows its closing quote (`~2`, `*`, `^2`).
    Phrase(String, String),
    /// `-` or `+` directly before a phrase or a group.
    Occur(char),
    /// `title:` or `body:` directly before a phrase or a group, or followed by a space.
    Scope(String),
    Open,
    /// A closing parenthesis and the boost directly after it (`^2`), if any.
    Close(String),
    /// A parenthesis with no partner (replaced by [`pair_parentheses`]).
    Unpaired,
}

/// Cuts the text into tokens: phrases (paired quotes), parentheses and words.
fn lex(text: &str, notices: &mut Notices) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' {
            match chars[i + 1..].iter().position(|&c| c == '"') {
                Some(length) => {
                    let words: String = chars[i + 1..i + 1 + length]
                        .iter()
                        .map(|&c| if c == '\\' { ' ' } else { c })
                        .collect();
                    i += length + 2;
                    let start = i;
                    while i < chars.len() && !chars[i].is_whitespace() && !"\"()".contains(chars[i])
                    {
                        i += 1;
                    }
                    let after: String = chars[start..i].iter().collect();
                    let (suffix, rest) = phrase_suffix(&after);
                    if words.trim().is_empty() {
                        notices.ignored("empty quotes were ignored".to_string());
                    } else {
                        tokens.push(Token::Phrase(words, suffix.to_string()));
                    }
                    if !rest.is_empty() {
                        tokens.push(Token::Word(rest.to_string()));
                    }
                }
                None => {
                    let next = next_word(&chars[i + 1..]);
                    notices.ignored(if next.is_empty() {
                        "the quote at the end has no partner: ignored".to_string()
                    } else {
                        format!("the quote before {next:?} has no partner: read as a word")
                    });
                    i += 1;
                }
            }
        } else if c == '(' {
            tokens.push(Token::Open);
            i += 1;
        } else if c == ')' {
            i += 1;
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && !"\"()".contains(chars[i]) {
                i += 1;
            }
            let after: String = chars[start..i].iter().collect();
            match after.strip_prefix('^').filter(|number| is_boost(number)) {
                Some(_) => tokens.push(Token::Close(after)),
                None => {
                    tokens.push(Token::Close(String::new()));
                    if !after.is_empty() {
                        tokens.push(Token::Word(after));
                    }
                }
            }
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && !"\"()".contains(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let attached = i < chars.len() && (chars[i] == '"' || chars[i] == '(');
            lex_word(word, attached, &mut tokens);
        }
    }
    tokens
}

/// A word directly followed by a quote or a parenthesis may be its occur (`-"a b"`) or scope
/// (`title:(a b)`); a scope followed by a space applies to what follows (`title: war`).
fn lex_word(word: String, attached: bool, tokens: &mut Vec<Token>) {
    let occur = word.chars().next().filter(|c| *c == '-' || *c == '+');
    if attached && let Some(occur) = occur {
        let rest = &word[1..];
        if rest.is_empty() {
            tokens.push(Token::Occur(occur));
            return;
        }
        if let Some(scope) = scope_only(rest) {
            tokens.push(Token::Occur(occur));
            tokens.push(Token::Scope(scope));
            return;
        }
    }
    if let Some(scope) = scope_only(&word) {
        tokens.push(Token::Scope(scope));
        return;
    }
    tokens.push(Token::Word(word));
}

/// `title:` or `body:` alone.
fn scope_only(word: &str) -> Option<String> {
    word.strip_suffix(':')
        .filter(|name| SCOPES.contains(name))
        .map(str::to_string)
}

/// The first word of `chars`, for messages.
fn next_word(chars: &[char]) -> String {
    chars
        .iter()
        .skip_while(|c| c.is_whitespace())
        .take_while(|c| !c.is_whitespace() && **c != '"')
        .collect()
}

/// Splits what directly follows a phrase's closing quote into the suffix tantivy reads
/// (`~2`, `*`, then `^2`) and the rest.
fn phrase_suffix(after: &str) -> (&str, &str) {
    let mut end = 0;
    if after.starts_with('*') {
        end = 1;
    } else if let Some(rest) = after.strip_prefix('~') {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && digits <= 9 {
            end = 1 + digits;
        }
    }
    if let Some(rest) = after[end..].strip_prefix('^') {
        let number = boost_prefix(rest);
        if number > 0 {
            end += 1 + number;
        }
    }
    after.split_at(end)
}

/// The length of the positive number at the start of `text` (`2`, `1.5`), 0 if none.
fn boost_prefix(text: &str) -> usize {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return 0;
    }
    let rest = &text[digits..];
    match rest.strip_prefix('.') {
        Some(fraction) => {
            let more = fraction.chars().take_while(char::is_ascii_digit).count();
            if more > 0 { digits + 1 + more } else { digits }
        }
        None => digits,
    }
}

fn is_boost(text: &str) -> bool {
    !text.is_empty() && boost_prefix(text) == text.len()
}

/// Keeps the parentheses that pair up; the others become [`Token::Unpaired`], with a notice.
fn pair_parentheses(mut tokens: Vec<Token>, notices: &mut Notices) -> Vec<Token> {
    let mut open = Vec::new();
    let mut unpaired = Vec::new();
    for (at, token) in tokens.iter().enumerate() {
        match token {
            Token::Open => open.push(at),
            Token::Close(_) => unpaired.extend(open.pop().is_none().then_some(at)),
            _ => {}
        }
    }
    unpaired.extend(open);
    unpaired.sort_unstable();
    for at in unpaired {
        let message = match &tokens[at] {
            Token::Open => match tokens[at + 1..].iter().find_map(word_of) {
                Some(word) => format!("the parenthesis before {word:?} has no partner: ignored"),
                None => "the opening parenthesis has no partner: ignored".to_string(),
            },
            _ => match tokens[..at].iter().rev().find_map(word_of) {
                Some(word) => format!("the parenthesis after {word:?} has no partner: ignored"),
                None => "the closing parenthesis has no partner: ignored".to_string(),
            },
        };
        notices.ignored(message);
        tokens[at] = Token::Unpaired;
    }
    tokens
}

fn word_of(token: &Token) -> Option<String> {
    match token {
        Token::Word(word) => Some(word.clone()),
        Token::Phrase(words, _) => Some(format!("\"{words}\"")),
        _ => None,
    }
}

/// One clause: `[-|+] [NOT] [title:] atom [^boost]`, or an operator between clauses.
#[derive(Debug)]
enum Clause {
    Operator(&'static str),
    Not,
    Atom {
        occur: Option<char>,
        scope: Option<String>,
        atom: Atom,
    },
}

#[derive(Debug)]
enum Atom {
    /// A word in tantivy's syntax, escapes and boost included.
    Word(String),
    Phrase(String, String),
    Group(Vec<Clause>, String),
}

/// Reads clauses up to the end or a closing parenthesis; with the boost after that
/// parenthesis (`^2`), if any.
fn clauses(tokens: &[Token], position: &mut usize, notices: &mut Notices) -> (Vec<Clause>, String) {
    let mut out = Vec::new();
    let mut occur: Option<char> = None;
    let mut scope: Option<String> = None;
    let mut boost = String::new();
    while *position < tokens.len() {
        let token = &tokens[*position];
        *position += 1;
        match token {
            Token::Close(after) => {
                boost.clone_from(after);
                break;
            }
            Token::Unpaired => {
                occur = None;
                scope = None;
            }
            Token::Occur(symbol) => occur = Some(*symbol),
            Token::Scope(name) => scope = Some(name.clone()),
            Token::Open => {
                let (inner, boost) = clauses(tokens, position, notices);
                out.push(Clause::Atom {
                    occur: occur.take(),
                    scope: scope.take(),
                    atom: Atom::Group(inner, boost),
                });
            }
            Token::Phrase(words, suffix) => out.push(Clause::Atom {
                occur: occur.take(),
                scope: scope.take(),
                atom: Atom::Phrase(words.clone(), suffix.clone()),
            }),
            Token::Word(word) => {
                out.extend(word_clauses(word, occur.take(), scope.take(), notices));
            }
        }
    }
    if let Some(name) = scope {
        notices.ignored(format!("\"{name}:\" has nothing after it: ignored"));
    }
    (out, boost)
}

/// The clauses of one typed word: an operator, or words with their occur, scope and boost.
fn word_clauses(
    word: &str,
    occur: Option<char>,
    scope: Option<String>,
    notices: &mut Notices,
) -> Vec<Clause> {
    match word {
        "AND" | "OR" => return vec![Clause::Operator(if word == "AND" { "AND" } else { "OR" })],
        "NOT" => return vec![Clause::Not],
        _ => {}
    }
    // `-5` is the number, as tantivy reads it.
    if word.strip_prefix('-').is_some_and(is_boost) {
        return vec![Clause::Atom {
            occur,
            scope,
            atom: Atom::Word(word.to_string()),
        }];
    }
    let (occur, word) = match word.chars().next() {
        Some(symbol @ ('-' | '+')) => {
            let rest = word.trim_start_matches(['-', '+']);
            if rest.is_empty() {
                notices.ignored(format!("a lone {word:?} was ignored"));
                return Vec::new();
            }
            (Some(symbol), rest)
        }
        _ => (occur, word),
    };
    // A scope on the word itself (`title:war`); any other colon is a space.
    let (scope, word) = match word.split_once(':') {
        Some((name, rest)) if SCOPES.contains(&name) && !rest.is_empty() => {
            (Some(name.to_string()), rest)
        }
        _ => (scope, word),
    };
    if let Some((name, rest)) = word.split_once(':')
        && !name.is_empty()
        && name.chars().all(char::is_alphanumeric)
        && rest.chars().next().is_some_and(char::is_alphanumeric)
    {
        notices.ignored(format!(
            "{name:?} is not a field (only title: and body: are): the colon was read as a space"
        ));
    }
    let mut parts: Vec<String> = Vec::new();
    for (at, part) in word.split(':').enumerate() {
        let part = if at == 0 {
            part
        } else {
            part.trim_start_matches(['-', '+'])
        };
        parts.extend(plain_parts(part, notices));
    }
    let count = parts.len();
    if count == 0 {
        if occur.is_some() || scope.is_some() {
            notices.ignored(format!("{word:?} has no word to search for: ignored"));
        }
        return Vec::new();
    }
    parts
        .into_iter()
        .map(|part| Clause::Atom {
            occur,
            scope: scope.clone(),
            atom: Atom::Word(part),
        })
        .collect()
}

/// A word without colons, as tantivy words: brackets and stray `^` are spaces, a trailing
/// `^2` is the boost, and apostrophes, backquotes, backslashes and a leading `/` are escaped.
fn plain_parts(word: &str, notices: &mut Notices) -> Vec<String> {
    let (word, boost) = match word.rsplit_once('^') {
        Some((head, number)) if is_boost(number) && !head.is_empty() => {
            (head, format!("^{number}"))
        }
        _ => (word, String::new()),
    };
    if word.contains(['[', ']', '{', '}']) {
        notices.ignored("brackets [ ] and braces { } were read as spaces".to_string());
    }
    if word.contains('^') {
        notices.ignored(
            "a \"^\" not between a word and a number (word^2) was read as a space".to_string(),
        );
    }
    let pieces: Vec<&str> = word
        .split(['[', ']', '{', '}', '^'])
        .filter(|piece| !piece.is_empty())
        .collect();
    let last = pieces.len().saturating_sub(1);
    pieces
        .into_iter()
        .enumerate()
        .filter_map(|(at, piece)| {
            let piece = piece.trim_start_matches(['-', '+']);
            if piece.is_empty() {
                return None;
            }
            if piece == "IN" {
                return Some("in".to_string());
            }
            let mut escaped = String::with_capacity(piece.len() + 2);
            for (index, c) in piece.chars().enumerate() {
                // A leading `/` opens a regular expression, `<` and `>` a range.
                if matches!(c, '\'' | '`' | '\\') || (index == 0 && matches!(c, '/' | '<' | '>')) {
                    escaped.push('\\');
                }
                escaped.push(c);
            }
            if matches!(escaped.as_str(), "AND" | "OR" | "NOT") {
                escaped = escaped.to_lowercase();
            }
            if at == last {
                escaped.push_str(&boost);
            }
            Some(escaped)
        })
        .collect()
}

/// Writes clauses back as text, dropping operators with nothing to join and empty groups.
fn render(clauses: &[Clause], notices: &mut Notices) -> String {
    let mut out: Vec<String> = Vec::new();
    // An operator waiting for its right side, and a `NOT` waiting for its clause.
    let mut pending: Option<&'static str> = None;
    let mut not = false;
    for clause in clauses {
        match clause {
            Clause::Operator(operator) => {
                if out.is_empty() {
                    notices.ignored(format!("{operator:?} has nothing on its left: ignored"));
                } else if let Some(previous) = pending {
                    notices.ignored(format!("{operator:?} right after {previous:?} was ignored"));
                } else if not {
                    notices.ignored(format!("{operator:?} right after \"NOT\" was ignored"));
                } else {
                    pending = Some(operator);
                }
            }
            Clause::Not => {
                if not {
                    notices.ignored("a repeated \"NOT\" was ignored".to_string());
                }
                not = true;
            }
            Clause::Atom { occur, scope, atom } => {
                let body = match atom {
                    Atom::Word(word) => word.clone(),
                    Atom::Phrase(words, suffix) => format!("\"{words}\"{suffix}"),
                    Atom::Group(inner, boost) => {
                        let inner = render(inner, notices);
                        if inner.is_empty() {
                            notices.ignored("empty parentheses were ignored".to_string());
                            continue;
                        }
                        format!("({inner}){boost}")
                    }
                };
                let scope = scope
                    .as_deref()
                    .map(|name| format!("{name}:"))
                    .unwrap_or_default();
                let text = match (not, occur) {
                    (true, Some(_)) => {
                        notices.ignored("\"NOT\" before a \"-\" or \"+\" was ignored".to_string());
                        format!("{}{scope}{body}", occur.unwrap_or('+'))
                    }
                    (true, None) => format!("NOT {scope}{body}"),
                    (false, Some(symbol)) => format!("{symbol}{scope}{body}"),
                    (false, None) => format!("{scope}{body}"),
                };
                not = false;
                if let Some(operator) = pending.take() {
                    out.push(operator.to_string());
                }
                out.push(text);
            }
        }
    }
    if let Some(operator) = pending {
        notices.ignored(format!("{operator:?} has nothing on its right: ignored"));
    }
    if not {
        notices.ignored("\"NOT\" has nothing after it: ignored".to_string());
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(query: &str) -> String {
        repair(query).text
    }

    #[test]
    fn valid_syntax_is_kept() {
        for query in [
            "a",
            "\"a b\"",
            "a OR b",
            "a -b",
            "-b",
            "+a b",
            "title:a",
            "a -\"b c d\"",
            "(a OR b) -(c d)",
            "\"a b\"~2",
            "\"a b\"^1",
            "war^2",
            "a AND NOT b",
            "-5",
            "title:(minsk OR istanbul)",
            "body:\"package of measures\"",
            "\"Minsk II\"~2",
            "(a OR b) c",
            "NOT grain",
            "C++ 50% #peace peace@geneva",
        ] {
            let repaired = repair(query);
            assert_eq!(repaired.text, query);
            assert!(repaired.notices.is_empty(), "{query}: {repaired:?}");
        }
    }

    #[test]
    fn what_does_not_parse_is_read_as_words() {
        assert_eq!(text("people's republic"), "people\\'s republic");
        assert_eq!(text("Article 1: Ceasefire"), "Article 1 Ceasefire");
        assert_eq!(text("nosuchfield:war"), "nosuchfield war");
        assert_eq!(text("\"unbalanced quote"), "unbalanced quote");
        assert_eq!(text("ceasefire AND"), "ceasefire");
        assert_eq!(text("OR ceasefire"), "ceasefire");
        assert_eq!(text("[brackets] {peace}"), "brackets peace");
        assert_eq!(text("(a b"), "a b");
        assert_eq!(text("a b)"), "a b");
        assert_eq!(text("- ^ ( ) \" :"), "");
        assert_eq!(text("Made IN China"), "Made in China");
        assert_eq!(text("/regex/"), "\\/regex/");
        assert_eq!(text("date:>2015"), "date \\>2015");
        assert_eq!(text("title: war"), "title:war");
        assert_eq!(text("NOT"), "");
        assert_eq!(text("a ()"), "a");
    }

    #[test]
    fn notices_say_what_was_read_differently() {
        let repaired = repair("\"unbalanced quote");
        assert_eq!(
            repaired.notices,
            [notice(
                SYNTAX_IGNORED,
                "the quote before \"unbalanced\" has no partner: read as a word".to_string()
            )]
        );
        assert!(repair("Article 1: Ceasefire").notices.is_empty());
        assert!(repair("Côte d'Ivoire").notices.is_empty());
        assert_eq!(repair("ceasefire AND").notices.len(), 1);
    }

    #[test]
    fn notices_are_few_and_never_repeated() {
        assert_eq!(repair(")))))").notices.len(), 1);
        let many: String = (0..100).map(|n| format!("w{n}) ")).collect();
        assert_eq!(repair(&many).notices.len(), MAX_NOTICES);
    }

    #[test]
    fn plain_words_keep_only_words() {
        assert_eq!(plain_words("a:b \"c\" (d) AND -e"), "a b c d e");
    }
}
