//! The province comparison page (`/provinces?p=…`): the report of
//! `kehoach report provinces` as tables and bar charts (the report's own SVG
//! bars), with a picker for one province's details.

use super::html::{esc, page as layout, short};
use super::table::{respond, Link, Table};
use super::{enc, Answer, AppError, Params, State};
use crate::report::render::{bars, csv_rows, CSV_COLUMNS};
use crate::report::ProvinceRow;

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
        let mut h = format!(
            "<h1>So sánh tỉnh, thành</h1><p class=\"meta\">{} văn bản, {} văn bản chưa rõ tỉnh.</p>",
            r.documents,
            r.unknown.len()
        );
        h.push_str("<form class=\"picker\" action=\"/provinces\" method=\"get\"><label for=\"p\">Chọn tỉnh, thành</label> <select id=\"p\" name=\"p\"><option value=\"\">— tất cả —</option>");
        for x in &r.provinces {
            let sel = if picked.is_some_and(|y| y.province_2025 == x.province_2025) { " selected" } else { "" };
            h.push_str(&format!(
                "<option value=\"{v}\"{sel}>{v} ({n})</option>",
                v = esc(&x.province_2025),
                n = x.documents
            ));
        }
        h.push_str("</select> <button type=\"submit\">Xem</button></form>");
        let base = match picked {
            Some(x) => format!("/provinces?p={}", enc(&x.province_2025)),
            None => "/provinces".to_string(),
        };
        if let Some(x) = picked {
            h.push_str(&format!(
                "<h2 id=\"detail\">{}</h2><p class=\"meta\">{} văn bản · trước sáp nhập: {} · {:.1} thời hạn/kế hoạch · {:.1} đơn vị/kế hoạch</p><div class=\"charts\">",
                esc(&x.province_2025),
                x.documents,
                esc(&x.provinces.join(", ")),
                x.deadlines_per_plan,
                x.units_per_plan
            ));
            let lv: Vec<(String, f64)> = x.by_level.iter().map(|(k, v)| (short(k, 26), *v as f64)).collect();
            h.push_str(&bars("Văn bản theo cấp", &lv));
            let yr: Vec<(String, f64)> = x.by_year.iter().map(|(k, v)| (k.clone(), *v as f64)).collect();
            h.push_str(&bars("Văn bản theo năm", &yr));
            let key: Vec<(String, f64)> =
                x.key_directives.iter().map(|c| (short(&c.label, 26), c.share * 100.0)).collect();
            h.push_str(&bars("Tỷ lệ kế hoạch trích dẫn văn bản chủ chốt (%)", &key));
            h.push_str("</div>");
            for t in &tables[1..] {
                h.push_str(&t.html(&base, p));
            }
            h.push_str("<h2>Toàn bộ các tỉnh, thành</h2>");
        }
        h.push_str("<div class=\"charts\">");
        let docs: Vec<(String, f64)> =
            r.provinces.iter().map(|x| (short(&x.province_2025, 26), x.documents as f64)).collect();
        h.push_str(&bars("Văn bản theo tỉnh, thành", &docs));
        let dl: Vec<(String, f64)> =
            r.provinces.iter().map(|x| (short(&x.province_2025, 26), x.deadlines_per_plan)).collect();
        h.push_str(&bars("Thời hạn trên mỗi kế hoạch", &dl));
        let un: Vec<(String, f64)> =
            r.provinces.iter().map(|x| (short(&x.province_2025, 26), x.units_per_plan)).collect();
        h.push_str(&bars("Đơn vị chịu trách nhiệm trên mỗi kế hoạch", &un));
        h.push_str("</div>");
        h.push_str(&tables[0].html(&base, p));
        if !r.unknown.is_empty() {
            h.push_str(&format!("<h2>Văn bản chưa rõ tỉnh ({})</h2><ul>", r.unknown.len()));
            for u in r.unknown.iter().take(super::table::MAX_HTML_ROWS) {
                h.push_str(&format!(
                    "<li><a href=\"/doc/{}\">{}</a> — {}</li>",
                    enc(&u.id),
                    esc(u.title.as_deref().unwrap_or(&u.id)),
                    esc(u.issuer.as_deref().unwrap_or("?"))
                ));
            }
            h.push_str("</ul>");
            if r.unknown.len() > super::table::MAX_HTML_ROWS {
                h.push_str("<p class=\"more\">… và các văn bản khác: xem cột unknown_doc_id của bảng tải về.</p>");
            }
        }
        layout("So sánh tỉnh, thành", "provinces", &h)
    })
}
