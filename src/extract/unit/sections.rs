//! Items of "TỔ CHỨC THỰC HIỆN" (also "PHÂN CÔNG NHIỆM VỤ", "TRÁCH NHIỆM THỰC
//! HIỆN"): "1. Văn phòng UBND xã" + body lines, "2. Sở Nội vụ thường xuyên theo
//! dõi …", "5. Các thôn, Ban công tác Mặt trận, …:"; sub-bullets naming
//! another unit ("- Bộ phận Văn hóa - Xã hội …: Chủ động …"); and anywhere,
//! "N. Trách nhiệm của X" headings.

use super::phrase::{units_at, Opts};
use super::{summarize, Found, Lines};
use crate::extract::Doc;
use crate::record::Role;
use crate::structure::landmark;
use regex::Regex;
use std::sync::LazyLock;

/// Item markers: "1. " (not "1.1."), "a) ".
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
          (?P<num>\d{1,2})\.\s+                 # 1. Văn phòng UBND xã
         |(?P<let>[a-zđ])\)\s+                  # a) Sở Tài chính
        )",
    )
    .expect("ITEM")
});

/// Words that introduce the unit of an item: "Đề nghị Ủy ban MTTQ …", "Giao Sở Tư pháp …".
const LEADS: [&str; 6] = ["đề nghị ", "giao ", "yêu cầu ", "trách nhiệm của ", "trách nhiệm ", "nhiệm vụ của "];

/// Words of section titles that describe rather than assign (their items are not units' tasks).
const DESCRIPTIVE: [&str; 9] =
    ["mục đích", "yêu cầu", "tình hình", "kết quả", "đánh giá", "căn cứ", "quan điểm", "mục tiêu", "sự cần thiết"];

/// Verbs and role words that start the task part of a heading ("Sở Nội vụ chủ trì …").
const TASK_WORDS: [&str; 20] = [
    "chủ trì",
    "phối hợp",
    "thực hiện",
    "tham mưu",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "căn cứ",
    "triển khai",
    "tổ chức",
    "xây dựng",
    "theo dõi",
    "chỉ đạo",
    "hướng dẫn",
    "báo cáo",
    "tăng cường",
    "chủ động",
    "rà soát",
    "đẩy mạnh",
    "quán triệt",
    "tiếp tục",
];

/// Verbs that make a bullet's leading unit its subject ("- Sở Nội vụ chủ trì …", "- Đồng chí Chủ
/// tịch … lãnh đạo, chỉ đạo chung …").
const SUBJECT_VERBS: [&str; 14] = [
    "chủ trì",
    "phối hợp",
    "lãnh đạo",
    "chỉ đạo",
    "tham mưu",
    "thực hiện",
    "theo dõi",
    "hướng dẫn",
    "chịu trách nhiệm",
    "có trách nhiệm",
    "chủ động",
    "triển khai",
    "tổ chức",
    "phụ trách",
];

/// A field line under a task: "Thời gian hoàn thành: …", "Kết quả: …", "Đơn vị phối hợp: …" (lowercase).
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
           thời\ (?:gian|hạn)|tiến\ độ                      # Thời gian thực hiện:
          |kết\ quả|sản\ phẩm|kinh\ phí|hình\ thức           # Kết quả: / Sản phẩm:
          |(?:đơn\ vị|cơ\ quan|bộ\ phận)\ (?:chủ\ trì|phối\ hợp|thực\ hiện)  # Đơn vị chủ trì:
          |chủ\ trì|phối\ hợp                                # Chủ trì:
        )[^:]{0,30}:",
    )
    .expect("FIELD")
});

/// Where a section ends: the next section heading, the closing sentence, the "Nơi nhận"
/// block or the signature (the landmark rules of [`crate::structure::landmark`]).
fn ends_section(line: &str) -> bool {
    landmark::section_heading(line).is_some()
        || landmark::is_recipients(line)
        || landmark::is_closing(line)
        || landmark::is_authority(line)
}

/// The units heading item `lines[i]` and the text after them on the line.
fn heading_units(doc: &Doc, lines: &Lines, i: usize, limit: usize) -> Option<(Vec<std::ops::Range<usize>>, usize)> {
    let (ls, line) = lines.get(i)?;
    let m = ITEM.find(line)?;
    let mut p = ls + m.end();
    let low = doc.lower();
    for w in LEADS {
        if low[p..].starts_with(w) {
            p += w.len();
            break;
        }
    }
    let units = units_at(doc.text(), low, p, &Opts { vocab: &doc.lex.unit_vocab, limit, need_cap: true, table: false });
    let e = units.last()?.end;
    let rest = doc.text()[e..].trim_start_matches(' ');
    let ok =
        rest.is_empty() || rest.starts_with(['\n', ':', '.', '(', ',']) || rest.starts_with(|c: char| c.is_lowercase());
    ok.then_some((units, e))
}

/// Assignments from unit-headed items: the top-level items of every task section of
/// the document's structure ("III. TỔ CHỨC THỰC HIỆN" and its kin), and anywhere else a
/// numbered "N. Trách nhiệm của X" heading.
pub fn extract(doc: &Doc, lines: &Lines, out: &mut Vec<Found>) {
    let st = &doc.structure;
    let line_of = |pos: usize| lines.partition_point(|(s, _)| *s <= pos).saturating_sub(1);
    let mut in_task_section = vec![false; lines.len()];
    for sec in st.sections.iter().filter(|s| s.tasks) {
        let (a, b) = (line_of(sec.range.start), line_of(sec.range.end.saturating_sub(1)));
        in_task_section[a..=b.min(lines.len() - 1)].iter_mut().for_each(|x| *x = true);
    }
    for it in st.task_items().filter(|it| it.depth == 0) {
        let i = line_of(it.heading.start);
        let end = (line_of(it.range.end.saturating_sub(1)) + 1).max(i + 1).min(lines.len());
        if lines[i].1.is_empty() {
            continue; // blanked: inside the closing block
        }
        item(doc, lines, i, end, out);
    }
    // Outside task sections (a Công điện, a Chỉ thị, a Công văn numbered by addressee), a
    // top-level item whose heading opens with units and then their task
    // ("2. Ủy ban nhân dân các tỉnh, thành phố: tập trung …"), unless its section describes
    // rather than assigns (mục đích, yêu cầu, tình hình, kết quả …).
    for it in st.items.iter().filter(|it| it.depth == 0 && !it.section.is_some_and(|s| st.sections[s].tasks)) {
        let descriptive = it.section.is_some_and(|s| {
            let t = st.sections[s].title.to_lowercase();
            DESCRIPTIVE.iter().any(|w| t.contains(w))
        });
        let i = line_of(it.heading.start);
        if descriptive || lines[i].1.is_empty() {
            continue;
        }
        let end = (line_of(it.range.end.saturating_sub(1)) + 1).max(i + 1).min(lines.len());
        item(doc, lines, i, end, out);
    }
    let low = doc.lower();
    for (i, &(ls, l)) in lines.iter().enumerate() {
        if in_task_section[i] || l.len() >= 150 || ITEM.find(l).is_none() {
            continue;
        }
        // "2. Trách nhiệm của Sở Nội vụ" anywhere.
        if low[ls..ls + l.len()].contains("trách nhiệm") {
            let end = section_item_end(lines, i, None);
            item(doc, lines, i, end, out);
        }
    }
}

/// The line index after item `i` (next item of the same kind, or section end).
fn section_item_end(lines: &Lines, i: usize, kind: Option<bool>) -> usize {
    let mut j = i + 1;
    while j < lines.len() && !ends_section(lines[j].1) {
        if let Some(c) = ITEM.captures(lines[j].1) {
            if kind.is_none_or(|k| k == c.name("num").is_some()) {
                break;
            }
        }
        j += 1;
    }
    j
}

/// One item: lines `i..end`.
fn item(doc: &Doc, lines: &Lines, i: usize, end: usize, out: &mut Vec<Found>) {
    let t = doc.text();
    let item_start = lines[i].0;
    let item_end = lines.get(end - 1).map_or(t.len(), |(s, l)| s + l.len());
    let Some((mut units, mut e)) = heading_units(doc, lines, i, item_end) else {
        return;
    };
    // "3. Cán bộ phụ trách lĩnh vực giám sát và phản biện xã hội" ⏎ "- Tham mưu …": a heading
    // that is only a name, with the tasks below, is the name whole.
    let heading_end = lines[i].0 + lines[i].1.len();
    if units.len() == 1 && e < heading_end && end > i + 1 {
        let rest = &t[e..heading_end];
        let rest_trim = rest.trim_end_matches([' ', ':']);
        let lower_rest = doc.lower()[e..e + rest_trim.len()].trim_start();
        if rest.starts_with(' ')
            && rest_trim.trim_start().starts_with(char::is_lowercase)
            && !rest_trim.ends_with('.')
            && rest_trim.chars().count() <= 90
            && !TASK_WORDS.iter().any(|w| lower_rest.starts_with(w) || lower_rest.contains(&format!(" {w}")))
            && !["có ", "được ", "gồm ", "là "].iter().any(|w| lower_rest.starts_with(w))
            && !lower_rest.contains("nhiệm vụ")
        {
            // … up to a comma before another unit ("4. Các Sở, ban, ngành của Thành phố, UBND
            // phường, xã": two units).
            let low = doc.lower();
            let next = rest_trim.match_indices([',', ';']).map(|(j, _)| e + j).find(|&j| {
                let r = j + 1 + (low[j + 1..].len() - low[j + 1..].trim_start_matches(' ').len());
                doc.lex.unit_vocab.head(low, r).is_some()
            });
            units[0].end = next.unwrap_or(e + rest_trim.len());
            e = units[0].end;
            if let Some(j) = next {
                let r = j + 1 + (low[j + 1..].len() - low[j + 1..].trim_start_matches(' ').len());
                let o = Opts { vocab: &doc.lex.unit_vocab, limit: heading_end, need_cap: false, table: false };
                let more = units_at(t, low, r, &o);
                if let Some(last) = more.last() {
                    e = last.end;
                    units.extend(more);
                }
            }
        }
    }
    // Line holding the end of the names (a name may wrap onto the next line).
    let mut k = i;
    while k + 1 < end && lines[k + 1].0 <= e {
        k += 1;
    }
    let line_end = lines[k].0 + lines[k].1.len();
    let mut tasks: Vec<(Option<String>, std::ops::Range<usize>)> = Vec::new();
    // The names may end past the item's last line (a heading that is the whole item).
    let rest = t[e.min(line_end)..line_end].trim_start_matches([' ', ':', ',', '.']);
    let role_only = rest.ends_with(':') && rest.chars().count() < 40;
    let mut heading_role = Role::Lead;
    let tasks_from_heading = rest.chars().count() > 8 && !rest.starts_with('(') && !role_only;
    if tasks_from_heading {
        tasks.push((Some(summarize(rest)), item_start..line_end));
        heading_role = super::role_of_predicate(rest);
    }
    let mut subs: Vec<Found> = Vec::new();
    for (ls, line) in lines.iter().take(end).skip(k + 1) {
        let le = ls + line.len();
        let body = line.trim_start_matches(['-', '+', '•', '*', ' ']);
        let bp = le - body.len();
        if bp > *ls {
            // "- Bộ phận Văn hóa - Xã hội …: Chủ động …" names its own unit.
            let su = units_at(
                t,
                doc.lower(),
                bp,
                &Opts { vocab: &doc.lex.unit_vocab, limit: le, need_cap: true, table: false },
            );
            if let Some(last) = su.last() {
                if t[last.end..le].trim_start().starts_with(':') {
                    let task = t[last.end..le].trim_start().trim_start_matches([':', ' ']);
                    for u in su {
                        subs.push(Found::new(u, Role::Lead, Some(summarize(task)), *ls..le));
                    }
                    continue;
                }
                // "- Đồng chí Phó Chủ tịch Thường trực … chỉ đạo trực tiếp …": a bullet whose
                // subject is a unit or an office, then its task.
                let rest = t[last.end..le].trim_start();
                let low_rest = &doc.lower()[le - rest.len()..le];
                if su[0].start == bp
                    && rest.chars().count() > 8
                    && SUBJECT_VERBS.iter().any(|w| low_rest.starts_with(w))
                {
                    let role = super::role_of_predicate(rest);
                    // One comrade with several offices ("Đồng chí Ủy viên Ban Thường vụ Đảng ủy,
                    // Chủ tịch Ủy ban MTTQ xã"): the last office is the one that acts.
                    let low = doc.lower();
                    let one_person = low[bp..].starts_with("đồng chí ") || low[bp..].starts_with("đ/c ");
                    let su = if one_person { su[su.len() - 1..].to_vec() } else { su };
                    for u in su {
                        subs.push(Found::new(u, role, Some(summarize(rest)), *ls..le));
                    }
                    continue;
                }
            }
        }
        // "- Thời gian thực hiện: Quý I/2026", "- Kết quả: …" describe the task above; they are not tasks.
        if body.chars().count() > 8 && !FIELD.is_match(&doc.lower()[le - body.len()..le]) {
            tasks.push((Some(summarize(body)), *ls..le));
        }
    }
    if tasks.is_empty() {
        tasks.push((None, item_start..item_end));
    } else {
        tasks[0].1.start = item_start;
    }
    // Task by task, the units in their order (so a list stays together: see `lists_in`).
    for (n, (task, scope)) in tasks.iter().enumerate() {
        // Each task's own predicate: "- Tiếp tục phối hợp với …" under "2. Giao Sở Nội vụ".
        let role = match task {
            _ if n == 0 && heading_role == Role::Support => Role::Support,
            Some(task) if n > 0 || !tasks_from_heading => super::role_of_predicate(task),
            _ => Role::Lead,
        };
        for u in &units {
            out.push(Found::new(u.clone(), role, task.clone(), scope.clone()));
        }
    }
    out.extend(subs);
}
