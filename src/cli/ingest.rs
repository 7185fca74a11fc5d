//! `kehoach ingest [PATH…] [--out DIR] [--mirror] [--json]`: the README's main
//! command. Runs the pipeline on a corpus (default `data/corpus`) and writes
//! `DIR/documents.jsonl`, the index `DIR/index/` (incremental: a rerun
//! re-extracts only changed files; documents of other paths stay unless
//! `--mirror`) and the CSV tables `DIR/csv/`, then prints a summary naming every
//! skipped file, duplicate, changed id and removed document. A run that finds
//! nothing and has no index to update creates nothing.

use super::{CommonArgs, Status};
use crate::index::Mode;
use crate::summary::Summary;
use anyhow::Context;
use clap::Args;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Corpus directory or files.
    #[arg(default_value = "data/corpus")]
    pub paths: Vec<PathBuf>,
    /// Output directory.
    #[arg(long, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// Remove from the index the documents whose files are not among the given paths
    /// (default: keep them; a document is removed only when its file was under a given path and is gone).
    #[arg(long, visible_alias = "prune")]
    pub mirror: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Shared flags.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Run `ingest`.
pub fn run(a: &IngestArgs) -> anyhow::Result<Status> {
    let cfg = a.common.config()?;
    let index_dir = a.out.join("index");
    let mode = if a.mirror { Mode::Mirror } else { Mode::Add };
    let (stats, failures) = crate::index::update_with(&a.paths, &index_dir, &cfg, mode)?;
    let status = if failures.is_empty() { Status::Ok } else { Status::SomeFailed };
    let mut sum = Summary::begin(stats.files, failures.len());
    if !crate::index::exists(&index_dir) {
        // Nothing found and no index to update: nothing is written.
        let mut s = sum.finish();
        s.intake = stats.intake;
        if a.json {
            outln!("{}", serde_json::to_string_pretty(&s)?);
        } else {
            out!("{}", s.render_failures(&failures));
            outln!("nothing read: {} not created", a.out.display());
        }
        return Ok(status);
    }
    let (index, fields) = crate::index::open(&index_dir)?;
    // documents.jsonl and the summary stream from the index, one record at a time.
    let path = a.out.join("documents.jsonl");
    let tmp = a.out.join(".documents.jsonl.tmp");
    {
        let f = std::fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        let mut w = BufWriter::new(f);
        crate::index::for_each_record(&index, &fields, |r| {
            serde_json::to_writer(&mut w, &r)?;
            w.write_all(b"\n")?;
            sum.add(&r);
            Ok(())
        })
        .and_then(|()| Ok(w.flush()?))
        .with_context(|| format!("writing {}", tmp.display()))?;
    }
    std::fs::rename(&tmp, &path).with_context(|| format!("cannot move {} to {}", tmp.display(), path.display()))?;
    let csv_dir = a.out.join("csv");
    crate::export::csv::export(&index, &fields, &csv_dir, false)?;
    let mut s = sum.finish();
    s.index = Some(stats.changes());
    s.intake = stats.intake;
    if a.json {
        outln!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        out!("{}", s.render_failures(&failures));
        outln!("wrote {}, {}/, {}/", path.display(), index_dir.display(), csv_dir.display());
    }
    Ok(status)
}
