//! Concord's query syntax in FTS5's.
//!
//! Concord: words are all required, `"a b"` is a phrase, `A OR B` either, `-word` excludes,
//! `title:`/`body:` scope a word. FTS5: adjacent items are ANDed, `OR` as is, `NOT` is binary
//! (`X NOT Y`), `title : word` scopes. So `istanbul -grain` becomes `istanbul NOT grain`, and
//! `a b OR c` becomes `a (b OR c)` (in Concord, as in Lucene, OR joins its two neighbours; in
//! FTS5 OR binds looser than AND, hence the parentheses).

/// One item of the query: a word or phrase, with its column scope.
#[derive(Debug, PartialEq)]
struct Item {
    text: String,
    phrase: bool,
    column: Option<&'static str>,
}

impl Item {
    fn render(&self) -> String {
        let body = if self.phrase || !is_bareword(&self.text) {
            format!("\"{}\"", self.text.replace('"', "\"\""))
        } else {
            self.text.clone()
        };
        match self.column {
            Some(column) => format!("{column} : {body}"),
            None => body,
        }
    }
}

/// FTS5 takes a bareword as is: ASCII letters, digits, `_` and any non-ASCII character,
/// except the operators. Anything else is quoted.
fn is_bareword(text: &str) -> bool {
    !text.is_empty()
        && !matches!(text, "AND" | "OR" | "NOT" | "NEAR")
        && text
            .chars()
            .all(|c| !c.is_ascii() || c.is_ascii_alphanumeric() || c == '_')
}

/// The FTS5 MATCH expression for Concord query text; `None` when the text is empty (every
/// document matches). Errors for what FTS5 cannot express here.
pub fn to_fts5(query: &str) -> Result<Option<String>, String> {
    // Required items grouped by OR: `a b OR c` → [[a], [b, c]].
    let mut groups: Vec<Vec<Item>> = Vec::new();
    let mut excluded: Vec<Item> = Vec::new();
    let mut pending_or = false;
    let mut chars = query.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let negated = c == '-';
        if negated {
            chars.next();
        }
        let mut word = String::new();
        let mut phrase = false;
        if chars.peek() == Some(&'"') {
            chars.next();
            phrase = true;
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                word.push(c);
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == '"' && word.ends_with(':') {
                    // `body:"a phrase"`: the quoted part stays with its scope.
                    word.push(chars.next().unwrap_or('"'));
                    for c in chars.by_ref() {
                        word.push(c);
                        if c == '"' {
                            break;
                        }
                    }
                    break;
                }
                if c.is_whitespace() || c == '"' {
                    break;
                }
                word.push(c);
                chars.next();
            }
        }
        if !phrase && !negated {
            match word.as_str() {
                "OR" => {
                    pending_or = !groups.is_empty();
                    continue;
                }
                "AND" => continue,
                _ => {}
            }
        }
        if word.starts_with('(') || word.ends_with(')') {
            return Err("parentheses are not supported by the SQLite peer".to_string());
        }
        let item = scoped(word, phrase)?;
        if item.text.trim().is_empty() {
            continue;
        }
        if negated {
            excluded.push(item);
        } else if pending_or {
            groups.last_mut().expect("OR follows an item").push(item);
            pending_or = false;
        } else {
            groups.push(vec![item]);
        }
    }
    if groups.is_empty() {
        return if excluded.is_empty() {
            Ok(None)
        } else {
            Err("a query of exclusions only has no FTS5 form (NOT is binary)".to_string())
        };
    }
    let mut expression: Vec<String> = groups
        .iter()
        .map(|group| {
            let alternatives: Vec<String> = group.iter().map(Item::render).collect();
            if alternatives.len() == 1 {
                alternatives.join("")
            } else {
                format!("({})", alternatives.join(" OR "))
            }
        })
        .collect();
    for item in &excluded {
        expression.push(format!("NOT {}", item.render()));
    }
    Ok(Some(expression.join(" ")))
}

/// `title:word`, `body:"a phrase"` → the item with its column.
fn scoped(word: String, phrase: bool) -> Result<Item, String> {
    if !phrase && let Some((field, rest)) = word.split_once(':') {
        let column = match field {
            "title" => "title",
            "body" => "body",
            other => return Err(format!("unknown field {other:?} (title: or body:)")),
        };
        let (text, phrase) = match rest.strip_prefix('"') {
            Some(quoted) => (quoted.trim_end_matches('"').to_string(), true),
            None => (rest.to_string(), false),
        };
        return Ok(Item {
            text,
            phrase,
            column: Some(column),
        });
    }
    Ok(Item {
        text: word,
        phrase,
        column: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(query: &str) -> String {
        to_fts5(query).unwrap().unwrap()
    }

    #[test]
    fn concord_syntax_maps_to_fts5() {
        assert_eq!(fts("Bougainville"), "Bougainville");
        assert_eq!(
            fts("nuclear disarmament treaty"),
            "nuclear disarmament treaty"
        );
        assert_eq!(fts("\"peaceful settlement\""), "\"peaceful settlement\"");
        assert_eq!(
            fts("apartheid OR colonialism"),
            "(apartheid OR colonialism)"
        );
        assert_eq!(fts("a b OR c d"), "a (b OR c) d");
        assert_eq!(fts("istanbul -grain"), "istanbul NOT grain");
        assert_eq!(
            fts("ceasefire -korea -\"north korea\""),
            "ceasefire NOT korea NOT \"north korea\""
        );
        assert_eq!(fts("Dolmabahçe 停戦"), "Dolmabahçe 停戦");
        assert_eq!(
            fts("d'Arusha cessez-le-feu"),
            "\"d'Arusha\" \"cessez-le-feu\""
        );
        assert_eq!(
            fts("title:peace body:\"a b\""),
            "title : peace body : \"a b\""
        );
        assert_eq!(fts("NOT"), "\"NOT\"");
        assert_eq!(to_fts5("  ").unwrap(), None);
        assert!(to_fts5("-korea").is_err());
    }
}
