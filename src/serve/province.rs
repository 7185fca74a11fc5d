//! The province comparison page (`/provinces?p=…`): the report of
//! `kehoach report provinces` as tables and bar charts (the report's own SVG
//! bars), with a picker for one province's details. Built as `maud` markup
//! (picker, detail, charts, unknown list), escaped by default.

use super::html::{page as layout, short};
use super::table::{respond, Link, Table, MAX_HTML_ROWS};
use super::{enc, Answer, AppError, Params, State};
use crate::report::render::{bars, csv_rows, CSV_COLUMNS};
use crate::report::{ProvinceRow, Report};
use maud::{html, Markup};

fn detail_tables(p: &ProvinceRow) -> Vec<Table> {
    let pct = |x: f64| format!("{:.0}%", x * 100.0);
    vec![
        Table::new(
            "key_directives",
            "Văn bản chủ chốt: tỷ lệ kế hoạch trích dẫn",
            &["directive", "label", "documents", "share"],
            p.key_directives
                .iter()
                .map(|c| vec![c.id.clone(), c.label.clone(), c.documents.to_string(), pct(c.share)])
                .collect(),
        )
        .link("directive", Link::Directive),
        Table::new(
            "top_directives",
            "Được trích dẫn nhiều nhất",
            &["directive", "label", "documents", "share"],
            p.top_directives
                .iter()
                .map(|c| vec![c.id.clone(), c.label.clone(), c.documents.to_string(), pct(c.share)])
                .collect(),
        )
        .link("directive", Link::Directive),
        Table::new(
            "uptake",
            "Độ trễ tiếp nhận (ngày)",
            &["directive", "label", "plans", "min_days", "median_days", "max_days"],
            p.uptake
                .iter()
                .map(|l| {
                    vec![
                        l.id.clone(),
                        l.label.clone(),
                        l.plans.to_string(),
                        l.min_days.to_string(),
                        l.median_days.to_string(),
                        l.max_days.to_string(),
                    ]
                })
                .collect(),
        )
        .link("directive", Link::Directive),
        Table::new(
            "slogans",
            "Khẩu hiệu, phong trào",
            &["slogan", "documents"],
            p.slogans.iter().map(|(s, n)| vec![s.clone(), n.to_string()]).collect(),
        ),
    ]
}

/// The province picker (a form that reloads the page with `?p=`).
fn picker(r: &Report, picked: Option<&ProvinceRow>) -> Markup {
    html! {
        form class="picker" action="/provinces" method="get" {
            label for="p" { "Chọn tỉnh, thành" } " "
            select id="p" name="p" {
                option value="" { "— tất cả —" }
                @for x in &r.provinces {
                    @let sel = picked.is_some_and(|y| y.province_2025 == x.province_2025);
                    option value=(x.province_2025) selected[sel] { (x.province_2025) " (" (x.documents) ")" }
                }
            }
            " "
            button type="submit" { "Xem" }
        }
    }
}

/// A bar chart of the provinces, the labels shortened.
fn province_bars(r: &Report, title: &str, v: impl Fn(&ProvinceRow) -> f64) -> Markup {
    let rows: Vec<(String, f64)> = r.provinces.iter().map(|x| (short(&x.province_2025, 26), v(x))).collect();
    bars(title, &rows)
}

/// One province: its figures, its charts and its tables (`tables` are its detail tables).
fn detail(x: &ProvinceRow, tables: &[Table], base: &str, p: &Params) -> Markup {
    let lv: Vec<(String, f64)> = x.by_level.iter().map(|(k, v)| (short(k, 26), *v as f64)).collect();
    let yr: Vec<(String, f64)> = x.by_year.iter().map(|(k, v)| (k.clone(), *v as f64)).collect();
    let key: Vec<(String, f64)> = x.key_directives.iter().map(|c| (short(&c.label, 26), c.share * 100.0)).collect();
    html! {
        h2 id="detail" { (x.province_2025) }
        p class="meta" {
            (x.documents) " văn bản · trước sáp nhập: " (x.provinces.join(", ")) " · "
            (format!("{:.1}", x.deadlines_per_plan)) " thời hạn/kế hoạch · "
            (format!("{:.1}", x.units_per_plan)) " đơn vị/kế hoạch"
        }
        div class="charts" {
            (bars("Văn bản theo cấp", &lv))
            (bars("Văn bản theo năm", &yr))
            (bars("Tỷ lệ kế hoạch trích dẫn văn bản chủ chốt (%)", &key))
        }
        @for t in tables { (t.html(base, p)) }
        h2 { "Toàn bộ các tỉnh, thành" }
    }
}

/// The documents whose province is unknown (the first [`MAX_HTML_ROWS`]; the download has all).
fn unknown_list(r: &Report) -> Markup {
    html! {
        @if !r.unknown.is_empty() {
            h2 { "Văn bản chưa rõ tỉnh (" (r.unknown.len()) ")" }
            ul {
                @for u in r.unknown.iter().take(MAX_HTML_ROWS) {
                    li {
                        a href={"/doc/" (enc(&u.id))} { (u.title.as_deref().unwrap_or(&u.id)) }
                        " — " (u.issuer.as_deref().unwrap_or("?"))
                    }
                }
            }
            @if r.unknown.len() > MAX_HTML_ROWS {
                p class="more" { "… và các văn bản khác: xem cột unknown_doc_id của bảng tải về." }
            }
        }
    }
}

/// `GET /provinces[?p=PROVINCE]`.
pub fn page(s: &State, p: &Params) -> Answer {
    let r = &s.report;
    let picked = match p.get("p") {
        None => None,
        Some(name) => Some(r.provinces.iter().find(|x| x.province_2025 == name).ok_or_else(|| {
            AppError::not_found(format!(
                "Không có tỉnh, thành {name:?} trong báo cáo (no such province in this index)."
            ))
        })?),
    };
    let mut tables = vec![Table::new("provinces", "Các tỉnh, thành (sau 2025)", &CSV_COLUMNS, csv_rows(r))
        .link("unknown_doc_id", Link::Doc)];
    if let Some(x) = picked {
        tables.extend(detail_tables(x));
    }
    respond(p, &tables, || {
        let base = match picked {
            Some(x) => format!("/provinces?p={}", enc(&x.province_2025)),
            None => "/provinces".to_string(),
        };
        let h = html! {
            h1 { "So sánh tỉnh, thành" }
            p class="meta" { (r.documents) " văn bản, " (r.unknown.len()) " văn bản chưa rõ tỉnh." }
            (picker(r, picked))
            @if let Some(x) = picked { (detail(x, &tables[1..], &base, p)) }
            div class="charts" {
                (province_bars(r, "Văn bản theo tỉnh, thành", |x| x.documents as f64))
                (province_bars(r, "Thời hạn trên mỗi kế hoạch", |x| x.deadlines_per_plan))
                (province_bars(r, "Đơn vị chịu trách nhiệm trên mỗi kế hoạch", |x| x.units_per_plan))
            }
            (tables[0].html(&base, p))
            (unknown_list(r))
        };
        layout("So sánh tỉnh, thành", "provinces", h)
    })
}
