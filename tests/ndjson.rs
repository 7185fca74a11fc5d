//! `export ndjson`: every line checked against the documented bulk formats and
//! against the committed engine configs (parsed here, so that the exporter and
//! `config/` cannot drift apart).
use crate::util::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A field type, as the engine config declares it.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    /// One string (analyzed text, or a raw keyword that takes no array).
    Str,
    /// A string or an array of strings.
    Strs,
    /// An integer within the bounds.
    Int(i64, i64),
    /// An ISO day `YYYY-MM-DD`.
    Day,
    /// A JSON object kept as is.
    Object,
}

fn check(ty: &Ty, v: &Value) -> Result<(), String> {
    let day = |s: &str| {
        let b = s.as_bytes();
        b.len() == 10 && b[4] == b'-' && b[7] == b'-' && s.chars().filter(char::is_ascii_digit).count() == 8
    };
    let ok = match ty {
        Ty::Str => v.is_string(),
        Ty::Strs => v.is_string() || v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        Ty::Int(lo, hi) => v.as_i64().is_some_and(|n| (*lo..=*hi).contains(&n)),
        Ty::Day => v.as_str().is_some_and(day),
        Ty::Object => v.is_object(),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{v} is not a {ty:?}"))
    }
}

/// Check one source object against the field types; `required` fields must be there.
fn check_source(fields: &BTreeMap<String, Ty>, required: &[&str], line: &str) -> Result<(), String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON ({e}): {line}"))?;
    let o = v.as_object().ok_or(format!("not an object: {line}"))?;
    for r in required {
        if !o.contains_key(*r) {
            return Err(format!("missing {r}"));
        }
    }
    for (k, x) in o {
        let ty = fields.get(k).ok_or(format!("field {k:?} is not in the mapping"))?;
        check(ty, x).map_err(|e| format!("{k}: {e}"))?;
    }
    if o["schema_version"] != kehoach::SCHEMA_VERSION {
        return Err(format!("schema_version is not {}", kehoach::SCHEMA_VERSION));
    }
    Ok(())
}

/// Field types of an OpenSearch index template (its mappings must be strict).
fn opensearch_fields(p: &Path) -> (Vec<String>, BTreeMap<String, Ty>) {
    let t: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let m = &t["template"]["mappings"];
    assert_eq!(m["dynamic"], "strict", "{}: unknown fields must be refused", p.display());
    let fields = m["properties"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, f)| {
            let ty = match f["type"].as_str().unwrap() {
                "keyword" => Ty::Strs,
                "text" => Ty::Str,
                "integer" => Ty::Int(i32::MIN as i64, i32::MAX as i64),
                "date" => {
                    assert_eq!(f["format"], "yyyy-MM-dd", "{k}");
                    Ty::Day
                }
                "object" => Ty::Object,
                other => panic!("{k}: type {other} has no check here"),
            };
            (k.clone(), ty)
        })
        .collect();
    let patterns = t["index_patterns"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_string()).collect();
    (patterns, fields)
}

/// Field types of a Quickwit index config (its doc mapping must be strict), and its index id.
fn quickwit_fields(p: &Path) -> (String, BTreeMap<String, Ty>) {
    let y: Value = serde_norway::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    assert_eq!(y["doc_mapping"]["mode"], "strict", "{}", p.display());
    let fields = y["doc_mapping"]["field_mappings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let k = f["name"].as_str().unwrap().to_string();
            let ty = match f["type"].as_str().unwrap() {
                "text" => Ty::Str,
                "array<text>" => Ty::Strs,
                "u64" => Ty::Int(0, i64::MAX),
                "i64" => Ty::Int(i64::MIN, i64::MAX),
                "datetime" => {
                    assert_eq!(f["input_formats"], serde_json::json!(["%Y-%m-%d"]), "{k}");
                    Ty::Day
                }
                "json" => Ty::Object,
                other => panic!("{k}: type {other} has no check here"),
            };
            (k, ty)
        })
        .collect();
    (y["index_id"].as_str().unwrap().to_string(), fields)
}

/// Check an OpenSearch `_bulk` body: action line, source line, in pairs; returns the sources.
fn check_bulk(
    text: &str,
    patterns: &[String],
    fields: &BTreeMap<String, Ty>,
    required: &[&str],
    id_of: impl Fn(&Value) -> String,
) -> Result<Vec<Value>, String> {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() % 2 != 0 || !text.ends_with('\n') {
        return Err("a _bulk body is action/source pairs, each line ending in \\n".into());
    }
    let mut out = Vec::new();
    for pair in lines.chunks(2) {
        let a: Value = serde_json::from_str(pair[0]).map_err(|e| format!("action line: {e}"))?;
        let a = a.as_object().ok_or("action line is not an object")?;
        let keys: Vec<&String> = a.keys().collect();
        if keys != ["index"] {
            return Err(format!("action line keys {keys:?}, documented: [\"index\"]"));
        }
        let meta = a["index"].as_object().ok_or("index action is not an object")?;
        let mk: BTreeSet<&str> = meta.keys().map(String::as_str).collect();
        if mk != BTreeSet::from(["_index", "_id"]) {
            return Err(format!("action metadata keys {mk:?}, want _index and _id"));
        }
        let ix = meta["_index"].as_str().ok_or("_index is not a string")?;
        if !patterns.iter().any(|p| ix.starts_with(p.trim_end_matches('*'))) {
            return Err(format!("_index {ix} is not covered by the template's patterns {patterns:?}"));
        }
        check_source(fields, required, pair[1])?;
        let src: Value = serde_json::from_str(pair[1]).unwrap();
        if meta["_id"] != id_of(&src).as_str() {
            return Err(format!("_id {} does not name its source", meta["_id"]));
        }
        out.push(src);
    }
    Ok(out)
}

fn export(ix: &Path, engine: &str, out: &Path) -> Value {
    let o = run(&[
        "export",
        "ndjson",
        "--for",
        engine,
        "--index",
        ix.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn ndjson_export_matches_the_bulk_formats_and_the_committed_configs() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    assert!(run(&["index", "data/corpus", "--index", ix.to_str().unwrap()]).status.success());
    let recs = jsonl(&run(&["extract", "data/corpus"]).stdout);
    let want_edges: usize = recs.iter().map(|r| r["directives"].as_array().unwrap().len()).sum();
    let cfg = root().join("config");
    let doc_req = ["schema_version", "id", "source", "body", "cites", "record"];
    let edge_req = ["schema_version", "doc_id", "directive_id", "system", "mentions"];

    // OpenSearch: _bulk pairs, sources within the strict templates.
    let os = dir.path().join("os");
    let n = export(&ix, "opensearch", &os);
    assert_eq!((n["documents"].as_u64(), n["edges"].as_u64()), (Some(recs.len() as u64), Some(want_edges as u64)));
    let (pat, f) = opensearch_fields(&cfg.join("opensearch/kehoach-template.json"));
    let docs = std::fs::read_to_string(os.join("documents.ndjson")).unwrap();
    let os_docs = check_bulk(&docs, &pat, &f, &doc_req, |s| s["id"].as_str().unwrap().into()).unwrap();
    let (pat_e, f_e) = opensearch_fields(&cfg.join("opensearch/kehoach-edges-template.json"));
    let edges = std::fs::read_to_string(os.join("edges.ndjson")).unwrap();
    let edge_id = |s: &Value| format!("{}|{}", s["doc_id"].as_str().unwrap(), s["directive_id"].as_str().unwrap());
    let os_edges = check_bulk(&edges, &pat_e, &f_e, &edge_req, edge_id).unwrap();
    assert_eq!(os_docs.len(), recs.len());
    assert_eq!(os_edges.len(), want_edges);
    // the same documents as the JSONL, in id order, each carrying its record
    let ids: Vec<&str> = os_docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let want_ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, want_ids);
    assert_eq!(os_docs[1]["record"], recs[1]);
    // 33/CT-TTg cited by the four seed plans; lag of 001 is 823 days
    let e33: Vec<&Value> = os_edges.iter().filter(|e| e["directive_id"] == "nn:ttg:CT:2021:33").collect();
    assert_eq!(e33.len(), 4);
    assert!(e33.iter().any(|e| e["doc_id"] == "001_09e8b167c0733129" && e["lag_days"] == 823));

    // Quickwit: plain NDJSON, within the strict doc mappings.
    let qw = dir.path().join("qw");
    export(&ix, "quickwit", &qw);
    for (file, yaml, req) in
        [("documents.ndjson", "kehoach-docs.yaml", &doc_req[..]), ("edges.ndjson", "kehoach-edges.yaml", &edge_req[..])]
    {
        let (index_id, f) = quickwit_fields(&cfg.join("quickwit").join(yaml));
        assert!(file.starts_with(if index_id == "kehoach-docs" { "documents" } else { "edges" }));
        let text = std::fs::read_to_string(qw.join(file)).unwrap();
        let mut n = 0;
        for l in text.lines() {
            check_source(&f, req, l).unwrap_or_else(|e| panic!("{file}: {e}"));
            n += 1;
        }
        assert_eq!(n, if file == "edges.ndjson" { want_edges } else { recs.len() });
    }
    let qd = jsonl(&std::fs::read(qw.join("documents.ndjson")).unwrap());
    assert!(qd.iter().all(|d| d["body_fold"] == d["body"] && d.get("title_fold") == d.get("title")));
    assert!(qd[0]["body"].as_str().unwrap().len() > 100, "the text is exported");
}

#[test]
fn the_schema_check_refuses_what_an_engine_would() {
    let (pat, f) = opensearch_fields(&root().join("config/opensearch/kehoach-template.json"));
    let id = |s: &Value| s["id"].as_str().unwrap_or("").to_string();
    let v = kehoach::SCHEMA_VERSION;
    let src = format!(r#"{{"schema_version":{v},"id":"a","source":"a.txt","body":"x","cites":[],"record":{{}}}}"#);
    let good = format!("{{\"index\":{{\"_index\":\"kehoach-docs\",\"_id\":\"a\"}}}}\n{src}\n");
    assert!(check_bulk(&good, &pat, &f, &[], id).is_ok());
    let bad = [
        good.replace("\"index\":", "\"create\":"),
        good.replace("\"_id\":\"a\"", "\"_id\":\"b\""),
        good.replace("kehoach-docs", "other"),
        good.replace("\"body\":\"x\"", "\"body\":\"x\",\"extra\":1"),
        good.replace("\"cites\":[]", "\"cites\":[1]"),
        good.replace("\"record\":{}", "\"record\":{},\"date\":\"27/02/2024\""),
        good.replace(&format!("\"schema_version\":{v}"), &format!("\"schema_version\":{}", v + 1)),
        good.lines().next().unwrap().to_string() + "\n",
    ];
    for b in bad {
        assert!(check_bulk(&b, &pat, &f, &[], id).is_err(), "accepted: {b}");
    }
    // The analyzers: ICU tokenizer and ICU folding for the folded sub-fields; keywords for aggregations.
    let t: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("config/opensearch/kehoach-template.json")).unwrap())
            .unwrap();
    let a = &t["template"]["settings"]["analysis"]["analyzer"];
    assert_eq!(a["vi_fold"]["tokenizer"], "icu_tokenizer");
    assert!(a["vi_fold"]["filter"].as_array().unwrap().iter().any(|x| x == "icu_folding"));
    let p = &t["template"]["mappings"]["properties"];
    assert_eq!(p["body"]["fields"]["fold"]["analyzer"], "vi_fold");
    for k in ["province", "province_2025", "cites", "level"] {
        assert_eq!(p[k]["type"], "keyword", "{k}");
    }
}

/// Chunks under the limit, each ending in a newline, never splitting an action/source pair,
/// and together the bytes of the one-file export.
#[test]
fn exports_are_cut_into_chunks_under_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    assert!(run(&["index", "data/corpus", "--index", ix.to_str().unwrap()]).status.success());
    for engine in ["opensearch", "quickwit"] {
        let whole = dir.path().join(format!("whole-{engine}"));
        let cut = dir.path().join(format!("cut-{engine}"));
        let ex = |out: &Path, extra: &[&str]| {
            let mut a = vec!["export", "ndjson", "--for", engine, "--index", ix.to_str().unwrap(), "--out"];
            a.push(out.to_str().unwrap());
            a.extend_from_slice(extra);
            a.push("--json");
            let o = run(&a);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            serde_json::from_slice::<Value>(&o.stdout).unwrap()
        };
        let w = ex(&whole, &[]);
        assert_eq!(w["files"].as_array().unwrap().len(), 2, "the bundled corpus fits one chunk per file");
        let limit = 20_000u64;
        let c = ex(&cut, &["--chunk-bytes", &limit.to_string()]);
        for stem in ["documents", "edges"] {
            let mut chunks: Vec<std::path::PathBuf> = c["files"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| std::path::PathBuf::from(f.as_str().unwrap()))
                .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(stem))
                .collect();
            assert!(stem == "edges" || chunks.len() > 1, "{engine} {stem}: {chunks:?}");
            assert_eq!(chunks[0].file_name().unwrap().to_string_lossy(), format!("{stem}.ndjson"));
            chunks.sort_by_key(|p| {
                let n = p.file_name().unwrap().to_string_lossy().to_string();
                n.split('.').nth(1).and_then(|k| k.parse::<usize>().ok()).unwrap_or(1)
            });
            let mut joined = Vec::new();
            for p in &chunks {
                let b = std::fs::read(p).unwrap();
                assert!(b.ends_with(b"\n"), "{}", p.display());
                let lines = b.iter().filter(|&&x| x == b'\n').count();
                let oversized = c["oversized"].as_u64().unwrap() > 0;
                assert!(b.len() as u64 <= limit || (oversized && lines <= 2), "{}: {} bytes", p.display(), b.len());
                if engine == "opensearch" {
                    assert_eq!(lines % 2, 0, "{}: an action line without its source", p.display());
                }
                joined.extend(b);
            }
            assert_eq!(joined, std::fs::read(whole.join(format!("{stem}.ndjson"))).unwrap(), "{engine} {stem}");
        }
        // a smaller second export leaves no stale chunk behind
        let again = ex(&cut, &[]);
        assert_eq!(again["files"].as_array().unwrap().len(), 2);
        assert!(!cut.join("documents.2.ndjson").exists());
    }
}
