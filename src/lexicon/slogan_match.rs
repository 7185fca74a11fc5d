//! Slogan-lexicon matching on a punctuation- and diacritic-insensitive key text
//! (compiled with the [`crate::lexicon::Lexicon`], used by the slogan extractor).
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
use std::sync::LazyLock;

/// Characters that end a run of text a slogan may not cross.
fn is_hard_break(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '(' | ')' | '[' | ']' | '\n' | ':')
}

/// `is_alphanumeric` and [`fold_char`] of the code points below U+2000 (Latin with every
/// Vietnamese letter), computed once: for non-ASCII letters both are slow table searches,
/// and the key text asks them for every character of every document.
static BELOW_2000: LazyLock<Vec<(bool, char)>> =
    LazyLock::new(|| (0..0x2000u32).filter_map(char::from_u32).map(|c| (c.is_alphanumeric(), fold_slow(c))).collect());

fn alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    BELOW_2000.get(c as usize).map_or_else(|| c.is_alphanumeric(), |&(a, _)| a)
}

/// Lowercase letter without its diacritics (`ự` → `u`, `đ` → `d`).
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    BELOW_2000.get(c as usize).map_or_else(|| fold_slow(c), |&(_, f)| f)
}

fn fold_slow(c: char) -> char {
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
    /// For each key word: (key offset, source offset) of its first character. Inside a word
    /// each key character comes from one source character, so offsets are rebuilt on demand
    /// (a per-byte table would cost 16 bytes per input byte).
    words: Vec<(usize, usize)>,
}

impl KeyText {
    /// Build the key text of an already lowercased text.
    pub(crate) fn build(lower: &str) -> KeyText {
        // One pass over the bytes, writing the key as it goes: ASCII (most of Vietnamese
        // text) is judged and copied without decoding; other characters are decoded once and
        // folded through the table.
        let bytes = lower.as_bytes();
        let mut key: Vec<u8> = Vec::with_capacity(lower.len());
        let mut words = Vec::new();
        let mut hard = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() && !b.is_ascii_alphanumeric() {
                hard |= is_hard_break(char::from(b));
                i += 1;
                continue;
            }
            if !b.is_ascii() {
                let c = lower[i..].chars().next().expect("i is a char boundary");
                if !alphanumeric(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            // A word starts at `i`.
            let start = i;
            let sep = key.len();
            if !key.is_empty() {
                key.push(if hard { b'|' } else { b' ' });
            }
            let key_start = key.len();
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii() {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    key.push(b);
                    i += 1;
                } else {
                    let c = lower[i..].chars().next().expect("i is a char boundary");
                    if !alphanumeric(c) {
                        break;
                    }
                    let f = fold_char(c);
                    if f.is_ascii() {
                        key.push(f as u8);
                    } else {
                        key.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                    i += c.len_utf8();
                }
            }
            if &lower[start..i] == "và" {
                key.truncate(sep); // "và" is a separator
                continue;
            }
            hard = false;
            words.push((key_start, start));
        }
        let key = String::from_utf8(key).expect("whole characters were copied");
        KeyText { key, words }
    }

    /// Source offset of the character behind key offset `k` (inside a word), and its length.
    fn source_char(&self, lower: &str, k: usize) -> (usize, usize) {
        let w = self.words.partition_point(|&(ks, _)| ks <= k).saturating_sub(1);
        let (mut kp, sp) = self.words[w];
        for (j, d) in lower[sp..].char_indices() {
            let kl = fold_char(d).len_utf8();
            if kp + kl > k {
                return (sp + j, d.len_utf8());
            }
            kp += kl;
        }
        (lower.len(), 0)
    }

    /// Source range of the key range `r` (non-empty, word-aligned, from a match).
    pub(crate) fn source(&self, lower: &str, r: Range<usize>) -> Range<usize> {
        let (s, _) = self.source_char(lower, r.start);
        let (e, l) = self.source_char(lower, r.end - 1);
        s..e + l
    }

    /// Whether `r` starts and ends on word boundaries of the key.
    fn on_words(&self, r: &Range<usize>) -> bool {
        let b = self.key.as_bytes();
        (r.start == 0 || matches!(b[r.start - 1], b' ' | b'|')) && (r.end == b.len() || matches!(b[r.end], b' ' | b'|'))
    }
}

/// The key of a phrase (lexicon variant, quoted text).
pub(crate) fn key_of(s: &str) -> String {
    KeyText::build(&lower_same_len(&normalize_chars(s))).key
}

/// A lexicon hit: which entry, where in the source text.
pub struct Hit {
    /// Index into `lex.slogans`.
    pub entry: usize,
    /// Normalized source range.
    pub span: Range<usize>,
}

/// Aho-Corasick over the keys of every variant of every entry (compiled once, with the lexicon).
#[derive(Debug, Clone, Default)]
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
    pub(crate) fn hits(&self, kt: &KeyText, lower: &str) -> Vec<Hit> {
        let mut out = Vec::new();
        let Some(ac) = &self.ac else { return out };
        let mut pos = 0;
        while pos < kt.key.len() {
            let Some(m) = ac.find(Input::new(&kt.key).span(pos..kt.key.len())) else {
                break;
            };
            let r = m.range();
            if kt.on_words(&r) {
                out.push(Hit { entry: self.entry_of[m.pattern().as_usize()], span: kt.source(lower, r.clone()) });
                pos = r.end;
            } else {
                // Restart at the next word after the bad start.
                pos = kt.key[r.start..].find([' ', '|']).map_or(kt.key.len(), |k| r.start + k + 1);
            }
        }
        out
    }
}
