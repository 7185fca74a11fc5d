//! Responsible units across the corpus: who is tasked in the plans that cite a
//! directive, and what one unit is tasked with, by when.

use crate::graph::directive_name::DirectiveName;
use crate::normalize::{fold, key};
use crate::record::{DocRecord, Role};
use std::collections::BTreeMap;

/// A unit in the plans citing a directive.
#[derive(Debug, serde::Serialize)]
pub(crate) struct UnitUse {
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
pub(crate) fn of_directive(records: &[DocRecord], name: &DirectiveName) -> Vec<UnitUse> {
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

/// One task of a unit: the unit's role in THAT task and that task's own deadline.
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
    /// Role in this task (lead, support; mentioned for a unit named without a task).
    pub role: Role,
    /// Task (null for a unit named without one).
    pub task: Option<String>,
    /// This task's deadline: its ISO due date, or the phrase when undated (at most one; empty
    /// when the task states none).
    pub deadlines: Vec<String>,
    /// The deadline phrase as written.
    pub deadline: Option<String>,
    /// Its ISO due date.
    pub due: Option<String>,
    /// A generic collective ("các cơ quan, đơn vị liên quan").
    pub generic: bool,
}

/// What units matching `query` (diacritic-insensitive substring of the canonical name) are
/// tasked with: one row per task (the record's `tasks`), with the unit's role in that task and
/// that task's deadline; a unit only mentioned in a plan gives one row without a task.
pub(crate) fn tasks_of(records: &[DocRecord], query: &str) -> Vec<Task> {
    let q = fold(&key(query));
    let hit = |name: &str| fold(&key(name)).contains(&q);
    let mut out = Vec::new();
    for r in records.iter().filter(|r| super::counted(r)) {
        let row = |unit: &str,
                   role: Role,
                   task: Option<String>,
                   deadline: Option<String>,
                   due: Option<String>,
                   generic: bool| Task {
            schema_version: crate::SCHEMA_VERSION,
            doc: r.id.to_string(),
            province: r.meta.province.clone(),
            unit: unit.to_string(),
            role,
            task,
            deadlines: due.clone().or_else(|| deadline.clone()).into_iter().collect(),
            deadline,
            due,
            generic,
        };
        for t in r.tasks.iter().filter(|t| hit(&t.canonical)) {
            out.push(row(&t.canonical, t.role, t.task.clone(), t.deadline.clone(), t.due.map(|d| d.iso()), t.generic));
        }
        // Units with no task row in this plan (named in passing, or a record written before
        // the per-task view): one row each, as the per-unit view gives them.
        for u in r.units.iter().filter(|u| hit(&u.canonical)) {
            if r.tasks.iter().any(|t| t.canonical == u.canonical) {
                continue;
            }
            let tasks: Vec<Option<String>> =
                if u.tasks.is_empty() { vec![None] } else { u.tasks.iter().cloned().map(Some).collect() };
            for t in tasks {
                out.push(row(&u.canonical, u.role, t, None, None, u.generic));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Meta, Task as T, Unit};

    fn rec(tasks: Vec<T>, units: Vec<Unit>) -> DocRecord {
        let meta = Meta { kind: Some("Kế hoạch".into()), number: Some("1/KH-UBND".into()), ..Meta::default() };
        let mut r: DocRecord = serde_json::from_value(serde_json::json!({
            "schema_version": 1, "id": "a", "source": "a.txt", "meta": meta, "directives": [],
            "units": [], "slogans": [], "deadlines": [], "warnings": []
        }))
        .unwrap();
        r.tasks = tasks;
        r.units = units;
        r
    }

    fn task(unit: &str, role: Role, due: Option<&str>) -> T {
        T {
            unit: unit.into(),
            canonical: unit.into(),
            role,
            generic: false,
            task: Some(format!("việc của {unit}")),
            deadline: due.map(|d| format!("trước {d}")),
            due: due.and_then(crate::domain::Date::parse_iso),
            group: None,
        }
    }

    #[test]
    fn one_row_per_task_with_its_own_role_and_deadline() {
        let unit = |n: &str, role| Unit {
            name: n.into(),
            canonical: n.into(),
            role,
            roles: vec![role],
            tasks: vec![],
            mentions: vec![],
            generic: false,
        };
        let r = rec(
            vec![task("Sở Tư pháp", Role::Lead, Some("2025-06-30")), task("Sở Tư pháp", Role::Support, None)],
            vec![unit("Sở Tư pháp", Role::Lead), unit("Sở Nội vụ", Role::Mentioned)],
        );
        let rows = tasks_of(std::slice::from_ref(&r), "so tu phap");
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].role, rows[0].deadlines.clone()), (Role::Lead, vec!["2025-06-30".to_string()]));
        assert_eq!((rows[1].role, rows[1].deadlines.len()), (Role::Support, 0));
        let rows = tasks_of(&[r], "Nội vụ");
        assert_eq!(rows.len(), 1, "a unit only mentioned: one row without a task");
        assert_eq!((rows[0].role, rows[0].task.clone()), (Role::Mentioned, None));
    }
}
