//! The JSON API under `/api/`, one endpoint per CLI query, answering what the
//! CLI prints with `--json` (same structs, same library calls):
//!
//! | endpoint | CLI |
//! |---|---|
//! | `/api/search?q=&province=&year=&level=&kind=&cites=&page=&per_page=` | `search --json --facets` |
//! | `/api/doc/ID` | the record of `documents.jsonl` |
//! | `/api/citers?d=&limit=&offset=` · `/api/refs?doc=` · `/api/top?by=province&limit=` · `/api/cocited?d=&limit=` · `/api/chain?d=` | `graph …` |
//! | `/api/units?directive=` · `/api/units?unit=` (`&limit=&offset=`) | `units` |
//! | `/api/report/provinces` | `report provinces --format json` |
//! | `/api/export/TABLE?format=csv\|json` | `export csv --excel` (one table) |
//!
//! Errors are JSON too: `{"schema_version", "status", "error"}` with a 4xx status.

use super::{blocking, search as page_search, Answer, AppError, Params, Shared, State};
use crate::export::csv::record_rows;
use crate::export::table::{names, TABLES};
use crate::graph;
use crate::graph::directive_name::DirectiveName;
use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;

fn ok<T: serde::Serialize>(v: &T) -> Answer {
    let body = serde_json::to_string(v).map_err(AppError::internal)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

fn directive(s: &State, p: &Params, key: &str) -> Result<DirectiveName, AppError> {
    let d = p
        .get(key)
        .ok_or_else(|| AppError::bad(format!("missing parameter {key} (a directive: 33/CT-TTg, ct 33, an id)")))?;
    DirectiveName::parse(d, &s.lexicon).map_err(AppError::from_lib)
}

/// The endpoints, for `/api/`.
const ENDPOINTS: [&str; 11] = [
    "/api/search?q=&province=&year=&level=&kind=&cites=&page=&per_page=",
    "/api/doc/ID",
    "/api/citers?d=",
    "/api/refs?doc=",
    "/api/top?by=province&limit=",
    "/api/cocited?d=&limit=",
    "/api/chain?d=",
    "/api/units?directive=",
    "/api/units?unit=",
    "/api/report/provinces",
    "/api/export/TABLE?format=csv|json",
];

fn index(_s: &State, _p: &Params) -> Answer {
    ok(&serde_json::json!({"schema_version": crate::SCHEMA_VERSION, "endpoints": ENDPOINTS}))
}

fn search(s: &State, p: &Params) -> Answer {
    let q = p.get("q").ok_or_else(|| AppError::bad("missing parameter q (the query)"))?;
    let f = page_search::filters(p)?;
    let per = p.num("per_page", page_search::PER_PAGE, 100)?;
    let off = page_search::offset(p, per)?;
    let searcher = s.reader.searcher();
    let page = crate::index::search::search_page_with(&searcher, &s.index, &s.fields, q, &f, off, per)
        .map_err(AppError::from_lib)?;
    let facets =
        crate::index::facets::facets_with(&searcher, &s.index, &s.fields, q, &f, 20).map_err(AppError::from_lib)?;
    ok(&serde_json::json!({
        "schema_version": crate::SCHEMA_VERSION,
        "total": page.total,
        "total_exact": page.total_exact,
        "offset": page.offset,
        "hits": page.hits,
        "facets": facets,
    }))
}

fn doc(s: &State, _p: &Params, id: &str) -> Answer {
    ok(s.record(id).ok_or_else(|| AppError::not_found(format!("no document {id:?} in this index")))?)
}

/// `offset=` (0 or more) and `limit=` (1 or more; absent: all) of a paged answer.
fn paging(p: &Params) -> Result<(usize, Option<usize>), AppError> {
    let offset = match p.get("offset") {
        None => 0,
        Some(v) => {
            v.parse::<usize>().map_err(|_| AppError::bad(format!("offset must be a whole number, not {v:?}")))?
        }
    };
    let limit = if p.get("limit").is_some() { Some(p.num("limit", 0, 1_000_000)?) } else { None };
    Ok((offset, limit))
}

fn citers(s: &State, p: &Params) -> Answer {
    let (offset, limit) = paging(p)?;
    ok(&graph::page::page(&graph::citers(&s.records, &directive(s, p, "d")?), offset, limit))
}

fn refs(s: &State, p: &Params) -> Answer {
    let id = p.get("doc").ok_or_else(|| AppError::bad("missing parameter doc (a document id)"))?;
    let r =
        graph::refs(&s.records, id).ok_or_else(|| AppError::not_found(format!("no document {id:?} in this index")))?;
    ok(&r.directives)
}

fn top(s: &State, p: &Params) -> Answer {
    let by = match p.get("by") {
        None => false,
        Some("province") => true,
        Some(b) => return Err(AppError::bad(format!("by must be province, not {b:?}"))),
    };
    ok(&graph::top(&s.records, by, p.num("limit", 20, 10_000)?))
}

fn cocited(s: &State, p: &Params) -> Answer {
    ok(&graph::cocited(&s.records, &directive(s, p, "d")?, p.num("limit", 20, 10_000)?))
}

fn chain(s: &State, p: &Params) -> Answer {
    let name = directive(s, p, "d")?;
    let rel = graph::parse_relations(p.get("relation").unwrap_or("implements,basis")).map_err(AppError::from_lib)?;
    ok(&graph::chain::chain(&s.records, &name, p.get("d").unwrap_or_default(), &rel))
}

fn units(s: &State, p: &Params) -> Answer {
    match (p.get("directive"), p.get("unit")) {
        (Some(_), None) => {
            let (offset, limit) = paging(p)?;
            ok(&graph::page::page(
                &graph::units::of_directive(&s.records, &directive(s, p, "directive")?),
                offset,
                limit,
            ))
        }
        (None, Some(u)) => {
            let (offset, limit) = paging(p)?;
            ok(&graph::page::page(&graph::units::tasks_of(&s.records, u), offset, limit))
        }
        _ => Err(AppError::bad("give exactly one of directive= or unit=")),
    }
}

fn report(s: &State, _p: &Params) -> Answer {
    ok(&s.report)
}

fn export(s: &State, p: &Params, table: &str) -> Answer {
    let table = table.strip_suffix(".csv").unwrap_or(table);
    let Some(k) = TABLES.iter().position(|(n, _)| *n == table) else {
        let names: Vec<&str> = TABLES.iter().map(|t| t.0).collect();
        return Err(AppError::not_found(format!("no table {table:?} (tables: {})", names.join(", "))));
    };
    let mut rows = Vec::new();
    for r in &s.records {
        let mut t = record_rows(r).map_err(AppError::from_lib)?;
        rows.append(&mut t[k]);
    }
    let t = super::table::Table::new(TABLES[k].0, TABLES[k].0, names(k), rows);
    super::table::download(
        &Params(HashMap::from([
            ("table".into(), table.into()),
            ("format".into(), p.get("format").unwrap_or("csv").into()),
        ])),
        &[t],
    )
    .unwrap_or_else(|| Err(AppError::internal("table lost")))
}

macro_rules! api_query {
    ($name:ident, $f:path) => {
        async fn $name(
            axum::extract::State(s): axum::extract::State<Shared>,
            Query(q): Query<HashMap<String, String>>,
        ) -> Response {
            blocking(move || $f(&s, &Params(q)).map_err(AppError::into_json)).await
        }
    };
}

macro_rules! api_path {
    ($name:ident, $f:path) => {
        async fn $name(
            axum::extract::State(s): axum::extract::State<Shared>,
            axum::extract::Path(x): axum::extract::Path<String>,
            Query(q): Query<HashMap<String, String>>,
        ) -> Response {
            blocking(move || $f(&s, &Params(q), &x).map_err(AppError::into_json)).await
        }
    };
}

api_query!(index_h, index);

/// `/api/`: the list of endpoints.
pub async fn index_route(st: axum::extract::State<Shared>, q: Query<HashMap<String, String>>) -> Response {
    index_h(st, q).await
}
api_query!(search_h, search);
api_path!(doc_h, doc);
api_query!(citers_h, citers);
api_query!(refs_h, refs);
api_query!(top_h, top);
api_query!(cocited_h, cocited);
api_query!(chain_h, chain);
api_query!(units_h, units);
api_query!(report_h, report);
api_path!(export_h, export);

async fn api_not_found() -> Response {
    AppError::not_found("no such endpoint (see /api/)").into_json().into_response()
}

/// The `/api` router.
pub(crate) fn router() -> Router<Shared> {
    Router::new()
        .route("/", get(index_h))
        .route("/search", get(search_h))
        .route("/doc/{id}", get(doc_h))
        .route("/citers", get(citers_h))
        .route("/refs", get(refs_h))
        .route("/top", get(top_h))
        .route("/cocited", get(cocited_h))
        .route("/chain", get(chain_h))
        .route("/units", get(units_h))
        .route("/report/provinces", get(report_h))
        .route("/export/{table}", get(export_h))
        .fallback(api_not_found)
}
