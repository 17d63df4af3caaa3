//! One module per subcommand.

pub mod check;
pub mod eval_extract;
pub mod extract;
pub mod index;
pub mod search;
pub mod serve;
pub mod setup_dicts;
