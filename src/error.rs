//! The library's one error type.
//!
//! Every variant names the file or value it is about, so that the CLI can print
//! the whole chain once (`kehoach: {err:#}`) and an analyst knows which input to
//! look at. Per-document failures never stop a run: the pipeline collects them
//! into the failure report (see `pipeline`).

use std::path::PathBuf;

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
}

/// Library result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
