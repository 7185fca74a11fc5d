//! A directive named the way an analyst types it: "33/CT-TTg", "Chỉ thị
//! 33/CT-TTg", "ct 33", "chỉ thị số 33", or a canonical id "nn:ttg:CT:2021:33".

use crate::error::Error;
use crate::extract::directive::parse_symbol;
use crate::lexicon::Lexicon;
use crate::normalize::{key, normalize_chars};
use crate::record::Directive;

/// A parsed directive name.
#[derive(Debug, Clone, PartialEq)]
pub enum DirectiveName {
    /// A canonical id.
    Id(String),
    /// A symbol, canonicalised (`33/CT-TTg`).
    Symbol(String),
    /// A kind code or name and a number (`CT`, `33`).
    KindNumber {
        /// Kind name from the lexicon (`Chỉ thị`), if given.
        kind: Option<String>,
        /// Number without leading zeros.
        number: String,
    },
}

impl DirectiveName {
    /// Parse what a person typed; a name that cannot be read is an [`Error::DirectiveName`].
    pub fn parse(input: &str, lex: &Lexicon) -> crate::Result<Self> {
        let t = normalize_chars(input.trim());
        if t.is_empty() {
            return Err(Error::DirectiveName("empty directive name".into()));
        }
        if t.contains(':') && !t.contains(' ') {
            return Ok(DirectiveName::Id(t));
        }
        if let Some(s) = parse_symbol(&t, lex).or_else(|| parse_symbol(&t.to_uppercase(), lex)) {
            return Ok(DirectiveName::Symbol(s.text));
        }
        let number: String = t.split(|c: char| !c.is_ascii_digit()).find(|p| !p.is_empty()).unwrap_or("").to_string();
        if number.is_empty() {
            return Err(Error::DirectiveName(format!(
                "cannot read a directive in {input:?}: give a symbol (33/CT-TTg), a kind and a number (ct 33) or an id"
            )));
        }
        let words: String = t.chars().filter(|c| !c.is_ascii_digit()).collect();
        let words = key(&words.replace(" số", " ").replace("số ", " "));
        let kind = lex
            .kind_by_code(words.trim())
            .or_else(|| lex.kind_by_code(&words.trim().replace('d', "đ")))
            .or_else(|| lex.kind_by_name(words.trim()))
            .map(|k| k.name.clone());
        if !words.trim().is_empty() && kind.is_none() {
            return Err(Error::DirectiveName(format!(
                "unknown document kind {:?} in {input:?} (see data/lexicon/kinds.tsv)",
                words.trim()
            )));
        }
        let n = number.trim_start_matches('0');
        Ok(DirectiveName::KindNumber { kind, number: if n.is_empty() { "0".into() } else { n.to_string() } })
    }

    /// Whether a cited directive is the one named.
    pub(crate) fn matches(&self, d: &Directive) -> bool {
        self.matches_parts(d.id.as_str(), d.symbol.as_deref(), d.number.as_deref(), d.kind.as_deref())
    }

    /// [`Self::matches`] on the parts it reads (id, symbol, number, kind).
    pub(crate) fn matches_parts(
        &self,
        id: &str,
        symbol: Option<&str>,
        number: Option<&str>,
        kind: Option<&str>,
    ) -> bool {
        match self {
            DirectiveName::Id(x) => id == x,
            DirectiveName::Symbol(s) => symbol.is_some_and(|x| x.eq_ignore_ascii_case(s)),
            DirectiveName::KindNumber { kind: k, number: n } => {
                number == Some(n.as_str()) && k.as_ref().is_none_or(|k| kind == Some(k.as_str()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_typed() {
        let lx = Lexicon::embedded();
        let p = |s: &str| DirectiveName::parse(s, &lx).unwrap();
        assert_eq!(p("33/CT-TTg"), DirectiveName::Symbol("33/CT-TTg".into()));
        assert_eq!(p("Chỉ thị 33/CT-TTg"), DirectiveName::Symbol("33/CT-TTg".into()));
        assert_eq!(p("33/ct-ttg"), DirectiveName::Symbol("33/CT-TTg".into()));
        assert_eq!(p("ct 33"), DirectiveName::KindNumber { kind: Some("Chỉ thị".into()), number: "33".into() });
        assert_eq!(p("chỉ thị số 33"), DirectiveName::KindNumber { kind: Some("Chỉ thị".into()), number: "33".into() });
        assert_eq!(p("nn:ttg:CT:2021:33"), DirectiveName::Id("nn:ttg:CT:2021:33".into()));
        assert!(DirectiveName::parse("xyz", &lx).is_err());
        assert!(DirectiveName::parse("blah 33", &lx).is_err());
    }
}
