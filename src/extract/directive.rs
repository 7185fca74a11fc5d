//! Directives (placeholder: being written).
use super::Doc;
use crate::record::{Directive, Meta};

/// Find cited directives.
pub fn extract(_doc: &Doc, _meta: &Meta) -> (Vec<Directive>, Vec<String>) {
    (Vec::new(), Vec::new())
}
