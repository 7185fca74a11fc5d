//! # chrome — the parts of a web copy that are not the document
//!
//! **Finds** the site's banners, metadata panels, "related documents" lists, captions,
//! notices and footers, from the markers of `data/lexicon/chrome.tsv` (an analyst adds a
//! site by adding lines there), as byte ranges of the normalized text; and the page's own
//! number from its metadata panel ("Số hiệu: 5348/CT-CS").
//!
//! **Example**: on a thuvienphapluat.vn copy, the privacy footer "Thực hiện Nghị định
//! 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế …" lies in the range opened by the tail
//! marker `^Sứ mệnh của THƯ VIỆN PHÁP LUẬT`, so 13/2023/NĐ-CP is not a citation of the page.
//!
//! **Limits**: markers are matched line by line on the normalized text (where short lines
//! may have been joined), so a marker must be written for that text; a page layout that no
//! marker describes is read as document text.

use super::Doc;
use crate::lexicon::{ChromeKind, ChromeRule};
use std::ops::Range;

/// Lines of `text` with their byte ranges (without the '\n').
fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.split('\n').scan(0usize, |pos, l| {
        let s = *pos;
        *pos += l.len() + 1;
        Some(s..s + l.len())
    })
}

/// A line that carries nothing (blank, or only table pipes).
fn empty(line: &str) -> bool {
    line.trim_matches(|c: char| c == '|' || c.is_whitespace()).is_empty()
}

/// The chrome ranges of `text` under `rules`, sorted and merged.
pub(crate) fn ranges_in(text: &str, rules: &[ChromeRule]) -> Vec<Range<usize>> {
    if rules.iter().all(|r| r.kind == ChromeKind::Number) {
        return Vec::new();
    }
    let all: Vec<Range<usize>> = lines(text).collect();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    'lines: while i < all.len() {
        let line = &text[all[i].clone()];
        for r in rules {
            if r.kind == ChromeKind::Number || !r.start.is_match(line) {
                continue;
            }
            match r.kind {
                ChromeKind::Tail => {
                    out.push(all[i].start..text.len());
                    break 'lines;
                }
                ChromeKind::Block => {
                    let end_re = r.end.as_ref().expect("a block has an end (checked when loading)");
                    // no end within 200 lines: not this site's block (a plan's own "Số hiệu:")
                    let Some(mut j) = (i + 1..all.len().min(i + 200)).find(|&j| end_re.is_match(&text[all[j].clone()]))
                    else {
                        continue;
                    };
                    let mut kept = 0;
                    while kept < r.after && j + 1 < all.len() {
                        j += 1;
                        if !empty(&text[all[j].clone()]) {
                            kept += 1;
                        }
                    }
                    out.push(all[i].start..all[j].end);
                    i = j + 1;
                    continue 'lines;
                }
                _ => {
                    out.push(all[i].clone());
                    i += 1;
                    continue 'lines;
                }
            }
        }
        i += 1;
    }
    out
}

/// The chrome ranges of a document (normalized offsets), sorted, not overlapping; computed
/// once by [`Doc::new`].
pub(crate) fn chrome_ranges<'d>(doc: &'d Doc) -> &'d [Range<usize>] {
    &doc.chrome
}

/// Whether `pos` lies in one of `ranges` (sorted).
pub fn inside(ranges: &[Range<usize>], pos: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= pos);
    ranges.get(i).is_some_and(|r| r.start <= pos)
}

/// The own number a metadata panel gives ("Số hiệu:" then "| 5348/CT-CS"), as written; only
/// a label that stands in chrome counts (`chrome` as [`ranges_in`] gives it).
pub(crate) fn panel_number_in<'t>(text: &'t str, rules: &[ChromeRule], chrome: &[Range<usize>]) -> Option<&'t str> {
    let labels: Vec<&ChromeRule> = rules.iter().filter(|r| r.kind == ChromeKind::Number).collect();
    if labels.is_empty() || chrome.is_empty() {
        return None;
    }
    let mut it = lines(text);
    while let Some(r) = it.next() {
        let line = &text[r.clone()];
        let Some(m) = labels.iter().find_map(|l| l.start.find(line)) else { continue };
        if !inside(chrome, r.start + m.start()) {
            continue;
        }
        let rest = line[m.end()..].trim_matches(|c: char| c == '|' || c.is_whitespace());
        let value = if rest.is_empty() {
            it.by_ref()
                .map(|l| text[l].trim_matches(|c: char| c == '|' || c.is_whitespace()))
                .find(|l| !l.is_empty())?
        } else {
            rest
        };
        return (value.chars().any(|c| c.is_ascii_digit()) && value.len() <= 60).then_some(value);
    }
    None
}

/// The page's own number from its metadata panel; `chrome` as [`chrome_ranges`] gives it.
pub(crate) fn panel_number<'d>(doc: &'d Doc, chrome: &[Range<usize>]) -> Option<&'d str> {
    panel_number_in(doc.text(), &doc.lex.chrome, chrome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    const PAGE: &str = "Bản dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép …
Đang tải văn bản...
Số hiệu:
| 5348/CT-CS
|
Loại văn bản:
|
Công văn
Tình trạng:
|
Đã biết
BỘ TÀI CHÍNH
Số: 5348/CT-CS
Căn cứ Nghị định số 181/2025/NĐ-CP ngày 01/7/2025 của Chính phủ;
Phạm Thị Minh Hiền
Công văn 5348/CT-CS năm 2025 hướng dẫn góp vốn điều lệ do Cục Thuế ban hành Văn bản này chưa cập nhật nội dung Tiếng Anh
Ban hành: 11/11/2025
Sứ mệnh của THƯ VIỆN PHÁP LUẬT là: … kết nối cộng đồng Dân Luật Việt Nam, nhằm:
Thực hiện Nghị định 13/2023/NĐ-CP, chúng tôi cập nhật Quy chế";

    fn covered(text: &str, what: &str) -> bool {
        let r = ranges_in(text, &Lexicon::embedded().chrome);
        let at = text.find(what).unwrap();
        inside(&r, at)
    }

    #[test]
    fn banner_panel_caption_and_footer_are_chrome() {
        assert!(covered(PAGE, "Bản dịch"));
        assert!(covered(PAGE, "| 5348/CT-CS"));
        assert!(covered(PAGE, "Đã biết"));
        assert!(covered(PAGE, "Công văn 5348/CT-CS năm 2025"));
        assert!(covered(PAGE, "13/2023/NĐ-CP"));
        assert!(covered(PAGE, "Dân Luật"));
    }

    #[test]
    fn the_document_is_not_chrome() {
        assert!(!covered(PAGE, "BỘ TÀI CHÍNH"));
        assert!(!covered(PAGE, "Số: 5348"));
        assert!(!covered(PAGE, "181/2025/NĐ-CP"));
        assert!(!covered(PAGE, "Phạm Thị Minh Hiền"));
        // a plan that speaks of related documents is not a related-documents list
        let plan = "Căn cứ các văn bản liên quan\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021";
        assert!(!covered(plan, "33/CT-TTg"));
        assert!(ranges_in("KẾ HOẠCH\nSố hiệu: không\n", &Lexicon::embedded().chrome).is_empty());
    }

    #[test]
    fn the_panel_gives_the_own_number() {
        let lx = Lexicon::embedded();
        let own = |t: &str| panel_number_in(t, &lx.chrome, &ranges_in(t, &lx.chrome)).map(str::to_string);
        assert_eq!(own(PAGE).as_deref(), Some("5348/CT-CS"));
        let joined =
            "Nghị định 304/2025/NĐ-CP điều kiện tài sản bảo đảm Số hiệu:\n| 304/2025/NĐ-CP\nTình trạng:\nĐã biết\n";
        assert_eq!(own(joined).as_deref(), Some("304/2025/NĐ-CP"));
        // a "Số hiệu:" outside a panel (a plan's list of documents) names no own number
        assert_eq!(own("Số hiệu: 12/KH-UBND\n"), None);
        assert_eq!(own("Số: 12/KH-UBND\n"), None);
        assert_eq!(own("Số hiệu:\n|\nĐang cập nhật\nTình trạng:\nĐã biết\n"), None);
    }
}
