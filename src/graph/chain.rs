//! The implementation tree of a directive: the plans citing it, and below each
//! plan the plans of the corpus that cite that plan (a province's plan, the
//! district's plan implementing it, the commune's plan implementing that).
//!
//! A citation links to a corpus document when the cited symbol is the
//! document's own number and the dates agree (or one is unknown). A plan that
//! cites both the directive and a plan already in the tree hangs under that plan.
//! Only citations whose relations pass the filter count (`graph chain` follows
//! `implements` and `basis` unless told otherwise: a plan that names a directive in
//! passing does not carry it out).

use crate::domain::Level;
use crate::graph::directive_name::DirectiveName;
use crate::record::{Directive, DocRecord, Relation};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// A node of the tree.
#[derive(Debug, serde::Serialize)]
pub struct Node {
    /// Document id.
    pub doc: String,
    /// Own number.
    pub number: Option<String>,
    /// Issuer.
    pub issuer: Option<String>,
    /// Level.
    pub level: Option<Level>,
    /// Province.
    pub province: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Plans implementing this one.
    pub children: Vec<Node>,
}

/// The tree under a directive.
#[derive(Debug, serde::Serialize)]
pub struct Chain {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// The directive as asked.
    pub directive: String,
    /// Plans citing it directly (and not through another plan of the tree).
    pub children: Vec<Node>,
}

/// Whether citation `d` is document `r`.
fn is_doc(d: &Directive, r: &DocRecord) -> bool {
    d.symbol.is_some()
        && d.symbol == r.meta.number
        && (d.date.is_none() || r.meta.date.is_none() || d.date == r.meta.date)
}

/// [`Level::rank`], unknown levels with the communes.
fn rank(level: Option<Level>) -> u8 {
    level.map_or(4, Level::rank)
}

/// Build the implementation tree of `name`.
pub fn chain(records: &[DocRecord], name: &DirectiveName, asked: &str, relations: &[Relation]) -> Chain {
    let allowed = |d: &Directive| super::relation_allowed(relations, &d.relations);
    // parent candidates: for each doc, the corpus docs it cites
    // (looked up by own number: a linear pass, not every pair of documents)
    let mut by_number: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (j, t) in records.iter().enumerate().filter(|(_, t)| super::counted(t)) {
        if let Some(n) = t.meta.number.as_deref() {
            by_number.entry(n).or_default().push(j);
        }
    }
    let mut cites: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (i, r) in records.iter().enumerate().filter(|(_, r)| super::counted(r)) {
        for d in r.directives.iter().filter(|d| allowed(d)) {
            let candidates = d.symbol.as_deref().and_then(|s| by_number.get(s)).map_or(&[][..], Vec::as_slice);
            for &j in candidates {
                if i != j && is_doc(d, &records[j]) {
                    cites.entry(i).or_default().insert(j);
                }
            }
        }
    }
    // the tree's documents: citers of the directive, then whatever cites a member (closure)
    let mut member: BTreeSet<usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| super::counted(r) && r.directives.iter().any(|d| name.matches(d) && allowed(d)))
        .map(|(i, _)| i)
        .collect();
    loop {
        let more: Vec<usize> = cites
            .iter()
            .filter(|(i, ts)| !member.contains(i) && ts.iter().any(|t| member.contains(t)))
            .map(|(i, _)| *i)
            .collect();
        if more.is_empty() {
            break;
        }
        member.extend(more);
    }
    // parent: the member it cites with the lowest level rank... deepest: the highest rank number
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    for &i in &member {
        if let Some(p) = cites
            .get(&i)
            .and_then(|ts| ts.iter().filter(|t| member.contains(t)).max_by_key(|&&t| (rank(records[t].meta.level), t)))
        {
            parent.insert(i, *p);
        }
    }
    // break cycles: a node whose parent chain returns to itself hangs at the root
    for &i in &member {
        let mut seen = BTreeSet::from([i]);
        let mut cur = i;
        while let Some(&p) = parent.get(&cur) {
            if !seen.insert(p) {
                parent.remove(&i);
                break;
            }
            cur = p;
        }
    }
    // children of each node, in member order (one pass instead of a scan of the members per node)
    let mut kids: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &k in &member {
        if let Some(&p) = parent.get(&k) {
            kids.entry(p).or_default().push(k);
        }
    }
    let build = |roots: Vec<usize>| -> Vec<Node> { build_nodes(records, &kids, roots) };
    let roots: Vec<usize> = member.iter().copied().filter(|i| !parent.contains_key(i)).collect();
    Chain { schema_version: crate::SCHEMA_VERSION, directive: asked.to_string(), children: build(roots) }
}

fn build_nodes(records: &[DocRecord], kids: &BTreeMap<usize, Vec<usize>>, mut ids: Vec<usize>) -> Vec<Node> {
    ids.sort_by_key(|&i| (rank(records[i].meta.level), records[i].meta.date, records[i].id.to_string()));
    ids.into_iter()
        .map(|i| {
            let r = &records[i];
            let mine = kids.get(&i).cloned().unwrap_or_default();
            Node {
                doc: r.id.to_string(),
                number: r.meta.number.clone(),
                issuer: r.meta.issuer.clone(),
                level: r.meta.level,
                province: r.meta.province.clone(),
                date: r.meta.date.map(|d| d.iso()),
                title: r.meta.title.clone(),
                children: build_nodes(records, kids, mine),
            }
        })
        .collect()
}

/// The inside of a Graphviz DOT quoted string (`"…"`): a backslash and a double quote get a
/// backslash. DOT, not HTML: the labels are plain strings (`\n` breaks a line), so this is
/// not an HTML escaper and the HTML templates do not apply.
fn dot_quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Graphviz DOT of the tree.
pub fn dot(c: &Chain) -> String {
    let mut s = String::from("digraph chain {\n  rankdir=TB;\n  node [shape=box, fontname=\"Times New Roman\"];\n");
    let _ = writeln!(s, "  root [label=\"{}\", shape=ellipse];", dot_quote(&c.directive));
    fn walk(s: &mut String, from: &str, nodes: &[Node]) {
        for n in nodes {
            let label = format!(
                "{}\\n{}\\n{}",
                dot_quote(n.number.as_deref().unwrap_or(&n.doc)),
                dot_quote(n.issuer.as_deref().unwrap_or("?")),
                dot_quote(n.date.as_deref().unwrap_or(""))
            );
            let _ = writeln!(s, "  \"{}\" [label=\"{label}\"];", dot_quote(&n.doc));
            let _ = writeln!(s, "  {from} -> \"{}\";", dot_quote(&n.doc));
            walk(s, &format!("\"{}\"", dot_quote(&n.doc)), &n.children);
        }
    }
    walk(&mut s, "root", &c.children);
    s.push_str("}\n");
    s
}

/// An indented text tree (the default view).
pub fn text(c: &Chain) -> String {
    fn walk(s: &mut String, nodes: &[Node], depth: usize) {
        for n in nodes {
            let _ = writeln!(
                s,
                "{}└ {}  {}  {}  {}",
                "  ".repeat(depth),
                n.number.as_deref().unwrap_or(&n.doc),
                n.issuer.as_deref().unwrap_or("?"),
                n.date.as_deref().unwrap_or("-"),
                n.doc
            );
            walk(s, &n.children, depth + 1);
        }
    }
    let mut s = format!("{}\n", c.directive);
    walk(&mut s, &c.children, 0);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_labels_quote_backslashes_and_quotes_only() {
        // DOT strings, not HTML: markup characters stay as they are
        assert_eq!(dot_quote(r#"a "b" \ <c> & d"#), r#"a \"b\" \\ <c> & d"#);
    }
}
