//! The five seed plans against reviewed expected records (tests/expected/*.json).
//!
//! The expected files hold a projection of each record: every meta field, and
//! for each list the fields an analyst reviews (symbols, ids, dates, issuers;
//! unit names and roles; slogan canonical forms and kinds; deadline phrases,
//! dues, kinds and units). Offsets are left out so that a normalizer change that
//! keeps the meaning does not churn them. Compared field by field; run with
//! UPDATE_EXPECT=1 to rewrite them, then review the diff before committing.
use crate::util::*;
use serde_json::{json, Value};

fn project(r: &Value) -> Value {
    let list = |k: &str, fields: &[&str]| -> Value {
        Value::Array(
            r[k].as_array()
                .unwrap()
                .iter()
                .map(|x| Value::Object(fields.iter().map(|f| (f.to_string(), x[*f].clone())).collect()))
                .collect(),
        )
    };
    json!({
        "id": r["id"],
        "meta": r["meta"],
        "directives": list(
            "directives",
            &["kind", "symbol", "number", "year", "issuer", "date", "system", "id", "relations", "superseded_by"],
        ),
        "units": list("units", &["canonical", "role"]),
        "slogans": list("slogans", &["canonical", "kind", "known"]),
        "deadlines": list("deadlines", &["text", "due", "precision", "kind", "unit"]),
        "warnings": r["warnings"],
    })
}

fn diff(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                diff(&format!("{path}.{k}"), x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), out);
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                diff(&format!("{path}[{i}]"), x.get(i).unwrap_or(&Value::Null), y.get(i).unwrap_or(&Value::Null), out);
            }
        }
        _ if a != b => out.push(format!("{path}: expected {b}, got {a}")),
        _ => {}
    }
}

#[test]
fn seeds_match_reviewed_expectations() {
    let out = run(&["extract", "data/corpus"]);
    assert!(out.status.success());
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut problems = Vec::new();
    for r in jsonl(&out.stdout) {
        let got = project(&r);
        let path = root().join("tests/expected").join(format!("{}.json", r["id"].as_str().unwrap()));
        if update {
            std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            continue;
        }
        let want: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("expected file")).unwrap();
        diff(r["id"].as_str().unwrap(), &got, &want, &mut problems);
    }
    assert!(problems.is_empty(), "{} differences:\n{}", problems.len(), problems.join("\n"));
}
