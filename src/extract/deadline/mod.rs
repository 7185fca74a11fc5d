//! Deadlines: every due time of a task or report.
//!
//! Example: "… báo cáo kết quả về Ủy ban nhân dân tỉnh định kỳ 6 tháng, 9 tháng (trước ngày
//! 20/6, ngày 20/9)" in a 2024 plan gives
//! `{"text":"định kỳ 6 tháng, 9 tháng","due":null,"precision":null,"kind":"recurring",…}`,
//! `{"text":"trước ngày 20/6","due":"2024-06-20","precision":"day","kind":"by-date",…}` and
//! `{"text":"ngày 20/9","due":"2024-09-20","precision":"day","kind":"by-date",…}`.
//!
//! Where deadlines are looked for (see `scan`), in order of precedence when spans overlap:
//! 1. values of time fields: `Thời gian thực hiện: Quý IV/2025`, `Thời hạn: …`, `Tiến độ: …`,
//!    also on the next line(s) when the label ends its line;
//! 2. table time columns: after a header line `Thời gian thực hiện`/`Thời hạn`/`Tiến độ`, a line
//!    that is wholly a time value (`Thường xuyên`, `Tháng 8/2025`, `2026 - 2030`), or a value
//!    glued after a unit cell (`… Phòng Kinh tế Quý III, IV/2025`); a line that is just
//!    `Thường xuyên` counts anywhere;
//! 3. triggers in running text: `trước (ngày)`, `chậm nhất (là)`, `hạn chót`, `không quá`,
//!    optionally after `hoàn thành`/`xong`; `(hoàn thành) trong tháng|quý …` (a bare `trong`
//!    needs a written year and a month or quarter; a year or half-year needs `hoàn thành`);
//!    `từ … đến …` ranges;
//! 4. `định kỳ 6 tháng, 9 tháng`, `định kỳ hằng năm`, `định kỳ và đột xuất` (recurring, no due date);
//! 5. times counted from an event: `trong thời hạn 05 ngày kể từ ngày nhận đơn`, `trước ngày bầu
//!    cử 10 ngày` (`relative`, no due date), unless quoted from a cited provision (“…”).
//!
//! Semantics (see `forms`): a day is `by-date`; a month, quarter, half (`6 tháng cuối năm`)
//! or year is `period` with its last day as `due`; joined periods (`Tháng 9-11/2025`,
//! `Quý III, IV/2025`, `Quý IV/2025 và Quý I/2026`, `từ … đến …`, `2026 - 2030`) are ONE `range`
//! due at the end of the last; listed days (`trước ngày 20/6, ngày 20/9`, `lần 1 trước ngày …
//! và lần 2 trước ngày …`) are separate `by-date` deadlines, each with its own phrase; a
//! `hằng năm` tail makes `recurring`, and so does a day without a year in a clause that says
//! `hằng năm`/`hàng năm` (no due date: it comes back every year; `hằng tháng` gives none either);
//! `Thường xuyên`/`liên tục` as a field or cell value is `continuous`. A `định kỳ …` phrase and
//! the dates that follow it are reported separately (distinct phrases, no double count).
//! Missing years come from [`plan_year`]; deadlines due before the document's date are dropped
//! as historical. Dates of cited documents are never read: only dates after a trigger, a
//! label or in a time column are.
//!
//! Known limits: the table row's unit comes only from assignments (cells are not split);
//! `trước tháng 10/2025` is read as the end of October; dates written with OCR gaps
//! (`t ừ ngà y`) are missed; event dates without a trigger (`vào ngày 02/02/2026`) are ignored.

mod forms;
mod scan;
mod table;
mod task;

use super::{Assignment, Doc};
use crate::domain::Date;
use crate::record::{Deadline, Meta};
use forms::{Kind, Point};
use regex::Regex;
use scan::{Found, Source};
use std::sync::LazyLock;

/// `năm 2024` in the title lines.
static TITLE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) năm\s+((?:19|20)\d\d)(?-u:\b)  # Kế hoạch công tác dân vận năm 2024").expect("TITLE_YEAR")
});

/// The plan year, in this order: `meta.year`; the year of `meta.date`; the year of the latest
/// full date among the deadlines found (`written`); the largest `năm YYYY` in the title lines
/// (the lines before the first `Căn cứ`/`Thực hiện`, at most 6). Never today's year.
pub(crate) fn plan_year(meta: &Meta, written: &[i32], head: &str) -> Option<i32> {
    meta.year.or_else(|| meta.date.map(|d| d.y)).or_else(|| written.iter().copied().max()).or_else(|| {
        head.split('\n')
            .take(6)
            .take_while(|l| !l.starts_with("Căn cứ") && !l.starts_with("Thực hiện"))
            .flat_map(|l| TITLE_YEAR.captures_iter(l).filter_map(|c| c[1].parse::<i32>().ok()).collect::<Vec<_>>())
            .max()
    })
}

/// Whether the clause around `start..end` repeats every year: "hằng năm", "hàng năm" before it
/// on its line (within 200 bytes) or right after it. ("định kỳ 6 tháng, 9 tháng (trước ngày
/// 20/6, ngày 20/9)" in a plan of one year is that year's.)
fn periodic_clause(lower: &str, start: usize, end: usize) -> bool {
    let line_start = lower[..start].rfind('\n').map_or(0, |i| i + 1);
    let from = crate::normalize::floor_boundary(lower, start.saturating_sub(200)).max(line_start);
    let before = &lower[from..start];
    let after = &lower[end..crate::normalize::floor_boundary(lower, end + 20)];
    ["hằng năm", "hàng năm"].iter().any(|w| before.contains(w))
        || ["hằng năm", "hàng năm"].iter().any(|w| after.trim_start_matches([' ', ')', '(']).starts_with(w))
}

/// Keep the first of overlapping finds by precedence (field, table, prose, periodic), in text order.
fn resolve_overlaps(mut found: Vec<Found>) -> Vec<Found> {
    found.sort_by_key(|f| (f.source, f.start));
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        if !kept.iter().any(|k| f.start < k.end && k.start < f.end) {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| f.start);
    kept
}

/// Find deadlines.
pub fn extract(doc: &Doc, meta: &Meta, units: &[Assignment]) -> Vec<Deadline> {
    let mut sorted = units.to_vec();
    sorted.sort_by_key(|a| (a.scope.start, a.scope.end));
    let units = &sorted[..];
    let (text, lower) = (doc.text(), doc.lower());
    let mut found = Vec::new();
    scan::fields(lower, &mut found);
    table::tables(text, lower, &mut found);
    scan::prose(lower, &mut found);
    scan::periodic(lower, &mut found);
    scan::relative(lower, &mut found);
    let mut found = resolve_overlaps(found);
    // The title names the plan's period ("… công tác dân vận chính quyền đến hết năm 2023"), and
    // so do the preamble and the closing line that repeat it: that sets no task a deadline.
    if let Some(title) = meta.title.as_deref().filter(|t| t.chars().count() >= 20) {
        let title = title.to_lowercase();
        found.retain(|f| {
            let from = crate::normalize::floor_boundary(lower, f.start.saturating_sub(25));
            let phrase = lower[from..f.end].split_whitespace().collect::<Vec<_>>().join(" ");
            f.source != Source::Prose || !title.contains(&phrase)
        });
    }
    let written: Vec<i32> = found
        .iter()
        .filter_map(|f| match f.point {
            Some(Point::Day(_, _, Some(y))) => Some(y),
            _ => None,
        })
        .collect();
    let year = plan_year(meta, &written, text);
    let issued = meta.date;
    let mut out = Vec::new();
    let lines = task::lines(text);
    for f in &found {
        // A day without a year in a yearly clause ("kế hoạch chi tiết hằng năm và định kỳ báo
        // cáo … trước ngày 20/11", "trước ngày 15/11 hằng năm") comes back every year: it has
        // no one due date.
        let yearless = f.point.is_some_and(|p| p.year().is_none());
        let periodic = f.kind == Kind::Recurring || yearless && periodic_clause(lower, f.start, f.end);
        let due = if yearless && periodic { None } else { f.point.and_then(|p| p.resolve(year)) };
        let kind = if periodic { Kind::Recurring } else { f.kind };
        let old = |d: Date| match issued {
            Some(i) => d < i,
            None => year.is_some_and(|y| d.y < y - 1),
        };
        if due.is_some_and(|(d, _)| old(d)) {
            continue;
        }
        let raw = &text[f.start..f.end];
        let mut trimmed = raw.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | '('));
        if trimmed.matches(')').count() > trimmed.matches('(').count() {
            trimmed = trimmed.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ')'));
        }
        let end = f.start + trimmed.len();
        if end <= f.start {
            continue;
        }
        let m = doc.mention(f.start..end);
        let (unit, task) = task::attribute(text, &lines, f, units);
        out.push(Deadline {
            text: m.text,
            due: due.map(|(d, _)| d),
            precision: due.map(|(_, p)| p),
            kind,
            unit,
            task,
            start: m.start,
            end: m.end,
        });
    }
    out
}

/// Parse one deadline phrase (lowercase, from its start) and resolve it against
/// `plan_year`: `(relative range, due ISO date, precision, kind)` per deadline.
/// The entry point of the date-and-deadline fuzz target; the extractor above
/// calls the same parser through the scanners.
pub fn parse_phrase(
    s: &str,
    plan_year: Option<i32>,
) -> Vec<(std::ops::Range<usize>, Option<String>, &'static str, &'static str)> {
    forms::parse(s, true)
        .into_iter()
        .map(|e| {
            let due = e.point.and_then(|p| p.resolve(plan_year));
            (e.start..e.end, due.map(|(d, _)| d.iso()), due.map_or("", |(_, p)| p.name()), e.kind.name())
        })
        .collect()
}

#[cfg(test)]
mod forms_tests;
#[cfg(test)]
mod tests;
