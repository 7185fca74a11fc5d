//! Responsible units and their roles.
//!
//! Sources, in order of trust:
//! - `table`: rows of an appendix task table (TT | Nhiệm vụ | Cơ quan chủ trì |
//!   Cơ quan phối hợp | Thời gian | Sản phẩm), also when pdftotext flattened the
//!   cells, and Markdown rows `| 1 | task | lead | support | time |`;
//! - `fields`: "Đơn vị chủ trì: X" / "Đơn vị phối hợp: Y" lines;
//! - `sections`: items of "TỔ CHỨC THỰC HIỆN" headed by a unit name (lead, one
//!   task per body line);
//! - `sentences`: "giao X chủ trì", "X chủ trì, phối hợp với Y", "Y phối hợp"
//!   (lead/support), "(qua X)", "báo cáo về X", "gửi X" (mentioned).
//!
//! A name starts with a head noun of `data/lexicon/unit_heads.tsv` (see
//! `phrase`); the "Nơi nhận" block, the signature and the document's own
//! issuer as a report recipient are skipped.
//!
//! Example: "III. TỔ CHỨC THỰC HIỆN\n1. Văn phòng UBND xã\n- Tham mưu … dân vận."
//! gives, after grouping by `aggregate_units`:
//! `{"name":"Văn phòng UBND xã","canonical":"Văn phòng Ủy ban nhân dân xã","role":"lead","tasks":["Tham mưu … dân vận"],"mentions":[…]}`
//!
//! Known limits: names are found only after a head noun of the vocabulary;
//! a name wrapped over a line break is joined only after an open head
//! ("Sở\nNội vụ") or "các"; table cells are told apart by capitals and
//! lexicons, so a task cell starting with a capitalized head word is misread;
//! no spelling repair ("Xã hôi" stays).

mod canonical;
mod phrase;
mod sections;
mod sentences;
mod table;
mod vocab;

use super::{Assignment, Doc};
use crate::record::Role;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Lines with their start offsets.
type Lines<'a> = Vec<(usize, &'a str)>;

/// An assignment before naming.
#[derive(Debug, Clone)]
struct Found {
    span: Range<usize>,
    role: Role,
    task: Option<String>,
    scope: Range<usize>,
}

impl Found {
    fn new(span: Range<usize>, role: Role, task: Option<String>, scope: Range<usize>) -> Found {
        Found {
            span,
            role,
            task,
            scope,
        }
    }
}

/// Longest task summary, in characters.
const TASK_MAX: usize = 300;

/// The first sentence of a task text, at most [`TASK_MAX`] characters.
fn summarize(s: &str) -> String {
    let s = s.trim().trim_start_matches(['-', '+', '•', ' ']);
    let mut end = s.len();
    let b = s.as_bytes();
    for (i, _) in s.match_indices(". ") {
        if s[i + 2..].starts_with(char::is_uppercase) && i > 0 && !b[i - 1].is_ascii_digit() {
            end = i;
            break;
        }
    }
    let mut out = &s[..end];
    if out.chars().count() > TASK_MAX {
        let cut = out
            .char_indices()
            .nth(TASK_MAX)
            .map_or(out.len(), |(i, _)| i);
        out = &out[..out[..cut].rfind(' ').unwrap_or(cut)];
    }
    out.trim_end_matches(['.', ';', ',', ':', ' '])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lines outside the "Nơi nhận" and signature blocks.
fn body_lines<'a>(doc: &'a Doc) -> Lines<'a> {
    let mut out = Vec::new();
    let mut skipping = false;
    for (s, l) in doc.lines() {
        if l.starts_with("Nơi nhận") {
            skipping = true;
        } else if skipping
            && (l.chars().count() > 90
                || l.starts_with("PHỤ LỤC")
                || l.starts_with("PHỤC LỤC")
                || l.starts_with("Phụ lục"))
        {
            skipping = false;
        }
        if skipping {
            out.push((s, ""));
        } else {
            out.push((s, l));
        }
    }
    out
}

/// The issuer naming itself: header "ỦY BAN NHÂN DÂN\nXÃ …", "UBND xã xây dựng kế
/// hoạch", "Trên đây là Kế hoạch … của UBND phường".
static OWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xm)
        (?:^(?:ủy\ ban\ nhân\ dân|ubnd)\s*\n?\s*(?P<a>thị\ trấn|thị\ xã|thành\ phố|xã|phường|huyện|quận|tỉnh)\ # ỦY BAN NHÂN DÂN / XÃ ĐẠI SƠN
          |(?:ủy\ ban\ nhân\ dân|ubnd)\ (?P<b>thị\ trấn|thị\ xã|thành\ phố|xã|phường|huyện|quận|tỉnh)
             [^\n,;.]{0,25}?\ (?:xây\ dựng|ban\ hành)\ (?:kế\ hoạch|chương\ trình)               # UBND xã xây dựng kế hoạch
          |^trên\ đây\ là\ [^\n]{0,150}?\ của\ (?:ủy\ ban\ nhân\ dân|ubnd)\ (?P<c>thị\ trấn|thị\ xã|thành\ phố|xã|phường|huyện|quận|tỉnh)  # Trên đây là Kế hoạch … của UBND phường
        )",
    )
    .expect("OWN")
});

/// The issuer's own "ủy ban nhân dân <level>".
fn own_issuer(doc: &Doc) -> Option<String> {
    let c = OWN.captures(doc.lower())?;
    let lvl = c.name("a").or(c.name("b")).or(c.name("c"))?.as_str();
    Some(format!("ủy ban nhân dân {lvl}"))
}

/// Find the units and their roles, in document order.
pub fn extract(doc: &Doc) -> Vec<Assignment> {
    let lines = body_lines(doc);
    let mut groups: Vec<Vec<Found>> = vec![Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    table::extract(doc, &lines, &mut groups[0]);
    sentences::fields(doc, &lines, &mut groups[1]);
    sections::extract(doc, &lines, &mut groups[2]);
    sentences::extract(doc, &lines, &mut groups[3]);
    let own = own_issuer(doc);
    let mut claimed: Vec<Range<usize>> = Vec::new();
    let mut out: Vec<Assignment> = Vec::new();
    for g in groups {
        let mut mine = Vec::new();
        for f in g {
            if claimed
                .iter()
                .any(|c| c.start < f.span.end && f.span.start < c.end)
            {
                continue;
            }
            let name = canonical::name(&doc.text()[f.span.clone()]);
            let canon = canonical::canonical(&name, doc.lex);
            if name.is_empty() {
                continue;
            }
            if f.role == Role::Mentioned
                && own.as_deref().is_some_and(|o| canon.to_lowercase() == o)
            {
                continue;
            }
            mine.push(f.span.clone());
            out.push(Assignment {
                name,
                canonical: canon,
                role: f.role,
                task: f.task,
                name_span: f.span,
                scope: f.scope,
            });
        }
        claimed.extend(mine);
    }
    out.sort_by_key(|a| (a.name_span.start, a.scope.start));
    out.dedup_by(|b, a| {
        a.name_span == b.name_span && a.role == b.role && a.task == b.task && a.scope == b.scope
    });
    out
}

#[cfg(test)]
mod dump_tmp {
    #[test]
    #[ignore]
    fn dump() {
        let lx = crate::lexicon::Lexicon::embedded();
        let gz = crate::gazetteer::Gazetteer::embedded();
        let mut files: Vec<_> = ["data/corpus", "/work/shared/corpus/real"]
            .iter()
            .flat_map(|d| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for p in files {
            let raw = std::fs::read_to_string(&p).unwrap();
            let n = crate::normalize::normalize(&raw);
            let doc = super::Doc {
                norm: &n,
                lex: &lx,
                gaz: &gz,
                offset_base: 0,
            };
            let a = super::extract(&doc);
            println!(
                "=== {} {}",
                p.file_name().unwrap().to_str().unwrap(),
                a.len()
            );
            for x in a {
                println!(
                    "  {:?} | {} | {} | {:?}",
                    x.role,
                    x.name,
                    x.canonical,
                    x.task
                        .as_deref()
                        .map(|t| t.chars().take(60).collect::<String>())
                );
            }
        }
    }
}
