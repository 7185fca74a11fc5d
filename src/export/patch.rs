//! Patching an output sorted by document id: the lines (JSON Lines) or CSV records of the
//! documents a run changed are replaced, the others copied byte for byte. `ingest` uses it so
//! that a rerun that changed 1% of the documents rewrites its outputs in a pass over the old
//! files instead of reading every record from the index; the result is the bytes a full
//! rewrite gives (`tests/ingest_cases.rs` checks it).
//!
//! Both functions write `out` through a temporary file renamed into place, so a run killed
//! mid-way leaves the old file whole.

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

/// The new entries of the changed documents, in id order: (id, its lines or rows).
pub(crate) type Fresh<T> = [(String, Vec<T>)];

fn temp_of(out: &Path) -> std::path::PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.patch.tmp"))
}

#[derive(serde::Deserialize)]
struct IdOnly<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
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

/// Bytes read from the old file at a time.
const CHUNK: usize = 4 << 20;

/// How one output's records are cut and named.
struct Shape {
    /// Records before the first document's (a CSV header).
    header: bool,
    /// The length of the record at the start of the bytes, its terminator included; None when
    /// the bytes hold no whole record yet.
    end_of: fn(&[u8]) -> Option<usize>,
    /// The document id of a record (without its terminator), or what is wrong with it.
    id_of: for<'a> fn(&'a [u8]) -> std::result::Result<Cow<'a, str>, String>,
}

/// The patch itself: records are found in the old file chunk by chunk, runs of unchanged
/// records are copied as one slice, and only the records of `changed` ids are cut out.
fn patch_records(
    old: &Path,
    out: &Path,
    changed: &BTreeSet<String>,
    fresh: &Fresh<Vec<u8>>,
    shape: Shape,
    mut dropped: impl FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    let mut r = File::open(old).map_err(|e| Error::Io { path: old.to_path_buf(), source: e })?;
    let tmp = temp_of(out);
    let f = File::create(&tmp).map_err(|e| Error::Create { path: tmp.clone(), source: e })?;
    let mut w = BufWriter::with_capacity(1 << 20, f);
    let write = |w: &mut BufWriter<File>, b: &[u8]| w.write_all(b).map_err(|e| Error::write(&tmp, e));
    let mut next = fresh.iter().peekable();
    let changed: rustc_hash::FxHashSet<&str> = changed.iter().map(String::as_str).collect(); // 1 lookup per record
    let (mut buf, mut pos, mut span, mut eof) = (Vec::with_capacity(2 * CHUNK), 0usize, 0usize, false);
    let mut headers_left = usize::from(shape.header);
    loop {
        let rest = &buf[pos..];
        let len = match (shape.end_of)(rest) {
            Some(len) => len,
            None if eof && !rest.is_empty() => rest.len(), // a last record without its terminator
            None if eof => break,
            None => {
                write(&mut w, &buf[span..pos])?;
                buf.drain(..pos);
                (pos, span) = (0, 0);
                let have = buf.len();
                buf.resize(have + CHUNK, 0);
                let n = r.read(&mut buf[have..]).map_err(|e| Error::Io { path: old.to_path_buf(), source: e })?;
                buf.truncate(have + n);
                eof = n == 0;
                continue;
            }
        };
        if headers_left > 0 {
            headers_left -= 1;
            pos += len;
            continue;
        }
        let record = &buf[pos..pos + len];
        let body = record.strip_suffix(b"\n").unwrap_or(record);
        let id = (shape.id_of)(body).map_err(|reason| Error::Decode { path: old.to_path_buf(), reason })?;
        while let Some((fid, lines)) = next.peek() {
            if fid.as_str() >= &*id {
                break;
            }
            write(&mut w, &buf[span..pos])?;
            span = pos;
            for l in lines {
                write(&mut w, l)?;
            }
            next.next();
        }
        if changed.contains(&*id) {
            write(&mut w, &buf[span..pos])?;
            dropped(body)?;
            span = pos + len;
        }
        pos += len;
    }
    write(&mut w, &buf[span..pos])?;
    for (_, lines) in next {
        for l in lines {
            write(&mut w, l)?;
        }
    }
    // No fsync: like a full rewrite, the file is renamed into place once written, so a killed
    // run leaves the old file whole (and `ingest`'s state file marks it as not matching).
    w.into_inner().map_err(|e| Error::write(&tmp, e.into_error()))?;
    std::fs::rename(&tmp, out).map_err(|e| Error::Move { from: tmp.to_path_buf(), to: out.to_path_buf(), source: e })
}

/// Patch a JSON Lines file whose objects have an `id` and are sorted by it: the lines of
/// `changed` ids go (each is handed to `dropped`), the `fresh` lines (without their newline)
/// come in at their place. The first error (of the files, or of `dropped`) stops and is returned.
pub fn jsonl(
    old: &Path,
    out: &Path,
    changed: &BTreeSet<String>,
    fresh: &Fresh<Vec<u8>>,
    dropped: impl FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
    let lines: Vec<(String, Vec<Vec<u8>>)> = fresh
        .iter()
        .map(|(id, ls)| (id.clone(), ls.iter().map(|l| [l.as_slice(), b"\n"].concat()).collect()))
        .collect();
    let shape = Shape { header: false, end_of: |b| memchr::memchr(b'\n', b).map(|i| i + 1), id_of: jsonl_id };
    patch_records(old, out, changed, &lines, shape, dropped)
}

fn jsonl_id(line: &[u8]) -> std::result::Result<Cow<'_, str>, String> {
    match leading_id(line) {
        Some(id) => Ok(Cow::Borrowed(id)),
        None => serde_json::from_slice::<IdOnly>(line)
            .map(|x| Cow::Owned(x.id.into_owned()))
            .map_err(|e| format!("a line without an id: {e}")),
    }
}

/// The length of the CSV record at the start of `b` (through its `\n`, which a quoted field
/// may contain), or None when `b` holds no whole record.
fn csv_record_end(b: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for i in memchr::memchr2_iter(b'"', b'\n', b) {
        if b[i] == b'"' {
            quoted = !quoted; // a doubled quote inside a field flips twice
        } else if !quoted {
            return Some(i + 1);
        }
    }
    None
}

/// The first field of a CSV record, unquoted.
fn csv_first_field(rec: &[u8]) -> Cow<'_, str> {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match rec.strip_prefix(b"\"") {
        Some(q) => {
            let mut out = Vec::new();
            let mut i = 0;
            while i < q.len() {
                match (q[i], q.get(i + 1)) {
                    (b'"', Some(b'"')) => {
                        out.push(b'"');
                        i += 2;
                    }
                    (b'"', _) => break,
                    (c, _) => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            Cow::Owned(text(&out))
        }
        None => {
            let end = memchr::memchr(b',', rec).unwrap_or(rec.len());
            match std::str::from_utf8(&rec[..end]) {
                Ok(s) => Cow::Borrowed(s),
                Err(_) => Cow::Owned(text(&rec[..end])),
            }
        }
    }
}

/// Patch a CSV table (header, then records sorted by the document id in the first column, as
/// `export csv` writes it without `--excel`): the records of `changed` ids go, the `fresh` rows
/// come in at their place; every other record is copied byte for byte.
pub fn csv(old: &Path, out: &Path, changed: &BTreeSet<String>, fresh: &Fresh<Vec<String>>) -> Result<()> {
    let tmp = temp_of(out);
    let mut rows: Vec<(String, Vec<Vec<u8>>)> = Vec::with_capacity(fresh.len());
    for (id, rs) in fresh {
        let mut bytes = Vec::with_capacity(rs.len());
        for row in rs {
            let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
            w.write_record(row).map_err(|e| Error::write(&tmp, e))?;
            bytes.push(w.into_inner().map_err(|e| Error::write(&tmp, e.into_error()))?);
        }
        rows.push((id.clone(), bytes));
    }
    let shape = Shape { header: true, end_of: csv_record_end, id_of: |r| Ok(csv_first_field(r)) };
    patch_records(old, out, changed, &rows, shape, |_| Ok(()))
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
    fn records_across_read_chunks_are_cut_whole() {
        // More than one chunk of lines and of CSV records with quoted line breaks.
        let dir = tempfile::tempdir().unwrap();
        let ids: Vec<String> = (0..120_000).map(|i| format!("d{i:06}")).collect();
        let line = |id: &str, v: u32| format!("{{\"id\":\"{id}\",\"pad\":\"{}\",\"v\":{v}}}", "x".repeat(60));
        let old = dir.path().join("d.jsonl");
        std::fs::write(&old, ids.iter().map(|id| line(id, 1) + "\n").collect::<String>()).unwrap();
        assert!(std::fs::metadata(&old).unwrap().len() > 2 * CHUNK as u64);
        let changed: BTreeSet<String> = ids.iter().step_by(997).cloned().collect();
        let fresh: Vec<(String, Vec<Vec<u8>>)> =
            changed.iter().map(|id| (id.clone(), vec![line(id, 2).into_bytes()])).collect();
        jsonl(&old, &old, &changed, &fresh, |_| Ok(())).unwrap();
        let want: String = ids.iter().map(|id| line(id, if changed.contains(id) { 2 } else { 1 }) + "\n").collect();
        assert!(std::fs::read_to_string(&old).unwrap() == want, "jsonl");
        let row = |id: &str, v: &str| format!("{id},\"a\nb \"\"{v}\"\"\",{}\n", "y".repeat(30));
        let old = dir.path().join("t.csv");
        let body: String = ids.iter().map(|id| row(id, "old")).collect();
        std::fs::write(&old, format!("doc_id,x,pad\n{body}")).unwrap();
        let fresh: Vec<(String, Vec<Vec<String>>)> = changed
            .iter()
            .map(|id| (id.clone(), vec![vec![id.clone(), "a\nb \"new\"".into(), "y".repeat(30)]]))
            .collect();
        csv(&old, &old, &changed, &fresh).unwrap();
        let want: String = ids.iter().map(|id| row(id, if changed.contains(id) { "new" } else { "old" })).collect();
        assert!(std::fs::read_to_string(&old).unwrap() == format!("doc_id,x,pad\n{want}"), "csv");
    }

    #[test]
    fn csv_first_fields_and_record_ends() {
        assert_eq!(csv_first_field(b"abc,def"), "abc");
        assert_eq!(csv_first_field(b"\"a,\"\"b\"\"\",x"), "a,\"b\"");
        assert_eq!(csv_first_field(b"solo"), "solo");
        assert_eq!(csv_record_end(b"a,\"x\ny\"\nb,c\n"), Some(8));
        assert_eq!(csv_record_end(b"a,\"x\ny"), None);
        assert_eq!(csv_record_end(b"a,\"\"\"\"\nz"), Some(7));
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
