//! Exports of the index for other tools (CSV for Excel, Parquet for pandas, polars, DuckDB and Spark, NDJSON for distributed search engines); the six tables are defined once in [`table`].
//!
//! Touches the filesystem (it writes files); reads only through the index.

pub mod csv;
pub mod ndjson;
pub mod parquet;
pub mod patch;
pub mod table;
