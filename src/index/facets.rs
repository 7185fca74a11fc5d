//! Facet counts over a search: how many matching documents per province, year,
//! issuer level, kind and cited directive.
//!
//! The query is the search's own ([`super::search::build_query`]), so a facet
//! count is exactly the number of hits the same query gets with that filter
//! added. Values are read from the fast columns (no stored document is opened):
//! counts are kept per segment by term ordinal and resolved to text once.

use super::schema::Fields;
use super::search::{build_query, Filters};
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::DocSetCollector;
use tantivy::Index;

/// One value of a facet and the documents having it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Facet {
    /// The value (a province, a year, a directive id …).
    pub value: String,
    /// Matching documents with this value.
    pub count: usize,
}

/// The facets of a query.
#[derive(Debug, serde::Serialize)]
pub struct Facets {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Matching documents.
    pub total: usize,
    /// By province (as of the document).
    pub province: Vec<Facet>,
    /// By plan year.
    pub year: Vec<Facet>,
    /// By issuer level.
    pub level: Vec<Facet>,
    /// By kind.
    pub kind: Vec<Facet>,
    /// By cited directive id.
    pub cites: Vec<Facet>,
}

/// Most frequent first, then by value; at most `limit`.
fn ranked(m: BTreeMap<String, usize>, limit: usize) -> Vec<Facet> {
    let mut v: Vec<Facet> = m.into_iter().map(|(value, count)| Facet { value, count }).collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v.truncate(limit);
    v
}

/// Count the facets of `query` with `filters` (at most `limit` values per facet).
pub fn facets(index: &Index, f: &Fields, query: &str, filters: &Filters, limit: usize) -> anyhow::Result<Facets> {
    let (full, _) = build_query(index, f, query, filters)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let docs = searcher.search(&full, &DocSetCollector)?;
    let mut by_segment: HashMap<u32, Vec<u32>> = HashMap::new();
    for a in &docs {
        by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
    }
    const TEXT: [&str; 4] = ["province", "level", "kind", "cites"];
    let mut text: [BTreeMap<String, usize>; 4] = Default::default();
    let mut years: BTreeMap<String, usize> = BTreeMap::new();
    for (seg, ids) in by_segment {
        let ff = searcher.segment_reader(seg).fast_fields();
        for (k, name) in TEXT.iter().enumerate() {
            let Some(col) = ff.str(name)? else { continue };
            let mut ords: HashMap<u64, usize> = HashMap::new();
            for &d in &ids {
                for o in col.term_ords(d) {
                    *ords.entry(o).or_default() += 1;
                }
            }
            let mut s = String::new();
            for (o, n) in ords {
                s.clear();
                col.ord_to_str(o, &mut s)?;
                *text[k].entry(s.clone()).or_default() += n;
            }
        }
        let ycol = ff.u64("year")?;
        for &d in &ids {
            for y in ycol.values_for_doc(d) {
                *years.entry(y.to_string()).or_default() += 1;
            }
        }
    }
    let [province, level, kind, cites] = text;
    Ok(Facets {
        schema_version: crate::SCHEMA_VERSION,
        total: docs.len(),
        province: ranked(province, limit),
        year: ranked(years, limit),
        level: ranked(level, limit),
        kind: ranked(kind, limit),
        cites: ranked(cites, limit),
    })
}
