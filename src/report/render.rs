//! Rendering of the province report: Markdown, HTML (inline SVG bar charts, no
//! network), CSV (one row per province, then the unplaced documents) and JSON.
//!
//! HTML is `maud` markup, escaped by default; [`bars`] and [`page`] are shared
//! with `report uptake` and with `serve`. Raw markup only for two constants
//! (the doctype line, the inline CSS), each commented.

use super::{ProvinceRow, Report};
use maud::{html, Markup, PreEscaped};
use std::fmt::Write;

fn join_map<K: std::fmt::Display, V: std::fmt::Display>(m: &std::collections::BTreeMap<K, V>) -> String {
    m.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("; ")
}

fn key_share(p: &ProvinceRow) -> String {
    p.key_directives.iter().map(|c| format!("{} {:.0}%", c.label, c.share * 100.0)).collect::<Vec<_>>().join("; ")
}

fn top(p: &ProvinceRow) -> String {
    p.top_directives.iter().map(|c| format!("{} ({})", c.label, c.documents)).collect::<Vec<_>>().join("; ")
}

fn lags(p: &ProvinceRow) -> String {
    p.uptake
        .iter()
        .take(5)
        .map(|l| format!("{}: {} d (n={})", l.label, l.median_days, l.plans))
        .collect::<Vec<_>>()
        .join("; ")
}

fn slogans(p: &ProvinceRow) -> String {
    p.slogans.iter().map(|(s, n)| format!("{s} ({n})")).collect::<Vec<_>>().join("; ")
}

/// Markdown.
pub(crate) fn markdown(r: &Report) -> String {
    let mut s = format!("# Provinces\n\n{} documents, {} of unknown province.\n\n", r.documents, r.unknown.len());
    s.push_str("| province (2025) | provinces at the time | documents | by level | by year | top directives | key directives (share of plans) | median uptake (days) | slogans | deadlines/plan | units/plan |\n");
    s.push_str("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for p in &r.provinces {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {:.1} | {:.1} |",
            p.province_2025,
            p.provinces.join(", "),
            p.documents,
            join_map(&p.by_level),
            join_map(&p.by_year),
            top(p),
            key_share(p),
            lags(p),
            slogans(p),
            p.deadlines_per_plan,
            p.units_per_plan
        );
    }
    s.push_str("\n## Documents of unknown province\n\n");
    for u in &r.unknown {
        let _ =
            writeln!(s, "- {} — {} — {}", u.id, u.issuer.as_deref().unwrap_or("?"), u.title.as_deref().unwrap_or("?"));
    }
    s
}

/// A value as the charts print it: a whole number without decimals, else one decimal.
fn figure(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A horizontal bar chart as inline SVG (also drawn by `serve`).
pub fn bars(title: &str, rows: &[(String, f64)]) -> Markup {
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max).max(1e-9);
    let h = 24 * rows.len() + 30;
    html! {
        figure {
            figcaption { (title) }
            svg xmlns="http://www.w3.org/2000/svg" width="640" height=(h) role="img" aria-label=(title) {
                @for (i, (label, v)) in rows.iter().enumerate() {
                    @let y = 10 + 24 * i;
                    @let w = (v / max * 380.0).round();
                    text x="0" y=(y + 14) font-size="13" { (label) }
                    rect x="200" y=(y) width=(w) height="18" fill="#3b6ea5" {}
                    text x=(205.0 + w) y=(y + 14) font-size="12" { (figure(*v)) }
                }
            }
        }
    }
}

/// The inline stylesheet of a standalone report (no network).
const REPORT_STYLE: &str = "body{font-family:'Noto Serif','Times New Roman',serif;max-width:72rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;font-size:.9rem}.warn{background:#fff4e5;border-left:4px solid #b5452b;padding:.5rem .8rem}";

/// A standalone report page around `body` (inline style, no network), ending with a newline.
pub(crate) fn page(title: &str, body: Markup) -> String {
    html! {
        // fixed literal: the reports have always begun with this lowercase doctype
        (PreEscaped("<!doctype html>"))
        html lang="vi" {
            head {
                meta charset="utf-8";
                title { "kehoach — " (title) }
                // a constant of this file, not input; CSS is raw text inside <style>
                style { (PreEscaped(REPORT_STYLE)) }
            }
            body { (body) }
        }
        "\n"
    }
    .into_string()
}

/// The provinces table of the HTML report.
fn province_table(r: &Report) -> Markup {
    html! {
        table {
            tr {
                th { "Tỉnh, thành phố (2025)" } th { "Tỉnh lúc ban hành" } th { "Số văn bản" } th { "Theo cấp" }
                th { "Theo năm" } th { "Văn bản được trích dẫn nhiều nhất" }
                th { "Văn bản trọng tâm (tỉ lệ kế hoạch triển khai)" } th { "Số ngày tiếp nhận (trung vị)" }
                th { "Khẩu hiệu" }
            }
            @for p in &r.provinces {
                tr {
                    td { (p.province_2025) } td { (p.provinces.join(", ")) } td { (p.documents) }
                    td { (join_map(&p.by_level)) } td { (join_map(&p.by_year)) } td { (top(p)) }
                    td { (key_share(p)) } td { (lags(p)) } td { (slogans(p)) }
                }
            }
        }
    }
}

/// A standalone HTML page.
pub fn html(r: &Report) -> String {
    let docs: Vec<(String, f64)> = r.provinces.iter().map(|p| (p.province_2025.clone(), p.documents as f64)).collect();
    let dl: Vec<(String, f64)> = r.provinces.iter().map(|p| (p.province_2025.clone(), p.deadlines_per_plan)).collect();
    let un: Vec<(String, f64)> = r.provinces.iter().map(|p| (p.province_2025.clone(), p.units_per_plan)).collect();
    let body = html! {
        h1 { "Tỉnh, thành phố" }
        p { (r.documents) " văn bản, " (r.unknown.len()) " văn bản không rõ tỉnh." }
        (bars("Văn bản theo tỉnh, thành", &docs))
        (bars("Thời hạn trên mỗi kế hoạch", &dl))
        (bars("Đơn vị chịu trách nhiệm trên mỗi kế hoạch", &un))
        (province_table(r))
        h2 { "Văn bản không rõ tỉnh" }
        ul {
            @for u in &r.unknown {
                li { (u.id) " — " (u.issuer.as_deref().unwrap_or("?")) " — " (u.title.as_deref().unwrap_or("?")) }
            }
        }
    };
    page("tỉnh, thành phố", body)
}

/// Columns of the CSV table.
pub(crate) const CSV_COLUMNS: [&str; 12] = [
    "province_2025",
    "provinces",
    "documents",
    "by_level",
    "by_year",
    "top_directives",
    "key_directives",
    "uptake_median_days",
    "slogans",
    "deadlines_per_plan",
    "units_per_plan",
    "unknown_doc_id",
];

/// Rows of the CSV table: one per province, then one per document of unknown province.
pub(crate) fn csv_rows(r: &Report) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for p in &r.provinces {
        rows.push(vec![
            p.province_2025.clone(),
            p.provinces.join(", "),
            p.documents.to_string(),
            join_map(&p.by_level),
            join_map(&p.by_year),
            top(p),
            key_share(p),
            lags(p),
            slogans(p),
            format!("{:.2}", p.deadlines_per_plan),
            format!("{:.2}", p.units_per_plan),
            String::new(),
        ]);
    }
    for u in &r.unknown {
        let mut row = vec![String::from("(unknown)")];
        row.extend(std::iter::repeat_n(String::new(), 10));
        row.push(u.id.clone());
        rows.push(row);
    }
    rows
}

/// CSV: one row per province, then one per document of unknown province.
pub fn csv(r: &Report) -> crate::Result<String> {
    let bytes = crate::export::csv::table_bytes(&CSV_COLUMNS, &csv_rows(r), false)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned()) // the cells are text: lossless
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &str = "<script>alert(\"x\")</script> & co";
    const NASTY_ESCAPED: &str = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co";

    #[test]
    fn chart_labels_and_titles_are_escaped() {
        let b = bars(NASTY, &[(NASTY.to_string(), 2.0), ("plain".into(), 0.5)]).into_string();
        assert!(!b.contains("<script"), "{b}");
        assert!(b.contains(&format!("<figcaption>{NASTY_ESCAPED}</figcaption>")), "{b}");
        assert!(b.contains(&format!("aria-label=\"{NASTY_ESCAPED}\"")), "the attribute too: {b}");
        assert!(b.contains(&format!(">{NASTY_ESCAPED}</text>")), "{b}");
        // numbers print as before: whole without decimals, else one decimal
        assert!(b.contains("width=\"380\"") && b.contains(">2</text>") && b.contains(">0.5</text>"), "{b}");
    }

    #[test]
    fn the_page_is_a_standalone_document_with_its_markup_kept() {
        let p = page("a & b", html! { p { "x" } });
        assert!(p.starts_with("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>kehoach — a &amp; b</title><style>body{font-family:'Noto Serif'"), "{p}");
        assert!(p.ends_with("</style></head><body><p>x</p></body></html>\n"), "{p}");
    }
}
