//! Relevance evaluation: test collections read from their published layouts
//! ([`collection`]) and the measures trec_eval defines ([`metrics`]). No tantivy here: the
//! `concord eval` command indexes a collection and runs its queries through Concord's own
//! search, then scores the rankings with this crate.

pub mod collection;
pub mod metrics;

pub use collection::{Collection, EvalDoc, EvalError, Layout, Query};
pub use metrics::{Qrels, QueryScores, score_query};
