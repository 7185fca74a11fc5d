//! End-to-end CLI tests on the bundled corpus: parse the output, don't grep it.
use crate::util::*;

#[test]
fn extract_bundled_corpus_is_sorted_versioned_and_complete() {
    let out = run(&["extract", "data/corpus", "--threads", "2"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = jsonl(&out.stdout);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 5);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    for r in &recs {
        assert_eq!(r["schema_version"], kehoach::SCHEMA_VERSION);
        for k in ["meta", "directives", "units", "slogans", "deadlines", "warnings"] {
            assert!(r.get(k).is_some(), "missing {k}");
        }
    }
    // 33/CT-TTg is cited by four of the five seeds.
    let citing =
        recs.iter().filter(|r| r["directives"].as_array().unwrap().iter().any(|d| d["symbol"] == "33/CT-TTg")).count();
    assert_eq!(citing, 4);
}

#[test]
fn one_thread_and_two_threads_give_identical_bytes() {
    let a = run(&["extract", "data/corpus", "--threads", "1"]);
    let b = run(&["extract", "data/corpus", "--threads", "2"]);
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn output_file_and_ingest_summary() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.jsonl");
    let out = run(&["extract", "data/corpus/001_09e8b167c0733129.txt", "-o", f.to_str().unwrap()]);
    assert!(out.status.success());
    let recs = jsonl(&std::fs::read(&f).unwrap());
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["meta"]["number"], "10/KH-UBND");
    let outdir = dir.path().join("out");
    let out = run(&["ingest", "--out", outdir.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["documents"], 5);
    assert_eq!(summary["failed"], 0);
    let top = summary["top_cited"].as_array().unwrap();
    assert!(top.iter().any(|t| t[1] == "33/CT-TTg" && t[2] == 4), "{top:?}");
    let recs = jsonl(&std::fs::read(outdir.join("documents.jsonl")).unwrap());
    assert_eq!(recs.len(), 5);
}

#[test]
fn lexicon_override_dir_is_used_and_bad_dir_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "slogans.tsv", "Dân vận khéo\tphong trào thử\n".as_bytes());
    let out = run(&["extract", "data/corpus/004_370019b44abf7e3f.txt", "--lexicon", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let r = &jsonl(&out.stdout)[0];
    let s = r["slogans"].as_array().unwrap();
    assert!(s.iter().any(|x| x["canonical"] == "Dân vận khéo" && x["kind"] == "phong trào thử"), "{s:?}");
    let out = run(&["extract", "data/corpus", "--lexicon", "/nonexistent/lexicon"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("kehoach: ") && err.contains("/nonexistent/lexicon"), "{err}");
}

#[test]
fn unit_vocabulary_is_overridable() {
    // With an empty unit vocabulary no unit name can start: the override is really used.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "unit_heads.tsv", b"# empty\n");
    let out = run(&["extract", "data/corpus/003_e1b11889f5394df2.txt", "--lexicon", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    let with_empty = jsonl(&out.stdout)[0]["units"].as_array().unwrap().len();
    let out = run(&["extract", "data/corpus/003_e1b11889f5394df2.txt"]);
    let with_default = jsonl(&out.stdout)[0]["units"].as_array().unwrap().len();
    assert!(with_default > 0 && with_empty < with_default, "{with_empty} vs {with_default}");
}
