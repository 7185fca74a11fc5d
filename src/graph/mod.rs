//! The citation graph: which documents cite which directives, read from the
//! records stored in the index (no need to re-read the JSONL).
//!
//! A directive is named the way a person types it: a symbol ("33/CT-TTg",
//! "Chỉ thị 33/CT-TTg"), a kind and a number ("ct 33", "chỉ thị 33"), or a
//! canonical id ("nn:ttg:CT:2021:33"). A name can match several documents (the
//! two `149/KH-UBND` of 2023 are two directives): results stay grouped by id.
//!
//! Records that are not official documents (`is_document: false`: a README
//! quoting 33/CT-TTg, notes) are not citers: every answer here leaves them out
//! ([`counted`]); [`count_every_record`] is `--include-non-documents`.

pub(crate) mod chain;
pub mod directive_name;
pub mod indexed;
pub(crate) mod page;
pub(crate) mod supersede;
pub(crate) mod units;

use crate::domain::{Date, Level};
use crate::graph::directive_name::DirectiveName;
use crate::index::schema::Fields;
use crate::lexicon::Supersession;
use crate::record::{DocRecord, Relation};
use std::collections::{BTreeMap, BTreeSet};
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

/// Whether a record counts in the graph and the reports: official documents only.
pub fn counted(r: &DocRecord) -> bool {
    r.is_document
}

/// `--include-non-documents`: make every loaded record count as a document in the
/// answers computed from them (the records are not written back).
pub(crate) fn count_every_record(records: &mut [DocRecord]) {
    for r in records {
        r.is_document = true;
    }
}

/// Every record in the index, sorted by id.
pub fn load(index: &Index, f: &Fields) -> crate::Result<Vec<DocRecord>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out = Vec::new();
    for addr in searcher.search(&AllQuery, &DocSetCollector)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        if let Some(js) = d.get_first(f.record).and_then(|v| v.as_str()) {
            out.push(serde_json::from_str::<DocRecord>(js).map_err(crate::Error::StoredRecord)?);
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// One citing document.
#[derive(Debug, serde::Serialize)]
pub struct Citer {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Cited directive id.
    pub directive: String,
    /// Cited symbol.
    pub symbol: Option<String>,
    /// Citing document id.
    pub doc: String,
    /// Its issuer.
    pub issuer: Option<String>,
    /// Its province.
    pub province: Option<String>,
    /// Its issuer's level.
    pub level: Option<Level>,
    /// Its date (ISO in JSON).
    pub date: Option<Date>,
    /// The cited directive's date (ISO in JSON).
    pub directive_date: Option<Date>,
    /// Uptake: days from the directive's date to the citing document's date.
    pub lag_days: Option<i64>,
    /// Its title.
    pub title: Option<String>,
    /// Mentions of the directive in it.
    pub mentions: usize,
    /// Units responsible in the citing plan (canonical names).
    pub units: Vec<String>,
    /// The strongest relation of the citation (`docs/relations.md`).
    pub relation: Relation,
    /// Every relation of its mentions, strongest first.
    pub relations: Vec<Relation>,
    /// What replaced the cited directive (`supersessions.tsv`, and the corpus's own "… thay
    /// thế …"), when anything did.
    pub successor: Option<String>,
    /// From when the successor replaces it (ISO in JSON).
    pub successor_date: Option<Date>,
    /// The citing document relies on it (basis, implements) although it was replaced before
    /// the citing document's date.
    pub superseded: bool,
    /// The citing document's post-2025 province.
    pub province_2025: Option<String>,
    /// The citing document's kind (`Kế hoạch` …).
    pub kind: Option<String>,
}

impl Citer {
    /// Name the successor of the cited directive, and whether this citer relies on a replaced document.
    pub(crate) fn set_successor(&mut self, rows: &[Supersession]) {
        let Some(s) = self.symbol.as_deref().and_then(|sym| supersede::successor(rows, sym)) else { return };
        self.successor = Some(s.new.clone());
        self.successor_date = Some(s.date);
        self.superseded = self.relation.relies() && self.date.is_some_and(|d| s.date <= d);
    }
}

/// Relations typed by the analyst: `implements`, `implements,basis`, `all`.
pub(crate) fn parse_relations(s: &str) -> crate::Result<Vec<Relation>> {
    if s.trim().eq_ignore_ascii_case("all") {
        return Ok(Relation::ALL.to_vec());
    }
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let r = Relation::parse(part).ok_or_else(|| {
            let all: Vec<&str> = Relation::ALL.iter().map(|r| r.as_str()).collect();
            crate::Error::Relation { given: part.to_string(), known: all.join(", ") }
        })?;
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out.sort();
    Ok(out)
}

/// Whether a citation with `relations` passes the filter (empty: every citation).
pub(crate) fn relation_allowed(filter: &[Relation], relations: &[Relation]) -> bool {
    filter.is_empty()
        || relations.iter().any(|r| filter.contains(r))
        || (relations.is_empty() && filter.contains(&Relation::Reference))
}

/// Documents citing a directive named as `name`.
pub fn citers(records: &[DocRecord], name: &DirectiveName) -> Vec<Citer> {
    let mut out = Vec::new();
    for r in records.iter().filter(|r| counted(r)) {
        for d in r.directives.iter().filter(|d| name.matches(d)) {
            out.push(Citer {
                schema_version: crate::SCHEMA_VERSION,
                directive: d.id.to_string(),
                symbol: d.symbol.clone(),
                doc: r.id.to_string(),
                issuer: r.meta.issuer.clone(),
                province: r.meta.province.clone(),
                level: r.meta.level,
                date: r.meta.date,
                directive_date: d.date,
                lag_days: crate::domain::lag::lag_between(r.meta.date, d.date),
                title: r.meta.title.clone(),
                mentions: d.mentions.len(),
                units: r.units.iter().map(|u| u.canonical.clone()).collect(),
                relation: d.relation(),
                relations: d.relations.clone(),
                successor: None,
                successor_date: None,
                superseded: false,
                province_2025: r.meta.province_2025.clone(),
                kind: r.meta.kind.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.directive.cmp(&b.directive).then(a.doc.cmp(&b.doc)));
    out
}

/// How often a directive is cited, and by how many documents.
#[derive(Debug, serde::Serialize)]
pub struct Count {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Group (province for `top --by province`, else empty).
    pub group: String,
    /// Directive id.
    pub directive: String,
    /// A symbol or name to show.
    pub label: String,
    /// Documents citing it.
    pub documents: usize,
    /// Mentions over all documents.
    pub mentions: usize,
}

fn ranked(group: &str, counts: BTreeMap<String, (String, usize, usize)>, limit: usize) -> Vec<Count> {
    let mut v: Vec<Count> = counts
        .into_iter()
        .map(|(id, (label, documents, mentions))| Count {
            schema_version: crate::SCHEMA_VERSION,
            group: group.to_string(),
            directive: id,
            label,
            documents,
            mentions,
        })
        .collect();
    v.sort_by(|a, b| {
        b.documents.cmp(&a.documents).then(b.mentions.cmp(&a.mentions)).then(a.directive.cmp(&b.directive))
    });
    v.truncate(limit);
    v
}

/// Most-cited directives, overall or per province (documents of unknown province under "(unknown)").
pub fn top(records: &[DocRecord], by_province: bool, limit: usize) -> Vec<Count> {
    let mut groups: BTreeMap<String, BTreeMap<String, (String, usize, usize)>> = BTreeMap::new();
    for r in records.iter().filter(|r| counted(r)) {
        let g = if by_province { r.meta.province.clone().unwrap_or_else(|| "(unknown)".into()) } else { String::new() };
        let m = groups.entry(g).or_default();
        for d in &r.directives {
            let e = m.entry(d.id.to_string()).or_insert_with(|| (d.label(), 0, 0));
            e.1 += 1;
            e.2 += d.mentions.len();
        }
    }
    groups.into_iter().flat_map(|(g, m)| ranked(&g, m, limit)).collect()
}

/// Directives cited in the same documents as the one named.
pub fn cocited(records: &[DocRecord], name: &DirectiveName, limit: usize) -> Vec<Count> {
    let mut m: BTreeMap<String, (String, usize, usize)> = BTreeMap::new();
    for r in records.iter().filter(|r| counted(r) && r.directives.iter().any(|d| name.matches(d))) {
        for d in r.directives.iter().filter(|d| !name.matches(d)) {
            let e = m.entry(d.id.to_string()).or_insert_with(|| (d.label(), 0, 0));
            e.1 += 1;
            e.2 += d.mentions.len();
        }
    }
    ranked("", m, limit)
}

/// What a document cites.
pub fn refs<'a>(records: &'a [DocRecord], doc: &str) -> Option<&'a DocRecord> {
    records.iter().find(|r| r.id.as_str() == doc)
}

/// Distinct directive ids a name matches (to tell the user when a name is ambiguous).
pub(crate) fn matching_ids(records: &[DocRecord], name: &DirectiveName) -> BTreeSet<String> {
    records
        .iter()
        .filter(|r| counted(r))
        .flat_map(|r| r.directives.iter())
        .filter(|d| name.matches(d))
        .map(|d| d.id.to_string())
        .collect()
}
