//! Crash safety of `kehoach index`: SIGKILL at random moments, and a full disk.
//!
//! After every kill the index must open, answer queries, hold exactly what its
//! last commit says (the commit payload's document count), and never a
//! duplicate; a rerun must bring it to the whole corpus. A full disk must give
//! a clear error and leave the last commit readable, never a half-written index
//! that claims success.
use crate::util::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

static CONFIG: LazyLock<kehoach::pipeline::Config> = LazyLock::new(kehoach::pipeline::Config::embedded);

/// Documents of the test corpus (seed texts with a distinct line each) and commit size.
const DOCS: usize = 40;
const BATCH: &str = "4";

fn corpus(dir: &Path, version: usize) -> BTreeMap<String, String> {
    let seeds: Vec<String> = std::fs::read_dir(root().join("data/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|p| {
            // The head of each seed (title, citations, the slogan): small documents keep the test quick.
            let t = std::fs::read_to_string(p).unwrap();
            t.char_indices().take_while(|(i, _)| *i < 6000).map(|(_, c)| c).collect()
        })
        .collect();
    let mut hashes = BTreeMap::new();
    for i in 0..DOCS {
        // Every 7th document changes with the version: updates are in flight too.
        let v = if i % 7 == 0 { version } else { 0 };
        let text = format!("{}\nGhi chú số {i}, bản {v}.\n", seeds[i % seeds.len()]);
        let id = format!("doc_{i:04}");
        write(dir, &format!("{id}.txt"), text.as_bytes());
        hashes.insert(id, kehoach::pipeline::content_key(text.as_bytes(), &CONFIG));
    }
    hashes
}

/// What a killed or failed run left: (documents, ids). Panics with `ctx` unless the
/// index opens, answers a query, matches its last commit and has no duplicate.
fn check_consistent(ix: &Path, corpus: &BTreeMap<String, String>, ctx: &str) -> BTreeSet<String> {
    if !ix.join("meta.json").exists() {
        return BTreeSet::new(); // killed before the index was created
    }
    let (index, fields) = kehoach::index::open(ix).unwrap_or_else(|e| panic!("{ctx}: index does not open: {e:#}"));
    let docs = kehoach::index::stored_ids(&index, &fields).unwrap();
    let ids: BTreeSet<String> = docs.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(ids.len(), docs.len(), "{ctx}: duplicate documents");
    assert!(ids.iter().all(|id| corpus.contains_key(id)), "{ctx}: unknown documents");
    let last = kehoach::index::last_commit(&index).unwrap();
    assert_eq!(last.map_or(0, |c| c.documents), docs.len() as u64, "{ctx}: index differs from its last commit");
    let filters = kehoach::index::search::Filters::default();
    let hits = kehoach::index::search::search(&index, &fields, "dan van", &filters, 1000)
        .unwrap_or_else(|e| panic!("{ctx}: query failed: {e:#}"));
    assert_eq!(hits.len(), docs.len(), "{ctx}: every document says dân vận");
    ids
}

fn check_complete(ix: &Path, corpus: &BTreeMap<String, String>, ctx: &str) {
    let ids = check_consistent(ix, corpus, ctx);
    assert_eq!(ids.len(), corpus.len(), "{ctx}: documents missing after a full run");
    let (index, fields) = kehoach::index::open(ix).unwrap();
    let stored: BTreeMap<String, String> = kehoach::index::stored_ids(&index, &fields).unwrap().into_iter().collect();
    assert_eq!(&stored, corpus, "{ctx}: stale versions after a full run");
}

fn index_cmd(corpus: &Path, ix: &Path) -> std::process::Command {
    let mut c = kehoach();
    c.args(["index", corpus.to_str().unwrap(), "--index", ix.to_str().unwrap(), "--no-progress", "--threads", "2"])
        .env("KEHOACH_INDEX_BATCH", BATCH)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    c
}

#[cfg(unix)]
#[test]
fn sigkill_at_random_moments_never_corrupts_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let (c, ix) = (dir.path().join("corpus"), dir.path().join("ix"));
    let mut hashes = corpus(&c, 0);
    // How long a full run takes here, to spread the kills over it.
    let probe = dir.path().join("probe");
    let t = Instant::now();
    assert!(index_cmd(&c, &probe).status().unwrap().success());
    let full = t.elapsed().as_millis().max(20) as u64;
    let mut seed: u64 = 0x6b65_686f_6163_6821; // fixed: the same moments every run
    let mut moments = Vec::new();
    for run in 0..20 {
        if run % 5 == 4 {
            hashes = corpus(&c, run); // change some files: updates get killed too
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let at = seed % (full * 6 / 5);
        moments.push(at);
        let mut child = index_cmd(&c, &ix).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(at));
        let _ = child.kill(); // SIGKILL (the run may also have finished)
        let status = child.wait().unwrap();
        let ctx = format!("kill {run} at {at} ms of ~{full} ms ({status}); moments {moments:?}");
        check_consistent(&ix, &hashes, &ctx);
    }
    let out = index_cmd(&c, &ix).stderr(std::process::Stdio::piped()).output().unwrap();
    assert!(
        out.status.success(),
        "rerun after 20 kills failed ({}); moments {moments:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    check_complete(&ix, &hashes, "rerun after 20 kills");
}

/// Run `script` in a private mount namespace (`unshare -m` as root, `-rm` otherwise),
/// where it may mount a small tmpfs. None when this machine cannot do that.
#[cfg(unix)]
fn in_mount_namespace(script: &str, env: &[(&str, &Path)]) -> Option<std::process::Output> {
    let root = std::process::Command::new("id").arg("-u").output().ok()?.stdout == b"0\n";
    let mut c = std::process::Command::new("unshare");
    c.arg(if root { "-m" } else { "-rm" }).args(["--propagation", "private", "sh", "-c", script]);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().ok()?;
    (out.status.code() != Some(97)).then_some(out)
}

#[cfg(unix)]
#[test]
fn a_full_disk_gives_a_clear_error_and_keeps_the_last_commit() {
    let dir = tempfile::tempdir().unwrap();
    let (c, mnt, out) = (dir.path().join("corpus"), dir.path().join("mnt"), dir.path().join("out"));
    std::fs::create_dir_all(&mnt).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let hashes = corpus(&c, 0);
    let script = r#"
        set -u
        mount -t tmpfs -o size=240k tmpfs "$MNT" || exit 97
        KEHOACH_INDEX_BATCH=4 "$K" index "$CORPUS" --index "$MNT/ix" --no-progress --threads 2 >"$OUT/full.out" 2>"$OUT/full.err"
        echo $? >"$OUT/full.rc"
        cp -a "$MNT/ix" "$OUT/ix-full"
        mount -o remount,size=256m "$MNT"
        KEHOACH_INDEX_BATCH=4 "$K" index "$CORPUS" --index "$MNT/ix" --no-progress --threads 2 >"$OUT/rerun.out" 2>"$OUT/rerun.err"
        echo $? >"$OUT/rerun.rc"
        cp -a "$MNT/ix" "$OUT/ix-rerun"
    "#;
    let k = Path::new(env!("CARGO_BIN_EXE_kehoach"));
    let env = [("MNT", mnt.as_path()), ("OUT", out.as_path()), ("CORPUS", c.as_path()), ("K", k)];
    let Some(res) = in_mount_namespace(script, &env) else {
        assert!(std::env::var_os("CI").is_none(), "CI must be able to mount a tmpfs for the full-disk test");
        eprintln!(
            "SKIPPED a_full_disk_gives_a_clear_error_and_keeps_the_last_commit: no tmpfs in a mount namespace here"
        );
        return;
    };
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap_or_default();
    assert!(res.status.success(), "script: {}", String::from_utf8_lossy(&res.stderr));
    let err = read("full.err");
    assert_eq!(read("full.rc").trim(), "2", "a full disk is a failed command, not success: {err}");
    assert!(err.starts_with("kehoach: ") && err.contains("No space left on device"), "clear error: {err}");
    assert!(err.contains("/ix"), "names the index: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    let kept = check_consistent(&out.join("ix-full"), &hashes, "after the disk filled up");
    assert!(kept.len() < DOCS, "the small disk really filled up ({} documents fit)", kept.len());
    assert_eq!(read("rerun.rc").trim(), "0", "rerun with space: {}", read("rerun.err"));
    check_complete(&out.join("ix-rerun"), &hashes, "rerun once there is space");
}

/// A run killed after writing a segment's delete file but before its commit leaves that file
/// behind, registered in `.managed.json`; the rerun reaches the same opstamp and must not fail
/// on "FileAlreadyExists" (it did in CI: the writer now collects such files first).
#[test]
fn a_killed_run_s_orphan_files_do_not_block_the_rerun() {
    let dir = tempfile::tempdir().unwrap();
    let (c, snap, ix) = (dir.path().join("corpus"), dir.path().join("snap"), dir.path().join("ix"));
    corpus(&c, 0);
    assert!(index_cmd(&c, &snap).status().unwrap().success());
    let copy = |from: &Path, to: &Path| {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    };
    copy(&snap, &ix);
    // The update (one changed file) commits on a copy: its new files are what a killed run
    // would have left.
    let f = c.join("doc_0001.txt");
    let text = std::fs::read_to_string(&f).unwrap() + "Sửa đổi.\n";
    std::fs::write(&f, text).unwrap();
    assert!(index_cmd(&c, &ix).status().unwrap().success());
    let before: BTreeSet<_> = std::fs::read_dir(&snap).unwrap().map(|e| e.unwrap().file_name()).collect();
    let orphans: Vec<_> = std::fs::read_dir(&ix)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| !before.contains(n) && n.to_string_lossy().ends_with(".del"))
        .collect();
    let new: Vec<_> =
        std::fs::read_dir(&ix).unwrap().map(|e| e.unwrap().file_name()).filter(|n| !before.contains(n)).collect();
    assert!(!orphans.is_empty(), "the update wrote delete files: {new:?}");
    let managed = snap.join(".managed.json");
    let mut list: Vec<String> = serde_json::from_str(&std::fs::read_to_string(&managed).unwrap()).unwrap();
    for o in &orphans {
        std::fs::copy(ix.join(o), snap.join(o)).unwrap();
        list.push(o.to_string_lossy().into_owned());
    }
    std::fs::write(&managed, serde_json::to_string(&list).unwrap()).unwrap();
    let out = index_cmd(&c, &snap).stderr(std::process::Stdio::piped()).output().unwrap();
    assert!(out.status.success(), "rerun over a killed run's files: {}", String::from_utf8_lossy(&out.stderr));
}
