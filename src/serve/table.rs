//! A table shown on a page, and the same table downloaded as CSV or JSON.
//!
//! Each page builds its tables once (one function per page); the HTML view,
//! `?table=NAME&format=csv` and `?table=NAME&format=json` all come from that one
//! list, so a download holds exactly the rows shown. CSV goes through
//! `export::csv::TableWriter` in its Excel form (UTF-8 with BOM, CRLF, formula
//! cells neutralised), the code `export csv --excel` writes with. The HTML view is
//! `maud` markup: every cell, title and link is escaped when it is spliced in.

use super::html::Html;
use super::{enc, Answer, AppError, Params};
use axum::http::header;
use axum::response::IntoResponse;
use maud::{html, Markup};

/// Rows drawn per page of a table (`rows=N` changes it, up to [`MAX_PAGE_ROWS`]); a longer
/// table pages (`p_NAME=K`, 1-based) and its downloads hold every row.
pub(crate) const MAX_HTML_ROWS: usize = 300;

/// The largest `rows=` a page accepts.
pub(crate) const MAX_PAGE_ROWS: usize = 5000;

/// Rows per page and the 1-based page of table `name` that the request asks for; a value out
/// of range falls back to the default (the first page, [`MAX_HTML_ROWS`] rows).
fn paging(p: &Params, name: &str, total: usize) -> (usize, usize, usize) {
    let per = p.get("rows").and_then(|v| v.parse::<usize>().ok()).filter(|n| (1..=MAX_PAGE_ROWS).contains(n));
    let per = per.unwrap_or(MAX_HTML_ROWS);
    let pages = total.div_ceil(per).max(1);
    let page = p.get(&format!("p_{name}")).and_then(|v| v.parse::<usize>().ok()).filter(|k| (1..=pages).contains(k));
    (per, page.unwrap_or(1), pages)
}

/// What a column's values link to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Link {
    /// Plain text.
    None,
    /// A document id: `/doc/ID`.
    Doc,
    /// A directive id: `/directive?d=ID`.
    Directive,
}

/// A named table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Name in download URLs and file names.
    pub name: &'static str,
    /// Heading shown above it.
    pub title: String,
    /// Column names (the CSV header, the JSON keys).
    pub cols: Vec<&'static str>,
    /// Links per column (same length as `cols`, or empty for none).
    pub links: Vec<Link>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
    /// Columns left out of the HTML view only (downloads keep every column).
    pub hidden: Vec<&'static str>,
}

impl Table {
    /// A table without links.
    pub fn new(name: &'static str, title: impl Into<String>, cols: &[&'static str], rows: Vec<Vec<String>>) -> Self {
        Table { name, title: title.into(), cols: cols.to_vec(), links: Vec::new(), rows, hidden: Vec::new() }
    }

    /// Set the link of column `col`.
    pub(crate) fn link(mut self, col: &str, l: Link) -> Self {
        if self.links.is_empty() {
            self.links = vec![Link::None; self.cols.len()];
        }
        if let Some(i) = self.cols.iter().position(|c| *c == col) {
            self.links[i] = l;
        }
        self
    }

    /// Leave column `col` out of the HTML view (it is the same on every row of the page).
    pub(crate) fn hide(mut self, col: &'static str) -> Self {
        self.hidden.push(col);
        self
    }

    /// CSV bytes (Excel form).
    pub(crate) fn csv(&self) -> crate::Result<Vec<u8>> {
        crate::export::csv::table_bytes(&self.cols, &self.rows, true)
    }

    /// JSON: `{schema_version, table, columns, rows: [{column: value}]}`.
    pub(crate) fn json(&self) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                let m: serde_json::Map<String, serde_json::Value> = self
                    .cols
                    .iter()
                    .zip(r)
                    .map(|(c, v)| (c.to_string(), serde_json::Value::from(v.as_str())))
                    .collect();
                serde_json::Value::Object(m)
            })
            .collect();
        serde_json::json!({"schema_version": crate::SCHEMA_VERSION, "table": self.name, "columns": self.cols, "rows": rows})
    }

    /// The table as HTML, with its total, its download links and, when it is longer than a
    /// page, the page `p` asks for and links to the others (`base` is the page URL with its query).
    pub(crate) fn html(&self, base: &str, p: &Params) -> Markup {
        let sep = if base.contains('?') { '&' } else { '?' };
        let n = self.name;
        html! {
            section class="table" id={"t-" (n)} {
                div class="thead" {
                    h3 { (self.title) }
                    span class="dl" {
                        (self.rows.len()) " dòng · "
                        a href={(base) (sep) "table=" (n) "&format=csv"} download={(n) ".csv"} { "CSV" }
                        " · "
                        a href={(base) (sep) "table=" (n) "&format=json"} { "JSON" }
                    }
                }
                @if self.rows.is_empty() {
                    p class="empty" { "Không có dòng nào." }
                } @else {
                    (self.body(base, sep, p))
                }
            }
        }
    }

    /// The rows of the page asked for, and the pager when there is more than one page.
    fn body(&self, base: &str, sep: char, p: &Params) -> Markup {
        let shown: Vec<bool> = self.cols.iter().map(|c| !self.hidden.contains(c)).collect();
        let (per, page, pages) = paging(p, self.name, self.rows.len());
        html! {
            div class="scroll" {
                table {
                    thead { tr { @for c in self.cols.iter().filter(|c| !self.hidden.contains(c)) { th scope="col" { (c) } } } }
                    tbody {
                        @for r in self.rows.iter().skip((page - 1) * per).take(per) {
                            tr {
                                @for (i, v) in r.iter().enumerate().filter(|(i, _)| shown.get(*i) == Some(&true)) {
                                    td { (self.cell(i, v)) }
                                }
                            }
                        }
                    }
                }
            }
            @if pages > 1 { (self.pager(base, sep, per, page, pages)) }
        }
    }

    /// One cell: its value, linked when its column links.
    fn cell(&self, col: usize, v: &str) -> Markup {
        html! {
            @match self.links.get(col) {
                Some(Link::Doc) if !v.is_empty() => a href={"/doc/" (enc(v))} { (v) },
                Some(Link::Directive) if !v.is_empty() => a href={"/directive?d=" (enc(v))} { (v) },
                _ => (v),
            }
        }
    }

    /// "dòng 1–300 trên 812 · trang 1 / 3 · trang sau ›": where this page is, and its neighbours.
    fn pager(&self, base: &str, sep: char, per: usize, page: usize, pages: usize) -> Markup {
        let total = self.rows.len();
        let from = (page - 1) * per + 1;
        let to = (page * per).min(total);
        let rows = if per == MAX_HTML_ROWS { String::new() } else { format!("&rows={per}") };
        let n = self.name;
        let link = |k: usize, rel: &str, label: &str| {
            html! { a href={(base) (sep) "p_" (n) "=" (k) (rows) "#t-" (n)} rel=(rel) { (label) } }
        };
        html! {
            p class="more pager" data-total=(total) {
                "dòng " (from) "–" (to) " trên " (total) " · trang " (page) " / " (pages)
                @if page > 1 { " · " (link(page - 1, "prev", "‹ trang trước")) }
                @if page < pages { " · " (link(page + 1, "next", "trang sau ›")) }
                " · tải CSV hoặc JSON để có tất cả."
            }
        }
    }
}

/// If the request asks for a table download (`table=NAME`, `format=csv|json`), answer it.
pub fn download(p: &Params, tables: &[Table]) -> Option<Answer> {
    let name = p.get("table")?;
    let Some(t) = tables.iter().find(|t| t.name == name) else {
        let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
        return Some(Err(AppError::not_found(format!(
            "no table {name:?} on this page (tables: {})",
            names.join(", ")
        ))));
    };
    Some(match p.get("format").unwrap_or("csv") {
        "csv" => t.csv().map_err(AppError::from_lib).map(|b| {
            let disp = format!("attachment; filename=\"{}.csv\"", t.name);
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, disp)], b)
                .into_response()
        }),
        "json" => Ok(([(header::CONTENT_TYPE, "application/json")], t.json().to_string()).into_response()),
        f => Err(AppError::bad(format!("format must be csv or json, not {f:?}"))),
    })
}

/// Answer a page: a download if one is asked, else the HTML.
pub(crate) fn respond(p: &Params, tables: &[Table], html: impl FnOnce() -> Markup) -> Answer {
    if let Some(a) = download(p, tables) {
        return a;
    }
    Ok(Html(html()).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &str = "<script>alert(\"x\")</script> & 'y'";
    const NASTY_TEXT: &str = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'y'";

    fn params(kv: &[(&str, &str)]) -> Params {
        Params(kv.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    fn table() -> Table {
        Table::new(
            "t",
            format!("title {NASTY}"),
            &["doc", "value", "plain"],
            vec![
                vec![NASTY.into(), NASTY.into(), "Hải Phòng & Hà Nội".into()],
                vec![String::new(), "ok".into(), "a".into()],
            ],
        )
        .link("doc", Link::Doc)
    }

    #[test]
    fn cells_titles_and_attributes_are_escaped() {
        let h = table().html("/x?q=\"a\"&b=<c>", &params(&[])).into_string();
        assert!(!h.contains("<script"), "{h}");
        assert!(h.contains(&format!("<h3>title {NASTY_TEXT}</h3>")), "{h}");
        assert!(h.contains(&format!("<td>{NASTY_TEXT}</td>")), "a plain cell: {h}");
        // a linked cell: the text escaped, the URL percent-encoded
        assert!(
            h.contains(&format!(
                "<td><a href=\"/doc/%3Cscript%3Ealert%28%22x%22%29%3C%2Fscript%3E%20%26%20%27y%27\">{NASTY_TEXT}</a></td>"
            )),
            "{h}"
        );
        // the page URL in the download links: quotes and ampersands escaped inside the attribute
        assert!(h.contains("href=\"/x?q=&quot;a&quot;&amp;b=&lt;c&gt;&amp;table=t&amp;format=csv\""), "{h}");
    }

    #[test]
    fn plain_values_are_escaped_once_and_empty_links_stay_text() {
        let h = table().html("/x", &params(&[])).into_string();
        assert!(h.contains("<td>Hải Phòng &amp; Hà Nội</td>"), "{h}");
        assert!(!h.contains("&amp;amp;"), "nothing is escaped twice: {h}");
        assert!(h.contains("<tr><td></td><td>ok</td><td>a</td></tr>"), "an empty id is no link: {h}");
        assert!(h.contains("<a href=\"/x?table=t&amp;format=json\">JSON</a>"), "{h}");
        assert!(
            h.contains("<section class=\"table\" id=\"t-t\">") && h.contains("<th scope=\"col\">plain</th>"),
            "{h}"
        );
    }

    #[test]
    fn a_long_table_pages_with_escaped_links() {
        let h = table().html("/x?a=1", &params(&[("rows", "1"), ("p_t", "2")])).into_string();
        assert!(h.contains("<p class=\"more pager\" data-total=\"2\">dòng 2–2 trên 2 · trang 2 / 2 · "), "{h}");
        assert!(h.contains("<a href=\"/x?a=1&amp;p_t=1&amp;rows=1#t-t\" rel=\"prev\">‹ trang trước</a>"), "{h}");
        assert!(!h.contains("rel=\"next\""), "{h}");
        let empty = Table::new("e", "E", &["a"], vec![]).html("/x", &params(&[])).into_string();
        assert!(empty.ends_with("<p class=\"empty\">Không có dòng nào.</p></section>"), "{empty}");
    }
}
