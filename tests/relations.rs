//! Citation relations on held-out documents: `tests/relations/heldout.json` holds, for 24
//! documents never used to write the rules (the five seeds and 19 of ../shared/corpus/real),
//! the strongest relation of every cited document, annotated by reading (see
//! `tests/relations/README.md`). The relation the record gives each one (`relations[0]`)
//! must agree for at least [`FLOOR`] of them, and no self-reference may be a citation.
//! The development set (`tests/devset`) scores the same field on other documents.
use crate::util::*;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The held-out accuracy measured when the annotations were added was 0.972 (240 of 247);
/// the check allows for two more misses before it fails.
const FLOOR: f64 = 0.96;

fn fold(s: &str) -> String {
    s.nfc().collect::<String>().to_lowercase().trim().to_string()
}

#[test]
fn held_out_relations_hold() {
    let held: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/relations/heldout.json")).unwrap()).unwrap();
    let (mut total, mut agree, mut misses, mut skipped) = (0usize, 0usize, Vec::new(), 0usize);
    for d in held["documents"].as_array().unwrap() {
        let path = d["path"].as_str().unwrap();
        if !root().join(path).exists() {
            assert!(std::env::var("CI").is_err(), "{path} is missing under CI: ../shared must be beside the clone");
            skipped += 1;
            continue;
        }
        let out = run(&["extract", "--no-progress", path]);
        let recs = jsonl(&out.stdout);
        let r = &recs[0];
        let dirs = r["directives"].as_array().unwrap();
        for s in d.get("self_references").and_then(Value::as_array).into_iter().flatten() {
            let own = s["symbol"].as_str().unwrap();
            assert!(
                !dirs.iter().any(|x| x["symbol"].as_str() == Some(own)),
                "{path}: the document's own {own} is reported as a citation"
            );
        }
        for c in d["cites"].as_array().unwrap() {
            if c.get("missed_by_tool").is_some() || c.get("not_a_document").is_some() {
                continue;
            }
            let want = c["relation"].as_str().unwrap();
            let key = |k: &str| c[k].as_str().map(fold);
            let found = dirs.iter().find(|x| {
                let same = |k: &str| key(k).is_some_and(|v| x[k].as_str().map(fold).as_deref() == Some(v.as_str()));
                same("symbol") || same("name")
            });
            let Some(x) = found else { continue };
            let got = x["relations"][0].as_str().unwrap_or("-");
            total += 1;
            if got == want {
                agree += 1;
            } else {
                misses.push(format!("{path} {}: annotated {want}, got {got}", key("symbol").or(key("name")).unwrap()));
            }
        }
    }
    if total == 0 {
        eprintln!("held-out documents not found ({skipped} skipped): ../shared is absent");
        return;
    }
    let acc = agree as f64 / total as f64;
    println!("held-out relation accuracy {acc:.3} ({agree} of {total}); misses:\n{}", misses.join("\n"));
    assert!(acc >= FLOOR, "held-out relation accuracy {acc:.3} < {FLOOR} ({agree} of {total}):\n{}", misses.join("\n"));
}
