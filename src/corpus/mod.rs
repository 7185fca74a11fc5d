//! The corpus reader: finds input files, names them, and turns their bytes into text.
//!
//! This is one of the few modules that touch the filesystem. Discovery is
//! deterministic (sorted by document id, then path) and never fails as a whole:
//! an unreadable directory or a symlink loop becomes a [`Failure`] in the
//! report, and the rest of the corpus goes on. Nothing is dropped in silence:
//! every file under a folder is either taken or [`Skipped`] with its reason
//! (unsupported type, hidden, backup; see [`classify`]).
//!
//! **Document ids** ([`discover_all`]) are the path relative to the argument that
//! found the file, without its extension, `/`-separated on every OS:
//! `kehoach ingest corpus/` over `corpus/hanoi/kehoach.txt` gives `hanoi/kehoach`;
//! a flat folder gives the file stem, as before; a file given by name gives its
//! stem. Two files of one folder with the same stem (`kehoach.txt`, `kehoach.md`):
//! the one whose extension comes first in [`TAKEN`] keeps the stem, the others
//! keep their extension (`kehoach.md`). Two arguments yielding one id: the first
//! argument keeps it, the next gets `id~2` (then `~3` …) and a warning
//! ([`Renamed`]). Limits: an id depends on the argument (`ingest corpus` and
//! `ingest corpus/hanoi` name a file differently); the index keeps ids unique
//! against documents already indexed (see `index::update_with`).

mod decode;
pub mod formats;
pub mod intake;
pub mod legacy;

pub use decode::{decode, Decoded};

use crate::error::Error;
use crate::record::DocId;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SourceFile {
    /// Document id: the path relative to the argument that found it, without extension (see the module doc).
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

/// Extensions read when walking a directory, in order of preference: when two
/// files of one folder share a stem, the first extension here keeps the bare stem
/// as id. Add a format here (and its reader) to take it.
pub const TAKEN: [&str; 8] = formats::EXTENSIONS;

/// Why a file found under a folder is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// An extension kehoach does not read (`pdf`), or none (empty string).
    Unsupported(String),
    /// A name starting with `.` (`.hidden.txt`).
    Hidden,
    /// A directory whose name starts with `.` (`.git/`): nothing under it is read.
    HiddenDir,
    /// An editor backup, lock or temporary file (`kehoach.txt~`, `x.bak`, `.tmp`, `#x#`, `.swp`, `~$x.docx`).
    Backup,
    /// Not a regular file (a socket, a FIFO, a device).
    NotAFile,
}

impl Skip {
    /// A short key for counting: `unsupported`, `hidden`, `backup`, `not a file`.
    pub fn key(&self) -> &'static str {
        match self {
            Skip::Unsupported(_) => "unsupported",
            Skip::Hidden | Skip::HiddenDir => "hidden",
            Skip::Backup => "backup",
            Skip::NotAFile => "not a file",
        }
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Unsupported(e) if e.is_empty() => write!(f, "unsupported type (no extension)"),
            Skip::Unsupported(e) => write!(f, "unsupported type (.{e})"),
            Skip::Hidden => write!(f, "hidden file"),
            Skip::HiddenDir => write!(f, "hidden directory (nothing under it is read)"),
            Skip::Backup => write!(f, "backup or temporary file"),
            Skip::NotAFile => write!(f, "not a regular file"),
        }
    }
}

/// A file (or hidden directory) found under a folder and not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path as found.
    pub path: PathBuf,
    /// Why.
    pub why: Skip,
}

/// A file whose id was taken by another file: it got `id~N` instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// The file.
    pub path: PathBuf,
    /// The id the rule gives it.
    pub wanted: String,
    /// The id it got.
    pub id: String,
    /// The file (or indexed document's source) holding `wanted`.
    pub taken_by: String,
}

/// What a file found under a folder (or given by name) is to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// Read it.
    Taken,
    /// Do not read it, for this reason.
    Skipped(Skip),
}

/// THE decision on which files are read, from the name alone: hidden names first,
/// then backups, then the extension ([`TAKEN`], case-insensitive).
/// `plan.txt` → taken; `.plan.txt` → hidden; `plan.txt~`, `plan.bak` → backup;
/// `plan.pdf` → unsupported (.pdf).
pub fn classify(path: &Path) -> Class {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with('.') {
        return Class::Skipped(Skip::Hidden);
    }
    let ext = extension(path);
    let backup = name.ends_with('~')
        || name.starts_with("~$")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || ["bak", "tmp", "swp", "swo"].contains(&ext.as_str());
    if backup {
        return Class::Skipped(Skip::Backup);
    }
    if TAKEN.contains(&ext.as_str()) {
        Class::Taken
    } else {
        Class::Skipped(Skip::Unsupported(ext))
    }
}

/// Lowercased extension, empty when none.
fn extension(p: &Path) -> String {
    p.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// Everything discovery found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files to read, sorted by id (ids unique).
    pub files: Vec<SourceFile>,
    /// Paths that could not be listed or do not exist.
    pub failures: Vec<Failure>,
    /// Files (and hidden directories) not read, with the reason, in path order.
    pub skipped: Vec<Skipped>,
    /// Files whose id was taken by another file (they got `id~N`).
    pub renamed: Vec<Renamed>,
    /// Arguments that could be read (an existing file, a directory that could be listed):
    /// a run where this is 0 has read nothing.
    pub readable_args: usize,
}

/// Find the input files under `paths` (see [`discover_all`]): the files and the failures.
pub fn discover(paths: &[PathBuf]) -> (Vec<SourceFile>, Vec<Failure>) {
    let d = discover_all(paths);
    (d.files, d.failures)
}

/// A file found, before its id is settled.
struct Found {
    /// Index of the argument that found it.
    arg: usize,
    path: PathBuf,
    /// Relative path without extension, `/`-joined.
    base: String,
}

/// Find the input files under `paths`: a file given by name is always taken (the
/// reader says what is wrong with it); directories are walked recursively and each
/// file is [`classify`]'d. Ids follow the rule of the module doc. The same file
/// reached twice (two overlapping arguments) is read once, under the first argument.
pub fn discover_all(paths: &[PathBuf]) -> Discovery {
    let mut d = Discovery::default();
    let mut found = Vec::new();
    let mut seen_dirs = HashSet::new();
    for (arg, p) in paths.iter().enumerate() {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                if walk(p, p, arg, &mut found, &mut d, &mut seen_dirs) {
                    d.readable_args += 1;
                }
            }
            Ok(_) => {
                d.readable_args += 1;
                found.push(Found { arg, path: p.clone(), base: stem(p) })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                d.failures.push(Failure { path: p.clone(), error: Error::MissingInput(p.clone()) })
            }
            Err(e) => d.failures.push(Failure { path: p.clone(), error: Error::Io { path: p.clone(), source: e } }),
        }
    }
    // One file reached twice: the first argument's.
    let mut seen_files = HashSet::new();
    let mut resolver = Resolver::default();
    found.retain(|f| seen_files.insert(resolver.file(&f.path)));
    let (files, renamed) = settle_ids(found);
    d.files = files;
    d.renamed = renamed;
    d.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    d
}

/// The file stem.
fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The id rule (module doc): one folder's same-stem files keep their extension but the
/// preferred one; then ids still shared get `~N` by argument order, then path.
fn settle_ids(found: Vec<Found>) -> (Vec<SourceFile>, Vec<Renamed>) {
    // Same folder (canonical when possible) and same base: the same-stem rule.
    let mut groups: BTreeMap<(PathBuf, String), Vec<usize>> = BTreeMap::new();
    let mut resolver = Resolver::default();
    for (i, f) in found.iter().enumerate() {
        let parent = resolver.file(&f.path).parent().map(Path::to_path_buf).unwrap_or_default();
        groups.entry((parent, f.base.clone())).or_default().push(i);
    }
    let mut wanted: Vec<String> = found.iter().map(|f| f.base.clone()).collect();
    for members in groups.values().filter(|m| m.len() > 1) {
        let rank = |i: usize| {
            let e = extension(&found[i].path);
            (TAKEN.iter().position(|t| *t == e).unwrap_or(TAKEN.len()), found[i].path.clone())
        };
        let keep = *members.iter().min_by_key(|&&i| rank(i)).expect("non-empty group");
        for &i in members.iter().filter(|&&i| i != keep) {
            let ext = found[i].path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            wanted[i] = format!("{}.{ext}", found[i].base);
        }
    }
    // Ids still shared: the first by (argument, path) keeps it.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by(|&a, &b| (found[a].arg, &found[a].path).cmp(&(found[b].arg, &found[b].path)));
    let mut taken: HashSet<String> = wanted.iter().cloned().collect();
    let mut holder: HashMap<String, usize> = HashMap::new();
    let mut ids = wanted.clone();
    let mut renamed = Vec::new();
    for i in order {
        match holder.get(&wanted[i]) {
            None => {
                holder.insert(wanted[i].clone(), i);
            }
            Some(&first) => {
                let id = unique_id(&wanted[i], |c| taken.contains(c));
                taken.insert(id.clone());
                renamed.push(Renamed {
                    path: found[i].path.clone(),
                    wanted: wanted[i].clone(),
                    id: id.clone(),
                    taken_by: found[first].path.display().to_string(),
                });
                ids[i] = id;
            }
        }
    }
    let mut files: Vec<SourceFile> =
        found.into_iter().zip(ids).map(|(f, id)| SourceFile { id: DocId(id), path: f.path }).collect();
    files.sort();
    renamed.sort_by(|a, b| a.path.cmp(&b.path));
    (files, renamed)
}

/// `id~2`, `id~3` …: the first not `taken`.
pub fn unique_id(id: &str, taken: impl Fn(&str) -> bool) -> String {
    (2..).map(|n| format!("{id}~{n}")).find(|c| !taken(c)).expect("an unbounded range has a free id")
}

/// `rel` relative to the argument `root`, `/`-joined, the last part without extension.
fn relative_base(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if let Some(last) = parts.last_mut() {
        *last = stem(Path::new(last.as_str()));
    }
    parts.join("/")
}

fn walk(
    root: &Path,
    dir: &Path,
    arg: usize,
    found: &mut Vec<Found>,
    d: &mut Discovery,
    seen: &mut HashSet<PathBuf>,
) -> bool {
    let canon = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            d.failures
                .push(Failure { path: dir.to_path_buf(), error: Error::Io { path: dir.to_path_buf(), source: e } });
            return false;
        }
    };
    if !seen.insert(canon) {
        return true; // symlink loop or a directory reached twice
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            d.failures
                .push(Failure { path: dir.to_path_buf(), error: Error::Io { path: dir.to_path_buf(), source: e } });
            return false;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => {
                if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                    d.skipped.push(Skipped { path: p, why: Skip::HiddenDir });
                } else {
                    walk(root, &p, arg, found, d, seen);
                }
            }
            Ok(m) if m.is_file() => match classify(&p) {
                Class::Taken => found.push(Found { arg, base: relative_base(root, &p), path: p }),
                Class::Skipped(why) => d.skipped.push(Skipped { path: p, why }),
            },
            Ok(_) => d.skipped.push(Skipped { path: p, why: Skip::NotAFile }),
            Err(e) => d.failures.push(Failure { path: p.clone(), error: Error::Io { path: p.clone(), source: e } }),
        }
    }
    true
}

/// Exact duplicates: for each file whose bytes equal those of a file before it (in
/// the given order: by id), `(duplicate, original)` indices. `keys[i]` is a content
/// fingerprint of file `i` (None: unreadable, never a duplicate); equal keys are
/// confirmed byte for byte.
pub fn duplicates(files: &[SourceFile], keys: &[Option<String>]) -> Vec<(usize, usize)> {
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut out = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let Some(k) = k else { continue };
        let earlier = by_key.entry(k.as_str()).or_default();
        match earlier.iter().find(|&&j| same_bytes(&files[j].path, &files[i].path)) {
            Some(&j) => out.push((i, j)),
            None => earlier.push(i),
        }
    }
    out
}

/// Whether two files hold the same bytes (false when either cannot be read).
pub fn same_bytes(a: &Path, b: &Path) -> bool {
    match (std::fs::read(a), std::fs::read(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// [`resolve`] with the folders cached: a file is its resolved folder joined with its
/// name (a million files in a few folders cost a few `canonicalize` calls, not a million).
/// A symlink to a file is therefore matched by its own path, not its target.
#[derive(Debug, Default)]
pub struct Resolver {
    dirs: HashMap<PathBuf, PathBuf>,
}

impl Resolver {
    /// The resolved path of `p` (see [`resolve`]).
    pub fn file(&mut self, p: &Path) -> PathBuf {
        match (p.parent(), p.file_name()) {
            (Some(parent), Some(name)) => {
                let dir = self.dirs.entry(parent.to_path_buf()).or_insert_with(|| resolve(parent));
                dir.join(name)
            }
            _ => resolve(p),
        }
    }
}

/// An absolute path with every existing prefix resolved (symlinks, `.`, `..`): two
/// spellings of one file compare equal, even once the file (or its folder) is gone.
pub fn resolve(p: &Path) -> PathBuf {
    use std::path::Component;
    let p = if p.as_os_str().is_empty() { Path::new(".") } else { p }; // the parent of `x.txt`
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    // `.` and `..` lexically first (a `..` after a missing folder cannot be canonicalized).
    let mut abs_clean = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                abs_clean.pop();
            }
            c => abs_clean.push(c),
        }
    }
    let abs = abs_clean;
    let mut head = abs.clone();
    let mut tail = Vec::new();
    loop {
        if let Ok(c) = std::fs::canonicalize(&head) {
            return tail.iter().rev().fold(c, |acc: PathBuf, part: &std::ffi::OsString| acc.join(part));
        }
        match (head.file_name().map(|n| n.to_os_string()), head.parent()) {
            (Some(n), Some(parent)) => {
                tail.push(n);
                head = parent.to_path_buf();
            }
            _ => return abs,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(d: &Discovery) -> Vec<&str> {
        d.files.iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn classify_takes_text_and_names_what_it_skips() {
        assert_eq!(classify(Path::new("a/kehoach.txt")), Class::Taken);
        assert_eq!(classify(Path::new("a/KEHOACH.MD")), Class::Taken);
        assert_eq!(classify(Path::new("a/kehoach.docx")), Class::Taken);
        assert_eq!(classify(Path::new("a/kehoach.pdf")), Class::Taken);
        assert_eq!(classify(Path::new("a/.hidden.txt")), Class::Skipped(Skip::Hidden));
        for b in ["x.txt~", "x.bak", "x.tmp", "#x.txt#", "x.swp", "~$x.docx"] {
            assert_eq!(classify(Path::new(b)), Class::Skipped(Skip::Backup), "{b}");
        }
        assert_eq!(classify(Path::new("x.rtf")), Class::Skipped(Skip::Unsupported("rtf".into())));
        assert_eq!(classify(Path::new("LICENSE")), Class::Skipped(Skip::Unsupported(String::new())));
        assert_eq!(Skip::Unsupported("rtf".into()).to_string(), "unsupported type (.rtf)");
        // `#` alone at the start is a name, not an Emacs autosave.
        assert_eq!(classify(Path::new("#1.txt")), Class::Taken);
    }

    #[test]
    fn ids_are_relative_paths_unique_and_flat_folders_keep_stems() {
        let t = tempfile::tempdir().unwrap();
        let w = |rel: &str| {
            let p = t.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "x").unwrap();
        };
        for f in
            ["flat/a.txt", "flat/b.md", "dup/hanoi/kehoach.txt", "dup/hanoi/kehoach.md", "dup/haiphong/kehoach.txt"]
        {
            w(f);
        }
        let flat = discover_all(&[t.path().join("flat")]);
        assert_eq!(ids(&flat), ["a", "b"]);
        let dup = discover_all(&[t.path().join("dup")]);
        assert_eq!(ids(&dup), ["haiphong/kehoach", "hanoi/kehoach", "hanoi/kehoach.md"]);
        assert!(dup.renamed.is_empty());
        // Two arguments, one id: the first keeps it, the second gets ~2 and is named.
        let two = discover_all(&[t.path().join("dup/hanoi"), t.path().join("dup/haiphong")]);
        assert_eq!(ids(&two), ["kehoach", "kehoach.md", "kehoach~2"]);
        assert_eq!(two.renamed.len(), 1);
        assert_eq!(two.renamed[0].wanted, "kehoach");
        assert!(two.renamed[0].path.ends_with("haiphong/kehoach.txt"));
        // The same file twice is read once.
        let again = discover_all(&[t.path().join("flat"), t.path().join("flat/a.txt")]);
        assert_eq!(ids(&again), ["a", "b"]);
    }

    #[test]
    fn skipped_files_are_listed_with_a_reason() {
        let t = tempfile::tempdir().unwrap();
        for f in ["p.txt", "p.rtf", ".h.txt", "p.txt~", ".git/x.txt"] {
            let p = t.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "x").unwrap();
        }
        let d = discover_all(&[t.path().to_path_buf()]);
        assert_eq!(ids(&d), ["p"]);
        let why: Vec<(String, &str)> = d
            .skipped
            .iter()
            .map(|s| (s.path.file_name().unwrap().to_string_lossy().into_owned(), s.why.key()))
            .collect();
        assert_eq!(
            why,
            [
                (".git".to_string(), "hidden"),
                (".h.txt".to_string(), "hidden"),
                ("p.rtf".to_string(), "unsupported"),
                ("p.txt~".to_string(), "backup")
            ]
        );
        // Given by name, a hidden file is taken.
        assert_eq!(ids(&discover_all(&[t.path().join(".h.txt")])), [".h"]);
    }

    #[test]
    fn duplicates_are_confirmed_byte_for_byte() {
        let t = tempfile::tempdir().unwrap();
        let mk = |n: &str, b: &str| {
            let p = t.path().join(n);
            std::fs::write(&p, b).unwrap();
            SourceFile { id: DocId(n.into()), path: p }
        };
        let files = [mk("a", "same"), mk("b", "other"), mk("c", "same"), mk("d", "diff")];
        // d has a colliding key but other bytes: not a duplicate.
        let keys = ["k1", "k2", "k1", "k1"].map(|k| Some(k.to_string()));
        assert_eq!(duplicates(&files, &keys), [(2, 0)]);
    }

    #[test]
    fn resolve_matches_two_spellings_even_when_gone() {
        let t = tempfile::tempdir().unwrap();
        std::fs::create_dir(t.path().join("a")).unwrap();
        assert_eq!(resolve(&t.path().join("a/./gone/x.txt")), resolve(&t.path().join("a/gone/../gone/x.txt")));
        assert_ne!(resolve(&t.path().join("a/x.txt")), resolve(&t.path().join("b/x.txt")));
        // A bare file name is in the working directory (its parent is the empty path).
        assert_eq!(
            Resolver::default().file(Path::new("x.txt")),
            std::env::current_dir().unwrap().canonicalize().unwrap().join("x.txt")
        );
    }
}
