//! Plain text from HTML pages: the title (`<title>`, else the first `<h1>`) and the visible
//! text, one line per block element, entities decoded. Scripts, styles and comments are
//! dropped; removing navigation and footer boilerplate is the extraction step's job.

/// The title and the visible text of an HTML document.
pub fn html_to_text(html: &str) -> (Option<String>, String) {
    let title = element_text(html, "title").or_else(|| element_text(html, "h1"));
    (title.filter(|title| !title.is_empty()), visible_text(html))
}

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

fn visible_text(html: &str) -> String {
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
        let tag = rest[1..close].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|ch| ch.is_ascii_alphanumeric())
            .collect();
        rest = &rest[close + 1..];
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
        visible_text(&html[start..end])
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
