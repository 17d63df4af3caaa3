//! The write path: documents in, a published generation out.
//!
//! Owns the index folder on disk: the store of generations and its `CURRENT` pointer
//! ([`store`]), Concord's metadata ([`meta`]) and per-file manifest ([`manifest`]) kept beside
//! tantivy's files, building a generation from documents ([`build`]), reindexing a corpus
//! folder incrementally or in full ([`update`]), checking a generation's checksums before it
//! is published or served ([`verify`]), and the pause points crash tests kill it at
//! ([`faults`]).
//!
//! May use: [`crate::analyzer`] (to register and choose analyzers), [`crate::schema`],
//! [`crate::error`], [`crate::labels`]. May not touch: [`crate::read`] and
//! [`crate::services`]; a generation is written without ever being searched here. (The read
//! path depends on this folder, for the store and the metadata, never the other way.)

pub mod build;
pub mod faults;
pub mod manifest;
pub mod meta;
pub mod store;
pub mod update;
pub mod verify;
