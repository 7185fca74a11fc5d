//! The development set's regression check: kehoach's extraction on the hand-annotated
//! documents of `tests/devset/` must not lose more than 0.01 F1 on any field (nor on
//! role accuracy) against `tests/devset/baseline.json`. It prints the table per shape.
//! `UPDATE_DEVSET_BASELINE=1 cargo test --release --test tests devset` rewrites the
//! baseline (commit it with the change that moved the figures, and say why).
//! The same scorer runs as `cargo run --release --example devset -- --misses`.
#[path = "devset/score.rs"]
mod score;

#[test]
fn devset_scores_hold_against_the_baseline() {
    let dir = score::devset_dir();
    let results = score::run(&dir, None).unwrap_or_else(|e| panic!("{e}"));
    assert!(results.len() >= 13, "the development set has its documents ({})", results.len());
    let failed: Vec<&str> = results
        .iter()
        .filter(|r| r.misses.first().is_some_and(|m| m.starts_with("EXTRACTION FAILED")))
        .map(|r| r.id.as_str())
        .collect();
    assert!(failed.is_empty(), "extraction failed on {failed:?}");
    let (all, per) = score::totals(&results);
    for (shape, sc) in &per {
        println!("{}", score::table(&format!("shape {shape}"), sc));
    }
    println!("{}", score::table("overall", &all));
    let now = score::baseline_of(&all);
    let path = dir.join("baseline.json");
    if std::env::var("UPDATE_DEVSET_BASELINE").is_ok_and(|v| v == "1") {
        std::fs::write(&path, serde_json::to_string_pretty(&now).unwrap() + "\n").unwrap();
        println!("wrote {}", path.display());
        return;
    }
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("tests/devset/baseline.json"))
            .expect("baseline.json is JSON");
    let drops = score::regressions(&base, &now, 0.01);
    for (k, v) in now.as_object().unwrap() {
        if let (Some(n), Some(b)) = (v.as_f64(), base.get(k).and_then(|b| b.as_f64())) {
            if n > b + 0.01 {
                println!("{k}: {b:.3} → {n:.3} (better: UPDATE_DEVSET_BASELINE=1 to keep it)");
            }
        }
    }
    assert!(
        drops.is_empty(),
        "fields dropped below the baseline (field, baseline, now): {drops:?}; run `cargo run --release --example devset -- --misses` to see why"
    );
}
