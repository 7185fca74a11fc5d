//! Date and deadline-phrase parsers on arbitrary (lowercased) strings: never
//! panic; ranges stay inside the input on character boundaries; resolved dates
//! are real calendar dates.
#![no_main]
use kehoach::extract::date::{day_month_at, first_date, Date};
use kehoach::extract::deadline::parse_phrase;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let lower = s.to_lowercase();
    if let Some((d, r)) = first_date(&lower, lower.len()) {
        assert!(r.end <= lower.len() && lower.is_char_boundary(r.start) && lower.is_char_boundary(r.end));
        assert!(Date::parse_iso(&d.iso()).is_some());
    }
    let _ = day_month_at(&lower);
    for (r, due, _, _) in parse_phrase(&lower, Some(2025)) {
        assert!(r.start <= r.end && r.end <= lower.len(), "{r:?}");
        if let Some(due) = due {
            assert!(Date::parse_iso(&due).is_some(), "bad due {due}");
        }
    }
});
