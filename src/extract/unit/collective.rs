//! A list of collectives that repeats its head noun names one collective per term:
//! "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ" names the ministries, the
//! ministry-level agencies and the government agencies; "Các cơ quan chuyên môn, cơ
//! quan hành chính khác thuộc Ủy ban nhân dân Thành phố" names two kinds of bodies, both
//! under the city's People's Committee.
//!
//! The list is read after a leading "các" (the plural article shared by every term):
//! terms are parted by ", " (and ", và" / " và " before the last) up to the first
//! complement ("thuộc …"). It is split only when a head noun of the vocabulary opens two or
//! more terms ("cơ quan … , cơ quan …") or a term is a `category` of the lexicon ("cơ quan
//! ngang Bộ": the three categories of central bodies): a list of bare collective nouns is
//! one fixed phrase ("các sở, ban, ngành", "các cơ
//! quan, đơn vị", "các văn phòng bộ, ngành, địa phương") and stays whole. A last term
//! "X thuộc/trực thuộc Y" whose X is more than its head noun ("cơ quan hành chính khác
//! thuộc …") shares "thuộc Y" with every term; when X is the bare head ("cơ quan thuộc
//! Chính phủ") the complement defines that term alone.
//!
//! Example: the name "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ" gives
//! `Các Bộ`, `Các cơ quan ngang Bộ`, `Các cơ quan thuộc Chính phủ` (spans "Bộ", "cơ quan
//! ngang Bộ", "cơ quan thuộc Chính phủ"), all in the group of the whole list.
//!
//! Limits: terms are parted only at commas and "và" outside a proper name; a shared
//! complement written before the list ("thuộc Ủy ban nhân dân tỉnh, các cơ quan …") is
//! not shared; a list without "các" is left whole.

use super::distribute::Item;
use crate::lexicon::unit_vocab::{Vocab, HEAD, NOT};
use std::ops::Range;

/// Words that open a complement which a list's terms may share.
const SHARED: [&str; 2] = [" trực thuộc ", " thuộc "];

/// The terms of `span` (the unit's name in the text) when it is such a list.
pub fn items(t: &str, l: &str, vocab: &Vocab, span: &Range<usize>) -> Option<(Vec<Item>, Range<usize>)> {
    let name = t.get(span.clone())?;
    let low = l.get(span.clone())?;
    let article = &name[..low.strip_prefix("các ").map(|_| "các".len())?];
    let first = span.start + article.len() + 1;
    // The terms' ranges: parted before the first complement ("thuộc sở, ban, ngành" is one).
    let list_end = SHARED.iter().filter_map(|w| l[first..span.end].find(w)).min().map_or(span.end, |i| first + i);
    let mut terms: Vec<Range<usize>> = Vec::new();
    let mut p = first;
    loop {
        let rest = &l[p..list_end];
        let cut = [", và ", ", ", " và "].iter().filter_map(|s| rest.find(s).map(|i| (i, s.len()))).min();
        match cut {
            Some((i, n)) => {
                terms.push(p..p + i);
                p += i + n;
            }
            None => {
                terms.push(p..span.end);
                break;
            }
        }
    }
    if terms.len() < 2 || terms.iter().any(|r| r.is_empty()) {
        return None;
    }
    // The head noun opening each term (its lowercase text), when the vocabulary has one.
    let heads: Vec<Option<&str>> = terms
        .iter()
        .map(|r| vocab.at(l, r.start).filter(|&(_, k)| k & HEAD != 0 && k & NOT == 0).map(|(e, _)| &l[r.start..e]))
        .collect();
    let head_word = |h: &str| h.split(' ').take(2).collect::<Vec<_>>().join(" ");
    let repeated = heads
        .iter()
        .enumerate()
        .any(|(i, a)| a.is_some_and(|a| heads[i + 1..].iter().flatten().any(|b| head_word(a) == head_word(b))));
    if !repeated && !terms.iter().any(|r| vocab.category_at(l, r.start)) {
        return None;
    }
    // A complement the last term shares with the others.
    let last = terms.last()?.clone();
    let shared = SHARED.iter().find_map(|w| l[last.clone()].find(w)).and_then(|i| {
        let before = &l[last.start..last.start + i];
        let bare = heads.last().copied().flatten().is_some_and(|h| before == h || head_word(h) == before);
        let earlier_own = terms[..terms.len() - 1].iter().any(|r| SHARED.iter().any(|w| l[r.clone()].contains(w)));
        (!bare && !earlier_own).then(|| t[last.start + i..last.end].to_string())
    });
    let mut out = Vec::new();
    for (k, r) in terms.iter().enumerate() {
        let own = &t[r.clone()];
        let tail = if k + 1 < terms.len() { shared.as_deref().unwrap_or("") } else { "" };
        out.push((r.clone(), format!("{article} {own}{tail}")));
    }
    Some((out, span.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<String> {
        let l = crate::normalize::lower_same_len(s);
        let lx = crate::lexicon::Lexicon::embedded();
        items(s, &l, &lx.unit_vocab, &(0..s.len()))
            .map(|(v, _)| v.into_iter().map(|(_, n)| n).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_list_repeating_its_head_is_split() {
        assert_eq!(
            run("Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ"),
            ["Các Bộ", "Các cơ quan ngang Bộ", "Các cơ quan thuộc Chính phủ"]
        );
        assert_eq!(
            run("Các cơ quan chuyên môn, cơ quan hành chính khác thuộc Ủy ban nhân dân Thành phố"),
            [
                "Các cơ quan chuyên môn thuộc Ủy ban nhân dân Thành phố",
                "Các cơ quan hành chính khác thuộc Ủy ban nhân dân Thành phố"
            ]
        );
        assert_eq!(run("Các bộ, cơ quan ngang bộ"), ["Các bộ", "Các cơ quan ngang bộ"], "a category");
        assert_eq!(
            run("Các phòng, cơ quan chuyên môn, cơ quan khác thuộc sở, ban, ngành"),
            [
                "Các phòng thuộc sở, ban, ngành",
                "Các cơ quan chuyên môn thuộc sở, ban, ngành",
                "Các cơ quan khác thuộc sở, ban, ngành"
            ],
            "terms end where the shared complement starts"
        );
        assert_eq!(
            run("các cơ quan chuyên môn và cơ quan hành chính khác trực thuộc UBND tỉnh"),
            ["các cơ quan chuyên môn trực thuộc UBND tỉnh", "các cơ quan hành chính khác trực thuộc UBND tỉnh"]
        );
    }

    #[test]
    fn fixed_lists_stay_whole() {
        for s in [
            "Các sở, ban, ngành",
            "các cơ quan, đơn vị",
            "các văn phòng bộ, ngành, địa phương",
            "Các phòng, ban, ngành, đoàn thể xã",
            "Cơ quan chuyên môn, cơ quan hành chính khác",
            "Các Bộ",
            "Các phòng, ban thuộc sở, ban, ngành",
        ] {
            assert!(run(s).is_empty(), "{s}");
        }
    }
}
