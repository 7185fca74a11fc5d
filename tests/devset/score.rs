//! Scorer of the development set (`tests/devset/`): runs kehoach's extraction on every
//! document of `docs/` in-process and compares the record with the hand annotation in
//! `gold/<id>.json`, field by field (precision, recall, F1, micro-averaged over the
//! documents), per text shape and overall.
//!
//! Shared, through `#[path]`, by the CI check (`tests/devset.rs`, which compares with
//! `baseline.json`) and the command line (`cargo run --release --example devset --
//! [--misses] [--shape web]`). It reads the record as JSON, so fields the record gains
//! later (`tasks`, `generic`) are scored as soon as they exist.
//!
//! Example: gold unit "UBND các xã, phường" (lead) and predicted unit with canonical
//! "Ủy ban nhân dân các xã, phường" (lead) share the key "ủy ban nhân dân các xã,phường"…
//! the comparison rules are in `tests/devset/README.md`. Limits: names are compared by a
//! normalised key, not by meaning ("Sở Tài chính" ≠ "Sở Tài chính tỉnh").
#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The text shapes of the development set.
pub const SHAPES: &[&str] = &["web", "word", "pdftotext", "antiword", "layout", "ocr", "md"];

/// The scored fields, in table order. `units` is the (name, role) set, `unit_names` the
/// role-agnostic set; `units_specific`/`units_generic` split `units` by the gold's
/// `generic` flag; `deadline_dues` is the set of due dates alone.
pub const FIELDS: &[&str] = &[
    "number",
    "kind",
    "date",
    "issuer",
    "title",
    "signer",
    "meta",
    "directives",
    "units",
    "unit_names",
    "units_specific",
    "units_generic",
    "tasks",
    "deadlines",
    "deadline_dues",
];

/// True and false positives, false negatives.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Count {
    pub fn add(&mut self, o: Count) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0).then(|| self.tp as f64 / (self.tp + self.fp) as f64)
    }
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0).then(|| self.tp as f64 / (self.tp + self.fn_) as f64)
    }
    /// 2TP / (2TP + FP + FN); None when there is nothing to count.
    pub fn f1(&self) -> Option<f64> {
        let d = 2 * self.tp + self.fp + self.fn_;
        (d > 0).then(|| 2.0 * self.tp as f64 / d as f64)
    }
}

/// Among units found under the gold name, how many have the gold's role.
#[derive(Debug, Default, Clone, Copy)]
pub struct RoleAcc {
    pub matched: usize,
    pub agree: usize,
}

impl RoleAcc {
    pub fn value(&self) -> Option<f64> {
        (self.matched > 0).then(|| self.agree as f64 / self.matched as f64)
    }
}

/// The scores of one document (or a sum of documents).
#[derive(Debug, Default, Clone)]
pub struct Score {
    pub counts: BTreeMap<&'static str, Count>,
    pub role: RoleAcc,
    /// Among cited directives found, how many have the gold's strongest relation.
    pub relation: RoleAcc,
    /// Documents whose record has a `tasks` array (else the `tasks` row is n/a).
    pub tasks_scored: usize,
    pub docs: usize,
}

impl Score {
    fn count(&mut self, field: &'static str, c: Count) {
        self.counts.entry(field).or_default().add(c);
    }
    pub fn add(&mut self, o: &Score) {
        for (f, c) in &o.counts {
            self.count(f, *c);
        }
        self.role.matched += o.role.matched;
        self.role.agree += o.role.agree;
        self.relation.matched += o.relation.matched;
        self.relation.agree += o.relation.agree;
        self.tasks_scored += o.tasks_scored;
        self.docs += o.docs;
    }
    /// F1 of a field, None when n/a.
    pub fn f1(&self, field: &str) -> Option<f64> {
        if field == "tasks" && self.tasks_scored == 0 {
            return None;
        }
        self.counts.get(field).and_then(|c| c.f1())
    }
}

/// One document's result: its score and the readable misses.
pub struct DocResult {
    pub id: String,
    pub shape: String,
    pub score: Score,
    pub misses: Vec<String>,
}

// ---------------------------------------------------------------- normalisation

/// NFC and single spaces.
pub fn clean(s: &str) -> String {
    let s: String = s.nfc().collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The two accepted tone placements ("hòa"/"hoà", "ủy"/"uỷ") written one way.
fn tone(s: &str) -> String {
    const PAIRS: &[(&str, &str)] = &[
        ("òa", "oà"),
        ("óa", "oá"),
        ("ỏa", "oả"),
        ("õa", "oã"),
        ("ọa", "oạ"),
        ("òe", "oè"),
        ("óe", "oé"),
        ("ỏe", "oẻ"),
        ("õe", "oẽ"),
        ("ọe", "oẹ"),
        ("ùy", "uỳ"),
        ("úy", "uý"),
        ("ủy", "uỷ"),
        ("ũy", "uỹ"),
        ("ụy", "uỵ"),
    ];
    let mut s = s.to_string();
    for (a, b) in PAIRS {
        if s.contains(a) {
            s = s.replace(a, b);
        }
    }
    s
}

fn trim_punct(s: &str) -> &str {
    let s = s.trim_end_matches("./.");
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '-' | '–' | '*' | '+' | '/'))
}

/// Case-folded comparison form: NFC, spaces collapsed, lower case, one tone placement,
/// dashes unified, no surrounding punctuation.
pub fn fold(s: &str) -> String {
    let s = clean(&s.replace(['–', '—'], "-")).to_lowercase();
    tone(trim_punct(&s))
}

/// A document symbol's comparison form: NFC, no spaces, upper case ("24/2023/NĐ -CP" →
/// "24/2023/NĐ-CP").
pub fn symbol_key(s: &str) -> String {
    let s: String = s.nfc().filter(|c| !c.is_whitespace()).collect();
    let s = trim_punct(&s).to_uppercase();
    // "011/TT-LĐCL" and "11/TT-LĐCL" are one number.
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let zeros = s.bytes().take_while(|&b| b == b'0').count().min(digits.saturating_sub(1));
    s[zeros..].to_string()
}

/// Abbreviations of `data/lexicon/unit_abbrev.tsv`, longest first.
pub fn abbreviations() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = include_str!("../../data/lexicon/unit_abbrev.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (clean(a), clean(b)))
        .collect();
    v.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.0.cmp(&b.0)));
    v
}

/// Replace whole-word abbreviations (case as written: "UBND", not "ubnd").
fn expand(s: &str, abbrev: &[(String, String)]) -> String {
    let mut s = s.to_string();
    for (a, b) in abbrev {
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(i) = rest.find(a.as_str()) {
            let before = rest[..i].chars().next_back();
            let after = rest[i + a.len()..].chars().next();
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            out.push_str(&rest[..i]);
            if word(before) || word(after) {
                out.push_str(a);
            } else {
                out.push_str(b);
            }
            rest = &rest[i + a.len()..];
        }
        out.push_str(rest);
        s = out;
    }
    s
}

/// A unit name's comparison key: abbreviations expanded (UBND → Ủy ban nhân dân …),
/// "&" read as "và", case-folded, spaces collapsed and removed around hyphens and
/// commas, a leading "các"/"những" dropped.
pub fn unit_key(name: &str, abbrev: &[(String, String)]) -> String {
    let s = clean(&name.replace(['–', '—'], "-"));
    let s = expand(&s, abbrev).replace('&', " và ");
    let mut s = fold(&s);
    for (a, b) in [(" -", "-"), ("- ", "-"), (" ,", ","), (", ", ",")] {
        while s.contains(a) {
            s = s.replace(a, b);
        }
    }
    // A leading "các"/"những" and the honorific "đồng chí"/"đ/c" ("Các đ/c Phó Chủ tịch").
    for lead in ["các ", "những ", "đồng chí ", "đ/c "] {
        if let Some(r) = s.strip_prefix(lead) {
            s = r.to_string();
        }
    }
    // The head of a body stands for the body: "Chủ tịch UBND các xã" = "UBND các xã",
    // "Giám đốc Sở Tư pháp" = "Sở Tư pháp", "Chánh Văn phòng UBND tỉnh" = "Văn phòng UBND tỉnh".
    const HEADS: &[&str] = &["người đứng đầu ", "thủ trưởng ", "giám đốc ", "chánh ", "chủ tịch ", "trưởng "];
    const BODIES: &[&str] =
        &["uỷ ban", "sở ", "văn phòng", "ban ", "bộ ", "các ", "cơ quan", "công an", "trung tâm", "phòng ", "cục "];
    for h in HEADS {
        if let Some(r) = s.strip_prefix(h) {
            if BODIES.iter().any(|b| r.starts_with(b)) {
                s = r.strip_prefix("các ").unwrap_or(r).to_string();
                break;
            }
        }
    }
    s
}

/// A title's comparison form: folded, without the kind word or "V/v" in front.
pub fn title_key(title: &str, kinds: &[&str]) -> String {
    let mut t = fold(title);
    for k in kinds {
        let k = fold(k);
        if !k.is_empty() {
            if let Some(r) = t.strip_prefix(&k) {
                if r.is_empty() || r.starts_with(' ') {
                    t = r.trim_start().to_string();
                }
            }
        }
    }
    for p in ["v/v ", "v/v:"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim_start().to_string();
        }
    }
    fold(&t)
}

/// A generic collective ("các cơ quan, đơn vị liên quan") when the record does not say.
pub fn looks_generic(name: &str) -> bool {
    let f = fold(name);
    f.starts_with("các ") || f.starts_with("những ") || f.contains("liên quan") || f.starts_with("cơ quan, đơn vị")
}

// ---------------------------------------------------------------- matching

fn s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

fn arr<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// One-to-one greedy matching of gold items to predicted items: returns, for each gold
/// item, the index of its predicted partner.
fn match_items<G, P>(gold: &[G], pred: &[P], ok: impl Fn(&G, &P) -> bool) -> Vec<Option<usize>> {
    let mut used = vec![false; pred.len()];
    gold.iter()
        .map(|g| {
            let j = (0..pred.len()).find(|&j| !used[j] && ok(g, &pred[j]))?;
            used[j] = true;
            Some(j)
        })
        .collect()
}

fn tally<G, P>(
    gold: &[G],
    pred: &[P],
    m: &[Option<usize>],
    field: &str,
    show_g: impl Fn(&G) -> String,
    show_p: impl Fn(&P) -> String,
    misses: &mut Vec<String>,
) -> Count {
    let tp = m.iter().flatten().count();
    let mut hit = vec![false; pred.len()];
    for (g, j) in gold.iter().zip(m) {
        match j {
            Some(j) => hit[*j] = true,
            None => misses.push(format!("{field} FN: {}", show_g(g))),
        }
    }
    for (p, h) in pred.iter().zip(&hit) {
        if !h {
            misses.push(format!("{field} FP: {}", show_p(p)));
        }
    }
    Count { tp, fp: pred.len() - tp, fn_: gold.len() - tp }
}

fn meta_field(
    field: &'static str,
    gold: Option<String>,
    pred: Option<String>,
    shown: (Option<&str>, Option<&str>),
    sc: &mut Score,
    misses: &mut Vec<String>,
) {
    let c = match (&gold, &pred) {
        (None, None) => return,
        (Some(g), Some(p)) if g == p => Count { tp: 1, fp: 0, fn_: 0 },
        (Some(_), Some(_)) => Count { tp: 0, fp: 1, fn_: 1 },
        (Some(_), None) => Count { tp: 0, fp: 0, fn_: 1 },
        (None, Some(_)) => Count { tp: 0, fp: 1, fn_: 0 },
    };
    if c.tp == 0 {
        misses.push(format!("{field}: gold «{}» got «{}»", shown.0.unwrap_or("∅"), shown.1.unwrap_or("∅")));
    }
    sc.count(field, c);
    sc.count("meta", c);
}

fn directive_key(d: &Value) -> Option<String> {
    if let Some(sym) = s(d, "symbol") {
        return Some(symbol_key(sym));
    }
    s(d, "name").map(|n| format!("law:{}", fold(n)))
}

fn role_rank(r: &str) -> u8 {
    match r {
        "lead" => 0,
        "support" => 1,
        _ => 2,
    }
}

/// A predicted unit (or task row): its keys (name and canonical), role, generic flag.
struct PUnit {
    keys: Vec<String>,
    shown: String,
    role: String,
    generic: bool,
    due: Option<String>,
}

fn punit(u: &Value, unit_field: &str, ab: &[(String, String)]) -> PUnit {
    let name = s(u, unit_field).unwrap_or("");
    let mut keys = vec![unit_key(name, ab)];
    if let Some(c) = s(u, "canonical") {
        let k = unit_key(c, ab);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let generic = u.get("generic").and_then(Value::as_bool).unwrap_or_else(|| looks_generic(name));
    PUnit {
        keys,
        shown: name.to_string(),
        role: s(u, "role").unwrap_or("").to_string(),
        generic,
        due: s(u, "due").map(str::to_string),
    }
}

/// Score one record against its gold annotation.
pub fn score_doc(gold: &Value, rec: &Value, ab: &[(String, String)]) -> (Score, Vec<String>) {
    let mut sc = Score { docs: 1, ..Score::default() };
    let mut misses = Vec::new();
    let (gm, pm) = (gold.get("meta").unwrap_or(&Value::Null), rec.get("meta").unwrap_or(&Value::Null));

    // Meta.
    let g_kind = s(gm, "kind");
    let p_kind = s(pm, "kind");
    let p_signer = pm.get("signer").and_then(|x| s(x, "name"));
    meta_field(
        "number",
        s(gm, "number").map(symbol_key),
        s(pm, "number").map(symbol_key),
        (s(gm, "number"), s(pm, "number")),
        &mut sc,
        &mut misses,
    );
    meta_field("kind", g_kind.map(fold), p_kind.map(fold), (g_kind, p_kind), &mut sc, &mut misses);
    meta_field(
        "date",
        s(gm, "date").map(str::to_string),
        s(pm, "date").map(str::to_string),
        (s(gm, "date"), s(pm, "date")),
        &mut sc,
        &mut misses,
    );
    meta_field(
        "issuer",
        s(gm, "issuer").map(|x| unit_key(x, ab)),
        s(pm, "issuer").map(|x| unit_key(x, ab)),
        (s(gm, "issuer"), s(pm, "issuer")),
        &mut sc,
        &mut misses,
    );
    let kinds: Vec<&str> = [g_kind, p_kind].into_iter().flatten().collect();
    meta_field(
        "title",
        s(gm, "title").map(|t| title_key(t, &kinds)),
        s(pm, "title").map(|t| title_key(t, &kinds)),
        (s(gm, "title"), s(pm, "title")),
        &mut sc,
        &mut misses,
    );
    meta_field(
        "signer",
        s(gm, "signer").map(fold),
        p_signer.map(fold),
        (s(gm, "signer"), p_signer),
        &mut sc,
        &mut misses,
    );

    // Directives: sets of keys.
    let set = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = arr(v, "directives").iter().filter_map(directive_key).collect();
        k.sort();
        k.dedup();
        k
    };
    let (gd, pd) = (set(gold), set(rec));
    let m = match_items(&gd, &pd, |g, p| g == p);
    let c = tally(&gd, &pd, &m, "directives", |g| g.clone(), |p| p.clone(), &mut misses);
    sc.count("directives", c);
    // Relations: the gold's strongest relation against the record's `relations[0]`, over
    // the directives found (a record before schema 5 has none: not scored).
    let relation_of = |v: &Value, key: &str| -> Option<String> {
        arr(v, "directives").iter().find(|d| directive_key(d).as_deref() == Some(key)).and_then(|d| {
            s(d, "relation")
                .map(str::to_string)
                .or_else(|| arr(d, "relations").first().and_then(Value::as_str).map(str::to_string))
        })
    };
    for (g, j) in gd.iter().zip(&m) {
        let (Some(j), Some(want)) = (j, relation_of(gold, g)) else { continue };
        let Some(got) = relation_of(rec, &pd[*j]) else { continue };
        sc.relation.matched += 1;
        if got == want {
            sc.relation.agree += 1;
        } else {
            misses.push(format!("relation: {g} gold {want} got {got}"));
        }
    }

    // Units.
    let gu: Vec<(String, String, bool, String)> = {
        let mut v: Vec<_> = arr(gold, "units")
            .iter()
            .map(|u| {
                let name = s(u, "name").unwrap_or("");
                let generic = u.get("generic").and_then(Value::as_bool).unwrap_or(false);
                (unit_key(name, ab), s(u, "role").unwrap_or("").to_string(), generic, name.to_string())
            })
            .collect();
        v.sort();
        v.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        v
    };
    // One predicted (unit, role) per role the unit has (`roles`, schema 3), else its `role`.
    let pu: Vec<PUnit> = arr(rec, "units")
        .iter()
        .flat_map(|u| {
            let roles: Vec<String> = arr(u, "roles").iter().filter_map(Value::as_str).map(str::to_string).collect();
            let base = punit(u, "name", ab);
            if roles.len() <= 1 {
                return vec![base];
            }
            roles
                .into_iter()
                .map(|role| PUnit { role, keys: base.keys.clone(), shown: base.shown.clone(), ..punit(u, "name", ab) })
                .collect()
        })
        .collect();
    let show_g =
        |g: &(String, String, bool, String)| format!("{} [{}{}]", g.3, g.1, if g.2 { ", generic" } else { "" });
    let show_p = |p: &PUnit| format!("{} [{}]", p.shown, p.role);
    let m = match_items(&gu, &pu, |g, p| p.keys.contains(&g.0) && p.role == g.1);
    sc.count("units", tally(&gu, &pu, &m, "units", show_g, show_p, &mut misses));
    for (field, generic) in [("units_specific", false), ("units_generic", true)] {
        let g: Vec<_> = gu.iter().filter(|g| g.2 == generic).cloned().collect();
        // A predicted unit counts as generic when it matches a generic gold name, else by its flag.
        let p: Vec<&PUnit> = pu
            .iter()
            .filter(|p| {
                let gold_generic = gu.iter().find(|g| p.keys.contains(&g.0)).map(|g| g.2);
                gold_generic.unwrap_or(p.generic) == generic
            })
            .collect();
        let m = match_items(&g, &p, |g, p| p.keys.contains(&g.0) && p.role == g.1);
        let mut sink = Vec::new();
        sc.count(field, tally(&g, &p, &m, field, show_g, |p| show_p(p), &mut sink));
    }
    // Role-agnostic names, and the role of the names found.
    let mut names: Vec<(String, String, Vec<String>)> = Vec::new();
    for g in &gu {
        match names.iter_mut().find(|n| n.0 == g.0) {
            Some(n) => n.2.push(g.1.clone()),
            None => names.push((g.0.clone(), g.3.clone(), vec![g.1.clone()])),
        }
    }
    let mut pn: Vec<&PUnit> = Vec::new();
    for p in &pu {
        if !pn.iter().any(|q| q.keys.iter().any(|k| p.keys.contains(k))) {
            pn.push(p);
        }
    }
    let m = match_items(&names, &pn, |g, p| p.keys.contains(&g.0));
    sc.count("unit_names", tally(&names, &pn, &m, "unit_names", |g| g.1.clone(), |p| p.shown.clone(), &mut Vec::new()));
    for (g, j) in names.iter().zip(&m) {
        if let Some(j) = j {
            // Per-unit view: the record gives a unit's strongest role; compare with the gold's strongest.
            let strongest = g.2.iter().min_by_key(|r| role_rank(r)).cloned().unwrap_or_default();
            let roles: Vec<&str> = pu.iter().filter(|p| p.keys.contains(&g.0)).map(|p| p.role.as_str()).collect();
            let predicted = roles.iter().min_by_key(|r| role_rank(r)).copied().unwrap_or(pn[*j].role.as_str());
            sc.role.matched += 1;
            if predicted == strongest {
                sc.role.agree += 1;
            } else {
                misses.push(format!("role: {} gold {strongest} got {predicted}", g.1));
            }
        }
    }

    // Tasks: (unit, role, due) rows, when the record has them.
    if let Some(pt) = rec.get("tasks").and_then(Value::as_array) {
        if gold.get("tasks_complete").and_then(Value::as_bool) != Some(false) {
            sc.tasks_scored += 1;
            let gt: Vec<(String, String, Option<String>, String)> = arr(gold, "tasks")
                .iter()
                .map(|t| {
                    let u = s(t, "unit").unwrap_or("");
                    (
                        unit_key(u, ab),
                        s(t, "role").unwrap_or("").to_string(),
                        s(t, "due").map(str::to_string),
                        u.to_string(),
                    )
                })
                .collect();
            let pt: Vec<PUnit> = pt.iter().map(|t| punit(t, "unit", ab)).collect();
            let m = match_items(&gt, &pt, |g, p| p.keys.contains(&g.0) && p.role == g.1 && p.due == g.2);
            let c = tally(
                &gt,
                &pt,
                &m,
                "tasks",
                |g| format!("{} [{}] due {}", g.3, g.1, g.2.as_deref().unwrap_or("∅")),
                |p| format!("{} [{}] due {}", p.shown, p.role, p.due.as_deref().unwrap_or("∅")),
                &mut misses,
            );
            sc.count("tasks", c);
        }
    }

    // Deadlines: (text, due), distinct; a match needs equal due and overlapping texts.
    let dl = |v: &Value| -> Vec<(String, Option<String>, String)> {
        let mut d: Vec<_> = arr(v, "deadlines")
            .iter()
            .map(|d| {
                let t = s(d, "text").unwrap_or("");
                (fold(t), s(d, "due").map(str::to_string), clean(t))
            })
            .collect();
        d.sort();
        d.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        d
    };
    let (gdl, pdl) = (dl(gold), dl(rec));
    let m = match_items(&gdl, &pdl, |g, p| {
        g.1 == p.1 && !g.0.is_empty() && !p.0.is_empty() && (g.0.contains(&p.0) || p.0.contains(&g.0))
    });
    let show = |d: &(String, Option<String>, String)| format!("«{}» due {}", d.2, d.1.as_deref().unwrap_or("∅"));
    sc.count("deadlines", tally(&gdl, &pdl, &m, "deadlines", show, show, &mut misses));
    let dues = |d: &[(String, Option<String>, String)]| -> Vec<String> {
        let mut v: Vec<String> = d.iter().filter_map(|d| d.1.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let (gdu, pdu) = (dues(&gdl), dues(&pdl));
    let m = match_items(&gdu, &pdu, |g, p| g == p);
    sc.count("deadline_dues", tally(&gdu, &pdu, &m, "deadline_dues", |g| g.clone(), |p| p.clone(), &mut Vec::new()));

    for f in FIELDS {
        sc.counts.entry(f).or_default();
    }
    (sc, misses)
}

// ---------------------------------------------------------------- the set

/// The development set's directory.
pub fn devset_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/devset")
}

/// Every (id, document path, gold) of the set, sorted by id; an error names the file.
pub fn load(dir: &Path) -> Result<Vec<(String, PathBuf, Value)>, String> {
    let mut docs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for e in std::fs::read_dir(dir.join("docs")).map_err(|e| format!("{}: {e}", dir.join("docs").display()))? {
        let p = e.map_err(|e| e.to_string())?.path();
        let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if docs.insert(stem.clone(), p.clone()).is_some() {
            return Err(format!("{}: two documents share the id {stem}", p.display()));
        }
    }
    let mut out = Vec::new();
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .map_err(|e| format!("{}: {e}", dir.join("gold").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    golds.sort();
    for g in golds {
        let text = std::fs::read_to_string(&g).map_err(|e| format!("{}: {e}", g.display()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: invalid JSON: {e}", g.display()))?;
        let id = g.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        check_gold(&id, &v).map_err(|e| format!("{}: {e}", g.display()))?;
        let doc = docs.remove(&id).ok_or_else(|| format!("{}: no document docs/{id}.txt or .md", g.display()))?;
        out.push((id, doc, v));
    }
    if let Some((id, p)) = docs.into_iter().next() {
        return Err(format!("{}: no gold annotation gold/{id}.json", p.display()));
    }
    Ok(out)
}

/// The gold's layout (DEVSET_FORMAT.md): a wrong field name or role is an error, not a zero.
pub fn check_gold(id: &str, v: &Value) -> Result<(), String> {
    if s(v, "id") != Some(id) {
        return Err(format!("\"id\" must be {id:?}"));
    }
    let shape = s(v, "shape").unwrap_or("");
    if !SHAPES.contains(&shape) {
        return Err(format!("shape {shape:?} is not one of {SHAPES:?}"));
    }
    let meta = v.get("meta").and_then(Value::as_object).ok_or("no \"meta\" object")?;
    for k in ["number", "kind", "date", "issuer", "title", "signer"] {
        match meta.get(k) {
            Some(Value::String(_)) | Some(Value::Null) => {}
            _ => return Err(format!("meta.{k} must be a string or null")),
        }
    }
    if let Some(d) = s(&v["meta"], "date") {
        if !is_iso(d) {
            return Err(format!("meta.date {d:?} is not YYYY-MM-DD"));
        }
    }
    for k in ["directives", "units", "deadlines"] {
        if !v.get(k).is_some_and(Value::is_array) {
            return Err(format!("no \"{k}\" array"));
        }
    }
    for d in arr(v, "directives") {
        if directive_key(d).is_none() {
            return Err(format!("directive without symbol or name: {d}"));
        }
        const RELATIONS: [&str; 7] = ["replaces", "repeals", "amends", "guides", "implements", "basis", "reference"];
        if let Some(r) = d.get("relation") {
            if !r.as_str().is_some_and(|r| RELATIONS.contains(&r)) {
                return Err(format!("relation {r} in {d}"));
            }
        }
    }
    for u in arr(v, "units").iter().chain(arr(v, "tasks")) {
        let role = s(u, "role").unwrap_or("");
        if !["lead", "support", "mentioned"].contains(&role) {
            return Err(format!("role {role:?} in {u}"));
        }
        if s(u, "name").or(s(u, "unit")).is_none() {
            return Err(format!("unit without a name: {u}"));
        }
    }
    for d in arr(v, "deadlines").iter().chain(arr(v, "tasks")) {
        if let Some(due) = s(d, "due") {
            if !is_iso(due) {
                return Err(format!("due {due:?} is not YYYY-MM-DD"));
            }
        }
    }
    Ok(())
}

fn is_iso(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Run kehoach on one document, in-process, as `kehoach extract` would; a failure
/// (error or panic) is an empty record and a message.
pub fn extract(id: &str, path: &Path, cfg: &kehoach::pipeline::Config) -> Result<Value, String> {
    let f = kehoach::corpus::SourceFile { id: kehoach::record::DocId(id.to_string()), path: path.to_path_buf() };
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| kehoach::pipeline::process_one(&f, cfg)));
    match r {
        Ok(Ok(rec)) => serde_json::to_value(rec).map_err(|e| e.to_string()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err(format!("{}: extraction panicked", path.display())),
    }
}

/// Score every document of the set (optionally one shape).
pub fn run(dir: &Path, shape: Option<&str>) -> Result<Vec<DocResult>, String> {
    let cfg = kehoach::pipeline::Config { progress: false, ..kehoach::pipeline::Config::embedded() };
    let ab = abbreviations();
    let mut out = Vec::new();
    for (id, path, gold) in load(dir)? {
        let sh = s(&gold, "shape").unwrap_or("").to_string();
        if shape.is_some_and(|x| x != sh) {
            continue;
        }
        let (rec, failed) = match extract(&id, &path, &cfg) {
            Ok(r) => (r, None),
            Err(e) => (Value::Null, Some(e)),
        };
        let (score, mut misses) = score_doc(&gold, &rec, &ab);
        if let Some(e) = failed {
            misses.insert(0, format!("EXTRACTION FAILED: {e}"));
        }
        out.push(DocResult { id, shape: sh, score, misses });
    }
    Ok(out)
}

/// Sum over documents: overall, and per shape (in [`SHAPES`] order).
pub fn totals(results: &[DocResult]) -> (Score, Vec<(&'static str, Score)>) {
    let mut all = Score::default();
    let mut per: Vec<(&'static str, Score)> = SHAPES.iter().map(|s| (*s, Score::default())).collect();
    for r in results {
        all.add(&r.score);
        if let Some(p) = per.iter_mut().find(|p| p.0 == r.shape) {
            p.1.add(&r.score);
        }
    }
    per.retain(|p| p.1.docs > 0);
    (all, per)
}

fn pct(x: Option<f64>) -> String {
    x.map(|x| format!("{x:.3}")).unwrap_or_else(|| "  -  ".into())
}

/// The table of one score.
pub fn table(title: &str, sc: &Score) -> String {
    let mut t = format!(
        "{title} ({} documents)\n{:<15} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}\n",
        sc.docs, "field", "P", "R", "F1", "TP", "FP", "FN"
    );
    for f in FIELDS {
        let c = sc.counts.get(f).copied().unwrap_or_default();
        if *f == "tasks" && sc.tasks_scored == 0 {
            t.push_str(&format!("{f:<15} {:>6} (the record has no tasks[] yet)\n", "n/a"));
            continue;
        }
        t.push_str(&format!(
            "{f:<15} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}\n",
            pct(c.precision()),
            pct(c.recall()),
            pct(c.f1()),
            c.tp,
            c.fp,
            c.fn_
        ));
    }
    t.push_str(&format!(
        "{:<15} {:>20}   {} of {} unit names found\n",
        "role accuracy",
        pct(sc.role.value()),
        sc.role.agree,
        sc.role.matched
    ));
    t.push_str(&format!(
        "{:<15} {:>20}   {} of {} cited documents found\n",
        "relation acc.",
        pct(sc.relation.value()),
        sc.relation.agree,
        sc.relation.matched
    ));
    t
}

/// The overall figures kept in `baseline.json`: F1 per field and role accuracy (null when n/a).
pub fn baseline_of(sc: &Score) -> Value {
    let mut m = serde_json::Map::new();
    for f in FIELDS {
        m.insert(f.to_string(), sc.f1(f).map(|x| (x * 1000.0).round() / 1000.0).into());
    }
    m.insert("role_accuracy".into(), sc.role.value().map(|x| (x * 1000.0).round() / 1000.0).into());
    m.insert("relation_accuracy".into(), sc.relation.value().map(|x| (x * 1000.0).round() / 1000.0).into());
    Value::Object(m)
}

/// Fields more than `tol` below the baseline: (field, baseline, now).
pub fn regressions(base: &Value, now: &Value, tol: f64) -> Vec<(String, f64, Option<f64>)> {
    let mut out = Vec::new();
    if let Some(b) = base.as_object() {
        for (k, v) in b {
            if let Some(bv) = v.as_f64() {
                let nv = now.get(k).and_then(Value::as_f64);
                if nv.is_none_or(|n| n < bv - tol) {
                    out.push((k.clone(), bv, nv));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn unit_keys_expand_and_fold() {
        let ab = abbreviations();
        assert_eq!(unit_key("UBND các xã, phường", &ab), unit_key("Ủy ban nhân dân các xã,  phường", &ab));
        assert_eq!(unit_key("Uỷ ban nhân dân tỉnh", &ab), unit_key("ỦY BAN NHÂN DÂN TỈNH", &ab));
        assert_eq!(unit_key("Phòng Văn hóa - Xã hội", &ab), unit_key("Phòng Văn hoá-Xã hội", &ab));
        assert_eq!(unit_key("Các thôn", &ab), "thôn");
        assert_eq!(unit_key("Các đ/c Phó Chủ tịch", &ab), unit_key("Phó chủ tịch", &ab));
        assert_eq!(unit_key("Chủ tịch UBND các xã, phường", &ab), unit_key("Ủy ban nhân dân các xã, phường", &ab));
        assert_eq!(unit_key("Giám đốc Sở Tư pháp", &ab), "sở tư pháp");
        // Negative: a title that is not followed by a body stays ("Chủ tịch Hội Nông dân" is a person's office).
        assert_ne!(unit_key("Chủ tịch Hội Nông dân xã", &ab), unit_key("Hội Nông dân xã", &ab));
        assert_eq!(
            unit_key("Văn phòng HĐND&UBND xã", &ab),
            unit_key("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", &ab)
        );
        assert_eq!(
            unit_key("Ban Thường trực Ủy ban MTTQ Việt Nam xã", &ab),
            unit_key("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã", &ab)
        );
        // Negative: an abbreviation inside a word is not expanded; different bodies differ.
        assert_eq!(unit_key("UBNDX", &ab), "ubndx");
        assert_ne!(unit_key("Sở Tư pháp", &ab), unit_key("Sở Tài chính", &ab));
        assert_ne!(unit_key("UBND tỉnh", &ab), unit_key("UBND xã", &ab));
    }

    #[test]
    fn symbols_titles_and_folds() {
        assert_eq!(symbol_key("24/2023/NĐ -CP"), "24/2023/NĐ-CP");
        assert_eq!(symbol_key("33/CT-TTg"), symbol_key("33/ct-ttg"));
        assert_ne!(symbol_key("33/CT-TTg"), symbol_key("33/CT-TT"));
        assert_eq!(symbol_key("011/TT-LĐCL"), "11/TT-LĐCL");
        assert_eq!(symbol_key("0/X"), "0/X");
        assert_ne!(symbol_key("101/CV"), symbol_key("11/CV"));
        assert_eq!(
            title_key("KẾ HOẠCH Triển khai công tác dân vận", &["Kế hoạch"]),
            title_key("Triển khai công tác dân vận.", &[])
        );
        assert_eq!(title_key("V/v tăng cường kiểm tra", &["Công văn"]), "tăng cường kiểm tra");
        assert_ne!(title_key("Kế hoạch hóa gia đình", &["Quyết định"]), "hóa gia đình");
        assert_eq!(fold("Hòa  bình"), fold("HOÀ BÌNH"));
    }

    #[test]
    fn counts_and_matching() {
        let ab = abbreviations();
        let gold: Value = serde_json::json!({
            "id": "x", "shape": "web",
            "meta": {"number": "33/KH-UBND", "kind": "Kế hoạch", "date": "2025-03-14", "issuer": "UBND xã Đại Sơn", "title": "Dân vận", "signer": null},
            "directives": [{"symbol": "33/CT-TTg", "kind": "Chỉ thị"}, {"symbol": null, "kind": "Luật", "name": "Luật Đất đai"}],
            "units": [{"name": "Sở Tư pháp", "role": "lead"}, {"name": "Sở Tư pháp", "role": "support"},
                      {"name": "các cơ quan, đơn vị liên quan", "role": "support", "generic": true}],
            "deadlines": [{"text": "trước ngày 30/6/2025", "due": "2025-06-30"}, {"text": "thường xuyên", "due": null}]
        });
        assert!(check_gold("x", &gold).is_ok());
        assert!(check_gold("y", &gold).is_err());
        let rec: Value = serde_json::json!({
            "meta": {"number": "33/KH-UBND", "kind": "KẾ HOẠCH", "date": "2025-03-15", "issuer": "Ủy ban nhân dân xã Đại Sơn",
                     "title": "KẾ HOẠCH Dân vận", "signer": {"name": "Nguyễn Văn A"}},
            "directives": [{"symbol": "33/CT-TTg"}, {"symbol": "13/2023/NĐ-CP"}],
            "units": [{"name": "Sở Tư pháp", "canonical": "Sở Tư pháp", "role": "lead"},
                      {"name": "Văn phòng", "canonical": "Văn phòng", "role": "lead"}],
            "deadlines": [{"text": "trước ngày 30/6/2025 hoặc", "due": "2025-06-30"}, {"text": "15/6", "due": "2025-06-15"}]
        });
        let (sc, misses) = score_doc(&gold, &rec, &ab);
        let c = |f: &str| sc.counts[f];
        assert_eq!(c("number"), Count { tp: 1, fp: 0, fn_: 0 });
        assert_eq!(c("kind").tp, 1);
        assert_eq!(c("date"), Count { tp: 0, fp: 1, fn_: 1 });
        assert_eq!(c("issuer").tp, 1);
        assert_eq!(c("title").tp, 1);
        assert_eq!(c("signer"), Count { tp: 0, fp: 1, fn_: 0 });
        assert_eq!(c("directives"), Count { tp: 1, fp: 1, fn_: 1 });
        assert_eq!(c("units"), Count { tp: 1, fp: 1, fn_: 2 });
        assert_eq!(c("unit_names"), Count { tp: 1, fp: 1, fn_: 1 });
        assert_eq!(c("units_generic"), Count { tp: 0, fp: 0, fn_: 1 });
        assert_eq!((sc.role.matched, sc.role.agree), (1, 1));
        assert_eq!(c("deadlines"), Count { tp: 1, fp: 1, fn_: 1 });
        assert_eq!(c("deadline_dues"), Count { tp: 1, fp: 1, fn_: 0 });
        assert!(sc.f1("tasks").is_none());
        assert!(misses.iter().any(|m| m.contains("directives FN: law:luật đất đai")));
        // With a tasks array, tasks are scored.
        let mut rec2 = rec.clone();
        rec2["tasks"] = serde_json::json!([{"unit": "Sở Tư pháp", "role": "lead", "due": "2025-06-30"}]);
        let mut gold2 = gold.clone();
        gold2["tasks"] = serde_json::json!([{"unit": "Sở Tư pháp", "role": "lead", "due": "2025-06-30"}, {"unit": "Sở Tư pháp", "role": "support", "due": null}]);
        let (sc2, _) = score_doc(&gold2, &rec2, &ab);
        assert_eq!(sc2.counts["tasks"], Count { tp: 1, fp: 0, fn_: 1 });
    }

    #[test]
    fn regressions_are_found() {
        let base = serde_json::json!({"units": 0.50, "tasks": null, "date": 0.9});
        let now = serde_json::json!({"units": 0.485, "tasks": 0.2, "date": 0.95});
        let r = regressions(&base, &now, 0.01);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "units");
        assert!(regressions(&base, &serde_json::json!({"units": 0.495, "date": 0.9}), 0.01).is_empty());
    }
}
