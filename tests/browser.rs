//! End-to-end in a real browser: Debian's Chromium headless, driven through
//! chromedriver with fantoccini, against `kehoach serve` on loopback. An
//! analyst's path: search "dan van kheo", open a plan, follow 33/CT-TTg to its
//! citers, download the CSV, compare provinces. A screenshot of every page is
//! saved under `target/screenshots/`.
//!
//! Without chromium and chromedriver the test says so and passes, unless `CI`
//! is set: CI installs them (`.ci/run`), so there their absence is a failure.
use crate::serve::Server;
use fantoccini::{ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn shots() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("screenshots");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A screenshot of the whole page (the window is stretched to the page's height, then restored).
async fn shot(c: &fantoccini::Client, name: &str) {
    let h = c.execute("return document.documentElement.scrollHeight", vec![]).await.unwrap();
    let h = h.as_u64().unwrap_or(900).clamp(900, 6000) as u32;
    c.set_window_size(1366, h + 140).await.unwrap();
    let png = c.screenshot().await.expect("screenshot");
    c.set_window_size(1366, 900).await.unwrap();
    std::fs::write(shots().join(format!("{name}.png")), png).unwrap();
}

async fn wait_for(c: &fantoccini::Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

async fn texts(c: &fantoccini::Client, css: &str) -> Vec<String> {
    let mut v = Vec::new();
    for e in c.find_all(Locator::Css(css)).await.unwrap() {
        v.push(e.text().await.unwrap());
    }
    v
}

async fn scenario(c: &fantoccini::Client, base: &str) {
    // 1. search without diacritics: the five seed plans
    c.goto(&format!("{base}/")).await.unwrap();
    let q = wait_for(c, "input#q").await;
    q.send_keys("dan van kheo").await.unwrap();
    c.find(Locator::Css("form.search button[type=submit]")).await.unwrap().click().await.unwrap();
    wait_for(c, "ol.hits").await;
    let hits = c.find_all(Locator::Css("li.hit")).await.unwrap();
    let mut ids = Vec::new();
    for h in &hits {
        ids.push(h.attr("data-id").await.unwrap().unwrap());
    }
    ids.sort();
    assert_eq!(
        ids,
        [
            "000_0c0d733a24d33500",
            "001_09e8b167c0733129",
            "002_3092d5c01d54e70f",
            "003_e1b11889f5394df2",
            "004_370019b44abf7e3f"
        ]
    );
    assert_eq!(c.find(Locator::Css("#total")).await.unwrap().text().await.unwrap(), "5");
    assert!(!texts(c, "li.hit .snip mark").await.is_empty(), "snippets highlight the match");
    assert!(!texts(c, "aside.facets li").await.is_empty(), "facets are listed");
    shot(c, "1-search").await;

    // 2. open a plan: its directives are highlighted
    c.find(Locator::Css("li.hit[data-id='001_09e8b167c0733129'] a.title")).await.unwrap().click().await.unwrap();
    wait_for(c, "article.doctext").await;
    let dirs = texts(c, "article.doctext a.x-dir").await;
    assert!(dirs.iter().any(|t| t.contains("33/CT-TTg")), "{dirs:?}");
    let bg =
        c.execute("return getComputedStyle(document.querySelector('a.x-dir')).backgroundColor", vec![]).await.unwrap();
    assert_ne!(bg.as_str(), Some("rgba(0, 0, 0, 0)"), "highlights have a colour");
    for kind in ["unit", "slogan"] {
        assert!(!texts(c, &format!("article.doctext mark.x-{kind}")).await.is_empty(), "{kind} highlighted");
    }
    shot(c, "2-document").await;

    // 3. click through to 33/CT-TTg: the four citing plans
    let link = c.find_all(Locator::Css("article.doctext a.x-dir")).await.unwrap();
    let mut target = None;
    for l in link {
        if l.text().await.unwrap().contains("33/CT-TTg") {
            target = Some(l);
            break;
        }
    }
    target.unwrap().click().await.unwrap();
    wait_for(c, "#t-citers").await;
    assert_eq!(c.find(Locator::Css("#citing")).await.unwrap().text().await.unwrap(), "4");
    let rows = c.find_all(Locator::Css("#t-citers tbody tr")).await.unwrap();
    assert_eq!(rows.len(), 4);
    assert!(c.find(Locator::Css("svg.tree")).await.is_ok(), "the implementation tree is drawn");
    shot(c, "3-directive").await;

    // 4. download the citers CSV (fetched by the page's own link) and check its rows
    let href = c.find(Locator::Css("#t-citers a[download]")).await.unwrap().attr("href").await.unwrap().unwrap();
    let got = c
        .execute_async(
            "const [u, done] = arguments; fetch(u).then(r => r.arrayBuffer()).then(b => done(Array.from(new Uint8Array(b))));",
            vec![serde_json::Value::from(href)],
        )
        .await
        .unwrap();
    let bytes: Vec<u8> = got.as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM for Excel");
    let mut rd = csv::Reader::from_reader(&bytes[3..]);
    let col = rd.headers().unwrap().iter().position(|h| h == "doc").unwrap();
    let mut docs: Vec<String> = rd.records().map(|r| r.unwrap()[col].to_string()).collect();
    docs.sort();
    assert_eq!(docs, ["001_09e8b167c0733129", "002_3092d5c01d54e70f", "003_e1b11889f5394df2", "004_370019b44abf7e3f"]);

    // 5. the province page: charts, then one province picked
    c.find(Locator::Css("header.top nav a[href='/provinces']")).await.unwrap().click().await.unwrap();
    wait_for(c, "form.picker").await;
    let svgs = c.find_all(Locator::Css(".charts svg rect")).await.unwrap();
    assert!(svgs.len() >= 3, "bars drawn: {}", svgs.len());
    shot(c, "4-provinces").await;
    c.find(Locator::Css("select#p option[value='Hải Phòng']")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("form.picker button")).await.unwrap().click().await.unwrap();
    let h = wait_for(c, "h2#detail").await;
    assert_eq!(h.text().await.unwrap(), "Hải Phòng");
    assert!(c.find_all(Locator::Css(".charts figure")).await.unwrap().len() >= 6);
    shot(c, "5-province-detail").await;

    // the keyboard reaches the page: the first Tab stop is the skip link
    c.goto(&format!("{base}/")).await.unwrap();
    let focused = c
        .execute("document.body.focus(); return document.querySelector('a.skip').getAttribute('href')", vec![])
        .await
        .unwrap();
    assert_eq!(focused.as_str(), Some("#main"));
}

fn available(p: &str) -> bool {
    Path::new(p).exists()
}

#[test]
fn analyst_path_in_headless_chromium() {
    if !(available(CHROMIUM) && available(CHROMEDRIVER)) {
        if std::env::var_os("CI").is_some() {
            panic!(
                "CI is set but {CHROMIUM} or {CHROMEDRIVER} is missing (.ci/run installs chromium and chromium-driver)"
            );
        }
        eprintln!(
            "SKIPPED browser test: {CHROMIUM} and {CHROMEDRIVER} are needed (apt-get install chromium chromium-driver)"
        );
        return;
    }
    let server = Server::start();
    let port = free_port();
    let driver = Driver(
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver"),
    );
    let t0 = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(t0.elapsed() < Duration::from_secs(20), "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let profile = tempfile::tempdir().unwrap();
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-dev-shm-usage".into(),
        "--window-size=1366,900".into(),
        "--lang=vi".into(),
        format!("--user-data-dir={}", profile.path().display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), serde_json::json!({"binary": CHROMIUM, "args": args}));
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let c = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a chromium session");
        // run the scenario; close the browser whatever happens, then report
        let res = tokio::spawn({
            let c = c.clone();
            let base = server.base.clone();
            async move { scenario(&c, &base).await }
        })
        .await;
        let _ = c.close().await;
        if let Err(e) = res {
            std::panic::resume_unwind(e.into_panic());
        }
    });
    drop(driver);
}
