//! Properties over arbitrary input (proptest): no panics, offsets on
//! character boundaries of the raw text, deterministic output.
use kehoach::extract::{extract_all, Doc};
use kehoach::gazetteer::Gazetteer;
use kehoach::lexicon::Lexicon;
use kehoach::normalize::normalize;
use kehoach::record::DocId;
use proptest::prelude::*;
use std::sync::LazyLock;

static LEX: LazyLock<Lexicon> = LazyLock::new(Lexicon::embedded);
static GAZ: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::embedded);

/// Vietnamese-flavoured noise: pieces of plans, symbols, quotes, breaks.
fn plan_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Chỉ thị số ",
        "33/CT-",
        "TTg",
        " ngày ",
        "26/11/2021",
        " \n\n",
        "Kết luận số 114-",
        "KL/TW",
        "“Dân vận khéo’”",
        "Số: /KH-UBND",
        "III. TỔ CHỨC THỰC HIỆN\n",
        "1. Văn phòng UBND xã\n",
        "trước ngày 20/6",
        "Quý III, IV/2025",
        "t h ố n g  k ê",
        "**",
        "Đảng uỷ",
        "hoà",
        "\r\n",
        "\u{00D0}",
        "–",
        "\u{00A0}",
        "e\u{0302}\u{0301}",
        "217, 218-QĐ/TW",
        "Nơi nhận:\n- UBND huyện;\n",
        "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn A\n",
        "2\n",
        "|---|\n",
        "| 1 | a | b |\n",
    ]);
    prop::collection::vec(prop_oneof![pieces.prop_map(String::from), any::<String>()], 0..40).prop_map(|v| v.concat())
}

fn run(raw: &str) -> kehoach::DocRecord {
    let n = normalize(raw);
    let doc = Doc::new(&n, &LEX, &GAZ, 0);
    extract_all(DocId("p".into()), "p".into(), &doc, Vec::new())
}

proptest! {
    // 300 cases in CI; PROPTEST_CASES=N for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    #[test]
    fn offsets_map_to_char_boundaries(raw in plan_like()) {
        let n = normalize(&raw);
        for (i, _) in n.text.char_indices().chain(std::iter::once((n.text.len(), ' '))) {
            let (s, e) = n.raw_span(i, i);
            prop_assert!(raw.is_char_boundary(s) && raw.is_char_boundary(e) && s <= raw.len() && e <= raw.len());
        }
        prop_assert_eq!(n.lower.len(), n.text.len());
    }

    #[test]
    fn extraction_never_panics_and_mentions_point_into_raw(raw in plan_like()) {
        let r = run(&raw);
        for d in &r.directives {
            for m in &d.mentions {
                prop_assert!(m.start <= m.end && m.end <= raw.len());
                prop_assert!(raw.is_char_boundary(m.start) && raw.is_char_boundary(m.end));
            }
        }
        for d in &r.deadlines {
            prop_assert!(d.start <= d.end && d.end <= raw.len());
        }
        let others = r.slogans.iter().flat_map(|s| &s.mentions).chain(r.units.iter().flat_map(|u| &u.mentions));
        for m in others {
            prop_assert!(m.start <= m.end && m.end <= raw.len());
            prop_assert!(raw.is_char_boundary(m.start) && raw.is_char_boundary(m.end));
        }
    }

    #[test]
    fn extraction_is_deterministic(raw in plan_like()) {
        let a = serde_json::to_string(&run(&raw)).unwrap();
        let b = serde_json::to_string(&run(&raw)).unwrap();
        prop_assert_eq!(a, b);
    }
}

fn config(threads: usize) -> kehoach::pipeline::Config {
    let mut c = kehoach::pipeline::Config::embedded();
    c.threads = Some(threads);
    c.progress = false;
    c
}

/// The records of every file under `paths` (sorted by id) and the failures: what `kehoach
/// extract` writes, through the same parallel seam (`pipeline::map_files`).
struct Outcome {
    records: Vec<kehoach::DocRecord>,
    failures: Vec<kehoach::corpus::Failure>,
}

fn extract_corpus(paths: &[std::path::PathBuf], cfg: &kehoach::pipeline::Config) -> Outcome {
    let (files, mut failures) = kehoach::corpus::discover(paths);
    let mut records = Vec::new();
    for r in kehoach::pipeline::map_files(&files, cfg, kehoach::pipeline::process_one) {
        match r {
            Ok(rec) => records.push(rec),
            Err(f) => failures.push(f),
        }
    }
    Outcome { records, failures }
}

fn jsonl(out: &Outcome) -> String {
    out.records.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200),
        ..ProptestConfig::default()
    })]

    #[test]
    fn normalize_is_idempotent(raw in plan_like()) {
        let once = kehoach::normalize::normalize_text(&raw);
        let twice = kehoach::normalize::normalize_text(&once);
        prop_assert_eq!(&once, &twice);
        // The extractors' text is the printed one without the paragraph markers.
        prop_assert_eq!(normalize(&raw).text, once.replace(kehoach::normalize::PARAGRAPH_MARKER, "\n"));
    }

    #[test]
    fn offsets_on_char_boundaries_for_any_utf8(raw in any::<String>()) {
        let n = normalize(&raw);
        prop_assert_eq!(n.lower.len(), n.text.len());
        for (i, _) in n.text.char_indices().chain(std::iter::once((n.text.len(), ' '))) {
            let (s, e) = n.raw_span(i, i);
            prop_assert!(s <= e && e <= raw.len());
            prop_assert!(raw.is_char_boundary(s) && raw.is_char_boundary(e));
        }
        run(&raw);
    }
}

proptest! {
    // Each case writes a small corpus to disk and runs the pipeline three times.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_document_does_not_depend_on_the_rest_of_the_corpus_nor_on_threads(
        docs in prop::collection::vec(plan_like(), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<_> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let p = dir.path().join(format!("doc{i}.txt"));
                std::fs::write(&p, d).unwrap();
                p
            })
            .collect();
        let all1 = extract_corpus(&[dir.path().to_path_buf()], &config(1));
        let all2 = extract_corpus(&[dir.path().to_path_buf()], &config(2));
        prop_assert_eq!(jsonl(&all1), jsonl(&all2), "--threads 1 and 2 differ");
        for p in &paths {
            let alone = extract_corpus(std::slice::from_ref(p), &config(1));
            let id = p.file_stem().unwrap().to_str().unwrap();
            let a = alone.records.iter().find(|r| r.id.0 == id).map(|r| serde_json::to_string(r).unwrap());
            let b = all1.records.iter().find(|r| r.id.0 == id).map(|r| serde_json::to_string(r).unwrap());
            prop_assert_eq!(a, b, "{} alone vs in the corpus", id);
        }
        prop_assert_eq!(all1.records.len() + all1.failures.len(), docs.len(), "every file is a record or a failure");
    }
}
