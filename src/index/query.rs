//! The search query language: tantivy's (words, "phrases", AND/OR/NOT,
//! `field:value`), checked first so that a bad query gets one clear line.
//!
//! The query goes through the same character normalization as the documents
//! (NFC, one tone style), and the folded fields are searched by default, so
//! "dan van kheo" finds "Dân vận khéo". Refused, each with its own message:
//! an empty query, a query over [`MAX_QUERY_CHARS`] characters, an unbalanced
//! double quote, an unknown field (the message lists the known ones), regex
//! syntax and anything else tantivy's parser rejects.

use super::schema::Fields;
use crate::error::{Error, Result};
use crate::normalize::normalize_chars;
use tantivy::query::{Query, QueryParser, QueryParserError};
use tantivy::Index;

/// Longest query accepted (characters): a pasted paragraph fits, a pasted document does not.
pub(crate) const MAX_QUERY_CHARS: usize = 2000;

/// Parse a user query against the index's default fields.
/// Every refusal is an [`Error::Query`].
pub fn parse(index: &Index, f: &Fields, query: &str) -> Result<Box<dyn Query>> {
    let n = query.chars().count();
    if n > MAX_QUERY_CHARS {
        return Err(Error::Query(format!("query too long: {n} characters (at most {MAX_QUERY_CHARS})")));
    }
    let q = normalize_chars(query);
    if q.trim().is_empty() {
        return Err(Error::Query("empty query".into()));
    }
    if q.matches('"').count() % 2 == 1 {
        return Err(Error::Query(format!("unbalanced double quote in query {query:?}: close the \"phrase\"")));
    }
    let mut parser = QueryParser::for_index(index, vec![f.title_fold, f.body_fold]);
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title_fold, 2.0);
    parser.parse_query(&q).map_err(|e| explain(index, query, e))
}

fn explain(index: &Index, query: &str, e: QueryParserError) -> Error {
    Error::Query(match e {
        QueryParserError::FieldDoesNotExist(name) => {
            let schema = index.schema();
            let known: Vec<&str> = schema.fields().map(|(_, entry)| entry.name()).collect();
            format!("unknown field {name:?} in query {query:?} (fields: {})", known.join(", "))
        }
        QueryParserError::UnsupportedQuery(m) if m.contains("Regex") => {
            format!("regular expressions are not supported in queries ({query:?}); use words or \"phrases\"")
        }
        QueryParserError::SyntaxError(_) => format!(
            "cannot parse query {query:?}: put words or \"phrases\" around AND/OR/NOT, and quote text with brackets or colons"
        ),
        other => format!("cannot parse query {query:?}: {other}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> (Index, Fields) {
        let (schema, fields) = super::super::schema::build();
        let index = Index::create_in_ram(schema);
        super::super::schema::register(&index);
        (index, fields)
    }

    fn err(q: &str) -> String {
        let (i, f) = index();
        parse(&i, &f, q).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn good_queries_parse() {
        let (i, f) = index();
        for q in ["dan van kheo", "\"dân vận khéo\" -chỉ", "cites:\"nn:ttg:CT:2021:33\"", "year:2025 AND title:kế", "*"]
        {
            assert!(parse(&i, &f, q).is_ok(), "{q}");
        }
    }

    #[test]
    fn bad_queries_get_one_clear_line() {
        assert!(err("\"dan van").contains("unbalanced double quote"));
        assert!(err(&"dân ".repeat(1000)).contains("query too long"));
        let e = err("foo:bar");
        assert!(e.contains("unknown field \"foo\"") && e.contains("body_fold"), "{e}");
        assert!(err("/dan.*/").contains("regular expressions"));
        assert!(err("[a-z]+.*").contains("cannot parse query"));
        assert!(err("AND").contains("cannot parse query"));
        assert!(err("   ").contains("empty query"));
        for q in ["\"dan van", "foo:bar", "/x/", "(", "year:abc"] {
            assert!(!err(q).contains('\n'), "{q}: one line");
        }
    }

    #[test]
    fn bad_queries_are_query_errors() {
        let (i, f) = index();
        for q in ["\"dan van", "foo:bar", "/x/", "AND", "   ", &"x ".repeat(1500)] {
            assert!(matches!(parse(&i, &f, q), Err(Error::Query(_))), "{q}");
        }
    }
}
