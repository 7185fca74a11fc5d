//! Command-line interface: one module per subcommand (xsv style).
//!
//! The clap structs mirror the flags literally; `Config` is built once from
//! them. Errors print their whole chain once (`kehoach: …`) and exit 2; a run
//! with failed files exits 1 after writing everything that went through; a
//! closed pipe (`| head`) is a success.

/// `print!` to standard output that returns the write error instead of panicking: a
/// closed pipe (`| head`) then ends the command quietly (see [`main`]).
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        write!(std::io::stdout().lock(), $($t)*)?
    }};
}

/// `println!` that returns the write error (see [`out!`]).
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($t)*)?
    }};
}

mod batch;
mod export;
mod extract;
mod graph;
mod index;
mod ingest;
mod normalize;
mod page;
mod query;
mod report;
mod search;
#[cfg(feature = "serve")]
mod serve;
pub(crate) mod summary;
mod units;

use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::pipeline::Config;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// kehoach: extract structured data from Vietnamese government plan documents.
#[derive(Debug, Parser)]
#[command(name = "kehoach", version, about)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract files or directories (recursive .txt/.md) to JSON Lines.
    Extract(extract::ExtractArgs),
    /// Run the pipeline on a corpus (default data/corpus) and write out/documents.jsonl.
    Ingest(ingest::IngestArgs),
    /// Print the normalized text of one file (what the extractors read).
    Normalize(normalize::NormalizeArgs),
    /// Extract and index files into a tantivy index (incremental).
    Index(index::IndexArgs),
    /// Full-text search in an index, with and without diacritics.
    Search(search::SearchArgs),
    /// Citation graph: citers, refs, top, cocited.
    Graph(graph::GraphArgs),
    /// Export the index: tables as CSV, or NDJSON for Quickwit / OpenSearch.
    Export(export::ExportArgs),
    /// Responsible units: in the plans citing a directive, or the tasks of one unit.
    Units(units::UnitsArgs),
    /// Run a saved analyst query (a file of queries/).
    Query(query::QueryArgs),
    /// Reports across provinces.
    Report(report::ReportArgs),
    /// Web workbench over an index (search, documents, directives, provinces, JSON API).
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
}

/// Flags shared by the commands that extract.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// Worker threads (default: one per core). `--threads 1` gives byte-identical output.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Directory of lexicon files overriding the embedded ones (kinds.tsv, issuers.tsv, unit_abbrev.tsv, slogans.tsv, laws.tsv).
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Refuse files larger than this many bytes (default 1 GiB).
    #[arg(long, value_name = "BYTES", default_value_t = crate::pipeline::DEFAULT_MAX_BYTES)]
    pub max_size: u64,
    /// Refuse files with a line longer than this many bytes (default 1 MiB).
    #[arg(long, value_name = "BYTES", default_value_t = crate::pipeline::DEFAULT_MAX_LINE)]
    pub max_line: usize,
}

impl CommonArgs {
    fn config(&self) -> anyhow::Result<Config> {
        let lexicon = match &self.lexicon {
            Some(d) => Lexicon::load(d)?,
            None => Lexicon::embedded(),
        };
        if self.threads == Some(0) {
            anyhow::bail!("--threads must be at least 1");
        }
        Ok(Config {
            lexicon,
            gazetteer: Gazetteer::embedded(),
            threads: self.threads,
            progress: !self.no_progress,
            max_bytes: self.max_size,
            max_line: self.max_line,
        })
    }
}

/// Outcome of a command: all good, or some input files failed.
pub enum Status {
    /// Everything went through.
    Ok,
    /// Some inputs failed (listed in the summary).
    SomeFailed,
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            // serde_json wraps the writer's error and does not expose it as its source
            || c.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind) == Some(BrokenPipe)
    })
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return bad_arguments(e),
    };
    match dispatch(&cli) {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::SomeFailed) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kehoach: {}", error_line(&e));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes on one line (`writing out.csv: cannot write out.csv: No space left…`).
/// A library error's message already holds its cause, which it also gives as its `source()`:
/// a cause the line already says is not repeated.
fn error_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// A command line clap refused: help and version print as usual; an error is one
/// line (`kehoach: invalid value 'abc' for '--year <YEAR>': …`) and exit code 2.
fn bad_arguments(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    eprintln!("kehoach: {}", one_line(&e.to_string()));
    ExitCode::from(2)
}

/// clap's message on one line: the error and its details, without usage and tips.
fn one_line(msg: &str) -> String {
    msg.lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
        .collect::<Vec<_>>()
        .join(" ")
        .trim_start_matches("error: ")
        .to_string()
}

/// Run a parsed command line.
pub fn dispatch(cli: &Cli) -> anyhow::Result<Status> {
    match &cli.command {
        Command::Extract(a) => extract::run(a),
        Command::Ingest(a) => ingest::run(a),
        Command::Normalize(a) => normalize::run(a),
        Command::Index(a) => index::run(a),
        Command::Search(a) => search::run(a),
        Command::Graph(a) => graph::run(a),
        Command::Export(a) => export::run(a),
        Command::Units(a) => units::run(a),
        Command::Query(a) => query::run(a),
        Command::Report(a) => report::run(a),
        #[cfg(feature = "serve")]
        Command::Serve(a) => serve::run(a),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_error_line_says_each_cause_once() {
        let io = std::io::Error::other("No space left on device");
        let e = anyhow::Error::from(crate::Error::Create { path: "out/csv".into(), source: io }).context("exporting");
        assert_eq!(super::error_line(&e), "exporting: cannot create out/csv: No space left on device");
        let plain = anyhow::anyhow!("inner").context("outer");
        assert_eq!(super::error_line(&plain), "outer: inner");
    }
}
