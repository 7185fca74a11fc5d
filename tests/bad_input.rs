//! Bad input: every case gives a clear message naming the file, the rest of
//! the corpus still goes through, every input appears in the output or in the
//! failure report, and the exit code says that something failed.
use crate::util::*;
use std::collections::BTreeSet;

const PLAN: &str = "KẾ HOẠCH\nThực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; phong trào thi đua “Dân vận khéo”.\n";

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut v = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in s.encode_utf16() {
        v.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    v
}

#[test]
fn each_bad_file_is_reported_and_the_rest_goes_through() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "good.txt", PLAN.as_bytes());
    let mut broken = PLAN.as_bytes().to_vec();
    broken.splice(20..20, [0xFF, 0xFE, 0xC3]);
    write(d, "invalid_utf8.txt", &broken);
    write(d, "utf16le.txt", &utf16(PLAN, true));
    write(d, "utf16be.txt", &utf16(PLAN, false));
    write(d, "crlf.txt", PLAN.replace('\n', "\r\n").as_bytes());
    write(d, "cr.txt", PLAN.replace('\n', "\r").as_bytes());
    write(d, "bom.txt", &[b"\xEF\xBB\xBF".as_slice(), PLAN.as_bytes()].concat());
    write(d, "empty.txt", b"");
    write(d, "spaces.txt", b"  \n\t\n   \r\n");
    write(d, "fake_pdf.txt", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n");
    write(d, "fake_png.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
    write(d, "nul_binary.txt", &[0u8, 1, 2, 3, 0, 0, 0, 5, 6, 0, 0, 0, 0, 0, 7, 8].repeat(64));
    write(d, "big_line.txt", format!("{} {}", PLAN.trim(), "dân vận khéo ".repeat(40_000)).as_bytes());
    write(d, "sub/Kế hoạch số 1.txt", PLAN.as_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"bad_name_\xff.txt");
        std::fs::write(d.join(name), PLAN).unwrap();
    }
    for f in ["tcvn3.txt", "vni.txt", "vni_utf8_soup.txt"] {
        let bytes = std::fs::read(root().join("tests/fixtures/bad").join(f)).unwrap();
        write(d, &format!("legacy_{f}"), &bytes);
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
        "big_line",
        "Kế hoạch số 1",
        "legacy_tcvn3",
        "legacy_vni",
        "legacy_vni_utf8_soup",
    ] {
        assert!(ok.contains(id), "{id} should go through; got {ok:?}\n{err}");
    }
    for (file, words) in [
        ("empty.txt", "empty"),
        ("spaces.txt", "empty"),
        ("fake_pdf.txt", "PDF"),
        ("fake_png.txt", "PNG"),
        ("nul_binary.txt", "binary"),
    ] {
        let line = err.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file} not named in:\n{err}"));
        assert!(line.contains(words), "{line}");
    }
    // Every good record found its citation, whatever the encoding.
    for r in &recs {
        let syms: Vec<_> = r["directives"].as_array().unwrap().iter().filter_map(|d| d["symbol"].as_str()).collect();
        assert!(syms.contains(&"33/CT-TTg"), "{}: {syms:?}", r["id"]);
    }
    let warn = |id: &str| recs.iter().find(|r| r["id"] == id).unwrap()["warnings"].to_string();
    assert!(warn("invalid_utf8").contains("invalid UTF-8"));
    assert!(warn("utf16le").contains("UTF-16LE"));
    assert!(warn("legacy_tcvn3").contains("TCVN3"));
    assert!(warn("legacy_vni").contains("VNI"));
    // Summary counts everything.
    assert!(err.contains(&format!("files: {}  documents: {}  failed: 5", ok.len() + 5, ok.len())), "{err}");
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
    write(&locked, "hidden.txt", PLAN.as_bytes());
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
