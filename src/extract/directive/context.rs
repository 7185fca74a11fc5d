//! The words around a symbol: the kind word before it ("Chỉ thị số"), the
//! date after it ("ngày 26/11/2021", ", ngày 23/02/2024", "ngày 30 tháng 4 năm
//! 2025") and the issuer as written ("của Thủ tướng Chính phủ", "giữa Ủy ban
//! nhân dân tỉnh và Ban Dân vận Tỉnh ủy").

use crate::extract::date::{first_date, Date};
use crate::normalize::{ceil_boundary, floor_boundary};
use regex::Regex;
use std::sync::LazyLock;

/// A document kind word right before a symbol, possibly with "số" and enumerated numbers.
static KIND_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        (?P<kind>
            chỉ\ thị | nghị\ quyết\ liên\ tịch | nghị\ quyết | quyết\ định | quy\ định | kết\ luận
          | kế\ hoạch\ liên\ tịch | kế\ hoạch | công\ văn | văn\ bản | công\ điện | thông\ báo\ kết\ luận
          | thông\ báo | hướng\ dẫn | thông\ tư\ liên\ tịch | thông\ tư | nghị\ định | bộ\ luật | luật
          | pháp\ lệnh | chương\ trình\ hành\ động | chương\ trình\ phối\ hợp | chương\ trình | đề\ án
          | tờ\ trình | báo\ cáo | quy\ chế\ phối\ hợp | quy\ chế | thông\ tri | hiến\ pháp | phương\ án
          | dự\ án | quy\ trình | lệnh
        )
        (?:\s+(?:liên\ tịch|hành\ động))?
        \s*(?:số|số\ hiệu)?\s*:?\s*            # Chỉ thị số 33/…, Nghị định 145/…
        (?:\d{1,5}\s*(?:,|&|và)\s*)*$           # Quyết định số 217, 218-QĐ/TW
        ",
    )
    .expect("KIND_BEFORE")
});

/// "ngày" (or a comma) right after a symbol, before its date.
static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[\s,]*\(?\s*
        (?:(?:ban\ hành|ký)\s+)?
        ngày\s*:?\s*      # ngày 26/11/2021 ; , ngày 23/02/2024 ; ban hành ngày …
        ",
    )
    .expect("DATE_AFTER")
});

/// "của X" / "giữa X và Y" after a symbol or its date.
static ISSUER_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?xi)^[\s,]*\(?\s*(?:của|giữa)\s+").expect("ISSUER_AFTER"));

/// Where an issuer phrase ends.
static ISSUER_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
          \s(?:về|ban\ hành|[Qq]uy\ định|[Hh]ướng\ dẫn|thực\ hiện|triển\ khai|tại|trên|nhằm|đối\ với|trong|đã|được|là|theo|nay|với|cho|gắn|tiếp\ tục|phê\ duyệt|việc|thông\ qua|sửa\ đổi|bổ\ sung|[Qq]uy\ chế|[Bb]an\ hành|đề\ nghị|xem\ xét|yêu\ cầu|chỉ\ đạo|giao)(?:\s|$|[,;.])
        | \s(?:và|,)\s+(?:Kế\ hoạch|Chỉ\ thị|Nghị\ quyết|Quyết\ định|Kết\ luận|Nghị\ định|Luật|Thông\ tư|Công\ văn|Hướng\ dẫn|Quy\ định|các|những)\s   # … và Kế hoạch số …
        | [;,.:()“”\x22\n\d]
        | \s(?:ngày|số)\s
        ",
    )
    .expect("ISSUER_END")
});

/// The kind word before `at` (within 60 bytes), with its start offset.
pub(crate) fn kind_before(text: &str, at: usize) -> Option<(String, usize)> {
    let from = floor_boundary(text, at.saturating_sub(60));
    let window = &text[from..at];
    let c = KIND_BEFORE.captures_iter(window).last()?;
    let k = c.name("kind")?;
    // the kind word must start a word
    let before = window[..k.start()].chars().next_back();
    if before.is_some_and(|b| b.is_alphanumeric()) {
        return None;
    }
    Some((k.as_str().to_string(), from + k.start()))
}

/// The nearest kind word before `at` within `span` bytes and the same clause
/// (for Quốc hội symbols: "Luật Bầu cử … số 85/2015/QH13", "Nghị quyết số 202/2025/QH15").
pub(crate) fn kind_far_before(text: &str, at: usize, span: usize) -> Option<String> {
    let from = floor_boundary(text, at.saturating_sub(span));
    let mut window = &text[from..at];
    if let Some(cut) = window.rfind([';', '\n']) {
        window = &window[cut + 1..];
    }
    ["Bộ luật", "Luật", "Nghị quyết", "Pháp lệnh", "Hiến pháp"]
        .iter()
        .filter_map(|k| window.rfind(k).map(|i| (i, *k)))
        .max_by_key(|(i, k)| (*i, k.len()))
        .map(|(_, k)| k.to_string())
}

/// The date right after `at`, with the offset where it ends.
pub(crate) fn date_after(text: &str, at: usize) -> Option<(Date, usize)> {
    let rest = &text[at..];
    let m = DATE_AFTER.find(rest)?;
    let after = &rest[m.end()..];
    let (d, r) = first_date(after, 0)?;
    Some((d, at + m.end() + r.end))
}

/// The issuer phrase right after `at` ("của Thủ tướng Chính phủ" → "Thủ tướng Chính phủ").
pub(crate) fn issuer_after(text: &str, at: usize) -> Option<String> {
    let rest = &text[at..ceil_boundary(text, at + 200)];
    let m = ISSUER_AFTER.find(rest)?;
    let body = &rest[m.end()..];
    let end = ISSUER_END.find(body).map_or(body.len(), |e| e.start());
    let phrase = body[..end].trim();
    // "giữa A và B": keep both; otherwise stop a trailing "và …" that starts another clause.
    let words = phrase.split_whitespace().count();
    (1..=14).contains(&words).then(|| phrase.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_dates_issuers() {
        let t = "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ về tiếp tục";
        let at = t.find("33/").unwrap();
        assert_eq!(kind_before(t, at).unwrap().0, "Chỉ thị");
        let end = at + "33/CT-TTg".len();
        let (d, e) = date_after(t, end).unwrap();
        assert_eq!(d.iso(), "2021-11-26");
        assert_eq!(issuer_after(t, e).unwrap(), "Thủ tướng Chính phủ");
        let t = "Quyết định số 217, 218-QĐ/TW ngày 12/12/2013 của Bộ Chính trị (khóa XI)";
        assert_eq!(kind_before(t, t.find("218").unwrap()).unwrap().0, "Quyết định");
        let t = "Kế hoạch số 41/KH-UBND, ngày 23/02/2024 về";
        assert!(date_after(t, t.find(',').unwrap()).is_some());
        let t =
            "Kế hoạch số 49-KH/UBND-BDVTU ngày 22/02/2024 giữa Ủy ban nhân dân tỉnh và Ban Dân vận Tỉnh ủy về phối hợp";
        let (_, e) = date_after(t, t.find(" ngày").unwrap()).unwrap();
        assert_eq!(issuer_after(t, e).unwrap(), "Ủy ban nhân dân tỉnh và Ban Dân vận Tỉnh ủy");
        let t = "Nghị quyết số 66-NQ/TW ngày 30 tháng 4 năm 2025 của Bộ Chính trị";
        assert_eq!(date_after(t, t.find(" ngày").unwrap()).unwrap().0.iso(), "2025-04-30");
    }

    #[test]
    fn no_kind_in_other_senses() {
        let t = "cải thiện các Chỉ số 12/CT-TTg";
        assert!(kind_before(t, t.find("12/").unwrap()).is_none());
    }
}
