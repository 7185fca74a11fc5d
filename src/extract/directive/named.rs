//! Citations without a symbol: laws cited by name ("Luật Thực hiện dân chủ ở
//! cơ sở ngày 10/11/2022", "Bộ luật Lao động"), numbers left blank by the
//! author ("Nghị định số ngày 09/01/2015 của Chính phủ …"), and congress
//! resolutions ("Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng").

use super::context::{date_after, issuer_after};
use super::Cite;
use crate::domain::{Date, Level};
use crate::extract::Doc;
use crate::normalize::{fold, key};
use regex::Regex;
use std::sync::LazyLock;

/// "Luật <Name…>" / "Bộ luật <Name…>": the name runs until a stop word or punctuation.
static NAMED_LAW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<kind>Bộ\ [Ll]uật|Luật|Hiến\ pháp|Pháp\ lệnh)\s     # Bộ luật Lao động, Bộ Luật lao động, Luật Khiếu nại
        (?P<name>\p{L}[\p{L}\x20]{1,90}?(?:,\ chống[\p{L}\x20]{1,60}?)?)   # Phòng, chống tham nhũng keeps its comma
        (?:\s+(?:số|ngày|năm|của|đã|được|quy\ định|về|hiện\ hành|và\ các|và\ Nghị|và\ Luật|và\ văn|và\ pháp|và\ quy\ định
              |hướng\ dẫn|có\ hiệu|có|trong|tại|theo|thì|bảo\ đảm|đảm\ bảo|trên|thuộc|cùng|vào|nhằm|để|cho|với|khi|đối\ với
              |bao\ gồm|ban\ hành|sửa\ đổi|năm\ \d|là|từ|đến|như|nêu)(?:\s|$)|[;,.:()“”\x22\n]|\s-\s|$
           |\s(?P<year>(?:19|20)\d\d)(?-u:\b))                   # Luật Đất đai 2024, Bộ luật Lao động 2019
        ",
    )
    .expect("NAMED_LAW")
});

/// First words after "Luật" that mean it is not a law title ("Luật sư", "Luật số 83/…").
const NOT_A_NAME: [&str; 9] = ["sư", "số", "sửa", "sử", "và", "này", "hiện", "các", "mới"];

/// Whether an unknown name after "Luật" reads as a law title, given the text before "Luật".
/// Vietnamese law titles are written in sentence case after their first word ("Luật Đất đai",
/// "Luật Xử lý vi phạm hành chính"); a run of capitalised words is a proper name ("Luật Việt
/// Nam", a database; "Luật Minh Khuê", a law firm), unless it is one word ("Luật Dược"). A
/// country name alone is not a subject ("Luật Việt Nam"), and "Pháp Luật", "Dân Luật",
/// "Công ty Luật", "Báo Pháp Luật …" are law in general, a newspaper or a firm.
fn law_title_shape(kind: &str, name: &str, before: &str) -> bool {
    let prev = before.trim_end().rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_lowercase();
    if matches!(prev.as_str(), "pháp" | "dân" | "ty" | "sĩ" | "nhân" | "học" | "khoa" | "ngành" | "báo") {
        return false;
    }
    let subject = name.trim().trim_end_matches("Việt Nam").trim_end_matches("nước").trim();
    let words: Vec<&str> = subject.split_whitespace().collect();
    match words.len() {
        // "Hiến pháp Việt Nam" is the country's constitution; "Luật Việt Nam" is no law
        0 => kind.starts_with("Hiến") && !name.trim().is_empty(),
        1 => true,
        _ => words[1..].iter().any(|w| w.starts_with(char::is_lowercase)),
    }
}

/// "Nghị định số ngày 09/01/2015": the number is missing.
static MISSING_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?P<kind>Chỉ\ thị|Nghị\ quyết|Quyết\ định|Quy\ định|Kết\ luận|Kế\ hoạch|Công\ văn|Công\ điện|Thông\ báo|Hướng\ dẫn|Thông\ tư|Nghị\ định|Pháp\ lệnh)
        \s+số\s+(?P<num>\d{1,4}\s+)?ngày\s       # Nghị định số ngày 09/01/2015 ; Pháp lệnh số 04 ngày 20/4/2007",
    )
    .expect("MISSING_NUMBER")
});

/// "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng";
/// "Nghị quyết đại hội Đảng bộ xã nhiệm kỳ 2025-2030".
static CONGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)Nghị\ quyết\ [Đđ]ại\ hội\s
        (?:
            (?:đại\ biểu\ )?toàn\ quốc\ lần\ thứ\ (?P<nat>[IVXL]+)(?:\ của\ Đảng)?
          | (?P<local>(?:đại\ biểu\ )?Đảng\ bộ[\p{L}\s]{0,40}?)(?:\ lần\ thứ\ [IVXL]+)?,?\ nhiệm\ kỳ\ (?P<t1>\d{4})\s?-\s?(?P<t2>\d{4})
        )",
    )
    .expect("CONGRESS")
});

fn slug(s: &str) -> String {
    let f = fold(&key(s));
    let mut out = String::new();
    for w in f.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(w);
    }
    out
}

/// Laws cited by name (not followed by their symbol, which the symbol pass finds).
/// The version of the law `name` cited with date `cited` by a document of date `until`.
fn pick_version<'a>(
    doc: &'a Doc,
    forms: &LawForms,
    name: &str,
    cited: Option<Date>,
    until: Option<Date>,
) -> Option<&'a crate::lexicon::Law> {
    let k = key(name);
    let versions: Vec<&crate::lexicon::Law> =
        doc.lex.laws.iter().zip(&forms.name_keys).filter(|(_, nk)| **nk == k).map(|(l, _)| l).collect();
    let dated = |l: &&crate::lexicon::Law| Some(l.date);
    if versions.len() == 1 {
        return versions.first().copied();
    }
    if let Some(c) = cited {
        // "Luật … ngày 19/6/2015" or "Luật Bầu cử năm 2015": the version of that date or year.
        if let Some(v) = versions
            .iter()
            .find(|l| dated(l) == Some(c) || (c.m == 12 && c.d == 31 && dated(l).is_some_and(|d| d.y == c.y)))
        {
            return Some(v);
        }
    }
    let until = until?;
    versions.into_iter().filter(|l| dated(l).is_some_and(|d| d <= until)).max_by_key(|l| dated(l))
}

/// The lexicon's law names prepared once per document (not once per match and law): each
/// name and alias lowercased, and the matching keys of names and aliases, in lexicon order.
struct LawForms {
    /// Per law: its name then its aliases, lowercased (same length).
    lowered: Vec<Vec<String>>,
    /// Per law: `key(name)`.
    name_keys: Vec<String>,
    /// Per law: `key(alias)` for each alias.
    alias_keys: Vec<Vec<String>>,
}

impl LawForms {
    fn new(laws: &[crate::lexicon::Law]) -> LawForms {
        let lower = crate::normalize::lower_same_len;
        LawForms {
            lowered: laws
                .iter()
                .map(|l| std::iter::once(&l.name).chain(l.aliases.iter()).map(|n| lower(n)).collect())
                .collect(),
            name_keys: laws.iter().map(|l| key(&l.name)).collect(),
            alias_keys: laws.iter().map(|l| l.aliases.iter().map(|a| key(a)).collect()).collect(),
        }
    }
}

/// Laws cited by name; `until` is the citing document's date (or the end of its year).
pub(crate) fn laws(doc: &Doc, out: &mut Vec<Cite>, until: Option<Date>) {
    let text = doc.text();
    let mut forms_cell: Option<LawForms> = None;
    for c in NAMED_LAW.captures_iter(text) {
        let (Some(k), Some(n)) = (c.name("kind"), c.name("name")) else {
            continue;
        };
        let name = n.as_str().trim();
        let first = name.split_whitespace().next().unwrap_or("");
        if NOT_A_NAME.contains(&first) || name.split_whitespace().count() > 14 {
            continue;
        }
        // An unknown law's name starts with a capital and is not a document kind ("Luật, Nghị định").
        let kind_word = doc.lex.kind_by_name(&name.split_whitespace().take(2).collect::<Vec<_>>().join(" ")).is_some();
        let capital = first.starts_with(char::is_uppercase) && !kind_word;
        // "pháp luật", "Luật" inside a word
        if text[..k.start()].chars().next_back().is_some_and(char::is_alphabetic) {
            continue;
        }
        // A known name may contain commas ("Luật Thi đua, khen thưởng"): longest lexicon name first.
        let lower_here = &doc.lower()[k.start()..];
        let forms = forms_cell.get_or_insert_with(|| LawForms::new(&doc.lex.laws));
        let known_long = doc
            .lex
            .laws
            .iter()
            .zip(&forms.lowered)
            .flat_map(|(l, lows)| {
                std::iter::once(&l.name).chain(l.aliases.iter()).zip(lows).map(move |(n, ln)| (l, n, ln))
            })
            .filter(|(_, _, ln)| {
                lower_here.starts_with(ln.as_str())
                    && !lower_here[ln.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
            .map(|(l, n, _)| (l, n))
            .max_by_key(|(_, n)| n.len());
        let full = format!("{} {}", k.as_str(), name);
        let fkey = key(&full);
        // A shortened name ("Luật Thực hiện dân chủ") is the one known law it starts.
        let fkey_sp = format!("{fkey} ");
        let short_of =
            |(_, nk): &(&crate::lexicon::Law, &String)| fkey.split(' ').count() >= 4 && nk.starts_with(&fkey_sp);
        let keyed = || doc.lex.laws.iter().zip(&forms.name_keys);
        let known = known_long
            .map(|(l, _)| l)
            .or_else(|| {
                keyed()
                    .zip(&forms.alias_keys)
                    .find(|((_, nk), aks)| **nk == fkey || aks.contains(&fkey))
                    .map(|((l, _), _)| l)
            })
            .or_else(|| {
                let mut it = keyed().filter(short_of).map(|(l, _)| l);
                let first = it.next();
                if it.next().is_some() {
                    None
                } else {
                    first
                }
            });
        let end = known_long.map_or(n.end(), |(_, nm)| k.start() + nm.len());
        // Followed by its number ("… số 85/2015/QH13")? Then the symbol pass owns it.
        let tail =
            text[end..].get(..text[end..].char_indices().nth(14).map_or(text.len() - end, |(i, _)| i)).unwrap_or("");
        if tail.trim_start().starts_with("số") && tail.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let date = date_after(text, end);
        // "Luật Đất đai năm 2024", "Luật Đất đai 2024": the year names the version.
        let year = text[end..]
            .trim_start()
            .strip_prefix("năm ")
            .and_then(|r| r.get(..4))
            .and_then(|y| y.parse::<i32>().ok())
            .or_else(|| c.name("year").filter(|y| y.start() >= end).and_then(|y| y.as_str().parse().ok()));
        if known.is_none() && !(capital && law_title_shape(k.as_str(), name, &text[..k.start()])) {
            continue;
        }
        // Several versions of one law: the one the citation dates, else the latest before the document.
        let version = known.and_then(|l| {
            pick_version(doc, forms, &l.name, date.map(|d| d.0).or(year.and_then(|y| Date::new(y, 12, 31))), until)
        });
        let display = known.map_or(full.clone(), |l| l.name.clone());
        let (id, date_known) = match version {
            Some(l) => (None, Some(l.symbol.clone())),
            None => (Some(format!("nn:{}:{}", slug(k.as_str()), slug(&display[k.as_str().len()..]))), None),
        };
        let kind = if k.as_str().starts_with("Bộ") { "Bộ luật" } else { k.as_str() };
        let mut cite = Cite::new(k.start()..end, Some(kind.to_string()));
        cite.name = Some(display);
        cite.date = date.map(|d| d.0);
        cite.year = year.or(cite.date.map(|d| d.y));
        cite.id = id;
        cite.known_symbol = date_known;
        out.push(cite);
    }
}

/// "Công văn số 06/KHBT", "Văn bản số 16/CGC.BT": a letter whose symbol is one code (associations,
/// councils), which the main grammar (that needs `TYPE-ISSUER`) does not take.
static ONE_CODE_LETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?P<kind>[Cc]ông\ văn|[Vv]ăn\ bản)\s+số\s*:?\s*
        (?P<num>\d{1,5})\x20?/\x20?(?P<code>[A-ZĐ][A-Za-zĐđ&.]{1,15})(?P<end>[\s,;.)]|$)",
    )
    .expect("ONE_CODE_LETTER")
});

/// Symbols of the years before ~1997 that have one code after the number: "Nghị định số 73-CP",
/// "Nghị định 13/CP", "Quyết định số 326/TTg", "Thông tư liên bộ số 02/TTLB" (domain.md §1.2).
/// Taken only after a normative kind word, and only when the code is a central-level issuer or
/// a document type of the lexicon: "Đề án 06-CP" names a project, "Tổ 5/TDP" is not a document.
static ONE_CODE_NORMATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?P<kind>Nghị\ định|Quyết\ định|Chỉ\ thị|Nghị\ quyết(?:\ liên\ tịch)?|Thông\ tư(?:\ liên\ (?:tịch|bộ|ngành))?|Pháp\ lệnh)
        \s+(?:số\s*:?\s*)?                                  # Nghị định số 73-CP ; Nghị định 13/CP
        (?P<num>\d{1,5}[a-z]?)\x20?[-/]\x20?(?P<code>[A-ZĐ][A-Za-zĐ]{1,5})
        (?:[\s,;.)]|$)",
    )
    .expect("ONE_CODE_NORMATIVE")
});

/// Old normative symbols with one code.
pub(crate) fn one_code_normative(doc: &Doc, out: &mut Vec<Cite>) {
    let text = doc.text();
    for c in ONE_CODE_NORMATIVE.captures_iter(text) {
        let (Some(kind), Some(num), Some(code)) = (c.name("kind"), c.name("num"), c.name("code")) else { continue };
        let central =
            doc.lex.issuer(code.as_str()).filter(|i| i.level == Some(Level::TrungUong) && i.system != "party");
        let code_kind = doc.lex.kind_by_code(code.as_str());
        if central.is_none() && code_kind.is_none() {
            continue;
        }
        if out.iter().any(|o| o.range.start < code.end() && num.start() < o.range.end) {
            continue;
        }
        let kind_entry = doc.lex.kind_by_name(kind.as_str());
        let number = num.as_str().trim_start_matches('0').to_string();
        let sym = super::Symbol {
            number: if number.is_empty() { "0".into() } else { number },
            year: None,
            type_code: code_kind.or(kind_entry).map(|k| k.code.clone()),
            issuers: central.map(|i| vec![i.code.clone()]).unwrap_or_default(),
            unit: None,
            system: crate::record::System::State,
            text: text[num.start()..code.end()].replace(' ', ""),
            repaired: Vec::new(),
        };
        let mut cite =
            Cite::new(num.start()..code.end(), Some(kind_entry.map_or(kind.as_str().to_string(), |k| k.name.clone())));
        let after = date_after(text, code.end());
        cite.date = after.map(|d| d.0);
        cite.issuer = issuer_after(text, after.map_or(code.end(), |d| d.1));
        cite.number = Some(sym.number.clone());
        cite.symbol = Some(sym);
        out.push(cite);
    }
}

/// Letters with a one-code symbol.
pub(crate) fn one_code_letters(doc: &Doc, out: &mut Vec<Cite>) {
    let text = doc.text();
    for c in ONE_CODE_LETTER.captures_iter(text) {
        let (Some(num), Some(code)) = (c.name("num"), c.name("code")) else { continue };
        let code_s = code.as_str().trim_end_matches('.');
        let number = num.as_str().trim_start_matches('0').to_string();
        let sym = super::Symbol {
            number: if number.is_empty() { "0".into() } else { number },
            year: None,
            type_code: None,
            issuers: vec![code_s.to_string()],
            unit: None,
            system: crate::record::System::State,
            text: format!("{}/{}", num.as_str(), code_s),
            repaired: Vec::new(),
        };
        let end = code.start() + code_s.len();
        let mut cite = Cite::new(num.start()..end, Some("Công văn".into()));
        let after = date_after(text, end);
        cite.date = after.map(|d| d.0);
        cite.issuer = issuer_after(text, after.map_or(end, |d| d.1));
        cite.number = Some(sym.number.clone());
        cite.symbol = Some(sym);
        out.push(cite);
    }
}

/// Citations whose number the author left blank.
pub(crate) fn missing_numbers(doc: &Doc, out: &mut Vec<Cite>, warnings: &mut Vec<String>) {
    let text = doc.text();
    for c in MISSING_NUMBER.captures_iter(text) {
        let m = c.get(0).expect("match");
        let Some((date, date_end)) = date_after(text, m.end() - "ngày ".len()) else {
            continue;
        };
        let mut cite = Cite::new(m.start()..date_end, c.name("kind").map(|k| k.as_str().to_string()));
        cite.date = Some(date);
        cite.year = Some(date.y);
        cite.issuer = issuer_after(text, date_end);
        if let Some(n) = c.name("num") {
            cite.number = Some(n.as_str().trim().trim_start_matches('0').to_string());
            out.push(cite);
            continue;
        }
        warnings
            .push(format!("citation without a number: \"{}\" (kept with a null symbol)", &text[m.start()..date_end]));
        out.push(cite);
    }
}

/// Congress resolutions.
pub(crate) fn congress(doc: &Doc, out: &mut Vec<Cite>) {
    let text = doc.text();
    for c in CONGRESS.captures_iter(text) {
        let m = c.get(0).expect("match");
        let mut cite = Cite::new(m.range(), Some("Nghị quyết".into()));
        if let Some(n) = c.name("nat") {
            cite.id = Some(format!("dang:daihoi@toanquoc:NQ:{}", n.as_str()));
            cite.name = Some(format!("Nghị quyết Đại hội đại biểu toàn quốc lần thứ {} của Đảng", n.as_str()));
        } else if let (Some(l), Some(t1), Some(t2)) = (c.name("local"), c.name("t1"), c.name("t2")) {
            cite.id = Some(format!("dang:daihoi@{}:NQ:{}-{}", slug(l.as_str()), t1.as_str(), t2.as_str()));
            cite.name = Some(m.as_str().to_string());
            cite.year = t1.as_str().parse().ok();
        }
        out.push(cite);
    }
}
