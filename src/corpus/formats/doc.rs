//! `.doc` (Word 97–2003 binary): the text through `antiword`.
//!
//! Run as `antiword -m UTF-8.txt -w 0 -` (the bytes on standard input): UTF-8
//! output, paragraphs not wrapped at 80 columns (`-w 0`; see README "Formats"
//! for the measurement), tables as `|cell|cell|` rows. antiword wraps a long
//! cell over several rows whose first cell is blank; such continuation rows are
//! joined back into the row they continue, so each table row is one line. Tables
//! of one or two columns (header and signature blocks) are written column after
//! column, a line per cell line, like the other readers' layout tables.
//!
//! Example: `|1     |Tuyên truyền …|Văn phòng HĐND |` + `|      |              |và UBND xã     |`
//! → `|1 |Tuyên truyền … |Văn phòng HĐND và UBND xã |`.
//!
//! Limits: automatic numbering ("1.", "Điều 1.") is not in antiword's output;
//! text boxes, headers and footers are left out; a `.doc` that is really RTF is
//! refused with a conversion hint. Without antiword, `.doc` files are refused with
//! a message saying to install it or convert them with LibreOffice.

use super::run_tool;
use crate::error::Error;
use std::path::Path;

/// The text of a Word 97–2003 document.
pub fn read(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let out = run_tool(
        path,
        "antiword",
        &["-m", "UTF-8.txt", "-w", "0", "-"],
        bytes,
        "install antiword (e.g. `apt-get install antiword`), or convert the file with \
         `libreoffice --headless --convert-to docx FILE`",
    )?;
    Ok(join_wrapped_rows(&String::from_utf8_lossy(&out)))
}

/// The cells of an antiword table row `|a  |b  |`, or `None` for other lines.
fn cells(line: &str) -> Option<Vec<&str>> {
    let inner = line.trim_end().strip_prefix('|')?.strip_suffix('|')?;
    Some(inner.split('|').collect())
}

/// Rewrite antiword's tables: a table of one or two columns (the header and signature
/// blocks) is written column after column, a cell line per line, as the other readers do;
/// in wider tables, continuation rows (blank first cell, same number of cells) are joined
/// into the row above, so that each row is one `| … |` line.
fn join_wrapped_rows(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut block: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        match cells(line) {
            Some(cs) => block.push(cs.iter().map(|c| c.trim().to_string()).collect()),
            None => {
                flush(&mut block, &mut out);
                out.push(line.to_string());
            }
        }
    }
    flush(&mut block, &mut out);
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// Write one table block of antiword rows.
fn flush(block: &mut Vec<Vec<String>>, out: &mut Vec<String>) {
    let rows = std::mem::take(block);
    if rows.is_empty() {
        return;
    }
    if rows.iter().all(|r| r.len() <= 2) {
        for col in 0..2 {
            out.extend(rows.iter().filter_map(|r| r.get(col)).filter(|c| !c.is_empty()).cloned());
        }
        return;
    }
    let mut joined: Vec<Vec<String>> = Vec::new();
    for r in rows {
        match joined.last_mut() {
            Some(prev) if r.first().is_some_and(String::is_empty) && prev.len() == r.len() => {
                for (acc, c) in prev.iter_mut().zip(&r) {
                    if !c.is_empty() {
                        if !acc.is_empty() {
                            acc.push(' ');
                        }
                        acc.push_str(c);
                    }
                }
            }
            _ => joined.push(r),
        }
    }
    for r in joined {
        out.push(format!("|{}|", r.iter().map(|c| format!(" {c} ")).collect::<Vec<_>>().join("|")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_cells_join_their_row() {
        let t = "II. TỔ CHỨC\n\n|STT   |Nhiệm vụ        |Chủ trì    |\n|1     |Tuyên truyền    |Văn phòng  |\n\
                 |      |Chỉ thị 33      |HĐND xã    |\n|2     |Sơ kết          |Công an xã |\nHết\n";
        assert_eq!(
            join_wrapped_rows(t),
            "II. TỔ CHỨC\n\n| STT | Nhiệm vụ | Chủ trì |\n| 1 | Tuyên truyền Chỉ thị 33 | Văn phòng HĐND xã |\n\
             | 2 | Sơ kết | Công an xã |\nHết\n"
        );
        // A header block (two columns): column after column.
        let h = "|UBND XÃ   |CỘNG HÒA |\n|Số: 45    |Độc lập  |\n|          |Đại Sơn  |\n\nKẾ HOẠCH\n";
        assert_eq!(join_wrapped_rows(h), "UBND XÃ\nSố: 45\nCỘNG HÒA\nĐộc lập\nĐại Sơn\n\nKẾ HOẠCH\n");
    }
}
