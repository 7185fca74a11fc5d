//! Lexicon matching on a punctuation- and diacritic-insensitive key text.
//!
//! The key text keeps only words (letters and digits, diacritics stripped, đ → d),
//! one space between words, `|` where a sentence or a parenthesis breaks the text,
//! and drops the word "và". So “Nghe dân nói”, “nói dân hiểu” and
//! `nghe dân nói, nói dân hiểu` share the key `nghe dan noi noi dan hieu`, the
//! typo "xây dụng" matches "xây dựng", and a match can span several quoted parts.
//! Every key byte remembers the normalized range of the character it came from,
//! so a match maps back to exact offsets.

use crate::lexicon::SloganEntry;
use crate::normalize::{lower_same_len, normalize_chars};
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::ops::Range;

/// Characters that end a run of text a slogan may not cross.
fn is_hard_break(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '(' | ')' | '[' | ']' | '\n' | ':')
}

/// Lowercase letter without its diacritics (`ự` → `u`, `đ` → `d`).
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    if c == 'đ' || c == 'Đ' {
        return 'd';
    }
    let mut base = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        base.get_or_insert(d);
    });
    base.unwrap_or(c)
}

/// A key text with its map back to the source text.
pub struct KeyText {
    /// The key (ASCII letters/digits for Vietnamese text, ` ` and `|`).
    pub key: String,
    /// For each key byte, the source range of the character it came from.
    src: Vec<Range<usize>>,
}

impl KeyText {
    /// Build the key text of an already lowercased text.
    pub fn build(lower: &str) -> KeyText {
        let mut kt = KeyText { key: String::with_capacity(lower.len()), src: Vec::with_capacity(lower.len()) };
        let mut hard = false;
        let mut chars = lower.char_indices().peekable();
        while let Some(&(i, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                hard |= is_hard_break(c);
                chars.next();
                continue;
            }
            let mut word: Vec<(usize, char)> = Vec::new();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_alphanumeric() {
                    break;
                }
                word.push((j, d));
                chars.next();
            }
            if word.len() == 2 && word[0].1 == 'v' && word[1].1 == 'à' {
                continue; // "và" is a separator
            }
            if !kt.key.is_empty() {
                let sep = if hard { '|' } else { ' ' };
                kt.key.push(sep);
                kt.src.push(i..i);
            }
            hard = false;
            for (j, d) in word {
                let f = fold_char(d);
                for _ in 0..f.len_utf8() {
                    kt.src.push(j..j + d.len_utf8());
                }
                kt.key.push(f);
            }
        }
        kt
    }

    /// Source range of the key range `r` (non-empty, from a match).
    pub fn source(&self, r: Range<usize>) -> Range<usize> {
        self.src[r.start].start..self.src[r.end - 1].end
    }

    /// Whether `r` starts and ends on word boundaries of the key.
    fn on_words(&self, r: &Range<usize>) -> bool {
        let b = self.key.as_bytes();
        (r.start == 0 || matches!(b[r.start - 1], b' ' | b'|')) && (r.end == b.len() || matches!(b[r.end], b' ' | b'|'))
    }
}

/// The key of a phrase (lexicon variant, quoted text).
pub fn key_of(s: &str) -> String {
    KeyText::build(&lower_same_len(&normalize_chars(s))).key
}

/// A lexicon hit: which entry, where in the source text.
pub struct Hit {
    /// Index into `lex.slogans`.
    pub entry: usize,
    /// Normalized source range.
    pub span: Range<usize>,
}

/// Aho-Corasick over the keys of every variant of every entry.
pub struct Matcher {
    ac: Option<AhoCorasick>,
    entry_of: Vec<usize>,
}

impl Matcher {
    /// Compile the slogan lexicon.
    pub fn new(entries: &[SloganEntry]) -> Matcher {
        let mut keys: Vec<String> = Vec::new();
        let mut entry_of = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for v in &e.variants {
                let k = key_of(v);
                if !k.is_empty() && !k.contains('|') && !keys.contains(&k) {
                    keys.push(k);
                    entry_of.push(i);
                }
            }
        }
        let ac = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&keys).ok();
        Matcher { ac, entry_of }
    }

    /// Every word-aligned hit in the key text, in order, non-overlapping.
    pub fn hits(&self, kt: &KeyText) -> Vec<Hit> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        let mut pos = 0;
        while pos < kt.key.len() {
            let Some(m) = ac.find(Input::new(&kt.key).span(pos..kt.key.len())) else {
                break;
            };
            let r = m.range();
            if kt.on_words(&r) {
                out.push(Hit { entry: self.entry_of[m.pattern().as_usize()], span: kt.source(r.clone()) });
                pos = r.end;
            } else {
                // Restart at the next word after the bad start.
                pos = kt.key[r.start..].find([' ', '|']).map_or(kt.key.len(), |k| r.start + k + 1);
            }
        }
        out
    }
}
