//! The extractors' fixture documents against reviewed insta snapshots.
//!
//! `tests/fixtures/extract/<extractor>/NN-name.txt` are small documents in the shape of
//! real plans, each exercising one shape or trap of that extractor (its folder's README
//! lists them, and the cases where the current output is wrong). Every `.txt` of a folder
//! goes through `kehoach extract`, and the part of its record the extractor writes is
//! compared with `snapshots/NN-name.snap` beside it. Byte offsets are left out, so a
//! normalizer change that keeps the meaning does not churn the snapshots. Adding a fixture
//! file adds a case (its first run writes `snapshots/NN-name.snap.new` to review).
use crate::util::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;

/// Extract every fixture of `tests/fixtures/extract/<extractor>/` in one run and compare
/// `project(record)` with its snapshot; every fixture is compared before the test fails.
fn check(extractor: &str, project: fn(&Value) -> Value) {
    let rel = format!("fixtures/extract/{extractor}");
    let dir = root().join("tests").join(&rel);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{}: {} fixtures", dir.display(), files.len());
    let mut args = vec!["extract".to_string(), "--no-progress".into(), "--threads".into(), "1".into()];
    args.extend(files.iter().map(|p| p.display().to_string()));
    let out = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut by_id: HashMap<String, Value> =
        jsonl(&out.stdout).into_iter().map(|r| (r["id"].as_str().unwrap().to_string(), r)).collect();
    let cases = files.into_iter().map(|p| {
        let name = p.file_stem().unwrap().to_str().unwrap().to_string();
        let rec = by_id
            .remove(&name)
            .unwrap_or_else(|| panic!("no record with id {name} (`extract` skips a file identical to another)"));
        (name.clone(), (name, p, rec))
    });
    each(cases.collect::<Vec<_>>(), |(name, path, rec)| {
        insta::with_settings!({
            snapshot_path => format!("{rel}/snapshots"),
            prepend_module_to_snapshot => false,
            input_file => path,
            omit_expression => true,
        }, {
            insta::assert_json_snapshot!(name, project(&rec));
        });
    });
}

#[test]
fn meta() {
    check("meta", |r| json!({ "meta": r["meta"], "is_document": r["is_document"], "warnings": r["warnings"] }));
}

#[test]
fn directive() {
    check("directive", |r| {
        let directives: Vec<Value> = r["directives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let mut p = pick(
                    d,
                    &[
                        "kind",
                        "symbol",
                        "number",
                        "year",
                        "issuer",
                        "date",
                        "system",
                        "id",
                        "name",
                        "relations",
                        "superseded_by",
                    ],
                );
                p["mentions"] = pick_all(d, "mentions", &["text", "raw", "relation"]);
                p
            })
            .collect();
        json!({
            "own_number": r["meta"]["number"],
            "directives": directives,
            "unparsed": pick_all(r, "unparsed", &["text"]),
            "warnings": r["warnings"],
        })
    });
}

#[test]
fn unit() {
    check("unit", |r| {
        json!({
            "units": pick_all(r, "units", &["name", "canonical", "role", "roles", "generic", "tasks"]),
            "tasks": pick_all(r, "tasks", &["canonical", "role", "task", "deadline", "due", "group"]),
        })
    });
}

#[test]
fn slogan() {
    check("slogan", |r| {
        let slogans: Vec<Value> = r["slogans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let mut p = pick(s, &["text", "canonical", "kind", "known"]);
                p["mentions"] = pick_all(s, "mentions", &["text"]);
                p
            })
            .collect();
        json!({ "slogans": slogans })
    });
}

#[test]
fn deadline() {
    check("deadline", |r| {
        json!({
            "document_date": r["meta"]["date"],
            "deadlines": pick_all(r, "deadlines", &["text", "due", "precision", "kind", "unit", "task"]),
        })
    });
}
