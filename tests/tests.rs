//! Integration tests: one harness (ripgrep style), one module per concern.
mod bad_input;
mod cli;
mod export;
mod graph;
mod index;
mod properties;
mod queries;
mod real_corpus;
mod report;
mod seeds;
mod synthetic;
mod util;
