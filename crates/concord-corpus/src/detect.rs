//! Language detection for documents that do not declare their language.

use whatlang::Lang;

/// How much text is looked at: detection needs a few sentences, not a whole report.
const SAMPLE_CHARS: usize = 3000;

/// The ISO 639-1 code of the language `text` is written in (ISO 639-3 where there is no
/// two-letter code), or `None` when the text is too short or too mixed to tell.
pub fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    Some(iso_639_1(info.lang()).map_or_else(|| info.lang().code().to_string(), str::to_string))
}

fn iso_639_1(lang: Lang) -> Option<&'static str> {
    Some(match lang {
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Tur => "tr",
        Lang::Ell => "el",
        Lang::Ara => "ar",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Cmn => "zh",
        Lang::Heb => "he",
        Lang::Pol => "pl",
        Lang::Pes => "fa",
        Lang::Hin => "hi",
        Lang::Bel => "be",
        Lang::Srp => "sr",
        Lang::Hrv => "hr",
        Lang::Bul => "bg",
        Lang::Ron => "ro",
        Lang::Swe => "sv",
        Lang::Vie => "vi",
        Lang::Ind => "id",
        Lang::Hye => "hy",
        Lang::Kat => "ka",
        Lang::Aze => "az",
        Lang::Amh => "am",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::detect_language;

    #[test]
    fn languages_of_the_corpus_are_recognised() {
        let cases = [
            (
                "The delegations agreed on a ceasefire and an exchange of prisoners of war.",
                "en",
            ),
            (
                "Делегации договорились о прекращении огня и обмене военнопленными.",
                "ru",
            ),
            (
                "Делегації домовилися про припинення вогню та обмін полоненими.",
                "uk",
            ),
            ("Taraflar ateşkes ve esir takası konusunda anlaştı.", "tr"),
            (
                "政府と反政府勢力は和平交渉を再開し、停戦合意に向けた協議を続けた。",
                "ja",
            ),
            ("양측은 비핵화 협상을 재개하고 휴전 협정을 논의했다.", "ko"),
            (
                "双方在伊斯坦布尔就交换战俘达成协议，并同意继续和平谈判。",
                "zh",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(detect_language(text).as_deref(), Some(expected), "{text}");
        }
        assert_eq!(detect_language("2022"), None);
    }
}
