//! Province of the issuing body, as of the document's date and after the July
//! 2025 merger. Never guesses: null unless the evidence names one province.
//!
//! Evidence, in order: a province named with its type word in the issuer or the
//! header ("Ủy ban nhân dân tỉnh Bắc Ninh", "UBND TỈNH BÌNH THUẬN / SỞ TƯ PHÁP");
//! a named commune or district ("phường Lãm Hà") found in the gazetteer — when
//! several provinces have a unit of that name, the provinces the text mentions
//! must single one out; the place of the date line ("Bắc Ninh, ngày …") for a
//! provincial body. The era (before/after 01/07/2025) comes from the date, else
//! from the latest dated citation (a plan cannot cite a later document), else
//! from the plan year.

use crate::domain::{Date, Level};
use crate::extract::Doc;
use crate::gazetteer::{Era, Province};
use std::collections::BTreeSet;

const LOCAL: [Level; 8] =
    [Level::Xa, Level::Phuong, Level::ThiTran, Level::DacKhu, Level::Huyen, Level::Quan, Level::ThiXa, Level::ThanhPho];

fn merger() -> Date {
    Date { y: 2025, m: 7, d: 1 }
}

/// Which era the document belongs to, if it can be told.
pub fn era(date: Option<Date>, latest_cited: Option<Date>, year: Option<i32>) -> Option<Era> {
    match (date, latest_cited, year) {
        (Some(d), _, _) => Some(if d >= merger() { Era::New } else { Era::Old }),
        (None, Some(c), _) if c >= merger() => Some(Era::New),
        (None, _, Some(y)) if y >= 2026 => Some(Era::New),
        (None, _, Some(y)) if y <= 2024 => Some(Era::Old),
        _ => None,
    }
}

/// (as of the document, after 2025) names for a province record.
fn names(doc: &Doc, p: &Province, era: Option<Era>) -> (Option<String>, Option<String>) {
    let as_of = match era {
        Some(Era::New) if p.era == Era::Old => {
            doc.gaz.province_in(&p.name, Era::New).unwrap_or_else(|| doc.gaz.successor(p))
        }
        _ => p.clone(),
    };
    (Some(as_of.name.clone()), Some(doc.gaz.successor(&as_of).name))
}

/// The one province named (with its type word) in `text`, if exactly one.
fn sole_province(doc: &Doc, text: &str) -> Option<Province> {
    let found = doc.gaz.find_provinces(text);
    let codes: BTreeSet<&str> = found.iter().map(|(_, p)| p.successor_code.as_str()).collect();
    (codes.len() == 1).then(|| found.into_iter().next().map(|(_, p)| p)).flatten()
}

/// (province as of the document, post-2025 province).
pub fn province(
    doc: &Doc,
    issuer: Option<&str>,
    level: Option<Level>,
    header: Option<&str>,
    place: Option<&str>,
    era: Option<Era>,
) -> (Option<String>, Option<String>) {
    for t in [issuer, header].into_iter().flatten() {
        if let Some(p) = sole_province(doc, t) {
            return names(doc, &p, era);
        }
    }
    let (Some(issuer), Some(level)) = (issuer, level) else { return (None, None) };
    if LOCAL.contains(&level) {
        let name = super::issuer::place_name(issuer, level).or_else(|| place.map(str::to_string));
        if let Some(name) = name {
            if let Some(r) = by_local_unit(doc, level, &name, era) {
                return r;
            }
        }
    }
    if level == Level::Tinh {
        if let Some(p) = place.and_then(|pl| doc.gaz.province(pl)) {
            return names(doc, &p, era);
        }
    }
    (None, None)
}

fn by_local_unit(doc: &Doc, level: Level, name: &str, era: Option<Era>) -> Option<(Option<String>, Option<String>)> {
    let places = doc.gaz.places_named(level.as_str(), name);
    let places: Vec<_> = places.into_iter().filter(|p| era.is_none_or(|e| p.era == e)).collect();
    // Candidate (era, code) pairs, compared on their post-2025 province.
    let mut cands: Vec<(Province, String)> = Vec::new();
    for p in &places {
        let prov = match p.era {
            Era::Old => p.province_old.as_deref().and_then(|c| doc.gaz.province_by_code(c, Era::Old)),
            Era::New => p.province_new.as_deref().and_then(|c| doc.gaz.province_by_code(c, Era::New)),
        };
        if let Some(prov) = prov {
            let new = prov.successor_code.clone();
            if !cands.iter().any(|(q, n)| q.code == prov.code && q.era == prov.era && *n == new) {
                cands.push((prov, new));
            }
        }
    }
    let distinct: BTreeSet<&str> = cands.iter().map(|(_, n)| n.as_str()).collect();
    let chosen = if distinct.len() == 1 {
        distinct.into_iter().next()?.to_string()
    } else {
        // Several provinces have a unit of this name: the text must single one out.
        let mentioned: BTreeSet<String> =
            doc.gaz.find_provinces(doc.text()).into_iter().map(|(_, p)| p.successor_code).collect();
        let hit: Vec<&str> = distinct.into_iter().filter(|c| mentioned.contains(*c)).collect();
        if hit.len() != 1 {
            return None;
        }
        hit[0].to_string()
    };
    // Prefer the record of the document's era.
    let mut matching: Vec<&Province> = cands.iter().filter(|(_, n)| *n == chosen).map(|(p, _)| p).collect();
    matching.sort_by_key(|p| (era.is_some_and(|e| p.era != e), p.era != Era::New, p.code.clone()));
    let p = matching.first()?;
    Some(names(doc, p, era.or(Some(p.era))))
}
