//! Which unit and task a deadline belongs to.
//!
//! 1. An [`Assignment`] whose scope covers the deadline (the smallest scope, then the
//!    strongest role): its canonical unit and its task (else the local task below).
//! 2. Otherwise the local task: for a field value the nearest preceding line that is not
//!    itself a `Label: value` field (and the unit from a nearby `Đơn vị chủ trì:` line);
//!    for a table cell the first line of its row; otherwise the sentence or list item.

use super::scan::{Found, Source};
use crate::extract::Assignment;
use regex::Regex;
use std::sync::LazyLock;

/// Longest task text kept (bytes, cut at a word boundary).
const MAX_TASK: usize = 200;

/// A field line `- Đơn vị chủ trì: …`, `c) Thời gian thực hiện: …` (label ≤ 40 bytes).
static FIELD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^[\s\-+•]*(?:[a-zđ][).]\s*)?[^:.;]{1,40}:\s  # - Đơn vị chủ trì: | c) Thời gian thực hiện:")
        .expect("FIELD_LINE")
});

/// The lead-unit field: `Đơn vị chủ trì: …`, `Cơ quan chủ trì: …`, `Chủ trì: …`, `Đơn vị thực hiện: …`.
static LEAD_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^[\s\-+•]*(?:(?:đơn\s+vị|cơ\s+quan)\s+)?chủ\s+trì(?:\s+thực\s+hiện)?\s*:\s*   # - Đơn vị chủ trì (thực hiện):
      | ^[\s\-+•]*(?:đơn\s+vị|cơ\s+quan)\s+thực\s+hiện\s*:\s*                       # Đơn vị thực hiện:
        ",
    )
    .expect("LEAD_FIELD")
});

/// A numbered item line that heads a task: `1. `, `2.1. `, `a) `, `IV. `.
static HEADED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^\s*(?:\d+(?:\.\d+)*\.\s|[a-zđ]\)\s|[IVX]+\.\s)  # 1. | 2.1. | a) | IV.").expect("HEADED")
});

/// A content label opening a task line: `Nội dung: `, `Nội dung thực hiện: `.
static CONTENT_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x) ^nội\s+dung(?:\s+thực\s+hiện)?\s*:\s*  # Nội dung:").expect("CONTENT_LABEL"));

/// Leading item marks: `- `, `+ `, `1. `, `2.1. `, `a) `, `(3) `, `IV. `.
static ITEM_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x) ^[\s\-+•]*(?:\(\d+\)\s*|\d+(?:\.\d+)*\.?\s+|[a-zđ]\)\s*|[IVX]+\.\s*)?  # - | 2.1. | a) | (3) | IV.",
    )
    .expect("ITEM_MARK")
});

/// A table row number: a line `3`, `1.2`, or a line starting `4 Thực hiện …`.
static ROW_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x) ^\d{1,3}(?:\.\d{1,2})?(?:\s|$)  # 3 | 1.2 | 4 Thực hiện").expect("ROW_NUMBER"));

/// A line ending with a glued row number (`Báo cáo, hình ảnh 2`).
static ENDS_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x) \s\d{1,3}$  # Báo cáo 2").expect("ENDS_NUMBER"));

/// Cut to at most [`MAX_TASK`] bytes at a word boundary; clean marks and trailing punctuation.
pub(crate) fn clip(s: &str) -> Option<String> {
    let s = ITEM_MARK.find(s).map_or(s, |m| &s[m.end()..]).trim();
    let s = s.trim_end_matches([':', ';', ',', ' ']);
    let mut out = s;
    if s.len() > MAX_TASK {
        let mut cut = MAX_TASK;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        out = s[..cut].rfind(' ').map_or(&s[..cut], |i| &s[..i]);
    }
    (!out.is_empty()).then(|| out.to_string())
}

/// Task and unit of a field value on line `i`: the task is the nearest numbered item above
/// (else the nearest line that is not a field), the unit the item's `Đơn vị chủ trì:` field.
fn field_task(ls: &[(usize, &str)], i: usize, before: &str) -> (Option<String>, Option<String>) {
    let lower = |l: &str| crate::normalize::lower_same_len(l);
    let from = i.saturating_sub(15);
    let head = (from..i).rev().find(|&j| HEADED.is_match(ls[j].1));
    let head = head.or_else(|| (from..i).rev().find(|&j| !FIELD_LINE.is_match(ls[j].1) && !ls[j].1.trim().is_empty()));
    let task = match head {
        Some(j) => {
            let t = ITEM_MARK.find(ls[j].1).map_or(ls[j].1, |m| &ls[j].1[m.end()..]);
            let l = lower(t);
            clip(CONTENT_LABEL.find(&l).map_or(t, |m| &t[m.end()..]))
        }
        None => clip(before),
    };
    let start = head.map_or(i, |j| j + 1);
    let end = (i + 6).min(ls.len());
    let unit = (start..end)
        .take_while(|&j| j <= i || !HEADED.is_match(ls[j].1))
        .find_map(|j| {
            let low = lower(ls[j].1);
            let e = LEAD_FIELD.find(&low)?.end();
            let mut v = ls[j].1[e..].trim().to_string();
            if let Some(&(_, next)) = ls.get(j + 1) {
                let n = next.trim_start();
                if !FIELD_LINE.is_match(next)
                    && !n.starts_with(['-', '+'])
                    && !HEADED.is_match(next)
                    && !v.ends_with(['.', ';'])
                {
                    v = format!("{v} {n}");
                }
            }
            Some(v)
        })
        .filter(|v| v.len() <= 150)
        .and_then(|u| clip(u.trim_end_matches(['.', ';'])));
    (unit, task)
}

/// The first ~160 bytes of a line (on a character boundary).
fn head_of(line: &str) -> &str {
    let mut end = line.len().min(160);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// Lines with their start offsets.
pub fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut pos = 0;
    text.split('\n')
        .map(|l| {
            let s = pos;
            pos += l.len() + 1;
            (s, l)
        })
        .collect()
}

/// Unit and task of one deadline.
/// `ls` are the text's lines ([`lines`]), computed once per document.
pub(crate) fn attribute(
    text: &str,
    ls: &[(usize, &str)],
    f: &Found,
    units: &[Assignment],
) -> (Option<String>, Option<String>) {
    let cover = crate::extract::covering(units, &(f.start..f.end));
    let (unit, task) = local(text, ls, f);
    match cover {
        Some(a) => (Some(a.canonical.clone()), a.task.clone().or(task)),
        None => (unit, task),
    }
}

fn local(text: &str, ls: &[(usize, &str)], f: &Found) -> (Option<String>, Option<String>) {
    let i = ls.partition_point(|&(s, _)| s <= f.start).saturating_sub(1);
    let Some(&(line_start, line)) = ls.get(i) else {
        return (None, None);
    };
    match f.source {
        Source::Field => field_task(ls, i, &text[line_start..f.start]),
        Source::Table => {
            let before = |j: usize| {
                if j == i {
                    &text[line_start..f.start]
                } else {
                    ls[j].1
                }
            };
            for j in (i.saturating_sub(12)..=i).rev() {
                let l = before(j).trim();
                if ROW_NUMBER.is_match(l) {
                    let body = l.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim();
                    return (None, if body.is_empty() { ls.get(j + 1).and_then(|l| clip(l.1)) } else { clip(body) });
                }
                if j == 0 || ENDS_NUMBER.is_match(ls[j - 1].1.trim_end()) {
                    return (None, clip(l));
                }
            }
            (None, None)
        }
        // Only the line's head can hold a field label (and lowercasing a whole one-line file per deadline is quadratic).
        Source::Prose if super::scan::is_time_field(&crate::normalize::lower_same_len(head_of(line))) => {
            field_task(ls, i, &text[line_start..f.start])
        }
        Source::Prose | Source::Periodic => {
            // The sentence: from the last ". " before the deadline (or the line start) to the next.
            // A deadline may run past its line's end (a phrase wrapped over a line break).
            let rel = (f.start - line_start).min(line.len());
            let rel_end = (f.end - line_start).clamp(rel, line.len());
            let begin = line[..rel].rfind(". ").map_or(0, |k| k + 2);
            let rest = &line[rel_end..];
            let stop = rest.find(". ").map_or(line.len(), |k| rel_end + k);
            (None, clip(&line[begin..stop]))
        }
    }
}
