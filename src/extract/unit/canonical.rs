//! Name as written and canonical name of a unit.
//!
//! `name`: the span text with line breaks as spaces, trailing punctuation cut.
//! `canonical`: abbreviations expanded from `unit_abbrev.tsv` (whole tokens,
//! also inside `&` pairs: "HĐND&UBND"), "&" → "và", dashes spaced " - ",
//! "Đồng chí"/"đ/c" dropped, first letter uppercase; misspelt phrases of several words
//! (the same file: "Phó chỉ tịch" → "Phó chủ tịch") corrected.

use crate::lexicon::Lexicon;

/// The name as written: single spaces, no trailing punctuation.
pub fn name(raw: &str) -> String {
    let s: Vec<&str> = raw.split_whitespace().collect();
    s.join(" ").trim_end_matches(|c: char| ".,;:-&".contains(c) || c == ' ').to_string()
}

fn expand<'a>(tok: &'a str, lex: &'a Lexicon) -> Option<&'a str> {
    lex.unit_abbrev.iter().find(|(a, _)| a == tok).map(|(_, e)| e.as_str())
}

/// `s` with every whole-word occurrence of `a` replaced by `e`.
fn replace_phrase(s: &str, a: &str, e: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(a) {
        let before = rest[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        let after = rest[i + a.len()..].chars().next().is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..i]);
        out.push_str(if before || after { a } else { e });
        rest = &rest[i + a.len()..];
    }
    out.push_str(rest);
    out
}

/// The canonical form of a written name.
pub fn canonical(name: &str, lex: &Lexicon) -> String {
    // Misspelt phrases first ("Phó chỉ tịch"): the entries of several words.
    let mut fixed = name.split_whitespace().collect::<Vec<_>>().join(" ");
    for (a, e) in lex.unit_abbrev.iter().filter(|(a, _)| a.contains(' ')) {
        fixed = replace_phrase(&fixed, a, e);
    }
    let mut toks: Vec<String> = Vec::new();
    for tok in fixed.split_whitespace() {
        if let Some(e) = expand(tok, lex) {
            toks.push(e.to_string());
            continue;
        }
        // Split "HĐND&UBND", "HĐND&" into parts around '&'.
        let parts: Vec<String> = tok.split('&').map(|p| expand(p, lex).unwrap_or(p).to_string()).collect();
        toks.push(parts.join(" & "));
    }
    let mut s = toks.join(" ");
    s = s.replace('&', " và ");
    // Dashes between words: "Văn hóa- Xã hội" → "Văn hóa - Xã hội".
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev_letter = i > 0 && chars[..i].iter().rev().find(|c| **c != ' ').is_some_and(|c| c.is_alphabetic());
        if c == '-' && prev_letter {
            out.push_str(" - ");
        } else {
            out.push(c);
        }
    }
    let mut s = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in ["Đồng chí ", "đồng chí ", "Các đ/c ", "các đ/c ", "đ/c ", "Đ/c "] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
        }
    }
    let s = s.trim_end_matches(|c: char| ".,;:- ".contains(c));
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        let lx = Lexicon::embedded();
        assert_eq!(canonical("Văn phòng HĐND& UBND xã", &lx), "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã");
        assert_eq!(canonical("Văn phòng HĐND&UBND xã", &lx), "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã");
        assert_eq!(canonical("Phòng Văn hóa- Xã hội xã", &lx), "Phòng Văn hóa - Xã hội xã");
        assert_eq!(canonical("Công chức Tài chính - Kế toán", &lx), "Công chức Tài chính - Kế toán");
        assert_eq!(canonical("Các đ/c Phó chỉ tịch", &lx), "Phó chủ tịch", "a misspelt phrase of the lexicon");
        assert_eq!(canonical("Ban Chỉ tịch đoàn", &lx), "Ban Chủ tịch đoàn");
        assert_eq!(canonical("Chỉ tịchX", &lx), "Chỉ tịchX", "whole words only");
        assert_eq!(canonical("Ủy ban MTTQ VN xã", &lx), "Ủy ban Mặt trận Tổ quốc Việt Nam xã");
        assert_eq!(canonical("Trung tâm VHTT&TT xã", &lx), "Trung tâm Văn hóa, Thể thao và Truyền thông xã");
        assert_eq!(canonical("các thôn", &lx), "Các thôn");
        assert_eq!(canonical("đoàn thể chính trị- xã hội", &lx), "Đoàn thể chính trị - xã hội");
        assert_eq!(name("Công chức Văn hóa- Xã hội.\n"), "Công chức Văn hóa- Xã hội");
        assert_eq!(name("Sở\nKhoa học"), "Sở Khoa học");
    }
}
