//! CSV export: counts reconcile with the JSONL, Excel mode, quoting.
use crate::util::*;

fn read_csv(p: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_path(p).unwrap();
    let head = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
    (head, rows)
}

#[test]
fn csv_counts_reconcile_with_the_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let (ix, out) = (dir.path().join("ix"), dir.path().join("csv"));
    assert!(run(&["index", "data/corpus", "--index", ix.to_str().unwrap()]).status.success());
    let e = run(&["export", "csv", "--index", ix.to_str().unwrap(), "--out", out.to_str().unwrap(), "--json"]);
    assert!(e.status.success(), "{}", String::from_utf8_lossy(&e.stderr));
    let recs = jsonl(&run(&["extract", "data/corpus"]).stdout);
    let sum = |k: &str| recs.iter().map(|r| r[k].as_array().unwrap().len()).sum::<usize>();
    let mentions: usize = recs
        .iter()
        .flat_map(|r| r["directives"].as_array().unwrap())
        .map(|d| d["mentions"].as_array().unwrap().len())
        .sum();
    for (table, want) in [
        ("documents", recs.len()),
        ("citations", sum("directives")),
        ("units", sum("units")),
        ("slogans", sum("slogans")),
        ("deadlines", sum("deadlines")),
        ("edges", mentions),
    ] {
        let (_, rows) = read_csv(&out.join(format!("{table}.csv")));
        assert_eq!(rows.len(), want, "{table}");
    }
    let (head, rows) = read_csv(&out.join("citations.csv"));
    assert_eq!(head[..4], ["doc_id", "directive_id", "kind", "symbol"]);
    let ids: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "rows sorted by document");
    // edges know the section and the unit a citation stands in
    let (head, edges) = read_csv(&out.join("edges.csv"));
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    assert!(edges.iter().any(|e| e[0] == "004_370019b44abf7e3f"
        && e[col("symbol")] == "33/CT-TTg"
        && e[col("section")] == "PHỤC LỤC"
        && e[col("unit")] == "Phòng Văn hóa - Xã hội"));
    assert!(edges.iter().any(|e| e[col("section")] == "III. TỔ CHỨC THỰC HIỆN"));
    // Vietnamese text with commas survives the round trip
    let (_, units) = read_csv(&out.join("units.csv"));
    assert!(units.iter().any(|u| u[2] == "Trung tâm Văn hóa, Thể thao và Truyền thông xã"));
}

#[test]
fn excel_mode_has_bom_crlf_and_no_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    write(&corpus, "x.txt", "KẾ HOẠCH\n=SUM(A1:A2) \"dân vận\", khéo\n- Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ.\n".as_bytes());
    let (ix, out) = (dir.path().join("ix"), dir.path().join("csv"));
    assert!(run(&["index", corpus.to_str().unwrap(), "--index", ix.to_str().unwrap()]).status.success());
    assert!(run(&["export", "csv", "--index", ix.to_str().unwrap(), "--out", out.to_str().unwrap(), "--excel"])
        .status
        .success());
    let bytes = std::fs::read(out.join("documents.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(String::from_utf8_lossy(&bytes).contains("\r\n"));
    let text = String::from_utf8_lossy(&bytes[3..]).to_string();
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    for rec in r.records() {
        for cell in rec.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
        }
    }
}
