//! Write a SYNTHETIC corpus of plan documents for the benchmark (`scripts/bench`).
//!
//! ```sh
//! cargo run --release --example gen_synthetic -- --out /tmp/kehoach-bench/synthetic \
//!     --docs 1000000 --seed 42 ../shared/corpus/bulk/phapdien ../shared/corpus/real data/corpus
//! ```
//!
//! Paragraphs of the source directories (every `.txt`, in path order) form
//! the pool; document `i` is `synthetic::Generator::document(i)` (`examples/common/synthetic.rs`) written
//! to `OUT/<i / per-dir>/syn_<i>.txt`. Same seed + same sources = same bytes.
//! Prints one JSON line: documents, bytes, pool size, seed, seconds.

#[path = "common/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::path::{Path, PathBuf};
use synthetic::{paragraphs, Generator, Tables};

struct Args {
    out: PathBuf,
    docs: u64,
    seed: u64,
    per_dir: u64,
    threads: usize,
    pool_max: usize,
    sources: Vec<PathBuf>,
}

fn parse() -> Result<Args, String> {
    let mut a = Args {
        out: PathBuf::new(),
        docs: 1000,
        seed: 42,
        per_dir: 1000,
        threads: 2,
        pool_max: 400_000,
        sources: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        let mut val = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match x.as_str() {
            "--out" => a.out = PathBuf::from(val("--out")?),
            "--docs" => a.docs = val("--docs")?.parse().map_err(|e| format!("--docs: {e}"))?,
            "--seed" => a.seed = val("--seed")?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--per-dir" => a.per_dir = val("--per-dir")?.parse().map_err(|e| format!("--per-dir: {e}"))?,
            "--threads" => a.threads = val("--threads")?.parse().map_err(|e| format!("--threads: {e}"))?,
            "--pool-max" => a.pool_max = val("--pool-max")?.parse().map_err(|e| format!("--pool-max: {e}"))?,
            s if s.starts_with("--") => return Err(format!("unknown flag {s}")),
            s => a.sources.push(PathBuf::from(s)),
        }
    }
    if a.out.as_os_str().is_empty() || a.sources.is_empty() || a.per_dir == 0 || a.threads == 0 {
        return Err(
            "usage: gen_synthetic --out DIR [--docs N] [--seed S] [--per-dir N] [--threads N] SOURCE_DIR…".into()
        );
    }
    Ok(a)
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            files_under(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    Ok(())
}

fn main() {
    let a = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_synthetic: {e}");
            std::process::exit(2);
        }
    };
    let t0 = std::time::Instant::now();
    let mut files = Vec::new();
    for s in &a.sources {
        if let Err(e) = files_under(s, &mut files) {
            eprintln!("gen_synthetic: {}: {e}", s.display());
            std::process::exit(2);
        }
    }
    files.sort();
    let mut pool: Vec<String> = Vec::new();
    for f in &files {
        if let Ok(text) = std::fs::read_to_string(f) {
            pool.extend(paragraphs(&text).map(str::to_string));
        }
    }
    if pool.len() > a.pool_max {
        let step = pool.len().div_ceil(a.pool_max);
        pool = pool.into_iter().step_by(step).collect();
    }
    if pool.is_empty() {
        eprintln!("gen_synthetic: no paragraphs in the sources");
        std::process::exit(2);
    }
    let tables = Tables::embedded();
    let g = Generator::new(&pool, &tables, a.seed);
    let dirs = a.docs.div_ceil(a.per_dir);
    let bytes = std::sync::atomic::AtomicU64::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        for tid in 0..a.threads as u64 {
            let (g, a, bytes, failed) = (&g, &a, &bytes, &failed);
            s.spawn(move || {
                for d in (tid..dirs).step_by(a.threads) {
                    let dir = a.out.join(format!("{d:04}"));
                    if let Err(e) = std::fs::create_dir_all(&dir) {
                        eprintln!("gen_synthetic: {}: {e}", dir.display());
                        failed.store(true, std::sync::atomic::Ordering::Relaxed);
                        return;
                    }
                    for i in d * a.per_dir..((d + 1) * a.per_dir).min(a.docs) {
                        let doc = g.document(i);
                        let p = dir.join(format!("syn_{i:07}.txt"));
                        if let Err(e) = std::fs::write(&p, &doc.text) {
                            eprintln!("gen_synthetic: {}: {e}", p.display());
                            failed.store(true, std::sync::atomic::Ordering::Relaxed);
                            return;
                        }
                        bytes.fetch_add(doc.text.len() as u64, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            });
        }
    });
    if failed.load(std::sync::atomic::Ordering::Relaxed) {
        std::process::exit(1);
    }
    println!(
        "{{\"synthetic\":true,\"documents\":{},\"bytes\":{},\"pool_paragraphs\":{},\"seed\":{},\"seconds\":{:.1}}}",
        a.docs,
        bytes.into_inner(),
        pool.len(),
        a.seed,
        t0.elapsed().as_secs_f64()
    );
}
