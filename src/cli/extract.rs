//! `kehoach extract PATH... [-o FILE] [--threads N]`: JSON Lines to stdout or FILE,
//! summary and failures on stderr. Every record has its own id (see `corpus`);
//! an exact duplicate of an earlier file (by id) is not written again but named
//! in the summary, as are the skipped files.

use super::{CommonArgs, Status};
use crate::pipeline;
use crate::summary::{Intake, Summary};
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
    /// Write JSON Lines here instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Shared flags.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Run `extract`: records are written as they come (in input order), never all held.
pub fn run(a: &ExtractArgs) -> anyhow::Result<Status> {
    let cfg = a.common.config()?;
    if a.stdin {
        return super::batch::run(&cfg);
    }
    let found = crate::corpus::discover_all(&a.paths);
    let mut intake = Intake::of(&found);
    let (mut files, mut failures) = (found.files, found.failures);
    // Exact duplicates: the first by id is extracted. An unreadable file has no key
    // here; its extraction below names the failure.
    let keys: Vec<Option<String>> =
        pipeline::map_files(&files, &cfg, pipeline::content_hash).into_iter().map(Result::ok).collect();
    let dups = crate::corpus::duplicates(&files, &keys);
    for &(i, j) in &dups {
        intake.duplicate(&files[i], &files[j].id.0, &files[j].path.display().to_string());
    }
    let drop: std::collections::HashSet<usize> = dups.iter().map(|&(i, _)| i).collect();
    let total = files.len();
    files = files.into_iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, f)| f).collect();
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let target = a.output.as_ref().map_or_else(|| "standard output".to_string(), |p| p.display().to_string());
    let mut sum = Summary::begin(total, 0);
    pipeline::for_each_ordered(&files, &cfg, pipeline::process_one, |r| {
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
