//! `.pdf`: the text layer, through `pdftotext` (poppler-utils).
//!
//! Run as `pdftotext -enc UTF-8 - -` (the bytes on standard input): reading
//! order, no `-layout`, which is the shape of the text the extractors were tuned
//! on (the header block's two columns one after the other, table cells one per
//! line; see README "Formats" for the measurement). Page breaks (form feeds)
//! become line breaks.
//!
//! Example: a Word document printed to PDF gives `ỦY BAN NHÂN DÂN\nXÃ ĐẠI SƠN\nSố: 45/KH-UBND\n…`.
//!
//! Limits: a scanned PDF has no text layer: refused with "no text layer: OCR it first,
//! e.g. with tesseract -l vie"; tables come out flattened (one cell per line), which
//! the unit extractor's flattened-table reader handles; text drawn with fonts that
//! lack a Unicode map (some .VnTime PDFs) comes out as legacy soup and is converted
//! when recognised. Without pdftotext installed, PDFs are refused with a message
//! saying to install poppler-utils.

use super::run_tool;
use crate::error::Error;
use std::path::Path;

/// The text layer of a PDF.
pub fn read(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let out = run_tool(
        path,
        "pdftotext",
        &["-enc", "UTF-8", "-", "-"],
        bytes,
        "install poppler-utils (e.g. `apt-get install poppler-utils`) to read PDF files",
    )?;
    let text = String::from_utf8_lossy(&out).replace('\u{c}', "\n");
    if !text.chars().any(char::is_alphanumeric) {
        return Err(Error::Decode {
            path: path.into(),
            reason: "no text layer: OCR it first, e.g. with tesseract -l vie".to_string(),
        });
    }
    Ok(text)
}
