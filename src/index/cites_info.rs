//! The `cites_info` field: one value per cited directive of a document, holding
//! what the graph and report commands read of a citation (id, date, label,
//! symbol, number, kind, mention count) as a small JSON array.
//!
//! It is a raw-token, fast field: the distinct values of a segment are few (a
//! value repeats in every document citing the same directive the same way), so
//! `graph citers` resolves a typed name against the term dictionary and reads
//! postings, and `report provinces` decodes each distinct value once and walks
//! term ordinals — neither parses the stored JSON records. JSON keeps the
//! encoding exact whatever the text holds (`null` stays distinct from "").

use crate::domain::Date;
use crate::record::{Directive, Relation};

/// A citation as the index holds it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CiteInfo {
    /// Directive id.
    pub id: String,
    /// The directive's date as cited (stored as ISO text, typed again by serde).
    pub date: Option<Date>,
    /// Symbol, else name, else kind, else id (what tables show).
    pub label: String,
    /// Symbol.
    pub symbol: Option<String>,
    /// Number.
    pub number: Option<String>,
    /// Kind.
    pub kind: Option<String>,
    /// Mentions in the document.
    pub mentions: usize,
    /// The relations of its mentions, strongest first (`docs/relations.md`).
    pub relations: Vec<Relation>,
}

impl CiteInfo {
    /// The strongest relation (`reference` when none).
    pub(crate) fn relation(&self) -> Relation {
        self.relations.first().copied().unwrap_or(Relation::Reference)
    }
}

/// The field value of a citation.
pub(crate) fn encode(d: &Directive) -> String {
    let t = (d.id.as_str(), &d.date, d.label(), &d.symbol, &d.number, &d.kind, d.mentions.len(), &d.relations);
    serde_json::to_string(&t).unwrap_or_default()
}

/// Read a field value back.
pub fn decode(s: &str) -> Option<CiteInfo> {
    type T = (String, Option<Date>, String, Option<String>, Option<String>, Option<String>, usize, Vec<Relation>);
    let (id, date, label, symbol, number, kind, mentions, relations): T = serde_json::from_str(s).ok()?;
    Some(CiteInfo { id, date, label, symbol, number, kind, mentions, relations })
}

/// The `cites_key` values of a citation: its `cites_info` value after a symbol key (the
/// symbol in ASCII capitals: symbols match up to ASCII case) and after a number key, so that
/// `graph citers 149/KH-UBND` or `ct 33` reads a range of the dictionary, as an id does,
/// instead of every distinct citation.
pub fn keys(d: &Directive) -> Vec<String> {
    let v = encode(d);
    let mut out = Vec::new();
    if let Some(s) = &d.symbol {
        out.push(format!("{}{v}", symbol_key(s)));
    }
    if let Some(n) = &d.number {
        out.push(format!("{}{v}", number_key(n)));
    }
    out
}

/// The prefix of the `cites_key` values of a symbol.
pub fn symbol_key(symbol: &str) -> String {
    format!("s\u{1f}{}\u{1f}", symbol.to_ascii_uppercase())
}

/// The prefix of the `cites_key` values of a number.
pub(crate) fn number_key(number: &str) -> String {
    format!("n\u{1f}{number}\u{1f}")
}

/// The prefix every value of directive `id` starts with (for a term range).
pub(crate) fn id_prefix(id: &str) -> String {
    format!("[{},", serde_json::Value::from(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{DirectiveId, System};

    #[test]
    fn round_trip_keeps_nulls_and_quotes() {
        let d = Directive {
            kind: Some("Chỉ thị".into()),
            symbol: None,
            number: Some("33".into()),
            year: None,
            issuer: None,
            date: None,
            system: System::State,
            id: DirectiveId("nn:x:\"q\"\u{1f}:33".into()),
            mentions: vec![],
            name: Some("".into()),
            issuer_code: None,
            relations: vec![],
            superseded_by: None,
        };
        let e = encode(&d);
        assert!(e.starts_with(&id_prefix(d.id.as_str())));
        let c = decode(&e).unwrap();
        assert_eq!((c.id.as_str(), c.date, c.label.as_str(), c.symbol), (d.id.as_str(), None, "", None));
        assert_eq!((c.number.as_deref(), c.kind.as_deref(), c.mentions), (Some("33"), Some("Chỉ thị"), 0));
        assert!(decode("not json").is_none());
    }
}
