//! Query latency on a large index (issue #4: on 1,000,000 documents, p99 below
//! 20 ms for a folded search, a phrase search and `graph citers`; the province
//! report under 2 s). Timed in process, over the library calls the CLI makes.
//!
//! ```sh
//! cargo run --release --example latency -- build --docs 1000000 --index /tmp/kh-1m
//! cargo run --release --example latency -- measure --index /tmp/kh-1m --runs 200
//! ```
//!
//! `build` makes a SYNTHETIC index: the real documents (`data/corpus` and
//! `../shared/corpus/real`, or the paths given) are extracted once, then each
//! synthetic document is a copy of a real record (seeded choice) with its own
//! id, a province drawn from the gazetteer's 63 pre-2025 provinces (its
//! post-2025 successor as `province_2025`) and a date in 2019–2025; local
//! directives (ids dated to the day) are re-dated per province and year, so a
//! district's plan is cited by tens of documents while national directives
//! (33/CT-TTg …) are cited by a large share of the corpus, as in the real one.
//! Its text is the real document's first 400 bytes plus three paragraphs drawn
//! from all documents. It goes through `kehoach::index::to_doc`, the layout of
//! `kehoach index`. Use the bench worker's generator for throughput figures.

use kehoach::gazetteer::{Era, Gazetteer};
use kehoach::graph::directive_name::DirectiveName;
use kehoach::index::search::{search, search_page_with, Filters};
use kehoach::lexicon::Lexicon;
use kehoach::pipeline::{self, Config, Indexed};
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn sources(args: &[String]) -> Vec<Indexed> {
    let mut paths: Vec<PathBuf> = args.iter().filter(|a| !a.starts_with("--")).map(PathBuf::from).collect();
    if paths.is_empty() {
        paths.push("data/corpus".into());
        if std::path::Path::new("../shared/corpus/real").exists() {
            paths.push("../shared/corpus/real".into());
        }
    }
    let cfg = Config { progress: false, ..Config::embedded() };
    let (files, _) = kehoach::corpus::discover(&paths);
    pipeline::map_files(&files, &cfg, pipeline::process_for_index).into_iter().filter_map(Result::ok).collect()
}

/// A local directive id carries its full date (nn:ubnd:KH:2023-05-09:149): the synthetic copy in
/// province `pi` gets the issuer `ubnd.p<pi>` and the year before `year` (same month and day), so
/// distinct local directives of a document stay distinct.
fn relocal(id: &str, pi: usize, year: i32) -> Option<(String, kehoach::domain::Date)> {
    let mut parts: Vec<String> = id.split(':').map(str::to_string).collect();
    let i = parts.iter().position(|p| p.len() == 10 && p.as_bytes()[4] == b'-' && p.as_bytes()[7] == b'-')?;
    let (m, d): (u32, u32) = (parts[i][5..7].parse().ok()?, parts[i][8..10].parse().ok()?);
    let day =
        kehoach::extract::date::Date::new(year - 1, m, d).or(kehoach::extract::date::Date::new(year - 1, m, 28))?;
    parts[i] = day.iso();
    if parts.len() > 1 {
        parts[1] = format!("{}.p{pi}", parts[1]);
    }
    Some((parts.join(":"), day))
}

fn build(args: &[String]) -> anyhow::Result<()> {
    let n: usize = arg(args, "--docs").unwrap_or("1000000".into()).parse()?;
    let dir = PathBuf::from(arg(args, "--index").ok_or_else(|| anyhow::anyhow!("--index DIR"))?);
    let mut rng = Rng(arg(args, "--seed").unwrap_or("42".into()).parse::<u64>()? | 1);
    let t0 = Instant::now();
    let src = sources(&args.iter().skip_while(|a| *a != "--sources").skip(1).cloned().collect::<Vec<_>>());
    let paras: Vec<&str> = src
        .iter()
        .flat_map(|x| x.text.split("\n\n").flat_map(|p| p.split('\n')))
        .filter(|p| (80..1500).contains(&p.len()))
        .collect();
    let gaz = Gazetteer::embedded();
    let provs: Vec<(String, String)> =
        gaz.provinces_of(Era::Old).iter().map(|p| (p.name.clone(), gaz.successor(p).name.clone())).collect();
    let rec_bytes: usize = src.iter().map(|x| serde_json::to_string(&x.record).unwrap().len()).sum();
    eprintln!(
        "{} source documents ({} KB of records), {} paragraphs, {} provinces; extracted in {:.1?}",
        src.len(),
        rec_bytes / 1024,
        paras.len(),
        provs.len(),
        t0.elapsed()
    );
    std::fs::create_dir_all(&dir)?;
    if dir.join("meta.json").exists() {
        anyhow::bail!("{} already holds an index", dir.display());
    }
    let (index, f) = kehoach::index::open_or_create(&dir)?;
    let mut w: tantivy::IndexWriter = index.writer_with_num_threads(2, 1 << 30)?;
    let t1 = Instant::now();
    for i in 0..n {
        let s = &src[rng.below(src.len())];
        let (pi, year) = (rng.below(provs.len()), 2019 + rng.below(7) as i32);
        let (m, d) = (1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
        let date = kehoach::extract::date::Date::new(year, m, d).expect("valid day");
        let mut r = s.record.clone();
        r.id.0 = format!("syn{i:07}");
        r.source = format!("synthetic/syn{i:07}.txt");
        r.meta.province = Some(provs[pi].0.clone());
        r.meta.province_2025 = Some(provs[pi].1.clone());
        r.meta.date = Some(date);
        r.meta.year = Some(year);
        // Local directives: one per province and year.
        for dv in &mut r.directives {
            if let Some((id, day)) = relocal(&dv.id.0, pi, year) {
                dv.id.0 = id;
                dv.date = Some(day);
            }
        }
        let mut text = s.text.chars().take(400).collect::<String>();
        for _ in 0..3 {
            text.push_str("\n\n");
            text.push_str(paras[rng.below(paras.len())]);
        }
        w.add_document(kehoach::index::to_doc(&f, &Indexed { record: r, text, hash: format!("{i:016x}") }))?;
        if (i + 1) % 100_000 == 0 {
            eprintln!("{} documents, {:.0?}", i + 1, t1.elapsed());
        }
    }
    w.commit()?;
    w.wait_merging_threads()?;
    let reader = index.reader()?;
    let s = reader.searcher();
    eprintln!("built {} documents in {} segments in {:.1?}", s.num_docs(), s.segment_readers().len(), t1.elapsed());
    Ok(())
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i].as_secs_f64() * 1000.0
}

fn timed<T>(label: &str, runs: usize, mut f: impl FnMut(usize) -> kehoach::Result<T>, size: impl Fn(&T) -> usize) {
    // LATENCY_ONLY=TEXT measures only the rows whose label contains TEXT (while working on one).
    if std::env::var("LATENCY_ONLY").is_ok_and(|o| !label.contains(&o)) {
        return;
    }
    let _ = f(0); // warm the page cache
    let mut v = Vec::with_capacity(runs);
    let mut rows = 0;
    for i in 0..runs {
        let t = Instant::now();
        let out = f(i).expect("query");
        v.push(t.elapsed());
        rows = rows.max(size(&out));
    }
    let (p50, p99, max) = (pct(&mut v, 0.50), pct(&mut v, 0.99), pct(&mut v, 1.0));
    println!("| {label} | {runs} | {rows} | {p50:.2} | {p99:.2} | {max:.2} |");
}

fn measure(args: &[String]) -> anyhow::Result<()> {
    let dir = PathBuf::from(arg(args, "--index").ok_or_else(|| anyhow::anyhow!("--index DIR"))?);
    let runs: usize = arg(args, "--runs").unwrap_or("200".into()).parse()?;
    let (index, f) = kehoach::index::open(&dir)?;
    let lex = Lexicon::embedded();
    let docs = index.reader()?.searcher().num_docs();
    println!("index {} : {docs} documents\n", dir.display());
    println!("| query | runs | rows (max) | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|");
    let folded = ["dan van kheo", "cai cach hanh chinh", "dan chu co so", "tiep cong dan", "chuyen doi so"];
    timed(
        "search, folded words (5 queries in turn, top 10 + snippets)",
        runs,
        |i| search(&index, &f, folded[i % folded.len()], &Filters::default(), 10),
        Vec::len,
    );
    let phrases = ["\"dân vận chính quyền\"", "\"dan van kheo\"", "\"cải cách hành chính\"", "\"quy chế dân chủ\""];
    timed(
        "search, phrase (4 phrases in turn, top 10 + snippets)",
        runs,
        |i| search(&index, &f, phrases[i % phrases.len()], &Filters::default(), 10),
        Vec::len,
    );
    // The same queries on one warm searcher, as `serve` answers them (its reference case).
    let warm = index.reader()?.searcher();
    timed(
        "search, folded words, warm searcher (serve)",
        runs,
        |i| search_page_with(&warm, &index, &f, folded[i % folded.len()], &Filters::default(), 0, 10).map(|p| p.hits),
        Vec::len,
    );
    timed(
        "search, phrase, warm searcher (serve)",
        runs,
        |i| search_page_with(&warm, &index, &f, phrases[i % phrases.len()], &Filters::default(), 0, 10).map(|p| p.hits),
        Vec::len,
    );
    let accented = ["dân vận khéo", "cải cách hành chính", "dân chủ ở cơ sở", "tiếp công dân", "chuyển đổi số"];
    timed(
        "search, accented words, warm searcher (serve)",
        runs,
        |i| {
            search_page_with(&warm, &index, &f, accented[i % accented.len()], &Filters::default(), 0, 10)
                .map(|p| p.hits)
        },
        Vec::len,
    );
    // A local plan (cited within one province and year) and the most-cited national directive.
    let reader = index.reader()?;
    let top = {
        let searcher = reader.searcher();
        let mut ids: Vec<(u64, String)> = Vec::new();
        for sr in searcher.segment_readers() {
            let inv = sr.inverted_index(f.cites)?;
            let mut st = inv.terms().stream()?;
            while st.advance() {
                ids.push((st.value().doc_freq as u64, String::from_utf8_lossy(st.key()).into_owned()));
            }
        }
        let mut agg: std::collections::BTreeMap<String, u64> = Default::default();
        for (n, id) in ids {
            *agg.entry(id).or_default() += n;
        }
        let mut v: Vec<(u64, String)> = agg.into_iter().map(|(k, n)| (n, k)).collect();
        v.sort();
        v
    };
    let local: Vec<&String> =
        top.iter().filter(|(n, id)| *n >= 5 && id.contains(".p")).map(|x| &x.1).take(50).collect();
    let national = &top.last().expect("citations").1;
    let by_id: Vec<DirectiveName> = local.iter().map(|id| DirectiveName::Id((*id).clone())).collect();
    if !by_id.is_empty() {
        timed(
            &format!("graph citers, {} local plans (one province and year) by id in turn", by_id.len()),
            runs,
            |i| kehoach::graph::indexed::citers(&index, &f, &by_id[i % by_id.len()]).map(Option::unwrap_or_default),
            Vec::len,
        );
    }
    let heavy: usize = arg(args, "--heavy-runs").unwrap_or("5".into()).parse()?;
    let sym = DirectiveName::parse("149/KH-UBND", &lex)?;
    timed(
        "graph citers 149/KH-UBND (symbol: every dated variant)",
        heavy,
        |_| kehoach::graph::indexed::citers(&index, &f, &sym).map(Option::unwrap_or_default),
        Vec::len,
    );
    let nat = DirectiveName::Id(national.clone());
    timed(
        &format!("graph citers {national} (the most cited)"),
        heavy,
        |_| kehoach::graph::indexed::citers(&index, &f, &nat).map(Option::unwrap_or_default),
        Vec::len,
    );
    // The first page with its total, as `graph citers --limit 50` and `/api/citers?limit=50` ask.
    for (label, name) in [(format!("{national} (the most cited)"), &nat), ("149/KH-UBND (symbol)".to_string(), &sym)] {
        timed(
            &format!("graph citers {label}, first page of 50 with its total, warm searcher"),
            runs,
            |_| {
                kehoach::graph::indexed::citers_page(&warm, &f, name, &[], 0, 50)
                    .map(|p| p.map(|(total, rows)| (total, rows.len())).unwrap_or_default())
            },
            |p| p.1,
        );
    }
    timed(
        "report provinces (columns)",
        arg(args, "--report-runs").unwrap_or("20".into()).parse()?,
        |_| kehoach::report::indexed::provinces(&index, &f).map(|r| r.expect("columns")),
        |r| r.provinces.len(),
    );
    if args.iter().any(|a| a == "--legacy") {
        timed(
            "report provinces (every record loaded, the old path)",
            3,
            |_| Ok(kehoach::report::provinces(&kehoach::graph::load(&index, &f)?)),
            |r| r.provinces.len(),
        );
        timed(
            "graph citers, local plan (every record loaded, the old path)",
            3,
            |i| Ok(kehoach::graph::citers(&kehoach::graph::load(&index, &f)?, &by_id[i % by_id.len()])),
            Vec::len,
        );
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") => build(&args[1..]),
        Some("measure") => measure(&args[1..]),
        _ => anyhow::bail!("usage: latency build --docs N --index DIR [--seed S] [--sources PATH…] | latency measure --index DIR [--runs N] [--heavy-runs N] [--report-runs N] [--legacy]"),
    }
}
