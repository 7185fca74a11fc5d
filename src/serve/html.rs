//! HTML building blocks: the page layout (header, navigation, skip link,
//! `lang="vi"`), the response type, the snippet marking and the embedded
//! stylesheet.
//!
//! Every page is built with `maud`'s `html!` macro, checked at compile time and
//! escaping by default: a spliced `(value)` is escaped as text or as a (always
//! double-quoted) attribute value, so there is no escaping helper to forget.
//! Markup goes into markup only as a [`Markup`] value; `PreEscaped` appears
//! only for fixed literals (the doctype line) and the report's constant CSS,
//! each commented where it is used.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, PreEscaped};

/// The stylesheet, embedded at build time.
pub(crate) const STYLE: &str = include_str!("assets/style.css");

/// The first line of every page. `maud::DOCTYPE` writes `<!DOCTYPE html>`; the pages have
/// always begun with this lowercase line (the tests and analysts' scripts look for it).
pub fn doctype() -> Markup {
    // a fixed literal, no input in it
    PreEscaped("<!doctype html>\n".to_string())
}

/// An HTML page response.
pub(crate) struct Html(pub Markup);

impl IntoResponse for Html {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], self.0.into_string()).into_response()
    }
}

/// One entry of the top navigation, marked when it is the `active` one.
fn nav(href: &str, key: &str, label: &str, active: &str) -> Markup {
    html! { a href=(href) aria-current=[(key == active).then_some("page")] { (label) } }
}

/// The page header: brand, navigation and the quick directive form.
fn header(active: &str) -> Markup {
    html! {
        header class="top" {
            a class="brand" href="/" { "kehoach" }
            nav aria-label="Chính" {
                (nav("/", "search", "Tìm kiếm", active))
                (nav("/provinces", "provinces", "So sánh tỉnh, thành", active))
            }
            form class="quick" action="/directive" method="get" role="search" {
                label for="nav-d" { "Văn bản được trích dẫn" }
                input id="nav-d" name="d" placeholder="33/CT-TTg" size="14";
                button type="submit" { "Xem" }
            }
        }
    }
}

/// The whole page around `body`. `active` names the navigation entry to mark.
pub fn page(title: &str, active: &str, body: Markup) -> Markup {
    html! {
        (doctype())
        html lang="vi" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — kehoach" }
                link rel="stylesheet" href="/static/style.css";
            }
            body {
                a class="skip" href="#main" { "Bỏ qua, tới nội dung chính" }
                (header(active))
                main id="main" tabindex="-1" { (body) }
                footer { "kehoach serve · chỉ đọc (read-only) · " a href="/api/" { "API" } }
            }
        }
        "\n"
    }
}

/// A snippet with matches marked «like this» (the search's own marking) as `<mark>`;
/// an unclosed mark runs to the end.
pub fn snippet(s: &str) -> Markup {
    // (text, marked) pieces, in order
    let mut parts: Vec<(&str, bool)> = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('«') {
        parts.push((&rest[..i], false));
        let after = &rest[i + '«'.len_utf8()..];
        let end = after.find('»').unwrap_or(after.len());
        parts.push((&after[..end], true));
        rest = after.get(end + '»'.len_utf8()..).unwrap_or("");
    }
    parts.push((rest, false));
    html! {
        @for (text, marked) in parts {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

/// A value or a dash.
pub(crate) fn or_dash(v: Option<&str>) -> &str {
    v.unwrap_or("–")
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

    const NASTY: &str = "<script>alert(\"x\")</script> & 'y'";
    const NASTY_ESCAPED: &str = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'y'";

    #[test]
    fn spliced_values_are_escaped_in_text_and_attributes() {
        let m = html! { td title=(NASTY) { (NASTY) } }.into_string();
        assert_eq!(m, format!("<td title=\"{NASTY_ESCAPED}\">{NASTY_ESCAPED}</td>"));
        assert!(!m.contains("<script"), "{m}");
        // a single quote needs no escaping: attribute values are always double-quoted
        assert!(m.contains("'y'"));
    }

    #[test]
    fn only_explicit_markup_is_not_escaped() {
        let inner = html! { b { "bold" } };
        let m = html! { td { (inner) } }.into_string();
        assert_eq!(m, "<td><b>bold</b></td>", "a Markup value is spliced as markup");
        let text = String::from("<b>bold</b>");
        assert_eq!(html! { td { (text) } }.into_string(), "<td>&lt;b&gt;bold&lt;/b&gt;</td>", "a String is text");
    }

    #[test]
    fn the_page_escapes_its_title_and_keeps_its_first_line() {
        let p = page("<i>a&b</i>", "search", html! { p { "x" } }).into_string();
        assert!(p.starts_with("<!doctype html>\n<html lang=\"vi\">"), "{p}");
        assert!(p.contains("<title>&lt;i&gt;a&amp;b&lt;/i&gt; — kehoach</title>"), "{p}");
        assert!(p.contains("<a href=\"/\" aria-current=\"page\">Tìm kiếm</a>"), "{p}");
        assert!(p.contains("<a href=\"/provinces\">So sánh"), "only the active entry is marked: {p}");
        assert!(p.ends_with("</html>\n"));
    }

    #[test]
    fn snippet_marks_are_balanced_and_the_rest_escaped() {
        assert_eq!(snippet("a «b» <c> «d").into_string(), "a <mark>b</mark> &lt;c&gt; <mark>d</mark>");
        assert_eq!(snippet("«<script>»").into_string(), "<mark>&lt;script&gt;</mark>");
        assert_eq!(snippet("no marks & »").into_string(), "no marks &amp; »");
        assert_eq!(short("Dân vận khéo", 5), "Dân …");
    }
}
