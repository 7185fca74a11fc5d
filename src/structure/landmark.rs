//! # landmark — the one rule for each landmark line
//!
//! Why: a Vietnamese administrative document is read by its landmark lines: the
//! section headings ("III. TỔ CHỨC THỰC HIỆN", "PHỤ LỤC"), the closing sentence
//! ("Trên đây là Kế hoạch …"), the "Nơi nhận:" label, the signature's authority
//! ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH") and a letter's "Kính gửi:". The
//! structure ([`super::Structure::of`]) finds them over the normalized text; the
//! meta extractor reads the header and signature columns in another order
//! ([`super::columns::reading_lines`]) and the unit extractor bounds its regions by
//! them. Each of these rules used to be written where it was needed, in slightly
//! different words; here each is written once, and every reader calls it.
//!
//! Each function takes one line (as it stands: callers trim where their lines are
//! indented) and says whether it is that landmark.
//!
//! Example: `section_heading("III. TỔ CHỨC THỰC HIỆN")` is `Some(Heading::Roman)`,
//! `section_heading("PHỤ LỤC I")` is `Some(Heading::Appendix)`, `is_recipients("Nơi
//! nhận:")` and `is_authority("KT. CHỦ TỊCH")` are true.
//!
//! Limits: a heading numbered in Arabic digits ("1. MỤC ĐÍCH") is an item, not a
//! section; an authority line OCR'd without its dot and space ("TMỦY BAN") is missed;
//! a body line that happens to start with "nơi nhận" ("nơi nhận hồ sơ …") reads as the
//! label (the structure takes the last one, which is the real block in practice).

use regex::Regex;
use std::sync::LazyLock;

/// A section heading: a Roman numeral, or an appendix heading.
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
          (?P<roman>[IVXL]{1,5})\.\s+\S             # III. TỔ CHỨC THỰC HIỆN
         |(?:PHỤ\ LỤC|PHỤC\ LỤC|Phụ\ lục)(?:\s|$)   # PHỤ LỤC
        )",
    )
    .expect("SECTION")
});

/// The signature's authority: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M ĐẢNG ỦY",
/// "TUQ. CHỦ TỊCH", "THAY MẶT BAN THƯỜNG VỤ".
static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:TM|KT|TL|TUQ|Q|T/M|K/T|T/L|THAY\ MẶT)   # thay mặt, ký thay, thừa lệnh, quyền …
          [.:]?\s+\p{Lu}                                # … then the body or title in capitals",
    )
    .expect("AUTHORITY")
});

/// The label of a letter's addressees: "Kính gửi:", "Kính trình:", and their OCR'd forms.
static KINH_GUI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
           [Kk](?:ính|ÍNH)\ [Gg](?:ửi|ỬI)\s*:?             # Kính gửi:
          |[Kk](?:ính|ÍNH)\ [Tt](?:rình|RÌNH)\s*:           # Kính trình:
          |[Kk][íi]nh[\ \-–.]{0,2}[gdqGDQ][^\s:]{2,3}\s*:   # OCR: Kính-dủd: (not Kinh dị:)
        )\s*",
    )
    .expect("KINH_GUI")
});

/// A Công điện's addressee label: "THỦ TƯỚNG CHÍNH PHỦ điện:".
static TELEGRAM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)^[\p{Lu}\ ]{6,80}\ điện\s*:\s*   # THỦ TƯỚNG CHÍNH PHỦ điện:").expect("TELEGRAM")
});

/// The kind of a section heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    /// "III. TỔ CHỨC THỰC HIỆN".
    Roman,
    /// "PHỤ LỤC", "Phụ lục I".
    Appendix,
}

/// The section heading `line` opens, if any.
pub fn section_heading(line: &str) -> Option<Heading> {
    let c = SECTION.captures(line)?;
    Some(if c.name("roman").is_some() { Heading::Roman } else { Heading::Appendix })
}

/// The line opens an appendix ("PHỤ LỤC", "PHỤC LỤC", "Phụ lục").
pub fn is_appendix(line: &str) -> bool {
    section_heading(line) == Some(Heading::Appendix)
}

/// The line opens the "Nơi nhận" block (any case, after indentation).
pub fn is_recipients(line: &str) -> bool {
    starts_lowered(line.trim_start(), "nơi nhận")
}

/// The line is a signature authority ("TM. …", "KT. …", "Q. …", "TL. …", "TUQ. …", "T/M …").
pub fn is_authority(line: &str) -> bool {
    AUTHORITY.is_match(line)
}

/// The closing sentence of the body: "Trên đây là Kế hoạch …" (any case).
pub fn is_closing(line: &str) -> bool {
    starts_lowered(line, "trên đây là ")
}

/// The end of the label opening a letter's or a Công điện's addressees ("Kính gửi:",
/// "THỦ TƯỚNG CHÍNH PHỦ điện:"), as a byte offset into `line`.
pub fn addressees_label(line: &str) -> Option<usize> {
    KINH_GUI.find(line).or_else(|| TELEGRAM.find(line)).map(|m| m.end())
}

/// The line opens with "Kính gửi:" (or "Kính trình:"): the document is a letter.
pub fn is_kinh_gui(line: &str) -> bool {
    KINH_GUI.is_match(line)
}

/// `s.to_lowercase().starts_with(prefix)` without lowercasing all of `s` (`prefix` is
/// lowercase; a character's lowercase may differ in length, so compare char by char).
fn starts_lowered(s: &str, prefix: &str) -> bool {
    let mut have = s.chars().flat_map(char::to_lowercase);
    prefix.chars().all(|p| have.next() == Some(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(section_heading("III. TỔ CHỨC THỰC HIỆN"), Some(Heading::Roman));
        assert_eq!(section_heading("IV. Kinh phí"), Some(Heading::Roman));
        assert_eq!(section_heading("PHỤ LỤC"), Some(Heading::Appendix));
        assert_eq!(section_heading("Phụ lục I"), Some(Heading::Appendix));
        assert!(is_appendix("PHỤC LỤC 02"));
        assert_eq!(section_heading("1. MỤC ĐÍCH"), None);
        assert_eq!(section_heading("Vì. lý do"), None);
        assert_eq!(section_heading("PHỤ LỤCX"), None);
        assert_eq!(section_heading("  III. TỔ CHỨC"), None, "indented: callers trim");
    }

    #[test]
    fn closing_block() {
        assert!(is_recipients("Nơi nhận:"));
        assert!(is_recipients("  NƠI NHẬN:"));
        assert!(is_recipients("Nơi nhận: - Như trên;"));
        assert!(!is_recipients("- Lưu: VT."));
        assert!(is_closing("Trên đây là Kế hoạch triển khai …"));
        assert!(is_closing("TRÊN ĐÂY LÀ KẾ HOẠCH"));
        assert!(!is_closing("Trên đây, Ủy ban"));
    }

    #[test]
    fn authority() {
        for l in ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M ĐẢNG ỦY", "TUQ. CHỦ TỊCH", "Q. GIÁM ĐỐC", "TL. BỘ TRƯỞNG"]
        {
            assert!(is_authority(l), "{l}");
        }
        for l in ["Tổ chức thực hiện", "TMỦY BAN", "KT: bảo đảm", "Quận Ba Đình"] {
            assert!(!is_authority(l), "{l}");
        }
    }

    #[test]
    fn addressees() {
        assert_eq!(addressees_label("Kính gửi: Ủy ban nhân dân tỉnh."), Some("Kính gửi: ".len()));
        assert_eq!(addressees_label("Kính gửi:"), Some("Kính gửi:".len()));
        assert_eq!(addressees_label("THỦ TƯỚNG CHÍNH PHỦ điện:"), Some("THỦ TƯỚNG CHÍNH PHỦ điện:".len()));
        assert!(addressees_label("Kính-dủd: các sở").is_some(), "OCR");
        assert!(is_kinh_gui("Kính gửi: các sở"));
        assert!(!is_kinh_gui("THỦ TƯỚNG CHÍNH PHỦ điện:"));
        assert_eq!(addressees_label("Gửi các sở"), None);
        assert!(!is_kinh_gui("Kinh dị: hình ảnh rùng rợn"), "a word, not an OCR'd label");
    }
}
