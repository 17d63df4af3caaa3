//! Lowercase, dash-separated ids from free text.

/// Turns `"Türkiye / Turkey"` into `"turkiye-turkey"`: lowercase letters and digits of any
/// script, common Latin diacritics folded, everything else collapsed to single dashes.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    // Turkish dotted capital I lowercases to i + U+0307; fold it to plain i first.
    let lowered = text.chars().flat_map(|ch| {
        let lower: Vec<char> = if ch == 'İ' {
            vec!['i']
        } else {
            ch.to_lowercase().collect()
        };
        lower
    });
    for ch in lowered {
        if is_combining_mark(ch) {
            continue;
        }
        let folded = fold_latin(ch);
        if folded.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            folded.push_to(&mut slug);
        } else if ch != '\'' && ch != '’' {
            pending_dash = true;
        }
    }
    slug
}

/// Combining accents (as in decomposed "é") carry no letters of their own.
fn is_combining_mark(ch: char) -> bool {
    matches!(ch, '\u{0300}'..='\u{036F}')
}

/// `ch` with its common Latin diacritic folded (`é` → `e`, `ß` → `ss`); other characters as
/// they are.
pub(crate) fn fold_latin(ch: char) -> Folded {
    let folded = match ch {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' | 'į' => "i",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ş' | 'ś' | 'š' => "s",
        'ğ' => "g",
        'ž' | 'ź' | 'ż' => "z",
        'ł' => "l",
        'đ' | 'ď' => "d",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        _ => return Folded::Char(ch),
    };
    Folded::Str(folded)
}

/// What [`fold_latin`] gives: no allocation, since it runs on every character of every
/// document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Folded {
    Char(char),
    Str(&'static str),
}

impl Folded {
    pub(crate) fn push_to(self, out: &mut String) {
        match self {
            Folded::Char(ch) => out.push(ch),
            Folded::Str(text) => out.push_str(text),
        }
    }

    fn is_alphanumeric(self) -> bool {
        match self {
            Folded::Char(ch) => ch.is_alphanumeric(),
            Folded::Str(_) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_lowercase_dashed_and_folded() {
        assert_eq!(slugify("Türkiye"), "turkiye");
        assert_eq!(slugify("  Security guarantees! "), "security-guarantees");
        assert_eq!(
            slugify("Donetsk People's Republic"),
            "donetsk-peoples-republic"
        );
        assert_eq!(slugify("Communiqué"), "communique");
        assert_eq!(slugify("Україна"), "україна");
        assert_eq!(slugify("İstanbul'daki"), "istanbuldaki");
        assert_eq!(slugify("I\u{307}stanbul"), "istanbul");
        assert_eq!(slugify("イスタンブール"), "イスタンブール");
        assert_eq!(slugify("---"), "");
    }
}
