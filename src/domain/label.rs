//! How a cited directive is named to a reader: its symbol (`33/CT-TTg`), else its name
//! ("Luật Thực hiện dân chủ ở cơ sở"), else its kind word, else its canonical id. The graph,
//! the reports, the index's `cites_info`, the ingest summary and the web pages all show this
//! one label, so a directive reads the same everywhere.

/// The name a directive is shown by, when it has one: symbol, else name, else kind.
pub fn shown<'a>(symbol: Option<&'a str>, name: Option<&'a str>, kind: Option<&'a str>) -> Option<&'a str> {
    symbol.or(name).or(kind)
}

/// The label of a directive: [`shown`], else its id.
pub fn label(symbol: Option<&str>, name: Option<&str>, kind: Option<&str>, id: &str) -> String {
    shown(symbol, name, kind).unwrap_or(id).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn symbol_first_then_name_kind_id() {
        assert_eq!(super::label(Some("33/CT-TTg"), Some("x"), Some("Chỉ thị"), "id"), "33/CT-TTg");
        assert_eq!(super::label(None, Some("Luật X"), Some("Luật"), "id"), "Luật X");
        assert_eq!(super::label(None, None, Some("Luật"), "id"), "Luật");
        assert_eq!(super::label(None, None, None, "id"), "id");
    }
}
