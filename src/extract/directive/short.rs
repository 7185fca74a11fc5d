//! Short references: a document named again without its full symbol.
//!
//! **Finds** "Chỉ thị số 16", "Kế hoạch 41" (a kind word and a bare number, nothing of a
//! symbol after it) and "Nghị quyết nêu trên" / "Quyết định nói trên" / "… trên đây". Each
//! resolves to the nearest full citation made EARLIER in the same document with the same kind
//! (and, for a number, the same number) and becomes one more mention of it, so it counts and
//! gets its own relation. "Kế hoạch này", "Quyết định này", "Quy định này" are the document
//! itself: never citations; so is a bare number that is the document's own ("Kế hoạch số
//! 12" in plan 12/KH-UBND).
//!
//! **Example**: "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 …; … sơ kết Chỉ thị số 33" →
//! two mentions of `nn:ttg:CT:2021:33`, the second `{"relation":"reference"}`.
//!
//! **Unresolved** short references (no earlier citation of that kind and number) are listed
//! in the record's `unparsed`, so a gap is visible, never silent.
//!
//! A line holding only "Kế hoạch 8" is a flattened table (a cell, then the next row's
//! number), not a reference.
//!
//! **Limits**: lowercase kind words ("kế hoạch 5 năm") are not read; a number followed by
//! "năm", "tháng" or "ngày" that is not a date ("Kế hoạch 6 tháng") is a duration, not a number.

use super::Cite;
use crate::extract::Doc;
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A capitalised kind word and a bare number, or "nêu trên" / "nói trên" / "trên" / "này".
static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?P<kind>Chỉ\ thị|Nghị\ quyết|Quyết\ định|Kế\ hoạch|Kết\ luận|Thông\ tư|Nghị\ định|Công\ văn|Hướng\ dẫn
              |Quy\ định|Chương\ trình|Thông\ báo|Đề\ án|Công\ điện)
        (?:
            \s+(?:số\s+)?(?P<num>\d{1,5})
          | \s+(?P<above>nêu\ trên|nói\ trên|trên\ đây)
          | \s+(?P<self>này)
        )",
    )
    .expect("SHORT")
});

/// Resolve the short references of `doc` against `cites` (sorted, own number removed):
/// resolved ones are pushed as mentions (clones of their target with the short range);
/// unresolved ones are returned.
pub(super) fn resolve(
    doc: &Doc,
    cites: &mut Vec<Cite>,
    own: Option<&str>,
    chrome: &[Range<usize>],
) -> Vec<Range<usize>> {
    let text = doc.text();
    let mut found: Vec<Cite> = Vec::new();
    let mut unresolved = Vec::new();
    // Indexes over the sorted citations, so that a law with thousands of them stays linear:
    // the furthest end so far (overlap test), and the citations of each kind and number.
    let mut max_end = Vec::with_capacity(cites.len());
    for c in cites.iter() {
        max_end.push(max_end.last().copied().unwrap_or(0).max(c.range.end));
    }
    let mut by_kind: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_number: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, c) in cites.iter().enumerate() {
        let Some(k) = c.kind.as_deref().map(str::to_lowercase) else { continue };
        if let Some(n) = number_of(c) {
            by_number.entry((k.clone(), n)).or_default().push(i);
        }
        by_kind.entry(k).or_default().push(i);
    }
    // the last of `list` (indices of `cites`, by start) that ends before `at`
    let last_before = |list: Option<&Vec<usize>>, at: usize| -> Option<usize> {
        let list = list?;
        let k = list.partition_point(|&i| cites[i].range.start < at);
        list[..k].iter().rev().find(|&&i| cites[i].range.end <= at).copied()
    };
    let own_number = own.and_then(|o| o.split(['/', '-']).next()).map(|n| n.trim_start_matches('0'));
    for c in SHORT.captures_iter(text) {
        let m = c.get(0).expect("match");
        if c.name("self").is_some() || super::super::chrome::inside(chrome, m.start()) {
            continue;
        }
        // inside a citation already read ("Chỉ thị số 33/CT-TTg"), or a symbol follows
        let k = cites.partition_point(|x| x.range.start < m.end());
        if k > 0 && max_end[k - 1] > m.start() {
            continue;
        }
        let after = &text[m.end()..];
        if c.name("num").is_some() && !bare_number_end(after) {
            continue;
        }
        // a line that is only "Kế hoạch 8": a flattened table's cell and the next row's number
        let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        if c.name("num").is_some()
            && text[line_start..m.start()].trim().is_empty()
            && after.trim_start_matches([' ', '\t']).starts_with(['\n', '\r'])
        {
            continue;
        }
        let kind = c.name("kind").map_or(String::new(), |k| k.as_str().to_lowercase());
        let num = c.name("num").map(|n| n.as_str().trim_start_matches('0'));
        // a year ("Kế hoạch 2024") is not a number
        if num.is_some_and(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20"))) {
            continue;
        }
        let target = match num {
            Some(n) => last_before(by_number.get(&(kind.clone(), n.to_string())), m.start()),
            None => last_before(by_kind.get(&kind), m.start()),
        }
        .map(|i| &cites[i]);
        // the document's own number ("Kế hoạch số 12" in plan 12/KH-UBND) is not a citation
        if target.is_none() && num.is_some() && num == own_number {
            continue;
        }
        match target {
            Some(t) => {
                let mut x = t.clone();
                x.range = m.range();
                found.push(x);
            }
            // "Kế hoạch trên" with nothing before it is too vague to list; a number is not
            None if c.name("num").is_some() => unresolved.push(m.range()),
            None => {}
        }
    }
    cites.extend(found);
    cites.sort_by_key(|c| (c.range.start, c.range.end));
    unresolved
}

/// The number of a citation (`33` of `33/CT-TTg`), without leading zeros.
fn number_of(c: &Cite) -> Option<String> {
    c.number
        .clone()
        .or_else(|| c.symbol.as_ref().map(|s| s.number.clone()))
        .map(|n| n.trim_start_matches('0').to_string())
}

/// Whether what follows a bare number ends it: not a symbol ("/", "-"), not a longer token,
/// not a duration ("6 tháng", "5 năm") unless a date follows ("số 16 ngày 16/5/2016").
fn bare_number_end(after: &str) -> bool {
    let mut cs = after.chars();
    match cs.next() {
        None => return true,
        Some(c) if c.is_alphanumeric() || matches!(c, '/' | '-' | '–' | '.' | ',') && next_is_digit(after) => {
            return false
        }
        Some('/' | '-' | '–') => return false,
        _ => {}
    }
    let rest = after.trim_start();
    for w in ["năm", "tháng", "ngày"] {
        if let Some(r) = rest.strip_prefix(w) {
            return r.trim_start().starts_with(|c: char| c.is_ascii_digit()) && w == "ngày";
        }
    }
    true
}

fn next_is_digit(s: &str) -> bool {
    s.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
}
