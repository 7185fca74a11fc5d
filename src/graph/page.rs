//! Paged answers: the rows of a list answer (`graph citers`, `units`) from an offset, each with
//! its rank and the answer's total, so a client knows how many there are and where it is.
//! The CLI (`--limit`, `--offset`) and the HTTP API (`limit=`, `offset=`) page the same way.

use serde::Serialize;

/// One row of a paged answer: the row's own fields, then `rank` (1-based) and `total`.
#[derive(Debug, Serialize)]
pub struct Ranked<'a, T: Serialize> {
    /// The row.
    #[serde(flatten)]
    pub row: &'a T,
    /// 1-based rank in the whole answer.
    pub rank: usize,
    /// Rows in the whole answer.
    pub total: usize,
}

/// The rows from `offset`, at most `limit` (None: all the rest), each ranked.
pub fn page<T: Serialize>(rows: &[T], offset: usize, limit: Option<usize>) -> Vec<Ranked<'_, T>> {
    let total = rows.len();
    let from = offset.min(total);
    let to = limit.map_or(total, |l| from.saturating_add(l).min(total));
    ranked(&rows[from..to], from, total)
}

/// Rows already cut to a page that starts at rank `offset` of `total` (an answer that pages
/// without building the whole list, as `graph::indexed::citers_page`), each ranked.
pub(crate) fn ranked<T: Serialize>(rows: &[T], offset: usize, total: usize) -> Vec<Ranked<'_, T>> {
    rows.iter().enumerate().map(|(i, row)| Ranked { row, rank: offset + i + 1, total }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_rank_from_one_and_stop_at_the_end() {
        let rows = ["a", "b", "c", "d", "e"];
        let p = page(&rows, 1, Some(2));
        assert_eq!(p.iter().map(|r| (*r.row, r.rank, r.total)).collect::<Vec<_>>(), [("b", 2, 5), ("c", 3, 5)]);
        assert_eq!(page(&rows, 4, Some(10)).len(), 1);
        assert!(page(&rows, 9, None).is_empty());
        assert_eq!(page(&rows, 0, None).len(), 5);
        let js = serde_json::to_string(&page(&[serde_json::json!({"doc": "x"})], 0, None)).unwrap();
        assert_eq!(js, r#"[{"doc":"x","rank":1,"total":1}]"#);
    }
}
