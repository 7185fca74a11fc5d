//! `kehoach serve` over HTTP on loopback: the JSON API answers what the CLI
//! answers, downloads are the bytes `export csv --excel` writes, and bad
//! requests get a 4xx page, never a 500.
use crate::util::*;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Stdio};

/// A running `kehoach serve` over an index of the bundled corpus.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The index it serves.
    pub index: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Index `data/corpus` in a tempdir and serve it on a free port. One per test, stopped and
    /// removed when dropped (a static is never dropped: its process would outlive the tests).
    pub fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let ix = dir.path().join("ix");
        let out = run(&["index", "data/corpus", "--index", ix.to_str().unwrap(), "--no-progress"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut child = kehoach()
            .args(["serve", "--index", ix.to_str().unwrap(), "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start kehoach serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child, base, index: ix, _dir: dir }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

thread_local! {
    /// The server of the running test (each test runs on its own thread).
    static SERVER: Server = Server::start();
}

/// The current test's server (base URL and index).
fn server() -> (String, PathBuf) {
    SERVER.with(|s| (s.base.clone(), s.index.clone()))
}

/// A response.
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Header lines, lowercased names.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Resp {
    /// A header.
    pub fn header(&self, k: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
    }
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// GET a raw path (sent as is: `..` segments stay) over HTTP/1.0 on loopback.
pub fn get(base: &str, path: &str) -> Resp {
    let host = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(host).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Resp { status, headers, body: buf[split + 4..].to_vec() }
}

fn api(path: &str) -> serde_json::Value {
    let r = get(&server().0, path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
    r.json()
}

fn ids(v: &serde_json::Value, key: &str) -> BTreeSet<String> {
    v.as_array().unwrap().iter().map(|h| h[key].as_str().unwrap().to_string()).collect()
}

const SEEDS: [&str; 5] = [
    "000_0c0d733a24d33500",
    "001_09e8b167c0733129",
    "002_3092d5c01d54e70f",
    "003_e1b11889f5394df2",
    "004_370019b44abf7e3f",
];

#[test]
fn api_search_with_and_without_diacritics_and_facets_that_add_up() {
    let a = api("/api/search?q=dan+van+kheo");
    let b = api("/api/search?q=D%C3%A2n+v%E1%BA%ADn+kh%C3%A9o");
    assert_eq!(a["total"], 5);
    assert_eq!(ids(&a["hits"], "id"), SEEDS.map(String::from).into());
    assert_eq!(ids(&a["hits"], "id"), ids(&b["hits"], "id"));
    // the CLI's search gives the same documents
    let cli = run(&["search", "--index", server().1.to_str().unwrap(), "dan van kheo", "--json"]);
    assert_eq!(ids(&serde_json::Value::Array(jsonl(&cli.stdout)), "id"), ids(&a["hits"], "id"));
    // each facet value's count is the total of the query filtered by it
    let f = &a["facets"];
    assert_eq!(f["total"], 5);
    for key in ["province", "year", "level", "kind", "cites"] {
        for v in f[key].as_array().unwrap() {
            let value = v["value"].as_str().unwrap().to_string();
            let enc: String = value.bytes().map(|b| format!("%{b:02X}")).collect();
            let filtered = api(&format!("/api/search?q=dan+van+kheo&{key}={enc}"));
            assert_eq!(filtered["total"], v["count"], "{key}={value}");
        }
    }
    assert!(f["cites"].as_array().unwrap().iter().any(|v| v["value"] == "nn:ttg:CT:2021:33" && v["count"] == 4));
    // pages: 2 per page, page 3 holds the fifth hit only
    let p3 = api("/api/search?q=dan+van+kheo&per_page=2&page=3");
    assert_eq!(
        (p3["total"].as_u64(), p3["offset"].as_u64(), p3["hits"].as_array().unwrap().len()),
        (Some(5), Some(4), 1)
    );
}

#[test]
fn api_graph_endpoints_answer_what_the_cli_answers() {
    let ix = server().1.to_str().unwrap().to_string();
    let cli = |args: &[&str]| {
        let mut a = vec!["graph", "--index", ix.as_str(), "--json"];
        a.extend_from_slice(args);
        serde_json::Value::Array(jsonl(&run(&a).stdout))
    };
    let citers = api("/api/citers?d=33%2FCT-TTg");
    assert_eq!(citers, cli(&["citers", "33/CT-TTg"]));
    assert_eq!(ids(&citers, "doc"), SEEDS[1..].iter().map(|s| s.to_string()).collect());
    let lags: Vec<i64> = citers.as_array().unwrap().iter().filter_map(|c| c["lag_days"].as_i64()).collect();
    assert_eq!(lags, [823], "001 (27/02/2024) cites 33/CT-TTg of 26/11/2021");
    let page = api("/api/citers?d=33%2FCT-TTg&limit=1&offset=1");
    assert_eq!(page, cli(&["citers", "33/CT-TTg", "--limit", "1", "--offset", "1"]));
    assert_eq!((page[0]["rank"].as_u64(), page[0]["total"].as_u64()), (Some(2), Some(SEEDS[1..].len() as u64)));
    assert_eq!(api("/api/cocited?d=ct+33"), cli(&["cocited", "ct 33"]));
    assert_eq!(api("/api/top?by=province"), cli(&["top", "--by", "province"]));
    assert_eq!(api("/api/refs?doc=001_09e8b167c0733129"), cli(&["refs", "001_09e8b167c0733129"]));
    assert_eq!(api("/api/chain?d=33%2FCT-TTg"), cli(&["chain", "33/CT-TTg"])[0]);
    let rep = run(&["report", "provinces", "--index", ix.as_str(), "--format", "json"]);
    assert_eq!(api("/api/report/provinces"), serde_json::from_slice::<serde_json::Value>(&rep.stdout).unwrap());
    let doc = api("/api/doc/002_3092d5c01d54e70f");
    assert_eq!(
        (doc["schema_version"].as_u64(), doc["id"].as_str()),
        (Some(kehoach::SCHEMA_VERSION as u64), Some("002_3092d5c01d54e70f"))
    );
    assert!(!api("/api/units?directive=33%2FCT-TTg").as_array().unwrap().is_empty());
    assert_eq!(api("/api/").get("endpoints").map(|e| e.as_array().unwrap().len() > 5), Some(true));
}

#[test]
fn downloads_are_the_bytes_export_csv_writes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("csv");
    let ix = server().1;
    let ix = ix.to_str().unwrap();
    assert!(run(&["export", "csv", "--index", ix, "--out", out.to_str().unwrap(), "--excel"]).status.success());
    for t in ["documents", "citations", "units", "slogans", "deadlines", "edges"] {
        let r = get(&server().0, &format!("/api/export/{t}?format=csv"));
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("text/csv; charset=utf-8"));
        assert_eq!(r.body, std::fs::read(out.join(format!("{t}.csv"))).unwrap(), "{t}");
        // JSON: the same rows, keyed by column
        let j = api(&format!("/api/export/{t}?format=json"));
        let rows = csv::Reader::from_reader(&r.body[3..]).records().count();
        assert_eq!(j["rows"].as_array().unwrap().len(), rows, "{t}");
    }
    // a page's table: the citers of 33/CT-TTg, UTF-8 with BOM, one row per citing plan
    let r = get(&server().0, "/directive?d=33%2FCT-TTg&table=citers&format=csv");
    assert_eq!(r.status, 200);
    assert!(r.body.starts_with(b"\xEF\xBB\xBF"));
    let mut rd = csv::Reader::from_reader(&r.body[3..]);
    let doc_col = rd.headers().unwrap().iter().position(|h| h == "doc").unwrap();
    let docs: BTreeSet<String> = rd.records().map(|x| x.unwrap()[doc_col].to_string()).collect();
    assert_eq!(docs, SEEDS[1..].iter().map(|s| s.to_string()).collect());
    // the uptake report's long table: one row per plan that implements 33/CT-TTg or stands on it
    let r = get(&server().0, "/directive?d=33%2FCT-TTg&table=uptake_plans&format=csv");
    assert_eq!(r.status, 200);
    let mut rd = csv::Reader::from_reader(&r.body[3..]);
    assert_eq!(rd.headers().unwrap().iter().next(), Some("province_2025"));
    assert_eq!(rd.records().count(), 4);
}

#[test]
fn the_directive_page_groups_citers_by_relation_and_warns_of_a_replaced_directive() {
    let page = get(&server().0, "/directive?d=33%2FCT-TTg").text();
    assert!(page.contains("Theo quan hệ trích dẫn") && page.contains("triển khai thực hiện"), "relations table");
    assert!(page.contains("Tiếp nhận theo tỉnh, thành phố") && page.contains("Số kế hoạch theo tỉnh"));
    assert!(!page.contains("id=\"replaced\""), "33/CT-TTg is in force");
    let old = get(&server().0, "/directive?d=16%2FCT-TTg").text();
    assert!(old.contains("id=\"replaced\"") && old.contains("33/CT-TTg"), "16/CT-TTg was replaced by 33/CT-TTg");
}

#[test]
fn pages_render_in_vietnamese_with_server_timing() {
    for path in [
        "/",
        "/?q=dan+van+kheo",
        "/?q=dan+van+kheo&province=H%E1%BA%A3i+Ph%C3%B2ng&page=1",
        "/doc/001_09e8b167c0733129",
        "/directive?d=33%2FCT-TTg",
        "/provinces",
        "/provinces?p=H%E1%BA%A3i+Ph%C3%B2ng",
    ] {
        let r = get(&server().0, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"), "{path}");
        assert!(r.text().starts_with("<!doctype html>\n<html lang=\"vi\">"), "{path}");
        let t = r.header("server-timing").and_then(|v| v.strip_prefix("app;dur=")).map(|v| v.parse::<f64>());
        assert!(matches!(t, Some(Ok(ms)) if ms >= 0.0), "{path}: {t:?}");
        // nothing from the network: no absolute URL but the SVG namespace
        assert!(!r.text().replace("http://www.w3.org/2000/svg", "").contains("http"), "{path}");
    }
    let css = get(&server().0, "/static/style.css");
    assert!(css.status == 200 && css.text().contains("Noto Sans"));
    // the raw file of a document: the bytes of the file recorded in the index
    let raw = get(&server().0, "/doc/000_0c0d733a24d33500/raw");
    assert_eq!(raw.status, 200);
    assert_eq!(raw.text(), std::fs::read_to_string(root().join("data/corpus/000_0c0d733a24d33500.txt")).unwrap());
}

#[test]
fn bad_requests_get_a_clear_4xx_never_a_500() {
    for (path, want) in [
        ("/doc/../../etc/passwd", 404),
        ("/doc/..%2F..%2Fetc%2Fpasswd", 404),
        ("/doc/..%2F..%2Fetc%2Fpasswd/raw", 404),
        ("/doc/%2Fetc%2Fpasswd/raw", 404),
        ("/static/../Cargo.toml", 404),
        ("/doc/no-such-doc", 404),
        ("/directive?d=99%2FCT-XYZ", 404),
        ("/directive?d=", 400),
        ("/directive?d=%3F%3F%3F", 400),
        ("/?q=%22unclosed+AND", 400),
        ("/?q=dan&page=99999999999999999999", 400),
        ("/?q=dan&page=0", 400),
        ("/?q=dan&page=100000", 400),
        ("/?q=dan&year=abc", 400),
        ("/?q=dan&table=nope", 404),
        ("/?q=dan&table=results&format=xml", 400),
        ("/provinces?p=Atlantis", 404),
        ("/nowhere", 404),
        ("/api/citers", 400),
        ("/api/citers?d=%3F%3F", 400),
        ("/api/citers?d=99%2FCT-XYZ", 200),
        ("/api/citers?d=ct+33&offset=-1", 400),
        ("/api/citers?d=ct+33&limit=0", 400),
        ("/api/units?directive=ct+33&limit=x", 400),
        ("/api/search?q=dan&per_page=1000", 400),
        ("/api/doc/no-such-doc", 404),
        ("/api/export/passwd", 404),
        ("/api/nowhere", 404),
    ] {
        let r = get(&server().0, path);
        assert_eq!(r.status, want, "{path}: {}", r.text());
        if want >= 400 {
            let ct = r.header("content-type").unwrap_or("");
            if path.starts_with("/api/") {
                assert_eq!(r.json()["status"], want, "{path}");
            } else {
                assert!(ct.starts_with("text/html") && r.text().contains("role=\"alert\""), "{path}: {ct}");
            }
        }
    }
    // the server is still up
    assert_eq!(get(&server().0, "/").status, 200);
}

/// A table longer than a page states its total and pages (`rows=`, `p_NAME=`): the pages hold
/// every row once, the download holds them all.
#[test]
fn long_tables_page_on_the_web() {
    let base = server().0;
    let csv = get(&base, "/directive?d=33%2FCT-TTg&table=citers&format=json").text();
    let all: serde_json::Value = serde_json::from_str(&csv).unwrap();
    let total = all["rows"].as_array().unwrap().len();
    assert!(total >= 3, "{total}");
    let docs_on = |page: usize| -> Vec<String> {
        let h = get(&base, &format!("/directive?d=33%2FCT-TTg&rows=2&p_citers={page}")).text();
        let sec = &h[h.find("id=\"t-citers\"").unwrap()..];
        let sec = &sec[..sec.find("</section>").unwrap()];
        if page == 1 {
            assert!(sec.contains(&format!("dòng 1–2 trên {total}")) && sec.contains("rel=\"next\""), "{sec}");
            assert!(!sec.contains("rel=\"prev\""));
        }
        sec.split("<a href=\"/doc/").skip(1).map(|x| x[..x.find('"').unwrap()].to_string()).collect()
    };
    let mut seen = Vec::new();
    for page in 1..=total.div_ceil(2) {
        let d = docs_on(page);
        assert!(!d.is_empty() && d.len() <= 2, "page {page}: {d:?}");
        seen.extend(d);
    }
    let want: Vec<String> =
        all["rows"].as_array().unwrap().iter().map(|r| r["doc"].as_str().unwrap().to_string()).collect();
    assert_eq!(seen, want, "the pages hold every row once, in the table's order");
    // a page out of range shows the first
    assert_eq!(docs_on(99), docs_on(1));
}
