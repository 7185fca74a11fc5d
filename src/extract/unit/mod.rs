//! Responsible units and their roles.
//!
//! Sources, in order of trust:
//! - `table`: rows of an appendix task table (TT | Nhiệm vụ | Cơ quan chủ trì |
//!   Cơ quan phối hợp | Thời gian | Sản phẩm), also when pdftotext flattened the
//!   cells, and Markdown rows `| 1 | task | lead | support | time |`;
//! - `fields`: "Đơn vị chủ trì: X" / "Đơn vị phối hợp: Y" lines;
//! - `sections`: items of "TỔ CHỨC THỰC HIỆN" headed by a unit name (lead, one
//!   task per body line);
//! - `addressees`: "Kính gửi: - Sở Xây dựng; - UBND các xã" (lead; mentioned when the
//!   document is sent up: "kính trình", "xem xét, phê duyệt");
//! - `sentences`: "giao X chủ trì", "X chủ trì, phối hợp với Y", "Y phối hợp"
//!   (lead/support), "(qua X)", "báo cáo về X", "gửi X" (mentioned).
//!
//! A name starts with a head noun of `data/lexicon/unit_heads.tsv` (see
//! `phrase`); the "Nơi nhận" block, the signature and the document's own
//! issuer as a report recipient are skipped.
//!
//! Example: "III. TỔ CHỨC THỰC HIỆN\n1. Văn phòng UBND xã\n- Tham mưu … dân vận."
//! gives, after grouping by `aggregate_units`:
//! `{"name":"Văn phòng UBND xã","canonical":"Văn phòng Ủy ban nhân dân xã","role":"lead","tasks":["Tham mưu … dân vận"],"mentions":[…]}`
//!
//! Known limits: names are found only after a head noun of the vocabulary;
//! a name wrapped over a line break is joined only after an open head
//! ("Sở\nNội vụ") or "các"; table cells are told apart by capitals and
//! lexicons, so a task cell starting with a capitalized head word is misread;
//! no spelling repair ("Xã hôi" stays).

mod addressees;
mod canonical;
mod collective;
mod distribute;
mod phrase;
mod sections;
mod sentences;
mod table;

use super::{Assignment, Doc};
use crate::record::Role;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Lines with their start offsets.
type Lines<'a> = Vec<(usize, &'a str)>;

/// An assignment before naming.
#[derive(Debug, Clone)]
struct Found {
    span: Range<usize>,
    role: Role,
    task: Option<String>,
    scope: Range<usize>,
}

impl Found {
    fn new(span: Range<usize>, role: Role, task: Option<String>, scope: Range<usize>) -> Found {
        Found { span, role, task, scope }
    }
}

/// Longest task summary, in characters.
const TASK_MAX: usize = 300;

/// The first sentence of a task text, at most [`TASK_MAX`] characters.
fn summarize(s: &str) -> String {
    let s = s.trim().trim_start_matches(['-', '+', '•', ' ']);
    let mut end = s.len();
    let b = s.as_bytes();
    for (i, _) in s.match_indices(". ") {
        if s[i + 2..].starts_with(char::is_uppercase) && i > 0 && !b[i - 1].is_ascii_digit() {
            end = i;
            break;
        }
    }
    let mut out = &s[..end];
    if out.chars().count() > TASK_MAX {
        let cut = out.char_indices().nth(TASK_MAX).map_or(out.len(), |(i, _)| i);
        out = &out[..out[..cut].rfind(' ').unwrap_or(cut)];
    }
    out.trim_end_matches(['.', ';', ',', ':', ' ']).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The role given by the predicate after a unit's name: "(thường xuyên) phối hợp …" is
/// support ("Đề nghị Ủy ban Kiểm tra Đảng ủy xã thường xuyên phối hợp, trao đổi …"), any
/// other task is lead.
fn role_of_predicate(rest: &str) -> Role {
    let head: String = rest.trim_start().chars().take(40).collect::<String>().to_lowercase();
    let mut p = head.as_str();
    for adverb in ["thường xuyên ", "chủ động ", "tích cực ", "tiếp tục ", "tăng cường ", "có trách nhiệm "]
    {
        p = p.strip_prefix(adverb).unwrap_or(p);
    }
    if p.starts_with("phối hợp") {
        Role::Support
    } else {
        Role::Lead
    }
}

/// Lines of the document, with the "Nơi nhận" block (from the structure) and site chrome blanked.
fn body_lines<'a>(doc: &'a Doc) -> Lines<'a> {
    let chrome = super::chrome::chrome_ranges(doc);
    doc.lines()
        .map(|(s, l)| if doc.structure.in_recipients(s) || super::chrome::inside(chrome, s) { (s, "") } else { (s, l) })
        .collect()
}

/// The issuer naming itself: header "ỦY BAN NHÂN DÂN\nXÃ …", "UBND xã xây dựng kế
/// hoạch", "Trên đây là Kế hoạch … của UBND phường".
static OWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xm)
        (?:^(?:ủy\ ban\ nhân\ dân|ubnd)\s*\n?\s*(?P<a>thị\ trấn|thị\ xã|thành\ phố|xã|phường|huyện|quận|tỉnh)\ # ỦY BAN NHÂN DÂN / XÃ ĐẠI SƠN
          |(?:ủy\ ban\ nhân\ dân|ubnd)\ (?P<b>thị\ trấn|thị\ xã|thành\ phố|xã|phường|huyện|quận|tỉnh)
             [^\n,;.]{0,25}?\ (?:xây\ dựng|ban\ hành)\ (?:kế\ hoạch|chương\ trình)               # UBND xã xây dựng kế hoạch
          |^trên\ đây\ là\ [^\n]{0,150}?\ của\ (?:ủy\ ban\ nhân\ dân|ubnd)\ (?P<c>thị\ trấn|thị\ xã|thành\ phố|xã|phường|huyện|quận|tỉnh)  # Trên đây là Kế hoạch … của UBND phường
        )",
    )
    .expect("OWN")
});

/// The issuer's own "ủy ban nhân dân <level>".
fn own_issuer(doc: &Doc) -> Option<String> {
    let c = OWN.captures(doc.lower())?;
    let lvl = c.name("a").or(c.name("b")).or(c.name("c"))?.as_str();
    Some(format!("ủy ban nhân dân {lvl}"))
}

/// A unit's comparison form: lowercase, without a leading "các" nor the office of the body's
/// head ("Chánh Văn phòng Ban chỉ đạo …" is "văn phòng ban chỉ đạo …", "Chủ tịch Ủy ban nhân
/// dân các tỉnh" is "ủy ban nhân dân các tỉnh").
fn body_key(canonical: &str) -> String {
    let mut k = canonical.to_lowercase();
    for lead in ["các ", "đồng chí "] {
        k = k.strip_prefix(lead).map_or(k.clone(), str::to_string);
    }
    const HEADS: [&str; 8] = [
        "chánh ",
        "chủ tịch ",
        "giám đốc ",
        "thủ trưởng ",
        "bộ trưởng ",
        "trưởng ",
        "người đứng đầu ",
        "tổng giám đốc ",
    ];
    const BODIES: [&str; 8] = ["văn phòng", "ủy ban", "sở ", "ban ", "bộ ", "cơ quan", "các ", "phòng "];
    for h in HEADS {
        if let Some(r) = k.strip_prefix(h) {
            if BODIES.iter().any(|b| r.starts_with(b)) {
                k = r.strip_prefix("các ").unwrap_or(r).to_string();
                break;
            }
        }
    }
    k
}

/// Levels a list of bodies may share at its end ("Thường trực HĐND, UBND, Ủy ban Kiểm tra Đảng
/// ủy xã": each is the xã's).
const LEVELS: [&str; 9] = ["xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "tỉnh", "thành phố"];

/// The name with the level its list ends on, when the name ends on a body that needs one
/// ("Thường trực HĐND" in "Thường trực HĐND, UBND, Ủy ban Kiểm tra Đảng ủy xã" is "Thường trực
/// HĐND xã"); else the name.
fn shared_level(doc: &Doc, name: &str, group: Option<&Range<usize>>) -> String {
    let Some(g) = group else { return name.to_string() };
    let whole = doc.text()[g.clone()].trim_end();
    let Some(level) = LEVELS.iter().find(|l| whole.ends_with(&format!(" {l}"))) else {
        return name.to_string();
    };
    let low = crate::normalize::lower_same_len(name);
    let last = low.rsplit(' ').next().unwrap_or("");
    let body_end = doc.lex.unit_vocab.at(last, 0).is_some_and(|(e, k)| {
        e == last.len() && k & crate::lexicon::unit_vocab::BODY != 0 && !low.ends_with(" ủy ban")
    });
    if body_end && !whole.ends_with(name) {
        format!("{name} {level}")
    } else {
        name.to_string()
    }
}

/// Words a unit name never ends on ("Ban Công tác Mặt trận các", "… xã Lương Minh chậm").
const TAIL_WORDS: [&str; 12] = ["các", "và", "của", "với", "về", "cho", "theo", "chậm", "trước", "sau", "để", "tại"];

/// Drop trailing words a name cannot end on (the next clause leaking in).
fn trim_tail(text: &str, mut span: Range<usize>) -> Range<usize> {
    loop {
        let s = &text[span.clone()];
        let t = s.trim_end();
        match t.rsplit_once(' ') {
            Some((head, last)) if TAIL_WORDS.contains(&last) => span.end = span.start + head.trim_end().len(),
            _ => {
                span.end = span.start + t.len();
                return span;
            }
        }
    }
}

/// For each found name, the whole list it was named in: consecutive finds of one extractor
/// with the same role, task and scope whose names are parted only by ", ", "; ", " và ".
fn lists_in(t: &str, found: &[Found]) -> Vec<Option<Range<usize>>> {
    let mut out = vec![None; found.len()];
    let mut i = 0;
    while i < found.len() {
        let mut j = i + 1;
        while j < found.len() {
            let (a, b) = (&found[j - 1], &found[j]);
            let joined = a.role == b.role
                && a.task == b.task
                && a.scope == b.scope
                && a.span.end <= b.span.start
                && b.span.start - a.span.end <= 8
                && t[a.span.end..b.span.start]
                    .trim_matches([',', ';', ' ', '\n'])
                    .trim_start_matches("và")
                    .trim()
                    .is_empty();
            if !joined {
                break;
            }
            j += 1;
        }
        if j - i > 1 {
            let whole = found[i].span.start..found[j - 1].span.end;
            out[i..j].iter_mut().for_each(|g| *g = Some(whole.clone()));
        }
        i = j;
    }
    out
}

/// Find the units and their roles, in document order.
pub fn extract(doc: &Doc) -> Vec<Assignment> {
    let lines = body_lines(doc);
    let mut groups: Vec<Vec<Found>> = vec![Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    table::extract(doc, &lines, &mut groups[0]);
    sentences::fields(doc, &lines, &mut groups[1]);
    sections::extract(doc, &lines, &mut groups[2]);
    sentences::extract(doc, &lines, &mut groups[3]);
    addressees::extract(doc, &mut groups[4]);
    let own = own_issuer(doc);
    let mut claimed: Vec<Range<usize>> = Vec::new();
    let mut out: Vec<Assignment> = Vec::new();
    for (n, mut g) in groups.into_iter().enumerate() {
        if n == 4 {
            // An addressee the body gives a role to ("Kính gửi: … Trung tâm Chuyển đổi số" and
            // "phối hợp với Trung tâm Chuyển đổi số") keeps that role only.
            let named: Vec<String> = out.iter().map(|a| body_key(&a.canonical)).collect();
            g.retain(|f| {
                let name = canonical::canonical(&canonical::name(&doc.text()[f.span.clone()]), doc.lex);
                !named.contains(&body_key(&name))
            });
        }
        let lists = lists_in(doc.text(), &g);
        let mut mine = Vec::new();
        for (mut f, group) in g.into_iter().zip(lists) {
            f.span = trim_tail(doc.text(), f.span);
            if claimed.iter().any(|c| c.start < f.span.end && f.span.start < c.end) {
                continue;
            }
            // "Các Bộ: Quốc phòng, Công an": one assignment per item, in the list; so for "Các Bộ,
            // cơ quan ngang Bộ, cơ quan thuộc Chính phủ".
            let (t, l, v) = (doc.text(), doc.lower(), &doc.lex.unit_vocab);
            if let Some((items, whole)) =
                distribute::items(t, l, v, &f.span).or_else(|| collective::items(t, l, v, &f.span))
            {
                for (span, name) in items {
                    let canon = canonical::canonical(&name, doc.lex);
                    out.push(Assignment {
                        name,
                        canonical: canon,
                        role: f.role,
                        task: f.task.clone(),
                        group: Some(whole.clone()),
                        name_span: span,
                        scope: f.scope.clone(),
                    });
                }
                mine.push(whole);
                continue;
            }
            let name = canonical::name(&doc.text()[f.span.clone()]);
            let canon = canonical::canonical(&shared_level(doc, &name, group.as_ref()), doc.lex);
            if name.is_empty() {
                continue;
            }
            if f.role == Role::Mentioned && own.as_deref().is_some_and(|o| canon.to_lowercase() == o) {
                continue;
            }
            mine.push(f.span.clone());
            out.push(Assignment {
                name,
                canonical: canon,
                role: f.role,
                task: f.task,
                group,
                name_span: f.span,
                scope: f.scope,
            });
        }
        claimed.extend(mine);
    }
    // A document sent up: its addressee, and mentions of it, are no units of it.
    let sent_up: Vec<String> = addressees::sent_up_to(doc)
        .into_iter()
        .map(|r| body_key(&canonical::canonical(&canonical::name(&doc.text()[r]), doc.lex)))
        .collect();
    if !sent_up.is_empty() {
        out.retain(|a| a.role != Role::Mentioned || !sent_up.contains(&body_key(&a.canonical)));
    }
    out.sort_by_key(|a| (a.name_span.start, a.scope.start));
    out.dedup_by(|b, a| a.name_span == b.name_span && a.role == b.role && a.task == b.task && a.scope == b.scope);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Gazetteer;
    use crate::lexicon::Lexicon;
    use crate::normalize::{normalize, Normalized};

    fn doc_of(raw: &str) -> (Normalized, Lexicon, Gazetteer) {
        (normalize(raw), Lexicon::embedded(), Gazetteer::embedded())
    }

    fn run(raw: &str) -> Vec<Assignment> {
        let (n, lx, gz) = doc_of(raw);
        let doc = Doc::new(&n, &lx, &gz, 0);
        extract(&doc)
    }

    fn has(a: &[Assignment], canonical: &str, role: Role) -> bool {
        a.iter().any(|x| x.canonical == canonical && x.role == role)
    }

    #[test]
    fn heading_items_tasks_and_recipients() {
        let raw = "III. TỔ CHỨC THỰC HIỆN\n1. Văn phòng UBND xã\n- Tham mưu, đề xuất với UBND xã chỉ đạo công tác dân vận.\n- Theo dõi, đôn đốc và tổng hợp báo cáo. Báo cáo định kỳ về UBND huyện theo quy định.\n2. Công chức Văn hóa- Xã hội.\nSử dụng hiệu quả Trang thông tin điện tử xã.\nTrên đây là Kế hoạch của UBND xã./.\nNơi nhận:\n- UBND huyện;\n- Phòng Nội vụ huyện;\n- Lưu VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n";
        let a = run(raw);
        let vp: Vec<_> = a.iter().filter(|x| x.canonical == "Văn phòng Ủy ban nhân dân xã").collect();
        assert_eq!(vp.len(), 2, "{a:#?}");
        assert_eq!(vp[0].role, Role::Lead);
        assert_eq!(vp[0].task.as_deref(), Some("Tham mưu, đề xuất với UBND xã chỉ đạo công tác dân vận"));
        assert_eq!(vp[1].task.as_deref(), Some("Theo dõi, đôn đốc và tổng hợp báo cáo"));
        assert!(has(&a, "Công chức Văn hóa - Xã hội", Role::Lead));
        let huyen: Vec<_> = a.iter().filter(|x| x.canonical == "Ủy ban nhân dân huyện").collect();
        assert_eq!(huyen.len(), 1, "only the body mention, not Nơi nhận");
        assert_eq!(huyen[0].role, Role::Mentioned);
        assert!(!a.iter().any(|x| x.canonical.contains("Nội vụ")), "Nơi nhận skipped");
        // The scope of a task holds its text (deadlines attach by scope).
        let (n, _, _) = doc_of(raw);
        assert!(n.text[vp[1].scope.clone()].contains("Báo cáo định kỳ"));
    }

    #[test]
    fn multi_unit_heading_with_task_on_the_line() {
        let raw = "III. TỔ CHỨC THỰC HIỆN\n1. Các sở, ban, ngành thuộc tỉnh, Ủy ban nhân dân các huyện, thị xã, thành phố căn cứ Kế hoạch này, xây dựng Kế hoạch cụ thể; báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Sở Nội vụ).\n2. Sở Nội vụ thường xuyên theo dõi, đôn đốc việc triển khai thực hiện Kế hoạch này.\n5. Các thôn, Ban công tác Mặt trận, đoàn thể chính trị- xã hội:\nTổ chức tuyên truyền, vận động Nhân dân tại cơ sở.\n";
        let a = run(raw);
        assert!(has(&a, "Các sở, ban, ngành thuộc tỉnh", Role::Lead), "{a:#?}");
        assert!(has(&a, "Ủy ban nhân dân các huyện, thị xã, thành phố", Role::Lead));
        assert!(has(&a, "Sở Nội vụ", Role::Lead));
        assert!(has(&a, "Sở Nội vụ", Role::Mentioned));
        assert!(has(&a, "Ban công tác Mặt trận", Role::Lead));
        assert!(has(&a, "Đoàn thể chính trị - xã hội", Role::Lead));
        let s = a.iter().find(|x| x.canonical == "Sở Nội vụ" && x.role == Role::Lead).unwrap();
        assert_eq!(s.task.as_deref(), Some("thường xuyên theo dõi, đôn đốc việc triển khai thực hiện Kế hoạch này"));
    }

    #[test]
    fn markdown_table_with_blank_cells() {
        // A blank "Phối hợp" cell (`|  |`) once panicked with "begin > end".
        let raw = "KẾ HOẠCH\nTriển khai công tác dân vận\nIII. TỔ CHỨC THỰC HIỆN\n| TT | Nhiệm vụ | Chủ trì | Phối hợp |\n|---|---|---|---|\n| 1 | Tuyên truyền Chỉ thị 33/CT-TTg | Văn phòng HĐND-UBND xã |  |\n| 2 | | |   |\n";
        let a = run(raw);
        let lead = a.iter().find(|x| x.role == Role::Lead).expect("the lead of row 1");
        assert!(lead.canonical.starts_with("Văn phòng"), "{a:#?}");
        assert_eq!(lead.task.as_deref(), Some("Tuyên truyền Chỉ thị 33/CT-TTg"));
        assert!(!a.iter().any(|x| x.role == Role::Support), "a blank cell names nobody: {a:#?}");
    }

    #[test]
    fn addressees_are_leads_unless_the_letter_goes_up_or_the_body_gives_a_role() {
        let a = run("Số: 12/UBND-VX\nV/v cập nhật dữ liệu\nKính gửi:\n- Sở Xây dựng;\n- Sở Nội vụ;\n- Ủy ban nhân dân các xã.\nĐề nghị Sở Xây dựng chủ trì, phối hợp với Sở Nội vụ khẩn trương thực hiện.\n");
        assert!(has(&a, "Ủy ban nhân dân các xã", Role::Lead), "{a:#?}");
        assert!(has(&a, "Sở Nội vụ", Role::Support), "{a:#?}");
        assert!(!has(&a, "Sở Nội vụ", Role::Lead), "the body's role wins: {a:#?}");
        let a = run("Số: 5/STP\nV/v trình hồ sơ\nKính gửi: Ủy ban nhân dân tỉnh.\nSở Tư pháp kính trình Ủy ban nhân dân tỉnh xem xét, phê duyệt.\n");
        assert!(
            !a.iter().any(|x| x.canonical == "Ủy ban nhân dân tỉnh"),
            "a letter sent up assigns its addressee nothing, nor do its mentions of it: {a:#?}"
        );
        let a = run("Số: 5/STP\nV/v trình hồ sơ\nKính gửi: Ủy ban nhân dân tỉnh.\nSở Tư pháp kính trình Ủy ban nhân dân tỉnh xem xét, phê duyệt. Sở Tư pháp đã phối hợp với Sở Nội vụ rà soát hồ sơ.\n");
        assert!(has(&a, "Sở Nội vụ", Role::Support), "other units of a letter sent up stay: {a:#?}");
    }

    #[test]
    fn a_list_shares_its_closing_level_and_sent_items_name_their_recipient() {
        let a = run("III. TỔ CHỨC THỰC HIỆN\n3. Đề nghị Thường trực HĐND, UBND, Ủy ban Kiểm tra Đảng ủy xã thường xuyên phối hợp, trao đổi thông tin.\n- Đối với kiến nghị: chuyển đến Tổ bầu cử hoặc Ủy ban Bầu cử xã để khắc phục ngay.\n");
        assert!(has(&a, "Thường trực Hội đồng nhân dân xã", Role::Support), "{a:#?}");
        assert!(has(&a, "Ủy ban nhân dân xã", Role::Support), "{a:#?}");
        assert!(has(&a, "Ủy ban Kiểm tra Đảng ủy xã", Role::Support), "{a:#?}");
        assert!(has(&a, "Tổ bầu cử", Role::Mentioned), "{a:#?}");
        assert!(has(&a, "Ủy ban Bầu cử xã", Role::Mentioned), "{a:#?}");
    }

    #[test]
    fn a_bullet_led_by_an_office_is_that_office_s_task() {
        let a = run("III. TỔ CHỨC THỰC HIỆN\n1. Ban Thường trực Ủy ban MTTQ Việt Nam xã\n- Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ Việt Nam xã lãnh đạo, chỉ đạo chung công tác bầu cử.\n- Các đồng chí Phó Chủ tịch Ủy ban MTTQ Việt Nam xã chỉ đạo thực hiện.\n- Tổng hợp báo cáo kết quả.\n2. Sở Nội vụ\n- Sở Tư pháp phối hợp rà soát văn bản.\n");
        let named = |n: &str, r: Role| a.iter().any(|x| x.name == n && x.role == r);
        assert!(named("Chủ tịch Ủy ban MTTQ Việt Nam xã", Role::Lead), "{a:#?}");
        assert!(!a.iter().any(|x| x.name.contains("Ủy viên")), "one comrade's other office is not a unit: {a:#?}");
        assert!(named("Các đồng chí Phó Chủ tịch Ủy ban MTTQ Việt Nam xã", Role::Lead), "{a:#?}");
        assert!(has(&a, "Sở Tư pháp", Role::Support), "{a:#?}");
        let own = a.iter().find(|x| x.name == "Ban Thường trực Ủy ban MTTQ Việt Nam xã").expect("the item's unit");
        assert_eq!(own.task.as_deref(), Some("Tổng hợp báo cáo kết quả"), "{a:#?}");
    }

    #[test]
    fn those_named_in_a_decision_answer_for_it() {
        let a = run("QUYẾT ĐỊNH\nĐiều 1. Thành lập Tổ tiếp công dân.\nĐiều 3. Ban Thường trực Ủy ban MTTQ xã, các bộ phận chuyên môn thuộc Cơ quan Ủy ban MTTQ xã và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.\n");
        assert!(has(&a, "Ban Thường trực Ủy ban Mặt trận Tổ quốc xã", Role::Lead), "{a:#?}");
        assert!(a.iter().any(|x| x.name == "các ông (bà) có tên tại Điều 1" && x.role == Role::Lead), "{a:#?}");
        let b = run("Điều 2. Các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.\n");
        assert_eq!(b.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Các ông (bà) có tên tại Điều 1"]);
        for s in ["chịu trách nhiệm", ". chịu trách nhiệm", "Điều 1. chịu trách nhiệm"] {
            let _ = run(s); // no panic on an empty subject
        }
        // The execution article over several lines, its lists parted by semicolons.
        let c = run("QUYẾT ĐỊNH\nĐiều 1. Phê duyệt danh sách.\nĐiều 3.\nChánh Văn phòng UBND tỉnh; Giám đốc các sở, ban, ngành;\nChủ tịch UBND các xã, phường và Thủ trưởng các cơ quan, đơn vị liên quan chịu\ntrách nhiệm thi hành Quyết định này./.\n");
        for u in [
            "Chánh Văn phòng Ủy ban nhân dân tỉnh",
            "Giám đốc các sở, ban, ngành",
            "Chủ tịch Ủy ban nhân dân các xã, phường",
            "Thủ trưởng các cơ quan, đơn vị liên quan",
        ] {
            assert!(has(&c, u, Role::Lead), "{u}: {c:#?}");
        }
        // A sentence before the list is not part of it.
        let d = run("Điều 3. Quyết định có hiệu lực từ ngày ký. Sở Nội vụ; Sở Tư pháp chịu trách nhiệm thi hành Quyết định này.\n");
        assert!(has(&d, "Sở Nội vụ", Role::Lead) && has(&d, "Sở Tư pháp", Role::Lead), "{d:#?}");
        assert!(!d.iter().any(|x| x.name.contains("Quyết định có hiệu lực")), "{d:#?}");
    }

    #[test]
    fn a_list_in_one_item_is_given_whole_and_as_its_parts() {
        let raw = "III. TỔ CHỨC THỰC HIỆN\n1. Các thôn, Ban công tác Mặt trận, đoàn thể chính trị- xã hội:\n- Tổ chức tuyên truyền, vận động Nhân dân tại cơ sở.\n2. Sở Nội vụ\n- Theo dõi.\n";
        let a = run(raw);
        let parts: Vec<_> = a.iter().filter(|x| x.group.is_some()).collect();
        assert_eq!(parts.len(), 3, "{a:#?}");
        let (n, _, _) = doc_of(raw);
        let whole = &n.text[parts[0].group.clone().unwrap()];
        assert_eq!(whole, "Các thôn, Ban công tác Mặt trận, đoàn thể chính trị- xã hội");
        let noi_vu = a.iter().find(|x| x.canonical == "Sở Nội vụ").unwrap();
        assert!(noi_vu.group.is_none(), "a name alone is in no list");
    }

    #[test]
    fn giao_chu_tri_phoi_hop_sentences() {
        let a = run("Giao Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ và các cơ quan, đơn vị liên quan theo dõi việc thực hiện.\nBan công tác Mặt trận chủ trì phối hợp UBND xã tổ chức đối thoại.\nCác đơn vị liên quan phối hợp thực hiện.\n");
        assert!(has(&a, "Sở Tư pháp", Role::Lead), "{a:#?}");
        assert!(has(&a, "Sở Nội vụ", Role::Support));
        assert!(has(&a, "Các cơ quan, đơn vị liên quan", Role::Support));
        assert!(has(&a, "Ban công tác Mặt trận", Role::Lead));
        assert!(has(&a, "Ủy ban nhân dân xã", Role::Support));
        assert!(has(&a, "Các đơn vị liên quan", Role::Support));
    }

    #[test]
    fn fields_with_task_and_scope() {
        let raw = "1.2. Xây dựng và ban hành Hướng dẫn giám sát công tác bầu cử\n- Thời gian hoàn thành: Tháng 11/2025;\n- Đơn vị chủ trì: Ban Thường trực Ủy ban MTTQ xã.\n- Đơn vị phối hợp: Sở Tư pháp; các cơ quan, đơn vị, địa phương liên quan.\n";
        let a = run(raw);
        let lead = a.iter().find(|x| x.role == Role::Lead).expect("lead");
        assert_eq!(lead.canonical, "Ban Thường trực Ủy ban Mặt trận Tổ quốc xã");
        assert_eq!(lead.task.as_deref(), Some("Xây dựng và ban hành Hướng dẫn giám sát công tác bầu cử"));
        let (n, _, _) = doc_of(raw);
        assert!(n.text[lead.scope.clone()].contains("Tháng 11/2025"));
        assert!(has(&a, "Sở Tư pháp", Role::Support));
        assert!(has(&a, "Các cơ quan, đơn vị, địa phương liên quan", Role::Support));
    }

    #[test]
    fn flattened_table_rows() {
        let raw = "PHỤ LỤC\nDanh mục nhiệm vụ TT Nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp\nThời gian thực hiện\nSản phẩm 1\nPhổ biến các văn bản của Trung ương;\nCác Phòng, ban, đơn vị thuộc UBND xã; các thôn\nThường xuyên\nBáo cáo, hình ảnh 2\nTổ chức sơ kết 5 năm thực hiện Chỉ thị số 33/CT-TTg của Thủ tướng Chính phủ;\nPhòng Văn hóa- Xã hội\nVăn phòng\nHĐND&UBND xã\nXong trước 05/9/2025\nKế hoạch, báo cáo 3\nThực hiện công khai tài chính, dự án, quy hoạch Phòng Kinh tế Quý III, IV/2025\nBiên bản công khai\n";
        let a = run(raw);
        assert!(has(&a, "Các Phòng, ban, đơn vị thuộc Ủy ban nhân dân xã", Role::Lead), "{a:#?}");
        assert!(has(&a, "Các thôn", Role::Lead));
        assert!(has(&a, "Phòng Văn hóa - Xã hội", Role::Lead));
        assert!(has(&a, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", Role::Support));
        let kt = a.iter().find(|x| x.canonical == "Phòng Kinh tế").expect("row 3");
        assert_eq!(kt.task.as_deref(), Some("Thực hiện công khai tài chính, dự án, quy hoạch"));
        assert!(!a.iter().any(|x| x.canonical.contains("Thủ tướng")), "legal basis is not a unit");
        assert!(!a.iter().any(|x| x.canonical.starts_with("Báo cáo") || x.canonical.starts_with("Biên bản")));
    }

    #[test]
    fn markdown_table_rows() {
        let a = run("| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |\n|---|---|---|---|---|\n| 1 | Rà soát thủ tục hành chính | Sở Nội vụ | Sở Tư pháp, Công an tỉnh | Quý I/2025 |\n");
        assert!(has(&a, "Sở Nội vụ", Role::Lead), "{a:#?}");
        assert!(has(&a, "Sở Tư pháp", Role::Support));
        assert!(has(&a, "Công an tỉnh", Role::Support));
        assert_eq!(a[0].task.as_deref(), Some("Rà soát thủ tục hành chính"));
    }

    #[test]
    fn negatives() {
        let a = run("Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; Quy định số 11-QĐ/TW của Bộ Chính trị.\nNâng cao Chỉ số cải cách hành chính; công tác Văn phòng được cải thiện.\n1. Phòng, chống tham nhũng, tiêu cực.\n2. Tổ chức hội nghị sơ kết.\n3. Ban hành kế hoạch.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n");
        assert!(a.is_empty(), "{a:#?}");
    }

    #[test]
    fn own_issuer_is_not_a_recipient() {
        let a = run("UBND xã xây dựng kế hoạch như sau:\n- Định kỳ báo cáo về UBND xã (qua Văn phòng - Thống kê xã) và báo cáo về UBND thị xã.\n");
        assert!(!has(&a, "Ủy ban nhân dân xã", Role::Mentioned), "{a:#?}");
        assert!(has(&a, "Văn phòng - Thống kê xã", Role::Mentioned));
        assert!(has(&a, "Ủy ban nhân dân thị xã", Role::Mentioned));
    }

    #[test]
    fn names_do_not_end_on_a_function_word() {
        let t = "Ban Công tác Mặt trận các thôn";
        assert_eq!(&t[trim_tail(t, 0.."Ban Công tác Mặt trận các".len())], "Ban Công tác Mặt trận");
        let t = "Ủy ban nhân dân xã Lương Minh chậm";
        assert_eq!(&t[trim_tail(t, 0..t.len())], "Ủy ban nhân dân xã Lương Minh");
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in ["", "\n", "1.", "TT Nhiệm vụ chủ trì", "| 1 |", "Đơn vị chủ trì:", "phối hợp với", "Các\n", "(qua"]
        {
            let _ = run(s);
        }
    }
}
