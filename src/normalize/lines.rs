//! OCR / pdftotext line-break repair.
//!
//! pdftotext puts a blank line after every physical line and wraps mid-phrase
//! ("Kết \n\nluận số 114-KL/TW", "33/CT- \n\nTTg"). We rejoin the lines of a
//! paragraph and keep headings (I., 1., 1.1., a)), list items (- + •), signature,
//! header and recipient blocks on their own lines. Every decision is taken from
//! evidence in the two lines around a break (ending punctuation, the next line's
//! start, line length against the document's typical length), never by file.
//!
//! Output: one logical line per `\n`, no blank lines.

use super::clean::{clean_line, Cleaned};
use super::offsets::OffsetMap;
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// A line that starts a new block: heading numbers, list markers, signature prefixes.
static STRUCTURAL_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            [IVXL]{1,5}\s*[.)]\s              # I. MỤC ĐÍCH / II) …
          | \d{1,2}(?:\.\d{1,2}){0,3}\.?\)?\s+\p{Lu}  # 1. Văn phòng / 1.1. / 2) Phòng
          | \d{1,2}\.\d{1,2}(?:\.\d{1,2})*\.?\s # 1.1 sub-heading
          | [a-zđ]\)\s                        # a) …
          | [-+•]\s*\S                        # - bullet / + sub-bullet
          | (?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L)\.?\s+\p{Lu}   # TM. ỦY BAN NHÂN DÂN / T/M ĐẢNG ỦY
          | (?i:nơi\s+nhận|kính\s+gửi|căn\s+cứ|phụ\s+lục|phục\s+lục)\b
          | Điều\s+\d+\.                      # Điều 1.
          | Chương\s+[IVXL]+                  # Chương II
          | Số\s*:?\s*\S*\d*/               # Số: 10/KH-UBND
          | \|                                # Markdown table row
        )",
    )
    .expect("STRUCTURAL_START")
});

/// Lines that form a block on their own: document kind titles, signature roles,
/// national motto, complete place-and-date lines.
static BLOCK_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?:KẾ\ HOẠCH|QUYẾT\ ĐỊNH|CHỈ\ THỊ|CÔNG\ ĐIỆN|THÔNG\ BÁO|HƯỚNG\ DẪN|TỜ\ TRÌNH|BÁO\ CÁO|NGHỊ\ QUYẾT|KẾT\ LUẬN|CHƯƠNG\ TRÌNH|QUY\ CHẾ|QUY\ ĐỊNH|CÔNG\ VĂN|ĐỀ\ ÁN|PHƯƠNG\ ÁN)\s*$
          | (?:PHÓ\ )?(?:CHỦ\ TỊCH|BÍ\ THƯ|GIÁM\ ĐỐC|TRƯỞNG\ BAN|TRƯỞNG\ PHÒNG|CHÁNH\ VĂN\ PHÒNG|THỦ\ TƯỚNG|BỘ\ TRƯỞNG|CHỦ\ NHIỆM|TRƯỞNG\ ĐOÀN|TỔ\ TRƯỞNG|CHÁNH\ ÁN|VIỆN\ TRƯỞNG)\s*$
          | CỘNG\ HÒA\ XÃ\ HỘI\ CHỦ\ NGHĨA\ VIỆT\ NAM\s*$
          | ĐẢNG\ CỘNG\ SẢN\ VIỆT\ NAM\s*$
          | Độc\ lập\ -\ Tự\ do\ -\ Hạnh\ phúc\s*$
          | [-_=*.~]{3,}\s*$
        )",
    )
    .expect("BLOCK_LINE")
});

/// The complete place-and-date line of [`BLOCK_LINE`] ("Hà Nội, ngày 05 tháng 3 năm 2024"), kept
/// apart and tried only on lines containing "ngày": its `.{0,40}` keeps the lazy DFA busy for
/// 40 characters of every line, where the other alternatives fail after a few.
static DATE_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^.{0,40},\s*ngày\s+\S+\s+tháng\s+\S+\s+năm\s+\d{4}\s*$").expect("DATE_LINE"));

/// A symbol or number wrapped at its separator: "33/CT-" ⏎ "TTg", "114-" ⏎ "KL/TW", "2025-" ⏎ "2030".
static WRAPPED_SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x)(?:\d|[A-ZĐ]{1,6})[-/]$").expect("WRAPPED_SYMBOL"));

/// A lone page number between text lines: "2", "- 2 -", "Trang 2".
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,3}|-\s*\d{1,3}\s*-|(?i:trang)\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$").expect("PAGE_NUMBER")
});

fn one_letter(w: &str) -> bool {
    let mut cs = w.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn is_all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

fn ends_terminal(s: &str) -> bool {
    s.ends_with(['.', ';', ':', '!', '?'])
}

/// Words a line does not end on.
/// ("theo" and "trên" are left out: "các năm tiếp theo", "nêu trên" end phrases.)
const OPEN_ENDS: [&str; 13] =
    ["và", "các", "của", "với", "về", "tại", "những", "hoặc", "Sở", "Ban", "Bộ", "thuộc", "từ"];

/// Capitalised words a title line does not end on ("… QUY CHẾ LÀM VIỆC CỦA" ⏎ "ỦY BAN …").
const CAPS_OPEN_ENDS: [&str; 14] =
    ["CỦA", "VÀ", "VỚI", "CHO", "VỀ", "TẠI", "THUỘC", "CÁC", "NHỮNG", "ĐỐI", "GIỮA", "TRONG", "HOẶC", "LÀ"];

/// The issuing authority's line under a decision's title ("CHỦ TỊCH ỦY BAN NHÂN DÂN …",
/// "BỘ TRƯỞNG BỘ …", "BAN THƯỜNG TRỰC …").
static AUTHORITY_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:CHỦ\ TỊCH|THỦ\ TƯỚNG|BỘ\ TRƯỞNG|GIÁM\ ĐỐC|BAN\ THƯỜNG\ TRỰC|BAN\ THƯỜNG\ VỤ|BAN\ CHẤP\ HÀNH
          |ỦY\ BAN\ NHÂN\ DÂN|HỘI\ ĐỒNG\ NHÂN\ DÂN|TRƯỞNG\ BAN|CHÁNH\ VĂN\ PHÒNG|CHỦ\ NHIỆM)\b",
    )
    .expect("AUTHORITY_START")
});

fn last_word(s: &str) -> Option<&str> {
    s.rsplit(' ').next()
}

fn first_word(s: &str) -> Option<&str> {
    s.split(' ').next().map(|w| w.trim_end_matches([',', ';', ':', '.']))
}

/// "Chí", "Minh": a capital then lowercase letters only.
fn is_title_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && w.chars().count() >= 2 && cs.all(char::is_lowercase)
}

/// Decide how to glue line `b` after line `a`.
#[derive(Debug, PartialEq)]
enum Glue {
    Break,
    Space,
    Tight,
}

/// Per-line tests memoized: each line is glued twice (as `b`, then as `a`), and [`glue`]
/// asks some tests more than once, so each regex runs at most once per line.
#[derive(Debug, Clone, Default)]
struct Flags {
    structural: OnceCell<bool>,
    block: OnceCell<bool>,
    caps: OnceCell<bool>,
}

/// A line with its memoized tests.
struct Line<'a> {
    text: &'a str,
    flags: &'a Flags,
}

impl Line<'_> {
    fn structural(&self) -> bool {
        *self.flags.structural.get_or_init(|| STRUCTURAL_START.is_match(self.text))
    }
    fn block(&self) -> bool {
        *self.flags.block.get_or_init(|| {
            BLOCK_LINE.is_match(self.text) || (self.text.contains("ngày") && DATE_LINE.is_match(self.text))
        })
    }
    fn caps(&self) -> bool {
        *self.flags.caps.get_or_init(|| is_all_caps(self.text))
    }
}

fn glue(la: &Line, lb: &Line, typical: usize) -> Glue {
    let (a, b) = (la.text, lb.text);
    if WRAPPED_SYMBOL.is_match(a) && first_char(b).is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        // Do not glue a dash that separates words ("kinh tế -" has a space).
        return Glue::Tight;
    }
    // A single letter on each side ("… i" ⏎ "T i …"): glued, they would read as a letter-spaced
    // word on a second pass (cleaning is per line), so they stay apart.
    if a.rsplit(' ').next().is_some_and(one_letter) && b.split(' ').next().is_some_and(one_letter) {
        return Glue::Break;
    }
    // A proper name wrapped in two: "Thành phố Hồ Chí" ⏎ "Minh, ngày …", "tỉnh Điện" ⏎ "Biên".
    let short = |x: &str| x.split(' ').count() <= 4;
    let name_then_comma = b.split(' ').next().is_some_and(|w| w.ends_with(','));
    // A heading or list item may wrap so too when the name runs on into a list ("8. Đài
    // Tiếng nói Việt" ⏎ "Nam, Thông tấn xã Việt Nam …").
    if !la.caps()
        && !la.block()
        && (!la.structural() || name_then_comma)
        && !lb.structural()
        && (short(a) || short(b) || name_then_comma)
        && last_word(a).is_some_and(is_title_word)
        && first_word(b).is_some_and(is_title_word)
    {
        return Glue::Space;
    }
    if lb.structural() || la.block() || lb.block() {
        return Glue::Break;
    }
    if la.structural() && (a.starts_with("TM") || a.starts_with("KT") || a.starts_with("T/M")) {
        return Glue::Break;
    }
    // A line cannot end on a function word or a bare unit head: "phối hợp với các" ⏎ "Sở, Ban, ngành",
    // "Ủy ban Mặt trận" ⏎ "Tổ quốc Việt Nam".
    if last_word(a).is_some_and(|w| OPEN_ENDS.contains(&w)) || a.ends_with(" Mặt trận") || a.ends_with(" Ủy ban")
    {
        return Glue::Space;
    }
    let Some(c) = first_char(b) else {
        return Glue::Break;
    };
    if c.is_lowercase() || c.is_ascii_digit() || matches!(c, '(' | '“' | '"' | '\'' | ',' | ')' | '%') {
        return if ends_terminal(a) && !a.ends_with(':') { Glue::Break } else { Glue::Space };
    }
    if ends_terminal(a) || a.ends_with("./.") {
        return Glue::Break;
    }
    if a.ends_with([',', '-', '&']) {
        return Glue::Space;
    }
    if la.caps() && lb.caps() {
        // The authority line of a decision under its title in capitals ("… VÀ MÔI TRƯỜNG" ⏎
        // "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ"), unless the title runs on ("… CỦA" ⏎ "ỦY BAN …").
        let open = last_word(a).is_some_and(|w| CAPS_OPEN_ENDS.contains(&w));
        if !open && AUTHORITY_START.is_match(b) {
            return Glue::Break;
        }
        return if a.chars().count() + b.chars().count() < 160 { Glue::Space } else { Glue::Break };
    }
    if a.chars().count() * 10 >= typical * 7 && !la.caps() {
        return Glue::Space;
    }
    Glue::Break
}

/// A line broken mid-sentence across blank lines (OCR output): `b` starts with a lowercase
/// letter and `a` is a full line or ends on a word that cannot end one.
fn wrapped_across_blank(a: &str, b: &str, typical: usize) -> bool {
    first_char(b).is_some_and(char::is_lowercase)
        && !ends_terminal(a)
        && (a.chars().count() * 10 >= typical * 8 || last_word(a).is_some_and(|w| OPEN_ENDS.contains(&w)))
}

/// The document's typical line width (characters): the upper quartile of the
/// lines of 25 characters or more, clamped to 40..=400 (80 without such lines).
pub(super) fn typical_width<'a>(lines: impl Iterator<Item = &'a str>) -> usize {
    let mut lens: Vec<usize> = lines.map(|l| l.chars().count()).filter(|&n| n >= 25).collect();
    lens.sort_unstable();
    lens.get(lens.len() * 3 / 4).copied().unwrap_or(80).clamp(40, 400)
}

/// Would line repair join `b` onto `a` (two adjacent lines, no blank between)?
pub(super) fn glue_would_join(a: &str, b: &str, typical: usize) -> bool {
    let (fa, fb) = (Flags::default(), Flags::default());
    glue(&Line { text: a, flags: &fa }, &Line { text: b, flags: &fb }, typical) != Glue::Break
}

/// Leading spaces kept before a right-column line of a two-column layout block (the
/// national motto's second line, the date, the signer under a wrapped authority), so that
/// the structure can still read the columns apart (`structure::columns`).
pub(crate) const RIGHT_COLUMN_LEAD: usize = 20;

/// A line's place in a two-column layout block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// Not in a block.
    None,
    /// Both columns on the line, parted by a gap of COLUMN_GAP spaces or more (kept by cleaning).
    Both,
    /// Only the right column (a lead of RIGHT_COLUMN_LEAD spaces or more in the source).
    Right,
    /// Only the left column, between two lines of the block.
    Left,
}

/// Two-column layout blocks. A block starts at a line with both columns and runs over the
/// lines right under it (a blank line between is skipped) that hold both columns, the right column
/// alone (deeply indented), or the left column alone (a short line followed by a line of
/// the right column alone): "ỦY BAN MTTQ VIỆT NAM        CỘNG HÒA XÃ HỘI CHỦ NGHĨA" ⏎ "            VIỆT NAM"
/// ⏎ "XÃ LƯƠNG MINH" ⏎ "             Độc lập - Tự do - Hạnh phúc" ⏎ "Số: 12/QĐ-MTTQ     2026".
fn layout_blocks(src: &str, lines: &[(Cleaned, usize)]) -> Vec<Column> {
    let mut line_start = 0;
    let pairs: Vec<(&str, &str)> = lines
        .iter()
        .map(|(c, end)| {
            let raw = &src[line_start..*end];
            line_start = end + 1;
            (raw, c.text.as_str())
        })
        .collect();
    column_blocks(&pairs)
}

/// Which lines of a repaired text belong to a layout block (as a second pass would see them).
pub(super) fn in_layout_block(lines: &[&str]) -> Vec<bool> {
    let pairs: Vec<(&str, &str)> = lines.iter().map(|l| (*l, l.trim_start_matches(' '))).collect();
    column_blocks(&pairs).into_iter().map(|c| c != Column::None).collect()
}

/// [`layout_blocks`] over (source line, cleaned line) pairs.
fn column_blocks(lines: &[(&str, &str)]) -> Vec<Column> {
    let gap = " ".repeat(super::clean::COLUMN_GAP);
    let kind: Vec<Column> = lines
        .iter()
        .map(|&(raw, t)| {
            let lead = raw.len() - raw.trim_start_matches(' ').len();
            if t.is_empty() {
                Column::None
            } else if t.trim_start().contains(gap.as_str()) && !t.starts_with('|') {
                Column::Both
            } else if lead >= RIGHT_COLUMN_LEAD {
                Column::Right
            } else {
                Column::Left
            }
        })
        .collect();
    let mut out = vec![Column::None; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if kind[i] != Column::Both {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() {
            let ok = match kind[j] {
                Column::Both | Column::Right => true,
                Column::Left => lines[j].1.chars().count() <= 60 && kind.get(j + 1) == Some(&Column::Right),
                // A blank line inside the block (pdftotext puts one after every line).
                Column::None => lines[j].1.is_empty() && matches!(kind.get(j + 1), Some(Column::Both | Column::Right)),
            };
            if !ok {
                break;
            }
            out[j] = kind[j];
            j += 1;
        }
        // One line with a gap is not a block (a table cell, a wide space in a sentence).
        if j - i < 2 {
            out[i] = Column::None;
        }
        i = j.max(i + 1);
    }
    out
}

/// The char column where the right column starts on a row with a gap of COLUMN_GAP spaces or
/// more after some text ("ỦY BAN NHÂN DÂN        CỘNG HÒA …": the column of "CỘNG").
fn wide_gap_column(raw: &str) -> Option<usize> {
    let gap = " ".repeat(super::clean::COLUMN_GAP);
    let lead = raw.len() - raw.trim_start_matches(' ').len();
    let at = raw[lead..].find(gap.as_str())? + lead;
    let right = at + raw[at..].len() - raw[at..].trim_start_matches(' ').len();
    (right < raw.trim_end().len() && !raw.trim_start().starts_with('|')).then(|| raw[..right].chars().count())
}

/// A gap of two or three spaces after at least 20 characters of text that ends at char column
/// `col` (give or take one): the byte range of the gap.
fn narrow_gap_at(raw: &str, col: usize) -> Option<(usize, usize)> {
    let text_start = raw.len() - raw.trim_start_matches(' ').len();
    let mut run_start: Option<(usize, usize)> = None; // (byte, chars before)
    for (chars, (i, c)) in raw.char_indices().enumerate() {
        if c == ' ' {
            if run_start.is_none() {
                run_start = Some((i, chars));
            }
        } else if let Some((s, cs)) = run_start.take() {
            let len = chars - cs;
            if (2..super::clean::COLUMN_GAP).contains(&len) && chars.abs_diff(col) <= 1 && cs >= 20 && s > text_start {
                return Some((s, i));
            }
        }
    }
    None
}

/// Repair line structure. Returns the new text and its map to `src`.
pub(crate) fn repair_lines(src: &str) -> (String, OffsetMap) {
    // 1. Clean every physical line; remember blank lines. A `pdftotext -layout` row whose two
    //    columns are parted by a gap narrower than COLUMN_GAP, right under the column of the
    //    row above ("nhật, đồng bộ … cán bộ,   tháng 11 năm 2025"), becomes two lines: its left
    //    part, and its right part as a right-column line.
    let mut lines: Vec<(Cleaned, usize)> = Vec::new(); // (cleaned, offset of the newline after it)
    let mut forced_right: Vec<bool> = Vec::new();
    let mut base = 0;
    let mut right_col: Option<(usize, usize)> = None; // (char column, rows left)
    for raw in src.split('\n') {
        let gap = wide_gap_column(raw);
        let split = match (gap, right_col) {
            (None, Some((col, _))) => narrow_gap_at(raw, col),
            _ => None,
        };
        if let Some((a, b)) = split {
            lines.push((clean_line(src, base, &raw[..a]), base + a));
            forced_right.push(false);
            lines.push((clean_line(src, base + b, &raw[b..]), base + raw.len()));
            forced_right.push(true);
        } else {
            lines.push((clean_line(src, base, raw), base + raw.len()));
            forced_right.push(false);
        }
        right_col = match gap {
            Some(col) => Some((col, 2)),
            None if raw.trim().is_empty() => right_col,
            None => right_col.and_then(|(c, n)| (n > 1).then(|| (c, n - 1))),
        };
        base += raw.len() + 1;
    }
    let nonblank = lines.iter().filter(|(c, _)| !c.text.is_empty()).count();
    // Lines followed by exactly one blank line (a run of two or more, such as the
    // paragraph marker, never counts as pdftotext noise).
    let followed_by_blank = (0..lines.len())
        .filter(|&i| !lines[i].0.text.is_empty())
        .filter(|&i| {
            let run = lines[i + 1..].iter().take_while(|(c, _)| c.text.is_empty()).count();
            run == 1 || (run > 0 && i + 1 + run == lines.len())
        })
        .count();
    // pdftotext style: blank lines say nothing about paragraphs.
    let blanks_are_noise = nonblank > 0 && followed_by_blank * 10 >= nonblank * 6;
    let typical = typical_width(lines.iter().map(|(c, _)| c.text.as_str()));

    // 2. Drop page numbers sitting inside a sentence.
    let idx: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].0.text.is_empty()).collect();
    let mut dropped = vec![false; lines.len()];
    // Last to first, so that "the next line" is the next line that stays (a second pass
    // sees only those; deciding on a dropped one would break idempotence).
    let mut next: Option<&str> = None;
    for &i in idx.iter().rev() {
        let t = lines[i].0.text.as_str();
        if PAGE_NUMBER.is_match(t) {
            let fancy = !t.chars().all(|c| c.is_ascii_digit());
            if fancy || next.and_then(first_char).is_some_and(|c| c.is_lowercase()) {
                dropped[i] = true;
                continue;
            }
        }
        next = Some(t);
    }

    // 3. Two-column layout blocks (`pdftotext -layout` headers and signatures) keep every
    //    line apart, and a right-column line keeps a lead of RIGHT_COLUMN_LEAD spaces.
    let mut column = layout_blocks(src, &lines);
    for (i, f) in forced_right.iter().enumerate() {
        if *f {
            column[i] = Column::Right;
            if i > 0 && column[i - 1] == Column::None {
                column[i - 1] = Column::Left;
            }
        }
    }

    // 4. Glue the kept lines.
    let flags = vec![Flags::default(); lines.len()];
    let mut out = String::with_capacity(src.len());
    let mut map = OffsetMap::default();
    let mut prev: Option<usize> = None; // index of previous kept line
    let mut hard_break = false;
    let mut blank_run = 0;
    for i in 0..lines.len() {
        let (c, _) = &lines[i];
        if c.text.is_empty() {
            if !blanks_are_noise {
                hard_break = true;
            }
            blank_run += 1;
            continue;
        }
        if dropped[i] {
            continue;
        }
        if let Some(p) = prev {
            let (pc, nl) = &lines[p];
            let (la, lb) = (Line { text: &pc.text, flags: &flags[p] }, Line { text: &c.text, flags: &flags[i] });
            let in_block = column[p] != Column::None || column[i] != Column::None;
            let g = match glue(&la, &lb, typical) {
                _ if in_block => Glue::Break,
                Glue::Tight => Glue::Tight, // a wrapped symbol joins even across a blank line
                // So does a sentence that OCR broke with blank lines: a full-width line that
                // does not end a sentence, or ends on a function word, then a lowercase word
                // ("… cán bộ, giáo viên, nhân" ⏎ ⏎ "viên của các đơn vị …").
                // (Three blank lines are the paragraph marker: never joined.)
                Glue::Space if hard_break && blank_run < 3 && wrapped_across_blank(&pc.text, &c.text, typical) => {
                    Glue::Space
                }
                _ if hard_break => Glue::Break,
                g => g,
            };
            match g {
                Glue::Break => {
                    out.push('\n');
                    map.replace(*nl, *nl + 1, 1);
                }
                Glue::Space => {
                    out.push(' ');
                    map.replace(*nl, *nl + 1, 1);
                }
                Glue::Tight => {}
            }
        }
        if column[i] == Column::Right {
            let start = c.parts.first().map_or(0, |r| r.start);
            let line_start = if i == 0 { 0 } else { lines[i - 1].1 + 1 };
            out.push_str(&" ".repeat(RIGHT_COLUMN_LEAD));
            map.replace(line_start.min(start), start, RIGHT_COLUMN_LEAD);
        }
        for r in &c.parts {
            out.push_str(&src[r.clone()]);
            map.copy(r.start, r.len());
        }
        prev = Some(i);
        hard_break = false;
        blank_run = 0;
    }
    map.finish(src.len());
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        repair_lines(s).0
    }

    #[test]
    fn pdftotext_wraps_are_rejoined() {
        let s = "Căn cứ Kết \n\nluận số 114-KL/TW và Chỉ thị số 33/CT- \n\nTTg ngày \n\n22/12/2024 của \n\n";
        assert_eq!(r(s), "Căn cứ Kết luận số 114-KL/TW và Chỉ thị số 33/CT-TTg ngày 22/12/2024 của");
    }

    #[test]
    fn headings_lists_and_signatures_stay_apart() {
        let s = "như sau: \n\nI. MỤC ĐÍCH, YÊU CẦU \n\n1. Tiếp tục nâng cao \n\nnhận thức. \n\n- Gắn công tác \n\n+ Chi tiết \n\nTM. ỦY BAN NHÂN DÂN \n\nKT. CHỦ TỊCH \n\nPHÓ CHỦ TỊCH \n\nLâm Hải Giang \n\n";
        let out = r(s);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            vec![
                "như sau:",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Tiếp tục nâng cao nhận thức.",
                "- Gắn công tác",
                "+ Chi tiết",
                "TM. ỦY BAN NHÂN DÂN",
                "KT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH",
                "Lâm Hải Giang"
            ]
        );
    }

    #[test]
    fn wrapped_proper_names_are_rejoined() {
        let s = "Số: 172/KH-UBND\nThành phố Hồ Chí\nMinh, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\n";
        let out = r(s);
        assert!(out.contains("\nThành phố Hồ Chí Minh, ngày 18"), "{out}");
        // a role line and a name stay apart; a heading and the next sentence too
        assert_eq!(r("CHỦ TỊCH\nĐào Văn Soái\n").lines().count(), 2);
        let long = "Tiếp tục thực hiện nghiêm túc, có hiệu quả các kế hoạch, chương trình phối hợp giữa UBND và Ủy ban MTTQ xã.\n";
        let s = format!("{long}{long}6. Phối hợp chặt chẽ Mặt trận Tổ quốc Việt Nam\n{long}");
        assert_eq!(r(&s).lines().count(), 4);
    }

    #[test]
    fn lines_ending_on_a_function_word_or_head_continue() {
        let long = "Tiếp tục thực hiện nghiêm túc, có hiệu quả các kế hoạch, chương trình phối hợp giữa UBND và Ủy ban MTTQ xã.\n";
        let s = format!(
            "{long}{long}3. Đề nghị Ủy ban Mặt trận\nTổ quốc Việt Nam Thành phố phối hợp với các\nSở, Ban, ngành\n"
        );
        let out = r(&s);
        assert!(
            out.ends_with("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố phối hợp với các Sở, Ban, ngành"),
            "{out}"
        );
    }

    #[test]
    fn page_number_inside_sentence_is_dropped() {
        let s = "dân vận trong tình hình \n\n2 \n\nmới gắn với nhiệm vụ \n\n";
        assert_eq!(r(s), "dân vận trong tình hình mới gắn với nhiệm vụ");
    }

    #[test]
    fn a_layout_row_with_a_narrow_column_gap_is_split_under_the_column_above() {
        let s = "Số: 4240/UBND-VX                      ---------------\nV/v khẩn trương hoàn thành cập        Thành phố Hồ Chí Minh, ngày 28\nnhật, đồng bộ cơ sở dữ liệu cán bộ,   tháng 11 năm 2025\ncông chức, viên chức\nKính gửi: Sở Nội vụ\n";
        let out = r(s);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "nhật, đồng bộ cơ sở dữ liệu cán bộ,", "{out}");
        assert_eq!(lines[3], format!("{}tháng 11 năm 2025", " ".repeat(RIGHT_COLUMN_LEAD)), "{out}");
        assert_eq!(lines[4], "công chức, viên chức", "{out}");
        assert_eq!(r(&out), out, "idempotent");
        // Not under a column: a justified line keeps its words together.
        let plain = "Kế  hoạch  số  1109/QĐ-UBND   ngày 12 tháng 3 năm 2025 của Ủy ban nhân dân\n";
        assert_eq!(r(plain).lines().count(), 1);
    }

    #[test]
    fn ocr_sentences_broken_by_blank_lines_are_rejoined() {
        let long = "Nhằm đảm bảo sức khỏe cho học sinh, sinh viên và cán bộ, giáo viên, nhân";
        let s = format!("{long}\n\n\nviên của các đơn vị, trường học đề nghị UBND các\n\n\nxã, phường thực hiện.\n\n\nCụ thể:\n\n\nthời gian");
        let out = r(&s);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], format!("{long} viên của các đơn vị, trường học đề nghị UBND các xã, phường thực hiện."));
        assert_eq!(lines[1..], ["Cụ thể:", "thời gian"], "a sentence's end or a label is not a wrap");
        let marked = format!("{long}\n\n\n\nviên của");
        assert_eq!(r(&marked).lines().count(), 2, "three blank lines (the paragraph marker) always break");
    }

    #[test]
    fn word_style_blank_lines_are_paragraph_breaks() {
        let s = "Thực hiện Kế hoạch số 14-KH/TU\nngày 29/7/2025 của Ban Thường vụ\n\nI. MỤC ĐÍCH,\nYÊU CẦU\n\nBắc Ninh, ngày 20\ntháng 11 năm 2025\n";
        let out = r(s);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            vec![
                "Thực hiện Kế hoạch số 14-KH/TU ngày 29/7/2025 của Ban Thường vụ",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "Bắc Ninh, ngày 20 tháng 11 năm 2025"
            ]
        );
    }

    #[test]
    fn offsets_point_into_source() {
        let s = "Chỉ thị số 33/CT- \n\nTTg ngày";
        let (t, m) = repair_lines(s);
        let at = t.find("TTg").unwrap();
        assert_eq!(&s[m.start(at)..m.end(at + 3)], "TTg");
        let sym = t.find("33/").unwrap();
        assert_eq!(&s[m.start(sym)..m.end(sym + "33/CT-TTg".len())], "33/CT- \n\nTTg");
    }
}
