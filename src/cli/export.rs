//! `kehoach export csv --index DIR --out DIR [--excel] [--json]` and
//! `kehoach export parquet [--index DIR] [--out DIR] [--json]`,
//! `kehoach export ndjson --for quickwit|opensearch [--index DIR] [--out DIR] [--json]`.

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
    /// the same six tables as Parquet files with real types (dates, integers, lists), for pandas, polars, DuckDB and Spark.
    Parquet {
        /// Index directory.
        #[arg(long, value_name = "DIR", default_value = "out/index")]
        index: PathBuf,
        /// Output directory.
        #[arg(long, value_name = "DIR", default_value = "out/parquet")]
        out: PathBuf,
        /// Print the row counts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// documents and citation edges as NDJSON in a distributed engine's bulk format (docs/scale-out.md).
    Ndjson {
        /// Target engine: plain NDJSON (quickwit) or _bulk action/source pairs (opensearch).
        #[arg(long = "for", value_enum)]
        engine: crate::export::ndjson::Engine,
        /// Index directory.
        #[arg(long, value_name = "DIR", default_value = "out/index")]
        index: PathBuf,
        /// Output directory (default out/ndjson/ENGINE): documents.ndjson and edges.ndjson
        /// (then documents.2.ndjson … when a file exceeds a chunk).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Largest chunk in bytes (default 10,000,000: under the engines' 10 MB bulk limit).
        #[arg(long, value_name = "BYTES", default_value_t = crate::export::ndjson::CHUNK_BYTES)]
        chunk_bytes: u64,
        /// Print the counts as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Run `export`.
pub fn run(a: &ExportArgs) -> anyhow::Result<Status> {
    match &a.format {
        ExportFormat::Csv { index, out, excel, json } => {
            let (ix, fields) = crate::index::open(index)?;
            tables_written(&crate::export::csv::export(&ix, &fields, out, *excel)?, out, *json)?;
        }
        ExportFormat::Parquet { index, out, json } => {
            let (ix, fields) = crate::index::open(index)?;
            tables_written(&crate::export::parquet::export(&ix, &fields, out)?, out, *json)?;
        }
        ExportFormat::Ndjson { engine, index, out, json, chunk_bytes } => {
            let (ix, fields) = crate::index::open(index)?;
            let out = out.clone().unwrap_or_else(|| PathBuf::from("out/ndjson").join(engine.name()));
            let n = crate::export::ndjson::export_chunked(&ix, &fields, &out, *engine, (*chunk_bytes).max(1))?;
            if *json {
                outln!("{}", serde_json::to_string_pretty(&n)?);
            } else {
                outln!(
                    "wrote {} for {}: documents {}  edges {}  files {}",
                    out.display(),
                    engine.name(),
                    n.documents,
                    n.edges,
                    n.files.len()
                );
            }
        }
    }
    Ok(Status::Ok)
}

/// Say what `export csv` or `export parquet` wrote.
fn tables_written(n: &crate::export::table::Counts, out: &std::path::Path, json: bool) -> anyhow::Result<()> {
    if json {
        outln!("{}", serde_json::to_string_pretty(n)?);
    } else {
        outln!(
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
    Ok(())
}
