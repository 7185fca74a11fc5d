//! Citation recall on the source notes of Pháp điển (the official code of law).
//!
//! ```sh
//! cargo run --release --example phapdien_recall -- ../shared/corpus/bulk/phapdien [--missed N]
//! ```
//!
//! Every article of a Pháp điển topic is followed by a source note naming the
//! document it comes from: "(Điều 1 Thông tư liên tịch số 104/2007/TTLT/BTC-BVHTTDL
//! Hướng dẫn … ngày 30/08/2007 …)". The symbol after the first "số" of each note is
//! the truth, read with a loose grammar of its own (a digit, then anything up to a
//! space or comma, a space next to `-` or `/` joined), independent of the extractor's.
//! Symbols are compared by a key that ignores case, diacritics, spacing, leading
//! zeros and the kind of separator (`NQ.HĐTP` = `NQ-HĐTP`, `TTLT/BTC` = `TTLT-BTC`).
//!
//! Recall is given per (file, cited document) pair — found when the extractor returns
//! a directive of that key for that file — and per distinct cited document (found
//! when found in every file whose notes cite it). The missed keys are listed with the
//! note's spelling, most frequent first (`--missed N`, default 100).

use kehoach::pipeline::{map_files, process_one, Config};
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The key two spellings of one symbol share.
fn key(s: &str) -> String {
    let f = kehoach::normalize::fold(&s.replace('Ð', "Đ")).to_uppercase();
    let parts: Vec<String> = f
        .split(|c: char| matches!(c, '-' | '/' | '.') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .enumerate()
        .map(|(i, p)| if i == 0 { p.trim_start_matches('0').to_string() } else { p.to_string() })
        .collect();
    parts.join("|")
}

/// The symbol at the start of `rest`: tokens up to a space or comma, joined while a token
/// ends with `-` or `/` or the next one starts with one ("01/2012/QĐ -TTg", "TT- BVHTTDL").
fn note_symbol(rest: &str) -> String {
    let mut out = String::new();
    for tok in rest.split(' ') {
        let joins = out.is_empty() || out.ends_with(['-', '/']) || tok.starts_with(['-', '/']);
        if !joins || tok.is_empty() {
            break;
        }
        let end = tok.find([',', ';', '(', ')', '"', '“', '”']).unwrap_or(tok.len());
        out.push_str(&tok[..end]);
        if end < tok.len() {
            break;
        }
    }
    out.trim_end_matches(['.', '-', '/']).to_string()
}

fn main() -> anyhow::Result<()> {
    let mut cfg = Config::embedded();
    cfg.progress = false;
    let mut paths = Vec::new();
    let mut show = 100usize;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--missed" => show = it.next().ok_or_else(|| anyhow::anyhow!("--missed N"))?.parse()?,
            "--threads" => cfg.threads = Some(it.next().ok_or_else(|| anyhow::anyhow!("--threads N"))?.parse()?),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    anyhow::ensure!(!paths.is_empty(), "usage: phapdien_recall [--missed N] [--threads N] DIR…");
    // A source note: "(Điều 12 Nghị định số 85/2017/nđ-cp …"; the symbol is read by `note_symbol`.
    let note = Regex::new(r"(?m)^\(Điều [0-9]+[a-zđ]? [^\n]*?\bsố\s*(?P<rest>[0-9][^\n]{0,160})")?;
    let (files, failures) = kehoach::corpus::discover(&paths);
    for f in &failures {
        eprintln!("{}: {}", f.path.display(), f.error);
    }
    let results = map_files(&files, &cfg, |f, cfg| {
        let raw = kehoach::corpus::read_limited(f, cfg.max_bytes)?.text;
        let rec = process_one(f, cfg)?;
        let mut truth: BTreeMap<String, String> = BTreeMap::new();
        for c in note.captures_iter(&raw) {
            let s = note_symbol(&c["rest"]);
            let s = s.as_str();
            // a symbol has a letter code after its number ("số 01 ban hành" is not one)
            if s.contains('/') || s.contains('-') {
                truth.entry(key(s)).or_insert_with(|| s.to_string());
            }
        }
        let got: BTreeSet<String> = rec
            .directives
            .iter()
            // a document cited in two spellings is one directive: every mention counts
            .flat_map(|d| d.symbol.iter().chain(d.mentions.iter().map(|m| &m.text)))
            .map(|s| key(s))
            .collect();
        Ok((f.path.display().to_string(), truth, got))
    });
    let (mut pairs, mut found) = (0usize, 0usize);
    // key → (spelling, files citing, files missing)
    let mut docs: BTreeMap<String, (String, usize, usize)> = BTreeMap::new();
    for r in results {
        let (_, truth, got) = match r {
            Ok(x) => x,
            Err(e) => {
                eprintln!("{}: {}", e.path.display(), e.error);
                continue;
            }
        };
        for (k, spelling) in truth {
            pairs += 1;
            let hit = got.contains(&k);
            found += usize::from(hit);
            let e = docs.entry(k).or_insert((spelling, 0, 0));
            e.1 += 1;
            e.2 += usize::from(!hit);
        }
    }
    let missed: Vec<_> = docs.iter().filter(|(_, v)| v.2 > 0).collect();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    println!("files: {}", files.len());
    println!("pairs (file, cited document): {found} / {pairs} found, recall {:.4}", ratio(found, pairs));
    println!(
        "distinct cited documents: {} / {} found, recall {:.4}",
        docs.len() - missed.len(),
        docs.len(),
        ratio(docs.len() - missed.len(), docs.len())
    );
    let mut missed = missed;
    missed.sort_by(|a, b| b.1 .2.cmp(&a.1 .2).then(a.0.cmp(b.0)));
    for (_, (spelling, _, miss)) in missed.iter().take(show) {
        println!("missed\t{miss}\t{spelling}");
    }
    Ok(())
}
