//! Citation extractor: never panics; every mention lies inside the raw text on
//! character boundaries; every directive has a non-empty id.
#![no_main]
use libfuzzer_sys::fuzz_target;
include!("common.rs");

fuzz_target!(|data: &[u8]| {
    with_doc(data, |raw, doc| {
        let meta = kehoach::extract::meta::extract(doc);
        let (dirs, _) = kehoach::extract::directive::extract(doc, &meta);
        for d in &dirs {
            assert!(!d.id.0.is_empty());
            for m in &d.mentions {
                check_span(raw, m.start, m.end);
            }
        }
    });
});
