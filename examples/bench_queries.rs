//! Query latency for the benchmark, measured in-process (no process start-up):
//! each query is a parsed `kehoach` command line run through
//! `kehoach::cli::dispatch`, exactly what the binary does after `main`.
//!
//! ```sh
//! cargo run --release --example bench_queries -- --index DIR --runs 200 --out lat.json > /dev/null
//! ```
//!
//! Queries: a folded search (no diacritics), the same words with diacritics, a phrase
//! search, the first page of `graph citers` of a directive (`--limit 50`, with its total) and
//! the whole list, and `report provinces` (JSON to a temporary file). One warm-up run
//! each; a query whose warm-up takes over 2 s is run `--slow-runs` times (default 5)
//! instead of `--runs`, and any other query at most as many times as fit in 30 s (never fewer
//! than `--slow-runs`): the whole citers list at 1M documents (~1.8 s) no longer takes 200 runs.
//! The commands print to stdout: send it to /dev/null.
//! Writes a JSON object with p50/p99/max in milliseconds per query to `--out`.

use clap::Parser;

/// The time one query's timed runs may take, at most (unless `--slow-runs` asks for more).
const BUDGET_MS: f64 = 30_000.0;
use kehoach::cli::{dispatch, Cli};
use std::time::Instant;

fn pct(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn main() -> anyhow::Result<()> {
    let (mut index, mut out, mut runs, mut slow_runs) = (String::new(), String::new(), 200usize, 5usize);
    let mut fold = "dan van chinh quyen".to_string();
    let mut accented = "dân vận chính quyền".to_string();
    let mut phrase = "\"quy chế dân chủ ở cơ sở\"".to_string();
    let mut citers = "16/CT-TTg".to_string();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let v = it.next().ok_or_else(|| anyhow::anyhow!("{a} needs a value"))?;
        match a.as_str() {
            "--index" => index = v,
            "--out" => out = v,
            "--runs" => runs = v.parse()?,
            "--slow-runs" => slow_runs = v.parse()?,
            "--fold" => fold = v,
            "--accented" => accented = v,
            "--phrase" => phrase = v,
            "--citers" => citers = v,
            _ => anyhow::bail!("unknown flag {a}"),
        }
    }
    anyhow::ensure!(!index.is_empty() && !out.is_empty(), "usage: bench_queries --index DIR --out FILE [--runs N]");
    anyhow::ensure!(
        runs >= 1 && slow_runs >= 1,
        "--runs and --slow-runs must be at least 1 (a percentile needs a run)"
    );
    let report_tmp = std::env::temp_dir().join(format!("kehoach-bench-report-{}.json", std::process::id()));
    let report_path = report_tmp.display().to_string();
    let queries: Vec<(&str, Vec<&str>)> = vec![
        ("search_folded", vec!["kehoach", "search", "--index", &index, "--json", &fold]),
        ("search_accented", vec!["kehoach", "search", "--index", &index, "--json", &accented]),
        ("search_phrase", vec!["kehoach", "search", "--index", &index, "--json", &phrase]),
        (
            "graph_citers_page",
            vec!["kehoach", "graph", "--index", &index, "--json", "citers", &citers, "--limit", "50"],
        ),
        ("graph_citers", vec!["kehoach", "graph", "--index", &index, "--json", "citers", &citers]),
        (
            "report_provinces",
            vec!["kehoach", "report", "provinces", "--index", &index, "--format", "json", "-o", &report_path],
        ),
    ];
    let mut results = serde_json::Map::new();
    for (name, argv) in &queries {
        let cli = Cli::try_parse_from(argv)?;
        let t = Instant::now();
        dispatch(&cli)?;
        let warm = t.elapsed().as_secs_f64() * 1e3;
        let n = if warm > 2000.0 { slow_runs } else { runs.min(((BUDGET_MS / warm) as usize).max(slow_runs)) };
        let mut ms = Vec::with_capacity(n);
        for _ in 0..n {
            let t = Instant::now();
            dispatch(&cli)?;
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
        ms.sort_by(f64::total_cmp);
        eprintln!("{name}: runs {n}  p50 {:.2} ms  p99 {:.2} ms", pct(&ms, 0.5), pct(&ms, 0.99));
        results.insert(
            (*name).to_string(),
            serde_json::json!({
                "command": argv[1..].join(" "),
                "runs": n,
                "warmup_ms": warm,
                "p50_ms": pct(&ms, 0.5),
                "p99_ms": pct(&ms, 0.99),
                "max_ms": ms.last().copied().unwrap_or(0.0),
            }),
        );
    }
    let _ = std::fs::remove_file(&report_tmp);
    std::fs::write(&out, serde_json::to_string_pretty(&results)?)?;
    Ok(())
}
