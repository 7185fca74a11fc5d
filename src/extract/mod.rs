//! Extraction: normalized text → the structured record.
//!
//! One file per extractor (`meta`, `directive`, `unit`, `slogan`, `deadline`),
//! each a pure function over a [`Doc`]. Order matters and is fixed here: meta
//! first (the own number is excluded from citations, the plan year dates the
//! deadlines), then citations, units (whose assignment spans tell deadlines
//! which unit and task they belong to), slogans and deadlines.

pub(crate) mod chrome;
pub mod date;
pub mod deadline;
pub mod directive;
pub mod meta;
pub mod slogan;
pub mod unit;

use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::normalize::Normalized;
use crate::record::{Deadline, DeadlineKind, DocId, DocRecord, Mention, Role, Task, Unit, SCHEMA_VERSION};
use crate::structure::Structure;
use std::ops::Range;

/// What every extractor reads.
pub struct Doc<'a> {
    /// Normalized text, lowercase twin and offset map.
    pub norm: &'a Normalized,
    /// Vocabularies.
    pub lex: &'a Lexicon,
    /// Places.
    pub gaz: &'a Gazetteer,
    /// Added to every raw offset (a skipped BOM).
    pub offset_base: usize,
    /// The document's landmarks (sections, items, tables, closing), computed once.
    pub structure: Structure,
    /// Site chrome of a web copy (banners, panels, footers: `data/lexicon/chrome.tsv`), as
    /// sorted normalized ranges, computed once; no extractor reads inside them.
    pub chrome: Vec<Range<usize>>,
}

impl<'a> Doc<'a> {
    /// A document ready for the extractors: its structure is computed here, once.
    pub fn new(norm: &'a Normalized, lex: &'a Lexicon, gaz: &'a Gazetteer, offset_base: usize) -> Doc<'a> {
        let chrome = chrome::ranges_in(&norm.text, &lex.chrome);
        Doc { norm, lex, gaz, offset_base, structure: Structure::of(&norm.text), chrome }
    }

    /// Normalized text.
    pub fn text(&self) -> &str {
        &self.norm.text
    }

    /// Lowercase twin of [`Doc::text`] (same byte offsets).
    pub(crate) fn lower(&self) -> &str {
        &self.norm.lower
    }

    /// A mention of the normalized range, with raw offsets.
    pub(crate) fn mention(&self, r: Range<usize>) -> Mention {
        let (s, e) = self.norm.raw_span(r.start, r.end);
        Mention {
            start: s + self.offset_base,
            end: e + self.offset_base,
            text: self.norm.text[r].to_string(),
            section: None,
            unit: None,
            raw: None,
            relation: None,
        }
    }

    /// Lines of the normalized text with their start offsets.
    pub(crate) fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        let t = self.text();
        t.split('\n').scan(0usize, move |pos, l| {
            let s = *pos;
            *pos += l.len() + 1;
            Some((s, l))
        })
    }
}

/// A unit with a role over a stretch of text (an item of "Tổ chức thực hiện",
/// a table row, a "giao X chủ trì" sentence).
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// Name as written.
    pub name: String,
    /// Canonical name.
    pub canonical: String,
    /// Role.
    pub role: Role,
    /// The task, if one is stated.
    pub task: Option<String>,
    /// Where the name is (normalized offsets).
    pub name_span: Range<usize>,
    /// When the name is one of a list named together ("Các thôn, Ban công tác Mặt trận, đoàn
    /// thể chính trị - xã hội"), the whole list (normalized offsets).
    pub group: Option<Range<usize>>,
    /// The text the assignment governs (item body, table row); deadlines inside belong to it.
    pub scope: Range<usize>,
}

/// The innermost lead or support assignment whose scope covers `r` (smallest scope, then
/// strongest role); units only mentioned are never the owner of a deadline or a citation.
/// `units` must be sorted by `scope.start`;
/// only scopes starting at most 64 KiB before `r` are considered, so a lookup stays cheap
/// on huge documents (an item or a table row is far smaller).
pub(crate) fn covering<'a>(units: &'a [Assignment], r: &Range<usize>) -> Option<&'a Assignment> {
    let hi = units.partition_point(|a| a.scope.start <= r.start);
    let lo = units[..hi].partition_point(|a| a.scope.start + (64 << 10) < r.start);
    // A unit named in passing ("(qua Sở Nội vụ)", "báo cáo về …") receives; it is not the one tasked.
    units[lo..hi]
        .iter()
        .filter(|a| r.end <= a.scope.end && a.role != Role::Mentioned)
        .min_by_key(|a| (a.scope.end - a.scope.start, a.role))
}

/// Run every extractor over one normalized document.
pub fn extract_all(id: DocId, source: String, doc: &Doc, mut warnings: Vec<String>) -> DocRecord {
    let meta = meta::extract(doc);
    let assignments = unit::extract(doc);
    // The same assignments ordered by scope start, for `covering` lookups.
    let mut by_scope = assignments.clone();
    by_scope.sort_by_key(|a| (a.scope.start, a.scope.end));
    let found = directive::extract_in(doc, &meta, &by_scope);
    let directives = found.directives;
    warnings.extend(found.warnings);
    let slogans = slogan::extract(doc);
    let deadlines = deadline::extract(doc, &meta, &by_scope);
    let units = aggregate_units(doc, &assignments);
    let tasks = tasks(doc, &assignments, &deadlines);
    let (format, text_source) = (String::new(), String::new()); // set by the pipeline, which read the file
    let is_document = meta.is_document();
    if !is_document {
        warnings.push(
            "not an official document (fewer than two of kind, number, date, issuer, signer): \
             left out of the graph and the reports"
                .into(),
        );
    }
    DocRecord {
        schema_version: SCHEMA_VERSION,
        id,
        source,
        meta,
        directives,
        units,
        slogans,
        deadlines,
        warnings,
        tasks,
        format,
        text_source,
        is_document,
        unparsed: found.unparsed,
    }
}

/// The per-task view: one row per lead or support assignment, with the deadline of that
/// task: the last dated deadline inside the assignment's scope (else its first), else the first deadline of the
/// innermost numbered item holding the name that is not another unit's (a "Thời gian thực
/// hiện:" line under the task). Identical rows (same unit, role and task) are kept once.
fn tasks(doc: &Doc, assignments: &[Assignment], deadlines: &[Deadline]) -> Vec<Task> {
    let raw = |r: &Range<usize>| {
        let (s, e) = doc.norm.raw_span(r.start, r.end);
        (s + doc.offset_base, e + doc.offset_base)
    };
    let mut out: Vec<Task> = Vec::new();
    for a in assignments.iter().filter(|a| a.role != Role::Mentioned) {
        let (s, e) = raw(&a.scope);
        // The task's final dated deadline ("báo cáo năm trước ngày 25/11/2024" after "định kỳ
        // 6 tháng"), else its first phrase.
        // (A goal's horizon, "phấn đấu đến năm 2030 đạt 30%", is not the task's due time.)
        let inside: Vec<&Deadline> =
            deadlines.iter().filter(|d| s <= d.start && d.end <= e && d.kind != DeadlineKind::Target).collect();
        let mut due = inside.iter().rev().find(|d| d.due.is_some()).or(inside.first()).copied();
        if due.is_none() {
            if let Some(item) = doc.structure.item_at(a.name_span.start) {
                let (s, e) = raw(&item.range);
                due = deadlines.iter().find(|d| {
                    s <= d.start
                        && d.end <= e
                        && d.kind != DeadlineKind::Target
                        && d.unit.as_deref().is_none_or(|u| u == a.canonical)
                });
            }
        }
        let group = a.group.as_ref().map(|g| doc.text()[g.clone()].split_whitespace().collect::<Vec<_>>().join(" "));
        let t = Task {
            group,
            unit: a.name.clone(),
            canonical: a.canonical.clone(),
            role: a.role,
            generic: doc.lex.unit_vocab.is_generic(&a.canonical),
            task: a.task.clone(),
            deadline: due.map(|d| d.text.clone()),
            due: due.and_then(|d| d.due),
        };
        if !out.iter().any(|x| x.canonical == t.canonical && x.role == t.role && x.task == t.task) {
            out.push(t);
        }
    }
    out
}

/// Group assignments by canonical name: strongest role, tasks in order, every mention.
fn aggregate_units(doc: &Doc, assignments: &[Assignment]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    for a in assignments {
        let m = doc.mention(a.name_span.clone());
        match units.iter_mut().find(|u| u.canonical == a.canonical) {
            Some(u) => {
                u.role = u.role.min(a.role);
                if !u.roles.contains(&a.role) {
                    u.roles.push(a.role);
                    u.roles.sort();
                }
                if let Some(t) = &a.task {
                    if !u.tasks.contains(t) {
                        u.tasks.push(t.clone());
                    }
                }
                if !u.mentions.iter().any(|x| x.start == m.start) {
                    u.mentions.push(m);
                }
            }
            None => units.push(Unit {
                name: a.name.clone(),
                canonical: a.canonical.clone(),
                role: a.role,
                roles: vec![a.role],
                tasks: a.task.iter().cloned().collect(),
                mentions: vec![m],
                generic: doc.lex.unit_vocab.is_generic(&a.canonical),
            }),
        }
    }
    units
}
