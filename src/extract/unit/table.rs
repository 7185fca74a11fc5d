//! Appendix task tables (placeholder).
use super::{Found, Lines};
use crate::extract::Doc;

/// Table rows.
pub fn extract(_doc: &Doc, _lines: &Lines, _out: &mut Vec<Found>) {}
