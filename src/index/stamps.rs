//! File stamps: a rerun reads only the files whose size or modification time changed.
//!
//! Deciding what a rerun must extract needs each file's content key (`pipeline::content_key`:
//! the bytes' hash and the rules). Hashing means opening and reading every file of the corpus,
//! which on 1,000,000 small files is most of a rerun that changed 1% of them. So, like `git
//! status` and `rsync`'s quick check, the index directory keeps beside tantivy's files one
//! line per file it hashed: path, size, modification time (nanoseconds), inode and the bytes'
//! hash. A file whose stamp is unchanged is taken to hold the same bytes and is not opened;
//! only its rules part is recomputed, so a new lexicon or release still re-extracts it.
//!
//! Limits and safety:
//! - A file rewritten within the same nanosecond with the same size and inode would be missed.
//!   To keep the window closed in practice, a file modified less than [`RACY`] before the stamps
//!   are written is not stamped (it is hashed again next time), as git does for "racily clean"
//!   entries.
//! - The file is only a cache: a missing, partial or unreadable one (another release, a killed
//!   run) costs a full hashing pass, never a wrong answer. It is written whole to a temporary
//!   file and renamed, after the run's last commit. tantivy leaves it alone (it deletes only
//!   the files it created).
//! - Paths are kept absolute (`std::path::absolute`, no system call), so `ingest corpus/` and
//!   `ingest /home/me/corpus/` share their stamps; other spellings (a symlinked folder) miss
//!   and are hashed. Paths that are not UTF-8, or hold a tab or a line break, are not stamped.
//!
//! ```text
//! kehoach-stamps 1
//! /home/me/data/corpus/ke_hoach_12.txt→18342→1764806400123456789→2359301→8f2c0a4e5b1d9e77
//! ```
//! (→ stands for a tab: path, size, mtime in ns, inode, hash.)

use std::collections::HashMap;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The stamps file inside the index directory.
pub const FILE: &str = "kehoach-stamps.tsv";
/// First line of the file (its format version).
const HEADER: &str = "kehoach-stamps 1";
/// Files modified this shortly before the stamps are written are not stamped.
pub(crate) const RACY: Duration = Duration::from_secs(2);

/// What identifies a version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: u128,
    /// Inode number (0 where there is none): a file replaced by another one changes it.
    pub inode: u64,
}

impl Stamp {
    /// The stamp of a file's metadata (None without a modification time).
    pub(crate) fn of(m: &std::fs::Metadata) -> Option<Stamp> {
        let mtime_ns = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        Some(Stamp { size: m.len(), mtime_ns, inode: inode(m) })
    }
}

#[cfg(unix)]
fn inode(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

/// The stamps a run read, by path as found: (stamp, the bytes' hash).
#[derive(Debug, Default)]
pub(crate) struct Stamps {
    by_path: HashMap<String, (Stamp, String)>,
}

impl Stamps {
    /// The stamps kept in index directory `dir` (none when the file is missing or not ours).
    pub(crate) fn load(dir: &Path) -> Stamps {
        let Ok(f) = std::fs::File::open(dir.join(FILE)) else { return Stamps::default() };
        let mut lines = std::io::BufReader::new(f).lines();
        if !matches!(lines.next(), Some(Ok(h)) if h == HEADER) {
            return Stamps::default();
        }
        let mut by_path = HashMap::new();
        for line in lines {
            let Ok(line) = line else { return Stamps::default() };
            match parse_line(&line) {
                Some((path, stamp, hash)) => by_path.insert(path.to_string(), (stamp, hash.to_string())),
                None => return Stamps::default(), // a damaged file: trust none of it
            };
        }
        Stamps { by_path }
    }

    /// The bytes' hash recorded for `path` if its stamp is still `now`.
    pub(crate) fn hash_if_unchanged(&self, path: &Path, now: &Stamp) -> Option<&str> {
        let abs = std::path::absolute(path).ok()?;
        let (stamp, hash) = self.by_path.get(abs.to_str()?)?;
        (stamp == now).then_some(hash.as_str())
    }

    /// The stamps of files not under any of `roots` (the paths a run was given): a run keeps
    /// them as they are, since it neither saw nor removed those files.
    pub(crate) fn outside<'a>(&'a self, roots: &[PathBuf]) -> impl Iterator<Item = (&'a Path, Stamp, &'a str)> + 'a {
        let roots: Vec<PathBuf> = roots.iter().filter_map(|r| std::path::absolute(r).ok()).collect();
        self.by_path
            .iter()
            .filter(move |(p, _)| !roots.iter().any(|r| Path::new(p.as_str()).starts_with(r)))
            .map(|(p, (s, h))| (Path::new(p.as_str()), *s, h.as_str()))
    }

    /// Number of stamped files.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_path.len()
    }

    /// Whether no file is stamped.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }
}

fn parse_line(line: &str) -> Option<(&str, Stamp, &str)> {
    let mut it = line.split('\t');
    let path = it.next()?;
    let size = it.next()?.parse().ok()?;
    let mtime_ns = it.next()?.parse().ok()?;
    let inode = it.next()?.parse().ok()?;
    let hash = it.next()?;
    if it.next().is_some() || path.is_empty() || hash.is_empty() {
        return None;
    }
    Some((path, Stamp { size, mtime_ns, inode }, hash))
}

/// Write the stamps of this run's files (`(path, stamp, bytes' hash)`, in any order) into
/// index directory `dir`, leaving out files modified less than [`RACY`] ago.
pub(crate) fn save<'a>(
    dir: &Path,
    entries: impl IntoIterator<Item = (&'a Path, Stamp, &'a str)>,
) -> std::io::Result<()> {
    let tmp = dir.join(format!(".{FILE}.tmp"));
    let written = write(&tmp, entries).and_then(|()| std::fs::rename(&tmp, dir.join(FILE)));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp); // a full disk: leave no partial file behind
    }
    written
}

fn write<'a>(tmp: &Path, entries: impl IntoIterator<Item = (&'a Path, Stamp, &'a str)>) -> std::io::Result<()> {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let fresh_after = now.saturating_sub(RACY.as_nanos());
    let mut w = BufWriter::new(std::fs::File::create(tmp)?);
    writeln!(w, "{HEADER}")?;
    for (path, s, hash) in entries {
        let Ok(abs) = std::path::absolute(path) else { continue };
        let Some(p) = abs.to_str() else { continue };
        if p.is_empty() || p.contains(['\t', '\n', '\r']) || hash.contains(['\t', '\n']) || s.mtime_ns >= fresh_after {
            continue;
        }
        writeln!(w, "{p}\t{}\t{}\t{}\t{hash}", s.size, s.mtime_ns, s.inode)?;
    }
    w.into_inner().map_err(|e| e.into_error())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(size: u64, mtime_ns: u128) -> Stamp {
        Stamp { size, mtime_ns, inode: 7 }
    }

    #[test]
    fn saved_stamps_come_back_and_a_changed_stamp_misses() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (Path::new("c/a.txt"), Path::new("c/b.txt"));
        let a_abs = std::env::current_dir().unwrap().join("c/./a.txt");
        save(dir.path(), [(a, stamp(10, 1_000), "aaaa"), (b, stamp(20, 2_000), "bbbb")]).unwrap();
        let s = Stamps::load(dir.path());
        assert_eq!(s.len(), 2);
        assert_eq!(s.hash_if_unchanged(a, &stamp(10, 1_000)), Some("aaaa"));
        assert_eq!(s.hash_if_unchanged(&a_abs, &stamp(10, 1_000)), Some("aaaa"), "spelled absolute");
        assert_eq!(s.hash_if_unchanged(a, &stamp(11, 1_000)), None, "size changed");
        assert_eq!(s.hash_if_unchanged(a, &stamp(10, 1_001)), None, "mtime changed");
        assert_eq!(s.hash_if_unchanged(a, &Stamp { inode: 8, ..stamp(10, 1_000) }), None, "file replaced");
        assert_eq!(s.hash_if_unchanged(Path::new("c/z.txt"), &stamp(10, 1_000)), None);
    }

    #[test]
    fn stamps_outside_a_run_s_paths_are_kept_and_those_under_them_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (Path::new("/c/a/x.txt"), Path::new("/c/b/y.txt"));
        save(dir.path(), [(a, stamp(1, 5), "ha"), (b, stamp(2, 5), "hb")]).unwrap();
        let old = Stamps::load(dir.path());
        let kept: Vec<_> = old.outside(&[PathBuf::from("/c/a")]).collect();
        assert_eq!(kept, [(b, stamp(2, 5), "hb")]);
        save(dir.path(), [(Path::new("/c/a/z.txt"), stamp(3, 5), "hz")].into_iter().chain(kept)).unwrap();
        let s = Stamps::load(dir.path());
        assert_eq!((s.len(), s.hash_if_unchanged(b, &stamp(2, 5))), (2, Some("hb")));
        assert_eq!(s.hash_if_unchanged(a, &stamp(1, 5)), None, "gone from the run's path");
    }

    #[test]
    fn racy_files_and_unwritable_paths_are_not_stamped() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
        let entries = [
            (Path::new("just-written.txt"), stamp(1, now), "h1"),
            (Path::new("tab\tin.txt"), stamp(1, 5), "h2"),
            (Path::new("old.txt"), stamp(1, 5), "h3"),
        ];
        save(dir.path(), entries).unwrap();
        let s = Stamps::load(dir.path());
        assert_eq!(s.len(), 1);
        assert_eq!(s.hash_if_unchanged(Path::new("old.txt"), &stamp(1, 5)), Some("h3"));
    }

    #[test]
    fn a_damaged_or_foreign_file_is_ignored_whole() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), format!("{HEADER}\na.txt\t1\t5\t7\th\nb.txt\tx\t5\t7\th\n")).unwrap();
        assert!(Stamps::load(dir.path()).is_empty());
        std::fs::write(dir.path().join(FILE), "something else\na.txt\t1\t5\t7\th\n").unwrap();
        assert!(Stamps::load(dir.path()).is_empty());
        assert!(Stamps::load(&dir.path().join("missing")).is_empty());
    }
}
