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
        &[
            "doc_id",
            "directive_id",
            "kind",
            "symbol",
            "number",
            "year",
            "issuer",
            "date",
            "system",
            "name",
            "mentions",
            "relation",
            "relations",
            "superseded_by",
        ],
    ),
    ("units", &["doc_id", "name", "canonical", "role", "tasks", "mentions", "roles"]),
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
            "relation",
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

/// One CSV table being written to any sink: a file for `export csv`, a response body for
/// `serve` (the same BOM, line ends and formula neutralisation everywhere).
pub struct TableWriter<W: Write> {
    w: csv::Writer<W>,
    excel: bool,
}

impl<W: Write> TableWriter<W> {
    /// Start a table: BOM (with `excel`), then the header row.
    pub fn new(mut sink: W, cols: &[&str], excel: bool) -> anyhow::Result<Self> {
        if excel {
            sink.write_all(b"\xEF\xBB\xBF")?;
        }
        let term = if excel { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
        let mut w = csv::WriterBuilder::new().terminator(term).from_writer(sink);
        w.write_record(cols)?;
        Ok(TableWriter { w, excel })
    }

    /// One row.
    pub fn row(&mut self, cells: &[String]) -> anyhow::Result<()> {
        if self.excel {
            let safe: Vec<String> = cells.iter().map(|c| neutralise(c)).collect();
            self.w.write_record(&safe)?;
        } else {
            self.w.write_record(cells)?;
        }
        Ok(())
    }

    /// Flush and hand back the sink.
    pub fn finish(self) -> anyhow::Result<W> {
        self.w.into_inner().map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.error()))
    }
}

type Out = TableWriter<BufWriter<File>>;

fn create(dir: &Path, name: &str, cols: &[&str], excel: bool) -> anyhow::Result<Out> {
    let p = dir.join(format!("{name}.csv"));
    let f = File::create(&p).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", p.display()))?;
    TableWriter::new(BufWriter::new(f), cols, excel)
}

/// One table's bytes: the header of `cols` and `rows` (for tables shown on a web page).
pub fn table_bytes(cols: &[&str], rows: &[Vec<String>], excel: bool) -> anyhow::Result<Vec<u8>> {
    let mut t = TableWriter::new(Vec::new(), cols, excel)?;
    for r in rows {
        t.row(r)?;
    }
    t.finish()
}

/// `'`-prefix a text cell Excel would read as a formula (starting with `=`, `+`, `-`,
/// `@`, tab or CR). A number is never touched: a negative `lag_days` stays `-13`
/// (Excel reads it as the number it is), while `-2+3` or `-cmd|…` is guarded.
pub fn neutralise(c: &str) -> String {
    if c.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(c) {
        format!("'{c}")
    } else {
        c.to_string()
    }
}

/// A plain decimal number as the tables write them: `-13`, `0.5`, `-0.25` (no sign `+`,
/// no exponent, no spaces).
fn is_number(c: &str) -> bool {
    let digits = c.strip_prefix('-').unwrap_or(c);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "1"));
    !int.is_empty() && !frac.is_empty() && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
}

fn o<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or(String::new(), ToString::to_string)
}

fn days(a: &Option<String>, b: &Option<String>) -> String {
    crate::graph::lag_days(a.as_deref(), b.as_deref()).map_or(String::new(), |d| d.to_string())
}

/// The rows of one record in each of the [`TABLES`] (same order), as `export csv` writes them.
pub fn record_rows(r: &DocRecord) -> anyhow::Result<[Vec<Vec<String>>; 6]> {
    let mut t: [Vec<Vec<String>>; 6] = Default::default();
    write_rows(r, &mut |k, row| {
        t[k].push(row);
        Ok(())
    })?;
    Ok(t)
}

fn write_record(outs: &mut [Out], r: &DocRecord, n: &mut Counts) -> anyhow::Result<()> {
    write_rows(r, &mut |k, row| {
        match k {
            0 => n.documents += 1,
            1 => n.citations += 1,
            2 => n.units += 1,
            3 => n.slogans += 1,
            4 => n.deadlines += 1,
            _ => n.edges += 1,
        }
        outs[k].row(&row)
    })
}

fn write_rows(r: &DocRecord, emit: &mut dyn FnMut(usize, Vec<String>) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let m = &r.meta;
    let s = m.signer.clone().unwrap_or_default();
    emit(
        0,
        vec![
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
        ],
    )?;
    for d in &r.directives {
        let sys = serde_json::to_value(d.system)?.as_str().unwrap_or("").to_string();
        emit(
            1,
            vec![
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
                d.relation().as_str().to_string(),
                d.relations.iter().map(|r| r.as_str()).collect::<Vec<_>>().join("|"),
                d.superseded_by.as_ref().map(|s| s.symbol.clone()).unwrap_or_default(),
            ],
        )?;
        for mt in &d.mentions {
            emit(
                5,
                vec![
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
                    mt.relation.map(|r| r.as_str().to_string()).unwrap_or_default(),
                ],
            )?;
        }
    }
    for u in &r.units {
        let role = serde_json::to_value(u.role)?.as_str().unwrap_or("").to_string();
        emit(
            2,
            vec![
                r.id.0.clone(),
                u.name.clone(),
                u.canonical.clone(),
                role,
                u.tasks.join(" | "),
                u.mentions.len().to_string(),
                u.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join("|"),
            ],
        )?;
    }
    for sl in &r.slogans {
        emit(
            3,
            vec![
                r.id.0.clone(),
                sl.canonical.clone(),
                sl.text.clone(),
                o(&sl.kind),
                sl.known.to_string(),
                sl.mentions.len().to_string(),
            ],
        )?;
    }
    for d in &r.deadlines {
        emit(
            4,
            vec![
                r.id.0.clone(),
                d.text.clone(),
                o(&d.due),
                o(&d.precision),
                d.kind.clone(),
                o(&d.unit),
                o(&d.task),
                d.start.to_string(),
                d.end.to_string(),
            ],
        )?;
    }
    Ok(())
}

/// Export every table of the index at `index` into `dir`.
pub fn export(index: &Index, f: &Fields, dir: &Path, excel: bool) -> anyhow::Result<Counts> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let mut outs: Vec<Out> =
        TABLES.iter().map(|(name, cols)| create(dir, name, cols, excel)).collect::<anyhow::Result<_>>()?;
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
    for o in outs {
        o.finish()?.flush()?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for c in ["=1+1", "+84 912", "-2+3", "-", "-1.", "-.5", "-1e5", "@SUM(A1)", "\tx", "+5"] {
            assert!(neutralise(c).starts_with('\''), "{c}");
        }
        for n in ["-13", "-0.25", "42", "0"] {
            assert_eq!(neutralise(n), n, "a number is never touched");
        }
        assert_eq!(neutralise("Kế hoạch, \"số\" 10"), "Kế hoạch, \"số\" 10");
    }

    /// Commas, quotes, line breaks and formula-leading cells survive a round trip through
    /// the writer and a standard CSV reader; `--excel` only adds the `'` guard.
    #[test]
    fn tricky_cells_round_trip() {
        let cells: Vec<String> = [
            "Sở Nội vụ, Sở Tư pháp",
            "phong trào \"Dân vận khéo\"",
            "dòng 1\ndòng 2\r\ndòng 3",
            "=HYPERLINK(\"http://x\")",
            "+84 912 345 678",
            "-2+3",
            "-13",
            "@SUM(A1:A3)",
            "",
            "\"\"",
        ]
        .map(String::from)
        .to_vec();
        for excel in [false, true] {
            let name = if excel { "excel" } else { "plain" };
            let cols: Vec<String> = (0..cells.len()).map(|i| format!("c{i}")).collect();
            let cols: Vec<&str> = cols.iter().map(String::as_str).collect();
            let mut out = TableWriter::new(Vec::new(), &cols, excel).unwrap();
            out.row(&cells).unwrap();
            let bytes = out.finish().unwrap();
            let body = if excel { bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM") } else { &bytes[..] };
            let mut r = csv::ReaderBuilder::new().from_reader(body);
            let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
            assert_eq!(rows.len(), 1, "{name}: one record, line breaks stay inside their cell");
            let got: Vec<&str> = rows[0].iter().collect();
            for (g, want) in got.iter().zip(&cells) {
                if excel && want.starts_with(['=', '+', '-', '@']) && !is_number(want) {
                    assert_eq!(*g, format!("'{want}"), "{name}");
                } else {
                    assert_eq!(g, want, "{name}");
                }
            }
        }
    }
}
