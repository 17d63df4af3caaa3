//! Text analyzers. Tantivy does not store them in the index, so every process that opens an
//! index must call [`register_analyzers`] first.

use tantivy::Index;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// The analyzer of titles and bodies: words of any script, lowercased, Latin diacritics folded.
pub const TEXT_ANALYZER: &str = "concord_text";

/// Registers every analyzer the schema names.
pub fn register_analyzers(index: &Index) {
    let text = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(60))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    index.tokenizers().register(TEXT_ANALYZER, text);
}
