//! `kehoach units --directive D | --unit U [--index DIR] [--limit N] [--offset N] [--json]`.

use super::Status;
use crate::graph::directive_name::DirectiveName;
use crate::graph::units;
use crate::lexicon::Lexicon;
use clap::Args;
use std::path::PathBuf;

/// Arguments of `units`.
#[derive(Debug, Args)]
pub struct UnitsArgs {
    /// Units responsible in the plans citing this directive ("33/CT-TTg", "ct 33", an id).
    #[arg(long, conflicts_with = "unit", required_unless_present = "unit")]
    pub directive: Option<String>,
    /// What this unit is tasked with, and by when (diacritic-insensitive part of its name).
    #[arg(long)]
    pub unit: Option<String>,
    /// Index directory.
    #[arg(long, value_name = "DIR", default_value = "out/index")]
    pub index: PathBuf,
    /// JSON Lines instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Count records that are not official documents (README, notes: `is_document: false`) too.
    #[arg(long)]
    pub include_non_documents: bool,
    /// Rows to show.
    #[command(flatten)]
    pub paging: super::page::Paging,
}

/// Run `units`.
pub fn run(a: &UnitsArgs) -> anyhow::Result<Status> {
    let (index, fields) = crate::index::open(&a.index)?;
    let mut records = crate::graph::load(&index, &fields)?;
    if a.include_non_documents {
        crate::graph::count_every_record(&mut records);
    }
    if let Some(d) = &a.directive {
        let name = DirectiveName::parse(d, &Lexicon::embedded())?;
        let rows = units::of_directive(&records, &name);
        super::page::print(a.json, &rows, a.paging, "units", |r| {
            format!(
                "{:>3} plans  lead {:>2}  support {:>2}  mentioned {:>2}  {}",
                r.plans, r.lead, r.support, r.mentioned, r.unit
            )
        })?;
    } else if let Some(u) = &a.unit {
        let rows = units::tasks_of(&records, u);
        super::page::print(a.json, &rows, a.paging, "tasks", |r| {
            format!(
                "{:<28} {:<40} {:?}  {}  [{}]",
                r.doc,
                r.unit,
                r.role,
                r.task.as_deref().unwrap_or("-"),
                r.deadlines.join(", ")
            )
        })?;
    }
    Ok(Status::Ok)
}
