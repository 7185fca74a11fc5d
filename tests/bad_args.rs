//! Bad queries and bad arguments: one clear line on stderr (`kehoach: …`) and
//! exit code 2, never a panic, a usage dump or a silent empty answer.
use crate::util::*;
use std::path::Path;

fn index_of(dir: &Path, corpus: &str) -> String {
    let ix = dir.join("ix");
    let out = run(&["index", corpus, "--index", ix.to_str().unwrap(), "--no-progress"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    ix.to_str().unwrap().to_string()
}

fn refused(args: &[&str], words: &str) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?} → {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: one line, got:\n{err}");
    assert!(err.starts_with("kehoach: "), "{args:?}: {err}");
    assert!(err.contains(words), "{args:?}: expected {words:?} in {err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_queries_are_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index_of(dir.path(), "data/corpus");
    let huge = "dân vận ".repeat(400);
    for (q, words) in [
        ("\"dan van", "unbalanced double quote"),
        ("title:\"kế hoạch", "unbalanced double quote"),
        (huge.as_str(), "query too long: 3200 characters"),
        ("foo:bar", "unknown field \"foo\""),
        ("/dan.*/", "regular expressions are not supported"),
        ("[a-z]+.*", "cannot parse query"),
        ("dân AND", "cannot parse query"),
        ("(", "cannot parse query"),
        ("year:abc", "cannot parse query"),
        ("   ", "empty query"),
    ] {
        refused(&["search", "--index", &ix, q], words);
    }
}

#[test]
fn bad_arguments_are_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index_of(dir.path(), "data/corpus");
    let none = dir.path().join("none");
    let none = none.to_str().unwrap();
    for (args, words) in [
        (vec!["search", "--index", none, "dân vận"], "no index at"),
        (vec!["search", "--index", &ix, "dân vận", "--year", "abc"], "invalid value 'abc' for '--year"),
        (vec!["search", "--index", &ix], "required arguments were not provided"),
        (vec!["extract", "data/corpus", "--threads", "0"], "--threads must be at least 1"),
        (vec!["extract", "data/corpus", "--lexicon", none], "none"),
        (vec!["report", "provinces", "--index", &ix, "--format", "pdf"], "invalid value 'pdf'"),
        (vec!["graph", "citers", "--index", &ix, "xyz"], "xyz"),
        (vec!["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (vec!["extract", "data/corpus", "--no-such-flag"], "unexpected argument '--no-such-flag'"),
    ] {
        refused(&args, words);
    }
}

#[test]
fn an_empty_index_answers_with_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let ix = index_of(dir.path(), dir.path().join("empty").to_str().unwrap());
    let out = run(&["search", "--index", &ix, "dân vận", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(jsonl(&out.stdout).is_empty());
    let out = run(&["graph", "top", "--index", &ix, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["report", "provinces", "--index", &ix, "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["schema_version"], kehoach::SCHEMA_VERSION);
}

#[test]
fn an_index_from_a_future_schema_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ix = index_of(dir.path(), "data/corpus");
    let meta = Path::new(&ix).join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let needle = format!("\\\"schema_version\\\":{}", kehoach::SCHEMA_VERSION);
    assert!(text.contains(&needle), "the commit payload records the schema version: {text}");
    std::fs::write(&meta, text.replace(&needle, "\\\"schema_version\\\":99")).unwrap();
    let msg = format!("schema_version 99, newer than this kehoach reads ({})", kehoach::SCHEMA_VERSION);
    refused(&["search", "--index", &ix, "dân vận"], &msg);
    refused(&["index", "data/corpus", "--index", &ix], "schema_version 99");
}
