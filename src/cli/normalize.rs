//! `kehoach normalize FILE`: print the normalized text the extractors read
//! (handy to see why a rule did or did not fire). Paragraphs that a second
//! pass would join are kept apart by two blank lines, so normalizing the
//! printed text again prints it unchanged.

use super::Status;
use crate::corpus::{self, SourceFile};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `normalize`.
#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// The file.
    pub file: PathBuf,
}

/// Run `normalize`.
pub fn run(a: &NormalizeArgs) -> anyhow::Result<Status> {
    let f = SourceFile { id: crate::record::DocId(String::new()), path: a.file.clone() };
    let d = corpus::read(&f)?;
    let text = crate::normalize::normalize_text(&d.text);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    Ok(Status::Ok)
}
