//! Slogans, mottos, emulation movements and campaigns ("phong trào thi đua
//! “Dân vận khéo”", phương châm “Dân biết, dân bàn, …”).
//!
//! Three sources of evidence:
//! 1. the slogan lexicon (`data/lexicon/slogans.tsv`), matched anywhere, quoted
//!    or not, on a key text that ignores case, diacritics, punctuation, quotes and
//!    the word "và" (see [`crate::lexicon::slogan_match`]): so split quotes “Nghe dân nói”, “nói dân
//!    hiểu”, … merge into one mention of the whole, “Dân vận khéo'” with a stray
//!    quote and the typo "xây dụng" still match, and the longest variant wins
//!    (6-part "Dân biết …" over 4-part). Short entries without a list structure
//!    (< 6 words, no comma or dash: "Dân vận khéo", "Dân vận chính quyền") count
//!    only when quoted or right after a label word ("mô hình dân vận khéo"), so
//!    the field name "công tác dân vận chính quyền" is not a mention;
//! 2. quoted spans not in the lexicon, when a label word stands in the few words
//!    before them (phong trào, thi đua, cuộc vận động, phương châm, phong cách,
//!    mô hình, điển hình, chủ đề, khẩu hiệu, nguyên tắc, tinh thần), also on the
//!    heading line just above ("1. Chủ đề thi đua" / “…”), or when they follow
//!    such a quote separated only by commas/"và"; later quotes of the same text
//!    are mentions too. Document titles (“Quy chế …”, “Quy định về việc …”,
//!    quotes after "ban hành", "về", "bài báo", "phê duyệt"), unlabelled scare
//!    quotes ("điểm nóng"), one-word and very long quotes are not slogans;
//! 3. items ending in "!" of a list headed "KHẨU HIỆU …".
//!
//! Kind: the lexicon's for known slogans, even when the text labels them
//! differently ("mô hình “Dân vận khéo”" stays a phong trào); else from the label
//! (thi đua → phong trào, điển hình → mô hình, chủ đề → chủ đề năm, tinh thần →
//! phương châm). One record per canonical form, in order of first appearance.
//!
//! Example: `đẩy mạnh phong trào thi đua “dân vận khéo”, thực hiện “ Nghe dân nói”,
//! “ nói dân hiểu”, “ hướng dẫn dân làm”, “làm dân tin”` gives
//! ```json
//! [{"text": "dân vận khéo", "canonical": "Dân vận khéo", "kind": "phong trào", "known": true,
//!   "mentions": [{"start": 38, "end": 54, "text": "dân vận khéo"}]},
//!  {"text": "Nghe dân nói, nói dân hiểu, hướng dẫn dân làm, làm dân tin",
//!   "canonical": "Nghe dân nói, nói dân hiểu, hướng dẫn dân làm, làm dân tin",
//!   "kind": "phong cách", "known": true, "mentions": [{"start": 77, "end": 170, "text":
//!   "Nghe dân nói”, “ nói dân hiểu”, “ hướng dẫn dân làm”, “làm dân tin"}]}]
//! ```
//! Mentions exclude the outer quotes.
//!
//! Limits: an unlabelled, unknown quoted slogan is missed; an unquoted unknown one
//! always is (except in a khẩu hiệu list); a variant missing from the lexicon
//! that differs in words (not just punctuation or diacritics) is not matched, and
//! a list slogan extended beyond its lexicon form ("rõ người, rõ việc, …, rõ kết
//! quả") is cut at the known part; labels further than six words away are missed.

mod quotes;
#[cfg(test)]
mod tests;

use super::Doc;
use crate::lexicon::slogan_match::{key_of, KeyText};
use crate::record::Slogan;
use quotes::{label_before, Label, Quote, LABEL_WINDOW};
use std::collections::HashMap;
use std::ops::Range;

/// Longest unknown quote accepted (words); a theme ("chủ đề") may be longer.
const MAX_WORDS: usize = 25;
const MAX_THEME_WORDS: usize = 45;
/// Entries shorter than this (in words, without a list structure) need a quote or a label.
const SHORT_WORDS: usize = 6;
/// How close a label must be to an unquoted short lexicon match.
const SHORT_LABEL_WINDOW: usize = 1;

/// One found mention before grouping.
struct Cand {
    span: Range<usize>,
    /// `Some(i)`: lexicon entry i; `None`: unknown, grouped by its key.
    entry: Option<usize>,
    kind: Option<&'static str>,
}

/// Find slogans.
pub fn extract(doc: &Doc) -> Vec<Slogan> {
    let (text, lower) = (doc.text(), doc.lower());
    let quotes = quotes::find(text);
    let mut cands = lexicon_hits(doc, &quotes);
    let hit_spans: Vec<Range<usize>> = cands.iter().map(|c| c.span.clone()).collect();
    let overlaps_hit = |r: &Range<usize>| hit_spans.iter().any(|h| h.start < r.end && r.start < h.end);

    // Labels of every quote, inherited along runs “A”, “B” và “C”.
    let mut labels: Vec<Option<Label>> = Vec::with_capacity(quotes.len());
    for (i, q) in quotes.iter().enumerate() {
        let own = label_before(lower, q.outer.start, LABEL_WINDOW);
        let inherited = (i > 0 && quotes[i - 1].outer.end <= q.outer.start)
            .then(|| labels[i - 1].filter(|_| quotes::only_separators(&lower[quotes[i - 1].outer.end..q.outer.start])))
            .flatten();
        labels.push(own.or(inherited));
    }
    let mut unknown_keys: Vec<String> = Vec::new();
    let mut later: Vec<&Quote> = Vec::new();
    for (q, label) in quotes.iter().zip(&labels) {
        if overlaps_hit(&q.inner) || quotes::starts_like_title(&lower[q.inner.clone()]) {
            continue;
        }
        let inner = &text[q.inner.clone()];
        let n = quotes::word_count(inner);
        let max = if label.is_some_and(|l| l.kind == "chủ đề năm") { MAX_THEME_WORDS } else { MAX_WORDS };
        match label {
            Some(l) if (2..=max).contains(&n) && (!l.weak || inner.contains(',')) && !quotes::is_title(lower, q) => {
                unknown_keys.push(key_of(inner));
                cands.push(Cand { span: q.inner.clone(), entry: None, kind: Some(l.kind) });
            }
            _ => later.push(q),
        }
    }
    for q in later {
        if unknown_keys.contains(&key_of(&text[q.inner.clone()])) {
            cands.push(Cand { span: q.inner.clone(), entry: None, kind: None });
        }
    }
    for r in quotes::slogan_list_items(text, lower) {
        if !overlaps_hit(&r) {
            cands.push(Cand { span: r, entry: None, kind: Some("khẩu hiệu") });
        }
    }
    group(doc, cands)
}

/// Lexicon matches that count: not inside a quoted title; short entries only
/// when quoted on their own (or labelled) or right after a label word.
fn lexicon_hits(doc: &Doc, quotes: &[Quote]) -> Vec<Cand> {
    let (text, lower) = (doc.text(), doc.lower());
    let kt = KeyText::build(lower);
    let mut out = Vec::new();
    for h in doc.lex.slogan_matcher.hits(&kt, lower) {
        let inside = quotes.iter().find(|q| q.outer.start <= h.span.start && h.span.end <= q.outer.end);
        if inside.is_some_and(|q| quotes::starts_like_title(&lower[q.inner.clone()])) {
            continue;
        }
        let surface = &text[h.span.clone()];
        let short = quotes::word_count(surface) < SHORT_WORDS && !surface.contains([',', ';', '-']);
        let ok = !short
            || match inside {
                Some(q) => {
                    key_of(&text[q.inner.clone()]) == key_of(surface)
                        || label_before(lower, q.outer.start, LABEL_WINDOW).is_some()
                }
                None => label_before(lower, h.span.start, SHORT_LABEL_WINDOW).is_some(),
            };
        if ok {
            out.push(Cand { span: h.span, entry: Some(h.entry), kind: None });
        }
    }
    out
}

/// Text of a mention without quotes and with single spaces.
fn clean(s: &str) -> String {
    let s: String = s.chars().filter(|c| !matches!(c, '“' | '”' | '"' | '\'')).collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.replace(" ,", ",");
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':')).to_string()
}

/// One record per canonical form, in order of first appearance; overlapping
/// candidates keep the earlier (lexicon first at equal starts).
fn group(doc: &Doc, mut cands: Vec<Cand>) -> Vec<Slogan> {
    cands.sort_by_key(|c| (c.span.start, c.entry.is_none()));
    let mut out: Vec<Slogan> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut last_end = 0;
    for c in cands {
        if c.span.start < last_end || c.span.is_empty() {
            continue;
        }
        last_end = c.span.end;
        let m = doc.mention(c.span.clone());
        let surface = clean(&doc.text()[c.span.clone()]);
        let (group, canonical, kind, known) = match c.entry.and_then(|i| doc.lex.slogans.get(i)) {
            Some(e) => (format!("\u{0}{}", e.canonical), e.canonical.clone(), Some(e.kind.clone()), true),
            None => (key_of(&surface), surface.clone(), c.kind.map(str::to_string), false),
        };
        match index.get(&group) {
            Some(&i) => {
                let s = &mut out[i];
                s.kind = s.kind.take().or(kind);
                s.mentions.push(m);
            }
            None => {
                index.insert(group, out.len());
                out.push(Slogan { text: surface, canonical, kind, known, mentions: vec![m] });
            }
        }
    }
    out
}
