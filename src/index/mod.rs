//! The tantivy index: one document per plan, built from the extraction.
//!
//! Owns the index directory (with `corpus`, `cli` and `export`, one of the few
//! modules that touch the filesystem). Indexing is incremental: every document
//! stores the content hash and the path of its file; a rerun re-extracts only new
//! or changed files. Documents of other paths stay ([`Mode::Add`], the default):
//! `index a/` then `index b/` holds both corpora. A document is removed when its
//! file was under one of the paths given to this run and is gone, or, with
//! [`Mode::Mirror`], when its file is not among the given paths; every removal is
//! named in [`Stats::removed_first`]. A document keeps its id while its file stays;
//! a new file whose id another file's document holds gets `id~2` (named in the
//! stats), never overwriting it. Exact duplicates are indexed once. It commits every
//! [`BATCH`] documents or [`COMMIT_INTERVAL`], whichever comes first, so a crash
//! (kill -9) leaves the last commit readable and a rerun skips what that commit
//! already holds.

pub mod changes;
pub mod cites_info;
pub mod facets;
pub mod query;
pub mod rank;
pub mod schema;
pub mod search;

use crate::corpus::intake::{Intake, RenamedFile, FIRST};
use crate::corpus::{self, Failure, SourceFile};
use crate::index::changes::{IndexChanges, Removed};
use crate::pipeline::{self, Config, Indexed};
use crate::record::{DocId, DocRecord};
use schema::Fields;
use std::collections::{HashMap, HashSet};
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

/// What an indexing run does with the documents of the index whose file is not among its files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// Add and update the given paths' documents; keep the documents of other paths; remove
    /// a document only when its file was under one of the given paths and is gone.
    #[default]
    Add,
    /// As `Add`, and remove every document whose file is not among the given paths
    /// (`--mirror`, alias `--prune`): the index then holds exactly the given paths.
    Mirror,
}

impl Mode {
    /// `add` or `mirror`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Add => "add",
            Mode::Mirror => "mirror",
        }
    }
}

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
    /// `add` (default) or `mirror`.
    pub mode: String,
    /// The removed documents, the first [`crate::corpus::intake::FIRST`] by id, with the reason.
    pub removed_first: Vec<Removed>,
    /// Skipped files, duplicates, ids made unique.
    #[serde(flatten)]
    pub intake: Intake,
    /// Documents added or updated in this run that are not official documents.
    pub non_documents: usize,
    /// Their ids (the first [`crate::corpus::intake::FIRST`]).
    pub non_document_ids: Vec<String>,
    /// Every document id this run added, updated or removed (what `ingest` patches in its outputs).
    #[serde(skip)]
    pub changed_ids: std::collections::BTreeSet<String>,
    /// The index's commit opstamp before the run (0 for a new index).
    #[serde(skip)]
    pub opstamp_before: u64,
    /// The index's commit opstamp after the run.
    #[serde(skip)]
    pub opstamp_after: u64,
}

impl Stats {
    /// The index part of an `ingest` summary.
    pub fn changes(&self) -> IndexChanges {
        IndexChanges {
            mode: self.mode.clone(),
            added: self.added,
            updated: self.updated,
            removed: self.removed,
            unchanged: self.unchanged,
            documents: self.documents,
            removed_first: self.removed_first.clone(),
        }
    }
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

/// The oldest index layout this build reads: schema 5 added the citation relations to the
/// records and to `cites_info`, which an incremental run would not add to unchanged files.
pub const MIN_SCHEMA_VERSION: u32 = 5;

/// Refuse an index written by an older or a newer kehoach (its layout may differ in ways this build cannot read).
fn check_version(index: &Index, dir: &Path) -> anyhow::Result<()> {
    if let Some(info) = last_commit(index)? {
        if info.schema_version < MIN_SCHEMA_VERSION {
            anyhow::bail!(
                "the index at {} has schema_version {}, older than this kehoach reads ({}: citations carry \
                 relations): rebuild it with `kehoach index PATH --index DIR` into a new directory",
                dir.display(),
                info.schema_version,
                crate::SCHEMA_VERSION
            );
        }
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

/// id → source path of every live document: from the `source` column, or (indexes built
/// before it) from the document store.
pub fn stored_sources(index: &Index, f: &Fields) -> anyhow::Result<HashMap<String, String>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out = HashMap::with_capacity(searcher.num_docs() as usize);
    let fast = searcher.schema().get_field_entry(f.source).is_fast();
    for (seg, sr) in searcher.segment_readers().iter().enumerate() {
        let ids = sr.fast_fields().str("id")?.ok_or_else(|| anyhow::anyhow!("index without an id column"))?;
        let sources = if fast { sr.fast_fields().str("source")? } else { None };
        for doc in sr.doc_ids_alive() {
            let mut id = String::new();
            if let Some(ord) = ids.term_ords(doc).next() {
                ids.ord_to_str(ord, &mut id)?;
            }
            let mut source = String::new();
            match &sources {
                Some(col) => {
                    if let Some(ord) = col.term_ords(doc).next() {
                        col.ord_to_str(ord, &mut source)?;
                    }
                }
                None => {
                    let d: TantivyDocument = searcher.doc(DocAddress::new(seg as u32, doc))?;
                    source = d.get_first(f.source).and_then(|v| v.as_str()).unwrap_or_default().to_string();
                }
            }
            out.insert(id, source);
        }
    }
    Ok(out)
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

/// The stored records of `ids` that the index holds, in id order (ids it does not hold are
/// left out).
pub fn records_of<'a>(
    index: &Index,
    f: &Fields,
    ids: impl IntoIterator<Item = &'a String>,
) -> anyhow::Result<Vec<DocRecord>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out = Vec::new();
    for id in ids {
        let q = tantivy::query::TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
        for (_, addr) in searcher.search(&q, &tantivy::collector::TopDocs::with_limit(1).order_by_score())? {
            let d: TantivyDocument = searcher.doc(addr)?;
            if let Some(js) = d.get_first(f.record).and_then(|v| v.as_str()) {
                out.push(serde_json::from_str::<DocRecord>(js)?);
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
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
    d.add_text(f.id, r.id.as_str());
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
    opt(&mut d, f.date, &m.date.map(|d| d.iso()));
    opt(&mut d, f.level, &m.level.map(|l| l.as_str().to_string()));
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
        d.add_text(f.cites, c.id.as_str());
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
    if let Some(fd) = f.cites_key {
        for k in r.directives.iter().flat_map(cites_info::keys) {
            d.add_text(fd, k);
        }
    }
    if let Some(fd) = f.units_n {
        d.add_u64(fd, r.units.len() as u64);
    }
    if let Some(fd) = f.deadlines_n {
        d.add_u64(fd, r.deadlines.len() as u64);
    }
    if let Some(fd) = f.is_document {
        d.add_bool(fd, r.is_document);
    }
    d.add_text(f.record, serde_json::to_string(r).unwrap_or_default());
    d
}

/// Index (incrementally) everything under `paths` into `dir`, in [`Mode::Add`].
pub fn update(paths: &[PathBuf], dir: &Path, cfg: &Config) -> anyhow::Result<(Stats, Vec<Failure>)> {
    update_with(paths, dir, cfg, Mode::Add)
}

/// Whether `dir` holds an index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").exists()
}

/// Index (incrementally) everything under `paths` into `dir` (see the module doc for
/// what stays, what goes and how ids stay unique). When no given path can be read
/// and `dir` holds no index, nothing is created.
pub fn update_with(paths: &[PathBuf], dir: &Path, cfg: &Config, mode: Mode) -> anyhow::Result<(Stats, Vec<Failure>)> {
    let disc = corpus::discover_all(paths);
    let mut stats = Stats {
        schema_version: crate::SCHEMA_VERSION,
        files: disc.files.len(),
        mode: mode.name().to_string(),
        intake: Intake::of(&disc),
        ..Stats::default()
    };
    let mut failures = disc.failures;
    if disc.readable_args == 0 && !exists(dir) {
        failures.sort_by(|a, b| a.path.cmp(&b.path));
        return Ok((stats, failures));
    }
    let (index, f) = open_or_create(dir)?;
    stats.opstamp_before = index.load_metas()?.opstamp;
    // The writer's own indexing threads, as many as extraction threads, sharing one budget.
    let threads =
        cfg.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).clamp(1, 8);
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, WRITER_BUDGET).map_err(|e| {
        anyhow::anyhow!("cannot write the index at {} (is another kehoach indexing it?): {e}", dir.display())
    })?;
    // A run killed mid-commit may leave files no commit refers to (a segment's `.del` file named
    // by the opstamp the rerun will reach again, so that its commit would fail with
    // FileAlreadyExists): remove them before writing.
    writer
        .garbage_collect_files()
        .wait()
        .map_err(|e| anyhow::anyhow!("cannot clean the index at {} of a killed run's files: {e}", dir.display()))?;
    let before = stored_ids(&index, &f)?;
    let sources = stored_sources(&index, &f)?;
    let files = disc.files;
    // Content keys (new or changed content; exact duplicates).
    let mut keys: Vec<Option<String>> = Vec::with_capacity(files.len());
    for h in pipeline::map_files(&files, cfg, pipeline::content_hash) {
        match h {
            Ok(h) => keys.push(Some(h)),
            Err(fail) => {
                failures.push(fail);
                keys.push(None);
            }
        }
    }
    let dup_of: HashMap<usize, usize> = corpus::duplicates(&files, &keys).into_iter().collect();
    let mut resolver = corpus::Resolver::default();
    let resolved: Vec<PathBuf> = files.iter().map(|s| resolver.file(&s.path)).collect();
    let file_at: HashMap<&Path, usize> = resolved.iter().enumerate().map(|(i, p)| (p.as_path(), i)).collect();
    let roots: Vec<PathBuf> = paths.iter().map(|p| corpus::resolve(p)).collect();
    // Each stored document: its file is one of this run's (it keeps its id), or it is removed, or it stays.
    let mut stored_id: Vec<Option<(String, String)>> = vec![None; files.len()];
    let mut removed: Vec<Removed> = Vec::new();
    let mut staying: HashMap<String, String> = HashMap::new(); // id → source, documents of other files
                                                               // Bytes hash → id: the part of the content key before the rules (a document indexed under
                                                               // another lexicon or release is still recognised as the same bytes).
    let bytes_of = |key: &str| key.split_once('-').map_or(key, |(b, _)| b).to_string();
    let mut staying_by_key: HashMap<String, String> = HashMap::new();
    for (id, hash) in &before {
        let source = sources.get(id).cloned().unwrap_or_default();
        let rs = resolver.file(Path::new(&source));
        let gone = |reason: String| Removed { id: id.clone(), source: source.clone(), reason };
        match file_at.get(rs.as_path()) {
            Some(&i) if dup_of.contains_key(&i) => {
                removed.push(gone(format!("duplicate of {}", files[dup_of[&i]].path.display())))
            }
            Some(&i) if keys[i].is_none() => removed.push(gone("file no longer readable".into())),
            Some(&i) if stored_id[i].is_some() => removed
                .push(gone(format!("same file as document {}", stored_id[i].as_ref().map_or("", |s| s.0.as_str())))),
            Some(&i) => stored_id[i] = Some((id.clone(), hash.clone())),
            None if roots.iter().any(|r| rs.starts_with(r)) => removed.push(gone("file gone".into())),
            None if mode == Mode::Mirror => removed.push(gone("not among the given paths (--mirror)".into())),
            None => {
                staying_by_key.entry(bytes_of(hash)).or_insert_with(|| id.clone());
                staying.insert(id.clone(), source.clone());
            }
        }
    }
    // Ids: a file already indexed keeps its id; a new file's id held by another file's document gets ~N.
    let held: HashSet<&str> = stored_id.iter().flatten().map(|(id, _)| id.as_str()).collect();
    let computed: HashSet<&str> = files.iter().map(|s| s.id.as_str()).collect();
    let mut taken: HashSet<String> = staying.keys().cloned().chain(held.iter().map(|s| s.to_string())).collect();
    let holder_of = |id: &str| -> String {
        staying.get(id).cloned().unwrap_or_else(|| {
            (0..files.len())
                .find(|&j| stored_id[j].as_ref().is_some_and(|s| s.0 == id))
                .map_or_else(String::new, |j| files[j].path.display().to_string())
        })
    };
    let mut todo: Vec<SourceFile> = Vec::new();
    let mut is_update: HashSet<String> = HashSet::new();
    // The document holding each file's bytes after this run: (id, source). An earlier file's
    // (by id), so a duplicate names the document that is actually in the index.
    let mut holds: Vec<Option<(String, String)>> = vec![None; files.len()];
    for (i, file) in files.iter().enumerate() {
        let Some(key) = &keys[i] else { continue };
        if let Some(&j) = dup_of.get(&i) {
            let (id, src) =
                holds[j].clone().unwrap_or_else(|| (files[j].id.to_string(), files[j].path.display().to_string()));
            stats.intake.duplicate(file, &id, &src);
            holds[i] = Some((id, src));
            continue;
        }
        let id = match &stored_id[i] {
            Some((id, old)) => {
                if old == key {
                    stats.unchanged += 1;
                    holds[i] = Some((id.clone(), file.path.display().to_string()));
                    continue;
                }
                is_update.insert(id.clone());
                id.clone()
            }
            None => {
                // Confirmed byte for byte while the other file exists (else the 64-bit hash decides).
                let same = |other: &String| {
                    let src = Path::new(&staying[other]);
                    !src.exists() || corpus::same_bytes(src, &file.path)
                };
                if let Some(other) = staying_by_key.get(&bytes_of(key)).filter(|o| same(o)) {
                    stats.intake.duplicate(file, other, &staying[other]);
                    holds[i] = Some((other.clone(), staying[other].clone()));
                    continue;
                }
                let want = &file.id.0;
                if taken.contains(want) {
                    let id = corpus::unique_id(want, |c| taken.contains(c) || computed.contains(c));
                    stats.intake.renamed.push(RenamedFile {
                        path: file.path.display().to_string(),
                        wanted: want.clone(),
                        id: id.clone(),
                        taken_by: holder_of(want),
                    });
                    taken.insert(id.clone());
                    id
                } else {
                    taken.insert(want.clone());
                    want.clone()
                }
            }
        };
        holds[i] = Some((id.clone(), file.path.display().to_string()));
        todo.push(SourceFile { id: DocId(id), path: file.path.clone() });
    }
    for r in &removed {
        writer.delete_term(Term::from_field_text(f.id, &r.id));
    }
    removed.sort_by(|a, b| a.id.cmp(&b.id));
    stats.removed = removed.len();
    stats.changed_ids.extend(removed.iter().map(|r| r.id.clone()));
    removed.truncate(FIRST);
    stats.removed_first = removed;
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
                if is_update.contains(x.record.id.as_str()) {
                    stats.updated += 1;
                } else {
                    stats.added += 1;
                }
                if !x.record.is_document {
                    stats.non_documents += 1;
                    if stats.non_document_ids.len() < FIRST {
                        stats.non_document_ids.push(x.record.id.to_string());
                    }
                }
                writer.delete_term(Term::from_field_text(f.id, x.record.id.as_str()));
                writer.add_document(to_doc(&f, &x))?;
                stats.changed_ids.insert(x.record.id.to_string());
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
    stats.opstamp_after = index.load_metas()?.opstamp;
    let reader = index.reader()?;
    reader.reload()?;
    stats.documents = reader.searcher().num_docs();
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((stats, failures))
}
