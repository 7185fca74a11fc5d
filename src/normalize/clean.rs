//! Line-local cleaning: trims, collapses spaces, strips Markdown residue and
//! joins letter-spaced words ("t h ố n g  k ê" → "thống kê").
//!
//! A cleaned line is a list of byte ranges of its source, so that the caller can
//! keep offsets exact: every change made here is a deletion.

use std::ops::Range;
use unicode_normalization::char::is_combining_mark;

/// A cleaned line: ranges into the source text, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cleaned {
    /// Kept source ranges.
    pub parts: Vec<Range<usize>>,
    /// The cleaned text (concatenation of `parts`).
    pub text: String,
}

impl Cleaned {
    fn push(&mut self, src: &str, r: Range<usize>) {
        if r.is_empty() {
            return;
        }
        self.text.push_str(&src[r.clone()]);
        match self.parts.last_mut() {
            Some(last) if last.end == r.start => last.end = r.end,
            _ => self.parts.push(r),
        }
    }
}

/// A run of this many spaces or more between two words is a column gap, kept whole.
pub(crate) const COLUMN_GAP: usize = 4;

/// Source range of one token and the width of the space gap before it.
struct Tok {
    r: Range<usize>,
    gap: usize,
}

fn is_md_table_rule(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.len() > 2 && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Characters of a token that are Markdown markup, to be dropped.
fn markup_char(tok: &str, idx: usize, c: char) -> bool {
    match c {
        // `**bold**`, `*italic*`, `“*…*”`; keep "(*)" footnote marks, and stars before a
        // combining mark (dropping them would attach the mark to another letter and the
        // text would no longer be NFC).
        '*' => {
            let footnote = idx > 0 && tok[..idx].ends_with('(');
            let before_mark = tok[idx..].trim_start_matches('*').chars().next().is_some_and(is_combining_mark);
            !(footnote || before_mark)
        }
        // escaped punctuation from DOCX→MD converters: `\-`, `\.`
        '\\' => tok[idx + 1..].chars().next().is_some_and(|n| n.is_ascii_punctuation()),
        _ => false,
    }
}

/// A line the cleaning below would return unchanged (most lines): no space at either end,
/// no double space, no `*` or `\`, no leading `#` or `|`, no run of three single letters.
fn already_clean(line: &str) -> bool {
    let b = line.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    if matches!(first, b' ' | b'#' | b'|') || last == b' ' {
        return false;
    }
    // One pass over the bytes: markup, double spaces, and the run of single letters
    // (a token of one alphabetic character, counted at each space and at the end).
    // Tokens end at ASCII spaces, so they are whole characters of `line`.
    let single = |t: &str| match t.len() {
        1 => t.as_bytes()[0].is_ascii_alphabetic(),
        2..=4 => {
            let mut cs = t.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
        }
        _ => false,
    };
    let (mut singles, mut tok) = (0, 0);
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'*' | b'\\' => return false,
            b' ' => {
                if i == tok {
                    return false; // a double space
                }
                if single(&line[tok..i]) {
                    singles += 1;
                    if singles >= 3 {
                        return false;
                    }
                } else {
                    singles = 0;
                }
                tok = i + 1;
            }
            _ => {}
        }
    }
    !(single(&line[tok..]) && singles >= 2)
}

/// Clean one line (`line` = `src[base..base+line.len()]`).
pub(crate) fn clean_line(src: &str, base: usize, line: &str) -> Cleaned {
    if already_clean(line) {
        return Cleaned { parts: std::iter::once(base..base + line.len()).collect(), text: line.to_string() };
    }
    clean_slow(src, base, line)
}

/// The general case of [`clean_line`].
fn clean_slow(src: &str, base: usize, line: &str) -> Cleaned {
    let mut out = Cleaned::default();
    if is_md_table_rule(line) {
        return out;
    }
    // Tokenize on spaces, remembering gap widths.
    let mut toks: Vec<Tok> = Vec::new();
    let mut gap = 0;
    let mut start: Option<usize> = None;
    for (i, c) in line.char_indices() {
        if c == ' ' {
            if let Some(s) = start.take() {
                toks.push(Tok { r: base + s..base + i, gap });
                gap = 0;
            }
            gap += 1;
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        toks.push(Tok { r: base + s..base + line.len(), gap });
    }
    // Leading Markdown heading hashes (and stars around them, which go anyway): all of
    // them, so that what is left does not start with a hash token again.
    // Judged on the token as it will read once its markup is gone ("\\#", "*#*"): what a
    // second pass sees.
    let heading = |s: &str| {
        let bare = s.char_indices().filter(|&(i, c)| !markup_char(s, i, c)).map(|(_, c)| c);
        let mut hashes = 0;
        for c in bare {
            if c != '#' {
                return false;
            }
            hashes += 1;
        }
        hashes <= 6
    };
    let first = toks.iter().take_while(|t| heading(&src[t.r.clone()])).count();
    let toks = &toks[first..];
    let joined = letter_spaced_runs(src, toks);
    // Single letters left standing (not glued into a word) keep their exact gap to a
    // neighbouring one: "a  b  c" stays apart, where collapsed to "a b c" a second
    // pass would take it for a letter-spaced word (idempotence).
    let alone: Vec<bool> = (0..toks.len())
        .map(|k| is_single(&src[toks[k].r.clone()]) && !joined[k] && !joined.get(k + 1).copied().unwrap_or(false))
        .collect();
    let space = |k: usize| {
        // A gap of four spaces or more parts two columns (`pdftotext -layout`: the header's
        // issuer and motto share a line); it is kept as it is, so that the structure can
        // read the columns apart (structure::columns).
        if k > 0 && toks[k].gap >= COLUMN_GAP && toks[k].r.start >= toks[k].gap {
            return toks[k].r.start - toks[k].gap..toks[k].r.start;
        }
        if k > 0 && alone[k] && alone[k - 1] && toks[k].gap >= 2 {
            toks[k].r.start - toks[k].gap..toks[k].r.start
        } else {
            space_before(src, toks[k].r.start, toks, k)
        }
    };
    let mut pending_space = false;
    for (k, t) in toks.iter().enumerate() {
        let tok = &src[t.r.clone()];
        let glue = k > 0 && joined[k];
        if k > 0 && !glue {
            pending_space = true;
        }
        // Drop markup characters inside the token.
        let mut seg = t.r.start;
        for (i, c) in tok.char_indices() {
            if markup_char(tok, i, c) {
                if seg < t.r.start + i {
                    if pending_space && !out.text.is_empty() {
                        out.push(src, space(k));
                    }
                    pending_space = false;
                    out.push(src, seg..t.r.start + i);
                }
                seg = t.r.start + i + c.len_utf8();
            }
        }
        if seg < t.r.end {
            if pending_space && !out.text.is_empty() {
                out.push(src, space(k));
            }
            pending_space = false;
            out.push(src, seg..t.r.end);
        }
    }
    // A rule that only shows once its markup is gone ("**|---|**") is a rule too.
    if is_md_table_rule(&out.text) {
        return Cleaned::default();
    }
    out
}

/// Range of one space character just before token `k` (there is one: gap ≥ 1).
fn space_before(src: &str, tok_start: usize, toks: &[Tok], k: usize) -> Range<usize> {
    if k > 0 && toks[k].gap > 0 && src.as_bytes()[tok_start - 1] == b' ' {
        tok_start - 1..tok_start
    } else {
        // The previous token was markup-only; use the nearest space before.
        let prev_space = src[..tok_start].rfind(' ').unwrap_or(tok_start);
        prev_space..(prev_space + 1).min(tok_start).max(prev_space)
    }
}

/// For each token, whether it glues to the previous one without a space
/// (inside a letter-spaced run).
/// One alphabetic character.
/// The token is judged as it reads once its markup is gone: "*m" is the letter "m", or a
/// second pass would see a letter-spaced word the first did not ("w *m p" → "w m p" → "wmp").
fn is_single(s: &str) -> bool {
    let mut cs = s.char_indices().filter(|&(i, c)| !markup_char(s, i, c)).map(|(_, c)| c);
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
}

fn letter_spaced_runs(src: &str, toks: &[Tok]) -> Vec<bool> {
    let single = |t: &Tok| is_single(&src[t.r.clone()]);
    let mut glue = vec![false; toks.len()];
    let mut k = 0;
    while k < toks.len() {
        if !single(&toks[k]) {
            k += 1;
            continue;
        }
        // Maximal run of single letters separated by gaps of 1 or 2.
        let mut e = k + 1;
        while e < toks.len() && single(&toks[e]) && toks[e].gap <= 2 {
            e += 1;
        }
        let tight = (k + 1..e).filter(|&j| toks[j].gap == 1).count();
        // At least three letters spelled out with single spaces.
        if e - k >= 3 && tight >= 2 {
            for (j, g) in glue.iter_mut().enumerate().take(e).skip(k + 1) {
                *g = toks[j].gap == 1;
            }
        }
        k = e;
    }
    glue
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The three-pass form `already_clean` replaced, as the reference.
    fn already_clean_reference(line: &str) -> bool {
        let b = line.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
            return false;
        };
        if matches!(first, b' ' | b'#' | b'|') || last == b' ' || b.iter().any(|&c| c == b'*' || c == b'\\') {
            return false;
        }
        if line.contains("  ") {
            return false;
        }
        let mut singles = 0;
        for t in line.split(' ') {
            let mut cs = t.chars();
            if t.len() <= 4 && matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic()) {
                singles += 1;
                if singles >= 3 {
                    return false;
                }
            } else {
                singles = 0;
            }
        }
        true
    }

    #[test]
    fn a_letter_in_markup_counts_as_a_single_letter() {
        // Fuzz finding: "w\t*m p" printed "w m p", which a second pass joined.
        let once = crate::normalize::normalize_text("w\t*m p");
        assert_eq!(crate::normalize::normalize_text(&once), once);
        assert!(is_single("*m") && is_single("**ệ**") && is_single("m"));
        assert!(!is_single("*mp") && !is_single("**") && !is_single("(*)"));
    }

    #[test]
    fn already_clean_agrees_with_the_reference() {
        let alphabet = ["a", "ế", "Đ", " ", "  ", "ab", "*", "\\", "#", "|", "1", "x y", "ư"];
        for s in crate::normalize::random_mixes(&alphabet, 7, 20_000, 8) {
            assert_eq!(already_clean(&s), already_clean_reference(&s), "{s:?}");
        }
    }

    fn c(s: &str) -> String {
        clean_line(s, 0, s).text
    }

    #[test]
    fn fast_path_agrees_with_the_general_case() {
        let seeds = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus")).unwrap();
        let mut text = String::new();
        for e in seeds {
            text.push_str(&std::fs::read_to_string(e.unwrap().path()).unwrap_or_default());
        }
        text.push_str("\na b c\na b\nx a b c d\nĐ ả n g\nab  c\n#x\n|a|\n(*) ok\na\\.b\n d\nd \n\n");
        let mut fast = 0;
        for line in text.split('\n').flat_map(|l| [l, l.trim()]) {
            if already_clean(line) {
                fast += 1;
                let slow = clean_slow(line, 0, line);
                assert_eq!(
                    (slow.parts, slow.text),
                    (std::iter::once(0..line.len()).collect::<Vec<_>>(), line.to_string()),
                    "{line:?}"
                );
            }
        }
        assert!(fast > 100, "{fast}");
        for l in ["a b c", "x a b c d", "ab  c", "#x", "|a|", "(*) ok", "a\\.b", " d", "d ", ""] {
            assert!(!already_clean(l), "{l:?}");
        }
    }

    #[test]
    fn letter_spaced_words_are_joined() {
        assert_eq!(c("(qua Văn phòng t h ố n g  k ê xã)"), "(qua Văn phòng thống kê xã)");
        assert_eq!(c("K Ế  H O Ạ C H"), "KẾ HOẠCH");
        // ordinary single-letter words stay
        assert_eq!(c("ở cơ sở"), "ở cơ sở");
        assert_eq!(c("điểm a, b và c"), "điểm a, b và c");
    }

    #[test]
    fn markdown_and_spaces() {
        assert_eq!(c("## **2. Gắn thực hiện**"), "2. Gắn thực hiện");
        assert_eq!(c("thi đua “*dân vận khéo*” gắn"), "thi đua “dân vận khéo” gắn");
        assert_eq!(c("  a   b  "), "a   b"); // two single letters keep their gap (idempotence)
        assert_eq!(c("  ab   c  "), "ab c");
        assert_eq!(c("ghi chú (*)"), "ghi chú (*)");
        assert_eq!(c("|---|:--:|"), "");
        assert_eq!(c("***Nơi nhận:***"), "Nơi nhận:");
    }
}
