// Shared by the extractor targets (included with `include!`): one lexicon and
// gazetteer per process, and the mention invariant every extractor keeps.
use kehoach::gazetteer::Gazetteer;
use kehoach::lexicon::Lexicon;
use std::sync::LazyLock;

static LEX: LazyLock<Lexicon> = LazyLock::new(Lexicon::embedded);
static GAZ: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::embedded);

fn with_doc(data: &[u8], f: impl FnOnce(&str, &kehoach::extract::Doc)) {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    let n = kehoach::normalize::normalize(raw);
    let doc = kehoach::extract::Doc::new(&n, &LEX, &GAZ, 0);
    f(raw, &doc);
}

fn check_span(raw: &str, start: usize, end: usize) {
    assert!(start <= end && end <= raw.len(), "mention {start}..{end} outside raw of {} bytes", raw.len());
    assert!(raw.is_char_boundary(start) && raw.is_char_boundary(end), "mention {start}..{end} splits a character");
}
