//! # meta — the document's own metadata
//!
//! **Finds** the own number ("Số: 10/KH-UBND"; a blank "Số: /KH-UBND" gives
//! null), kind, place and date ("Lãm Hà, ngày 27 tháng 02 năm 2024"), issuing
//! body and its level, province (as of the document and after the July 2025
//! merger), title (trích yếu), year of the plan, signer (TM./KT./TL./Q. blocks)
//! and recipients (Nơi nhận).
//!
//! **Example** (seed 001): "Số: 10/KH-UBND / Lãm Hà, ngày 27 tháng 02 năm 2024 /
//! KẾ HOẠCH / Triển khai thực hiện công tác dân vận chính quyền năm 2024 … của
//! UBND phường … TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Thị Tâm" →
//! ```json
//! {"number":"10/KH-UBND","kind":"Kế hoạch","date":"2024-02-27","place":"Lãm Hà",
//!  "issuer":"Ủy ban nhân dân phường Lãm Hà","level":"phường","province":"Hải Phòng","province_2025":"Hải Phòng",
//!  "title":"Triển khai thực hiện công tác dân vận chính quyền năm 2024","year":2024,
//!  "signer":{"name":"Nguyễn Thị Tâm","role":"PHÓ CHỦ TỊCH","authority":"TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH"},
//!  "recipients":["UBND quận","Ban Dân vận Quận ủy", "…"]}
//! ```
//!
//! **Never guesses**: a province is given only when the issuer or its place
//! resolves to exactly one province in the gazetteer (see `place`).
//!
//! **Known limits**: the header block is recognised only in its first 40 lines;
//! an issuer of a headerless plan that never names itself stays a bare level
//! ("Ủy ban nhân dân xã"); signer names must be 2–6 capitalised syllables.

mod header;
mod issuer;
mod place;
mod signature;

use super::Doc;
use crate::domain::Level;
use crate::record::{Meta, Signer};
use regex::Regex;
use std::sync::LazyLock;

/// "năm 2024", "6 tháng cuối năm 2025", "đến hết năm 2023", "giai đoạn 2026 - 2030" in a title.
static TITLE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:năm|giai đoạn|nhiệm kỳ)\s+((?:19|20)\d\d)").expect("TITLE_YEAR"));

/// The one unit of `level` named in the text ("xã Phổ Châu"), if exactly one.
fn sole_named_unit(text: &str, level: Level) -> Option<String> {
    let mut names = std::collections::BTreeSet::new();
    let pat = format!("{level} ");
    let mut from = 0;
    while let Some(i) = text[from..].find(&pat) {
        let at = from + i;
        from = at + pat.len();
        let before = text[..at].chars().next_back();
        if before.is_some_and(char::is_alphabetic) || text[..at].ends_with("thị ") {
            continue;
        }
        let words: Vec<&str> = text[from..]
            .split(' ')
            .take(4)
            .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
            .take_while(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
            .collect();
        if !words.is_empty() {
            names.insert(words.join(" "));
        }
    }
    (names.len() == 1).then(|| names.into_iter().next()).flatten()
}

/// Find the document's own metadata.
pub fn extract(doc: &Doc) -> Meta {
    // The lines in reading order: site chrome left out, two-column header and signature
    // blocks (antiword `|…|…|` rows, `pdftotext -layout` gaps) read column by column.
    let chrome = crate::extract::chrome::chrome_ranges(doc);
    let kept: String = if chrome.is_empty() {
        doc.text().to_string()
    } else {
        let kept: Vec<&str> =
            doc.lines().filter(|(s, _)| !crate::extract::chrome::inside(chrome, *s)).map(|(_, l)| l).collect();
        kept.join("\n")
    };
    let owned = crate::structure::columns::reading_lines(&kept);
    let lines: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut h = header::parse(doc, &lines);
    if h.number.is_none() {
        // A web copy's own number from the site's metadata panel ("Số hiệu: 226/CĐ-TTg").
        h.number = crate::extract::chrome::panel_number(doc, chrome)
            .and_then(|n| crate::extract::directive::parse_symbol(n, doc.lex))
            .map(|s| s.text);
    }
    // The signature block comes before the first appendix.
    let appendix = lines.iter().position(|l| crate::structure::landmark::is_appendix(l.trim())).unwrap_or(lines.len());
    let header_end = h.kind_line.or(h.number_line.map(|n| n + 1)).unwrap_or(0).min(header::HEADER_LINES);
    let from_header = issuer::from_header(doc, &lines, header_end);
    let mut issuer_name = from_header.as_ref().map(|(n, _)| n.clone()).or_else(|| issuer::from_text(doc));
    let level = issuer_name.as_deref().and_then(issuer::level);
    // A bare level ("Ủy ban nhân dân phường") takes the date line's place name.
    if let (Some(iss), Some(lv), Some(place)) = (&issuer_name, level, &h.place) {
        if issuer::place_name(iss, lv).is_none() && iss.to_lowercase().ends_with(lv.as_str()) {
            issuer_name = Some(format!("{iss} {place}"));
        }
    }
    // A bare level ("Ủy ban nhân dân xã") takes the one unit of that level the text names.
    if let (Some(iss), Some(lv)) = (&issuer_name, level) {
        if issuer::place_name(iss, lv).is_none() && iss.to_lowercase().ends_with(lv.as_str()) {
            if let Some(name) = sole_named_unit(doc.text(), lv) {
                issuer_name = Some(format!("{iss} {name}"));
            }
        }
    }
    let header_text = from_header.map(|(_, h)| h);
    let title_year = h.title.as_deref().and_then(|t| TITLE_YEAR.captures(t)).and_then(|c| c[1].parse().ok());
    let year = h.date.map(|d| d.y).or(title_year).or(h.date_year);
    let latest = crate::extract::directive::citation_dates(doc).into_iter().max();
    let era = place::era(h.date, latest, year);
    let (province, province_2025) =
        place::province(doc, issuer_name.as_deref(), level, header_text.as_deref(), h.place.as_deref(), era);
    let signer = signature::signer(&lines, appendix).map(|(authority, role, name)| Signer { name, role, authority });
    Meta {
        number: h.number,
        kind: h.kind,
        date: h.date,
        place: h.place,
        issuer: issuer_name,
        level,
        province,
        province_2025,
        title: h.title,
        year,
        signer,
        recipients: signature::recipients(&lines, appendix),
    }
}

#[cfg(test)]
mod tests;
