//! Reference (b) of the benchmark: a bare tantivy indexer, the floor for `kehoach index`.
//!
//! ```sh
//! cargo run --release --example bare_index -- --index /tmp/bare --threads 2 PATH…
//! ```
//!
//! Same discovery and decoding (`kehoach::corpus`), same analyzers
//! (`kehoach::index::schema::register`: `vi_exact` and `vi_fold`, both with
//! positions), same writer memory budget and a commit every
//! `kehoach::index::BATCH` documents, and the same text stored twice analyzed
//! (body + body_fold, body stored) with id and content hash. No normalization,
//! no extraction, no record. The tantivy writer runs `--threads` indexing
//! threads of its own; files are read on the calling thread. Prints one JSON line.

use kehoach::index::schema::{register, EXACT, FOLD};
use std::path::PathBuf;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING};
use tantivy::{Index, TantivyDocument};

fn text(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn main() -> anyhow::Result<()> {
    let mut dir = None;
    let mut threads = 2usize;
    let mut paths = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--index" => dir = it.next().map(PathBuf::from),
            "--threads" => threads = it.next().ok_or_else(|| anyhow::anyhow!("--threads N"))?.parse()?,
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let dir = dir.ok_or_else(|| anyhow::anyhow!("usage: bare_index --index DIR [--threads N] PATH…"))?;
    let t0 = std::time::Instant::now();
    std::fs::create_dir_all(&dir)?;
    let mut sb = Schema::builder();
    let id = sb.add_text_field("id", STRING | STORED | FAST);
    let hash = sb.add_text_field("hash", STRING | STORED);
    let body = sb.add_text_field("body", text(EXACT).set_stored());
    let body_fold = sb.add_text_field("body_fold", text(FOLD));
    let index = Index::create_in_dir(&dir, sb.build())?;
    register(&index);
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(threads, kehoach::index::WRITER_BUDGET)?;
    let (files, failures) = kehoach::corpus::discover(&paths);
    let (mut docs, mut bytes) = (0u64, 0u64);
    for f in &files {
        let raw = kehoach::corpus::read_bytes(f, u64::MAX)?;
        let h = kehoach::domain::fnv1a(&raw);
        let d = kehoach::corpus::decode(&f.path, &raw)?;
        bytes += raw.len() as u64;
        let mut doc = TantivyDocument::default();
        doc.add_text(id, &f.id.0);
        doc.add_text(hash, &h);
        doc.add_text(body, &d.text);
        doc.add_text(body_fold, &d.text);
        writer.add_document(doc)?;
        docs += 1;
        if docs % kehoach::index::BATCH as u64 == 0 {
            writer.commit()?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!(
        "{{\"documents\":{docs},\"bytes\":{bytes},\"failures\":{},\"threads\":{threads},\"seconds\":{:.3}}}",
        failures.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}
