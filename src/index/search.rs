//! Full-text search over the index: words, "phrases", AND/OR/NOT and
//! `field:value` (tantivy's query syntax), with and without diacritics.
//!
//! The query goes through the same character normalization as the documents
//! (NFC, one tone style), then the folded fields (`title_fold`, `body_fold`)
//! are searched by default, so "dan van kheo" and "Dân vận khéo" find the same
//! documents, and a "phrase" only matches its words in that order.
//!
//! Hits are ranked by [`super::rank`]: the words as typed with their diacritics and adjacent
//! first, then adjacent, then every word as typed, then the rest, BM25 within each tier.
//!
//! [`search_page`] is the one implementation: the CLI asks for the first page,
//! the web workbench (`serve`) for any page; [`super::facets`] counts over the
//! same query ([`build_query`]).

use super::schema::Fields;
use crate::error::{Error, Result};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocSet, Index, TantivyDocument, Term, TERMINATED};

/// Restrictions on the hits.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    /// Province as of the document (exact name, e.g. "Hải Phòng").
    pub province: Option<String>,
    /// Year of the plan.
    pub year: Option<u64>,
    /// Level of the issuer.
    pub level: Option<String>,
    /// Kind ("Kế hoạch").
    pub kind: Option<String>,
    /// Cited directive id (`nn:ttg:CT:2021:33`).
    pub cites: Option<String>,
}

/// The deepest result a page may start at (a larger offset would make tantivy keep that many hits).
pub(crate) const MAX_OFFSET: usize = 10_000;

/// Matches are counted up to this many: past it, the total says "at least" ([`Page::total_exact`]
/// is false). Counting every match of common words on a national corpus costs more than
/// finding the best ones, which skip what cannot reach the top.
pub(crate) const COUNT_CAP: usize = 10_000;

/// A page of results.
#[derive(Debug, serde::Serialize)]
pub struct Page {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Documents matching the query and filters: exact up to [`COUNT_CAP`], else at least this many.
    pub total: usize,
    /// Whether `total` is the exact number of matches (false: at least `total`).
    pub total_exact: bool,
    /// Rank of the first hit of the page (0-based).
    pub offset: usize,
    /// The hits of the page.
    pub hits: Vec<Hit>,
}

/// One search result.
#[derive(Debug, serde::Serialize)]
pub struct Hit {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Document id.
    pub id: String,
    /// Relevance: the ranking tiers' bonuses (`index::rank`) plus BM25.
    pub score: f32,
    /// Title.
    pub title: Option<String>,
    /// Kind.
    pub kind: Option<String>,
    /// Date.
    pub date: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// Snippet with matches between « and ».
    pub snippet: String,
}

/// The full query (text and filters) and the text part alone (for snippets).
///
/// Words alone ([`super::rank::plain_words`]: no quotes, operators or fields) become one flat
/// conjunction of terms of `body_fold` (the title is a line of the body), the filters other
/// terms of it: tantivy then skips the blocks of postings that cannot reach the top hits
/// (block-max WAND over an intersection) instead of scoring every match. Anything else goes
/// through tantivy's query parser over `title_fold` and `body_fold` ([`super::query::parse`]),
/// but a "phrase" of words alone, which is a phrase of `body_fold` ([`super::rank::quoted_phrase`]).
pub fn build_query(
    index: &Index,
    f: &Fields,
    query: &str,
    filters: &Filters,
) -> Result<(BooleanQuery, Box<dyn Query>)> {
    let parsed = super::query::parse(index, f, query)?;
    let q = crate::normalize::normalize_chars(query);
    let words = super::rank::plain_terms(index, f, &q);
    let phrase = super::rank::quoted_phrase(index, f, &q);
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = match (&words, &phrase) {
        (_, Some(terms)) => vec![(Occur::Must, Box::new(PhraseQuery::new(terms.clone())) as Box<dyn Query>)],
        (Some(terms), None) => terms
            .iter()
            .map(|t| (Occur::Must, Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)) as Box<dyn Query>))
            .collect(),
        (None, None) => vec![(Occur::Must, parsed.box_clone())],
    };
    clauses.extend(filter_clauses(f, filters));
    Ok((BooleanQuery::new(clauses), parsed))
}

/// The filters as term clauses (each required).
fn filter_clauses(f: &Fields, filters: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
    let term = |fd, v: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(fd, v), IndexRecordOption::Basic))
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(p) = &filters.province {
        clauses.push((Occur::Must, term(f.province, p)));
    }
    if let Some(l) = &filters.level {
        clauses.push((Occur::Must, term(f.level, l)));
    }
    if let Some(k) = &filters.kind {
        clauses.push((Occur::Must, term(f.kind, k)));
    }
    if let Some(c) = &filters.cites {
        clauses.push((Occur::Must, term(f.cites, c)));
    }
    if let Some(y) = filters.year {
        clauses
            .push((Occur::Must, Box::new(TermQuery::new(Term::from_field_u64(f.year, y), IndexRecordOption::Basic))));
    }
    clauses
}

/// Run a query: the first `limit` hits.
pub fn search(index: &Index, f: &Fields, query: &str, filters: &Filters, limit: usize) -> Result<Vec<Hit>> {
    Ok(search_page(index, f, query, filters, 0, limit)?.hits)
}

/// Run a query: `limit` hits from rank `offset`, and the number of matching documents
/// (a one-shot answer: opens a reader; `serve` keeps one, see [`search_page_with`]).
pub fn search_page(
    index: &Index,
    f: &Fields,
    query: &str,
    filters: &Filters,
    offset: usize,
    limit: usize,
) -> Result<Page> {
    search_page_with(&index.reader()?.searcher(), index, f, query, filters, offset, limit)
}

/// [`search_page`] with a searcher the caller keeps open (`serve` holds one for its life).
pub fn search_page_with(
    searcher: &tantivy::Searcher,
    index: &Index,
    f: &Fields,
    query: &str,
    filters: &Filters,
    offset: usize,
    limit: usize,
) -> Result<Page> {
    if offset > MAX_OFFSET {
        return Err(Error::Query(format!(
            "results can be paged up to rank {MAX_OFFSET}, not {offset}: refine the query"
        )));
    }
    let (full, parsed) = build_query(index, f, query, filters)?;
    // BM25 candidates, reordered by the ranking tiers (`rank`), then the page.
    let n = super::rank::CANDIDATES.max(offset + limit.max(1));
    // TopDocs alone prunes (block-max WAND); the count is its own pass, capped.
    // the query as the documents are normalized, once for the phrase check, the tiers and the highlights
    let q = crate::normalize::normalize_chars(query);
    let cands = match super::rank::quoted_phrase(index, f, &q) {
        Some(terms) => phrase_candidates(searcher, &full, &terms, filters, f, n, offset + limit.max(1))?,
        None => searcher.search(&full, &TopDocs::with_limit(n).order_by_score())?,
    };
    let (total, total_exact) = count(searcher, &full, COUNT_CAP)?;
    let tiers = super::rank::tiers(index, f, &q);
    let addrs: Vec<tantivy::DocAddress> = cands.iter().map(|c| c.1).collect();
    let bonus = super::rank::bonuses(searcher, &tiers, &addrs)?;
    let mut ranked: Vec<(f32, tantivy::DocAddress)> = cands.iter().zip(bonus).map(|((s, a), b)| (s + b, *a)).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let top: Vec<(f32, tantivy::DocAddress)> = ranked.into_iter().skip(offset).take(limit.max(1)).collect();
    let mut sg = SnippetGenerator::create(searcher, &*parsed, f.body_fold)?;
    sg.set_max_num_chars(200);
    // A query typed with diacritics highlights the syllables as typed ("dân", not "dẫn"), in
    // the documents that have them; the others keep the folded highlights.
    let mut sg_exact = match super::rank::exact(index, f, &q) {
        Some(q) => Some(SnippetGenerator::create(searcher, &*q, f.body)?),
        None => None,
    };
    if let Some(g) = sg_exact.as_mut() {
        g.set_max_num_chars(200);
    }
    let mut out = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let d: TantivyDocument = searcher.doc(addr)?;
        let get = |fd| d.get_first(fd).and_then(|v| v.as_str()).map(str::to_string);
        let body = get(f.body).unwrap_or_default();
        let snip = match sg_exact.as_ref().map(|g| g.snippet(&body)) {
            Some(x) if !x.highlighted().is_empty() => x,
            _ => sg.snippet(&body),
        };
        let frag = snip.fragment();
        let mut s = String::new();
        let mut last = 0;
        for r in snip.highlighted() {
            s.push_str(&frag[last..r.start]);
            s.push('«');
            s.push_str(&frag[r.clone()]);
            s.push('»');
            last = r.end;
        }
        s.push_str(&frag[last..]);
        out.push(Hit {
            schema_version: crate::SCHEMA_VERSION,
            id: get(f.id).unwrap_or_default(),
            score,
            title: get(f.title),
            kind: get(f.kind),
            date: get(f.date),
            province: get(f.province),
            snippet: s.replace('\n', " "),
        });
    }
    Ok(Page { schema_version: crate::SCHEMA_VERSION, total, total_exact, offset, hits: out })
}

/// The best `n` matches of a "phrase" of words alone (`full`, the phrase and the filters):
/// the best `n` documents by BM25 with every word of it (pruned as words are), those with the
/// words in order kept (a seek per candidate). When they are fewer than the page needs while
/// more documents have the words, every phrase match is scored instead (the phrase checked in
/// each document that has the words). Ranking is by the words' BM25, as for the same words unquoted.
fn phrase_candidates(
    searcher: &tantivy::Searcher,
    full: &BooleanQuery,
    terms: &[Term],
    filters: &Filters,
    f: &Fields,
    n: usize,
    need: usize,
) -> Result<Vec<(f32, tantivy::DocAddress)>> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|t| (Occur::Must, Box::new(TermQuery::new(t.clone(), IndexRecordOption::WithFreqs)) as Box<dyn Query>))
        .collect();
    clauses.extend(filter_clauses(f, filters));
    let words = BooleanQuery::new(clauses);
    let cands = searcher.search(&words, &TopDocs::with_limit(n).order_by_score())?;
    let addrs: Vec<tantivy::DocAddress> = cands.iter().map(|c| c.1).collect();
    let has = super::rank::bonuses(searcher, &[(Box::new(full.clone()) as Box<dyn Query>, 1.0)], &addrs)?;
    let kept: Vec<(f32, tantivy::DocAddress)> =
        cands.into_iter().zip(has).filter(|(_, b)| *b > 0.0).map(|(c, _)| c).collect();
    if kept.len() >= need || addrs.len() < n {
        return Ok(kept);
    }
    Ok(searcher.search(full, &TopDocs::with_limit(n).order_by_score())?)
}

/// The matches of `q`, counted up to `cap`: `(n, true)` for exactly n, `(cap, false)` for more
/// than `cap`.
pub fn count(searcher: &tantivy::Searcher, q: &dyn Query, cap: usize) -> tantivy::Result<(usize, bool)> {
    let w = q.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut n = 0usize;
    for sr in searcher.segment_readers() {
        let alive = sr.alive_bitset();
        let mut sc = w.scorer(sr, 1.0)?;
        let mut d = sc.doc();
        while d != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(d)) {
                n += 1;
                if n > cap {
                    return Ok((cap, false));
                }
            }
            d = sc.advance();
        }
    }
    Ok((n, true))
}

/// A hit as a JSON line of `search --json`: the hit, its rank (1-based) and the total.
#[derive(Debug, serde::Serialize)]
pub(crate) struct RankedHit<'a> {
    /// The hit.
    #[serde(flatten)]
    pub hit: &'a Hit,
    /// 1-based rank among the matches.
    pub rank: usize,
    /// Matches: exact, or at least this many (`total_exact`).
    pub total: usize,
    /// Whether `total` is exact.
    pub total_exact: bool,
}
