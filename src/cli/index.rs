//! `kehoach index PATH... --index DIR [--mirror] [--json]`: extract and index,
//! incrementally (only new or changed files are re-extracted). Documents of other
//! paths stay unless `--mirror`; a document whose file was under a given path and
//! is gone is removed; every removal, skipped file, duplicate and changed id is
//! named. A run that finds nothing and has no index to update creates nothing.

use super::{CommonArgs, Status};
use crate::index::Mode;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Index directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Remove the documents whose files are not among the given paths (default: keep them).
    #[arg(long, visible_alias = "prune")]
    pub mirror: bool,
    /// Print the statistics as JSON.
    #[arg(long)]
    pub json: bool,
    /// Shared flags.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Run `index`.
pub fn run(a: &IndexArgs) -> anyhow::Result<Status> {
    let cfg = a.common.config()?;
    let mode = if a.mirror { Mode::Mirror } else { Mode::Add };
    let (stats, failures) = crate::index::update_with(&a.paths, &a.index, &cfg, mode)?;
    if a.json {
        outln!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        outln!(
            "files: {}  added: {}  updated: {}  removed: {}  unchanged: {}  documents in index: {}",
            stats.files,
            stats.added,
            stats.updated,
            stats.removed,
            stats.unchanged,
            stats.documents
        );
        let changes = stats.changes().render();
        // The first line repeats the counts above: only the removed documents.
        out!("{}", changes.split_once('\n').map_or("", |(_, rest)| rest));
        out!("{}", stats.intake.render());
        if stats.non_documents > 0 {
            outln!(
                "warning: {} not official document(s) (left out of the graph and the reports): {}",
                stats.non_documents,
                stats.non_document_ids.iter().take(10).cloned().collect::<Vec<_>>().join(", ")
            );
        }
        if !crate::index::exists(&a.index) {
            outln!("nothing read: {} not created", a.index.display());
        }
    }
    for f in &failures {
        eprintln!("  {}", f.error);
    }
    Ok(if failures.is_empty() { Status::Ok } else { Status::SomeFailed })
}
