//! Slogans (placeholder: being written).
use super::Doc;
use crate::record::Slogan;

/// Find slogans.
pub fn extract(_doc: &Doc) -> Vec<Slogan> {
    Vec::new()
}
