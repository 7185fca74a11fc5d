//! Normalization: raw decoded text → the text every extractor reads.
//!
//! Pure functions, no I/O. Fixed step order:
//! 1. `chars`: NFC, look-alikes (Ð→Đ), quotes, dashes, spaces, invisible
//!    characters, CR/CRLF, one tone-placement style (hoà → hòa, uỷ → ủy);
//! 2. `lines`: Markdown residue, letter-spaced words, page numbers, OCR
//!    line-break repair (see `clean` and `lines`).
//! 3. `chars` again, only when step 2 exposed a syllable in the other tone style
//!    (markup or a control character inside it: `U*ỷ ban` → `Uỷ ban` → `Ủy ban`).
//!
//! Normalization never changes the words, only their encoding and layout; the
//! raw text stays the display text, and [`OffsetMap`] maps every normalized
//! offset back to a raw byte offset on a character boundary.

mod chars;
mod clean;
mod lines;
mod offsets;
mod paragraphs;

pub use offsets::OffsetMap;
/// Two lines a second normalization would join are printed this far apart (see `paragraphs`).
pub use paragraphs::MARKER as PARAGRAPH_MARKER;

/// Normalized text with its offset map and a lowercase twin.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The repaired text: one logical line per `\n`.
    pub text: String,
    /// `text` lowercased, byte for byte the same length (for case-insensitive matching).
    pub lower: String,
    /// Normalized → raw offsets.
    pub map: OffsetMap,
}

impl Normalized {
    /// Raw byte range of a normalized range.
    pub fn raw_span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.map.start(start), self.map.end(end).max(self.map.start(start)))
    }
}

/// Normalize a raw text.
pub fn normalize(raw: &str) -> Normalized {
    let (t1, m1) = chars::normalize_chars(raw);
    let (text, m2) = lines::repair_lines(&t1);
    let mut map = m1.compose(&m2);
    // 3. The tone style once more, for syllables that cleaning has just made whole.
    let text = if chars::needs_tone_style(&text) {
        let (t3, m3) = chars::normalize_chars(&text);
        map = map.compose(&m3);
        t3
    } else {
        text
    };
    let lower = lower_same_len(&text);
    Normalized { text, lower, map }
}

/// The normalized text as `kehoach normalize` prints it: [`Normalized::text`]
/// with a paragraph marker (two blank lines) wherever a second pass would
/// otherwise join two lines. This rendering is a fixed point:
/// `normalize_text(&normalize_text(x)) == normalize_text(x)`. The extractors
/// read [`Normalized::text`], the same text without the markers.
pub fn normalize_text(raw: &str) -> String {
    let n = normalize(raw);
    paragraphs::mark(&n.text).unwrap_or(n.text)
}

/// The largest character boundary of `s` at or before `i`.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `s` at or after `i`.
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Start of the line holding `pos`, looking back at most 300 bytes: extractors only need
/// the words just before a match, and an unbounded look-back is quadratic on one-line files.
pub(crate) fn line_start_near(s: &str, pos: usize) -> usize {
    let floor = ceil_boundary(s, pos.saturating_sub(300));
    s[floor..pos].rfind('\n').map_or(floor, |k| floor + k + 1)
}

/// Seeded strings of up to `max_len` pieces drawn from `alphabet` (tests of a fast path
/// against its reference form).
#[cfg(test)]
pub(crate) fn random_mixes<'a>(
    alphabet: &'a [&'a str],
    seed: u64,
    count: usize,
    max_len: u64,
) -> impl Iterator<Item = String> + 'a {
    let mut x = seed;
    let mut step = move || {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        x
    };
    (0..count).map(move |_| {
        let n = step() % (max_len + 1);
        (0..n).map(|_| alphabet[(step() >> 33) as usize % alphabet.len()]).collect()
    })
}

/// Only the character-level step (for keys of lexicon entries).
pub(crate) fn normalize_chars(s: &str) -> String {
    chars::normalize_chars(s).0
}

/// Lowercase without changing any character's UTF-8 length (so offsets stay valid).
pub(crate) fn lower_same_len(s: &str) -> String {
    // ASCII is lowercased in bulk; then each non-ASCII character is replaced in place by its
    // lowercase (a table for the Latin and Vietnamese range), which has the same length.
    let mut out = s.as_bytes().to_ascii_lowercase();
    let mut i = s.bytes().position(|b| !b.is_ascii()).unwrap_or(s.len());
    while i < s.len() {
        if s.as_bytes()[i].is_ascii() {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().expect("i is a char boundary");
        let l = LOWER_BELOW_2000.get(c as usize).copied().unwrap_or_else(|| lower_one(c));
        if l != c {
            l.encode_utf8(&mut out[i..i + c.len_utf8()]);
        }
        i += c.len_utf8();
    }
    // SAFETY: `out` started as the bytes of a `str`; ASCII bytes were lowercased to ASCII
    // and each other character was overwritten, in place, by the UTF-8 encoding of one
    // character of the same length (checked by `lower_one`), so `out` is valid UTF-8.
    // (Validating it again cost more than the lowercasing itself.)
    unsafe { String::from_utf8_unchecked(out) }
}

/// [`lower_one`] of every code point below U+2000 (all scalar values).
static LOWER_BELOW_2000: std::sync::LazyLock<Vec<char>> =
    std::sync::LazyLock::new(|| (0..0x2000u32).filter_map(char::from_u32).map(lower_one).collect());

/// The lowercase of `c` when it is one character of the same UTF-8 length, else `c`.
fn lower_one(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) if x.len_utf8() == c.len_utf8() => x,
        _ => c,
    }
}

/// A matching key: normalized chars, lowercase, single spaces, no quotes or
/// Markdown emphasis, trimmed of punctuation at both ends.
pub fn key(s: &str) -> String {
    let t = normalize_chars(s);
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if matches!(c, '“' | '”' | '"' | '\'' | '*' | '_') {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out.trim_matches(|c: char| c.is_ascii_punctuation() || c == ' ').to_string()
}

/// Fold a key further: strip diacritics, đ → d (for diacritic-insensitive lookups).
pub fn fold(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_to_end_offsets() {
        let raw = "Chỉ thị số 33/CT- \n\nTTg của Đảng uỷ \n\nxã";
        let n = normalize(raw);
        assert_eq!(n.text, "Chỉ thị số 33/CT-TTg của Đảng ủy xã");
        let s = n.text.find("ủy").unwrap();
        let (a, b) = n.raw_span(s, s + "ủy".len());
        assert_eq!(&raw[a..b], "uỷ");
        assert_eq!(n.lower.len(), n.text.len());
    }

    #[test]
    fn lower_same_len_matches_per_char_lowercase() {
        let s: String = (0..0x3000u32).filter_map(char::from_u32).chain("ĐẢNG ỦY Xã İ ẞ AbC".chars()).collect();
        let expected: String = s.chars().map(lower_one).collect();
        assert_eq!(lower_same_len(&s), expected);
        assert_eq!(lower_same_len("KẾ HOẠCH Số 12/KH-UBND"), "kế hoạch số 12/kh-ubnd");
        assert_eq!(lower_same_len(&s).len(), s.len());
    }

    #[test]
    fn keys_and_folds() {
        assert_eq!(key("“Dân vận khéo’”"), "dân vận khéo");
        assert_eq!(fold("Đảng ủy"), "Dang uy");
    }

    #[test]
    fn idempotent_on_seed_like_text() {
        let raw = "KẾ HOẠCH \n\nTriển khai công tác \n\ndân vận năm 2024 \n\nI. MỤC ĐÍCH \n\n";
        let once = normalize(raw).text;
        assert_eq!(normalize(&once).text, once);
    }
}
