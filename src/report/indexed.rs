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
use tantivy::{DocAddress, Index, Searcher, TantivyDocument};

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
    date: Option<Date>,
    label: u32,
    /// The document implements it or stands on it (its lag counts; it counts as a key plan).
    relies: bool,
    /// The directive is cited under more than one label (its label is the first document's).
    ambiguous: bool,
}

/// An encoded citation's id, date, label and relations.
type Lean<'a> = (Cow<'a, str>, Option<Cow<'a, str>>, Cow<'a, str>, Vec<Relation>);

/// Id, date, label and relations of an encoded citation, borrowed when the JSON has no escapes.
fn lean(key: &[u8]) -> Option<Lean<'_>> {
    type Borrowed<'a> =
        (&'a str, Option<&'a str>, &'a str, IgnoredAny, IgnoredAny, IgnoredAny, IgnoredAny, Vec<Relation>);
    let s = std::str::from_utf8(key).ok()?;
    match serde_json::from_str::<Borrowed>(s) {
        Ok((id, date, label, .., rel)) => Some((id.into(), date.map(Into::into), label.into(), rel)),
        Err(_) => decode(s).map(|c| (c.id.into(), c.date.map(Into::into), c.label.into(), c.relations)),
    }
}

fn values(col: &Option<StrColumn>) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    if let Some(c) = col {
        let mut s = c.dictionary().stream()?;
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
pub fn provinces(index: &Index, f: &Fields) -> anyhow::Result<Option<Report>> {
    let reader = index.reader()?;
    provinces_in(&reader.searcher(), f)
}

/// [`provinces`] with an open searcher.
pub fn provinces_in(searcher: &Searcher, f: &Fields) -> anyhow::Result<Option<Report>> {
    provinces_keyed(searcher, f, &[])
}

/// [`provinces_in`] with the key directives named (see [`super::provinces_keyed`]).
pub fn provinces_keyed(
    searcher: &Searcher,
    f: &Fields,
    keys: &[(String, DirectiveName)],
) -> anyhow::Result<Option<Report>> {
    let needed = [f.province_2025, f.province, f.level, f.date, f.slogans, f.year, f.id];
    if !needed.iter().all(|&x| is_fast(searcher, Some(x)))
        || !is_fast(searcher, f.cites_info)
        || !is_fast(searcher, f.units_n)
        || !is_fast(searcher, f.deadlines_n)
        || !is_fast(searcher, f.is_document)
    {
        return Ok(None);
    }
    let (mut ids, mut labels, mut names) = (Interner::default(), Interner::default(), Interner::default());
    let mut key_ids: Vec<HashSet<u32>> = vec![HashSet::default(); keys.len()];
    // Directives cited under more than one label: only these need document-id comparisons.
    let mut label_sets: HashMap<u32, HashSet<u32>> = HashMap::default();
    let mut seg_facts: Vec<Vec<Option<Fact>>> = Vec::new();
    // A value repeats in every segment: decoded once.
    let mut decoded: HashMap<Box<[u8]>, Option<Fact>> = HashMap::default();
    for sr in searcher.segment_readers() {
        let mut facts = Vec::new();
        if let Some(col) = sr.fast_fields().str("cites_info")? {
            let mut st = col.dictionary().stream()?;
            while st.advance() {
                if let Some(fact) = decoded.get(st.key()) {
                    facts.push(*fact);
                    continue;
                }
                let fact = lean(st.key()).map(|(id, date, label, rel)| Fact {
                    id: ids.get(&id),
                    date: date.as_deref().and_then(Date::parse_iso),
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
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: HashMap<u32, usize> = HashMap::default();
    let mut total_cites: HashMap<u32, usize> = HashMap::default();
    let mut total_first: First = HashMap::default();
    let mut unknown: Vec<(String, DocAddress)> = Vec::new();
    let mut documents = 0usize;
    for (seg, sr) in searcher.segment_readers().iter().enumerate() {
        let ff = sr.fast_fields();
        let (p25, prov, level, date, slog, idc) = (
            ff.str("province_2025")?,
            ff.str("province")?,
            ff.str("level")?,
            ff.str("date")?,
            ff.str("slogans")?,
            ff.str("id")?,
        );
        let cites = ff.str("cites_info")?;
        let year: Option<Column<u64>> = ff.column_opt("year")?;
        let units_n: Option<Column<u64>> = ff.column_opt("units_n")?;
        let deadlines_n: Option<Column<u64>> = ff.column_opt("deadlines_n")?;
        let is_document: Option<Column<bool>> = ff.column_opt("is_document")?;
        let intern = |col: &Option<StrColumn>, names: &mut Interner| -> anyhow::Result<Vec<u32>> {
            Ok(values(col)?.iter().map(|v| names.get(v)).collect())
        };
        let (p25_n, prov_n, level_n, slog_n) = (
            intern(&p25, &mut names)?,
            intern(&prov, &mut names)?,
            intern(&level, &mut names)?,
            intern(&slog, &mut names)?,
        );
        let dates: Vec<Option<Date>> = values(&date)?.iter().map(|d| Date::parse_iso(d)).collect();
        let facts = &seg_facts[seg];
        // Counts by (group, value ordinal) in dense arrays, folded into the groups' maps by
        // directive at the end of the segment: a hash lookup per distinct (group, value) instead
        // of several per citation (10 million citations at 1,000,000 documents).
        let mut dense: Vec<Option<Vec<Slot>>> = Vec::new();
        // (group, value ordinal, lag) appended in document order, sorted at the segment's end
        let mut lag_log: Vec<(u32, u32, i64)> = Vec::new();
        let mut seg_total = vec![0u32; facts.len()];
        let mut doc_facts: Vec<(u32, Fact)> = Vec::new();
        // The first document (smallest id) citing an ambiguous directive with a label: compared
        // by id ordinal within the segment (ordinals sort as the ids do), named at its end.
        let mut seg_first: HashMap<(u32, u32), (Option<u64>, u32)> = HashMap::default();
        let mut slog_buf: Vec<u32> = Vec::new();
        // First pass: each document's group; documents of unknown province are counted and
        // named here. Second pass, in document order, over the placed ones. (Taking each
        // group's documents together, for its counts to stay in cache, was slower at 1,000,000:
        // the columns are then read out of order.)
        let mut placed: Vec<(u32, u32)> = Vec::new();
        for doc in sr.doc_ids_alive() {
            if is_document.as_ref().and_then(|c| c.first(doc)) == Some(false) {
                continue;
            }
            documents += 1;
            let key = ords(&p25, doc)
                .next()
                .map(|o| p25_n[o as usize])
                .or(ords(&prov, doc).next().map(|o| prov_n[o as usize]));
            match key {
                Some(key) => {
                    let gi = *group_of.entry(key).or_insert_with(|| {
                        groups.push(Group::default());
                        groups.len() - 1
                    });
                    placed.push((gi as u32, doc));
                }
                None => {
                    let id_ord = ords(&idc, doc).next();
                    for fc in ords(&cites, doc).filter_map(|o| facts[o as usize].map(|fc| (o, fc))) {
                        seg_total[fc.0 as usize] += 1;
                        if fc.1.ambiguous {
                            let e = seg_first.entry((0, fc.1.id)).or_insert((id_ord, fc.1.label));
                            if id_ord < e.0 {
                                *e = (id_ord, fc.1.label);
                            }
                        }
                    }
                    let mut name = String::new();
                    if let (Some(o), Some(c)) = (id_ord, &idc) {
                        c.ord_to_str(o, &mut name)?;
                    }
                    unknown.push((name, DocAddress::new(seg as u32, doc)));
                }
            }
        }
        for (gi, doc) in placed {
            let gi = gi as usize;
            let id_ord = ords(&idc, doc).next();
            let mut first = |scope: u32, fc: &Fact| {
                let e = seg_first.entry((scope, fc.id)).or_insert((id_ord, fc.label));
                if id_ord < e.0 {
                    *e = (id_ord, fc.label);
                }
            };
            doc_facts.clear();
            doc_facts.extend(ords(&cites, doc).filter_map(|o| facts[o as usize].map(|fc| (o as u32, fc))));
            for (o, fc) in &doc_facts {
                seg_total[*o as usize] += 1;
                if fc.ambiguous {
                    first(0, fc);
                }
            }
            let g = &mut groups[gi];
            g.n += 1;
            if g.key_hits.len() < keys.len() {
                g.key_hits.resize(keys.len(), 0);
            }
            for (k, set) in key_ids.iter().enumerate() {
                if doc_facts.iter().any(|(_, fc)| fc.relies && set.contains(&fc.id)) {
                    g.key_hits[k] += 1;
                }
            }
            if let Some(o) = ords(&prov, doc).next() {
                let p = prov_n[o as usize];
                if !g.provinces.contains(&p) {
                    g.provinces.push(p);
                }
            }
            bump(&mut g.by_level, ords(&level, doc).next().map(|o| level_n[o as usize]));
            bump(&mut g.by_year, year.as_ref().and_then(|c| c.first(doc)));
            g.units += units_n.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
            g.deadlines += deadlines_n.as_ref().and_then(|c| c.first(doc)).unwrap_or(0);
            let plan = ords(&date, doc).next().and_then(|o| dates[o as usize]);
            if dense.len() <= gi {
                dense.resize_with(gi + 1, || None);
            }
            let slots = dense[gi].get_or_insert_with(|| vec![Slot::default(); facts.len()]);
            for (o, fc) in &doc_facts {
                let slot = &mut slots[*o as usize];
                slot.cites += 1;
                if fc.relies {
                    slot.relying += 1;
                }
                let amb = fc.ambiguous;
                if amb {
                    first(1 + 2 * gi as u32, fc);
                }
                if let Some(lag) = lag::uptake_lag(lag::lag_between(plan, fc.date), fc.relies) {
                    lag_log.push((gi as u32, *o, lag));
                    if amb {
                        first(2 + 2 * gi as u32, fc);
                    }
                }
            }
            slog_buf.clear();
            slog_buf.extend(ords(&slog, doc).map(|o| slog_n[o as usize]));
            slog_buf.sort_unstable();
            slog_buf.dedup();
            for s in &slog_buf {
                *g.slogans.entry(*s).or_default() += 1;
            }
        }
        // name the segment's first documents
        let mut name = String::new();
        for ((scope, id), (o, label)) in seg_first {
            name.clear();
            if let (Some(o), Some(c)) = (o, &idc) {
                c.ord_to_str(o, &mut name)?;
            }
            let m = match scope {
                0 => &mut total_first,
                s if s % 2 == 1 => &mut groups[(s as usize - 1) / 2].first,
                s => &mut groups[(s as usize - 2) / 2].first_lag,
            };
            keep_first(m, id, &name, label);
        }
        // fold the segment's dense counts into the maps by directive
        for (o, &n) in seg_total.iter().enumerate() {
            if n > 0 {
                let fc = facts[o].expect("counted values are decoded");
                *total_cites.entry(fc.id).or_default() += n as usize;
            }
        }
        for (gi, slots) in dense.iter_mut().enumerate() {
            let Some(slots) = slots else { continue };
            let g = &mut groups[gi];
            for (o, slot) in slots.iter().enumerate().filter(|(_, s)| s.cites > 0) {
                let fc = facts[o].expect("counted values are decoded");
                *g.cites.entry(fc.id).or_default() += slot.cites as usize;
                if slot.relying > 0 {
                    *g.relying.entry(fc.id).or_default() += slot.relying as usize;
                }
            }
        }
        lag_log.sort_unstable_by_key(|&(gi, o, _)| (gi, o));
        for run in lag_log.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let fc = facts[run[0].1 as usize].expect("counted values are decoded");
            groups[run[0].0 as usize].lags.entry(fc.id).or_default().extend(run.iter().map(|x| x.2));
        }
    }
    // Labels: the only one a directive has, else the first document's.
    let only = |id: u32| -> u32 { *label_sets[&id].iter().next().expect("a cited id has a label") };
    let label = |first: &First, id: u32| -> String {
        let l = if ambiguous.contains(&id) { first.get(&id).map_or_else(|| only(id), |e| e.1) } else { only(id) };
        labels.names[l as usize].clone()
    };
    let mut key: Vec<(u32, usize)> = total_cites.iter().map(|(&i, &n)| (i, n)).collect();
    key.sort_by(|a, b| b.1.cmp(&a.1).then(ids.names[a.0 as usize].cmp(&ids.names[b.0 as usize])));
    let key: Vec<(u32, String)> =
        key.into_iter().take(KEY_DIRECTIVES).map(|(i, _)| (i, label(&total_first, i))).collect();
    let cited = |id: u32, label: String, k: usize, n: usize| Cited {
        id: ids.names[id as usize].clone(),
        label,
        documents: k,
        share: k as f64 / n.max(1) as f64,
    };
    let mut provinces: Vec<ProvinceRow> = Vec::new();
    for (&gkey, &gi) in &group_of {
        let g = &groups[gi];
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
                        let first = key_ids[k].iter().map(|&i| ids.names[i as usize].clone()).min().unwrap_or_default();
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
    provinces.sort_by(|a, b| b.documents.cmp(&a.documents).then(a.province_2025.cmp(&b.province_2025)));
    unknown.sort();
    let mut unplaced = Vec::with_capacity(unknown.len());
    for (id, addr) in unknown {
        let d: TantivyDocument = searcher.doc(addr)?;
        let get = |fd| d.get_first(fd).and_then(|v| v.as_str()).map(str::to_string);
        unplaced.push(Unplaced { id, issuer: get(f.issuer), title: get(f.title) });
    }
    Ok(Some(Report { schema_version: crate::SCHEMA_VERSION, documents, provinces, unknown: unplaced }))
}
