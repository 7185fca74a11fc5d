//! The five seed plans against reviewed insta snapshots (tests/snapshots/tests__seeds__<id>.snap).
//!
//! A snapshot holds a projection of each record: every meta field, and for each list the
//! fields an analyst reviews (symbols, ids, dates, issuers; unit names and roles; slogan
//! canonical forms and kinds; deadline phrases, dues, kinds and units). Offsets are left
//! out so that a normalizer change that keeps the meaning does not churn them. A change
//! shows as a diff: review it with `cargo insta review` (or accept with
//! `INSTA_UPDATE=always`) and commit the snapshots; under CI a mismatch fails.
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

#[test]
fn seeds_match_reviewed_snapshots() {
    let out = run(&["extract", "--no-progress", "data/corpus"]);
    assert!(out.status.success());
    let recs = jsonl(&out.stdout);
    assert_eq!(recs.len(), 5);
    each(recs.into_iter().map(|r| (r["id"].as_str().unwrap().to_string(), r)), |r| {
        insta::assert_json_snapshot!(r["id"].as_str().unwrap(), project(&r));
    });
}
