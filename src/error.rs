//! The library's one error type.
//!
//! Every variant names the file or value it is about, so that the CLI can print
//! the whole chain once, on one line (`kehoach: …`), and an analyst knows which
//! input to look at. Per-document failures never stop a run: the pipeline collects them
//! into the failure report (see `pipeline`).
//!
//! Each message is one line that already holds its cause (`cannot create X: <OS error>`);
//! the cause is also kept as the error's `source()` so that the edges can inspect it (a
//! broken pipe is not an error for the CLI). The edges tell the kinds apart by variant:
//! `serve` answers a [`Error::Query`] or a bad directive name with a 400, a missing input
//! with a 404 and everything else with a 500 (`serve::status_of`). `anyhow` stays at those
//! edges (`cli`, `serve`); library modules return this type.

use std::path::PathBuf;

/// Any error from a crate we write through (csv, Parquet, Arrow, I/O), for [`Error::Write`].
pub(crate) type Cause = Box<dyn std::error::Error + Send + Sync>;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read from disk.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying OS error.
        source: std::io::Error,
    },
    /// The bytes are not text we can decode (binary, invalid UTF-8, unknown legacy encoding).
    #[error("{path}: {reason}")]
    Decode {
        /// The offending file.
        path: PathBuf,
        /// What is wrong, in words an analyst understands.
        reason: String,
    },
    /// The file decoded but holds no text.
    #[error("{path}: file is empty (no text after decoding)")]
    Empty {
        /// The offending file.
        path: PathBuf,
    },
    /// A lexicon or gazetteer data file is malformed.
    #[error("lexicon {file}, line {line}: {reason}")]
    Lexicon {
        /// The data file (name or path).
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// The file is larger than the configured limit.
    #[error("{path}: file is {size} bytes, larger than the limit of {max} bytes (raise it with --max-size)")]
    TooLarge {
        /// The offending file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// A line longer than the configured limit: not plan text (a dump, a base64 blob…).
    #[error(
        "{path}: line {line} is {bytes} bytes long, more than the limit of {max} bytes for one line \
         (not plan text? raise it with --max-line)"
    )]
    LineTooLong {
        /// The offending file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// Its length.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// An input path given by the user does not exist.
    #[error("input path {0} does not exist")]
    MissingInput(PathBuf),
    /// An extractor panicked on this file (a bug in kehoach: the run goes on without the file).
    #[error("{file}: internal error while extracting (please report): {cause}")]
    Extract {
        /// The file being extracted.
        file: PathBuf,
        /// The panic's message (its first line) and where it happened.
        cause: String,
    },
    /// A search query the user got wrong: empty, too long, unparsable, or paged too far.
    #[error("{0}")]
    Query(String),
    /// A directive name that cannot be read ("", "xyz 33").
    #[error("{0}")]
    DirectiveName(String),
    /// A citation relation that is not one of the known ones.
    #[error("unknown relation {given:?} (one of {known}, or all)")]
    Relation {
        /// The relation as typed.
        given: String,
        /// The known relations, comma-separated.
        known: String,
    },
    /// There is no index in the directory.
    #[error("no index at {0} (build one with `kehoach index PATH --index {0}`)")]
    NoIndex(PathBuf),
    /// The index was written by a kehoach older than this one reads.
    #[error(
        "the index at {path} has schema_version {found}, older than this kehoach reads ({}: citations carry \
         relations): rebuild it with `kehoach index PATH --index DIR` into a new directory",
        crate::SCHEMA_VERSION
    )]
    IndexTooOld {
        /// The index directory.
        path: PathBuf,
        /// Its schema version.
        found: u32,
    },
    /// The index was written by a kehoach newer than this one.
    #[error(
        "the index at {path} has schema_version {found}, newer than this kehoach reads ({}): \
         rebuild it with this version (`kehoach index PATH --index DIR` into a new directory) or upgrade kehoach",
        crate::SCHEMA_VERSION
    )]
    IndexTooNew {
        /// The index directory.
        path: PathBuf,
        /// Its schema version.
        found: u32,
    },
    /// The directory holds an index whose fields are not kehoach's.
    #[error("{path} is not a kehoach index (or is from another version): {reason}")]
    NotAnIndex {
        /// The index directory.
        path: PathBuf,
        /// The field that is missing or of another type.
        reason: String,
    },
    /// The index lacks a column this version reads.
    #[error("the index has no {0} column: rebuild it with `kehoach index`")]
    MissingColumn(&'static str),
    /// The index directory cannot be opened or created.
    #[error("cannot open index {path}: {source}")]
    IndexOpen {
        /// The index directory.
        path: PathBuf,
        /// What tantivy said.
        source: tantivy::TantivyError,
    },
    /// The index cannot be written to (another writer holds its lock, or its files are unwritable).
    #[error("cannot write the index at {path} (is another kehoach indexing it?): {source}")]
    IndexLocked {
        /// The index directory.
        path: PathBuf,
        /// What tantivy said.
        source: tantivy::TantivyError,
    },
    /// The files a killed run left in the index cannot be removed.
    #[error("cannot clean the index at {path} of a killed run's files: {source}")]
    IndexClean {
        /// The index directory.
        path: PathBuf,
        /// What tantivy said.
        source: tantivy::TantivyError,
    },
    /// A commit failed; the index keeps its last complete commit.
    #[error(
        "commit to {path} failed: {source} (the index keeps its last complete commit; fix the cause and rerun to finish)"
    )]
    Commit {
        /// The index directory.
        path: PathBuf,
        /// What tantivy said.
        source: tantivy::TantivyError,
    },
    /// Reading or searching an open index failed.
    #[error("index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A record stored in the index is not one this version reads.
    #[error("a record stored in the index cannot be read ({0}): rebuild the index with `kehoach index`")]
    StoredRecord(#[source] serde_json::Error),
    /// A value cannot be turned into JSON (a bug: every record serializes).
    #[error("cannot serialize to JSON: {0}")]
    Json(#[source] serde_json::Error),
    /// A CSV table cannot be written to its sink (a file's writer names the file, [`Error::Write`]).
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// A cell does not fit its column's type (a bug upstream in the table rows).
    #[error("column {column}: {reason}")]
    Cell {
        /// The column.
        column: &'static str,
        /// What does not fit.
        reason: String,
    },
    /// An output file or directory cannot be created.
    #[error("cannot create {path}: {source}")]
    Create {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// An output file cannot be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What failed (the OS, the CSV or the Parquet writer).
        source: Cause,
    },
    /// An input file (an earlier output being patched) cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What failed (the OS or the CSV reader).
        source: Cause,
    },
    /// A finished file cannot be moved into place.
    #[error("cannot move {from} to {to}: {source}")]
    Move {
        /// The temporary file.
        from: PathBuf,
        /// Where it should go.
        to: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A document's rows could not be written.
    #[error("document {id}: {source}")]
    Document {
        /// The document id.
        id: String,
        /// What failed.
        source: Box<Error>,
    },
}

impl Error {
    /// Writing `path` failed with `e` (an OS, CSV, Parquet or Arrow error).
    pub(crate) fn write(path: &std::path::Path, e: impl Into<Cause>) -> Error {
        Error::Write { path: path.to_path_buf(), source: e.into() }
    }

    /// This error, naming `path` when it is about an unnamed sink (a CSV writer's error).
    pub(crate) fn at(self, path: &std::path::Path) -> Error {
        match self {
            Error::Csv(c) => Error::write(path, c),
            other => other,
        }
    }

    /// Reading or searching the index failed with an I/O error (a column, a term dictionary).
    pub(crate) fn index_io(e: std::io::Error) -> Error {
        Error::Index(e.into())
    }
}

/// Library result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
