//! Word pairs, for two-word phrases without positions.
//!
//! An exact phrase of two words (`"peaceful settlement"`) makes tantivy intersect both words'
//! postings and read their positions for every document that has both: on a million UNGDC
//! passages that took 0.74 ms, most of it reading positions, and Lucene was faster on the
//! generated corpora. [`PairTokenizer`] runs a language's analyzer and emits, for each two
//! frequent tokens at consecutive positions, one token `"first second"` (the analysed words
//! joined by a space, which no analysed word holds). Indexed in the `pairs_<lang>` field,
//! that token's postings are exactly the documents where the phrase occurs and its frequency
//! is the phrase's: [`crate::read::query::phrase_pairs`] answers the phrase from them alone, as
//! Elasticsearch's `index_phrases` does.
//!
//! Only pairs of frequent words ([`crate::analyzer::pair_words`]) are indexed: a phrase with a rare word
//! is cheap with positions (few documents to check), and pairs of every word cost 2.3x the
//! build time on UNGDC (benches/README.md).

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::Arc;

use tantivy::tokenizer::{BoxTokenStream, TextAnalyzer, Token, TokenStream, Tokenizer};

/// The pair token of two analysed words.
pub fn pair_text(first: &str, second: &str) -> String {
    let mut text = String::with_capacity(first.len() + 1 + second.len());
    text.push_str(first);
    text.push(' ');
    text.push_str(second);
    text
}

thread_local! {
    /// What a [`Recorded`] analyzer analysed last on this thread.
    static LAST: RefCell<Analysed> = RefCell::new(Analysed::default());
}

/// A text and its tokens (the first `len` of `tokens`; the rest are buffers kept for reuse).
#[derive(Default)]
struct Analysed {
    text: String,
    tokens: Vec<Token>,
    len: usize,
    /// Whether the token stream ran to its end.
    complete: bool,
}

/// Copies `token` into `tokens[*len]`, reusing the buffer there.
fn push_token(tokens: &mut Vec<Token>, len: &mut usize, token: &Token) {
    match tokens.get_mut(*len) {
        Some(slot) => slot.clone_from(token),
        None => tokens.push(token.clone()),
    }
    *len += 1;
}

/// A language's analyzer that keeps, per thread, the tokens of the last text it analysed.
/// A document's body is analysed for its body field, then for its pair field: the
/// [`PairTokenizer`] that comes second pairs the kept tokens instead of analysing the same
/// text again (it checks that the text is the same).
#[derive(Clone)]
pub struct Recorded(pub TextAnalyzer);

impl Tokenizer for Recorded {
    type TokenStream<'a> = RecordedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> RecordedStream<'a> {
        LAST.with(|last| {
            let mut last = last.borrow_mut();
            last.text.clear();
            last.text.push_str(text);
            last.len = 0;
            last.complete = false;
        });
        RecordedStream {
            words: self.0.token_stream(text),
        }
    }
}

pub struct RecordedStream<'a> {
    words: BoxTokenStream<'a>,
}

impl TokenStream for RecordedStream<'_> {
    fn advance(&mut self) -> bool {
        let more = self.words.advance();
        LAST.with(|last| {
            let last = &mut *last.borrow_mut();
            if more {
                push_token(&mut last.tokens, &mut last.len, self.words.token());
            } else {
                last.complete = true;
            }
        });
        more
    }

    fn token(&self) -> &Token {
        self.words.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.words.token_mut()
    }
}

/// The pairs of the adjacent tokens of `words` that are both in `frequent`, written into
/// `pairs[..*len]`.
fn pair_up(words: &[Token], frequent: &HashSet<String>, pairs: &mut Vec<Token>, len: &mut usize) {
    let mut previous: Option<&Token> = None;
    for word in words {
        if !frequent.contains(&word.text) {
            previous = None;
            continue;
        }
        if let Some(first) = previous.filter(|first| word.position == first.position + 1) {
            if *len == pairs.len() {
                pairs.push(Token::default());
            }
            let pair = &mut pairs[*len];
            pair.text.clear();
            pair.text.push_str(&first.text);
            pair.text.push(' ');
            pair.text.push_str(&word.text);
            pair.position = first.position;
            pair.offset_from = first.offset_from;
            pair.offset_to = word.offset_to;
            *len += 1;
        }
        previous = Some(word);
    }
}

/// Emits one token per two adjacent tokens of its analyzer that are both frequent.
#[derive(Clone)]
pub struct PairTokenizer {
    words: TextAnalyzer,
    frequent: Arc<HashSet<String>>,
    analysed: Vec<Token>,
    pairs: Vec<Token>,
}

impl PairTokenizer {
    /// Pairs of the tokens `words` makes that are both in `frequent`.
    pub fn new(words: TextAnalyzer, frequent: Arc<HashSet<String>>) -> PairTokenizer {
        PairTokenizer {
            words,
            frequent,
            analysed: Vec::new(),
            pairs: Vec::new(),
        }
    }
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairTokenStream<'a> {
        let mut len = 0;
        let recorded = LAST.with(|last| {
            let last = last.borrow();
            let same = last.complete && last.text == text;
            if same {
                pair_up(
                    &last.tokens[..last.len],
                    &self.frequent,
                    &mut self.pairs,
                    &mut len,
                );
            }
            same
        });
        if !recorded {
            let mut words = 0;
            let mut stream = self.words.token_stream(text);
            while stream.advance() {
                push_token(&mut self.analysed, &mut words, stream.token());
            }
            drop(stream);
            pair_up(
                &self.analysed[..words],
                &self.frequent,
                &mut self.pairs,
                &mut len,
            );
        }
        PairTokenStream {
            pairs: &mut self.pairs[..len],
            next: 0,
        }
    }
}

pub struct PairTokenStream<'a> {
    pairs: &'a mut [Token],
    next: usize,
}

impl TokenStream for PairTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.pairs.len()
    }

    fn token(&self) -> &Token {
        &self.pairs[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.pairs[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer};

    /// The pair tokens of `text`, each checked to span its two words.
    fn pairs(text: &str) -> Vec<String> {
        let words = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(12))
            .filter(LowerCaser)
            .build();
        let frequent = [
            "peaceful",
            "settlement",
            "of",
            "disputes",
            "a",
            "b",
            "the",
            "and",
            "more",
        ];
        let frequent = Arc::new(frequent.into_iter().map(String::from).collect());
        let mut tokenizer = PairTokenizer::new(words, frequent);
        let mut stream = tokenizer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            let token = stream.token();
            let spanned = text[token.offset_from..token.offset_to].to_lowercase();
            assert_eq!(spanned.split(' ').collect::<Vec<_>>().join(" "), token.text);
            tokens.push(token.text.clone());
        }
        tokens
    }

    #[test]
    fn each_two_adjacent_words_make_one_pair() {
        assert_eq!(
            pairs("Peaceful settlement of disputes"),
            ["peaceful settlement", "settlement of", "of disputes"]
        );
        assert_eq!(pairs("ceasefire"), Vec::<String>::new());
        assert_eq!(pairs(""), Vec::<String>::new());
        // The same pair twice is two tokens: its frequency is the phrase's.
        assert_eq!(pairs("a b a b"), ["a b", "b a", "a b"]);
    }

    #[test]
    fn words_the_analyzer_drops_leave_a_gap_no_pair_spans() {
        // "verylongwords" is removed by the length filter: "the" and "and" are not adjacent.
        assert_eq!(pairs("the verylongwords and more"), ["and more"]);
    }

    #[test]
    fn only_frequent_words_make_pairs() {
        assert_eq!(
            pairs("the peaceful and lasting settlement"),
            ["the peaceful", "peaceful and"]
        );
    }
}
