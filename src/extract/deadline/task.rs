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
    Regex::new(r"(?x) ^[\s\-+•]*(?:[a-zđ][).]\s*)?[^:.;]{1,40}:\s  # - Đơn vị chủ trì: | c) Thời gian thực hiện:").expect("FIELD_LINE")
});

/// The lead-unit field: `Đơn vị chủ trì: …`, `Cơ quan chủ trì: …`, `Chủ trì: …`.
static LEAD_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^[\s\-+•]*(?:(?:đơn\s+vị|cơ\s+quan)\s+)?chủ\s+trì(?:\s+thực\s+hiện)?\s*:\s*  # - Đơn vị chủ trì:").expect("LEAD_FIELD")
});

/// Leading item marks: `- `, `+ `, `1. `, `2.1. `, `a) `, `(3) `, `IV. `.
static ITEM_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^[\s\-+•]*(?:\(\d+\)\s*|\d+(?:\.\d+)*\.?\s+|[a-zđ]\)\s*|[IVX]+\.\s*)?  # - | 2.1. | a) | (3) | IV.").expect("ITEM_MARK")
});

/// A table row number: a line `3`, `1.2`, or a line starting `4 Thực hiện …`.
static ROW_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^\d{1,3}(?:\.\d{1,2})?(?:\s|$)  # 3 | 1.2 | 4 Thực hiện").expect("ROW_NUMBER")
});

/// A line ending with a glued row number (`Báo cáo, hình ảnh 2`).
static ENDS_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x) \s\d{1,3}$  # Báo cáo 2").expect("ENDS_NUMBER"));

/// Cut to at most [`MAX_TASK`] bytes at a word boundary; clean marks and trailing punctuation.
pub fn clip(s: &str) -> Option<String> {
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

/// Lines with their start offsets.
fn lines(text: &str) -> Vec<(usize, &str)> {
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
pub fn attribute(text: &str, f: &Found, units: &[Assignment]) -> (Option<String>, Option<String>) {
    let cover = units
        .iter()
        .filter(|a| a.scope.start <= f.start && f.end <= a.scope.end)
        .min_by_key(|a| (a.scope.end - a.scope.start, a.role));
    let (unit, task) = local(text, f);
    match cover {
        Some(a) => (Some(a.canonical.clone()), a.task.clone().or(task)),
        None => (unit, task),
    }
}

fn local(text: &str, f: &Found) -> (Option<String>, Option<String>) {
    let ls = lines(text);
    let i = ls.partition_point(|&(s, _)| s <= f.start).saturating_sub(1);
    let Some(&(line_start, line)) = ls.get(i) else {
        return (None, None);
    };
    match f.source {
        Source::Field => {
            let lower = |l: &str| crate::normalize::lower_same_len(l);
            let task_i = (0..i)
                .rev()
                .take(12)
                .find(|&j| !FIELD_LINE.is_match(ls[j].1) && !ls[j].1.trim().is_empty());
            let task = match task_i {
                Some(j) => clip(ls[j].1),
                None => clip(&line[..f.start - line_start]),
            };
            let from = task_i.map_or(i, |j| j + 1);
            let unit = (from..(i + 8).min(ls.len()))
                .take_while(|&j| j <= i || FIELD_LINE.is_match(ls[j].1))
                .find_map(|j| {
                    LEAD_FIELD
                        .find(&lower(ls[j].1))
                        .map(|m| &ls[j].1[m.end()..])
                })
                .and_then(|u| clip(u.trim_end_matches('.')));
            (unit, task)
        }
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
                    let body = l
                        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                        .trim();
                    return (
                        None,
                        if body.is_empty() {
                            ls.get(j + 1).and_then(|l| clip(l.1))
                        } else {
                            clip(body)
                        },
                    );
                }
                if j == 0 || ENDS_NUMBER.is_match(ls[j - 1].1.trim_end()) {
                    return (None, clip(l));
                }
            }
            (None, None)
        }
        Source::Prose | Source::Periodic => {
            let rel = f.start - line_start;
            let begin = line[..rel]
                .rfind(['.', ';'])
                .filter(|&k| line[k + 1..].starts_with(' '))
                .map_or(0, |k| k + 1);
            let rest = &line[f.end - line_start..];
            let stop = rest
                .find(". ")
                .or_else(|| rest.find("; "))
                .map_or(line.len(), |k| f.end - line_start + k);
            (None, clip(&line[begin..stop]))
        }
    }
}
