//! `export csv`: every table as CSV, streamed from the index one document at a time.
//!
//! RFC 4180, UTF-8. `--excel` adds a byte-order mark and CRLF line ends so that
//! Excel shows Vietnamese correctly, and neutralises cells that would start a
//! formula (`=`, `+`, `-`, `@`, tab, CR) by prefixing a `'` (CSV injection).
//! Column names are a contract (README, "CSV columns"); rows are sorted by
//! document id, then in record order, so two exports of one index are identical.

use crate::index::schema::Fields;
use crate::record::DocRecord;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

/// The tables and their columns.
pub const TABLES: [(&str, &[&str]); 6] = [
    (
        "documents",
        &[
            "id",
            "source",
            "number",
            "kind",
            "date",
            "year",
            "place",
            "issuer",
            "level",
            "province",
            "province_2025",
            "title",
            "signer_name",
            "signer_role",
            "signer_authority",
            "recipients",
            "directives",
            "units",
            "slogans",
            "deadlines",
            "warnings",
        ],
    ),
    (
        "citations",
        &["doc_id", "directive_id", "kind", "symbol", "number", "year", "issuer", "date", "system", "name", "mentions"],
    ),
    ("units", &["doc_id", "name", "canonical", "role", "tasks", "mentions"]),
    ("slogans", &["doc_id", "canonical", "text", "kind", "known", "mentions"]),
    ("deadlines", &["doc_id", "text", "due", "precision", "kind", "unit", "task", "start", "end"]),
    (
        "edges",
        &[
            "doc_id",
            "directive_id",
            "symbol",
            "start",
            "end",
            "section",
            "unit",
            "doc_date",
            "directive_date",
            "lag_days",
            "province",
            "province_2025",
            "level",
        ],
    ),
];

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

struct Out {
    w: csv::Writer<BufWriter<File>>,
    excel: bool,
}

impl Out {
    fn create(dir: &Path, name: &str, cols: &[&str], excel: bool) -> anyhow::Result<Out> {
        let p = dir.join(format!("{name}.csv"));
        let f = File::create(&p).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", p.display()))?;
        let mut buf = BufWriter::new(f);
        if excel {
            buf.write_all(b"\xEF\xBB\xBF")?;
        }
        let term = if excel { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
        let mut w = csv::WriterBuilder::new().terminator(term).from_writer(buf);
        w.write_record(cols)?;
        Ok(Out { w, excel })
    }

    fn row(&mut self, cells: &[String]) -> anyhow::Result<()> {
        if self.excel {
            let safe: Vec<String> = cells.iter().map(|c| neutralise(c)).collect();
            self.w.write_record(&safe)?;
        } else {
            self.w.write_record(cells)?;
        }
        Ok(())
    }
}

/// `'`-prefix a cell Excel would read as a formula.
pub fn neutralise(c: &str) -> String {
    if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{c}")
    } else {
        c.to_string()
    }
}

fn o<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or(String::new(), ToString::to_string)
}

fn days(a: &Option<String>, b: &Option<String>) -> String {
    use crate::extract::date::Date;
    match (a.as_deref().and_then(Date::parse_iso), b.as_deref().and_then(Date::parse_iso)) {
        (Some(x), Some(y)) => (x.days() - y.days()).to_string(),
        _ => String::new(),
    }
}

fn write_record(outs: &mut [Out], r: &DocRecord, n: &mut Counts) -> anyhow::Result<()> {
    let m = &r.meta;
    let s = m.signer.clone().unwrap_or_default();
    outs[0].row(&[
        r.id.0.clone(),
        r.source.clone(),
        o(&m.number),
        o(&m.kind),
        o(&m.date),
        o(&m.year),
        o(&m.place),
        o(&m.issuer),
        o(&m.level),
        o(&m.province),
        o(&m.province_2025),
        o(&m.title),
        o(&s.name),
        o(&s.role),
        o(&s.authority),
        m.recipients.join(" | "),
        r.directives.len().to_string(),
        r.units.len().to_string(),
        r.slogans.len().to_string(),
        r.deadlines.len().to_string(),
        r.warnings.len().to_string(),
    ])?;
    n.documents += 1;
    for d in &r.directives {
        let sys = serde_json::to_value(d.system)?.as_str().unwrap_or("").to_string();
        outs[1].row(&[
            r.id.0.clone(),
            d.id.0.clone(),
            o(&d.kind),
            o(&d.symbol),
            o(&d.number),
            o(&d.year),
            o(&d.issuer),
            o(&d.date),
            sys,
            o(&d.name),
            d.mentions.len().to_string(),
        ])?;
        n.citations += 1;
        for mt in &d.mentions {
            outs[5].row(&[
                r.id.0.clone(),
                d.id.0.clone(),
                o(&d.symbol),
                mt.start.to_string(),
                mt.end.to_string(),
                o(&mt.section),
                o(&mt.unit),
                o(&m.date),
                o(&d.date),
                days(&m.date, &d.date),
                o(&m.province),
                o(&m.province_2025),
                o(&m.level),
            ])?;
            n.edges += 1;
        }
    }
    for u in &r.units {
        let role = serde_json::to_value(u.role)?.as_str().unwrap_or("").to_string();
        outs[2].row(&[
            r.id.0.clone(),
            u.name.clone(),
            u.canonical.clone(),
            role,
            u.tasks.join(" | "),
            u.mentions.len().to_string(),
        ])?;
        n.units += 1;
    }
    for sl in &r.slogans {
        outs[3].row(&[
            r.id.0.clone(),
            sl.canonical.clone(),
            sl.text.clone(),
            o(&sl.kind),
            sl.known.to_string(),
            sl.mentions.len().to_string(),
        ])?;
        n.slogans += 1;
    }
    for d in &r.deadlines {
        outs[4].row(&[
            r.id.0.clone(),
            d.text.clone(),
            o(&d.due),
            o(&d.precision),
            d.kind.clone(),
            o(&d.unit),
            o(&d.task),
            d.start.to_string(),
            d.end.to_string(),
        ])?;
        n.deadlines += 1;
    }
    Ok(())
}

/// Export every table of the index at `index` into `dir`.
pub fn export(index: &Index, f: &Fields, dir: &Path, excel: bool) -> anyhow::Result<Counts> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let mut outs: Vec<Out> =
        TABLES.iter().map(|(name, cols)| Out::create(dir, name, cols, excel)).collect::<anyhow::Result<_>>()?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    // Addresses sorted by document id: small keys only; records are read one at a time.
    let order = crate::index::sorted_by_id(&searcher)?;
    let mut n = Counts { schema_version: crate::SCHEMA_VERSION, ..Counts::default() };
    for (_, addr) in order {
        let d: TantivyDocument = searcher.doc(addr)?;
        let js = d.get_first(f.record).and_then(|v| v.as_str()).unwrap_or("{}");
        let r: DocRecord = serde_json::from_str(js)?;
        write_record(&mut outs, &r, &mut n)?;
    }
    for o in &mut outs {
        o.w.flush()?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for c in ["=1+1", "+84 912", "-2", "@SUM(A1)", "\tx"] {
            assert!(neutralise(c).starts_with('\''), "{c}");
        }
        assert_eq!(neutralise("Kế hoạch, \"số\" 10"), "Kế hoạch, \"số\" 10");
    }
}
