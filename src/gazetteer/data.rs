//! Parsing of the gazetteer TSV files, lookup keys and the name indexes.

use super::{Era, Province};
use crate::normalize::{fold, normalize_chars};
use aho_corasick::AhoCorasick;
use std::collections::HashMap;

/// Levels of communes and of districts (canonical level words).
pub(super) const COMMUNE_LEVELS: [&str; 4] = ["xã", "phường", "thị trấn", "đặc khu"];
pub(super) const DISTRICT_LEVELS: [&str; 4] = ["huyện", "quận", "thị xã", "thành phố"];

/// Type words that may precede a province name in a lookup key (after [`name_key`]).
const PROVINCE_PREFIXES: [&str; 5] = ["thành phố ", "tỉnh ", "tp ", "t p ", "thanh pho "];

/// A pre-2025 district.
#[derive(Debug)]
pub(super) struct District {
    pub province: String,
    pub level: String,
    pub name: String,
    pub code: String,
}

/// A commune of either era; `links` = successor indices (old) or predecessors (new).
#[derive(Debug)]
pub(super) struct Commune {
    pub era: Era,
    pub province: String,
    pub district_level: String,
    pub district: String,
    pub level: String,
    pub name: String,
    pub code: String,
    pub links: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Ref {
    District(usize),
    Commune(usize),
}

/// The parsed tables and their indexes.
#[derive(Default)]
pub(super) struct Inner {
    pub provinces: Vec<Province>,
    /// name/alias key → province indices (old first).
    by_key: HashMap<String, Vec<usize>>,
    /// diacritic-free key → province indices.
    by_fold: HashMap<String, Vec<usize>>,
    pub districts: Vec<District>,
    pub communes: Vec<Commune>,
    /// place name key → districts and communes.
    pub places: HashMap<String, Vec<Ref>>,
    /// Province mentions automaton over lowercase text, and the province of each pattern.
    pub automaton: Option<AhoCorasick>,
    pub pattern_province: Vec<usize>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("provinces", &self.provinces.len())
            .field("districts", &self.districts.len())
            .field("communes", &self.communes.len())
            .finish()
    }
}

/// Lookup key: normalized characters, lowercase, `-` `.` `,` `'` `_` quotes and
/// brackets as spaces, single spaces, leading zeros of numbers dropped ("Phường 01"
/// = "phường 1").
pub(super) fn name_key(s: &str) -> String {
    let t = normalize_chars(s);
    let mut spaced = String::with_capacity(t.len());
    for c in t.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() || matches!(c, '-' | '.' | ',' | '\'' | '_' | '"' | '“' | '”' | '(' | ')') {
            spaced.push(' ');
        } else {
            spaced.push(c);
        }
    }
    let words: Vec<&str> = spaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes().all(|b| b.is_ascii_digit()) {
                let z = w.trim_start_matches('0');
                if z.is_empty() {
                    "0"
                } else {
                    z
                }
            } else {
                w
            }
        })
        .collect();
    words.join(" ")
}

/// Canonical level word of `s` (lowercase, abbreviations X., P., TT., H., Q., TX., TP.).
pub(super) fn canonical_level(s: &str) -> Option<&'static str> {
    let k = name_key(s);
    let all = COMMUNE_LEVELS.iter().chain(DISTRICT_LEVELS.iter());
    if let Some(l) = all.into_iter().find(|l| **l == k) {
        return Some(l);
    }
    Some(match k.as_str() {
        "x" => "xã",
        "p" => "phường",
        "tt" => "thị trấn",
        "h" => "huyện",
        "q" => "quận",
        "tx" => "thị xã",
        "tp" => "thành phố",
        _ => return None,
    })
}

fn era_of(s: &str) -> Option<Era> {
    match s {
        "old" => Some(Era::Old),
        "new" => Some(Era::New),
        _ => None,
    }
}

/// Data lines (no comment, no header) split on tabs; lines with fewer than `n`
/// columns are skipped (the integrity test checks the counts).
fn rows(text: &str, n: usize) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(move |c| c.len() >= n)
}

impl Inner {
    /// Parse the three tables and build every index.
    pub fn parse(provinces: &str, districts: &str, communes: &str) -> Inner {
        let mut g = Inner::default();
        for c in rows(provinces, 6) {
            let Some(era) = era_of(c[1]) else { continue };
            let aliases = c[5].split('|').filter(|a| !a.is_empty()).map(str::to_string).collect();
            g.provinces.push(Province {
                code: c[0].into(),
                name: c[3].into(),
                kind: c[2].into(),
                era,
                successor_code: c[4].into(),
                aliases,
            });
        }
        // old records first so that lookups prefer them
        g.provinces.sort_by(|a, b| (a.era, &a.code).cmp(&(b.era, &b.code)));
        for (i, p) in g.provinces.iter().enumerate() {
            for n in std::iter::once(&p.name).chain(p.aliases.iter()) {
                let k = name_key(n);
                push_unique(g.by_key.entry(k.clone()).or_default(), i);
                push_unique(g.by_fold.entry(fold(&k)).or_default(), i);
            }
        }
        for c in rows(districts, 5) {
            let d = District { province: c[0].into(), level: c[1].into(), name: c[2].into(), code: c[3].into() };
            g.places.entry(name_key(&d.name)).or_default().push(Ref::District(g.districts.len()));
            g.districts.push(d);
        }
        let mut links: Vec<&str> = Vec::new();
        for c in rows(communes, 9) {
            let Some(era) = era_of(c[0]) else { continue };
            g.places.entry(name_key(c[5])).or_default().push(Ref::Commune(g.communes.len()));
            links.push(c[7]);
            g.communes.push(Commune {
                era,
                province: c[1].into(),
                district_level: c[2].into(),
                district: c[3].into(),
                level: c[4].into(),
                name: c[5].into(),
                code: c[6].into(),
                links: Vec::new(),
            });
        }
        let new_by_code: HashMap<&str, usize> = g
            .communes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.era == Era::New)
            .map(|(i, c)| (c.code.as_str(), i))
            .collect();
        let mut edges = Vec::new();
        for (i, l) in links.iter().enumerate() {
            for code in l.split('|').filter(|c| !c.is_empty()) {
                if let Some(&j) = new_by_code.get(code) {
                    edges.push((i, j));
                }
            }
        }
        for (i, j) in edges {
            g.communes[i].links.push(j);
            g.communes[j].links.push(i);
        }
        let (ac, pats) = super::find::build(&g.provinces);
        g.automaton = ac;
        g.pattern_province = pats;
        g
    }

    /// Province indices for a name (old first); see `Gazetteer::province`.
    pub(crate) fn lookup_province(&self, name: &str) -> Vec<usize> {
        let mut k = name_key(name);
        if let Some(hit) = self.by_key.get(&k) {
            return hit.clone();
        }
        for p in PROVINCE_PREFIXES {
            if let Some(rest) = k.strip_prefix(p) {
                k = rest.to_string();
                break;
            }
        }
        if let Some(hit) = self.by_key.get(&k) {
            return hit.clone();
        }
        let f = fold(&k);
        let hit = self.by_fold.get(&f).cloned().unwrap_or_default();
        // a folded key must name one unit (both eras of one name are fine)
        let names: Vec<&str> = hit.iter().map(|&i| self.provinces[i].name.as_str()).collect();
        if names.windows(2).all(|w| w[0] == w[1]) {
            hit
        } else {
            Vec::new()
        }
    }
}

fn push_unique(v: &mut Vec<usize>, i: usize) {
    if !v.contains(&i) {
        v.push(i);
    }
}
