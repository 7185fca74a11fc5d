//! Where a unit name starts and ends: a head noun from the vocabulary, then
//! capitalized words, abbreviations and the allowed lowercase words
//! ("Phòng Văn hóa - Xã hội xã", "Các sở, ban, ngành thuộc tỉnh"), and lists
//! of such names joined by ", ", "; ", " và ".

use crate::lexicon::unit_vocab::{Kind, Vocab, BODY, COLL, HEAD, NOT, OPEN, PERSON, PRODUCT, TOPIC, VERB, WORD};
use std::ops::Range;

/// Phrases that end a name even when capitalized (time cells of a table).
const TIME_STOPS: [&str; 16] = [
    "thường xuyên",
    "hoàn thành",
    "xong trước",
    "trước ngày",
    "quý ",
    "tháng ",
    "năm 20",
    "hằng năm",
    "hàng năm",
    "định kỳ",
    "từ ngày",
    "từ tháng",
    "trong tháng",
    "trong năm",
    "trong quý",
    "giai đoạn",
];

/// How to read a name.
#[derive(Clone, Copy)]
pub(crate) struct Opts<'a> {
    /// The unit-name vocabulary (from the lexicon).
    pub vocab: &'a Vocab,
    /// Do not read past this offset.
    pub limit: usize,
    /// The first name must start with a capital letter.
    pub need_cap: bool,
    /// Also stop at document-kind words (table cells).
    pub table: bool,
}

fn char_at(t: &str, i: usize) -> Option<char> {
    t.get(i..).and_then(|s| s.chars().next())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '/'
}

/// End of the word starting at `i` (== i when none).
pub(crate) fn word_end(t: &str, i: usize) -> usize {
    let mut e = i;
    for c in t.get(i..).unwrap_or("").chars() {
        if !is_word_char(c) {
            break;
        }
        e += c.len_utf8();
    }
    e
}

/// Skip spaces (and one line break when `nl`).
fn skip_ws(t: &str, mut i: usize, lim: usize, nl: bool) -> usize {
    let mut used_nl = false;
    while i < lim {
        match char_at(t, i) {
            Some(' ') => i += 1,
            Some('\n') if nl && !used_nl => {
                used_nl = true;
                i += 1
            }
            _ => break,
        }
    }
    i
}

pub(crate) fn is_cap(t: &str, i: usize) -> bool {
    char_at(t, i).is_some_and(|c| c.is_uppercase())
}

pub(crate) fn is_time_stop(l: &str, i: usize) -> bool {
    let s = l.get(i..).unwrap_or("");
    TIME_STOPS.iter().any(|p| s.starts_with(p)) || s.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether the text at `i` starts "các" + line break + a head (a wrapped "Các\nSở, ngành").
fn wrapped_cac(v: &Vocab, l: &str, i: usize) -> Option<usize> {
    let s = l.get(i..)?;
    let rest = s.strip_prefix("các\n").or_else(|| s.strip_prefix("các \n"))?;
    let j = i + (s.len() - rest.len());
    v.head(l, j).map(|_| j)
}

/// A capitalized word (or abbreviation) at `i` that may continue a name: its end.
fn cap_word(t: &str, l: &str, i: usize, o: &Opts) -> Option<usize> {
    if !is_cap(t, i) || is_time_stop(l, i) || o.vocab.at(l, i).is_some_and(|(_, k)| k & VERB != 0) {
        return None;
    }
    if let Some((e, k)) = o.vocab.at(l, i) {
        // In a table a new head starts the next cell ("Phòng Văn hóa - Xã hội Văn phòng").
        if o.table && (k & PRODUCT != 0 || (k & HEAD != 0 && k & BODY == 0 && k & NOT == 0)) {
            return None;
        }
        if k & NOT == 0 {
            return Some(e.min(o.limit));
        }
    }
    let e = word_end(t, i);
    (e > i && e <= o.limit).then_some(e)
}

/// Whether the lowercase word at `q` sits between two capitalized words of one name: the word
/// before it is a lowercase syllable after a capital ("Chuyển đổi"), and the word after it
/// is capitalized, neither a task verb nor the head of another unit.
fn bridges(t: &str, l: &str, q: usize, o: &Opts) -> bool {
    let e = word_end(t, q);
    if e == q || o.vocab.at(l, q).is_some() {
        return false;
    }
    let before: Vec<&str> = t[..q].split_whitespace().rev().take(2).collect();
    let prev_ok = before.len() == 2
        && before[0].starts_with(char::is_lowercase)
        && before[1].starts_with(char::is_uppercase)
        && before[1].chars().skip(1).any(char::is_lowercase);
    let n = e + 1;
    prev_ok
        && t[e..].starts_with(' ')
        && n < o.limit
        && is_cap(t, n)
        && o.vocab.at(l, n).is_none_or(|(_, k)| k & (VERB | NOT) == 0 && (k & HEAD == 0 || k & WORD != 0))
}

/// A capitalised task word that is one term of a listed proper name, after a comma and
/// before " và " and another capitalised word ("Ban Dân chủ, Giám sát và Phản biện xã hội").
fn listed_verb(t: &str, l: &str, r: usize, o: &Opts) -> Option<(usize, Kind)> {
    let (e, k) = o.vocab.at(l, r)?;
    let n = e + " và ".len();
    (k & VERB != 0 && !o.table && l[e..].starts_with(" và ") && n < o.limit && is_cap(t, n)).then_some((e, 0))
}

/// The next term of a list of fields after "lĩnh vực": anything named but a person's office.
fn field_term(t: &str, l: &str, r: usize, o: &Opts) -> Option<(usize, Kind)> {
    if r >= o.limit || o.vocab.at(l, r).is_some_and(|(_, k)| k & (PERSON | VERB) != 0) {
        return None;
    }
    let named = o.vocab.head(l, r).map(|(e, _)| (e.min(o.limit), 0));
    named
        .or_else(|| cap_word(t, l, r, o).map(|e| (e, 0)))
        .or_else(|| o.vocab.at(l, r).filter(|(_, k)| k & WORD != 0 && k & NOT == 0))
}

/// Words that end a lowercase topic ("Ban chỉ đạo phòng thủ dân sự quốc gia theo dõi …").
const TOPIC_STOPS: [&str; 24] = [
    "của", "theo", "và", "để", "tại", "với", "về", "cho", "trong", "khi", "đã", "sẽ", "được", "có", "thì", "là", "này",
    "đó", "các", "những", "năm", "nhằm", "trên", "từ",
];

/// The end of a lowercase topic after a `topic` head at `end` (at most 8 words, on its line).
fn topic(t: &str, l: &str, end: usize, o: &Opts) -> usize {
    let mut e = end;
    for _ in 0..8 {
        if !t[e..].starts_with(' ') {
            break;
        }
        let q = e + 1;
        let Some(c) = char_at(t, q) else { break };
        if !(c.is_lowercase() || c.is_ascii_digit()) {
            break;
        }
        let w_end = word_end(t, q);
        if w_end == q
            || w_end > o.limit
            || TOPIC_STOPS.contains(&&t[q..w_end])
            || is_time_stop(l, q) && !c.is_ascii_digit()
        {
            break;
        }
        // A task verb ends it, and so does "tổ chức" ("các doanh nghiệp tổ chức …").
        if o.vocab.at(l, q).is_some_and(|(_, k)| k & VERB != 0) || l[q..].starts_with("tổ chức") {
            break;
        }
        e = w_end;
    }
    e
}

/// One name starting at `p`: its end.
pub(crate) fn unit_at(t: &str, l: &str, p: usize, o: &Opts) -> Option<usize> {
    let (first, mut collective) = match wrapped_cac(o.vocab, l, p) {
        Some(j) => (j, true),
        None => (p, l.get(p..).is_some_and(|s| s.starts_with("các "))),
    };
    let (mut end, k) = o.vocab.head(l, first)?;
    collective |= !is_cap(t, first) && o.vocab.at(l, first).is_some_and(|(_, k)| k & COLL != 0);
    if end > o.limit || (o.need_cap && !is_cap(t, p)) {
        return None;
    }
    if k & TOPIC != 0 {
        end = topic(t, l, end, o);
    }
    let mut open_only = k & OPEN != 0 && end == o.vocab.head(l, first).map_or(end, |(e, _)| e);
    let mut last_body = k & BODY != 0;
    // After a capitalized word of a proper name ("Nội" in "Sở Nội vụ") one
    // lowercase syllable follows.
    let mut after_cap = false;
    loop {
        let mut q = skip_ws(t, end, o.limit, open_only);
        // A proper name wrapped after its first syllable ("Sở Tài" ⏎ "chính", "Sở Giáo" ⏎
        // "dục và Đào tạo"): the next line's lowercase syllable completes it.
        if after_cap
            && char_at(t, q) == Some('\n')
            && char_at(t, q + 1).is_some_and(char::is_lowercase)
            && q + 1 < o.limit
        {
            q += 1;
        }
        if q >= o.limit {
            break;
        }
        let Some(c) = char_at(t, q) else { break };
        let fields = l[first..end].contains("lĩnh vực ");
        // Start of the last word read ("phường" in "Ủy ban nhân dân phường").
        let last_word = t[..end].rfind([' ', '\n']).map_or(first, |i| (i + 1).max(first));
        let next = match c {
            '-' | '&' => {
                let r = skip_ws(t, q + 1, o.limit, true);
                if c == '&' {
                    o.vocab.head(l, r).or_else(|| cap_word(t, l, r, o).map(|e| (e, 0)))
                } else {
                    cap_word(t, l, r, o)
                        .map(|e| (e, 0))
                        .or_else(|| o.vocab.at(l, r).filter(|(_, k)| k & (WORD | HEAD) != 0 && k & NOT == 0))
                }
            }
            // "… phụ trách lĩnh vực Hành chính, Văn phòng và lĩnh vực khác": the fields listed
            // belong to the name until a person's office starts the next one.
            ',' | 'v' if fields && (c == ',' || l[q..].starts_with("và ")) => {
                let r = skip_ws(t, q + if c == ',' { 1 } else { "và".len() }, o.limit, false);
                field_term(t, l, r, o)
            }
            ',' => {
                let r = skip_ws(t, q + 1, o.limit, false);
                let in_list = collective || o.vocab.at(l, last_word).is_some_and(|(_, k)| k & COLL != 0);
                // "các Sở, Ban, ngành liên quan": a collective noun, even capitalised, that
                // no proper name follows continues the list.
                let coll_next = o.vocab.at(l, r).filter(|&(e, k)| {
                    let after = l[e..].trim_start_matches(' ');
                    k & COLL != 0
                        && !l[r..e].contains(' ')
                        && (after.is_empty()
                            || after.starts_with([',', ';', '.', '\n', ')'])
                            || ["liên quan", "có liên quan", "thuộc", "trực thuộc", "của "]
                                .iter()
                                .any(|w| after.starts_with(w)))
                });
                if in_list && coll_next.is_some() && !l[r..].starts_with("các ") {
                    coll_next
                } else if o.vocab.head(l, r).is_some() && (is_cap(t, r) || l[r..].starts_with("các ")) {
                    None
                } else if is_cap(t, r) {
                    cap_word(t, l, r, o).map(|e| (e, 0)).or_else(|| listed_verb(t, l, r, o))
                } else if in_list {
                    // … but a word that is also a verb ("tổ chức") only before a list mark, a name
                    // word or nothing ("các đơn vị có liên quan, tổ chức khảo sát …": a verb).
                    o.vocab.at(l, r).filter(|&(e, k)| {
                        let a = skip_ws(t, e, o.limit, false);
                        k & COLL != 0
                            && (k & NOT == 0
                                || a >= o.limit
                                || !char_at(t, a).is_some_and(char::is_alphanumeric)
                                || o.vocab.at(l, a).is_some_and(|(_, k)| k & (WORD | COLL) != 0 && k & VERB == 0))
                    })
                } else {
                    None
                }
            }
            _ if l[q..].starts_with("và ") || l[q..].starts_with("và\n") => {
                let r = skip_ws(t, q + 3, o.limit, true);
                match o.vocab.head(l, r) {
                    Some((e, k)) if k & BODY != 0 && last_body => Some((e, k)),
                    Some(_) => None,
                    None => cap_word(t, l, r, o)
                        .map(|e| (e, 0))
                        .or_else(|| o.vocab.at(l, r).filter(|(_, k)| k & WORD != 0 && k & NOT == 0)),
                }
            }
            // "… của Thành phố", "… của Quốc hội": the body a unit belongs to.
            _ if l[q..].starts_with("của ") => {
                let r = q + "của ".len();
                let body = o.vocab.head(l, r).filter(|(_, k)| k & BODY != 0);
                body.or_else(|| cap_word(t, l, r, o).map(|e| (e, 0)))
            }
            // Right after an open head a capitalised word is its complement, even a verb's
            // ("Bộ Xây dựng chỉ đạo …", "Sở Xây dựng").
            // So is the first field after "lĩnh vực" ("phụ trách lĩnh vực Giám sát và Phản biện").
            _ if is_cap(t, q)
                && (open_only || l[..end].ends_with("lĩnh vực"))
                && o.vocab.at(l, q).is_some_and(|(_, k)| k & VERB != 0)
                && !o.table =>
            {
                o.vocab.at(l, q).map(|(e, _)| (e.min(o.limit), 0))
            }
            _ if is_cap(t, q) => cap_word(t, l, q, o).map(|e| (e, o.vocab.at(l, q).map_or(0, |x| x.1))),
            // "Trung tâm Chuyển đổi số Thành phố": one more lowercase syllable of a proper
            // name when a capitalized word (not a task verb, not a new head) follows it.
            _ if !after_cap && c.is_lowercase() && bridges(t, l, q, o) => Some((word_end(t, q), 0)),
            // ("Bộ Công Thương chỉ đạo …": a task verb is not that syllable.)
            _ if after_cap && c.is_alphabetic() => {
                let e = word_end(t, q);
                let function_word = TOPIC_STOPS.contains(&&l[q..e]) || ["hoặc", "đến", "tới"].contains(&&l[q..e]);
                if function_word {
                    None
                } else {
                    o.vocab.at(l, q).filter(|(_, k)| k & (NOT | VERB) != 0).map_or(Some((e, 0)), |_| None)
                }
            }
            _ if c.is_ascii_digit() => {
                let prev = l[..end].rsplit(' ').next().unwrap_or("");
                (prev == "vực" || prev == "số").then(|| (word_end(t, q), 0))
            }
            _ => o.vocab.at(l, q).filter(|(_, k)| k & (WORD | HEAD | COLL) != 0 && k & NOT == 0 && k & PRODUCT == 0),
        };
        let Some((e, k)) = next else { break };
        let e = if k & TOPIC != 0 { topic(t, l, e, o) } else { e };
        if e <= end || e > o.limit {
            break;
        }
        if l[q..e].contains("các") {
            collective = true;
        }
        last_body = k & BODY != 0;
        let w = t[q..e].rsplit([' ', '\n']).next().unwrap_or("");
        let tail = t[q..e].trim_start_matches([',', '-', '&', ' ', '\n']);
        let single = !tail.strip_prefix("và").unwrap_or(tail).trim_start().contains(' ');
        after_cap = single
            && w.starts_with(char::is_uppercase)
            && (w.chars().count() == 1 || w.chars().skip(1).any(char::is_lowercase));
        end = e;
        open_only = false;
    }
    // A name never ends on a determiner ("Phó Thủ tướng phụ trách lĩnh vực những vấn đề …").
    for w in [" những", " các"] {
        if t[..end].ends_with(w) && end - w.len() > first {
            end -= w.len();
        }
    }
    // A bare "Sở", "Ủy ban" names nothing.
    if k & OPEN != 0 && end == first + o.vocab.head(l, first).map_or(0, |(e, _)| e - first) && !collective {
        return None;
    }
    Some(end)
}

/// A list of names starting at `p` ("Sở Nội vụ, Sở Tư pháp và các đơn vị liên quan").
pub(crate) fn units_at(t: &str, l: &str, p: usize, o: &Opts) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut q = p;
    let mut o2 = *o;
    loop {
        let end = match unit_at(t, l, q, &o2) {
            Some(end) => {
                out.push(q..end);
                end
            }
            // "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, …": an office named bare at the head of a
            // list of offices names no body; it is passed over and the list read on.
            None => match o.vocab.head(l, q) {
                Some((e, k)) if k & PERSON != 0 && k & OPEN != 0 && (!o2.need_cap || is_cap(t, q)) => e,
                _ => break,
            },
        };
        o2.need_cap = false;
        let s = skip_ws(t, end, o.limit, false);
        let rest = l.get(s..).unwrap_or("");
        let sep =
            [", và ", ", ", "; ", "và ", "cùng ", "hoặc "].iter().find(|x| rest.starts_with(**x)).map(|x| x.len());
        let Some(n) = sep else { break };
        let r = skip_ws(t, s + n, o.limit, true);
        if r >= o.limit || (o.vocab.head(l, r).is_none() && wrapped_cac(o.vocab, l, r).is_none()) {
            break;
        }
        q = r;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        let l = crate::normalize::lower_same_len(s);
        let lx = crate::lexicon::Lexicon::embedded();
        let o = Opts { vocab: &lx.unit_vocab, limit: s.len(), need_cap: false, table: false };
        units_at(s, &l, 0, &o).into_iter().map(|r| s[r].to_string()).collect()
    }

    #[test]
    fn lists_and_stops() {
        assert_eq!(names("Sở Nội vụ thường xuyên theo dõi"), ["Sở Nội vụ"]);
        assert_eq!(
            names("Các sở, ban, ngành thuộc tỉnh, Ủy ban nhân dân các huyện, thị xã, thành phố căn cứ"),
            ["Các sở, ban, ngành thuộc tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố"]
        );
        assert_eq!(names("Văn phòng HĐND& UBND xã"), ["Văn phòng HĐND& UBND xã"]);
        assert_eq!(names("Sở Văn hóa, Thể thao và Du lịch: Chủ trì"), ["Sở Văn hóa, Thể thao và Du lịch"]);
        assert_eq!(
            names("Các thôn, Ban công tác Mặt trận, đoàn thể chính trị- xã hội:"),
            ["Các thôn", "Ban công tác Mặt trận", "đoàn thể chính trị- xã hội"]
        );
        assert_eq!(names("Các ngành, công chức liên quan."), ["Các ngành, công chức liên quan"]);
        assert_eq!(
            names("Cơ quan Tổ chức - Nội vụ và Thanh tra thị xã)"),
            ["Cơ quan Tổ chức - Nội vụ", "Thanh tra thị xã"]
        );
        assert_eq!(names("Sở\nKhoa học và Công nghệ\n- Là"), ["Sở\nKhoa học và Công nghệ"]);
        assert_eq!(names("Sở Tài\nchính"), ["Sở Tài\nchính"]);
        assert_eq!(
            names("Trung tâm Chuyển đổi số Thành phố, Sở Nội vụ"),
            ["Trung tâm Chuyển đổi số Thành phố", "Sở Nội vụ"]
        );
        assert_eq!(names("Công an Thành phố Chỉ đạo Công an các phường"), ["Công an Thành phố"]);
        assert_eq!(names("Sở Nội vụ phối hợp Sở Tư pháp"), ["Sở Nội vụ"]);
        assert_eq!(names("Bộ Công Thương chỉ đạo bảo đảm an toàn"), ["Bộ Công Thương"]);
        assert_eq!(names("Bộ Xây dựng chỉ đạo triển khai"), ["Bộ Xây dựng"]);
        assert_eq!(
            names("Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia theo dõi sát"),
            ["Văn phòng Ban chỉ đạo phòng thủ dân sự quốc gia"]
        );
        assert_eq!(
            names("Ban Chỉ đạo công tác bầu cử xã, Ủy ban bầu cử xã"),
            ["Ban Chỉ đạo công tác bầu cử xã", "Ủy ban bầu cử xã"]
        );
        assert_eq!(
            names("Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam kịp thời"),
            ["Đài Tiếng nói Việt Nam", "Thông tấn xã Việt Nam"]
        );
        assert_eq!(names("Sở Giáo\ndục và Đào tạo\n"), ["Sở Giáo\ndục và Đào tạo"]);
        assert_eq!(names("Sở Nội vụ\ntheo dõi"), ["Sở Nội vụ"], "a complete name does not take the next line");
        assert_eq!(names("Các\nSở, ngành, đơn vị, UBND cấp xã."), ["Các\nSở, ngành, đơn vị", "UBND cấp xã"]);
        assert_eq!(
            names("Ban Dân chủ, Giám sát và Phản biện xã hội) theo"),
            ["Ban Dân chủ, Giám sát và Phản biện xã hội"]
        );
        assert_eq!(names("Sở Nội vụ, Giám sát việc"), ["Sở Nội vụ"], "a capitalised verb not inside a listed name");
        assert_eq!(names("Tổ bầu cử hoặc Ủy ban Bầu cử xã để khắc phục"), ["Tổ bầu cử", "Ủy ban Bầu cử xã"]);
        assert_eq!(
            names("Thủ tướng Chính phủ, các Phó Thủ tướng chỉ đạo"),
            ["Thủ tướng Chính phủ", "các Phó Thủ tướng"]
        );
        assert_eq!(names("các Sở, Ban, ngành liên quan rà soát"), ["các Sở, Ban, ngành liên quan"]);
        assert_eq!(
            names("Các Sở, ban, ngành của Thành phố, UBND phường, xã"),
            ["Các Sở, ban, ngành của Thành phố", "UBND phường, xã"]
        );
        assert_eq!(names("Sở Nội vụ của tỉnh phối hợp"), ["Sở Nội vụ"], "'của' + a lowercase place is not the name's");
        assert_eq!(
            names("Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan"),
            ["Các doanh nghiệp viễn thông", "tổ chức, cá nhân có liên quan"]
        );
        assert_eq!(
            names("người đứng đầu các cơ quan chuyên môn, cơ quan hành chính khác, các đơn vị sự nghiệp công lập; Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu"),
            [
                "người đứng đầu các cơ quan chuyên môn, cơ quan hành chính khác",
                "các đơn vị sự nghiệp công lập",
                "Chủ tịch Ủy ban nhân dân các xã, phường và đặc khu"
            ]
        );
        assert_eq!(names("Phó Thủ tướng phụ trách lĩnh vực những vấn đề"), ["Phó Thủ tướng phụ trách lĩnh vực"]);
        assert_eq!(
            names("Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, cơ quan thuộc Chính phủ;"),
            ["Thủ trưởng cơ quan ngang Bộ", "cơ quan thuộc Chính phủ"],
            "a bare office heading a list of offices is passed over"
        );
        assert!(names("Bộ trưởng chỉ đạo").is_empty(), "a bare office alone names nothing");
        assert_eq!(
            names("Các đ/c Phó chủ tịch, Trưởng đoàn thể xã, các đồng chí Chuyên viên cơ quan MTTQ xã."),
            ["Các đ/c Phó chủ tịch", "Trưởng đoàn thể xã", "các đồng chí Chuyên viên cơ quan MTTQ xã"]
        );
        assert_eq!(
            names("Các Phó chủ tịch phụ trách lĩnh vực Dân tộc, Tôn giáo và các Hội quần chúng"),
            ["Các Phó chủ tịch phụ trách lĩnh vực Dân tộc, Tôn giáo và các Hội quần chúng"]
        );
        assert_eq!(
            names("Chuyên viên phụ trách lĩnh vực Hành chính, Văn phòng và lĩnh vực khác; Chủ tịch Ủy ban MTTQ xã."),
            ["Chuyên viên phụ trách lĩnh vực Hành chính, Văn phòng và lĩnh vực khác", "Chủ tịch Ủy ban MTTQ xã"]
        );
        assert_eq!(
            names("Phó Chủ tịch UBND xã phụ trách lĩnh vực Văn hóa - Xã hội, Trưởng Công an xã"),
            ["Phó Chủ tịch UBND xã phụ trách lĩnh vực Văn hóa - Xã hội", "Trưởng Công an xã"]
        );
        assert_eq!(
            names("Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát"),
            ["Đồng chí Phó chủ tịch Thường trực"],
            "an apposition after a comma is not the name"
        );
        assert_eq!(
            names("Ủy ban Bầu cử tỉnh Quảng Ninh hoặc Ban Thường trực Ủy ban MTTQ tỉnh Quảng Ninh để"),
            ["Ủy ban Bầu cử tỉnh Quảng Ninh", "Ban Thường trực Ủy ban MTTQ tỉnh Quảng Ninh"]
        );
        assert!(names("Tổ chức tuyên truyền").is_empty());
        assert!(names("Ban hành kế hoạch").is_empty());
        assert!(names("Phòng, chống tham nhũng").is_empty());
    }
}
