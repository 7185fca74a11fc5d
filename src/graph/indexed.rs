//! Graph answers read from the index's term dictionary and postings instead of
//! every stored record (what `load` does): at a million documents, loading
//! and parsing all records takes minutes, a term lookup microseconds.
//!
//! `citers` resolves the typed name against the distinct `cites_info` values
//! (a range of the term dictionary for an id, a scan of it otherwise; distinct
//! values are few next to documents), reads the postings of the matching values,
//! and fetches only the citing documents' stored fields. Rows are those of
//! [`super::citers`] over the loaded records, in the same order: the match is
//! the same [`DirectiveName::matches_parts`] on the same id, symbol, number and
//! kind. Records that are not official documents are left out, by the
//! `is_document` column. Indexes built before `cites_info` or `is_document`
//! existed give `None` (use `load`).

use super::Citer;
use crate::directive_name::DirectiveName;
use crate::index::cites_info::{decode, id_prefix, CiteInfo};
use crate::index::schema::Fields;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Index, Searcher, TantivyDocument, TERMINATED};

/// Documents citing a directive named as `name` (see [`super::citers`]); `None` for an index without `cites_info`.
pub fn citers(index: &Index, f: &Fields, name: &DirectiveName) -> anyhow::Result<Option<Vec<Citer>>> {
    let reader = index.reader()?;
    citers_in(&reader.searcher(), f, name)
}

/// Every (document, citation) whose citation the name matches.
pub fn matching_citations(
    searcher: &Searcher,
    f: &Fields,
    name: &DirectiveName,
) -> anyhow::Result<Option<Vec<(DocAddress, CiteInfo)>>> {
    let Some(field) = f.cites_info else { return Ok(None) };
    if f.is_document.is_none_or(|fd| !searcher.schema().get_field_entry(fd).is_fast()) {
        return Ok(None);
    }
    let mut hits = Vec::new();
    let pre = needle(name);
    for (seg, sr) in searcher.segment_readers().iter().enumerate() {
        let inv = sr.inverted_index(field)?;
        let dict = inv.terms();
        let mut stream = match name {
            DirectiveName::Id(id) => {
                let lo = id_prefix(id).into_bytes();
                let mut hi = lo.clone();
                *hi.last_mut().expect("non-empty prefix") += 1;
                dict.range().ge(&lo).lt(&hi).into_stream()?
            }
            _ => dict.stream()?,
        };
        let alive = sr.alive_bitset();
        let is_document = sr.fast_fields().bool("is_document")?;
        while stream.advance() {
            if !may_match(&pre, stream.key()) {
                continue;
            }
            let Some(c) = std::str::from_utf8(stream.key()).ok().and_then(decode) else { continue };
            if !name.matches_parts(&c.id, c.symbol.as_deref(), c.number.as_deref(), c.kind.as_deref()) {
                continue;
            }
            let mut postings = inv.read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) && is_document.first(doc).unwrap_or(true) {
                    hits.push((DocAddress::new(seg as u32, doc), c.clone()));
                }
                doc = postings.advance();
            }
        }
    }
    Ok(Some(hits))
}

/// A cheap test on an encoded value before decoding it: a value that fails it cannot
/// match (a symbol appears in the value as written, up to ASCII case; a number as a
/// JSON string). `None`: every value may match.
fn needle(name: &DirectiveName) -> Option<(Vec<u8>, bool)> {
    match name {
        DirectiveName::Id(_) => None,
        DirectiveName::Symbol(s) => Some((s.as_bytes().to_vec(), true)),
        DirectiveName::KindNumber { number, .. } => {
            Some((serde_json::Value::from(number.as_str()).to_string().into_bytes(), false))
        }
    }
}

fn may_match(needle: &Option<(Vec<u8>, bool)>, key: &[u8]) -> bool {
    match needle {
        None => true,
        Some((n, _)) if n.is_empty() => true,
        Some((n, true)) => key.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n)),
        Some((n, false)) => key.windows(n.len()).any(|w| w == n.as_slice()),
    }
}

/// [`citers`] with an open searcher.
pub fn citers_in(searcher: &Searcher, f: &Fields, name: &DirectiveName) -> anyhow::Result<Option<Vec<Citer>>> {
    let Some(hits) = matching_citations(searcher, f, name)? else { return Ok(None) };
    let mut out = Vec::with_capacity(hits.len());
    for (addr, c) in hits {
        let d: TantivyDocument = searcher.doc(addr)?;
        let get = |fd| d.get_first(fd).and_then(|v| v.as_str()).map(str::to_string);
        let date = get(f.date);
        let relation = c.relation();
        out.push(Citer {
            schema_version: crate::SCHEMA_VERSION,
            directive: c.id,
            symbol: c.symbol,
            doc: get(f.id).unwrap_or_default(),
            issuer: get(f.issuer),
            province: get(f.province),
            level: get(f.level),
            lag_days: super::lag_days(date.as_deref(), c.date.as_deref()),
            directive_date: c.date,
            date,
            title: get(f.title),
            mentions: c.mentions,
            units: d.get_all(f.units).filter_map(|v| v.as_str()).map(str::to_string).collect(),
            relation,
            relations: c.relations,
            successor: None,
            successor_date: None,
            superseded: false,
            province_2025: get(f.province_2025),
            kind: get(f.kind),
        });
    }
    out.sort_by(|a, b| a.directive.cmp(&b.directive).then(a.doc.cmp(&b.doc)));
    Ok(Some(out))
}
