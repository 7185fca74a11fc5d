//! The signature block (TM./KT./TL./Q./TUQ. or T/M, K/T, T/L; the title; the
//! name) and the "Nơi nhận" list. pdftotext often serialises the two columns one
//! after the other, so both are parsed independently.

use crate::structure::landmark::{is_authority, is_recipients};
use regex::Regex;
use std::sync::LazyLock;

/// Titles of signers ("PHÓ CHỦ TỊCH", "Chủ tịch", "GIÁM ĐỐC", "BÍ THƯ").
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:phó\ )?(?:chủ\ tịch|bí\ thư|giám\ đốc|trưởng\ ban|trưởng\ phòng|chánh\ văn\ phòng|thủ\ tướng|bộ\ trưởng
          |chủ\ nhiệm|trưởng\ đoàn|tổ\ trưởng|chánh\ án|viện\ trưởng|thứ\ trưởng|chánh\ thanh\ tra|trưởng\ khối|hiệu\ trưởng
          |văn\ phòng|tổng\ biên\ tập|người\ ký|trưởng\ tiểu\ ban)(?:\s[\p{L}\s]{0,40})?$",
    )
    .expect("ROLE")
});

/// A personal name: 2–6 capitalised syllables.
static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{L}]*(?:\s\p{Lu}[\p{L}]*){1,5}$").expect("NAME"));

/// Signature found: (authority, role, name).
pub(crate) type Signature = (Option<String>, Option<String>, Option<String>);

fn is_role(l: &str) -> bool {
    ROLE.is_match(l) && !l.ends_with(['.', ';', ','])
}

/// Authority lines just above line `i` (TM. …, KT. …), possibly wrapped ("TM. ỦY BAN NHÂN" / "DÂN").
fn authority_above(lines: &[&str], i: usize) -> Option<String> {
    let mut auth: Vec<String> = Vec::new();
    let mut j = i;
    while j > 0 && auth.len() < 3 {
        let p = lines[j - 1].trim();
        if is_authority(p) {
            auth.insert(0, p.to_string());
            j -= 1;
        } else if is_short_caps(p) && j >= 2 && is_authority(lines[j - 2].trim()) {
            auth.insert(0, format!("{} {}", lines[j - 2].trim(), p));
            j -= 2;
        } else {
            break;
        }
    }
    (!auth.is_empty()).then(|| auth.join("; "))
}

fn is_short_caps(p: &str) -> bool {
    p.split_whitespace().count() <= 3 && !p.chars().any(char::is_lowercase) && p.chars().any(char::is_alphabetic)
}

fn is_name(x: &str) -> bool {
    NAME.is_match(x) && !is_role(x) && !is_authority(x) && !x.starts_with('-')
}

/// "CHỦ TỊCH Trịnh Thị Minh Thanh": a title and a name on one line.
fn role_and_name(l: &str) -> Option<(String, String)> {
    // Cheap rejections first (this runs on every line of a document without a signature):
    // a role needs words before the first lowercase word, a name 2–6 words after it.
    let k = l.split_whitespace().position(|w| w.chars().any(char::is_lowercase))?;
    if k == 0 || !(2..=6).contains(&l.split_whitespace().skip(k).take(7).count()) {
        return None;
    }
    let words: Vec<&str> = l.split_whitespace().collect();
    let k = words.iter().position(|w| w.chars().any(char::is_lowercase))?;
    let (role, name) = (words[..k].join(" "), words[k..].join(" "));
    (k > 0 && is_role(&role) && is_name(&name)).then_some((role, name))
}

/// The right column glued to the end of a "Nơi nhận" line by a scan read straight across
/// the page: "Nơi nhận: THỦ TƯỚNG", "- Như trên; Phạm Minh Chính", "- BTT Ủy ban MTTQ
/// tỉnh; TM. BAN THƯỜNG TRỰC". Returns the line without it, and the tail.
fn split_right_tail(l: &str) -> (&str, Option<&str>) {
    let t = l.trim();
    let cut = if is_recipients(t) {
        t.find(':').map(|i| i + 1)
    } else if t.starts_with(['-', '+']) {
        t.rfind("; ").map(|i| i + 1)
    } else {
        None
    };
    let Some(cut) = cut else {
        return (l, None);
    };
    let tail = t[cut..].trim();
    let signature_like = is_authority(tail) || (is_role(tail) && is_short_caps_role(tail)) || is_person(tail);
    if tail.is_empty() || !signature_like {
        return (l, None);
    }
    (t[..cut].trim_end(), Some(tail))
}

/// A personal name, not a body ("UBND Tỉnh", "Sở Tư Pháp" are names by their letters alone).
fn is_person(x: &str) -> bool {
    const BODY_WORDS: [&str; 22] = [
        "Sở",
        "Ban",
        "Phòng",
        "Ủy",
        "Hội",
        "Văn",
        "Đảng",
        "Công",
        "Trung",
        "Thường",
        "Bộ",
        "Cục",
        "Chi",
        "Đoàn",
        "Tổ",
        "Các",
        "Như",
        "Lưu",
        "Báo",
        "Đài",
        "Trường",
        "Viện",
    ];
    let first = x.split(' ').next().unwrap_or("");
    is_name(x) && first.chars().skip(1).any(char::is_lowercase) && !BODY_WORDS.contains(&first)
}

/// A role written in capitals ("THỦ TƯỚNG", "PHÓ CHỦ TỊCH"), as signature blocks write them.
fn is_short_caps_role(p: &str) -> bool {
    !p.chars().any(char::is_lowercase)
}

/// The last signature block before `end` (the appendix start or the end of the text).
pub fn signer(lines: &[&str], end: usize) -> Option<Signature> {
    let lines = &lines[..end.min(lines.len())];
    signer_in(lines).or_else(|| {
        // A flattened scan: the signature is the tail of the "Nơi nhận" lines.
        let start = lines.iter().rposition(|l| is_recipients(l))?;
        let tails: Vec<&str> = lines[start..].iter().take(15).filter_map(|l| split_right_tail(l).1).collect();
        signer_in(&tails)
    })
}

fn signer_in(lines: &[&str]) -> Option<Signature> {
    for i in (0..lines.len()).rev() {
        let l = lines[i].trim();
        // A title followed (within 3 lines) by a personal name.
        if is_role(l) {
            let name = lines.iter().skip(i + 1).take(3).map(|x| x.trim()).find(|x| is_name(x));
            if let Some(name) = name {
                return Some((authority_above(lines, i), Some(l.to_string()), Some(name.to_string())));
            }
        }
        if let Some((role, name)) = role_and_name(l) {
            return Some((authority_above(lines, i), Some(role), Some(name)));
        }
        // Party style without a title line: "T/M BỘ CHÍNH TRỊ" ⏎ "Trần Cẩm Tú".
        if is_name(l) && i > 0 {
            let prev = lines[i - 1].trim();
            let wrapped = is_short_caps(prev) && !is_role(prev) && i >= 2 && is_authority(lines[i - 2].trim());
            if is_authority(prev) || wrapped {
                return Some((authority_above(lines, i), None, Some(l.to_string())));
            }
        }
    }
    None
}

/// Split "Nơi nhận: - A; - B; - C." written on one line into its items.
fn split_inline(l: &str) -> Vec<&str> {
    // Only after an item's own ending ("…; - B"), never inside a name ("Tổ chức - Nội vụ").
    l.split("; - ")
        .flat_map(|x| x.split(": - "))
        .flat_map(|x| x.split(". - "))
        .map(|x| x.trim_start_matches('-').trim())
        .filter(|x| !x.is_empty())
        .collect()
}

fn clean_item(item: &str) -> Option<String> {
    let item = item.trim().trim_end_matches(['.', ';', ',', ':']).trim();
    // "Lưu: VT, VPTK." files a copy; it is not a recipient.
    (!item.is_empty() && !item.starts_with("Lưu")).then(|| item.to_string())
}

/// The "Nơi nhận:" items, trimmed of "- " and trailing punctuation; an item wrapped onto a
/// line without a dash is continued.
pub(crate) fn recipients(lines: &[&str], end: usize) -> Vec<String> {
    let lines = &lines[..end.min(lines.len())];
    let Some(start) = lines.iter().rposition(|l| is_recipients(l)) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut open = false; // the last item did not end with punctuation
    let mut misses = 0;
    let first = split_right_tail(lines[start]).0.split_once(':').map(|(_, r)| r.trim()).unwrap_or("");
    let rest = lines[start + 1..].iter().map(|l| split_right_tail(l).0.trim());
    for l in std::iter::once(first).chain(rest) {
        if let Some(item) = l.strip_prefix('-').or_else(|| l.strip_prefix('+')) {
            misses = 0;
            for part in split_inline(item) {
                out.extend(clean_item(part));
            }
            open = !item.trim_end().ends_with(['.', ';', ',', ':']);
        } else if open && !l.is_empty() && !is_authority(l) && !is_role(l) && l.chars().any(char::is_lowercase) {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(l.trim_end_matches(['.', ';', ',']));
            }
            open = !l.ends_with(['.', ';', ',', ':']);
        } else if !l.is_empty() {
            open = false;
            misses += 1;
            if misses > 4 {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_blocks() {
        let l = [
            "Nơi nhận:",
            "- UBND quận;",
            "- Lưu: VT, VPTK.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Thị Tâm",
        ];
        let (a, r, n) = signer(&l, l.len()).unwrap();
        assert_eq!(a.as_deref(), Some("TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH"));
        assert_eq!(r.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(n.as_deref(), Some("Nguyễn Thị Tâm"));
        assert_eq!(recipients(&l, l.len()), ["UBND quận"]);
        let l = ["- Lưu: VT, NC.", "TM. ỦY BAN NHÂN", "DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Văn Thịnh"];
        let (a, _, n) = signer(&l, l.len()).unwrap();
        assert_eq!(a.as_deref(), Some("TM. ỦY BAN NHÂN DÂN; KT. CHỦ TỊCH"));
        assert_eq!(n.as_deref(), Some("Phạm Văn Thịnh"));
        let l = ["- Lưu: VT, VHXH.", "CHỦ TỊCH", "Đào Văn Soái", "PHỤC LỤC"];
        let (a, r, n) = signer(&l, 3).unwrap();
        assert_eq!((a, r.as_deref(), n.as_deref()), (None, Some("CHỦ TỊCH"), Some("Đào Văn Soái")));
    }

    #[test]
    fn party_and_one_line_signatures_and_inline_recipients() {
        let l = [
            "- Các đồng chí Ủy viên",
            "Ban Chấp hành Trung ương Đảng,",
            "- Lưu Văn phòng Trung ương Đảng.",
            "T/M BỘ CHÍNH",
            "TRỊ",
            "Trần Cẩm Tú",
        ];
        let (a, r, n) = signer(&l, l.len()).unwrap();
        assert_eq!((a.as_deref(), r, n.as_deref()), (Some("T/M BỘ CHÍNH TRỊ"), None, Some("Trần Cẩm Tú")));
        let l = [
            "Nơi nhận:",
            "- Các đồng chí Ủy viên",
            "Ban Chấp hành Trung ương Đảng,",
            "- Lưu Văn phòng Trung ương Đảng.",
        ];
        assert_eq!(recipients(&l, l.len()), ["Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng"]);
        let l = [
            "Nơi nhận: - Ủy ban Thường vụ Quốc hội (báo cáo); - Các bộ: Tài chính, Tư pháp; - Lưu: VT, HĐ8.",
            "CHỦ TỊCH Trịnh Thị Minh Thanh",
        ];
        assert_eq!(recipients(&l, l.len()), ["Ủy ban Thường vụ Quốc hội (báo cáo)", "Các bộ: Tài chính, Tư pháp"]);
        let (_, r, n) = signer(&l, l.len()).unwrap();
        assert_eq!((r.as_deref(), n.as_deref()), (Some("CHỦ TỊCH"), Some("Trịnh Thị Minh Thanh")));
    }

    #[test]
    fn a_flattened_scan_puts_the_signature_after_the_recipients() {
        let t = "Trên đây là Kế hoạch./.\nNơi nhận: THỦ TƯỚNG\n- Như trên; Phạm Minh Chính\n- Ban Bí thư Trung ương Đảng;\n- Lưu: VT, TCCV.";
        let lines: Vec<&str> = t.lines().collect();
        let (auth, role, name) = signer(&lines, lines.len()).unwrap();
        assert_eq!((auth, role.as_deref(), name.as_deref()), (None, Some("THỦ TƯỚNG"), Some("Phạm Minh Chính")));
        assert_eq!(recipients(&lines, lines.len()), ["Như trên", "Ban Bí thư Trung ương Đảng"]);
        let t = "Nơi nhận:\n- BTT Ủy ban MTTQ tỉnh; TM. BAN THƯỜNG TRỰC\n- Thường trực Đảng ủy xã; CHỦ TỊCH\n- Ủy ban bầu cử xã; Lan Thị Vân\n- Lưu VT.";
        let lines: Vec<&str> = t.lines().collect();
        let (auth, role, name) = signer(&lines, lines.len()).unwrap();
        assert_eq!(auth.as_deref(), Some("TM. BAN THƯỜNG TRỰC"));
        assert_eq!((role.as_deref(), name.as_deref()), (Some("CHỦ TỊCH"), Some("Lan Thị Vân")));
        // A recipient list alone gives no signer.
        let t = "Nơi nhận:\n- Sở Nội vụ;\n- UBND các xã;\n- Lưu: VT.";
        let lines: Vec<&str> = t.lines().collect();
        assert!(signer(&lines, lines.len()).is_none());
    }

    #[test]
    fn no_signature_in_prose() {
        let l = ["Chủ tịch UBND xã chỉ đạo các ngành thực hiện.", "Các thôn tổ chức thực hiện."];
        assert!(signer(&l, 2).is_none());
    }
}
