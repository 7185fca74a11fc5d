//! The six tables of the exports (documents, citations, units, slogans, deadlines, edges):
//! their columns, each column's type, and one record's rows as typed cells.
//!
//! Written once and rendered twice: `export csv` (and every CSV or JSON download of `serve`)
//! turns a cell into text, `export parquet` into an Arrow value of the column's type. So the
//! two formats cannot drift apart: the same rows, the same columns, in the same order.
//!
//! Column names are a contract (README, "CSV columns"). Types:
//! - [`Ty::Text`] — a string, empty in CSV and null in Parquet when absent;
//! - [`Ty::Int`] — an integer (counts, years, offsets, lags);
//! - [`Ty::Date`] — an ISO date (`2025-03-12`), a Parquet `DATE`;
//! - [`Ty::Bool`] — `true`/`false`;
//! - [`Ty::List`] — a list of strings, joined in CSV with the column's separator (` | ` for
//!   free text such as recipients and tasks, `|` for codes such as relations and roles).

use crate::record::DocRecord;

/// A column's type (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// A string.
    Text,
    /// A 64-bit integer.
    Int,
    /// An ISO date.
    Date,
    /// A boolean.
    Bool,
    /// A list of strings; the separator is the CSV rendering's.
    List(&'static str),
}

/// One column: its name and type.
pub(crate) type Col = (&'static str, Ty);

use Ty::{Bool, Date, Int, List, Text};

/// The tables and their typed columns, in export order.
pub const TABLES: [(&str, &[Col]); 6] = [
    (
        "documents",
        &[
            ("id", Text),
            ("source", Text),
            ("number", Text),
            ("kind", Text),
            ("date", Date),
            ("year", Int),
            ("place", Text),
            ("issuer", Text),
            ("level", Text),
            ("province", Text),
            ("province_2025", Text),
            ("title", Text),
            ("signer_name", Text),
            ("signer_role", Text),
            ("signer_authority", Text),
            ("recipients", List(" | ")),
            ("directives", Int),
            ("units", Int),
            ("slogans", Int),
            ("deadlines", Int),
            ("warnings", Int),
        ],
    ),
    (
        "citations",
        &[
            ("doc_id", Text),
            ("directive_id", Text),
            ("kind", Text),
            ("symbol", Text),
            ("number", Text),
            ("year", Int),
            ("issuer", Text),
            ("date", Date),
            ("system", Text),
            ("name", Text),
            ("mentions", Int),
            ("relation", Text),
            ("relations", List("|")),
            ("superseded_by", Text),
        ],
    ),
    (
        "units",
        &[
            ("doc_id", Text),
            ("name", Text),
            ("canonical", Text),
            ("role", Text),
            ("tasks", List(" | ")),
            ("mentions", Int),
            ("roles", List("|")),
        ],
    ),
    (
        "slogans",
        &[("doc_id", Text), ("canonical", Text), ("text", Text), ("kind", Text), ("known", Bool), ("mentions", Int)],
    ),
    (
        "deadlines",
        &[
            ("doc_id", Text),
            ("text", Text),
            ("due", Date),
            ("precision", Text),
            ("kind", Text),
            ("unit", Text),
            ("task", Text),
            ("start", Int),
            ("end", Int),
        ],
    ),
    (
        "edges",
        &[
            ("doc_id", Text),
            ("directive_id", Text),
            ("symbol", Text),
            ("start", Int),
            ("end", Int),
            ("section", Text),
            ("unit", Text),
            ("doc_date", Date),
            ("directive_date", Date),
            ("lag_days", Int),
            ("province", Text),
            ("province_2025", Text),
            ("level", Text),
            ("relation", Text),
        ],
    ),
];

/// The column names of table `k` (CSV headers).
pub fn names(k: usize) -> &'static [&'static str] {
    // Built once from `TABLES`, so a header can never disagree with a column.
    static NAMES: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
    &NAMES.get_or_init(|| TABLES.iter().map(|(_, cols)| cols.iter().map(|c| c.0).collect()).collect())[k]
}

/// Rows written per table.
#[derive(Debug, Default, serde::Serialize)]
pub struct Counts {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// documents.csv rows.
    pub documents: usize,
    /// citations.csv rows.
    pub citations: usize,
    /// units.csv rows.
    pub units: usize,
    /// slogans.csv rows.
    pub slogans: usize,
    /// deadlines.csv rows.
    pub deadlines: usize,
    /// edges.csv rows.
    pub edges: usize,
}

impl Counts {
    /// One more row in table `k` of [`TABLES`].
    pub(crate) fn add(&mut self, k: usize) {
        match k {
            0 => self.documents += 1,
            1 => self.citations += 1,
            2 => self.units += 1,
            3 => self.slogans += 1,
            4 => self.deadlines += 1,
            _ => self.edges += 1,
        }
    }
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A string, or nothing.
    Text(Option<String>),
    /// A date (ISO in CSV, a `DATE` in Parquet), or nothing.
    Date(Option<crate::domain::Date>),
    /// An integer, or nothing.
    Int(Option<i64>),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    List(Vec<String>),
}

impl Cell {
    /// The CSV text of this cell in a column of type `ty`.
    pub(crate) fn csv(&self, ty: Ty) -> String {
        match self {
            Cell::Text(s) => s.clone().unwrap_or_default(),
            Cell::Date(d) => d.map(|d| d.iso()).unwrap_or_default(),
            Cell::Int(n) => n.map_or(String::new(), |n| n.to_string()),
            Cell::Bool(b) => b.to_string(),
            Cell::List(v) => v.join(if let List(sep) = ty { sep } else { "|" }),
        }
    }
}

fn t(s: &str) -> Cell {
    Cell::Text(Some(s.to_string()))
}

fn o<T: ToString>(v: &Option<T>) -> Cell {
    Cell::Text(v.as_ref().map(ToString::to_string))
}

fn n(v: usize) -> Cell {
    Cell::Int(Some(v as i64))
}

fn list<'a>(v: impl IntoIterator<Item = &'a str>) -> Cell {
    Cell::List(v.into_iter().map(str::to_string).collect())
}

/// Call `emit(k, row)` with every row of the record in table `k` of [`TABLES`]: one document
/// row, then per directive its citation row and its edge rows, then units, slogans, deadlines.
pub fn rows(r: &DocRecord, emit: &mut dyn FnMut(usize, Vec<Cell>) -> crate::Result<()>) -> crate::Result<()> {
    let m = &r.meta;
    let s = m.signer.clone().unwrap_or_default();
    let id = || t(r.id.as_str());
    emit(
        0,
        vec![
            id(),
            t(&r.source),
            o(&m.number),
            o(&m.kind),
            Cell::Date(m.date),
            Cell::Int(m.year.map(i64::from)),
            o(&m.place),
            o(&m.issuer),
            o(&m.level),
            o(&m.province),
            o(&m.province_2025),
            o(&m.title),
            o(&s.name),
            o(&s.role),
            o(&s.authority),
            list(m.recipients.iter().map(String::as_str)),
            n(r.directives.len()),
            n(r.units.len()),
            n(r.slogans.len()),
            n(r.deadlines.len()),
            n(r.warnings.len()),
        ],
    )?;
    for d in &r.directives {
        let sys = serde_json::to_value(d.system).map_err(crate::Error::Json)?.as_str().unwrap_or("").to_string();
        emit(
            1,
            vec![
                id(),
                t(d.id.as_str()),
                o(&d.kind),
                o(&d.symbol),
                o(&d.number),
                Cell::Int(d.year.map(i64::from)),
                o(&d.issuer),
                Cell::Date(d.date),
                Cell::Text(Some(sys)),
                o(&d.name),
                n(d.mentions.len()),
                t(d.relation().as_str()),
                list(d.relations.iter().map(|r| r.as_str())),
                Cell::Text(d.superseded_by.as_ref().map(|s| s.symbol.clone())),
            ],
        )?;
        for mt in &d.mentions {
            emit(
                5,
                vec![
                    id(),
                    t(d.id.as_str()),
                    o(&d.symbol),
                    n(mt.start),
                    n(mt.end),
                    o(&mt.section),
                    o(&mt.unit),
                    Cell::Date(m.date),
                    Cell::Date(d.date),
                    Cell::Int(crate::domain::lag::lag_between(m.date, d.date)),
                    o(&m.province),
                    o(&m.province_2025),
                    o(&m.level),
                    Cell::Text(mt.relation.map(|r| r.as_str().to_string())),
                ],
            )?;
        }
    }
    for u in &r.units {
        let role = serde_json::to_value(u.role).map_err(crate::Error::Json)?.as_str().unwrap_or("").to_string();
        emit(
            2,
            vec![
                id(),
                t(&u.name),
                t(&u.canonical),
                Cell::Text(Some(role)),
                list(u.tasks.iter().map(String::as_str)),
                n(u.mentions.len()),
                list(u.roles.iter().map(|r| r.as_str())),
            ],
        )?;
    }
    for sl in &r.slogans {
        emit(3, vec![id(), t(&sl.canonical), t(&sl.text), o(&sl.kind), Cell::Bool(sl.known), n(sl.mentions.len())])?;
    }
    for d in &r.deadlines {
        emit(
            4,
            vec![
                id(),
                t(&d.text),
                Cell::Date(d.due),
                o(&d.precision),
                t(d.kind.name()),
                o(&d.unit),
                o(&d.task),
                n(d.start),
                n(d.end),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_one_cell_per_column_of_its_type() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
        let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        let f = crate::corpus::SourceFile { id: crate::record::DocId("seed".into()), path: paths[0].clone() };
        let r = crate::pipeline::process_one(&f, &crate::pipeline::Config::embedded()).unwrap();
        let mut seen = [0usize; 6];
        rows(&r, &mut |k, row| {
            seen[k] += 1;
            assert_eq!(row.len(), TABLES[k].1.len(), "table {}", TABLES[k].0);
            for (c, (name, ty)) in row.iter().zip(TABLES[k].1) {
                let ok = matches!(
                    (c, ty),
                    (Cell::Text(_), Text)
                        | (Cell::Date(_), Date)
                        | (Cell::Int(_), Int)
                        | (Cell::Bool(_), Bool)
                        | (Cell::List(_), List(_))
                );
                assert!(ok, "{}.{name}: {c:?} in a {ty:?} column", TABLES[k].0);
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(seen[0], 1);
        assert!(seen[1] > 0 && seen[2] > 0 && seen[5] >= seen[1], "{seen:?}");
    }

    #[test]
    fn csv_text_of_cells() {
        assert_eq!(Cell::Text(None).csv(Text), "");
        assert_eq!(Cell::Int(Some(-13)).csv(Int), "-13");
        assert_eq!(Cell::Int(None).csv(Int), "");
        assert_eq!(Cell::Bool(true).csv(Bool), "true");
        let l = Cell::List(vec!["Sở Nội vụ".into(), "Sở Tư pháp".into()]);
        assert_eq!(l.csv(List(" | ")), "Sở Nội vụ | Sở Tư pháp");
        assert_eq!(l.csv(List("|")), "Sở Nội vụ|Sở Tư pháp");
        assert_eq!(Cell::List(vec![]).csv(List("|")), "");
        assert_eq!(names(1)[11], "relation");
        assert_eq!(TABLES[5].0, "edges");
    }
}
