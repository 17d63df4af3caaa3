//! The read path: a request in, an answer out.
//!
//! Owns an opened generation ([`open`]: `SearchIndex`, also from a read-only disk:
//! [`read_only`]), the validated request and its limits ([`request`]), compiling it into
//! tantivy queries ([`query`]), the collectors and the per-segment arrays they read
//! ([`collect`]), running a search ([`search`]) and the cached match-all browse ([`browse`]),
//! the suggestion for a search that found nothing ([`did_you_mean`]),
//! snippets ([`snippet`]), the spellings the answer shows for other spellings a query took
//! ([`spellings`]), the stored fields a hit shows ([`stored`]) and the shapes of
//! answers ([`response`]).
//!
//! May use: [`crate::analyzer`], [`crate::schema`], [`crate::error`], and from
//! [`crate::write`] only what opening a generation needs (the store, the metadata, the
//! checksum check). May not touch: [`crate::services`], which are built on this folder. Inside
//! it, `request` knows nothing of `query` or `collect`; `query` and `collect` read the request.

pub mod browse;
pub mod collect;
pub mod did_you_mean;
pub mod open;
pub mod query;
pub mod read_only;
pub mod request;
pub mod response;
pub mod search;
pub mod snippet;
pub mod spellings;
pub mod stored;
