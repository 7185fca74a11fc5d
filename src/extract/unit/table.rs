//! Appendix task tables: TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp |
//! Thời gian | Sản phẩm.
//!
//! Flattened tables (pdftotext): the header is found by its column labels, the
//! TT numbers 1, 2, 3 … (alone on a line, opening a line, or glued to the end
//! of the previous row's last cell) anchor the rows, and each row's fragments
//! are classified: the first is the task; a fragment starting with a
//! capitalized unit head is a unit cell (first = chủ trì, later = phối hợp);
//! a time expression or, after a unit, a document kind ends its line; any
//! other text continues the task. Markdown rows `| 1 | … |` are read by column.

use super::phrase::{is_cap, is_time_stop, units_at, Opts};
use super::{summarize, Found, Lines};
use crate::extract::Doc;
use crate::lexicon::unit_vocab::{Vocab, BODY, PRODUCT};
use crate::record::Role;
use crate::structure::landmark;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Start of a task-table header (lowercase): "TT Nhiệm vụ", "STT Nội dung".
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|[\s(])s?tt\s+                        # TT  STT
        (?:nhiệm\ vụ|nội\ dung|tên\ nhiệm\ vụ)     # Nhiệm vụ | Nội dung công việc",
    )
    .expect("HEADER")
});

/// One column label of the header, anchored (lowercase).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(?:
          s?tt                                                   # TT
         |nhiệm\ vụ|nội\ dung(?:\ công\ việc)?|tên\ nhiệm\ vụ     # Nhiệm vụ
         |(?:cơ\ quan|đơn\ vị)(?:\s+(?:chủ\ trì|phối\ hợp|thực\ hiện))?  # Cơ quan chủ trì
         |chủ\ trì|phối\ hợp                                     # Chủ trì
         |thời\ gian(?:\s+(?:thực\ hiện|hoàn\ thành))?|thời\ hạn|tiến\ độ  # Thời gian thực hiện
         |sản\ phẩm(?:\s+đầu\ ra)?|kết\ quả(?:\s+đầu\ ra)?|hình\ thức\ văn\ bản  # Sản phẩm
         |ghi\ chú|dự\ kiến                                      # Ghi chú
        )",
    )
    .expect("LABEL")
});

/// A time cell (lowercase): "6 tháng cuối năm", "05/9/2025".
static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x)^\d{1,2}(?:\ tháng|/\d{1,2})  # 6 tháng … | 05/9/2025").expect("TIME"));

/// Words after which a capitalized head belongs to the running text.
const CONNECTORS: [&str; 18] = [
    "của", "thuộc", "tại", "với", "cho", "và", "qua", "về", "giữa", "đến", "trên", "do", "cùng", "như", "các", "để",
    "theo", "từ",
];

fn is_time(l: &str, p: usize) -> bool {
    is_time_stop(l, p) && (TIME.is_match(&l[p..]) || !l[p..].starts_with(|c: char| c.is_ascii_digit()))
}

fn line_end(t: &str, p: usize, lim: usize) -> usize {
    t[p..lim].find('\n').map_or(lim, |i| p + i)
}

/// Where a unit cell or a time cell starts inside running text (after `p`,
/// before the line end `e`; a name may run on to `row_end`).
fn next_split(v: &Vocab, t: &str, l: &str, p: usize, e: usize, row_end: usize) -> usize {
    let mut i = p;
    while let Some(off) = t[i..e].find(' ') {
        let w = i + off + 1;
        i = w;
        if !is_cap(t, w) {
            continue;
        }
        let prev = l[..w - 1].rsplit(' ').next().unwrap_or("");
        if CONNECTORS.contains(&prev) {
            continue;
        }
        let head = v.head(l, w).is_some_and(|(_, k)| k & BODY == 0);
        if (head && !units_at(t, l, w, &opts(v, row_end)).is_empty()) || is_time(l, w) {
            return w;
        }
    }
    e
}

fn opts(vocab: &Vocab, limit: usize) -> Opts<'_> {
    Opts { vocab, limit, need_cap: true, table: true }
}

/// Skip spaces, line breaks and stray punctuation.
fn skip(t: &str, mut p: usize, lim: usize) -> usize {
    while p < lim && t[p..].starts_with([' ', '\n', '.', ',', ';', ':']) {
        p += 1;
    }
    p
}

/// Read one flattened row `s..e`.
fn row(doc: &Doc, s: usize, e: usize, scope: Range<usize>, out: &mut Vec<Found>) {
    let (t, l) = (doc.text(), doc.lower());
    let mut task = String::new();
    let mut cells: Vec<Vec<Range<usize>>> = Vec::new();
    let mut seen_time = false;
    let mut p = skip(t, s, e);
    while p < e {
        let le = line_end(t, p, e);
        if !task.is_empty() {
            let us = units_at(t, l, p, &opts(&doc.lex.unit_vocab, e));
            if let Some(last) = us.last() {
                p = skip(t, last.end, e);
                cells.push(us);
                continue;
            }
            let product = doc.lex.unit_vocab.at(l, p).is_some_and(|(_, k)| k & PRODUCT != 0) && is_cap(t, p);
            if is_time(l, p) || (product && (seen_time || !cells.is_empty())) {
                seen_time |= is_time(l, p);
                p = skip(t, le, e);
                continue;
            }
        }
        let q = next_split(&doc.lex.unit_vocab, t, l, p, le, e);
        if !task.is_empty() {
            task.push(' ');
        }
        task.push_str(t[p..q].trim());
        p = skip(t, q, e);
    }
    let task = (!task.is_empty()).then(|| summarize(&task));
    for (i, c) in cells.into_iter().enumerate() {
        let role = if i == 0 { Role::Lead } else { Role::Support };
        for u in c {
            out.push(Found::new(u, role, task.clone(), scope.clone()));
        }
    }
}

/// The offset of row number `n` at or after `from`: (start, end) of the number.
fn anchor(t: &str, from: usize, lim: usize, n: usize) -> Option<(usize, usize)> {
    let ns = n.to_string();
    let mut ls = from;
    while ls < lim {
        let le = line_end(t, ls, lim);
        let line = &t[ls..le];
        let trimmed = line.trim();
        if trimmed == ns || trimmed == format!("{ns}.") {
            let a = ls + line.find(&ns).unwrap_or(0);
            return Some((a, le));
        }
        let lead = line.trim_start();
        let a = ls + (line.len() - lead.len());
        for pre in [format!("{ns}. "), format!("{ns} ")] {
            if lead.starts_with(&pre) && is_cap(t, a + pre.len()) {
                return Some((a, a + pre.len()));
            }
        }
        if let Some(head) = line.trim_end().strip_suffix(&ns) {
            if head.ends_with(' ') && !head.trim().is_empty() {
                let a = ls + head.len();
                return Some((a, a + ns.len()));
            }
        }
        ls = le + 1;
    }
    None
}

/// Flattened tables.
fn flattened(doc: &Doc, out: &mut Vec<Found>) {
    let (t, l) = (doc.text(), doc.lower());
    let mut from = 0;
    while let Some(m) = HEADER.find_at(l, from) {
        let hs = m.start();
        from = m.end();
        if !l[hs..].chars().take(250).collect::<String>().contains("chủ trì") {
            continue;
        }
        // Consume the column labels.
        let mut p = hs + l[hs..].len() - l[hs..].trim_start_matches(['\n', ' ', '(']).len();
        while let Some(x) = LABEL.find(&l[p..]) {
            p += x.end();
        }
        // The region ends at the next section, list of recipients or table.
        let mut lim = t.len();
        let mut ls = line_end(t, p, t.len()) + 1;
        while ls < t.len() {
            let le = line_end(t, ls, t.len());
            let line = &t[ls..le];
            if landmark::section_heading(line).is_some() || landmark::is_recipients(line) || HEADER.is_match(&l[ls..le])
            {
                lim = ls;
                break;
            }
            ls = le + 1;
        }
        let mut anchors = Vec::new();
        let mut q = p;
        while let Some(a) = anchor(t, q, lim, anchors.len() + 1) {
            q = a.1;
            anchors.push(a);
        }
        for (i, a) in anchors.iter().enumerate() {
            let e = anchors.get(i + 1).map_or(lim, |b| b.0);
            let e = t[..e].trim_end().len().max(a.1);
            row(doc, a.1, e, a.0..e, out);
        }
        from = lim.max(from);
    }
}

/// Markdown rows `| 1 | task | lead | support | time |`: the `| … |` tables of the document's
/// structure (rows already split into trimmed cells; rows in the "Nơi nhận" block or in site
/// chrome, blanked in `lines`, are left out).
fn markdown(doc: &Doc, lines: &Lines, out: &mut Vec<Found>) {
    let (t, l) = (doc.text(), doc.lower());
    let blank = |pos: usize| {
        let i = lines.partition_point(|(s, _)| *s <= pos).saturating_sub(1);
        lines.get(i).is_none_or(|(_, x)| x.is_empty())
    };
    for table in &doc.structure.tables {
        let mut cols: Option<(usize, Option<usize>, Option<usize>)> = None;
        for row in table.rows.iter().filter(|r| !blank(r.range.start)) {
            let cells = &row.cells;
            let low: Vec<&str> = cells.iter().map(|c| &l[c.clone()]).collect();
            if low.iter().any(|c| c.contains("chủ trì")) {
                let find = |w: &str| low.iter().position(|c| c.contains(w));
                let task = find("nhiệm vụ").or(find("nội dung")).unwrap_or(1);
                cols = Some((task, find("chủ trì"), find("phối hợp")));
                continue;
            }
            if low.first().is_none_or(|c| c.trim_end_matches('.').parse::<u32>().is_err()) {
                continue;
            }
            let (ti, lead, sup) = cols.unwrap_or((1, None, None));
            let task = cells.get(ti).map(|c| summarize(&t[c.clone()])).filter(|x| !x.is_empty());
            let mut unit_cells = 0;
            for (i, c) in cells.iter().enumerate().skip(ti + 1) {
                let role = match (lead, sup) {
                    (Some(x), _) if x == i => Role::Lead,
                    (_, Some(x)) if x == i => Role::Support,
                    (Some(_), _) => continue,
                    _ if unit_cells == 0 => Role::Lead,
                    _ => Role::Support,
                };
                let us = units_at(
                    t,
                    l,
                    c.start,
                    &Opts { vocab: &doc.lex.unit_vocab, limit: c.end, need_cap: false, table: false },
                );
                if !us.is_empty() {
                    unit_cells += 1;
                }
                for u in us {
                    out.push(Found::new(u, role, task.clone(), row.range.clone()));
                }
            }
        }
    }
}

/// Table rows, in document order.
pub fn extract(doc: &Doc, lines: &Lines, out: &mut Vec<Found>) {
    flattened(doc, out);
    markdown(doc, lines, out);
}
