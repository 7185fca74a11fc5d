//! # kehoach — text mining for Vietnamese government plan documents
//!
//! Bird's-eye view, from an input file to a web page (each stage is a module; a module imports
//! only from the floors below it):
//!
//! ```text
//! paths ─ corpus::discover ─▶ SourceFile (sorted by id; skips, duplicates: corpus::intake)
//!   └ corpus::read ─▶ Decoded text (BOM, UTF-16, TCVN3/VNI handled; errors name the file)
//!     └ normalize::normalize ─▶ Normalized { text, lower, map → raw offsets }
//!       └ extract::Doc::new ─▶ structure::Structure (sections, items, | tables, Nơi nhận,
//!         │                    body end) and the site chrome, computed once per document;
//!         │                    structure::landmark: the one rule per landmark line
//!         │                    (heading, Nơi nhận, TM./KT., Trên đây là, Kính gửi)
//!         └ extract::extract_all ─▶ record::DocRecord { meta, directives, units, slogans, deadlines, tasks }
//! pipeline: the one parallel seam (rayon), deterministic order, failures collected
//!   └ index ─▶ tantivy index (fields, cites_info, search, what a run changed)
//!     ├ graph   citers, chain, refs, top, cocited, units (graph::directive_name reads "ct 33")
//!     ├ report  provinces, uptake
//!     ├ export  csv, parquet, ndjson
//!     └ serve   the web workbench (HTML pages and /api)
//! cli: one module per subcommand, and the run summary (cli::summary)
//! domain: the ground floor every module may use (Date, Level, deadline kind and precision,
//!         the directive label, the plan-to-directive lag, the FNV hash); imports nothing of ours
//! ```
//!
//! Normalize and extract are pure functions over text; only `corpus`, `lexicon`
//! loading from a directory, `index`, `export` and `cli` touch the filesystem.
#![warn(missing_docs)]

pub mod cli;
pub mod corpus;
pub mod domain;
pub(crate) mod error;
pub(crate) mod export;
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
pub(crate) mod serve;
pub(crate) mod structure;

pub use error::{Error, Result};
pub use record::{DocRecord, SCHEMA_VERSION};
