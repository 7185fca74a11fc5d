//! The issuing body and its level.
//!
//! Evidence, strongest first: the capitalised body lines at the top left of the
//! header ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "UBND TỈNH BÌNH THUẬN / SỞ TƯ PHÁP",
//! "ĐẢNG ỦY XÃ …"); the preamble's closing clause ("UBND xã Đại Sơn xây dựng Kế
//! hoạch …"); the appendix line ("Kèm theo Kế hoạch … của UBND xã Đại Sơn"); the
//! closing sentence ("Trên đây là Kế hoạch … của UBND phường"). A bare level
//! ("UBND phường") takes its name from the date line's place ("Lãm Hà").

use crate::domain::Level;
use crate::extract::Doc;
use regex::Regex;
use std::sync::LazyLock;

/// Heads of issuing bodies, to split a header line into bodies. "CHÍNH PHỦ" is not one:
/// it ends "THỦ TƯỚNG CHÍNH PHỦ" and "VĂN PHÒNG CHÍNH PHỦ", and heads a header alone.
static BODY_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:^|\s)(?:
            ỦY\ BAN\ NHÂN\ DÂN | UBND | HỘI\ ĐỒNG\ NHÂN\ DÂN | HĐND | ỦY\ BAN\ MTTQ | ỦY\ BAN\ MẶT\ TRẬN | SỞ\ | BAN\ | ĐẢNG\ ỦY | ĐẢNG\ BỘ
          | TỈNH\ ỦY | THÀNH\ ỦY | HUYỆN\ ỦY | QUẬN\ ỦY | THỊ\ ỦY | VĂN\ PHÒNG | BỘ\ | THỦ\ TƯỚNG | CÔNG\ AN | TRUNG\ TÂM
          | TỔNG\ CỤC\ | CỤC\ 
          | PHÒNG\ | HỘI\ | ĐOÀN\ | CHI\ BỘ | THANH\ TRA | KHỐI\ | TỔ\ | QUỐC\ HỘI | ĐẠI\ HỌC | TRƯỜNG\ 
        )",
    )
    .expect("BODY_HEAD")
});

/// Sub-organs that name their parent after them ("… XÃ LƯƠNG MINH / BAN THƯỜNG TRỰC").
static SUB_ORGAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:BAN THƯỜNG TRỰC|BAN THƯỜNG VỤ|THƯỜNG TRỰC|BAN CHẤP HÀNH|BAN CHỈ ĐẠO|VĂN PHÒNG)$")
        .expect("SUB_ORGAN")
});

/// "UBND xã Đại Sơn xây dựng Kế hoạch", "Ủy ban nhân dân tỉnh ban hành Kế hoạch".
static PREAMBLE_ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?P<iss>(?:UBND|Ủy\ ban\ nhân\ dân|HĐND|Hội\ đồng\ nhân\ dân|Ban\ Thường\ vụ|Ban\ Thường\ trực|Ban\ Chấp\ hành|Đảng\ ủy|Ban\ Chỉ\ đạo|Sở|Ban\ Dân\ vận|Ủy\ ban\ MTTQ|Ủy\ ban\ Mặt\ trận)
            (?:\x20[\p{L}()]+){0,8}?)
          \x20(?:xây\ dựng|ban\ hành|triển\ khai)\x20(?:[Kk]ế\ hoạch|[Cc]hương\ trình|[Hh]ướng\ dẫn|[Qq]uy\ chế)",
    )
    .expect("PREAMBLE_ISSUER")
});

/// "(Kèm theo Kế hoạch số … của UBND xã Đại Sơn)", "Trên đây là Kế hoạch … của UBND phường".
static OF_ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:Kèm\ theo|Trên\ đây\ là)[^\n]{0,200}?\ của\ (?P<iss>(?:UBND|Ủy\ ban\ nhân\ dân|Ban\ Thường\ trực|Ban\ Thường\ vụ|Đảng\ ủy|Sở|HĐND)(?:\x20[\p{L}]+){1,6}?)(?:[).,;]|\x20về|\x20năm|\x20trong|\x20đến|\x20nghiêm|$)",
    )
    .expect("OF_ISSUER")
});

/// The levels whose word names a local body, most specific spelling first ("thị xã" before "xã").
const LEVELS: [Level; 9] = [
    Level::ThiTran,
    Level::ThiXa,
    Level::ThanhPho,
    Level::DacKhu,
    Level::Phuong,
    Level::Xa,
    Level::Huyen,
    Level::Quan,
    Level::Tinh,
];

/// Whether `w` (lower case) is the word of one of [`LEVELS`].
fn is_level_word(w: &str) -> bool {
    LEVELS.iter().any(|l| l.as_str() == w)
}

/// Words that keep a capital inside an otherwise lower-cased body name.
const PROPER: [(&str, &str); 14] = [
    ("Ban thường trực", "Ban Thường trực"),
    ("Ban thường vụ", "Ban Thường vụ"),
    ("ban thường trực", "Ban Thường trực"),
    ("ban thường vụ", "Ban Thường vụ"),
    (" ủy ban", " Ủy ban"),
    ("việt nam", "Việt Nam"),
    ("tổ quốc", "Tổ quốc"),
    ("mặt trận", "Mặt trận"),
    ("đảng", "Đảng"),
    ("trung ương", "Trung ương"),
    ("chính phủ", "Chính phủ"),
    ("quốc hội", "Quốc hội"),
    ("nhà nước", "Nhà nước"),
    ("hồ chí minh", "Hồ Chí Minh"),
];

fn cap(w: &str) -> String {
    let mut cs = w.chars();
    cs.next().map_or(String::new(), |c| c.to_uppercase().chain(cs).collect())
}

/// "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" → "Ủy ban nhân dân tỉnh Bắc Ninh"; abbreviations from the lexicon stay.
pub(crate) fn title_case(caps: &str, doc: &Doc) -> String {
    let words: Vec<&str> = caps.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut after_level = false;
    let mut in_name = false;
    for (i, w) in words.iter().enumerate() {
        let lw = w.to_lowercase();
        let prev = if i > 0 { words[i - 1].to_lowercase() } else { String::new() };
        let after_joiner = in_name && (prev == "và" || prev.ends_with(','));
        let prev2 = if i > 1 { words[i - 2].to_lowercase() } else { String::new() };
        // "Sở Tư pháp", "Ban Dân vận", "Phòng Nội vụ" (but "Ủy ban nhân dân")
        let named =
            matches!(prev.as_str(), "sở" | "bộ" | "phòng" | "cục") || (prev == "ban" && prev2 != "ủy" && prev2 != "uỷ");
        // "Sở Văn hóa, Thể thao và Du lịch": each part of an agency name is capitalised.
        in_name = (in_name || named) && !is_level_word(&lw);
        let named = named || (after_joiner && lw != "và");
        let abbrev = !after_level && w.chars().count() >= 2 && doc.lex.unit_abbrev.iter().any(|(a, _)| a == w);
        out.push(if abbrev {
            w.to_string()
        } else if i == 0 || after_level || named {
            cap(&lw)
        } else {
            lw.clone()
        });
        if is_level_word(&lw) || is_level_word(&format!("{prev} {lw}")) {
            after_level = true;
        }
    }
    let mut s = out.join(" ");
    for (from, to) in PROPER {
        s = s.replace(from, to);
    }
    s
}

/// Expand abbreviations for the canonical form ("UBND xã" → "Ủy ban nhân dân xã").
pub fn expand(s: &str, doc: &Doc) -> String {
    s.split(' ')
        .map(|w| {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '&' && c != '-');
            match doc.lex.unit_abbrev.iter().find(|(a, _)| a == core) {
                Some((_, e)) if ["UBND", "HĐND", "MTTQ", "BCĐ", "BTV"].contains(&core) => w.replace(core, e),
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_caps(l: &str) -> bool {
    l.chars().any(char::is_alphabetic) && !l.chars().any(char::is_lowercase)
}

/// Issuer from the header's capitalised body lines (above the "Số" line / kind title).
pub(crate) fn from_header(doc: &Doc, lines: &[&str], until: usize) -> Option<(String, String)> {
    let mut header = String::new();
    let mut motto_cut = false;
    for line in lines.iter().take(until) {
        let l = line;
        // Two header columns glued on one line: keep the left one.
        let l = ["---", "CỘNG HÒA", "ĐẢNG CỘNG SẢN", "Độc lập"]
            .iter()
            .filter_map(|m| l.find(m).filter(|&i| i > 0))
            .min()
            .map_or(*l, |i| &l[..i]);
        // OCR noise in front of a line ("+ VIỆT NAM XÃ LƯƠNG MINH"), and the end of the motto
        // that a flattened scan puts on the next line ("VIỆT NAM XÃ LƯƠNG MINH").
        let t = l.trim().trim_end_matches('*').trim().trim_start_matches(['+', '-', '*', '.', '•', ' ']);
        let t = if motto_cut { t.strip_prefix("VIỆT NAM").map_or(t, str::trim_start) } else { t };
        motto_cut = line.trim_end().ends_with("CHỦ NGHĨA") && line.contains("CỘNG HÒA");
        if t.starts_with("CỘNG HÒA")
            || t.starts_with("ĐẢNG CỘNG SẢN")
            || t.starts_with("Độc lập")
            || t.starts_with("Số")
        {
            continue;
        }
        if !is_caps(t) || t.chars().all(|c| !c.is_alphabetic()) || t.contains("NGÀY") {
            continue;
        }
        if !header.is_empty() {
            header.push(' ');
        }
        header.push_str(t);
    }
    if header.is_empty() || header.split_whitespace().count() > 25 {
        return None;
    }
    let starts: Vec<usize> =
        BODY_HEAD.find_iter(&header).map(|m| m.start() + usize::from(m.as_str().starts_with(' '))).collect();
    let bodies: Vec<&str> = match starts.first() {
        None => vec![header.as_str()],
        Some(_) => starts
            .iter()
            .enumerate()
            .map(|(k, &s)| header[s..starts.get(k + 1).copied().unwrap_or(header.len())].trim())
            .collect(),
    };
    let last = *bodies.last()?;
    let name = if bodies.len() >= 2 && SUB_ORGAN.is_match(last) {
        format!("{} {}", last, bodies[bodies.len() - 2])
    } else {
        last.to_string()
    };
    Some((expand(&title_case(&name, doc), doc), header))
}

/// Issuer from the preamble or the appendix/closing lines.
pub(crate) fn from_text(doc: &Doc) -> Option<String> {
    let text = doc.text();
    let c = PREAMBLE_ISSUER.captures(text).or_else(|| OF_ISSUER.captures(text))?;
    Some(expand(c.name("iss")?.as_str().trim(), doc))
}

/// The level of an issuer by its level word ("Ủy ban nhân dân xã Đại Sơn" → xã), or trung ương.
pub fn level(issuer: &str) -> Option<Level> {
    let l = issuer.to_lowercase();
    for k in ["bộ ", "chính phủ", "thủ tướng", "quốc hội", "trung ương", "ban bí thư", "bộ chính trị"]
    {
        if l.starts_with(k) {
            return Some(Level::TrungUong);
        }
    }
    if l.starts_with("sở ") || l.contains("tỉnh ủy") {
        return Some(Level::Tinh);
    }
    let mut best: Option<(usize, &str, Level)> = None;
    for lv in LEVELS {
        let word = lv.as_str();
        let mut from = 0;
        while let Some(i) = l[from..].find(word) {
            let at = from + i;
            let before_ok = at == 0 || l[..at].ends_with(' ');
            let after_ok = l[at + word.len()..].is_empty() || l[at + word.len()..].starts_with(' ');
            // "thị xã" also contains "xã": keep the longer word at the same end.
            if before_ok
                && after_ok
                && best.is_none_or(|(b, w, _)| at > b && !(w.ends_with(word) && at + word.len() == b + w.len()))
            {
                best = Some((at, word, lv));
            }
            from = at + word.len();
        }
    }
    best.map(|(_, _, lv)| lv).or_else(|| l.contains("huyện ủy").then_some(Level::Huyen))
}

/// Proper name after the level word ("… xã Đại Sơn" → "Đại Sơn").
pub(crate) fn place_name(issuer: &str, level: Level) -> Option<String> {
    let level = level.as_str();
    let l = issuer.to_lowercase();
    let at = l.rfind(&format!("{level} "))?;
    let name = issuer[at + level.len()..].trim();
    (!name.is_empty() && name.starts_with(char::is_uppercase)).then(|| name.to_string())
}
