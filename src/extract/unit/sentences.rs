//! Units named by a role word inside running text, and "Đơn vị chủ trì:" fields.
//!
//! - "giao X chủ trì", "X chủ trì" → lead; "X phối hợp", "phối hợp với Y" → support;
//! - "(qua X)", "báo cáo … về X", "báo cáo X", "gửi X", "chuyển (đơn) đến X", "đôn đốc X" → mentioned;
//! - "Đơn vị chủ trì[ thực hiện]: X", "Cơ quan chủ trì: X", "Chủ trì: X",
//!   "Đơn vị thực hiện: X" → lead; "Đơn vị phối hợp: Y" → support. The task is
//!   the heading the field block belongs to.

use super::phrase::{units_at, Opts};
use super::{summarize, Found, Lines};
use crate::extract::Doc;
use crate::lexicon::unit_vocab::VERB;
use crate::record::Role;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A field line naming the lead or support unit (on the lowercase text).
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:[-+•]\s*)?
        (?:
           (?:đơn\ vị|cơ\ quan)\s+(?P<r1>chủ\ trì|phối\ hợp|thực\ hiện)  # Đơn vị chủ trì: / Cơ quan phối hợp:
          |(?P<r2>chủ\ trì|phối\ hợp)                                   # Chủ trì: / Phối hợp:
        )
        [^:\n]{0,30}:\s*",
    )
    .expect("FIELD")
});

/// A line that belongs to a field block ("Thời gian thực hiện: …", "Kết quả: …").
static FIELD_ANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:[-+•]\s*)?
        (?:đơn\ vị|cơ\ quan|chủ\ trì|phối\ hợp|thời\ gian|thời\ hạn|kết\ quả|sản\ phẩm|thành\ phần|tiến\ độ)  # Thời gian hoàn thành:
        [^:\n]{0,30}:",
    )
    .expect("FIELD_ANY")
});

/// A numbered heading line ("1.2. Xây dựng …", "3. Nâng cao …").
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x)^(?:\d{1,2}\.)+(?:\d{1,2})?\.?\ +  # 1.  1.2.  1.3 ").expect("NUMBERED"));

fn is_bullet(l: &str) -> bool {
    l.starts_with(['-', '+', '•'])
}

/// "Đơn vị chủ trì: X" fields.
pub fn fields(doc: &Doc, lines: &Lines, out: &mut Vec<Found>) {
    let (t, low) = (doc.text(), doc.lower());
    let mut i = 0;
    while i < lines.len() {
        let (ls, l) = lines[i];
        let ll = &low[ls..ls + l.len()];
        let Some(c) = FIELD.captures(ll) else {
            i += 1;
            continue;
        };
        let word = c.name("r1").or(c.name("r2")).map_or("", |m| m.as_str());
        let role = if word == "phối hợp" { Role::Support } else { Role::Lead };
        // The field block: this line and its neighbours.
        let mut first = i;
        while first > 0 && FIELD_ANY.is_match(lines[first - 1].1.to_lowercase().as_str()) {
            first -= 1;
        }
        let mut last = i;
        while last + 1 < lines.len() && FIELD_ANY.is_match(lines[last + 1].1.to_lowercase().as_str()) {
            last += 1;
        }
        // The task line: a bullet right before a block that follows another block,
        // else the nearest numbered heading above.
        let mut task_line = None;
        if first > 0
            && is_bullet(lines[first - 1].1)
            && (first < 2 || FIELD_ANY.is_match(&lines[first - 2].1.to_lowercase()))
        {
            task_line = Some(first - 1);
        }
        if task_line.is_none() {
            task_line = (0..first).rev().take(12).find(|&j| NUMBERED.is_match(lines[j].1));
        }
        let scope_start = task_line.map_or(lines[first].0, |j| lines[j].0);
        let scope_end = lines[last].0 + lines[last].1.len();
        let task = task_line.map(|j| {
            let l = lines[j].1;
            let body = NUMBERED.find(l).map_or(l, |m| &l[m.end()..]);
            summarize(body)
        });
        let vs = ls + c.get(0).map_or(0, |m| m.end());
        // A value wrapped after "Các" continues on the next line.
        let limit = if t[vs..ls + l.len()].trim() == "Các" {
            lines.get(i + 1).map_or(t.len(), |(s, x)| s + x.len())
        } else {
            ls + l.len()
        };
        let mut us = units_at(t, low, vs, &Opts { vocab: &doc.lex.unit_vocab, limit, need_cap: false, table: false });
        if us.is_empty() {
            // Trust the field: the value up to a bracket or stop.
            let v = &t[vs..limit];
            let e = v.find(['(', ';', '.']).unwrap_or(v.len());
            let name = v[..e].trim_end();
            if !name.is_empty() && name.chars().count() <= 80 && name.starts_with(char::is_uppercase) {
                us.push(vs..vs + name.len());
            }
        }
        for u in us {
            out.push(Found::new(u, role, task.clone(), scope_start..scope_end));
        }
        i += 1;
    }
}

/// The sentence around `pos` within the line `ls..le`.
fn sentence(t: &str, ls: usize, le: usize, pos: usize) -> Range<usize> {
    let line = &t[ls..le];
    let rel = pos - ls;
    let s = line[..rel].rfind(". ").map_or(0, |i| i + 2);
    let e = line[rel..].find(". ").map_or(line.len(), |i| rel + i + 1);
    ls + s..ls + e
}

/// Find every whole-word occurrence of `w` in `s`.
/// A searcher built once (a `str::match_indices` builds its searcher at every call, and
/// the extractor asks six of them for every line).
struct Cue {
    word: &'static str,
    finder: memchr::memmem::Finder<'static>,
}

impl Cue {
    fn new(word: &'static str) -> Cue {
        Cue { word, finder: memchr::memmem::Finder::new(word) }
    }
    /// Non-overlapping occurrences in `s`, as `str::match_indices` gives them.
    fn find_iter<'a>(&'a self, s: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.finder.find_iter(s.as_bytes())
    }
}

static CHU_TRI: LazyLock<Cue> = LazyLock::new(|| Cue::new("chủ trì"));
/// Words after the units answerable for a task ("… chịu trách nhiệm thi hành Quyết định này").
static RESPONSIBLE_CUES: LazyLock<[Cue; 3]> = LazyLock::new(|| {
    [Cue::new("chịu trách nhiệm"), Cue::new("có trách nhiệm"), Cue::new("căn cứ quyết định thi hành")]
});
/// Words that hand a task to the units that follow them, at the start of a clause.
static ASSIGN_CUES: LazyLock<[Cue; 3]> = LazyLock::new(|| [Cue::new("giao"), Cue::new("đề nghị"), Cue::new("yêu cầu")]);
static PHOI_HOP: LazyLock<Cue> = LazyLock::new(|| Cue::new("phối hợp"));
/// Words before a recipient named in passing, and whether the unit must be capitalized.
static RECIPIENT_CUES: LazyLock<[(Cue, bool); 6]> = LazyLock::new(|| {
    [
        (Cue::new("qua "), true),
        (Cue::new("báo cáo "), true),
        (Cue::new("gửi "), true),
        (Cue::new("về "), true),
        (Cue::new("đến "), true),
        (Cue::new("đôn đốc "), true),
    ]
});

fn occurrences<'a>(s: &'a str, cue: &'a Cue) -> impl Iterator<Item = usize> + 'a {
    let w = cue.word;
    cue.find_iter(s).filter(move |&i| {
        let before = s[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = s[i + w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

/// The unit list ending right before `pos` (a subject of "chủ trì"/"phối hợp").
fn subject(doc: &Doc, ls: usize, pos: usize) -> Vec<Range<usize>> {
    let (t, low) = (doc.text(), doc.lower());
    let clause = &low[ls..pos];
    let cs = [". ", "; ", ": "].iter().filter_map(|d| clause.rfind(d).map(|i| i + d.len())).max().unwrap_or(0);
    let mut starts: Vec<(usize, bool)> = Vec::new();
    let marker = clause[cs..].len()
        - clause[cs..].trim_start_matches(|c: char| c.is_ascii_digit() || "-+•.) ".contains(c)).len();
    starts.push((ls + cs + marker, true));
    for w in ["giao ", "do ", "đề nghị ", "yêu cầu ", ", "] {
        for (i, _) in clause[cs..].match_indices(w) {
            starts.push((ls + cs + i + w.len(), w == ", "));
        }
    }
    // After a task verb: "Giao Công an Thành phố chỉ đạo Công an các phường … phối hợp".
    for (i, _) in clause[cs..].match_indices(' ') {
        let p = ls + cs + i + 1;
        if let Some((e, k)) = doc.lex.unit_vocab.at(low, p) {
            if k & VERB != 0 && low[e..].starts_with(' ') {
                starts.push((e + 1, true));
            }
        }
    }
    starts.sort();
    let mut end = t[..pos].trim_end().len();
    // "… và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành": the persons named in
    // the decision close the list.
    let mut named = None;
    if let Some(c) = low.get(ls + cs..end).and_then(|c| NAMED_IN_ARTICLE.captures(c)) {
        let (m, who) = (c.get(0).expect("match"), c.name("who").expect("who"));
        named = Some(ls + cs + who.start()..ls + cs + who.end());
        end = ls + cs + m.start();
        if end <= ls + cs + marker {
            return named.into_iter().collect();
        }
    }
    for (s, cap) in starts {
        if s >= end {
            continue;
        }
        let mut us = units_at(t, low, s, &Opts { vocab: &doc.lex.unit_vocab, limit: end, need_cap: cap, table: false });
        if us.last().is_some_and(|u| u.end == end) {
            us.extend(named);
            return us;
        }
    }
    Vec::new()
}

/// The unit lists before `start` in the same clause, each closed by ";" or "," and read whole,
/// back over line breaks: "Chánh Văn phòng UBND tỉnh; Giám đốc các sở, ban, ngành;\nChủ tịch
/// UBND các xã … chịu trách nhiệm thi hành" (the execution article of a Quyết định lists those
/// answerable over several lines, parted by semicolons). At most 8 lists; a sentence end,
/// a colon or a blank line stops it.
fn earlier_lists(doc: &Doc, start: usize) -> Vec<Range<usize>> {
    let (t, low) = (doc.text(), doc.lower());
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut end = start;
    for _ in 0..8 {
        let before = t[..end].trim_end_matches([' ', '\n']);
        if t[before.len()..end].contains("\n\n") || !before.ends_with([';', ',']) {
            break;
        }
        let seg_end = t[..before.len() - 1].trim_end().len();
        // The list starts after the previous mark, over line breaks but not a blank line.
        let line_start = t[..seg_end].rfind('\n').map_or(0, |i| i + 1);
        let from = match t[..seg_end].rfind([';', '.', ':']) {
            Some(i) if !t[i..seg_end].contains("\n\n") => i + 1,
            Some(i) => (i + 1).max(line_start),
            None => line_start,
        };
        let seg_start = from + (t[from..seg_end].len() - t[from..seg_end].trim_start().len());
        if seg_start >= seg_end {
            break;
        }
        let o = Opts { vocab: &doc.lex.unit_vocab, limit: seg_end, need_cap: true, table: false };
        let us = units_at(t, low, seg_start, &o);
        if us.first().is_none_or(|u| u.start != seg_start) || us.last().is_none_or(|u| u.end != seg_end) {
            break;
        }
        out.splice(0..0, us);
        end = seg_start;
    }
    out
}

/// The persons a decision names, closing the list of those answerable for it (lowercase).
static NAMED_IN_ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:,\s*|\s+và\s+)?
        (?P<who>(?:các\s+)?(?:ông\s*\(bà\)|ông,?\s*bà|cá\s+nhân|thành\s+viên|đồng\s+chí)\s+
          có\s+tên\s+(?:tại|ở|trong)\s+điều\s+\d+)                  # các ông (bà) có tên tại Điều 1
        \s*$",
    )
    .expect("NAMED_IN_ARTICLE")
});

/// Role words in running text.
pub fn extract(doc: &Doc, lines: &Lines, out: &mut Vec<Found>) {
    let (t, low) = (doc.text(), doc.lower());
    for &(ls, l) in lines {
        if l.is_empty() || FIELD.is_match(&low[ls..ls + l.len()]) {
            continue;
        }
        let le = ls + l.len();
        let ll = &low[ls..le];
        let task_of = |r: &Range<usize>| Some(summarize(&t[r.clone()]));
        // "Chánh Văn phòng UBND tỉnh, Giám đốc các Sở … chịu trách nhiệm thi hành Quyết định này".
        for cue in RESPONSIBLE_CUES.iter() {
            for i in occurrences(ll, cue) {
                let p = ls + i;
                let sc = sentence(t, ls, le, p);
                let mut us = subject(doc, ls, p);
                if let Some(first) = us.first() {
                    us.splice(0..0, earlier_lists(doc, first.start));
                }
                for u in us {
                    out.push(Found::new(u, Role::Lead, task_of(&sc), sc.clone()));
                }
            }
        }
        for i in occurrences(ll, &CHU_TRI) {
            let p = ls + i;
            let sc = sentence(t, ls, le, p);
            for u in subject(doc, ls, p) {
                out.push(Found::new(u, Role::Lead, task_of(&sc), sc.clone()));
            }
        }
        for i in occurrences(ll, &PHOI_HOP) {
            let p = ls + i;
            let sc = sentence(t, ls, le, p);
            let before = ll[..i].trim_end();
            if !before.ends_with("chủ trì,") && !before.ends_with("chủ trì") {
                for u in subject(doc, ls, p) {
                    out.push(Found::new(u, Role::Support, task_of(&sc), sc.clone()));
                }
            }
            let mut q = p + "phối hợp".len();
            for w in [" chặt chẽ", " với", " cùng", " thực hiện với"] {
                if low[q..le].starts_with(w) {
                    q += w.len();
                }
            }
            let q = q + (low[q..le].len() - low[q..le].trim_start().len());
            for u in units_at(t, low, q, &Opts { vocab: &doc.lex.unit_vocab, limit: le, need_cap: false, table: false })
            {
                out.push(Found::new(u, Role::Support, task_of(&sc), sc.clone()));
            }
        }
        // "Giao Sở Xây dựng theo dõi …", "Đề nghị Ủy ban MTTQ xã …", "Yêu cầu UBND các xã …" at the
        // start of a clause: the units named are the lead of that clause's task.
        for cue in ASSIGN_CUES.iter() {
            for i in occurrences(ll, cue) {
                let before = ll[..i].trim_end_matches(|c: char| c.is_ascii_digit() || "-+•.)( ".contains(c));
                // At a clause's start, or after the unit that asks ("Thủ tướng Chính phủ yêu cầu …").
                if !(before.is_empty() || before.ends_with(['.', ';', ':']) || !subject(doc, ls, ls + i).is_empty()) {
                    continue;
                }
                let q = ls + i + cue.word.len();
                let q = q + (low[q..le].len() - low[q..le].trim_start().len());
                let us =
                    units_at(t, low, q, &Opts { vocab: &doc.lex.unit_vocab, limit: le, need_cap: true, table: false });
                let Some(last) = us.last() else { continue };
                let rest = t[last.end..le].trim_start_matches([' ', ':', ',']);
                let verb = doc.lex.unit_vocab.at(low, le - rest.len()).is_some_and(|(_, k)| k & VERB != 0);
                if !(rest.is_empty() || rest.starts_with(char::is_lowercase) || verb) {
                    continue;
                }
                // On an item's heading line the task is the item; else the sentence.
                let item = doc.structure.item_at(ls).filter(|it| it.heading.start == ls);
                let sc = item.map_or_else(|| sentence(t, ls, le, q), |it| it.range.clone());
                let task = if rest.chars().count() > 8 {
                    Some(summarize(rest))
                } else {
                    item.and_then(|it| t[it.heading.end..it.range.end].lines().find(|x| x.trim().chars().count() > 8))
                        .map(summarize)
                };
                let role = super::role_of_predicate(rest);
                for u in us {
                    out.push(Found::new(u, role, task.clone(), sc.clone()));
                }
            }
        }
        // Recipients named in passing.
        for (cue, cap) in RECIPIENT_CUES.iter() {
            let (w, cap) = (cue.word, *cap);
            for i in cue.find_iter(ll) {
                if i > 0 && ll[..i].chars().next_back().is_some_and(char::is_alphanumeric) {
                    continue;
                }
                // "báo cáo … về X", "chuyển (đơn) đến X": the clause must send something.
                if w == "về " || w == "đến " {
                    let clause_start = ll[..i].rfind([';', '.', ':']).map_or(0, |x| x + 1);
                    let c = &ll[clause_start..i];
                    let sends = if w == "về " {
                        &["báo cáo", "gửi", "phản ánh"][..]
                    } else {
                        &["chuyển", "gửi"][..]
                    };
                    if !sends.iter().any(|x| c.contains(x)) {
                        continue;
                    }
                }
                let q = ls + i + w.len();
                let sc = sentence(t, ls, le, q);
                for u in
                    units_at(t, low, q, &Opts { vocab: &doc.lex.unit_vocab, limit: le, need_cap: cap, table: false })
                {
                    out.push(Found::new(u, Role::Mentioned, None, sc.clone()));
                }
            }
        }
    }
}
