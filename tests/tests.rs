//! Integration tests: one harness (ripgrep style), one module per concern.
mod bad_args;
mod bad_input;
mod batch;
#[cfg(feature = "serve")]
mod browser;
mod cli;
mod crash;
mod devset;
mod export;
mod extract_fixtures;
mod formats;
mod fuzz_regressions;
mod graph;
mod index;
mod indexed;
mod ingest_cases;
mod ndjson;
mod paging;
mod parquet_export;
mod properties;
mod queries;
mod real_corpus;
mod relations;
mod report;
mod search_rank;
mod seeds;
#[cfg(feature = "serve")]
mod serve;
mod spark;
mod synthetic;
/// The benchmark's generator, outside the library (`examples/gen_synthetic.rs` includes it too).
#[path = "../examples/common/synthetic.rs"]
#[allow(dead_code)]
mod synthetic_generator;
mod util;
