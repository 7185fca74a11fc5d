//! # structure — the landmarks of one document, computed once
//!
//! Why: every extractor needs to know where it stands: the units extractor reads
//! the numbered items of "TỔ CHỨC THỰC HIỆN" and the task tables, the citation
//! extractor labels each mention with the section heading it stands under, the
//! deadline extractor attributes a due time to the item it is in, and all of them
//! must skip the "Nơi nhận" block and the signature. Each used to find these on its
//! own; now [`Structure::of`] finds them once, over the normalized text, and the
//! extractors read them from [`crate::extract::Doc`].
//!
//! What it finds (byte ranges into the normalized text):
//! - **sections**: Roman-numeral headings ("III. TỔ CHỨC THỰC HIỆN", also wrapped
//!   over two upper-case lines) and appendix headings ("PHỤ LỤC"), each with its
//!   body range and whether it assigns tasks (tổ chức thực hiện, phân công nhiệm
//!   vụ, trách nhiệm thực hiện …);
//! - **items**: numbered items `1.`, `1.1.`, `a)`, `(1)` with their level, the
//!   item's full heading (the marker's line) and its range, up to the next item of
//!   the same or an outer level, or the end of the section;
//! - **tables**: rows written `| a | b |` (Markdown, text tables of Word exports),
//!   as cells, grouped in tables of consecutive rows;
//! - **addressees**: the entries after "Kính gửi:" (or a Công điện's "… điện:");
//! - **closing**: the "Nơi nhận" block (recipients) and where the body ends.
//!
//! Example: for "III. TỔ CHỨC THỰC HIỆN\n1. Văn phòng UBND xã\n- Tham mưu …\nNơi nhận:\n- UBND huyện;"
//! the structure holds one section (tasks: true) with one item (level 1,
//! heading "1. Văn phòng UBND xã", range up to "Nơi nhận"), and the recipients
//! block from "Nơi nhận:" to the end.
//!
//! Limits: flattened pdftotext tables (cells on separate lines) are not rows here
//! (the unit table reader anchors them on their TT numbers); page boundaries are
//! not recorded (form feeds are removed by normalization); an item list whose
//! numbers restart inside a section (1, 2, 1, 2) is read as siblings.

pub(crate) mod columns;
pub(crate) mod landmark;

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// The title of a section that assigns tasks (lowercase, after the numeral).
static TASK_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
           tổ\ chức\ thực\ hiện                      # TỔ CHỨC THỰC HIỆN
          |trách\ nhiệm\ thực\ hiện                  # TRÁCH NHIỆM THỰC HIỆN
          |phân\ công\ (?:nhiệm\ vụ|trách\ nhiệm|thực\ hiện)  # PHÂN CÔNG NHIỆM VỤ
          |trách\ nhiệm\ của\ các\                   # TRÁCH NHIỆM CỦA CÁC CƠ QUAN, ĐƠN VỊ
          |nội\ dung,\ tiến\ độ,\ phân\ công          # NỘI DUNG, TIẾN ĐỘ, PHÂN CÔNG TRÁCH NHIỆM
          |nhiệm\ vụ\ (?:cụ\ thể|và\ giải\ pháp)(?:\ và\ phân\ công)?\b.{0,40}phân\ công  # NHIỆM VỤ … PHÂN CÔNG
        )",
    )
    .expect("TASK_SECTION")
});

/// An item marker at the start of a line: `1. `, `1.1. `, `1.2.3 `, `a) `, `(1) `, `1) `.
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
          (?P<num>\d{1,2}(?:\.\d{1,2}){0,3})(?:\.\s+|\s+\p{Lu})     # 1. | 1.1. | 1.1 Xây (the capital is re-read)
         |(?P<let>[a-zđ])\)\s+                                     # a)
         |\((?P<par>\d{1,2})\)\s*                                  # (1)
         |(?P<paren>\d{1,2})\)\s+                                  # 1)
        )",
    )
    .expect("ITEM")
});

/// A section with its heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The heading's range (one or two lines).
    pub heading: Range<usize>,
    /// The heading text on one line, at most 120 characters.
    pub title: String,
    /// From the heading to the next section, the closing block or the end.
    pub range: Range<usize>,
    /// Its items assign tasks to units (tổ chức thực hiện, phân công nhiệm vụ …).
    pub tasks: bool,
    /// An appendix (PHỤ LỤC).
    pub appendix: bool,
}

/// The kind of an item's marker, which tells its nesting level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// `1.`, `2.` (depth 0), `1.1.` (depth 1), `1.1.1.` (depth 2).
    Number(u8),
    /// `a)`, `b)`.
    Letter,
    /// `(1)`, `1)`.
    Paren,
}

/// A numbered item.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Its marker.
    pub marker: Marker,
    /// The marker as written, without trailing spaces (`1.`, `2.1.`, `a)`).
    pub label: String,
    /// The heading line (marker included).
    pub heading: Range<usize>,
    /// Where the text after the marker starts.
    pub text_start: usize,
    /// From the marker to the next item of the same or an outer level, or the section end.
    pub range: Range<usize>,
    /// The section it stands in.
    pub section: Option<usize>,
    /// Nesting depth inside its section: 0 for the first kind of marker met there
    /// ("1." under "III."), 1 for the next kind ("a)" or "1.1."), and so on.
    pub depth: u8,
}

/// A row of a `| … |` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The whole line.
    pub range: Range<usize>,
    /// Cell contents, trimmed (a blank cell is an empty range at its start).
    pub cells: Vec<Range<usize>>,
}

/// Consecutive `| … |` rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Rows in order (separator rows `|---|` left out).
    pub rows: Vec<Row>,
}

/// The landmarks of a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Structure {
    /// Line ranges (without the line break).
    pub lines: Vec<Range<usize>>,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Items in order.
    pub items: Vec<Item>,
    /// `| … |` tables in order.
    pub tables: Vec<Table>,
    /// The "Nơi nhận" block: from its label to the block's end.
    pub recipients: Option<Range<usize>>,
    /// The addressees of a letter or a Công điện, one range per entry: what follows
    /// "Kính gửi:" (on its line, the bullets under it, or one short line) or "… điện:".
    pub addressees: Vec<Range<usize>>,
    /// Where the body ends: the closing "Trên đây là …" line, the "Nơi nhận" block or
    /// the signature's authority line (TM./KT./Q.), whichever comes first after the body.
    pub body_end: usize,
}

/// The line is in capitals (letters only counted), at least 3 letters.
fn upper(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// The addressee entries: the rest of the opening line, each bullet line under it (up to the
/// first line that is not one), or else one short line right under it ("Kính gửi:" ⏎
/// "Ủy ban nhân dân tỉnh."). Looked for before the body's first numbered item, in the
/// document's first 40 lines.
fn addressees(text: &str, lines: &[Range<usize>], body_end: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let Some(i) = lines
        .iter()
        .take(40)
        .take_while(|r| r.start < body_end)
        .position(|r| landmark::addressees_label(&text[r.clone()]).is_some())
    else {
        return out;
    };
    let r = &lines[i];
    let rest = landmark::addressees_label(&text[r.clone()]).map_or(r.end, |e| r.start + e);
    let entry = |a: usize, b: usize| {
        let s = &text[a..b];
        let a = a + (s.len() - s.trim_start_matches(['-', '+', '•', '*', ' ']).len());
        let b = a + text[a..b].trim_end_matches([' ', ';', '.', ',']).len();
        (b > a).then_some(a..b)
    };
    out.extend(entry(rest, r.end));
    let mut j = i + 1;
    while j < lines.len() && lines[j].start < body_end {
        let l = text[lines[j].clone()].trim_start();
        let bullet = l.starts_with(['-', '+', '•']);
        let lone = !bullet && out.is_empty() && !l.is_empty() && l.chars().count() <= 100 && !ITEM.is_match(l);
        if !(bullet || lone) {
            break;
        }
        out.extend(entry(lines[j].start, lines[j].end));
        j += 1;
        if lone {
            break;
        }
    }
    out
}

impl Structure {
    /// Compute the landmarks of a normalized text.
    pub(crate) fn of(text: &str) -> Structure {
        let mut lines = Vec::new();
        let mut pos = 0;
        for l in text.split('\n') {
            lines.push(pos..pos + l.len());
            pos += l.len() + 1;
        }
        let line = |i: usize| &text[lines[i].clone()];

        // Closing: the last "Nơi nhận" line; the block runs to a long line, an appendix or the end.
        let mut recipients = None;
        if let Some(r) = (0..lines.len()).rev().find(|&i| landmark::is_recipients(line(i))) {
            let mut e = r + 1;
            while e < lines.len() {
                let l = line(e);
                if l.chars().count() > 90 || landmark::is_appendix(l) {
                    break;
                }
                e += 1;
            }
            recipients = Some(lines[r].start..lines[e - 1].end);
        }
        let first_appendix = (0..lines.len())
            .find(|&i| landmark::is_appendix(line(i)) && recipients.as_ref().is_none_or(|r| lines[i].start > r.start));
        // The body ends at "Trên đây là …" / the recipients / an authority line after the last section start.
        let mut body_end = recipients.as_ref().map_or(text.len(), |r| r.start);
        if let Some(a) = first_appendix {
            body_end = body_end.min(lines[a].start);
        }
        for (i, r) in lines.iter().enumerate() {
            if r.start >= body_end {
                break;
            }
            let l = line(i);
            if (landmark::is_closing(l) && r.start > text.len() / 3)
                || (landmark::is_authority(l) && upper(l) && r.start > text.len() / 2)
            {
                body_end = r.start;
                break;
            }
        }

        // Sections.
        let mut sections: Vec<Section> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let l = line(i);
            let Some(kind) = landmark::section_heading(l) else {
                i += 1;
                continue;
            };
            let appendix = kind == landmark::Heading::Appendix;
            let mut heading = lines[i].clone();
            // "IV. TỔ CHỨC" ⏎ "THỰC HIỆN": an upper-case heading wrapped onto an upper-case line.
            if !appendix
                && upper(l)
                && i + 1 < lines.len()
                && upper(line(i + 1))
                && landmark::section_heading(line(i + 1)).is_none()
            {
                heading.end = lines[i + 1].end;
                i += 1;
            }
            let title: String = text[heading.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
            let after = title.split_once(". ").map_or(title.as_str(), |(_, t)| t).to_lowercase();
            let tasks = !appendix && TASK_SECTION.is_match(&after);
            sections.push(Section {
                heading: heading.clone(),
                title: title.chars().take(120).collect(),
                range: heading.start..text.len(),
                tasks,
                appendix,
            });
            i += 1;
        }
        for k in 0..sections.len() {
            let next = sections.get(k + 1).map_or(text.len(), |s| s.range.start);
            let s = &mut sections[k];
            let end = if s.range.start < body_end && body_end < next { body_end } else { next };
            s.range.end = end.max(s.heading.end);
        }
        // Section headings start lines in order: a binary search, not a scan per line.
        let is_heading = |p: usize| sections.binary_search_by_key(&p, |s| s.heading.start).is_ok();
        let section_of = |p: usize| -> Option<usize> {
            let k = sections.partition_point(|s| s.range.start <= p);
            (k > 0 && p < sections[k - 1].range.end).then(|| k - 1)
        };

        // Items, with a stack of open levels.
        let mut items: Vec<Item> = Vec::new();
        let mut open: Vec<usize> = Vec::new(); // indices into items, outermost first
        let mut open_rank: Vec<(Marker, usize)> = Vec::new(); // marker kind and its rank (order of appearance)
        let mut seen: Vec<Marker> = Vec::new(); // kinds in order of first appearance in the current section
        let mut cur_section: Option<usize> = None;
        for (i, r) in lines.iter().enumerate() {
            let l = line(i);
            let sec = section_of(r.start);
            let stop = recipients.as_ref().is_some_and(|x| r.start >= x.start && r.start < x.end)
                || is_heading(r.start)
                || sec != cur_section;
            if stop {
                for k in open.drain(..) {
                    items[k].range.end = items[k].range.end.max(prev_end(&lines, i));
                }
                open_rank.clear();
                if sec != cur_section {
                    seen.clear();
                    cur_section = sec;
                }
                if is_heading(r.start) || landmark::is_recipients(l) {
                    continue;
                }
            }
            let Some(c) = ITEM.captures(l) else { continue };
            let marker = if let Some(n) = c.name("num") {
                Marker::Number(n.as_str().matches('.').count() as u8)
            } else if c.name("let").is_some() {
                Marker::Letter
            } else {
                Marker::Paren
            };
            // "2025. Năm …" or a date "15. 6" are not items: numbers above 60 are not markers.
            if let Some(n) = c.name("num").or(c.name("par")).or(c.name("paren")) {
                if n.as_str().split('.').next().and_then(|x| x.parse::<u32>().ok()).is_none_or(|x| x > 60) {
                    continue;
                }
            }
            if !seen.contains(&marker) {
                seen.push(marker);
            }
            let rank = seen.iter().position(|m| *m == marker).unwrap_or(0);
            // Close every open item at the same or a deeper rank.
            while let Some(&(_, r2)) = open_rank.last() {
                if r2 >= rank {
                    let k = open.pop().expect("open item");
                    open_rank.pop();
                    items[k].range.end = prev_end(&lines, i);
                } else {
                    break;
                }
            }
            // The marker without its spaces (and without the capital the `1.1 Xây` form reads).
            let whole = c.get(0).map_or("", |m| m.as_str());
            let label = match whole.chars().last() {
                Some(ch) if ch.is_uppercase() => &whole[..whole.len() - ch.len_utf8()],
                _ => whole,
            }
            .trim_end()
            .to_string();
            let text_start = r.start + l.len() - l[label.len()..].trim_start().len();
            items.push(Item {
                marker,
                label,
                heading: r.clone(),
                text_start,
                range: r.start..r.end,
                section: sec,
                depth: rank as u8,
            });
            open.push(items.len() - 1);
            open_rank.push((marker, rank));
        }
        let end_all = prev_end(&lines, lines.len());
        for k in open {
            let lim = items[k].section.map_or(body_end.max(items[k].range.end), |s| sections[s].range.end);
            items[k].range.end = lim.min(end_all).max(items[k].heading.end);
        }
        // An item never runs past its section's end or into the closing block.
        for it in &mut items {
            if let Some(s) = it.section {
                it.range.end = it.range.end.min(sections[s].range.end).max(it.heading.end);
            }
            if let Some(rc) = &recipients {
                if it.range.start < rc.start {
                    it.range.end = it.range.end.min(rc.start).max(it.heading.end);
                }
            }
        }

        // Tables of `| … |` rows.
        let mut tables: Vec<Table> = Vec::new();
        let mut cur: Vec<Row> = Vec::new();
        for r in &lines {
            let l = &text[r.clone()];
            if !l.starts_with('|') {
                if !cur.is_empty() {
                    tables.push(Table { rows: std::mem::take(&mut cur) });
                }
                continue;
            }
            if l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                continue;
            }
            cur.push(Row { range: r.clone(), cells: cells(text, r) });
        }
        if !cur.is_empty() {
            tables.push(Table { rows: cur });
        }

        let addressees = addressees(text, &lines, body_end);
        Structure { lines, sections, items, tables, recipients, addressees, body_end }
    }

    /// The section heading the offset stands under.
    pub(crate) fn section_at(&self, pos: usize) -> Option<&Section> {
        let k = self.sections.partition_point(|s| s.heading.start <= pos);
        (k > 0).then(|| &self.sections[k - 1])
    }

    /// The innermost item whose range holds `pos`.
    pub(crate) fn item_at(&self, pos: usize) -> Option<&Item> {
        let k = self.items.partition_point(|it| it.range.start <= pos);
        self.items[..k].iter().rev().filter(|it| pos < it.range.end).min_by_key(|it| it.range.end - it.range.start)
    }

    /// Whether `pos` is in the "Nơi nhận" block.
    pub(crate) fn in_recipients(&self, pos: usize) -> bool {
        self.recipients.as_ref().is_some_and(|r| r.contains(&pos))
    }

    /// The items of task sections, outermost level of each section first met.
    pub(crate) fn task_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|it| it.section.is_some_and(|s| self.sections[s].tasks))
    }
}

/// End of line `i - 1` (the start when `i == 0`).
fn prev_end(lines: &[Range<usize>], i: usize) -> usize {
    if i == 0 {
        0
    } else {
        lines[i - 1].end
    }
}

/// The trimmed cells of a `| a | b |` line (a blank cell is an empty range at its start).
fn cells(text: &str, r: &Range<usize>) -> Vec<Range<usize>> {
    let line = &text[r.clone()];
    let mut out = Vec::new();
    let mut s = r.start + 1;
    for (i, _) in line.match_indices('|').skip(1) {
        let raw = s..r.start + i;
        let inner = &text[raw.clone()];
        let a = raw.start + (inner.len() - inner.trim_start().len());
        out.push(a..a + inner.trim().len());
        s = r.start + i + 1;
    }
    // A row without a closing bar keeps its last cell.
    if s < r.end {
        let inner = &text[s..r.end];
        if !inner.trim().is_empty() {
            let a = s + (inner.len() - inner.trim_start().len());
            out.push(a..a + inner.trim().len());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "KẾ HOẠCH\nTriển khai công tác dân vận\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao.\nIII. TỔ CHỨC\nTHỰC HIỆN\n1. Văn phòng UBND xã\n- Tham mưu.\na) Tuyên truyền.\nb) Báo cáo.\n2. Công chức Văn hóa - Xã hội\n2.1. Theo dõi.\n(1) Lần thứ nhất.\nTrên đây là Kế hoạch của UBND xã./.\nNơi nhận:\n- UBND huyện;\n- Lưu VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n";

    fn text_of<'a>(t: &'a str, r: &Range<usize>) -> &'a str {
        &t[r.clone()]
    }

    #[test]
    fn sections_items_and_closing() {
        let s = Structure::of(PLAN);
        assert_eq!(s.sections.len(), 2, "{s:#?}");
        assert_eq!(s.sections[1].title, "III. TỔ CHỨC THỰC HIỆN");
        assert!(s.sections[1].tasks && !s.sections[0].tasks);
        let labels: Vec<&str> = s.items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["1.", "1.", "a)", "b)", "2.", "2.1.", "(1)"]);
        let vp = &s.items[1];
        assert_eq!(text_of(PLAN, &vp.heading), "1. Văn phòng UBND xã");
        assert!(text_of(PLAN, &vp.range).ends_with("b) Báo cáo."), "{:?}", text_of(PLAN, &vp.range));
        let two = &s.items[4];
        assert!(text_of(PLAN, &two.range).ends_with("(1) Lần thứ nhất."), "{:?}", text_of(PLAN, &two.range));
        assert!(text_of(PLAN, &s.recipients.clone().unwrap()).starts_with("Nơi nhận:"));
        assert!(PLAN[s.body_end..].starts_with("Trên đây là"));
        assert_eq!(s.task_items().count(), 6);
        let p = PLAN.find("Tuyên truyền").unwrap();
        assert_eq!(s.item_at(p).map(|i| i.label.as_str()), Some("a)"));
        assert_eq!(s.section_at(p).map(|x| x.title.as_str()), Some("III. TỔ CHỨC THỰC HIỆN"));
        assert!(s.in_recipients(PLAN.find("Lưu VT").unwrap()));
        assert!(!s.in_recipients(p));
    }

    #[test]
    fn tables_with_blank_cells() {
        let t = "| TT | Nhiệm vụ | Chủ trì | Phối hợp |\n|---|---|---|---|\n| 1 | Tuyên truyền | Văn phòng |  |\nsau bảng\n| a | b\n";
        let s = Structure::of(t);
        assert_eq!(s.tables.len(), 2);
        assert_eq!(s.tables[0].rows.len(), 2, "the separator row is left out");
        let r = &s.tables[0].rows[1];
        let cells: Vec<&str> = r.cells.iter().map(|c| &t[c.clone()]).collect();
        assert_eq!(cells, ["1", "Tuyên truyền", "Văn phòng", ""]);
        let cells: Vec<&str> = s.tables[1].rows[0].cells.iter().map(|c| &t[c.clone()]).collect();
        assert_eq!(cells, ["a", "b"]);
    }

    #[test]
    fn no_false_items_or_sections() {
        let t = "Năm 2025. Tiếp tục\n2025. Năm bản lề\nIV.Không phải\nVí dụ: I. là chữ\n";
        let s = Structure::of(t);
        assert!(s.items.is_empty(), "{s:#?}");
        assert!(s.sections.is_empty(), "{s:#?}");
        assert_eq!(s.body_end, t.len());
        assert!(Structure::of("").items.is_empty());
    }
}

#[cfg(test)]
mod addressee_tests {
    use super::*;

    fn entries(t: &str) -> Vec<&str> {
        Structure::of(t).addressees.iter().map(|r| &t[r.clone()]).collect()
    }

    #[test]
    fn addressee_blocks() {
        let t = "THỦ TƯỚNG CHÍNH PHỦ\nCÔNG ĐIỆN\nTHỦ TƯỚNG CHÍNH PHỦ điện:\n- Bộ trưởng, Thủ trưởng cơ quan ngang Bộ;\n- Chủ tịch Ủy ban nhân dân các tỉnh.\nThiết thực lập thành tích …";
        assert_eq!(entries(t), ["Bộ trưởng, Thủ trưởng cơ quan ngang Bộ", "Chủ tịch Ủy ban nhân dân các tỉnh"]);
        assert_eq!(
            entries("Số: 1/STP\nKính gửi:\nỦy ban nhân dân tỉnh.\nSở Tư pháp nhận được …"),
            ["Ủy ban nhân dân tỉnh"]
        );
        assert_eq!(entries("V/v rà soát\nKính gửi: Sở Xây dựng\nNgày 1 …"), ["Sở Xây dựng"]);
        assert!(entries("KẾ HOẠCH\nTriển khai\n1. Mục đích").is_empty());
        assert_eq!(
            entries(
                "V/v kiểm soát ô nhiễm\nKính-dủd: kxJ\n- UBND các xã, phường;\n- Các đơn vị trực thuộc.\nThực hiện …"
            ),
            ["kxJ", "UBND các xã, phường", "Các đơn vị trực thuộc"]
        );
        assert_eq!(entries("Kính trình: Chủ tịch UBND tỉnh\nSở Nội vụ …"), ["Chủ tịch UBND tỉnh"]);
    }
}
