//! HTML building blocks: the one escaping helper, the page layout (header,
//! navigation, skip link, `lang="vi"`), and the embedded stylesheet.
//!
//! Pages are plain strings. Every text that comes from a document or a request
//! goes through [`esc`]; attribute values too (it escapes quotes).

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The stylesheet, embedded at build time.
pub const STYLE: &str = include_str!("assets/style.css");

/// Escape text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// An HTML page response.
pub struct Html(pub String);

impl IntoResponse for Html {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], self.0).into_response()
    }
}

/// The whole page around `body`. `active` names the navigation entry to mark.
pub fn page(title: &str, active: &str, body: &str) -> String {
    let nav = |href: &str, key: &str, label: &str| {
        let cur = if key == active { " aria-current=\"page\"" } else { "" };
        format!("<a href=\"{href}\"{cur}>{label}</a>")
    };
    format!(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} — kehoach</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>\
<a class=\"skip\" href=\"#main\">Bỏ qua, tới nội dung chính</a>\
<header class=\"top\"><a class=\"brand\" href=\"/\">kehoach</a><nav aria-label=\"Chính\">{}{}</nav>\
<form class=\"quick\" action=\"/directive\" method=\"get\" role=\"search\">\
<label for=\"nav-d\">Văn bản được trích dẫn</label>\
<input id=\"nav-d\" name=\"d\" placeholder=\"33/CT-TTg\" size=\"14\"><button type=\"submit\">Xem</button></form></header>\
<main id=\"main\" tabindex=\"-1\">{}</main>\
<footer>kehoach serve · chỉ đọc (read-only) · <a href=\"/api/\">API</a></footer></body></html>\n",
        esc(title),
        nav("/", "search", "Tìm kiếm"),
        nav("/provinces", "provinces", "So sánh tỉnh, thành"),
        body
    )
}

/// A snippet with matches marked «like this» (the search's own marking) as `<mark>`.
pub fn snippet(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 16);
    let mut open = false;
    for c in s.chars() {
        match c {
            '«' if !open => {
                o.push_str("<mark>");
                open = true;
            }
            '»' if open => {
                o.push_str("</mark>");
                open = false;
            }
            _ => o.push_str(&esc(c.encode_utf8(&mut [0; 4]))),
        }
    }
    if open {
        o.push_str("</mark>");
    }
    o
}

/// A value or a dash.
pub fn or_dash(v: Option<&str>) -> String {
    esc(v.unwrap_or("–"))
}

/// Shorten to at most `n` characters (with an ellipsis).
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc("<a href=\"x\">'&"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;");
    }

    #[test]
    fn snippet_marks_are_balanced() {
        assert_eq!(snippet("a «b» <c> «d"), "a <mark>b</mark> &lt;c&gt; <mark>d</mark>");
        assert_eq!(short("Dân vận khéo", 5), "Dân …");
    }
}
