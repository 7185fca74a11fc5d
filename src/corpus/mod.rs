//! The corpus reader: finds input files and turns their bytes into text.
//!
//! This is one of the few modules that touch the filesystem. Discovery is
//! deterministic (sorted by document id, then path) and never fails as a whole:
//! an unreadable directory or a symlink loop becomes a [`Failure`] in the
//! report, and the rest of the corpus goes on.

mod decode;
pub mod formats;
pub mod legacy;

pub use decode::{decode, Decoded};

use crate::error::Error;
use crate::record::DocId;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// File stem.
    pub id: DocId,
    /// Path as found.
    pub path: PathBuf,
}

/// A file or directory that could not be processed, with the reason.
#[derive(Debug)]
pub struct Failure {
    /// The path.
    pub path: PathBuf,
    /// What went wrong.
    pub error: Error,
}

/// Extensions read when walking a directory (see [`formats::EXTENSIONS`]).
const EXTENSIONS: [&str; 8] = formats::EXTENSIONS;

/// Find the input files under `paths` (files are taken as given; directories are
/// walked recursively for the extensions of [`formats::EXTENSIONS`]). Sorted by id, then path.
pub fn discover(paths: &[PathBuf]) -> (Vec<SourceFile>, Vec<Failure>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    let mut seen_dirs = HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut failures, &mut seen_dirs),
            Ok(_) => files.push(source(p)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                failures.push(Failure { path: p.clone(), error: Error::MissingInput(p.clone()) })
            }
            Err(e) => failures.push(Failure { path: p.clone(), error: Error::Io { path: p.clone(), source: e } }),
        }
    }
    files.sort();
    files.dedup();
    (files, failures)
}

fn source(p: &Path) -> SourceFile {
    let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    SourceFile { id: DocId(stem), path: p.to_path_buf() }
}

fn walk(dir: &Path, files: &mut Vec<SourceFile>, failures: &mut Vec<Failure>, seen: &mut HashSet<PathBuf>) {
    let canon = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            failures.push(Failure { path: dir.to_path_buf(), error: Error::Io { path: dir.to_path_buf(), source: e } });
            return;
        }
    };
    if !seen.insert(canon) {
        return; // symlink loop or a directory reached twice
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            failures.push(Failure { path: dir.to_path_buf(), error: Error::Io { path: dir.to_path_buf(), source: e } });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, files, failures, seen),
            Ok(m) if m.is_file() => {
                let ext = p.extension().map(|e| e.to_string_lossy().to_lowercase());
                if ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str())) {
                    files.push(source(&p));
                }
            }
            Ok(_) => {}
            Err(e) => failures.push(Failure { path: p.clone(), error: Error::Io { path: p.clone(), source: e } }),
        }
    }
}

/// Read and decode one file.
pub fn read(f: &SourceFile) -> Result<Decoded, Error> {
    read_limited(f, u64::MAX)
}

/// Refuse a text with a line longer than `max` bytes (the first such line is named).
pub fn check_lines(path: &Path, text: &str, max: usize) -> Result<(), Error> {
    if text.len() <= max {
        return Ok(());
    }
    // CR alone ends a line too (old Mac files).
    let Some(l) = text.split(['\n', '\r']).find(|l| l.len() > max) else {
        return Ok(());
    };
    let before = &text.as_bytes()[..l.as_ptr() as usize - text.as_ptr() as usize];
    let breaks =
        before.iter().enumerate().filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')));
    Err(Error::LineTooLong { path: path.into(), line: breaks.count() + 1, bytes: l.len(), max })
}

/// Read and decode one file of at most `max` bytes.
pub fn read_limited(f: &SourceFile, max: u64) -> Result<Decoded, Error> {
    decode(&f.path, &read_bytes(f, max)?)
}

/// The raw bytes of one file of at most `max` bytes.
pub fn read_bytes(f: &SourceFile, max: u64) -> Result<Vec<u8>, Error> {
    let size = std::fs::metadata(&f.path).map_err(|e| Error::Io { path: f.path.clone(), source: e })?.len();
    if size > max {
        return Err(Error::TooLarge { path: f.path.clone(), size, max });
    }
    std::fs::read(&f.path).map_err(|e| Error::Io { path: f.path.clone(), source: e })
}
