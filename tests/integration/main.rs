//! Concord's integration tests, one binary: the HTTP API over a fixture corpus (through
//! `app(state)` with `oneshot`), the `concord` binary, and one test over a real socket.
//!
//! The fixture corpus is `tests/fixtures/corpus`: 8 valid documents and one with broken front
//! matter. The expected counts below are worked out from its files by hand.

mod support;

mod access;
mod architecture;
mod browser;
mod check;
mod cli;
mod corpus;
mod date_blocks;
mod documents;
mod errors;
mod eval;
mod export;
mod extraction;
mod facets;
mod faults;
mod filters;
mod fuzz_replay;
mod generate;
mod languages;
mod librarian;
mod limits;
mod malformed;
mod metrics;
mod names;
mod openapi;
mod query_syntax;
mod ranking;
mod results;
mod socket;
mod suggest;
mod typos;
mod web;
