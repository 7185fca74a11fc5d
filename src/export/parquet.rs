//! `export parquet`: the six tables of `export csv` as Parquet files, for pandas, polars,
//! DuckDB and Spark, streamed from the index one document at a time.
//!
//! Same tables, columns and rows as the CSV (both render [`super::table`]), with real types:
//! dates are Parquet `DATE`s, counts, years, offsets and lags 64-bit integers, `known` a
//! boolean, recipients, tasks, relations and roles lists of strings; an absent value is null
//! (the CSV's empty cell). Strings are dictionary-encoded (Parquet's dictionary pages: the
//! kinds, levels, provinces and relations take a few bytes a row) and pages are
//! Snappy-compressed. Rows are in document id order, then record order, flushed every
//! [`BATCH_ROWS`] rows, so memory stays flat whatever the corpus.
//!
//! ```text
//! $ kehoach export parquet --index out/index --out out/parquet
//! wrote out/parquet: documents 80  citations 1013  units 1495  slogans 59  deadlines 482  edges 2290
//! $ python3 -c "import duckdb; print(duckdb.sql(\"select province_2025, count(*) from 'out/parquet/documents.parquet' group by 1\"))"
//! ```
//!
//! Limits: one file per table (a row group per [`BATCH_ROWS`] rows), not partitioned by
//! province or year; Spark's job (`scale/spark/`) writes partitioned tables.

use super::table::{rows, Cell, Counts, Ty, TABLES};
use crate::error::{Error, Result};
use crate::index::schema::Fields;
use arrow_array::builder::{BooleanBuilder, Date32Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::Index;

/// Rows buffered per table before they are written (one row group each).
pub(crate) const BATCH_ROWS: usize = 65_536;

/// The Arrow type of a column type.
fn data_type(ty: Ty) -> DataType {
    match ty {
        Ty::Text => DataType::Utf8,
        Ty::Int => DataType::Int64,
        Ty::Date => DataType::Date32,
        Ty::Bool => DataType::Boolean,
        Ty::List(_) => DataType::List(Arc::new(item())),
    }
}

/// The element of a list column: a string, never null.
fn item() -> Field {
    Field::new("item", DataType::Utf8, false)
}

/// The Arrow schema of table `k`: lists and booleans are never null, the rest may be.
pub fn schema(k: usize) -> SchemaRef {
    let fields: Vec<Field> = TABLES[k]
        .1
        .iter()
        .map(|&(name, ty)| Field::new(name, data_type(ty), !matches!(ty, Ty::List(_) | Ty::Bool)))
        .collect();
    Arc::new(Schema::new(fields))
}

/// One column being filled.
enum Column {
    Text(StringBuilder),
    Int(Int64Builder),
    Date(Date32Builder),
    Bool(BooleanBuilder),
    List(ListBuilder<StringBuilder>),
}

impl Column {
    fn new(ty: Ty) -> Self {
        match ty {
            Ty::Text => Column::Text(StringBuilder::new()),
            Ty::Int => Column::Int(Int64Builder::new()),
            Ty::Date => Column::Date(Date32Builder::new()),
            Ty::Bool => Column::Bool(BooleanBuilder::new()),
            Ty::List(_) => Column::List(ListBuilder::new(StringBuilder::new()).with_field(Arc::new(item()))),
        }
    }

    /// Append one cell; a cell of the wrong type is a bug upstream.
    fn push(&mut self, c: Cell, col: &'static str) -> Result<()> {
        match (self, c) {
            (Column::Text(b), Cell::Text(s)) => b.append_option(s),
            (Column::Int(b), Cell::Int(n)) => b.append_option(n),
            (Column::Date(b), Cell::Date(d)) => b.append_option(d.map(|d| d.days() as i32)),
            (Column::Bool(b), Cell::Bool(v)) => b.append_value(v),
            (Column::List(b), Cell::List(v)) => {
                for s in v {
                    b.values().append_value(s);
                }
                b.append(true)
            }
            (_, c) => return Err(Error::Cell { column: col, reason: format!("a {c:?} cell does not fit its type") }),
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Text(b) => Arc::new(b.finish()),
            Column::Int(b) => Arc::new(b.finish()),
            Column::Date(b) => Arc::new(b.finish()),
            Column::Bool(b) => Arc::new(b.finish()),
            Column::List(b) => Arc::new(b.finish()),
        }
    }
}

/// One table: its buffered columns and its file's writer.
struct TableFile {
    k: usize,
    schema: SchemaRef,
    cols: Vec<Column>,
    rows: usize,
    writer: ArrowWriter<File>,
    path: PathBuf,
}

impl TableFile {
    fn create(dir: &Path, k: usize) -> Result<Self> {
        let path = dir.join(format!("{}.parquet", TABLES[k].0));
        let file = File::create(&path).map_err(|e| Error::Create { path: path.clone(), source: e })?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_dictionary_enabled(true)
            .set_created_by(format!("kehoach {} (schema {})", env!("CARGO_PKG_VERSION"), crate::SCHEMA_VERSION))
            .build();
        let schema = schema(k);
        let writer = ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(|e| Error::write(&path, e))?;
        let cols = TABLES[k].1.iter().map(|&(_, ty)| Column::new(ty)).collect();
        Ok(TableFile { k, schema, cols, rows: 0, writer, path })
    }

    fn push(&mut self, row: Vec<Cell>) -> Result<()> {
        for ((c, col), (name, _)) in row.into_iter().zip(&mut self.cols).zip(TABLES[self.k].1) {
            col.push(c, name)?;
        }
        self.rows += 1;
        if self.rows == BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.cols.iter_mut().map(Column::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(|e| Error::write(&self.path, e))?;
        self.writer.write(&batch).map_err(|e| Error::write(&self.path, e))?;
        self.rows = 0;
        Ok(())
    }

    fn close(mut self) -> Result<()> {
        self.flush()?;
        self.writer.close().map_err(|e| Error::write(&self.path, e))?;
        Ok(())
    }
}

/// Export every table of the index into `dir` as `documents.parquet`, `citations.parquet` …
pub fn export(index: &Index, f: &Fields, dir: &Path) -> Result<Counts> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Create { path: dir.to_path_buf(), source: e })?;
    let mut files: Vec<TableFile> = (0..TABLES.len()).map(|k| TableFile::create(dir, k)).collect::<Result<_>>()?;
    let mut n = Counts { schema_version: crate::SCHEMA_VERSION, ..Counts::default() };
    crate::index::for_each_record(index, f, |r| {
        rows(&r, &mut |k, row| {
            n.add(k);
            files[k].push(row)
        })
        .map_err(|e| Error::Document { id: r.id.to_string(), source: Box::new(e) })
    })?;
    for t in files {
        t.close()?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_follow_the_column_types() {
        let s = schema(0);
        assert_eq!(s.field_with_name("date").unwrap().data_type(), &DataType::Date32);
        assert_eq!(s.field_with_name("year").unwrap().data_type(), &DataType::Int64);
        assert!(matches!(s.field_with_name("recipients").unwrap().data_type(), DataType::List(_)));
        assert_eq!(schema(3).field_with_name("known").unwrap().data_type(), &DataType::Boolean);
        for (k, table) in TABLES.iter().enumerate() {
            assert_eq!(schema(k).fields().len(), table.1.len());
        }
    }

    #[test]
    fn a_bad_cell_is_an_error_not_a_wrong_value() {
        let mut c = Column::new(Ty::Date);
        assert!(c.push(Cell::Text(Some("1970-01-02".into())), "date").is_err(), "a date column takes typed dates");
        assert!(c.push(Cell::Int(Some(3)), "date").is_err());
        c.push(Cell::Date(crate::domain::Date::new(1970, 1, 2)), "date").unwrap();
        c.push(Cell::Date(None), "date").unwrap();
        let a = c.finish();
        let d = a.as_any().downcast_ref::<arrow_array::Date32Array>().unwrap();
        assert_eq!(d.value(0), 1);
        assert!(arrow_array::Array::is_null(d, 1));
    }
}
