//! Province mentions with their type word: the aho-corasick automaton and the scan.

use super::data::Inner;
use super::Province;
use crate::normalize::{lower_same_len, normalize_chars};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// Type words before a province name, lowercase, with their separator
/// ("tỉnh Bắc Ninh", "thành phố Hải Phòng", "TP Hải Phòng", "TP. Hồ Chí Minh",
/// "TP.HCM", "T.P. Cần Thơ").
const TYPE_PREFIXES: [&str; 8] = ["tỉnh ", "thành phố ", "tp ", "tp. ", "tp.", "t.p ", "t.p. ", "t.p."];

/// Lowercase spelling variants of one name: as written, and for names with a spaced
/// dash ("bà rịa - vũng tàu") also "bà rịa-vũng tàu" and "bà rịa vũng tàu".
fn spellings(name: &str) -> Vec<String> {
    let l = lower_same_len(&normalize_chars(name));
    let mut v = vec![l.clone()];
    if l.contains(" - ") {
        v.push(l.replace(" - ", "-"));
        v.push(l.replace(" - ", " "));
    }
    v
}

/// Patterns for every province (old records first, so a shared pattern keeps the old
/// record) and the province index of each pattern.
pub(super) fn build(provinces: &[Province]) -> (Option<AhoCorasick>, Vec<usize>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut pats: Vec<String> = Vec::new();
    let mut idx: Vec<usize> = Vec::new();
    let mut add = |p: String, i: usize| {
        if !seen.contains_key(&p) {
            seen.insert(p.clone(), i);
            pats.push(p);
            idx.push(i);
        }
    };
    for (i, p) in provinces.iter().enumerate() {
        for n in std::iter::once(&p.name).chain(p.aliases.iter()) {
            for s in spellings(n) {
                // an alias that carries its own type word ("TP.HCM", "TPHCM") stands alone
                if s.starts_with("tp") {
                    add(s.clone(), i);
                }
                for t in TYPE_PREFIXES {
                    add(format!("{t}{s}"), i);
                }
            }
        }
    }
    if pats.is_empty() {
        return (None, idx);
    }
    let ac = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&pats).ok();
    (ac, idx)
}

/// True if no letter or digit touches byte offset `at` from the left (`left`) or right.
fn free(s: &str, at: usize, left: bool) -> bool {
    let c =
        if left { s.get(..at).and_then(|h| h.chars().next_back()) } else { s.get(at..).and_then(|t| t.chars().next()) };
    c.is_none_or(|c| !c.is_alphanumeric())
}

impl Inner {
    /// See `Gazetteer::find_provinces`.
    pub(crate) fn find_provinces(&self, text: &str) -> Vec<(Range<usize>, Province)> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        // line breaks count as spaces (a name wrapped over two lines: "tỉnh Điện\nBiên");
        // every replacement keeps the byte length, so offsets stay those of `text`
        let lower = lower_same_len(text).replace(['\n', '\r', '\t'], " ");
        let mut out = Vec::new();
        for m in ac.find_iter(&lower) {
            let (s, e) = (m.start(), m.end());
            if !free(&lower, s, true) || !free(&lower, e, false) {
                continue;
            }
            let Some(&pi) = self.pattern_province.get(m.pattern().as_usize()) else {
                continue;
            };
            if let Some(p) = self.provinces.get(pi) {
                out.push((s..e, p.clone()));
            }
        }
        out
    }
}
