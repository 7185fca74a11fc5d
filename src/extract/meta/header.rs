//! The header block of a document: "Số: 10/KH-UBND", "Lãm Hà, ngày 27 tháng 02
//! năm 2024", the kind title ("KẾ HOẠCH") and the trích yếu under it.

use crate::domain::Date;
use crate::extract::directive::parse_symbol;
use crate::extract::Doc;
use regex::Regex;
use std::sync::LazyLock;

/// How many leading lines make up the header zone.
pub(crate) const HEADER_LINES: usize = 40;

/// "Số: 10/KH-UBND", "Số 05-KH/ĐU", "Số: /KH-UBND" (blank), "Số:  788/STP-HCBT".
/// Spaces around the slash after a number filled into a blank ("779    /QĐ-UBND").
static SPACED_SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x)^\s*(?P<n>\d{1,6}[a-zđ]?)\s*/\s*").expect("SPACED_SLASH"));

static NUMBER_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?x)^\s*(?:Số|SỐ)\s*:?\s*(?P<rest>.{0,60})").expect("NUMBER_LINE"));

/// "<Place>, ngày 27 tháng 02 năm 2024"; drafts leave blanks: "ngày    tháng    năm 2025".
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        # place: Lãm Hà, Thành phố Hồ Chí Minh, TP. Hồ Chí Minh (not QĐ-UBND Bình Thuận)
        (?:(?P<place>(?:(?:Thành\ phố|Thị\ xã|Thị\ trấn|TP\.?|Tp\.?)\x20?)?\p{Lu}\p{Ll}[\p{L}.\-]*(?:\x20\p{Lu}\p{Ll}[\p{L}.\-]*){0,4})\s*,\s*)?
        ngày\s*(?P<d>\d{1,2})?[\s.…]*tháng\s*(?P<m>\d{1,2})?[\s.…]*năm\s*(?P<y>(?:19|20)\d\d)
        ",
    )
    .expect("PLACE_DATE")
});

/// A kind title alone on its line ("KẾ HOẠCH", "QUYẾT ĐỊNH", "Kế hoạch").
static KIND_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<k>KẾ\ HOẠCH|QUYẾT\ ĐỊNH|CHỈ\ THỊ|CÔNG\ ĐIỆN|THÔNG\ BÁO|HƯỚNG\ DẪN|TỜ\ TRÌNH|BÁO\ CÁO|NGHỊ\ QUYẾT|KẾT\ LUẬN|CHƯƠNG\ TRÌNH|QUY\ CHẾ|QUY\ ĐỊNH|CÔNG\ VĂN|ĐỀ\ ÁN|PHƯƠNG\ ÁN|THÔNG\ TRI|BIÊN\ BẢN|TỜ\ TRÌNH)
        (?:\s+(?:LIÊN\ TỊCH|HÀNH\ ĐỘNG|PHỐI\ HỢP))?\s*:?\s*$",
    )
    .expect("KIND_TITLE")
});

/// Lines that end a title: preamble, legal bases, addressees, authority lines.
static TITLE_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:Căn\ cứ|Thực\ hiện|Theo|Xét|Kính\ gửi|Để|Nhằm|Trên\ cơ\ sở|Số\b|CỘNG\ HÒA|Độc\ lập|I\.|1\.|\(Kèm|Nơi\ nhận
          |CHỦ\ TỊCH|BỘ\ TRƯỞNG|THỦ\ TƯỚNG|BAN\ THƯỜNG|ỦY\ BAN|UBND|HỘI\ ĐỒNG|GIÁM\ ĐỐC|ĐẢNG\ ỦY|BAN\ CHẤP|QUYẾT\ ĐỊNH)",
    )
    .expect("TITLE_STOP")
});

/// What the header gave.
#[derive(Debug, Default)]
pub struct Header {
    /// Own number (canonical symbol), None when blank or absent.
    pub number: Option<String>,
    /// Line index of the "Số" line.
    pub number_line: Option<usize>,
    /// Kind name ("Kế hoạch").
    pub kind: Option<String>,
    /// Line index of the kind title.
    pub kind_line: Option<usize>,
    /// Place of the date line.
    pub place: Option<String>,
    /// Full date.
    pub date: Option<Date>,
    /// Year of the date line even when day/month are blank.
    pub date_year: Option<i32>,
    /// Title (trích yếu).
    pub title: Option<String>,
}

/// Parse the header zone. `lines` are the document's lines.
pub fn parse(doc: &Doc, lines: &[&str]) -> Header {
    let mut h = Header::default();
    let zone = &lines[..lines.len().min(HEADER_LINES)];
    for (i, l) in zone.iter().enumerate() {
        if h.number_line.is_none() {
            if let Some(c) = NUMBER_LINE.captures(l) {
                let rest = c.name("rest").map_or("", |r| r.as_str());
                h.number_line = Some(i);
                // Blank number ("Số: /KH-UBND") → null.
                if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                    // A number typed into a blank: "Số:  779    /QĐ-UBND".
                    let rest = SPACED_SLASH.replace(rest, "$n/");
                    h.number = parse_symbol(&rest, doc.lex).map(|s| s.text);
                }
            }
        }
        if h.date_year.is_none() {
            // A date line wrapped in its column: "Lương Minh, ngày 12 tháng 01 năm" ⏎ "2026".
            let joined;
            let l: &str = match zone.get(i + 1) {
                Some(next) if l.contains("ngày") && !PLACE_DATE.is_match(l) => {
                    // A flattened scan leaves the wrapped year at the end of the next row
                    // ("… tháng 12 năm" ⏎ "Số: /KH-MTTQ-BTT 2025").
                    let year = next.trim_end().rsplit(' ').next().filter(|w| w.len() == 4 && w.starts_with("20"));
                    joined = match year {
                        Some(y) if l.trim_end().ends_with("năm") => format!("{} {y}", l.trim_end()),
                        _ => format!("{} {}", l.trim_end(), next.trim()),
                    };
                    &joined
                }
                _ => l,
            };
            if let Some(c) = PLACE_DATE.captures(l) {
                let g = |n: &str| c.name(n).and_then(|x| x.as_str().parse::<u32>().ok());
                let y = c.name("y").and_then(|x| x.as_str().parse::<i32>().ok());
                // Only a header date line: it has a place, or stands at the start of its line.
                let at_start =
                    c.get(0).is_some_and(|m| l[..m.start()].trim().is_empty() || l[..m.start()].contains("Số"));
                if c.name("place").is_some() || at_start {
                    h.date_year = y;
                    h.date = y.and_then(|y| Date::new(y, g("m")?, g("d")?));
                    h.place = c.name("place").map(|p| p.as_str().trim().to_string());
                }
            }
        }
        if h.kind_line.is_none() {
            if let Some(c) = KIND_TITLE.captures(l.trim()) {
                h.kind_line = Some(i);
                h.kind = c.name("k").and_then(|k| doc.lex.kind_by_name(k.as_str())).map(|k| k.name.clone());
            }
        }
    }
    h.title = title(lines, &h);
    if h.kind.is_none() {
        h.kind = kind_from_number(doc, &h, zone);
    }
    h
}

fn kind_from_number(doc: &Doc, h: &Header, zone: &[&str]) -> Option<String> {
    if zone.iter().any(|l| l.trim_start().starts_with("V/v") || crate::structure::landmark::is_kinh_gui(l.trim_start()))
    {
        return Some("Công văn".into());
    }
    let sym = parse_symbol(h.number.as_deref()?, doc.lex)?;
    match &sym.type_code {
        Some(t) => doc.lex.kind_by_code(t).map(|k| k.name.clone()),
        None => Some("Công văn".into()),
    }
}

/// Whether the letters of a line are capitals (at least three letters; digits and signs ignored).
fn is_upper(line: &str) -> bool {
    let mut n = 0;
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        n += 1;
    }
    n >= 3
}

/// The trích yếu: lines after the kind title (or the "V/v" line of a công văn).
fn title(lines: &[&str], h: &Header) -> Option<String> {
    let zone = lines.len().min(HEADER_LINES + 10);
    let (start, prefix) = match h.kind_line {
        Some(k) => (k + 1, false),
        None => {
            // Công văn: "V/v …", or a "Về …" line right under the number.
            let vv = lines[..zone].iter().position(|l| l.trim_start().starts_with("V/v"));
            let ve = h.number_line.map(|n| n + 1).filter(|&n| lines.get(n).is_some_and(|l| l.starts_with("Về ")));
            (vv.or(ve)?, true)
        }
    };
    let mut parts: Vec<&str> = Vec::new();
    let mut stop: Option<&str> = None;
    for l in lines.iter().take(zone).skip(start) {
        let t = l.trim();
        let date_line = PLACE_DATE.is_match(t) && t.contains(", ngày");
        // A line without a letter or digit ("|" of a web copy's layout table) ends a title.
        let no_word = !t.chars().any(char::is_alphanumeric);
        if t.is_empty() || date_line || (!parts.is_empty() && (TITLE_STOP.is_match(t) || no_word)) || parts.len() >= 4 {
            stop = Some(t);
            break;
        }
        // A title in capitals ends where the text turns to sentence case (the first paragraph
        // under it: "Triển khai thực hiện Nghị quyết …", "Trong những năm qua, …"); a rule
        // line ("-----") or a paragraph-long line ends any title.
        let rule = t.starts_with("---") || t.starts_with("___") || t.starts_with("***");
        let caps_before = parts.first().is_some_and(|p| is_upper(p));
        if !parts.is_empty() && (rule || (caps_before && !is_upper(t)) || t.chars().count() > 300) {
            stop = Some(t);
            break;
        }
        if rule {
            continue;
        }
        // The first line may start with "Thực hiện …" (a title) unless it cites a document (a preamble).
        let preamble = t.starts_with("Thực hiện") && t.contains(" số ");
        if parts.is_empty()
            && TITLE_STOP.is_match(t)
            && !t.starts_with("V/v")
            && (!t.starts_with("Thực hiện") || preamble)
        {
            break;
        }
        parts.push(t);
        if t.ends_with(['.', ';', ':']) {
            break;
        }
    }
    // A word of the authority line glued to a title in capitals ("… TRUNG BỘ THỦ" ⏎
    // "TƯỚNG CHÍNH PHỦ điện:") goes back to it.
    if let (Some(last), Some(first)) = (parts.last_mut(), stop.and_then(|t| t.split_whitespace().next())) {
        if let Some((head, word)) = last.rsplit_once(' ') {
            if is_upper(last) && TITLE_STOP.is_match(&format!("{word} {first}")) {
                *last = head;
            }
        }
    }
    let mut s = parts.join(" ");
    if prefix {
        s = s.trim_start_matches("V/v").trim_start_matches(':').trim().to_string();
    }
    let s = s.trim_end_matches([',', ';', ':']).trim().to_string();
    (!s.is_empty()).then_some(s)
}
