//! Responsible-unit extractor: never panics; assignment spans are ordered and
//! inside the normalized text.
#![no_main]
use libfuzzer_sys::fuzz_target;
include!("common.rs");

fuzz_target!(|data: &[u8]| {
    with_doc(data, |_raw, doc| {
        for a in kehoach::extract::unit::extract(doc) {
            let len = doc.text().len();
            assert!(a.scope.start <= a.scope.end && a.scope.end <= len, "scope {:?}", a.scope);
            assert!(a.name_span.start <= a.name_span.end && a.name_span.end <= len, "name {:?}", a.name_span);
            assert!(!a.canonical.is_empty());
        }
    });
});
