//! Exports of the index for other tools (CSV for Excel, NDJSON for distributed search engines).
//!
//! Touches the filesystem (it writes files); reads only through the index.

pub mod csv;
pub mod ndjson;
