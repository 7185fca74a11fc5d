//! `search`, `graph citers` and `units` state their total and page through their rows
//! (`--limit`, `--offset`): pages join up to the whole answer, each JSON line has its `rank`
//! and the `total`, the text ends with "A–B of TOTAL".
use crate::util::*;

fn index() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix").display().to_string();
    assert!(run(&["index", "--no-progress", "data/corpus", "--index", &ix]).status.success());
    (dir, ix)
}

fn lines(args: &[&str]) -> Vec<serde_json::Value> {
    let o = run(args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    jsonl(&o.stdout)
}

#[test]
fn pages_join_up_to_the_whole_answer_with_ranks_and_the_total() {
    let (_d, ix) = index();
    for (cmd, key) in [
        (vec!["search", "--index", &ix, "dân"], "id"),
        (vec!["graph", "citers", "33/CT-TTg", "--index", &ix], "doc"),
        (vec!["units", "--directive", "33/CT-TTg", "--index", &ix], "unit"),
    ] {
        let mut all_args = cmd.clone();
        all_args.extend(["--json", "--limit", "1000"]);
        let all = lines(&all_args);
        assert!(all.len() >= 3, "{cmd:?}: {}", all.len());
        let total = all.len() as u64;
        let mut paged = Vec::new();
        for off in (0..all.len()).step_by(2) {
            let o = off.to_string();
            let mut a = cmd.clone();
            a.extend(["--json", "--limit", "2", "--offset", &o]);
            for (i, l) in lines(&a).into_iter().enumerate() {
                assert_eq!(l["total"], total, "{cmd:?}");
                assert_eq!(l["rank"], (off + i + 1) as u64, "{cmd:?}");
                paged.push(l[key].clone());
            }
        }
        let whole: Vec<_> = all.iter().map(|l| l[key].clone()).collect();
        assert_eq!(paged, whole, "{cmd:?}: pages join up");
        // text: the footer states the range and the total
        let mut t = cmd.clone();
        t.extend(["--limit", "2", "--offset", "1"]);
        let out = String::from_utf8(run(&t).stdout).unwrap();
        let last = out.lines().last().unwrap();
        assert!(
            last.ends_with(&format!("2–3 of {total}")) || last.contains(&format!("2–3 of {total} document")),
            "{cmd:?}: {last}"
        );
        // past the end: nothing shown, the total still said
        let far = (total + 5).to_string();
        let mut t = cmd.clone();
        t.extend(["--offset", &far]);
        let out = String::from_utf8(run(&t).stdout).unwrap();
        assert!(out.lines().last().unwrap().contains(&total.to_string()), "{cmd:?}: {out}");
    }
}

/// `graph citers --limit` builds only the page from the index's columns
/// (`graph::indexed::citers_page`); without `--limit` the whole list is built. On an index
/// of many segments (a commit every 3 documents), over every cited directive, by id and by
/// symbol, with and without a relation filter, each page equals the same slice of the whole
/// answer, and states the same total.
#[test]
fn citers_pages_from_the_columns_equal_slices_of_the_whole_list() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    let mut sources: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("data/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .chain(shared("corpus/real").into_iter().flat_map(|d| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path())))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    sources.sort();
    // the seeds twice (the copies differ by a line, so they are documents of their own)
    for (i, p) in sources.iter().enumerate() {
        let text = std::fs::read_to_string(p).unwrap();
        write(&corpus, &format!("{i:03}.txt"), text.as_bytes());
        if i < 5 {
            write(&corpus, &format!("{i:03}b.txt"), format!("{text}\nBản sao.\n").as_bytes());
        }
    }
    let ix = dir.path().join("ix").display().to_string();
    let o = kehoach()
        .args(["index", "--no-progress", "--threads", "1", &corpus.display().to_string(), "--index", &ix])
        .env("KEHOACH_INDEX_BATCH", "3")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let top = lines(&["graph", "top", "--index", &ix, "--json", "--limit", "12"]);
    assert!(top.len() >= 5, "{}", top.len());
    let mut checked = 0;
    for t in &top {
        for name in [t["directive"].as_str().unwrap(), t["label"].as_str().unwrap()] {
            for rel in [None, Some("implements,basis")] {
                let mut whole_args = vec!["graph", "citers", name, "--index", &ix, "--json"];
                whole_args.extend(rel.iter().flat_map(|r| ["--relation", *r]));
                let o = run(&whole_args);
                if !o.status.success() {
                    // a label that is a name, not a symbol ("Luật Tổ chức …"): not a way to type it
                    assert!(name == t["label"], "{whole_args:?}");
                    continue;
                }
                let whole = jsonl(&o.stdout);
                for (off, lim) in [(0, 1), (0, 3), (1, 2), (2, 50), (whole.len().saturating_sub(1), 5)] {
                    let (o, l) = (off.to_string(), lim.to_string());
                    let mut a = whole_args.clone();
                    a.extend(["--limit", &l, "--offset", &o]);
                    let page = lines(&a);
                    let want: Vec<_> = whole.iter().skip(off).take(lim).collect();
                    assert_eq!(page.len(), want.len(), "{a:?}");
                    for (p, w) in page.iter().zip(want) {
                        let mut w = w.clone();
                        w["rank"] = p["rank"].clone();
                        assert_eq!(p, &w, "{a:?}");
                        assert_eq!(p["total"], whole.len() as u64, "{a:?}");
                    }
                    checked += page.len();
                }
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

/// Search counts its matches up to a cap: under it the total is exact (`total_exact`), past it
/// a lower bound equal to the cap; the count agrees with the number of hits a full listing gives.
#[test]
fn search_totals_are_exact_under_the_cap_and_lower_bounds_past_it() {
    use kehoach::index::search::{build_query, count, search_page, Filters};
    let (_d, ix) = index();
    let (index, f) = kehoach::index::open(std::path::Path::new(&ix)).unwrap();
    let searcher = index.reader().unwrap().searcher();
    for q in ["dân", "dan van", "\"dân vận\"", "kế hoạch OR chỉ thị"] {
        let all = search_page(&index, &f, q, &Filters::default(), 0, 1000).unwrap();
        assert!(all.total_exact && all.total == all.hits.len() && all.total >= 2, "{q}: {}", all.total);
        let (full, _) = build_query(&index, &f, q, &Filters::default()).unwrap();
        assert_eq!(count(&searcher, &full, all.total).unwrap(), (all.total, true), "{q}");
        assert_eq!(count(&searcher, &full, all.total - 1).unwrap(), (all.total - 1, false), "{q}");
        assert_eq!(count(&searcher, &full, 1).unwrap(), (1, false), "{q}");
    }
    // the JSON lines say whether the total is exact
    let l = lines(&["search", "--index", &ix, "dân", "--json", "--limit", "1"]);
    assert_eq!(l[0]["total_exact"], true);
}
