//! The search page (`/`): a query box (with or without diacritics), facets with
//! counts (province, year, level, kind, cited directive), highlighted snippets
//! and pagination. Runs `index::search::search_page_with` and `index::facets::facets_with` on the server's one warm searcher,
//! the functions behind `kehoach search` and `search --facets`. The page is
//! `maud` markup, one small function per part (form, filter chips, facets, hits,
//! pager); every value from the request or the index is escaped when spliced.

use super::html::{or_dash, page as layout, snippet, Html};
use super::table::{respond, Link, Table};
use super::{enc, Answer, AppError, Params, State};
use crate::index::facets::{facets_with, Facet};
use crate::index::search::{search_page_with, Filters, Hit, Page, MAX_OFFSET};
use axum::response::IntoResponse;
use maud::{html, Markup};

/// Hits per page.
pub(crate) const PER_PAGE: usize = 20;

/// The filter parameters, in URL order.
pub(crate) const FILTERS: [&str; 5] = ["province", "year", "level", "kind", "cites"];

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
pub(crate) fn hits_table(page: &Page) -> Table {
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

fn facet_list(s: &State, p: &Params, key: &str, title: &str, values: &[Facet]) -> Markup {
    let base = query_string(p, key);
    html! {
        section class="facet" {
            h2 { (title) }
            @if values.is_empty() {
                p class="empty" { "–" }
            } @else {
                ul {
                    @for f in values {
                        @let current = p.get(key) == Some(f.value.as_str());
                        li {
                            a href={"/?" (base) "&" (key) "=" (enc(&f.value))}
                                aria-current=[current.then_some("true")] class=[current.then_some("on")] {
                                @if key == "cites" { (s.label(&f.value)) } @else { (f.value) }
                            }
                            " "
                            span class="count" { (f.count) }
                        }
                    }
                }
            }
        }
    }
}

fn pager(p: &Params, page: &Page) -> Markup {
    let pages = page.total.div_ceil(PER_PAGE).max(1);
    let cur = page.offset / PER_PAGE + 1;
    let base = query_string(p, "");
    let link = |n: usize, label: &str, rel: Option<&str>| {
        html! {
            @if n == cur {
                span aria-current="page" { (label) }
            } @else {
                a href={"/?" (base) "&page=" (n)} rel=[rel] { (label) }
            }
        }
    };
    let last = pages.min(MAX_OFFSET / PER_PAGE + 1);
    html! {
        nav class="pager" aria-label="Trang kết quả" {
            @if cur > 1 { (link(cur - 1, "‹ Trước", Some("prev"))) }
            @for n in (1..=last).filter(|&n| n == 1 || n == last || n.abs_diff(cur) <= 3) {
                (link(n, &n.to_string(), None))
            }
            @if cur < last { (link(cur + 1, "Sau ›", Some("next"))) }
        }
    }
}

/// The search form, with the current filters kept as hidden fields.
fn form(s: &State, p: &Params, q: &str) -> Markup {
    html! {
        form class="search" action="/" method="get" role="search" {
            label for="q" { "Tìm trong " (s.records.len()) " văn bản (gõ có dấu hoặc không dấu)" }
            div class="row" {
                input id="q" name="q" type="search" value=(q) placeholder="dan van kheo";
                @for k in FILTERS {
                    @if let Some(v) = p.get(k) { input type="hidden" name=(k) value=(v); }
                }
                button type="submit" { "Tìm kiếm" }
            }
        }
    }
}

/// "Đang lọc: province: Hải Phòng ×": each filter in force, as a link that drops it.
fn chips(s: &State, p: &Params) -> Markup {
    let on: Vec<(&str, &str)> = FILTERS.iter().filter_map(|&k| p.get(k).map(|v| (k, v))).collect();
    html! {
        @if !on.is_empty() {
            p class="chips" {
                "Đang lọc: "
                @for (k, v) in on {
                    @let shown = if k == "cites" { s.label(v) } else { v };
                    a class="chip" href={"/?" (query_string(p, k))} aria-label={"Bỏ lọc " (k) ": " (shown)} {
                        (k) ": " (shown) " ×"
                    }
                }
            }
        }
    }
}

/// The page without a query: the form and a few examples.
fn start_page(form: Markup) -> Markup {
    html! {
        h1 { "Tìm kiếm văn bản" }
        (form)
        p class="hint" {
            "Ví dụ: " a href="/?q=dan+van+kheo" { "dan van kheo" } ", "
            a href="/?q=%22d%C3%A2n+v%E1%BA%ADn+ch%C3%ADnh+quy%E1%BB%81n%22" { "\"dân vận chính quyền\"" } ", "
            code { "cites_symbol:\"33/CT-TTg\"" }
            ". Cú pháp: từ, \"cụm từ\", AND/OR/NOT, trường:giá trị."
        }
    }
}

/// One hit: title, kind · date · province · id, and the snippet with its matches marked.
fn hit(h: &Hit) -> Markup {
    html! {
        li class="hit" data-id=(h.id) {
            a class="title" href={"/doc/" (enc(&h.id))} { (h.title.as_deref().unwrap_or(&h.id)) }
            div class="meta" {
                (or_dash(h.kind.as_deref())) " · " (or_dash(h.date.as_deref())) " · "
                (or_dash(h.province.as_deref())) " · " code { (h.id) }
            }
            p class="snip" { (snippet(&h.snippet)) }
        }
    }
}

/// The results column: total, download links, the hits and the pager.
fn results(p: &Params, res: &Page, off: usize, base: &str) -> Markup {
    let pages = res.total.div_ceil(PER_PAGE).max(1);
    html! {
        section class="results" aria-label="Kết quả" {
            p class="summary" {
                // past `index::search::COUNT_CAP` matches the count is a lower bound, said so
                @if !res.total_exact { "ít nhất " }
                strong id="total" { (res.total) } " văn bản khớp · trang " (off / PER_PAGE + 1) " / " (pages)
                " · tải trang này: "
                a href={(base) "&table=results&format=csv"} download="results.csv" { "CSV" } " · "
                a href={(base) "&table=results&format=json"} { "JSON" }
            }
            @if res.hits.is_empty() { p class="empty" { "Không có kết quả trên trang này." } }
            ol class="hits" start=(off + 1) { @for h in &res.hits { (hit(h)) } }
            (pager(p, res))
        }
    }
}

/// `GET /?q=…&province=…&year=…&level=…&kind=…&cites=…&page=N`.
pub fn page(s: &State, p: &Params) -> Answer {
    let f = filters(p)?;
    let off = offset(p, PER_PAGE)?;
    let q = p.get("q").unwrap_or("");
    let form = form(s, p, q);
    if q.is_empty() {
        return Ok(Html(layout("Tìm kiếm", "search", start_page(form))).into_response());
    }
    let res = search_page_with(&s.reader.searcher(), &s.index, &s.fields, q, &f, off, PER_PAGE)
        .map_err(AppError::from_lib)?;
    let fc = facets_with(&s.reader.searcher(), &s.index, &s.fields, q, &f, 12).map_err(AppError::from_lib)?;
    let tables = [hits_table(&res)];
    let base = format!("/?{}&page={}", query_string(p, ""), off / PER_PAGE + 1);
    respond(p, &tables, || {
        let body = html! {
            h1 { "Tìm kiếm văn bản" }
            (form)
            (chips(s, p))
            div class="cols" {
                aside class="facets" aria-label="Lọc kết quả" {
                    (facet_list(s, p, "province", "Tỉnh, thành", &fc.province))
                    (facet_list(s, p, "year", "Năm", &fc.year))
                    (facet_list(s, p, "level", "Cấp ban hành", &fc.level))
                    (facet_list(s, p, "kind", "Loại văn bản", &fc.kind))
                    (facet_list(s, p, "cites", "Văn bản được trích dẫn", &fc.cites))
                }
                (results(p, &res, off, &base))
            }
        };
        layout(&format!("{q} — tìm kiếm"), "search", body)
    })
}
