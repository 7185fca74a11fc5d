//! Document formats other than plain text: which reader takes a file, and the
//! text-flow builder the structured readers share.
//!
//! The extension chooses the family (`.txt`/`.md` are text; `.docx`, `.odt`,
//! `.html`/`.htm`, `.pdf`, `.doc` are documents); for the binary families the
//! first bytes choose the reader, so a `.doc` that is really a DOCX (Word saves
//! either under that name), an HTML page or a PDF is still read. Each reader
//! returns UTF-8 text in reading order; offsets in records point into that text.
//!
//! Tables: a row becomes one line `| cell | cell | … |` (a cell's paragraphs
//! joined by spaces, `|` inside a cell written `/`), which the unit extractor's
//! Markdown-table reader parses. Example: a DOCX task table gives
//! `| 1 | Tuyên truyền … | Văn phòng HĐND và UBND xã | Đoàn Thanh niên xã | Quý II/2024 |`.
//!
//! Limits: see each reader (`docx`, `odt`, `html`, `pdf`, `doc`). Text boxes,
//! footnotes, headers and footers of word-processor files are not read.

mod doc;
mod docx;
mod html;
mod odt;
mod pdf;

use crate::error::Error;
use std::path::Path;

/// A file format kehoach reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (`.txt`, and files given by name whatever their extension).
    Txt,
    /// Markdown, read as plain text.
    Md,
    /// Office Open XML word processing (`.docx`).
    Docx,
    /// OpenDocument text (`.odt`).
    Odt,
    /// HTML (`.html`, `.htm`).
    Html,
    /// PDF, through pdftotext.
    Pdf,
    /// Old binary Word (`.doc`), through antiword.
    Doc,
}

/// File extensions taken when a directory is walked (lowercase).
pub(crate) const EXTENSIONS: [&str; 8] = ["txt", "md", "docx", "odt", "html", "htm", "pdf", "doc"];

impl Format {
    /// The format of an extension (any case), or `None` when kehoach does not read it.
    pub(crate) fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "txt" => Format::Txt,
            "md" => Format::Md,
            "docx" => Format::Docx,
            "odt" => Format::Odt,
            "html" | "htm" => Format::Html,
            "pdf" => Format::Pdf,
            "doc" => Format::Doc,
            _ => return None,
        })
    }

    /// The format named by the path's extension (text when unknown: a file given by name is read as text).
    pub(crate) fn of_path(path: &Path) -> Format {
        path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension).unwrap_or(Format::Txt)
    }

    /// The `format` field of the record.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Doc => "doc",
        }
    }

    /// The `text_source` field: what produced the text the offsets point into.
    pub(crate) fn text_source(self) -> &'static str {
        match self {
            Format::Txt | Format::Md => "file",
            Format::Docx => "docx-xml",
            Format::Odt => "odt-xml",
            Format::Html => "html",
            Format::Pdf => "pdftotext",
            Format::Doc => "antiword",
        }
    }

    /// Read as plain text (the decoder of `decode.rs`)?
    pub(crate) fn is_text(self) -> bool {
        matches!(self, Format::Txt | Format::Md)
    }
}

/// The reader for `bytes` found under `path`: the extension's family, then the magic bytes
/// for the binary families (a `.doc` that holds DOCX, HTML or PDF is read as what it is).
pub(crate) fn detect(path: &Path, bytes: &[u8]) -> Result<Format, Error> {
    let by_name = Format::of_path(path);
    if by_name.is_text() || by_name == Format::Html {
        return Ok(by_name);
    }
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &head[..head.len().min(512)];
    let lead = head.iter().position(|b| !b.is_ascii_whitespace()).map_or(&[][..], |i| &head[i..]);
    if head.starts_with(b"%PDF") {
        Ok(Format::Pdf)
    } else if head.starts_with(b"PK\x03\x04") {
        Ok(if by_name == Format::Odt { Format::Odt } else { Format::Docx }) // docx::read falls back to ODT
    } else if head.starts_with(b"\xD0\xCF\x11\xE0") {
        Ok(Format::Doc)
    } else if head.starts_with(b"{\\rtf") {
        Err(Error::Decode {
            path: path.into(),
            reason: format!(
                "an RTF document under a .{} name: RTF is not read; convert it with \
                 `libreoffice --headless --convert-to docx FILE`",
                by_name.name()
            ),
        })
    } else if lead.first() == Some(&b'<') && lead.windows(5).take(200).any(|w| w.eq_ignore_ascii_case(b"<html")) {
        Ok(Format::Html) // Word's "Web page" saved as .doc
    } else if by_name == Format::Pdf && bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        Ok(Format::Pdf) // a few bytes of junk before the header: pdftotext copes
    } else {
        Err(Error::Decode {
            path: path.into(),
            reason: format!("not a {} file (its first bytes are not a {} header)", by_name.name(), by_name.name()),
        })
    }
}

/// Text extracted from a document file, before the legacy-encoding check.
pub struct Extracted {
    /// The reader that produced it.
    pub format: Format,
    /// The text.
    pub text: String,
    /// Remarks (charset converted, numbering rendered …).
    pub warnings: Vec<String>,
}

/// Extract the text of a document file (`format` from [`detect`], not a text format).
pub fn extract(path: &Path, bytes: &[u8], format: Format) -> Result<Extracted, Error> {
    let bad = |reason: String| Error::Decode { path: path.into(), reason };
    let (format, text, warnings) = match format {
        Format::Docx | Format::Odt => {
            let (f, t) = docx::read_zip(bytes, format).map_err(bad)?;
            (f, t, Vec::new())
        }
        Format::Html => {
            let (t, w) = html::read(bytes);
            (Format::Html, t, w)
        }
        Format::Pdf => (Format::Pdf, pdf::read(path, bytes)?, Vec::new()),
        Format::Doc => (Format::Doc, doc::read(path, bytes)?, Vec::new()),
        Format::Txt | Format::Md => unreachable!("text formats are decoded by decode.rs"),
    };
    Ok(Extracted { format, text, warnings })
}

/// Longest time an external converter may take on one file.
const TOOL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// Run an external converter with `bytes` on its standard input (`-` as the file), with a
/// clear message when it is not installed; returns its standard output.
fn run_tool(path: &Path, tool: &str, args: &[&str], bytes: &[u8], install: &str) -> Result<Vec<u8>, Error> {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let bad = |reason: String| Error::Decode { path: path.into(), reason };
    let mut child =
        match Command::new(tool).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()
        {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(bad(format!("{tool} is not installed: {install}")))
            }
            Err(e) => return Err(bad(format!("cannot run {tool}: {e}"))),
        };
    let (mut stdin, mut stdout, mut stderr) =
        (child.stdin.take().expect("piped"), child.stdout.take().expect("piped"), child.stderr.take().expect("piped"));
    let (out, err) = std::thread::scope(|s| {
        s.spawn(move || {
            let _ = stdin.write_all(bytes); // a converter that stops reading early is judged by its output
        });
        let err = s.spawn(move || {
            let mut e = Vec::new();
            let _ = stderr.read_to_end(&mut e);
            e
        });
        let out = s.spawn(move || {
            let mut o = Vec::new();
            let _ = stdout.read_to_end(&mut o);
            o
        });
        let started = std::time::Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(st)) => break Ok(st),
                Ok(None) if started.elapsed() > TOOL_TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(bad(format!("{tool} took more than {} s: stopped", TOOL_TIMEOUT.as_secs())));
                }
                Ok(None) => std::thread::sleep(std::time::Duration::from_millis(10)),
                Err(e) => break Err(bad(format!("cannot run {tool}: {e}"))),
            }
        };
        (status.map(|st| (st, out.join().unwrap_or_default())), err.join().unwrap_or_default())
    });
    let (status, out) = out?;
    if !status.success() {
        let msg = String::from_utf8_lossy(&err);
        let first = msg.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("no message");
        return Err(bad(format!("{tool} failed ({status}): {first}")));
    }
    Ok(out)
}

/// Collapse runs of spaces and tabs into one space and trim (a table cell, an HTML text run).
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// One table being read: rows of cells of paragraphs.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Vec<String>>>,
}

impl Table {
    /// A layout table (at most two columns: the header block "UBND … | CỘNG HÒA …", the
    /// signature block "Nơi nhận … | TM. ỦY BAN NHÂN DÂN …"): written cell after cell, a
    /// paragraph per line, as Word's own text export and pdftotext give them and as the
    /// metadata extractor reads them. A data table (three columns or more): `| … |` rows.
    fn render(&self) -> String {
        if self.rows.iter().all(|r| r.len() <= 2) {
            return self.render_layout();
        }
        self.render_rows()
    }

    fn render_layout(&self) -> String {
        let mut out = String::new();
        for cell in self.rows.iter().flatten() {
            for p in cell {
                for line in p.lines() {
                    let line = squeeze(line);
                    if !line.is_empty() {
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }

    /// `| a | b |` lines, one per row with text; a cell's paragraphs joined by spaces.
    fn render_rows(&self) -> String {
        let mut out = String::new();
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| squeeze(&c.join(" ")).replace('|', "/")).collect();
            // (squeeze turns the cell's line breaks into spaces: a row is one line)
            if cells.iter().all(String::is_empty) {
                continue;
            }
            out.push('|');
            for c in cells {
                out.push(' ');
                out.push_str(&c);
                if !c.is_empty() {
                    out.push(' ');
                }
                out.push('|');
            }
            out.push('\n');
        }
        out
    }
}

/// Text in reading order: paragraphs on their own lines, tables as `| … |` rows,
/// tables inside a table cell flattened into that cell.
#[derive(Default)]
struct Flow {
    out: String,
    para: String,
    tables: Vec<Table>,
}

impl Flow {
    fn text(&mut self, s: &str) {
        self.para.push_str(s);
    }

    fn push(&mut self, c: char) {
        self.para.push(c);
    }

    /// A line break inside a paragraph (`<w:br/>`, `<br>`): a new line (inside a data table's
    /// cell it becomes a space when the row is written).
    fn line_break(&mut self) {
        self.para.push('\n');
    }

    fn cell_mut(&mut self) -> Option<&mut Vec<String>> {
        let t = self.tables.last_mut()?;
        if t.rows.is_empty() {
            t.rows.push(Vec::new());
        }
        let row = t.rows.last_mut().expect("a row");
        if row.is_empty() {
            row.push(Vec::new());
        }
        row.last_mut()
    }

    /// End of a paragraph (or of any block).
    fn end_para(&mut self) {
        let p = std::mem::take(&mut self.para);
        match self.cell_mut() {
            Some(cell) => {
                if !p.trim().is_empty() {
                    cell.push(p);
                }
            }
            None => {
                let p = p.trim_end();
                if p.is_empty() && (self.out.is_empty() || self.out.ends_with("\n\n")) {
                    return;
                }
                self.out.push_str(p);
                self.out.push('\n');
            }
        }
    }

    fn start_table(&mut self) {
        if !self.para.trim().is_empty() {
            self.end_para();
        }
        self.para.clear();
        self.tables.push(Table::default());
    }

    fn start_row(&mut self) {
        self.end_para_if_any();
        if let Some(t) = self.tables.last_mut() {
            t.rows.push(Vec::new());
        }
    }

    /// A new cell; `span` extra empty cells follow it for merged columns.
    fn start_cell(&mut self) {
        self.end_para_if_any();
        if let Some(t) = self.tables.last_mut() {
            if t.rows.is_empty() {
                t.rows.push(Vec::new());
            }
            t.rows.last_mut().expect("a row").push(Vec::new());
        }
    }

    /// Empty cells standing for the columns a merged cell covers.
    fn covered_cells(&mut self, n: usize) {
        if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
            row.extend(std::iter::repeat_with(Vec::new).take(n));
        }
    }

    fn end_para_if_any(&mut self) {
        if !self.para.trim().is_empty() {
            self.end_para();
        }
        self.para.clear();
    }

    fn end_table(&mut self) {
        self.end_para_if_any();
        let Some(t) = self.tables.pop() else { return };
        let text = t.render();
        match self.cell_mut() {
            Some(cell) => {
                cell.extend(text.lines().map(|l| l.trim_matches(['|', ' ']).to_string()).filter(|l| !l.is_empty()))
            }
            None => {
                // A blank line after the rows, so that the normalizer never joins the last row
                // with the paragraph after the table.
                self.out.push_str(&text);
                if !text.is_empty() {
                    self.out.push('\n');
                }
            }
        }
    }

    fn finish(mut self) -> String {
        while !self.tables.is_empty() {
            self.end_table();
        }
        self.end_para_if_any();
        let mut s = self.out;
        let trimmed = s.trim_end().len();
        s.truncate(trimmed);
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_magic() {
        assert_eq!(Format::from_extension("DOCX"), Some(Format::Docx));
        assert_eq!(Format::from_extension("htm"), Some(Format::Html));
        assert_eq!(Format::from_extension("rtf"), None);
        assert_eq!(Format::of_path(Path::new("a/b")), Format::Txt);
        for e in EXTENSIONS {
            assert!(Format::from_extension(e).is_some(), "{e}");
        }
        let p = Path::new("x.doc");
        assert_eq!(detect(p, b"PK\x03\x04rest").unwrap(), Format::Docx);
        assert_eq!(detect(p, b"%PDF-1.4").unwrap(), Format::Pdf);
        assert_eq!(detect(p, b"\xD0\xCF\x11\xE0").unwrap(), Format::Doc);
        assert_eq!(detect(p, b"  <!DOCTYPE html><html><body>x").unwrap(), Format::Html);
        assert!(detect(p, b"{\\rtf1 hello").unwrap_err().to_string().contains("RTF"));
        assert!(detect(Path::new("x.pdf"), b"hello").unwrap_err().to_string().contains("not a pdf file"));
        // Text files keep the text decoder, whatever their bytes.
        assert_eq!(detect(Path::new("x.txt"), b"%PDF-1.4").unwrap(), Format::Txt);
    }

    #[test]
    fn flow_writes_paragraphs_and_table_rows() {
        let mut f = Flow::default();
        f.text("KẾ HOẠCH");
        f.end_para();
        f.start_table();
        f.start_row();
        f.start_cell();
        f.text("UBND XÃ");
        f.line_break();
        f.text("Số: 45/KH-UBND");
        f.end_para();
        f.start_cell();
        f.text("CỘNG HÒA");
        f.end_table();
        f.start_table();
        for row in [["STT", "Nhiệm vụ", "Chủ trì"], ["1", "Tuyên truyền | phổ biến", "Công an xã"]] {
            f.start_row();
            for c in row {
                f.start_cell();
                f.text(c);
                f.end_para();
            }
        }
        f.start_row();
        f.start_cell();
        f.end_para(); // an empty row is dropped
        f.end_table();
        f.text("Nơi nhận:");
        f.line_break();
        f.text("- Lưu: VT.");
        f.end_para();
        assert_eq!(
            f.finish(),
            "KẾ HOẠCH\nUBND XÃ\nSố: 45/KH-UBND\nCỘNG HÒA\n\n| STT | Nhiệm vụ | Chủ trì |\n| 1 | Tuyên truyền / phổ biến | Công an xã |\n\nNơi nhận:\n- Lưu: VT.\n"
        );
    }

    #[test]
    fn nested_table_is_flattened_into_its_cell() {
        let mut f = Flow::default();
        f.start_table();
        f.start_row();
        f.start_cell();
        f.text("a");
        f.end_para();
        f.start_table();
        f.start_row();
        f.start_cell();
        f.text("b");
        f.start_cell();
        f.text("c");
        f.start_cell();
        f.text("d");
        f.end_table();
        f.start_cell();
        f.start_cell();
        f.end_table();
        assert_eq!(f.finish(), "| a b / c / d | | |\n");
    }
}
