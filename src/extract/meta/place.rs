//! Province of the issuing body, as of the document's date and after the July
//! 2025 merger. Never guesses: null unless the evidence names one province.

use crate::extract::date::Date;
use crate::extract::Doc;

/// (province as of the document, post-2025 province).
pub fn province(
    _doc: &Doc,
    _issuer: Option<&str>,
    _level: Option<&str>,
    _header: Option<&str>,
    _place: Option<&str>,
    _date: Option<Date>,
) -> (Option<String>, Option<String>) {
    (None, None)
}
