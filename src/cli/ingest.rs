//! `kehoach ingest [PATH] [--out DIR]`: the README's main command. Runs the
//! pipeline on a corpus (default `data/corpus`) and writes `DIR/documents.jsonl`,
//! the index `DIR/index/` (incremental: a rerun re-extracts only changed files)
//! and the CSV tables `DIR/csv/`, then prints a short summary.

use super::{CommonArgs, Status};
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
    std::fs::create_dir_all(&a.out).with_context(|| format!("cannot create {}", a.out.display()))?;
    let index_dir = a.out.join("index");
    let (stats, failures) = crate::index::update(&a.paths, &index_dir, &cfg)?;
    let (index, fields) = crate::index::open(&index_dir)?;
    // documents.jsonl and the summary stream from the index, one record at a time.
    let path = a.out.join("documents.jsonl");
    let tmp = a.out.join(".documents.jsonl.tmp");
    let mut sum = Summary::begin(stats.files, failures.len());
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
    let s = sum.finish();
    if a.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
    } else {
        print!("{}", s.render_failures(&failures));
        println!(
            "index: added {}, updated {}, removed {}, unchanged {}",
            stats.added, stats.updated, stats.removed, stats.unchanged
        );
        println!("wrote {}, {}/, {}/", path.display(), index_dir.display(), csv_dir.display());
    }
    Ok(if failures.is_empty() { Status::Ok } else { Status::SomeFailed })
}
