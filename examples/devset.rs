//! Score kehoach's extraction on the development set (tests/devset/): per-field
//! precision, recall and F1 per text shape and overall, and with `--misses` the false
//! positives and negatives of every document.
//!
//!   cargo run --release --example devset -- [--misses] [--shape web] [--doc ID] [--json]
//!
//! `--json` prints the overall F1 per field (the layout of tests/devset/baseline.json).
#[path = "../tests/devset/score.rs"]
mod score;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut misses = false;
    let mut json = false;
    let mut shape = None;
    let mut doc = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--misses" => misses = true,
            "--json" => json = true,
            "--shape" => shape = it.next().cloned(),
            "--doc" => doc = it.next().cloned(),
            _ => {
                eprintln!("devset: unknown argument {a:?} (use --misses, --shape SHAPE, --doc ID, --json)");
                std::process::exit(2);
            }
        }
    }
    if let Some(s) = &shape {
        if !score::SHAPES.contains(&s.as_str()) {
            eprintln!("devset: unknown shape {s:?} (one of {:?})", score::SHAPES);
            std::process::exit(2);
        }
    }
    let mut results = match score::run(&score::devset_dir(), shape.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("devset: {e}");
            std::process::exit(1);
        }
    };
    if let Some(d) = &doc {
        results.retain(|r| &r.id == d);
    }
    let (all, per) = score::totals(&results);
    if json {
        println!("{}", serde_json::to_string_pretty(&score::baseline_of(&all)).unwrap());
        return;
    }
    if misses {
        for r in &results {
            println!("== {} ({})", r.id, r.shape);
            for m in &r.misses {
                println!("   {m}");
            }
        }
        println!();
    }
    for (s, sc) in &per {
        println!("{}", score::table(&format!("shape {s}"), sc));
    }
    println!("{}", score::table("overall", &all));
}
