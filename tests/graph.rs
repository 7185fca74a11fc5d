//! The citation graph over the bundled corpus, as an analyst asks it.
use crate::util::*;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One index of the bundled corpus for all graph tests.
fn index() -> &'static PathBuf {
    static IX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &IX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let ix = dir.path().join("ix");
        let out = run(&["index", "data/corpus", "--index", ix.to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        (dir, ix)
    })
    .1
}

fn graph(args: &[&str]) -> Vec<serde_json::Value> {
    let ix = index().to_str().unwrap().to_string();
    let mut a = vec!["graph", "--index", ix.as_str(), "--json"];
    a.extend_from_slice(args);
    let out = run(&a);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    jsonl(&out.stdout)
}

fn docs(rows: &[serde_json::Value]) -> BTreeSet<String> {
    rows.iter().map(|r| r["doc"].as_str().unwrap().to_string()).collect()
}

#[test]
fn citers_of_33_ct_ttg_are_the_four_seed_plans_however_it_is_typed() {
    let want: BTreeSet<String> =
        ["001_09e8b167c0733129", "002_3092d5c01d54e70f", "003_e1b11889f5394df2", "004_370019b44abf7e3f"]
            .map(String::from)
            .into();
    for typed in ["33/CT-TTg", "ct 33", "Chỉ thị 33/CT-TTg", "chỉ thị số 33", "nn:ttg:CT:2021:33"] {
        let rows = graph(&["citers", typed]);
        assert_eq!(docs(&rows), want, "{typed}");
        assert!(rows.iter().all(|r| r["directive"] == "nn:ttg:CT:2021:33"), "{typed}");
    }
}

#[test]
fn the_two_149_kh_ubnd_are_kept_apart() {
    let rows = graph(&["citers", "149/KH-UBND"]);
    let ids: BTreeSet<&str> = rows.iter().map(|r| r["directive"].as_str().unwrap()).collect();
    assert_eq!(ids, ["nn:ubnd:KH:2023-05-09:149", "nn:ubnd:KH:2023-05-30:149"].into());
    let refs = graph(&["refs", "001_09e8b167c0733129"]);
    assert_eq!(refs.iter().filter(|d| d["symbol"] == "149/KH-UBND").count(), 2);
}

#[test]
fn top_and_cocited() {
    let top = graph(&["top", "--limit", "2"]);
    assert!(top.iter().any(|c| c["label"] == "33/CT-TTg" && c["documents"] == 4), "{top:?}");
    let by = graph(&["top", "--by", "province", "--limit", "50"]);
    let groups: BTreeSet<&str> = by.iter().map(|c| c["group"].as_str().unwrap()).collect();
    assert_eq!(groups, ["(unknown)", "Hải Phòng", "Quảng Ngãi"].into());
    let co = graph(&["cocited", "33/CT-TTg", "--limit", "100"]);
    assert!(co.iter().all(|c| c["directive"] != "nn:ttg:CT:2021:33"));
    assert!(co.iter().any(|c| c["label"] == "23-QĐ/TW" && c["documents"] == 3), "{co:?}");
}

#[test]
fn unknown_names_are_clear_errors() {
    let ix = index().to_str().unwrap().to_string();
    for bad in [vec!["citers", "blah 33"], vec!["refs", "no_such_doc"]] {
        let mut a = vec!["graph", "--index", ix.as_str()];
        a.extend(bad.iter().copied());
        let out = run(&a);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("kehoach: "));
    }
}

#[test]
fn units_of_a_directive_and_tasks_of_a_unit() {
    let ix = index().to_str().unwrap().to_string();
    let out = run(&["units", "--index", ix.as_str(), "--directive", "33/CT-TTg", "--json"]);
    assert!(out.status.success());
    let rows = jsonl(&out.stdout);
    let noi_vu = rows.iter().find(|r| r["unit"] == "Sở Nội vụ").expect("Sở Nội vụ");
    assert_eq!((noi_vu["plans"].as_u64(), noi_vu["lead"].as_u64()), (Some(1), Some(1)));
    // One row per task, with that task's deadline: the yearly report due 25/11/2024 belongs to
    // the item of the sở, ban, ngành (the report goes "qua Sở Nội vụ", who is not tasked with it).
    let out = run(&["units", "--index", ix.as_str(), "--unit", "sở, ban, ngành thuộc tỉnh", "--json"]);
    let tasks = jsonl(&out.stdout);
    assert!(tasks.iter().any(|t| t["deadlines"].as_array().unwrap().iter().any(|d| d == "2024-11-25")), "{tasks:?}");
    let out = run(&["units", "--index", ix.as_str(), "--unit", "sở nội vụ", "--json"]);
    let tasks = jsonl(&out.stdout);
    let lead = tasks.iter().find(|t| t["unit"] == "Sở Nội vụ" && t["role"] == "lead").expect("Sở Nội vụ leads a task");
    assert!(lead["task"].as_str().unwrap().contains("theo dõi, đôn đốc"), "{lead:?}");
    assert!(!tasks.iter().any(|t| t["deadlines"].as_array().unwrap().iter().any(|d| d == "2024-11-25")), "{tasks:?}");
    // one of --directive / --unit is required
    assert_eq!(run(&["units", "--index", ix.as_str()]).status.code(), Some(2));
}

#[test]
fn chain_runs_from_the_directive_down_to_the_commune() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    let plan = |num: &str, place: &str, date: &str, issuer: &str, body: &str| {
        format!("{issuer}\nSố: {num}\n{place}, ngày {date}\nKẾ HOẠCH\nThực hiện công tác dân vận năm 2024\n{body}\nI. MỤC ĐÍCH, YÊU CẦU\n")
    };
    write(
        &c,
        "a_tinh.txt",
        plan(
            "12/KH-UBND",
            "Quảng Ngãi",
            "10 tháng 01 năm 2024",
            "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
            "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ;",
        )
        .as_bytes(),
    );
    write(&c, "b_huyen.txt", plan("20/KH-UBND", "Đức Phổ", "01 tháng 02 năm 2024", "ỦY BAN NHÂN DÂN THỊ XÃ ĐỨC PHỔ", "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; Kế hoạch số 12/KH-UBND ngày 10/01/2024 của UBND tỉnh;").as_bytes());
    write(
        &c,
        "c_xa.txt",
        plan(
            "05/KH-UBND",
            "Phổ Châu",
            "01 tháng 3 năm 2024",
            "ỦY BAN NHÂN DÂN XÃ PHỔ CHÂU",
            "Thực hiện Kế hoạch số 20/KH-UBND ngày 01/02/2024 của UBND thị xã;",
        )
        .as_bytes(),
    );
    // a commune that names the district's plan only in passing does not hang under it
    write(
        &c,
        "d_xa.txt",
        plan(
            "07/KH-UBND",
            "Phổ Văn",
            "05 tháng 3 năm 2024",
            "ỦY BAN NHÂN DÂN XÃ PHỔ VĂN",
            "Báo cáo số liệu theo quy định tại Kế hoạch số 20/KH-UBND ngày 01/02/2024 của UBND thị xã.",
        )
        .as_bytes(),
    );
    let ix = dir.path().join("ix");
    assert!(run(&["index", c.to_str().unwrap(), "--index", ix.to_str().unwrap()]).status.success());
    let all = run(&["graph", "--index", ix.to_str().unwrap(), "chain", "33/CT-TTg", "--json", "--relation", "all"]);
    let all: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    let kids = all["children"][0]["children"][0]["children"].as_array().unwrap();
    assert_eq!(kids.len(), 2, "with every relation, the passing reference hangs there too: {all}");
    let out = run(&["graph", "--index", ix.to_str().unwrap(), "chain", "33/CT-TTg", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let tree: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let top = tree["children"].as_array().unwrap();
    assert_eq!(top.len(), 1, "{tree}");
    assert_eq!(top[0]["doc"], "a_tinh");
    assert_eq!(top[0]["children"][0]["doc"], "b_huyen");
    assert_eq!(top[0]["children"][0]["children"][0]["doc"], "c_xa");
    assert_eq!(
        top[0]["children"][0]["children"].as_array().unwrap().len(),
        1,
        "d_xa only refers to 20/KH-UBND: {tree}"
    );
    let txt = run(&["graph", "--index", ix.to_str().unwrap(), "chain", "33/CT-TTg"]);
    let txt = String::from_utf8_lossy(&txt.stdout);
    assert!(
        txt.contains("└ 12/KH-UBND") && txt.contains("\n  └ 20/KH-UBND") && txt.contains("\n    └ 05/KH-UBND"),
        "{txt}"
    );
    let dot = run(&["graph", "--index", ix.to_str().unwrap(), "chain", "33/CT-TTg", "--dot"]);
    let dot = String::from_utf8_lossy(&dot.stdout);
    assert!(
        dot.starts_with("digraph")
            && dot.contains("\"a_tinh\" -> \"b_huyen\"")
            && dot.contains("\"b_huyen\" -> \"c_xa\""),
        "{dot}"
    );
}

#[test]
fn citers_by_relation_and_the_successor_of_a_replaced_directive() {
    let implementing = graph(&["citers", "33/CT-TTg", "--relation", "implements"]);
    assert_eq!(implementing.len(), 4, "the four seed plans carry 33/CT-TTg out");
    assert!(implementing.iter().all(|r| r["relation"] == "implements"));
    // 217-QĐ/TW is named in passing ("theo Quyết định số 217 …"): no plan implements it
    assert!(graph(&["citers", "217-QĐ/TW", "--relation", "implements,basis"]).is_empty());
    assert!(!graph(&["citers", "217-QĐ/TW", "--relation", "reference"]).is_empty());
    // 16/CT-TTg was replaced by 33/CT-TTg (data/lexicon/supersessions.tsv)
    let old = graph(&["citers", "16/CT-TTg"]);
    assert!(!old.is_empty() && old.iter().all(|r| r["successor"] == "33/CT-TTg"), "{old:?}");
    let ix = index().to_str().unwrap().to_string();
    let bad = run(&["graph", "--index", ix.as_str(), "citers", "33/CT-TTg", "--relation", "cites"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown relation \"cites\""));
}

#[test]
fn a_document_that_says_it_replaces_another_names_the_successor() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    write(
        &c,
        "qd_moi.txt",
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 45/2024/QĐ-UBND\nQuảng Ngãi, ngày 10 tháng 01 năm 2024\nQUYẾT ĐỊNH\nBan hành Quy chế dân vận\n\
         Điều 3. Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 12/2020/QĐ-UBND ngày 05/3/2020 của UBND tỉnh.\n"
            .as_bytes(),
    );
    write(
        &c,
        "kh_xa.txt",
        "ỦY BAN NHÂN DÂN XÃ PHỔ CHÂU\nSố: 05/KH-UBND\nPhổ Châu, ngày 01 tháng 3 năm 2024\nKẾ HOẠCH\nCông tác dân vận năm 2024\n\
         Căn cứ Quyết định số 12/2020/QĐ-UBND ngày 05/3/2020 của UBND tỉnh;\n"
            .as_bytes(),
    );
    let ix = dir.path().join("ix");
    assert!(run(&["index", c.to_str().unwrap(), "--index", ix.to_str().unwrap()]).status.success());
    let out = run(&["graph", "--index", ix.to_str().unwrap(), "--json", "citers", "12/2020/QĐ-UBND"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = jsonl(&out.stdout);
    let kh = rows.iter().find(|r| r["doc"] == "kh_xa").expect("the plan cites it");
    assert_eq!(kh["successor"], "45/2024/QĐ-UBND", "{kh}");
    assert_eq!(kh["superseded"], true, "the plan of 2024-03-01 stands on a decision replaced on 2024-01-10");
    let qd = rows.iter().find(|r| r["doc"] == "qd_moi").unwrap();
    assert_eq!(qd["relation"], "replaces");
}
