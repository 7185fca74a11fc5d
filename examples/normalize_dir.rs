//! Normalize every file of a corpus through the library, for the benchmark's
//! "normalize" stage (`kehoach normalize` prints one file).
//!
//! ```sh
//! cargo run --release --example normalize_dir -- --threads 2 PATH…
//! ```
//!
//! Discovery, reading and decoding as in `kehoach extract`, then
//! `kehoach::normalize::normalize` on `kehoach::pipeline::map_files` (the same
//! parallel seam and thread pool). Output is only counted (normalized bytes),
//! never kept. Prints one JSON line.

use kehoach::pipeline::{map_files, Config};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut cfg = Config::embedded();
    cfg.progress = false;
    let mut paths = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--threads" => cfg.threads = Some(it.next().ok_or_else(|| anyhow::anyhow!("--threads N"))?.parse()?),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    anyhow::ensure!(!paths.is_empty(), "usage: normalize_dir [--threads N] PATH…");
    let t0 = std::time::Instant::now();
    let (files, failures) = kehoach::corpus::discover(&paths);
    let results = map_files(&files, &cfg, |f, cfg| {
        let d = kehoach::corpus::read_limited(f, cfg.max_bytes)?;
        let n = kehoach::normalize::normalize(&d.text);
        Ok((d.text.len() as u64, n.text.len() as u64))
    });
    let (mut bytes, mut out, mut failed) = (0u64, 0u64, failures.len());
    for r in results {
        match r {
            Ok((b, o)) => {
                bytes += b;
                out += o;
            }
            Err(_) => failed += 1,
        }
    }
    println!(
        "{{\"documents\":{},\"bytes\":{bytes},\"normalized_bytes\":{out},\"failures\":{failed},\"seconds\":{:.3}}}",
        files.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
