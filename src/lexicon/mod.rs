//! Lexicons: the editable vocabularies in `data/lexicon/`.
//!
//! Each file is a small TSV (`#` starts a comment). The files in the repository
//! are compiled in as defaults with `include_str!`; `--lexicon DIR` replaces any
//! of them with the file of the same name in DIR, so an analyst can add a slogan
//! or an issuer code without rebuilding. Loading validates every line and names
//! the file and line of a mistake.

pub(crate) mod slogan_match;
pub(crate) mod unit_vocab;

use crate::domain::{Date, Level};
use crate::error::Error;
use crate::normalize::{key, normalize_chars};
use std::collections::HashMap;
use std::path::Path;

/// The data files and their embedded defaults (`--lexicon DIR` may replace any of them).
const FILES: [(&str, &str); 10] = [
    ("kinds.tsv", include_str!("../../data/lexicon/kinds.tsv")),
    ("issuers.tsv", include_str!("../../data/lexicon/issuers.tsv")),
    ("unit_abbrev.tsv", include_str!("../../data/lexicon/unit_abbrev.tsv")),
    ("slogans.tsv", include_str!("../../data/lexicon/slogans.tsv")),
    ("laws.tsv", include_str!("../../data/lexicon/laws.tsv")),
    ("directives.tsv", include_str!("../../data/lexicon/directives.tsv")),
    ("unit_heads.tsv", include_str!("../../data/lexicon/unit_heads.tsv")),
    ("chrome.tsv", include_str!("../../data/lexicon/chrome.tsv")),
    ("ocr.tsv", include_str!("../../data/lexicon/ocr.tsv")),
    ("supersessions.tsv", include_str!("../../data/lexicon/supersessions.tsv")),
];

/// A document kind.
#[derive(Debug, Clone)]
pub struct Kind {
    /// Symbol code (`CT`, `NĐ`, `QĐi`).
    pub code: String,
    /// Name (`Chỉ thị`).
    pub name: String,
    /// `state`, `party` or `both`.
    pub system: String,
    /// Other names.
    pub aliases: Vec<String>,
}

/// An issuer code.
#[derive(Debug, Clone)]
pub struct Issuer {
    /// Code (`TTg`).
    pub code: String,
    /// Name (`Thủ tướng Chính phủ`).
    pub name: String,
    /// `state`, `party` or `both`.
    pub system: String,
    /// Level of the body; `None` for `any` (a kind of body found at every level: UBND, HĐND).
    pub level: Option<Level>,
}

/// A known slogan.
#[derive(Debug, Clone)]
pub struct SloganEntry {
    /// Canonical form.
    pub canonical: String,
    /// Kind label.
    pub kind: String,
    /// Accepted variants (including the canonical form).
    pub variants: Vec<String>,
}

/// A document cited by name.
#[derive(Debug, Clone)]
pub struct Law {
    /// Name as cited.
    pub name: String,
    /// Official symbol.
    pub symbol: String,
    /// Adoption date.
    pub date: Date,
    /// Kind word.
    pub kind: String,
    /// Short names it is also cited by.
    pub aliases: Vec<String>,
}

/// What a chrome marker covers (see `data/lexicon/chrome.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChromeKind {
    /// The matching line.
    Line,
    /// From the matching line through the line matching `end` (plus `after` lines).
    Block,
    /// From the matching line to the end of the text.
    Tail,
    /// The label of a metadata panel's own-number field.
    Number,
}

/// One row of `chrome.tsv`.
#[derive(Debug, Clone)]
pub struct ChromeRule {
    /// What it covers.
    pub kind: ChromeKind,
    /// The line that starts it.
    pub start: regex::Regex,
    /// The line that ends a block.
    pub end: Option<regex::Regex>,
    /// Non-blank lines kept after a block's end line (a field's value).
    pub after: usize,
}

/// A well-known document (symbol → date), to date undated citations in ids.
#[derive(Debug, Clone)]
pub struct KnownDoc {
    /// Canonical symbol.
    pub symbol: String,
    /// Issue date.
    pub date: Date,
    /// Kind word.
    pub kind: String,
    /// Issuer name.
    pub issuer: String,
}

/// One document replaced by another (`supersessions.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supersession {
    /// The new document's symbol.
    pub new: String,
    /// The replaced document's symbol.
    pub old: String,
    /// From when.
    pub date: Date,
    /// Where the fact comes from.
    pub source: String,
}

/// All vocabularies.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// Document kinds.
    pub kinds: Vec<Kind>,
    /// Issuer codes.
    pub issuers: Vec<Issuer>,
    /// Unit-name abbreviations → expansions.
    pub unit_abbrev: Vec<(String, String)>,
    /// Known slogans.
    pub slogans: Vec<SloganEntry>,
    /// Documents cited by name.
    pub laws: Vec<Law>,
    /// Well-known documents by symbol.
    pub known: HashMap<String, KnownDoc>,
    /// The slogan lexicon compiled for matching.
    pub slogan_matcher: std::sync::Arc<slogan_match::Matcher>,
    /// Words that start and continue unit names, compiled (unit_heads.tsv).
    pub unit_vocab: std::sync::Arc<unit_vocab::Vocab>,
    /// Site-chrome markers of web copies (`chrome.tsv`), in file order.
    pub chrome: Vec<ChromeRule>,
    /// OCR confusions repaired in symbol codes (`ocr.tsv`): (seen, meant, only when the issuer is named).
    pub ocr: Vec<(String, String, bool)>,
    /// Replaced documents (`supersessions.tsv`), in file order.
    pub supersessions: Vec<Supersession>,
    /// FNV-1a of every lexicon file's text: indexed documents extracted with other
    /// vocabularies are re-extracted (see `pipeline::content_key`).
    pub fingerprint: u64,
    kind_by_code: HashMap<String, usize>,
    kind_by_name: HashMap<String, usize>,
    issuer_by_code: HashMap<String, usize>,
}

fn rows<'a>(
    file: &'a str,
    text: &'a str,
    min: usize,
) -> impl Iterator<Item = Result<(usize, Vec<String>), Error>> + 'a {
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#')).map(move |(i, l)| {
        let cols: Vec<String> = l.split('\t').map(|c| normalize_chars(c.trim())).collect();
        if cols.len() < min || cols[..min].iter().any(|c| c.is_empty()) {
            return Err(Error::Lexicon {
                file: file.to_string(),
                line: i + 1,
                reason: format!("expected at least {min} tab-separated non-empty columns, found {}", cols.len()),
            });
        }
        Ok((i + 1, cols))
    })
}

impl Lexicon {
    /// The embedded defaults.
    pub fn embedded() -> Self {
        Self::from_sources(FILES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect())
            .expect("embedded lexicon is valid (tested)")
    }

    /// Defaults, with any file present in `dir` replacing its default.
    pub(crate) fn load(dir: &Path) -> Result<Self, Error> {
        if !dir.is_dir() {
            return Err(Error::Io {
                path: dir.into(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "lexicon directory not found"),
            });
        }
        let mut sources = Vec::new();
        for (name, default) in FILES {
            let p = dir.join(name);
            let text = if p.exists() {
                std::fs::read_to_string(&p).map_err(|e| Error::Io { path: p.clone(), source: e })?
            } else {
                default.to_string()
            };
            sources.push((p.display().to_string(), text));
        }
        Self::from_sources(sources)
    }

    fn from_sources(src: Vec<(String, String)>) -> Result<Self, Error> {
        let mut lx = Lexicon::default();
        let mut fp = crate::domain::Fnv::default();
        for (_, text) in &src {
            fp.write(text.as_bytes());
            fp.write(&[0xFF]); // file separator
        }
        lx.fingerprint = fp.finish();
        let (t0, t1, t2, t3, t4, t5) = (&src[0].1, &src[1].1, &src[2].1, &src[3].1, &src[4].1, &src[5].1);
        lx.unit_vocab = std::sync::Arc::new(unit_vocab::Vocab::parse(&src[6].1));
        for r in rows(&src[0].0, t0, 3) {
            let (_, c) = r?;
            let aliases = c
                .get(3)
                .map(|a| a.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default();
            lx.kinds.push(Kind { code: c[0].clone(), name: c[1].clone(), system: c[2].clone(), aliases });
        }
        for r in rows(&src[1].0, t1, 4) {
            let (line, c) = r?;
            let level = match (c[3].as_str(), Level::parse(&c[3])) {
                ("any", _) => None,
                (_, Some(l)) => Some(l),
                (w, None) => {
                    let words: Vec<&str> = Level::ALL.iter().rev().map(|l| l.as_str()).collect();
                    let reason = format!("unknown level {w:?} ({} or any)", words.join(", "));
                    return Err(Error::Lexicon { file: src[1].0.clone(), line, reason });
                }
            };
            lx.issuers.push(Issuer { code: c[0].clone(), name: c[1].clone(), system: c[2].clone(), level });
        }
        for r in rows(&src[2].0, t2, 2) {
            let (_, c) = r?;
            lx.unit_abbrev.push((c[0].clone(), c[1].clone()));
        }
        for r in rows(&src[3].0, t3, 2) {
            let (_, c) = r?;
            let mut variants = vec![c[0].to_string()];
            if let Some(v) = c.get(2) {
                variants.extend(v.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
            }
            lx.slogans.push(SloganEntry { canonical: c[0].clone(), kind: c[1].clone(), variants });
        }
        for r in rows(&src[4].0, t4, 4) {
            let (line, c) = r?;
            let Some(date) = Date::parse_iso(&c[2]) else {
                return Err(Error::Lexicon { file: src[4].0.clone(), line, reason: format!("bad date {:?}", c[2]) });
            };
            let aliases = c
                .get(4)
                .map(|a| a.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default();
            lx.laws.push(Law { name: c[0].clone(), symbol: c[1].clone(), date, kind: c[3].clone(), aliases });
        }
        for r in rows(&src[5].0, t5, 4) {
            let (line, c) = r?;
            let Some(date) = Date::parse_iso(&c[1]) else {
                return Err(Error::Lexicon { file: src[5].0.clone(), line, reason: format!("bad date {:?}", c[1]) });
            };
            let k = KnownDoc { symbol: c[0].clone(), date, kind: c[2].clone(), issuer: c[3].clone() };
            lx.known.insert(k.symbol.clone(), k);
        }
        for r in rows(&src[7].0, &src[7].1, 2) {
            let (line, c) = r?;
            let bad = |reason: String| Error::Lexicon { file: src[7].0.clone(), line, reason };
            let kind = match c[0].as_str() {
                "line" => ChromeKind::Line,
                "block" => ChromeKind::Block,
                "tail" => ChromeKind::Tail,
                "number" => ChromeKind::Number,
                k => return Err(bad(format!("unknown kind {k:?} (line, block, tail or number)"))),
            };
            let re = |p: &str| regex::Regex::new(p).map_err(|e| bad(format!("bad pattern {p:?}: {e}")));
            let start = re(&c[1])?;
            let end = match (kind, c.get(2).filter(|e| !e.is_empty())) {
                (ChromeKind::Block, Some(e)) => Some(re(e)?),
                (ChromeKind::Block, None) => return Err(bad("a block needs an end pattern".into())),
                _ => None,
            };
            let after = match c.get(3).filter(|a| !a.is_empty()) {
                Some(a) => a.parse().map_err(|_| bad(format!("bad line count {a:?}")))?,
                None => 0,
            };
            lx.chrome.push(ChromeRule { kind, start, end, after });
        }
        for r in rows(&src[8].0, &src[8].1, 3) {
            let (line, c) = r?;
            let named = match c[2].as_str() {
                "always" => false,
                "named" => true,
                w => {
                    return Err(Error::Lexicon {
                        file: src[8].0.clone(),
                        line,
                        reason: format!("unknown condition {w:?} (always or named)"),
                    })
                }
            };
            lx.ocr.push((c[0].clone(), c[1].clone(), named));
        }
        for r in rows(&src[9].0, &src[9].1, 3) {
            let (line, c) = r?;
            let bad = |reason: String| Error::Lexicon { file: src[9].0.clone(), line, reason };
            let Some(date) = Date::parse_iso(&c[2]) else {
                return Err(bad(format!("bad date {:?}", c[2])));
            };
            if c[0] == c[1] {
                return Err(bad(format!("{} replaces itself", c[0])));
            }
            let s = Supersession {
                new: c[0].clone(),
                old: c[1].clone(),
                date,
                source: c.get(3).cloned().unwrap_or_default(),
            };
            lx.supersessions.push(s);
            if let Some(cycle) = supersession_cycle(&lx.supersessions) {
                return Err(bad(format!("the replacements loop: {}", cycle.join(" → "))));
            }
        }
        lx.slogan_matcher = std::sync::Arc::new(slogan_match::Matcher::new(&lx.slogans));
        for (i, k) in lx.kinds.iter().enumerate() {
            lx.kind_by_code.entry(k.code.to_uppercase()).or_insert(i);
            lx.kind_by_name.entry(key(&k.name)).or_insert(i);
            for a in &k.aliases {
                lx.kind_by_name.entry(key(a)).or_insert(i);
            }
        }
        for (i, s) in lx.issuers.iter().enumerate() {
            lx.issuer_by_code.entry(s.code.to_uppercase()).or_insert(i);
        }
        Ok(lx)
    }

    /// Kind by symbol code, case-insensitively (`CT`, `qđ`).
    pub(crate) fn kind_by_code(&self, code: &str) -> Option<&Kind> {
        self.kind_by_code.get(&code.to_uppercase()).map(|&i| &self.kinds[i])
    }

    /// Kind by name (`Chỉ thị`, `chỉ thị`).
    pub(crate) fn kind_by_name(&self, name: &str) -> Option<&Kind> {
        self.kind_by_name.get(&key(name)).map(|&i| &self.kinds[i])
    }

    /// What replaced the document `symbol`, if anything did (the first row naming it).
    pub fn successor(&self, symbol: &str) -> Option<&Supersession> {
        self.supersessions.iter().find(|s| s.old == symbol)
    }

    /// Issuer by code, case-insensitively.
    pub(crate) fn issuer(&self, code: &str) -> Option<&Issuer> {
        self.issuer_by_code.get(&code.to_uppercase()).map(|&i| &self.issuers[i])
    }
}

/// A loop in the replacements (A replaced by B … replaced by A), as the symbols along it.
pub(crate) fn supersession_cycle(rows: &[Supersession]) -> Option<Vec<String>> {
    let next: HashMap<&str, Vec<&str>> = rows.iter().fold(HashMap::new(), |mut m, s| {
        m.entry(s.old.as_str()).or_default().push(s.new.as_str());
        m
    });
    // depth-first search from every node, with the path on the stack
    fn walk<'a>(n: &'a str, next: &HashMap<&'a str, Vec<&'a str>>, path: &mut Vec<&'a str>) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| *p == n) {
            let mut c: Vec<String> = path[i..].iter().map(|s| s.to_string()).collect();
            c.push(n.to_string());
            return Some(c);
        }
        path.push(n);
        for m in next.get(n).into_iter().flatten() {
            if let Some(c) = walk(m, next, path) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut starts: Vec<&str> = next.keys().copied().collect();
    starts.sort();
    starts.into_iter().find_map(|s| walk(s, &next, &mut Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_loads() {
        let lx = Lexicon::embedded();
        assert_eq!(lx.kind_by_code("CT").unwrap().name, "Chỉ thị");
        assert_eq!(lx.kind_by_code("qđ").unwrap().name, "Quyết định");
        assert_eq!(lx.kind_by_name("chỉ thị").unwrap().code, "CT");
        assert_eq!(lx.issuer("TTg").unwrap().name, "Thủ tướng Chính phủ");
        assert_eq!(lx.issuer("TTg").unwrap().level, Some(Level::TrungUong));
        assert_eq!(lx.issuer("UBND").unwrap().level, None, "any");
        assert!(!lx.slogans.is_empty());
    }

    #[test]
    fn override_dir_replaces_a_file_and_reports_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("issuers.tsv"), "XYZ\tBan Xyz\tparty\ttỉnh\n").unwrap();
        let lx = Lexicon::load(dir.path()).unwrap();
        assert!(lx.issuer("XYZ").is_some());
        assert!(lx.issuer("TTg").is_none());
        std::fs::write(dir.path().join("issuers.tsv"), "XYZ\tBan Xyz\tparty\ttỉnh\nABC\tBan Abc\tstate\tvùng\n")
            .unwrap();
        let err = Lexicon::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("issuers.tsv") && err.contains("line 2") && err.contains("vùng"), "{err}");
        std::fs::write(dir.path().join("issuers.tsv"), "XYZ\tBan Xyz\tparty\ttỉnh\n").unwrap();
        std::fs::write(dir.path().join("kinds.tsv"), "CT\n").unwrap();
        let err = Lexicon::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("kinds.tsv") && err.contains("line 1"), "{err}");
    }

    #[test]
    fn supersessions_load_without_loops_and_a_loop_is_refused() {
        let lx = Lexicon::embedded();
        assert_eq!(lx.successor("16/CT-TTg").map(|s| s.new.as_str()), Some("33/CT-TTg"));
        assert!(lx.successor("33/CT-TTg").is_none());
        assert_eq!(supersession_cycle(&lx.supersessions), None, "the shipped file has no loop");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("supersessions.tsv"),
            "B\tA\t2020-01-01\tx\nC\tB\t2021-01-01\tx\nA\tC\t2022-01-01\tx\n",
        )
        .unwrap();
        let err = Lexicon::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("supersessions.tsv") && err.contains("line 3") && err.contains("loop"), "{err}");
        std::fs::write(dir.path().join("supersessions.tsv"), "B\tA\t2020-13-01\tx\n").unwrap();
        assert!(Lexicon::load(dir.path()).unwrap_err().to_string().contains("bad date"));
    }
}
