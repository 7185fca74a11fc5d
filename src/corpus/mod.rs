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
pub(crate) mod formats;
pub(crate) mod intake;
pub(crate) mod legacy;

pub use decode::{decode, Decoded};

use crate::error::Error;
use crate::record::DocId;
use std::collections::{HashMap, HashSet};
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
pub(crate) const TAKEN: [&str; 8] = formats::EXTENSIONS;

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
    pub(crate) fn key(&self) -> &'static str {
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
pub(crate) enum Class {
    /// Read it.
    Taken,
    /// Do not read it, for this reason.
    Skipped(Skip),
}

/// THE decision on which files are read, from the name alone: hidden names first,
/// then backups, then the extension ([`TAKEN`], case-insensitive).
/// `plan.txt` → taken; `.plan.txt` → hidden; `plan.txt~`, `plan.bak` → backup;
/// `plan.pdf` → unsupported (.pdf).
pub(crate) fn classify(path: &Path) -> Class {
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

/// The resolved folders of the files found, numbered: a file's resolved path is its folder's
/// and its name, so (folder, name) pairs compare as resolved paths do, without building them.
#[derive(Default)]
struct Folders(rustc_hash::FxHashMap<PathBuf, u32>);

impl Folders {
    fn number(&mut self, resolved: PathBuf) -> u32 {
        let n = self.0.len() as u32;
        *self.0.entry(resolved).or_insert(n)
    }
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
    /// Its folder, resolved ([`resolve`]), as an index into [`Folders`].
    folder: u32,
    path: PathBuf,
    /// Relative path without extension, `/`-joined.
    base: String,
}

/// Find the input files under `paths`: a file given by name is always taken (the
/// reader says what is wrong with it); directories are walked recursively and each
/// file is [`classify`]'d. Ids follow the rule of the module doc. The same file
/// reached twice (two overlapping arguments) is read once, under the first argument.
pub(crate) fn discover_all(paths: &[PathBuf]) -> Discovery {
    let mut d = Discovery::default();
    let mut found = Vec::new();
    let mut seen_dirs = HashSet::new();
    let mut folders = Folders::default();
    let mut named_files = false;
    for (arg, p) in paths.iter().enumerate() {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut w =
                    Walk { root: p, arg, found: &mut found, d: &mut d, seen: &mut seen_dirs, folders: &mut folders };
                if w.walk(p) {
                    d.readable_args += 1;
                }
            }
            Ok(_) => {
                d.readable_args += 1;
                named_files = true;
                let folder = folders.number(resolve(p.parent().unwrap_or(Path::new(""))));
                found.push(Found { arg, folder, path: p.clone(), base: stem(p) })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                d.failures.push(Failure { path: p.clone(), error: Error::MissingInput(p.clone()) })
            }
            Err(e) => d.failures.push(Failure { path: p.clone(), error: Error::Io { path: p.clone(), source: e } }),
        }
    }
    // One file reached twice: the first argument's. A folder is walked once, so only a file
    // given by name can be reached again.
    if named_files {
        let mut seen_files = rustc_hash::FxHashSet::default();
        let keep: Vec<bool> =
            found.iter().map(|f| seen_files.insert((f.folder, f.path.file_name().unwrap_or_default()))).collect();
        let mut keep = keep.into_iter();
        found.retain(|_| keep.next().unwrap_or(true));
    }
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
    // Same folder (resolved) and same base: the same-stem rule. Most files share their base
    // with no other: only the second file of a pair starts a group.
    let mut first_of: rustc_hash::FxHashMap<(u32, &str), usize> = Default::default();
    first_of.reserve(found.len());
    let mut groups: rustc_hash::FxHashMap<usize, Vec<usize>> = Default::default();
    for (i, f) in found.iter().enumerate() {
        let first = *first_of.entry((f.folder, f.base.as_str())).or_insert(i);
        if first != i {
            groups.entry(first).or_insert_with(|| vec![first]).push(i);
        }
    }
    drop(first_of);
    let mut wanted: Vec<Option<String>> = vec![None; found.len()];
    for members in groups.values() {
        let rank = |i: usize| {
            let e = extension(&found[i].path);
            (TAKEN.iter().position(|t| *t == e).unwrap_or(TAKEN.len()), found[i].path.clone())
        };
        let keep = *members.iter().min_by_key(|&&i| rank(i)).expect("non-empty group");
        for &i in members.iter().filter(|&&i| i != keep) {
            let ext = found[i].path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            wanted[i] = Some(format!("{}.{ext}", found[i].base));
        }
    }
    let wanted_of = |i: usize| wanted[i].as_deref().unwrap_or(found[i].base.as_str());
    // Ids still shared: the first by (argument, path) keeps it (walks find files in that
    // order, so the sort is one pass).
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by(|&a, &b| (found[a].arg, &found[a].path).cmp(&(found[b].arg, &found[b].path)));
    let mut holder: rustc_hash::FxHashMap<&str, usize> = Default::default();
    holder.reserve(found.len());
    let mut clashes: Vec<(usize, usize)> = Vec::new(); // (file, the file holding its id)
    for i in order {
        if let Some(&first) = holder.get(wanted_of(i)) {
            clashes.push((i, first));
        } else {
            holder.insert(wanted_of(i), i);
        }
    }
    let mut extra: HashSet<String> = HashSet::new();
    let mut renamed = Vec::new();
    let mut new_ids = Vec::new();
    for (i, first) in clashes {
        let id = unique_id(wanted_of(i), |c| holder.contains_key(c) || extra.contains(c));
        extra.insert(id.clone());
        renamed.push(Renamed {
            path: found[i].path.clone(),
            wanted: wanted_of(i).to_string(),
            id: id.clone(),
            taken_by: found[first].path.display().to_string(),
        });
        new_ids.push((i, id));
    }
    drop(holder);
    for (i, id) in new_ids {
        wanted[i] = Some(id);
    }
    let mut files: Vec<SourceFile> = found
        .into_iter()
        .zip(wanted)
        .map(|(f, w)| SourceFile { id: DocId(w.unwrap_or(f.base)), path: f.path })
        .collect();
    files.sort();
    renamed.sort_by(|a, b| a.path.cmp(&b.path));
    (files, renamed)
}

/// `id~2`, `id~3` …: the first not `taken`.
pub(crate) fn unique_id(id: &str, taken: impl Fn(&str) -> bool) -> String {
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

/// One argument's walk: what it finds goes into `found` and `d`.
struct Walk<'a> {
    root: &'a Path,
    arg: usize,
    found: &'a mut Vec<Found>,
    d: &'a mut Discovery,
    /// Resolved folders already walked (by any argument).
    seen: &'a mut HashSet<PathBuf>,
    folders: &'a mut Folders,
}

impl Walk<'_> {
    /// Record that `dir` cannot be walked (it goes to the report of failures); false.
    fn unreadable(&mut self, dir: &Path, e: std::io::Error) -> bool {
        let path = dir.to_path_buf();
        self.d.failures.push(Failure { path: path.clone(), error: Error::Io { path, source: e } });
        false
    }

    /// Walk `dir`; false when it cannot be listed.
    fn walk(&mut self, dir: &Path) -> bool {
        let canon = match std::fs::canonicalize(dir) {
            Ok(c) => c,
            Err(e) => return self.unreadable(dir, e),
        };
        if !self.seen.insert(canon.clone()) {
            return true; // symlink loop or a directory reached twice
        }
        let folder = self.folders.number(canon);
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return self.unreadable(dir, e),
        };
        // The entry's type comes with the listing (no system call per file on Linux); only a
        // symbolic link, or a file system that does not say, costs a `stat`. One folder's
        // entries share their parent, so sorting by name is sorting by path.
        let mut listed: Vec<(PathBuf, Option<std::fs::FileType>)> =
            entries.filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok()))).collect();
        listed.sort_unstable_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
        for (p, ty) in listed {
            let kind = match ty {
                Some(t) if t.is_dir() => Ok(Kind::Dir),
                Some(t) if t.is_file() => Ok(Kind::File),
                _ => std::fs::metadata(&p).map(|m| {
                    if m.is_dir() {
                        Kind::Dir
                    } else if m.is_file() {
                        Kind::File
                    } else {
                        Kind::Other
                    }
                }),
            };
            match kind {
                Ok(Kind::Dir) => {
                    if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                        self.d.skipped.push(Skipped { path: p, why: Skip::HiddenDir });
                    } else {
                        self.walk(&p);
                    }
                }
                Ok(Kind::File) => match classify(&p) {
                    Class::Taken => {
                        let base = relative_base(self.root, &p);
                        self.found.push(Found { arg: self.arg, folder, base, path: p })
                    }
                    Class::Skipped(why) => self.d.skipped.push(Skipped { path: p, why }),
                },
                Ok(Kind::Other) => self.d.skipped.push(Skipped { path: p, why: Skip::NotAFile }),
                Err(e) => {
                    self.d.failures.push(Failure { path: p.clone(), error: Error::Io { path: p.clone(), source: e } })
                }
            }
        }
        true
    }
}

/// What a directory entry is, after following a symbolic link.
enum Kind {
    Dir,
    File,
    Other,
}

/// Exact duplicates: for each file whose bytes equal those of a file before it (in
/// the given order: by id), `(duplicate, original)` indices. `keys[i]` is a content
/// fingerprint of file `i` (None: unreadable, never a duplicate); equal keys are
/// confirmed byte for byte.
pub fn duplicates(files: &[SourceFile], keys: &[Option<String>]) -> Vec<(usize, usize)> {
    // The first file of each key; the later ones with other bytes (a hash collision) apart.
    let mut first: rustc_hash::FxHashMap<&str, usize> = Default::default();
    first.reserve(keys.len());
    let mut others: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
    let mut out = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let Some(k) = k else { continue };
        let j = *first.entry(k.as_str()).or_insert(i);
        if j == i {
            continue;
        }
        let earlier = others.entry(k.as_str()).or_default();
        match std::iter::once(j).chain(earlier.iter().copied()).find(|&j| same_bytes(&files[j].path, &files[i].path)) {
            Some(j) => out.push((i, j)),
            None => earlier.push(i),
        }
    }
    out
}

/// Whether two files hold the same bytes (false when either cannot be read).
pub(crate) fn same_bytes(a: &Path, b: &Path) -> bool {
    match (std::fs::read(a), std::fs::read(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// [`resolve`] with the folders cached: a file is its resolved folder joined with its
/// name (a million files in a few folders cost a few `canonicalize` calls, not a million).
/// A symlink to a file is therefore matched by its own path, not its target.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    /// Keyed by the folder as spelled (its bytes: hashing a `Path` walks its components).
    dirs: HashMap<std::ffi::OsString, PathBuf>,
}

impl Resolver {
    /// The resolved path of `p` (see [`resolve`]).
    pub(crate) fn file(&mut self, p: &Path) -> PathBuf {
        match (p.parent(), p.file_name()) {
            (Some(parent), Some(name)) => {
                let dir = match self.dirs.get(parent.as_os_str()) {
                    Some(d) => d,
                    None => self.dirs.entry(parent.as_os_str().to_owned()).or_insert_with(|| resolve(parent)),
                };
                dir.join(name)
            }
            _ => resolve(p),
        }
    }
}

/// An absolute path with every existing prefix resolved (symlinks, `.`, `..`): two
/// spellings of one file compare equal, even once the file (or its folder) is gone.
pub(crate) fn resolve(p: &Path) -> PathBuf {
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
pub(crate) fn check_lines(path: &Path, text: &str, max: usize) -> Result<(), Error> {
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
