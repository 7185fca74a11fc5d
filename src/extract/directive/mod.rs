//! # directive — every document a plan cites
//!
//! **Finds** state symbols (`33/CT-TTg`, `59/2023/NĐ-CP`, `29/2022/QĐ-UBND`,
//! `2953/UBND-NC`), Party symbols (`49-CT/TW`, `114-KL/TW`), joint ones
//! (`49-KH/UBND-BDVTU`), enumerations (`217, 218-QĐ/TW` → two), OCR spacing
//! (`114 -KL/TW`, `23- QĐ/TW`, `33/CT- TTg`), citations whose number was left
//! blank ("Nghị định số ngày 09/01/2015", kept with a null symbol and a warning),
//! laws cited by name, and congress resolutions. Each directive has its kind,
//! symbol, number, year, issuer (as written), date, system, canonical id and all
//! its mentions. Identity is symbol + issuer + date: `149/KH-UBND` of 09/5/2023
//! and of 30/5/2023 are two documents.
//!
//! **Excludes** the document's own number, blank self-references ("Kèm theo Kế
//! hoạch số /KH-UBND") and "số" in other senses ("Chỉ số cải cách hành chính",
//! "chính quyền số", "chuyển đổi số") — a symbol needs digits and letter codes.
//!
//! **Example**: "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ" →
//! ```json
//! {"kind":"Chỉ thị","symbol":"33/CT-TTg","number":"33","year":2021,"issuer":"Thủ tướng Chính phủ",
//!  "date":"2021-11-26","system":"state","id":"nn:ttg:CT:2021:33","mentions":[{"start":..,"end":..,"text":"33/CT-TTg"}]}
//! ```
//!
//! **Canonical id**: `<nn|dang|lien>:<issuer codes, lead first, '+'-joined, ASCII>:<TYPE>:<year or date>:<number>[:<unit>]`.
//! National issuers (level "trung ương" in issuers.tsv) use the year (`nn:ttg:CT:2021:33`);
//! local ones (UBND, TU, ĐU …, whose numbers restart in every body) use the full date
//! when known (`nn:ubnd:KH:2023-05-09:149`), else the year, else `?`. An undated
//! central citation takes its year from `data/lexicon/directives.tsv`.
//!
//! **Known limits**: the jurisdiction of a local issuer is not resolved, so two
//! bodies' `149/KH-UBND` issued on the same day would share an id; an issuer
//! named after the subject ("Kế hoạch số 41/KH-UBND … về … của UBND quận") is
//! not found (issuer null); laws are recognised by name only when the name is
//! followed by a stop word, and unknown law names get a slug id.

mod context;
mod named;
mod relation;
mod short;
mod symbol;

pub use symbol::{parse_str as parse_symbol, Symbol};

use super::date::Date;
use super::Doc;
use crate::domain::Level;
use crate::record::{Directive, DirectiveId, Mention, Meta, Successor, System};
use std::collections::HashMap;
use std::ops::Range;

/// One raw citation before grouping.
#[derive(Debug, Clone)]
pub(crate) struct Cite {
    range: Range<usize>,
    kind: Option<String>,
    symbol: Option<Symbol>,
    number: Option<String>,
    date: Option<Date>,
    year: Option<i32>,
    issuer: Option<String>,
    name: Option<String>,
    id: Option<String>,
    known_symbol: Option<String>,
}

impl Cite {
    fn new(range: Range<usize>, kind: Option<String>) -> Self {
        Cite {
            range,
            kind,
            symbol: None,
            number: None,
            date: None,
            year: None,
            issuer: None,
            name: None,
            id: None,
            known_symbol: None,
        }
    }
}

/// Title-case a kind word as written ("CHỈ THỊ" → "Chỉ thị").
fn kind_name(k: &str, doc: &Doc) -> String {
    if let Some(kind) = doc.lex.kind_by_name(k) {
        return kind.name.clone();
    }
    let lower = k.to_lowercase();
    let mut cs = lower.chars();
    cs.next().map_or(String::new(), |c| c.to_uppercase().chain(cs).collect())
}

/// "mẫu số", "biểu số", "phụ lục số" right before a symbol.
static FORM_BEFORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:mẫu|biểu|biểu mẫu|phụ lục|mẫu biểu)(?:\s+số)?\s*:?\s*$").expect("FORM_BEFORE")
});

/// Citations by symbol.
fn by_symbol(doc: &Doc, out: &mut Vec<Cite>) {
    let text = doc.text();
    for c in symbol::SYMBOL.captures_iter(text) {
        let m = c.get(0).expect("match");
        // not glued to a preceding word or number ("x12/CT-TTg", "3.5/…")
        if text[..m.start()].chars().next_back().is_some_and(|p| p.is_alphanumeric() || matches!(p, '/' | '.' | '-')) {
            continue;
        }
        let Some(sym) = symbol::parse(&c, doc.lex) else {
            continue;
        };
        // Form numbers ("Mẫu số 08b-ĐK/TSC", "Biểu số 02-III/KSHN") are not documents.
        if FORM_BEFORE
            .is_match(&doc.lower()[crate::normalize::floor_boundary(text, m.start().saturating_sub(24))..m.start()])
        {
            continue;
        }
        let qh = sym.issuers.iter().any(|i| is_qh(i));
        let code_kind = sym.type_code.as_ref().and_then(|t| doc.lex.kind_by_code(t)).map(|k| k.name.clone());
        let kind = context::kind_before(text, m.start())
            .map(|(k, _)| kind_name(&k, doc))
            // "Văn bản số 02/BC-…" is generic: the type code says Báo cáo.
            .map(|k| if k == "Công văn" && code_kind.is_some() { code_kind.clone().unwrap_or(k) } else { k })
            .or_else(|| qh.then(|| context::kind_far_before(text, m.start(), 160)).flatten())
            .or_else(|| sym.type_code.as_ref().and_then(|t| doc.lex.kind_by_code(t)).map(|k| k.name.clone()))
            .or_else(|| (sym.type_code.is_none() && sym.system == System::State && !qh).then(|| "Công văn".to_string()))
            // "Nghị quyết số 86/2019/QH14 …, số 87/2019/QH14": a listed number shares the kind before it.
            .or_else(|| {
                text[..m.start()]
                    .trim_end()
                    .ends_with(", số")
                    .then(|| out.last().and_then(|p| p.kind.clone()))
                    .flatten()
            });
        let (date, after) = match context::date_after(text, m.end()) {
            Some((d, e)) => (Some(d), e),
            None => (None, m.end()),
        };
        let issuer = context::issuer_after(text, after);
        // An OCR repair must agree with the issuer the text names ("33/CT-TT … của Thủ tướng").
        let sym = if sym.repaired.is_empty() || repair_fits(&sym, issuer.as_deref(), doc) {
            sym
        } else {
            match symbol::parse_plain(&c, doc.lex) {
                Some(s) => s,
                None => continue,
            }
        };
        // Enumerations: "Quyết định số 217, 218-QĐ/TW" → also 217-QĐ/TW.
        for n in enumerated_before(text, m.start()) {
            let mut s2 = sym.clone();
            s2.text = s2.text.replacen(&sym.number, &n, 1);
            s2.number = n.clone();
            let mut e = Cite::new(m.start()..m.end(), kind.clone());
            if let Some(pos) = text[..m.start()].rfind(&n) {
                e.range = pos..pos + n.len();
            }
            e.symbol = Some(s2);
            e.date = date;
            e.issuer = issuer.clone();
            out.push(e);
        }
        let mut cite = Cite::new(m.range(), kind);
        cite.date = date;
        cite.issuer = issuer;
        cite.number = Some(sym.number.clone());
        cite.symbol = Some(sym);
        out.push(cite);
    }
}

/// Whether the issuer phrase written after a repaired symbol (if any) names the repaired
/// codes' issuers ("Ủy ban nhân dân …" for `UBND`, "Thủ tướng Chính phủ" for `TTg`).
fn repair_fits(sym: &Symbol, issuer: Option<&str>, doc: &Doc) -> bool {
    let Some(phrase) = issuer else { return sym.repaired.iter().all(|r| !r.2) };
    let fold = |s: &str| crate::normalize::fold(s).to_lowercase();
    let p = fold(phrase);
    sym.repaired.iter().all(|(_, to, _)| {
        let base = to.trim_end_matches(|c: char| c.is_ascii_digit());
        match doc.lex.issuer(to).or_else(|| doc.lex.issuer(base)) {
            Some(i) => p.contains(&fold(&i.name)) || p.split_whitespace().any(|w| w == fold(base)),
            None => true,
        }
    })
}

/// Numbers listed before a symbol after "số": "số 217, 218-QĐ/TW" → ["217"].
fn enumerated_before(text: &str, at: usize) -> Vec<String> {
    let head = &text[..at];
    let trimmed = head.trim_end();
    let Some(list_end) =
        trimmed.strip_suffix(',').or_else(|| trimmed.strip_suffix('&')).or_else(|| trimmed.strip_suffix(" và"))
    else {
        return Vec::new();
    };
    let mut nums = Vec::new();
    let mut rest = list_end.trim_end();
    loop {
        let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 5 {
            return Vec::new();
        }
        nums.push(rest[rest.len() - digits..].trim_start_matches('0').to_string());
        rest = rest[..rest.len() - digits].trim_end();
        if let Some(r) = rest.strip_suffix(',').or_else(|| rest.strip_suffix('&')).or_else(|| rest.strip_suffix(" và"))
        {
            rest = r.trim_end();
            continue;
        }
        break;
    }
    if !(rest.ends_with("số") || rest.ends_with("Số")) {
        return Vec::new();
    }
    nums.reverse();
    nums
}

/// Quốc hội / UBTVQH codes: `QH15`, `UBTVQH14`.
fn is_qh(code: &str) -> bool {
    let base = code.trim_end_matches(|c: char| c.is_ascii_digit());
    base.len() < code.len() && (base == "QH" || base == "UBTVQH")
}

fn is_national(sym: &Symbol, doc: &Doc) -> bool {
    sym.issuers.first().is_some_and(|i| {
        let base = i.trim_end_matches(|c: char| c.is_ascii_digit());
        doc.lex.issuer(i).or_else(|| doc.lex.issuer(base)).is_some_and(|x| x.level == Some(Level::TrungUong))
    })
}

/// Canonical id of a symbol citation.
fn symbol_id(sym: &Symbol, kind: Option<&str>, date: Option<Date>, doc: &Doc) -> String {
    let sys = match sym.system {
        System::State => "nn",
        System::Party => "dang",
        System::Joint => "lien",
    };
    let mut issuer = sym.issuers.iter().map(|i| symbol::ascii(i).to_lowercase()).collect::<Vec<_>>().join("+");
    if issuer.is_empty() {
        issuer.push('?');
    }
    let ty = match (&sym.type_code, kind) {
        (Some(t), _) if t == "PL" => "PL".to_string(),
        (Some(t), _) => symbol::ascii(t).to_uppercase().trim_end_matches('I').to_string(),
        (None, Some("Luật" | "Bộ luật")) => "LUAT".into(),
        (None, Some("Nghị quyết")) => "NQ".into(),
        (None, _) if sym.issuers.iter().any(|i| is_qh(i)) => "LUAT".into(),
        (None, _) => "CV".into(),
    };
    let known_year = doc.lex.known.get(&sym.text).map(|k| k.date.y);
    let when = if is_national(sym, doc) {
        sym.year.or(date.map(|d| d.y)).or(known_year).map_or("?".to_string(), |y| y.to_string())
    } else {
        match (date, sym.year) {
            (Some(d), _) => d.iso(),
            (None, Some(y)) => y.to_string(),
            (None, None) => known_year.map_or("?".to_string(), |y| y.to_string()),
        }
    };
    let unit = sym.unit.as_ref().map(|u| format!(":{}", symbol::ascii(u))).unwrap_or_default();
    format!("{sys}:{issuer}:{ty}:{when}:{}{unit}", sym.number)
}

/// "Quyết định số 217-QĐ/TW, Quyết định số 218-QĐ/TW của Bộ Chính trị": citations listed
/// with only a comma or "và" (and a kind word) between them share the issuer written after
/// the last one. Dates are not shared: each listed document has its own.
fn share_issuer(text: &str, cites: &mut [Cite]) {
    for k in (0..cites.len().saturating_sub(1)).rev() {
        let (a, b) = (&cites[k], &cites[k + 1]);
        if a.issuer.is_some() || a.date.is_some() || b.issuer.is_none() || a.range.end > b.range.start {
            continue;
        }
        let gap = text[a.range.end..b.range.start].trim();
        let gap = gap.strip_prefix(',').or_else(|| gap.strip_prefix("và")).unwrap_or("-").trim();
        let rest = context::kind_before(gap, gap.len()).map_or(gap, |(_, at)| &gap[..at]).trim();
        if rest.is_empty() || gap.is_empty() {
            cites[k].issuer = cites[k + 1].issuer.clone();
        }
    }
}

/// Dates of the documents cited by symbol (cheap: no grouping), for dating the citing document.
pub(crate) fn citation_dates(doc: &Doc) -> Vec<Date> {
    let text = doc.text();
    symbol::SYMBOL.find_iter(text).filter_map(|m| context::date_after(text, m.end()).map(|(d, _)| d)).collect()
}

/// What [`extract_in`] finds.
#[derive(Debug, Default)]
pub(crate) struct Found {
    /// The cited documents.
    pub directives: Vec<Directive>,
    /// Non-fatal problems.
    pub warnings: Vec<String>,
    /// Short references that resolve to no citation ("Chỉ thị số 16" with no 16/… before it).
    pub unparsed: Vec<Mention>,
}

/// Find every cited document.
pub fn extract(doc: &Doc, meta: &Meta) -> (Vec<Directive>, Vec<String>) {
    let f = extract_in(doc, meta, &[]);
    (f.directives, f.warnings)
}

/// Like [`extract`], with the units' assignments (sorted by scope start) to tell which
/// unit's task each mention is in.
pub(crate) fn extract_in(doc: &Doc, meta: &Meta, units: &[super::Assignment]) -> Found {
    let mut cites = Vec::new();
    let mut warnings = Vec::new();
    by_symbol(doc, &mut cites);
    let until = meta.date.or(meta.year.and_then(|y| Date::new(y, 12, 31)));
    named::laws(doc, &mut cites, until);
    named::missing_numbers(doc, &mut cites, &mut warnings);
    named::one_code_letters(doc, &mut cites);
    named::one_code_normative(doc, &mut cites);
    named::congress(doc, &mut cites);
    // Site chrome (banners, metadata panels, related-documents lists, footers) cites nothing.
    let chrome = super::chrome::chrome_ranges(doc);
    cites.retain(|c| !super::chrome::inside(chrome, c.range.start));
    cites.sort_by_key(|c| (c.range.start, c.range.end));
    share_issuer(doc.text(), &mut cites);
    // The document's own number is not a citation.
    let own = meta.number.as_deref();
    let own_date = meta.date;
    // On a web copy, the metadata panel names the page's own number even when meta finds none.
    let panel = super::chrome::panel_number(doc, chrome).and_then(|p| symbol::parse_str(p, doc.lex)).map(|s| s.text);
    cites.retain(|c| {
        let s = c.symbol.as_ref().map(|s| s.text.as_str());
        let own_here = s.is_some() && s == own && (c.date.is_none() || c.date == own_date || own_date.is_none());
        !(own_here || (s.is_some() && s == panel.as_deref()))
    });
    // Short references ("Chỉ thị số 16", "Nghị quyết nêu trên") become mentions of the full
    // citation made before them; the others are listed as unparsed.
    let unresolved = short::resolve(doc, &mut cites, own, chrome);
    // An undated mention takes the date of the one dated mention of the same symbol.
    let mut dates: HashMap<String, Vec<Date>> = HashMap::new();
    for c in &cites {
        if let (Some(s), Some(d)) = (&c.symbol, c.date) {
            let v = dates.entry(s.text.clone()).or_default();
            if !v.contains(&d) {
                v.push(d);
            }
        }
    }
    // What each citation means, read from its clause.
    let ranges: Vec<Range<usize>> = cites.iter().map(|c| c.range.clone()).collect();
    // The headings a citation stands under: its section's and its enclosing items' ("1. Căn
    // cứ pháp lý liên quan" above "a) Khoản 3 Điều 15 Nghị định số 126/2024/NĐ-CP …").
    let headings = |pos: usize| -> Option<String> {
        let st = &doc.structure;
        let mut h: Vec<&str> = st.section_at(pos).map(|s| s.title.as_str()).into_iter().collect();
        let k = st.items.partition_point(|it| it.range.start <= pos);
        for it in st.items[..k].iter().filter(|it| pos < it.range.end && it.heading.end <= pos) {
            h.push(&doc.text()[it.heading.clone()]);
        }
        (!h.is_empty()).then(|| h.join("\n").to_lowercase())
    };
    let relations = relation::classify(doc.text(), doc.lower(), &ranges, &headings);
    let mut out: Vec<Directive> = Vec::new();
    // The symbol a named law stands for (laws.tsv), to look up what replaced it.
    let mut known_symbols: HashMap<String, String> = HashMap::new();
    for (c, rel) in cites.into_iter().zip(relations) {
        let d_for_id = c.date.or_else(|| {
            let s = c.symbol.as_ref()?;
            let v = dates.get(&s.text)?;
            (v.len() == 1).then(|| v[0])
        });
        let id = match (&c.symbol, &c.id, &c.known_symbol) {
            (Some(s), _, _) => symbol_id(s, c.kind.as_deref(), d_for_id, doc),
            (None, Some(id), _) => id.clone(),
            (None, None, Some(ks)) => match symbol::parse_str(ks, doc.lex) {
                Some(s) => symbol_id(&s, c.kind.as_deref(), None, doc),
                None => format!("nn:named:{}", crate::normalize::fold(&crate::normalize::key(ks))),
            },
            (None, None, None) => {
                let k = c
                    .kind
                    .as_deref()
                    .and_then(|k| doc.lex.kind_by_name(k))
                    .map_or("?".to_string(), |k| symbol::ascii(&k.code).to_uppercase());
                let n = c.number.as_deref().unwrap_or("?");
                format!("nn:?:{k}:{}:{n}", d_for_id.map_or("?".into(), |d| d.iso()))
            }
        };
        if let (None, Some(ks)) = (&c.symbol, &c.known_symbol) {
            known_symbols.entry(id.clone()).or_insert_with(|| ks.clone());
        }
        let mut mention = doc.mention(c.range.clone());
        if let Some(s) = c.symbol.as_ref().filter(|s| !s.repaired.is_empty()) {
            for (from, to, _) in &s.repaired {
                warnings.push(format!("repaired symbol {from} → {to} (\"{}\" read as {})", mention.text, s.text));
            }
            mention.raw = Some(std::mem::replace(&mut mention.text, s.text.clone()));
        }
        mention.section = doc.structure.section_at(c.range.start).map(|s| s.title.clone());
        mention.unit = super::covering(units, &c.range).map(|a| a.canonical.clone());
        mention.relation = Some(rel);
        if let Some(d) = out.iter_mut().find(|d| d.id.as_str() == id) {
            d.mentions.push(mention);
            if !d.relations.contains(&rel) {
                d.relations.push(rel);
                d.relations.sort();
            }
            if d.date.is_none() {
                d.date = c.date;
            }
            if d.issuer.is_none() {
                d.issuer = c.issuer.clone();
            }
            continue;
        }
        let system = c.symbol.as_ref().map_or(System::State, |s| s.system);
        let year = c.symbol.as_ref().and_then(|s| s.year).or(c.year).or(d_for_id.map(|d| d.y));
        out.push(Directive {
            kind: c.kind.clone(),
            symbol: c.symbol.as_ref().map(|s| s.text.clone()),
            number: c.number.clone().or_else(|| c.symbol.as_ref().map(|s| s.number.clone())),
            year,
            issuer: c.issuer.clone(),
            date: c.date,
            system,
            id: DirectiveId(id),
            mentions: vec![mention],
            name: c.name.clone(),
            issuer_code: c.symbol.as_ref().map(|s| s.issuers.join("-")),
            relations: vec![rel],
            superseded_by: None,
        });
    }
    flag_superseded(&mut out, &known_symbols, meta, doc, &mut warnings);
    let unparsed = unresolved.into_iter().map(|r| doc.mention(r)).collect();
    Found { directives: out, warnings, unparsed }
}

/// A cited document replaced before the citing document's date (`supersessions.tsv`) gets its
/// successor, and a warning when the document relies on it (basis, implements).
fn flag_superseded(
    out: &mut [Directive],
    known_symbols: &HashMap<String, String>,
    meta: &Meta,
    doc: &Doc,
    warnings: &mut Vec<String>,
) {
    // An undated document of a known year: what was replaced before that year began.
    let own_date = meta.date.or_else(|| meta.year.and_then(|y| Date::new(y, 1, 1)));
    let Some(own_date) = own_date else { return };
    for d in out {
        let Some(sym) = d.symbol.as_ref().or_else(|| known_symbols.get(d.id.as_str())) else { continue };
        let Some(s) = doc.lex.successor(sym).filter(|s| s.date <= own_date) else { continue };
        d.superseded_by = Some(Successor { symbol: s.new.clone(), date: Some(s.date) });
        let rel = d.relation();
        if rel.relies() {
            warnings.push(format!("relies on {sym} ({rel}), replaced by {} from {}", s.new, s.date));
        }
    }
}

#[cfg(test)]
mod tests;
