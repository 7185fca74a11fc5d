//! # columns — the header and signature blocks in reading order
//!
//! Why: the header of an official document is two columns side by side (issuer and
//! number on the left; the national motto, place and date on the right), and so is the
//! closing (Nơi nhận on the left; authority, role and signer on the right). Text
//! copies keep the two columns on one line: Word's `.doc` through antiword writes them
//! as `|left cell|right cell|` rows, `pdftotext -layout` as two runs of text parted by a
//! wide gap of spaces. Read line by line, the issuer becomes "ỦY BAN NHÂN DÂN CỘNG HÒA
//! XÃ HỘI…" and the signer is lost. [`reading_lines`] gives every line of a text, with
//! each such two-column block rewritten as its left column's lines, then its right
//! column's lines.
//!
//! Example: `|ỦY BAN NHÂN DÂN |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |` ⏎
//! `|THÀNH PHỐ HỒ CHÍ MINH |Độc lập - Tự do - Hạnh phúc |` reads
//! `ỦY BAN NHÂN DÂN` ⏎ `THÀNH PHỐ HỒ CHÍ MINH` ⏎ `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` ⏎
//! `Độc lập - Tự do - Hạnh phúc`.
//!
//! Limits: only blocks of at least two consecutive two-column lines are rewritten (one
//! line with a wide gap is left alone); a task table has more than two cells a row and is
//! never rewritten; three-column layouts are not handled; the lines are for reading
//! fields (meta), they carry no offsets.

/// Columns of a two-column line: `|a|b|` rows (exactly two cells), or a layout line with
/// a gap of at least four spaces between two runs of text.
fn two_columns(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_end();
    if let Some(inner) = t.strip_prefix('|') {
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let cells: Vec<&str> = inner.split('|').collect();
        return (cells.len() == 2).then(|| (cells[0].trim(), cells[1].trim()));
    }
    let lead = t.len() - t.trim_start().len();
    let body = &t[lead..];
    let Some(gap) = body.find("    ") else {
        // The right column alone, deeply indented.
        return (lead >= 20 && !body.is_empty()).then_some(("", body));
    };
    let (a, b) = (body[..gap].trim(), body[gap..].trim());
    // One gap only: a justified line of running text has single spaces between words.
    (!b.is_empty() && !b.contains("    ") && !a.is_empty()).then_some((a, b))
}

/// Whether a line belongs to a `|…|` table of two columns or to a gapped layout block.
fn is_row(line: &str) -> bool {
    two_columns(line).is_some()
}

/// The text's lines with every block of two or more two-column lines rewritten in reading
/// order (left column, then right column); separator rows (`|----|---|`) are dropped.
pub(crate) fn reading_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let pipe = lines[i].trim_start().starts_with('|');
        let mut j = i;
        while j < lines.len()
            && (is_row(lines[j])
                || (j > i && lines[j].trim().is_empty() && j + 1 < lines.len() && is_row(lines[j + 1]))
                || (j > i && !pipe && is_left_only(lines[j]) && lines.get(j + 1).is_some_and(|l| is_right_only(l))))
        {
            j += 1;
        }
        let rows: Vec<(&str, &str)> =
            lines[i..j].iter().filter_map(|l| two_columns(l).or_else(|| Some((l.trim(), "")))).collect();
        // A gapped layout block needs two rows with text on both sides, or one such row
        // and a right-column line under it.
        let both = rows.iter().filter(|(a, b)| !a.is_empty() && !b.is_empty()).count();
        let right = rows.iter().filter(|(a, b)| a.is_empty() && !b.is_empty()).count();
        if j - i >= 2 && (pipe || both >= 2 || (both >= 1 && right >= 1)) {
            let keep = |s: &str| !s.is_empty() && !s.chars().all(|c| matches!(c, '-' | '_' | '=' | ':' | ' '));
            let left = rows.iter().map(|(a, _)| *a).filter(|a| keep(a)).map(str::to_string);
            let right = rows.iter().map(|(_, b)| *b).filter(|b| keep(b)).map(str::to_string);
            // The header's right column (motto, place and date) is whole in the block, while
            // its left column (number, "V/v" trích yếu) may run on under it: read the right
            // column first there. Elsewhere (Nơi nhận | signature) the right column runs on.
            if rows.iter().any(|(_, b)| is_motto(b)) {
                out.extend(right);
                out.extend(left);
            } else {
                out.extend(left);
                out.extend(right);
            }
            i = j;
        } else {
            out.push(lines[i].to_string());
            i += 1;
        }
    }
    out
}

/// The national motto or the Party's name, which head the header's right column.
fn is_motto(s: &str) -> bool {
    s.starts_with("CỘNG HÒA") || s.starts_with("Độc lập") || s.starts_with("ĐẢNG CỘNG SẢN")
}

/// A line of the right column alone (deeply indented).
fn is_right_only(line: &str) -> bool {
    two_columns(line).is_some_and(|(a, b)| a.is_empty() && !b.is_empty())
}

/// A short line of the left column alone, between two rows of a layout block.
fn is_left_only(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && line.len() - line.trim_start().len() < 4 && t.chars().count() <= 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn antiword_header_rows_read_right_then_left() {
        let t = "|ỦY BAN NHÂN DÂN |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|THÀNH PHỐ HỒ CHÍ MINH |Độc lập - Tự do - Hạnh phúc |\n|--------|-------|\n|Số: 4085/UBND-ĐT |Thành phố Hồ Chí Minh, ngày 25 tháng |\n|V/v rà soát | 11 năm 2025 |\nKính gửi: Sở Xây dựng";
        let r = reading_lines(t);
        assert_eq!(
            r,
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Thành phố Hồ Chí Minh, ngày 25 tháng",
                "11 năm 2025",
                "ỦY BAN NHÂN DÂN",
                "THÀNH PHỐ HỒ CHÍ MINH",
                "Số: 4085/UBND-ĐT",
                "V/v rà soát",
                "Kính gửi: Sở Xây dựng"
            ]
        );
    }

    #[test]
    fn layout_gaps_and_signature() {
        // As normalization leaves it: leading spaces trimmed, inner column gaps kept.
        let t = "ỦY BAN NHÂN DÂN             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH THUẬN                 Độc lập - Tự do - Hạnh phúc\nNội dung của văn bản.\nNơi nhận:                                KT. GIÁM ĐỐC\n- Như trên;                              PHÓ GIÁM ĐỐC\n- Lưu: VT.\nĐỗ Văn Chung\n";
        let r = reading_lines(t);
        assert_eq!(
            &r[..4],
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN", "TỈNH BÌNH THUẬN"]
        );
        assert_eq!(r[4], "Nội dung của văn bản.");
        let tail = &r[5..];
        let nn = tail.iter().position(|l| l == "Nơi nhận:").unwrap();
        let kt = tail.iter().position(|l| l == "KT. GIÁM ĐỐC").unwrap();
        assert!(nn < kt, "{tail:?}");
        assert!(tail.iter().any(|l| l == "Đỗ Văn Chung"), "{tail:?}");
    }

    #[test]
    fn layout_left_column_lines_between_right_column_lines() {
        // As normalization leaves a `pdftotext -layout` header whose right column wraps.
        let r = " ".repeat(20);
        let t = format!("ỦY BAN MTTQ VIỆT NAM      CỘNG HÒA XÃ HỘI CHỦ NGHĨA\n{r}VIỆT NAM\nXÃ LƯƠNG MINH\n{r}Độc lập - Tự do - Hạnh phúc\nSố: 4240/UBND-VX\n{r}Lương Minh, ngày 12 tháng 01\nV/v khẩn trương hoàn thành cập      năm 2026\nnhật cơ sở dữ liệu\nKính gửi: Sở Nội vụ");
        assert_eq!(
            reading_lines(&t),
            [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
                "VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Lương Minh, ngày 12 tháng 01",
                "năm 2026",
                "ỦY BAN MTTQ VIỆT NAM",
                "XÃ LƯƠNG MINH",
                "Số: 4240/UBND-VX",
                "V/v khẩn trương hoàn thành cập",
                "nhật cơ sở dữ liệu",
                "Kính gửi: Sở Nội vụ"
            ]
        );
    }

    #[test]
    fn task_tables_and_prose_are_left_alone() {
        let t = "| TT | Nhiệm vụ | Chủ trì |\n| 1 | Tuyên truyền | Văn phòng |\nMột dòng    có khoảng trống.\n";
        assert_eq!(reading_lines(t), t.split('\n').collect::<Vec<_>>());
    }
}
