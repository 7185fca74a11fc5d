//! Responsible units across the corpus: who is tasked in the plans that cite a
//! directive, and what one unit is tasked with, by when.

use crate::directive_name::DirectiveName;
use crate::normalize::{fold, key};
use crate::record::{DocRecord, Role};
use std::collections::BTreeMap;

/// A unit in the plans citing a directive.
#[derive(Debug, serde::Serialize)]
pub struct UnitUse {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Canonical unit name.
    pub unit: String,
    /// Plans naming it.
    pub plans: usize,
    /// Plans where it leads.
    pub lead: usize,
    /// Plans where it supports.
    pub support: usize,
    /// Plans where it is only mentioned.
    pub mentioned: usize,
    /// Tasks over all those plans.
    pub tasks: usize,
}

/// Units of the plans citing `name`, most frequent first.
pub fn of_directive(records: &[DocRecord], name: &DirectiveName) -> Vec<UnitUse> {
    let mut m: BTreeMap<String, UnitUse> = BTreeMap::new();
    for r in records.iter().filter(|r| super::counted(r) && r.directives.iter().any(|d| name.matches(d))) {
        for u in &r.units {
            let e = m.entry(u.canonical.clone()).or_insert_with(|| UnitUse {
                schema_version: crate::SCHEMA_VERSION,
                unit: u.canonical.clone(),
                plans: 0,
                lead: 0,
                support: 0,
                mentioned: 0,
                tasks: 0,
            });
            e.plans += 1;
            match u.role {
                Role::Lead => e.lead += 1,
                Role::Support => e.support += 1,
                Role::Mentioned => e.mentioned += 1,
            }
            e.tasks += u.tasks.len();
        }
    }
    let mut v: Vec<UnitUse> = m.into_values().collect();
    v.sort_by(|a, b| b.plans.cmp(&a.plans).then(b.lead.cmp(&a.lead)).then(a.unit.cmp(&b.unit)));
    v
}

/// One task of a unit.
#[derive(Debug, serde::Serialize)]
pub struct Task {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Plan id.
    pub doc: String,
    /// Province of the plan.
    pub province: Option<String>,
    /// Unit as canonicalised in that plan.
    pub unit: String,
    /// Role.
    pub role: Role,
    /// Task (null for a unit named without one).
    pub task: Option<String>,
    /// Deadlines attributed to the unit in that plan (ISO dues, or the phrase when undated).
    pub deadlines: Vec<String>,
}

/// What units matching `query` (diacritic-insensitive substring of the canonical name) are tasked with.
pub fn tasks_of(records: &[DocRecord], query: &str) -> Vec<Task> {
    let q = fold(&key(query));
    let mut out = Vec::new();
    for r in records.iter().filter(|r| super::counted(r)) {
        for u in r.units.iter().filter(|u| fold(&key(&u.canonical)).contains(&q)) {
            let deadlines: Vec<String> = r
                .deadlines
                .iter()
                .filter(|d| d.unit.as_deref() == Some(u.canonical.as_str()))
                .map(|d| d.due.clone().unwrap_or_else(|| d.text.clone()))
                .collect();
            let tasks: Vec<Option<String>> =
                if u.tasks.is_empty() { vec![None] } else { u.tasks.iter().cloned().map(Some).collect() };
            for t in tasks {
                out.push(Task {
                    schema_version: crate::SCHEMA_VERSION,
                    doc: r.id.0.clone(),
                    province: r.meta.province.clone(),
                    unit: u.canonical.clone(),
                    role: u.role,
                    task: t,
                    deadlines: deadlines.clone(),
                });
            }
        }
    }
    out
}
