//! Helpers shared by the integration tests.
#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The built binary.
pub fn kehoach() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kehoach"));
    c.current_dir(root());
    c
}

/// Run and capture.
pub fn run(args: &[&str]) -> Output {
    kehoach().args(args).output().expect("run kehoach")
}

/// Parse JSON Lines.
pub fn jsonl(bytes: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(bytes.to_vec())
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

/// The shared corpus beside the project root, when present.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = root().join("..").join("shared").join(rel);
    p.exists().then_some(p)
}

/// Write a file, creating parents.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Run `check` on every case, then fail once naming the cases that failed, so one run
/// reports (and, outside CI, writes a `.snap.new` for) every mismatching snapshot rather
/// than stopping at the first.
pub fn each<T>(cases: impl IntoIterator<Item = (String, T)>, check: impl Fn(T)) {
    let failed: Vec<String> = cases
        .into_iter()
        .filter_map(|(name, case)| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(case))).is_err().then_some(name)
        })
        .collect();
    assert!(failed.is_empty(), "{} case(s) failed: {}", failed.len(), failed.join(", "));
}

/// The named fields of a JSON object, in that order; fields the object lacks are left out.
pub fn pick(x: &serde_json::Value, fields: &[&str]) -> serde_json::Value {
    serde_json::Value::Object(fields.iter().filter_map(|f| x.get(*f).map(|v| (f.to_string(), v.clone()))).collect())
}

/// `pick` over each element of the array `r[key]` (an absent or null list gives `[]`).
pub fn pick_all(r: &serde_json::Value, key: &str, fields: &[&str]) -> serde_json::Value {
    r[key].as_array().map_or(Vec::new(), |xs| xs.iter().map(|x| pick(x, fields)).collect()).into()
}
