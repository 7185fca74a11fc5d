//! `kehoach report provinces [--index DIR] [--format md|html|csv|json] [-o FILE]`.

use super::Status;
use crate::report::{self, render};
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report.
    #[command(subcommand)]
    pub which: ReportKind,
}

/// Reports.
#[derive(Debug, Subcommand)]
pub enum ReportKind {
    /// Provinces compared: documents by level and year, top and key directives, uptake lag, slogans, deadlines and units per plan.
    Provinces {
        /// Index directory.
        #[arg(long, value_name = "DIR", default_value = "out/index")]
        index: PathBuf,
        /// Output format.
        #[arg(long, default_value = "md", value_parser = ["md", "html", "csv", "json"])]
        format: String,
        /// Write to this file instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Count records that are not official documents (README, notes: `is_document: false`) too.
        #[arg(long)]
        include_non_documents: bool,
    },
}

/// Run `report`.
pub fn run(a: &ReportArgs) -> anyhow::Result<Status> {
    let ReportKind::Provinces { index, format, output, include_non_documents } = &a.which;
    let (ix, fields) = crate::index::open(index)?;
    // From the index's columns; indexes built before them fall back to reading every record
    // (so does --include-non-documents: the columns answer for documents only).
    let indexed = if *include_non_documents { None } else { report::indexed::provinces(&ix, &fields)? };
    let r = match indexed {
        Some(r) => r,
        None => {
            let mut records = crate::graph::load(&ix, &fields)?;
            if *include_non_documents {
                crate::graph::count_every_record(&mut records);
            }
            report::provinces(&records)
        }
    };
    let text = match format.as_str() {
        "html" => render::html(&r),
        "csv" => render::csv(&r)?,
        "json" => serde_json::to_string_pretty(&r)? + "\n",
        _ => render::markdown(&r),
    };
    match output {
        Some(p) => std::fs::write(p, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display()))?,
        None => out!("{text}"),
    }
    Ok(Status::Ok)
}
