//! Deadlines (placeholder: being written).
use super::{Assignment, Doc};
use crate::record::{Deadline, Meta};

/// Find deadlines.
pub fn extract(_doc: &Doc, _meta: &Meta, _units: &[Assignment]) -> Vec<Deadline> {
    Vec::new()
}
