//! The collectors of a search and the per-segment arrays they read.
//!
//! [`segment_cache`] keeps each segment's facet ordinals and dates as plain arrays, opened
//! once per generation; [`dated`] checks a search's date bounds on them, [`date_blocks`] skips
//! blocks of documents a date range rules out, [`facet_count`] counts facet values by ordinal,
//! [`drill_sideways`] counts every facet group disjunctively in the hits' pass,
//! [`histogram`] buckets hits by year or month, and [`date_sort`] orders hits by date.
//!
//! May use: [`crate::schema`] and the request's types ([`crate::read::request`]). May not
//! touch: query compilation ([`crate::read::query`]), the search itself, the write path or
//! the services: a collector sees document ids and arrays, never text.

pub mod date_blocks;
pub mod date_sort;
pub mod dated;
pub mod drill_sideways;
pub mod facet_count;
pub mod histogram;
pub mod segment_cache;
