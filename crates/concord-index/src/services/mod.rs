//! Services built on the read path: whole documents and health ([`documents`]), every hit of
//! a search for export ([`export`]), "more like this" ([`similar`]), suggestions as a user
//! types ([`suggest`]), what an index holds ([`stats`]) and the same request through tantivy
//! alone for benchmarks ([`baseline`]).
//!
//! May use: [`crate::read`] (an opened index, requests, compiled queries, response shapes),
//! [`crate::write::manifest`] (for stats), [`crate::analyzer`], [`crate::schema`],
//! [`crate::error`]. Nothing else in the crate uses this folder: a service can be removed
//! without touching the search.

pub mod baseline;
pub mod documents;
pub mod export;
pub mod similar;
pub mod stats;
pub mod suggest;
