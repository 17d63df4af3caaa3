//! Separates what a page says from its furniture: navigation, share and comment prompts,
//! cookie notices, copyright lines and stray junk are removed; footnotes and the reference list
//! are taken out of the body and kept as provenance.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use serde::Serialize;

/// A line taken out of the body, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub line: String,
    pub reason: &'static str,
}

/// A numbered note: `[1] ...`, `¹ ...`, or a number line after the text used it as a marker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Footnote {
    pub marker: String,
    pub text: String,
}

/// The body split into text and provenance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Cleaned {
    /// The first meaningful line, when the caller has no title.
    pub title: Option<String>,
    pub body: String,
    pub footnotes: Vec<Footnote>,
    pub references: Vec<String>,
    pub removed: Vec<Removed>,
}

/// Phrases that mark a short line as page furniture, in the corpus languages (lowercase).
const BOILERPLATE: &[&str] = &[
    // English
    "share this",
    "share on",
    "related posts",
    "related articles",
    "related stories",
    "related news",
    "read more",
    "read also",
    "see also:",
    "leave a comment",
    "leave a reply",
    "comments",
    "cookie",
    "subscribe",
    "newsletter",
    "sign up",
    "log in",
    "skip to content",
    "skip to main",
    "back to top",
    "all rights reserved",
    "privacy policy",
    "terms of use",
    "advertisement",
    "follow us",
    "print this",
    "tags:",
    "filed under",
    "you may also like",
    // French
    "partager",
    "articles liés",
    "articles similaires",
    "lire aussi",
    "laisser un commentaire",
    "laissez un commentaire",
    "abonnez-vous",
    "tous droits réservés",
    "publicité",
    "mentions légales",
    "politique de confidentialité",
    // German
    "teilen",
    "ähnliche artikel",
    "das könnte sie auch interessieren",
    "kommentar schreiben",
    "kommentare",
    "datenschutz",
    "impressum",
    "alle rechte vorbehalten",
    "anzeige",
    "newsletter abonnieren",
    "zum seitenanfang",
    // Spanish
    "compartir",
    "artículos relacionados",
    "noticias relacionadas",
    "lea también",
    "deja un comentario",
    "deje un comentario",
    "suscríbete",
    "todos los derechos reservados",
    "publicidad",
    "política de privacidad",
    // Russian
    "поделиться",
    "читайте также",
    "похожие материалы",
    "комментари",
    "подписаться",
    "подпишитесь",
    "все права защищены",
    "реклама",
    "файлы cookie",
    // Ukrainian
    "поділитися",
    "читайте також",
    "схожі матеріали",
    "коментар",
    "підписатися",
    "підпишіться",
    "усі права захищені",
    "всі права захищені",
    // Turkish
    "paylaş",
    "ilgili haberler",
    "benzer haberler",
    "yorum yap",
    "yorumlar",
    "abone ol",
    "tüm hakları saklıdır",
    "reklam",
    "çerez",
    "gizlilik politikası",
    // Greek
    "κοινοποίηση",
    "μοιραστείτε",
    "σχετικές δημοσιεύσεις",
    "σχετικά άρθρα",
    "αφήστε ένα σχόλιο",
    "σχόλια",
    "εγγραφείτε",
    "όλα τα δικαιώματα",
    "διαφήμιση",
    "πολιτική απορρήτου",
    // Arabic
    "شارك",
    "مقالات ذات صلة",
    "أخبار ذات صلة",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "اترك تعليقا",
    "اترك تعليقاً",
    "التعليقات",
    "اشترك",
    "جميع الحقوق محفوظة",
    "إعلان",
    "ملفات تعريف الارتباط",
    "سياسة الخصوصية",
    // Japanese
    "シェア",
    "関連記事",
    "関連ニュース",
    "コメントする",
    "コメント欄",
    "購読",
    "無断転載",
    "広告",
    "クッキー",
    "プライバシーポリシー",
    "ページの先頭",
    "メニュー",
    // Korean
    "공유하기",
    "관련 뉴스",
    "관련 기사",
    "관련기사",
    "댓글",
    "구독",
    "무단 전재",
    "무단전재",
    "저작권자",
    "광고",
    "쿠키",
    "개인정보처리방침",
    "본문 바로가기",
    "제보하기",
    // Chinese
    "分享到",
    "相关阅读",
    "相关新闻",
    "相关文章",
    "发表评论",
    "评论区",
    "订阅",
    "版权所有",
    "广告",
    "扫码",
    "关注我们",
    "隐私政策",
    "返回顶部",
    "责任编辑",
    "©",
    "copyright",
];

/// Headings that open a reference list, in the corpus languages (lowercase, no colon).
const REFERENCE_HEADINGS: &[&str] = &[
    "references",
    "key references",
    "sources",
    "sources and notes",
    "notes",
    "footnotes",
    "bibliography",
    "further reading",
    "références",
    "sources et références",
    "bibliographie",
    "quellen",
    "literatur",
    "anmerkungen",
    "einzelnachweise",
    "quellen und literatur",
    "referencias",
    "fuentes",
    "notas",
    "bibliografía",
    "источники",
    "примечания",
    "литература",
    "ссылки",
    "джерела",
    "примітки",
    "література",
    "посилання",
    "kaynaklar",
    "kaynakça",
    "notlar",
    "dipnotlar",
    "πηγές",
    "παραπομπές",
    "σημειώσεις",
    "βιβλιογραφία",
    "المراجع",
    "المصادر",
    "الهوامش",
    "مراجع",
    "مصادر",
    "参考文献",
    "出典",
    "脚注",
    "注釈",
    "参考資料",
    "참고 문헌",
    "참고문헌",
    "출처",
    "각주",
    "주석",
    "参考资料",
    "注释",
    "资料来源",
];

/// Splits `text` into a clean body and its provenance.
pub fn clean(text: &str, want_title: bool) -> Cleaned {
    let mut cleaned = Cleaned::default();
    let mut kept: Vec<&str> = Vec::new();
    let mut in_references = false;
    let mut markers_seen = std::collections::HashSet::new();
    // A reference list closes a page: a "Notes" line in a table of contents near the top does
    // not open one.
    let references_from = text.len() * 2 / 5;
    let mut offset = 0;
    for raw_line in text.lines() {
        let line_start = offset;
        offset += raw_line.len() + 1;
        let line = raw_line.trim();
        if line.is_empty() {
            kept.push("");
            continue;
        }
        if line_start >= references_from && is_reference_heading(line) {
            in_references = true;
            cleaned
                .removed
                .push(removed(line, "reference list heading"));
            continue;
        }
        if let Some(reason) = furniture(line) {
            cleaned.removed.push(removed(line, reason));
            continue;
        }
        if in_references {
            cleaned.references.push(line.to_string());
            continue;
        }
        if let Some(note) = footnote(line, &markers_seen) {
            cleaned.footnotes.push(note);
            continue;
        }
        for marker in inline_markers(line) {
            markers_seen.insert(marker);
        }
        if want_title && cleaned.title.is_none() {
            cleaned.title = Some(strip_markers(line));
            continue;
        }
        kept.push(raw_line.trim_end());
    }
    cleaned.body = join_paragraphs(&kept);
    cleaned
}

fn removed(line: &str, reason: &'static str) -> Removed {
    Removed {
        line: line.to_string(),
        reason,
    }
}

fn is_reference_heading(line: &str) -> bool {
    let heading = line
        .trim_start_matches(['#', '=', ' '])
        .trim_end_matches([':', '：', ' ', '#', '='])
        .to_lowercase();
    REFERENCE_HEADINGS.contains(&heading.as_str())
}

/// Why a line is page furniture, if it is.
fn furniture(line: &str) -> Option<&'static str> {
    let letters = line.chars().filter(|ch| ch.is_alphabetic()).count();
    if letters == 0 && !has_year_like_number(line) {
        return Some("no letters");
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() == 1
        && letters <= 4
        && line.chars().all(char::is_alphabetic)
        && line.is_ascii()
        && !line.chars().all(|ch| ch.is_uppercase())
    {
        return Some("junk line");
    }
    let short = line.chars().count() <= 100;
    if short {
        let lower = line.to_lowercase();
        if boilerplate()
            .find_overlapping_iter(&lower)
            .any(|found| phrase_starts_word(&lower, found.start(), BOILERPLATE[found.pattern()]))
        {
            return Some("boilerplate phrase");
        }
    }
    if is_navigation(line) {
        return Some("navigation");
    }
    None
}

/// One automaton over every boilerplate phrase, built once.
fn boilerplate() -> &'static AhoCorasick {
    static PHRASES: OnceLock<AhoCorasick> = OnceLock::new();
    PHRASES.get_or_init(|| AhoCorasick::new(BOILERPLATE).expect("boilerplate phrases build"))
}

/// Alphabetic phrases must start a word (`teilen` is furniture, `mitteilen` is not).
fn phrase_starts_word(line: &str, at: usize, phrase: &str) -> bool {
    let needs_boundary = phrase
        .chars()
        .next()
        .is_some_and(|ch| ch.is_alphabetic() && !is_cjk_or_hangul(ch));
    !needs_boundary
        || line[..at]
            .chars()
            .next_back()
            .is_none_or(|ch| !ch.is_alphanumeric())
}

fn is_cjk_or_hangul(ch: char) -> bool {
    matches!(
        super::normalize::script_of(ch),
        super::normalize::Script::Cjk | super::normalize::Script::Hangul
    )
}

/// A dateline like `2025-05-25 22:17` has no letters but is not junk.
fn has_year_like_number(line: &str) -> bool {
    line.split(|ch: char| !ch.is_ascii_digit())
        .any(|run| run.len() == 4)
}

/// `Home | News | World`, `Menu   Search   Regions`, `홈 > 국제 > 유럽`: short items and separators.
fn is_navigation(line: &str) -> bool {
    let separators = ['|', '·', '•', '»', '›', '>', '/'];
    let pieces: Vec<&str> = line
        .split(|ch| separators.contains(&ch))
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .collect();
    let separator_count = line.chars().filter(|ch| separators.contains(ch)).count();
    let worded = pieces
        .iter()
        .filter(|piece| piece.chars().any(char::is_alphabetic))
        .count();
    if separator_count >= 2 && worded >= 3 && pieces.iter().all(|piece| short_item(piece)) {
        return true;
    }
    // Items separated by runs of spaces, as menus come out of HTML-to-text converters.
    let items: Vec<&str> = line
        .split("  ")
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect();
    items.len() >= 3
        && items
            .iter()
            .all(|item| short_item(item) && item.chars().any(char::is_alphabetic))
        && !line.ends_with(['.', '。', '!', '?'])
}

fn short_item(piece: &str) -> bool {
    piece.split_whitespace().count() <= 3 && piece.chars().count() <= 24
}

/// A footnote line: `[1] text`, `¹ text`, `1) text`, or `1 text` when `1` was used inline.
fn footnote(line: &str, markers_seen: &std::collections::HashSet<String>) -> Option<Footnote> {
    if let Some(rest) = line.strip_prefix('[') {
        let close = rest.find(']')?;
        let marker = &rest[..close];
        if !marker.is_empty() && marker.len() <= 3 && marker.chars().all(|ch| ch.is_ascii_digit()) {
            return Some(note(marker, &rest[close + 1..]));
        }
        return None;
    }
    let superscript: String = line
        .chars()
        .take_while(|ch| superscript_digit(*ch).is_some())
        .collect();
    if !superscript.is_empty() {
        let marker: String = superscript.chars().filter_map(superscript_digit).collect();
        return Some(note(&marker, &line[superscript.len()..]));
    }
    let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let rest = &line[digits.len()..];
    let rest_trimmed = rest.trim_start();
    if rest.starts_with(')') || (rest.starts_with(' ') && markers_seen.contains(&digits)) {
        let text = rest_trimmed.trim_start_matches(')');
        if text.trim().chars().count() >= 3 {
            return Some(note(&digits, text));
        }
    }
    None
}

fn note(marker: &str, text: &str) -> Footnote {
    Footnote {
        marker: marker.to_string(),
        text: text.trim().to_string(),
    }
}

fn superscript_digit(ch: char) -> Option<char> {
    Some(match ch {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

/// Footnote markers used inside a line: `¹`, `[2]`, or a digit glued after sentence
/// punctuation (`이끌었다.1`).
fn inline_markers(line: &str) -> Vec<String> {
    let mut markers = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut index = 0;
    while index < chars.len() {
        let ch = chars[index];
        if let Some(digit) = superscript_digit(ch) {
            markers.push(digit.to_string());
        } else if ch == '[' {
            let digits: String = chars[index + 1..]
                .iter()
                .take_while(|ch| ch.is_ascii_digit())
                .collect();
            if !digits.is_empty() && chars.get(index + 1 + digits.len()) == Some(&']') {
                markers.push(digits);
            }
        } else if ".。!?\"”".contains(ch) {
            let digits: String = chars[index + 1..]
                .iter()
                .take_while(|ch| ch.is_ascii_digit())
                .collect();
            let after = chars.get(index + 1 + digits.len());
            if (1..=2).contains(&digits.len()) && after.is_none_or(|ch| ch.is_whitespace()) {
                markers.push(digits);
            }
        }
        index += 1;
    }
    markers
}

fn strip_markers(line: &str) -> String {
    line.chars()
        .filter(|ch| superscript_digit(*ch).is_none())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Lines back into paragraphs: runs of blank lines become one blank line.
fn join_paragraphs(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_LIKE: &str = "Istanbul peace talks¹\n\nHome | News | Analysis | Contact\n\n\
        The talks of March 2022 came closest to a settlement.² https://example.org/a\n\n\
        Qqt\n\n¹ The first note.\n² The second note.\n\nKey References\n\n\
        ISW: Fact Sheet – Istanbul Protocol Draft\n\nΣχετικές δημοσιεύσεις\n\nΑφήστε ένα σχόλιο\n";

    #[test]
    fn the_seed_shape_splits_into_title_body_notes_and_references() {
        let cleaned = clean(SEED_LIKE, true);
        assert_eq!(cleaned.title.as_deref(), Some("Istanbul peace talks"));
        assert_eq!(
            cleaned.body,
            "The talks of March 2022 came closest to a settlement.² https://example.org/a"
        );
        assert_eq!(cleaned.footnotes.len(), 2);
        assert_eq!(cleaned.footnotes[1].marker, "2");
        assert_eq!(
            cleaned.references,
            ["ISW: Fact Sheet – Istanbul Protocol Draft"]
        );
        let reasons: Vec<_> = cleaned
            .removed
            .iter()
            .map(|removed| removed.reason)
            .collect();
        assert!(reasons.contains(&"navigation"), "{reasons:?}");
        assert!(reasons.contains(&"junk line"), "{reasons:?}");
        assert!(reasons.contains(&"boilerplate phrase"), "{reasons:?}");
    }

    #[test]
    fn furniture_in_other_languages_is_removed() {
        for line in [
            "Menu   Search   Regions   Briefings",
            "홈 > 국제 > 유럽",
            "<저작권자(c) 한결통신, 무단 전재-재배포 금지>",
            "扫码关注客户端 随时随地看新闻",
            "Tüm hakları saklıdır.",
            "Читайте также: переговоры в Стамбуле",
            "جميع الحقوق محفوظة",
        ] {
            assert!(furniture(line).is_some(), "{line}");
        }
        assert!(furniture("The ceasefire took effect at midnight.").is_none());
        assert!(furniture("Переговоры в Стамбуле прошли 29 марта 2022 года.").is_none());
    }

    #[test]
    fn a_number_line_is_a_footnote_only_after_the_text_used_the_marker() {
        let cleaned = clean(
            "제목\n\n대표단을 이끌었다.1 회담은 끝났다.\n\n1 외무부 발표 참조.",
            true,
        );
        assert_eq!(cleaned.footnotes, [note("1", "외무부 발표 참조.")]);
        let cleaned = clean("Title\n\n3 delegations met.", true);
        assert!(cleaned.footnotes.is_empty());
        assert_eq!(cleaned.body, "3 delegations met.");
    }
}
