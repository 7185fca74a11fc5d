//! `export csv`: every table as CSV, streamed from the index one document at a time.
//!
//! RFC 4180, UTF-8. `--excel` adds a byte-order mark and CRLF line ends so that
//! Excel shows Vietnamese correctly, and neutralises cells that would start a
//! formula (`=`, `+`, `-`, `@`, tab, CR) by prefixing a `'` (CSV injection).
//! Column names are a contract (README, "CSV columns"); rows are sorted by
//! document id, then in record order, so two exports of one index are identical.

use crate::error::{Error, Result};
use crate::index::schema::Fields;
use crate::record::DocRecord;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tantivy::Index;

use super::table::{names, rows};
pub use super::table::{Counts, TABLES};

/// One CSV table being written to any sink: a file for `export csv`, a response body for
/// `serve` (the same BOM, line ends and formula neutralisation everywhere). Its errors are
/// [`Error::Csv`]; a file's writer names the file ([`Error::at`]).
pub(crate) struct TableWriter<W: Write> {
    w: csv::Writer<W>,
    excel: bool,
}

impl<W: Write> TableWriter<W> {
    /// Start a table: BOM (with `excel`), then the header row.
    pub fn new(mut sink: W, cols: &[&str], excel: bool) -> Result<Self> {
        if excel {
            sink.write_all(b"\xEF\xBB\xBF").map_err(csv::Error::from)?;
        }
        let term = if excel { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
        let mut w = csv::WriterBuilder::new().terminator(term).from_writer(sink);
        w.write_record(cols)?;
        Ok(TableWriter { w, excel })
    }

    /// One row.
    pub(crate) fn row(&mut self, cells: &[String]) -> Result<()> {
        if self.excel {
            let safe: Vec<String> = cells.iter().map(|c| neutralise(c)).collect();
            self.w.write_record(&safe)?;
        } else {
            self.w.write_record(cells)?;
        }
        Ok(())
    }

    /// Flush and hand back the sink.
    pub(crate) fn finish(self) -> Result<W> {
        self.w.into_inner().map_err(|e| Error::Csv(e.into_error().into()))
    }
}

/// A table's file and its writer.
struct Out {
    t: TableWriter<BufWriter<File>>,
    path: PathBuf,
}

fn create(dir: &Path, name: &str, cols: &[&str], excel: bool) -> Result<Out> {
    let path = dir.join(format!("{name}.csv"));
    let f = File::create(&path).map_err(|e| Error::Create { path: path.clone(), source: e })?;
    let t = TableWriter::new(BufWriter::new(f), cols, excel).map_err(|e| e.at(&path))?;
    Ok(Out { t, path })
}

/// One table's bytes: the header of `cols` and `rows` (for tables shown on a web page).
pub(crate) fn table_bytes(cols: &[&str], rows: &[Vec<String>], excel: bool) -> Result<Vec<u8>> {
    let mut t = TableWriter::new(Vec::new(), cols, excel)?;
    for r in rows {
        t.row(r)?;
    }
    t.finish()
}

/// `'`-prefix a text cell Excel would read as a formula (starting with `=`, `+`, `-`,
/// `@`, tab or CR). A number is never touched: a negative `lag_days` stays `-13`
/// (Excel reads it as the number it is), while `-2+3` or `-cmd|…` is guarded.
pub(crate) fn neutralise(c: &str) -> String {
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

/// The rows of one record in each of the [`TABLES`] (same order), as `export csv` writes them.
pub(crate) fn record_rows(r: &DocRecord) -> Result<[Vec<Vec<String>>; 6]> {
    let mut t: [Vec<Vec<String>>; 6] = Default::default();
    rows(r, &mut |k, row| {
        t[k].push(text_row(k, &row));
        Ok(())
    })?;
    Ok(t)
}

/// A row of table `k` as CSV cells.
fn text_row(k: usize, row: &[super::table::Cell]) -> Vec<String> {
    row.iter().zip(TABLES[k].1).map(|(c, (_, ty))| c.csv(*ty)).collect()
}

/// Export every table of the index at `index` into `dir`.
pub fn export(index: &Index, f: &Fields, dir: &Path, excel: bool) -> Result<Counts> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Create { path: dir.to_path_buf(), source: e })?;
    let mut outs: Vec<Out> =
        (0..TABLES.len()).map(|k| create(dir, TABLES[k].0, names(k), excel)).collect::<Result<_>>()?;
    let mut n = Counts { schema_version: crate::SCHEMA_VERSION, ..Counts::default() };
    // Records one at a time, in document id order.
    crate::index::for_each_record(index, f, |r| {
        rows(&r, &mut |k, row| {
            n.add(k);
            let o = &mut outs[k];
            o.t.row(&text_row(k, &row)).map_err(|e| e.at(&o.path))
        })
    })?;
    for o in outs {
        o.t.finish().map_err(|e| e.at(&o.path))?.flush().map_err(|e| Error::write(&o.path, e))?;
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
