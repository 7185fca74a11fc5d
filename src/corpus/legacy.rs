//! Legacy Vietnamese 8-bit encodings: TCVN3 (ABC) and VNI-Windows.
//!
//! PLACEHOLDER INTERFACE — being filled in (detection + conversion tables).

/// A legacy encoding we can detect and convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 (VN3, ".VnTime" fonts).
    Tcvn3,
    /// VNI-Windows ("VNI-Times" fonts).
    Vni,
}

impl Legacy {
    /// Human name.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI-Windows",
        }
    }
}

/// Windows-1252 view of a byte (undefined slots map to the Latin-1 code point).
pub fn cp1252_char(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’', '“',
        '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Detect text that is legacy-encoded Vietnamese seen through a Latin-1/cp1252 lens.
pub fn detect(_text: &str) -> Option<Legacy> {
    None
}

/// Convert legacy text to Unicode.
pub fn convert(text: &str, _enc: Legacy) -> String {
    text.to_string()
}
