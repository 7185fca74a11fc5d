//! Slogan extractor: never panics; mentions inside the raw text on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;
include!("common.rs");

fuzz_target!(|data: &[u8]| {
    with_doc(data, |raw, doc| {
        for s in kehoach::extract::slogan::extract(doc) {
            for m in &s.mentions {
                check_span(raw, m.start, m.end);
            }
        }
    });
});
