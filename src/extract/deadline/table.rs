//! Time columns of tables: after a header line naming a time column (`Thời gian thực hiện`,
//! `Thời hạn`, `Tiến độ`, also glued into one header line), a line that is wholly a time value
//! is a cell; so is a value glued after a unit cell (`… Phòng Kinh tế Quý III, IV/2025`).
//! A line that is just `Thường xuyên` counts anywhere. The zone ends at `Nơi nhận`.

use super::forms::{Expr, Kind, Point};
use super::scan::{push, starts_with_state, value, Found, Source};
use regex::Regex;
use std::sync::LazyLock;

/// A time-column header of a table (a line of its own): `Thời gian thực hiện`, `Thời hạn`, `Tiến độ hoàn thành`.
static COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^(?:thời\s+gian(?:\s+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai))?(?:\s*/\s*(?:thực\s+hiện|hoàn\s+thành))?
          | thời\s+hạn(?:\s+hoàn\s+thành)? | tiến\s+độ(?:\s+(?:thực\s+hiện|hoàn\s+thành))?)
        \s*(?:\(.{0,30}\))?(?:\s+\d{1,3})?$                            # thời gian hoàn thành (dự kiến) | … 1
        ",
    )
    .expect("COLUMN")
});

/// A glued table header line naming a time column and another column (`… Cơ quan phối hợp Thời gian thực hiện`).
static GLUED_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:chủ\s+trì|phối\s+hợp|sản\s+phẩm|ghi\s+chú|nhiệm\s+vụ).{0,80}
        (?P<a>thời\s+gian\s+(?:thực\s+hiện|hoàn\s+thành)|thời\s+hạn|tiến\s+độ)(?:\s|$)   # … Cơ quan phối hợp Thời gian thực hiện
      | (?P<b>thời\s+gian\s+(?:thực\s+hiện|hoàn\s+thành)|thời\s+hạn|tiến\s+độ)\s+
        (?:sản\s+phẩm|ghi\s+chú|kết\s+quả|cơ\s+quan|đơn\s+vị)                        # Thời gian thực hiện Sản phẩm
        ",
    )
    .expect("GLUED_HEAD")
});

/// Heads of unit names, to accept a time cell glued after a unit cell (`Phòng Kinh tế Quý III, IV/2025`).
static UNIT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x) (?:^|\s)(?:phòng|sở|ban|ủy\s+ban|ubnd|trung\s+tâm|văn\s+phòng|thôn|tổ|đơn\s+vị|cơ\s+quan
           |liên\s+quan|xã|phường|công\s+an|hội|đoàn|ngành|trường)(?:\s|,|$)   # Phòng Kinh tế | các thôn
        ",
    )
    .expect("UNIT_HEAD")
});

/// A glued header: the time column name must be capitalized as a cell title.
fn glued_head(orig: &str, lower: &str) -> bool {
    GLUED_HEAD.captures(lower).is_some_and(|c| {
        c.name("a").or(c.name("b")).is_some_and(|m| orig[m.start()..].starts_with(|ch: char| ch.is_uppercase()))
    })
}

/// The text before a glued time cell ends with a unit name (`… Phòng Kinh tế`), not with
/// prose that governs a span (`giai đoạn`, `nhiệm kỳ`, `đến`).
fn unit_before(prefix: &str) -> bool {
    let words: Vec<&str> = prefix.split_whitespace().collect();
    let tail = words[words.len().saturating_sub(4)..].join(" ");
    let last2 = words[words.len().saturating_sub(2)..].join(" ");
    let governed = ["giai đoạn", "nhiệm kỳ", "đến", "từ", "trong", "vào", "năm"].iter().any(|w| last2.ends_with(w));
    UNIT_HEAD.is_match(&tail) && !governed
}

/// Lines in the time column of tables, and standalone `Thường xuyên` lines anywhere.
pub fn tables(text: &str, lower: &str, out: &mut Vec<Found>) {
    let mut in_table = false;
    let mut pos = 0;
    for line in lower.split('\n') {
        let (ls, le) = (pos, pos + line.len());
        pos = le + 1;
        let t = line.trim();
        if t.starts_with("nơi nhận") {
            in_table = false;
        }
        // Both header patterns need "thời" or "tiến" (the literal test skips most lines cheaply).
        let may_head = line.contains("thời") || line.contains("tiến");
        if may_head && (COLUMN.is_match(t) || (t.len() < 300 && glued_head(&text[ls..le], line))) {
            in_table = true;
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        // Outside a table only a whole `Continuous` value counts, and only a state is one.
        if !in_table && !starts_with_state(&line[lead..]) {
            continue;
        }
        let whole = |es: &[Expr]| {
            es.last().is_some_and(|e| {
                line[lead + e.end..].trim_matches(|c: char| c == '.' || c == ';' || c.is_whitespace()).is_empty()
            })
        };
        let es = value(&line[lead..], in_table);
        if whole(&es) && (in_table || es.iter().all(|e| e.kind == Kind::Continuous)) {
            push(out, ls + lead, &es, None, Source::Table);
            continue;
        }
        if !in_table {
            continue;
        }
        // A time cell glued after a unit cell: `… Phòng Kinh tế Quý III, IV/2025`.
        let orig = &text[ls..le];
        for (i, ch) in orig.char_indices().filter(|&(i, _)| i > 0 && orig[..i].ends_with(' ')) {
            if !(ch.is_uppercase() || ch.is_ascii_digit()) {
                continue;
            }
            let es = value(&line[i..], true);
            if ch.is_ascii_digit()
                && matches!(es.as_slice(), [Expr { point: Some(Point::Year(_)), kind: Kind::Period, .. }])
            {
                continue; // a bare year glued to text is too weak
            }
            let tail_ok = es.last().is_some_and(|e| {
                line[i + e.end..].trim_matches(|c: char| c == '.' || c == ';' || c.is_whitespace()).is_empty()
            });
            if tail_ok && unit_before(&line[..i]) {
                push(out, ls + i, &es, None, Source::Table);
                break;
            }
        }
    }
}
