//! The search page (`/`): a query box (with or without diacritics), facets with
//! counts (province, year, level, kind, cited directive), highlighted snippets
//! and pagination. Runs `index::search::search_page_with` and `index::facets::facets_with` on the server's one warm searcher,
//! the functions behind `kehoach search` and `search --facets`.

use super::html::{esc, or_dash, page as layout, snippet};
use super::table::{respond, Link, Table};
use super::{enc, Answer, AppError, Params, State};
use crate::index::facets::{facets_with, Facet};
use crate::index::search::{search_page_with, Filters, Page, MAX_OFFSET};
use axum::response::IntoResponse;

/// Hits per page.
pub const PER_PAGE: usize = 20;

/// The filter parameters, in URL order.
pub const FILTERS: [&str; 5] = ["province", "year", "level", "kind", "cites"];

/// Filters from the request (`year` must be a number).
pub fn filters(p: &Params) -> Result<Filters, AppError> {
    let year = match p.get("year") {
        None => None,
        Some(y) => Some(y.parse::<u64>().map_err(|_| AppError::bad(format!("year must be a number, not {y:?}")))?),
    };
    let s = |k: &str| p.get(k).map(str::to_string);
    Ok(Filters { province: s("province"), year, level: s("level"), kind: s("kind"), cites: s("cites") })
}

/// `page` number → offset, refusing pages past what the index pages to.
pub fn offset(p: &Params, per_page: usize) -> Result<usize, AppError> {
    let max_page = MAX_OFFSET / per_page + 1;
    Ok((p.num("page", 1, max_page)? - 1) * per_page)
}

/// The query string of the current search, without `skip` (and without `page`).
fn query_string(p: &Params, skip: &str) -> String {
    let mut parts = Vec::new();
    for k in std::iter::once("q").chain(FILTERS) {
        if k != skip {
            if let Some(v) = p.get(k) {
                parts.push(format!("{k}={}", enc(v)));
            }
        }
    }
    parts.join("&")
}

/// The table of a page of hits.
pub fn hits_table(page: &Page) -> Table {
    let rows = page
        .hits
        .iter()
        .enumerate()
        .map(|(i, h)| {
            vec![
                (page.offset + i + 1).to_string(),
                h.id.clone(),
                format!("{:.3}", h.score),
                h.date.clone().unwrap_or_default(),
                h.province.clone().unwrap_or_default(),
                h.kind.clone().unwrap_or_default(),
                h.title.clone().unwrap_or_default(),
                h.snippet.clone(),
            ]
        })
        .collect();
    Table::new("results", "Kết quả", &["rank", "id", "score", "date", "province", "kind", "title", "snippet"], rows)
        .link("id", Link::Doc)
}

fn facet_list(s: &State, p: &Params, key: &str, title: &str, values: &[Facet]) -> String {
    let mut h = format!("<section class=\"facet\"><h2>{}</h2>", esc(title));
    if values.is_empty() {
        h.push_str("<p class=\"empty\">–</p></section>");
        return h;
    }
    h.push_str("<ul>");
    let base = query_string(p, key);
    for f in values {
        let label = if key == "cites" { s.label(&f.value) } else { f.value.as_str() };
        let current = p.get(key) == Some(f.value.as_str());
        let href = format!("/?{base}&{key}={}", enc(&f.value));
        h.push_str(&format!(
            "<li><a href=\"{}\"{}>{}</a> <span class=\"count\">{}</span></li>",
            esc(&href),
            if current { " aria-current=\"true\" class=\"on\"" } else { "" },
            esc(label),
            f.count
        ));
    }
    h.push_str("</ul></section>");
    h
}

fn pager(p: &Params, page: &Page) -> String {
    let pages = page.total.div_ceil(PER_PAGE).max(1);
    let cur = page.offset / PER_PAGE + 1;
    let base = query_string(p, "");
    let link = |n: usize, label: &str, rel: &str| {
        if n == cur {
            format!("<span aria-current=\"page\">{label}</span>")
        } else {
            format!("<a href=\"/?{}&amp;page={n}\"{rel}>{label}</a>", esc(&base))
        }
    };
    let mut h = String::from("<nav class=\"pager\" aria-label=\"Trang kết quả\">");
    if cur > 1 {
        h.push_str(&link(cur - 1, "‹ Trước", " rel=\"prev\""));
    }
    let last = pages.min(MAX_OFFSET / PER_PAGE + 1);
    for n in (1..=last).filter(|&n| n == 1 || n == last || n.abs_diff(cur) <= 3) {
        h.push_str(&link(n, &n.to_string(), ""));
    }
    if cur < last {
        h.push_str(&link(cur + 1, "Sau ›", " rel=\"next\""));
    }
    h.push_str("</nav>");
    h
}

/// `GET /?q=…&province=…&year=…&level=…&kind=…&cites=…&page=N`.
pub fn page(s: &State, p: &Params) -> Answer {
    let f = filters(p)?;
    let off = offset(p, PER_PAGE)?;
    let q = p.get("q").unwrap_or("");
    let mut hidden = String::new();
    let mut chips = String::new();
    for k in FILTERS {
        if let Some(v) = p.get(k) {
            hidden.push_str(&format!("<input type=\"hidden\" name=\"{k}\" value=\"{}\">", esc(v)));
            let shown = if k == "cites" { s.label(v) } else { v };
            chips.push_str(&format!(
                "<a class=\"chip\" href=\"/?{}\" aria-label=\"Bỏ lọc {k}: {v}\">{k}: {} ×</a>",
                esc(&query_string(p, k)),
                esc(shown),
                v = esc(shown)
            ));
        }
    }
    let form = format!(
        "<form class=\"search\" action=\"/\" method=\"get\" role=\"search\">\
<label for=\"q\">Tìm trong {} văn bản (gõ có dấu hoặc không dấu)</label>\
<div class=\"row\"><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\" placeholder=\"dan van kheo\">{hidden}\
<button type=\"submit\">Tìm kiếm</button></div></form>",
        s.records.len(),
        esc(q)
    );
    if q.is_empty() {
        let body = format!(
            "<h1>Tìm kiếm văn bản</h1>{form}<p class=\"hint\">Ví dụ: <a href=\"/?q=dan+van+kheo\">dan van kheo</a>, \
<a href=\"/?q=%22d%C3%A2n+v%E1%BA%ADn+ch%C3%ADnh+quy%E1%BB%81n%22\">\"dân vận chính quyền\"</a>, \
<code>cites_symbol:\"33/CT-TTg\"</code>. Cú pháp: từ, \"cụm từ\", AND/OR/NOT, trường:giá trị.</p>"
        );
        return Ok(super::html::Html(layout("Tìm kiếm", "search", &body)).into_response());
    }
    let res = search_page_with(&s.reader.searcher(), &s.index, &s.fields, q, &f, off, PER_PAGE)
        .map_err(AppError::from_lib)?;
    let fc = facets_with(&s.reader.searcher(), &s.index, &s.fields, q, &f, 12).map_err(AppError::from_lib)?;
    let tables = [hits_table(&res)];
    let base = format!("/?{}&page={}", query_string(p, ""), off / PER_PAGE + 1);
    respond(p, &tables, || {
        let mut h = format!("<h1>Tìm kiếm văn bản</h1>{form}");
        if !chips.is_empty() {
            h.push_str(&format!("<p class=\"chips\">Đang lọc: {chips}</p>"));
        }
        h.push_str("<div class=\"cols\"><aside class=\"facets\" aria-label=\"Lọc kết quả\">");
        h.push_str(&facet_list(s, p, "province", "Tỉnh, thành", &fc.province));
        h.push_str(&facet_list(s, p, "year", "Năm", &fc.year));
        h.push_str(&facet_list(s, p, "level", "Cấp ban hành", &fc.level));
        h.push_str(&facet_list(s, p, "kind", "Loại văn bản", &fc.kind));
        h.push_str(&facet_list(s, p, "cites", "Văn bản được trích dẫn", &fc.cites));
        h.push_str("</aside><section class=\"results\" aria-label=\"Kết quả\">");
        let pages = res.total.div_ceil(PER_PAGE).max(1);
        h.push_str(&format!(
            "<p class=\"summary\"><strong id=\"total\">{}</strong> văn bản khớp · trang {} / {} · tải trang này: \
<a href=\"{b}&amp;table=results&amp;format=csv\" download=\"results.csv\">CSV</a> · \
<a href=\"{b}&amp;table=results&amp;format=json\">JSON</a></p>",
            res.total,
            off / PER_PAGE + 1,
            pages,
            b = esc(&base)
        ));
        if res.hits.is_empty() {
            h.push_str("<p class=\"empty\">Không có kết quả trên trang này.</p>");
        }
        h.push_str(&format!("<ol class=\"hits\" start=\"{}\">", off + 1));
        for hit in &res.hits {
            h.push_str(&format!(
                "<li class=\"hit\" data-id=\"{id}\"><a class=\"title\" href=\"/doc/{eid}\">{t}</a>\
<div class=\"meta\">{k} · {d} · {pr} · <code>{id}</code></div><p class=\"snip\">{sn}</p></li>",
                id = esc(&hit.id),
                eid = enc(&hit.id),
                t = esc(hit.title.as_deref().unwrap_or(&hit.id)),
                k = or_dash(hit.kind.as_deref()),
                d = or_dash(hit.date.as_deref()),
                pr = or_dash(hit.province.as_deref()),
                sn = snippet(&hit.snippet)
            ));
        }
        h.push_str("</ol>");
        h.push_str(&pager(p, &res));
        h.push_str("</section></div>");
        layout(&format!("{q} — tìm kiếm"), "search", &h)
    })
}
