//! `report provinces` over the bundled corpus, in every format.
use crate::util::*;

#[test]
fn provinces_report_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    assert!(run(&["index", "data/corpus", "--index", ix.to_str().unwrap()]).status.success());
    let rep = |fmt: &str| {
        let out = run(&["report", "provinces", "--index", ix.to_str().unwrap(), "--format", fmt]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let j: serde_json::Value = serde_json::from_str(&rep("json")).unwrap();
    let provs: Vec<(&str, u64)> = j["provinces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["province_2025"].as_str().unwrap(), p["documents"].as_u64().unwrap()))
        .collect();
    assert_eq!(provs, [("Hải Phòng", 2), ("Quảng Ngãi", 1)]);
    let unknown: Vec<&str> = j["unknown"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(unknown, ["000_0c0d733a24d33500", "003_e1b11889f5394df2"]);
    let hp = &j["provinces"][0];
    let share33 = hp["key_directives"].as_array().unwrap().iter().find(|c| c["label"] == "33/CT-TTg").unwrap();
    assert_eq!(share33["share"], 1.0);
    // uptake: 001 (27/02/2024) cites 33/CT-TTg of 26/11/2021: 823 days
    let lag = hp["uptake"].as_array().unwrap().iter().find(|l| l["label"] == "33/CT-TTg").unwrap();
    assert_eq!(lag["min_days"], 823);
    let html = rep("html");
    assert!(html.contains("lang=\"vi\"") && html.matches("<svg").count() >= 3);
    // nothing fetched from the network: the only URL is the SVG namespace
    assert!(!html.replace("http://www.w3.org/2000/svg", "").contains("http") && !html.contains("<script"));
    let csv_text = rep("csv");
    let mut r = csv::ReaderBuilder::new().from_reader(csv_text.as_bytes());
    assert_eq!(r.records().count(), 4);
    assert!(rep("md").contains("Documents of unknown province"));
    // key directives chosen by the analyst: 16/CT-TTg is cited by 000 only (unknown province)
    let out =
        run(&["report", "provinces", "--index", ix.to_str().unwrap(), "--format", "json", "--key", "33/CT-TTg,ct 16"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<(&str, f64)> = j["provinces"][0]["key_directives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["label"].as_str().unwrap(), c["share"].as_f64().unwrap()))
        .collect();
    assert_eq!(keys, [("33/CT-TTg", 1.0), ("ct 16", 0.0)]);
}

#[test]
fn uptake_of_33_ct_ttg_lists_the_seed_plans_that_implement_it() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    assert!(run(&["index", "data/corpus", "--index", ix.to_str().unwrap()]).status.success());
    let rep = |fmt: &str| {
        let out = run(&["report", "uptake", "33/CT-TTg", "--index", ix.to_str().unwrap(), "--format", fmt]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let j: serde_json::Value = serde_json::from_str(&rep("json")).unwrap();
    assert_eq!(j["directive_date"], "2021-11-26");
    // the four seed plans that carry 33/CT-TTg out (the fifth names 16/CT-TTg)
    let plans: Vec<&str> = j["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["list"].as_array().unwrap().iter().map(|p| p["doc"].as_str().unwrap()))
        .collect();
    assert_eq!(plans.len(), 4, "{plans:?}");
    assert_eq!(j["plans"], 4);
    let hp = &j["groups"][0];
    assert_eq!(hp["province_2025"], "Hải Phòng");
    assert_eq!(hp["first_lag_days"], 823, "001 of 27/02/2024 cites 33/CT-TTg of 26/11/2021");
    assert!(hp["provinces"].as_array().unwrap().iter().any(|p| p == "Hải Dương"));
    let csv_text = rep("csv");
    let mut r = csv::ReaderBuilder::new().from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "one CSV row per plan");
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    assert!(rows.iter().any(|row| &row[col("lag_days")] == "823" && &row[col("relation")] == "implements"));
    let html = rep("html");
    assert!(html.contains("lang=\"vi\"") && html.contains("Số kế hoạch theo tỉnh") && html.contains("Dòng thời gian"));
    assert!(!html.replace("http://www.w3.org/2000/svg", "").contains("http"));
    assert!(rep("md").contains("| Hải Phòng |"));
}
