//! What happened to the files found, beyond the records: files skipped with the reason,
//! exact duplicates, ids changed to stay unique. Discovery and indexing fill it; the run
//! summary (`cli::summary`) prints it.

use super::{Discovery, SourceFile};
use std::collections::BTreeMap;
use std::fmt::Write;

/// How many names a list of the summary shows at most (the counts are exact).
pub const FIRST: usize = 50;

/// How many names the human-readable summary prints per list.
pub const SHOWN: usize = 10;

/// A file found under a folder and not read.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SkippedFile {
    /// Path as found.
    pub path: String,
    /// Why, in words (`unsupported type (.pdf)`).
    pub reason: String,
    /// `unsupported`, `hidden`, `backup` or `not a file`.
    pub kind: String,
}

/// A file with the same bytes as another: not read again.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DuplicateFile {
    /// The duplicate.
    pub path: String,
    /// Id of the document it duplicates.
    pub duplicate_of: String,
    /// Source path of that document.
    pub duplicate_of_path: String,
}

/// A file whose id was taken by another file or document: it got `id~N`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RenamedFile {
    /// The file.
    pub path: String,
    /// The id the rule gives it.
    pub wanted: String,
    /// The id it got.
    pub id: String,
    /// The file or document source holding `wanted`.
    pub taken_by: String,
}

/// What happened to the files found, beyond the records.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Intake {
    /// Every file not read, with the reason, in path order.
    pub skipped: Vec<SkippedFile>,
    /// Skipped files per kind.
    pub skipped_by_reason: BTreeMap<String, usize>,
    /// Exact duplicates (indexed once, as the first by id).
    pub duplicates: Vec<DuplicateFile>,
    /// Ids changed to stay unique.
    pub renamed: Vec<RenamedFile>,
}

impl Intake {
    /// Skipped files and renamed ids of a discovery.
    pub(crate) fn of(d: &Discovery) -> Self {
        let mut i = Intake::default();
        for s in &d.skipped {
            *i.skipped_by_reason.entry(s.why.key().to_string()).or_default() += 1;
            i.skipped.push(SkippedFile {
                path: s.path.display().to_string(),
                reason: s.why.to_string(),
                kind: s.why.key().to_string(),
            });
        }
        for r in &d.renamed {
            i.renamed.push(RenamedFile {
                path: r.path.display().to_string(),
                wanted: r.wanted.clone(),
                id: r.id.clone(),
                taken_by: r.taken_by.clone(),
            });
        }
        i
    }

    /// Record that `dup` holds the same bytes as `original`.
    pub(crate) fn duplicate(&mut self, dup: &SourceFile, original_id: &str, original_path: &str) {
        self.duplicates.push(DuplicateFile {
            path: dup.path.display().to_string(),
            duplicate_of: original_id.to_string(),
            duplicate_of_path: original_path.to_string(),
        });
    }

    /// Human-readable lines (empty when nothing was skipped, duplicated or renamed).
    pub(crate) fn render(&self) -> String {
        let mut t = String::new();
        if !self.skipped.is_empty() {
            let by: Vec<String> = self.skipped_by_reason.iter().map(|(k, v)| format!("{k} {v}")).collect();
            let _ = writeln!(t, "skipped: {} ({})", self.skipped.len(), by.join(", "));
            for s in &self.skipped {
                let _ = writeln!(t, "  {}: {}", s.path, s.reason);
            }
        }
        for d in &self.duplicates {
            let _ = writeln!(
                t,
                "warning: {} has the same bytes as {} (id {}): indexed once, as {}",
                d.path, d.duplicate_of_path, d.duplicate_of, d.duplicate_of
            );
        }
        for r in &self.renamed {
            let _ = writeln!(
                t,
                "warning: id {} of {} is taken by {}: {} is {}",
                r.wanted, r.path, r.taken_by, r.path, r.id
            );
        }
        t
    }
}
