//! Rendering of the province report: Markdown, HTML (inline SVG bar charts, no
//! network), CSV (one row per province, then the unplaced documents) and JSON.

use super::{ProvinceRow, Report};
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
pub fn markdown(r: &Report) -> String {
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

/// HTML-escape text and attribute values.
pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A horizontal bar chart as inline SVG (also drawn by `serve`).
pub fn bars(title: &str, rows: &[(String, f64)]) -> String {
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max).max(1e-9);
    let h = 24 * rows.len() + 30;
    let mut s = format!(
        "<figure><figcaption>{}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
        esc(title),
        esc(title)
    );
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = 10 + 24 * i;
        let w = (v / max * 380.0).round();
        let _ = write!(
            s,
            "<text x=\"0\" y=\"{}\" font-size=\"13\">{}</text><rect x=\"200\" y=\"{y}\" width=\"{w}\" height=\"18\" fill=\"#3b6ea5\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            y + 14,
            esc(label),
            205.0 + w,
            y + 14,
            if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.1}") }
        );
    }
    s.push_str("</svg></figure>");
    s
}

/// The head of a standalone report page (inline style, no network), up to `<body>`.
pub(crate) fn page_head(title: &str) -> String {
    format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>kehoach — {}</title><style>body{{font-family:'Noto Serif','Times New Roman',serif;max-width:72rem;margin:2rem auto;padding:0 1rem}}table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;font-size:.9rem}}.warn{{background:#fff4e5;border-left:4px solid #b5452b;padding:.5rem .8rem}}</style></head><body>",
        esc(title)
    )
}

/// A standalone HTML page.
pub fn html(r: &Report) -> String {
    let mut s = page_head("tỉnh, thành phố");
    let _ =
        write!(s, "<h1>Tỉnh, thành phố</h1><p>{} văn bản, {} văn bản không rõ tỉnh.</p>", r.documents, r.unknown.len());
    let docs: Vec<(String, f64)> = r.provinces.iter().map(|p| (p.province_2025.clone(), p.documents as f64)).collect();
    s.push_str(&bars("Văn bản theo tỉnh, thành", &docs));
    let dl: Vec<(String, f64)> = r.provinces.iter().map(|p| (p.province_2025.clone(), p.deadlines_per_plan)).collect();
    s.push_str(&bars("Thời hạn trên mỗi kế hoạch", &dl));
    let un: Vec<(String, f64)> = r.provinces.iter().map(|p| (p.province_2025.clone(), p.units_per_plan)).collect();
    s.push_str(&bars("Đơn vị chịu trách nhiệm trên mỗi kế hoạch", &un));
    s.push_str("<table><tr><th>Tỉnh, thành phố (2025)</th><th>Tỉnh lúc ban hành</th><th>Số văn bản</th><th>Theo cấp</th><th>Theo năm</th><th>Văn bản được trích dẫn nhiều nhất</th><th>Văn bản trọng tâm (tỉ lệ kế hoạch triển khai)</th><th>Số ngày tiếp nhận (trung vị)</th><th>Khẩu hiệu</th></tr>");
    for p in &r.provinces {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.province_2025),
            esc(&p.provinces.join(", ")),
            p.documents,
            esc(&join_map(&p.by_level)),
            esc(&join_map(&p.by_year)),
            esc(&top(p)),
            esc(&key_share(p)),
            esc(&lags(p)),
            esc(&slogans(p))
        );
    }
    s.push_str("</table><h2>Văn bản không rõ tỉnh</h2><ul>");
    for u in &r.unknown {
        let _ = write!(
            s,
            "<li>{} — {} — {}</li>",
            esc(&u.id),
            esc(u.issuer.as_deref().unwrap_or("?")),
            esc(u.title.as_deref().unwrap_or("?"))
        );
    }
    s.push_str("</ul></body></html>\n");
    s
}

/// Columns of the CSV table.
pub const CSV_COLUMNS: [&str; 12] = [
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
pub fn csv_rows(r: &Report) -> Vec<Vec<String>> {
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
pub fn csv(r: &Report) -> anyhow::Result<String> {
    let bytes = crate::export::csv::table_bytes(&CSV_COLUMNS, &csv_rows(r), false)?;
    Ok(String::from_utf8(bytes)?)
}
