//! The signature block (TM./KT./TL./Q./TUQ. or T/M, K/T, T/L; the title; the
//! name) and the "Nơi nhận" list. pdftotext often serialises the two columns one
//! after the other, so both are parsed independently.

use regex::Regex;
use std::sync::LazyLock;

/// Authority prefixes: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M ĐẢNG ỦY", "TUQ. CHỦ TỊCH".
static AUTHORITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L|THAY MẶT)[.:]?\s+\p{Lu}").expect("AUTHORITY"));

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
pub type Signature = (Option<String>, Option<String>, Option<String>);

fn is_role(l: &str) -> bool {
    ROLE.is_match(l) && !l.ends_with(['.', ';', ','])
}

/// The last signature block before `end` (the appendix start or the end of the text).
pub fn signer(lines: &[&str], end: usize) -> Option<Signature> {
    let lines = &lines[..end.min(lines.len())];
    // Last role line that is followed (within 3 lines) by a personal name.
    for i in (0..lines.len()).rev() {
        let l = lines[i].trim();
        if !is_role(l) {
            continue;
        }
        let name = lines
            .iter()
            .skip(i + 1)
            .take(3)
            .map(|x| x.trim())
            .find(|x| NAME.is_match(x) && !is_role(x) && !AUTHORITY.is_match(x) && !x.starts_with('-'));
        let Some(name) = name else { continue };
        // Authority lines just above (TM. …, KT. …), possibly wrapped ("TM. ỦY BAN NHÂN" / "DÂN").
        let mut auth: Vec<String> = Vec::new();
        let mut j = i;
        while j > 0 && auth.len() < 3 {
            let p = lines[j - 1].trim();
            let short_caps = p.split_whitespace().count() <= 3
                && !p.chars().any(char::is_lowercase)
                && p.chars().any(char::is_alphabetic);
            if AUTHORITY.is_match(p) {
                auth.insert(0, p.to_string());
                j -= 1;
            } else if short_caps && j >= 2 && AUTHORITY.is_match(lines[j - 2].trim()) {
                auth.insert(0, format!("{} {}", lines[j - 2].trim(), p));
                j -= 2;
            } else {
                break;
            }
        }
        let role = l.to_string();
        // "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH": the KT. line is authority; role is the title line.
        let authority = (!auth.is_empty()).then(|| auth.join("; "));
        return Some((authority, Some(role), Some(name.to_string())));
    }
    None
}

/// The "Nơi nhận:" items, trimmed of "- " and trailing punctuation.
pub fn recipients(lines: &[&str], end: usize) -> Vec<String> {
    let lines = &lines[..end.min(lines.len())];
    let Some(start) = lines.iter().rposition(|l| {
        let t = l.trim_start().to_lowercase();
        t.starts_with("nơi nhận")
    }) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut misses = 0;
    let first = lines[start].split_once(':').map(|(_, r)| r.trim()).unwrap_or("");
    for l in std::iter::once(first).chain(lines[start + 1..].iter().map(|l| l.trim())) {
        if let Some(item) = l.strip_prefix('-').or_else(|| l.strip_prefix('+')) {
            misses = 0;
            let item = item.trim().trim_end_matches(['.', ';', ',']).trim();
            // "Lưu: VT, VPTK." files a copy; it is not a recipient.
            if !item.is_empty() && !item.starts_with("Lưu") {
                out.push(item.to_string());
            }
        } else if !l.is_empty() {
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
    fn no_signature_in_prose() {
        let l = ["Chủ tịch UBND xã chỉ đạo các ngành thực hiện.", "Các thôn tổ chức thực hiện."];
        assert!(signer(&l, 2).is_none());
    }
}
