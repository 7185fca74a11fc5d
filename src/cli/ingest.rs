//! `kehoach ingest [PATH…] [--out DIR] [--mirror] [--json]`: the README's main
//! command. Runs the pipeline on a corpus (default `data/corpus`) and writes
//! `DIR/documents.jsonl`, the index `DIR/index/` (incremental: a rerun
//! re-extracts only changed files; documents of other paths stay unless
//! `--mirror`) and the CSV tables `DIR/csv/`, then prints a summary naming every
//! skipped file, duplicate, changed id and removed document. A run that finds
//! nothing and has no index to update creates nothing.

use super::{CommonArgs, Status};
use crate::cli::summary::{Contribution, Summary};
use crate::export::table::TABLES;
use crate::index::schema::Fields;
use crate::index::Mode;
use anyhow::Context;
use clap::Args;
use std::collections::BTreeSet;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use tantivy::Index;

/// What the outputs of `DIR` were written from, kept in `DIR/.ingest-state.json`: a rerun
/// patches them (only the documents it changed) when they match the index as it was before
/// the run, by release, layout and commit; otherwise it rewrites them whole.
#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct OutputState {
    schema_version: u32,
    version: String,
    /// The index commit the outputs show.
    opstamp: u64,
}

impl OutputState {
    fn now(opstamp: u64) -> Self {
        OutputState { schema_version: crate::SCHEMA_VERSION, version: env!("CARGO_PKG_VERSION").into(), opstamp }
    }
}

/// The outputs' state file.
const STATE: &str = ".ingest-state.json";
/// One summary contribution per document, in id order (see [`Contribution`]).
const SUMMARY: &str = ".summary.jsonl";

/// Write documents.jsonl, the summary contributions and the CSV tables from every record.
fn write_outputs(out: &Path, index: &Index, fields: &Fields) -> anyhow::Result<()> {
    let (path, summary) = (out.join("documents.jsonl"), out.join(SUMMARY));
    let (tmp, stmp) = (out.join(".documents.jsonl.tmp"), out.join(".summary.jsonl.tmp"));
    {
        let create = |p: &Path| -> anyhow::Result<BufWriter<std::fs::File>> {
            Ok(BufWriter::new(std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?))
        };
        let (mut w, mut sw) = (create(&tmp)?, create(&stmp)?);
        crate::index::for_each_record(index, fields, |r| -> anyhow::Result<()> {
            serde_json::to_writer(&mut w, &r)?;
            w.write_all(b"\n")?;
            serde_json::to_writer(&mut sw, &Contribution::of(&r))?;
            sw.write_all(b"\n")?;
            Ok(())
        })
        .and_then(|()| Ok((w.flush()?, sw.flush()?)))
        .with_context(|| format!("writing {}", tmp.display()))?;
    }
    for (t, p) in [(&tmp, &path), (&stmp, &summary)] {
        std::fs::rename(t, p).with_context(|| format!("cannot move {} to {}", t.display(), p.display()))?;
    }
    crate::export::csv::export(index, fields, &out.join("csv"), false)?;
    Ok(())
}

/// Patch the outputs: only the `changed` documents are read from the index (see
/// `export::patch`); the files come out as [`write_outputs`] would write them.
fn patch_outputs(out: &Path, index: &Index, fields: &Fields, changed: &BTreeSet<String>) -> anyhow::Result<()> {
    use crate::export::patch;
    let fresh = crate::index::records_of(index, fields, changed)?;
    let lines = |f: &dyn Fn(&crate::record::DocRecord) -> anyhow::Result<Vec<u8>>| -> anyhow::Result<Vec<(String, Vec<Vec<u8>>)>> {
        fresh.iter().map(|r| Ok((r.id.to_string(), vec![f(r)?]))).collect()
    };
    let docs = lines(&|r| Ok(serde_json::to_vec(r)?))?;
    let path = out.join("documents.jsonl");
    patch::jsonl(&path, &path, changed, &docs, |_| Ok(()))?;
    let contributions = lines(&|r| Ok(serde_json::to_vec(&Contribution::of(r))?))?;
    let summary = out.join(SUMMARY);
    patch::jsonl(&summary, &summary, changed, &contributions, |_| Ok(()))?;
    let mut rows: Vec<Vec<(String, Vec<Vec<String>>)>> = vec![Vec::new(); TABLES.len()];
    for r in &fresh {
        for (k, t) in crate::export::csv::record_rows(r)?.into_iter().enumerate() {
            rows[k].push((r.id.to_string(), t));
        }
    }
    for (k, (name, _)) in TABLES.iter().enumerate() {
        let p = out.join("csv").join(format!("{name}.csv"));
        patch::csv(&p, &p, changed, &rows[k])?;
    }
    Ok(())
}

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
    let path = a.out.join("documents.jsonl");
    let csv_dir = a.out.join("csv");
    let state_path = a.out.join(STATE);
    let was: Option<OutputState> = std::fs::read(&state_path).ok().and_then(|b| serde_json::from_slice(&b).ok());
    // Until the new state is written, the outputs match no index: a run killed while writing
    // them leaves a full rewrite to the next run.
    let _ = std::fs::remove_file(&state_path);
    let outputs_there = path.exists()
        && a.out.join(SUMMARY).exists()
        && TABLES.iter().all(|(name, _)| csv_dir.join(format!("{name}.csv")).exists());
    if was == Some(OutputState::now(stats.opstamp_before)) && outputs_there {
        patch_outputs(&a.out, &index, &fields, &stats.changed_ids)?;
    } else {
        write_outputs(&a.out, &index, &fields)?;
    }
    std::fs::write(&state_path, serde_json::to_vec(&OutputState::now(stats.opstamp_after))?)
        .with_context(|| format!("cannot write {}", state_path.display()))?;
    // The summary sums the documents' contributions, in id order.
    let summary = a.out.join(SUMMARY);
    let f = std::fs::File::open(&summary).with_context(|| format!("cannot read {}", summary.display()))?;
    for line in std::io::BufReader::new(f).lines() {
        sum.add_contribution(&serde_json::from_str(&line?).with_context(|| format!("reading {}", summary.display()))?);
    }
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
