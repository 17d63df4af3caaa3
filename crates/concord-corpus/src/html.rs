//! Plain text from HTML pages: the title (`<title>`, else the first `<h1>`) and the visible
//! text, one line per block element, entities decoded. Scripts, styles and comments are
//! dropped; removing navigation and footer boilerplate is the extraction step's job.

/// The title and the visible text of an HTML document.
pub fn html_to_text(html: &str) -> (Option<String>, String) {
    let title = element_text(html, "title").or_else(|| element_text(html, "h1"));
    (
        title.filter(|title| !title.is_empty()),
        visible_text(html, false),
    )
}

/// The visible text without page furniture: `nav`, `footer`, `aside`, `form` elements and
/// elements whose class or id names a menu, share bar, cookie notice, comment box, related
/// links, newsletter or advertisement are dropped with everything inside them.
pub fn article_text(html: &str) -> String {
    visible_text(html, true)
}

/// The first `<h1>` of a page, else its `<title>`.
pub fn headline(html: &str) -> Option<String> {
    element_text(html, "h1")
        .filter(|title| !title.is_empty())
        .or_else(|| element_text(html, "title").filter(|title| !title.is_empty()))
}

/// The anchors of the article: those outside navigation, footers, share bars and the like.
pub fn article_anchors(html: &str) -> Vec<(String, String)> {
    anchors(&without_furniture(html))
}

/// The page with its furniture elements (see [`is_furniture`]) cut out, markup kept.
fn without_furniture(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let raw_tag = &rest[open + 1..open + close];
        let tag = raw_tag.trim().to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|ch| ch.is_ascii_alphanumeric())
            .collect();
        kept.push_str(&rest[..open + close + 1]);
        rest = &rest[open + close + 1..];
        if !name.is_empty()
            && !tag.ends_with('/')
            && !VOID_ELEMENTS.contains(&name.as_str())
            && is_furniture(&name, &format!(" {raw_tag}"))
        {
            kept.truncate(kept.len() - (close + 1));
            rest = skip_element(rest, &name);
        }
    }
    kept.push_str(rest);
    kept
}

/// The `href` and text of every `<a>` element with an absolute target.
pub fn anchors(html: &str) -> Vec<(String, String)> {
    let mut anchors = Vec::new();
    let mut rest = html;
    while let Some(open) = find_case_insensitive(rest, "<a ") {
        rest = &rest[open..];
        let Some(close) = rest.find('>') else { break };
        let href = attribute(&rest[..close], "href");
        rest = &rest[close + 1..];
        let end = find_case_insensitive(rest, "</a").unwrap_or_else(|| {
            let mut end = rest.len().min(200);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            end
        });
        let text = visible_text(&rest[..end], false)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(href) = href.filter(|href| href.starts_with("http")) {
            anchors.push((decode_entities(&href), text));
        }
        rest = &rest[end..];
    }
    anchors
}

/// The value of `name="..."` (or single-quoted) inside a start tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut search = 0;
    while let Some(found) = lower[search..].find(name) {
        let at = search + found;
        search = at + name.len();
        let before_ok = lower[..at].ends_with(|ch: char| ch.is_whitespace());
        let after = lower[at + name.len()..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - after.len() + 1;
        let value = tag[value_start..].trim_start();
        let quote = value.chars().next()?;
        return if quote == '"' || quote == '\'' {
            value[1..]
                .find(quote)
                .map(|end| value[1..1 + end].to_string())
        } else {
            Some(
                value
                    .split(|ch: char| ch.is_whitespace() || ch == '>')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            )
        };
    }
    None
}

/// Elements that hold page furniture rather than the article.
const FURNITURE_ELEMENTS: [&str; 6] = ["nav", "footer", "aside", "form", "noscript", "iframe"];

/// Words in a class or id that mark furniture.
const FURNITURE_CLASSES: [&str; 16] = [
    "nav",
    "menu",
    "breadcrumb",
    "share",
    "social",
    "cookie",
    "consent",
    "comment",
    "related",
    "newsletter",
    "subscribe",
    "advert",
    "banner",
    "sidebar",
    "footer",
    "promo",
];

fn is_furniture(name: &str, tag: &str) -> bool {
    if FURNITURE_ELEMENTS.contains(&name) {
        return true;
    }
    ["class", "id"].iter().any(|attr| {
        attribute(tag, attr).is_some_and(|value| {
            let value = value.to_ascii_lowercase();
            FURNITURE_CLASSES.iter().any(|word| value.contains(word))
        })
    })
}

/// Skips past the end of the element whose start tag was just read, nested ones included.
fn skip_element<'a>(rest: &'a str, name: &str) -> &'a str {
    let open = format!("<{name}");
    let close = format!("</{name}");
    let mut depth = 1;
    let mut position = 0;
    while depth > 0 {
        let next_open = find_case_insensitive(&rest[position..], &open);
        let next_close = find_case_insensitive(&rest[position..], &close);
        match (next_open, next_close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                position += o + open.len();
            }
            (_, Some(c)) => {
                depth -= 1;
                position += c + close.len();
            }
            (_, None) => return "",
        }
    }
    rest[position..]
        .find('>')
        .map_or("", |gt| &rest[position + gt + 1..])
}

/// Elements that have no end tag.
const VOID_ELEMENTS: [&str; 8] = ["br", "hr", "img", "input", "meta", "link", "source", "wbr"];

const BLOCKS: [&str; 24] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "blockquote",
    "pre",
    "hr",
    "aside",
    "title",
];

fn visible_text(html: &str, drop_furniture: bool) -> String {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        push_text_node(&mut text, &rest[..open]);
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(close) = rest.find('>') else {
            rest = "";
            break;
        };
        let raw_tag = &rest[1..close];
        let tag = raw_tag.trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|ch| ch.is_ascii_alphanumeric())
            .collect();
        rest = &rest[close + 1..];
        if drop_furniture
            && !tag.starts_with('/')
            && !tag.ends_with('/')
            && !name.is_empty()
            && !VOID_ELEMENTS.contains(&name.as_str())
            && is_furniture(&name, &format!(" {raw_tag}"))
        {
            text.push('\n');
            rest = skip_element(rest, &name);
            continue;
        }
        if (name == "script" || name == "style" || name == "head") && !tag.starts_with('/') {
            let end = format!("</{name}");
            rest = find_case_insensitive(rest, &end).map_or("", |at| {
                rest[at..].find('>').map_or("", |gt| &rest[at + gt + 1..])
            });
            if name == "head" {
                text.push('\n');
            }
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            text.push('\n');
        }
    }
    push_text_node(&mut text, rest);
    let lines: Vec<String> = text
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let mut out = String::new();
    let mut blank = 0;
    for line in lines {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out
}

/// Appends a text node with its whitespace collapsed, as a browser renders it.
fn push_text_node(text: &mut String, node: &str) {
    let decoded = decode_entities(node);
    let mut last_was_space = text.ends_with([' ', '\n']);
    for ch in decoded.chars() {
        if ch.is_whitespace() && ch != '\u{a0}' {
            if !last_was_space {
                text.push(' ');
            }
            last_was_space = true;
        } else {
            text.push(ch);
            last_was_space = false;
        }
    }
}

fn element_text(html: &str, name: &str) -> Option<String> {
    let open = find_case_insensitive(html, &format!("<{name}"))?;
    let start = open + html[open..].find('>')? + 1;
    let end = start + find_case_insensitive(&html[start..], &format!("</{name}"))?;
    Some(
        visible_text(&html[start..end], false)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn find_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.to_ascii_lowercase();
    haystack
        .char_indices()
        .map(|(index, _)| index)
        .find(|&index| {
            haystack.len() - index >= needle.len()
                && haystack.as_bytes()[index..index + needle.len()]
                    .eq_ignore_ascii_case(needle.as_bytes())
        })
}

/// Decodes the common named entities and numeric references.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // Entities are ASCII and short: look for ';' within the first 12 bytes only,
        // on bytes, so that multi-byte text right after '&' cannot split a character.
        let end = rest.bytes().take(12).position(|byte| byte == b';');
        let decoded = end.and_then(|end| {
            let entity = &rest[1..end];
            let ch = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "hellip" => Some('…'),
                "laquo" => Some('«'),
                "raquo" => Some('»'),
                "copy" => Some('©'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            ch.map(|ch| (ch, end))
        });
        match decoded {
            Some((ch, end)) => {
                out.push(ch);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_visible_text_come_out_of_a_page() {
        let page = "<html><head><title>Minsk &amp; after</title><style>p{}</style></head>\
            <body><nav>Home | News</nav><h1>Ignored heading</h1><p>The <b>ceasefire</b>\n began.</p>\
            <script>var x = '<p>';</script><!-- a comment --><p>Second&nbsp;paragraph &#8212; end</p></body></html>";
        let (title, text) = html_to_text(page);
        assert_eq!(title.as_deref(), Some("Minsk & after"));
        assert_eq!(
            text,
            "Home | News\n\nIgnored heading\n\nThe ceasefire began.\n\nSecond paragraph — end"
        );
    }

    #[test]
    fn the_first_heading_is_the_title_without_a_title_element() {
        let (title, _) = html_to_text("<H1 class=x>和平交渉</H1><p>本文</p>");
        assert_eq!(title.as_deref(), Some("和平交渉"));
        assert_eq!(decode_entities("a &unknown; b &#x41;"), "a &unknown; b A");
    }

    #[test]
    fn entities_next_to_multibyte_text_decode_without_panicking() {
        assert_eq!(decode_entities("&gt; 東南アジア"), "> 東南アジア");
        assert_eq!(decode_entities("東&アジア;"), "東&アジア;");
        assert_eq!(decode_entities("末尾&"), "末尾&");
    }
}
