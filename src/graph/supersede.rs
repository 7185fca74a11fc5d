//! Which documents replaced which: the rows of `data/lexicon/supersessions.tsv`, then what
//! the corpus itself says ("Quyết định này … thay thế Quyết định số 12/2020/QĐ-UBND": a
//! citation whose relation is `replaces` makes the citing document, by its own number and
//! date, the successor of the cited one).
//!
//! Read from the index's `cites_info` values (only those whose relations hold `replaces`),
//! so it costs a scan of the term dictionary, not of the records.

use crate::index::cites_info::{decode, symbol_key};
use crate::index::schema::Fields;
use crate::lexicon::{Lexicon, Supersession};
use crate::record::{DocRecord, Relation};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, TERMINATED};

/// The lexicon's rows, then the corpus's own replacements read from the index.
pub fn known(lex: &Lexicon, searcher: &Searcher, f: &Fields) -> crate::Result<Vec<Supersession>> {
    Ok(merged(lex, from_corpus(searcher, f)?))
}

/// The lexicon's rows, then the corpus's own replacements read from loaded records.
pub(crate) fn known_in(lex: &Lexicon, records: &[DocRecord]) -> Vec<Supersession> {
    merged(lex, from_records(records))
}

/// What the documents say they replace, from loaded records (see [`from_corpus`]).
pub(crate) fn from_records(records: &[DocRecord]) -> Vec<Supersession> {
    let mut out = Vec::new();
    for r in records.iter().filter(|r| super::counted(r)) {
        let (Some(new), Some(date)) = (&r.meta.number, &r.meta.date) else { continue };
        for d in r.directives.iter().filter(|d| d.relations.contains(&Relation::Replaces)) {
            if let Some(old) = d.symbol.clone().filter(|o| o != new) {
                out.push(Supersession { new: new.clone(), old, date: *date, source: format!("corpus: {}", r.id) });
            }
        }
    }
    out.sort_by(|a, b| (&a.old, &a.date, &a.new).cmp(&(&b.old, &b.date, &b.new)));
    out.dedup_by(|a, b| a.old == b.old);
    out
}

/// The lexicon's rows, then the corpus's, without loops: a corpus row about a document the
/// lexicon already names, or that would close a loop, is dropped.
fn merged(lex: &Lexicon, corpus: Vec<Supersession>) -> Vec<Supersession> {
    let mut rows = lex.supersessions.clone();
    for s in corpus {
        if rows.iter().any(|r| r.old == s.old) {
            continue;
        }
        rows.push(s);
        if crate::lexicon::supersession_cycle(&rows).is_some() {
            rows.pop();
        }
    }
    rows
}

/// What the corpus's documents say they replace.
pub(crate) fn from_corpus(searcher: &Searcher, f: &Fields) -> crate::Result<Vec<Supersession>> {
    replacements(searcher, f, None)
}

/// [`known`] as far as it concerns `symbols`: the lexicon's rows, and the corpus's rows about
/// these symbols and about every symbol their successors lead to (what decides whether a row
/// would close a loop), read from the `cites_key` ranges of those symbols instead of every
/// citation in the index. `successor` gives the same answer for `symbols` as over [`known`].
/// Indexes built before `cites_key` read every citation, as [`known`] does.
pub(crate) fn known_for(
    lex: &Lexicon,
    searcher: &Searcher,
    f: &Fields,
    symbols: &[&str],
) -> crate::Result<Vec<Supersession>> {
    if f.cites_key.is_none() {
        return known(lex, searcher, f);
    }
    let mut seen: std::collections::BTreeSet<String> = symbols.iter().map(|s| s.to_string()).collect();
    let mut todo: Vec<String> = seen.iter().cloned().collect();
    let mut rows = Vec::new();
    while !todo.is_empty() {
        let found = replacements(searcher, f, Some(&todo))?;
        todo.clear();
        let next: Vec<String> = found
            .iter()
            .map(|r| r.new.clone())
            .chain(lex.supersessions.iter().filter(|r| seen.contains(&r.old)).map(|r| r.new.clone()))
            .collect();
        for n in next {
            if seen.insert(n.clone()) {
                todo.push(n);
            }
        }
        rows.extend(found);
    }
    rows.sort_by(|a, b| (&a.old, &a.date, &a.new).cmp(&(&b.old, &b.date, &b.new)));
    rows.dedup_by(|a, b| a.old == b.old);
    Ok(merged(lex, rows))
}

/// The corpus's replacements: of every cited document (`None`: a scan of `cites_info`) or of
/// the `symbols` (ranges of `cites_key`). The replacing document's number and date are read
/// from its stored fields; documents that are not official documents do not count.
fn replacements(searcher: &Searcher, f: &Fields, symbols: Option<&[String]>) -> crate::Result<Vec<Supersession>> {
    let (field, prefixes, skip): (_, Vec<String>, bool) = match (symbols, f.cites_key, f.cites_info) {
        (Some(syms), Some(key), _) => (key, syms.iter().map(|s| symbol_key(s)).collect(), true),
        (_, _, Some(info)) => (info, vec![String::new()], false),
        _ => return Ok(Vec::new()),
    };
    let needle = format!("\"{}\"", Relation::Replaces.as_str());
    let mut hits: Vec<(DocAddress, String)> = Vec::new();
    for (seg, sr) in searcher.segment_readers().iter().enumerate() {
        let inv = sr.inverted_index(field)?;
        let alive = sr.alive_bitset();
        let is_document = sr.fast_fields().bool("is_document").ok();
        for pre in &prefixes {
            let mut stream = if pre.is_empty() {
                inv.terms().stream().map_err(crate::Error::index_io)?
            } else {
                let lo = pre.as_bytes().to_vec();
                let mut hi = lo.clone();
                *hi.last_mut().expect("non-empty prefix") += 1;
                inv.terms().range().ge(&lo).lt(&hi).into_stream().map_err(crate::Error::index_io)?
            };
            while stream.advance() {
                let key = if skip { stream.key().get(pre.len()..).unwrap_or_default() } else { stream.key() };
                if !key.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                    continue;
                }
                let Some(c) = std::str::from_utf8(key).ok().and_then(decode) else { continue };
                let Some(old) = c.symbol.clone().filter(|_| c.relations.contains(&Relation::Replaces)) else {
                    continue;
                };
                let mut postings = inv
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)
                    .map_err(crate::Error::index_io)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let counted = is_document.as_ref().and_then(|c| c.first(doc)).unwrap_or(true);
                    if alive.is_none_or(|a| a.is_alive(doc)) && counted {
                        hits.push((DocAddress::new(seg as u32, doc), old.clone()));
                    }
                    doc = postings.advance();
                }
            }
        }
    }
    let mut out = Vec::new();
    for (addr, old) in hits {
        let d: TantivyDocument = searcher.doc(addr)?;
        let get = |fd| d.get_first(fd).and_then(|v| v.as_str()).map(str::to_string);
        let date = get(f.date).and_then(|d| crate::domain::Date::parse_iso(&d));
        let (Some(new), Some(date), Some(id)) = (get(f.number), date, get(f.id)) else { continue };
        if new != old {
            out.push(Supersession { new, old, date, source: format!("corpus: {id}") });
        }
    }
    out.sort_by(|a, b| (&a.old, &a.date, &a.new).cmp(&(&b.old, &b.date, &b.new)));
    out.dedup_by(|a, b| a.old == b.old);
    Ok(out)
}

/// The row naming what replaced `symbol`.
pub fn successor<'a>(rows: &'a [Supersession], symbol: &str) -> Option<&'a Supersession> {
    rows.iter().find(|s| s.old == symbol)
}
