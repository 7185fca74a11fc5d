//! `report provinces`: the corpus compared across provinces (post-2025
//! provinces, with the old provinces they absorbed shown), computed from the
//! records stored in the index. Documents of unknown province are listed apart,
//! never dropped. Records that are not official documents (`is_document: false`:
//! a README, notes) are left out (`--include-non-documents` counts them). Rendering (md, html with inline SVG, csv, json) is in `render`.

pub mod indexed;
pub(crate) mod render;
pub(crate) mod uptake;

use crate::domain::lag;
use crate::graph::directive_name::DirectiveName;
use crate::record::DocRecord;
use std::collections::{BTreeMap, BTreeSet};

/// How many directives count as "key" (the most cited overall) unless `--key` names them.
const KEY_DIRECTIVES: usize = 5;

/// A directive with a count.
#[derive(Debug, serde::Serialize)]
pub struct Cited {
    /// Directive id.
    pub id: String,
    /// Symbol or name.
    pub label: String,
    /// Documents of the province citing it.
    pub documents: usize,
    /// Share of the province's documents citing it (0–1).
    pub share: f64,
}

/// Days from a directive's date to the dates of the plans citing it.
#[derive(Debug, serde::Serialize)]
pub struct Lag {
    /// Directive id.
    pub id: String,
    /// Symbol or name.
    pub label: String,
    /// Plans with both dates known.
    pub plans: usize,
    /// Fewest days.
    pub min_days: i64,
    /// Median days.
    pub median_days: i64,
    /// Most days.
    pub max_days: i64,
}

/// One province.
#[derive(Debug, serde::Serialize)]
pub struct ProvinceRow {
    /// Post-2025 province.
    pub province_2025: String,
    /// Provinces as named at the documents' dates.
    pub provinces: Vec<String>,
    /// Documents.
    pub documents: usize,
    /// Documents by issuer level: keyed by the level's word (`?` when unknown), so that the
    /// JSON and the tables list the levels alphabetically.
    pub by_level: BTreeMap<String, usize>,
    /// Documents by plan year.
    pub by_year: BTreeMap<String, usize>,
    /// Most-cited directives.
    pub top_directives: Vec<Cited>,
    /// The key directives (most cited over the corpus) and the share of plans citing each.
    pub key_directives: Vec<Cited>,
    /// Uptake lag per directive.
    pub uptake: Vec<Lag>,
    /// Slogans and how many documents use each.
    pub slogans: Vec<(String, usize)>,
    /// Deadlines per plan.
    pub deadlines_per_plan: f64,
    /// Responsible units per plan.
    pub units_per_plan: f64,
}

/// A document whose province is unknown.
#[derive(Debug, serde::Serialize)]
pub struct Unplaced {
    /// Document id.
    pub id: String,
    /// Issuer.
    pub issuer: Option<String>,
    /// Title.
    pub title: Option<String>,
}

/// The whole report.
#[derive(Debug, serde::Serialize)]
pub struct Report {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Documents in the corpus.
    pub documents: usize,
    /// One row per post-2025 province, most documents first.
    pub provinces: Vec<ProvinceRow>,
    /// Documents of unknown province.
    pub unknown: Vec<Unplaced>,
}

fn counts(docs: &[&DocRecord]) -> BTreeMap<String, (String, usize)> {
    let mut m: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for r in docs {
        for d in &r.directives {
            m.entry(d.id.to_string()).or_insert_with(|| (d.label(), 0)).1 += 1;
        }
    }
    m
}

fn cited(id: &str, label: &str, n: usize, total: usize) -> Cited {
    Cited { id: id.to_string(), label: label.to_string(), documents: n, share: n as f64 / total.max(1) as f64 }
}

/// A key directive: the label shown and the ids it stands for.
pub(crate) type Key = (String, Vec<String>);

fn province_row(p: &str, docs: &[&DocRecord], key: &[Key]) -> ProvinceRow {
    let n = docs.len();
    let c = counts(docs);
    let mut top: Vec<Cited> = c.iter().map(|(id, (l, k))| cited(id, l, *k, n)).collect();
    top.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.id.cmp(&b.id)));
    top.truncate(5);
    // A key directive counts the documents that implement it or stand on it.
    let key_directives = key
        .iter()
        .map(|(l, ids)| {
            let k = docs
                .iter()
                .filter(|r| {
                    r.directives
                        .iter()
                        .any(|d| ids.iter().any(|i| i == d.id.as_str()) && d.relations.iter().any(|x| x.relies()))
                })
                .count();
            cited(ids.first().map_or("", String::as_str), l, k, n)
        })
        .collect();
    let mut lags: BTreeMap<String, (String, Vec<i64>)> = BTreeMap::new();
    let mut slogans: BTreeMap<String, usize> = BTreeMap::new();
    for r in docs {
        let plan = r.meta.date;
        // Uptake: only citations the document relies on (implements, basis), dated on or
        // after the directive (docs/relations.md; the rule of `report uptake`).
        for d in r.directives.iter().filter(|d| d.relations.iter().any(|x| x.relies())) {
            let lag = lag::uptake_lag(lag::lag_between(plan, d.date), true);
            if let Some(lag) = lag {
                lags.entry(d.id.to_string()).or_insert_with(|| (d.label(), Vec::new())).1.push(lag);
            }
        }
        for s in r.slogans.iter().map(|s| s.canonical.clone()).collect::<BTreeSet<_>>() {
            *slogans.entry(s).or_default() += 1;
        }
    }
    let mut uptake: Vec<Lag> = lags
        .into_iter()
        .map(|(id, (label, mut v))| {
            v.sort_unstable();
            Lag { id, label, plans: v.len(), min_days: v[0], median_days: v[v.len() / 2], max_days: v[v.len() - 1] }
        })
        .collect();
    uptake.sort_by(|a, b| b.plans.cmp(&a.plans).then(a.id.cmp(&b.id)));
    let mut slogans: Vec<(String, usize)> = slogans.into_iter().collect();
    slogans.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let per = |f: fn(&DocRecord) -> usize| docs.iter().map(|r| f(r)).sum::<usize>() as f64 / n.max(1) as f64;
    let mut by_level = BTreeMap::new();
    let mut by_year = BTreeMap::new();
    for r in docs {
        *by_level.entry(r.meta.level.map_or_else(|| "?".into(), |l| l.as_str().to_string())).or_default() += 1;
        *by_year.entry(r.meta.year.map_or("?".into(), |y| y.to_string())).or_default() += 1;
    }
    ProvinceRow {
        province_2025: p.to_string(),
        provinces: docs.iter().filter_map(|r| r.meta.province.clone()).collect::<BTreeSet<_>>().into_iter().collect(),
        documents: n,
        by_level,
        by_year,
        top_directives: top,
        key_directives,
        uptake,
        slogans,
        deadlines_per_plan: per(|r| r.deadlines.len()),
        units_per_plan: per(|r| r.units.len()),
    }
}

/// Build the report, with the five most cited directives as key directives.
pub fn provinces(records: &[DocRecord]) -> Report {
    provinces_keyed(records, &[])
}

/// Build the report with the key directives the analyst named (`--key 33/CT-TTg,…`: each
/// as typed, with its parsed name); none: the five most cited.
pub fn provinces_keyed(records: &[DocRecord], keys: &[(String, DirectiveName)]) -> Report {
    let all: Vec<&DocRecord> = records.iter().filter(|r| r.is_document).collect();
    let key: Vec<Key> = if keys.is_empty() {
        let mut key: Vec<(String, String, usize)> = counts(&all).into_iter().map(|(id, (l, n))| (id, l, n)).collect();
        key.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        key.into_iter().take(KEY_DIRECTIVES).map(|(id, l, _)| (l, vec![id])).collect()
    } else {
        keys.iter()
            .map(|(typed, name)| {
                let ids: BTreeSet<String> = all
                    .iter()
                    .flat_map(|r| r.directives.iter())
                    .filter(|d| name.matches(d))
                    .map(|d| d.id.to_string())
                    .collect();
                (typed.clone(), ids.into_iter().collect())
            })
            .collect()
    };
    let mut groups: BTreeMap<String, Vec<&DocRecord>> = BTreeMap::new();
    let mut unknown = Vec::new();
    for r in records.iter().filter(|r| r.is_document) {
        match r.meta.province_2025.as_ref().or(r.meta.province.as_ref()) {
            Some(p) => groups.entry(p.clone()).or_default().push(r),
            None => unknown.push(Unplaced {
                id: r.id.to_string(),
                issuer: r.meta.issuer.clone(),
                title: r.meta.title.clone(),
            }),
        }
    }
    let mut provinces: Vec<ProvinceRow> = groups.iter().map(|(p, docs)| province_row(p, docs, &key)).collect();
    provinces.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.province_2025.cmp(&b.province_2025)));
    Report { schema_version: crate::SCHEMA_VERSION, documents: all.len(), provinces, unknown }
}
