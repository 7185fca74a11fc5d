//! Items of "TỔ CHỨC THỰC HIỆN" (also "PHÂN CÔNG NHIỆM VỤ", "TRÁCH NHIỆM THỰC
//! HIỆN"): "1. Văn phòng UBND xã" + body lines, "2. Sở Nội vụ thường xuyên theo
//! dõi …", "5. Các thôn, Ban công tác Mặt trận, …:"; sub-bullets naming
//! another unit ("- Bộ phận Văn hóa - Xã hội …: Chủ động …"); and anywhere,
//! "N. Trách nhiệm của X" headings.

use super::phrase::{units_at, Opts};
use super::{summarize, Found, Lines};
use crate::extract::Doc;
use crate::record::Role;
use regex::Regex;
use std::sync::LazyLock;

/// A section heading whose items name responsible units.
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?:[ivx]+\.?\s*|\d{1,2}\.\s*)?          # IV.  3.
        (?:tổ\ chức\ thực\ hiện                 # TỔ CHỨC THỰC HIỆN
          |trách\ nhiệm\ thực\ hiện             # TRÁCH NHIỆM THỰC HIỆN
          |phân\ công\ nhiệm\ vụ                # PHÂN CÔNG NHIỆM VỤ
          |phân\ công\ trách\ nhiệm             # PHÂN CÔNG TRÁCH NHIỆM
          |phân\ công\ thực\ hiện               # PHÂN CÔNG THỰC HIỆN
          |trách\ nhiệm\ của\ các\ [^.]{0,60}   # TRÁCH NHIỆM CỦA CÁC CƠ QUAN, ĐƠN VỊ
        )\s*[.:]?\s*$",
    )
    .expect("SECTION")
});

/// Item markers: "1. " (not "1.1."), "a) ".
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
          (?P<num>\d{1,2})\.\s+                 # 1. Văn phòng UBND xã
         |(?P<let>[a-zđ])\)\s+                  # a) Sở Tài chính
        )",
    )
    .expect("ITEM")
});

/// Words that introduce the unit of an item: "Đề nghị Ủy ban MTTQ …", "Giao Sở Tư pháp …".
const LEADS: [&str; 6] = ["đề nghị ", "giao ", "yêu cầu ", "trách nhiệm của ", "trách nhiệm ", "nhiệm vụ của "];

/// Where a section ends.
fn ends_section(line: &str) -> bool {
    let roman = line.split_once(". ").is_some_and(|(a, _)| !a.is_empty() && a.chars().all(|c| "IVX".contains(c)));
    roman
        || line.starts_with("Nơi nhận")
        || line.starts_with("Trên đây")
        || line.starts_with("TM.")
        || line.starts_with("KT.")
        || line.starts_with("PHỤ LỤC")
        || line.starts_with("PHỤC LỤC")
}

/// The units heading item `lines[i]` and the text after them on the line.
fn heading_units(doc: &Doc, lines: &Lines, i: usize, limit: usize) -> Option<(Vec<std::ops::Range<usize>>, usize)> {
    let (ls, line) = lines.get(i)?;
    let m = ITEM.find(line)?;
    let mut p = ls + m.end();
    let low = doc.lower();
    for w in LEADS {
        if low[p..].starts_with(w) {
            p += w.len();
            break;
        }
    }
    let units = units_at(doc.text(), low, p, &Opts { vocab: &doc.lex.unit_vocab, limit, need_cap: true, table: false });
    let e = units.last()?.end;
    let rest = doc.text()[e..].trim_start_matches(' ');
    let ok =
        rest.is_empty() || rest.starts_with(['\n', ':', '.', '(', ',']) || rest.starts_with(|c: char| c.is_lowercase());
    ok.then_some((units, e))
}

/// Assignments from unit-headed items.
pub fn extract(doc: &Doc, lines: &Lines, out: &mut Vec<Found>) {
    let low = doc.lower();
    let mut i = 0;
    while i < lines.len() {
        let (_, l) = lines[i];
        let ll = &low[lines[i].0..lines[i].0 + l.len()];
        if !(l.len() < 120 && SECTION.is_match(ll)) {
            // "2. Trách nhiệm của Sở Nội vụ" anywhere.
            if ll.contains("trách nhiệm") && l.len() < 150 {
                let end = section_item_end(lines, i, None);
                item(doc, lines, i, end, out);
            }
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut kind: Option<bool> = None;
        while j < lines.len() && !ends_section(lines[j].1) {
            if let Some(c) = ITEM.captures(lines[j].1) {
                let is_num = c.name("num").is_some();
                if kind.is_none() {
                    kind = Some(is_num);
                }
                if kind == Some(is_num) {
                    let end = section_item_end(lines, j, kind);
                    item(doc, lines, j, end, out);
                    j = end;
                    continue;
                }
            }
            j += 1;
        }
        i = j.max(i + 1);
    }
}

/// The line index after item `i` (next item of the same kind, or section end).
fn section_item_end(lines: &Lines, i: usize, kind: Option<bool>) -> usize {
    let mut j = i + 1;
    while j < lines.len() && !ends_section(lines[j].1) {
        if let Some(c) = ITEM.captures(lines[j].1) {
            if kind.is_none_or(|k| k == c.name("num").is_some()) {
                break;
            }
        }
        j += 1;
    }
    j
}

/// One item: lines `i..end`.
fn item(doc: &Doc, lines: &Lines, i: usize, end: usize, out: &mut Vec<Found>) {
    let t = doc.text();
    let item_start = lines[i].0;
    let item_end = lines.get(end - 1).map_or(t.len(), |(s, l)| s + l.len());
    let Some((units, e)) = heading_units(doc, lines, i, item_end) else {
        return;
    };
    // Line holding the end of the names (a name may wrap onto the next line).
    let mut k = i;
    while k + 1 < end && lines[k + 1].0 <= e {
        k += 1;
    }
    let line_end = lines[k].0 + lines[k].1.len();
    let mut tasks: Vec<(Option<String>, std::ops::Range<usize>)> = Vec::new();
    // The names may end past the item's last line (a heading that is the whole item).
    let rest = t[e.min(line_end)..line_end].trim_start_matches([' ', ':', ',', '.']);
    let role_only = rest.ends_with(':') && rest.chars().count() < 40;
    if rest.chars().count() > 8 && !rest.starts_with('(') && !role_only {
        tasks.push((Some(summarize(rest)), item_start..line_end));
    }
    let mut subs: Vec<Found> = Vec::new();
    for (ls, line) in lines.iter().take(end).skip(k + 1) {
        let le = ls + line.len();
        let body = line.trim_start_matches(['-', '+', '•', '*', ' ']);
        let bp = le - body.len();
        if bp > *ls {
            // "- Bộ phận Văn hóa - Xã hội …: Chủ động …" names its own unit.
            let su = units_at(
                t,
                doc.lower(),
                bp,
                &Opts { vocab: &doc.lex.unit_vocab, limit: le, need_cap: true, table: false },
            );
            if let Some(last) = su.last() {
                if t[last.end..le].trim_start().starts_with(':') {
                    let task = t[last.end..le].trim_start().trim_start_matches([':', ' ']);
                    for u in su {
                        subs.push(Found::new(u, Role::Lead, Some(summarize(task)), *ls..le));
                    }
                    continue;
                }
            }
        }
        if body.chars().count() > 8 {
            tasks.push((Some(summarize(body)), *ls..le));
        }
    }
    if tasks.is_empty() {
        tasks.push((None, item_start..item_end));
    } else {
        tasks[0].1.start = item_start;
    }
    for u in &units {
        for (task, scope) in &tasks {
            out.push(Found::new(u.clone(), Role::Lead, task.clone(), scope.clone()));
        }
    }
    out.extend(subs);
}
