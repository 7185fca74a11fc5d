//! `kehoach extract --stdin`: the batch contract for engines that pipe a partition through a
//! process (Spark `RDD.pipe`, Ray `map_batches`, Slurm arrays, GNU parallel).
//!
//! **Input**, one item a line on standard input:
//! - `{"id": "hanoi/kh-12", "path": "/data/hanoi/kh-12.docx"}`: a file (`id` optional: the file
//!   stem, as `kehoach extract FILE` gives);
//! - `{"id": "kh-12", "text": "ỦY BAN NHÂN DÂN …"}`: the text itself (`id` required);
//! - a plain path, the whole line.
//!
//! A JSON request may add `"source"`: the name the record gives as its `source` instead of the
//! path (an engine that copied a file from HDFS or S3 to a local temporary file names the
//! original, `{"id": "kh-12", "path": "/tmp/x/kh-12.docx", "source": "s3a://plans/kh-12.docx"}`).
//!
//! **Output**: exactly one JSON line per input line, in input order, on standard output: the
//! record `kehoach extract` writes for that file, byte for byte (with the given `id`); or, for
//! a line that fails (unreadable file, bad JSON, a directory), an error record
//! `{"schema_version", "line", "id", "source", "error"}`. Never a missing line. The summary
//! goes to standard error. The exit code is 0 whenever every line got its output line (error
//! records included: an engine would otherwise fail the whole partition), 2 when the output
//! could not be written.
//!
//! Parallel like `extract` (`--threads`), through the same seam (`pipeline::for_each_ordered`).

use super::Status;
use crate::cli::summary::Summary;
use crate::corpus::SourceFile;
use crate::pipeline::{self, Config};
use crate::record::DocId;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

/// An input line that could not become an item.
#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    schema_version: u32,
    /// 1-based line number of the input.
    line: usize,
    id: Option<&'a str>,
    source: Option<&'a str>,
    error: &'a str,
}

/// What one input line asks for.
enum Item {
    /// One of the files to extract (they are in line order).
    File,
    /// The line's error record (line number, id, source, message).
    Bad(Option<String>, Option<String>, String),
}

#[derive(serde::Deserialize)]
struct Request {
    id: Option<String>,
    path: Option<String>,
    text: Option<String>,
    source: Option<String>,
}

/// A line's file and the `source` its request names, if any.
type Parsed = (SourceFile, Option<String>);

/// The file (or text) a line names.
fn parse_line(
    line: &str,
    n: usize,
    texts: &mut HashMap<PathBuf, String>,
) -> Result<Parsed, (Option<String>, Option<String>, String)> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim_start().starts_with('{') {
        let req: Request = serde_json::from_str(line).map_err(|e| (None, None, format!("not a JSON request: {e}")))?;
        let source = req.source;
        match (req.path, req.text) {
            (Some(_), Some(_)) => Err((req.id, source, "give \"path\" or \"text\", not both".into())),
            (Some(p), None) => match file(&p, req.id) {
                Ok(f) => Ok((f, source)),
                Err((id, s, e)) => Err((id, source.or(s), e)),
            },
            (None, Some(t)) => {
                let Some(id) = req.id.filter(|i| !i.is_empty()) else {
                    return Err((None, None, "a \"text\" request needs an \"id\"".into()));
                };
                // a name no file has, so that the text is found by it
                let path = PathBuf::from(format!("<stdin line {n}>"));
                texts.insert(path.clone(), t);
                Ok((SourceFile { id: DocId(id), path }, source))
            }
            (None, None) => Err((req.id, source, "a request needs \"path\" or \"text\"".into())),
        }
    } else if line.trim().is_empty() {
        Err((None, None, "empty line".into()))
    } else {
        file(line, None).map(|f| (f, None))
    }
}

/// A file given by name: its id is its stem unless the request gives one.
fn file(p: &str, id: Option<String>) -> Result<SourceFile, (Option<String>, Option<String>, String)> {
    let path = PathBuf::from(p);
    if path.is_dir() {
        return Err((id, Some(p.into()), "a directory: give one file a line".into()));
    }
    let (mut files, failures) = crate::corpus::discover(std::slice::from_ref(&path));
    if let Some(f) = failures.into_iter().next() {
        return Err((id, Some(p.into()), f.error.to_string()));
    }
    match files.pop() {
        Some(mut f) if files.is_empty() => {
            if let Some(id) = id.filter(|i| !i.is_empty()) {
                f.id = DocId(id);
            }
            Ok(f)
        }
        _ => Err((id, Some(p.into()), "not a file kehoach reads (see the README's Formats)".into())),
    }
}

/// Run the batch contract over standard input.
pub fn run(cfg: &Config) -> anyhow::Result<Status> {
    let mut texts: HashMap<PathBuf, String> = HashMap::new();
    let mut files: Vec<SourceFile> = Vec::new();
    let mut sources: Vec<Option<String>> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let stdin = std::io::stdin();
    for (i, line) in stdin.lock().lines().enumerate() {
        let line = line.map_err(|e| anyhow::anyhow!("reading standard input: {e}"))?;
        match parse_line(&line, i + 1, &mut texts) {
            Ok((f, source)) => {
                files.push(f);
                sources.push(source);
                items.push(Item::File);
            }
            Err((id, source, error)) => items.push(Item::Bad(id, source, error)),
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut sum = Summary::begin(items.len(), 0);
    let mut failed = 0usize;
    let mut next = 0usize; // the next input line to write
                           // error records of the lines before file `k` are written before its record
    let write_bad = |out: &mut dyn Write, upto: usize, next: &mut usize, failed: &mut usize| -> anyhow::Result<()> {
        while *next < upto {
            if let Item::Bad(id, source, error) = &items[*next] {
                let e = ErrorLine {
                    schema_version: crate::SCHEMA_VERSION,
                    line: *next + 1,
                    id: id.as_deref(),
                    source: source.as_deref(),
                    error,
                };
                serde_json::to_writer(&mut *out, &e)?;
                out.write_all(b"\n")?;
                *failed += 1;
            }
            *next += 1;
        }
        Ok(())
    };
    let line_of: Vec<usize> =
        items.iter().enumerate().filter_map(|(line, it)| matches!(it, Item::File).then_some(line)).collect();
    let mut k = 0usize;
    let job = |f: &SourceFile, cfg: &Config| match texts.get(&f.path) {
        Some(t) => Ok(pipeline::process_text(f, t, 0, Vec::new(), cfg)),
        None => pipeline::process_one(f, cfg),
    };
    pipeline::for_each_ordered(&files, cfg, job, |r| -> anyhow::Result<()> {
        let line = line_of[k];
        k += 1;
        write_bad(&mut out, line, &mut next, &mut failed)?;
        match r {
            Ok(mut rec) => {
                if let Some(s) = &sources[k - 1] {
                    rec.source.clone_from(s);
                }
                serde_json::to_writer(&mut out, &rec)?;
                out.write_all(b"\n")?;
                sum.add(&rec);
            }
            Err(f) => {
                let source = sources[k - 1].clone().unwrap_or_else(|| f.path.display().to_string());
                let error = f.error.to_string();
                let e = ErrorLine {
                    schema_version: crate::SCHEMA_VERSION,
                    line: line + 1,
                    id: Some(files[k - 1].id.as_str()),
                    source: Some(&source),
                    error: &error,
                };
                serde_json::to_writer(&mut out, &e)?;
                out.write_all(b"\n")?;
                failed += 1;
            }
        }
        next = line + 1;
        Ok(())
    })?;
    write_bad(&mut out, items.len(), &mut next, &mut failed)?;
    out.flush()?;
    let mut s = sum.finish();
    s.failed = failed;
    eprint!("{}", s.render_failures(&[]));
    if failed > 0 {
        eprintln!("{failed} line(s) gave an error record");
    }
    Ok(Status::Ok)
}
