//! Bytes → text: BOMs, UTF-16, invalid UTF-8, binary files and legacy
//! Vietnamese encodings (TCVN3, VNI, Windows-1258), each with a clear message naming
//! the file. Document formats (DOCX, ODT, HTML, PDF, DOC) go through their reader in
//! `formats` first; the legacy check then runs on the text they give.

use super::formats::{self, Format};
use super::legacy;
use crate::error::Error;
use std::path::Path;

/// A decoded file.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text (UTF-8).
    pub text: String,
    /// Bytes skipped at the start of the file (a BOM), added to offsets for UTF-8 input.
    pub offset_base: usize,
    /// Non-fatal remarks ("converted from TCVN3", "3 invalid UTF-8 sequences replaced").
    pub warnings: Vec<String>,
    /// The format read (`txt`, `md`, `docx`, `odt`, `html`, `pdf`, `doc`).
    pub format: &'static str,
    /// What produced the text offsets point into (`file`, `docx-xml`, `pdftotext` …).
    pub text_source: &'static str,
}

fn binary_kind(b: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 8] = [
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"PK\x03\x04", "a ZIP archive (DOCX/XLSX?)"),
        (b"\xD0\xCF\x11\xE0", "an MS Office binary document (DOC/XLS?)"),
        (b"{\\rtf", "an RTF document"),
        (b"\x7FELF", "an executable"),
    ];
    for (m, name) in MAGIC {
        if b.starts_with(m) {
            return Some(name);
        }
    }
    None
}

fn decode_utf16(path: &Path, b: &[u8], le: bool) -> Result<String, Error> {
    if b.len() % 2 != 0 {
        return Err(Error::Decode { path: path.into(), reason: "UTF-16 text with an odd number of bytes".into() });
    }
    let units =
        b.chunks_exact(2).map(|c| if le { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) });
    char::decode_utf16(units).collect::<Result<String, _>>().map_err(|e| Error::Decode {
        path: path.into(),
        reason: format!("invalid UTF-16{}: {e}", if le { "LE" } else { "BE" }),
    })
}

/// Decode a file's bytes: plain text by its encoding, documents by their format's reader.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<Decoded, Error> {
    let format = formats::detect(path, bytes)?;
    if format.is_text() {
        let mut d = decode_text(path, bytes)?;
        (d.format, d.text_source) = (format.name(), format.text_source());
        return Ok(d);
    }
    let ex = formats::extract(path, bytes, format)?;
    let mut warnings = ex.warnings;
    let text = match legacy::detect(&ex.text) {
        Some(enc) => {
            warnings.push(format!("converted from the legacy {} encoding", enc.name()));
            legacy::convert(&ex.text, enc)
        }
        None => ex.text,
    };
    let mut d = finish(path, text, 0, warnings)?;
    (d.format, d.text_source) = (ex.format.name(), ex.format.text_source());
    Ok(d)
}

/// Decode the bytes of a plain-text file.
fn decode_text(path: &Path, bytes: &[u8]) -> Result<Decoded, Error> {
    let mut warnings = Vec::new();
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::Decode { path: path.into(), reason: format!("binary file ({kind}), not text") });
    }
    let (text, base) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        warnings.push("decoded from UTF-16LE (offsets refer to the decoded text)".to_string());
        (decode_utf16(path, rest, true)?, 0)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        warnings.push("decoded from UTF-16BE (offsets refer to the decoded text)".to_string());
        (decode_utf16(path, rest, false)?, 0)
    } else {
        let (body, base) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (bytes, 0),
        };
        // One pass, branch-free (vectorized): NUL bytes, and control bytes other than \t \n \v \f \r.
        let (mut nul, mut ctrl) = (0usize, 0usize);
        for &b in body {
            nul += usize::from(b == 0);
            ctrl += usize::from(b < 0x09 || (0x0E..0x20).contains(&b));
        }
        if nul * 20 > body.len().max(1) || ctrl * 10 > body.len().max(1) {
            return Err(Error::Decode {
                path: path.into(),
                reason: format!("binary file ({nul} NUL and {ctrl} control bytes in {} bytes), not text", body.len()),
            });
        }
        match std::str::from_utf8(body) {
            Ok(s) => (s.to_string(), base),
            Err(e) => decode_invalid_utf8(path, body, e.valid_up_to(), &mut warnings)?,
        }
    };
    let nuls = nul_count(&text);
    if nuls > 0 {
        warnings.push(format!("{nuls} NUL characters removed"));
    }
    let text = match legacy::detect(&text) {
        Some(enc) => {
            warnings.push(format!(
                "converted from the legacy {} encoding (offsets refer to the converted text)",
                enc.name()
            ));
            return finish(path, legacy::convert(&text, enc), 0, warnings);
        }
        None => text,
    };
    finish(path, text, base, warnings)
}

fn nul_count(s: &str) -> usize {
    s.bytes().filter(|&b| b == 0).count()
}

fn finish(path: &Path, text: String, base: usize, warnings: Vec<String>) -> Result<Decoded, Error> {
    if text.chars().all(|c| c.is_whitespace() || c == '\0' || c == '\u{FEFF}') {
        return Err(Error::Empty { path: path.into() });
    }
    let txt = Format::Txt;
    Ok(Decoded { text, offset_base: base, warnings, format: txt.name(), text_source: txt.text_source() })
}

/// Not UTF-8: either a few broken sequences in a UTF-8 file (replaced, with a
/// warning), or a single-byte legacy file (TCVN3/VNI bytes), or unknown.
fn decode_invalid_utf8(
    path: &Path,
    body: &[u8],
    first_bad: usize,
    warnings: &mut Vec<String>,
) -> Result<(String, usize), Error> {
    let lossy = String::from_utf8_lossy(body).into_owned();
    let bad = lossy.matches('\u{FFFD}').count();
    // Single-byte legacy file (TCVN3/VNI/CP1258 bytes): the cp1252 view converts.
    let latin: String = body.iter().map(|&b| legacy::cp1252_char(b)).collect();
    let legacy_view = bad * 100 > body.len() && legacy::detect(&latin).is_some();
    // Otherwise a few broken sequences in a UTF-8 file: keep the text, say where.
    if !legacy_view && (bad <= 16 || bad * 100 <= body.len()) {
        warnings.push(format!("invalid UTF-8 at byte {first_bad}: {bad} invalid sequence(s) replaced with U+FFFD"));
        return Ok((lossy, 0));
    }
    if legacy_view {
        return Ok((latin, 0)); // converted by the caller, which detects again
    }
    Err(Error::Decode {
        path: path.into(),
        reason: format!(
            "not valid UTF-8 (first invalid byte at offset {first_bad}, {bad} invalid sequences) and not a known Vietnamese legacy encoding (TCVN3, VNI, Windows-1258); convert it to UTF-8"
        ),
    })
}
