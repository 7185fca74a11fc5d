//! The run summary printed after `extract` and `ingest`: documents, failures,
//! citations, the most-cited directives and per-field counts.

use crate::corpus::Failure;
use crate::pipeline::Outcome;
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
}

impl Summary {
    /// Compute from an outcome.
    pub fn of(o: &Outcome) -> Self {
        let mut acc = Summary::begin(o.files, o.failures.len());
        for r in &o.records {
            acc.add(r);
        }
        acc.finish()
    }

    /// Start counting a run of `files` input files of which `failed` failed; then
    /// [`add`](SummaryAcc::add) every record (in any order) and [`finish`](SummaryAcc::finish):
    /// a summary of a corpus too large to hold in memory.
    pub fn begin(files: usize, failed: usize) -> SummaryAcc {
        SummaryAcc {
            s: Summary { schema_version: crate::SCHEMA_VERSION, files, failed, ..Default::default() },
            cited: BTreeMap::new(),
        }
    }

    /// Human-readable text, including every failure.
    pub fn render(&self, o: &Outcome) -> String {
        self.render_failures(&o.failures)
    }

    /// Human-readable text, including every failure (of a run whose records were not kept).
    pub fn render_failures(&self, failures: &[Failure]) -> String {
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
        t
    }
}

/// A summary being counted one record at a time (see [`Summary::begin`]).
pub struct SummaryAcc {
    s: Summary,
    /// Directive id → (symbol or name, documents citing it).
    cited: BTreeMap<String, (String, usize)>,
}

impl SummaryAcc {
    /// Count one record.
    pub fn add(&mut self, r: &DocRecord) {
        let s = &mut self.s;
        s.documents += 1;
        s.directives += r.directives.len();
        s.units += r.units.len();
        s.slogans += r.slogans.len();
        s.deadlines += r.deadlines.len();
        s.warnings += r.warnings.len();
        for d in &r.directives {
            let e = self
                .cited
                .entry(d.id.0.clone())
                .or_insert_with(|| (d.symbol.clone().or(d.name.clone()).or(d.kind.clone()).unwrap_or_default(), 0));
            e.1 += 1;
        }
        let m = &r.meta;
        for (k, v) in [
            ("number", m.number.is_some()),
            ("kind", m.kind.is_some()),
            ("date", m.date.is_some()),
            ("issuer", m.issuer.is_some()),
            ("province", m.province.is_some()),
            ("title", m.title.is_some()),
            ("year", m.year.is_some()),
            ("signer", m.signer.is_some()),
        ] {
            *s.meta_filled.entry(k.to_string()).or_default() += usize::from(v);
        }
    }

    /// The summary: distinct directives and the ten most cited.
    pub fn finish(self) -> Summary {
        let mut s = self.s;
        s.distinct_directives = self.cited.len();
        let mut top: Vec<(String, String, usize)> = self.cited.into_iter().map(|(id, (sym, n))| (id, sym, n)).collect();
        top.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        top.truncate(10);
        s.top_cited = top;
        s
    }
}
