//! The directive page (`/directive?d=33/CT-TTg`): who cites it, grouped by
//! province and level; the uptake timeline (plan date minus directive date);
//! the directives cited with it; the units tasked in the citing plans; and the
//! implementation tree from the central level down to the communes, as SVG;
//! the citers grouped by relation (docs/relations.md), a warning when the
//! directive was replaced (and who still relies on it after that), and the
//! uptake report of `kehoach report uptake` with its long table to download
//! (`?table=uptake_plans&format=csv`).
//! Everything comes from `graph::{citers, cocited, chain, units}` (the
//! functions of `kehoach graph …` and `kehoach units`).
//!
//! The handler runs in phases: resolve the directive from the request (400/404),
//! gather its citers, tree and uptake, build the tables, then draw the page.
//! The page and its two SVG charts are `maud` markup, escaped by default.

use super::html::{page as layout, short};
use super::table::{respond, Link, Table};
use super::{enc, Answer, AppError, Params, State};
use crate::domain::{Date, Level};
use crate::graph::chain::{chain, Chain, Node};
use crate::graph::directive_name::DirectiveName;
use crate::graph::{citers, cocited, matching_ids, supersede, units, Citer};
use crate::record::Relation;
use crate::report::uptake::{self, Uptake};
use maud::{html, Markup};
use std::collections::{BTreeMap, BTreeSet};

/// [`Level::rank`], unknown levels last.
fn level_rank(l: Option<Level>) -> u8 {
    l.map_or(5, Level::rank)
}

/// An optional level as its word (empty when absent).
fn level(l: Option<Level>) -> String {
    l.map_or("", Level::as_str).to_string()
}

/// An optional cell as text (empty when absent).
fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

/// An optional date as ISO text (empty when absent).
fn day(v: &Option<Date>) -> String {
    v.map(|d| d.iso()).unwrap_or_default()
}

/// The citers grouped by relation (strongest first), then by province and level.
fn sorted_citers(cs: &[Citer]) -> Vec<&Citer> {
    let mut sorted: Vec<&Citer> = cs.iter().collect();
    sorted.sort_by(|a, b| {
        (a.relation, a.province.is_none(), &a.province, level_rank(a.level), &a.date, &a.doc).cmp(&(
            b.relation,
            b.province.is_none(),
            &b.province,
            level_rank(b.level),
            &b.date,
            &b.doc,
        ))
    });
    sorted
}

/// Citing documents per province and level (rows of `groups`).
fn group_rows(sorted: &[&Citer]) -> Vec<Vec<String>> {
    let mut groups: BTreeMap<(String, u8, String), usize> = BTreeMap::new();
    for x in sorted {
        let p = x.province.clone().unwrap_or_else(|| "(không rõ)".into());
        let l = x.level.map_or("?", Level::as_str).to_string();
        *groups.entry((p, level_rank(x.level), l)).or_default() += 1;
    }
    groups.into_iter().map(|((p, _, l), n)| vec![p, l, n.to_string()]).collect()
}

/// One row per citation (rows of `citers`).
fn citer_rows(sorted: &[&Citer]) -> Vec<Vec<String>> {
    sorted
        .iter()
        .map(|x| {
            vec![
                text(&x.province),
                level(x.level),
                x.doc.clone(),
                day(&x.date),
                text(&x.issuer),
                text(&x.title),
                x.directive.clone(),
                x.mentions.to_string(),
                x.lag_days.map_or(String::new(), |d| d.to_string()),
                x.relation.label_vi().to_string(),
                text(&x.successor),
                if x.superseded { "có".into() } else { String::new() },
            ]
        })
        .collect()
}

/// The citations with a lag, shortest first (rows of `uptake`).
fn uptake_rows(cs: &[Citer]) -> Vec<Vec<String>> {
    let mut uptake: Vec<&Citer> = cs.iter().filter(|x| x.lag_days.is_some()).collect();
    uptake.sort_by_key(|x| (x.lag_days, x.doc.clone()));
    uptake
        .iter()
        .map(|x| {
            vec![
                x.doc.clone(),
                text(&x.province),
                level(x.level),
                day(&x.directive_date),
                day(&x.date),
                x.lag_days.map_or(String::new(), |d| d.to_string()),
            ]
        })
        .collect()
}

/// The directives cited with it (rows of `cocited`).
fn cocited_rows(s: &State, name: &DirectiveName) -> Vec<Vec<String>> {
    cocited(&s.records, name, 50)
        .into_iter()
        .map(|c| vec![c.label, c.directive, c.documents.to_string(), c.mentions.to_string()])
        .collect()
}

/// The units tasked in the citing plans (rows of `units`).
fn unit_rows(s: &State, name: &DirectiveName) -> Vec<Vec<String>> {
    units::of_directive(&s.records, name)
        .into_iter()
        .map(|u| {
            vec![
                u.unit,
                u.plans.to_string(),
                u.lead.to_string(),
                u.support.to_string(),
                u.mentioned.to_string(),
                u.tasks.to_string(),
            ]
        })
        .collect()
}

/// The implementation tree, depth first, each node with its depth and parent (rows of `chain`).
fn chain_rows(c: &Chain) -> Vec<Vec<String>> {
    fn walk(out: &mut Vec<Vec<String>>, nodes: &[Node], depth: usize, parent: &str) {
        for n in nodes {
            out.push(vec![
                depth.to_string(),
                n.doc.clone(),
                parent.to_string(),
                text(&n.number),
                text(&n.issuer),
                level(n.level),
                text(&n.province),
                text(&n.date),
            ]);
            walk(out, &n.children, depth + 1, &n.doc);
        }
    }
    let mut tree = Vec::new();
    walk(&mut tree, &c.children, 1, "");
    tree
}

/// Citing documents per relation (rows of `relations`).
fn relation_rows(cs: &[Citer]) -> Vec<Vec<String>> {
    let mut by_relation: BTreeMap<Relation, usize> = BTreeMap::new();
    for x in cs {
        *by_relation.entry(x.relation).or_default() += 1;
    }
    by_relation.into_iter().map(|(r, n)| vec![r.as_str().into(), r.label_vi().into(), n.to_string()]).collect()
}

/// Phase 3: the tables of the page, each built by its own function above.
fn tables(s: &State, name: &DirectiveName, cs: &[Citer], c: &Chain, up: &Uptake) -> Vec<Table> {
    let sorted = sorted_citers(cs);
    vec![
        Table::new("groups", "Theo tỉnh và cấp", &["province", "level", "documents"], group_rows(&sorted)),
        Table::new(
            "citers",
            "Văn bản trích dẫn",
            &[
                "province",
                "level",
                "doc",
                "date",
                "issuer",
                "title",
                "directive",
                "mentions",
                "lag_days",
                "relation",
                "successor",
                "relies_on_replaced",
            ],
            citer_rows(&sorted),
        )
        .link("doc", Link::Doc),
        Table::new(
            "uptake",
            "Độ trễ tiếp nhận (ngày ban hành kế hoạch − ngày của văn bản)",
            &["doc", "province", "level", "directive_date", "doc_date", "lag_days"],
            uptake_rows(cs),
        )
        .link("doc", Link::Doc),
        Table::new(
            "cocited",
            "Được trích dẫn cùng",
            &["label", "directive", "documents", "mentions"],
            cocited_rows(s, name),
        )
        .link("directive", Link::Directive),
        Table::new(
            "units",
            "Đơn vị trong các kế hoạch",
            &["unit", "plans", "lead", "support", "mentioned", "tasks"],
            unit_rows(s, name),
        ),
        Table::new(
            "chain",
            "Cây triển khai",
            &["depth", "doc", "parent", "number", "issuer", "level", "province", "date"],
            chain_rows(c),
        )
        .link("doc", Link::Doc)
        .link("parent", Link::Doc),
        Table::new("relations", "Theo quan hệ trích dẫn", &["relation", "label", "documents"], relation_rows(cs)),
        Table::new(
            "uptake_plans",
            "Kế hoạch triển khai theo tỉnh (tải về để lập bảng tổng hợp)",
            &uptake::CSV_COLUMNS,
            uptake::csv_rows(up),
        )
        .link("doc_id", Link::Doc),
    ]
}

/// The uptake timeline: one dot per citing plan at its lag in days.
fn timeline(cs: &[Citer]) -> Markup {
    let mut v: Vec<&Citer> = cs.iter().filter(|x| x.lag_days.is_some()).collect();
    if v.is_empty() {
        return html! { p class="empty" { "Không đủ ngày tháng để tính độ trễ." } };
    }
    v.sort_by_key(|x| (x.lag_days, x.doc.clone()));
    let max = v.iter().filter_map(|x| x.lag_days).max().unwrap_or(1).max(1) as f64;
    let min = v.iter().filter_map(|x| x.lag_days).min().unwrap_or(0).min(0) as f64;
    let (x0, w) = (260.0, 470.0);
    let xs = |d: f64| x0 + (d - min) / (max - min).max(1.0) * w;
    let h = 40 + 22 * v.len();
    let axis_y = h - 22;
    let step = if max - min > 1500.0 {
        365.0
    } else if max - min > 200.0 {
        90.0
    } else {
        30.0
    };
    let ticks: Vec<f64> =
        std::iter::successors(Some((min / step).ceil() * step), |t| Some(t + step)).take_while(|t| *t <= max).collect();
    let f1 = |x: f64| format!("{x:.1}");
    html! {
        svg class="chart" xmlns="http://www.w3.org/2000/svg" width="820" height=(h) viewBox={"0 0 820 " (h)}
            role="img" aria-label="Dòng thời gian tiếp nhận" {
            line x1=(x0) y1=(axis_y) x2=(x0 + w) y2=(axis_y) stroke="#666" {}
            @for t in ticks {
                line x1=(f1(xs(t))) y1="10" x2=(f1(xs(t))) y2=(axis_y) stroke="#ddd" {}
                text x=(f1(xs(t))) y=(axis_y + 15) font-size="11" text-anchor="middle" { (format!("{t:.0}")) }
            }
            @for (i, c) in v.iter().enumerate() {
                @let y = 24 + 22 * i;
                @let d = c.lag_days.unwrap_or(0) as f64;
                @let label = format!("{} · {}", c.province.as_deref().unwrap_or("?"), c.date.map_or_else(|| "?".into(), |d| d.iso()));
                a href={"/doc/" (enc(&c.doc))} { text x="0" y=(y + 4) font-size="12" { (short(&label, 36)) } }
                circle cx=(f1(xs(d))) cy=(y) r="6" fill="#b5452b" {}
                text x=(f1(xs(d) + 9.0)) y=(y + 4) font-size="11" { (d) " ngày" }
            }
        }
    }
}

/// One row of the drawn tree: the directive (no node) or a citing document under its parent.
struct TreeRow<'a> {
    depth: usize,
    node: Option<&'a Node>,
    parent: Option<usize>,
}

/// The rows of the tree, depth first, the directive first.
fn tree_rows(c: &Chain) -> Vec<TreeRow<'_>> {
    let mut rows = vec![TreeRow { depth: 0, node: None, parent: None }];
    fn walk<'a>(rows: &mut Vec<TreeRow<'a>>, nodes: &'a [Node], depth: usize, parent: usize) {
        for n in nodes {
            rows.push(TreeRow { depth, node: Some(n), parent: Some(parent) });
            let me = rows.len() - 1;
            walk(rows, &n.children, depth + 1, me);
        }
    }
    walk(&mut rows, &c.children, 1, 0);
    rows
}

/// The implementation tree, drawn as boxes joined by elbows (the directive at the top left).
fn tree_svg(c: &Chain, label: &str) -> Markup {
    let rows = tree_rows(c);
    let (bw, bh, dx, dy) = (250, 46, 60, 58);
    let depth = rows.iter().map(|r| r.depth).max().unwrap_or(0);
    let w = 10 + depth * dx + bw + 10;
    let h = 10 + rows.len() * dy;
    let pos = |i: usize| (10 + rows[i].depth * dx, 10 + i * dy);
    html! {
        svg class="chart tree" xmlns="http://www.w3.org/2000/svg" width=(w) height=(h) viewBox={"0 0 " (w) " " (h)}
            role="img" aria-label="Cây triển khai" {
            @for (i, r) in rows.iter().enumerate() {
                @if let Some(p) = r.parent {
                    @let ((px, py), (x, y)) = (pos(p), pos(i));
                    path d={"M" (px + 16) " " (py + bh) " V" (y + bh / 2) " H" (x)} fill="none" stroke="#888" {}
                }
            }
            @for (i, r) in rows.iter().enumerate() {
                @let (x, y) = pos(i);
                @match r.node {
                    None => {
                        rect x=(x) y=(y) width=(bw) height=(bh) rx="6" fill="#1f4e79" {}
                        text x=(x + 8) y=(y + 19) font-size="14" font-weight="bold" fill="#fff" { (short(label, 30)) }
                        text x=(x + 8) y=(y + 36) font-size="11" fill="#fff" { (Level::TrungUong) }
                    }
                    Some(n) => {
                        @let fill = match n.level {
                            Some(Level::Tinh | Level::ThanhPho) => "#dbe8f6",
                            Some(Level::Huyen | Level::Quan | Level::ThiXa) => "#e3f1df",
                            _ => "#fbf0d9",
                        };
                        @let top = format!("{} · {}", n.number.as_deref().unwrap_or(&n.doc), n.date.as_deref().unwrap_or("?"));
                        a href={"/doc/" (enc(&n.doc))} {
                            rect x=(x) y=(y) width=(bw) height=(bh) rx="6" fill=(fill) stroke="#7a8a99" {}
                            text x=(x + 8) y=(y + 18) font-size="12" font-weight="bold" { (short(&top, 36)) }
                            text x=(x + 8) y=(y + 35) font-size="11" { (short(n.issuer.as_deref().unwrap_or("?"), 40)) }
                        }
                    }
                }
            }
        }
    }
}

/// What the page shows of one directive, gathered before anything is drawn.
struct Found {
    /// The directive as typed.
    asked: String,
    /// Its name, parsed.
    name: DirectiveName,
    /// The directive ids it matched (at least one).
    ids: BTreeSet<String>,
    /// Its citers, each with what replaced the directive (when something did).
    citers: Vec<Citer>,
    /// The implementation tree.
    chain: Chain,
    /// The uptake report.
    uptake: Uptake,
}

/// Phase 1: read the directive from the request; a 400 when it cannot be read, a 404 when no
/// document cites it.
fn resolve(s: &State, p: &Params) -> Result<(String, DirectiveName, BTreeSet<String>), AppError> {
    let Some(asked) = p.get("d") else {
        return Err(AppError::bad("Thiếu tham số d: /directive?d=33/CT-TTg (a directive symbol, name or id)."));
    };
    let name = DirectiveName::parse(asked, &s.lexicon).map_err(AppError::from_lib)?;
    let ids = matching_ids(&s.records, &name);
    if ids.is_empty() {
        return Err(AppError::not_found(format!(
            "Không văn bản nào trong chỉ mục trích dẫn {asked:?} (no document cites this directive)."
        )));
    }
    Ok((asked.to_string(), name, ids))
}

/// Phase 2: the citers (with successors), the tree and the uptake report of the directive.
fn gather(s: &State, asked: String, name: DirectiveName, ids: BTreeSet<String>) -> Found {
    let mut cs = citers(&s.records, &name);
    let replaced = supersede::known_in(&s.lexicon, &s.records);
    for x in &mut cs {
        x.set_successor(&replaced);
    }
    let relies = [Relation::Implements, Relation::Basis];
    let c = chain(&s.records, &name, &asked, &relies);
    let known_date = s.lexicon.known.get(asked.trim()).map(|k| k.date);
    let up = uptake::uptake(&asked, &cs, &relies, known_date, &s.gazetteer);
    Found { asked, name, ids, citers: cs, chain: c, uptake: up }
}

/// The heading: the directive, how many documents cite it, its ids.
fn heading(f: &Found, label: &str) -> Markup {
    let docs: BTreeSet<&str> = f.citers.iter().map(|x| x.doc.as_str()).collect();
    html! {
        h1 { "Ai trích dẫn " (label) "?" }
        p class="meta" {
            strong id="citing" { (docs.len()) } " văn bản trích dẫn · mã: "
            @for (k, i) in f.ids.iter().enumerate() { @if k > 0 { ", " } code { (i) } }
        }
    }
}

/// The warning of a replaced directive, and how many documents still rely on it after that.
fn replaced_warning(cs: &[Citer]) -> Markup {
    html! {
        @if let Some(x) = cs.iter().find(|x| x.successor.is_some()) {
            @let new = x.successor.as_deref().unwrap_or("");
            p class="warn" id="replaced" {
                "⚠ Văn bản này đã được thay thế bởi " a href={"/directive?d=" (enc(new))} { (new) }
                " từ ngày " (x.successor_date.map_or_else(|| "?".into(), |d| d.iso())) "; "
                (cs.iter().filter(|x| x.superseded).count())
                " văn bản ban hành sau ngày đó vẫn căn cứ hoặc triển khai nó."
            }
        }
    }
}

/// Phase 4: the page, the tables in the order the analyst reads them.
fn body(f: &Found, label: &str, tables: &[Table], p: &Params) -> Markup {
    let base = format!("/directive?d={}", enc(&f.asked));
    let t = |i: usize| tables[i].html(&base, p);
    html! {
        (heading(f, label))
        (replaced_warning(&f.citers))
        (t(6))
        div class="cols2" { (t(0)) (t(3)) }
        (t(1))
        h2 { "Dòng thời gian tiếp nhận" }
        figure class="fig" {
            (timeline(&f.citers))
            figcaption { "Số ngày từ ngày của văn bản đến ngày ban hành kế hoạch trích dẫn." }
        }
        (t(2))
        h2 { "Cây triển khai: từ trung ương xuống cơ sở" }
        figure class="fig" { (tree_svg(&f.chain, label)) }
        (t(5))
        (t(4))
        h2 { "Tiếp nhận theo tỉnh, thành phố" }
        (uptake::html_body(&f.uptake))
        (t(7))
    }
}

/// `GET /directive?d=33/CT-TTg` (a symbol, "ct 33", "Chỉ thị 33/CT-TTg" or an id): resolve the
/// directive, gather what cites it, build its tables (phase 3), then answer a download or the page.
pub fn page(s: &State, p: &Params) -> Answer {
    let (asked, name, ids) = resolve(s, p)?;
    let f = gather(s, asked, name, ids);
    let tables = tables(s, &f.name, &f.citers, &f.chain, &f.uptake);
    respond(p, &tables, || {
        let label = f.ids.iter().next().map_or(f.asked.as_str(), |id| s.label(id));
        layout(&format!("{label} — trích dẫn"), "", body(&f, label, &tables, p))
    })
}
