//! The tantivy index: folded and exact search, phrases, citation fields,
//! incremental re-indexing, and clear errors.
use crate::util::*;
use std::path::Path;

fn ids(index: &Path, q: &str) -> Vec<String> {
    let out = run(&["search", "--index", index.to_str().unwrap(), q, "--json", "--limit", "50"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut v: Vec<String> = jsonl(&out.stdout).iter().map(|h| h["id"].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

fn stats(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn search_with_and_without_diacritics_phrases_and_citations() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let s = stats(&run(&["index", "data/corpus", "--index", ix.to_str().unwrap(), "--json"]));
    assert_eq!((s["added"].as_u64(), s["documents"].as_u64()), (Some(5), Some(5)));
    let folded = ids(&ix, "dan van kheo");
    assert_eq!(folded.len(), 5);
    assert_eq!(ids(&ix, "Dân vận khéo"), folded);
    assert_eq!(ids(&ix, "\"dân vận khéo\"").len(), 5);
    // the words exist in the corpus but never in this order
    assert!(ids(&ix, "\"khéo vận dân\"").is_empty());
    assert_eq!(ids(&ix, "cites:\"nn:ttg:CT:2021:33\"").len(), 4);
    assert_eq!(ids(&ix, "cites_symbol:\"33/CT-TTg\"").len(), 4);
    // the exact field keeps tones apart: "dẫn vận" is not "dân vận"
    assert!(ids(&ix, "body:\"dẫn vận\"").is_empty());
    let hp = run(&["search", "--index", ix.to_str().unwrap(), "dan van", "--province", "Hải Phòng", "--json"]);
    assert_eq!(jsonl(&hp.stdout).len(), 2);
    let hit =
        &jsonl(&run(&["search", "--index", ix.to_str().unwrap(), "dân vận khéo", "--json", "--limit", "1"]).stdout)[0];
    assert!(hit["snippet"].as_str().unwrap().contains('«'), "{hit}");
}

#[test]
fn reindexing_only_touches_changed_files() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for e in std::fs::read_dir(root().join("data/corpus")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, corpus.join(p.file_name().unwrap())).unwrap();
    }
    let ix = dir.path().join("ix");
    let args = |c: &Path| {
        vec!["index".to_string(), c.display().to_string(), "--index".into(), ix.display().to_string(), "--json".into()]
    };
    let run_s = |c: &Path| stats(&kehoach().args(args(c)).output().unwrap());
    assert_eq!(run_s(&corpus)["added"], 5);
    let again = run_s(&corpus);
    assert_eq!((again["added"].as_u64(), again["unchanged"].as_u64()), (Some(0), Some(5)));
    let f = corpus.join("000_0c0d733a24d33500.txt");
    let mut text = std::fs::read_to_string(&f).unwrap();
    text.push_str("\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.\n");
    std::fs::write(&f, text).unwrap();
    std::fs::remove_file(corpus.join("003_e1b11889f5394df2.txt")).unwrap();
    let s = run_s(&corpus);
    assert_eq!((s["updated"].as_u64(), s["removed"].as_u64(), s["unchanged"].as_u64()), (Some(1), Some(1), Some(3)));
    assert_eq!(s["documents"], 4);
    // 000 now cites 33/CT-TTg, 003 is gone: still four citers, and no duplicates
    assert_eq!(
        ids(&ix, "cites:\"nn:ttg:CT:2021:33\""),
        ["000_0c0d733a24d33500", "001_09e8b167c0733129", "002_3092d5c01d54e70f", "004_370019b44abf7e3f"]
            .map(String::from)
    );
}

#[test]
fn bad_queries_and_missing_index_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["search", "--index", dir.path().join("none").to_str().unwrap(), "dân vận"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no index at"));
    let ix = dir.path().join("ix");
    assert!(run(&["index", "data/corpus/001_09e8b167c0733129.txt", "--index", ix.to_str().unwrap()]).status.success());
    for q in ["\"unbalanced", "nosuchfield:abc", "   "] {
        let out = run(&["search", "--index", ix.to_str().unwrap(), q]);
        assert_eq!(out.status.code(), Some(2), "{q}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("kehoach: ") && err.lines().count() == 1, "{q}: {err}");
    }
}

#[test]
fn a_crash_mid_indexing_leaves_the_last_commit_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    for i in 0..30 {
        let body = format!(
            "KẾ HOẠCH\nKế hoạch số {i}\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021; phong trào “Dân vận khéo”.\n"
        );
        write(&corpus, &format!("doc_{i:03}.txt"), body.as_bytes());
    }
    let ix = dir.path().join("ix");
    let crashed = kehoach()
        .args(["index", corpus.to_str().unwrap(), "--index", ix.to_str().unwrap()])
        .env("KEHOACH_INDEX_BATCH", "10")
        .env("KEHOACH_ABORT_AFTER_COMMITS", "2")
        .output()
        .unwrap();
    assert!(!crashed.status.success(), "the injected crash happened");
    // the index opens and answers with exactly the two committed batches
    let n =
        |q: &str| jsonl(&run(&["search", "--index", ix.to_str().unwrap(), q, "--json", "--limit", "100"]).stdout).len();
    assert_eq!(n("dan van kheo"), 20);
    // a rerun completes it: no duplicates, nothing missing
    let out = run(&["index", corpus.to_str().unwrap(), "--index", ix.to_str().unwrap(), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((s["added"].as_u64(), s["unchanged"].as_u64(), s["documents"].as_u64()), (Some(10), Some(20), Some(30)));
    assert_eq!(n("dan van kheo"), 30);
}

#[test]
fn a_second_writer_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let (index, _) = kehoach::index::open_or_create(&ix).unwrap();
    let _held = index.writer::<tantivy::TantivyDocument>(50_000_000).unwrap();
    let out = run(&["index", "data/corpus", "--index", ix.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("another kehoach"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_grown_lexicon_re_extracts_every_document() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let lex = dir.path().join("lex");
    let mut slogans = std::fs::read_to_string(root().join("data/lexicon/slogans.tsv")).unwrap();
    slogans.push_str("Cán bộ đi trước, làng nước theo sau\tphương châm\n");
    write(&lex, "slogans.tsv", slogans.as_bytes());
    let go = |extra: &[&str]| {
        let mut args = vec!["index", "data/corpus", "--index", ix.to_str().unwrap(), "--json", "--no-progress"];
        args.extend_from_slice(extra);
        stats(&run(&args))
    };
    assert_eq!(go(&[])["added"], 5);
    let grown = go(&["--lexicon", lex.to_str().unwrap()]);
    assert_eq!((grown["updated"].as_u64(), grown["unchanged"].as_u64()), (Some(5), Some(0)), "{grown}");
    let same = go(&["--lexicon", lex.to_str().unwrap()]);
    assert_eq!((same["updated"].as_u64(), same["unchanged"].as_u64()), (Some(0), Some(5)), "{same}");
}

#[test]
fn ids_and_hashes_read_from_the_index_match_the_stored_documents() {
    use tantivy::schema::Value;
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    stats(&run(&["index", "data/corpus", "--index", ix.to_str().unwrap(), "--json"]));
    // A second run over a subset with --mirror deletes documents: deleted ones must not come back.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    for e in std::fs::read_dir("data/corpus").unwrap().take(3) {
        let p = e.unwrap().path();
        std::fs::copy(&p, sub.join(p.file_name().unwrap())).unwrap();
    }
    stats(&run(&["index", sub.to_str().unwrap(), "--index", ix.to_str().unwrap(), "--json", "--mirror"]));
    let (index, f) = kehoach::index::open(&ix).unwrap();
    let mut fast = kehoach::index::stored_ids(&index, &f).unwrap();
    fast.sort();
    let searcher = index.reader().unwrap().searcher();
    let mut stored = Vec::new();
    for addr in searcher.search(&tantivy::query::AllQuery, &tantivy::collector::DocSetCollector).unwrap() {
        let d: tantivy::TantivyDocument = searcher.doc(addr).unwrap();
        let get = |fd| d.get_first(fd).and_then(|v| v.as_str()).unwrap().to_string();
        stored.push((get(f.id), get(f.hash)));
    }
    stored.sort();
    assert_eq!(fast.len(), 3);
    assert_eq!(fast, stored);
}
