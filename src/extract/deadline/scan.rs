//! Where deadlines are looked for in running text and fields: prose triggers, labelled
//! time fields and `định kỳ …` phrases (tables are in `table`).

use super::forms::{parse, Expr, Kind, Point};
use crate::normalize::line_start_near;
use regex::Regex;
use std::sync::LazyLock;

/// Where a deadline was found (decides precedence and how its task is found).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    /// The value of a `Thời gian …:` field.
    Field,
    /// A cell of a table with a time column.
    Table,
    /// A trigger in running text (`trước ngày`, `chậm nhất`, `hoàn thành trong`, `từ … đến`).
    Prose,
    /// A `định kỳ …` phrase.
    Periodic,
}

/// A deadline found in the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Start (normalized offset).
    pub start: usize,
    /// End (normalized offset).
    pub end: usize,
    /// Due point.
    pub point: Option<Point>,
    /// Kind.
    pub kind: Kind,
    /// Where.
    pub source: Source,
}

/// Prose trigger. `done` = a completion verb; `by` = a limit word; `in` = `trong`/`vào`;
/// `until` = `đến (hết)` before a dated atom (a target year).
static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<done>(?:hoàn\s+thành|hoàn\s+tất|xong|kết\s+thúc)(?:\s+(?:dứt\s+điểm|xong))?\s+)?  # hoàn thành (dứt điểm)
        (?:
            (?P<by>trước|chậm\s+nhất(?:\s+là)?|muộn\s+nhất(?:\s+là)?|không\s+quá|hạn\s+chót(?:\s+là)?)
            (?:\s+(?:đến|vào|trong))?          # trước ngày | chậm nhất là ngày | chậm nhất đến ngày
          | (?P<in>trong|vào)                  # (hoàn thành) trong tháng 12 năm 2025
          | (?P<from>từ)                       # từ ngày 01/9 đến ngày 30/9/2025
          | (?P<until>đến(?:\s+hết)?)\s+(?P<unit>năm|ngày|tháng|quý)   # (mục tiêu) đến năm 2030
        )\s+
        (?:(?:lúc\s+)?\d{1,2}\s*(?:giờ|h|:)\s*(?:\d{1,2}\s*(?:phút|')?)?\s*,?\s*)?   # 17 giờ 00 (ngày …)
        ",
    )
    .expect("TRIGGER")
});

/// Words before a trigger that make it a fact, not a due time: `ban hành trước ngày …`.
static NOT_DUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x) ban\s+hành | hiệu\s+lực | được\s+cấp | phát\s+sinh | xảy\s+ra   # văn bản ban hành trước ngày 01/7/2025
        ",
    )
    .expect("NOT_DUE")
});

/// Before a target year, what says it belongs to a cited document's title: a symbol
/// (`1132/qđ-ttg`, `18-nq/tu`) or a vision horizon (`tầm nhìn`).
static CITED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) \d+/(?:\d{4}/)?[a-zđ]{1,8}- | \d+-[a-zđ]{1,4}/[a-zđ] | tầm\s+nhìn").expect("CITED_TITLE")
});

/// `ngày 20 hằng tháng`, `ngày thứ Sáu hàng tuần`: a day of every month or week.
static DAY_EVERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x) ^(?:ngày\s+)?
        (?:\d{1,2}|thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)   # 20 | thứ Sáu | Chủ nhật
        \s+(?:hằng|hàng)\s+(?:tháng|tuần)(?-u:\b)                       # hằng tháng | hàng tuần",
    )
    .expect("DAY_EVERY")
});

/// A time counted from an event: `trong (thời hạn|vòng) 05 ngày (làm việc) kể từ ngày nhận đơn`,
/// `chậm nhất 10 ngày sau khi …`, `trước ngày bầu cử 10 ngày`. The event runs to the clause's end
/// (at most 60 characters).
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:
           (?:trong(?:\s+(?:thời\s+hạn|vòng|thời\s+gian))?|chậm\s+nhất(?:\s+là)?|không\s+quá|sau)\s+
           \d{1,3}\s+(?:ngày|tháng|tuần)(?:\s+làm\s+việc)?\s*,?\s+
           (?:kể\s+từ|tính\s+từ|sau\s+khi|từ\s+khi|trước|sau)\s+[^,.;:()\n]{3,60}?      # 05 ngày kể từ ngày nhận đơn
         | (?:trước|sau)\s+ngày\s+[^\d,.;:()\n]{3,40}?\s+\d{1,3}\s+(?:ngày|tháng|tuần)   # trước ngày bầu cử 10 ngày
        )
        (?:[,.;:()\n]|$)
        ",
    )
    .expect("RELATIVE")
});

/// `định kỳ 6 tháng, 9 tháng`, `định kỳ hằng năm`, `định kỳ (hằng năm)`, `định kỳ hàng tháng, quý, 01 năm`.
static PERIODIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        định\s+kỳ\s*
        (?:
          \(?\s*
          (?:(?:hằng|hàng)\s+)?(?:\d{1,2}\s+)?(?:(?:năm|tháng|tuần)(?-u:\b)|quý)                  # hằng năm | 6 tháng
          (?:\s*(?:,|và|/)\s*(?:(?:hằng|hàng)\s+)?(?:\d{1,2}\s+)?(?:(?:năm|tháng|tuần)(?-u:\b)|quý))*  # , 9 tháng | , quý
          \)?
         |(?:và|hoặc)\s+đột\s+xuất(?-u:\b)                                                         # định kỳ và đột xuất
        )
        ",
    )
    .expect("PERIODIC")
});

/// A time-field label: `Thời gian thực hiện:`, `Thời hạn hoàn thành:`, `Tiến độ:`; at a line end the colon may be missing.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xm)
        (?:thời\s+gian(?:\s+(?:thực\s+hiện|hoàn\s+thành|triển\s+khai|tổ\s+chức))?   # thời gian thực hiện
          | thời\s+hạn(?:\s+hoàn\s+thành)?                                          # thời hạn
          | tiến\s+độ(?:\s+(?:thực\s+hiện|hoàn\s+thành))?                           # tiến độ
          | lộ\s+trình(?:\s+(?:thực\s+hiện|triển\s+khai))?)                         # lộ trình thực hiện
        [\ \t]*(?::[\ \t]*|$)
        ",
    )
    .expect("LABEL")
});

/// What may precede a label on its line: bullets and item numbers (`- `, `c) `, `3. `, `IV. `).
static LABEL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x) ^[\s\-+•]*(?:[a-zđ][).]|\d+(?:\.\d+)*\.?|[ivx]+\.)?\s*$  # - | c) | 3. | IV.")
        .expect("LABEL_LEAD")
});

/// A value that is a state, not a date: `thường xuyên`, `liên tục`, `hằng năm`.
static STATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^(?:(?:thực\s+hiện|duy\s+trì|triển\s+khai)\s+)?(?P<cont>thường\s+xuyên|liên\s+tục)(?-u:\b)   # (duy trì) thường xuyên
      | ^(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+(?:(?:năm|tháng|tuần|ngày)(?-u:\b)|quý) # hằng năm
        ",
    )
    .expect("STATE")
});

/// Words opening a field value before the time itself: `Dự kiến`, `Hoàn thành trong`, `Trước`, `Xong trước`.
static VALUE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^(?:(?:dự\s+kiến|hoàn\s+thành|hoàn\s+tất|thực\s+hiện|triển\s+khai|xong|trong\s+khoảng\s+thời\s+gian
            |trong|vào|trước|chậm\s+nhất(?:\s+là)?|đến|giai\s+đoạn)\s+)+  # dự kiến | hoàn thành trong | giai đoạn
        ",
    )
    .expect("VALUE_LEAD")
});

/// Whether a (lowercase) line is a time field: `- Thời gian: …`, `c) Thời gian thực hiện: …`.
pub(crate) fn is_time_field(line: &str) -> bool {
    LABEL.find(line).is_some_and(|m| LABEL_LEAD.is_match(&line[..m.start()]))
}

fn letter_before(s: &str, at: usize) -> bool {
    s[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

pub(super) fn push(out: &mut Vec<Found>, base: usize, es: &[Expr], first_start: Option<usize>, source: Source) {
    for (i, e) in es.iter().enumerate() {
        let start = if i == 0 { first_start.unwrap_or(base + e.start) } else { base + e.start };
        out.push(Found { start, end: base + e.end, point: e.point, kind: e.kind, source });
    }
}

/// Triggered deadlines in running text.
pub(crate) fn prose(lower: &str, out: &mut Vec<Found>) {
    for c in TRIGGER.captures_iter(lower) {
        let Some(m) = c.get(0) else { continue };
        if letter_before(lower, m.start()) {
            continue;
        }
        let line_start = line_start_near(lower, m.start());
        let back =
            lower[line_start..m.start()].char_indices().rev().nth(40).map_or(line_start, |(i, _)| line_start + i);
        if NOT_DUE.is_match(&lower[back..m.start()]) {
            continue;
        }
        let rest = &lower[m.end()..];
        if c.name("from").is_some() {
            let es = parse(&lower[m.start()..], false);
            // A span of years in prose (`từ năm 2025 đến năm 2027`) is not a due time.
            if es.len() == 1
                && es[0].kind == Kind::Range
                && matches!(es[0].point, Some(Point::Day(..) | Point::Month(..)))
            {
                push(out, m.start(), &es, None, Source::Prose);
            }
            continue;
        }
        if let Some(unit) = c.name("unit") {
            let es = parse(&lower[unit.start()..], false);
            // A target with its year ("Mục tiêu đến năm 2030", "đến hết năm 2026", "đến ngày
            // 30/9/2025"); not the end of a span ("từ năm 2025 đến năm 2027") nor "as of"
            // ("tính đến ngày 31/10/2025").
            let before = &lower[back..m.start()];
            let span_end = before.contains("từ ") || before.trim_end().ends_with("tính");
            // The title of a cited document ("Quyết định số 1132/QĐ-TTg … Chiến lược hạ tầng số
            // đến năm 2025", "tầm nhìn đến năm 2050") is not a target of this plan.
            let clause = crate::normalize::floor_boundary(lower, m.start().saturating_sub(250)).max(line_start);
            let cited = CITED_TITLE.is_match(&lower[clause..m.start()]);
            // The name of a plan ("Trên đây là Kế hoạch … đến hết năm 2023"): "kế hoạch" with no
            // punctuation between it and the target.
            let window = &lower[clause..m.start()];
            let named = ["kế hoạch", "chương trình", "đề án", "lộ trình"]
                .iter()
                .filter_map(|w| window.rfind(w))
                .max()
                .is_some_and(|i| !window[i..].contains([',', ';', '.', ':']));
            let cited = cited || named;
            // A day, month or quarter is a due time only in a clause about doing something
            // ("gia hạn thời gian tổ chức đại hội đến ngày 30/9/2025"), not in a narrative
            // ("Đến ngày 7 tháng 12 năm 1990, Học viện …") nor data "as of" a day.
            let task_clause =
                ["hoàn thành", "thực hiện", "báo cáo", "gửi", "nộp", "gia hạn", "kéo dài", "triển khai", "tổ chức"]
                    .iter()
                    .any(|w| window.contains(w));
            let cited = cited || (unit.as_str() != "năm" && !task_clause);
            let dated = es.first().and_then(|e| e.point).is_some_and(|p| p.year().is_some());
            if dated && !span_end && !cited && es[0].start == 0 {
                let e = &es[0];
                let end = unit.start() + e.end;
                // A year is a goal's horizon; a day, month or quarter is a due time.
                let kind = if unit.as_str() == "năm" { Kind::Target } else { e.kind };
                out.push(Found { start: m.start(), end, point: e.point, kind, source: Source::Prose });
            }
            continue;
        }
        let es = parse(rest, false);
        // "hoàn thành Dự án vào năm 2026": a completion verb earlier in the clause (at most
        // 60 bytes back, no punctuation between) also makes a year a due time.
        let clause_back = crate::normalize::floor_boundary(lower, m.start().saturating_sub(60)).max(line_start);
        let near = &lower[clause_back..m.start()];
        let done_before = c.name("in").is_some()
            && ["hoàn thành", "hoàn tất"]
                .iter()
                .filter_map(|w| near.rfind(w))
                .max()
                .is_some_and(|i| !near[i..].contains([',', ';', '.', ':']));
        let done = c.name("done").is_some() || done_before;
        let ok = match es.first().and_then(|e| e.point) {
            _ if es.is_empty() => false,
            Some(Point::Year(_)) | Some(Point::Half(..)) => done,
            Some(Point::Month(_, y)) | Some(Point::Quarter(_, y)) if c.name("in").is_some() => done || y.is_some(),
            Some(Point::Day(..)) if c.name("in").is_some() => false,
            _ => true,
        };
        if ok {
            push(out, m.end(), &es, Some(m.start()), Source::Prose);
        } else if c.name("by").is_some() || c.name("in").is_some() {
            if let Some(d) = DAY_EVERY.find(rest) {
                out.push(Found {
                    start: m.start(),
                    end: m.end() + d.end(),
                    point: None,
                    kind: Kind::Recurring,
                    source: Source::Prose,
                });
            }
        }
    }
}

/// Times counted from an event (`trong thời hạn 05 ngày kể từ ngày nhận đơn`).
pub(crate) fn relative(lower: &str, out: &mut Vec<Found>) {
    for m in RELATIVE.find_iter(lower) {
        if letter_before(lower, m.start()) {
            continue;
        }
        // A provision quoted from a cited document ("theo đó quy định: “Trong thời hạn 07 ngày
        // làm việc …”") sets this document no deadline.
        let from = crate::normalize::floor_boundary(lower, m.start().saturating_sub(800));
        let before = &lower[from..m.start()];
        if before.rfind('“').is_some_and(|o| before.rfind('”').is_none_or(|c| c < o)) {
            continue;
        }
        let s = &lower[m.start()..m.end()];
        let end = m.start() + s.trim_end_matches([',', '.', ';', ':', '(', ')', '\n', ' ']).len();
        out.push(Found { start: m.start(), end, point: None, kind: Kind::Relative, source: Source::Prose });
    }
}

/// `định kỳ …` phrases.
pub(crate) fn periodic(lower: &str, out: &mut Vec<Found>) {
    for m in PERIODIC.find_iter(lower) {
        if !letter_before(lower, m.start()) {
            out.push(Found {
                start: m.start(),
                end: m.end(),
                point: None,
                kind: Kind::Recurring,
                source: Source::Periodic,
            });
        }
    }
}

/// Whether `s` starts with a state (`thường xuyên`, `hằng năm`): the only values [`value`]
/// can return of kind `Continuous`, so callers that want only those skip the full parse.
pub(crate) fn starts_with_state(s: &str) -> bool {
    STATE.is_match(s)
}

/// A value at the start of `s`: a state (`thường xuyên`) or a time expression after lead words.
pub fn value(s: &str, bare_year: bool) -> Vec<Expr> {
    if let Some(c) = STATE.captures(s) {
        let kind = if c.name("cont").is_some() { Kind::Continuous } else { Kind::Recurring };
        return vec![Expr { start: 0, end: c.get(0).map_or(0, |m| m.end()), point: None, kind }];
    }
    // Markdown emphasis ("*Năm 2025 - 2026") and a "ngày" before a month ("ngày Tháng 11/2025").
    let mark = s.len() - s.trim_start_matches(['*', '_', ' ']).len();
    let s0 = &s[mark..];
    let mark = mark + if s0.starts_with("ngày tháng ") || s0.starts_with("ngày quý ") { "ngày ".len() } else { 0 };
    let lead = mark + VALUE_LEAD.find(&s[mark..]).map_or(0, |m| m.end());
    let mut es = parse(&s[lead..], bare_year);
    for (i, e) in es.iter_mut().enumerate() {
        e.start = if i == 0 { mark } else { e.start + lead };
        e.end += lead;
    }
    es
}

/// Values of `Thời gian …:` fields (same line, or the next lines when the label ends its line).
pub fn fields(lower: &str, out: &mut Vec<Found>) {
    for m in LABEL.find_iter(lower) {
        let line_start = line_start_near(lower, m.start());
        let before = &lower[line_start..m.start()];
        if !(LABEL_LEAD.is_match(before) || before.trim_end().ends_with('.')) {
            continue;
        }
        let line_end = lower[m.end()..].find('\n').map_or(lower.len(), |i| m.end() + i);
        if lower[m.end()..line_end].trim().is_empty() {
            // The value is on the next lines, maybe as `+ Đợt 1: …` sub-items.
            let mut at = (line_end + 1).min(lower.len());
            for _ in 0..4 {
                let end = lower[at..].find('\n').map_or(lower.len(), |i| at + i);
                let line = &lower[at..end];
                let body = line.trim_start_matches(['-', '+', ' ']);
                let sub = body.find(':').filter(|&i| i <= 60 && body.is_char_boundary(i)).map_or(0, |i| i + 1);
                let v = body[sub..].trim_start();
                let base = end - body.len() + sub + (body[sub..].len() - v.len());
                let es = value(v, true);
                push(out, base, &es, None, Source::Field);
                if es.is_empty() || !line.starts_with(['-', '+']) || end >= lower.len() {
                    break;
                }
                at = end + 1;
            }
        } else {
            push(out, m.end(), &value(&lower[m.end()..line_end], true), None, Source::Field);
        }
    }
}
