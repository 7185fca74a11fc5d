//! `.pdf`: the text layer, through `pdftotext` (poppler-utils).
//!
//! Run as `pdftotext -enc UTF-8 - -` (the bytes on standard input): reading
//! order, no `-layout`, which is the shape of the text the extractors were tuned
//! on (the header block's two columns one after the other, table cells one per
//! line; see README "Formats" for the measurement). Page breaks (form feeds)
//! become line breaks. A list label that pdftotext puts on a line of its own
//! (Word's automatic numbering is drawn apart from its paragraph: `1.`, `a)`,
//! `II.`, `•`, `-`) is joined to the next non-blank line, as it reads on the page.
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
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// A line holding only a list label.
static LABEL_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^[\ \t]*(?:
            \d{1,3}(?:\.\d{1,3})*[.)]    # 1.  1)  2.1.
           |[a-zđ][.)]                    # a)  b.  đ)
           |[IVXLC]{1,7}\.                # II.
           |[-–•·*+▪◦]                    # bullets
        )[\ \t]*$",
    )
    .expect("LABEL_LINE")
});

/// The text layer of a PDF.
pub fn read(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let out = run_tool(
        path,
        "pdftotext",
        &["-enc", "UTF-8", "-", "-"],
        bytes,
        "install poppler-utils (e.g. `apt-get install poppler-utils`) to read PDF files",
    )?;
    let text = join_labels(&String::from_utf8_lossy(&out).replace('\u{c}', "\n"));
    if !text.chars().any(char::is_alphanumeric) {
        return Err(Error::Decode {
            path: path.into(),
            reason: "no text layer: OCR it first, e.g. with tesseract -l vie".to_string(),
        });
    }
    Ok(text)
}

/// Join label-only lines to the next non-blank line (`1.` + blank + `Nâng cao …` → `1. Nâng cao …`).
fn join_labels(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut label: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(l) = label {
            if body.trim().is_empty() {
                continue;
            }
            out.push_str(l.trim());
            out.push(' ');
            label = None;
            if !LABEL_LINE.is_match(body) {
                out.push_str(line.trim_start());
                continue;
            }
        }
        if LABEL_LINE.is_match(body) {
            label = Some(body);
        } else {
            out.push_str(line);
        }
    }
    if let Some(l) = label {
        out.push_str(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_join_their_paragraph() {
        let t = "I. MỤC ĐÍCH\n1.\n\nNâng cao nhận thức\n2.\nHoàn thành\n•\nmột\n2024.\nHết\n-\n";
        assert_eq!(join_labels(t), "I. MỤC ĐÍCH\n1. Nâng cao nhận thức\n2. Hoàn thành\n• một\n2024.\nHết\n-");
        // Text lines are never touched.
        let plain = "Số: 45/KH-UBND\nĐại Sơn, ngày 12 tháng 3 năm 2024\n";
        assert_eq!(join_labels(plain), plain);
    }

    #[test]
    fn label_regex_edges() {
        assert!(LABEL_LINE.is_match("  12) ") && LABEL_LINE.is_match("IV.") && !LABEL_LINE.is_match("Số 1."));
    }
}
