//! `.odt` (OpenDocument text): the text of `content.xml` in reading order.
//!
//! `text:p` and `text:h` are lines; `text:tab` a tab, `text:line-break` a line
//! break, `text:s` its spaces; tables are `| … |` rows (covered cells of merged
//! ones stay as empty cells). List labels are rendered from the list styles
//! (`text:list-level-style-number`: format 1, I, i, A, a with prefix and suffix;
//! bullets give "-"), counted per list with `text:start-value`.
//!
//! Example: `<text:list text:style-name="L1"><text:list-item><text:p>Mục đích</text:p>`
//! with level 1 of L1 `style:num-format="I" style:num-suffix="."` → `I. Mục đích`.
//!
//! Limits: lists that continue an earlier list (`text:continue-numbering`,
//! `text:continue-list`) restart at their start value; outline numbering of headings
//! (`text:h` numbered by the outline style) is not rendered. Footnote and annotation
//! bodies, tracked deletions, headers and footers are not read.

use super::docx::{attr, entity};
use super::Flow;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

/// One level of a list style.
#[derive(Debug, Clone, Default)]
struct Level {
    bullet: bool,
    format: String,
    prefix: String,
    suffix: String,
    start: u32,
}

/// List styles: name → levels 1..=10 (index 0 = level 1).
fn list_styles(xml: &str) -> HashMap<String, Vec<Level>> {
    let mut out: HashMap<String, Vec<Level>> = HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut cur: Option<String> = None;
    loop {
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"list-style" => {
                    cur = attr(&e, "name");
                    if let Some(n) = &cur {
                        out.insert(n.clone(), vec![Level { start: 1, ..Level::default() }; 10]);
                    }
                }
                name @ (b"list-level-style-number" | b"list-level-style-bullet") => {
                    let Some(levels) = cur.as_ref().and_then(|n| out.get_mut(n)) else { continue };
                    let i = attr(&e, "level").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, 10) - 1;
                    levels[i] = Level {
                        bullet: name == b"list-level-style-bullet",
                        format: attr(&e, "num-format").unwrap_or_default(),
                        prefix: attr(&e, "num-prefix").unwrap_or_default(),
                        suffix: attr(&e, "num-suffix").unwrap_or_default(),
                        start: attr(&e, "start-value").and_then(|v| v.parse().ok()).unwrap_or(1),
                    };
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"list-style" => cur = None,
            _ => {}
        }
    }
    out
}

/// A counter in an ODF number format.
fn odf_number(v: u32, fmt: &str) -> String {
    let f = match fmt {
        "I" => "upperRoman",
        "i" => "lowerRoman",
        "A" => "upperLetter",
        "a" => "lowerLetter",
        _ => "decimal",
    };
    super::docx::number(v, f)
}

/// An open `text:list`: its style and the counter of its items.
struct List {
    style: Option<String>,
    count: Option<u32>,
}

/// The text of `content.xml`.
/// The text of `content.xml`; `styles` is `styles.xml` (named list styles).
pub(super) fn read_content(xml: &str, styles: &str) -> Result<String, String> {
    let mut styles_map = list_styles(styles);
    styles_map.extend(list_styles(xml));
    let styles = styles_map;
    let mut r = Reader::from_str(xml);
    let mut flow = Flow::default();
    let mut lists: Vec<List> = Vec::new();
    let mut pending_label: Option<String> = None;
    let mut skip = 0usize;
    let mut in_body = false;
    // Depth of open paragraphs (`text:p`, `text:h`): text outside them is layout white space.
    let mut para = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| format!("malformed XML at byte {}: {e}", r.buffer_position()))?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                if skip > 0
                    || matches!(name.as_ref(), b"note-body" | b"annotation" | b"tracked-changes" | b"note-citation")
                {
                    skip += 1;
                    continue;
                }
                match name.as_ref() {
                    b"text" if e.name().as_ref() == b"office:text" => in_body = true,
                    b"list" => {
                        let style = attr(&e, "style-name").or_else(|| lists.last().and_then(|l| l.style.clone()));
                        lists.push(List { style, count: None });
                    }
                    b"list-item" => {
                        let depth = lists.len();
                        if let Some(l) = lists.last_mut() {
                            let level = l
                                .style
                                .as_ref()
                                .and_then(|s| styles.get(s))
                                .map(|v| v[(depth.max(1) - 1).min(9)].clone())
                                .unwrap_or_default();
                            let start = attr(&e, "start-value").and_then(|v| v.parse().ok());
                            let n = start.unwrap_or_else(|| l.count.map_or(level.start.max(1), |c| c + 1));
                            l.count = Some(n);
                            pending_label = if level.bullet {
                                Some("-".to_string())
                            } else if !level.format.is_empty() {
                                Some(format!("{}{}{}", level.prefix, odf_number(n, &level.format), level.suffix))
                            } else {
                                None
                            };
                        }
                    }
                    b"p" | b"h" => {
                        para += 1;
                        if let Some(l) = pending_label.take() {
                            flow.text(&l);
                            flow.push(' ');
                        }
                    }
                    b"table" => flow.start_table(),
                    b"table-row" => flow.start_row(),
                    b"table-cell" | b"covered-table-cell" => flow.start_cell(),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 || !in_body {
                    continue;
                }
                match e.local_name().as_ref() {
                    b"tab" => flow.push('\t'),
                    b"line-break" => flow.line_break(),
                    b"s" => {
                        let n: usize = attr(&e, "c").and_then(|v| v.parse().ok()).unwrap_or(1);
                        flow.text(&" ".repeat(n.min(64)));
                    }
                    b"p" | b"h" => flow.end_para(),
                    b"table-cell" | b"covered-table-cell" => flow.start_cell(),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    b"p" | b"h" => {
                        para = para.saturating_sub(1);
                        flow.end_para();
                    }
                    b"list" => {
                        lists.pop();
                    }
                    b"table" => flow.end_table(),
                    b"text" if e.name().as_ref() == b"office:text" => in_body = false,
                    _ => {}
                }
            }
            Event::Text(t) if para > 0 && skip == 0 => {
                // ODF collapses white space inside a paragraph (`text:s` and `text:tab` are explicit).
                let raw = t.decode().map_err(|e| e.to_string())?;
                let mut last_space = flow.para.ends_with(' ') || flow.para.is_empty();
                for c in raw.chars() {
                    if matches!(c, ' ' | '\t' | '\n' | '\r') {
                        if !last_space {
                            flow.push(' ');
                        }
                        last_space = true;
                    } else {
                        flow.push(c);
                        last_space = false;
                    }
                }
            }
            Event::GeneralRef(g) if para > 0 && skip == 0 => flow.text(&entity(&g)),
            _ => {}
        }
    }
    Ok(flow.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="tb" xmlns:style="s">
            <office:automatic-styles><text:list-style style:name="L1">
              <text:list-level-style-number text:level="1" style:num-format="I" style:num-suffix="."/>
              <text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix=")"/>
              <text:list-level-style-bullet text:level="3" text:bullet-char="•"/>
            </text:list-style></office:automatic-styles>
            <office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        )
    }

    #[test]
    fn paragraphs_tables_and_lists() {
        let body = r#"<text:p>KẾ HOẠCH</text:p><text:p>a<text:tab/>b<text:s text:c="2"/>c<text:line-break/>d &amp; e</text:p>
            <table:table><table:table-row><table:table-cell><text:p>STT</text:p></table:table-cell>
            <table:table-cell table:number-columns-spanned="2"><text:p>Nhiệm vụ</text:p></table:table-cell><table:covered-table-cell/>
            <table:table-cell><text:p>Chủ trì</text:p></table:table-cell></table:table-row></table:table>
            <text:list text:style-name="L1"><text:list-item><text:p>MỤC ĐÍCH</text:p>
              <text:list><text:list-item><text:p>Một</text:p></text:list-item><text:list-item><text:p>Hai</text:p>
                <text:list><text:list-item><text:p>ý</text:p></text:list-item></text:list></text:list-item></text:list></text:list-item>
            <text:list-item><text:p>TỔ CHỨC<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>chú</text:p></text:note-body></text:note></text:p></text:list-item></text:list>"#;
        assert_eq!(
            read_content(&doc(body), "").unwrap(),
            "KẾ HOẠCH\na\tb  c\nd & e\n| STT | Nhiệm vụ | | Chủ trì |\n\nI. MỤC ĐÍCH\n1) Một\n2) Hai\n- ý\nII. TỔ CHỨC\n"
        );
    }
}
