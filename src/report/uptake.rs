//! `report uptake DIRECTIVE`: how fast each province took a directive up.
//!
//! **Reads** the citers of one directive (the index's `cites_info` postings, no record is
//! parsed) whose relation passes the filter (`implements,basis` by default: a plan that names
//! the directive in passing has not taken it up) and groups them by post-2025 province, with
//! the old provinces each absorbed, plus a "Trung ương" group for central bodies and a group
//! for documents of unknown province. Per group: the plans, their count by level, the first
//! and the median lag in days from the directive's date to the plan's.
//!
//! **The lag** counts only citations whose relations include `implements` or `basis` (a
//! passing reference says nothing about uptake), only plans dated on or after the directive
//! (an earlier "plan" is a misdated citation or another document with the same symbol), and
//! the directive's date is the date most of its citers give (ties: the earliest), else the
//! lexicon's (`directives.tsv`).
//!
//! **Example**: `kehoach report uptake 33/CT-TTg --format csv` → one row per plan:
//! `province_2025,provinces,group,level,doc_id,number,date,lag_days,relation,kind,title`.
//!
//! **Limits**: a plan is a citing document whose relation passes the filter, whatever its
//! kind (a Công văn that implements counts); the province is the one extraction gave the
//! document (its issuer's), so a district plan whose province is unknown falls in the
//! unknown group.
//!
//! **HTML** (`--format html`, and the uptake part of `serve`'s directive page) is `maud`
//! markup, escaped by default, around `render`'s bars and standalone page.

use super::render;
use crate::domain::{lag, Date, Level};
use crate::gazetteer::{Era, Gazetteer};
use crate::graph::Citer;
use crate::record::Relation;
use maud::{html, Markup};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The group of central bodies.
pub(crate) const CENTRAL: &str = "Trung ương";
/// The group of documents whose province is unknown.
pub(crate) const UNKNOWN: &str = "(không rõ tỉnh)";

/// One plan that took the directive up.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Plan {
    /// Document id.
    pub doc: String,
    /// Its kind.
    pub kind: Option<String>,
    /// Its issuer's level.
    pub level: Option<Level>,
    /// Its province at the time.
    pub province: Option<String>,
    /// Its date (ISO in JSON).
    pub date: Option<Date>,
    /// Days from the directive's date (only for `implements`/`basis`, dated on or after it).
    pub lag_days: Option<i64>,
    /// The strongest relation of its citation.
    pub relation: Relation,
    /// Its title.
    pub title: Option<String>,
    /// It relies on the directive although the directive was replaced before its date.
    pub relies_on_replaced: bool,
}

/// One province (or the central group, or the unknown group).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Group {
    /// Post-2025 province, [`CENTRAL`] or [`UNKNOWN`].
    pub province_2025: String,
    /// The old provinces it absorbed (from the gazetteer), for a province.
    pub provinces: Vec<String>,
    /// Plans.
    pub plans: usize,
    /// Plans by level: keyed by the level's word (`?` when unknown), so that the JSON and
    /// the tables list the levels alphabetically.
    pub by_level: BTreeMap<String, usize>,
    /// Fewest days to a plan.
    pub first_lag_days: Option<i64>,
    /// Median days (the lower middle of an even count).
    pub median_lag_days: Option<i64>,
    /// Date of the first plan (ISO in JSON).
    pub first_date: Option<Date>,
    /// The plans, by date.
    pub list: Vec<Plan>,
}

/// The report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Uptake {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// The directive as asked.
    pub directive: String,
    /// The ids it matched.
    pub ids: Vec<String>,
    /// Its date (see the module doc; ISO in JSON).
    pub directive_date: Option<Date>,
    /// The relations counted.
    pub relations: Vec<Relation>,
    /// What replaced the directive, when something did (the citers' `successor`).
    pub successor: Option<String>,
    /// From when (ISO in JSON).
    pub successor_date: Option<Date>,
    /// Plans in all.
    pub plans: usize,
    /// Provinces (by plans, most first), then the central group, then the unknown group.
    pub groups: Vec<Group>,
}

/// Build the report from the citers of the directive.
pub fn uptake(
    asked: &str,
    citers: &[Citer],
    relations: &[Relation],
    known_date: Option<Date>,
    gaz: &Gazetteer,
) -> Uptake {
    let rows: Vec<&Citer> = citers.iter().filter(|c| crate::graph::relation_allowed(relations, &c.relations)).collect();
    let mut ids: Vec<String> = rows.iter().map(|c| c.directive.clone()).collect();
    ids.sort();
    ids.dedup();
    // the date most citers give, ties to the earliest
    let mut dates: BTreeMap<Date, usize> = BTreeMap::new();
    for c in &rows {
        if let Some(d) = c.directive_date {
            *dates.entry(d).or_default() += 1;
        }
    }
    let voted = dates.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(d, _)| *d);
    let directive_date = voted.or(known_date);
    let mut groups: BTreeMap<String, Vec<Plan>> = BTreeMap::new();
    for c in &rows {
        let relies = c.relations.iter().any(|r| r.relies());
        let lag = lag::uptake_lag(lag::lag_between(c.date, directive_date), relies);
        let group = if c.level == Some(Level::TrungUong) {
            CENTRAL.to_string()
        } else {
            c.province_2025.clone().unwrap_or_else(|| UNKNOWN.to_string())
        };
        groups.entry(group).or_default().push(Plan {
            doc: c.doc.clone(),
            kind: c.kind.clone(),
            level: c.level,
            province: c.province.clone(),
            date: c.date,
            lag_days: lag,
            relation: c.relation,
            title: c.title.clone(),
            relies_on_replaced: c.superseded,
        });
    }
    let absorbed = absorbed(gaz);
    let mut out: Vec<Group> = groups
        .into_iter()
        .map(|(name, mut list)| {
            // one row per document (a directive matched under two ids counts once)
            list.sort_by(|a, b| (&a.doc, a.relation).cmp(&(&b.doc, b.relation)));
            list.dedup_by(|a, b| a.doc == b.doc);
            list.sort_by(|a, b| (&a.date, &a.doc).cmp(&(&b.date, &b.doc)));
            let mut lags: Vec<i64> = list.iter().filter_map(|p| p.lag_days).collect();
            lags.sort();
            let mut by_level = BTreeMap::new();
            for p in &list {
                *by_level.entry(p.level.map_or("?", Level::as_str).to_string()).or_default() += 1;
            }
            Group {
                provinces: absorbed.get(&name).cloned().unwrap_or_default(),
                plans: list.len(),
                by_level,
                first_lag_days: lags.first().copied(),
                median_lag_days: (!lags.is_empty()).then(|| lags[(lags.len() - 1) / 2]),
                first_date: list.iter().filter_map(|p| p.date).min(),
                province_2025: name,
                list,
            }
        })
        .collect();
    let rank = |g: &Group| match g.province_2025.as_str() {
        CENTRAL => 1,
        UNKNOWN => 2,
        _ => 0,
    };
    out.sort_by(|a, b| rank(a).cmp(&rank(b)).then(b.plans.cmp(&a.plans)).then(a.province_2025.cmp(&b.province_2025)));
    Uptake {
        schema_version: crate::SCHEMA_VERSION,
        directive: asked.to_string(),
        ids,
        directive_date,
        relations: relations.to_vec(),
        successor: rows.iter().find_map(|c| c.successor.clone()),
        successor_date: rows.iter().find_map(|c| c.successor_date),
        plans: out.iter().map(|g| g.plans).sum(),
        groups: out,
    }
}

/// Old provinces by the post-2025 province that absorbed them (short names, as records write them).
fn absorbed(gaz: &Gazetteer) -> BTreeMap<String, Vec<String>> {
    let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in gaz.provinces_of(Era::Old) {
        m.entry(gaz.successor(&p).name).or_default().push(p.name);
    }
    for v in m.values_mut() {
        v.sort();
    }
    m
}

fn o<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// The long table: one row per plan.
pub(crate) const CSV_COLUMNS: [&str; 12] = [
    "province_2025",
    "provinces",
    "province",
    "level",
    "doc_id",
    "date",
    "lag_days",
    "relation",
    "kind",
    "title",
    "directive_date",
    "relies_on_replaced",
];

/// The rows of the long table.
pub(crate) fn csv_rows(u: &Uptake) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for g in &u.groups {
        for p in &g.list {
            rows.push(vec![
                g.province_2025.clone(),
                g.provinces.join("; "),
                o(&p.province),
                o(&p.level),
                p.doc.clone(),
                o(&p.date),
                o(&p.lag_days),
                p.relation.as_str().to_string(),
                o(&p.kind),
                o(&p.title),
                o(&u.directive_date),
                p.relies_on_replaced.to_string(),
            ]);
        }
    }
    rows
}

/// CSV text (the long table: pivot it by province, level or month).
pub fn csv(u: &Uptake) -> crate::Result<String> {
    let bytes = crate::export::csv::table_bytes(&CSV_COLUMNS, &csv_rows(u), false)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned()) // the cells are text: lossless
}

/// A date as ISO, or `none`.
fn or(d: Option<Date>, none: &str) -> String {
    d.map_or_else(|| none.to_string(), |d| d.iso())
}

fn days(d: Option<i64>) -> String {
    d.map_or("–".into(), |d| d.to_string())
}

fn levels(g: &Group) -> String {
    g.by_level.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("; ")
}

fn relations_vi(u: &Uptake) -> String {
    u.relations.iter().map(|r| r.label_vi()).collect::<Vec<_>>().join(", ")
}

/// "Văn bản này đã được thay thế bởi …": the warning of a replaced directive.
fn replaced_vi(u: &Uptake) -> Option<String> {
    let new = u.successor.as_deref()?;
    let relying = u.groups.iter().flat_map(|g| g.list.iter()).filter(|p| p.relies_on_replaced).count();
    Some(format!(
        "{} đã được thay thế bởi {new} từ ngày {}; {relying} kế hoạch ban hành sau ngày đó vẫn căn cứ hoặc triển khai nó.",
        u.directive,
        or(u.successor_date, "?")
    ))
}

/// Markdown.
pub(crate) fn markdown(u: &Uptake) -> String {
    let mut s = format!(
        "# Tiếp nhận {} (ban hành {})\n\n{} kế hoạch ({}).\n\n",
        u.directive,
        or(u.directive_date, "không rõ ngày"),
        u.plans,
        relations_vi(u)
    );
    if let Some(w) = replaced_vi(u) {
        let _ = writeln!(s, "⚠ {w}\n");
    }
    s.push_str("| Tỉnh, thành phố (2025) | Gồm tỉnh cũ | Số kế hoạch | Theo cấp | Kế hoạch đầu tiên | Số ngày đến kế hoạch đầu tiên | Số ngày (trung vị) |\n|---|---|---|---|---|---|---|\n");
    for g in &u.groups {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            g.province_2025,
            g.provinces.join(", "),
            g.plans,
            levels(g),
            or(g.first_date, "–"),
            days(g.first_lag_days),
            days(g.median_lag_days)
        );
    }
    for g in &u.groups {
        let _ = writeln!(s, "\n## {}\n", g.province_2025);
        for p in &g.list {
            let _ = writeln!(
                s,
                "- {} — {} — {} — {} ngày — {} — {}",
                or(p.date, "không rõ ngày"),
                p.level.map_or("?", Level::as_str),
                p.doc,
                days(p.lag_days),
                p.relation.label_vi(),
                p.title.as_deref().unwrap_or("")
            );
        }
    }
    s
}

/// A timeline as inline SVG: one dot per dated plan, one row per group, from the
/// directive's date to the last plan.
pub(crate) fn timeline(u: &Uptake) -> Markup {
    let start = u.directive_date.map(|d| d.days());
    let dated: Vec<i64> =
        u.groups.iter().flat_map(|g| g.list.iter().filter_map(|p| p.date.map(|d| d.days()))).collect();
    let (Some(lo), Some(hi)) = (start.or(dated.iter().min().copied()), dated.iter().max().copied()) else {
        return html! {};
    };
    let span = (hi - lo).max(1) as f64;
    let h = 22 * u.groups.len() + 40;
    let x = |d: i64| format!("{:.1}", 200.0 + (d - lo) as f64 / span * 540.0);
    let yb = 22 * u.groups.len() + 30;
    let lo_s = or(u.directive_date, "");
    let hi_s = or(u.groups.iter().flat_map(|g| g.list.iter().filter_map(|p| p.date)).max(), "");
    html! {
        figure {
            figcaption { "Dòng thời gian: kế hoạch theo ngày ban hành" }
            svg xmlns="http://www.w3.org/2000/svg" width="760" height=(h) role="img" aria-label="Dòng thời gian" {
                @for (i, g) in u.groups.iter().enumerate() {
                    @let y = 14 + 22 * i;
                    text x="0" y=(y + 4) font-size="12" { (g.province_2025) }
                    line x1="200" x2="740" y1=(y) y2=(y) stroke="#ddd" {}
                    @for p in &g.list {
                        @if let Some(d) = p.date {
                            circle cx=(x(d.days())) cy=(y) r="4" fill="#3b6ea5" {
                                title { (p.doc) " " (d) }
                            }
                        }
                    }
                }
                text x="200" y=(yb) font-size="11" { (lo_s) }
                text x="740" y=(yb) font-size="11" text-anchor="end" { (hi_s) }
            }
        }
    }
}

/// The table of groups: plans, levels, first plan and lags per province.
fn group_table(u: &Uptake) -> Markup {
    html! {
        table {
            tr {
                th { "Tỉnh, thành phố (2025)" } th { "Gồm tỉnh cũ" } th { "Số kế hoạch" } th { "Theo cấp" }
                th { "Kế hoạch đầu tiên" } th { "Số ngày đến kế hoạch đầu tiên" } th { "Số ngày (trung vị)" }
            }
            @for g in &u.groups {
                tr {
                    td { (g.province_2025) } td { (g.provinces.join(", ")) } td { (g.plans) } td { (levels(g)) }
                    td { (or(g.first_date, "–")) } td { (days(g.first_lag_days)) }
                    td { (days(g.median_lag_days)) }
                }
            }
        }
    }
}

/// The body of the HTML report (also on `serve`'s directive page).
pub(crate) fn html_body(u: &Uptake) -> Markup {
    let bars: Vec<(String, f64)> = u.groups.iter().map(|g| (g.province_2025.clone(), g.plans as f64)).collect();
    let lag: Vec<(String, f64)> =
        u.groups.iter().filter_map(|g| g.median_lag_days.map(|d| (g.province_2025.clone(), d as f64))).collect();
    html! {
        p {
            (u.plans) " kế hoạch (" (relations_vi(u)) "); ngày ban hành " (u.directive) ": "
            (or(u.directive_date, "không rõ")) "."
        }
        @if let Some(w) = replaced_vi(u) { p class="warn" { "⚠ " (w) } }
        (render::bars("Số kế hoạch theo tỉnh, thành phố", &bars))
        @if !lag.is_empty() { (render::bars("Số ngày đến kế hoạch (trung vị)", &lag)) }
        (timeline(u))
        (group_table(u))
    }
}

/// A standalone HTML page.
pub fn html(u: &Uptake) -> String {
    let body = html! {
        h1 { "Tiếp nhận " (u.directive) }
        (html_body(u))
        @for g in &u.groups {
            h2 { (g.province_2025) }
            ul {
                @for p in &g.list {
                    li {
                        (or(p.date, "không rõ ngày")) " — " (p.level.map_or("?", Level::as_str))
                        " — " (p.doc) " — " (days(p.lag_days)) " ngày — " (p.relation.label_vi()) " — "
                        (p.title.as_deref().unwrap_or(""))
                    }
                }
            }
        }
    };
    render::page("tiếp nhận văn bản", body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citer(doc: &str, prov: Option<&str>, level: Level, date: &str, rel: &[Relation]) -> Citer {
        Citer {
            schema_version: crate::SCHEMA_VERSION,
            directive: "nn:ttg:CT:2021:33".into(),
            symbol: Some("33/CT-TTg".into()),
            doc: doc.into(),
            issuer: None,
            province: prov.map(Into::into),
            level: Some(level),
            date: Date::parse_iso(date),
            directive_date: Date::new(2021, 11, 26),
            lag_days: None,
            title: None,
            mentions: 1,
            units: vec![],
            relation: rel[0],
            relations: rel.to_vec(),
            successor: None,
            successor_date: None,
            superseded: false,
            province_2025: prov.map(Into::into),
            kind: Some("Kế hoạch".into()),
        }
    }

    #[test]
    fn lags_count_only_plans_that_rely_on_it() {
        use Relation::*;
        let cs = vec![
            citer("a", Some("Hải Phòng"), Level::Xa, "2022-01-05", &[Implements]),
            citer("b", Some("Hải Phòng"), Level::Huyen, "2022-03-01", &[Basis, Reference]),
            citer("c", Some("Hải Phòng"), Level::Xa, "2023-01-01", &[Reference]),
            citer("d", None, Level::TrungUong, "2022-02-01", &[Implements]),
            citer("e", None, Level::Xa, "2021-01-01", &[Implements]),
        ];
        let gaz = Gazetteer::embedded();
        let u = uptake("33/CT-TTg", &cs, &[Implements, Basis], None, &gaz);
        assert_eq!(u.plans, 4, "the passing reference is not a plan that took it up");
        let hp = &u.groups[0];
        assert_eq!((hp.province_2025.as_str(), hp.plans), ("Hải Phòng", 2));
        assert!(hp.provinces.contains(&"Hải Dương".to_string()), "{:?}", hp.provinces);
        assert_eq!((hp.first_lag_days, hp.median_lag_days), (Some(40), Some(40)));
        assert_eq!(u.groups[1].province_2025, CENTRAL);
        let unknown = &u.groups[2];
        assert_eq!(unknown.province_2025, UNKNOWN);
        assert_eq!(unknown.list[0].lag_days, None, "a plan dated before the directive has no lag");
        assert_eq!(csv_rows(&u).len(), 4);
        let all = uptake("33/CT-TTg", &cs, &Relation::ALL, None, &gaz);
        assert_eq!(all.plans, 5);
        let c = all.groups[0].list.iter().find(|p| p.doc == "c").unwrap();
        assert_eq!(c.lag_days, None, "no lag for a passing reference");
        assert!(html(&u).contains("Số kế hoạch theo tỉnh"));
    }

    #[test]
    fn the_html_report_escapes_what_the_documents_say() {
        use Relation::*;
        let mut c = citer("<b>doc&1</b>", Some("Hải Phòng"), Level::Xa, "2022-01-05", &[Implements]);
        c.title = Some("Kế hoạch \"<script>alert(1)</script>\"".into());
        let gaz = Gazetteer::embedded();
        let u = uptake("33/CT-TTg <i>", &[c], &[Implements, Basis], None, &gaz);
        let h = html(&u);
        assert!(!h.contains("<script") && !h.contains("<b>doc") && !h.contains("<i>"), "{h}");
        assert!(h.contains("<h1>Tiếp nhận 33/CT-TTg &lt;i&gt;</h1>"), "{h}");
        assert!(h.contains("&lt;b&gt;doc&amp;1&lt;/b&gt;"), "{h}");
        assert!(h.contains("Kế hoạch &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;</li>"), "{h}");
        // the timeline's tooltip (an element inside the SVG) is escaped too
        assert!(h.contains("<title>&lt;b&gt;doc&amp;1&lt;/b&gt; 2022-01-05</title>"), "{h}");
    }
}
