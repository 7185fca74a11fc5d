//! `.html`/`.htm`: the visible text of a page, parsed by html5ever (`scraper`).
//!
//! Left out: `script`, `style`, `noscript`, `template`, `head`, `nav`, `aside`,
//! form controls, elements marked `hidden`, and `header`/`footer` elements that
//! are the page's (not inside an `article` or `main`, where they hold the
//! document's own heading). Block elements (`p`, `div`, `h1`…`h6`, `li`, `br` …)
//! end lines, spaces are collapsed as a browser does (not inside `pre`), list
//! items get their visible marker (`-`, or `1.` `I.` `a.` in an `ol`), and
//! tables are `| … |` rows (a `colspan` cell followed by empty cells).
//!
//! The charset is the byte-order mark's, else the `<meta charset>` (or
//! `http-equiv` Content-Type) within the first 4 KiB, else UTF-8 when the bytes
//! are valid UTF-8, else Windows-1252 as browsers do (legacy TCVN3/VNI/CP1258
//! text is then recognised by the common legacy check). Windows-1258 text is
//! recomposed (NFC).
//!
//! Example: `<nav>Trang chủ</nav><h1>KẾ HOẠCH</h1><p>Số: 45/KH-UBND</p>` → `KẾ HOẠCH\nSố: 45/KH-UBND\n`.
//!
//! Limits: CSS is not applied (text hidden by a stylesheet or `style="display:none"`
//! is read; text placed by CSS is in source order); images' text needs OCR. html5ever's
//! tree building is quadratic in the nesting depth: 20,000 nested `div`s take 1.6 s,
//! 100,000 take 28 s (no real page nests that deep); below 400 levels this walk is
//! recursive, deeper text is read flat.

use super::{squeeze, Flow};
use encoding_rs::Encoding;
use scraper::node::Node;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// `<meta charset="…">` or `<meta http-equiv="Content-Type" content="text/html; charset=…">`.
static META_CHARSET: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(
        r#"(?xi)
        <meta\b[^>]*?            # a meta tag
        \bcharset\s*=\s*["']?    # charset= , quoted or not
        ([A-Za-z0-9._:-]+)       # the label"#,
    )
    .expect("META_CHARSET")
});

/// The page's encoding and the decoded text, with a remark when it was not UTF-8.
fn decode(bytes: &[u8]) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let (enc, body) = match Encoding::for_bom(bytes) {
        Some((e, n)) => (Some(e), &bytes[n..]),
        None => {
            let head = &bytes[..bytes.len().min(4096)];
            let declared =
                META_CHARSET.captures(head).and_then(|c| c.get(1)).and_then(|m| Encoding::for_label(m.as_bytes()));
            (declared, bytes)
        }
    };
    // UTF-16 named by a meta tag is read as UTF-8 (the HTML standard's rule: the tag was readable).
    let enc = match enc {
        Some(e) if (e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE) && body.len() == bytes.len() => {
            Some(encoding_rs::UTF_8)
        }
        e => e,
    };
    // A page declared UTF-8 (or undeclared) whose bytes are not: Windows-1252, as browsers do.
    let enc = match enc {
        Some(e) if e == encoding_rs::UTF_8 && std::str::from_utf8(body).is_err() => {
            warnings.push("declared UTF-8 but is not: read as Windows-1252".to_string());
            encoding_rs::WINDOWS_1252
        }
        Some(e) => e,
        None if std::str::from_utf8(body).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::WINDOWS_1252,
    };
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(format!("invalid {} sequences replaced with U+FFFD", enc.name()));
    }
    if enc != encoding_rs::UTF_8 {
        warnings.push(format!("decoded from {} (offsets refer to the decoded text)", enc.name()));
    }
    let text = if enc == encoding_rs::WINDOWS_1258 { text.nfc().collect() } else { text.into_owned() };
    (text, warnings)
}

/// Elements whose content is never visible text.
const SKIP: [&str; 13] = [
    "script", "style", "noscript", "template", "head", "nav", "aside", "iframe", "svg", "button", "select", "textarea",
    "object",
];

/// Elements that end a line.
const BLOCK: [&str; 30] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "address",
    "figure",
    "figcaption",
    "form",
    "fieldset",
    "hr",
    "body",
    "center",
    "caption",
    "details",
];

/// The visible text of an HTML page, and remarks about its decoding.
pub fn read(bytes: &[u8]) -> (String, Vec<String>) {
    let (source, warnings) = decode(bytes);
    let page = scraper::Html::parse_document(&source);
    let mut flow = Flow::default();
    let mut w = Walker::default();
    w.node(&mut flow, page.tree.root());
    w.close_line(&mut flow);
    (flow.finish(), warnings)
}

/// Deepest element nesting walked recursively.
const MAX_DEPTH: usize = 400;

/// State of the walk: `pre` depth, enclosing `article`/`main` depth, list counters.
#[derive(Default)]
struct Walker {
    depth: usize,
    pre: usize,
    article: usize,
    lists: Vec<(bool, u32, String)>,
}

impl Walker {
    /// End the current line, collapsing its spaces (outside `pre`).
    fn close_line(&self, flow: &mut Flow) {
        if self.pre == 0 {
            let lines: Vec<String> = flow.para.split('\n').map(squeeze).collect();
            flow.para = lines.join("\n");
        }
        flow.end_para_if_any();
    }

    fn node(&mut self, flow: &mut Flow, n: ego_tree::NodeRef<Node>) {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            // A pathological nesting: its text still counts, flat.
            for d in n.descendants() {
                if let Node::Text(t) = d.value() {
                    flow.text(t);
                }
            }
        } else {
            self.visit(flow, n);
        }
        self.depth -= 1;
    }

    fn visit(&mut self, flow: &mut Flow, n: ego_tree::NodeRef<Node>) {
        match n.value() {
            Node::Text(t) if self.pre == 0 => flow.text(&t.replace(['\n', '\r', '\t'], " ")),
            Node::Text(t) => flow.text(t),
            Node::Element(el) => {
                let name = el.name();
                if SKIP.contains(&name) || el.attr("hidden").is_some() {
                    return;
                }
                if matches!(name, "header" | "footer") && self.article == 0 {
                    return;
                }
                if name == "br" {
                    flow.line_break();
                    return;
                }
                let block = BLOCK.contains(&name) || name == "li";
                if block {
                    self.close_line(flow);
                }
                match name {
                    "table" => {
                        self.close_line(flow);
                        flow.start_table();
                    }
                    "tr" => flow.start_row(),
                    "td" | "th" => {
                        self.close_line(flow);
                        flow.start_cell();
                    }
                    "pre" => self.pre += 1,
                    "article" | "main" => self.article += 1,
                    "ul" => self.lists.push((false, 0, String::new())),
                    "ol" => {
                        let start = el.attr("start").and_then(|s| s.trim().parse::<u32>().ok()).unwrap_or(1);
                        self.lists.push((true, start.saturating_sub(1), el.attr("type").unwrap_or("1").to_string()));
                    }
                    "li" => {
                        if let Some((ordered, count, kind)) = self.lists.last_mut() {
                            if *ordered {
                                *count = el.attr("value").and_then(|v| v.trim().parse().ok()).unwrap_or(*count + 1);
                                let f = match kind.as_str() {
                                    "I" => "upperRoman",
                                    "i" => "lowerRoman",
                                    "A" => "upperLetter",
                                    "a" => "lowerLetter",
                                    _ => "decimal",
                                };
                                flow.text(&format!("{}. ", super::docx::number(*count, f)));
                            } else {
                                flow.text("- ");
                            }
                        }
                    }
                    _ => {}
                }
                for c in n.children() {
                    self.node(flow, c);
                }
                match name {
                    "td" | "th" => {
                        self.close_line(flow);
                        let span = el.attr("colspan").and_then(|s| s.trim().parse::<usize>().ok()).unwrap_or(1);
                        flow.covered_cells(span.clamp(1, 64) - 1);
                    }
                    "table" => {
                        self.close_line(flow);
                        flow.end_table();
                    }
                    "pre" => self.pre -= 1,
                    "article" | "main" => self.article -= 1,
                    "ul" | "ol" => {
                        self.lists.pop();
                    }
                    _ => {}
                }
                if block {
                    self.close_line(flow);
                }
            }
            _ => {
                for c in n.children() {
                    self.node(flow, c);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_only() {
        let page = r#"<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style>
            <script>var x = "Chỉ thị 99/CT-TTg";</script></head><body>
            <header>Cổng thông tin</header><nav><a href="/">Trang chủ</a></nav>
            <article><header><h1>KẾ   HOẠCH</h1></header>
            <p>Số: 45/KH-UBND<br>Đại Sơn,
               ngày 12 tháng 3 năm 2024</p>
            <table><tr><th>STT</th><th colspan="2">Nhiệm vụ</th><th>Chủ trì</th></tr>
            <tr><td>1</td><td><p>Tuyên truyền</p><p>Chỉ thị</p></td><td></td><td>Công an xã</td></tr></table>
            <ol type="I"><li>MỤC ĐÍCH</li><li>YÊU CẦU</li></ol><ul><li>một &amp; hai</li></ul>
            <p hidden>ẩn</p><noscript>bật JavaScript</noscript></article>
            <footer>Bản quyền</footer></body></html>"#;
        let (t, w) = read(page.as_bytes());
        assert_eq!(
            t,
            "KẾ HOẠCH\nSố: 45/KH-UBND\nĐại Sơn, ngày 12 tháng 3 năm 2024\n| STT | Nhiệm vụ | | Chủ trì |\n\
             | 1 | Tuyên truyền Chỉ thị | | Công an xã |\n\nI. MỤC ĐÍCH\nII. YÊU CẦU\n- một & hai\n"
        );
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn charset_from_meta() {
        let body = "Kế hoạch số 45 của Ủy ban nhân dân xã";
        let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode(body);
        let mut page = b"<html><head><meta charset=\"windows-1258\"></head><body><p>".to_vec();
        page.extend_from_slice(&bytes);
        page.extend_from_slice(b"</p></body></html>");
        let (t, w) = read(&page);
        assert_eq!(t.trim(), body);
        assert!(w.iter().any(|w| w.contains("windows-1258")), "{w:?}");
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>caf\xE9</p>";
        assert_eq!(read(http_equiv).0, "café\n");
        // Undeclared, not UTF-8: Windows-1252.
        assert_eq!(read(b"<p>\x93quoted\x94</p>").0, "“quoted”\n");
        // Declared UTF-8 and valid: no remark.
        assert!(read("<meta charset=utf-8><p>Đại Sơn</p>".as_bytes()).1.is_empty());
    }
}
