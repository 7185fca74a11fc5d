//! The index-backed answers (`graph citers` from postings, `report provinces`
//! from columns) equal the answers computed from every loaded record.
use kehoach::graph;
use kehoach::graph::directive_name::DirectiveName;
use kehoach::index::{self, schema::Fields};
use kehoach::lexicon::Lexicon;
use kehoach::pipeline::Indexed;
use kehoach::record::{Directive, DirectiveId, DocId, DocRecord, Mention, Meta, System};
use kehoach::report;
use std::collections::BTreeSet;
use tantivy::Index;

fn same_report(ix: &Index, f: &Fields) {
    let records = graph::load(ix, f).unwrap();
    let want = serde_json::to_value(report::provinces(&records)).unwrap();
    let got = serde_json::to_value(report::indexed::provinces(ix, f).unwrap().expect("new index")).unwrap();
    assert_eq!(got, want);
    // with key directives named by the analyst (one matching two ids, one matching none)
    let lex = Lexicon::embedded();
    let keys: Vec<(String, DirectiveName)> = ["33/CT-TTg", "ct 7", "149/KH-UBND", "99/CT-TTg"]
        .iter()
        .map(|k| (k.to_string(), DirectiveName::parse(k, &lex).unwrap()))
        .collect();
    let want = serde_json::to_value(report::provinces_keyed(&records, &keys)).unwrap();
    let searcher = ix.reader().unwrap().searcher();
    let got = serde_json::to_value(report::indexed::provinces_keyed(&searcher, f, &keys).unwrap().unwrap()).unwrap();
    assert_eq!(got, want, "keyed");
}

fn same_citers(ix: &Index, f: &Fields, records: &[DocRecord], typed: &str) -> usize {
    let lex = Lexicon::embedded();
    let name = DirectiveName::parse(typed, &lex).unwrap();
    let want = serde_json::to_value(graph::citers(records, &name)).unwrap();
    let got = serde_json::to_value(graph::indexed::citers(ix, f, &name).unwrap().expect("new index")).unwrap();
    assert_eq!(got, want, "{typed}");
    want.as_array().unwrap().len()
}

/// Every directive of the corpus, typed every way a person would.
fn typed_names(records: &[DocRecord]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in records.iter().flat_map(|r| &r.directives) {
        out.insert(d.id.0.clone());
        if let Some(s) = &d.symbol {
            out.insert(s.clone());
            out.insert(s.to_lowercase());
        }
        if let (Some(k), Some(n)) = (&d.kind, &d.number) {
            out.insert(format!("{k} {n}"));
        }
    }
    out
}

#[test]
fn citers_and_report_from_the_index_equal_those_from_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let ixdir = dir.path().join("ix");
    let mut paths = vec![crate::util::root().join("data/corpus")];
    let real = crate::util::shared("corpus/real");
    // The five seeds alone name fewer directives than the seeds and the real corpus.
    let min_names = if real.is_some() { 20 } else { 10 };
    paths.extend(real);
    let cfg = kehoach::pipeline::Config { progress: false, ..kehoach::pipeline::Config::embedded() };
    index::update(&paths, &ixdir, &cfg).unwrap();
    let (ix, f) = index::open(&ixdir).unwrap();
    same_report(&ix, &f);
    let records = graph::load(&ix, &f).unwrap();
    let lex = Lexicon::embedded();
    let mut rows = 0;
    // Every name of the five most-cited directives, and a sample of the rest (a debug
    // build takes ~0.15 s per name over the real corpus).
    let top: BTreeSet<String> = graph::top(&records, false, 5).into_iter().map(|c| c.directive).collect();
    let mut names = BTreeSet::new();
    for r in &records {
        let mut r = r.clone();
        r.directives.retain(|d| top.contains(&d.id.0));
        names.extend(typed_names(&[r]));
    }
    names.extend(typed_names(&records).into_iter().step_by(100));
    assert!(names.len() > min_names, "{names:?}");
    for t in names {
        if DirectiveName::parse(&t, &lex).is_ok() {
            rows += same_citers(&ix, &f, &records, &t);
        }
    }
    assert!(rows > 10, "{rows}");
    assert_eq!(same_citers(&ix, &f, &records, "nn:no:CT:1900:1"), 0);
    // An index without the column answers None (the caller loads the records).
    let old = Fields { cites_info: None, ..f };
    let name = DirectiveName::parse("33/CT-TTg", &lex).unwrap();
    assert!(graph::indexed::citers(&ix, &old, &name).unwrap().is_none());
    assert!(report::indexed::provinces(&ix, &old).unwrap().is_none());
}

fn cite(id: &str, symbol: Option<&str>, name: Option<&str>, date: Option<&str>) -> Directive {
    Directive {
        kind: Some("Chỉ thị".into()),
        symbol: symbol.map(Into::into),
        number: Some("7".into()),
        year: None,
        issuer: None,
        date: date.and_then(kehoach::domain::Date::parse_iso),
        system: System::State,
        id: DirectiveId(id.into()),
        mentions: vec![Mention {
            start: 0,
            end: 1,
            text: "x".into(),
            section: None,
            unit: None,
            raw: None,
            relation: None,
        }],
        name: name.map(Into::into),
        issuer_code: None,
        relations: vec![kehoach::record::Relation::Implements],
        superseded_by: None,
    }
}

fn doc(id: &str, province: Option<&str>, date: Option<&str>, cites: Vec<Directive>) -> Indexed {
    let record = DocRecord {
        schema_version: 1,
        id: DocId(id.into()),
        source: format!("{id}.txt"),
        meta: Meta {
            province: province.map(Into::into),
            province_2025: province.map(|p| format!("{p} mới")),
            date: date.and_then(kehoach::domain::Date::parse_iso),
            year: date.map(|d| d[..4].parse().unwrap()),
            level: Some(kehoach::domain::Level::Xa),
            ..Meta::default()
        },
        directives: cites,
        units: vec![],
        slogans: vec![],
        deadlines: vec![],
        warnings: vec![],
        tasks: vec![],
        format: "txt".into(),
        text_source: "file".into(),
        is_document: true,
        unparsed: vec![],
    };
    Indexed { record, text: "dân vận".into(), hash: id.into() }
}

/// One directive cited under two labels, documents added out of id order over
/// three segments, one deleted: labels still come from the first document by id.
#[test]
fn labels_follow_the_first_document_by_id_across_segments() {
    let dir = tempfile::tempdir().unwrap();
    let (ix, f) = index::open_or_create(dir.path()).unwrap();
    let mut w: tantivy::IndexWriter = ix.writer(50 << 20).unwrap();
    let x = "nn:ttg:CT:2020:7";
    let batches = vec![
        vec![
            doc("d", Some("A"), Some("2021-01-10"), vec![cite(x, Some("7/CT-TTg"), None, Some("2020-01-01"))]),
            doc("c", Some("A"), Some("2021-01-05"), vec![cite(x, None, Some("Chỉ thị bảy"), Some("2020-01-01"))]),
        ],
        vec![
            doc("b", Some("A"), None, vec![cite(x, None, None, None)]),
            doc("e", None, Some("2022-03-01"), vec![cite(x, Some("7/CT-TTg"), None, None)]),
        ],
        vec![
            doc("a", Some("B"), Some("2020-06-01"), vec![cite(x, None, Some("Tên khác"), Some("2020-01-01"))]),
            doc("a0", Some("A"), Some("2020-02-01"), vec![cite(x, None, Some("Xóa"), Some("2020-01-01"))]),
        ],
    ];
    for b in &batches {
        for d in b {
            w.add_document(index::to_doc(&f, d)).unwrap();
        }
        w.commit().unwrap();
    }
    w.delete_term(tantivy::Term::from_field_text(f.id, "a0"));
    w.commit().unwrap();
    same_report(&ix, &f);
    let records = graph::load(&ix, &f).unwrap();
    assert_eq!(same_citers(&ix, &f, &records, x), 5);
    assert_eq!(same_citers(&ix, &f, &records, "7/CT-TTg"), 2);
    assert_eq!(same_citers(&ix, &f, &records, "ct 7"), 5);
    let r = serde_json::to_value(report::indexed::provinces(&ix, &f).unwrap().unwrap()).unwrap();
    // group "A mới": first citing document by id is "b" (no symbol, no name: the kind)
    assert_eq!(r["provinces"][0]["top_directives"][0]["label"], "Chỉ thị");
    // its uptake label comes from "c", the first with both dates
    assert_eq!(r["provinces"][0]["uptake"][0]["label"], "Chỉ thị bảy");
    // the key directive's label from "a", the first document overall
    assert_eq!(r["provinces"][0]["key_directives"][0]["label"], "Tên khác");
}
