//! `.docx` (Office Open XML): the text of `word/document.xml` in reading order.
//!
//! Paragraphs (`w:p`) are lines; runs' `w:t` are their text, `w:tab` a tab,
//! `w:br`/`w:cr` a line break; tables (`w:tbl`) are `| … |` rows (see the parent
//! module), a merged cell (`w:gridSpan`) followed by empty cells so the columns
//! stay aligned. Automatic numbering is rendered from `word/numbering.xml` (and
//! a style's numbering from `word/styles.xml`): `Điều %1.` with a decimal counter
//! gives "Điều 1.", "Điều 2." …; bullets give "-".
//!
//! Example: `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>
//! <w:r><w:t>Mục đích</w:t></w:r></w:p>` with level 0 `%1.` upperRoman → `I. Mục đích`.
//!
//! Limits: numbering is counted per abstract definition (lists sharing one continue each
//! other; a start override restarts it at the list's first paragraph), deeper levels restart
//! under a higher one; `w:lvlRestart`, legal numbering (`w:isLgl`) and numbering formats other than
//! decimal, roman and letters (e.g. Vietnamese counting words) are not rendered as
//! Word does, so an auto-numbered "Điều 1." or "1." may read differently or be lost.
//! Deleted revisions, field codes, text boxes' fallback copies, headers, footers,
//! footnotes and comments are not read. A `.docx` with no `word/document.xml` but an
//! OpenDocument `content.xml` is read as `.odt`.

use super::{Flow, Format};
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;

/// Largest XML part read (bytes, uncompressed): a guard against zip bombs.
const MAX_PART: u64 = 256 << 20;

/// The text of a DOCX or ODT archive, and the format it turned out to be.
pub(crate) fn read_zip(bytes: &[u8], hint: Format) -> Result<(Format, String), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable {} file (damaged ZIP archive: {e})", hint.name()))?;
    let mut part = |name: &str| -> Result<Option<String>, String> {
        let Ok(f) = zip.by_name(name) else { return Ok(None) };
        let mut s = String::new();
        f.take(MAX_PART)
            .read_to_string(&mut s)
            .map_err(|e| format!("{name} inside the {} archive cannot be read: {e}", hint.name()))?;
        Ok(Some(s))
    };
    if let Some(doc) = part("word/document.xml")? {
        let numbering = part("word/numbering.xml")?.unwrap_or_default();
        let styles = part("word/styles.xml")?.unwrap_or_default();
        let text = read_document(&doc, &Numbering::parse(&numbering, &styles))
            .map_err(|e| format!("word/document.xml: {e}"))?;
        return Ok((Format::Docx, text));
    }
    if let Some(content) = part("content.xml")? {
        let styles = part("styles.xml")?.unwrap_or_default();
        let text = super::odt::read_content(&content, &styles).map_err(|e| format!("content.xml: {e}"))?;
        return Ok((Format::Odt, text));
    }
    Err(format!(
        "a ZIP archive without a Word document (no word/document.xml) nor an OpenDocument text (no content.xml): \
         not a {} file",
        hint.name()
    ))
}

/// The value of attribute `NAME` (any prefix: `w:val`, `text:style-name`) of `e`.
pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name.as_bytes()).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// `&amp;` `&#x1EA1;` … as text.
pub(super) fn entity(r: &BytesRef) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    match r.decode().as_deref() {
        Ok("amp") => "&",
        Ok("lt") => "<",
        Ok("gt") => ">",
        Ok("quot") => "\"",
        Ok("apos") => "'",
        _ => "",
    }
    .to_string()
}

/// One numbering level: format, text pattern, start.
#[derive(Debug, Clone, Default)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
}

/// A `w:num`: its abstract definition, the levels with start overrides applied, and the
/// overridden levels (which restart at the list's first paragraph).
#[derive(Debug)]
struct List {
    abs: String,
    levels: Vec<Level>,
    restart: Vec<usize>,
}

/// Counters per abstract definition (lists sharing one continue each other, as in Word),
/// and the lists already started.
#[derive(Default)]
struct Counters {
    by_abs: HashMap<String, [Option<u32>; 9]>,
    started: std::collections::HashSet<String>,
}

/// A `w:num`: its id, its abstract definition, and (level, start) overrides.
type NumDef = (String, String, Vec<(usize, u32)>);

/// `word/numbering.xml` and the numbering of paragraph styles.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// numId → its list.
    lists: HashMap<String, List>,
    /// styleId → (numId, ilvl), following `w:basedOn`.
    styles: HashMap<String, (String, usize)>,
}

impl Numbering {
    fn parse(numbering: &str, styles: &str) -> Numbering {
        let mut abs: HashMap<String, Vec<Level>> = HashMap::new();
        let mut nums: Vec<NumDef> = Vec::new();
        let mut r = Reader::from_str(numbering);
        let (mut cur_abs, mut cur_lvl, mut cur_num): (Option<String>, Option<usize>, Option<usize>) =
            (None, None, None);
        let mut override_lvl = 0usize;
        loop {
            let ev = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            let e = match &ev {
                Event::Start(e) | Event::Empty(e) => e.clone(),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        b"abstractNum" => cur_abs = None,
                        b"num" => cur_num = None,
                        b"lvl" => cur_lvl = None,
                        _ => {}
                    }
                    continue;
                }
                _ => continue,
            };
            let val = || attr(&e, "val").unwrap_or_default();
            match e.local_name().as_ref() {
                b"abstractNum" => cur_abs = attr(&e, "abstractNumId"),
                b"lvl" if cur_abs.is_some() || cur_num.is_some() => {
                    let i: usize = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0).min(8);
                    cur_lvl = Some(i);
                    if let Some(a) = &cur_abs {
                        let v = abs.entry(a.clone()).or_insert_with(|| vec![Level { start: 1, ..Level::default() }; 9]);
                        v[i] = Level { start: 1, ..Level::default() };
                    }
                }
                b"numFmt" | b"lvlText" | b"start" => {
                    if let (Some(a), Some(i)) = (&cur_abs, cur_lvl) {
                        let l = &mut abs.get_mut(a).expect("abstractNum seen")[i];
                        match e.local_name().as_ref() {
                            b"numFmt" => l.fmt = val(),
                            b"lvlText" => l.text = val(),
                            _ => l.start = val().parse().unwrap_or(1),
                        }
                    }
                }
                b"num" => {
                    cur_num = Some(nums.len());
                    nums.push((attr(&e, "numId").unwrap_or_default(), String::new(), Vec::new()));
                }
                b"abstractNumId" => {
                    if let Some(n) = cur_num {
                        nums[n].1 = val();
                    }
                }
                b"lvlOverride" => override_lvl = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0).min(8),
                b"startOverride" => {
                    if let Some(n) = cur_num {
                        nums[n].2.push((override_lvl, val().parse().unwrap_or(1)));
                    }
                }
                _ => {}
            }
        }
        let mut lists = HashMap::new();
        for (id, a, overrides) in nums {
            let Some(levels) = abs.get(&a) else { continue };
            let mut levels = levels.clone();
            for &(i, s) in &overrides {
                levels[i].start = s;
            }
            let restart = overrides.iter().map(|o| o.0).collect();
            lists.insert(id, List { abs: a, levels, restart });
        }
        Numbering { lists, styles: style_numbering(styles) }
    }

    /// Render the label of a paragraph of list `num` at level `ilvl`, advancing the counters.
    fn label(&self, counters: &mut Counters, num: &str, ilvl: usize) -> Option<String> {
        let list = self.lists.get(num)?;
        let levels = &list.levels;
        let c = counters.by_abs.entry(list.abs.clone()).or_insert([None; 9]);
        if counters.started.insert(num.to_string()) {
            for &i in &list.restart {
                c[i] = None; // a start override restarts the shared counter
            }
        }
        let ilvl = ilvl.min(8);
        c[ilvl] = Some(c[ilvl].map_or(levels[ilvl].start, |v| v + 1));
        for deeper in c.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let l = &levels[ilvl];
        match l.fmt.as_str() {
            "none" => return None,
            "bullet" => return Some("-".to_string()),
            _ => {}
        }
        let mut out = String::new();
        let mut chars = l.text.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d as usize).saturating_sub(1).min(8);
                    let v = c[k].unwrap_or(levels[k].start);
                    out.push_str(&number(v, &levels[k].fmt));
                    continue;
                }
            }
            out.push(ch);
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

/// A counter in a Word numbering format.
pub(super) fn number(v: u32, fmt: &str) -> String {
    match fmt {
        "upperRoman" => roman(v),
        "lowerRoman" => roman(v).to_lowercase(),
        "upperLetter" => letters(v),
        "lowerLetter" => letters(v).to_lowercase(),
        "decimalZero" => format!("{v:02}"),
        _ => v.to_string(),
    }
}

fn roman(mut v: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (n, r) in R {
        while v >= n {
            s.push_str(r);
            v -= n;
        }
    }
    s
}

/// Word's letter numbering: A … Z, AA … ZZ, AAA …
fn letters(v: u32) -> String {
    if v == 0 {
        return String::new();
    }
    let letter = char::from(b'A' + ((v - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((v - 1) / 26 + 1) as usize).collect()
}

/// styleId → (numId, ilvl) of paragraph styles that number their paragraphs.
fn style_numbering(styles: &str) -> HashMap<String, (String, usize)> {
    let mut own: HashMap<String, (Option<String>, usize, Option<String>)> = HashMap::new();
    let mut r = Reader::from_str(styles);
    let mut cur: Option<String> = None;
    loop {
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => {
                    cur = attr(&e, "styleId");
                    if let Some(id) = &cur {
                        own.insert(id.clone(), (None, 0, None));
                    }
                }
                b"basedOn" | b"numId" | b"ilvl" => {
                    if let Some(s) = cur.as_ref().and_then(|id| own.get_mut(id)) {
                        let v = attr(&e, "val").unwrap_or_default();
                        match e.local_name().as_ref() {
                            b"basedOn" => s.2 = Some(v),
                            b"numId" => s.0 = Some(v),
                            _ => s.1 = v.parse().unwrap_or(0),
                        }
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"style" => cur = None,
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for id in own.keys() {
        let mut at = id.clone();
        for _ in 0..16 {
            let Some((num, ilvl, based)) = own.get(&at) else { break };
            if let Some(n) = num {
                out.insert(id.clone(), (n.clone(), *ilvl));
                break;
            }
            match based {
                Some(b) => at = b.clone(),
                None => break,
            }
        }
    }
    out
}

/// Paragraph properties gathered before its first run.
#[derive(Default)]
struct ParaProps {
    style: Option<String>,
    num: Option<String>,
    ilvl: Option<usize>,
}

/// The text of `word/document.xml`.
pub(super) fn read_document(xml: &str, numbering: &Numbering) -> Result<String, String> {
    let mut r = Reader::from_str(xml);
    let mut flow = Flow::default();
    let mut counters = Counters::default();
    let mut props = ParaProps::default();
    // Depth inside elements whose text is not read (deleted text, field codes, fallbacks).
    let mut skip = 0usize;
    let mut in_text = false;
    let mut in_ppr = false;
    let mut labelled = false;
    // Grid columns the current cell spans (`w:gridSpan`).
    let mut span = 1usize;
    loop {
        let ev = r.read_event().map_err(|e| format!("malformed XML at byte {}: {e}", r.buffer_position()))?;
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                if skip > 0 || matches!(name.as_ref(), b"Fallback" | b"delText" | b"instrText" | b"del") {
                    skip += 1;
                    continue;
                }
                match name.as_ref() {
                    b"p" => {
                        props = ParaProps::default();
                        labelled = false;
                    }
                    b"pPr" => in_ppr = true,
                    b"t" => in_text = true,
                    b"tbl" => flow.start_table(),
                    b"tr" => flow.start_row(),
                    b"tc" => {
                        flow.start_cell();
                        span = 1;
                    }
                    b"r" => label_once(&mut flow, numbering, &mut counters, &props, &mut labelled),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 {
                    continue;
                }
                match e.local_name().as_ref() {
                    b"pStyle" if in_ppr => props.style = attr(&e, "val"),
                    b"numId" if in_ppr => props.num = attr(&e, "val"),
                    b"ilvl" if in_ppr => props.ilvl = attr(&e, "val").and_then(|v| v.parse().ok()),
                    b"gridSpan" => span = attr(&e, "val").and_then(|v| v.parse().ok()).unwrap_or(1),
                    b"tab" if !in_ppr => flow.push('\t'),
                    b"br" | b"cr" => flow.line_break(),
                    b"noBreakHyphen" => flow.push('-'),
                    b"p" => flow.end_para(),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    b"p" => {
                        label_once(&mut flow, numbering, &mut counters, &props, &mut labelled);
                        flow.end_para();
                    }
                    b"pPr" => in_ppr = false,
                    b"t" => in_text = false,
                    b"tbl" => flow.end_table(),
                    b"tc" => {
                        flow.end_para_if_any();
                        flow.covered_cells(span.saturating_sub(1).min(63));
                        span = 1;
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                flow.text(&t.decode().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(g) if in_text && skip == 0 => flow.text(&entity(&g)),
            Event::CData(t) if in_text && skip == 0 => flow.text(&String::from_utf8_lossy(&t)),
            _ => {}
        }
    }
    Ok(flow.finish())
}

/// Put the paragraph's list label ("1.", "Điều 2.", "-") before its first run, once.
fn label_once(flow: &mut Flow, numbering: &Numbering, counters: &mut Counters, props: &ParaProps, done: &mut bool) {
    if *done {
        return;
    }
    *done = true;
    let by_style = props.style.as_ref().and_then(|s| numbering.styles.get(s));
    let num = props.num.clone().or_else(|| by_style.map(|s| s.0.clone()));
    let Some(num) = num.filter(|n| n != "0") else { return };
    let ilvl = props.ilvl.or(by_style.map(|s| s.1)).unwrap_or(0);
    if let Some(label) = numbering.label(counters, &num, ilvl) {
        flow.text(&label);
        flow.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn paragraphs_tables_breaks_and_tabs() {
        let body = format!(
            "{}<w:tbl><w:tr><w:tc>{}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>\
             <w:p><w:r><w:t>Nơi nhận:</w:t><w:br/><w:t>- Lưu</w:t><w:tab/><w:t>VT &amp; HS</w:t></w:r></w:p>\
             <w:p><w:r><w:delText>xoá</w:delText><w:instrText>PAGE</w:instrText><w:t>Hết</w:t></w:r></w:p>",
            p("KẾ HOẠCH"),
            p("UBND XÃ"),
            p("Số: 45/KH-UBND"),
            p("CỘNG HÒA")
        );
        let t = read_document(&doc(&body), &Numbering::default()).unwrap();
        assert_eq!(t, "KẾ HOẠCH\nUBND XÃ\nSố: 45/KH-UBND\nCỘNG HÒA\n\nNơi nhận:\n- Lưu\tVT & HS\nHết\n");
    }

    #[test]
    fn grid_span_keeps_columns_aligned() {
        let body =
            "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>\
                    <w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
        assert_eq!(read_document(&doc(body), &Numbering::default()).unwrap(), "| a | | b |\n");
        // (three grid columns: a data table, written as a row)
    }

    #[test]
    fn numbering_is_rendered() {
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="7">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
              <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Điều %1."/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="8"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="8"/></w:num>
            <w:num w:numId="4"><w:abstractNumId w:val="8"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
            </w:numbering>"#
        );
        let styles = format!(
            r#"<w:styles {W}><w:style w:styleId="Dieu"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
               <w:style w:styleId="Dieu2"><w:basedOn w:val="Dieu"/></w:style></w:styles>"#
        );
        let n = Numbering::parse(&numbering, &styles);
        let np = |num: u32, lvl: u32, t: &str| {
            format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{lvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
        };
        let sp = |t: &str| format!("<w:p><w:pPr><w:pStyle w:val=\"Dieu2\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>");
        let body = [
            np(1, 0, "MỤC ĐÍCH"),
            np(1, 1, "Nâng cao"),
            np(1, 1, "Hoàn thành"),
            np(1, 2, "ý"),
            np(1, 0, "TỔ CHỨC"),
            np(1, 1, "Giao"),
            sp("Phạm vi"),
            sp("Hiệu lực"),
            np(3, 0, "Tiếp"),
            np(0, 0, "không số"),
            np(4, 0, "Lại"),
            np(3, 0, "Sau"),
        ]
        .concat();
        let t = read_document(&doc(&body), &n).unwrap();
        assert_eq!(
            t,
            "I. MỤC ĐÍCH\n1. Nâng cao\n2. Hoàn thành\n- ý\nII. TỔ CHỨC\n1. Giao\nĐiều 3. Phạm vi\nĐiều 4. Hiệu lực\nĐiều 5. Tiếp\nkhông số\nĐiều 1. Lại\nĐiều 2. Sau\n"
        );
        assert_eq!((roman(1994), letters(28), number(7, "decimalZero")), ("MCMXCIV".into(), "BB".into(), "07".into()));
    }

    #[test]
    fn damaged_archives_say_so() {
        assert!(read_zip(b"PK\x03\x04garbage", Format::Docx).unwrap_err().contains("damaged ZIP"));
        assert!(read_document("<w:document><w:body><w:p>", &Numbering::default()).is_ok());
        assert!(read_document("<a></b>", &Numbering::default()).unwrap_err().contains("malformed XML"));
    }
}
