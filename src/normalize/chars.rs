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
///
/// One pass over the bytes: ASCII and the precomposed Latin/Vietnamese letters (U+00C0..U+023F,
/// U+1EA0..U+1EF9: NFC, combining class 0) are skipped without decoding; a combining mark
/// has its cluster (the character before it and the marks after it) recomposed. Any other
/// character that NFC may change (a singleton such as U+2126, Hangul jamo) sends the whole
/// text to [`nfc_clusters`], the general form.
fn nfc(src: &str) -> Option<(String, OffsetMap)> {
    let b = src.as_bytes();
    let is_mark = |d: char| !d.is_ascii() && unicode_normalization::char::is_combining_mark(d);
    let mut done: Option<(String, OffsetMap)> = None;
    let mut cluster = String::new();
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        let lead = b[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        if (0xC3..=0xC8).contains(&lead) {
            i += 2;
            continue;
        }
        if lead == 0xE1
            && matches!((b.get(i + 1), b.get(i + 2)), (Some(0xBA), Some(0xA0..)) | (Some(0xBB), Some(..=0xB9)))
        {
            i += 3;
            continue;
        }
        let c = src[i..].chars().next().expect("i is a char boundary");
        if !is_mark(c) {
            if is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
                return nfc_clusters(src);
            }
            i += c.len_utf8();
            continue;
        }
        // A mark: its cluster starts at the character before it (never inside an earlier
        // cluster, which would have taken this mark) and takes the marks after it.
        let start = src[..i].char_indices().next_back().map_or(0, |(p, _)| p);
        let mut end = i + c.len_utf8();
        while let Some(d) = src[end..].chars().next().filter(|&d| is_mark(d)) {
            end += d.len_utf8();
        }
        cluster.clear();
        cluster.extend(src[start..end].nfc());
        if cluster != src[start..end] {
            let (out, map) = done.get_or_insert_with(|| (String::with_capacity(src.len()), OffsetMap::default()));
            out.push_str(&src[run..start]);
            map.copy(run, start - run);
            out.push_str(&cluster);
            map.replace(start, end, cluster.len());
            run = end;
        }
        i = end;
    }
    let (mut out, mut map) = done?;
    out.push_str(&src[run..]);
    map.copy(run, src.len() - run);
    map.finish(src.len());
    Some((out, map))
}

/// NFC per cluster (the general form of [`nfc`]): a character with the marks after it, and
/// with any character that may compose with what precedes it (NFC quick check not `Yes`:
/// Hangul vowel and final jamo); a single character is recomposed only when its quick check
/// is not `Yes` (singletons such as U+2126 OHM SIGN).
fn nfc_clusters(src: &str) -> Option<(String, OffsetMap)> {
    // ASCII is NFC and has combining class 0: leaving it out can only make the quick
    // check stricter (a `Maybe` where the whole text says `Yes`), never laxer.
    if src.is_ascii() || is_nfc_quick(src.chars().filter(|c| !c.is_ascii())) == IsNormalized::Yes {
        return None;
    }
    let mut out = String::with_capacity(src.len());
    let mut map = OffsetMap::default();
    let mut it = src.char_indices().peekable();
    // Single-character clusters accumulate in a run copied in one piece (the map merges
    // adjacent copies anyway); ASCII is never a combining mark.
    let mut run = 0;
    let not_yes = |d: char| !d.is_ascii() && is_nfc_quick(std::iter::once(d)) != IsNormalized::Yes;
    let joins = |d: char| !d.is_ascii() && (unicode_normalization::char::is_combining_mark(d) || not_yes(d));
    while let Some((i, c)) = it.next() {
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            if joins(d) {
                end = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        let cluster = &src[i..end];
        if end == i + c.len_utf8() && !not_yes(c) {
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

/// Does `text` hold a syllable in the other tone style (`hoà`, `uỷ`)? Line cleaning can
/// expose one that markup or a control character hid from [`normalize_chars`] (`U*ỷ` →
/// `Uỷ`), so [`super::normalize`] asks again after it.
pub(crate) fn needs_tone_style(text: &str) -> bool {
    (0..text.len()).any(|i| tone_fix_at(text, i).is_some())
}

/// The tone fix of the syllable end at byte `i` of `text`, if there is one: `(new first, new
/// second, end)`. Judged from bytes first: the vowel is an ASCII `o`/`u` and the toned vowel
/// after it is never ASCII.
fn tone_fix_at(text: &str, i: usize) -> Option<(char, char, usize)> {
    let b = text.as_bytes();
    if !matches!(b[i], b'o' | b'O' | b'u' | b'U') || b.get(i + 1).is_none_or(|&n| n < 0x80) {
        return None;
    }
    let mut rest = text[i + 1..].char_indices().map(|(k, d)| (i + 1 + k, d));
    let (next, next2) = (rest.next(), rest.next());
    // Only `q`/`Q` before the vowel matters, and a multi-byte character never ends in it.
    let prev = i.checked_sub(1).map(|p| char::from(b[p]));
    tone_at(prev, char::from(b[i]), next, next2)
}

/// Character-level pass. Returns the new text and its map to `src`.
pub(crate) fn normalize_chars(src: &str) -> (String, OffsetMap) {
    let nfc_stage = nfc(src);
    let text = nfc_stage.as_ref().map_or(src, |(t, _)| t.as_str());
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMap::default();
    // One pass over the bytes. Printable ASCII is kept without decoding (an `o`/`u` is only
    // looked at when a non-ASCII character follows it, as a toned vowel must); Vietnamese
    // letters (U+00C0..U+024F and U+1EA0..U+1EF9, bar the look-alikes of Đ) are kept after
    // a range test; everything else goes through `map_char`. Kept characters accumulate
    // in a run copied in one piece.
    let bytes = text.as_bytes();
    let mut run: Option<usize> = None;
    let mut dropped = false;
    let flush = |run: &mut Option<usize>, upto: usize, out: &mut String, map: &mut OffsetMap| {
        if let Some(r) = run.take() {
            out.push_str(&text[r..upto]);
            map.copy(r, upto - r);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7f).contains(&b) {
            if let Some((a, c2, end)) = tone_fix_at(text, i) {
                flush(&mut run, i, &mut out, &mut map);
                let before = out.len();
                out.push(a);
                out.push(c2);
                map.replace(i, end, out.len() - before);
                i = end;
                continue;
            }
            run.get_or_insert(i);
            i += 1;
            continue;
        }
        if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            flush(&mut run, i, &mut out, &mut map);
            // CRLF → one LF.
            out.push('\n');
            map.replace(i, i + 2, 1);
            i += 2;
            continue;
        }
        let c = text[i..].chars().next().expect("i is a char boundary");
        let letter = matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1EA0}'..='\u{1EF9}')
            && !matches!(c, '\u{00D0}' | '\u{00F0}' | '\u{0189}' | '\u{00D7}' | '\u{00F7}');
        if letter {
            run.get_or_insert(i);
        } else {
            match map_char(c) {
                Out::Keep => {
                    run.get_or_insert(i);
                }
                Out::Drop => {
                    flush(&mut run, i, &mut out, &mut map);
                    dropped = true;
                }
                Out::Char(r) => {
                    flush(&mut run, i, &mut out, &mut map);
                    out.push(r);
                    map.replace(i, i + c.len_utf8(), r.len_utf8());
                }
            }
        }
        i += c.len_utf8();
    }
    flush(&mut run, text.len(), &mut out, &mut map);
    map.finish(text.len());
    let map = match nfc_stage {
        Some((_, first)) => first.compose(&map),
        None => map,
    };
    // A dropped invisible character may have stood between a letter and its combining mark
    // ("a\u{0}\u{302}"), which NFC left apart and which now meet: once more over the result
    // (it drops nothing then), or a second pass would compose them.
    if dropped && is_nfc_quick(out.chars()) != IsNormalized::Yes {
        let (again, m2) = normalize_chars(&out);
        return (again, map.compose(&m2));
    }
    (out, map)
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
    fn nfc_fast_path_equals_full_nfc() {
        for s in [
            "",
            "Kế hoạch số 12",
            "\u{301}a\u{301}",
            "Ke\u{0302}\u{0301} hoa\u{0323}ch",
            "x\u{0301}\u{0323}y",
            "x\u{0323}\u{0301}",
            "Ω Å \u{1100}\u{1161} ;",
            "ả\u{0301} ơ\u{0300}\u{0300}",
            "日本\u{3099}か\u{3099}",
        ] {
            let got = nfc(s).map_or_else(|| s.to_string(), |(t, _)| t);
            assert_eq!(got, s.nfc().collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn nfc_equals_full_nfc_on_random_mixes() {
        let alphabet: Vec<String> = "aoeuyAĐđ ơưăâêôạảãáàố\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31b}\u{2126}\u{212b}\u{1100}\u{1161}\u{11a8}가\u{37e}\n"
            .chars()
            .map(String::from)
            .collect();
        let alphabet: Vec<&str> = alphabet.iter().map(String::as_str).collect();
        for s in crate::normalize::random_mixes(&alphabet, 42, 3000, 12) {
            let got = nfc(&s).map_or_else(
                || s.clone(),
                |(t, m)| {
                    assert_eq!(m.start(t.len()), s.len(), "{s:?}");
                    t
                },
            );
            assert_eq!(got, s.nfc().collect::<String>(), "{s:?}");
        }
    }

    #[test]
    fn a_mark_that_meets_its_letter_once_a_control_is_dropped_is_composed() {
        // Fuzz finding: "nah\x01\u{302}n" kept "h\u{302}" in the first pass, "ĥ" in the second.
        let raw = "nah\u{1}\u{0}\u{302}n";
        let (t, m) = normalize_chars(raw);
        assert_eq!(t, "naĥn");
        assert_eq!(normalize_chars(&t).0, t);
        let s = t.find('ĥ').unwrap();
        let piece = &raw[m.start(s)..m.end(s + 'ĥ'.len_utf8())];
        assert!(piece.starts_with('h') && piece.ends_with('\u{302}'), "{piece:?}");
        // Nothing dropped or nothing to compose: the result is left as the single pass made it.
        assert_eq!(n("nah\u{1}n"), "nahn");
        assert_eq!(n("x\u{1}\u{302}"), "x\u{302}");
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
