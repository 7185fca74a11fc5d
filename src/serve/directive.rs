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

use super::html::{esc, page as layout, short};
use super::table::{respond, Link, Table};
use super::{enc, Answer, AppError, Params, State};
use crate::directive_name::DirectiveName;
use crate::graph::chain::{chain, Chain, Node};
use crate::graph::{citers, cocited, matching_ids, supersede, units, Citer};
use crate::record::Relation;
use crate::report::uptake::{self, Uptake};
use std::collections::BTreeMap;
use std::fmt::Write;

fn level_rank(l: Option<&str>) -> u8 {
    match l {
        Some("trung ương") => 0,
        Some("tỉnh") => 1,
        Some("thành phố") => 2,
        Some("huyện" | "quận" | "thị xã") => 3,
        Some(_) => 4,
        None => 5,
    }
}

/// The tables of the page.
fn tables(s: &State, name: &DirectiveName, cs: &[Citer], c: &Chain, up: &Uptake) -> Vec<Table> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut sorted: Vec<&Citer> = cs.iter().collect();
    // grouped by relation (strongest first), then by province and level
    sorted.sort_by(|a, b| {
        (a.relation, a.province.is_none(), &a.province, level_rank(a.level.as_deref()), &a.date, &a.doc).cmp(&(
            b.relation,
            b.province.is_none(),
            &b.province,
            level_rank(b.level.as_deref()),
            &b.date,
            &b.doc,
        ))
    });
    let mut by_relation: BTreeMap<Relation, usize> = BTreeMap::new();
    for x in cs {
        *by_relation.entry(x.relation).or_default() += 1;
    }
    let mut groups: BTreeMap<(String, u8, String), usize> = BTreeMap::new();
    for x in &sorted {
        let p = x.province.clone().unwrap_or_else(|| "(không rõ)".into());
        let l = x.level.clone().unwrap_or_else(|| "?".into());
        *groups.entry((p, level_rank(x.level.as_deref()), l)).or_default() += 1;
    }
    let citers = sorted
        .iter()
        .map(|x| {
            vec![
                o(&x.province),
                o(&x.level),
                x.doc.clone(),
                o(&x.date),
                o(&x.issuer),
                o(&x.title),
                x.directive.clone(),
                x.mentions.to_string(),
                x.lag_days.map_or(String::new(), |d| d.to_string()),
                x.relation.label_vi().to_string(),
                o(&x.successor),
                if x.superseded { "có".into() } else { String::new() },
            ]
        })
        .collect();
    let mut uptake: Vec<&Citer> = cs.iter().filter(|x| x.lag_days.is_some()).collect();
    uptake.sort_by_key(|x| (x.lag_days, x.doc.clone()));
    let uptake_rows = uptake
        .iter()
        .map(|x| {
            vec![
                x.doc.clone(),
                o(&x.province),
                o(&x.level),
                o(&x.directive_date),
                o(&x.date),
                x.lag_days.map_or(String::new(), |d| d.to_string()),
            ]
        })
        .collect();
    let co = cocited(&s.records, name, 50)
        .into_iter()
        .map(|c| vec![c.label, c.directive, c.documents.to_string(), c.mentions.to_string()])
        .collect();
    let un = units::of_directive(&s.records, name)
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
        .collect();
    let mut tree = Vec::new();
    fn walk(out: &mut Vec<Vec<String>>, nodes: &[Node], depth: usize, parent: &str) {
        for n in nodes {
            let o = |v: &Option<String>| v.clone().unwrap_or_default();
            out.push(vec![
                depth.to_string(),
                n.doc.clone(),
                parent.to_string(),
                o(&n.number),
                o(&n.issuer),
                o(&n.level),
                o(&n.province),
                o(&n.date),
            ]);
            walk(out, &n.children, depth + 1, &n.doc);
        }
    }
    walk(&mut tree, &c.children, 1, "");
    vec![
        Table::new(
            "groups",
            "Theo tỉnh và cấp",
            &["province", "level", "documents"],
            groups.into_iter().map(|((p, _, l), n)| vec![p, l, n.to_string()]).collect(),
        ),
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
            citers,
        )
        .link("doc", Link::Doc),
        Table::new(
            "uptake",
            "Độ trễ tiếp nhận (ngày ban hành kế hoạch − ngày của văn bản)",
            &["doc", "province", "level", "directive_date", "doc_date", "lag_days"],
            uptake_rows,
        )
        .link("doc", Link::Doc),
        Table::new("cocited", "Được trích dẫn cùng", &["label", "directive", "documents", "mentions"], co)
            .link("directive", Link::Directive),
        Table::new(
            "units",
            "Đơn vị trong các kế hoạch",
            &["unit", "plans", "lead", "support", "mentioned", "tasks"],
            un,
        ),
        Table::new(
            "chain",
            "Cây triển khai",
            &["depth", "doc", "parent", "number", "issuer", "level", "province", "date"],
            tree,
        )
        .link("doc", Link::Doc)
        .link("parent", Link::Doc),
        Table::new(
            "relations",
            "Theo quan hệ trích dẫn",
            &["relation", "label", "documents"],
            by_relation.into_iter().map(|(r, n)| vec![r.as_str().into(), r.label_vi().into(), n.to_string()]).collect(),
        ),
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
fn timeline(cs: &[Citer]) -> String {
    let mut v: Vec<&Citer> = cs.iter().filter(|x| x.lag_days.is_some()).collect();
    if v.is_empty() {
        return "<p class=\"empty\">Không đủ ngày tháng để tính độ trễ.</p>".into();
    }
    v.sort_by_key(|x| (x.lag_days, x.doc.clone()));
    let max = v.iter().filter_map(|x| x.lag_days).max().unwrap_or(1).max(1) as f64;
    let min = v.iter().filter_map(|x| x.lag_days).min().unwrap_or(0).min(0) as f64;
    let (x0, w) = (260.0, 470.0);
    let xs = |d: f64| x0 + (d - min) / (max - min).max(1.0) * w;
    let h = 40 + 22 * v.len();
    let mut s = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"820\" height=\"{h}\" viewBox=\"0 0 820 {h}\" role=\"img\" aria-label=\"Dòng thời gian tiếp nhận\">"
    );
    let axis_y = h - 22;
    let _ = write!(s, "<line x1=\"{x0}\" y1=\"{axis_y}\" x2=\"{}\" y2=\"{axis_y}\" stroke=\"#666\"/>", x0 + w);
    let step = if max - min > 1500.0 {
        365.0
    } else if max - min > 200.0 {
        90.0
    } else {
        30.0
    };
    let mut t = (min / step).ceil() * step;
    while t <= max {
        let x = xs(t);
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" y1=\"10\" x2=\"{x:.1}\" y2=\"{axis_y}\" stroke=\"#ddd\"/><text x=\"{x:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{t:.0}</text>",
            axis_y + 15
        );
        t += step;
    }
    for (i, c) in v.iter().enumerate() {
        let y = 24 + 22 * i;
        let d = c.lag_days.unwrap_or(0) as f64;
        let label = format!("{} · {}", c.province.as_deref().unwrap_or("?"), c.date.as_deref().unwrap_or("?"));
        let _ = write!(
            s,
            "<a href=\"/doc/{}\"><text x=\"0\" y=\"{}\" font-size=\"12\">{}</text></a><circle cx=\"{:.1}\" cy=\"{}\" r=\"6\" fill=\"#b5452b\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{} ngày</text>",
            enc(&c.doc),
            y + 4,
            esc(&short(&label, 36)),
            xs(d),
            y,
            xs(d) + 9.0,
            y + 4,
            d
        );
    }
    s.push_str("</svg>");
    s
}

/// The implementation tree, drawn as boxes joined by elbows (the directive at the top left).
fn tree_svg(c: &Chain, label: &str) -> String {
    struct Row<'a> {
        depth: usize,
        node: Option<&'a Node>,
        parent: Option<usize>,
    }
    let mut rows = vec![Row { depth: 0, node: None, parent: None }];
    fn walk<'a>(rows: &mut Vec<Row<'a>>, nodes: &'a [Node], depth: usize, parent: usize) {
        for n in nodes {
            rows.push(Row { depth, node: Some(n), parent: Some(parent) });
            let me = rows.len() - 1;
            walk(rows, &n.children, depth + 1, me);
        }
    }
    walk(&mut rows, &c.children, 1, 0);
    let (bw, bh, dx, dy) = (250, 46, 60, 58);
    let depth = rows.iter().map(|r| r.depth).max().unwrap_or(0);
    let w = 10 + depth * dx + bw + 10;
    let h = 10 + rows.len() * dy;
    let mut s = format!(
        "<svg class=\"chart tree\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Cây triển khai\">"
    );
    let pos = |i: usize| (10 + rows[i].depth * dx, 10 + i * dy);
    for (i, r) in rows.iter().enumerate() {
        if let Some(p) = r.parent {
            let (px, py) = pos(p);
            let (x, y) = pos(i);
            let _ = write!(
                s,
                "<path d=\"M{} {} V{} H{}\" fill=\"none\" stroke=\"#888\"/>",
                px + 16,
                py + bh,
                y + bh / 2,
                x
            );
        }
    }
    for (i, r) in rows.iter().enumerate() {
        let (x, y) = pos(i);
        match r.node {
            None => {
                let _ = write!(
                    s,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\" rx=\"6\" fill=\"#1f4e79\"/><text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\" fill=\"#fff\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#fff\">trung ương</text>",
                    x + 8,
                    y + 19,
                    esc(&short(label, 30)),
                    x + 8,
                    y + 36
                );
            }
            Some(n) => {
                let fill = match n.level.as_deref() {
                    Some("tỉnh" | "thành phố") => "#dbe8f6",
                    Some("huyện" | "quận" | "thị xã") => "#e3f1df",
                    _ => "#fbf0d9",
                };
                let top = format!("{} · {}", n.number.as_deref().unwrap_or(&n.doc), n.date.as_deref().unwrap_or("?"));
                let _ = write!(
                    s,
                    "<a href=\"/doc/{}\"><rect x=\"{x}\" y=\"{y}\" width=\"{bw}\" height=\"{bh}\" rx=\"6\" fill=\"{fill}\" stroke=\"#7a8a99\"/><text x=\"{}\" y=\"{}\" font-size=\"12\" font-weight=\"bold\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text></a>",
                    enc(&n.doc),
                    x + 8,
                    y + 18,
                    esc(&short(&top, 36)),
                    x + 8,
                    y + 35,
                    esc(&short(n.issuer.as_deref().unwrap_or("?"), 40))
                );
            }
        }
    }
    s.push_str("</svg>");
    s
}

/// `GET /directive?d=33/CT-TTg` (a symbol, "ct 33", "Chỉ thị 33/CT-TTg" or an id).
pub fn page(s: &State, p: &Params) -> Answer {
    let Some(asked) = p.get("d") else {
        return Err(AppError::bad("Thiếu tham số d: /directive?d=33/CT-TTg (a directive symbol, name or id)."));
    };
    let name = DirectiveName::parse(asked, &s.lexicon).map_err(|e| AppError::bad(format!("{e:#}")))?;
    let ids = matching_ids(&s.records, &name);
    if ids.is_empty() {
        return Err(AppError::not_found(format!(
            "Không văn bản nào trong chỉ mục trích dẫn {asked:?} (no document cites this directive)."
        )));
    }
    let mut cs = citers(&s.records, &name);
    let replaced = supersede::known_in(&s.lexicon, &s.records);
    for x in &mut cs {
        x.set_successor(&replaced);
    }
    let c = chain(&s.records, &name, asked, &[Relation::Implements, Relation::Basis]);
    let known_date = s.lexicon.known.get(asked.trim()).map(|k| k.date.clone());
    let up = uptake::uptake(asked, &cs, &[Relation::Implements, Relation::Basis], known_date.as_deref(), &s.gazetteer);
    let tables = tables(s, &name, &cs, &c, &up);
    respond(p, &tables, || {
        let label = ids.iter().next().map_or(asked, |id| s.label(id)).to_string();
        let docs: std::collections::BTreeSet<&str> = cs.iter().map(|x| x.doc.as_str()).collect();
        let mut h = format!(
            "<h1>Ai trích dẫn {}?</h1><p class=\"meta\"><strong id=\"citing\">{}</strong> văn bản trích dẫn · mã: {}</p>",
            esc(&label),
            docs.len(),
            ids.iter().map(|i| format!("<code>{}</code>", esc(i))).collect::<Vec<_>>().join(", ")
        );
        if let Some(x) = cs.iter().find(|x| x.successor.is_some()) {
            let relying = cs.iter().filter(|x| x.superseded).count();
            let _ = write!(
                h,
                "<p class=\"warn\" id=\"replaced\">⚠ Văn bản này đã được thay thế bởi <a href=\"/directive?d={}\">{}</a> từ ngày {}; {} văn bản ban hành sau ngày đó vẫn căn cứ hoặc triển khai nó.</p>",
                enc(x.successor.as_deref().unwrap_or("")),
                esc(x.successor.as_deref().unwrap_or("")),
                esc(x.successor_date.as_deref().unwrap_or("?")),
                relying
            );
        }
        let base = format!("/directive?d={}", enc(asked));
        h.push_str(&tables[6].html(&base, p));
        h.push_str("<div class=\"cols2\">");
        h.push_str(&tables[0].html(&base, p));
        h.push_str(&tables[3].html(&base, p));
        h.push_str("</div>");
        h.push_str(&tables[1].html(&base, p));
        h.push_str("<h2>Dòng thời gian tiếp nhận</h2><figure class=\"fig\">");
        h.push_str(&timeline(&cs));
        h.push_str(
            "<figcaption>Số ngày từ ngày của văn bản đến ngày ban hành kế hoạch trích dẫn.</figcaption></figure>",
        );
        h.push_str(&tables[2].html(&base, p));
        h.push_str("<h2>Cây triển khai: từ trung ương xuống cơ sở</h2><figure class=\"fig\">");
        h.push_str(&tree_svg(&c, &label));
        h.push_str("</figure>");
        h.push_str(&tables[5].html(&base, p));
        h.push_str(&tables[4].html(&base, p));
        h.push_str("<h2>Tiếp nhận theo tỉnh, thành phố</h2>");
        h.push_str(&uptake::html_body(&up));
        h.push_str(&tables[7].html(&base, p));
        layout(&format!("{label} — trích dẫn"), "", &h)
    })
}
