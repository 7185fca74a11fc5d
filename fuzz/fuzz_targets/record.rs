//! The whole extraction (`extract_all`: meta, units, directives, slogans,
//! deadlines, tasks, chrome): never panics; every mention and deadline span is
//! inside the raw text on character boundaries; every task names a unit.
//! Its seeds are the real text shapes of issue 11: Markdown and `|…|` tables
//! with blank cells, antiword, `pdftotext -layout`, OCR, NFD.
#![no_main]
use libfuzzer_sys::fuzz_target;
include!("common.rs");

fuzz_target!(|data: &[u8]| {
    with_doc(data, |raw, doc| {
        let r = kehoach::extract::extract_all(kehoach::record::DocId("f".into()), "f".into(), doc, Vec::new());
        for m in r.directives.iter().flat_map(|d| &d.mentions) {
            check_span(raw, m.start, m.end);
        }
        for d in &r.deadlines {
            check_span(raw, d.start, d.end);
        }
        for t in &r.tasks {
            assert!(!t.unit.is_empty(), "task without a unit");
        }
    });
});
