//! Metadata extractor (header, issuer, place and date, signature): never panics;
//! a date it reports is a real calendar date.
#![no_main]
use libfuzzer_sys::fuzz_target;
include!("common.rs");

fuzz_target!(|data: &[u8]| {
    with_doc(data, |_raw, doc| {
        let m = kehoach::extract::meta::extract(doc);
        if let Some(d) = m.date {
            assert_eq!(kehoach::domain::Date::parse_iso(&d.iso()), Some(d), "bad date {d}");
        }
    });
});
