//! `export ndjson --for quickwit|opensearch`: the index as NDJSON in a
//! distributed engine's bulk format, for corpora that outgrow one machine.
//!
//! Two files, streamed from the index one document at a time in id order:
//! `documents.ndjson` (one object per document: metadata, the normalized text,
//! the cited ids, and the whole record unindexed) and `edges.ndjson` (one
//! object per document × cited directive, with the citing document's province,
//! level and dates copied in, so that "who cites X, per province" is a filtered
//! terms aggregation and needs no join).
//!
//! * OpenSearch `_bulk`: an action line `{"index":{"_index":…,"_id":…}}` before
//!   each source line; the analyzers live in the index template
//!   (`config/opensearch/`), so the text is sent once (`body`, folded as the
//!   sub-field `body.fold`).
//! * Quickwit: plain NDJSON for `quickwit index ingest` / `tool local-ingest`;
//!   Quickwit has no multi-fields, so the text is sent twice (`body` and
//!   `body_fold`), as its doc mapping (`config/quickwit/`) expects.
//!
//! Field names are those of the committed configs; `tests/ndjson.rs` checks
//! every line against them. Absent values are left out, never `null`.
//!
//! **Chunks sized for the engines.** Each file is cut into chunks of at most
//! [`CHUNK_BYTES`] (under the 10 MB bulk request limit of Quickwit and of managed
//! OpenSearch; `--chunk-bytes` changes it): `documents.ndjson`, then
//! `documents.2.ndjson`, `documents.3.ndjson` … (a corpus that fits in one chunk keeps the
//! one file it always had). A chunk ends with a newline and never splits an object or an
//! OpenSearch action/source pair; one object larger than a chunk gets a chunk of its own
//! (counted in `oversized`). An `_id` longer than OpenSearch's 512 bytes is cut at a
//! character boundary and ends with `~` and a hash of the whole id, so ids stay unique.

use crate::domain::{Date, Level};
use crate::error::{Error, Result};
use crate::index::schema::Fields;
use crate::record::DocRecord;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tantivy::schema::Value;
use tantivy::{Index, TantivyDocument};

/// Index (Quickwit index id / OpenSearch index name) of the documents.
pub(crate) const DOCS_INDEX: &str = "kehoach-docs";
/// Index of the citation edges.
pub(crate) const EDGES_INDEX: &str = "kehoach-edges";

/// Target engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// Quickwit: plain NDJSON documents.
    Quickwit,
    /// OpenSearch (and Elasticsearch): `_bulk` action + source line pairs.
    Opensearch,
}

impl Engine {
    /// Lower-case name (`quickwit`, `opensearch`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Engine::Quickwit => "quickwit",
            Engine::Opensearch => "opensearch",
        }
    }
}

/// The default largest chunk: 10,000,000 bytes, under a 10 MB (10 MiB) bulk request limit.
pub(crate) const CHUNK_BYTES: u64 = 10_000_000;

/// OpenSearch's largest `_id`, in bytes.
pub(crate) const MAX_ID_BYTES: usize = 512;

/// What was written.
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Target engine.
    pub engine: Engine,
    /// Document objects written.
    pub documents: usize,
    /// Edge objects written.
    pub edges: usize,
    /// The files.
    pub files: Vec<PathBuf>,
    /// Objects (or action/source pairs) larger than a chunk, each written alone.
    pub oversized: usize,
}

/// One document as sent to the engine.
#[derive(Debug, Serialize)]
pub(crate) struct DocLine<'a> {
    /// Layout version.
    pub schema_version: u32,
    /// Document id.
    pub id: &'a str,
    /// Source path.
    pub source: &'a str,
    /// Own number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
    /// Kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'a str>,
    /// Title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// Title again, for the folded field (Quickwit only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_fold: Option<&'a str>,
    /// Normalized text.
    pub body: &'a str,
    /// Normalized text again, for the folded field (Quickwit only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_fold: Option<&'a str>,
    /// Issue date, ISO.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Plan year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Issuer level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Province as of the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<&'a str>,
    /// Post-2025 province.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province_2025: Option<&'a str>,
    /// Issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<&'a str>,
    /// Signer name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signer: Option<&'a str>,
    /// Cited directive ids.
    pub cites: Vec<&'a str>,
    /// Cited symbols.
    pub cites_symbol: Vec<&'a str>,
    /// Responsible units (canonical).
    pub units: Vec<&'a str>,
    /// Slogans (canonical).
    pub slogans: Vec<&'a str>,
    /// Responsible units (for the units-per-plan average).
    pub units_count: usize,
    /// Deadlines (for the deadlines-per-plan average).
    pub deadlines_count: usize,
    /// The whole record (stored, not indexed).
    pub record: &'a DocRecord,
}

/// One citation edge: a document citing a directive.
#[derive(Debug, Serialize)]
pub(crate) struct EdgeLine<'a> {
    /// Layout version.
    pub schema_version: u32,
    /// Citing document.
    pub doc_id: &'a str,
    /// Cited directive id.
    pub directive_id: &'a str,
    /// Cited symbol.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<&'a str>,
    /// Cited kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'a str>,
    /// Cited number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
    /// Cited name (documents cited by name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// Cited issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<&'a str>,
    /// Numbering system (nn, dang, lien).
    pub system: &'a str,
    /// Cited date, ISO.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub directive_date: Option<Date>,
    /// Cited year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub directive_year: Option<i32>,
    /// Mentions of the directive in the document.
    pub mentions: usize,
    /// Section headings the mentions stand under (distinct, in order).
    pub sections: Vec<&'a str>,
    /// Units whose tasks the mentions stand in (distinct, in order).
    pub units: Vec<&'a str>,
    /// Citing document's date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_date: Option<Date>,
    /// Citing document's year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_year: Option<i32>,
    /// Citing document's kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_kind: Option<&'a str>,
    /// Days from the directive's date to the document's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lag_days: Option<i64>,
    /// Citing document's level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// Citing document's province.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<&'a str>,
    /// Citing document's post-2025 province.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province_2025: Option<&'a str>,
    /// The strongest relation of the citation (`docs/relations.md`).
    pub relation: &'static str,
    /// Every relation of its mentions, strongest first.
    pub relations: Vec<&'static str>,
}

fn distinct<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = Vec::new();
    for s in it {
        if !v.contains(&s) {
            v.push(s);
        }
    }
    v
}

/// The document object of a record and its text.
pub(crate) fn doc_line<'a>(r: &'a DocRecord, body: &'a str, engine: Engine) -> DocLine<'a> {
    let m = &r.meta;
    let twice = engine == Engine::Quickwit;
    DocLine {
        schema_version: crate::SCHEMA_VERSION,
        id: r.id.as_str(),
        source: &r.source,
        number: m.number.as_deref(),
        kind: m.kind.as_deref(),
        title: m.title.as_deref(),
        title_fold: m.title.as_deref().filter(|_| twice),
        body,
        body_fold: twice.then_some(body),
        date: m.date,
        year: m.year,
        level: m.level,
        province: m.province.as_deref(),
        province_2025: m.province_2025.as_deref(),
        issuer: m.issuer.as_deref(),
        signer: m.signer.as_ref().and_then(|s| s.name.as_deref()),
        cites: r.directives.iter().map(|d| d.id.as_str()).collect(),
        cites_symbol: r.directives.iter().filter_map(|d| d.symbol.as_deref()).collect(),
        units: r.units.iter().map(|u| u.canonical.as_str()).collect(),
        slogans: r.slogans.iter().map(|s| s.canonical.as_str()).collect(),
        units_count: r.units.len(),
        deadlines_count: r.deadlines.len(),
        record: r,
    }
}

/// The edge objects of a record, one per cited directive.
pub(crate) fn edge_lines(r: &DocRecord) -> Vec<EdgeLine<'_>> {
    let m = &r.meta;
    r.directives
        .iter()
        .map(|d| EdgeLine {
            schema_version: crate::SCHEMA_VERSION,
            doc_id: r.id.as_str(),
            directive_id: d.id.as_str(),
            symbol: d.symbol.as_deref(),
            kind: d.kind.as_deref(),
            number: d.number.as_deref(),
            name: d.name.as_deref(),
            issuer: d.issuer.as_deref(),
            system: match d.system {
                crate::record::System::State => "nn",
                crate::record::System::Party => "dang",
                crate::record::System::Joint => "lien",
            },
            directive_date: d.date,
            directive_year: d.year,
            mentions: d.mentions.len(),
            sections: distinct(d.mentions.iter().filter_map(|x| x.section.as_deref())),
            units: distinct(d.mentions.iter().filter_map(|x| x.unit.as_deref())),
            doc_date: m.date,
            doc_year: m.year,
            doc_kind: m.kind.as_deref(),
            lag_days: crate::domain::lag::lag_between(m.date, d.date),
            level: m.level,
            province: m.province.as_deref(),
            province_2025: m.province_2025.as_deref(),
            relation: d.relation().as_str(),
            relations: d.relations.iter().map(|r| r.as_str()).collect(),
        })
        .collect()
}

/// The OpenSearch `_bulk` action line of an object.
pub(crate) fn action_line(index: &str, id: &str) -> String {
    let q = |s: &str| serde_json::Value::from(s).to_string();
    format!("{{\"index\":{{\"_index\":{},\"_id\":{}}}}}", q(index), q(id))
}

/// OpenSearch `_id` of an edge (a document cites a directive once).
pub fn edge_id(doc: &str, directive: &str) -> String {
    bounded_id(format!("{doc}|{directive}"))
}

/// An id that fits OpenSearch's 512 bytes: kept when it fits, else cut at a character
/// boundary and ended with `~` and the FNV-1a hash of the whole id.
pub(crate) fn bounded_id(id: String) -> String {
    if id.len() <= MAX_ID_BYTES {
        return id;
    }
    let hash = crate::domain::fnv1a(id.as_bytes());
    let keep = crate::normalize::floor_boundary(&id, MAX_ID_BYTES - hash.len() - 1);
    format!("{}~{hash}", &id[..keep])
}

/// A file written as chunks of at most `limit` bytes (see the module doc).
struct Chunked {
    dir: PathBuf,
    stem: &'static str,
    limit: u64,
    w: BufWriter<File>,
    size: u64,
    files: Vec<PathBuf>,
    oversized: usize,
}

impl Chunked {
    fn new(dir: &Path, stem: &'static str, limit: u64) -> Result<Self> {
        let p = dir.join(format!("{stem}.ndjson"));
        Ok(Chunked { dir: dir.to_path_buf(), stem, limit, w: create(&p)?, size: 0, files: vec![p], oversized: 0 })
    }

    /// Write one unit (an object, or an action/source pair), each line ending in a newline.
    fn unit(&mut self, bytes: &[u8]) -> Result<()> {
        let len = bytes.len() as u64;
        if self.size > 0 && self.size + len > self.limit {
            self.flush()?;
            let p = self.dir.join(format!("{}.{}.ndjson", self.stem, self.files.len() + 1));
            self.w = create(&p)?;
            self.files.push(p);
            self.size = 0;
        }
        if len > self.limit {
            self.oversized += 1;
        }
        let p = self.files.last().expect("a chunk is open");
        self.w.write_all(bytes).map_err(|e| Error::write(p, e))?;
        self.size += len;
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        let p = self.files.last().expect("a chunk is open");
        self.w.flush().map_err(|e| Error::write(p, e))
    }
}

fn create(p: &Path) -> Result<BufWriter<File>> {
    let f = File::create(p).map_err(|e| Error::Create { path: p.to_path_buf(), source: e })?;
    Ok(BufWriter::with_capacity(1 << 20, f))
}

fn unit<T: Serialize>(buf: &mut Vec<u8>, action: Option<String>, v: &T) -> Result<()> {
    buf.clear();
    if let Some(a) = action {
        buf.extend_from_slice(a.as_bytes());
        buf.push(b'\n');
    }
    serde_json::to_writer(&mut *buf, v).map_err(Error::Json)?;
    buf.push(b'\n');
    Ok(())
}

/// Export the index as `dir/documents.ndjson` and `dir/edges.ndjson` for `engine`, in
/// chunks of at most `limit` bytes (`export ndjson --chunk-bytes`, [`CHUNK_BYTES`] by default).
pub(crate) fn export_chunked(index: &Index, f: &Fields, dir: &Path, engine: Engine, limit: u64) -> Result<Counts> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Create { path: dir.to_path_buf(), source: e })?;
    // chunks of an earlier, larger export would otherwise stay beside the new ones
    for stem in ["documents", "edges"] {
        for k in 2.. {
            let p = dir.join(format!("{stem}.{k}.ndjson"));
            if std::fs::remove_file(&p).is_err() {
                break;
            }
        }
    }
    let (mut dw, mut ew) = (Chunked::new(dir, "documents", limit)?, Chunked::new(dir, "edges", limit)?);
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let bulk = engine == Engine::Opensearch;
    let mut n =
        Counts { schema_version: crate::SCHEMA_VERSION, engine, documents: 0, edges: 0, files: vec![], oversized: 0 };
    let mut buf = Vec::new();
    for (_, addr) in crate::index::sorted_by_id(&searcher)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        let js = d.get_first(f.record).and_then(|v| v.as_str()).unwrap_or("{}");
        let r: DocRecord = serde_json::from_str(js).map_err(Error::StoredRecord)?;
        let body = d.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("");
        unit(
            &mut buf,
            bulk.then(|| action_line(DOCS_INDEX, &bounded_id(r.id.to_string()))),
            &doc_line(&r, body, engine),
        )?;
        dw.unit(&buf)?;
        n.documents += 1;
        for e in edge_lines(&r) {
            unit(&mut buf, bulk.then(|| action_line(EDGES_INDEX, &edge_id(e.doc_id, e.directive_id))), &e)?;
            ew.unit(&buf)?;
            n.edges += 1;
        }
    }
    dw.flush()?;
    ew.flush()?;
    n.oversized = dw.oversized + ew.oversized;
    n.files = dw.files;
    n.files.extend(ew.files);
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Directive, DirectiveId, DocId, Mention, Meta, System};

    fn rec() -> DocRecord {
        let mention = |s: Option<&str>| Mention {
            start: 0,
            end: 1,
            text: "x".into(),
            section: s.map(Into::into),
            unit: None,
            raw: None,
            relation: None,
        };
        DocRecord {
            schema_version: 1,
            id: DocId("a".into()),
            source: "a.txt".into(),
            meta: Meta {
                date: crate::domain::Date::parse_iso("2024-02-27"),
                title: Some("Kế hoạch".into()),
                ..Meta::default()
            },
            directives: vec![Directive {
                kind: Some("Chỉ thị".into()),
                symbol: Some("33/CT-TTg".into()),
                number: Some("33".into()),
                year: Some(2021),
                issuer: None,
                date: crate::domain::Date::parse_iso("2021-11-26"),
                system: System::State,
                id: DirectiveId("nn:ttg:CT:2021:33".into()),
                mentions: vec![mention(Some("I. A")), mention(Some("I. A")), mention(None)],
                name: None,
                issuer_code: Some("TTg".into()),
                relations: vec![],
                superseded_by: None,
            }],
            units: vec![],
            slogans: vec![],
            deadlines: vec![],
            warnings: vec![],
            tasks: vec![],
            format: "txt".into(),
            text_source: "file".into(),
            is_document: true,
            unparsed: vec![],
        }
    }

    #[test]
    fn quickwit_sends_the_text_twice_opensearch_once() {
        let r = rec();
        let q = serde_json::to_value(doc_line(&r, "dân vận", Engine::Quickwit)).unwrap();
        assert_eq!(q["body_fold"], "dân vận");
        assert_eq!(q["title_fold"], "Kế hoạch");
        let o = serde_json::to_value(doc_line(&r, "dân vận", Engine::Opensearch)).unwrap();
        assert!(o.get("body_fold").is_none() && o.get("title_fold").is_none());
        assert!(o.get("province").is_none(), "absent values are left out");
        assert_eq!(o["cites"], serde_json::json!(["nn:ttg:CT:2021:33"]));
    }

    #[test]
    fn edges_carry_the_lag_and_distinct_sections() {
        let r = rec();
        let e = edge_lines(&r);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].lag_days, Some(823));
        assert_eq!(e[0].mentions, 3);
        assert_eq!(e[0].sections, ["I. A"]);
        assert_eq!(action_line(EDGES_INDEX, "a|b"), r#"{"index":{"_index":"kehoach-edges","_id":"a|b"}}"#);
    }
}

#[cfg(test)]
mod id_tests {
    use super::*;

    #[test]
    fn long_ids_are_cut_to_512_bytes_and_stay_unique() {
        let short = edge_id("a", "nn:ttg:CT:2021:33");
        assert_eq!(short, "a|nn:ttg:CT:2021:33");
        let long_a = edge_id(&"ủy ban/".repeat(60), "nn:x:1");
        let long_b = edge_id(&"ủy ban/".repeat(60), "nn:x:2");
        assert!(long_a.len() <= MAX_ID_BYTES && long_b.len() <= MAX_ID_BYTES);
        assert_ne!(long_a, long_b);
        assert!(long_a.contains('~'));
    }
}
