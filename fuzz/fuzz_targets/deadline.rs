//! Deadline extractor (with the units it attributes tasks to): never panics;
//! spans inside the raw text; every due date is a real ISO date.
#![no_main]
use libfuzzer_sys::fuzz_target;
include!("common.rs");

fuzz_target!(|data: &[u8]| {
    with_doc(data, |raw, doc| {
        let meta = kehoach::extract::meta::extract(doc);
        let units = kehoach::extract::unit::extract(doc);
        for d in kehoach::extract::deadline::extract(doc, &meta, &units) {
            check_span(raw, d.start, d.end);
            if let Some(due) = d.due {
                assert_eq!(kehoach::domain::Date::parse_iso(&due.iso()), Some(due), "bad due {due}");
            }
        }
    });
});
