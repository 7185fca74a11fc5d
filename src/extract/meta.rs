//! Metadata (placeholder: being written).
use super::Doc;
use crate::record::Meta;

/// Find the document's own metadata.
pub fn extract(_doc: &Doc) -> Meta {
    Meta::default()
}
