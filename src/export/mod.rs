//! Exports of the index for other tools (CSV for Excel, Parquet for pandas, polars, DuckDB and Spark, NDJSON for distributed search engines); the six tables are defined once in [`table`].
//!
//! Touches the filesystem (it writes files); reads only through the index.

pub(crate) mod csv;
pub(crate) mod ndjson;
pub(crate) mod parquet;
pub(crate) mod patch;
pub(crate) mod table;
