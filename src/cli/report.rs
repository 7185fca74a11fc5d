//! `kehoach report provinces [--index DIR] [--format md|html|csv|json] [-o FILE]` and
//! `kehoach report uptake DIRECTIVE [--relation R,…] [--format …] [-o FILE]`.

use super::Status;
use crate::report::{self, render};
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// The formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown.
    Md,
    /// A standalone HTML page (inline SVG, no network).
    Html,
    /// CSV.
    Csv,
    /// JSON.
    Json,
}

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
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Write to this file instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Count records that are not official documents (README, notes: `is_document: false`) too.
        #[arg(long)]
        include_non_documents: bool,
        /// The key directives (comma-separated, typed as for `graph citers`: "33/CT-TTg,ct 16");
        /// default: the five most cited.
        #[arg(long, value_name = "DIRECTIVES", value_delimiter = ',')]
        key: Vec<String>,
    },
    /// How fast each province took one directive up: plans that implement it or stand on it, by
    /// post-2025 province (and a central group), level, first and median lag in days.
    Uptake {
        /// The directive ("33/CT-TTg", "ct 33", "Chỉ thị 33/CT-TTg", an id).
        directive: String,
        /// Index directory.
        #[arg(long, value_name = "DIR", default_value = "out/index")]
        index: PathBuf,
        /// Citations counted (comma-separated relations, or all); lags use implements and basis only.
        #[arg(long, value_name = "RELATIONS", default_value = "implements,basis")]
        relation: String,
        /// Output format: md, html, csv (one row per plan, to pivot), json.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Write to this file instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Run `report`.
pub fn run(a: &ReportArgs) -> anyhow::Result<Status> {
    let (index, format, output, include_non_documents, key) = match &a.which {
        ReportKind::Provinces { index, format, output, include_non_documents, key } => {
            (index, format, output, include_non_documents, key)
        }
        ReportKind::Uptake { directive, index, relation, format, output } => {
            return uptake(directive, index, relation, *format, output.as_deref());
        }
    };
    let (ix, fields) = crate::index::open(index)?;
    let lex = crate::lexicon::Lexicon::embedded();
    let keys = key
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .map(|k| Ok((k.to_string(), crate::graph::directive_name::DirectiveName::parse(k, &lex)?)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    // From the index's columns; indexes built before them fall back to reading every record
    // (so does --include-non-documents: the columns answer for documents only).
    let indexed = if *include_non_documents {
        None
    } else {
        report::indexed::provinces_keyed(&ix.reader()?.searcher(), &fields, &keys)?
    };
    let r = match indexed {
        Some(r) => r,
        None => {
            let mut records = crate::graph::load(&ix, &fields)?;
            if *include_non_documents {
                crate::graph::count_every_record(&mut records);
            }
            report::provinces_keyed(&records, &keys)
        }
    };
    let text = match format {
        Format::Html => render::html(&r),
        Format::Csv => render::csv(&r)?,
        Format::Json => serde_json::to_string_pretty(&r)? + "\n",
        Format::Md => render::markdown(&r),
    };
    match output {
        Some(p) => std::fs::write(p, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display()))?,
        None => out!("{text}"),
    }
    Ok(Status::Ok)
}

/// `report uptake`.
fn uptake(
    directive: &str,
    index: &std::path::Path,
    relation: &str,
    format: Format,
    output: Option<&std::path::Path>,
) -> anyhow::Result<Status> {
    let (ix, fields) = crate::index::open(index)?;
    let lex = crate::lexicon::Lexicon::embedded();
    let name = crate::graph::directive_name::DirectiveName::parse(directive, &lex)?;
    let relations = crate::graph::parse_relations(relation)?;
    let mut citers = match crate::graph::indexed::citers(&ix, &fields, &name)? {
        Some(c) => c,
        None => crate::graph::citers(&crate::graph::load(&ix, &fields)?, &name),
    };
    let replaced = crate::graph::supersede::known(&lex, &ix.reader()?.searcher(), &fields)?;
    for c in &mut citers {
        c.set_successor(&replaced);
    }
    let known = lex.known.get(directive.trim()).map(|k| k.date);
    let gaz = crate::gazetteer::Gazetteer::embedded();
    let u = report::uptake::uptake(directive, &citers, &relations, known, &gaz);
    let text = match format {
        Format::Html => report::uptake::html(&u),
        Format::Csv => report::uptake::csv(&u)?,
        Format::Json => serde_json::to_string_pretty(&u)? + "\n",
        Format::Md => report::uptake::markdown(&u),
    };
    match output {
        Some(p) => std::fs::write(p, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display()))?,
        None => out!("{text}"),
    }
    Ok(Status::Ok)
}
