//! Patching an output sorted by document id: the lines (JSON Lines) or CSV records of the
//! documents a run changed are replaced, the others copied byte for byte. `ingest` uses it so
//! that a rerun that changed 1% of the documents rewrites its outputs in a pass over the old
//! files instead of reading every record from the index; the result is the bytes a full
//! rewrite gives (`tests/ingest_cases.rs` checks it).
//!
//! Both functions write `out` through a temporary file renamed into place, so a run killed
//! mid-way leaves the old file whole.

use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

/// The new entries of the changed documents, in id order: (id, its lines or rows).
pub type Fresh<T> = [(String, Vec<T>)];

fn temp_of(out: &Path) -> std::path::PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.patch.tmp"))
}

fn finish(w: BufWriter<File>, tmp: &Path, out: &Path) -> Result<()> {
    w.into_inner().map_err(|e| Error::write(tmp, e.into_error()))?.sync_all().ok();
    std::fs::rename(tmp, out).map_err(|e| Error::Move { from: tmp.to_path_buf(), to: out.to_path_buf(), source: e })
}

#[derive(serde::Deserialize)]
struct IdOnly<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
}

/// The `id` of a line as kehoach writes it (`{"id":"…",` or `{"schema_version":5,"id":"…",`),
/// read without parsing the rest of the line (most of a patch's time otherwise); None for
/// any other shape or an id with escapes, which the caller parses in full.
fn leading_id(line: &[u8]) -> Option<&str> {
    let rest = line.strip_prefix(b"{")?;
    let rest = match rest.strip_prefix(b"\"schema_version\":") {
        Some(r) => r[r.iter().position(|b| !b.is_ascii_digit()).filter(|&n| n > 0)?..].strip_prefix(b",")?,
        None => rest,
    };
    let rest = rest.strip_prefix(b"\"id\":\"")?;
    let end = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
    (rest[end] == b'"').then(|| std::str::from_utf8(&rest[..end]).ok()).flatten()
}

/// Patch a JSON Lines file whose objects have an `id` and are sorted by it: the lines of
/// `changed` ids go (each is handed to `dropped`), the `fresh` lines (without their newline)
/// come in at their place. The first error (of the files, or of `dropped`) stops and is returned.
pub fn jsonl(
    old: &Path,
    out: &Path,
    changed: &BTreeSet<String>,
    fresh: &Fresh<Vec<u8>>,
    mut dropped: impl FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    let mut r = BufReader::new(File::open(old).map_err(|e| Error::Io { path: old.to_path_buf(), source: e })?);
    let tmp = temp_of(out);
    let mut w = BufWriter::new(File::create(&tmp).map_err(|e| Error::Create { path: tmp.clone(), source: e })?);
    let read = |e: std::io::Error| Error::Io { path: old.to_path_buf(), source: e };
    let write = |e: std::io::Error| Error::write(&tmp, e);
    let mut next = fresh.iter().peekable();
    let mut line = Vec::new();
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line).map_err(read)? == 0 {
            break;
        }
        let body = line.strip_suffix(b"\n").unwrap_or(&line);
        let id: IdOnly = match leading_id(body) {
            Some(id) => IdOnly { id: std::borrow::Cow::Borrowed(id) },
            None => serde_json::from_slice(body)
                .map_err(|e| Error::Decode { path: old.to_path_buf(), reason: format!("a line without an id: {e}") })?,
        };
        while let Some((fid, lines)) = next.peek() {
            if fid.as_str() >= &*id.id {
                break;
            }
            for l in lines {
                w.write_all(l).and_then(|()| w.write_all(b"\n")).map_err(write)?;
            }
            next.next();
        }
        if changed.contains(&*id.id) {
            dropped(body)?;
        } else {
            w.write_all(body).and_then(|()| w.write_all(b"\n")).map_err(write)?;
        }
    }
    for (_, lines) in next {
        for l in lines {
            w.write_all(l).and_then(|()| w.write_all(b"\n")).map_err(write)?;
        }
    }
    finish(w, &tmp, out)
}

/// Patch a CSV table (header, then records sorted by the document id in the first column, as
/// `export csv` writes it without `--excel`): the records of `changed` ids go, the `fresh` rows
/// come in at their place.
pub fn csv(old: &Path, out: &Path, changed: &BTreeSet<String>, fresh: &Fresh<Vec<String>>) -> Result<()> {
    let read = |e: csv::Error| Error::Read { path: old.to_path_buf(), source: e.into() };
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_path(old).map_err(read)?;
    let tmp = temp_of(out);
    let write = |e: csv::Error| Error::write(&tmp, e);
    let f = File::create(&tmp).map_err(|e| Error::Create { path: tmp.clone(), source: e })?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(BufWriter::new(f));
    let mut next = fresh.iter().peekable();
    let mut rec = csv::ByteRecord::new();
    let mut header = true;
    while r.read_byte_record(&mut rec).map_err(read)? {
        if header {
            w.write_byte_record(&rec).map_err(write)?;
            header = false;
            continue;
        }
        let id = std::str::from_utf8(rec.get(0).unwrap_or_default()).unwrap_or_default();
        while let Some((fid, rows)) = next.peek() {
            if fid.as_str() >= id {
                break;
            }
            for row in rows {
                w.write_record(row).map_err(write)?;
            }
            next.next();
        }
        if !changed.contains(id) {
            w.write_byte_record(&rec).map_err(write)?;
        }
    }
    for (_, rows) in next {
        for row in rows {
            w.write_record(row).map_err(write)?;
        }
    }
    let inner = w.into_inner().map_err(|e| Error::write(&tmp, e.into_error()))?;
    finish(inner, &tmp, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_changed_ids_are_replaced_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("d.jsonl");
        std::fs::write(&old, "{\"id\":\"a\",\"v\":1}\n{\"id\":\"c\",\"v\":1}\n{\"id\":\"e\",\"v\":1}\n").unwrap();
        let changed: BTreeSet<String> = ["c", "d", "e"].map(String::from).into();
        let fresh = vec![
            ("d".to_string(), vec![b"{\"id\":\"d\",\"v\":2}".to_vec()]),
            ("e".into(), vec![b"{\"id\":\"e\",\"v\":2}".to_vec()]),
        ];
        let mut gone = Vec::new();
        jsonl(&old, &old, &changed, &fresh, |l| {
            gone.push(String::from_utf8(l.to_vec()).unwrap());
            Ok(())
        })
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(&old).unwrap(),
            "{\"id\":\"a\",\"v\":1}\n{\"id\":\"d\",\"v\":2}\n{\"id\":\"e\",\"v\":2}\n"
        );
        assert_eq!(gone, ["{\"id\":\"c\",\"v\":1}", "{\"id\":\"e\",\"v\":1}"]);
    }

    #[test]
    fn leading_ids_are_read_where_kehoach_writes_them_and_left_to_serde_otherwise() {
        assert_eq!(leading_id(br#"{"schema_version":5,"id":"a/b","source":"x"}"#), Some("a/b"));
        assert_eq!(leading_id(br#"{"id":"k\u1ec3","units":3}"#), None, "escape: parsed in full");
        assert_eq!(leading_id(r#"{"id":"kế hoạch","units":3}"#.as_bytes()), Some("kế hoạch"));
        assert_eq!(leading_id(br#"{"schema_version":5,"source":"x","id":"a"}"#), None);
        assert_eq!(leading_id(br#"{"schema_version":,"id":"a"}"#), None);
        assert_eq!(leading_id(br#"{"idx":"a"}"#), None);
        assert_eq!(leading_id(br#"{"id":"unterminated"#), None);
    }

    #[test]
    fn escaped_ids_still_patch() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("d.jsonl");
        std::fs::write(&old, "{\"id\":\"a\\\"q\",\"v\":1}\n{\"id\":\"b\",\"v\":1}\n").unwrap();
        let changed: BTreeSet<String> = ["a\"q"].map(String::from).into();
        let fresh = vec![("a\"q".to_string(), vec![b"{\"id\":\"a\\\"q\",\"v\":2}".to_vec()])];
        jsonl(&old, &old, &changed, &fresh, |_| Ok(())).unwrap();
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "{\"id\":\"a\\\"q\",\"v\":2}\n{\"id\":\"b\",\"v\":1}\n");
    }

    #[test]
    fn csv_records_with_line_breaks_survive_and_new_rows_go_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("t.csv");
        std::fs::write(&old, "doc_id,x\na,\"1\n2\"\nb,old\nb,old2\nz,\"q,\"\"r\"\"\"\n").unwrap();
        let changed: BTreeSet<String> = ["b", "c"].map(String::from).into();
        let fresh = vec![
            ("b".to_string(), vec![vec!["b".to_string(), "new".into()]]),
            ("c".into(), vec![vec!["c".into(), "x, y".into()]]),
        ];
        csv(&old, &old, &changed, &fresh).unwrap();
        assert_eq!(
            std::fs::read_to_string(&old).unwrap(),
            "doc_id,x\na,\"1\n2\"\nb,new\nc,\"x, y\"\nz,\"q,\"\"r\"\"\"\n"
        );
    }
}
