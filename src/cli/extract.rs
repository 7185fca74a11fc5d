//! `kehoach extract PATH... [-o FILE] [--threads N]`: JSON Lines to stdout or FILE,
//! summary and failures on stderr. Every record has its own id (see `corpus`);
//! an exact duplicate of an earlier file (by id) is not written again but named
//! in the summary, as are the skipped files.

use super::{CommonArgs, Status};
use crate::cli::summary::{Intake, Summary};
use crate::pipeline;
use anyhow::Context;
use clap::Args;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories.
    #[arg(required_unless_present = "stdin", conflicts_with = "stdin")]
    pub paths: Vec<PathBuf>,
    /// The batch contract: read requests from standard input (`{"id","path"}`, `{"id","text"}`
    /// or a plain path, one a line) and write exactly one JSON line per request, in order.
    #[arg(long, conflicts_with = "output")]
    pub stdin: bool,
    /// Plan a batch run: print the requests `--stdin` takes for PATHs, one `{"id","path"}` line
    /// per file `extract` would read (same ids, exact duplicates left out); read no text.
    #[arg(long, conflicts_with_all = ["stdin", "output"])]
    pub list: bool,
    /// Write JSON Lines here instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Shared flags.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// The files an extract run reads, in id order.
struct Plan {
    /// Files to read (exact duplicates left out).
    files: Vec<crate::corpus::SourceFile>,
    /// Arguments that could not be listed.
    failures: Vec<crate::corpus::Failure>,
    /// What was skipped, and the duplicates.
    intake: Intake,
    /// Files found, duplicates included.
    total: usize,
}

/// Discovery, then exact duplicates: the first by id is read. An unreadable file has no
/// key here; its extraction names the failure.
fn plan(paths: &[PathBuf], cfg: &pipeline::Config) -> Plan {
    let found = crate::corpus::discover_all(paths);
    let mut intake = Intake::of(&found);
    let (files, failures) = (found.files, found.failures);
    let keys: Vec<Option<String>> =
        pipeline::map_files(&files, cfg, pipeline::content_hash).into_iter().map(Result::ok).collect();
    let dups = crate::corpus::duplicates(&files, &keys);
    for &(i, j) in &dups {
        intake.duplicate(&files[i], files[j].id.as_str(), &files[j].path.display().to_string());
    }
    let drop: std::collections::HashSet<usize> = dups.iter().map(|&(i, _)| i).collect();
    let total = files.len();
    let files = files.into_iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, f)| f).collect();
    Plan { files, failures, intake, total }
}

/// `extract --list`: the requests of a batch run, on stdout; skips, duplicates and
/// failures on stderr, as `extract` reports them.
fn list(
    files: &[crate::corpus::SourceFile],
    failures: Vec<crate::corpus::Failure>,
    intake: Intake,
    total: usize,
) -> anyhow::Result<Status> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    for f in files {
        let path = f.path.to_str().with_context(|| format!("{}: the path is not UTF-8", f.path.display()))?;
        serde_json::to_writer(&mut out, &serde_json::json!({ "id": f.id.as_str(), "path": path }))?;
        out.write_all(b"\n")?;
    }
    out.flush().context("writing standard output")?;
    eprintln!("listed: {} of {total} files found  failed: {}", files.len(), failures.len());
    for f in &failures {
        eprintln!("  {}", f.error);
    }
    eprint!("{}", intake.render());
    Ok(if failures.is_empty() { Status::Ok } else { Status::SomeFailed })
}

/// Run `extract`: records are written as they come (in input order), never all held.
pub fn run(a: &ExtractArgs) -> anyhow::Result<Status> {
    let cfg = a.common.config()?;
    if a.stdin {
        return super::batch::run(&cfg);
    }
    let Plan { files, mut failures, intake, total } = plan(&a.paths, &cfg);
    if a.list {
        return list(&files, failures, intake, total);
    }
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let target = a.output.as_ref().map_or_else(|| "standard output".to_string(), |p| p.display().to_string());
    let mut sum = Summary::begin(total, 0);
    pipeline::for_each_ordered(&files, &cfg, pipeline::process_one, |r| -> anyhow::Result<()> {
        match r {
            Ok(rec) => {
                serde_json::to_writer(&mut out, &rec)?;
                out.write_all(b"\n")?;
                sum.add(&rec);
            }
            Err(f) => failures.push(f),
        }
        Ok(())
    })
    .and_then(|()| Ok(out.flush()?))
    .with_context(|| format!("writing {target}"))?;
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    let mut s = sum.finish();
    s.failed = failures.len();
    s.intake = intake;
    eprint!("{}", s.render_failures(&failures));
    Ok(if failures.is_empty() { Status::Ok } else { Status::SomeFailed })
}
