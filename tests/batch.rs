//! The batch contract (`kehoach extract --stdin`): one JSON line per request line, in order,
//! the same bytes as `kehoach extract` for the same files, an error record for a line that
//! fails, exit code 0 so an engine does not fail the partition.
use crate::util::*;
use std::io::Write;
use std::process::Stdio;

fn batch(input: &str, threads: &str) -> (Vec<String>, String, Option<i32>) {
    let mut child = kehoach()
        .args(["extract", "--stdin", "--no-progress", "--threads", threads])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let lines = String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect();
    (lines, String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code())
}

#[test]
fn records_are_those_of_extract_in_input_order_with_an_error_record_per_failed_line() {
    let seeds: Vec<String> = std::fs::read_dir(root().join("data/corpus"))
        .unwrap()
        .map(|e| format!("data/corpus/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".txt"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let direct = run(&["extract", "--no-progress", "data/corpus"]);
    let direct: Vec<String> = String::from_utf8(direct.stdout).unwrap().lines().map(str::to_string).collect();
    assert_eq!(direct.len(), seeds.len());
    // requests in reverse order, with failures between them
    let mut input = String::new();
    let mut want: Vec<Option<&str>> = Vec::new();
    for (i, p) in seeds.iter().enumerate().rev() {
        if i % 2 == 0 {
            input.push_str(&format!("{p}\n"));
        } else {
            input.push_str(&format!("{}\n", serde_json::json!({ "path": p })));
        }
        want.push(Some(&direct[i]));
        input.push_str("{not json\n");
        want.push(None);
    }
    input.push_str("tests/fixtures/bad/fake_png.txt\n");
    want.push(None);
    input.push_str("data/corpus\n");
    want.push(None);
    input.push_str(&format!("{}\n", serde_json::json!({"id": "t1", "text": "ỦY BAN NHÂN DÂN XÃ A\nSố: 05/KH-UBND\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021."})));
    for threads in ["1", "2"] {
        let (lines, err, code) = batch(&input, threads);
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(lines.len(), want.len() + 1, "one output line per input line");
        for (n, (got, w)) in lines.iter().zip(&want).enumerate() {
            match w {
                Some(rec) => assert_eq!(got, rec, "line {}: the bytes of `kehoach extract`", n + 1),
                None => {
                    let e: serde_json::Value = serde_json::from_str(got).unwrap();
                    assert_eq!(e["line"], n + 1, "{got}");
                    assert!(e["error"].as_str().is_some_and(|m| !m.is_empty()), "{got}");
                }
            }
        }
        let t: serde_json::Value = serde_json::from_str(lines.last().unwrap()).unwrap();
        assert_eq!(t["id"], "t1");
        assert_eq!(t["directives"][0]["symbol"], "33/CT-TTg");
        assert_eq!(t["directives"][0]["relations"][0], "implements");
        assert!(err.contains("line(s) gave an error record"), "{err}");
    }
    // an id given with a path replaces the stem
    let (lines, _, _) = batch(&format!("{}\n", serde_json::json!({"id": "hanoi/kh", "path": seeds[0]})), "1");
    let r: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(r["id"], "hanoi/kh");
}

/// `extract --list` plans a batch run: its lines fed to `--stdin` give exactly the records of
/// `extract` on the same paths (same ids, nested folders and same-stem files included, exact
/// duplicates left out), whatever the split into partitions.
#[test]
fn listed_requests_through_stdin_give_the_records_of_extract() {
    let dir = tempfile::tempdir().unwrap();
    // changed copies of two seeds (unchanged ones would be duplicates of data/corpus)
    let mut seed = std::fs::read(root().join("data/corpus/000_0c0d733a24d33500.txt")).unwrap();
    seed.extend_from_slice(b"\nA.\n");
    let mut other = std::fs::read(root().join("data/corpus/001_09e8b167c0733129.txt")).unwrap();
    other.extend_from_slice(b"\nB.\n");
    write(dir.path(), "a.txt", &seed);
    write(dir.path(), "sub/a.txt", &other);
    write(dir.path(), "sub/a.md", b"# K\xe1\xba\xbf ho\xe1\xba\xa1ch\n\nS\xe1\xbb\x91: 5/KH-UBND\n");
    write(dir.path(), "copy.txt", &seed); // an exact duplicate of a.txt
    write(dir.path(), "skip.pdfx", b"x");
    let d = dir.path().to_str().unwrap();
    let listed = run(&["extract", "--list", d, "data/corpus"]);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let lines: Vec<serde_json::Value> = jsonl(&listed.stdout);
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"a") && ids.contains(&"sub/a") && ids.contains(&"sub/a.md"), "{ids:?}");
    assert!(!ids.contains(&"copy"), "the duplicate is left out: {ids:?}");
    let err = String::from_utf8_lossy(&listed.stderr);
    assert!(err.contains("copy.txt") && err.contains("skip.pdfx"), "skips and duplicates reported: {err}");
    let direct = run(&["extract", "--no-progress", d, "data/corpus"]);
    let direct: Vec<&str> = std::str::from_utf8(&direct.stdout).unwrap().lines().collect();
    assert_eq!(direct.len(), lines.len());
    // two "partitions", fed in reverse order each
    let text = String::from_utf8(listed.stdout).unwrap();
    let all: Vec<&str> = text.lines().collect();
    let (p1, p2) = all.split_at(all.len() / 2);
    let mut got = Vec::new();
    for part in [p1, p2] {
        let input: String = part.iter().map(|l| format!("{l}\n")).collect();
        let (out, err, code) = batch(&input, "2");
        assert_eq!(code, Some(0), "{err}");
        got.extend(out);
    }
    assert_eq!(got, direct, "the bytes of `kehoach extract`, in id order");
}

/// A request's `"source"` names the original of a staged copy: the record is the file's, with
/// that source (and an error record names it too).
#[test]
fn a_request_source_names_the_original_of_a_local_copy() {
    let p = "data/corpus/002_3092d5c01d54e70f.txt";
    let direct = run(&["extract", "--no-progress", p]);
    let mut want: serde_json::Value = serde_json::from_slice(&direct.stdout).unwrap();
    want["source"] = "s3a://plans/002.txt".into();
    let input = format!(
        "{}\n{}\n",
        serde_json::json!({"path": p, "source": "s3a://plans/002.txt"}),
        serde_json::json!({"path": "tests/no/such.txt", "source": "s3a://plans/gone.txt"})
    );
    let (lines, err, code) = batch(&input, "1");
    assert_eq!(code, Some(0), "{err}");
    let got: serde_json::Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(got, want);
    let e: serde_json::Value = serde_json::from_str(&lines[1]).unwrap();
    assert_eq!(e["source"], "s3a://plans/gone.txt");
    assert!(e["error"].as_str().is_some_and(|m| !m.is_empty()));
}
