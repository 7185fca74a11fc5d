//! Every saved query in queries/ runs against the bundled corpus, with the
//! results its header promises (`expect-rows`, `expect-contains`).
use crate::util::*;

#[test]
fn every_saved_query_runs_with_its_expected_results() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    assert!(run(&["index", "data/corpus", "--index", ix.to_str().unwrap()]).status.success());
    let mut files: Vec<_> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "query"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "{} saved queries", files.len());
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let header = |k: &str| -> Vec<String> {
            text.lines()
                .filter_map(|l| l.strip_prefix('#'))
                .filter_map(|h| h.split_once(':'))
                .filter(|(key, _)| key.trim() == k)
                .map(|(_, v)| v.trim().to_string())
                .collect()
        };
        assert!(!header("name").is_empty() && !header("purpose").is_empty(), "{}", f.display());
        let out = run(&["query", f.to_str().unwrap(), "--index", ix.to_str().unwrap(), "--json"]);
        assert!(out.status.success(), "{}: {}", f.display(), String::from_utf8_lossy(&out.stderr));
        let rows = jsonl(&out.stdout);
        let body = String::from_utf8_lossy(&out.stdout);
        for n in header("expect-rows") {
            assert_eq!(rows.len(), n.parse::<usize>().unwrap(), "{}", f.display());
        }
        for s in header("expect-contains") {
            assert!(body.contains(&s), "{}: missing {s:?}", f.display());
        }
        assert!(!rows.is_empty(), "{}: no rows", f.display());
    }
}

#[test]
fn a_broken_query_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let q = write(dir.path(), "bad.query", b"# name: bad\ngraph citers \"33/CT-TTg\n");
    let out = run(&["query", q.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unbalanced quote"));
}
