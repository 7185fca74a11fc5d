//! The run summary printed after `extract` and `ingest`: documents, failures,
//! citations, the most-cited directives and per-field counts; and what was not
//! read or not indexed, file by file ([`Intake`]: skipped files with the reason,
//! exact duplicates, ids changed to stay unique), the records that are not
//! official documents, and what an `ingest` did to the index (removals named).

pub(crate) use crate::corpus::intake::{Intake, FIRST, SHOWN};
use crate::corpus::Failure;
use crate::index::changes::IndexChanges;
use crate::record::DocRecord;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Counts over a run.
#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Input files found.
    pub files: usize,
    /// Records written.
    pub documents: usize,
    /// Files that failed.
    pub failed: usize,
    /// Citation records (document × directive).
    pub directives: usize,
    /// Distinct directive ids.
    pub distinct_directives: usize,
    /// Units, slogans, deadlines.
    pub units: usize,
    /// Slogan records.
    pub slogans: usize,
    /// Deadline records.
    pub deadlines: usize,
    /// Documents with a known own number / date / province / title / signer.
    pub meta_filled: BTreeMap<String, usize>,
    /// Most cited: (id, symbol, documents citing).
    pub top_cited: Vec<(String, String, usize)>,
    /// Warnings over all documents.
    pub warnings: usize,
    /// Files not read, duplicates, ids made unique.
    #[serde(flatten)]
    pub intake: Intake,
    /// Records that are not official documents (`is_document: false`).
    pub non_documents: usize,
    /// Their ids, the first [`FIRST`] in id order.
    pub non_document_ids: Vec<String>,
    /// What `ingest` did to the index (absent for `extract`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<IndexChanges>,
    /// Short references that resolve to no citation (`unparsed` of the records), in all.
    #[serde(default)]
    pub unparsed: usize,
    /// The first [`FIRST`] distinct ones: (document id, text).
    #[serde(default)]
    pub unparsed_first: Vec<(String, String)>,
}

impl Summary {
    /// Start counting a run of `files` input files of which `failed` failed; then
    /// [`add`](SummaryAcc::add) every record (in any order) and [`finish`](SummaryAcc::finish):
    /// a summary of a corpus too large to hold in memory.
    pub(crate) fn begin(files: usize, failed: usize) -> SummaryAcc {
        SummaryAcc {
            s: Summary { schema_version: crate::SCHEMA_VERSION, files, failed, ..Default::default() },
            cited: BTreeMap::new(),
        }
    }

    /// Human-readable text, including every failure (of a run whose records were not kept).
    pub(crate) fn render_failures(&self, failures: &[Failure]) -> String {
        let mut t = String::new();
        let _ = writeln!(
            t,
            "files: {}  documents: {}  failed: {}  warnings: {}",
            self.files, self.documents, self.failed, self.warnings
        );
        let _ = writeln!(
            t,
            "directives: {} citations of {} distinct  units: {}  slogans: {}  deadlines: {}",
            self.directives, self.distinct_directives, self.units, self.slogans, self.deadlines
        );
        if self.unparsed > 0 {
            let first: Vec<String> =
                self.unparsed_first.iter().take(10).map(|(id, t)| format!("{id}: \"{t}\"")).collect();
            let _ = writeln!(
                t,
                "unparsed references: {} (short references to no earlier citation; first: {})",
                self.unparsed,
                first.join(", ")
            );
        }
        let filled: Vec<String> = self.meta_filled.iter().map(|(k, v)| format!("{k} {v}")).collect();
        let _ = writeln!(t, "meta filled: {}", filled.join(", "));
        if !self.top_cited.is_empty() {
            let _ = writeln!(t, "top cited:");
            for (id, sym, n) in &self.top_cited {
                let _ = writeln!(t, "  {n:>5}  {sym:<24} {id}");
            }
        }
        if !failures.is_empty() {
            let _ = writeln!(t, "failures:");
            for f in failures {
                let _ = writeln!(t, "  {}", f.error);
            }
        }
        t.push_str(&self.intake.render());
        if self.non_documents > 0 {
            let _ = writeln!(
                t,
                "warning: {} record(s) are not official documents (left out of the graph and the reports; \
                 --include-non-documents counts them): {}{}",
                self.non_documents,
                self.non_document_ids.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", "),
                if self.non_documents > SHOWN { " …" } else { "" }
            );
        }
        if let Some(ix) = &self.index {
            t.push_str(&ix.render());
        }
        t
    }
}

/// A summary being counted one record at a time (see [`Summary::begin`]).
pub(crate) struct SummaryAcc {
    s: Summary,
    /// Directive id → (symbol or name, documents citing it).
    cited: BTreeMap<String, (String, usize)>,
}

/// What one record adds to a summary: all [`SummaryAcc`] reads of it, small enough to keep
/// beside the outputs (`ingest` keeps one line per document in `.summary.jsonl`, so a rerun
/// that changed 1% of the documents sums the lines instead of reading every record).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Contribution {
    /// Document id.
    pub id: String,
    /// An official document (not a README or a note).
    pub is_document: bool,
    /// Cited directives: (id, symbol or name or kind).
    pub directives: Vec<(String, String)>,
    /// Units.
    pub units: usize,
    /// Slogans.
    pub slogans: usize,
    /// Deadlines.
    pub deadlines: usize,
    /// Warnings.
    pub warnings: usize,
    /// Unparsed short references, as written.
    pub unparsed: Vec<String>,
    /// Meta fields filled: number, kind, date, issuer, province, title, year, signer.
    pub meta: [bool; 8],
}

/// The meta fields counted in `meta_filled`, in [`Contribution::meta`] order.
const META_FIELDS: [&str; 8] = ["number", "kind", "date", "issuer", "province", "title", "year", "signer"];

impl Contribution {
    /// A record's contribution.
    pub(crate) fn of(r: &DocRecord) -> Self {
        let m = &r.meta;
        Contribution {
            id: r.id.to_string(),
            is_document: r.is_document,
            directives: r
                .directives
                .iter()
                .map(|d| (d.id.to_string(), d.shown().unwrap_or_default().to_string()))
                .collect(),
            units: r.units.len(),
            slogans: r.slogans.len(),
            deadlines: r.deadlines.len(),
            warnings: r.warnings.len(),
            unparsed: r.unparsed.iter().map(|u| u.text.clone()).collect(),
            meta: [
                m.number.is_some(),
                m.kind.is_some(),
                m.date.is_some(),
                m.issuer.is_some(),
                m.province.is_some(),
                m.title.is_some(),
                m.year.is_some(),
                m.signer.is_some(),
            ],
        }
    }
}

impl SummaryAcc {
    /// Count one record.
    pub(crate) fn add(&mut self, r: &DocRecord) {
        self.add_contribution(&Contribution::of(r));
    }

    /// Count one record by its contribution (records in id order give the same summary).
    pub(crate) fn add_contribution(&mut self, c: &Contribution) {
        let s = &mut self.s;
        s.documents += 1;
        s.directives += c.directives.len();
        s.units += c.units;
        s.slogans += c.slogans;
        s.deadlines += c.deadlines;
        s.warnings += c.warnings;
        s.unparsed += c.unparsed.len();
        for u in &c.unparsed {
            let e = (c.id.clone(), u.clone());
            if s.unparsed_first.len() < FIRST && !s.unparsed_first.contains(&e) {
                s.unparsed_first.push(e);
            }
        }
        if !c.is_document {
            s.non_documents += 1;
            if s.non_document_ids.len() < FIRST {
                s.non_document_ids.push(c.id.clone());
            }
        }
        for (id, label) in &c.directives {
            self.cited.entry(id.clone()).or_insert_with(|| (label.clone(), 0)).1 += 1;
        }
        for (k, v) in META_FIELDS.iter().zip(c.meta) {
            *s.meta_filled.entry(k.to_string()).or_default() += usize::from(v);
        }
    }

    /// The summary: distinct directives and the ten most cited.
    pub(crate) fn finish(self) -> Summary {
        let mut s = self.s;
        s.distinct_directives = self.cited.len();
        let mut top: Vec<(String, String, usize)> = self.cited.into_iter().map(|(id, (sym, n))| (id, sym, n)).collect();
        top.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        top.truncate(10);
        s.top_cited = top;
        s
    }
}
