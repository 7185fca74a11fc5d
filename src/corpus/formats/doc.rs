//! `.doc` (Word 97–2003 binary): the text through `antiword`.
//!
//! Run as `antiword -m UTF-8.txt -w 0 -` (the bytes on standard input): UTF-8
//! output, paragraphs not wrapped at 80 columns (`-w 0`; see README "Formats"
//! for the measurement), tables as `|cell|cell|` rows. antiword wraps a long
//! cell over several rows whose first cell is blank; such continuation rows are
//! joined back into the row they continue, so each table row is one line.
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

/// Join continuation rows (blank first cell, same number of cells) into the row above.
fn join_wrapped_rows(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut row: Option<Vec<String>> = None;
    let flush = |row: &mut Option<Vec<String>>, out: &mut Vec<String>| {
        if let Some(r) = row.take() {
            out.push(format!("|{}|", r.iter().map(|c| format!(" {} ", c.trim())).collect::<Vec<_>>().join("|")));
        }
    };
    for line in text.lines() {
        match cells(line) {
            Some(cs) => {
                let continues = cs.first().is_some_and(|c| c.trim().is_empty())
                    && row.as_ref().is_some_and(|r| r.len() == cs.len());
                if continues {
                    let r = row.as_mut().expect("checked");
                    for (acc, c) in r.iter_mut().zip(&cs) {
                        let c = c.trim();
                        if !c.is_empty() {
                            if !acc.trim().is_empty() {
                                acc.push(' ');
                            }
                            acc.push_str(c);
                        }
                    }
                } else {
                    flush(&mut row, &mut out);
                    row = Some(cs.iter().map(|c| c.trim().to_string()).collect());
                }
            }
            None => {
                flush(&mut row, &mut out);
                out.push(line.to_string());
            }
        }
    }
    flush(&mut row, &mut out);
    let mut s = out.join("\n");
    s.push('\n');
    s
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
        // A header block: every row has a first cell, nothing is joined.
        let h = "|UBND XÃ   |CỘNG HÒA |\n|Số: 45    |Độc lập  |\n";
        assert_eq!(join_wrapped_rows(h), "| UBND XÃ | CỘNG HÒA |\n| Số: 45 | Độc lập |\n");
    }
}
