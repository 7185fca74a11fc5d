//! Full-text search over the index: words, "phrases", AND/OR/NOT and
//! `field:value` (tantivy's query syntax), with and without diacritics.
//!
//! The query goes through the same character normalization as the documents
//! (NFC, one tone style), then the folded fields (`title_fold`, `body_fold`)
//! are searched by default, so "dan van kheo" and "Dân vận khéo" find the same
//! documents, and a "phrase" only matches its words in that order.

use super::schema::Fields;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, TantivyDocument, Term};

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
}

/// One search result.
#[derive(Debug, serde::Serialize)]
pub struct Hit {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Document id.
    pub id: String,
    /// BM25 score.
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

/// Run a query.
pub fn search(index: &Index, f: &Fields, query: &str, filters: &Filters, limit: usize) -> anyhow::Result<Vec<Hit>> {
    let parsed = super::query::parse(index, f, query)?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, parsed.box_clone())];
    let term = |fd, v: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(fd, v), IndexRecordOption::Basic))
    };
    if let Some(p) = &filters.province {
        clauses.push((Occur::Must, term(f.province, p)));
    }
    if let Some(l) = &filters.level {
        clauses.push((Occur::Must, term(f.level, l)));
    }
    if let Some(k) = &filters.kind {
        clauses.push((Occur::Must, term(f.kind, k)));
    }
    if let Some(y) = filters.year {
        clauses
            .push((Occur::Must, Box::new(TermQuery::new(Term::from_field_u64(f.year, y), IndexRecordOption::Basic))));
    }
    let full = BooleanQuery::new(clauses);
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let top = searcher.search(&full, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
    let mut sg = SnippetGenerator::create(&searcher, &*parsed, f.body_fold)?;
    sg.set_max_num_chars(200);
    let mut out = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let d: TantivyDocument = searcher.doc(addr)?;
        let get = |fd| d.get_first(fd).and_then(|v| v.as_str()).map(str::to_string);
        let body = get(f.body).unwrap_or_default();
        let snip = sg.snippet(&body);
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
    Ok(out)
}
