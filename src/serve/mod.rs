//! `kehoach serve`: a small, read-only web workbench over an index.
//!
//! Every page and every `/api/` endpoint calls the library functions the CLI
//! calls (`index::search`, `index::facets`, `graph`, `report`, `export::csv`);
//! nothing here queries on its own. The records are loaded once at startup
//! (the graph and the province report need them all, and they are small); the
//! full text is read from the index per request. tantivy work is blocking, so
//! handlers run on tokio's blocking pool. Pages are built with `maud`'s `html!`
//! macro (checked at compile time, escaping every spliced value by default; see
//! `html`); the stylesheet is embedded in the binary: no CDN, no network at run
//! time.
//!
//! Errors are pages too: a bad parameter is a 400, an unknown document or
//! directive a 404, and a handler that panics a 500 page, never a dead server.
//! A library error's status follows from its variant ([`status_of`]).
//! Every response carries a `Server-Timing: app;dur=…` header (milliseconds
//! spent in the server).

pub(crate) mod api;
mod directive;
mod doc;
mod html;
mod province;
mod search;
mod table;

use crate::error::Error;
use crate::index::schema::Fields;
use crate::lexicon::Lexicon;
use crate::record::DocRecord;
use axum::extract::{Query, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;
use tantivy::Index;

/// What every request reads: the index and the records, loaded once.
pub struct State {
    /// The index.
    pub index: Index,
    /// One reader for the life of the server (the index does not change while serving, as the
    /// records do not): every search and facet count reuses its warm searcher.
    pub reader: tantivy::IndexReader,
    /// Its fields.
    pub fields: Fields,
    /// Every record, sorted by id.
    pub records: Vec<DocRecord>,
    /// The province report (computed once: the records do not change while serving).
    pub report: crate::report::Report,
    /// The lexicon (to read directive names as typed).
    pub lexicon: Lexicon,
    /// Directive id → symbol or name, for labels.
    pub labels: HashMap<String, String>,
    /// The gazetteer (the old provinces each post-2025 province absorbed).
    pub gazetteer: crate::gazetteer::Gazetteer,
}

impl State {
    /// Open the index at `dir` and load its records.
    pub(crate) fn load(dir: &Path) -> anyhow::Result<State> {
        let (index, fields) = crate::index::open(dir)?;
        let reader = index.reader_builder().reload_policy(tantivy::ReloadPolicy::Manual).try_into()?;
        let records = crate::graph::load(&index, &fields)?;
        let report = crate::report::provinces(&records);
        let mut labels = HashMap::new();
        for d in records.iter().flat_map(|r| r.directives.iter()) {
            labels.entry(d.id.to_string()).or_insert_with(|| d.label());
        }
        Ok(State {
            index,
            reader,
            fields,
            records,
            report,
            lexicon: Lexicon::embedded(),
            labels,
            gazetteer: crate::gazetteer::Gazetteer::embedded(),
        })
    }

    /// The record of document `id`.
    pub(crate) fn record(&self, id: &str) -> Option<&DocRecord> {
        self.records.binary_search_by(|r| r.id.as_str().cmp(id)).ok().map(|i| &self.records[i])
    }

    /// A directive's label (its symbol or name), or the id itself.
    pub(crate) fn label<'a>(&'a self, id: &'a str) -> &'a str {
        self.labels.get(id).map_or(id, String::as_str)
    }
}

/// Shared state.
pub type Shared = Arc<State>;

/// A request that cannot be answered: a status and a message, shown as a page or as JSON.
#[derive(Debug)]
pub(crate) struct AppError {
    /// HTTP status (4xx for the client's mistakes).
    pub status: StatusCode,
    /// What went wrong, for the analyst.
    pub message: String,
    /// Answer as JSON (API) rather than HTML.
    pub json: bool,
}

impl AppError {
    /// 400.
    pub(crate) fn bad(msg: impl Into<String>) -> Self {
        AppError { status: StatusCode::BAD_REQUEST, message: msg.into(), json: false }
    }
    /// 404.
    pub(crate) fn not_found(msg: impl Into<String>) -> Self {
        AppError { status: StatusCode::NOT_FOUND, message: msg.into(), json: false }
    }
    /// 500 (the server's own failure).
    pub(crate) fn internal(e: impl std::fmt::Display) -> Self {
        AppError { status: StatusCode::INTERNAL_SERVER_ERROR, message: format!("{e:#}"), json: false }
    }
    /// From a library error: the status its variant calls for ([`status_of`]); its message
    /// holds its cause.
    pub(crate) fn from_lib(e: Error) -> Self {
        AppError { status: status_of(&e), message: e.to_string(), json: false }
    }
    /// The same error, answered as JSON.
    pub(crate) fn into_json(mut self) -> Self {
        self.json = true;
        self
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.json {
            let body = serde_json::json!({
                "schema_version": crate::SCHEMA_VERSION,
                "status": self.status.as_u16(),
                "error": self.message,
            });
            return (self.status, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response();
        }
        let title = match self.status.as_u16() {
            404 => "Không tìm thấy (404)",
            400 => "Yêu cầu không hợp lệ (400)",
            _ => "Lỗi máy chủ (500)",
        };
        let body = maud::html! {
            h1 { (title) }
            p class="error" role="alert" { (self.message) }
            p { a href="/" { "Về trang tìm kiếm" } }
        };
        (self.status, html::Html(html::page(title, "", body))).into_response()
    }
}

/// Result of a handler.
pub(crate) type Answer = Result<Response, AppError>;

/// The HTTP status of a library error: the request's own mistake (a bad query, directive
/// name or relation) is a 400, an input that is not there a 404, anything else (the index,
/// the server's files, a bug) a 500. Every variant is listed: a new one must be placed here.
pub(crate) fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::Query(_) | Error::DirectiveName(_) | Error::Relation { .. } => StatusCode::BAD_REQUEST,
        Error::MissingInput(_) | Error::NoIndex(_) => StatusCode::NOT_FOUND,
        Error::Io { .. }
        | Error::Decode { .. }
        | Error::Empty { .. }
        | Error::Lexicon { .. }
        | Error::TooLarge { .. }
        | Error::LineTooLong { .. }
        | Error::Extract { .. }
        | Error::IndexTooOld { .. }
        | Error::IndexTooNew { .. }
        | Error::NotAnIndex { .. }
        | Error::MissingColumn(_)
        | Error::IndexOpen { .. }
        | Error::IndexLocked { .. }
        | Error::IndexClean { .. }
        | Error::Commit { .. }
        | Error::Index(_)
        | Error::StoredRecord(_)
        | Error::Json(_)
        | Error::Csv(_)
        | Error::Cell { .. }
        | Error::Create { .. }
        | Error::Write { .. }
        | Error::Read { .. }
        | Error::Move { .. }
        | Error::Document { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Query parameters as given (last value wins), read with clear 400s.
#[derive(Debug, Default, Clone)]
pub(crate) struct Params(pub HashMap<String, String>);

impl Params {
    /// A non-empty, trimmed parameter.
    pub(crate) fn get(&self, k: &str) -> Option<&str> {
        self.0.get(k).map(|v| v.trim()).filter(|v| !v.is_empty())
    }
    /// A number within `1..=max` (default when absent).
    pub(crate) fn num(&self, k: &str, default: usize, max: usize) -> Result<usize, AppError> {
        match self.get(k) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(AppError::bad(format!("{k} must be a whole number from 1 to {max}, not {v:?}"))),
            },
        }
    }
}

/// Run a blocking handler on the blocking pool; a panic becomes a 500 page.
pub(crate) async fn blocking<F>(f: F) -> Response
where
    F: FnOnce() -> Answer + Send + 'static,
{
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => e.into_response(),
        Err(e) => AppError::internal(format!("the request failed: {e}")).into_response(),
    }
}

/// An async route over a blocking page function `fn(&State, &Params) -> Answer`.
macro_rules! query_route {
    ($name:ident, $f:path) => {
        async fn $name(
            axum::extract::State(s): axum::extract::State<Shared>,
            Query(q): Query<HashMap<String, String>>,
        ) -> Response {
            blocking(move || $f(&s, &Params(q))).await
        }
    };
}

/// An async route over `fn(&State, &Params, &str) -> Answer`, the `&str` being the path segment.
macro_rules! path_route {
    ($name:ident, $f:path) => {
        async fn $name(
            axum::extract::State(s): axum::extract::State<Shared>,
            axum::extract::Path(p): axum::extract::Path<String>,
            Query(q): Query<HashMap<String, String>>,
        ) -> Response {
            blocking(move || $f(&s, &Params(q), &p)).await
        }
    };
}

query_route!(search_page, search::page);
path_route!(doc_page, doc::page);
path_route!(doc_raw, doc::raw);
query_route!(directive_page, directive::page);
query_route!(province_page, province::page);

async fn timing(req: Request, next: Next) -> Response {
    let t = Instant::now();
    let log = std::env::var_os("KEHOACH_SERVE_LOG").is_some();
    let line = log.then(|| format!("{} {}", req.method(), req.uri()));
    let mut res = next.run(req).await;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    if let Ok(v) = HeaderValue::from_str(&format!("app;dur={ms:.2}")) {
        res.headers_mut().insert("server-timing", v);
    }
    if let Some(l) = line {
        eprintln!("{l} {} {ms:.2} ms", res.status().as_u16());
    }
    res
}

async fn not_found() -> Response {
    AppError::not_found("Không có trang này (no such page).").into_response()
}

async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], html::STYLE)
        .into_response()
}

/// The router over a loaded state.
pub(crate) fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(search_page))
        .route("/doc/{id}", get(doc_page))
        .route("/doc/{id}/raw", get(doc_raw))
        .route("/directive", get(directive_page))
        .route("/provinces", get(province_page))
        .route("/static/style.css", get(style))
        .route("/api/", get(api::index_route))
        .nest("/api", api::router())
        .fallback(not_found)
        .layer(middleware::from_fn(timing))
        .with_state(state)
}

/// Serve until interrupted (Ctrl-C). Prints `listening on http://ADDR` once bound.
pub fn run(index: &Path, addr: &str) -> anyhow::Result<()> {
    let state = Arc::new(State::load(index)?);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener =
            tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        let local = listener.local_addr()?;
        println!("listening on http://{local}  ({} documents, read-only; Ctrl-C stops)", state.records.len());
        use std::io::Write;
        std::io::stdout().flush()?;
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}

/// Percent-encode a query-string value.
pub fn enc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            o.push(b as char);
        } else {
            o.push_str(&format!("%{b:02X}"));
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn status_follows_the_variant() {
        let lex = Lexicon::embedded();
        let cases: Vec<(Error, StatusCode)> = vec![
            (Error::Query("empty query".into()), StatusCode::BAD_REQUEST),
            (crate::graph::directive_name::DirectiveName::parse("blah 33", &lex).unwrap_err(), StatusCode::BAD_REQUEST),
            (crate::graph::parse_relations("cites").unwrap_err(), StatusCode::BAD_REQUEST),
            (Error::NoIndex(PathBuf::from("out/index")), StatusCode::NOT_FOUND),
            (Error::MissingInput(PathBuf::from("corpus")), StatusCode::NOT_FOUND),
            (Error::MissingColumn("id"), StatusCode::INTERNAL_SERVER_ERROR),
            (Error::Index(tantivy::TantivyError::InternalError("x".into())), StatusCode::INTERNAL_SERVER_ERROR),
            (Error::Extract { file: PathBuf::from("a.txt"), cause: "boom".into() }, StatusCode::INTERNAL_SERVER_ERROR),
        ];
        for (e, want) in cases {
            let msg = e.to_string();
            let a = AppError::from_lib(e);
            assert_eq!(a.status, want, "{msg}");
            assert_eq!(a.message, msg, "the message is the error's own line");
        }
    }

    #[test]
    fn a_bad_query_is_a_400_and_a_deep_page_too() {
        let (schema, fields) = crate::index::schema::build();
        let index = Index::create_in_ram(schema);
        crate::index::schema::register(&index);
        let none = crate::index::search::Filters::default();
        for (q, offset) in [("\"dan van", 0), ("foo:bar", 0), ("dân vận", crate::index::search::MAX_OFFSET + 1)] {
            let e = crate::index::search::search_page(&index, &fields, q, &none, offset, 10).unwrap_err();
            assert!(matches!(e, Error::Query(_)), "{q}: {e}");
            assert_eq!(AppError::from_lib(e).status, StatusCode::BAD_REQUEST, "{q}");
        }
    }
}
