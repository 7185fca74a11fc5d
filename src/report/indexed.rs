//! `report provinces` from the index's fast fields (columns), without reading
//! a single stored record: at a million documents, parsing every record takes
//! minutes, walking columns about a second.
//!
//! Per document it reads term ordinals of `province_2025`, `province`, `level`,
//! `date`, `slogans`, `cites_info` and the numbers `year`, `units_n`,
//! `deadlines_n`; each distinct value of a segment is decoded once. The result
//! is the [`super::provinces`] report of the loaded records, field for field:
//! the one subtle part is the label shown for a directive, which the record
//! path takes from the first document (in id order) citing it. When every
//! citation of a directive carries the same label (the usual case) that is the
//! label; otherwise the document ids are compared, for that directive only.
//! Documents of unknown province are fetched (issuer, title) one by one.
//! Records that are not official documents (the `is_document` column) are left out.
//! Returns `None` for an index built before these columns existed.

use super::{Cited, Lag, ProvinceRow, Report, Unplaced, KEY_DIRECTIVES};
use crate::domain::{lag, Date};
use crate::graph::directive_name::DirectiveName;
use crate::index::cites_info::decode;
use crate::index::schema::Fields;
use crate::record::Relation;
use serde::de::IgnoredAny;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
// Maps keyed by small interned numbers, probed several times per document: the default
// SipHash was the largest cost of the report once the columns were read (perf, 1,000,000
// documents). Nothing here is keyed by untrusted input that could aim at collisions.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Index, Searcher, SegmentReader, TantivyDocument};

/// Strings to small numbers.
#[derive(Default)]
struct Interner {
    map: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn get(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.map.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_string());
        self.map.insert(s.to_string(), i);
        i
    }
}

/// The first document (smallest id) seen with a label.
type First = HashMap<u32, (String, u32)>;

fn keep_first(m: &mut First, key: u32, doc: &str, label: u32) {
    match m.get_mut(&key) {
        Some(e) if e.0.as_str() <= doc => {}
        Some(e) => *e = (doc.to_string(), label),
        None => {
            m.insert(key, (doc.to_string(), label));
        }
    }
}

#[derive(Default)]
struct Group {
    n: usize,
    // a handful of values each: a list scanned is cheaper than a hash per document
    provinces: Vec<u32>,
    by_level: Vec<(Option<u32>, usize)>,
    by_year: Vec<(Option<u64>, usize)>,
    cites: HashMap<u32, usize>,
    lags: HashMap<u32, Vec<i64>>,
    /// Documents that rely on each directive.
    relying: HashMap<u32, usize>,
    /// Documents that rely on each named key directive (`--key`), by key.
    key_hits: Vec<usize>,
    slogans: HashMap<u32, usize>,
    deadlines: u64,
    units: u64,
    first: First,
    first_lag: First,
}

/// What the documents of one group cite under one `cites_info` value of a segment.
#[derive(Clone, Copy, Default)]
struct Slot {
    cites: u32,
    relying: u32,
}

/// Count one more `key` in a short list of counts.
fn bump<K: PartialEq>(counts: &mut Vec<(K, usize)>, key: K) {
    match counts.iter_mut().find(|(k, _)| *k == key) {
        Some((_, n)) => *n += 1,
        None => counts.push((key, 1)),
    }
}

/// A decoded `cites_info` value.
#[derive(Clone, Copy)]
struct Fact {
    id: u32,
    days: Option<i64>,
    label: u32,
    /// The document implements it or stands on it (its lag counts; it counts as a key plan).
    relies: bool,
    /// The directive is cited under more than one label (its label is the first document's).
    ambiguous: bool,
}

/// An encoded citation's id, date, label and relations.
type Lean<'a> = (Cow<'a, str>, Option<Date>, Cow<'a, str>, Vec<Relation>);

/// Id, date, label and relations of an encoded citation, borrowed when the JSON has no escapes.
fn lean(key: &[u8]) -> Option<Lean<'_>> {
    type Borrowed<'a> = (&'a str, Option<Date>, &'a str, IgnoredAny, IgnoredAny, IgnoredAny, IgnoredAny, Vec<Relation>);
    let s = std::str::from_utf8(key).ok()?;
    match serde_json::from_str::<Borrowed>(s) {
        Ok((id, date, label, .., rel)) => Some((id.into(), date, label.into(), rel)),
        Err(_) => decode(s).map(|c| (c.id.into(), c.date, c.label.into(), c.relations)),
    }
}

fn values(col: &Option<StrColumn>) -> crate::Result<Vec<String>> {
    let mut out = Vec::new();
    if let Some(c) = col {
        let mut s = c.dictionary().stream().map_err(crate::Error::index_io)?;
        while s.advance() {
            out.push(String::from_utf8_lossy(s.key()).into_owned());
        }
    }
    Ok(out)
}

fn ords(col: &Option<StrColumn>, doc: u32) -> impl Iterator<Item = u64> + '_ {
    col.iter().flat_map(move |c| c.term_ords(doc))
}

fn is_fast(searcher: &Searcher, f: Option<Field>) -> bool {
    f.is_some_and(|f| searcher.schema().get_field_entry(f).is_fast())
}

/// The provinces report of the index; `None` when the index lacks the columns.
pub fn provinces(index: &Index, f: &Fields) -> crate::Result<Option<Report>> {
    let reader = index.reader()?;
    provinces_in(&reader.searcher(), f)
}

/// [`provinces`] with an open searcher.
pub(crate) fn provinces_in(searcher: &Searcher, f: &Fields) -> crate::Result<Option<Report>> {
    provinces_keyed(searcher, f, &[])
}

/// [`provinces_in`] with the key directives named (see [`super::provinces_keyed`]).
///
/// In phases: check the columns, decode the citations ([`decode_citations`]), count every
/// segment's documents by group ([`Tally::segment`]), then the rows ([`province_rows`]) and
/// the documents of unknown province ([`unplaced`]).
pub fn provinces_keyed(
    searcher: &Searcher,
    f: &Fields,
    keys: &[(String, DirectiveName)],
) -> crate::Result<Option<Report>> {
    if !has_columns(searcher, f) {
        return Ok(None);
    }
    let cit = decode_citations(searcher, keys)?;
    let mut tally = Tally::default();
    for (seg, sr) in searcher.segment_readers().iter().enumerate() {
        tally.segment(seg, sr, &cit.seg_facts[seg], &cit.key_ids)?;
    }
    let mut provinces = province_rows(&tally, &cit, keys);
    provinces.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.province_2025.cmp(&b.province_2025)));
    let documents = tally.documents;
    let unknown = unplaced(searcher, f, tally.unknown)?;
    Ok(Some(Report { schema_version: crate::SCHEMA_VERSION, documents, provinces, unknown }))
}

/// Whether the index has every column the report reads (indexes built before some did not).
fn has_columns(searcher: &Searcher, f: &Fields) -> bool {
    let needed = [f.province_2025, f.province, f.level, f.date, f.slogans, f.year, f.id];
    needed.iter().all(|&x| is_fast(searcher, Some(x)))
        && is_fast(searcher, f.cites_info)
        && is_fast(searcher, f.units_n)
        && is_fast(searcher, f.deadlines_n)
        && is_fast(searcher, f.is_document)
}

/// Phase 1: the `cites_info` values of every segment, decoded once.
struct Citations {
    /// Directive ids.
    ids: Interner,
    /// Their labels (symbol or name).
    labels: Interner,
    /// Per named key directive: the directive ids it stands for.
    key_ids: Vec<HashSet<u32>>,
    /// The labels each directive is cited under.
    label_sets: HashMap<u32, HashSet<u32>>,
    /// Directives cited under more than one label: only these need document-id comparisons.
    ambiguous: HashSet<u32>,
    /// Per segment, the decoded value of each term ordinal of `cites_info`.
    seg_facts: Vec<Vec<Option<Fact>>>,
}

/// Decode the `cites_info` values of every segment, noting the key directives each stands
/// for and the directives cited under more than one label.
fn decode_citations(searcher: &Searcher, keys: &[(String, DirectiveName)]) -> crate::Result<Citations> {
    let (mut ids, mut labels) = (Interner::default(), Interner::default());
    let mut key_ids: Vec<HashSet<u32>> = vec![HashSet::default(); keys.len()];
    let mut label_sets: HashMap<u32, HashSet<u32>> = HashMap::default();
    let mut seg_facts: Vec<Vec<Option<Fact>>> = Vec::new();
    // A value repeats in every segment: decoded once.
    let mut decoded: HashMap<Box<[u8]>, Option<Fact>> = HashMap::default();
    for sr in searcher.segment_readers() {
        let mut facts = Vec::new();
        if let Some(col) = sr.fast_fields().str("cites_info")? {
            let mut st = col.dictionary().stream().map_err(crate::Error::index_io)?;
            while st.advance() {
                if let Some(fact) = decoded.get(st.key()) {
                    facts.push(*fact);
                    continue;
                }
                let fact = lean(st.key()).map(|(id, date, label, rel)| Fact {
                    id: ids.get(&id),
                    days: date.map(|d| d.days()),
                    label: labels.get(&label),
                    relies: rel.iter().any(|r| r.relies()),
                    ambiguous: false,
                });
                // the named key directives this value stands for
                if let Some(fc) = fact.filter(|_| !keys.is_empty()) {
                    if let Some(c) = std::str::from_utf8(st.key()).ok().and_then(decode) {
                        for (k, (_, name)) in keys.iter().enumerate() {
                            if name.matches_parts(&c.id, c.symbol.as_deref(), c.number.as_deref(), c.kind.as_deref()) {
                                key_ids[k].insert(fc.id);
                            }
                        }
                    }
                }
                decoded.insert(st.key().into(), fact);
                if let Some(fc) = fact {
                    label_sets.entry(fc.id).or_default().insert(fc.label);
                }
                facts.push(fact);
            }
        }
        seg_facts.push(facts);
    }
    let ambiguous: HashSet<u32> = label_sets.iter().filter(|(_, l)| l.len() > 1).map(|(&i, _)| i).collect();
    for fc in seg_facts.iter_mut().flatten().flatten() {
        fc.ambiguous = ambiguous.contains(&fc.id);
    }
    Ok(Citations { ids, labels, key_ids, label_sets, ambiguous, seg_facts })
}

/// Phase 2: the documents counted by group (post-2025 province, else province), segment by segment.
#[derive(Default)]
struct Tally {
    /// Province, level and slogan names.
    names: Interner,
    groups: Vec<Group>,
    /// Group key (a name) → index in `groups`.
    group_of: HashMap<u32, usize>,
    /// Citing documents per directive, over every group.
    total_cites: HashMap<u32, usize>,
    /// The first document citing each ambiguous directive, over every group.
    total_first: First,
    /// Documents of unknown province: id and address.
    unknown: Vec<(String, DocAddress)>,
    /// Documents counted.
    documents: usize,
}

/// The columns of one segment, and their dictionaries as interned names (dates as days).
struct SegColumns {
    p25: Option<StrColumn>,
    prov: Option<StrColumn>,
    level: Option<StrColumn>,
    date: Option<StrColumn>,
    slog: Option<StrColumn>,
    idc: Option<StrColumn>,
    cites: Option<StrColumn>,
    year: Option<Column<u64>>,
    units_n: Option<Column<u64>>,
    deadlines_n: Option<Column<u64>>,
    is_document: Option<Column<bool>>,
    p25_n: Vec<u32>,
    prov_n: Vec<u32>,
    level_n: Vec<u32>,
    slog_n: Vec<u32>,
    days: Vec<Option<i64>>,
}

impl SegColumns {
    fn read(sr: &SegmentReader, names: &mut Interner) -> crate::Result<SegColumns> {
        let ff = sr.fast_fields();
        let (p25, prov, level, date, slog, idc) = (
            ff.str("province_2025")?,
            ff.str("province")?,
            ff.str("level")?,
            ff.str("date")?,
            ff.str("slogans")?,
            ff.str("id")?,
        );
        let intern = |col: &Option<StrColumn>, names: &mut Interner| -> crate::Result<Vec<u32>> {
            Ok(values(col)?.iter().map(|v| names.get(v)).collect())
        };
        Ok(SegColumns {
            p25_n: intern(&p25, names)?,
            prov_n: intern(&prov, names)?,
            level_n: intern(&level, names)?,
            slog_n: intern(&slog, names)?,
            days: values(&date)?.iter().map(|d| Date::parse_iso(d).map(|d| d.days())).collect(),
            cites: ff.str("cites_info")?,
            year: ff.column_opt("year")?,
            units_n: ff.column_opt("units_n")?,
            deadlines_n: ff.column_opt("deadlines_n")?,
            is_document: ff.column_opt("is_document")?,
            p25,
            prov,
            level,
            date,
            slog,
            idc,
        })
    }

    /// The document's id, as a term ordinal (ordinals sort as the ids do).
    fn id_ord(&self, doc: u32) -> Option<u64> {
        ords(&self.idc, doc).next()
    }

    /// The id of term ordinal `o` into `name` (cleared first).
    fn id_into(&self, o: Option<u64>, name: &mut String) -> crate::Result<()> {
        name.clear();
        if let (Some(o), Some(c)) = (o, &self.idc) {
            c.ord_to_str(o, name).map_err(crate::Error::index_io)?;
        }
        Ok(())
    }
}

/// The counts of one segment by term ordinal, folded into the [`Tally`] at its end.
#[derive(Default)]
struct SegCounts {
    /// Counts by (group, value ordinal) in dense arrays, folded into the groups' maps by
    /// directive at the end of the segment: a hash lookup per distinct (group, value) instead
    /// of several per citation (10 million citations at 1,000,000 documents).
    dense: Vec<Option<Vec<Slot>>>,
    /// (group, value ordinal, lag) appended in document order, sorted at the segment's end.
    lag_log: Vec<(u32, u32, i64)>,
    /// Citing documents per value ordinal, over every group.
    seg_total: Vec<u32>,
    /// The first document (smallest id) citing an ambiguous directive with a label, per scope
    /// (0: all, 1 + 2g: group g, 2 + 2g: group g's lags): compared by id ordinal within the
    /// segment, named at its end.
    seg_first: HashMap<(u32, u32), (Option<u64>, u32)>,
}

/// Keep `(id_ord, label)` as the first of `scope` for `fc`'s directive when its id is smaller.
fn keep_first_ord(seg_first: &mut HashMap<(u32, u32), (Option<u64>, u32)>, scope: u32, fc: &Fact, id_ord: Option<u64>) {
    let e = seg_first.entry((scope, fc.id)).or_insert((id_ord, fc.label));
    if id_ord < e.0 {
        *e = (id_ord, fc.label);
    }
}

impl Tally {
    /// Count the documents of segment `seg`: first each document's group (documents of
    /// unknown province are counted and named here), then, in document order, the placed
    /// ones, then fold the segment's counts in. (Taking each group's documents together, for
    /// its counts to stay in cache, was slower at 1,000,000: the columns are then read out
    /// of order.)
    fn segment(
        &mut self,
        seg: usize,
        sr: &SegmentReader,
        facts: &[Option<Fact>],
        key_ids: &[HashSet<u32>],
    ) -> crate::Result<()> {
        let cols = SegColumns::read(sr, &mut self.names)?;
        let mut sc = SegCounts { seg_total: vec![0u32; facts.len()], ..SegCounts::default() };
        let placed = self.place(seg, sr, &cols, facts, &mut sc)?;
        self.count_placed(&placed, &cols, facts, key_ids, &mut sc);
        self.fold(&cols, facts, sc)
    }

    /// Each live document's group, as (group, document); documents of unknown province are
    /// counted (their citations in the totals) and kept in `unknown`.
    fn place(
        &mut self,
        seg: usize,
        sr: &SegmentReader,
        cols: &SegColumns,
        facts: &[Option<Fact>],
        sc: &mut SegCounts,
    ) -> crate::Result<Vec<(u32, u32)>> {
        let mut placed: Vec<(u32, u32)> = Vec::new();
        for doc in sr.doc_ids_alive() {
            if cols.is_document.as_ref().and_then(|c| c.first(doc)) == Some(false) {
                continue;
            }
            self.documents += 1;
            let key = ords(&cols.p25, doc)
                .next()
                .map(|o| cols.p25_n[o as usize])
                .or(ords(&cols.prov, doc).next().map(|o| cols.prov_n[o as usize]));
            match key {
                Some(key) => {
                    let groups = &mut self.groups;
                    let gi = *self.group_of.entry(key).or_insert_with(|| {
                        groups.push(Group::default());
                        groups.len() - 1
                    });
                    placed.push((gi as u32, doc));
                }
                None => {
                    let id_ord = cols.id_ord(doc);
                    for fc in ords(&cols.cites, doc).filter_map(|o| facts[o as usize].map(|fc| (o, fc))) {
                        sc.seg_total[fc.0 as usize] += 1;
                        if fc.1.ambiguous {
                            keep_first_ord(&mut sc.seg_first, 0, &fc.1, id_ord);
                        }
                    }
                    let mut name = String::new();
                    cols.id_into(id_ord, &mut name)?;
                    self.unknown.push((name, DocAddress::new(seg as u32, doc)));
                }
            }
        }
        Ok(placed)
    }

    /// Count the placed documents, in document order, into their groups and the segment's counts.
    fn count_placed(
        &mut self,
        placed: &[(u32, u32)],
        cols: &SegColumns,
        facts: &[Option<Fact>],
        key_ids: &[HashSet<u32>],
        sc: &mut SegCounts,
    ) {
        let mut doc_facts: Vec<(u32, Fact)> = Vec::new();
        let mut slog_buf: Vec<u32> = Vec::new();
        for &(gi, doc) in placed {
            let gi = gi as usize;
            let id_ord = cols.id_ord(doc);
            doc_facts.clear();
            doc_facts.extend(ords(&cols.cites, doc).filter_map(|o| facts[o as usize].map(|fc| (o as u32, fc))));
            for (o, fc) in &doc_facts {
                sc.seg_total[*o as usize] += 1;
                if fc.ambiguous {
                    keep_first_ord(&mut sc.seg_first, 0, fc, id_ord);
                }
            }
            let g = &mut self.groups[gi];
            g.n += 1;
            if g.key_hits.len() < key_ids.len() {
                g.key_hits.resize(key_ids.len(), 0);
            }
            for (k, set) in key_ids.iter().enumerate() {
                if doc_facts.iter().any(|(_, fc)| fc.relies && set.contains(&fc.id)) {
                    g.key_hits[k] += 1;
                }
            }
            if let Some(o) = ords(&cols.prov, doc).next() {
                let p = cols.prov_n[o as usize];
                if !g.provinces.contains(&p) {
                    g.provinces.push(p);
                }
            }
            bump(&mut g.by_level, ords(&cols.level, doc).next().map(|o| cols.level_n[o as usize]));
            bump(&mut g.by_year, cols.year.as_ref().and_then(|c| c.first(doc)));
            g.units += cols.units_n.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
            g.deadlines += cols.deadlines_n.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
            let plan = ords(&cols.date, doc).next().and_then(|o| cols.days[o as usize]);
            if sc.dense.len() <= gi {
                sc.dense.resize_with(gi + 1, || None);
            }
            let slots = sc.dense[gi].get_or_insert_with(|| vec![Slot::default(); facts.len()]);
            for (o, fc) in &doc_facts {
                let slot = &mut slots[*o as usize];
                slot.cites += 1;
                if fc.relies {
                    slot.relying += 1;
                }
                let amb = fc.ambiguous;
                if amb {
                    keep_first_ord(&mut sc.seg_first, 1 + 2 * gi as u32, fc, id_ord);
                }
                if let Some(lag) = lag::uptake_lag(plan.zip(fc.days).map(|(p, d)| p - d), fc.relies) {
                    sc.lag_log.push((gi as u32, *o, lag));
                    if amb {
                        keep_first_ord(&mut sc.seg_first, 2 + 2 * gi as u32, fc, id_ord);
                    }
                }
            }
            slog_buf.clear();
            slog_buf.extend(ords(&cols.slog, doc).map(|o| cols.slog_n[o as usize]));
            slog_buf.sort_unstable();
            slog_buf.dedup();
            for s in &slog_buf {
                *g.slogans.entry(*s).or_default() += 1;
            }
        }
    }

    /// Fold the segment's counts in: name its first documents, add its dense counts and lags
    /// to the maps by directive.
    fn fold(&mut self, cols: &SegColumns, facts: &[Option<Fact>], sc: SegCounts) -> crate::Result<()> {
        let mut name = String::new();
        for ((scope, id), (o, label)) in sc.seg_first {
            cols.id_into(o, &mut name)?;
            let m = match scope {
                0 => &mut self.total_first,
                s if s % 2 == 1 => &mut self.groups[(s as usize - 1) / 2].first,
                s => &mut self.groups[(s as usize - 2) / 2].first_lag,
            };
            keep_first(m, id, &name, label);
        }
        for (o, &n) in sc.seg_total.iter().enumerate() {
            if n > 0 {
                let fc = facts[o].expect("counted values are decoded");
                *self.total_cites.entry(fc.id).or_default() += n as usize;
            }
        }
        for (gi, slots) in sc.dense.iter().enumerate() {
            let Some(slots) = slots else { continue };
            let g = &mut self.groups[gi];
            for (o, slot) in slots.iter().enumerate().filter(|(_, s)| s.cites > 0) {
                let fc = facts[o].expect("counted values are decoded");
                *g.cites.entry(fc.id).or_default() += slot.cites as usize;
                if slot.relying > 0 {
                    *g.relying.entry(fc.id).or_default() += slot.relying as usize;
                }
            }
        }
        let mut lag_log = sc.lag_log;
        lag_log.sort_unstable_by_key(|&(gi, o, _)| (gi, o));
        for run in lag_log.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let fc = facts[run[0].1 as usize].expect("counted values are decoded");
            self.groups[run[0].0 as usize].lags.entry(fc.id).or_default().extend(run.iter().map(|x| x.2));
        }
        Ok(())
    }
}

/// Phase 3: one row per group (unsorted).
fn province_rows(t: &Tally, cit: &Citations, keys: &[(String, DirectiveName)]) -> Vec<ProvinceRow> {
    let (ids, names) = (&cit.ids, &t.names);
    // Labels: the only one a directive has, else the first document's.
    let only = |id: u32| -> u32 { *cit.label_sets[&id].iter().next().expect("a cited id has a label") };
    let label = |first: &First, id: u32| -> String {
        let l = if cit.ambiguous.contains(&id) { first.get(&id).map_or_else(|| only(id), |e| e.1) } else { only(id) };
        cit.labels.names[l as usize].clone()
    };
    let mut key: Vec<(u32, usize)> = t.total_cites.iter().map(|(&i, &n)| (i, n)).collect();
    key.sort_by(|a, b| b.1.cmp(&a.1).then(ids.names[a.0 as usize].cmp(&ids.names[b.0 as usize])));
    let key: Vec<(u32, String)> =
        key.into_iter().take(KEY_DIRECTIVES).map(|(i, _)| (i, label(&t.total_first, i))).collect();
    let cited = |id: u32, label: String, k: usize, n: usize| Cited {
        id: ids.names[id as usize].clone(),
        label,
        documents: k,
        share: k as f64 / n.max(1) as f64,
    };
    let mut provinces: Vec<ProvinceRow> = Vec::new();
    for (&gkey, &gi) in &t.group_of {
        let g = &t.groups[gi];
        let n = g.n;
        let mut top: Vec<(u32, usize)> = g.cites.iter().map(|(&i, &k)| (i, k)).collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(ids.names[a.0 as usize].cmp(&ids.names[b.0 as usize])));
        top.truncate(5);
        let mut uptake: Vec<Lag> = g
            .lags
            .iter()
            .map(|(&i, v)| {
                let mut v = v.clone();
                v.sort_unstable();
                Lag {
                    id: ids.names[i as usize].clone(),
                    label: label(&g.first_lag, i),
                    plans: v.len(),
                    min_days: v[0],
                    median_days: v[v.len() / 2],
                    max_days: v[v.len() - 1],
                }
            })
            .collect();
        uptake.sort_by(|a, b| b.plans.cmp(&a.plans).then(a.id.cmp(&b.id)));
        let mut slogans: Vec<(String, usize)> =
            g.slogans.iter().map(|(&s, &k)| (names.names[s as usize].clone(), k)).collect();
        slogans.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let name_or = |x: &Option<u32>| x.map_or_else(|| "?".to_string(), |i| names.names[i as usize].clone());
        provinces.push(ProvinceRow {
            province_2025: names.names[gkey as usize].clone(),
            provinces: g
                .provinces
                .iter()
                .map(|&i| names.names[i as usize].clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
            documents: n,
            by_level: g.by_level.iter().map(|(l, k)| (name_or(l), *k)).collect::<BTreeMap<_, _>>(),
            by_year: g.by_year.iter().map(|(y, k)| (y.map_or_else(|| "?".into(), |y| y.to_string()), *k)).collect(),
            top_directives: top.into_iter().map(|(i, k)| cited(i, label(&g.first, i), k, n)).collect(),
            key_directives: if keys.is_empty() {
                key.iter().map(|(i, l)| cited(*i, l.clone(), g.relying.get(i).copied().unwrap_or(0), n)).collect()
            } else {
                keys.iter()
                    .enumerate()
                    .map(|(k, (typed, _))| {
                        let first =
                            cit.key_ids[k].iter().map(|&i| ids.names[i as usize].clone()).min().unwrap_or_default();
                        Cited {
                            id: first,
                            label: typed.clone(),
                            documents: g.key_hits.get(k).copied().unwrap_or(0),
                            share: g.key_hits.get(k).copied().unwrap_or(0) as f64 / n.max(1) as f64,
                        }
                    })
                    .collect()
            },
            uptake,
            slogans,
            deadlines_per_plan: g.deadlines as f64 / n.max(1) as f64,
            units_per_plan: g.units as f64 / n.max(1) as f64,
        });
    }
    provinces
}

/// Phase 4: the documents of unknown province, in id order, with their issuer and title
/// (fetched one by one: they are few).
fn unplaced(searcher: &Searcher, f: &Fields, mut unknown: Vec<(String, DocAddress)>) -> crate::Result<Vec<Unplaced>> {
    unknown.sort();
    let mut out = Vec::with_capacity(unknown.len());
    for (id, addr) in unknown {
        let d: TantivyDocument = searcher.doc(addr)?;
        let get = |fd| d.get_first(fd).and_then(|v| v.as_str()).map(str::to_string);
        out.push(Unplaced { id, issuer: get(f.issuer), title: get(f.title) });
    }
    Ok(out)
}
