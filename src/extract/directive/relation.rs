//! What each citation means: the [`Relation`] its clause states between the citing
//! document and the cited one (`docs/relations.md` is the vocabulary).
//!
//! **Reads** the clause of each mention — from the last clause boundary (a new line, `;`,
//! a table cell, a sentence end) to the mention — in this order:
//! 1. a clause led by "Căn cứ" / "Trên cơ sở" is `basis` for everything it names;
//! 2. a mention that follows another citation of its clause (a list, or a document named in
//!    another's description: "Thực hiện Kế hoạch số 12/KH-UBND … về thực hiện Chỉ thị 33")
//!    takes that citation's relation, unless a cue between them says otherwise ("… về sơ
//!    kết Chỉ thị 33" → `reference`);
//! 3. else the last cue before it: "thực hiện", "triển khai", "cụ thể hóa" → `implements`;
//!    "hướng dẫn thực hiện" → `guides`; "thay thế", "bãi bỏ", "sửa đổi, bổ sung" said by the
//!    document itself → `replaces`, `repeals`, `amends`; "theo quy định tại", "tuyên
//!    truyền", a review ("sơ kết … thực hiện") → `reference`; "… hết hiệu lực kể từ" after
//!    it → `repeals`;
//! 4. else the lead of the list it continues ("Căn cứ:" above "- Chỉ thị …;"), or a section
//!    headed "Căn cứ …" → `basis`; else `reference`.
//!
//! **Example**: "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\nThực hiện Chỉ
//! thị số 33/CT-TTg …" → the law's mention `{"relation":"basis"}`, 33/CT-TTg's
//! `{"relation":"implements"}`; the directive's `"relations":["implements"]`.
//!
//! **Limits**: one clause is read, never the paragraph's argument: "Ngày 12/3, UBND tỉnh
//! ban hành Chỉ thị 05 …, vì vậy UBND xã thực hiện …" gives `reference` to 05. The subject of
//! a "thay thế" is the document only when no other citation precedes the verb in its clause.

use crate::record::Relation;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// How far (bytes) after a clause's start a basis lead's first citation may stand:
/// "Căn cứ quy định tại khoản 5 Điều 1 Nghị định số …".
const LEAD_REACH: usize = 60;

/// "theo" right before a cited document: an action done according to it, not carrying it out.
static THEO_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\btheo\s+(?:đúng\s+)?(?:các\s+)?(?:(?:bộ\ luật|luật|nghị\ định|nghị\ quyết|quyết\ định|chỉ\ thị|thông\ tư|kết\ luận
          |kế\ hoạch|hướng\ dẫn|quy\ định|quy\ chế(?:\ phối\ hợp)?|công\ văn|văn\ bản|thông\ báo|chương\ trình|đề\ án|công\ điện)
          (?:\s+(?:số|liên\ tịch))?)?\s*:?\s*$",
    )
    .expect("THEO_BEFORE")
});

/// Carrying out what a document sets: "thực hiện … các nhiệm vụ, giải pháp", "cơ chế, chính sách".
static TASKS_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:thực\ hiện|triển\ khai|hoàn\ thành)\b.{0,120}?\b(?:nhiệm\ vụ|giải\ pháp|chính\ sách|mục\ tiêu|chỉ\ tiêu)\b",
    )
    .expect("TASKS_OF")
});

/// A document kind opening a basis lead's object ("Căn cứ Luật Bầu cử … số 85/2015/QH13").
static KIND_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:các\s+)?(?:bộ\ luật|luật|hiến\ pháp|pháp\ lệnh|nghị\ định|nghị\ quyết|quyết\ định|chỉ\ thị|thông\ tư|kết\ luận
          |kế\ hoạch|hướng\ dẫn|quy\ định|quy\ chế|công\ văn|văn\ bản|thông\ báo|chương\ trình|đề\ án|công\ điện)\b",
    )
    .expect("KIND_FIRST")
});

/// Provision references between a lead and its citation ("quy định tại điểm e khoản 1 Điều 39,").
static PROVISIONS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:quy\ định\ tại|theo|tại|của|các)?\s*(?:điểm|khoản|điều|mục|chương|phần|phụ\ lục)\s+[\w\.]+\s*(?:,|và)?\s*",
    )
    .expect("PROVISIONS")
});

/// What a clause opens with, after list markers, "Điều N." and "Về việc".
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?:[\s\-\+\*•–—\x22“(]|(?:\d{1,2}|[ivxlc]{1,5}|[a-zđ])[\.\)]\s|điều\s+\d+[a-zđ]?\s*[\.:]\s*)*
        (?:về\ việc\s+|v/v\s+|về\s+)?
        (?:
            (?P<basis>căn\ cứ|trên\ cơ\ sở|cơ\ sở\ pháp\ lý|dựa\ (?:trên|vào))
          | (?P<replaces>thay\ thế)
          | (?P<repeals>bãi\ bỏ|hủy\ bỏ)
          | (?P<amends>sửa\ đổi)
          | (?P<reference>xét|theo\ đề\ nghị|theo\ đề\ xuất)
          | (?P<implements>(?:(?:để|nhằm|tiếp\ tục|kịp\ thời|tổ\ chức|khẩn\ trương|nghiêm\ túc|quán\ triệt(?:\ và|,)?)\s+)*
                           (?:triển\ khai|thực\ hiện|cụ\ thể\ hóa|thi\ hành))
        )",
    )
    .expect("LEAD")
});

/// The cues a clause may hold before a mention; the last one before it counts.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(?:
            (?P<review>(?:sơ\ kết|tổng\ kết|đánh\ giá|kết\ quả|tình\ hình)
                       (?:\s+\S+){0,6}?\s+(?:thực\ hiện|triển\ khai|thi\ hành))
          | (?P<basis>căn\ cứ|trên\ cơ\ sở|dựa\ (?:trên|vào))
          | (?P<guides>hướng\ dẫn\ (?:triển\ khai\ )?(?:thực\ hiện|thi\ hành))
          | (?P<implements>triển\ khai|thực\ hiện|cụ\ thể\ hóa|thi\ hành)
          | (?P<replaces>thay\ thế)
          | (?P<repeals>bãi\ bỏ|hủy\ bỏ)
          | (?P<amends>sửa\ đổi,?\ bổ\ sung|sửa\ đổi\ (?:một\ số|điều|khoản|quy))
          | (?P<reference>quy\ định\ tại|theo\ (?:đúng\ )?quy\ định|được\ quy\ định|tuân\ thủ|theo\ (?:khoản|điểm|điều|mục)
                        |tại\ (?:khoản|điểm|điều|mục|phụ\ lục)|tuyên\ truyền|phổ\ biến|giới\ thiệu|theo\ tinh\ thần
                        |(?:theo|xét)\ (?:đề\ nghị|đề\ xuất|báo\ cáo|tờ\ trình)|nhận\ được|công\ bố\ tại|được\ công\ bố
                        |theo\ hướng\ dẫn|hướng\ dẫn\ tại|phù\ hợp\ với|phê\ duyệt\ tại|nghiên\ cứu|xem\ xét|rà\ soát
                        |(?:kế\ hoạch|quyết\ định|chỉ\ thị|văn\ bản|chương\ trình|đề\ án|nghị\ quyết|quy\ định|hướng\ dẫn)\ này)
        )",
    )
    .expect("CUE")
});

/// "… hết hiệu lực kể từ ngày …" after a mention: the document repeals it.
static VOID_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)(?:^|[^ã]\s)hết\ hiệu\ lực\s+(?:thi\ hành\s+)?(?:kể\ từ|từ|khi)").expect("VOID_AFTER")
});

/// A kind word (with its number) right before a cue: the cue is part of a cited
/// document's name ("Luật sửa đổi, bổ sung …", "Nghị định số 12 thay thế …").
static NAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)(?:luật|nghị\ định|nghị\ quyết|thông\ tư|quyết\ định|pháp\ lệnh|chỉ\ thị|kế\ hoạch|quy\ định|quy\ chế)(?:\s+số\s+\S+)?\s*$")
        .expect("NAME_BEFORE")
});

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cue {
    Review,
    Guides,
    Implements,
    Basis,
    Replaces,
    Repeals,
    Amends,
    Reference,
}

/// The relation of every citation, given their ranges in `lower` (the lowercased text,
/// same offsets) sorted by start, and the headings (lowercased) an offset stands under,
/// asked only when nothing in the text around a citation decides.
pub(crate) fn classify(
    text: &str,
    lower: &str,
    cites: &[Range<usize>],
    headings: &dyn Fn(usize) -> Option<String>,
) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::with_capacity(cites.len());
    for (i, r) in cites.iter().enumerate() {
        let cs = clause_start(text, lower, r.start);
        let rel = relation_of(text, lower, cites, &out, i, cs, headings);
        out.push(rel);
    }
    out
}

fn relation_of(
    text: &str,
    lower: &str,
    cites: &[Range<usize>],
    done: &[Relation],
    i: usize,
    cs: usize,
    headings: &dyn Fn(usize) -> Option<String>,
) -> Relation {
    let r = &cites[i];
    let clause = &lower[cs..r.start];
    let (lead, lead_end) = lead_of(clause).map_or((None, cs), |(l, e)| (Some(l), cs + e));
    // "Căn cứ Luật …": a basis lead followed by a citation (provisions aside: "Căn cứ điểm e
    // khoản 1 Điều 39, khoản 2 Điều 44 Nghị định …") covers the whole clause; "Trên cơ sở
    // kết quả khảo sát, Sở … theo quy định tại Thông tư …" does not.
    if lead == Some(Relation::Basis) {
        // (citations are sorted by start: binary searches keep a citation-dense law linear)
        let first = cites.get(cites.partition_point(|c| c.start < cs)).map_or(r.start, |c| c.start.min(r.start));
        let gap = PROVISIONS.replace_all(&lower[lead_end.min(first)..first], "");
        if gap.trim().len() <= LEAD_REACH || KIND_FIRST.is_match(gap.trim_start()) {
            return Relation::Basis;
        }
    }
    let lead = lead.filter(|l| *l != Relation::Basis);
    // "Bãi bỏ nội dung … tại Mục A, Phụ lục … kèm theo Quyết định số …": the document's own
    // act leads the clause.
    if let Some(own @ (Relation::Replaces | Relation::Repeals | Relation::Amends)) = lead {
        return own;
    }
    if let Some(rel) = void_after(lower, cites, i) {
        return rel;
    }
    // The nearest earlier citation of the same clause hosts this one.
    let host = (0..i).rev().take_while(|&k| cites[k].start >= cs).find(|&k| cites[k].end <= r.start);
    match host {
        Some(h) => {
            let from = cites[h].end;
            match last_cue(lower, from, r.start) {
                None => done[h],
                Some((Cue::Implements | Cue::Guides, _)) if done[h].relies() => done[h],
                Some((Cue::Guides, _)) => Relation::Reference,
                Some((Cue::Basis, _)) => Relation::Basis,
                Some((Cue::Replaces | Cue::Repeals | Cue::Amends, at)) if lower[from..at].contains("này") => {
                    self_action(lower, at, cs).unwrap_or(Relation::Reference)
                }
                // "Luật số 97/2025/QH15 về sửa đổi, bổ sung … Luật Công đoàn": the host's act.
                Some((Cue::Replaces | Cue::Repeals | Cue::Amends, _)) if done[h].relies() => done[h],
                Some(_) => Relation::Reference,
            }
        }
        // "… theo Quy chế phối hợp số 49/…", "theo Công văn số 5451/…": done according to it.
        // (But "thực hiện các nhiệm vụ, giải pháp … theo Nghị quyết số 347/NQ-CP" carries out
        // the tasks the resolution sets.)
        None if THEO_BEFORE.is_match(&lower[cs..r.start]) => {
            // (the tasks "của kế hoạch này" are the document's own: done according to the law)
            let own_tasks =
                TASKS_OF.find(&lower[cs..r.start]).is_some_and(|m| lower[cs + m.end()..r.start].contains(" này"));
            if TASKS_OF.is_match(&lower[cs..r.start]) && !own_tasks {
                Relation::Implements
            } else {
                Relation::Reference
            }
        }
        None => match last_cue(lower, cs, r.start) {
            Some((Cue::Implements, _)) => Relation::Implements,
            // "Hướng dẫn thực hiện Nghị định …" opening a clause (a title, a guidance's purpose)
            // is the document's guidance; a unit's task "Sở Nội vụ hướng dẫn thực hiện …" in a
            // plan carries it out.
            Some((Cue::Guides, at)) if lead_of(&lower[cs..at + 1]).is_none() && at - cs <= 12 => Relation::Guides,
            Some((Cue::Guides, _)) => Relation::Implements,
            Some((Cue::Basis, _)) => Relation::Basis,
            Some((Cue::Review | Cue::Reference, _)) => Relation::Reference,
            Some((_, at)) => self_action(lower, at, cs).unwrap_or(Relation::Reference),
            None => lead
                .or_else(|| inherited(text, lower, cites, done, cs))
                .or_else(|| headings(r.start).filter(|s| is_basis_heading(s)).map(|_| Relation::Basis))
                .unwrap_or(Relation::Reference),
        },
    }
}

/// The lead relation of a clause, with the offset (in the clause) where the lead ends.
fn lead_of(clause: &str) -> Option<(Relation, usize)> {
    let c = LEAD.captures(clause)?;
    let rel = if c.name("basis").is_some() {
        Relation::Basis
    } else if c.name("replaces").is_some() {
        Relation::Replaces
    } else if c.name("repeals").is_some() {
        Relation::Repeals
    } else if c.name("amends").is_some() {
        Relation::Amends
    } else if c.name("reference").is_some() {
        Relation::Reference
    } else {
        Relation::Implements
    };
    Some((rel, c.get(0).map_or(0, |m| m.end())))
}

/// "Căn cứ xây dựng kế hoạch", "Cơ sở pháp lý": a section whose items are the plan's ground.
fn is_basis_heading(title: &str) -> bool {
    title.contains("căn cứ") || title.contains("cơ sở pháp lý") || title.contains("cơ sở chính trị")
}

/// The last cue in `lower[from..to]`, with its offset.
fn last_cue(lower: &str, from: usize, to: usize) -> Option<(Cue, usize)> {
    let window = &lower[from..to];
    // "các văn bản hướng dẫn thi hành", "theo hướng dẫn thực hiện": a noun, not the verb.
    let noun = |c: &regex::Captures| {
        c.name("guides").is_some_and(|g| {
            let b = window[..g.start()].trim_end();
            ["văn bản", "các", "những", "theo", "tại", "và"].iter().any(|w| b.ends_with(w))
        })
    };
    let c = CUE.captures_iter(window).filter(|c| !noun(c)).last()?;
    let at = from + c.get(0).map_or(0, |m| m.start());
    let cue = if c.name("review").is_some() {
        Cue::Review
    } else if c.name("guides").is_some() {
        Cue::Guides
    } else if c.name("implements").is_some() {
        Cue::Implements
    } else if c.name("basis").is_some() {
        Cue::Basis
    } else if c.name("replaces").is_some() {
        Cue::Replaces
    } else if c.name("repeals").is_some() {
        Cue::Repeals
    } else if c.name("amends").is_some() {
        Cue::Amends
    } else {
        Cue::Reference
    };
    Some((cue, at))
}

/// A "thay thế" / "bãi bỏ" / "sửa đổi, bổ sung" at `at` said by the document itself, not
/// part of a cited document's name.
fn self_action(lower: &str, at: usize, cs: usize) -> Option<Relation> {
    let before = &lower[cs..at];
    if NAME_BEFORE.is_match(before) && !before.trim_end().ends_with("này") {
        return None;
    }
    // "Kiến nghị Bộ … bãi bỏ …", "tham mưu UBND tỉnh sửa đổi …": asked of someone else.
    if ["kiến nghị", "đề nghị", "đề xuất", "yêu cầu", "tham mưu", "trình "].iter().any(|w| before.contains(w))
    {
        return None;
    }
    // "Điều lệ (sửa đổi, bổ sung)", "được sửa đổi, bổ sung tại …": a description, not an act.
    let b = before.trim_end();
    if b.ends_with('(') || b.ends_with("được") || b.ends_with("đã") || b.ends_with("đã được") {
        return None;
    }
    let rest = &lower[at..];
    Some(if rest.starts_with("thay") {
        Relation::Replaces
    } else if rest.starts_with("bãi") || rest.starts_with("hủy") {
        Relation::Repeals
    } else {
        Relation::Amends
    })
}

/// "Quyết định số 12/QĐ-UBND … hết hiệu lực kể từ ngày …": read up to the next citation or
/// the clause's end.
fn void_after(lower: &str, cites: &[Range<usize>], i: usize) -> Option<Relation> {
    let from = cites[i].end;
    let mut to = clause_end(lower, from);
    if let Some(next) = cites.get(i + 1).filter(|n| n.start >= from) {
        to = to.min(next.start);
    }
    VOID_AFTER.is_match(&lower[from..to]).then_some(Relation::Repeals)
}

/// Where the clause holding `pos` starts: after the last new line, `;`, table bar or
/// sentence end before it. A new line inside a sentence (a wrapped line: "khoản⏎2 Điều
/// 44", the line before ends without punctuation and the next starts in lowercase or with
/// a number that is not a list marker) does not end a clause.
fn clause_start(text: &str, lower: &str, pos: usize) -> usize {
    let head = &lower[..pos];
    let mut best = 0;
    let mut end = head.len();
    while let Some(i) = head[..end].rfind(['\n', ';', '|']) {
        if head.as_bytes()[i] != b'\n' || !soft_wrap(text, i) {
            best = i + 1;
            break;
        }
        end = i;
    }
    // a sentence end: ". " after a word that is not a one- or two-letter abbreviation
    // ("tp.") or after a closing bracket or quote
    let mut from = best;
    while let Some(j) = head[from..].find(". ") {
        let abs = from + j;
        let word = lower[..abs].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if word.is_empty() || word.chars().count() > 2 || word.chars().all(|c| c.is_ascii_digit()) {
            best = abs + 2;
        }
        from = abs + 2;
    }
    best
}

/// Words a line cannot end on when the sentence goes on: a verb or preposition before its object.
const WANTS_OBJECT: &[&str] =
    &["hiện", "khai", "nghiêm", "cứ", "tại", "theo", "của", "và", "về", "số", "hóa", "các", "những", "với", "túc"];

/// Whether the new line at `i` wraps a sentence rather than ending a line of its own.
fn soft_wrap(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches([' ', '\t']);
    let Some(last) = before.chars().next_back() else { return false };
    if !(last.is_alphanumeric() || last == ',') {
        return false;
    }
    let after = text[i + 1..].trim_start_matches([' ', '\t']);
    // "Để tiếp tục thực hiện nghiêm ⏎ Chỉ thị số 05/CT-TTg …": a line that ends on a word
    // wanting an object runs on into the next, whatever its case.
    let last_word = before.rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
    if WANTS_OBJECT.contains(&last_word.as_str()) {
        return true;
    }
    let mut cs = after.chars();
    match cs.next() {
        Some(c) if c.is_lowercase() => true,
        Some(c) if c.is_ascii_digit() => {
            let rest: String = cs.take_while(|c| !c.is_whitespace()).collect();
            !(rest.ends_with('.') || rest.ends_with(')'))
        }
        _ => false,
    }
}

/// Where the clause holding `pos` ends.
fn clause_end(lower: &str, pos: usize) -> usize {
    let tail = &lower[pos..];
    let mut end = tail.find(['\n', ';', '|']).unwrap_or(tail.len());
    if let Some(j) = tail[..end].find(". ") {
        end = j;
    }
    pos + end
}

/// What the list a clause continues says: the clause (or line) before it ends with `;`, `:`
/// or `,` ("Căn cứ:" ⏎ "- Chỉ thị …;" ⏎ "- Kế hoạch …;"; "Thực hiện Chỉ thị 05 …; Chỉ thị
/// 31 …"). The relation of the last citation of the nearest such clause that has one, else
/// that clause's lead. Walks back at most 40 clauses.
fn inherited(text: &str, lower: &str, cites: &[Range<usize>], done: &[Relation], cs: usize) -> Option<Relation> {
    let mut at = cs;
    for _ in 0..40 {
        let before = lower[..at].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        let before = before.strip_suffix('\n').unwrap_or(before).trim_end();
        let continues = before.ends_with([';', ':', ',']) || lower[..at].trim_end_matches([' ', '\t']).ends_with(';');
        if !continues || before.is_empty() {
            return None;
        }
        let end = before.len() - 1;
        let start = clause_start(text, lower, end);
        let last = (0..done.len()).rev().take_while(|&k| cites[k].start >= start).find(|&k| cites[k].end <= end);
        if let Some(k) = last {
            return Some(done[k]);
        }
        if let Some((l, _)) = lead_of(&lower[start..end]) {
            return Some(l);
        }
        at = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relations of the cited symbols (given in order) in `text`.
    fn rels(text: &str, syms: &[&str]) -> Vec<Relation> {
        let lower = text.to_lowercase();
        let mut from = 0;
        let cites: Vec<Range<usize>> = syms
            .iter()
            .map(|s| {
                let s = s.to_lowercase();
                let at = from + lower[from..].find(&s).expect("symbol in text");
                from = at + s.len();
                at..at + s.len()
            })
            .collect();
        classify(text, &lower, &cites, &|_| None)
    }

    use Relation::*;

    #[test]
    fn basis_lines_and_their_continuations() {
        let t = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\nLuật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ ngày 22/11/2019;\nCăn cứ Kế hoạch số 14-KH/TU của Tỉnh ủy thực hiện Nghị quyết số 66-NQ/TW;";
        assert_eq!(
            rels(t, &["Luật Tổ chức chính quyền", "Luật sửa đổi", "14-KH/TU", "66-NQ/TW"]),
            [Basis, Basis, Basis, Basis]
        );
        let t = "Căn cứ:\n- Chỉ thị số 33/CT-TTg ngày 26/11/2021;\n- Kế hoạch số 12/KH-UBND của UBND tỉnh.";
        assert_eq!(rels(t, &["33/CT-TTg", "12/KH-UBND"]), [Basis, Basis]);
        let t = "Trên cơ sở Kết luận số 114-KL/TW, UBND xã ban hành kế hoạch";
        assert_eq!(rels(t, &["114-KL/TW"]), [Basis]);
    }

    #[test]
    fn implementation_cues() {
        let t = "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ và Kế hoạch số 12/KH-UBND của UBND tỉnh, UBND xã ban hành Kế hoạch như sau:";
        assert_eq!(rels(t, &["33/CT-TTg", "12/KH-UBND"]), [Implements, Implements]);
        let t = "KẾ HOẠCH\nTriển khai thực hiện Chỉ thị 33/CT-TTg trên địa bàn xã";
        assert_eq!(rels(t, &["33/CT-TTg"]), [Implements]);
        let t = "Để cụ thể hóa Nghị quyết số 18-NQ/TW, Ban Thường vụ";
        assert_eq!(rels(t, &["18-NQ/TW"]), [Implements]);
        let t = "- Các phòng, ban tổ chức thực hiện nghiêm Nghị quyết số 20/NQ-HĐND.";
        assert_eq!(rels(t, &["20/NQ-HĐND"]), [Implements]);
        let t = "Thực hiện Kế hoạch số 12/KH-UBND của UBND tỉnh về triển khai Chỉ thị 33/CT-TTg";
        assert_eq!(rels(t, &["12/KH-UBND", "33/CT-TTg"]), [Implements, Implements]);
    }

    #[test]
    fn lists_continue_their_first_item_s_relation() {
        let t = "Để tiếp tục thực hiện nghiêm\nChỉ thị số 05/CT-TTg ngày 18/5/2022 của Thủ tướng Chính phủ; Chỉ thị số 31-CT/TU ngày 06/6/2023, Kế hoạch số 134-KH/TU của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh yêu cầu:";
        assert_eq!(rels(t, &["05/CT-TTg", "31-CT/TU", "134-KH/TU"]), [Implements, Implements, Implements]);
        let t = "Quyết định này thay thế Quyết định số 1849/QĐ-UBND ngày 1/3/2020;\nQuyết định số 824/QĐ-UBND ngày 2/4/2021.";
        assert_eq!(rels(t, &["1849/QĐ-UBND", "824/QĐ-UBND"]), [Replaces, Replaces]);
        let t = "Thực hiện tốt công tác bảo vệ bí mật theo quy định tại Nghị định số 26/2020/NĐ-CP; Nghị định số 131/2025/NĐ-CP.";
        assert_eq!(rels(t, &["26/2020/NĐ-CP", "131/2025/NĐ-CP"]), [Reference, Reference]);
    }

    #[test]
    fn references_are_not_implementations() {
        let t = "- Bố trí kinh phí để triển khai thực hiện các nhiệm vụ, giải pháp của Kế hoạch này theo Luật Ngân sách nhà nước.";
        assert_eq!(rels(t, &["Luật Ngân sách"]), [Reference]);
        let t = "- Khẩn trương thực hiện các nhiệm vụ, giải pháp theo các Nghị quyết số 347/NQ-CP.";
        assert_eq!(rels(t, &["347/NQ-CP"]), [Implements]);
        let t = "- Thực hiện vai trò cơ quan thường trực Ban Vận động theo Quy chế phối hợp số 49/QCPH-UBND-UBMT.";
        assert_eq!(rels(t, &["49/QCPH-UBND-UBMT"]), [Reference]);
        let t = "Tiếp tục triển khai có hiệu quả các quy định của pháp luật về bảo vệ bí mật nhà nước, nhất là: Luật Bảo vệ bí mật nhà nước";
        assert_eq!(rels(t, &["Luật Bảo vệ"]), [Implements]);
        let t = "Tham mưu UBND tỉnh sửa đổi, bổ sung hoặc thay thế Quyết định số 15/2021/QĐ-UBND.";
        assert_eq!(rels(t, &["15/2021/QĐ-UBND"]), [Reference]);
        let t = "Điều lệ (sửa đổi, bổ sung) đã được phê duyệt theo Quyết định số 507/QĐ-UBND.";
        assert_eq!(rels(t, &["507/QĐ-UBND"]), [Reference]);
        let t = "Thực hiện tốt công tác văn thư theo quy định tại Nghị định 30/2020/NĐ-CP.";
        assert_eq!(rels(t, &["30/2020/NĐ-CP"]), [Reference]);
        let t = "Tổ chức sơ kết 05 năm thực hiện Chỉ thị số 33/CT-TTg trong quý IV.";
        assert_eq!(rels(t, &["33/CT-TTg"]), [Reference]);
        let t = "Thực hiện Công văn số 123/UBND-NC về việc tổng kết việc thực hiện Chỉ thị 33/CT-TTg";
        assert_eq!(rels(t, &["123/UBND-NC", "33/CT-TTg"]), [Implements, Reference]);
        let t = "Tăng cường tuyên truyền Luật Thực hiện dân chủ ở cơ sở đến Nhân dân.";
        assert_eq!(rels(t, &["Luật Thực hiện dân chủ"]), [Reference]);
        let t = "Năm 2022, UBND tỉnh ban hành Kế hoạch số 12/KH-UBND về triển khai Chỉ thị 33/CT-TTg.";
        assert_eq!(rels(t, &["12/KH-UBND", "33/CT-TTg"]), [Reference, Reference]);
    }

    #[test]
    fn the_document_s_own_actions() {
        let t =
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 12/2020/QĐ-UBND ngày 5/3/2020.";
        assert_eq!(rels(t, &["12/2020/QĐ-UBND"]), [Replaces]);
        let t = "QUYẾT ĐỊNH\nVề việc bãi bỏ Quyết định số 45/QĐ-UBND ngày 01/02/2021";
        assert_eq!(rels(t, &["45/QĐ-UBND"]), [Repeals]);
        let t = "Điều 1. Sửa đổi, bổ sung một số điều của Quy chế ban hành kèm theo Quyết định số 20/2022/QĐ-UBND";
        assert_eq!(rels(t, &["20/2022/QĐ-UBND"]), [Amends]);
        let t = "Kế hoạch số 10/KH-UBND ngày 02/01/2020 hết hiệu lực kể từ ngày Kế hoạch này được ban hành.";
        assert_eq!(rels(t, &["10/KH-UBND"]), [Repeals]);
        let t = "HƯỚNG DẪN\nThực hiện Nghị định số 59/2023/NĐ-CP về dân chủ ở cơ sở";
        assert_eq!(rels(t, &["59/2023/NĐ-CP"]), [Implements]);
        let t = "Hướng dẫn thực hiện Nghị định số 59/2023/NĐ-CP về dân chủ ở cơ sở";
        assert_eq!(rels(t, &["59/2023/NĐ-CP"]), [Guides]);
        // a unit's task of guiding, in a plan, carries the document out
        let t = "- Sở Nội vụ hướng dẫn thực hiện Nghị định số 59/2023/NĐ-CP.";
        assert_eq!(rels(t, &["59/2023/NĐ-CP"]), [Implements]);
    }

    #[test]
    fn a_cited_document_s_own_name_or_act_is_not_the_document_s() {
        let t = "Theo Luật sửa đổi, bổ sung một số điều của Luật Đất đai.";
        assert_eq!(rels(t, &["Luật Đất đai"]), [Reference]);
        let t = "Chỉ thị 33/CT-TTg thay thế Chỉ thị 16/CT-TTg năm 2016.";
        assert_eq!(rels(t, &["33/CT-TTg", "16/CT-TTg"]), [Reference, Reference]);
        let t = "Nghị định 04/2015/NĐ-CP đã hết hiệu lực từ năm 2023.";
        assert_eq!(rels(t, &["04/2015/NĐ-CP"]), [Reference]);
    }

    #[test]
    fn a_basis_section_covers_its_items() {
        let lower = "i. căn cứ xây dựng kế hoạch\n1. chỉ thị 33/ct-ttg ngày 26/11/2021 của thủ tướng chính phủ.";
        let at = lower.find("33/").unwrap();
        let r = classify(lower, lower, std::slice::from_ref(&(at..at + 9)), &|_| {
            Some("i. căn cứ xây dựng kế hoạch".into())
        });
        assert_eq!(r, [Basis]);
        let r = classify(lower, lower, std::slice::from_ref(&(at..at + 9)), &|_| None);
        assert_eq!(r, [Reference]);
    }
}
