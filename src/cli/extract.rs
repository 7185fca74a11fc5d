//! `kehoach extract PATH... [-o FILE] [--threads N]`: JSON Lines to stdout or FILE,
//! summary and failures on stderr.

use super::{CommonArgs, Status};
use crate::pipeline;
use crate::summary::Summary;
use anyhow::Context;
use clap::Args;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write JSON Lines here instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Shared flags.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Write records as JSON Lines.
pub fn write_jsonl(out: &mut dyn Write, records: &[crate::DocRecord]) -> anyhow::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *out, r)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Run `extract`.
pub fn run(a: &ExtractArgs) -> anyhow::Result<Status> {
    let cfg = a.common.config()?;
    let outcome = pipeline::run(&a.paths, &cfg);
    match &a.output {
        Some(p) => {
            let f = std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
            write_jsonl(&mut BufWriter::new(f), &outcome.records).with_context(|| format!("writing {}", p.display()))?;
        }
        None => write_jsonl(&mut BufWriter::new(std::io::stdout().lock()), &outcome.records)?,
    }
    let s = Summary::of(&outcome);
    eprint!("{}", s.render(&outcome));
    Ok(if outcome.failures.is_empty() { Status::Ok } else { Status::SomeFailed })
}
