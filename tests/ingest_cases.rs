//! Every file an analyst gives is read, counted and kept (issue 12): unique ids in
//! nested folders, a second corpus into the same output, skipped files with their
//! reason, a README among plans, exact duplicates, `| head`, a run that reads
//! nothing, and `--excel` numbers. Parses the summary's `--json` and the records.
use crate::util::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// The seed plans (official documents with header, number, date and signature).
fn seed(i: usize) -> Vec<u8> {
    let mut names: Vec<_> = std::fs::read_dir(root().join("data/corpus")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    std::fs::read(&names[i]).unwrap()
}

fn json(out: &std::process::Output) -> Value {
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn ingest(paths: &[&Path], out: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["ingest".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--out".into(), out.display().to_string(), "--json".into(), "--no-progress".into()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    json(&kehoach().args(&args).output().unwrap())
}

fn records(out: &Path) -> Vec<Value> {
    jsonl(&std::fs::read(out.join("documents.jsonl")).unwrap())
}

fn ids(recs: &[Value]) -> Vec<String> {
    recs.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect()
}

#[test]
fn colliding_stems_in_nested_folders_keep_every_plan() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("dup");
    write(&d, "hanoi/kehoach.txt", &seed(0));
    write(&d, "haiphong/kehoach.txt", &seed(1));
    write(&d, "hanoi/kehoach.md", &seed(2));
    // extract: three records, three ids
    let out = run(&["extract", d.to_str().unwrap(), "--no-progress"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let recs = jsonl(&out.stdout);
    assert_eq!(ids(&recs), ["haiphong/kehoach", "hanoi/kehoach", "hanoi/kehoach.md"]);
    // ingest: three documents in the index, none overwritten
    let o = dir.path().join("out");
    let s = ingest(&[&d], &o, &[]);
    assert_eq!(
        (s["files"].as_u64(), s["documents"].as_u64(), s["index"]["added"].as_u64()),
        (Some(3), Some(3), Some(3))
    );
    assert_eq!(ids(&records(&o)), ["haiphong/kehoach", "hanoi/kehoach", "hanoi/kehoach.md"]);
    // Two arguments yielding one id: the second gets ~2, named in the summary.
    let out =
        run(&["extract", d.join("hanoi").to_str().unwrap(), d.join("haiphong").to_str().unwrap(), "--no-progress"]);
    assert_eq!(ids(&jsonl(&out.stdout)), ["kehoach", "kehoach.md", "kehoach~2"]);
    let o2 = dir.path().join("out2");
    let s = ingest(&[&d.join("hanoi"), &d.join("haiphong")], &o2, &[]);
    let renamed = s["renamed"].as_array().unwrap();
    assert_eq!(renamed.len(), 1, "{s}");
    assert_eq!((renamed[0]["wanted"].as_str(), renamed[0]["id"].as_str()), (Some("kehoach"), Some("kehoach~2")));
    assert!(renamed[0]["path"].as_str().unwrap().ends_with("haiphong/kehoach.txt"));
    assert!(renamed[0]["taken_by"].as_str().unwrap().ends_with("hanoi/kehoach.txt"));
    // A rerun is stable: same ids, nothing re-extracted.
    let again = ingest(&[&d.join("hanoi"), &d.join("haiphong")], &o2, &[]);
    assert_eq!((again["index"]["unchanged"].as_u64(), again["index"]["added"].as_u64()), (Some(3), Some(0)));
    assert_eq!(ids(&records(&o2)), ["kehoach", "kehoach.md", "kehoach~2"]);
}

#[test]
fn a_second_corpus_is_added_and_mirror_removes_with_names() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("real"), dir.path().join("sample"));
    for i in 0..3 {
        write(&a, &format!("plan_{i}.txt"), &seed(i));
    }
    for i in 3..5 {
        write(&b, &format!("plan_{i}.txt"), &seed(i));
    }
    // sample's plan_0 shares an id with real's but not its bytes: it must not overwrite it
    let mut other = seed(0);
    other.extend_from_slice("\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021.\n".as_bytes());
    write(&b, "plan_0.txt", &other);
    let o = dir.path().join("out");
    let s = ingest(&[&a], &o, &[]);
    assert_eq!(s["index"]["documents"], 3);
    let s = ingest(&[&b], &o, &[]);
    assert_eq!((s["index"]["added"].as_u64(), s["index"]["removed"].as_u64()), (Some(3), Some(0)), "{s}");
    assert_eq!(s["index"]["mode"], "add");
    let recs = records(&o);
    assert_eq!(ids(&recs), ["plan_0", "plan_0~2", "plan_1", "plan_2", "plan_3", "plan_4"]);
    let source_of = |id: &str| recs.iter().find(|r| r["id"] == id).unwrap()["source"].as_str().unwrap().to_string();
    assert!(source_of("plan_0").contains("real"), "the first document keeps its id");
    assert!(source_of("plan_0~2").contains("sample"));
    assert_eq!(s["renamed"][0]["id"], "plan_0~2");
    // A file deleted from a folder given again is removed, and named.
    std::fs::remove_file(a.join("plan_2.txt")).unwrap();
    let s = ingest(&[&a], &o, &[]);
    assert_eq!(s["index"]["removed"], 1);
    assert_eq!(s["index"]["removed_first"][0]["id"], "plan_2");
    assert_eq!(s["index"]["removed_first"][0]["reason"], "file gone");
    assert_eq!(s["index"]["documents"], 5, "sample's documents stay");
    // --mirror: the index holds exactly the given paths; every removal is named.
    let s = ingest(&[&b], &o, &["--mirror"]);
    assert_eq!(s["index"]["mode"], "mirror");
    let removed: BTreeSet<String> =
        s["index"]["removed_first"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(removed, BTreeSet::from(["plan_0".to_string(), "plan_1".to_string()]));
    assert_eq!(s["index"]["removed"], 2);
    assert_eq!(ids(&records(&o)), ["plan_0~2", "plan_3", "plan_4"]);
    // --prune is the same flag.
    let s = ingest(&[&b], &o, &["--prune"]);
    assert_eq!((s["index"]["removed"].as_u64(), s["index"]["unchanged"].as_u64()), (Some(0), Some(3)));
    // `index` has the same flags and names removals in its --json.
    let ix = o.join("index");
    let st = json(&run(&["index", a.to_str().unwrap(), "--index", ix.to_str().unwrap(), "--json", "--mirror"]));
    assert_eq!(st["removed"], 3);
    assert_eq!(st["removed_first"].as_array().unwrap().len(), 3);
    assert_eq!(st["documents"], 2);
}

#[test]
fn skipped_files_are_listed_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("c");
    write(&d, "plan.txt", &seed(0));
    write(&d, "plan.xlsx", b"PK\x03\x04");
    write(&d, "plan.rtf", b"{\\rtf1}");
    write(&d, ".hidden.txt", &seed(1));
    write(&d, ".git/config.txt", &seed(1));
    write(&d, "plan.txt~", &seed(0));
    write(&d, "plan.bak", &seed(0));
    write(&d, "#plan.txt#", &seed(0));
    write(&d, "LICENSE", b"MIT");
    let s = ingest(&[&d], &dir.path().join("out"), &[]);
    assert_eq!((s["files"].as_u64(), s["documents"].as_u64()), (Some(1), Some(1)));
    let skipped: Vec<(String, String, String)> = s["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let name = Path::new(k["path"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned();
            (name, k["kind"].as_str().unwrap().to_string(), k["reason"].as_str().unwrap().to_string())
        })
        .collect();
    let want = [
        ("#plan.txt#", "backup"),
        (".git", "hidden"),
        (".hidden.txt", "hidden"),
        ("LICENSE", "unsupported"),
        ("plan.bak", "backup"),
        ("plan.rtf", "unsupported"),
        ("plan.txt~", "backup"),
        ("plan.xlsx", "unsupported"),
    ];
    assert_eq!(skipped.iter().map(|(n, k, _)| (n.as_str(), k.as_str())).collect::<Vec<_>>(), want);
    let reason = |n: &str| skipped.iter().find(|s| s.0 == n).unwrap().2.clone();
    assert_eq!(reason("plan.xlsx"), "unsupported type (.xlsx)");
    assert_eq!(reason("LICENSE"), "unsupported type (no extension)");
    assert_eq!(s["skipped_by_reason"], serde_json::json!({"backup": 3, "hidden": 2, "unsupported": 3}));
    // Given by name, a hidden file is read.
    let out = run(&["extract", d.join(".hidden.txt").to_str().unwrap()]);
    assert_eq!(ids(&jsonl(&out.stdout)), [".hidden"]);
}

#[test]
fn a_readme_among_plans_is_flagged_and_left_out_of_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("c");
    for i in 0..3 {
        write(&d, &format!("plan_{i}.txt"), &seed(i));
    }
    write(
        &d,
        "README.md",
        "# Kho kế hoạch\n\nCác kế hoạch ở đây thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.\n\
         Tệp gốc lấy từ cổng thông tin của các xã.\n"
            .as_bytes(),
    );
    let o = dir.path().join("out");
    let s = ingest(&[&d], &o, &[]);
    assert_eq!((s["documents"].as_u64(), s["non_documents"].as_u64()), (Some(4), Some(1)));
    assert_eq!(strs(&s["non_document_ids"]), ["README"]);
    let recs = records(&o);
    for r in &recs {
        assert_eq!(r["is_document"], r["id"] != "README", "{}", r["id"]);
    }
    let readme = recs.iter().find(|r| r["id"] == "README").unwrap();
    assert!(readme["directives"].as_array().unwrap().iter().any(|d| d["symbol"] == "33/CT-TTg"), "still extracted");
    assert!(readme["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("not an official document")));
    let ix = o.join("index");
    let citers = |extra: &[&str]| -> BTreeSet<String> {
        let mut args = vec!["graph", "citers", "33/CT-TTg", "--index", ix.to_str().unwrap(), "--json"];
        args.extend_from_slice(extra);
        jsonl(&run(&args).stdout).iter().map(|c| c["doc"].as_str().unwrap().to_string()).collect()
    };
    let plain = citers(&[]);
    assert!(!plain.is_empty() && !plain.contains("README"), "{plain:?}");
    let all = citers(&["--include-non-documents"]);
    assert!(all.contains("README") && all.is_superset(&plain), "{all:?}");
    let top = jsonl(&run(&["graph", "top", "--index", ix.to_str().unwrap(), "--json"]).stdout);
    let cited = top.iter().find(|c| c["label"] == "33/CT-TTg").unwrap();
    assert_eq!(cited["documents"].as_u64(), Some(plain.len() as u64));
    // report provinces: the README is neither counted nor an "unknown province" row
    let report = |extra: &[&str]| -> Value {
        let mut args = vec!["report", "provinces", "--index", ix.to_str().unwrap(), "--format", "json"];
        args.extend_from_slice(extra);
        json(&run(&args))
    };
    let r = report(&[]);
    assert_eq!(r["documents"], 3);
    assert!(!r["unknown"].as_array().unwrap().iter().any(|u| u["id"] == "README"));
    let r = report(&["--include-non-documents"]);
    assert_eq!(r["documents"], 4);
    assert!(r["unknown"].as_array().unwrap().iter().any(|u| u["id"] == "README"));
}

#[test]
fn an_exact_duplicate_is_named_and_indexed_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("c");
    write(&d, "a/kehoach.txt", &seed(0));
    write(&d, "b/kehoach_copy.txt", &seed(0));
    write(&d, "b/other.txt", &seed(1));
    let o = dir.path().join("out");
    let s = ingest(&[&d], &o, &[]);
    assert_eq!(
        (s["files"].as_u64(), s["documents"].as_u64(), s["index"]["added"].as_u64()),
        (Some(3), Some(2), Some(2))
    );
    let dup = &s["duplicates"][0];
    assert!(dup["path"].as_str().unwrap().ends_with("b/kehoach_copy.txt"), "{s}");
    assert_eq!(dup["duplicate_of"], "a/kehoach");
    assert!(dup["duplicate_of_path"].as_str().unwrap().ends_with("a/kehoach.txt"));
    assert_eq!(ids(&records(&o)), ["a/kehoach", "b/other"]);
    // A copy in another folder ingested later is a duplicate of the indexed document.
    let e = dir.path().join("e");
    write(&e, "again.txt", &seed(1));
    let s = ingest(&[&e], &o, &[]);
    assert_eq!(s["index"]["added"], 0);
    assert_eq!(s["duplicates"][0]["duplicate_of"], "b/other");
    // extract writes it once too
    let out = run(&["extract", d.to_str().unwrap(), "--no-progress"]);
    assert_eq!(ids(&jsonl(&out.stdout)), ["a/kehoach", "b/other"]);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    assert!(run(&["index", "data/corpus", "--index", ix.to_str().unwrap()]).status.success());
    let ix = ix.to_str().unwrap();
    // Each prints more than a pipe buffer (64 KiB) once the reader is gone, or at least a line.
    let cmds: [&[&str]; 4] = [
        &["extract", "data/corpus", "data/corpus", "--no-progress"],
        &["search", "--index", ix, "dân vận", "--json"],
        &["graph", "top", "--index", ix, "--json"],
        &["report", "provinces", "--index", ix, "--format", "html"],
    ];
    for args in cmds {
        let mut child =
            kehoach().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn kehoach");
        let mut first = [0u8; 10];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap(); // `| head -c 10`, then closed
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn a_run_that_reads_nothing_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().join("out");
    let missing = dir.path().join("missing");
    let out =
        kehoach().args(["ingest", missing.to_str().unwrap(), "--out", o.to_str().unwrap(), "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the path failed");
    let s: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((s["files"].as_u64(), s["failed"].as_u64()), (Some(0), Some(1)));
    assert!(!o.exists(), "nothing created");
    let ix = dir.path().join("ix");
    let out = run(&["index", missing.to_str().unwrap(), "--index", ix.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!ix.exists());
}

#[test]
fn excel_neutralises_text_but_never_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    // Dated 13 days before the directive it cites: lag_days -13.
    let plan = "ỦY BAN NHÂN DÂN\nXÃ ĐẠI SƠN\nSố: 10/KH-UBND\nĐại Sơn, ngày 13 tháng 11 năm 2021\n\nKẾ HOẠCH\n\
                =Thực hiện công tác dân vận\n\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.\n";
    write(&c, "x.txt", plan.as_bytes());
    let (ix, out) = (dir.path().join("ix"), dir.path().join("csv"));
    assert!(run(&["index", c.to_str().unwrap(), "--index", ix.to_str().unwrap()]).status.success());
    let e = run(&["export", "csv", "--index", ix.to_str().unwrap(), "--out", out.to_str().unwrap(), "--excel"]);
    assert!(e.status.success(), "{}", String::from_utf8_lossy(&e.stderr));
    let bytes = std::fs::read(out.join("edges.csv")).unwrap();
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = head.iter().position(|h| h == "lag_days").unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let lag: Vec<&str> = rows.iter().map(|row| &row[col]).collect();
    assert!(lag.contains(&"-13"), "{lag:?}");
    for row in &rows {
        for cell in row.iter() {
            let number = cell.parse::<f64>().is_ok() && !cell.starts_with('+');
            assert!(number || !cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
}

/// A rerun patches its outputs (only the documents it changed are read back from the index),
/// and the patched files are the bytes a full run on the final corpus writes.
#[test]
fn a_rerun_patches_the_outputs_to_the_bytes_of_a_full_run() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    for i in 0..5 {
        write(&c, &format!("p{i}.txt"), &seed(i));
    }
    let (patched, full) = (dir.path().join("patched"), dir.path().join("full"));
    ingest(&[&c], &patched, &[]);
    assert!(patched.join(".ingest-state.json").exists());
    // change one plan, remove one, add one
    let mut changed = seed(1);
    changed.extend_from_slice("\nPhụ lục: thực hiện Chỉ thị số 05-CT/TW.\n".as_bytes());
    write(&c, "p1.txt", &changed);
    std::fs::remove_file(c.join("p3.txt")).unwrap();
    write(&c, "p9.txt", "ỦY BAN NHÂN DÂN XÃ A\nSố: 7/KH-UBND\nKẾ HOẠCH\nTriển khai Chỉ thị số 33/CT-TTg.\n".as_bytes());
    // a sentinel in a row of an unchanged document: a patch copies it, a full rewrite would not
    let units = patched.join("csv/units.csv");
    let before = std::fs::read_to_string(&units).unwrap();
    let sentinel = before.replacen("\np0,", "\np0,SENTINEL ", 1);
    assert_ne!(sentinel, before, "p0 has units");
    std::fs::write(&units, &sentinel).unwrap();
    let s1 = ingest(&[&c], &patched, &[]);
    assert!(std::fs::read_to_string(&units).unwrap().contains("SENTINEL"), "the rerun patched, not rewrote");
    std::fs::write(&units, std::fs::read_to_string(&units).unwrap().replacen("SENTINEL ", "", 1)).unwrap();
    let s2 = ingest(&[&c], &full, &[]);
    for f in [
        "documents.jsonl",
        "csv/documents.csv",
        "csv/citations.csv",
        "csv/units.csv",
        "csv/slogans.csv",
        "csv/deadlines.csv",
        "csv/edges.csv",
    ] {
        assert_eq!(
            std::fs::read(patched.join(f)).unwrap(),
            std::fs::read(full.join(f)).unwrap(),
            "{f}: patched = full"
        );
    }
    for k in ["documents", "directives", "distinct_directives", "units", "top_cited", "meta_filled", "unparsed"] {
        assert_eq!(s1[k], s2[k], "summary {k}");
    }
    assert_eq!(
        (s1["index"]["added"].as_u64(), s1["index"]["updated"].as_u64(), s1["index"]["removed"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    // outputs that do not match the index (a killed run, another release) are rewritten whole
    std::fs::remove_file(patched.join(".ingest-state.json")).unwrap();
    std::fs::write(&units, &sentinel).unwrap();
    ingest(&[&c], &patched, &[]);
    assert!(!std::fs::read_to_string(&units).unwrap().contains("SENTINEL"), "rewritten whole");
}

/// Set a file's modification time (the stamps trust only files older than a couple of seconds).
fn set_mtime(p: &Path, t: std::time::SystemTime) {
    std::fs::File::options().write(true).open(p).unwrap().set_modified(t).unwrap();
}

#[test]
fn a_rerun_reads_only_files_whose_size_or_mtime_changed() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    for i in 0..3 {
        write(&c, &format!("p{i}.txt"), &seed(i));
    }
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for i in 0..3 {
        set_mtime(&c.join(format!("p{i}.txt")), hour_ago);
    }
    let o = dir.path().join("out");
    ingest(&[&c], &o, &[]);
    assert!(o.join("index/kehoach-stamps.tsv").exists());
    // Same size, same mtime, same inode, other bytes: taken on trust, not read.
    let p1 = c.join("p1.txt");
    let mut bytes = std::fs::read(&p1).unwrap();
    let at = bytes.iter().position(|b| b.is_ascii_digit()).unwrap();
    bytes[at] = if bytes[at] == b'9' { b'8' } else { b'9' };
    std::fs::write(&p1, &bytes).unwrap();
    set_mtime(&p1, hour_ago);
    let s = ingest(&[&c], &o, &[]);
    assert_eq!((s["index"]["updated"].as_u64(), s["index"]["unchanged"].as_u64()), (Some(0), Some(3)), "{s}");
    // A new mtime: read, hashed, re-extracted.
    set_mtime(&p1, hour_ago + std::time::Duration::from_secs(1));
    let s = ingest(&[&c], &o, &[]);
    assert_eq!((s["index"]["updated"].as_u64(), s["index"]["unchanged"].as_u64()), (Some(1), Some(2)), "{s}");
    // A damaged stamps file costs a full hashing pass, never a wrong answer.
    std::fs::write(o.join("index/kehoach-stamps.tsv"), "kehoach-stamps 1\ngarbage\n").unwrap();
    std::fs::write(&p1, seed(1)).unwrap();
    set_mtime(&p1, hour_ago + std::time::Duration::from_secs(1));
    let s = ingest(&[&c], &o, &[]);
    assert_eq!((s["index"]["updated"].as_u64(), s["index"]["unchanged"].as_u64()), (Some(1), Some(2)), "{s}");
}
