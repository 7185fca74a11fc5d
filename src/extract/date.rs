//! One Vietnamese date parser, shared by `meta`, `directive` and `deadline`.
//!
//! Understands `26/11/2021`, `26-11-2021`, `26.11.2021`, `ngày 27 tháng 02 năm 2024`
//! and ISO `2024-02-27`, and validates the calendar (no 31/6, no 29/2/2023).
//! Also day-month dates whose year may be missing (`20/6`, `ngày 31 tháng 3`),
//! Roman quarter numerals and the last days of months, quarters, halves and years.

pub use crate::domain::date::{days_in_month, Date};
use regex::Regex;
use std::sync::LazyLock;

/// `26/11/2021`, `26-11-2021`, `26.11.2021`, and the spelled form `27 tháng 02 năm 2024`.
pub(crate) static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?-u:\b)(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?((?:19|20)\d\d)(?-u:\b)      # 26/11/2021
      | (?-u:\b)(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)(?-u:\b)        # 27 tháng 02 năm 2024
        ",
    )
    .expect("DATE")
});

/// A day and month with an optional year, anchored at the start of the text:
/// `20/6`, `20/6/2025`, `05.9.2025`, `31 tháng 3`, `01 tháng 2 năm 2026`, `08 / 02 /2026`.
pub(crate) static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        ^(\d{1,2})\s?([/.-])\s?(\d{1,2})(?:\s?[/.-]\s?((?:19|20)\d\d))?(?-u:\b)  # 20/6, 20/6/2025
      | ^(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*,?\s+năm\s+((?:19|20)\d\d))?(?-u:\b)  # 31 tháng 3 (năm 2026)
        ",
    )
    .expect("DAY_MONTH")
});

/// Day, month and optional year at the very start of `s` (which should be lowercase
/// for the spelled form), with the matched length. Day and month are range-checked
/// (1–31, 1–12); with a year the full date must exist. `1.2` without a year is refused
/// (a section or row number, not a date).
pub fn day_month_at(s: &str) -> Option<(u32, u32, Option<i32>, usize)> {
    let c = DAY_MONTH.captures(s)?;
    let g = |i: usize| c.get(i).map(|x| x.as_str());
    let (d, m, y) = if g(1).is_some() { (g(1)?, g(3)?, g(4)) } else { (g(5)?, g(6)?, g(7)) };
    if g(2) == Some(".") && y.is_none() {
        return None;
    }
    let (d, m): (u32, u32) = (d.parse().ok()?, m.parse().ok()?);
    let y: Option<i32> = match y {
        Some(y) => Some(y.parse().ok()?),
        None => None,
    };
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return None;
    }
    if let Some(y) = y {
        Date::new(y, m, d)?;
    }
    Some((d, m, y, c.get(0)?.end()))
}

/// A quarter numeral: `I`–`IV` (any case) or `1`–`4`.
pub(crate) fn quarter_number(s: &str) -> Option<u32> {
    match s.to_ascii_lowercase().as_str() {
        "i" | "1" => Some(1),
        "ii" | "2" => Some(2),
        "iii" | "3" => Some(3),
        "iv" | "4" => Some(4),
        _ => None,
    }
}

/// The first date starting within the first `within` bytes of `s`, with its byte range.
pub fn first_date(s: &str, within: usize) -> Option<(Date, std::ops::Range<usize>)> {
    let c = DATE.captures(s)?;
    let m = c.get(0)?;
    if m.start() > within {
        return None;
    }
    let g = |i: usize| c.get(i).map(|x| x.as_str());
    let (d, mo, y) = if g(1).is_some() { (g(1)?, g(2)?, g(3)?) } else { (g(4)?, g(5)?, g(6)?) };
    let date = Date::new(y.parse().ok()?, mo.parse().ok()?, d.parse().ok()?)?;
    Some((date, m.range()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_forms() {
        assert_eq!(first_date("ngày 26/11/2021 của", 10).unwrap().0.iso(), "2021-11-26");
        assert_eq!(first_date("ngày 27 tháng 02 năm 2024", 10).unwrap().0.iso(), "2024-02-27");
        assert_eq!(first_date("ngày 06-8-2025", 10).unwrap().0.iso(), "2025-08-06");
        assert!(first_date("ngày 31/6/2025", 10).is_none());
        assert!(first_date("ngày 29/2/2023", 10).is_none());
        assert!(first_date("xa hơn nữa thì ngày 1/2/2023", 5).is_none());
    }

    #[test]
    fn day_month_forms() {
        assert_eq!(day_month_at("20/6, ngày 20/9"), Some((20, 6, None, 4)));
        assert_eq!(day_month_at("05/9/2025 x"), Some((5, 9, Some(2025), 9)));
        assert_eq!(day_month_at("31 tháng 3."), Some((31, 3, None, "31 tháng 3".len())));
        assert_eq!(day_month_at("01 tháng 2 năm 2026").map(|x| x.2), Some(Some(2026)));
        assert_eq!(day_month_at("08 / 02 /2026").map(|x| (x.0, x.1, x.2)), Some((8, 2, Some(2026))));
        assert!(day_month_at("31/6/2025").is_none());
        assert!(day_month_at("20/13").is_none());
        assert!(day_month_at("2.1").is_none());
        assert_eq!(day_month_at("05.9.2025").map(|x| x.2), Some(Some(2025)));
        assert!(day_month_at("2026 - 2030").is_none());
        assert!(day_month_at("x 20/6").is_none());
        assert_eq!(quarter_number("IV"), Some(4));
        assert_eq!(quarter_number("v"), None);
    }
}
