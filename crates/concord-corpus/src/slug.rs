//! Lowercase, dash-separated ids from free text.

use crate::fold::{fold_latin, is_combining_mark, lowercase};

/// Turns `"Türkiye / Turkey"` into `"turkiye-turkey"`: lowercase letters and digits of any
/// script, common Latin diacritics folded, everything else collapsed to single dashes.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for ch in text.chars().flat_map(lowercase) {
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
