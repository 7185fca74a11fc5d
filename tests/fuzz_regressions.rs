//! Every input the fuzzers (fuzz/) found to break something, kept as a regression
//! test: `tests/fixtures/fuzz/<target>/crash-*` (libFuzzer's artifact names), and
//! the two synthetic benchmark documents that made the unit extractor panic
//! (`tests/fixtures/fuzz/unit/syn_*`).
//! Each goes through the whole extraction without a panic, with mentions on
//! character boundaries, and its printed normalization is a fixed point.
use crate::util::*;
use kehoach::extract::{extract_all, Doc};
use kehoach::normalize::{normalize, normalize_text};

fn check(raw: &str, name: &str) {
    let printed = normalize_text(raw);
    assert_eq!(normalize_text(&printed), printed, "{name}: normalize is not idempotent");
    let n = normalize(raw);
    assert_eq!(printed.replace(kehoach::normalize::PARAGRAPH_MARKER, "\n"), n.text, "{name}");
    let lex = kehoach::lexicon::Lexicon::embedded();
    let gaz = kehoach::gazetteer::Gazetteer::embedded();
    let doc = Doc::new(&n, &lex, &gaz, 0);
    let r = extract_all(kehoach::record::DocId(name.into()), name.into(), &doc, Vec::new());
    for d in &r.deadlines {
        assert!(d.start <= d.end && d.end <= raw.len(), "{name}: deadline {}..{}", d.start, d.end);
    }
    for m in r.directives.iter().flat_map(|d| &d.mentions) {
        assert!(raw.is_char_boundary(m.start) && raw.is_char_boundary(m.end), "{name}");
    }
}

#[test]
fn inputs_the_fuzzers_found_stay_fixed() {
    let mut n = 0;
    for target in std::fs::read_dir(root().join("tests/fixtures/fuzz")).unwrap() {
        let target = target.unwrap().path();
        if !target.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&target).unwrap() {
            let p = f.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            let raw = String::from_utf8_lossy(&bytes);
            check(&raw, &p.display().to_string());
            n += 1;
        }
    }
    assert!(n >= 3, "the regression inputs are there ({n})");
}

#[test]
fn the_shapes_behind_them_are_fixed() {
    // A lone page number whose next line is itself a dropped page number ("3" ⏎ "- 4 -" ⏎ "tiếp"):
    check("Nội dung kế hoạch\n\n3\n\n- 4 -\n\ntiếp theo của đoạn\n", "page numbers");
    // Single letters with double gaps are not a letter-spaced word, now or on a second pass.
    check("nâng  h  h  c  cho doanh nghiệp", "double-gapped letters");
    assert_eq!(normalize_text("nâng h  h  c cho"), "nâng h  h  c cho");
    // A heading hash that shows only once an escape is removed.
    check("\\# Kế hoạch\n\\#\n", "escaped hash");
    // A single letter at the end of a line and at the start of the next.
    check("Nội dung i\nT i cho phép\n", "letters across a line break");
    // A deadline phrase that runs past the end of its line.
    check("Thực hiện báo cáo trước ngày 15\n/6/2025. Tiếp theo.\n", "wrapped deadline");
}
