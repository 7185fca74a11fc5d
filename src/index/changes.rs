//! What an indexing run did to the index: documents added, updated, removed (each removal
//! named with its reason), unchanged. The index fills it; the run summary (`cli::summary`) prints it.

use crate::corpus::intake::SHOWN;
use std::fmt::Write;

/// A document removed from the index, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Removed {
    /// Its id.
    pub id: String,
    /// Its source path.
    pub source: String,
    /// `file gone`, `not among the given paths (--mirror)`, `duplicate of ID` …
    pub reason: String,
}

/// What an indexing run did to the index.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct IndexChanges {
    /// `add` (default) or `mirror`.
    pub mode: String,
    /// New documents.
    pub added: usize,
    /// Changed documents re-indexed.
    pub updated: usize,
    /// Documents removed.
    pub removed: usize,
    /// Files whose content did not change.
    pub unchanged: usize,
    /// Documents in the index after the run.
    pub documents: u64,
    /// The removed documents, the first [`crate::corpus::intake::FIRST`] by id, with the reason.
    pub removed_first: Vec<Removed>,
}

impl IndexChanges {
    /// One line, plus the removed documents (at most [`SHOWN`]).
    pub(crate) fn render(&self) -> String {
        let mut t = String::new();
        let _ = writeln!(
            t,
            "index ({}): added {}, updated {}, removed {}, unchanged {}, documents {}",
            self.mode, self.added, self.updated, self.removed, self.unchanged, self.documents
        );
        for r in self.removed_first.iter().take(SHOWN) {
            let _ = writeln!(t, "  removed {} ({}): {}", r.id, r.source, r.reason);
        }
        if self.removed > SHOWN.min(self.removed_first.len()) {
            let _ = writeln!(t, "  … and {} more removed", self.removed - SHOWN.min(self.removed_first.len()));
        }
        t
    }
}
