//! `export parquet`: the six tables of `export csv` with real types, read back by pyarrow and
//! DuckDB (`tests/parquet/readback.py`) and compared value by value with the CSV.
//!
//! Needs Python 3 with `pyarrow` and `duckdb` (`.ci/run` installs them): with `CI` set the
//! test fails when they are missing, elsewhere it prints a note and passes.
use crate::util::*;
use std::process::Command;

/// Can `python3` import pyarrow and duckdb? When not: panic under CI, else a note and false.
fn python_with_arrow() -> bool {
    let ok = Command::new("python3").args(["-c", "import pyarrow, duckdb"]).output().is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set and python3 cannot import pyarrow and duckdb: pip install pyarrow duckdb"
        );
        eprintln!("note: python3 with pyarrow and duckdb not found; the Parquet read-back is skipped");
    }
    ok
}

#[test]
fn parquet_tables_read_back_equal_to_the_csv_in_pyarrow_and_duckdb() {
    let dir = tempfile::tempdir().unwrap();
    let (ix, csv, pq) = (dir.path().join("ix"), dir.path().join("csv"), dir.path().join("pq"));
    let mut inputs = vec![root().join("data/corpus")];
    inputs.extend(shared("corpus/real"));
    let mut args = vec!["index".to_string(), "--no-progress".into(), "--index".into(), ix.display().to_string()];
    args.extend(inputs.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(run(&args).status.success());
    let ix = ix.to_str().unwrap();
    let c = run(&["export", "csv", "--index", ix, "--out", csv.to_str().unwrap(), "--json"]);
    assert!(c.status.success(), "{}", String::from_utf8_lossy(&c.stderr));
    let p = run(&["export", "parquet", "--index", ix, "--out", pq.to_str().unwrap(), "--json"]);
    assert!(p.status.success(), "{}", String::from_utf8_lossy(&p.stderr));
    let (nc, np): (serde_json::Value, serde_json::Value) =
        (serde_json::from_slice(&c.stdout).unwrap(), serde_json::from_slice(&p.stdout).unwrap());
    assert_eq!(nc, np, "the same row counts as export csv");
    assert!(np["edges"].as_u64().unwrap() > 0);
    for t in ["documents", "citations", "units", "slogans", "deadlines", "edges"] {
        let bytes = std::fs::read(pq.join(format!("{t}.parquet"))).unwrap();
        assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"), "{t}: a Parquet file");
    }
    if !python_with_arrow() {
        return;
    }
    let out = Command::new("python3").arg(root().join("tests/parquet/readback.py")).args([&pq, &csv]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(said.lines().filter(|l| l.contains("equal to the CSV")).count(), 6, "{said}");
}

#[test]
fn parquet_export_of_a_missing_index_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&[
        "export",
        "parquet",
        "--index",
        dir.path().join("none").to_str().unwrap(),
        "--out",
        dir.path().join("pq").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("none"), "{err}");
}
