//! A plural head shared out over a list: "Các Bộ: Quốc phòng, Công an chủ động …"
//! names Bộ Quốc phòng and Bộ Công an; "các Sở: Tài chính, Xây dựng và Nông nghiệp
//! và Môi trường" names three Sở.
//!
//! Each item is a complement written with capitals: a capitalised word, at most one
//! lowercase syllable after it ("Quốc phòng", "Y tế"), more capitalised words ("Công
//! Thương"). "và" parts two items unless the complement is of the lexicon's kind
//! `whole` ("Giáo dục và Đào tạo", "Văn hóa, Thể thao và Du lịch"). The list
//! ends at the first word that fits none of these (a task verb, a lowercase word).
//!
//! Example: "5. Các Bộ: Quốc phòng, Công an chủ động chỉ đạo" → `Bộ Quốc phòng` (span
//! "Quốc phòng") and `Bộ Công an` (span "Công an"), both in the list "Các Bộ: Quốc
//! phòng, Công an".
//!
//! Limits: a complement of two lowercase syllables ("Nông nghiệp và phát triển nông
//! thôn" written in lower case) ends the list early; only heads of kind `open` are
//! shared out.

use crate::lexicon::unit_vocab::{Vocab, OPEN, VERB};
use std::ops::Range;

/// Words that never end a complement (the next clause: "Công Thương theo chức năng").
const STOPS: [&str; 10] = ["theo", "chủ", "phối", "thực", "tham", "có", "được", "căn", "trong", "tại"];

/// One item: its span and the unit's name ("Bộ Quốc phòng").
pub type Item = (Range<usize>, String);

/// The items of `span` when it is "Các <open head>" followed by ":" and a list.
pub fn items(t: &str, l: &str, vocab: &Vocab, span: &Range<usize>) -> Option<(Vec<Item>, Range<usize>)> {
    let name = t.get(span.clone())?.trim();
    let low = l.get(span.clone())?.trim();
    let head = low.strip_prefix("các ")?;
    let (e, k) = vocab.at(head, 0)?;
    if e != head.len() || k & OPEN == 0 {
        return None;
    }
    let head_name = {
        let h = &name["các ".len()..];
        let mut cs = h.chars();
        cs.next().map(|c| c.to_uppercase().chain(cs).collect::<String>())?
    };
    let after = &t[span.end..];
    let colon = after.len() - after.trim_start_matches(' ').len();
    if !after[colon..].starts_with(':') {
        return None;
    }
    let mut p = span.end + colon + 1;
    let mut out: Vec<Item> = Vec::new();
    loop {
        p += t[p..].len() - t[p..].trim_start_matches(' ').len();
        let Some(end) = complement(t, l, vocab, p) else { break };
        out.push((p..end, format!("{head_name} {}", &t[p..end])));
        let rest = &t[end..];
        let sep = [", và ", ", ", " và "].iter().find(|s| rest.starts_with(**s));
        match sep {
            Some(s) if rest[s.len()..].starts_with(char::is_uppercase) => p = end + s.len(),
            _ => break,
        }
    }
    let whole = span.start..out.last()?.0.end;
    (out.len() >= 2).then_some((out, whole))
}

/// One complement starting at `p` (a capital): its end.
fn complement(t: &str, l: &str, vocab: &Vocab, p: usize) -> Option<usize> {
    if !t[p..].starts_with(char::is_uppercase) {
        return None;
    }
    if let Some(e) = vocab.whole_at(l, p) {
        return Some(e);
    }
    let mut end = p;
    let mut lower_run = 0; // lowercase syllables since the last capitalised word
    let mut q = p;
    loop {
        let w_end = q + t[q..].find(|c: char| !c.is_alphanumeric()).unwrap_or(t.len() - q);
        if w_end == q {
            break;
        }
        let w = &t[q..w_end];
        let verb = vocab.at(l, q).is_some_and(|(_, k)| k & VERB != 0);
        if w.starts_with(char::is_uppercase) {
            // ("Xây dựng" is a verb and a Sở.)
            lower_run = 0;
        } else if lower_run == 0 && end > p && !verb && !STOPS.contains(&w) && w.starts_with(char::is_lowercase) {
            lower_run = 1;
        } else {
            break;
        }
        end = w_end;
        if !t[w_end..].starts_with(' ') {
            break;
        }
        q = w_end + 1;
    }
    (end > p).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<String> {
        let l = crate::normalize::lower_same_len(s);
        let lx = crate::lexicon::Lexicon::embedded();
        let span = 0..s.find(':').unwrap_or(s.len());
        items(s, &l, &lx.unit_vocab, &span).map(|(v, _)| v.into_iter().map(|(_, n)| n).collect()).unwrap_or_default()
    }

    #[test]
    fn a_plural_head_is_shared_out() {
        assert_eq!(run("Các Bộ: Quốc phòng, Công an chủ động chỉ đạo"), ["Bộ Quốc phòng", "Bộ Công an"]);
        assert_eq!(
            run(
                "Các Bộ: Giáo dục và Đào tạo, Y tế, Khoa học và Công nghệ, Văn hóa, Thể thao và Du lịch theo chức năng"
            ),
            ["Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Khoa học và Công nghệ", "Bộ Văn hóa, Thể thao và Du lịch"]
        );
        assert_eq!(
            run("các Sở: Tài chính, Xây dựng và Công Thương theo dõi"),
            ["Sở Tài chính", "Sở Xây dựng", "Sở Công Thương"]
        );
    }

    #[test]
    fn other_lists_are_left_alone() {
        assert!(run("Các Bộ, ngành, địa phương").is_empty());
        assert!(run("Các đơn vị: thực hiện nghiêm").is_empty());
        assert!(run("Các Sở: Nội vụ").is_empty(), "one item is no list");
        assert!(run("Các Bộ: tăng cường kiểm tra").is_empty());
    }
}
