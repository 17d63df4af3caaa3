//! Text analysis per language.
//!
//! Each document is indexed in the `title_<lang>` and `body_<lang>` fields of its analysis
//! language, whose analyzer is registered under [`tokenizer_name`]:
//!
//! | languages | analysis |
//! |---|---|
//! | en fr de es it pt nl | words, lowercase, Snowball stemmer, then ASCII folding (négociations → negoci); en drops possessives (`Russia's` → russia); fr and it queries drop elisions (`l'accord` → accord, [`query_tokenizers`]) |
//! | ru | words, lowercase, ё → е, Snowball Russian |
//! | uk | words, lowercase, a light suffix stripper ([`map_filter::ukrainian_stem`]) |
//! | tr | words (an apostrophe and the case ending after it dropped: `İstanbul'daki` → istanbul), Turkish lowercase (I → ı, İ → i), Snowball Turkish, Turkish letters folded |
//! | el | words, lowercase, Snowball Greek, then accents and final sigma normalised |
//! | ar | words, marks/alef/yeh normalised, Snowball Arabic |
//! | ja ko zh | lindera with a dictionary in decompose mode, or character bigrams without one |
//! | xx (any other) | words, lowercase, ASCII folding |
//!
//! "Words" are [`word::WordTokenizer`]'s: `'`, `’` and `ʼ` are one apostrophe, a letter of
//! the word between two Cyrillic letters (Ukrainian `перемир'я`), elided or possessive as
//! above, else a word boundary. "Lowercase" is [`map_filter::Lowercase`] everywhere
//! but Turkish (which has its own): Unicode's, except that `İ` is `i` (`İstanbul` and
//! `Istanbul` give one term).
//!
//! Modules: [`word`] (the word tokenizer that keeps combining marks and reads apostrophes),
//! [`map_filter`] (lowercasing, the per-language normalisations and the Ukrainian stemmer), [`token_edit`] (the plumbing of
//! filters that edit one token in place), [`stem_cache`] (Snowball with remembered stems),
//! [`stem_guard`] (snippets' analyzers that stem only words that may match the query),
//! [`lindera`] (the CJK dictionary tokenizer), [`bigram`] (the CJK fallback), [`pairs`] (the
//! word-pair field's tokenizer) and [`pair_words`] (which words get pairs).
//!
//! Tantivy does not store analyzers: every process that opens an index calls
//! [`register_analyzers`] with the plan recorded in the index metadata, so that queries are
//! cut exactly as the documents were.

pub mod bigram;
pub mod lindera;
pub mod map_filter;
pub mod pair_words;
pub mod pairs;
pub mod stem_cache;
pub mod stem_guard;
pub mod token_edit;
pub mod word;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, RemoveLongFilter, Stemmer, StopWordFilter, TextAnalyzer,
    TokenFilter, TokenizerManager,
};

use self::bigram::BigramTokenizer;
use self::lindera::LinderaTokenizer;
use self::map_filter::{
    Lowercase, MapFilter, arabic_normalize, greek_normalize, russian_yo, turkish_fold,
    turkish_lowercase, ukrainian_stem,
};
use self::pairs::Recorded;
use self::stem_cache::CachedStemmer;
use self::stem_guard::{Fold, StemGuard};
use self::word::WordTokenizer;

/// Every analysis language, `xx` standing for all others.
pub const LANGUAGES: [&str; 16] = [
    "en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "tr", "el", "ar", "ja", "ko", "zh", "xx",
];

/// The analysis language of texts in no language of [`LANGUAGES`].
pub const OTHER: &str = "xx";

/// The languages analysed with a dictionary when one is available.
pub const CJK: [&str; 3] = ["ja", "ko", "zh"];

/// Longest token kept, in bytes.
const MAX_TOKEN_BYTES: usize = 60;

/// The analysis language of a document or filter language code.
pub fn analysis_language(lang: Option<&str>) -> &'static str {
    lang.and_then(|code| {
        LANGUAGES
            .iter()
            .find(|known| **known == code && **known != OTHER)
    })
    .copied()
    .unwrap_or(OTHER)
}

/// The registered name of a language's analyzer.
pub fn tokenizer_name(lang: &str) -> String {
    format!("text_{lang}")
}

/// The name of the word-pair analyzer of `lang` ([`pairs`]), for the languages that have one.
pub fn pairs_tokenizer_name(lang: &str) -> String {
    format!("pairs_{lang}")
}

/// Whether `lang` indexes word pairs for its phrases: every language but the CJK ones, whose
/// dictionary or bigram tokens make phrases of their own.
pub fn has_pairs(lang: &str) -> bool {
    !CJK.contains(&lang)
}

/// How a CJK language is cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CjkAnalysis {
    /// Words from a lindera dictionary.
    Lindera,
    /// Overlapping character bigrams (no dictionary).
    Bigram,
}

/// The lindera dictionaries this process could load, by language.
#[derive(Clone, Default)]
pub struct Dictionaries {
    tokenizers: BTreeMap<&'static str, LinderaTokenizer>,
    /// Why a dictionary is not available, by language.
    pub missing: BTreeMap<&'static str, String>,
}

impl Dictionaries {
    /// Loads every dictionary found in `dir`; the ones that fail are listed in `missing`.
    pub fn load(dir: &Path) -> Dictionaries {
        let mut dictionaries = Dictionaries::default();
        for kind in concord_dicts::DictKind::ALL {
            match concord_dicts::load(dir, kind) {
                Ok(dictionary) => {
                    dictionaries
                        .tokenizers
                        .insert(kind.lang(), LinderaTokenizer::new(dictionary));
                }
                Err(error) => {
                    dictionaries.missing.insert(kind.lang(), error.to_string());
                }
            }
        }
        dictionaries
    }

    /// No dictionaries: CJK text is cut into bigrams.
    pub fn none() -> Dictionaries {
        let mut dictionaries = Dictionaries::default();
        for lang in CJK {
            dictionaries
                .missing
                .insert(lang, "no dictionaries were requested".to_string());
        }
        dictionaries
    }

    /// The analysis a new index should use: lindera wherever its dictionary loaded.
    pub fn best_plan(&self) -> BTreeMap<String, CjkAnalysis> {
        CJK.iter()
            .map(|lang| {
                let analysis = if self.tokenizers.contains_key(lang) {
                    CjkAnalysis::Lindera
                } else {
                    CjkAnalysis::Bigram
                };
                (lang.to_string(), analysis)
            })
            .collect()
    }
}

/// Registers the analyzer of every language on `index`, following `plan` for CJK (as recorded
/// when the index was built). Returns warnings, for the languages in `present` only, about a
/// planned dictionary that is not available here (that language falls back to bigrams) or a
/// language analysed without one.
pub fn register_analyzers(
    index: &Index,
    plan: &BTreeMap<String, CjkAnalysis>,
    dictionaries: &Dictionaries,
    present: &BTreeSet<String>,
) -> Vec<String> {
    let mut warnings = Vec::new();
    let tokenizers = index.tokenizers();
    for lang in LANGUAGES {
        let analyzer = match lang {
            "ja" | "ko" | "zh" => {
                let planned = plan.get(lang).copied().unwrap_or(CjkAnalysis::Bigram);
                match (planned, dictionaries.tokenizers.get(lang)) {
                    (CjkAnalysis::Lindera, Some(lindera)) => TextAnalyzer::builder(lindera.clone())
                        .filter(Lowercase)
                        .build(),
                    (CjkAnalysis::Lindera, None) => {
                        let reason = dictionaries.missing.get(lang).map_or("", String::as_str);
                        warnings.push(format!(
                            "{lang}: the index was built with a dictionary that is not available here ({reason}); \
                             {lang} search falls back to character bigrams and will miss words: run `concord setup-dicts`"
                        ));
                        bigram_analyzer()
                    }
                    (CjkAnalysis::Bigram, lindera) => {
                        if lindera.is_some() {
                            warnings.push(format!(
                                "{lang}: the index was built without a dictionary; rebuild it (`concord index`) for word-level {lang} search"
                            ));
                        } else if let Some(reason) = dictionaries.missing.get(lang) {
                            warnings.push(format!(
                                "{lang}: no dictionary ({reason}); {lang} text is cut into character bigrams"
                            ));
                        }
                        bigram_analyzer()
                    }
                }
            }
            other => TextAnalyzer::from(Recorded(alphabetic_analyzer(
                other,
                StemGuard::open(guarded_fold(other).unwrap_or(Fold::Plain)),
            ))),
        };
        tokenizers.register(&tokenizer_name(lang), analyzer);
    }
    // The pair fields' analyzers, pairing nothing until the index's pair words are given.
    crate::analyzer::pair_words::register_pairs(
        index,
        &crate::analyzer::pair_words::PairWords::new(),
    );
    warnings.retain(|warning| {
        present
            .iter()
            .any(|lang| warning.starts_with(&format!("{lang}:")))
    });
    warnings
}

fn bigram_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(BigramTokenizer::default())
        .filter(Lowercase)
        .build()
}

/// The stop-word list of an analysis language, where tantivy has one.
fn stop_word_language(lang: &str) -> Option<Language> {
    Some(match lang {
        "en" => Language::English,
        "fr" => Language::French,
        "de" => Language::German,
        "es" => Language::Spanish,
        "it" => Language::Italian,
        "pt" => Language::Portuguese,
        "nl" => Language::Dutch,
        "ru" => Language::Russian,
        _ => return None,
    })
}

/// The words of `text` that are not stop words of `lang` ("the", "of", "и"), lowercased and
/// joined by spaces, for queries whose words are each optional (`match=any`), where a stop
/// word would only add noise to the ranking; the text as it is in languages without a list.
/// The index keeps stop words (phrases need them).
pub fn without_stop_words(lang: &str, text: &str) -> String {
    let Some(filter) = stop_word_language(lang).and_then(StopWordFilter::new) else {
        return text.to_string();
    };
    let mut analyzer = TextAnalyzer::builder(WordTokenizer::of(lang))
        .filter(Lowercase)
        .filter(filter)
        .build();
    let mut stream = analyzer.token_stream(text);
    let mut words = Vec::new();
    while let Some(token) = stream.next() {
        words.push(token.text.clone());
    }
    words.join(" ")
}

/// The analyzer of `lang`'s fields for text compared only with `terms` (analysed terms of
/// the field): the same tokens where they may equal one of them, and no stemming of the
/// words that cannot ([`stem_guard`]): what snippets are cut with. `None` for languages whose stemmer may change a word's first
/// letters or that do not stem: they use the field's analyzer.
pub fn guarded_analyzer(lang: &str, terms: &[String]) -> Option<TextAnalyzer> {
    let fold = guarded_fold(lang)?;
    let guard = StemGuard::for_terms(fold, terms.iter().map(String::as_str));
    Some(alphabetic_analyzer(lang, guard))
}

/// How [`StemGuard`] compares first letters in `lang`, if its stemmer only takes endings off.
fn guarded_fold(lang: &str) -> Option<Fold> {
    match lang {
        "en" | "fr" | "de" | "es" | "it" | "pt" | "nl" => Some(Fold::Ascii),
        "ru" => Some(Fold::Plain),
        "tr" => Some(Fold::Turkish),
        _ => None,
    }
}

/// The analyzer of an alphabetic language. Indexing and queries (an open guard) remember
/// stems ([`stem_cache`]); snippets, whose analyzer lives for one request, stem afresh.
fn alphabetic_analyzer(lang: &str, guard: StemGuard) -> TextAnalyzer {
    let words = WordTokenizer::of(lang);
    if guard.is_open() {
        alphabetic_with(lang, words, guard, CachedStemmer::new)
    } else {
        alphabetic_with(lang, words, guard, Stemmer::new)
    }
}

/// The analyzers the query parser cuts query text with, under the fields' analyzer names:
/// the documents' analyzers (registered on `index`), but in French and Italian a query drops
/// elisions (`l'accord` is `accord`), which documents keep as words of their own
/// ([`word`] says why).
pub fn query_tokenizers(index: &Index) -> TokenizerManager {
    let tokenizers = TokenizerManager::new();
    for lang in LANGUAGES {
        let name = tokenizer_name(lang);
        let analyzer = match lang {
            "fr" | "it" => alphabetic_with(
                lang,
                WordTokenizer::for_queries(lang),
                StemGuard::open(Fold::Ascii),
                CachedStemmer::new,
            ),
            _ => match index.tokenizers().get(&name) {
                Some(analyzer) => analyzer,
                None => continue,
            },
        };
        tokenizers.register(&name, analyzer);
    }
    tokenizers
}

fn alphabetic_with<S: TokenFilter>(
    lang: &str,
    tokenizer: WordTokenizer,
    guard: StemGuard,
    stemmer: fn(Language) -> S,
) -> TextAnalyzer {
    let words = || {
        TextAnalyzer::builder(tokenizer.clone()).filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
    };
    let snowball = |language| {
        words()
            .filter(Lowercase)
            .filter(guard.clone())
            .filter(stemmer(language))
            .filter(AsciiFoldingFilter)
            .build()
    };
    match lang {
        "en" => snowball(Language::English),
        "fr" => snowball(Language::French),
        "de" => snowball(Language::German),
        "es" => snowball(Language::Spanish),
        "it" => snowball(Language::Italian),
        "pt" => snowball(Language::Portuguese),
        "nl" => snowball(Language::Dutch),
        "ru" => words()
            .filter(Lowercase)
            .filter(MapFilter(russian_yo))
            .filter(guard.clone())
            .filter(stemmer(Language::Russian))
            .build(),
        "uk" => words()
            .filter(Lowercase)
            .filter(MapFilter(ukrainian_stem))
            .build(),
        "tr" => words()
            .filter(MapFilter(turkish_lowercase))
            .filter(guard.clone())
            .filter(stemmer(Language::Turkish))
            .filter(MapFilter(turkish_fold))
            .build(),
        "el" => words()
            .filter(Lowercase)
            .filter(stemmer(Language::Greek))
            .filter(MapFilter(greek_normalize))
            .build(),
        "ar" => words()
            .filter(MapFilter(arabic_normalize))
            .filter(stemmer(Language::Arabic))
            .build(),
        _ => words().filter(Lowercase).filter(AsciiFoldingFilter).build(),
    }
}

/// The tokens a tokenizer makes of `text`, checking that each token's offsets cut its text.
#[cfg(test)]
pub(crate) fn collect_tokens<T: tantivy::tokenizer::Tokenizer>(
    mut tokenizer: T,
    text: &str,
) -> Vec<String> {
    use tantivy::tokenizer::TokenStream;
    let mut stream = tokenizer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        let token = stream.token();
        assert_eq!(&text[token.offset_from..token.offset_to], token.text);
        tokens.push(token.text.clone());
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::Schema;

    /// The tokens of `text` through the analyzer of `lang` (no dictionaries).
    fn analyze(lang: &str, text: &str) -> Vec<String> {
        let index = Index::create_in_ram(Schema::builder().build());
        let none = Dictionaries::none();
        register_analyzers(&index, &none.best_plan(), &none, &BTreeSet::new());
        let mut analyzer = index.tokenizers().get(&tokenizer_name(lang)).unwrap();
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while let Some(token) = stream.next() {
            tokens.push(token.text.clone());
        }
        tokens
    }

    #[test]
    fn inflected_forms_meet_in_one_stem() {
        let same = |lang: &str, a: &str, b: &str| {
            assert_eq!(analyze(lang, a), analyze(lang, b), "{lang}: {a} / {b}");
        };
        same("en", "negotiations", "negotiating");
        same("ru", "прекращение огня", "прекращении огня");
        same("uk", "переговорах", "переговори");
        same("tr", "görüşmelerde", "görüşmeler");
        same("tr", "İSTANBUL", "istanbul");
        same("el", "διαπραγματεύσεις", "διαπραγματεύσεων");
        same("el", "ειρήνη", "ειρήνης");
        same("ar", "الاتفاق", "اتفاق");
        same("fr", "négociations", "negociation");
        same("de", "Verhandlungen", "Verhandlung");
        same("es", "negociaciones", "negociación");
        same("xx", "Crans-Montana", "crans montana");
    }

    #[test]
    fn dotted_capital_i_is_i_in_every_language() {
        for lang in LANGUAGES {
            assert_eq!(
                analyze(lang, "İstanbul"),
                analyze(lang, "Istanbul"),
                "{lang}"
            );
            assert_eq!(
                analyze(lang, "İSTANBUL"),
                analyze(lang, "istanbul"),
                "{lang}"
            );
        }
        assert_eq!(analyze("en", "İstanbul"), ["istanbul"]);
    }

    #[test]
    fn apostrophes_as_each_language_uses_them() {
        let same = |lang: &str, a: &str, b: &str| {
            assert_eq!(analyze(lang, a), analyze(lang, b), "{lang}: {a} / {b}");
        };
        for lang in ["uk", "ru", "xx"] {
            same(lang, "перемир'я", "перемир’я");
            same(lang, "перемир'я", "перемирʼя");
            assert_eq!(analyze(lang, "об’єднання").len(), 1, "{lang}");
        }
        assert_eq!(analyze("uk", "з'їзду"), ["з'їзд"]);
        // French and Italian: documents keep the elided word, queries drop it.
        same("fr", "l’accord de paix", "L'accord de paix");
        same("fr", "Côte d'Ivoire", "Cote d Ivoire");
        same("fr", "Côte d’Ivoire", "cote dʼivoire");
        assert_eq!(analyze("fr", "l'accord"), ["l", "accord"]);
        let queried = |lang: &str, text: &str| {
            let index = Index::create_in_ram(Schema::builder().build());
            let none = Dictionaries::none();
            register_analyzers(&index, &none.best_plan(), &none, &BTreeSet::new());
            let mut analyzer = query_tokenizers(&index).get(&tokenizer_name(lang)).unwrap();
            let mut stream = analyzer.token_stream(text);
            let mut tokens = Vec::new();
            while let Some(token) = stream.next() {
                tokens.push(token.text.clone());
            }
            tokens
        };
        assert_eq!(queried("fr", "l’accord"), queried("fr", "accord"));
        assert_eq!(queried("fr", "l’accord"), analyze("fr", "accord"));
        assert_eq!(queried("it", "dell’accordo"), analyze("it", "accordo"));
        assert_eq!(queried("en", "Russia’s"), analyze("en", "Russia"));
        same("en", "Russia's", "Russia");
        same("en", "Russia’s", "russia");
        assert_eq!(analyze("en", "don’t"), analyze("en", "don't"));
        assert_eq!(analyze("en", "don't").len(), 2);
        for lang in ["de", "es", "pt", "nl", "tr", "el", "xx"] {
            same(lang, "d’Ivoire", "d'Ivoire");
            same(lang, "dʼIvoire", "d'Ivoire");
        }
    }

    #[test]
    fn unknown_languages_use_the_generic_analyzer() {
        assert_eq!(analysis_language(Some("ja")), "ja");
        assert_eq!(analysis_language(Some("pl")), OTHER);
        assert_eq!(analysis_language(None), OTHER);
    }
}
