//! Every real document in ../shared/corpus/real goes through without a panic
//! or an empty record, and a per-document summary (id, kind, number, date, the
//! counts of directives, units, slogans and deadlines, and the sorted directive
//! ids) matches the reviewed insta snapshot `snapshots/tests__real_corpus__summary.snap`,
//! so a change in any document's extraction shows up in review. Skipped (with a
//! note) when ../shared is absent on a developer's machine; under CI (`CI` set) a
//! missing ../shared fails the test, so a broken checkout layout cannot pass silently.
use crate::util::*;
use std::collections::BTreeMap;

#[test]
fn every_real_document_goes_through() {
    let Some(dir) = shared("corpus/real") else {
        assert!(
            std::env::var_os("CI").is_none(),
            "../shared/corpus/real not found under CI: it must be beside the clone"
        );
        eprintln!("../shared/corpus/real not found: skipped");
        return;
    };
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 75, "{}", files.len());
    let mut args = vec!["extract", "--no-progress"];
    args.extend(files.iter().map(String::as_str));
    let out = run(&args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let recs = jsonl(&out.stdout);
    assert_eq!(recs.len(), files.len());
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut summary = String::new();
    for r in &recs {
        let m = &r["meta"];
        let filled = ["number", "kind", "date", "issuer", "title", "year"].iter().filter(|k| !m[**k].is_null()).count();
        let n = |k: &str| r[k].as_array().map_or(0, Vec::len);
        assert!(filled + n("directives") + n("units") + n("slogans") + n("deadlines") > 0, "empty record: {}", r["id"]);
        assert!(!m["kind"].is_null(), "no kind: {}", r["id"]);
        for k in [
            "number",
            "kind",
            "date",
            "place",
            "issuer",
            "level",
            "province",
            "province_2025",
            "title",
            "year",
            "signer",
        ] {
            *counts.entry(k).or_default() += usize::from(!m[k].is_null());
        }
        for k in ["directives", "units", "slogans", "deadlines", "warnings"] {
            *counts.entry(k).or_default() += n(k);
        }
        summary += &summarize(r);
    }
    insta::assert_snapshot!("summary", summary);
    eprintln!("real corpus, {} documents; per-field counts: {counts:?}", recs.len());
}

/// One document of the summary: a line `id | kind | number | date | directives units
/// slogans deadlines` (absent values as `-`), then its directive ids, sorted, one a line.
fn summarize(r: &serde_json::Value) -> String {
    let m = &r["meta"];
    let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
    let n = |k: &str| r[k].as_array().map_or(0, Vec::len);
    let mut out = format!(
        "{} | {} | {} | {} | directives {} units {} slogans {} deadlines {}\n",
        s(&r["id"]),
        s(&m["kind"]),
        s(&m["number"]),
        s(&m["date"]),
        n("directives"),
        n("units"),
        n("slogans"),
        n("deadlines"),
    );
    let mut ids: Vec<String> = r["directives"].as_array().into_iter().flatten().map(|d| s(&d["id"])).collect();
    ids.sort();
    for id in ids {
        out += &format!("    {id}\n");
    }
    out
}
