//! `kehoach search --index DIR QUERY [--province P] [--year Y] [--level L] [--kind K] [--cites ID] [--limit N] [--offset N] [--facets] [--json]`.
//!
//! States its total: the table ends with "hits A–B of TOTAL documents"; each JSON line carries
//! its `rank` (1-based), the `total` and `total_exact`. Matches are counted up to
//! `index::search::COUNT_CAP`; past it the total is a lower bound, said so ("of at least 10000").

use super::Status;
use crate::index::search::{search_page, Filters};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Index directory.
    #[arg(long, value_name = "DIR")]
    pub index: PathBuf,
    /// Query: words, "phrases", AND/OR/NOT, field:value (e.g. cites:"nn:ttg:CT:2021:33").
    pub query: String,
    /// Only this province (as of the document).
    #[arg(long)]
    pub province: Option<String>,
    /// Only this plan year.
    #[arg(long)]
    pub year: Option<u64>,
    /// Only this issuer level (xã, phường, huyện, tỉnh …).
    #[arg(long)]
    pub level: Option<String>,
    /// Only this kind (Kế hoạch …).
    #[arg(long)]
    pub kind: Option<String>,
    /// Only documents citing this directive id (e.g. nn:ttg:CT:2021:33).
    #[arg(long)]
    pub cites: Option<String>,
    /// Also print the facet counts (province, year, level, kind, cited directive) as one JSON object.
    #[arg(long)]
    pub facets: bool,
    /// Maximum hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Skip this many hits (the next page: --offset 20 with --limit 20).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// JSON Lines instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Run `search`.
pub fn run(a: &SearchArgs) -> anyhow::Result<Status> {
    let (index, fields) = crate::index::open(&a.index)?;
    let filters = Filters {
        province: a.province.clone(),
        year: a.year,
        level: a.level.clone(),
        kind: a.kind.clone(),
        cites: a.cites.clone(),
    };
    let page = search_page(&index, &fields, &a.query, &filters, a.offset, a.limit)?;
    let hits = &page.hits;
    for (i, h) in hits.iter().enumerate() {
        if a.json {
            outln!(
                "{}",
                serde_json::to_string(&crate::index::search::RankedHit {
                    hit: h,
                    rank: a.offset + i + 1,
                    total: page.total,
                    total_exact: page.total_exact,
                })?
            );
        } else {
            outln!(
                "{:<28} {:>6.2}  {} | {} | {}\n    {}",
                h.id,
                h.score,
                h.date.as_deref().unwrap_or("-"),
                h.province.as_deref().unwrap_or("-"),
                h.title.as_deref().unwrap_or("-"),
                h.snippet
            );
        }
    }
    if !a.json {
        let at_least = if page.total_exact { "" } else { "at least " };
        if hits.is_empty() {
            outln!("0 hit(s) of {}{} document(s)", at_least, page.total);
        } else {
            outln!("hits {}–{} of {}{} document(s)", a.offset + 1, a.offset + hits.len(), at_least, page.total);
        }
    }
    if a.facets {
        let fc = crate::index::facets::facets(&index, &fields, &a.query, &filters, 20)?;
        outln!("{}", serde_json::to_string(&fc)?);
    }
    Ok(Status::Ok)
}
