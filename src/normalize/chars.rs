//! Character-level normalization: NFC, look-alikes, quotes, dashes, spaces,
//! invisible characters and one tone-placement style.
//!
//! Never changes words, only their encoding: "hoà" and "hòa" become the same
//! code points ("hòa", tone on the first vowel of the open rhymes oa/oe/uy, the
//! style of official names such as "Ủy ban", "Thanh Hóa"), U+00D0 "Ð" becomes
//! "Đ", every dash variant becomes "-", NBSP becomes a space, zero-width
//! characters and soft hyphens disappear, and CR/CRLF become LF.

use super::offsets::OffsetMap;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What one source character becomes.
enum Out {
    Keep,
    Drop,
    Char(char),
}

fn map_char(c: char) -> Out {
    match c {
        '\r' | '\u{000C}' | '\u{000B}' | '\u{2028}' | '\u{2029}' | '\u{0085}' => Out::Char('\n'),
        '\t' => Out::Char(' '),
        '\u{00D0}' | '\u{0189}' => Out::Char('Đ'),
        '\u{00F0}' | '\u{0256}' => Out::Char('đ'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' | '\u{FE58}' => Out::Char('-'),
        '\u{2044}' | '\u{2215}' | '\u{FF0F}' => Out::Char('/'),
        '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{2E42}' | '\u{301D}' => Out::Char('“'),
        '\u{00BB}' | '\u{301E}' | '\u{FF02}' => Out::Char('”'),
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' | '\u{00B4}' | '\u{2032}' => {
            Out::Char('\'')
        }
        '\u{2033}' => Out::Char('"'),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => Out::Char(' '),
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{0000}' => Out::Drop,
        '\u{2022}' | '\u{25AA}' | '\u{25CF}' | '\u{25E6}' | '\u{2023}' | '\u{F0B7}' | '\u{F0A7}' | '\u{F0D8}'
        | '\u{F0FC}' | '\u{F076}' | '\u{F0A8}' => Out::Char('-'),
        c if c.is_control() && c != '\n' => Out::Drop,
        _ => Out::Keep,
    }
}

/// NFC per combining cluster, keeping offsets. Returns None when already NFC.
fn nfc(src: &str) -> Option<(String, OffsetMap)> {
    if is_nfc_quick(src.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut out = String::with_capacity(src.len());
    let mut map = OffsetMap::default();
    let mut it = src.char_indices().peekable();
    // Single-character clusters accumulate in a run copied in one piece (the map merges
    // adjacent copies anyway); ASCII is never a combining mark.
    let mut run = 0;
    let is_mark = |d: char| !d.is_ascii() && unicode_normalization::char::is_combining_mark(d);
    while let Some((i, c)) = it.next() {
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if is_mark(d) {
                end = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        let cluster = &src[i..end];
        if end == i + c.len_utf8() {
            continue;
        }
        out.push_str(&src[run..i]);
        map.copy(run, i - run);
        run = end;
        let before = out.len();
        out.extend(cluster.nfc());
        map.replace(i, end, out.len() - before);
    }
    out.push_str(&src[run..]);
    map.copy(run, src.len() - run);
    map.finish(src.len());
    Some((out, map))
}

const TONED_A: [&str; 3] = ["àáảãạ", "èéẻẽẹ", "ỳýỷỹỵ"];
const FIRST_LO: [&str; 2] = ["òóỏõọ", "ùúủũụ"];
const FIRST_UP: [&str; 2] = ["ÒÓỎÕỌ", "ÙÚỦŨỤ"];

/// `hoà` → `hòa`: if `first` (o/u) + `second` (toned a/e/y) end a syllable, give the
/// pair with the tone moved to the first letter.
fn tone_pair(prev: Option<char>, first: char, second: char) -> Option<(char, char)> {
    let lower2 = second.to_lowercase().next()?;
    let upper2 = second.is_uppercase();
    let (fi, base) = match first {
        'o' | 'O' => (0, ['a', 'e']),
        'u' | 'U' => (1, ['y', 'y']),
        _ => return None,
    };
    if fi == 1 && matches!(prev, Some('q' | 'Q')) {
        return None;
    }
    for (k, set) in TONED_A.iter().enumerate() {
        if (fi == 0 && k == 2) || (fi == 1 && k != 2) {
            continue;
        }
        if let Some(t) = set.chars().position(|x| x == lower2) {
            let table = if first.is_uppercase() { FIRST_UP[fi] } else { FIRST_LO[fi] };
            let new_first = table.chars().nth(t)?;
            let b = if fi == 0 { base[k] } else { 'y' };
            let new_second = if upper2 { b.to_ascii_uppercase() } else { b };
            return Some((new_first, new_second));
        }
    }
    None
}

/// The tone fix at a syllable end: `(new first, new second, source end)`.
fn tone_at(
    prev: Option<char>,
    c: char,
    next: Option<(usize, char)>,
    next2: Option<(usize, char)>,
) -> Option<(char, char, usize)> {
    if !matches!(c, 'o' | 'O' | 'u' | 'U') {
        return None;
    }
    let (j, d) = next?;
    if next2.is_some_and(|(_, e)| e.is_alphabetic()) {
        return None;
    }
    let (a, b) = tone_pair(prev, c, d)?;
    Some((a, b, j + d.len_utf8()))
}

/// Character-level pass. Returns the new text and its map to `src`.
pub fn normalize_chars(src: &str) -> (String, OffsetMap) {
    let nfc_stage = nfc(src);
    let text = nfc_stage.as_ref().map_or(src, |(t, _)| t.as_str());
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    // A window of three characters (previous, current, next two) instead of a
    // Vec of all characters: memory stays proportional to the text, not 16× it.
    let mut it = text.char_indices();
    let mut prev: Option<char> = None;
    let mut cur = it.next();
    let mut next = it.next();
    let mut next2 = it.next();
    // Characters kept as they are accumulate in a run copied in one piece.
    let mut run: Option<usize> = None;
    let flush = |run: &mut Option<usize>, upto: usize, out: &mut String, map: &mut OffsetMap| {
        if let Some(r) = run.take() {
            out.push_str(&text[r..upto]);
            map.copy(r, upto - r);
        }
    };
    while let Some((i, c)) = cur {
        let mut advance = 1;
        let keep = c.is_ascii() && c >= ' ' && c != '\x7f' && !matches!(c, 'o' | 'O' | 'u' | 'U');
        if keep {
            run.get_or_insert(i);
        } else if c == '\r' && next.is_some_and(|(_, d)| d == '\n') {
            flush(&mut run, i, &mut out, &mut map);
            // CRLF → one LF.
            out.push('\n');
            map.replace(i, i + 2, 1);
            advance = 2;
        } else if let Some((a, b, end)) = tone_at(prev, c, next, next2) {
            flush(&mut run, i, &mut out, &mut map);
            let before = out.len();
            out.push(a);
            out.push(b);
            map.replace(i, end, out.len() - before);
            advance = 2;
        } else {
            match map_char(c) {
                Out::Keep => {
                    run.get_or_insert(i);
                }
                Out::Drop => flush(&mut run, i, &mut out, &mut map),
                Out::Char(r) => {
                    flush(&mut run, i, &mut out, &mut map);
                    out.push(r);
                    map.replace(i, i + c.len_utf8(), r.len_utf8());
                }
            }
        }
        for _ in 0..advance {
            prev = cur.map(|(_, c)| c);
            cur = next;
            next = next2;
            next2 = it.next();
        }
    }
    flush(&mut run, text.len(), &mut out, &mut map);
    map.finish(text.len());
    match nfc_stage {
        Some((_, first)) => {
            let composed = first.compose(&map);
            (out, composed)
        }
        None => (out, map),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize_chars(s).0
    }

    #[test]
    fn tone_placement_is_unified() {
        assert_eq!(n("hoà bình"), "hòa bình");
        assert_eq!(n("Đảng uỷ xã"), "Đảng ủy xã");
        assert_eq!(n("UỶ BAN"), "ỦY BAN");
        assert_eq!(n("khoẻ"), "khỏe");
        // with a final consonant both styles agree: untouched
        assert_eq!(n("hoàn thành"), "hoàn thành");
        // qu + y: the u belongs to the consonant
        assert_eq!(n("quý"), "quý");
        assert_eq!(n("Thanh Hoá"), "Thanh Hóa");
    }

    #[test]
    fn lookalikes_dashes_spaces() {
        assert_eq!(n("\u{00D0}ảng"), "Đảng");
        assert_eq!(n("Tài chính – Kế toán"), "Tài chính - Kế toán");
        assert_eq!(n("a\u{00A0}b\u{200B}c\u{00AD}"), "a bc");
        assert_eq!(n("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(n("„x“ «y»"), "“x“ “y”");
    }

    #[test]
    fn nfd_becomes_nfc_and_offsets_map_back() {
        let raw = "Ke\u{0302}\u{0301} hoa\u{0323}ch";
        let (t, m) = normalize_chars(raw);
        assert_eq!(t, "Kế hoạch");
        let s = t.find("hoạch").unwrap();
        assert_eq!(&raw[m.start(s)..m.end(t.len())], "hoa\u{0323}ch");
    }
}
