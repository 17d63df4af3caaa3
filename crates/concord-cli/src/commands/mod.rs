//! One module per subcommand: [`index`], [`serve`], [`search`], [`stats`], [`check`],
//! [`extract`], [`eval`], [`eval_extract`], [`gen_corpus`], [`import`] (the UN General
//! Debates), [`import_archives`] (the CJK archives) and [`setup_dicts`]; shared by them:
//! [`parts`] (numbered JSON-lines files) and [`progress`] (the bar or log lines of long runs).

pub mod check;
pub mod eval;
pub mod eval_extract;
pub mod extract;
pub mod gen_corpus;
pub mod import;
pub mod import_archives;
pub mod index;
pub mod parts;
pub mod progress;
pub mod search;
pub mod serve;
pub mod setup_dicts;
pub mod stats;
