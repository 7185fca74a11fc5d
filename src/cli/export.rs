//! `kehoach export csv --index DIR --out DIR [--excel] [--json]`.

use super::Status;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Format.
    #[command(subcommand)]
    pub format: ExportFormat,
}

/// Export formats.
#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// documents, citations, units, slogans, deadlines and edges as CSV files.
    Csv {
        /// Index directory.
        #[arg(long, value_name = "DIR", default_value = "out/index")]
        index: PathBuf,
        /// Output directory.
        #[arg(long, value_name = "DIR", default_value = "out/csv")]
        out: PathBuf,
        /// Excel-friendly: UTF-8 BOM, CRLF, formula-leading cells neutralised with '.
        #[arg(long)]
        excel: bool,
        /// Print the row counts as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Run `export`.
pub fn run(a: &ExportArgs) -> anyhow::Result<Status> {
    match &a.format {
        ExportFormat::Csv { index, out, excel, json } => {
            let (ix, fields) = crate::index::open(index)?;
            let n = crate::export::csv::export(&ix, &fields, out, *excel)?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&n)?);
            } else {
                println!(
                    "wrote {}: documents {}  citations {}  units {}  slogans {}  deadlines {}  edges {}",
                    out.display(),
                    n.documents,
                    n.citations,
                    n.units,
                    n.slogans,
                    n.deadlines,
                    n.edges
                );
            }
        }
    }
    Ok(Status::Ok)
}
