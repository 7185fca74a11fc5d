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
