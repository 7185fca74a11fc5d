//! The tantivy index: one document per plan, built from the extraction.
//!
//! Owns the index directory (with `corpus`, `cli` and `export`, one of the few
//! modules that touch the filesystem). Indexing is incremental: every document
//! stores the content hash and the path of its file; a rerun re-extracts only new
//! or changed files, and reads only the files whose stamp (size, mtime, inode) changed
//! (see [`stamps`]). Documents of other paths stay ([`Mode::Add`], the default):
//! `index a/` then `index b/` holds both corpora. A document is removed when its
//! file was under one of the paths given to this run and is gone, or, with
//! [`Mode::Mirror`], when its file is not among the given paths; every removal is
//! named in [`Stats::removed_first`]. A document keeps its id while its file stays;
//! a new file whose id another file's document holds gets `id~2` (named in the
//! stats), never overwriting it. Exact duplicates are indexed once. It commits every
//! [`BATCH`] documents or [`COMMIT_INTERVAL`], whichever comes first, so a crash
//! (kill -9) leaves the last commit readable and a rerun skips what that commit
//! already holds.

pub(crate) mod changes;
pub(crate) mod cites_info;
pub(crate) mod facets;
pub(crate) mod query;
pub(crate) mod rank;
pub mod schema;
pub mod search;
pub(crate) mod stamps;

use crate::corpus::intake::{Intake, RenamedFile, FIRST};
use crate::corpus::{self, Failure, SourceFile};
use crate::error::{Error, Result};
use crate::index::changes::{IndexChanges, Removed};
use crate::pipeline::{self, Config, Indexed};
use crate::record::{DocId, DocRecord};
use rustc_hash::{FxHashMap, FxHashSet};
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
pub(crate) const COMMIT_INTERVAL: std::time::Duration = std::time::Duration::from_secs(60);

/// Writer memory budget (bytes), shared by the writer's indexing threads.
pub const WRITER_BUDGET: usize = 200 << 20;

/// What an indexing run does with the documents of the index whose file is not among its files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Mode {
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
    pub(crate) fn name(self) -> &'static str {
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
    pub(crate) fn changes(&self) -> IndexChanges {
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
pub fn open_or_create(dir: &Path) -> Result<(Index, Fields)> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Create { path: dir.to_path_buf(), source: e })?;
    let opened = if dir.join("meta.json").exists() {
        Index::open_in_dir(dir)
    } else {
        Index::create_in_dir(dir, schema::build().0)
    };
    let index = opened.map_err(|e| Error::IndexOpen { path: dir.to_path_buf(), source: e })?;
    schema::register(&index);
    check_version(&index, dir)?;
    let fields = schema::fields_of(&index.schema())
        .map_err(|e| Error::NotAnIndex { path: dir.to_path_buf(), reason: e.to_string() })?;
    Ok((index, fields))
}

/// Open an existing index for reading.
pub fn open(dir: &Path) -> Result<(Index, Fields)> {
    if !dir.join("meta.json").exists() {
        return Err(Error::NoIndex(dir.to_path_buf()));
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
pub fn last_commit(index: &Index) -> Result<Option<CommitInfo>> {
    let metas = index.load_metas()?;
    Ok(metas.payload.as_deref().and_then(|p| serde_json::from_str(p).ok()))
}

/// The oldest index layout this build reads: schema 5 added the citation relations to the
/// records and to `cites_info`, which an incremental run would not add to unchanged files.
pub(crate) const MIN_SCHEMA_VERSION: u32 = 5;

/// Refuse an index written by an older or a newer kehoach (its layout may differ in ways this build cannot read).
fn check_version(index: &Index, dir: &Path) -> Result<()> {
    if let Some(info) = last_commit(index)? {
        if info.schema_version < MIN_SCHEMA_VERSION {
            return Err(Error::IndexTooOld { path: dir.to_path_buf(), found: info.schema_version });
        }
        if info.schema_version > crate::SCHEMA_VERSION {
            return Err(Error::IndexTooNew { path: dir.to_path_buf(), found: info.schema_version });
        }
    }
    Ok(())
}

/// Commit with the [`CommitInfo`] payload.
fn commit(writer: &mut IndexWriter, dir: &Path, documents: u64) -> Result<()> {
    let info = CommitInfo { schema_version: crate::SCHEMA_VERSION, documents };
    let failed = |e| Error::Commit { path: dir.to_path_buf(), source: e };
    let mut prepared = writer.prepare_commit().map_err(failed)?;
    prepared.set_payload(&serde_json::to_string(&info).map_err(Error::Json)?);
    prepared.commit().map_err(failed)?;
    Ok(())
}

/// What the index holds of one document's file: enough to tell, without the document store,
/// whether the file must be extracted again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StoredFile {
    /// Document id.
    pub id: String,
    /// The content key of the file when it was extracted (`pipeline::content_key`).
    pub hash: String,
    /// The file's path as given to that run.
    pub source: String,
}

/// Every live document's [`StoredFile`], in index order (duplicates, if an index were ever
/// corrupted, show up here; the crash tests check there are none). Read from the `id` and
/// `source` columns and the `hash` term dictionary with its postings, each walked in order:
/// never the document store, which would decompress every body and record (minutes at
/// 1,000,000 documents, for three short strings each), and no random dictionary lookups
/// (the ordinal-to-text lookup per document took 20 s at 1,000,000). Indexes built before
/// the `source` column read it from the document store.
pub(crate) fn stored_files(index: &Index, f: &Fields) -> Result<Vec<StoredFile>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out = Vec::with_capacity(searcher.num_docs() as usize);
    let fast_source = searcher.schema().get_field_entry(f.source).is_fast();
    for (seg, sr) in searcher.segment_readers().iter().enumerate() {
        let ids = sr.fast_fields().str("id")?.ok_or(Error::MissingColumn("id"))?;
        let id_by_ord = column_values(&ids)?;
        let sources = if fast_source { sr.fast_fields().str("source")? } else { None };
        let source_by_ord = sources.as_ref().map(column_values).transpose()?;
        let mut hash_of: Vec<Option<String>> = vec![None; sr.max_doc() as usize];
        let inv = sr.inverted_index(f.hash)?;
        let mut terms = inv.terms().stream().map_err(Error::index_io)?;
        while terms.advance() {
            let h = String::from_utf8_lossy(terms.key()).into_owned();
            let mut postings =
                inv.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic).map_err(Error::index_io)?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                hash_of[doc as usize] = Some(h.clone());
                doc = postings.advance();
            }
        }
        let first = |col: &tantivy::columnar::StrColumn, by_ord: &[String], doc: u32| {
            col.term_ords(doc).next().and_then(|o| by_ord.get(o as usize)).cloned().unwrap_or_default()
        };
        for doc in sr.doc_ids_alive() {
            let source = match (&sources, &source_by_ord) {
                (Some(col), Some(by_ord)) => first(col, by_ord, doc),
                _ => {
                    let d: TantivyDocument = searcher.doc(DocAddress::new(seg as u32, doc))?;
                    d.get_first(f.source).and_then(|v| v.as_str()).unwrap_or_default().to_string()
                }
            };
            out.push(StoredFile {
                id: first(&ids, &id_by_ord, doc),
                hash: hash_of[doc as usize].take().unwrap_or_default(),
                source,
            });
        }
    }
    Ok(out)
}

/// A string column's values by ordinal, read in one pass over its dictionary.
fn column_values(col: &tantivy::columnar::StrColumn) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(col.num_terms());
    let mut s = col.dictionary().stream().map_err(Error::index_io)?;
    while s.advance() {
        out.push(String::from_utf8_lossy(s.key()).into_owned());
    }
    Ok(out)
}

/// `(id, content hash)` of every live document, in index order (see [`stored_files`]).
pub fn stored_ids(index: &Index, f: &Fields) -> Result<Vec<(String, String)>> {
    Ok(stored_files(index, f)?.into_iter().map(|s| (s.id, s.hash)).collect())
}

/// Addresses of every live document, sorted by document id (small keys only, read from
/// the `id` fast field): to stream records in id order without holding them.
pub(crate) fn sorted_by_id(searcher: &tantivy::Searcher) -> Result<Vec<(String, DocAddress)>> {
    let mut order: Vec<(String, DocAddress)> = Vec::with_capacity(searcher.num_docs() as usize);
    for (seg, sr) in searcher.segment_readers().iter().enumerate() {
        let ids = sr.fast_fields().str("id")?.ok_or(Error::MissingColumn("id"))?;
        for doc in sr.doc_ids_alive() {
            let mut id = String::new();
            if let Some(ord) = ids.term_ords(doc).next() {
                ids.ord_to_str(ord, &mut id).map_err(Error::index_io)?;
            }
            order.push((id, DocAddress::new(seg as u32, doc)));
        }
    }
    order.sort();
    Ok(order)
}

/// The stored records of `ids` that the index holds, in id order (ids it does not hold are
/// left out).
pub(crate) fn records_of<'a>(
    index: &Index,
    f: &Fields,
    ids: impl IntoIterator<Item = &'a String>,
) -> Result<Vec<DocRecord>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut out = Vec::new();
    for id in ids {
        let q = tantivy::query::TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
        for (_, addr) in searcher.search(&q, &tantivy::collector::TopDocs::with_limit(1).order_by_score())? {
            let d: TantivyDocument = searcher.doc(addr)?;
            if let Some(js) = d.get_first(f.record).and_then(|v| v.as_str()) {
                out.push(serde_json::from_str::<DocRecord>(js).map_err(Error::StoredRecord)?);
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// Call `each` with every stored record, in document id order, one at a time; the first
/// error (of the index, or of `each`) stops and is returned.
pub(crate) fn for_each_record<E: From<Error>>(
    index: &Index,
    f: &Fields,
    mut each: impl FnMut(DocRecord) -> Result<(), E>,
) -> Result<(), E> {
    let reader = index.reader().map_err(Error::from)?;
    let searcher = reader.searcher();
    for (_, addr) in sorted_by_id(&searcher)? {
        let d: TantivyDocument = searcher.doc(addr).map_err(Error::from)?;
        if let Some(js) = d.get_first(f.record).and_then(|v| v.as_str()) {
            each(serde_json::from_str(js).map_err(Error::StoredRecord)?)?;
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

/// The content key of one file and its stamp: from the stamps of the last run when the
/// stamp is unchanged (the file is not opened), else by reading it.
fn key_of(f: &SourceFile, cfg: &Config, known: &stamps::Stamps) -> Result<(String, Option<stamps::Stamp>), Error> {
    let meta = std::fs::metadata(&f.path).map_err(|e| Error::Io { path: f.path.clone(), source: e })?;
    let stamp = stamps::Stamp::of(&meta);
    if let Some(hash) =
        stamp.as_ref().filter(|_| meta.len() <= cfg.max_bytes).and_then(|s| known.hash_if_unchanged(&f.path, s))
    {
        return Ok((pipeline::key_with_rules(hash, cfg), stamp));
    }
    Ok((pipeline::content_key(&corpus::read_bytes(f, cfg.max_bytes)?, cfg), stamp))
}

/// Index (incrementally) everything under `paths` into `dir`, in [`Mode::Add`].
pub fn update(paths: &[PathBuf], dir: &Path, cfg: &Config) -> Result<(Stats, Vec<Failure>)> {
    update_with(paths, dir, cfg, Mode::Add)
}

/// Whether `dir` holds an index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").exists()
}

/// Index (incrementally) everything under `paths` into `dir` (see the module doc for
/// what stays, what goes and how ids stay unique). When no given path can be read
/// and `dir` holds no index, nothing is created.
pub(crate) fn update_with(paths: &[PathBuf], dir: &Path, cfg: &Config, mode: Mode) -> Result<(Stats, Vec<Failure>)> {
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
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, WRITER_BUDGET)
        .map_err(|e| Error::IndexLocked { path: dir.to_path_buf(), source: e })?;
    // A run killed mid-commit may leave files no commit refers to (a segment's `.del` file named
    // by the opstamp the rerun will reach again, so that its commit would fail with
    // FileAlreadyExists): remove them before writing.
    writer.garbage_collect_files().wait().map_err(|e| Error::IndexClean { path: dir.to_path_buf(), source: e })?;
    let stored = stored_files(&index, &f)?;
    let files = disc.files;
    // Content keys (new or changed content; exact duplicates).
    // Only files whose stamp (size, mtime, inode) changed are read (see `stamps`).
    let mut keys: Vec<Option<String>> = Vec::with_capacity(files.len());
    let mut file_stamps: Vec<Option<stamps::Stamp>> = Vec::with_capacity(files.len());
    let known = stamps::Stamps::load(dir);
    for h in pipeline::map_files(&files, cfg, |f, cfg| key_of(f, cfg, &known)) {
        match h {
            Ok((key, stamp)) => {
                keys.push(Some(key));
                file_stamps.push(stamp);
            }
            Err(fail) => {
                failures.push(fail);
                keys.push(None);
                file_stamps.push(None);
            }
        }
    }
    let dup_of: FxHashMap<usize, usize> = corpus::duplicates(&files, &keys).into_iter().collect();
    // (Resolved paths are clean: their bytes compare as the paths do, and hash faster.)
    let mut resolver = corpus::Resolver::default();
    let resolved: Vec<std::ffi::OsString> = files.iter().map(|s| resolver.file(&s.path).into_os_string()).collect();
    let file_at: FxHashMap<&std::ffi::OsStr, usize> =
        resolved.iter().enumerate().map(|(i, p)| (p.as_os_str(), i)).collect();
    let roots: Vec<PathBuf> = paths.iter().map(|p| corpus::resolve(p)).collect();
    // Each stored document: its file is one of this run's (it keeps its id), or it is removed, or it stays.
    let mut stored_at: Vec<Option<usize>> = vec![None; files.len()]; // file → its document in `stored`
    let mut removed: Vec<Removed> = Vec::new();
    let mut staying: HashMap<String, String> = HashMap::new(); // id → source, documents of other files
                                                               // Bytes hash → id: the part of the content key before the rules (a document indexed under
                                                               // another lexicon or release is still recognised as the same bytes).
    let bytes_of = |key: &str| pipeline::bytes_part(key).to_string();
    let mut staying_by_key: HashMap<String, String> = HashMap::new();
    for (k, st) in stored.iter().enumerate() {
        let rs = resolver.file(Path::new(&st.source));
        let gone = |reason: String| Removed { id: st.id.clone(), source: st.source.clone(), reason };
        match file_at.get(rs.as_os_str()) {
            Some(&i) if dup_of.contains_key(&i) => {
                removed.push(gone(format!("duplicate of {}", files[dup_of[&i]].path.display())))
            }
            Some(&i) if keys[i].is_none() => removed.push(gone("file no longer readable".into())),
            Some(&i) if stored_at[i].is_some() => removed.push(gone(format!(
                "same file as document {}",
                stored_at[i].map_or("", |other| stored[other].id.as_str())
            ))),
            Some(&i) => stored_at[i] = Some(k),
            None if roots.iter().any(|r| rs.starts_with(r)) => removed.push(gone("file gone".into())),
            None if mode == Mode::Mirror => removed.push(gone("not among the given paths (--mirror)".into())),
            None => {
                staying_by_key.entry(bytes_of(&st.hash)).or_insert_with(|| st.id.clone());
                staying.insert(st.id.clone(), st.source.clone());
            }
        }
    }
    // Ids: a file already indexed keeps its id; a new file's id held by another file's document gets ~N.
    let computed: FxHashSet<&str> = files.iter().map(|s| s.id.as_str()).collect();
    let mut taken: FxHashSet<&str> =
        staying.keys().map(String::as_str).chain(stored_at.iter().flatten().map(|&k| stored[k].id.as_str())).collect();
    let mut taken_now: FxHashSet<String> = FxHashSet::default(); // ids given to new files by this run
    let holder_of = |id: &str| -> String {
        staying.get(id).cloned().unwrap_or_else(|| {
            (0..files.len())
                .find(|&j| stored_at[j].is_some_and(|k| stored[k].id == id))
                .map_or_else(String::new, |j| files[j].path.display().to_string())
        })
    };
    let mut todo: Vec<SourceFile> = Vec::new();
    let mut is_update: HashSet<String> = HashSet::new();
    // The document holding the bytes of each file that others duplicate, after this run: (id,
    // source). An earlier file's (by id), so a duplicate names the document actually in the index.
    let originals: FxHashSet<usize> = dup_of.values().copied().collect();
    let mut holds: FxHashMap<usize, (String, String)> = FxHashMap::default();
    for (i, file) in files.iter().enumerate() {
        let Some(key) = &keys[i] else { continue };
        if let Some(&j) = dup_of.get(&i) {
            let (id, src) = holds
                .get(&j)
                .cloned()
                .unwrap_or_else(|| (files[j].id.to_string(), files[j].path.display().to_string()));
            stats.intake.duplicate(file, &id, &src);
            if originals.contains(&i) {
                holds.insert(i, (id, src));
            }
            continue;
        }
        let id = match stored_at[i].map(|k| &stored[k]) {
            Some(st) => {
                if st.hash == *key {
                    stats.unchanged += 1;
                    if originals.contains(&i) {
                        holds.insert(i, (st.id.clone(), file.path.display().to_string()));
                    }
                    continue;
                }
                is_update.insert(st.id.clone());
                st.id.clone()
            }
            None => {
                // Confirmed byte for byte while the other file exists (else the 64-bit hash decides).
                let same = |other: &String| {
                    let src = Path::new(&staying[other]);
                    !src.exists() || corpus::same_bytes(src, &file.path)
                };
                if let Some(other) = staying_by_key.get(&bytes_of(key)).filter(|o| same(o)) {
                    stats.intake.duplicate(file, other, &staying[other]);
                    if originals.contains(&i) {
                        holds.insert(i, (other.clone(), staying[other].clone()));
                    }
                    continue;
                }
                let want = file.id.as_str();
                if taken.contains(want) || taken_now.contains(want) {
                    let id =
                        corpus::unique_id(want, |c| taken.contains(c) || taken_now.contains(c) || computed.contains(c));
                    stats.intake.renamed.push(RenamedFile {
                        path: file.path.display().to_string(),
                        wanted: want.to_string(),
                        id: id.clone(),
                        taken_by: holder_of(want),
                    });
                    taken_now.insert(id.clone());
                    id
                } else {
                    taken.insert(want);
                    want.to_string()
                }
            }
        };
        if originals.contains(&i) {
            holds.insert(i, (id.clone(), file.path.display().to_string()));
        }
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
    let expected = |s: &Stats| (stored.len() + s.added).saturating_sub(s.removed) as u64;
    // Extraction streams into the writer (in input order, a few documents in flight per
    // thread): memory does not grow with the corpus. A commit every `batch` files.
    let (mut commits, mut since_commit) = (0usize, 0usize);
    let mut last_commit_at = std::time::Instant::now();
    pipeline::for_each_ordered(&todo, cfg, pipeline::process_for_index, |r| -> Result<()> {
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
    // A small run (a rerun that changed a few files) does not wait for the merges its commit
    // triggered: they rewrite large segments to drop a few deleted documents, and took most of
    // a 1% re-index of the article corpus. The commit is complete without them; dropping the
    // writer abandons them, and the next run's garbage collection removes their files. A
    // large run waits, so that a fresh index is merged.
    if stats.added + stats.updated + stats.removed >= batch {
        writer.wait_merging_threads()?;
    } else {
        drop(writer);
    }
    // A cache: a run that cannot write it only hashes every file again next time.
    let stamped = files
        .iter()
        .zip(&file_stamps)
        .zip(&keys)
        .filter_map(|((f, s), k)| Some((f.path.as_path(), (*s)?, k.as_deref().map(pipeline::bytes_part)?)));
    // Files of other paths (`ingest a/` then `ingest b/`) keep their stamps for their next run.
    let _ = stamps::save(dir, stamped.chain(known.outside(paths)));
    stats.opstamp_after = index.load_metas()?.opstamp;
    let reader = index.reader()?;
    reader.reload()?;
    stats.documents = reader.searcher().num_docs();
    failures.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((stats, failures))
}
