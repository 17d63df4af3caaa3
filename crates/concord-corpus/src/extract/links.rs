//! Links a page cites: bare URLs in its text and, for HTML, the targets of its anchors.

use serde::Serialize;

/// A cited URL, with the anchor text when the page gave one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Link {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Every `http://`, `https://` or `www.` URL in `text`, in order, without duplicates.
pub fn find_urls(text: &str) -> Vec<Link> {
    let mut links: Vec<Link> = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(at) = next_url_start(rest) {
        let candidate = &rest[at..];
        let length = candidate
            .find(|ch: char| ch.is_whitespace() || "<>\"'«»“”()[]{}".contains(ch))
            .unwrap_or(candidate.len());
        let url = candidate[..length].trim_end_matches(['.', ',', ';', ':', '!', '?', '。', '、']);
        if url.len() > "https://".len() {
            push_unique(&mut links, url.to_string(), None);
        }
        let advance = at + length.max(1);
        offset += advance;
        rest = &text[offset..];
    }
    links
}

fn next_url_start(text: &str) -> Option<usize> {
    ["https://", "http://", "www."]
        .iter()
        .filter_map(|prefix| {
            text.match_indices(prefix).find(|(at, _)| {
                text[..*at]
                    .chars()
                    .next_back()
                    .is_none_or(|ch| !ch.is_alphanumeric() && ch != '/' && ch != '.')
            })
        })
        .map(|(at, _)| at)
        .min()
}

/// Adds a link unless its URL is already there.
pub fn push_unique(links: &mut Vec<Link>, url: String, text: Option<String>) {
    if !links.iter().any(|link| link.url == url) {
        links.push(Link { url, text });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_found_and_trailing_punctuation_dropped() {
        let links = find_urls(
            "See https://x.com/i/status/2020087211832598918. Also (www.un.org/peace), \
             https://x.com/i/status/2020087211832598918 again; 접속: https://예시.kr/a。",
        );
        let urls: Vec<_> = links.iter().map(|link| link.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://x.com/i/status/2020087211832598918",
                "www.un.org/peace",
                "https://예시.kr/a"
            ]
        );
    }

    #[test]
    fn text_without_urls_has_no_links() {
        assert!(find_urls("no links here, just www").is_empty());
    }
}
