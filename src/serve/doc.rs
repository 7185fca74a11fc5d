//! The document page (`/doc/ID`): the repaired (normalized) text with every
//! extraction highlighted in its own colour (directives, units, slogans,
//! deadlines), the structured record beside it, each cited directive linking to
//! its citers page, and `/doc/ID/raw`, the text of the file the index recorded.
//!
//! Mentions carry offsets into the input file and the exact normalized text they
//! cover. When the file is still there and normalizes to the stored text, its
//! offset map places each mention exactly; otherwise the raw offset is taken as
//! an estimate. Either way a highlight is put on the occurrence of the mention's
//! text nearest to that place, so a highlight always covers its own words and
//! an offset can never cut a character.
//!
//! `/doc/ID/raw` serves only the file whose path is stored for that id in the
//! index: nothing in the URL is ever used as a path. It shows the file's text as the
//! pipeline read it: for a DOCX, ODT, HTML, PDF or DOC the extracted text (the text the
//! record's offsets point into), never the file's bytes.
//!
//! The page is `maud` markup (heading, legend, marked text, record aside): the
//! document's text and every field are escaped when spliced in.

use super::html::{or_dash, page as layout};
use super::table::{respond, Link, Table};
use super::{enc, Answer, AppError, Params, State};
use crate::corpus::{self, SourceFile};
use crate::export::csv::record_rows;
use crate::export::table::{names, TABLES};
use crate::normalize::{ceil_boundary, floor_boundary, normalize};
use crate::record::DocRecord;
use axum::http::header;
use axum::response::IntoResponse;
use maud::{html, Markup};
use std::path::PathBuf;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

/// Largest source file re-read for exact highlight placement (bytes).
const MAX_REREAD: u64 = 64 << 20;

/// The stored normalized text of a document.
fn stored_body(s: &State, id: &str) -> crate::Result<Option<String>> {
    let reader = s.index.reader()?;
    let searcher = reader.searcher();
    let q = TermQuery::new(Term::from_field_text(s.fields.id, id), IndexRecordOption::Basic);
    let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
    let Some((_, addr)) = top.first() else { return Ok(None) };
    let d: TantivyDocument = searcher.doc(*addr)?;
    Ok(d.get_first(s.fields.body).and_then(|v| v.as_str()).map(str::to_string))
}

/// A highlight.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    /// Byte range in the normalized text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// `dir`, `unit`, `slogan` or `deadline`.
    pub kind: &'static str,
    /// The directive id (directives only).
    pub directive: Option<String>,
    /// Tooltip.
    pub note: String,
}

/// Raw (input file) offset → normalized offset, when the file is still what was indexed.
struct RawMap {
    base: usize,
    points: Vec<(usize, usize)>,
}

impl RawMap {
    fn of(r: &DocRecord, body: &str) -> Option<RawMap> {
        let f = SourceFile { id: r.id.clone(), path: PathBuf::from(&r.source) };
        let bytes = corpus::read_bytes(&f, MAX_REREAD).ok()?;
        let dec = corpus::decode(&f.path, &bytes).ok()?;
        let n = normalize(&dec.text);
        if n.text != body {
            return None;
        }
        let points = body
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(body.len()))
            .map(|i| (n.map.start(i), i))
            .collect();
        Some(RawMap { base: dec.offset_base, points })
    }

    fn norm(&self, raw: usize) -> usize {
        let raw = raw.saturating_sub(self.base);
        let i = self.points.partition_point(|&(r, _)| r < raw);
        self.points.get(i).map_or_else(|| self.points.last().map_or(0, |p| p.1), |p| p.1)
    }
}

/// The occurrence of `text` in `body` nearest to `approx`.
fn place(body: &str, text: &str, approx: usize) -> Option<(usize, usize)> {
    if text.is_empty() {
        return None;
    }
    let nearest =
        |lo: usize, hay: &str| hay.match_indices(text).map(|(i, _)| lo + i).min_by_key(|&i| i.abs_diff(approx));
    let lo = floor_boundary(body, approx.saturating_sub(2000));
    let hi = ceil_boundary(body, approx.saturating_add(2000 + text.len()));
    let at = nearest(lo, &body[lo..hi]).or_else(|| nearest(0, body))?;
    Some((at, at + text.len()))
}

/// Every extraction of `r` placed in `body`, sorted, without overlaps (the earlier, longer one wins).
pub fn spans(r: &DocRecord, body: &str) -> Vec<Span> {
    let map = RawMap::of(r, body);
    let approx = |raw: usize| map.as_ref().map_or(raw, |m| m.norm(raw));
    let mut v = Vec::new();
    let mut add = |text: &str, raw: usize, kind: &'static str, directive: Option<String>, note: String| {
        if let Some((start, end)) = place(body, text, approx(raw)) {
            v.push(Span { start, end, kind, directive, note });
        }
    };
    for d in &r.directives {
        for m in &d.mentions {
            add(&m.text, m.start, "dir", Some(d.id.to_string()), d.id.to_string());
        }
    }
    for u in &r.units {
        for m in &u.mentions {
            add(&m.text, m.start, "unit", None, format!("{} ({:?})", u.canonical, u.role).to_lowercase());
        }
    }
    for sl in &r.slogans {
        for m in &sl.mentions {
            add(&m.text, m.start, "slogan", None, sl.canonical.clone());
        }
    }
    for dl in &r.deadlines {
        add(&dl.text, dl.start, "deadline", None, dl.due.map_or_else(|| dl.kind.name().to_string(), |d| d.iso()));
    }
    v.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Span> = Vec::with_capacity(v.len());
    for s in v {
        if out.last().is_none_or(|l| s.start >= l.end) {
            out.push(s);
        }
    }
    out
}

/// The text with its highlights as HTML (the spans are sorted and do not overlap).
fn marked(body: &str, spans: &[Span]) -> Markup {
    // where the plain text before each span starts: 0, then the end of the span before
    let from = std::iter::once(0).chain(spans.iter().map(|s| s.end));
    let tail = spans.last().map_or(0, |s| s.end);
    html! {
        @for (s, from) in spans.iter().zip(from) {
            (&body[from..s.start])
            @let t = &body[s.start..s.end];
            @match &s.directive {
                Some(id) => a class="x x-dir" href={"/directive?d=" (enc(id))} title=(s.note) { (t) },
                None => mark class={"x x-" (s.kind)} title=(s.note) { (t) },
            }
        }
        (&body[tail..])
    }
}

/// The record's tables, as `export csv` writes them (one document's rows).
pub fn tables(r: &DocRecord) -> Result<Vec<Table>, AppError> {
    let rows = record_rows(r).map_err(AppError::from_lib)?;
    let titles = ["Văn bản", "Văn bản được trích dẫn", "Đơn vị", "Khẩu hiệu, phong trào", "Thời hạn", "Trích dẫn"];
    let mut out = Vec::new();
    for (k, rows) in rows.into_iter().enumerate() {
        let (name, cols) = (TABLES[k].0, names(k));
        let t = Table::new(name, titles[k], cols, rows)
            .link("doc_id", Link::Doc)
            .link("directive_id", Link::Directive)
            .hide("doc_id");
        out.push(t);
    }
    Ok(out)
}

fn unknown(id: &str) -> AppError {
    AppError::not_found(format!("Không có văn bản {id:?} trong chỉ mục (no document with this id)."))
}

/// The heading: title, then kind, number, issuer, date and id.
fn heading(r: &DocRecord, title: &str) -> Markup {
    let m = &r.meta;
    html! {
        h1 { (title) }
        p class="meta" {
            (or_dash(m.kind.as_deref())) " " (or_dash(m.number.as_deref())) " · " (or_dash(m.issuer.as_deref()))
            " · " (or_dash(m.date.map(|d| d.iso()).as_deref())) " · " code { (r.id) }
        }
    }
}

/// The colour legend, with the number of highlights of each kind.
fn legend(sp: &[Span]) -> Markup {
    let count = |k: &str| sp.iter().filter(|x| x.kind == k).count();
    html! {
        p class="legend" aria-label="Chú thích màu" {
            span class="x x-dir" { "Văn bản trích dẫn (" (count("dir")) ")" } " "
            span class="x x-unit" { "Đơn vị (" (count("unit")) ")" } " "
            span class="x x-slogan" { "Khẩu hiệu (" (count("slogan")) ")" } " "
            span class="x x-deadline" { "Thời hạn (" (count("deadline")) ")" }
        }
    }
}

/// The structured record beside the text: metadata, links, cited directives, tables, warnings.
fn record_aside(s: &State, p: &Params, r: &DocRecord, tables: &[Table]) -> Markup {
    let m = &r.meta;
    let signer = m.signer.as_ref().and_then(|x| x.name.clone());
    let year = m.year.map(|y| y.to_string());
    let date = m.date.map(|d| d.iso());
    let fields = [
        ("Số, ký hiệu", m.number.as_deref()),
        ("Loại", m.kind.as_deref()),
        ("Ngày", date.as_deref()),
        ("Năm", year.as_deref()),
        ("Nơi ban hành", m.place.as_deref()),
        ("Cơ quan ban hành", m.issuer.as_deref()),
        ("Cấp", m.level.map(|l| l.as_str())),
        ("Tỉnh (khi ban hành)", m.province.as_deref()),
        ("Tỉnh (sau 2025)", m.province_2025.as_deref()),
        ("Người ký", signer.as_deref()),
    ];
    let e = enc(r.id.as_str());
    let base = format!("/doc/{e}");
    html! {
        aside class="record" aria-label="Bản ghi có cấu trúc" {
            h2 { "Bản ghi" }
            dl { @for (k, v) in fields { dt { (k) } dd { (or_dash(v)) } } }
            p class="links" {
                a href={"/doc/" (e) "/raw"} { "Văn bản gốc (tệp " (r.source) ")" } " · "
                a href={"/api/doc/" (e)} { "Bản ghi JSON" }
            }
            @if !r.directives.is_empty() {
                h2 { "Văn bản được trích dẫn" }
                ul class="cited" {
                    @for d in &r.directives {
                        li {
                            a href={"/directive?d=" (enc(d.id.as_str()))} { (s.label(d.id.as_str())) } " "
                            span class="count" { "×" (d.mentions.len()) }
                        }
                    }
                }
            }
            @for t in tables.iter().skip(1) { (t.html(&base, p)) }
            @if !r.warnings.is_empty() {
                h2 { "Cảnh báo" }
                ul { @for w in &r.warnings { li { (w) } } }
            }
        }
    }
}

/// `GET /doc/ID`.
pub fn page(s: &State, p: &Params, id: &str) -> Answer {
    let r = s.record(id).ok_or_else(|| unknown(id))?;
    let body = stored_body(s, id).map_err(AppError::from_lib)?.ok_or_else(|| unknown(id))?;
    let tables = tables(r)?;
    respond(p, &tables, || {
        let sp = spans(r, &body);
        let title = r.meta.title.clone().unwrap_or_else(|| r.id.to_string());
        let h = html! {
            (heading(r, &title))
            (legend(&sp))
            div class="docgrid" {
                article class="doctext" lang="vi" aria-label="Toàn văn đã chuẩn hóa" { pre { (marked(&body, &sp)) } }
                (record_aside(s, p, r, &tables))
            }
        };
        layout(&title, "", h)
    })
}

/// `GET /doc/ID/raw`: the text of the file recorded for ID (extracted, for document formats).
pub fn raw(s: &State, _p: &Params, id: &str) -> Answer {
    let r = s.record(id).ok_or_else(|| unknown(id))?;
    let f = SourceFile { id: r.id.clone(), path: PathBuf::from(&r.source) };
    let text = corpus::read_bytes(&f, crate::pipeline::DEFAULT_MAX_BYTES)
        .and_then(|b| corpus::decode(&f.path, &b))
        .map_err(|e| AppError::not_found(format!("Tệp gốc không đọc được ở đây (the recorded source file): {e}")))?;
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text.text).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: &'static str, directive: Option<&str>, note: &str) -> Span {
        Span { start, end, kind, directive: directive.map(Into::into), note: note.into() }
    }

    #[test]
    fn marked_text_escapes_the_document_and_its_notes() {
        let body = "a<b> & \"33/CT-TTg\" <script>x</script>";
        let d = body.find("33/").unwrap();
        let sc = body.find("<script>").unwrap();
        let spans = [
            span(d, d + 9, "dir", Some("nn:ttg:CT:2021:33"), "x\"><script>"),
            span(sc, body.len(), "unit", None, "u&v"),
        ];
        let h = marked(body, &spans).into_string();
        assert_eq!(
            h,
            "a&lt;b&gt; &amp; &quot;<a class=\"x x-dir\" href=\"/directive?d=nn%3Attg%3ACT%3A2021%3A33\" \
title=\"x&quot;&gt;&lt;script&gt;\">33/CT-TTg</a>&quot; \
<mark class=\"x x-unit\" title=\"u&amp;v\">&lt;script&gt;x&lt;/script&gt;</mark>"
        );
        assert!(!h.contains("<script"));
        assert_eq!(marked("plain", &[]).into_string(), "plain");
    }

    #[test]
    fn place_finds_the_nearest_occurrence_and_never_cuts_a_char() {
        let body = "Chỉ thị 33/CT-TTg … rồi lại Chỉ thị 33/CT-TTg";
        let second = body.rfind("33/CT-TTg").unwrap();
        assert_eq!(place(body, "33/CT-TTg", second + 3), Some((second, second + 9)));
        assert_eq!(place(body, "33/CT-TTg", 0), Some((12, 21)));
        assert_eq!(place(body, "không có", 5), None);
        // an estimate inside a multi-byte character or past the end is fine
        assert!(place(body, "Chỉ", 3).is_some() && place(body, "Chỉ", 10_000).is_some());
    }
}
