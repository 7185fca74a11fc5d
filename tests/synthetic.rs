//! The benchmark's synthetic generator (`examples/common/synthetic.rs`, `examples/gen_synthetic.rs`):
//! deterministic for a seed, and every document extracts with the header it was given.

use crate::synthetic_generator::{paragraphs, Generator, Tables};
use kehoach::corpus::SourceFile;
use kehoach::pipeline::{process_text, Config};
use kehoach::record::DocId;
use std::path::PathBuf;

fn pool() -> Vec<String> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(super::util::root().join("data/corpus")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| paragraphs(&std::fs::read_to_string(f).unwrap()).map(str::to_string).collect::<Vec<_>>())
        .collect()
}

#[test]
fn same_seed_same_documents_other_seed_other_documents() {
    let (pool, tables) = (pool(), Tables::embedded());
    let a = Generator::new(&pool, &tables, 42);
    let b = Generator::new(&pool, &tables, 42);
    let c = Generator::new(&pool, &tables, 43);
    // Document i does not depend on the order of generation.
    let fwd: Vec<String> = (0..20).map(|i| a.document(i).text).collect();
    let back: Vec<String> = (0..20).rev().map(|i| b.document(i).text).rev().collect();
    assert_eq!(fwd, back);
    assert_ne!(fwd, (0..20).map(|i| c.document(i).text).collect::<Vec<_>>());
    assert_ne!(fwd[0], fwd[1]);
}

#[test]
fn every_document_extracts_with_its_generated_header() {
    let (pool, tables) = (pool(), Tables::embedded());
    let g = Generator::new(&pool, &tables, 7);
    let cfg = Config::embedded();
    for i in 0..80 {
        let d = g.document(i);
        let f = SourceFile { id: DocId(format!("syn_{i:07}")), path: PathBuf::from(format!("syn_{i:07}.txt")) };
        let r = process_text(&f, &d.text, 0, Vec::new(), &cfg);
        let m = &r.meta;
        let t = &d.truth;
        assert_eq!(m.number.as_deref(), Some(t.number.as_str()), "doc {i}:\n{}", d.text);
        assert_eq!(m.kind.as_deref(), Some("Kế hoạch"), "doc {i}");
        assert_eq!(m.date.map(|x| x.iso()).as_deref(), Some(t.date.as_str()), "doc {i}:\n{}", d.text);
        assert_eq!(m.province.as_deref(), Some(t.province.as_str()), "doc {i}:\n{}", d.text);
        // The header is upper case: the issuer comes back title-cased ("Đăk R'moan" for "Đăk R'Moan").
        assert_eq!(m.issuer.as_deref().map(str::to_lowercase), Some(t.issuer.to_lowercase()), "doc {i}:\n{}", d.text);
        let cited: Vec<&str> = r.directives.iter().filter_map(|x| x.symbol.as_deref()).collect();
        for s in &t.cites {
            assert!(cited.contains(&s.as_str()), "doc {i}: {s} not among {cited:?}");
        }
        assert!(!t.cites.is_empty() || t.date.as_str() < "2000", "doc {i} cites nothing");
    }
}
