//! Bad input: every case gives a clear message naming the file, the rest of
//! the corpus still goes through, every input appears in the output or in the
//! failure report, and the exit code says that something failed.
use crate::util::*;
use std::collections::BTreeSet;

const PLAN: &str = "KẾ HOẠCH\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; phong trào thi đua “Dân vận khéo”.\n";

#[test]
fn each_bad_file_is_reported_and_the_rest_goes_through() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The committed corpus (tests/fixtures/bad), then the cases git cannot hold.
    for e in std::fs::read_dir(root().join("tests/fixtures/bad")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, d.join(p.file_name().unwrap())).unwrap();
        }
    }
    write(d, "big_line.txt", format!("{} {}", PLAN.trim(), "dân vận khéo ".repeat(40_000)).as_bytes());
    let unit = "dân vận khéo, ";
    let huge = unit.repeat((200 << 20) / unit.len()); // 200 MiB, no line break
    write(d, "huge_one_line.txt", huge.as_bytes());
    let huge_line = format!("line 1 is {} bytes long", huge.len());
    drop(huge);
    write(d, "ten_mb_line.txt", format!("{PLAN}{}\n{PLAN}", "x".repeat(10 << 20)).as_bytes());
    let many: String = (1..=10_000)
        .map(|i| format!("- Quyết định số {i}/QĐ-UBND ngày 02/01/2020 của UBND tỉnh về việc giao nhiệm vụ;\n"))
        .collect();
    write(d, "ten_thousand_citations.txt", format!("{PLAN}Căn cứ:\n{many}").as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"bad_name_\xff.txt");
        // Not the bytes of good.txt: an exact duplicate would be read once.
        std::fs::write(d.join(name), format!("{PLAN}Tên tệp không phải UTF-8.\n")).unwrap();
    }
    let out = run(&["extract", d.to_str().unwrap(), "--no-progress"]);
    assert_eq!(out.status.code(), Some(1), "some files failed → exit 1");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let recs = jsonl(&out.stdout);
    let ok: BTreeSet<String> = recs.iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    #[cfg(unix)]
    assert!(ok.contains("bad_name_\u{FFFD}"), "{ok:?}");
    for id in [
        "good",
        "invalid_utf8",
        "utf16le",
        "utf16be",
        "crlf",
        "cr",
        "bom",
        "nul_byte",
        "big_line",
        "Kế hoạch số 1",
        "tcvn3",
        "vni",
        "vni_utf8_soup",
        "ten_thousand_citations",
    ] {
        assert!(ok.contains(id), "{id} should go through; got {ok:?}\n{err}");
    }
    let failed = [
        ("empty.txt", "empty"),
        ("spaces.txt", "empty"),
        ("fake_pdf.txt", "PDF"),
        ("fake_png.txt", "PNG"),
        ("nul_binary.txt", "binary"),
        ("huge_one_line.txt", huge_line.as_str()),
        ("ten_mb_line.txt", "line 3 is 10485760 bytes long"),
    ];
    for (file, words) in failed {
        let line = err.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file} not named in:\n{err}"));
        assert!(line.contains(words), "{line}");
    }
    // Every good record found its citation, whatever the encoding.
    for r in &recs {
        let syms: Vec<_> = r["directives"].as_array().unwrap().iter().filter_map(|d| d["symbol"].as_str()).collect();
        assert!(syms.contains(&"33/CT-TTg"), "{}: {syms:?}", r["id"]);
    }
    let rec = |id: &str| recs.iter().find(|r| r["id"] == id).unwrap();
    let warn = |id: &str| rec(id)["warnings"].to_string();
    assert!(warn("invalid_utf8").contains("invalid UTF-8"));
    assert!(warn("utf16le").contains("UTF-16LE"));
    assert!(warn("utf16be").contains("UTF-16BE"));
    assert!(warn("nul_byte").contains("NUL"));
    assert!(warn("tcvn3").contains("TCVN3"));
    assert!(warn("vni").contains("VNI"));
    assert_eq!(rec("ten_thousand_citations")["directives"].as_array().unwrap().len(), 10_001);
    // Summary counts everything: every input file is a record or a named failure.
    let n = ok.len() + failed.len();
    assert!(err.contains(&format!("files: {n}  documents: {}  failed: {}", ok.len(), failed.len())), "{err}");
}

#[test]
fn too_large_and_missing_inputs_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(dir.path(), "big.txt", PLAN.repeat(100).as_bytes());
    let out = run(&["extract", big.to_str().unwrap(), "nope/missing.txt", "--max-size", "1000"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("big.txt") && err.contains("larger than the limit"), "{err}");
    assert!(err.contains("nope/missing.txt") && err.contains("does not exist"), "{err}");
    assert!(jsonl(&out.stdout).is_empty());
}

#[cfg(unix)]
#[test]
fn unreadable_directory_and_symlink_loop_do_not_stop_the_run() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/good.txt", PLAN.as_bytes());
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("a/loop")).unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    write(&locked, "hidden.txt", format!("{PLAN}Thư mục bị khóa.\n").as_bytes()); // not a duplicate of good.txt
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let recs = jsonl(&out.stdout);
    assert_eq!(recs.len(), 1 + usize::from(out.status.success()), "{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        // not root: the locked directory is reported by name
        assert!(String::from_utf8_lossy(&out.stderr).contains("locked"));
    }
}
