//! Normalizer: never panics; every normalized offset maps into the raw text at
//! character boundaries; the lowercase twin has the same length; normalizing
//! the output again changes nothing (idempotence).
#![no_main]
use kehoach::normalize::normalize;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let n = normalize(raw);
    assert_eq!(n.lower.len(), n.text.len());
    for (i, _) in n.text.char_indices().chain(std::iter::once((n.text.len(), ' '))) {
        let (s, e) = n.raw_span(i, i);
        assert!(s <= e && e <= raw.len(), "span {s}..{e} outside raw of {} bytes", raw.len());
        assert!(raw.is_char_boundary(s) && raw.is_char_boundary(e));
    }
    let again = normalize(&n.text);
    assert_eq!(again.text, n.text, "normalize is not idempotent");
});
