//! `--limit` and `--offset` for the answers that list rows (`graph citers`, `units`), and the
//! one way they state their total ([`crate::graph::page`]): each JSON line carries its `rank` (1-based) and the
//! `total`; the text ends with "ROWS A–B of TOTAL". The totals are exact. `graph citers` with
//! `--limit` on an index with the citation columns builds only the page (`graph::indexed::citers_page`);
//! the other answers are computed whole, then paged.

use clap::Args;

/// Paging flags.
#[derive(Debug, Clone, Copy, Args)]
pub struct Paging {
    /// At most this many rows (default: all).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Skip this many rows first (the next page: --offset 50 with --limit 50).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,
}

/// Print the page of `rows` that `p` asks for (see the module doc); `noun` names the rows.
pub fn print<T: serde::Serialize>(
    json: bool,
    rows: &[T],
    p: Paging,
    noun: &str,
    line: impl Fn(&T) -> String,
) -> anyhow::Result<()> {
    print_ranked(json, &crate::graph::page::page(rows, p.offset, p.limit), rows.len(), noun, line)
}

/// Print rows already paged (see [`crate::graph::page::ranked`]) of an answer of `total` rows.
pub(crate) fn print_ranked<T: serde::Serialize>(
    json: bool,
    shown: &[crate::graph::page::Ranked<'_, T>],
    total: usize,
    noun: &str,
    line: impl Fn(&T) -> String,
) -> anyhow::Result<()> {
    for r in shown {
        if json {
            outln!("{}", serde_json::to_string(r)?);
        } else {
            outln!("{}", line(r.row));
        }
    }
    if !json {
        match (shown.first(), shown.last()) {
            (Some(a), Some(b)) => outln!("{noun} {}–{} of {total}", a.rank, b.rank),
            _ => outln!("0 {noun} shown of {total}"),
        }
    }
    Ok(())
}
