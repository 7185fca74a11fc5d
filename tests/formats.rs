//! Documents in the formats analysts hold (`tests/fixtures/formats`): DOCX, ODT, HTML,
//! PDF with and without a text layer, old Word `.doc`, and a Windows-1258 text file.
//! Each is extracted by `kehoach extract` and its record checked: the header block's
//! number, kind and date, the task table's units, the `format` and `text_source` fields.
//! The PDF and `.doc` tests need pdftotext and antiword: with `CI` set they fail when a
//! tool is missing, otherwise they are skipped with a note.
use crate::util::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/formats").join(name)
}

/// Is `tool` on PATH? When not: panic under CI, else print a note and return false.
fn tool_or_skip(tool: &str, package: &str) -> bool {
    let found =
        std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(tool).is_file()));
    if !found {
        assert!(std::env::var_os("CI").is_none(), "CI is set and {tool} is missing: install {package}");
        eprintln!("note: {tool} not installed (package {package}): test skipped");
    }
    found
}

/// `kehoach extract FILE…`: the output and the records by id.
fn extract(files: &[&Path]) -> (Output, Vec<Value>) {
    let mut args: Vec<&str> = vec!["extract", "--no-progress"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let out = run(&args);
    let recs = jsonl(&out.stdout);
    (out, recs)
}

fn one(file: &str) -> Value {
    let (out, recs) = extract(&[&fixture(file)]);
    assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(recs.len(), 1, "{file}");
    recs.into_iter().next().unwrap()
}

/// Units found, with their role and tasks.
fn units(r: &Value) -> Vec<(String, String, usize)> {
    r["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["canonical"].as_str().unwrap().to_string(),
                u["role"].as_str().unwrap().to_string(),
                u["tasks"].as_array().unwrap().len(),
            )
        })
        .collect()
}

/// The header block (number, kind, date, issuer) and the signature block were read.
fn check_meta(r: &Value, number: &str, date: &str) {
    let m = &r["meta"];
    assert_eq!(m["number"], number, "{}", r["id"]);
    assert_eq!(m["kind"], "Kế hoạch", "{}", r["id"]);
    assert_eq!(m["date"], date, "{}", r["id"]);
    assert_eq!(m["issuer"], "Ủy ban nhân dân xã Đại Sơn", "{}", r["id"]);
    assert_eq!(m["signer"]["name"], "Nguyễn Văn An", "{}", r["id"]);
    let dirs: Vec<&str> = r["directives"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(dirs, ["nn:ttg:CT:2021:33"], "{}", r["id"]);
}

/// The task table (STT | Nhiệm vụ | chủ trì | phối hợp | thời gian) gave each unit its role and task.
fn check_task_table(r: &Value) {
    let u = units(r);
    for (name, role) in [
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "lead"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "support"),
        ("Công an xã", "lead"),
        ("Đoàn Thanh niên xã", "support"),
        ("Công chức Văn hóa - Xã hội", "lead"),
        ("Hội Liên hiệp Phụ nữ xã", "support"),
    ] {
        assert!(u.iter().any(|(n, r, t)| n == name && r == role && *t == 1), "{name} {role} not in {u:?}");
    }
}

fn check_source(r: &Value, format: &str, source: &str) {
    assert_eq!((r["format"].as_str(), r["text_source"].as_str()), (Some(format), Some(source)), "{}", r["id"]);
}

#[test]
fn docx_header_table_task_table_and_numbering() {
    let r = one("docx_plan.docx");
    check_source(&r, "docx", "docx-xml");
    check_meta(&r, "45/KH-UBND", "2024-03-12");
    check_task_table(&r);
    // The auto-numbered "1." / "2." items are rendered: the deadline stands in item 2.
    let out = run(&["normalize", fixture("docx_plan.docx").to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.contains(&"2. Hoàn thành các nhiệm vụ trước ngày 31/12/2024."), "{text}");
    let row = lines.iter().find(|l| l.starts_with("| 2 |")).expect("a task row");
    let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
    assert_eq!(
        cells,
        ["2", "Tổ chức phong trào thi đua “Dân vận khéo”", "Công an xã", "Đoàn Thanh niên xã", "30/6/2024"]
    );
}

#[test]
fn docx_as_libreoffice_writes_it() {
    // Another writer's XML (styles, shared list definitions continued across lists).
    let r = one("docx_libreoffice.docx");
    check_source(&r, "docx", "docx-xml");
    check_meta(&r, "45/KH-UBND", "2024-03-12");
    check_task_table(&r);
    let out = run(&["normalize", fixture("docx_libreoffice.docx").to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l == "2. Hoàn thành các nhiệm vụ trước ngày 31/12/2024."), "{text}");
}

#[test]
fn odt_reads_like_docx() {
    let r = one("odt_plan.odt");
    check_source(&r, "odt", "odt-xml");
    check_meta(&r, "45/KH-UBND", "2024-03-12");
    check_task_table(&r);
}

#[test]
fn html_visible_text_only() {
    let r = one("html_plan.html");
    check_source(&r, "html", "html");
    // Script, style, nav, aside, the page's header and footer cite other documents and
    // name other units: none of them may reach the record.
    check_meta(&r, "46/KH-UBND", "2024-04-15");
    check_task_table(&r);
    let u = units(&r);
    assert!(!u.iter().any(|(n, _, _)| n.contains("Sở Nội vụ") || n.contains("Công an huyện")), "{u:?}");
}

#[test]
fn cp1258_text_is_converted_with_a_warning() {
    let r = one("cp1258_plan.txt");
    check_source(&r, "txt", "file");
    check_meta(&r, "47/KH-UBND", "2024-05-20");
    let w = r["warnings"].as_array().unwrap();
    assert!(w.iter().any(|w| w.as_str().unwrap().contains("Windows-1258")), "{w:?}");
    let u = units(&r);
    assert!(u.iter().any(|(n, role, _)| n == "Công an xã" && role == "lead"), "{u:?}");
}

#[test]
fn pdf_text_layer_and_image_only_pdf() {
    if !tool_or_skip("pdftotext", "poppler-utils") {
        return;
    }
    let r = one("pdf_text.pdf");
    check_source(&r, "pdf", "pdftotext");
    check_meta(&r, "45/KH-UBND", "2024-03-12");
    // A scanned page: one failure line naming the file, with what to do.
    let (scan, text) = (fixture("pdf_scanned.pdf"), fixture("pdf_text.pdf"));
    let (out, recs) = extract(&[&scan, &text]);
    assert_eq!(out.status.code(), Some(1), "a failed file → exit 1");
    assert_eq!(recs.len(), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().find(|l| l.contains("pdf_scanned.pdf")).unwrap_or_else(|| panic!("not named:\n{err}"));
    assert!(line.trim_end().ends_with("no text layer: OCR it first, e.g. with tesseract -l vie"), "{line}");
}

#[test]
fn doc_through_antiword() {
    if !tool_or_skip("antiword", "antiword") {
        return;
    }
    let r = one("doc_plan.doc");
    check_source(&r, "doc", "antiword");
    check_meta(&r, "45/KH-UBND", "2024-03-12");
    check_task_table(&r);
}

#[test]
fn missing_converters_are_named_with_the_package() {
    // An empty PATH: pdftotext and antiword cannot be found.
    let empty = tempfile::tempdir().unwrap();
    let out = kehoach()
        .env("PATH", empty.path())
        .args(["extract", "--no-progress"])
        .args([fixture("pdf_text.pdf"), fixture("doc_plan.doc"), fixture("docx_plan.docx")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(jsonl(&out.stdout).len(), 1, "the DOCX needs no tool");
    let err = String::from_utf8_lossy(&out.stderr);
    let line = |f: &str| err.lines().find(|l| l.contains(f)).unwrap_or_else(|| panic!("{f} not named:\n{err}"));
    assert!(line("pdf_text.pdf").contains("pdftotext is not installed: install poppler-utils"), "{err}");
    assert!(line("doc_plan.doc").contains("antiword is not installed"), "{err}");
    assert!(line("doc_plan.doc").contains("libreoffice --headless --convert-to docx"), "{err}");
}

#[test]
fn a_directory_of_documents_is_walked() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["docx_plan.docx", "odt_plan.odt", "html_plan.html", "cp1258_plan.txt"] {
        std::fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let (out, recs) = extract(&[dir.path()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut formats: Vec<&str> = recs.iter().map(|r| r["format"].as_str().unwrap()).collect();
    formats.sort();
    assert_eq!(formats, ["docx", "html", "odt", "txt"]);
}

#[cfg(feature = "serve")]
#[test]
fn raw_page_shows_the_extracted_text() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::copy(fixture("docx_plan.docx"), docs.join("docx_plan.docx")).unwrap();
    let ix = dir.path().join("ix");
    let out = run(&["index", docs.to_str().unwrap(), "--index", ix.to_str().unwrap(), "--no-progress"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut child = kehoach()
        .args(["serve", "--index", ix.to_str().unwrap(), "--addr", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut line).unwrap();
    let base = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_string();
    let raw = crate::serve::get(&base, "/doc/docx_plan/raw");
    let api = crate::serve::get(&base, "/api/doc/docx_plan");
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(raw.status, 200);
    assert!(raw.header("content-type").unwrap().starts_with("text/plain"));
    let text = raw.text();
    assert!(text.lines().any(|l| l == "Số: 45/KH-UBND"), "{text}");
    assert!(!raw.body.starts_with(b"PK"), "the raw page shows the text, not the archive's bytes");
    let rec = api.json();
    assert_eq!(rec["format"], "docx", "{rec}");
}
