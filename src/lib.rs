//! # kehoach — text mining for Vietnamese government plan documents
//!
//! Bird's-eye view of the pipeline (each stage is a module):
//!
//! ```text
//! paths ─ corpus::discover ─▶ SourceFile (sorted by id)
//!   └ corpus::read ─▶ Decoded text (BOM, UTF-16, TCVN3/VNI handled; errors name the file)
//!     └ normalize::normalize ─▶ Normalized { text, lower, map → raw offsets }
//!       └ extract::Doc::new ─▶ structure::Structure (sections, items, | tables, Nơi nhận,
//!         │                    body end) and the site chrome, computed once per document
//!         └ extract::extract_all ─▶ DocRecord { meta, directives, units, slogans, deadlines, tasks }
//! pipeline::run: the one parallel seam (rayon), deterministic order, failures collected
//! cli: `extract` (JSON Lines) and `ingest` (out/documents.jsonl + summary)
//! ```
//!
//! Normalize and extract are pure functions over text; only `corpus`, `lexicon`
//! loading from a directory, and `cli` touch the filesystem.
#![warn(missing_docs)]

pub mod cli;
pub mod corpus;
pub mod domain;
pub mod error;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod graph;
pub mod index;
pub mod lexicon;
pub mod normalize;
pub mod pipeline;
pub mod record;
pub mod report;
#[cfg(feature = "serve")]
pub mod serve;
pub mod structure;

pub use error::{Error, Result};
pub use record::{DocRecord, SCHEMA_VERSION};
