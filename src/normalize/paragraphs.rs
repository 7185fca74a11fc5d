//! Paragraph markers: what makes `normalize` idempotent.
//!
//! Line repair consumes evidence its output no longer carries: a blank line
//! that kept a heading apart from its body, or the short physical last line of a
//! paragraph. Fed its own output, the repair would see a long logical line
//! followed by a capitalised one and glue them ("… phong cách Hồ Chí Minh" ⏎
//! "Tiếp tục đẩy mạnh …" became one line on a second pass).
//!
//! So after the repair we replay the glue decision over the repaired lines,
//! exactly as a second pass would see them (no blank lines, the width estimated
//! from the repaired lines). Wherever that replay would join two lines we keep
//! them apart with three blank lines (`\n\n\n\n`). Line repair never counts a run
//! of two or more blank lines as pdftotext noise, nor joins across three (see
//! [`super::lines`]), so a second pass breaks exactly there and nowhere else: `normalize(normalize(x)) ==
//! normalize(x)`.
//!
//! The markers are part of the printed rendering ([`super::normalize_text`],
//! `kehoach normalize`), not of the text the extractors read: their line logic
//! ("the line before a deadline", a table cell wrapped over two lines) expects
//! no blank lines. Most documents need no marker at all.
//!
//! Example: "2. Tiếp tục … phong cách Hồ Chí Minh\nTiếp tục đẩy mạnh …" (a
//! heading over its paragraph, long enough to look like a wrapped line) becomes
//! "2. Tiếp tục … phong cách Hồ Chí Minh\n\n\n\nTiếp tục đẩy mạnh …".

use super::lines::{glue_would_join, in_layout_block, typical_width};

/// The marker inserted between two lines a second pass would otherwise join.
pub const MARKER: &str = "\n\n\n\n";

/// Insert markers into repaired text (no blank lines). `None` when none is needed.
pub fn mark(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    if lines.len() < 2 {
        return None;
    }
    let typical = typical_width(lines.iter().copied());
    // Lines of a two-column layout block are never joined: they need no marker (and a
    // marker would end the block).
    let block = in_layout_block(&lines);
    let mut joins = Vec::new();
    let mut pos = 0;
    for (k, w) in lines.windows(2).enumerate() {
        pos += w[0].len();
        let kept_apart = block[k] || block[k + 1];
        if !kept_apart && !w[0].is_empty() && !w[1].is_empty() && glue_would_join(w[0], w[1], typical) {
            joins.push(pos); // byte offset of the '\n' between them
        }
        pos += 1;
    }
    if joins.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + joins.len() * 2);
    let mut last = 0;
    for nl in joins {
        out.push_str(&text[last..nl]);
        out.push_str(MARKER);
        last = nl + 1;
    }
    out.push_str(&text[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str =
        "Tiếp tục đẩy mạnh công tác tuyên truyền, giáo dục nâng cao nhận thức về công tác dân vận chính quyền";

    #[test]
    fn a_line_a_second_pass_would_join_is_marked() {
        let t = format!("{LONG}\nTiếp tục thực hiện");
        let out = mark(&t).expect("needs a marker");
        assert_eq!(out, format!("{LONG}\n\n\n\nTiếp tục thực hiện"));
        assert_eq!(crate::normalize::normalize_text(&out), out, "a second pass keeps it");
    }

    #[test]
    fn lines_a_second_pass_keeps_apart_are_untouched() {
        assert!(mark("I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNội dung kế hoạch.\nHết.").is_none());
        assert!(mark("một dòng").is_none());
    }
}
