//! Query side: the search query parser over a small in-memory index of the
//! seed plans, and the directive-name parser (`33/CT-TTg`, `ct 33`, …).
//! Arbitrary input gives results or a clean error, never a panic.
#![no_main]
use kehoach::graph::directive_name::DirectiveName;
use kehoach::index::search::{search, Filters};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static LEX: LazyLock<kehoach::lexicon::Lexicon> = LazyLock::new(kehoach::lexicon::Lexicon::embedded);
static INDEX: LazyLock<(tantivy::Index, kehoach::index::schema::Fields)> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("kehoach-fuzz-index-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../data/corpus");
    let mut cfg = kehoach::pipeline::Config::embedded();
    cfg.progress = false;
    kehoach::index::update(&[seeds], &dir, &cfg).expect("index the seeds");
    kehoach::index::open(&dir).expect("open the index")
});

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else { return };
    let (index, fields) = &*INDEX;
    let _ = search(index, fields, q, &Filters::default(), 5);
    let _ = DirectiveName::parse(q, &LEX);
});
