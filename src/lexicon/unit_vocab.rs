//! The unit-name vocabulary of `data/lexicon/unit_heads.tsv`, used by the unit extractor: head nouns that
//! start a unit name, words allowed inside one, and words that only look like
//! heads. Matched on the lowercase text at a given offset, longest phrase first.

use crate::normalize::lower_same_len;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use std::collections::BTreeMap;

/// Kinds of a vocabulary phrase (bits).
pub type Kind = u16;

/// May start a unit name.
pub(crate) const HEAD: Kind = 1;
/// A head that needs a complement (a line break after it is joined).
pub(crate) const OPEN: Kind = 2;
/// A body name (UBND, Đảng ủy): a head that also continues a name.
pub(crate) const BODY: Kind = 4;
/// Looks like a head but is another word.
pub const NOT: Kind = 8;
/// A lowercase word allowed inside a name.
pub(crate) const WORD: Kind = 16;
/// A collective noun continuing a list after a comma.
pub(crate) const COLL: Kind = 32;
/// A document kind (table "Sản phẩm" column).
pub(crate) const PRODUCT: Kind = 64;
/// A task verb that ends a name even when capitalized ("Giao Công an Thành phố Chỉ đạo …").
pub(crate) const VERB: Kind = 128;
/// A head whose complement is a lowercase topic ("Ban chỉ đạo phòng thủ dân sự quốc gia").
pub(crate) const TOPIC: Kind = 256;
/// An office held by a person ("Chủ tịch", "Phó Trưởng ban", "Chuyên viên"): it starts a new
/// name after the fields of "… phụ trách lĩnh vực A, B và C".
pub(crate) const PERSON: Kind = 512;

/// Compiled vocabulary (part of [`crate::lexicon::Lexicon`], so `--lexicon DIR` can replace it).
#[derive(Debug, Clone)]
pub struct Vocab {
    ac: AhoCorasick,
    kinds: Vec<Kind>,
    /// `generic` phrases (lowercase), longest first: a name made only of these is a collective.
    generic: Vec<String>,
    /// `whole` complements (lowercase) that hold a comma and stay one name when a plural head
    /// is shared out ("Các Bộ: Văn hóa, Thể thao và Du lịch, Y tế").
    whole: Vec<String>,
    /// `category` phrases (lowercase), longest first: a collective naming one category of
    /// bodies, so a list holding one names each of its terms ("Các Bộ, cơ quan ngang Bộ").
    category: Vec<String>,
}

impl Vocab {
    /// Compile the TSV source (`phrase<TAB>kind`).
    pub fn parse(src: &str) -> Vocab {
        let mut map: BTreeMap<String, Kind> = BTreeMap::new();
        let mut generic: Vec<String> = Vec::new();
        let mut whole: Vec<String> = Vec::new();
        let mut category: Vec<String> = Vec::new();
        for line in src.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(p), Some(k)) = (cols.next(), cols.next()) else {
                continue;
            };
            let bit = match k.trim() {
                "head" => HEAD,
                "open" => HEAD | OPEN,
                "body" => HEAD | BODY,
                "not" => NOT,
                "word" => WORD,
                "coll" => COLL,
                "product" => PRODUCT,
                "verb" => VERB,
                "topic" => HEAD | TOPIC,
                "person" => HEAD | PERSON,
                "generic" => {
                    generic.push(lower_same_len(&crate::normalize::normalize_chars(p.trim())));
                    continue;
                }
                "whole" => {
                    whole.push(lower_same_len(&crate::normalize::normalize_chars(p.trim())));
                    continue;
                }
                "category" => {
                    category.push(lower_same_len(&crate::normalize::normalize_chars(p.trim())));
                    continue;
                }
                _ => continue,
            };
            let p = lower_same_len(&crate::normalize::normalize_chars(p.trim()));
            *map.entry(p).or_insert(0) |= bit;
        }
        let (pats, kinds): (Vec<String>, Vec<Kind>) = map.into_iter().unzip();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&pats)
            .expect("unit vocabulary compiles");
        generic.sort_by_key(|g| std::cmp::Reverse(g.len()));
        whole.sort_by_key(|g| std::cmp::Reverse(g.len()));
        category.sort_by_key(|g| std::cmp::Reverse(g.len()));
        Vocab { ac, kinds, generic, whole, category }
    }

    /// The longest `whole` complement at `pos` of `lower`: its end.
    pub(crate) fn whole_at(&self, lower: &str, pos: usize) -> Option<usize> {
        let rest = lower.get(pos..)?;
        self.whole
            .iter()
            .find(|w| rest.starts_with(w.as_str()) && !rest[w.len()..].starts_with(char::is_alphanumeric))
            .map(|w| pos + w.len())
    }

    /// Whether a `category` phrase starts at `pos` of `lower` (and ends at a word boundary).
    pub(crate) fn category_at(&self, lower: &str, pos: usize) -> bool {
        let rest = lower.get(pos..).unwrap_or("");
        self.category
            .iter()
            .any(|c| rest.starts_with(c.as_str()) && !rest[c.len()..].starts_with(char::is_alphanumeric))
    }

    /// Whether a name is a generic collective: once its punctuation is dropped, it is
    /// only `generic` phrases ("Các cơ quan, đơn vị liên quan", "các sở, ban, ngành
    /// thuộc tỉnh"), not one body ("Sở Nội vụ", "UBND các xã, phường").
    pub(crate) fn is_generic(&self, name: &str) -> bool {
        let low = lower_same_len(&crate::normalize::normalize_chars(name));
        let words: Vec<&str> = low
            .split(|c: char| c.is_whitespace() || ",;:.-&()/".contains(c))
            .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let text = words.join(" ");
        let mut rest = text.as_str();
        if self.generic.is_empty() || rest.is_empty() {
            return false;
        }
        while !rest.is_empty() {
            let Some(g) = self
                .generic
                .iter()
                .find(|g| rest.starts_with(g.as_str()) && rest[g.len()..].chars().next().is_none_or(|c| c == ' '))
            else {
                return false;
            };
            rest = rest[g.len()..].trim_start();
        }
        true
    }

    /// The longest phrase starting exactly at `pos` of `lower` and ending at a
    /// word boundary: its end and kinds.
    pub(crate) fn at(&self, lower: &str, pos: usize) -> Option<(usize, Kind)> {
        if pos >= lower.len() || !lower.is_char_boundary(pos) {
            return None;
        }
        let m = self.ac.find(Input::new(lower).range(pos..).anchored(Anchored::Yes))?;
        let end = m.end();
        if lower[end..].chars().next().is_some_and(char::is_alphanumeric) {
            // Not a whole word: retry with shorter phrases is not needed in
            // practice (phrases are whole words); treat as no match.
            return None;
        }
        Some((end, self.kinds[m.pattern().as_usize()]))
    }

    /// A head (not blocked) at `pos`: its end and kinds.
    pub(crate) fn head(&self, lower: &str, pos: usize) -> Option<(usize, Kind)> {
        self.at(lower, pos).filter(|(_, k)| k & HEAD != 0 && k & NOT == 0)
    }
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab::parse("")
    }
}
