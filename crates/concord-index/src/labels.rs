//! Display labels of values that the taxonomy does not define: language codes and document types.

/// `en` → `English`; an unknown code is its own label.
pub fn language_label(code: &str) -> String {
    let label = match code {
        "ar" => "Arabic",
        "de" => "German",
        "el" => "Greek",
        "en" => "English",
        "es" => "Spanish",
        "fr" => "French",
        "he" => "Hebrew",
        "ja" => "Japanese",
        "ko" => "Korean",
        "pt" => "Portuguese",
        "ru" => "Russian",
        "tr" => "Turkish",
        "uk" => "Ukrainian",
        "zh" => "Chinese",
        other => return other.to_string(),
    };
    label.to_string()
}

/// `communique` → `Communiqué`, `news` → `News`.
pub fn doc_type_label(code: &str) -> String {
    if code == "communique" {
        return "Communiqué".to_string();
    }
    let spaced = code.replace('-', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_well() {
        assert_eq!(language_label("uk"), "Ukrainian");
        assert_eq!(language_label("xx"), "xx");
        assert_eq!(doc_type_label("communique"), "Communiqué");
        assert_eq!(doc_type_label("briefing-note"), "Briefing note");
    }
}
