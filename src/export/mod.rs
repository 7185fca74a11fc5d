//! Exports of the index for other tools (CSV for Excel).
//!
//! Touches the filesystem (it writes files); reads only through the index.

pub mod csv;
