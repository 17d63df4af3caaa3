//! One module per subcommand.

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
