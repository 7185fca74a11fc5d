//! Byte decoding (BOM, UTF-16, TCVN3/VNI detection, binary refusal): never
//! panics, and whatever it accepts normalizes and extracts.
#![no_main]
use kehoach::corpus::decode;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = decode(Path::new("fuzz.txt"), data) {
        let n = kehoach::normalize::normalize(&d.text);
        assert_eq!(n.lower.len(), n.text.len());
    }
});
