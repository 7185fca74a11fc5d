//! Facet counts over a search: how many matching documents per province, year,
//! issuer level, kind and cited directive.
//!
//! The query is the search's own ([`super::search::build_query`]), so a facet
//! count is exactly the number of hits the same query gets with that filter
//! added. Values are read from the fast columns (no stored document is opened):
//! counts are kept per segment by term ordinal and resolved to text once.

use super::schema::Fields;
use super::search::{build_query, Filters};
use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Index, Score, SegmentOrdinal, SegmentReader};

/// The text facets, in the order of [`Counts::text`].
const TEXT: [&str; 4] = ["province", "level", "kind", "cites"];

/// Counts of one segment, or of all.
#[derive(Default)]
struct Counts {
    total: usize,
    text: [BTreeMap<String, usize>; 4],
    year: BTreeMap<String, usize>,
}

struct FacetCollector;

struct SegmentCounts {
    cols: Vec<Option<(StrColumn, Vec<u32>)>>,
    year: Column<u64>,
    years: BTreeMap<u64, usize>,
    total: usize,
}

impl Collector for FacetCollector {
    type Fruit = Counts;
    type Child = SegmentCounts;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentCounts> {
        let ff = reader.fast_fields();
        let mut cols = Vec::with_capacity(TEXT.len());
        for name in TEXT {
            cols.push(ff.str(name)?.map(|c| {
                let n = c.num_terms();
                (c, vec![0u32; n])
            }));
        }
        Ok(SegmentCounts { cols, year: ff.u64("year")?, years: BTreeMap::new(), total: 0 })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut all = Counts::default();
        for f in fruits {
            all.total += f.total;
            for (k, m) in f.text.into_iter().enumerate() {
                for (v, n) in m {
                    *all.text[k].entry(v).or_default() += n;
                }
            }
            for (v, n) in f.year {
                *all.year.entry(v).or_default() += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.total += 1;
        for (col, counts) in self.cols.iter_mut().flatten() {
            for o in col.term_ords(doc) {
                if let Some(c) = counts.get_mut(o as usize) {
                    *c += 1;
                }
            }
        }
        for y in self.year.values_for_doc(doc) {
            *self.years.entry(y).or_default() += 1;
        }
    }

    fn harvest(self) -> Counts {
        let mut out = Counts { total: self.total, ..Counts::default() };
        let mut s = String::new();
        for (k, col) in self.cols.into_iter().enumerate() {
            let Some((col, counts)) = col else { continue };
            for (o, &n) in counts.iter().enumerate().filter(|(_, &n)| n > 0) {
                s.clear();
                if col.ord_to_str(o as u64, &mut s).unwrap_or(false) {
                    *out.text[k].entry(s.clone()).or_default() += n as usize;
                }
            }
        }
        out.year = self.years.into_iter().map(|(y, n)| (y.to_string(), n)).collect();
        out
    }
}

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
pub fn facets(index: &Index, f: &Fields, query: &str, filters: &Filters, limit: usize) -> crate::Result<Facets> {
    facets_with(&index.reader()?.searcher(), index, f, query, filters, limit)
}

/// [`facets`] with a searcher the caller keeps open (`serve`).
pub(crate) fn facets_with(
    searcher: &tantivy::Searcher,
    index: &Index,
    f: &Fields,
    query: &str,
    filters: &Filters,
    limit: usize,
) -> crate::Result<Facets> {
    let (full, _) = build_query(index, f, query, filters)?;
    let c = searcher.search(&full, &FacetCollector)?;
    let [province, level, kind, cites] = c.text;
    Ok(Facets {
        schema_version: crate::SCHEMA_VERSION,
        total: c.total,
        province: ranked(province, limit),
        year: ranked(c.year, limit),
        level: ranked(level, limit),
        kind: ranked(kind, limit),
        cites: ranked(cites, limit),
    })
}
