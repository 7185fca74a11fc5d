//! `kehoach index PATH... --index DIR [--json]`: extract and index, incrementally
//! (only new or changed files are re-extracted; documents of deleted files go).

use super::{CommonArgs, Status};
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
    let (stats, failures) = crate::index::update(&a.paths, &a.index, &cfg)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
    } else {
        println!(
            "files: {}  added: {}  updated: {}  removed: {}  unchanged: {}  documents in index: {}",
            stats.files, stats.added, stats.updated, stats.removed, stats.unchanged, stats.documents
        );
    }
    for f in &failures {
        eprintln!("  {}", f.error);
    }
    Ok(if failures.is_empty() { Status::Ok } else { Status::SomeFailed })
}
