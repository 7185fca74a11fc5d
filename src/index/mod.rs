//! The tantivy index: one document per plan, built from the extraction.
//!
//! Owns the index directory (with `corpus`, `cli` and `export`, one of the few
//! modules that touch the filesystem). Indexing is incremental: every document
//! stores the content hash of its file; a rerun re-extracts only new or changed
//! files and deletes documents whose file is gone. It commits every
//! [`BATCH`] documents or [`COMMIT_INTERVAL`], whichever comes first, so a crash
//! (kill -9) leaves the last commit readable and a rerun skips what that commit
//! already holds.

pub mod cites_info;
pub mod facets;
pub mod query;
pub mod schema;
pub mod search;

use crate::corpus::{self, Failure, SourceFile};
use crate::pipeline::{self, Config, Indexed};
use crate::record::DocRecord;
use schema::Fields;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Value;
use tantivy::{DocAddress, DocSet, Index, IndexWriter, TantivyDocument, Term, TERMINATED};

/// Documents between two commits (`KEHOACH_INDEX_BATCH` overrides it; `KEHOACH_ABORT_AFTER_COMMITS=N`
/// aborts the process after N commits — fault injection for the crash test). Each commit
/// flushes every indexing thread's segment and feeds the merges: at 500 documents a
/// 1,000,000-document run made 2,000 commits, and indexing the article corpus took about
/// 10% more CPU than at 10,000 (measured with `scripts/bench`'s corpora).
pub const BATCH: usize = 10_000;

/// A commit is also made when this much time has passed since the last one, so that a crash
/// loses at most about a minute of work however large the files are.
pub const COMMIT_INTERVAL: std::time::Duration = std::time::Duration::from_secs(60);

/// Writer memory budget (bytes), shared by the writer's indexing threads.
pub const WRITER_BUDGET: usize = 200 << 20;

/// What an indexing run did.
#[derive(Debug, Default, serde::Serialize)]
pub struct Stats {
    /// Layout version of this JSON object.
    pub schema_version: u32,
    /// Input files found.
    pub files: usize,
    /// New documents.
    pub added: usize,
    /// Changed documents re-indexed.
    pub updated: usize,
    /// Documents whose file is gone.
    pub removed: usize,
    /// Files whose content did not change.
    pub unchanged: usize,
    /// Documents in the index after the run.
    pub documents: u64,
}

/// Open an index directory, or create it.
pub fn open_or_create(dir: &Path) -> anyhow::Result<(Index, Fields)> {
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create index directory {}: {e}", dir.display()))?;
    let index = if dir.join("meta.json").exists() {
        Index::open_in_dir(dir).map_err(|e| anyhow::anyhow!("cannot open index {}: {e}", dir.display()))?
    } else {
        Index::create_in_dir(dir, schema::build().0)?
    };
    schema::register(&index);
    check_version(&index, dir)?;
    let fields = schema::fields_of(&index.schema())
        .map_err(|e| anyhow::anyhow!("{} is not a kehoach index (or is from another version): {e}", dir.display()))?;
    Ok((index, fields))
}

/// Open an existing index for reading.
pub fn open(dir: &Path) -> anyhow::Result<(Index, Fields)> {
    if !dir.join("meta.json").exists() {
        anyhow::bail!("no index at {} (build one with `kehoach index PATH --index {}`)", dir.display(), dir.display());
    }
    open_or_create(dir)
}

/// What every commit records in tantivy's commit payload (`meta.json`): the
/// layout version of the index and the number of documents the commit holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CommitInfo {
    /// Layout version of the index ([`crate::SCHEMA_VERSION`] when written).
    pub schema_version: u32,
    /// Documents in the index once this commit is visible.
    pub documents: u64,
}

/// The payload of the index's last commit (None: no commit yet, or an index
/// written before payloads were recorded).
pub fn last_commit(index: &Index) -> anyhow::Result<Option<CommitInfo>> {
    let metas = index.load_metas()?;
    Ok(metas.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()))
}

/// Refuse an index written by a newer kehoach (its layout may differ in ways this build cannot read).
fn check_version(index: &Index, dir: &Path) -> anyhow::Result<()> {
    if let Some(info) = last_commit(index)? {
        if info.schema_version > crate::SCHEMA_VERSION {
            anyhow::bail!(
                "the index at {} has schema_version {}, newer than this kehoach reads ({}): \
                 rebuild it with this version (`kehoach index PATH --index DIR` into a new directory) or upgrade kehoach",
                dir.display(),
                info.schema_version,
                crate::SCHEMA_VERSION
            );
        }
    }
    Ok(())
}

/// Commit with the [`CommitInfo`] payload.
fn commit(writer: &mut IndexWriter, dir: &Path, documents: u64) -> anyhow::Result<()> {
    let info = CommitInfo { schema_version: crate::SCHEMA_VERSION, documents };
    let mut prepared =
        writer.prepare_commit().map_err(|e| anyhow::anyhow!("commit to {} failed: {e}", dir.display()))?;
    prepared.set_payload(&serde_json::to_string(&info)?);
    prepared.commit().map_err(|e| {
        anyhow::anyhow!(
            "commit to {} failed: {e} (the index keeps its last complete commit; fix the cause and rerun to finish)",
            dir.display()
        )
    })?;
    Ok(())
}

/// `(id, content hash)` of every live document, in index order (duplicates, if an
/// index were ever corrupted, show up here; the crash tests check there are none).
pub fn stored_ids(index: &Index, f: &Fields) -> anyhow::Result<Vec<(String, String)>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out = Vec::with_capacity(searcher.num_docs() as usize);
    // From the `id` column and the `hash` term dictionary with its postings: never the
    // document store, which would decompress every body and record (minutes at 1,000,000
    // documents, for two short strings each).
    for sr in searcher.segment_readers() {
        let ids = sr.fast_fields().str("id")?.ok_or_else(|| anyhow::anyhow!("index without an id column"))?;
        let mut hash_of: Vec<Option<String>> = vec![None; sr.max_doc() as usize];
        let inv = sr.inverted_index(f.hash)?;
        let mut terms = inv.terms().stream()?;
        while terms.advance() {
            let h = String::from_utf8_lossy(terms.key()).into_owned();
            let mut postings = inv.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                hash_of[doc as usize] = Some(h.clone());
                doc = postings.advance();
            }
        }
        for doc in sr.doc_ids_alive() {
            let mut id = String::new();
            if let Some(ord) = ids.term_ords(doc).next() {
                ids.ord_to_str(ord, &mut id)?;
            }
            out.push((id, hash_of[doc as usize].take().unwrap_or_default()));
        }
    }
    Ok(out)
}

/// id → content hash of every document in the index.
fn indexed_hashes(index: &Index, f: &Fields) -> anyhow::Result<HashMap<String, String>> {
    Ok(stored_ids(index, f)?.into_iter().collect())
}

/// Addresses of every live document, sorted by document id (small keys only, read from
/// the `id` fast field): to stream records in id order without holding them.
pub fn sorted_by_id(searcher: &tantivy::Searcher) -> anyhow::Result<Vec<(String, DocAddress)>> {
    let mut order: Vec<(String, DocAddress)> = Vec::with_capacity(searcher.num_docs() as usize);
    for (seg, sr) in searcher.segment_readers().iter().enumerate() {
        let ids = sr.fast_fields().str("id")?.ok_or_else(|| anyhow::anyhow!("index without an id column"))?;
        for doc in sr.doc_ids_alive() {
            let mut id = String::new();
            if let Some(ord) = ids.term_ords(doc).next() {
                ids.ord_to_str(ord, &mut id)?;
            }
            order.push((id, DocAddress::new(seg as u32, doc)));
        }
    }
    order.sort();
    Ok(order)
}

/// Call `each` with every stored record, in document id order, one at a time.
pub fn for_each_record(
    index: &Index,
    f: &Fields,
    mut each: impl FnMut(DocRecord) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    for (_, addr) in sorted_by_id(&searcher)? {
        let d: TantivyDocument = searcher.doc(addr)?;
        if let Some(js) = d.get_first(f.record).and_then(|v| v.as_str()) {
            each(serde_json::from_str(js)?)?;
        }
    }
    Ok(())
}

/// The tantivy document of an extraction (public for tools that build indexes, e.g. `examples/latency.rs`).
pub fn to_doc(f: &Fields, x: &Indexed) -> TantivyDocument {
    let r: &DocRecord = &x.record;
    let m = &r.meta;
    let mut d = TantivyDocument::default();
    d.add_text(f.id, &r.id.0);
    d.add_text(f.hash, &x.hash);
    d.add_text(f.source, &r.source);
    let opt = |d: &mut TantivyDocument, fd, v: &Option<String>| {
        if let Some(v) = v {
            d.add_text(fd, v);
        }
    };
    opt(&mut d, f.number, &m.number);
    opt(&mut d, f.kind, &m.kind);
    opt(&mut d, f.title, &m.title);
    opt(&mut d, f.title_fold, &m.title);
    opt(&mut d, f.date, &m.date);
    opt(&mut d, f.level, &m.level);
    opt(&mut d, f.province, &m.province);
    opt(&mut d, f.province_2025, &m.province_2025);
    opt(&mut d, f.issuer, &m.issuer);
    opt(&mut d, f.signer, &m.signer.as_ref().and_then(|s| s.name.clone()));
    if let Some(y) = m.year.and_then(|y| u64::try_from(y).ok()) {
        d.add_u64(f.year, y);
    }
    d.add_text(f.body, &x.text);
    d.add_text(f.body_fold, &x.text);
    for c in &r.directives {
        d.add_text(f.cites, &c.id.0);
        if let Some(s) = &c.symbol {
            d.add_text(f.cites_symbol, s);
        }
    }
    for u in &r.units {
        d.add_text(f.units, &u.canonical);
    }
    for s in &r.slogans {
        d.add_text(f.slogans, &s.canonical);
    }
    if let Some(fd) = f.cites_info {
        for c in &r.directives {
            d.add_text(fd, cites_info::encode(c));
        }
    }
    if let Some(fd) = f.units_n {
        d.add_u64(fd, r.units.len() as u64);
    }
    if let Some(fd) = f.deadlines_n {
        d.add_u64(fd, r.deadlines.len() as u64);
    }
    d.add_text(f.record, serde_json::to_string(r).unwrap_or_default());
    d
}

/// Index (incrementally) everything under `paths` into `dir`.
pub fn update(paths: &[PathBuf], dir: &Path, cfg: &Config) -> anyhow::Result<(Stats, Vec<Failure>)> {
    let (index, f) = open_or_create(dir)?;
    // The writer's own indexing threads, as many as extraction threads, sharing one budget.
    let threads =
        cfg.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).clamp(1, 8);
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, WRITER_BUDGET).map_err(|e| {
        anyhow::anyhow!("cannot write the index at {} (is another kehoach indexing it?): {e}", dir.display())
    })?;
    let before = indexed_hashes(&index, &f)?;
    let (files, mut failures) = corpus::discover(paths);
    let mut stats = Stats { schema_version: crate::SCHEMA_VERSION, files: files.len(), ..Stats::default() };
    // Which files need work: new or changed content.
    let hashes = pipeline::map_files(&files, cfg, pipeline::content_hash);
    let mut todo: Vec<SourceFile> = Vec::new();
    for (file, h) in files.iter().zip(hashes) {
        match (h, before.get(&file.id.0)) {
            (Ok(h), Some(old)) if *old == h => stats.unchanged += 1,
            (Ok(_), _) => todo.push(file.clone()),
            (Err(fail), _) => failures.push(fail),
        }
    }
    // Documents whose file is gone (or no longer readable).
    let present: std::collections::HashSet<&str> = files.iter().map(|s| s.id.0.as_str()).collect();
    for id in before.keys().filter(|id| !present.contains::<str>(id)) {
        writer.delete_term(Term::from_field_text(f.id, id));
        stats.removed += 1;
    }
    // Fault injection for the crash test: abort (like kill -9) after N commits.
    let abort_after: Option<usize> = std::env::var("KEHOACH_ABORT_AFTER_COMMITS").ok().and_then(|v| v.parse().ok());
    let batch: usize =
        std::env::var("KEHOACH_INDEX_BATCH").ok().and_then(|v| v.parse().ok()).filter(|&b| b > 0).unwrap_or(BATCH);
    // Documents the index holds once a commit is visible (recorded in its payload).
    let expected = |s: &Stats| (before.len() + s.added).saturating_sub(s.removed) as u64;
    // Extraction streams into the writer (in input order, a few documents in flight per
    // thread): memory does not grow with the corpus. A commit every `batch` files.
    let (mut commits, mut since_commit) = (0usize, 0usize);
    let mut last_commit_at = std::time::Instant::now();
    pipeline::for_each_ordered(&todo, cfg, pipeline::process_for_index, |r| {
        match r {
            Ok(x) => {
                if before.contains_key(&x.record.id.0) {
                    stats.updated += 1;
                } else {
                    stats.added += 1;
                }
                writer.delete_term(Term::from_field_text(f.id, &x.record.id.0));
                writer.add_document(to_doc(&f, &x))?;
            }
            Err(fail) => failures.push(fail),
        }
        since_commit += 1;
        if since_commit >= batch || last_commit_at.elapsed() >= COMMIT_INTERVAL {
            since_commit = 0;
            last_commit_at = std::time::Instant::now();
            commit(&mut writer, dir, expected(&stats))?;
            commits += 1;
            if abort_after == Some(commits) {
                std::process::abort();
            }
        }
        Ok(())
    })?;
    commit(&mut writer, dir, expected(&stats))?;
    writer.wait_merging_threads()?;
    let reader = index.reader()?;
    reader.reload()?;
    stats.documents = reader.searcher().num_docs();
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((stats, failures))
}
