//! The number-and-symbol grammar ("số, ký hiệu") of state and Party documents.
//!
//! State: `33/CT-TTg`, `59/2023/NĐ-CP`, `2953/UBND-NC` (công văn: issuer-unit),
//! `10/2022/QH15`. Party: `49-CT/TW`, `114-KL/TW`, `5053-CV/VPTW/nb`. Joint:
//! `49-KH/UBND-BDVTU` (Party separators, state lead issuer). OCR spacing around
//! the separators (`114 -KL/TW`, `23- QĐ/TW`, `33/CT- TTg`) is accepted; codes
//! are re-cased from the lexicon (`TTG` → `TTg`, `ND` → `NĐ`), Party documents
//! rewritten in state style (`217/QĐ-TW`) are re-canonicalised (`217-QĐ/TW`),
//! and a footnote digit glued to the issuer (`NĐ-CP1`) is dropped.

use crate::lexicon::Lexicon;
use crate::record::System;
use regex::Regex;
use std::sync::LazyLock;

/// Candidate symbols in running text.
pub(crate) static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)(?P<num>\d{1,5}[a-z]?)
        (?:
            # state: 33/CT-TTg, 59/2023/NĐ-CP, 2953/UBND-NC, 33/CT- TTg, 10/2022/QH15
            \x20?/\x20?(?:(?P<year>(?:19|20)\d\d)\x20?/\x20?)?
            (?P<st>
                # the type code; then '/' (older joint form 104/2007/TTLT/BTC-BVHTTDL) or '-'
                # ('_' typed for '-': 50/2022/NĐ_CP; a line break after a '-': 4055/SGTVT-⏎HTGT)
                [A-ZĐ][A-Za-zĐđ&]{0,11}
                # ('&' may be followed by a space: 15972/SXD-QLN& TTBĐS)
                (?:(?:/|\x20?[-_](?:\x20|\n)?)[A-ZĐƯƠÂÊÔĂ](?:[A-Za-zĐđƯƠÂÊÔĂ0-9]|&(?:\x20?[A-ZĐƯƠÂÊÔĂ])?)*)
                # further issuer codes (01/2008/NQLT-BLĐTBXH-…-UBTƯMTTQVN)
                (?:\x20?[-_](?:\x20|\n)?[A-ZĐƯƠÂÊÔĂ](?:[A-Za-zĐđƯƠÂÊÔĂ0-9]|&(?:\x20?[A-ZĐƯƠÂÊÔĂ])?)*)*
              | (?:PL-)?(?:UBTV)?QH\d{1,2}
              | (?:PL-)?(?:UBTV)?QH[\dIlO]{1,2}      # OCR: 163/2024/QHI5 (repaired by parse)
            )
          | # lower-case normative symbol, only with a year: 85/2017/nđ-cp
            /(?P<lcyear>(?:19|20)\d\d)/(?P<lc>[a-zđ]{1,5}-[a-zđ]{1,12}(?:-[a-zđ]{1,12}){0,3})(?-u:\b)
          | # party: 49-CT/TW, 114 -KL/TW, 23- QĐ/TW, 49-KH/UBND-BDVTU, 5053-CV/VPTW/nb
            \x20?-\x20?(?P<pt>[A-ZĐ][A-Za-zĐđ]{0,4})\x20?/\x20?
            (?P<pi>[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)
            (?:/(?P<suffix>[a-z]{1,4}))?
        )",
    )
    .expect("SYMBOL")
});

/// A parsed symbol.
#[derive(Debug, Clone, PartialEq)]
pub struct Symbol {
    /// Number as written, without leading zeros (`33`, `8b`).
    pub number: String,
    /// Year inside the symbol (normative documents).
    pub year: Option<i32>,
    /// Canonical type code (`CT`, `NĐ`), None for a state công văn.
    pub type_code: Option<String>,
    /// Issuer codes, lead first (`UBND`, `BDVTU`).
    pub issuers: Vec<String>,
    /// Công văn drafting-unit suffix (`NC`, `CNXD`).
    pub unit: Option<String>,
    /// Numbering system.
    pub system: System,
    /// Canonical text (`33/CT-TTg`).
    pub text: String,
    /// OCR repairs made: (as read, as repaired, only if the issuer is named): `("QHI5", "QH15", false)`.
    pub repaired: Vec<(String, String, bool)>,
}

fn canon_kind(code: &str, lex: &Lexicon) -> Option<String> {
    let d_fixed = code.replace('D', "Đ").replace('d', "đ");
    lex.kind_by_code(code).or_else(|| lex.kind_by_code(&d_fixed)).map(|k| k.code.clone())
}

fn canon_issuer(code: &str, lex: &Lexicon) -> String {
    if let Some(i) = lex.issuer(code) {
        return i.code.clone();
    }
    // QH15, UBTVQH14: keep the legislature number.
    let base = code.trim_end_matches(|c: char| c.is_ascii_digit());
    if base.len() < code.len() {
        if let Some(i) = lex.issuer(base) {
            return format!("{}{}", i.code, &code[base.len()..]);
        }
    }
    code.to_string()
}

fn is_party_code(code: &str, lex: &Lexicon) -> bool {
    lex.issuer(code).is_some_and(|i| i.system == "party")
}

/// Drop a footnote mark glued to a known issuer code (`CP1`, `CPI` → `CP`), but keep `QH15`.
fn strip_footnote(code: &str, lex: &Lexicon) -> String {
    // A footnote mark glued to the code: digits, or one "I"/"l" where OCR read a superscript 1
    // ("126/2024/NĐ-CPI").
    let digits = code.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '¹' | '²' | '³'));
    let base = if digits.len() < code.len() { digits } else { code.strip_suffix(['I', 'l']).unwrap_or(code) };
    if base.len() < code.len() && lex.issuer(code).is_none() && lex.issuer(base).is_some() && !base.ends_with("QH") {
        base.to_string()
    } else {
        code.to_string()
    }
}

fn trim_number(n: &str) -> String {
    let t = n.trim_start_matches('0');
    if t.is_empty() || t.starts_with(|c: char| !c.is_ascii_digit()) {
        n.to_string()
    } else {
        t.to_string()
    }
}

/// `QH15`, `UBTVQH14`: a Quốc hội code with a plausible legislature number.
fn qh_code(code: &str) -> bool {
    let base = code.trim_end_matches(|c: char| c.is_ascii_digit());
    (base == "QH" || base == "UBTVQH") && code[base.len()..].parse::<u32>().is_ok_and(|n| (1..=16).contains(&n))
}

/// The canonical code `code` is, as an issuer (or, with `kinds`, also as a document type).
fn known_code(code: &str, lex: &Lexicon, kinds: bool) -> Option<String> {
    if let Some(i) = lex.issuer(code) {
        return Some(i.code.clone());
    }
    if qh_code(code) {
        return Some(canon_issuer(code, lex));
    }
    if kinds {
        return lex.kind_by_code(code).map(|k| k.code.clone());
    }
    None
}

/// An unknown code repaired by one OCR confusion of `data/lexicon/ocr.tsv`, when exactly one
/// known code results: `QHI5` → `QH15`, `UBHD` → `UBND`, `TT` (issuer) → `TTg`.
fn repair_code(code: &str, lex: &Lexicon, kinds: bool) -> Option<(String, bool)> {
    if known_code(code, lex, kinds).is_some() {
        return None;
    }
    let mut found: Vec<(String, bool)> = Vec::new();
    for (seen, meant, named) in &lex.ocr {
        for (i, _) in code.match_indices(seen.as_str()) {
            let v = format!("{}{}{}", &code[..i], meant, &code[i + seen.len()..]);
            if let Some(k) = known_code(&v, lex, kinds) {
                match found.iter_mut().find(|(f, _)| *f == k) {
                    Some(f) => f.1 &= *named,
                    None => found.push((k, *named)),
                }
            }
        }
    }
    (found.len() == 1).then(|| found.remove(0))
}

/// Repair `parts[i]` in place, recording the repair.
fn repair_part(parts: &mut [String], i: usize, lex: &Lexicon, kinds: bool, log: &mut Vec<(String, String, bool)>) {
    let code = strip_footnote(&parts[i], lex);
    if let Some((r, named)) = repair_code(&code, lex, kinds) {
        log.push((code, r.clone(), named));
        parts[i] = r;
    }
}

/// Parse one regex match of [`SYMBOL`], repairing OCR confusions in its codes.
pub fn parse(c: &regex::Captures, lex: &Lexicon) -> Option<Symbol> {
    parse_with(c, lex, true)
}

/// Parse one regex match of [`SYMBOL`] as written (no OCR repair).
pub(crate) fn parse_plain(c: &regex::Captures, lex: &Lexicon) -> Option<Symbol> {
    parse_with(c, lex, false)
}

fn parse_with(c: &regex::Captures, lex: &Lexicon, repair: bool) -> Option<Symbol> {
    let mut log: Vec<(String, String, bool)> = Vec::new();
    let sym = parse_codes(c, lex, repair, &mut log)?;
    Some(Symbol { repaired: log, ..sym })
}

fn parse_codes(
    c: &regex::Captures,
    lex: &Lexicon,
    repair: bool,
    log: &mut Vec<(String, String, bool)>,
) -> Option<Symbol> {
    let num = c.name("num")?.as_str();
    let number = trim_number(num);
    let year = c.name("year").and_then(|y| y.as_str().parse().ok());
    if let Some(lc) = c.name("lc") {
        return parse_lower(num, c.name("lcyear")?.as_str(), lc.as_str(), lex);
    }
    if let Some(st) = c.name("st") {
        // separators as written ("TTLT/BTC", "NĐ_CP", "SGTVT-⏎HTGT", "NĐ -CP") → '-'
        let st_clean: String = st
            .as_str()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if matches!(c, '/' | '_') { '-' } else { c })
            .collect();
        let mut parts: Vec<String> = st_clean.split('-').map(|p| p.to_string()).collect();
        if repair {
            let n = parts.len();
            if n == 1 || (parts[0] == "PL" && n == 2) {
                repair_part(&mut parts, n - 1, lex, false, log);
            } else {
                // the type code (or a công văn's issuer), then the lead issuer; later codes
                // (drafting units, "4953/QĐ-BNN-TT") are open-ended and never repaired
                if canon_kind(&parts[0], lex).is_none() {
                    repair_part(&mut parts, 0, lex, true, log);
                }
                if canon_kind(&parts[0], lex).is_some() {
                    repair_part(&mut parts, 1, lex, false, log);
                }
            }
        }
        let st_clean = if log.is_empty() { st_clean } else { parts.join("-") };
        if parts.len() == 1 || (parts[0] == "PL" && parts.len() == 2) {
            // 10/2022/QH15, 34/2007/PL-UBTVQH11
            let iss = canon_issuer(parts.last()?, lex);
            let tc = (parts.len() == 2).then(|| "PL".to_string());
            let text = format!("{num}/{}{}", year.map(|y| format!("{y}/")).unwrap_or_default(), st_clean);
            return Some(Symbol {
                number,
                year,
                type_code: tc,
                issuers: vec![iss],
                unit: None,
                system: System::State,
                text,
                repaired: Vec::new(),
            });
        }
        let (type_code, rest) = match canon_kind(&parts[0], lex) {
            Some(k) => (Some(k), &parts[1..]),
            None => (None, &parts[..]),
        };
        let mut issuers: Vec<String> = rest.iter().map(|p| canon_issuer(&strip_footnote(p, lex), lex)).collect();
        let mut unit = None;
        if type_code.is_none() && issuers.len() >= 2 {
            unit = issuers.pop();
        }
        if issuers.is_empty() {
            return None;
        }
        // Party document written in state style: 217/QĐ-TW → 217-QĐ/TW.
        if year.is_none() && type_code.is_some() && issuers.iter().all(|i| is_party_code(i, lex)) {
            let tc = type_code?;
            let text = format!("{num}-{tc}/{}", issuers.join("-"));
            return Some(Symbol {
                number,
                year,
                type_code: Some(tc),
                issuers,
                unit: None,
                system: System::Party,
                text,
                repaired: Vec::new(),
            });
        }
        let mut codes: Vec<String> = type_code.iter().cloned().collect();
        codes.extend(issuers.iter().cloned());
        codes.extend(unit.iter().cloned());
        let text = format!("{num}/{}{}", year.map(|y| format!("{y}/")).unwrap_or_default(), codes.join("-"));
        return Some(Symbol {
            number,
            year,
            type_code,
            issuers,
            unit,
            system: System::State,
            text,
            repaired: Vec::new(),
        });
    }
    let pt = c.name("pt")?.as_str();
    // Party symbols always carry a document type ("08b-ĐK/TSC", "02-III/KSHN" are form codes).
    let tc = canon_kind(pt, lex)?;
    let issuers: Vec<String> = c.name("pi")?.as_str().split('-').map(|p| canon_issuer(p, lex)).collect();
    let joint = issuers.len() > 1 && lex.issuer(&issuers[0]).is_some_and(|i| i.system == "state");
    let suffix = c.name("suffix").map(|s| format!("/{}", s.as_str())).unwrap_or_default();
    let text = format!("{num}-{tc}/{}{suffix}", issuers.join("-"));
    let system = if joint { System::Joint } else { System::Party };
    Some(Symbol { number, year: None, type_code: Some(tc), issuers, unit: None, system, text, repaired: Vec::new() })
}

/// A normative symbol typed in lower case (`85/2017/nđ-cp`): taken only when its first code is a
/// known document type; codes are re-cased from the lexicon, unknown ones upper-cased.
fn parse_lower(num: &str, year: &str, lc: &str, lex: &Lexicon) -> Option<Symbol> {
    let mut parts = lc.split('-');
    let type_code = canon_kind(parts.next()?, lex)?;
    let issuers: Vec<String> =
        parts.map(|p| lex.issuer(p).map_or_else(|| p.to_uppercase(), |i| i.code.clone())).collect();
    if issuers.is_empty() {
        return None;
    }
    let text = format!("{num}/{year}/{type_code}-{}", issuers.join("-"));
    Some(Symbol {
        number: trim_number(num),
        year: year.parse().ok(),
        type_code: Some(type_code),
        issuers,
        unit: None,
        system: System::State,
        text,
        repaired: Vec::new(),
    })
}

/// Parse a whole string as one symbol (`"33/CT-TTg"`); used for the document's own number.
pub fn parse_str(s: &str, lex: &Lexicon) -> Option<Symbol> {
    let c = SYMBOL.captures(s)?;
    parse(&c, lex)
}

/// ASCII id segment: `NĐ` → `ND`, `QĐi` → `QD` (Quy định and Quyết định share a series), `TTg` → `ttg`.
pub(crate) fn ascii(code: &str) -> String {
    crate::normalize::fold(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<Symbol> {
        parse_str(s, &Lexicon::embedded())
    }

    #[test]
    fn state_forms() {
        let s = p("33/CT-TTg").unwrap();
        assert_eq!((s.text.as_str(), s.type_code.as_deref(), s.system), ("33/CT-TTg", Some("CT"), System::State));
        let s = p("59/2023/NĐ-CP").unwrap();
        assert_eq!((s.year, s.issuers.clone()), (Some(2023), vec!["CP".to_string()]));
        let s = p("2953/UBND-NC").unwrap();
        assert_eq!((s.type_code.clone(), s.unit.as_deref()), (None, Some("NC")));
        assert_eq!(p("10/2022/QH15").unwrap().text, "10/2022/QH15");
        assert_eq!(p("34/2007/PL-UBTVQH11").unwrap().type_code.as_deref(), Some("PL"));
        assert_eq!(p("CHỈ THỊ SỐ 19/CT-TTG").unwrap().text, "19/CT-TTg");
        assert_eq!(p("số 33/CT- TTg ngày").unwrap().text, "33/CT-TTg");
        assert_eq!(p("145/2020/ND-CP").unwrap().text, "145/2020/NĐ-CP");
        assert_eq!(p("126/2024/NĐ-CP1 ngày").unwrap().text, "126/2024/NĐ-CP");
        assert_eq!(p("02600/PA-UBND").unwrap().number, "2600");
    }

    #[test]
    fn party_and_joint_forms() {
        let s = p("114 -KL/TW").unwrap();
        assert_eq!((s.text.as_str(), s.system), ("114-KL/TW", System::Party));
        assert_eq!(p("23- QĐ/TW").unwrap().text, "23-QĐ/TW");
        let s = p("49-KH/UBND-BDVTU").unwrap();
        assert_eq!(s.system, System::Joint);
        assert_eq!(p("5053-CV/VPTW/nb").unwrap().text, "5053-CV/VPTW/nb");
        // Party symbol rewritten in state style
        let s = p("217/QĐ-TW").unwrap();
        assert_eq!((s.text.as_str(), s.system), ("217-QĐ/TW", System::Party));
    }

    #[test]
    fn not_symbols() {
        for s in [
            "ngày 26/11/2021",
            "Tháng 9-11/2025",
            "giai đoạn 2021-2025",
            "1 mô hình/thôn",
            "Quý III/2025",
            "ISO 9001:2015",
        ] {
            assert!(p(s).is_none(), "{s}");
        }
    }
}
