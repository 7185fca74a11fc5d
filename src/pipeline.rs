//! The pipeline driver: THE parallel seam.
//!
//! Only this module uses rayon and the progress bar. Input files arrive sorted
//! by id; an indexed `par_iter` collected into a Vec keeps that order, so the
//! output never depends on thread scheduling and `--threads 1` gives
//! byte-identical output. One bad file never stops a run: its error (or even a
//! panic inside an extractor, as an [`Error::Extract`] naming the file) becomes a
//! [`Failure`] in the report.
//! [`for_each_ordered`] streams instead of collecting (scoped worker threads and
//! a bounded reorder window): what `extract` and `index` use, so that memory does
//! not grow with the corpus.

use crate::corpus::{self, Failure, SourceFile};
use crate::domain::{fnv1a, Fnv};
use crate::error::Error;
use crate::extract::{extract_all, Doc};
use crate::gazetteer::Gazetteer;
use crate::lexicon::Lexicon;
use crate::normalize::normalize;
use crate::record::DocRecord;
use indicatif::{ParallelProgressIterator, ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;

/// Everything a run needs, validated once.
pub struct Config {
    /// Vocabularies.
    pub lexicon: Lexicon,
    /// Places.
    pub gazetteer: Gazetteer,
    /// Worker threads (None: one per core).
    pub threads: Option<usize>,
    /// Show a progress bar when stderr is a terminal.
    pub progress: bool,
    /// Files larger than this are refused with a clear error.
    pub max_bytes: u64,
    /// Files with a line longer than this (bytes) are refused with a clear error.
    pub max_line: usize,
}

/// Default file-size limit: 1 GiB.
pub(crate) const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// Default line-length limit: 1 MiB. The longest line in the real corpora is a few
/// kilobytes; a megabyte without a line break is a dump, not a plan, and the
/// extractors' line logic would spend minutes on it.
pub(crate) const DEFAULT_MAX_LINE: usize = 1 << 20;

impl Config {
    /// Embedded lexicon and gazetteer, all cores, progress on a terminal.
    pub fn embedded() -> Self {
        Config {
            lexicon: Lexicon::embedded(),
            gazetteer: Gazetteer::embedded(),
            threads: None,
            progress: true,
            max_bytes: DEFAULT_MAX_BYTES,
            max_line: DEFAULT_MAX_LINE,
        }
    }
}

/// Extract one file (pure apart from reading it).
pub fn process_one(f: &SourceFile, cfg: &Config) -> Result<DocRecord, Error> {
    let decoded = corpus::read_limited(f, cfg.max_bytes)?;
    corpus::check_lines(&f.path, &decoded.text, cfg.max_line)?;
    let mut r = process_text(f, &decoded.text, decoded.offset_base, decoded.warnings, cfg);
    (r.format, r.text_source) = (decoded.format.into(), decoded.text_source.into());
    Ok(r)
}

/// Extract already-decoded text.
pub fn process_text(f: &SourceFile, text: &str, offset_base: usize, warnings: Vec<String>, cfg: &Config) -> DocRecord {
    let norm = normalize(text);
    let doc = Doc::new(&norm, &cfg.lexicon, &cfg.gazetteer, offset_base);
    let mut r = extract_all(f.id.clone(), f.path.display().to_string(), &doc, warnings);
    let format = corpus::formats::Format::of_path(&f.path);
    (r.format, r.text_source) = (format.name().into(), format.text_source().into());
    r
}

thread_local! {
    /// Set while a file is processed under [`guarded`]: a panic there is reported as one
    /// failure line, so the panic hook stays quiet; it records where the panic happened.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Install (once) a panic hook that is silent for panics inside [`guarded`] (the failure
/// line names the file, the message and the source location) unless `RUST_BACKTRACE=full`
/// or `KEHOACH_BACKTRACE=1` asks for the whole report; other panics keep the default hook.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let verbose = std::env::var("RUST_BACKTRACE").is_ok_and(|v| v == "full")
            || std::env::var("KEHOACH_BACKTRACE").is_ok_and(|v| v == "1");
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if GUARDED.with(|g| g.get()) {
                let at = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
                if !verbose {
                    return;
                }
            }
            default(info);
        }));
    });
}

/// A panic payload as one short line: the first line of its message, at most 160 characters.
fn panic_line(p: &(dyn std::any::Any + Send)) -> String {
    let msg = p.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| p.downcast_ref::<String>().cloned());
    let msg = msg.unwrap_or_default();
    let first = msg.lines().next().unwrap_or("");
    let mut out: String = first.chars().take(160).collect();
    if out.len() < msg.len() {
        out.push('…');
    }
    out
}

fn guarded<T>(
    f: &SourceFile,
    cfg: &Config,
    job: &(impl Fn(&SourceFile, &Config) -> Result<T, Error> + Sync),
) -> Result<T, Failure> {
    install_panic_hook();
    GUARDED.with(|g| g.set(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(f, cfg)));
    GUARDED.with(|g| g.set(false));
    match r {
        Ok(Ok(rec)) => Ok(rec),
        Ok(Err(error)) => Err(Failure { path: f.path.clone(), error }),
        Err(p) => {
            let at = PANIC_AT.with(|a| a.borrow_mut().take()).map(|a| format!(" at {a}")).unwrap_or_default();
            Err(Failure {
                path: f.path.clone(),
                error: Error::Extract { file: f.path.clone(), cause: format!("{}{at}", panic_line(&*p)) },
            })
        }
    }
}

fn progress_bar(files: &[SourceFile], cfg: &Config) -> ProgressBar {
    if cfg.progress && std::io::stderr().is_terminal() && files.len() > 1 {
        let b = ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed_precise} eta {eta}").expect("template"),
        );
        b
    } else {
        ProgressBar::hidden()
    }
}

/// Run `job` on every file in parallel (the one rayon seam), results in input order.
pub fn map_files<T: Send>(
    files: &[SourceFile],
    cfg: &Config,
    job: impl Fn(&SourceFile, &Config) -> Result<T, Error> + Sync,
) -> Vec<Result<T, Failure>> {
    let bar = progress_bar(files, cfg);
    let work = || -> Vec<Result<T, Failure>> {
        files.par_iter().progress_with(bar.clone()).map(|f| guarded(f, cfg, &job)).collect()
    };
    let results = match cfg.threads {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build() {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        },
        None => work(),
    };
    bar.finish_and_clear();
    results
}

/// Results a worker may finish ahead of the oldest one not yet handed over, per thread:
/// bounds memory (only these are held) while keeping every thread busy.
const AHEAD_PER_THREAD: usize = 32;

/// Run `job` on every file in parallel and hand each result to `sink`, on the calling
/// thread and in input order, as soon as it and every result before it are done.
/// Unlike [`map_files`] nothing is collected: memory holds at most a few results per
/// thread, whatever the corpus size. The first error of `sink` stops the run (the
/// workers finish the file they are on) and is returned: the sink's own error type (the
/// index's [`Error`], the CLI's `anyhow`).
pub(crate) fn for_each_ordered<T: Send, E>(
    files: &[SourceFile],
    cfg: &Config,
    job: impl Fn(&SourceFile, &Config) -> Result<T, Error> + Sync,
    mut sink: impl FnMut(Result<T, Failure>) -> Result<(), E>,
) -> Result<(), E> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{mpsc, Condvar, Mutex};
    let threads = cfg.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let window = threads * AHEAD_PER_THREAD;
    let bar = progress_bar(files, cfg);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Index of the oldest result not yet handed to `sink`; workers wait while too far ahead.
    let handed = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, Result<T, Failure>)>();
    let result = std::thread::scope(|s| {
        for _ in 0..threads.min(files.len()) {
            let (tx, next, stop, handed, job) = (tx.clone(), &next, &stop, &handed, &job);
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= files.len() {
                    break;
                }
                {
                    let mut h = handed.0.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *h + window && !stop.load(Ordering::Relaxed) {
                        h = handed.1.wait(h).unwrap_or_else(|e| e.into_inner());
                    }
                }
                if stop.load(Ordering::Relaxed) || tx.send((i, guarded(&files[i], cfg, job))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut want = 0usize;
        let mut result = Ok(());
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                if result.is_ok() {
                    result = sink(r);
                }
                want += 1;
                bar.inc(1);
            }
            let mut h = handed.0.lock().unwrap_or_else(|e| e.into_inner());
            *h = want;
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
            handed.1.notify_all();
        }
        result
    });
    bar.finish_and_clear();
    result
}

/// What the index needs of one file: its record, its normalized text and a content hash.
pub struct Indexed {
    /// The extraction.
    pub record: DocRecord,
    /// Normalized text (searched, and shown in snippets).
    pub text: String,
    /// [`content_key`] of the file (changes when the file, the lexicon or kehoach changes).
    pub hash: String,
}

/// What the index stores to tell whether a file must be extracted again: the file's
/// bytes, the lexicon in use and the kehoach version. A grown lexicon or a new
/// release re-extracts everything on the next `index`; an unchanged file under the
/// same rules is skipped without being decoded.
pub fn content_key(bytes: &[u8], cfg: &Config) -> String {
    key_with_rules(&fnv1a(bytes), cfg)
}

/// The content key of bytes whose hash ([`fnv1a`]) is `bytes_hash`, under `cfg`'s rules.
pub(crate) fn key_with_rules(bytes_hash: &str, cfg: &Config) -> String {
    let mut rules = Fnv::default();
    rules.write(&cfg.lexicon.fingerprint.to_le_bytes());
    rules.write(env!("CARGO_PKG_VERSION").as_bytes());
    format!("{bytes_hash}-{:08x}", rules.finish() as u32)
}

/// The bytes' hash in a content key (the part before the rules).
pub(crate) fn bytes_part(key: &str) -> &str {
    key.split_once('-').map_or(key, |(b, _)| b)
}

/// Read, extract and keep the normalized text of one file.
pub fn process_for_index(f: &SourceFile, cfg: &Config) -> Result<Indexed, Error> {
    let bytes = corpus::read_bytes(f, cfg.max_bytes)?;
    let hash = content_key(&bytes, cfg);
    let decoded = corpus::decode(&f.path, &bytes)?;
    corpus::check_lines(&f.path, &decoded.text, cfg.max_line)?;
    let norm = normalize(&decoded.text);
    let doc = Doc::new(&norm, &cfg.lexicon, &cfg.gazetteer, decoded.offset_base);
    let mut record = extract_all(f.id.clone(), f.path.display().to_string(), &doc, decoded.warnings);
    (record.format, record.text_source) = (decoded.format.into(), decoded.text_source.into());
    Ok(Indexed { record, text: norm.text, hash })
}

/// Content hash of one file as [`process_for_index`] computes it (to skip unchanged files
/// without decoding them).
pub(crate) fn content_hash(f: &SourceFile, cfg: &Config) -> Result<String, Error> {
    Ok(content_key(&corpus::read_bytes(f, cfg.max_bytes)?, cfg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::DocId;

    fn files() -> Vec<SourceFile> {
        ["ok", "bad", "ok2"].map(|id| SourceFile { id: DocId(id.into()), path: format!("in/{id}.txt").into() }).to_vec()
    }

    fn job(f: &SourceFile, _: &Config) -> Result<String, Error> {
        if f.id.as_str() == "bad" {
            panic!("index out of bounds\nsecond line");
        }
        Ok(f.id.to_string())
    }

    fn check(results: &[Result<String, Failure>]) {
        assert_eq!(results[0].as_deref().ok(), Some("ok"));
        assert_eq!(results[2].as_deref().ok(), Some("ok2"), "the run goes on after a panic");
        let fail = results[1].as_ref().expect_err("the panic is a failure");
        assert_eq!(fail.path, std::path::PathBuf::from("in/bad.txt"));
        let Error::Extract { file, cause } = &fail.error else { panic!("not Error::Extract: {:?}", fail.error) };
        assert_eq!(file, &std::path::PathBuf::from("in/bad.txt"));
        assert!(cause.starts_with("index out of bounds…") && cause.contains("pipeline.rs:"), "{cause}");
        let line = fail.error.to_string();
        assert!(line.starts_with("in/bad.txt: internal error while extracting (please report): index out of bounds"));
        assert!(!line.contains('\n'), "one line: {line}");
    }

    #[test]
    fn an_extractor_panic_is_an_extract_error_naming_the_file() {
        let cfg = Config { threads: Some(2), progress: false, ..Config::embedded() };
        check(&map_files(&files(), &cfg, job));
        let mut streamed = Vec::new();
        for_each_ordered(&files(), &cfg, job, |r| -> Result<(), Error> {
            streamed.push(r);
            Ok(())
        })
        .unwrap();
        check(&streamed);
    }
}
