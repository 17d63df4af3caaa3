//! One module per subcommand.

pub mod check;
pub mod index;
pub mod search;
pub mod serve;
pub mod setup_dicts;
