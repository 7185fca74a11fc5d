//! Quoted spans, the label word before them, document-title quotes, and
//! "khẩu hiệu" lists.

use crate::normalize::line_start_near;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A quoted span of the normalized text.
#[derive(Debug, Clone)]
pub(crate) struct Quote {
    /// From the opening quote to after the closing quote.
    pub outer: Range<usize>,
    /// The content, trimmed of spaces, stray quotes and end punctuation.
    pub inner: Range<usize>,
}

/// Label words → kind, checked in the words before a quote.
const LABELS: [(&str, &str); 11] = [
    ("cuộc vận động", "cuộc vận động"),
    ("phong trào", "phong trào"),
    ("thi đua", "phong trào"),
    ("phương châm", "phương châm"),
    ("phong cách", "phong cách"),
    ("mô hình", "mô hình"),
    ("điển hình", "mô hình"),
    ("chủ đề", "chủ đề năm"),
    ("khẩu hiệu", "khẩu hiệu"),
    ("nguyên tắc", "nguyên tắc"),
    ("tinh thần", "phương châm"),
];

/// A weak label: it also introduces values and proverbs (tinh thần “tương thân
/// tương ái”), so it counts only before a list-shaped motto (with a comma).
const WEAK_LABEL: &str = "tinh thần";

/// A label word found before a quote.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Label {
    /// Kind it names.
    pub kind: &'static str,
    /// Whether it is [`WEAK_LABEL`].
    pub weak: bool,
}

/// How many words before a quote a label may stand ("phương châm hành động của Chính phủ “…”").
pub(crate) const LABEL_WINDOW: usize = 6;

/// First words of a quoted document title (“Quy chế giám sát …”).
const TITLE_STARTS: [&str; 22] = [
    "quy chế",
    "quy định",
    "luật",
    "bộ luật",
    "nghị định",
    "nghị quyết",
    "kế hoạch",
    "đề án",
    "chương trình",
    "hướng dẫn",
    "chỉ thị",
    "quyết định",
    "thông tư",
    "chiến lược",
    "về ",
    "báo cáo",
    "tờ trình",
    "công văn",
    "thông báo",
    "pháp lệnh",
    "điều lệ",
    "ban hành",
];

/// Words just before a quote that make it a title or a citation, not a slogan.
const TITLE_BEFORE: [&str; 12] = [
    "ban hành",
    "về việc",
    "về",
    "bài báo",
    "tác phẩm",
    "phê duyệt",
    "cụm từ",
    "dự án",
    "đề án",
    "chương trình",
    "cuộc thi",
    "hội thi",
];

/// Quote pairs on the normalized text: “…”, "…", and mixed “…"; a quote left
/// open at a line end continues on the next line when that line starts in
/// lowercase (a wrapped sentence). Nested openings restart at the inner one.
pub fn find(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut crossed = false;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '“' => (open, crossed) = (Some(i), false),
            '"' if open.is_none() => (open, crossed) = (Some(i), false),
            '”' | '"' => {
                if let Some(o) = open.take() {
                    push(text, &mut out, o, i + c.len_utf8());
                }
            }
            '\n' => {
                let next_lower = it.peek().is_some_and(|&(_, d)| d.is_lowercase());
                if crossed || !next_lower {
                    open = None;
                }
                crossed = true;
            }
            _ => {}
        }
    }
    out
}

fn push(text: &str, out: &mut Vec<Quote>, o: usize, end: usize) {
    let open_len = text[o..].chars().next().map_or(1, char::len_utf8);
    let close_len = text[..end].chars().next_back().map_or(1, char::len_utf8);
    let body = &text[o + open_len..end - close_len];
    let junk = |c: char| c.is_whitespace() || matches!(c, '\'' | '*' | '.' | ',' | ';' | ':');
    let lead = body.len() - body.trim_start_matches(junk).len();
    let trail = body.len() - body.trim_end_matches(junk).len();
    if lead + trail >= body.len() {
        return;
    }
    let s = o + open_len + lead;
    out.push(Quote { outer: o..end, inner: s..end - close_len - trail });
}

/// Words of `s`, split on whitespace and punctuation other than `-`.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || (c.is_ascii_punctuation() && c != '-')).filter(|w| !w.is_empty()).collect()
}

/// Text that may hold the label of a quote at `pos`: the words before it on the
/// same line back to a sentence break or another quote; for a quote opening a
/// line, the previous line when that is a short heading ("1. Chủ đề thi đua").
fn context_before(lower: &str, pos: usize) -> &str {
    let line_start = line_start_near(lower, pos);
    let before = &lower[line_start..pos];
    if words(before).is_empty() && line_start > 0 {
        let prev_start = line_start_near(lower, line_start - 1);
        let prev = &lower[prev_start..line_start - 1];
        return if words(prev).len() <= 10 { prev } else { "" };
    }
    let cut = before
        .char_indices()
        .rfind(|&(_, c)| matches!(c, '.' | ';' | '(' | ')' | '”' | '“' | '"' | '!' | '?'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    &before[cut..]
}

/// The kind named by a label word followed by at most `window` words before `pos`.
/// The closest label wins, but a label right before it is its head noun and
/// wins instead ("chủ đề thi đua" → chủ đề, "phong trào thi đua" → phong trào).
pub(crate) fn label_before(lower: &str, pos: usize, window: usize) -> Option<Label> {
    let ctx = words(context_before(lower, pos));
    let tail = &ctx[ctx.len().saturating_sub(window + 3)..];
    let mut found: Vec<(usize, usize, &'static str, &'static str)> = Vec::new();
    for i in 0..tail.len() {
        for (label, kind) in LABELS {
            let lw: Vec<&str> = label.split(' ').collect();
            if tail[i..].starts_with(&lw) {
                found.push((i, i + lw.len(), label, kind));
            }
        }
    }
    let mut best = found.iter().filter(|f| tail.len() - f.1 <= window).max_by_key(|f| f.1)?;
    while let Some(head) = found.iter().find(|f| f.1 == best.0) {
        best = head;
    }
    Some(Label { kind: best.3, weak: best.2 == WEAK_LABEL })
}

fn is_word_at(s: &str, at: usize, len: usize) -> bool {
    let before = s[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let after = s[at + len..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before && after
}

/// Whether a quote is a cited document's title (by its first words or the words before it).
pub(crate) fn is_title(lower: &str, q: &Quote) -> bool {
    starts_like_title(&lower[q.inner.clone()]) || {
        let before = words(&lower[line_start_near(lower, q.outer.start)..q.outer.start]);
        let tail = before[before.len().saturating_sub(2)..].join(" ");
        TITLE_BEFORE.iter().any(|t| tail == *t || tail.ends_with(&format!(" {t}")))
    }
}

/// Whether quoted content starts like a document title or a quoted legal clause.
pub(crate) fn starts_like_title(inner_lower: &str) -> bool {
    let s = inner_lower.trim_start();
    TITLE_STARTS.iter().any(|t| s.starts_with(t) && is_word_at(s, 0, t.trim_end().len()))
        || LIST_MARK.find(s).is_some_and(|m| m.start() == 0 && m.len() < s.len())
}

/// Number of words in a span.
pub(crate) fn word_count(s: &str) -> usize {
    words(s).len()
}

/// A list-item marker at the start of a line or of quoted text.
static LIST_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^\s*(?:
            [0-9]{1,3}[.)]\s   # 12. Mỗi lá phiếu …!   3) …
          | [a-zđ][)]\s        # b) Trước khi …
          | [-+•]\s*           # - Ngày bầu cử …!
        )",
    )
    .expect("valid regex")
});

/// Items of a "khẩu hiệu" list: after a short heading naming "khẩu hiệu"
/// ("V. KHẨU HIỆU TUYÊN TRUYỀN"), each following list item that ends in "!"
/// is a slogan; the list ends at the first other line. Returns the item text
/// ranges (marker and "!" excluded).
pub(crate) fn slogan_list_items(text: &str, lower: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut in_list = false;
    let mut pos = 0;
    for line in lower.split('\n') {
        let start = pos;
        pos += line.len() + 1;
        if line.contains("khẩu hiệu") && word_count(line) <= 8 && !line.contains(['“', '"']) {
            in_list = true;
            continue;
        }
        if !in_list {
            continue;
        }
        let body = line.trim_end();
        match LIST_MARK.find(line) {
            Some(m) if body.ends_with('!') && m.end() < body.len() - 1 => {
                let item = &text[start + m.end()..start + body.len()];
                let item = item.trim_end_matches(['!', ' ']);
                out.push(start + m.end()..start + m.end() + item.len());
            }
            _ => in_list = false,
        }
    }
    out
}

/// Whether only separators (spaces, commas, "và", "hoặc") lie between two quotes.
pub(crate) fn only_separators(between: &str) -> bool {
    words(between).iter().all(|w| matches!(*w, "và" | "hoặc" | "cùng"))
        && !between.contains(['.', ';', '\n', '(', ')', ':'])
}
